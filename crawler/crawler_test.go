package crawler

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
)

func (s *testSite) sources() []Source {
	return []Source{
		{Kind: KindFeed, URL: s.url("/feeds/fr.rss")},
		{Kind: KindFeed, URL: s.url("/feeds/en.atom")},
		{Kind: KindSitemap, URL: s.url("/sitemap_index.xml")},
		{Kind: KindStart, URL: s.url("/"), MaxDepth: 3},
	}
}

type goldenArticle struct {
	Path      string    `json:"path"`
	Title     string    `json:"title"`
	Lang      string    `json:"lang"`
	Site      string    `json:"site"`
	Published time.Time `json:"published,omitzero"`
}

type goldenCrawl struct {
	Articles []goldenArticle `json:"articles"`
	Stats    Stats           `json:"stats"`
}

// pathOf strips the loopback origin, whose port changes from run to run.
func pathOf(t *testing.T, raw string) string {
	t.Helper()
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if u.Hostname() != "127.0.0.1" {
		return raw
	}
	return u.RequestURI()
}

func TestCrawlSite(t *testing.T) {
	site := newTestSite(t)
	cfg := testConfig(site.sources()...)
	start := time.Now()
	c, got := crawlOnce(t, cfg, openStore(t, t.TempDir()))
	st := c.Stats()
	t.Logf("crawl took %v: %+v", time.Since(start), st)

	// Every article is emitted once, under its canonical URL.
	byURL := make(map[string]claimwire.Article)
	for _, a := range got {
		if _, dup := byURL[a.URL]; dup {
			t.Errorf("%s emitted twice", a.URL)
		}
		byURL[a.URL] = a
		if a.ContentHash == "" || a.Crawled.IsZero() || a.Version != claimwire.SchemaVersion {
			t.Errorf("%s: incomplete article: hash %q crawled %v version %d", a.URL, a.ContentHash, a.Crawled, a.Version)
		}
	}
	if int64(len(got)) != st.Published {
		t.Errorf("emitted %d articles, Stats.Published = %d", len(got), st.Published)
	}
	for _, a := range site.articles {
		_, emitted := byURL[site.url(a.Path)]
		want := !strings.Contains(a.Pool, "off") && a.Slug != "offsite"
		if emitted != want {
			t.Errorf("%s: emitted %v, want %v", a.Path, emitted, want)
		}
	}

	// Politeness and traps.
	for _, r := range site.requested("/") {
		if r.UserAgent != cfg.UserAgent {
			t.Errorf("%s requested with User-Agent %q", r.Path, r.UserAgent)
		}
	}
	for _, path := range []string{"/private/report", "/nofollow-target", "/files/report.pdf"} {
		if n := site.hits(path); n != 0 {
			t.Errorf("%s requested %d times, want never", path, n)
		}
	}
	if n := len(site.requested("/agenda")); n < 1 || n > 3 {
		t.Errorf("calendar trap: %d months requested, want 1 to MaxDepth 3", n)
	}
	if n := site.hits("/news/en-08"); n != 1 {
		t.Errorf("/news/en-08 (also linked with utm parameters and a fragment) requested %d times, want 1", n)
	}
	if _, ok := byURL[site.url("/hidden/en-05")]; ok {
		t.Error("noindex page published")
	}
	if n := site.hits("/mirror/offsite"); n != 1 {
		t.Errorf("off-site redirect target requested %d times, want 1", n)
	}
	// Once per origin: 127.0.0.1, and localhost for the target of the /offsite redirect.
	if n := site.hits("/robots.txt"); n != 2 {
		t.Errorf("robots.txt requested %d times, want 2", n)
	}

	// Retries: the 500 and the 429 are followed by a success, the 429 no sooner than its
	// Retry-After.
	for _, path := range []string{"/flaky/500", "/flaky/429"} {
		if n := site.hits(path); n != 2 {
			t.Errorf("%s requested %d times, want 2", path, n)
		}
		if _, ok := byURL[site.url(path)]; !ok {
			t.Errorf("%s not published after its retry", path)
		}
	}
	if reqs := site.requested("/flaky/429"); len(reqs) == 2 {
		if gap := reqs[1].At.Sub(reqs[0].At); gap < time.Second {
			t.Errorf("429 retried after %v, before its Retry-After of 1s", gap)
		}
	}
	if n := site.hits("/files/slow"); n != cfg.MaxRetries+1 {
		t.Errorf("slow page requested %d times, want %d", n, cfg.MaxRetries+1)
	}

	// Charset: the Latin-1 page reaches article.Parse as raw bytes with its header.
	if a, ok := byURL[site.url("/files/latin1")]; !ok {
		t.Error("Latin-1 article not published")
	} else if !strings.HasPrefix(a.Title, "Données") {
		t.Errorf("Latin-1 title decoded as %q", a.Title)
	}

	wantFailed := map[string]int64{
		reasonRedirectLoop: 1, reasonRedirectLimit: 1, "http_404": 1, reasonBodyTooLarge: 2, reasonTimeout: 1,
	}
	for reason, n := range wantFailed {
		if st.FailedByReason[reason] < n {
			t.Errorf("FailedByReason[%s] = %d, want at least %d (%v)", reason, st.FailedByReason[reason], n, st.FailedByReason)
		}
	}
	wantSkipped := map[string]int64{reasonRobots: 1, reasonBinaryBody: 1, reasonContentType: 1, reasonDuplicate: 1, reasonOffSite: 1, reasonNoIndex: 1}
	for reason, n := range wantSkipped {
		if st.SkippedByReason[reason] < n {
			t.Errorf("SkippedByReason[%s] = %d, want at least %d (%v)", reason, st.SkippedByReason[reason], n, st.SkippedByReason)
		}
	}
	sum := func(m map[string]int64) (n int64) {
		for _, v := range m {
			n += v
		}
		return n
	}
	if st.Failed != sum(st.FailedByReason) || st.Skipped != sum(st.SkippedByReason) {
		t.Errorf("Failed %d and Skipped %d disagree with their reasons %v %v", st.Failed, st.Skipped, st.FailedByReason, st.SkippedByReason)
	}
	if st.OffTopic < 6 {
		t.Errorf("OffTopic = %d, want at least the 6 off-topic articles", st.OffTopic)
	}
	if st.NotArticle < 3 {
		t.Errorf("NotArticle = %d, want at least the home page and the two sections", st.NotArticle)
	}

	var g goldenCrawl
	for _, a := range got {
		if !strings.HasPrefix(a.URL, "http://"+a.Site+"/") {
			t.Errorf("site %q is not the host and port of %s", a.Site, a.URL)
		}
		g.Articles = append(g.Articles, goldenArticle{
			// Not FetchedURL: which of two URLs of one article comes first varies; the site's
			// port changes every run.
			Path: pathOf(t, a.URL), Title: a.Title, Lang: a.Lang, Site: strings.Split(a.Site, ":")[0], Published: a.Published,
		})
	}
	slices.SortFunc(g.Articles, func(a, b goldenArticle) int { return strings.Compare(a.Path, b.Path) })
	// The 429, the 500 and the slow page are retried once each; a busy machine may time out a
	// sound page too and retry it, so the count is a floor, not part of the golden.
	if st.Retries < 3 {
		t.Errorf("Retries = %d, want at least the 429, the 500 and the slow page", st.Retries)
	}
	g.Stats = st
	g.Stats.Bytes = 0 // feeds and sitemaps embed the server's port
	g.Stats.Retries = 0
	checkGolden(t, "crawl.json", g)
}

