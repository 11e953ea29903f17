// Package samplesite serves the sample news sites bundled in the binary, so that
// `claimwire demo` can crawl realistic pages on loopback without any network access.
//
// Each publication lives under sites/<slug>/: a site.yaml manifest (name, language, sections,
// articles), the article and static pages as HTML under pages/ with the furniture they share
// (masthead, footer) in furniture.tmpl, an index.tmpl template for the home and section pages,
// and assets/. The home page, section pages, feed and sitemap
// are generated from the manifest, so they always list exactly the bundled articles.
package samplesite

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"path"
	"slices"
	"sync"
	"time"
)

//go:embed sites
var sitesFS embed.FS

// Publication is one bundled news site.
type Publication struct {
	Slug    string
	Name    string
	Lang    string
	Handler http.Handler
}

// Started is a publication served on a loopback listener.
type Started struct {
	Publication
	// BaseURL is "http://127.0.0.1:port", without a trailing slash.
	BaseURL string
}

// loadEmbedded parses the embedded sites once; the result is never modified afterwards.
var loadEmbedded = sync.OnceValues(func() ([]Publication, error) { return load(sitesFS) })

// Publications returns the bundled sites, sorted by slug.
func Publications() ([]Publication, error) {
	pubs, err := loadEmbedded()
	if err != nil {
		return nil, err
	}
	return slices.Clone(pubs), nil
}

func load(fsys fs.FS) ([]Publication, error) {
	entries, err := fs.ReadDir(fsys, "sites")
	if err != nil {
		return nil, fmt.Errorf("samplesite: %w", err)
	}
	var pubs []Publication
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub, err := fs.Sub(fsys, path.Join("sites", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("samplesite: site %s: %w", e.Name(), err)
		}
		s, err := loadSite(sub, e.Name())
		if err != nil {
			return nil, fmt.Errorf("samplesite: site %s: %w", e.Name(), err)
		}
		pubs = append(pubs, Publication{Slug: e.Name(), Name: s.Name, Lang: s.Lang, Handler: s})
	}
	if len(pubs) == 0 {
		return nil, errors.New("samplesite: no site bundled")
	}
	return pubs, nil
}

// shutdownGrace bounds how long a stopping server waits for in-flight requests.
const shutdownGrace = 5 * time.Second

// Serve starts one loopback listener per publication on 127.0.0.1 (random ports) and returns
// each one's base URL. The servers stop when ctx is done. It fails, without leaving any
// listener open, if a listener cannot be opened.
func Serve(ctx context.Context) ([]Started, error) {
	pubs, err := Publications()
	if err != nil {
		return nil, err
	}
	var lc net.ListenConfig
	listeners := make([]net.Listener, 0, len(pubs))
	for _, p := range pubs {
		ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
		if err != nil {
			for _, l := range listeners {
				l.Close()
			}
			return nil, fmt.Errorf("samplesite: listen for %s: %w", p.Slug, err)
		}
		listeners = append(listeners, ln)
	}

	started := make([]Started, 0, len(pubs))
	for i, p := range pubs {
		ln := listeners[i]
		log := slog.With("site", p.Slug, "addr", ln.Addr().String())
		srv := &http.Server{
			Handler:           p.Handler,
			ReadHeaderTimeout: 5 * time.Second,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		go func() {
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				log.Error("samplesite: server stopped", "err", err)
			}
		}()
		go func() {
			<-ctx.Done()
			shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
			defer cancel()
			if err := srv.Shutdown(shutdownCtx); err != nil {
				log.Warn("samplesite: shutdown", "err", err)
			}
		}()
		started = append(started, Started{Publication: p, BaseURL: "http://" + ln.Addr().String()})
	}
	return started, nil
}
