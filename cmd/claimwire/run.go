package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/internal/config"
	"github.com/claimwire/claimwire/internal/daemon"
)

func (m *Main) runDaemon(ctx context.Context, args []string) error {
	fs := m.newFlagSet("run", "[--config FILE] [--roles LIST]", `
Runs the claimwire daemon. By default one process runs every role with an embedded NATS
JetStream server and an on-disk index under the data directory; with nats.url set it joins an
external NATS cluster instead, and --roles runs a subset so that crawler, extractor and indexer
can scale out as separate processes: crawlers with crawl.cluster.enabled share one crawl
(queue, visited set and host leases in JetStream), and each indexer with its own
index.replica keeps a complete index, a read replica that is not ready until caught up;
replicas with index.shared_facts share each claim's fact (FACT_LINKS bucket) so that they agree
on fact ids.

The indexer role also runs the alerts of saved searches (/api/alerts): each new claim or new
conflict a saved search finds is recorded once in the ALERTS stream, listed in the search's
Atom feed, POSTed signed to its webhook and published on its NATS subject (configuration:
alerts.*; README: "Alerts and newsroom integrations").

Environment variables override the file: `+strings.Join(config.EnvNames(), ", ")+`.`)
	configPath := fs.String("config", "", "YAML configuration `file` (see configs/claimwire.yaml); default: built-in defaults")
	roles := fs.String("roles", "", "comma-separated roles to run: crawler,extractor,indexer (default: all, or the config's)")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("run: unexpected argument %q", fs.Arg(0))
	}
	cfg, err := config.Load(*configPath, m.Getenv)
	if err != nil {
		return err
	}
	if *roles != "" {
		if err := cfg.SetRoles(*roles); err != nil {
			return err
		}
	}
	logger, err := newLogger(m.Stderr, cfg.Log.Level, cfg.Log.Format)
	if err != nil {
		return err
	}
	d, err := daemon.Start(ctx, cfg, daemon.Options{}, logger)
	if err != nil {
		return err
	}
	// A role that stopped for good ends the process with an error, so that its supervisor
	// (systemd, Kubernetes) restarts it.
	select {
	case <-ctx.Done():
	case <-d.Failed():
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	return errors.Join(d.Err(), d.Stop(stopCtx))
}
