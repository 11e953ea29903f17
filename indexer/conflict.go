package indexer

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/claimwire/claimwire"
)

// approxTolerance is how far an "approx" value may be from the truth, as a fraction.
const approxTolerance = 0.10

// currencyTolerance widens an amount converted to another currency, as a fraction: rates move
// and articles convert at different dates than the vocabulary's reference rates.
const currencyTolerance = 0.10

// vagueFactor widens vague amounts ("des milliers" = 1000) to an order of magnitude.
const vagueFactor = 10

// relEpsilon absorbs floating-point noise from scaling when comparing bounds.
const relEpsilon = 1e-9

// normalize returns the unit claims are compared in, the factor to it, and the relative
// tolerance the conversion adds.
func normalize(unit string) (base string, factor, tolerance float64) {
	u, ok := claimwire.LookupUnit(unit)
	switch {
	case !ok:
		// Within one metric the extractor's glossary has already said what is counted: 76 proposals and
		// 160 companies answering the same call are rival counts of one thing.
		return countUnit, 1, 0
	case u.Kind == claimwire.UnitCurrency && unit != u.Base:
		return u.Base, u.Factor, currencyTolerance
	}
	return u.Base, u.Factor, 0
}

// countUnit is the comparison unit of counted things.
const countUnit = "count"

// Interval is the set of values a claim allows, [Lo, Hi]; Hi is +Inf when unbounded.
type Interval struct {
	Lo, Hi float64
}

// ClaimInterval is the interval a hedged quantity allows. "More than 100,000" and "100,000" are
// compatible in journalism, so more_than is closed like at_least; an unknown qualifier counts as
// exact.
func ClaimInterval(value float64, valueMax *float64, qualifier string, vague bool) Interval {
	var iv Interval
	switch qualifier {
	case claimwire.QualifierApprox:
		iv = Interval{value * (1 - approxTolerance), value * (1 + approxTolerance)}
	case claimwire.QualifierAtLeast, claimwire.QualifierMoreThan:
		iv = Interval{value, math.Inf(1)}
	case claimwire.QualifierUpTo, claimwire.QualifierAtMost:
		iv = Interval{min(0, value), value}
	case claimwire.QualifierRange:
		iv = Interval{value, value}
		if valueMax != nil {
			iv.Hi = *valueMax
		}
	default:
		iv = Interval{value, value}
	}
	if vague && qualifier != claimwire.QualifierUpTo && qualifier != claimwire.QualifierAtMost {
		iv.Hi = max(iv.Hi, value*vagueFactor)
	}
	if iv.Lo > iv.Hi {
		iv.Lo, iv.Hi = iv.Hi, iv.Lo
	}
	return iv
}

// scale multiplies the interval by a positive factor and widens it by a relative tolerance.
func (iv Interval) scale(factor, tolerance float64) Interval {
	lo, hi := iv.Lo*factor, iv.Hi*factor
	widen := func(x float64) float64 {
		if math.IsInf(x, 0) {
			return 0
		}
		return math.Abs(x) * tolerance
	}
	return Interval{lo - widen(lo), hi + widen(hi)}
}

// Overlaps reports whether two intervals share a value, give or take floating-point noise.
func (iv Interval) Overlaps(o Interval) bool {
	return iv.Lo <= o.Hi+math.Abs(o.Hi)*relEpsilon && o.Lo <= iv.Hi+math.Abs(iv.Hi)*relEpsilon
}

// ConflictSource is where a value was stated.
type ConflictSource struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Link      string    `json:"link"`
	Title     string    `json:"title"`
	Site      string    `json:"site"`
	Published time.Time `json:"published,omitzero"`
	Lang      string    `json:"lang"`
	Surface   string    `json:"surface"`
	Sentence  string    `json:"sentence"`
}

// ConflictValue is one distinct statement of a metric and the sources making it.
type ConflictValue struct {
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Vague     bool     `json:"vague,omitempty"`
	// Low and High bound the values the statement allows in the group's unit; High is absent
	// when unbounded.
	Low     float64          `json:"low"`
	High    *float64         `json:"high,omitempty"`
	Sources []ConflictSource `json:"sources"`

	interval Interval
	point    float64
}

