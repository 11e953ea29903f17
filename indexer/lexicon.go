package indexer

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimwire/claimwire/indexer/facts"
)

// maxPhrase is the longest translation phrase, in terms, that the lexicon looks for.
const maxPhrase = 3

// lexicon gives the fact linker a sentence's terms as the index analyses them, with words that
// the translations say name the same thing (in either language) under one key.
type lexicon struct {
	ta *textAnalysis
	tr *Translations
	// rarity weighs terms by the index's claims; nil weighs them all 1.
	rarity func(key string) float64
}

// Rarity implements facts.Lexicon.
func (l lexicon) Rarity(key string) float64 {
	if l.rarity == nil {
		return 1
	}
	return l.rarity(key)
}

// Terms implements facts.Lexicon.
func (l lexicon) Terms(lang, text string) []facts.Term {
	field := fieldSentenceEN
	if lang == "fr" {
		field = fieldSentenceFR
	}
	folded, at := l.ta.fold(text)
	toks := l.ta.byField[field].Analyze(folded)
	out := make([]facts.Term, 0, len(toks))
	for i := 0; i < len(toks); {
		if w := folded[toks[i].Start:toks[i].End]; mute(w) {
			// A quantity written as one word names its unit as a spaced one does: "4GW" and
			// "1.8 GW" both give a power beside their sentence's figure.
			if unit := bytes.TrimLeft(w, "0123456789.,"); isDigit(w[0]) && len(unit) > 0 {
				if entries := l.tr.byKey[translationKey(l.ta, field, string(unit))]; len(entries) > 0 {
					out = append(out, facts.Term{Key: l.tr.key[entries[0]], Start: at[toks[i].Start], End: at[min(toks[i].End, len(at)-1)]})
				}
			}
			i++
			continue
		}
		key, n, name, measure, increment, direction, country, body, entry := "", 1, false, "", false, 0, "", "", -1
		// The longest phrase the translations know wins: "centre de données" is one term.
		for k := min(maxPhrase, len(toks)-i); k >= 1 && key == ""; k-- {
			phrase := string(toks[i].Term)
			for _, t := range toks[i+1 : i+k] {
				phrase += " " + string(t.Term)
			}
			entries := l.tr.byKey[field+":"+phrase]
			if len(entries) == 0 && k == 1 {
				if singular, ok := acronymPlural(folded[toks[i].Start:toks[i].End]); ok {
					entries = l.tr.byKey[field+":"+singular]
				}
			}
			if len(entries) == 0 || k == 1 && stemFalseFriends[unelidedFold(folded[toks[i].Start:toks[i].End])] {
				continue
			}
			e := entries[0]
			key, n, entry = l.tr.key[e], k, e
			name, measure, increment, direction = l.tr.names(e), l.tr.measure[e], l.tr.increment[e], l.tr.direction[e]
			if c := l.tr.country[e]; c >= 0 {
				country = l.tr.key[c]
			}
			if b := l.tr.standsFor[e]; b >= 0 {
				body = l.tr.key[b]
			}
		}
		start, end := toks[i].Start, toks[i+n-1].End
		if body != "" && n == 1 && strings.Contains(l.tr.entries[entry][0].Text, " ") && anotherBody(folded[:start], folded[end:]) {
			// The short name of a body standing for another ("Commission" for the European
			// Commission, the Union's) names another body in a longer name: "la Commission
			// des services financiers" (Korea's), "the Federal Trade Commission".
			key, name, measure, increment, direction, country, body = "", false, "", false, 0, "", ""
		}
		if increment && reportingForms[strings.ToLower(string(folded[start:end]))] && !addedFigure.Match(folded[end:]) {
			// "added" and "ajouté" share the stem of "add" and "ajouter" but mostly report
			// speech: "…, he added", "a-t-il ajouté". Not before a figure: "added roughly $160
			// billion to the company's market value".
			increment = false
		}
		if measure != "" && raiseForms[strings.ToLower(string(folded[start:end]))] && possessiveAfter(folded[end:]) {
			// "raised its 2025 capital expenditure guidance to $72 billion" raises a figure of
			// its own, it raises no funds.
			measure = ""
		}
		if measure == shareMeasure && partIdiom.Match(folded[:end]) {
			// "pour sa part", "for its part", "en partie", "fait partie de", "is part of",
			// "as part of" hold no share: "Amazon a promis pour sa part jusqu'à 8 milliards de
			// dollars", "the fab is part of a $20 billion plan".
			measure = ""
		}
		if measure == emissionsMeasure && securitiesAfter.Match(folded[end:]) {
			// "l'émission de nouvelles actions" issues shares, it emits no carbon.
			measure = ""
		}
		if key == "" {
			key = prefixKey(folded[start:end])
		}
		out = append(out, facts.Term{Key: key, Start: at[min(start, len(at)-1)], End: at[min(end, len(at)-1)], Name: name, Measure: measure, Increment: increment, Direction: direction, Country: country, StandsFor: body})
		i += n
	}
	return out
}

