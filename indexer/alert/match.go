package alert

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/facts"
)

// Index is what matching asks of the claim index; *indexer.Index has it.
type Index interface {
	Matching(ctx context.Context, q indexer.Query, limit int) ([]indexer.Hit, error)
	Fact(ctx context.Context, id string) (*indexer.FactReport, bool, error)
}

// maxFactMatches bounds the claims read to learn which new conflicts a search finds: a fact
// is found through any of its claims, as /api/conflicts finds it.
const maxFactMatches = 10000

// Match returns the events that a batch of claims, just written to ix, raises for searches:
// every claim of the batch a search finds, and every fact a search finds whose values start to
// disagree with the batch (they did not without its claims, nor without those of other batches
// being written beside it, which writing reports; nil when there are none). A search whose query
// the index refuses is skipped and reported in skipped; err is for the index failing, in which
// case the batch should be matched again.
func Match(ctx context.Context, ix Index, searches []Search, ids []string, writing func(id string) bool, now time.Time) (events []Event, skipped error, err error) {
	if len(searches) == 0 || len(ids) == 0 {
		return nil, nil, nil
	}
	// queries[i] is nil for a search the index refuses.
	queries := make([]*indexer.Query, len(searches))
	var bad []error
	for i := range searches {
		s := &searches[i]
		q, err := s.Query()
		if err == nil {
			q.IDs = ids
			var hits []indexer.Hit
			hits, err = ix.Matching(ctx, q, len(ids))
			for j := range hits {
				e := newEvent(s, KindClaim, hits[j].ID, now)
				e.Claim = &hits[j]
				events = append(events, e)
			}
			q.IDs = nil
		}
		if errors.Is(err, indexer.ErrBadQuery) || errors.Is(err, ErrInvalid) {
			bad = append(bad, fmt.Errorf("alert: saved search %s: %w", s.ID, err))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("alert: saved search %s: %w", s.ID, err)
		}
		queries[i] = &q
	}
	conflicts, err := newConflicts(ctx, ix, searches, queries, ids, writing, now)
	return append(events, conflicts...), errors.Join(bad...), err
}

// newConflicts returns the conflict events of the facts the batch's claims joined.
func newConflicts(ctx context.Context, ix Index, searches []Search, queries []*indexer.Query, ids []string,
	writing func(string) bool, now time.Time) ([]Event, error) {
	batch, err := ix.Matching(ctx, indexer.Query{IDs: ids}, len(ids))
	if err != nil {
		return nil, fmt.Errorf("alert: facts of the batch: %w", err)
	}
	inBatch := make(map[string]bool, len(batch))
	joined := make(map[string]bool)
	for _, h := range batch {
		inBatch[h.ID] = true
		// A claim that started its fact leaves it with one claim: nothing to disagree with.
		if h.Fact != "" && h.Fact != h.ID {
			joined[h.Fact] = true
		}
	}
	if len(joined) == 0 {
		return nil, nil
	}
	candidates := slices.Sorted(maps.Keys(joined))
	found := make([]map[string]bool, len(searches)) // the candidate facts each search finds
	need := make(map[string]bool)
	for i := range searches {
		if queries[i] == nil {
			continue
		}
		q := *queries[i]
		q.Facts = candidates
		if f := searches[i].Fact; f != "" {
			if !joined[f] {
				continue
			}
			q.Facts = []string{f}
		}
		hits, err := ix.Matching(ctx, q, maxFactMatches)
		if err != nil {
			return nil, fmt.Errorf("alert: saved search %s: conflicts: %w", searches[i].ID, err)
		}
		found[i] = make(map[string]bool)
		for _, h := range hits {
			found[i][h.Fact] = true
			need[h.Fact] = true
		}
	}
	started := make(map[string]*facts.Group)
	for _, f := range slices.Sorted(maps.Keys(need)) {
		fr, ok, err := ix.Fact(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("alert: fact %s: %w", f, err)
		}
		// Another batch's claims count as new too: written beside this one, they may be in the
		// index already, and the two batches matched one after the other would each find the
		// conflict there before them.
		isNew := func(id string) bool { return inBatch[id] || (writing != nil && writing(id)) }
		if ok && StartsToDisagree(fr, isNew) {
			started[f] = fr.Conflict
		}
	}
	var events []Event
	for i := range searches {
		for _, f := range slices.Sorted(maps.Keys(found[i])) {
			if g := started[f]; g != nil {
				e := newEvent(&searches[i], KindConflict, f, now)
				e.Conflict = g
				events = append(events, e)
			}
		}
	}
	return events, nil
}

// StartsToDisagree reports whether fr's values disagree but did not without its new claims:
// its conflict is new. A claim a new claim's arrival merged into the fact (fact_merged_by) is
// new to it too: it stated another fact before.
func StartsToDisagree(fr *indexer.FactReport, isNew func(id string) bool) bool {
	if fr.Conflict == nil {
		return false
	}
	before := make([]facts.Member, 0, len(fr.Claims))
	for i := range fr.Claims {
		h := &fr.Claims[i]
		if !isNew(h.ID) && (h.FactMergedBy == "" || !isNew(h.FactMergedBy)) {
			before = append(before, facts.Member{Claim: &h.Claim, Fact: h.Fact, Score: h.FactScore, Why: h.FactWhy, Via: h.FactVia})
		}
	}
	return len(facts.Conflicts(before)) == 0
}
