package extractor

import (
	"cmp"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
)

// This file reads what a quantity is about: its Subject (the entity or thing it belongs to) and
// its Measure (what is measured about it), as the sentence words them. It is a handful of
// heuristics over the sentence's tokens, the lexicon's function words and capitals, not a
// parser: a possessive or complement wins, then the clause's subject, then the nearest name,
// then a glossary term.

// role is what a function word does in its language (a word may have several).
type role uint16

const (
	roleDet role = 1 << iota
	rolePrep
	roleAux
	rolePron
	roleRel
	roleConj
	roleAdv
	roleVerb    // a common verb form the endings do not tell: "rose", "fell", "paid"
	roleNotName // a capitalised word that names nobody: "AI", "IA"
)

// grammar is the function-word knowledge of one language, from the lexicon's grammar section.
type grammar struct {
	roles    map[string]role
	measures map[string]bool   // nouns naming a measure: "capacité", "consumption"
	defaults map[string]string // the measure of a unit base ("W", "money") when the sentence names none
}

// grammarFile is the YAML shape of one language of the lexicon's grammar section.
type grammarFile struct {
	Determiners  []string          `yaml:"determiners"`
	Prepositions []string          `yaml:"prepositions"`
	Auxiliaries  []string          `yaml:"auxiliaries"`
	Pronouns     []string          `yaml:"pronouns"`
	Relatives    []string          `yaml:"relatives"`
	Conjunctions []string          `yaml:"conjunctions"`
	Adverbs      []string          `yaml:"adverbs"`
	Verbs        []string          `yaml:"verbs"`
	NotNames     []string          `yaml:"not_names"`
	MeasureNouns []string          `yaml:"measure_nouns"`
	Defaults     map[string]string `yaml:"defaults"`
}

func newGrammar() grammar {
	return grammar{roles: map[string]role{}, measures: map[string]bool{}, defaults: map[string]string{}}
}

// add merges f into g: words gain roles, defaults are replaced.
func (g *grammar) add(f grammarFile) error {
	for _, l := range []struct {
		ro    role
		words []string
	}{{roleDet, f.Determiners}, {rolePrep, f.Prepositions}, {roleAux, f.Auxiliaries}, {rolePron, f.Pronouns},
		{roleRel, f.Relatives}, {roleConj, f.Conjunctions}, {roleAdv, f.Adverbs}, {roleVerb, f.Verbs},
		{roleNotName, f.NotNames}} {
		for _, w := range l.words {
			g.roles[string(appendLower(nil, w))] |= l.ro
		}
	}
	for _, w := range f.MeasureNouns {
		g.measures[string(appendLower(nil, w))] = true
	}
	for base, w := range f.Defaults {
		// Claims carry units, and a default serves every unit of its base: "MW" and "GW" are "W".
		if u, ok := claimwire.LookupUnit(base); base != "money" && (!ok || u.Base != base) {
			return fmt.Errorf("default %q: key is neither money nor the base of a unit of claimwire's vocabulary", base)
		}
		g.defaults[base] = w
	}
	return nil
}

// langIndex is the index of a language in Extractor.grammar, -1 for others.
func langIndex(lang string) int {
	switch lang {
	case "fr":
		return 0
	case "en":
		return 1
	}
	return -1
}

// span is a token range [a, b) of the current sentence; a == b is none.
type span struct{ a, b int }

func (s span) empty() bool { return s.b <= s.a }

// reading is what the words around a claim say about it.
type reading struct {
	measure span   // the measure's words in the sentence
	words   string // the measure when it is borrowed from another claim
	owner   span   // a possessor or complement read with the measure: "Ireland's", "by data centres"
	after   int    // the token after the claim or its measure, where a complement may follow
	counts  bool   // the claim counts things, which a name right after may say the make of
}

// describe fills the Subject and Measure of q, a claim spanning tokens [start, end) whose number
// spans [n.i, n.j) and whose unit is u.
func (r *run) describe(q *claimwire.Quantity, start, end int, n num, u unit) {
	if !r.classesKnown {
		r.classes = r.classes[:0]
		for k := range r.toks {
			r.classes = append(r.classes, r.classify(k))
		}
		r.classesKnown, r.floor, r.clauseOf, r.subjectOf = true, 0, -1, -1
		r.ents = r.findEntities(r.ents[:0])
	}
	if len(r.out) > r.first { // phrases read leftwards stop at the claim before
		for r.floor < start && r.toks[r.floor].start < r.out[len(r.out)-1].End {
			r.floor++
		}
	}
	rd := reading{after: end, counts: u.kind == ukCount}
	prev := r.continued(start, q.Unit)
	switch {
	case u.kind == ukCount || u.kind == ukFallback:
		r.countMeasure(&rd, n, u, q.Unit)
	case r.measureAfter(&rd, end), r.measureBefore(&rd, start), r.labelMeasure(&rd, start), r.compoundAfter(&rd, end), r.measureObject(&rd, end), r.earmarkedFor(&rd, end):
	case prev != nil:
		rd.words = prev.Measure
	default:
		r.verbMeasure(&rd, start, claimwire.UnitKindOf(q.Unit) != claimwire.UnitRatio)
		if rd.measure.empty() {
			rd.words = r.clauseMeasure(start, q.Unit) // "revenue rose 69% to $44bn"
		}
	}
	q.Measure = rd.words
	if m := r.wordsAfterNumbers(rd.measure); !m.empty() {
		q.Measure = r.lowerText(m)
	}
	if q.Measure == "" {
		q.Measure = r.defaultMeasure(q.Unit)
	}
	q.Subject = r.subject(&rd, start, end, prev)
	switch {
	case epithet(q.Subject):
		q.Subject = cmp.Or(r.openerName(), r.lastNamedSubject(), q.Subject)
	case r.namesNobody(q.Subject):
		// "Reuters reports …", "adjusted EPS was …": who reports a figure, or how it is
		// counted, is not whose it is.
		q.Subject = cmp.Or(r.openerName(), r.lastNamedSubject())
	}
}

// startsUpper reports s starting with a capital.
func startsUpper(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(c)
}

// namesNobody reports a subject whose every word is one the grammar says names nobody: a news
// agency, an accounting term ("Reuters", "EPS", "non-GAAP").
func (r *run) namesNobody(subject string) bool {
	words := strings.Fields(subject)
	var buf []byte
	for _, w := range words {
		buf = appendLower(buf[:0], w)
		if r.gram().roles[string(buf)]&roleNotName == 0 {
			return false
		}
	}
	return len(words) > 0
}

// lastNamedSubject returns the subject of the text's last claim within lookback that is a
// name: what "the company" stands for when no sentence opened with its name just before.
func (r *run) lastNamedSubject() string {
	for i := len(r.out) - 1; i >= 0 && r.sStart-r.out[i].End < lookback; i-- {
		if s := r.out[i].Subject; s != "" && startsUpper(s) {
			return s
		}
	}
	return ""
}

// wordsAfterNumbers returns the words of s after any number in it, and after any text the
// tokenizer skipped (an e-mail address, a URL): a measure names no number ("H20 revenue" is
// revenue).
func (r *run) wordsAfterNumbers(s span) span {
	for k := s.a; k < s.b; k++ {
		if r.toks[k].kind == tkNum {
			s.a = k + 1
		} else if k > s.a && strings.TrimSpace(r.text[r.toks[k-1].end:r.toks[k].start]) != "" {
			s.a = k
		}
	}
	for s.a < s.b && (r.toks[s.a].kind != tkWord || s.a > 0 && r.glued(s.a) && r.toks[s.a-1].kind == tkNum) {
		s.a++
	}
	return s
}

