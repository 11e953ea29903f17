package indexer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/facts"
)

// Linking claims to facts as they are indexed. Package facts decides which fact a claim
// states; this file gives it what to compare the claim with, from the generation being written:
// the claims sharing the claim's dimension and one of its distinctive terms or the names of its
// story, a sample of each of their facts, and the claims of the batches linked before, written
// or not.

const (
	// candidateHits is how many claims, those sharing the most distinctive terms, a new claim
	// is looked up by, in the index and in the batches linked before it.
	candidateHits = 50
	// candidateFacts bounds the facts of those claims a new claim is compared with. 20 left a
	// French and an English article's one forecast share apart on the dev corpus; 25 cost 5% of
	// BenchmarkIndex's rate at 100,000 claims (324 claims/s against 342).
	candidateFacts = 25
	// factSample bounds the claims of a candidate fact a new claim is compared with: the most
	// recent of the index, and of each batch linked before.
	factSample = 20
	// queryTerms and queryTopic are how many of a claim's terms and of the names of its story
	// (its article's topic), the heaviest, look up its candidates.
	queryTerms = 12
	queryTopic = 8
	// A key looks up candidates when at most the square root of the claims' count hold it,
	// but never fewer than rareTerm claims nor more than commonTerm. A more common word says
	// little about a fact, and reading its postings would be most of the search's cost.
	rareTerm   = 50
	commonTerm = 2000
)

// linkState is what linking keeps of a generation besides its shards.
type linkState struct {
	// mu lets one batch link at a time, so that each sees the claims of those linked before.
	mu sync.Mutex
	// pmu guards pending: the batches linked and still being written, which searches miss.
	pmu     sync.Mutex
	pending []*linkBatch
	// varied are the facts whose values can disagree (see variedFacts).
	varied variedFacts
}

func newLinkState() *linkState {
	return &linkState{varied: variedFacts{facts: make(map[string]struct{})}}
}

// variedFacts holds the facts a claim joined with another value (Linkage.FactVaries), the only
// ones whose values can disagree, so that conflicts look up the claims of those alone: most
// facts have one claim or one value, and looking up a fact's claims costs a term lookup in
// every segment. It is read from the fieldFactVaries terms of the generation when first asked
// (an opened index asks at once, generation.warm), and every batch written adds its own. A
// generation written before claims told which links vary holds fieldFactJoined terms instead,
// the facts of several claims: those are read too.
type variedFacts struct {
	mu     sync.Mutex
	loaded bool
	facts  map[string]struct{}
}

// add records the facts that claims joined with another value, once the claims are written.
func (vf *variedFacts) add(linked []*linkedClaim) {
	vf.mu.Lock()
	defer vf.mu.Unlock()
	for _, lc := range linked {
		if lc.rec.FactVaries {
			vf.facts[lc.rec.Fact] = struct{}{}
		}
	}
}

