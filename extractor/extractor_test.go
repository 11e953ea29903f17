package extractor

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	claimwire "github.com/claimwire/claimwire"
)

// find returns the claim whose surface contains sub.
func find(t *testing.T, qs []claimwire.Quantity, sub string) claimwire.Quantity {
	t.Helper()
	for _, q := range qs {
		if strings.Contains(q.Surface, sub) {
			return q
		}
	}
	t.Fatalf("no claim with %q in %+v", sub, qs)
	return claimwire.Quantity{}
}

// The same fact stated in French and English, with different nouns, lands on one metric key.
func TestMetricSharedAcrossLanguages(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		text, surface, metric string
	}{
		{"L'UE reçoit 76 propositions pour ses giga-usines d'IA.", "76 propositions", "ai-gigafactories/proposals"},
		{"La Commission prépare ses gigafactories d'IA.\n\nEn tout, 76 manifestations d'intérêt lui sont parvenues.",
			"76 manifestations", "ai-gigafactories/proposals"},
		{"Brussels received 76 expressions of interest for AI gigafactories.", "76 expressions", "ai-gigafactories/proposals"},
		{"Plus de 160 entreprises ont manifesté leur intérêt pour les gigafactories.", "160 entreprises", "ai-gigafactories/proposals"},
		{"More than 160 companies have applied to host an AI gigafactory.", "160 companies", "ai-gigafactories/proposals"},
		{"InvestAI doit mobiliser 200 milliards d'euros.", "200 milliards", "investai/funding:EUR"},
		{"InvestAI is meant to raise €200 billion.", "€200 billion", "investai/funding:EUR"},
		{"L'Europe financera jusqu'à cinq gigafactories.", "cinq gigafactories", "ai-gigafactories/count"},
		{"Europe will fund up to five AI gigafactories.", "five AI gigafactories", "ai-gigafactories/count"},
		{"Chaque giga-usine comptera environ 100 000 puces.", "100 000 puces", "ai-gigafactories/chips"},
		{"Each gigafactory will hold some 100,000 processors.", "100,000 processors", "ai-gigafactories/chips"},
		{"Le projet réunit 16 États membres.", "16 États", "member-states"},
		{"L'engin est vendu au prix de 39 900 $.", "39 900 $", "price:USD"},
	}
	for _, tt := range tests {
		q := find(t, e.Extract(tt.text, ""), tt.surface)
		if q.Metric != tt.metric {
			t.Errorf("%q: metric %q, want %q", tt.text, q.Metric, tt.metric)
		}
	}
}

// A subject carries over to later sentences, but not across unrelated text.
func TestMetricSubjectFadesAway(t *testing.T) {
	e := newTestExtractor(t)
	filler := strings.Repeat("Les discussions se poursuivent sans calendrier précis. ", 40)
	text := "Les gigafactories attirent les investisseurs.\n\n" + filler + "\n\nLe pays compte 12 ministres."
	q := find(t, e.Extract(text, ""), "12 ministres")
	if q.Metric != "ministres" {
		t.Errorf("metric %q, want the subject to have faded", q.Metric)
	}
}

// French and English in one text, without a hint: each sentence in its own language.
func TestMixedLanguages(t *testing.T) {
	e := newTestExtractor(t)
	text := "La dette publique atteint 3 billions d'euros, selon le rapport. The public debt reached 3 billion euros, the report says.\n" +
		"Le chiffre 1,125 milliard d'euros est contesté. The 1.125 billion euro figure is disputed."
	qs := e.Extract(text, "")
	want := []struct {
		surface string
		value   float64
		lang    string
	}{
		{"3 billions d'euros", 3e12, "fr"},
		{"3 billion euros", 3e9, "en"},
		{"1,125 milliard d'euros", 1.125e9, "fr"},
		{"1.125 billion euro", 1.125e9, "en"},
	}
	if len(qs) != len(want) {
		t.Fatalf("got %d claims, want %d: %+v", len(qs), len(want), qs)
	}
	for i, w := range want {
		q := qs[i]
		if q.Surface != w.surface || q.Value != w.value || q.Lang != w.lang || q.Unit != "EUR" {
			t.Errorf("claim %d = %q %v %s %s, want %q %v %s EUR", i, q.Surface, q.Value, q.Lang, q.Unit, w.surface, w.value, w.lang)
		}
	}
}

