package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/claimwire/claimwire"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output (check the diff by hand)")

// testPage is one entry of testdata/pages/index.json, the manifest the crawler's loopback test
// site also serves from.
type testPage struct {
	Path        string `json:"path"`
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Description string `json:"description"`
}

// golden is the hand-checked expected article; NoArticle marks pages that must be rejected.
type golden struct {
	claimwire.Article
	NoArticle bool `json:"no_article,omitempty"`
}

func loadPages(tb testing.TB) []testPage {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", "index.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var pages []testPage
	if err := json.Unmarshal(b, &pages); err != nil {
		tb.Fatal(err)
	}
	if len(pages) < 40 {
		tb.Fatalf("index.json lists %d pages, want at least 40", len(pages))
	}
	return pages
}

func readPage(tb testing.TB, p testPage) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", p.Path))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func goldenPath(p testPage) string {
	return filepath.Join("testdata", "golden", strings.TrimSuffix(p.Path, ".html")+".json")
}

func readGolden(t *testing.T, p testPage) golden {
	t.Helper()
	b, err := os.ReadFile(goldenPath(p))
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", goldenPath(p), err)
	}
	return g
}

func writeGolden(t *testing.T, p testPage, a claimwire.Article, err error) {
	t.Helper()
	var v any = map[string]bool{"no_article": true}
	if err == nil {
		a.ContentHash = ""
		b, _ := json.Marshal(a)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "content_hash")
		delete(m, "crawled")
		v = m
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goldenPath(p), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGolden compares every page with its hand-checked golden article and measures extraction
// quality over the whole set: body token F1 (fails below 0.95) and exact-match rates of the
// metadata fields. Set ARTICLE_F1=1 to log every page's F1.
func TestGolden(t *testing.T) {
	pages := loadPages(t)
	var n, titleOK, dateOK, langOK, authorOK, siteOK, urlOK int
	var f1Sum float64
	for _, p := range pages {
		t.Run(strings.TrimSuffix(p.Path, ".html"), func(t *testing.T) {
			a, err := Parse(readPage(t, p), p.ContentType, p.URL)
			if *update {
				if err != nil && !errors.Is(err, ErrNoArticle) {
					t.Fatalf("Parse: %v", err)
				}
				writeGolden(t, p, a, err)
				return
			}
			g := readGolden(t, p)
			if g.NoArticle {
				if !errors.Is(err, ErrNoArticle) {
					t.Errorf("Parse = %q, %v; want ErrNoArticle", a.Title, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if a.ContentHash != a.ComputeContentHash() || a.Version != claimwire.SchemaVersion || !a.Crawled.IsZero() {
				t.Errorf("hash/version/crawled not set as documented: %q %d %v", a.ContentHash, a.Version, a.Crawled)
			}
			n++
			f1 := ngramF1(a.Text, g.Text, 1)
			f1Sum += f1
			if os.Getenv("ARTICLE_F1") != "" {
				t.Logf("F1 %.3f", f1)
			}
			if f1 < 0.9 {
				t.Logf("body F1 %.3f\n got: %q\nwant: %q", f1, a.Text, g.Text)
			}
			titleOK += countMatch(t, "title", a.Title, g.Title)
			dateOK += countMatch(t, "published", a.Published.Format(time.RFC3339), g.Published.Format(time.RFC3339))
			langOK += countMatch(t, "lang", a.Lang, g.Lang)
			authorOK += countMatch(t, "author", a.Author, g.Author)
			siteOK += countMatch(t, "site_name", a.SiteName, g.SiteName)
			urlOK += countMatch(t, "url", a.URL+" "+a.FetchedURL+" "+a.Site, g.URL+" "+g.FetchedURL+" "+g.Site)
			if !a.Modified.Equal(g.Modified) {
				t.Errorf("modified = %v, want %v", a.Modified, g.Modified)
			}
			if strings.Contains(a.Text, "\n\n\n") || strings.TrimSpace(a.Text) != a.Text {
				t.Errorf("text has stray blank lines or padding")
			}
		})
	}
	if *update || n == 0 {
		return
	}
	rate := func(k int) float64 { return float64(k) / float64(n) }
	f1 := f1Sum / float64(n)
	t.Logf("%d articles: body F1 %.4f, title %.3f, date %.3f, lang %.3f, author %.3f, site name %.3f, url %.3f",
		n, f1, rate(titleOK), rate(dateOK), rate(langOK), rate(authorOK), rate(siteOK), rate(urlOK))
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"body F1", f1, 0.95},
		{"title exact match", rate(titleOK), 0.9},
		{"date accuracy", rate(dateOK), 0.9},
		{"lang accuracy", rate(langOK), 1},
		{"url accuracy", rate(urlOK), 1},
	} {
		if c.got < c.want {
			t.Errorf("%s = %.4f, want >= %.2f", c.name, c.got, c.want)
		}
	}
}

// countMatch logs a mismatch (the rates, not single pages, decide) and returns 1 on a match.
func countMatch(t *testing.T, field, got, want string) int {
	t.Helper()
	if got == want {
		return 1
	}
	t.Logf("%s = %q, want %q", field, got, want)
	return 0
}

func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
