package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/crawler/article"
	"github.com/claimwire/claimwire/extractor"
	"github.com/claimwire/claimwire/internal/loadsite"
)

// binDir holds the claimwire binary that the tests run as child processes, built once per
// package run by claimwireBinary.
var binDir string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "claimwire-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binDir = dir
	return m.Run()
}

// claimwireBinary builds the binary the child-process tests run, the first time one asks. It is
// built as the Dockerfile builds it, so these tests run what ships and the deploy test's build of
// it comes from the build cache. It has no race detector: the race-enabled test binary as child
// made the multi-process tests five times slower, and the in-process daemon tests run the same
// code under -race.
var claimwireBinary = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(binDir, "claimwire")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
})

// claimwireCommand is claimwire with args as a child process.
func claimwireCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := claimwireBinary()
	if err != nil {
		t.Fatal(err)
	}
	return exec.Command(bin, args...)
}

// expectedClaimIDs runs the pure libraries over the pages the way the pipeline does.
func expectedClaimIDs(t *testing.T, base string, site *loadsite.Site) map[string]bool {
	t.Helper()
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, path := range site.ArticlePaths() {
		a, err := article.Parse(site.Pages[path], "text/html; charset=utf-8", base+path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range claimwire.NewClaims(&a, ex.ExtractArticle(&a)) {
			ids[c.ID] = true
		}
	}
	return ids
}

// freePort returns a loopback TCP port that was free a moment ago, below Linux's ephemeral
// range (32768 and up): a process restarted on its port, as the cluster test restarts a NATS
// node, could otherwise find it taken by the local end of some outgoing connection.
func freePort(t *testing.T) int {
	t.Helper()
	handedMu.Lock()
	defer handedMu.Unlock()
	for range 1000 {
		p := 20000 + rand.IntN(12000)
		if handed[p] {
			continue
		}
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			continue
		}
		ln.Close()
		handed[p] = true
		return p
	}
	t.Fatal("no free loopback port between 20000 and 32000")
	return 0
}

// handed are the ports freePort returned, none of which it returns twice.
var (
	handedMu sync.Mutex
	handed   = map[int]bool{}
)

type proc struct {
	name string
	cmd  *exec.Cmd
	log  *os.File
}

