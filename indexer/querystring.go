package indexer

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	vregexp "github.com/blevesearch/vellum/regexp"
)

// ErrBadQuery marks errors caused by the request (syntax, unknown field, limits); the HTTP layer
// answers them with 400.
var ErrBadQuery = errors.New("bad query")

// Limits on user queries. They keep one request from costing more than a page of results should:
// each free-text term fans out to two fields and its translations, and wildcard,
// regexp and fuzzy terms expand against the whole term dictionary.
const (
	maxQueryBytes    = 1000
	maxQueryClauses  = 32
	maxExpensive     = 4
	maxPatternBytes  = 64
	minPatternPrefix = 2
	maxPatternWild   = 4
	maxRegexpInsts   = 400
	maxRegexpRepeat  = 32
	translationBoost = 0.7
)

func badQuery(format string, args ...any) error {
	return fmt.Errorf("indexer: %s: %w", fmt.Sprintf(format, args...), ErrBadQuery)
}

// parsedQuery is a user query string checked and rewritten for the index, split into the part
// that ranks hits and the part that only selects them.
type parsedQuery struct {
	// text is the scored part: free-text words and negations; nil when the query has none.
	text query.Query
	// filters are the field clauses: required, and not scored, so bleve can intersect their
	// posting lists as bitmaps instead of scoring every match.
	filters []query.Query
	// expansions lists the translations added, for the response.
	expansions []string
	hl         *highlightSet
}

// queryRewriter checks a parsed query string and rewrites its free-text part: every term without
// a field becomes a disjunction over the sentence fields, OR'ed with its translations.
type queryRewriter struct {
	ta         *textAnalysis
	tr         *Translations
	has        termLookup
	clauses    int
	expensive  int
	expansions []string
	hl         *highlightSet
	// free holds the queries made from free text, with their alternatives in each sentence field.
	free map[query.Query]byField
	// or holds the placeholders of the word OR between free-text words.
	or map[query.Query]bool
	// empty holds the placeholders of free-text words that analyse to no term ("—", "&").
	empty map[query.Query]bool
}

// termLookup reports whether the index holds term in field.
type termLookup func(field, term string) bool

// parseQueryString parses s in bleve query-string syntax and returns the rewritten query. An empty
// s matches every claim. With has, the forms and translations of words the index does not hold
// are left out: they match nothing, and in bleve an alternative that matches nothing still slows
// the conjunction it sits in threefold. Errors wrap ErrBadQuery.
func parseQueryString(s string, ta *textAnalysis, tr *Translations, has termLookup) (*parsedQuery, error) {
	if len(s) > maxQueryBytes {
		return nil, badQuery("query longer than %d bytes", maxQueryBytes)
	}
	if !utf8.ValidString(s) {
		return nil, badQuery("query is not valid UTF-8")
	}
	r := &queryRewriter{ta: ta, tr: tr, has: has, hl: newHighlightSet(), free: make(map[query.Query]byField),
		or: make(map[query.Query]bool), empty: make(map[query.Query]bool)}
	if strings.TrimSpace(s) == "" {
		return &parsedQuery{hl: r.hl}, nil
	}
	q, err := query.NewQueryStringQuery(s).Parse()
	if err != nil {
		return nil, badQuery("syntax: %s", firstLine(err.Error()))
	}
	q, err = r.rewrite(q, false)
	if err != nil {
		return nil, err
	}
	pq := &parsedQuery{text: q, expansions: r.expansions, hl: r.hl}
	if bq, ok := q.(*query.BooleanQuery); ok {
		pq.text, pq.filters = r.split(bq)
	}
	return pq, nil
}

