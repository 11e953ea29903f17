package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/jsonld"
	"github.com/claimwire/claimwire/indexer/review"
)

// factURL is the permalink of a fact's page.
func factURL(fact string) string { return "/facts/" + url.PathEscape(fact) }

// claimURL is the permalink of a claim's page.
func claimURL(id string) string { return "/claims/" + url.PathEscape(id) }

// factDetail compares every value stated of one fact, conflicting or not, with a chart of
// when each source stated what, the timeline of who stated what first, and what reviewers
// decided.
type factDetail struct {
	Fact                   string
	Subject, Measure, Lang string
	Why, Confidence        string
	Claims                 int
	Truncated              bool
	Disagreements          int
	Verdict                string
	Chart                  template.HTML
	ChartNarrow            template.HTML
	Undated                int
	Values                 []valueView
	Timeline               []timelineView
	SearchURL              string
	CSVURL                 string
	Review                 reviewView
	Events                 []eventView
	VerdictForm            verdictForm
	// Conflict says the values disagree, so the conflict can be dismissed (or restored).
	Conflict bool
}

// timelineView is an article stating a value, in the order of publication.
type timelineView struct {
	sourceView
	ClaimURL string
	Value    string
	First    bool
	Revises  string
}

// reviewView is what reviewers decided about a fact or a claim.
type reviewView struct {
	Dismissed  *markView
	Rating     *ratingView
	Merged     []linkView
	Split      []linkView
	SplitOut   bool
	LinkedFact *linkView
}

type markView struct{ Reviewer, Date, DateISO, Note string }

type ratingView struct {
	markView
	Rating, Label, Explanation string
	OnFact                     bool
}

type linkView struct{ Label, URL string }

type eventView struct {
	Date, DateISO, Reviewer, Action, Note string
}

type ratingOption struct{ Value, Label string }

// verdictForm records a verdict on a fact or (exclusively) a claim.
type verdictForm struct {
	Fact, Claim string
	Ratings     []ratingOption
}

// newVerdictForm rates a fact, or a claim when fact is "".
func newVerdictForm(fact, claim string) verdictForm {
	vf := verdictForm{Fact: fact, Claim: claim}
	for _, r := range review.Ratings() {
		vf.Ratings = append(vf.Ratings, ratingOption{Value: string(r), Label: r.Label()})
	}
	return vf
}

type factPage struct {
	ID       string
	Detail   *factDetail
	NotFound bool
	// JSONLD is the schema.org Claim of each value's first appearance, or its ClaimReview when
	// it has a verdict (its own or the fact's).
	JSONLD []map[string]any
}

func (s *server) fact(w http.ResponseWriter, r *http.Request) {
	fp := &factPage{ID: r.PathValue("id")}
	p := &page{Title: "Fact", Nav: "conflicts", Fact: fp}
	status := http.StatusOK
	if err := s.fillFact(r, fp); err != nil {
		status, p.Error = s.failure(r, err)
	}
	if d := fp.Detail; d != nil && d.Fact != fp.ID {
		// Merged into another fact: its page is that fact's.
		http.Redirect(w, r, factURL(d.Fact), http.StatusFound)
		return
	}
	switch {
	case fp.NotFound:
		status = http.StatusNotFound
	case fp.Detail != nil:
		p.Title = factTitle(fp.Detail.Subject, fp.Detail.Measure)
	}
	s.render(w, r, status, p)
}

