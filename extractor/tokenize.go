package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind tells words, digit runs and single punctuation runes apart.
type tokKind uint8

const (
	tkWord  tokKind = iota // letters, with inner hyphens ("giga-usines", "quatre-vingt-dix")
	tkNum                  // ASCII digits only; separators are separate tokens
	tkPunct                // one rune: . , % € $ ' ’ ( ) + - …
)

// Whitespace before a token: number grouping only crosses a single space-like rune.
const (
	spNone   uint8 = iota
	spSingle       // exactly one space, NBSP, narrow NBSP, thin or figure space
	spOther        // several spaces, tabs
)

// token is a slice of the input by byte offsets; text is never copied.
type token struct {
	start, end int
	kind       tokKind
	sp         uint8
	upper      bool  // the first rune is upper case, or a brand's capitals follow it (camelName)
	hyphen     bool  // a word with inner hyphens
	flags      uint8 // word flags (see wordFlags), set by run.sentence
	lo, hi     int32 // the token's bytes in run.key, set by run.sentence
}

// maxSentence bounds a sentence so that memory stays flat on text without punctuation.
const maxSentence = 4096

// isGroupSpace reports the runes that may separate thousands ("100 000").
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007'
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\v' || r == '\f' ||
		r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007' || r == '\u2002' ||
		r == '\u2003' || r == '\u200b' || r == '\u3000'
}

// isWordRune is small enough to inline, for the ASCII letters of the tokenizer's inner loop.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		lc := r | 0x20 // lower case for ASCII letters
		return 'a' <= lc && lc <= 'z'
	}
	return isWordRuneNonASCII(r)
}

func isWordRuneNonASCII(r rune) bool {
	return unicode.IsLetter(r) || r == '²' || r == '³'
}

// localPart reports a token an e-mail address's local part may hold: words, digits and the
// dots, hyphens, underscores and plus signs between them.
func localPart(tok string) bool {
	return tok != "" && !strings.ContainsFunc(tok, func(r rune) bool {
		return !isWordRune(r) && !('0' <= r && r <= '9') && !strings.ContainsRune(".-_+", r)
	})
}

// tokenize appends the tokens of text[start:end] to toks. URLs and e-mail addresses are
// skipped whole because their digits are never quantities.
func tokenize(toks []token, text string, start, end int) []token {
	var sp uint8
	spaces := 0
	i := start
	for i < end {
		c := text[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:end])
		}
		switch {
		case c == ' ' || c >= utf8.RuneSelf && isSpace(r) || c < ' ' && isSpace(r):
			spaces++
			if spaces == 1 && isGroupSpace(r) {
				sp = spSingle
			} else {
				sp = spOther
			}
			i += size
			continue
		case c >= '0' && c <= '9':
			j := i + 1
			for j < end && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			toks = append(toks, token{start: i, end: j, kind: tkNum, sp: sp})
			i = j
		case isWordRune(r):
			if skip := urlLength(text[i:end]); skip > 0 {
				i += skip
				break
			}
			j := i + size
			hyphen := false
			for j < end {
				if b := text[j] | 0x20; 'a' <= b && b <= 'z' {
					j++ // ASCII letters, the common case
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(text[j:end])
				if isWordRune(r2) {
					j += s2
					continue
				}
				// Inner hyphens join letters: "giga-usines", "vingt-deux", "latest-generation";
				// not after a single letter, so "70B-parameter" keeps its scale apart, nor after a
				// scale word: "an 11.7 billion-euro valuation", "$10 billion-plus".
				if (r2 == '-' || r2 == '\u2011') && j+s2 < end && utf8.RuneCountInString(text[i:j]) > 1 && !spelledScale(text[i:j]) {
					if r3, _ := utf8.DecodeRuneInString(text[j+s2 : end]); isWordRune(r3) {
						j += s2
						hyphen = true
						continue
					}
				}
				break
			}
			upper := 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && unicode.IsUpper(r) || camelName(text[i:j])
			toks = append(toks, token{start: i, end: j, kind: tkWord, sp: sp, upper: upper, hyphen: hyphen})
			i = j
		default:
			if r == '@' {
				// Drop the e-mail address around '@': back over the local part already tokenized,
				// its first word too, so that no span of words reaches into the address.
				for at := i; len(toks) > 0 && toks[len(toks)-1].end == at && localPart(text[toks[len(toks)-1].start:at]); {
					at = toks[len(toks)-1].start
					toks = toks[:len(toks)-1]
				}
				j := i + 1
				for j < end && text[j] > ' ' && text[j] < utf8.RuneSelf {
					j++
				}
				i = j
				break
			}
			toks = append(toks, token{start: i, end: i + size, kind: tkPunct, sp: sp})
			i += size
		}
		sp, spaces = spNone, 0
	}
	return toks
}

