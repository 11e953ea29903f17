package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/crawler"
	"github.com/claimwire/claimwire/internal/config"
)

// TestClusterReplicatedStreams runs the pipeline against a three-node JetStream cluster with
// replicated streams, as deploy/docker-compose.yml does: the streams and the consumers get three
// replicas and every claim is indexed once. Then the node the daemon is connected to, made the
// leader of both streams first, shuts down: the daemon reconnects, stays ready and searchable,
// and indexes what a crawler started on the remaining two nodes publishes.
func TestClusterReplicatedStreams(t *testing.T) {
	// Usually a few seconds; the margin covers a JetStream meta election that needs a second
	// round (5 to 10 s), a pull lost while the cluster settles, re-issued after two missed
	// heartbeats (bus.Consume), and a machine busy with the other packages' tests (once 90 s
	// were not enough there).
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	start := time.Now()
	servers := startCluster(ctx, t, 3)
	urls := make([]string, len(servers))
	for i, s := range servers {
		urls[i] = s.ClientURL()
	}

	site := testSite(t)
	cfg := config.Local(t.TempDir(), "127.0.0.1:0",
		crawler.Source{Kind: crawler.KindStart, URL: site.URL + "/2025/03/giga-usines-candidatures", MaxDepth: 1})
	cfg.NATS.URL = strings.Join(urls, ",")
	cfg.NATS.Streams.Replicas = 3
	// A delivery lost with a node is redelivered after AckWait, a minute by default.
	cfg.Extract.Config.AckWait, cfg.Index.Config.AckWait = 5*time.Second, 5*time.Second
	d, err := Start(ctx, cfg, Options{CrawlOnce: true}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, d)
	js := d.bus.JS
	waitCrawl(ctx, t, d)
	if st := d.CrawlStats(); st.Published != 1 {
		t.Fatalf("published %d articles, want 1 (stats %+v)", st.Published, st)
	}
	waitProcessed(ctx, t, js)
	if err := d.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{claimwire.StreamArticles, claimwire.StreamClaims, claimwire.StreamDeadLetter, claimwire.StreamReviews} {
		info := streamInfo(ctx, t, js, name)
		if info.Config.Replicas != 3 || info.Cluster == nil || info.Cluster.Leader == "" || len(info.Cluster.Replicas) != 2 {
			t.Errorf("stream %s: %d replicas, cluster %+v, want 3 replicas: a leader and 2 followers", name, info.Config.Replicas, info.Cluster)
		}
	}
	for _, c := range pipelineConsumers() {
		// A consumer on one node would stop its stage with that node, replicated stream or not.
		info, err := consumerInfo(ctx, js, c.stream, c.name)
		if err != nil {
			t.Fatal(err)
		}
		if info.Cluster == nil || info.Cluster.Leader == "" || len(info.Cluster.Replicas) != 2 {
			t.Errorf("consumer %s/%s: cluster %+v, want a leader and 2 followers", c.stream, c.name, info.Cluster)
		}
	}
	if t.Failed() {
		t.FailNow() // without three replicas, the rest would only time out
	}
	n := indexedClaims(ctx, t, d, 1)
	t.Logf("three nodes up and the first article indexed in %.1fs", time.Since(start).Seconds())
	base := "http://" + d.Addr()
	if res := search(t, base, "propositions giga-usines"); !hasValue(res.Claims, 48) {
		t.Errorf("claim 48 proposals not found in %+v", res.Claims)
	}

	// Shut down the node the daemon is connected to, leading both streams: the daemon has to
	// reconnect, and both streams to elect a leader on another node. The consumers are led
	// from a node that stays: when their leader goes down together with the daemon's
	// connection, the pull the extractor or indexer re-issues on reconnecting is sometimes
	// lost, and the stage waits for two missed heartbeats before it pulls again.
	victim := d.bus.Conn.ConnectedServerName()
	var survivors []*server.Server
	for _, s := range servers {
		if s.Name() != victim {
			survivors = append(survivors, s)
		}
	}
	if len(survivors) != 2 {
		t.Fatalf("daemon connected to %q, not one of the cluster's nodes", victim)
	}
	moveLeaders(ctx, t, d.bus.Conn, js, victim, survivors[0].Name())
	for _, s := range servers {
		if s.Name() == victim {
			t.Logf("shutting down %s: the daemon's server and the streams' leader, meta leader %v", victim, s.JetStreamIsLeader())
			s.Shutdown()
			s.WaitForShutdown()
		}
	}
	shutAt := time.Now()
	// Every stream, not only the two moved: a crawler starting next creates or updates them all.
	waitFor(ctx, t, "the daemon to reconnect and the streams and consumers to have leaders on the remaining nodes", func(ctx context.Context) error {
		if !d.bus.Conn.IsConnected() {
			return errors.New("daemon not connected")
		}
		for _, name := range []string{claimwire.StreamArticles, claimwire.StreamClaims, claimwire.StreamDeadLetter, claimwire.StreamReviews} {
			s, err := js.Stream(ctx, name)
			if err != nil {
				return fmt.Errorf("stream %s: %w", name, err)
			}
			if err := leaderOther(s.CachedInfo().Cluster, victim); err != nil {
				return fmt.Errorf("stream %s: %w", name, err)
			}
		}
		for _, c := range pipelineConsumers() {
			info, err := consumerInfo(ctx, js, c.stream, c.name)
			if err != nil {
				return err
			}
			if err := leaderOther(info.Cluster, victim); err != nil {
				return fmt.Errorf("consumer %s/%s: %w", c.stream, c.name, err)
			}
		}
		return nil
	})
	t.Logf("reconnected, every stream and consumer led by the remaining nodes %.1fs after the shutdown", time.Since(shutAt).Seconds())
	if code := httpStatus(ctx, t, base+"/readyz"); code != http.StatusOK {
		t.Errorf("GET /readyz with 2 of 3 nodes: %d", code)
	}
	if res := search(t, base, "propositions giga-usines"); !hasValue(res.Claims, 48) {
		t.Errorf("with 2 of 3 nodes, claim 48 proposals not found in %+v", res.Claims)
	}

	// A crawler started now, configured with all three nodes like the daemon, publishes a new
	// article through the remaining two; the daemon extracts and indexes it.
	ccfg := config.Local(t.TempDir(), "127.0.0.1:0",
		crawler.Source{Kind: crawler.KindStart, URL: site.URL + "/2025/04/data-centre-power", MaxDepth: 1})
	ccfg.Roles = []string{config.RoleCrawler}
	ccfg.NATS = cfg.NATS
	crawlerOnly, err := Start(ctx, ccfg, Options{CrawlOnce: true}, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, crawlerOnly)
	waitCrawl(ctx, t, crawlerOnly)
	if st := crawlerOnly.CrawlStats(); st.Published != 1 {
		t.Fatalf("with 2 of 3 nodes, published %d articles, want 1 (stats %+v)", st.Published, st)
	}
	waitProcessed(ctx, t, js)
	if err := d.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	if n2 := indexedClaims(ctx, t, d, 2); n2 <= n {
		t.Errorf("with 2 of 3 nodes, the index went from %d to %d claims, want more", n, n2)
	}
	if res := search(t, base, "unit:EUR"); !hasValue(res.Claims, 12e9) || !hasValue(res.Claims, 30e9) {
		t.Errorf("EUR claims = %+v, want 12 milliards d'euros from before the shutdown and €30bn from after", res.Claims)
	}
}

