package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// pullHeartbeat is how often an idle pull subscription hears from the server: one small message
// per consumer per interval.
const pullHeartbeat = 2 * time.Second

// Durable creates or updates a durable pull consumer with explicit acks on stream; every
// process of a role shares it.
// It tries again for a while when JetStream does not answer: a cluster answers no API request
// for the few seconds it takes to elect a leader, and a role started or restarted then should
// wait it out rather than stop.
func Durable(ctx context.Context, js jetstream.JetStream, stream string, cfg jetstream.ConsumerConfig) (jetstream.Consumer, error) {
	cfg.AckPolicy = jetstream.AckExplicitPolicy
	var cons jetstream.Consumer
	err := WhileUnanswered(ctx, func() (err error) {
		cons, err = js.CreateOrUpdateConsumer(ctx, stream, cfg)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bus: consumer %s: %w", cfg.Durable, err)
	}
	return cons, nil
}

// Existing returns the durable consumer name of stream, which Durable created, waiting out a
// JetStream that does not answer as Durable does. A role consumes with the consumer it created
// as it started: one deleted since is not created again, and the role stops for good.
func Existing(ctx context.Context, js jetstream.JetStream, stream, name string) (jetstream.Consumer, error) {
	var cons jetstream.Consumer
	err := WhileUnanswered(ctx, func() (err error) {
		cons, err = js.Consumer(ctx, stream, name)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bus: consumer %s: %w", name, err)
	}
	return cons, nil
}

// apiRetryFor bounds how long a JetStream API request is tried again while unanswered, well past
// a leader election; the waits between tries double from apiRetryWait up to apiRetryMaxWait.
const (
	apiRetryFor     = 30 * time.Second
	apiRetryWait    = 200 * time.Millisecond
	apiRetryMaxWait = 2 * time.Second
)

// WhileUnanswered runs f, a JetStream API request, and runs it again for up to apiRetryFor
// while it fails because JetStream did not answer (a request timed out, no server responded,
// the service is temporarily unavailable) and ctx is not done. Other errors are returned at
// once. Roles wrap the requests that create what they need as they start with it.
func WhileUnanswered(ctx context.Context, f func() error) error {
	err := f()
	deadline, wait := time.Now().Add(apiRetryFor), apiRetryWait
	for unanswered(err) && ctx.Err() == nil && time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, apiRetryMaxWait)
		err = f()
	}
	return err
}

// unanswered reports whether err says a JetStream request got no answer in time, or that
// JetStream is temporarily unavailable (503: no leader or peers yet).
func unanswered(err error) bool {
	var apiErr *jetstream.APIError
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout) ||
		errors.Is(err, nats.ErrNoResponders) || errors.As(err, &apiErr) && apiErr.Code == http.StatusServiceUnavailable
}

// pull opens one continuous pull subscription on cons, keeping up to maxMessages buffered, and
// drains it when ctx is done: Next then returns what was already pulled, and finally
// jetstream.ErrMsgIteratorClosed. Unlike short fetches it cannot lose a delivery to an expired
// request, and it re-issues its pulls after a reconnect.
//
// A pull request can still be lost while a cluster moves a consumer's leader; the iterator only
// notices when two heartbeats are missed, so heartbeats come every pullHeartbeat rather than
// nats.go's default 15 s, which left a stage idle for about 30 s (seen in the cluster test).
func pull(ctx context.Context, cons jetstream.Consumer, maxMessages int) (jetstream.MessagesContext, error) {
	it, err := cons.Messages(jetstream.PullMaxMessages(maxMessages), jetstream.PullHeartbeat(pullHeartbeat))
	if err != nil {
		return nil, fmt.Errorf("bus: subscribe: %w", err)
	}
	context.AfterFunc(ctx, it.Drain)
	return it, nil
}

// A Handler takes a consumer's messages in batches, in the order they arrive. It settles at
// once the messages it will not process (a malformed one goes to the dead letters) and returns
// the Work that processes the others, nil when none is left. Its ctx is done at shutdown.
type Handler func(ctx context.Context, msgs []jetstream.Msg) Work

