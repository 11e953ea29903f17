package samplesite

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
	"github.com/temoto/robotstxt"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testHost is the Host the tests' requests carry; generated URLs must use it.
const testHost = "news.example.test"

const testBase = "http://" + testHost

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = testHost
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// sites returns the bundled publications with their loaded manifests.
func sites(t testing.TB) []*site {
	t.Helper()
	pubs, err := Publications()
	if err != nil {
		t.Fatal(err)
	}
	var out []*site
	for _, p := range pubs {
		s, ok := p.Handler.(*site)
		if !ok {
			t.Fatalf("%s: handler is %T", p.Slug, p.Handler)
		}
		out = append(out, s)
	}
	return out
}

func document(t testing.TB, body []byte) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestPublications(t *testing.T) {
	pubs, err := Publications()
	if err != nil {
		t.Fatal(err)
	}
	articles := 0
	pubsByLang := map[string]int{}
	for _, p := range pubs {
		s := p.Handler.(*site)
		if p.Slug != s.slug || p.Name != s.Name || p.Lang != s.Lang {
			t.Errorf("publication %+v does not match its manifest (%s, %s, %s)", p, s.slug, s.Name, s.Lang)
		}
		articles += len(s.Articles)
		pubsByLang[p.Lang]++
	}
	if articles < 12 {
		t.Errorf("%d articles, want at least 12", articles)
	}
	if len(pubsByLang) < 2 {
		t.Errorf("languages %v, want at least 2", pubsByLang)
	}
	for lang, n := range pubsByLang {
		if n < 2 {
			t.Errorf("%d publication(s) in %s, want 2 so that sources can disagree", n, lang)
		}
	}
	if !slices.IsSortedFunc(pubs, func(a, b Publication) int { return strings.Compare(a.Slug, b.Slug) }) {
		t.Error("publications are not sorted by slug")
	}
	// Callers get their own slice.
	pubs[0].Slug = "changed"
	again, err := Publications()
	if err != nil {
		t.Fatal(err)
	}
	if again[0].Slug == "changed" {
		t.Error("Publications returns a shared slice")
	}
}

// voidElements have no end tag.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// checkBalanced reports the first unclosed or mismatched tag: the pages are hand-written, and
// a forgotten </div> would silently change what an extractor sees.
func checkBalanced(body []byte) error {
	z := html.NewTokenizer(bytes.NewReader(body))
	var open []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				return z.Err()
			}
			if len(open) > 0 {
				return fmt.Errorf("unclosed %v", open)
			}
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(open) == 0 || open[len(open)-1] != string(name) {
				return fmt.Errorf("</%s> closes %v", name, open)
			}
			open = open[:len(open)-1]
		}
	}
}

// furniture lists, per site, the selectors of the page furniture every page must carry.
var furniture = map[string][]string{
	"courrier-numerique": {"#cookie-consent", "header.masthead nav a", ".ad", ".most-read ol li", ".newsletter form", "footer.site-footer"},
	"tech-territoires":   {"#rgpd", "#menu-principal a", ".pub", ".top-lectures li", ".lettre form", "#pied-de-page"},
	"compute-ledger":     {".consent-banner", "header.site-header nav a", ".advert", ".popular ol li", ".signup form", "footer.colophon"},
	"silicon-weekly":     {"#cookie-bar", ".navbar .nav-links a", ".ad-slot", ".trending li", ".newsletter form", "footer"},
}

func TestEveryHTMLPage(t *testing.T) {
	for _, s := range sites(t) {
		sels, ok := furniture[s.slug]
		if !ok {
			t.Fatalf("%s: no furniture selectors in the test", s.slug)
		}
		for p, res := range s.resources {
			if res.contentType != htmlType {
				continue
			}
			t.Run(s.slug+p, func(t *testing.T) {
				rec := get(t, s, p)
				if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != htmlType {
					t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
				}
				if err := checkBalanced(rec.Body.Bytes()); err != nil {
					t.Fatalf("malformed HTML: %v", err)
				}
				doc := document(t, rec.Body.Bytes())
				if lang, _ := doc.Find("html").Attr("lang"); lang != s.Lang {
					t.Errorf("lang %q, want %q", lang, s.Lang)
				}
				if strings.TrimSpace(doc.Find("head title").Text()) == "" || doc.Find("h1").Length() != 1 {
					t.Error("want a title and exactly one h1")
				}
				if c, _ := doc.Find(`link[rel="canonical"]`).Attr("href"); c != p {
					t.Errorf("canonical %q, want the relative path %q", c, p)
				}
				if sn, _ := doc.Find(`meta[property="og:site_name"]`).Attr("content"); sn != s.Name {
					t.Errorf("og:site_name %q, want %q", sn, s.Name)
				}
				for _, sel := range sels {
					if doc.Find(sel).Length() == 0 {
						t.Errorf("no %s", sel)
					}
				}
			})
		}
	}
}

