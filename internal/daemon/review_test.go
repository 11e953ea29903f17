package daemon

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	idxworker "github.com/claimwire/claimwire/indexer/worker"
)

type reviewedClaim struct {
	ID, Fact string
	Review   *struct {
		Dismissed *struct{ Reviewer string }
		Verdict   *struct{ On, Rating, Reviewer string }
	}
}

func getClaim(t *testing.T, base, id string) reviewedClaim {
	t.Helper()
	code, body := adminCall(t, http.MethodGet, base+"/api/claims/"+url.PathEscape(id), "", "")
	var c reviewedClaim
	if code != http.StatusOK || json.Unmarshal(body, &c) != nil {
		t.Fatalf("GET claim %s: %d %s", id, code, body)
	}
	return c
}

// wantReviewed fails unless the claim answers with fact and the fact's verdict and dismissal.
func wantReviewed(t *testing.T, when string, c reviewedClaim, fact string) {
	t.Helper()
	if c.Fact != fact || c.Review == nil || c.Review.Verdict == nil || c.Review.Verdict.Rating != "mostly-false" ||
		c.Review.Verdict.On != "fact" || c.Review.Dismissed == nil || c.Review.Dismissed.Reviewer != "Ana" {
		t.Errorf("%s: claim %s answers fact %s, review %+v; want fact %s dismissed and rated by Ana", when, c.ID, c.Fact, c.Review, fact)
	}
}

// TestReviewsSurviveReindexAndRestart records review decisions through the token-protected
// API of a running daemon; they apply to a claim indexed afterwards, survive a rebuild of the
// index (the review log is the REVIEWS stream, not the index) and a restart.
func TestReviewsSurviveReindexAndRestart(t *testing.T) {
	site := testSite(t)
	cfg := testConfig(t, t.TempDir(), site.URL)
	cfg.HTTP.APIToken = "tok"
	d, crawled, n := runOnce(t, cfg)
	base := "http://" + d.Addr()
	var claim *apiClaim
	res := search(t, base, "propositions giga-usines")
	for i := range res.Claims {
		if res.Claims[i].Value == 48 {
			claim = &res.Claims[i]
		}
	}
	if claim == nil {
		t.Fatalf("no claim of 48 proposals in %+v (%d claims indexed, crawl %+v)", res.Claims, n, crawled)
	}
	fact := getClaim(t, base, claim.ID).Fact
	if fact == "" {
		t.Fatal("the claim has no fact")
	}

	dismiss := fmt.Sprintf(`{"kind":"dismiss","reviewer":"Ana","fact":%q,"note":"not a conflict"}`, fact)
	for _, token := range []string{"", "wrong"} {
		if code, body := adminCall(t, http.MethodPost, base+"/api/admin/reviews", token, dismiss); code != http.StatusUnauthorized {
			t.Errorf("token %q: %d %s, want 401", token, code, body)
		}
	}
	for _, body := range []string{
		dismiss,
		fmt.Sprintf(`{"kind":"verdict","reviewer":"Ana","fact":%q,"rating":"mostly-false","explanation":"Candidates, not proposals."}`, fact),
	} {
		if code, resp := adminCall(t, http.MethodPost, base+"/api/admin/reviews", "tok", body); code != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", body, code, resp)
		}
	}
	wantReviewed(t, "after the review", getClaim(t, base, claim.ID), fact)

	// A claim of another outlet, indexed after the review, joins the fact: it is reviewed too.
	h, ok, err := d.Index().Get(t.Context(), claim.ID)
	if err != nil || !ok {
		t.Fatalf("get %s: %v %v", claim.ID, ok, err)
	}
	late := h.Claim
	late.ID, late.URL, late.Site, late.SiteName = "late-48", "https://echo.test/giga", "echo.test", "Echo"
	late.Published = late.Published.Add(48 * time.Hour)
	data, err := json.Marshal(late)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.bus.JS.Publish(t.Context(), claimwire.SubjectClaims, data, jetstream.WithMsgID(late.ID)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if err := d.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	wantReviewed(t, "a claim indexed after the review", getClaim(t, base, late.ID), fact)
	n++

	// Rebuild the index from CLAIMS: the review state was never in it.
	if code, body := adminCall(t, http.MethodPost, base+"/api/admin/reindex", "tok", ""); code != http.StatusAccepted {
		t.Fatalf("POST reindex: %d %s", code, body)
	}
	var st idxworker.RebuildStatus
	for st = d.reindex.rebuilder.Status(); st.Running || st.Finished.IsZero(); st = d.reindex.rebuilder.Status() {
		if ctx.Err() != nil {
			t.Fatal("reindex did not finish")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st.Error != "" || st.Indexed != n {
		t.Fatalf("reindex %+v, want %d claims", st, n)
	}
	wantReviewed(t, "after reindex", getClaim(t, base, claim.ID), fact)
	wantReviewed(t, "the late claim after reindex", getClaim(t, base, late.ID), fact)
	stop(t, d)

	// Restart on the same data directory: the log is read back from JetStream.
	d, _, _ = runOnce(t, cfg)
	defer stop(t, d)
	base = "http://" + d.Addr()
	wantReviewed(t, "after restart", getClaim(t, base, claim.ID), fact)
	code, body := adminCall(t, http.MethodGet, base+"/api/reviews?fact="+url.QueryEscape(fact), "", "")
	var log struct {
		Events []struct{ Kind, Reviewer string }
	}
	if code != http.StatusOK || json.Unmarshal(body, &log) != nil || len(log.Events) != 2 ||
		log.Events[0].Kind != "dismiss" || log.Events[1].Kind != "verdict" || log.Events[1].Reviewer != "Ana" {
		t.Errorf("review log after restart: %d %s", code, body)
	}
}
