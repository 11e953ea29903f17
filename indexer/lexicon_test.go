package indexer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/facts"
)

// testLexicon is the lexicon of an index opened with the built-in translations alone.
func testLexicon(tb testing.TB) facts.Lexicon {
	tb.Helper()
	lex, err := NewLexicon(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return lex
}

// termOf returns the term lex reads word as in text, failing t where it reads none.
func termOf(t *testing.T, lex facts.Lexicon, lang, text, word string) facts.Term {
	t.Helper()
	for _, term := range lex.Terms(lang, text) {
		if text[term.Start:term.End] == word {
			return term
		}
	}
	t.Fatalf("no term %q in %v", word, lex.Terms(lang, text))
	return facts.Term{}
}

// TestLexiconIncrement checks which words make the number next to them an addition or another
// thing than a total: "add", "ajouter" and "un autre" do, their forms reporting speech ("…, he added", "a-t-il ajouté") do not, unless a figure follows.
func TestLexiconIncrement(t *testing.T) {
	lex := testLexicon(t)
	tests := []struct {
		lang, text, word string
		increment        bool
	}{
		{"en", "The operator plans to add 50,000 GPUs", "add", true},
		{"en", "It will bring another 700 MW", "another", true},
		{"fr", "Le groupe veut ajouter 1 GW", "ajouter", true},
		{"fr", "Le nouveau campus ajoutera 2 GW de capacité", "ajoutera", true},
		{"fr", "Les deux sites ajouteront 900 MW", "ajouteront", true},
		{"fr", "soit 50 000 puces supplémentaires", "supplémentaires", true},
		{"fr", "Le groupe prévoit un autre site de 40 MW", "autre", true},
		{"fr", "deux autres centres de données", "autres", true},
		{"en", "The firm was worth $90 billion in spring, added two people close to the talks", "added", false},
		{"fr", "une valorisation de 6 milliards, a-t-il ajouté", "ajouté", false},
		{"en", "The 4% gain added roughly $160 billion to the company's market value", "added", true},
		{"fr", "Le titre a ajouté 12 milliards de dollars à sa capitalisation", "ajouté", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if term := termOf(t, lex, tt.lang, tt.text, tt.word); term.Increment != tt.increment {
				t.Errorf("%q: increment %v, want %v", tt.word, term.Increment, tt.increment)
			}
		})
	}
}

// TestLexiconIdioms reads a share in "part" and "partie", and emissions in "émission", not in
// the idioms built on them nor in an issue of securities.
func TestLexiconIdioms(t *testing.T) {
	lex := testLexicon(t)
	tests := []struct {
		lang, text, word, measure string
	}{
		{"fr", "Le fonds détient une part de 10 % du capital", "part", "share"},
		{"fr", "sa part de marché atteint 12 %", "part", "share"},
		{"en", "Its part of the deal is worth $2 billion", "part", "share"},
		{"fr", "Amazon a promis pour sa part jusqu'à 8 milliards de dollars", "part", ""},
		{"en", "For its part, Amazon invested $4 billion", "part", ""},
		{"fr", "le campus, en grande partie financé par l'État, coûte 3 milliards", "partie", ""},
		{"fr", "Oracle fait partie des dix plus grandes entreprises", "partie", ""},
		{"en", "The fab is part of a $20 billion plan", "part", ""},
		{"en", "As part of the plan, Lumen will invest $2 billion", "part", ""},
		{"fr", "Les émissions de CO2 des centres de données ont baissé de 5 %", "émissions", "emissions"},
		{"fr", "une émission de 2 millions de tonnes de CO2", "émission", "emissions"},
		{"fr", "Orbis détiendra 4 % après l'émission de nouvelles actions", "l'émission", ""},
		{"fr", "Lumen finance son campus par l'émission d'obligations", "l'émission", ""},
		{"fr", "une émission de 2 milliards d'obligations", "émission", ""},
	}
	for _, tt := range tests {
		if term := termOf(t, lex, tt.lang, tt.text, tt.word); term.Measure != tt.measure {
			t.Errorf("%q: measure %q, want %q", tt.text, term.Measure, tt.measure)
		}
	}
}

