// Package worker connects the indexer to JetStream: it pulls claims from the CLAIMS stream in
// batches through the durable "indexer" consumer, writes each batch to bleve in one commit (the
// claim id is the document id, so a redelivery overwrites instead of duplicating) and acks the
// batch only after the commit.
package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

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
	dead    prometheus.Counter
}

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
		dead: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "indexer", Name: "dead_letters_total",
			Help: "Claims moved to the dead-letter subject.",
		}),
	}
	for _, c := range []prometheus.Collector{w.indexed, w.batches, w.dead} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("indexer worker: metrics: %w", err)
		}
	}
	return w, nil
}

// Consumer creates or updates the durable consumer of the indexer.
func (w *Worker) Consumer(ctx context.Context) (jetstream.Consumer, error) {
	cons, err := w.js.CreateOrUpdateConsumer(ctx, claimwire.StreamClaims, jetstream.ConsumerConfig{
		Durable:       claimwire.ConsumerIndexer,
		Description:   "claimwire indexer",
		FilterSubject: claimwire.SubjectClaims,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       w.cfg.AckWait,
		MaxDeliver:    w.cfg.MaxDeliver,
		MaxAckPending: 4 * w.cfg.BatchSize,
	})
	if err != nil {
		return nil, fmt.Errorf("indexer worker: consumer: %w", err)
	}
	return cons, nil
}

// Run indexes claims until ctx is done; the batch in hand is committed and acked before it returns.
func (w *Worker) Run(ctx context.Context) error {
	cons, err := w.Consumer(ctx)
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		fetchCtx, cancel := context.WithTimeout(ctx, w.cfg.BatchWait)
		batch, err := cons.Fetch(w.cfg.BatchSize, jetstream.FetchContext(fetchCtx))
		if err != nil {
			cancel()
			if ctx.Err() == nil {
				w.logger.Warn("indexer: fetch failed", slog.Any("error", err))
				bus.Sleep(ctx, time.Second)
			}
			continue
		}
		var msgs []jetstream.Msg
		for msg := range batch.Messages() {
			msgs = append(msgs, msg)
		}
		cancel()
		if len(msgs) > 0 {
			w.write(context.WithoutCancel(ctx), msgs)
		}
	}
	return nil
}

func (w *Worker) write(ctx context.Context, msgs []jetstream.Msg) {
	start := time.Now()
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
	if len(claims) == 0 {
		return
	}
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
