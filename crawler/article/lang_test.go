package article

import "testing"

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Le gouvernement a présenté un plan pour les centres de données. Les industriels saluent une initiative qui doit créer des emplois dans la région.", "fr"},
		{"The government has unveiled a plan for data centres. Industry groups welcomed a move that is expected to create jobs in the region.", "en"},
		{"InvestAI: 20 Mrd. €", ""},
		{"Die Regierung hat einen Plan für Rechenzentren vorgestellt, der Arbeitsplätze schaffen soll.", ""},
		{"", ""},
	} {
		if got := detectLanguage(tc.in); got != tc.want {
			t.Errorf("detectLanguage(%.40q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestChooseLang(t *testing.T) {
	fr := "Le gouvernement a présenté un plan pour les centres de données, et les industriels saluent une initiative qui doit créer des emplois dans la région."
	for _, tc := range []struct {
		text     string
		declared []string
		want     string
	}{
		{fr, []string{"en-US"}, "fr"},            // the text wins over a wrong <html lang>
		{"Titre court", []string{"fr_FR"}, "fr"}, // too short to tell: trust the page
		{"Titre court", []string{"", "EN"}, "en"},
		{"Titre court", []string{"x-klingon", "français"}, ""},
	} {
		if got := chooseLang(tc.text, tc.declared...); got != tc.want {
			t.Errorf("chooseLang(%.20q, %q) = %q, want %q", tc.text, tc.declared, got, tc.want)
		}
	}
}
