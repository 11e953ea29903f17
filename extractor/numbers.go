package extractor

import (
	"math"
	"strconv"
	"strings"

	claimwire "github.com/claimwire/claimwire"
)

// maxDigits bounds the digits of one number: longer runs are identifiers, not quantities.
const maxDigits = 18

// digits parses a number written with digits at token k: "100 000", "100.000", "1,234.5",
// "61,6", "+5", "50+", "30B", "x4", with a scale word after it ("3 millions", "€1.5bn").
// When ok is false, n.j says how far the rejected material goes.
func (r *run) digits(k int) (n num, ok bool) {
	n.i, n.j = k, k+1
	prev := k - 1
	neg := false
	if prev >= 0 && r.toks[k].sp == spNone {
		switch pt := r.toks[prev]; {
		case r.isWord(prev, "x"), r.isPunct(prev, "×"):
			n.times, n.i = true, prev // "x4"
		case pt.kind == tkWord && r.isCurrencyAt(prev) && isUpperCode(r.str(prev)):
			// "USD115": a currency code glued to its amount
		case pt.kind == tkWord, pt.kind == tkNum:
			return n, false // "H100", "B200", "A320"
		case r.gluedHyphen(prev) && prev > 0 && r.toks[prev-1].kind == tkWord:
			return n, false // "GPT-4", "COVID-19"
		case r.isPunct(prev, "[", "#", "/", ":", "№", "°", "_", "@", "&", "="):
			return n, false // footnotes, dates 12/05, clock times, identifiers
		case r.isPunct(prev, "'", "’") && len(r.str(k)) == 2 && !r.isWord(prev-1, "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"):
			return n, false // a year cut short: "H2’26", "Q3 '25"
		case r.isPunct(prev, ".", ","):
			// The tail of a version or of a number already rejected: "3.1.2". Not a space
			// missed after a comma: "Out of these,10,000 GPUs".
			if prev > 0 && r.toks[prev].sp == spNone && r.toks[prev-1].kind != tkPunct &&
				!(r.isPunct(prev, ",") && r.toks[prev-1].kind == tkWord && !r.toks[prev-1].upper) {
				return n, false
			}
		case r.isPunct(prev, "+", "-", "−", "–"):
			// A sign stands alone before the number: " +5 %", "(-3 %)".
			if prev == 0 || r.toks[prev].sp != spNone || r.isPunct(prev-1, "(", "[") {
				n.i, neg = prev, r.str(prev) != "+"
			}
		}
	}
	if prev >= 0 && r.isRef(prev) {
		return n, false
	}
	first := r.str(k)
	if len(first) > 1 && first[0] == '0' && !(r.isPunct(k+1, ",", ".") && r.glued(k+1) && r.glued(k+2)) {
		return n, false // "0800 123 456", "06 12 34": codes and phone numbers
	}
	var mant float64 // integer digits so far, then with the decimals
	var frac int     // number of decimals
	nd := 0
	addDigits := func(s string) {
		for i := 0; i < len(s); i++ {
			mant = mant*10 + float64(s[i]-'0')
		}
		nd += len(s)
	}
	addDigits(first)
	j := k + 1
	groups := 1
	thousandsSep := ""
	decimal := false
	for j < len(r.toks) {
		t := r.toks[j]
		switch {
		case t.kind == tkNum && t.sp == spSingle && t.end-t.start == 3 && !decimal &&
			(thousandsSep == "" || thousandsSep == " ") && (groups > 1 || len(first) <= 3):
			// "100 000", "1 000 000" with spaces, NBSP or narrow NBSP.
			addDigits(r.str(j))
			thousandsSep = " "
			groups++
			j++
			continue
		case t.kind == tkPunct && (r.str(j) == "'" || r.str(j) == "’") && t.sp == spNone && !decimal &&
			(thousandsSep == "" || thousandsSep == "'") && (groups > 1 || len(first) <= 3) &&
			j+1 < len(r.toks) && r.toks[j+1].kind == tkNum && r.toks[j+1].sp == spNone && r.toks[j+1].end-r.toks[j+1].start == 3:
			// Swiss grouping: "1'700", "320’000".
			addDigits(r.str(j + 1))
			thousandsSep = "'"
			groups++
			j += 2
			continue
		case groups == 1 && len(first) <= 2 && r.indianGroups(j) > j:
			// Indian grouping, in lakhs and crores: "12,34,567".
			end := r.indianGroups(j)
			for g := j + 1; g < end; g += 2 {
				addDigits(r.str(g))
				groups++
			}
			thousandsSep = ","
			j = end
			continue
		case t.kind == tkPunct && (r.str(j) == "," || r.str(j) == ".") && t.sp == spNone &&
			j+1 < len(r.toks) && r.toks[j+1].kind == tkNum && r.toks[j+1].sp == spNone && !decimal:
			sep := r.str(j)
			next := r.str(j + 1)
			isThousands := false
			switch {
			case thousandsSep == sep:
				isThousands = true
			case thousandsSep != "":
				isThousands = false
			case len(next) != 3 || groups == 1 && len(first) > 3:
				isThousands = false
			case r.isPunct(j+2, sep) && r.glued(j+2) && j+3 < len(r.toks) && r.toks[j+3].kind == tkNum && r.glued(j+3):
				isThousands = true // "1.000.000", "1,000,000"
			case r.isPunct(j+2, ",", ".") && r.glued(j+2) && j+3 < len(r.toks) && r.toks[j+3].kind == tkNum && r.glued(j+3):
				isThousands = true // "1,234.56", "1.234,56": the other separator is the decimal one
			default:
				// The sentence's language decides: French writes "61,6" and groups "100.000",
				// English writes "61.6" and groups "100,000". English writes no zeros after its
				// decimals, so "23.500 km" and "85.000 pylons" are grouped the French way, as
				// texts translated from it are; not before a scale ("1.500 billion") unless
				// nothing but zeros follows the point ("7.000 million dollars" is 7 billion), nor
				// in a rate, which finance writes to the basis point ("the yield hit 4.800%").
				isThousands = (sep == ",") == (r.lang == "en") ||
					r.lang == "en" && sep == "." && strings.HasSuffix(next, "00") && (next == "000" || r.scaleAt(j+2, func() bool { return true }) == 0) &&
						!r.isPunct(j+2, "%") && !r.isWord(j+2, "percent", "per", "pct", "pc")
			}
			if isThousands {
				if len(next) != 3 {
					return n, false
				}
				addDigits(next)
				thousandsSep = sep
				groups++
			} else {
				if len(next) > 12 || r.lang == "en" && sep == "," && len(next) > 3 {
					// Not English decimals: "220,0000 square feet" is a grouping mistyped,
					// 220,000 or 2,200,000; neither is 220.
					return n, false
				}
				addDigits(next)
				frac = len(next)
				decimal = true
			}
			j += 2
			continue
		}
		break
	}
	n.j = j
	if nd > maxDigits {
		return n, false
	}
	// A second decimal point makes a version or a date: "3.1.2", "12.05.2024".
	if r.isPunct(j, ".", ",") && r.glued(j) && j+1 < len(r.toks) && r.toks[j+1].kind == tkNum && r.glued(j+1) {
		n.j = j + 2
		return n, false
	}
	if j < len(r.toks) && r.glued(j) {
		switch t := r.toks[j]; {
		case t.kind == tkPunct && (r.str(j) == ":" || r.str(j) == "/") && r.glued(j+1) && j+1 < len(r.toks) && r.toks[j+1].kind == tkNum:
			n.j = j + 2
			return n, false // "6:48", "12/05"
		case t.kind == tkPunct && (r.str(j) == "(" || r.str(j) == "]"):
			return n, false // "Article 2(3c)", "[1]"
		case t.kind == tkWord:
			w := r.lower(j)
			if ordinalSuffixes[w] || w == "h" || w == "min" {
				n.j = j + 1
				return n, false // "1er", "3e", "2nd", "1990s", "14h30"
			}
		}
	}
	if r.isMonth(j) || r.isMonth(n.i-1) && !decimal && mant <= 31 {
		return n, false // "1er juillet", "3 mars", "July 1"
	}
	if !decimal && mant <= 31 && r.isWord(j, "et", "and", "au", "à", "to") && j+2 < len(r.toks) && r.toks[j+1].kind == tkNum && r.isMonth(j+2) {
		return n, false // the first day of "les 10 et 11 février", "du 3 au 5 mars"
	}
	val := mant
	if frac > 0 {
		val = mant / math.Pow10(frac)
	}
	if neg {
		val = -val
		mant = -mant
	}
	if r.isPunct(j, "^") && r.glued(j) && r.glued(j+1) && j+1 < len(r.toks) && r.toks[j+1].kind == tkNum {
		// Powers as plain text writes them: "10^18 opérations", "1,1^23".
		e, err := strconv.Atoi(r.str(j + 1))
		if err != nil || e > 30 {
			return n, false
		}
		val, j, frac = math.Pow(val, float64(e)), j+2, 0
		mant = val // the scale below multiplies the power
	}
	n.connector = groups >= 3 // "1 000 000 d'euros"
	n.grouped = groups > 1
	n.thousandths = r.lang == "fr" && decimal && frac == 3 && groups == 1 && first != "0" && r.isPunct(k+1, ",")
	n.year = groups == 1 && !decimal && len(first) == 4 && mant >= 1000 && mant < 2200 && n.i == k
	if r.isPunct(j, "+") && r.glued(j) && !r.glued(j+1) {
		n.plus = true
		j++
	}
	if r.gluedHyphen(j) && r.glued(j+1) && r.scaleAt(j+1, nil) > 0 {
		j++ // "a $20-billion plan"
	}
	// Scale: "3 millions", "1,5 Md", "30B", "50k€".
	letters := func() bool { return r.glued(j) || r.isCurrencyAt(j+1) || r.amountBefore(n.i) }
	// A letter with a digit glued after it is a unit, not a scale: "500m2", "20km2".
	unitDigit := len(r.str(j)) == 1 && j+1 < len(r.toks) && r.toks[j+1].kind == tkNum && r.glued(j+1)
	if sv := r.scaleAt(j, letters); sv > 0 && !unitDigit {
		if frac > 0 && sv >= math.Pow10(frac) {
			val = mant * (sv / math.Pow10(frac)) // exact: 61,6 millions = 616 * 10^5
		} else {
			val *= sv
		}
		n.scale = sv
		n.letterScale = len(r.str(j)) == 1
		n.connector = !n.letterScale
		j++
		if scaleAbbreviations[r.lower(j-1)] && r.isPunct(j, ".") && r.glued(j) && j+1 < len(r.toks) && r.toks[j+1].kind == tkWord && !r.toks[j+1].upper {
			j++ // the abbreviation's period: "590 bil. yen"
		}
		j = r.halfAfter(j, &val, sv)
		j = r.scaleOfScale(j, &val)
	}
	if n.scale == 0 && j < len(r.toks) && r.toks[j].kind == tkWord && r.glued(j) {
		if _, ok := r.phraseAt(j); !ok {
			return n, false // "5G", "3D": a name, not a quantity
		}
	}
	if r.isPunct(j, "+") && r.glued(j) && !n.plus {
		n.plus = true
		j++
	}
	if n.scale > 0 && r.gluedHyphen(j) && r.glued(j+1) && r.isWord(j+1, "plus") {
		n.plus = true // "$10 billion-plus"
		j += 2
	}
	n.val, n.j = val, j
	if n.times && n.scale > 0 {
		return n, false
	}
	return n, true
}

