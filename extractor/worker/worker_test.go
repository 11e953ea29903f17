package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/extractor"
)

// openBus starts an embedded NATS server on loopback with the pipeline's streams.
func openBus(t testing.TB) *bus.Bus {
	t.Helper()
	cfg := bus.DefaultConfig()
	cfg.Embedded.Port = -1
	b, err := bus.Open(t.Context(), cfg, t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	if err := b.EnsureStreams(t.Context(), cfg.Streams); err != nil {
		t.Fatal(err)
	}
	return b
}

func testArticle(i int) claimwire.Article {
	a := claimwire.Article{
		Version: claimwire.SchemaVersion,
		URL:     fmt.Sprintf("https://example.test/news/%d", i),
		Site:    "example.test",
		Title:   fmt.Sprintf("Campus %d adds capacity", i),
		Text: fmt.Sprintf("The campus operator bought %d GPUs this year.\n\nThe extension costs $%d million and draws up to %d megawatts.",
			100+i, 20+i, 5+i),
		Lang:    "en",
		Crawled: time.Now().UTC(),
	}
	a.ContentHash = a.ComputeContentHash()
	return a
}

func waitIdle(t testing.TB, cons jetstream.Consumer) {
	t.Helper()
	// Generous: on a loaded machine a pull can go unanswered, and the iterator only pulls again
	// once it misses the idle heartbeat, after 30 s.
	deadline := time.Now().Add(90 * time.Second)
	for {
		info, err := cons.Info(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if info.NumPending == 0 && info.NumAckPending == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer not idle: %d pending, %d unacked", info.NumPending, info.NumAckPending)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func streamMsgs(t *testing.T, js jetstream.JetStream, name string) uint64 {
	t.Helper()
	s, err := js.Stream(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

// TestWorkerPublishesEveryClaim runs more articles than there are settling slots and extraction
// goroutines, so that acks are awaited side by side, and checks that every claim is stored,
// every article acked, and a malformed article dead-lettered.
func TestWorkerPublishesEveryClaim(t *testing.T) {
	for _, concurrency := range []int{1, 4} {
		t.Run(fmt.Sprint("concurrency ", concurrency), func(t *testing.T) {
			b := openBus(t)
			ex, err := extractor.New(extractor.Options{})
			if err != nil {
				t.Fatal(err)
			}
			cfg := DefaultConfig()
			cfg.Concurrency = concurrency
			w, err := New(b.JS, ex, cfg, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			const articles = 3 * maxSettling
			want := map[string]bool{}
			for i := range articles {
				a := testArticle(i)
				for _, c := range claimwire.NewClaims(&a, ex.Extract(a.Title+"\n\n"+a.Text, a.Lang)) {
					want[c.ID] = true
				}
				data, err := json.Marshal(&a)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := b.JS.Publish(t.Context(), claimwire.SubjectArticles, data); err != nil {
					t.Fatal(err)
				}
			}
			if len(want) < 3*articles {
				t.Fatalf("only %d claims expected from %d articles: the test articles lost their figures", len(want), articles)
			}
			if _, err := b.JS.Publish(t.Context(), claimwire.SubjectArticles, []byte(`{"v":1,"url":`)); err != nil {
				t.Fatal(err)
			}

			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- w.Run(ctx) }()
			cons, err := w.Consumer(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			waitIdle(t, cons)
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}

			if got := streamMsgs(t, b.JS, claimwire.StreamClaims); got != uint64(len(want)) {
				t.Errorf("%d claims stored, want %d", got, len(want))
			}
			if got := streamMsgs(t, b.JS, claimwire.StreamDeadLetter); got != 1 {
				t.Errorf("%d dead letters, want 1", got)
			}
			claims, err := b.JS.OrderedConsumer(t.Context(), claimwire.StreamClaims, jetstream.OrderedConsumerConfig{})
			if err != nil {
				t.Fatal(err)
			}
			batch, err := claims.Fetch(len(want), jetstream.FetchMaxWait(5*time.Second))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for msg := range batch.Messages() {
				var c claimwire.Claim
				if err := json.Unmarshal(msg.Data(), &c); err != nil {
					t.Fatal(err)
				}
				if !want[c.ID] {
					t.Errorf("unexpected claim %s %q", c.ID, c.Surface)
				}
				n++
			}
			if n != len(want) {
				t.Errorf("read %d claims back, want %d", n, len(want))
			}
		})
	}
}
