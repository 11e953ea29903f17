package crawler

import (
	"context"
	"errors"
	"testing"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/queue"
)

// TestRequestQueue drives a round's crawl queue through colly's queue.Storage interface, as
// colly's queue.Queue does: requests go in serialized, come out paced per host, and name their
// task.
func TestRequestQueue(t *testing.T) {
	src := Source{Kind: KindStart, URL: "http://lumen.test/"}
	c, err := New(testConfig(src), openStore(t, t.TempDir()), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r := c.newRound(ctx, (&sink{}).emit, nil)
	var st queue.Storage = r.queue
	if err := st.Init(); err != nil {
		t.Fatal(err)
	}
	page := func(u string) task { return task{kind: kindPage, url: u, src: c.sources[0], pend: &pending{left: 1}} }
	for _, u := range []string{"http://lumen.test/a", "http://lumen.test/b", "http://orbis.test/c"} {
		if err := r.queue.add(page(u)); err != nil {
			t.Fatalf("add %s: %v", u, err)
		}
	}
	if n, _ := st.QueueSize(); n != 3 {
		t.Fatalf("QueueSize = %d, want 3", n)
	}

	// Parallelism 1: the second request to lumen.test waits for the first to end, so orbis.test
	// comes second.
	r.front.parallelism = 1
	next := func() *colly.Request {
		t.Helper()
		b, err := st.GetRequest()
		if err != nil {
			t.Fatalf("GetRequest: %v", err)
		}
		req, err := r.coll.UnmarshalRequest(b)
		if err != nil {
			t.Fatalf("colly cannot read the queued request: %v", err)
		}
		if r.queue.started(req.Ctx) == nil {
			t.Fatalf("request %s names no task", req.URL)
		}
		return req
	}
	first, second := next(), next()
	if first.URL.String() != "http://lumen.test/a" || second.URL.String() != "http://orbis.test/c" {
		t.Fatalf("requests %s, %s; want lumen.test/a, then orbis.test/c", first.URL, second.URL)
	}
	if got := first.Headers.Get("Accept"); got != acceptByKind[kindPage] {
		t.Errorf("Accept = %q, want the page's", got)
	}
	if n, _ := st.QueueSize(); n != 1 {
		t.Errorf("QueueSize = %d with one request left, want 1", n)
	}
	r.queue.end(first.Ctx, 0)
	if r.queue.started(first.Ctx) != nil {
		t.Error("an ended request still names its task")
	}
	if third := next(); third.URL.String() != "http://lumen.test/b" {
		t.Errorf("third request %s, want lumen.test/b once /a ended", third.URL)
	}

	// colly's queue can add to it, but only requests of the round's tasks.
	cq, err := queue.New(1, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := cq.AddURL("http://lumen.test/d"); err == nil {
		t.Error("a request naming no task was queued")
	}
	if err := r.queue.add(page("http://lumen.test:99999/")); !errors.Is(err, errBadURL) {
		t.Errorf("a URL colly refuses: err = %v, want errBadURL", err)
	}

	cancel()
	if n, _ := st.QueueSize(); n != 0 {
		t.Errorf("QueueSize = %d once the round ends, want 0", n)
	}
	if _, err := st.GetRequest(); !errors.Is(err, errQueueClosed) {
		t.Errorf("GetRequest once the round ends: err = %v, want errQueueClosed", err)
	}
}

// TestRequestQueueFull checks that a full frontier refuses a request as colly's queues do.
func TestRequestQueueFull(t *testing.T) {
	src := Source{Kind: KindStart, URL: "http://vela.test/"}
	c, err := New(testConfig(src), openStore(t, t.TempDir()), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	r := c.newRound(t.Context(), (&sink{}).emit, nil)
	r.front.pending = maxFrontier
	err = r.queue.add(task{kind: kindPage, url: "http://vela.test/x", src: c.sources[0], pend: &pending{left: 1}})
	if !errors.Is(err, colly.ErrQueueFull) {
		t.Errorf("err = %v, want colly.ErrQueueFull", err)
	}
	if len(r.queue.tasks) != 0 {
		t.Errorf("%d tasks left behind by a refused request", len(r.queue.tasks))
	}
}
