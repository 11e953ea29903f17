package extractor

import (
	"bytes"
	"cmp"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

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
	grammar  [2]grammar // by langIndex
	subjects phraseTable[string]
	measures []compiledRule
	cues     cueIndex
	vague    bool
	flags    flagTable[uint8] // wordFlags plus flagSubject for this glossary
	// words gives the index in classes of the class of a word for the subject reader, from
	// its grammar and lexicon; apart from flags, which every word of every sentence looks up.
	words   flagTable[uint16]
	classes []wordClass
}

// New loads the embedded lexicon and glossary and merges the user files over them.
func New(opts Options) (*Extractor, error) {
	lex, gram, err := loadLexicon(opts.LexiconFiles)
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
	words, classes := numberClasses(newWordClasses(gram, &lex))
	return &Extractor{lexicon: lex, grammar: gram, subjects: subjects, measures: measures, cues: newCueIndex(measures),
		vague: opts.Vague, flags: newFlagTable(flags), words: newFlagTable(words), classes: classes}, nil
}

// numberClasses numbers the distinct classes of words from 1 (0: none) and maps each word to
// its number.
func numberClasses(words map[string]wordClass) (map[string]uint16, []wordClass) {
	m := make(map[string]uint16, len(words))
	classes := []wordClass{{}}
	index := map[wordClass]uint16{{}: 0}
	for _, w := range slices.Sorted(maps.Keys(words)) {
		c := words[w]
		i, ok := index[c]
		if !ok {
			i = uint16(len(classes))
			index[c] = i
			classes = append(classes, c)
		}
		m[w] = i
	}
	return m, classes
}

// Extract returns the quantities of text in text order. lang is "fr" or "en" when the caller
// knows the language of the text, "" to detect it; each sentence is still checked on its own so
// that mixed texts work. A bare "$" is the US dollar but in a story on Canada, Australia or New
// Zealand that never marks that country's dollar (storyDollar).
func (e *Extractor) Extract(text, lang string) []claimwire.Quantity {
	return e.extract(text, lang, storyDollar(text))
}

// ExtractArticle returns the quantities of an article's headline and body, in text order,
// offsets counted in the headline, a blank line, then the body. A bare "$", and a bare
// "dollars", is the dollar of the country whose domain publishes the article (AUD on .au, CAD on
// .ca, NZD on .nz, HKD on .hk), as the press there writes its own dollar and marks the American
// one "US$"; elsewhere as Extract reads it.
func (e *Extractor) ExtractArticle(a *claimwire.Article) []claimwire.Quantity {
	text := a.Text
	if a.Title != "" {
		text = a.Title + "\n\n" + a.Text
	}
	dollar := dollarOf(a.URL)
	if dollar == "USD" {
		dollar = storyDollar(text)
	}
	return e.extract(text, a.Lang, dollar)
}

// storyDollar returns the dollar a bare "$" stands for in an article about Canada, Australia or
// New Zealand that never names that country's dollar: its press writes "$" for its own dollar,
// and outlets quoting a release copy it ("Canada will invest $2 billion"), while foreign
// outlets mark it ("C$2 billion ($1.4 billion)"). Elsewhere, the US dollar.
func storyDollar(text string) string {
	for _, d := range storyDollars {
		mentions := 0
		for _, n := range d.names {
			mentions += strings.Count(text, n)
		}
		if mentions < storyMentions {
			continue
		}
		marked := false
		for _, m := range d.marks {
			marked = marked || strings.Contains(text, m)
		}
		if !marked {
			return d.code
		}
	}
	return "USD"
}

// storyMentions is how often an article names a country to be about it.
const storyMentions = 3

// storyDollars are the countries whose dollar storyDollar reads, with how articles name them
// and mark their dollar.
var storyDollars = []struct {
	code         string
	names, marks []string
}{
	// The names are stems: "anad" is in Canada, Canadian and canadien. The capital stands for
	// the government: "Ottawa engagera 2 milliards de dollars"; a province or a big city for the
	// country: "Microsoft investira 500 millions $US au Québec".
	{"CAD", []string{"anad", "Ottawa", "Québec", "Quebec", "Ontario", "Montréal", "Montreal", "Toronto", "Alberta"},
		[]string{"C$", "CA$", "CAD", "Canadian dollar", "dollars canadiens", "dollar canadien"}},
	{"AUD", []string{"ustrali", "Canberra", "Sydney", "Melbourne", "Queensland", "New South Wales", "Nouvelle-Galles du Sud"},
		[]string{"A$", "AU$", "AUD", "Australian dollar", "dollars australiens", "dollar australien"}},
	{"NZD", []string{"Zealand", "Zéland", "zéland"}, []string{"NZ$", "NZD", "New Zealand dollar", "dollars néo-zélandais", "dollar néo-zélandais"}},
}

// dollarOf returns the currency a bare "$" stands for on the site at rawURL.
func dollarOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "USD"
	}
	host := u.Hostname()
	if code, ok := dollarDomains[host[strings.LastIndexByte(host, '.')+1:]]; ok {
		return code
	}
	return "USD"
}

// homeCurrency returns the currency of a French text's sums that name none: the site's or the
// story's own dollar (storyDollar), the US dollar in a story about the United States ("100
// milliards d'investissements supplémentaires aux États-Unis"), else the euro.
func (r *run) homeCurrency() string {
	if r.dollar != "USD" {
		return r.dollar
	}
	for _, n := range americanNames {
		if strings.Contains(r.text, n) {
			return "USD"
		}
	}
	return "EUR"
}

// americanNames are how French texts name the United States.
var americanNames = []string{"États-Unis", "Etats-Unis", "américain", "Américain", "Washington"}

// dollarDomains are the country domains whose press writes its own dollar "$".
var dollarDomains = map[string]string{"au": "AUD", "ca": "CAD", "nz": "NZD", "hk": "HKD"}

// extract reads text with dollar as the currency of a bare "$".
func (e *Extractor) extract(text, lang, dollar string) []claimwire.Quantity {
	r := run{e: e, text: text, docLang: lang, dollar: dollar, cueFound: make([]bool, len(e.cues.all)),
		out: make([]claimwire.Quantity, 0, len(text)/claimSpacing)}
	if r.docLang != "fr" && r.docLang != "en" {
		r.docLang = ""
	}
	r.sentences(len(text))
	if cut := r.currencyLater(); cut > 0 {
		// An amount without its currency before any was written ("Lumen investit cinq
		// milliards" in a headline): read the text up to it again, giving it the next one
		// written; the claims after it stand as read.
		second := run{e: e, text: text, docLang: r.docLang, dollar: dollar, cueFound: make([]bool, len(e.cues.all)),
			out: make([]claimwire.Quantity, 0, len(r.out)+1), ahead: r.out}
		second.sentences(cut)
		r.out = append(second.out, r.out[startingAt(r.out, cut):]...)
	}
	if len(r.out) == 0 {
		return nil // no claims: nil, as callers have always had, not the slice sized up front
	}
	laterLocalDollars(r.out)
	spellOutAcronyms(text, r.out)
	return r.out
}

// sentences reads the text up to the end of the sentence holding byte limit, sentence by
// sentence.
func (r *run) sentences(limit int) {
	for pos := 0; pos < limit; {
		end := sentenceEnd(r.text, pos)
		r.sentence(pos, end)
		pos = end
	}
}

// currencyLater returns where the last sentence ends that holds an amount without a currency
// before it (noCurrency) and one written after it within lookback, 0 when none does.
func (r *run) currencyLater() int {
	cut := 0
	for _, p := range r.noCurrency {
		for i := startingAt(r.out, p.at+1); i < len(r.out) && r.out[i].Start-p.at < lookback; i++ {
			if claimwire.IsCurrency(r.out[i].Unit) {
				cut = max(cut, p.sentenceEnd)
				break
			}
		}
	}
	return cut
}

// startingAt returns the index of the first of qs, in text order, that starts at byte at or
// after it.
func startingAt(qs []claimwire.Quantity, at int) int {
	i, _ := slices.BinarySearchFunc(qs, at, func(q claimwire.Quantity, at int) int { return cmp.Compare(q.Start, at) })
	return i
}

// laterLocalDollars gives a bare "$" amount read as the US dollar the local dollar a later
// amount of the same value is written in: a headline's "$20bn" before the body's "A$20 billion",
// as localDollar does for the amounts after it.
func laterLocalDollars(out []claimwire.Quantity) {
	for i := range out {
		q := &out[i]
		if q.Unit != "USD" || !claimwire.BareDollar(q.Surface) {
			continue
		}
		for j := i + 1; j < len(out); j++ {
			if out[j].Value == q.Value && claimwire.IsLocalDollar(out[j].Unit) {
				q.Unit = out[j].Unit
				break
			}
		}
	}
}

// spellOutAcronyms gives a claim whose subject is an acronym its text spells out ("GlobalFoundries
// (GF)", "Amazon Web Services (AWS)") the name spelt out: other outlets name the company, not
// the acronym one article chose.
func spellOutAcronyms(text string, out []claimwire.Quantity) {
	var names map[string]string
	for i := range out {
		q := &out[i]
		if !allCapitals(q.Subject) {
			continue
		}
		if names == nil {
			names = acronymsSpelt(text)
		}
		if name, ok := names[q.Subject]; ok {
			q.Subject = name
		}
	}
}

// acronymReach is how many words before an acronym in brackets its spelt-out name may take,
// acronymWindow how many bytes before it they are looked for in.
const (
	acronymReach  = 6
	acronymWindow = 160
)

