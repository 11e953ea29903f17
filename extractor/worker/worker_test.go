package worker

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/extractor"
)

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

// newTestWorker is a worker with the built-in extractor, its metrics on a registry of its own.
func newTestWorker(tb testing.TB, js jetstream.JetStream, cfg Config) (*Worker, *extractor.Extractor) {
	tb.Helper()
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	w, err := New(js, ex, cfg, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatal(err)
	}
	return w, ex
}

// TestWorkerPublishesEveryClaim runs more articles than there are settling slots and extraction
// goroutines, so that acks are awaited side by side, and checks that every claim is stored,
// every article acked, and a malformed article dead-lettered.
func TestWorkerPublishesEveryClaim(t *testing.T) {
	for _, concurrency := range []int{1, 4} {
		t.Run(fmt.Sprint("concurrency ", concurrency), func(t *testing.T) {
			b := bustest.Open(t)
			cfg := DefaultConfig()
			cfg.Concurrency = concurrency
			w, ex := newTestWorker(t, b.JS, cfg)
			const articles = 3 * maxSettling
			want := map[string]bool{}
			for i := range articles {
				a := testArticle(i)
				for _, c := range claimwire.NewClaims(&a, ex.ExtractArticle(&a)) {
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

			cons, stop := bustest.Start(t, w)
			bustest.WaitIdle(t, cons)
			stop()

			if got := bustest.StreamMsgs(t, b.JS, claimwire.StreamClaims); got != uint64(len(want)) {
				t.Errorf("%d claims stored, want %d", got, len(want))
			}
			if got := bustest.StreamMsgs(t, b.JS, claimwire.StreamDeadLetter); got != 1 {
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

// TestWorkerPausesWhileClaimsAreRefused makes the CLAIMS stream refuse writes, as a server out
// of disk does, and checks that the worker then acks no article, dead-letters none and reports
// why, and that once the stream takes writes again it publishes every claim by itself.
func TestWorkerPausesWhileClaimsAreRefused(t *testing.T) {
	b := bustest.Open(t)
	w, ex := newTestWorker(t, b.JS, DefaultConfig())
	// One message fills a stream limited to one, which then refuses the next.
	if _, err := b.JS.Publish(t.Context(), claimwire.SubjectClaims, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	stream, err := b.JS.Stream(t.Context(), claimwire.StreamClaims)
	if err != nil {
		t.Fatal(err)
	}
	open := stream.CachedInfo().Config
	full := open
	full.MaxMsgs, full.Discard = 1, jetstream.DiscardNew
	if _, err := b.JS.UpdateStream(t.Context(), full); err != nil {
		t.Fatal(err)
	}
	const articles = 10
	want := 1
	for i := range articles {
		a := testArticle(i)
		want += len(claimwire.NewClaims(&a, ex.ExtractArticle(&a)))
		data, err := json.Marshal(&a)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.JS.Publish(t.Context(), claimwire.SubjectArticles, data); err != nil {
			t.Fatal(err)
		}
	}

	cons, stop := bustest.Start(t, w)
	if err := bustest.WaitFailing(t, w.Ready); !strings.Contains(err.Error(), "maximum messages") {
		t.Errorf("Ready() = %v, want the stream's refusal", err)
	}
	time.Sleep(time.Second) // a few retries
	info, err := cons.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.AckFloor.Stream != 0 || info.NumRedelivered != 0 {
		t.Errorf("while refused: ack floor %d, %d redelivered; want nothing acked or redelivered", info.AckFloor.Stream, info.NumRedelivered)
	}

	if _, err := b.JS.UpdateStream(t.Context(), open); err != nil {
		t.Fatal(err)
	}
	bustest.WaitIdle(t, cons)
	bustest.WaitReady(t, w.Ready)
	stop()
	if got := bustest.StreamMsgs(t, b.JS, claimwire.StreamClaims); got != uint64(want) {
		t.Errorf("%d claims stored, want %d", got, want)
	}
	if got := bustest.StreamMsgs(t, b.JS, claimwire.StreamDeadLetter); got != 0 {
		t.Errorf("%d dead letters, want none", got)
	}
}
