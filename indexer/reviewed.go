package indexer

import (
	"sync/atomic"

	"github.com/claimwire/claimwire/indexer/review"
)

// Reads go through the fact-checkers' review state (package review), which is not in the
// index: a rebuilt index is read through the same state, and so is a claim indexed after a
// decision about its fact. A merged fact answers as the fact it was merged into, a claim split
// out of its fact stands alone, and hits carry their claim's and fact's review.

// ReviewSource gives the review state reads go through; package reviewstore's Store is one.
type ReviewSource interface {
	State() *review.State
}

// reviewSource holds the index's ReviewSource; nil until SetReviews.
type reviewSource struct{ atomic.Pointer[ReviewSource] }

// emptyReviews is the state of an index without a review source.
var emptyReviews = review.NewState()

// SetReviews makes reads go through src's review state.
func (ix *Index) SetReviews(src ReviewSource) { ix.reviews.Store(&src) }

// Reviews returns the review state reads go through now: one view for a whole request.
func (ix *Index) Reviews() *review.State {
	if src := ix.reviews.Load(); src != nil {
		if st := (*src).State(); st != nil {
			return st
		}
	}
	return emptyReviews
}

// reviewedHit is the record as a hit, with the fact it answers as and its review.
func (r *record) reviewedHit(st *review.State) Hit {
	h := r.hit()
	h.Fact = st.FactOf(h.ID, r.Fact)
	if cs, ok := st.Claim(h.ID, r.Fact); ok {
		h.Review = &cs
	}
	return h
}