// acronymsSpelt returns the acronyms text puts in brackets after the name they stand for, by
// acronym: the fewest words before the bracket whose capitals, or whose content words'
// initials, spell it ("Taiwan Semiconductor Manufacturing Company (TSMC)", "Commissariat à
// l'énergie atomique (CEA)").
func acronymsSpelt(text string) map[string]string {
	names := map[string]string{}
	for rest, at := text, 0; ; {
		open := strings.IndexByte(rest, '(')
		if open < 0 {
			return names
		}
		closing := strings.IndexByte(rest[open:], ')')
		if closing < 0 {
			return names
		}
		acronym := rest[open+1 : open+closing]
		if allCapitals(acronym) {
			from := max(0, at+open-acronymWindow)
			words := strings.Fields(text[from : at+open])
			if from > 0 && len(words) > 0 {
				words = words[1:] // maybe cut short by the window
			}
			for n := 1; n <= min(acronymReach, len(words)); n++ {
				name := words[len(words)-n:]
				if spells(name, acronym) {
					names[acronym] = strings.Join(name, " ")
					break
				}
			}
		}
		rest, at = rest[open+closing:], at+open+closing
	}
}

// allCapitals reports a word of two to eight capitals and no other letters or spaces: "GF",
// "TSMC".
func allCapitals(w string) bool {
	if len(w) < 2 || len(w) > 8 {
		return false
	}
	for _, c := range w {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// spells reports whether the capitals of words, or the initials of those of their words that
// are not function words, are acronym, the first word being a name.
func spells(words []string, acronym string) bool {
	if !startsUpper(words[0]) {
		return false
	}
	var capitals, initials strings.Builder
	for _, w := range words {
		for _, c := range w {
			if unicode.IsUpper(c) {
				capitals.WriteRune(c)
			}
		}
		if _, after, ok := strings.Cut(w, "'"); ok {
			w = after
		}
		if _, after, ok := strings.Cut(w, "’"); ok {
			w = after
		}
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(c) && !acronymFunctionWords[strings.ToLower(w)] {
			base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(c))) // "é" is "e" and its accent
			initials.WriteRune(unicode.ToUpper(base))
		}
	}
	return capitals.String() == acronym || initials.String() == acronym
}

// acronymFunctionWords are left out of the initials an acronym is made of.
var acronymFunctionWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "de": true,
	"du": true, "des": true, "la": true, "le": true, "les": true, "et": true, "à": true, "pour": true}

// claimSpacing is about how many bytes of news text hold one claim (one in 250 to 800 in the
// shared corpus): sizing the result up front saves most of its regrowth on long texts.
const claimSpacing = 512

// run is the state of one Extract call.
type run struct {
	e       *Extractor
	text    string
	docLang string // hint or lazily detected language of the whole text
	dollar  string // the currency of a bare "$" (see ExtractArticle)
	lang    string // language of the current sentence
	sStart  int
	sEnd    int
	toks    []token
	out     []claimwire.Quantity
	first   int // index in out of the current sentence's first claim

	// key is the normalised sentence (see appendKey), built once so that the key of any token
	// range is a sub-slice: toks[i:j] is key[toks[i].lo:toks[j-1].hi].
	key []byte

	cueFound    []bool // by cue id: the cue occurs in the sentence (once cuesKnown)
	cuesKnown   bool
	metricCache map[[3]string]string // metric keys already built

	// Glossary subjects of the current sentence, and the last one seen before it.
	found            []subjectAt
	lastSubject      string
	lastSubjectStart int // where the last subject term is written, for Quantity.Subject
	lastSubjectEnd   int
	// latter is the last name written in the sentence before this one: what "ce dernier" and
	// "the latter" opening this one stand for.
	latter, lastName string
	// opener is the name the sentence before this one opens with, or the one before it when
	// that one opens with a pronoun: what "it" or "elle" opening a clause here stands for.
	opener, lastOpener opening

	// What describe reads of the current sentence, once classesKnown: its token classes, its
	// names, and the first token after the claim before the one described.
	classes      []tokClass
	classesKnown bool
	ents         []span
	floor        int
	clauseOf     int // the claim token whose clause starts at clauseFrom (see clauseStart), -1 for none
	clauseFrom   int
	subjectOf    int  // the clause start whose subject phrase and subject these are, -1 for none
	subjectNP    span // (see clauseSubject)
	subjectSpan  span

	lowerBuf   []byte            // scratch for lowerText
	lowerCache map[string]string // the measures lowerText lower-cased

	lastScale float64 // the scale word of the last claim, 0 if none

	// noCurrency are the amounts a first reading found no currency before; ahead holds a first
	// reading's claims, whose currencies a second reading gives such amounts (lastCurrency).
	noCurrency []pendingAmount
	ahead      []claimwire.Quantity
}

// pendingAmount is an amount without a currency: where it starts and its sentence ends.
type pendingAmount struct{ at, sentenceEnd int }

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
	share       bool    // a fraction in one word, read as a percentage: "one-third", "two-thirds"
	year        bool    // four bare digits that may be a year
	grouped     bool    // written with a thousands separator ("1,100", "100 000"), as no name numbers its versions
	qual        string  // from the number itself: "une vingtaine", "des milliers"
	vague       bool
	// thousandths is a French sentence's "18,693" read as a decimal, three digits after its
	// comma: before a counted noun, English grouping.
	thousandths bool
}

// unit is what follows a number.
type unit struct {
	kind     unitKind
	canon    string
	cents    bool  // the value is in hundredths of the currency
	inferred bool  // taken from another claim, not written after the number
	cues     []cue // a noun of several meanings: it counts only in a sentence holding one
	j        int   // token after the unit
}

// str returns the text of token k, "" past either end of the sentence.
func (r *run) str(k int) string {
	if k < 0 || k >= len(r.toks) {
		return ""
	}
	t := r.toks[k]
	return r.text[t.start:t.end]
}

// lower returns the lower-cased token k, "" past either end of the sentence. It is inlined, so
// the string only reaches the heap when the caller keeps it.
func (r *run) lower(k int) string {
	if k < 0 || k >= len(r.toks) {
		return ""
	}
	t := r.toks[k]
	return string(r.key[t.lo:t.hi])
}

// keyOf returns the normalised key of toks[i:j], i < j, without copying.
func (r *run) keyOf(i, j int) []byte {
	return r.key[r.toks[i].lo:r.toks[j-1].hi]
}

// isWord reports whether token k exists, is a word and lower-cases to w.
func (r *run) isWord(k int, words ...string) bool {
	if k < 0 || k >= len(r.toks) || r.toks[k].kind != tkWord {
		return false
	}
	return slices.Contains(words, r.lower(k))
}

func (r *run) isPunct(k int, p ...string) bool {
	return k >= 0 && k < len(r.toks) && r.toks[k].kind == tkPunct && slices.Contains(p, r.str(k))
}

func (r *run) glued(k int) bool { return k < len(r.toks) && r.toks[k].sp == spNone }

// gluedHyphen reports a hyphen at token k written against the word before it: "2-nanometer",
// "million-dollar".
func (r *run) gluedHyphen(k int) bool { return r.isPunct(k, "-", "‑") && r.glued(k) }

// sentence extracts the quantities of text[start:end].
func (r *run) sentence(start, end int) {
	r.toks = tokenize(r.toks[:0], r.text, start, end)
	r.sStart, r.sEnd = start, end
	r.latter, r.opener = r.lastName, r.lastOpener
	r.key = keyTokens(r.key[:0], r.text, r.toks)
	fr, en, cand, subj := 0, 0, false, false
	for k := range r.toks {
		t := &r.toks[k]
		if t.kind == tkNum {
			cand = true
			continue
		}
		if t.kind != tkWord {
			continue
		}
		f := r.flagsOf(r.key[t.lo:t.hi], t.hyphen)
		t.flags = f
		cand = cand || f&(flagNumber|flagVague|flagRatio) != 0 || f&flagStarter != 0 && shareWords[string(r.key[t.lo:t.hi])]
		subj = subj || f&flagSubject != 0
		fr += langFR(r.text[t.start:t.end], f, t.upper)
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
			r.lastSubject, r.lastSubjectStart, r.lastSubjectEnd = r.found[n-1].key, r.found[n-1].start, r.found[n-1].end
		}
		if len(r.toks) > 0 { // not the blank line between paragraphs
			r.lastName = r.lastNameOf()
			if o, pronoun := r.openingNameOf(); !pronoun {
				r.lastOpener = o
			}
		}
	}()
	if !cand {
		return
	}
	r.cuesKnown, r.classesKnown = false, false
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

// shareWords are the starters that make a share alone: "about half of the cost", "la moitié du
// budget".
var shareWords = map[string]bool{"half": true, "moitié": true}

// keyTokens appends the lower-cased tokens of text to key, spaced where the text spaces them,
// and gives each token its span there (lo, hi): the key the lexicon reads phrases in.
func keyTokens(key []byte, text string, toks []token) []byte {
	for k := range toks {
		t := &toks[k]
		if k > 0 && t.sp != spNone {
			key = append(key, ' ')
		}
		t.lo = int32(len(key))
		key = appendLower(key, text[t.start:t.end])
		t.hi = int32(len(key))
	}
	return key
}

