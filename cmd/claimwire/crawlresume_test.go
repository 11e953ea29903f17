package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/internal/loadsite"
)

// TestCrawlSurvivesKillingEverything crawls a 500-article sitemap with NATS and each role in
// its own process, SIGKILLs them all at once mid-crawl and restarts them on the same data
// directories: every article's claims end up in the index, each claim once. The sitemap never
// changes and answers conditional GETs, so a restarted crawler that kept its validators from
// the killed round would get a 304 and never list the articles it had not reached.
func TestCrawlSurvivesKillingEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped with -short")
	}
	const (
		articles = 500
		// pageDelay slows each article response, so that requests are in flight at the kill.
		pageDelay = 10 * time.Millisecond
		etag      = `"sitemap-v1"`
	)
	gen := loadsite.New(articles)
	// The site serves a third of the articles, then holds further requests until everything
	// was killed and restarted, so that the kill lands mid-crawl however slow the machine.
	var served atomic.Int64
	release := make(chan struct{})
	var releaseOnce sync.Once
	releaseHeld := func() { releaseOnce.Do(func() { close(release) }) }
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == loadsite.SitemapPath:
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		case strings.HasPrefix(r.URL.Path, "/news/"):
			if served.Add(1) > articles/3 {
				select {
				case <-r.Context().Done():
					return
				case <-release:
				}
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(pageDelay):
			}
		}
		gen.ServeHTTP(w, r)
	}))
	defer site.Close()
	defer releaseHeld() // before Close, which waits for the requests held
	want := expectedClaimIDs(t, site.URL, gen)

	p := newPipeline(t, fmt.Sprintf(`
  delay: 0s
  random_delay: 0s
  parallelism: 4
  feed_interval: 1s
  allow_private_addresses: true
  sources:
    - kind: sitemap
      url: %s%s
`, site.URL, loadsite.SitemapPath))
	for _, name := range []string{"nats", "indexer", "extractor", "crawler"} {
		p.start(name)
	}
	start := time.Now()
	step := func(what string) {
		t.Logf("%6.2fs %s: %d article requests, index holds %d of %d claims",
			time.Since(start).Seconds(), what, served.Load(), p.count(), len(want))
	}

	// Mid-crawl, with claims flowing through every stage: kill everything at once.
	deadline := time.Now().Add(60 * time.Second)
	for served.Load() <= articles/3 || p.count() < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no progress after 60s: %d article requests, index holds %d claims", served.Load(), p.count())
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.kill(syscall.SIGKILL, pipelineNames...)
	step("SIGKILL nats, crawler, extractor, indexer")
	for _, name := range []string{"nats", "indexer", "extractor", "crawler"} {
		p.start(name)
	}
	releaseHeld()
	step("restarted")

	deadline = time.Now().Add(2 * time.Minute)
	for p.count() != len(want) {
		if time.Now().After(deadline) {
			ids, urls := p.indexedClaims()
			t.Fatalf("after 2 minutes the index holds %d of %d claims, from %d of %d articles", len(ids), len(want), len(urls), articles)
		}
		time.Sleep(100 * time.Millisecond)
	}
	step("all claims indexed")
	ids, urls := p.indexedClaims()
	for id, n := range ids {
		if n != 1 || !want[id] {
			t.Errorf("claim %s: indexed %d times, expected %t", id, n, want[id])
		}
	}
	if len(ids) != len(want) || len(urls) != articles {
		t.Errorf("the index holds %d of %d claims, from %d of %d articles", len(ids), len(want), len(urls), articles)
	}
	step("claims exported")
	// Graceful shutdown is tested apart; here it would only slow the test down.
	p.kill(syscall.SIGKILL, pipelineNames...)
}

// indexedClaims exports every claim in the index and counts them by id and by article URL.
func (p *pipeline) indexedClaims() (ids, urls map[string]int) {
	p.t.Helper()
	resp, err := http.Get(p.api + "/api/claims.jsonl?sort=date")
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		p.t.Fatalf("export: %s", resp.Status)
	}
	ids, urls = make(map[string]int), make(map[string]int)
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c struct{ ID, URL string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			p.t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		ids[c.ID]++
		urls[c.URL]++
	}
	if err := sc.Err(); err != nil {
		p.t.Fatal(err)
	}
	return ids, urls
}
