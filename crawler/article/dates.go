package article

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// timeLayouts are the machine-readable date formats found in metadata, most specific first.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"20060102",
}

// parseMachineDate reads a metadata date; values without a zone are taken as UTC.
func parseMachineDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil && plausibleYear(t.Year()) {
			return t.UTC(), true
		}
	}
	// Some sites write a date followed by free text ("2025-03-03 (mis à jour)").
	if len(s) > 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && plausibleYear(t.Year()) {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func plausibleYear(y int) bool { return y >= 1990 && y <= 2100 }

var frenchMonths = map[string]time.Month{
	"janvier": time.January, "janv": time.January, "février": time.February, "fevrier": time.February,
	"févr": time.February, "fevr": time.February, "mars": time.March, "avril": time.April, "avr": time.April,
	"mai": time.May, "juin": time.June, "juillet": time.July, "juil": time.July, "août": time.August,
	"aout": time.August, "septembre": time.September, "sept": time.September, "octobre": time.October,
	"oct": time.October, "novembre": time.November, "nov": time.November, "décembre": time.December,
	"decembre": time.December, "déc": time.December, "dec": time.December,
}

var englishMonths = map[string]time.Month{
	"january": time.January, "jan": time.January, "february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March, "april": time.April, "apr": time.April, "may": time.May,
	"june": time.June, "jun": time.June, "july": time.July, "jul": time.July, "august": time.August,
	"aug": time.August, "september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October, "november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

const (
	frMonthRe = `janvier|janv|f[ée]vrier|f[ée]vr|mars|avril|avr|mai|juin|juillet|juil|ao[uû]t|septembre|sept|octobre|oct|novembre|nov|d[ée]cembre|d[ée]c`
	enMonthRe = `january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`
)

var (
	// "1er juillet 2025", "le 3 mars 2025", "3 mars 2025 à 10h15".
	frDateRe = regexp.MustCompile(`(?i)\b(1er|[0-3]?\d)\s+(` + frMonthRe + `)\.?\s+((?:19|20)\d\d)\b`)
	// "July 1, 2025", "Jul. 1st 2025".
	enMDYRe = regexp.MustCompile(`(?i)\b(` + enMonthRe + `)\.?\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`)
	// "1 July 2025", "1st of July, 2025".
	enDMYRe = regexp.MustCompile(`(?i)\b([0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(` + enMonthRe + `)\.?,?\s+((?:19|20)\d\d)\b`)
	// "03/03/2025" and "03.03.2025" are day-first on French and British sites.
	numericDMYRe = regexp.MustCompile(`\b([0-3]?\d)[/.]([01]?\d)[/.]((?:19|20)\d\d)\b`)
)

// findTextDate returns the earliest written date in s (French or English, day precision, UTC)
// and its byte offset.
func findTextDate(s string) (time.Time, int, bool) {
	best, bestPos := time.Time{}, -1
	try := func(re *regexp.Regexp, build func(m []string) (time.Time, bool)) {
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			if bestPos >= 0 && loc[0] >= bestPos {
				return
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
			if t, ok := build(m); ok {
				best, bestPos = t, loc[0]
				return
			}
		}
	}
	try(frDateRe, func(m []string) (time.Time, bool) {
		return makeDate(m[3], frenchMonths[strings.ToLower(m[2])], strings.TrimSuffix(strings.ToLower(m[1]), "er"))
	})
	try(enMDYRe, func(m []string) (time.Time, bool) {
		return makeDate(m[3], englishMonths[strings.ToLower(m[1])], m[2])
	})
	try(enDMYRe, func(m []string) (time.Time, bool) {
		return makeDate(m[3], englishMonths[strings.ToLower(m[2])], m[1])
	})
	try(numericDMYRe, func(m []string) (time.Time, bool) {
		mo, err := strconv.Atoi(m[2])
		if err != nil {
			return time.Time{}, false
		}
		return makeDate(m[3], time.Month(mo), m[1])
	})
	return best, bestPos, bestPos >= 0
}

func makeDate(year string, month time.Month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	d, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || month < time.January || month > time.December || d < 1 || !plausibleYear(y) {
		return time.Time{}, false
	}
	t := time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 février
		return time.Time{}, false
	}
	return t, true
}
