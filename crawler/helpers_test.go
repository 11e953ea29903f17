package crawler

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// checkGolden compares got, as indented JSON, with testdata/golden/name.
func checkGolden(t *testing.T, name string, got any) {
	t.Helper()
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n--- got\n%s\n--- want\n%s", name, data, want)
	}
}

// testConfig is a fast configuration for the loopback site: no politeness delays.
func testConfig(sources ...Source) Config {
	cfg := DefaultConfig()
	cfg.Sources = sources
	cfg.Delay, cfg.RandomDelay = 0, 0
	cfg.Parallelism = 4
	cfg.RequestTimeout = 2 * time.Second // generous for -race on a busy machine, short for slowloris
	cfg.MaxBodyBytes = 1 << 20
	cfg.MaxRedirects = 3
	cfg.MaxRetries = 1
	cfg.RetryBackoff = 10 * time.Millisecond
	cfg.AllowPrivateAddresses = true
	return cfg
}

// testLogger writes the crawler's logs to the test log, shown on failure or with -v.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// sink collects emitted articles; failing makes the next emits fail.
type sink struct {
	mu      sync.Mutex
	got     []claimwire.Article
	failing error
}

func (s *sink) emit(_ context.Context, a claimwire.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failing != nil {
		return s.failing
	}
	s.got = append(s.got, a)
	return nil
}

func (s *sink) articles() []claimwire.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]claimwire.Article(nil), s.got...)
}

func (s *sink) setFailing(err error) {
	s.mu.Lock()
	s.failing = err
	s.mu.Unlock()
}

func openStore(t testing.TB, dir string) *FileStore {
	t.Helper()
	st, err := OpenFileStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// crawlOnce runs a new crawler over cfg's sources once and returns it with what it emitted.
func crawlOnce(t testing.TB, cfg Config, store Store) (*Crawler, []claimwire.Article) {
	t.Helper()
	c, err := New(cfg, store, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	var out sink
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Run(ctx, true, out.emit); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return c, out.articles()
}
