package crawler

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestRobotsFailureIsCached: a host whose robots.txt cannot be read is not crawled, and its
// robots.txt is not asked for again on every request nor in the next round.
func TestRobotsFailureIsCached(t *testing.T) {
	tests := []struct {
		name   string
		robots http.HandlerFunc // nil: the host refuses connections
	}{
		{"HTTP 503", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		}},
		{"HTTP 429", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "slow down", http.StatusTooManyRequests) }},
		{"connection refused", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			down := newMiniSite(t, nil, map[string]http.HandlerFunc{"/robots.txt": tt.robots})
			if tt.robots == nil {
				down.srv.Close()
			}
			pages := []string{down.url("/a"), down.url("/b"), down.url("/c")}
			site := newMiniSite(t, append(pages, "/normal"), nil)
			rec := newLogRecorder()
			c, err := New(testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")}), newMemStore(), slog.New(rec))
			if err != nil {
				t.Fatal(err)
			}
			var out sink
			for range 2 {
				if err := c.Run(t.Context(), true, out.emit); err != nil {
					t.Fatal(err)
				}
			}
			st := c.Stats()
			if st.FailedByReason[reasonRobotsDown] != 6 || st.Retries != 0 {
				t.Errorf("FailedByReason = %v, Retries %d; want 3 pages × 2 rounds %s, not retried", st.FailedByReason, st.Retries, reasonRobotsDown)
			}
			if tt.robots != nil {
				if n := down.count("/robots.txt"); n != 1 {
					t.Errorf("failing robots.txt requested %d times over two rounds, want 1", n)
				}
			}
			for _, p := range []string{"/a", "/b", "/c"} {
				if n := down.count(p); n != 0 {
					t.Errorf("%s requested %d times without a robots.txt", p, n)
				}
			}
			if r, ok := rec.find(pages[0], "reason", reasonRobotsDown); !ok || r.Level < slog.LevelWarn {
				t.Errorf("failure of %s not logged as a warning with reason %s (%+v)", pages[0], reasonRobotsDown, r)
			}
			if got := out.articles(); len(got) != 1 || got[0].URL != site.url("/normal") {
				t.Errorf("emitted %v, want the article of the healthy host", urlsOf(got))
			}
		})
	}
}

// TestRobotsCrawlDelay: a Crawl-delay longer than the configured delay spaces requests, even
// those taken together before robots.txt was read.
func TestRobotsCrawlDelay(t *testing.T) {
	const crawlDelay = 250 * time.Millisecond
	routes := map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "User-agent: *\nCrawl-delay: %g\nDisallow: /private/\n", crawlDelay.Seconds())
		},
	}
	var listed []string
	for i := range 4 {
		p := fmt.Sprintf("/news/%d", i)
		listed = append(listed, p)
		routes[p] = func(w http.ResponseWriter, r *http.Request) { writeArticle(w, "Un centre de données de plus", nil) }
	}
	site := newMiniSite(t, listed, routes)
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
	cfg.Delay, cfg.Parallelism = 0, 4
	c, got := crawlOnce(t, cfg, newMemStore())
	if len(got) != 4 {
		t.Errorf("emitted %d articles, want 4: %+v", len(got), c.Stats())
	}
	starts := site.starts()
	if len(starts) != 5 {
		t.Fatalf("%d requests, want the sitemap and 4 articles", len(starts))
	}
	const slack = 15 * time.Millisecond // server-side timestamps lag the dispatch
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < crawlDelay-slack {
			t.Errorf("requests %d and %d only %v apart, want at least the Crawl-delay %v", i-1, i, gap, crawlDelay)
		}
	}
}

// TestRobotsRedirectTarget: a redirect to a URL that robots.txt disallows, on the same host or
// another, is not followed.
func TestRobotsRedirectTarget(t *testing.T) {
	closed := newMiniSite(t, nil, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nDisallow: /\n") },
	})
	site := newMiniSite(t, []string{"/go", "/away", "/normal"}, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n") },
		"/go":         func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/private/x", http.StatusFound) },
		"/away": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, closed.url("/page"), http.StatusFound)
		},
		"/private/x": func(w http.ResponseWriter, r *http.Request) { writeArticle(w, "Centre de données privé", nil) },
	})
	rec := newLogRecorder()
	c, err := New(testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")}), newMemStore(), slog.New(rec))
	if err != nil {
		t.Fatal(err)
	}
	var out sink
	if err := c.Run(t.Context(), true, out.emit); err != nil {
		t.Fatal(err)
	}
	if st := c.Stats(); st.SkippedByReason[reasonRobots] != 2 || st.Failed != 0 {
		t.Errorf("SkippedByReason = %v, FailedByReason %v; want 2 %s", st.SkippedByReason, st.FailedByReason, reasonRobots)
	}
	if n := site.count("/private/x"); n != 0 {
		t.Errorf("disallowed redirect target requested %d times", n)
	}
	if n, m := closed.count("/page"), closed.count("/robots.txt"); n != 0 || m != 1 {
		t.Errorf("other host: page requested %d times, robots.txt %d; want 0 and 1", n, m)
	}
	for _, p := range []string{"/go", "/away"} {
		if _, ok := rec.find(site.url(p), "reason", reasonRobots); !ok {
			t.Errorf("no log record of %s skipped for %s", p, reasonRobots)
		}
	}
	if got := out.articles(); len(got) != 1 {
		t.Errorf("emitted %v, want /normal only", urlsOf(got))
	}
}

