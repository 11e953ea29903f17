// Package crawler fetches news articles with colly from feeds, sitemaps and start pages,
// politely (robots.txt, per-host delay and parallelism, retries with backoff) and defensively
// (private addresses refused, bounded time and size per response), and hands each new or
// changed on-topic article to a callback. colly's queue.Queue starts every request from the
// round's crawl queue, a colly queue.Storage that paces each host (queue.go), and the
// collector's callbacks handle what comes back. It knows nothing of NATS: a shared crawl's
// queue and state are interfaces (Shared, Store) that crawler/worker keeps in JetStream.
package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/crawler/article"
	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/storage"
	"github.com/mmcdole/gofeed"
)

const (
	// maxRetryAfter caps how long a Retry-After header can hold a host back.
	maxRetryAfter = 10 * time.Minute
	// maxSitemapDepth bounds sitemap indexes listing sitemap indexes.
	maxSitemapDepth = 4
	// maxWorkers bounds the goroutines fetching at once over all hosts.
	maxWorkers = 32
)

// Accept headers by task kind.
var acceptByKind = map[string]string{
	KindFeed:    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
	KindSitemap: "application/xml, text/xml;q=0.9, */*;q=0.5",
	KindStart:   "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
	kindPage:    "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
}

// Crawler crawls the configured sources. Create it with New; Run it once at a time.
type Crawler struct {
	cfg       Config
	sourcesMu sync.Mutex // AddSource may run while a round reads the list
	sources   []*source
	store     Store
	log       *slog.Logger
	topics    *topicMatcher
	transport *limitTransport
	workers   int

	stats   *statsBox
	states  stateKeeper
	stateMu sync.Mutex // see updateState
	robots  *robotsCache
	running atomic.Bool
	// persistFor is how long a shared crawl retries a write (persist); tests shorten it.
	persistFor time.Duration
}

// AddSource validates s and adds it to the sources; a running crawler polls it from its next
// round on. A source with the same kind and URL as an existing one is an error.
func (c *Crawler) AddSource(s Source) error {
	src, err := compileSource(s)
	if err != nil {
		return fmt.Errorf("crawler: source %s: %w", s.URL, err)
	}
	c.sourcesMu.Lock()
	defer c.sourcesMu.Unlock()
	for _, old := range c.sources {
		if old.Kind == s.Kind && old.URL == s.URL {
			return fmt.Errorf("crawler: source %s %s exists already", s.Kind, s.URL)
		}
	}
	c.sources = append(c.sources, src)
	return nil
}

// Sources lists the sources, configured and added.
func (c *Crawler) Sources() []Source {
	c.sourcesMu.Lock()
	defer c.sourcesMu.Unlock()
	out := make([]Source, len(c.sources))
	for i, s := range c.sources {
		out[i] = s.Source
	}
	return out
}

// New validates cfg and returns a Crawler that records articles in store.
func New(cfg Config, store Store, logger *slog.Logger) (*Crawler, error) {
	srcs, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	if store == nil {
		return nil, errors.New("crawler: nil store")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	hosts := make(map[string]bool)
	for _, s := range srcs {
		hosts[s.host] = true
		for _, d := range s.AllowedDomains {
			hosts[d] = true
		}
	}
	var states stateKeeper = newMemStates()
	if ss, ok := store.(StateStore); ok {
		states = ss
	}
	topics, err := newTopicMatcher(cfg.Topics)
	if err != nil {
		return nil, err
	}
	transport := newTransport(&cfg)
	return &Crawler{
		cfg:        cfg,
		sources:    srcs,
		store:      store,
		log:        logger,
		topics:     topics,
		transport:  transport,
		workers:    min(max(cfg.Parallelism*len(hosts), 1), maxWorkers),
		stats:      newStatsBox(),
		states:     states,
		robots:     newRobotsCache(transport, cfg.UserAgent, cfg.RequestTimeout),
		persistFor: persistFor,
	}, nil
}

// Stats returns a snapshot of the counters.
func (c *Crawler) Stats() Stats { return c.stats.snapshot() }

// Run crawls every source; emit is called once per new or changed article (its content hash
// differs from the store's), and the store is updated only after emit returns nil. emit is
// called concurrently from the fetching goroutines and must be safe for that: a publication
// waits for its broker's ack, and one at a time would cap the crawl at one article per round
// trip. A failed emit is counted and logged, and the article is tried again in a later
// round. With once, Run returns nil when all sources are exhausted; otherwise it polls them
// again every FeedInterval until ctx is done. Run returns ctx's error when ctx ends it.
func (c *Crawler) Run(ctx context.Context, once bool, emit func(context.Context, claimwire.Article) error) error {
	if emit == nil {
		return errors.New("crawler: nil emit function")
	}
	if !c.running.CompareAndSwap(false, true) {
		return errors.New("crawler: Run is already running")
	}
	defer c.running.Store(false)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		c.crawlRound(ctx, emit)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("crawler: %w", err)
		}
		if once {
			return nil
		}
		timer.Reset(c.cfg.FeedInterval)
		select {
		case <-ctx.Done():
			return fmt.Errorf("crawler: %w", ctx.Err())
		case <-timer.C:
		}
	}
}

