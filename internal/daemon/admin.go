package daemon

import (
	"crypto/subtle"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/claimwire/claimwire/indexer/api"
)

// adminHandler serves the write endpoints. Each needs "Authorization: Bearer <token>" with the
// configured API token; without a configured token they are off.
func (d *Daemon) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/admin/dlq", d.listDeadLetters)
	mux.HandleFunc("POST /api/admin/dlq/{seq}/replay", d.replayDeadLetter)
	if d.crawl != nil {
		mux.HandleFunc("GET /api/admin/sources", d.serveSources)
		mux.HandleFunc("POST /api/admin/sources", d.serveSources)
	}
	if d.index != nil {
		mux.HandleFunc("POST /api/admin/reindex", d.serveReindex)
		mux.HandleFunc("GET /api/admin/reindex", d.serveReindex)
		mux.Handle("POST /api/admin/reviews", api.NewReviewWriter(d.index, d.reviews, d.logger))
	}
	return d.requireToken(mux)
}

func (d *Daemon) requireToken(next http.Handler) http.Handler {
	token := []byte(d.cfg.HTTP.APIToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(token) == 0 {
			writeError(w, http.StatusForbidden, "write endpoints are off: set http.api_token or CLAIMWIRE_API_TOKEN")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), token) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="claimwire"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (d *Daemon) listDeadLetters(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10000 {
			writeError(w, http.StatusBadRequest, "limit: want a number from 1 to 10000")
			return
		}
		limit = n
	}
	entries, err := d.bus.DeadLetters(r.Context(), limit)
	if err != nil {
		d.logger.Error("admin: dead letters", slog.Any("error", err))
		writeError(w, http.StatusServiceUnavailable, "dead letters unavailable: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"dead_letters": entries})
}

func (d *Daemon) replayDeadLetter(w http.ResponseWriter, r *http.Request) {
	seq, err := strconv.ParseUint(r.PathValue("seq"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "seq: want the sequence number the dead-letter list shows")
		return
	}
	if err := d.bus.ReplayDeadLetter(r.Context(), seq); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	d.logger.Info("admin: dead letter replayed", slog.Uint64("seq", seq))
	writeJSON(w, http.StatusOK, map[string]any{"replayed": seq})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}
