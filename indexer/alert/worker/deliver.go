package worker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/indexer/alert"
)

// Delivery targets, as consumers and metric labels.
const (
	targetWebhook = "webhook"
	targetSubject = "subject"
)

// parallelPosts is how many events a process POSTs at once.
const parallelPosts = 4

// Deliverer sends recorded events on: every process of the indexer role runs one, and they
// share one durable consumer per target, so each event is handled by one of them at a time.
type Deliverer struct {
	js         jetstream.JetStream
	nc         *nats.Conn
	store      *Store
	cfg        Config
	client     *http.Client
	logger     *slog.Logger
	deliveries *prometheus.CounterVec
	health     [2]bus.Health // of the webhook and subject consumers
}

// NewDeliverer POSTs webhooks with client (whose transport decides which addresses it may
// reach) and publishes with nc; its metrics are registered on reg.
func NewDeliverer(js jetstream.JetStream, nc *nats.Conn, store *Store, cfg Config, client *http.Client,
	reg prometheus.Registerer, logger *slog.Logger) (*Deliverer, error) {
	d := &Deliverer{js: js, nc: nc, store: store, cfg: cfg, client: client, logger: logger,
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "alerts", Name: "deliveries_total",
			Help: "Alert deliveries by target (webhook, subject) and result (delivered, retry, dead_letter, none).",
		}, []string{"target", "result"}),
	}
	if err := reg.Register(d.deliveries); err != nil {
		return nil, fmt.Errorf("alert worker: metrics: %w", err)
	}
	return d, nil
}

// Consumers creates or updates the durable consumers of both targets.
func (d *Deliverer) Consumers(ctx context.Context) (webhook, subject jetstream.Consumer, err error) {
	mk := func(name, what string) (jetstream.Consumer, error) {
		return bus.Durable(ctx, d.js, claimwire.StreamAlerts, jetstream.ConsumerConfig{
			Durable:       name,
			Description:   "claimwire alerts to " + what,
			FilterSubject: claimwire.SubjectAlerts + ".>",
			// A POST is given up after Timeout; the margin covers the rest of the work.
			AckWait: d.cfg.Timeout + 30*time.Second,
			// Retries are counted and bounded here (MaxAttempts), not by the server.
			MaxDeliver:    -1,
			MaxAckPending: 4 * parallelPosts,
		})
	}
	if webhook, err = mk(claimwire.ConsumerAlertWebhook, "webhooks"); err != nil {
		return nil, nil, err
	}
	if subject, err = mk(claimwire.ConsumerAlertSubject, "NATS subjects"); err != nil {
		return nil, nil, err
	}
	return webhook, subject, nil
}

