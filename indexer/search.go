package indexer

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	vregexp "github.com/blevesearch/vellum/regexp"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/review"
)

// Sort orders accepted in Query.Sort. A leading "-" means descending.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortDateDesc  = "-date"
	SortValue     = "value"
	SortValueDesc = "-value"
)

// Facet sizes: enough for every unit, language and month, and the top metrics and sites.
const (
	facetUnit   = 30
	facetMetric = 50
	facetSite   = 50
	facetLang   = 10
	facetMonth  = 600
)

// recordsPerPart is the fewest stored records hitRecords decodes on a core of their own: fewer
// cost less than starting a goroutine.
const recordsPerPart = 256

// Query is a search over claims. Zero fields do not filter.
type Query struct {
	// Q is in bleve query-string syntax; its free-text part is expanded with its translations.
	Q string
	// Lang, Unit, Metric and Site keep claims whose field is any of the values given.
	Lang, Unit, Metric, Site []string
	// Min and Max bound the claim's value, inclusive.
	Min, Max *float64
	// From (inclusive) and To (exclusive) bound the publication date.
	From, To time.Time
	// Sort is one of the Sort constants; relevance when empty.
	Sort string
	// Size is the page size (default 20, at most Options.MaxPageSize).
	Size int
	// Page is 1-based; Page*Size may not exceed Options.MaxWindow: use Cursor beyond.
	Page int
	// Cursor is Result.Next of the previous page; it continues that search after its last hit.
	Cursor string
	// Facets asks for counts by unit, metric, site, lang and month.
	Facets bool
	// IDs and Facts keep only the claims with one of these ids, or of one of these facts. The
	// API does not offer them: alerts use them to ask which new claims a saved search finds.
	IDs, Facts []string
}

// Hit is a claim found by a search.
type Hit struct {
	claimwire.Claim
	Linkage
	// Link is URL with a text fragment that scrolls to the sentence.
	Link string `json:"link"`
	// Highlight is the sentence as HTML with matched words in <mark>, when any matched.
	Highlight string  `json:"highlight,omitempty"`
	Score     float64 `json:"score,omitempty"`
	// Review is what fact-checkers decided about the claim or its fact, when anything.
	Review *review.ClaimStatus `json:"review,omitempty"`
}

// Linkage is the fact the linker gave a claim when it was indexed (see Fact).
type Linkage struct {
	// Fact is the id of the fact the claim states: the id of its first claim.
	Fact string `json:"fact,omitempty"`
	// FactScore is how sure the linker was that the claim states it, from 0 to 1; 1 for the
	// claim that started it. The claim that started a fact since merged into this one
	// (facts.Merges) rests on the link of the claim whose arrival merged it.
	FactScore float64 `json:"fact_score,omitempty"`
	// FactWhy are the words the link rests on, those the claim shares with its fact's closest
	// claim.
	FactWhy []string `json:"fact_why,omitempty"`
	// FactVia is the id of the claim the link rests on, the fact's closest; empty for the
	// claim that started it.
	FactVia string `json:"fact_via,omitempty"`
	// FactVaries says the claim states another value than the claim its link rests on, one its
	// fact's values may be found to disagree over (facts.Varies): conflicts read the facts of
	// such links alone.
	FactVaries bool `json:"fact_varies,omitempty"`
	// FactMergedBy is the id of the claim whose arrival merged the fact this claim stated
	// before into Fact (facts.Merges); empty for a claim given Fact as it arrived. The fact's
	// values may disagree since that claim arrived, not since this one.
	FactMergedBy string `json:"fact_merged_by,omitempty"`
}

// FacetCount is the number of hits with one value of a field.
type FacetCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Facets are hit counts by field; Months is a histogram by month of publication, oldest first.
type Facets struct {
	Unit   []FacetCount `json:"unit"`
	Metric []FacetCount `json:"metric"`
	Site   []FacetCount `json:"site"`
	Lang   []FacetCount `json:"lang"`
	Months []FacetCount `json:"months"`
}

// Result is a page of hits.
type Result struct {
	Total  uint64 `json:"total"`
	Claims []Hit  `json:"claims"`
	// Next is the cursor of the next page; empty on the last page.
	Next   string  `json:"next,omitempty"`
	Facets *Facets `json:"facets,omitempty"`
	// Expansions lists the translations OR'ed into the query.
	Expansions []string `json:"expansions,omitempty"`
	TookMS     float64  `json:"took_ms"`
}

// cursor is what Result.Next encodes: the sort order and either the sort values of the last hit
// (date and value orders, which page through everything) or the offset of the next page
// (relevance, which pages within Options.MaxWindow). Sort values are binary (prefix-coded
// numbers), hence []byte, which JSON carries as base64.
type cursor struct {
	Sort  string   `json:"s"`
	After [][]byte `json:"a,omitempty"`
	From  int      `json:"f,omitempty"`
}

