package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

func TestParseQueryStringRewrite(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct {
		q string
		// expansions wanted, whether a scored text part must remain, and how many filters.
		expansions []string
		text       bool
		filters    int
	}{
		{q: ""},
		{q: "   "},
		{q: "puces", expansions: []string{"chip", "microchip", "semiconductor", "semi-conducteur", "semiconducteur"}, text: true},
		{q: "unit:EUR", filters: 1},
		{q: "unit:EUR unit:USD", filters: 1},
		{q: "value:>=100 published:<\"2026-01-01\"", filters: 2},
		{q: "+unit:EUR value:>1000000000 campus", text: true, filters: 2},
		{q: "sentence:puces", text: true},
		{q: "sentence_en:chips unit:chips", text: true, filters: 1},
		{q: "— &", text: false},
		{q: "-puces", expansions: []string{"chip", "microchip", "semiconductor", "semi-conducteur", "semiconducteur"}, text: true},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			pq, err := parseQueryString(tt.q, ix.ta, ix.translations, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(pq.expansions, "|"); got != strings.Join(tt.expansions, "|") {
				t.Errorf("expansions = %v, want %v", pq.expansions, tt.expansions)
			}
			if (pq.text != nil) != tt.text || len(pq.filters) != tt.filters {
				t.Errorf("text %T and %d filters, want text %v and %d filters", pq.text, len(pq.filters), tt.text, tt.filters)
			}
			q, scored := pq.query()
			if _, all := q.(*query.MatchAllQuery); all != (!tt.text && tt.filters == 0) || scored != tt.text {
				t.Errorf("query %T scored %v, want match-all only without text or filters", q, scored)
			}
		})
	}
}

func TestParseQueryStringErrors(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct{ q, msg string }{
		{strings.Repeat("a", maxQueryBytes+1), "longer than"},
		{"colour:red", `unknown field "colour"`},
		{`crawled:>"2025-01-01"`, `unknown field "crawled"`},
		{"value:many", "numeric"},
		{"published:2025", "date"},
		{"unit:>3", "does not take"},
		{"*", "literal"},
		{"ab*c*d*e*f*", "wildcards"},
		{"/(a|b)*/", "literal"},
		{"/ab" + strings.Repeat("x", maxPatternBytes) + "/", "longer than"},
		{"/ab(c{50})/", "repeats"},
		{"/ab" + strings.Repeat("[a-z]{1,30}", 8) + "/", "too complex"},
		{"gigafactory~3", "maximum of 2"},
		{"abc~2", "too short"},
		{`"unterminated`, "syntax"},
		{"/te$000/", "zero width"},
		{"/ab\\b/", "word boundaries"},
		{"/ab.*?/", "lazy"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			_, err := parseQueryString(tt.q, ix.ta, ix.translations, nil)
			if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error = %v, want ErrBadQuery mentioning %q", err, tt.msg)
			}
		})
	}
}

// FuzzSearchQueryString feeds arbitrary query strings to Search on the fixture index: each must
// either run or be refused with ErrBadQuery, never fail otherwise, panic or hang.
func FuzzSearchQueryString(f *testing.F) {
	for _, s := range []string{"gigafactory proposals", "unit:EUR value:>1000000000", `"data center"`, "puces~1",
		"gigafact*", "/tera.*/", "+campus -unit:USD", `published:>"2025-06-01"`, "value:>=1e3 value:<2e9",
		"a^2", "(", "\\:", "sentence_fr:\"centre de données\"", "76"} {
		f.Add(s)
	}
	ix, _ := openFixture(f, Options{})
	f.Fuzz(func(t *testing.T, q string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*DefaultSearchTimeout)
		defer cancel()
		res, err := ix.Search(ctx, Query{Q: q, Facets: true})
		if err != nil && !errors.Is(err, ErrBadQuery) {
			t.Fatalf("Search(%q) = %v, want success or ErrBadQuery", q, err)
		}
		if err == nil && res.Total > 14 {
			t.Fatalf("Search(%q) total %d above the index size", q, res.Total)
		}
	})
}

// FuzzSearchCursor feeds arbitrary cursors to Search: they are client input.
func FuzzSearchCursor(f *testing.F) {
	f.Add(encodeCursor(cursor{Sort: SortRelevance, From: 20}))
	f.Add(encodeCursor(cursor{Sort: SortRelevance, From: -1}))
	f.Add(encodeCursor(cursor{Sort: SortValue, After: [][]byte{[]byte("\x00\x01"), []byte("c02")}}))
	f.Add("e30")
	f.Add("")
	ix, _ := openFixture(f, Options{})
	f.Fuzz(func(t *testing.T, cur string) {
		for _, s := range []string{SortRelevance, SortValue, SortDateDesc} {
			_, err := ix.Search(context.Background(), Query{Sort: s, Cursor: cur})
			if err != nil && !errors.Is(err, ErrBadQuery) {
				t.Fatalf("Search(cursor %q, sort %s) = %v", cur, s, err)
			}
		}
	})
}

// Every word of a query is required, in whichever language a claim is written: the claims a
// query finds are exactly those each of its words finds alone, however the query is rewritten.
func TestAllWordsRequiredAcrossLanguages(t *testing.T) {
	ctx := context.Background()
	ix := openEmpty(t, Options{Shards: 2})
	if err := ix.Index(ctx, newClaimGen(7).claims(3000)); err != nil {
		t.Fatal(err)
	}
	all := func(q string) map[string]bool {
		ids := map[string]bool{}
		query := Query{Q: q, Sort: SortDate, Size: 100}
		for {
			res, err := ix.Search(ctx, query)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			for _, h := range res.Claims {
				ids[h.ID] = true
			}
			if res.Next == "" {
				return ids
			}
			query.Cursor = res.Next
		}
	}
	for _, tc := range []struct {
		words []string
		none  bool // no claim holds them all
	}{
		{words: []string{"campus", "intelligence", "artificielle"}}, // French words, one English too
		{words: []string{"data", "center"}},
		{words: []string{"puces", "serveurs"}}, // translated through the query translations
		{words: []string{"chips", "réseau"}},   // one word per language: claims holding a translation of both
		{words: []string{"semi-conducteur", "servers"}},
		{words: []string{"grid", "riverains", "ambitious"}, none: true},
		{words: []string{"campus", "zeppelin"}, none: true}, // a word no claim holds
		{words: []string{"zeppelin"}, none: true},
	} {
		words := tc.words
		want := all(words[0])
		for _, w := range words[1:] {
			one := all(w)
			for id := range want {
				if !one[id] {
					delete(want, id)
				}
			}
		}
		got := all(strings.Join(words, " "))
		if (len(got) == 0) != tc.none {
			t.Errorf("%q: %d claims", words, len(got))
		}
		if len(got) != len(want) {
			t.Errorf("%q: %d claims, want the %d every word finds", words, len(got), len(want))
		}
		for id := range want {
			if !got[id] {
				t.Errorf("%q misses %s", words, id)
				break
			}
		}
	}
}

// Forms and translations the index does not hold are left out of the query bleve runs.
func TestQueryLeavesOutTermsTheIndexLacks(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	pq, err := ix.parse("puces")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(pq.text)
	if err != nil {
		t.Fatal(err)
	}
	if q := string(b); !strings.Contains(q, `"term":"chip"`) || strings.Contains(q, "microchip") {
		t.Errorf("query %s: want chip, which the fixtures hold, and no microchip, which they lack", q)
	}
	if !slices.Contains(pq.expansions, "microchip") {
		t.Errorf("expansions %v: the response still lists every translation tried", pq.expansions)
	}
}
