// Command ratesgen writes rates.csv, the monthly euro reference rates that package claimwire
// embeds, from the European Central Bank's history of its daily euro foreign exchange
// reference rates: eurofxref-hist.zip as the ECB publishes it (one CSV, a row per day since
// 1999, a column per currency, in units of the currency per euro). It reads a local copy:
// claimwire's go:generate line (rates.go) says which.
//
// A month's rate is the mean of the month's daily rates, which is how the ECB computes its
// own monthly averages, rounded to the most decimals the ECB quoted that currency with in the
// month. A month is written only once the history holds its last weekday, so that the last
// row is never the average of a few days.
package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	from := flag.String("from", "2010-01", "first month written, as 2006-01")
	list := flag.String("currencies", "", "comma-separated ISO 4217 codes to write")
	source := flag.String("source", "", "where the history file was taken from, for the header")
	out := flag.String("o", "rates.csv", "file to write")
	flag.Parse()
	if flag.NArg() != 1 || *list == "" || *source == "" {
		fmt.Fprintln(os.Stderr, "usage: ratesgen -currencies USD,GBP,... -source TEXT [-from 2010-01] [-o rates.csv] eurofxref-hist.zip")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *from, strings.Split(*list, ","), *source, *out); err != nil {
		fmt.Fprintln(os.Stderr, "ratesgen:", err)
		os.Exit(1)
	}
}

func run(zipPath, from string, currencies []string, source, out string) error {
	first, err := time.Parse(monthLayout, from)
	if err != nil {
		return fmt.Errorf("-from: %w", err)
	}
	raw, err := os.ReadFile(zipPath)
	if err != nil {
		return err
	}
	history, err := unzipCSV(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", zipPath, err)
	}
	slices.Sort(currencies)
	t, err := average(history, currencies, first)
	if err != nil {
		return fmt.Errorf("%s: %w", zipPath, err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `# Monthly euro foreign exchange reference rates of the European Central Bank, in units of
# the currency per euro (the ECB's own quotation): each is the mean of the month's daily
# reference rates, rounded to the decimals the ECB quotes the currency with.
# Source: the ECB's daily history, %s (%s, sha256 %x), whose last day is %s.
# Months %s to %s. Written by internal/ratesgen (see go:generate in rates.go): do not edit.
`, filepath.Base(zipPath), source, sha256.Sum256(raw), t.lastDay.Format(time.DateOnly),
		first.Format(monthLayout), first.AddDate(0, len(t.rows)-1, 0).Format(monthLayout))
	w := csv.NewWriter(&b)
	_ = w.Write(append([]string{"month"}, currencies...)) // a bytes.Buffer does not fail
	for i, row := range t.rows {
		_ = w.Write(append([]string{first.AddDate(0, i, 0).Format(monthLayout)}, row...))
	}
	w.Flush()
	return os.WriteFile(out, b.Bytes(), 0o644)
}

const monthLayout = "2006-01"

// unzipCSV returns the one CSV file of the ECB's zip.
func unzipCSV(raw []byte) ([]byte, error) {
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	if len(z.File) != 1 || !strings.HasSuffix(z.File[0].Name, ".csv") {
		return nil, errors.New("want a zip holding one CSV file, as the ECB publishes it")
	}
	f, err := z.File[0].Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// table is the monthly averages from the first month on, formatted, a column per currency.
type table struct {
	rows    [][]string
	lastDay time.Time
}

// sum accumulates one month's daily rates of one currency.
type sum struct {
	total    float64
	days     int
	decimals int
}

// average reads the ECB's daily history and averages each currency's rates by month, from
// first to the last complete month. Every month must have a rate of every currency.
func average(history []byte, currencies []string, first time.Time) (table, error) {
	r := csv.NewReader(bytes.NewReader(history))
	r.FieldsPerRecord = -1 // the ECB ends every line with a comma; lengths are checked below
	header, err := r.Read()
	if err != nil {
		return table{}, err
	}
	if len(header) == 0 || header[0] != "Date" {
		return table{}, fmt.Errorf("header %q: want Date first", header)
	}
	cols := make([]int, len(currencies))
	for i, c := range currencies {
		if cols[i] = slices.Index(header, c); cols[i] < 1 {
			return table{}, fmt.Errorf("no column %s", c)
		}
	}
	sums := map[time.Time][]sum{}
	var last time.Time
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return table{}, err
		}
		if len(rec) != len(header) {
			return table{}, fmt.Errorf("line %q: %d fields, the header has %d", rec, len(rec), len(header))
		}
		day, err := time.Parse(time.DateOnly, rec[0])
		if err != nil {
			return table{}, err
		}
		if day.After(last) {
			last = day
		}
		month := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
		if month.Before(first) {
			continue
		}
		m := sums[month]
		if m == nil {
			m = make([]sum, len(currencies))
			sums[month] = m
		}
		for i, c := range cols {
			s := rec[c]
			if s == "N/A" || s == "" {
				continue // a day the ECB did not quote the currency
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || !(v > 0) {
				return table{}, fmt.Errorf("%s %s: rate %q", rec[0], currencies[i], s)
			}
			m[i].total += v
			m[i].days++
			if dot := strings.IndexByte(s, '.'); dot >= 0 {
				m[i].decimals = max(m[i].decimals, len(s)-dot-1)
			}
		}
	}
	t := table{lastDay: last}
	for month := first; !month.After(lastComplete(last)); month = month.AddDate(0, 1, 0) {
		row := make([]string, len(currencies))
		for i, s := range sums[month] {
			if s.days > 0 {
				row[i] = strconv.FormatFloat(s.total/float64(s.days), 'f', s.decimals, 64)
			}
		}
		for i := range row {
			if row[i] == "" {
				return table{}, fmt.Errorf("%s: no rate of %s", month.Format(monthLayout), currencies[i])
			}
		}
		t.rows = append(t.rows, row)
	}
	if len(t.rows) == 0 {
		return table{}, fmt.Errorf("no complete month from %s", first.Format(monthLayout))
	}
	return t, nil
}

// lastComplete returns the first day of the last month whose last weekday is on or before
// day: the ECB quotes on weekdays only.
func lastComplete(day time.Time) time.Time {
	month := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	for d := day.AddDate(0, 0, 1); d.Month() == day.Month(); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			return month.AddDate(0, -1, 0) // a weekday of the month is still to come
		}
	}
	return month
}