// candidate tries a quantity at token k and returns where to continue.
func (r *run) candidate(k int) int {
	t := r.toks[k]
	var n num
	var ok bool
	switch t.kind {
	case tkNum:
		if r.glued(k) && r.isPunct(k-1, ")", "]") {
			return k + 1 // a note's mark: "(d'après France Datacenter)3"
		}
		if p := k - 1; r.isPunct(p, "-", "‑", "–") && r.glued(k) && r.glued(p) && p > 0 && r.toks[p-1].kind == tkNum {
			// The tail of a date or of a span whose head was no quantity: "2024-07-28",
			// "2028–30" (ranges that are quantities are read whole from their first number).
			return k + 1
		}
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
		// A lone "un", "one", "a" is an article unless a currency or unit follows ("un gigawatt"),
		// or a counted noun of the lexicon after "only" ("only one company bid"; not "qu'un", which
		// is as often "merely a": "n'être qu'un projet").
		only := r.isWord(n.i-1, "only", "just", "seulement")
		u, ok := r.phraseAt(n.j)
		switch {
		case ok && u.kind == ukCount && only:
			n.one = false
		case !ok && r.fractionOfWhole(n.j):
			n.one = false // "un tiers du coût", "a third of the power": a share
		case !ok || u.kind == ukCount:
			return k + 1
		case u.canon == claimwire.UnitPercent && articles[r.lower(k)]:
			return k + 1 // "a percentage", "un pourcentage" name a share, not one percent
		}
	}
	start := n.i
	qual := ""
	// Currency before the number: "$500B", "US$ 5", "€1.5bn", "USD 20 bn".
	cur, curStart := r.currencyBefore(n.i)
	if cur != "" && len(r.out) > r.first && r.toks[curStart].start < r.out[len(r.out)-1].End {
		cur = "" // the sign is the previous claim's: "5$ 3" is not "$3"
	}
	bareDollar := false
	if cur != "" {
		start = curStart
		if cur == "USD" && r.str(curStart) == "$" {
			bareDollar = true
			cur = r.localDollar(n.val) // "A$20 billion … the $20 billion outlay"
		}
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
	// "10 or fewer votes": the hedge stands between the number and its unit.
	unitFrom := end
	tq, tqEnd := r.trailingQualifier(end)
	hedgeInside := tq != "" && r.isWord(end, "or", "ou")
	if !hedgeInside && r.gluedHyphen(end) && r.isWord(end+1, "plus") && r.glued(end+1) {
		tq, tqEnd, hedgeInside = claimwire.QualifierMoreThan, end+2, true // "over the next 20-plus years"
	}
	if hedgeInside {
		unitFrom = tqEnd
	}
	var u unit
	switch {
	case n.times:
		u = unit{kind: ukUnit, canon: "times", j: end}
	case n.share:
		u = unit{kind: ukUnit, canon: claimwire.UnitPercent, j: end}
	default:
		u = r.unitAt(unitFrom, n.connector || n.vague || n.qual != "", cur != "", r.isWord(start-1, "a", "an"))
	}
	if cur == "" && u.kind == ukCurrency && u.canon == "USD" && r.dollar != "USD" && r.isWord(u.j-1, "dollar", "dollars") &&
		!r.isWord(u.j-2, "us", "american") {
		u.canon = r.dollar // "240 millions de dollars" on a Canadian site or in a Canadian story
	}
	if cur != "" {
		if bareDollar && u.kind == ukCurrency && claimwire.IsDollar(u.canon) && isUpperCode(r.str(u.j-1)) {
			cur = u.canon // the code after the figure names the dollar: "$700 million CAD"
		}
		if u.kind != ukCurrency || u.canon != cur {
			u = unit{kind: ukCurrency, canon: cur, j: end}
		}
	}
	if u.kind == ukUnit && strings.HasSuffix(u.canon, "W") && r.isWord(u.j, "dc", "ac") && r.toks[u.j].upper {
		u.j++ // solar power in direct or alternating current: "131 MW DC", not a name "DC"
	}
	if u.kind == ukFallback || u.kind == ukNone {
		if c, s := r.scaledCode(end); c != "" {
			u = unit{kind: ukCurrency, canon: c, j: end + 1} // "12 MEUR", "300 kEUR"
			n.val *= s
		}
	}
	if u.kind == ukCurrency && n.scale == 0 && maxVal == nil {
		if s := r.scaleAt(u.j, nil); s > 0 {
			n.val, n.scale, u.j = n.val*s, s, u.j+1 // "75 USD million"
		} else if cents, j := r.centsAfter(u.j); j > 0 && cur == "" && !u.cents {
			n.val += cents / 100 // "3 dollars 50", "13 dollars and 45 cents", "17 USD 25"
			u.j = j
		}
	}
	if r.lang == "fr" && n.scale >= 1e6 && !n.letterScale && (u.kind == ukCount || u.kind == ukFallback) && !r.isWord(end, "de", "d", "des") {
		u = unit{} // French counts after "millions" take "de": "20 milliards apportés" is elliptical
	}
	if u.kind == ukNone && r.lang == "fr" && n.scale >= 1e6 && !n.letterScale && r.str(end) == "US" {
		u = unitOf("USD", end+1) // "Microsoft investira 500 millions US au Québec": dollars, US ones
	}
	if u.kind == ukNone && n.scale >= 1e3 && !n.letterScale {
		u = r.demonym(end) // "30 millions de Français", "40 million Americans"
	}
	if u.kind == ukNone && !n.one && !n.year && !n.vague && !n.times {
		if ps := r.percentBefore(start); ps >= 0 {
			u, start = unit{kind: ukUnit, canon: claimwire.UnitPercent, j: end}, ps // "percent of 10"
		} else {
			unscaled := n.scale == 0
			u = r.elided(&n, start, end)
			if maxVal != nil && unscaled && n.scale > 0 {
				*maxVal *= n.scale // a range takes the scale ahead for both bounds
			}
		}
	}
	if maxVal == nil && (u.kind == ukUnit || u.kind == ukCurrency) {
		// "6.7%–12%", "US$15 billion to US$25 billion": each bound has its unit.
		if hi, hiEnd, ok := r.unitRange(n, u, start); ok {
			v := hi // only ranges reach the heap
			maxVal, end, u.j, qual = &v, hiEnd, hiEnd, claimwire.QualifierRange
			if r.isWord(start-1, "entre", "between") {
				start--
			}
		}
	}
	if u.kind == ukFallback && cur == "" && n.scale >= 1e6 && r.isWord(n.j, "des") && len(r.out) > r.first &&
		claimwire.IsCurrency(r.out[len(r.out)-1].Unit) {
		// A part of the amount just given, from a source the lexicon does not count: "dont 43
		// milliards issus des GPU et 8,2 milliards des équipements réseau".
		u = unitOf(r.out[len(r.out)-1].Unit, end)
	}
	if (u.kind == ukCount || u.kind == ukFallback) && amountNouns[u.canon] && n.scale >= 1e6 && cur == "" {
		// Millions of investments are an amount invested: "a 1.3B strategic investment".
		if c := r.lastCurrency(start, n.val); c != "" {
			u = unitOf(c, end)
		} else if r.lang == "fr" {
			// A French text naming no currency at all counts in its own: "débloquer 43
			// milliards de fonds publics" (a Canadian site, in its dollar).
			u = unitOf(r.homeCurrency(), end)
			u.inferred = true
		}
	}
	if u.kind == ukFallback {
		if c := r.antecedent(u.canon, start); c != "" {
			u.kind, u.canon, u.inferred = ukCount, c, true // "12 data centres ... two other centres"
		}
	}
	if (u.kind == ukFallback || u.kind == ukCount) && classifiers[u.canon] && !r.namesKind(end, u.j-1) {
		// "seven data centers ... 50 facilities", not "two advanced packaging facilities",
		// whose words say what kind they are.
		if c := r.lastCount(start); c != "" && !people[c] && (!facilityWords[u.canon] || premises[c]) {
			u.kind, u.canon, u.inferred = ukCount, c, true
		}
	}
	if n.thousandths && n.scale == 0 && (u.kind == ukCount || u.kind == ukFallback) && maxVal == nil {
		// No count has thousandths: "18,693 unités" in a French text is English grouping, as
		// translated or careless French writes it. Not a measure: "2,475 MW" is 2.475 MW.
		n.val = math.Round(n.val * 1000)
	}
	if share, qStart, q, ok := r.fractionOf(&n, u); ok {
		u = share
		if q != "" && qual == "" {
			start, qual = qStart, q
		}
	}
	if !r.keep(&n, u, cur != "") {
		return max(k+1, end)
	}
	if qual == "" {
		if qStart, q := r.qualifierBefore(start); q != "" {
			if !(q == claimwire.QualifierUpTo && (r.isWord(qStart, "jusqu") && r.changedTo(qStart) || r.broughtUpTo(qStart))) && !r.overSpan(qStart, u) {
				start, qual = qStart, q
			}
		} else if qStart, q := r.qualifierBefore(start - 1); q != "" && r.isWord(start-1, "a", "an") && n.scale == 0 {
			start, qual = qStart, q // "at least a 10% decline"
		} else if r.isWord(start-1, "minus", "moins") {
			start, n.val = start-1, -n.val // "minus five percent", "moins 3 %"
		}
	}
	if u.j > end {
		end = u.j
		if r.isPunct(end, "”", "\"", "»") && r.openQuote(end-2) {
			end++ // the quotes close round the noun: "5,400 “superchips”"
		}
	}
	if u.kind == ukCurrency && r.lang == "fr" && n.scale == scales["trillion"].frVal {
		// No sum of money is a long-scale trillion (10¹⁸): French news writing "trillion"
		// for money calques the English one, "la barre symbolique d'une trillion de dollars".
		n.val /= n.scale / scales["trillion"].val
		if maxVal != nil {
			*maxVal /= n.scale / scales["trillion"].val
		}
	}
	if u.cents {
		n.val /= 100 // "50 cents" is 0.5 USD
		if maxVal != nil {
			*maxVal /= 100
		}
	}
	if hedgeInside && u.kind != ukNone {
		qual = tq
	} else if qual == "" {
		if tq, tqEnd = r.trailingQualifier(end); tq != "" {
			qual, end = tq, tqEnd // "70 MW ou plus", "42 millions d'euros maximum"
		}
	}
	if qual == "" && r.isWord(end, "environ", "approximately", "approx", "env") && r.toks[end].sp != spOther && !r.agoAfter(end+1) {
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
		Inferred:  u.inferred,
		Vague:     n.vague,
		Lang:      r.lang,
	}
	if math.IsInf(q.Value, 0) || math.IsNaN(q.Value) {
		return end
	}
	r.describe(&q, start, end, n, u)
	r.out = append(r.out, q)
	r.lastScale = n.scale
	return end
}

// elided finds the unit of a number written without one (n spans tokens start to end, range
// included), in this order: the unit ahead in a list or change phrase ("2.000, 3.000 puis 4.000
// milliards", "de 290 à 1 661 GWh"), the previous claim of the sentence ("199 data centers, with
// another 117 in development"), the last count before a French "en" ("il y en a 136"), and the
// currency of the last amount of money for a bare "N milliards" ("les 400 millions restants").
// It may give n the scale it shares with the other number.
func (r *run) elided(n *num, start, end int) unit {
	if u := r.numberOf(start, end); u.kind != ukNone {
		return u
	}
	hedged := start // "multipliée par plus de quatre": the hedge stands between
	if qs, q := r.qualifierBefore(start); q != "" {
		hedged = qs
	}
	switch {
	case r.isWord(start-1, "of", "de", "d") && r.isWord(start-2, "ratio", "ratios", "multiple", "pue"):
		return unit{kind: ukUnit, canon: claimwire.UnitTimes, j: end} // "a price-to-earnings ratio of 32"
	case r.isWord(hedged-1, "par", "by") && multiplierVerbs[r.lower(hedged-2)]:
		return unit{kind: ukUnit, canon: claimwire.UnitTimes, j: end} // "multiplier par dix"
	}
	u, scale := r.unitAhead(end)
	if n.scale == 0 && scale > 0 {
		n.val *= scale
		n.scale = scale
	}
	if u.kind != ukNone {
		return unit{kind: u.kind, canon: u.canon, j: end}
	}
	// The number names its own unit, one the extractor cannot read: no other claim's unit fits
	// it ("300 mm", "around 100,000 of the latest chips", "four or five 'AI gigafactories'").
	// French names what millions count after "de": a word right after them qualifies the amount
	// ("54,92 milliards attendus", "43 milliards issus des GPU").
	bareScale := r.lang == "fr" && n.scale >= 1e6 && !n.letterScale
	if r.nounAt(end) && !bareScale || r.complementAt(end) || r.isPunct(end, "'", "‘", "\"", "“", "«") {
		return unit{}
	}
	// The previous claim of the sentence lends its unit, but not across table cells ("| 4307 |
	// 19.5% | 2351 |"), from a duration or a ratio verb, from an unscaled number to a scaled one ("deux ans,
	// les seuils des 2.000, 3.000 puis 4.000 milliards"), or to what a price is for ("64 cents a
	// dozen", "2 euros une douzaine").
	if len(r.out) > r.first && !articles[r.lower(n.i)] && r.toks[n.i].start-r.out[len(r.out)-1].End < elisionSpan && (n.scale == 0 || r.lastScale > 0) &&
		!durations[r.out[len(r.out)-1].Unit] && !strings.Contains(r.text[r.out[len(r.out)-1].End:r.toks[n.i].start], "|") &&
		!ratioVerbClaim(r.out[len(r.out)-1]) && !percentOverflow(r.out[len(r.out)-1], n.val) {
		prev := r.out[len(r.out)-1]
		if r.isWord(end, "autres", "other", "others") {
			// "cinq tours de table … cinq autres dépassaient les 20 M€": more of what was
			// counted, not of the amount just before.
			if c := r.lastCount(start); c != "" {
				return unitOf(c, end)
			}
			return unit{}
		}
		if n.scale == 0 && r.lastScale > 0 && r.isWord(start-1, "à", "to", "contre", "versus", "vs", "against") {
			n.val *= r.lastScale // "de 6,4 millions de m³ en 2022 à 7,8 en 2023", "14,9 Md$ contre 15,03 attendus"
			n.scale = r.lastScale
		}
		return unitOf(prev.Unit, end)
	}
	if referent := r.countsReferent(start, end); referent || r.afterEn(start) {
		if c := r.lastCount(start); c != "" {
			return unitOf(c, end)
		}
		if referent {
			// No count claimed before: the pronoun stands for the thing the text last named
			// ("… les datacenters de colocation … Leur nombre irait de 40 à 52").
			if c := r.countWordBefore(start); c != "" {
				return unitOf(c, end)
			}
		}
	}
	if r.isWord(start-1, "a", "has") && r.nameAt(start-2) {
		// A place or firm that has a number of what was just counted: "Toulouse compte 14 data
		// centers. Par exemple, Nantes a 4".
		if c := r.lastCount(start); c != "" && !people[c] {
			return unitOf(c, end)
		}
	}
	if n.scale >= 1e6 && !n.letterScale && !r.complementAt(end) && !r.nameAt(end) {
		if c := r.lastCurrency(start, n.val); c != "" {
			return unitOf(c, end)
		}
	}
	return unit{}
}

// complementAt reports "de", "of" at token k introducing what a number counts or measures, not
// a year: "774 millions de 2016" are the millions of that year, in the currency said before.
func (r *run) complementAt(k int) bool {
	if !r.isWord(k, "of", "de", "d", "des") {
		return false
	}
	if k+1 < len(r.toks) && r.toks[k+1].kind == tkNum {
		if m, ok := r.digits(k + 1); ok && m.year {
			return false
		}
	}
	return true
}

// articles are the indefinite articles that read as "one".
var articles = map[string]bool{"a": true, "an": true, "un": true, "une": true}

// percentBefore returns where a percent word naming the number after "of"/"de" starts, as in
// "per cent of twenty" or "pourcentage de dix", or -1. A number before the word ("5 percent of
// 20 sites") makes the number after it something else.
func (r *run) percentBefore(i int) int {
	if !r.isWord(i-1, "of", "de", "des") {
		return -1
	}
	for s := i - 3; s <= i-2; s++ {
		if s < 0 {
			continue
		}
		u, ok := r.phraseAt(s)
		if !ok || u.canon != claimwire.UnitPercent || u.j != i-1 {
			continue
		}
		if s > 0 && (r.toks[s-1].kind == tkNum || r.toks[s-1].flags&flagNumber != 0 && !articles[r.lower(s-1)]) {
			return -1
		}
		return s
	}
	return -1
}

// ratioVerbClaim reports a claim made by a ratio verb ("double its staff to 400"): the
// numbers after it are what is multiplied, not more ratios.
func ratioVerbClaim(q claimwire.Quantity) bool {
	if q.Unit != claimwire.UnitTimes {
		return false
	}
	_, ok := ratioVerbs[strings.ToLower(q.Surface[strings.LastIndexByte(q.Surface, ' ')+1:])]
	return ok
}

// lastCurrency returns the currency of the amount of money claimed before token start (in
// lookback bytes) that gives value, else of the last amount, or "". An article writing "€1.3B"
// in its headline and "1.3B" in its body means euros, whatever currency it named in between.
func (r *run) lastCurrency(start int, value float64) string {
	last := ""
	for i := len(r.out) - 1; i >= 0 && r.toks[start].start-r.out[i].End < lookback; i-- {
		if !claimwire.IsCurrency(r.out[i].Unit) {
			continue
		}
		if r.out[i].Value == value {
			return r.out[i].Unit
		}
		if last == "" {
			last = r.out[i].Unit
		}
	}
	if last == "" {
		last = r.nextCurrency(start, value)
	}
	return last
}

// nextCurrency returns, on a second reading, the currency of the first amount a first reading
// found after token start within lookback, or of one of the same value: a headline's "cinq
// milliards" is the body's "5 milliards d'euros". On a first reading it notes that a second
// one is needed.
func (r *run) nextCurrency(start int, value float64) string {
	if r.ahead == nil {
		r.noCurrency = append(r.noCurrency, pendingAmount{r.toks[start].start, r.sEnd})
		return ""
	}
	from, next := r.toks[start].start, ""
	for i := startingAt(r.ahead, from+1); i < len(r.ahead) && r.ahead[i].Start-from < lookback; i++ {
		q := &r.ahead[i]
		if !claimwire.IsCurrency(q.Unit) {
			continue
		}
		if q.Value == value {
			return q.Unit
		}
		if next == "" {
			next = q.Unit
		}
	}
	return next
}

// localDollar returns the currency of a bare "$" amount: the local dollar an earlier amount
// of the same value was written in ("A$20 billion", then "the $20 billion outlay"), else the
// local dollar a text's first amount in dollars gives its bare "$" by naming it after ("the $2
// billion CAD it promised", then "up to $1 billion will go to…"), else the site's dollar. A text
// marking its local dollar before the number ("C$240 million ($169 million)") writes the US
// one bare.
func (r *run) localDollar(value float64) string {
	for i := len(r.out) - 1; i >= 0; i-- {
		if q := &r.out[i]; q.Value == value && claimwire.IsLocalDollar(q.Unit) {
			return q.Unit
		}
	}
	for i := range r.out {
		if q := &r.out[i]; q.Unit == "USD" || claimwire.IsLocalDollar(q.Unit) {
			if q.Unit != "USD" && signNamedAfter(q.Surface, q.Unit) {
				return q.Unit
			}
			break
		}
	}
	return r.dollar
}

// signNamedAfter reports an amount written with a bare "$", its dollar named after the number:
// "$2 billion CAD", not "C$2 billion".
func signNamedAfter(surface, code string) bool {
	rest, ok := strings.CutSuffix(surface, code)
	return ok && claimwire.BareDollar(rest)
}

// demonym reads a capitalised plural after a scaled number, directly or after "de"/"of", as the
// people it counts: "30 millions de Français" counts "français".
func (r *run) demonym(k int) unit {
	if r.isWord(k, "de", "d", "of") {
		k++
		if r.isPunct(k, "'", "’") {
			k++
		}
	}
	if !r.nameAt(k) || r.toks[k].sp == spOther {
		return unit{}
	}
	w := r.lower(k)
	if utf8.RuneCountInString(w) < 4 || !pluralForm(w) || strings.ContainsRune(w, '-') {
		return unit{}
	}
	return unit{kind: ukFallback, canon: w, j: k + 1}
}

// nameAt reports a capitalised word at token k: "300 millions d'Américains", "40 million Swedes"
// count people, not an earlier currency.
func (r *run) nameAt(k int) bool {
	return k >= 0 && k < len(r.toks) && r.toks[k].kind == tkWord && r.toks[k].upper
}

// scaledCode reads a currency code with a scale prefix at token k: "MEUR", "kEUR", "MUSD",
// "MdEUR". It returns the currency and the scale, or "" when there is none.
func (r *run) scaledCode(k int) (string, float64) {
	if k >= len(r.toks) || r.toks[k].kind != tkWord {
		return "", 0
	}
	w := r.str(k)
	for _, p := range []struct {
		prefix string
		scale  float64
	}{{"Md", 1e9}, {"Mrd", 1e9}, {"M", 1e6}, {"k", 1e3}, {"K", 1e3}} {
		code, ok := strings.CutPrefix(w, p.prefix)
		if ok && isUpperCode(code) && len(code) == 3 {
			if c, ok := r.e.lexicon.m[strings.ToLower(code)]; ok && c.kind == ukCurrency {
				return c.canon, p.scale
			}
		}
	}
	return "", 0
}

// centsAfter reads the hundredths after an amount whose currency follows the number, from
// token k: "3 dollars 50", "13 dollars and 45 cents", "treize euros et vingt centimes", "17 USD
// 25". It returns them and the token after them, or 0 for j when there are none. Without a
// subunit word the hundredths stand alone (not "5 dollars and 20 employees"): after "and" they
// end the clause, else they are two digits or spelled out, as prices are written.
func (r *run) centsAfter(k int) (cents float64, j int) {
	and := r.isWord(k, "and", "et")
	if and {
		k++
	}
	if k >= len(r.toks) || r.toks[k].sp != spSingle {
		return 0, 0
	}
	switch t := r.toks[k]; {
	case t.kind == tkNum && t.end-t.start <= 2:
		v, err := strconv.Atoi(r.str(k))
		if err != nil {
			return 0, 0
		}
		cents, j = float64(v), k+1
		if r.isPunct(j, ",", ".") && r.glued(j) && r.glued(j+1) && j+1 < len(r.toks) && r.toks[j+1].kind == tkNum {
			return 0, 0 // a decimal: "20,5"
		}
	case t.kind == tkWord && t.flags&flagCandidate != 0 && !articles[r.lower(k)]:
		m, ok := r.words(k) // not what the price is for: "3 euros une douzaine"
		if !ok || m.one || m.vague || m.scale != 0 || m.val >= 100 {
			return 0, 0
		}
		cents, j = m.val, m.j
	default:
		return 0, 0
	}
	if u, ok := r.phraseAt(j); ok {
		if u.cents {
			return cents, u.j
		}
		return 0, 0
	}
	switch {
	case and && j < len(r.toks) && r.toks[j].kind != tkPunct:
		return 0, 0 // "12 euros et 15 avec le café" may be two prices: only a clause's end tells
	case !and && r.toks[k].kind == tkNum && r.toks[k].end-r.toks[k].start != 2:
		return 0, 0
	}
	if j < len(r.toks) && (r.isPunct(j, "%") || r.glued(j) && r.toks[j].kind != tkPunct || r.nounAt(j) || r.scaleAt(j, nil) > 0) {
		return 0, 0
	}
	return cents, j
}

// antecedent returns the unit of a count of several words claimed shortly before token start
// whose surface holds noun: the head of that compound stands for it, as "two other centres"
// after "12 data centres" counts data centers.
func (r *run) antecedent(noun string, start int) string {
	for i := len(r.out) - 1; i >= 0 && r.toks[start].start-r.out[i].End < lookback; i-- {
		q := r.out[i]
		if claimwire.UnitKindOf(q.Unit) != claimwire.UnitCount || !strings.Contains(q.Unit, " ") {
			continue
		}
		for rest := q.Surface; rest != ""; {
			var w string
			w, rest, _ = strings.Cut(rest, " ")
			if strings.EqualFold(w, noun) {
				return q.Unit
			}
		}
	}
	return ""
}

// lastCount returns the unit of the last count claimed before token start (in lookback bytes),
// durations left out: what "en" or "units" stand for.
func (r *run) lastCount(start int) string {
	for i := len(r.out) - 1; i >= 0 && r.toks[start].start-r.out[i].End < lookback; i-- {
		if u := r.out[i].Unit; claimwire.UnitKindOf(u) == claimwire.UnitCount && !durations[u] && !classifiers[u] {
			return u
		}
	}
	return ""
}

// countWordReach is how far before a pronoun's count, in bytes, the thing it counts is looked
// for: the sentence before or the one before that.
const countWordReach = 600

// countWordBefore returns the counted noun the lexicon reads last before token start, in its
// sentence or the text within countWordReach before it: a thing, not people, a span of time or
// a classifier. Pronouns counting something are rare; the text before is read only for them.
func (r *run) countWordBefore(start int) string {
	if c := countWordIn(r, start); c != "" {
		return c
	}
	from := r.sStart - countWordReach
	for from > 0 && !utf8.RuneStart(r.text[from]) {
		from++
	}
	before := run{e: r.e, text: r.text, lang: r.lang}
	before.toks = tokenize(nil, r.text, max(0, from), r.sStart)
	before.key = keyTokens(nil, r.text, before.toks)
	return countWordIn(&before, len(before.toks))
}

// countWordIn returns the last counted noun of r's tokens before token end that names a subject
// of the glossary (countWordBefore): what the story is about, not any noun ("car", "clients").
func countWordIn(r *run, end int) string {
	for k := end - 1; k >= 0; k-- {
		t := &r.toks[k]
		if t.kind != tkWord || r.e.flags.get(r.key[t.lo:t.hi])&flagSubject == 0 {
			continue
		}
		if u, ok := r.phraseAt(k); ok && u.kind == ukCount && !people[u.canon] && !durations[u.canon] && !classifiers[u.canon] {
			return u.canon
		}
	}
	return ""
}

// countsReferent reports a bare number at tokens [start, end) that counts a pronoun's
// antecedent: "Leur nombre irait de 40 à 52", "their number has grown to 300", "Ils sont
// désormais plus de 60 dans la région"; not people doing something ("ils sont 300 à avoir signé").
func (r *run) countsReferent(start, end int) bool {
	s := start
	if qs, q := r.qualifierBefore(start); q != "" {
		s = qs
	}
	k := s - 1
	for {
		if r.isWord(k, "déjà", "désormais", "maintenant", "actuellement", "encore") {
			k--
		} else if r.isWord(k, "hui") && r.isWord(k-2, "aujourd") {
			k -= 3
		} else {
			break
		}
	}
	if r.isWord(k, "sont") && r.isWord(k-1, "ils", "elles") && !r.isWord(end, "à") {
		return true
	}
	for k := s - 1; k > 0 && k >= s-numberOfReach; k-- {
		if r.isWord(k-1, "leur", "their") && r.isWord(k, "nombre", "number") {
			return true
		}
	}
	return false
}

// classifiers count whatever was counted before them: "200 000 unités", "1 million units",
// "seven data centers ... 50 facilities"; things, not the people counted before ("60
// employees have shipped 8 million units").
var classifiers = wordSet("unités units exemplaires pièces pieces facilities établissements installations")

// facilityWords are the classifiers that stand only for premises: "136 data centers ... environ
// 110 établissements".
var facilityWords = wordSet("facilities établissements installations")

// namesKind reports a noun among the words of toks[i:j] before a classifier, which says what
// kind of facility or unit it is: "packaging" in "two advanced packaging facilities", not the
// adjectives of "50 carrier-neutral facilities".
func (r *run) namesKind(i, j int) bool {
	for k := i; k < j; k++ {
		if w := r.lower(k); r.lang == "en" && len(w) > 4 && strings.HasSuffix(w, "ing") {
			return true
		}
		if u, ok := r.phraseAt(k); ok && u.kind == ukCount {
			return true
		}
	}
	return false
}

// premises are the things facilityWords can stand for: "seven data centers ... 50 facilities",
// but not "16 member states ... the four or five facilities the EU will co-fund".
var premises = map[string]bool{"data centers": true, "gigafactories": true, "ai factories": true,
	"factories": true, "plants": true, "fabs": true, "campuses": true, "sites": true, "supercomputers": true,
	"reactors": true, "substations": true, "schools": true, "universities": true, "research centres": true}

var people = wordSet(`people employees jobs users visitors spectators members students researchers engineers
	candidates applicants deputies investors partners`)

// nounAt reports a word at token k that may name a unit: a short lower-case word that is no
// function word ("300 mm", "26 mi") or a noun that is no participle. Function words, adverbs and participles leave the
// unit elided: "another 117 in development", "2,000 more than", "20 milliards apportés".
func (r *run) nounAt(k int) bool {
	if k >= len(r.toks) || r.toks[k].kind != tkWord || r.toks[k].upper {
		return false
	}
	w := r.lower(k)
	if len(w) >= 2 && len(w) <= 3 && isASCIILower(w) && !stopwordsEN[w] && !stopwordsFR[w] && !notNouns[w] {
		return true // "300 mm", "14 mi"
	}
	return r.nounLike(k) && !r.verbLike(k) && !adjectivesOnly[w] && !qualifierWords[w] && !isParticiple(w)
}

// isASCIILower reports lower-case ASCII letters only.
func isASCIILower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// isParticiple reports French and English participle endings: "apportés", "restants", "planned",
// "growing".
func isParticiple(w string) bool {
	return endsWith(w, 0, "é", "és", "ée", "ées", "ant", "ants", "ante", "antes", "ed", "ing")
}

// durations are units a later number does not share: "moins de deux ans, les seuils des 2.000".
var durations = wordSet("years months weeks days hours minutes seconds")

// percentOverflow reports a number past 100 after a percentage that is not: a count the
// sentence goes on to, not another share ("grown by 11% between 2020 and 2021, reaching a total
// of 520"). A percentage past 100 lends its unit on: "up 120% and 150% a year later".
func percentOverflow(prev claimwire.Quantity, v float64) bool {
	return prev.Unit == claimwire.UnitPercent && prev.Value <= 100 && v > 100
}

// elisionSpan bounds how far (in bytes) a number may stand from the claim whose unit it takes.
const elisionSpan = 160

// unitOf is the unit of an earlier claim given to a number ending before token j.
func unitOf(canon string, j int) unit {
	u := unit{kind: ukUnit, canon: canon, inferred: true, j: j}
	switch claimwire.UnitKindOf(canon) {
	case claimwire.UnitCurrency:
		u.kind = ukCurrency
	case claimwire.UnitCount:
		u.kind = ukCount
	}
	return u
}

// unitAhead reads a list or change phrase after a bare number at token k up to the number
// that carries a unit or a scale: ", 3.000 puis 4.000 milliards de dollars", " à 1 661 GWh",
// ", 30B and 65B parameters". It returns that unit (kind ukNone if none) and scale.
func (r *run) unitAhead(k int) (unit, float64) {
	scale, k0 := 0.0, k
	for hop := range 6 {
		first := hop == 0
		switch {
		case r.isPunct(k, ","), r.isWord(k, "et", "and", "puis", "then", "ou", "or", "à", "to"):
		default:
			return unit{}, scale
		}
		k++
		if r.isWord(k, "et", "and", "puis", "then", "désormais", "finally") {
			k++ // ", and 65B", ", puis désormais 4.000"
		}
		k = r.skipBoundHedge(k)
		cur, _ := r.currencyBefore(k + 1)
		if cur != "" {
			k++
		}
		if k >= len(r.toks) || r.toks[k].kind != tkNum {
			return unit{}, scale
		}
		m, ok := r.digits(k)
		if !ok || m.year || m.times {
			return unit{}, scale
		}
		if cur != "" {
			return unit{kind: ukCurrency, canon: cur}, m.scale
		}
		if u := r.unitAt(m.j, m.connector, false, false); u.kind != ukNone && (u.kind != ukFallback || first && r.isWord(k0, "to", "à")) {
			return u, m.scale // any noun after "from X to Y": "from about 65,000 to more than 300,000 units"
		}
		scale = max(scale, m.scale) // ", 3.000 puis 4.000 milliards." states no unit but the scale
		k = m.j
	}
	return unit{}, scale
}

// numberOf reads the count a number gives from "the number of" naming it: "évalue à 2 800 le
// nombre d'emplois directs", "le nombre de sites est passé de 10 à 12"; "puts the number of
// direct jobs at 2,800", "the number of sites rose from 10 to 12".
func (r *run) numberOf(start, end int) unit {
	counted := func(k int) unit {
		if u := r.unitAt(k, true, false, false); u.kind == ukCount || u.kind == ukFallback {
			return unit{kind: u.kind, canon: u.canon, j: end}
		}
		return unit{}
	}
	if r.isWord(end, "le") && r.isWord(end+1, "nombre") {
		if r.isWord(end+2, "total") {
			return counted(end + 3) // "portant à plus de 900 le nombre total de collaborateurs"
		}
		return counted(end + 2)
	}
	if !r.isWord(start-1, "at", "to", "from", "à", "de") && !r.isPunct(start-1, "(") {
		return unit{} // "(60)" after "le nombre de transactions réalisées"
	}
	for k := start - 2; k > 0 && k >= start-numberOfReach; k-- {
		if r.isWord(k-1, "number") && r.isWord(k, "of") || r.isWord(k-1, "nombre") && r.isWord(k, "de", "d", "des") {
			return counted(k)
		}
	}
	return unit{}
}

// numberOfReach is how many tokens before the word ahead of a number ("at", "to", "de", "(")
// "the number of" is looked for.
const numberOfReach = 8

// afterEn reports a French "en" standing for what is counted a few words before token i:
// "il y en a 136", "Colossus en embarque quant à lui 100 000".
func (r *run) afterEn(i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		switch {
		case r.isWord(k, "en") && !r.toks[k].upper:
			return true
		case r.toks[k].kind != tkWord:
			return false
		}
	}
	return false
}

