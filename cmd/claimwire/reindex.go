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
)

func (m *Main) runReindex(ctx context.Context, args []string) error {
	fs := m.newFlagSet("reindex", "[--url URL]", `
Asks the running indexer to rebuild its index from the CLAIMS stream: it builds a new index
beside the live one and swaps it in, without downtime, then this command prints the result.
The API token comes from CLAIMWIRE_API_TOKEN.`)
	base := fs.String("url", "http://127.0.0.1:8080", "address of the indexer's HTTP API")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	token := m.Getenv("CLAIMWIRE_API_TOKEN")
	if token == "" {
		return errors.New("reindex: set CLAIMWIRE_API_TOKEN to the daemon's API token")
	}
	endpoint := strings.TrimRight(*base, "/") + "/api/admin/reindex"
	var started map[string]string
	if err := requestJSON(ctx, http.MethodPost, endpoint, token, &started); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	fmt.Fprintln(m.Stdout, "reindex started")
	for {
		var st struct {
			Running           bool
			Read, Indexed     uint64
			Error             string
			Started, Finished time.Time
		}
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
		if st.Error != "" {
			return fmt.Errorf("reindex failed: %s", st.Error)
		}
		fmt.Fprintf(m.Stdout, "reindexed %d claims from %d messages in %s; the new index is live\n",
			st.Indexed, st.Read, st.Finished.Sub(st.Started).Round(time.Millisecond))
		return nil
	}
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