// TestLexiconRaise reads "raised" as a funding round, not where it lifts a figure of its own.
func TestLexiconRaise(t *testing.T) {
	lex := testLexicon(t)
	tests := []struct {
		text, measure string
	}{
		{"Lumen raised $29 billion for its campus", "funding round"},
		{"Lumen raised its 2025 capital expenditure guidance to $72 billion", ""},
		{"The startup is raising their biggest round yet", ""},
	}
	for _, tt := range tests {
		word := "raised"
		if !strings.Contains(tt.text, word) {
			word = "raising"
		}
		if term := termOf(t, lex, "en", tt.text, word); term.Measure != tt.measure {
			t.Errorf("%q: measure %q, want %q", tt.text, term.Measure, tt.measure)
		}
	}
}

// TestLexiconKeys checks which words share a key: words naming one thing in either language,
// however written (a French article's "États-Unis" and an American one's "U.S."), a name and its
// possessive; and which do not: two chip models, a quarter and another.
func TestLexiconKeys(t *testing.T) {
	lex := testLexicon(t)
	type word struct{ lang, text, word string }
	tests := []struct {
		a, b word
		same bool
	}{
		{word{"fr", "Les serveurs des États-Unis tirent 5 % du courant", "États-Unis"},
			word{"en", "U.S. servers draw 5% of the grid", "U.S"}, true},
		{word{"fr", "Les serveurs des États-Unis tirent 5 % du courant", "États-Unis"},
			word{"en", "The United States grid gives servers 5%", "United States"}, true},
		{word{"fr", "La Virginie compte 300 sites", "Virginie"}, word{"en", "Virginia has 300 sites", "Virginia"}, true},
		{word{"en", "Lumen's campus draws 90 MW", "Lumen's"}, word{"en", "The Lumen campus draws 90 MW", "Lumen"}, true},
		{word{"en", "Lumen’s campus draws 90 MW", "Lumen’s"}, word{"fr", "Le campus de Lumen tire 90 MW", "Lumen"}, true},
		{word{"fr", "l'usine d'Intel coûte 30 milliards", "d'Intel"}, word{"en", "Intel's plant costs €30bn", "Intel's"}, true},
		{word{"en", "The lab runs 4,000 H100s", "H100s"}, word{"en", "The lab runs 4,000 H100 chips", "H100"}, true},
		{word{"en", "The lab runs 4,000 H100 chips", "H100"}, word{"en", "The lab runs 4,000 H200 chips", "H200"}, false},
		// An acronym's plural, which stemming leaves whole after a vowel.
		{word{"en", "Lumen runs 100,000 GPUs", "GPUs"}, word{"fr", "Lumen exploite 100 000 GPU", "GPU"}, true},
		{word{"en", "The plan supports 400 SMEs", "SMEs"}, word{"fr", "Le plan aide 500 PME", "PME"}, true},
		{word{"en", "Sales reached $3bn in Q1", "Q1"}, word{"en", "Sales reached $3bn in Q3", "Q3"}, false},
		{word{"en", "The ChatGPT maker was valued at $90bn", "ChatGPT maker"}, word{"fr", "OpenAI vaut 90 milliards", "OpenAI"}, true},
		{word{"fr", "la maison mère de Facebook dépense 60 milliards", "maison mère de Facebook"}, word{"en", "Meta spends $60bn", "Meta"}, true},
		{word{"en", "ChatGPT reached 500 million users", "ChatGPT"}, word{"en", "OpenAI reached 500 million users", "OpenAI"}, false},
		// A French word read as English is another English word: "poste" (a job) and "posted".
		{word{"en", "Lumen posted a 30% jump in sales", "posted"}, word{"fr", "Lumen crée 300 postes", "postes"}, false},
		{word{"en", "Lumen created 300 jobs", "jobs"}, word{"fr", "Lumen crée 300 postes", "postes"}, true},
		{word{"en", "Servers near Bruxelles draw 5%", "Bruxelles"}, word{"en", "Servers near Brussels draw 5%", "Brussels"}, true},
		{word{"fr", "Lumen ouvre un data center de 40 MW", "data center"}, word{"en", "Lumen opens a 40 MW data centre", "data centre"}, true},
		// The Paris region goes by several names, one of which holds the country's.
		{word{"fr", "En région parisienne, Lumen exploite 130 sites", "région parisienne"}, word{"fr", "L'Île-de-France compte 110 sites", "L'Île-de-France"}, true},
		{word{"en", "The Paris region has 110 sites", "Paris region"}, word{"fr", "L'Île-de-France compte 110 sites", "L'Île-de-France"}, true},
		{word{"fr", "La France compte 300 sites", "France"}, word{"fr", "L'Île-de-France compte 110 sites", "L'Île-de-France"}, false},
		// French stems a feminine nationality in -aise apart from its masculine.
		{word{"fr", "l'électricité irlandaise va à 20 % aux serveurs", "irlandaise"}, word{"en", "Servers in Ireland draw 20%", "Ireland"}, true},
		{word{"fr", "la start-up française lève 600 millions", "française"}, word{"en", "Lumen of France raises €600m", "France"}, true},
		{word{"fr", "une fonderie taïwanaise de 40 000 plaques", "taïwanaise"}, word{"en", "a Taiwan foundry of 40,000 wafers", "Taiwan"}, true},
		// Every member state of the Union, whose programmes put sites in each.
		{word{"fr", "l'usine d'IA tchèque reçoit 30 millions", "tchèque"}, word{"en", "an AI factory in Czechia gets €30m", "Czechia"}, true},
		{word{"fr", "un site en Lituanie de 20 MW", "Lituanie"}, word{"en", "a Lithuanian site of 20 MW", "Lithuanian"}, true},
		{word{"fr", "un site en Lituanie de 20 MW", "Lituanie"}, word{"en", "a Latvian site of 20 MW", "Latvian"}, false},
		// The words a programme is told in, which the two languages spell apart: "capacité de
		// calcul souveraine", "Défi de la capacité de calcul", "Sovereign AI Compute", "Compute
		// Challenge".
		{word{"fr", "le calcul souverain de Lumen reçoit 2 milliards", "souverain"}, word{"en", "Lumen's sovereign compute gets $2bn", "sovereign"}, true},
		{word{"fr", "le Défi de Lumen offre 700 millions", "Défi"}, word{"en", "the Lumen Challenge offers $700m", "Challenge"}, true},
		{word{"fr", "le refroidissement du site tire 5 MW", "refroidissement"}, word{"en", "the site's cooling draws 5 MW", "cooling"}, true},
		{word{"fr", "une capacité de calcul de 10 000 GPU", "calcul"}, word{"en", "compute capacity of 10,000 GPUs", "compute"}, true},
		// A company by its nickname.
		{word{"en", "The EC approved a €7.4 billion subsidy for GloFo at Vela", "GloFo"}, word{"fr", "GlobalFoundries reçoit 2,9 milliards", "GlobalFoundries"}, true},
		// A unit, spelled out, as a symbol or glued to its number.
		{word{"en", "Lumen grows from 600 MW to 1.8 GW by 2033", "GW"}, word{"fr", "Lumen vise 4GW en 2035", "4GW"}, true},
		{word{"fr", "Lumen passerait de 600 mégawatts à 1,8 gigawatt", "gigawatt"}, word{"en", "Lumen targets 4.5GW by 2035", "4.5GW"}, true},
		{word{"en", "Lumen draws 600 MW", "MW"}, word{"en", "Lumen draws 1.8 GW", "GW"}, false},
		// A project is no expectation, whatever "projected" stems to.
		{word{"en", "The EU approved 68 projects", "projects"}, word{"fr", "L'UE a approuvé 67 projets", "projets"}, true},
		{word{"en", "The EU approved 68 projects", "projects"}, word{"en", "Revenue beat the expected $3bn", "expected"}, false},
		// Words the analysers stem as another meaning's: funds are no foundry, a price is not
		// taken, benefiting is no profit, a name called is no call for proposals.
		{word{"fr", "le fonds de Lumen lève 2 milliards", "fonds"}, word{"en", "Lumen's fund raises €2 billion", "fund"}, true},
		{word{"fr", "le fonds de Lumen lève 2 milliards", "fonds"}, word{"en", "Lumen's fab costs €2 billion", "fab"}, false},
		{word{"fr", "Lumen a pris 10 % d'Orbis", "pris"}, word{"fr", "le prix atteint 10 dollars", "prix"}, false},
		{word{"fr", "Lumen bénéficiera de 2 milliards d'aides", "bénéficiera"}, word{"fr", "un bénéfice de 2 milliards", "bénéfice"}, false},
		{word{"en", "a campus called Vela will draw 2 GW", "called"}, word{"en", "the call received 76 proposals", "call"}, false},
		{word{"en", "Lumen started building 2 GW", "started"}, word{"en", "the startup raised €2 billion", "startup"}, false},
		{word{"fr", "Lumen va participer au projet de 2 milliards", "participer"}, word{"fr", "une participation de 10 %", "participation"}, false},
		// A body's short name, unless it stands in another body's longer name.
		{word{"fr", "la Commission a reçu 76 propositions", "Commission"}, word{"en", "the European Commission received 76 proposals", "European Commission"}, true},
		{word{"fr", "la Commission des services financiers a annoncé 150 000 milliards de wons", "Commission"}, word{"en", "the European Commission received 76 proposals", "European Commission"}, false},
		{word{"en", "the Financial Services Commission announced 150 trillion won", "Commission"}, word{"en", "the European Commission received 76 proposals", "European Commission"}, false},
		// The fractions a change is told in.
		{word{"fr", "la consommation a augmenté de près des deux tiers", "tiers"}, word{"en", "consumption was up by nearly two-thirds", "thirds"}, true},
		{word{"fr", "la moitié du courant va aux serveurs", "moitié"}, word{"en", "half the power goes to servers", "half"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.a.word+"~"+tt.b.word, func(t *testing.T) {
			a, b := termOf(t, lex, tt.a.lang, tt.a.text, tt.a.word).Key, termOf(t, lex, tt.b.lang, tt.b.text, tt.b.word).Key
			if (a == b) != tt.same {
				t.Errorf("%q is %s, %q is %s; want the same key: %v", tt.a.word, a, tt.b.word, b, tt.same)
			}
		})
	}
}

// TestLexiconMute checks that words saying nothing of what a number measures are no terms: a
// verb of inclusion ties a part to a whole whatever either is.
func TestLexiconMute(t *testing.T) {
	lex := testLexicon(t)
	for _, tt := range []struct{ lang, text, word string }{
		{"en", "The fund includes $28 billion in grants", "includes"},
		{"en", "Its budget, including $4 billion for chips, rose", "including"},
		{"fr", "Le plan comprend 3 milliards pour les puces", "comprend"},
		{"fr", "L'enveloppe inclut 2 milliards de prêts", "inclut"},
		{"en", "suppliers across all 50 states", "across"},
		{"en", "sites throughout the region, within 12 months", "within"},
		{"fr", "ce qui pourrait porter un coup à l'opération de 9 milliards", "porter"},
		{"fr", "l'accord ouvrira la porte à 10 milliards de financements", "porte"},
		{"fr", "1 151 MW contre 1 121 MW actuellement", "contre"},
	} {
		at := strings.Index(tt.text, tt.word)
		for _, term := range lex.Terms(tt.lang, tt.text) {
			if term.Start == at {
				t.Errorf("%q in %q is a term (key %s)", tt.word, tt.text, term.Key)
			}
		}
	}
}

// TestLexiconDirection checks the words saying which way a number moved something, and the
// measures words name (a charge, a rent, a market's supply, permanent jobs), in both languages.
func TestLexiconDirection(t *testing.T) {
	lex := testLexicon(t)
	tests := []struct {
		lang, text, word string
		direction        int
		measure          string
	}{
		{"en", "Lumen shares plunged 12% on Monday", "plunged", -1, ""},
		{"en", "Lumen shares have risen 12% this year", "risen", 1, ""},
		{"fr", "le titre a accusé une chute de 12 %", "chute", -1, ""},
		{"fr", "une hausse de 12 % depuis janvier", "hausse", 1, ""},
		{"fr", "l'action Lumen progressait de près de 6 % mardi", "progressait", 1, ""},
		{"fr", "le titre Lumen grimpe de 4 %", "grimpe", 1, ""},
		{"en", "Lumen's revenue has grown tenfold", "grown", 1, ""},
		{"en", "capex 12% higher than analysts expected", "higher", 1, ""},
		{"fr", "un bénéfice en recul de 12 % sur un an", "recul", -1, ""},
		{"en", "Lumen booked a $2 billion charge", "charge", 0, "charge"},
		{"fr", "Lumen passe une charge de 2 milliards", "charge", 0, "charge"},
		{"en", "Lumen closed at $12 on Monday", "closed", 0, ""},
		{"en", "Capacity grew 12% on the year", "grew", 1, ""},
		{"en", "Lumen shares have fallen by 4.2% so far this week", "fallen", -1, ""},
		{"en", "representing close to 10% ownership if fully vested", "ownership", 0, "share"},
		// Measures a market report or a project announcement gives side by side.
		{"en", "the asking rent for 250 kW rose 3%", "asking rent", 0, "price"},
		{"en", "Supply in the region rose 20%", "Supply", 0, "supply"},
		{"en", "a power supply of 20 MW", "power supply", 0, ""},
		{"fr", "le taux de vacance est tombé à 2 %", "taux de vacance", 0, "vacancy"},
		{"fr", "un bénéfice net de 2 milliards", "bénéfice net", 0, "profit"},
		{"fr", "les revenus ont atteint 2 milliards", "revenus", 0, "revenue"},
		{"en", "2025 expenses expected between $114 billion and $118 billion", "expenses", 0, "total expenses"},
		{"en", "capital expenditures of $66 billion to $72 billion", "capital expenditures", 0, "investment"},
		{"en", "1,200 permanent jobs and 3,000 construction jobs", "permanent jobs", 0, "jobs/permanent"},
		{"en", "1,200 permanent jobs and 3,000 construction jobs", "construction jobs", 0, "jobs/construction"},
		{"fr", "1 200 emplois pérennes", "emplois pérennes", 0, "jobs/permanent"},
		{"fr", "5 600 emplois directs et indirects", "emplois directs et indirects", 0, "jobs/direct and indirect"},
		{"en", "3,200 direct jobs", "direct jobs", 0, "jobs/permanent"},
		{"en", "Lumen will acquire Orbis in a $2 billion deal", "acquire", 0, "acquisition"},
		{"fr", "le rachat d'Orbis pour 2 milliards", "rachat", 0, "acquisition"},
		// Funding is what a programme invests, a sum one measure with an investment.
		{"en", "the 86 billion euros in funding triggered by the Act", "funding", 0, "investment"},
		{"fr", "un financement de 2 milliards d'euros", "financement", 0, "investment"},
		// A tax break is one kind of public support an incentive package may hold.
		{"en", "up to $61 million in tax rebates", "tax rebates", 0, "subsidy/tax"},
		{"fr", "un crédit d'impôt de 40 millions", "crédit d'impôt", 0, "subsidy/tax"},
		{"en", "an incentive package of nearly $85 million", "incentive package", 0, "subsidy"},
		// What a plan brings an economy is neither what it spends nor what a market demands.
		{"en", "an economic impact of 4 trillion won", "economic impact", 0, "economic impact"},
		{"en", "to contribute €15 billion to Germany's GDP", "GDP", 0, "economic impact"},
		{"fr", "apportera 17 milliards d'euros au PIB allemand", "PIB", 0, "economic impact"},
		{"fr", "la demande atteindra 900 milliards de wons", "demande", 0, "consumption"},
		// A day's trading in a share is no sum invested in it.
		{"fr", "avec un volume d'échanges de 4,8 milliards de dollars", "volume d'échanges", 0, "trading volume"},
		{"en", "a trading volume of $4.8 billion", "trading volume", 0, "trading volume"},
		// Gigafactories of two industries.
		{"en", "three battery gigafactories", "battery", 0, "battery"},
		{"fr", "deux gigafactories de batteries", "batteries", 0, "battery"},
		{"fr", "deux gigafactories ou électrolyseurs", "électrolyseurs", 0, "electrolyser"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if term := termOf(t, lex, tt.lang, tt.text, tt.word); term.Direction != tt.direction || term.Measure != tt.measure {
				t.Errorf("%q: direction %d, measure %q; want %d, %q", tt.word, term.Direction, term.Measure, tt.direction, tt.measure)
			}
		})
	}
}

