package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/indexertest"
	"github.com/claimwire/claimwire/indexer/reviewstore"
)

// reviewServer serves the fact claims (m01, m03 and m04 one fact, m02 another) from a real
// index on disk, read through a review log in a real embedded JetStream, with the review
// writer mounted as the daemon mounts it (without its token check).
func reviewServer(t testing.TB) (*httptest.Server, *indexer.Index, *reviewstore.Store) {
	t.Helper()
	b := bustest.Open(t)
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	// Only the claims about the call for proposals: reviews act on their one conflict.
	for _, claims := range factClaims(t)[1:] {
		if err := ix.Index(t.Context(), claims); err != nil {
			t.Fatal(err)
		}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := reviewstore.Open(t.Context(), b.JS, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	ix.SetReviews(store)
	mux := http.NewServeMux()
	mux.Handle("/api/admin/", NewReviewWriter(ix, store, logger))
	mux.Handle("/api/", New(ix, logger))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, ix, store
}

func post(t *testing.T, srv *httptest.Server, body string) (int, map[string]any) {
	t.Helper()
	resp, err := srv.Client().Post(srv.URL+"/api/admin/reviews", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("POST %s: %d, body not JSON: %v", body, resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

// mustPost records a review event, failing unless it is stored.
func mustPost(t *testing.T, srv *httptest.Server, body string) map[string]any {
	t.Helper()
	status, out := post(t, srv, body)
	if status != http.StatusCreated {
		t.Fatalf("POST %s: %d %v", body, status, out)
	}
	return out
}

func getJSON(t *testing.T, srv *httptest.Server, path string, v any) int {
	t.Helper()
	resp, body := get(t, srv, path)
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
	return resp.StatusCode
}

type factAnswer struct {
	Fact   string
	Claims []struct {
		ID, Fact string
		Review   *struct {
			LinkedFact string `json:"linked_fact"`
			Split      bool
			Dismissed  *struct{ Reviewer string }
			Verdict    *struct{ On, Rating, Reviewer string }
		}
	}
	Conflict *conflictGroup
	Timeline []struct {
		ID, Site, Kind string
		Value          float64
		Revises        *struct{ Value float64 }
	}
	Review *struct {
		Merged, Split []string
		Dismissed     *struct{ Reviewer, Note string }
		Verdict       *struct{ Rating, On, Target string }
	}
}

func claimIDs(f factAnswer) []string {
	var out []string
	for _, c := range f.Claims {
		out = append(out, c.ID)
	}
	return out
}

type conflictsAnswer struct {
	Groups  []conflictGroup
	Reviews map[string]struct {
		Dismissed *struct{ Reviewer string }
	}
}

func conflictFacts(t *testing.T, srv *httptest.Server, path string) (conflictsAnswer, []string) {
	t.Helper()
	var rep conflictsAnswer
	if status := getJSON(t, srv, path, &rep); status != http.StatusOK {
		t.Fatalf("GET %s: %d", path, status)
	}
	var facts []string
	for _, g := range rep.Groups {
		facts = append(facts, g.Fact)
	}
	return rep, facts
}

func TestFactTimeline(t *testing.T) {
	srv := newServer(t, factClaims(t)...)
	var f factAnswer
	if status := getJSON(t, srv, "/api/facts/m01", &f); status != http.StatusOK {
		t.Fatal(status)
	}
	// 76 first in wire.test's article of 1 June, repeated by gazette.test on 2 June; more than
	// 160 first (and only) in ledger.test's of 5 June.
	want := []string{"m01 wire.test first 76", "m03 gazette.test repeat 76", "m04 ledger.test first 160"}
	var got []string
	for _, e := range f.Timeline {
		got = append(got, fmt.Sprintf("%s %s %s %g", e.ID, e.Site, e.Kind, e.Value))
		if e.Revises != nil {
			t.Errorf("%s: no outlet revised its figure, yet %+v", e.ID, e.Revises)
		}
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("timeline %q, want %q", got, want)
	}
}

func TestReviewActions(t *testing.T) {
	srv, ix, _ := reviewServer(t)
	if _, facts := conflictFacts(t, srv, "/api/conflicts"); len(facts) != 1 || facts[0] != "m01" {
		t.Fatalf("conflicts before review: %v", facts)
	}

	// Dismiss: the conflict leaves the list unless asked for, marked as dismissed.
	ev := mustPost(t, srv, `{"kind":"dismiss","reviewer":"Ana","fact":"m01","note":"76 bids, 160 bidders: two counts"}`)
	if ev["seq"] != 1.0 || ev["id"] == "" || ev["at"] == "" || ev["reviewer"] != "Ana" || ev["v"] != 1.0 {
		t.Errorf("stored event %v", ev)
	}
	if _, facts := conflictFacts(t, srv, "/api/conflicts"); len(facts) != 0 {
		t.Errorf("dismissed conflict still listed: %v", facts)
	}
	rep, facts := conflictFacts(t, srv, "/api/conflicts?dismissed=true")
	if len(facts) != 1 || rep.Reviews["m01"].Dismissed == nil || rep.Reviews["m01"].Dismissed.Reviewer != "Ana" {
		t.Errorf("dismissed=true: %v %+v", facts, rep.Reviews)
	}
	if status, out := post(t, srv, `{"kind":"dismiss","reviewer":"Bo","fact":"m01"}`); status != http.StatusConflict || out["error"] == "" {
		t.Errorf("dismissing twice: %d %v", status, out)
	}

	// A claim indexed after the dismissal joins the fact and shows it dismissed.
	late := indexertest.Claims(t, "../testdata/facts.json")[0]
	late.ID, late.URL, late.Site, late.SiteName = "m05", "https://echo.test/magdeburg", "echo.test", "Echo"
	late.Published = late.Published.Add(72 * time.Hour)
	if err := ix.Index(t.Context(), []claimwire.Claim{late}); err != nil {
		t.Fatal(err)
	}
	var c struct {
		Fact   string
		Review *struct{ Dismissed *struct{ Reviewer string } }
	}
	getJSON(t, srv, "/api/claims/m05", &c)
	if c.Fact != "m01" || c.Review == nil || c.Review.Dismissed == nil || c.Review.Dismissed.Reviewer != "Ana" {
		t.Errorf("claim indexed after the dismissal: fact %s review %+v", c.Fact, c.Review)
	}

	// Restore: back in the list.
	mustPost(t, srv, `{"kind":"restore","reviewer":"Bo","fact":"m01"}`)
	if _, facts := conflictFacts(t, srv, "/api/conflicts"); len(facts) != 1 {
		t.Errorf("restored conflict not listed: %v", facts)
	}

	// A verdict on the fact shows on every claim of it, the late one too; a claim's own wins.
	mustPost(t, srv, `{"kind":"verdict","reviewer":"Ana","fact":"m01","rating":"mixed","explanation":"Two different counts."}`)
	mustPost(t, srv, `{"kind":"verdict","reviewer":"Cy","claim":"m04","rating":"mostly-false","explanation":"160 counts companies, not proposals."}`)
	var f factAnswer
	getJSON(t, srv, "/api/facts/m01", &f)
	for _, cl := range f.Claims {
		want := "fact mixed"
		if cl.ID == "m04" {
			want = "claim mostly-false"
		}
		if cl.Review == nil || cl.Review.Verdict == nil || cl.Review.Verdict.On+" "+cl.Review.Verdict.Rating != want {
			t.Errorf("%s: review %+v, want verdict %s", cl.ID, cl.Review, want)
		}
	}
	if f.Review == nil || f.Review.Verdict == nil || f.Review.Verdict.Rating != "mixed" || f.Review.Dismissed != nil {
		t.Errorf("fact review %+v", f.Review)
	}

	// Split: m04 stands alone, and the fact no longer conflicts.
	mustPost(t, srv, `{"kind":"split","reviewer":"Cy","claim":"m04","note":"companies, not proposals"}`)
	f = factAnswer{}
	getJSON(t, srv, "/api/facts/m01", &f)
	if ids := claimIDs(f); !sameSet(ids, "m01", "m03", "m05") || f.Conflict != nil {
		t.Errorf("after the split, m01 holds %v, conflict %v", ids, f.Conflict)
	}
	if f.Review == nil || strings.Join(f.Review.Split, ",") != "m04" {
		t.Errorf("fact review after the split %+v", f.Review)
	}
	f = factAnswer{}
	if status := getJSON(t, srv, "/api/facts/split-m04", &f); status != http.StatusOK || strings.Join(claimIDs(f), ",") != "m04" ||
		f.Claims[0].Fact != "split-m04" || f.Claims[0].Review == nil || !f.Claims[0].Review.Split || f.Claims[0].Review.LinkedFact != "m01" {
		t.Errorf("split fact: %d %+v", status, f)
	}
	if _, facts := conflictFacts(t, srv, "/api/conflicts"); len(facts) != 0 {
		t.Errorf("conflicts after the split: %v", facts)
	}

	// Merge it back: the conflict returns; and a merged fact answers as the one it joined.
	mustPost(t, srv, `{"kind":"merge","reviewer":"Ana","fact":"m01","other":"split-m04"}`)
	mustPost(t, srv, `{"kind":"merge","reviewer":"Ana","fact":"m01","other":"m02"}`)
	f = factAnswer{}
	getJSON(t, srv, "/api/facts/m02", &f)
	if f.Fact != "m01" || len(f.Claims) != 5 || f.Review == nil || strings.Join(f.Review.Merged, ",") != "m02,split-m04" {
		t.Errorf("merged fact m02 answers %s with %v, review %+v", f.Fact, claimIDs(f), f.Review)
	}
	if _, facts := conflictFacts(t, srv, "/api/conflicts"); len(facts) != 1 || facts[0] != "m01" {
		t.Errorf("conflicts after merging back: %v", facts)
	}
	if status, out := post(t, srv, `{"kind":"merge","reviewer":"Ana","fact":"m02","other":"split-m04"}`); status != http.StatusConflict {
		t.Errorf("merging facts already one: %d %v", status, out)
	}

	// Every change is in the log: who, what, when.
	var log struct {
		Events []struct {
			Seq            uint64
			Kind, Reviewer string
			At             time.Time
		}
	}
	getJSON(t, srv, "/api/reviews", &log)
	var kinds []string
	for i, e := range log.Events {
		if e.Seq != uint64(i+1) || e.Reviewer == "" || e.At.IsZero() {
			t.Errorf("event %d: %+v", i, e)
		}
		kinds = append(kinds, e.Kind)
	}
	if got := strings.Join(kinds, ","); got != "dismiss,restore,verdict,verdict,split,merge,merge" {
		t.Errorf("log kinds %s", got)
	}
	log.Events = nil
	getJSON(t, srv, "/api/reviews?claim=m04", &log)
	if len(log.Events) != 2 {
		t.Errorf("events of claim m04: %+v", log.Events)
	}

	// Reviewed answers are described by openapi.json too.
	mustPost(t, srv, `{"kind":"dismiss","reviewer":"Ana","fact":"m02","note":"one fact"}`)
	for _, tt := range []struct{ route, path string }{
		{"/api/facts/{id}", "/api/facts/m01"},
		{"/api/facts/{id}", "/api/facts/split-m04"},
		{"/api/claims/{id}", "/api/claims/m04"},
		{"/api/claims", "/api/claims?q=proposals"},
		{"/api/conflicts", "/api/conflicts?dismissed=true"},
		{"/api/reviews", "/api/reviews?fact=m01"},
	} {
		checkDescribed(t, srv, tt.route, tt.path)
	}
}

func sameSet(got []string, want ...string) bool {
	got = slices.Clone(got)
	slices.Sort(got)
	slices.Sort(want)
	return slices.Equal(got, want)
}

func TestReviewBadRequests(t *testing.T) {
	srv, _, store := reviewServer(t)
	for _, tt := range []struct {
		body   string
		status int
		want   string
	}{
		{`not json`, http.StatusBadRequest, "want a JSON object"},
		{`{"kind":"dismiss","reviewer":"Ana","fact":"m01","extra":1}`, http.StatusBadRequest, "unknown field"},
		{`{"kind":"delete","reviewer":"Ana","fact":"m01"}`, http.StatusBadRequest, "kind"},
		{`{"kind":"dismiss","fact":"m01"}`, http.StatusBadRequest, "reviewer: missing"},
		{`{"kind":"dismiss","reviewer":"Ana","fact":"nope"}`, http.StatusNotFound, `no fact "nope"`},
		{`{"kind":"merge","reviewer":"Ana","fact":"m01","other":"nope"}`, http.StatusNotFound, `no fact "nope"`},
		{`{"kind":"merge","reviewer":"Ana","fact":"m01","other":"m01"}`, http.StatusBadRequest, "same fact"},
		{`{"kind":"split","reviewer":"Ana","claim":"nope"}`, http.StatusNotFound, `no claim "nope"`},
		{`{"kind":"split","reviewer":"Ana","claim":"m04","fact":"m02"}`, http.StatusBadRequest, "claim only"},
		{`{"kind":"verdict","reviewer":"Ana","claim":"m04","rating":"pants-on-fire","explanation":"x"}`, http.StatusBadRequest, "rating"},
		{`{"kind":"verdict","reviewer":"Ana","claim":"m04","fact":"m01","rating":"false","explanation":"x"}`, http.StatusBadRequest, "not both"},
		{`{"kind":"verdict","reviewer":"Ana","claim":"m04","rating":"false"}`, http.StatusBadRequest, "explanation: missing"},
		{`{"kind":"restore","reviewer":"Ana","fact":"m01"}`, http.StatusConflict, "not dismissed"},
		{`{"kind":"dismiss","reviewer":"Ana","fact":"m01","note":"` + strings.Repeat("x", 3000) + `"}`, http.StatusBadRequest, "note: longer"},
		{`{"kind":"dismiss","reviewer":"Ana","fact":"m01","note":"` + strings.Repeat("x", 20<<10) + `"}`, http.StatusBadRequest, "too large"},
		{`{"kind":"dismiss","reviewer":"Ana","fact":"m01"} {"kind":"restore"}`, http.StatusBadRequest, "one JSON object"},
	} {
		status, out := post(t, srv, tt.body)
		msg, _ := out["error"].(string)
		if status != tt.status || !strings.Contains(msg, tt.want) {
			t.Errorf("%.80s: %d %q, want %d with %q", tt.body, status, msg, tt.status, tt.want)
		}
	}
	if n := store.State().Len(); n != 0 {
		t.Errorf("refused requests stored %d events", n)
	}
	for _, path := range []string{"/api/reviews?fcat=m01", "/api/conflicts?dismissed=maybe"} {
		if resp, body := get(t, srv, path); resp.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte(`"error"`)) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
}

func TestClaimReviewRoute(t *testing.T) {
	srv, _, _ := reviewServer(t)
	if resp, _ := get(t, srv, "/api/claims/m03/claimreview"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a claim without verdict has a ClaimReview: %d", resp.StatusCode)
	}
	mustPost(t, srv, `{"kind":"verdict","reviewer":"Ana Lopez","claim":"m03","rating":"mostly-false","explanation":"Counted bids, not bidders."}`)
	resp, body := get(t, srv, "/api/claims/m03/claimreview")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/ld+json") {
		t.Fatalf("%d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	var doc struct {
		Type          string `json:"@type"`
		URL           string `json:"url"`
		DatePublished string `json:"datePublished"`
		ClaimReviewed string `json:"claimReviewed"`
		Author        struct{ Name string }
		ReviewRating  struct {
			RatingValue   int    `json:"ratingValue"`
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
		ItemReviewed struct {
			Type            string               `json:"@type"`
			Appearance      struct{ URL string } `json:"appearance"`
			FirstAppearance struct{ URL string } `json:"firstAppearance"`
		} `json:"itemReviewed"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Type != "ClaimReview" || doc.URL != srv.URL+"/claims/m03" || doc.DatePublished != time.Now().UTC().Format(time.DateOnly) ||
		doc.Author.Name != "Ana Lopez" || doc.ReviewRating.RatingValue != 2 || doc.ReviewRating.AlternateName != "Mostly false" ||
		doc.ItemReviewed.Type != "Claim" || doc.ItemReviewed.Appearance.URL != "https://gazette.test/magdebourg" ||
		doc.ItemReviewed.FirstAppearance.URL == "" || !strings.HasPrefix(doc.ClaimReviewed, "L'appel") {
		t.Errorf("ClaimReview %s", body)
	}
}

// FuzzReviewParams: the parameters of the review log and of conflicts' dismissed answer 200 or
// a 400 with a JSON error, never anything else.
func FuzzReviewParams(f *testing.F) {
	for _, s := range []string{"fact=m01", "claim=m04", "dismissed=true", "dismissed=1&q=magdeburg", "dismissed=maybe", "fcat=m01"} {
		f.Add(s)
	}
	srv, _, _ := reviewServer(f)
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for _, path := range []string{"/api/reviews?", "/api/conflicts?"} {
			resp, body := get(t, srv, path+v.Encode())
			wantAnswerOrRefusal(t, fmt.Sprintf("%s%q", path, raw), resp, body)
		}
	})
}