// links returns the URLs a page points to, resolved against its own URL.
func links(t *testing.T, page *url.URL, body []byte) []*url.URL {
	t.Helper()
	doc := document(t, body)
	var out []*url.URL
	doc.Find("a[href], link[href], script[src], img[src], form[action]").Each(func(_ int, sel *goquery.Selection) {
		for _, attr := range []string{"href", "src", "action"} {
			if v, ok := sel.Attr(attr); ok {
				u, err := page.Parse(v)
				if err != nil {
					t.Errorf("%s: bad link %q: %v", page, v, err)
					continue
				}
				out = append(out, u)
			}
		}
	})
	return out
}

// TestNoBrokenLinks crawls each site from its home page, robots.txt, feed and sitemap, like
// the demo's crawler will, and checks that every link resolves and every page is reachable.
func TestNoBrokenLinks(t *testing.T) {
	for _, s := range sites(t) {
		t.Run(s.slug, func(t *testing.T) {
			home, _ := url.Parse(testBase + "/")
			queue := []*url.URL{home}
			for _, p := range []string{feedPath, sitemapPath, robotsPath} {
				queue = append(queue, home.ResolveReference(&url.URL{Path: p}))
			}
			bodies := map[string][]byte{}
			type fragmentLink struct{ from, to, id string }
			var fragments []fragmentLink
			for len(queue) > 0 {
				u := queue[0]
				queue = queue[1:]
				if u.Scheme+"://"+u.Host != testBase {
					t.Errorf("link to another site %s: the demo must stay offline", u)
					continue
				}
				if _, seen := bodies[u.Path]; seen {
					continue
				}
				rec := get(t, s, u.Path)
				if rec.Code != http.StatusOK {
					t.Errorf("%s: status %d", u, rec.Code)
					bodies[u.Path] = nil
					continue
				}
				body := rec.Body.Bytes()
				bodies[u.Path] = body
				var found []*url.URL
				switch ctype := rec.Header().Get("Content-Type"); {
				case ctype == htmlType:
					found = links(t, u, body)
				case strings.HasPrefix(ctype, "text/plain"):
					for line := range strings.Lines(string(body)) {
						if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Sitemap: "); ok {
							su, err := url.Parse(v)
							if err != nil {
								t.Fatal(err)
							}
							found = append(found, su)
						}
					}
				case strings.Contains(ctype, "xml"):
					found = xmlLinks(t, body)
				}
				for _, l := range found {
					if l.Fragment != "" {
						fragments = append(fragments, fragmentLink{from: u.Path, to: l.Path, id: l.Fragment})
					}
					l.Fragment = ""
					queue = append(queue, l)
				}
			}
			for _, f := range fragments {
				if document(t, bodies[f.to]).Find("#"+f.id).Length() == 0 {
					t.Errorf("%s links to %s#%s, which has no such id", f.from, f.to, f.id)
				}
			}
			for p := range s.resources {
				if _, ok := bodies[p]; !ok {
					t.Errorf("%s is served but not linked from anywhere", p)
				}
			}
		})
	}
}

// xmlLinks returns the absolute URLs of a feed or sitemap: <link>, <loc> and link/@href.
func xmlLinks(t *testing.T, body []byte) []*url.URL {
	t.Helper()
	var out []*url.URL
	dec := xml.NewDecoder(bytes.NewReader(body))
	var inLink bool
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("malformed XML: %v", err)
		}
		var raw string
		switch tok := tok.(type) {
		case xml.StartElement:
			inLink = tok.Name.Local == "link" || tok.Name.Local == "loc" || tok.Name.Local == "guid"
			for _, a := range tok.Attr {
				if a.Name.Local == "href" {
					raw = a.Value
				}
			}
		case xml.CharData:
			if inLink {
				raw = strings.TrimSpace(string(tok))
			}
		case xml.EndElement:
			inLink = false
		}
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || !u.IsAbs() {
			t.Errorf("feed or sitemap URL %q is not absolute", raw)
			continue
		}
		out = append(out, u)
	}
}

