package crawler

import (
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"
)

// TestRepeatedHeadlinePublishedOnce: a page that prints its headline again as the body's first
// paragraph is published with the headline once, so that its claims are extracted once.
func TestRepeatedHeadlinePublishedOnce(t *testing.T) {
	const title = "Un centre de données de 300 MW pour l'IA"
	site := newMiniSite(t, []string{"/repeat"}, map[string]http.HandlerFunc{
		"/repeat": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>%[1]s</title>`+
				`<meta property="og:type" content="article"></head><body><article><h1>%[1]s</h1><p>%[1]s</p>`, html.EscapeString(title))
			for _, p := range articleParagraphs {
				fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(p))
			}
			fmt.Fprint(w, "</article></body></html>")
		},
	})
	_, got := crawlOnce(t, testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")}), newMemStore())
	if len(got) != 1 {
		t.Fatalf("emitted %v, want the article", urlsOf(got))
	}
	a := got[0]
	if a.Title != title || strings.Contains(a.Text, "300 MW") || !strings.HasPrefix(a.Text, articleParagraphs[0]) {
		t.Errorf("title %q, text %q: want the headline once, in the title", a.Title, a.Text)
	}
	if a.ContentHash != a.ComputeContentHash() {
		t.Error("content hash not that of the published text")
	}
}
