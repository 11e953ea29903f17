package api

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/alert"
)

// AlertStore keeps saved searches and their events; indexer/alert/worker's Store keeps them in
// JetStream.
type AlertStore interface {
	// Create stores a new search, failing with alert.ErrExists when its id is taken.
	Create(ctx context.Context, s alert.Search) error
	Get(ctx context.Context, id string) (alert.Search, bool, error)
	List(ctx context.Context) ([]alert.Search, error)
	Delete(ctx context.Context, id string) (bool, error)
	// Events returns the newest events (at most limit) of a search, the newest first.
	Events(ctx context.Context, id string, limit int) ([]alert.Event, error)
}

// feedSize is how many events a feed or an event list shows.
const feedSize = 100

// NewAlerts returns the handler of /api/alerts..., the saved searches of store, checked against
// ix. It serves every route; the daemon puts all but the feed and the event list behind the
// API token, since definitions name webhooks and subjects.
func NewAlerts(ix *indexer.Index, store AlertStore, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	s := &alertServer{server: server{ix: ix, log: logger}, store: store}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/alerts", s.create)
	mux.HandleFunc("GET /api/alerts", s.list)
	mux.HandleFunc("GET /api/alerts/{id}", s.get)
	mux.HandleFunc("DELETE /api/alerts/{id}", s.delete)
	mux.HandleFunc("GET /api/alerts/{id}/atom", s.atom)
	mux.HandleFunc("GET /api/alerts/{id}/events", s.events)
	mux.HandleFunc("/api/alerts", s.notAllowed("GET, POST"))
	mux.HandleFunc("/api/alerts/{id}", s.notAllowed("GET, DELETE"))
	mux.HandleFunc("/api/alerts/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	return mux
}

type alertServer struct {
	server
	store AlertStore
}

func (s *alertServer) notAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		s.writeError(w, r, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed")
	}
}

// failStore answers a store error: 500, logged, message hidden.
func (s *alertServer) failStore(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return
	}
	s.log.ErrorContext(r.Context(), "api: alerts", slog.String("path", r.URL.Path), slog.Any("error", err))
	s.writeError(w, r, http.StatusInternalServerError, "internal error")
}

func (s *alertServer) create(w http.ResponseWriter, r *http.Request) {
	def, err := alert.Decode(r.Body)
	if err != nil {
		s.writeError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	// The query is parsed as /api/claims would parse it; no claim has an empty id, so the
	// search itself costs nothing.
	q, err := def.Query()
	if err == nil {
		q.IDs = []string{""}
		_, err = s.ix.Matching(r.Context(), q, 1)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	def.Prepare(time.Now())
	if err := s.store.Create(r.Context(), def); err != nil {
		if errors.Is(err, alert.ErrExists) {
			s.writeError(w, r, http.StatusConflict, "a saved search "+strconv.Quote(def.ID)+" exists: delete it first or choose another id")
			return
		}
		s.failStore(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "api: saved search created", slog.String("id", def.ID), slog.String("name", def.Name))
	w.Header().Set("Location", "/api/alerts/"+def.ID)
	// The only answer that shows the webhook's secret, made here when the client gave none.
	s.writeJSON(w, r, http.StatusCreated, def)
}

func (s *alertServer) list(w http.ResponseWriter, r *http.Request) {
	all, err := s.store.List(r.Context())
	if err != nil {
		s.failStore(w, r, err)
		return
	}
	slices.SortFunc(all, func(a, b alert.Search) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
	out := make([]alert.Search, len(all))
	for i := range all {
		out[i] = all[i].Public()
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"alerts": out})
}

// lookup loads the search named in the path, answering 404 itself when there is none.
func (s *alertServer) lookup(w http.ResponseWriter, r *http.Request) (alert.Search, bool) {
	id := r.PathValue("id")
	def, ok, err := s.store.Get(r.Context(), id)
	if err != nil {
		s.failStore(w, r, err)
		return def, false
	}
	if !ok {
		s.writeError(w, r, http.StatusNotFound, "no saved search "+strconv.Quote(id))
	}
	return def, ok
}

func (s *alertServer) get(w http.ResponseWriter, r *http.Request) {
	if def, ok := s.lookup(w, r); ok {
		s.writeJSON(w, r, http.StatusOK, def.Public())
	}
}

func (s *alertServer) delete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ok, err := s.store.Delete(r.Context(), id)
	if err != nil {
		s.failStore(w, r, err)
		return
	}
	if !ok {
		s.writeError(w, r, http.StatusNotFound, "no saved search "+strconv.Quote(id))
		return
	}
	s.log.InfoContext(r.Context(), "api: saved search deleted", slog.String("id", id))
	w.WriteHeader(http.StatusNoContent)
}

// lookupEvents loads the search named in the path and its latest events, answering itself
// when it cannot.
func (s *alertServer) lookupEvents(w http.ResponseWriter, r *http.Request) (alert.Search, []alert.Event, bool) {
	def, ok := s.lookup(w, r)
	if !ok {
		return def, nil, false
	}
	events, err := s.store.Events(r.Context(), def.ID, feedSize)
	if err != nil {
		s.failStore(w, r, err)
		return def, nil, false
	}
	return def, events, true
}

func (s *alertServer) events(w http.ResponseWriter, r *http.Request) {
	if _, events, ok := s.lookupEvents(w, r); ok {
		s.writeJSON(w, r, http.StatusOK, map[string]any{"events": events})
	}
}

func (s *alertServer) atom(w http.ResponseWriter, r *http.Request) {
	def, events, ok := s.lookupEvents(w, r)
	if !ok {
		return
	}
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	feed, err := alert.Feed(&def, events, base+r.URL.Path, func(fact string) string { return base + "/api/facts/" + fact }, def.Created)
	if err != nil {
		s.failStore(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, _ = w.Write([]byte(feed))
}
