package extractor

import (
	"unicode/utf8"
)

// detectWindow bounds the bytes DetectLanguage reads: the start of a text tells its language
// as well as the whole, and the cost stays flat for long texts.
const detectWindow = 64 << 10

// DetectLanguage returns "fr" or "en" by counting French and English function words; a text
// with no signal at all is taken as English.
func DetectLanguage(text string) string {
	if len(text) > detectWindow {
		cut := detectWindow
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	fr, en := 0, 0
	var buf []byte
	toks := tokenize(nil, text, 0, len(text))
	for _, t := range toks {
		if t.kind != tkWord {
			continue
		}
		buf = appendLower(buf[:0], text[t.start:t.end])
		f := wordFlags[string(buf)]
		fr += langFR(string(buf), f, t.upper)
		if f&flagStopEN != 0 {
			en++
		}
	}
	if fr > en {
		return "fr"
	}
	return "en"
}

// frOnly are French words that are no function words but never English: they settle short
// sentences such as table rows ("5 milliards €").
var frOnly = wordSet(`milliard milliards mds environ mondial mondiale près jusqu quelque
	nonante septante soixante quatre-vingt quatre-vingts vingt trente quarante cinquante cent mille`)

// Word flags, looked up once per word of every sentence.
const (
	flagStopFR uint8 = 1 << iota
	flagStopEN
	flagFROnly
	flagNumber  // a number word
	flagVague   // a vague head: "milliers", "thousands"
	flagStarter // may start a number without being one: "des", "plusieurs", "half"
	flagSubject // starts a glossary subject term (set per Extractor)
	flagRatio   // a ratio verb, a number by itself: "doubled", "tripler"
)

// flagCandidate marks the words at which a number may start.
const flagCandidate = flagNumber | flagVague | flagStarter | flagRatio

var wordFlags = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range stopwordsFR {
		m[w] |= flagStopFR
	}
	for w := range stopwordsEN {
		m[w] |= flagStopEN
	}
	for w := range frOnly {
		m[w] |= flagFROnly
	}
	for w := range numberWords {
		m[w] |= flagNumber
		if _, ok := foldTimes(w + "fold"); ok {
			m[w+"fold"] |= flagNumber // "tenfold"; "ten-fold" is a hyphenated number word
		}
	}
	for w := range vagueHeads {
		m[w] |= flagVague
	}
	for w := range vagueStarters {
		m[w] |= flagStarter
	}
	m["half"] |= flagStarter
	m["moitié"] |= flagStarter
	m["quarter"] |= flagStarter
	for w := range ratioVerbs {
		m[w] |= flagRatio
	}
	return m
}()

// langFR is the French weight of a word with flags f: function words, French-only words and
// words with accents (Latin-1 letters and œ: lead bytes C3 and C5, English has none), unless
// capitalised (upper): a name's accents say nothing of the sentence's language ("a data
// center in Strängnäs", "Nestlé's plant").
func langFR(w string, f uint8, upper bool) int {
	if f&(flagStopFR|flagFROnly) != 0 {
		return 1
	}
	if upper {
		return 0
	}
	for i := 0; i < len(w); i++ { // words are short: a plain loop beats two IndexByte calls
		if w[i] == 0xC3 || w[i] == 0xC5 {
			return 1
		}
	}
	return 0
}
