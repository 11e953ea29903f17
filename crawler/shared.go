package crawler

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/claimwire/claimwire"
)

// Shared is the crawl state that several crawler processes share (crawler/worker keeps it in
// JetStream): a durable queue of tasks partitioned by host, each host owned by one process at a
// time, and a record of when each source was last polled. Behind the round's colly
// queue.Storage (requestQueue), it takes the place of the in-memory queue and seen set; the
// frontier that paces each host is the same in both modes.
type Shared interface {
	// Push queues t durably for the owner of its host. Pushing a task already queued (same
	// Task.ID) within the queue's duplicate window is a no-op.
	Push(ctx context.Context, t Task) error
	// Take waits for the next task of a host this process owns.
	Take(ctx context.Context) (Delivery, error)
	// ClaimPoll reports whether this process polls src now: true for at most one process per
	// interval, cluster-wide.
	ClaimPoll(ctx context.Context, src Source, interval time.Duration) (bool, error)
	// Owns reports whether this process may send requests to host now. It is asked before
	// every fetch: a host whose lease is lost or being handed over is left alone.
	Owns(host string) bool
	// ID names this process among the crawlers; it holds the claims of the pages it fetches
	// (ClaimStore).
	ID() string
}

// Delivery is a task taken from a Shared queue. Exactly one of Ack, Retry and Release settles
// it; later calls do nothing. A call that fails leaves it unsettled, to be tried again.
type Delivery interface {
	Task() Task
	// Attempt counts the earlier deliveries of the task.
	Attempt() int
	// Ack removes the task: it is settled, or failed for good.
	Ack(ctx context.Context) error
	// Retry hands the task back, to be delivered again after the backoff.
	Retry(ctx context.Context, after time.Duration) error
	// Release hands the task back at once, unhandled (shutdown, host no longer owned).
	Release(ctx context.Context) error
}

// Task is a URL to fetch as crawler processes hand it to each other. It carries its source's
// rules, so that a process that does not list the source (one added through the API of
// another) still applies them.
type Task struct {
	Kind    string    `json:"kind"`
	URL     string    `json:"url"`
	Source  Source    `json:"source"`
	Depth   int       `json:"depth,omitempty"`
	LastMod time.Time `json:"last_mod,omitzero"`
	// Poll is when a source's own task was polled; it tells one poll from the next.
	Poll time.Time `json:"poll,omitzero"`
}

// Host is the host the task's request goes to, lower-cased with its port.
func (t Task) Host() string { return hostOf(t.URL) }

// ID identifies the task for de-duplication: a URL listed twice (two feeds, a feed and a
// sitemap) is queued once, while each poll of a source is a task of its own.
func (t Task) ID() string {
	if !t.Poll.IsZero() {
		return t.Kind + "|" + t.URL + "|" + t.Poll.UTC().Format(time.RFC3339Nano)
	}
	return t.Kind + "|" + t.URL
}

// Partition maps host to one of n partitions of the shared queue. A partition, and so every
// host in it, is owned by one crawler process at a time.
func Partition(host string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(host))
	return int(h.Sum32() % uint32(max(n, 1)))
}

// PollDue reports whether a source last polled at last is due at now.
func PollDue(last, now time.Time, interval time.Duration) bool {
	return last.IsZero() || now.Sub(last) >= interval
}

// PlanLeases decides which partitions a process takes and which it gives back so that the
// members share the partitions evenly: each holds at most ceil(partitions/members). mine are
// the partitions it holds, taken those held by anyone (itself included). It takes free ones up
// to its share, lowest first, and gives back its highest ones beyond it.
func PlanLeases(partitions, members int, mine []int, taken map[int]bool) (take, release []int) {
	share := (partitions + max(members, 1) - 1) / max(members, 1)
	mine = slices.Sorted(slices.Values(mine))
	if len(mine) > share {
		return nil, mine[share:]
	}
	for p := 0; p < partitions && len(mine)+len(take) < share; p++ {
		if !taken[p] {
			take = append(take, p)
		}
	}
	return take, nil
}

// sharedPollTick is how often a shared crawler looks for sources due: often enough that a poll
// is not much later than its interval, rarely enough to cost nothing.
func sharedPollTick(interval time.Duration) time.Duration {
	return min(max(interval/10, 100*time.Millisecond), 30*time.Second)
}

