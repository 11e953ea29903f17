package indexer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/mapping"
)

// textAnalysis gives the index's analyzers to the code that must see text as the index sees it:
// translation lookups and highlighting.
type textAnalysis struct {
	folder analysis.CharFilter
	// byField maps each sentence field to its analyzer.
	byField map[string]analysis.Analyzer
}

func newTextAnalysis(m mapping.IndexMapping) (*textAnalysis, error) {
	ta := &textAnalysis{
		folder:  asciifolding.New(),
		byField: make(map[string]analysis.Analyzer, len(sentenceFields)),
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
	return strings.Join(ta.termList(field, text), " ")
}

// termList returns the terms the analyzer of field makes of text.
func (ta *textAnalysis) termList(field, text string) []string {
	toks := ta.byField[field].Analyze([]byte(text))
	terms := make([]string, 0, len(toks))
	for _, t := range toks {
		terms = append(terms, string(t.Term))
	}
	return terms
}

// fold folds text as the analyzers' first step does, and maps every byte offset of the result
// (and its end) back to the offset in text it comes from, so that tokens of the folded text can
// be marked in the original.
func (ta *textAnalysis) fold(text string) ([]byte, []int) {
	out := make([]byte, 0, len(text))
	at := make([]int, 0, len(text)+1)
	for i, r := range text {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
			at = append(at, i)
			continue
		}
		f := ta.folder.Filter([]byte(string(r)))
		out = append(out, f...)
		for range f {
			at = append(at, i)
		}
	}
	return out, append(at, len(text))
}