// TestCrawlSamplePages crawls the article package's sample pages. Their extraction is that
// package's business (and its goldens); here every page must be fetched once and settled.
func TestCrawlSamplePages(t *testing.T) {
	site := newTestSite(t)
	// MaxDepth 1: the sample pages link to paths this site does not have.
	cfg := testConfig(Source{Kind: KindStart, URL: site.url("/pages/"), MaxDepth: 1})
	c, got := crawlOnce(t, cfg, openStore(t, t.TempDir()))
	st := c.Stats()
	for _, p := range site.pages {
		if n := site.hits("/pages/" + p.Path); n != 1 {
			t.Errorf("%s requested %d times, want 1", p.Path, n)
		}
	}
	if st.Failed != 0 {
		t.Errorf("failures: %v", st.FailedByReason)
	}
	// The index plus every page ends as exactly one outcome.
	if settled := st.Published + st.OffTopic + st.NotArticle + st.Skipped + st.Unchanged; settled != int64(len(site.pages))+1 {
		t.Errorf("%d outcomes for %d pages and the index: %+v", settled, len(site.pages), st)
	}
	if st.Published == 0 || st.OffTopic == 0 {
		t.Errorf("want both on- and off-topic sample pages: %+v", st)
	}
	topics, err := newTopicMatcher(cfg.Topics)
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, a := range got {
		if seen[a.URL] {
			t.Errorf("%s emitted twice", a.URL)
		}
		seen[a.URL] = true
		if a.Title == "" || a.Text == "" || (a.Lang != "fr" && a.Lang != "en") {
			t.Errorf("%s: title %q, lang %q, %d bytes of text", a.URL, a.Title, a.Lang, len(a.Text))
		}
		if v := topics.judge(a.Title, a.Text); !v.on {
			t.Errorf("%s emitted but off topic: %+v", a.URL, v)
		}
	}
}