// unitRange reads the upper bound of a range whose bounds both carry the unit u of n: "5 % à
// 10 %", "$15bn to $25bn", "entre 3 et 4 GW" is read by rangeAfter. It returns the bound's value
// and the token after it.
func (r *run) unitRange(n num, u unit, start int) (float64, int, bool) {
	c := max(u.j, n.j)
	switch {
	case r.isWord(c, "et", "and") && r.isWord(start-1, "entre", "between"):
	case r.isWord(c, "à", "to"):
		if r.changeFrom(start) {
			return 0, 0, false // "passé de 5 % à 8 %": two values
		}
	case r.isPunct(c, "-", "–", "—") && r.glued(c) == r.glued(c+1):
	default:
		return 0, 0, false
	}
	k := c + 1
	cur := false
	if p, ok := r.phraseAt(k); ok && p.kind == ukCurrency && p.canon == u.canon && (r.toks[k].kind != tkWord || isUpperCode(r.str(k))) {
		k, cur = p.j, true // "$15bn to $25bn", "USD 5 to USD 8"
	}
	if k >= len(r.toks) || r.toks[k].kind != tkNum {
		return 0, 0, false
	}
	m, ok := r.digits(k)
	if !ok || m.times || m.year {
		return 0, 0, false
	}
	mu := unit{kind: ukCurrency, canon: u.canon, j: m.j}
	if !cur {
		mu = r.unitAt(m.j, m.connector, false, false)
	}
	hi, ok := sameScale(m.val, mu.canon, u.canon)
	if !ok || !(hi > n.val) {
		return 0, 0, false
	}
	if r.changeThenLevel(c, start, n.val, hi) {
		return 0, 0, false
	}
	return hi, max(mu.j, m.j), true
}