// machineDates returns every machine-readable publication date of an article page.
func machineDates(t *testing.T, doc *goquery.Document) (meta, jsonLD, timeEl []string) {
	t.Helper()
	if v, ok := doc.Find(`meta[property="article:published_time"]`).Attr("content"); ok {
		meta = append(meta, v)
	}
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, sel *goquery.Selection) {
		var ld struct {
			Type          string `json:"@type"`
			DatePublished string `json:"datePublished"`
		}
		if err := json.Unmarshal([]byte(sel.Text()), &ld); err != nil {
			t.Errorf("JSON-LD: %v", err)
			return
		}
		if ld.Type != "NewsArticle" {
			t.Errorf("JSON-LD @type %q", ld.Type)
		}
		jsonLD = append(jsonLD, ld.DatePublished)
	})
	doc.Find("article time[datetime]").Each(func(_ int, sel *goquery.Selection) {
		v, _ := sel.Attr("datetime")
		timeEl = append(timeEl, v)
	})
	return meta, jsonLD, timeEl
}

// normalize folds the typographic variants of spaces and apostrophes the sites use.
var normalize = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "’", "'")

func articleText(doc *goquery.Document) string {
	var parts []string
	doc.Find("article p").Each(func(_ int, sel *goquery.Selection) { parts = append(parts, sel.Text()) })
	return normalize.Replace(strings.Join(parts, "\n"))
}

func TestArticleMetadata(t *testing.T) {
	var styles struct{ meta, jsonLD, textOnly int }
	for _, s := range sites(t) {
		for _, a := range s.Articles {
			t.Run(s.slug+a.Path, func(t *testing.T) {
				rec := get(t, s, a.Path)
				if rec.Code != http.StatusOK {
					t.Fatalf("status %d", rec.Code)
				}
				doc := document(t, rec.Body.Bytes())
				if og, _ := doc.Find(`meta[property="og:title"]`).Attr("content"); og != a.Title {
					t.Errorf("og:title %q, manifest title %q", og, a.Title)
				}
				if h1 := doc.Find("article h1").Text(); h1 != a.Title {
					t.Errorf("h1 %q, manifest title %q", h1, a.Title)
				}
				if !strings.Contains(doc.Find("head title").Text(), a.Title) {
					t.Errorf("<title> %q lacks %q", doc.Find("head title").Text(), a.Title)
				}
				if !strings.Contains(doc.Find("article").Text(), a.Author) {
					t.Errorf("no byline with %q", a.Author)
				}
				if a.Date.Year() != 2025 {
					t.Errorf("date %v, want 2025", a.Date)
				}

				meta, jsonLD, timeEl := machineDates(t, doc)
				for _, v := range slices.Concat(meta, jsonLD, timeEl) {
					if d, err := time.Parse(time.RFC3339, v); err != nil || !d.Equal(a.Date) {
						t.Errorf("page date %q, manifest date %v", v, a.Date)
					}
				}
				text := articleText(doc)
				switch {
				case len(meta) > 0:
					styles.meta++
				case len(jsonLD) > 0:
					styles.jsonLD++
				case len(timeEl) == 0:
					styles.textOnly++
					if want := formatDate(a.Date, s.Lang); !strings.Contains(doc.Find("article").Text(), want) {
						t.Errorf("no machine-readable date and no %q in the text", want)
					}
				}
				if n := len(strings.Fields(text)); n < 250 || n > 600 {
					t.Errorf("%d words, want 250 to 600", n)
				}
			})
		}
	}
	if styles.meta == 0 || styles.jsonLD == 0 || styles.textOnly == 0 {
		t.Errorf("date styles %+v: want pages with article:published_time, with JSON-LD only, and with the date only in the text", styles)
	}
}

