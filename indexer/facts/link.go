package facts

import (
	"cmp"
	"math"
	"slices"
)

// Link is the verdict on whether two claims state the same fact.
type Link struct {
	// Score is how sure we are, from 0 to 1.
	Score float64
	// Shared are the words both sentences use near their numbers, strongest first, as the
	// first claim writes them.
	Shared []string
}

// Weights of the parts of a link's score and the threshold a link must reach.
const (
	termsWeight = 0.6
	valueWeight = 0.4
	// storyFloor is what is left of a link between articles naming nothing in common;
	// storyFull the topic overlap past which two articles are one story.
	storyFloor   = 0.4
	storyFull    = 0.4
	LinkMinScore = 0.35
	meanMinScore = 0.25
	// yearMismatch scales a link whose sentences name different years: a share in 2023 and a
	// share in 2028 are two facts.
	yearMismatch = 0.4
	// sharedShown bounds the terms a link reports.
	sharedShown = 6
)

// Score says whether a and b state the same fact: same dimension (and, for counts, the same
// counted thing), sentences that speak of the same thing near their numbers, years that do not
// contradict, values of the same order.
func Score(a, b *Signature) Link {
	if a.Dim != b.Dim || a.Dim == dimCount && !sameCounted(a.Counted, b.Counted) {
		return Link{}
	}
	verdict, _ := Compare(a.Reading, b.Reading)
	if a.URL == b.URL && a.URL != "" && !restates(a.Reading, b.Reading) {
		// One article giving two figures states two facts (or quotes two sources, which it says).
		return Link{}
	}
	terms, shared := cosine(a, b)
	// Claims of one story (articles naming the same companies, places, programmes) state the
	// same fact far more often than claims of two stories that happen to share words.
	story := storyFloor + (1-storyFloor)*min(1, topicOverlap(a, b)/storyFull)
	s := (termsWeight*terms + valueWeight*valueCloseness(a.Reading, b.Reading, verdict)) * story
	if a.Year != 0 && b.Year != 0 && a.Year != b.Year {
		s *= yearMismatch
	}
	return Link{Score: s, Shared: shared}
}

// valueCloseness is 1 for agreeing values and falls with their ratio: 0.5 at a factor of 2.
func valueCloseness(a, b Reading, v Verdict) float64 {
	if v != Disagree {
		return 1
	}
	lo, hi := math.Abs(a.Point), math.Abs(b.Point)
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == 0 {
		return 0
	}
	return 1 / (1 + math.Log2(hi/lo))
}

// cosine is the weighted cosine of two signatures' terms, and the shared terms by weight.
func cosine(a, b *Signature) (float64, []string) {
	if a.norm == 0 || b.norm == 0 {
		return 0, nil
	}
	type weighted struct {
		key string
		w   float64
	}
	var dot float64
	var shared []weighted
	for k, wa := range a.Terms {
		if wb, ok := b.Terms[k]; ok {
			dot += wa * wb
			shared = append(shared, weighted{k, wa * wb})
		}
	}
	slices.SortFunc(shared, func(x, y weighted) int {
		if c := cmp.Compare(y.w, x.w); c != 0 {
			return c
		}
		return cmp.Compare(x.key, y.key)
	})
	keys := make([]string, 0, min(len(shared), sharedShown))
	for _, s := range shared[:min(len(shared), sharedShown)] {
		keys = append(keys, a.words[s.key])
	}
	return dot / (a.norm * b.norm), keys
}

// sameCounted reports whether two counts count the same thing by either key.
func sameCounted(a, b [2]string) bool {
	return a[0] != "" && a[0] == b[0] || a[1] != "" && a[1] == b[1]
}

// Candidate is a claim already assigned to a fact.
type Candidate struct {
	Signature *Signature
	Fact      string
}

// Assign returns the fact that s states, among the facts of candidates, with the link to it,
// or s's own id as a new fact. A fact is s's when s's best link to one of its claims reaches
// LinkMinScore and its mean link to them reaches meanMinScore, which keeps one loose link from
// chaining two facts into one; a fact holding another value from s's own article is not s's.
// Candidates should hold every claim of their facts.
func Assign(s *Signature, candidates []Candidate) (string, Link) {
	type tally struct {
		best   Link
		sum    float64
		n      int
		vetoed bool
	}
	byFact := make(map[string]*tally)
	for _, c := range candidates {
		o := c.Signature
		if o.ID == s.ID {
			continue
		}
		t := byFact[c.Fact]
		if t == nil {
			t = &tally{}
			byFact[c.Fact] = t
		}
		if o.URL == s.URL && s.URL != "" {
			if v, _ := Compare(s.Reading, o.Reading); v != Agree {
				t.vetoed = true
			}
		}
		l := Score(s, o)
		t.sum += l.Score
		t.n++
		if l.Score > t.best.Score {
			t.best = l
		}
	}
	bestFact, best, bestRank := s.ID, Link{Score: 1}, 0.0
	for f, t := range byFact {
		mean := t.sum / float64(t.n)
		if t.vetoed || t.best.Score < LinkMinScore || mean < meanMinScore {
			continue
		}
		rank := (t.best.Score + mean) / 2
		if rank > bestRank || rank == bestRank && f < bestFact {
			bestFact, best, bestRank = f, t.best, rank
		}
	}
	return bestFact, best
}

// topicOverlap is the cosine of two topics' weights.
func topicOverlap(a, b *Signature) float64 {
	var dot, na, nb float64
	for k, w := range a.Topic {
		na += w * w
		if wb, ok := b.Topic[k]; ok {
			dot += w * wb
		}
	}
	for _, w := range b.Topic {
		nb += w * w
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// restates reports whether two figures are the same figure written again (in the headline and
// the body, or "2.5 GW" and "2,500 MW"): their readings' points fall within each other's.
func restates(a, b Reading) bool {
	return a.Point >= b.Lo && a.Point <= b.Hi && b.Point >= a.Lo && b.Point <= a.Hi && a.Floor == b.Floor && a.Ceiling == b.Ceiling
}