// afterValues are the search-after values of h: its sort values, except the score, which bleve
// leaves as a placeholder there.
func afterValues(order search.SortOrder, h *search.DocumentMatch) []string {
	after := slices.Clone(h.Sort)
	for i, s := range order {
		if _, ok := s.(*search.SortScore); ok && i < len(after) {
			after[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		}
	}
	return after
}

func encodeCursor(c cursor) string {
	b, err := json.Marshal(c)
	if err != nil {
		// A struct of a string and byte slices always marshals.
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, badQuery("malformed cursor")
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, badQuery("malformed cursor")
	}
	return c, nil
}

// sortOrder returns the bleve sort for name. Relevance is the score alone: a tie-break on the
// claim id would make bleve load the stored id of every match, which measured 2.7 times the cost
// of the search itself at a million claims; ties keep index order instead (see searchShards).
// Date and value orders break ties on the id, so that their cursors can page through everything.
func sortOrder(name string) (search.SortOrder, error) {
	tie := &search.SortDocID{}
	byField := func(field string, desc bool) search.SortOrder {
		return search.SortOrder{
			&search.SortField{Field: field, Desc: desc, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			tie,
		}
	}
	switch name {
	case "", SortRelevance:
		return search.SortOrder{&search.SortScore{Desc: true}}, nil
	case SortDate:
		return byField(fieldPublishedSort, false), nil
	case SortDateDesc:
		return byField(fieldPublishedSort, true), nil
	case SortValue:
		return byField(fieldValueSort, false), nil
	case SortValueDesc:
		return byField(fieldValueSort, true), nil
	}
	return nil, badQuery("unknown sort %q (relevance, date, -date, value, -value)", name)
}

// filters turns the structured filters of q into queries.
func (q *Query) filters() ([]query.Query, error) {
	var fs []query.Query
	anyOf := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		qs := make([]query.Query, 0, len(values))
		for _, v := range values {
			t := query.NewTermQuery(v)
			t.SetField(field)
			qs = append(qs, t)
		}
		fs = append(fs, query.NewDisjunctionQuery(qs))
	}
	anyOf(fieldLang, q.Lang)
	anyOf(fieldUnit, q.Unit)
	anyOf(fieldMetric, q.Metric)
	anyOf(fieldSite, q.Site)
	anyOf(fieldFact, q.Facts)
	if len(q.IDs) > 0 {
		fs = append(fs, query.NewDocIDQuery(q.IDs))
	}
	if q.Min != nil || q.Max != nil {
		if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			return nil, badQuery("min %g is above max %g", *q.Min, *q.Max)
		}
		incl := true
		r := query.NewNumericRangeInclusiveQuery(q.Min, q.Max, &incl, &incl)
		r.SetField(fieldValue)
		fs = append(fs, r)
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
			return nil, badQuery("from must be before to")
		}
		incl, excl := true, false
		r := query.NewDateRangeInclusiveQuery(q.From, q.To, &incl, &excl)
		r.SetField(fieldPublished)
		fs = append(fs, r)
	}
	return fs, nil
}

// request builds the bleve request for q. Errors wrap ErrBadQuery.
func (ix *Index) request(q *Query) (*bleve.SearchRequest, *parsedQuery, error) {
	size := q.Size
	if size == 0 {
		size = 20
	}
	if size < 0 || size > ix.opts.MaxPageSize {
		return nil, nil, badQuery("size must be between 1 and %d", ix.opts.MaxPageSize)
	}
	page := max(q.Page, 1)
	if q.Page < 0 {
		return nil, nil, badQuery("page must be positive")
	}
	// Divided rather than multiplied: a huge page must not overflow past the check.
	if page > ix.opts.MaxWindow/size {
		return nil, nil, badQuery("page*size above %d: follow the next cursor instead", ix.opts.MaxWindow)
	}
	sortName := q.Sort
	if sortName == "" {
		sortName = SortRelevance
	}
	order, err := sortOrder(sortName)
	if err != nil {
		return nil, nil, err
	}
	pq, err := ix.parse(q.Q)
	if err != nil {
		return nil, nil, err
	}
	fs, err := q.filters()
	if err != nil {
		return nil, nil, err
	}
	bq, scored := pq.query(fs...)
	req := bleve.NewSearchRequestOptions(bq, size, (page-1)*size, false)
	if !scored {
		req.Score = "none"
	}
	req.Sort = order
	req.Fields = []string{fieldDoc}
	if q.Cursor != "" {
		if err := ix.continueFrom(req, q, sortName, len(order)); err != nil {
			return nil, nil, err
		}
	}
	return req, pq, nil
}

