package crawler

import (
	"sync"
	"time"
)

// maxMemo bounds the memo; past it, the memo starts afresh, which only costs some refetches.
const maxMemo = 500000

// memo is what a long-running crawler remembers between rounds, in memory only: validators for
// conditional GETs and which listed articles were settled at which date, so that sitemap and
// feed entries whose date has not moved are not fetched again. After a restart everything is
// fetched once more and the Store keeps unchanged articles from being emitted again.
type memo struct {
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	etag, lastModified string
	known              bool
	lastMod            time.Time
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

// markKnown records that url was settled with the given listing date.
func (m *memo) markKnown(url string, lastMod time.Time) {
	m.update(url, func(e *memoEntry) { e.known, e.lastMod = true, lastMod })
}

// known reports whether url was settled in an earlier round and its listing date has not
// moved since; an entry without a date is known once settled.
func (m *memo) known(url string, lastMod time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[url]
	return ok && e.known && !lastMod.After(e.lastMod)
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