// indianGroups returns the token after Indian digit groups starting with the comma at token j
// (",34,567": pairs of digits, then three), or j when there are none.
func (r *run) indianGroups(j int) int {
	k := j
	for r.isPunct(k, ",") && r.glued(k) && r.glued(k+1) && k+1 < len(r.toks) && r.toks[k+1].kind == tkNum {
		switch r.toks[k+1].end - r.toks[k+1].start {
		case 2:
			k += 2
			continue
		case 3:
			if k > j && !(r.isPunct(k+2, ",") && r.glued(k+2) && r.glued(k+3)) {
				return k + 2
			}
		}
		break
	}
	return j
}

// skipBoundHedge skips the hedge of a second bound at token k: "entre 390 et jusqu'à 430", "de
// 18 à plus de 150" (the range is the claim; the bound's hedge is part of it).
func (r *run) skipBoundHedge(k int) int {
	switch {
	case r.isWord(k, "jusqu") && r.isPunct(k+1, "'", "’") && r.isWord(k+2, "à"):
		return k + 3
	case r.isWord(k, "plus") && r.isWord(k+1, "d") && r.isPunct(k+2, "'", "’"):
		return k + 3
	case r.isWord(k, "up", "as", "more") && r.isWord(k+1, "to", "many", "much", "than"), r.isWord(k, "plus") && r.isWord(k+1, "de"):
		return k + 2
	}
	return k
}

