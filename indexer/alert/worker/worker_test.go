package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/alert"
	"github.com/claimwire/claimwire/indexer/indexertest"
)

const secret = "0123456789abcdef-secret"

func testConfig() Config {
	cfg := DefaultConfig()
	cfg.RetryBase, cfg.RetryMax, cfg.Timeout = 20*time.Millisecond, 100*time.Millisecond, 5*time.Second
	cfg.AllowPrivateWebhooks = true
	return cfg
}

// process is one indexer process's view of a shared JetStream: its own connection.
type process struct {
	nc    *nats.Conn
	js    jetstream.JetStream
	store *Store
}

func connect(t *testing.T, b *bus.Bus) process {
	t.Helper()
	nc, err := nats.Connect(b.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	store, err := Open(t.Context(), js, testConfig(), 1)
	if err != nil {
		t.Fatal(err)
	}
	return process{nc: nc, js: js, store: store}
}

func claimEvent(search, claim string) alert.Event {
	return alert.Event{Version: alert.EventVersion, ID: search + ".claim." + claim, Kind: alert.KindClaim,
		Search: alert.SearchRef{ID: search, Name: search}, Time: time.Unix(1_750_000_000, 0).UTC(),
		Claim: &indexer.Hit{Claim: claimwire.Claim{ID: claim, Quantity: claimwire.Quantity{Surface: "76 proposals"}}}}
}

func TestStoreSavedSearches(t *testing.T) {
	p := connect(t, bustest.Open(t))
	ctx := t.Context()
	if all, err := p.store.List(ctx); err != nil || len(all) != 0 {
		t.Fatalf("list of none: %v %v", all, err)
	}
	s := alert.Search{ID: "giga", Name: "Giga", Q: "gigafactory", Webhook: &alert.Webhook{URL: "https://x.example/", Secret: secret}}
	if err := p.store.Create(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := p.store.Create(ctx, s); !errors.Is(err, alert.ErrExists) {
		t.Fatalf("second create: %v, want ErrExists", err)
	}
	got, ok, err := p.store.Get(ctx, "giga")
	if err != nil || !ok || got.Q != "gigafactory" || got.Webhook.Secret != secret {
		t.Fatalf("get: %+v %v %v", got, ok, err)
	}
	if err := p.store.Create(ctx, alert.Search{ID: "other", Name: "Other"}); err != nil {
		t.Fatal(err)
	}
	all, err := p.store.List(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("list: %+v %v", all, err)
	}
	if _, err := p.store.Record(ctx, []alert.Event{claimEvent("giga", "c1"), claimEvent("other", "c1")}); err != nil {
		t.Fatal(err)
	}
	if ok, err := p.store.Delete(ctx, "giga"); !ok || err != nil {
		t.Fatalf("delete: %v %v", ok, err)
	}
	if _, ok, err := p.store.Get(ctx, "giga"); ok || err != nil {
		t.Fatalf("deleted search still there: %v %v", ok, err)
	}
	if ok, err := p.store.Delete(ctx, "giga"); ok || err != nil {
		t.Fatalf("second delete: %v %v", ok, err)
	}
	defer func() { // the id is free again
		if err := p.store.Create(ctx, s); err != nil {
			t.Errorf("create after delete: %v", err)
		}
	}()
	// Its events went with it; the other search's stayed.
	if ev, err := p.store.Events(ctx, "giga", 10); err != nil || len(ev) != 0 {
		t.Fatalf("events of a deleted search: %v %v", ev, err)
	}
	if ev, err := p.store.Events(ctx, "other", 10); err != nil || len(ev) != 1 {
		t.Fatalf("events of the other search: %v %v", ev, err)
	}
	if _, ok, err := p.store.Get(ctx, "no.such>key"); ok || err != nil {
		t.Fatalf("get of an invalid key: %v %v", ok, err)
	}
}

func TestEventsNewestFirst(t *testing.T) {
	p := connect(t, bustest.Open(t))
	var events []alert.Event
	for i := range 7 {
		events = append(events, claimEvent("s", fmt.Sprintf("c%d", i)))
	}
	if _, err := p.store.Record(t.Context(), events); err != nil {
		t.Fatal(err)
	}
	got, err := p.store.Events(t.Context(), "s", 3)
	if err != nil {
		t.Fatal(err)
	}
	var claims []string
	for _, e := range got {
		claims = append(claims, e.Claim.ID)
	}
	if !slices.Equal(claims, []string{"c6", "c5", "c4"}) {
		t.Fatalf("events %v, want the 3 newest, newest first", claims)
	}
}

// Two processes recording the same events at once, and again later (a restart, a
// redelivery), record each once.
func TestRecordOnceAcrossProcesses(t *testing.T) {
	b := bustest.Open(t)
	a, c := connect(t, b), connect(t, b)
	var events []alert.Event
	for i := range 50 {
		events = append(events, claimEvent("s", fmt.Sprintf("c%02d", i)))
	}
	var wg sync.WaitGroup
	recorded := make([][]alert.Event, 2)
	for i, p := range []process{a, c} {
		wg.Go(func() {
			var err error
			if recorded[i], err = p.store.Record(t.Context(), events); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := len(recorded[0]) + len(recorded[1]); n != len(events) {
		t.Fatalf("recorded %d + %d events of %d", len(recorded[0]), len(recorded[1]), len(events))
	}
	again, err := connect(t, b).store.Record(t.Context(), events)
	if err != nil || len(again) != 0 {
		t.Fatalf("recorded again: %d, %v", len(again), err)
	}
	if n := bustest.StreamMsgs(t, b.JS, claimwire.StreamAlerts); n != uint64(len(events)) {
		t.Fatalf("stream holds %d events, want %d", n, len(events))
	}
}

// hook is a loopback webhook that answers the first failures POSTs with 500, and records
// every POST.
type hook struct {
	mu       sync.Mutex
	failures int
	posts    []post
}

type post struct {
	event, attempt string
	verified       error
	status         int
}

func newHook(t *testing.T, failures int) (*hook, *httptest.Server) {
	h := &hook{failures: failures}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		p := post{event: r.Header.Get(alert.HeaderEvent), attempt: r.Header.Get(alert.HeaderAttempt),
			verified: alert.Verify(secret, r.Header.Get(alert.HeaderTimestamp), r.Header.Get(alert.HeaderSignature), body, time.Now(), time.Minute),
			status:   http.StatusOK}
		var e alert.Event
		if err := json.Unmarshal(body, &e); err != nil || e.ID != p.event {
			p.verified = fmt.Errorf("body %s is not event %s: %v", body, p.event, err)
		}
		h.mu.Lock()
		if h.failures > 0 {
			h.failures--
			p.status = http.StatusInternalServerError
		}
		h.posts = append(h.posts, p)
		h.mu.Unlock()
		w.WriteHeader(p.status)
	}))
	t.Cleanup(srv.Close)
	return h, srv
}

func (h *hook) all() []post {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.posts)
}

// delivered returns the events POSTed successfully, and fails the test on a bad signature.
func (h *hook) delivered(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, p := range h.all() {
		if p.verified != nil {
			t.Errorf("POST of %s: %v", p.event, p.verified)
		}
		if p.status == http.StatusOK {
			out = append(out, p.event)
		}
	}
	slices.Sort(out)
	return out
}

func startDeliverer(t *testing.T, p process, cfg Config) {
	t.Helper()
	d, err := NewDeliverer(p.js, p.nc, p.store, cfg, http.DefaultClient, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

// waitFor polls cond for up to 30 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func waitIdle(t *testing.T, js jetstream.JetStream, consumer string) {
	t.Helper()
	cons, err := js.Consumer(t.Context(), claimwire.StreamAlerts, consumer)
	if err != nil {
		t.Fatal(err)
	}
	bustest.WaitIdle(t, cons)
}

func TestWebhookRetriedUntilDelivered(t *testing.T) {
	b := bustest.Open(t)
	p := connect(t, b)
	h, srv := newHook(t, 2)
	if err := p.store.Create(t.Context(), alert.Search{ID: "s", Name: "s", Webhook: &alert.Webhook{URL: srv.URL, Secret: secret}}); err != nil {
		t.Fatal(err)
	}
	startDeliverer(t, p, testConfig())
	if _, err := p.store.Record(t.Context(), []alert.Event{claimEvent("s", "c1")}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a delivery", func() bool { return len(h.delivered(t)) == 1 })
	waitIdle(t, p.js, claimwire.ConsumerAlertWebhook)
	time.Sleep(300 * time.Millisecond) // longer than any retry delay: nothing more comes
	posts := h.all()
	var attempts []string
	for _, p := range posts {
		attempts = append(attempts, p.attempt)
	}
	if got := h.delivered(t); !slices.Equal(got, []string{"s.claim.c1"}) || !slices.Equal(attempts, []string{"1", "2", "3"}) {
		t.Fatalf("delivered %v after attempts %v, want s.claim.c1 once, at the third", got, attempts)
	}
}

func TestWebhookGivesUpToDeadLetters(t *testing.T) {
	b := bustest.Open(t)
	p := connect(t, b)
	h, srv := newHook(t, 1000)
	if err := p.store.Create(t.Context(), alert.Search{ID: "s", Name: "s", Webhook: &alert.Webhook{URL: srv.URL, Secret: secret}}); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.MaxAttempts = 3
	startDeliverer(t, p, cfg)
	if _, err := p.store.Record(t.Context(), []alert.Event{claimEvent("s", "c1")}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a dead letter", func() bool { return bustest.StreamMsgs(t, b.JS, claimwire.StreamDeadLetter) == 1 })
	waitIdle(t, p.js, claimwire.ConsumerAlertWebhook)
	if n := len(h.all()); n != 3 {
		t.Fatalf("%d POSTs, want 3", n)
	}
	dl, err := b.DeadLetters(t.Context(), 10)
	if err != nil || len(dl) != 1 || dl[0].Subject != claimwire.SubjectDeadLetter+".alerts" || dl[0].OrigSubject != claimwire.SubjectAlerts+".s.claim.c1" {
		t.Fatalf("dead letters %+v %v", dl, err)
	}
}

func TestPublishOnSubject(t *testing.T) {
	b := bustest.Open(t)
	p := connect(t, b)
	sub, err := b.Conn.SubscribeSync("newsroom.alerts.giga")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Conn.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := p.store.Create(t.Context(), alert.Search{ID: "s", Name: "s", Subject: "newsroom.alerts.giga"}); err != nil {
		t.Fatal(err)
	}
	startDeliverer(t, p, testConfig())
	ev := claimEvent("s", "c1")
	if _, err := p.store.Record(t.Context(), []alert.Event{ev}); err != nil {
		t.Fatal(err)
	}
	msg, err := sub.NextMsg(30 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var got alert.Event
	if err := json.Unmarshal(msg.Data, &got); err != nil || got.ID != ev.ID || got.Claim.ID != "c1" {
		t.Fatalf("published %s: %v", msg.Data, err)
	}
	if msg.Header.Get(jetstream.MsgIDHeader) != ev.ID || msg.Header.Get(alert.HeaderEvent) != ev.ID {
		t.Fatalf("headers %v", msg.Header)
	}
	waitIdle(t, p.js, claimwire.ConsumerAlertSubject)
	if extra, err := sub.NextMsg(200 * time.Millisecond); err == nil {
		t.Fatalf("published twice: %s", extra.Data)
	}
}

// Two processes delivering from one JetStream POST each event once between them.
func TestTwoDeliverersPostEachEventOnce(t *testing.T) {
	b := bustest.Open(t)
	a, c := connect(t, b), connect(t, b)
	h, srv := newHook(t, 3)
	if err := a.store.Create(t.Context(), alert.Search{ID: "s", Name: "s", Webhook: &alert.Webhook{URL: srv.URL, Secret: secret}}); err != nil {
		t.Fatal(err)
	}
	startDeliverer(t, a, testConfig())
	startDeliverer(t, c, testConfig())
	var events []alert.Event
	var want []string
	for i := range 20 {
		events = append(events, claimEvent("s", "c"+strconv.Itoa(i)))
		want = append(want, events[i].ID)
	}
	slices.Sort(want)
	for _, p := range []process{a, c} { // both record: the events go out once anyway
		if _, err := p.store.Record(t.Context(), events); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "20 deliveries", func() bool { return len(h.delivered(t)) >= 20 })
	waitIdle(t, a.js, claimwire.ConsumerAlertWebhook)
	time.Sleep(300 * time.Millisecond)
	if got := h.delivered(t); !slices.Equal(got, want) {
		t.Fatalf("delivered %v, want each of %v once", got, want)
	}
}

// Two indexer processes, each with its own index and connection, write and match the same
// batch (as read replicas do): the new claim and the new conflict are recorded, and POSTed,
// once.
func TestTwoIndexersFireOnce(t *testing.T) {
	b := bustest.Open(t)
	h, srv := newHook(t, 0)
	facts := indexertest.Claims(t, "../../testdata/facts.json")
	var alerters []*Alerter
	var indexes []*indexer.Index
	for range 2 {
		p := connect(t, b)
		ix, err := indexer.Open(t.TempDir(), indexer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ix.Close() })
		if err := ix.Index(t.Context(), indexertest.Claims(t, "../../testdata/claims.json")); err != nil {
			t.Fatal(err)
		}
		for _, c := range facts[:3] {
			if err := ix.Index(t.Context(), []claimwire.Claim{c}); err != nil {
				t.Fatal(err)
			}
		}
		a, err := NewAlerter(p.store, ix, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		alerters, indexes = append(alerters, a), append(indexes, ix)
		startDeliverer(t, p, testConfig())
	}
	if err := alerters[0].store.Create(t.Context(), alert.Search{ID: "call", Name: "The call", Fact: "m01",
		Webhook: &alert.Webhook{URL: srv.URL, Secret: secret}}); err != nil {
		t.Fatal(err)
	}
	batch := facts[3:4]
	var wg sync.WaitGroup
	for i := range alerters {
		wg.Go(func() {
			if err := indexes[i].Index(t.Context(), batch); err != nil {
				t.Error(err)
			}
			if err := alerters[i].Written(t.Context(), batch, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	want := []string{"call.claim.m04", "call.conflict.m01"}
	waitFor(t, "2 deliveries", func() bool { return len(h.delivered(t)) >= 2 })
	waitIdle(t, b.JS, claimwire.ConsumerAlertWebhook)
	time.Sleep(300 * time.Millisecond)
	if got := h.delivered(t); !slices.Equal(got, want) {
		t.Fatalf("delivered %v, want %v once each", got, want)
	}
	if n := bustest.StreamMsgs(t, b.JS, claimwire.StreamAlerts); n != 2 {
		t.Fatalf("%d events recorded, want 2", n)
	}
}

// BenchmarkList is what every indexed batch costs in reading the saved searches: 50 of them.
func BenchmarkList(b *testing.B) {
	bs := bustest.Open(b)
	store, err := Open(b.Context(), bs.JS, testConfig(), 1)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 50 {
		if err := store.Create(b.Context(), alert.Search{ID: fmt.Sprint("s", i), Name: "s", Q: "chips"}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if all, err := store.List(b.Context()); err != nil || len(all) != 50 {
			b.Fatalf("%d searches, %v", len(all), err)
		}
	}
}