// query is the bleve query for pq and the extra filters; scored is false when nothing in it
// ranks hits (no free text), and scoring would only cost time.
func (pq *parsedQuery) query(extra ...query.Query) (q query.Query, scored bool) {
	filters := append(slices.Clip(pq.filters), extra...)
	var filter query.Query
	switch len(filters) {
	case 0:
	case 1:
		filter = filters[0]
	default:
		filter = query.NewConjunctionQuery(filters)
	}
	switch {
	case pq.text == nil && filter == nil:
		return query.NewMatchAllQuery(), false
	case pq.text == nil:
		return filter, false
	case filter == nil:
		return pq.text, true
	}
	b := query.NewBooleanQuery([]query.Query{pq.text}, nil, nil)
	b.AddFilter(filter)
	return b, true
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// rewrite checks q and returns its replacement. negated is true under a MustNot, where terms
// are not highlighted.
func (r *queryRewriter) rewrite(q query.Query, negated bool) (query.Query, error) {
	switch t := q.(type) {
	case *query.BooleanQuery:
		var err error
		if t.Must, err = r.rewriteOptional(t.Must, negated); err != nil {
			return nil, err
		}
		if t.Should, err = r.rewriteOptional(t.Should, negated); err != nil {
			return nil, err
		}
		if t.MustNot, err = r.rewriteOptional(t.MustNot, !negated); err != nil {
			return nil, err
		}
		return t, nil
	case *query.ConjunctionQuery:
		return t, r.rewriteAll(t.Conjuncts, negated)
	case *query.DisjunctionQuery:
		return t, r.rewriteAll(t.Disjuncts, negated)
	case *query.MatchAllQuery, *query.MatchNoneQuery:
		return t, nil
	}
	r.clauses++
	if r.clauses > maxQueryClauses {
		return nil, badQuery("more than %d terms", maxQueryClauses)
	}
	switch t := q.(type) {
	case *query.MatchQuery:
		return r.match(t, negated)
	case *query.MatchPhraseQuery:
		return r.phrase(t, negated)
	case *query.WildcardQuery:
		return r.wildcard(t, negated)
	case *query.RegexpQuery:
		return r.regexp(t, negated)
	case *query.NumericRangeQuery:
		if t.FieldVal == "" {
			t.FieldVal = fieldValue
		}
		if err := r.checkField(t.FieldVal, kindNumber); err != nil {
			return nil, err
		}
		return t, nil
	case *query.DateRangeQuery:
		if t.FieldVal == "" {
			t.FieldVal = fieldPublished
		}
		if err := r.checkField(t.FieldVal, kindDate); err != nil {
			return nil, err
		}
		return t, nil
	}
	return nil, badQuery("unsupported query %T", q)
}

// rewriteOptional rewrites a Boolean clause that may be absent.
func (r *queryRewriter) rewriteOptional(q query.Query, negated bool) (query.Query, error) {
	if q == nil {
		return nil, nil
	}
	return r.rewrite(q, negated)
}

func (r *queryRewriter) rewriteAll(qs []query.Query, negated bool) error {
	for i, q := range qs {
		nq, err := r.rewrite(q, negated)
		if err != nil {
			return err
		}
		qs[i] = nq
	}
	return nil
}

// checkField rejects unknown fields and queries of the wrong kind for a field.
func (r *queryRewriter) checkField(field string, want ...fieldKind) error {
	k, ok := queryableFields[field]
	if !ok {
		return badQuery("unknown field %q (known: %s)", field, knownFieldList())
	}
	for _, w := range want {
		if k == w {
			return nil
		}
	}
	switch k {
	case kindNumber:
		return badQuery("field %s is numeric: use %s:N, %s:>N or %s:<=N", field, field, field, field)
	case kindDate:
		return badQuery(`field %s is a date: use %s:>"2025-01-31" or %s:<"2025-02-01T00:00:00Z"`, field, field, field)
	default:
		return badQuery("field %s does not take this kind of query", field)
	}
}

func knownFieldList() string {
	return strings.Join(slices.Sorted(maps.Keys(queryableFields)), ", ")
}

func (r *queryRewriter) match(t *query.MatchQuery, negated bool) (query.Query, error) {
	if t.Fuzziness > 0 {
		if err := r.checkFuzzy(t.Match, t.Fuzziness); err != nil {
			return nil, err
		}
	}
	if t.FieldVal == "" {
		if t.Match == "OR" && t.Fuzziness == 0 {
			or := query.NewMatchNoneQuery()
			r.or[or] = true
			return or, nil
		}
		return r.freeText(t.Match, t.Fuzziness, true, negated), nil
	}
	if t.FieldVal == fieldSentence {
		return r.freeText(t.Match, t.Fuzziness, false, negated), nil
	}
	k, ok := queryableFields[t.FieldVal]
	if ok && (k == kindNumber || k == kindDate) {
		// "value:100" parses as a match OR a numeric range; the range does the work.
		if _, err := strconv.ParseFloat(t.Match, 64); err == nil && k == kindNumber {
			return query.NewMatchNoneQuery(), nil
		}
	}
	if err := r.checkField(t.FieldVal, kindText, kindKeyword); err != nil {
		return nil, err
	}
	if !negated && k == kindText {
		r.hl.addTerms(r.ta, t.FieldVal, t.Match, t.Fuzziness)
	}
	return t, nil
}

// phrase turns a phrase into a match of all its words: sentences are indexed without positions
// (they would cost about a tenth of the index), so word order is not checked.
func (r *queryRewriter) phrase(t *query.MatchPhraseQuery, negated bool) (query.Query, error) {
	if t.FieldVal == "" || t.FieldVal == fieldSentence {
		return r.freeText(t.MatchPhrase, 0, t.FieldVal == "", negated), nil
	}
	if err := r.checkField(t.FieldVal, kindText, kindKeyword); err != nil {
		return nil, err
	}
	if queryableFields[t.FieldVal] == kindKeyword {
		// A keyword is one term: the phrase must equal it.
		return t, nil
	}
	if !negated {
		r.hl.addTerms(r.ta, t.FieldVal, t.MatchPhrase, 0)
	}
	q := termsQuery(r.known(t.FieldVal, r.ta.termList(t.FieldVal, t.MatchPhrase)), t.FieldVal, 1)
	if q == nil {
		// No term, or one no claim holds: the phrase matches nothing.
		q = query.NewMatchNoneQuery()
	}
	r.free[q] = byField{t.FieldVal: {q}}
	return q, nil
}

// freeText searches text in both sentence fields, and with translate its translations
// too; a text of several words (a phrase, a hyphenated word) needs them all. Fuzzy terms are
// not translated: a typo has no entry.
func (r *queryRewriter) freeText(text string, fuzziness int, translate, negated bool) query.Query {
	if r.ta.terms(fieldSentenceFR, text) == "" || r.ta.terms(fieldSentenceEN, text) == "" {
		// Punctuation, and stop words of either language ("de", "the"): required, such a word
		// would match nothing in sentences of the language that drops it, so leave it out.
		none := query.NewMatchNoneQuery()
		r.empty[none] = true
		return none
	}
	var qs []query.Query
	alts := byField{}
	add := func(field, text string, boost float64) {
		var m query.Query
		if fuzziness > 0 {
			f := query.NewMatchQuery(text)
			f.SetField(field)
			f.SetFuzziness(fuzziness)
			m = f
		} else if m = termsQuery(r.known(field, r.ta.termList(field, text)), field, boost); m == nil {
			return
		}
		qs = append(qs, m)
		alts[field] = append(alts[field], m)
		if !negated {
			r.hl.addTerms(r.ta, field, text, fuzziness)
		}
	}
	add(fieldSentenceFR, text, 1)
	add(fieldSentenceEN, text, 1)
	if translate && fuzziness == 0 {
		for _, e := range r.tr.expand(r.ta, text) {
			add(e.Field, e.Text, translationBoost)
			r.expansions = append(r.expansions, e.Text)
		}
	}
	d := query.NewDisjunctionQuery(qs)
	r.free[d] = alts
	return d
}

// known returns terms when the index holds every one of them in field, nil otherwise.
func (r *queryRewriter) known(field string, terms []string) []string {
	if r.has == nil {
		return terms
	}
	for _, t := range terms {
		if !r.has(field, t) {
			return nil
		}
	}
	return terms
}

// termsQuery matches field when it holds every one of terms (already analysed, so bleve does
// not analyse them again per search); nil when there are none.
func termsQuery(terms []string, field string, boost float64) query.Query {
	qs := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		q := query.NewTermQuery(t)
		q.SetField(field)
		qs = append(qs, q)
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		if boost != 1 {
			qs[0].(*query.TermQuery).SetBoost(boost)
		}
		return qs[0]
	}
	c := query.NewConjunctionQuery(qs)
	if boost != 1 {
		c.SetBoost(boost)
	}
	return c
}