// fillFact reads one fact and compares its values.
func (s *server) fillFact(r *http.Request, fp *factPage) error {
	fr, ok, err := s.ix.Fact(r.Context(), fp.ID)
	if err != nil {
		return err
	}
	if !ok {
		fp.NotFound = true
		return nil
	}
	d := &factDetail{
		Fact: fr.Fact, Subject: fr.Subject, Measure: fr.Measure, Lang: fr.Lang,
		Why: strings.Join(fr.Why, ", "), Confidence: percent(fr.Confidence),
		Claims: len(fr.Claims), Truncated: fr.Truncated, VerdictForm: newVerdictForm(fr.Fact, ""), Conflict: fr.Conflict != nil,
	}
	claims := make(map[string]*indexer.Hit)
	for i := range fr.Claims {
		claims[fr.Claims[i].ID] = &fr.Claims[i]
	}
	siteName := func(id string) string {
		if h := claims[id]; h != nil {
			return h.SiteName
		}
		return ""
	}
	var points []chartPoint
	for _, v := range fr.Values {
		vv := valueView{
			Value: formatValue(v.Value, v.ValueMax, v.Unit, "en"), Unit: v.Unit,
			QualifierLabel: qualifierLabels[v.Qualifier], Vague: v.Vague, Count: len(v.Sources),
		}
		for i := range v.Sources {
			src := &v.Sources[i]
			sv := newSourceView(src, siteName(src.ID))
			vv.Sources = append(vv.Sources, sv)
			if src.Published.IsZero() {
				d.Undated++
			}
			points = append(points, chartPoint{Source: sv.Source, Date: src.Published, Value: v.Value,
				ValueMax: v.ValueMax, Unit: v.Unit, Qualifier: v.Qualifier})
		}
		d.Values = append(d.Values, vv)
	}
	title := "Values reported for " + factTitle(fr.Subject, fr.Measure) + " over time, by source"
	d.Chart = renderChart("chart", title, chartWide, points)
	d.ChartNarrow = renderChart("chart-narrow", title, chartNarrow, points)
	if fr.Conflict != nil {
		d.Disagreements = fr.Conflict.Disagreements
	}
	switch {
	case d.Disagreements == 1:
		d.Verdict = "One pair of these values cannot both be true."
	case d.Disagreements > 1:
		d.Verdict = fmt.Sprintf("%d pairs of these values cannot both be true.", d.Disagreements)
	case fr.Conflict != nil:
		d.Verdict = "These values differ only by hedges pointing opposite ways."
	case len(d.Values) == 1:
		d.Verdict = "Every source states the same value."
	default:
		d.Verdict = "These values differ but can all be true: their hedges overlap."
	}
	// fact: matches the fact the indexer gave a claim: a merged fact's search names each.
	terms := []string{"fact:" + fr.Fact}
	if fr.Review != nil {
		d.Review = newFactReviewView(fr.Review)
		for _, f := range fr.Review.Merged {
			if _, split := review.SplitClaim(f); !split {
				terms = append(terms, "fact:"+f)
			}
		}
	}
	sv := url.Values{"q": {strings.Join(terms, " ")}}
	d.SearchURL = "/?" + sv.Encode()
	d.CSVURL = "/api/claims.csv?" + sv.Encode()

	for i := range fr.Timeline {
		e := &fr.Timeline[i]
		tv := timelineView{sourceView: newSourceView(&e.Source, siteName(e.ID)), ClaimURL: claimURL(e.ID),
			Value: qualifierSigns[e.Qualifier] + formatValue(e.Value, e.ValueMax, e.Unit, "en"), First: e.Kind == indexer.TimelineFirst}
		if !claimwire.IsCurrency(e.Unit) && e.Unit != claimwire.UnitPercent {
			tv.Value += " " + e.Unit
		}
		if p := e.Revises; p != nil {
			tv.Revises = qualifierSigns[p.Qualifier] + formatValue(p.Value, p.ValueMax, p.Unit, "en")
		}
		d.Timeline = append(d.Timeline, tv)
		if h := claims[e.ID]; h != nil && tv.First {
			if h.Review != nil && h.Review.Verdict != nil {
				fp.JSONLD = append(fp.JSONLD, jsonld.ClaimReview(h.Claim, h.Claim, *h.Review.Verdict, jsonld.PageURL(r, claimURL(h.ID))))
			} else {
				fp.JSONLD = append(fp.JSONLD, jsonld.Claim(h.Claim, h.Claim))
			}
		}
	}
	d.Events = eventViews(s.ix.Reviews().Events(fr.Fact, ""))
	fp.Detail = d
	return nil
}

func newMarkView(m *review.Mark) markView {
	return markView{Reviewer: m.Reviewer, Date: formatDate(m.At), DateISO: isoDate(m.At), Note: m.Note}
}

