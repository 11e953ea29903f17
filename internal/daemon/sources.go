package daemon

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"

	"github.com/claimwire/claimwire/crawler"
)

// addedSourcesFile keeps the sources added through the API, so they survive a restart.
const addedSourcesFile = "sources.json"

// loadAddedSources gives the crawler the sources added through the API in earlier runs.
func (d *Daemon) loadAddedSources() error {
	data, err := os.ReadFile(filepath.Join(d.cfg.DataDir, addedSourcesFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("daemon: added sources: %w", err)
	}
	var sources []crawler.Source
	if err := json.Unmarshal(data, &sources); err != nil {
		return fmt.Errorf("daemon: added sources %s: %w", addedSourcesFile, err)
	}
	for _, s := range sources {
		if err := d.crawl.AddSource(s); err != nil {
			// Most likely the config now lists it too.
			d.logger.Warn("added source skipped", slog.String("url", s.URL), slog.Any("error", err))
		}
	}
	d.addedSources = sources
	return nil
}

// serveSources lists the crawler's sources (GET) or adds one (POST, a JSON Source).
func (d *Daemon) serveSources(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, map[string]any{"sources": d.crawl.Sources()})
		return
	}
	var s crawler.Source
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		writeError(w, http.StatusBadRequest, "source: want a JSON object with kind, url and optional allowed_domains, include, exclude, max_depth: "+err.Error())
		return
	}
	d.sourcesMu.Lock()
	defer d.sourcesMu.Unlock()
	if err := d.crawl.AddSource(s); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	d.addedSources = append(d.addedSources, s)
	data, err := json.MarshalIndent(d.addedSources, "", "  ")
	if err == nil {
		err = writeFileAtomic(filepath.Join(d.cfg.DataDir, addedSourcesFile), data)
	}
	if err != nil {
		d.logger.Error("added source not saved", slog.Any("error", err))
		writeError(w, http.StatusInternalServerError, "source added but not saved: "+err.Error())
		return
	}
	d.logger.Info("source added", slog.String("kind", s.Kind), slog.String("url", s.URL))
	writeJSON(w, http.StatusCreated, s)
}

func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o640); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