// RunShared crawls through sh until ctx is done, with the other crawler processes of sh: it
// polls the sources due (each once per FeedInterval for the whole cluster), queues what they
// list in sh for the owners of its hosts, and fetches the tasks of the hosts it owns, paced per
// host as Run does. A listing is settled once all it listed is durably queued, so a process
// killed at any instant loses nothing: its tasks come back to the next owner. emit is as for
// Run. RunShared returns ctx's error.
func (c *Crawler) RunShared(ctx context.Context, sh Shared, emit func(context.Context, claimwire.Article) error) error {
	if emit == nil || sh == nil {
		return errors.New("crawler: nil emit function or shared state")
	}
	if !c.running.CompareAndSwap(false, true) {
		return errors.New("crawler: Run is already running")
	}
	defer c.running.Store(false)
	r := c.newRound(ctx, emit, sh)
	// A host new to this process may have been fetched by its previous owner a moment ago.
	r.front.warmup = c.cfg.Delay
	r.front.holds++ // the round lasts until ctx is done, even while the queue is empty
	var wg sync.WaitGroup
	wg.Go(func() { r.pollShared(ctx) })
	wg.Go(func() { r.intake(ctx) })
	if err := r.queue.run(); err != nil {
		c.log.Error("crawler: crawl stopped", slog.Any("error", err))
	}
	wg.Wait()
	// What was taken from the queue and not started goes back to it at once.
	for _, t := range r.front.drain() {
		if err := t.delivery.Release(context.WithoutCancel(ctx)); err != nil {
			c.log.Warn("crawler: releasing task", slog.String("url", t.url), slog.Any("error", err))
		}
	}
	c.transport.CloseIdleConnections()
	return fmt.Errorf("crawler: %w", ctx.Err())
}

