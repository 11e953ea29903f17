package crawler

import (
	"maps"
	"sync"
)

// Stats counts what the crawler did since New. Every URL taken up ends in exactly one of
// Failed, Skipped, Published, Unchanged, OffTopic and NotArticle, except feeds and sitemaps
// read successfully, which only count in Fetched. Failed and Skipped are the sums of their
// ByReason maps, and OffTopic of OffTopicByReason.
type Stats struct {
	// Fetched counts HTTP responses received, whatever their status; Bytes sums their bodies.
	Fetched int64
	Bytes   int64
	// Failed counts tasks given up, after retries where they make sense.
	Failed int64
	// Skipped counts URLs not fetched or not processed on purpose (robots.txt, content type,
	// noindex, duplicates, known sitemap entries).
	Skipped int64
	// Published counts articles emitted; Unchanged those with the stored content hash or a 304.
	Published, Unchanged int64
	// OffTopic counts articles the topic rules rejected; NotArticle pages that are no article.
	OffTopic, NotArticle int64
	// Retries counts requests repeated after a 429, a 5xx or a network error.
	Retries          int64
	FailedByReason   map[string]int64
	SkippedByReason  map[string]int64
	OffTopicByReason map[string]int64
}

// statsBox guards the crawler's Stats.
type statsBox struct {
	mu sync.Mutex
	s  Stats
}

func newStatsBox() *statsBox {
	return &statsBox{s: Stats{FailedByReason: map[string]int64{}, SkippedByReason: map[string]int64{}, OffTopicByReason: map[string]int64{}}}
}

func (b *statsBox) update(f func(*Stats)) {
	b.mu.Lock()
	f(&b.s)
	b.mu.Unlock()
}

func (b *statsBox) snapshot() Stats {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.s
	s.FailedByReason = maps.Clone(b.s.FailedByReason)
	s.SkippedByReason = maps.Clone(b.s.SkippedByReason)
	s.OffTopicByReason = maps.Clone(b.s.OffTopicByReason)
	return s
}