// TestCoverage checks that the articles carry what the demo is meant to show: figures that
// disagree between sources, hedged and ranged amounts, and off-topic pages to filter out.
func TestCoverage(t *testing.T) {
	texts := map[string]string{} // slug+path → article text
	for _, s := range sites(t) {
		for _, a := range s.Articles {
			texts[s.slug+a.Path] = articleText(document(t, get(t, s, a.Path).Body.Bytes()))
		}
	}
	tests := []struct{ page, phrase string }{
		// How many answered the gigafactory call.
		{"courrier-numerique/actualites/2025/06/gigafactories-ia-76-propositions.html", "reçu 76 propositions"},
		{"compute-ledger/2025/06/gigafactory-call-76-proposals", "received 76 proposals"},
		{"tech-territoires/europe/gigafactories-plus-de-160-entreprises", "Plus de 160 entreprises"},
		{"silicon-weekly/news/eu-gigafactories-70-expressions-of-interest", "about 70 expressions of interest"},
		// InvestAI.
		{"courrier-numerique/actualites/2025/02/investai-200-milliards-euros.html", "200 milliards d'euros"},
		{"compute-ledger/2025/02/investai-what-200bn-means", "€200bn"},
		{"tech-territoires/europe/gigafactories-plus-de-160-entreprises", "200 Md€"},
		{"silicon-weekly/news/brussels-215bn-ai-push", "$215bn"},
		// Chips per gigafactory.
		{"courrier-numerique/actualites/2025/02/investai-200-milliards-euros.html", "environ 100 000 puces"},
		{"courrier-numerique/actualites/2025/06/gigafactories-ia-76-propositions.html", "plus de 100 000 puces"},
		{"compute-ledger/2025/02/investai-what-200bn-means", "around 100,000 of the latest AI chips"},
		{"compute-ledger/2025/06/gigafactory-call-76-proposals", "more than 100,000 advanced AI processors"},
		{"silicon-weekly/news/eu-gigafactories-70-expressions-of-interest", "100,000 or more advanced chips"},
		// Power of the same campus.
		{"tech-territoires/infrastructures/val-sorel-data-center-1-gw", "puissance de 1 GW"},
		{"courrier-numerique/actualites/2025/09/val-sorel-campus-1-4-gw.html", "1,4 GW"},
		{"compute-ledger/2025/11/can-europe-power-ai-factories", "revised to 1.4 GW"},
		// GPU hours of the same training run.
		{"tech-territoires/recherche/entrainer-un-grand-modele-gpu-heures", "30,8 millions d'heures GPU"},
		{"silicon-weekly/news/training-runs-405-billion-parameters", "nearly 31 million GPU hours"},
		// Counts written out, ranges and hedges.
		{"tech-territoires/europe/usines-ia-treize-sites-europeens", "sept usines d'IA"},
		{"courrier-numerique/actualites/2025/02/investai-200-milliards-euros.html", "quatre ou cinq"},
		{"compute-ledger/2025/06/gigafactory-call-76-proposals", "three million GPUs"},
		{"compute-ledger/2025/02/investai-what-200bn-means", "€3bn to €5bn"},
		{"tech-territoires/europe/gigafactories-plus-de-160-entreprises", "entre 3 et 5 milliards d'euros"},
		{"silicon-weekly/news/stargate-500-billion-questions", "up to $500 billion"},
		{"compute-ledger/2025/06/gigafactory-call-76-proposals", "up to 17%"},
		{"courrier-numerique/actualites/2025/04/supercalculateur-exaflopique-francais.html", "environ 20 MW"},
	}
	for _, tt := range tests {
		text, ok := texts[tt.page]
		if !ok {
			t.Errorf("no article %s", tt.page)
			continue
		}
		if !strings.Contains(text, tt.phrase) {
			t.Errorf("%s: no %q in the article text", tt.page, tt.phrase)
		}
	}

	offTopic := []string{"tech-territoires/sport/rugby-val-sorel-montbrac", "silicon-weekly/news/weekend-no-knead-sourdough"}
	topic := []string{"IA", "AI", "GPU", "GPUs", "données", "data", "calcul", "supercalculateur", "compute",
		"computing", "puces", "chips", "serveurs", "servers"}
	for page, text := range texts {
		words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
		mentions := slices.ContainsFunc(words, func(w string) bool { return slices.Contains(topic, w) })
		if want := !slices.Contains(offTopic, page); mentions != want {
			t.Errorf("%s: mentions the topic = %v, want %v", page, mentions, want)
		}
	}
}

