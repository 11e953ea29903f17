package indexer

import (
	"cmp"
	"slices"
	"time"

	"github.com/claimwire/claimwire/indexer/facts"
)

// TimelineEntry is one article stating a value of a fact, in the order they were published.
type TimelineEntry struct {
	facts.Source
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	// Kind is "first" for the earliest article stating the value (its first appearance) and
	// "repeat" for every later one.
	Kind string `json:"kind"`
	// Revises is, when the article's outlet stated another value of the fact in an earlier
	// article, that statement: the outlet revised its figure.
	Revises *PriorStatement `json:"revises,omitempty"`
}

// PriorStatement is an earlier statement of a fact by the same outlet.
type PriorStatement struct {
	Value     float64   `json:"value"`
	ValueMax  *float64  `json:"value_max,omitempty"`
	Unit      string    `json:"unit"`
	Qualifier string    `json:"qualifier"`
	URL       string    `json:"url"`
	Published time.Time `json:"published,omitzero"`
}

// Timeline kinds.
const (
	TimelineFirst  = "first"
	TimelineRepeat = "repeat"
)

// timeline orders the sources of a fact's values by publication (undated ones last, as their
// place is unknown): the first of each value is its first appearance, the others repeat it,
// and an outlet stating a value other than in its previous dated article revised it.
func timeline(values []StatedValue) []TimelineEntry {
	out := []TimelineEntry{}
	for _, v := range values {
		for _, src := range v.Sources {
			out = append(out, TimelineEntry{Source: src, Value: v.Value, ValueMax: v.ValueMax, Unit: v.Unit,
				Qualifier: v.Qualifier})
		}
	}
	slices.SortStableFunc(out, func(a, b TimelineEntry) int {
		if a.Published.IsZero() != b.Published.IsZero() {
			if a.Published.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.URL, b.URL))
	})
	type key struct {
		unit, qualifier string
		value, valueMax float64
	}
	keyOf := func(e *TimelineEntry) key {
		k := key{unit: e.Unit, qualifier: e.Qualifier, value: e.Value}
		if e.ValueMax != nil {
			k.valueMax = *e.ValueMax
		}
		return k
	}
	seen := make(map[key]bool)
	last := make(map[string]*TimelineEntry) // an outlet's latest dated statement so far
	for i := range out {
		e := &out[i]
		k := keyOf(e)
		e.Kind = TimelineRepeat
		if !seen[k] {
			e.Kind, seen[k] = TimelineFirst, true
		}
		if e.Site == "" || e.Published.IsZero() {
			continue
		}
		if prev := last[e.Site]; prev != nil && keyOf(prev) != k && prev.Published.Before(e.Published) {
			e.Revises = &PriorStatement{Value: prev.Value, ValueMax: prev.ValueMax, Unit: prev.Unit,
				Qualifier: prev.Qualifier, URL: prev.URL, Published: prev.Published}
		}
		last[e.Site] = e
	}
	return out
}
