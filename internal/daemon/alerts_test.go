package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer/alert"
	"github.com/claimwire/claimwire/indexer/indexertest"
	"github.com/claimwire/claimwire/internal/config"
)

const hookSecret = "newsroom-secret-0123456789"

// webhook records the POSTs it gets and answers 500 to the first failures of them.
type webhook struct {
	mu       sync.Mutex
	failures int
	posts    []webhookPost
}

type webhookPost struct {
	event, attempt string
	ok             bool
	err            error // signature check
}

func newWebhook(t *testing.T, failures int) (*webhook, string) {
	h := &webhook{failures: failures}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		p := webhookPost{event: r.Header.Get(alert.HeaderEvent), attempt: r.Header.Get(alert.HeaderAttempt), ok: true,
			err: alert.Verify(hookSecret, r.Header.Get(alert.HeaderTimestamp), r.Header.Get(alert.HeaderSignature), body, time.Now(), 5*time.Minute)}
		h.mu.Lock()
		if h.failures > 0 {
			h.failures--
			p.ok = false
		}
		h.posts = append(h.posts, p)
		h.mu.Unlock()
		if !p.ok {
			http.Error(w, "down for maintenance", http.StatusInternalServerError)
		}
	}))
	t.Cleanup(srv.Close)
	return h, srv.URL
}

func (h *webhook) all() []webhookPost {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.posts)
}

func alertConfig(t *testing.T, dataDir string) config.Config {
	cfg := config.Local(dataDir, "127.0.0.1:0")
	cfg.Roles = []string{config.RoleIndexer}
	cfg.HTTP.APIToken = "test-token"
	cfg.Alerts.AllowPrivateWebhooks = true
	// The first retry comes after the restart below, from the delay JetStream keeps.
	cfg.Alerts.RetryBase, cfg.Alerts.RetryMax = 3*time.Second, 3*time.Second
	return cfg
}

func startDaemon(t *testing.T, cfg config.Config) *Daemon {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, err := Start(ctx, cfg, Options{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func publishClaims(t *testing.T, d *Daemon, claims ...claimwire.Claim) {
	t.Helper()
	for _, c := range claims {
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.bus.JS.Publish(t.Context(), claimwire.SubjectClaims, data); err != nil {
			t.Fatal(err)
		}
	}
}

func waitConsumers(t *testing.T, d *Daemon) {
	t.Helper()
	for _, c := range [][2]string{{claimwire.StreamClaims, claimwire.ConsumerIndexer},
		{claimwire.StreamAlerts, claimwire.ConsumerAlertWebhook}, {claimwire.StreamAlerts, claimwire.ConsumerAlertSubject}} {
		cons, err := d.bus.JS.Consumer(t.Context(), c[0], c[1])
		if err != nil {
			t.Fatal(err)
		}
		bustest.WaitIdle(t, cons)
	}
}

// A claim matching a saved search is POSTed to its webhook once, with a valid signature,
// through a restart after which the claim is published again: delivered before the restart, or
// failed once before it and retried after it (from the delay JetStream kept).
func TestAlertDeliveredOnceThroughRestart(t *testing.T) {
	for _, failures := range []int{0, 1} {
		t.Run(fmt.Sprintf("%d failures", failures), func(t *testing.T) { alertThroughRestart(t, failures) })
	}
}

func alertThroughRestart(t *testing.T, failures int) {
	hook, hookURL := newWebhook(t, failures)
	cfg := alertConfig(t, t.TempDir())
	d := startDaemon(t, cfg)
	api := "http://" + d.Addr()
	def := `{"id":"magdeburg","name":"Magdeburg","q":"Magdeburg","lang":["en"],"webhook":{"url":"` + hookURL + `","secret":"` + hookSecret + `"}}`
	if code, body := adminCall(t, http.MethodPost, api+"/api/alerts", "", def); code != http.StatusUnauthorized {
		t.Fatalf("create without token: %d %s", code, body)
	}
	if code, body := adminCall(t, http.MethodPost, api+"/api/alerts", cfg.HTTP.APIToken, def); code != http.StatusCreated {
		t.Fatalf("create: %d %s", code, body)
	}
	m01 := indexertest.Claims(t, "../../indexer/testdata/facts.json")[0]
	publishClaims(t, d, m01)
	waitPosts(t, hook, 1)
	stop(t, d)

	d = startDaemon(t, cfg)
	defer stop(t, d)
	api = "http://" + d.Addr()
	publishClaims(t, d, m01) // a re-crawl: the same claim again
	waitPosts(t, hook, failures+1)
	waitConsumers(t, d)
	time.Sleep(500 * time.Millisecond) // nothing more comes
	posts := hook.all()
	if len(posts) != failures+1 || !posts[failures].ok || posts[failures].attempt != strconv.Itoa(failures+1) {
		t.Fatalf("POSTs %+v, want %d failures then one success", posts, failures)
	}
	for _, p := range posts {
		if p.event != "magdeburg.claim.m01" || p.err != nil {
			t.Errorf("POST of %q: signature %v", p.event, p.err)
		}
	}

	// The feed, public, lists the claim once.
	resp, err := http.Get(api + "/api/alerts/magdeburg/atom")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	feed, err := gofeed.NewParser().Parse(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %v %s", err, resp.Status)
	}
	if len(feed.Items) != 1 || feed.Items[0].Title != "76 proposals (Compute Wire)" {
		t.Fatalf("feed entries %+v", feed.Items)
	}
	if code, _ := adminCall(t, http.MethodGet, api+"/api/alerts", "", ""); code != http.StatusUnauthorized {
		t.Errorf("list without token: %d", code)
	}
}

func waitPosts(t *testing.T, hook *webhook, n int) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); len(hook.all()) < n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d POSTs, waiting for %d: %+v", len(hook.all()), n, hook.all())
		}
	}
}

