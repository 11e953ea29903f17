package indexer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/facts"
	"github.com/claimwire/claimwire/indexer/review"
)

// Conflicts and facts are read back from the facts the linker gave claims as they were indexed
// (factlink.go); package facts says whether a fact's values disagree and how to rank it.

// Limits of conflicts and facts.
const (
	// maxConflictClaims bounds the claims matching a conflicts query whose facts are looked at:
	// those of the most recent days (months with words) that hold as many, and factsScanned
	// the facts counted among them, those of the most claims first.
	maxConflictClaims = 5000
	factsScanned      = 2 * maxConflictClaims
	// maxFactClaims bounds the claims of one fact that are compared: the most recent.
	maxFactClaims = 200
	// maxConflictMembers bounds the claims of those facts looked at, all facts together: the
	// most recent.
	maxConflictMembers = 10000
	// factsPerPart is the fewest facts whose claims are read apart from the others (see
	// factMembers): fewer cost less than starting a search.
	factsPerPart = 64
)

// ConflictQuery selects the claims whose facts are looked for conflicts.
type ConflictQuery struct {
	Q string
	// Limit caps the groups returned (default 50, at most 500).
	Limit int
	// Dismissed keeps the conflicts fact-checkers dismissed, which are left out otherwise.
	Dismissed bool
}

// ConflictReport is the answer of Conflicts.
type ConflictReport struct {
	Groups []facts.Group `json:"groups"`
	// ClaimsScanned is how many claims matching the query were read for their facts;
	// Truncated says the query matched more, and only the most recent were read, or that a
	// fact had more claims than were compared.
	ClaimsScanned int  `json:"claims_scanned"`
	Truncated     bool `json:"truncated"`
	// Currency says how amounts in different currencies were compared.
	Currency *CurrencyNote `json:"currency"`
	// Reviews holds, by fact, what fact-checkers decided about the groups they reviewed.
	Reviews map[string]review.FactStatus `json:"reviews,omitempty"`
}

// CurrencyNote documents the rates amounts are compared at.
type CurrencyNote struct {
	Base string `json:"base"`
	// RatesAsOf is the latest month of the reference rates, and Rates one unit of each
	// currency in Base that month.
	RatesAsOf string             `json:"rates_as_of"`
	Rates     map[string]float64 `json:"rates"`
	Note      string             `json:"note"`
}

// newCurrencyNote describes the unit vocabulary's currency rates.
func newCurrencyNote() *CurrencyNote {
	rates := make(map[string]float64)
	for _, u := range claimwire.Units() {
		if u.Kind == claimwire.UnitCurrency {
			rates[u.Name] = u.Factor
		}
	}
	return &CurrencyNote{
		Base: claimwire.BaseCurrency, RatesAsOf: claimwire.RatesAsOf(), Rates: rates,
		Note: fmt.Sprintf("amounts in other currencies are converted to %s at the reference rate of the month "+
			"each article was published (monthly averages of the ECB's rates, up to %s; rates gives the latest); "+
			"physical units are scaled to a base unit", claimwire.BaseCurrency, claimwire.RatesAsOf()),
	}
}

// Conflicts finds the facts stated by the claims matching cq whose values disagree, with all
// their claims: a fact one of whose claims matches the words is reported whole.
func (ix *Index) Conflicts(ctx context.Context, cq ConflictQuery) (*ConflictReport, error) {
	limit, err := groupLimit(cq.Limit)
	if err != nil {
		return nil, err
	}
	from, older, err := ix.recentStart(ctx, cq.Q, maxConflictClaims)
	if err != nil {
		return nil, err
	}
	req, _, err := ix.request(&Query{Q: cq.Q, From: from})
	if err != nil {
		return nil, err
	}
	// The facts of those matches, counted from the fact's doc values: no match is sorted or
	// read (a page of 5,000 hits costs bleve 80 ms at a million claims).
	req.Score = bleve.ScoreNone
	req.Size, req.Fields = 0, nil
	req.AddFacet(fieldFact, bleve.NewFacetRequest(fieldFact, factsScanned))
	res, err := ix.run(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	var ids []string
	f := res.Facets[fieldFact]
	if f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			ids = append(ids, t.Term)
		}
	}
	older = older || f != nil && f.Other > 0
	st := ix.Reviews()
	ix.mu.RLock()
	varied, err := ix.live.links.varied.filter(ix.live.shards, ids)
	ix.mu.RUnlock()
	if err != nil {
		return nil, fmt.Errorf("indexer: conflicts: %w", err)
	}
	// A fact reviewers merged may hold values no link of its index facts joined.
	for _, id := range ids {
		if st.Reshaped(id) && !slices.Contains(varied, id) {
			varied = append(varied, id)
		}
	}
	parts := min(runtime.GOMAXPROCS(0), (len(varied)+factsPerPart-1)/factsPerPart)
	members, truncated, err := ix.factMembers(ctx, st, varied, parts)
	if err != nil {
		return nil, err
	}
	groups := []facts.Group{} // JSON clients get an empty list, not null, like Metrics
	reviews := make(map[string]review.FactStatus)
	for _, g := range facts.Conflicts(members) {
		fs, reviewed := st.Fact(g.Fact)
		if fs.Dismissed != nil && !cq.Dismissed {
			continue
		}
		if len(groups) == limit {
			break
		}
		groups = append(groups, g)
		if reviewed {
			reviews[g.Fact] = fs
		}
	}
	if len(reviews) == 0 {
		reviews = nil
	}
	return &ConflictReport{
		Groups:        groups,
		ClaimsScanned: int(res.Total),
		Truncated:     truncated || older,
		Currency:      newCurrencyNote(),
		Reviews:       reviews,
	}, nil
}

