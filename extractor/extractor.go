package extractor

import (
	"bytes"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
)

// Options: LexiconFiles and GlossaryFiles are extra user files merged over the embedded defaults.
type Options struct {
	LexiconFiles, GlossaryFiles []string
	// Vague also reports amounts such as "des milliers" or "plusieurs milliards" (with Vague set).
	// They are off by default: they are orders of magnitude, not checkable figures.
	Vague bool
}

// Extractor finds quantities in text. It is immutable after New and safe for concurrent use.
type Extractor struct {
	lexicon  phraseTable[phrase]
	subjects phraseTable[string]
	measures []compiledRule
	vague    bool
	flags    map[string]uint8 // wordFlags plus flagSubject for this glossary
}

// New loads the embedded lexicon and glossary and merges the user files over them.
func New(opts Options) (*Extractor, error) {
	lex, err := loadLexicon(opts.LexiconFiles)
	if err != nil {
		return nil, err
	}
	subjects, measures, err := loadGlossary(opts.GlossaryFiles)
	if err != nil {
		return nil, err
	}
	flags := maps.Clone(wordFlags)
	for first := range subjects.first {
		flags[first] |= flagSubject
	}
	return &Extractor{lexicon: lex, subjects: subjects, measures: measures, vague: opts.Vague, flags: flags}, nil
}

// Extract returns the quantities of text in text order. lang is "fr" or "en" when the caller
// knows the language of the text, "" to detect it; each sentence is still checked on its own so
// that mixed texts work.
func (e *Extractor) Extract(text, lang string) []claimwire.Quantity {
	r := run{e: e, text: text, docLang: lang}
	if r.docLang != "fr" && r.docLang != "en" {
		r.docLang = ""
	}
	for pos := 0; pos < len(text); {
		end := sentenceEnd(text, pos)
		r.sentence(pos, end)
		pos = end
	}
	return r.out
}

// run is the state of one Extract call.
type run struct {
	e       *Extractor
	text    string
	docLang string // hint or lazily detected language of the whole text
	lang    string // language of the current sentence
	sStart  int
	sEnd    int
	toks    []token
	buf     []byte // scratch for lower-cased keys
	out     []claimwire.Quantity
	first   int // index in out of the current sentence's first claim

	sentKey     []byte               // the lower-cased sentence, for measure cues
	metricCache map[[3]string]string // metric keys already built

	// Glossary subjects of the current sentence, and the last one seen before it.
	found          []subjectAt
	lastSubject    string
	lastSubjectEnd int
}

// num is a parsed number: a token range and what the number itself says.
type num struct {
	i, j        int // token range [i, j), sign, x prefix and scale included
	val         float64
	scale       float64 // the scale word applied, 0 if none
	word        bool    // spelled out
	one         bool    // a lone "un", "one", "a", "zéro": needs a real unit
	letterScale bool    // "5m", "30B": needs a currency or a known noun
	connector   bool    // "de"/"of" may come before the unit ("20 milliards d'euros")
	plus        bool    // "50+"
	times       bool    // "x4"
	year        bool    // four bare digits that may be a year
	qual        string  // from the number itself: "une vingtaine", "des milliers"
	vague       bool
}

// unit is what follows a number.
type unit struct {
	kind  unitKind
	canon string
	cents bool // the value is in hundredths of the currency
	j     int  // token after the unit
}

// str returns the text of token k, "" past either end of the sentence.
func (r *run) str(k int) string {
	if k < 0 || k >= len(r.toks) {
		return ""
	}
	t := r.toks[k]
	return r.text[t.start:t.end]
}

// lower returns the lower-cased token k, "" past either end of the sentence.
func (r *run) lower(k int) string {
	if k < 0 || k >= len(r.toks) {
		return ""
	}
	t := r.toks[k]
	s := r.text[t.start:t.end]
	if isLower(s) {
		return s // most words: no copy
	}
	r.buf = appendLower(r.buf[:0], s)
	return string(r.buf)
}

// isLower reports whether appendLower would leave s unchanged.
func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if r == '’' || r == '‘' || r == 'ʼ' || r == '\u2011' || r == '‐' || unicode.ToLower(r) != r {
					return false
				}
			}
			return true
		}
		if 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// isWord reports whether token k exists, is a word and lower-cases to w.
func (r *run) isWord(k int, words ...string) bool {
	if k < 0 || k >= len(r.toks) || r.toks[k].kind != tkWord {
		return false
	}
	r.buf = appendLower(r.buf[:0], r.str(k))
	return slices.Contains(words, string(r.buf))
}

func (r *run) isPunct(k int, p ...string) bool {
	return k >= 0 && k < len(r.toks) && r.toks[k].kind == tkPunct && slices.Contains(p, r.str(k))
}

func (r *run) glued(k int) bool { return k < len(r.toks) && r.toks[k].sp == spNone }

