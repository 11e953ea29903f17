package extractor

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// newsText builds about size bytes of mixed French and English news prose from the project's own
// case sentences, interleaved with sentences without numbers as real articles are, in paragraphs.
func newsText(tb testing.TB, size int) string {
	tb.Helper()
	paths, err := filepath.Glob("testdata/*.cases")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no case files: %v", err)
	}
	var sentences []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			if s, ok := strings.CutPrefix(line, "> "); ok {
				sentences = append(sentences, s)
			}
		}
	}
	prose := []string{
		"La Commission européenne a présenté mardi sa stratégie pour les infrastructures de calcul.",
		"Les industriels saluent une initiative attendue depuis longtemps, mais jugent le calendrier serré.",
		"Les syndicats demandent des garanties sur la formation des salariés concernés par ces projets.",
		"The announcement came after months of negotiations between member states and industry groups.",
		"Critics say the plan relies too heavily on private capital and lacks a clear governance model.",
		"Analysts expect the first sites to be selected before the end of the year, pending approval.",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(prose[i%len(prose)])
		b.WriteByte(' ')
		b.WriteString(sentences[i%len(sentences)])
		b.WriteByte(' ')
		b.WriteString(prose[(i+3)%len(prose)])
		if i%3 == 2 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// BenchmarkExtract reports throughput (MB/s, target ≥ 20 on one core) and allocations per MB of
// input, for two input sizes: allocs/MB must stay flat as the input grows.
func BenchmarkExtract(b *testing.B) {
	e := newTestExtractor(b)
	for _, size := range []struct {
		name  string
		bytes int
	}{{"1MB", 1 << 20}, {"4MB", 4 << 20}} {
		text := newsText(b, size.bytes)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cpu0 := cpuTime(b)
			b.ResetTimer()
			for b.Loop() {
				e.Extract(text, "")
			}
			b.StopTimer()
			cpu := cpuTime(b) - cpu0
			runtime.ReadMemStats(&after)
			mb := float64(len(text)) / (1 << 20) * float64(b.N)
			b.ReportMetric(mb/b.Elapsed().Seconds(), "MB/s")
			// The machine is shared: CPU time tells the single-core speed when wall time cannot.
			b.ReportMetric(mb/cpu.Seconds(), "MB/cpu-s")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/mb, "allocs/MB")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/mb, "B/MB")
		})
	}
}

// cpuTime is the CPU time this process has used so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractDense is a worst case: a table where every line is a claim.
func BenchmarkExtractDense(b *testing.B) {
	e := newTestExtractor(b)
	text := strings.Repeat("Asie | 12% du parc | 8 milliards € | 30% du parc |\n", 20000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		e.Extract(text, "")
	}
	b.ReportMetric(float64(len(text))/(1<<20)*float64(b.N)/b.Elapsed().Seconds(), "MB/s")
}
