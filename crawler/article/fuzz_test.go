package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes and content types to Parse: it must never panic, must fail
// only with the package's errors, and must return valid UTF-8 and a canonical URL on success.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"fr-gigafactories-liste.html", "en-br-paragraphs.html", "fr-semi-grenoble.html", "fr-edge-utf16.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html; charset=utf-8")
	}
	f.Add([]byte("<html><body><p>été</p>"), "text/html; charset=windows-1252")
	f.Add([]byte("\xef\xbb\xbf<p>x</p>"), "")
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"@id":"a"}},{"@id":"a","name":"N"}]}</script>`), "text/html")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		a, err := Parse(body, ct, "https://news.example.com/a")
		if err != nil {
			if !errors.Is(err, ErrNoArticle) && !errors.Is(err, ErrNotHTML) && !strings.HasPrefix(err.Error(), "article: ") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		for _, s := range []string{a.Title, a.Text, a.Author, a.SiteName, a.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
		if c, err := CanonicalizeURL(a.URL); err != nil || c != a.URL {
			t.Fatalf("URL %q is not canonical (%q, %v)", a.URL, c, err)
		}
		if a.ContentHash != a.ComputeContentHash() {
			t.Fatal("content hash not set")
		}
	})
}
