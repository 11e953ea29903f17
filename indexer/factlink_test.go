package indexer

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/facts"
	"github.com/claimwire/claimwire/indexer/indexertest"
	"github.com/claimwire/claimwire/indexer/review"
)

// magdeburg are testdata/facts.json, by article: three articles, written for these tests, about
// one call for proposals, in English and French. Two say 76 proposals, one more than 160; the
// first also gives the plant's cost, another fact.
func magdeburg(t testing.TB) [][]claimwire.Claim {
	t.Helper()
	cs := indexertest.Claims(t, "testdata/facts.json")
	var out [][]claimwire.Claim
	for i, c := range cs {
		if i == 0 || c.URL != cs[i-1].URL {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], c)
	}
	return out
}

// openMagdeburg indexes the fixture claims, whose words give the linker a sense of which words
// are rare, then the Magdeburg articles, one batch each; it returns the Magdeburg claims:
// 76 (English), €5bn, 76 (French), more than 160.
func openMagdeburg(t *testing.T) (*Index, []claimwire.Claim) {
	t.Helper()
	ix, _ := openFixture(t, Options{})
	var cs []claimwire.Claim
	for _, batch := range magdeburg(t) {
		if err := ix.Index(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, batch...)
	}
	return ix, cs
}

func get(t *testing.T, ix *Index, id string) Hit {
	t.Helper()
	h, ok, err := ix.Get(context.Background(), id)
	if err != nil || !ok {
		t.Fatalf("Get(%s) = %v, %v", id, ok, err)
	}
	return h
}

// checkMagdeburgFacts: the three counts of proposals state one fact, the first claim's, and the
// cost another.
func checkMagdeburgFacts(t *testing.T, ix *Index, cs []claimwire.Claim) {
	t.Helper()
	en76, cost, fr76, more160 := get(t, ix, cs[0].ID), get(t, ix, cs[1].ID), get(t, ix, cs[2].ID), get(t, ix, cs[3].ID)
	if en76.Fact != en76.ID || en76.FactScore != 1 || len(en76.FactWhy) != 0 {
		t.Errorf("the first claim starts its fact: %+v", en76.Linkage)
	}
	for _, h := range []Hit{fr76, more160} {
		if h.Fact != en76.ID || h.FactScore <= 0 || h.FactScore > 1 || len(h.FactWhy) == 0 {
			t.Errorf("%q: %+v, want fact %s with a score and words", h.Surface, h.Linkage, en76.ID)
		}
	}
	if cost.Fact == en76.Fact {
		t.Errorf("the plant's cost states the count of proposals")
	}
}

func TestLinkAtIndexTime(t *testing.T) {
	ix, cs := openMagdeburg(t)
	checkMagdeburgFacts(t, ix, cs)
	// The fact is a field of its own, and the search returns it.
	res, err := ix.Search(context.Background(), Query{Q: "fact:" + cs[0].ID})
	if err != nil || res.Total != 3 {
		t.Fatalf("fact:%s found %v, %v; want the 3 claims", cs[0].ID, res, err)
	}
	for _, h := range res.Claims {
		if h.Fact != cs[0].ID {
			t.Errorf("hit %s has fact %q", h.ID, h.Fact)
		}
	}
}

// TestLinkWithinOneBatch: claims of one batch link to those before them in the batch.
// TestLinkInANewIndex links the Magdeburg articles as an empty index's first: their story's
// names, in every claim it holds, still say that the articles tell one story.
func TestLinkInANewIndex(t *testing.T) {
	ix := openEmpty(t, Options{})
	var cs []claimwire.Claim
	for _, batch := range magdeburg(t) {
		if err := ix.Index(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, batch...)
	}
	checkMagdeburgFacts(t, ix, cs)
}