// changeThenLevel reports "by" a figure and "to" (at token c) one several times larger: the
// change, then the level it reaches ("raised its forecast by $10 billion to $85 billion"), not a
// change's range ("rose by 5% to 7%").
func (r *run) changeThenLevel(c, start int, lo, hi float64) bool {
	if qs, q := r.qualifierBefore(start); q != "" {
		start = qs
	}
	return r.isWord(c, "to") && r.isWord(start-1, "by") && hi > levelAfterChange*lo
}

// levelAfterChange is how many times a change "by" its first figure the second must stand to
// be the level reached rather than the range's other end.
const levelAfterChange = 3

// sameScale converts v from unit from to unit to when both measure one physical dimension ("500
// MW to 2 GW" is 500 to 2,000 MW); currencies never convert: "€5bn to $6bn" is two figures.
func sameScale(v float64, from, to string) (float64, bool) {
	if from == to {
		return v, true
	}
	f, okF := claimwire.LookupUnit(from)
	t, okT := claimwire.LookupUnit(to)
	if !okF || !okT || f.Kind == claimwire.UnitCurrency || f.Base != t.Base || f.Base == "" || t.Factor == 0 {
		return 0, false
	}
	return v * f.Factor / t.Factor, true
}

// changedTo reports a French "jusqu'à" at token q that says where a figure went, after a past
// participle of change: "a bondi de 103 % jusqu'à 3,66 dollars" reached them, where "pourrait
// grimper jusqu'à 5 %" hedges.
func (r *run) changedTo(q int) bool {
	for k := q - 1; k >= max(0, q-changeObjectReach); k-- {
		if w := r.lower(k); r.toks[k].kind == tkWord && changeVerbFR(w) {
			return strings.HasSuffix(w, "é") || strings.HasSuffix(w, "i") || strings.HasSuffix(w, "u")
		}
	}
	return false
}

