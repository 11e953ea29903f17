package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/crawler"
)

// Shared is crawler.Shared on JetStream: the CRAWL work-queue stream cut into partitions by
// host, the CRAWL_LEASES bucket where each process keeps a member key and the leases of the
// partitions it holds (keys expire LeaseTTL after their last renewal), and the CRAWL_STATE
// bucket with the visited set (Store) and each source's last poll. Open it with OpenShared,
// run Manage beside the crawl, and call nothing once Manage has returned.
type Shared struct {
	js     jetstream.JetStream
	cfg    crawler.ClusterConfig
	id     string
	grace  time.Duration
	state  jetstream.KeyValue
	leases jetstream.KeyValue
	store  *KVStore
	log    *slog.Logger
	tasks  chan *delivery

	mu    sync.Mutex
	owned map[int]*lease
	// inHand holds the stream sequences of the tasks handed to the crawler and not yet settled:
	// the server delivers a task again when its ack wait ends or its consumer's leader changes,
	// and two copies in one process would both reach the page.
	inHand map[uint64]bool
	pulls  sync.WaitGroup
}

// lease is a partition this process holds.
type lease struct {
	rev     uint64
	renewed time.Time // when the last successful renewal was sent
	// releaseAt is set while the partition is handed back: no request starts, and the lease is
	// deleted once the requests in flight must have ended.
	releaseAt time.Time
	stop      context.CancelFunc
	held      atomic.Int32 // deliveries handed out and not settled
}

// OpenShared creates the shared crawl's stream and buckets (replicated replicas times) and
// returns the process's view of them; id names the process among the crawlers (host name and
// process id are a good choice; characters a key cannot hold become dashes). cfg is the crawl configuration: its cluster section, and its
// request timeout and delay, which bound how long a request may still run after its host's
// lease is handed back.
func OpenShared(ctx context.Context, js jetstream.JetStream, cfg crawler.Config, replicas int, id string, logger *slog.Logger) (*Shared, error) {
	cl := cfg.Cluster
	replicas = max(replicas, 1)
	// The duplicate window drops a URL listed twice in one feed interval; a later listing is
	// dropped, if the page is not due, by its page state.
	// A crawler may start while a cluster elects its leader: each request waits that out.
	if _, err := bus.CreateStream(ctx, js, jetstream.StreamConfig{
		Name:        claimwire.StreamCrawl,
		Description: "the crawl queue shared by crawler processes, one subject per host partition",
		Subjects:    []string{claimwire.SubjectCrawl + ".>"},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
		Duplicates:  min(max(cfg.FeedInterval, time.Minute), 24*time.Hour),
	}); err != nil {
		return nil, fmt.Errorf("crawler worker: stream %s: %w", claimwire.StreamCrawl, err)
	}
	state, err := bus.CreateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket:      claimwire.BucketCrawlState,
		Description: "shared crawl: content hashes, page states, cookies and source polls",
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("crawler worker: bucket %s: %w", claimwire.BucketCrawlState, err)
	}
	leases, err := bus.CreateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket:      claimwire.BucketCrawlLeases,
		Description: "shared crawl: crawler members and partition leases, expiring unless renewed",
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
		TTL:         cl.LeaseTTL,
	})
	if err != nil {
		return nil, fmt.Errorf("crawler worker: bucket %s: %w", claimwire.BucketCrawlLeases, err)
	}
	id = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, id)
	if id == "" {
		return nil, errors.New("crawler worker: empty member id")
	}
	return &Shared{
		js: js, cfg: cl, id: id, grace: cfg.RequestTimeout + cfg.Delay + cfg.RandomDelay,
		state: state, leases: leases, store: &KVStore{kv: state, log: logger}, log: logger,
		tasks: make(chan *delivery), owned: make(map[int]*lease), inHand: make(map[uint64]bool),
	}, nil
}

// ID is the process's member id.
func (s *Shared) ID() string { return s.id }

// Store is the shared visited set, to give crawler.New.
func (s *Shared) Store() *KVStore { return s.store }

func partitionKey(p int) string { return "part." + strconv.Itoa(p) }