// subject picks the subject of a claim: a name read with its measure ("de Three Mile Island"),
// a possessive ("Talen's 90% stake") or a name in a complement after it ("pour la centrale de
// Clinton"); the subject of the claim it continues; the subject of its clause, a name or noun
// phrase; a complement that is no name ("by data centres"); the nearest name; the nearest
// glossary term, or the last one before the sentence.
func (r *run) subject(rd *reading, start, end int, prev *claimwire.Quantity) string {
	if !rd.owner.empty() && r.toks[rd.owner.a].upper {
		if e := r.receiver(start, rd.measure); !e.empty() {
			return r.subjectText(e)
		}
		return r.subjectText(rd.owner)
	}
	if e := r.attributiveName(start, end); !e.empty() {
		return r.subjectText(e)
	}
	if p := r.possessive(start - 3); !p.empty() {
		return r.subjectText(p)
	}
	if p := r.possessive(start - 4); !p.empty() && r.contentWord(start-1) && !r.toks[start-1].upper {
		// One word between: "xAI's planned 200,000 GPUs", "Lumen's annual $75 billion".
		return r.subjectText(p)
	}
	if e := r.complementName(rd.after); !e.empty() {
		if investor := r.investor(start, rd.after); !investor.empty() {
			return r.subjectText(investor)
		}
		if r.isWord(rd.after, "de", "d", "du", "des", "from", "of", "par", "by") {
			if e := r.receiver(start, rd.measure); !e.empty() {
				return r.subjectText(e) // the complement names the giver: "une aide … de l'Allemagne"
			}
		}
		if !rd.counts && r.isWord(rd.after, "in", "en", "au", "aux", "dans") {
			// The complement says where, the clause's name whose: "Apple announced a $500
			// billion investment plan in the United States".
			if s := r.clauseSubject(start, rd.measure); !s.empty() && r.toks[s.a].upper && s.b <= start && !r.isLatter(s) {
				return r.subjectText(s)
			}
			if name := r.pronounAntecedent(start); name != "" {
				return name
			}
		}
		return r.subjectText(e)
	}
	if prev != nil {
		return prev.Subject
	}
	if e := r.recipient(start); !e.empty() {
		return r.subjectText(e)
	}
	if e := r.recipientAfter(start, end); !e.empty() {
		return r.subjectText(e)
	}
	if e := r.beneficiary(start, end); !e.empty() {
		return r.subjectText(e)
	}
	if e := r.epithetFor(start, rd.after); !e.empty() {
		return r.subjectText(e)
	}
	if name := r.pronounAntecedent(start); name != "" {
		return name
	}
	if s := r.clauseSubject(start, rd.measure); !s.empty() {
		if r.isLatter(s) {
			return r.latter // "Ce dernier … a investi": the last name of the sentence before, or none
		}
		return r.subjectText(s)
	}
	if !rd.owner.empty() {
		return r.subjectText(rd.owner)
	}
	if e := r.openingName(start); !e.empty() && r.possessiveBefore(rd.measure) {
		// "its", "their" point back to the name the sentence opens with, not the nearest:
		// "Lumen has announced a plan that raises its total U.S. commitment to $600 billion".
		return r.subjectText(e)
	}
	if e, ok := r.nearestEntity(start, end, rd.counts); ok {
		return r.subjectText(e)
	}
	best, bestD := -1, 0
	for i, s := range r.found {
		d := r.toks[start].start - s.end
		if s.start >= r.toks[end-1].end {
			d = s.start - r.toks[end-1].end
		}
		if d >= 0 && (best < 0 || d < bestD) {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		return r.termText(r.found[best])
	}
	if name := r.openerName(); name != "" {
		return name
	}
	if r.lastSubject != "" && r.sStart-r.lastSubjectEnd <= lookback {
		return r.termText(subjectAt{r.lastSubjectStart, r.lastSubjectEnd, r.lastSubject})
	}
	return ""
}

// continued returns the claim of this sentence that a claim at token start continues, with a
// unit of the same base (or both money) and nothing but function words, dates and punctuation
// between them or before it in its clause ("21 % en 2023, contre 5 % en 2015"), or as the end
// of a change from it ("from 290 GWh in the first quarter of 2015 to an impressive 1,661 GWh"),
// or nil.
func (r *run) continued(start int, unit string) *claimwire.Quantity {
	if len(r.out) == r.first {
		return nil
	}
	prev := &r.out[len(r.out)-1]
	same := func() bool { return prev.Unit == unit || sameBase(prev.Unit, unit) }
	to := start - 1
	for to >= start-3 && (r.role(to)&roleDet != 0 || r.contentWord(to) && !r.toks[to].upper) {
		to--
	}
	if r.isWord(to, "to", "à") {
		for k := to - 1; k > 0 && to-k <= 12 && r.toks[k].start >= prev.Start && !r.clauseBreak(k); k-- {
			if r.toks[k].start == prev.Start && r.isWord(k-1, "from", "de") && same() {
				return prev
			}
		}
	}
scan:
	for k := start - 1; k >= 0 && r.toks[k].start >= prev.End; k-- {
		switch {
		case r.comma(k):
			break scan // "21 % en 2023, contre 5 %": the clause holds nothing else
		case r.contentWord(k) && !r.toks[k].upper, r.nameWord(k), r.hardStop(k):
			return nil
		}
	}
	if same() {
		return prev
	}
	return nil
}

// countMeasure reads the counted noun phrase of a count: "centres de données", "emplois
// locaux", "boiling water reactors". A unit borrowed from another claim borrows its measure.
func (r *run) countMeasure(rd *reading, n num, u unit, canon string) {
	if u.inferred || u.j <= n.j {
		for i := len(r.out) - 1; i >= 0 && r.sStart-r.out[i].End < lookback; i-- {
			if r.out[i].Unit == canon {
				rd.words = r.out[i].Measure
				return
			}
		}
		rd.words = canon
		return
	}
	a := n.j
	if r.isWord(a, "or", "ou") {
		if _, j := r.trailingQualifier(a); j > a && j < u.j {
			a = j // "10 or fewer votes"
		}
	}
	if e := r.sizeModifierEnd(a); e < u.j {
		a = e // the size of each: "40,000 300mm (12-inch) wafers" are wafers
	}
	for a < u.j-1 && (r.toks[a].kind != tkWord || r.toks[a].upper || r.toks[a].flags&flagNumber != 0 ||
		r.isWord(a, "de", "d", "des", "du", "of", "autres", "other", "more", "to", "à", "and", "et", "or", "ou") ||
		partitiveDeterminers[r.lower(a)]) {
		a++ // "20 autres réacteurs", "two thousand of the GPUs", "a 200-page", "five to seven years"
	}
	b := u.j
	// French adjectives follow the noun: "1 100 emplois locaux", "20 réacteurs nucléaires".
	if r.lang == "fr" && r.contentWord(b) && !r.toks[b].upper && r.adjective(b) && !frenchParticiple(r.lower(b)) {
		if _, ok := r.phraseAt(b); !ok {
			b++
		}
	}
	if r.lang == "fr" && b > a && r.isWord(b, "et", "ou") && r.coordinatedAdjective(b-1, b+1) {
		b += 2 // "5 600 emplois directs et indirects" count both kinds
	}
	if r.lang == "fr" {
		b = min(b, a+maxMeasureWords)
	} else {
		a = max(a, b-maxMeasureWords)
		for a < b-1 && r.isWord(a, "and", "or") {
			a++ // cut inside "8 solar and wind energy projects": "wind energy projects"
		}
	}
	for k := a; k < b; k++ {
		if r.toks[k].kind == tkNum {
			rd.words = canon // a model name counts: "200,000 Nvidia H100" are gpus
			return
		}
	}
	rd.measure = span{a, b}
	rd.after = max(rd.after, b)
}

// coordinatedAdjective reports a French adjective at token k coordinated with the one at
// token prev, which it agrees with ("directs et indirects", "locaux et régionaux"): a word of
// the same ending that the lexicon knows as no noun.
func (r *run) coordinatedAdjective(prev, k int) bool {
	if k >= len(r.toks) || !r.contentWord(k) || r.toks[k].upper || r.toks[prev].kind != tkWord {
		return false
	}
	if _, ok := r.phraseAt(k); ok {
		return false
	}
	p, w := r.lower(prev), r.lower(k)
	return len(p) > 3 && len(w) > 3 && p[len(p)-2:] == w[len(w)-2:]
}

// measureAfter reads the noun phrase after "of"/"de" that a number quantifies: "21 % de la
// consommation électrique", "835 megawatts of carbon-free electricity". Totals and wholes are
// read through ("du total de la consommation", "of all electricity demand").
func (r *run) measureAfter(rd *reading, k int) bool {
	k, ok := r.afterLink(k)
	if !ok && r.isWord(k, "in") && r.nounWord(k+1) {
		k, ok = k+1, true // "$10bn in investments", "a 20% rise in demand"
	}
	if !ok {
		return false
	}
	for range 2 {
		k = r.skipDeterminers(k)
		if !r.filler(k) || r.toks[k].upper {
			break
		}
		if k2, ok := r.afterLink(k + 1); ok {
			k = k2
		} else if r.lang == "en" {
			k++ // "of total metered consumption": an adjective in English
		} else {
			break
		}
	}
	if p := r.possessive(k); !p.empty() {
		rd.owner = p // "of Ireland's electricity"
		k = r.skipDeterminers(k + 3)
	}
	np := r.nounPhrase(k)
	if np.empty() || r.lang == "fr" && (r.toks[np.a].upper || r.headName(np)) {
		return false // "10 % de Microsoft" is a share of a name, read as its subject
	}
	r.readNounPhrase(rd, np)
	return true
}

// measureBefore reads the noun before "de"/"of" that a number is the value of: "une capacité de
// 837 MW", "investment of $10bn", "d'un montant de 650 millions".
func (r *run) measureBefore(rd *reading, start int) bool {
	p := start - 1
	switch {
	case r.isWord(p, "de", "of"):
	case r.apos(p) && r.isWord(p-1, "d"):
		p--
	default:
		return false
	}
	h := p - 1
	if r.toks[max(h, 0)].upper && r.toks[max(h, 0)].end-r.toks[max(h, 0)].start == 1 && r.nounWord(h-1) {
		h-- // "une levée de fonds en série C de 1,7 milliard"
	}
	var owner span
	if r.toks[max(h, 0)].upper {
		// "l'engagement précédent de Lumen de 65 milliards": the noun before the name's "de"
		// is the measure, the name its owner.
		if owner, h = r.ownerBetween(h); owner.empty() {
			return false
		}
	}
	if !r.contentWord(h) || r.toks[h].upper || r.filler(h) {
		return false // "à hauteur de" says nothing
	}
	w := r.lower(h)
	if r.lang == "fr" && (r.verbLike(h) && !(strings.HasSuffix(w, "ment") && r.detBefore(h)) || frenchFiniteVerb(w) || changeVerbFR(w)) || r.lang == "en" && r.verbAt(h) {
		// "a augmenté de 29 %", "passera de 460 à 1 000 TWh": the verb's. Not a noun in
		// "-ment" after its determiner: "l'engagement de Lumen de 65 milliards".
		return false
	}
	np := r.nounPhraseBack(h)
	if np.empty() || !r.detBefore(np.a) && !r.nounWord(r.headOf(np)) {
		return false
	}
	r.nounMeasure(rd, np)
	if !owner.empty() {
		rd.owner = owner
	}
	return true
}

// labelMeasure reads the label of a line "label: value" as the measure, the line's whole start
// up to the colon: "Capacité actuelle : 580 MW", "- Total capacity: 1.2 GW". A name there is
// whose the value is, read as any name is.
func (r *run) labelMeasure(rd *reading, start int) bool {
	colon := start - 1
	if !r.isPunct(colon, ":") || !r.contentWord(colon-1) || r.toks[colon-1].upper {
		return false
	}
	np := r.nounPhraseBack(colon - 1)
	if np.empty() {
		return false
	}
	for k := range np.a {
		if r.toks[k].kind != tkPunct {
			return false // "L'Irlande compte deux types de sites : 82 centres" lists, it labels nothing
		}
	}
	r.readNounPhrase(rd, np)
	return true
}

// ownerBetween returns the name ending at token h and the token before the "de" that opens
// it, in French: "engagement précédent de Lumen" gives Lumen and "précédent". None otherwise.
func (r *run) ownerBetween(h int) (span, int) {
	if r.lang != "fr" {
		return span{}, h
	}
	for _, e := range r.entities() {
		if e.b != h+1 {
			continue
		}
		p := e.a - 1
		if r.apos(p) && r.isWord(p-1, "d") {
			p--
		} else if !r.isWord(p, "de", "du") {
			return span{}, h
		}
		h = p - 1
		if r.contentWord(h-1) && !r.toks[h-1].upper && r.detBefore(h-1) {
			h-- // French adjectives follow the noun: "l'engagement précédent"
		}
		return e, h
	}
	return span{}, h
}

// compoundAfter reads the English noun a number qualifies: "a $650 million deal", "a
// 960-megawatt campus", "a 90% stake", or the name it qualifies: "the 2.5 GW Susquehanna
// station" is about Susquehanna.
func (r *run) compoundAfter(rd *reading, end int) bool {
	if r.lang != "en" {
		return false
	}
	if r.nameWord(end) {
		for _, e := range r.entities() {
			if e.a == end {
				rd.owner = e
				if r.nounWord(e.b) {
					r.readNounPhrase(rd, r.nounPhrase(e.b))
				}
				return true
			}
		}
		return false
	}
	if r.role(end)&roleNotName != 0 && r.toks[min(end+1, len(r.toks)-1)].end-r.toks[min(end+1, len(r.toks)-1)].start == 1 {
		end += 2 // "a $6 billion Series B round"
	}
	if !r.nounWord(end) {
		return false
	}
	np := r.nounPhrase(end)
	if np.empty() {
		return false
	}
	r.readNounPhrase(rd, np)
	return true
}

// earmarkedFor reads what an amount is set aside for, right after it: "$2.4 billion designated
// for operational expenses", "1 milliard consacré à la formation". Each amount of a breakdown
// measures its own share, not the verb that opens the list ("plans to invest $7.9 billion, with
// $5.5 billion allocated for…").
func (r *run) earmarkedFor(rd *reading, end int) bool {
	if !earmarkWords[r.lower(end)] || !r.isWord(end+1, "for", "to", "à", "au", "aux", "pour") {
		return false
	}
	np := r.nounPhrase(r.skipDeterminers(end + 2))
	if np.empty() || r.toks[np.a].upper {
		return false
	}
	r.readNounPhrase(rd, np)
	return true
}

// earmarkWords set an amount aside for something, lower-cased.
var earmarkWords = map[string]bool{"designated": true, "allocated": true, "earmarked": true, "dedicated": true,
	"reserved": true, "consacré": true, "consacrés": true, "consacrée": true, "consacrées": true, "destiné": true,
	"destinés": true, "destinée": true, "destinées": true, "alloué": true, "alloués": true, "allouée": true,
	"allouées": true, "affecté": true, "affectés": true, "affectée": true, "affectées": true, "réservé": true,
	"réservés": true, "réservée": true, "réservées": true}

// clauseMeasure returns the measure of the claim before token start in its clause, unless it is
// a count ("620 000 galettes de 300 mm") or a ratio, or "". A claim of another kind of unit
// takes it only as where the figure went: "rose 69% to $44bn", not "17 MW and €500m".
func (r *run) clauseMeasure(start int, unit string) string {
	if len(r.out) == r.first {
		return ""
	}
	prev := &r.out[len(r.out)-1]
	if claimwire.UnitKindOf(prev.Unit) == claimwire.UnitCount || prev.Unit == claimwire.UnitTimes {
		return "" // nor a ratio verb: "devrait tripler pour atteindre 12 %"
	}
	for k := start - 1; k >= 0 && r.toks[k].start >= prev.End; k-- {
		if r.clauseBreak(k) {
			return ""
		}
	}
	if claimwire.UnitKindOf(prev.Unit) != claimwire.UnitKindOf(unit) && !r.isWord(start-1, "to", "à") {
		return ""
	}
	return prev.Measure
}

// measureObject reads a measure noun with its determiner right after the claim, which the claim
// is the value of: "porte à 6 milliards d'euros la valorisation de l'entreprise".
func (r *run) measureObject(rd *reading, end int) bool {
	k := r.skipDeterminers(end)
	if k == end || k >= len(r.toks) || !r.measureNoun(k) || r.toks[k].upper {
		return false
	}
	r.readNounPhrase(rd, r.nounPhrase(k))
	return true
}

// verbMeasure takes the clause's verb or noun nearest before the claim ("Microsoft invests
// $3bn", "AWS acquired the campus for $650m"), or, when the verb's subject is a measure noun,
// that subject ("les émissions de Microsoft ont augmenté de 29 %", "its value fell by $593bn").
// amount says the claim is an amount rather than a ratio.
func (r *run) verbMeasure(rd *reading, start int, amount bool) {
	// After "for", "pour", "at" the nouns before the claim are what was bought, sold or valued:
	// the verb measures ("AWS acquired Talen's campus for $650m", "values the company at
	// €10bn"), else the first of them.
	before := r.prev(start)
	if r.amountAdjective(before) {
		before = r.prev(r.prev(before))
	}
	object := r.isWord(before, "for", "pour", "at")
	first := span{}
	for k := r.prev(start); k >= r.floor && !r.clauseBreak(k); k = r.prev(k) {
		if !r.contentWord(k) || r.toks[k].upper || r.filler(k) || r.lang == "en" && strings.HasSuffix(r.lower(k), "ly") ||
			k == r.prev(start) && (r.preNominalAt(k) || orderWords[r.lower(k)] || r.amountAdjective(k)) {
			continue // "les premiers 200 MW", "the first 150 MW": which part of it, not what it measures
		}
		if !r.verbHere(k, k == r.prev(start)) {
			np := r.nounPhraseBack(k)
			if object && !r.measureNoun(r.headOf(np)) { // "puts the cost at €3bn" is a cost
				if first.empty() && !np.empty() {
					first = np
				}
				k = min(k, np.a) // np is empty before the claim preceding this one
				continue
			}
			r.nounMeasure(rd, np)
			return
		}
		// A verb of change measures a move ("a bondi de 37 %") but not the amounts it passes
		// through: "la consommation d'eau a augmenté, passant de 1,13 à 1,85 milliard de
		// gallons" gives volumes of water, not a "passant".
		if !(amount && r.lang == "fr" && changeVerbFR(r.lower(k))) {
			rd.measure = span{k, k + 1}
		}
		s := r.prev(k)
		for s >= 0 && (r.role(s)&(roleAux|roleAdv|rolePron) != 0 && !r.toks[s].upper || r.apos(s)) {
			s = r.prev(s)
		}
		if r.nounWord(s) || r.nameWord(s) || r.compoundBack(s, r.floor) < s {
			if np := r.nounPhraseBack(s); r.measureNoun(r.headOf(np)) {
				r.nounMeasure(rd, np)
			}
		}
		return
	}
	if !first.empty() {
		r.nounMeasure(rd, first)
	}
}

// amountAdjective reports an English word between "a" or "an" and an amount, which says how the
// writer finds the amount, not what it measures: "stands at an astounding €30 billion".
func (r *run) amountAdjective(k int) bool {
	return r.lang == "en" && r.isWord(k-1, "a", "an") && !r.measureNoun(k)
}

// nounMeasure reads np as the measure, with a possessive before it as its owner: whose it is,
// over a name inside the phrase saying where or what kind ("TSMC's total US investment").
func (r *run) nounMeasure(rd *reading, np span) {
	r.readNounPhrase(rd, np)
	if p := r.possessive(np.a - 3); !p.empty() {
		rd.owner = p
	}
}

// verbHere reports whether a content word before a claim is its clause's verb rather than a
// noun: nouns take determiners and come before auxiliaries ("growth has tripled"); verbs follow
// auxiliaries and pronouns; in English, verb forms (verbAt) are verbs, so is a word right before
// the claim without a determiner (adjacent: "the system draws around 17 MW"), and a word before
// a noun or a preposition is a noun ("the energy output by 30 MW").
func (r *run) verbHere(k int, adjacent bool) bool {
	switch {
	case r.role(k+1)&roleAux != 0 && r.role(k+1)&roleDet == 0, r.detBefore(k),
		(r.isLink(k-1) || r.apos(k-1) && r.elidedWord(k-2)) && !frenchVerb(r.lower(k)):
		return false // "la croissance a triplé", "de l'électricité", "d'énergie", not "de lever"
	case r.role(k-1)&(roleAux|rolePron) != 0 && !r.toks[k-1].upper, r.apos(k-1) && r.isWord(k-2, "s", "se", "l"):
		return true
	case r.lang == "fr":
		return true
	case r.verbAt(k), adjacent:
		return true
	}
	return !r.contentWord(k+1) && r.role(k+1)&rolePrep == 0
}

// detBefore reports a determiner or possessive right before token k: "une capacité", "l'énergie",
// "its supply", "Talen's stake" (not "d'", a preposition: "d'identifier").
func (r *run) detBefore(k int) bool {
	return r.role(k-1)&roleDet != 0 || r.apos(k-1) && r.isWord(k-2, "l") ||
		!r.possessive(k-3).empty()
}

// defaultMeasure names the measure of a unit when the sentence does not: "puissance" for MW.
func (r *run) defaultMeasure(unit string) string {
	base := unit
	if claimwire.IsCurrency(unit) {
		base = "money"
	} else if u, ok := claimwire.LookupUnit(unit); ok {
		base = u.Base
	}
	if w := r.gram().defaults[base]; w != "" {
		return w
	}
	return unit
}

// readNounPhrase sets the measure to the head words of np and the owner to what its first
// complement that is no measure names: "consommation électrique de l'Irlande" → "consommation
// électrique", owner "Irlande"; "consumption by data centres" → owner "data centres"; "the
// Clinton plant" → "plant", owner "Clinton". French complements that are measures stay in the
// measure: "part de l'électricité", "consommation d'énergie des centres de données".
func (r *run) readNounPhrase(rd *reading, np span) {
	head := np
	for k := np.a + 1; k < np.b; k++ {
		if j := r.compoundAt(k - 1); j > k && j <= np.b {
			k = j - 1 // "levée de fonds", "centres de données": one noun
			continue
		}
		c, ok := r.afterLink(k)
		if !ok && r.isWord(k, "by") {
			c, ok = k+1, true
		}
		if !ok {
			continue
		}
		if head.b == np.b {
			head.b = k
		}
		comp := span{r.skipDeterminers(c), np.b}
		for j := comp.a + 1; j < comp.b; j++ {
			if r.isLink(j) {
				comp.b = j
				break
			}
		}
		if comp.empty() {
			break
		}
		if e := r.entityIn(comp); !e.empty() {
			if rd.owner.empty() {
				rd.owner = e
			}
			break
		}
		// A French complement without determiner makes a compound ("chiffre d'affaires",
		// "capacité de production"), and one that is a measure stays with it ("part de
		// l'électricité").
		bare := comp.a == c && !r.isWord(k, "du", "des", "of", "by")
		if r.measureNoun(r.headOf(comp)) || r.lang == "fr" && bare {
			if r.lang == "fr" && head.b == k {
				head.b = comp.b
			}
			k = comp.b - 1
			continue
		}
		if rd.owner.empty() && !r.numberAt(comp.b) {
			// A name further on owns it rather than the noun in between: "la centrale de Three
			// Mile Island". Not words the number itself ends: "a part of the new $100B in
			// commitments" is a part of the sum, owned by no "new".
			if rd.owner = r.entityIn(span{comp.a, np.b}); rd.owner.empty() {
				rd.owner = r.trim(span{comp.a, np.b}, maxSubjectWords)
			}
		}
		break
	}
	// Names in the head own it rather than measure it: "the Clinton plant", "U.S. electricity".
	// Not after a possessive, which names the owner: "its total U.S. commitment" is the
	// company's.
	for k := head.b - 1; k >= head.a && !r.isWord(np.a-1, possessives...); k-- {
		e := span{}
		for _, n := range r.entities() {
			if n.a <= k && k < n.b {
				e = n
			}
		}
		if e.empty() {
			continue
		}
		if rd.owner.empty() {
			rd.owner = e
		}
		if r.lang == "en" {
			head.a = e.b
		} else if k == head.a {
			head.a = e.b
		}
		break
	}
	if !head.empty() {
		rd.measure = r.trimMeasure(head)
	}
	rd.after = max(rd.after, np.b)
}

// headName reports a noun phrase whose head is a name: "de Talen", "of ESMC".
func (r *run) headName(np span) bool {
	return r.toks[r.headOf(np)].upper
}

// inEntity reports token k inside a name of the sentence.
func (r *run) inEntity(k int) bool {
	for _, e := range r.entities() {
		if e.a <= k && k < e.b {
			return true
		}
	}
	return false
}

// entityIn returns the first name inside s, or none.
func (r *run) entityIn(s span) span {
	for _, e := range r.entities() {
		if e.a >= s.a && e.b <= s.b {
			return e
		}
	}
	return span{}
}

// attributiveName returns the name an English amount at tokens [start, end) qualifies inside
// one noun phrase, a year aside: "under the $31.4 billion 2021 CHIPS and Research Act", "the
// $500 million Lumen Fund". The figure is that name's, not the sentence's subject's.
func (r *run) attributiveName(start, end int) span {
	if r.lang != "en" || !r.isWord(start-1, "the", "its", "their") {
		return span{}
	}
	k := end
	if r.yearAt(k) {
		k++
	}
	if k >= len(r.toks) || !r.toks[k].upper {
		return span{}
	}
	// The name may open with a capitalised word the lexicon reads as a unit: "CHIPS and
	// Science Act".
	ents := r.entities()
	for i, e := range ents {
		if e.a < k || e.a > k+2 {
			continue
		}
		for j := k; j < e.a; j++ {
			if !r.toks[j].upper && !r.isWord(j, "and", "&", "of") {
				return span{}
			}
		}
		name := span{k, e.b}
		// One name joined to the next by "and" or "of": "LUMEN and Research Act".
		for _, next := range ents[i+1:] {
			if next.a != name.b+1 || !r.isWord(name.b, "and", "&", "of") {
				break
			}
			name.b = next.b
		}
		return name
	}
	return span{}
}

// complementName returns the name in a complement at token k: "pour la centrale de Clinton",
// "for Intel's Magdeburg fab", "en Irlande", "par Talen". Only determiners, links and nouns
// after a determiner may come before the name: "pour soutenir ses opérations aux États-Unis" is
// a purpose, not a complement.
func (r *run) complementName(k int) span {
	if r.class(k)&tcComplement == 0 {
		return span{}
	}
	det := false
	for j := k + 1; j < len(r.toks) && j <= k+5; j++ {
		switch {
		case r.nameWord(j) || r.acronymEnd(j) > j:
			for _, e := range r.entities() {
				if e.a == j {
					return e
				}
			}
			return span{}
		case r.role(j)&roleDet != 0 || r.apos(j):
			det = true
		case r.isLink(j), r.isWord(j, "d"):
		case det && r.nounWord(j):
		default:
			return span{}
		}
	}
	return span{}
}

// investor returns the name investing an amount in what the complement at token k names, the
// nearest name before the verb of investing in its clause: "Nvidia to invest $5 billion in
// Intel" is Nvidia's, "The American e-commerce giant Amazon will invest 1.2 billion euros in
// France" Amazon's, "Microsoft, qui a investi près de 15 millions d'euros dans Mistral AI"
// Microsoft's. So is a stake in a name its holder's, the nearest name before the figure: "the
// administration took a 10 percent stake in Intel"; and money raised for a name its raiser's:
// "Meta raised $29bn for a Louisiana data centre", "while Oracle pulled $18bn in bonds for
// OpenAI". None when no such verb, no stake or no name stands before the figure.
func (r *run) investor(start, k int) span {
	var verbAt func(w string) bool
	switch {
	case r.isWord(k, "in", "into", "dans", "en", "au", "aux"):
		verbAt = func(w string) bool {
			return strings.HasPrefix(w, "invest") && !strings.HasPrefix(w, "investment") &&
				!strings.HasPrefix(w, "investiss") && !strings.HasPrefix(w, "investor") || spendingVerbs[w]
		}
	case r.isWord(k, "for", "pour"):
		verbAt = func(w string) bool { return raisingVerbs[w] }
	default:
		return span{}
	}
	verb := -1
	for j, n := r.prev(start), 0; j >= 0 && n < 6 && !r.clauseBreak(j); j, n = r.prev(j), n+1 {
		if verbAt(r.lower(j)) {
			verb = j
			break
		}
	}
	if verb < 0 && (r.isWord(k-1, "stake", "stakes", "participation") || r.isWord(r.prev(start), "de", "of") && r.isWord(r.prev(r.prev(start)), "stake", "participation")) {
		// "taking a 10 percent equity stake in Intel", "une participation de 10 % dans Lumen":
		// the holder's, before the figure
		verb = start
	}
	if verb < 0 {
		return span{}
	}
	subject := r.clauseSubject(start, span{})
	if !subject.empty() && r.isLatter(subject) {
		return span{} // "Ce dernier … a investi": the latter is read elsewhere
	}
	if subject.empty() && verb == start {
		subject = r.bodyHolder(r.clauseStart(start), start)
	}
	best := span{}
	for _, e := range r.entities() {
		if e.b <= verb && e.b > best.b && !nationality(r.lower(e.a)) && !r.clauseBetween(e.b, verb) {
			best = e
		}
	}
	if best.empty() && !subject.empty() && (r.toks[subject.a].upper || verb == start) && subject.b <= verb {
		// A name the sentence's first word hides: "Lumen to invest". A stake's holder need
		// not be named: "le gouvernement américain a acquis une participation de 10 %".
		return subject
	}
	if !best.empty() && !subject.empty() && r.toks[subject.a].upper && subject.b <= best.a && r.commaBetween(best.b, verb) {
		// A name inside a clause set between commas is not the investor: "Lumen, qui assemble
		// ses serveurs en Chine, a promis d'investir" is Lumen's.
		return subject
	}
	return best
}

// commaBetween reports a comma among tokens [from, to).
func (r *run) commaBetween(from, to int) bool {
	for j := from; j < to; j++ {
		if r.comma(j) {
			return true
		}
	}
	return false
}

// bodyHolder returns a body opening the clause at cs and holding the stake at start, which the
// subject reader takes for a verb in "-ent": "Le gouvernement américain a acquis une
// participation de 10 % dans Lumen". Only a stake's holder: a government granting aid is not
// whose the aid is.
func (r *run) bodyHolder(cs, start int) span {
	k := r.skipDeterminers(cs)
	if k == cs || k >= start || !r.isWord(k, "gouvernement", "gouvernements") {
		return span{}
	}
	end := k + 1
	for end < start && r.adjective(end) {
		end++
	}
	return span{k, end}
}

// recipient returns the name a verb of giving gives the amount at token start to, standing
// between the verb and the amount: "the Department of Commerce has awarded TSMC Arizona up to
// $6.6 billion" is TSMC Arizona's, "le gouvernement accorde à Lumen 2 milliards d'euros"
// Lumen's, not the giver's. None when anything else stands between them.
func (r *run) recipient(start int) span {
	for _, e := range r.entities() {
		if e.b != start {
			continue
		}
		v := e.a - 1
		if r.isWord(v, "à", "au", "to") {
			v-- // "accorde à Lumen"
		}
		if v >= 0 && givingVerbs[r.lower(v)] {
			return e
		}
	}
	return span{}
}

// recipientAfter returns the name an amount goes to, written after it, when a verb of giving
// stands just before it: "is granting up to 476 billion yen in subsidies to a TSMC factory",
// "will offer up to 590 billion yen ($3.9 billion) to domestic chip venture Rapidus Corp."; the
// amount's conversion in brackets and its own complement ("in subsidies", "d'aides") may stand
// between. None otherwise.
func (r *run) recipientAfter(start, end int) span {
	if !r.verbBefore(start, givingVerbs) {
		return span{}
	}
	k := r.afterConversion(end)
	if next, ok := r.afterLink(k); ok {
		k = next + 1 // "d'aides"
	} else if r.isWord(k, "in", "en") {
		k += 2 // "in subsidies"
	}
	if !r.isWord(k, "to", "à", "au", "aux") {
		return span{}
	}
	for _, e := range r.entities() {
		if e.a > k && e.a <= k+givingReach && !r.clauseBetween(k, e.a) {
			return r.possessedName(e)
		}
	}
	return span{}
}

// possessedName returns the name right after e's possessive, or e: "South Korea's Samsung
// Electronics" names the company, its country only says where it is from.
func (r *run) possessedName(e span) span {
	if !r.apos(e.b) || !r.isWord(e.b+1, "s") {
		return e
	}
	for _, n := range r.entities() {
		if n.a == e.b+2 {
			return n
		}
	}
	return e
}

// beneficiary returns the name an approved amount is for, when a verb of approving stands just
// before the amount: "the Commission approved 5 billion euros ($5.5 billion) in German state aid
// to support a plant in Dresden for Lumen Semiconductor" is Lumen Semiconductor's aid; the body
// approving it only rules on it. None when no name follows "for" or "pour" in the clause.
func (r *run) beneficiary(start, end int) span {
	if !r.verbBefore(start, approvingVerbs) {
		return span{}
	}
	k := r.afterConversion(end)
	for stop := min(len(r.toks), k+beneficiaryReach); k < stop && !r.clauseBreak(k); k++ {
		if !r.isWord(k, "for", "pour") {
			continue
		}
		name := r.skipDeterminers(k + 1)
		for _, e := range r.entities() {
			if e.a == name {
				return e
			}
		}
	}
	return span{}
}

// epithetFor returns the name an amount is "for" when the sentence calls it by an epithet: "The
// U.S. government has granted Lumen permission to export chips to Vela, unlocking a $15 billion
// investment plan for the tech giant" is Lumen's plan. The name is the sentence's before the
// amount that neither opens its clause (who grants) nor follows a preposition of place (where
// to).
func (r *run) epithetFor(start, after int) span {
	if !r.isWord(after, "for", "pour") {
		return span{}
	}
	k := r.skipDeterminers(after + 1)
	for !epithetNouns[r.lower(k)] && (r.adjective(k) || r.contentWord(k) && !r.toks[k].upper) && k < after+4 {
		k++ // "the tech giant", "le géant américain"
	}
	if !epithetNouns[r.lower(k)] {
		return span{}
	}
	opener := r.clauseSubject(start, span{})
	for _, e := range r.entities() {
		if e.b > start || !opener.empty() && e.a < opener.b && opener.a < e.b ||
			r.isWord(e.a-1, destinationWords...) || r.isWord(e.a-2, destinationWords...) && r.role(e.a-1)&roleDet != 0 {
			continue
		}
		return e
	}
	return span{}
}

// destinationWords put a name as where something goes or is: "export chips to Vela", "en
// Pologne". Such a name is no company an epithet stands for.
var destinationWords = []string{"to", "in", "into", "at", "from", "à", "en", "au", "aux", "dans", "vers"}

// epithet reports a subject that calls a company by what it is, all in lower case: "company",
// "groupe taïwanais", "concepteur californien de processeurs graphiques".
func epithet(subject string) bool {
	head, _, _ := strings.Cut(subject, " ")
	return epithetNouns[head] && strings.ToLower(subject) == subject
}

// epithetNouns name a company without its name.
var epithetNouns = map[string]bool{"giant": true, "company": true, "firm": true, "group": true, "chipmaker": true,
	"maker": true, "designer": true, "géant": true, "groupe": true, "entreprise": true, "société": true, "firme": true,
	"concepteur": true, "fabricant": true, "outfit": true}

// verbBefore reports one of verbs among the givingReach words before the amount at token start.
func (r *run) verbBefore(start int, verbs map[string]bool) bool {
	for j := start - 1; j >= max(0, start-givingReach); j-- {
		if verbs[r.lower(j)] {
			return true
		}
	}
	return false
}

// afterConversion returns the token after the amount ending at end and its conversion in
// brackets, if any: "5 billion euros ($5.5 billion)".
func (r *run) afterConversion(end int) int {
	k := end
	if r.class(k)&tcOpen != 0 {
		for k < len(r.toks) && r.class(k)&tcClose == 0 {
			k++
		}
		k++
	}
	return k
}

// beneficiaryReach is how many words after an approved amount the name it is for is looked
// for: the aid's purpose may stand between ("to support a new plant in Dresden").
const beneficiaryReach = 16

// approvingVerbs rule on an amount another gives or receives, lower-cased: the body approving
// state aid is not whose the aid is.
var approvingVerbs = map[string]bool{"approve": true, "approves": true, "approved": true, "approving": true,
	"approval": true, "clears": true, "cleared": true, "authorises": true, "authorised": true, "authorizes": true,
	"authorized": true, "approuve": true, "approuvé": true, "approuvée": true, "approuver": true, "autorise": true,
	"autorisé": true, "autorisée": true, "autoriser": true, "valide": true, "validé": true, "validée": true}

// givingReach is how many words may stand between a verb of giving and the amount it gives, or
// between "to" and the name the amount goes to ("to domestic chip venture Rapidus").
const givingReach = 4

// givingVerbs give an amount to the name after them, lower-cased.
var givingVerbs = map[string]bool{"award": true, "awards": true, "awarded": true, "awarding": true, "grant": true,
	"grants": true, "granted": true, "granting": true, "give": true, "gives": true, "gave": true, "giving": true,
	"offer": true, "offers": true, "offered": true, "offering": true, "accorde": true, "accordé": true, "accorder": true,
	"accordera": true, "octroie": true, "octroyé": true, "octroyer": true, "attribue": true, "attribué": true,
	"verse": true, "versé": true, "verser": true, "alloue": true, "alloué": true}

// receiver returns the named subject of the claim's clause when a verb of receiving stands
// between it and the claim: in "Lumen devait bénéficier d'une aide publique de l'Allemagne à
// hauteur de 6,8 milliards" the aid is Lumen's, Germany only gives it.
func (r *run) receiver(start int, measure span) span {
	for j := r.prev(start); j >= 0 && !r.clauseBreak(j); j = r.prev(j) {
		if !receivingVerbs[r.lower(j)] {
			continue
		}
		if s := r.clauseSubject(start, measure); !s.empty() && s.b <= j && r.toks[s.a].upper {
			return s
		}
		return span{}
	}
	return span{}
}

// receivingVerbs receive what another gives, lower-cased.
var receivingVerbs = map[string]bool{"receive": true, "receives": true, "received": true, "receiving": true,
	"get": true, "gets": true, "got": true, "obtain": true, "obtains": true, "obtained": true, "bénéficier": true,
	"bénéficie": true, "bénéficiera": true, "bénéficié": true, "recevoir": true, "reçoit": true, "recevra": true,
	"reçu": true, "obtenir": true, "obtient": true, "obtiendra": true, "obtenu": true}

// spendingVerbs spend an amount where the complement after it says: "Lumen plans to spend $20
// billion in Texas" is Lumen's, not Texas's.
var spendingVerbs = map[string]bool{"spend": true, "spends": true, "spent": true, "spending": true,
	"dépenser": true, "dépensera": true, "dépense": true, "dépensé": true, "injecter": true, "injectera": true}

// raisingVerbs raise money from others, lower-cased: the sum is the raiser's, whatever it is for.
var raisingVerbs = map[string]bool{"raise": true, "raises": true, "raised": true, "raising": true,
	"secure": true, "secures": true, "secured": true, "securing": true, "pulled": true, "borrowed": true,
	"borrows": true, "lève": true, "levé": true, "lever": true, "levée": true, "emprunté": true, "emprunte": true}

// clauseBetween reports a clause break among tokens [from, to): not a relative clause's commas
// ("Microsoft, qui a investi") nor an acronym's brackets ("Amazon Web Services (AWS) has
// revealed plans to invest").
func (r *run) clauseBetween(from, to int) bool {
	for j := from; j < to; j++ {
		if r.hardStop(j) && r.class(j)&(tcOpen|tcClose) == 0 || r.class(j)&tcThat != 0 {
			return true
		}
	}
	return false
}

// clauseSubject returns the subject of the claim's clause: the antecedent of a relative pronoun
// opening it ("la centrale de Three Mile Island, en Pennsylvanie, qui délivre 837 MW"), else
// its first noun phrase or name after conjunctions, adverbs and prepositional phrases; a name
// rather than the phrase holding it as a complement ("les émissions de Microsoft"); none when the
// phrase is a measure ("la consommation a atteint 5 TWh").
func (r *run) clauseSubject(start int, measure span) span {
	cs := r.clauseStart(start)
	if cs != r.subjectOf {
		r.subjectNP, r.subjectSpan = r.subjectPhrase(cs, start)
		r.subjectOf = cs
		if r.subjectNP.empty() {
			r.subjectOf = -1 // a later claim of the clause may have a phrase before it
		}
	}
	np := r.subjectNP
	if np.empty() && r.coordinatedPredicate(cs) {
		// "The plant will be located in Dresden, Germany, and is expected to create over 7,000
		// jobs": a predicate joined to the sentence's first clause shares its subject.
		first := cs
		for first > 0 && r.toks[first-1].start >= r.sStart {
			first--
		}
		if _, subject := r.subjectPhrase(first, r.prev(cs)); !subject.empty() {
			return subject
		}
	}
	if np.empty() {
		if f := r.frontedName(cs, start); !f.empty() || !r.participleClause(cs) || !r.entityIn(span{cs, start}).empty() {
			return f
		}
		// "Lumen's campus is large, projected to span 11 buildings": a participle after a
		// comma opens a clause without a subject of its own, the main clause's. Unless it names
		// whose the figure is: "giving Orbis a valuation of €10 billion".
		comma := r.prev(cs)
		main := comma
		for p := r.prev(comma); p >= 0 && !r.clauseBreak(p) && !r.subordinator(p); p = r.prev(p) {
			main = p
		}
		if main != comma && r.comma(r.prev(main)) && r.verbIn(main, comma) {
			// The main clause follows an apposition to the name the sentence opens with: "Lumen,
			// a cloud firm, has announced plans …, intending to add $100 billion".
			if e := r.apposedName(main); !e.empty() {
				return e
			}
		}
		if main == comma || r.comma(r.prev(main)) || !r.verbIn(main, comma) {
			return span{} // "Lumen, a cloud firm in Texas, raised": an apposition, the verb its clause's
		}
		_, subject := r.subjectPhrase(main, comma)
		return subject
	}
	if np.b >= start || np.a < measure.b && measure.a < np.b {
		return span{} // "a significant rise from 5%" names the measure
	}
	return r.subjectSpan
}

// coordinatedPredicate reports a clause at token cs that opens, after a comma, with "and" or
// "et" and an auxiliary: a second predicate of the sentence's subject, not a clause of its own.
func (r *run) coordinatedPredicate(cs int) bool {
	k := cs
	if !r.isWord(k, "and", "et") {
		k = r.prev(cs) // the clause may open after its conjunction
		if !r.isWord(k, "and", "et") {
			return false
		}
	}
	return r.comma(r.prev(k)) && r.isWord(k+1, auxiliaries...)
}

// auxiliaries open a predicate whose subject is left unsaid after "and" or "et".
var auxiliaries = []string{"is", "are", "was", "were", "will", "would", "could", "should", "has", "have", "had",
	"est", "sont", "sera", "seront", "va", "vont", "devrait", "devraient", "pourrait", "pourraient"}

// verbIn reports a verb among tokens [a, b).
func (r *run) verbIn(a, b int) bool {
	for k := a; k < b; k++ {
		if r.verbAt(k) {
			return true
		}
	}
	return false
}

// participleClause reports an English clause opening at token cs with a participle right after
// a comma: ", projected to use 2 GW", ", bringing the total to 40".
func (r *run) participleClause(cs int) bool {
	if r.lang != "en" || r.toks[cs].upper || !r.comma(r.prev(cs)) {
		return false
	}
	w := r.lower(cs)
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")
}

// isLatter reports a subject standing for the last name before it: "ce dernier", "cette
// dernière", "celui-ci", "the latter".
func (r *run) isLatter(s span) bool {
	last := s.b - 1
	switch {
	case r.isWord(last, "dernier", "dernière", "derniers", "dernières"):
		return r.isWord(last-1, "ce", "cette", "ces")
	case r.isWord(last, "latter"):
		return r.isWord(last-1, "the")
	}
	return s.b == s.a+1 && r.isWord(s.a, "celui-ci", "celle-ci", "ceux-ci", "celles-ci")
}

// openingNameOf returns the name the sentence opens with, a run of capitalised words that a
// lower-case word follows, most often its verb ("Intel souhaite construire deux usines"), and
// whether it can be nothing but a name (several words, inner capitals); else "Construction
// began" would be one, and pronounAntecedent asks the text to write it mid-sentence too. pronoun
// reports a sentence opening with "it", "il" or "elle" instead, which goes on about the name
// before.
func (r *run) openingNameOf() (o opening, pronoun bool) {
	return r.openingNameFrom(0, true)
}

// openingNameFrom reads the opening name of the sentence from token k, past a dateline when
// orDateline.
func (r *run) openingNameFrom(k int, orDateline bool) (o opening, pronoun bool) {
	for k < len(r.toks) && r.toks[k].kind == tkPunct {
		k++ // an opening quote or dash
	}
	a := k
	for k < len(r.toks) && r.toks[k].kind == tkWord && r.toks[k].upper && !r.functionWord(k) && r.lexBits(r.lexClass(k)).role()&roleNotName == 0 {
		k++
	}
	if k == a {
		return opening{}, r.isWord(a, "it", "il", "elle") || r.epithetOpening(a)
	}
	end := k
	if story := r.dateline(a, end); story > 0 {
		if orDateline {
			return r.openingNameFrom(story, false)
		}
		return opening{}, false
	}
	if r.isPunct(k, "(") {
		// A bracket saying where or what the name is: "Johor (Malaisie) est devenu".
		for j := k + 1; j < len(r.toks) && j <= k+maxBracketWords; j++ {
			if r.isPunct(j, ")") {
				k = j + 1
				break
			}
		}
	}
	if k >= len(r.toks) || !r.isPunct(k, ",") && (r.toks[k].kind != tkWord || r.toks[k].upper) {
		return opening{}, false // a comma may open an apposition: "Microsoft, which has 22,000 staff, said"
	}
	return opening{name: r.text[r.toks[a].start:r.toks[end-1].end], sure: end-a > 1 || r.nameAtStart(a)}, false
}

// epithetOpening reports a sentence opening at token a on a company's epithet ("The outfit
// hopes", "L'entreprise prévoit"), which, as a pronoun, stands for the name before. Token
// classes may be another sentence's here, so words are read as written.
func (r *run) epithetOpening(a int) bool {
	switch {
	case r.isWord(a, "the", "le", "la", "ce", "cette"):
		a++
	case r.isWord(a, "l") && r.isPunct(a+1, "'", "’"):
		a += 2
	default:
		return false
	}
	return epithetNouns[r.lower(a)]
}

// dateline returns the token after a wire story's dateline at tokens [a, end) and its dash, 0
// for none: a town in capitals, then its date or its agency, "SEOUL, Jan. 28 (Korea Bizwire) —",
// "AMSTERDAM (Reuters) -". It says where the story was filed, not whose the figures are.
func (r *run) dateline(a, end int) int {
	for k := a; k < end; k++ {
		if w := r.str(k); len(w) < 3 || strings.ToUpper(w) != w {
			return 0
		}
	}
	if !(r.isPunct(end, ",") && end+1 < len(r.toks) && months[r.lower(end+1)] || r.isPunct(end, "(")) {
		return 0
	}
	for k := end; k < len(r.toks) && k <= end+datelineTokens; k++ {
		if r.isPunct(k, "-", "—", "–") && !r.glued(k) {
			return k + 1
		}
	}
	return 0
}

// datelineTokens bounds the tokens of a dateline's date and agency: "Jan. 28 (Korea Bizwire)".
const datelineTokens = 10

// maxBracketWords bounds the bracket openingNameOf passes between a name and its verb.
const maxBracketWords = 6

// opening is the name a sentence opens with (openingNameOf).
type opening struct {
	name string
	sure bool // it can only be a name; else the text must write it mid-sentence too
}

// functionWord reports a word that has a role in either language or is a stop word ("In",
// "Je", "AI"), whatever the sentence's language, which is not known for every sentence.
func (r *run) functionWord(k int) bool {
	wc := r.lexClass(k)
	return r.toks[k].flags&(flagStopFR|flagStopEN) != 0 || (wc.bits[0]|wc.bits[1]).role() != 0 || wc.class&classOther != 0
}

// lexClass returns what the lexicon knows of the word at token k, whatever the sentence's
// token classes (classify) hold.
func (r *run) lexClass(k int) *wordClass {
	t := &r.toks[k]
	return &r.e.classes[r.e.words.get(r.key[t.lo:t.hi])]
}

// lexBits returns the class bits the lexicon gives word class wc in the sentence's language.
func (r *run) lexBits(wc *wordClass) tokClass {
	if r.lang == "fr" {
		return wc.bits[0]
	}
	return wc.bits[1]
}

// writtenMidSentence reports name written after a lower-case word or a comma in text.
func writtenMidSentence(text, name string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], name)
		if i < 0 {
			return false
		}
		i += from
		if i >= 2 && text[i-1] == ' ' {
			if c, _ := utf8.DecodeLastRuneInString(text[:i-1]); unicode.IsLower(c) || c == ',' {
				return true
			}
		}
		from = i + len(name)
	}
}