// urlLength returns the byte length of a URL starting s, or 0. The first test inlines: most
// words start with another letter.
func urlLength(s string) int {
	if c := s[0] | 0x20; c != 'h' && c != 'w' {
		return 0
	}
	return urlTail(s)
}

func urlTail(s string) int {
	if !hasPrefixFold(s, "http://") && !hasPrefixFold(s, "https://") && !hasPrefixFold(s, "www.") {
		return 0
	}
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if isSpace(r) {
			break
		}
		n += size
	}
	return n
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// abbreviations end with a period that does not end a sentence (compared lower-cased).
var abbreviations = map[string]bool{
	"m": true, "mm": true, "mme": true, "mmes": true, "mlle": true, "dr": true, "pr": true,
	"mr": true, "mrs": true, "ms": true, "prof": true, "st": true, "ste": true, "jr": true,
	"sr": true, "inc": true, "corp": true, "ltd": true, "co": true, "vs": true, "cf": true,
	"env": true, "etc": true, "av": true, "apr": true, "no": true, "nº": true, "art": true,
	"fig": true, "approx": true, "p": true, "pp": true, "vol": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "dept": true, "est": true, "min": true, "max": true, "mt": true,
	"jan": true, "feb": true, "fév": true, "mar": true, "aug": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "déc": true, "janv": true, "févr": true, "juil": true, "rs": true,
}

// enders are the bytes that may end a sentence: '.', '!', '?', newline and the lead byte of '…'.
var enders = [256]bool{'.': true, '!': true, '?': true, '\n': true, 0xE2: true}

// sentenceEnd returns the end (exclusive) of the sentence starting at from. Newlines always end
// a sentence; '.', '!', '?' and '…' end one when followed by a space and an upper-case letter,
// a digit or a quote, except after abbreviations ("M. Breton", "U.S.") and list markers ("1.").
func sentenceEnd(text string, from int) int {
	limit := min(len(text), from+maxSentence)
	for i := from; i < limit; i++ {
		// Jump to the next byte that may end a sentence.
		for i < limit && !enders[text[i]] {
			i++
		}
		if i == limit {
			break
		}
		c := text[i]
		switch c {
		case '\n':
			return i + 1
		case '.', '!', '?':
			if c == '.' && isAbbreviation(text, from, i) && !suffixEnds(text, from, i) {
				continue
			}
			if endsSentence(text, i+1) {
				return afterClosers(text, i+1)
			}
		case 0xE2: // '…' is E2 80 A6
			if i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0xA6 && endsSentence(text, i+3) {
				return afterClosers(text, i+3)
			}
		}
	}
	if limit == len(text) {
		return limit
	}
	// No boundary within maxSentence: cut at the last space so no word is split.
	for i := limit - 1; i > from; i-- {
		if text[i] == ' ' {
			return i + 1
		}
	}
	for limit > from && !utf8.RuneStart(text[limit]) {
		limit--
	}
	if limit == from {
		_, size := utf8.DecodeRuneInString(text[from:])
		return from + size
	}
	return limit
}

// afterClosers returns where the closing quotes and brackets at i end: they belong to the
// sentence they close, French guillemets after their space too ("cost?’ The answer",
// "milliards. » Le groupe").
func afterClosers(text string, i int) int {
	for i < len(text) {
		if text[i] == '"' || text[i] == ')' || text[i] == '\'' {
			i++
			continue
		}
		if q := closingQuote(text[i:]); q > 0 {
			i += q
			continue
		}
		if r, size := utf8.DecodeRuneInString(text[i:]); isSpace(r) && r != '\n' && strings.HasPrefix(text[i+size:], "»") {
			i += size + len("»")
			continue
		}
		return i
	}
	return i
}

// closingQuote returns the length of the closing quote opening text (’, ”, »), or 0.
func closingQuote(text string) int {
	for _, q := range [...]string{"’", "”", "»"} {
		if strings.HasPrefix(text, q) {
			return len(q)
		}
	}
	return 0
}