// isRef reports a reference word before a number: "Article 2", "page 5", "n° 3".
func (r *run) isRef(k int) bool {
	if r.toks[k].kind == tkPunct {
		s := r.str(k)
		if s == "°" || s == "º" || s == "." {
			if k > 0 && r.isWord(k-1, "n", "no", "art", "p", "pp", "fig", "vol", "nº") {
				return true
			}
		}
		return false
	}
	return refWords[r.lower(k)]
}

func (r *run) isMonth(k int) bool {
	return k >= 0 && k < len(r.toks) && r.toks[k].kind == tkWord && months[r.lower(k)]
}

// scaleAt returns the scale word value at token k, or 0. Letter scales (m, b, k) count only
// when letters is not nil and reports true (glued to the number or next to a currency); it is a
// function so that its lookups are only made for letter scales.
func (r *run) scaleAt(k int, letters func() bool) float64 {
	if k >= len(r.toks) || r.toks[k].kind != tkWord {
		return 0
	}
	s, ok := scales[r.lower(k)]
	if !ok || s.letter && (letters == nil || !letters()) {
		return 0
	}
	if s.letter && !r.glued(k) && !r.isCurrencyAt(k+1) && !r.amountBefore(k-1) {
		return 0
	}
	if r.lang == "fr" {
		return s.frVal
	}
	return s.val
}