// FuzzLexicon reads any text in either language: every term's offsets are within the text, in
// order, and the fact linker reads a claim of any sentence and surface through it.
func FuzzLexicon(f *testing.F) {
	f.Add("fr", "Nvidia’s 50 000 H100s, l'usine d’Intel a coûté 30 Md€ (+18 %)", "30 Md€")
	f.Add("en", "U.S. data centers' share rose 4.4% in Q1 FY2026", "4.4%")
	f.Add("en", "", "0")
	f.Add("fr", "plus de 4GW en 2035 contre 714 MW, 1,8GW ou 2,5gw", "714 MW")
	lex := testLexicon(f)
	f.Fuzz(func(t *testing.T, lang, text, surface string) {
		end := 0
		for _, term := range lex.Terms(lang, text) {
			if term.Start < end || term.End < term.Start || term.End > len(text) {
				t.Fatalf("term %+v out of order or range in %q", term, text)
			}
			end = term.End
		}
		c := claimwire.Claim{Quantity: claimwire.Quantity{Sentence: text, Surface: surface, Lang: lang, Value: 1, Unit: "MW"}}
		sig := facts.NewSignature(&c, lex, facts.ReadStory(lex, lang, text, []string{text}))
		facts.Score(&sig, &sig)
	})
}

// TestLexiconValuationKinds reads a valuation before a round and one after it as two kinds of
// valuation, in both languages, and a bare valuation as neither.
func TestLexiconValuationKinds(t *testing.T) {
	lex := testLexicon(t)
	for _, tt := range []struct{ lang, text, word, want string }{
		{"en", "Orbis valued Lumen at a pre-money €10 billion", "pre-money", "valuation/pre-money"},
		{"fr", "une valorisation pré-monétaire de 10 milliards d'euros", "valorisation pré-monétaire", "valuation/pre-money"},
		{"fr", "sa valorisation post-money à 11,7 milliards d'euros", "valorisation post-money", "valuation/post-money"},
		{"en", "a post-money valuation of $13.8 billion", "post-money valuation", "valuation/post-money"},
		{"fr", "sa valorisation atteint 11,7 milliards d'euros", "valorisation", "valuation"},
		{"en", "about $2.4 billion designated for operational expenses", "operational expenses", "operating expenses"},
		{"fr", "sa capitalisation atteint 3 000 milliards de dollars", "capitalisation", "valuation"},
		{"fr", "Orbis détiendra environ 10 % du capital de Lumen", "capital", ""},
		{"en", "It withdrew 358.3 million gallons and discharged 83", "withdrew", "withdrawal"},
		{"fr", "le site a prélevé 1,4 milliard de litres", "prélevé", "withdrawal"},
	} {
		if got := termOf(t, lex, tt.lang, tt.text, tt.word).Measure; got != tt.want {
			t.Errorf("%q in %q measures %q, want %q", tt.word, tt.text, got, tt.want)
		}
	}
}