// broughtUpTo reports an "up to" at token q that says where a verb took a figure, no ceiling:
// "bringing total spend up to $160 billion", "pushed its stake up to 12%".
func (r *run) broughtUpTo(q int) bool {
	if !r.isWord(q, "up") {
		return false
	}
	for k := q - 1; k >= max(0, q-changeObjectReach) && !r.clauseBreak(k); k-- {
		if r.toks[k].kind == tkWord && raisingToVerbs[r.lower(k)] {
			return true
		}
	}
	return false
}

// raisingToVerbs take a figure to a level with "up to". Not "raise", whose "up to" is what a
// round may reach ("seeks to raise up to $40 billion"), nor "take" ("could take up to ten years").
var raisingToVerbs = map[string]bool{"bring": true, "brings": true, "bringing": true, "brought": true,
	"push": true, "pushes": true, "pushing": true, "pushed": true, "lift": true, "lifts": true, "lifting": true, "lifted": true}

// overSpan reports an "over" at token q that spreads a figure over a span of time, no hedge:
// "spread over three years", "£2.5bn over three years"; where "for over three years" and "in
// over three years" say more than three.
func (r *run) overSpan(q int, u unit) bool {
	return r.isWord(q, "over") && u.kind == ukCount && durations[u.canon] &&
		!r.isWord(q-1, "for", "in", "after", "of", "than", "within", "aged")
}

