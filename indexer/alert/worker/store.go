// Package worker keeps alerts in JetStream, shared by every indexer process: saved searches in
// the ALERT_SEARCHES key-value bucket, each alert recorded once in the ALERTS stream (one
// message per saved search and claim or fact, published only if its subject holds none), and
// the durable consumers that POST them to webhooks and publish them on NATS subjects.
package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/indexer/alert"
)

// Config shapes alert storage and delivery.
type Config struct {
	// MaxAttempts is how many times an event is POSTed before it goes to the dead letters.
	MaxAttempts int `yaml:"max_attempts"`
	// RetryBase is the wait after the first failed POST, doubled after each, up to RetryMax,
	// half of it random.
	RetryBase time.Duration `yaml:"retry_base"`
	RetryMax  time.Duration `yaml:"retry_max"`
	// Timeout bounds one POST.
	Timeout time.Duration `yaml:"webhook_timeout"`
	// MaxAge is how long events are kept, so long as a claim or conflict cannot alert again.
	MaxAge time.Duration `yaml:"max_age"`
	// AllowPrivateWebhooks lets webhooks reach loopback and private addresses.
	AllowPrivateWebhooks bool `yaml:"allow_private_webhooks"`
}

// DefaultConfig retries a failing webhook (12 POSTs over 50 min to 1.7 h, the waits 5 s
// doubling up to 30 min, half of each random), and remembers events for a year.
func DefaultConfig() Config {
	return Config{MaxAttempts: 12, RetryBase: 5 * time.Second, RetryMax: 30 * time.Minute,
		Timeout: 10 * time.Second, MaxAge: 365 * 24 * time.Hour}
}

// Feed bounds: a feed lists the newest events of its last feedWindow.
const (
	FeedSize   = 100
	feedWindow = 30 * 24 * time.Hour
)

// Store holds saved searches and records events.
type Store struct {
	js     jetstream.JetStream
	kv     jetstream.KeyValue
	stream jetstream.Stream
}

// Open creates or updates the bucket and the stream, with replicas copies of each.
func Open(ctx context.Context, js jetstream.JetStream, cfg Config, replicas int) (*Store, error) {
	replicas = max(replicas, 1)
	// An indexer may start while a cluster elects its leader: each request waits that out.
	kv, err := bus.CreateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket:      claimwire.BucketAlertSearches,
		Description: "claimwire saved searches, by id",
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("alert worker: bucket %s: %w", claimwire.BucketAlertSearches, err)
	}
	stream, err := bus.CreateStream(ctx, js, jetstream.StreamConfig{
		Name:        claimwire.StreamAlerts,
		Description: "claimwire alerts: one message per saved search and new claim or conflict",
		Subjects:    []string{claimwire.SubjectAlerts + ".>"},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		MaxAge:      cfg.MaxAge,
		Replicas:    replicas,
		Discard:     jetstream.DiscardOld,
	})
	if err != nil {
		return nil, fmt.Errorf("alert worker: stream %s: %w", claimwire.StreamAlerts, err)
	}
	return &Store{js: js, kv: kv, stream: stream}, nil
}

// Create stores a new saved search; alert.ErrExists when its id is taken.
func (s *Store) Create(ctx context.Context, search alert.Search) error {
	data, err := json.Marshal(search)
	if err != nil {
		return fmt.Errorf("alert worker: encode %s: %w", search.ID, err)
	}
	if _, err := s.kv.Create(ctx, search.ID, data); err != nil {
		if errors.Is(err, jetstream.ErrKeyExists) {
			return fmt.Errorf("alert worker: create %s: %w", search.ID, alert.ErrExists)
		}
		return fmt.Errorf("alert worker: create %s: %w", search.ID, err)
	}
	return nil
}

// Get returns the saved search id; false when there is none.
func (s *Store) Get(ctx context.Context, id string) (alert.Search, bool, error) {
	var search alert.Search
	e, err := s.kv.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrInvalidKey) {
		return search, false, nil
	}
	if err != nil {
		return search, false, fmt.Errorf("alert worker: get %s: %w", id, err)
	}
	if err := json.Unmarshal(e.Value(), &search); err != nil {
		return search, false, fmt.Errorf("alert worker: saved search %s: %w", id, err)
	}
	return search, true, nil
}

