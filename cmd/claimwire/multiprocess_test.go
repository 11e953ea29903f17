package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/crawler/article"
	"github.com/claimwire/claimwire/extractor"
	"github.com/claimwire/claimwire/internal/loadsite"
)

// The test binary doubles as the claimwire binary: with this variable set it runs main, so the
// multi-process test starts real OS processes without a separate build.
const runMainEnv = "CLAIMWIRE_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
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
		for _, c := range claimwire.NewClaims(&a, ex.Extract(a.Title+"\n\n"+a.Text, a.Lang)) {
			ids[c.ID] = true
		}
	}
	return ids
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

type proc struct {
	name string
	cmd  *exec.Cmd
	log  *os.File
}

func startProc(t *testing.T, dir, name string, args ...string) *proc {
	t.Helper()
	logFile, err := os.OpenFile(filepath.Join(dir, name+".log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &proc{name: name, cmd: cmd, log: logFile}
}

func (p *proc) kill(t *testing.T, sig syscall.Signal) {
	t.Helper()
	_ = p.cmd.Process.Signal(sig)
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

	dir := t.TempDir()
	natsPort, httpPort := freePort(t), freePort(t)
	cfgPath := filepath.Join(dir, "claimwire.yaml")
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
  delay: 25ms # slow enough that the kills and the NATS restart land mid-crawl
  random_delay: 0s
  parallelism: 1
  feed_interval: 2s
  allow_private_addresses: true
  sources:
    - kind: start
      url: %s/
      max_depth: 1
index:
  batch_size: 200
  batch_wait: 100ms
  ack_wait: 5s # what a killed indexer had in hand comes back after this
extract:
  ack_wait: 5s
`, natsPort, httpPort, site.URL)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	natsDir := filepath.Join(dir, "nats")
	startNATS := func() *proc {
		p := startProc(t, dir, "nats", "nats", "--port", fmt.Sprint(natsPort), "--data", natsDir)
		deadline := time.Now().Add(15 * time.Second)
		for {
			if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", natsPort)); err == nil {
				c.Close()
				return p
			}
			if time.Now().After(deadline) {
				t.Fatal("standalone NATS did not start")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	role := func(name string) *proc {
		return startProc(t, dir, name, "run", "--config", cfgPath, "--roles", name)
	}
	// Each role keeps its own data directory, as on separate machines; only the indexer
	// serves the API on the known port.
	withDataDir := func(name string) {
		t.Setenv("CLAIMWIRE_DATA_DIR", filepath.Join(dir, name))
		addr := "127.0.0.1:0"
		if name == "indexer" {
			addr = fmt.Sprintf("127.0.0.1:%d", httpPort)
		}
		t.Setenv("CLAIMWIRE_HTTP_ADDR", addr)
	}

	natsProc := startNATS()
	withDataDir("indexer")
	indexerProc := role("indexer")
	withDataDir("extractor")
	extractorProc := role("extractor")
	withDataDir("crawler")
	crawlerProc := role("crawler")
	api := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	waitHTTP(t, api+"/healthz", 30*time.Second)
	defer func() {
		for _, p := range []*proc{crawlerProc, extractorProc, indexerProc, natsProc} {
			p.kill(t, syscall.SIGTERM)
		}
		if t.Failed() || os.Getenv("CLAIMWIRE_TEST_LOGS") != "" {
			for _, name := range []string{"nats", "crawler", "extractor", "indexer"} {
				data, _ := os.ReadFile(filepath.Join(dir, name+".log"))
				t.Logf("--- %s log (tail):\n%s", name, tail(data, 4000))
			}
		}
	}()

	count := func() int {
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
	waitCount := func(atLeast int, d time.Duration) {
		deadline := time.Now().Add(d)
		for count() < atLeast {
			if time.Now().After(deadline) {
				t.Fatalf("index holds %d claims after %s, want at least %d", count(), d, atLeast)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	// Mid-stream: some claims are indexed, most are still to come.
	start := time.Now()
	step := func(what string) {
		t.Logf("%6.2fs %s (index holds %d of %d claims)", time.Since(start).Seconds(), what, count(), len(want))
	}
	waitCount(1, 60*time.Second)
	step("SIGKILL extractor")
	extractorProc.kill(t, syscall.SIGKILL)
	withDataDir("extractor")
	extractorProc = role("extractor")

	waitCount(len(want)/4, 90*time.Second)
	step("SIGKILL indexer")
	indexerProc.kill(t, syscall.SIGKILL)
	withDataDir("indexer")
	indexerProc = role("indexer")
	waitHTTP(t, api+"/healthz", 30*time.Second)

	step("restart NATS")
	natsProc.kill(t, syscall.SIGTERM)
	time.Sleep(500 * time.Millisecond)
	natsProc = startNATS()

	// Everything arrives, and nothing twice: the index holds exactly the expected claims.
	deadline := time.Now().Add(3 * time.Minute)
	for count() != len(want) {
		if time.Now().After(deadline) {
			t.Fatalf("index holds %d claims, want exactly %d", count(), len(want))
		}
		time.Sleep(200 * time.Millisecond)
	}
	step("all expected claims indexed")
	time.Sleep(2 * time.Second) // a late duplicate would show up now
	if n := count(); n != len(want) {
		t.Fatalf("index holds %d claims after settling, want exactly %d", n, len(want))
	}
	for id := range want {
		resp, err := http.Get(api + "/api/claims/" + id)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("expected claim %s: %s", id, resp.Status)
		}
	}
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return bytes.TrimSpace(b)
}
