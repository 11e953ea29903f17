package extractor

import (
	"strings"
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
		f, e := langSignals(string(buf))
		fr += f
		en += e
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

// langSignals returns the French and English weight of a lower-cased word: function words, and
// for French also accented letters and French-only words.
func langSignals(w string) (fr, en int) {
	switch {
	case stopwordsFR[w], frOnly[w]:
		fr = 1
	case strings.ContainsAny(w, "éèêàçôûîœù"):
		fr = 1
	}
	if stopwordsEN[w] {
		en = 1
	}
	return fr, en
}