// Work processes a batch and settles its messages, acking each once what it carries is stored.
// Works run beside each other and beside the pulling of the next batches, with a context that
// shutdown does not cancel, so that what was pulled is finished. An error means that the role
// cannot work for now (a full disk, a stream that refuses writes) and that no message of the
// batch was settled: Consume then stops pulling, keeps the messages it holds from being
// redelivered, and runs the Work again after a backoff until it succeeds.
type Work func(ctx context.Context) error

// ConsumeConfig shapes Consume's loop.
type ConsumeConfig struct {
	// Role names the consuming role in logs and errors.
	Role string
	// Buffer is how many messages are pulled ahead of the Handler.
	Buffer int
	// BatchSize is the most messages in a batch (1 when zero); BatchWait is how long a batch's
	// first message waits for others.
	BatchSize int
	BatchWait time.Duration
	// Workers is how many Works run at once (1 when zero).
	Workers int
	// Health, when set, reports while Works fail.
	Health *Health
	Logger *slog.Logger
}

// Consume pulls messages from cons and hands them to handle in batches until ctx is done. Then
// it stops pulling, finishes the Works of what it pulled and returns nil; Works that are failing
// then give their messages back for redelivery. It returns an error when the pull fails for
// good (the consumer was deleted, the connection closed): the role cannot go on.
func Consume(ctx context.Context, cons jetstream.Consumer, cfg ConsumeConfig, handle Handler) error {
	cfg.BatchSize = max(cfg.BatchSize, 1)
	cfg.Workers = max(cfg.Workers, 1)
	if cfg.Health == nil {
		cfg.Health = new(Health)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	l := &loop{cfg: cfg, cons: cons, handle: handle, slots: make(chan struct{}, cfg.Workers),
		inHand: make(map[jetstream.Msg]struct{}), pausing: make(chan struct{}), resumed: make(chan struct{})}
	close(l.resumed)
	ackWait := 30 * time.Second // the server's default
	if info := cons.CachedInfo(); info != nil && info.Config.AckWait > 0 {
		ackWait = info.Config.AckWait
	}
	done := make(chan struct{})
	defer close(done)
	go l.keepAlive(done, ackWait/4)
	defer l.works.Wait()
	// Cancelled before the Works are waited for, so that a failing one gives its batch back
	// when the pull fails for good.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	work := context.WithoutCancel(ctx)
	defer l.giveBackHeld()
	for {
		if !l.waitResumed(ctx) {
			return nil
		}
		if !l.restart(ctx, work) {
			continue
		}
		pullCtx, stop := context.WithCancel(ctx)
		l.setStopPull(stop)
		it, err := pull(pullCtx, cons, cfg.Buffer)
		if err != nil {
			stop()
			return fmt.Errorf("bus: %s: %w", cfg.Role, err)
		}
		err = l.gather(pullCtx, ctx, work, it)
		stop()
		if err != nil || ctx.Err() != nil {
			return err
		}
	}
}

// loop is one Consume call.
type loop struct {
	cfg    ConsumeConfig
	cons   jetstream.Consumer
	handle Handler
	slots  chan struct{}
	works  sync.WaitGroup

	mu       sync.Mutex
	inHand   map[jetstream.Msg]struct{} // pulled and not yet settled or given back
	failing  int                        // Works failing now; nothing is pulled while any is
	pausing  chan struct{}              // closed while failing is above zero
	resumed  chan struct{}              // closed while failing is zero
	stopPull context.CancelFunc         // ends the current pull subscription

	// What a pause held back, touched by Consume's goroutine only.
	held   []jetstream.Msg // pulled, not yet handed to the Handler
	parked []parkedWork    // handed to the Handler, not yet run
}

type parkedWork struct {
	msgs []jetstream.Msg
	w    Work
}

// restart hands on what a pause held back, parked Works first; false when the loop pauses again
// meanwhile.
func (l *loop) restart(ctx, work context.Context) bool {
	for len(l.parked) > 0 {
		if p := l.parked[0]; !l.start(ctx, work, p.msgs, p.w) {
			return false
		}
		l.parked = l.parked[1:]
	}
	for len(l.held) > 0 {
		if l.paused() {
			return false
		}
		n := min(len(l.held), l.cfg.BatchSize)
		msgs := l.held[:n:n]
		l.held = l.held[n:]
		l.dispatch(ctx, work, msgs)
	}
	return true
}

// giveBackHeld gives back what a pause held back, at shutdown.
func (l *loop) giveBackHeld() {
	l.giveBack(l.held)
	for _, p := range l.parked {
		l.giveBack(p.msgs)
	}
	l.held, l.parked = nil, nil
}

// gather hands batches to dispatch until the pull subscription ends, and holds back what it
// pulls while the loop is paused. pullCtx ends the subscription; ctx is Consume's.
func (l *loop) gather(pullCtx, ctx, work context.Context, it jetstream.MessagesContext) error {
	for {
		batch, err := l.nextBatch(it)
		if l.paused() {
			l.held = append(l.held, batch...)
		} else if len(batch) > 0 {
			l.dispatch(ctx, work, batch)
		}
		switch {
		case err == nil:
		case errors.Is(err, jetstream.ErrNoHeartbeat):
			// The iterator pulls again by itself, unless the consumer is gone: then no pull is
			// ever answered, not even with the consumer's deletion.
			if _, ierr := l.cons.Info(pullCtx); errors.Is(ierr, jetstream.ErrConsumerNotFound) {
				return fmt.Errorf("bus: %s: pull: %w", l.cfg.Role, ierr)
			}
			l.cfg.Logger.Warn(l.cfg.Role+": pull: missed heartbeats, pulling again", slog.Any("error", err))
		case errors.Is(err, jetstream.ErrMsgIteratorClosed) && !errors.Is(err, jetstream.ErrConnectionClosed) && pullCtx.Err() != nil:
			return nil
		default:
			return fmt.Errorf("bus: %s: pull: %w", l.cfg.Role, err)
		}
	}
}

// nextBatch waits for a first message, then gathers more for up to BatchWait or BatchSize. An
// error from the iterator comes with what was gathered before it.
func (l *loop) nextBatch(it jetstream.MessagesContext) (batch []jetstream.Msg, err error) {
	var deadline time.Time
	for len(batch) < l.cfg.BatchSize {
		var opts []jetstream.NextOpt
		if len(batch) > 0 {
			wait := time.Until(deadline)
			if wait <= 0 {
				return batch, nil
			}
			opts = append(opts, jetstream.NextMaxWait(wait))
		}
		msg, err := it.Next(opts...)
		if errors.Is(err, nats.ErrTimeout) {
			return batch, nil
		}
		if err != nil {
			return batch, err
		}
		l.mu.Lock()
		l.inHand[msg] = struct{}{}
		l.mu.Unlock()
		if len(batch) == 0 {
			deadline = time.Now().Add(l.cfg.BatchWait)
		}
		batch = append(batch, msg)
	}
	return batch, nil
}

// dispatch hands msgs to the Handler, then runs its Work once a worker is free, or parks it
// when the loop pauses first: waiting would leave what the pull buffered to run out its ack wait.
func (l *loop) dispatch(ctx, work context.Context, msgs []jetstream.Msg) {
	w := l.handle(ctx, msgs)
	if w == nil {
		l.release(msgs)
		return
	}
	if !l.start(ctx, work, msgs, w) {
		l.parked = append(l.parked, parkedWork{msgs, w})
	}
}

// start runs w once a worker is free; false, without running it, when the loop pauses first.
func (l *loop) start(ctx, work context.Context, msgs []jetstream.Msg, w Work) bool {
	l.mu.Lock()
	pausing := l.pausing
	l.mu.Unlock()
	select {
	case l.slots <- struct{}{}:
	case <-pausing:
		return false
	}
	l.works.Go(func() {
		defer func() {
			l.release(msgs)
			<-l.slots
		}()
		l.run(ctx, work, msgs, w)
	})
	return true
}

// run runs w until it succeeds, the loop paused while it fails; at shutdown it gives the batch
// back instead.
func (l *loop) run(ctx, work context.Context, msgs []jetstream.Msg, w Work) {
	err := w(work)
	if err == nil {
		return
	}
	l.pause(err)
	defer l.resume()
	for attempt := 0; err != nil; attempt++ {
		delay := retryDelay(attempt)
		l.cfg.Logger.Warn(l.cfg.Role+": cannot process messages, pulling stopped",
			slog.Int("messages", len(msgs)), slog.Duration("retry_in", delay), slog.Any("error", err))
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			l.giveBack(msgs)
			return
		case <-t.C:
		}
		if err = w(work); err != nil {
			l.cfg.Health.set(l.cfg.Role, err)
		}
	}
}

