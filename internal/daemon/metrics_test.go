package daemon

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire/crawler"
)

type fixedCrawlStats crawler.Stats

func (s fixedCrawlStats) Stats() crawler.Stats { return crawler.Stats(s) }

// TestMetricsOffTopicByReason: the articles the topic filter dropped are counted by reason in
// /metrics, beside the pages' outcomes.
func TestMetricsOffTopicByReason(t *testing.T) {
	c := newStateCollector(&Daemon{})
	c.crawl = fixedCrawlStats{OffTopic: 3, OffTopicByReason: map[string]int64{"no_topic_terms": 2, "below_threshold": 1}}
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "claimwire_crawler_off_topic_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			got[m.GetLabel()[0].GetValue()] = m.GetCounter().GetValue()
		}
	}
	if len(got) != 2 || got["no_topic_terms"] != 2 || got["below_threshold"] != 1 {
		t.Errorf("claimwire_crawler_off_topic_total by reason = %v, want no_topic_terms 2, below_threshold 1", got)
	}
}
