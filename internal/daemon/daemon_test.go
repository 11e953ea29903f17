package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/crawler"
	idxworker "github.com/claimwire/claimwire/indexer/worker"
	"github.com/claimwire/claimwire/internal/config"
)

// testSite serves testdata/site on loopback: a home page linking to two articles.
func testSite(t *testing.T) *httptest.Server {
	t.Helper()
	pages := map[string]string{
		"/":                                 "index.html",
		"/2025/03/giga-usines-candidatures": "giga.html",
		"/2025/04/data-centre-power":        "power.html",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join("testdata", "site", name))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func testConfig(t *testing.T, dataDir, siteURL string) config.Config {
	t.Helper()
	return config.Local(dataDir, "127.0.0.1:0", crawler.Source{Kind: crawler.KindStart, URL: siteURL + "/"})
}

type apiClaim struct {
	ID        string   `json:"id"`
	Surface   string   `json:"surface"`
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Sentence  string   `json:"sentence"`
	Metric    string   `json:"metric"`
	URL       string   `json:"url"`
	Title     string   `json:"title"`
	Published string   `json:"published"`
	Lang      string   `json:"lang"`
}

type apiResult struct {
	Total  int        `json:"total"`
	Claims []apiClaim `json:"claims"`
}

func search(t *testing.T, base, query string) apiResult {
	t.Helper()
	resp, err := http.Get(base + "/api/claims?size=100&q=" + url.QueryEscape(query))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/claims?q=%s: %s: %s", query, resp.Status, body)
	}
	var res apiResult
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return res
}

func runOnce(t *testing.T, cfg config.Config) (*Daemon, crawler.Stats, uint64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	d, err := Start(ctx, cfg, Options{CrawlOnce: true}, logger)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := d.Index().Count()
	if err != nil {
		t.Fatal(err)
	}
	return d, d.CrawlStats(), n
}

func stop(t *testing.T, d *Daemon) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestEndToEnd runs loopback site → crawler → embedded JetStream → extractor → indexer → HTTP,
// then restarts on the same data directory: nothing is lost and a second crawl adds nothing.
func TestEndToEnd(t *testing.T) {
	site := testSite(t)
	dataDir := t.TempDir()
	cfg := testConfig(t, dataDir, site.URL)

	d, st, n := runOnce(t, cfg)
	if st.Published != 2 {
		t.Errorf("published %d articles, want 2 (stats %+v)", st.Published, st)
	}
	if n == 0 {
		t.Fatal("no claims indexed")
	}
	base := "http://" + d.Addr()

	res := search(t, base, "propositions giga-usines")
	var found *apiClaim
	for i, c := range res.Claims {
		if c.Value == 48 {
			found = &res.Claims[i]
		}
	}
	if found == nil {
		t.Fatalf("claim 48 proposals not found in %+v", res.Claims)
	}
	wantURL := site.URL + "/2025/03/giga-usines-candidatures"
	if found.URL != wantURL || found.Lang != "fr" || found.Unit != "proposals" ||
		!strings.Contains(found.Sentence, "48 propositions") || found.Title == "" || !strings.HasPrefix(found.Published, "2025-03-14") {
		t.Errorf("claim = %+v, want 48 proposals from %s in French, published 2025-03-14", found, wantURL)
	}
	money := search(t, base, "unit:EUR")
	if !hasValue(money.Claims, 12e9) || !hasValue(money.Claims, 30e9) {
		t.Errorf("EUR claims = %+v, want 12 milliards d'euros and €30bn", money.Claims)
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", path, resp.Status)
		}
	}
	stop(t, d)

	// Same data directory: the index and the crawl state survive, a re-crawl adds no duplicate.
	d, st, n2 := runOnce(t, cfg)
	defer stop(t, d)
	if n2 != n {
		t.Errorf("after restart and re-crawl: %d claims, want %d", n2, n)
	}
	// The crawl state survived too: known articles are not even fetched again.
	if st.Published != 0 || st.SkippedByReason["known"] != 2 {
		t.Errorf("re-crawl published %d articles and skipped %d as known, want 0 and 2 (stats %+v)", st.Published, st.SkippedByReason["known"], st)
	}
	again := search(t, "http://"+d.Addr(), "propositions giga-usines")
	if !hasValue(again.Claims, 48) {
		t.Errorf("claim 48 lost after restart: %+v", again.Claims)
	}
}

