package daemon

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"

	idxworker "github.com/claimwire/claimwire/indexer/worker"
)

// reindexer runs the indexer's rebuilds in the background: those asked for through the admin
// API and the one that restores a lost index at start.
type reindexer struct {
	rebuilder *idxworker.Rebuilder // nil without the indexer role
	wg        sync.WaitGroup
}

// startReindex starts a rebuild in the background, cancelled when Stop starts.
func (d *Daemon) startReindex() {
	d.reindex.wg.Go(func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			select {
			case <-d.stopping:
				cancel()
			case <-ctx.Done():
			}
		}()
		if err := d.reindex.rebuilder.Run(ctx); err != nil && !errors.Is(err, idxworker.ErrRebuildRunning) {
			d.logger.Error("reindex failed", slog.Any("error", err))
		}
	})
}

// restoreLost starts a rebuild when the index lacks claims that the indexer had acknowledged
// (see Rebuilder.Lost): its directory was deleted, say, and the durable consumer would never
// deliver them again.
func (d *Daemon) restoreLost(lost uint64) {
	if lost == 0 {
		return
	}
	d.logger.Warn("index is empty but the CLAIMS stream holds claims it had indexed; rebuilding it",
		slog.String("dir", d.cfg.Index.Dir), slog.Uint64("claims", lost))
	d.startReindex()
}

// serveReindex starts a rebuild in the background (202) and reports progress on GET.
func (d *Daemon) serveReindex(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, d.reindex.rebuilder.Status())
		return
	}
	if d.reindex.rebuilder.Status().Running {
		writeError(w, http.StatusConflict, "a rebuild is already running")
		return
	}
	d.startReindex()
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "started"})
}