// nameReach bounds, in bytes on either side of a sentence, where a name is looked for written
// mid-sentence: the cost of a pronoun stays flat however long the article.
const nameReach = 4096

// pronounAntecedent returns what "it", "il" or "elle" opening the claim's clause stands for
// when the sentence names no one before it: the name the sentence before opens with ("Intel
// souhaite construire deux usines. Pour y parvenir, elle a prévu d'investir 20 milliards").
func (r *run) pronounAntecedent(start int) string {
	if r.opener.name == "" {
		return ""
	}
	k := r.clauseStart(start)
	for k < start && (r.role(k)&(roleConj|roleAdv) != 0 || r.toks[k].kind == tkPunct) {
		k++
	}
	if !r.isWord(k, "it", "il", "elle") || !r.entityIn(span{0, k}).empty() {
		return ""
	}
	return r.openerName()
}

// openerName returns the name the sentence before opens with, when it can only be a name.
func (r *run) openerName() string {
	if r.opener.name == "" || !r.opener.sure && !writtenMidSentence(r.text[max(0, r.sStart-nameReach):min(len(r.text), r.sEnd+nameReach)], r.opener.name) {
		return ""
	}
	return r.opener.name
}

// lastNameOf returns the last name of the sentence, capitalised words not opening it ("…le
// soutien d'une pointure du secteur : Microsoft."), as written.
func (r *run) lastNameOf() string {
	k := len(r.toks) - 1
	for k > 0 && !(r.toks[k].kind == tkWord && r.toks[k].upper) {
		k--
	}
	if k < 1 {
		return ""
	}
	a := k
	for a > 1 && r.toks[a-1].kind == tkWord && r.toks[a-1].upper {
		a--
	}
	return r.text[r.toks[a].start:r.toks[k].end]
}

