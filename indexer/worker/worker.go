// Package worker connects the indexer to JetStream: it pulls claims from the CLAIMS stream in
// batches through the durable "indexer" consumer, writes each batch to bleve in one commit (the
// claim id is the document id, so a redelivery overwrites instead of duplicating) and acks the
// batch only after the commit. Batches are gathered, decoded and written while others are
// written, so the wait for bleve to persist a segment is not added to every batch's time. While
// the index cannot be written (a full disk), the worker pulls nothing and retries the batches
// it holds, unacked, until a write succeeds.
package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
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
	// MaxDeliver is how often the server delivers a claim (a crash redelivers it).
	MaxDeliver int           `yaml:"max_deliver"`
	AckWait    time.Duration `yaml:"ack_wait"`
	// Replica names this indexer's durable consumer on CLAIMS. Indexer processes that share a
	// name share the claims between them; each read replica, keeping a complete index of its
	// own, needs a name of its own (its host or pod name). Empty means "indexer".
	Replica string `yaml:"replica"`
	// SharedFacts has this indexer record each claim's fact in the FACT_LINKS bucket, or adopt
	// the one another replica recorded, so that read replicas agree on fact ids. One indexer
	// alone has no need of it.
	SharedFacts bool `yaml:"shared_facts"`
}

// ConsumerName is the name of the indexer's durable consumer.
func (c Config) ConsumerName() string {
	if c.Replica == "" {
		return claimwire.ConsumerIndexer
	}
	return c.Replica
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
	health  bus.Health
	written WrittenFunc

	// catchUp is where the CLAIMS stream ended when first asked (CaughtUp); caughtUp is set
	// once the index holds every claim up to there.
	catchUpMu sync.Mutex
	catchUp   uint64
	caughtUp  bool
}

// WrittenFunc is passed each batch once it is in the index, before it is acked. writing reports
// the claims of the batches being written and not yet passed on, this one's included: another
// batch's may be in the index already, being written beside this one.
type WrittenFunc func(ctx context.Context, claims []claimwire.Claim, writing func(id string) bool) error

// LatencyMetric is the histogram of the delay from an article's fetch to its claims being
// searchable; `claimwire bench` reads its quantiles.
const LatencyMetric = "claimwire_pipeline_latency_seconds"