// split separates the top level of a rewritten query string into its scored text and its
// filters. Query-string syntax makes every clause without + optional; claimwire reads them as
// a search box is read instead: "unit:EUR value:>1000000000" means both, clauses on the same field
// are alternatives ("unit:EUR unit:USD"), every free-text word is required, and the word OR
// makes the words on either side alternatives ("gigafactory OR datacenter funding").
func (r *queryRewriter) split(bq *query.BooleanQuery) (text query.Query, filters []query.Query) {
	var required []query.Query
	if must, ok := bq.Must.(*query.ConjunctionQuery); ok {
		for _, c := range must.Conjuncts {
			if r.clauseField(c) != "" {
				filters = append(filters, c)
			} else if !r.empty[c] {
				required = append(required, c)
			}
		}
	}
	byField := make(map[string][]query.Query)
	var fields []string
	var group []query.Query // free-text alternatives joined by OR
	orPending := false
	closeGroup := func() {
		switch len(group) {
		case 0:
		case 1:
			required = append(required, group[0])
		default:
			required = append(required, query.NewDisjunctionQuery(group))
		}
		group = nil
	}
	if should, ok := bq.Should.(*query.DisjunctionQuery); ok {
		for _, d := range should.Disjuncts {
			switch f := r.clauseField(d); {
			case r.or[d]:
				orPending = len(group) > 0
			case r.empty[d]:
			case f != "":
				if _, ok := byField[f]; !ok {
					fields = append(fields, f)
				}
				byField[f] = append(byField[f], d)
			default:
				if !orPending {
					closeGroup()
				}
				group = append(group, d)
				orPending = false
			}
		}
	}
	closeGroup()
	for _, f := range fields {
		if qs := byField[f]; len(qs) == 1 {
			filters = append(filters, qs[0])
		} else {
			filters = append(filters, query.NewDisjunctionQuery(qs))
		}
	}
	var mustNot query.Query
	if bq.MustNot != nil {
		if d, ok := bq.MustNot.(*query.DisjunctionQuery); !ok || len(d.Disjuncts) > 0 {
			mustNot = bq.MustNot
		}
	}
	if len(required) > 1 {
		if q, ok := r.perLanguage(required); ok {
			required = []query.Query{q}
		}
	}
	if len(required) == 0 && mustNot == nil {
		return nil, filters
	}
	if len(required) == 1 && mustNot == nil {
		return required[0], filters
	}
	b := query.NewBooleanQuery(required, nil, nil)
	b.MustNot = mustNot
	return b, filters
}

