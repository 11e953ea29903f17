package crawler

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TopicRules decide whether an article is on topic: its title and text must contain at least
// MinMatches occurrences of the Include keywords or phrases. Matching ignores case, accents
// and punctuation, works on whole words and accepts a plural "s" or "x" on each word. An empty
// Include list accepts every article.
type TopicRules struct {
	Include    []string `yaml:"include"`
	MinMatches int      `yaml:"min_matches"`
}

// DefaultTopics returns the AI infrastructure rules in French and English.
func DefaultTopics() TopicRules {
	return TopicRules{
		MinMatches: 2,
		Include: []string{
			// English
			"data center", "data centre", "datacenter", "datacentre", "hyperscaler",
			"chip", "microchip", "semiconductor", "GPU", "TPU", "AI accelerator", "foundry",
			"gigafactory", "gigafactories", "AI factory", "AI factories", "supercomputer",
			"exascale", "compute", "computing power", "InvestAI", "AI investment",
			"AI infrastructure", "AI gigafactory", "AI gigafactories", "Nvidia", "TSMC",
			"cloud capacity", "Stargate",
			// French
			"centre de données", "centres de données", "centre de donnees", "puce",
			"semi-conducteur", "semiconducteur", "processeur graphique", "fonderie",
			"giga-usine", "gigausine", "gigafabrique", "usine d'IA", "usines d'IA", "supercalculateur",
			"puissance de calcul", "capacité de calcul", "infrastructure d'IA",
			"infrastructures d'IA", "investissement dans l'IA", "investissements dans l'IA",
			"cloud souverain",
		},
	}
}

// topicMatcher is the compiled form of TopicRules; it is immutable once built.
type topicMatcher struct {
	// byFirst maps a phrase's first word to the phrases starting with it.
	byFirst    map[string][][]string
	minMatches int
}

func newTopicMatcher(r TopicRules) *topicMatcher {
	if len(r.Include) == 0 {
		return nil
	}
	m := &topicMatcher{byFirst: make(map[string][][]string), minMatches: max(r.MinMatches, 1)}
	for _, kw := range r.Include {
		words := normalizeWords(kw)
		if len(words) == 0 {
			continue
		}
		for i, w := range words {
			words[i] = singular(w)
		}
		m.byFirst[words[0]] = append(m.byFirst[words[0]], words)
	}
	return m
}

// matches reports whether text is on topic and how many keyword occurrences it holds; it stops
// counting once the threshold is reached. A nil matcher accepts everything.
func (m *topicMatcher) matches(texts ...string) (bool, int) {
	if m == nil {
		return true, 0
	}
	n := 0
	for _, t := range texts {
		words := normalizeWords(t)
		for i, w := range words {
			for _, phrase := range m.byFirst[singular(w)] {
				if phraseAt(words[i:], phrase) {
					n++
					if n >= m.minMatches {
						return true, n
					}
					break
				}
			}
		}
	}
	return false, n
}

func phraseAt(words, phrase []string) bool {
	if len(words) < len(phrase) {
		return false
	}
	for j, p := range phrase {
		if singular(words[j]) != p {
			return false
		}
	}
	return true
}

// singular drops one plural ending so that "puces" and "GPUs" match "puce" and "GPU". Keywords
// go through the same function, so both sides agree.
func singular(w string) string {
	if len(w) > 3 && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) {
		return w[:len(w)-1]
	}
	return w
}

// normalizeWords lower-cases s, strips accents and splits it on anything that is not a letter
// or a digit.
func normalizeWords(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped so that "données" and "donnees" agree
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return words
}