// halfAfter adds "et demi" / "and a half" after a scale word: "deux millions et demi".
func (r *run) halfAfter(j int, val *float64, scale float64) int {
	switch {
	case r.isWord(j, "et") && r.isWord(j+1, "demi", "demie"):
		*val += scale / 2
		return j + 2
	case r.isWord(j, "and") && r.isWord(j+1, "a") && r.isWord(j+2, "half"):
		*val += scale / 2
		return j + 3
	}
	return j
}

// isCurrencyAt reports a currency symbol or code at token k.
func (r *run) isCurrencyAt(k int) bool {
	if k < 0 || k >= len(r.toks) {
		return false
	}
	p, ok := r.e.lexicon.m[r.lower(k)]
	return ok && p.kind == ukCurrency
}

// isCurrencyBefore reports a currency symbol or code just before token k ("$" in "$5m").
// powerUnitAt reports a unit of power or energy written as a word at token k: "gigawatt",
// "terawatt-hours".
func (r *run) powerUnitAt(k int) bool {
	if k >= len(r.toks) || r.toks[k].kind != tkWord || len(r.str(k)) < 5 {
		return false // a symbol after "a" is rarely the unit: "a GW-scale campus"
	}
	u, ok := r.phraseAt(k)
	if !ok || u.kind != ukUnit {
		return false
	}
	base, ok := claimwire.LookupUnit(u.canon)
	return ok && (base.Base == "W" || base.Base == "Wh")
}

// perUnit reports "a" at token k meaning "per" after an amount: "$10 billion a gigawatt".
func (r *run) perUnit(k int) bool {
	return k > 0 && (r.toks[k-1].kind == tkNum || r.scaleAt(k-1, nil) > 0 || r.isCurrencyAt(k-1))
}

// amountBefore reports a currency before the number at token k, or before the first bound of
// the range k ends: "$25", "$20–25".
func (r *run) amountBefore(k int) bool {
	return r.isCurrencyBefore(k) ||
		r.isPunct(k-1, "-", "–", "‑") && r.glued(k-1) && r.glued(k) && k >= 2 && r.toks[k-2].kind == tkNum && r.isCurrencyBefore(k-2)
}

func (r *run) isCurrencyBefore(k int) bool {
	c, _ := r.currencyBefore(k)
	return c != ""
}