// New builds a worker; its metrics are registered on reg.
func New(js jetstream.JetStream, ix *indexer.Index, cfg Config, reg prometheus.Registerer, logger *slog.Logger) (*Worker, error) {
	if name := cfg.ConsumerName(); strings.ContainsAny(name, ".*> \t\r\n") {
		return nil, fmt.Errorf("indexer worker: replica %q: a consumer name has no dots, wildcards or spaces", name)
	}
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

// OnWritten has fn called with each batch once it is in the index and before it is acked (alerts
// match it then, so that a crash in between matches it again). An error from fn leaves the
// batch unacked, to be written and passed to fn again. Call it before Run.
func (w *Worker) OnWritten(fn WrittenFunc) {
	w.written = fn
}

// Consumer creates or updates the durable consumer of the indexer.
func (w *Worker) Consumer(ctx context.Context) (jetstream.Consumer, error) {
	return bus.Durable(ctx, w.js, claimwire.StreamClaims, jetstream.ConsumerConfig{
		Durable:       w.cfg.ConsumerName(),
		Description:   "claimwire indexer " + w.cfg.ConsumerName(),
		FilterSubject: claimwire.SubjectClaims,
		AckWait:       w.cfg.AckWait,
		MaxDeliver:    w.cfg.MaxDeliver,
		MaxAckPending: 4 * w.cfg.BatchSize,
	})
}

// Run indexes claims with the consumer Consumer created until ctx is done. Then it stops
// pulling, commits and acks what it already holds, and returns. While the index cannot be
// written (a full disk) it stops pulling and retries the batch in hand; it returns an error only
// when consuming fails for good, the consumer deleted included.
func (w *Worker) Run(ctx context.Context) error {
	cons, err := bus.Existing(ctx, w.js, claimwire.StreamClaims, w.cfg.ConsumerName())
	if err != nil {
		return err
	}
	commits := newCommitter()
	err = bus.Consume(ctx, cons, bus.ConsumeConfig{
		Role: "indexer", Buffer: 2 * w.cfg.BatchSize, BatchSize: w.cfg.BatchSize, BatchWait: w.cfg.BatchWait,
		Workers: maxCommits, Health: &w.health, Logger: w.logger,
	}, func(ctx context.Context, msgs []jetstream.Msg) bus.Work {
		b := w.decode(context.WithoutCancel(ctx), msgs)
		if len(b.claims) == 0 {
			return nil
		}
		commits.admit(ctx, b)
		return func(ctx context.Context) error {
			if err := w.commit(ctx, b, commits.holds); err != nil {
				return err
			}
			commits.done(b)
			return nil
		}
	})
	if err != nil {
		return fmt.Errorf("indexer worker: %w", err)
	}
	return nil
}

// Ready says why the worker is not indexing, nil while it is.
func (w *Worker) Ready() error { return w.health.Err() }

// CaughtUp says, until the index holds every claim the CLAIMS stream held when it was first
// asked, how far behind it is. A new read replica builds its index from the stream's first
// claim and must not serve searches before it is complete; once caught up it stays so, as the
// lag of a busy replica is that of every replica.
func (w *Worker) CaughtUp(ctx context.Context) error {
	w.catchUpMu.Lock()
	defer w.catchUpMu.Unlock()
	if w.caughtUp {
		return nil
	}
	cons, err := w.js.Consumer(ctx, claimwire.StreamClaims, w.cfg.ConsumerName())
	if err != nil {
		return fmt.Errorf("indexer: consumer %s: %w", w.cfg.ConsumerName(), err)
	}
	if w.catchUp == 0 {
		stream, err := w.js.Stream(ctx, claimwire.StreamClaims)
		if err != nil {
			return fmt.Errorf("indexer: catching up: %w", err)
		}
		info, err := stream.Info(ctx)
		if err != nil {
			return fmt.Errorf("indexer: catching up: %w", err)
		}
		w.catchUp = max(info.State.LastSeq, 1)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return fmt.Errorf("indexer: consumer %s: %w", w.cfg.ConsumerName(), err)
	}
	if info.AckFloor.Stream >= w.catchUp || info.NumPending == 0 && info.NumAckPending == 0 {
		w.caughtUp = true
		w.logger.Info("indexer: caught up with the CLAIMS stream", slog.String("replica", w.cfg.ConsumerName()),
			slog.Uint64("sequence", info.AckFloor.Stream))
		return nil
	}
	return fmt.Errorf("indexer: replica %s catching up with the CLAIMS stream: %d messages behind (%d to deliver, %d in hand)",
		w.cfg.ConsumerName(), w.catchUp-info.AckFloor.Stream, info.NumPending, info.NumAckPending)
}

// maxCommits is how many batches are written at once. bleve returns from a batch only once its
// segment is persisted (files written and synced); a second batch is analysed and built in the
// meantime, and the persister writes the segments that are ready together.
const maxCommits = 2

// committer keeps, for every claim, the order in which its versions arrived although batches
// are written concurrently: a batch holding a claim that an earlier batch is still writing
// waits for it.
type committer struct {
	mu      sync.Mutex
	writing map[string]int // claim id → its occurrences in the batches being written
	changed chan struct{}  // closed and replaced when a batch is written
}

// holds reports whether a batch being written holds the claim.
func (c *committer) holds(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writing[id] > 0
}

func newCommitter() *committer {
	return &committer{writing: make(map[string]int), changed: make(chan struct{})}
}

// admit waits until no batch being written holds a claim of b, then counts b as being written.
// It is called in arrival order, from one goroutine. At shutdown (ctx done) it waits no longer:
// the batch waited for may be failing and will not finish.
func (c *committer) admit(ctx context.Context, b decodedBatch) {
	for {
		c.mu.Lock()
		changed := c.changed
		c.mu.Unlock()
		if !c.conflicts(b) || ctx.Err() != nil {
			break
		}
		select { // rare: a claim published again within seconds
		case <-changed:
		case <-ctx.Done():
		}
	}
	c.track(b, 1)
}

// done records that b is written.
func (c *committer) done(b decodedBatch) {
	c.track(b, -1)
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.changed)
	c.changed = make(chan struct{})
}

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

// commit writes a batch in one bleve batch, then acks it. On error nothing is acked: the batch
// is written again later.
func (w *Worker) commit(ctx context.Context, b decodedBatch, writing func(id string) bool) error {
	start := time.Now()
	claims, good := b.claims, b.msgs
	// decode left no claim without id, so ErrInvalidClaim cannot come with claims left unwritten.
	if err := w.ix.Index(ctx, claims); err != nil && !errors.Is(err, indexer.ErrInvalidClaim) {
		return fmt.Errorf("indexer worker: batch of %d claims: %w", len(claims), err)
	}
	if w.written != nil {
		if err := w.written(ctx, claims, writing); err != nil {
			return fmt.Errorf("indexer worker: after writing a batch of %d claims: %w", len(claims), err)
		}
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
	return nil
}

func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, reason string) {
	w.dead.Inc()
	w.logger.Error("indexer: claim moved to dead letters", slog.String("reason", reason))
	if err := bus.DeadLetter(ctx, w.js, "claims", msg, reason); err != nil {
		w.logger.Error("indexer: dead letter failed", slog.Any("error", err))
		_ = msg.NakWithDelay(time.Minute)
	}
}
