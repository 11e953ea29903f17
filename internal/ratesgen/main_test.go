package main

import (
	"slices"
	"testing"
	"time"
)

func TestAverage(t *testing.T) {
	// The ECB's layout: newest day first, N/A for a day without a quote, a comma ending each line.
	const history = `Date,USD,JPY,GBP,
2010-03-01,1.3,120.5,0.9,
2010-02-26,1.2,120,0.8,
2010-02-01,1.4,121.02,N/A,
2010-01-29,1.5,130,0.88,
2009-12-31,9,999,9,
`
	first := time.Date(2010, time.January, 1, 0, 0, 0, 0, time.UTC)
	got, err := average([]byte(history), []string{"GBP", "USD"}, first)
	if err != nil {
		t.Fatal(err)
	}
	// March is left out: its weekdays after the 1st are still to come.
	want := [][]string{{"0.88", "1.5"}, {"0.8", "1.3"}}
	if !slices.EqualFunc(got.rows, want, slices.Equal) || got.lastDay.Format(time.DateOnly) != "2010-03-01" {
		t.Errorf("got %v to %v, want %v", got.rows, got.lastDay, want)
	}
	got, err = average([]byte(history), []string{"JPY"}, first)
	if err != nil || !slices.Equal(got.rows[1], []string{"120.51"}) {
		t.Errorf("JPY: %v, %v: want the decimals of the most precise quote", got.rows, err)
	}

	for name, c := range map[string]struct {
		history    string
		currencies []string
	}{
		"unknown currency":   {history, []string{"CHF"}},
		"a month unquoted":   {"Date,USD,GBP,\n2010-02-26,1.2,N/A,\n2010-01-29,1.5,0.88,\n", []string{"GBP"}},
		"no complete month":  {"Date,USD,\n2010-01-04,1.5,\n", []string{"USD"}},
		"ragged line":        {"Date,USD,\n2010-01-29,1.5\n", []string{"USD"}},
		"not the ECB layout": {"Day,USD,\n2010-01-29,1.5,\n", []string{"USD"}},
		"bad rate":           {"Date,USD,\n2010-01-29,-1.5,\n", []string{"USD"}},
	} {
		if _, err := average([]byte(c.history), c.currencies, first); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestLastComplete(t *testing.T) {
	for day, want := range map[string]string{
		"2026-03-31": "2026-03", // a Tuesday, the month's last day
		"2026-04-13": "2026-03",
		"2026-01-30": "2026-01", // a Friday before a weekend ending the month
		"2026-01-29": "2025-12",
	} {
		d, _ := time.Parse(time.DateOnly, day)
		if got := lastComplete(d).Format(monthLayout); got != want {
			t.Errorf("lastComplete(%s) = %s, want %s", day, got, want)
		}
	}
}