// Run delivers until ctx is done, then finishes the deliveries in hand. It returns an error
// when consuming fails for good.
func (d *Deliverer) Run(ctx context.Context) error {
	webhook, subject, err := d.Consumers(ctx)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range []struct {
		target string
		cons   jetstream.Consumer
		send   func(context.Context, *alert.Search, jetstream.Msg) (bool, error)
	}{{targetWebhook, webhook, d.post}, {targetSubject, subject, d.publish}} {
		wg.Go(func() {
			errs[i] = bus.Consume(ctx, c.cons, bus.ConsumeConfig{
				Role: "alerts " + c.target, Buffer: 2 * parallelPosts, Workers: parallelPosts,
				Health: &d.health[i], Logger: d.logger,
			}, func(_ context.Context, msgs []jetstream.Msg) bus.Work {
				return func(ctx context.Context) error { return d.deliver(ctx, c.target, msgs[0], c.send) }
			})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("alert worker: %w", err)
		}
	}
	return nil
}

// Ready says why alerts are not being delivered, nil while they are.
func (d *Deliverer) Ready() error { return errors.Join(d.health[0].Err(), d.health[1].Err()) }

// deliver sends one event to one target and settles it: acked once sent, or when its search
// has no such target (or is gone); otherwise sent again after a backoff, up to MaxAttempts,
// then moved to the dead letters. An error (the saved searches cannot be read) leaves it
// unsettled, for bus.Consume to retry.
func (d *Deliverer) deliver(ctx context.Context, target string, msg jetstream.Msg,
	send func(context.Context, *alert.Search, jetstream.Msg) (bool, error)) error {
	var e alert.Event
	if err := json.Unmarshal(msg.Data(), &e); err != nil {
		d.deadLetter(ctx, target, msg, fmt.Sprintf("malformed alert event: %v", err))
		return nil
	}
	search, ok, err := d.store.Get(ctx, e.Search.ID)
	if err != nil {
		return err
	}
	sent := false
	if ok {
		sent, err = send(ctx, &search, msg)
	}
	attempt := int(bus.Delivered(msg))
	log := d.logger.With(slog.String("target", target), slog.String("event", e.ID), slog.Int("attempt", attempt))
	switch {
	case err == nil:
		if aerr := msg.DoubleAck(ctx); aerr != nil {
			log.Warn("alerts: ack failed: the event may be sent again", slog.Any("error", aerr))
		}
		if sent {
			d.deliveries.WithLabelValues(target, "delivered").Inc()
			log.Info("alerts: delivered")
		} else {
			d.deliveries.WithLabelValues(target, "none").Inc()
		}
	case attempt >= d.cfg.MaxAttempts:
		d.deadLetter(ctx, target, msg, fmt.Sprintf("%s: gave up after %d attempts: %v", target, attempt, err))
	default:
		delay := alert.RetryDelay(attempt+1, d.cfg.RetryBase, d.cfg.RetryMax, rand.Float64())
		d.deliveries.WithLabelValues(target, "retry").Inc()
		log.Warn("alerts: delivery failed, retrying", slog.Duration("retry_in", delay), slog.Any("error", err))
		if nerr := msg.NakWithDelay(delay); nerr != nil {
			log.Warn("alerts: nak failed: retried after the ack wait", slog.Any("error", nerr))
		}
	}
	return nil
}

func (d *Deliverer) deadLetter(ctx context.Context, target string, msg jetstream.Msg, reason string) {
	d.deliveries.WithLabelValues(target, "dead_letter").Inc()
	d.logger.Error("alerts: event moved to dead letters", slog.String("subject", msg.Subject()), slog.String("reason", reason))
	if err := bus.DeadLetter(ctx, d.js, "alerts", msg, reason); err != nil {
		d.logger.Error("alerts: dead letter failed", slog.Any("error", err))
		_ = msg.NakWithDelay(time.Minute)
	}
}

// post POSTs the event to the search's webhook, signed; false without a webhook.
func (d *Deliverer) post(ctx context.Context, s *alert.Search, msg jetstream.Msg) (bool, error) {
	if s.Webhook == nil {
		return false, nil
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	body := msg.Data()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.Webhook.URL, bytes.NewReader(body))
	if err != nil {
		return true, fmt.Errorf("alert worker: webhook request: %w", err)
	}
	now := time.Now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "claimwire-alerts/1")
	req.Header.Set(alert.HeaderEvent, eventID(msg))
	req.Header.Set(alert.HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(alert.HeaderSignature, alert.Sign(s.Webhook.Secret, now, body))
	req.Header.Set(alert.HeaderAttempt, strconv.FormatUint(bus.Delivered(msg), 10))
	resp, err := d.client.Do(req)
	if err != nil {
		return true, fmt.Errorf("alert worker: webhook: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return true, fmt.Errorf("alert worker: webhook answered %s", resp.Status)
	}
	return true, nil
}

// publish publishes the event on the search's subject, with its id as Nats-Msg-Id so that a
// stream capturing the subject drops a repeat; false without a subject.
func (d *Deliverer) publish(ctx context.Context, s *alert.Search, msg jetstream.Msg) (bool, error) {
	if s.Subject == "" {
		return false, nil
	}
	m := nats.NewMsg(s.Subject)
	m.Data = msg.Data()
	m.Header.Set(jetstream.MsgIDHeader, eventID(msg))
	m.Header.Set(alert.HeaderEvent, eventID(msg))
	if err := d.nc.PublishMsg(m); err != nil {
		return true, fmt.Errorf("alert worker: publish on %s: %w", s.Subject, err)
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout) // Flush wants a deadline
	defer cancel()
	if err := d.nc.FlushWithContext(ctx); err != nil {
		return true, fmt.Errorf("alert worker: publish on %s: %w", s.Subject, err)
	}
	return true, nil
}

// eventID is the event's id: its subject's tail.
func eventID(msg jetstream.Msg) string {
	return msg.Subject()[len(claimwire.SubjectAlerts)+1:]
}
