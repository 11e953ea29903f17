package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strings"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/facts"
)

// groupView is a conflict as the list shows it: what the fact is about, why its claims were
// grouped, how far apart they are, and each value with the articles stating it.
type groupView struct {
	URL                     string
	Subject, Measure, Lang  string
	Why                     string
	Confidence, Gap         string
	Unit                    string
	Disagreements, Articles int
	Mild                    bool
	Revisions               []string
	Values                  []groupValue
}

// groupValue is a value of a group and the articles stating it, each linked at its sentence.
// Unit is set when Value does not say it (counts, physical units).
type groupValue struct {
	Value, Unit string
	Sources     []sourceView
}

type sourceView struct {
	Source, Title, Link, Date, DateISO, Lang string
	Sentence                                 template.HTML
}

type valueView struct {
	Value, Unit, QualifierLabel string
	Vague                       bool
	Count                       int
	Sources                     []sourceView
}

// factDetail compares every value stated of one fact, conflicting or not, with a chart of
// when each source stated what.
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
	SearchURL              string
	CSVURL                 string
}

type conflictsPage struct {
	Q, Fact      string
	Groups       []groupView
	Scanned      int
	Truncated    bool
	CurrencyNote string
	Detail       *factDetail
	NotFound     bool
}

func (s *server) conflicts(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	cp := &conflictsPage{Q: strings.TrimSpace(v.Get("q")), Fact: strings.TrimSpace(v.Get("fact"))}
	p := &page{Title: "Conflicts", Nav: "conflicts", Conflicts: cp}
	status := http.StatusOK
	var err error
	if cp.Fact != "" {
		err = s.fillFact(r, cp)
	} else {
		err = s.fillConflicts(r, cp)
	}
	if err != nil {
		status, p.Error = s.failure(r, err)
	}
	switch {
	case cp.NotFound:
		status = http.StatusNotFound
	case cp.Detail != nil:
		p.Title = factTitle(cp.Detail.Subject, cp.Detail.Measure)
	}
	s.render(w, r, status, p)
}

// factTitle names a fact by what it measures of what, as its claims say it.
func factTitle(subject, measure string) string {
	switch {
	case subject != "" && measure != "":
		return subject + " — " + measure
	case subject+measure != "":
		return subject + measure
	}
	return "A figure"
}

func percent(f float64) string { return formatNumber(math.Round(f*100), "en") + "%" }

func (s *server) fillConflicts(r *http.Request, cp *conflictsPage) error {
	report, err := s.ix.Conflicts(r.Context(), indexer.ConflictQuery{Q: cp.Q})
	if err != nil {
		return err
	}
	cp.Scanned, cp.Truncated = report.ClaimsScanned, report.Truncated
	if report.Currency != nil {
		cp.CurrencyNote = strings.ToUpper(report.Currency.Note[:1]) + report.Currency.Note[1:]
	}
	for i := range report.Groups {
		cp.Groups = append(cp.Groups, newGroupView(&report.Groups[i]))
	}
	return nil
}

func newGroupView(g *facts.Group) groupView {
	gv := groupView{
		URL:     "/conflicts?" + url.Values{"fact": {g.Fact}}.Encode(),
		Subject: g.Subject, Measure: g.Measure, Lang: g.Lang, Unit: g.Unit,
		Why: strings.Join(g.Why, ", "), Confidence: percent(g.Confidence), Gap: percent(g.Gap),
		Disagreements: g.Disagreements, Articles: g.Articles, Mild: g.Mild,
	}
	for _, rv := range g.Revisions {
		gv.Revisions = append(gv.Revisions, fmt.Sprintf("%s went from %s to %s", rv.Site,
			formatNumber(rv.From, "en"), formatNumber(rv.To, "en")))
	}
	for _, v := range g.Values {
		value := groupValue{Value: qualifierSigns[v.Qualifier] + formatValue(v.Value, v.ValueMax, v.Unit, "en")}
		if !claimwire.IsCurrency(v.Unit) && v.Unit != claimwire.UnitPercent {
			value.Unit = v.Unit
		}
		for i := range v.Sources {
			value.Sources = append(value.Sources, newSourceView(&v.Sources[i], ""))
		}
		gv.Values = append(gv.Values, value)
	}
	return gv
}

// newSourceView shows an article stating a value; siteName, when known, names the site.
func newSourceView(src *facts.Source, siteName string) sourceView {
	if siteName == "" {
		siteName = src.Site
	}
	return sourceView{
		Source: siteName, Title: src.Title, Link: indexer.TextFragmentLink(src.URL, src.Sentence),
		Date: formatDate(src.Published), DateISO: isoDate(src.Published), Lang: src.Lang,
		Sentence: markSentence(src.Sentence, "", src.Surface),
	}
}

// fillFact reads one fact and compares its values.
func (s *server) fillFact(r *http.Request, cp *conflictsPage) error {
	fr, ok, err := s.ix.Fact(r.Context(), cp.Fact)
	if err != nil {
		return err
	}
	if !ok {
		cp.NotFound = true
		return nil
	}
	d := &factDetail{
		Fact: fr.Fact, Subject: fr.Subject, Measure: fr.Measure, Lang: fr.Lang,
		Why: strings.Join(fr.Why, ", "), Confidence: percent(fr.Confidence),
		Claims: len(fr.Claims), Truncated: fr.Truncated,
	}
	siteNames := make(map[string]string)
	for _, h := range fr.Claims {
		siteNames[h.ID] = h.SiteName
	}
	var points []chartPoint
	for _, v := range fr.Values {
		vv := valueView{
			Value: formatValue(v.Value, v.ValueMax, v.Unit, "en"), Unit: v.Unit,
			QualifierLabel: qualifierLabels[v.Qualifier], Vague: v.Vague, Count: len(v.Sources),
		}
		for i := range v.Sources {
			src := &v.Sources[i]
			sv := newSourceView(src, siteNames[src.ID])
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
	sv := url.Values{"q": {"fact:" + fr.Fact}}
	d.SearchURL = "/?" + sv.Encode()
	d.CSVURL = "/api/claims.csv?" + sv.Encode()
	cp.Detail = d
	return nil
}
