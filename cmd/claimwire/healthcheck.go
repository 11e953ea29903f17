package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// runHealthcheck lets container health checks probe the daemon without curl in the image.
func (m *Main) runHealthcheck(ctx context.Context, args []string) error {
	fs := m.newFlagSet("healthcheck", "[--url URL]", `
Exits 0 when the daemon's health endpoint, /healthz under URL, answers 200 within the timeout,
1 otherwise. Meant for container health checks, where no curl is installed.`)
	base := fs.String("url", "http://127.0.0.1:8080", "base `URL` of the daemon's HTTP API, as reindex takes it")
	timeout := fs.Duration("timeout", 3*time.Second, "how long to wait for the answer")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	u := strings.TrimRight(*base, "/") + "/healthz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", u, resp.Status)
	}
	return nil
}
