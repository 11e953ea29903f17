// Package web serves claimwire's search page at / and the conflicts view at /conflicts. Both
// are rendered on the server from the query string with html/template, so they work without
// JavaScript and every state has a shareable URL; a small embedded script only makes results
// appear as one types, through the JSON API under /api/. Everything the page needs (one CSS
// file, one script) is embedded in the binary, and a strict Content-Security-Policy forbids
// anything else.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"

	"github.com/claimwire/claimwire/indexer"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// contentSecurityPolicy allows the page's own files only: no inline script or style, no
// third-party request, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// asset is an embedded static file, served under a versioned URL so browsers may cache it.
type asset struct {
	body        []byte
	contentType string
	url         string
}

type server struct {
	ix     *indexer.Index
	log    *slog.Logger
	tmpl   *template.Template
	assets map[string]asset
}

// New returns the handler of the web pages for ix: / (search), /conflicts, the permalinks
// /facts/{id} and /claims/{id}, and /static/. Mount
// it at "/" next to the API at "/api/". Errors are logged to logger (slog.Default when nil).
func New(ix *indexer.Index, logger *slog.Logger) (http.Handler, error) {
	if ix == nil {
		return nil, errors.New("web: nil index")
	}
	if logger == nil {
		logger = slog.Default()
	}
	tmpl, err := template.ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	assets, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s := &server{ix: ix, log: logger, tmpl: tmpl, assets: assets}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.search)
	mux.HandleFunc("GET /conflicts", s.conflicts)
	mux.HandleFunc("GET /facts/{id}", s.fact)
	mux.HandleFunc("GET /claims/{id}", s.claim)
	mux.HandleFunc("GET /static/{name}", s.static)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusNotFound, &page{Title: "Page not found", Error: "There is no page at " + r.URL.Path + "."})
	})
	return securityHeaders(mux), nil
}

func loadAssets() (map[string]asset, error) {
	types := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
	assets := make(map[string]asset)
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := path.Base(p)
		assets[name] = asset{body: body, contentType: types[path.Ext(name)],
			url: "/static/" + name + "?v=" + hex.EncodeToString(sum[:6])}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	for _, name := range []string{"app.css", "app.js"} {
		if _, ok := assets[name]; !ok {
			return nil, fmt.Errorf("web: static file %s missing", name)
		}
	}
	return assets, nil
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}

func (s *server) static(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	if r.URL.Query().Get("v") != "" {
		// The URL changes with the content, so a versioned file never goes stale.
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	_, _ = w.Write(a.body)
}

// page is what the layout template renders; exactly one of Search, Conflicts, Fact and Claim
// is set on those pages, none on error pages.
type page struct {
	Title     string
	Nav       string
	CSS, JS   string
	Error     string
	Search    *searchPage
	Conflicts *conflictsPage
	Fact      *factPage
	Claim     *claimPage
}

// render executes the layout into a buffer first, so a template error is a clean 500.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, p *page) {
	p.CSS, p.JS = s.assets["app.css"].url, s.assets["app.js"].url
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.ErrorContext(r.Context(), "web: render", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// failure turns an error of the index into a status and a message for the reader: the query's
// fault is explained, anything else is logged and hidden.
func (s *server) failure(r *http.Request, err error) (int, string) {
	if errors.Is(err, indexer.ErrBadQuery) || errors.Is(err, errParam) {
		return http.StatusBadRequest, userMessage(err)
	}
	if r.Context().Err() == nil {
		s.log.ErrorContext(r.Context(), "web: request failed", "path", r.URL.Path, "err", err)
	}
	return http.StatusInternalServerError, "Something went wrong on our side; please try again."
}

// userMessage strips package prefixes and sentinels from an error meant for the reader.
func userMessage(err error) string {
	msg := err.Error()
	msg = strings.ReplaceAll(msg, "indexer: ", "")
	msg = strings.ReplaceAll(msg, ": "+indexer.ErrBadQuery.Error(), "")
	msg = strings.ReplaceAll(msg, ": "+errParam.Error(), "")
	return strings.ReplaceAll(msg, "\n", "; ")
}
