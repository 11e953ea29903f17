package daemon

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/internal/config"
)

// TestPoisonMessagesGoToDeadLetters publishes malformed and too-new messages next to good ones:
// the bad ones end in the dead letters with their reason, the good ones are indexed, and the
// admin API lists and replays dead letters only with the bearer token.
func TestPoisonMessagesGoToDeadLetters(t *testing.T) {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.Index.Dir = cfg.DataDir + "/index"
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.HTTP.APIToken = "test-token"
	cfg.NATS.Embedded.Port = -1
	cfg.Roles = []string{config.RoleExtractor, config.RoleIndexer}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	d, err := Start(ctx, cfg, Options{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t, d)

	good := claimwire.Article{Version: claimwire.SchemaVersion, URL: "https://example.org/a", Site: "example.org",
		Title: "Chips", Text: "The operator bought 4,000 GPUs for its new data centre.", Lang: "en"}
	good.ContentHash = good.ComputeContentHash()
	goodJSON, _ := json.Marshal(good)
	for _, m := range []struct{ subject, data string }{
		{claimwire.SubjectArticles, `{"v":1,"url":`},
		{claimwire.SubjectArticles, `{"v":99,"url":"https://example.org/future"}`},
		{claimwire.SubjectClaims, `not json at all`},
		{claimwire.SubjectClaims, `{"v":1,"value":3}`},
		{claimwire.SubjectArticles, string(goodJSON)},
	} {
		if _, err := d.bus.JS.Publish(ctx, m.subject, []byte(m.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := d.Index().Count(); n != 1 {
		t.Errorf("index holds %d claims, want the good article's 1", n)
	}
	letters, err := d.bus.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"malformed article JSON", "article schema version 99", "malformed claim JSON", "claim without id"}
	if len(letters) != len(want) {
		t.Fatalf("dead letters = %+v, want %d", letters, len(want))
	}
	for _, w := range want {
		found := false
		for _, l := range letters {
			found = found || strings.Contains(l.Reason, w)
		}
		if !found {
			t.Errorf("no dead letter with reason %q in %+v", w, letters)
		}
	}

	base := "http://" + d.Addr()
	if code, _ := adminCall(t, http.MethodGet, base+"/api/admin/dlq", "", ""); code != http.StatusUnauthorized {
		t.Errorf("dlq list without token: %d, want 401", code)
	}
	if code, _ := adminCall(t, http.MethodGet, base+"/api/admin/dlq", "wrong", ""); code != http.StatusUnauthorized {
		t.Errorf("dlq list with a wrong token: %d, want 401", code)
	}
	if code, _ := adminCall(t, http.MethodGet, base+"/api/admin/dlq", "test-token", ""); code != http.StatusOK {
		t.Errorf("dlq list with the token: %d, want 200", code)
	}
	// A replayed message goes back to its subject and, still broken, to the dead letters again.
	seq := letters[0].Seq
	if code, _ := adminCall(t, http.MethodPost, base+"/api/admin/dlq/"+strconv.FormatUint(seq, 10)+"/replay", "test-token", ""); code != http.StatusOK {
		t.Fatalf("replay: %d", code)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		again, err := d.bus.DeadLetters(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) == len(want) && again[len(again)-1].Seq > seq && again[0].Seq != seq {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("replayed dead letter did not come back: %+v", again)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code, _ := adminCall(t, http.MethodPost, base+"/api/admin/dlq/999999/replay", "test-token", ""); code != http.StatusBadRequest {
		t.Errorf("replay of a missing dead letter: %d, want 400", code)
	}
}

// adminCall sends an admin request with the bearer token (none when empty) and returns the
// status and the response body.
func adminCall(t *testing.T, method, url, token, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}