// byField holds the alternatives of a free-text word (its forms, translations, patterns) by the
// sentence field they search.
type byField map[string][]query.Query

// alternatives breaks a free-text clause down by sentence field; false when it cannot be.
func (r *queryRewriter) alternatives(q query.Query) (byField, bool) {
	if alts, ok := r.free[q]; ok {
		return alts, true
	}
	switch t := q.(type) {
	case query.FieldableQuery:
		if slices.Contains(sentenceFields, t.Field()) {
			return byField{t.Field(): {q}}, true
		}
	case *query.DisjunctionQuery:
		// Words joined by OR: every word's alternatives are the group's.
		group := byField{}
		for _, d := range t.Disjuncts {
			alts, ok := r.alternatives(d)
			if !ok {
				return nil, false
			}
			for f, qs := range alts {
				group[f] = append(group[f], qs...)
			}
		}
		return group, true
	}
	return nil, false
}

// perLanguage rewrites required words, each a choice between its alternatives in either
// sentence field, into a choice between the languages of words all required in that language:
// (fr:a OR en:a) AND (fr:b OR en:b) becomes (fr:a AND fr:b) OR (en:a AND en:b). A claim's sentence
// is in one field only, so both match the same claims; but the second lets each language's
// conjunction skip through its own postings, where the first walks both languages' postings of
// every word, and a language in which some word never occurs costs nothing. This measured 2.5
// times faster on words frequent in one language. Scores keep their order within a language.
func (r *queryRewriter) perLanguage(required []query.Query) (query.Query, bool) {
	words := make([]byField, 0, len(required))
	for _, q := range required {
		alts, ok := r.alternatives(q)
		if !ok {
			return nil, false
		}
		words = append(words, alts)
	}
	var langs []query.Query
	for _, f := range sentenceFields {
		conj := make([]query.Query, 0, len(words))
		for _, w := range words {
			switch alts := w[f]; len(alts) {
			case 0:
				conj = nil
			case 1:
				conj = append(conj, alts[0])
			default:
				conj = append(conj, query.NewDisjunctionQuery(alts))
			}
			if conj == nil {
				break
			}
		}
		if conj != nil {
			langs = append(langs, query.NewConjunctionQuery(conj))
		}
	}
	switch len(langs) {
	case 0:
		return query.NewMatchNoneQuery(), true
	case 1:
		return langs[0], true
	}
	return query.NewDisjunctionQuery(langs), true
}

