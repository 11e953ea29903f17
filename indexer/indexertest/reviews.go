package indexertest

import "github.com/claimwire/claimwire/indexer/review"

// Reviews is a review source whose state never changes, as a test gives an index
// (Index.SetReviews).
type Reviews struct{ St *review.State }

// State returns the review state.
func (r Reviews) State() *review.State { return r.St }
