// Package worker connects the extractor to JetStream: it pulls articles from the ARTICLES stream
// through the durable "extractor" consumer, extracts their claims and publishes them to CLAIMS.
// An article is acked only after every one of its claims is acked by the server, so a crash
// loses nothing and a redelivery adds nothing (claims carry stable message ids). Waiting for
// those acks does not hold an extraction slot: under load a JetStream round trip costs more
// than extracting an article, so articles wait for their acks side by side. While claims
// cannot be stored, the worker pulls nothing and retries the articles it holds, unacked.
package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
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
	health  bus.Health
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

// Run processes articles with the consumer Consumer created until ctx is done. Then it stops
// pulling, finishes the articles it already holds, and returns. While claims cannot be published
// (the CLAIMS stream refuses them, NATS is out of disk) it stops pulling and retries the
// articles in hand, unacked; it returns an error only when consuming fails for good, the
// consumer deleted included.
func (w *Worker) Run(ctx context.Context) error {
	cons, err := bus.Existing(ctx, w.js, claimwire.StreamArticles, claimwire.ConsumerExtractor)
	if err != nil {
		return err
	}
	extracting := make(chan struct{}, w.cfg.Concurrency)
	err = bus.Consume(ctx, cons, bus.ConsumeConfig{
		Role: "extractor", Buffer: 4 * w.cfg.Concurrency, BatchSize: 1,
		Workers: w.cfg.Concurrency + maxSettling, Health: &w.health, Logger: w.logger,
	}, func(_ context.Context, msgs []jetstream.Msg) bus.Work {
		return func(ctx context.Context) error { return w.handle(ctx, msgs[0], extracting) }
	})
	if err != nil {
		return fmt.Errorf("extractor worker: %w", err)
	}
	return nil
}

// Ready says why the worker is not extracting, nil while it is.
func (w *Worker) Ready() error { return w.health.Err() }

// maxSettling bounds the articles waiting for their claims' acks beside those being extracted.
// It keeps the claims in flight well under the client's limit of pending asynchronous
// publications (4,000) for articles of usual length, and at a JetStream round trip of 20 ms
// still lets 1,500 articles/s through.
const maxSettling = 32

// handle extracts and publishes an article's claims, holding one of the extracting slots
// meanwhile, then waits until the server has stored them all and acks the article. An error
// means the claims could not be stored and the article is left unsettled.
func (w *Worker) handle(ctx context.Context, msg jetstream.Msg, extracting chan struct{}) error {
	extracting <- struct{}{}
	start := time.Now() // the wait for a slot is queueing, not this article's time
	a, futures, err := w.publish(ctx, msg)
	<-extracting
	if err != nil || a == nil {
		return err
	}
	if err := waitAcks(ctx, futures); err != nil {
		return err
	}
	if err := msg.DoubleAck(ctx); err != nil {
		// The claims are stored; a redelivery republishes them under the same ids, which JetStream drops.
		w.logger.Warn("extractor: ack failed", slog.String("url", a.URL), slog.Any("error", err))
		return nil
	}
	w.metrics.articles.WithLabelValues("ok").Inc()
	w.metrics.claims.Add(float64(len(futures)))
	w.metrics.duration.Observe(time.Since(start).Seconds())
	w.logger.Debug("extractor: article done", slog.String("url", a.URL), slog.Int("claims", len(futures)))
	return nil
}

// publish decodes the article and publishes its claims without waiting for the server's acks.
// An article it settles itself (dead letter, retry of a failed extraction) comes back nil.
func (w *Worker) publish(ctx context.Context, msg jetstream.Msg) (*claimwire.Article, []jetstream.PubAckFuture, error) {
	var a claimwire.Article
	if err := json.Unmarshal(msg.Data(), &a); err != nil {
		w.deadLetter(ctx, msg, fmt.Sprintf("malformed article JSON: %v", err))
		return nil, nil, nil
	}
	if a.Version > claimwire.SchemaVersion {
		w.deadLetter(ctx, msg, fmt.Sprintf("article schema version %d is newer than %d", a.Version, claimwire.SchemaVersion))
		return nil, nil, nil
	}
	claims, err := w.extract(&a)
	if err != nil {
		w.retry(ctx, msg, &a, err)
		return nil, nil, nil
	}
	futures := make([]jetstream.PubAckFuture, 0, len(claims))
	for i := range claims {
		data, err := json.Marshal(&claims[i])
		if err != nil {
			w.retry(ctx, msg, &a, fmt.Errorf("extractor: encode claim: %w", err))
			return nil, nil, nil
		}
		f, err := w.js.PublishMsgAsync(&nats.Msg{Subject: claimwire.SubjectClaims, Data: data},
			jetstream.WithMsgID(claims[i].ID))
		if errors.Is(err, nats.ErrMaxPayload) {
			// This article's fault, not the stream's: it must not hold the others up.
			w.retry(ctx, msg, &a, fmt.Errorf("extractor: publish claim: %w", err))
			return nil, nil, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("extractor: publish claim: %w", err)
		}
		futures = append(futures, f)
	}
	return &a, futures, nil
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

// extract finds the claims of the headline and body.
func (w *Worker) extract(a *claimwire.Article) (claims []claimwire.Claim, err error) {
	defer func() {
		// A bug in extraction must cost one article, not the daemon.
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor: panic: %v", r)
		}
	}()
	return claimwire.NewClaims(a, w.ex.ExtractArticle(a)), nil
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
