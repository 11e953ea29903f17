package crawler

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// task kinds: a source's own kinds plus pages discovered from them.
const kindPage = "page"

// task is one URL to fetch.
type task struct {
	kind  string // KindFeed, KindSitemap, KindStart or kindPage
	url   string
	src   *source
	depth int // link or sitemap-index hops from the source
	// lastMod is the date a feed or sitemap gave for the URL, zero when unknown.
	lastMod time.Time
	attempt int
	// pend follows the task until it and what it queued are settled.
	pend *pending
	// delivery is the task's delivery from a Shared queue, nil in a round of Run.
	delivery Delivery
}

// maxFrontier bounds the URLs waiting in one round; a sitemap index listing millions of URLs
// must not exhaust memory.
const maxFrontier = 200000

// frontier hands out tasks so that each host gets at most parallelism requests in flight,
// request starts at least delay (+ jitter) apart, and no request starts less than delay after
// the end of the previous one. colly's LimitRule is not used for this: its
// delay is a sleep that ignores cancellation, and a DomainGlob "*" rule is one semaphore for
// all hosts, not one per host.
type frontier struct {
	parallelism   int
	delay, jitter time.Duration
	// warmup holds back the first request to a host new to the frontier; holds keeps take
	// waiting while nothing is queued. Both serve RunShared.
	warmup time.Duration
	holds  int

	mu       sync.Mutex
	hosts    map[string]*hostQueue
	order    []*hostQueue // round-robin order of hosts
	next     int
	pending  int
	inflight int
	changed  chan struct{} // closed and replaced on every change
}

type hostQueue struct {
	tasks    []task
	inflight int
	notAfter time.Time // no request starts before this
	// crawlDelay is the host's robots.txt Crawl-delay, a floor on delay; lastPaced is when the
	// latest pace call let its request start.
	crawlDelay time.Duration
	lastPaced  time.Time
}

func newFrontier(parallelism int, delay, jitter time.Duration) *frontier {
	return &frontier{
		parallelism: parallelism, delay: delay, jitter: jitter,
		hosts: make(map[string]*hostQueue), changed: make(chan struct{}),
	}
}

// push queues t for host; it reports false when the frontier is full.
func (f *frontier) push(host string, t task) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pending >= maxFrontier {
		return false
	}
	h := f.hosts[host]
	if h == nil {
		h = &hostQueue{}
		if f.warmup > 0 {
			h.notAfter = time.Now().Add(f.warmup)
		}
		f.hosts[host] = h
		f.order = append(f.order, h)
	}
	h.tasks = append(h.tasks, t)
	f.pending++
	f.signal()
	return true
}

// take waits for a task that may start now. It returns false when ctx is done or when nothing
// is queued or in flight any more, i.e. the round is over.
func (f *frontier) take(ctx context.Context) (task, *hostQueue, bool) {
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		if ctx.Err() != nil {
			return task{}, nil, false
		}
		f.mu.Lock()
		if f.pending == 0 && f.inflight == 0 && f.holds == 0 {
			f.mu.Unlock()
			return task{}, nil, false
		}
		now := time.Now()
		var soonest time.Time
		for i := range f.order {
			h := f.order[(f.next+i)%len(f.order)]
			if len(h.tasks) == 0 || h.inflight >= f.parallelism {
				continue
			}
			if h.notAfter.After(now) {
				if soonest.IsZero() || h.notAfter.Before(soonest) {
					soonest = h.notAfter
				}
				continue
			}
			t := h.tasks[0]
			h.tasks[0] = task{}
			h.tasks = h.tasks[1:]
			h.inflight++
			h.notAfter = now.Add(max(f.delay, h.crawlDelay) + f.randomDelay())
			f.pending--
			f.inflight++
			f.next = (f.next + i + 1) % len(f.order)
			f.mu.Unlock()
			return t, h, true
		}
		changed := f.changed
		f.mu.Unlock()

		var wake <-chan time.Time
		if !soonest.IsZero() {
			if timer == nil {
				timer = time.NewTimer(time.Until(soonest))
			} else {
				timer.Reset(time.Until(soonest))
			}
			wake = timer.C
		}
		select {
		case <-ctx.Done():
		case <-changed:
		case <-wake:
		}
	}
}

// done ends a task taken from h. The host then rests for the delay, as a slow response must
// not let the next request follow it closely, or for backoff when longer (a 429 or a 503 is
// about the host, not only the URL).
func (f *frontier) done(h *hostQueue, backoff time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h.inflight--
	f.inflight--
	if until := time.Now().Add(max(backoff, f.delay, h.crawlDelay)); until.After(h.notAfter) {
		h.notAfter = until
	}
	f.signal()
}

// pace applies a Crawl-delay learnt while a task was already taken: it waits until crawlDelay
// has passed since the previous paced start to host, so that tasks taken together before the
// host's robots.txt was read still start crawlDelay apart, and keeps it as the host's floor.
// Each start is the time its wait actually ended, not the time it was due: a timer that fires
// late under load must push the next start back, not shorten the gap after it.
func (f *frontier) pace(ctx context.Context, host string, crawlDelay time.Duration) error {
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		f.mu.Lock()
		h := f.hosts[host]
		if h == nil {
			f.mu.Unlock()
			return nil
		}
		h.crawlDelay = crawlDelay
		now := time.Now()
		next := h.lastPaced.Add(crawlDelay)
		if h.lastPaced.IsZero() || !next.After(now) {
			h.lastPaced = now
			f.mu.Unlock()
			return nil
		}
		f.mu.Unlock()
		if timer == nil {
			timer = time.NewTimer(next.Sub(now))
		} else {
			timer.Reset(next.Sub(now))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}
	}
}

// drain empties the frontier and returns what was queued.
func (f *frontier) drain() []task {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []task
	for _, h := range f.hosts {
		out = append(out, h.tasks...)
		f.pending -= len(h.tasks)
		h.tasks = nil
	}
	f.signal()
	return out
}

func (f *frontier) randomDelay() time.Duration {
	if f.jitter <= 0 {
		return 0
	}
	return rand.N(f.jitter)
}

func (f *frontier) signal() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// queued counts the tasks waiting, plus one while a hold lasts: more may come at any time.
func (f *frontier) queued() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pending + min(f.holds, 1)
}
