package article

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the zones below must load in minimal containers too
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

// locale is how a page writes dates: the order of all-numeric dates and the zone of times of
// day written without one.
type locale struct {
	monthFirst bool
	zone       *time.Location
}

var (
	paris   = mustZone("Europe/Paris")
	toronto = mustZone("America/Toronto")
	london  = mustZone("Europe/London")
)

// mustZone loads a zone from the embedded database, which has it: it cannot fail on input.
func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic("article: time zone " + name + ": " + err.Error())
	}
	return z
}

// localeOf reads the first language tag given ("fr-FR", "en_GB", "en"). French is day-first,
// in Paris time (Toronto for fr-CA); US English (and bare "en") is month-first; British English
// is day-first in London time; other English and unknown tags are day-first in UTC.
func localeOf(tags ...string) locale {
	for _, tag := range tags {
		tag = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
		lang := normalizeLang(tag)
		if lang == "" {
			continue
		}
		region := ""
		if i := strings.IndexByte(tag, '-'); i > 0 {
			region, _, _ = strings.Cut(tag[i+1:], ",")
		}
		switch {
		case lang == "fr" && region == "ca":
			return locale{zone: toronto}
		case lang == "fr":
			return locale{zone: paris}
		case lang == "en" && (region == "" || region == "us"):
			return locale{monthFirst: true, zone: time.UTC}
		case lang == "en" && (region == "gb" || region == "uk"):
			return locale{zone: london}
		}
		return locale{zone: time.UTC}
	}
	return locale{zone: time.UTC}
}

// dateOnlyLayouts are the timeLayouts without a time of day: a bare day stays midnight UTC
// whatever the page's zone, like the days written in words.
var dateOnlyLayouts = map[string]bool{"2006-01-02": true, "2006/01/02": true, "20060102": true}

// parseMachineDate reads a metadata date; a time of day without a zone is taken in zone.
func parseMachineDate(s string, zone *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		z := zone
		if dateOnlyLayouts[layout] {
			z = time.UTC
		}
		if t, err := time.ParseInLocation(layout, s, z); err == nil && plausibleYear(t.Year()) {
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
	// "03/07/2025", "03.07.2025": day-first or month-first depending on the locale.
	numericDateRe = regexp.MustCompile(`\b([0-3]?\d)[/.]([0-3]?\d)[/.]((?:19|20)\d\d)\b`)
	// A time of day right after a date: "à 14h05", "à 9 h", ", 14:05", "at 9:30 pm", "- 08h12".
	timeOfDayRe = regexp.MustCompile(`(?i)^,?\s*(?:à|a|at|-|–|—|,)?\s*([01]?\d|2[0-3])\s*(?:h|:)\s*([0-5]\d)?(?:\s*(am|pm|a\.m\.|p\.m\.))?`)
	// updateMarkerRe ends with the words that make the next date an update date: "Mis à jour le",
	// "MàJ :", "Updated on Thursday,"; only a preposition and a weekday may come between.
	updateMarkerRe = regexp.MustCompile(`(?i)\b(?:mis\s+à\s+jour|mise\s+à\s+jour|m[àa]j|modifié|actualisé|updated|modified|edited|revised)` +
		`\s*:?\s*(?:le\s+|on\s+)?(?:(?:lun|mar|mer|jeu|ven|sam|dim|mon|tue|wed|thu|fri|sat|sun)\p{L}*\.?,?\s+)?$`)
)

// textDate is a date written in a text, at day precision unless a time of day follows it.
type textDate struct {
	t          time.Time
	start, end int
	update     bool // introduced as an update ("mis à jour le", "updated")
}

// maxDateScan bounds how much of a text is searched for dates: the regular expressions stop at
// every number, and a date that matters is written early.
const maxDateScan = 8 << 10

// findTextDates returns the dates written in the start of s (French or English) in order of
// position. A day alone is midnight UTC; a time of day after it is read in lc's zone.
func findTextDates(s string, lc locale) []textDate {
	s = s[:min(len(s), maxDateScan)]
	if !hasYear(s) {
		return nil
	}
	var out []textDate
	add := func(re *regexp.Regexp, build func(m []string) (time.Time, bool)) {
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			m := make([]string, len(loc)/2)
			for i := range m {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
			if t, ok := build(m); ok {
				out = append(out, textDate{t: t, start: loc[0], end: loc[1]})
			}
		}
	}
	add(frDateRe, func(m []string) (time.Time, bool) {
		return makeDate(m[3], frenchMonths[strings.ToLower(m[2])], strings.TrimSuffix(strings.ToLower(m[1]), "er"))
	})
	add(enMDYRe, func(m []string) (time.Time, bool) {
		return makeDate(m[3], englishMonths[strings.ToLower(m[1])], m[2])
	})
	add(enDMYRe, func(m []string) (time.Time, bool) {
		return makeDate(m[3], englishMonths[strings.ToLower(m[2])], m[1])
	})
	add(numericDateRe, func(m []string) (time.Time, bool) {
		day, month := m[1], m[2]
		if lc.monthFirst {
			day, month = month, day
		}
		if t, ok := makeNumericDate(m[3], month, day); ok {
			return t, true
		}
		// 07/13/2025 on a French page can only be month-first, and 13/07/2025 on a US one
		// day-first.
		return makeNumericDate(m[3], day, month)
	})
	slices.SortFunc(out, func(a, b textDate) int { return a.start - b.start })
	// Patterns overlap ("1 July 2025" inside "Jul 1 2025"...): the first match wins.
	kept := out[:0]
	for _, d := range out {
		if len(kept) > 0 && d.start < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, d)
	}
	for i := range kept {
		d := &kept[i]
		d.update = updateMarkerRe.MatchString(s[max(0, d.start-48):d.start])
		if m := timeOfDayRe.FindStringSubmatch(s[d.end:min(len(s), d.end+24)]); m != nil {
			d.t = withTimeOfDay(d.t, m[1], m[2], strings.ToLower(m[3]), lc.zone)
		}
	}
	return kept
}