// round is one pass over the sources; everything discovered is fetched before it ends.
type round struct {
	c *Crawler
	// ctx is the round's, for colly's callbacks, which carry none.
	ctx   context.Context
	emit  func(context.Context, claimwire.Article) error
	coll  *colly.Collector
	front *frontier
	queue *requestQueue
	// shared, when set, is the queue and seen set shared with other crawler processes
	// (RunShared): the round then lasts until its context ends.
	shared Shared

	mu      sync.Mutex
	seen    map[string]bool // URLs queued in this round
	claimed map[string]bool // article URLs handled in this round
}

// newRound prepares a round of c: its collector does the round's work (hook) and its
// requests come from its crawl queue.
func (c *Crawler) newRound(ctx context.Context, emit func(context.Context, claimwire.Article) error, sh Shared) *round {
	r := &round{
		c:       c,
		ctx:     ctx,
		emit:    emit,
		coll:    c.newCollector(ctx),
		front:   newFrontier(c.cfg.Parallelism, c.cfg.Delay, c.cfg.RandomDelay),
		shared:  sh,
		seen:    make(map[string]bool),
		claimed: make(map[string]bool),
	}
	r.queue = newRequestQueue(r)
	r.hook()
	return r
}

func (c *Crawler) crawlRound(ctx context.Context, emit func(context.Context, claimwire.Article) error) {
	start := time.Now()
	before := c.stats.snapshot()
	r := c.newRound(ctx, emit, nil)
	c.sourcesMu.Lock()
	sources := slices.Clone(c.sources)
	c.sourcesMu.Unlock()
	for _, s := range sources {
		r.enqueue(ctx, task{kind: s.Kind, url: s.URL, src: s}, nil, false)
	}
	if err := r.queue.run(); err != nil {
		c.log.Error("crawler: round stopped", slog.Any("error", err))
	}
	c.transport.CloseIdleConnections()
	after := c.stats.snapshot()
	c.log.Info("crawler: round done",
		slog.Duration("elapsed", time.Since(start)),
		slog.Int64("fetched", after.Fetched-before.Fetched),
		slog.Int64("published", after.Published-before.Published),
		slog.Int64("unchanged", after.Unchanged-before.Unchanged),
		slog.Int64("failed", after.Failed-before.Failed),
		slog.Int64("skipped", after.Skipped-before.Skipped))
}

// hook makes the round's collector do the round's work on each request that colly's queue
// starts: prepare it (the page's claim in a shared crawl, its validators, robots.txt), then
// handle its response or error. Every path ends the request's task in the queue exactly once.
func (r *round) hook() {
	r.coll.OnRequest(func(req *colly.Request) {
		qt := r.queue.started(req.Ctx)
		if qt == nil {
			req.Abort() // not a request of the round's queue
			return
		}
		if wait, ok := r.prepare(r.ctx, qt.t, *req.Headers); !ok {
			req.Abort()
			r.queue.end(req.Ctx, wait)
		}
	})
	r.coll.OnResponse(func(resp *colly.Response) {
		if qt := r.queue.started(resp.Ctx); qt != nil {
			r.queue.end(resp.Ctx, r.handled(qt.t, r.handleResponse(r.ctx, qt.t, resp)))
		}
	})
	r.coll.OnError(func(resp *colly.Response, err error) {
		if qt := r.queue.started(resp.Ctx); qt != nil {
			log := r.taskLog(qt.t)
			r.queue.end(resp.Ctx, r.handled(qt.t, r.fetchFailed(r.ctx, log, qt.t, err)))
		}
	})
}

