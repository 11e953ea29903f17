package web

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/claimwire/claimwire/indexer"
)

// Limits of the conflicts view.
const (
	// maxDetailClaims bounds the claims read for one metric's comparison and chart.
	maxDetailClaims = 500
	// groupValues is how many values a conflict group shows in the list before "…".
	groupValues = 6
)

type metricOption struct {
	Metric   string
	Claims   int
	Selected bool
}

type groupView struct {
	Metric, Unit, URL, Spread string
	Disagreements             int
	Values                    []string
}

type sourceView struct {
	Source, Title, Link, Date, DateISO, Lang string
	Sentence                                 template.HTML
	plain                                    string // Sentence as text, unmarked
}

type valueView struct {
	Value, Unit, QualifierLabel string
	Vague                       bool
	Count                       int
	Sources                     []sourceView

	sortValue float64
}

// metricDetail compares every value stated about one metric, conflicting or not: sources may
// count different things under one metric (76 proposals, more than 160 companies) and the
// reader should see them all side by side.
type metricDetail struct {
	Metric        string
	Claims        int
	Truncated     bool
	Disagreements int
	Verdict       string
	Chart         template.HTML
	ChartNarrow   template.HTML
	Undated       int
	Values        []valueView
	SearchURL     string
	CSVURL        string
}

type conflictsPage struct {
	Q, Metric    string
	Metrics      []metricOption
	Groups       []groupView
	Scanned      int
	Truncated    bool
	CurrencyNote string
	Detail       *metricDetail
}

func (s *server) conflicts(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	cp := &conflictsPage{Q: strings.TrimSpace(v.Get("q")), Metric: strings.TrimSpace(v.Get("metric"))}
	p := &page{Title: "Conflicts", Nav: "conflicts", Conflicts: cp}
	status := http.StatusOK
	if err := s.fillConflicts(r, cp); err != nil {
		status, p.Error = s.failure(r, err)
	}
	if cp.Metric != "" {
		p.Title = cp.Metric
	}
	s.render(w, r, status, p)
}

func (s *server) fillConflicts(r *http.Request, cp *conflictsPage) error {
	ctx := r.Context()
	// The metric facet of one search names the most claimed metrics; Index.Metrics would also
	// compute every metric's value spread, which the menu does not show.
	res, err := s.ix.Search(ctx, indexer.Query{Q: cp.Q, Size: 1, Facets: true})
	if err != nil {
		return err
	}
	if res.Facets == nil {
		return errors.New("web: search returned no facets")
	}
	for _, m := range res.Facets.Metric {
		cp.Metrics = append(cp.Metrics, metricOption{Metric: m.Term, Claims: m.Count, Selected: m.Term == cp.Metric})
	}
	if cp.Metric != "" && !slices.ContainsFunc(cp.Metrics, func(o metricOption) bool { return o.Selected }) {
		cp.Metrics = append(cp.Metrics, metricOption{Metric: cp.Metric, Selected: true})
	}
	cq := indexer.ConflictQuery{Q: cp.Q}
	if cp.Metric != "" {
		cq.Metric = []string{cp.Metric}
	}
	report, err := s.ix.Conflicts(ctx, cq)
	if err != nil {
		return err
	}
	if cp.Metric != "" {
		cp.Detail, err = s.metricDetail(r, cp.Q, cp.Metric, report)
		return err
	}
	cp.Scanned, cp.Truncated = report.ClaimsScanned, report.Truncated
	if report.Currency != nil {
		cp.CurrencyNote = strings.ToUpper(report.Currency.Note[:1]) + report.Currency.Note[1:]
	}
	for _, g := range report.Groups {
		gv := groupView{
			Metric: g.Metric, Unit: g.Unit, Disagreements: g.Disagreements,
			Spread: formatNumber(math.Round(g.Spread*100), "en") + "%",
			URL:    "/conflicts?" + conflictValues(cp.Q, g.Metric).Encode(),
		}
		for i, cv := range g.Values {
			if i == groupValues {
				gv.Values = append(gv.Values, fmt.Sprintf("%d more", len(g.Values)-groupValues))
				break
			}
			gv.Values = append(gv.Values, qualifierSigns[cv.Qualifier]+formatValue(cv.Value, cv.ValueMax, cv.Unit, "en"))
		}
		cp.Groups = append(cp.Groups, gv)
	}
	return nil
}