// continueFrom sets req to continue after the page that returned q.Cursor.
func (ix *Index) continueFrom(req *bleve.SearchRequest, q *Query, sortName string, sortKeys int) error {
	c, err := decodeCursor(q.Cursor)
	if err != nil {
		return err
	}
	if q.Page > 1 {
		return badQuery("use either page or cursor")
	}
	if c.Sort != sortName {
		return badQuery("cursor was made for another sort order")
	}
	if sortName == SortRelevance {
		if len(c.After) != 0 || c.From < 0 || c.From > ix.opts.MaxWindow-req.Size {
			return badQuery("relevance pages stop at %d hits: sort by date or value to go further", ix.opts.MaxWindow)
		}
		req.From = c.From
		return nil
	}
	if len(c.After) != sortKeys || c.From != 0 {
		return badQuery("cursor was made for another sort order")
	}
	req.From = 0
	req.SearchAfter = make([]string, len(c.After))
	for i, a := range c.After {
		req.SearchAfter[i] = string(a)
	}
	return nil
}

// nextCursor is the cursor of the page after res, or "" when res is the last page (of relevance
// order: the last within Options.MaxWindow).
func (ix *Index) nextCursor(req *bleve.SearchRequest, sortName string, res *bleve.SearchResult) string {
	n := len(res.Hits)
	if n < req.Size || uint64(req.From+n) >= res.Total {
		return ""
	}
	if sortName == SortRelevance {
		if req.From+n+req.Size > ix.opts.MaxWindow {
			return ""
		}
		return encodeCursor(cursor{Sort: sortName, From: req.From + n})
	}
	after := afterValues(req.Sort, res.Hits[n-1])
	c := cursor{Sort: sortName, After: make([][]byte, len(after))}
	for i, a := range after {
		c.After[i] = []byte(a)
	}
	return encodeCursor(c)
}

// Search runs q within Options.SearchTimeout. Errors caused by the query wrap ErrBadQuery,
// including queries too costly to finish in time.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	req, pq, err := ix.request(&q)
	if err != nil {
		return nil, err
	}
	var facets *facetTotals
	if q.Facets {
		facets = &facetTotals{}
	}
	res, err := ix.run(ctx, req, facets)
	if err != nil {
		return nil, err
	}
	out := &Result{
		Total:      res.Total,
		Claims:     make([]Hit, 0, len(res.Hits)),
		Expansions: pq.expansions,
		TookMS:     float64(res.Took.Microseconds()) / 1000,
	}
	st := ix.Reviews()
	for _, h := range res.Hits {
		r, err := ix.hitRecord(h)
		if err != nil {
			return nil, fmt.Errorf("indexer: search: %w", err)
		}
		hit := r.reviewedHit(st)
		hit.Highlight, hit.Score = pq.hl.highlight(ix.ta, r.Sentence, r.Lang), h.Score
		out.Claims = append(out.Claims, hit)
	}
	sortName := q.Sort
	if sortName == "" {
		sortName = SortRelevance
	}
	out.Next = ix.nextCursor(req, sortName, res)
	if facets != nil {
		out.Facets = facets.facets()
	}
	return out, nil
}

// parse parses a query string against the live index: see parseQueryString.
func (ix *Index) parse(qs string) (*parsedQuery, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	v := openVocabulary(ix.live.shards)
	defer v.close()
	return parseQueryString(qs, ix.ta, ix.translations, v.has)
}

// run executes req with the search deadline. A query that runs out of time is the query's fault
// (the limits let through something too costly), so the error wraps ErrBadQuery.
func (ix *Index) run(ctx context.Context, req *bleve.SearchRequest, facets *facetTotals) (*bleve.SearchResult, error) {
	ctx, cancel := context.WithTimeout(ctx, ix.opts.SearchTimeout)
	defer cancel()
	// Held for the whole search: a rebuild's swap waits for searches in flight before it closes
	// the generation they read.
	ix.mu.RLock()
	res, err := searchShards(ctx, ix.live.shards, req, facets)
	ix.mu.RUnlock()
	switch {
	case err == nil:
		return res, nil
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, badQuery("search took longer than %s; narrow the query", ix.opts.SearchTimeout)
	case errors.Is(err, vregexp.ErrTooManyStates):
		return nil, badQuery("pattern too complex: %v", err)
	default:
		return nil, fmt.Errorf("indexer: search: %w", err)
	}
}

