package crawler

import (
	"sync"
	"time"
)

const (
	// maxMemo bounds the memo; past it, the memo starts afresh, which only costs some refetches.
	maxMemo = 500000
	// recheckAfter is how long a settled article is not fetched again when its listing date
	// has not moved (or there is none): articles get corrected in the hours after publication,
	// and many pages reached by links have no date at all.
	recheckAfter = 6 * time.Hour
)

// memo is what a long-running crawler remembers between rounds, in memory only: validators for
// conditional GETs and which articles were settled when, with their listing date, so that
// entries whose date has not moved are not fetched again every round. After a restart
// everything is fetched once more and the Store keeps unchanged articles from being emitted
// again.
type memo struct {
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	etag, lastModified string
	known              bool
	lastMod, settled   time.Time
}

func newMemo() *memo { return &memo{entries: make(map[string]memoEntry)} }

func (m *memo) validators(url string) (etag, lastModified string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.entries[url]
	return e.etag, e.lastModified
}

func (m *memo) setValidators(url, etag, lastModified string) {
	m.update(url, func(e *memoEntry) { e.etag, e.lastModified = etag, lastModified })
}

func (m *memo) forgetValidators(url string) {
	m.update(url, func(e *memoEntry) { e.etag, e.lastModified = "", "" })
}

// markKnown records that url was settled at now with the given listing date.
func (m *memo) markKnown(url string, lastMod, now time.Time) {
	m.update(url, func(e *memoEntry) { e.known, e.lastMod, e.settled = true, lastMod, now })
}

// known reports whether url was settled less than recheckAfter before now and its listing
// date has not moved since.
func (m *memo) known(url string, lastMod, now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[url]
	return ok && e.known && !lastMod.After(e.lastMod) && now.Sub(e.settled) < recheckAfter
}

func (m *memo) update(url string, f func(*memoEntry)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.entries) >= maxMemo {
		clear(m.entries)
	}
	e := m.entries[url]
	f(&e)
	m.entries[url] = e
}
