// Package worker connects the extractor to JetStream: it pulls articles from the ARTICLES stream
// through the durable "extractor" consumer, extracts their claims and publishes them to CLAIMS.
// An article is acked only after every one of its claims is acked by the server, so a crash
// loses nothing and a redelivery adds nothing (claims carry stable message ids). Waiting for
// those acks does not hold an extraction slot: under load a JetStream round trip costs more
// than extracting an article, so articles wait for their acks side by side.
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
	"github.com/claimwire/claimwire/extractor"
)

// Config tunes the worker.
type Config struct {
	// Concurrency is how many articles are extracted at once in this process.
	Concurrency int `yaml:"concurrency"`
	// MaxDeliver is how often an article is tried before it goes to the dead-letter subject.
	MaxDeliver int `yaml:"max_deliver"`
	// AckWait is how long the server waits for an ack before redelivering.
	AckWait time.Duration `yaml:"ack_wait"`
}

// DefaultConfig suits one process on a small machine.
func DefaultConfig() Config {
	return Config{Concurrency: 2, MaxDeliver: 5, AckWait: time.Minute}
}

// Worker extracts claims from articles.
type Worker struct {
	js      jetstream.JetStream
	ex      *extractor.Extractor
	cfg     Config
	logger  *slog.Logger
	metrics metrics
}

type metrics struct {
	articles    *prometheus.CounterVec
	claims      prometheus.Counter
	deadLetters prometheus.Counter
	duration    prometheus.Histogram
}

// New builds a worker; its metrics are registered on reg.
func New(js jetstream.JetStream, ex *extractor.Extractor, cfg Config, reg prometheus.Registerer, logger *slog.Logger) (*Worker, error) {
	if cfg.Concurrency < 1 {
		cfg.Concurrency = 1
	}
	m := metrics{
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "extractor", Name: "articles_total",
			Help: "Articles processed by the extractor, by outcome (ok, retry, dead_letter).",
		}, []string{"outcome"}),
		claims: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "extractor", Name: "claims_total",
			Help: "Claims extracted and published.",
		}),
		deadLetters: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "extractor", Name: "dead_letters_total",
			Help: "Articles moved to the dead-letter subject.",
		}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "claimwire", Subsystem: "extractor", Name: "article_seconds",
			Help:    "Time to extract and publish one article's claims.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 4, 8),
		}),
	}
	for _, c := range []prometheus.Collector{m.articles, m.claims, m.deadLetters, m.duration} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("extractor worker: metrics: %w", err)
		}
	}
	return &Worker{js: js, ex: ex, cfg: cfg, logger: logger, metrics: m}, nil
}

// Consumer creates or updates the durable consumer every extractor process shares.
func (w *Worker) Consumer(ctx context.Context) (jetstream.Consumer, error) {
	return bus.Durable(ctx, w.js, claimwire.StreamArticles, jetstream.ConsumerConfig{
		Durable:       claimwire.ConsumerExtractor,
		Description:   "claimwire extractor workers",
		FilterSubject: claimwire.SubjectArticles,
		AckWait:       w.cfg.AckWait,
		MaxDeliver:    w.cfg.MaxDeliver,
		MaxAckPending: 64 * w.cfg.Concurrency,
	})
}

// Run processes articles until ctx is done. Then it stops pulling, finishes the articles it
// already holds, and returns.
func (w *Worker) Run(ctx context.Context) error {
	cons, err := w.Consumer(ctx)
	if err != nil {
		return err
	}
	it, err := bus.Pull(ctx, cons, 4*w.cfg.Concurrency)
	if err != nil {
		return fmt.Errorf("extractor worker: %w", err)
	}
	var workers sync.WaitGroup
	settling := newSettler(maxSettling)
	for range w.cfg.Concurrency {
		workers.Go(func() {
			for {
				msg, err := it.Next()
				if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
					return
				}
				if err != nil {
					w.logger.Warn("extractor: next article", slog.Any("error", err))
					continue
				}
				// Work already handed to us is finished even when shutdown starts.
				w.handle(context.WithoutCancel(ctx), msg, settling)
			}
		})
	}
	workers.Wait()
	settling.wait()
	return nil
}

// maxSettling bounds the articles waiting for their claims' acks. It keeps the claims in flight
// well under the client's limit of pending asynchronous publications (4,000) for articles of
// usual length, and at a JetStream round trip of 20 ms still lets 1,500 articles/s through.
const maxSettling = 32

// settler runs the waits for acks, at most cap(slots) at once; run blocks when all are taken,
// which holds extraction back instead of piling up publications.
type settler struct {
	wg    sync.WaitGroup
	slots chan struct{}
}

