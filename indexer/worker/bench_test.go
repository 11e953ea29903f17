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
func BenchmarkWorker(b *testing.B) { benchmarkWorker(b, DefaultConfig()) }

// BenchmarkWorkerSharedFacts is BenchmarkWorker for a read replica settling facts with
// FACT_LINKS: the first replica, recording every claim.
func BenchmarkWorkerSharedFacts(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Replica, cfg.SharedFacts = "replica-1", true
	benchmarkWorker(b, cfg)
}

func benchmarkWorker(b *testing.B, cfg Config) {
	bs := bustest.Open(b)
	store, err := cfg.LinkStore(b.Context(), bs.JS, 1)
	if err != nil {
		b.Fatal(err)
	}
	ix, err := indexer.Open(filepath.Join(b.TempDir(), "index"), indexer.Options{Linkages: store})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	w, err := New(bs.JS, ix, cfg, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
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

// BenchmarkFactLinks settles batches of 1,000 claims with FACT_LINKS, as the first replica
// (nothing recorded: one read and one create per claim) and as the next (all recorded: reads).
func BenchmarkFactLinks(b *testing.B) {
	bs := bustest.Open(b)
	store, err := OpenFactLinks(b.Context(), bs.JS, 1)
	if err != nil {
		b.Fatal(err)
	}
	const batch = 1000
	round := 0
	batchOf := func() ([]string, map[string]indexer.Linkage) {
		ids := make([]string, batch)
		links := make(map[string]indexer.Linkage, batch)
		for i := range ids {
			ids[i] = fmt.Sprintf("%016x%016x", round, i)
			links[ids[i]] = indexer.Linkage{Fact: ids[0], FactScore: 0.8, FactWhy: []string{"gigafactory", "proposals"}}
		}
		round++
		return ids, links
	}
	var recorded [][]string
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			ids, links := batchOf()
			if got, err := store.Recorded(b.Context(), ids); err != nil || len(got) != 0 {
				b.Fatalf("Recorded = %d, %v", len(got), err)
			}
			if taken, err := store.Record(b.Context(), links); err != nil || len(taken) != 0 {
				b.Fatalf("Record = %d taken, %v", len(taken), err)
			}
			recorded = append(recorded, ids)
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*batch), "µs/claim")
		s, err := bs.JS.Stream(b.Context(), "KV_"+claimwire.BucketFactLinks)
		if err != nil {
			b.Fatal(err)
		}
		info, err := s.Info(b.Context())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(info.State.Bytes)/float64(info.State.Msgs), "stored-bytes/claim")
	})
	b.Run("next", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ids := recorded[i%len(recorded)]
			i++
			if got, err := store.Recorded(b.Context(), ids); err != nil || len(got) != batch {
				b.Fatalf("Recorded = %d, %v", len(got), err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*batch), "µs/claim")
	})
}