// frontedName returns the name a sentence opens with before a comma, when the clause after it,
// starting at token cs, opens with no subject of its own: "Lumen, too, rose 9%", "Orange,
// meanwhile, spent…". None where the name is not all of the sentence's first clause.
func (r *run) frontedName(cs, start int) span {
	comma := r.prev(cs)
	if comma < 1 || !r.comma(comma) {
		return span{}
	}
	first := comma - 1
	for first > 0 && r.toks[first-1].start >= r.sStart && !r.clauseBreak(first-1) {
		first--
	}
	if first > 1 && r.comma(first-1) && start > comma && r.insertion(first, comma) {
		// "Les fermes laitières, quant à elles, absorbent 4 %": an insertion stands
		// between the sentence's subject and its verb; the subject may be a common noun's.
		return r.subjectBefore(first - 1)
	}
	if r.toks[first].start < r.sStart || first > 0 && r.toks[first-1].start >= r.sStart {
		if start > comma && r.role(first-1)&roleRel != 0 && !r.toks[first-1].upper && r.role(cs)&roleConj == 0 {
			// "Ce dernier qui est déjà partenaire d'OpenAI, a investi": the relative's antecedent,
			// not a name inside the relative clause. Not after "and": "…in Anthropic, which had
			// raised $1.1 billion, and took a 10% stake" is the sentence subject's.
			return r.relativeAntecedent(first - 1)
		}
		if start > comma {
			if e := r.apposedTo(first); !e.empty() {
				return e // "Anthropic, one of the hottest start-ups, raised"
			}
			return r.openingRelative(first)
		}
		return span{} // the clause before the comma is not the sentence's first
	}
	first = r.skipDeterminers(first)
	if first >= comma || !r.toks[first].upper || first+1 == comma && r.role(first)&(roleAdv|roleConj) != 0 {
		return span{} // nor an adverb the sentence opens with: "Thus, the five centres will need…"
	}
	if np := r.nounPhrase(first); np.b == comma && start > comma {
		return np
	}
	return span{}
}