// newCollector configures colly for one round: ctx cancels its requests. Fields are set after
// NewCollector on purpose, so that COLLY_* environment variables cannot override them.
func (c *Crawler) newCollector(ctx context.Context) *colly.Collector {
	coll := colly.NewCollector(colly.StdlibContext(ctx))
	coll.UserAgent = c.cfg.UserAgent
	coll.AllowURLRevisit = true // rounds dedupe themselves; colly's check is racy
	coll.ParseHTTPErrorResponse = true
	coll.IgnoreRobotsTxt = true // see robotsCache
	coll.DetectCharset = false  // article.Parse decodes, honouring <meta charset>
	coll.MaxBodySize = 0        // the transport enforces the limit and reports it as an error
	coll.MaxDepth = 0           // depth is per source, see task.depth
	coll.CacheDir = ""
	coll.WithTransport(c.transport)
	// A store that is also colly's storage (a shared crawl's) keeps the cookies, so that every
	// crawler process sends what a site set.
	if cs, ok := c.store.(storage.Storage); ok {
		if err := coll.SetStorage(cs); err != nil {
			c.log.Warn("crawler: collector storage", slog.Any("error", err))
		}
	}
	coll.SetRequestTimeout(c.cfg.RequestTimeout) // whole exchange, body included: slowloris-proof
	var check func(*http.Request) error
	if c.cfg.RespectRobots {
		check = func(req *http.Request) error {
			_, err := c.robots.check(req.Context(), req.URL)
			return err
		}
	}
	coll.SetRedirectHandler(redirectPolicy(c.cfg.MaxRedirects, check))
	return coll
}

// prepare readies t's request before colly sends it: in a shared crawl it claims the page,
// then it sets the validators stored for a conditional GET, and applies robots.txt. When the
// request must not be sent, it settles t and reports false with how long the host must rest.
func (r *round) prepare(ctx context.Context, t task, hdr http.Header) (time.Duration, bool) {
	if ctx.Err() != nil {
		return r.handled(t, 0), false // taken before the round ended: left unsettled
	}
	log := r.taskLog(t)
	var claimed *PageState
	if r.shared != nil {
		var ok bool
		if claimed, ok = r.claimShared(ctx, log, t); !ok {
			return 0, false
		}
	}
	// The stored validators are read first so that pacing is the last wait before dispatch.
	var st PageState
	if claimed != nil {
		st = *claimed
	} else {
		st = r.c.state(ctx, t.url)
	}
	if r.c.cfg.RespectRobots {
		if err := r.applyRobots(ctx, t); err != nil {
			return r.handled(t, r.fetchFailed(ctx, log, t, err)), false
		}
	}
	if st.ETag != "" {
		hdr.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		hdr.Set("If-Modified-Since", st.LastModified)
	}
	log.Debug("crawler: fetching", slog.Int("attempt", t.attempt))
	return 0, true
}

// applyRobots refuses t's URL when robots.txt disallows it, and otherwise waits out the
// host's Crawl-delay.
func (r *round) applyRobots(ctx context.Context, t task) error {
	u, err := url.Parse(t.url)
	if err != nil {
		return err
	}
	crawlDelay, err := r.c.robots.check(ctx, u)
	if err != nil {
		return err
	}
	if crawlDelay > 0 {
		return r.front.pace(ctx, hostOf(t.url), crawlDelay)
	}
	return nil
}

// taskLog is the logger of t's request.
func (r *round) taskLog(t task) *slog.Logger {
	return r.c.log.With(slog.String("url", t.url), slog.String("kind", t.kind))
}

// fetchFailed handles a request that got no response. It returns how long the host must rest.
func (r *round) fetchFailed(ctx context.Context, log *slog.Logger, t task, err error) time.Duration {
	if errors.Is(err, errRobotsBlocked) {
		r.skip(ctx, log, t, reasonRobots)
		return 0
	}
	if ctx.Err() != nil {
		return 0 // shutting down: not the page's fault, and not settled
	}
	reason, retryable := classifyError(err)
	return r.retryOrFail(ctx, log, t, reason, retryable, 0, err)
}

