package crawler

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPlanLeases(t *testing.T) {
	tests := []struct {
		name                string
		partitions, members int
		mine                []int
		taken               []int
		take, release       []int
	}{
		{"alone takes all", 4, 1, nil, nil, []int{0, 1, 2, 3}, nil},
		{"second member takes the free half", 4, 2, nil, []int{0, 1}, []int{2, 3}, nil},
		{"first member gives back beyond its share", 4, 2, []int{0, 1, 2, 3}, []int{0, 1, 2, 3}, nil, []int{2, 3}},
		{"share rounds up", 32, 3, nil, nil, seq(11), nil},
		{"nothing free", 4, 2, nil, []int{0, 1, 2, 3}, nil, nil},
		{"at its share", 4, 2, []int{1, 3}, []int{0, 1, 2, 3}, nil, nil},
		{"a dead member's partitions are free again", 4, 1, []int{0, 1}, []int{0, 1}, []int{2, 3}, nil},
		{"no members counted yet", 2, 0, nil, nil, []int{0, 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			taken := map[int]bool{}
			for _, p := range tt.taken {
				taken[p] = true
			}
			take, release := PlanLeases(tt.partitions, tt.members, tt.mine, taken)
			if !slices.Equal(take, tt.take) || !slices.Equal(release, tt.release) {
				t.Errorf("take %v, release %v; want %v, %v", take, release, tt.take, tt.release)
			}
		})
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// TestPartition keeps a host in one partition and spreads hosts over all of them.
func TestPartition(t *testing.T) {
	used := map[int]bool{}
	for i := range 200 {
		host := fmt.Sprintf("news%d.example:8080", i)
		p := Partition(host, 8)
		if p < 0 || p >= 8 || p != Partition(host, 8) {
			t.Fatalf("Partition(%q) = %d, not stable in [0, 8)", host, p)
		}
		used[p] = true
	}
	if len(used) != 8 {
		t.Errorf("200 hosts fill %d of 8 partitions", len(used))
	}
	if p := Partition("a", 0); p != 0 {
		t.Errorf("Partition with no partitions = %d", p)
	}
}

func TestPollDue(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		last time.Time
		want bool
	}{
		{time.Time{}, true},
		{now.Add(-15 * time.Minute), true},
		{now.Add(-14 * time.Minute), false},
		{now.Add(time.Minute), false}, // a clock behind another process's
	}
	for _, tt := range tests {
		if got := PollDue(tt.last, now, 15*time.Minute); got != tt.want {
			t.Errorf("PollDue(%v) = %v, want %v", tt.last, got, tt.want)
		}
	}
}

// TestTaskID tells polls of a source apart and a URL listed twice not.
func TestTaskID(t *testing.T) {
	page := Task{Kind: kindPage, URL: "https://a.example/x", Source: Source{Kind: KindFeed, URL: "https://a.example/feed"}, Depth: 1}
	other := page
	other.Source.URL, other.LastMod = "https://a.example/sitemap.xml", time.Now()
	if page.ID() != other.ID() {
		t.Errorf("one URL from two listings: %q and %q", page.ID(), other.ID())
	}
	poll := Task{Kind: KindFeed, URL: "https://a.example/feed", Poll: time.Unix(100, 0)}
	next := poll
	next.Poll = time.Unix(1000, 0)
	if poll.ID() == next.ID() {
		t.Errorf("two polls share the id %q", poll.ID())
	}
}

// memShared is Shared in memory for the crawler's own tests: one process owning the hosts
// in owned.
type memShared struct {
	mu      sync.Mutex
	queue   []*memDelivery
	ids     map[string]bool
	wake    chan struct{}
	owned   func(host string) bool
	outcome map[string][]string // URL -> how each delivery was settled
	polls   int
	// ackFails is how many Acks fail before one succeeds, as while NATS elects a leader.
	ackFails int
}

func newMemShared(owned func(string) bool) *memShared {
	return &memShared{ids: map[string]bool{}, wake: make(chan struct{}, 1), owned: owned, outcome: map[string][]string{}}
}

func (m *memShared) Push(_ context.Context, t Task) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ids[t.ID()] {
		return nil
	}
	m.ids[t.ID()] = true
	m.queue = append(m.queue, &memDelivery{m: m, task: t})
	m.signal()
	return nil
}

func (m *memShared) signal() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

func (m *memShared) Take(ctx context.Context) (Delivery, error) {
	for {
		m.mu.Lock()
		for i, d := range m.queue {
			if !d.taken && time.Now().After(d.notBefore) {
				d.taken = true
				m.queue = slices.Delete(m.queue, i, i+1)
				m.mu.Unlock()
				return d, nil
			}
		}
		m.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-m.wake:
		case <-time.After(5 * time.Millisecond): // retries become due
		}
	}
}