// retryDelay is the wait before the attempt-th retry of a failing Work: 0.5 s, doubling up to
// 30 s, so that a full disk is probed often at first and cheaply later.
func retryDelay(attempt int) time.Duration {
	return min(500*time.Millisecond<<min(attempt, 6), 30*time.Second)
}

func (l *loop) pause(err error) {
	l.mu.Lock()
	if l.failing == 0 {
		close(l.pausing)
		l.resumed = make(chan struct{})
		if l.stopPull != nil {
			l.stopPull()
		}
	}
	l.failing++
	l.mu.Unlock()
	l.cfg.Health.set(l.cfg.Role, err)
}

func (l *loop) resume() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failing--; l.failing == 0 {
		close(l.resumed)
		l.pausing = make(chan struct{})
		l.cfg.Health.set(l.cfg.Role, nil)
		l.cfg.Logger.Info(l.cfg.Role + ": resumed")
	}
}

func (l *loop) paused() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failing > 0
}

// waitResumed waits until no Work fails; false when ctx is done first.
func (l *loop) waitResumed(ctx context.Context) bool {
	l.mu.Lock()
	resumed := l.resumed
	l.mu.Unlock()
	select {
	case <-resumed:
		return ctx.Err() == nil
	case <-ctx.Done():
		return false
	}
}

