package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// healthcheck --url takes the daemon's base URL, as reindex --url does, and probes /healthz.
func TestHealthcheckProbesHealthzUnderBaseURL(t *testing.T) {
	var unhealthy atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		if unhealthy.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	for _, base := range []string{srv.URL, srv.URL + "/"} {
		if _, _, err := runCLI(t, "", "healthcheck", "--url", base); err != nil {
			t.Errorf("healthcheck --url %s: %v", base, err)
		}
	}
	unhealthy.Store(true)
	if _, _, err := runCLI(t, "", "healthcheck", "--url", srv.URL); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("unhealthy daemon: err = %v, want its 503", err)
	}
}