type consumerRef struct{ stream, name string }

// pipelineConsumers are the durable consumers the pipeline's stages share, in pipeline order.
func pipelineConsumers() []consumerRef {
	return []consumerRef{
		{claimwire.StreamArticles, claimwire.ConsumerExtractor},
		{claimwire.StreamClaims, claimwire.ConsumerIndexer},
	}
}

// moveLeaders asks the ARTICLES and CLAIMS streams and the pipeline's consumers to step down
// until server streamsTo leads both streams and server consumersTo both consumers.
func moveLeaders(ctx context.Context, t *testing.T, nc *nats.Conn, js jetstream.JetStream, streamsTo, consumersTo string) {
	t.Helper()
	type group struct {
		subject, to string
		leader      func(context.Context) (*jetstream.ClusterInfo, error)
	}
	var groups []group
	for _, name := range []string{claimwire.StreamArticles, claimwire.StreamClaims} {
		groups = append(groups, group{fmt.Sprintf(server.JSApiStreamLeaderStepDownT, name), streamsTo,
			func(ctx context.Context) (*jetstream.ClusterInfo, error) {
				s, err := js.Stream(ctx, name)
				if err != nil {
					return nil, err
				}
				return s.CachedInfo().Cluster, nil
			}})
	}
	for _, c := range pipelineConsumers() {
		groups = append(groups, group{fmt.Sprintf(server.JSApiConsumerLeaderStepDownT, c.stream, c.name), consumersTo,
			func(ctx context.Context) (*jetstream.ClusterInfo, error) {
				info, err := consumerInfo(ctx, js, c.stream, c.name)
				if err != nil {
					return nil, err
				}
				return info.Cluster, nil
			}})
	}
	for _, g := range groups {
		req, err := json.Marshal(server.JSApiLeaderStepdownRequest{Placement: &server.Placement{Preferred: g.to}})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, "leader "+g.to+" after "+g.subject, func(ctx context.Context) error {
			ci, err := g.leader(ctx)
			if err != nil {
				return err
			}
			if ci == nil {
				return errors.New("no cluster info")
			}
			if ci.Leader == g.to {
				return nil
			}
			msg, err := nc.RequestWithContext(ctx, g.subject, req)
			if err != nil {
				return err
			}
			var resp struct {
				Error *server.ApiError `json:"error"`
			}
			if err := json.Unmarshal(msg.Data, &resp); err != nil {
				return fmt.Errorf("%s: %w", msg.Data, err)
			}
			if resp.Error != nil {
				return resp.Error
			}
			return fmt.Errorf("leader was %s, stepped down", ci.Leader)
		})
	}
}

