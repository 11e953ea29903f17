package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/alert"
	alertworker "github.com/claimwire/claimwire/indexer/alert/worker"
)

// newAlertServer serves the alert routes of a real index holding the fixture claims, with saved
// searches in a real embedded JetStream.
func newAlertServer(t *testing.T) (*httptest.Server, *alertworker.Store) {
	t.Helper()
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	if err := ix.Index(t.Context(), fixtureClaims(t)); err != nil {
		t.Fatal(err)
	}
	b := bustest.Open(t)
	store, err := alertworker.Open(t.Context(), b.JS, alertworker.DefaultConfig(), 1)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(NewAlerts(ix, store, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv, store
}

func call(t *testing.T, srv *httptest.Server, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

func TestAlertsAPI(t *testing.T) {
	srv, store := newAlertServer(t)
	resp, body := call(t, srv, http.MethodPost, "/api/alerts",
		`{"name":"Chips","q":"chips","lang":["en"],"webhook":{"url":"https://desk.example/hook"},"subject":"newsroom.chips"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %s %s", resp.Status, body)
	}
	var created alert.Search
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	if created.ID == "" || created.Webhook == nil || len(created.Webhook.Secret) < 16 || created.Created.IsZero() ||
		resp.Header.Get("Location") != "/api/alerts/"+created.ID {
		t.Fatalf("created %+v, Location %q", created, resp.Header.Get("Location"))
	}

	for _, path := range []string{"/api/alerts", "/api/alerts/" + created.ID} {
		resp, body = call(t, srv, http.MethodGet, path, "")
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"q":"chips"`) ||
			strings.Contains(string(body), created.Webhook.Secret) || strings.Contains(string(body), `"secret"`) {
			t.Errorf("GET %s: %s %s (the secret must not be shown again)", path, resp.Status, body)
		}
	}

	for _, tt := range []struct {
		name, method, path, body string
		status                   int
		err                      string
	}{
		{"same id again", http.MethodPost, "/api/alerts", `{"id":"` + created.ID + `","name":"again"}`, http.StatusConflict, "exists"},
		{"not JSON", http.MethodPost, "/api/alerts", `name=x`, http.StatusBadRequest, "not a JSON object"},
		{"unknown field", http.MethodPost, "/api/alerts", `{"name":"x","query":"chips"}`, http.StatusBadRequest, "unknown field"},
		{"query the index refuses", http.MethodPost, "/api/alerts", `{"name":"x","q":"nosuchfield:x"}`, http.StatusBadRequest, "nosuchfield"},
		{"bad webhook", http.MethodPost, "/api/alerts", `{"name":"x","webhook":{"url":"file:///etc/passwd"}}`, http.StatusBadRequest, "webhook.url"},
		{"unknown search", http.MethodGet, "/api/alerts/nope", "", http.StatusNotFound, "no saved search"},
		{"unknown feed", http.MethodGet, "/api/alerts/nope/atom", "", http.StatusNotFound, "no saved search"},
		{"unknown events", http.MethodGet, "/api/alerts/nope/events", "", http.StatusNotFound, "no saved search"},
		{"unknown delete", http.MethodDelete, "/api/alerts/nope", "", http.StatusNotFound, "no saved search"},
		{"put", http.MethodPut, "/api/alerts", "", http.StatusMethodNotAllowed, "not allowed"},
		{"post on a search", http.MethodPost, "/api/alerts/" + created.ID, "", http.StatusMethodNotAllowed, "not allowed"},
		{"unknown route", http.MethodGet, "/api/alerts/x/y/z", "", http.StatusNotFound, "no such endpoint"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := call(t, srv, tt.method, tt.path, tt.body)
			var e errorBody
			if resp.StatusCode != tt.status || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, tt.err) {
				t.Fatalf("%s %s: %s %s, want %d with %q", tt.method, tt.path, resp.Status, body, tt.status, tt.err)
			}
		})
	}

	// The feed and the event list show what was recorded.
	ev := alert.Event{Version: 1, ID: created.ID + ".claim.c04", Kind: alert.KindClaim, Search: alert.SearchRef{ID: created.ID, Name: "Chips"},
		Time: time.Now().UTC().Truncate(time.Second), Claim: &indexer.Hit{Claim: fixtureClaims(t)[3]}}
	if _, err := store.Record(t.Context(), []alert.Event{ev}); err != nil {
		t.Fatal(err)
	}
	resp, body = call(t, srv, http.MethodGet, "/api/alerts/"+created.ID+"/atom", "")
	feed, err := gofeed.NewParser().ParseString(string(body))
	if resp.StatusCode != http.StatusOK || err != nil || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("feed: %s %v %s", resp.Status, err, body)
	}
	if feed.FeedLink != srv.URL+"/api/alerts/"+created.ID+"/atom" || len(feed.Items) != 1 || feed.Items[0].Title != "100,000 chips (technews.example.com)" {
		t.Fatalf("feed %+v, entries %+v", feed, feed.Items)
	}
	resp, body = call(t, srv, http.MethodGet, "/api/alerts/"+created.ID+"/events", "")
	var events struct {
		Events []alert.Event `json:"events"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &events) != nil || len(events.Events) != 1 || events.Events[0].ID != ev.ID {
		t.Fatalf("events: %s %s", resp.Status, body)
	}

	if resp, body = call(t, srv, http.MethodDelete, "/api/alerts/"+created.ID, ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %s %s", resp.Status, body)
	}
	if resp, _ = call(t, srv, http.MethodGet, "/api/alerts/"+created.ID+"/atom", ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("feed of a deleted search: %s", resp.Status)
	}
}

// The alert routes are described, the definitions behind the token, feed and events public.
func TestOpenAPIAlerts(t *testing.T) {
	var spec struct {
		Paths map[string]map[string]struct {
			Security []map[string][]string `json:"security"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPISpec, &spec); err != nil {
		t.Fatal(err)
	}
	for route, token := range map[string]bool{
		"GET /api/alerts": true, "POST /api/alerts": true, "GET /api/alerts/{id}": true, "DELETE /api/alerts/{id}": true,
		"GET /api/alerts/{id}/atom": false, "GET /api/alerts/{id}/events": false,
	} {
		method, p, _ := strings.Cut(route, " ")
		op, ok := spec.Paths[p][strings.ToLower(method)]
		switch {
		case !ok:
			t.Errorf("openapi.json lacks %s", route)
		case token && (len(op.Security) != 1 || op.Security[0]["bearerAuth"] == nil):
			t.Errorf("%s: security %v, want bearerAuth", route, op.Security)
		case !token && len(op.Security) != 0:
			t.Errorf("%s is public but described as needing a token", route)
		}
	}
}
