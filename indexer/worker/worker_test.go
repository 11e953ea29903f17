package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/indexer"
)

func testClaim(id string, value float64) claimwire.Claim {
	return claimwire.Claim{
		Version: claimwire.SchemaVersion,
		ID:      id,
		Quantity: claimwire.Quantity{
			Surface: fmt.Sprintf("%g MW", value), Value: value, Unit: "MW", Qualifier: claimwire.QualifierExact,
			Sentence: fmt.Sprintf("The hall draws %g MW.", value), Metric: "data-centres/mw", Lang: "en",
		},
		URL: "https://example.test/" + id, Site: "example.test", Title: "A hall",
		Crawled: time.Now().UTC(), ContentHash: "h",
	}
}

// TestWorkerCommitsInOrder sends many small batches, with two versions of one claim far apart
// and two bad messages, and checks that everything valid is indexed, the later version wins
// although batches are decoded while earlier ones commit, and the bad messages are dead letters.
func TestWorkerCommitsInOrder(t *testing.T) {
	cfg := bus.DefaultConfig()
	cfg.Embedded.Port = -1
	b, err := bus.Open(t.Context(), cfg, t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	if err := b.EnsureStreams(t.Context(), cfg.Streams); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	publish := func(data []byte) {
		t.Helper()
		if _, err := b.JS.Publish(t.Context(), claimwire.SubjectClaims, data); err != nil {
			t.Fatal(err)
		}
	}
	publishClaim := func(c claimwire.Claim) {
		t.Helper()
		data, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		publish(data)
	}
	const others, batchSize = 60, 7
	publishClaim(testClaim("twice", 1))
	for i := range others {
		// Versions on both sides of batch boundaries: the second batch conflicts with the first
		// while it is being written.
		if (i+2)%batchSize == 0 {
			publishClaim(testClaim(fmt.Sprint("edge", i), 1))
			publishClaim(testClaim(fmt.Sprint("edge", i), 2))
		}
		publishClaim(testClaim(fmt.Sprint("c", i), float64(10+i)))
	}
	publish([]byte(`{"v":1,"id":`))
	publishClaim(testClaim("", 3))
	publishClaim(testClaim("twice", 2))

	w, err := New(b.JS, ix, Config{BatchSize: batchSize, BatchWait: 10 * time.Millisecond, MaxDeliver: 3, AckWait: time.Minute},
		prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	cons, err := w.Consumer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		info, err := cons.Info(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if info.NumPending == 0 && info.NumAckPending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer not idle: %d pending, %d unacked", info.NumPending, info.NumAckPending)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	twice := []string{"twice"}
	for i := range others {
		if (i+2)%batchSize == 0 {
			twice = append(twice, fmt.Sprint("edge", i))
		}
	}
	if n, err := ix.Count(); err != nil || n != uint64(others+len(twice)) {
		t.Errorf("index holds %d claims (%v), want %d", n, err, others+len(twice))
	}
	for _, id := range twice {
		c, ok, err := ix.Get(t.Context(), id)
		if err != nil || !ok {
			t.Fatalf("claim %s: found %v, %v", id, ok, err)
		}
		if c.Value != 2 {
			t.Errorf("claim %s has value %g: an earlier version overwrote a later one", id, c.Value)
		}
	}
	dl, err := b.JS.Stream(t.Context(), claimwire.StreamDeadLetter)
	if err != nil {
		t.Fatal(err)
	}
	info, err := dl.Info(t.Context(), jetstream.WithSubjectFilter(claimwire.SubjectDeadLetter+".claims"))
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 2 {
		t.Errorf("%d dead letters, want 2", info.State.Msgs)
	}
}

func TestCommitterConflicts(t *testing.T) {
	c := newCommitter(nil, maxCommits)
	batch := func(ids ...string) decodedBatch {
		var b decodedBatch
		for _, id := range ids {
			b.claims = append(b.claims, claimwire.Claim{ID: id})
		}
		return b
	}
	first, second := batch("a", "b"), batch("b", "c")
	if c.conflicts(second) {
		t.Error("conflict with nothing being written")
	}
	c.track(first, 1)
	c.track(batch("b"), 1)
	if !c.conflicts(second) {
		t.Error("no conflict on claim b while two batches write it")
	}
	if c.conflicts(batch("c", "d")) {
		t.Error("conflict between batches that share no claim")
	}
	c.track(first, -1)
	if !c.conflicts(second) {
		t.Error("claim b released while another batch still writes it")
	}
	c.track(batch("b"), -1)
	if c.conflicts(second) || len(c.writing) != 0 {
		t.Errorf("claims still tracked after their batches: %v", c.writing)
	}
}