// handleResponse handles t's response. It returns how long the task's host must rest.
func (r *round) handleResponse(ctx context.Context, t task, resp *colly.Response) time.Duration {
	log := r.taskLog(t)
	r.c.stats.update(func(s *Stats) {
		s.Fetched++
		s.Bytes += int64(len(resp.Body))
	})
	status := resp.StatusCode
	switch {
	case status == http.StatusNotModified:
		r.c.stats.update(func(s *Stats) { s.Unchanged++ })
		r.settle(ctx, t, nil)
		log.Debug("crawler: not modified")
		return 0
	case status == http.StatusTooManyRequests || status >= 500:
		wait := retryAfter(resp.Headers.Get("Retry-After"), time.Now())
		return r.retryOrFail(ctx, log, t, "http_"+strconv.Itoa(status), true, wait, nil)
	case status < 200 || status >= 300:
		r.fail(ctx, log, t, "http_"+strconv.Itoa(status), nil)
		return 0
	}
	final := resp.Request.URL
	switch t.kind {
	case KindFeed:
		r.handleFeed(ctx, log, t, resp, final)
	case KindSitemap:
		r.handleSitemap(ctx, log, t, resp, final)
	default:
		r.handlePage(ctx, log, t, resp, final)
	}
	return 0
}

// retryOrFail queues t again after a backoff (or the server's Retry-After) while attempts
// remain, and otherwise counts it failed. It returns the host's backoff.
func (r *round) retryOrFail(ctx context.Context, log *slog.Logger, t task, reason string, retryable bool, wait time.Duration, err error) time.Duration {
	if !retryable || t.attempt >= r.c.cfg.MaxRetries {
		r.fail(ctx, log, t, reason, err)
		return 0
	}
	if wait <= 0 {
		// Doubling stops at the cap; the shift is bounded so that it cannot overflow.
		wait = min(r.c.cfg.RetryBackoff<<min(t.attempt, 16), maxRetryAfter)
	}
	t.attempt++
	if t.delivery != nil {
		// The shared queue redelivers it after the backoff, to whichever process then owns
		// the host.
		if err := t.delivery.Retry(context.WithoutCancel(ctx), wait); err != nil {
			log.Warn("crawler: retry not queued: the task comes back when its delivery expires", slog.Any("error", err))
		}
	} else if err := r.queue.add(t); err != nil {
		r.skip(ctx, log.With(slog.Any("error", err)), t, reasonFrontierFull)
		return 0
	}
	r.c.stats.update(func(s *Stats) { s.Retries++ })
	log.Info("crawler: retrying", errAttrs(err, slog.String("reason", reason), slog.Int("attempt", t.attempt),
		slog.Duration("backoff", wait))...)
	return wait
}

// retryAfter parses a Retry-After header (seconds or HTTP date), capped at maxRetryAfter.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		d = time.Duration(min(max(secs, 0), int64(maxRetryAfter/time.Second))) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// failOrRequeue handles a failure of the pipeline rather than of the page (the broker or the
// store refused it): a round fails t, to be tried again next round; a task of a shared queue
// goes back to the queue, however often it was tried, as its round never ends.
func (r *round) failOrRequeue(ctx context.Context, log *slog.Logger, t task, reason string, err error) {
	if t.delivery == nil {
		r.fail(ctx, log, t, reason, err)
		return
	}
	wait := min(r.c.cfg.RetryBackoff<<min(t.attempt, 16), maxRetryAfter)
	if rerr := t.delivery.Retry(context.WithoutCancel(ctx), wait); rerr != nil {
		log.Warn("crawler: retry not queued: the task comes back when its delivery expires", slog.Any("error", rerr))
	}
	r.c.stats.update(func(s *Stats) { s.Retries++ })
	log.Warn("crawler: requeued", slog.String("reason", reason), slog.Duration("backoff", wait), slog.Any("error", err))
}

// fail counts t failed for good; the feed, sitemap or page that queued it then keeps no
// validators (see settle), so that it is read in full next round and t tried again.
func (r *round) fail(ctx context.Context, log *slog.Logger, t task, reason string, err error) {
	r.c.stats.update(func(s *Stats) {
		s.Failed++
		s.FailedByReason[reason]++
	})
	r.finish(ctx, t.pend, false, nil)
	log.Warn("crawler: failed", errAttrs(err, slog.String("reason", reason), slog.Int("attempt", t.attempt))...)
}

