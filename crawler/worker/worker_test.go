package worker

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/crawler"
)

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbor campus orders 4,000 GPUs</title>
<meta property="og:type" content="article"><meta property="article:published_time" content="2025-06-02T08:00:00Z"></head>
<body><article><h1>Harbor campus orders 4,000 GPUs</h1>
<p>The operator of the Harbor data centre has ordered 4,000 GPUs for its artificial intelligence cluster, the company said.</p>
<p>The expansion will draw up to 40 megawatts from the regional grid once the new chips are installed next spring.</p>
<p>Local officials welcomed the investment, which they said would bring construction work and a few dozen permanent jobs to the port area, while grid operators warned that connection queues for new data centres are getting longer every year.</p>
<p>The company did not say which supplier will deliver the accelerators, nor how much the order cost, but analysts expect the cluster to be used to train language models for European customers.</p>
</article></body></html>`

// TestPublishesEachArticleOnce crawls a one-article site twice with a fresh crawler memory: the
// article is published with its message id, and the second publication is dropped as a
// duplicate by JetStream.
func TestPublishesEachArticleOnce(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, page)
	}))
	defer site.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := bus.DefaultConfig()
	cfg.Embedded.Port = -1
	b, err := bus.Open(ctx, cfg, t.TempDir(), logger)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.EnsureStreams(ctx, cfg.Streams); err != nil {
		t.Fatal(err)
	}
	ccfg := crawler.DefaultConfig()
	ccfg.Delay, ccfg.RandomDelay = 0, 0
	ccfg.AllowPrivateAddresses = true
	ccfg.Sources = []crawler.Source{{Kind: crawler.KindStart, URL: site.URL + "/story", MaxDepth: 1}}
	for range 2 {
		store, err := crawler.OpenFileStore(t.TempDir()) // forgets what it saw: only JetStream de-duplicates
		if err != nil {
			t.Fatal(err)
		}
		c, err := crawler.New(ccfg, store, logger)
		if err != nil {
			t.Fatal(err)
		}
		if err := Run(ctx, b.JS, c, true, logger); err != nil {
			t.Fatal(err)
		}
		if c.Stats().Published != 1 {
			t.Fatalf("stats %+v, want one article", c.Stats())
		}
		store.Close()
	}
	stream, err := b.JS.Stream(ctx, claimwire.StreamArticles)
	if err != nil {
		t.Fatal(err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 1 {
		t.Fatalf("ARTICLES holds %d messages, want 1", info.State.Msgs)
	}
	msg, err := stream.GetMsg(ctx, info.State.FirstSeq)
	if err != nil {
		t.Fatal(err)
	}
	var a claimwire.Article
	if err := json.Unmarshal(msg.Data, &a); err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Nats-Msg-Id") != a.MsgID() || a.Version != claimwire.SchemaVersion || a.Crawled.IsZero() {
		t.Errorf("message id %q, article %+v", msg.Header.Get("Nats-Msg-Id"), a)
	}
}
