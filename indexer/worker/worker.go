// Package worker connects the indexer to JetStream: it pulls claims from the CLAIMS stream in
// batches through the durable "indexer" consumer, writes each batch to bleve in one commit (the
// claim id is the document id, so a redelivery overwrites instead of duplicating) and acks the
// batch only after the commit. Batches are gathered, decoded and written while others are
// written, so the wait for bleve to persist a segment is not added to every batch's time.
package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/indexer"
)

// Config tunes batching.
type Config struct {
	// BatchSize is the most claims written in one bleve batch.
	BatchSize int `yaml:"batch_size"`
	// BatchWait is how long to wait for a batch to fill before writing what there is.
	BatchWait time.Duration `yaml:"batch_wait"`
	// MaxDeliver is how often a claim is tried before it goes to the dead-letter subject.
	MaxDeliver int           `yaml:"max_deliver"`
	AckWait    time.Duration `yaml:"ack_wait"`
}

// DefaultConfig favours throughput while keeping claims searchable within a fraction of a second.
func DefaultConfig() Config {
	return Config{BatchSize: 1000, BatchWait: 200 * time.Millisecond, MaxDeliver: 5, AckWait: time.Minute}
}

// Worker feeds the index.
type Worker struct {
	js      jetstream.JetStream
	ix      *indexer.Index
	cfg     Config
	logger  *slog.Logger
	indexed prometheus.Counter
	batches prometheus.Histogram
	latency prometheus.Histogram
	dead    prometheus.Counter
}

// LatencyMetric is the histogram of the delay from an article's fetch to its claims being
// searchable; `claimwire bench` reads its quantiles.
const LatencyMetric = "claimwire_pipeline_latency_seconds"

// New builds a worker; its metrics are registered on reg.
func New(js jetstream.JetStream, ix *indexer.Index, cfg Config, reg prometheus.Registerer, logger *slog.Logger) (*Worker, error) {
	w := &Worker{
		js: js, ix: ix, cfg: cfg, logger: logger,
		indexed: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "indexer", Name: "claims_indexed_total",
			Help: "Claims written to the index (redeliveries included).",
		}),
		batches: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "claimwire", Subsystem: "indexer", Name: "batch_seconds",
			Help:    "Time to write and commit one batch.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 8),
		}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    LatencyMetric,
			Help:    "Delay from an article's fetch to its claims being committed to the index.",
			Buckets: prometheus.ExponentialBucketsRange(0.001, 120, 40),
		}),
		dead: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "indexer", Name: "dead_letters_total",
			Help: "Claims moved to the dead-letter subject.",
		}),
	}
	for _, c := range []prometheus.Collector{w.indexed, w.batches, w.latency, w.dead} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("indexer worker: metrics: %w", err)
		}
	}
	return w, nil
}

// Consumer creates or updates the durable consumer of the indexer.
func (w *Worker) Consumer(ctx context.Context) (jetstream.Consumer, error) {
	return bus.Durable(ctx, w.js, claimwire.StreamClaims, jetstream.ConsumerConfig{
		Durable:       claimwire.ConsumerIndexer,
		Description:   "claimwire indexer",
		FilterSubject: claimwire.SubjectClaims,
		AckWait:       w.cfg.AckWait,
		MaxDeliver:    w.cfg.MaxDeliver,
		MaxAckPending: 4 * w.cfg.BatchSize,
	})
}

// Run indexes claims until ctx is done. Then it stops pulling, commits and acks what it
// already holds, and returns.
func (w *Worker) Run(ctx context.Context) error {
	cons, err := w.Consumer(ctx)
	if err != nil {
		return err
	}
	it, err := bus.Pull(ctx, cons, 2*w.cfg.BatchSize)
	if err != nil {
		return fmt.Errorf("indexer worker: %w", err)
	}
	// What was pulled is committed and acked even when shutdown starts.
	work := context.WithoutCancel(ctx)
	commits := newCommitter(w, maxCommits)
	defer commits.wait()
	for {
		batch, closed := w.nextBatch(it)
		if b := w.decode(work, batch); len(b.claims) > 0 {
			commits.submit(work, b)
		}
		if closed {
			return nil
		}
	}
}

// maxCommits is how many batches are written at once. bleve returns from a batch only once its
// segment is persisted (files written and synced); a second batch is analysed and built in the
// meantime, and the persister writes the segments that are ready together.
const maxCommits = 2

// committer writes batches concurrently while keeping, for every claim, the order in which its
// versions arrived: a batch holding a claim that an earlier batch is still writing waits for it.
type committer struct {
	w     *Worker
	slots chan struct{}
	wg    sync.WaitGroup

	mu      sync.Mutex
	writing map[string]int // claim id → its occurrences in the batches being written
}

func newCommitter(w *Worker, n int) *committer {
	return &committer{w: w, slots: make(chan struct{}, n), writing: make(map[string]int)}
}