// Push queues t on its host's partition, with its ID as message id.
func (s *Shared) Push(ctx context.Context, t crawler.Task) error {
	data, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("crawler worker: encode task: %w", err)
	}
	subject := claimwire.SubjectCrawl + "." + strconv.Itoa(crawler.Partition(t.Host(), s.cfg.Partitions))
	if _, err := s.js.PublishMsg(ctx, &nats.Msg{Subject: subject, Data: data}, jetstream.WithMsgID(t.ID())); err != nil {
		return fmt.Errorf("crawler worker: queue %s: %w", t.URL, err)
	}
	return nil
}

// Take waits for a task of a partition this process holds.
func (s *Shared) Take(ctx context.Context) (crawler.Delivery, error) {
	select {
	case d := <-s.tasks:
		return d, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("crawler worker: %w", ctx.Err())
	}
}

// ClaimPoll records now as src's last poll if it is due, with a compare-and-set on the poll
// key's revision, so that one process wins each poll.
func (s *Shared) ClaimPoll(ctx context.Context, src crawler.Source, interval time.Duration) (bool, error) {
	key := urlKey("poll", src.Kind+" "+src.URL)
	now := time.Now().UTC()
	value := []byte(now.Format(time.RFC3339Nano))
	e, err := s.state.Get(ctx, key)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
		_, err = s.state.Create(ctx, key, value)
	case err != nil:
		return false, fmt.Errorf("crawler worker: poll of %s: %w", src.URL, err)
	default:
		last, perr := time.Parse(time.RFC3339Nano, string(e.Value()))
		if perr == nil && !crawler.PollDue(last, now, interval) {
			return false, nil
		}
		_, err = s.state.Update(ctx, key, value, e.Revision())
	}
	if errors.Is(err, jetstream.ErrKeyExists) {
		return false, nil // another process won this poll
	}
	if err != nil {
		return false, fmt.Errorf("crawler worker: poll of %s: %w", src.URL, err)
	}
	return true, nil
}

// Owns reports whether this process holds host's partition, its lease renewed recently enough
// that it cannot have expired in the bucket, and not being handed back.
func (s *Shared) Owns(host string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.owned[crawler.Partition(host, s.cfg.Partitions)]
	return l != nil && l.releaseAt.IsZero() && time.Since(l.renewed) < s.cfg.LeaseTTL*3/4
}