// Warm answers the Conflicts page's first view once and drops the answer, so that its first
// visitor does not wait for the disk: it reads the claims of the facts that most recently
// disagree at random places of the index, which on a cold page cache took 385 ms at a million
// claims against 31 ms warm. A server calls it before it reports ready.
func (ix *Index) Warm(ctx context.Context) error {
	if _, err := ix.Conflicts(ctx, ConflictQuery{}); err != nil {
		return fmt.Errorf("indexer: warm: %w", err)
	}
	return nil
}

// recentStart returns the start of the most recent days (without words) or months (with
// words) of publication that hold n claims matching q, or the zero time when all of them
// together hold fewer; older says earlier ones hold more. Sorting the matches by date reads the
// date of every one, at random places of its doc values: 0.8 s for a million claims, where
// those of the last days are a few thousand. Without words, the claims of each month, then of
// each day of the last months, are counted in the term dictionaries; with words, those of each
// month by the facets of one search.
func (ix *Index) recentStart(ctx context.Context, q string, n int) (from time.Time, older bool, err error) {
	if strings.TrimSpace(q) != "" {
		req, _, err := ix.request(&Query{Q: q})
		if err != nil {
			return time.Time{}, false, err
		}
		// Counting needs no score: scoring is most of a text query's cost.
		req.Score = bleve.ScoreNone
		req.Size, req.Fields = 0, nil
		facets := &facetTotals{}
		if _, err := ix.run(ctx, req, facets); err != nil {
			return time.Time{}, false, err
		}
		return periodStart(facets.facets().Months, "2006-01", n)
	}
	ix.mu.RLock()
	v := openVocabulary(ix.live.shards)
	ix.mu.RUnlock()
	defer v.close()
	if v.err != nil {
		return time.Time{}, false, fmt.Errorf("indexer: conflicts: %w", v.err)
	}
	month, older, err := periodStart(v.termCounts(fieldMonth, ""), "2006-01", n)
	if err != nil || month.IsZero() {
		return month, older, err
	}
	from, olderDays, err := periodStart(v.termCounts(fieldDay, month.Format(time.DateOnly)), time.DateOnly, n)
	return from, older || olderDays, err
}

// periodStart returns the start of the most recent periods (counts of claims by date, written
// in layout) that hold n claims, or the zero time when all hold fewer; older says earlier
// periods hold more.
func periodStart(periods []FacetCount, layout string, n int) (time.Time, bool, error) {
	slices.SortFunc(periods, func(a, b FacetCount) int { return cmp.Compare(b.Term, a.Term) })
	held := 0
	for i, p := range periods {
		if held += p.Count; held >= n {
			start, err := time.Parse(layout, p.Term)
			if err != nil {
				return time.Time{}, false, fmt.Errorf("indexer: period %q: %w", p.Term, err)
			}
			return start, i < len(periods)-1, nil
		}
	}
	return time.Time{}, false, nil
}

