// Package realnews measures the whole reading of real news, extractor and fact linker together,
// on the shared corpus of annotated articles (../shared/corpus/dev).
package realnews

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/crawler"
	"github.com/claimwire/claimwire/extractor"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/facts"
	"github.com/claimwire/claimwire/internal/devcorpus"
)

const (
	devRoot   = "../../../shared/corpus/dev"
	seedsRoot = "../../../shared/corpus/seeds"
)

// floors are what the linker holds on a corpus, just under what it measures today, so that a
// change making it worse fails. Issue 15 asks for link precision 0.90 and recall 0.80, 90% of
// the clear conflicts found and 90% of reported groups real, the floors of the dev corpus.
type floors struct {
	precision, recall float64
	found             float64 // conflict groups not marked mild
	real              float64 // reported groups that are real conflicts
}

var (
	devFloors = floors{precision: 0.90, recall: 0.80, found: 0.90, real: 0.90}
	// devBatchedFloors hold the dev corpus indexed five articles per batch.
	devBatchedFloors = floors{precision: 0.90, recall: 0.80, found: 0.90, real: 0.90}
	// arrivalFloors hold the dev corpus indexed in other orders than its own. Facts form as
	// claims arrive, so an order bringing a claim in before the claims that tie it to its fact
	// splits the fact, or joins the claim to a neighbouring one; a later claim tying two small
	// facts merges them (facts.Merges), which repairs part of it. Backwards and in two shuffled
	// orders, 30 to 33 of the 37 clear conflicts are found (34 in the corpus's order), link
	// precision is 0.88 to 0.95.
	arrivalFloors = floors{precision: 0.86, recall: 0.82, found: 0.75, real: 0.90}
	// The seeds are five French captures about the EU's AI gigafactories, the story the issue
	// was written from; 76 proposals against more than 160 companies must be found there.
	seedsFloors = floors{precision: 0.94, recall: 0.85, found: 0.3, real: 0.9}
)

// linked is a claim read from a dev article, its gold row and the fact the linker gave it.
type linked struct {
	claim claimwire.Claim
	set   string
	gold  *devcorpus.Row // nil when the claim matches no gold row
	fact  string
	link  facts.Link
	marks facts.Marks
}

