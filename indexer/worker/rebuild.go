package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
)

// RebuildStatus is the state of the last rebuild of the index from the CLAIMS stream.
type RebuildStatus struct {
	Running  bool      `json:"running"`
	Started  time.Time `json:"started,omitzero"`
	Finished time.Time `json:"finished,omitzero"`
	// Read is how many CLAIMS messages were read, Indexed how many claims went into the new index.
	Read    uint64 `json:"read"`
	Indexed uint64 `json:"indexed"`
	Error   string `json:"error,omitempty"`
}

// ErrRebuildRunning is returned by Rebuilder.Run while another rebuild runs.
var ErrRebuildRunning = errors.New("indexer worker: a rebuild is already running")

// Rebuilder rebuilds the worker's index from the CLAIMS stream, one rebuild at a time, and
// keeps the status of the last one.
type Rebuilder struct {
	w      *Worker
	mu     sync.Mutex
	status RebuildStatus
}

// NewRebuilder rebuilds w's index; claims that cannot be indexed go to the dead letters as w
// sends them.
func NewRebuilder(w *Worker) *Rebuilder { return &Rebuilder{w: w} }

// Status returns the state of the running or last rebuild.
func (r *Rebuilder) Status() RebuildStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

func (r *Rebuilder) update(f func(*RebuildStatus)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(&r.status)
}

// Run reads the CLAIMS stream from the start into a new index beside the live one, then swaps
// it in. Searches keep answering from the old index until the swap, and claims the worker
// indexes meanwhile go to both, so nothing is missed. Claims the worker would refuse
// (malformed, without id, of a newer schema version) go to the dead letters the same way; the
// copy of one already sent there within the duplicate window is dropped by JetStream.
func (r *Rebuilder) Run(ctx context.Context) error {
	r.mu.Lock()
	if r.status.Running {
		r.mu.Unlock()
		return ErrRebuildRunning
	}
	r.status = RebuildStatus{Running: true, Started: time.Now()}
	r.mu.Unlock()

	err := r.rebuild(ctx)
	r.update(func(s *RebuildStatus) {
		s.Running, s.Finished = false, time.Now()
		if err != nil {
			s.Error = err.Error()
		}
	})
	return err
}

func (r *Rebuilder) rebuild(ctx context.Context) error {
	rb, err := r.w.ix.Rebuild()
	if err != nil {
		return fmt.Errorf("indexer worker: rebuild: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			if err := rb.Abort(); err != nil {
				r.w.logger.Error("indexer: rebuild: abort", slog.Any("error", err))
			}
		}
	}()
	// The stream's end is read once the new index exists: a claim published later is written
	// to both indexes by the worker, every earlier one is read here.
	stream, err := r.w.js.Stream(ctx, claimwire.StreamClaims)
	if err != nil {
		return fmt.Errorf("indexer worker: rebuild: %w", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("indexer worker: rebuild: %w", err)
	}
	r.w.logger.Info("indexer: rebuild started", slog.Uint64("messages", info.State.Msgs))
	if info.State.Msgs > 0 {
		if err := r.read(ctx, stream, info.State.LastSeq, rb); err != nil {
			return err
		}
	}
	if err := rb.Commit(); err != nil {
		return fmt.Errorf("indexer worker: rebuild: %w", err)
	}
	committed = true
	st := r.Status()
	r.w.logger.Info("indexer: rebuild swapped in", slog.Uint64("read", st.Read), slog.Uint64("indexed", st.Indexed))
	return nil
}

// read writes the stream's claims up to sequence last into rb.
func (r *Rebuilder) read(ctx context.Context, stream jetstream.Stream, last uint64, rb *indexer.Rebuild) error {
	// An ordered consumer reads the stream once, in order, without touching the worker's
	// durable consumer.
	cons, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{FilterSubjects: []string{claimwire.SubjectClaims}})
	if err != nil {
		return fmt.Errorf("indexer worker: rebuild: %w", err)
	}
	for {
		fetched, err := cons.FetchNoWait(r.w.cfg.BatchSize)
		if err != nil {
			return fmt.Errorf("indexer worker: rebuild: %w", err)
		}
		var msgs []jetstream.Msg
		var seq uint64
		for m := range fetched.Messages() {
			msgs = append(msgs, m)
			if md, err := m.Metadata(); err == nil {
				seq = md.Sequence.Stream
			}
		}
		if err := fetched.Error(); err != nil {
			return fmt.Errorf("indexer worker: rebuild: %w", err)
		}
		read := uint64(len(msgs))
		b := r.w.decode(ctx, msgs)
		if len(b.claims) > 0 {
			if err := rb.Index(ctx, b.claims); err != nil {
				return fmt.Errorf("indexer worker: rebuild: %w", err)
			}
		}
		indexed := uint64(len(b.claims))
		r.update(func(s *RebuildStatus) { s.Read += read; s.Indexed += indexed })
		if seq >= last {
			return nil
		}
		if read == 0 {
			// Nothing more to read: the messages up to last may have aged out meanwhile.
			if ci, err := cons.Info(ctx); err == nil && ci.NumPending == 0 {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("indexer worker: rebuild: %w", ctx.Err())
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// Lost returns how many claims an empty index lacks that the worker's durable consumer will not
// deliver again (it acknowledged them): an index directory deleted by hand, say. It is zero
// when the index holds claims or the stream has nothing acknowledged, so it must be called
// before the worker runs.
func (r *Rebuilder) Lost(ctx context.Context) (uint64, error) {
	n, err := r.w.ix.Count()
	if err != nil || n > 0 {
		return 0, err
	}
	stream, err := r.w.js.Stream(ctx, claimwire.StreamClaims)
	if err != nil {
		return 0, fmt.Errorf("indexer worker: lost claims: %w", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("indexer worker: lost claims: %w", err)
	}
	cons, err := r.w.Consumer(ctx)
	if err != nil {
		return 0, err
	}
	ci, err := cons.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("indexer worker: lost claims: %w", err)
	}
	st := info.State
	acked := min(ci.AckFloor.Stream, st.LastSeq)
	if st.Msgs == 0 || acked < st.FirstSeq {
		return 0, nil
	}
	return acked - st.FirstSeq + 1, nil
}

// RebuildOffline rebuilds the index at dir from the CLAIMS stream while no indexer runs on it
// (`claimwire reindex --offline`): it needs no running daemon, so it also repairs an index the
// daemon cannot open. An index Open reports corrupt is replaced by an empty one first.
func RebuildOffline(ctx context.Context, js jetstream.JetStream, dir string, opts indexer.Options, cfg Config, logger *slog.Logger) (RebuildStatus, error) {
	ix, err := indexer.Open(dir, opts)
	if ce := (*indexer.CorruptError)(nil); errors.As(err, &ce) {
		logger.Warn("indexer: the index is corrupt, rebuilding it from empty", slog.String("dir", ce.Dir),
			slog.String("file", ce.File), slog.Any("error", ce.Err))
		ix, err = indexer.Reset(dir, opts)
	}
	if err != nil {
		return RebuildStatus{}, err
	}
	w, err := New(js, ix, cfg, prometheus.NewRegistry(), logger)
	if err != nil {
		return RebuildStatus{}, errors.Join(err, ix.Close())
	}
	r := NewRebuilder(w)
	err = r.Run(ctx)
	return r.Status(), errors.Join(err, ix.Close())
}