func (m *memShared) ClaimPoll(context.Context, Source, time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.polls++
	return m.polls == 1, nil // the other processes win the later polls
}

func (m *memShared) Owns(host string) bool { return m.owned(host) }

func (m *memShared) ID() string { return "this-process" }

// settled returns how each URL's deliveries ended.
func (m *memShared) settled() map[string][]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]string{}
	for u, o := range m.outcome {
		out[u] = slices.Clone(o)
	}
	return out
}

type memDelivery struct {
	m         *memShared
	task      Task
	attempt   int
	taken     bool
	notBefore time.Time
	settled   bool // the first of Ack, Retry and Release settles it
}

func (d *memDelivery) Task() Task   { return d.task }
func (d *memDelivery) Attempt() int { return d.attempt }

// record notes how the delivery was settled, and reports false when it was already.
func (d *memDelivery) record(how string) bool {
	d.m.mu.Lock()
	defer d.m.mu.Unlock()
	if d.settled {
		return false
	}
	d.settled = true
	d.m.outcome[d.task.URL] = append(d.m.outcome[d.task.URL], how)
	return true
}

func (d *memDelivery) Ack(context.Context) error {
	d.m.mu.Lock()
	fail := d.m.ackFails > 0
	if fail {
		d.m.ackFails--
	}
	d.m.mu.Unlock()
	if fail {
		return errors.New("no responders") // unsettled: a real queue delivers it again
	}
	d.record("ack")
	return nil
}

func (d *memDelivery) Retry(_ context.Context, after time.Duration) error {
	if d.record("retry") {
		d.m.mu.Lock()
		defer d.m.mu.Unlock()
		d.m.queue = append(d.m.queue, &memDelivery{m: d.m, task: d.task, attempt: d.attempt + 1, notBefore: time.Now().Add(after)})
	}
	return nil
}

func (d *memDelivery) Release(context.Context) error {
	d.record("release")
	return nil
}

// runShared runs c.RunShared over sh until done reports true or 20 s pass.
func runShared(t *testing.T, c *Crawler, sh Shared, s *sink, done func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	ended := make(chan error, 1)
	go func() { ended <- c.RunShared(ctx, sh, s.emit) }()
	deadline := time.Now().Add(20 * time.Second)
	for !done() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-ended; err == nil {
		t.Error("RunShared returned nil, want ctx's error")
	}
	if !done() {
		t.Fatal("the shared crawl did not finish in 20 s")
	}
}

