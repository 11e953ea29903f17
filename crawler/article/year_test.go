package article

import (
	"regexp"
	"testing"
)

// datePatterns are the patterns findTextDates skips when hasYear is false.
var datePatterns = []*regexp.Regexp{frDateRe, enMDYRe, enDMYRe, numericDateRe}

func TestHasYear(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"Publié le 3 mars 2025 à 10h", true},
		{"July 4, 1999", true},
		{"12/03/2031", true},
		{"Le site compte 1 200 serveurs et 18 salles.", false},
		{"2 0 2 5", false},
		{"x2099", true}, // a necessary condition only: the patterns decide
		{"202", false},
	} {
		if got := hasYear(tc.in); got != tc.want {
			t.Errorf("hasYear(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// FuzzHasYear checks that the shortcut never hides a date: whatever a date pattern matches
// holds a year.
func FuzzHasYear(f *testing.F) {
	for _, s := range []string{"1er juillet 2025", "Jul. 1st 2025", "1st of July, 2025", "03.07.2025", "3 mars 19", "2020"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if hasYear(s) {
			return
		}
		for _, re := range datePatterns {
			if m := re.FindString(s); m != "" {
				t.Fatalf("%v matches %q in %q, which hasYear rejects", re, m, s)
			}
		}
	})
}
