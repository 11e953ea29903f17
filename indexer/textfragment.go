package indexer

import (
	"strings"
)

// Text fragments longer than fragmentMaxWords words are linked by their first and last
// fragmentEdgeWords words (textStart,textEnd), which keeps links short and still matches when the
// page's middle differs slightly from the extracted sentence.
const (
	fragmentMaxWords  = 12
	fragmentEdgeWords = 5
)

// TextFragmentLink returns pageURL with a text fragment (#:~:text=…) that makes browsers scroll
// to and highlight sentence. It returns pageURL unchanged when the sentence is blank.
func TextFragmentLink(pageURL, sentence string) string {
	words := strings.Fields(sentence)
	if len(words) == 0 || pageURL == "" {
		return pageURL
	}
	var directive string
	if len(words) <= fragmentMaxWords {
		directive = encodeFragmentText(strings.Join(words, " "))
	} else {
		directive = encodeFragmentText(strings.Join(words[:fragmentEdgeWords], " ")) + "," +
			encodeFragmentText(strings.Join(words[len(words)-fragmentEdgeWords:], " "))
	}
	sep := "#:~:text="
	if i := strings.IndexByte(pageURL, '#'); i >= 0 {
		// An existing fragment stays; a previous directive is replaced.
		if j := strings.Index(pageURL[i:], ":~:"); j >= 0 {
			pageURL = pageURL[:i+j]
		}
		sep = ":~:text="
	}
	return pageURL + sep + directive
}

// encodeFragmentText percent-encodes s for a text directive: everything but unreserved ASCII, so
// that the directive's own syntax characters ("-", "&", ",") and non-ASCII letters are escaped.
func encodeFragmentText(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
