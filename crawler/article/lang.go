package article

import (
	"strings"
	"unicode"
)

// Function words that are frequent in one language and rare in the other. Words shared by both
// ("a", "on", "plus", "de" in names) are left out so that quotes and proper nouns weigh little.
var (
	frenchStopwords = wordSet(`le la les un une des du au aux et est sont dans pour par sur avec
		qui que qu ne pas plus ce cette ces son sa ses leur leurs nous vous ils elles été être avoir
		fait mais ou où comme aussi selon entre après avant depuis sans sous très dont cela lui
		elle il se d l j c s n m y déjà encore même tous toutes tout toute milliards millions
		année ans lors chez vers`)
	englishStopwords = wordSet(`the and of to is are was were in for with that this these those
		by from at it its be been has have had will would which who what when where not but or
		as an than their they them he she his her we our you your more most also said says
		billion million year years into about over after before between while such can could`)
)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// minLangEvidence is how many stopwords the text needs before its detected language overrides
// the declared one; short texts keep what the page says.
const minLangEvidence = 8

// wordsPerStopword is how many words a French or English text has at most for each of its
// stopwords: about one in three is one in news, where Spanish, Portuguese or German text
// shares one in eight or fewer with the lists ("la", "que", "in"). A sparser text is in
// another language, which the page's declaration or trafilatura's guess then names.
const wordsPerStopword = 5

// detectLanguage tells French from English by counting stopwords. It returns "" when the text is
// too short, in another language, or neither clearly dominates.
func detectLanguage(text string) string {
	var fr, en, words int
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r)
	}) {
		words++
		if frenchStopwords[w] {
			fr++
		}
		if englishStopwords[w] {
			en++
		}
	}
	switch {
	case fr+en < minLangEvidence, (fr+en)*wordsPerStopword < words:
		return ""
	case fr >= 2*en:
		return "fr"
	case en >= 2*fr:
		return "en"
	}
	return ""
}

// normalizeLang turns "fr-FR", "fr_CA", "EN-us" into an ISO 639-1 code, or "" for junk.
func normalizeLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}

// chooseLang prefers the text's own language over declarations, which are often template
// defaults (an English CMS publishing French articles), and falls back to the first declaration.
func chooseLang(text string, declared ...string) string {
	if d := detectLanguage(text); d != "" {
		return d
	}
	for _, l := range declared {
		if n := normalizeLang(l); n != "" {
			return n
		}
	}
	return ""
}