// words parses a spelled-out number at token k: "quatre-vingt-dix-neuf", "trois millions",
// "one hundred and twenty", "a dozen", "une vingtaine", "des milliers", "half a million".
func (r *run) words(k int) (n num, ok bool) {
	n.i, n.j, n.word = k, k+1, true
	w := r.lower(k)
	// Vague amounts: "des milliers de", "plusieurs milliards", "thousands of", "a few hundred".
	factor, starter := vagueStarters[w]
	if w == "a" && r.isWord(k+1, "few") {
		factor, starter = 2, true
		k++
	}
	head := k
	if starter {
		head = k + 1
	}
	if s, ok := scales[w]; ok && !starter && !s.letter && !strings.HasSuffix(w, "s") && r.isWord(k-1, "du", "le", "au") {
		// "la barre du milliard de dollars": the scale word alone is one of it.
		v := r.scaleAt(k, nil)
		n.val, n.scale, n.connector = v, v, true
		return n, true
	}
	if hv, ok := r.vagueHead(head); ok && (starter || r.isWord(head+1, "of", "de", "d")) {
		if starter && w == "des" && !strings.HasSuffix(r.lower(head), "s") {
			return n, false // "des million" is not French
		}
		if !starter {
			factor = 1
		}
		val := hv * factor
		j := head + 1
		// "des centaines de milliards", "hundreds of millions", "tens of thousands".
		if r.isWord(j, "of", "de", "d") {
			c := j + 1
			if r.isPunct(c, "'", "’") {
				c++
			}
			if h2, ok := r.vagueHead(c); ok && h2 > hv {
				val *= h2
				j = c + 1
			}
		}
		n.val, n.j, n.vague, n.qual, n.connector = val, j, true, claimwire.QualifierMoreThan, true
		return n, true
	}
	if starter && w != "a" {
		return n, false
	}
	if (w == "a" || w == "an") && r.lang == "en" {
		at := k + 1
		if r.isWord(at, "extra", "additional", "further") && r.powerUnitAt(at+1) {
			at++ // "an extra gigawatt available for future expansion"
		}
		if r.powerUnitAt(at) && !r.perUnit(k) || at == k+1 && r.fractionOfWhole(at) {
			n.val, n.one, n.j = 1, true, at // "roughly a gigawatt of power", "a third of the cost", as French writes "un"
			return n, true
		}
	}
	// "une vingtaine", "un millier", "a dozen".
	if w == "un" || w == "une" || w == "a" || w == "an" {
		if an, ok := approxNouns[r.lower(k+1)]; ok {
			n.val, n.j, n.connector = an.val, k+2, true
			if an.approx {
				n.qual = claimwire.QualifierApprox
			}
			return r.wordScale(n), true
		}
	}
	// "a quarter million", "a quarter of a billion", "half a million", and without the article
	// as in headlines and price lists: "quarter million", "half million".
	frac, at := 0.0, k+1
	switch {
	case (w == "a" || w == "one") && r.isWord(k+1, "quarter"), w == "un" && r.isWord(k+1, "quart"):
		frac, at = 0.25, k+2
	case w == "quarter":
		frac = 0.25
	case w == "half":
		frac = 0.5
		if r.isWord(at, "a") {
			at++
		}
	case w == "un" || w == "une":
		// "un demi-milliard de dollars": one word for half the scale.
		if rest, ok := strings.CutPrefix(r.lower(k+1), "demi-"); ok && spelledScale(rest) {
			sv := scales[rest].frVal
			n.val, n.j, n.scale, n.connector = sv/2, k+2, sv, true
			return n, true
		}
	}
	if frac > 0 {
		if sv, j := r.fractionScale(at); sv > 0 {
			n.val, n.j, n.scale, n.connector = sv*frac, j, sv, true
			return n, true
		}
		if w == "half" && r.isWord(k+1, "a", "an") && r.powerUnitAt(k+2) {
			n.val, n.j = 0.5, k+2 // "half a gigawatt" is no gigawatt
			return n, true
		}
		if w == "half" && r.halfOfWhole(k) {
			n.val, n.share = 50, true // "about half of the cost": a share
			return n, true
		}
		if w == "half" || w == "quarter" {
			return n, false
		}
	}
	if w == "moitié" {
		if !r.isWord(k-1, "la") || !r.halfOfWhole(k) {
			return n, false
		}
		n.i, n.val, n.share = k-1, 50, true // "près de la moitié du budget"
		return n, true
	}
	if v, ok := ratioVerbs[w]; ok {
		bare := w == "double" || w == "triple" || w == "quadruple"
		prev := r.lower(k - 1)
		if bare && !ratioVerbLeads[prev] || r.lang == "fr" && ratioNounsFR[prev] || r.lang != "fr" && ratioNounsEN[prev] ||
			r.isWord(k+1, "down") || r.isWord(k+1, "par") && !r.isWord(k+2, "rapport") {
			return n, false // "doubling down on AI" insists and "doublé par un rival" overtaken: no ratio
		}
		n.val, n.times = v, true // "capacity doubled", "could triple", "va tripler"
		return n, true
	}
	if v, ok := foldTimes(w); ok {
		n.val, n.times = v, true // "tenfold", "five-fold"
		return n, true
	}
	if (w == "cent" || w == "cents") && r.isWord(k-1, "pour", "per") {
		return n, false // "pour cent" is a percentage, not a hundred
	}
	first, rest, _ := strings.Cut(w, "-")
	if numberWords[first].kind == nkNone {
		return n, false
	}
	if d := fractions[rest]; d > 0 && numberWords[first].kind == nkUnit && numberWords[first].val < d {
		// "one-third", "two-thirds" of something: a share.
		n.val, n.share = math.Round(numberWords[first].val/d*1e4)/100, true
		return n, true
	}
	val, j, atoms := r.wordValue(k)
	if atoms == 0 {
		return n, false
	}
	n.val, n.j = val, j
	n.one = atoms == 1 && val <= 1
	n.connector = numberWords[r.lower(j-1)].kind == nkThousand // "two thousand of its servers"
	return r.wordScale(n), true
}