// submit starts writing b once a slot is free; it is called from one goroutine only.
func (c *committer) submit(ctx context.Context, b decodedBatch) {
	if c.conflicts(b) {
		c.wg.Wait() // rare: a claim published again within seconds
	}
	c.slots <- struct{}{}
	c.track(b, 1)
	c.wg.Go(func() {
		defer func() {
			c.track(b, -1)
			<-c.slots
		}()
		c.w.commit(ctx, b)
	})
}

func (c *committer) wait() { c.wg.Wait() }

func (c *committer) conflicts(b decodedBatch) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.writing) == 0 {
		return false
	}
	for i := range b.claims {
		if c.writing[b.claims[i].ID] > 0 {
			return true
		}
	}
	return false
}

func (c *committer) track(b decodedBatch, delta int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range b.claims {
		id := b.claims[i].ID
		if c.writing[id] += delta; c.writing[id] <= 0 {
			delete(c.writing, id)
		}
	}
}

// decodedBatch holds the valid claims of a batch and their messages, in the same order.
type decodedBatch struct {
	claims []claimwire.Claim
	msgs   []jetstream.Msg
}

// nextBatch waits for a first claim, then gathers more for up to BatchWait or BatchSize.
func (w *Worker) nextBatch(it jetstream.MessagesContext) (batch []jetstream.Msg, closed bool) {
	var deadline time.Time
	for len(batch) < w.cfg.BatchSize {
		var opts []jetstream.NextOpt
		if len(batch) > 0 {
			wait := time.Until(deadline)
			if wait <= 0 {
				return batch, false
			}
			opts = append(opts, jetstream.NextMaxWait(wait))
		}
		msg, err := it.Next(opts...)
		switch {
		case errors.Is(err, jetstream.ErrMsgIteratorClosed):
			return batch, true
		case errors.Is(err, nats.ErrTimeout):
			return batch, false
		case err != nil:
			w.logger.Warn("indexer: next claim", slog.Any("error", err))
			return batch, false
		}
		if len(batch) == 0 {
			deadline = time.Now().Add(w.cfg.BatchWait)
		}
		batch = append(batch, msg)
	}
	return batch, false
}

// decode parses the batch's claims; malformed ones go to the dead-letter subject.
func (w *Worker) decode(ctx context.Context, msgs []jetstream.Msg) decodedBatch {
	claims := make([]claimwire.Claim, 0, len(msgs))
	good := msgs[:0]
	for _, msg := range msgs {
		var c claimwire.Claim
		reason := ""
		if err := json.Unmarshal(msg.Data(), &c); err != nil {
			reason = fmt.Sprintf("malformed claim JSON: %v", err)
		} else if c.ID == "" {
			reason = "claim without id"
		} else if c.Version > claimwire.SchemaVersion {
			reason = fmt.Sprintf("claim schema version %d is newer than %d", c.Version, claimwire.SchemaVersion)
		}
		if reason != "" {
			w.deadLetter(ctx, msg, reason)
			continue
		}
		claims = append(claims, c)
		good = append(good, msg)
	}
	return decodedBatch{claims: claims, msgs: good}
}

// commit writes a batch in one bleve batch, then acks it; on failure its claims come back later.
func (w *Worker) commit(ctx context.Context, b decodedBatch) {
	start := time.Now()
	claims, good := b.claims, b.msgs
	if err := w.ix.Index(ctx, claims); err != nil {
		w.logger.Error("indexer: batch failed, will retry", slog.Int("claims", len(claims)), slog.Any("error", err))
		for _, msg := range good {
			if bus.Delivered(msg) >= uint64(w.cfg.MaxDeliver) {
				w.deadLetter(ctx, msg, err.Error())
			} else {
				_ = msg.NakWithDelay(bus.Backoff(bus.Delivered(msg)))
			}
		}
		return
	}
	for _, msg := range good {
		if err := msg.Ack(); err != nil {
			// Unacked claims come back and overwrite themselves: harmless.
			w.logger.Warn("indexer: ack failed", slog.Any("error", err))
		}
	}
	w.indexed.Add(float64(len(claims)))
	w.batches.Observe(time.Since(start).Seconds())
	committed := time.Now()
	for i := range claims {
		if !claims[i].Crawled.IsZero() {
			w.latency.Observe(committed.Sub(claims[i].Crawled).Seconds())
		}
	}
	w.logger.Debug("indexer: batch committed", slog.Int("claims", len(claims)), slog.Duration("took", time.Since(start)))
}

func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, reason string) {
	w.dead.Inc()
	w.logger.Error("indexer: claim moved to dead letters", slog.String("reason", reason))
	if err := bus.DeadLetter(ctx, w.js, "claims", msg, reason); err != nil {
		w.logger.Error("indexer: dead letter failed", slog.Any("error", err))
		_ = msg.NakWithDelay(time.Minute)
	}
}