// insertions set a subject against others' without naming anything: "quant à elles", "for
// their part", "meanwhile", a stressed pronoun ("Le cloud, lui, enregistre").
var insertions = map[string]bool{"quant à eux": true, "quant à elles": true, "quant à lui": true, "quant à elle": true,
	"pour leur part": true, "pour sa part": true, "de leur côté": true, "de son côté": true, "eux aussi": true,
	"elles aussi": true, "elle aussi": true, "lui aussi": true, "à leur tour": true, "à son tour": true,
	"en revanche": true, "lui": true, "elle": true, "eux": true, "elles": true, "for their part": true, "for its part": true, "meanwhile": true, "in turn": true,
	"too": true, "also": true, "however": true}

// insertion reports tokens [first, comma) making one of insertions.
func (r *run) insertion(first, comma int) bool {
	if comma-first > 4 {
		return false
	}
	return insertions[strings.ToLower(r.text[r.toks[first].start:r.toks[comma-1].end])]
}

// subjectBefore returns the noun phrase opening the sentence and ending at the comma at token
// comma, or none: the subject an insertion follows.
func (r *run) subjectBefore(comma int) span {
	first := comma - 1
	for first > 0 && r.toks[first-1].start >= r.sStart && !r.clauseBreak(first-1) {
		first--
	}
	if first > 0 && r.toks[first-1].start >= r.sStart {
		return span{} // the phrase does not open the sentence
	}
	first = r.skipDeterminers(first)
	if np := r.nounPhrase(first); !np.empty() && np.b <= comma {
		return np
	}
	return span{}
}

// subjectPhrase returns the subject phrase of the clause starting at token cs, before token
// start, and the subject it names: the antecedent of a relative pronoun before cs, or the first
// noun phrase after conjunctions, adverbs and prepositional phrases. Claims of one clause share
// them (see clauseSubject).
func (r *run) subjectPhrase(cs, start int) (np, subject span) {
	if rel := r.prev(cs); rel >= 0 && r.role(rel)&roleRel != 0 && !r.toks[rel].upper {
		return span{rel, rel + 1}, r.relativeAntecedent(rel)
	}
	k := cs
	for k < start {
		switch ro := r.role(k); {
		case ro&(roleConj|roleAdv) != 0 && (!r.toks[k].upper || r.toks[k].start == r.sStart), r.toks[k].kind == tkPunct,
			r.lang == "en" && ro == 0 && englishAdverb(r.lower(k)):
			k++
			continue
		case ro&rolePrep != 0 && !r.nameWord(k):
			// "Selon l'AIE", "In 2023", "D'ici à 2028": no subject.
			k = r.skipDeterminers(k + 1)
			for k < start && (r.npWord(k) || r.toks[k].kind == tkNum) {
				k++
			}
			continue
		}
		break
	}
	k = r.skipDeterminers(k)
	if k >= start {
		return span{}, span{}
	}
	np = r.nounPhrase(k)
	if np.empty() || r.role(np.a)&rolePron != 0 || r.lang == "en" && strings.HasSuffix(r.lower(np.a), "ing") && !r.detBefore(np.a) ||
		r.lang == "en" && (strings.HasSuffix(r.lower(np.a), "ed") || np.a > cs && englishAdverb(r.lower(np.a-1))) && !r.detBefore(np.a) && r.role(np.a+1)&rolePrep != 0 ||
		r.lang == "fr" && !r.toks[np.a].upper && !r.detBefore(np.a) ||
		r.lang == "fr" && frenchParticiple(r.lower(np.a)) && !r.detBefore(np.a) && r.role(np.a+1)&rolePrep != 0 ||
		np.b < len(r.toks) && (r.toks[np.b].kind == tkNum || r.isCurrencyAt(np.b)) {
		// "It said", "Spanning 40,000 m²", "Powered by 200,000 GPUs", "Reportedly spread over",
		// "Portée par une enveloppe", "The remaining €150bn": no subject. Nor a French common
		// noun without a determiner, most often a verb the lexicon does not list: "Le cloud,
		// lui, enregistre une hausse de 21 %".
		return span{}, span{}
	}
	return np, r.phraseSubject(np)
}

// clauseStart returns the first token of the clause holding token start. Claims come in order,
// so the clause start of the claim before serves again when no clause break stands between them.
func (r *run) clauseStart(start int) int {
	from := start
	if r.clauseOf >= 0 && r.clauseOf <= start {
		from = r.clauseOf
		for k := r.clauseOf; k < start; k++ {
			if r.clauseBreak(k) {
				from = start
				break
			}
		}
	}
	cs := start
	if from < start {
		cs = r.clauseFrom
	} else {
		for p := r.prev(cs); p >= 0 && !r.clauseBreak(p) && !r.subordinator(p); p = r.prev(p) {
			cs = p
		}
	}
	r.clauseOf, r.clauseFrom = start, cs
	return cs
}

// subordinator reports a conjunction (or a verb reporting speech) opening a clause of its own,
// with its own subject, before a determiner: "The deal comes weeks after the U.S. government took a stake with an $8.9 billion
// investment" is the government's. Not before a possessive, which points back to the main
// clause's subject: "The chip maker hit $4 trillion when its share price pushed through $163.69".
func (r *run) subordinator(k int) bool {
	next := k + 1
	if r.isWord(k, "tandis", "alors") {
		if !r.isWord(next, "que", "qu") {
			return false
		}
		next++ // "tandis que le titre Orbis progresse de 3 %"
	} else if r.figuresShow(k - 1) {
		// What figures show has a subject of its own, not the office giving them: "The CSO
		// figures show large energy users accounted for 30 per cent".
		return true
	} else if r.isWord(k, "said", "says", "say") {
		// Speech reported without "that" has a subject of its own: "Trump said Lumen would
		// build a 250,000-square-foot factory" is Lumen's.
		return r.toks[next].kind == tkWord && r.toks[next].upper && r.nameWord(next) ||
			r.role(next)&roleDet != 0 && !r.isWord(next, "its", "their", "his", "her", "our")
	} else if !r.isWord(k, "after", "before", "while", "whereas", "although", "because", "when", "once", "lorsque", "quand", "puisque") {
		return false
	}
	return r.role(next)&roleDet != 0 && !r.isWord(next, possessives...)
}

// openingRelative returns the name a sentence opens with when a relative clause holding commas
// of its own follows it up to token first: "Rapidus, which chose Chitose, near Sapporo, as the
// location for its fab, had already obtained 70 billion yen" is Rapidus's. None when another
// clause comes between.
func (r *run) openingRelative(first int) span {
	for k := first - 1; k > 1 && r.toks[k-1].start >= r.sStart && !r.hardStop(k); k-- {
		if r.role(k)&roleRel == 0 || r.toks[k].upper || !r.comma(k-1) {
			continue
		}
		opening := k - 1
		for opening > 0 && r.toks[opening-1].start >= r.sStart {
			opening--
		}
		if r.crosses(opening, k-1) {
			return span{}
		}
		return r.relativeAntecedent(k)
	}
	return span{}
}

// relativeAntecedent returns what the relative pronoun at token rel stands for: the name or noun phrase
// before it, across a parenthesis of place (", en Pennsylvanie, qui").
func (r *run) relativeAntecedent(rel int) span {
	k := r.prev(rel)
	if r.comma(k) {
		k = r.prev(k)
	}
	if r.toks[max(k, 0)].kind == tkNum && r.role(k-1)&rolePrep != 0 {
		k -= 2 // "that of urban households in 2023, which"
	}
	if r.lang == "fr" && k > 0 && r.comma(k-1) && frenchParticiple(r.lower(k)) {
		// A participle set between commas describes the noun before it: "le plan initial
		// d'Orbis, annoncé en 2021, qui prévoyait".
		k = r.prev(k - 1)
	}
	if k < 0 || !r.npWord(k) {
		return span{}
	}
	np := r.nounPhraseBack(k)
	if r.toks[np.a].upper && r.isWord(np.a-1, "in", "en", "dans", "au", "aux") {
		// A place closing the phrase is where the thing the pronoun stands for is: the noun
		// before it ("la région Orbis Cloud en Belgique, qui"), or, when that names nothing,
		// its clause's subject: "Lumen pledged two fabs in Texas and one in Utah, which will
		// create 2,000 jobs" are Lumen's jobs.
		if k := r.prev(np.a - 1); k >= 0 && r.npWord(k) {
			if s := r.phraseSubject(r.nounPhraseBack(k)); !s.empty() && r.toks[s.a].upper {
				return s
			}
		}
		return r.clauseSubject(np.a-1, span{})
	}
	return r.phraseSubject(np)
}

// phraseSubject returns the subject a noun phrase names: the phrase itself, or the name in its
// complement ("centrale de Three Mile Island" → "Three Mile Island"); none for a measure.
func (r *run) phraseSubject(np span) span {
	if np.empty() {
		return np
	}
	for _, e := range r.entities() {
		if e.a == np.a && r.rankScope(e) {
			return span{} // "Europe's Most Valuable AI Startup at $11.7B" ranks, it owns nothing
		}
	}
	head := r.headOf(np)
	if r.toks[head].upper {
		for _, e := range r.entities() {
			if e.a <= head && head < e.b {
				return e
			}
		}
	}
	var rd reading
	r.readNounPhrase(&rd, np)
	switch {
	case !rd.owner.empty() && r.toks[rd.owner.a].upper && rd.owner.a > head:
		return rd.owner // a complement: "émissions de Microsoft"
	case r.measureNoun(head), r.filler(head):
		return span{} // "la consommation a atteint": the measure, not what it is about
	}
	return r.trim(np, maxSubjectWords)
}

// numberAt reports a number at token k, or a currency sign before one: "$100B".
func (r *run) numberAt(k int) bool {
	for j := k; j < len(r.toks) && j <= k+1; j++ {
		if r.toks[j].kind == tkNum {
			return true
		}
		if r.toks[j].kind == tkWord {
			return false
		}
	}
	return false
}

// possessiveBefore reports a possessive determiner opening the measure's noun phrase: "its total
// U.S. commitment", "leur capacité".
func (r *run) possessiveBefore(measure span) bool {
	if measure.empty() {
		return false
	}
	for k := measure.a - 1; k >= 0 && k >= measure.a-possessiveReach && r.toks[k].start >= r.sStart && r.toks[k].kind != tkNum && !r.clauseBreak(k); k-- {
		if r.isWord(k, possessiveDeterminers...) {
			return true
		}
	}
	return false
}

// possessiveReach is how many tokens before its measure a possessive determiner may stand: "its
// total U.S. commitment" (the dots of "U.S." are tokens).
const possessiveReach = 7

// possessiveDeterminers point back to a name told before them.
var possessiveDeterminers = []string{"its", "their", "sa", "son", "ses", "leur", "leurs"}

// possessives are the possessive determiners, people's too: "his", "her", "our".
var possessives = append([]string{"his", "her", "our"}, possessiveDeterminers...)

