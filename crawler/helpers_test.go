package crawler

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"log/slog"
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

	"github.com/claimwire/claimwire"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// checkGolden compares got, as indented JSON, with testdata/golden/name.
func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n--- got\n%s\n--- want\n%s", name, data, want)
	}
}

// testConfig is a fast configuration for the loopback site: no politeness delays.
func testConfig(sources ...Source) Config {
	cfg := DefaultConfig()
	cfg.Sources = sources
	cfg.Delay, cfg.RandomDelay = 0, 0
	cfg.Parallelism = 4
	cfg.RequestTimeout = 2 * time.Second // generous for -race on a busy machine, short for slowloris
	cfg.MaxBodyBytes = 1 << 20
	cfg.MaxRedirects = 3
	cfg.MaxRetries = 1
	cfg.RetryBackoff = 10 * time.Millisecond
	cfg.AllowPrivateAddresses = true
	return cfg
}

// testLogger writes the crawler's logs to the test log, shown on failure or with -v.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// sink collects emitted articles; failing makes the next emits fail.
type sink struct {
	mu      sync.Mutex
	got     []claimwire.Article
	failing error
}

func (s *sink) emit(_ context.Context, a claimwire.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failing != nil {
		return s.failing
	}
	s.got = append(s.got, a)
	return nil
}

func (s *sink) articles() []claimwire.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]claimwire.Article(nil), s.got...)
}

func (s *sink) setFailing(err error) {
	s.mu.Lock()
	s.failing = err
	s.mu.Unlock()
}

func openStore(t testing.TB, dir string) *FileStore {
	t.Helper()
	st, err := OpenFileStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// crawlOnce runs a new crawler over cfg's sources once and returns it with what it emitted.
func crawlOnce(t testing.TB, cfg Config, store Store) (*Crawler, []claimwire.Article) {
	t.Helper()
	return crawlWith(t, cfg, store, testLogger(t))
}

// crawlRecorded is crawlOnce on a fresh store, with the logs recorded.
func crawlRecorded(t testing.TB, cfg Config) (*Crawler, []claimwire.Article, *logRecorder) {
	t.Helper()
	rec := newLogRecorder()
	c, got := crawlWith(t, cfg, newMemStore(), slog.New(rec))
	return c, got, rec
}

func crawlWith(t testing.TB, cfg Config, store Store, logger *slog.Logger) (*Crawler, []claimwire.Article) {
	t.Helper()
	c, err := New(cfg, store, logger)
	if err != nil {
		t.Fatal(err)
	}
	var out sink
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Run(ctx, true, out.emit); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return c, out.articles()
}

// logRecorder is a slog.Handler that keeps every record with its attributes (those added with
// With included), so that tests can assert what was logged and why.
type logRecorder struct {
	mu    *sync.Mutex
	recs  *[]logRecord
	attrs []slog.Attr
}

type logRecord struct {
	Level slog.Level
	Msg   string
	Attrs map[string]string
}

func newLogRecorder() *logRecorder { return &logRecorder{mu: new(sync.Mutex), recs: new([]logRecord)} }

func (h *logRecorder) Enabled(context.Context, slog.Level) bool { return true }

func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
	rec := logRecord{Level: r.Level, Msg: r.Message, Attrs: make(map[string]string)}
	for _, a := range h.attrs {
		rec.Attrs[a.Key] = a.Value.String()
	}
	r.Attrs(func(a slog.Attr) bool {
		rec.Attrs[a.Key] = a.Value.String()
		return true
	})
	h.mu.Lock()
	*h.recs = append(*h.recs, rec)
	h.mu.Unlock()
	return nil
}

func (h *logRecorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logRecorder{mu: h.mu, recs: h.recs, attrs: append(slices.Clip(h.attrs), attrs...)}
}

func (h *logRecorder) WithGroup(string) slog.Handler { return h } // the crawler uses no groups

// find returns the first record about url whose attribute key is value.
func (h *logRecorder) find(url, key, value string) (logRecord, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, r := range *h.recs {
		if r.Attrs["url"] == url && r.Attrs[key] == value {
			return r, true
		}
	}
	return logRecord{}, false
}

// miniSite is a loopback server for one scenario: an allow-all robots.txt (unless routes has
// one), a sitemap listing the given paths (or absolute URLs), an on-topic article at /normal,
// and routes. It records every request.
type miniSite struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []siteRequest
}

func newMiniSite(t testing.TB, listed []string, routes map[string]http.HandlerFunc) *miniSite {
	t.Helper()
	s := &miniSite{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, siteRequest{Path: r.URL.Path, At: time.Now(), UserAgent: r.UserAgent()})
		s.mu.Unlock()
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow:\n")
		case "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for _, p := range listed {
				if !strings.HasPrefix(p, "http") {
					p = s.url(p)
				}
				fmt.Fprintf(w, "<url><loc>%s</loc></url>", html.EscapeString(p))
			}
			fmt.Fprint(w, "</urlset>")
		case "/normal":
			writeArticle(w, "Un nouveau centre de données pour l'IA", nil)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *miniSite) url(path string) string { return s.srv.URL + path }

func (s *miniSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.reqs {
		if r.Path == path {
			n++
		}
	}
	return n
}

// starts returns when each request other than for robots.txt arrived.
func (s *miniSite) starts() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res []time.Time
	for _, r := range s.reqs {
		if r.Path != "/robots.txt" {
			res = append(res, r.At)
		}
	}
	return res
}

// articleParagraphs is an on-topic French article body, written for these tests.
var articleParagraphs = []string{
	"Le consortium a confirmé la construction d'un centre de données consacré à l'entraînement de modèles d'IA, dans une zone industrielle reconvertie au bord du fleuve.",
	"Le bâtiment accueillera plusieurs milliers de GPU répartis dans des salles refroidies par de l'eau recyclée, selon le dossier déposé en préfecture au printemps.",
	"Les élus saluent les emplois promis, tandis que des riverains s'interrogent sur la puissance électrique réservée au site et sur le bruit des groupes de secours.",
}

// writeArticle serves a UTF-8 article page; extra paragraphs are written raw after the standard
// ones, so that tests can slip hostile bytes in.
func writeArticle(w http.ResponseWriter, title string, extra []string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>%s</title>"+
		"<meta property=\"og:type\" content=\"article\"></head><body><article><h1>%s</h1>\n",
		html.EscapeString(title), html.EscapeString(title))
	for _, p := range articleParagraphs {
		fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(p))
	}
	for _, p := range extra {
		fmt.Fprintf(w, "<p>%s</p>\n", p)
	}
	fmt.Fprint(w, "</article></body></html>\n")
}

func mustParse(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
