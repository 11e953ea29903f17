// Package daemon wires claimwire's roles together: NATS (embedded or external), the crawler,
// extractor and indexer workers, and the HTTP server with the API, health probes and metrics.
// Each role can run alone, so the same binary scales out to one process per role.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/crawler"
	crawlworker "github.com/claimwire/claimwire/crawler/worker"
	"github.com/claimwire/claimwire/extractor"
	extworker "github.com/claimwire/claimwire/extractor/worker"
	"github.com/claimwire/claimwire/indexer"
	alertworker "github.com/claimwire/claimwire/indexer/alert/worker"
	"github.com/claimwire/claimwire/indexer/api"
	"github.com/claimwire/claimwire/indexer/reviewstore"
	"github.com/claimwire/claimwire/indexer/web"
	idxworker "github.com/claimwire/claimwire/indexer/worker"
	"github.com/claimwire/claimwire/internal/config"
)

// Options change how Start runs the roles.
type Options struct {
	// CrawlOnce ends the crawler role after one pass over the sources instead of re-polling them.
	CrawlOnce bool
	// IndexWriteFault is passed to the index as indexer.Options.WriteFault: tests inject a full
	// disk or a bleve panic with it.
	IndexWriteFault func() error
}

// Daemon is a running set of roles.
type Daemon struct {
	cfg    config.Config
	logger *slog.Logger
	bus    *bus.Bus
	index  *indexer.Index
	// reviews is the fact-checkers' review log the index is read through (indexer role).
	reviews *reviewstore.Store
	store   *crawler.FileStore
	crawl   *crawler.Crawler
	http    *http.Server
	addr    string
	reg     *prometheus.Registry

	opts     Options
	reindex  reindexer
	stopping chan struct{} // closed when Stop starts

	// rolesReady says, for /readyz, why a consuming role is paused.
	rolesReady []func() error
	failOnce   sync.Once
	failed     chan struct{} // closed when a role has stopped for good
	failErr    error         // why, set before failed is closed

	sourcesMu    sync.Mutex // serialises additions through the API
	addedSources []crawler.Source

	cancelCrawl, cancelExtract, cancelIndex context.CancelFunc
	crawlDone                               chan struct{}
	crawlErr                                error
	extractWG, indexWG, httpWG              sync.WaitGroup

	alerts       *alertworker.Store // saved searches, with the indexer role
	cancelAlerts context.CancelFunc
	alertsWG     sync.WaitGroup
}

// Start opens NATS, the streams and the roles' resources, then starts the roles in the
// background. Stop ends them.
func Start(ctx context.Context, cfg config.Config, opts Options, logger *slog.Logger) (_ *Daemon, err error) {
	d := &Daemon{cfg: cfg, opts: opts, logger: logger, crawlDone: make(chan struct{}), stopping: make(chan struct{}),
		failed: make(chan struct{})}
	defer func() {
		if err != nil {
			d.closeResources()
		}
	}()
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("daemon: data dir: %w", err)
	}
	// Listen before anything starts, so a taken port fails fast with nothing to undo.
	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return nil, fmt.Errorf("daemon: http listen %s: %w", cfg.HTTP.Addr, err)
	}
	defer func() {
		if err != nil {
			ln.Close()
		}
	}()
	reg := prometheus.NewRegistry()
	d.reg = reg
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	if d.bus, err = bus.Open(ctx, cfg.NATS, cfg.DataDir, logger); err != nil {
		return nil, err
	}
	if err := d.bus.EnsureStreams(ctx, cfg.NATS.Streams); err != nil {
		return nil, err
	}

	if cfg.Has(config.RoleIndexer) {
		if err := d.startIndexer(ctx, reg); err != nil {
			return nil, err
		}
	}
	if cfg.Has(config.RoleExtractor) {
		if err := d.startExtractor(ctx, reg); err != nil {
			return nil, err
		}
	}
	if cfg.Has(config.RoleCrawler) {
		if err := d.startCrawler(ctx, opts); err != nil {
			return nil, err
		}
	} else {
		close(d.crawlDone)
	}
	if err := d.startHTTP(ln, reg); err != nil {
		return nil, err
	}
	logger.Info("claimwire started", slog.Any("roles", cfg.Roles), slog.String("data_dir", cfg.DataDir),
		slog.String("http", d.addr))
	return d, nil
}