// acronymPlural returns, lower-cased, the singular of an acronym's plural ("GPUs", "SMEs",
// "LLMs"), which the analysers leave whole: English stemming keeps an "s" after a vowel or
// after consonants alone. Without it "100,000 GPUs" and "100 000 GPU" share no term.
func acronymPlural(w []byte) (string, bool) {
	n := len(w)
	if n < 4 || w[n-1] != 's' {
		return "", false
	}
	for _, c := range w[:n-1] {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return "", false
		}
	}
	return strings.ToLower(string(w[:n-1])), true
}

// unelidedFold is a word or phrase of folded text, lower-cased, without the article or
// preposition elided before it: "l'usine" is "usine".
func unelidedFold(w []byte) string {
	s := strings.ToLower(string(w))
	if i := strings.IndexAny(s, "'’"); i >= 0 && i <= 3 {
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	return s
}

// stemFalseFriends are words, folded and lower-cased, that the analysers stem as a translation's
// word of another meaning: "pris" (taken) as "prix" (price), "bénéficie" (benefits from) as
// "bénéfice" (profit), "capitale" as "capitalisation", "called" as a call for proposals,
// "powerful" as power, "started" as a start-up, "central" as a power plant, "Hong" (Kong) as
// Hungary, "vents" (winds) as sales, "fondateur" as funds. Such a word keeps a key of its own.
var stemFalseFriends = map[string]bool{
	"pris": true, "prise": true, "prises": true,
	"beneficie": true, "beneficier": true, "beneficiera": true, "beneficient": true, "beneficiait": true, "beneficieront": true, "beneficiant": true,
	"profiter": true, "profite": true, "profitera": true,
	// French stems "capitalisation" to "capital": "10 % du capital d'AMD" is a stake.
	"capital": true, "capitaux": true, "capitale": true, "capitales": true,
	// and "fonds" (funds) to "fond": a foundry, the founders, a foundation, "fondée en 2023".
	"fonderie": true, "fonderies": true, "fond": true, "fondateur": true, "fondateurs": true, "fondatrice": true, "fondation": true, "fondations": true,
	"fonde": true, "fondee": true, "fondes": true, "fondees": true, "fondement": true,
	"called": true, "calls": true, "calling": true, "appele": true, "appelee": true, "appeles": true, "appelle": true,
	"powerful": true, "start": true, "started": true, "starting": true, "starts": true,
	"central": true, "centraux": true, "hong": true, "index": true, "vent": true, "vents": true,
	"renewal": true, "renewed": true, "governance": true, "commissioned": true, "firmly": true, "planted": true, "surfaced": true,
	"payer": true, "stockees": true, "stockes": true, "tour": true,
	"utiliser": true, "utilise": true, "utilisee": true, "utilises": true, "utilisees": true,
	"demander": true, "write": true, "writes": true, "writing": true,
	"homme": true, "hommes": true, "progres": true,
	"participer": true, "participe": true, "participent": true, "participera": true, "participeront": true,
}

// anotherBody reports a body's short name standing in another body's longer name: a capitalised
// word before it ("Financial Services Commission") or a complement after it ("Commission des
// services financiers", "Commission on AI").
func anotherBody(before, after []byte) bool {
	complement := strings.ToLower(string(after[:min(len(after), 6)]))
	for _, opener := range complementOpeners {
		if strings.HasPrefix(complement, opener) {
			return true
		}
	}
	words := bytes.Fields(before)
	if len(words) < 2 {
		return false // the sentence's first word, or its second after an article
	}
	prev := string(bytes.TrimRight(words[len(words)-1], ",;:"))
	r, _ := utf8.DecodeRuneInString(prev)
	return unicode.IsUpper(r) && !bodyQualifiers[strings.ToLower(prev)]
}

// complementOpeners open a complement naming which body a short name is, folded: "des services
// financiers", "on AI".
var complementOpeners = []string{" de ", " des ", " du ", " d'", " d’", " of ", " for ", " on "}

// bodyQualifiers may stand capitalised before a body's short name and keep it that body's: "the
// EU Commission", "The Commission".
var bodyQualifiers = map[string]bool{"the": true, "la": true, "le": true, "l'": true, "eu": true, "ue": true, "european": true, "brussels": true}

// NewLexicon returns the lexicon an index opened with these translation files gives the fact
// linker, for tools that link claims without an index.
func NewLexicon(translationFiles []string) (facts.Lexicon, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	ta, err := newTextAnalysis(m)
	if err != nil {
		return nil, err
	}
	tr, err := loadTranslations(ta, translationFiles)
	if err != nil {
		return nil, err
	}
	return lexicon{ta: ta, tr: tr}, nil
}

// tickerName returns the name of a Reuters instrument code, its exchange's suffix cut ("AMD.O"
// is AMD, "ASML.AS" ASML), or word itself: a company named by its code is the company.
func tickerName(word []byte) []byte {
	dot := bytes.IndexByte(word, '.')
	if dot < 2 || dot > 6 || len(word)-dot-1 < 1 || len(word)-dot-1 > 2 || word[0] < 'A' || word[0] > 'Z' {
		return word
	}
	for i, c := range word {
		if i != dot && (c < 'A' || c > 'Z') && (i > dot || c < '0' || c > '9') {
			return word
		}
	}
	return word[:dot]
}

// reportingForms are the forms of an increment word that report speech, folded and lower-cased.
var reportingForms = map[string]bool{"added": true, "ajoute": true, "ajoutee": true, "ajoutait": true}

// addedFigure is a figure opening the text after "added", past a hedge: what was added, not
// what was said. Digits only: "added two people close to the talks" reports speech.
var addedFigure = regexp.MustCompile(`(?i)^\s+(?:(?:roughly|about|around|nearly|almost|some|over|another|an additional|a further|more than|environ|pres de|plus de|quelque|encore)\s+)?[$€£]?\s?\d`)

// shareMeasure is the measure of the words for a share or stake.
const shareMeasure = "share"

// partIdiom is text ending in an idiom built on "part" or "partie" that holds no share, folded.
var partIdiom = regexp.MustCompile(`(?i)(?:\b(?:pour|de) (?:sa|son|leur|ma|mon|notre|votre) part|\bfor (?:its|their|his|her|our|my|your) part|\ben (?:grande |bonne |petite )?partie|\b(?:fait|font|faire|faisant|faisait|faisaient|fera|feront|fasse) partie|\b(?:as|is|are|was|were|be|being|been|in) part)$`)

// emissionsMeasure is the measure of the words for emissions, which French also uses for an
// issue of securities.
const emissionsMeasure = "emissions"

// securitiesAfter is text opening on the securities an "émission" issues, folded.
var securitiesAfter = regexp.MustCompile(`(?i)^\s+(?:de |d'|d’)\s*(?:(?:nouvelles|nouveaux|\d[\d\s.,]*|(?:millions?|milliards?) d['’]?)\s*)*(?:actions|obligations|titres|dette|emprunts?)\b`)

// raiseForms are the forms of "raise" that, before a possessive, lift a figure ("raised its
// forecast") rather than raise funds. Folded and lower-cased.
var raiseForms = map[string]bool{"raise": true, "raises": true, "raised": true, "raising": true}

// possessiveAfter reports a possessive determiner opening text: " its", " their".
func possessiveAfter(text []byte) bool {
	fields := bytes.Fields(text)
	if len(fields) == 0 {
		return false
	}
	switch strings.ToLower(string(fields[0])) {
	case "its", "their", "his", "her", "our":
		return true
	}
	return false
}

// muteWords say nothing about what a number measures: scale and currency words that belong to
// the quantity, reporting verbs, auxiliaries. Folded and lower-cased, in both languages.
var muteWords = map[string]bool{
	"million": true, "millions": true, "milliard": true, "milliards": true, "billion": true, "billions": true,
	"trillion": true, "trillions": true, "bn": true, "mds": true, "md": true, "mn": true, "m": true, "k": true,
	"euro": true, "euros": true, "dollar": true, "dollars": true, "usd": true, "eur": true, "us": true,
	"percent": true, "pourcent": true, "cent": true, "per": true,
	"said": true, "says": true, "say": true, "told": true, "according": true, "selon": true, "indique": true,
	"a": true, "ont": true, "est": true, "sont": true, "etait": true, "ete": true, "sera": true, "serait": true,
	"va": true, "will": true, "would": true, "could": true, "also": true, "aussi": true, "plus": true,
	"more": true, "than": true, "about": true, "environ": true, "pres": true, "around": true, "some": true,
	// Auxiliaries and modals the French stop list keeps.
	"etre": true, "avoir": true, "peut": true, "peuvent": true, "pourrait": true, "pourraient": true,
	"doit": true, "doivent": true, "devrait": true, "devraient": true, "seront": true, "seraient": true,
	"can": true, "may": true, "might": true, "should": true, "must": true,
	// Prepositions the English stop list keeps say where or among what, never what a number
	// measures: "suppliers across all 50 states" and "content production across 20 states".
	"across": true, "throughout": true, "among": true, "amongst": true, "within": true, "via": true,
	"toward": true, "towards": true, "upon": true, "beyond": true,
	// Verbs of inclusion tie a part to its whole, whatever either measures: "the $52 billion
	// includes $39 billion for construction" and "the fund includes $28 billion in grants".
	"include": true, "includes": true, "included": true, "including": true, "inclut": true, "incluent": true,
	"incluant": true, "comprend": true, "comprennent": true, "comprenant": true,
	// "Porter à" brings a figure to another and "contre" sets one against another, whatever
	// either measures; cut to their first letters, "porter" would also be "la porte" (a door).
	"porte": true, "porter": true, "portera": true, "portant": true, "porterait": true, "contre": true,
}

// mute reports whether a word (folded text) is a number, a quantity written as one word ("10bn",
// "1.4GW", whose unit Terms reads apart) or a word of muteWords. A name holding digits says
// which thing a figure is about: H100 and H200 chips, a Q1 and a Q3.
func mute(word []byte) bool {
	return len(word) < 2 || isDigit(word[0]) || muteWords[strings.ToLower(string(word))]
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// prefixLen is how much of a word its key keeps. French and English share most of the words of
// these stories through Latin (capacité and capacity, électricité and electricity, nucléaire and
// nuclear); their first five letters match where the two languages' stemmers would not.
const prefixLen = 5

// prefixKey is the key of a word no translation names: its first prefixLen letters, lower-cased.
func prefixKey(word []byte) string {
	s := strings.ToLower(string(tickerName(word)))
	// An English possessive is its name's ("Nvidia's" is "Nvidia"); an elided article or
	// preposition (l', d', qu') is not part of the word.
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	if i := strings.LastIndexAny(s, "'’"); i >= 0 {
		s = s[i+1:]
	}
	if strings.IndexFunc(s, unicode.IsDigit) >= 0 {
		// A model or a period, read to its end: "h100" and "h200" differ there. "H100s" are
		// H100s.
		if n := len(s); n > 2 && s[n-1] == 's' && isDigit(s[n-2]) {
			s = s[:n-1]
		}
		return s
	}
	w := []rune(s)
	return string(w[:min(len(w), prefixLen)])
}
