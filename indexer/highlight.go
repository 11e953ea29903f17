package indexer

import (
	"html"
	"regexp"
	"slices"
	"strings"
)

// highlightSet remembers what a query looks for in sentences, as the index analysed it, so that
// matching words can be marked in a hit's sentence without storing term vectors on disk: each word
// of the sentence is analysed again and compared.
type highlightSet struct {
	// terms holds "field:term" for every analysed query term.
	terms    map[string]bool
	fuzzy    []fuzzyTerm
	patterns []fieldPattern
	// fields are those the query looks in: sentences are analysed for these only.
	fields map[string]bool
}

type fuzzyTerm struct {
	field, term string
	distance    int
}

type fieldPattern struct {
	field string
	re    *regexp.Regexp
}

func newHighlightSet() *highlightSet {
	return &highlightSet{terms: make(map[string]bool), fields: make(map[string]bool)}
}

func (h *highlightSet) addTerms(ta *textAnalysis, field, text string, fuzziness int) {
	a, ok := ta.byField[field]
	if !ok {
		return
	}
	h.fields[field] = true
	for _, tok := range a.Analyze([]byte(text)) {
		if fuzziness > 0 {
			h.fuzzy = append(h.fuzzy, fuzzyTerm{field: field, term: string(tok.Term), distance: fuzziness})
			continue
		}
		h.terms[field+":"+string(tok.Term)] = true
	}
}

// addPattern records a wildcard or regexp term; it matches whole terms, as in the index. Patterns
// that Go cannot compile are not highlighted.
func (h *highlightSet) addPattern(field, pattern string) {
	if re, err := regexp.Compile("^(?:" + pattern + ")$"); err == nil {
		h.patterns = append(h.patterns, fieldPattern{field: field, re: re})
		h.fields[field] = true
	}
}

func (h *highlightSet) empty() bool {
	return len(h.fields) == 0
}

// matches reports whether term, as analysed for field, is something the query looks for.
func (h *highlightSet) matches(field, term string) bool {
	if h.terms[field+":"+term] {
		return true
	}
	for _, f := range h.fuzzy {
		if f.field == field && withinDistance(f.term, term, f.distance) {
			return true
		}
	}
	for _, p := range h.patterns {
		if p.field == field && p.re.MatchString(term) {
			return true
		}
	}
	return false
}

// highlight returns sentence as HTML with the words the query matched in <mark>; "" when none
// matched. lang picks the language field the sentence was indexed in. The sentence is analysed
// once per field, as the index did, and matching terms are mapped back to the original text.
func (h *highlightSet) highlight(ta *textAnalysis, sentence, lang string) string {
	if h.empty() {
		return ""
	}
	f := fieldSentenceEN
	if lang == "fr" {
		f = fieldSentenceFR
	}
	if !h.fields[f] {
		return ""
	}
	folded, at := ta.fold(sentence)
	var spans [][2]int
	for _, tok := range ta.byField[f].Analyze(folded) {
		if h.matches(f, string(tok.Term)) {
			spans = append(spans, [2]int{at[tok.Start], at[tok.End]})
		}
	}
	if len(spans) == 0 {
		return ""
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	last := 0
	for i := 0; i < len(spans); i++ {
		start, end := spans[i][0], spans[i][1]
		for i+1 < len(spans) && spans[i+1][0] <= end {
			i++
			end = max(end, spans[i][1])
		}
		if start < last {
			continue
		}
		b.WriteString(html.EscapeString(sentence[last:start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(sentence[start:end]))
		b.WriteString("</mark>")
		last = end
	}
	b.WriteString(html.EscapeString(sentence[last:]))
	return b.String()
}

// withinDistance reports whether the Levenshtein distance between a and b is at most d.
func withinDistance(a, b string, d int) bool {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > d {
		return false
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		if slices.Min(cur) > d {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)] <= d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