func (d *Daemon) startIndexer(ctx context.Context, reg prometheus.Registerer) error {
	ixOpts := d.cfg.Index.Options()
	ixOpts.WriteFault = d.opts.IndexWriteFault
	var err error
	if ixOpts.Linkages, err = d.cfg.Index.LinkStore(ctx, d.bus.JS, d.cfg.NATS.Streams.Replicas); err != nil {
		return fmt.Errorf("daemon: %w", err)
	}
	ix, err := indexer.Open(d.cfg.Index.Dir, ixOpts)
	if err != nil {
		return fmt.Errorf("daemon: %w", err)
	}
	d.index = ix
	if d.reviews, err = reviewstore.Open(ctx, d.bus.JS, d.logger); err != nil {
		return fmt.Errorf("daemon: %w", err)
	}
	ix.SetReviews(d.reviews)
	if err := ix.Warm(ctx); err != nil {
		return fmt.Errorf("daemon: %w", err)
	}
	d.rolesReady = append(d.rolesReady, d.reviews.Ready)
	w, err := idxworker.New(d.bus.JS, ix, d.cfg.Index.Config, reg, d.logger)
	if err != nil {
		return err
	}
	// The consumer exists before Start returns, so claims published from now on are not missed.
	if _, err := w.Consumer(ctx); err != nil {
		return err
	}
	if err := d.startAlerts(ctx, reg, w); err != nil {
		return err
	}
	d.reindex.rebuilder = idxworker.NewRebuilder(w)
	// Asked before the worker runs: a claim it indexes would hide an emptied index.
	lost, err := d.reindex.rebuilder.Lost(ctx)
	if err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(context.Background())
	d.cancelIndex = cancel
	d.rolesReady = append(d.rolesReady, w.Ready, func() error {
		ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
		defer cancel()
		return w.CaughtUp(ctx)
	})
	d.indexWG.Go(func() {
		if err := w.Run(runCtx); err != nil {
			d.fail(fmt.Errorf("daemon: indexer stopped: %w", err))
		}
	})
	d.restoreLost(lost)
	return nil
}

func (d *Daemon) startExtractor(ctx context.Context, reg prometheus.Registerer) error {
	ex, err := extractor.New(extractor.Options{
		LexiconFiles:  d.cfg.Extract.LexiconFiles,
		GlossaryFiles: d.cfg.Extract.GlossaryFiles,
		Vague:         d.cfg.Extract.Vague,
	})
	if err != nil {
		return fmt.Errorf("daemon: %w", err)
	}
	w, err := extworker.New(d.bus.JS, ex, d.cfg.Extract.Config, reg, d.logger)
	if err != nil {
		return err
	}
	// Created before Start returns, as the indexer's: WaitIdle asks it, and a consumer still
	// being created reports nothing pending.
	if _, err := w.Consumer(ctx); err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(context.Background())
	d.cancelExtract = cancel
	d.rolesReady = append(d.rolesReady, w.Ready)
	d.extractWG.Go(func() {
		if err := w.Run(runCtx); err != nil {
			d.fail(fmt.Errorf("daemon: extractor stopped: %w", err))
		}
	})
	return nil
}

func (d *Daemon) startCrawler(ctx context.Context, opts Options) error {
	var (
		store crawler.Store
		run   func(context.Context, *crawler.Crawler) error
	)
	if d.cfg.Crawl.Cluster.Enabled {
		sh, err := d.openSharedCrawl(ctx, opts)
		if err != nil {
			return err
		}
		store = sh.Store()
		run = func(ctx context.Context, c *crawler.Crawler) error {
			return crawlworker.RunShared(ctx, d.bus.JS, c, sh, d.logger)
		}
	} else {
		fs, err := crawler.OpenFileStore(filepath.Join(d.cfg.DataDir, "crawler"))
		if err != nil {
			return fmt.Errorf("daemon: %w", err)
		}
		d.store, store = fs, fs
		run = func(ctx context.Context, c *crawler.Crawler) error {
			return crawlworker.Run(ctx, d.bus.JS, c, opts.CrawlOnce, d.logger)
		}
	}
	c, err := crawler.New(d.cfg.Crawl, store, d.logger)
	if err != nil {
		return fmt.Errorf("daemon: %w", err)
	}
	d.crawl = c
	if err := d.loadAddedSources(); err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(context.Background())
	d.cancelCrawl = cancel
	go func() {
		defer close(d.crawlDone)
		d.crawlErr = run(runCtx, c)
		if d.crawlErr != nil && !errors.Is(d.crawlErr, context.Canceled) {
			d.fail(fmt.Errorf("daemon: crawler stopped: %w", d.crawlErr))
		}
	}()
	return nil
}