// errAttrs adds the error to attrs when there is one; an HTTP status alone is no error value.
func errAttrs(err error, attrs ...any) []any {
	if err != nil {
		attrs = append(attrs, slog.Any("error", err))
	}
	return attrs
}

// skip counts and logs t as skipped on purpose and settles it with no state of its own. A
// URL dropped from a full frontier was not handled, though: it counts as failed for its listing.
func (r *round) skip(ctx context.Context, log *slog.Logger, t task, reason string) {
	r.countSkip(log, t, reason)
	r.finish(ctx, t.pend, reason != reasonFrontierFull, nil)
}

func (r *round) countSkip(log *slog.Logger, t task, reason string) {
	r.c.stats.update(func(s *Stats) {
		s.Skipped++
		s.SkippedByReason[reason]++
	})
	level := slog.LevelInfo
	if routineSkips[reason] {
		level = slog.LevelDebug
	}
	log.Log(context.Background(), level, "crawler: skipped", slog.String("reason", reason), slog.Int("depth", t.depth))
}

// routineSkips are the skip reasons that many URLs meet every round, logged at debug level;
// the others say something about a page (binary, nested too deep) and are logged at info.
var routineSkips = map[string]bool{reasonKnown: true, reasonDuplicate: true, reasonRobots: true, reasonNoIndex: true, reasonOffSite: true}

// enqueue canonicalizes and queues a URL unless this round has already queued it. Discovered
// URLs (filter) must pass the source's rules; known articles whose date has not moved are
// skipped. A queued URL holds back parent's state until it is settled.
func (r *round) enqueue(ctx context.Context, t task, parent *pending, filter bool) {
	canon, err := article.CanonicalizeURL(t.url)
	if err != nil {
		r.c.log.Debug("crawler: bad URL", slog.String("url", t.url), slog.Any("error", err))
		return
	}
	u, err := url.Parse(canon)
	if err != nil || (filter && !t.src.allows(u)) {
		return
	}
	t.url = canon
	if r.markSeen(canon) {
		return
	}
	if t.kind == kindPage && !r.c.state(ctx, canon).due(t.lastMod, time.Now(), r.c.cfg.RecheckAfter) {
		r.countSkip(r.c.log.With(slog.String("url", canon)), t, reasonKnown)
		return
	}
	t.pend = r.newPending(parent)
	err = r.queue.add(t)
	switch {
	case errors.Is(err, errBadURL):
		r.skip(ctx, r.c.log.With(slog.String("url", canon), slog.Any("error", err)), t, reasonBadURL)
	case r.shared != nil:
		// Settled for its parent once the shared queue holds it; a push failing after
		// retries fails it, and its parent is listed again (handled).
		if err != nil {
			r.c.log.Warn("crawler: queueing", slog.String("url", t.url), slog.String("reason", reasonStore), slog.Any("error", err))
		}
		r.finish(ctx, t.pend, err == nil, nil)
	case err != nil:
		r.skip(ctx, r.c.log.With(slog.String("url", canon)), t, reasonFrontierFull)
	}
}

