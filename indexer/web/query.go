package web

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/indexer"
)

// pageSize is the number of claims on a page of results.
const pageSize = 20

// errParam reports a query parameter the page cannot use; the page shows its message.
var errParam = errors.New("bad parameter")

// facetFields are the multi-valued filters, in the order the page shows them.
var facetFields = []string{"lang", "unit", "metric", "site"}

// searchParams is the state of the search form, as the URL holds it. It uses the parameter
// names of /api/claims, so the same query string serves the page, the API and the CSV export.
type searchParams struct {
	Q                string
	Facets           map[string][]string
	Min, Max         string
	From, To         string
	Sort             string
	Page             int
	minVal, maxVal   *float64
	fromDate, toDate time.Time
}

// sortOption is an order offered in the form.
type sortOption struct{ Value, Label string }

// sortOptions are the orders offered in the form, relevance first.
var sortOptions = []sortOption{
	{"", "Relevance"},
	{indexer.SortDateDesc, "Newest first"},
	{indexer.SortDate, "Oldest first"},
	{indexer.SortValueDesc, "Largest value"},
	{indexer.SortValue, "Smallest value"},
}

// parseSearchParams reads the page's query string. Parameters it does not know are ignored (a
// shared link may carry tracking parameters); malformed ones are errors wrapping errParam.
func parseSearchParams(v url.Values) (searchParams, error) {
	p := searchParams{
		Q:      strings.TrimSpace(v.Get("q")),
		Facets: make(map[string][]string, len(facetFields)),
		Min:    strings.TrimSpace(v.Get("min")),
		Max:    strings.TrimSpace(v.Get("max")),
		From:   strings.TrimSpace(v.Get("from")),
		To:     strings.TrimSpace(v.Get("to")),
		Sort:   v.Get("sort"),
		Page:   1,
	}
	for _, f := range facetFields {
		p.Facets[f] = listParam(v, f)
	}
	var errs []error
	var err error
	if p.minVal, err = parseNumber("min", p.Min); err != nil {
		errs = append(errs, err)
	}
	if p.maxVal, err = parseNumber("max", p.Max); err != nil {
		errs = append(errs, err)
	}
	if p.fromDate, err = parseDate("from", p.From, false); err != nil {
		errs = append(errs, err)
	}
	if p.toDate, err = parseDate("to", p.To, true); err != nil {
		errs = append(errs, err)
	}
	if !slices.ContainsFunc(sortOptions, func(o sortOption) bool { return o.Value == p.Sort }) {
		if p.Sort != indexer.SortRelevance {
			errs = append(errs, fmt.Errorf("unknown sort order %q: %w", p.Sort, errParam))
		}
		p.Sort = ""
	}
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n*pageSize > indexer.DefaultMaxWindow {
			errs = append(errs, fmt.Errorf("page must be a number from 1 to %d: %w",
				indexer.DefaultMaxWindow/pageSize, errParam))
		} else {
			p.Page = n
		}
	}
	return p, errors.Join(errs...)
}

// listParam accepts repeated parameters and comma-separated values, like the API.
func listParam(v url.Values, name string) []string {
	var out []string
	for _, s := range v[name] {
		for part := range strings.SplitSeq(s, ",") {
			if part = strings.TrimSpace(part); part != "" && !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	return out
}

func parseNumber(name, s string) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f {
		return nil, fmt.Errorf("%s must be a number, not %q: %w", name, s, errParam)
	}
	return &f, nil
}

// parseDate reads a YYYY-MM-DD date; an upper bound includes its whole day.
func parseDate(name, s string, upper bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s must be a date such as 2025-06-30, not %q: %w", name, s, errParam)
	}
	if upper {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// query is the index search for p, with facets.
func (p *searchParams) query() indexer.Query {
	return indexer.Query{
		Q: p.Q, Lang: p.Facets["lang"], Unit: p.Facets["unit"], Metric: p.Facets["metric"],
		Site: p.Facets["site"], Min: p.minVal, Max: p.maxVal, From: p.fromDate, To: p.toDate,
		Sort: p.Sort, Size: pageSize, Page: p.Page, Facets: true,
	}
}

// values is p as a canonical query string: empty fields left out, list values repeated. Page is
// left out, so that the result is the query itself (for the CSV export and new searches).
func (p *searchParams) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", p.Q)
	for _, f := range facetFields {
		for _, s := range p.Facets[f] {
			v.Add(f, s)
		}
	}
	set("min", p.Min)
	set("max", p.Max)
	set("from", p.From)
	set("to", p.To)
	set("sort", p.Sort)
	return v
}

// pageURL is the page's own URL for page n of the same query.
func (p *searchParams) pageURL(n int) string {
	v := p.values()
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

func (p *searchParams) selected(field, term string) bool {
	return slices.Contains(p.Facets[field], term)
}