func newRatingView(v *review.Verdict) *ratingView {
	return &ratingView{markView: newMarkView(&v.Mark), Rating: string(v.Rating), Label: v.Label,
		Explanation: v.Explanation, OnFact: v.On == "fact"}
}

func newFactReviewView(fs *review.FactStatus) reviewView {
	var rv reviewView
	if fs.Dismissed != nil {
		m := newMarkView(fs.Dismissed)
		rv.Dismissed = &m
	}
	if fs.Verdict != nil {
		rv.Rating = newRatingView(fs.Verdict)
	}
	for _, f := range fs.Merged {
		rv.Merged = append(rv.Merged, linkView{Label: f, URL: factURL(f)})
	}
	for _, c := range fs.Split {
		rv.Split = append(rv.Split, linkView{Label: c, URL: claimURL(c)})
	}
	return rv
}

// eventViews tells the review log in words, newest first.
func eventViews(events []review.Event) []eventView {
	out := make([]eventView, 0, len(events))
	for i := len(events) - 1; i >= 0; i-- {
		e := &events[i]
		var action string
		switch e.Kind {
		case review.KindMerge:
			action = "merged fact " + e.Other + " into " + e.Fact
		case review.KindSplit:
			action = "split claim " + e.Claim + " out of fact " + e.Fact
		case review.KindDismiss:
			action = "dismissed the conflict of fact " + e.Fact
		case review.KindRestore:
			action = "restored the conflict of fact " + e.Fact
		case review.KindVerdict:
			target := "fact " + e.Fact
			if e.Claim != "" {
				target = "claim " + e.Claim
			}
			action = "rated " + target + " " + e.Rating.Label() + ": " + e.Explanation
		}
		out = append(out, eventView{Date: formatDate(e.At), DateISO: isoDate(e.At), Reviewer: e.Reviewer, Action: action, Note: e.Note})
	}
	return out
}

type claimPage struct {
	ID          string
	NotFound    bool
	View        claimView
	Fact        string
	FactURL     string
	Review      reviewView
	Events      []eventView
	VerdictForm verdictForm
	// JSONLD is the claim's ClaimReview when it has a verdict, else its schema.org Claim.
	JSONLD map[string]any
}

func (s *server) claim(w http.ResponseWriter, r *http.Request) {
	cp := &claimPage{ID: r.PathValue("id")}
	cp.VerdictForm = newVerdictForm("", cp.ID)
	p := &page{Title: "Claim", Claim: cp}
	status := http.StatusOK
	if err := s.fillClaim(r, cp); err != nil {
		status, p.Error = s.failure(r, err)
	}
	switch {
	case cp.NotFound:
		status = http.StatusNotFound
	case p.Error == "":
		p.Title = cp.View.Value + " " + cp.View.Unit + " · " + cp.View.Source
	}
	s.render(w, r, status, p)
}

func (s *server) fillClaim(r *http.Request, cp *claimPage) error {
	h, ok, err := s.ix.Get(r.Context(), cp.ID)
	if err != nil {
		return err
	}
	if !ok {
		cp.NotFound = true
		return nil
	}
	cp.View = newClaimView(&h)
	cp.Fact, cp.FactURL = h.Fact, cp.View.FactURL
	first, err := s.ix.FirstAppearance(r.Context(), h.Claim)
	if err != nil {
		return err
	}
	cp.JSONLD = jsonld.Claim(h.Claim, first)
	if st := h.Review; st != nil {
		if st.Dismissed != nil {
			m := newMarkView(st.Dismissed)
			cp.Review.Dismissed = &m
		}
		if st.Verdict != nil {
			cp.Review.Rating = newRatingView(st.Verdict)
			cp.JSONLD = jsonld.ClaimReview(h.Claim, first, *st.Verdict, jsonld.PageURL(r, claimURL(h.ID)))
		}
		cp.Review.SplitOut = st.Split
		if st.LinkedFact != "" {
			cp.Review.LinkedFact = &linkView{Label: st.LinkedFact, URL: factURL(st.LinkedFact)}
		}
	}
	cp.Events = eventViews(s.ix.Reviews().Events("", h.ID))
	return nil
}
