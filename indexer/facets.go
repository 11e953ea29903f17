package indexer

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Search facets are counted from term ordinals kept in memory for each index segment: a match
// costs five array reads. bleve's own facets decode each field's doc values for every match,
// which measured about 2 µs a match for the five fields, 250 ms for a query matching a tenth of
// a million claims. The ordinals take 20 bytes a claim of memory and are built once per segment
// (segments never change; merges make new ones) after each batch written, so that no search
// waits for them, or by the first faceted search that reads a segment without them.

// Positions of the facet fields in facetFields and in the arrays indexed like it.
const (
	facetAtUnit = iota
	facetAtMetric
	facetAtSite
	facetAtLang
	facetAtMonth
)

// facetFields are the fields counted for Query.Facets.
var facetFields = [...]string{facetAtUnit: fieldUnit, facetAtMetric: fieldMetric, facetAtSite: fieldSite,
	facetAtLang: fieldLang, facetAtMonth: fieldMonth}

// segmentOrdinals numbers the terms of each facet field in one segment: ords[f][doc] is the
// ordinal of doc's term in terms[f], 0 when doc has none.
type segmentOrdinals struct {
	terms [len(facetFields)][]string
	ords  [len(facetFields)][]uint32
}

func buildOrdinals(seg segment.Segment) (*segmentOrdinals, error) {
	so := &segmentOrdinals{}
	n := seg.Count()
	for f, field := range facetFields {
		so.terms[f] = []string{""}
		so.ords[f] = make([]uint32, n)
		dict, err := seg.Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("indexer: facet field %s: %w", field, err)
		}
		terms := dict.AutomatonIterator(nil, nil, nil)
		var postings segment.PostingsList
		var it segment.PostingsIterator
		for {
			e, err := terms.Next()
			if err != nil {
				return nil, fmt.Errorf("indexer: facet field %s: %w", field, err)
			}
			if e == nil {
				break
			}
			ord := uint32(len(so.terms[f]))
			so.terms[f] = append(so.terms[f], e.Term)
			if postings, err = dict.PostingsList([]byte(e.Term), nil, postings); err != nil {
				return nil, fmt.Errorf("indexer: facet term %s:%s: %w", field, e.Term, err)
			}
			it = postings.Iterator(false, false, false, it)
			for {
				p, err := it.Next()
				if err != nil {
					return nil, fmt.Errorf("indexer: facet term %s:%s: %w", field, e.Term, err)
				}
				if p == nil {
					break
				}
				if d := p.Number(); d < n {
					so.ords[f][d] = ord
				}
			}
		}
	}
	return so, nil
}

// ordinalCache holds the ordinals of one shard's segments.
type ordinalCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]*segmentOrdinals
}

func newOrdinalCache() *ordinalCache {
	return &ordinalCache{segs: make(map[segment.Segment]*segmentOrdinals)}
}

// forSnapshot returns the ordinals of every segment of snap, in order, building what is missing
// and forgetting segments snap no longer has.
func (oc *ordinalCache) forSnapshot(snap *scorch.IndexSnapshot) ([]*segmentOrdinals, error) {
	oc.mu.Lock()
	defer oc.mu.Unlock()
	segs := snap.Segments()
	out := make([]*segmentOrdinals, len(segs))
	live := make(map[segment.Segment]bool, len(segs))
	for i, ss := range segs {
		seg := ss.Segment()
		live[seg] = true
		so, ok := oc.segs[seg]
		if !ok {
			var err error
			if so, err = buildOrdinals(seg); err != nil {
				return nil, err
			}
			oc.segs[seg] = so
		}
		out[i] = so
	}
	for seg := range oc.segs {
		if !live[seg] {
			delete(oc.segs, seg)
		}
	}
	return out, nil
}

