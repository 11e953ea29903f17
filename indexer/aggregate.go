package indexer

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/claimwire/claimwire"
)

// Limits of the aggregate endpoints.
const (
	scanPageSize      = 1000
	defaultGroupLimit = 50
	maxGroupLimit     = 500
	// unitValueFacet bounds the distinct (unit, value) pairs counted per metric.
	unitValueFacet = 1000
	topValues      = 5
)

func groupLimit(n int) (int, error) {
	switch {
	case n == 0:
		return defaultGroupLimit, nil
	case n < 0 || n > maxGroupLimit:
		return 0, badQuery("limit must be between 1 and %d", maxGroupLimit)
	}
	return n, nil
}

// scan calls fn for up to maxClaims claims matching q, in q's sort order, and returns how many
// matched in all.
func (ix *Index) scan(ctx context.Context, q *Query, maxClaims int, fn func(*record)) (uint64, error) {
	req, _, err := ix.request(q)
	if err != nil {
		return 0, err
	}
	return ix.scanRequest(ctx, req, maxClaims, fn)
}

// scanRequest calls fn for up to maxClaims hits of req, whose sort must break ties (on the id),
// page after page, and returns how many matched in all.
func (ix *Index) scanRequest(ctx context.Context, req *bleve.SearchRequest, maxClaims int, fn func(*record)) (uint64, error) {
	req.From, req.Size = 0, min(scanPageSize, maxClaims)
	seen := 0
	for {
		res, err := ix.run(ctx, req, nil)
		if err != nil {
			return 0, err
		}
		for _, h := range res.Hits {
			r, err := ix.hitRecord(h)
			if err != nil {
				return 0, fmt.Errorf("indexer: scan: %w", err)
			}
			fn(&r)
		}
		seen += len(res.Hits)
		if len(res.Hits) < req.Size || seen >= maxClaims {
			return res.Total, nil
		}
		req.SearchAfter = afterValues(req.Sort, res.Hits[len(res.Hits)-1])
		req.Size = min(scanPageSize, maxClaims-seen)
	}
}

// MetricsQuery selects the claims whose metrics are summarised.
type MetricsQuery struct {
	Q string
	// Limit caps the metrics returned, most claimed first (default 50, at most 500).
	Limit int
}

// MetricsReport lists the known metrics.
type MetricsReport struct {
	// Claims is the number of claims matching the query, Metrics their metrics.
	Claims  uint64        `json:"claims"`
	Metrics []MetricStats `json:"metrics"`
}

// MetricStats summarises the claims about one metric.
type MetricStats struct {
	Metric string      `json:"metric"`
	Claims int         `json:"claims"`
	Units  []UnitStats `json:"units"`
}

// UnitStats is the spread of a metric's values in one unit.
type UnitStats struct {
	Unit   string  `json:"unit"`
	Claims int     `json:"claims"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	// Distinct counts the distinct values; DistinctAtLeast says there are more than counted.
	Distinct        int          `json:"distinct"`
	DistinctAtLeast bool         `json:"distinct_at_least,omitempty"`
	Top             []ValueCount `json:"top"`
}

// ValueCount is how many claims state a value.
type ValueCount struct {
	Value  float64 `json:"value"`
	Claims int     `json:"claims"`
}

// Metrics returns the metrics of the claims matching mq, with claim counts and value spread.
func (ix *Index) Metrics(ctx context.Context, mq MetricsQuery) (*MetricsReport, error) {
	limit, err := groupLimit(mq.Limit)
	if err != nil {
		return nil, err
	}
	pq, err := ix.parse(mq.Q)
	if err != nil {
		return nil, err
	}
	base, _ := pq.query()
	req := bleve.NewSearchRequestOptions(base, 0, 0, false)
	req.Score = "none"
	req.AddFacet(fieldMetric, bleve.NewFacetRequest(fieldMetric, limit))
	res, err := ix.run(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	out := &MetricsReport{Claims: res.Total, Metrics: []MetricStats{}}
	if f := res.Facets[fieldMetric]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			units, err := ix.unitStats(ctx, pq, t.Term)
			if err != nil {
				return nil, err
			}
			out.Metrics = append(out.Metrics, MetricStats{Metric: t.Term, Claims: t.Count, Units: units})
		}
	}
	return out, nil
}

// unitStats summarises the values of metric among the claims matching base, per unit, from one
// facet on the unit|value field.
func (ix *Index) unitStats(ctx context.Context, base *parsedQuery, metric string) ([]UnitStats, error) {
	mt := query.NewTermQuery(metric)
	mt.SetField(fieldMetric)
	q, _ := base.query(mt)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	req.AddFacet(fieldUnitValue, bleve.NewFacetRequest(fieldUnitValue, unitValueFacet))
	res, err := ix.run(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	f := res.Facets[fieldUnitValue]
	if f == nil || f.Terms == nil {
		return []UnitStats{}, nil
	}
	byUnit := make(map[string]*UnitStats)
	var order []string
	for _, t := range f.Terms.Terms() {
		unit, v, ok := parseUnitValueKey(t.Term)
		if !ok {
			continue
		}
		s, ok := byUnit[unit]
		if !ok {
			s = &UnitStats{Unit: unit, Min: math.Inf(1), Max: math.Inf(-1)}
			byUnit[unit] = s
			order = append(order, unit)
		}
		s.Claims += t.Count
		s.Distinct++
		s.Min, s.Max = min(s.Min, v), max(s.Max, v)
		if len(s.Top) < topValues {
			s.Top = append(s.Top, ValueCount{Value: v, Claims: t.Count})
		}
	}
	out := make([]UnitStats, 0, len(order))
	for _, u := range order {
		s := byUnit[u]
		// Values past the facet's size are uncounted: the spread may be wider than shown.
		s.DistinctAtLeast = f.Other > 0
		out = append(out, *s)
	}
	slices.SortStableFunc(out, func(a, b UnitStats) int { return cmp.Compare(b.Claims, a.Claims) })
	return out, nil
}

// FirstAppearance returns the earliest published claim stating the same value, in the same unit,
// about the same metric as c; c itself when none is earlier.
func (ix *Index) FirstAppearance(ctx context.Context, c claimwire.Claim) (claimwire.Claim, error) {
	if c.Metric == "" {
		return c, nil
	}
	incl := true
	v := query.NewNumericRangeInclusiveQuery(&c.Value, &c.Value, &incl, &incl)
	v.SetField(fieldValue)
	q := Query{Metric: []string{c.Metric}, Unit: []string{c.Unit}, Sort: SortDate, Size: 1}
	req, _, err := ix.request(&q)
	if err != nil {
		return c, err
	}
	req.Query = query.NewConjunctionQuery([]query.Query{req.Query, v})
	res, err := ix.run(ctx, req, nil)
	if err != nil {
		return c, err
	}
	if len(res.Hits) == 0 {
		return c, nil
	}
	r, err := ix.hitRecord(res.Hits[0])
	if err != nil {
		return c, fmt.Errorf("indexer: first appearance: %w", err)
	}
	first := r.Claim
	if first.Published.IsZero() || (!c.Published.IsZero() && !first.Published.Before(c.Published)) {
		return c, nil
	}
	return first, nil
}
