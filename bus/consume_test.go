package bus_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/bus/bustest"
)

func testConsumer(t *testing.T, b *bus.Bus, ackWait time.Duration, messages int) jetstream.Consumer {
	t.Helper()
	for i := range messages {
		if _, err := b.JS.Publish(t.Context(), claimwire.SubjectArticles, fmt.Appendf(nil, "m%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	cons, err := bus.Durable(t.Context(), b.JS, claimwire.StreamArticles, jetstream.ConsumerConfig{
		Durable: "test", AckWait: ackWait, MaxDeliver: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	return cons
}

func consumerInfo(t *testing.T, cons jetstream.Consumer) *jetstream.ConsumerInfo {
	t.Helper()
	info, err := cons.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func eventually(t *testing.T, what string, within time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestConsumePausesWhileWorkFails fails every Work for a while, as a full disk would, and checks
// that nothing is acked meanwhile, that pulling stops, that health reports the failure, and that
// every message is processed exactly once, and never redelivered once handed over, when the
// failure ends. (The server may deliver again what it sent as the pull stopped: the stopped
// subscription no longer listens, so those copies never reached the handler.)
func TestConsumePausesWhileWorkFails(t *testing.T) {
	b := bustest.Open(t)
	const messages, batchSize = 40, 4
	cons := testConsumer(t, b, time.Minute, messages)

	var failing atomic.Bool
	failing.Store(true)
	var mu sync.Mutex
	handled := map[string]int{} // message → successful Works
	handed := map[string]bool{} // messages the handler was given, touched by Consume's goroutine
	var handedWhileFailing atomic.Int64
	var health bus.Health
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- bus.Consume(ctx, cons, bus.ConsumeConfig{Role: "test", Buffer: 8, BatchSize: batchSize,
			BatchWait: 10 * time.Millisecond, Workers: 2, Health: &health},
			func(_ context.Context, msgs []jetstream.Msg) bus.Work {
				if failing.Load() {
					handedWhileFailing.Add(int64(len(msgs)))
				}
				for _, m := range msgs {
					if handed[string(m.Data())] {
						t.Errorf("message %s handed over twice", m.Data())
					}
					handed[string(m.Data())] = true
				}
				return func(context.Context) error {
					if failing.Load() {
						return fmt.Errorf("test: write: %w", errDiskFull)
					}
					mu.Lock()
					defer mu.Unlock()
					for _, m := range msgs {
						handled[string(m.Data())]++
						if err := m.Ack(); err != nil {
							t.Error(err)
						}
					}
					return nil
				}
			})
	}()

	eventually(t, "health reports no failure", 5*time.Second, func() bool { return health.Err() != nil })
	time.Sleep(time.Second) // a few retries
	if err := health.Err(); !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "paused since") {
		t.Errorf("health while failing = %v", err)
	}
	info := consumerInfo(t, cons)
	if info.AckFloor.Stream != 0 || info.NumRedelivered != 0 {
		t.Errorf("while failing: ack floor %d, %d redelivered; want nothing acked or redelivered",
			info.AckFloor.Stream, info.NumRedelivered)
	}
	if info.NumPending == 0 {
		t.Error("everything was pulled although every Work failed")
	}
	// The batches in flight when the first Work failed may be handed on, then nothing more.
	if n := handedWhileFailing.Load(); n > int64(8+3*batchSize) {
		t.Errorf("%d messages handed to the handler while failing: pulling did not stop", n)
	}

	failing.Store(false)
	eventually(t, "consumer idle after the failure ended", 10*time.Second, func() bool {
		info := consumerInfo(t, cons)
		return info.NumPending == 0 && info.NumAckPending == 0
	})
	bustest.WaitReady(t, health.Err)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for i := range messages {
		if n := handled[fmt.Sprint("m", i)]; n != 1 {
			t.Errorf("message m%d processed %d times", i, n)
		}
	}
	if info := consumerInfo(t, cons); info.NumRedelivered != 0 {
		t.Errorf("%d messages redelivered", info.NumRedelivered)
	}
}

var errDiskFull = errors.New("no space left on device")

// TestConsumeKeepsHeldMessagesFromRedelivery holds every message of a consumer in a paused loop
// for over two ack waits (the server looks for expired acks once an ack wait), then pulls from
// the consumer beside the loop: a message whose ack wait had run out would come again.
func TestConsumeKeepsHeldMessagesFromRedelivery(t *testing.T) {
	b := bustest.Open(t)
	const messages = 8
	cons := testConsumer(t, b, time.Second, messages)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var health bus.Health
	fail := make(chan struct{}) // closed once the loop has pulled everything
	done := make(chan error, 1)
	go func() {
		done <- bus.Consume(ctx, cons, bus.ConsumeConfig{Role: "test", Buffer: messages, BatchSize: 4, Health: &health},
			func(context.Context, []jetstream.Msg) bus.Work {
				return func(context.Context) error {
					<-fail
					return errDiskFull
				}
			})
	}()
	eventually(t, "every message pulled", 10*time.Second, func() bool { return consumerInfo(t, cons).NumPending == 0 })
	close(fail)
	eventually(t, "health reports no failure", 5*time.Second, func() bool { return health.Err() != nil })
	time.Sleep(2500 * time.Millisecond)
	batch, err := cons.Fetch(messages, jetstream.FetchMaxWait(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for m := range batch.Messages() {
		t.Errorf("message %s redelivered while the loop held it", m.Data())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestConsumeGivesBackAtShutdownWhilePaused stops a paused loop and checks that it returns at
// once and hands its messages back for redelivery instead of holding them.
func TestConsumeGivesBackAtShutdownWhilePaused(t *testing.T) {
	b := bustest.Open(t)
	cons := testConsumer(t, b, time.Minute, 10)
	var health bus.Health
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- bus.Consume(ctx, cons, bus.ConsumeConfig{Role: "test", Buffer: 4, BatchSize: 2, Health: &health},
			func(context.Context, []jetstream.Msg) bus.Work {
				return func(context.Context) error { return errDiskFull }
			})
	}()
	eventually(t, "health reports no failure", 5*time.Second, func() bool { return health.Err() != nil })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Consume still running 5 s after shutdown")
	}
	// Given back, they come again at once rather than after the minute of ack wait.
	batch, err := cons.Fetch(10, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range batch.Messages() {
		n++
	}
	if n != 10 {
		t.Errorf("%d of 10 messages redelivered after shutdown", n)
	}
}

// TestConsumeFailsForGood deletes the consumer under the loop: that is no pause but the end of
// the role, which Consume reports as an error.
func TestConsumeFailsForGood(t *testing.T) {
	b := bustest.Open(t)
	cons := testConsumer(t, b, time.Minute, 0)
	done := make(chan error, 1)
	go func() {
		done <- bus.Consume(t.Context(), cons, bus.ConsumeConfig{Role: "test", Buffer: 4},
			func(context.Context, []jetstream.Msg) bus.Work { return nil })
	}()
	time.Sleep(100 * time.Millisecond) // let the pull start
	if err := b.JS.DeleteConsumer(t.Context(), claimwire.StreamArticles, "test"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, jetstream.ErrConsumerDeleted) && !errors.Is(err, jetstream.ErrConsumerNotFound) {
			t.Errorf("Consume returned %v, want the consumer's deletion", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Consume still running 10 s after its consumer was deleted")
	}
}
