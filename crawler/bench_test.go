package crawler

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkCrawl crawls the loopback site (feeds, sitemaps, sections and the article
// package's sample pages, without the deliberately slow endpoints) with politeness delays
// off, and reports pages/s and MB/s of response bodies.
func BenchmarkCrawl(b *testing.B) {
	site := newTestSite(b)
	cfg := testConfig(
		Source{Kind: KindFeed, URL: site.url("/feeds/fr.rss")},
		Source{Kind: KindFeed, URL: site.url("/feeds/en.atom")},
		Source{Kind: KindSitemap, URL: site.url("/sitemap_index.xml")},
		Source{Kind: KindStart, URL: site.url("/section/fr"), MaxDepth: 1},
		Source{Kind: KindStart, URL: site.url("/section/en"), MaxDepth: 1},
		Source{Kind: KindStart, URL: site.url("/pages/"), MaxDepth: 1},
	)
	var pages, body int64
	var elapsed time.Duration
	for b.Loop() {
		store := openStore(b, b.TempDir())
		c, err := New(cfg, store, slog.New(slog.DiscardHandler))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := c.Run(context.Background(), true, (&sink{}).emit); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		st := c.Stats()
		if st.Published == 0 || st.Failed != 0 {
			b.Fatalf("crawl published %d, failed %v", st.Published, st.FailedByReason)
		}
		pages += st.Fetched
		body += st.Bytes
		store.Close()
	}
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(float64(body)/1e6/elapsed.Seconds(), "MB/s")
}

// BenchmarkParseSitemap reports entries/s on a 10,000-entry news sitemap.
func BenchmarkParseSitemap(b *testing.B) {
	var buf strings.Builder
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
	const n = 10000
	for i := range n {
		fmt.Fprintf(&buf, "<url><loc>https://exemple.example/2025/%d</loc><lastmod>2025-04-03T10:15:00+02:00</lastmod>"+
			"<news:news><news:publication_date>2025-04-03</news:publication_date><news:title>Titre %d</news:title></news:news></url>", i, i)
	}
	buf.WriteString("</urlset>")
	data := buf.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		sm, err := parseSitemap(strings.NewReader(data), sitemapBase, maxSitemapEntries)
		if err != nil || len(sm.Entries) != n {
			b.Fatalf("%v, %d entries", err, len(sm.Entries))
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkExtractLinks reports MB/s of HTML tokenized for links.
func BenchmarkExtractLinks(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "links", "mixed.html"))
	if err != nil {
		b.Fatal(err)
	}
	page := bytes.Repeat(data, 20)
	base, _ := url.Parse(linksPageURL)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		extractLinks(page, base)
	}
}