// endsSentence looks at what follows a terminator at i.
func endsSentence(text string, i int) bool {
	i = afterClosers(text, i)
	if i >= len(text) {
		return true
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if !isSpace(r) {
		return false
	}
	i += size
	for i < len(text) {
		r, size = utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			break
		}
		if r == '\n' {
			return true
		}
		i += size
	}
	if i >= len(text) {
		return true
	}
	return !unicode.IsLower(r)
}

// corporateSuffixes end a company's name, and often its sentence: "…including Toyota Motor Corp.
// and Sony Group Corp. It is expected to cost…".
var corporateSuffixes = map[string]bool{"inc": true, "corp": true, "ltd": true, "co": true}

// sentenceOpeners are the capitalised words that open a sentence and never continue a name.
var sentenceOpeners = map[string]bool{
	"it": true, "its": true, "the": true, "this": true, "these": true, "they": true, "their": true, "he": true,
	"she": true, "we": true, "il": true, "elle": true, "ils": true, "elles": true, "le": true, "la": true,
	"les": true, "ce": true, "cette": true, "ces": true, "son": true, "sa": true, "ses": true,
}

// suffixEnds reports a corporate suffix's period at dot followed by a word opening a sentence: the
// period ends the name and the sentence.
func suffixEnds(text string, from, dot int) bool {
	word, ok := wordBeforeDot(text, from, dot)
	var buf [8]byte
	if !ok || !corporateSuffixes[string(appendLower(buf[:0], word))] || !strings.HasPrefix(text[dot+1:], " ") {
		return false
	}
	next := strings.TrimLeft(text[dot+1:], " ")
	end := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(next)
	}
	w := next[:end]
	return w != "" && unicode.IsUpper(rune(w[0])) && sentenceOpeners[strings.ToLower(w)]
}

// wordBeforeDot returns the word the period at dot ends, read back no further than from, or
// false when it is longer than any abbreviation and than one rune: reading back stops there.
func wordBeforeDot(text string, from, dot int) (string, bool) {
	ws := dot
	for ws > from {
		if dot-ws > 6 {
			return "", false
		}
		r, size := utf8.DecodeLastRuneInString(text[from:ws])
		if !isWordRune(r) {
			break
		}
		ws -= size
	}
	return text[ws:dot], true
}

// isAbbreviation reports whether the period at dot closes an abbreviation or a list marker.
func isAbbreviation(text string, from, dot int) bool {
	word, ok := wordBeforeDot(text, from, dot)
	if !ok {
		return false
	}
	if word == "" {
		// "1." at the start of a line is a list marker.
		ds := dot
		for ds > from && text[ds-1] >= '0' && text[ds-1] <= '9' {
			ds--
		}
		if ds == dot || dot-ds > 3 {
			return false
		}
		return strings.TrimSpace(text[from:ds]) == ""
	}
	if utf8.RuneCountInString(word) == 1 {
		return true // initials and "U.S.", "a.m."
	}
	if len(word) > 6 {
		return false
	}
	var buf [8]byte
	return abbreviations[string(appendLower(buf[:0], word))]
}

// appendLower appends the lower-cased s, with ’ folded to ' so both apostrophes compare equal.
func appendLower(dst []byte, s string) []byte {
	// Most tokens are ASCII: copy s at once and fold its capitals in place.
	n := len(dst)
	dst = append(dst, s...)
	for k := n; k < len(dst); k++ {
		c := dst[k]
		if c >= utf8.RuneSelf {
			return appendLowerRunes(dst[:k], s[k-n:])
		}
		if 'A' <= c && c <= 'Z' {
			dst[k] = c + 'a' - 'A'
		}
	}
	return dst
}

// appendLowerRunes is appendLower for text that is not only ASCII.
func appendLowerRunes(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '’', '‘', 'ʼ':
			dst = append(dst, '\'')
		case '\u00a0', '\u202f', '\u2009', '\u2007':
			dst = append(dst, ' ')
		case '\u2011', '‐':
			dst = append(dst, '-')
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	return dst
}

// camelName reports a name written with a lower-case first letter and capitals after it, as
// brands are ("xAI", "iOS"); not a unit with one capital ("kWh", "mAh").
func camelName(w string) bool {
	if len(w) < 3 || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	caps := 0
	for i := 1; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			caps++
		}
	}
	return caps >= 2
}
