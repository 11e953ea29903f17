package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/internal/loadsite"
)

// clusterPagesEnv sets the cluster test's article count; the default keeps the normal run
// within a couple of minutes on two cores.
const clusterPagesEnv = "CLAIMWIRE_CLUSTER_PAGES"

// clusterLogsEnv names a directory where the cluster test keeps its processes' full logs, one
// subdirectory per run, written at debug level: a rare failure can then be read in full.
const clusterLogsEnv = "CLAIMWIRE_CLUSTER_LOGS"

// Cluster test settings: 20 hosts, each held to one request at a time, clusterDelay apart.
const (
	clusterHosts    = 20
	clusterDelay    = 300 * time.Millisecond
	clusterLeaseTTL = 3 * time.Second
	clusterTimeout  = 3 * time.Second // crawl.request_timeout
)

// TestClusterScaleOut runs claimwire scaled out on a three-node JetStream cluster on loopback,
// with replicated streams and buckets: 3 crawler processes sharing one crawl, 2 extractors and
// 2 indexer read replicas, over a generated site of 400 articles (CLAIMWIRE_CLUSTER_PAGES=2000
// for the full size) spread over 20 hosts. Mid-crawl it SIGKILLs a crawler, an
// extractor, an indexer (then restarted on its data) and a NATS node (then restarted). Each
// page must be fetched once (a request the killed crawler had in flight may be repeated by the
// crawler that takes its hosts over), no host may see two requests closer than the delay, and
// both replicas must end with exactly the expected claim ids. It prints pages/s, each host's
// closest requests and how long each killed part took to be replaced.
func TestClusterScaleOut(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process cluster test skipped with -short")
	}
	pages := 400
	if v := os.Getenv(clusterPagesEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < clusterHosts {
			t.Fatalf("%s=%q: want a number of articles, at least %d", clusterPagesEnv, v, clusterHosts)
		}
		pages = n
	}
	c := newCluster(t)
	var sources []string
	want := map[string]bool{}
	for _, site := range loadsite.Split(pages, clusterHosts) {
		rec := loadsite.Record(site)
		srv := httptest.NewServer(rec)
		t.Cleanup(srv.Close)
		c.hosts = append(c.hosts, rec)
		sources = append(sources, fmt.Sprintf("    - kind: sitemap\n      url: %s%s\n", srv.URL, loadsite.SitemapPath))
		maps.Copy(want, expectedClaimIDs(t, srv.URL, site))
	}
	c.writeConfigs(strings.Join(sources, ""))
	for i := range 3 {
		c.startNATS(i)
	}
	c.waitJetStream()
	for _, name := range []string{"indexer-1", "indexer-2", "extractor-1", "extractor-2", "crawler-1", "crawler-2", "crawler-3"} {
		c.start(name)
	}

	// Kill one part of each kind as the crawl goes, each measured in the background.
	var measured sync.WaitGroup
	replaced := map[string]time.Duration{}
	var replacedMu sync.Mutex
	measure := func(what string, f func() time.Duration) {
		measured.Go(func() {
			d := f()
			replacedMu.Lock()
			replaced[what] = d
			replacedMu.Unlock()
		})
	}
	total := pages + clusterHosts // articles and sitemaps
	c.waitFetched(total * 15 / 100)
	killedAt, killedUA := time.Now(), c.userAgent("crawler-1")
	killedPID := c.procs["crawler-1"].cmd.Process.Pid
	c.kill("crawler-1")
	// The crawler's last requests may reach a site between killedAt and its death.
	diedAt := time.Now()
	measure("crawler (its partitions leased again)", func() time.Duration { return c.waitLeasesWithout(killedAt, killedPID) })

	c.waitFetched(total * 30 / 100)
	c.waitHeld(claimwire.StreamArticles, claimwire.ConsumerExtractor) // so that the kill loses something in hand
	// Each kill has its own start time: the measures run in the background while the test goes on.
	extractorKilled, seq := time.Now(), c.delivered(claimwire.StreamArticles, claimwire.ConsumerExtractor)
	c.kill("extractor-1")
	measure("extractor (what it held acked by the other)", func() time.Duration {
		return c.waitAcked(extractorKilled, claimwire.StreamArticles, claimwire.ConsumerExtractor, seq)
	})

	c.waitFetched(total * 45 / 100)
	indexerKilled := time.Now()
	c.kill("indexer-2")
	c.start("indexer-2")
	measure("indexer (restarted, caught up and ready)", func() time.Duration { return c.waitReady(indexerKilled, "indexer-2") })

	c.waitFetched(total * 60 / 100)
	natsKilled := time.Now()
	c.kill("nats-2")
	measure("NATS node (every stream led by the others)", func() time.Duration { return c.waitLeaders(natsKilled) })
	measured.Wait()
	at := time.Now()
	c.startNATS(1)
	replaced["NATS node (restarted and current in every stream)"] = c.waitCurrent(at, "nats-2")

	// Everything is indexed by both replicas, exactly.
	deadline := time.Now().Add(4 * time.Minute)
	for _, name := range []string{"indexer-1", "indexer-2"} {
		for claimCount(c.api(name)) != len(want) {
			if time.Now().After(deadline) {
				t.Fatalf("%s holds %d claims, want exactly %d", name, claimCount(c.api(name)), len(want))
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	time.Sleep(2 * time.Second) // a late duplicate would show up now
	var facts []map[string]string
	for _, name := range []string{"indexer-1", "indexer-2"} {
		if n := claimCount(c.api(name)); n != len(want) {
			t.Errorf("%s holds %d claims after settling, want exactly %d", name, n, len(want))
		}
		facts = append(facts, checkClaims(t, c.api(name), want))
	}
	// Both replicas give every claim the same fact (index.shared_facts), so that fact
	// permalinks, reviews and alerts keyed by fact mean the same on either.
	var differ []string
	shared := 0
	for _, id := range slices.Sorted(maps.Keys(want)) {
		if f := facts[0][id]; f == "" || f != facts[1][id] {
			differ = append(differ, fmt.Sprintf("%s: %q ≠ %q", id, f, facts[1][id]))
		} else if f != id {
			shared++
		}
	}
	if len(differ) > 0 {
		t.Errorf("the replicas give %d of %d claims different facts: %s", len(differ), len(want), strings.Join(differ[:min(len(differ), 10)], "; "))
	}
	t.Logf("both replicas agree on the facts of %d claims, %d of them joining another claim's fact", len(want)-len(differ), shared)

	// Fetches: once per page, requests to a host at least the delay apart.
	first, last := time.Time{}, time.Time{}
	repeated := 0
	var gaps []string
	for h, rec := range c.hosts {
		reqs := rec.Requests()
		byPath := map[string][]loadsite.Request{}
		for _, r := range reqs {
			byPath[r.Path] = append(byPath[r.Path], r)
			if first.IsZero() || r.At.Before(first) {
				first = r.At
			}
			if r.At.After(last) {
				last = r.At
			}
		}
		for path, rs := range byPath {
			switch {
			case len(rs) == 1:
			case len(rs) == 2 && rs[0].UserAgent == killedUA && killedAt.Sub(rs[0].At) < clusterTimeout && rs[0].At.Before(diedAt):
				repeated++ // in flight in the killed crawler
			default:
				var by []string
				for _, r := range rs {
					by = append(by, fmt.Sprintf("%s at %+.1fs from the crawler kill", r.UserAgent, r.At.Sub(killedAt).Seconds()))
				}
				t.Errorf("host %d: %s fetched %d times: %s", h, path, len(rs), strings.Join(by, "; "))
			}
		}
		gap, _ := rec.MinGap()
		if gap < clusterDelay {
			t.Errorf("host %d: two requests %v apart, want at least %v", h, gap, clusterDelay)
		}
		gaps = append(gaps, fmt.Sprintf("%.0fms", gap.Seconds()*1000))
	}
	fetched := 0
	for _, rec := range c.hosts {
		fetched += len(rec.Hits())
	}
	if fetched != total {
		t.Errorf("%d distinct pages fetched, want %d", fetched, total)
	}
	t.Logf("%d pages (%d articles, %d sitemaps) over %d hosts in %.1fs: %.1f pages/s; %d in flight in the killed crawler fetched again",
		fetched, pages, clusterHosts, clusterHosts, last.Sub(first).Seconds(), float64(fetched)/last.Sub(first).Seconds(), repeated)
	t.Logf("closest requests per host (delay %v): %s", clusterDelay, strings.Join(gaps, " "))
	replacedMu.Lock()
	defer replacedMu.Unlock()
	for _, what := range slices.Sorted(maps.Keys(replaced)) {
		t.Logf("replaced: %s in %.1fs", what, replaced[what].Seconds())
	}
}

// cluster is the test's processes: NATS nodes nats-1…3 and claimwire roles, each with its
// data directory and configuration file.
type cluster struct {
	t         *testing.T
	dir       string
	natsPorts []int
	routes    []int
	httpPorts map[string]int
	procs     map[string]*proc
	hosts     []*loadsite.Recorder
	js        jetstream.JetStream
}

func newCluster(t *testing.T) *cluster {
	c := &cluster{t: t, dir: t.TempDir(), httpPorts: map[string]int{}, procs: map[string]*proc{}}
	for range 3 {
		c.natsPorts = append(c.natsPorts, freePort(t))
		c.routes = append(c.routes, freePort(t))
	}
	t.Cleanup(func() {
		for _, name := range slices.Sorted(maps.Keys(c.procs)) {
			sig := syscall.SIGTERM
			if t.Failed() && !strings.HasPrefix(name, "nats-") {
				sig = syscall.SIGQUIT // the Go runtime writes every goroutine's stack to the log
			}
			c.stop(name, sig)
		}
		logs, _ := filepath.Glob(filepath.Join(c.dir, "*.log"))
		if t.Failed() || os.Getenv("CLAIMWIRE_TEST_LOGS") != "" {
			// Warnings and errors first, then where claimwire's goroutines stood, then each
			// log's last lines: CI keeps only part of the output, and a page-by-page crawl log
			// would fill it.
			data := make([][]byte, len(logs))
			for i, l := range logs {
				data[i], _ = os.ReadFile(l)
			}
			for i, l := range logs {
				warnings := linesWhere(data[i], func(line []byte) bool {
					return bytes.Contains(line, []byte("level=WARN")) || bytes.Contains(line, []byte("level=ERROR"))
				})
				t.Logf("--- %s (warnings and errors):\n%s", filepath.Base(l), tail(warnings, 3000))
			}
			for i, l := range logs {
				// A goroutine dump's headers and claimwire's own frames.
				stacks := linesWhere(data[i], func(line []byte) bool {
					return bytes.HasPrefix(line, []byte("goroutine ")) || bytes.HasPrefix(line, []byte("github.com/claimwire/"))
				})
				if len(stacks) > 0 {
					t.Logf("--- %s (claimwire's frames of its goroutines):\n%s", filepath.Base(l), tail(stacks, 4000))
				}
			}
			for i, l := range logs {
				t.Logf("--- %s (tail):\n%s", filepath.Base(l), tail(data[i], 1000))
			}
		}
		if keep := os.Getenv(clusterLogsEnv); keep != "" {
			c.keepLogs(keep, logs)
		}
	})
	return c
}

// linesWhere keeps the lines of a log that keep reports.
func linesWhere(log []byte, keep func(line []byte) bool) []byte {
	var out []byte
	for line := range bytes.Lines(log) {
		if keep(line) {
			out = append(out, line...)
		}
	}
	return out
}

// keepLogs copies the logs into a new subdirectory of dir, named by the time and the outcome.
func (c *cluster) keepLogs(dir string, logs []string) {
	outcome := "ok"
	if c.t.Failed() {
		outcome = "failed"
	}
	run := filepath.Join(dir, time.Now().Format("20060102-150405")+"-"+outcome)
	if err := os.MkdirAll(run, 0o755); err != nil {
		c.t.Logf("keeping logs: %v", err)
		return
	}
	for _, l := range logs {
		data, err := os.ReadFile(l)
		if err == nil {
			err = os.WriteFile(filepath.Join(run, filepath.Base(l)), data, 0o644)
		}
		if err != nil {
			c.t.Logf("keeping logs: %v", err)
		}
	}
	c.t.Logf("logs kept in %s", run)
}

func (c *cluster) userAgent(name string) string { return "claimwire-cluster-test/" + name }

// writeConfigs writes one configuration per role process; sources is the crawl's sources list.
func (c *cluster) writeConfigs(sources string) {
	var urls []string
	for _, p := range c.natsPorts {
		urls = append(urls, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	level := "info"
	if os.Getenv(clusterLogsEnv) != "" {
		level = "debug"
	}
	for _, name := range []string{"indexer-1", "indexer-2", "extractor-1", "extractor-2", "crawler-1", "crawler-2", "crawler-3"} {
		c.httpPorts[name] = freePort(c.t)
		cfg := fmt.Sprintf(`
nats:
  url: %s
  streams:
    replicas: 3
log:
  level: %s
  format: text
http:
  addr: 127.0.0.1:%d
shutdown_timeout: 20s
crawl:
  user_agent: %s
  delay: %s
  random_delay: 0s
  parallelism: 1
  request_timeout: %s
  feed_interval: 1h
  respect_robots: false # the generated sites have no robots.txt
  allow_private_addresses: true
  cluster:
    enabled: true
    lease_ttl: %s
    ack_wait: 10s # what a killed crawler held comes back after this
    buffer: 8
  sources:
%s
index:
  replica: %s
  shared_facts: true
  batch_size: 200
  batch_wait: 100ms
  ack_wait: 5s
extract:
  ack_wait: 5s
`, strings.Join(urls, ","), level, c.httpPorts[name], c.userAgent(name), clusterDelay, clusterTimeout, clusterLeaseTTL,
			strings.TrimRight(sources, "\n"), strings.ReplaceAll(name, "indexer", "idx"))
		if err := os.WriteFile(filepath.Join(c.dir, name+".yaml"), []byte(cfg), 0o600); err != nil {
			c.t.Fatal(err)
		}
	}
}

// startNATS starts node i of the cluster on its data directory.
func (c *cluster) startNATS(i int) {
	var routes []string
	for _, p := range c.routes {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", p))
	}
	name := fmt.Sprintf("nats-%d", i+1)
	c.procs[name] = startProc(c.t, c.dir, name, nil, "nats", "--name", name, "--port", strconv.Itoa(c.natsPorts[i]),
		"--data", filepath.Join(c.dir, name), "--cluster-port", strconv.Itoa(c.routes[i]), "--routes", strings.Join(routes, ","))
}

// waitJetStream waits until the cluster places a replicated stream, then keeps a connection.
func (c *cluster) waitJetStream() {
	t := c.t
	var urls []string
	for _, p := range c.natsPorts {
		urls = append(urls, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	nc, err := nats.Connect(strings.Join(urls, ","), nats.RetryOnFailedConnect(true), nats.MaxReconnects(-1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	c.js = js
	c.poll(time.Minute, "a JetStream cluster placing three replicas", func(ctx context.Context) error {
		if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: "PROBE", Subjects: []string{"probe"}, Replicas: 3}); err != nil {
			return err
		}
		return js.DeleteStream(ctx, "PROBE")
	})
}

// poll calls check until it succeeds, failing the test after d.
func (c *cluster) poll(d time.Duration, what string, check func(context.Context) error) {
	c.t.Helper()
	deadline := time.Now().Add(d)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := check(ctx)
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("waiting for %s: %v", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// start starts a role process and waits for its /healthz.
func (c *cluster) start(name string) {
	role, _, _ := strings.Cut(name, "-")
	c.procs[name] = startProc(c.t, c.dir, name, []string{"CLAIMWIRE_DATA_DIR=" + filepath.Join(c.dir, name)},
		"run", "--config", filepath.Join(c.dir, name+".yaml"), "--roles", role)
	waitHTTP(c.t, c.api(name)+"/healthz", time.Minute)
}

// kill SIGKILLs a process and waits for it.
func (c *cluster) kill(name string) {
	c.t.Logf("SIGKILL %s", name)
	c.stop(name, syscall.SIGKILL)
}

func (c *cluster) stop(name string, sig syscall.Signal) {
	p := c.procs[name]
	if p == nil {
		return
	}
	delete(c.procs, name)
	_ = p.cmd.Process.Signal(sig)
	p.wait(c.t, sig)
}

// waitFetched waits until the sites have served n distinct pages.
func (c *cluster) waitFetched(n int) {
	c.poll(3*time.Minute, fmt.Sprintf("%d pages fetched", n), func(context.Context) error {
		got := 0
		for _, rec := range c.hosts {
			got += len(rec.Hits())
		}
		if got < n {
			return fmt.Errorf("%d fetched", got)
		}
		return nil
	})
}

// waitLeasesWithout waits until every partition lease is held by a crawler other than the one
// killed (the process id is in its member id), and returns the time since the kill.
func (c *cluster) waitLeasesWithout(killed time.Time, pid int) time.Duration {
	suffix := "-" + strconv.Itoa(pid)
	c.poll(time.Minute, "the killed crawler's partitions leased again", func(ctx context.Context) error {
		kv, err := c.js.KeyValue(ctx, claimwire.BucketCrawlLeases)
		if err != nil {
			return err
		}
		for p := range 32 { // crawl.cluster.partitions' default
			e, err := kv.Get(ctx, "part."+strconv.Itoa(p))
			if err != nil {
				return fmt.Errorf("partition %d: %w", p, err)
			}
			if strings.HasSuffix(string(e.Value()), suffix) {
				return fmt.Errorf("partition %d still leased to the killed crawler", p)
			}
		}
		return nil
	})
	return time.Since(killed)
}

// delivered returns the last stream sequence the consumer delivered.
func (c *cluster) delivered(stream, consumer string) uint64 {
	var seq uint64
	c.poll(30*time.Second, "consumer info", func(ctx context.Context) error {
		info, err := c.consumerInfo(ctx, stream, consumer)
		if err != nil {
			return err
		}
		seq = info.Delivered.Stream
		return nil
	})
	return seq
}

func (c *cluster) consumerInfo(ctx context.Context, stream, consumer string) (*jetstream.ConsumerInfo, error) {
	cons, err := c.js.Consumer(ctx, stream, consumer)
	if err != nil {
		return nil, err
	}
	return cons.Info(ctx)
}

// waitAcked waits until the consumer has acked every message up to seq, and returns the time
// since at.
func (c *cluster) waitAcked(at time.Time, stream, consumer string, seq uint64) time.Duration {
	c.poll(2*time.Minute, consumer+" acking what the killed process held", func(ctx context.Context) error {
		info, err := c.consumerInfo(ctx, stream, consumer)
		if err != nil {
			return err
		}
		if info.AckFloor.Stream < seq {
			return fmt.Errorf("ack floor %d, want %d", info.AckFloor.Stream, seq)
		}
		return nil
	})
	return time.Since(at)
}

// waitReady waits until the process's /readyz answers 200, and returns the time since at.
func (c *cluster) waitReady(at time.Time, name string) time.Duration {
	c.poll(2*time.Minute, name+" ready", func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.api(name)+"/readyz", nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 2000))
			return fmt.Errorf("%s: %s", resp.Status, bytes.TrimSpace(body)) // why it is not ready
		}
		return nil
	})
	return time.Since(at)
}

// waitLeaders waits until every stream has a leader on a node still up, and returns the time
// since at.
func (c *cluster) waitLeaders(at time.Time) time.Duration {
	c.poll(2*time.Minute, "stream leaders on the remaining nodes", func(ctx context.Context) error {
		return c.eachStream(ctx, func(ci *jetstream.ClusterInfo) bool { return ci.Leader != "" && ci.Leader != "nats-2" })
	})
	return time.Since(at)
}

// waitHeld waits up to 10 s for the consumer to have messages delivered and not yet acked.
func (c *cluster) waitHeld(stream, consumer string) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		info, err := c.consumerInfo(ctx, stream, consumer)
		cancel()
		if err == nil && info.NumAckPending > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.t.Logf("%s held nothing unacked for 10 s", consumer)
}

// waitCurrent waits until the node is a current replica of every stream, and returns the time
// since at.
func (c *cluster) waitCurrent(at time.Time, node string) time.Duration {
	c.poll(2*time.Minute, node+" current in every stream", func(ctx context.Context) error {
		return c.eachStream(ctx, func(ci *jetstream.ClusterInfo) bool {
			current := ci.Leader == node
			for _, r := range ci.Replicas {
				current = current || r.Name == node && r.Current
			}
			return current
		})
	})
	return time.Since(at)
}

// eachStream fails unless ok holds for the cluster information of every replicated stream.
func (c *cluster) eachStream(ctx context.Context, ok func(*jetstream.ClusterInfo) bool) error {
	for _, name := range clusterStreams {
		s, err := c.js.Stream(ctx, name)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		info, err := s.Info(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if info.Cluster == nil || !ok(info.Cluster) {
			return fmt.Errorf("%s: cluster %+v", name, info.Cluster)
		}
	}
	return nil
}

// clusterStreams are the replicated streams, the buckets' included.
var clusterStreams = []string{claimwire.StreamArticles, claimwire.StreamClaims, claimwire.StreamCrawl,
	"KV_" + claimwire.BucketCrawlLeases, "KV_" + claimwire.BucketCrawlState, "KV_" + claimwire.BucketFactLinks}

// api is the base URL of a role process's HTTP server.
func (c *cluster) api(name string) string {
	return fmt.Sprintf("http://127.0.0.1:%d", c.httpPorts[name])
}
