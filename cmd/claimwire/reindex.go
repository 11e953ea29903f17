package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/claimwire/claimwire/bus"
	idxworker "github.com/claimwire/claimwire/indexer/worker"
	"github.com/claimwire/claimwire/internal/config"
)

func (m *Main) runReindex(ctx context.Context, args []string) error {
	fs := m.newFlagSet("reindex", "[--url URL] | --offline [--config FILE]", `
Rebuilds the index from the CLAIMS stream.

By default it asks the running indexer at --url to do it: the indexer builds a new index beside
the live one, writes the claims arriving meanwhile to both, and swaps it in without downtime;
this command follows it and prints the result. The API token comes from CLAIMWIRE_API_TOKEN.

With --offline it needs no running indexer, so it also repairs an index the daemon reports as
corrupt: stop claimwire, then run it with the daemon's --config. It connects to NATS (nats.url,
or an embedded server on the data directory), rebuilds the index into index.dir beside the old
one and swaps it in; a corrupt index is replaced. Either way, claims the indexer cannot index
(malformed, or of a newer schema version) go to the dead letters, and with index.shared_facts
every claim keeps the fact recorded in the FACT_LINKS bucket, which reviews and the other
replicas refer to.`)
	base := fs.String("url", "http://127.0.0.1:8080", "address of the running indexer's HTTP API")
	offline := fs.Bool("offline", false, "rebuild without a running indexer (stop claimwire first)")
	configPath := fs.String("config", "", "with --offline: YAML configuration `file` of the daemon")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("reindex: unexpected argument %q", fs.Arg(0))
	}
	if *offline {
		return m.reindexOffline(ctx, *configPath)
	}
	token := m.Getenv("CLAIMWIRE_API_TOKEN")
	if token == "" {
		return errors.New("reindex: set CLAIMWIRE_API_TOKEN to the daemon's API token (or stop it and use --offline)")
	}
	endpoint := strings.TrimRight(*base, "/") + "/api/admin/reindex"
	var started map[string]string
	if err := requestJSON(ctx, http.MethodPost, endpoint, token, &started); err != nil {
		return fmt.Errorf("reindex: %w (for a stopped daemon, use --offline)", err)
	}
	fmt.Fprintln(m.Stdout, "reindex started")
	for {
		var st idxworker.RebuildStatus
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
		if err := requestJSON(ctx, http.MethodGet, endpoint, token, &st); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		if st.Running {
			continue
		}
		return m.reindexDone(st, "")
	}
}

// reindexOffline rebuilds the index of the daemon that configPath describes while it is stopped.
func (m *Main) reindexOffline(ctx context.Context, configPath string) error {
	cfg, err := config.Load(configPath, m.Getenv)
	if err != nil {
		return err
	}
	logger, err := newLogger(m.Stderr, cfg.Log.Level, cfg.Log.Format)
	if err != nil {
		return err
	}
	b, err := bus.Open(ctx, cfg.NATS, cfg.DataDir, logger)
	if err != nil {
		if cfg.NATS.URL == "" {
			// The embedded server's port or storage is taken by the daemon itself.
			return fmt.Errorf("reindex: %w; is claimwire running? stop it first", err)
		}
		return fmt.Errorf("reindex: %w", err)
	}
	defer b.Close()
	opts := cfg.Index.Options()
	// A replica rebuilt keeps the facts the other replicas, reviews and alerts know.
	if opts.Linkages, err = cfg.Index.LinkStore(ctx, b.JS, cfg.NATS.Streams.Replicas); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	st, err := idxworker.RebuildOffline(ctx, b.JS, cfg.Index.Dir, opts, cfg.Index.Config, logger)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return m.reindexDone(st, " at "+cfg.Index.Dir)
}

// reindexDone reports a finished rebuild.
func (m *Main) reindexDone(st idxworker.RebuildStatus, where string) error {
	if st.Error != "" {
		return fmt.Errorf("reindex failed: %s", st.Error)
	}
	fmt.Fprintf(m.Stdout, "reindexed %d claims from %d messages in %s; the new index%s is live\n",
		st.Indexed, st.Read, st.Finished.Sub(st.Started).Round(time.Millisecond), where)
	return nil
}

// requestJSON calls a claimwire API and decodes its JSON answer into v; token, when set, is
// sent as a bearer token. Error answers become errors with the API's message.
func requestJSON(ctx context.Context, method, url, token string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		var e struct{ Error string }
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return fmt.Errorf("%s %s: %s", method, url, e.Error)
		}
		return fmt.Errorf("%s %s: %s", method, url, resp.Status)
	}
	return json.Unmarshal(body, v)
}
