package crawler

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// maxMemStates bounds the in-memory states kept for a Store that is no StateStore; past it they
// start afresh, which only costs some refetches.
const maxMemStates = 500000

// stateKeeper holds PageStates: the Store itself when it is a StateStore, else memStates.
type stateKeeper interface {
	State(ctx context.Context, url string) (PageState, bool, error)
	PutState(ctx context.Context, url string, st PageState) error
}

// memStates keeps PageStates in memory, for Stores that cannot persist them: after a restart
// everything is fetched once more and the Store keeps unchanged articles from being emitted.
type memStates struct {
	mu sync.Mutex
	m  map[string]PageState
}

func newMemStates() *memStates { return &memStates{m: make(map[string]PageState)} }

func (s *memStates) State(_ context.Context, url string) (PageState, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.m[url]
	return st, ok, nil
}

func (s *memStates) PutState(_ context.Context, url string, st PageState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[url]; !ok && len(s.m) >= maxMemStates {
		clear(s.m)
	}
	s.m[url] = st
	return nil
}

// due reports whether a page must be fetched: it was never settled, its listing date moved
// since, or it was settled recheckAfter ago or more (articles get corrected after publication,
// and many pages reached by links have no listing date at all). Listing dates are compared to
// the second, the precision a FileStore keeps.
func (st PageState) due(listed, now time.Time, recheckAfter time.Duration) bool {
	return st.Settled.IsZero() || listed.Truncate(time.Second).After(st.Listed) || now.Sub(st.Settled) >= recheckAfter
}

// state returns url's PageState; a failing store is logged and reads as no state, which costs
// a fetch at worst.
func (c *Crawler) state(ctx context.Context, url string) PageState {
	st, _, err := c.states.State(ctx, url)
	if err != nil {
		c.log.Warn("crawler: reading page state", slog.String("url", url), slog.String("reason", reasonStore), slog.Any("error", err))
	}
	return st
}

// updateState applies f to url's PageState. Updates are serialized so that two tasks touching
// one URL (a page and the feed that listed it) do not lose each other's change.
func (c *Crawler) updateState(ctx context.Context, url string, f func(*PageState)) {
	c.stateMu.Lock()
	defer c.stateMu.Unlock()
	st := c.state(ctx, url)
	f(&st)
	if err := c.states.PutState(ctx, url, st); err != nil {
		c.log.Warn("crawler: writing page state", slog.String("url", url), slog.String("reason", reasonStore), slog.Any("error", err))
	}
}