// readCorpus extracts the claims of the corpus load reads from root (readSets), or skips t
// where it is absent.
func readCorpus(t testing.TB, load func(root string) ([]devcorpus.Set, error), root string) ([]devcorpus.Set, []linked, [][2]int) {
	t.Helper()
	sets, err := load(root)
	if errors.Is(err, devcorpus.ErrAbsent) {
		t.Skipf("real-news corpus absent (%v): fact linking is not measured", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	claims, articles := readSets(t, sets)
	return sets, claims, articles
}

// readSets extracts the claims of every article of sets, in corpus order, with their gold rows
// and each article's claims together, as the extractor publishes them.
func readSets(t testing.TB, sets []devcorpus.Set) ([]linked, [][2]int) {
	t.Helper()
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The pipeline indexes what the crawler keeps: off-topic articles never reach the linker.
	topics, err := crawler.NewTopicFilter(crawler.DefaultTopics())
	if err != nil {
		t.Fatal(err)
	}
	var out []linked
	var articles [][2]int // each article's claims, out[from:to]
	for _, s := range sets {
		for _, a := range s.Articles {
			if !topics.OnTopic(a.Title, a.Text) {
				continue
			}
			var rows []devcorpus.Row
			for _, r := range s.Gold {
				if r.Article == a.Name {
					rows = append(rows, r)
				}
			}
			qs := ex.Extract(a.Text, a.Lang)
			match := devcorpus.Match(rows, len(qs), func(i int) (int, int, float64, *float64) {
				return qs[i].Start, qs[i].End, qs[i].Value, qs[i].ValueMax
			})
			art := claimwire.Article{URL: a.URL, Site: a.Site, Title: a.Title, Lang: a.Lang, Published: a.PublishedTime()}
			from := len(out)
			for i, c := range claimwire.NewClaims(&art, qs) {
				l := linked{claim: c, set: s.Name}
				if match[i] >= 0 {
					l.gold = &rows[match[i]]
				}
				out = append(out, l)
			}
			articles = append(articles, [2]int{from, len(out)})
		}
	}
	return out, articles
}

// linkInMemory links each claim against every claim before it, with term rarities from the
// corpus, and merges the facts it ties (facts.Merges): the linker alone, without the index's
// choice of candidates.
func linkInMemory(t testing.TB, sets []devcorpus.Set, claims []linked, articles [][2]int) {
	var cands []facts.Candidate // cands[i] is claims[i]'s
	sigs := signatures(t, sets, claims, articles)
	for i := range claims {
		l := &claims[i]
		l.fact, l.link = facts.Assign(&sigs[i], cands)
		merged := facts.Merges(&sigs[i], l.fact, cands)
		cands = append(cands, facts.Candidate{Signature: &sigs[i], Fact: l.fact})
		for _, m := range merged {
			for k := range cands {
				if cands[k].Fact == m.Fact {
					cands[k].Fact, claims[k].fact = l.fact, l.fact
				}
				if claims[k].claim.ID == m.Fact {
					claims[k].link = m.Link // the claim that started the fact rests on the merging link
				}
			}
		}
	}
}

// signatures reads each claim in its article's topic, and gives it the marks its signature
// reads, as the index stores them.
func signatures(t testing.TB, sets []devcorpus.Set, claims []linked, articles [][2]int) []facts.Signature {
	base, err := indexer.NewLexicon(nil)
	if err != nil {
		t.Fatal(err)
	}
	lex := corpusRarity(base, sets)
	sigs := make([]facts.Signature, len(claims))
	for _, span := range articles {
		if span[0] == span[1] {
			continue
		}
		var sentences []string
		for _, l := range claims[span[0]:span[1]] {
			sentences = append(sentences, l.claim.Sentence)
		}
		first := &claims[span[0]].claim
		story := facts.ReadStory(lex, first.Lang, first.Title, sentences)
		article := make([]*facts.Signature, 0, span[1]-span[0])
		for i := span[0]; i < span[1]; i++ {
			sigs[i] = facts.NewSignature(&claims[i].claim, lex, story)
			claims[i].marks = sigs[i].Marks()
			article = append(article, &sigs[i])
		}
		facts.ShareArticle(article) // as the index does
	}
	return sigs
}

// linkIndexed writes the claims to a real index on disk, the claims of perBatch articles per
// batch (an indexer pulls as many as have arrived), and reads back the fact each claim was given.
func linkIndexed(t *testing.T, claims []linked, articles [][2]int, perBatch int) {
	ctx := t.Context()
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var batch []claimwire.Claim
	for n, span := range articles {
		for _, l := range claims[span[0]:span[1]] {
			batch = append(batch, l.claim)
		}
		if (n+1)%perBatch != 0 && n != len(articles)-1 {
			continue
		}
		if err := ix.Index(ctx, batch); err != nil {
			t.Fatal(err)
		}
		batch = nil
	}
	for i := range claims {
		h, ok, err := ix.Get(ctx, claims[i].claim.ID)
		if err != nil || !ok {
			t.Fatalf("claim %s: found %v, %v", claims[i].claim.ID, ok, err)
		}
		claims[i].fact, claims[i].link = h.Fact, facts.Link{Score: h.FactScore, Shared: h.FactWhy, With: h.FactVia}
	}
}

// rarityLexicon weighs terms by the share of the corpus's sentences using them, as the index
// weighs them by its claims.
type rarityLexicon struct {
	facts.Lexicon
	df map[string]int
	n  int
}

func (l rarityLexicon) Rarity(key string) float64 {
	return math.Log(float64(l.n+1)/float64(l.df[key]+1)) / math.Log(float64(l.n+1))
}

// corpusRarity counts the sentences of the corpus using each term. Sentences are cut at full
// stops and line breaks, close enough to the extractor's for document frequencies.
func corpusRarity(lex facts.Lexicon, sets []devcorpus.Set) rarityLexicon {
	l := rarityLexicon{Lexicon: lex, df: make(map[string]int)}
	for _, s := range sets {
		for _, a := range s.Articles {
			for _, sentence := range strings.FieldsFunc(a.Text, func(r rune) bool { return r == '.' || r == '\n' }) {
				seen := make(map[string]bool)
				for _, t := range lex.Terms(a.Lang, sentence) {
					if !seen[t.Key] {
						seen[t.Key] = true
						l.df[t.Key]++
					}
				}
				l.n++
			}
		}
	}
	return l
}

// TestFactLinksDev scores the linker's "same fact" links pairwise over the claims that match an
// annotated quantity (roles aside), and the conflict groups reported against conflicts.json.
func TestFactLinksDev(t *testing.T) {
	sets, claims, articles := readCorpus(t, devcorpus.Load, devRoot)
	linkInMemory(t, sets, claims, articles)
	scoreLinks(t, sets, claims, devFloors)
}

// TestFactLinksIndexedDev scores the facts the index gives the dev corpus's claims, measured
// through each claim's fact id as a user of the API sees them: one article per batch, as an idle
// pipeline indexes them, and five, as an indexer catching up on a fast crawl does. Links are
// made in order, so the batching moves a borderline claim from one fact to another, and so does
// the order articles arrive in: a crawl brings them in no set order, so the corpus is also
// indexed backwards and in two shuffled orders (arrivalFloors).
func TestFactLinksIndexedDev(t *testing.T) {
	for _, tt := range []struct {
		name     string
		perBatch int
		order    func([][2]int) [][2]int
		want     floors
	}{
		{"one article per batch", 1, nil, devFloors},
		{"five articles per batch", 5, nil, devBatchedFloors},
		{"arrival reversed", 1, func(a [][2]int) [][2]int { slices.Reverse(a); return a }, arrivalFloors},
		{"arrival shuffled, seed 1", 1, shuffled(1), arrivalFloors},
		{"arrival shuffled, seed 2", 1, shuffled(2), arrivalFloors},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sets, claims, articles := readCorpus(t, devcorpus.Load, devRoot)
			signatures(t, sets, claims, articles) // the marks the index stores with each claim
			order := articles
			if tt.order != nil {
				order = tt.order(slices.Clone(articles))
			}
			linkIndexed(t, claims, order, tt.perBatch)
			scoreLinks(t, sets, claims, tt.want)
		})
	}
}

