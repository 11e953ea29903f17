// Package bustest runs the pipeline's JetStream side in tests: an embedded server with the
// streams, and waits on consumers and streams.
package bustest

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire/bus"
)

// Open starts an embedded NATS server on a free loopback port with the pipeline's streams,
// closed when the test ends.
func Open(t testing.TB) *bus.Bus {
	t.Helper()
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
	return b
}

// WaitIdle waits until cons has nothing pending or unacked.
func WaitIdle(t testing.TB, cons jetstream.Consumer) {
	t.Helper()
	// Generous: on a loaded machine a pull can go unanswered, and the iterator only pulls again
	// once it misses the idle heartbeat.
	deadline := time.Now().Add(90 * time.Second)
	for {
		info, err := cons.Info(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if info.NumPending == 0 && info.NumAckPending == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer not idle: %d pending, %d unacked", info.NumPending, info.NumAckPending)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// StreamMsgs returns how many messages the stream holds.
func StreamMsgs(t testing.TB, js jetstream.JetStream, name string) uint64 {
	t.Helper()
	s, err := js.Stream(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

// Worker is a role's worker, as Start runs it.
type Worker interface {
	Run(ctx context.Context) error
	Consumer(ctx context.Context) (jetstream.Consumer, error)
}

// Start creates w's consumer, runs w in the background and returns the consumer, and stop,
// which ends w and fails the test if w's Run returned an error.
//
// The consumer is created before Run creates it again, never beside it: while one request is
// still creating a consumer, the server answers a second one with the consumer as registered so
// far, whose info says nothing pending, and WaitIdle then returned before Run had consumed
// anything (seen once in CI).
func Start(t testing.TB, w Worker) (cons jetstream.Consumer, stop func()) {
	t.Helper()
	cons, err := w.Consumer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	return cons, func() {
		t.Helper()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// WaitReady waits until ready reports no failure: a role resumes just after the Work that
// succeeded acks its messages, so an idle consumer may come a moment before.
func WaitReady(t testing.TB, ready func() error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := ready()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still failing after 10 s: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// WaitFailing waits until ready reports a failure, and returns it.
func WaitFailing(t testing.TB, ready func() error) error {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := ready(); err != nil {
			return err
		}
		if time.Now().After(deadline) {
			t.Fatal("no failure reported after 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
