package claimwire

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// UnitKind says what a Quantity's unit is. Units that are none of these are counted nouns
// ("chips", "member states"), which only the extractor's lexicon knows.
type UnitKind uint8

const (
	// UnitCount is a counted noun: anything the vocabulary does not list.
	UnitCount UnitKind = iota
	// UnitCurrency is an ISO 4217 code.
	UnitCurrency
	// UnitRatio is a share or a multiple: percent, percentage points, times.
	UnitRatio
	// UnitPhysical is a unit of a physical dimension: power, energy, area, data...
	UnitPhysical
)

// Ratio units.
const (
	UnitPercent          = "percent"
	UnitPercentagePoints = "percentage points"
	UnitTimes            = "times"
)

// BaseCurrency is the currency the reference rates convert to.
const BaseCurrency = "EUR"

// Unit is an entry of the unit vocabulary: the extractor may only emit these names (besides
// counted nouns), and the indexer compares claims through Base and Factor.
type Unit struct {
	// Name is what Quantity.Unit says.
	Name string
	Kind UnitKind
	// Base is the unit values convert to so that claims in MW and GW, or EUR and USD, compare:
	// one Name is Factor Base. Currencies convert to BaseCurrency at their reference rate of
	// the month RatesAsOf (RateOn gives other months'); a ratio is its own base.
	Base   string
	Factor float64
}

// unitVocabulary lists every unit name but counted nouns, by dimension.
var unitVocabulary = vocabularyByName([]Unit{
	// Currencies, whose rates rates.go gives: those the ECB quotes, those pegged to the dollar
	// (AED, SAR, QAR, OMR, BHD) or the euro (XOF), those without an ECB rate (LKR, CRC, GEL, LAK), and those
	// the euro replaced (DEM to ESP).
	currency(BaseCurrency), currency("USD"), currency("GBP"), currency("CHF"), currency("JPY"),
	currency("CNY"), currency("CAD"), currency("HKD"), currency("AUD"), currency("INR"),
	currency("KRW"), currency("SEK"), currency("NOK"), currency("DKK"), currency("PLN"),
	currency("AED"), currency("SAR"), currency("QAR"), currency("OMR"), currency("BHD"), currency("NZD"), currency("MXN"), currency("TRY"),
	currency("BRL"), currency("SGD"), currency("MYR"),
	currency("LKR"), currency("CRC"), currency("GEL"), currency("LAK"), currency("XOF"),
	currency("DEM"), currency("FRF"), currency("NLG"), currency("FIM"), currency("ESP"),

	{UnitPercent, UnitRatio, UnitPercent, 1},
	{UnitPercentagePoints, UnitRatio, UnitPercentagePoints, 1},
	{UnitTimes, UnitRatio, UnitTimes, 1},

	{"W", UnitPhysical, "W", 1},
	{"kW", UnitPhysical, "W", 1e3},
	{"MW", UnitPhysical, "W", 1e6},
	{"GW", UnitPhysical, "W", 1e9},
	{"TW", UnitPhysical, "W", 1e12},

	{"V", UnitPhysical, "V", 1},
	{"kV", UnitPhysical, "V", 1e3},

	{"Wh", UnitPhysical, "Wh", 1},
	{"kWh", UnitPhysical, "Wh", 1e3},
	{"MWh", UnitPhysical, "Wh", 1e6},
	{"GWh", UnitPhysical, "Wh", 1e9},
	{"TWh", UnitPhysical, "Wh", 1e12},

	{"B", UnitPhysical, "B", 1},
	{"GB", UnitPhysical, "B", 1e9},
	{"TB", UnitPhysical, "B", 1e12},
	{"PB", UnitPhysical, "B", 1e15},

	{"flops", UnitPhysical, "flops", 1},
	{"teraflops", UnitPhysical, "flops", 1e12},
	{"petaflops", UnitPhysical, "flops", 1e15},
	{"exaflops", UnitPhysical, "flops", 1e18},

	{"m²", UnitPhysical, "m²", 1},
	{"hectares", UnitPhysical, "m²", 1e4},
	{"acres", UnitPhysical, "m²", 4046.8564224},
	{"sq ft", UnitPhysical, "m²", 0.09290304},
	{"km²", UnitPhysical, "m²", 1e6},
	{"sq mi", UnitPhysical, "m²", 2589988.110336},

	{"mm", UnitPhysical, "m", 1e-3},
	{"cm", UnitPhysical, "m", 1e-2},
	{"m", UnitPhysical, "m", 1},
	{"km", UnitPhysical, "m", 1e3},
	{"miles", UnitPhysical, "m", 1609.344},

	{"kg", UnitPhysical, "tonnes", 1e-3},
	{"tonnes", UnitPhysical, "tonnes", 1},
	// Avoirdupois pounds: American articles weigh steel, copper and carbon dioxide in them.
	{"lb", UnitPhysical, "tonnes", 0.00045359237},
	{"litres", UnitPhysical, "litres", 1},
	{"m³", UnitPhysical, "litres", 1e3},
	// US gallons: American articles state water use in them.
	{"gallons", UnitPhysical, "litres", 3.785411784},
	// Temperatures are not scaled: °C is the only temperature unit.
	{"°C", UnitPhysical, "°C", 1},
	{"degrees", UnitPhysical, "degrees", 1},
})