// pollShared queues each source's own task when this process wins its poll.
func (r *round) pollShared(ctx context.Context) {
	tick := time.NewTicker(sharedPollTick(r.c.cfg.FeedInterval))
	defer tick.Stop()
	for {
		r.c.sourcesMu.Lock()
		sources := slices.Clone(r.c.sources)
		r.c.sourcesMu.Unlock()
		for _, s := range sources {
			won, err := r.shared.ClaimPoll(ctx, s.Source, r.c.cfg.FeedInterval)
			if err != nil {
				if ctx.Err() == nil {
					r.c.log.Warn("crawler: claiming a source's poll", slog.String("url", s.URL), slog.Any("error", err))
				}
				continue
			}
			if !won {
				continue
			}
			t := Task{Kind: s.Kind, URL: s.URL, Source: s.Source, Poll: time.Now().UTC()}
			if err := r.push(ctx, t); err != nil {
				// The poll is missed until the next interval; what it would list is not lost.
				r.c.log.Warn("crawler: queueing a source's poll", slog.String("url", s.URL), slog.Any("error", err))
				continue
			}
			r.c.log.Info("crawler: source polled", slog.String("url", s.URL), slog.String("kind", s.Kind))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// intake moves the tasks this process owns from the shared queue into the frontier.
func (r *round) intake(ctx context.Context) {
	for {
		d, err := r.shared.Take(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			r.c.log.Warn("crawler: taking a task", slog.Any("error", err))
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
			continue
		}
		t, err := r.fromShared(d)
		if err != nil {
			r.c.log.Error("crawler: dropped a task with an invalid source", slog.String("url", d.Task().URL), slog.Any("error", err))
			if err := d.Ack(ctx); err != nil {
				r.c.log.Warn("crawler: dropping task", slog.Any("error", err))
			}
			continue
		}
		if !r.front.push(hostOf(t.url), t) {
			r.countSkip(r.c.log.With(slog.String("url", t.url)), t, reasonFrontierFull)
			_ = d.Release(ctx)
		}
	}
}

// fromShared rebuilds a task from a delivery, with its source: this process's own when it
// lists one of that kind and URL, else the one the task carries.
func (r *round) fromShared(d Delivery) (task, error) {
	st := d.Task()
	r.c.sourcesMu.Lock()
	i := slices.IndexFunc(r.c.sources, func(s *source) bool { return s.Kind == st.Source.Kind && s.URL == st.Source.URL })
	var src *source
	if i >= 0 {
		src = r.c.sources[i]
	}
	r.c.sourcesMu.Unlock()
	if src == nil {
		var err error
		if src, err = compileSource(st.Source); err != nil {
			return task{}, fmt.Errorf("crawler: source %s: %w", st.Source.URL, err)
		}
	}
	return task{kind: st.Kind, url: st.URL, src: src, depth: st.Depth, lastMod: st.LastMod,
		attempt: d.Attempt(), pend: &pending{left: 1}, delivery: d}, nil
}

// claimShared decides whether this process fetches a task of the shared queue now; for a page,
// it returns the page's state it read (nil for a feed or a sitemap). When it does not fetch, it
// settles the task's delivery: released (its host is not owned any more), retried (another
// process fetches the page, or the store fails), or acked (the page was settled since it was
// queued, or this task was and is delivered again, its ack lost).
func (r *round) claimShared(ctx context.Context, log *slog.Logger, t task) (*PageState, bool) {
	d := t.delivery
	bg := context.WithoutCancel(ctx)
	owned := func() bool {
		if r.shared.Owns(hostOf(t.url)) {
			return true
		}
		if err := d.Release(bg); err != nil {
			log.Warn("crawler: releasing task", slog.Any("error", err))
		}
		return false
	}
	if !owned() {
		return nil, false
	}
	if t.kind != kindPage {
		return nil, true
	}
	// A state that cannot be read is no reason to fetch: the task waits for the store.
	fetch, busyUntil, st, err := r.claimPage(ctx, t)
	if err != nil {
		r.failOrRequeue(ctx, log, t, reasonStore, err)
		return nil, false
	}
	if !busyUntil.IsZero() {
		// Its fetch elsewhere either writes the page's state by then or was lost with its
		// process; the delivery counts as an attempt all the same.
		wait := max(time.Until(busyUntil), r.c.cfg.RetryBackoff)
		if err := d.Retry(bg, wait); err != nil {
			log.Warn("crawler: retry not queued: the task comes back when its delivery expires", slog.Any("error", err))
		}
		log.Info("crawler: page being fetched by another process", slog.Duration("backoff", wait))
		return nil, false
	}
	if !fetch {
		r.countSkip(log, t, reasonKnown)
		r.ack(ctx, log, d)
		return nil, false
	}
	// The read may have waited out a NATS outage, long enough for the lease to lapse.
	return &st, owned()
}

// handled settles the delivery of a task of the shared queue once its request was handled:
// acked once the task is settled (all it listed queued), retried after a backoff, or
// released unhandled. It returns wait, the host's rest, for a task of any round.
func (r *round) handled(t task, wait time.Duration) time.Duration {
	d := t.delivery
	if d == nil {
		return wait
	}
	bg := context.WithoutCancel(r.ctx)
	log := r.taskLog(t)
	r.mu.Lock()
	settled, childFailed := t.pend.left == 0, t.pend.childFailed
	r.mu.Unlock()
	var err error
	switch {
	case settled && childFailed:
		// What it listed did not all reach the queue: list it again. Its state kept no
		// validators, and what did reach the queue is dropped as a duplicate.
		err = d.Retry(bg, r.c.cfg.RetryBackoff)
	case settled:
		r.ack(r.ctx, log, d)
	default:
		err = d.Release(bg) // a no-op after a Retry that reached the queue
	}
	if err != nil {
		log.Warn("crawler: settling task", slog.Bool("settled", settled), slog.Any("error", err))
	}
	return wait
}

// claimPage decides whether a shared crawl fetches t's page now: when it is due and, with a
// ClaimStore, once this process holds its claim. busyUntil is set while another process's
// claim runs. The claim lasts as long as a fetch may still write the page's state: its
// request, then the writes persist tries through an outage.
func (r *round) claimPage(ctx context.Context, t task) (fetch bool, busyUntil time.Time, st PageState, err error) {
	due := func(st PageState) bool { return st.due(t.lastMod, time.Now(), r.c.cfg.RecheckAfter) }
	cs, claims := r.c.states.(ClaimStore)
	err = r.persist(ctx, func() (err error) {
		if !claims {
			st, _, err = r.c.states.State(ctx, t.url)
			fetch = err == nil && due(st)
			return err
		}
		claim, err := cs.ClaimFetch(ctx, t.url, r.shared.ID(), time.Now().Add(r.c.cfg.RequestTimeout+r.c.persistFor), due)
		fetch, busyUntil, st = claim.Fetch, claim.BusyUntil, claim.State
		return err
	})
	return fetch, busyUntil, st, err
}

// ack removes a settled task from the queue, trying again while the queue refuses: an ack lost
// delivers the task again.
func (r *round) ack(ctx context.Context, log *slog.Logger, d Delivery) {
	bg := context.WithoutCancel(ctx)
	if err := r.persist(ctx, func() error { return d.Ack(bg) }); err != nil {
		log.Warn("crawler: acking task", slog.Any("error", err))
	}
}

// persistFor bounds how long a write to the shared state is tried again, well past the few
// seconds a JetStream cluster takes to elect a new leader for a stream or bucket; the waits
// between tries double from persistBackoff up to persistMaxBackoff.
const (
	persistFor        = 30 * time.Second
	persistBackoff    = 200 * time.Millisecond
	persistMaxBackoff = 2 * time.Second
)

// push queues st, trying again while the queue refuses it for a moment.
func (r *round) push(ctx context.Context, st Task) error {
	return r.persist(ctx, func() error { return r.shared.Push(ctx, st) })
}

// persist runs f, a write to the shared state, and in a shared round tries it again while it
// fails: a write lost there costs a fetch again or a listing missed until its next poll, and a
// JetStream cluster refuses writes for a few seconds while it elects a new leader.
func (r *round) persist(ctx context.Context, f func() error) error {
	err := f()
	deadline, wait := time.Now().Add(r.c.persistFor), persistBackoff
	for err != nil && r.shared != nil && time.Now().Before(deadline) && ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(2*wait, persistMaxBackoff)
		err = f()
	}
	return err
}