func TestFeeds(t *testing.T) {
	for _, s := range sites(t) {
		t.Run(s.slug, func(t *testing.T) {
			rec := get(t, s, feedPath)
			wantType, wantFeed := "application/atom+xml; charset=utf-8", "atom"
			if s.Lang == "fr" {
				wantType, wantFeed = "application/rss+xml; charset=utf-8", "rss"
			}
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != wantType {
				t.Fatalf("status %d, type %q; want 200, %q", rec.Code, rec.Header().Get("Content-Type"), wantType)
			}
			feed, err := gofeed.NewParser().Parse(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			if feed.FeedType != wantFeed || feed.Title != s.Name || feed.Link != testBase+"/" {
				t.Errorf("feed type %q, title %q, link %q", feed.FeedType, feed.Title, feed.Link)
			}
			if len(feed.Items) != len(s.Articles) {
				t.Fatalf("%d items, want exactly the %d articles", len(feed.Items), len(s.Articles))
			}
			for i, it := range feed.Items {
				a := s.Articles[i]
				if it.Link != testBase+a.Path || it.Title != a.Title || it.PublishedParsed == nil || !it.PublishedParsed.Equal(a.Date) {
					t.Errorf("item %d = %q %q %v, want %q %q %v", i, it.Link, it.Title, it.PublishedParsed, testBase+a.Path, a.Title, a.Date)
				}
			}
		})
	}
}

func TestSitemap(t *testing.T) {
	for _, s := range sites(t) {
		rec := get(t, s, sitemapPath)
		var set struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil {
			t.Fatalf("%s: %v", s.slug, err)
		}
		var got, want []string
		for _, u := range set.URLs {
			got = append(got, u.Loc+" "+u.LastMod)
		}
		for _, a := range s.Articles {
			want = append(want, testBase+a.Path+" "+a.Date.Format(time.RFC3339))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: sitemap lists %q, want the articles %q", s.slug, got, want)
		}
	}
}

func TestRobots(t *testing.T) {
	for _, s := range sites(t) {
		rec := get(t, s, robotsPath)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Fatalf("%s: status %d, type %q", s.slug, rec.Code, rec.Header().Get("Content-Type"))
		}
		robots, err := robotstxt.FromBytes(rec.Body.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", s.slug, err)
		}
		if robots.TestAgent("/admin/login", "claimwire") {
			t.Errorf("%s: /admin/ is not disallowed", s.slug)
		}
		for _, a := range s.Articles {
			if !robots.TestAgent(a.Path, "claimwire") {
				t.Errorf("%s: article %s is disallowed", s.slug, a.Path)
			}
		}
		if !slices.Equal(robots.Sitemaps, []string{testBase + sitemapPath}) {
			t.Errorf("%s: sitemaps %q", s.slug, robots.Sitemaps)
		}
	}
}

func TestRequests(t *testing.T) {
	s := sites(t)[0]
	article := s.Articles[0]
	tests := []struct {
		name, method, path, host string
		header                   http.Header
		wantCode                 int
		wantType                 string
	}{
		{"home", http.MethodGet, "/", testHost, nil, http.StatusOK, htmlType},
		{"unknown page", http.MethodGet, "/nope", testHost, nil, http.StatusNotFound, ""},
		{"disallowed area", http.MethodGet, "/admin/", testHost, nil, http.StatusNotFound, ""},
		{"article with a trailing slash", http.MethodGet, article.Path + "/", testHost, nil, http.StatusNotFound, ""},
		{"stylesheet", http.MethodGet, "/assets/site.css", testHost, nil, http.StatusOK, "text/css; charset=utf-8"},
		{"head", http.MethodHead, article.Path, testHost, nil, http.StatusOK, htmlType},
		{"post", http.MethodPost, "/", testHost, nil, http.StatusMethodNotAllowed, ""},
		{"not modified", http.MethodGet, article.Path, testHost,
			http.Header{"If-Modified-Since": {article.Date.Add(time.Hour).UTC().Format(http.TimeFormat)}}, http.StatusNotModified, ""},
		{"modified", http.MethodGet, article.Path, testHost,
			http.Header{"If-Modified-Since": {article.Date.Add(-time.Hour).UTC().Format(http.TimeFormat)}}, http.StatusOK, htmlType},
		{"feed without host", http.MethodGet, feedPath, "", nil, http.StatusBadRequest, ""},
		{"feed with a bad host", http.MethodGet, feedPath, "a b", nil, http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			req.Host = tt.host
			for k, v := range tt.header {
				req.Header[k] = v
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.wantCode {
				t.Fatalf("status %d, want %d", rec.Code, tt.wantCode)
			}
			if tt.wantType != "" && rec.Header().Get("Content-Type") != tt.wantType {
				t.Errorf("type %q, want %q", rec.Header().Get("Content-Type"), tt.wantType)
			}
			if tt.wantCode == http.StatusMethodNotAllowed && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", rec.Header().Get("Allow"))
			}
		})
	}
}

