package facts

import (
	"math"
	"strconv"
	"strings"

	"github.com/claimwire/claimwire"
)

// How a reader hears a hedged figure. "Plus de 100 000" is a figure a little above 100,000,
// not any figure above it: a source saying "more than 60" and one saying "more than 120"
// disagree, while "more than a dozen" and "16" agree.
const (
	// hedgeReach is how far past its figure a one-sided hedge reaches, as a fraction.
	hedgeReach = 0.5
	// "About", "environ" reach 0.4 of a unit of the figure's last significant digit, at least
	// approxMin and at most approxMax of it: "about 4" is 3.6 to 4.4, "about 415" 403 to 427,
	// "about 1 GW" 0.9 to 1.1 GW. A writer hedging a precise figure chose its digits: "about
	// $14.3 billion" and "$14.8 billion" are two figures.
	approxMin, approxMax, approxDigit = 0.03, 0.10, 0.4
	// nearlyReach bounds how far under its figure "nearly" reaches, as a fraction.
	nearlyReach = 0.05
	// roundingCap bounds the rounding read into an exact figure: "10 billion" may be 9.9
	// billion, not 5 to 15.
	roundingCap = 0.025
	// vagueReach is how far "des milliers" (read as 1,000) reaches: an order of magnitude.
	vagueReach = 10.0
	// currencyTolerance widens an amount converted at its publication month's reference rate,
	// for the days between the rate and the article and the rounding of the conversion.
	currencyTolerance = 0.03
	// boundsApart is how far apart two bounds the same way must be to name two figures: more
	// than rounding and a currency's conversion.
	boundsApart = 0.05
	// relEpsilon absorbs floating-point noise from scaling when comparing bounds.
	relEpsilon = 1e-9
)

// Reading is the range of values a reader takes a stated figure to allow, and the figure itself.
type Reading struct {
	Lo, Hi, Point float64
	// Stated is the figure as written, before any conversion: "$6 billion" is 6e9 however
	// many euros it makes. A physical figure is stated in its dimension's base unit, so that
	// "1.4 GW" and "1,400 MW" state one figure.
	Stated float64
	// Written is the figure in the claim's own unit, whose digits say how precise it is: "1
	// million gallons" is a round figure however many litres it makes.
	Written float64
	// Floor and Ceiling mark one-sided hedges: "at least", "more than" set a floor; "up to",
	// "at most" a ceiling. Two sources hedging in opposite directions from one figure differ
	// mildly.
	Floor, Ceiling bool
}

// qualifierNearly is how facts reads an approximate figure hedged from below ("nearly 15
// million", "près de 15 millions"): a little under it, never over. The extractor's qualifier
// for it is approx; the hedge is read from the claim's surface (nearlyHedged).
const qualifierNearly = "nearly"

// nearlyHedges open a figure a little under which the truth lies.
var nearlyHedges = []string{"nearly ", "almost ", "close to ", "just under ", "just below ", "slightly under ",
	"slightly less than ", "près de ", "pres de ", "presque ", "quasiment ", "pas loin de ", "un peu moins de ", "tout juste moins de "}

// nearlyHedged reports whether a claim's surface opens with a hedge from below.
func nearlyHedged(surface string) bool {
	s := strings.ToLower(surface)
	for _, h := range nearlyHedges {
		if strings.HasPrefix(s, h) {
			return true
		}
	}
	return false
}

// Read is how a reader takes a stated figure: an exact figure allows its rounding, "about" 10%
// either way, "nearly" as much under it and its rounding over it, a one-sided hedge reaches
// half past its figure, a range spans its ends.
func Read(value float64, valueMax *float64, qualifier string, vague bool) Reading {
	r := Reading{Point: value, Stated: value, Written: value}
	switch qualifier {
	case claimwire.QualifierApprox:
		reach := approxReach(value)
		r.Lo, r.Hi = value-reach, value+reach
	case qualifierNearly:
		// A little under: "près de 30 %" is 28.5% or more, not 27%, however round the figure.
		// The figure is written rounded like any: "près de 4 000 emplois" allows 4,070.
		r.Lo, r.Hi = value-min(approxReach(value), nearlyReach*math.Abs(value)), value+rounding(value)
	case claimwire.QualifierAtLeast, claimwire.QualifierMoreThan:
		// The bound is a written figure, rounded like any: "more than 16,000" allows 15,990.
		r.Lo, r.Hi, r.Floor = value-rounding(value), value*(1+hedgeReach), true
	case claimwire.QualifierUpTo, claimwire.QualifierAtMost:
		// "Up to 16,000" allows 16,384 written to the thousand.
		r.Lo, r.Hi, r.Ceiling = value*(1-hedgeReach), value+rounding(value), true
	case claimwire.QualifierRange:
		hi := value
		if valueMax != nil {
			hi = *valueMax
		}
		r.Lo, r.Hi = value-rounding(value), hi+rounding(hi)
		r.Point = (value + hi) / 2
	default:
		r.Lo, r.Hi = value-rounding(value), value+rounding(value)
	}
	if vague && !r.Ceiling {
		r.Hi = max(r.Hi, value*vagueReach)
	}
	if r.Lo > r.Hi {
		r.Lo, r.Hi = r.Hi, r.Lo
	}
	return r
}

// rounding is half a unit of a figure's last significant digit, at most roundingCap of it:
// "2.5 GW" allows 2,475 MW.
func rounding(v float64) float64 {
	return min(0.5*lastDigitUnit(v), math.Abs(v)*roundingCap)
}

