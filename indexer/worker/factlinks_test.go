package worker

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
)

// factClaims are the indexer's fixtures: claims on several facts, three of them on one call for
// proposals, in English and French.
func factClaims(t *testing.T) []claimwire.Claim {
	t.Helper()
	var all []claimwire.Claim
	for _, f := range []string{"../testdata/claims.json", "../testdata/facts.json"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cs []claimwire.Claim
		if err := json.Unmarshal(data, &cs); err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
	}
	return all
}

// indexInBatches indexes claims into ix, batch claims at a time, in order or from the last.
func indexInBatches(t *testing.T, index func([]claimwire.Claim) error, claims []claimwire.Claim, batch int, reverse bool) {
	t.Helper()
	cs := slices.Clone(claims)
	if reverse {
		slices.Reverse(cs)
	}
	for chunk := range slices.Chunk(cs, batch) {
		if err := index(chunk); err != nil {
			t.Error(err)
			return
		}
	}
}

// factsOf returns the fact of every claim in ix, by claim id.
func factsOf(t *testing.T, ix *indexer.Index, claims []claimwire.Claim) map[string]string {
	t.Helper()
	out := make(map[string]string, len(claims))
	for _, c := range claims {
		h, ok, err := ix.Get(t.Context(), c.ID)
		if err != nil || !ok || h.Fact == "" {
			t.Fatalf("Get(%s) = %+v, %v, %v; want a claim with a fact", c.ID, h.Linkage, ok, err)
		}
		out[c.ID] = h.Fact
	}
	return out
}

// differing lists the claims given different facts.
func differing(a, b map[string]string) []string {
	var out []string
	for _, id := range slices.Sorted(maps.Keys(a)) {
		if a[id] != b[id] {
			out = append(out, id+": "+a[id]+" ≠ "+b[id])
		}
	}
	return out
}

// TestSharedFactsAgree feeds two indexes the same claims in different batches and orders, at the
// same time, as two read replicas consume CLAIMS: alone they give some claims different facts;
// sharing FACT_LINKS on a real JetStream they agree on every claim, and so does a rebuild.
func TestSharedFactsAgree(t *testing.T) {
	claims := factClaims(t)
	open := func(opts indexer.Options) *indexer.Index {
		ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"), opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ix.Close() })
		return ix
	}
	run := func(opts indexer.Options) (a, b *indexer.Index) {
		a, b = open(opts), open(opts)
		var wg sync.WaitGroup
		wg.Go(func() {
			indexInBatches(t, func(cs []claimwire.Claim) error { return a.Index(t.Context(), cs) }, claims, len(claims), false)
		})
		wg.Go(func() {
			indexInBatches(t, func(cs []claimwire.Claim) error { return b.Index(t.Context(), cs) }, claims, 2, true)
		})
		wg.Wait()
		return a, b
	}

	a, b := run(indexer.Options{})
	if d := differing(factsOf(t, a, claims), factsOf(t, b, claims)); len(d) == 0 {
		t.Fatal("unshared indexes agree on every fact: the fixture does not show what sharing fixes")
	} else {
		t.Logf("alone, %d of %d claims differ", len(d), len(claims))
	}

	bus := bustest.Open(t)
	store, err := OpenFactLinks(t.Context(), bus.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	a, b = run(indexer.Options{Linkages: store})
	want := factsOf(t, a, claims)
	if d := differing(want, factsOf(t, b, claims)); len(d) > 0 {
		t.Errorf("replicas sharing FACT_LINKS disagree on %d claims: %v", len(d), d)
	}
	if n := bustest.StreamMsgs(t, bus.JS, "KV_"+claimwire.BucketFactLinks); n != uint64(len(claims)) {
		t.Errorf("FACT_LINKS holds %d linkages, want one per claim (%d)", n, len(claims))
	}

	// A rebuild, in batches of yet another size, keeps the recorded facts.
	rb, err := b.Rebuild()
	if err != nil {
		t.Fatal(err)
	}
	indexInBatches(t, func(cs []claimwire.Claim) error { return rb.Index(t.Context(), cs) }, claims, 3, false)
	if err := rb.Commit(); err != nil {
		t.Fatal(err)
	}
	if d := differing(want, factsOf(t, b, claims)); len(d) > 0 {
		t.Errorf("a rebuilt replica disagrees on %d claims: %v", len(d), d)
	}
}

// unread is FACT_LINKS read before another replica recorded anything: every linkage it records
// is refused as taken.
type unread struct{ *FactLinks }

func (unread) Recorded(context.Context, []string) (map[string]indexer.Linkage, error) {
	return nil, nil
}

// TestSharedFactsTaken: a replica that links claims another recorded between its read and its
// write adopts the recorded linkages.
func TestSharedFactsTaken(t *testing.T) {
	claims := factClaims(t)
	bus := bustest.Open(t)
	store, err := OpenFactLinks(t.Context(), bus.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	var ixs []*indexer.Index
	for _, s := range []indexer.LinkStore{store, unread{store}} {
		ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{Linkages: s})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		ixs = append(ixs, ix)
	}
	indexInBatches(t, func(cs []claimwire.Claim) error { return ixs[0].Index(t.Context(), cs) }, claims, len(claims), false)
	indexInBatches(t, func(cs []claimwire.Claim) error { return ixs[1].Index(t.Context(), cs) }, claims, 1, true)
	if d := differing(factsOf(t, ixs[0], claims), factsOf(t, ixs[1], claims)); len(d) > 0 {
		t.Errorf("the replica whose writes were refused disagrees on %d claims: %v", len(d), d)
	}
}

// FuzzFactLinkKey: any claim id but the empty one, as the CLAIMS stream may carry, maps to a valid key of its own.
func FuzzFactLinkKey(f *testing.F) {
	for _, id := range []string{"0f3a9c", "c01", "a.b", "a..b", ".a", "a b", "b64.YQ", "é", "*", ">", "a/b=c"} {
		f.Add(id, "a")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if a == "" || b == "" {
			return // the indexer skips claims without id
		}
		ka, kb := factLinkKey(a), factLinkKey(b)
		if !validKey.MatchString(ka) {
			t.Errorf("key %q of %q is not a valid key", ka, a)
		}
		if a != b && ka == kb {
			t.Errorf("%q and %q share the key %q", a, b, ka)
		}
	})
}

// TestFactLinksTakenUnreadable: a create refused while reading the key finds nothing (a bucket
// replica behind, here a deleted key) fails the batch instead of indexing an unrecorded fact.
func TestFactLinksTakenUnreadable(t *testing.T) {
	bus := bustest.Open(t)
	store, err := OpenFactLinks(t.Context(), bus.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.kv.Delete(t.Context(), "c01"); err != nil {
		t.Fatal(err)
	}
	taken, err := store.Record(t.Context(), map[string]indexer.Linkage{"c01": {Fact: "c01", FactScore: 1}})
	if err == nil || !strings.Contains(err.Error(), "not readable yet") {
		t.Errorf("Record = %v, %v; want an error saying the recorded fact cannot be read", taken, err)
	}
}
