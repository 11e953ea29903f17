package indexer

import (
	"context"
	"fmt"
	"time"
)

// Matching returns up to limit claims that q finds, the most recent first, however many pages
// that takes: q means what it means to Search, but its page, sort and facets are ignored. With
// q.IDs it says which of a few claims a search finds, as alerts ask of each new batch.
func (ix *Index) Matching(ctx context.Context, q Query, limit int) ([]Hit, error) {
	q.Sort, q.Size, q.Page, q.Cursor, q.Facets = SortDateDesc, 0, 0, "", false
	req, _, err := ix.request(&q)
	if err != nil {
		return nil, err
	}
	req.Score = "none"
	var hits []Hit
	if _, err := ix.scanRequest(ctx, req, limit, func(r *record) { hits = append(hits, r.hit()) }); err != nil {
		return nil, fmt.Errorf("indexer: matching: %w", err)
	}
	return hits, nil
}

// ParseDateBound reads a date bound as the search API takes it: an RFC 3339 time, or a date
// (2025-03-31), which as an upper bound (upper) includes its whole day. Errors wrap ErrBadQuery.
func ParseDateBound(s string, upper bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, badQuery("want a date (2025-03-31) or an RFC 3339 time, not %q", s)
	}
	if upper {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}
