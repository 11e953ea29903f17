package web

import (
	"html"
	"html/template"
	"strings"

	"github.com/claimwire/claimwire"
)

// Mark kinds in a rendered sentence: words the query matched, and the quantity itself.
const (
	markHit = 1 << iota
	markQty
)

// highlightRanges reads the indexer's highlight (the sentence HTML-escaped, matched words in
// <mark>) back into byte ranges of sentence. The page never inserts that HTML as is: it only
// takes the positions, so whatever the field holds cannot inject markup. ok is false when the
// highlight is not a marked-up copy of sentence.
func highlightRanges(sentence, highlight string) (ranges [][2]int, ok bool) {
	const open, closing = "<mark>", "</mark>"
	var plain strings.Builder
	rest := highlight
	for rest != "" {
		i := strings.Index(rest, open)
		if i < 0 {
			plain.WriteString(html.UnescapeString(rest))
			break
		}
		plain.WriteString(html.UnescapeString(rest[:i]))
		rest = rest[i+len(open):]
		j := strings.Index(rest, closing)
		if j < 0 {
			return nil, false
		}
		start := plain.Len()
		plain.WriteString(html.UnescapeString(rest[:j]))
		ranges = append(ranges, [2]int{start, plain.Len()})
		rest = rest[j+len(closing):]
	}
	if plain.String() != sentence {
		return nil, false
	}
	return ranges, true
}

// markSentence renders sentence as escaped HTML with the query's matches (from highlight) in
// <mark class="hit"> and the quantity's surface in <mark class="qty">; a word that is both gets
// both classes.
func markSentence(sentence, highlight, surface string, surfaceOffset int) template.HTML {
	kinds := make([]uint8, len(sentence))
	if highlight != "" {
		if ranges, ok := highlightRanges(sentence, highlight); ok {
			for _, r := range ranges {
				for i := r[0]; i < r[1]; i++ {
					kinds[i] |= markHit
				}
			}
		}
	}
	if surface != "" {
		if i := claimwire.SurfaceAt(sentence, surface, surfaceOffset); i >= 0 {
			for j := i; j < i+len(surface); j++ {
				kinds[j] |= markQty
			}
		}
	}
	var b strings.Builder
	for start := 0; start < len(sentence); {
		end := start + 1
		for end < len(sentence) && kinds[end] == kinds[start] {
			end++
		}
		text := template.HTMLEscapeString(sentence[start:end])
		switch kinds[start] {
		case 0:
			b.WriteString(text)
		case markHit:
			b.WriteString(`<mark class="hit">` + text + `</mark>`)
		case markQty:
			b.WriteString(`<mark class="qty">` + text + `</mark>`)
		default:
			b.WriteString(`<mark class="hit qty">` + text + `</mark>`)
		}
		start = end
	}
	// Every byte of sentence went through HTMLEscapeString; the only markup is ours.
	return template.HTML(b.String())
}
