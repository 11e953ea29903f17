// Package api serves the claim index over HTTP as JSON under /api/. It only translates between
// HTTP and the indexer package; the OpenAPI description is openapi.json, served at
// /api/openapi.json.
package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/jsonld"
)

//go:embed openapi.json
var openAPISpec []byte

// maxExportRows caps CSV and JSON Lines exports.
const maxExportRows = 10000

type server struct {
	ix  *indexer.Index
	log *slog.Logger
}

// New returns the handler of /api/... for ix. Errors are logged to logger (slog.Default when
// nil).
func New(ix *indexer.Index, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	s := &server{ix: ix, log: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/claims", s.claims)
	mux.HandleFunc("GET /api/claims.csv", s.exportCSV)
	mux.HandleFunc("GET /api/claims.jsonl", s.exportJSONL)
	mux.HandleFunc("GET /api/claims/{id}", s.claim)
	mux.HandleFunc("GET /api/claims/{id}/jsonld", s.claimJSONLD)
	mux.HandleFunc("GET /api/claims/{id}/claimreview", s.claimReview)
	mux.HandleFunc("GET /api/reviews", s.reviews)
	mux.HandleFunc("GET /api/metrics", s.metrics)
	mux.HandleFunc("GET /api/conflicts", s.conflicts)
	mux.HandleFunc("GET /api/facts/{id}", s.fact)
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPISpec)
	})
	// Every endpoint is GET; anything else under /api/ gets a JSON error, not the mux's text.
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.writeError(w, r, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed")
			return
		}
		s.writeError(w, r, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	return mux
}

// errorBody is every error response.
type errorBody struct {
	Error string `json:"error"`
}

const jsonType = "application/json; charset=utf-8"

// reply encodes v before writing anything, so that an encoding failure is still a clean 500.
func (s *server) reply(w http.ResponseWriter, r *http.Request, status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.log.ErrorContext(r.Context(), "api: encode response", "path", r.URL.Path, "err", err)
		status, contentType = http.StatusInternalServerError, jsonType
		buf.Reset()
		buf.WriteString(`{"error":"internal error"}` + "\n")
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	s.reply(w, r, status, jsonType, v)
}

func (s *server) writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.reply(w, r, status, jsonType, errorBody{Error: msg})
}

// fail answers err: 400 for the client's mistakes, 500 (logged, message hidden) for the rest.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, indexer.ErrBadQuery) {
		s.writeError(w, r, http.StatusBadRequest, userMessage(err))
		return
	}
	if r.Context().Err() != nil {
		// The client went away; nobody reads the answer.
		return
	}
	s.log.ErrorContext(r.Context(), "api: request failed", "path", r.URL.Path, "err", err)
	s.writeError(w, r, http.StatusInternalServerError, "internal error")
}

// userMessage strips the package prefix and the sentinel from a bad-query error.
func userMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "indexer: ")
	msg = strings.TrimSuffix(msg, ": "+indexer.ErrBadQuery.Error())
	return msg
}

// badParam is a query parameter error.
func badParam(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), indexer.ErrBadQuery)
}

// knownParams are the parameters /api/claims and the exports accept; others are refused so that
// typos ("unti=EUR") do not silently return everything.
var knownParams = map[string]bool{
	"q": true, "lang": true, "unit": true, "metric": true, "site": true, "min": true, "max": true,
	"from": true, "to": true, "sort": true, "size": true, "page": true, "cursor": true, "facets": true,
}

