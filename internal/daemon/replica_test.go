package daemon

import (
	"bufio"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/internal/config"
)

// TestReadReplicaCatchesUp starts a second indexer, a read replica with its own consumer, on a
// pipeline that has indexed already: the replica builds its index from the CLAIMS stream, says
// on /readyz that it is catching up and by how much while its writes are held back, then turns
// ready with exactly the claims of the first index.
func TestReadReplicaCatchesUp(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cfg := testConfig(t, t.TempDir(), testSite(t).URL)
	first, err := Start(ctx, cfg, Options{CrawlOnce: true}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, first)
	waitCrawl(ctx, t, first)
	if err := first.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	want := claimIDs(ctx, t, first)
	if len(want) == 0 {
		t.Fatal("the first indexer holds no claims")
	}

	dir := t.TempDir()
	rcfg := config.Local(dir, "127.0.0.1:0")
	rcfg.Roles = []string{config.RoleIndexer}
	rcfg.NATS.URL = first.bus.ClientURL()
	rcfg.Index.Replica = "replica-2"
	// Writes wait until released, so the replica is seen behind.
	release := make(chan struct{})
	replica, err := Start(ctx, rcfg, Options{IndexWriteFault: func() error {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil
	}}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, replica)
	waitReadyz(ctx, t, replica, http.StatusServiceUnavailable, "replica-2 catching up with the CLAIMS stream")
	if code, _, err := readyz(ctx, first); err != nil || code != http.StatusOK {
		t.Errorf("the first indexer's /readyz: %d, %v; want 200", code, err)
	}
	close(release)
	waitReadyz(ctx, t, replica, http.StatusOK, "ready")
	got := claimIDs(ctx, t, replica)
	if !maps.Equal(got, want) {
		t.Errorf("replica holds %d claims, the first indexer %d; want the same ids", len(got), len(want))
	}
	for _, name := range []string{claimwire.ConsumerIndexer, "replica-2"} {
		if _, err := consumerInfo(ctx, first.bus.JS, claimwire.StreamClaims, name); err != nil {
			t.Errorf("consumer %s: %v", name, err)
		}
	}
}

// claimIDs returns the ids of every claim d's API exports.
func claimIDs(ctx context.Context, t *testing.T, d *Daemon) map[string]bool {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+d.Addr()+"/api/claims.jsonl", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	ids := map[string]bool{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		ids[c.ID] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %s", resp.Status)
	}
	return ids
}