// TestLexiconCountries gives a place the key of its country, in both languages, a country its
// own, and other words none.
func TestLexiconCountries(t *testing.T) {
	lex := testLexicon(t)
	us := termOf(t, lex, "en", "Lumen builds in the United States", "United States")
	if us.Country != us.Key {
		t.Fatalf("the United States lie in %q, want their own key %q", us.Country, us.Key)
	}
	for _, tt := range []struct{ lang, text, word, want string }{
		{"en", "Lumen builds in Pennsylvania", "Pennsylvania", us.Key},
		{"fr", "Lumen construit en Pennsylvanie", "Pennsylvanie", us.Key},
		{"fr", "Lumen construit aux États-Unis", "États-Unis", us.Key},
		{"en", "Lumen builds for Meta", "Meta", ""},
		{"en", "Lumen builds in Europe", "Europe", ""},
		{"fr", "Lumen construit en Slovénie", "Slovénie", termOf(t, lex, "en", "Lumen builds in Slovenia", "Slovenia").Key},
		{"fr", "Lumen construit aux Émirats arabes unis", "Émirats arabes unis", termOf(t, lex, "en", "Lumen builds in the UAE", "UAE").Key},
		// Regions: a state, a province, a Land, a French région.
		{"en", "Lumen will create 50,000 jobs in New York", "New York", us.Key},
		{"fr", "Lumen construit au Québec", "Québec", termOf(t, lex, "en", "Lumen builds in Canada", "Canada").Key},
		{"fr", "Lumen construit en Bavière", "Bavière", termOf(t, lex, "en", "Lumen builds in Germany", "Germany").Key},
		{"en", "Lumen builds in Aragon", "Aragon", termOf(t, lex, "en", "Lumen builds in Spain", "Spain").Key},
		{"fr", "Lumen construit en Normandie", "Normandie", termOf(t, lex, "fr", "Lumen construit en France", "France").Key},
	} {
		if got := termOf(t, lex, tt.lang, tt.text, tt.word).Country; got != tt.want {
			t.Errorf("%q in %q lies in %q, want %q", tt.word, tt.text, got, tt.want)
		}
	}
	france := termOf(t, lex, "fr", "Lumen construit en France", "France")
	if france.Country == "" || france.Country == us.Key {
		t.Errorf("France lies in %q", france.Country)
	}
}