// openSharedCrawl opens the crawl shared by crawler processes in JetStream (crawl.cluster): its
// queue, visited set and leases live there, not in the data directory.
func (d *Daemon) openSharedCrawl(ctx context.Context, opts Options) (*crawlworker.Shared, error) {
	if opts.CrawlOnce {
		return nil, errors.New("daemon: a shared crawl (crawl.cluster.enabled) has no end: it cannot crawl once")
	}
	host, err := os.Hostname()
	if err != nil {
		host = "crawler"
	}
	sh, err := crawlworker.OpenShared(ctx, d.bus.JS, d.cfg.Crawl, d.cfg.NATS.Streams.Replicas,
		fmt.Sprintf("%s-%d", host, os.Getpid()), d.logger)
	if err != nil {
		return nil, fmt.Errorf("daemon: %w", err)
	}
	return sh, nil
}

func (d *Daemon) startHTTP(ln net.Listener, reg *prometheus.Registry) error {
	reg.MustRegister(newStateCollector(d))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", d.serveReady)
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.Handle("/api/admin/", d.adminHandler())
	if d.index != nil {
		mux.Handle("/api/", api.New(d.index, d.logger))
		d.handleAlerts(mux)
		webHandler, err := web.New(d.index, d.logger)
		if err != nil {
			return fmt.Errorf("daemon: web page: %w", err)
		}
		mux.Handle("/", webHandler)
	}
	handler, err := instrument(reg, mux)
	if err != nil {
		return fmt.Errorf("daemon: http metrics: %w", err)
	}
	d.addr = ln.Addr().String()
	d.http = newHTTPServer(handler, d.logger, httpReadTimeout, httpWriteTimeout)
	d.httpWG.Go(func() {
		if err := d.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.logger.Error("http server stopped", slog.Any("error", err))
		}
	})
	return nil
}

// readyTimeout bounds what /readyz asks NATS.
const readyTimeout = 2 * time.Second