// hasYear reports whether s holds a 19xx or 20xx, which every date pattern ends with. Most
// texts searched (paragraphs, bylines) hold none, and this scan costs a fraction of the patterns.
func hasYear(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// findTextDate returns the earliest date written in s and its byte offset.
func findTextDate(s string, lc locale) (time.Time, int, bool) {
	ds := findTextDates(s, lc)
	if len(ds) == 0 {
		return time.Time{}, -1, false
	}
	return ds[0].t, ds[0].start, true
}

// withTimeOfDay sets the time of day of day (midnight UTC) read in zone.
func withTimeOfDay(day time.Time, hour, minute, ampm string, zone *time.Location) time.Time {
	h, _ := strconv.Atoi(hour)
	mi, _ := strconv.Atoi(minute) // "9 h" has no minutes
	switch {
	case strings.HasPrefix(ampm, "p") && h < 12:
		h += 12
	case strings.HasPrefix(ampm, "a") && h == 12:
		h = 0
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, mi, 0, 0, zone).UTC()
}

func makeNumericDate(year, month, day string) (time.Time, bool) {
	mo, err := strconv.Atoi(month)
	if err != nil {
		return time.Time{}, false
	}
	return makeDate(year, time.Month(mo), day)
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

// urlDateRe finds a day in a URL path as news sites write it: /2025/03/07/, /2025-03-07-slug,
// /20250307/. A year and month alone do not date a page to the day and are not taken.
var urlDateRe = regexp.MustCompile(`/((?:19|20)\d\d)([/-]?)([01]\d)([/-]?)([0-3]\d)(?:[/_.-]|$)`)

// urlDate is the day written in u's path, midnight UTC, or zero.
func urlDate(u *url.URL) time.Time {
	if u == nil {
		return time.Time{}
	}
	m := urlDateRe.FindStringSubmatch(u.Path)
	if m == nil || m[2] != m[4] { // one separator style throughout: /2025/03-07 is no date
		return time.Time{}
	}
	mo, _ := strconv.Atoi(m[3])
	t, _ := makeDate(m[1], time.Month(mo), m[5])
	return t
}

// maxDatelineOffset is how far into the first paragraph a dateline's date may start: after a
// place name ("ROTTERDAM, ") or an agency tag, not in the first sentence's prose.
const maxDatelineOffset = 60

// datelineDate is the date of a dateline opening the body, as wire copy and press releases
// write it: "PARIS, 3 mars 2025 – …", "Rotterdam, February 3, 2025 /PRNewswire/ — …". The date
// must be followed by a dash, slash, colon or the paragraph's end, so that a first sentence that
// merely mentions a date ("On 3 March 2025, the council…") is not taken.
func datelineDate(body string, lc locale) time.Time {
	first, _, _ := strings.Cut(body, "\n\n")
	ds := findTextDates(first[:min(len(first), maxDatelineOffset+40)], lc)
	if len(ds) == 0 || ds[0].start > maxDatelineOffset || ds[0].update {
		return time.Time{}
	}
	rest := strings.TrimLeft(first[ds[0].end:], " \u00a0")
	if m := timeOfDayRe.FindStringIndex(rest); m != nil {
		rest = strings.TrimLeft(rest[m[1]:], " \u00a0")
	}
	if rest == "" || strings.ContainsAny(rest[:1], "-:/(") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") {
		return ds[0].t
	}
	return time.Time{}
}