// Webhooks reach public addresses only, unless allowed, and follow no redirect.
func TestWebhookClient(t *testing.T) {
	hook, url := newWebhook(t, 0)
	redirect := httptest.NewServer(http.RedirectHandler(url, http.StatusTemporaryRedirect))
	t.Cleanup(redirect.Close)
	cfg := config.Default().Alerts
	if _, err := webhookClient(cfg).Post(url, "application/json", strings.NewReader("{}")); err == nil ||
		!strings.Contains(err.Error(), "non-public address") {
		t.Fatalf("POST to loopback: %v, want it refused", err)
	}
	cfg.AllowPrivateWebhooks = true
	resp, err := webhookClient(cfg).Post(url, "application/json", strings.NewReader("{}"))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST with private webhooks allowed: %v", err)
	}
	resp.Body.Close()
	resp, err = webhookClient(cfg).Post(redirect.URL, "application/json", strings.NewReader("{}"))
	if err != nil || resp.StatusCode != http.StatusTemporaryRedirect {
		t.Fatalf("redirect: %v %v, want the 307 itself", resp, err)
	}
	resp.Body.Close()
	if n := len(hook.all()); n != 1 {
		t.Fatalf("webhook got %d POSTs, want 1", n)
	}
}

// Two indexer processes on one NATS server, both serving the saved searches, record and POST
// each alert once between them.
func TestAlertsOnceWithTwoIndexers(t *testing.T) {
	srv, err := bus.StartServer(bus.EmbeddedConfig{Port: -1}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	hook, hookURL := newWebhook(t, 2)
	var daemons []*Daemon
	for range 2 {
		cfg := alertConfig(t, t.TempDir())
		cfg.NATS.URL = srv.ClientURL()
		cfg.Alerts.RetryBase, cfg.Alerts.RetryMax = 20*time.Millisecond, 100*time.Millisecond
		d := startDaemon(t, cfg)
		defer stop(t, d)
		daemons = append(daemons, d)
	}
	def := `{"id":"magdeburg","name":"Magdeburg","q":"Magdeburg","webhook":{"url":"` + hookURL + `","secret":"` + hookSecret + `"}}`
	if code, body := adminCall(t, http.MethodPost, "http://"+daemons[0].Addr()+"/api/alerts", "test-token", def); code != http.StatusCreated {
		t.Fatalf("create: %d %s", code, body)
	}
	m01 := indexertest.Claims(t, "../../indexer/testdata/facts.json")[0]
	var want []string
	for i := range 10 {
		c := m01
		c.ID, c.URL = fmt.Sprintf("m01-%d", i), fmt.Sprintf("%s/%d", m01.URL, i)
		publishClaims(t, daemons[i%2], c)
		want = append(want, "magdeburg.claim."+c.ID)
	}
	waitPosts(t, hook, len(want)+2)
	for _, d := range daemons {
		waitConsumers(t, d)
	}
	time.Sleep(500 * time.Millisecond)
	var got []string
	for _, p := range hook.all() {
		if p.err != nil {
			t.Errorf("POST of %s: %v", p.event, p.err)
		}
		if p.ok {
			got = append(got, p.event)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("delivered %v, want each of %v once", got, want)
	}
	// Either process serves the feed, from the shared stream.
	resp, err := http.Get("http://" + daemons[1].Addr() + "/api/alerts/magdeburg/atom")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	feed, err := gofeed.NewParser().Parse(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != len(want) {
		t.Fatalf("the other process's feed has %d entries, want %d", len(feed.Items), len(want))
	}
}