// currency is the vocabulary entry of a currency: its Factor is its latest rate (the tests
// check that every currency has one).
func currency(name string) Unit {
	rate, _ := RateOn(name, time.Time{})
	return Unit{name, UnitCurrency, BaseCurrency, rate}
}

func vocabularyByName(units []Unit) map[string]Unit {
	m := make(map[string]Unit, len(units))
	for _, u := range units {
		m[u.Name] = u
	}
	return m
}

// LookupUnit returns the vocabulary entry of a unit name; ok is false for counted nouns.
func LookupUnit(name string) (u Unit, ok bool) {
	u, ok = unitVocabulary[name]
	return u, ok
}

// UnitKindOf says what kind of unit name is.
func UnitKindOf(name string) UnitKind {
	return unitVocabulary[name].Kind // the zero Unit is a count
}

// IsCurrency reports whether name is a currency of the vocabulary.
func IsCurrency(name string) bool {
	return UnitKindOf(name) == UnitCurrency
}

// BareDollar reports a surface written with a "$" that no letter marks and no currency code
// follows: "$20bn", "up to $240-million"; not "US$20bn", "A$20 billion", "$700 million CAD".
// Which dollar it is, the extractor reads from the site and the story, and may read wrong.
func BareDollar(surface string) bool {
	i := strings.IndexByte(surface, '$')
	if i < 0 {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(surface[:i]); i > 0 && unicode.IsLetter(r) ||
		strings.HasSuffix(surface[:i], "US ") || strings.HasSuffix(surface[:i], "U.S. ") {
		return false
	}
	return !slices.ContainsFunc(dollarCodes, func(code string) bool { return strings.Contains(surface[i:], code) })
}

// dollarCodes are the currencies news writes with a "$".
var dollarCodes = []string{"USD", "AUD", "CAD", "NZD", "HKD", "SGD"}

// localDollars are the dollars of dollarCodes that their country's press writes with a bare
// "$", as the US press does its own.
var localDollars = []string{"AUD", "CAD", "NZD", "HKD"}

// IsDollar reports a currency news writes with a "$", whose code may follow the figure to say
// which: "$700 million CAD".
func IsDollar(code string) bool { return slices.Contains(dollarCodes, code) }

// IsLocalDollar reports a dollar other than the US one that its country's press writes with a
// bare "$": AUD, CAD, NZD, HKD.
func IsLocalDollar(code string) bool { return slices.Contains(localDollars, code) }

// Units returns the vocabulary sorted by name.
func Units() []Unit {
	return slices.SortedFunc(maps.Values(unitVocabulary), func(a, b Unit) int {
		return cmp.Compare(a.Name, b.Name)
	})
}
