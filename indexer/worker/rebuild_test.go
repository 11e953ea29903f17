package worker

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
)

// rebuildFixture is an embedded JetStream with its streams, an empty index and a worker on them.
func rebuildFixture(t *testing.T) (*bus.Bus, *indexer.Index, *Worker) {
	t.Helper()
	b := bustest.Open(t)
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	w, err := New(b.JS, ix, Config{BatchSize: 4, BatchWait: 10 * time.Millisecond, MaxDeliver: 3, AckWait: time.Minute},
		prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return b, ix, w
}

func publishClaims(t *testing.T, b *bus.Bus, cs ...claimwire.Claim) {
	t.Helper()
	for _, c := range cs {
		data, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.JS.Publish(t.Context(), claimwire.SubjectClaims, data); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRebuildDeadLettersWhatTheWorkerRefuses rebuilds from a stream holding valid claims, a
// claim of a newer schema version and malformed JSON: the valid ones are indexed and the others
// go to the dead letters with the worker's reasons, not skipped in silence.
func TestRebuildDeadLettersWhatTheWorkerRefuses(t *testing.T) {
	b, ix, w := rebuildFixture(t)
	const valid = 9
	for i := range valid {
		publishClaims(t, b, testClaim(fmt.Sprint("c", i), float64(i)))
	}
	newer := testClaim("from-the-future", 1)
	newer.Version = claimwire.SchemaVersion + 1
	publishClaims(t, b, newer)
	if _, err := b.JS.Publish(t.Context(), claimwire.SubjectClaims, []byte(`{"v":1,"id":`)); err != nil {
		t.Fatal(err)
	}

	r := NewRebuilder(w)
	if err := r.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if st := r.Status(); st.Running || st.Read != valid+2 || st.Indexed != valid || st.Error != "" {
		t.Errorf("status %+v, want %d read and %d indexed", st, valid+2, valid)
	}
	if n, err := ix.Count(); err != nil || n != valid {
		t.Errorf("rebuilt index holds %d claims (%v), want %d", n, err, valid)
	}
	dls, err := b.DeadLetters(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, dl := range dls {
		reasons = append(reasons, dl.Reason)
	}
	got := strings.Join(reasons, "\n")
	for _, want := range []string{"schema version", "malformed claim JSON"} {
		if !strings.Contains(got, want) {
			t.Errorf("dead letters %q, want one for %q", reasons, want)
		}
	}
	if len(dls) != 2 {
		t.Errorf("%d dead letters, want 2: %q", len(dls), reasons)
	}
}

// TestLostCountsClaimsAnEmptiedIndexLacks: claims the worker has not yet delivered are not
// lost, claims it acknowledged are once the index is empty again.
func TestLostCountsClaimsAnEmptiedIndexLacks(t *testing.T) {
	b, _, w := rebuildFixture(t)
	const n = 5
	for i := range n {
		publishClaims(t, b, testClaim(fmt.Sprint("c", i), float64(i)))
	}
	r := NewRebuilder(w)
	if lost, err := r.Lost(t.Context()); lost != 0 || err != nil {
		t.Fatalf("before the worker ran: %d lost, %v; want none", lost, err)
	}
	cons, stop := bustest.Start(t, w)
	bustest.WaitIdle(t, cons)
	stop()
	if lost, err := r.Lost(t.Context()); lost != 0 || err != nil {
		t.Fatalf("with the claims indexed: %d lost, %v; want none", lost, err)
	}

	// The same worker state over an index emptied (by hand, say): all five are lost.
	emptied, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer emptied.Close()
	w2, err := New(b.JS, emptied, w.cfg, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	r2 := NewRebuilder(w2)
	if lost, err := r2.Lost(t.Context()); lost != n || err != nil {
		t.Fatalf("emptied index: %d lost, %v; want %d", lost, err, n)
	}
	if err := r2.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if c, err := emptied.Count(); c != n || err != nil {
		t.Errorf("after the rebuild: %d claims, %v; want %d", c, err, n)
	}
}