func TestJSONFeed(t *testing.T) {
	site := newTestSite(t)
	_, got := crawlOnce(t, testConfig(Source{Kind: KindFeed, URL: site.url("/feeds/en.json")}), openStore(t, t.TempDir()))
	var paths []string
	for _, a := range got {
		paths = append(paths, pathOf(t, a.URL))
	}
	slices.Sort(paths)
	want := []string{"/news/en-01", "/news/en-02", "/news/en-03", "/news/en-04", "/news/en-05", "/news/en-06"}
	if !slices.Equal(paths, want) {
		t.Errorf("emitted %v, want %v", paths, want)
	}
}

// TestExcludeStopsTrap follows links deep, with an Exclude rule as the only guard against the
// endless calendar.
func TestExcludeStopsTrap(t *testing.T) {
	site := newTestSite(t)
	cfg := testConfig(Source{Kind: KindStart, URL: site.url("/"), MaxDepth: 8,
		Exclude: []string{`/agenda\b`, `/files/`, `/flaky/`}, Include: []string{`/(news|section|agenda|files|flaky)/?`}})
	_, got := crawlOnce(t, cfg, openStore(t, t.TempDir()))
	if n := len(site.requested("/agenda")); n != 0 {
		t.Errorf("excluded calendar requested %d times", n)
	}
	for _, path := range []string{"/mentions", "/loop/a", "/old/story", "/files/slow"} {
		if n := site.hits(path); n != 0 {
			t.Errorf("%s, matching no Include pattern or an Exclude one, requested %d times", path, n)
		}
	}
	if len(got) != 24 {
		t.Errorf("emitted %d articles, want the 24 on-topic /news/ articles reachable from the sections", len(got))
	}
}

