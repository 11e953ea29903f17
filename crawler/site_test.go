package crawler

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// testSite is a loopback news site: generated articles (testdata/site/articles.json), the
// article package's sample pages, feeds, sitemaps and hostile endpoints. It records every
// request so that tests can assert what was (not) fetched.
type testSite struct {
	t   testing.TB
	srv *httptest.Server

	articles []*siteArticle
	byPath   map[string]*siteArticle
	pools    map[string][]string
	pages    []samplePage // crawler/article/testdata/pages

	mu       sync.Mutex
	requests []siteRequest
	flaky    map[string]int       // path -> failures served so far
	edits    map[string]string    // path -> paragraph added to the article
	lastmods map[string]time.Time // path -> sitemap lastmod override
}

type siteRequest struct {
	Path        string // path and query
	At          time.Time
	UserAgent   string
	IfNoneMatch string
}

type siteArticle struct {
	Slug    string `json:"slug"`
	Pool    string `json:"pool"`
	Path    string `json:"path"`
	Charset string `json:"charset"`
	Title   string `json:"title"`
	Lead    string `json:"lead"`
	index   int
}

type samplePage struct {
	Path        string `json:"path"`
	ContentType string `json:"content_type"`
}

// siteEpoch dates the generated articles; fixed so that goldens are stable.
var siteEpoch = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)

func newTestSite(t testing.TB) *testSite {
	t.Helper()
	var data struct {
		Pools    map[string][]string `json:"pools"`
		Articles []*siteArticle      `json:"articles"`
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "site", "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	s := &testSite{
		t: t, pools: data.Pools, articles: data.Articles, byPath: make(map[string]*siteArticle),
		flaky: make(map[string]int), edits: make(map[string]string), lastmods: make(map[string]time.Time),
		pages: loadSamplePages(t),
	}
	for i, a := range s.articles {
		a.index = i
		if a.Path == "" {
			a.Path = "/news/" + a.Slug
		}
		s.byPath[a.Path] = a
	}
	gzipBomb() // built before serving, so that the first request does not time out building it
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// loadSamplePages reads the article package's manifest of sample pages.
func loadSamplePages(t testing.TB) []samplePage {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("article", "testdata", "pages", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []samplePage
	if err := json.Unmarshal(raw, &pages); err != nil {
		t.Fatalf("article/testdata/pages/index.json: %v", err)
	}
	return pages
}

func (s *testSite) url(path string) string { return s.srv.URL + path }

// hits counts the requests for an exact path and query.
func (s *testSite) hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Path == path {
			n++
		}
	}
	return n
}

// requested returns the requests whose path and query start with prefix, in order.
func (s *testSite) requested(prefix string) []siteRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res []siteRequest
	for _, r := range s.requests {
		if strings.HasPrefix(r.Path, prefix) {
			res = append(res, r)
		}
	}
	return res
}

