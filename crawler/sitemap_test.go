package crawler

import (
	"fmt"
	"net/http"
	"testing"
)

// TestSitemapRelativeLocations: a sitemap's relative <loc> is resolved against the URL the
// sitemap was served from, after redirects, as browsers resolve links.
func TestSitemapRelativeLocations(t *testing.T) {
	site := newMiniSite(t, nil, map[string]http.HandlerFunc{
		"/sitemap.xml": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/maps/news.xml", http.StatusMovedPermanently)
		},
		"/maps/news.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
				`<url><loc>../normal</loc></url><url><loc>/normal</loc></url><url><loc>page-2</loc></url></urlset>`)
		},
		"/maps/page-2": func(w http.ResponseWriter, r *http.Request) {
			writeArticle(w, "Deux centres de données de plus", nil)
		},
	})
	_, articles := crawlOnce(t, testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")}), newMemStore())
	got := urlsOf(articles)
	if len(got) != 2 || site.count("/normal") != 1 || site.count("/maps/page-2") != 1 {
		t.Errorf("emitted %v (requests: /normal %d, /maps/page-2 %d), want /normal once and /maps/page-2",
			got, site.count("/normal"), site.count("/maps/page-2"))
	}
}