// Partitions lists the partitions this process holds and is not handing back.
func (s *Shared) Partitions() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []int
	for p, l := range s.owned {
		if l.releaseAt.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

// Manage keeps this process a member of the crawl and its share of the partitions leased,
// renewing every quarter of LeaseTTL, until ctx is done; it then hands every partition back
// at once (the crawl must have stopped) and leaves.
func (s *Shared) Manage(ctx context.Context) {
	tick := time.NewTicker(s.cfg.LeaseTTL / 4)
	defer tick.Stop()
	for {
		if err := s.step(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("crawler worker: leases", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			s.leave()
			return
		case <-tick.C:
		}
	}
}

// step renews the member key and the leases held, then takes or hands back partitions.
func (s *Shared) step(ctx context.Context) error {
	if _, err := s.leases.Put(ctx, "member."+s.id, []byte(s.id)); err != nil {
		return fmt.Errorf("member key: %w", err)
	}
	s.renew(ctx)
	lister, err := s.leases.ListKeys(ctx)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	members, taken := 0, map[int]bool{}
	for key := range lister.Keys() {
		switch {
		case strings.HasPrefix(key, "member."):
			members++
		case strings.HasPrefix(key, "part."):
			if p, err := strconv.Atoi(strings.TrimPrefix(key, "part.")); err == nil {
				taken[p] = true
			}
		}
	}
	take, release := crawler.PlanLeases(s.cfg.Partitions, members, s.Partitions(), taken)
	for _, p := range release {
		s.release(p)
	}
	for _, p := range take {
		sent := time.Now()
		rev, err := s.leases.Create(ctx, partitionKey(p), []byte(s.id))
		if errors.Is(err, jetstream.ErrKeyExists) {
			continue // taken by another process meanwhile
		}
		if err != nil {
			return fmt.Errorf("take partition %d: %w", p, err)
		}
		if err := s.acquire(ctx, p, rev, sent); err != nil {
			return err
		}
	}
	return nil
}

// renew extends the leases held and deletes those handed back whose grace is over. A lease
// another process now holds is dropped at once; one that fails to renew for another reason
// stays until Owns lets it lapse.
func (s *Shared) renew(ctx context.Context) {
	s.mu.Lock()
	held := make(map[int]*lease, len(s.owned))
	for p, l := range s.owned {
		held[p] = l
	}
	s.mu.Unlock()
	for p, l := range held {
		s.mu.Lock()
		rev, releaseAt := l.rev, l.releaseAt
		s.mu.Unlock()
		if !releaseAt.IsZero() && time.Now().After(releaseAt) {
			if err := s.leases.Delete(ctx, partitionKey(p), jetstream.LastRevision(rev)); err != nil {
				s.log.Warn("crawler worker: handing back partition", slog.Int("partition", p), slog.Any("error", err))
			}
			s.mu.Lock()
			delete(s.owned, p)
			s.mu.Unlock()
			s.log.Info("crawler worker: partition handed back", slog.Int("partition", p))
			continue
		}
		sent := time.Now()
		newRev, err := s.leases.Update(ctx, partitionKey(p), []byte(s.id), rev)
		switch {
		case err == nil:
			s.mu.Lock()
			l.rev, l.renewed = newRev, sent
			s.mu.Unlock()
		case errors.Is(err, jetstream.ErrKeyExists), errors.Is(err, jetstream.ErrKeyNotFound):
			s.log.Warn("crawler worker: partition lost", slog.Int("partition", p), slog.Any("error", err))
			l.stop()
			s.mu.Lock()
			delete(s.owned, p)
			s.mu.Unlock()
		default:
			s.log.Warn("crawler worker: renewing partition", slog.Int("partition", p), slog.Any("error", err))
		}
	}
}

// acquire starts pulling the partition's tasks.
func (s *Shared) acquire(ctx context.Context, p int, rev uint64, sent time.Time) error {
	cons, err := s.js.CreateOrUpdateConsumer(ctx, claimwire.StreamCrawl, jetstream.ConsumerConfig{
		Durable:       "crawl-" + strconv.Itoa(p),
		Description:   "claimwire crawler, partition " + strconv.Itoa(p),
		FilterSubject: claimwire.SubjectCrawl + "." + strconv.Itoa(p),
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       s.cfg.AckWait,
		MaxDeliver:    -1, // the crawler counts attempts itself
		MaxAckPending: s.cfg.Buffer,
	})
	if err != nil {
		// Not pulling, so not owning: hand the lease back to whoever can.
		_ = s.leases.Delete(context.WithoutCancel(ctx), partitionKey(p), jetstream.LastRevision(rev))
		return fmt.Errorf("consumer of partition %d: %w", p, err)
	}
	pctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	l := &lease{rev: rev, renewed: sent, stop: stop}
	s.mu.Lock()
	s.owned[p] = l
	s.mu.Unlock()
	s.pulls.Go(func() { s.pull(pctx, p, cons, l) })
	s.log.Info("crawler worker: partition taken", slog.Int("partition", p))
	return nil
}

// release starts handing p back: no request starts on its hosts any more, its pull stops, and
// renew deletes the lease once a request started before must have ended.
func (s *Shared) release(p int) {
	s.mu.Lock()
	l := s.owned[p]
	if l != nil {
		l.releaseAt = time.Now().Add(s.grace)
	}
	s.mu.Unlock()
	if l != nil {
		l.stop()
	}
}

// leave hands every partition back at once and removes the member key; the crawl has stopped.
func (s *Shared) leave() {
	ctx, cancel := context.WithTimeout(context.Background(), kvTimeout)
	defer cancel()
	s.mu.Lock()
	owned := s.owned
	s.owned = map[int]*lease{}
	s.mu.Unlock()
	for p, l := range owned {
		l.stop()
		if err := s.leases.Delete(ctx, partitionKey(p), jetstream.LastRevision(l.rev)); err != nil {
			s.log.Warn("crawler worker: handing back partition", slog.Int("partition", p), slog.Any("error", err))
		}
	}
	s.pulls.Wait()
	if err := s.leases.Delete(ctx, "member."+s.id); err != nil {
		s.log.Warn("crawler worker: leaving", slog.Any("error", err))
	}
}

// pull fetches the partition's tasks while the lease holds, at most Buffer unsettled at once.
func (s *Shared) pull(ctx context.Context, p int, cons jetstream.Consumer, l *lease) {
	for ctx.Err() == nil {
		free := s.cfg.Buffer - int(l.held.Load())
		if free <= 0 {
			select {
			case <-ctx.Done():
			case <-time.After(20 * time.Millisecond):
			}
			continue
		}
		batch, err := cons.Fetch(free, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			s.log.Warn("crawler worker: pulling", slog.Int("partition", p), slog.Any("error", err))
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
			continue
		}
		for msg := range batch.Messages() {
			var t crawler.Task
			if err := json.Unmarshal(msg.Data(), &t); err != nil {
				s.log.Error("crawler worker: malformed task dropped", slog.Int("partition", p), slog.Any("error", err))
				_ = msg.Term()
				continue
			}
			d := &delivery{msg: msg, task: t, lease: l, shared: s}
			if md, err := msg.Metadata(); err == nil {
				d.attempt, d.seq = int(md.NumDelivered)-1, md.Sequence.Stream
				s.log.Debug("crawler worker: task delivered", slog.Int("partition", p), slog.String("url", t.URL),
					slog.Uint64("stream_seq", d.seq), slog.Uint64("delivered", md.NumDelivered))
			}
			if !s.hold(d.seq) {
				// Left unsettled: the copy in hand acks or hands back the task for both.
				s.log.Debug("crawler worker: task delivered again while in hand", slog.String("url", t.URL))
				continue
			}
			l.held.Add(1)
			select {
			case s.tasks <- d:
			case <-ctx.Done():
				_ = d.Release(context.Background())
			}
		}
	}
}

// hold records that the task of stream sequence seq is handed to the crawler, and reports
// false when it is already (0: unknown, always handed).
func (s *Shared) hold(seq uint64) bool {
	if seq == 0 {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inHand[seq] {
		return false
	}
	s.inHand[seq] = true
	return true
}

// delivery is a task message; it is settled once.
type delivery struct {
	msg     jetstream.Msg
	task    crawler.Task
	attempt int
	seq     uint64 // stream sequence, 0 when unknown
	lease   *lease
	shared  *Shared
	settled atomic.Bool
	unheld  sync.Once
}

// letGo ends the delivery's hold at the first try to settle it: a copy delivered from then on
// is handed out, so that a task whose ack or hand-back failed is not stuck.
func (d *delivery) letGo() {
	d.lease.held.Add(-1)
	if d.shared != nil {
		d.shared.mu.Lock()
		delete(d.shared.inHand, d.seq)
		d.shared.mu.Unlock()
	}
}

func (d *delivery) Task() crawler.Task { return d.task }
func (d *delivery) Attempt() int       { return d.attempt }

// settle runs f unless the delivery is settled already. When f fails the delivery stays
// unsettled, so that the call can be tried again; it no longer counts as held all the same,
// as the server delivers it again after AckWait if no try succeeds.
func (d *delivery) settle(f func() error) error {
	if !d.settled.CompareAndSwap(false, true) {
		return nil
	}
	defer d.unheld.Do(d.letGo)
	if err := f(); err != nil {
		d.settled.Store(false)
		return fmt.Errorf("crawler worker: task %s: %w", d.task.URL, err)
	}
	return nil
}

// Ack waits for the server's confirmation: a task acked is gone for every process.
func (d *delivery) Ack(ctx context.Context) error {
	return d.settle(func() error { return d.msg.DoubleAck(ctx) })
}

func (d *delivery) Retry(_ context.Context, after time.Duration) error {
	return d.settle(func() error { return d.msg.NakWithDelay(after) })
}

func (d *delivery) Release(context.Context) error {
	return d.settle(d.msg.Nak)
}