// changeObjectReach is how many words may stand between a verb of change and "de": its object
// and where ("son budget en Bretagne").
const changeObjectReach = 5

// changeFrom reports a change phrase opening at token start: "passé de 10 à 20 %", "rose from
// 10 to 20": two values, not a range.
func (r *run) changeFrom(start int) bool {
	if qs, q := r.qualifierBefore(start); q != "" {
		start = qs // "from about $12 billion to $17 billion"
	}
	if start < 2 {
		return false
	}
	switch r.lower(start - 1) {
	case "de", "d":
		// A determiner makes the word a noun: "une baisse de 3 à 5 %" is a range of change.
		// The verb may stand before its object: "augmenter son budget en Bretagne
		// de 12 à 20 millions".
		for k := start - 2; k >= max(0, start-2-changeObjectReach) && r.toks[k].kind == tkWord; k-- {
			if changeVerbFR(r.lower(k)) {
				return k < 1 || !nounDeterminersFR[r.lower(k-1)]
			}
		}
		return false
	case "from":
		// "from 2 to 5 GW" states where a figure went; "ranging from 2 to 5 GW" is a range.
		return !rangeVerbsEN[r.lower(start-2)]
	}
	return false
}

// agoAfter reports a span of time back from now at token k, which a hedge before it qualifies
// rather than the figure before the hedge: "$450 million approximately a year ago", "environ
// il y a un an".
func (r *run) agoAfter(k int) bool {
	switch {
	case r.isWord(k, "a", "an", "one", "two", "three", "some") && r.isWord(k+1, "year", "years", "month", "months", "week", "weeks", "day", "days"):
		return r.isWord(k+2, "ago", "earlier", "before")
	case r.isWord(k, "il") && r.isWord(k+1, "y") && r.isWord(k+2, "a"):
		return true
	}
	return false
}

// trailingQualifier returns the hedge written right after a quantity at token k ("ou plus",
// "or fewer", "maximum") and the token after it.
func (r *run) trailingQualifier(k int) (string, int) {
	if k >= len(r.toks) || r.toks[k].kind != tkWord || r.toks[k].sp == spOther {
		return "", k
	}
	w, next := r.lower(k), ""
	if k+1 < len(r.toks) && r.toks[k+1].kind == tkWord {
		next = r.lower(k + 1)
	}
	if q, ok := trailingQualifiers[[2]string{w, next}]; ok && next != "" && !r.isWord(k+2, "tard", "tôt", "than", "que") {
		return q, k + 2 // not "au plus tard", "or more than"
	}
	if q, ok := trailingQualifiers[[2]string{w, ""}]; ok {
		return q, k + 1
	}
	return "", k
}

// keep decides whether a number with its unit is a claim.
func (r *run) keep(n *num, u unit, hasCurrency bool) bool {
	strong := (u.kind == ukCurrency || u.kind == ukUnit) && !u.inferred
	switch {
	case u.kind == ukFallback && n.val >= 2 && !pluralForm(u.canon):
		return false // "two different", "three consecutive"
	case r.isPunct(n.i-1, ",") && r.isPunct(n.j, ",") && n.i >= 2 && r.toks[n.i-2].upper && n.scale == 0 && !strong:
		return false // "Parata, 75, has": an age after a name
	case u.kind == ukNone:
		return false // a bare number says nothing checkable
	case len(u.cues) > 0 && !r.anyCue(u.cues):
		return false // "deux parties ont signé": a noun of several meanings, outside its context
	case n.vague && !r.e.vague:
		return false
	case n.one && !strong:
		return false // "un partenariat", "one of them"
	case n.word && n.scale > 0 && n.val == n.scale && r.gluedHyphen(n.j):
		return false // "a million-dollar home", "the billion-dollar question": an epithet, no sum
	case n.one && u.canon == "times":
		return false // "une fois opérationnel", "une fois de plus": once, not a ratio
	case n.letterScale && !hasCurrency && u.kind != ukCurrency && u.kind != ukCount && u.kind != ukUnit:
		return false // "5m" (metres), "4K"; not a unit after the letter: "4.8k GWh", "5m tonnes"
	case n.year && !strong && (u.kind != ukCount || u.j-n.j > 3):
		return false // "2024 GPUs" may count, "in 2024 Nvidia shipped new GPUs" does not
	case u.canon == claimwire.UnitTimes && n.scale == 0 && r.afterName(n.i) && isUpperCode(r.str(n.i-1)) && r.isWord(n.j, "x") && r.glued(n.j):
		return false // a model's name after its maker's letters: "AMD's MI 300X", not three hundredfold
	case !strong && n.scale == 0 && r.afterName(n.i) && !n.grouped:
		return false // "Small 3.1 allie", "Llama 4 models", "Small 3.1 last week"; not "Preserves 1,100 jobs"
	case n.word && r.toks[n.i].upper && n.j < len(r.toks) && r.toks[n.j].upper && r.toks[n.j].kind == tkWord &&
		(n.i > 0 || u.kind == ukUnit && n.j+1 < len(r.toks) && r.toks[n.j+1].upper && r.toks[n.j+1].kind == tkWord):
		return false // a capitalised number inside a name: "the Three Mile Island plant", "Three Mile Island will restart"
	case u.kind == ukCount && durations[u.canon] && r.toks[u.j-1].upper && n.i > 0:
		return false // "le 20 Heures", "les 24 Heures du Mans": names
	case u.kind == ukCount && n.year && r.capsName(u.j-1):
		return false // "the 2021 CHIPS and Research Act": a name's capitals, no count
	case u.canon == "minutes" && r.readingTime(n.i, u.j):
		return false // page furniture: "Reading time: 5 min", "5 min read", "Lecture : 3 minutes"
	case n.word && n.val == 2 && r.isWord(n.i-1, "les", "the", "ces", "these"):
		return false // "les deux sociétés", "the two companies": the pair already named, not a count
	case u.kind == ukFallback && fractions[u.canon] > 0 && (u.canon != "quarters" || r.isWord(u.j, "of")):
		return false // "trois quarts d'heure", "three quarters of an hour": a fraction of what is no share
	case u.kind == ukCurrency && n.word && n.scale == 0 && r.isWord(u.j-1, "won"):
		return false // "two won awards": the verb, not Korean money
	case r.rateNote(n.i, u.j):
		return false // "(1 dollar = 0,8575 euro)", "($1 = 0.8575 euros)": the rate used, not a claim
	case r.tickerQuote(n, u):
		return false // "Advanced Micro Devices (AMD 4.30%)": the page's live quote, no claim
	case r.processNode(n):
		return false // "5 nanometers chips", "2 nm nodes": a chip process's name, as "H100" a model's
	}
	return true
}

// processNode reports a number naming a chip manufacturing process by its feature size: "2 nm
// nodes", "the 2-nanometer process", "below 5 nanometres". Fact-checkers compare no such
// figure: the node is a category of chips, not an amount of anything.
func (r *run) processNode(n *num) bool {
	j := n.j
	if r.gluedHyphen(j) {
		j++
	}
	return r.isWord(j, "nm", "nanometer", "nanometers", "nanometre", "nanometres", "nanomètre", "nanomètres")
}

// tickerQuote reports a percentage in brackets right after a stock's ticker, as financial
// sites print a live quote beside a company's name: "(AMD 4.30%)", "(NASDAQ: NVDA -1.2%)".
func (r *run) tickerQuote(n *num, u unit) bool {
	if u.canon != claimwire.UnitPercent || !r.isPunct(u.j, ")") || n.i < 2 || !isTicker(r.str(n.i-1)) {
		return false
	}
	return r.isPunct(n.i-2, "(") || r.isPunct(n.i-2, ":") && n.i >= 4 && r.isPunct(n.i-4, "(")
}

