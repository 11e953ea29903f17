package crawler

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/queue"
	whatwg "github.com/nlnwa/whatwg-url/url"
)

// taskKey is the colly context key under which a queued request names its task in the round.
const taskKey = "claimwire.task"

// errBadURL marks a URL that colly would refuse: it would fail the request before any
// callback could settle its task.
var errBadURL = errors.New("crawler: URL refused by colly")

// errQueueClosed answers GetRequest once the round is ending: nothing more starts.
var errQueueClosed = errors.New("crawler: the crawl queue is closed")

// collyURLs parses URLs as colly does before a request's callbacks run.
var collyURLs = whatwg.NewParser(whatwg.WithPercentEncodeSinglePercentSign())

// requestQueue is a round's crawl queue as colly's queue.Storage, which colly's queue.Queue
// drains with the round's collector (run). AddRequest queues a request: in this process's
// frontier, or in a shared crawl on the shared queue (the CRAWL stream in JetStream) for the
// process that owns its host. GetRequest hands out the next request that its host's
// politeness lets start now: the frontier paces each host, and a shared crawl fills the
// frontier with the tasks of the hosts it owns (round.intake). A request names its task by a
// key in its context: a task holds what the round follows in memory (the listing that queued
// it, its delivery from the shared queue), which a serialized request cannot carry.
type requestQueue struct {
	r    *round
	keys atomic.Uint64

	mu    sync.Mutex
	tasks map[string]*queuedTask // by key: added and not yet in the frontier, or handed out
}

// queuedTask is a task behind a request; h is its host in the frontier once handed out.
type queuedTask struct {
	t task
	h *hostQueue
}

var _ queue.Storage = (*requestQueue)(nil)

func newRequestQueue(r *round) *requestQueue {
	return &requestQueue{r: r, tasks: make(map[string]*queuedTask)}
}

// Init is colly's storage hook; the queue is ready.
func (q *requestQueue) Init() error { return nil }

// add queues t through AddRequest, as colly's queue.Queue adds a request.
func (q *requestQueue) add(t task) error {
	key := q.register(&queuedTask{t: t})
	b, err := q.request(key, t)
	if err == nil {
		err = q.AddRequest(b)
	}
	if err != nil {
		q.forget(key)
	}
	return err
}

// AddRequest queues a serialized request whose context names a task of the round: in the
// shared queue for a shared crawl, else in the frontier. A full frontier answers
// colly.ErrQueueFull.
func (q *requestQueue) AddRequest(b []byte) error {
	req, err := q.r.coll.UnmarshalRequest(b)
	if err != nil {
		return fmt.Errorf("crawler: queued request: %w", err)
	}
	qt := q.forget(req.Ctx.Get(taskKey))
	if qt == nil {
		return fmt.Errorf("crawler: queued request %s names no task of the round", req.URL)
	}
	t := qt.t
	if q.r.shared != nil {
		return q.r.push(q.r.ctx, Task{Kind: t.kind, URL: t.url, Source: t.src.Source, Depth: t.depth, LastMod: t.lastMod})
	}
	if !q.r.front.push(hostOf(t.url), t) {
		return colly.ErrQueueFull
	}
	return nil
}

// GetRequest waits for the next task whose host may be sent a request now and returns its
// request. It fails once the round's context is done or, outside a shared crawl, once nothing
// is queued or in flight any more.
func (q *requestQueue) GetRequest() ([]byte, error) {
	for {
		t, h, ok := q.r.front.take(q.r.ctx)
		if !ok {
			return nil, errQueueClosed
		}
		key := q.register(&queuedTask{t: t, h: h})
		b, err := q.request(key, t)
		if err == nil {
			return b, nil
		}
		// A task of the shared queue, queued by another process (an older version).
		q.forget(key)
		q.r.skip(q.r.ctx, q.r.c.log.With(slog.String("url", t.url), slog.Any("error", err)), t, reasonBadURL)
		q.r.front.done(h, q.r.handled(t, 0))
	}
}

// QueueSize counts the tasks waiting in the frontier. A shared crawl counts one more while it
// runs, as tasks may come from the shared queue at any time; a round ending counts none, so
// that colly's queue stops once the requests in flight are done.
func (q *requestQueue) QueueSize() (int, error) {
	if q.r.ctx.Err() != nil {
		return 0, nil
	}
	return q.r.front.queued(), nil
}

// request serializes t's request, as colly's queue stores it.
func (q *requestQueue) request(key string, t task) ([]byte, error) {
	if _, err := collyURLs.Parse(t.url); err != nil {
		return nil, fmt.Errorf("%w: %w", errBadURL, err)
	}
	u, err := url.Parse(t.url)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errBadURL, err)
	}
	ctx := colly.NewContext()
	ctx.Put(taskKey, key)
	hdr := http.Header{}
	hdr.Set("User-Agent", q.r.c.cfg.UserAgent)
	hdr.Set("Accept", acceptByKind[t.kind])
	req := &colly.Request{URL: u, Method: http.MethodGet, Depth: t.depth, Ctx: ctx, Headers: &hdr}
	return req.Marshal()
}

func (q *requestQueue) register(qt *queuedTask) string {
	key := strconv.FormatUint(q.keys.Add(1), 36)
	q.mu.Lock()
	q.tasks[key] = qt
	q.mu.Unlock()
	return key
}

// forget removes and returns the task under key, nil when none.
func (q *requestQueue) forget(key string) *queuedTask {
	q.mu.Lock()
	defer q.mu.Unlock()
	qt := q.tasks[key]
	delete(q.tasks, key)
	return qt
}

// started returns the task of a request that GetRequest handed out, nil when none.
func (q *requestQueue) started(ctx *colly.Context) *queuedTask {
	q.mu.Lock()
	defer q.mu.Unlock()
	qt := q.tasks[ctx.Get(taskKey)]
	if qt == nil || qt.h == nil {
		return nil
	}
	return qt
}

// end ends the request that GetRequest handed out: its host rests for wait at least.
func (q *requestQueue) end(ctx *colly.Context, wait time.Duration) {
	if qt := q.forget(ctx.Get(taskKey)); qt != nil && qt.h != nil {
		q.r.front.done(qt.h, wait)
	}
}

// run drains the queue with colly's queue.Queue and the round's collector, one request a
// worker at a time, until it is empty and no request is in flight, or its context is done.
func (q *requestQueue) run() error {
	cq, err := queue.New(q.r.c.workers, q)
	if err != nil {
		return fmt.Errorf("crawler: request queue: %w", err)
	}
	return cq.Run(q.r.coll)
}