// apposedName returns the name the sentence opens with, before token end, when an apposition
// follows it: "TSMC, the chipmaker,", "Lumen, the Texan cloud company," (a capitalised word
// alone, which opens the sentence, is a name there).
func (r *run) apposedName(end int) span {
	if e := r.openingName(end); !e.empty() && r.comma(e.b) {
		return e
	}
	k := 0
	for k < end && r.toks[k].kind == tkPunct {
		k++ // a bullet
	}
	if k+2 < end && r.toks[k].kind == tkWord && r.toks[k].upper && r.comma(k+1) && r.role(k+2)&roleDet != 0 {
		return span{k, k + 1}
	}
	return span{}
}

// openingName returns the name the sentence opens with, ending before token start, or none.
func (r *run) openingName(start int) span {
	for _, e := range r.entities() {
		if e.b <= start && r.toks[e.a].start >= r.sStart && (e.a == 0 || r.toks[e.a-1].start < r.sStart) {
			return e
		}
	}
	return span{}
}

// nearestEntity returns the name nearest the claim in its sentence, those before it and in its
// clause first, outside the claim and not counted by another number: in "76 entreprises ont
// soumis des propositions dans 16 États membres" the member states are a count of their own,
// not whose the 76 are. Nor is the name right after what a claim counts, which says their make:
// "250 000 GPU Nvidia" in a cloud firm's data centres are the firm's; nor the scope of a
// ranking (rankScope).
func (r *run) nearestEntity(start, end int, counts bool) (span, bool) {
	best, bestD := span{}, -1
	for _, e := range r.entities() {
		if e.a > 0 && r.toks[e.a-1].kind == tkNum && !r.yearAt(e.a-1) || counts && e.a == end || r.rankScope(e) || r.citedSource(e) {
			continue
		}
		var d int
		switch {
		case e.b <= start:
			d = start - e.b
			if r.crosses(e.b, start) && !r.reportedBy(e.b, start) {
				d += 20
			}
		case e.a >= end:
			if r.sentenceBreak(end, e.a) {
				continue // "Over €100 billion in investments announced; a campus planned in Rungis"
			}
			d = 2 * (e.a - end)
			if r.crosses(end, e.a) {
				d += 20
			}
		default:
			continue
		}
		if bestD < 0 || d < bestD {
			best, bestD = e, d
		}
	}
	return r.apposed(best), bestD >= 0
}

// apposed returns the name that an apposition holding e describes, or e: in "Alphabet, la
// maison mère de Google, prévoit…" Google only says which Alphabet; the figures are Alphabet's.
// An apposition opens with a comma and a determiner right after a name, and a comma closes it:
// "En Italie, un datacenter de 85 MW vient d'ouvrir à Vela." is a clause of its own, Vela's.
func (r *run) apposed(e span) span {
	if e.empty() {
		return e
	}
	k := e.a
	for k >= 0 && !r.clauseBreak(k) {
		k = r.prev(k)
	}
	if k < 1 || !r.comma(k) || k+1 >= e.a || r.role(k+1)&roleDet == 0 || r.toks[k+1].upper {
		return e
	}
	end := e.b
	for end < len(r.toks) && !r.clauseBreak(end) {
		end++
	}
	if end >= len(r.toks) || !r.comma(end) {
		return e
	}
	for _, n := range r.entities() {
		if n.b == k {
			return n
		}
	}
	return e
}

// apposedTo returns the name an apposition starting at token first stands beside, when the name
// opens its sentence or follows a fronted phrase: "Anthropic, one of the hottest start-ups, …",
// "Last May, Lumen, a cloud firm, …". The apposition opens with a determiner or "one of".
func (r *run) apposedTo(first int) span {
	c := first - 1
	if c < 1 || !r.comma(c) || r.toks[first].upper || r.role(first)&roleDet == 0 && !r.isWord(first, "one", "l'un", "l'une") {
		return span{}
	}
	for _, e := range r.entities() {
		if e.b == c && (e.a == 0 || r.toks[e.a-1].start < r.sStart || r.comma(e.a-1)) {
			return e
		}
	}
	return span{}
}

// yearAt reports a number token of four digits that reads as a year, as readNumber reads one:
// "in 2024 Microsoft spent" names Microsoft.
func (r *run) yearAt(k int) bool {
	w := r.str(k)
	return len(w) == 4 && w >= "1000" && w < "2200"
}

// crosses reports a clause break between tokens a and b.
func (r *run) crosses(a, b int) bool {
	for k := a; k < b; k++ {
		if r.clauseBreak(k) {
			return true
		}
	}
	return false
}

// sentenceBreak reports a semicolon, a bullet or a question or exclamation mark between tokens a
// and b, past which a sentence says no more of a figure before it. Not a dash or a bracket,
// which may close an aside the figure stands in.
func (r *run) sentenceBreak(a, b int) bool {
	for k := a; k < b; k++ {
		switch r.text[r.toks[k].start:r.toks[k].end] {
		case ";", "•", "|", "?", "!":
			return true
		}
	}
	return false
}

// rankScope reports a possessive name that a superlative follows, the scope of a ranking, not
// an owner: "Lumen is Europe's most valuable AI firm"; or the capitalised words a headline
// ranks with: "Europe's Most Valuable AI Startup".
func (r *run) rankScope(e span) bool {
	if r.lang != "en" {
		return false
	}
	ranks := func(k int) bool { return r.isWord(k, superlatives...) && r.apos(k-2) && r.isWord(k-1, "s") }
	return ranks(e.b+2) || ranks(e.a) || ranks(e.a-1)
}

// superlatives rank a name among others.
var superlatives = []string{"most", "largest", "biggest", "first", "top", "leading", "second-largest", "fastest"}

// citedSource reports a name the sentence cites as its source, after the claim: "…, according to
// CNBC", "…, selon l'Insee", "…, per Nikkei Asia", "citing Reuters", "as reported by Bloomberg".
// It tells who reports the figure, not whose it is.
func (r *run) citedSource(e span) bool {
	k := r.skipBack(e.a-1, "the", "l", "le", "la", "les")
	switch {
	case r.isWord(k, "to") && r.isWord(k-1, "according"):
		return true
	case r.isWord(k, "selon", "per", "citing"):
		return true
	case r.isWord(k, "by") && r.isWord(k-1, "reported"):
		return true
	case r.figuresShow(e.b):
		return true // "The CSO figures show …"
	case r.isWord(k, "de", "d") && r.isWord(r.skipBack(k-1), "chiffres", "données", "statistiques") && r.figuresShow(r.skipBack(k-1)):
		return true // "Les chiffres de l'Insee montrent …"
	case r.isWord(k, "après") && r.isWord(r.skipBack(k-1), "d"):
		return true
	}
	return false
}

// figuresShow reports figures named at token k that a verb after them says show something:
// "figures show", "data indicate", "les chiffres … montrent". Their giver is a source.
func (r *run) figuresShow(k int) bool {
	if !r.isWord(k, "figures", "data", "statistics", "chiffres", "données", "statistiques") {
		return false
	}
	for j := k + 1; j <= k+4 && j < len(r.toks); j++ {
		if r.isWord(j, "show", "shows", "showed", "indicate", "indicates", "reveal", "reveals", "montrent", "indiquent", "révèlent") {
			return true
		}
		if r.clauseBreak(j) {
			return false
		}
	}
	return false
}

// skipBack returns the token at or before k that is none of words, nor an apostrophe.
func (r *run) skipBack(k int, words ...string) int {
	for k >= 0 && (r.apos(k) || len(words) > 0 && r.isWord(k, words...)) {
		k--
	}
	return k
}

// reportedBy reports tokens [a, b) crossing only into a reported clause whose subject is a
// pronoun, which stands for the name reporting it: in "Lumen a déclaré qu'elle investirait 600
// millions d'euros … aux États-Unis" the amount is Lumen's.
func (r *run) reportedBy(a, b int) bool {
	reported := false
	for k := a; k < b; k++ {
		if !r.clauseBreak(k) {
			continue
		}
		p := k + 1
		if r.apos(p) {
			p++
		}
		if r.class(k)&tcThat == 0 || !r.isWord(p, "il", "elle", "ils", "elles", "it", "they") {
			return false
		}
		reported = true
	}
	return reported
}

// prev returns the token before k, passing over a parenthesis and over an insertion between
// commas that opens with a relative pronoun or a preposition: in "La production de cette
// centrale, qui devait fermer en 2027, dépassera 1,15 GW" the word before the claim is
// "centrale".
func (r *run) prev(k int) int {
	p := k - 1
	switch {
	case r.class(p)&tcClose != 0:
		for q := p - 1; q >= 0 && p-q <= 30; q-- {
			if c := r.class(q); c&tcOpen != 0 {
				return q - 1
			} else if c&tcClose != 0 {
				break
			}
		}
	case r.comma(p):
		for q := p - 1; q >= 0 && p-q <= 12 && !r.hardStop(q); q-- {
			if r.comma(q) {
				if r.role(q+1)&(roleRel|rolePrep) != 0 && !r.toks[q+1].upper {
					return q - 1
				}
				break
			}
		}
	}
	return p
}

// entities lists the names of the sentence, found once per sentence by findEntities.
func (r *run) entities() []span { return r.ents }

// findEntities appends the names of the sentence to ents: runs of capitalised words and
// acronyms ("Three Mile Island", "Banque de France", "Procter & Gamble", "U.S.").
func (r *run) findEntities(ents []span) []span {
	first := 0
	for first < len(r.toks) && r.toks[first].kind != tkWord {
		first++
	}
	for k := 0; k < len(r.toks); {
		if t := &r.toks[k]; !t.upper || !r.nameWord(k) && (t.end-t.start != 1 || r.acronymEnd(k) == k) {
			k++ // most words: a name and an acronym start with a capital
			continue
		}
		if k+1 < len(r.toks) && r.isPunct(k+1, "$") && r.toks[k+1].sp == spNone {
			k++ // a dollar's country, no name: "2.5 trillion won (US$1.7 billion)", "A$", "HK$"
			continue
		}
		if r.isWord(k, "dc", "ac") && r.isWord(k-1, "w", "kw", "mw", "gw") {
			k++ // the current of a power: "125 MW DC Bullyard Solar Farm"
			continue
		}
		e := span{k, k}
		for e.b < len(r.toks) {
			if j := r.acronymEnd(e.b); j > e.b {
				e.b = j
			} else if r.nameWord(e.b) && (e.b == e.a || r.toks[e.b].sp != spOther) {
				e.b++
			} else if e.b > e.a && (r.isWord(e.b, "of", "de", "du", "des", "la") || r.isPunct(e.b, "&")) && r.nameWord(e.b+1) {
				e.b += 2
			} else {
				break
			}
		}
		k = e.b
		if e.a == first && e.b == e.a+1 && !r.nameAtStart(e.a) {
			continue // "Analysts expect", "Quarterly consumption": capitalised as the sentence starts
		}
		if e.b == e.a+1 && r.lang == "en" && nationality(r.lower(e.a)) && r.contentWord(e.b) && !r.toks[e.b].upper {
			continue // "Irish data centres", "a French startup": an adjective
		}
		ents = append(ents, e)
	}
	return ents
}

// nationality reports an English adjective of nationality or place by its ending: "Irish",
// "Chinese", "Canadian", "European", "American", "French", "Dutch".
func nationality(w string) bool {
	return endsWith(w, 0, "ish", "ese", "ian", "ean", "can", "ch")
}

// acronymEnd returns the token after an acronym written with periods that starts at k ("U.S.",
// "U.K."), or k.
func (r *run) acronymEnd(k int) int {
	j := k
	for j+1 < len(r.toks) && r.toks[j].kind == tkWord && r.toks[j].upper && r.toks[j].end-r.toks[j].start == 1 &&
		r.isPunct(j+1, ".") && r.glued(j+1) && (j == k || r.glued(j)) {
		j += 2
	}
	if j-k < 4 {
		return k
	}
	return j
}

// nameWord reports a capitalised word that may be part of a name: not a function word, month,
// unit, scale, qualifier or a capitalised common word of the grammar ("The", "Selon", "MW",
// "Environ", "IA").
func (r *run) nameWord(k int) bool { return r.class(k)&tcName != 0 }

// nameAtStart reports whether the capitalised first word of a sentence, alone, is a name: an
// acronym or a word with inner capitals ("AWS", "OpenAI"), a glossary term ("Microsoft"), or a
// word before an auxiliary or a possessive ("Talen has", "Talen's"), or before the shares it
// issues ("Lumen shares soared").
func (r *run) nameAtStart(k int) bool {
	w := r.str(k)
	for _, c := range w[1:] {
		if unicode.IsUpper(c) {
			return true
		}
	}
	for _, s := range r.found {
		if s.start == r.toks[k].start && s.end == r.toks[k].end {
			return true
		}
	}
	// The lexicon's roles, not the token classes: a sentence's name is read at its end
	// (openingNameOf) whether or not a claim made describe classify its tokens.
	next := k+1 < len(r.toks) && r.toks[k+1].kind == tkWord && r.lexBits(r.lexClass(k+1)).role()&roleAux != 0
	return next || r.isPunct(k+1, "'", "’") && r.isWord(k+2, "s") || r.lang == "en" && r.isWord(k+1, "shares", "stock")
}

// possessive returns the owner before an English possessive whose apostrophe is token k+1
// ("Talen's", "the data centre's"); k is where the owner ends.
func (r *run) possessive(k int) span {
	if !r.apos(k+1) || r.lang != "en" || !r.isWord(k+2, "s") || !r.glued(k+1) || !r.glued(k+2) {
		return span{}
	}
	for _, e := range r.entities() {
		switch {
		case e.b == k+1:
			return e
		case e.b == k && r.toks[k].upper:
			return span{e.a, k + 1} // "Google AI's": a name and a capitalised word no name alone
		}
	}
	if r.npWord(k) {
		return r.trim(r.nounPhraseBack(k), maxSubjectWords)
	}
	return span{}
}

// afterLink returns the token after "of", "de", "du", "des" or "d'" at token k.
func (r *run) afterLink(k int) (int, bool) {
	switch c := r.class(k); {
	case c&tcOf == 0:
	case c&tcElided == 0:
		return k + 1, true
	case r.apos(k + 1):
		return k + 2, true
	}
	return k, false
}

// skipDeterminers returns the first token from k that is not a determiner or an elided article.
func (r *run) skipDeterminers(k int) int {
	for k < len(r.toks) {
		switch {
		case r.role(k)&roleDet != 0, r.elidedWord(k) && r.apos(k+1) && !r.isWord(k, "d"):
			k++
		case r.apos(k) && r.glued(k) && r.elidedWord(k-1):
			k++
		default:
			return k
		}
	}
	return k
}

