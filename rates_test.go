package claimwire

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestRateOn(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// Expected values are the ECB's published monthly averages, in units per euro.
	for _, c := range []struct {
		name     string
		currency string
		day      time.Time
		perEuro  float64 // 0: no rate
	}{
		{"a month", "USD", day(2024, time.January, 15), 1.0905},
		{"the month's last instant", "USD", time.Date(2024, time.January, 31, 23, 59, 59, 0, time.UTC), 1.0905},
		{"the month as the day's zone reads it", "USD", time.Date(2024, time.February, 1, 0, 30, 0, 0, paris), 1.0795},
		{"another currency", "JPY", day(2022, time.September, 30), 141.57},
		{"five decimals", "GBP", day(2024, time.January, 1), 0.85873},
		{"the Brazilian real", "BRL", day(2024, time.July, 30), 6.0053},
		{"the Singapore dollar", "SGD", day(2024, time.July, 30), 1.4602},
		{"the first month", "USD", day(2010, time.January, 1), 1.4272},
		{"before the data", "USD", day(2009, time.December, 31), 1.4272},
		{"long before the data", "CHF", day(1999, time.January, 4), 1.4765},
		{"the last month", "USD", day(2026, time.March, 31), 1.1558},
		{"past the data", "USD", day(2026, time.November, 30), 1.1558},
		{"zero time", "USD", time.Time{}, 1.1558},
		{"the euro", "EUR", day(2015, time.June, 1), 1},
		{"the euro at zero time", "EUR", time.Time{}, 1},
		{"pegged to the dollar", "AED", day(2024, time.January, 15), 1.0905 * 3.6725},
		{"pegged to the dollar, zero time", "SAR", time.Time{}, 1.1558 * 3.75},
		{"a Gulf currency pegged to the dollar", "QAR", day(2024, time.January, 15), 1.0905 * 3.64},
		{"a dinar worth more than a dollar", "BHD", day(2024, time.January, 15), 1.0905 * 0.376},
		{"pegged to the euro", "XOF", day(2012, time.May, 5), 655.957},
		{"legacy", "DEM", day(2020, time.March, 1), 1.95583},
		{"legacy before the data", "FRF", day(1995, time.January, 1), 6.55957},
		{"legacy at zero time", "ESP", time.Time{}, 166.386},
		{"no ECB rate", "LKR", day(2024, time.January, 15), 351},
		{"unknown", "XXX", day(2024, time.January, 15), 0},
		{"not a code", "usd", day(2024, time.January, 15), 0},
		{"empty", "", time.Time{}, 0},
	} {
		got, ok := RateOn(c.currency, c.day)
		switch {
		case c.perEuro == 0:
			if ok || got != 0 {
				t.Errorf("%s: RateOn(%q) = %v, %v; want no rate", c.name, c.currency, got, ok)
			}
		case !ok || math.Abs(got*c.perEuro-1) > 1e-12:
			t.Errorf("%s: RateOn(%q, %v) = %v, %v; want 1/%v", c.name, c.currency, c.day, got, ok, c.perEuro)
		}
	}
}

// Every currency of the vocabulary has a rate at every date, its Factor is the latest, and
// every rate is a vocabulary currency's.
func TestEveryCurrencyHasARate(t *testing.T) {
	days := []time.Time{{}, time.Date(2010, time.January, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2018, time.July, 14, 0, 0, 0, 0, time.UTC), time.Date(2030, time.January, 1, 0, 0, 0, 0, time.UTC)}
	for _, u := range Units() {
		if u.Kind != UnitCurrency {
			continue
		}
		for _, d := range days {
			if r, ok := RateOn(u.Name, d); !ok || !(r > 0) {
				t.Errorf("%s on %v: rate %v, %v", u.Name, d, r, ok)
			}
		}
		if latest, _ := RateOn(u.Name, time.Time{}); u.Factor != latest {
			t.Errorf("%s: Factor %v, latest rate %v", u.Name, u.Factor, latest)
		}
	}
	for c := range rateSources {
		if !IsCurrency(c) {
			t.Errorf("%s has a rate but is not in the vocabulary", c)
		}
	}
}

// The embedded file parses whole: a row per month from 2010-01 to RatesAsOf, every row
// complete, no month or currency twice (parseRates rejects those, as the cases below show).
func TestRatesFile(t *testing.T) {
	tab, err := parseRates(ratesCSV)
	if err != nil {
		t.Fatal(err)
	}
	last, err := time.Parse(monthLayout, RatesAsOf())
	if err != nil {
		t.Fatal(err)
	}
	if tab.first != monthNumber(2010, time.January) || tab.first+tab.rows-1 != monthNumber(last.Year(), last.Month()) {
		t.Errorf("months %d to %s, want 2010-01 on", tab.first, RatesAsOf())
	}
	lines := 0
	for _, l := range strings.Split(strings.TrimSpace(ratesCSV), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines++
		}
	}
	if lines != 1+tab.rows || len(tab.eur) != tab.rows*tab.width || len(tab.columns) != tab.width {
		t.Errorf("%d lines, %d rows of %d rates, %d currencies", lines, tab.rows, tab.width, len(tab.columns))
	}

	for name, data := range map[string]string{
		"empty":              "",
		"no rows":            "month,USD\n",
		"no month column":    "date,USD\n2010-01,1.4\n",
		"repeated currency":  "month,USD,USD\n2010-01,1.4,1.4\n",
		"the base currency":  "month,EUR\n2010-01,1\n",
		"not a code":         "month,usd\n2010-01,1.4\n",
		"repeated month":     "month,USD\n2010-01,1.4\n2010-01,1.4\n",
		"missing month":      "month,USD\n2010-01,1.4\n2010-03,1.4\n",
		"months backwards":   "month,USD\n2010-02,1.4\n2010-01,1.4\n",
		"bad month":          "month,USD\n2010-1,1.4\n",
		"short row":          "month,USD,GBP\n2010-01,1.4\n",
		"empty rate":         "month,USD\n2010-01,\n",
		"zero rate":          "month,USD\n2010-01,0\n",
		"negative rate":      "month,USD\n2010-01,-1.4\n",
		"infinite rate":      "month,USD\n2010-01,Inf\n",
		"not a number":       "month,USD\n2010-01,N/A\n",
		"trailing separator": "month,USD,\n2010-01,1.4,\n",
	} {
		if _, err := parseRates(data); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

func TestRateOnAllocatesNothing(t *testing.T) {
	day := time.Date(2024, time.May, 3, 9, 0, 0, 0, time.UTC)
	if n := testing.AllocsPerRun(100, func() { RateOn("USD", day) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// RateOn runs for every pair of claims a conflict scan compares.
func BenchmarkRateOn(b *testing.B) {
	days := []time.Time{time.Date(2024, time.May, 3, 9, 0, 0, 0, time.UTC), {},
		time.Date(2012, time.February, 29, 23, 0, 0, 0, time.FixedZone("", 3600))}
	currencies := []string{"USD", "GBP", "AED", "DEM"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		RateOn(currencies[i%len(currencies)], days[i%len(days)])
		i++
	}
}