func newSettler(n int) *settler { return &settler{slots: make(chan struct{}, n)} }

func (s *settler) run(f func()) {
	s.slots <- struct{}{}
	s.wg.Go(func() {
		defer func() { <-s.slots }()
		f()
	})
}

func (s *settler) wait() { s.wg.Wait() }

// handle extracts and publishes an article's claims, then leaves waiting for their acks and
// acking the article to settling.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg, settling *settler) {
	start := time.Now()
	var a claimwire.Article
	if err := json.Unmarshal(msg.Data(), &a); err != nil {
		w.deadLetter(ctx, msg, fmt.Sprintf("malformed article JSON: %v", err))
		return
	}
	if a.Version > claimwire.SchemaVersion {
		w.deadLetter(ctx, msg, fmt.Sprintf("article schema version %d is newer than %d", a.Version, claimwire.SchemaVersion))
		return
	}
	futures, err := w.publish(&a)
	if err != nil {
		w.retry(ctx, msg, &a, err)
		return
	}
	settling.run(func() { w.settle(ctx, msg, &a, futures, start) })
}

// settle waits until the server has stored every claim of the article, then acks it.
func (w *Worker) settle(ctx context.Context, msg jetstream.Msg, a *claimwire.Article, futures []jetstream.PubAckFuture, start time.Time) {
	if err := waitAcks(ctx, futures); err != nil {
		w.retry(ctx, msg, a, err)
		return
	}
	if err := msg.DoubleAck(ctx); err != nil {
		// The claims are stored; a redelivery republishes them under the same ids, which JetStream drops.
		w.logger.Warn("extractor: ack failed", slog.String("url", a.URL), slog.Any("error", err))
		return
	}
	w.metrics.articles.WithLabelValues("ok").Inc()
	w.metrics.claims.Add(float64(len(futures)))
	w.metrics.duration.Observe(time.Since(start).Seconds())
	w.logger.Debug("extractor: article done", slog.String("url", a.URL), slog.Int("claims", len(futures)))
}

// retry hands the article back for a later delivery, or dead-letters it after MaxDeliver tries.
func (w *Worker) retry(ctx context.Context, msg jetstream.Msg, a *claimwire.Article, err error) {
	if bus.Delivered(msg) >= uint64(w.cfg.MaxDeliver) {
		w.deadLetter(ctx, msg, err.Error())
		return
	}
	w.metrics.articles.WithLabelValues("retry").Inc()
	w.logger.Warn("extractor: article failed, will retry", slog.String("url", a.URL), slog.Any("error", err))
	_ = msg.NakWithDelay(bus.Backoff(bus.Delivered(msg)))
}

// publish extracts the claims of the headline and body and publishes them without waiting for
// the server's acks.
func (w *Worker) publish(a *claimwire.Article) (futures []jetstream.PubAckFuture, err error) {
	defer func() {
		// A bug in extraction must cost one article, not the daemon.
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor: panic: %v", r)
		}
	}()
	text := a.Text
	if a.Title != "" {
		text = a.Title + "\n\n" + a.Text
	}
	claims := claimwire.NewClaims(a, w.ex.Extract(text, a.Lang))
	futures = make([]jetstream.PubAckFuture, 0, len(claims))
	for i := range claims {
		data, err := json.Marshal(&claims[i])
		if err != nil {
			return nil, fmt.Errorf("extractor: encode claim: %w", err)
		}
		f, err := w.js.PublishMsgAsync(&nats.Msg{Subject: claimwire.SubjectClaims, Data: data},
			jetstream.WithMsgID(claims[i].ID))
		if err != nil {
			return nil, fmt.Errorf("extractor: publish claim: %w", err)
		}
		futures = append(futures, f)
	}
	return futures, nil
}

// ackTimeout bounds the wait for the server to store an article's claims.
const ackTimeout = 30 * time.Second

func waitAcks(ctx context.Context, futures []jetstream.PubAckFuture) error {
	timeout := time.NewTimer(ackTimeout)
	defer timeout.Stop()
	for _, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return fmt.Errorf("extractor: claim not stored: %w", err)
		case <-timeout.C:
			return fmt.Errorf("extractor: claims not acknowledged within %s", ackTimeout)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, reason string) {
	w.metrics.articles.WithLabelValues("dead_letter").Inc()
	w.metrics.deadLetters.Inc()
	w.logger.Error("extractor: article moved to dead letters", slog.String("reason", reason))
	if err := bus.DeadLetter(ctx, w.js, "articles", msg, reason); err != nil {
		w.logger.Error("extractor: dead letter failed", slog.Any("error", err))
		_ = msg.NakWithDelay(time.Minute)
	}
}
