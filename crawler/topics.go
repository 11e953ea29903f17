package crawler

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// DefaultTopicThreshold is the score an article needs by default, chosen on real news (the
// on- and off-topic articles of the shared dev corpus) and the cases of crawler/testdata/topics:
// there, on-topic articles score 9.8 and more and off-topic ones (near misses included) 6 at
// most, so the threshold sits in the middle of the gap (TestTopicsOnCorpus measures both).
const DefaultTopicThreshold = 8

// Reasons an article is dropped as off topic, counted in Stats.OffTopicByReason.
const (
	reasonNoTopicTerms = "no_topic_terms"  // not one term of the vocabulary
	reasonLowScore     = "below_threshold" // some terms, too few or too weak
)

// Scoring constants, tuned with DefaultTopicThreshold.
const (
	// maxTermCount caps how often one term counts, so that a page repeating one ambiguous word
	// ("chips" in a cooking column) does not reach the threshold on it alone.
	maxTermCount = 3
	// titleFactor weighs a term in the title: a headline states what the article is about.
	titleFactor = 2
	// maxDensityBonus caps the bonus for claim-like numbers (amounts, percentages, scales).
	maxDensityBonus = 2
	// maxContextScore caps what context terms (energy, money, tech words) add to a score.
	maxContextScore = 4
)

//go:embed data/topics.yaml
var builtinTopics []byte

// TopicRules configure the topic filter, a scored classifier of AI infrastructure news in
// French and English: an article is published when its score reaches Threshold. The score sums
// the weights of the vocabulary's terms found in the title and text (data/topics.yaml), of the
// topic units that follow a number ("300 MW", "10 000 GPU"), and a bonus for the density of
// claim-like numbers when the article has topic terms at all.
type TopicRules struct {
	// Threshold is the score an article needs; 0 means DefaultTopicThreshold.
	Threshold float64 `yaml:"threshold"`
	// Terms adds words or phrases to the built-in vocabulary or changes their weight; a weight
	// of 0 removes a built-in term. Written in capitals ("IA"), a term only matches capitals.
	Terms map[string]float64 `yaml:"terms"`
	// Disabled publishes every article, whatever its topic.
	Disabled bool `yaml:"disabled"`
}

// DefaultTopics returns the built-in AI infrastructure rules.
func DefaultTopics() TopicRules { return TopicRules{Threshold: DefaultTopicThreshold} }

func (r TopicRules) validate() error {
	if r.Threshold < 0 {
		return fmt.Errorf("topics.threshold %v is negative", r.Threshold)
	}
	for term, w := range r.Terms {
		if w < 0 {
			return fmt.Errorf("topics.terms[%q]: weight %v is negative", term, w)
		}
		if len(normalizeWords(term)) == 0 {
			return fmt.Errorf("topics.terms[%q]: no word in it", term)
		}
	}
	return nil
}

// topicVocabulary is the format of data/topics.yaml.
type topicVocabulary struct {
	Groups []struct {
		Weight      float64  `yaml:"weight"`
		Context     bool     `yaml:"context"`
		AfterNumber bool     `yaml:"after_number"`
		Terms       []string `yaml:"terms"`
		Acronyms    []string `yaml:"acronyms"`
	} `yaml:"groups"`
}

// topicTerm is one compiled term.
type topicTerm struct {
	id     int
	words  []string // normalised, see tokenize
	weight float64
	// caps: the term matches only words written in capitals (acronyms such as "AI", "A.I.").
	caps bool
	// context terms add at most maxContextScore to a score.
	context bool
}

// topicMatcher is the compiled form of TopicRules; it is immutable once built. A nil matcher
// accepts everything.
type topicMatcher struct {
	terms     map[string][]topicTerm // by first word
	units     map[string][]topicTerm // by first word, counted right after a number
	nterms    int
	threshold float64
}

