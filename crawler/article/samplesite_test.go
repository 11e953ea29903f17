package article

import (
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/internal/samplesite"
)

// TestSampleSites walks the demo's bundled sites from their home pages: every page whose
// metadata calls it an article must be read as one, and every other page (home, sections,
// topics, about) must not, so that the demo publishes the same articles as before the verdict.
func TestSampleSites(t *testing.T) {
	pubs, err := samplesite.Publications()
	if err != nil {
		t.Fatal(err)
	}
	href := regexp.MustCompile(`href="(/[^"#?]*)"`)
	articles, others := 0, 0
	for _, pub := range pubs {
		srv := httptest.NewServer(pub.Handler)
		seen := map[string]bool{"/": true}
		for queue := []string{"/"}; len(queue) > 0; queue = queue[1:] {
			resp, err := srv.Client().Get(srv.URL + queue[0])
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				continue
			}
			for _, m := range href.FindAllStringSubmatch(string(body), -1) {
				if !seen[m[1]] {
					seen[m[1]] = true
					queue = append(queue, m[1])
				}
			}
			p, err := Read(body, resp.Header.Get("Content-Type"), srv.URL+queue[0])
			if err != nil {
				t.Errorf("%s%s: %v", pub.Slug, queue[0], err)
				continue
			}
			isArticle := strings.Contains(string(body), `property="og:type" content="article"`)
			if isArticle {
				articles++
			} else {
				others++
			}
			if (p.Kind == KindArticle) != isArticle {
				t.Errorf("%s%s: %s (%s)", pub.Slug, queue[0], p.Kind, strings.Join(p.Reasons, "; "))
			}
		}
		srv.Close()
	}
	if articles == 0 || others == 0 {
		t.Fatalf("walked %d articles and %d other pages: the sites changed shape", articles, others)
	}
}
