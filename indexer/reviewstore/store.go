// Package reviewstore keeps the fact-checkers' review log (package review) in the JetStream
// stream REVIEWS. Every indexer process follows the whole stream with an ordered consumer and
// folds it into its own review.State, so replicas serve the same decisions, and a rebuilt index
// (claimwire reindex) is read through the same state, which never lived in it.
package reviewstore

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/review"
)

// Store is the review log of one process: Record appends to it, State is its fold.
type Store struct {
	js  jetstream.JetStream
	log *slog.Logger
	cc  jetstream.ConsumeContext
	// stopped is closed once cc has stopped. Each call of cc.Closed starts a goroutine, so it
	// is called once.
	stopped <-chan struct{}

	state atomic.Pointer[review.State]
	// work is the handler's own state, applied to in place and published as a clone once the
	// consumer has caught up, so a long log is not cloned once per event at start.
	work *review.State

	mu        sync.Mutex
	published uint64        // the last stream sequence folded into State
	changed   chan struct{} // closed and replaced whenever published moves

	recordMu sync.Mutex // one check-then-append at a time in this process
}

// Open follows the REVIEWS stream from its start and returns once it has folded the events
// the stream holds.
func Open(ctx context.Context, js jetstream.JetStream, logger *slog.Logger) (*Store, error) {
	stream, err := js.Stream(ctx, claimwire.StreamReviews)
	if err != nil {
		return nil, fmt.Errorf("reviewstore: stream %s: %w", claimwire.StreamReviews, err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("reviewstore: stream %s: %w", claimwire.StreamReviews, err)
	}
	s := &Store{js: js, log: logger, work: review.NewState(), changed: make(chan struct{})}
	s.state.Store(review.NewState())
	cons, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{FilterSubjects: []string{claimwire.SubjectReviews}})
	if err != nil {
		return nil, fmt.Errorf("reviewstore: consumer: %w", err)
	}
	if s.cc, err = cons.Consume(s.handle); err != nil {
		return nil, fmt.Errorf("reviewstore: consume: %w", err)
	}
	s.stopped = s.cc.Closed()
	if info.State.Msgs > 0 {
		// Caught up once the consumer has nothing pending: the log may have gaps (messages
		// deleted by hand), so its last sequence is no target.
		if err := s.waitApplied(ctx, 1); err != nil {
			s.Close()
			return nil, fmt.Errorf("reviewstore: reading the log: %w", err)
		}
	}
	return s, nil
}

// handle folds one event. An event that does not decode (written by a newer build, say) is
// logged and skipped: the rest of the log still applies.
func (s *Store) handle(msg jetstream.Msg) {
	md, err := msg.Metadata()
	if err != nil {
		s.log.Error("reviewstore: message without metadata", slog.Any("error", err))
		return
	}
	seq := md.Sequence.Stream
	if e, err := review.Decode(msg.Data()); err != nil {
		s.log.Warn("reviewstore: review event skipped", slog.Uint64("seq", seq), slog.Any("error", err))
	} else {
		e.Seq = seq
		s.work.Apply(e)
	}
	if md.NumPending > 0 {
		return
	}
	s.state.Store(s.work.Clone())
	s.mu.Lock()
	s.published = seq
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// waitApplied waits until State holds the event at stream sequence seq.
func (s *Store) waitApplied(ctx context.Context, seq uint64) error {
	for {
		s.mu.Lock()
		done, changed := s.published >= seq, s.changed
		s.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// State is the fold of the log as far as this process has read it. It is never changed
// afterwards: hold it for as long as a request needs one view.
func (s *Store) State() *review.State { return s.state.Load() }

// Record checks e against the current state, appends it to the log and returns it as stored
// (with its id, time, version and sequence) once this process has folded it, so the caller's
// next read sees it. e.ID and e.At are set here when empty.
func (s *Store) Record(ctx context.Context, e review.Event) (review.Event, error) {
	s.recordMu.Lock()
	defer s.recordMu.Unlock()
	e.V, e.Seq = review.Version, 0
	if e.ID == "" {
		e.ID = rand.Text()
	}
	if e.At.IsZero() {
		e.At = time.Now().UTC().Truncate(time.Millisecond)
	}
	if err := e.Validate(); err != nil {
		return e, err
	}
	if err := s.State().Check(&e); err != nil {
		return e, err
	}
	data, err := json.Marshal(&e)
	if err != nil {
		return e, fmt.Errorf("reviewstore: encode: %w", err)
	}
	// The event id is the message id: a retried request inside the duplicate window is
	// stored once.
	ack, err := s.js.Publish(ctx, claimwire.SubjectReviews, data, jetstream.WithMsgID(e.ID),
		jetstream.WithExpectStream(claimwire.StreamReviews))
	if err != nil {
		return e, fmt.Errorf("reviewstore: append: %w", err)
	}
	e.Seq = ack.Sequence
	if err := s.waitApplied(ctx, ack.Sequence); err != nil {
		return e, fmt.Errorf("reviewstore: stored as %d but not read back: %w", ack.Sequence, err)
	}
	return e, nil
}

// Ready reports an error once the store no longer follows the log, its state frozen.
func (s *Store) Ready() error {
	select {
	case <-s.stopped:
		return errors.New("reviewstore: no longer following the REVIEWS stream")
	default:
		return nil
	}
}

// Close stops following the log; State keeps answering with the last fold.
func (s *Store) Close() {
	if s.cc == nil {
		return
	}
	s.cc.Stop()
	// Stopping is asynchronous; wait, so no event is folded after Close (bounded, should the
	// connection be gone).
	select {
	case <-s.stopped:
	case <-time.After(5 * time.Second):
	}
}
