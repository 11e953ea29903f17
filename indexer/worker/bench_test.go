package worker

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
)

// BenchmarkWorker feeds claims through JetStream into the index with the default batching and
// reports claims/s from publication to commit: the indexer stage's ceiling in the pipeline.
func BenchmarkWorker(b *testing.B) {
	bs := bustest.Open(b)
	ix, err := indexer.Open(filepath.Join(b.TempDir(), "index"), indexer.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	w, err := New(bs.JS, ix, DefaultConfig(), prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	_, stop := bustest.Start(b, w)
	defer stop()

	const perRound = 2000
	sent := 0
	for b.Loop() {
		for range perRound {
			c := testClaim(fmt.Sprint("bench-", sent), float64(sent))
			data, err := json.Marshal(&c)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := bs.JS.PublishMsgAsync(&nats.Msg{Subject: claimwire.SubjectClaims, Data: data}); err != nil {
				b.Fatal(err)
			}
			sent++
		}
		deadline := time.Now().Add(time.Minute)
		for {
			n, err := ix.Count()
			if err != nil {
				b.Fatal(err)
			}
			if n == uint64(sent) {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("%d of %d claims indexed after a minute", n, sent)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "claims/s")
}