// edit changes an article's text (and its sitemap lastmod) so that its content hash changes.
func (s *testSite) edit(path, paragraph string, lastmod time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.edits[path] = paragraph
	s.lastmods[path] = lastmod
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, siteRequest{Path: r.URL.RequestURI(), At: time.Now(), UserAgent: r.UserAgent(),
		IfNoneMatch: r.Header.Get("If-None-Match")})
	s.mu.Unlock()
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		// Only the group for our user agent (matched by prefix) lets anything through.
		fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: claimwire\nDisallow: /private/\n")
	case p == "/":
		s.serveHome(w)
	case p == "/feeds/fr.rss":
		s.serveRSS(w, r)
	case p == "/feeds/en.atom":
		s.serveAtom(w, r)
	case p == "/feeds/en.json":
		s.serveJSONFeed(w)
	case p == "/sitemap_index.xml":
		s.serveSitemapIndex(w)
	case p == "/sitemaps/articles.xml":
		s.serveSitemap(w, "articles", "fr-07", "fr-08", "fr-09", "fr-10", "fr-11", "fr-12", "en-07", "en-08", "en-09")
	case p == "/sitemaps/news.xml":
		s.serveSitemap(w, "news", "en-10", "en-11", "en-12", "fr-off-2", "en-off-2", "fr-01")
	case p == "/sitemaps/archive.xml.gz":
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		s.writeSitemap(zw, "archive", "fr-off-3", "en-off-3")
		zw.Close()
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(buf.Bytes())
	case strings.HasPrefix(p, "/section/"):
		s.serveSection(w, strings.TrimPrefix(p, "/section/"))
	case p == "/agenda":
		month, _ := strconv.Atoi(r.URL.Query().Get("month"))
		writeHTML(w, "fr", fmt.Sprintf("Agenda du mois %d", month), fmt.Sprintf(
			`<p>Rien de prévu ce mois-ci.</p><a href="/agenda?month=%d">Mois suivant</a>`, month+1))
	case strings.HasPrefix(p, "/alias/"):
		// The same article under another URL, pointing to the original with rel=canonical.
		s.serveArticle(w, r, s.byPath["/news/"+strings.TrimPrefix(p, "/alias/")], `<link rel="canonical" href="/news/`+strings.TrimPrefix(p, "/alias/")+`">`)
	case p == "/hidden/en-05":
		// A copy that asks not to be indexed.
		s.serveArticle(w, r, s.byPath["/news/en-05"], `<meta name="robots" content="noindex">`)
	case p == "/offsite":
		// Another host name for the same server: outside the start page's domain.
		http.Redirect(w, r, strings.Replace(s.url("/mirror/offsite"), "127.0.0.1", "localhost", 1), http.StatusFound)
	case p == "/old/story":
		http.Redirect(w, r, "/news/moved", http.StatusMovedPermanently)
	case p == "/loop/a":
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	case p == "/loop/b":
		http.Redirect(w, r, "/loop/a", http.StatusFound)
	case strings.HasPrefix(p, "/chain/"):
		n, _ := strconv.Atoi(strings.TrimPrefix(p, "/chain/"))
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	case p == "/flaky/500":
		if s.failFirst(p) {
			http.Error(w, "temporarily broken", http.StatusInternalServerError)
			return
		}
		s.serveArticle(w, r, s.byPath[p], "")
	case p == "/flaky/429":
		if s.failFirst(p) {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		s.serveArticle(w, r, s.byPath[p], "")
	case p == "/files/report.bin":
		w.Header().Set("Content-Type", "text/html")
		body := make([]byte, 4096)
		for i := range body {
			body[i] = byte(i * 7)
		}
		w.Write(body)
	case p == "/files/big":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>")
		w.Write(bytes.Repeat([]byte("des puces et des centres de données "), 2<<20/36))
	case p == "/files/bomb":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBomb())
	case p == "/files/slow":
		// Slowloris: headers at once, then a byte every 50 ms for far longer than the timeout.
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		for range 200 {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
			w.Write([]byte("a"))
			w.(http.Flusher).Flush()
		}
	case p == "/files/doc":
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4 not really")
	case p == "/mentions":
		writeHTML(w, "fr", "Mentions légales", "<p>Site de démonstration.</p>")
	case p == "/pages/":
		var b strings.Builder
		for _, pg := range s.pages {
			fmt.Fprintf(&b, `<li><a href="/pages/%s">%s</a></li>`, pg.Path, html.EscapeString(pg.Path))
		}
		writeHTML(w, "en", "Sample pages", "<ul>"+b.String()+"</ul>")
	case strings.HasPrefix(p, "/pages/"):
		s.serveSamplePage(w, r, strings.TrimPrefix(p, "/pages/"))
	case s.byPath[p] != nil:
		s.serveArticle(w, r, s.byPath[p], "")
	default:
		http.NotFound(w, r)
	}
}

// failFirst reports whether this request for path is the first one, which fails.
func (s *testSite) failFirst(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flaky[path]++
	return s.flaky[path] == 1
}

func writeHTML(w http.ResponseWriter, lang, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html>\n<html lang=%q><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n<h1>%s</h1>\n%s\n</body></html>\n",
		lang, html.EscapeString(title), html.EscapeString(title), body)
}

