package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"google.golang.org/protobuf/proto"
)

// TestBench runs a small bench end to end, profiles included, and checks what it reports.
func TestBench(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	const articles = 40
	if err := m.Run(t.Context(), []string{"bench", "--articles", strconv.Itoa(articles), "--data", filepath.Join(dir, "data"),
		"--cpuprofile", cpu, "--memprofile", mem}); err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, tc := range []struct {
		re  string
		min int
	}{
		{`articles +(\d+) in`, articles},
		{`claims +(\d+):`, 9 * articles}, // the generated articles state about ten figures each
		{`peak RSS +(\d+) MiB`, 1},
	} {
		m := regexp.MustCompile(tc.re).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("no %q in:\n%s", tc.re, out)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n < tc.min {
			t.Errorf("%s: %d, want at least %d", tc.re, n, tc.min)
		}
	}
	if !regexp.MustCompile(`cpu +\S+: [\d.]+ ms/article`).MatchString(out) {
		t.Errorf("no CPU time in:\n%s", out)
	}
	for _, p := range []string{cpu, mem} {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("profile %s not written: %v", p, err)
		}
	}
}

// TestBenchRate checks that --rate holds the crawl to the rate asked: 300 articles at 50
// articles/s take at least about 6 s to crawl. (How close to the rate it gets depends on the
// machine's load: 48 articles/s on an idle one, 21 under -race with three busy loops.)
func TestBenchRate(t *testing.T) {
	var stdout, stderr bytes.Buffer
	m := &Main{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	const rate = 50
	if err := m.Run(t.Context(), []string{"bench", "--articles", "300", "--rate", strconv.Itoa(rate), "--data", t.TempDir()}); err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr.String())
	}
	got := regexp.MustCompile(`crawl +\d+ articles in \S+: (\d+) articles/s`).FindStringSubmatch(stdout.String())
	if got == nil {
		t.Fatalf("no crawl rate in:\n%s", stdout.String())
	}
	n, _ := strconv.Atoi(got[1])
	if n > rate*11/10 {
		t.Errorf("--rate %d crawled %d articles/s, want at most 110%% of it", rate, n)
	}
	t.Logf("--rate %d crawled %d articles/s", rate, n)
}

func TestBenchRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--articles", "0"}, {"--rate", "-1"}} {
		m := &Main{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
		if err := m.Run(t.Context(), append([]string{"bench"}, args...)); err == nil {
			t.Errorf("bench %v: no error", args)
		}
	}
}

func TestQuantile(t *testing.T) {
	// 10 observations under 0.1 s, 80 between 0.1 and 1 s, 10 between 1 and 10 s.
	h := &dto.Histogram{SampleCount: proto.Uint64(100), Bucket: []*dto.Bucket{
		{UpperBound: proto.Float64(0.1), CumulativeCount: proto.Uint64(10)},
		{UpperBound: proto.Float64(1), CumulativeCount: proto.Uint64(90)},
		{UpperBound: proto.Float64(10), CumulativeCount: proto.Uint64(100)},
	}}
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{
		{0.05, 50 * time.Millisecond},
		{0.50, 550 * time.Millisecond},
		{0.95, 5500 * time.Millisecond},
	} {
		if got := quantile(h, tc.q); (got - tc.want).Abs() > time.Millisecond {
			t.Errorf("quantile %.2f = %s, want %s", tc.q, got, tc.want)
		}
	}
	if got := quantile(&dto.Histogram{}, 0.5); got != 0 {
		t.Errorf("quantile of an empty histogram = %s", got)
	}
}

func TestPeakRSS(t *testing.T) {
	peak, err := peakRSS()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary alone holds several MiB; a parsing slip would give 0 or bytes-as-kB.
	if peak < 1<<20 || peak > 64<<30 {
		t.Errorf("peak RSS %d bytes is implausible", peak)
	}
}