// TestGolden pins the generated pages and files, so that a change to the manifests, the
// templates or the renderers shows up in review.
func TestGolden(t *testing.T) {
	for _, s := range sites(t) {
		for _, f := range []struct{ path, file string }{
			{"/", "home.html"}, {feedPath, "feed.xml"}, {sitemapPath, "sitemap.xml"}, {robotsPath, "robots.txt"},
		} {
			rec := get(t, s, f.path)
			golden := filepath.Join("testdata", s.slug, f.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, rec.Body.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("%s%s differs from %s (run go test -update if the change is intended)", s.slug, f.path, golden)
			}
		}
	}
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	started, err := Serve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pubs, err := Publications()
	if err != nil {
		t.Fatal(err)
	}
	if len(started) != len(pubs) {
		t.Fatalf("%d servers for %d publications", len(started), len(pubs))
	}
	client := &http.Client{Timeout: 5 * time.Second}
	fetch := func(u string) (int, string, error) {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, u, nil)
		if err != nil {
			return 0, "", err
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), err
	}
	seen := map[string]bool{}
	for _, st := range started {
		u, err := url.Parse(st.BaseURL)
		if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" || u.Port() == "" || seen[u.Host] {
			t.Fatalf("base URL %q: want a distinct http://127.0.0.1:port", st.BaseURL)
		}
		seen[u.Host] = true
		code, body, err := fetch(st.BaseURL + feedPath)
		if err != nil || code != http.StatusOK {
			t.Fatalf("%s: %d %v", st.Slug, code, err)
		}
		if !strings.Contains(body, st.BaseURL+"/") {
			t.Errorf("%s: the feed does not point at %s", st.Slug, st.BaseURL)
		}
	}

	cancel()
	client.CloseIdleConnections()
	deadline := time.Now().Add(10 * time.Second)
	for _, st := range started {
		for {
			if _, _, err := fetch(st.BaseURL + "/"); err != nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s still serves after the context ended", st.Slug)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// FuzzHandler feeds arbitrary paths and Host headers: the handler must answer with a known
// status, and what it generates from the Host must stay well-formed and point at that Host.
func FuzzHandler(f *testing.F) {
	for _, seed := range [][2]string{
		{"/", testHost}, {feedPath, "127.0.0.1:8080"}, {sitemapPath, "[::1]:80"}, {robotsPath, "a\nb"},
		{feedPath, `x"><y`}, {"/../site.yaml", testHost}, {"/assets/", testHost}, {"", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	pubs, err := Publications()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, p, host string) {
		for _, pub := range pubs {
			req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: p}, Host: host, Header: http.Header{}}
			rec := httptest.NewRecorder()
			pub.Handler.ServeHTTP(rec, req)
			switch rec.Code {
			case http.StatusOK, http.StatusNotFound, http.StatusBadRequest:
			default:
				t.Fatalf("%s %q host %q: status %d", pub.Slug, p, host, rec.Code)
			}
			if rec.Code != http.StatusOK {
				continue
			}
			switch p {
			case feedPath, sitemapPath:
				for _, u := range xmlLinks(t, rec.Body.Bytes()) {
					if u.Scheme != "http" || u.Host != host {
						t.Errorf("%s: URL %s does not use host %q", p, u, host)
					}
				}
			case robotsPath:
				if n := strings.Count(rec.Body.String(), "\n"); n != 3+len(pub.Handler.(*site).Disallow) {
					t.Errorf("robots.txt has %d lines:\n%s", n, rec.Body.String())
				}
			}
		}
	})
}

// BenchmarkHandler serves every article page and the feed of every site, as one crawl of
// the demo does.
func BenchmarkHandler(b *testing.B) {
	ss := sites(b)
	pages := 0
	for b.Loop() {
		for _, s := range ss {
			for _, a := range s.Articles {
				if get(b, s, a.Path).Code != http.StatusOK {
					b.Fatal(a.Path)
				}
				pages++
			}
			if get(b, s, feedPath).Code != http.StatusOK {
				b.Fatal(feedPath)
			}
			pages++
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
