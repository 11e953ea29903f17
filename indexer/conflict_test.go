package indexer

import (
	"math"
	"testing"

	"github.com/claimwire/claimwire"
)

func ptr(f float64) *float64 { return &f }

func TestClaimInterval(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name      string
		value     float64
		valueMax  *float64
		qualifier string
		vague     bool
		want      Interval
	}{
		{"exact", 76, nil, claimwire.QualifierExact, false, Interval{76, 76}},
		{"approx is ten percent either side", 100, nil, claimwire.QualifierApprox, false, Interval{90, 110}},
		{"at least", 5, nil, claimwire.QualifierAtLeast, false, Interval{5, inf}},
		{"more than is closed", 100000, nil, claimwire.QualifierMoreThan, false, Interval{100000, inf}},
		{"up to", 300, nil, claimwire.QualifierUpTo, false, Interval{0, 300}},
		{"at most", 2, nil, claimwire.QualifierAtMost, false, Interval{0, 2}},
		{"range", 4, ptr(5), claimwire.QualifierRange, false, Interval{4, 5}},
		{"range without max", 4, nil, claimwire.QualifierRange, false, Interval{4, 4}},
		{"reversed range", 5, ptr(4), claimwire.QualifierRange, false, Interval{4, 5}},
		{"unknown qualifier is exact", 7, nil, "roughly", false, Interval{7, 7}},
		{"vague widens to an order of magnitude", 1000, nil, claimwire.QualifierExact, true, Interval{1000, 10000}},
		{"negative approx", -10, nil, claimwire.QualifierApprox, false, Interval{-11, -9}},
		{"negative up to", -3, nil, claimwire.QualifierUpTo, false, Interval{-3, -3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ClaimInterval(tt.value, tt.valueMax, tt.qualifier, tt.vague)
			if math.Abs(got.Lo-tt.want.Lo) > 1e-9 || (got.Hi != tt.want.Hi && math.Abs(got.Hi-tt.want.Hi) > 1e-9) {
				t.Errorf("ClaimInterval = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// claimAt is a claim of metric m for the conflict tables.
func claimAt(id, metric, unit, qualifier string, value float64, valueMax *float64) claimwire.Claim {
	return claimwire.Claim{ID: id, URL: "https://example.org/" + id, Quantity: claimwire.Quantity{
		Value: value, ValueMax: valueMax, Unit: unit, Qualifier: qualifier, Metric: metric,
		Sentence: "Sentence of " + id + ".",
	}}
}

func TestConflictRules(t *testing.T) {
	tests := []struct {
		name     string
		a, b     claimwire.Claim
		conflict bool
	}{
		{"76 vs 160", claimAt("a", "m", "proposals", "exact", 76, nil), claimAt("b", "m", "proposals", "exact", 160, nil), true},
		{"same value", claimAt("a", "m", "proposals", "exact", 76, nil), claimAt("b", "m", "proposals", "exact", 76, nil), false},
		{"more than 100000 vs 100000", claimAt("a", "m", "chips", "more_than", 100000, nil), claimAt("b", "m", "chips", "exact", 100000, nil), false},
		{"at least 100000 vs 90000", claimAt("a", "m", "chips", "at_least", 100000, nil), claimAt("b", "m", "chips", "exact", 90000, nil), true},
		{"four or five vs five", claimAt("a", "m", "sites", "range", 4, ptr(5)), claimAt("b", "m", "sites", "exact", 5, nil), false},
		{"four or five vs six", claimAt("a", "m", "sites", "range", 4, ptr(5)), claimAt("b", "m", "sites", "exact", 6, nil), true},
		{"approx 100 vs 108", claimAt("a", "m", "jobs", "approx", 100, nil), claimAt("b", "m", "jobs", "exact", 108, nil), false},
		{"approx 100 vs 120", claimAt("a", "m", "jobs", "approx", 100, nil), claimAt("b", "m", "jobs", "exact", 120, nil), true},
		{"up to 300 vs 250", claimAt("a", "m", "MW", "up_to", 300, nil), claimAt("b", "m", "MW", "exact", 250, nil), false},
		{"at most 300 vs 350", claimAt("a", "m", "MW", "at_most", 300, nil), claimAt("b", "m", "MW", "exact", 350, nil), true},
		{"1.4 GW vs 1400 MW", claimAt("a", "m", "GW", "exact", 1.4, nil), claimAt("b", "m", "MW", "exact", 1400, nil), false},
		{"1.4 GW vs 1000 MW", claimAt("a", "m", "GW", "exact", 1.4, nil), claimAt("b", "m", "MW", "exact", 1000, nil), true},
		{"EUR vs USD within rate tolerance", claimAt("a", "m", "EUR", "exact", 1e9, nil), claimAt("b", "m", "USD", "exact", 1.2e9, nil), false},
		{"EUR vs USD far apart", claimAt("a", "m", "EUR", "exact", 1e9, nil), claimAt("b", "m", "USD", "exact", 4e9, nil), true},
		// Units as the extractor spells them, through claimwire's vocabulary.
		{"1.2 exaflops vs 1200 petaflops", claimAt("a", "m", "exaflops", "exact", 1.2, nil), claimAt("b", "m", "petaflops", "exact", 1200, nil), false},
		{"1 exaflops vs 2000 petaflops", claimAt("a", "m", "exaflops", "exact", 1, nil), claimAt("b", "m", "petaflops", "exact", 2000, nil), true},
		{"3 hectares vs 30000 m²", claimAt("a", "m", "hectares", "exact", 3, nil), claimAt("b", "m", "m²", "exact", 30000, nil), false},
		{"3 hectares vs 3 km²", claimAt("a", "m", "hectares", "exact", 3, nil), claimAt("b", "m", "km²", "exact", 3, nil), true},
		{"1 billion FRF vs 152 million EUR", claimAt("a", "m", "FRF", "exact", 1e9, nil), claimAt("b", "m", "EUR", "exact", 152e6, nil), false},
		{"a count never conflicts with tonnes", claimAt("a", "m", "sites", "exact", 1, nil), claimAt("b", "m", "tonnes", "exact", 400, nil), false},
		{"different metrics never conflict", claimAt("a", "m", "jobs", "exact", 1, nil), claimAt("b", "n", "jobs", "exact", 1000, nil), false},
		// The metric key already says what is counted: rival counts of one fact conflict.
		{"counted units of one metric compare", claimAt("a", "m", "proposals", "exact", 76, nil), claimAt("b", "m", "companies", "more_than", 160, nil), true},
		{"a count never conflicts with money", claimAt("a", "m", "companies", "exact", 1, nil), claimAt("b", "m", "EUR", "exact", 1000, nil), false},
		{"a count never conflicts with a share", claimAt("a", "m", "sites", "exact", 1, nil), claimAt("b", "m", "percent", "exact", 40, nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := GroupConflicts([]claimwire.Claim{tt.a, tt.b})
			if got := len(groups) == 1; got != tt.conflict {
				t.Fatalf("conflict = %v, want %v (groups %+v)", got, tt.conflict, groups)
			}
			if tt.conflict && groups[0].Disagreements != 1 {
				t.Errorf("disagreements = %d, want 1", groups[0].Disagreements)
			}
		})
	}
}

func TestGroupConflictsOrderAndValues(t *testing.T) {
	claims := []claimwire.Claim{
		claimAt("a", "close", "jobs", "exact", 100, nil),
		claimAt("b", "close", "jobs", "exact", 130, nil),
		claimAt("c", "far", "jobs", "exact", 10, nil),
		claimAt("d", "far", "jobs", "exact", 1000, nil),
		claimAt("e", "far", "jobs", "exact", 1000, nil),
		claimAt("f", "", "jobs", "exact", 5, nil),
	}
	groups := GroupConflicts(claims)
	if len(groups) != 2 {
		t.Fatalf("got %d groups, want 2", len(groups))
	}
	if groups[0].Metric != "far" || groups[1].Metric != "close" {
		t.Errorf("order = %s, %s; want the most divergent first", groups[0].Metric, groups[1].Metric)
	}
	far := groups[0]
	if len(far.Values) != 2 || len(far.Values[1].Sources) != 2 || far.Values[0].Value != 10 {
		t.Errorf("far group values = %+v, want 10 (1 source) then 1000 (2 sources)", far.Values)
	}
	if want := 0.99; math.Abs(far.Spread-want) > 1e-9 {
		t.Errorf("spread = %v, want %v", far.Spread, want)
	}
}

// TestGroupConflictsOneSourcePerArticle: an article stating a value in its headline and again
// in its body is one source of that value, shown with its body sentence.
func TestGroupConflictsOneSourcePerArticle(t *testing.T) {
	headline := claimAt("a-title", "m", "proposals", "exact", 76, nil)
	headline.URL, headline.Title, headline.Sentence = "https://example.org/a", "76 proposals for AI gigafactories", "76 proposals for AI gigafactories"
	body := claimAt("a-body", "m", "proposals", "exact", 76, nil)
	body.URL, body.Title = headline.URL, headline.Title
	other := claimAt("b", "m", "proposals", "exact", 160, nil)
	for _, claims := range [][]claimwire.Claim{{headline, body, other}, {body, headline, other}} {
		groups := GroupConflicts(claims)
		if len(groups) != 1 || len(groups[0].Values) != 2 {
			t.Fatalf("groups = %+v, want 76 and 160 in one group", groups)
		}
		srcs := groups[0].Values[0].Sources
		if len(srcs) != 1 || srcs[0].ID != "a-body" {
			t.Errorf("sources of 76 = %+v, want the article once, with its body sentence", srcs)
		}
	}
}
