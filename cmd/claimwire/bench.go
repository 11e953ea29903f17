package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/claimwire/claimwire/crawler"
	idxworker "github.com/claimwire/claimwire/indexer/worker"
	"github.com/claimwire/claimwire/internal/config"
	"github.com/claimwire/claimwire/internal/daemon"
	"github.com/claimwire/claimwire/internal/loadsite"
)

// benchResult is what one pipeline run measured.
type benchResult struct {
	Articles, Claims int64
	Elapsed          time.Duration
	// Crawl is how long the crawl took, from the start to its last page.
	Crawl             time.Duration
	LatencyP50, P99   time.Duration
	ArticlesPerSecond float64
	ClaimsPerSecond   float64
}

func (m *Main) runBench(ctx context.Context, args []string) error {
	fs := m.newFlagSet("bench", "[--articles N] [--rate R] [--data DIR] [--cpuprofile FILE] [--memprofile FILE]", `
Measures the whole pipeline in one process: it generates a loopback news site of N articles,
crawls it from its sitemap with politeness delays off, publishes through an embedded NATS
JetStream server, extracts and indexes, then prints articles/s, claims/s, the p50/p99 delay from
an article's fetch to its claims being searchable, CPU time per article and peak memory.
Targets on a 2-core machine: 200 articles/s, p99 2 s. Crawling flat out measures throughput,
but articles then queue before the slowest stage and the delay measures that queue; --rate
paces the crawl to measure the delay at a given load, the site then spread over 100 hosts, each
with its share of the rate as its politeness delay.`)
	articles := fs.Int("articles", 5000, "how many articles the generated site has")
	rate := fs.Float64("rate", 0, "crawl at most `R` articles/s (0: as fast as possible)")
	dataDir := fs.String("data", "", "`DIR` for NATS storage and the index (default: a temporary directory, removed after)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `FILE` (go tool pprof -top FILE)")
	memProfile := fs.String("memprofile", "", "write an allocation profile taken at the end of the run to `FILE`")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if *articles < 1 {
		return errors.New("bench: --articles must be at least 1")
	}
	if *rate < 0 {
		return errors.New("bench: --rate must not be negative")
	}
	if *dataDir == "" {
		dir, err := os.MkdirTemp("", "claimwire-bench-")
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer os.RemoveAll(dir)
		*dataDir = dir
	}
	fmt.Fprintf(m.Stdout, "claimwire bench: %d articles through crawler → JetStream → extractor → indexer\n", *articles)
	start := time.Now()
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	res, err := benchPipeline(ctx, *articles, *rate, *dataDir, slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: benchLogLevel(m.Getenv)})))
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "crawl      %d articles in %s: %.0f articles/s\n", res.Articles, res.Crawl.Round(time.Millisecond),
		float64(res.Articles)/res.Crawl.Seconds())
	fmt.Fprintf(m.Stdout, "articles   %d in %s: %.0f articles/s\n", res.Articles, res.Elapsed.Round(time.Millisecond), res.ArticlesPerSecond)
	fmt.Fprintf(m.Stdout, "claims     %d: %.0f claims/s\n", res.Claims, res.ClaimsPerSecond)
	fmt.Fprintf(m.Stdout, "fetch → searchable  p50 %s  p99 %s\n", res.LatencyP50.Round(time.Millisecond), res.P99.Round(time.Millisecond))
	// CPU time per article does not depend on what else the machine runs, unlike the rates.
	if cpu, err := cpuTime(); err == nil && res.Articles > 0 {
		fmt.Fprintf(m.Stdout, "cpu        %s: %.2f ms/article, %.0f%% of one core\n", cpu.Round(time.Millisecond),
			float64(cpu.Microseconds())/1000/float64(res.Articles), 100*cpu.Seconds()/time.Since(start).Seconds())
	}
	if peak, err := peakRSS(); err == nil {
		fmt.Fprintf(m.Stdout, "peak RSS   %d MiB\n", peak>>20)
	} else {
		fmt.Fprintf(m.Stderr, "claimwire bench: peak RSS unknown: %v\n", err)
	}
	if *memProfile != "" {
		return writeHeapProfile(*memProfile)
	}
	return nil
}