// setStopPull records how to end the current pull subscription, ending it at once when a Work
// failed since the loop last waited.
func (l *loop) setStopPull(stop context.CancelFunc) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopPull = stop
	if l.failing > 0 {
		stop()
	}
}

func (l *loop) release(msgs []jetstream.Msg) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range msgs {
		delete(l.inHand, m)
	}
}

// giveBack hands unprocessed messages back to the server for redelivery, to this process after
// a restart or to another one.
func (l *loop) giveBack(msgs []jetstream.Msg) {
	for _, m := range msgs {
		_ = m.Nak()
	}
	l.release(msgs)
}

// keepAlive tells the server, every interval while the loop is paused, that the messages it
// holds are still being worked on, so that a long pause redelivers none of them (each
// redelivery counts towards the consumer's MaxDeliver).
func (l *loop) keepAlive(done <-chan struct{}, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	var msgs []jetstream.Msg
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		msgs = msgs[:0]
		l.mu.Lock()
		if l.failing > 0 {
			for m := range l.inHand {
				msgs = append(msgs, m)
			}
		}
		l.mu.Unlock()
		for _, m := range msgs {
			_ = m.InProgress() // settled meanwhile: refused, harmless
		}
	}
}

// Health is whether a consuming role works, for readiness probes.
type Health struct {
	mu    sync.Mutex
	role  string
	err   error
	since time.Time
}

// Err says why the role is not consuming, nil while it is.
func (h *Health) Err() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err == nil {
		return nil
	}
	return fmt.Errorf("bus: %s paused since %s, retrying: %w", h.role, h.since.Format(time.RFC3339), h.err)
}

func (h *Health) set(role string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.role = role
	if h.err == nil {
		h.since = time.Now()
	}
	h.err = err
}