// List returns every saved search, in no particular order.
func (s *Store) List(ctx context.Context) ([]alert.Search, error) {
	// A watcher delivers every current value, then nil: one pass over the bucket, where the
	// keys and a Get for each would cost a round trip per search, for every batch indexed.
	w, err := s.kv.WatchAll(ctx, jetstream.IgnoreDeletes())
	if err != nil {
		return nil, fmt.Errorf("alert worker: list: %w", err)
	}
	defer func() { _ = w.Stop() }()
	var out []alert.Search
	for {
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("alert worker: list: %w", ctx.Err())
		case e := <-w.Updates():
			if e == nil {
				return out, nil
			}
			var search alert.Search
			if err := json.Unmarshal(e.Value(), &search); err != nil {
				return nil, fmt.Errorf("alert worker: saved search %s: %w", e.Key(), err)
			}
			out = append(out, search)
		}
	}
}

// Delete removes the saved search id and its events; false when there was none.
func (s *Store) Delete(ctx context.Context, id string) (bool, error) {
	if _, ok, err := s.Get(ctx, id); err != nil || !ok {
		return false, err
	}
	if err := s.kv.Purge(ctx, id); err != nil {
		return false, fmt.Errorf("alert worker: delete %s: %w", id, err)
	}
	if err := s.stream.Purge(ctx, jetstream.WithPurgeSubject(subject(id)+".>")); err != nil {
		return true, fmt.Errorf("alert worker: delete the events of %s: %w", id, err)
	}
	return true, nil
}

func subject(key string) string { return claimwire.SubjectAlerts + "." + key }

// Record records each event once: an event already recorded, by this process or another, now
// or before a restart, is left as it is. It returns the events recorded now.
func (s *Store) Record(ctx context.Context, events []alert.Event) ([]alert.Event, error) {
	var recorded []alert.Event
	for i := range events {
		data, err := json.Marshal(&events[i])
		if err != nil {
			return recorded, fmt.Errorf("alert worker: encode event %s: %w", events[i].ID, err)
		}
		// Expecting the subject's last sequence to be 0 publishes only on a subject that holds
		// no message: the stream itself is the record that the event happened.
		_, err = s.js.Publish(ctx, subject(events[i].Key()), data, jetstream.WithExpectLastSequencePerSubject(0))
		if alreadyRecorded(err) {
			continue
		}
		if err != nil {
			return recorded, fmt.Errorf("alert worker: record event %s: %w", events[i].ID, err)
		}
		recorded = append(recorded, events[i])
	}
	return recorded, nil
}

func alreadyRecorded(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && (apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
		apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant)
}

// Events returns the newest events (at most limit) of the saved search id recorded in the last
// 30 days, the newest first.
func (s *Store) Events(ctx context.Context, id string, limit int) ([]alert.Event, error) {
	limit = max(limit, 1)
	start := time.Now().Add(-feedWindow)
	cons, err := s.js.OrderedConsumer(ctx, claimwire.StreamAlerts, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{subject(id) + ".>"},
		DeliverPolicy:  jetstream.DeliverByStartTimePolicy,
		OptStartTime:   &start,
	})
	if err != nil {
		return nil, fmt.Errorf("alert worker: events of %s: %w", id, err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("alert worker: events of %s: %w", id, err)
	}
	events := make([]alert.Event, 0, min(int(info.NumPending), limit))
	for read := uint64(0); read < info.NumPending; {
		batch, err := cons.Fetch(int(min(info.NumPending-read, 256)), jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			return nil, fmt.Errorf("alert worker: events of %s: %w", id, err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			var e alert.Event
			if err := json.Unmarshal(m.Data(), &e); err != nil {
				return nil, fmt.Errorf("alert worker: event %s: %w", m.Subject(), err)
			}
			if len(events) == limit { // keep the newest
				events = append(events[:0], events[1:]...)
			}
			events = append(events, e)
		}
		if err := batch.Error(); err != nil {
			return nil, fmt.Errorf("alert worker: events of %s: %w", id, err)
		}
		if n == 0 {
			break // purged meanwhile
		}
		read += uint64(n)
	}
	slices.Reverse(events)
	return events, nil
}