// sentence extracts the quantities of text[start:end].
func (r *run) sentence(start, end int) {
	r.toks = tokenize(r.toks[:0], r.text, start, end)
	r.sStart, r.sEnd = start, end
	fr, en, cand, subj := 0, 0, false, false
	for k, t := range r.toks {
		if t.kind == tkNum {
			cand = true
			continue
		}
		if t.kind != tkWord {
			continue
		}
		f := r.flagsOf(k)
		r.toks[k].flags = f
		cand = cand || f&(flagNumber|flagVague) != 0
		subj = subj || f&flagSubject != 0
		fr += langFR(r.str(k), f) // accents keep their lead byte in capitals
		if f&flagStopEN != 0 {
			en++
		}
	}
	r.found = r.found[:0]
	if subj {
		r.found = r.findSubjects(r.toks, r.found)
	}
	defer func() {
		// The last subject of this sentence carries over to the next ones (see metrics).
		if n := len(r.found); n > 0 {
			r.lastSubject, r.lastSubjectEnd = r.found[n-1].key, r.found[n-1].end
		}
	}()
	if !cand {
		return
	}
	switch {
	case fr > en:
		r.lang = "fr"
	case en > fr:
		r.lang = "en"
	default:
		if r.docLang == "" {
			r.docLang = DetectLanguage(r.text)
		}
		r.lang = r.docLang
	}
	r.first = len(r.out)
	for k := 0; k < len(r.toks); {
		k = r.candidate(k)
	}
	r.finishSentence()
}

// candidate tries a quantity at token k and returns where to continue.
func (r *run) candidate(k int) int {
	t := r.toks[k]
	var n num
	var ok bool
	switch t.kind {
	case tkNum:
		n, ok = r.digits(k)
	case tkWord:
		if t.flags&flagCandidate == 0 {
			return k + 1
		}
		n, ok = r.words(k)
	default:
		return k + 1
	}
	if !ok {
		return max(k+1, n.j)
	}
	if n.one {
		// A lone "un", "one", "a" is an article unless a currency or unit follows: "un gigawatt".
		if u, ok := r.phraseAt(n.j); !ok || u.kind == ukCount {
			return k + 1
		}
	}
	start := n.i
	qual := ""
	// Currency before the number: "$500B", "US$ 5", "€1.5bn", "USD 20 bn".
	cur, curStart := r.currencyBefore(n.i)
	if cur != "" {
		start = curStart
	}
	// Ranges: "4 à 5", "entre 10 et 20", "three to five", "4-5", "quatre ou cinq".
	var maxVal *float64
	end := n.j
	if m, qs, ok := r.rangeAfter(&n, start, cur != ""); ok {
		v := m.val
		maxVal = &v
		if qs >= 0 {
			start = qs
		}
		qual = claimwire.QualifierRange
		end = m.j
		n.letterScale = n.letterScale || m.letterScale
	}
	var u unit
	switch {
	case n.times:
		u = unit{kind: ukUnit, canon: "times", j: end}
	default:
		u = r.unitAt(end, n.connector || n.vague || n.qual != "", cur != "", r.isWord(start-1, "a", "an"))
	}
	if cur != "" {
		if u.kind != ukCurrency || u.canon != cur {
			u = unit{kind: ukCurrency, canon: cur, j: end}
		}
	}
	if r.lang == "fr" && n.scale >= 1e6 && !n.letterScale && (u.kind == ukCount || u.kind == ukFallback) && !r.isWord(end, "de", "d") {
		u = unit{} // French counts after "millions" take "de": "20 milliards apportés" is elliptical
	}
	if u.kind == ukNone && n.scale > 0 && !n.letterScale && len(r.out) > r.first {
		// "3.76 million GPUs, up from 2.64 million": an elided unit is the previous claim's.
		prev := r.out[len(r.out)-1]
		u = unit{kind: ukCount, canon: prev.Unit, j: end}
		if isCurrency(prev.Unit) {
			u.kind = ukCurrency
		}
	}
	if !r.keep(&n, u, cur != "") {
		return max(k+1, end)
	}
	if qual == "" {
		if qStart, q := r.qualifierBefore(start); q != "" {
			start, qual = qStart, q
		} else if r.isWord(start-1, "minus", "moins") {
			start, n.val = start-1, -n.val // "minus five percent", "moins 3 %"
		}
	}
	if u.j > end {
		end = u.j
	}
	if u.cents {
		n.val /= 100 // "50 cents" is 0.5 USD
		if maxVal != nil {
			*maxVal /= 100
		}
	}
	if qual == "" && r.isWord(end, "environ", "approximately", "approx", "env") && r.toks[end].sp != spOther {
		qual, end = claimwire.QualifierApprox, end+1 // "5 milliards d'euros environ"
		if r.isPunct(end, ".") && r.glued(end) && r.isWord(end-1, "approx", "env") {
			end++
		}
	}
	switch {
	case qual != "":
	case n.plus:
		qual = claimwire.QualifierMoreThan
	case n.qual != "":
		qual = n.qual
	default:
		qual = claimwire.QualifierExact
	}
	s, e := r.toks[start].start, r.toks[end-1].end
	q := claimwire.Quantity{
		Start:     s,
		End:       e,
		Surface:   r.text[s:e],
		Value:     n.val,
		ValueMax:  maxVal,
		Unit:      u.canon,
		Qualifier: qual,
		Vague:     n.vague,
		Lang:      r.lang,
	}
	if math.IsInf(q.Value, 0) || math.IsNaN(q.Value) {
		return end
	}
	r.out = append(r.out, q)
	return end
}

