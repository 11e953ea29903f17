package indexer

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// textAnalysis gives the index's analyzers to the code that must see text as the index sees it:
// glossary lookups and highlighting.
type textAnalysis struct {
	tokenizer analysis.Tokenizer
	// byField maps each sentence field to its analyzer.
	byField map[string]analysis.Analyzer
}

func newTextAnalysis(m mapping.IndexMapping) (*textAnalysis, error) {
	ta := &textAnalysis{
		tokenizer: unicode.NewUnicodeTokenizer(),
		byField:   make(map[string]analysis.Analyzer, len(sentenceFields)),
	}
	for _, f := range sentenceFields {
		name := m.AnalyzerNameForPath(f)
		a := m.AnalyzerNamed(name)
		if a == nil {
			return nil, fmt.Errorf("indexer: analyzer %q of field %s not found", name, f)
		}
		ta.byField[f] = a
	}
	return ta, nil
}

// terms returns the terms the analyzer of field makes of text, joined by spaces.
func (ta *textAnalysis) terms(field, text string) string {
	toks := ta.byField[field].Analyze([]byte(text))
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		parts = append(parts, string(t.Term))
	}
	return strings.Join(parts, " ")
}
