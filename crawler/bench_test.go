package crawler

import (
	"context"
	"log/slog"
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
	var pages, bytes int64
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
		bytes += st.Bytes
		store.Close()
	}
	b.ReportMetric(float64(pages)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(float64(bytes)/1e6/elapsed.Seconds(), "MB/s")
}