// warmOrdinals builds the ordinals of the shard's current segments and forgets retired ones.
func (s shard) warmOrdinals() error {
	snap, err := s.snapshot()
	if err != nil {
		return err
	}
	defer func() { _ = snap.Close() }()
	_, err = s.ordinals.forSnapshot(snap)
	return err
}

// facetCounter counts the matches of one shard's search by facet term. bleve hands it every
// match, in index order, through a document match handler (see handler).
type facetCounter struct {
	cache *ordinalCache
	// segs, starts and counts follow the snapshot's segments: the ordinals, the first global
	// document number, and the count of each ordinal of each field.
	segs   []*segmentOrdinals
	starts []uint64
	counts [][len(facetFields)][]int
	cur    int
}

// handler returns a context under which a bleve search feeds its matches to fc as well.
func (fc *facetCounter) handler(ctx context.Context) context.Context {
	mk := search.MakeDocumentMatchHandler(func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok {
			return nil, false, fmt.Errorf("indexer: facets need a scorch index, not %T", sctx.IndexReader)
		}
		if err := fc.start(snap); err != nil {
			return nil, false, err
		}
		return func(d *search.DocumentMatch) error {
			if d != nil {
				fc.add(d.IndexInternalID.Value())
			}
			return next(d)
		}, loadID, nil
	})
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, mk)
}

// start readies fc for a search of snap.
func (fc *facetCounter) start(snap *scorch.IndexSnapshot) error {
	segs, err := fc.cache.forSnapshot(snap)
	if err != nil {
		return err
	}
	fc.segs, fc.cur = segs, 0
	fc.starts = make([]uint64, len(segs)+1)
	fc.counts = make([][len(facetFields)][]int, len(segs))
	for i, ss := range snap.Segments() {
		// Global document numbers run on through the segments, deleted documents included.
		fc.starts[i+1] = fc.starts[i] + ss.Segment().Count()
		for f := range facetFields {
			fc.counts[i][f] = make([]int, len(segs[i].terms[f]))
		}
	}
	return nil
}

// add counts the match with global document number doc.
func (fc *facetCounter) add(doc uint64) {
	if doc < fc.starts[fc.cur] {
		// Matches come in index order; start over should one not.
		fc.cur = 0
	}
	for fc.cur < len(fc.segs) && doc >= fc.starts[fc.cur+1] {
		fc.cur++
	}
	if fc.cur == len(fc.segs) {
		fc.cur = 0
		return
	}
	so, counts, local := fc.segs[fc.cur], &fc.counts[fc.cur], doc-fc.starts[fc.cur]
	for f := range facetFields {
		counts[f][so.ords[f][local]]++
	}
}

// facetTotals adds up the counts of shards by term.
type facetTotals [len(facetFields)]map[string]int

func (ft *facetTotals) add(fc *facetCounter) {
	for f := range facetFields {
		if ft[f] == nil {
			ft[f] = make(map[string]int)
		}
		for s, so := range fc.segs {
			for ord, n := range fc.counts[s][f] {
				if ord > 0 && n > 0 {
					ft[f][so.terms[f][ord]] += n
				}
			}
		}
	}
}

// facets returns the most frequent terms of each field, by count then term, months by date.
func (ft *facetTotals) facets() *Facets {
	top := func(f int, size int) []FacetCount {
		out := make([]FacetCount, 0, len(ft[f]))
		for t, n := range ft[f] {
			out = append(out, FacetCount{Term: t, Count: n})
		}
		slices.SortFunc(out, func(a, b FacetCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
		})
		return out[:min(size, len(out))]
	}
	months := top(facetAtMonth, facetMonth)
	slices.SortFunc(months, func(a, b FacetCount) int { return cmp.Compare(a.Term, b.Term) })
	return &Facets{
		Unit:   top(facetAtUnit, facetUnit),
		Metric: top(facetAtMetric, facetMetric),
		Site:   top(facetAtSite, facetSite),
		Lang:   top(facetAtLang, facetLang),
		Months: months,
	}
}
