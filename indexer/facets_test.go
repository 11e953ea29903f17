package indexer

import (
	"context"
	"slices"
	"testing"
	"time"
)

// Facets counted from segment ordinals agree with the claims found, over several segments, with
// claims replaced (deleted documents in older segments) and claims without a date, for queries
// scored and not.
func TestFacetsCountTheClaimsFound(t *testing.T) {
	ctx := context.Background()
	ix := openEmpty(t, Options{Shards: 2})
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
		want := countFacets(t, ix, q)
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

// countFacets counts q's matches by reading every one of them.
func countFacets(t *testing.T, ix *Index, q Query) *Facets {
	t.Helper()
	q.Facets, q.Sort, q.Size = false, SortDate, 100
	var counts [len(facetFields)]map[string]int
	for f := range counts {
		counts[f] = map[string]int{}
	}
	for {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Claims {
			month := ""
			if !h.Published.IsZero() {
				month = h.Published.UTC().Format("2006-01")
			}
			values := [len(facetFields)]string{facetAtUnit: h.Unit, facetAtMetric: h.Metric, facetAtSite: h.Site,
				facetAtLang: h.Lang, facetAtMonth: month}
			for f, v := range values {
				if v != "" {
					counts[f][v]++
				}
			}
		}
		if res.Next == "" {
			break
		}
		q.Cursor = res.Next
	}
	ft := facetTotals(counts)
	return ft.facets()
}

// Faceted searches running while batches land (new segments, merges, retired segments) see
// counts that add up to their total: every generated claim has one unit and one language.
func TestFacetsWhileIndexing(t *testing.T) {
	ctx := context.Background()
	ix := openEmpty(t, Options{Shards: 2})
	g := newClaimGen(5)
	done := make(chan error, 1)
	go func() {
		for range 10 {
			if err := ix.Index(ctx, g.claims(150)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	sum := func(fs []FacetCount) (n uint64) {
		for _, f := range fs {
			n += uint64(f.Count)
		}
		return n
	}
	for searching := true; searching; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			searching = false
		default:
		}
		for _, q := range []Query{{Facets: true}, {Q: "campus OR data", Facets: true}} {
			res, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if u, l := sum(res.Facets.Unit), sum(res.Facets.Lang); u != res.Total || l != res.Total {
				t.Fatalf("%q: units add up to %d and languages to %d, total %d", q.Q, u, l, res.Total)
			}
		}
	}
}
