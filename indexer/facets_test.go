package indexer

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Facets counted from segment ordinals agree with bleve's own facets, over several segments, with
// claims replaced (deleted documents in older segments) and claims without a date, for queries
// scored and not.
func TestFacetsAgreeWithBleve(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(t.TempDir(), Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	g := newClaimGen(11)
	var replaced []string
	for batch := range 6 {
		cs := g.claims(400)
		if batch > 0 {
			// Claims indexed again under an earlier id replace them: their old documents stay
			// behind, deleted, in earlier segments.
			for i := range 50 {
				cs[i].ID = replaced[i]
			}
		}
		for i := 200; i < 220; i++ {
			cs[i].Published = time.Time{}
		}
		if batch == 0 {
			for i := range 50 {
				replaced = append(replaced, cs[i+100].ID)
			}
		}
		if err := ix.Index(ctx, cs); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []Query{{}, {Q: "campus"}, {Q: "chips OR puces"}, {Unit: []string{"EUR"}}, {Q: "data center", Lang: []string{"en"}}} {
		q.Facets = true
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := bleveFacets(t, ix, q)
		for name, pair := range map[string][2][]FacetCount{
			"unit": {got.Facets.Unit, want.Unit}, "metric": {got.Facets.Metric, want.Metric},
			"site": {got.Facets.Site, want.Site}, "lang": {got.Facets.Lang, want.Lang}, "months": {got.Facets.Months, want.Months},
		} {
			if len(pair[0]) == 0 || !slices.Equal(pair[0], pair[1]) {
				t.Errorf("%+v: %s facet\n got %v\nwant %v", q, name, pair[0], pair[1])
			}
		}
	}
}

// bleveFacets counts q's matches with bleve's doc-value facets.
func bleveFacets(t *testing.T, ix *Index, q Query) *Facets {
	t.Helper()
	q.Facets = false
	req, _, err := ix.request(&q)
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int{fieldUnit: facetUnit, fieldMetric: facetMetric, fieldSite: facetSite, fieldLang: facetLang, fieldMonth: facetMonth}
	for name, size := range sizes {
		req.AddFacet(name, bleve.NewFacetRequest(name, size))
	}
	res, err := ix.run(context.Background(), req, nil)
	if err != nil {
		t.Fatal(err)
	}
	terms := func(name string) []FacetCount {
		var out []FacetCount
		for _, tf := range res.Facets[name].Terms.Terms() {
			out = append(out, FacetCount{Term: tf.Term, Count: tf.Count})
		}
		return out
	}
	months := terms(fieldMonth)
	slices.SortFunc(months, func(a, b FacetCount) int { return strings.Compare(a.Term, b.Term) })
	return &Facets{Unit: terms(fieldUnit), Metric: terms(fieldMetric), Site: terms(fieldSite), Lang: terms(fieldLang), Months: months}
}
