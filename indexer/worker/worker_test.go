package worker

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/indexertest"
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
	b := bustest.Open(t)
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
	cons, stop := bustest.Start(t, w)
	bustest.WaitIdle(t, cons)
	stop()

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
	c := newCommitter()
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

// TestWorkerPausesWhileIndexCannotBeWritten fails every index write, as a full disk does, then a
// write with a panic inside bleve, and checks that the worker acks nothing and reports why
// meanwhile, that it sends no claim to the dead letters, and that once writes succeed again it
// indexes every claim by itself.
func TestWorkerPausesWhileIndexCannotBeWritten(t *testing.T) {
	b := bustest.Open(t)
	var fault indexertest.Fault
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{WriteFault: fault.Write})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const claims = 30
	for i := range claims {
		data, err := json.Marshal(testClaim(fmt.Sprint("c", i), float64(i)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.JS.Publish(t.Context(), claimwire.SubjectClaims, data); err != nil {
			t.Fatal(err)
		}
	}
	fault.Set(indexertest.DiskFull)

	w, err := New(b.JS, ix, Config{BatchSize: 4, BatchWait: 10 * time.Millisecond, MaxDeliver: 2, AckWait: time.Minute},
		prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	cons, stop := bustest.Start(t, w)
	if err := bustest.WaitFailing(t, w.Ready); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Ready() = %v, want the full disk", err)
	}
	fault.Set(indexertest.Panics)
	time.Sleep(1500 * time.Millisecond) // retries meet the panic; MaxDeliver would be spent if they were redeliveries
	info, err := cons.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.AckFloor.Stream != 0 || info.NumRedelivered != 0 {
		t.Errorf("while failing: ack floor %d, %d redelivered; want nothing acked or redelivered", info.AckFloor.Stream, info.NumRedelivered)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Errorf("%d claims indexed while every write failed", n)
	}

	fault.Set(indexertest.Writes)
	bustest.WaitIdle(t, cons)
	bustest.WaitReady(t, w.Ready)
	stop()
	if n, err := ix.Count(); err != nil || n != claims {
		t.Errorf("index holds %d claims (%v), want %d", n, err, claims)
	}
	if n := bustest.StreamMsgs(t, b.JS, claimwire.StreamDeadLetter); n != 0 {
		t.Errorf("%d dead letters, want none", n)
	}
}