// markSeen records that this round has queued canon and reports whether it had already. A
// shared round lasts as long as the process, so it keeps no seen set: the shared queue drops
// a URL queued twice, and a page settled since it was queued is not fetched (processShared).
func (r *round) markSeen(canon string) bool {
	if r.shared != nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := r.seen[canon]
	r.seen[canon] = true
	return seen
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// settle records that t was handled, with resp's validators for a conditional GET next round
// (nil for a 304, which keeps those stored), so that a page is not fetched again before it is
// due. The state is written once all t queued is settled too (see pending); if one of those
// failed, t keeps no validators, so that the next round reads it in full and lists that again.
func (r *round) settle(ctx context.Context, t task, resp *colly.Response) {
	var etag, lastModified string
	if resp != nil {
		etag, lastModified = resp.Headers.Get("ETag"), resp.Headers.Get("Last-Modified")
	}
	r.finish(ctx, t.pend, true, func(ctx context.Context, complete bool) {
		now := time.Now()
		// In a shared crawl a lost state lets a task delivered again (its ack lost with the
		// same NATS outage) fetch the page again: the write is tried again as the others are.
		err := r.persist(ctx, func() error {
			return r.c.updateState(ctx, t.url, func(st *PageState) {
				st.Settled = now
				if t.lastMod.After(st.Listed) {
					st.Listed = t.lastMod
				}
				switch {
				case !complete:
					st.ETag, st.LastModified = "", ""
				case resp != nil:
					st.ETag, st.LastModified = etag, lastModified
				}
			})
		})
		if err != nil {
			r.c.log.Warn("crawler: writing page state", slog.String("url", t.url), slog.String("reason", reasonStore), slog.Any("error", err))
		}
	})
}

func (r *round) handleFeed(ctx context.Context, log *slog.Logger, t task, resp *colly.Response, final *url.URL) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		r.fail(ctx, log, t, reasonBadFeed, err)
		return
	}
	for _, item := range feed.Items {
		link := item.Link
		if link == "" && len(item.Links) > 0 {
			link = item.Links[0]
		}
		if link == "" {
			link = item.GUID // RSS permalink GUIDs; non-URL GUIDs fail canonicalization
		}
		abs, ok := resolveLink(final, link)
		if !ok {
			continue
		}
		var lastMod time.Time
		switch {
		case item.UpdatedParsed != nil:
			lastMod = *item.UpdatedParsed
		case item.PublishedParsed != nil:
			lastMod = *item.PublishedParsed
		}
		r.enqueue(ctx, task{kind: kindPage, url: abs, src: t.src, depth: t.depth + 1, lastMod: lastMod}, t.pend, true)
	}
	r.settle(ctx, t, resp)
	log.Debug("crawler: feed read", slog.Int("items", len(feed.Items)))
}

func (r *round) handleSitemap(ctx context.Context, log *slog.Logger, t task, resp *colly.Response, final *url.URL) {
	sm, err := parseSitemap(bytes.NewReader(resp.Body), final, maxSitemapEntries)
	if err != nil {
		if sm == nil {
			r.fail(ctx, log, t, reasonBadSitemap, err)
			return
		}
		log.Warn("crawler: sitemap partly read", slog.Int("entries", len(sm.Entries)), slog.Any("error", err))
	}
	for _, e := range sm.Entries {
		if sm.Index {
			if t.depth < maxSitemapDepth {
				r.enqueue(ctx, task{kind: KindSitemap, url: e.Loc, src: t.src, depth: t.depth + 1}, t.pend, false)
			}
			continue
		}
		r.enqueue(ctx, task{kind: kindPage, url: e.Loc, src: t.src, depth: t.depth + 1, lastMod: e.LastMod}, t.pend, true)
	}
	// An index keeps no validators: its children change without it changing.
	if sm.Index {
		r.finish(ctx, t.pend, true, nil)
	} else {
		r.settle(ctx, t, resp)
	}
	log.Debug("crawler: sitemap read", slog.Bool("index", sm.Index), slog.Int("entries", len(sm.Entries)))
}

