package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/crawler"
	"github.com/claimwire/claimwire/internal/loadsite"
)

// TestSharedCrawlTwoProcesses runs two crawlers sharing one crawl through JetStream over four
// hosts: each sitemap is polled once, each page fetched once, no host sees two requests closer
// than the delay, every article is published once, and both crawlers hold partitions.
func TestSharedCrawlTwoProcesses(t *testing.T) {
	const hosts, articles, delay = 4, 80, 40 * time.Millisecond
	b := bustest.Open(t)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := crawler.DefaultConfig()
	cfg.Delay, cfg.RandomDelay = delay, 0
	cfg.Parallelism = 1
	cfg.RequestTimeout = 2 * time.Second
	cfg.RespectRobots = false
	cfg.AllowPrivateAddresses = true
	cfg.FeedInterval = time.Hour
	cfg.Cluster = crawler.ClusterConfig{Enabled: true, Partitions: 8, LeaseTTL: 2 * time.Second, AckWait: 30 * time.Second, Buffer: 8}
	var recs []*loadsite.Recorder
	for _, site := range loadsite.Split(articles, hosts) {
		rec := loadsite.Record(site)
		srv := httptest.NewServer(rec)
		defer srv.Close()
		recs = append(recs, rec)
		cfg.Sources = append(cfg.Sources, crawler.Source{Kind: crawler.KindSitemap, URL: srv.URL + loadsite.SitemapPath})
	}

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	type member struct {
		sh   *Shared
		done chan error
	}
	var members []member
	runCtx, stop := context.WithCancel(ctx)
	for i := range 2 {
		sh, err := OpenShared(ctx, b.JS, cfg, 1, "crawler-"+strconv.Itoa(i), logger)
		if err != nil {
			t.Fatal(err)
		}
		c, err := crawler.New(cfg, sh.Store(), logger)
		if err != nil {
			t.Fatal(err)
		}
		m := member{sh: sh, done: make(chan error, 1)}
		go func() { m.done <- RunShared(runCtx, b.JS, c, sh, logger) }()
		members = append(members, m)
	}
	start := time.Now()
	for bustest.StreamMsgs(t, b.JS, claimwire.StreamArticles) < articles {
		if ctx.Err() != nil {
			t.Fatalf("%d of %d articles published", bustest.StreamMsgs(t, b.JS, claimwire.StreamArticles), articles)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("%d articles over %d hosts in %v", articles, hosts, time.Since(start))
	// On a loaded machine the first crawler may lease every partition, and finish, before the
	// second joins; the partitions are shared out within a few lease periods all the same.
	shareBy := time.Now().Add(5 * cfg.Cluster.LeaseTTL)
	for i, m := range members {
		for len(m.sh.Partitions()) == 0 && time.Now().Before(shareBy) {
			time.Sleep(20 * time.Millisecond)
		}
		if len(m.sh.Partitions()) == 0 {
			t.Errorf("crawler %d holds no partition %v after the crawl: the crawl is not shared", i, 5*cfg.Cluster.LeaseTTL)
		}
	}
	time.Sleep(300 * time.Millisecond) // a duplicate fetch or publication would show up now
	stop()
	for _, m := range members {
		if err := <-m.done; err == nil {
			t.Error("RunShared returned nil, want the context's error")
		}
	}
	if n := bustest.StreamMsgs(t, b.JS, claimwire.StreamArticles); n != articles {
		t.Errorf("%d articles published, want exactly %d", n, articles)
	}
	for h, rec := range recs {
		for path, n := range rec.Hits() {
			if n != 1 {
				t.Errorf("host %d: %s fetched %d times, want once", h, path, n)
			}
		}
		if gap, ok := rec.MinGap(); !ok || gap < delay {
			t.Errorf("host %d: closest requests %v apart, want at least %v", h, gap, delay)
		}
	}
	// claimwire status shows the queue and its partitions' consumers, drained.
	st, err := b.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(st, func(s bus.StreamStatus) bool { return s.Name == claimwire.StreamCrawl })
	if i < 0 || st[i].Messages != 0 || len(st[i].Consumers) == 0 || !strings.HasPrefix(st[i].Consumers[0].Name, "crawl-") {
		t.Errorf("status = %+v, want the CRAWL queue empty with its partition consumers", st)
	}
	// Leaving hands every partition back for the next crawlers.
	lister, err := members[0].sh.leases.ListKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for k := range lister.Keys() {
		left = append(left, k)
	}
	if len(left) != 0 {
		t.Errorf("lease keys left after both crawlers stopped: %v", left)
	}
}

// TestKVStore keeps content hashes, page states and cookies in the bucket, where another
// process's store sees them.
func TestKVStore(t *testing.T) {
	b := bustest.Open(t)
	cfg := crawler.DefaultConfig()
	cfg.Cluster.Enabled = true
	logger := slog.New(slog.DiscardHandler)
	open := func(id string) *KVStore {
		sh, err := OpenShared(t.Context(), b.JS, cfg, 1, id, logger)
		if err != nil {
			t.Fatal(err)
		}
		return sh.Store()
	}
	a, other := open("a"), open("b.host name") // dots and spaces become dashes
	ctx := t.Context()
	url := "https://news.example/2026/01/story?x=1"
	if _, ok, err := other.Get(ctx, url); ok || err != nil {
		t.Fatalf("empty store: found %v, %v", ok, err)
	}
	if err := a.Put(ctx, url, "h1"); err != nil {
		t.Fatal(err)
	}
	if h, ok, err := other.Get(ctx, url); h != "h1" || !ok || err != nil {
		t.Errorf("Get = %q, %v, %v; want h1 from the other store", h, ok, err)
	}
	st := crawler.PageState{ETag: `"v1"`, Settled: time.Unix(1700000000, 0).UTC()}
	if err := a.PutState(ctx, url, st); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := other.State(ctx, url); got != st || !ok || err != nil {
		t.Errorf("State = %+v, %v, %v; want %+v", got, ok, err, st)
	}
	if err := a.Put(ctx, "", "h"); err == nil {
		t.Error("empty URL stored")
	}
	u := mustURL(t, "https://news.example/login")
	a.SetCookies(u, "session=abc")
	if c := other.Cookies(u); c != "session=abc" {
		t.Errorf("cookies = %q from the other store", c)
	}
	if err := a.Visited(42); err != nil {
		t.Fatal(err)
	}
	if v, err := other.IsVisited(42); !v || err != nil {
		t.Errorf("IsVisited(42) = %v, %v", v, err)
	}
	if v, _ := other.IsVisited(43); v {
		t.Error("IsVisited(43) for an id never visited")
	}
}

// TestClaimFetch lets one process at a time fetch a page: a due page is claimed, its claim
// holds the other process off until it ends or the page's state is written, the holder may
// claim it again (a retry), and a page not due is claimed by nobody.
func TestClaimFetch(t *testing.T) {
	b := bustest.Open(t)
	cfg := crawler.DefaultConfig()
	cfg.Cluster.Enabled = true
	sh, err := OpenShared(t.Context(), b.JS, cfg, 1, "a", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	store, ctx := sh.Store(), t.Context()
	unsettled := func(st crawler.PageState) bool { return st.Settled.IsZero() }
	always := func(crawler.PageState) bool { return true }
	soon := time.Now().Add(time.Hour).Truncate(time.Millisecond).UTC()
	steps := []struct {
		name   string
		holder string
		until  time.Time
		due    func(crawler.PageState) bool
		settle bool // write the page's state before the step
		want   crawler.FetchClaim
	}{
		{"a due page is claimed", "a", soon, unsettled, false, crawler.FetchClaim{Fetch: true}},
		{"another holder waits for the claim's end", "b", soon, always, false, crawler.FetchClaim{BusyUntil: soon}},
		{"the holder claims it again", "a", soon, always, false, crawler.FetchClaim{Fetch: true}},
		{"a written state ends the claim", "b", soon, unsettled, true, crawler.FetchClaim{}},
		{"a due page is claimed by the next", "b", time.Now().Add(-time.Second), always, false, crawler.FetchClaim{Fetch: true}},
		{"a claim past its end is taken over", "a", soon, always, false, crawler.FetchClaim{Fetch: true}},
	}
	const page = "https://news.example/2026/01/claimed"
	for _, st := range steps {
		if st.settle {
			if err := store.PutState(ctx, page, crawler.PageState{Settled: time.Now()}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := store.ClaimFetch(ctx, page, st.holder, st.until, st.due)
		if err != nil || got.Fetch != st.want.Fetch || !got.BusyUntil.Equal(st.want.BusyUntil) {
			t.Errorf("%s: ClaimFetch = %+v, %v; want %+v", st.name, got, err, st.want)
		}
	}
	if got, ok, err := store.State(ctx, page); !ok || err != nil || got.Settled.IsZero() {
		t.Errorf("State under a claim = %+v, %v, %v; want the settled state kept", got, ok, err)
	}

	// A claim carries the state it was made over: the fetch sends its validators.
	const validated = "https://news.example/2026/01/validated"
	if err := store.PutState(ctx, validated, crawler.PageState{ETag: `"v1"`}); err != nil {
		t.Fatal(err)
	}
	if got, err := store.ClaimFetch(ctx, validated, "a", soon, always); err != nil || !got.Fetch || got.State.ETag != `"v1"` {
		t.Errorf("claim over a state with validators = %+v, %v; want it fetched with ETag \"v1\"", got, err)
	}

	// An unreadable state is replaced by the claim rather than keeping the page from a fetch.
	const garbled = "https://news.example/2026/01/garbled"
	if _, err := sh.state.Put(ctx, urlKey("state", garbled), []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	if got, err := store.ClaimFetch(ctx, garbled, "a", soon, unsettled); err != nil || !got.Fetch {
		t.Errorf("unreadable state: ClaimFetch = %+v, %v; want the page claimed", got, err)
	}

	// Processes racing for a fresh page: one fetches it, the others wait for its claim.
	const racers = 8
	results := make(chan crawler.FetchClaim, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			c, err := store.ClaimFetch(ctx, page+"/raced", fmt.Sprint("racer-", i), soon, unsettled)
			if err != nil {
				t.Error(err)
			}
			results <- c
		})
	}
	wg.Wait()
	close(results)
	fetches, busy := 0, 0
	for c := range results {
		if c.Fetch {
			fetches++
		} else if c.BusyUntil.Equal(soon) {
			busy++
		}
	}
	if fetches != 1 || busy != racers-1 {
		t.Errorf("%d racers: %d fetch the page and %d wait, want 1 and %d", racers, fetches, busy, racers-1)
	}
}

// TestClaimPollOncePerInterval lets one of two processes win a source's poll, once per interval.
func TestClaimPollOncePerInterval(t *testing.T) {
	b := bustest.Open(t)
	cfg := crawler.DefaultConfig()
	cfg.Cluster.Enabled = true
	var shs []*Shared
	for i := range 2 {
		sh, err := OpenShared(t.Context(), b.JS, cfg, 1, fmt.Sprint("p", i), slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		shs = append(shs, sh)
	}
	src := crawler.Source{Kind: crawler.KindFeed, URL: "https://news.example/feed"}
	const interval = 300 * time.Millisecond
	wins := 0
	for range 3 {
		for _, sh := range shs {
			won, err := sh.ClaimPoll(t.Context(), src, interval)
			if err != nil {
				t.Fatal(err)
			}
			if won {
				wins++
			}
		}
	}
	if wins != 1 {
		t.Errorf("%d polls won in one interval, want 1", wins)
	}
	time.Sleep(interval)
	if won, err := shs[1].ClaimPoll(t.Context(), src, interval); !won || err != nil {
		t.Errorf("after the interval: won %v, %v; want the next poll", won, err)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// ackFailingMsg is a task message whose first acks fail, as while NATS elects a leader.
type ackFailingMsg struct {
	jetstream.Msg
	fails, acks int
}

func (m *ackFailingMsg) DoubleAck(context.Context) error {
	if m.fails > 0 {
		m.fails--
		return errors.New("nats: no responders available for request")
	}
	m.acks++
	return nil
}

// TestDeliveryAckTriedAgain leaves a delivery whose ack failed unsettled, so that the crawler's
// next try reaches the server instead of the task being delivered again; it stops counting as
// held at the first try, and an ack that succeeded makes later calls no-ops.
func TestDeliveryAckTriedAgain(t *testing.T) {
	l := &lease{}
	l.held.Store(1)
	m := &ackFailingMsg{fails: 1}
	d := &delivery{msg: m, task: crawler.Task{URL: "https://news.example/a"}, lease: l}
	if err := d.Ack(t.Context()); err == nil {
		t.Fatal("first ack: no error, want the server's")
	}
	if n := l.held.Load(); n != 0 {
		t.Errorf("held %d after a failed ack, want 0", n)
	}
	if err := d.Ack(t.Context()); err != nil || m.acks != 1 {
		t.Fatalf("second ack: %v, %d acks reached the server; want 1", err, m.acks)
	}
	if err := d.Release(t.Context()); err != nil || m.acks != 1 || l.held.Load() != 0 {
		t.Errorf("release after the ack: %v, %d acks, held %d; want a no-op", err, m.acks, l.held.Load())
	}
}

// TestSharedHandsOutOneCopyOfATask keeps a task the server delivers again (its ack wait over,
// as when a NATS outage holds up its handling) from the crawler while a copy is in hand: two
// copies would both reach the page when the second reads the page's state before the first
// wrote it. Handed back, the task comes again.
func TestSharedHandsOutOneCopyOfATask(t *testing.T) {
	b := bustest.Open(t)
	cfg := crawler.DefaultConfig()
	cfg.Cluster = crawler.ClusterConfig{Enabled: true, Partitions: 1, LeaseTTL: 2 * time.Second, AckWait: 300 * time.Millisecond, Buffer: 4}
	sh, err := OpenShared(t.Context(), b.JS, cfg, 1, "crawler-1", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	managed := make(chan struct{})
	go func() { sh.Manage(ctx); close(managed) }()
	defer func() { stop(); <-managed }()
	task := crawler.Task{Kind: "page", URL: "https://news.example/a", Source: crawler.Source{Kind: crawler.KindFeed, URL: "https://news.example/feed"}}
	if err := sh.Push(ctx, task); err != nil {
		t.Fatal(err)
	}
	take := func(d time.Duration) (crawler.Delivery, error) {
		tctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		return sh.Take(tctx)
	}
	first, err := take(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if d, err := take(2 * time.Second); err == nil {
		t.Fatalf("a second copy handed out while the first is in hand: attempt %d", d.Attempt())
	}
	cons, err := b.JS.Consumer(ctx, claimwire.StreamCrawl, "crawl-0")
	if err != nil {
		t.Fatal(err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.NumRedelivered == 0 {
		t.Fatal("the server delivered the task once: nothing was held back")
	}
	if err := first.Release(ctx); err != nil {
		t.Fatal(err)
	}
	again, err := take(10 * time.Second)
	if err != nil {
		t.Fatalf("task handed back, not delivered again: %v", err)
	}
	if again.Task().URL != task.URL || again.Attempt() == 0 {
		t.Errorf("delivered again: %s, attempt %d; want %s after earlier attempts", again.Task().URL, again.Attempt(), task.URL)
	}
	if err := again.Ack(ctx); err != nil {
		t.Fatal(err)
	}
}