// halfOfWhole reports "half" or "moitié" at token k as a share of a whole after it: "about half
// of the cost", "la moitié du budget". Not a half of a period ("the second half of 2025", "la
// première moitié de l'année", "half of the year"), nor an ordinal's.
func (r *run) halfOfWhole(k int) bool {
	if !r.isWord(k+1, "of", "de", "du", "des", "d") || r.isWord(k-1, halfOrdinals...) || r.isWord(k-2, halfOrdinals...) {
		return false
	}
	for j := k + 2; j <= k+4 && j < len(r.toks); j++ {
		if r.yearAt(j) || r.isWord(j, periodNouns...) {
			return false
		}
	}
	return true
}

// halfOrdinals set a half of a period: "the first half", "la seconde moitié".
var halfOrdinals = []string{"first", "second", "latter", "last", "other", "première", "seconde", "deuxième",
	"dernière", "autre", "h1", "h2"}

// periodNouns are periods a half may be of.
var periodNouns = []string{"year", "decade", "century", "month", "quarter", "season", "année", "an", "décennie",
	"siècle", "mois", "trimestre", "saison", "exercice"}

// foldTimes reads the multiple of a -fold word: "tenfold", "five-fold".
func foldTimes(w string) (float64, bool) {
	base, ok := strings.CutSuffix(w, "fold")
	if !ok {
		return 0, false
	}
	nw, ok := numberWords[strings.TrimSuffix(base, "-")]
	return nw.val, ok && nw.kind != nkArticle && nw.val > 1
}

// fractionScale reads the scale after a fraction word at token k: "million" or "of a billion".
// It returns the scale (0 if none) and the token after it.
func (r *run) fractionScale(k int) (float64, int) {
	switch {
	case r.isWord(k, "of") && r.isWord(k+1, "a"):
		k += 2
	case r.isWord(k, "de") && !strings.HasSuffix(r.lower(k+1), "s"):
		k++ // "un quart de million", not "un quart des millions"
	}
	return r.scaleAt(k, nil), k + 1
}

// wordScale applies a scale word after a spelled-out number: "trois millions", "a billion",
// and a fraction of it: "three quarters of a billion".
func (r *run) wordScale(n num) num {
	if r.isWord(n.j, "quarters") && n.val < 4 {
		if sv, j := r.fractionScale(n.j + 1); sv > 0 {
			n.val, n.j, n.scale, n.one, n.connector = n.val*sv/4, j, sv, false, true
			return n
		}
	}
	if sv := r.scaleAt(n.j, nil); sv > 0 && sv > n.val {
		n.val *= sv
		n.scale = sv
		n.one = false
		n.connector = true
		n.j++
		n.j = r.halfAfter(n.j, &n.val, sv)
		n.j = r.scaleOfScale(n.j, &n.val)
	}
	return n
}