// isLink reports a word joining a head noun to its complement: "capacité de", "share of",
// "consumption by", "appel à propositions".
func (r *run) isLink(k int) bool {
	c := r.class(k)
	return c&(tcOf|tcBy) != 0 || c&tcBareLink != 0 && r.bareNoun(k+1)
}

// bareNoun reports a noun without determiner that "à" or "en" joins to a head noun: "appel à
// propositions", not "investissements à venir".
func (r *run) bareNoun(k int) bool {
	return r.nounWord(k) && !strings.HasSuffix(r.lower(k), "er") && !strings.HasSuffix(r.lower(k), "ir")
}

// npWord reports a word that may belong to a noun phrase: a content word or a name.
func (r *run) npWord(k int) bool {
	return r.contentWord(k) || r.nameWord(k)
}

// nounPhrase returns the noun phrase starting at token k: a noun with its modifiers, names and
// complements ("centres de données", "consommation électrique", "market value of Nvidia").
// French words after the noun must read as adjectives ("la centrale fournit" ends at
// "centrale"); English verb forms and adverbs end it.
func (r *run) nounPhrase(k int) span {
	np := span{k, k}
	head := true // the next word may be the head noun: first, after a link or a pre-nominal adjective
	for b := k; b < len(r.toks) && b-k < 10; {
		if j := r.acronymEnd(b); j > b {
			b, np.b, head = j, j, false
			continue
		}
		if j := r.compoundAt(b); j > b {
			b, np.b, head = j, j, false // "data centers" in French: a compound of the lexicon
			continue
		}
		switch {
		case r.npWord(b) && r.phraseWord(np, b, head):
			head = r.lang == "fr" && r.preNominalAt(b)
			b++
			np.b = b
		case !np.empty() && r.isLink(b):
			c := b + 1
			if r.apos(c) {
				c++
			}
			c = r.skipDeterminers(c)
			if !r.npWord(c) {
				return np
			}
			b, head = c, true // the complement joins the phrase once its noun is read
		default:
			return np
		}
	}
	return np
}

// phraseWord reports whether the word at b continues the noun phrase np (which may be empty);
// head says it may be the head noun.
func (r *run) phraseWord(np span, b int, head bool) bool {
	w := r.lower(b)
	if r.lang == "fr" {
		switch {
		case r.toks[b].upper:
			return true
		case head:
			// "représentant l'équivalent" is a verb; "le premier fabricant" a noun.
			return r.nounWord(b) && !(strings.HasSuffix(w, "ant") && !r.detBefore(b) && !(b > np.a && r.preNominalAt(b-1)))
		}
		return r.adjective(b) && !r.verbLike(b)
	}
	switch {
	case r.toks[b].upper:
		return true // "the Clinton plant", "a revived Three Mile Island plant"
	case np.empty() && r.detBefore(b) && !(r.role(b-1)&rolePron != 0 && r.verbAt(b)):
		return true // "a revived plant": an adjective after a determiner; not "This represents a rise"
	case !np.empty() && r.isWord(b+1, "to") && strings.HasSuffix(w, "s") && hasUpper(r.str(b-1)):
		return false // "Brussels expects to put", "xAI aims to"; not "a campus to"
	}
	return !r.verbAt(b) && !strings.HasSuffix(w, "ly")
}

// preNominal are French adjectives written before their noun: "nouvelle levée", "autres sites".
var preNominal = wordSet(`nouveau nouvel nouvelle nouveaux nouvelles grand grande grands grandes petit petite petits
	petites premier première premiers premières dernier dernière derniers dernières prochain prochaine prochains
	prochaines autre autres seul seule seuls seules gros grosse vaste vastes principal principale principaux
	principales`)

// orderWords are English adjectives that say which part of a quantity a sentence gives: "the
// first 150 MW", "the remaining 40,000 GPUs".
var orderWords = wordSet(`first last next initial remaining final`)

// nounPhraseBack returns the noun phrase ending at token k (included), read leftwards like
// nounPhrase, never into the claim before. A possessive ends it ("Microsoft's emissions" is
// "emissions"), and so does a French complement with an indefinite article ("dispose d'une
// capacité" is no phrase).
func (r *run) nounPhraseBack(k int) span {
	lo := r.floor
	if k < lo {
		lo = r.floorBefore(k)
	}
	np := span{k + 1, k + 1}
	for a := k; a >= lo && k-a < 10; {
		if a-3 >= lo && r.isPunct(a, ".") && r.acronymEnd(a-3) == a+1 {
			np.a, a = a-3, a-4 // "U.S."
			continue
		}
		if p := r.compoundBack(a, lo); p < a {
			np.a, a = p, p-1 // "data centers"
			continue
		}
		if r.npWord(a) && (np.empty() || r.backWord(a, np.a)) {
			np.a = a
			a--
			continue
		}
		if np.empty() {
			return np
		}
		// A complement between two parts of the phrase: "de (l')", "of (the)", "d'".
		c := a
		for c >= lo && !r.isLink(c) && (r.role(c)&roleDet != 0 || r.apos(c)) {
			if r.isWord(c, "un", "une") {
				return np
			}
			c--
		}
		if c-1 < lo || !r.isLink(c) || !r.nounWord(c-1) && !r.nameWord(c-1) {
			return np // "supported by a remarkable investment", "se trouvent en région"
		}
		np.a, a = c-1, c-2
	}
	return np
}

// floorBefore returns the first token after the last claim of the sentence that ends before
// token k (0 if none), k+1 when a claim holds k: phrases read leftwards from k stop there.
func (r *run) floorBefore(k int) int {
	for i := len(r.out) - 1; i >= r.first; i-- {
		if r.out[i].Start <= r.toks[k].start && r.toks[k].start < r.out[i].End {
			return k + 1
		}
		if end := r.out[i].End; end <= r.toks[k].start {
			lo := k
			for lo > 0 && r.toks[lo-1].start >= end {
				lo--
			}
			return lo
		}
	}
	return 0
}

// compoundBack returns where a counted noun of the lexicon of two or three words that ends at
// token a starts ("data centers"), or a.
func (r *run) compoundBack(a, lo int) int {
	for p := max(a-2, lo); p < a; p++ {
		if r.compoundAt(p) == a+1 {
			return p
		}
	}
	return a
}

// backWord reports whether the word at a may come before the word at next in a noun phrase: in
// French only a noun before its adjective ("centrale fournit" is no phrase), in English no verb.
func (r *run) backWord(a, next int) bool {
	if r.toks[a].upper || r.toks[next].upper {
		return true
	}
	if r.lang == "fr" {
		return r.adjective(next) && !r.verbLike(a) && !frenchParticiple(r.lower(a))
	}
	return !r.verbAt(a) && !strings.HasSuffix(r.lower(a), "ly")
}

// verbAt reports an English word that reads as a verb: a common irregular verb, a word after an
// auxiliary, or one ending in -ed or -ing before a function word, an adverb, a name or a number
// ("households accounted for", "consumption increased steadily", "AWS acquired Talen"), or in
// -s before a determiner or a number ("Microsoft invests $3bn"). Before a noun they are
// adjectives ("metered electricity"); plurals take prepositions ("data centres in Ireland").
func (r *run) verbAt(k int) bool {
	c := r.class(k)
	if c&tcVerbKnown == 0 {
		c |= tcVerbKnown
		if r.readsAsVerb(k) {
			c |= tcVerb
		}
		if k >= 0 && k < len(r.toks) {
			r.classes[k] = c
		}
	}
	return c&tcVerb != 0
}

// readsAsVerb is verbAt before its memo.
func (r *run) readsAsVerb(k int) bool {
	if r.role(k)&roleVerb != 0 || r.role(k-1)&roleAux != 0 && r.role(k-1)&roleDet == 0 {
		return true
	}
	w, next := r.lower(k), k+1
	number := next >= len(r.toks) || r.toks[next].kind != tkWord || r.toks[next].flags&flagNumber != 0
	switch {
	case strings.HasSuffix(w, "ing") && r.measureNoun(k) && k > 0 && r.contentWord(k-1) && !r.toks[k-1].upper:
		return false // "$575 million in direct funding for the state's programme": a noun of the grammar
	case strings.HasSuffix(w, "ed"), strings.HasSuffix(w, "ing"):
		return number || r.role(next)&(rolePrep|roleAdv|roleDet|rolePron) != 0 || r.toks[next].upper ||
			strings.HasSuffix(r.lower(next), "ly")
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		// "Microsoft invests $3bn", "France ranks sixth": after a name, before no noun.
		// A plural after a capitalised word before an adverb is a verb ("France remains very"),
		// unless the two make a noun of the lexicon ("Data centres now").
		if k > 0 && !r.toks[k-1].upper && (next >= len(r.toks) || r.isPunct(next, ".", ",", ";", ":", "?", "!", ")")) {
			return false // "generated $29B in first-quarter sales.": a clause ends on a plural, not a verb
		}
		return number || r.role(next)&roleDet != 0 || r.toks[next].upper || r.inEntity(k-1) ||
			k > 0 && r.toks[k-1].upper && r.role(next)&roleAdv != 0 && r.compoundAt(k-1) != k+1
	}
	// "Estimations indicate that": after a plural, before a determiner.
	return r.role(next)&(roleDet|rolePron) != 0 && k > 0 && strings.HasSuffix(r.lower(k-1), "s")
}

// headOf returns the token of np's head noun: the first word in French, the last before any
// complement in English.
func (r *run) headOf(np span) int {
	if r.lang == "fr" {
		h := np.a
		for h < np.b-1 && r.preNominalAt(h) {
			h++ // "nouvelle levée de fonds" is a levée
		}
		return h
	}
	h := np.a
	for k := np.a; k < np.b && !r.isLink(k); k++ {
		h = k
	}
	return h
}

// trim keeps at most n words of s around its head: the first in French, the last in English,
// without a dangling link or determiner.
func (r *run) trim(s span, n int) span {
	words := 0
	if r.lang == "fr" {
		for k := s.a; k < s.b; k++ {
			if r.toks[k].kind == tkWord {
				if words++; words > n {
					s.b = k
					break
				}
			}
		}
		for s.b > s.a+1 && (r.isLink(s.b-1) || r.role(s.b-1)&roleDet != 0 || r.toks[s.b-1].kind == tkPunct) {
			s.b--
		}
		return s
	}
	for k := s.b - 1; k >= s.a; k-- {
		if r.toks[k].kind == tkWord {
			if words++; words > n {
				s.a = k + 1
				break
			}
		}
	}
	for s.a < s.b-1 && (r.isLink(s.a) || r.role(s.a)&roleDet != 0 || r.toks[s.a].kind == tkPunct && r.acronymEnd(s.a-1) == s.a-1) {
		s.a++
	}
	return s
}

// trimMeasure keeps the head words of a measure: up to maxMeasureWords in French without the
// participles after the noun ("consommation électrique mesurée"), the head and one modifier in
// English ("electricity consumption", "carbon-free electricity" → "electricity"), or a compound
// of the lexicon before the head ("data center campus").
func (r *run) trimMeasure(s span) span {
	if r.lang == "fr" {
		for s.a < s.b-1 && r.preNominalAt(s.a) {
			s.a++ // "nouvelles capacités"
		}
		s = r.trim(s, maxMeasureWords)
		for s.b > s.a+1 && frenchParticiple(r.lower(s.b-1)) {
			s.b--
		}
		return s
	}
	a := max(s.a, s.b-2)
	if a-1 >= s.a && r.compoundAt(a-1) == s.b-1 {
		a-- // "data center campus"
	}
	for a < s.b-1 && (englishAdjective(r.lower(a)) || adjectivesOnly[r.lower(a)]) {
		a++
	}
	return span{a, s.b}
}

// The longest measure and noun-phrase subject, in words: "centres de données", "part de
// l'électricité", "logements situés en zone urbaine".
const (
	maxMeasureWords = 4
	maxSubjectWords = 5
)

// englishAdjective reports an English word that reads as an adjective before a noun:
// hyphenated ("carbon-free") or with an adjective ending ("metered", "total", "global").
func englishAdjective(w string) bool {
	if strings.ContainsRune(w, '-') {
		return true
	}
	return endsWith(w, 0, "ed", "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ly", "ish", "ian")
}

// adjective reports frenchAdjective of token k, computed once per sentence.
func (r *run) adjective(k int) bool {
	c := r.class(k)
	if c&tcAdjKnown == 0 && k >= 0 && k < len(r.classes) {
		c |= tcAdjKnown
		if frenchAdjective(r.lower(k)) {
			c |= tcAdj
		}
		r.classes[k] = c
	}
	return c&tcAdj != 0
}

