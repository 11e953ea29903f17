package indexer

import (
	"context"
	"fmt"
	"slices"

	"github.com/claimwire/claimwire"
)

// Read replicas each link claims to facts in their own index, and would disagree on some facts,
// as linking depends on how claims are batched. With a LinkStore (Options.Linkages) the first
// replica to link a claim records its linkage and every other adopts it, so that a fact id
// names the same claims on every replica.

// LinkStore records the linkage of each claim once, for every indexer sharing it.
type LinkStore interface {
	// Recorded returns the linkages recorded for those of ids that have one.
	Recorded(ctx context.Context, ids []string) (map[string]Linkage, error)
	// Record records linkages, by claim id, where none is recorded yet, all at once; it returns
	// those another indexer recorded first, as recorded.
	Record(ctx context.Context, linkages map[string]Linkage) (taken map[string]Linkage, err error)
}

// linkShared links claims as link does and, with a LinkStore, settles their linkages with it
// before they are written (so before the batch is acked): a claim recorded by another indexer
// takes its recorded linkage, the others are recorded. Batches settle one at a time, as the
// batches after one read its linkages.
func (ix *Index) linkShared(ctx context.Context, g generation, claims []claimwire.Claim) ([]*linkedClaim, func(), error) {
	store := ix.opts.Linkages
	if store == nil {
		return ix.link(ctx, g, claims)
	}
	ix.settling.Lock()
	defer ix.settling.Unlock()
	linked, done, err := ix.link(ctx, g, claims)
	if err != nil {
		return nil, nil, err
	}
	if err := settle(ctx, store, linked); err != nil {
		done()
		return nil, nil, err
	}
	g.links.rekey(linked)
	return linked, done, nil
}

// settle adopts the recorded linkages of linked and records the others.
func settle(ctx context.Context, store LinkStore, linked []*linkedClaim) error {
	ids := make([]string, len(linked))
	for i, lc := range linked {
		ids[i] = lc.rec.ID
	}
	recorded, err := store.Recorded(ctx, ids)
	if err != nil {
		return fmt.Errorf("indexer: shared facts: %w", err)
	}
	fresh := adopt(linked, recorded)
	if len(fresh) == 0 {
		return nil
	}
	proposed := make(map[string]Linkage, len(fresh))
	for _, lc := range fresh {
		proposed[lc.rec.ID] = lc.rec.Linkage
	}
	taken, err := store.Record(ctx, proposed)
	if err != nil {
		return fmt.Errorf("indexer: shared facts: %w", err)
	}
	// Another indexer linked these meanwhile. The claims of the batch that followed one of them
	// into its fact are recorded already and keep what they recorded.
	for _, lc := range fresh {
		if l, ok := taken[lc.rec.ID]; ok {
			lc.rec.Linkage = l
		}
	}
	return nil
}

// adopt gives the claims of a batch their recorded linkages, and returns the others, in order.
// A claim not recorded that joined the fact a claim of the batch started follows that claim
// when it adopts another fact: the fact the batch saw starting is the one the other indexer
// recorded.
func adopt(linked []*linkedClaim, recorded map[string]Linkage) (fresh []*linkedClaim) {
	moved := make(map[string]string) // fact started in the batch → the fact its claim adopted
	for _, lc := range linked {
		l, ok := recorded[lc.rec.ID]
		if !ok {
			continue
		}
		if lc.rec.Fact == lc.rec.ID && l.Fact != lc.rec.ID {
			moved[lc.rec.ID] = l.Fact
		}
		lc.rec.Linkage = l
	}
	for _, lc := range linked {
		if _, ok := recorded[lc.rec.ID]; ok {
			continue
		}
		if f, ok := moved[lc.rec.Fact]; ok && lc.rec.Fact != lc.rec.ID {
			lc.rec.Fact = f
		}
		fresh = append(fresh, lc)
	}
	return fresh
}

// rekey files the claims of linked, a batch pending in st, under the facts they settled on, for
// the batches linked after it.
func (st *linkState) rekey(linked []*linkedClaim) {
	if len(linked) == 0 {
		return
	}
	st.pmu.Lock()
	defer st.pmu.Unlock()
	i := slices.IndexFunc(st.pending, func(b *linkBatch) bool { return len(b.claims) > 0 && b.claims[0] == linked[0] })
	if i < 0 {
		return
	}
	b := st.pending[i]
	clear(b.byFact)
	for j, lc := range b.claims {
		b.byFact[lc.rec.Fact] = append(b.byFact[lc.rec.Fact], j)
	}
}