// scaleOfScale multiplies by a second scale word after "de"/"of": "un milliard de milliards";
// and by crores after lakhs or thousands, as Indian English writes large sums: "₹1.3 lakh
// crore" is 1.3 × 10^12 rupees.
func (r *run) scaleOfScale(j int, val *float64) int {
	if r.isWord(j, "crore", "crores") && r.isWord(j-1, "lakh", "lakhs", "thousand") {
		*val *= scales["crore"].val
		return j + 1
	}
	if r.isWord(j, "de", "of") {
		if s, ok := scales[r.lower(j+1)]; ok && !s.letter && strings.HasSuffix(r.lower(j+1), "s") {
			*val *= r.scaleAt(j+1, nil)
			return j + 2
		}
	}
	return j
}

// vagueHead returns the value of "milliers", "thousands", "centaines" at token k.
func (r *run) vagueHead(k int) (float64, bool) {
	if k >= len(r.toks) || r.toks[k].kind != tkWord {
		return 0, false
	}
	v, ok := vagueHeads[r.lower(k)]
	return v, ok
}

// wordValue reads number words from token k on, French and English, and returns the value,
// the token after the last word used, and how many number words were used.
func (r *run) wordValue(k int) (float64, int, int) {
	var total, group, lastVal float64
	last := nkNone
	atoms := 0
	j := k
	// "a hundred", "an eighty"... only "a"/"an" before hundred and thousand count here.
	if r.isWord(k, "a", "an") {
		if !r.isWord(k+1, "hundred", "thousand") {
			if r.scaleAt(k+1, nil) > 0 {
				return 1, k + 1, 1
			}
			return 0, k, 0
		}
		group, last, lastVal, atoms, j = 1, nkUnit, 1, 1, k+1
	}
	apply := func(a string) bool {
		nw, ok := numberWords[a]
		if !ok {
			return false
		}
		v := nw.val
		switch nw.kind {
		case nkUnit:
			switch {
			case last == nkNone || last == nkHundred || last == nkThousand:
			case last == nkTens && (v > 0 && v < 10 || (lastVal == 60 || lastVal == 80) && v < 20):
			case last == nkUnit && lastVal == 10 && v >= 7 && v <= 9: // dix-sept
			default:
				return false
			}
			group += v
		case nkTens:
			switch {
			case last == nkNone || last == nkHundred || last == nkThousand:
				group += v
			case last == nkUnit && lastVal == 4 && v == 20: // quatre-vingt(s)
				group += 76
				v = 80
			default:
				return false
			}
		case nkHundred:
			switch {
			case last == nkNone || last == nkThousand:
				group += 100
			case last == nkUnit && group >= 1 && group < 10:
				group *= 100
			default:
				return false
			}
		case nkThousand:
			if total > 0 || last == nkThousand {
				return false
			}
			total = math.Max(group, 1) * 1000
			group = 0
		default:
			return false
		}
		last, lastVal = nw.kind, v
		return true
	}
	for j < len(r.toks) && r.toks[j].kind == tkWord {
		w := r.lower(j)
		if (w == "et" || w == "and") && atoms > 0 && j+1 < len(r.toks) {
			// "vingt et un", "soixante et onze", "one hundred and twenty".
			next := r.lower(j + 1)
			nw, ok := numberWords[next]
			if ok && (last == nkTens && (next == "un" || next == "une" || next == "onze") ||
				last == nkHundred && w == "and" && nw.kind != nkHundred && nw.kind != nkThousand) {
				j++
				continue
			}
			break
		}
		if atoms > 0 && r.toks[j].sp == spNone {
			break
		}
		saved := [5]float64{total, group, lastVal, float64(last), float64(atoms)}
		okAll := true
		n := 0
		for rest, more := w, true; more; { // not strings.SplitSeq: w would escape to the heap
			var a string
			a, rest, more = strings.Cut(rest, "-")
			if !apply(a) {
				okAll = false
				break
			}
			n++
		}
		if !okAll {
			total, group, lastVal, last, atoms = saved[0], saved[1], saved[2], numKind(saved[3]), int(saved[4])
			break
		}
		atoms += n
		j++
	}
	if atoms > 0 && r.isWord(j-1, "et", "and") {
		j--
	}
	return total + group, j, atoms
}

