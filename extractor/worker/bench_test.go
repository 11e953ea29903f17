package worker

import (
	"encoding/json"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
)

// BenchmarkWorker feeds articles through JetStream to the worker with the default settings and
// reports articles/s from publication to the article's ack, claims stored: the extractor
// stage's ceiling in the pipeline.
func BenchmarkWorker(b *testing.B) {
	bs := bustest.Open(b)
	w, _ := newTestWorker(b, bs.JS, DefaultConfig())
	cons, stop := bustest.Start(b, w)
	defer stop()

	const perRound = 200
	sent := 0
	for b.Loop() {
		for range perRound {
			a := testArticle(sent)
			data, err := json.Marshal(&a)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := bs.JS.PublishMsgAsync(&nats.Msg{Subject: claimwire.SubjectArticles, Data: data}); err != nil {
				b.Fatal(err)
			}
			sent++
		}
		<-bs.JS.PublishAsyncComplete() // else the consumer may look idle before they are stored
		bustest.WaitIdle(b, cons)
	}
	b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "articles/s")
}
