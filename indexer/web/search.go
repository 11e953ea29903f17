package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/claimwire/claimwire/indexer"
)

// claimView is a claim as the page shows it; the script renders the same structure from the
// API's JSON.
type claimView struct {
	Value, Unit, QualifierLabel string
	Vague                       bool
	Sentence                    template.HTML
	Lang                        string
	Source, Title, URL, Link    string
	Date, DateISO               string
	FactURL, ClaimURL           string
}

type facetItem struct {
	Field, Term, Label string
	Count              int
	Selected           bool
}

// monthItem is one bar of the histogram of claims by month of publication; its link sets the
// date range to that month.
type monthItem struct {
	Label, From, To, URL string
	Count, Max           int
	Selected             bool
}

type facetGroup struct {
	Field, Label string
	Items        []facetItem
}

type searchPage struct {
	Params      searchParams
	SortOptions []sortOption
	Error       string
	Total       uint64
	TotalText   string
	Claims      []claimView
	Facets      []facetGroup
	Months      []monthItem
	Expansions  []string
	CSVURL      string
	PrevURL     string
	NextURL     string
	Page, Pages int
}

// facetLabels title the facet fieldsets.
var facetLabels = map[string]string{"lang": "Language", "unit": "Unit", "metric": "Metric", "site": "Site"}

func (s *server) search(w http.ResponseWriter, r *http.Request) {
	params, perr := parseSearchParams(r.URL.Query())
	sp := &searchPage{Params: params, SortOptions: sortOptions, Page: params.Page, Claims: []claimView{}}
	sp.CSVURL = "/api/claims.csv"
	if v := params.values(); len(v) > 0 {
		sp.CSVURL += "?" + v.Encode()
	}
	status := http.StatusOK
	var res *indexer.Result
	err := perr
	if err == nil {
		res, err = s.ix.Search(r.Context(), params.query())
	}
	if err != nil {
		status, sp.Error = s.failure(r, err)
		sp.Facets = facetGroups(&params, nil)
	} else {
		s.fillResults(sp, &params, res)
	}
	title := "Search"
	if params.Q != "" {
		title = params.Q
	}
	s.render(w, r, status, &page{Title: title, Nav: "search", Search: sp})
}

func (s *server) fillResults(sp *searchPage, p *searchParams, res *indexer.Result) {
	sp.Total = res.Total
	sp.TotalText = totalText(res.Total)
	sp.Expansions = res.Expansions
	for i := range res.Claims {
		sp.Claims = append(sp.Claims, newClaimView(&res.Claims[i]))
	}
	sp.Facets = facetGroups(p, res.Facets)
	if res.Facets != nil {
		sp.Months = monthItems(p, res.Facets.Months)
	}
	last := int(min(res.Total, indexer.DefaultMaxWindow)+pageSize-1) / pageSize
	sp.Pages = max(last, 1)
	if p.Page > 1 {
		sp.PrevURL = p.pageURL(p.Page - 1)
	}
	if p.Page < last {
		sp.NextURL = p.pageURL(p.Page + 1)
	}
}

func totalText(n uint64) string {
	if n == 1 {
		return "1 claim"
	}
	return formatNumber(float64(n), "en") + " claims"
}

func newClaimView(h *indexer.Hit) claimView {
	source := h.SiteName
	if source == "" {
		source = h.Site
	}
	cv := claimView{
		Value:          formatValue(h.Value, h.ValueMax, h.Unit, h.Lang),
		Unit:           h.Unit,
		QualifierLabel: qualifierLabels[h.Qualifier],
		Vague:          h.Vague,
		Sentence:       markSentence(h.Sentence, h.Highlight, h.Surface, h.SentenceOffset),
		Lang:           h.Lang,
		Source:         source,
		Title:          h.Title,
		URL:            h.URL,
		Link:           h.Link,
		Date:           formatDate(h.Published),
		DateISO:        isoDate(h.Published),
		ClaimURL:       claimURL(h.ID),
	}
	if h.Fact != "" {
		cv.FactURL = factURL(h.Fact)
	}
	return cv
}

// facetGroups lists each facet's terms with their counts. Selected terms stay listed (with a
// zero count when the index has none), so that they can be unticked.
func facetGroups(p *searchParams, f *indexer.Facets) []facetGroup {
	counts := map[string][]indexer.FacetCount{}
	if f != nil {
		counts = map[string][]indexer.FacetCount{"lang": f.Lang, "unit": f.Unit, "metric": f.Metric, "site": f.Site}
	}
	groups := make([]facetGroup, 0, len(facetFields))
	for _, field := range facetFields {
		g := facetGroup{Field: field, Label: facetLabels[field]}
		seen := make(map[string]bool)
		for _, c := range counts[field] {
			g.Items = append(g.Items, newFacetItem(p, field, c.Term, c.Count))
			seen[c.Term] = true
		}
		for _, term := range p.Facets[field] {
			if !seen[term] {
				g.Items = append(g.Items, newFacetItem(p, field, term, 0))
			}
		}
		groups = append(groups, g)
	}
	return groups
}

func newFacetItem(p *searchParams, field, term string, count int) facetItem {
	label := term
	if field == "lang" {
		label = langName(term)
	}
	return facetItem{Field: field, Term: term, Label: label, Count: count, Selected: p.selected(field, term)}
}

// monthItems turns the month facet ("2025-06") into histogram bars linking to date ranges.
func monthItems(p *searchParams, months []indexer.FacetCount) []monthItem {
	peak := 0
	for _, m := range months {
		peak = max(peak, m.Count)
	}
	items := make([]monthItem, 0, len(months))
	for _, m := range months {
		first, err := time.Parse("2006-01", m.Term)
		if err != nil {
			continue
		}
		from, to := isoDate(first), isoDate(first.AddDate(0, 1, -1))
		v := p.values()
		v.Set("from", from)
		v.Set("to", to)
		items = append(items, monthItem{Label: first.Format("Jan 2006"), From: from, To: to, URL: "/?" + v.Encode(),
			Count: m.Count, Max: peak, Selected: p.From == from && p.To == to})
	}
	return items
}
