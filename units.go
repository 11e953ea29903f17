package claimwire

import (
	"cmp"
	"maps"
	"slices"
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

// BaseCurrency is the currency the reference rates convert to, and RatesAsOf their date.
const (
	BaseCurrency = "EUR"
	RatesAsOf    = "2025-06-30"
)

// Unit is an entry of the unit vocabulary: the extractor may only emit these names (besides
// counted nouns), and the indexer compares claims through Base and Factor.
type Unit struct {
	// Name is what Quantity.Unit says.
	Name string
	Kind UnitKind
	// Base is the unit values convert to so that claims in MW and GW, or EUR and USD, compare:
	// one Name is Factor Base. Currencies convert to BaseCurrency at a reference rate of about
	// RatesAsOf (legacy currencies at their fixed euro rate); a ratio is its own base.
	Base   string
	Factor float64
}

// unitVocabulary lists every unit name but counted nouns, by dimension.
var unitVocabulary = vocabularyByName([]Unit{
	// Reference rates: one unit of the currency in euros, rounded.
	{"EUR", UnitCurrency, BaseCurrency, 1},
	{"USD", UnitCurrency, BaseCurrency, 0.86},
	{"GBP", UnitCurrency, BaseCurrency, 1.17},
	{"CHF", UnitCurrency, BaseCurrency, 1.07},
	{"JPY", UnitCurrency, BaseCurrency, 0.0059},
	{"CNY", UnitCurrency, BaseCurrency, 0.12},
	{"CAD", UnitCurrency, BaseCurrency, 0.63},
	{"HKD", UnitCurrency, BaseCurrency, 0.11},
	{"AUD", UnitCurrency, BaseCurrency, 0.56},
	{"INR", UnitCurrency, BaseCurrency, 0.010},
	{"KRW", UnitCurrency, BaseCurrency, 0.00063},
	{"SEK", UnitCurrency, BaseCurrency, 0.090},
	{"NOK", UnitCurrency, BaseCurrency, 0.085},
	{"DKK", UnitCurrency, BaseCurrency, 0.134},
	{"PLN", UnitCurrency, BaseCurrency, 0.235},
	{"AED", UnitCurrency, BaseCurrency, 0.234},
	{"SAR", UnitCurrency, BaseCurrency, 0.229},
	{"NZD", UnitCurrency, BaseCurrency, 0.518},
	{"MXN", UnitCurrency, BaseCurrency, 0.0452},
	{"TRY", UnitCurrency, BaseCurrency, 0.0214},
	{"LKR", UnitCurrency, BaseCurrency, 0.00284},
	{"CRC", UnitCurrency, BaseCurrency, 0.00169},
	{"GEL", UnitCurrency, BaseCurrency, 0.314},
	{"LAK", UnitCurrency, BaseCurrency, 0.0000395},
	// The CFA franc is pegged to the euro.
	{"XOF", UnitCurrency, BaseCurrency, 1 / 655.957},
	// Currencies replaced by the euro, at their fixed conversion rates.
	{"DEM", UnitCurrency, BaseCurrency, 1 / 1.95583},
	{"FRF", UnitCurrency, BaseCurrency, 1 / 6.55957},
	{"NLG", UnitCurrency, BaseCurrency, 1 / 2.20371},
	{"FIM", UnitCurrency, BaseCurrency, 1 / 5.94573},
	{"ESP", UnitCurrency, BaseCurrency, 1 / 166.386},

	{UnitPercent, UnitRatio, UnitPercent, 1},
	{UnitPercentagePoints, UnitRatio, UnitPercentagePoints, 1},
	{UnitTimes, UnitRatio, UnitTimes, 1},

	{"W", UnitPhysical, "W", 1},
	{"kW", UnitPhysical, "W", 1e3},
	{"MW", UnitPhysical, "W", 1e6},
	{"GW", UnitPhysical, "W", 1e9},
	{"TW", UnitPhysical, "W", 1e12},

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
	{"km²", UnitPhysical, "m²", 1e6},

	{"mm", UnitPhysical, "m", 1e-3},
	{"cm", UnitPhysical, "m", 1e-2},
	{"m", UnitPhysical, "m", 1},
	{"km", UnitPhysical, "m", 1e3},

	{"tonnes", UnitPhysical, "tonnes", 1},
	{"litres", UnitPhysical, "litres", 1},
	{"m³", UnitPhysical, "litres", 1e3},
	// Temperatures are not scaled: °C is the only temperature unit.
	{"°C", UnitPhysical, "°C", 1},
	{"degrees", UnitPhysical, "degrees", 1},
})

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

// Units returns the vocabulary sorted by name.
func Units() []Unit {
	return slices.SortedFunc(maps.Values(unitVocabulary), func(a, b Unit) int {
		return cmp.Compare(a.Name, b.Name)
	})
}