// TestLexiconStandsFor reads the capitals whose names stand for a government or the Union as
// those, and other places as themselves.
func TestLexiconStandsFor(t *testing.T) {
	lex := testLexicon(t)
	eu := termOf(t, lex, "en", "The EU approved 67 projects", "EU").Key
	canada := termOf(t, lex, "en", "Canada will spend $2 billion", "Canada").Key
	for _, tt := range []struct{ lang, text, word, want string }{
		{"fr", "Bruxelles a approuvé 68 projets", "Bruxelles", eu},
		{"en", "Brussels approved 68 projects", "Brussels", eu},
		{"fr", "Ottawa engagera 2 milliards de dollars", "Ottawa", canada},
		{"fr", "la Commission a reçu 76 propositions", "Commission", eu},
		{"fr", "la Commission des services financiers a annoncé un fonds", "Commission", ""},
		{"fr", "Lumen construit au Québec", "Québec", ""},
		{"en", "Lumen builds in Pennsylvania", "Pennsylvania", ""},
	} {
		if got := termOf(t, lex, tt.lang, tt.text, tt.word).StandsFor; got != tt.want {
			t.Errorf("%q in %q stands for %q, want %q", tt.word, tt.text, got, tt.want)
		}
	}
}

// TestTranslationsCountryNamed rejects a place whose country has no entry, and a capital whose
// body has none.
func TestTranslationsCountryNamed(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	ta, err := newTextAnalysis(m)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "places.yaml")
	if err := os.WriteFile(file, []byte("- en: [Vela]\n  fr: [Véla]\n  country: Orbisland\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadTranslations(ta, []string{file}); err == nil || !strings.Contains(err.Error(), "Orbisland") {
		t.Errorf("loading a place in an unknown country: %v, want an error naming it", err)
	}
	if err := os.WriteFile(file, []byte("- en: [Vela]\n  fr: [Véla]\n  stands_for: Orbis Union\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadTranslations(ta, []string{file}); err == nil || !strings.Contains(err.Error(), "Orbis Union") {
		t.Errorf("loading a capital of an unknown body: %v, want an error naming it", err)
	}
}

// TestTickerName reads a Reuters instrument code as the company it names, and nothing else
// written with a dot.
func TestTickerName(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"AMD.O", "AMD"},
		{"NVDA.O", "NVDA"},
		{"ASML.AS", "ASML"},
		{"U.S", "U.S"},
		{"Amazon.com", "Amazon.com"},
		{"AMD", "AMD"},
		{"2330.TW", "2330.TW"},
		{"e.g", "e.g"},
		{"Inc.", "Inc."},
	} {
		if got := string(tickerName([]byte(tt.word))); got != tt.want {
			t.Errorf("tickerName(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	lex := testLexicon(t)
	if a, b := termOf(t, lex, "fr", "Advanced Micro Devices AMD.O a annoncé un accord", "AMD.O"), termOf(t, lex, "en", "AMD announced a deal", "AMD"); a.Key != b.Key {
		t.Errorf("AMD.O keyed %q, AMD %q", a.Key, b.Key)
	}
}
