package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/indexertest"
)

// fixtureClaims are testdata/claims.json: claims written for these tests, French and English,
// some stating the same facts.
func fixtureClaims(t testing.TB) []claimwire.Claim {
	t.Helper()
	return indexertest.Claims(t, "testdata/claims.json")
}

// openEmpty opens a fresh, empty on-disk index, closed when the test ends.
func openEmpty(t testing.TB, opts Options) *Index {
	t.Helper()
	ix, err := Open(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// openFixture opens a fresh on-disk index holding the fixture claims.
func openFixture(t testing.TB, opts Options) (*Index, []claimwire.Claim) {
	t.Helper()
	ix := openEmpty(t, opts)
	cs := fixtureClaims(t)
	if err := ix.Index(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	return ix, cs
}

func hitIDs(r *Result) []string {
	ids := make([]string, 0, len(r.Claims))
	for _, h := range r.Claims {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestIndexGetCountReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs := fixtureClaims(t)
	if err := ix.Index(ctx, cs); err != nil {
		t.Fatal(err)
	}
	// Indexing again, even in two halves, changes nothing.
	if err := ix.Index(ctx, cs[:5]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Index(ctx, cs[5:]); err != nil {
		t.Fatal(err)
	}
	n, err := ix.Count()
	if err != nil || n != uint64(len(cs)) {
		t.Fatalf("Count = %d, %v; want %d", n, err, len(cs))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, want := range cs {
		got, ok, err := ix.Get(ctx, want.ID)
		if err != nil || !ok {
			t.Fatalf("Get(%s) = %v, %v", want.ID, ok, err)
		}
		gj, _ := json.Marshal(got.Claim)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("Get(%s) =\n%s\nwant\n%s", want.ID, gj, wj)
		}
		if got.Fact == "" || got.FactScore == 0 || got.Link == "" {
			t.Errorf("Get(%s) has no fact or link: %+v", want.ID, got)
		}
	}
	if _, ok, err := ix.Get(ctx, "nope"); ok || err != nil {
		t.Errorf("Get(nope) = %v, %v; want false, nil", ok, err)
	}
}

func TestIndexSkipsClaimsWithoutID(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cs := fixtureClaims(t)[:3]
	cs[1].ID = ""
	err = ix.Index(context.Background(), cs)
	if !errors.Is(err, ErrInvalidClaim) {
		t.Fatalf("Index error = %v, want ErrInvalidClaim", err)
	}
	if n, _ := ix.Count(); n != 2 {
		t.Errorf("Count = %d, want the 2 valid claims", n)
	}
}

func TestIndexHonoursCancelledContext(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Index(ctx, fixtureClaims(t)); !errors.Is(err, context.Canceled) {
		t.Fatalf("Index error = %v, want context.Canceled", err)
	}
}

func TestSearch(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	min1e9 := 1e9
	tests := []struct {
		name string
		q    Query
		// want lists ids that must be found; notWant ids that must not.
		want, notWant []string
		total         int
	}{
		{name: "english query finds french claim", q: Query{Q: "gigafactory proposals"}, want: []string{"c01", "c02", "c03"}},
		{name: "french query finds english claim", q: Query{Q: "puces"}, want: []string{"c04", "c05"}},
		{name: "accents folded", q: Query{Q: "donnees electricite"}, want: []string{"c13"}},
		{name: "french stemming", q: Query{Q: "investissements"}, want: []string{"c06"}},
		{name: "english stemming", q: Query{Q: "investor"}, want: []string{"c08"}},
		{name: "field queries are all required", q: Query{Q: "unit:EUR value:>1000000000"}, want: []string{"c06"}, total: 1},
		{name: "same field alternatives", q: Query{Q: "unit:EUR unit:USD"}, want: []string{"c06", "c07", "c08"}, total: 3},
		{name: "free text with field filter", q: Query{Q: "campus unit:USD"}, want: []string{"c07", "c08"}, total: 2},
		{name: "excluded term", q: Query{Q: "campus -unit:USD"}, notWant: []string{"c07", "c08"}, want: []string{"c11", "c12"}},
		{name: "bare number matches value", q: Query{Q: "76"}, want: []string{"c01", "c02"}},
		{name: "phrase with translations", q: Query{Q: `"data center"`}, want: []string{"c04", "c13", "c14"}, total: 3},
		{name: "phrase on a field", q: Query{Q: `sentence_en:"data center"`}, want: []string{"c04"}, total: 1},
		{name: "french phrase finds english", q: Query{Q: `"centre de données"`}, want: []string{"c04", "c13", "c14"}},
		{name: "date range in query", q: Query{Q: `published:>"2025-06-01"`}, want: []string{"c01", "c02", "c03"}, total: 3},
		{name: "fuzzy", q: Query{Q: "gigafactary~1"}, want: []string{"c03"}},
		{name: "wildcard", q: Query{Q: "gigafact*"}, want: []string{"c02", "c03"}},
		{name: "regexp", q: Query{Q: "/tera.*/"}, want: []string{"c10"}},
		{name: "lang filter", q: Query{Q: "campus", Lang: []string{"fr"}}, want: []string{"c11"}, notWant: []string{"c07"}, total: 1},
		{name: "unit and min filters", q: Query{Unit: []string{"EUR", "USD"}, Min: &min1e9}, want: []string{"c06", "c07", "c08"}, total: 3},
		{name: "metric filter", q: Query{Metric: []string{"campus_power"}}, want: []string{"c11", "c12"}, total: 2},
		{name: "site filter", q: Query{Site: []string{"wire.example.org"}}, total: 4},
		{name: "date filters", q: Query{From: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)},
			want: []string{"c09", "c10", "c11", "c12"}, total: 4},
		{name: "empty query matches all", q: Query{}, total: 14},
		{name: "no match", q: Query{Q: "zeppelin"}, total: 0},
		{name: "every word required", q: Query{Q: "campus grid"}, want: []string{"c12"}, total: 1},
		{name: "every word required across languages", q: Query{Q: "giga-usines countries"}, want: []string{"c01", "c02"}, total: 2},
		{name: "OR makes words alternatives", q: Query{Q: "zeppelin OR grid"}, want: []string{"c12"}, total: 1},
		{name: "OR groups and required words", q: Query{Q: "investors OR developer campus"}, want: []string{"c07", "c08"}, total: 2},
		{name: "stop words of either language are not required", q: Query{Q: "centres de données"}, want: []string{"c13"}},
		{name: "words without terms are ignored", q: Query{Q: "campus — &"}, want: []string{"c07", "c08", "c11", "c12"}, total: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Size = 100
			res, err := ix.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			for _, h := range res.Claims {
				if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
					t.Errorf("%s scored %v", h.ID, h.Score)
				}
			}
			for _, id := range tt.want {
				if !slices.Contains(ids, id) {
					t.Errorf("%s not found in %v", id, ids)
				}
			}
			for _, id := range tt.notWant {
				if slices.Contains(ids, id) {
					t.Errorf("%s found in %v", id, ids)
				}
			}
			if tt.total >= 0 && (tt.total > 0 || len(tt.want) == 0) && res.Total != uint64(tt.total) {
				t.Errorf("total = %d, want %d (%v)", res.Total, tt.total, ids)
			}
		})
	}
}

func TestSearchHitFields(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	res, err := ix.Search(context.Background(), Query{Q: "gigafactory proposals"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Claims {
		if h.Link == "" || h.URL == "" || h.Highlight == "" || h.Score <= 0 {
			t.Errorf("hit %s lacks link, url, highlight or score: %+v", h.ID, h)
		}
	}
	if !slices.Contains(res.Expansions, "proposition") {
		t.Errorf("expansions %v lack the French translation", res.Expansions)
	}
}

func TestSearchSortAndCursor(t *testing.T) {
	ix, cs := openFixture(t, Options{})
	ctx := context.Background()
	for _, sortName := range []string{SortRelevance, SortDate, SortDateDesc, SortValue, SortValueDesc} {
		t.Run(sortName, func(t *testing.T) {
			q := Query{Q: "", Sort: sortName, Size: 3}
			var seen []Hit
			for page := 0; ; page++ {
				if page > len(cs) {
					t.Fatal("cursor never ends")
				}
				res, err := ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != uint64(len(cs)) {
					t.Fatalf("page %d: total %d, want %d", page, res.Total, len(cs))
				}
				seen = append(seen, res.Claims...)
				if res.Next == "" {
					break
				}
				q.Cursor = res.Next
			}
			if len(seen) != len(cs) {
				t.Fatalf("walked %d claims, want %d", len(seen), len(cs))
			}
			ids := map[string]bool{}
			for i, h := range seen {
				if ids[h.ID] {
					t.Fatalf("%s seen twice", h.ID)
				}
				ids[h.ID] = true
				if i == 0 {
					continue
				}
				prev := seen[i-1]
				var bad bool
				switch sortName {
				case SortDate:
					bad = h.Published.Before(prev.Published)
				case SortDateDesc:
					bad = h.Published.After(prev.Published)
				case SortValue:
					bad = h.Value < prev.Value
				case SortValueDesc:
					bad = h.Value > prev.Value
				}
				if bad {
					t.Errorf("%s out of order after %s", h.ID, prev.ID)
				}
			}
		})
	}
}

// Pages by relevance, followed by cursor, give the full order whatever the page size, through
// runs of claims that score alike, spread over shards that answer in any order.
func TestRelevancePagesFollowFullOrderThroughTies(t *testing.T) {
	ctx := context.Background()
	ix := openEmpty(t, Options{Shards: 3})
	// Runs of claims with the same sentence score alike: ties at every page boundary size.
	var cs []claimwire.Claim
	for i, c := range fixtureClaims(t) {
		for k := range i%4 + 1 {
			c.ID = fmt.Sprintf("%s-%d", c.ID, k)
			cs = append(cs, c)
		}
	}
	if err := ix.Index(ctx, cs); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"campus", "data center", "puces OR chips", "the campus will"} {
		full := Query{Q: text, Size: 100}
		req, _, err := ix.request(&full)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.run(ctx, req, nil)
		if err != nil || len(res.Hits) < 4 {
			t.Fatalf("%q: %d hits, %v", text, len(res.Hits), err)
		}
		var want []string
		for _, h := range res.Hits {
			want = append(want, h.ID)
		}
		for size := 1; size <= len(want); size++ {
			q := Query{Q: text, Size: size}
			var got []string
			for range len(want) + 1 {
				page, err := ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, hitIDs(page)...)
				if page.Next == "" {
					break
				}
				q.Cursor = page.Next
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%q in pages of %d:\n got %v\nwant %v", text, size, got, want)
			}
		}
	}
}

func TestSearchPages(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	ctx := context.Background()
	all, err := ix.Search(ctx, Query{Sort: SortValue, Size: 14})
	if err != nil {
		t.Fatal(err)
	}
	p2, err := ix.Search(ctx, Query{Sort: SortValue, Size: 5, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hitIDs(p2), hitIDs(all)[5:10]; !slices.Equal(got, want) {
		t.Errorf("page 2 = %v, want %v", got, want)
	}
}

func TestSearchFacets(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	res, err := ix.Search(context.Background(), Query{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Facets
	if f == nil {
		t.Fatal("no facets")
	}
	count := func(fs []FacetCount, term string) int {
		for _, c := range fs {
			if c.Term == term {
				return c.Count
			}
		}
		return 0
	}
	checks := []struct {
		name string
		got  int
		want int
	}{
		{"lang fr", count(f.Lang, "fr"), 6},
		{"lang en", count(f.Lang, "en"), 8},
		{"unit USD", count(f.Unit, "USD"), 2},
		{"metric campus_investment", count(f.Metric, "campus_investment"), 3},
		{"site journal-exemple.fr", count(f.Site, "journal-exemple.fr"), 6},
		{"month 2025-02", count(f.Months, "2025-02"), 4},
		{"month 2025-07", count(f.Months, "2025-07"), 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if !slices.IsSortedFunc(f.Months, func(a, b FacetCount) int {
		return compareStrings(a.Term, b.Term)
	}) {
		t.Errorf("months not in order: %v", f.Months)
	}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestSearchBadQueries(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	one, two := 1.0, 2.0
	tests := []struct {
		name string
		q    Query
	}{
		{"syntax error", Query{Q: `unit:"EUR`}},
		{"bad boost", Query{Q: "campus^x"}},
		{"bad date", Query{Q: `published:>"soon"`}},
		{"unknown field", Query{Q: "colour:red"}},
		{"text query on number", Query{Q: "value:lots"}},
		{"range on keyword", Query{Q: "unit:>5"}},
		{"number on date", Query{Q: "published:2025"}},
		{"size too big", Query{Size: 1000}},
		{"negative size", Query{Size: -1}},
		{"deep page", Query{Size: 100, Page: 101}},
		{"overflowing page", Query{Size: 100, Page: math.MaxInt / 50}},
		{"unknown sort", Query{Sort: "colour"}},
		{"malformed cursor", Query{Cursor: "!!!"}},
		{"cursor of another sort", Query{Cursor: encodeCursor(cursor{Sort: SortDate, After: [][]byte{[]byte("x"), []byte("y")}})}},
		{"relevance cursor past the window", Query{Cursor: encodeCursor(cursor{Sort: SortRelevance, From: DefaultMaxWindow})}},
		{"relevance cursor with sort values", Query{Cursor: encodeCursor(cursor{Sort: SortRelevance, After: [][]byte{[]byte("1")}})}},
		{"leading wildcard", Query{Q: "*ion"}},
		{"wildcard bomb", Query{Q: "ab*c*d*e*f*g*"}},
		{"regexp without prefix", Query{Q: "/.*/"}},
		{"regexp repeat bomb", Query{Q: "/ab(c{1,200}){1,200}/"}},
		{"regexp syntax", Query{Q: "/ab(/"}},
		{"fuzzy above two", Query{Q: "gigafactory~5"}},
		{"fuzzy too short", Query{Q: "ab~2"}},
		{"too many fuzzy", Query{Q: "alpha~1 bravo~1 charlie~1 delta~1 echo~1"}},
		{"too many terms", Query{Q: "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg"}},
		{"min above max", Query{Min: &two, Max: &one}},
		{"from after to", Query{From: time.Now(), To: time.Now().Add(-time.Hour)}},
		{"invalid utf-8", Query{Q: "\xff\xfe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.q)
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("error = %v, want ErrBadQuery", err)
			}
		})
	}
}

func TestSearchTimeoutIsBadQuery(t *testing.T) {
	ix, _ := openFixture(t, Options{SearchTimeout: time.Nanosecond})
	_, err := ix.Search(context.Background(), Query{Q: "campus"})
	if !errors.Is(err, ErrBadQuery) {
		t.Fatalf("error = %v, want ErrBadQuery for a search past its deadline", err)
	}
}

func TestConflictsReport(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	rep, err := ix.Conflicts(context.Background(), ConflictQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ClaimsScanned != 14 || rep.Truncated || rep.Currency == nil || rep.Currency.Base != "EUR" ||
		rep.Currency.Rates["USD"] == 0 || !strings.Contains(rep.Currency.Note, "month") {
		t.Errorf("report = %+v", rep)
	}
	if _, err := ix.Conflicts(context.Background(), ConflictQuery{Limit: maxGroupLimit + 1}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("limit above %d: %v, want ErrBadQuery", maxGroupLimit, err)
	}
}

// Warm answers the Conflicts page's first view, and says so when it cannot.
func TestWarm(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	if err := ix.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Warm(ctx); !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "indexer: warm: ") {
		t.Errorf("Warm with a cancelled context = %v, want context.Canceled behind \"indexer: warm: \"", err)
	}
}

func TestMetrics(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	rep, err := ix.Metrics(context.Background(), MetricsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Claims != 14 || len(rep.Metrics) != 6 {
		t.Fatalf("claims %d, metrics %d; want 14, 6", rep.Claims, len(rep.Metrics))
	}
	for _, m := range rep.Metrics {
		if m.Metric != "eu_ai_gigafactory_proposals" {
			continue
		}
		if m.Claims != 3 || len(m.Units) != 1 {
			t.Fatalf("%+v", m)
		}
		u := m.Units[0]
		if u.Unit != "proposals" || u.Min != 76 || u.Max != 160 || u.Distinct != 2 || u.Top[0] != (ValueCount{76, 2}) {
			t.Errorf("unit stats = %+v", u)
		}
		return
	}
	t.Error("eu_ai_gigafactory_proposals missing")
}

func TestFirstAppearance(t *testing.T) {
	ix, cs := openFixture(t, Options{})
	byID := map[string]claimwire.Claim{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	tests := []struct{ id, want string }{
		{"c02", "c01"}, // the French article was a day earlier
		{"c01", "c01"},
		{"c03", "c03"},
	}
	for _, tt := range tests {
		got, err := ix.FirstAppearance(context.Background(), byID[tt.id])
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != tt.want {
			t.Errorf("FirstAppearance(%s) = %s, want %s", tt.id, got.ID, tt.want)
		}
	}
}

// French news writes "gigafactories" too, which French stemming does not bring back to
// "gigafactory": the translations' French side lists the loanword so that every word still matches.
func TestEnglishLoanwordInFrenchSentence(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	c := fixtureClaims(t)[0]
	c.ID = "loanword"
	c.Sentence = "Les gigafactories européennes ont déjà suscité 76 propositions, selon Bruxelles."
	if err := ix.Index(context.Background(), []claimwire.Claim{c}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"gigafactory proposals", "giga-usines propositions", "gigafactories"} {
		res, err := ix.Search(context.Background(), Query{Q: q})
		if err != nil || res.Total != 1 {
			t.Errorf("%q: %d hits, %v; want the French claim", q, res.Total, err)
		}
	}
}

// TestDefaultShards checks the shard count a new index gets: half the cores, at least one, at
// most eight.
func TestDefaultShards(t *testing.T) {
	for cores, want := range map[int]int{1: 1, 2: 1, 3: 1, 4: 2, 16: 8, 64: 8} {
		if got := defaultShards(cores); got != want {
			t.Errorf("defaultShards(%d) = %d, want %d", cores, got, want)
		}
	}
}