// startCPUProfile profiles until the returned function is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeHeapProfile writes the allocation profile; its alloc_space view covers the whole run.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: memory profile: %w", err)
	}
	runtime.GC() // up-to-date live-heap figures
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("bench: memory profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("bench: memory profile: %w", err)
	}
	return nil
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() (time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, fmt.Errorf("bench: getrusage: %w", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// peakRSS is the process's peak resident set size (VmHWM), which shows whether memory stayed
// bounded over the run; Linux only.
func peakRSS() (int64, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("bench: VmHWM: %w", err)
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("bench: no VmHWM in /proc/self/status")
}

// benchPacedHosts is how many hosts the site is spread over when the crawl is paced.
const benchPacedHosts = 100

func benchPipeline(ctx context.Context, articles int, rate float64, dataDir string, logger *slog.Logger) (benchResult, error) {
	// Flat out the site is one host. Paced, it is benchPacedHosts hosts, each with its share of
	// the rate as its politeness delay: a host's next request waits the delay after the last
	// one ends, so each host falls short of its share by its request time, which many hosts
	// make small (150 articles/s asked: 98 from one host, 131 from 15, 145 from 100).
	sites := []*loadsite.Site{loadsite.New(articles)}
	if rate > 0 {
		sites = loadsite.Split(articles, benchPacedHosts)
	}
	var sources []crawler.Source
	for _, site := range sites {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return benchResult{}, fmt.Errorf("bench: %w", err)
		}
		srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
		go func() { _ = srv.Serve(ln) }()
		defer srv.Close()
		// The sitemap, not the home page: a page yields at most a few thousand links.
		sources = append(sources, crawler.Source{Kind: crawler.KindSitemap, URL: "http://" + ln.Addr().String() + loadsite.SitemapPath})
	}
	cfg := config.Local(dataDir, "127.0.0.1:0", sources...)
	cfg.Crawl.Parallelism = 8
	if rate > 0 {
		cfg.Crawl.Delay = time.Duration(float64(time.Second) * benchPacedHosts / rate)
	}

	start := time.Now()
	d, err := daemon.Start(ctx, cfg, daemon.Options{CrawlOnce: true}, logger)
	if err != nil {
		return benchResult{}, err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		_ = d.Stop(stopCtx)
	}()
	<-d.CrawlDone()
	crawl := time.Since(start)
	logger.Info("bench: crawl done", slog.Duration("after", crawl))
	if err := d.WaitIdle(ctx); err != nil {
		return benchResult{}, fmt.Errorf("bench: %w", err)
	}
	elapsed := time.Since(start)
	n, err := d.Index().Count()
	if err != nil {
		return benchResult{}, fmt.Errorf("bench: %w", err)
	}
	hist, err := gatherHistogram(d, idxworker.LatencyMetric)
	if err != nil {
		return benchResult{}, err
	}
	published := d.CrawlStats().Published
	return benchResult{
		Articles: published, Claims: int64(n), Elapsed: elapsed, Crawl: crawl,
		LatencyP50:        quantile(hist, 0.50),
		P99:               quantile(hist, 0.99),
		ArticlesPerSecond: float64(published) / elapsed.Seconds(),
		ClaimsPerSecond:   float64(n) / elapsed.Seconds(),
	}, nil
}

func gatherHistogram(d *daemon.Daemon, name string) (*dto.Histogram, error) {
	families, err := d.Metrics().Gather()
	if err != nil {
		return nil, fmt.Errorf("bench: metrics: %w", err)
	}
	for _, f := range families {
		if f.GetName() == name && len(f.GetMetric()) == 1 {
			return f.GetMetric()[0].GetHistogram(), nil
		}
	}
	return nil, fmt.Errorf("bench: metric %s not found", name)
}

// quantile interpolates linearly inside the histogram bucket that holds the q-th observation.
func quantile(h *dto.Histogram, q float64) time.Duration {
	total := float64(h.GetSampleCount())
	if total == 0 {
		return 0
	}
	rank := q * total
	lower, below := 0.0, 0.0
	for _, b := range h.GetBucket() {
		upper, count := b.GetUpperBound(), float64(b.GetCumulativeCount())
		if count >= rank {
			frac := 1.0
			if count > below {
				frac = (rank - below) / (count - below)
			}
			return time.Duration((lower + frac*(upper-lower)) * float64(time.Second))
		}
		lower, below = upper, count
	}
	return time.Duration(lower * float64(time.Second))
}

func benchLogLevel(getenv func(string) string) slog.Level {
	var lv slog.Level = slog.LevelWarn
	_ = lv.UnmarshalText([]byte(getenv("CLAIMWIRE_LOG_LEVEL")))
	return lv
}
