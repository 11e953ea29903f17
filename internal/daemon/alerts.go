package daemon

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire/crawler"
	alertworker "github.com/claimwire/claimwire/indexer/alert/worker"
	"github.com/claimwire/claimwire/indexer/api"
	idxworker "github.com/claimwire/claimwire/indexer/worker"
)

// startAlerts opens the saved searches, has the indexer worker match every batch it writes
// against them, and starts delivering their events.
func (d *Daemon) startAlerts(ctx context.Context, reg prometheus.Registerer, w *idxworker.Worker) error {
	store, err := alertworker.Open(ctx, d.bus.JS, d.cfg.Alerts, d.cfg.NATS.Streams.Replicas)
	if err != nil {
		return fmt.Errorf("daemon: %w", err)
	}
	alerter, err := alertworker.NewAlerter(store, d.index, reg, d.logger)
	if err != nil {
		return err
	}
	w.OnWritten(alerter.Written)
	deliverer, err := alertworker.NewDeliverer(d.bus.JS, d.bus.Conn, store, d.cfg.Alerts, webhookClient(d.cfg.Alerts), reg, d.logger)
	if err != nil {
		return err
	}
	// The consumers exist before Start returns, so events recorded from now on are delivered.
	if _, _, err := deliverer.Consumers(ctx); err != nil {
		return err
	}
	d.alerts = store
	runCtx, cancel := context.WithCancel(context.Background())
	d.cancelAlerts = cancel
	d.rolesReady = append(d.rolesReady, deliverer.Ready)
	d.alertsWG.Go(func() {
		if err := deliverer.Run(runCtx); err != nil {
			d.fail(fmt.Errorf("daemon: alert delivery stopped: %w", err))
		}
	})
	return nil
}

// webhookClient POSTs alerts: it reaches public addresses only, as the crawler does, unless
// alerts.allow_private_webhooks, and follows no redirect (its target was never checked as a
// webhook, and a POST redirected as a GET would be lost).
func webhookClient(cfg alertworker.Config) *http.Client {
	dialer := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivateWebhooks {
		dialer.Control = crawler.PublicAddressesOnly()
	}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:               nil, // the address check must see the real peer
			DialContext:         dialer.DialContext,
			ForceAttemptHTTP2:   true,
			MaxIdleConns:        16,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: 10 * time.Second,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// handleAlerts serves /api/alerts on mux: the feed and event list of a saved search are public
// like the rest of the read API (feed readers send no token, and they show indexed claims
// only); definitions, which name webhooks and subjects, need the token to be read or written.
func (d *Daemon) handleAlerts(mux *http.ServeMux) {
	h := api.NewAlerts(d.index, d.alerts, d.logger)
	mux.Handle("GET /api/alerts/{id}/atom", h)
	mux.Handle("GET /api/alerts/{id}/events", h)
	mux.Handle("/api/alerts", d.requireToken(h))
	mux.Handle("/api/alerts/", d.requireToken(h))
}
