package article

import (
	"testing"
	"time"
)

func TestFindTextDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"Publié le 1er juillet 2025 à 10h15", day(2025, 7, 1)},
		{"le 3 mars 2025", day(2025, 3, 3)},
		{"Mis à jour le 14 Février 2024", day(2024, 2, 14)},
		{"lundi 25 aout 2025", day(2025, 8, 25)},
		{"12 déc. 2025", day(2025, 12, 12)},
		{"July 1, 2025", day(2025, 7, 1)},
		{"Published Sept. 30th, 2025 at 9am", day(2025, 9, 30)},
		{"1 July 2025", day(2025, 7, 1)},
		{"the 2nd of March, 2025", day(2025, 3, 2)},
		{"Posted 03/04/2025", day(2025, 4, 3)},
		{"Annoncé le 2 mars 2025, le projet sera livré le 1er janvier 2030.", day(2025, 3, 2)},
		{"By Jane, May 5, 2025 — updated 6 May 2025", day(2025, 5, 5)},
		{"31 février 2025", time.Time{}},
		{"le 45 mars 2025", time.Time{}},
		{"en mars 2025", time.Time{}},
		{"32/13/2025", time.Time{}},
		{"3 mars 1850", time.Time{}},
		{"", time.Time{}},
	} {
		got, _, ok := findTextDate(tc.in)
		if !got.Equal(tc.want) || ok == tc.want.IsZero() {
			t.Errorf("findTextDate(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
}

func TestParseMachineDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // RFC 3339 in UTC, "" for no date
	}{
		{"2025-03-04T09:30:00+01:00", "2025-03-04T08:30:00Z"},
		{"2025-03-04T09:30:00.123Z", "2025-03-04T09:30:00Z"},
		{"2025-03-04T09:30:00+0100", "2025-03-04T08:30:00Z"},
		{"2025-03-04T09:30+01:00", "2025-03-04T08:30:00Z"},
		{"2025-03-04T09:30:00", "2025-03-04T09:30:00Z"},
		{"2025-03-04 09:30:00", "2025-03-04T09:30:00Z"},
		{"2025-03-04", "2025-03-04T00:00:00Z"},
		{"2025-03-04 (mis à jour)", "2025-03-04T00:00:00Z"},
		{"Tue, 04 Mar 2025 09:30:00 +0100", "2025-03-04T08:30:00Z"},
		{"20250304", "2025-03-04T00:00:00Z"},
		{"0001-01-01T00:00:00Z", ""},
		{"demain", ""},
		{"", ""},
	} {
		got, ok := parseMachineDate(tc.in)
		s := ""
		if ok {
			s = got.Truncate(time.Second).Format(time.RFC3339)
		}
		if s != tc.want {
			t.Errorf("parseMachineDate(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}
