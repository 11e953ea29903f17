package daemon

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/indexertest"
)

// readyz returns the status and body of d's /readyz.
func readyz(ctx context.Context, d *Daemon) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+d.Addr()+"/readyz", nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// waitReadyz waits until /readyz answers status with a body holding want.
func waitReadyz(ctx context.Context, t *testing.T, d *Daemon, status int, want string) {
	t.Helper()
	waitFor(ctx, t, fmt.Sprintf("/readyz %d %q", status, want), func(ctx context.Context) error {
		code, body, err := readyz(ctx, d)
		if err != nil {
			return err
		}
		if code != status || !strings.Contains(body, want) {
			return fmt.Errorf("%d %s", code, body)
		}
		return nil
	})
}

// TestFullDiskPausesTheIndexerOnly fails every index write as a full disk does, then makes bleve
// panic in a write, and checks that the process neither crashes nor acks unindexed claims, that
// /readyz says why, that the extractor keeps working meanwhile, and that the indexer catches up
// by itself once writes succeed: every claim indexed once, none dead-lettered.
func TestFullDiskPausesTheIndexerOnly(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	var fault indexertest.Fault
	fault.Set(indexertest.DiskFull)
	cfg := testConfig(t, t.TempDir(), testSite(t).URL)
	d, err := Start(ctx, cfg, Options{CrawlOnce: true, IndexWriteFault: fault.Write}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, d)

	waitCrawl(ctx, t, d)
	waitFor(ctx, t, "the extractor to process every article", func(ctx context.Context) error {
		info, err := consumerInfo(ctx, d.bus.JS, claimwire.StreamArticles, claimwire.ConsumerExtractor)
		if err != nil {
			return err
		}
		if info.NumPending > 0 || info.NumAckPending > 0 {
			return fmt.Errorf("%d pending, %d unacked", info.NumPending, info.NumAckPending)
		}
		return nil
	})
	waitReadyz(ctx, t, d, http.StatusServiceUnavailable, "no space left on device")
	fault.Set(indexertest.Panics)
	waitReadyz(ctx, t, d, http.StatusServiceUnavailable, "panic inside bleve")
	info, err := consumerInfo(ctx, d.bus.JS, claimwire.StreamClaims, claimwire.ConsumerIndexer)
	if err != nil {
		t.Fatal(err)
	}
	if info.AckFloor.Stream != 0 {
		t.Errorf("claims up to %d acked although none was indexed", info.AckFloor.Stream)
	}
	if n, err := d.Index().Count(); err != nil || n != 0 {
		t.Errorf("%d claims indexed (%v) while every write failed", n, err)
	}

	fault.Set(indexertest.Writes)
	waitReadyz(ctx, t, d, http.StatusOK, "ready")
	if err := d.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	claims := streamState(ctx, t, d.bus.JS, claimwire.StreamClaims).Msgs
	if n, err := d.Index().Count(); err != nil || n != claims || n == 0 {
		t.Errorf("%d claims indexed (%v), want the %d of CLAIMS", n, err, claims)
	}
	if n := streamState(ctx, t, d.bus.JS, claimwire.StreamDeadLetter).Msgs; n != 0 {
		t.Errorf("%d dead letters, want none", n)
	}
	select {
	case <-d.Failed():
		t.Errorf("the daemon failed: %v", d.Err())
	default:
	}
}

func streamState(ctx context.Context, t *testing.T, js jetstream.JetStream, name string) jetstream.StreamState {
	t.Helper()
	s, err := js.Stream(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return info.State
}

// TestRoleStoppedForGoodFailsTheDaemon deletes the indexer's consumer under it: the role cannot
// go on, so the daemon reports a failure, for `claimwire run` to exit non-zero, and stops being
// ready instead of idling as ready.
func TestRoleStoppedForGoodFailsTheDaemon(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cfg := testConfig(t, t.TempDir(), testSite(t).URL)
	if err := cfg.SetRoles("indexer"); err != nil {
		t.Fatal(err)
	}
	d, err := Start(ctx, cfg, Options{}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, d)
	waitReadyz(ctx, t, d, http.StatusOK, "ready")
	if err := d.bus.JS.DeleteConsumer(ctx, claimwire.StreamClaims, claimwire.ConsumerIndexer); err != nil {
		t.Fatal(err)
	}
	select {
	case <-d.Failed():
	case <-ctx.Done():
		t.Fatal("the daemon did not fail after the indexer's consumer was deleted")
	}
	if err := d.Err(); err == nil || !strings.Contains(err.Error(), "indexer") {
		t.Errorf("Err() = %v, want the indexer's failure", err)
	}
	waitReadyz(ctx, t, d, http.StatusServiceUnavailable, "indexer stopped")
}