// startCluster starts n JetStream servers in this process, clustered over loopback routes, and
// waits until they have elected a meta leader that sees every server.
func startCluster(ctx context.Context, t *testing.T, n int) []*server.Server {
	t.Helper()
	// Every server lists every route, its own included as nats-server's own cluster tests do,
	// so the ports are chosen before any server starts.
	ports := freePorts(t, n)
	routes := make([]string, n)
	for i, p := range ports {
		routes[i] = fmt.Sprintf("nats-route://127.0.0.1:%d", p)
	}
	servers := make([]*server.Server, n)
	for i := range n {
		s, err := server.NewServer(&server.Options{
			ServerName: fmt.Sprintf("n%d", i+1),
			Host:       "127.0.0.1",
			Port:       -1,
			JetStream:  true,
			StoreDir:   t.TempDir(),
			NoSigs:     true,
			NoLog:      true,
			Cluster:    server.ClusterOpts{Name: "claimwire-test", Host: "127.0.0.1", Port: ports[i]},
			Routes:     server.RoutesFromStr(strings.Join(routes, ",")),
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			s.Shutdown()
			s.WaitForShutdown()
		})
		s.Start()
		if !s.ReadyForConnections(10 * time.Second) {
			t.Fatalf("server %s not ready for connections", s.Name())
		}
		servers[i] = s
	}
	waitFor(ctx, t, "a JetStream meta leader that sees all servers", func(context.Context) error {
		var leader *server.Server
		for _, s := range servers {
			if s.JetStreamIsLeader() {
				leader = s
			}
			if !s.JetStreamIsCurrent() {
				return fmt.Errorf("server %s not current", s.Name())
			}
		}
		if leader == nil {
			return errors.New("no meta leader")
		}
		// Peers count once the leader has their JetStream stats, which stream placement needs.
		if peers := leader.JetStreamClusterPeers(); len(peers) != n {
			return fmt.Errorf("meta leader %s sees peers %v", leader.Name(), peers)
		}
		return nil
	})
	return servers
}

// freePorts returns n distinct loopback TCP ports that were free a moment ago.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	ports := make([]int, n)
	for i := range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		// Held until all are chosen, so that none comes twice.
		defer ln.Close()
		ports[i] = ln.Addr().(*net.TCPAddr).Port
	}
	return ports
}