func TestLinkWithinOneBatch(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	var cs []claimwire.Claim
	for _, batch := range magdeburg(t) {
		cs = append(cs, batch...)
	}
	if err := ix.Index(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	checkMagdeburgFacts(t, ix, cs)
}

// TestLinkSeesBatchesBeingWritten: a batch linked while the one before it is still being
// written (the worker writes two at once) links to its claims.
func TestLinkSeesBatchesBeingWritten(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	ctx := context.Background()
	batches := magdeburg(t)
	first, done, err := ix.link(ctx, ix.live, batches[0])
	if err != nil {
		t.Fatal(err)
	}
	second, done2, err := ix.link(ctx, ix.live, batches[1])
	if err != nil {
		t.Fatal(err)
	}
	if second[0].rec.Fact != first[0].rec.ID {
		t.Errorf("the French 76 has fact %s, want the English one's, %s, which is not yet written", second[0].rec.Fact, first[0].rec.ID)
	}
	done()
	done2()
	if n := len(ix.live.links.pending); n != 0 {
		t.Errorf("%d batches still pending once written", n)
	}
}

// TestReindexedClaimKeepsItsFact: a claim indexed again (a redelivery, a new version of its
// article) is not its own candidate: alone it starts its fact again, and among others it
// rejoins the fact they hold.
func TestReindexedClaimKeepsItsFact(t *testing.T) {
	ix, cs := openMagdeburg(t)
	for range 2 {
		if err := ix.Index(context.Background(), cs[:1]); err != nil {
			t.Fatal(err)
		}
		// It rejoins its fact through the two claims that joined it, not through itself.
		if h := get(t, ix, cs[0].ID); h.Fact != cs[0].ID || len(h.FactWhy) == 0 {
			t.Errorf("the first claim indexed again: %+v", h.Linkage)
		}
		for _, c := range cs[2:] {
			if h := get(t, ix, c.ID); h.Fact != cs[0].ID {
				t.Errorf("%q left the fact: %+v", c.Surface, h.Linkage)
			}
		}
	}
	lone := openEmpty(t, Options{})
	for range 2 {
		if err := lone.Index(context.Background(), cs[:1]); err != nil {
			t.Fatal(err)
		}
		if h := get(t, lone, cs[0].ID); h.Fact != cs[0].ID || h.FactScore != 1 {
			t.Errorf("a claim alone is %+v, want its own fact", h.Linkage)
		}
	}
}

// TestRebuildRecomputesFacts: a rebuild replaying the same batches gives every claim the fact
// it had.
func TestRebuildRecomputesFacts(t *testing.T) {
	ctx := context.Background()
	ix := openEmpty(t, Options{Shards: 2})
	batches := append([][]claimwire.Claim{fixtureClaims(t)}, magdeburg(t)...)
	for _, b := range batches {
		if err := ix.Index(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	before := make(map[string]Linkage)
	for _, b := range batches {
		for _, c := range b {
			before[c.ID] = get(t, ix, c.ID).Linkage
		}
	}
	rb, err := ix.Rebuild()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := rb.Index(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := rb.Commit(); err != nil {
		t.Fatal(err)
	}
	for id, want := range before {
		// Scores are sums over maps, whose order varies: equal to the last bits or so.
		if got := get(t, ix, id).Linkage; got.Fact != want.Fact || math.Abs(got.FactScore-want.FactScore) > 1e-9 ||
			!slices.Equal(got.FactWhy, want.FactWhy) {
			t.Errorf("claim %s: %+v after the rebuild, %+v before", id, got, want)
		}
	}
}

// TestConflictsReportWholeFacts: a fact is reported when any of its claims matches the words,
// with all its claims.
func TestConflictsReportWholeFacts(t *testing.T) {
	ix, cs := openMagdeburg(t)
	for _, q := range []string{"", "ministry proposals", "Ledger", "fabricants"} {
		rep, err := ix.Conflicts(context.Background(), ConflictQuery{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(rep.Groups, func(g facts.Group) bool { return g.Fact == cs[0].ID })
		if i < 0 {
			t.Errorf("%q: no group for the Magdeburg proposals in %+v", q, rep.Groups)
			continue
		}
		g := rep.Groups[i]
		if len(g.Values) != 2 || g.Values[0].Value != 76 || g.Values[1].Value != 160 || len(g.Values[0].Sources) != 2 ||
			g.Articles != 3 || g.Disagreements != 1 || g.Subject == "" || len(g.Why) == 0 || g.Confidence <= 0 {
			t.Errorf("%q: group %+v, want 76 (two articles) against more than 160, with what and why", q, g)
		}
		if rep.Currency == nil || rep.Currency.Base != claimwire.BaseCurrency || rep.Truncated {
			t.Errorf("%q: report %+v", q, rep)
		}
	}
	rep, err := ix.Conflicts(context.Background(), ConflictQuery{Q: "zeppelin"})
	if err != nil || rep.Groups == nil || len(rep.Groups) != 0 || rep.ClaimsScanned != 0 {
		t.Errorf("nothing matching: %+v, %v; want an empty list", rep, err)
	}
}

// TestStoredMarks keeps with each claim what its sentence says its figure is, which the
// conflicts of its fact read.
func TestStoredMarks(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	a := claimwire.Article{URL: "https://marks.example/1", Lang: "en", Title: "Orbis adds capacity",
		Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	cs := claimwire.NewClaims(&a, []claimwire.Quantity{
		{Surface: "700 MW", Value: 700, Unit: "MW", Qualifier: "exact", Sentence: "Orbis took an option on another 700 MW.", SentenceOffset: 32, Lang: "en"},
		{Surface: "1.5 GW", Value: 1.5, Unit: "GW", Qualifier: "exact", Sentence: "The campus will draw 1.5 GW.", SentenceOffset: 21, Lang: "en"},
	})
	if err := ix.Index(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	ix.mu.RLock()
	shards := ix.live.shards
	ix.mu.RUnlock()
	for i, want := range []bool{true, false} {
		r, ok, err := ix.document(shards, cs[i].ID)
		if err != nil || !ok {
			t.Fatalf("%s: %v, %v", cs[i].Surface, ok, err)
		}
		if got := r.Marks != 0; got != want {
			t.Errorf("%q: marks %b, want marked %v", cs[i].Surface, r.Marks, want)
		}
	}
}

func TestFact(t *testing.T) {
	ix, cs := openMagdeburg(t)
	ctx := context.Background()
	f, ok, err := ix.Fact(ctx, cs[0].ID)
	if err != nil || !ok {
		t.Fatalf("Fact = %v, %v", ok, err)
	}
	if len(f.Claims) != 3 || f.Articles != 3 || f.Truncated || f.Subject == "" || f.Measure == "" || len(f.Why) == 0 ||
		f.Confidence <= 0 || f.Confidence > 1 {
		t.Errorf("fact %+v", f)
	}
	if len(f.Values) != 2 || f.Values[0].Value != 76 || len(f.Values[0].Sources) != 2 || f.Values[1].Value != 160 {
		t.Errorf("values %+v, want 76 from two articles and 160", f.Values)
	}
	if f.Conflict == nil || f.Conflict.Fact != cs[0].ID || f.Conflict.Disagreements != 1 {
		t.Errorf("conflict %+v", f.Conflict)
	}
	cost, ok, err := ix.Fact(ctx, cs[1].ID)
	if err != nil || !ok || len(cost.Claims) != 1 || cost.Conflict != nil || cost.Confidence != 1 || len(cost.Values) != 1 {
		t.Errorf("a fact of one claim: %+v, %v, %v", cost, ok, err)
	}
	if _, ok, err := ix.Fact(ctx, "nothing"); ok || err != nil {
		t.Errorf("unknown fact: %v, %v", ok, err)
	}
}

// TestFactOneSourcePerArticle: an article stating a value in its headline and again in its body
// is one source of it, shown by the body's sentence.
func TestFactOneSourcePerArticle(t *testing.T) {
	ix, cs := openMagdeburg(t)
	headline := []claimwire.Claim{cs[2]}
	headline[0].ID, headline[0].Sentence = "m03-headline", cs[2].Title
	if err := ix.Index(context.Background(), headline); err != nil {
		t.Fatal(err)
	}
	if h := get(t, ix, headline[0].ID); h.Fact != cs[0].ID {
		t.Fatalf("the headline's claim has fact %s, want %s", h.Fact, cs[0].ID)
	}
	f, _, err := ix.Fact(context.Background(), cs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Values[0].Sources {
		if s.URL == cs[2].URL && s.Sentence != cs[2].Sentence {
			t.Errorf("the French article is shown by %q, want its body's sentence", s.Sentence)
		}
	}
	if len(f.Values[0].Sources) != 2 || f.Articles != 3 || len(f.Claims) != 4 {
		t.Errorf("fact %+v, want 4 claims from 3 articles, 76 from 2", f)
	}
}

// TestRecentStart: conflicts read the matches of the last days of publication (months with
// words) that hold the claims they look at.
func TestRecentStart(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	tests := []struct {
		q     string
		n     int
		want  string // first day read, "" for all of them
		older bool
	}{
		{"", 1, "2025-07-02", true},   // c03
		{"", 3, "2025-06-20", true},   // c01 to c03
		{"", 6, "2025-04-05", true},   // then c14, c13 and c10 with c12, a day later than c09 and c11
		{"", 14, "2025-02-10", false}, // every claim
		{"", 15, "", false},
		{"campus", 2, "2025-04-01", true},  // c11, c12
		{"campus", 4, "2025-02-01", false}, // then c08, c07 (March holds one)
		{"campus", 5, "", false},
	}
	for _, tt := range tests {
		got, older, err := ix.recentStart(context.Background(), tt.q, tt.n)
		if err != nil {
			t.Fatal(err)
		}
		want := time.Time{}
		if tt.want != "" {
			want, _ = time.Parse(time.DateOnly, tt.want)
		}
		if !got.Equal(want) || older != tt.older {
			t.Errorf("recentStart(%q, %d) = %s, %v; want %s, %v", tt.q, tt.n, got, older, want, tt.older)
		}
	}
}

// TestFactMembersInParts: the claims of facts read in several parts at once are those read in
// one search, in the same order.
func TestFactMembersInParts(t *testing.T) {
	ix := openEmpty(t, Options{})
	ctx := context.Background()
	g := newClaimGen(5)
	for range 3 {
		if err := ix.Index(ctx, g.claims(1500)); err != nil {
			t.Fatal(err)
		}
	}
	ix.mu.RLock()
	varied := slices.Sorted(maps.Keys(ix.live.links.varied.facts))
	ix.mu.RUnlock()
	if len(varied) < 10 {
		t.Fatalf("%d facts of several values, want enough to read in parts", len(varied))
	}
	read := func(st *review.State, parts int) (ids []string, truncated bool) {
		members, truncated, err := ix.factMembers(ctx, st, varied, parts)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range members {
			ids = append(ids, m.Fact+"/"+m.Claim.ID)
		}
		return ids, truncated
	}
	// Read as the index gave the facts, then with the last fact merged into the first and a
	// claim of the second split out: a merged fact is read with the one it joined, whatever
	// part each falls in.
	merged := review.NewState()
	second, _ := read(merged, 1)
	for i, e := range []review.Event{
		{Kind: review.KindMerge, Fact: varied[0], Other: varied[len(varied)-1]},
		{Kind: review.KindSplit, Fact: varied[1], Claim: strings.TrimPrefix(second[slices.IndexFunc(second, func(id string) bool {
			return strings.HasPrefix(id, varied[1]+"/")
		})], varied[1]+"/")},
	} {
		e.V, e.Seq, e.ID, e.Reviewer, e.At = review.Version, uint64(i+1), fmt.Sprint("e", i), "Ana", time.Now()
		if err := e.Validate(); err != nil {
			t.Fatal(err)
		}
		merged.Apply(e)
	}
	for _, st := range []*review.State{review.NewState(), merged} {
		want, wantTruncated := read(st, 1)
		if len(want) <= len(varied)/2 {
			t.Fatalf("%d claims of %d facts of several claims", len(want), len(varied))
		}
		for _, parts := range []int{2, 3, len(varied) + 1} {
			if got, truncated := read(st, parts); !slices.Equal(got, want) || truncated != wantTruncated {
				t.Errorf("in %d parts: %v (truncated %v), want %v (%v)", parts, got, truncated, want, wantTruncated)
			}
		}
	}
	if got, _ := read(merged, 3); !slices.ContainsFunc(got, func(id string) bool { return strings.HasPrefix(id, varied[0]+"/") }) ||
		slices.ContainsFunc(got, func(id string) bool { return strings.HasPrefix(id, varied[len(varied)-1]+"/") }) {
		t.Errorf("the merged fact's claims are not read as the fact it joined: %v", got)
	}
}

// TestConflictsFollowWrites: the facts whose values can disagree are read from the index
// once, then follow the batches written, and a reopened index reads them again as it opens. A
// claim joining its fact with the value of the claim it linked to leaves the fact out of them;
// one joining with another value puts it in.
func TestConflictsFollowWrites(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	batches := append([][]claimwire.Claim{fixtureClaims(t)}, magdeburg(t)...)
	conflicts := func(ix *Index) []facts.Group {
		t.Helper()
		rep, err := ix.Conflicts(ctx, ConflictQuery{Q: "Magdeburg OR Magdebourg"})
		if err != nil {
			t.Fatal(err)
		}
		return rep.Groups
	}
	en76, fr76, more160 := batches[1][0].ID, batches[2][0].ID, batches[3][0].ID
	varied := func(ix *Index) []string {
		t.Helper()
		ix.mu.RLock()
		defer ix.mu.RUnlock()
		got, err := ix.live.links.varied.filter(ix.live.shards, []string{en76})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, b := range batches[:3] {
		if err := ix.Index(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if g := conflicts(ix); len(g) != 0 {
		t.Errorf("76 twice is no conflict: %+v", g)
	}
	if l := get(t, ix, fr76).Linkage; l.Fact != en76 || l.FactVaries {
		t.Errorf("76 proposals joining 76: %+v, want the fact, not varying", l)
	}
	if got := varied(ix); len(got) != 0 {
		t.Errorf("76 twice: facts whose values can disagree %v, want none", got)
	}
	if err := ix.Index(ctx, batches[3]); err != nil {
		t.Fatal(err)
	}
	if g := conflicts(ix); len(g) != 1 {
		t.Errorf("after more than 160 is written: %+v, want the group", g)
	}
	if l := get(t, ix, more160).Linkage; l.Fact != en76 || !l.FactVaries {
		t.Errorf("more than 160 joining 76: %+v, want the fact, varying", l)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Opening reads them, and the facet ordinals, before any search waits for them.
	if !ix.live.links.varied.loaded {
		t.Error("reopened: the facts whose values can disagree are not read")
	}
	for i, s := range ix.live.shards {
		if len(s.ordinals.segs) == 0 {
			t.Errorf("reopened: shard %d has no facet ordinals", i)
		}
	}
	if g := conflicts(ix); len(g) != 1 {
		t.Errorf("reopened: %+v, want the group", g)
	}
	if got := varied(ix); !slices.Equal(got, []string{en76}) {
		t.Errorf("reopened: facts whose values can disagree %v, want %s", got, en76)
	}
}

// TestVariedFactsOfAnOlderGeneration: a generation written before links said whether they vary
// holds the facts of several claims as fieldFactJoined terms; conflicts read all of those.
func TestVariedFactsOfAnOlderGeneration(t *testing.T) {
	dir := t.TempDir()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	m.DefaultMapping.AddFieldMappingsAt(fieldFactJoined, mapping.NewKeywordFieldMapping())
	bi, err := bleve.New(filepath.Join(dir, "gen-1"), m)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.Index("joined", map[string]any{fieldFact: "older", fieldFactJoined: "older"}); err != nil {
		t.Fatal(err)
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, currentFile), []byte("gen-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.mu.RLock()
	got, err := ix.live.links.varied.filter(ix.live.shards, []string{"alone", "older"})
	ix.mu.RUnlock()
	if err != nil || !slices.Equal(got, []string{"older"}) {
		t.Errorf("varied facts %v, %v; want the fact a claim joined", got, err)
	}
}

// TestLinkFewOfADimension: a claim of a dimension few claims have is compared with all of them,
// not only with those sharing a term, in the index and in its own batch: one volume of water in
// gallons and in cubic metres, in two languages, in sentences sharing no word.
func TestLinkFewOfADimension(t *testing.T) {
	published := time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)
	water := func(id, lang, sentence, surface string, value float64, unit string) claimwire.Claim {
		return claimwire.Claim{ID: id, URL: "https://" + id + ".test/water", Title: sentence, Published: published,
			Quantity: claimwire.Quantity{Surface: surface, Value: value, Unit: unit, Qualifier: "exact", Sentence: sentence, Lang: lang,
				SentenceOffset: strings.Index(sentence, surface)}}
	}
	gallons := water("w1", "en", "Lumen's campuses drew 1.42 billion gallons last year.", "1.42 billion gallons", 1.42e9, "gallons")
	cubic := water("w2", "fr", "Les sites d'Orbis ont prélevé 5,37 millions de m³ d'eau.", "5,37 millions de m³", 5.37e6, "m³")
	for _, batches := range map[string][][]claimwire.Claim{
		"one batch each": {{gallons}, {cubic}},
		"one batch":      {{gallons, cubic}},
	} {
		ix, _ := openFixture(t, Options{})
		for _, batch := range batches {
			if err := ix.Index(context.Background(), batch); err != nil {
				t.Fatal(err)
			}
		}
		if h := get(t, ix, cubic.ID); h.Fact != gallons.ID {
			t.Errorf("%d batches: 5.37 million m³ has fact %s (%+v), want 1.42 billion gallons' %s", len(batches), h.Fact, h.Linkage, gallons.ID)
		}
	}
}

// TestMergeTiedFacts: 714 MW and another outlet's 600 MW (testdata/merge.json, three outlets'
// claims on one plant's capacity, the second in words the first shares little of, the third in
// words of both), linked too loosely to be one fact, become one when the third outlet's 600 MW
// links to both: the claims of the fact it does not join,
// written before, are written again with the fact it joins, the one that started theirs resting
// on the third's link, and the fact's values disagree. Not with a LinkStore, which records each
// claim's linkage once, nor when fact-checkers decided something about the facts.
func TestMergeTiedFacts(t *testing.T) {
	ctx := context.Background()
	cs := indexertest.Claims(t, "testdata/merge.json")
	for _, tt := range []struct {
		name     string
		opts     Options
		reviewed bool // a fact-checker rated the facts before the third claim
		merge    bool
	}{
		{"one index", Options{}, false, true},
		{"replicas sharing linkages", Options{Linkages: newMemoryLinkStore()}, false, false},
		{"facts fact-checkers rated", Options{}, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix, _ := openFixture(t, tt.opts)
			for _, c := range cs[:2] {
				if err := ix.Index(ctx, []claimwire.Claim{c}); err != nil {
					t.Fatal(err)
				}
			}
			if told, counted := get(t, ix, cs[0].ID), get(t, ix, cs[1].ID); told.Fact == counted.Fact {
				t.Fatalf("714 MW and 600 MW are one fact before the third claim: the test shows nothing")
			}
			if tt.reviewed {
				st := review.NewState()
				for i, c := range cs[:2] {
					e := review.Event{V: review.Version, Seq: uint64(i + 1), ID: fmt.Sprint("e", i), Kind: review.KindVerdict,
						Reviewer: "Ana", At: time.Now(), Fact: c.ID, Rating: review.RatingMixed, Explanation: "The plant's operator gives both figures."}
					if err := e.Validate(); err != nil {
						t.Fatal(err)
					}
					st.Apply(e)
				}
				ix.SetReviews(indexertest.Reviews{St: st})
			}
			if err := ix.Index(ctx, cs[2:]); err != nil {
				t.Fatal(err)
			}
			told, counted, ties := get(t, ix, cs[0].ID), get(t, ix, cs[1].ID), get(t, ix, cs[2].ID)
			if !tt.merge {
				if told.Fact == counted.Fact {
					t.Errorf("the two facts merged: %+v, %+v", told.Linkage, counted.Linkage)
				}
				return
			}
			if told.Fact != ties.Fact || counted.Fact != ties.Fact {
				t.Fatalf("facts after the tie: 714 MW %s, 600 MW %s and %s, want one", told.Fact, counted.Fact, ties.Fact)
			}
			// The claim that started the fact merged now rests on the tying claim's link.
			absorbed := told
			if told.Fact == told.ID {
				absorbed = counted
			}
			if absorbed.FactVia != ties.ID || absorbed.FactScore <= 0 || absorbed.FactScore >= 1 || !absorbed.FactVaries || absorbed.FactMergedBy != ties.ID {
				t.Errorf("the claim whose fact was merged: %+v, want it resting on %s, varying, merged by it", absorbed.Linkage, ties.ID)
			}
			if ties.FactMergedBy != "" {
				t.Errorf("the tying claim says it was merged by %s: it was given its fact as it arrived", ties.FactMergedBy)
			}
			rep, err := ix.Conflicts(ctx, ConflictQuery{Q: "Crane"})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Groups) != 1 || len(rep.Groups[0].Values) != 2 || rep.Groups[0].Articles != 3 {
				t.Errorf("conflicts: %+v, want 714 MW against 600 MW from three articles", rep.Groups)
			}
		})
	}
}

// TestMergeAfterBatchBeingWritten: the tie arrives while the batch holding the 600 MW is still
// being written (the worker writes two at once). The tie's batch writes the 600 MW again under
// the kept fact, once that batch's write has landed, not before: the older version would
// overwrite the merged one.
func TestMergeAfterBatchBeingWritten(t *testing.T) {
	ctx := context.Background()
	cs := indexertest.Claims(t, "testdata/merge.json")
	var armed atomic.Bool
	entered, release := make(chan struct{}), make(chan struct{})
	hold := func() error {
		if armed.CompareAndSwap(true, false) {
			close(entered)
			<-release
		}
		return nil
	}
	ix, _ := openFixture(t, Options{WriteFault: hold})
	if err := ix.Index(ctx, cs[:1]); err != nil {
		t.Fatal(err)
	}
	armed.Store(true)
	counted, tie := make(chan error, 1), make(chan error, 1)
	go func() { counted <- ix.Index(ctx, cs[1:2]) }()
	<-entered // the 600 MW is linked; its write waits
	go func() { tie <- ix.Index(ctx, cs[2:]) }()
	var tieErr error
	select {
	case tieErr = <-tie:
		t.Errorf("the tie's batch was written before the batch holding the 600 MW (%v)", tieErr)
		tie = nil
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	if tie != nil {
		tieErr = <-tie
	}
	if err := errors.Join(<-counted, tieErr); err != nil {
		t.Fatal(err)
	}
	told, six, ties := get(t, ix, cs[0].ID), get(t, ix, cs[1].ID), get(t, ix, cs[2].ID)
	if told.Fact != ties.Fact || six.Fact != ties.Fact {
		t.Fatalf("facts after the tie: 714 MW %s, 600 MW %s and %s, want one", told.Fact, six.Fact, ties.Fact)
	}
	if told.FactMergedBy != ties.ID && six.FactMergedBy != ties.ID {
		t.Errorf("no claim merged by the tie: %+v, %+v", told.Linkage, six.Linkage)
	}
	if n := len(ix.live.links.pending); n != 0 {
		t.Errorf("%d batches still pending once written", n)
	}
}

// memoryLinkStore is a LinkStore in memory, as replicas sharing one would see it.
type memoryLinkStore struct {
	mu       sync.Mutex
	recorded map[string]Linkage
}

func newMemoryLinkStore() *memoryLinkStore {
	return &memoryLinkStore{recorded: make(map[string]Linkage)}
}

func (s *memoryLinkStore) Recorded(_ context.Context, ids []string) (map[string]Linkage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]Linkage)
	for _, id := range ids {
		if l, ok := s.recorded[id]; ok {
			out[id] = l
		}
	}
	return out, nil
}

func (s *memoryLinkStore) Record(_ context.Context, linkages map[string]Linkage) (map[string]Linkage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	taken := make(map[string]Linkage)
	for id, l := range linkages {
		if prev, ok := s.recorded[id]; ok {
			taken[id] = prev
			continue
		}
		s.recorded[id] = l
	}
	return taken, nil
}

// TestArticleOverBatches: an article's claims that come in two batches (a batch ends on a size
// or a time) are linked as one article's: the second batch's claim reads the story of the
// whole article, whose first batch named the plant its sentence does not.
func TestArticleOverBatches(t *testing.T) {
	ctx := context.Background()
	published := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	mk := func(id, site, sentence, surface string, v float64) claimwire.Claim {
		return claimwire.Claim{ID: id, URL: "https://" + site + "/crane", Site: site, Title: "An upgrade for the grid",
			Published: published, ContentHash: "h-" + site, Quantity: claimwire.Quantity{Surface: surface, Value: v,
				Unit: "USD", Qualifier: "exact", Sentence: sentence, Lang: "en"}}
	}
	other := mk("other", "b.example", "Lumen will spend $2.5 billion upgrading the Crane plant.", "$2.5 billion", 2.5e9)
	named := mk("named", "a.example", "Lumen says its Crane plant will cost $300 million a year to run.", "$300 million", 3e8)
	cost := mk("cost", "a.example", "The upgrade will cost $2 billion.", "$2 billion", 2e9)
	for _, tt := range []struct {
		name    string
		batches [][]claimwire.Claim
	}{
		{"one batch", [][]claimwire.Claim{{other}, {named, cost}}},
		{"two batches", [][]claimwire.Claim{{other}, {named}, {cost}}},
		{"interleaved", [][]claimwire.Claim{{other, named}, {cost}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix := openEmpty(t, Options{})
			for _, b := range tt.batches {
				if err := ix.Index(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
			if h := get(t, ix, cost.ID); h.Fact != other.ID {
				t.Errorf("$2 billion has fact %s (%+v), want the other outlet's $2.5 billion", h.Fact, h.Linkage)
			}
		})
	}
}

// outletClaim is a claim stated exactly in an article of its own outlet, id.example.
func outletClaim(id, lang, sentence, surface string, v float64, unit string, published time.Time) claimwire.Claim {
	return claimwire.Claim{ID: id, URL: "https://" + id + ".example/news", Site: id + ".example",
		Published: published, Quantity: claimwire.Quantity{Surface: surface, Value: v, Unit: unit,
			Qualifier: "exact", Sentence: sentence, Lang: lang}}
}

// plantNews are 900 claims of other news, plants' output in MW, that make a test's words rarer
// than their count, as in a real index.
func plantNews(places []string, published time.Time) []claimwire.Claim {
	out := make([]claimwire.Claim, 0, 900)
	for i := range 900 {
		out = append(out, outletClaim(fmt.Sprint("plant", i), "en", fmt.Sprintf("Turbine %d of the %s plant delivered %d MW.", i, places[i%len(places)], i+100),
			fmt.Sprintf("%d MW", i+100), float64(i+100), "MW", published))
	}
	return out
}

// indexInTurn indexes each batch once the one before is written.
func indexInTurn(t *testing.T, ix *Index, batches ...[]claimwire.Claim) {
	t.Helper()
	for _, b := range batches {
		if err := ix.Index(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
}

// TestShareOfFindsCandidates: two outlets' shares of one whole, in sentences sharing no word
// that few claims use, find each other by what their shares are of, among many claims of
// shares using those words.
func TestShareOfFindsCandidates(t *testing.T) {
	ctx := context.Background()
	published := time.Date(2024, 7, 23, 0, 0, 0, 0, time.UTC)
	mk := func(id, lang, sentence, surface string, v float64) claimwire.Claim {
		return outletClaim(id, lang, sentence, surface, v, "percent", published)
	}
	regions := []string{"Leinster", "Munster", "Connacht", "Ulster", "Wessex", "Mercia", "Anglia", "Cumbria",
		"Dorset", "Kent", "Essex", "Devon", "Norfolk", "Suffolk", "Surrey", "Sussex", "Avon", "Fife", "Moray",
		"Angus", "Argyll", "Ayrshire", "Lothian", "Gwent", "Powys", "Dyfed", "Clwyd", "Gwynedd", "Antrim", "Down"}
	var filler []claimwire.Claim
	for i, r := range regions {
		filler = append(filler,
			mk(fmt.Sprint("price", i), "en", fmt.Sprintf("Electricity prices for data centres in %s rose %d%% over the decade.", r, i+40), fmt.Sprintf("%d%%", i+40), float64(i+40)),
			mk(fmt.Sprint("bills", i), "en", fmt.Sprintf("Data centres in %s consume %d%% more electricity than at the start of the decade.", r, i+70), fmt.Sprintf("%d%%", i+70), float64(i+70)))
	}
	forecast := mk("forecast", "en", "Data centres will consume 27 per cent of all electricity by the end of the decade.", "27 per cent", 27)
	french := mk("french", "fr", "Les centres de données consommeront près de 30% de l'électricité d'ici la fin de la décennie.", "près de 30%", 30)
	ix := openEmpty(t, Options{})
	indexInTurn(t, ix, append(filler, plantNews(regions, published)...), []claimwire.Claim{forecast}, []claimwire.Claim{french})
	if h := get(t, ix, french.ID); h.Fact != forecast.ID {
		t.Errorf("près de 30%% has fact %s (%+v), want the forecast's 27 per cent", h.Fact, h.Linkage)
	}
	// The lookup scores every hit: a key in a field without norms scored NaN, and NaN scores
	// left which candidates made the cut to chance.
	again := french
	again.ID = "again"
	l, err := ix.newLinker(ctx, ix.live, []claimwire.Claim{again}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.close()
	prepared, err := l.prepare(ctx, []claimwire.Claim{again})
	if err != nil {
		t.Fatal(err)
	}
	p := prepared[0]
	if !slices.ContainsFunc(p.keys, func(k queryKey) bool { return strings.Contains(k.key, "|of|") }) {
		t.Fatalf("no share-of key among %v: the test shows nothing", p.keys)
	}
	res, err := searchShardsIn(ctx, l.shards, l.candidateRequest(p.lc, p.keys), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
			t.Errorf("candidate %s scored %v", h.ID, h.Score)
		}
	}
}

// TestSharePriceFindsCandidates: two outlets' quotes of one share's record, in sentences whose
// only shared words many claims use, find each other as share prices, among other sums told of
// the same company's shares.
func TestSharePriceFindsCandidates(t *testing.T) {
	published := time.Date(2025, 7, 9, 0, 0, 0, 0, time.UTC)
	mk := func(id, lang, sentence, surface string, v float64) claimwire.Claim {
		return outletClaim(id, lang, sentence, surface, v, "USD", published)
	}
	var filler []claimwire.Claim
	for i := range 80 {
		filler = append(filler,
			mk(fmt.Sprint("buyback", i), "en", fmt.Sprintf("Lumen will spend $%d billion buying back its stock in plan %d.", i+10, i), fmt.Sprintf("$%d billion", i+10), float64(i+10)*1e9),
			mk(fmt.Sprint("capital", i), "fr", fmt.Sprintf("L'action Lumen soutient un plan de %d milliards de dollars, le numéro %d.", i+100, i), fmt.Sprintf("%d milliards de dollars", i+100), float64(i+100)*1e9))
	}
	english := mk("english", "en", "Lumen stock hit a high of $164.37 on Wednesday.", "$164.37", 164.37)
	french := mk("french", "fr", "L'action Lumen a touché 164,42 dollars, un sommet historique.", "164,42 dollars", 164.42)
	ix := openEmpty(t, Options{})
	indexInTurn(t, ix, append(filler, plantNews([]string{"Avon", "Fife", "Kent"}, published)...), []claimwire.Claim{english}, []claimwire.Claim{french})
	if h := get(t, ix, french.ID); h.Fact != english.ID {
		t.Errorf("164,42 dollars has fact %s (%+v), want the other record's $164.37", h.Fact, h.Linkage)
	}
}
