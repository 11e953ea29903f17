package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestTopicMatcher(t *testing.T) {
	m, err := newTopicMatcher(DefaultTopics())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, title, text string
		want              bool
	}{
		{"french accents and plural", "Deux nouveaux centres de données", "Les puces arrivent.", true},
		{"french without accents", "", "Le centre de donnees et ses PUCES, un autre centre de donnees", true},
		{"english plural and case", "GPUs in short supply", "Every DATA CENTER wants them.", true},
		{"hyphen and apostrophe", "", "Une giga-usine d'IA et deux usines d’IA", true},
		{"spelled out", "Des usines d'Intelligence Artificielle", "Six sites retenus.", true},
		{"one weak word is not enough", "Le fromage", "Une seule puce dans ce texte.", false},
		{"word boundaries", "", "Chipotle, chipmunks and a computed score", false},
		{"off topic", "Cheese fair", "Twelve thousand visitors tasted cheese.", false},
		{"phrase split by punctuation", "", "data. center, data; centre", true},
		{"phrase cut short", "", "the data. And the centre of town", false},
		{"acronyms only in capitals", "", "J'ai vu, j'ai aimé, j'ai ri : il ai, ai, ai chanté.", false},
		{"acronyms in capitals", "L'IA et les GPUs", "L'IA demande des GPU.", true},
		{"dotted acronyms", "A.I. labs want G.P.U. time", "The A.I. boom needs data centers, the A.I. labs say.", true},
		{"dotted acronyms only in capitals", "", "a.i. a.i. a.i. data", false},
		{"a repeated weak word counts three times", "", strings.Repeat("Les chips de la friterie. ", 20), false},
		{"topic units after a number", "", "Un site de 300 MW, puis 500 MW, pour 10 000 GPU.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if v := m.judge(tt.title, tt.text); v.on != tt.want {
				t.Errorf("judge(%q, %q) = %+v, want on %v", tt.title, tt.text, v, tt.want)
			}
		})
	}
	if v := m.judge("Cheese fair", "Twelve thousand visitors."); v.reason != reasonNoTopicTerms || v.score != 0 {
		t.Errorf("no topic term: %+v, want reason %s, score 0", v, reasonNoTopicTerms)
	}
	if v := m.judge("", "Une seule puce."); v.reason != reasonLowScore || v.score == 0 {
		t.Errorf("a weak term: %+v, want reason %s and a score", v, reasonLowScore)
	}
	off, err := newTopicMatcher(TopicRules{Disabled: true})
	if err != nil || !off.judge("", "anything").on {
		t.Errorf("disabled rules rejected an article (%v)", err)
	}
	custom, err := newTopicMatcher(TopicRules{Terms: map[string]float64{"Fromage": 8, "IA": 0}})
	if err != nil {
		t.Fatal(err)
	}
	if !custom.judge("", "Les fromages de la région").on {
		t.Error("a configured term of weight 8 did not reach the default threshold")
	}
	if v := custom.judge("", "IA IA IA"); v.score != 0 {
		t.Errorf("a term removed with weight 0 still scores %v", v.score)
	}
	for _, bad := range []TopicRules{{Threshold: -1}, {Terms: map[string]float64{"x": -2}}, {Terms: map[string]float64{"' ,": 1}}} {
		if err := bad.validate(); err == nil {
			t.Errorf("%+v: no validation error", bad)
		}
	}
}

func BenchmarkTopicMatcher(b *testing.B) {
	m, err := newTopicMatcher(DefaultTopics())
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("Les opérateurs estiment que la demande de capacité a doublé en un an et réclament des investissements réguliers. ", 60)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		m.judge("Un titre", text)
	}
}

