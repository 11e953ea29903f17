package article

import "testing"

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Le gouvernement a présenté un plan pour les centres de données. Les industriels saluent une initiative qui doit créer des emplois dans la région.", "fr"},
		{"The government has unveiled a plan for data centres. Industry groups welcomed a move that is expected to create jobs in the region.", "en"},
		{"InvestAI: 20 Mrd. €", ""},
		{"Die Regierung hat einen Plan für Rechenzentren vorgestellt, der Arbeitsplätze schaffen soll.", ""},
		// Spanish shares "la", "que", "se" with French's stopwords, in one word of eight or fewer.
		{"El ayuntamiento aprobó ayer el proyecto del nuevo centro de datos, que tendrá cuarenta megavatios y empleará a unas doscientas personas en la comarca. " +
			"La empresa asegura que el agua de refrigeración se reciclará y que el calor sobrante irá a la red municipal. " +
			"Los vecinos piden más garantías sobre el ruido y la factura eléctrica, que según ellos subirá con la llegada del proyecto. " +
			"El consejero regional defendió el plan durante una visita al polígono industrial.", ""},
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

// TestParseGuessesUndeclaredLanguage reads the language of a page that declares none and is
// neither French nor English from trafilatura's guess (whatlanggo, the copy in third_party).
func TestParseGuessesUndeclaredLanguage(t *testing.T) {
	for want, paras := range map[string][]string{
		"de": {
			"Das neue Rechenzentrum am Stadtrand soll im kommenden Jahr in Betrieb gehen und mehrere tausend Server für künstliche Intelligenz beherbergen.",
			"Die Gemeinde erhofft sich neue Arbeitsplätze, doch Anwohner sorgen sich um den Wasserverbrauch und den Lärm der Kühlanlagen.",
			"Der Betreiber verspricht, die Abwärme in das städtische Fernwärmenetz einzuspeisen, sobald die Leitungen verlegt sind.",
		},
		"es": {
			"El nuevo centro de datos de las afueras de la ciudad debería entrar en servicio el año que viene y albergar varios miles de servidores.",
			"El ayuntamiento espera nuevos empleos, pero los vecinos se preocupan por el consumo de agua y el ruido de los sistemas de refrigeración.",
			"La empresa promete aprovechar el calor residual para la red de calefacción municipal en cuanto se terminen las obras.",
		},
	} {
		a, err := Parse([]byte(articleHTML("Rechenzentrum / Centro de datos", paras...)), "text/html", "https://news.example/"+want)
		if err != nil {
			t.Fatalf("%s: %v", want, err)
		}
		if a.Lang != want {
			t.Errorf("page in %s read as %q", want, a.Lang)
		}
	}
}