// keep decides whether a number with its unit is a claim.
func (r *run) keep(n *num, u unit, hasCurrency bool) bool {
	strong := u.kind == ukCurrency || u.kind == ukUnit
	switch {
	case u.kind == ukNone:
		return false // a bare number says nothing checkable
	case n.vague && !r.e.vague:
		return false
	case n.one && !strong:
		return false // "un partenariat", "one of them"
	case n.letterScale && !hasCurrency && u.kind != ukCurrency && u.kind != ukCount:
		return false // "5m" (metres), "4K"
	case n.year && !strong && u.kind != ukCount:
		return false
	case n.word && n.val < 10 && u.kind == ukFallback:
		return false // "deux raisons", "three things": discourse, not figures to check
	case !strong && n.scale == 0 && r.afterName(n.i):
		return false // "Small 3.1 allie", "Llama 4 models", "Small 3.1 last week"
	}
	return true
}

// afterName reports a word with a capital right before token i: the number then belongs to a
// name ("Mistral Small 3", "CES 2026", "iPhone 16").
func (r *run) afterName(i int) bool {
	p := i - 1
	if p < 0 || r.toks[p].kind != tkWord || !hasUpper(r.str(p)) {
		return false
	}
	w := r.lower(p)
	return !stopwordsFR[w] && !stopwordsEN[w] && !months[w] && !qualifierWords[w]
}

func hasUpper(s string) bool {
	for _, c := range s {
		if unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

// finishSentence fills Sentence and Metric of the sentence's claims and lets a converted amount
// inherit the hedge of the amount it converts.
func (r *run) finishSentence() {
	claims := r.out[r.first:]
	if len(claims) == 0 {
		return
	}
	sentence := strings.TrimSpace(r.text[r.sStart:r.sEnd])
	for n := range claims {
		c := &claims[n]
		c.Sentence = sentence
		if n > 0 {
			prev := &claims[n-1]
			if isCurrency(prev.Unit) && isCurrency(c.Unit) && prev.Unit != c.Unit &&
				c.Qualifier == claimwire.QualifierExact && isConversionGap(r.text[prev.End:c.Start]) {
				c.Qualifier = prev.Qualifier
				if prev.ValueMax != nil && c.Qualifier == claimwire.QualifierRange {
					c.Qualifier = claimwire.QualifierApprox // a converted range has no bounds of its own
				}
			}
		}
	}
	r.metrics(claims)
}

// isCurrency reports an ISO 4217 code (units are otherwise lower case or symbols).
func isCurrency(u string) bool {
	return len(u) == 3 && u[0] >= 'A' && u[0] <= 'Z' && u[1] >= 'A' && u[1] <= 'Z' && u[2] >= 'A' && u[2] <= 'Z'
}

// isConversionGap reports the text between an amount and its conversion: " (", ", soit ", " or ".
func isConversionGap(gap string) bool {
	g := strings.TrimSpace(gap)
	g = strings.TrimPrefix(g, "(")
	g = strings.TrimPrefix(g, ",")
	g = strings.TrimSpace(g)
	switch g {
	case "", "soit", "or", "ou", "i.e.", "ie", "c'est-à-dire", "about", "around", "=", "≈", "~":
		return len(gap) <= 16
	}
	return false
}

// flagsOf returns the word flags of token k without allocating: lower-case words (most of them)
// are looked up as they are, others through the scratch buffer.
func (r *run) flagsOf(k int) uint8 {
	s := r.str(k)
	var f uint8
	if isLower(s) {
		f = r.e.flags[s]
	} else {
		r.buf = appendLower(r.buf[:0], s)
		f = r.e.flags[string(r.buf)]
		if f&flagNumber != 0 || bytes.IndexByte(r.buf, '-') < 0 {
			return f
		}
		s = string(r.buf) // rare: a capitalised hyphenated word, "Quatre-vingts"
	}
	if f&flagNumber == 0 && startsNumberWord(s) {
		f |= flagNumber
	}
	return f
}

// startsNumberWord reports a hyphenated number word: "quatre-vingt-dix", "twenty-one".
func startsNumberWord(w string) bool {
	first, _, ok := strings.Cut(w, "-")
	return ok && wordFlags[first]&flagNumber != 0
}
