package web

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/indexertest"
	"github.com/claimwire/claimwire/indexer/review"
)

func TestReviewedPages(t *testing.T) {
	var claims [2][]claimwire.Claim
	for i, path := range []string{"../testdata/claims.json", "../testdata/facts.json"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &claims[i]); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := openIndex([][]claimwire.Claim{claims[0], claims[1][:2], claims[1][2:3], claims[1][3:]})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	st := review.NewState()
	at := time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)
	for i, e := range []review.Event{
		{Kind: review.KindDismiss, Fact: "m01", Note: "bids and bidders"},
		{Kind: review.KindVerdict, Fact: "m01", Rating: review.RatingMostlyFalse, Explanation: "Two counts mixed up."},
		{Kind: review.KindVerdict, Claim: "m04", Rating: review.RatingFalse, Explanation: "160 <b>companies</b>, not proposals."},
		{Kind: review.KindMerge, Fact: "m01", Other: "m02"},
	} {
		e.V, e.Seq, e.ID, e.Reviewer, e.At = review.Version, uint64(i+1), "e"+string(rune('1'+i)), "Ana <i>L</i>", at
		if err := e.Validate(); err != nil {
			t.Fatal(err)
		}
		st.Apply(e)
	}
	ix.SetReviews(indexertest.Reviews{St: st})
	h, err := New(ix, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		target   string
		status   int
		location string
		want     []string
		not      []string
	}{
		{target: "/conflicts?fact=m01", status: http.StatusMovedPermanently, location: "/facts/m01"},
		{target: "/facts/m02", status: http.StatusFound, location: "/facts/m01"},
		{
			target: "/facts/m01", status: http.StatusOK,
			want: []string{
				`<p class="rating rating-mostly-false"><strong>Mostly false</strong> (this fact): Two counts mixed up.`,
				`Conflict dismissed by Ana &lt;i&gt;L&lt;/i&gt; on <time datetime="2025-06-10">10 Jun 2025</time>: bids and bidders`,
				`Merged into this fact: <a href="/facts/m02">m02</a>`,
				`<form class="review-form" data-kind="restore" data-fact="m01">`,
				`<form class="review-form" data-kind="verdict" data-fact="m01">`,
				`<form class="review-form" data-kind="merge" data-fact="m01">`,
				`merged fact m02 into m01`, `dismissed the conflict of fact m01 (bids and bidders)`,
				`"@type":"ClaimReview"`, `"alternateName":"Mostly false"`, `"url":"http://example.com/claims/m01"`,
				`<span class="mark">first appearance</span>`,
				// m04, the first to say more than 160, has its own verdict.
				`"alternateName":"False"`, `"url":"http://example.com/claims/m04"`,
				`href="/?q=fact%3Am01&#43;fact%3Am02"`,
			},
			not: []string{`data-kind="dismiss"`, `<i>L</i>`},
		},
		{
			target: "/claims/m04", status: http.StatusOK,
			want: []string{
				`<strong>False</strong>: 160 &lt;b&gt;companies&lt;/b&gt;, not proposals.`,
				`Conflict dismissed by Ana`,
				`<form class="review-form" data-kind="verdict" data-claim="m04">`,
				`<form class="review-form" data-kind="split" data-claim="m04">`,
				`<a href="/facts/m01">Compare sources on this fact</a>`,
				`<a href="/api/claims/m04/claimreview">ClaimReview</a>`,
				`"@type":"ClaimReview"`, `"alternateName":"False"`, `\u003cb\u003ecompanies`,
			},
			not: []string{`<b>companies`},
		},
		{
			target: "/claims/m02", status: http.StatusOK,
			want: []string{`Linked by the indexer to <a href="/facts/m02">m02</a>`, `<a href="/facts/m01">Compare sources on this fact</a>`},
		},
		// The search a merged fact's page links finds the claims of both.
		{target: "/?q=fact%3Am01+fact%3Am02", status: http.StatusOK, want: []string{`>4 claims</h2>`}},
		{target: "/conflicts?q=ministry", status: http.StatusOK, want: []string{`0 facts on which sources disagree`}},
		{
			target: "/conflicts?q=ministry&dismissed=true", status: http.StatusOK,
			want: []string{`1 fact on which sources disagree`, `<span class="mark dismissed">dismissed by Ana &lt;i&gt;L&lt;/i&gt;</span>`,
				`<span class="mark rated">rated Mostly false</span>`, `name="dismissed" value="true" checked`},
		},
	} {
		t.Run(tt.target, func(t *testing.T) {
			res, page := fetch(t, h, tt.target)
			if res.StatusCode != tt.status || res.Header.Get("Location") != tt.location {
				t.Fatalf("status %d at %q, want %d at %q\n%s", res.StatusCode, res.Header.Get("Location"), tt.status, tt.location, page)
			}
			withoutJSONLD(t, page) // fails t unless each JSON-LD block is JSON
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(page, w) {
					t.Errorf("page has %s", w)
				}
			}
		})
	}
}