// parseQuery reads the search parameters of /api/claims.
func parseQuery(v url.Values) (indexer.Query, error) {
	var q indexer.Query
	for k := range v {
		if !knownParams[k] {
			return q, badParam("unknown parameter %q", k)
		}
	}
	q.Q = v.Get("q")
	q.Lang = listParam(v, "lang")
	q.Unit = listParam(v, "unit")
	q.Metric = listParam(v, "metric")
	q.Site = listParam(v, "site")
	var err error
	if q.Min, err = floatParam(v, "min"); err != nil {
		return q, err
	}
	if q.Max, err = floatParam(v, "max"); err != nil {
		return q, err
	}
	if q.From, err = dateParam(v, "from", false); err != nil {
		return q, err
	}
	if q.To, err = dateParam(v, "to", true); err != nil {
		return q, err
	}
	q.Sort = v.Get("sort")
	if q.Size, err = intParam(v, "size"); err != nil {
		return q, err
	}
	if q.Page, err = intParam(v, "page"); err != nil {
		return q, err
	}
	q.Cursor = v.Get("cursor")
	if q.Facets, err = boolParam(v, "facets"); err != nil {
		return q, err
	}
	return q, nil
}

func boolParam(v url.Values, name string) (bool, error) {
	s := v.Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, badParam("%s must be true or false", name)
	}
	return b, nil
}

// listParam accepts repeated parameters and comma-separated values.
func listParam(v url.Values, name string) []string {
	var out []string
	for _, s := range v[name] {
		for p := range strings.SplitSeq(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func floatParam(v url.Values, name string) (*float64, error) {
	s := v.Get(name)
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f {
		return nil, badParam("%s must be a number", name)
	}
	return &f, nil
}

func intParam(v url.Values, name string) (int, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, badParam("%s must be a positive integer", name)
	}
	return n, nil
}

// dateParam accepts RFC 3339 times and dates; a date as an upper bound includes its whole day.
func dateParam(v url.Values, name string, upper bool) (time.Time, error) {
	s := v.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := indexer.ParseDateBound(s, upper)
	if err != nil {
		return time.Time{}, badParam("%s must be a date (2025-03-31) or an RFC 3339 time", name)
	}
	return t, nil
}

func (s *server) claims(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.ix.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, res)
}

func (s *server) claim(w http.ResponseWriter, r *http.Request) {
	h, ok := s.lookup(w, r)
	if !ok {
		return
	}
	s.writeJSON(w, r, http.StatusOK, h)
}

// lookup loads the claim named in the path, answering 404 itself when there is none.
func (s *server) lookup(w http.ResponseWriter, r *http.Request) (indexer.Hit, bool) {
	id := r.PathValue("id")
	c, ok, err := s.ix.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return c, false
	}
	if !ok {
		s.writeError(w, r, http.StatusNotFound, "no claim "+strconv.Quote(id))
		return c, false
	}
	return c, true
}

func (s *server) claimJSONLD(w http.ResponseWriter, r *http.Request) {
	h, ok := s.lookup(w, r)
	if !ok {
		return
	}
	first, err := s.ix.FirstAppearance(r.Context(), h.Claim)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reply(w, r, http.StatusOK, jsonld.ContentType, jsonld.Claim(h.Claim, first))
}

func (s *server) metrics(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := indexer.MetricsQuery{Q: v.Get("q")}
	var err error
	if q.Limit, err = intParam(v, "limit"); err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.ix.Metrics(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, res)
}

func (s *server) conflicts(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	for k := range v {
		// Conflicts are facts' now, not metrics': a metric filter would be silently ignored.
		if k != "q" && k != "limit" && k != "dismissed" {
			s.fail(w, r, badParam("unknown parameter %q", k))
			return
		}
	}
	q := indexer.ConflictQuery{Q: v.Get("q")}
	var err error
	if q.Limit, err = intParam(v, "limit"); err != nil {
		s.fail(w, r, err)
		return
	}
	if q.Dismissed, err = boolParam(v, "dismissed"); err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.ix.Conflicts(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, res)
}

func (s *server) fact(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f, ok, err := s.ix.Fact(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		s.writeError(w, r, http.StatusNotFound, "no fact "+strconv.Quote(id))
		return
	}
	s.writeJSON(w, r, http.StatusOK, f)
}