// topicVerdict is the topic filter's judgement of one article.
type topicVerdict struct {
	on     bool
	score  float64
	reason string // why an article is off topic: reasonNoTopicTerms or reasonLowScore
}

func newTopicMatcher(r TopicRules) (*topicMatcher, error) {
	if r.Disabled {
		return nil, nil
	}
	var voc topicVocabulary
	if err := yaml.Unmarshal(builtinTopics, &voc); err != nil {
		return nil, fmt.Errorf("crawler: built-in topic vocabulary: %w", err)
	}
	m := &topicMatcher{terms: map[string][]topicTerm{}, units: map[string][]topicTerm{}, threshold: r.Threshold}
	if m.threshold == 0 {
		m.threshold = DefaultTopicThreshold
	}
	for _, g := range voc.Groups {
		into := m.terms
		if g.AfterNumber {
			into = m.units
		}
		for _, t := range g.Terms {
			if _, ok := r.Terms[t]; !ok || g.AfterNumber {
				m.add(into, t, topicTerm{weight: g.Weight, context: g.Context})
			}
		}
		for _, t := range g.Acronyms {
			t = strings.ToUpper(t)
			if _, ok := r.Terms[t]; !ok {
				m.add(into, t, topicTerm{weight: g.Weight, context: g.Context, caps: true})
			}
		}
	}
	// The configuration's terms replace built-in ones of the same spelling; weight 0 removes.
	for t, w := range r.Terms {
		if w > 0 {
			m.add(m.terms, t, topicTerm{weight: w, caps: isAcronym(t)})
		}
	}
	return m, nil
}

// isAcronym reports whether a configured term is one word in capitals ("IA"), which then only
// matches capitals.
func isAcronym(term string) bool {
	return len(normalizeWords(term)) == 1 && term == strings.ToUpper(term) && term != strings.ToLower(term)
}

// add compiles term with the weight and flags of t.
func (m *topicMatcher) add(into map[string][]topicTerm, term string, t topicTerm) {
	t.words = normalizeWords(term)
	if len(t.words) == 0 {
		return
	}
	t.id = m.nterms
	m.nterms++
	into[t.words[0]] = append(into[t.words[0]], t)
}

// TopicFilter is the crawler's judgement of which articles are on topic, for readers of
// articles that do not come through a crawl (a corpus, an import), so that they keep what a
// crawl keeps.
type TopicFilter struct{ m *topicMatcher }

// NewTopicFilter compiles the rules.
func NewTopicFilter(r TopicRules) (*TopicFilter, error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	m, err := newTopicMatcher(r)
	if err != nil {
		return nil, err
	}
	return &TopicFilter{m: m}, nil
}

// OnTopic reports whether a crawl publishes the article.
func (f *TopicFilter) OnTopic(title, text string) bool { return f.m.judge(title, text).on }

// judge scores an article's title and text against the threshold.
func (m *topicMatcher) judge(title, text string) topicVerdict {
	if m == nil {
		return topicVerdict{on: true}
	}
	s := m.score(title, text)
	v := topicVerdict{score: s, on: s >= m.threshold}
	switch {
	case v.on:
	case s == 0:
		v.reason = reasonNoTopicTerms
	default:
		v.reason = reasonLowScore
	}
	return v
}