func TestFileStore(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st := openStore(t, dir)
	if _, found, err := st.Get(ctx, "https://a.example/1"); found || err != nil {
		t.Fatalf("empty store: found %v, err %v", found, err)
	}
	for i, step := range []struct{ url, hash string }{
		{"https://a.example/1", "h1"}, {"https://a.example/2", "h2"}, {"https://a.example/1", "h1b"}, {"https://a.example/1", "h1b"},
	} {
		if err := st.Put(ctx, step.url, step.hash); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	for _, bad := range [][2]string{{"", "h"}, {"https://a.example/x", ""}, {"https://a.example/\tx", "h"}, {"https://a.example/x", "h\n"}} {
		if err := st.Put(ctx, bad[0], bad[1]); err == nil {
			t.Errorf("Put(%q, %q) accepted", bad[0], bad[1])
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Get(ctx, "https://a.example/1"); err == nil {
		t.Error("Get after Close succeeded")
	}
	log, _ := os.ReadFile(filepath.Join(dir, storeFile))
	if n := strings.Count(string(log), "\n"); n != 3 {
		t.Errorf("log has %d lines, want 3 (the repeated Put is not written)", n)
	}

	// A torn last line is dropped; reopening compacts the log.
	f, err := os.OpenFile(filepath.Join(dir, storeFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("https://a.example/3\tpartial")
	f.Close()
	st = openStore(t, dir)
	defer st.Close()
	want := map[string]string{"https://a.example/1": "h1b", "https://a.example/2": "h2"}
	for u, h := range want {
		if got, found, _ := st.Get(ctx, u); !found || got != h {
			t.Errorf("reopened: Get(%s) = %q, %v; want %q", u, got, found, h)
		}
	}
	if _, found, _ := st.Get(ctx, "https://a.example/3"); found {
		t.Error("torn line was kept")
	}
	log, _ = os.ReadFile(filepath.Join(dir, storeFile))
	if n := strings.Count(string(log), "\n"); n != 2 {
		t.Errorf("compacted log has %d lines, want 2", n)
	}

	// Concurrent use (run with -race).
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 50 {
				u := fmt.Sprintf("https://b.example/%d/%d", w, i)
				if err := st.Put(ctx, u, "h"); err != nil {
					t.Error(err)
				}
				if _, found, err := st.Get(ctx, u); !found || err != nil {
					t.Errorf("Get(%s): %v %v", u, found, err)
				}
			}
		})
	}
	wg.Wait()
	if st.Len() != 2+8*50 {
		t.Errorf("Len = %d, want %d", st.Len(), 2+8*50)
	}
}

func TestConfigYAML(t *testing.T) {
	const doc = `
user_agent: "claimwire-test/1 (+https://exemple.example/contact)"
delay: 3s
parallelism: 1
max_body_bytes: 2097152
sources:
  - kind: sitemap
    url: https://www.exemple-actu.example/sitemap_index.xml
    include: ["/tech/"]
  - kind: start
    url: https://www.exemple-actu.example/
    allowed_domains: [exemple-actu.example]
    exclude: ["/agenda"]
    max_depth: 2
topics:
  threshold: 5
  terms: {fromage: 3}
`
	cfg := DefaultConfig()
	if err := yaml.Unmarshal([]byte(doc), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Delay != 3*time.Second || cfg.Parallelism != 1 || cfg.MaxBodyBytes != 2<<20 || len(cfg.Sources) != 2 {
		t.Errorf("decoded %+v", cfg)
	}
	if !cfg.RespectRobots || cfg.RequestTimeout != DefaultConfig().RequestTimeout || cfg.Topics.Disabled {
		t.Errorf("defaults lost: robots %v timeout %v topics %+v", cfg.RespectRobots, cfg.RequestTimeout, cfg.Topics)
	}
	if cfg.Topics.Threshold != 5 || cfg.Topics.Terms["fromage"] != 3 || cfg.Sources[1].Exclude[0] != "/agenda" {
		t.Errorf("decoded topics %+v, sources %+v", cfg.Topics, cfg.Sources)
	}
	if _, err := New(cfg, openStore(t, t.TempDir()), nil); err != nil {
		t.Errorf("New: %v", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	store := openStore(t, t.TempDir())
	defer store.Close()
	tests := []struct {
		name   string
		mutate func(*Config)
		want   string
	}{
		{"no user agent", func(c *Config) { c.UserAgent = "" }, "user_agent"},
		{"no parallelism", func(c *Config) { c.Parallelism = 0 }, "parallelism"},
		{"no timeout", func(c *Config) { c.RequestTimeout = 0 }, "request_timeout"},
		{"no body limit", func(c *Config) { c.MaxBodyBytes = 0 }, "max_body_bytes"},
		{"negative delay", func(c *Config) { c.Delay = -time.Second }, "negative"},
		{"no interval", func(c *Config) { c.FeedInterval = 0 }, "feed_interval"},
		{"bad kind", func(c *Config) { c.Sources = []Source{{Kind: "rss", URL: "https://a.example/"}} }, "unknown kind"},
		{"relative URL", func(c *Config) { c.Sources = []Source{{Kind: KindFeed, URL: "/feed"}} }, "absolute"},
		{"ftp URL", func(c *Config) { c.Sources = []Source{{Kind: KindFeed, URL: "ftp://a.example/feed"}} }, "absolute"},
		{"bad include", func(c *Config) {
			c.Sources = []Source{{Kind: KindStart, URL: "https://a.example/", Include: []string{"("}}}
		}, "include"},
		{"negative depth", func(c *Config) { c.Sources = []Source{{Kind: KindStart, URL: "https://a.example/", MaxDepth: -1}} }, "max_depth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tt.mutate(&cfg)
			_, err := New(cfg, store, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "crawler: ") {
				t.Errorf("New: %v, want an error about %q", err, tt.want)
			}
		})
	}
	if _, err := New(DefaultConfig(), nil, nil); err == nil {
		t.Error("New accepted a nil store")
	}
}

func TestSourceAllows(t *testing.T) {
	mustURL := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	start, err := compileSource(Source{Kind: KindStart, URL: "https://www.exemple-actu.example/", Exclude: []string{`/agenda\b`}, Include: []string{`/(tech|eco)/`, `/$`}})
	if err != nil {
		t.Fatal(err)
	}
	feed, err := compileSource(Source{Kind: KindFeed, URL: "https://flux.exemple-actu.example/rss"})
	if err != nil {
		t.Fatal(err)
	}
	scoped, err := compileSource(Source{Kind: KindSitemap, URL: "https://exemple-actu.example/sitemap.xml", AllowedDomains: []string{"Exemple-Actu.example."}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		src  *source
		url  string
		want bool
	}{
		{start, "https://www.exemple-actu.example/tech/puces", true},
		{start, "https://exemple-actu.example/eco/investai", true}, // "www." is dropped from the start host
		{start, "https://m.www.exemple-actu.example/tech/x", true},
		{start, "https://autre.example/tech/x", false},
		{start, "https://www.exemple-actu.example/sport/match", false},
		{start, "https://www.exemple-actu.example/tech/agenda?month=3", false},
		{start, "https://www.exemple-actu.example/", true},
		{feed, "https://partenaire.example/tech/x", true},
		{scoped, "https://www.exemple-actu.example/a", true},
		{scoped, "https://exemple-actu.example.evil.example/a", false},
		{scoped, "https://notexemple-actu.example/a", false},
	}
	for _, tt := range tests {
		if got := tt.src.allows(mustURL(tt.url)); got != tt.want {
			t.Errorf("%s source allows(%s) = %v, want %v", tt.src.Kind, tt.url, got, tt.want)
		}
	}
}

func TestLimitTransport(t *testing.T) {
	const limit = 1000
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("<url/>"), 100))
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/exact":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			w.Write(bytes.Repeat([]byte("a"), limit))
		case "/over":
			w.Write(bytes.Repeat([]byte("a"), limit+1))
		case "/sitemap.xml.gz":
			w.Header().Set("Content-Type", "application/x-gzip")
			w.Write(gz.Bytes())
		case "/bad.gz":
			w.Write([]byte("not gzip at all"))
		}
	}))
	defer srv.Close()
	cfg := testConfig()
	cfg.MaxBodyBytes = limit
	client := &http.Client{Transport: newTransport(&cfg)}
	get := func(path string) (*http.Response, []byte, error) {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp, body, err
	}

	resp, body, err := get("/exact")
	if err != nil || len(body) != limit {
		t.Errorf("body of exactly the limit: %d bytes, %v", len(body), err)
	} else if ct, raw := resp.Header.Get("Content-Type"), resp.Header.Get(rawContentTypeHeader); ct != "text/html" || raw != "text/html; charset=ISO-8859-1" {
		t.Errorf("Content-Type %q, raw %q", ct, raw)
	}
	if _, _, err := get("/over"); !errors.Is(err, errBodyTooLarge) {
		t.Errorf("body over the limit: %v, want errBodyTooLarge", err)
	}
	if _, body, err := get("/sitemap.xml.gz"); err != nil || !bytes.HasPrefix(body, []byte("<url/><url/>")) || len(body) != 600 {
		t.Errorf("gzip file: %d bytes %.20q, %v", len(body), body, err)
	}
	if _, _, err := get("/bad.gz"); err == nil {
		t.Error("broken gzip file accepted")
	} else if reason, _ := classifyError(err); reason != reasonBadGzip {
		t.Errorf("broken gzip classified %q (%v)", reason, err)
	}
}