// serveReady answers 200 when NATS is connected, the streams exist, no role is paused or
// stopped and, for the indexer role, the index answers and has caught up with the CLAIMS
// stream once; otherwise 503 with the reason (a catching-up replica's lag).
func (d *Daemon) serveReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := d.bus.Ready(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if err := d.Err(); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	for _, ready := range d.rolesReady {
		if err := ready(); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
	}
	if d.index != nil {
		if _, err := d.index.Count(); err != nil {
			http.Error(w, "index: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
	}
	_, _ = w.Write([]byte("ready\n"))
}

// fail records that a role stopped for good. The process cannot do its job any more, so it should
// exit, non-zero, for its supervisor to restart it, rather than idle as ready.
func (d *Daemon) fail(err error) {
	d.logger.Error("role failed", slog.Any("error", err))
	d.failOnce.Do(func() {
		d.failErr = err
		close(d.failed)
	})
}

// Failed is closed when a role has stopped for good; Err then says why.
func (d *Daemon) Failed() <-chan struct{} { return d.failed }

// Err says why a role stopped for good, nil while none has.
func (d *Daemon) Err() error {
	select {
	case <-d.failed:
		return d.failErr
	default:
		return nil
	}
}

// Addr is the HTTP server's address.
func (d *Daemon) Addr() string { return d.addr }

// Metrics gathers the daemon's Prometheus metrics, as /metrics serves them.
func (d *Daemon) Metrics() prometheus.Gatherer { return d.reg }

// Index is the open index, nil without the indexer role.
func (d *Daemon) Index() *indexer.Index { return d.index }

// CrawlStats returns the crawler's counters, zero without the crawler role.
func (d *Daemon) CrawlStats() crawler.Stats {
	if d.crawl == nil {
		return crawler.Stats{}
	}
	return d.crawl.Stats()
}

// CrawlDone is closed when the crawler role has finished (with CrawlOnce) or stopped.
func (d *Daemon) CrawlDone() <-chan struct{} { return d.crawlDone }

// WaitIdle waits until the crawl is over and every article and claim has been processed, that
// is until the extractor and indexer consumers have nothing pending.
func (d *Daemon) WaitIdle(ctx context.Context) error {
	select {
	case <-d.crawlDone:
	case <-ctx.Done():
		return ctx.Err()
	}
	for {
		idle := true
		for _, c := range [][2]string{
			{claimwire.StreamArticles, claimwire.ConsumerExtractor},
			{claimwire.StreamClaims, d.cfg.Index.ConsumerName()},
		} {
			info, err := consumerInfo(ctx, d.bus.JS, c[0], c[1])
			if err != nil {
				return err
			}
			last, err := lastSeq(ctx, d.bus.JS, c[0])
			if err != nil {
				return err
			}
			// A consumer's pending count trails a publish under load; its ack floor reaching the
			// stream's last message says that every message was settled.
			if info.NumPending > 0 || info.NumAckPending > 0 || info.AckFloor.Stream < last {
				idle = false
				d.logger.Debug("waiting for consumer", slog.String("consumer", c[1]), slog.Uint64("pending", info.NumPending), slog.Int("ack_pending", info.NumAckPending), slog.Int("redelivered", info.NumRedelivered))
			}
		}
		if idle {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// lastSeq returns the sequence of the last message a stream stored.
func lastSeq(ctx context.Context, js jetstream.JetStream, name string) (uint64, error) {
	stream, err := js.Stream(ctx, name)
	if err != nil {
		return 0, fmt.Errorf("daemon: stream %s: %w", name, err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("daemon: stream %s: %w", name, err)
	}
	return info.State.LastSeq, nil
}

func consumerInfo(ctx context.Context, js jetstream.JetStream, stream, name string) (*jetstream.ConsumerInfo, error) {
	cons, err := js.Consumer(ctx, stream, name)
	if err != nil {
		return nil, fmt.Errorf("daemon: consumer %s/%s: %w", stream, name, err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("daemon: consumer %s/%s: %w", stream, name, err)
	}
	return info, nil
}

// Stop shuts down in pipeline order so that nothing in flight is lost: the crawler stops
// fetching, the extractor finishes the articles in hand, the indexer commits its open batch,
// then the HTTP server, the index and NATS close. ctx bounds the whole shutdown.
func (d *Daemon) Stop(ctx context.Context) error {
	d.logger.Info("shutting down")
	close(d.stopping)
	if err := waitCtx(ctx, d.reindex.wg.Wait); err != nil {
		return fmt.Errorf("daemon: shutdown: %w", err)
	}
	steps := []struct {
		cancel context.CancelFunc
		wait   func()
	}{
		{d.cancelCrawl, func() { <-d.crawlDone }},
		{d.cancelExtract, d.extractWG.Wait},
		{d.cancelIndex, d.indexWG.Wait},
		{d.cancelAlerts, d.alertsWG.Wait},
	}
	for _, s := range steps {
		if s.cancel == nil {
			continue
		}
		s.cancel()
		if err := waitCtx(ctx, s.wait); err != nil {
			return fmt.Errorf("daemon: shutdown: %w", err)
		}
	}
	var errs []error
	if d.http != nil {
		if err := d.http.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("daemon: http shutdown: %w", err))
		}
		d.httpWG.Wait()
	}
	d.closeResources()
	return errors.Join(errs...)
}

func (d *Daemon) closeResources() {
	if d.reviews != nil {
		d.reviews.Close()
	}
	if d.index != nil {
		if err := d.index.Close(); err != nil {
			d.logger.Error("closing index", slog.Any("error", err))
		}
	}
	if d.store != nil {
		if err := d.store.Close(); err != nil {
			d.logger.Error("closing crawler store", slog.Any("error", err))
		}
	}
	if d.bus != nil {
		d.bus.Close()
	}
}

func waitCtx(ctx context.Context, wait func()) error {
	done := make(chan struct{})
	go func() {
		wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