// waitFor polls check until it returns nil, and fails the test with its last error when ctx
// ends. Each call of check has a second: a JetStream request to a group without a leader
// goes unanswered until its context ends.
func waitFor(ctx context.Context, t *testing.T, what string, check func(context.Context) error) {
	t.Helper()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		attempt, cancel := context.WithTimeout(ctx, time.Second)
		err := check(attempt)
		cancel()
		if err == nil {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v (last: %v)", what, ctx.Err(), err)
		case <-tick.C:
		}
	}
}

// waitCrawl waits until d's crawler has finished its pass.
func waitCrawl(ctx context.Context, t *testing.T, d *Daemon) {
	t.Helper()
	select {
	case <-d.CrawlDone():
	case <-ctx.Done():
		t.Fatalf("crawl not finished: %v (stats %+v)", ctx.Err(), d.CrawlStats())
	}
}

// waitProcessed waits until the extractor has acked every article in ARTICLES, then the indexer
// every claim in CLAIMS. Unlike pending counts, which a consumer leader computes from its own
// replica of the stream, possibly a step behind the stream leader, ack floors only move past
// messages that have been delivered and acked.
func waitProcessed(ctx context.Context, t *testing.T, js jetstream.JetStream) {
	t.Helper()
	for _, c := range pipelineConsumers() {
		waitFor(ctx, t, c.name+" to ack all of "+c.stream, func(ctx context.Context) error {
			s, err := js.Stream(ctx, c.stream)
			if err != nil {
				return err
			}
			info, err := consumerInfo(ctx, js, c.stream, c.name)
			if err != nil {
				return err
			}
			last := s.CachedInfo().State.LastSeq
			if info.AckFloor.Stream < last {
				return fmt.Errorf("acked up to %d of %d", info.AckFloor.Stream, last)
			}
			return nil
		})
	}
}

// indexedClaims checks that ARTICLES holds articles messages, that CLAIMS holds every claim
// once, and that the index holds exactly those claims; it returns their number.
func indexedClaims(ctx context.Context, t *testing.T, d *Daemon, articles uint64) uint64 {
	t.Helper()
	if got := streamInfo(ctx, t, d.bus.JS, claimwire.StreamArticles).State.Msgs; got != articles {
		t.Errorf("ARTICLES holds %d messages, want %d", got, articles)
	}
	stream, err := d.bus.JS.Stream(ctx, claimwire.StreamClaims)
	if err != nil {
		t.Fatal(err)
	}
	state := stream.CachedInfo().State
	ids := make(map[string]bool)
	for seq := state.FirstSeq; seq != 0 && seq <= state.LastSeq; seq++ {
		msg, err := stream.GetMsg(ctx, seq)
		if err != nil {
			t.Fatalf("CLAIMS message %d: %v", seq, err)
		}
		ids[msg.Header.Get(jetstream.MsgIDHeader)] = true
	}
	if uint64(len(ids)) != state.Msgs {
		t.Errorf("CLAIMS holds %d messages with %d distinct claim ids, want each claim once", state.Msgs, len(ids))
	}
	n, err := d.Index().Count()
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n != uint64(len(ids)) {
		t.Errorf("index holds %d claims, CLAIMS %d: want the same number, not 0", n, len(ids))
	}
	return n
}

// streamInfo fetches the current info of stream name.
func streamInfo(ctx context.Context, t *testing.T, js jetstream.JetStream, name string) *jetstream.StreamInfo {
	t.Helper()
	s, err := js.Stream(ctx, name)
	if err != nil {
		t.Fatalf("stream %s: %v", name, err)
	}
	return s.CachedInfo()
}

// leaderOther reports an error unless the group has a leader other than server gone.
func leaderOther(ci *jetstream.ClusterInfo, gone string) error {
	switch {
	case ci == nil:
		return errors.New("no cluster info")
	case ci.Leader == "":
		return errors.New("no leader")
	case ci.Leader == gone:
		return fmt.Errorf("leader still %s", gone)
	}
	return nil
}

// httpStatus returns the status of a GET of url.
func httpStatus(ctx context.Context, t *testing.T, url string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode
}

// testLogger discards the daemon's logs unless the test runs with -v.
func testLogger() *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
