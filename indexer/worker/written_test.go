package worker

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
)

// OnWritten's function sees each batch once it is searchable and before it is acked; when it
// fails, the batch stays unacked and is passed to it again.
func TestOnWrittenBeforeAckAndRetried(t *testing.T) {
	b := bustest.Open(t)
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	w, err := New(b.JS, ix, Config{BatchSize: 10, BatchWait: 10 * time.Millisecond, MaxDeliver: 3, AckWait: time.Minute},
		prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var calls []string
	w.OnWritten(func(ctx context.Context, claims []claimwire.Claim, writing func(string) bool) error {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range claims {
			if _, ok, err := ix.Get(ctx, c.ID); !ok || err != nil {
				t.Errorf("claim %s not searchable when passed on: %v", c.ID, err)
			}
			if !writing(c.ID) {
				t.Errorf("claim %s passed on is not among those being written", c.ID)
			}
			calls = append(calls, c.ID)
		}
		if len(calls) == 1 {
			return errors.New("alerts unavailable")
		}
		return nil
	})
	data, err := json.Marshal(testClaim("c1", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JS.Publish(t.Context(), claimwire.SubjectClaims, data); err != nil {
		t.Fatal(err)
	}
	cons, stop := bustest.Start(t, w)
	defer stop()
	bustest.WaitIdle(t, cons)
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 2 || calls[0] != "c1" || calls[1] != "c1" {
		t.Fatalf("passed on %v, want c1 twice (failed, then retried)", calls)
	}
}