func TestClassifyError(t *testing.T) {
	tests := []struct {
		err    error
		reason string
		retry  bool
	}{
		{&url.Error{Op: "Get", URL: "x", Err: errPrivateAddress}, reasonPrivateAddress, false},
		{fmt.Errorf("read: %w", errBodyTooLarge), reasonBodyTooLarge, false},
		{&url.Error{Op: "Get", URL: "x", Err: errRedirectLoop}, reasonRedirectLoop, false},
		{&url.Error{Op: "Get", URL: "x", Err: errTooManyRedirects}, reasonRedirectLimit, false},
		{context.DeadlineExceeded, reasonTimeout, true},
		{errors.New("connection reset by peer"), reasonNetwork, true},
		{&url.Error{Op: "Get", URL: "x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}}}, reasonDNS, false},
		{fmt.Errorf("%w: x.invalid: %w", errRobotsUnavailable, &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}), reasonDNS, false},
		{&net.DNSError{Err: "server misbehaving", Name: "x.example", IsTemporary: true}, reasonDNS, true},
		{fmt.Errorf("%w: x.example: HTTP status 503", errRobotsUnavailable), reasonRobotsDown, false},
	}
	for _, tt := range tests {
		if reason, retry := classifyError(tt.err); reason != tt.reason || retry != tt.retry {
			t.Errorf("classifyError(%v) = %s, %v; want %s, %v", tt.err, reason, retry, tt.reason, tt.retry)
		}
	}
}

func TestRedirectPolicy(t *testing.T) {
	req := func(raw string) *http.Request {
		r, err := http.NewRequest(http.MethodGet, raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	blocked := errors.New("blocked")
	policy := redirectPolicy(2, func(r *http.Request) error {
		if r.URL.Path == "/private" {
			return blocked
		}
		return nil
	})
	a, b, c := req("https://a.example/1"), req("https://a.example/2"), req("https://a.example/3")
	tests := []struct {
		next *http.Request
		via  []*http.Request
		want error
	}{
		{b, []*http.Request{a}, nil},
		{c, []*http.Request{a, b}, nil},
		{req("https://a.example/4"), []*http.Request{a, b, c}, errTooManyRedirects},
		{a, []*http.Request{a, b}, errRedirectLoop},
		{req("ftp://a.example/f"), []*http.Request{a}, errRedirectScheme},
		{req("https://b.example/private"), []*http.Request{a}, blocked},
	}
	for i, tt := range tests {
		if err := policy(tt.next, tt.via); !errors.Is(err, tt.want) && (err != nil || tt.want != nil) {
			t.Errorf("case %d: %v, want %v", i, err, tt.want)
		}
	}
}

func TestPageStateDue(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	day := t0.AddDate(0, 0, -1)
	const recheck = 6 * time.Hour
	settled := PageState{ETag: `"v1"`, Listed: day, Settled: t0}
	tests := []struct {
		name   string
		st     PageState
		listed time.Time
		now    time.Time
		want   bool
	}{
		{"never settled", PageState{ETag: `"v1"`}, time.Time{}, t0, true},
		{"same date", settled, day, t0.Add(time.Hour), false},
		{"no date listed", settled, time.Time{}, t0.Add(time.Hour), false},
		{"older date", settled, day.Add(-time.Hour), t0.Add(time.Hour), false},
		{"date moved", settled, day.Add(time.Minute), t0.Add(time.Hour), true},
		{"same date, finer than a stored second", settled, day.Add(500 * time.Millisecond), t0.Add(time.Hour), false},
		{"recheck due", settled, day, t0.Add(recheck), true},
	}
	for _, tt := range tests {
		if got := tt.st.due(tt.listed, tt.now, recheck); got != tt.want {
			t.Errorf("%s: due = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRobotsCachePrune(t *testing.T) {
	now := time.Now()
	settled := func(expires time.Time) *robotsEntry {
		e := &robotsEntry{ready: make(chan struct{}), expires: expires}
		close(e.ready)
		return e
	}
	rc := &robotsCache{origins: map[string]*robotsEntry{
		"https://old.example":      settled(now.Add(-time.Minute)),
		"https://fresh.example":    settled(now.Add(time.Hour)),
		"https://fetching.example": {ready: make(chan struct{})},
	}}
	rc.prune(now)
	if _, ok := rc.origins["https://old.example"]; ok || len(rc.origins) != 2 {
		t.Errorf("after pruning expired entries: %v", slices.Collect(maps.Keys(rc.origins)))
	}
	rc.prune(now) // nothing expired: every settled entry goes, the fetch in flight stays
	if _, ok := rc.origins["https://fetching.example"]; !ok || len(rc.origins) != 1 {
		t.Errorf("after pruning settled entries: %v", slices.Collect(maps.Keys(rc.origins)))
	}
}

func TestMemStates(t *testing.T) {
	ctx := context.Background()
	m := newMemStates()
	if _, found, _ := m.State(ctx, "https://a.example/x"); found {
		t.Fatal("empty memStates has a state")
	}
	want := PageState{ETag: `"v1"`, Settled: time.Unix(1, 0)}
	if err := m.PutState(ctx, "https://a.example/x", want); err != nil {
		t.Fatal(err)
	}
	if got, found, err := m.State(ctx, "https://a.example/x"); !found || err != nil || got != want {
		t.Errorf("State = %+v, %v, %v; want %+v", got, found, err, want)
	}
}

func TestFileStoreStates(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	st := openStore(t, dir)
	states := map[string]PageState{
		"https://a.example/1":    {ETag: `"e1"`, LastModified: "Sat, 01 Mar 2025 08:00:00 GMT", Listed: now.Add(-time.Hour), Settled: now},
		"https://a.example/2":    {Settled: now.Add(-time.Minute)},
		"https://a.example/feed": {ETag: `W/"f"`}, // a feed's validators, never settled
		"https://a.example/old":  {Settled: now.Add(-maxStateAge - time.Hour)},
	}
	for u, ps := range states {
		if err := st.PutState(ctx, u, ps); err != nil {
			t.Fatal(err)
		}
	}
	// Validators that would break the line are dropped, the rest is kept.
	if err := st.PutState(ctx, "https://a.example/3", PageState{ETag: "bad\tetag", Settled: now}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutState(ctx, "https://a.example/\n", PageState{}); err == nil {
		t.Error("PutState accepted a URL with a newline")
	}
	if err := st.Put(ctx, "https://a.example/1", "h1"); err != nil {
		t.Fatal(err)
	}

	// A second store on the same directory is refused while the first is open.
	if other, err := OpenFileStore(dir); err == nil {
		other.Close()
		t.Fatal("a second FileStore opened a directory in use")
	} else if !strings.Contains(err.Error(), "in use") {
		t.Errorf("second open: %v, want an error saying the directory is in use", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st = openStore(t, dir)
	defer st.Close()
	delete(states, "https://a.example/old") // settled too long ago: dropped by the compaction
	states["https://a.example/3"] = PageState{Settled: now}
	for u, want := range states {
		if got, found, err := st.State(ctx, u); !found || err != nil || got != want {
			t.Errorf("reopened: State(%s) = %+v, %v, %v; want %+v", u, got, found, err, want)
		}
	}
	if _, found, _ := st.State(ctx, "https://a.example/old"); found {
		t.Error("a state settled longer ago than maxStateAge survived the compaction")
	}
	if h, found, _ := st.Get(ctx, "https://a.example/1"); !found || h != "h1" {
		t.Errorf("hash of a URL with a state: %q, %v", h, found)
	}
	log, _ := os.ReadFile(filepath.Join(dir, storeFile))
	if n := strings.Count(string(log), "\n"); n != 5 {
		t.Errorf("compacted log has %d lines, want 1 hash and 4 states:\n%s", n, log)
	}
}

func TestAddSource(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Sources = []Source{{Kind: KindFeed, URL: "https://news.example.com/feed.xml"}}
	c, err := New(cfg, newMemStore(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddSource(Source{Kind: KindSitemap, URL: "https://news.example.com/sitemap.xml"}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Source{
		{Kind: KindFeed, URL: "https://news.example.com/feed.xml"}, // already there
		{Kind: "carrier-pigeon", URL: "https://news.example.com/"},
		{Kind: KindStart, URL: "ftp://news.example.com/"},
		{Kind: KindStart, URL: "https://news.example.com/", Include: []string{"("}},
	} {
		if err := c.AddSource(bad); err == nil {
			t.Errorf("AddSource(%+v) accepted", bad)
		}
	}
	got := c.Sources()
	if len(got) != 2 || got[1].Kind != KindSitemap {
		t.Errorf("sources = %+v", got)
	}
}