// searchShards runs req on every shard at once and merges the answers into its page. Hits that
// tie on every sort key keep the order in which their shard found them, lower shards first, so
// that pages do not depend on which shard answers first. (bleve's alias orders such ties by
// arrival, which would let offset pages overlap.) With facets, the matches are counted into it.
func searchShards(ctx context.Context, shards []shard, req *bleve.SearchRequest, facets *facetTotals) (*bleve.SearchResult, error) {
	return searchShardsIn(ctx, shards, req, facets, true)
}

// searchShardsIn is searchShards, the shards searched at once when parallel is set and one after
// the other otherwise: small searches run in series by a goroutine that has many to run do not
// wait on the scheduler twice each.
func searchShardsIn(ctx context.Context, shards []shard, req *bleve.SearchRequest, facets *facetTotals, parallel bool) (*bleve.SearchResult, error) {
	start := time.Now()
	results := make([]*bleve.SearchResult, len(shards))
	errs := make([]error, len(shards))
	counters := make([]*facetCounter, len(shards))
	var wg sync.WaitGroup
	for i, s := range shards {
		sctx := ctx
		if facets != nil {
			counters[i] = &facetCounter{cache: s.ordinals}
			sctx = counters[i].handler(ctx)
		}
		sub := *req
		sub.From, sub.Size = 0, req.From+req.Size
		sub.Sort = req.Sort.Copy()
		if sub.Score == bleve.ScoreNone && len(sub.SearchAfter) == 0 && len(sub.Sort) == 1 && sub.Sort[0].RequiresScoring() {
			// Unscored and in index order, bleve stops at the first Size matches and the total
			// is wrong; any search-after turns that off, and with every score 0 this one lets
			// every match through.
			sub.SearchAfter = []string{"+Inf"}
		}
		if parallel {
			wg.Go(func() { results[i], errs[i] = s.SearchInContext(sctx, &sub) })
		} else {
			results[i], errs[i] = s.SearchInContext(sctx, &sub)
		}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if facets != nil {
		for _, c := range counters {
			facets.add(c)
		}
	}
	page := mergedPage(req, results) // before Merge, which appends the hits of each to the first
	res := results[0]
	for _, r := range results[1:] {
		res.Merge(r)
	}
	res.Hits = page
	for name, f := range req.Facets {
		res.Facets.Fixup(name, f.Size)
	}
	res.Took = time.Since(start)
	return res, nil
}

// mergedPage returns the page req asks for of the hits of results, answers to searches sorted
// as req, in req's order. Hits that tie on every sort key keep the order of results.
func mergedPage(req *bleve.SearchRequest, results []*bleve.SearchResult) search.DocumentMatchCollection {
	type rankedHit struct {
		*search.DocumentMatch
		result int
	}
	var hits []rankedHit
	for i, r := range results {
		for _, h := range r.Hits {
			hits = append(hits, rankedHit{h, i})
		}
	}
	scoring, desc := req.Sort.CacheIsScore(), req.Sort.CacheDescending()
	slices.SortFunc(hits, func(a, b rankedHit) int {
		if c := req.Sort.Compare(scoring, desc, a.DocumentMatch, b.DocumentMatch); c != 0 {
			return c
		}
		return a.result - b.result
	})
	hits = hits[min(req.From, len(hits)):]
	hits = hits[:min(req.Size, len(hits))]
	page := make(search.DocumentMatchCollection, len(hits))
	for i, h := range hits {
		page[i] = h.DocumentMatch
	}
	return page
}

// hitRecords decodes the stored records of hits whose request asked for fieldDoc, spread over
// the cores: decoding thousands of claims would otherwise take one core tens of milliseconds.
func (ix *Index) hitRecords(hits search.DocumentMatchCollection) ([]record, error) {
	recs := make([]record, len(hits))
	parts := min(runtime.GOMAXPROCS(0), (len(hits)+recordsPerPart-1)/recordsPerPart)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p * len(hits) / parts; i < (p+1)*len(hits)/parts; i++ {
				if recs[i], errs[p] = ix.hitRecord(hits[i]); errs[p] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	return recs, errors.Join(errs...)
}

// hitRecord decodes the stored record of a hit whose request asked for fieldDoc.
func (ix *Index) hitRecord(h *search.DocumentMatch) (record, error) {
	s, _ := h.Fields[fieldDoc].(string)
	r, err := ix.codec.decode(h.ID, []byte(s))
	if err != nil {
		return r, fmt.Errorf("claim %s: %w", h.ID, err)
	}
	return r, nil
}

// hit is the record as the API shows it, with the link to its sentence.
func (r *record) hit() Hit {
	return Hit{Claim: r.Claim, Linkage: r.Linkage, Link: TextFragmentLink(r.URL, r.Sentence)}
}