// startProc runs claimwire with args and env added to the test's, its output appended to
// dir/name.log.
func startProc(t *testing.T, dir, name string, env []string, args ...string) *proc {
	t.Helper()
	logFile, err := os.OpenFile(filepath.Join(dir, name+".log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := claimwireCommand(t, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &proc{name: name, cmd: cmd, log: logFile}
}

// wait waits for the process to exit after a signal, killing it after 40 s.
func (p *proc) wait(t *testing.T, sig syscall.Signal) {
	t.Helper()
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(40 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
		t.Errorf("%s did not exit within 40s of %v", p.name, sig)
	}
	p.log.Close()
}

func waitHTTP(t *testing.T, url string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s not ready after %s", url, d)
}

// pipeline runs a standalone NATS server and the crawler, extractor and indexer roles as
// separate claimwire processes. Each role keeps its own data directory, as on separate
// machines; only the indexer serves the API, on a known port.
type pipeline struct {
	t                  *testing.T
	dir, cfgPath, api  string
	natsPort, httpPort int
	procs              map[string]*proc
}

// pipelineNames are the processes of a pipeline, in the order they stop.
var pipelineNames = []string{"crawler", "extractor", "indexer", "nats"}

// newPipeline writes the configuration, crawl being its crawl section (YAML lines indented
// by two spaces). Processes still running when the test ends get a SIGTERM, and their logs are
// shown if it failed.
func newPipeline(t *testing.T, crawl string) *pipeline {
	t.Helper()
	p := &pipeline{t: t, dir: t.TempDir(), natsPort: freePort(t), httpPort: freePort(t), procs: make(map[string]*proc)}
	p.cfgPath = filepath.Join(p.dir, "claimwire.yaml")
	p.api = fmt.Sprintf("http://127.0.0.1:%d", p.httpPort)
	cfg := fmt.Sprintf(`
nats:
  url: nats://127.0.0.1:%d
log:
  level: info
  format: text
http:
  addr: 127.0.0.1:%d
shutdown_timeout: 20s
crawl:
%s
index:
  batch_size: 200
  batch_wait: 100ms
  ack_wait: 5s # what a killed indexer had in hand comes back after this
extract:
  ack_wait: 5s
`, p.natsPort, p.httpPort, strings.TrimRight(crawl, "\n"))
	if err := os.WriteFile(p.cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.kill(syscall.SIGTERM, pipelineNames...)
		if t.Failed() || os.Getenv("CLAIMWIRE_TEST_LOGS") != "" {
			for _, name := range pipelineNames {
				data, _ := os.ReadFile(filepath.Join(p.dir, name+".log"))
				t.Logf("--- %s log (tail):\n%s", name, tail(data, 4000))
			}
		}
	})
	return p
}

// start starts "nats" or a role on its data directory and waits until NATS accepts
// connections or the indexer answers /healthz.
func (p *pipeline) start(name string) {
	t := p.t
	t.Helper()
	if name == "nats" {
		p.procs[name] = startProc(t, p.dir, name, nil, "nats", "--port", fmt.Sprint(p.natsPort), "--data", filepath.Join(p.dir, "nats"))
		deadline := time.Now().Add(15 * time.Second)
		for {
			if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p.natsPort)); err == nil {
				c.Close()
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("standalone NATS did not start")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	addr := "127.0.0.1:0"
	if name == "indexer" {
		addr = fmt.Sprintf("127.0.0.1:%d", p.httpPort)
	}
	p.procs[name] = startProc(t, p.dir, name, []string{"CLAIMWIRE_DATA_DIR=" + filepath.Join(p.dir, name), "CLAIMWIRE_HTTP_ADDR=" + addr},
		"run", "--config", p.cfgPath, "--roles", name)
	if name == "indexer" {
		waitHTTP(t, p.api+"/healthz", 30*time.Second)
	}
}

// kill sends sig to the named processes at once, then waits for them to exit.
func (p *pipeline) kill(sig syscall.Signal, names ...string) {
	p.t.Helper()
	var stopped []*proc
	for _, name := range names {
		if pr := p.procs[name]; pr != nil {
			_ = pr.cmd.Process.Signal(sig)
			stopped = append(stopped, pr)
			delete(p.procs, name)
		}
	}
	for _, pr := range stopped {
		pr.wait(p.t, sig)
	}
}

// count returns how many claims the index holds, -1 when the API does not answer.
func (p *pipeline) count() int { return claimCount(p.api) }

// claimCount returns how many claims the indexer serving api holds, -1 when it does not answer.
func claimCount(api string) int {
	resp, err := http.Get(api + "/api/claims?size=1")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var res struct {
		Total int `json:"total"`
	}
	if json.NewDecoder(resp.Body).Decode(&res) != nil {
		return -1
	}
	return res.Total
}

func (p *pipeline) waitCount(atLeast int, d time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(d)
	for p.count() < atLeast {
		if time.Now().After(deadline) {
			p.t.Fatalf("index holds %d claims after %s, want at least %d", p.count(), d, atLeast)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSeparateProcessesSurviveKills runs NATS, crawler, extractor and indexer as separate OS
// processes, SIGKILLs the extractor and the indexer mid-stream and restarts NATS; at the end
// every expected claim is in the index exactly once.
func TestSeparateProcessesSurviveKills(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped with -short")
	}
	const articles = 300
	gen := loadsite.New(articles)
	site := httptest.NewServer(gen)
	defer site.Close()
	want := expectedClaimIDs(t, site.URL, gen)
	if len(want) < 3*articles {
		t.Fatalf("the generated site yields %d claims, want at least %d: the extractor misses the site's figures", len(want), 3*articles)
	}

	p := newPipeline(t, fmt.Sprintf(`
  delay: 25ms # slow enough that the kills and the NATS restart land mid-crawl
  random_delay: 0s
  parallelism: 1
  feed_interval: 2s
  allow_private_addresses: true
  sources:
    - kind: start
      url: %s/
      max_depth: 1
`, site.URL))
	for _, name := range []string{"nats", "indexer", "extractor", "crawler"} {
		p.start(name)
	}

	// Mid-stream: some claims are indexed, most are still to come.
	start := time.Now()
	step := func(what string) {
		t.Logf("%6.2fs %s (index holds %d of %d claims)", time.Since(start).Seconds(), what, p.count(), len(want))
	}
	p.waitCount(1, 60*time.Second)
	step("SIGKILL extractor")
	p.kill(syscall.SIGKILL, "extractor")
	p.start("extractor")

	p.waitCount(len(want)/4, 90*time.Second)
	step("SIGKILL indexer")
	p.kill(syscall.SIGKILL, "indexer")
	p.start("indexer")
	// NATS restarts under a consuming indexer, not one still creating its consumer, which
	// fails its start for good (a supervisor would restart it; this test does not).
	p.waitCount(p.count()+1, 60*time.Second)

	step("restart NATS")
	p.kill(syscall.SIGTERM, "nats")
	time.Sleep(500 * time.Millisecond)
	p.start("nats")

	// Everything arrives, and nothing twice: the index holds exactly the expected claims.
	deadline := time.Now().Add(3 * time.Minute)
	for p.count() != len(want) {
		if time.Now().After(deadline) {
			t.Fatalf("index holds %d claims, want exactly %d", p.count(), len(want))
		}
		time.Sleep(200 * time.Millisecond)
	}
	step("all expected claims indexed")
	time.Sleep(2 * time.Second) // a late duplicate would show up now
	if n := p.count(); n != len(want) {
		t.Fatalf("index holds %d claims after settling, want exactly %d", n, len(want))
	}
	checkClaims(t, p.api, want)
}

// checkClaims fails the test unless the indexer serving api holds each wanted claim; with its
// count equal to len(want), it holds exactly those.
// checkClaims fails unless api serves every claim of want, and returns the fact of each.
func checkClaims(t *testing.T, api string, want map[string]bool) map[string]string {
	t.Helper()
	facts := make(map[string]string, len(want))
	for id := range want {
		resp, err := http.Get(api + "/api/claims/" + id)
		if err != nil {
			t.Fatal(err)
		}
		var h struct {
			Fact string `json:"fact"`
		}
		err = json.NewDecoder(resp.Body).Decode(&h)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("%s: expected claim %s: %s %v", api, id, resp.Status, err)
		}
		facts[id] = h.Fact
	}
	return facts
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return bytes.TrimSpace(b)
}