func (s *testSite) serveHome(w http.ResponseWriter) {
	links := []string{
		"/section/fr", "/section/en", "/agenda?month=1", "/private/report", "/old/story", "/offsite", "/hidden/en-05",
		"/loop/a", "/chain/1", "/missing", "/flaky/500", "/flaky/429",
		"/news/en-08?utm_source=home&utm_medium=web", "/news/en-08#comments", "/alias/en-08",
		"/files/report.bin", "/files/big", "/files/bomb", "/files/slow", "/files/doc", "/files/latin1",
		"/files/report.pdf", "/mentions",
		"mailto:redaction@example.org", "javascript:void(0)", "http://example.invalid/elsewhere",
	}
	var b strings.Builder
	for _, l := range links {
		fmt.Fprintf(&b, "<li><a href=%q>%s</a></li>\n", l, html.EscapeString(l))
	}
	b.WriteString(`<li><a rel="nofollow" href="/nofollow-target">Ne pas suivre</a></li>`)
	writeHTML(w, "fr", "Le Veilleur | accueil", "<ul>\n"+b.String()+"</ul>")
}

func (s *testSite) serveSection(w http.ResponseWriter, lang string) {
	var b strings.Builder
	for _, a := range s.articles {
		if strings.HasPrefix(a.Slug, lang+"-") {
			fmt.Fprintf(&b, "<li><a href=%q>%s</a></li>\n", a.Path, html.EscapeString(a.Title))
		}
	}
	writeHTML(w, lang, "Rubrique "+lang, "<ul>\n"+b.String()+"</ul>")
}

// serveArticle renders a generated article; extraHead goes into <head> (rel=canonical). It
// answers conditional GETs on an ETag of the body.
func (s *testSite) serveArticle(w http.ResponseWriter, r *http.Request, a *siteArticle, extraHead string) {
	if a == nil {
		http.Error(w, "no such article", http.StatusNotFound)
		return
	}
	lang := strings.SplitN(a.Pool, "-", 2)[0]
	pool := s.pools[a.Pool]
	related := s.articles[(a.index+1)%len(s.articles)]
	if strings.HasPrefix(related.Path, "/mirror/") { // reachable only through /offsite
		related = s.articles[(a.index+2)%len(s.articles)]
	}
	charset := cmpOr(a.Charset, "utf-8")
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=%q><head><meta charset=%q>\n", lang, charset)
	fmt.Fprintf(&b, "<title>%s | Le Veilleur</title>\n", html.EscapeString(a.Title))
	fmt.Fprintf(&b, "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:site_name\" content=\"Le Veilleur\">\n")
	fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=%q>\n%s\n</head>\n<body>\n",
		siteEpoch.AddDate(0, 0, a.index).Format(time.RFC3339), extraHead)
	b.WriteString(`<nav><a href="/">Accueil</a> <a href="/section/fr">France</a> <a href="/section/en">World</a></nav>` + "\n")
	fmt.Fprintf(&b, "<article>\n<h1>%s</h1>\n<p>%s</p>\n", html.EscapeString(a.Title), html.EscapeString(a.Lead))
	for i := range 3 {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(pool[(a.index+i)%len(pool)]))
	}
	s.mu.Lock()
	if e := s.edits[a.Path]; e != "" {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(e))
	}
	s.mu.Unlock()
	fmt.Fprintf(&b, "<p>Lire aussi : <a href=%q>%s</a></p>\n</article>\n", related.Path, html.EscapeString(related.Title))
	b.WriteString("<footer><a href=\"/mentions\">Mentions légales</a></footer>\n</body></html>\n")
	body := []byte(b.String())
	if charset == "iso-8859-1" {
		var err error
		if body, err = charmap.ISO8859_1.NewEncoder().Bytes(body); err != nil {
			s.t.Errorf("encode %s: %v", a.Path, err)
		}
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset="+charset)
	w.Write(body)
}

// gzipBomb is 8 KiB of gzip that inflates to 8 MiB, built once: compressing is slow under -race.
var gzipBomb = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write([]byte("<html><body><p>"))
	zw.Write(make([]byte, 8<<20))
	zw.Close()
	return buf.Bytes()
})

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *testSite) lastmod(a *siteArticle) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.lastmods[a.Path]; ok {
		return t
	}
	return siteEpoch.AddDate(0, 0, a.index)
}

func (s *testSite) serveSitemapIndex(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n")
	for _, p := range []string{"/sitemaps/articles.xml", "/sitemaps/news.xml", "/sitemaps/archive.xml.gz"} {
		fmt.Fprintf(w, "<sitemap><loc>%s</loc><lastmod>2025-03-20</lastmod></sitemap>\n", s.url(p))
	}
	fmt.Fprint(w, "</sitemapindex>\n")
}

