package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/facts"
)

// groupView is a conflict as the list shows it: what the fact is about, why its claims were
// grouped, how far apart they are, and each value with the articles stating it.
type groupView struct {
	Fact, URL               string
	Subject, Measure, Lang  string
	Why                     string
	Confidence, Gap         string
	Unit                    string
	Disagreements, Articles int
	Mild                    bool
	Revisions               []string
	// Dismissed names who dismissed the conflict, Rating the fact's verdict, when any.
	Dismissed, Rating string
	Values            []groupValue
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

type conflictsPage struct {
	Q            string
	Dismissed    bool
	Groups       []groupView
	Scanned      int
	Truncated    bool
	CurrencyNote string
}

func (s *server) conflicts(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if fact := strings.TrimSpace(v.Get("fact")); fact != "" {
		// A fact's page used to live here; links to it keep working.
		http.Redirect(w, r, factURL(fact), http.StatusMovedPermanently)
		return
	}
	cp := &conflictsPage{Q: strings.TrimSpace(v.Get("q")), Dismissed: v.Get("dismissed") == "true"}
	p := &page{Title: "Conflicts", Nav: "conflicts", Conflicts: cp}
	status := http.StatusOK
	if err := s.fillConflicts(r, cp); err != nil {
		status, p.Error = s.failure(r, err)
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
	report, err := s.ix.Conflicts(r.Context(), indexer.ConflictQuery{Q: cp.Q, Dismissed: cp.Dismissed})
	if err != nil {
		return err
	}
	cp.Scanned, cp.Truncated = report.ClaimsScanned, report.Truncated
	if report.Currency != nil {
		cp.CurrencyNote = strings.ToUpper(report.Currency.Note[:1]) + report.Currency.Note[1:]
	}
	for i := range report.Groups {
		gv := newGroupView(&report.Groups[i])
		if fs, ok := report.Reviews[gv.Fact]; ok {
			if fs.Dismissed != nil {
				gv.Dismissed = fs.Dismissed.Reviewer
			}
			if fs.Verdict != nil {
				gv.Rating = fs.Verdict.Label
			}
		}
		cp.Groups = append(cp.Groups, gv)
	}
	return nil
}

func newGroupView(g *facts.Group) groupView {
	gv := groupView{
		Fact: g.Fact, URL: factURL(g.Fact),
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
		Sentence: markSentence(src.Sentence, "", src.Surface, src.SentenceOffset),
	}
}
