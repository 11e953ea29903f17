package daemon

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/indexer"
)

// TestCorruptIndexStopsStart truncates a segment of a stopped daemon's index: the next start
// fails with the indexer's CorruptError, which names the file and the command that repairs it,
// instead of serving an index that silently lacks claims.
func TestCorruptIndexStopsStart(t *testing.T) {
	site := testSite(t)
	cfg := testConfig(t, t.TempDir(), site.URL)
	d, _, _ := runOnce(t, cfg)
	stop(t, d)
	segs, _ := filepath.Glob(filepath.Join(cfg.Index.Dir, "gen-*", "shard-*", "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment written")
	}
	if err := os.Truncate(segs[0], 100); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := Start(ctx, cfg, Options{CrawlOnce: true}, slog.New(slog.DiscardHandler))
	if err == nil {
		stop(t, d)
		t.Fatal("started on a corrupt index")
	}
	var ce *indexer.CorruptError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), filepath.Base(segs[0])) ||
		!strings.Contains(err.Error(), "claimwire reindex --offline") {
		t.Errorf("Start: %v, want a CorruptError naming %s and the fix", err, filepath.Base(segs[0]))
	}
}

// TestLostIndexIsRebuiltAtStart deletes the index directory of a stopped daemon whose CLAIMS
// stream holds the claims: the next start says so in a warning and rebuilds the index, with
// every claim back, although the indexer's consumer will never deliver them again.
func TestLostIndexIsRebuiltAtStart(t *testing.T) {
	site := testSite(t)
	cfg := testConfig(t, t.TempDir(), site.URL)
	d, st, n := runOnce(t, cfg)
	stop(t, d)
	if n == 0 {
		t.Fatalf("no claims indexed (crawl %+v)", st)
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