// frenchAdjective reports a French word with an adjective ending ("électrique", "locaux",
// "nucléaires", "irlandaise", "situés"): the words that may follow a noun in its phrase, where
// verbs ("porte", "fournit") end it.
func frenchAdjective(w string) bool {
	if w == "" {
		return false
	}
	if permanentForms[w] {
		return true // an -ent ending is mostly a verb's ("investissent"), not this one's
	}
	for _, suf := range frenchAdjectiveEndings[w[len(w)-1]] {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// permanentForms are "permanent" agreed: "400 postes permanents".
var permanentForms = map[string]bool{"permanent": true, "permanente": true, "permanents": true, "permanentes": true}

// frenchAdjectiveEndings are the endings of frenchAdjective by their last byte.
var frenchAdjectiveEndings = func() (m [256][]string) {
	for _, suf := range strings.Fields(`al ale ales aux ique iques aire aires el elle elles els if ive ives ifs eux
		euse euses ien ienne iennes iens ais aise aises ain aine aines ains able ables ible ibles iste istes ier ière
		ières iers ois oise oises en enne ennes é ée és ées ant ante ants antes ect ecte ects ectes`) {
		m[suf[len(suf)-1]] = append(m[suf[len(suf)-1]], suf)
	}
	return m
}()

// englishAdverb reports an English adverb the lexicon does not list, by its ending:
// "reportedly", "initially", "previously" (not "Italy", "family").
func englishAdverb(w string) bool {
	return endsWith(w, 3, "edly", "ally", "ously", "ively", "ently", "antly", "ately", "ingly")
}

// frenchParticiple reports a French past participle: "mesurée", "passé", "augmentés"; nouns in
// -té ("capacité", "électricité", "société") are not.
func frenchParticiple(w string) bool {
	if n := len(w); n == 0 || w[n-1] != 0xA9 && w[n-1] != 'e' && w[n-1] != 's' {
		return false // most words: no "é", "ée", "és", "ées" ending
	}
	for _, suf := range []string{"é", "ée", "és", "ées"} {
		if stem, ok := strings.CutSuffix(w, suf); ok {
			return !strings.HasSuffix(stem, "it") && !strings.HasSuffix(stem, "iét") && !strings.HasSuffix(stem, "rch")
		}
	}
	return false
}

// frenchVerb reports French verb endings that nouns seldom have: infinitives ("investir") and
// frenchFiniteVerb's.
func frenchVerb(w string) bool {
	return strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir") || frenchFiniteVerb(w)
}

// frenchFiniteVerb reports the endings of the imperfect, future and conditional ("détiendra",
// "passerait", "consommaient"), which no noun has, unlike infinitives ("un data center").
func frenchFiniteVerb(w string) bool {
	return endsWith(w, 0, "ait", "aient", "ra", "ront", "rait", "raient")
}

// fillerNouns name a part or whole of what is measured: the measure is their complement ("du
// total de la consommation"), and before "de" they say nothing ("à hauteur de", "en voie de").
var fillerNouns = wordSet(`total totalité ensemble moitié tiers quart reste hauteur ordre somme voie passe train
	compris comprise comprises sum rest half third quarter whole`)

// clauseBreak reports a token that ends a clause: a comma, a semicolon, a colon, a bracket, a
// spaced dash, a relative pronoun, or "that"/"que" after a verb.
func (r *run) clauseBreak(k int) bool {
	if k < 0 || k >= len(r.toks) {
		return true
	}
	c := r.class(k)
	return c&(tcComma|tcHardStop) != 0 || c.role()&roleRel != 0 && !r.toks[k].upper ||
		c&tcThat != 0 && (r.contentWord(k-1) || r.isWord(k-1, "said", "says")) // "estimates that", "estime que"
}

// hardStop reports punctuation that no subject reaches across: a semicolon, a colon, a bracket,
// a quote, a spaced dash.
func (r *run) hardStop(k int) bool { return r.class(k)&tcHardStop != 0 }

// comma reports a comma at token k.
func (r *run) comma(k int) bool { return r.class(k)&tcComma != 0 }

// filler, preNominalAt and measureNoun report the classes of fillerNouns, preNominal and the
// grammar's measure nouns at token k.
func (r *run) filler(k int) bool       { return r.class(k)&tcFiller != 0 }
func (r *run) preNominalAt(k int) bool { return r.class(k)&tcPreNominal != 0 }
func (r *run) measureNoun(k int) bool  { return r.class(k)&tcMeasure != 0 }

// elidedWord reports "l" or "d" at token k, an article or preposition elided before an apostrophe.
func (r *run) elidedWord(k int) bool { return r.class(k)&tcElided != 0 }

// apos reports an apostrophe at token k.
func (r *run) apos(k int) bool { return r.class(k)&tcApos != 0 }

// role returns the function-word roles of token k in the sentence's language.
func (r *run) role(k int) role { return r.class(k).role() }

// gram returns the grammar of the sentence's language: its measure nouns and defaults.
func (r *run) gram() *grammar {
	if r.lang == "fr" {
		return &r.e.grammar[0]
	}
	return &r.e.grammar[1]
}

// contentWord reports a word that may belong to a noun phrase or be a verb: no function word,
// number word, scale, qualifier, month, currency or unit.
func (r *run) contentWord(k int) bool { return r.class(k)&tcContent != 0 }

// wordClass is what the subject reader knows of a lower-cased word, gathered in New (see
// Extractor.words): its roles in each language and the classes below.
type wordClass struct {
	roles [2]role
	class uint16
	bits  [2]tokClass // the token class it gives in each language, but for content and names
}

const (
	classOther      uint16 = 1 << iota // a qualifier word, month or scale: neither content nor name
	classUnit                          // a currency or unit of the lexicon: "mégawatts", "dollars"
	classCount                         // a counted noun of the lexicon: "gpus"
	classCompound                      // the first word of a counted noun of several: "data", "levée"
	classOf                            // "de", "d", "du", "des", "of": a complement follows
	classBy                            // "by": an agent follows ("consumption by data centres")
	classBareLink                      // see tcBareLink
	classElided                        // "l", "d": an elided article or preposition before an apostrophe
	classFiller                        // see fillerNouns
	classPreNominal                    // see preNominal
	classMeasureFR                     // a measure noun of the French grammar
	classMeasureEN                     // a measure noun of the English grammar
	classComplement                    // a preposition whose complement may name the subject (see complementName)
	classThat                          // "that", "que": a subordinate clause opens after a verb ("the report finds that")
)

// newWordClasses gathers the word classes of the grammar and the lexicon.
func newWordClasses(g [2]grammar, lex *phraseTable[phrase]) map[string]wordClass {
	m := map[string]wordClass{}
	for i := range g {
		for w, ro := range g[i].roles {
			c := m[w]
			c.roles[i] |= ro
			m[w] = c
		}
	}
	add := func(w string, class uint16) {
		c := m[w]
		c.class |= class
		m[w] = c
	}
	for _, set := range []map[string]bool{qualifierWords, months} {
		for w := range set {
			add(w, classOther)
		}
	}
	for w := range scales {
		add(w, classOther)
	}
	for _, l := range []struct {
		words map[string]bool
		class uint16
	}{{fillerNouns, classFiller}, {preNominal, classPreNominal}, {g[0].measures, classMeasureFR}, {g[1].measures, classMeasureEN}} {
		for w := range l.words {
			add(w, l.class)
		}
	}
	for _, w := range strings.Fields("de d du des of") {
		add(w, classOf)
	}
	add("by", classBy)
	add("à", classBareLink)
	add("en", classBareLink)
	add("l", classElided)
	add("d", classElided)
	for _, w := range strings.Fields("de d du des of for pour chez at à au aux in en dans par by") {
		add(w, classComplement)
	}
	for _, w := range strings.Fields("that que qu") {
		add(w, classThat)
	}
	for key, p := range lex.m {
		toks := tokenize(nil, key, 0, len(key))
		switch {
		case len(toks) > 1 && p.kind == ukCount:
			add(key[:toks[0].end], classCompound)
		case len(toks) > 1:
		case p.kind == ukCount:
			add(key, classCount)
		default:
			add(key, classUnit)
		}
	}
	for w, c := range m {
		c.bits = classBits(c)
		m[w] = c
	}
	return m
}

// tokClass is the memo of a token's class in the current sentence: the bits below, and its
// roles from bit roleShift.
type tokClass uint32

const roleShift = 23

func (c tokClass) role() role { return role(c >> roleShift) }

const (
	tcContent tokClass = 1 << iota
	tcName
	tcCompound
	tcOf       // see classOf
	tcBy       // "by": joins a complement in English noun phrases
	tcBareLink // "à", "en": joins a bare noun ("appel à propositions")
	tcElided   // see classElided
	tcFiller   // see classFiller
	tcPreNominal
	tcMeasure    // a measure noun in the sentence's language
	tcComplement // see classComplement
	tcThat       // see classThat
	tcAdjKnown   // tcAdj is set
	tcAdj        // a French word with an adjective ending (frenchAdjective)
	tcOpen       // "("
	tcClose      // ")"
	tcComma
	tcHardStop
	tcApos
	tcNounKnown // tcNoun is set
	tcNoun
	tcVerbKnown // tcVerb is set
	tcVerb
)

// class returns the class of token k (0 past either end of the sentence).
func (r *run) class(k int) tokClass {
	if uint(k) < uint(len(r.classes)) {
		return r.classes[k]
	}
	return 0
}

// classify computes the class of token k, once those before it are known.
func (r *run) classify(k int) tokClass {
	t := &r.toks[k]
	if t.kind == tkPunct {
		if t.sp == spNone && k > 0 && r.toks[k-1].kind == tkNum && r.glued(k+1) && k+1 < len(r.toks) && r.toks[k+1].kind == tkNum {
			return 0 // inside a number: "1,100", "21,5"
		}
		return punctClass(r.str(k), t.sp != spNone)
	}
	if t.kind != tkWord {
		return 0
	}
	wc := r.lexClass(k)
	c := r.lexBits(wc)
	ro := c.role()
	plain := t.end-t.start >= 2 && t.flags&(flagStopFR|flagStopEN) == 0 && wc.class&classOther == 0
	if plain && t.flags&(flagNumber|flagVague) == 0 && ro&^(roleVerb|roleNotName) == 0 && wc.class&classUnit == 0 {
		c |= tcContent
	}
	// "MW", "GPU", "Euros" are units and counted nouns, not names, unless inside one in title
	// case: "Financial Times"; "MI308", "H100" are models, "AI-focused" an adjective.
	model := k+1 < len(r.toks) && r.toks[k+1].kind == tkNum && r.toks[k+1].sp == spNone
	if w := r.str(k); t.hyphen {
		if i := strings.LastIndexAny(w, "-\u2011"); i > 0 {
			model = model || !hasUpper(w[i:]) // "AI-focused", "Texas-based": adjectives
		}
	}
	if plain && t.upper && ro == 0 && !model && !monthSpan(r.lower(k)) && (wc.class&(classUnit|classCount) == 0 ||
		r.nameWord(k-1) && !isUpperCode(r.str(k)) && strings.IndexFunc(r.str(k)[1:], unicode.IsUpper) < 0) {
		c |= tcName
	}
	return c
}

// monthSpan reports a span of months written as one word, which names a period, no one:
// "July-September", "avril-juin".
func monthSpan(w string) bool {
	from, to, ok := strings.Cut(w, "-")
	return ok && months[from] && months[to]
}

// punctClass is the class of a punctuation token p, spaced if white space comes before it.
func punctClass(p string, spaced bool) tokClass {
	switch p {
	case ",":
		return tcComma
	case "'", "’":
		return tcApos
	case "(":
		return tcHardStop | tcOpen
	case ")":
		return tcHardStop | tcClose
	case ";", ":", "[", "]", "|", "•", "?", "!", "«", "»", "“", "”":
		return tcHardStop
	case "–", "—", "-":
		if spaced {
			return tcHardStop // a spaced dash
		}
	}
	return 0
}

// classBits returns the token class a word of class wc gives in each language, content and
// names aside (they depend on the token).
func classBits(wc wordClass) [2]tokClass {
	var out [2]tokClass
	for i, measure := range [2]uint16{classMeasureFR, classMeasureEN} {
		c := tokClass(wc.roles[i]) << roleShift
		for _, b := range [...]struct {
			class uint16
			bit   tokClass
		}{{classOf, tcOf}, {classBy, tcBy}, {classBareLink, tcBareLink}, {classElided, tcElided}, {classFiller, tcFiller},
			{classPreNominal, tcPreNominal}, {classCompound, tcCompound}, {measure, tcMeasure}, {classComplement, tcComplement}, {classThat, tcThat}} {
			if wc.class&b.class != 0 {
				c |= b.bit
			}
		}
		out[i] = c
	}
	return out
}

// compoundAt returns the end of a counted noun of several words of the lexicon starting at
// token k ("data centers", "levée de fonds"), or k.
func (r *run) compoundAt(k int) int {
	if r.class(k)&tcCompound == 0 {
		return k
	}
	if u, ok := r.phraseAt(k); ok && u.kind == ukCount && u.j > k+1 {
		return u.j
	}
	return k
}

// nounWord reports a lower-case content word that reads as a noun: not a French verb form or
// participle, nor an English verb or adverb.
func (r *run) nounWord(k int) bool {
	c := r.class(k)
	if c&tcContent == 0 || r.toks[k].upper {
		return false
	}
	if c&tcNounKnown == 0 {
		c |= tcNounKnown
		if r.readsAsNoun(k) {
			c |= tcNoun
		}
		r.classes[k] = c
	}
	return c&tcNoun != 0
}

// readsAsNoun is nounWord for a lower-case content word, before its memo.
func (r *run) readsAsNoun(k int) bool {
	w := r.lower(k)
	if r.lang == "fr" {
		if r.detBefore(k) {
			return !r.verbLike(k) // "une levée", "la durée": nouns
		}
		if r.apos(k-1) && r.isWord(k-2, "s", "n", "j", "m", "t") {
			return false // "s'agit", "n'était": a pronoun or negation before a verb
		}
		if strings.HasSuffix(w, "ment") && (r.class(k-1)&tcOf != 0 || r.apos(k-1) && r.elidedWord(k-2)) {
			return true // "d'investissement", "de raccordement": no verb ("-ent") nor adverb follows "de"
		}
		return !r.verbLike(k) && !frenchParticiple(w) && !changeVerbFR(w) && !frenchVerb(w)
	}
	return !r.verbAt(k) && !strings.HasSuffix(w, "ly")
}

// lowerText returns the text of s lower-cased: the text itself when it has no capitals, else
// one string per distinct phrase of the Extract call.
func (r *run) lowerText(s span) string {
	t := r.text[r.toks[s.a].start:r.toks[s.b-1].end]
	if !hasUpper(t) {
		return t
	}
	r.lowerBuf = r.lowerBuf[:0]
	for _, c := range t {
		r.lowerBuf = utf8.AppendRune(r.lowerBuf, unicode.ToLower(c))
	}
	if m, ok := r.lowerCache[string(r.lowerBuf)]; ok {
		return m
	}
	m := string(r.lowerBuf)
	if r.lowerCache == nil {
		r.lowerCache = map[string]string{}
	}
	r.lowerCache[m] = m
	return m
}

// subjectText returns the text of a subject, with the elided article of a name: "l'Irlande".
func (r *run) subjectText(s span) string {
	s = r.trim(s, maxSubjectWords)
	a := s.a
	if r.toks[a].upper && r.apos(a-1) && r.glued(a) && r.isWord(a-2, "l") && r.glued(a-1) {
		a -= 2
	}
	return r.text[r.toks[a].start:r.toks[s.b-1].end]
}

// termText returns a glossary term as written, or its key when it is too long for a subject
// ("entreprise commune européenne pour le calcul à haute performance" is "eurohpc").
func (r *run) termText(s subjectAt) string {
	t := r.text[s.start:s.end]
	words, in := 0, false
	for _, c := range t {
		if unicode.IsSpace(c) {
			in = false
		} else if !in {
			in, words = true, words+1
		}
	}
	if words > maxSubjectWords {
		return s.key
	}
	return t
}