// currencyBefore returns the currency written just before token i ("$", "US$", "USD", "€")
// and the token where it starts.
func (r *run) currencyBefore(i int) (string, int) {
	if i > len(r.toks) {
		return "", 0 // "$5 to" ending the sentence: rangeAfter asks past the last token
	}
	for l := 2; l >= 1; l-- {
		s := i - l
		if s < 0 {
			continue
		}
		if i < len(r.toks) && r.toks[i].sp == spOther {
			return "", 0
		}
		p, ok := r.e.lexicon.m[string(r.keyOf(s, i))]
		if !ok || p.kind != ukCurrency {
			continue
		}
		// Words ("euros 5") never come first; symbols, upper-case codes and India's "Rs" do.
		last := r.toks[i-1]
		if w := r.text[last.start:last.end]; last.kind == tkWord && !isUpperCode(w) && w != "Rs" {
			continue
		}
		return p.canon, s
	}
	return "", 0
}

// isUpperCode reports a currency code written in capitals ("USD", "EUR").
func isUpperCode(s string) bool { return len(s) <= 3 && allCapitals(s) }

// qualifierBefore returns the qualifier phrase ending just before token i and where it starts.
func (r *run) qualifierBefore(i int) (int, string) {
	if i < 1 {
		return 0, ""
	}
	// Only words (or signs) that end some qualifier are worth the longer lookups.
	maxL := qualifierEnds[r.lower(i-1)]
	for l := maxL; l >= 1; l-- {
		s := i - l
		if s < 0 {
			continue
		}
		if q, ok := qualifiers[string(r.keyOf(s, i))]; ok {
			// "~100" and "+" style qualifiers glue; words need a boundary before them.
			return s, q
		}
	}
	return 0, ""
}

// rangeAfter looks for the upper bound of a range after n: "4 à 5", "entre 10 et 20 millions",
// "three to five", "4-5", "quatre ou cinq". qs is where "entre"/"between" starts, or -1.
func (r *run) rangeAfter(n *num, start int, hasCurrency bool) (m num, qs int, ok bool) {
	qs = -1
	c := n.j
	if c >= len(r.toks) {
		return m, qs, false
	}
	between := r.isWord(start-1, "entre", "between")
	if r.gluedHyphen(c) && !r.glued(c+1) && r.isWord(c+1, "to", "or", "and", "à", "ou", "et") {
		c++ // a suspended hyphen: "the 10- to 15-year construction phase"
	}
	switch {
	case between && r.isWord(c, "et", "and"):
		qs = start - 1
	case r.isPunct(c, ",") && r.isWord(c+1, "voire") && r.isWord(c+2, "par", "by") && r.isWord(start-1, "par", "by"):
		c += 2 // "multiplier par dix, voire par cent"
	case r.isWord(c, "à", "a", "to", "ou", "or", "voire"):
		if r.lower(c) == "a" && r.lang != "fr" {
			return m, qs, false
		}
		if r.changeFrom(start) {
			return m, qs, false // "passé de 10 à 20 %", "rose from 10 to 20": two values
		}
	case r.isPunct(c, "-", "–", "—") && (r.glued(c) == r.glued(c+1)) && !n.word:
	default:
		return m, qs, false
	}
	k := r.skipBoundHedge(c + 1)
	if hasCurrency {
		if cur, cs := r.currencyBefore(k + 1); cur != "" && cs == k {
			k++ // "$5 to $10"
		}
	}
	if k >= len(r.toks) {
		return m, qs, false
	}
	switch r.toks[k].kind {
	case tkNum:
		if n.word {
			return m, qs, false
		}
		m, ok = r.digits(k)
	case tkWord:
		if !n.word {
			return m, qs, false
		}
		m, ok = r.words(k)
	}
	if !ok || m.vague || m.times || n.year && m.year {
		return m, qs, false
	}
	lo := n.val
	switch {
	case n.scale == 0 && m.scale > 0:
		lo *= m.scale // "10 à 20 milliards"
	case n.scale == 0 && !n.word && lo < 1000 && lo == math.Trunc(lo) && m.j > m.i+1 && r.toks[m.i+1].kind == tkNum &&
		lo*1000 <= m.val && m.val < lo*10000:
		lo *= 1000 // "10 à 15 000": the thousands of the upper bound are the lower one's too
	}
	if !(lo < m.val) || r.changeThenLevel(c, start, lo, m.val) {
		return m, qs, false
	}
	n.val = lo
	n.one = false
	n.connector = n.connector || m.connector
	n.scale = max(n.scale, m.scale)
	return m, qs, true
}
