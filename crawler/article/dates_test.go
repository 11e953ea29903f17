package article

import (
	"net/url"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestFindTextDate(t *testing.T) {
	fr, us, gb := localeOf("fr-FR"), localeOf("en-US"), localeOf("en-GB")
	at := func(s string) time.Time { d, _ := time.Parse(time.RFC3339, s); return d }
	for _, tc := range []struct {
		in   string
		lc   locale
		want time.Time
	}{
		{"Publié le 1er juillet 2025", fr, day(2025, 7, 1)},
		{"le 3 mars 2025", fr, day(2025, 3, 3)},
		{"Mis à jour le 14 Février 2024", fr, day(2024, 2, 14)},
		{"lundi 25 aout 2025", fr, day(2025, 8, 25)},
		{"12 déc. 2025", fr, day(2025, 12, 12)},
		{"July 1, 2025", us, day(2025, 7, 1)},
		{"Published Sept. 30th, 2025", us, day(2025, 9, 30)},
		{"1 July 2025", gb, day(2025, 7, 1)},
		{"the 2nd of March, 2025", gb, day(2025, 3, 2)},
		{"Annoncé le 2 mars 2025, le projet sera livré le 1er janvier 2030.", fr, day(2025, 3, 2)},
		{"By Jane, May 5, 2025 — updated 6 May 2025", us, day(2025, 5, 5)},
		// A time of day is read in the page's zone: Paris is UTC+2 in summer, UTC+1 in winter.
		{"Publié le 3 juillet 2025 à 14h05", fr, at("2025-07-03T12:05:00Z")},
		{"Publié le 3 janvier 2025 à 9 h 30", fr, at("2025-01-03T08:30:00Z")},
		{"Le 3 juillet 2025, 08:12", fr, at("2025-07-03T06:12:00Z")},
		{"Updated July 3, 2025 at 9:30 pm", us, at("2025-07-03T21:30:00Z")},
		{"3 July 2025 - 14:05", gb, at("2025-07-03T13:05:00Z")},
		// All-numeric dates: day-first in French and British English, month-first in US English,
		// unless only the other order is a valid date.
		{"Publié le 03/07/2025", fr, day(2025, 7, 3)},
		{"Posted 03/07/2025", us, day(2025, 3, 7)},
		{"Posted 03/07/2025", gb, day(2025, 7, 3)},
		{"le 07/13/2025", fr, day(2025, 7, 13)},
		{"on 13/07/2025", us, day(2025, 7, 13)},
		{"03.07.2025 à 10h00", fr, at("2025-07-03T08:00:00Z")},
		{"31 février 2025", fr, time.Time{}},
		{"le 45 mars 2025", fr, time.Time{}},
		{"en mars 2025", fr, time.Time{}},
		{"32/13/2025", fr, time.Time{}},
		{"3 mars 1850", fr, time.Time{}},
		{"il y a 2 heures", fr, time.Time{}}, // relative dates are ignored
		{"", fr, time.Time{}},
	} {
		got, _, ok := findTextDate(tc.in, tc.lc)
		if !got.Equal(tc.want) || ok == tc.want.IsZero() {
			t.Errorf("findTextDate(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
}

func TestFindTextDatesUpdates(t *testing.T) {
	fr, us := localeOf("fr"), localeOf("en")
	for _, tc := range []struct {
		in      string
		lc      locale
		updates []bool // per date found, in order
	}{
		{"Publié le 3 juillet 2025 à 14h05, mis à jour le 4 juillet 2025 à 9h10", fr, []bool{false, true}},
		{"Mis à jour le 5 juillet 2025 · Publié le 3 juillet 2025", fr, []bool{true, false}},
		{"MàJ : 5 juillet 2025 | 3 juillet 2025", fr, []bool{true, false}},
		{"Modifié le 5 juillet 2025", fr, []bool{true}},
		{"Updated on Thursday, July 3, 2025", us, []bool{true}},
		{"Published July 1, 2025. Last updated July 3, 2025", us, []bool{false, true}},
		{"Le projet, actualisé en 2024, sera livré le 3 juillet 2025", fr, []bool{false}},
	} {
		ds := findTextDates(tc.in, tc.lc)
		var got []bool
		for _, d := range ds {
			got = append(got, d.update)
		}
		if len(got) != len(tc.updates) {
			t.Errorf("findTextDates(%q): %d dates, want %d", tc.in, len(got), len(tc.updates))
			continue
		}
		for i := range got {
			if got[i] != tc.updates[i] {
				t.Errorf("findTextDates(%q): date %d update = %v, want %v", tc.in, i, got[i], tc.updates[i])
			}
		}
	}
}

func TestLocaleOf(t *testing.T) {
	for _, tc := range []struct {
		tags       []string
		monthFirst bool
		zone       string
	}{
		{[]string{"fr-FR"}, false, "Europe/Paris"},
		{[]string{"", "fr_BE"}, false, "Europe/Paris"},
		{[]string{"fr-CA"}, false, "America/Toronto"},
		{[]string{"en"}, true, "UTC"},
		{[]string{"en-US"}, true, "UTC"},
		{[]string{"en_GB"}, false, "Europe/London"},
		{[]string{"en-AU"}, false, "UTC"},
		{[]string{"de-DE"}, false, "UTC"},
		{[]string{"", "junk!"}, false, "UTC"},
		{nil, false, "UTC"},
	} {
		lc := localeOf(tc.tags...)
		if lc.monthFirst != tc.monthFirst || lc.zone.String() != tc.zone {
			t.Errorf("localeOf(%q) = month first %v, zone %v; want %v, %s", tc.tags, lc.monthFirst, lc.zone, tc.monthFirst, tc.zone)
		}
	}
}

func TestParseMachineDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		zone *time.Location
		want string // RFC 3339 in UTC, "" for no date
	}{
		{"2025-03-04T09:30:00+01:00", paris, "2025-03-04T08:30:00Z"},
		{"2025-03-04T09:30:00.123Z", paris, "2025-03-04T09:30:00Z"},
		{"2025-03-04T09:30:00+0100", time.UTC, "2025-03-04T08:30:00Z"},
		{"2025-03-04T09:30+01:00", time.UTC, "2025-03-04T08:30:00Z"},
		// Without a zone, the page's: Paris is UTC+1 in March, UTC+2 in July.
		{"2025-03-04T09:30:00", time.UTC, "2025-03-04T09:30:00Z"},
		{"2025-03-04T09:30:00", paris, "2025-03-04T08:30:00Z"},
		{"2025-07-03T14:05:00", paris, "2025-07-03T12:05:00Z"},
		{"2025-07-03 14:05", paris, "2025-07-03T12:05:00Z"},
		{"2025-03-04 09:30:00", time.UTC, "2025-03-04T09:30:00Z"},
		// A bare day stays midnight UTC.
		{"2025-03-04", paris, "2025-03-04T00:00:00Z"},
		{"20250304", paris, "2025-03-04T00:00:00Z"},
		{"2025-03-04 (mis à jour)", paris, "2025-03-04T00:00:00Z"},
		{"Tue, 04 Mar 2025 09:30:00 +0100", paris, "2025-03-04T08:30:00Z"},
		{"0001-01-01T00:00:00Z", time.UTC, ""},
		{"demain", time.UTC, ""},
		{"", time.UTC, ""},
	} {
		got, ok := parseMachineDate(tc.in, tc.zone)
		s := ""
		if ok {
			s = got.Truncate(time.Second).Format(time.RFC3339)
		}
		if s != tc.want {
			t.Errorf("parseMachineDate(%q, %v) = %q, want %q", tc.in, tc.zone, s, tc.want)
		}
	}
}

// FuzzFindTextDates: written dates in arbitrary text come out in order, without overlap, with
// plausible years, whatever the locale.
func FuzzFindTextDates(f *testing.F) {
	f.Add("Publié le 3 juillet 2025 à 14h05, mis à jour le 4 juillet 2025", "fr-FR")
	f.Add("Updated July 3, 2025 at 9:30 pm · 03/07/2025", "en-US")
	f.Add("31/02/2025 12 h 99 le 1er mars 1999 à 24h00", "en_GB")
	f.Fuzz(func(t *testing.T, s, tag string) {
		prev := -1
		for _, d := range findTextDates(s, localeOf(tag)) {
			if d.start < prev || d.end <= d.start || d.end > len(s) {
				t.Fatalf("date at [%d, %d) after one ending at %d in %d bytes", d.start, d.end, prev, len(s))
			}
			prev = d.end
			// A time of day in a zone can move the day across a year boundary, not further.
			if y := d.t.Year(); y < 1989 || y > 2101 || d.t.Location() != time.UTC {
				t.Fatalf("implausible date %v", d.t)
			}
		}
	})
}

// TestPublishedSources checks where Published comes from: metadata, the visible byline or
// dateline, or the URL, in that order, and never a date merely written in the body (the date
// of a law, of a works start, of an event), which is as often not the page's as it is.
func TestPublishedSources(t *testing.T) {
	// Prose long enough to be a story, with dates of events in it.
	body := `<p>Le décret du 12 mars 2024 fixe les règles de raccordement des centres de données au réseau de transport d'électricité.</p>
<p>Les travaux ont commencé le 5 janvier 2025 et doivent s'achever le 30 juin 2027, selon l'exploitant du site qui emploie déjà quarante personnes.</p>`
	enBody := `<p>The law of March 12, 2024 set new rules for connecting data centres to the transmission grid, and the operator says the works started on January 5, 2025.</p>
<p>They should end on June 30, 2027, when the first hall opens with forty staff on site and a second one follows.</p>`
	page := func(lang, head, beforeBody, paras string) []byte {
		return []byte(`<!doctype html><html lang="` + lang + `"><head><meta charset="utf-8"><title>Un titre</title>` + head +
			`</head><body><article><h1>Un titre</h1>` + beforeBody + paras + `</article></body></html>`)
	}
	for _, tc := range []struct {
		name string
		body []byte
		url  string
		want time.Time
	}{
		{"body dates only (fr)", page("fr", "", "", body), "https://n.example/energie/decret", time.Time{}},
		{"body dates only (en)", page("en", "", "", enBody), "https://n.example/energy/decree", time.Time{}},
		{"body date in the first sentence", page("en", "", "", `<p>On March 12, 2024, lawmakers set new rules for data centres.</p>`+enBody), "https://n.example/a", time.Time{}},
		{"metadata", page("fr", `<meta property="article:published_time" content="2025-02-10T08:00:00+01:00">`, "", body),
			"https://n.example/a", time.Date(2025, 2, 10, 7, 0, 0, 0, time.UTC)},
		{"visible byline", page("fr", "", `<p class="byline">Par Léa Martin, publié le 10 février 2025</p>`, body), "https://n.example/a", day(2025, 2, 10)},
		{"time element", page("en", "", `<time datetime="2025-02-10">Feb 10</time>`, enBody), "https://n.example/a", day(2025, 2, 10)},
		{"dateline", page("en", "", "", `<p>LYON, February 10, 2025 – The operator of a new campus said on Monday that works will start soon near the river.</p>`+enBody),
			"https://n.example/a", day(2025, 2, 10)},
		{"URL", page("fr", "", "", body), "https://n.example/2025/02/10/decret-raccordement", day(2025, 2, 10)},
		{"URL with dashes", page("fr", "", "", body), "https://n.example/actu/2025-02-10-decret", day(2025, 2, 10)},
		{"URL year and month only", page("fr", "", "", body), "https://n.example/2025/02/decret", time.Time{}},
		{"metadata beats the URL", page("fr", `<meta property="article:published_time" content="2025-02-11">`, "", body),
			"https://n.example/2025/02/10/decret", day(2025, 2, 11)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Read(tc.body, "text/html; charset=utf-8", tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != KindArticle {
				t.Errorf("kind %s (%v), want article", p.Kind, p.Reasons)
			}
			if !p.Published.Equal(tc.want) {
				t.Errorf("published %v, want %v", p.Published, tc.want)
			}
		})
	}
}

func TestURLDate(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want time.Time
	}{
		{"https://a.example/2025/03/07/slug", day(2025, 3, 7)},
		{"https://a.example/news/2025-03-07-slug", day(2025, 3, 7)},
		{"https://a.example/20250307/slug", day(2025, 3, 7)},
		{"https://a.example/2025/03-07/slug", time.Time{}},
		{"https://a.example/2025/02/31/slug", time.Time{}},
		{"https://a.example/2025/03/slug", time.Time{}},
		{"https://a.example/item/2025030712345", time.Time{}},
		{"https://a.example/?d=2025/03/07", time.Time{}},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := urlDate(u); !got.Equal(tc.want) {
			t.Errorf("urlDate(%s) = %v, want %v", tc.url, got, tc.want)
		}
	}
}