// isTicker reports a stock ticker: two to five capital letters.
func isTicker(s string) bool {
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	return strings.IndexFunc(s, func(c rune) bool { return c < 'A' || c > 'Z' }) < 0
}

// capsName reports a word written in capitals that goes on as a name: "CHIPS" before "and
// Science Act".
func (r *run) capsName(k int) bool {
	w := r.str(k)
	if len(w) < 3 || strings.ToUpper(w) != w || k+1 >= len(r.toks) {
		return false
	}
	return r.toks[k+1].upper || r.isWord(k+1, "and", "&", "of") && k+2 < len(r.toks) && r.toks[k+2].upper
}

// fractions are the nouns of fractions, each with its denominator; a singular one ("un quart",
// "a fifth") only before "of" or "de".
var fractions = map[string]float64{"tiers": 3, "quarts": 4, "cinquièmes": 5, "dixièmes": 10, "thirds": 3,
	"quarters": 4, "fifths": 5, "tenths": 10, "quart": 4, "cinquième": 5, "dixième": 10, "third": 3,
	"quarter": 4, "fifth": 5, "tenth": 10}

// singularFractions are the fractions' nouns that, singular, are ordinals or periods elsewhere:
// "a third plant", "the first quarter".
var singularFractions = map[string]bool{"quart": true, "cinquième": true, "dixième": true, "third": true,
	"quarter": true, "fifth": true, "tenth": true}

// fractionOfWhole reports a fraction's noun at token k with "of" or "de" after it ("tiers du
// coût", "third of the power"), or a change by it, its article at token k-1: "jumps by a third",
// "réduit d'un tiers".
func (r *run) fractionOfWhole(k int) bool {
	if fractions[r.lower(k)] == 0 {
		return false
	}
	if sv, _ := r.fractionScale(k + 1); sv > 0 {
		return false // a fraction of a scale is an amount: "a quarter of a billion dollars"
	}
	return r.isWord(k+1, "of", "de", "des", "du", "d") || r.changedBy(k-1) && r.phraseEnds(k+1)
}

// phraseEnds reports that no noun goes on at token k: punctuation, the sentence's end or a
// function word ("by a third on Monday", not "by a third car").
func (r *run) phraseEnds(k int) bool {
	if k >= len(r.toks) || r.toks[k].kind != tkWord {
		return true
	}
	w := r.lower(k)
	return stopwordsEN[w] || stopwordsFR[w] || afterChangeWords[w]
}

// afterChangeWords may follow the amount of a change without being what it counts.
var afterChangeWords = wordSet(`on in at year annually en à depuis sur l an`)

// changedBy reports "by" or "d'" before token k: the amount of a change follows.
func (r *run) changedBy(k int) bool {
	return r.isWord(k-1, "by") || r.isPunct(k-1, "'", "’") && r.isWord(k-2, "d")
}

// fractionOf reads a number before a fraction's noun as a share: "près des deux tiers de la
// hausse" is about 66.67 %, "three quarters of the site" 75 %; not "trois quarts d'heure", nor
// "two quarters" of a year without "of". It returns the share's unit, and the qualifier French
// writes before a fraction with "des" ("plus des deux tiers") with where it starts, or "".
func (r *run) fractionOf(n *num, u unit) (share unit, qStart int, qual string, ok bool) {
	d := fractions[u.canon]
	of := r.isWord(u.j, "of", "de", "des", "du", "d")
	if u.kind != ukFallback || d == 0 || (u.canon == "quarters" || singularFractions[u.canon]) && !of && !r.changedBy(n.i) ||
		of && (r.isWord(u.j+1, "heure", "hour", "siècle", "century") || r.isWord(u.j+2, "heure", "hour", "siècle", "century")) {
		return u, 0, "", false
	}
	n.val = math.Round(n.val/d*1e4) / 100
	share = unit{kind: ukUnit, canon: claimwire.UnitPercent, j: u.j}
	if r.isWord(n.i-1, "des") {
		switch {
		case r.isWord(n.i-2, "près"):
			return share, n.i - 2, claimwire.QualifierApprox, true
		case r.isWord(n.i-2, "plus") && !r.isWord(n.i-3, "en"):
			return share, n.i - 2, claimwire.QualifierMoreThan, true // not "en plus des", in addition to
		case r.isWord(n.i-2, "moins"):
			return share, n.i - 2, claimwire.QualifierAtMost, true
		}
	}
	return share, 0, "", true
}

// rateNote reports a quantity at tokens [i, j) inside an exchange-rate note, "(1 dollar =
// 0,8575 euro)": an "=" right after it or right before it (past its currency symbol) in
// brackets.
func (r *run) rateNote(i, j int) bool {
	if r.isPunct(j, "=") {
		return r.isPunct(i-1, "(") || r.isPunct(i-2, "(")
	}
	return (r.isPunct(i-1, "=") || r.isPunct(i-2, "=")) && r.isPunct(j, ")")
}

// anyCue reports whether the sentence holds one of cues.
func (r *run) anyCue(cues []cue) bool {
	return slices.ContainsFunc(cues, func(c cue) bool { return containsWord(r.key, c.word, c.prefix) })
}

// readingTime reports a reading time, a number of minutes from token i to j labelled by
// "reading time"/"lecture" right before it (a colon may stand between) or "read"/"de lecture"
// right after it.
func (r *run) readingTime(i, j int) bool {
	p := i - 1
	if r.isPunct(p, ":") {
		p--
	}
	return r.isWord(p, "lecture") || r.isWord(p, "time") && r.isWord(p-1, "reading", "read") ||
		r.isWord(j, "read") || r.isWord(j, "de") && r.isWord(j+1, "lecture")
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
// inherit the subject, measure and hedge of the amount it converts.
func (r *run) finishSentence() {
	claims := r.out[r.first:]
	if len(claims) == 0 {
		return
	}
	raw := r.text[r.sStart:r.sEnd]
	sentence := strings.TrimSpace(raw)
	sentenceStart := r.sStart + len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
	for n := range claims {
		c := &claims[n]
		c.Sentence = sentence
		c.SentenceOffset = c.Start - sentenceStart
		if n > 0 {
			prev := &claims[n-1]
			if prev.Unit != c.Unit && sameBase(prev.Unit, c.Unit) && prev.End <= c.Start && isConversionGap(r.text[prev.End:c.Start]) {
				// The conversion is the amount's: its subject and measure, not the next name's
				// ("500 milliards de dollars (440,26 milliards d'euros) aux États-Unis" is
				// Nvidia's, not the United States').
				c.Subject, c.Measure = prev.Subject, prev.Measure
				if c.Qualifier == claimwire.QualifierExact {
					c.Qualifier = prev.Qualifier
					if prev.ValueMax != nil && c.Qualifier == claimwire.QualifierRange {
						c.Qualifier = claimwire.QualifierApprox // a converted range has no bounds of its own
					}
				}
			}
		}
	}
	r.metrics(claims)
}

// sameBase reports units that convert into each other: two currencies, exaflops and teraflops.
func sameBase(a, b string) bool {
	ua, okA := claimwire.LookupUnit(a)
	ub, okB := claimwire.LookupUnit(b)
	return okA && okB && ua.Base == ub.Base
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

// flagsOf returns the word flags of the lower-cased word w, which has inner hyphens if hyphen.
func (r *run) flagsOf(w []byte, hyphen bool) uint8 {
	f := r.e.flags.get(w)
	if f&flagNumber == 0 && hyphen && startsNumberWord(w) {
		f |= flagNumber
	}
	return f
}

// startsNumberWord reports a hyphenated number word: "quatre-vingt-dix", "twenty-one".
func startsNumberWord(w []byte) bool {
	first, _, ok := bytes.Cut(w, []byte("-"))
	return ok && wordFlags[string(first)]&flagNumber != 0
}

// flagTable maps words to their flags (and word classes) like a map, faster for running text:
// its hash reads only the length and three bytes, and most words land in an empty bucket.
type flagTable[V any] struct {
	start   [flagBuckets + 1]uint32 // bucket h holds entries[start[h]:start[h+1]]
	entries []flagEntry[V]          // by bucket
}

const flagBuckets = 1 << 12

type flagEntry[V any] struct {
	word  string
	flags V
}

func newFlagTable[V any](m map[string]V) flagTable[V] {
	var t flagTable[V]
	for w, f := range m {
		t.entries = append(t.entries, flagEntry[V]{w, f})
	}
	slices.SortFunc(t.entries, func(a, b flagEntry[V]) int {
		return cmp.Compare(flagHash(a.word), flagHash(b.word))
	})
	for _, e := range t.entries {
		t.start[flagHash(e.word)+1]++
	}
	for h := 1; h <= flagBuckets; h++ {
		t.start[h] += t.start[h-1]
	}
	return t
}

// get returns the flags of w, the zero value for words without any.
func (t *flagTable[V]) get(w []byte) (v V) {
	h := flagHash(w)
	for _, e := range t.entries[t.start[h]:t.start[h+1]] {
		if e.word == string(w) {
			return e.flags
		}
	}
	return v
}

// flagHash returns the bucket of w, below flagBuckets: from its length and its first, middle and
// last bytes (the middle one halves the collisions of the lexicon's words).
func flagHash[S string | []byte](w S) uint32 {
	if len(w) == 0 {
		return 0
	}
	h := uint32(w[0]) | uint32(w[len(w)-1])<<8 | uint32(len(w))<<16 | uint32(w[len(w)/2])<<24
	return h * 0x9E3779B1 >> 20 // Fibonacci hashing: the top 12 bits
}