func (s *testSite) serveSitemap(w http.ResponseWriter, kind string, slugs ...string) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	s.writeSitemap(w, kind, slugs...)
}

func (s *testSite) writeSitemap(w interface{ Write([]byte) (int, error) }, kind string, slugs ...string) {
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`+"\n")
	for _, slug := range slugs {
		a := s.byPath["/news/"+slug]
		if kind == "news" {
			fmt.Fprintf(w, "<url><loc>%s</loc><news:news><news:publication><news:name>Le Veilleur</news:name><news:language>%s</news:language></news:publication>"+
				"<news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
				s.url(a.Path), a.Pool[:2], s.lastmod(a).Format(time.RFC3339), html.EscapeString(a.Title))
			continue
		}
		fmt.Fprintf(w, "<url><loc>%s</loc><lastmod>%s</lastmod></url>\n", s.url(a.Path), s.lastmod(a).Format(time.RFC3339))
	}
	fmt.Fprint(w, "</urlset>\n")
}

func (s *testSite) feedArticles(prefix string) []*siteArticle {
	var res []*siteArticle
	for _, slug := range []string{"01", "02", "03", "04", "05", "06", "off-1"} {
		res = append(res, s.byPath["/news/"+prefix+"-"+slug])
	}
	return res
}

func (s *testSite) serveRSS(w http.ResponseWriter, r *http.Request) {
	const etag = `"fr-rss-v1"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<rss version=\"2.0\"><channel><title>Le Veilleur</title><link>"+s.url("/")+"</link><description>Actualité</description>\n")
	for _, a := range s.feedArticles("fr") {
		fmt.Fprintf(w, "<item><title>%s</title><link>%s?utm_source=rss</link><guid>%s</guid><pubDate>%s</pubDate></item>\n",
			html.EscapeString(a.Title), s.url(a.Path), s.url(a.Path), s.lastmod(a).Format(time.RFC1123Z))
	}
	fmt.Fprint(w, "</channel></rss>\n")
}

func (s *testSite) serveAtom(w http.ResponseWriter, r *http.Request) {
	lastModified := siteEpoch.Format(http.TimeFormat)
	if r.Header.Get("If-Modified-Since") == lastModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Last-Modified", lastModified)
	w.Header().Set("Content-Type", "application/atom+xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom"><title>The Watcher</title><id>urn:test:feed</id>`+
		"<updated>"+siteEpoch.Format(time.RFC3339)+"</updated>\n")
	for _, a := range s.feedArticles("en") {
		// Relative links resolve against the feed's URL.
		fmt.Fprintf(w, "<entry><title>%s</title><id>urn:test:%s</id><link href=%q/><updated>%s</updated></entry>\n",
			html.EscapeString(a.Title), a.Slug, a.Path, s.lastmod(a).Format(time.RFC3339))
	}
	fmt.Fprint(w, "</feed>\n")
}

func (s *testSite) serveJSONFeed(w http.ResponseWriter) {
	type item struct {
		ID           string `json:"id"`
		URL          string `json:"url"`
		Title        string `json:"title"`
		DateModified string `json:"date_modified"`
		ContentText  string `json:"content_text"`
	}
	feed := struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Items   []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: "The Watcher"}
	for _, a := range s.feedArticles("en") {
		feed.Items = append(feed.Items, item{ID: a.Slug, URL: s.url(a.Path), Title: a.Title,
			DateModified: s.lastmod(a).Format(time.RFC3339), ContentText: a.Lead})
	}
	w.Header().Set("Content-Type", "application/feed+json")
	json.NewEncoder(w).Encode(feed)
}

// serveSamplePage serves one of the article package's pages with the headers its manifest
// gives.
func (s *testSite) serveSamplePage(w http.ResponseWriter, r *http.Request, path string) {
	i := slices.IndexFunc(s.pages, func(p samplePage) bool { return p.Path == path })
	if i < 0 {
		http.NotFound(w, r)
		return
	}
	body, err := os.ReadFile(filepath.Join("article", "testdata", "pages", filepath.FromSlash(path)))
	if err != nil {
		s.t.Errorf("sample page %s: %v", path, err)
		http.NotFound(w, r)
		return
	}
	if ct := s.pages[i].ContentType; ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Write(body)
}
