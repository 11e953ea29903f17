package indexer

import (
	_ "embed"
	"fmt"
	"os"
	"slices"

	"go.yaml.in/yaml/v3"
)

//go:embed glossary.yaml
var embeddedGlossary []byte

// glossaryEntry is one entry of glossary.yaml: words and phrases that name the same thing.
type glossaryEntry struct {
	EN []string `yaml:"en"`
	FR []string `yaml:"fr"`
}

// glossaryTerm is a translation or synonym offered for a query term.
type glossaryTerm struct {
	Text string
	// Field is the sentence field of the term's language, where its stemmed form is indexed.
	Field string
}

// Glossary expands query terms with their translations and synonyms. It is immutable once
// loaded.
type Glossary struct {
	entries [][]glossaryTerm
	// byKey maps the analysed form of a term ("sentence_en:propos") to the entries holding it.
	byKey map[string][]int
}

// parseGlossary reads glossary YAML into entries.
func parseGlossary(data []byte) ([]glossaryEntry, error) {
	var es []glossaryEntry
	if err := yaml.Unmarshal(data, &es); err != nil {
		return nil, fmt.Errorf("indexer: glossary: %w", err)
	}
	return es, nil
}

// loadGlossary builds the glossary from the embedded file plus the optional user file.
func loadGlossary(ta *textAnalysis, userFile string) (*Glossary, error) {
	es, err := parseGlossary(embeddedGlossary)
	if err != nil {
		return nil, err
	}
	if userFile != "" {
		data, err := os.ReadFile(userFile)
		if err != nil {
			return nil, fmt.Errorf("indexer: glossary: %w", err)
		}
		more, err := parseGlossary(data)
		if err != nil {
			return nil, fmt.Errorf("%w (in %s)", err, userFile)
		}
		es = append(es, more...)
	}
	g := &Glossary{byKey: make(map[string][]int)}
	for _, e := range es {
		var terms []glossaryTerm
		for _, t := range e.EN {
			terms = append(terms, glossaryTerm{Text: t, Field: fieldSentenceEN})
		}
		for _, t := range e.FR {
			terms = append(terms, glossaryTerm{Text: t, Field: fieldSentenceFR})
		}
		if len(terms) < 2 {
			continue
		}
		n := len(g.entries)
		g.entries = append(g.entries, terms)
		for _, t := range terms {
			for _, f := range sentenceFields {
				k := glossaryKey(ta, f, t.Text)
				if k != "" && !slices.Contains(g.byKey[k], n) {
					g.byKey[k] = append(g.byKey[k], n)
				}
			}
		}
	}
	return g, nil
}

// glossaryKey is the lookup key of text as analysed for field; empty when nothing is left (stop
// words).
func glossaryKey(ta *textAnalysis, field, text string) string {
	t := ta.terms(field, text)
	if t == "" {
		return ""
	}
	return field + ":" + t
}

// expand returns the other terms of every entry text belongs to, whatever the language of text.
func (g *Glossary) expand(ta *textAnalysis, text string) []glossaryTerm {
	var hit []int
	for _, f := range sentenceFields {
		for _, n := range g.byKey[glossaryKey(ta, f, text)] {
			if !slices.Contains(hit, n) {
				hit = append(hit, n)
			}
		}
	}
	if len(hit) == 0 {
		return nil
	}
	own := make(map[string]bool, len(sentenceFields))
	for _, f := range sentenceFields {
		own[glossaryKey(ta, f, text)] = true
	}
	var out []glossaryTerm
	for _, n := range hit {
		for _, t := range g.entries[n] {
			if own[glossaryKey(ta, t.Field, t.Text)] || slices.Contains(out, t) {
				continue
			}
			out = append(out, t)
		}
	}
	return out
}
