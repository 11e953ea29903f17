package crawler

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type sitemapGolden struct {
	Sitemap *sitemap `json:"sitemap,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// sitemapBase is where the sitemap fixtures are taken to be served: relative locations
// resolve against it.
var sitemapBase = &url.URL{Scheme: "https", Host: "www.exemple-actu.example", Path: "/news/sitemap.xml"}

func TestParseSitemapGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "sitemaps", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sitemap fixtures: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sm, err := parseSitemap(bytes.NewReader(data), sitemapBase, maxSitemapEntries)
			g := sitemapGolden{Sitemap: sm}
			if err != nil {
				g.Error = err.Error()
			}
			checkGolden(t, filepath.Join("sitemaps", strings.TrimSuffix(name, filepath.Ext(name))+".json"), g)
		})
	}
}

func TestParseSitemapCapsEntries(t *testing.T) {
	const max = 100
	var b strings.Builder
	b.WriteString("<urlset>")
	for range max + 10 {
		b.WriteString("<url><loc>https://exemple.example/a</loc></url>")
	}
	b.WriteString("</urlset>")
	sm, err := parseSitemap(strings.NewReader(b.String()), sitemapBase, max)
	if err != nil {
		t.Fatal(err)
	}
	if len(sm.Entries) != max {
		t.Errorf("%d entries, want the cap %d", len(sm.Entries), max)
	}
}

func TestParseW3CDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2025-04-02", time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)},
		{" 2025-04-03T10:15:00+02:00 ", time.Date(2025, 4, 3, 8, 15, 0, 0, time.UTC)},
		{"2025-04-06T09:30+01:00", time.Date(2025, 4, 6, 8, 30, 0, 0, time.UTC)},
		{"2025-04", time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)},
		{"Mon, 07 Apr 2025 06:00:00 GMT", time.Date(2025, 4, 7, 6, 0, 0, 0, time.UTC)},
		{"demain", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		if got := parseW3CDate(tt.in); !got.Equal(tt.want) {
			t.Errorf("parseW3CDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzParseSitemap(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "sitemaps", "*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const max = 20
		sm, err := parseSitemap(bytes.NewReader(data), sitemapBase, max)
		if sm == nil {
			if err == nil {
				t.Fatal("nil sitemap without an error")
			}
			return
		}
		if len(sm.Entries) > max {
			t.Fatalf("%d entries, over the cap", len(sm.Entries))
		}
		for _, e := range sm.Entries {
			if e.Loc == "" || e.Loc != strings.TrimSpace(e.Loc) {
				t.Fatalf("bad entry location %q", e.Loc)
			}
		}
	})
}

const linksPageURL = "https://www.exemple-actu.example/rubrique/page.html"

func TestExtractLinksGolden(t *testing.T) {
	base, _ := url.Parse(linksPageURL)
	files, err := filepath.Glob(filepath.Join("testdata", "links", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no link fixtures: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("links", strings.TrimSuffix(name, ".html")+".json"), extractLinks(data, base))
		})
	}
}

func TestExtractLinksCapsLinks(t *testing.T) {
	base, _ := url.Parse(linksPageURL)
	var b strings.Builder
	for i := range maxLinksPerPage + 50 {
		fmt.Fprintf(&b, `<a href="/p/%d">x</a>`, i)
	}
	if n := len(extractLinks([]byte(b.String()), base).Links); n != maxLinksPerPage {
		t.Errorf("%d links, want the cap %d", n, maxLinksPerPage)
	}
}

func FuzzExtractLinks(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "links", "*.html"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	base, _ := url.Parse(linksPageURL)
	f.Fuzz(func(t *testing.T, data []byte) {
		pl := extractLinks(data, base)
		if len(pl.Links) > maxLinksPerPage {
			t.Fatalf("%d links, over the cap", len(pl.Links))
		}
		seen := make(map[string]bool)
		for _, l := range pl.Links {
			u, err := url.Parse(l)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
				t.Fatalf("bad link %q (%v)", l, err)
			}
			if seen[l] {
				t.Fatalf("duplicate link %q", l)
			}
			seen[l] = true
		}
	})
}

func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "-3", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999", "soon"} {
		f.Add(s)
	}
	now := time.Date(2015, 10, 21, 7, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		if d := retryAfter(v, now); d < 0 || d > maxRetryAfter {
			t.Fatalf("retryAfter(%q) = %v, outside [0, %v]", v, d, maxRetryAfter)
		}
	})
}

func FuzzTopicMatcher(f *testing.F) {
	for _, s := range []string{"Deux centres de données", "GPUs and data centres", "giga-usines d’IA", "\xff\xfe", "e\u0301\u0301", "12 % de 300 MW"} {
		f.Add(s)
	}
	m, err := newTopicMatcher(DefaultTopics())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		v := m.judge("", text)
		if v.score < 0 || v.on != (v.score >= m.threshold) || (v.on == (v.reason != "")) {
			t.Fatalf("judge(%q) = %+v", text, v)
		}
		// Doubling the text can only add to its score.
		if v2 := m.judge("", text+"\n"+text); v2.score < v.score {
			t.Fatalf("judge(%q doubled) = %+v, below %+v", text, v2, v)
		}
	})
}
