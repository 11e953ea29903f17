package indexer

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/indexertest"
)

func TestAdopt(t *testing.T) {
	lk := func(fact string) Linkage { return Linkage{Fact: fact, FactScore: 0.5, FactWhy: []string{"w"}} }
	tests := []struct {
		name      string
		linked    map[string]string // claim id → fact the batch linked it to, in id order
		recorded  map[string]Linkage
		wantFacts map[string]string
		wantFresh []string
	}{
		{
			name:      "nothing recorded",
			linked:    map[string]string{"a": "a", "b": "a", "c": "old"},
			wantFacts: map[string]string{"a": "a", "b": "a", "c": "old"},
			wantFresh: []string{"a", "b", "c"},
		},
		{
			name:      "recorded claims adopt their fact",
			linked:    map[string]string{"a": "a", "b": "old", "c": "c"},
			recorded:  map[string]Linkage{"b": lk("other")},
			wantFacts: map[string]string{"a": "a", "b": "other", "c": "c"},
			wantFresh: []string{"a", "c"},
		},
		{
			name:      "claims follow the claim that started their fact",
			linked:    map[string]string{"a": "a", "b": "a", "c": "old", "d": "d"},
			recorded:  map[string]Linkage{"a": lk("f")},
			wantFacts: map[string]string{"a": "f", "b": "f", "c": "old", "d": "d"},
			wantFresh: []string{"b", "c", "d"},
		},
		{
			name:      "a recorded start keeps its fact",
			linked:    map[string]string{"a": "a", "b": "a"},
			recorded:  map[string]Linkage{"a": lk("a")},
			wantFacts: map[string]string{"a": "a", "b": "a"},
			wantFresh: []string{"b"},
		},
		{
			name:      "a recorded follower keeps what was recorded",
			linked:    map[string]string{"a": "a", "b": "a"},
			recorded:  map[string]Linkage{"a": lk("f"), "b": lk("a")},
			wantFacts: map[string]string{"a": "f", "b": "a"},
			wantFresh: nil,
		},
		{
			name:      "a claim joining an older fact moved elsewhere stays",
			linked:    map[string]string{"a": "old", "b": "old"},
			recorded:  map[string]Linkage{"a": lk("f")},
			wantFacts: map[string]string{"a": "f", "b": "old"},
			wantFresh: []string{"b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var linked []*linkedClaim
			for _, id := range slices.Sorted(maps.Keys(tt.linked)) {
				linked = append(linked, &linkedClaim{rec: record{Claim: claimwire.Claim{ID: id}, Linkage: Linkage{Fact: tt.linked[id], FactScore: 1}}})
			}
			var fresh []string
			for _, lc := range adopt(linked, tt.recorded) {
				fresh = append(fresh, lc.rec.ID)
			}
			got := make(map[string]string)
			for _, lc := range linked {
				got[lc.rec.ID] = lc.rec.Fact
				if l, ok := tt.recorded[lc.rec.ID]; ok && !reflect.DeepEqual(lc.rec.Linkage, l) {
					t.Errorf("%s: linkage %+v, want the recorded %+v", lc.rec.ID, lc.rec.Linkage, l)
				}
			}
			if !maps.Equal(got, tt.wantFacts) {
				t.Errorf("facts %v, want %v", got, tt.wantFacts)
			}
			if !reflect.DeepEqual(fresh, tt.wantFresh) {
				t.Errorf("fresh %v, want %v", fresh, tt.wantFresh)
			}
		})
	}
}

// failingStore fails every read, as a NATS cluster out of reach does.
type failingStore struct{}

func (failingStore) Recorded(context.Context, []string) (map[string]Linkage, error) {
	return nil, errors.New("no quorum")
}

func (failingStore) Record(context.Context, map[string]Linkage) (map[string]Linkage, error) {
	return nil, errors.New("no quorum")
}

// TestSharedFactsUnreachable: a batch whose facts cannot be settled is not written, so that it is
// retried rather than indexed with facts the other replicas may not share.
func TestSharedFactsUnreachable(t *testing.T) {
	ix := openEmpty(t, Options{Linkages: failingStore{}})
	cs := indexertest.Claims(t, "testdata/facts.json")
	err := ix.Index(context.Background(), cs)
	if err == nil || !strings.Contains(err.Error(), "no quorum") {
		t.Fatalf("Index = %v, want the store's error", err)
	}
	if n, err := ix.Count(); err != nil || n != 0 {
		t.Errorf("Count = %d, %v; want nothing written", n, err)
	}
	if n := len(ix.live.links.pending); n != 0 {
		t.Errorf("%d batches left pending: later batches would link against claims never written", n)
	}
}