// TestRobotsCacheExpiry: entries are refetched after their time to live.
func TestRobotsCacheExpiry(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	}))
	defer srv.Close()
	cfg := testConfig()
	rc := newRobotsCache(newTransport(&cfg), cfg.UserAgent, time.Second)
	u := mustParse(t, srv.URL+"/private/a")
	for range 3 {
		if _, err := rc.check(t.Context(), u); err == nil {
			t.Error("disallowed URL allowed")
		}
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	rc.mu.Lock()
	for _, e := range rc.origins {
		e.expires = time.Now().Add(-time.Second)
	}
	rc.mu.Unlock()
	if _, err := rc.check(t.Context(), mustParse(t, srv.URL+"/public")); err != nil {
		t.Errorf("allowed URL: %v", err)
	}
	if n := hits.Load(); n != 2 {
		t.Errorf("expired robots.txt fetched %d times in all, want 2", n)
	}
}

// TestRobotsStrayLines: rules outside any User-agent group are ignored as RFC 9309 says, so a
// robots.txt without groups allows everything instead of making the host unavailable; lines
// robotstxt would reject do not hide the valid rules around them.
func TestRobotsStrayLines(t *testing.T) {
	tests := []struct {
		name, robots string
		blocked      []string
		allowed      []string
		delay        time.Duration
	}{
		{"no group", "Disallow: /private/\nAllow: /\n", nil, []string{"/private/a", "/"}, 0},
		{"no group, Crawl-delay", "Crawl-delay: 5\nDisallow: /\n", nil, []string{"/a"}, 0},
		{"sitemap only", "Sitemap: https://example.com/sitemap.xml\n", nil, []string{"/a"}, 0},
		{"rules before the first group", "Disallow: /\nUser-agent: *\nDisallow: /private/\n",
			[]string{"/private/a"}, []string{"/public"}, 0},
		{"byte order mark", "\ufeffUser-agent: *\nDisallow: /private/\n", []string{"/private/a"}, []string{"/a"}, 0},
		{"bad Crawl-delay", "User-agent: *\r\nCrawl-delay: soon\r\nDisallow: /private/\r\n",
			[]string{"/private/a"}, []string{"/a"}, 0},
		{"negative Crawl-delay", "User-agent: *\nCrawl-delay: -1\nDisallow: /private/\n",
			[]string{"/private/a"}, []string{"/a"}, 0},
		{"CR line ends", "User-agent: *\rCrawl-delay:2\rDisallow: /private/\r", []string{"/private/a"}, []string{"/a"}, 2 * time.Second},
		{"valid file", "# rules\nUser-agent: *\nCrawl-delay: 1.5\nDisallow: /private/ # no\nSitemap: https://example.com/s.xml\n",
			[]string{"/private/a"}, []string{"/a"}, 1500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, tt.robots)
			}))
			defer srv.Close()
			cfg := testConfig()
			rc := newRobotsCache(newTransport(&cfg), cfg.UserAgent, time.Second)
			for _, p := range tt.blocked {
				if _, err := rc.check(t.Context(), mustParse(t, srv.URL+p)); !errors.Is(err, errRobotsBlocked) {
					t.Errorf("%s: %v, want errRobotsBlocked", p, err)
				}
			}
			for _, p := range tt.allowed {
				delay, err := rc.check(t.Context(), mustParse(t, srv.URL+p))
				if err != nil {
					t.Errorf("%s: %v, want allowed", p, err)
				} else if delay != tt.delay {
					t.Errorf("%s: Crawl-delay %v, want %v", p, delay, tt.delay)
				}
			}
		})
	}
}

// TestDNSFailureReported: a host whose name does not resolve fails with reason dns, not as
// an unavailable robots.txt, although robots.txt is the first thing asked of it.
func TestDNSFailureReported(t *testing.T) {
	// .invalid never resolves (RFC 6761).
	page := "http://no-such-host.invalid/2025/04/article"
	site := newMiniSite(t, []string{page, "/normal"}, nil)
	c, _, rec := crawlRecorded(t, testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")}))
	st := c.Stats()
	if st.FailedByReason[reasonDNS] != 1 || st.FailedByReason[reasonRobotsDown] != 0 {
		t.Errorf("FailedByReason = %v, want the page failed once with reason %s", st.FailedByReason, reasonDNS)
	}
	if r, ok := rec.find(page, "reason", reasonDNS); !ok || r.Level < slog.LevelWarn {
		t.Errorf("DNS failure of %s not logged as a warning with reason %s (%+v)", page, reasonDNS, r)
	}
}