// factMembers reads the claims of the facts that the index facts ids answer as (through st),
// the maxFactClaims most recent of each and maxConflictMembers in all;
// truncated says some were left out. The facts are read in parts (one per core, see
// factsPerPart), searched at once: reading a few thousand claims is most of a conflicts query's
// time, and a single search would leave the other cores idle.
func (ix *Index) factMembers(ctx context.Context, st *review.State, ids []string, parts int) (_ []facts.Member, truncated bool, _ error) {
	roots := rootsOf(st, ids)
	if len(roots) == 0 {
		return nil, false, nil
	}
	req, _, err := ix.request(&Query{Sort: SortDateDesc})
	if err != nil {
		return nil, false, err
	}
	parts = max(1, min(parts, len(roots)))
	results := make([]*bleve.SearchResult, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for i := range parts {
		part := *req
		part.Query = reviewedFactsQuery(st, roots[i*len(roots)/parts:(i+1)*len(roots)/parts])
		part.Score = bleve.ScoreNone
		// Each part's maxConflictMembers most recent: the merged page keeps the most recent of all.
		part.From, part.Size, part.Fields = 0, maxConflictMembers, []string{fieldDoc}
		wg.Go(func() { results[i], errs[i] = ix.run(ctx, &part, nil) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, false, err
	}
	req.From, req.Size = 0, maxConflictMembers
	hits := mergedPage(req, results)
	var total uint64
	for _, r := range results {
		total += r.Total
	}
	truncated = total > uint64(len(hits))
	recs, err := ix.hitRecords(hits)
	if err != nil {
		return nil, false, fmt.Errorf("indexer: conflicts: %w", err)
	}
	byFact := make(map[string][]facts.Member)
	for i := range recs {
		f := st.FactOf(recs[i].ID, recs[i].Fact)
		if len(byFact[f]) == maxFactClaims {
			truncated = true
			continue
		}
		byFact[f] = append(byFact[f], recs[i].member(st, f))
	}
	var members []facts.Member
	for _, f := range roots {
		// A fact of one claim cannot disagree with itself: one whose other claims were
		// indexed again into other facts, or are beyond maxConflictMembers, is left out.
		if len(byFact[f]) > 1 {
			members = append(members, byFact[f]...)
		}
	}
	return members, truncated, nil
}

// member is r as a claim of fact, read through st.
func (r *record) member(st *review.State, fact string) facts.Member {
	return facts.Member{Claim: &r.Claim, Fact: fact, Score: r.FactScore, Why: r.FactWhy, Via: r.via(st), Marks: r.Marks}
}

// via is the claim r's link rests on, or "" when reviewers reshaped its fact: values they put
// in one fact disagree whichever claims the linker compared (facts.Member.Via).
func (r *record) via(st *review.State) string {
	if st.Reshaped(r.Fact) || st.Split(r.ID) {
		return ""
	}
	return r.FactVia
}

// rootsOf returns the facts that the index facts ids answer as, each once, in the order of ids.
func rootsOf(st *review.State, ids []string) []string {
	seen := make(map[string]bool, len(ids))
	var roots []string
	for _, id := range ids {
		if r := st.Root(id); !seen[r] {
			seen[r] = true
			roots = append(roots, r)
		}
	}
	return roots
}

// reviewedFactsQuery matches the claims of the facts roots (see rootsOf), the facts merged
// into them and claims split out and merged in included. A claim split out of one of them is
// matched too: the caller tells it apart by its fact (State.FactOf).
func reviewedFactsQuery(st *review.State, roots []string) query.Query {
	var indexFacts, claims []string
	for _, root := range roots {
		fs, cs := st.Members(root)
		indexFacts, claims = append(indexFacts, fs...), append(claims, cs...)
	}
	qs := []query.Query{query.NewMatchNoneQuery()} // a split fact id no claim was split to
	if len(indexFacts) > 0 {
		qs = append(qs, anyTerm(fieldFact, indexFacts))
	}
	if len(claims) > 0 {
		qs = append(qs, query.NewDocIDQuery(claims))
	}
	if len(qs) == 2 {
		return qs[1]
	}
	return query.NewDisjunctionQuery(qs)
}

// FactReport is a fact: the claims the linker gave it, the values they state and the articles
// stating each, and the conflict between them when they disagree.
type FactReport struct {
	Fact string `json:"fact"`
	// Subject and Measure say what the fact is about, in the words (and Lang) of its
	// best-linked claim.
	Subject string `json:"subject,omitempty"`
	Measure string `json:"measure,omitempty"`
	Lang    string `json:"lang"`
	// Why lists the words its claims were linked by, most shared first.
	Why []string `json:"why"`
	// Confidence is how sure the linker is that the claims state one fact: the mean score of
	// their links, from 0 to 1 (1 for a fact of one claim).
	Confidence float64 `json:"confidence"`
	// Articles counts the distinct articles stating the fact.
	Articles int `json:"articles"`
	// Values are the distinct values stated, the smallest first.
	Values []StatedValue `json:"values"`
	// Claims are the fact's claims, the most recent first; Truncated says there were more.
	Claims    []Hit `json:"claims"`
	Truncated bool  `json:"truncated"`
	// Conflict is the fact's conflict group when its values disagree, otherwise absent.
	Conflict *facts.Group `json:"conflict,omitempty"`
	// Timeline lists the articles stating each value in order of publication: each value's
	// first appearance, the outlets repeating it, and outlets revising their figure.
	Timeline []TimelineEntry `json:"timeline"`
	// Review is what fact-checkers decided about the fact, when anything.
	Review *review.FactStatus `json:"review,omitempty"`
}

// StatedValue is one value stated of a fact and the articles stating it.
type StatedValue struct {
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Vague     bool     `json:"vague,omitempty"`
	// Sources are the articles stating it, each once: by its body's sentence when it also
	// states it in its headline.
	Sources []facts.Source `json:"sources"`
}

// Fact returns the fact with the given id and its claims (the maxFactClaims most recent),
// read through the review state: a fact merged into another answers as that one, with the
// claims of both, less those split out; false when no claim states it.
func (ix *Index) Fact(ctx context.Context, id string) (*FactReport, bool, error) {
	req, _, err := ix.request(&Query{Sort: SortDateDesc})
	if err != nil {
		return nil, false, err
	}
	st := ix.Reviews()
	root := st.Root(id)
	req.Query = reviewedFactsQuery(st, []string{root})
	fr := &FactReport{Fact: root, Why: []string{}, Values: []StatedValue{}, Claims: []Hit{}}
	var members []facts.Member
	skipped := 0
	total, err := ix.scanRequest(ctx, req, maxFactClaims, func(r *record) {
		h := r.reviewedHit(st)
		if h.Fact != root {
			skipped++ // split out of it
			return
		}
		fr.Claims = append(fr.Claims, h)
		members = append(members, r.member(st, root))
	})
	if err != nil {
		return nil, false, fmt.Errorf("indexer: fact %s: %w", id, err)
	}
	if len(members) == 0 {
		return nil, false, nil
	}
	fr.Truncated = total > uint64(len(members)+skipped)
	fr.summarize(members)
	fr.Timeline = timeline(fr.Values)
	if groups := facts.Conflicts(members); len(groups) > 0 {
		fr.Conflict = &groups[0]
	}
	if fs, ok := st.Fact(root); ok {
		fr.Review = &fs
	}
	return fr, true, nil
}

// summarize fills what the report says of the fact as a whole from its members.
func (fr *FactReport) summarize(members []facts.Member) {
	best := &members[0]
	articles := make(map[string]bool)
	why := make(map[string]int)
	var scores float64
	var linked int
	index := make(map[facts.StatementKey]int)
	for i := range members {
		m := &members[i]
		c := m.Claim
		articles[c.URL] = true
		if m.Score < 1 {
			scores += m.Score
			linked++
			if best.Score == 1 || m.Score > best.Score {
				best = m
			}
		}
		for _, w := range m.Why {
			why[w]++
		}
		k := facts.Statement(c)
		n, ok := index[k]
		if !ok {
			n = len(fr.Values)
			index[k] = n
			fr.Values = append(fr.Values, StatedValue{Value: c.Value, ValueMax: c.ValueMax, Unit: c.Unit,
				Qualifier: c.Qualifier, Vague: c.Vague})
		}
		facts.AddSource(&fr.Values[n].Sources, c)
	}
	fr.Subject, fr.Measure, fr.Lang = best.Claim.Subject, best.Claim.Measure, best.Claim.Lang
	fr.Articles = len(articles)
	fr.Confidence = 1
	if linked > 0 {
		fr.Confidence = scores / float64(linked)
	}
	for w := range why {
		fr.Why = append(fr.Why, w)
	}
	slices.SortFunc(fr.Why, func(a, b string) int { return cmp.Or(cmp.Compare(why[b], why[a]), cmp.Compare(a, b)) })
	slices.SortStableFunc(fr.Values, func(a, b StatedValue) int {
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Value, b.Value))
	})
}
