package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
)

// ReindexStatus is the state of the last index rebuild.
type ReindexStatus struct {
	Running  bool      `json:"running"`
	Started  time.Time `json:"started,omitzero"`
	Finished time.Time `json:"finished,omitzero"`
	// Read is how many CLAIMS messages were read, Indexed how many claims went into the new index.
	Read    uint64 `json:"read"`
	Indexed uint64 `json:"indexed"`
	Error   string `json:"error,omitempty"`
}

// reindexer runs at most one rebuild at a time.
type reindexer struct {
	mu     sync.Mutex
	status ReindexStatus
	wg     sync.WaitGroup
}

func (r *reindexer) snapshot() ReindexStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

func (r *reindexer) update(f func(*ReindexStatus)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(&r.status)
}

// Reindex rebuilds the index from the CLAIMS stream into a new index beside the live one, then
// swaps it in. Searches keep answering from the old index until the swap, and claims indexed
// meanwhile go to both, so nothing is missed.
func (d *Daemon) Reindex(ctx context.Context) error {
	if d.index == nil {
		return errors.New("daemon: reindex: this process has no indexer role")
	}
	r := &d.reindex
	r.mu.Lock()
	if r.status.Running {
		r.mu.Unlock()
		return errors.New("daemon: reindex: a rebuild is already running")
	}
	r.status = ReindexStatus{Running: true, Started: time.Now()}
	r.mu.Unlock()

	err := d.rebuild(ctx, r)
	r.update(func(s *ReindexStatus) {
		s.Running, s.Finished = false, time.Now()
		if err != nil {
			s.Error = err.Error()
		}
	})
	return err
}

func (d *Daemon) rebuild(ctx context.Context, r *reindexer) error {
	stream, err := d.bus.JS.Stream(ctx, claimwire.StreamClaims)
	if err != nil {
		return fmt.Errorf("daemon: reindex: %w", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("daemon: reindex: %w", err)
	}
	last := info.State.LastSeq
	rb, err := d.index.Rebuild()
	if err != nil {
		return fmt.Errorf("daemon: reindex: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			if err := rb.Abort(); err != nil {
				d.logger.Error("reindex: abort", slog.Any("error", err))
			}
		}
	}()
	d.logger.Info("reindex: started", slog.Uint64("messages", info.State.Msgs))
	if info.State.Msgs > 0 {
		// An ordered consumer reads the stream once, in order, without touching the indexer's
		// durable consumer; claims arriving after `last` are written to both indexes already.
		cons, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{FilterSubjects: []string{claimwire.SubjectClaims}})
		if err != nil {
			return fmt.Errorf("daemon: reindex: %w", err)
		}
		batch := make([]claimwire.Claim, 0, 1000)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			if err := rb.Index(ctx, batch); err != nil {
				return fmt.Errorf("daemon: reindex: %w", err)
			}
			n := uint64(len(batch))
			r.update(func(s *ReindexStatus) { s.Indexed += n })
			batch = batch[:0]
			return nil
		}
		for {
			msgs, err := cons.FetchNoWait(1000)
			if err != nil {
				return fmt.Errorf("daemon: reindex: %w", err)
			}
			var seq uint64
			n := 0
			for m := range msgs.Messages() {
				n++
				if md, err := m.Metadata(); err == nil {
					seq = md.Sequence.Stream
				}
				var c claimwire.Claim
				// Malformed claims were dead-lettered the first time; skip them again.
				if json.Unmarshal(m.Data(), &c) == nil && c.ID != "" && c.Version <= claimwire.SchemaVersion {
					batch = append(batch, c)
				}
			}
			r.update(func(s *ReindexStatus) { s.Read += uint64(n) })
			if err := flush(); err != nil {
				return err
			}
			if seq >= last {
				break
			}
			if n == 0 {
				// Nothing more to read: the messages up to last may have aged out meanwhile.
				if ci, err := cons.Info(ctx); err == nil && ci.NumPending == 0 {
					break
				}
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(50 * time.Millisecond):
				}
			}
		}
	}
	if err := rb.Commit(); err != nil {
		return fmt.Errorf("daemon: reindex: %w", err)
	}
	committed = true
	st := r.snapshot()
	d.logger.Info("reindex: swapped in", slog.Uint64("read", st.Read), slog.Uint64("indexed", st.Indexed))
	return nil
}

// serveReindex starts a rebuild in the background (202) and reports progress on GET.
func (d *Daemon) serveReindex(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, d.reindex.snapshot())
		return
	}
	if d.reindex.snapshot().Running {
		writeError(w, http.StatusConflict, "a rebuild is already running")
		return
	}
	d.reindex.wg.Go(func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			select {
			case <-d.stopping:
				cancel()
			case <-ctx.Done():
			}
		}()
		if err := d.Reindex(ctx); err != nil {
			d.logger.Error("reindex failed", slog.Any("error", err))
		}
	})
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "started"})
}
