package web

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire"
)

// numberStyle is how a language writes numbers. French groups digits with a narrow no-break
// space (U+202F) and puts a no-break space before symbols, as its typography requires.
type numberStyle struct {
	group, decimal, symbolSpace string
}

var numberStyles = map[string]numberStyle{
	"en": {group: ",", decimal: ".", symbolSpace: ""},
	"fr": {group: "\u202f", decimal: ",", symbolSpace: "\u00a0"},
}

func styleOf(lang string) numberStyle {
	if s, ok := numberStyles[lang]; ok {
		return s
	}
	return numberStyles["en"]
}

// currencySymbols are the currencies readers know by symbol; others keep their ISO code.
var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}

// moneyScale is a word newspapers use for a power of ten ("bn", "Md").
type moneyScale struct {
	factor float64
	suffix string
}

// moneyScales are largest first; French has no word for 10^12 in headlines ("1 000 Md€").
var moneyScales = map[string][]moneyScale{
	"en": {{1e12, "tn"}, {1e9, "bn"}, {1e6, "m"}},
	"fr": {{1e9, "Md"}, {1e6, "M"}},
}

func scaleFor(v float64, lang string) moneyScale {
	scales, ok := moneyScales[lang]
	if !ok {
		scales = moneyScales["en"]
	}
	for _, s := range scales {
		if math.Abs(v) >= s.factor {
			return s
		}
	}
	return moneyScale{factor: 1}
}

// formatNumber writes v with at most three decimals and the language's digit grouping.
func formatNumber(v float64, lang string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	st := styleOf(lang)
	sign := ""
	if v < 0 {
		sign, v = "−", -v
	}
	if v != 0 && v < 0.001 {
		// Rounding to three decimals would say 0; scientific notation keeps the figure.
		return sign + strings.Replace(strconv.FormatFloat(v, 'e', 2, 64), ".", st.decimal, 1)
	}
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(st.group)
		}
		b.WriteRune(d)
	}
	if hasFrac {
		b.WriteString(st.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// formatValue formats a quantity's value as a reader of lang expects it: money with the scale
// words of the press ("20 Md€", "€20bn"), percentages with their sign, other numbers with the
// language's digit grouping ("100 000", "100,000"); the unit of counts and physical quantities
// is shown next to it, not in it. A range is written "low–high".
func formatValue(value float64, valueMax *float64, unit, lang string) string {
	switch {
	case claimwire.IsCurrency(unit):
		return formatMoney(value, valueMax, unit, lang)
	case unit == claimwire.UnitPercent:
		return formatRange(value, valueMax, lang) + styleOf(lang).symbolSpace + "%"
	}
	return formatRange(value, valueMax, lang)
}

func formatRange(value float64, valueMax *float64, lang string) string {
	s := formatNumber(value, lang)
	if valueMax != nil {
		s += "–" + formatNumber(*valueMax, lang)
	}
	return s
}

func formatMoney(value float64, valueMax *float64, unit, lang string) string {
	sym, known := currencySymbols[unit]
	if !known {
		sym = unit
	}
	sc := scaleFor(value, lang)
	num := formatNumber(value/sc.factor, lang)
	if valueMax != nil {
		if scMax := scaleFor(*valueMax, lang); scMax == sc {
			num += "–" + formatNumber(*valueMax/sc.factor, lang)
		} else {
			return formatMoney(value, nil, unit, lang) + "–" + formatMoney(*valueMax, nil, unit, lang)
		}
	}
	if lang == "fr" {
		// "20 Md€", "25 000 €", "3 M CHF"
		switch {
		case sc.suffix == "":
			return num + "\u00a0" + sym
		case known:
			return num + "\u00a0" + sc.suffix + sym
		}
		return num + "\u00a0" + sc.suffix + "\u00a0" + sym
	}
	if !known {
		// "CHF 20bn"
		return sym + "\u00a0" + num + sc.suffix
	}
	return sym + num + sc.suffix
}

// qualifierLabels name the hedges in the page's language (English); exact needs no label.
var qualifierLabels = map[string]string{
	claimwire.QualifierApprox:   "about",
	claimwire.QualifierAtLeast:  "at least",
	claimwire.QualifierMoreThan: "more than",
	claimwire.QualifierUpTo:     "up to",
	claimwire.QualifierAtMost:   "at most",
	claimwire.QualifierRange:    "range",
}

// qualifierSigns prefix values in the chart, where words take too much room.
var qualifierSigns = map[string]string{
	claimwire.QualifierApprox:   "≈",
	claimwire.QualifierAtLeast:  "≥",
	claimwire.QualifierMoreThan: ">",
	claimwire.QualifierUpTo:     "≤",
	claimwire.QualifierAtMost:   "≤",
}

// langNames label the language facet.
var langNames = map[string]string{"en": "English", "fr": "Français"}

func langName(code string) string {
	if n, ok := langNames[code]; ok {
		return n
	}
	return code
}

// formatDate is the page's date style; dates are shown in UTC, as the index stores them.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.UTC().Format("2 Jan 2006")
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
