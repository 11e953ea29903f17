package crawler

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/internal/loadsite"
)

// TestEmitConcurrently checks that publications overlap: emit waits for a broker's ack, and
// serialised emits capped the crawl at one article per round trip.
func TestEmitConcurrently(t *testing.T) {
	site := httptest.NewServer(loadsite.New(8))
	defer site.Close()
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.URL + loadsite.SitemapPath})
	c, err := New(cfg, openStore(t, t.TempDir()), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu             sync.Mutex
		inFlight, most int
		emitted        int
		overlap        = make(chan struct{})
		overlapped     bool
	)
	emit := func(ctx context.Context, _ claimwire.Article) error {
		mu.Lock()
		inFlight++
		emitted++
		most = max(most, inFlight)
		if inFlight == 2 && !overlapped {
			overlapped = true
			close(overlap)
		}
		mu.Unlock()
		// Hold the first publications until a second one starts; serialised emits never see
		// one, and time out instead of deadlocking.
		select {
		case <-overlap:
		case <-time.After(2 * time.Second):
		case <-ctx.Done():
		}
		mu.Lock()
		inFlight--
		mu.Unlock()
		return nil
	}
	if err := c.Run(t.Context(), true, emit); err != nil {
		t.Fatal(err)
	}
	if emitted != 8 {
		t.Errorf("%d articles emitted, want 8", emitted)
	}
	if most < 2 {
		t.Errorf("at most %d emit at a time, want concurrent emits", most)
	}
}
