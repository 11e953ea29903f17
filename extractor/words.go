package extractor

import (
	"strings"

	claimwire "github.com/claimwire/claimwire"
)

// This file holds the closed-class vocabulary of numbers in French and English: number words,
// scale words, qualifiers and the words that rule a number out. It is grammar, not domain
// knowledge, so it is code; what is counted and what it is about live in the YAML data.

// numKind is the role of a number word in a spelled-out number.
type numKind uint8

const (
	nkNone     numKind = iota
	nkUnit             // 0-19
	nkTens             // 20-90
	nkHundred          // cent, hundred
	nkThousand         // mille, thousand
	nkArticle          // "a", "an": one, only before hundred, thousand, a scale or "dozen"
)

type numWord struct {
	val  float64
	kind numKind
}

var numberWords = func() map[string]numWord {
	m := map[string]numWord{}
	units := func(kind numKind, words string, vals ...float64) {
		i := 0
		for _, w := range strings.Fields(words) {
			m[w] = numWord{vals[i], kind}
			i++
		}
	}
	units(nkUnit, "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize",
		0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
	units(nkTens, "vingt vingts trente quarante cinquante soixante septante huitante octante nonante",
		20, 20, 30, 40, 50, 60, 70, 80, 80, 90)
	units(nkUnit, "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)
	units(nkTens, "twenty thirty forty fifty sixty seventy eighty ninety", 20, 30, 40, 50, 60, 70, 80, 90)
	units(nkHundred, "cent cents hundred", 100, 100, 100)
	units(nkThousand, "mille thousand", 1000, 1000)
	units(nkArticle, "a an", 1, 1)
	return m
}()

// scaleWord multiplies the number before it. letter marks the one-letter abbreviations (m, b, k)
// that only count when glued to the number or next to a currency.
type scaleWord struct {
	val    float64
	frVal  float64 // French "billion" is 10^12, "trillion" 10^18
	letter bool
}

// scaleAbbreviations are the scale words news abbreviates with a period before the unit: "590
// bil. yen", "1.7 tril. yen", "3 mln. euros".
var scaleAbbreviations = wordSet(`bil tril mln bln mld mrd`)

var scales = func() map[string]scaleWord {
	m := map[string]scaleWord{}
	add := func(v float64, words string) {
		for _, w := range strings.Fields(words) {
			m[w] = scaleWord{val: v, frVal: v}
		}
	}
	add(1e3, "mille thousand thousands milliers millier")
	add(1e6, "million millions mn mln mio mns")
	add(1e9, "milliard milliards md mds mrd mrds mld mlds bn bln bns bil") // "590 bil. yen" (Jiji Press)
	add(1e12, "tn trn tln tril")
	add(1e5, "lakh lakhs") // Indian English: "35 lakh rupees", "₹2 crore"
	add(1e7, "crore crores")
	m["billion"] = scaleWord{val: 1e9, frVal: 1e12}
	m["billions"] = scaleWord{val: 1e9, frVal: 1e12}
	m["trillion"] = scaleWord{val: 1e12, frVal: 1e18}
	m["trillions"] = scaleWord{val: 1e12, frVal: 1e18}
	m["k"] = scaleWord{val: 1e3, frVal: 1e3, letter: true}
	m["m"] = scaleWord{val: 1e6, frVal: 1e6, letter: true}
	m["b"] = scaleWord{val: 1e9, frVal: 1e9, letter: true}
	m["t"] = scaleWord{val: 1e12, frVal: 1e12, letter: true}
	return m
}()

// spelledScale reports a scale word spelled out, in any case: "billion", "Milliard".
func spelledScale(w string) bool {
	if len(w) > len("thousands") {
		return false
	}
	s, ok := scales[strings.ToLower(w)]
	return ok && !s.letter
}

// approxNouns are "une vingtaine", "un millier", "a dozen": the value, and whether it is hedged.
var approxNouns = map[string]struct {
	val    float64
	approx bool
}{
	"dizaine": {10, true}, "douzaine": {12, true}, "quinzaine": {15, true}, "vingtaine": {20, true},
	"trentaine": {30, true}, "quarantaine": {40, true}, "cinquantaine": {50, true},
	"soixantaine": {60, true}, "centaine": {100, true}, "millier": {1000, true}, "dozen": {12, false},
}

// vagueHeads are the plural nouns of "des milliers", "thousands of", "plusieurs centaines".
var vagueHeads = map[string]float64{
	"dizaines": 10, "douzaines": 12, "vingtaines": 20, "centaines": 100, "milliers": 1e3, "millions": 1e6,
	"milliards": 1e9, "tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1e3, "billions": 1e9,
	"dizaine": 10, "centaine": 100, "hundred": 100, "thousand": 1e3, "million": 1e6, "milliard": 1e9,
	"billion": 1e9,
}

// vagueStarters open a vague amount; the factor is what the amount is at least.
var vagueStarters = map[string]float64{
	"des": 1, "plusieurs": 2, "quelques": 2, "several": 2, "few": 2, "many": 1,
}

// qualifiers are matched on the lower-cased tokens just before a number, longest first.
var qualifiers = func() map[string]string {
	m := map[string]string{}
	add := func(q string, phrases ...string) {
		for _, p := range phrases {
			m[p] = q
		}
	}
	add(claimwire.QualifierApprox, "environ", "près de", "près d'", "presque", "quelque", "quelques", "autour de", "autour d'",
		"approximativement", "à peu près", "env.", "quasiment", "estimé à", "estimée à", "estimés à", "estimées à",
		"évalué à", "évaluée à", "évalués à", "évaluées à", "de l'ordre de", "de l'ordre d'", "aux alentours de",
		"aux alentours d'", "grosso modo", "about", "around", "nearly", "some", "roughly", "approximately", "almost",
		"~", "≈", "close to", "an estimated", "estimated at", "circa", "approx.", "approx", "around about",
		"pas loin de", "pas loin d'", "nigh on", "pratiquement", "practically", "virtually",
		// Verbs of coming close to a figure: "une consommation frôlant les 10 TWh".
		"frôlant", "frôlant les", "frôle", "frôle les", "frôlent", "frôlent les", "frôler", "frôler les",
		"avoisinant", "avoisinant les", "avoisine", "avoisine les", "avoisinent", "avoisinent les")
	add(claimwire.QualifierAtLeast, "au moins", "au minimum", "minimum", "pas moins de", "pas moins d'", "at least",
		"a minimum of", "no less than", "no fewer than", "not less than", "≥", "minimum de", "un minimum de",
		"at a minimum")
	add(claimwire.QualifierMoreThan, "plus de", "plus d'", "au-delà de", "au-delà d'", "supérieur à",
		"supérieure à", "supérieurs à", "supérieures à", "dépassant", "over", "more than", "above", "in excess of",
		"upwards of", "exceeding", ">", "bien plus de", "largement plus de", "north of", "mieux que",
		// Verbs of passing a figure: "devraient dépasser 10 milliards", "could exceed $1 trillion".
		"dépasser", "dépasse", "dépassent", "dépassera", "dépasseront", "dépasserait", "dépasseraient",
		"dépassé", "dépassée", "dépassés", "dépassées", "exceed", "exceeds", "exceeded", "surpass",
		"surpasses", "surpassed", "surpassing", "topping", "topped", "passed", "crossed", "un peu plus de", "un peu plus d'", "just over",
		"slightly more than", "dépasser les", "dépasse les", "dépassent les", "dépassera les", "dépassant les",
		"dépassé les", "exceed the")
	add(claimwire.QualifierUpTo, "jusqu'à", "up to", "as much as", "as many as", "allant jusqu'à", "as high as",
		"susceptible d'atteindre", "susceptibles d'atteindre", "pouvant atteindre", "pouvant aller jusqu'à")
	add(claimwire.QualifierAtMost, "moins de", "moins d'", "au plus", "au maximum", "tout au plus", "pas plus de",
		"pas plus d'", "at most", "under", "less than", "fewer than", "below", "no more than", "not more than",
		"maximum", "a maximum of", "≤", "<", "inférieur à", "inférieure à", "inférieurs à", "inférieures à",
		"just under", "un maximum de", "maximum de")
	return m
}()

// qualifierEnds maps the last token of each qualifier to the longest qualifier (in tokens)
// ending with it.
var qualifierEnds = func() map[string]int {
	m := map[string]int{}
	for q := range qualifiers {
		toks := tokenize(nil, q, 0, len(q))
		last := string(appendKey(nil, q, toks[len(toks)-1:]))
		m[last] = max(m[last], len(toks))
	}
	return m
}()

// qualifierWords are the words of the qualifiers: a capitalised one before a number starts a
// sentence ("Environ 100"), it does not name a product.
var qualifierWords = func() map[string]bool {
	m := map[string]bool{}
	for q := range qualifiers {
		for _, w := range strings.FieldsFunc(q, func(r rune) bool { return r == ' ' || r == '\'' }) {
			m[w] = true
		}
	}
	return m
}()

// trailingQualifiers follow the number or its unit: "70 MW ou plus", "10 or fewer votes",
// "42 millions d'euros maximum". Keys are the two lower-cased tokens (or one, second empty).
var trailingQualifiers = map[[2]string]string{
	{"ou", "plus"}: claimwire.QualifierAtLeast, {"or", "more"}: claimwire.QualifierAtLeast,
	{"au", "moins"}: claimwire.QualifierAtLeast, {"at", "least"}: claimwire.QualifierAtLeast,
	{"ou", "moins"}: claimwire.QualifierAtMost, {"or", "less"}: claimwire.QualifierAtMost,
	{"or", "fewer"}: claimwire.QualifierAtMost, {"at", "most"}: claimwire.QualifierAtMost,
	{"au", "maximum"}: claimwire.QualifierAtMost, {"au", "plus"}: claimwire.QualifierAtMost,
	{"maximum", ""}: claimwire.QualifierAtMost, {"max", ""}: claimwire.QualifierAtMost,
	{"minimum", ""}: claimwire.QualifierAtLeast,
}

// changeVerbFR reports a French verb of change, any conjugation or participle, before "de X à
// Y": "a bondi de 45 à 78 %", "s'est envolée de", "passant de" state where a figure went, two
// values, not a range. In English "from X to Y" is two values unless rangeVerbsEN.
func changeVerbFR(w string) bool {
	return changeFormsFR[w]
}

// changeFormsFR are the forms of the verbs of change, built once so that a word costs one
// lookup: the irregular forms of croître, and the stems of changeStemsFR with the endings of
// their group, but for the noun "montant" ("un montant de 10 à 20 millions" is an amount).
var changeFormsFR = func() map[string]bool {
	m := wordSet(`croître croit croît croissent croissait croissaient croissant crû crue crus crues
	croîtra croîtront croîtrait`)
	for stem, endings := range changeStemsFR {
		for end := range endings {
			m[stem+end] = true
		}
	}
	delete(m, "montant")
	delete(m, "montants")
	return m
}()

// changeStemsFR are the stems of regular verbs of change with the endings of their group.
var changeStemsFR = map[string]map[string]bool{
	"bond": irEndings, "pass": erEndings, "grimp": erEndings, "augment": erEndings, "chut": erEndings,
	"baiss": erEndings, "recul": erEndings, "progress": erEndings, "mont": erEndings, "envol": erEndings,
	"tomb": erEndings, "évolu": erEndings,
}

var (
	erEndings = wordSet(`er e es ent é ée és ées ait aient ant era eront erait eraient a èrent`)
	irEndings = wordSet(`ir i ie is ies it issent issait issaient issant ira iront irait iraient irent`)
)

// nounDeterminersFR before a word make it a noun: "la baisse", "une chute".
var nounDeterminersFR = wordSet(`la le l une un cette ce cet sa son leur`)

// partitiveDeterminers stand between "of"/"de" and what a scaled number counts: "two thousand
// of its newest servers". Only plural ones: "3 millions de la dette" names no count.
var partitiveDeterminers = wordSet(`the its their our his her these those les ses leurs nos vos ces`)

// multiplierVerbs before "par"/"by" make the number a ratio: "multiplié par dix".
var multiplierVerbs = wordSet(`multiplier multiplie multiplient multiplié multipliée multipliés multipliées multipliera
	multiplieront multiplierait multiply multiplies multiplied multiplying`)

// rangeVerbsEN before "from X to Y" make it a range: "ranging from 10 to 20".
var rangeVerbsEN = wordSet(`range ranges ranged ranging vary varies varied varying anywhere`)

// refWords before a number make it a reference, not a quantity: "Article 2", "page 5".
var refWords = wordSet(`article articles art section sections chapitre chapter paragraphe paragraph alinéa
	annexe annex page pages p pp tome volume vol édition edition saison season épisode episode version v niveau
	level phase étape step figure fig tableau table ligne line rue street route chambre room porte gate numéro
	number no nº n° considérant recital point points règle rule unit tranche années titre title partie part book acte
	code cas case lot postal`)

// ordinalSuffixes glued to digits make an ordinal or a decade: 1er, 3e, 2nd, 1990s.
var ordinalSuffixes = wordSet(`er re e è ème eme ère ᵉ ᵉʳ nd st rd th s d`)

// months rule out the number next to them: "1er juillet", "July 1".
var months = wordSet(`janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
	décembre decembre january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec janv févr avr juil déc`)

// stopwords are function words: never a counted noun, and (per language) a language signal.
var stopwordsFR = wordSet(`le la les des du de et est une un dans pour qui que sur au aux par avec pas ce cette ces
	sont été il elle ils elles nous vous leur leurs mais ou où d l à son sa ses selon entre lors se ne n qu
	y était sera seront ont avait être fait cela ça dont comme aussi très même tout tous toutes après avant depuis
	vers chez sans sous contre parmi chaque dès seulement seuls seules durant pendant désormais également
	aussi voici voilà puis donc alors ainsi`)

var stopwordsEN = wordSet(`the and of to is are was were for with that by this from have has it its be as at
	an which will said their they but or than been would about had not who what when where there these those
	them his her he she we you our your can could should may might into onto over under between per each
	than more most also just only such other both all any some if so do does did being while another
	every last since after before during within across among until upon toward towards via nearly`)

// notNouns follow numbers without being what is counted: verbs, adverbs, connectors, and the
// nouns of discourse ("trois raisons", "two ways").
var notNouns = wordSet(`fois plus moins environ seulement ont sont était étaient seront sera ans déjà encore
	only already still said says were are was have has had will would could should can may might more less
	fewer times de d des du of to in on at by from for with et ou and or à pour par sur vers avec contre
	selon dont qui que which who that ce cette ces this these those per chacun chacune each
	rue avenue boulevard bd allée chemin impasse quai street road lane
	en others raison raisons reason reasons chose choses thing things façon façons manière manières way ways
	au-dessus au-dessous en-dessous par-dessus au-delà besides issus
	attendus attendues anticipés anticipées prévus prévues estimés estimées`)

// adjectivesOnly may stand between a number and its noun ("3 premiers sites", "3 biggest firms")
// but are never the noun themselves ("les 3 premiers").
var adjectivesOnly = wordSet(`premiers premières derniers dernières prochains prochaines suivants suivantes
	autres mêmes principaux principales first last next other top biggest largest leading
	nouveaux nouvelles new more additional supplémentaires existing existants existantes
	grands grandes petits petites gros grosses jeunes bons bonnes vieux vieilles beaux belles`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// ratioVerbs state a multiple by themselves: "les ventes ont doublé", "capacity will triple".
// Forms that are as often adjectives or nouns ("double", "triple") count only after a word
// that makes them verbs (ratioVerbLeads).
var ratioVerbs = func() map[string]float64 {
	m := map[string]float64{}
	for v, forms := range map[float64]string{
		2: `doubled doubling doubler doublé doublée doublés doublées doublera doubleront doublerait doubleraient
			doublait doublaient doublant doublent double`,
		3: `tripled tripling tripler triplé triplée triplera tripleront triplerait tripleraient triplait
			triplaient triplant triplent triple`,
		4: `quadrupled quadrupling quadrupler quadruplé quadruplée quadruplera quadrupleront quadruplerait
			quadruplait quadruplant quadruplent quadruple`,
	} {
		for w := range wordSet(forms) {
			m[w] = v
		}
	}
	return m
}()

// ratioVerbLeads before English "double", "triple", "quadruple" make them verbs: "could
// double", "expected to triple", "roughly triple", "more than double". (French "double" and
// "triple" are adjectives; the verb is "doubler".)
var ratioVerbLeads = wordSet(`to will would could can may might should must nearly roughly almost about than least
	more`)

// ratioNounsFR and ratioNounsEN before a ratio verb make it a noun: "le doublé" (two wins),
// "a triple" (French "a doublé" is a verb).
var (
	ratioNounsFR = wordSet(`le un son ce du`)
	ratioNounsEN = wordSet(`a an the his her its their`)
)

// amountNouns are nouns that, after millions or billions, name the amount of money rather than
// a count: "2 milliards d'investissement", "51 milliards de revenus", "6,2 milliards de bénéfice
// net", "13,5 milliards de chiffre d'affaires".
var amountNouns = wordSet(`investments investissements fonds funds funding aides subsidies revenus revenues recettes bénéfices profits dépenses financements subventions
	investissement bénéfice revenu chiffre financement résultat perte pertes dette budget income`)

// endsWith reports w ending with one of suffixes after a stem of at least minStem bytes.
func endsWith(w string, minStem int, suffixes ...string) bool {
	for _, suf := range suffixes {
		if len(w) >= len(suf)+minStem && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
