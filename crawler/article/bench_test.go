package article

import "testing"

// BenchmarkParse parses every test page in turn and reports pages/s and input MB/s.
func BenchmarkParse(b *testing.B) {
	pages := loadPages(b)
	bodies := make([][]byte, len(pages))
	total := 0
	for i, p := range pages {
		bodies[i] = readPage(b, p)
		total += len(bodies[i])
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		i := n % len(pages)
		_, _ = Parse(bodies[i], pages[i].ContentType, pages[i].URL)
		n++
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n)/sec, "pages/s")
	b.ReportMetric(float64(total)*float64(n)/float64(len(pages))/sec/1e6, "MB/s")
}
