package indexer

import "testing"

// TestSegmentRead: a panicking walk of the segments reports that it could not read them, and a
// walk that ends reports that it did.
func TestSegmentRead(t *testing.T) {
	if segmentRead(func() { var m map[string]int; m["x"] = 1 }) {
		t.Error("a walk writing to a nil map, as zapx's cleared cache does, reported read")
	}
	if !segmentRead(func() {}) {
		t.Error("a walk that ended reported unread")
	}
}