func conflictValues(q, metric string) url.Values {
	v := url.Values{"metric": {metric}}
	if q != "" {
		v.Set("q", q)
	}
	return v
}

type statementKey struct {
	unit, qualifier string
	value, valueMax float64
	hasMax, vague   bool
}

func newSourceView(h *indexer.Hit) sourceView {
	cv := newClaimView(h)
	return sourceView{
		Source: cv.Source, Title: cv.Title, Link: cv.Link, Date: cv.Date, DateISO: cv.DateISO, Lang: cv.Lang,
		Sentence: markSentence(h.Sentence, "", h.Surface), plain: h.Sentence,
	}
}

// metricDetail reads the claims about metric (most recent first, up to maxDetailClaims) and
// groups them by statement.
func (s *server) metricDetail(r *http.Request, q, metric string, report *indexer.ConflictReport) (*metricDetail, error) {
	d := &metricDetail{Metric: metric}
	sq := indexer.Query{Q: q, Metric: []string{metric}, Sort: indexer.SortDateDesc, Size: s.ix.PageSizeLimit()}
	var hits []indexer.Hit
	for {
		res, err := s.ix.Search(r.Context(), sq)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Claims {
			if len(hits) == maxDetailClaims {
				d.Truncated = true
				break
			}
			hits = append(hits, h)
		}
		if res.Next == "" || d.Truncated {
			break
		}
		sq.Cursor = res.Next
	}
	d.Claims = len(hits)

	index := make(map[statementKey]int)
	stated := make(map[statementKey]map[string]int) // source position by article URL
	var points []chartPoint
	for i := range hits {
		h := &hits[i]
		k := statementKey{unit: h.Unit, qualifier: h.Qualifier, value: h.Value, vague: h.Vague}
		if h.ValueMax != nil {
			k.valueMax, k.hasMax = *h.ValueMax, true
		}
		if j, ok := stated[k][h.URL]; ok {
			// One article stating a value in its headline and again in its body is one
			// source, shown with the body's sentence, which says more.
			srcs := d.Values[index[k]].Sources
			if indexer.IsHeadline(srcs[j].plain, srcs[j].Title) && !indexer.IsHeadline(h.Sentence, h.Title) {
				srcs[j] = newSourceView(h)
			}
			continue
		}
		n, ok := index[k]
		if !ok {
			n = len(d.Values)
			index[k] = n
			d.Values = append(d.Values, valueView{
				Value: formatValue(h.Value, h.ValueMax, h.Unit, "en"), Unit: h.Unit,
				QualifierLabel: qualifierLabels[h.Qualifier], Vague: h.Vague, sortValue: h.Value,
			})
		}
		if stated[k] == nil {
			stated[k] = make(map[string]int)
		}
		stated[k][h.URL] = len(d.Values[n].Sources)
		src := newSourceView(h)
		d.Values[n].Count++
		d.Values[n].Sources = append(d.Values[n].Sources, src)
		if h.Published.IsZero() {
			d.Undated++
		}
		points = append(points, chartPoint{Source: src.Source, Date: h.Published, Value: h.Value, ValueMax: h.ValueMax,
			Unit: h.Unit, Qualifier: h.Qualifier})
	}
	slices.SortStableFunc(d.Values, func(a, b valueView) int {
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.sortValue, b.sortValue))
	})
	title := "Values reported for " + metric + " over time, by source"
	d.Chart = renderChart("chart", title, chartWide, points)
	d.ChartNarrow = renderChart("chart-narrow", title, chartNarrow, points)

	for _, g := range report.Groups {
		d.Disagreements += g.Disagreements
	}
	switch {
	case len(d.Values) == 0:
		d.Verdict = "No claim matches this metric."
	case d.Disagreements == 1:
		d.Verdict = "One pair of these values cannot both be true."
	case d.Disagreements > 1:
		d.Verdict = fmt.Sprintf("%d pairs of these values cannot both be true.", d.Disagreements)
	case len(d.Values) == 1:
		d.Verdict = "Every source states the same value."
	default:
		d.Verdict = "These values differ but can all be true: their hedges overlap, or they count different things."
	}
	sv := conflictValues(q, metric)
	d.SearchURL = "/?" + sv.Encode()
	d.CSVURL = "/api/claims.csv?" + sv.Encode()
	return d, nil
}