// TestRestartAndChange restarts the crawler on its FileStore: known articles are not requested
// again, except the one whose sitemap date moved, which is emitted as a new version; once
// recheck_after has passed, articles are re-checked with conditional GETs.
func TestRestartAndChange(t *testing.T) {
	site := newTestSite(t)
	cfg := testConfig(
		Source{Kind: KindFeed, URL: site.url("/feeds/fr.rss")},
		Source{Kind: KindSitemap, URL: site.url("/sitemaps/articles.xml")},
	)
	dir := t.TempDir()

	store := openStore(t, dir)
	_, first := crawlOnce(t, cfg, store)
	if len(first) == 0 {
		t.Fatal("first crawl emitted nothing")
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	listed := make(map[string]bool) // article paths of the feed and the sitemap
	for _, r := range site.requested("/news/") {
		listed[r.Path] = true
	}
	for p := range listed {
		if n := site.hits(p); n != 1 {
			t.Errorf("first crawl requested %s %d times", p, n)
		}
	}

	// While the crawler is down, an article changes and its sitemap date moves.
	const changed = "/news/fr-08"
	site.edit(changed, "Mise à jour : le projet compte désormais 60 000 GPU au lieu de 50 000.", siteEpoch.AddDate(0, 1, 0))
	store = openStore(t, dir)
	defer store.Close()
	if store.Len() != len(first) {
		t.Errorf("reopened store holds %d URLs, want %d", store.Len(), len(first))
	}
	c, got := crawlOnce(t, cfg, store)
	counts := make(map[string]int)
	for p := range listed {
		counts[p] = site.hits(p)
		want := 1
		if p == changed {
			want = 2
		}
		if counts[p] != want {
			t.Errorf("after the restart %s was requested %d times in all, want %d", p, counts[p], want)
		}
	}
	t.Logf("requests per article after the restart: %v", counts)
	if len(got) != 1 || got[0].URL != site.url(changed) {
		t.Fatalf("after the restart emitted %v, want only %s", urlsOf(got), changed)
	}
	old := first[slices.IndexFunc(first, func(a claimwire.Article) bool { return a.URL == got[0].URL })]
	if got[0].ContentHash == old.ContentHash || !strings.Contains(got[0].Text, "60 000 GPU") {
		t.Errorf("changed article: hash %s (was %s), text %q", got[0].ContentHash, old.ContentHash, got[0].Text)
	}
	// The RSS feed answers 304 (ETag), so only the sitemap's nine entries are listed.
	if st := c.Stats(); st.SkippedByReason[reasonKnown] != 8 || st.Fetched != 3 {
		t.Errorf("restart: SkippedByReason[known] = %d, Fetched %d; want the 8 unchanged sitemap entries skipped, "+
			"and the feed, the sitemap and the changed article fetched: %+v", st.SkippedByReason[reasonKnown], st.Fetched, st)
	}

	// Past recheck_after every listed article is due: it is asked for with its ETag and the
	// 304 counts as unchanged.
	cfg.RecheckAfter = time.Nanosecond
	before := len(site.requested("/news/"))
	c, got = crawlOnce(t, cfg, store)
	if len(got) != 0 {
		t.Errorf("re-check emitted %v", urlsOf(got))
	}
	sitemapped := 0
	for _, r := range site.requested("/news/")[before:] {
		sitemapped++
		if r.IfNoneMatch == "" {
			t.Errorf("re-check of %s without If-None-Match", r.Path)
		}
	}
	if st := c.Stats(); sitemapped != 9 || st.Unchanged < 9 || st.Published != 0 {
		t.Errorf("re-check: %d article requests, Unchanged %d, Published %d; want 9 conditional GETs answered 304",
			sitemapped, st.Unchanged, st.Published)
	}
}

func urlsOf(as []claimwire.Article) []string {
	var res []string
	for _, a := range as {
		res = append(res, a.URL)
	}
	return res
}

func TestEmitFailureIsRetriedNextRound(t *testing.T) {
	site := newTestSite(t)
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemaps/articles.xml")})
	store := openStore(t, t.TempDir())
	defer store.Close()
	c, err := New(cfg, store, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	var out sink
	out.setFailing(errors.New("bus down"))
	if err := c.Run(t.Context(), true, out.emit); err != nil {
		t.Fatal(err)
	}
	st := c.Stats()
	if st.FailedByReason[reasonEmit] != 9 || store.Len() != 0 {
		t.Fatalf("failing emit: FailedByReason %v, store holds %d", st.FailedByReason, store.Len())
	}
	out.setFailing(nil)
	if err := c.Run(t.Context(), true, out.emit); err != nil {
		t.Fatal(err)
	}
	if got := out.articles(); len(got) != 9 || store.Len() != 9 {
		t.Errorf("second round emitted %d and stored %d, want 9 and 9", len(got), store.Len())
	}
}

func TestRunPollsUntilCanceled(t *testing.T) {
	site := newTestSite(t)
	cfg := testConfig(
		Source{Kind: KindFeed, URL: site.url("/feeds/fr.rss")},
		Source{Kind: KindFeed, URL: site.url("/feeds/en.atom")},
	)
	cfg.FeedInterval = 100 * time.Millisecond
	store := openStore(t, t.TempDir())
	defer store.Close()
	c, err := New(cfg, store, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	var out sink
	go func() { done <- c.Run(ctx, false, out.emit) }()
	deadline := time.Now().Add(10 * time.Second)
	// The fourth poll starts after the third round ended: rounds 2 and 3 are fully counted.
	for len(site.requested("/feeds/fr.rss")) < 4 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	st := c.Stats()
	if n := len(site.requested("/feeds/fr.rss")); n < 4 {
		t.Fatalf("feed polled %d times, want at least 4", n)
	}
	// Later polls are conditional (ETag for RSS, Last-Modified for Atom) and answered 304.
	if st.Unchanged < 4 {
		t.Errorf("Unchanged = %d, want the 304s of at least two re-polls of two feeds", st.Unchanged)
	}
	if n := site.hits("/news/fr-02"); n != 1 {
		t.Errorf("feed item fetched %d times while polling, want 1", n)
	}
	if got := out.articles(); len(got) != 12 {
		t.Errorf("emitted %d articles, want the 12 on-topic feed items once", len(got))
	}
}

func TestDelayIsHonoured(t *testing.T) {
	site := newTestSite(t)
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemaps/articles.xml")})
	cfg.Delay = 150 * time.Millisecond
	cfg.Parallelism = 1 // with more, a request delayed in flight can arrive close to the next
	crawlOnce(t, cfg, openStore(t, t.TempDir()))
	var starts []time.Time
	for _, r := range site.requested("/") {
		if r.Path != "/robots.txt" { // fetched by colly outside the frontier
			starts = append(starts, r.At)
		}
	}
	if len(starts) != 10 {
		t.Fatalf("%d requests, want the sitemap and its 9 articles", len(starts))
	}
	const slack = 15 * time.Millisecond // server-side timestamps lag the dispatch
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < cfg.Delay-slack {
			t.Errorf("requests %d and %d only %v apart, want at least %v", i-1, i, gap, cfg.Delay)
		}
	}
}

func TestCancelStopsPromptly(t *testing.T) {
	site := newTestSite(t)
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemaps/articles.xml")})
	cfg.Delay = 10 * time.Second
	store := openStore(t, t.TempDir())
	defer store.Close()
	c, err := New(cfg, store, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = c.Run(ctx, true, (&sink{}).emit)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Run returned %v, want context.DeadlineExceeded", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Run took %v to stop", took)
	}
}

func TestPrivateAddressesRefused(t *testing.T) {
	site := newTestSite(t)
	// By address and by a name that resolves to it: the check runs on the dialled address.
	cfg := testConfig(
		Source{Kind: KindStart, URL: site.url("/")},
		Source{Kind: KindFeed, URL: strings.Replace(site.url("/feeds/fr.rss"), "127.0.0.1", "localhost", 1)},
	)
	cfg.AllowPrivateAddresses = false
	c, got := crawlOnce(t, cfg, openStore(t, t.TempDir()))
	if len(got) != 0 {
		t.Errorf("emitted %d articles from a loopback site", len(got))
	}
	if st := c.Stats(); st.FailedByReason[reasonPrivateAddress] != 2 || st.Failed != 2 {
		t.Errorf("FailedByReason = %v, want two %s", st.FailedByReason, reasonPrivateAddress)
	}
	if n := len(site.requested("/")); n != 0 {
		t.Errorf("loopback site got %d requests", n)
	}
}

func TestRunRejectsMisuse(t *testing.T) {
	c, err := New(testConfig(), openStore(t, t.TempDir()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Run(t.Context(), true, nil); err == nil {
		t.Error("Run accepted a nil emit function")
	}
	if err := c.Run(t.Context(), true, (&sink{}).emit); err != nil {
		t.Errorf("Run without sources: %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"3", 3 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"-5", 0},
		{"999999999999", maxRetryAfter},
		{now.Add(90 * time.Second).Format(http1123), 90 * time.Second},
		{now.Add(-time.Hour).Format(http1123), 0},
		{"soon", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"