// clauseField is the field a rewritten clause queries; "" for free text.
func (r *queryRewriter) clauseField(q query.Query) string {
	if _, ok := r.free[q]; ok {
		return ""
	}
	switch t := q.(type) {
	case query.FieldableQuery:
		// Words looked for in one sentence field are text, ranked with the free text.
		if f := t.Field(); queryableFields[f] != kindText {
			return f
		}
		return ""
	case *query.DisjunctionQuery:
		// "value:100" is a match OR a range on the same field.
		field := ""
		for _, d := range t.Disjuncts {
			switch f := r.clauseField(d); {
			case r.free[d] != nil:
				return ""
			case f != "":
				field = f
			}
		}
		return field
	}
	return ""
}

func (r *queryRewriter) checkFuzzy(term string, fuzziness int) error {
	r.expensive++
	if r.expensive > maxExpensive {
		return badQuery("more than %d fuzzy, wildcard or regexp terms", maxExpensive)
	}
	if fuzziness > 2 {
		return badQuery("fuzziness %d of %q is above the maximum of 2", fuzziness, term)
	}
	if n := utf8.RuneCountInString(term); n < 2*fuzziness+1 {
		return badQuery("fuzzy term %q is too short for fuzziness %d", term, fuzziness)
	}
	return nil
}

// checkPattern bounds wildcard and regexp terms: short, with a literal prefix so the term
// dictionary is not scanned whole.
func (r *queryRewriter) checkPattern(kind, pattern string, literalPrefix int) error {
	r.expensive++
	if r.expensive > maxExpensive {
		return badQuery("more than %d fuzzy, wildcard or regexp terms", maxExpensive)
	}
	if len(pattern) > maxPatternBytes {
		return badQuery("%s %q longer than %d bytes", kind, pattern, maxPatternBytes)
	}
	if literalPrefix < minPatternPrefix {
		return badQuery("%s %q must start with at least %d literal characters", kind, pattern, minPatternPrefix)
	}
	return nil
}

