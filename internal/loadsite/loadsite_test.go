package loadsite

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
