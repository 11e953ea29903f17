package daemon

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/crawler"
	"github.com/claimwire/claimwire/indexer"
)

// stateCollector reads the crawler's counters, the consumers' state and the index size at
// scrape time, so nothing is double-booked between the stages and their metrics.
type stateCollector struct {
	crawl crawlStatser // nil without the crawler role
	bus   *bus.Bus
	index *indexer.Index

	pages, failures, skips, offTopic *prometheus.Desc
	pending, ackPending, redelivered *prometheus.Desc
	streamMsgs, indexClaims          *prometheus.Desc
}

// crawlStatser is what the collector needs of the crawler; tests give it counters directly.
type crawlStatser interface{ Stats() crawler.Stats }

func newStateCollector(d *Daemon) *stateCollector {
	var crawl crawlStatser
	if d.crawl != nil {
		crawl = d.crawl // not a typed nil in the interface
	}
	return &stateCollector{
		crawl: crawl, bus: d.bus, index: d.index,
		pages: prometheus.NewDesc("claimwire_crawler_pages_total",
			"Pages handled by the crawler by outcome: fetched, failed, skipped, published (articles), unchanged, off_topic, not_article, retried.",
			[]string{"outcome"}, nil),
		failures: prometheus.NewDesc("claimwire_crawler_failures_total",
			"Fetches given up, by reason.", []string{"reason"}, nil),
		skips: prometheus.NewDesc("claimwire_crawler_skips_total",
			"URLs skipped on purpose, by reason.", []string{"reason"}, nil),
		offTopic: prometheus.NewDesc("claimwire_crawler_off_topic_total",
			"Articles dropped by the topic filter, by reason: no_topic_terms, below_threshold.", []string{"reason"}, nil),
		pending: prometheus.NewDesc("claimwire_consumer_pending_messages",
			"Messages not yet delivered to a durable consumer.", []string{"stream", "consumer"}, nil),
		ackPending: prometheus.NewDesc("claimwire_consumer_ack_pending_messages",
			"Messages delivered to a durable consumer and not yet acked.", []string{"stream", "consumer"}, nil),
		redelivered: prometheus.NewDesc("claimwire_consumer_redelivered_messages",
			"Messages redelivered to a durable consumer and not yet acked.", []string{"stream", "consumer"}, nil),
		streamMsgs: prometheus.NewDesc("claimwire_stream_messages",
			"Messages stored in a stream.", []string{"stream"}, nil),
		indexClaims: prometheus.NewDesc("claimwire_index_claims",
			"Claims in the index.", nil, nil),
	}
}

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.pages, c.failures, c.skips, c.offTopic, c.pending, c.ackPending, c.redelivered, c.streamMsgs, c.indexClaims} {
		ch <- d
	}
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	if c.crawl != nil {
		st := c.crawl.Stats()
		for outcome, v := range map[string]int64{
			"fetched": st.Fetched, "failed": st.Failed, "skipped": st.Skipped, "published": st.Published,
			"unchanged": st.Unchanged, "off_topic": st.OffTopic, "not_article": st.NotArticle, "retried": st.Retries,
		} {
			ch <- prometheus.MustNewConstMetric(c.pages, prometheus.CounterValue, float64(v), outcome)
		}
		for reason, v := range st.FailedByReason {
			ch <- prometheus.MustNewConstMetric(c.failures, prometheus.CounterValue, float64(v), reason)
		}
		for reason, v := range st.SkippedByReason {
			ch <- prometheus.MustNewConstMetric(c.skips, prometheus.CounterValue, float64(v), reason)
		}
		for reason, v := range st.OffTopicByReason {
			ch <- prometheus.MustNewConstMetric(c.offTopic, prometheus.CounterValue, float64(v), reason)
		}
	}
	if c.bus != nil {
		c.collectStreams(ch)
	}
	if c.index != nil {
		if n, err := c.index.Count(); err == nil {
			ch <- prometheus.MustNewConstMetric(c.indexClaims, prometheus.GaugeValue, float64(n))
		}
	}
}

// collectStreams reports the streams' and consumers' state; a scrape during a NATS outage
// reports what the process knows and skips this.
func (c *stateCollector) collectStreams(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if streams, err := c.bus.Status(ctx); err == nil {
		for _, s := range streams {
			ch <- prometheus.MustNewConstMetric(c.streamMsgs, prometheus.GaugeValue, float64(s.Messages), s.Name)
			for _, cs := range s.Consumers {
				ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(cs.Pending), s.Name, cs.Name)
				ch <- prometheus.MustNewConstMetric(c.ackPending, prometheus.GaugeValue, float64(cs.AckPending), s.Name, cs.Name)
				ch <- prometheus.MustNewConstMetric(c.redelivered, prometheus.GaugeValue, float64(cs.Redelivered), s.Name, cs.Name)
			}
		}
	}
}

// instrument records the latency of every request by route pattern; the nested muxes set
// r.Pattern to the route they matched.
func instrument(reg prometheus.Registerer, next http.Handler) (http.Handler, error) {
	hist := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "claimwire", Subsystem: "http", Name: "request_duration_seconds",
		Help:    "HTTP request latency by route and status class; /api/claims is the query latency.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"route", "code"})
	if err := reg.Register(hist); err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		hist.WithLabelValues(route, strconv.Itoa(sw.code)).Observe(time.Since(start).Seconds())
	}), nil
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// Flush keeps streamed exports streaming through the wrapper.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
