package crawler

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// resumeSite lists its articles /a/NN in a feed, a sitemap, a sitemap index of three sitemaps
// and a start page, each answering conditional GETs with an ETag. Start page and articles are
// articles themselves, and /a/NN links to /b/NN, so that a start source reaches /b/NN at depth
// 2. It can cancel a crawl once it has been asked for a number of articles never asked for
// before, and fail an article's first requests.
type resumeSite struct {
	srv *httptest.Server
	n   int

	mu        sync.Mutex
	asked     map[string]bool // article paths ever requested
	fresh     int             // of those, first asked for since interruptAfter
	stopAfter int
	stop      context.CancelFunc
	failing   map[string]int // article path -> requests still to fail
}

func newResumeSite(t *testing.T, n int) *resumeSite {
	s := &resumeSite{n: n, asked: make(map[string]bool), failing: make(map[string]int)}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// interruptAfter makes the site call stop once it has been asked for n articles it was never
// asked for before.
func (s *resumeSite) interruptAfter(n int, stop context.CancelFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fresh, s.stopAfter, s.stop = 0, n, stop
}

func (s *resumeSite) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if strings.HasPrefix(p, "/a/") || strings.HasPrefix(p, "/b/") {
		s.mu.Lock()
		if !s.asked[p] {
			s.asked[p] = true
			if s.fresh++; s.stop != nil && s.fresh == s.stopAfter {
				s.stop()
			}
		}
		fail := s.failing[p] > 0
		if fail {
			s.failing[p]--
		}
		s.mu.Unlock()
		if fail {
			http.Error(w, "down for a moment", http.StatusInternalServerError)
			return
		}
	}
	// Every listing and article is unchanged for the whole test.
	etag := `"` + p + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	switch {
	case p == "/robots.txt":
		io.WriteString(w, "User-agent: *\nDisallow:\n")
	case p == "/":
		var links []string
		for i := range s.n {
			links = append(links, fmt.Sprintf(`<a href="/a/%02d">Article %d</a>`, i, i))
		}
		writeArticle(w, "Les centres de données de la région", links)
	case strings.HasPrefix(p, "/a/"):
		writeArticle(w, "Centre de données "+p, []string{`<a href="/b/` + strings.TrimPrefix(p, "/a/") + `">Lire aussi</a>`})
	case strings.HasPrefix(p, "/b/"):
		writeArticle(w, "Centre de données "+p, nil)
	case p == "/feed.rss":
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>`+s.srv.URL+`/</link><description>d</description>`)
		for i := range s.n {
			fmt.Fprintf(w, "<item><title>%d</title><link>%s/a/%02d</link></item>", i, s.srv.URL, i)
		}
		io.WriteString(w, "</channel></rss>")
	case p == "/sitemap.xml":
		s.writeSitemap(w, 0, 1)
	case p == "/index.xml":
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for k := range 3 {
			fmt.Fprintf(w, "<sitemap><loc>%s/sitemaps/%d.xml</loc></sitemap>", s.srv.URL, k)
		}
		io.WriteString(w, "</sitemapindex>")
	case strings.HasPrefix(p, "/sitemaps/"):
		var k int
		if _, err := fmt.Sscanf(p, "/sitemaps/%d.xml", &k); err != nil {
			http.NotFound(w, r)
			return
		}
		s.writeSitemap(w, k, 3)
	default:
		http.NotFound(w, r)
	}
}

// writeSitemap lists the articles whose number is k modulo m.
func (s *resumeSite) writeSitemap(w http.ResponseWriter, k, m int) {
	w.Header().Set("Content-Type", "application/xml")
	io.WriteString(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := k; i < s.n; i += m {
		fmt.Fprintf(w, "<url><loc>%s</loc></url>", html.EscapeString(fmt.Sprintf("%s/a/%02d", s.srv.URL, i)))
	}
	io.WriteString(w, "</urlset>")
}

// resumeKinds are the source kinds a resumeSite serves.
var resumeKinds = []string{"feed", "sitemap", "sitemap index", "start page"}

// source returns the site's source of a kind, with how many articles it reaches.
func (s *resumeSite) source(kind string) (Source, int) {
	switch kind {
	case "feed":
		return Source{Kind: KindFeed, URL: s.srv.URL + "/feed.rss"}, s.n
	case "sitemap":
		return Source{Kind: KindSitemap, URL: s.srv.URL + "/sitemap.xml"}, s.n
	case "sitemap index":
		return Source{Kind: KindSitemap, URL: s.srv.URL + "/index.xml"}, s.n
	}
	return Source{Kind: KindStart, URL: s.srv.URL + "/", MaxDepth: 2}, 2*s.n + 1 // and /b/NN, and itself
}

// crashCopy copies the store's log as it is on disk now, into a new directory: what a crawler
// killed at this instant (kill -9, no Close) leaves to the next one.
func crashCopy(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, storeFile))
	if err != nil {
		t.Fatal(err)
	}
	next := t.TempDir()
	if err := os.WriteFile(filepath.Join(next, storeFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return next
}

// TestInterruptedCrawlResumes stops a crawl again and again, each time after a few articles
// never asked for before, and restarts it on what the stopped crawler left on disk: in the
// end every article each kind of source lists has been emitted, and exactly once.
func TestInterruptedCrawlResumes(t *testing.T) {
	const articles = 12
	for _, after := range []int{1, 4} {
		for _, kind := range resumeKinds {
			t.Run(fmt.Sprintf("%s/stop after %d", kind, after), func(t *testing.T) {
				t.Parallel()
				site := newResumeSite(t, articles)
				src, listed := site.source(kind)
				cfg := testConfig(src)
				emitted := make(map[string]int)
				dir := t.TempDir()
				runs := 0
				for stopped := true; stopped; runs++ {
					if runs > articles*3 {
						t.Fatalf("still stopped after %d runs", runs)
					}
					if runs > 0 {
						dir = crashCopy(t, dir)
					}
					store := openStore(t, dir)
					t.Cleanup(func() { store.Close() })
					c, err := New(cfg, store, testLogger(t))
					if err != nil {
						t.Fatal(err)
					}
					ctx, cancel := context.WithCancel(t.Context())
					site.interruptAfter(after, cancel)
					var out sink
					err = c.Run(ctx, true, out.emit)
					stopped = errors.Is(err, context.Canceled)
					cancel()
					if err != nil && !stopped {
						t.Fatal(err)
					}
					for _, a := range out.articles() {
						emitted[a.URL]++
					}
				}
				for url, n := range emitted {
					if n != 1 {
						t.Errorf("%s emitted %d times", url, n)
					}
				}
				if len(emitted) != listed {
					t.Errorf("after %d runs, %d articles emitted, want %d", runs, len(emitted), listed)
				}
				if runs < 2 {
					t.Errorf("the crawl was never interrupted")
				}
			})
		}
	}
}

// TestFailedEntryIsListedAgain fails one listed article for a whole round: its listing keeps
// no validators, so that the next round reads it in full and emits the article (and, from a
// start page, the one it links to).
func TestFailedEntryIsListedAgain(t *testing.T) {
	for _, kind := range resumeKinds {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			site := newResumeSite(t, 6)
			src, listed := site.source(kind)
			missed := []string{site.srv.URL + "/a/03"}
			if src.Kind == KindStart {
				missed = append(missed, site.srv.URL+"/b/03")
			}
			cfg := testConfig(src)
			site.failing["/a/03"] = cfg.MaxRetries + 1
			store := openStore(t, t.TempDir())
			defer store.Close()
			c, first := crawlOnce(t, cfg, store)
			if st := c.Stats(); len(first) != listed-len(missed) || st.Failed != 1 {
				t.Fatalf("first round emitted %d, failed %d; want %d and the failing article", len(first), st.Failed, listed-len(missed))
			}
			_, second := crawlOnce(t, cfg, store)
			if got := urlsOf(second); !slices.Equal(slices.Sorted(slices.Values(got)), missed) {
				t.Errorf("second round emitted %v, want %v", got, missed)
			}
		})
	}
}