// ConflictGroup gathers the statements of one metric, in one base unit, that disagree.
type ConflictGroup struct {
	Metric string `json:"metric"`
	Unit   string `json:"unit"`
	// Spread is (largest - smallest) / largest of the stated values: 0 close, 1 far apart.
	Spread float64 `json:"spread"`
	// Disagreements counts the pairs of values whose intervals do not overlap.
	Disagreements int             `json:"disagreements"`
	Values        []ConflictValue `json:"values"`
}

type valueKey struct {
	unit, qualifier string
	value, valueMax float64
	hasMax, vague   bool
}

// GroupConflicts groups claims by metric and base unit and keeps the groups where two stated
// values cannot both be true, most divergent first.
func GroupConflicts(claims []claimwire.Claim) []ConflictGroup {
	type groupKey struct{ metric, unit string }
	groups := make(map[groupKey]*ConflictGroup)
	index := make(map[groupKey]map[valueKey]int)
	var order []groupKey
	for i := range claims {
		c := &claims[i]
		if c.Metric == "" || c.Unit == "" || math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
			continue
		}
		base, factor, tol := normalize(c.Unit)
		gk := groupKey{c.Metric, base}
		g, ok := groups[gk]
		if !ok {
			g = &ConflictGroup{Metric: c.Metric, Unit: base}
			groups[gk] = g
			index[gk] = make(map[valueKey]int)
			order = append(order, gk)
		}
		vk := valueKey{unit: c.Unit, qualifier: c.Qualifier, value: c.Value, vague: c.Vague}
		if c.ValueMax != nil {
			vk.valueMax, vk.hasMax = *c.ValueMax, true
		}
		n, ok := index[gk][vk]
		if !ok {
			iv := ClaimInterval(c.Value, c.ValueMax, c.Qualifier, c.Vague).scale(factor, tol)
			v := ConflictValue{Value: c.Value, ValueMax: c.ValueMax, Unit: c.Unit, Qualifier: c.Qualifier,
				Vague: c.Vague, Low: iv.Lo, interval: iv, point: c.Value * factor}
			if !math.IsInf(iv.Hi, 1) {
				v.High = &iv.Hi
			}
			n = len(g.Values)
			index[gk][vk] = n
			g.Values = append(g.Values, v)
		}
		src := ConflictSource{
			ID: c.ID, URL: c.URL, Link: TextFragmentLink(c.URL, c.Sentence), Title: c.Title, Site: c.Site,
			Published: c.Published, Lang: c.Lang, Surface: c.Surface, Sentence: c.Sentence,
		}
		sources := &g.Values[n].Sources
		if i := slices.IndexFunc(*sources, func(s ConflictSource) bool { return s.URL == c.URL }); i >= 0 {
			// One article stating a value twice (in its headline and again in its body) is one
			// source; the body's sentence says more than the headline.
			if IsHeadline((*sources)[i].Sentence, (*sources)[i].Title) && !IsHeadline(src.Sentence, src.Title) {
				(*sources)[i] = src
			}
			continue
		}
		*sources = append(*sources, src)
	}
	var out []ConflictGroup
	for _, gk := range order {
		g := groups[gk]
		for i := range g.Values {
			for j := i + 1; j < len(g.Values); j++ {
				if !g.Values[i].interval.Overlaps(g.Values[j].interval) {
					g.Disagreements++
				}
			}
		}
		if g.Disagreements == 0 {
			continue
		}
		slices.SortFunc(g.Values, func(a, b ConflictValue) int { return cmp.Compare(a.point, b.point) })
		g.Spread = spread(g.Values)
		out = append(out, *g)
	}
	slices.SortStableFunc(out, func(a, b ConflictGroup) int {
		if c := cmp.Compare(b.Spread, a.Spread); c != 0 {
			return c
		}
		return cmp.Compare(a.Metric, b.Metric)
	})
	return out
}

// IsHeadline reports whether a claim's sentence is its article's headline, which the extractor
// reads before the body.
func IsHeadline(sentence, title string) bool {
	return title != "" && strings.TrimSpace(sentence) == strings.TrimSpace(title)
}

// spread is the relative distance between the smallest and largest stated values (sorted).
func spread(vs []ConflictValue) float64 {
	lo, hi := vs[0].point, vs[len(vs)-1].point
	den := max(math.Abs(lo), math.Abs(hi))
	if den == 0 {
		return 0
	}
	return (hi - lo) / den
}