// shuffled returns an order of articles shuffled by a generator seeded with seed.
func shuffled(seed uint64) func([][2]int) [][2]int {
	return func(a [][2]int) [][2]int {
		rand.New(rand.NewPCG(seed, seed)).Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
		return a
	}
}

// TestFactLinksIndexedSeeds scores the facts the index gives the seed texts' claims, each
// metric of their gold standing for a fact.
func TestFactLinksIndexedSeeds(t *testing.T) {
	sets, claims, articles := readCorpus(t, devcorpus.LoadSeeds, seedsRoot)
	signatures(t, sets, claims, articles)
	linkIndexed(t, claims, articles, 1)
	scoreLinks(t, sets, claims, seedsFloors)
}

// scoreLinks logs and checks link precision and recall, conflicts found and reported groups real.
func scoreLinks(t *testing.T, sets []devcorpus.Set, claims []linked, want floors) {
	var tp, fp, fn int
	for i := range claims {
		a := &claims[i]
		if a.gold == nil || a.gold.Role != "" {
			continue
		}
		for j := i + 1; j < len(claims); j++ {
			b := &claims[j]
			if b.gold == nil || b.gold.Role != "" {
				continue
			}
			gold := a.set == b.set && a.gold.Fact == b.gold.Fact
			got := a.fact == b.fact
			switch {
			case gold && got:
				tp++
			case got:
				fp++
				if testing.Verbose() {
					t.Logf("false link %.2f %v: %s %q [%s] ~ %s %q [%s]", max(a.link.Score, b.link.Score), b.link.Shared,
						a.gold.Article, a.claim.Surface, a.gold.Fact, b.gold.Article, b.claim.Surface, b.gold.Fact)
				}
			case gold:
				fn++
				if testing.Verbose() {
					t.Logf("missed link: %s %q ~ %s %q [%s]", a.gold.Article, a.claim.Surface, b.gold.Article, b.claim.Surface, a.gold.Fact)
				}
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	t.Logf("same-fact links: precision %.3f recall %.3f (%d right, %d wrong, %d missed)", precision, recall, tp, fp, fn)

	found, clear, real, reported := scoreConflicts(t, sets, claims)
	t.Logf("conflicts: %d of %d clear conflict groups found; %d of %d reported groups real", found, clear, real, reported)
	if precision < want.precision || recall < want.recall {
		t.Errorf("same-fact links: precision %.3f (want ≥ %.2f), recall %.3f (want ≥ %.2f)", precision, want.precision, recall, want.recall)
	}
	if float64(found) < want.found*float64(clear) {
		t.Errorf("found %d of %d clear conflicts, want ≥ %.0f%%", found, clear, want.found*100)
	}
	if float64(real) < want.real*float64(reported) {
		t.Errorf("%d of %d reported groups are real, want ≥ %.0f%%", real, reported, want.real*100)
	}
}

// scoreConflicts counts the conflicts of conflicts.json (not mild) that some reported group
// holds two differing values of, and the reported groups whose disagreement is one of the
// corpus's conflicts (mild ones included).
func scoreConflicts(t *testing.T, sets []devcorpus.Set, claims []linked) (found, clear, real, reported int) {
	members := make([]facts.Member, len(claims))
	byID := make(map[string]*linked, len(claims))
	for i := range claims {
		members[i] = facts.Member{Claim: &claims[i].claim, Fact: claims[i].fact, Score: claims[i].link.Score, Why: claims[i].link.Shared, Via: claims[i].link.With, Marks: claims[i].marks}
		byID[claims[i].claim.ID] = &claims[i]
	}
	groups := facts.Conflicts(members)
	conflictOf := make(map[string]bool) // set/fact → is a conflict of the corpus
	for _, s := range sets {
		for _, c := range s.Conflicts {
			conflictOf[s.Name+"/"+c.Fact] = true
		}
	}
	// A value is its reading in the group's unit, and the base of the unit it is written in:
	// "150 MWh" written for "150 MW" differs from it.
	type statedValue struct {
		low  float64
		base string
	}
	hit := make(map[string]bool)
	for _, g := range groups {
		factValues := make(map[string]map[statedValue]bool)
		for _, v := range g.Values {
			for _, src := range v.Sources {
				l := byID[src.ID]
				if l == nil || l.gold == nil {
					continue
				}
				k := l.set + "/" + l.gold.Fact
				if factValues[k] == nil {
					factValues[k] = make(map[statedValue]bool)
				}
				u, _ := claimwire.LookupUnit(v.Unit)
				factValues[k][statedValue{v.Low, u.Base}] = true
			}
		}
		isReal := false
		for k, vs := range factValues {
			if conflictOf[k] && len(vs) > 1 {
				isReal = true
				hit[k] = true
			}
		}
		reported++
		if isReal {
			real++
		}
		if testing.Verbose() {
			t.Logf("group real=%v rank %.2f conf %.2f gap %.3f mild=%v why %v: %s", isReal, g.Rank, g.Confidence, g.Gap, g.Mild, g.Why, describe(g, byID))
		}
	}
	for _, s := range sets {
		for _, c := range s.Conflicts {
			if c.Mild {
				continue
			}
			clear++
			if hit[s.Name+"/"+c.Fact] {
				found++
			} else if testing.Verbose() {
				t.Logf("conflict not found: %s/%s", s.Name, c.Fact)
			}
		}
	}
	return found, clear, real, reported
}

// describe lists a group's values with the gold facts of their claims.
func describe(g facts.Group, byID map[string]*linked) string {
	var out string
	for _, v := range g.Values {
		var fs []string
		for _, s := range v.Sources {
			f := "?"
			if l := byID[s.ID]; l != nil && l.gold != nil {
				f = l.gold.Fact
			}
			if !slices.Contains(fs, f) {
				fs = append(fs, f)
			}
		}
		out += fmt.Sprintf(" [%g %s %s ×%d %v]", v.Value, v.Unit, v.Qualifier, len(v.Sources), fs)
	}
	return out
}