func hasValue(cs []apiClaim, v float64) bool {
	for _, c := range cs {
		if c.Value == v {
			return true
		}
	}
	return false
}

// TestReindexSwapsWithoutDowntime rebuilds the index from the CLAIMS stream through the admin
// API while a client keeps searching: every search succeeds, the rebuilt index holds the same
// claims, and the rebuilt index is the one that survives a restart.
func TestReindexSwapsWithoutDowntime(t *testing.T) {
	site := testSite(t)
	cfg := testConfig(t, t.TempDir(), site.URL)
	cfg.HTTP.APIToken = "tok"
	d, _, n := runOnce(t, cfg)
	base := "http://" + d.Addr()
	before := search(t, base, "propositions giga-usines")

	stopSearching := make(chan struct{})
	searchErrs := make(chan error, 1)
	go func() {
		defer close(searchErrs)
		for {
			select {
			case <-stopSearching:
				return
			default:
			}
			resp, err := http.Get(base + "/api/claims?q=puces")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("search during reindex: %s", resp.Status)
				}
			}
			if err != nil {
				searchErrs <- err
				return
			}
		}
	}()
	if code, _ := adminCall(t, http.MethodPost, base+"/api/admin/reindex", "tok", ""); code != http.StatusAccepted {
		t.Fatalf("POST reindex: %d", code)
	}
	deadline := time.Now().Add(time.Minute)
	var st idxworker.RebuildStatus
	for {
		st = d.reindex.rebuilder.Status()
		if !st.Running && !st.Finished.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("reindex did not finish")
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(stopSearching)
	if err := <-searchErrs; err != nil {
		t.Error(err)
	}
	if st.Error != "" || st.Indexed != n {
		t.Fatalf("reindex status %+v, want %d claims and no error", st, n)
	}
	if m, _ := d.Index().Count(); m != n {
		t.Errorf("after reindex: %d claims, want %d", m, n)
	}
	after := search(t, base, "propositions giga-usines")
	if after.Total != before.Total {
		t.Errorf("search after reindex: %d hits, want %d", after.Total, before.Total)
	}
	gens, _ := filepath.Glob(filepath.Join(cfg.Index.Dir, "gen-*"))
	if len(gens) != 1 {
		t.Errorf("generations on disk after the swap: %v, want one", gens)
	}
	stop(t, d)

	d, _, n2 := runOnce(t, cfg)
	defer stop(t, d)
	if n2 != n {
		t.Errorf("after restart: %d claims, want %d", n2, n)
	}
}

// TestAddSourceThroughAPI adds a crawl source with the write token; it is listed, refused a
// second time, and still there after a restart.
func TestAddSourceThroughAPI(t *testing.T) {
	site := testSite(t)
	cfg := testConfig(t, t.TempDir(), site.URL)
	cfg.HTTP.APIToken = "tok"
	d, _, _ := runOnce(t, cfg)
	base := "http://" + d.Addr()
	body := `{"kind":"start","url":"` + site.URL + `/2025/04/data-centre-power","max_depth":1}`
	for _, tc := range []struct {
		token, body string
		want        int
	}{
		{"", body, http.StatusUnauthorized},
		{"tok", body, http.StatusCreated},
		{"tok", body, http.StatusBadRequest},                                   // already there
		{"tok", `{"kind":"start","url":"gopher://x/"}`, http.StatusBadRequest}, // bad URL
		{"tok", `{"kind":"start","link":"https://x/"}`, http.StatusBadRequest}, // unknown field
	} {
		if got, _ := adminCall(t, http.MethodPost, base+"/api/admin/sources", tc.token, tc.body); got != tc.want {
			t.Errorf("POST %s with token %q: %d, want %d", tc.body, tc.token, got, tc.want)
		}
	}
	listed := func(base string) int {
		code, body := adminCall(t, http.MethodGet, base+"/api/admin/sources", "tok", "")
		var res struct{ Sources []crawler.Source }
		if code != http.StatusOK || json.Unmarshal(body, &res) != nil {
			t.Fatalf("GET sources: %d %s", code, body)
		}
		return len(res.Sources)
	}
	if n := listed(base); n != 2 {
		t.Errorf("sources listed: %d, want 2", n)
	}
	stop(t, d)
	d, _, _ = runOnce(t, cfg)
	defer stop(t, d)
	if n := listed("http://" + d.Addr()); n != 2 {
		t.Errorf("sources after restart: %d, want 2", n)
	}
}