// score is the article's topic score: see TopicRules.
func (m *topicMatcher) score(title, text string) float64 {
	counts := make([]int, m.nterms)
	var core, context float64
	count := func(t topicTerm, factor float64) {
		if t.context {
			context += factor * t.weight
		} else {
			core += factor * t.weight
		}
	}
	toks := tokenize(title)
	for i := 0; i < len(toks); i++ {
		if t, ok := m.termAt(m.terms, toks[i:]); ok {
			count(t, titleFactor)
			i += len(t.words) - 1
		}
	}
	toks = tokenize(text)
	words, claimLike := 0, 0
	for i := 0; i < len(toks); i++ {
		if toks[i].number {
			t, unit := m.termAt(m.units, toks[i+1:])
			if unit || numberUnit(toks[i+1:]) {
				claimLike++
			}
			if unit && counts[t.id] < maxTermCount {
				counts[t.id]++
				count(t, 1)
			}
			continue
		}
		words++
		if t, ok := m.termAt(m.terms, toks[i:]); ok {
			if counts[t.id] < maxTermCount {
				counts[t.id]++
				count(t, 1)
			}
			// The words of a matched term are not matched again: the "puces" of "marché aux
			// puces" are no chips.
			i += len(t.words) - 1
		}
	}
	if core == 0 {
		// Context and numbers alone say nothing of the topic (an election, a box office).
		return min(context, maxContextScore)
	}
	// Claim-like numbers make an article with topic terms more likely news worth extracting.
	return core + min(context, maxContextScore) + min(maxDensityBonus, float64(claimLike)*100/float64(max(words, 1)))
}

// termAt returns the longest term of index that starts at toks[0].
func (m *topicMatcher) termAt(index map[string][]topicTerm, toks []token) (topicTerm, bool) {
	var best topicTerm
	if len(toks) == 0 {
		return best, false
	}
	found := false
	for _, t := range index[toks[0].word] {
		if len(t.words) > len(toks) || (found && len(t.words) <= len(best.words)) {
			continue
		}
		match := true
		for j, w := range t.words {
			if toks[j].word != w || (t.caps && !toks[j].caps) {
				match = false
				break
			}
		}
		if match {
			best, found = t, true
		}
	}
	return best, found
}

// numberUnit reports whether the tokens after a number make it claim-like, as a percentage,
// an amount of money or a scale ("12 %", "3 milliards", "$ 5", "40 billion") do; so do the
// topic's units.
func numberUnit(next []token) bool {
	if len(next) > 0 && next[0].number {
		return false // "1,3 milliard" and "100 000 $" count at their last digits
	}
	for _, t := range next[:min(2, len(next))] {
		switch t.word {
		case "%", "€", "$", "£", "percent", "pourcent", "million", "milliard", "billion", "trillion",
			"bn", "mrd", "md", "euro", "dollar", "pour":
			return true
		}
	}
	return false
}

// token is a word of a text, lower-cased, without accents and without one plural ending, or a
// currency or percent sign.
type token struct {
	word   string
	caps   bool // written in capitals, a plural "s" aside ("GPUs")
	number bool
}

// tokenize splits s into tokens: see token.
func tokenize(s string) []token {
	var toks []token
	var b strings.Builder
	upper, lower, digits := 0, 0, 0
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		caps := upper > 0 && (lower == 0 || (lower == 1 && upper > 1 && strings.HasSuffix(w, "s")))
		toks = append(toks, token{word: singular(w), caps: caps, number: digits == b.Len()})
		b.Reset()
		upper, lower, digits = 0, 0, 0
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped so that "données" and "donnees" agree
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			switch {
			case unicode.IsUpper(r):
				upper++
			case unicode.IsLower(r):
				lower++
			case r <= '9' && r >= '0':
				digits++
			}
			b.WriteRune(unicode.ToLower(r))
		case r == '%' || r == '€' || r == '$' || r == '£':
			flush()
			toks = append(toks, token{word: string(r)})
		default:
			flush()
		}
	}
	flush()
	return toks
}

// singular drops one plural ending so that "puces" and "GPUs" match "puce" and "GPU". Terms
// go through the same function, so both sides agree.
func singular(w string) string {
	if len(w) > 3 && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) {
		return w[:len(w)-1]
	}
	return w
}

// normalizeWords lower-cases s, strips accents and splits it on anything that is not a letter
// or a digit.
func normalizeWords(s string) []string {
	toks := tokenize(s)
	words := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.word != "%" && t.word != "€" && t.word != "$" && t.word != "£" {
			words = append(words, t.word)
		}
	}
	return words
}