// filter returns those of the facts ids whose values can disagree in shards.
func (vf *variedFacts) filter(shards []shard, ids []string) ([]string, error) {
	vf.mu.Lock()
	defer vf.mu.Unlock()
	if !vf.loaded {
		v := openVocabulary(shards)
		defer v.close()
		if v.err != nil {
			return nil, v.err
		}
		for _, field := range []string{fieldFactVaries, fieldFactJoined} {
			for _, t := range v.termCounts(field, "") {
				vf.facts[t.Term] = struct{}{}
			}
		}
		vf.loaded = true
	}
	var out []string
	for _, f := range ids {
		if _, ok := vf.facts[f]; ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// linkedClaim is a claim with its fact and the keys that find it as a candidate.
type linkedClaim struct {
	rec   record
	sig   *facts.Signature
	dims  []string // fieldFactDim
	terms []string // fieldFactTerms
	// topic are the names of rec.Topic that a claim may still look up (fieldFactTopic): no
	// claim looks up by a name held by more than commonTerm claims, so it is no longer written.
	topic []string
}

// fieldKey is a key of one of the fields claims are looked up by, fieldFactTerms or
// fieldFactTopic.
type fieldKey struct{ field, key string }

// linkBatch holds a batch's linked claims, by key and by fact, for the claims after them.
type linkBatch struct {
	claims []*linkedClaim
	byKey  map[fieldKey][]int
	byFact map[string][]int
	// written is closed once the batch is written (or its write failed).
	written chan struct{}
	// after are the batches, linked before and still being written, whose claims of a fact
	// this batch merged it writes again: its versions must land after theirs.
	after []*linkBatch
}

func (b *linkBatch) add(lc *linkedClaim) {
	i := len(b.claims)
	b.claims = append(b.claims, lc)
	for _, k := range lc.terms {
		b.byKey[fieldKey{fieldFactTerms, k}] = append(b.byKey[fieldKey{fieldFactTerms, k}], i)
	}
	for _, k := range lc.rec.Topic {
		b.byKey[fieldKey{fieldFactTopic, k}] = append(b.byKey[fieldKey{fieldFactTopic, k}], i)
	}
	for _, d := range lc.dims {
		b.byKey[fieldKey{fieldFactDim, d}] = append(b.byKey[fieldKey{fieldFactDim, d}], i)
	}
	b.byFact[lc.rec.Fact] = append(b.byFact[lc.rec.Fact], i)
}

// link gives each claim a fact, in order, against generation g and the batches linked before,
// and records the batch as pending in g until done is called, once it is written. It returns
// once the batches being written whose claims it writes again (merged facts) are written.
func (ix *Index) link(ctx context.Context, g generation, claims []claimwire.Claim) (_ []*linkedClaim, done func(), err error) {
	st := g.links
	batch, err := ix.linkInOrder(ctx, g, claims)
	if err != nil {
		return nil, nil, err
	}
	done = func() {
		st.pmu.Lock()
		st.pending = slices.DeleteFunc(st.pending, func(b *linkBatch) bool { return b == batch })
		st.pmu.Unlock()
		close(batch.written)
	}
	for _, b := range batch.after {
		select {
		case <-b.written:
		case <-ctx.Done():
			done()
			return nil, nil, fmt.Errorf("indexer: link: %w", ctx.Err())
		}
	}
	return batch.claims, done, nil
}

// linkInOrder links claims after the batches linked before, one batch at a time, and records
// the batch as pending in g.
func (ix *Index) linkInOrder(ctx context.Context, g generation, claims []claimwire.Claim) (*linkBatch, error) {
	st := g.links
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pmu.Lock()
	before := slices.Clone(st.pending)
	st.pmu.Unlock()

	l, err := ix.newLinker(ctx, g, claims, before)
	if err != nil {
		return nil, err
	}
	defer l.close()
	prepared, err := l.prepare(ctx, claims)
	if err != nil {
		return nil, err
	}
	for _, p := range prepared {
		if err := l.assign(ctx, p); err != nil {
			return nil, fmt.Errorf("indexer: link claim %s: %w", p.lc.rec.ID, err)
		}
	}
	st.pmu.Lock()
	st.pending = append(st.pending, l.batch)
	st.pmu.Unlock()
	return l.batch, nil
}

// linker links one batch.
type linker struct {
	ix      *Index
	shards  []shard
	lex     memoLexicon
	rarity  *rarityTable
	stories map[string]facts.Story // by article URL
	// batches are those linked before, then this one.
	batches []*linkBatch
	batch   *linkBatch
	// newer holds the ids of the claims of before and batch: the index's version of such a
	// claim, if any, is older.
	newer map[string]bool
	// readIDs are the index's claims read so far, by id; sampled the claims of a fact read
	// from the index, by fact.
	mu      sync.Mutex // guards readIDs
	readIDs map[string]*facts.Candidate
	sampled map[string][]*facts.Candidate
	// merging lets a claim merge the facts it ties (facts.Merges); not with a LinkStore, which
	// records each claim's linkage once.
	merging bool
	// earlier are the claims of the batch's articles linked in batches before (articlesBefore),
	// by article URL.
	earlier map[string][]record
}

func (ix *Index) newLinker(ctx context.Context, g generation, claims []claimwire.Claim, before []*linkBatch) (*linker, error) {
	batch := &linkBatch{byKey: make(map[fieldKey][]int), byFact: make(map[string][]int), written: make(chan struct{})}
	l := &linker{
		ix: ix, shards: g.shards, batch: batch, batches: append(slices.Clip(before), batch),
		newer:   make(map[string]bool),
		readIDs: make(map[string]*facts.Candidate),
		sampled: make(map[string][]*facts.Candidate),
		stories: make(map[string]facts.Story),
		merging: ix.opts.Linkages == nil,
	}
	vocab := openVocabulary(g.shards)
	if vocab.err != nil {
		vocab.close()
		return nil, fmt.Errorf("indexer: link: %w", vocab.err)
	}
	l.rarity = &rarityTable{vocab: vocab, n: float64(vocab.docs() + uint64(len(claims))),
		df: make(map[fieldKey]float64), batch: make(map[fieldKey]int)}
	l.lex = memoLexicon{lexicon: lexicon{ta: ix.ta, tr: ix.translations, rarity: l.rarity.of}, cache: ix.terms}
	// The batch's own claims count in the rarity of their terms: the first batch of an index
	// holds all it knows. Their sentences are analysed on every core first.
	keys := make([][]string, len(claims))
	_ = parallel(len(claims), func(i int) error { // analysing never fails
		keys[i] = l.termKeys(&claims[i])
		return nil
	})
	var err error
	if l.earlier, err = l.articlesBefore(ctx, claims, before); err != nil {
		vocab.close()
		return nil, fmt.Errorf("indexer: link: %w", err)
	}
	sentences := make(map[string][]string)
	for u, rs := range l.earlier {
		for _, r := range rs {
			sentences[u] = append(sentences[u], r.Sentence)
		}
	}
	for i := range claims {
		c := &claims[i]
		for _, k := range keys[i] {
			l.rarity.batch[fieldKey{fieldFactTerms, k}]++
		}
		sentences[c.URL] = append(sentences[c.URL], c.Sentence)
	}
	for _, b := range before {
		for _, lc := range b.claims {
			l.newer[lc.rec.ID] = true
		}
	}
	for i := range claims {
		c := &claims[i]
		l.newer[c.ID] = true
		if _, ok := l.stories[c.URL]; !ok {
			l.stories[c.URL] = facts.ReadStory(l.lex, c.Lang, c.Title, sentences[c.URL])
		}
		for _, k := range l.stories[c.URL].Topic {
			l.rarity.batch[fieldKey{fieldFactTopic, k}]++
		}
	}
	return l, nil
}

func (l *linker) close() { l.rarity.vocab.close() }

// parallel calls fn(0) to fn(n-1) on as many goroutines as there are cores, and returns the
// first error; after an error, the calls not started are skipped.
func parallel(n int, fn func(i int) error) error {
	var next atomic.Int64
	var failed atomic.Bool
	workers := min(runtime.GOMAXPROCS(0), n)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if errs[w] = fn(i); errs[w] != nil {
					failed.Store(true)
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// termKeys are the distinct term keys of a claim's sentence (fieldFactTerms), in order.
func (l *linker) termKeys(c *claimwire.Claim) []string {
	var keys []string
	for _, t := range l.lex.Terms(c.Lang, c.Sentence) {
		if !slices.Contains(keys, t.Key) {
			keys = append(keys, t.Key)
		}
	}
	return keys
}

// preparedClaim is a claim read for linking, with what does not depend on the claims before it
// in its batch: its signature, the keys it looks up candidates by and the facts of its
// candidates in the index, best first.
type preparedClaim struct {
	lc    *linkedClaim
	keys  []queryKey
	found []string
}

// prepare reads the claims and looks up their candidates in the index, on every core.
func (l *linker) prepare(ctx context.Context, claims []claimwire.Claim) ([]preparedClaim, error) {
	out := make([]preparedClaim, len(claims))
	err := parallel(len(claims), func(i int) error {
		c := &claims[i]
		story := l.stories[c.URL]
		sig := facts.NewSignature(c, l.lex, story)
		p := preparedClaim{lc: l.linkedClaim(record{Claim: *c, Topic: story.Topic, TopicCounts: story.Counts, Places: story.Places,
			StoryYear: story.Year, Marks: sig.Marks()}, &sig)}
		p.keys = l.queryKeys(&sig)
		var err error
		if p.found, err = l.searchIndex(ctx, p.lc, p.keys); err != nil {
			return fmt.Errorf("indexer: link claim %s: %w", c.ID, err)
		}
		out[i] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	var urls []string
	articles := make(map[string][]*facts.Signature)
	for _, p := range out {
		u := p.lc.rec.URL
		if _, ok := articles[u]; !ok {
			urls = append(urls, u)
		}
		articles[u] = append(articles[u], p.lc.sig)
	}
	for _, u := range urls {
		for _, r := range l.earlier[u] {
			sig := facts.NewSignature(&r.Claim, l.lex, l.stories[u])
			articles[u] = append(articles[u], &sig)
		}
		facts.ShareArticle(articles[u])
	}
	return out, nil
}

// maxArticleClaims bounds the claims of an article read from the index (articlesBefore).
const maxArticleClaims = 500

// articlesBefore returns the claims of the articles of claims, of the same version (content
// hash), that batches linked before brought: the index's and those still being written. An
// article's claims can come over several batches (a batch ends on a size or a time, and
// extractors publish several articles' claims at once), and its story and the figures it tells
// apart are the whole article's.
func (l *linker) articlesBefore(ctx context.Context, claims []claimwire.Claim, before []*linkBatch) (map[string][]record, error) {
	version := make(map[string]string) // content hash by URL
	seen := make(map[string]bool)      // claim ids
	for i := range claims {
		if _, ok := version[claims[i].URL]; !ok {
			version[claims[i].URL] = claims[i].ContentHash
		}
		seen[claims[i].ID] = true
	}
	out := make(map[string][]record)
	add := func(r record) {
		if h, ok := version[r.URL]; ok && r.ContentHash == h && !seen[r.ID] {
			seen[r.ID] = true
			out[r.URL] = append(out[r.URL], r)
		}
	}
	for _, b := range slices.Backward(before) { // newest versions first
		for _, lc := range b.claims {
			add(lc.rec)
		}
	}
	for _, u := range slices.Sorted(maps.Keys(version)) {
		req := bleve.NewSearchRequestOptions(anyTerm(fieldURL, []string{u}), maxArticleClaims, 0, false)
		req.Score = bleve.ScoreNone
		req.Sort = search.SortOrder{&search.SortDocID{}}
		res, err := searchShardsIn(ctx, l.shards, req, nil, false)
		if err != nil {
			return nil, fmt.Errorf("claims of %s: %w", u, err)
		}
		for _, h := range res.Hits {
			if seen[h.ID] {
				continue
			}
			r, ok, err := l.ix.document(l.shards, h.ID)
			if err != nil {
				return nil, err
			}
			if ok {
				add(r)
			}
		}
	}
	return out, nil
}

// assign gives a prepared claim its fact, among those of its candidates in the index and in
// the batches linked before it, and adds it to the batch.
func (l *linker) assign(ctx context.Context, p preparedClaim) error {
	cands, err := l.candidates(ctx, p)
	if err != nil {
		return err
	}
	fact, link := facts.Assign(p.lc.sig, cands)
	p.lc.rec.Linkage = Linkage{Fact: fact, FactScore: link.Score, FactWhy: link.Shared, FactVia: link.With, FactVaries: link.Varies}
	l.batch.add(p.lc)
	if !l.merging {
		return nil
	}
	for _, m := range facts.Merges(p.lc.sig, fact, cands) {
		if err := l.merge(ctx, m, fact); err != nil {
			return fmt.Errorf("merge fact %s into %s: %w", m.Fact, fact, err)
		}
	}
	return nil
}

// merge gives the claims of fact m those of into: the batch's own in place, those of the index
// and of the batches linked before and still being written as new versions written with the
// batch, after those batches (link waits for their writes). Not when fact-checkers decided
// anything about m (merged, split, dismissed or rated it): their decision names it. The claim that
// started m now rests on the link of the claim that merged it, and the claims are marked as
// varying (merged facts state differing values), so that conflicts read the fact.
func (l *linker) merge(ctx context.Context, m facts.Merge, into string) error {
	if _, reviewed := l.ix.Reviews().Fact(m.Fact); reviewed {
		return nil
	}
	hits, err := l.factHits(ctx, m.Fact)
	if err != nil {
		return err
	}
	var stored []*linkedClaim
	for _, h := range hits {
		if l.newer[h.ID] {
			continue // its newest version is this batch's or a pending one's, of its own fact
		}
		r, ok, err := l.ix.document(l.shards, h.ID)
		if err != nil {
			return err
		}
		if !ok || r.Fact != m.Fact {
			continue
		}
		sig := facts.NewSignature(&r.Claim, l.lex, r.story())
		stored = append(stored, l.linkedClaim(r, &sig))
	}
	own := l.batch.byFact[m.Fact]
	delete(l.batch.byFact, m.Fact)
	for _, i := range own {
		relabel(&l.batch.claims[i].rec.Linkage, l.batch.claims[i].rec.ID, m, into)
		l.batch.byFact[into] = append(l.batch.byFact[into], i)
	}
	for _, lc := range stored {
		relabel(&lc.rec.Linkage, lc.rec.ID, m, into)
		l.newer[lc.rec.ID] = true
		l.batch.add(lc)
	}
	for _, b := range l.batches[:len(l.batches)-1] {
		idx := b.byFact[m.Fact]
		if len(idx) == 0 {
			continue
		}
		for _, i := range idx {
			lc := *b.claims[i] // b's own version is being written: relabel a copy
			relabel(&lc.rec.Linkage, lc.rec.ID, m, into)
			l.batch.add(&lc)
		}
		// Batches link one at a time, and a write reads no byFact: the batches linked after
		// this one find those claims under into, in its versions.
		delete(b.byFact, m.Fact)
		if !slices.Contains(l.batch.after, b) {
			l.batch.after = append(l.batch.after, b)
		}
	}
	// The fact's claims read before stand for it no more.
	delete(l.sampled, m.Fact)
	return nil
}

// linkedClaim is the claim of r, read as sig, with the keys that find it as a candidate: the names
// of its story that a claim may still look up by (no claim looks up by a name held by more than
// commonTerm claims).
func (l *linker) linkedClaim(r record, sig *facts.Signature) *linkedClaim {
	lc := &linkedClaim{rec: r, sig: sig, dims: dimKeys(sig), terms: append(l.termKeys(&r.Claim), kindKeys(sig)...)}
	for _, k := range r.Topic {
		if l.rarity.count(fieldKey{fieldFactTopic, k}) <= commonTerm {
			lc.topic = append(lc.topic, k)
		}
	}
	return lc
}

// story is the story of the claim's article as stored with it.
func (r *record) story() facts.Story {
	return facts.Story{Topic: r.Topic, Counts: r.TopicCounts, Places: r.Places, Year: r.StoryYear}
}

// relabel gives the linkage of claim id, of fact m, the fact into, as merged by the claim whose
// link m rests on.
func relabel(lk *Linkage, id string, m facts.Merge, into string) {
	if id == m.Fact {
		lk.FactScore, lk.FactWhy, lk.FactVia = m.Link.Score, m.Link.Shared, m.Link.With
	}
	lk.Fact, lk.FactMergedBy = into, m.Link.With
	lk.FactVaries = true // merged facts state differing values (facts.Merges)
}

// dimKeys are the fieldFactDim keys of a signature: its dimension, and for counts each key of
// what is counted, since facts compares counts of the same thing by either key.
func dimKeys(s *facts.Signature) []string {
	var keys []string
	for i, k := range s.Counted {
		if k != "" {
			keys = append(keys, s.Dim+"|"+strconv.Itoa(i)+"|"+k)
		}
	}
	if keys == nil {
		keys = []string{s.Dim}
	}
	return keys
}

// kindKeys are the keys of what a figure is that its sentence's words may not share with
// another's: a share or ratio by what it is of, its dimension with each term of the whole; a
// share's price by its currency (queryKeys looks them up). They go with the sentence's terms
// in fieldFactTerms, which is scored: fieldFactDim has no norms, and bleve scores a term
// matched there NaN, which left the order of candidates, and so which made the cut, to chance.
func kindKeys(s *facts.Signature) []string {
	keys := make([]string, 0, len(s.ShareOf())+1)
	for _, k := range s.ShareOf() {
		keys = append(keys, shareOfKey(s, k))
	}
	if s.SharePrice() {
		keys = append(keys, sharePriceKey(s))
	}
	return keys
}

// sharePriceKey is the key of a share's price in s's currency: "164,42 dollars l'action" and
// "a high of $164.37 on the Nasdaq" may share no word few claims use.
func sharePriceKey(s *facts.Signature) string { return s.Currency + "|share_price" }

// shareOfKey is the key of a share or ratio of s's dimension that is of term, one token for the
// keys' analyser, which splits at spaces.
func shareOfKey(s *facts.Signature, term string) string {
	return strings.ReplaceAll(s.Dim+"|of|"+term, " ", "_")
}

// queryKey is a key a claim looks up its candidates by, with its weight in the claim's
// signature.
type queryKey struct {
	fieldKey
	weight float64
}

// queryKeys are the keys that look up a claim's candidates: among the keys of its signature that
// few claims hold, the heaviest terms of its sentence and names of its story.
func (l *linker) queryKeys(s *facts.Signature) []queryKey {
	limit := min(commonTerm, max(rareTerm, math.Sqrt(l.rarity.n)))
	pick := func(field string, weights map[string]float64, n int) []queryKey {
		keys := make([]queryKey, 0, len(weights))
		for k, w := range weights {
			if fk := (fieldKey{field, k}); l.rarity.count(fk) <= limit {
				keys = append(keys, queryKey{fk, w})
			}
		}
		slices.SortFunc(keys, func(a, b queryKey) int {
			return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(a.key, b.key))
		})
		return keys[:min(len(keys), n)]
	}
	keys := append(pick(fieldFactTerms, s.Terms, queryTerms), pick(fieldFactTopic, s.Topic, queryTopic)...)
	for _, k := range kindKeys(s) {
		// What the figure is, which its words may not say alike: "27 per cent of all electricity
		// by the end of the decade" and "près de 30% de l'électricité d'ici la fin de la
		// décennie" share no uncommon word besides.
		if fk := (fieldKey{fieldFactTerms, k}); l.rarity.count(fk) <= limit {
			keys = append(keys, queryKey{fk, kindWeight})
		}
	}
	return keys
}

// kindWeight is how much sharing a kind key (kindKeys) counts among the keys that find a
// claim's candidates: as much as a fairly rare word.
const kindWeight = 0.5

// candidates are the claims a prepared claim is compared with: those of the batches linked
// before it and of the index sharing its dimension and one of the query terms (the
// candidateHits sharing the most, each way), and the other claims of their facts, up to
// candidateFacts facts.
func (l *linker) candidates(ctx context.Context, p preparedClaim) ([]facts.Candidate, error) {
	if len(p.keys) == 0 {
		return nil, nil
	}
	var out []facts.Candidate
	seen := make(map[string]bool)
	for _, fact := range append(l.searchMemory(p.lc, p.keys), p.found...) {
		if seen[fact] {
			continue
		}
		if len(seen) == candidateFacts {
			break
		}
		seen[fact] = true
		members, err := l.members(ctx, fact)
		if err != nil {
			return nil, err
		}
		out = append(out, members...)
	}
	return out, nil
}

// searchIndex returns the facts of the claims of the index that share lc's dimension and the
// most of its query keys, weighted as its signature weighs them, best first.
func (l *linker) searchIndex(ctx context.Context, lc *linkedClaim, keys []queryKey) ([]string, error) {
	req := l.candidateRequest(lc, keys)
	if req == nil {
		return nil, nil
	}
	found, err := l.searchFacts(ctx, req)
	if err != nil || !l.fewClaimsOf(lc.dims) {
		return found, err
	}
	// Every claim of a dimension few claims have is a candidate, after those sharing terms: two
	// sentences on one volume of water may share no uncommon word, "la consommation d'eau …
	// 1,13 milliard de gallons" and "water consumption … 5 billion litres".
	all := bleve.NewSearchRequestOptions(anyTerm(fieldFactDim, lc.dims), candidateHits, 0, false)
	all.Score = bleve.ScoreNone
	all.Sort = search.SortOrder{&search.SortDocID{}}
	rest, err := l.searchFacts(ctx, all)
	return append(found, rest...), err
}

// candidateRequest is the search of the index's claims sharing lc's dimension and the most of
// its query keys, weighted, best first; nil when the index holds none of the keys. Every key's
// field must be scored (have norms): bleve scores a match in a field without them NaN.
func (l *linker) candidateRequest(lc *linkedClaim, keys []queryKey) *bleve.SearchRequest {
	terms := make([]query.Query, 0, len(keys))
	for _, k := range keys {
		if l.rarity.indexed(k.fieldKey) == 0 {
			continue // only in the batch
		}
		t := query.NewTermQuery(k.key)
		t.SetField(k.field)
		t.SetBoost(k.weight)
		terms = append(terms, t)
	}
	if len(terms) == 0 {
		return nil
	}
	q := query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(terms)}, nil, nil)
	q.AddFilter(anyTerm(fieldFactDim, lc.dims))
	req := bleve.NewSearchRequestOptions(q, candidateHits, 0, false)
	// Ties broken by id: which of equally scored claims make the cut must not depend on how the
	// index has merged its segments.
	req.Sort = search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}}
	return req
}

// fewClaimsOf reports dimensions the index and the batches linked before hold no more than
// candidateHits claims of. A claim of no dimension links to none (facts.Score), however few.
func (l *linker) fewClaimsOf(dims []string) bool {
	if slices.Contains(dims, "") {
		return false
	}
	n := 0.0
	for _, d := range dims {
		n += l.rarity.indexed(fieldKey{fieldFactDim, d})
		for _, b := range l.batches {
			n += float64(len(b.byKey[fieldKey{fieldFactDim, d}]))
		}
	}
	return n <= candidateHits
}

// searchFacts runs req on the generation and returns the facts of its hits, in order. The hits'
// claims are read from the index once per batch, not with every search that finds them.
func (l *linker) searchFacts(ctx context.Context, req *bleve.SearchRequest) ([]string, error) {
	res, err := searchShardsIn(ctx, l.shards, req, nil, false)
	if err != nil {
		return nil, fmt.Errorf("candidates: %w", err)
	}
	var out []string
	for _, h := range res.Hits {
		c, err := l.read(h.ID)
		if err != nil {
			return nil, err
		}
		if c != nil {
			out = append(out, c.Fact)
		}
	}
	return out, nil
}

// searchMemory returns the facts of the claims of the batches linked before lc that share its
// dimension and the most of its query keys, best first.
func (l *linker) searchMemory(lc *linkedClaim, keys []queryKey) []string {
	type hit struct {
		lc    *linkedClaim
		score float64
		order int
	}
	hits := make(map[*linkedClaim]*hit)
	for _, b := range l.batches {
		for _, k := range keys {
			for _, i := range b.byKey[k.fieldKey] {
				o := b.claims[i]
				if !shareAny(o.dims, lc.dims) {
					continue
				}
				h := hits[o]
				if h == nil {
					h = &hit{lc: o, order: len(hits)}
					hits[o] = h
				}
				h.score += k.weight
			}
		}
	}
	if l.fewClaimsOf(lc.dims) {
		// As in the index (searchIndex), every claim of a dimension few claims have, after
		// those sharing keys.
		for _, b := range l.batches {
			for _, d := range lc.dims {
				for _, i := range b.byKey[fieldKey{fieldFactDim, d}] {
					if o := b.claims[i]; hits[o] == nil {
						hits[o] = &hit{lc: o, order: len(hits)}
					}
				}
			}
		}
	}
	ranked := slices.SortedFunc(maps.Values(hits), func(a, b *hit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.order, b.order))
	})
	out := make([]string, 0, min(len(ranked), candidateHits))
	for _, h := range ranked[:min(len(ranked), candidateHits)] {
		out = append(out, h.lc.rec.Fact)
	}
	return out
}

