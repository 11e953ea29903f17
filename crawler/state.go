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
// one URL (a page and the feed that listed it) do not lose each other's change. A state that
// cannot be read is not written: f would start from nothing and drop what the store holds.
func (c *Crawler) updateState(ctx context.Context, url string, f func(*PageState)) error {
	c.stateMu.Lock()
	defer c.stateMu.Unlock()
	st, _, err := c.states.State(ctx, url)
	if err != nil {
		return err
	}
	f(&st)
	return c.states.PutState(ctx, url, st)
}

// pending follows a task of a round until it and every task it queued are settled: handled
// (fetched, skipped on purpose or known) or failed for good. Only then is the task's page state
// written, as that state is what lets the next round pass over what the task listed (a 304 on
// its validators, a page not yet due). Written earlier, a crawl stopped mid-round (SIGTERM,
// kill -9, crash) would leave the entries it never reached hidden behind their listing for
// good. Written last, a stop at any instant leaves every listing either committed with all it
// listed settled, or as before the round, so that it is read in full again. Each state line is
// flushed to the operating system before the next is written, a task's before its parent's, and
// an article is settled only after its emit returned: a killed process loses nothing, and a
// power cut dropping the log's tail costs refetches, not articles.
type pending struct {
	parent *pending
	// left counts the task itself until it is handled, plus its children not yet settled.
	left int
	// ok is false when the task itself failed; childFailed when one of its children did, so
	// that its validators must not hide that child from the next round.
	ok, childFailed bool
	// commit writes the task's state; complete is false after a child failed. nil: none.
	commit func(ctx context.Context, complete bool)
}

// newPending starts following a task queued by parent (nil for a source).
func (r *round) newPending(parent *pending) *pending {
	if parent != nil {
		r.mu.Lock()
		parent.left++
		r.mu.Unlock()
	}
	return &pending{parent: parent, left: 1}
}

// finish records that a task's own handling ended (ok false: it failed) and writes the
// states of the task and of the ancestors it was the last to hold back, each before its
// parent's. A task that never finishes, stopped by the end of the round, holds back its
// ancestors until the next round lists it again.
func (r *round) finish(ctx context.Context, p *pending, ok bool, commit func(context.Context, bool)) {
	ctx = context.WithoutCancel(ctx) // what is settled is written, even while stopping
	r.mu.Lock()
	p.ok, p.commit = ok, commit
	r.mu.Unlock()
	for p != nil {
		r.mu.Lock()
		p.left--
		settled, complete := p.left == 0, !p.childFailed
		if settled && !p.ok && p.parent != nil {
			p.parent.childFailed = true
		}
		r.mu.Unlock()
		if !settled {
			return
		}
		if p.ok && p.commit != nil {
			p.commit(ctx, complete)
		}
		p = p.parent
	}
}