func (r *queryRewriter) wildcard(t *query.WildcardQuery, negated bool) (query.Query, error) {
	prefix := strings.IndexAny(t.Wildcard, "*?")
	if prefix < 0 {
		prefix = len(t.Wildcard)
	}
	if err := r.checkPattern("wildcard", t.Wildcard, utf8.RuneCountInString(t.Wildcard[:prefix])); err != nil {
		return nil, err
	}
	if n := strings.Count(t.Wildcard, "*") + strings.Count(t.Wildcard, "?"); n > maxPatternWild {
		return nil, badQuery("wildcard %q has more than %d wildcards", t.Wildcard, maxPatternWild)
	}
	if _, err := vregexp.New(wildcardRegexp(t.Wildcard)); err != nil {
		return nil, badQuery("wildcard %q: %v", t.Wildcard, err)
	}
	if t.FieldVal == "" || t.FieldVal == fieldSentence {
		// Patterns are not analysed: match them against the lowercased, accent-folded terms.
		return r.inSentences(strings.ToLower(t.Wildcard), negated, func(field, pattern string) query.Query {
			w := query.NewWildcardQuery(pattern)
			w.SetField(field)
			return w
		}, wildcardRegexp), nil
	}
	if err := r.checkField(t.FieldVal, kindText, kindKeyword); err != nil {
		return nil, err
	}
	if !negated && queryableFields[t.FieldVal] == kindText {
		r.hl.addPattern(t.FieldVal, wildcardRegexp(t.Wildcard))
	}
	return t, nil
}

// inSentences looks for a pattern in both sentence fields, where it matches the indexed word
// stems. asRegexp translates the pattern for highlighting.
func (r *queryRewriter) inSentences(pattern string, negated bool, in func(field, pattern string) query.Query,
	asRegexp func(string) string) query.Query {
	qs := make([]query.Query, 0, len(sentenceFields))
	alts := byField{}
	for _, f := range sentenceFields {
		q := in(f, pattern)
		qs = append(qs, q)
		alts[f] = []query.Query{q}
		if !negated {
			r.hl.addPattern(f, asRegexp(pattern))
		}
	}
	d := query.NewDisjunctionQuery(qs)
	r.free[d] = alts
	return d
}

// wildcardRegexp translates a wildcard as bleve does: * any run, ? one character.
func wildcardRegexp(w string) string {
	var b strings.Builder
	for _, c := range w {
		switch c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

func (r *queryRewriter) regexp(t *query.RegexpQuery, negated bool) (query.Query, error) {
	re, err := syntax.Parse(t.Regexp, syntax.Perl)
	if err != nil {
		return nil, badQuery("regexp %q: %v", t.Regexp, err)
	}
	if maxRepeat(re) > maxRegexpRepeat {
		return nil, badQuery("regexp %q repeats more than %d times", t.Regexp, maxRegexpRepeat)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, badQuery("regexp %q: %v", t.Regexp, err)
	}
	if len(prog.Inst) > maxRegexpInsts {
		return nil, badQuery("regexp %q is too complex", t.Regexp)
	}
	prefix, _ := prog.Prefix()
	if err := r.checkPattern("regexp", t.Regexp, utf8.RuneCountInString(prefix)); err != nil {
		return nil, err
	}
	// The index runs regexps as automata, which refuse what Go accepts and they cannot build
	// (anchors, word boundaries, lazy repeats, too many states): check with the same compiler.
	if _, err := vregexp.New(t.Regexp); err != nil {
		return nil, badQuery("regexp %q: %v", t.Regexp, err)
	}
	if t.FieldVal == "" || t.FieldVal == fieldSentence {
		return r.inSentences(t.Regexp, negated, func(field, pattern string) query.Query {
			re := query.NewRegexpQuery(pattern)
			re.SetField(field)
			return re
		}, func(p string) string { return p }), nil
	}
	if err := r.checkField(t.FieldVal, kindText, kindKeyword); err != nil {
		return nil, err
	}
	if !negated && queryableFields[t.FieldVal] == kindText {
		r.hl.addPattern(t.FieldVal, t.Regexp)
	}
	return t, nil
}

// maxRepeat is the largest explicit repetition count in re ({n,m}).
func maxRepeat(re *syntax.Regexp) int {
	m := max(re.Min, re.Max)
	for _, s := range re.Sub {
		m = max(m, maxRepeat(s))
	}
	return m
}