// members returns the claims of fact to compare with: the factSample most recent of the index,
// then as many of each batch linked before, each claim in its newest version.
func (l *linker) members(ctx context.Context, fact string) ([]facts.Candidate, error) {
	sample, ok := l.sampled[fact]
	if !ok {
		hits, err := l.factHits(ctx, fact)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			c, err := l.read(h.ID)
			if err != nil {
				return nil, err
			}
			if c != nil {
				sample = append(sample, c)
			}
		}
		l.sampled[fact] = sample
	}
	out := make([]facts.Candidate, 0, len(sample))
	for _, c := range sample {
		out = append(out, *c)
	}
	for _, b := range l.batches {
		idx := b.byFact[fact]
		for _, i := range idx[max(0, len(idx)-factSample):] {
			out = append(out, facts.Candidate{Signature: b.claims[i].sig, Fact: fact})
		}
	}
	return out, nil
}

// factHits returns the factSample most recent claims of fact in the index.
func (l *linker) factHits(ctx context.Context, fact string) (search.DocumentMatchCollection, error) {
	req := bleve.NewSearchRequestOptions(anyTerm(fieldFact, []string{fact}), factSample, 0, false)
	req.Score = bleve.ScoreNone
	req.Sort = search.SortOrder{
		&search.SortField{Field: fieldPublishedSort, Desc: true, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
		&search.SortDocID{},
	}
	res, err := searchShardsIn(ctx, l.shards, req, nil, false)
	if err != nil {
		return nil, fmt.Errorf("fact %s: %w", fact, err)
	}
	return res.Hits, nil
}

// read returns the claim of the index with this id as a candidate, read once per batch; nil
// when the batches linked before hold a newer version of it, or when it has no fact (it was
// indexed before fact linking).
func (l *linker) read(id string) (*facts.Candidate, error) {
	if l.newer[id] {
		return nil, nil
	}
	l.mu.Lock()
	c, ok := l.readIDs[id]
	l.mu.Unlock()
	if ok {
		return c, nil
	}
	r, ok, err := l.ix.document(l.shards, id)
	if err != nil {
		return nil, err
	}
	if ok && r.Fact != "" {
		sig := facts.NewSignature(&r.Claim, l.lex, r.story())
		c = &facts.Candidate{Signature: &sig, Fact: r.Fact}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if prev, ok := l.readIDs[id]; ok {
		return prev, nil // read meanwhile by another goroutine: one candidate per claim
	}
	l.readIDs[id] = c
	return c, nil
}

// anyTerm matches the documents holding any of terms in field.
func anyTerm(field string, terms []string) query.Query {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		q := query.NewTermQuery(t)
		q.SetField(field)
		qs[i] = q
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

func shareAny(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// memoLexicon is the index's lexicon for one batch, reading texts through the index's terms
// cache: an article's headline, a sentence stating several quantities and the claims compared
// with claims of several batches are analysed once.
type memoLexicon struct {
	lexicon
	cache *termsCache
}

// Terms implements facts.Lexicon.
func (m memoLexicon) Terms(lang, text string) []facts.Term {
	return m.cache.get(lang, text, m.lexicon.Terms)
}

// termsCacheSize bounds the texts whose terms an index keeps: about 1 KB each.
const termsCacheSize = 1 << 14

// termsCache keeps the terms of the texts analysed last. The terms of a text depend on nothing
// else, so the cache changes how fast facts are linked, never which.
type termsCache struct {
	mu    sync.Mutex
	byKey map[[2]string][]facts.Term
	order [][2]string // ring of the keys, oldest at next
	next  int
}

func newTermsCache() *termsCache {
	return &termsCache{byKey: make(map[[2]string][]facts.Term, termsCacheSize), order: make([][2]string, 0, termsCacheSize)}
}

func (tc *termsCache) get(lang, text string, analyse func(lang, text string) []facts.Term) []facts.Term {
	k := [2]string{lang, text}
	tc.mu.Lock()
	ts, ok := tc.byKey[k]
	tc.mu.Unlock()
	if ok {
		return ts
	}
	ts = analyse(lang, text)
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if _, ok := tc.byKey[k]; ok {
		return ts
	}
	if len(tc.order) < termsCacheSize {
		tc.order = append(tc.order, k)
	} else {
		delete(tc.byKey, tc.order[tc.next])
		tc.order[tc.next] = k
		tc.next = (tc.next + 1) % termsCacheSize
	}
	tc.byKey[k] = ts
	return ts
}

// rarityTable counts the claims holding a key, in the generation and in the batch being linked,
// and weighs a term by how few claims use it in their sentence: log((n+1)/(df+1)) / log(n+1),
// n counting priorClaims besides the generation's.
type rarityTable struct {
	vocab *vocabulary
	n     float64
	mu    sync.Mutex
	df    map[fieldKey]float64 // of the generation, memoised
	batch map[fieldKey]int     // written before any reader runs
}

// indexed is how many claims of the generation hold k.
func (r *rarityTable) indexed(k fieldKey) float64 {
	r.mu.Lock()
	df, ok := r.df[k]
	r.mu.Unlock()
	if !ok {
		df = float64(r.vocab.count(k.field, k.key))
		r.mu.Lock()
		r.df[k] = df
		r.mu.Unlock()
	}
	return df
}

// count is how many claims of the generation and the batch hold k.
func (r *rarityTable) count(k fieldKey) float64 { return r.indexed(k) + float64(r.batch[k]) }

// priorClaims are the claims of other news a term's rarity is judged against besides those of
// the index. A new index holds a few stories, whose names are then in most of its claims, and
// would weigh them as common words: three articles on Intel's Magdeburg fab linked none of
// their figures while they were the index's first, as "Intel" and "Magdeburg" were in every
// claim. About a thousand is the claims of a hundred articles.
const priorClaims = 1000

func (r *rarityTable) of(key string) float64 {
	n := r.n + priorClaims
	return math.Log((n+1)/(r.count(fieldKey{fieldFactTerms, key})+1)) / math.Log(n+1)
}
