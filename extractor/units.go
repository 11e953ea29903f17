package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unitAt finds what the number before token k is a quantity of: a lexicon phrase ("%",
// "euros", "MW", "puces d'IA"), the same after "de"/"d'"/"of" when the number allows it
// ("20 milliards d'euros", "millions of dollars"), a known noun after one or two adjectives
// ("three million latest-generation GPUs"), or else the noun itself (fallback). modifier says the
// number follows "a"/"an" and so qualifies a noun ("a 70 billion parameter model").
func (r *run) unitAt(k int, connector, hasCurrency, modifier bool) unit {
	if k >= len(r.toks) {
		return unit{}
	}
	if r.openQuote(k) && !hasCurrency {
		k++ // a noun in quotes: "5,400 “superchips”", "12 « gigafactories »"
	}
	if k+1 < len(r.toks) && r.toks[k+1].kind == tkNum && r.glued(k+1) && r.isCurrencyAt(k) {
		return unit{} // the next number's currency: "3 USD50 Cards", "2 $50 bills"
	}
	compound := r.gluedHyphen(k) && r.glued(k+1) && k+1 < len(r.toks) && r.toks[k+1].kind == tkWord
	if compound {
		k++ // compound adjectives: "a 100-megawatt plant", "a 70B-parameter model"
		if len(r.str(k)) == 1 {
			return unit{} // a letter ending a code ("0-908912-V", "A-4-W") is no symbol
		}
	}
	if u, ok := r.phraseAt(k); ok {
		return r.compoundHead(u, modifier)
	}
	if compound && r.lang == "en" && r.nounLike(k) && !measureAdjectives[r.lower(k)] {
		// The compound names what is counted, not the noun it qualifies: "a 200-page report".
		return unit{kind: ukFallback, canon: pluralOf(r.lower(k)), j: k + 1}
	}
	if u, ok := r.countOutOf(k); ok {
		return u
	}
	if (connector || r.partitiveAt(k)) && r.isWord(k, "de", "of", "d", "des") {
		c := k + 1
		if r.isPunct(c, "'", "’") {
			c++
		}
		if partitiveDeterminers[r.lower(c)] && r.toks[c].sp != spOther {
			c++ // "three million of the latest GPUs", "deux mille de ses serveurs"
			if p := r.possessiveEnd(c); p > c && p < len(r.toks) && r.toks[p].kind == tkNum {
				return unit{} // "ten of the company's 50 sites": the total says what is counted
			}
		} else if o := r.ownerEnd(c); o > c {
			c = o // "1 million of Lumen’s custom chips": whose, then what
		}
		if r.isWord(k, "de") && r.isWord(c, "d") && r.isPunct(c+1, "'", "’") {
			if u, ok := r.phraseAt(c + 2); ok {
				return r.compoundHead(u, modifier) // a preposition typed twice: "2 milliards de d’euros"
			}
		}
		if c >= len(r.toks) || r.toks[c].sp == spOther {
			return unit{}
		}
		if u, ok := r.phraseAt(c); ok {
			return r.compoundHead(u, modifier)
		}
		if r.isWord(c, "livres", "livre") {
			return unit{kind: ukCurrency, canon: "GBP", j: c + 1} // "361 millions de livres": books come in units
		}
		if hasCurrency {
			return unit{}
		}
		if u, ok := r.afterAdjectives(c); ok {
			return u
		}
		return r.fallback(c)
	}
	if hasCurrency {
		return unit{}
	}
	if u, ok := r.afterAdjectives(k); ok {
		return u
	}
	if h := r.afterNames(k); h > k && h < len(r.toks) && r.lang == "en" && !r.toks[h].upper {
		// Names before what is counted: "nine NVLink Switch trays", "two Mississippi
		// industrial parks".
		if u, ok := r.phraseAt(h); ok && u.kind == ukCount && r.openQuote(h-1) {
			return u // "5,400 Nvidia “superchips”"
		}
		if u, ok := r.afterAdjectives(h); ok {
			return u
		}
		for j := h; j < h+2 && j < len(r.toks) && r.toks[j].kind == tkWord && !r.toks[j].upper; j++ {
			if r.pluralNoun(j) {
				return r.fallback(j)
			}
		}
	}
	return r.fallback(k)
}

// sizeModifierEnd returns the token after a size written as a compound adjective at token k
// ("12-inch", "300mm", "300-millimetre"), past a restatement in brackets ("300mm (12-inch)"),
// or k. Not a figure of another unit the lexicon knows, a claim of its own: "two
// 100-megawatt data centers".
func (r *run) sizeModifierEnd(k int) int {
	if k+1 >= len(r.toks) || r.toks[k].kind != tkNum || !r.glued(k+1) {
		return k
	}
	j := k
	switch {
	case r.isPunct(k+1, "-", "‑") && r.glued(k+2) && k+2 < len(r.toks) && r.toks[k+2].kind == tkWord:
		if u, known := r.phraseAt(k + 2); !known {
			j = k + 3
		} else if sizeUnits[u.canon] {
			j = u.j
		}
	case r.toks[k+1].kind == tkWord:
		if u, known := r.phraseAt(k + 1); known && sizeUnits[u.canon] {
			j = u.j
		}
	}
	if j > k && r.isPunct(j, "(") {
		if e := r.sizeModifierEnd(j + 1); e > j+1 && r.isPunct(e, ")") {
			j = e + 1
		}
	}
	return j
}

// sizeUnits measure the size of each thing counted, not a claim: "40,000 300mm wafers".
var sizeUnits = map[string]bool{"mm": true, "inches": true, "nm": true}

// countOutOf returns what a number counts when "of", "out of" or "sur" at token k give it a
// total of the same things: "seven of its 30 planned buildings", "11 of 38 buildings", "7 sur 30
// bâtiments". The unit ends at k, so that the total is a claim of its own.
func (r *run) countOutOf(k int) (unit, bool) {
	c := k + 1
	switch {
	case r.isWord(k, "of") || r.lang == "fr" && r.isWord(k, "sur", "des"):
	case r.isWord(k, "out") && r.isWord(k+1, "of"):
		c++
	default:
		return unit{}, false
	}
	if before, ok := r.digits(k - 1); ok && before.year {
		return unit{}, false // "in 2024 of the 5 bids"
	}
	if partitiveDeterminers[r.lower(c)] {
		c++ // "seven of its 30 planned buildings"
	}
	c = r.possessiveEnd(c) // "ten of the company's 50 sites"
	if c >= len(r.toks) || r.toks[c].kind != tkNum || r.toks[c].sp == spOther {
		return unit{}, false
	}
	total, ok := r.digits(c)
	if !ok || total.year || total.scale > 0 || total.j >= len(r.toks) {
		return unit{}, false
	}
	u := r.unitAt(total.j, total.connector, false, false)
	if u.kind != ukCount {
		return unit{}, false
	}
	u.j = k
	return u, true
}

// partitiveAt reports "of" or "de" at token k opening a partitive, a determiner or an owner
// before what is counted, which any number may take: "1,500 of Nvidia's GPUs", "18 000 de ses
// dernières puces", "three of its data centres".
func (r *run) partitiveAt(k int) bool {
	if !r.isWord(k, "of", "de") {
		return false
	}
	c := k + 1
	if c >= len(r.toks) || r.toks[c].sp == spOther {
		return false
	}
	return partitiveDeterminers[r.lower(c)] || r.ownerEnd(c) > c
}

// possessiveEnd returns the token after an English possessive word at token k ("company's",
// "Lumen's"), or k.
func (r *run) possessiveEnd(k int) int {
	if r.lang == "en" && k+2 < len(r.toks) && r.toks[k].kind == tkWord && r.isPunct(k+1, "'", "’") && r.isWord(k+2, "s") &&
		r.glued(k+1) && r.glued(k+2) {
		return k + 3
	}
	return k
}

// ownerEnd returns the token after an English possessive of up to three capitalised words
// starting at token k ("Amazon’s", "Amazon Web Services's"), or k.
func (r *run) ownerEnd(k int) int {
	if j := r.afterNames(k); j > k {
		if p := r.possessiveEnd(j - 1); p > j-1 {
			return p
		}
	}
	return k
}

// afterNames returns the token after up to three capitalised words starting at token k, or k.
func (r *run) afterNames(k int) int {
	j := k
	for j < len(r.toks) && j < k+3 && r.toks[j].kind == tkWord && r.toks[j].upper {
		j++
	}
	if j > k && r.openQuote(j) {
		j++ // "5,400 Nvidia “superchips”"
	}
	return j
}

// openQuote reports an opening quotation mark at token k before a word: "“superchips”", "«
// gigafactories »".
func (r *run) openQuote(k int) bool {
	if k+1 >= len(r.toks) || r.toks[k+1].kind != tkWord {
		return false
	}
	return r.isPunct(k, "“", "\"") && r.glued(k+1) || r.isPunct(k, "«") && r.toks[k+1].sp != spOther
}

// compoundHead moves to the last noun of an English compound when it is plural: "data center
// GPUs" counts GPUs, but "a 30 billion parameter model" counts parameters and "companies bid"
// has a verb after the noun.
func (r *run) compoundHead(u unit, modifier bool) unit {
	if modifier || u.kind != ukCount || r.lang != "en" || u.j >= len(r.toks) || r.toks[u.j].sp != spSingle {
		return u
	}
	if next, ok := r.phraseAt(u.j); ok && next.kind == ukCount && strings.HasSuffix(r.lower(next.j-1), "s") {
		return next
	}
	return u
}

// phraseAt returns the longest lexicon phrase starting at token k.
func (r *run) phraseAt(k int) (unit, bool) {
	if k >= len(r.toks) || r.toks[k].sp == spOther {
		return unit{}, false
	}
	p, l := r.e.lexicon.longest(r.key, r.toks[k:])
	if l == 0 {
		return unit{}, false
	}
	if l == 1 && p.canon == "times" && r.toks[k].kind != tkWord && r.toks[k].sp != spNone || l == 1 && r.isWord(k, "x") && r.toks[k].sp != spNone {
		return unit{}, false // "4x" and "4×" are ratios, "4 x 100" is not
	}
	if l == 1 && r.lang == "en" && r.isWord(k, "an") {
		return unit{}, false // the English article, not the French year: "in 2024 filed an application"
	}
	if p.canon == "GBP" && r.isWord(k, "pound", "pounds") && r.isWord(k+l, "of") && !moneyAfterOf[r.lower(k+l+1)] {
		// "26.5 million pounds of structural steel" weighs it; "millions of pounds of
		// investment" and "£5 million" pay.
		return unit{kind: ukUnit, canon: "lb", j: k + l}, true
	}
	return unit{kind: p.kind, canon: p.canon, cents: p.cents, cues: p.cues, j: k + l}, true
}

// moneyAfterOf are the words after "pounds of" that make the pounds money.
var moneyAfterOf = wordSet(`investment investments funding money cash public taxpayers spending savings debt aid
	support revenue revenues profit profits subsidies contracts sales`)

// afterAdjectives finds a counted noun after modifiers: a noun of the lexicon after up to
// maxModifiers words ("two pressurised water reactors", "EU member states"), model names
// ("100,000 H100 GPUs") or acronyms written with periods ("40 U.S. football fields"), or any
// noun after the closed class of adjectivesOnly ("two other centres", "20 autres tramways").
func (r *run) afterAdjectives(k int) (unit, bool) {
	a := k
	closed := true // every modifier so far is one of adjectivesOnly
	for range maxModifiers {
		if a > k && r.isWord(a, "and", "or") && r.adjectiveLike(a+1) {
			a++ // coordinated modifiers: "5,600 direct and indirect jobs"
		}
		next := r.modelName(a)
		if e := r.acronymEnd(a); e > a {
			next = e // "40 U.S. football fields"
		}
		if e := r.sizeModifierEnd(a); e > a {
			next = e // "100,000 12-inch wafers"
		}
		if next == a {
			if !r.adjectiveLike(a) || r.lang == "en" && r.pluralNoun(a) && !adjectivesOnly[r.lower(a)] {
				return unit{}, false // English modifiers are singular: "20,000 units next year" counts units
			}
			closed = closed && (adjectivesOnly[r.lower(a)] || r.participle(a))
			next = a + 1
			if r.isPunct(next, ",") && next+1 < len(r.toks) && (r.toks[a].hyphen && r.toks[next+1].hyphen ||
				r.lang == "en" && r.adjectiveLike(next+1) && !r.pluralNoun(next+1)) {
				next++ // a list of adjectives: "1,000 high-paying, high-tech jobs", "6,800 permanent, ongoing jobs"
			}
		} else {
			closed = false
		}
		if next >= len(r.toks) {
			return unit{}, false
		}
		if u, ok := r.phraseAt(next); ok && u.kind == ukCount {
			if durations[u.canon] && r.isWord(next-1, "last", "next", "past", "this", "coming", "previous") {
				return unit{}, false // "from 10 to 12 last year" dates the 12, it does not count years
			}
			return r.compoundHead(u, false), true
		}
		if closed {
			if u := r.fallback(next); u.kind != ukNone {
				return u, true
			}
		}
		a = next
	}
	return unit{}, false
}

// participle reports an English past participle modifying the noun after it: "six planned
// buildings", "three proposed sites".
func (r *run) participle(k int) bool {
	w := r.lower(k)
	return r.lang == "en" && len(w) > 4 && strings.HasSuffix(w, "ed") && !r.toks[k].upper
}

// pluralNoun reports an English plural noun at token k: "units", "campuses", not "mass".
func (r *run) pluralNoun(k int) bool {
	w := r.lower(k)
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && r.nounLike(k)
}

// maxModifiers bounds the words between a number and its noun: "two General Electric boiling
// water reactors" has four.
const maxModifiers = 4

// modelName returns the token after a product name that starts at k, letters and digits glued
// together ("H100", "MI300X") or a name and its generation's digit ("Trainium 2"), or k when
// there is none.
func (r *run) modelName(k int) int {
	if k+2 < len(r.toks) && r.toks[k].kind == tkWord && r.toks[k].upper && r.toks[k+1].kind == tkNum && r.toks[k+1].sp == spSingle &&
		r.toks[k+1].end-r.toks[k+1].start == 1 && r.toks[k+2].kind == tkWord && r.scaleAt(k+2, nil) == 0 {
		return k + 2 // a generation numbered apart: "Trainium 2", "Gaudi 3"
	}
	if k+1 >= len(r.toks) || r.toks[k].kind != tkWord || r.toks[k+1].kind != tkNum || r.toks[k+1].sp != spNone {
		return k
	}
	j := k + 2
	for j < len(r.toks) && r.toks[j].sp == spNone && r.toks[j].kind != tkPunct {
		j++
	}
	return j
}

// adjectiveLike reports a content word that may stand between a number and a known noun:
// "nouvelles", "latest-generation", "EU", "European".
func (r *run) adjectiveLike(k int) bool {
	if k >= len(r.toks) || r.toks[k].kind != tkWord || r.toks[k].sp == spOther {
		return false
	}
	w := r.lower(k)
	return adjectivesOnly[w] || !stopwordsFR[w] && !stopwordsEN[w] && !notNouns[w] && utf8.RuneCountInString(w) > 1
}

// fallback takes the lower-cased noun at token k when the lexicon does not know it. In English
// the head comes last: "20 new hires" gives "hires".
func (r *run) fallback(k int) unit {
	if !r.nounLike(k) || r.verbLike(k) || r.lang == "en" && strings.HasSuffix(r.lower(k), "ly") && r.participle(k+1) {
		return unit{} // nor an adverb before a participle: "0.1235 newly issued shares"
	}
	head := k
	if r.lang == "en" {
		// The head is the last plural of a short compound: "three consecutive heartbeat
		// failures", "10 new natural-gas plants" (a singular may end in "s").
		for h := k; h < k+3 && r.nounLike(h); h++ {
			if w := r.lower(h); w[len(w)-1] == 's' {
				head = h
			}
		}
	}
	return unit{kind: ukFallback, canon: r.lower(head), j: head + 1}
}

// demonymPlural reports a capitalised plural of the people of a place, counted as people are:
// "300,000 Australians", "30 000 Australiens", "2 000 Canadiennes".
func demonymPlural(w string) bool {
	return endsWith(w, 3, "ians", "iens", "iennes", "eans", "éens", "éennes")
}

// acronymPlural reports an acronym in the plural, a noun however capitalised: "seven SMRs",
// "11 PPAs", "300 EVs".
func acronymPlural(w string) bool {
	n := len(w) - 1
	if n < 2 || w[n] != 's' {
		return false
	}
	for i := range n {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// pluralForm reports a noun in the plural, as numbers above one take it: "bâtiments", "taux",
// "failures", "children". A singular after "two" is an adjective or a name: "two different".
func pluralForm(w string) bool {
	switch w[len(w)-1] {
	case 's', 'x', 'z':
		return true
	}
	return irregularPlurals[w]
}

// measureAdjectives end compounds that measure rather than count: "a 100-strong team".
var measureAdjectives = wordSet("strong long old wide high deep tall odd plus")

var irregularPlurals = wordSet("children men women feet teeth mice geese sheep fish aircraft staff personnel data media criteria cattle police")

// verbLike reports a word that reads as a verb after a number: French third person plurals
// ("1 000 travaillent") and English past forms ("20 joined"). Plural nouns end otherwise
// ("agents", "beds").
func (r *run) verbLike(k int) bool {
	w := r.lower(k)
	switch r.lang {
	case "fr":
		return strings.HasSuffix(w, "ent")
	case "en":
		return strings.HasSuffix(w, "ed")
	}
	return false
}

// nounLike reports a lower-case word that may be what a number counts.
func (r *run) nounLike(k int) bool {
	if k >= len(r.toks) || r.toks[k].kind != tkWord || r.toks[k].upper && !acronymPlural(r.str(k)) && !demonymPlural(r.str(k)) || r.toks[k].sp == spOther {
		return false
	}
	w := r.lower(k)
	if utf8.RuneCountInString(w) < 3 || stopwordsFR[w] || stopwordsEN[w] || notNouns[w] || adjectivesOnly[w] || months[w] {
		return false
	}
	if _, ok := numberWords[w]; ok {
		return false
	}
	if _, ok := scales[w]; ok {
		return false
	}
	if _, ok := vagueHeads[w]; ok {
		return false
	}
	// Nouns are letters and hyphens: "giga-usines", not "v2".
	for _, c := range w {
		if !unicode.IsLetter(c) && c != '-' {
			return false
		}
	}
	return true
}