func (r *round) handlePage(ctx context.Context, log *slog.Logger, t task, resp *colly.Response, final *url.URL) {
	contentType := resp.Headers.Get(rawContentTypeHeader)
	if mt, _, err := mime.ParseMediaType(contentType); contentType != "" && (err != nil || (mt != "text/html" && mt != "application/xhtml+xml")) {
		r.skip(ctx, log.With(slog.String("content_type", contentType)), t, reasonContentType)
		return
	}
	if !t.src.hostAllowed(strings.ToLower(final.Hostname())) {
		r.skip(ctx, log.With(slog.String("final_url", final.String())), t, reasonOffSite)
		return
	}
	if final.String() != t.url {
		// Redirected: the target may have been queued under its own URL too.
		if canon, err := article.CanonicalizeURL(final.String()); err == nil && canon != t.url {
			if r.markSeen(canon) {
				r.skip(ctx, log, t, reasonDuplicate)
				return
			}
		}
	}
	links := extractLinks(resp.Body, final)
	if t.src.Kind == KindStart && t.depth < t.src.maxDepth && !links.NoFollow {
		for _, l := range links.Links {
			r.enqueue(ctx, task{kind: kindPage, url: l, src: t.src, depth: t.depth + 1}, t.pend, true)
		}
	}
	if links.NoIndex {
		r.skip(ctx, log, t, reasonNoIndex)
		return
	}
	page, err := article.Read(resp.Body, contentType, final.String())
	switch {
	case errors.Is(err, article.ErrTooDeep):
		r.skip(ctx, log.With(slog.Any("error", err)), t, reasonTooDeep)
		return
	case errors.Is(err, article.ErrNotHTML):
		r.skip(ctx, log.With(slog.Any("error", err)), t, reasonBinaryBody)
		return
	case err != nil:
		r.fail(ctx, log, t, reasonParse, err)
		return
	case page.Kind != article.KindArticle:
		// Only articles are published; a listing's links were queued above.
		r.c.stats.update(func(s *Stats) { s.NotArticle++ })
		if t.src.Kind != KindStart {
			r.settle(ctx, t, resp)
		} else {
			r.finish(ctx, t.pend, true, nil)
		}
		// Listings come on every crawl; a page read as neither may be a story lost, so it shows
		// at INFO with the reasons.
		level := slog.LevelDebug
		if page.Kind == article.KindOther {
			level = slog.LevelInfo
		}
		log.Log(ctx, level, "crawler: not an article", slog.String("kind", string(page.Kind)), slog.Any("reasons", page.Reasons))
		return
	}
	a := page.Article
	if v := r.c.topics.judge(a.Title, a.Text); !v.on {
		r.c.stats.update(func(s *Stats) {
			s.OffTopic++
			s.OffTopicByReason[v.reason]++
		})
		r.settle(ctx, t, resp)
		// INFO: a dropped article is lost to the pipeline, so which and why must show.
		log.Info("crawler: dropped off-topic article", slog.String("reason", v.reason), slog.Float64("score", v.score),
			slog.Float64("threshold", r.c.topics.threshold), slog.String("title", a.Title))
		return
	}
	a.Crawled = time.Now().UTC()
	if a.ContentHash == "" {
		a.ContentHash = a.ComputeContentHash()
	}
	// Not published: t failed (and is finished), or was stopped or not recorded and stays
	// unsettled.
	if r.publish(ctx, log, t, a) {
		r.settle(ctx, t, resp)
	}
}

// publish emits a unless this round already handled its canonical URL or the store holds
// the same version. It reports whether the article is settled (emitted or unchanged).
func (r *round) publish(ctx context.Context, log *slog.Logger, t task, a claimwire.Article) bool {
	log = log.With(slog.String("article", a.URL))
	// A shared round claims nothing for itself: it would grow for the process's life, and the
	// store's content hash and the stream's message ids keep an article from going out twice.
	if r.shared == nil {
		r.mu.Lock()
		claimed := r.claimed[a.URL]
		r.claimed[a.URL] = true
		r.mu.Unlock()
		if claimed {
			r.countSkip(log, t, reasonDuplicate)
			return true
		}
	}
	unclaim := func() {
		r.mu.Lock()
		delete(r.claimed, a.URL)
		r.mu.Unlock()
	}
	if ctx.Err() != nil {
		unclaim() // shutting down: the next run takes it up
		return false
	}
	// The page is fetched: a store that fails for a moment (a NATS leader election) is waited
	// for, as handing the task back would fetch the page again.
	var prev string
	var found bool
	err := r.persist(ctx, func() (err error) {
		prev, found, err = r.c.store.Get(ctx, a.URL)
		return err
	})
	if err != nil {
		unclaim()
		r.failOrRequeue(ctx, log, t, reasonStore, err)
		return false
	}
	if found && prev == a.ContentHash {
		r.c.stats.update(func(s *Stats) { s.Unchanged++ })
		return true
	}
	err = r.persist(ctx, func() error { return r.emit(ctx, a) }) // emit is idempotent: messages ids
	if err != nil {
		unclaim()
		r.failOrRequeue(ctx, log, t, reasonEmit, err)
		return false
	}
	r.c.stats.update(func(s *Stats) { s.Published++ })
	log.Info("crawler: published", slog.String("title", a.Title), slog.String("lang", a.Lang), slog.Bool("changed", found))
	if err := r.persist(ctx, func() error { return r.c.store.Put(ctx, a.URL, a.ContentHash) }); err != nil {
		// Emitted but not recorded: it will be emitted again, which JetStream de-duplicates by
		// MsgID. Not a failed task, as the article went out.
		log.Error("crawler: store update failed", slog.String("reason", reasonStore), slog.Any("error", err))
		return false
	}
	return true
}
