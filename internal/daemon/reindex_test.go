package daemon

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLostIndexIsRebuiltAtStart deletes the index directory of a stopped daemon whose CLAIMS
// stream holds the claims: the next start says so in a warning and rebuilds the index, with
// every claim back, although the indexer's consumer will never deliver them again.
func TestLostIndexIsRebuiltAtStart(t *testing.T) {
	site := testSite(t)
	cfg := testConfig(t, t.TempDir(), site.URL)
	d, _, n := runOnce(t, cfg)
	stop(t, d)
	if n == 0 {
		t.Fatal("no claims indexed")
	}
	if err := os.RemoveAll(cfg.Index.Dir); err != nil {
		t.Fatal(err)
	}

	var logs syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := Start(ctx, cfg, Options{CrawlOnce: true}, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, d)
	for {
		if st := d.reindex.rebuilder.Status(); !st.Finished.IsZero() {
			if st.Error != "" || st.Indexed != n {
				t.Fatalf("rebuild status %+v, want %d claims and no error", st, n)
			}
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("no rebuild finished; logs:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if m, err := d.Index().Count(); m != n || err != nil {
		t.Errorf("after the rebuild: %d claims, %v; want %d", m, err, n)
	}
	if !strings.Contains(logs.String(), `level=WARN msg="index is empty but the CLAIMS stream holds claims`) {
		t.Errorf("no warning about the lost index in the logs:\n%s", logs.String())
	}
}

// syncBuffer collects the logs of the daemon's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