// approxReach is how far "about" reaches from a figure: further from a round figure than
// from a precise one.
func approxReach(v float64) float64 {
	a := math.Abs(v)
	return max(approxMin*a, min(approxMax*a, approxDigit*lastDigitUnit(v)))
}

// lastDigitUnit is the unit of a figure's last significant digit: 100 for 1,100, 1 for 415,
// 0.1 for 2.5.
func lastDigitUnit(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	mant := strconv.FormatFloat(math.Abs(v), 'e', -1, 64) // "2.475e+03"
	e := strings.IndexByte(mant, 'e')
	exp, err := strconv.Atoi(mant[e+1:])
	if err != nil {
		return 0
	}
	digits := strings.TrimRight(strings.Replace(mant[:e], ".", "", 1), "0")
	return math.Pow(10, float64(exp-len(digits)+1))
}

// scale converts a reading to another unit by a positive factor and widens it by a relative
// tolerance.
func (r Reading) scale(factor, tolerance float64) Reading {
	r.Lo, r.Hi, r.Point = r.Lo*factor*(1-tolerance), r.Hi*factor*(1+tolerance), r.Point*factor
	return r
}

// Verdict is how two readings of one fact relate.
type Verdict uint8

const (
	// Agree: a reader finds both statements compatible.
	Agree Verdict = iota
	// Mild: the figures meet only at a hedge pointing opposite ways ("up to 100,000" and
	// "at least 100,000").
	Mild
	// Disagree: no value satisfies both statements.
	Disagree
)

func (v Verdict) String() string {
	switch v {
	case Mild:
		return "mild"
	case Disagree:
		return "disagree"
	}
	return "agree"
}

// truncated reports whether the shorter of two exact figures in one unit is the longer cut
// short, as writers shorten a precise figure, when they differ by little: "$6.1 billion" for
// $6.165 billion, "15.2 GW" for 15.28 GW; not 150 and 157 billion, nor 13,000 and 13,500.
func truncated(a, b Reading) bool {
	if a.Floor || a.Ceiling || b.Floor || b.Ceiling || !oneUnit(a, b) ||
		math.Abs(a.Point-b.Point) > truncationCap*max(math.Abs(a.Point), math.Abs(b.Point)) ||
		math.Floor(math.Log10(math.Abs(a.Stated))) != math.Floor(math.Log10(math.Abs(b.Stated))) {
		return false // two currencies, or two orders of magnitude
	}
	var bufA, bufB [32]byte
	da, db := digitsOf(bufA[:0], a.Stated), digitsOf(bufB[:0], b.Stated)
	if len(da) > len(db) {
		da, db = db, da
	}
	return len(db) > len(da) && string(db[:len(da)]) == string(da)
}

// writtenApart reports two figures written in one unit, neither within the other's rounding:
// "up to $450 million" and "up to $458 million" are two ceilings, where no conversion stands
// between them to blur the gap.
func writtenApart(a, b Reading) bool {
	return oneUnit(a, b) && math.Abs(a.Stated-b.Stated) > rounding(a.Stated)+rounding(b.Stated)
}

// oneUnit reports two figures written in one unit: their readings scale what is written alike.
func oneUnit(a, b Reading) bool {
	return a.Stated != 0 && b.Stated != 0 && math.Abs(a.Point*b.Stated-b.Point*a.Stated) <= relEpsilon*math.Abs(a.Point*b.Stated)
}

// truncationCap is how far apart, relative to the larger, a shortened figure and the figure
// it shortens may be.
const truncationCap = 0.02

// Compare reads two statements of one fact as a reader would, and returns the gap between them
// as a fraction of the larger value (0 when they overlap).
func Compare(a, b Reading) (Verdict, float64) {
	if a.Floor && b.Floor || a.Ceiling && b.Ceiling {
		// Two bounds the same way name two thresholds: "up to 2,000" and "up to 4,000",
		// "more than 250" and "more than 300" are different figures, whatever they allow.
		hi := max(math.Abs(a.Point), math.Abs(b.Point))
		if gap := math.Abs(a.Point-b.Point) / hi; hi > 0 && (gap > boundsApart || writtenApart(a, b)) {
			return Disagree, gap
		}
	}
	if a.Lo > b.Lo || a.Lo == b.Lo && a.Hi < b.Hi {
		a, b = b, a
	}
	// From one low end, the wider reading holds the other: a is the wider, whichever comes first.
	if b.Lo < a.Hi-math.Abs(a.Hi)*relEpsilon || a.Lo == b.Lo {
		// Overlapping; only opposite hedges from one figure differ, mildly: "up to 100,000"
		// and "at least 100,000".
		if (a.Ceiling && b.Floor || a.Floor && b.Ceiling) && math.Abs(a.Point-b.Point) <= math.Abs(b.Point)*relEpsilon {
			return Mild, 0
		}
		return Agree, 0
	}
	den := max(math.Abs(a.Hi), math.Abs(b.Lo))
	if den == 0 || truncated(a, b) {
		return Agree, 0
	}
	if gap := (b.Lo - a.Hi) / den; gap > 0 {
		return Disagree, gap
	}
	// Roundings that only touch: 67 and 68 are two figures, as far apart as their points.
	return Disagree, math.Abs(b.Point-a.Point) / den
}