// The caller's hint decides sentences that carry no language signal.
func TestLanguageHint(t *testing.T) {
	e := newTestExtractor(t)
	for _, tt := range []struct {
		hint  string
		value float64
	}{{"fr", 4.8}, {"en", 4800}} {
		qs := e.Extract("4,800 %", tt.hint)
		if len(qs) != 1 || qs[0].Value != tt.value || qs[0].Lang != tt.hint {
			t.Errorf("hint %s: %+v, want %v", tt.hint, qs, tt.value)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"La Commission européenne a présenté son plan pour les usines d'IA.", "fr"},
		{"The European Commission presented its plan for AI factories.", "en"},
		{"Nonante élèves sont arrivés hier.", "fr"},
		{"", "en"},
		{"12 345", "en"},
		{strings.Repeat("Le projet avance et les entreprises suivent. ", 3000), "fr"},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%.40q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

// Sentences survive abbreviations, initials and decimals, and claims point into them.
func TestSentences(t *testing.T) {
	e := newTestExtractor(t)
	text := "M. Breton a annoncé 3 milliards d'euros pour la version 3.1 du plan. The U.S. plan is worth $5 billion, Dr. Lee said.\n" +
		"  1. Le taux atteint 61,6 % cette année !\n" +
		"Lumen Corp. said it would hire 300 people. Its backers include Orbis Corp. It expects to spend $2 billion.\n" +
		"« Nous investirons 5 milliards. » Le groupe emploie 400 personnes. ‘How much would it cost?’ The answer was £211 million."
	want := []string{
		"M. Breton a annoncé 3 milliards d'euros pour la version 3.1 du plan.",
		"The U.S. plan is worth $5 billion, Dr. Lee said.",
		"1. Le taux atteint 61,6 % cette année !",
		"Lumen Corp. said it would hire 300 people.",
		"It expects to spend $2 billion.",
		"« Nous investirons 5 milliards. »",
		"Le groupe emploie 400 personnes.",
		"The answer was £211 million.",
	}
	qs := e.Extract(text, "")
	if len(qs) != len(want) {
		t.Fatalf("got %d claims, want %d: %+v", len(qs), len(want), qs)
	}
	for i, q := range qs {
		if q.Sentence != want[i] {
			t.Errorf("claim %q: sentence %q, want %q", q.Surface, q.Sentence, want[i])
		}
		checkInvariants(t, text, q)
	}
}

func TestVagueOption(t *testing.T) {
	text := "Le projet créera des milliers d'emplois et coûtera plusieurs milliards d'euros."
	if qs := newTestExtractor(t).Extract(text, ""); len(qs) != 0 {
		t.Errorf("vague amounts reported by default: %+v", qs)
	}
	e, err := New(Options{Vague: true})
	if err != nil {
		t.Fatal(err)
	}
	qs := e.Extract(text, "")
	want := []struct {
		surface, unit string
		value         float64
	}{{"des milliers d'emplois", "jobs", 1000}, {"plusieurs milliards d'euros", "EUR", 2e9}}
	if len(qs) != len(want) {
		t.Fatalf("got %+v", qs)
	}
	for i, w := range want {
		q := qs[i]
		if q.Surface != w.surface || q.Unit != w.unit || q.Value != w.value || !q.Vague || q.Qualifier != claimwire.QualifierMoreThan {
			t.Errorf("claim %d = %+v, want %q %v %s vague more_than", i, q, w.surface, w.value, w.unit)
		}
	}
}

func TestUserFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lex := write("lexicon.yaml", "counts:\n  racks: [baie, rack]\n  chips: [bidule]\n")
	glo := write("glossary.yaml", "subjects:\n  datacenter-paris: [\"campus de Saclay\"]\nmeasures:\n  - key: hardware\n    units: [racks]\n")
	e, err := New(Options{LexiconFiles: []string{lex}, GlossaryFiles: []string{glo}})
	if err != nil {
		t.Fatal(err)
	}
	qs := e.Extract("Le campus de Saclay accueillera 400 baies et 12 bidules.", "")
	if len(qs) != 2 {
		t.Fatalf("got %+v", qs)
	}
	if qs[0].Unit != "racks" || qs[0].Metric != "datacenter-paris/hardware" {
		t.Errorf("user lexicon and glossary not applied: %+v", qs[0])
	}
	if qs[1].Unit != "chips" {
		t.Errorf("user form of a default unit not applied: %+v", qs[1])
	}

	for name, body := range map[string]string{
		"unknown key":  "countz:\n  racks: [baie]\n",
		"bad currency": "currencies:\n  euro: [€]\n",
		// The indexer compares units through claimwire's vocabulary, which spells these otherwise.
		"unknown currency":    "currencies:\n  XYZ: [xyz]\n",
		"unknown unit":        "units:\n  EFLOPS: [eflops]\n",
		"count named as unit": "counts:\n  m²: [bidule]\n",
		"not yaml":            "counts: [",
		"ambiguous, no cues":  "ambiguous:\n  votes: {forms: [voix]}\n",
		"ambiguous unit":      "ambiguous:\n  MW: {forms: [mw], cues: [power]}\n",
	} {
		if _, err := New(Options{LexiconFiles: []string{write("bad.yaml", body)}}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := New(Options{GlossaryFiles: []string{write("bad.yaml", "measures:\n  - key: x\n")}}); err == nil {
		t.Error("measure rule without units: no error")
	}
	if _, err := New(Options{GlossaryFiles: []string{write("bad.yaml", "measures:\n  - key: power\n    units: [EFLOPS]\n")}}); err == nil {
		t.Error("measure rule with a unit outside the vocabulary: no error")
	}
	// A rule names physical units as claims carry them.
	power := write("power.yaml", "measures:\n  - key: grid-capacity\n    units: [MW, GW]\n")
	pe, err := New(Options{GlossaryFiles: []string{power}})
	if err != nil {
		t.Fatal(err)
	}
	if qs := pe.Extract("The campus will draw 300 MW from the grid.", "en"); len(qs) != 1 || qs[0].Unit != "MW" ||
		!strings.HasSuffix(qs[0].Metric, "grid-capacity") {
		t.Errorf("measure rule on MW not applied: %+v", qs)
	}
	if _, err := New(Options{LexiconFiles: []string{filepath.Join(dir, "missing.yaml")}}); err == nil {
		t.Error("missing file: no error")
	}
}

// The user files shipped in configs/ must load.
func TestShippedConfigs(t *testing.T) {
	_, err := New(Options{
		LexiconFiles:  []string{"../configs/lexicon.yaml"},
		GlossaryFiles: []string{"../configs/glossary.yaml"},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// One Extractor serves many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	e := newTestExtractor(t)
	text := newsText(t, 64<<10)
	want := len(e.Extract(text, ""))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if got := len(e.Extract(text, "")); got != want {
				t.Errorf("got %d claims, want %d", got, want)
			}
		})
	}
	wg.Wait()
}

// A range word ending the sentence after a currency amount ("$5 to") must neither panic nor read
// past the sentence's tokens, however many tokens come before it.
func TestRangeWordEndsSentence(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct{ text, surface string }{
		{"$5 to", "$5"},
		{"x $5 to", "$5"},
		{"US$ 5 to", "US$ 5"},
		{"a b c d e f g h i j k l m $5 to", "$5"},
	}
	for _, tt := range tests {
		qs := e.Extract(tt.text, "en")
		if len(qs) != 1 || qs[0].Surface != tt.surface || qs[0].Value != 5 || qs[0].Unit != "USD" {
			t.Errorf("Extract(%q) = %+v, want one claim %q of 5 USD", tt.text, qs, tt.surface)
		}
	}
}

// The flag table answers like the map it is built from.
func TestFlagTable(t *testing.T) {
	m := map[string]uint8{"de": flagStopFR, "the": flagStopEN, "milliards": flagFROnly | flagNumber, "gpu": flagSubject}
	for w := range wordFlags {
		m[w] |= wordFlags[w]
	}
	table := newFlagTable(m)
	for w, f := range m {
		if got := table.get([]byte(w)); got != f {
			t.Errorf("get(%q) = %b, want %b", w, got, f)
		}
	}
	for _, w := range []string{"", "zz", "gpus", "tha", "infrastructure", "négociations", "dee"} {
		if got := table.get([]byte(w)); got != 0 {
			t.Errorf("get(%q) = %b, want 0", w, got)
		}
	}
}

// A unit taken from an earlier claim is flagged: the currency of a bare "N milliards" comes
// from the amounts before it, while a currency written with the number is not inferred.
func TestInferredCurrency(t *testing.T) {
	e := newTestExtractor(t)
	qs := e.Extract("Le groupe a levé 12 milliards de dollars l'an dernier.\n\nIl compte en dépenser 30 milliards cette décennie.", "fr")
	if q := find(t, qs, "12 milliards"); q.Inferred || q.Unit != "USD" {
		t.Errorf("stated currency: %+v", q)
	}
	if q := find(t, qs, "30 milliards"); !q.Inferred || q.Unit != "USD" {
		t.Errorf("borrowed currency not flagged: %+v", q)
	}
}

// TestExtractArticleDollar reads a bare "$" as the dollar of the country whose domain
// publishes the article, and the headline before the body.
func TestExtractArticleDollar(t *testing.T) {
	e := newTestExtractor(t)
	for _, tt := range []struct{ url, want string }{
		{"https://www.example.com.au/business/aws", "AUD"},
		{"https://news.example.ca/tech", "CAD"},
		{"https://example.co.nz/a", "NZD"},
		{"https://example.com/a", "USD"},
		{"https://example.au.example.com/a", "USD"},
		{"::not a url", "USD"},
	} {
		a := claimwire.Article{URL: tt.url, Lang: "en", Title: "Lumen to spend $20 billion on data centres",
			Text: "Lumen will spend $20 billion, or US$13 billion, on four campuses."}
		qs := e.ExtractArticle(&a)
		if len(qs) != 4 {
			t.Fatalf("%s: %d quantities, want 4: %+v", tt.url, len(qs), qs)
		}
		if head := qs[0]; head.Unit != tt.want || head.End > len(a.Title) {
			t.Errorf("%s: headline's $20 billion in %s at %d, want %s within the headline", tt.url, head.Unit, head.Start, tt.want)
		}
		if body := qs[1]; body.Unit != tt.want || body.Start < len(a.Title)+2 {
			t.Errorf("%s: body's $20 billion in %s at %d, want %s after the headline", tt.url, body.Unit, body.Start, tt.want)
		}
		if us := qs[2]; us.Unit != "USD" {
			t.Errorf("%s: US$13 billion in %s", tt.url, us.Unit)
		}
	}
}

// TestDollarCodeAfter reads the code written after a "$" figure as its dollar, on any site.
func TestDollarCodeAfter(t *testing.T) {
	e := newTestExtractor(t)
	for _, tt := range []struct{ text, surface, unit, qualifier string }{
		{"Orbis gets up to $700 million CAD ($498 million USD) for chips.", "up to $700 million CAD", "CAD", "up_to"},
		{"Orbis gets up to $700 million CAD ($498 million USD) for chips.", "$498 million USD", "USD", "up_to"},
		{"Lumen spends $4 million AUD on a hall.", "$4 million AUD", "AUD", "exact"},
		{"Lumen spends $4 million on a hall.", "$4 million", "USD", "exact"},
		{"Lumen spends €4 million USD on a hall.", "€4 million", "EUR", "exact"},
	} {
		q := find(t, e.Extract(tt.text, "en"), tt.surface)
		if q.Unit != tt.unit || q.Qualifier != tt.qualifier {
			t.Errorf("%q: %s %s, want %s %s", tt.surface, q.Unit, q.Qualifier, tt.unit, tt.qualifier)
		}
	}
}

// TestMarkedCurrencies reads the currencies of Brazil, Singapore and Malaysia where they are
// marked, and leaves the English adjective "real" alone.
func TestMarkedCurrencies(t *testing.T) {
	e := newTestExtractor(t)
	for _, tt := range []struct{ text, lang, surface, unit string }{
		{"Orbis will invest R$23 billion (US$4.07 billion) in AI.", "en", "R$23 billion", "BRL"},
		{"Orbis will invest R$23 billion (US$4.07 billion) in AI.", "en", "US$4.07 billion", "USD"},
		{"Le plan d'Orbis prévoit 23 milliards de reais.", "fr", "23 milliards de reais", "BRL"},
		{"Orbis pledged S$1 billion for its halls.", "en", "S$1 billion", "SGD"},
		{"Orbis gets 5 billion ringgit for its halls.", "en", "5 billion ringgit", "MYR"},
		{"Orbis spent $5 billion in real terms.", "en", "$5 billion", "USD"},
	} {
		if q := find(t, e.Extract(tt.text, tt.lang), tt.surface); q.Unit != tt.unit {
			t.Errorf("%q in %q: %s, want %s", tt.surface, tt.text, q.Unit, tt.unit)
		}
	}
}

// TestStoryDollar reads a bare "$" and a bare "dollars" as the dollar of the country a story is
// about when it never marks that dollar, and as the US dollar where it does.
func TestStoryDollar(t *testing.T) {
	e := newTestExtractor(t)
	for _, tt := range []struct{ text, surface, unit string }{
		{"Canada will give Orbis $240 million. Canadian firms cheered. Canada's plan is large.", "$240 million", "CAD"},
		{"Canada will give Orbis C$240 million ($169 million). Canadian firms cheered. Canada's plan is large.", "$169 million", "USD"},
		{"Le Canada versera 240 millions de dollars à Orbis. Le plan canadien est vaste. Le Canada investit.", "240 millions de dollars", "CAD"},
		{"Le Canada versera 240 millions de dollars US à Orbis. Le plan canadien est vaste. Le Canada investit.", "240 millions de dollars US", "USD"},
		{"Australia will give Orbis $240 million. Australian firms cheered. Australia's plan is large.", "$240 million", "AUD"},
		{"Canada will give Orbis $240 million, Lumen said.", "$240 million", "USD"},
		{"Ottawa versera 240 millions de dollars à Orbis. Le plan d'Ottawa est vaste. Le Canada investit.", "240 millions de dollars", "CAD"},
		// A province names its country: the story's unmarked dollars are Canada's.
		{"Orbis investira 500 millions $US au Québec, soit 685 millions de dollars. Québec s'en félicite. Le Québec attire.", "685 millions de dollars", "CAD"},
		{"Orbis investira 500 millions $US au Québec, soit 685 millions de dollars. Québec s'en félicite. Le Québec attire.", "500 millions $", "USD"},
		{"Ohio will give Orbis $240 million. Ohio firms cheered. Ohio's plan is large.", "$240 million", "USD"},
		// A headline's bare "$" before the body's marked dollar of the same figure.
		{"Orbis to invest $20bn in its halls\n\nOrbis has committed A$20 billion, and $5 billion more.", "$20bn", "AUD"},
		{"Orbis to invest $20bn in its halls\n\nOrbis has committed A$20 billion, and $5 billion more.", "$5 billion", "USD"},
	} {
		if q := find(t, e.Extract(tt.text, ""), tt.surface); q.Unit != tt.unit {
			t.Errorf("%q in %q: %s, want %s", tt.surface, tt.text, q.Unit, tt.unit)
		}
	}
}

// TestSpellOutAcronyms gives a claim whose subject is an acronym the name its article spells
// out in brackets before it, by its capitals or its content words' initials; an acronym the
// article never spells out stays.
func TestSpellOutAcronyms(t *testing.T) {
	e := newTestExtractor(t)
	for _, tt := range []struct{ text, lang, surface, subject string }{
		{"LumenFoundries (LF) opened a fab. Overall, LF will invest over $13 billion in these projects.", "en", "$13 billion", "LumenFoundries"},
		{"Orbis Web Services (OWS) grew. OWS will spend $5 billion in Ohio.", "en", "$5 billion", "Orbis Web Services"},
		{"Le Centre d’études des réseaux (CER) ouvre. Le CER emploie 2 000 personnes.", "fr", "2 000 personnes", "Centre d’études des réseaux"},
		{"OWS will spend $5 billion in Ohio.", "en", "$5 billion", "OWS"},
		{"Orbis (LF) grew. LF will spend $5 billion in Ohio.", "en", "$5 billion", "LF"},
	} {
		if q := find(t, e.Extract(tt.text, tt.lang), tt.surface); q.Subject != tt.subject {
			t.Errorf("%q in %q: subject %q, want %q", tt.surface, tt.text, q.Subject, tt.subject)
		}
	}
}

// TestSentenceOffset places each claim in its sentence, where a sentence writes one figure
// twice and where the sentence does not open the text.
func TestSentenceOffset(t *testing.T) {
	e := newTestExtractor(t)
	text := "Lumen had a good year.  Lumen raised $5 billion in debt and $5 billion in equity."
	var got []int
	for _, q := range e.Extract(text, "en") {
		got = append(got, q.SentenceOffset)
		if q.Sentence[q.SentenceOffset:q.SentenceOffset+len(q.Surface)] != q.Surface {
			t.Errorf("%q at %d of %q", q.Surface, q.SentenceOffset, q.Sentence)
		}
	}
	if want := []int{13, 36}; !slices.Equal(got, want) {
		t.Errorf("offsets %v, want %v", got, want)
	}
}

// Unit words as articles write them: a count names its thing by the compound's last noun
// ("semiconductor fabrication plants" are fabs, not semiconductors); a superchip is a chip
// however a French article writes it ("5 448 superpuces", "super puces"), a "graphic processing
// unit" a GPU; a metric ton is a tonne, not a count of tons.
func TestUnitWords(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct{ lang, text, surface, unit string }{
		{"en", "Orbis will build three new semiconductor fabrication plants in Vela.", "three new semiconductor fabrication plants", "fabs"},
		{"en", "Lumen plans five new fabrication plants near Vela.", "five new fabrication plants", "fabs"},
		{"en", "Vela runs two chip manufacturing plants.", "two chip manufacturing plants", "fabs"},
		{"en", "Orbis ships three semiconductors a second.", "three semiconductors", "chips"},
		{"fr", "Le calculateur de Lumen héberge 5 448 superpuces dans une installation près de Vela.", "5 448 superpuces", "chips"},
		{"fr", "Le calculateur de Lumen héberge 5 448 super puces près de Vela.", "5 448 super puces", "chips"},
		{"en", "Lumen's machine is equipped with 5,448 Superchips near Vela.", "5,448 Superchips", "chips"},
		{"en", "Lumen aims for at least 1 million graphic processing units by 2027.", "at least 1 million graphic processing units", "gpus"},
		{"en", "Closing the Orbis plant would release 34 million metric tons of carbon dioxide.", "34 million metric tons", "tonnes"},
		{"fr", "La fermeture de la centrale d'Orbis rejetterait 34 millions de tonnes métriques de CO2.", "34 millions de tonnes métriques", "tonnes"},
	}
	for _, tt := range tests {
		qs := e.Extract(tt.text, tt.lang)
		if len(qs) != 1 || qs[0].Surface != tt.surface || qs[0].Unit != tt.unit {
			t.Errorf("Extract(%q) = %+v, want one claim %q of %s", tt.text, qs, tt.surface, tt.unit)
		}
	}
}
