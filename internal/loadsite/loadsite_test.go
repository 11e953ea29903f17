package loadsite

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSitemapListsEveryArticle(t *testing.T) {
	const n = 2500 // more than a crawler follows from one page
	site := New(n)
	srv := httptest.NewServer(site)
	defer srv.Close()

	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(get(t, srv.URL+SitemapPath, http.StatusOK), &sm); err != nil {
		t.Fatal(err)
	}
	paths := site.ArticlePaths()
	if len(paths) != n || len(sm.URLs) != n {
		t.Fatalf("%d article paths, %d sitemap entries, want %d", len(paths), len(sm.URLs), n)
	}
	for i, u := range sm.URLs {
		if want := srv.URL + paths[i]; u.Loc != want {
			t.Fatalf("entry %d is %q, want %q", i, u.Loc, want)
		}
	}
	if body := get(t, sm.URLs[n-1].Loc, http.StatusOK); !strings.Contains(string(body), "<article>") {
		t.Errorf("last article has no <article>: %.200s", body)
	}
	get(t, srv.URL+"/news/missing", http.StatusNotFound)
}

func TestArticlesDiffer(t *testing.T) {
	site := New(4)
	seen := map[string]bool{}
	for _, p := range site.ArticlePaths() {
		page := string(site.Pages[p])
		if seen[page] {
			t.Fatalf("%s repeats another article", p)
		}
		seen[page] = true
		if strings.Contains(page, "%!") {
			t.Fatalf("%s has a formatting error: %s", p, page)
		}
	}
}

func get(t *testing.T, url string, status int) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != status {
		t.Fatalf("GET %s: %d, want %d", url, resp.StatusCode, status)
	}
	return body
}

// TestSplit spreads articles over sites without losing or repeating one.
func TestSplit(t *testing.T) {
	sites := Split(25, 4)
	seen := map[string]int{}
	for _, s := range sites {
		for _, p := range s.ArticlePaths() {
			seen[p]++
		}
		if _, ok := s.Pages["/"]; !ok {
			t.Error("a site has no home page")
		}
	}
	if len(seen) != 25 {
		t.Fatalf("%d distinct articles over the sites, want 25", len(seen))
	}
	for p, n := range seen {
		if n != 1 {
			t.Errorf("%s on %d sites", p, n)
		}
	}
	if got := len(sites[0].ArticlePaths()); got != 7 {
		t.Errorf("site 0 has %d articles, want 7 (0, 4, … 24)", got)
	}
}

// TestRecorder counts requests per path and measures the closest two.
func TestRecorder(t *testing.T) {
	rec := Record(New(2))
	srv := httptest.NewServer(rec)
	defer srv.Close()
	if _, ok := rec.MinGap(); ok {
		t.Error("a gap with no request")
	}
	get(t, srv.URL+"/news/00000", http.StatusOK)
	time.Sleep(30 * time.Millisecond)
	get(t, srv.URL+"/news/00000", http.StatusOK)
	time.Sleep(60 * time.Millisecond)
	get(t, srv.URL+"/news/00001", http.StatusOK)
	if h := rec.Hits(); h["/news/00000"] != 2 || h["/news/00001"] != 1 || len(h) != 2 {
		t.Errorf("hits = %v", h)
	}
	if gap, ok := rec.MinGap(); !ok || gap < 30*time.Millisecond || gap >= 60*time.Millisecond {
		t.Errorf("min gap = %v, %v; want the first pair's 30 ms or a bit more", gap, ok)
	}
}
