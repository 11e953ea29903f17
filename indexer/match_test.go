package indexer

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestMatching(t *testing.T) {
	ix, _ := openFixture(t, Options{})
	fact := func(id string) string {
		h, ok, err := ix.Get(t.Context(), id)
		if !ok || err != nil {
			t.Fatalf("claim %s: %v", id, err)
		}
		return h.Fact
	}
	for _, tt := range []struct {
		name  string
		q     Query
		limit int
		want  []string // most recent first
	}{
		{"ids only", Query{IDs: []string{"c04", "c13", "nosuch"}}, 10, []string{"c13", "c04"}},
		{"words among ids", Query{Q: "chips", IDs: []string{"c04", "c05", "c13"}}, 10, []string{"c05", "c04"}},
		{"filter among ids", Query{Lang: []string{"en"}, IDs: []string{"c04", "c05"}}, 10, []string{"c04"}},
		{"no id matches", Query{Q: "terawatt", IDs: []string{"c04"}}, 10, nil},
		// The operator's 100,000 chips, in English and in French, are one fact.
		{"facts", Query{Facts: []string{fact("c04")}}, 10, []string{"c05", "c04"}},
		{"limit, most recent first", Query{Q: "proposals"}, 2, []string{"c03", "c02"}},
		{"past a page", Query{}, 1000, []string{"c03", "c02", "c01", "c14", "c13", "c10", "c12", "c09", "c11", "c08", "c05", "c06", "c04", "c07"}},
		{"page and sort ignored", Query{Unit: []string{"TWh"}, Sort: SortValue, Size: 1, Page: 3}, 10, []string{"c10", "c09"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Matching(t.Context(), tt.q, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := ix.Matching(t.Context(), Query{Q: "nosuchfield:x"}, 10); !errors.Is(err, ErrBadQuery) {
		t.Fatalf("bad query: %v", err)
	}
}

func TestParseDateBound(t *testing.T) {
	for _, tt := range []struct {
		s     string
		upper bool
		want  time.Time
		ok    bool
	}{
		{"2025-03-31", false, time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), true},
		{"2025-03-31", true, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), true},
		{"2025-03-31T12:00:00+02:00", true, time.Date(2025, 3, 31, 10, 0, 0, 0, time.UTC), true},
		{"31/03/2025", false, time.Time{}, false},
		{"", false, time.Time{}, false},
	} {
		got, err := ParseDateBound(tt.s, tt.upper)
		if (err == nil) != tt.ok || !got.Equal(tt.want) || (err != nil && !errors.Is(err, ErrBadQuery)) {
			t.Errorf("ParseDateBound(%q, %v) = %v, %v", tt.s, tt.upper, got, err)
		}
	}
}