// TestRunSharedSettlesThroughTheQueue crawls a sitemap through a shared queue: the sitemap is
// polled once, each listed page is queued, fetched once and acked after it was published, a
// page failing with 503 is handed back for a retry, and the sitemap's state is written once
// its pages are queued.
func TestRunSharedSettlesThroughTheQueue(t *testing.T) {
	var mu sync.Mutex
	fails := 1
	site := newMiniSite(t, []string{"/normal", "/flaky"}, map[string]http.HandlerFunc{
		"/flaky": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			if fails > 0 {
				fails--
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			writeArticle(w, "Un second centre de données pour l'IA", nil)
		},
	})
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
	cfg.FeedInterval = 10 * time.Millisecond // polled often: only a won poll queues the sitemap
	store := openStore(t, t.TempDir())
	c, err := New(cfg, store, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	sh := newMemShared(func(string) bool { return true })
	s := &sink{}
	runShared(t, c, sh, s, func() bool { return len(s.articles()) == 2 && len(sh.settled()[site.url("/flaky")]) == 2 })

	got := sh.settled()
	want := map[string][]string{
		site.url("/sitemap.xml"): {"ack"},
		site.url("/normal"):      {"ack"},
		site.url("/flaky"):       {"retry", "ack"},
	}
	for u, w := range want {
		if !slices.Equal(got[u], w) {
			t.Errorf("%s settled %v, want %v", u, got[u], w)
		}
	}
	if n := site.count("/sitemap.xml"); n != 1 {
		t.Errorf("sitemap fetched %d times, want once: the later polls went to other processes", n)
	}
	if n := site.count("/normal"); n != 1 {
		t.Errorf("/normal fetched %d times, want 1", n)
	}
	if st, ok, _ := store.State(t.Context(), site.url("/sitemap.xml")); !ok || st.Settled.IsZero() {
		t.Errorf("sitemap state %+v, %v: want settled once its pages were queued", st, ok)
	}
}

// TestRunSharedTakesTasks hands back, unfetched, the tasks of hosts the process does not own,
// skips a page another process settled since it was queued, fetches a page of a source only
// another process lists with the rules the task carries, and drops a task whose source is
// invalid.
func TestRunSharedTakesTasks(t *testing.T) {
	site := newMiniSite(t, nil, map[string]http.HandlerFunc{
		"/added": func(w http.ResponseWriter, _ *http.Request) {
			writeArticle(w, "Un centre de données ajouté ailleurs", nil)
		},
	})
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
	cfg.FeedInterval = time.Hour
	store := openStore(t, t.TempDir())
	c, err := New(cfg, store, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.PutState(t.Context(), site.url("/normal"), PageState{Settled: time.Now()}); err != nil {
		t.Fatal(err)
	}
	sh := newMemShared(func(host string) bool { return host != "elsewhere.example" })
	src := Task{Source: Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")}, Kind: kindPage}
	other, known, added, invalid := src, src, src, src
	other.URL, known.URL = "http://elsewhere.example/a", site.url("/normal")
	added.URL, added.Source = site.url("/added"), Source{Kind: KindFeed, URL: site.url("/feed-added-elsewhere")}
	invalid.URL, invalid.Source = site.url("/invalid"), Source{Kind: "podcast", URL: site.url("/x")}
	for _, tk := range []Task{other, known, added, invalid} {
		if err := sh.Push(t.Context(), tk); err != nil {
			t.Fatal(err)
		}
	}
	s := &sink{}
	runShared(t, c, sh, s, func() bool { return len(sh.settled()) == 5 })
	got := sh.settled()
	if o := got[other.URL]; !slices.Equal(o, []string{"release"}) {
		t.Errorf("task of a host owned elsewhere settled %v, want released", o)
	}
	if o := got[known.URL]; !slices.Equal(o, []string{"ack"}) || site.count("/normal") != 0 {
		t.Errorf("page settled elsewhere: %v, fetched %d times; want acked unfetched", o, site.count("/normal"))
	}
	if o := got[added.URL]; !slices.Equal(o, []string{"ack"}) || len(s.articles()) != 1 {
		t.Errorf("page of a source listed elsewhere: %v, %d published; want acked and published", o, len(s.articles()))
	}
	if o := got[invalid.URL]; !slices.Equal(o, []string{"ack"}) || site.count("/invalid") != 0 {
		t.Errorf("task with an invalid source: %v, fetched %d times; want dropped", o, site.count("/invalid"))
	}
}

// TestRunSharedRequeuesWhenTheBrokerFails hands a page back to the queue, however often it was
// tried, while its article cannot be published: in a shared crawl no later round would list it.
func TestRunSharedRequeuesWhenTheBrokerFails(t *testing.T) {
	site := newMiniSite(t, []string{"/normal"}, nil)
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
	cfg.FeedInterval = time.Hour
	cfg.MaxRetries = 0 // a failing page would fail at once; a failing broker must not
	c, err := New(cfg, openStore(t, t.TempDir()), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	c.persistFor = 50 * time.Millisecond // the broker stays down longer than that
	sh := newMemShared(func(string) bool { return true })
	s := &sink{}
	s.setFailing(errors.New("broker down"))
	runShared(t, c, sh, s, func() bool {
		if len(sh.settled()[site.url("/normal")]) >= 2 {
			s.setFailing(nil)
		}
		return len(s.articles()) == 1 && slices.Contains(sh.settled()[site.url("/normal")], "ack")
	})
	got := sh.settled()[site.url("/normal")]
	if len(got) < 3 || got[0] != "retry" || got[len(got)-1] != "ack" || slices.Contains(got, "release") {
		t.Errorf("/normal settled %v, want retries until published, then ack", got)
	}
	if st := c.Stats(); st.Failed != 0 {
		t.Errorf("%d failed, want none: the page never failed", st.Failed)
	}
}

// outageStore is a FileStore whose reads and writes fail a given number of times each, as
// those to JetStream do while NATS elects a new leader.
type outageStore struct {
	*FileStore
	mu    sync.Mutex
	fails map[string]int // operation -> failures left
}

func (s *outageStore) fail(op string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fails[op] > 0 {
		s.fails[op]--
		return fmt.Errorf("%s: context deadline exceeded", op)
	}
	return nil
}

func (s *outageStore) Get(ctx context.Context, url string) (string, bool, error) {
	if err := s.fail("get"); err != nil {
		return "", false, err
	}
	return s.FileStore.Get(ctx, url)
}

func (s *outageStore) State(ctx context.Context, url string) (PageState, bool, error) {
	if err := s.fail("state"); err != nil {
		return PageState{}, false, err
	}
	return s.FileStore.State(ctx, url)
}

func (s *outageStore) PutState(ctx context.Context, url string, st PageState) error {
	if err := s.fail("put-state"); err != nil {
		return err
	}
	return s.FileStore.PutState(ctx, url, st)
}

// TestRunSharedFetchesOnceThroughAnOutage takes a page task while the shared state fails for a
// moment (a NATS node killed: reads time out, writes and acks are refused) and fetches the page
// at most once: a failed content-hash read used to hand the fetched page back to the queue, a
// failed state read to fetch a page settled already, and a lost state write or ack to deliver
// the task again to a process that then fetched it anew; and a host whose lease lapsed while
// the read waited is left to its new owner.
func TestRunSharedFetchesOnceThroughAnOutage(t *testing.T) {
	tests := []struct {
		name     string
		fails    map[string]int
		ackFails int
		settled  bool // the page was settled before, its task delivered again
		// leaseLost: the host's lease lapses while the state read waits.
		leaseLost bool
		fetches   int
		outcome   string
	}{
		{name: "content hash read", fails: map[string]int{"get": 2}, fetches: 1, outcome: "ack"},
		{name: "state read of a settled page", fails: map[string]int{"state": 2}, settled: true, fetches: 0, outcome: "ack"},
		{name: "state write", fails: map[string]int{"put-state": 2}, fetches: 1, outcome: "ack"},
		{name: "ack", ackFails: 2, fetches: 1, outcome: "ack"},
		{name: "lease lost during a state read", fails: map[string]int{"state": 2}, leaseLost: true, fetches: 0, outcome: "release"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newMiniSite(t, []string{"/normal"}, nil)
			cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
			cfg.FeedInterval = time.Hour
			store := &outageStore{FileStore: openStore(t, t.TempDir())}
			page := site.url("/normal")
			if tt.settled {
				if err := store.PutState(t.Context(), page, PageState{Settled: time.Now()}); err != nil {
					t.Fatal(err)
				}
			}
			store.fails = tt.fails
			c, err := New(cfg, store, testLogger(t))
			if err != nil {
				t.Fatal(err)
			}
			var asked atomic.Int32
			sh := newMemShared(func(string) bool { return !tt.leaseLost || asked.Add(1) == 1 })
			sh.ackFails = tt.ackFails
			sh.polls = 1 // another process polls the sitemap: only the page is queued
			if err := sh.Push(t.Context(), Task{Kind: kindPage, URL: page, Source: cfg.Sources[0], Depth: 1}); err != nil {
				t.Fatal(err)
			}
			s := &sink{}
			runShared(t, c, sh, s, func() bool { return len(sh.settled()[page]) > 0 })
			if got := sh.settled()[page]; !slices.Equal(got, []string{tt.outcome}) {
				t.Errorf("page settled %v, want %s once", got, tt.outcome)
			}
			if n := site.count("/normal"); n != tt.fetches {
				t.Errorf("page fetched %d times, want %d", n, tt.fetches)
			}
			if st, ok, err := store.State(t.Context(), page); tt.outcome == "ack" && (!ok || st.Settled.IsZero() || err != nil) {
				t.Errorf("page state %+v, %v, %v: want it settled", st, ok, err)
			}
			if left := store.fails; slices.ContainsFunc(slices.Collect(maps.Values(left)), func(n int) bool { return n > 0 }) || sh.ackFails > 0 {
				t.Errorf("failures left %v, acks %d: the outage was not met", left, sh.ackFails)
			}
		})
	}
}

// claimingStore is a FileStore whose pages another process may hold the claim of, as a
// crawler/worker.KVStore keeps them.
type claimingStore struct {
	*FileStore
	mu     sync.Mutex
	holder string
	until  time.Time
	asked  []string // the holders that asked, in order
	reads  atomic.Int32
	// holderWrites, when set, is the state the holder writes for a page once another process
	// has been told it is busy: its fetch ends while that process waits.
	holderWrites *PageState
}

// State counts the reads of page states.
func (s *claimingStore) State(ctx context.Context, url string) (PageState, bool, error) {
	s.reads.Add(1)
	return s.FileStore.State(ctx, url)
}

func (s *claimingStore) ClaimFetch(ctx context.Context, url, holder string, until time.Time, due func(PageState) bool) (FetchClaim, error) {
	st, _, err := s.State(ctx, url)
	if err != nil {
		return FetchClaim{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, holder)
	switch {
	case !due(st):
		return FetchClaim{}, nil
	case s.holder != holder && time.Now().Before(s.until):
		if w := s.holderWrites; w != nil {
			s.holderWrites = nil
			if err := s.PutState(ctx, url, *w); err != nil {
				return FetchClaim{}, err
			}
		}
		return FetchClaim{BusyUntil: s.until}, nil
	}
	s.holder, s.until = holder, until
	return FetchClaim{Fetch: true, State: st}, nil
}

// TestRunSharedWaitsForAnotherFetch hands a page back while another process holds its claim,
// until the claim ends: then the page is skipped if the other process wrote its state, and
// fetched otherwise (that process died with its request).
func TestRunSharedWaitsForAnotherFetch(t *testing.T) {
	for _, tt := range []struct {
		name       string
		otherWrote bool
		fetches    int
	}{
		{"the other fetch wrote the state", true, 0},
		{"the other fetch was lost", false, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := newMiniSite(t, []string{"/normal"}, nil)
			cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
			cfg.FeedInterval = time.Hour
			page := site.url("/normal")
			const claimFor = 300 * time.Millisecond
			otherEnds := time.Now().Add(claimFor)
			store := &claimingStore{FileStore: openStore(t, t.TempDir()), holder: "other-process", until: otherEnds}
			if tt.otherWrote {
				// The other fetch ends while this process waits, however slow the machine: a
				// timer could fire after the claim ends and let this process fetch first.
				store.holderWrites = &PageState{Settled: time.Now()}
			}
			c, sh := pageQueued(t, cfg, store, page)
			s := &sink{}
			runShared(t, c, sh, s, func() bool { return slices.Contains(sh.settled()[page], "ack") })
			if got := sh.settled()[page]; !slices.Equal(got, []string{"retry", "ack"}) {
				t.Errorf("page settled %v, want a retry while claimed, then an ack", got)
			}
			if n := site.count("/normal"); n != tt.fetches {
				t.Errorf("page fetched %d times, want %d", n, tt.fetches)
			}
			// Measured from the claim's end, not from the crawler's start: building the crawler
			// takes a good part of the claim under -race.
			if early := time.Until(otherEnds); early > claimFor/10 {
				t.Errorf("settled %v before the other's claim ended", early)
			}
			if !slices.Equal(store.asked, []string{sh.ID(), sh.ID()}) {
				t.Errorf("claims asked by %v, want this process twice", store.asked)
			}
		})
	}
}

// pageQueued returns a crawler of cfg on store and a shared queue holding only page: another
// process polls the sitemap.
func pageQueued(t *testing.T, cfg Config, store Store, page string) (*Crawler, *memShared) {
	t.Helper()
	c, err := New(cfg, store, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	sh := newMemShared(func(string) bool { return true })
	sh.polls = 1
	if err := sh.Push(t.Context(), Task{Kind: kindPage, URL: page, Source: cfg.Sources[0], Depth: 1}); err != nil {
		t.Fatal(err)
	}
	return c, sh
}

// TestRunSharedSendsClaimedValidators checks that a shared crawl sends the validators of the
// state its claim was made over, read once: a page known to the store comes back 304.
func TestRunSharedSendsClaimedValidators(t *testing.T) {
	var readsAtRequest atomic.Int32
	var store *claimingStore
	site := newMiniSite(t, nil, map[string]http.HandlerFunc{"/normal": func(w http.ResponseWriter, r *http.Request) {
		readsAtRequest.Store(store.reads.Load())
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		writeArticle(w, "Un nouveau centre de données pour l'IA", nil)
	}})
	cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
	cfg.FeedInterval = time.Hour
	page := site.url("/normal")
	store = &claimingStore{FileStore: openStore(t, t.TempDir())}
	if err := store.PutState(t.Context(), page, PageState{ETag: `"v1"`}); err != nil {
		t.Fatal(err)
	}
	c, sh := pageQueued(t, cfg, store, page)
	s := &sink{}
	runShared(t, c, sh, s, func() bool { return slices.Contains(sh.settled()[page], "ack") })
	if got := c.Stats().Unchanged; got != 1 {
		t.Errorf("%d pages unchanged, want 1: the stored ETag was not sent", got)
	}
	if n := readsAtRequest.Load(); n != 1 {
		t.Errorf("page state read %d times before the request, want once (the claim's)", n)
	}
	if len(s.articles()) != 0 {
		t.Errorf("%d articles published from a 304", len(s.articles()))
	}
}

// BenchmarkPartition measures the host hash asked before every fetch and every push of a
// shared crawl.
func BenchmarkPartition(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		Partition("www.lemonde.fr:443", 32+i%2)
	}
}
