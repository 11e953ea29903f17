package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/claimwire/claimwire/crawler"
	"github.com/claimwire/claimwire/internal/config"
	"github.com/claimwire/claimwire/internal/daemon"
	"github.com/claimwire/claimwire/internal/samplesite"
)

// defaultDemoDir is claimwire/demo in the user's cache directory, or empty when there is none.
func defaultDemoDir() string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(cache, "claimwire", "demo")
}

func (m *Main) runDemo(ctx context.Context, args []string) error {
	fs := m.newFlagSet("demo", "[--addr HOST:PORT] [--data DIR]", `
Runs the whole pipeline offline: it serves the sample news sites bundled in the binary on
loopback, crawls them with the real crawler, publishes the articles to an embedded NATS
JetStream server, extracts the claims, indexes them, prints what it did and a few example
queries, and serves the search API and web page until interrupted (Ctrl-C).
Each run starts from an empty demo state in DIR. With CLAIMWIRE_API_TOKEN set, the write
endpoints (/api/admin/…) are on and take that token, as with claimwire run.`)
	addr := fs.String("addr", "127.0.0.1:8080", "`HOST:PORT` the API and web page listen on")
	// The default is computed before the flags so that --help states the directory itself.
	dataDir := fs.String("data", defaultDemoDir(), "`DIR` for the demo's NATS storage, index and crawl state")
	verbose := fs.Bool("v", false, "log every step")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if *dataDir == "" {
		return errors.New("demo: no --data and no cache directory ($XDG_CACHE_HOME or $HOME) to default to")
	}
	// The sample sites get new ports each run, so their URLs change: start from a clean state
	// instead of piling up copies of the same articles under old addresses.
	for _, sub := range []string{"nats", "index", "crawler"} {
		if err := os.RemoveAll(filepath.Join(*dataDir, sub)); err != nil {
			return fmt.Errorf("demo: reset %s: %w", *dataDir, err)
		}
	}
	level := "warn"
	if *verbose {
		level = "info"
	}
	logger, err := newLogger(m.Stderr, level, "text")
	if err != nil {
		return err
	}

	sites, err := samplesite.Serve(ctx)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	cfg := config.Local(*dataDir, *addr)
	// Only the token comes from the environment: the demo's other settings are its own.
	cfg.HTTP.APIToken = m.Getenv("CLAIMWIRE_API_TOKEN")
	for _, s := range sites {
		cfg.Crawl.Sources = append(cfg.Crawl.Sources, crawler.Source{Kind: crawler.KindStart, URL: s.BaseURL + "/"})
	}
	fmt.Fprintf(m.Stdout, "claimwire demo: serving %d sample news sites on loopback:\n", len(sites))
	for _, s := range sites {
		fmt.Fprintf(m.Stdout, "  %-28s (%s) %s/\n", s.Name, s.Lang, s.BaseURL)
	}

	start := time.Now()
	d, err := daemon.Start(ctx, cfg, daemon.Options{CrawlOnce: true}, logger)
	if err != nil {
		return err
	}
	stop := func() error {
		stopCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		return d.Stop(stopCtx)
	}
	waitCtx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	err = d.WaitIdle(waitCtx)
	cancel()
	if err != nil {
		_ = stop()
		return fmt.Errorf("demo: waiting for the pipeline: %w", err)
	}
	st := d.CrawlStats()
	n, err := d.Index().Count()
	if err != nil {
		_ = stop()
		return fmt.Errorf("demo: %w", err)
	}
	base := "http://" + d.Addr()
	fmt.Fprintf(m.Stdout, "\ncrawled %d pages in %s: %d articles published, %d off-topic skipped, %d pages not articles, %d failed\n",
		st.Fetched, time.Since(start).Round(time.Millisecond), st.Published, st.OffTopic, st.NotArticle, st.Failed)
	fmt.Fprintf(m.Stdout, "extracted and indexed %d claims (data in %s)\n\n", n, *dataDir)
	m.printExamples(ctx, base)
	fmt.Fprintf(m.Stdout, "\nOpen %s/ in a browser, or try:\n", base)
	for _, q := range []string{
		"/api/claims?q=gigafactory+proposals",
		"/api/claims?q=puces&lang=en",
		"/api/claims?q=unit:EUR+value:>10000000000&sort=-value",
		"/api/conflicts?q=gigafactories",
		"/api/metrics",
	} {
		fmt.Fprintf(m.Stdout, "  curl -s '%s%s'\n", base, q)
	}
	if cfg.HTTP.APIToken != "" {
		fmt.Fprintf(m.Stdout, "  curl -s -H \"Authorization: Bearer $CLAIMWIRE_API_TOKEN\" '%s/api/admin/reindex'\n", base)
	}
	fmt.Fprintln(m.Stdout, "\nPress Ctrl-C to stop.")
	<-ctx.Done()
	return stop()
}

// printExamples shows a few real answers of the running API, so the first run proves the
// pipeline end to end.
func (m *Main) printExamples(ctx context.Context, base string) {
	for _, q := range []string{"gigafactory proposals", "puces"} {
		var res struct {
			Total  int `json:"total"`
			Claims []struct {
				Surface  string `json:"surface"`
				Unit     string `json:"unit"`
				Lang     string `json:"lang"`
				SiteName string `json:"site_name"`
				Site     string `json:"site"`
			} `json:"claims"`
		}
		if err := requestJSON(ctx, http.MethodGet, base+"/api/claims?size=4&q="+url.QueryEscape(q), "", &res); err != nil {
			fmt.Fprintf(m.Stdout, "query %q failed: %v\n", q, err)
			continue
		}
		fmt.Fprintf(m.Stdout, "query %q: %d claims, first ones:\n", q, res.Total)
		for _, c := range res.Claims {
			site := c.SiteName
			if site == "" {
				site = c.Site
			}
			fmt.Fprintf(m.Stdout, "  [%s] %-40q %-14s %s\n", c.Lang, c.Surface, c.Unit, site)
		}
	}
}
