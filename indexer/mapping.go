package indexer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Analyzer names registered in the index mapping. Every text analyzer folds accents first so that
// "donnees" finds "données" and the reverse.
const (
	analyzerFR = "claimwire_fr"
	analyzerEN = "claimwire_en"
	// analyzerKeys splits a list of keys at spaces, as they are.
	analyzerKeys = "claimwire_keys"
)

// Index field names. The sentence is indexed once, with the analyzer of its language; a query
// word is analysed for both fields, so a French word in an English sentence (a name, a number)
// still matches. A second, language-neutral copy measured 200 bytes a claim for no match the
// two fields miss but stop words.
const (
	fieldSentenceFR = "sentence_fr"
	fieldSentenceEN = "sentence_en"
	// fieldSentence is not indexed: in queries it names the sentence in whichever language.
	fieldSentence  = "sentence"
	fieldUnit      = "unit"
	fieldMetric    = "metric"
	fieldQualifier = "qualifier"
	fieldLang      = "lang"
	fieldSite      = "site"
	fieldURL       = "url"
	fieldValue     = "value"
	fieldValueMax  = "value_max"
	fieldPublished = "published"
	// fieldPublishedSort and fieldValueSort are sortable strings of published and value for
	// sorting: a keyword's doc values hold one term per claim where a number's hold sixteen.
	fieldPublishedSort = "published_sort"
	fieldValueSort     = "value_sort"
	// fieldMonth ("2025-03") backs the monthly histogram: bleve has no date histogram facet.
	fieldMonth = "month"
	// fieldDay ("2025-03-31") counts the claims of each day in its dictionary, so that
	// conflicts read the most recent claims without sorting all of them by date.
	fieldDay = "day"
	// fieldUnitValue ("EUR|1.5e+09") backs /api/metrics: per-unit distinct values from one facet.
	fieldUnitValue = "unit_value"
	// fieldDoc holds the claim (see claimCodec), stored and not indexed: one stored field is
	// cheaper on disk than one per attribute.
	fieldDoc = "doc"
	// fieldFact is the id of the fact the linker gave the claim (factlink.go); fieldFactDim,
	// fieldFactTerms and fieldFactTopic find the claims a new claim is compared with: the
	// dimension of its unit (for counts, with what is counted; for shares, also with what they
	// are of), the term keys of its sentence
	// and the names of its article's story.
	fieldFact      = "fact"
	fieldFactDim   = "fact_dim"
	fieldFactTerms = "fact_terms"
	fieldFactTopic = "fact_topic"
	// fieldFactVaries is the fact of a claim that joined it with another value
	// (Linkage.FactVaries): the facts whose values can disagree are its terms. fieldFactJoined,
	// the fact of any claim that joined one, is no longer written; generations written before
	// fieldFactVaries hold it (see variedFacts).
	fieldFactVaries = "fact_varies"
	fieldFactJoined = "fact_joined"
)

// sentenceFields are searched by the free-text part of a query, with the analyzer of each.
var sentenceFields = []string{fieldSentenceFR, fieldSentenceEN}

// fieldKind says how a user may query a field.
type fieldKind int

const (
	kindText fieldKind = iota
	kindKeyword
	kindNumber
	kindDate
)

// queryableFields are the fields a query string may name.
var queryableFields = map[string]fieldKind{
	fieldSentenceFR: kindText,
	fieldSentenceEN: kindText,
	fieldSentence:   kindText,
	fieldUnit:       kindKeyword,
	fieldMetric:     kindKeyword,
	fieldQualifier:  kindKeyword,
	fieldLang:       kindKeyword,
	fieldSite:       kindKeyword,
	fieldURL:        kindKeyword,
	fieldMonth:      kindKeyword,
	fieldFact:       kindKeyword,
	fieldValue:      kindNumber,
	fieldValueMax:   kindNumber,
	fieldPublished:  kindDate,
}

// newMapping returns the index mapping. Nothing is dynamic and nothing goes to _all: the free-text
// part of queries is rewritten to the sentence fields, which keeps the index small.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultAnalyzer = analyzerEN

	analyzers := map[string][]string{
		analyzerFR: {lowercase.Name, fr.ElisionName, fr.StopName, fr.LightStemmerName},
		analyzerEN: {en.PossessiveName, lowercase.Name, en.StopName, en.SnowballStemmerName},
	}
	err := im.AddCustomAnalyzer(analyzerKeys, map[string]any{"type": custom.Name, "tokenizer": whitespace.Name})
	if err != nil {
		return nil, fmt.Errorf("indexer: analyzer %s: %w", analyzerKeys, err)
	}
	for name, filters := range analyzers {
		err := im.AddCustomAnalyzer(name, map[string]any{
			"type":          custom.Name,
			"char_filters":  []string{asciifolding.Name},
			"tokenizer":     unicode.Name,
			"token_filters": filters,
		})
		if err != nil {
			return nil, fmt.Errorf("indexer: analyzer %s: %w", name, err)
		}
	}

	text := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	kw := func(docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	// unscored is a keyword only ever filtered on, counted or looked up, never scored: it needs
	// no frequencies and norms.
	unscored := func(docValues bool) *mapping.FieldMapping {
		f := kw(docValues)
		f.SkipFreqNorm = true
		return f
	}
	num := func() *mapping.FieldMapping {
		f := mapping.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	date := func() *mapping.FieldMapping {
		f := mapping.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	stored := mapping.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	dm := mapping.NewDocumentStaticMapping()
	add := func(name string, f *mapping.FieldMapping) { dm.AddFieldMappingsAt(name, f) }
	add(fieldSentenceFR, text(analyzerFR))
	add(fieldSentenceEN, text(analyzerEN))
	// Doc values only where bleve facets (/api/metrics) or sorting need them: search facets
	// count from the terms' postings (facets.go). Frequencies and norms stay everywhere: without
	// them bleve scores a matching term NaN, which breaks relevance.
	add(fieldUnit, kw(false))
	add(fieldMetric, kw(true))
	add(fieldSite, kw(false))
	add(fieldLang, kw(false))
	add(fieldMonth, kw(false))
	add(fieldDay, unscored(false))
	add(fieldUnitValue, kw(true))
	add(fieldQualifier, kw(false))
	add(fieldURL, kw(false))
	add(fieldFact, unscored(true))
	add(fieldFactDim, unscored(false))
	// Keys as one text rather than a list: bleve builds a field for each item of a list.
	add(fieldFactTerms, text(analyzerKeys))
	add(fieldFactTopic, text(analyzerKeys))
	add(fieldFactVaries, unscored(false))
	add(fieldPublishedSort, kw(true))
	add(fieldValueSort, kw(true))
	add(fieldValue, num())
	add(fieldValueMax, num())
	add(fieldPublished, date())
	add(fieldDoc, stored)
	// No _all: bleve otherwise adds to every claim a composite field that nothing enters but
	// still walks every token of the claim into: 4 to 5% of the pipeline's CPU.
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	return im, nil
}

// claimDoc turns a linked claim into the map bleve's mapping walks.
func claimDoc(cc *claimCodec, l *linkedClaim) (map[string]any, error) {
	c := &l.rec.Claim
	blob, err := cc.encode(&l.rec)
	if err != nil {
		return nil, fmt.Errorf("indexer: encode claim %s: %w", c.ID, err)
	}
	d := map[string]any{
		fieldValue:     c.Value,
		fieldValueSort: sortableFloat(c.Value),
		fieldUnitValue: unitValueKey(c.Unit, c.Value),
		fieldDoc:       string(blob),
	}
	// Empty keywords would show up as an empty facet term.
	for f, v := range map[string]string{fieldUnit: c.Unit, fieldMetric: c.Metric, fieldQualifier: c.Qualifier,
		fieldLang: c.Lang, fieldSite: c.Site, fieldURL: c.URL} {
		if v != "" {
			d[f] = v
		}
	}
	// Claims come in French and English; any other language is analysed as English, which
	// stems little and keeps every word findable.
	if c.Lang == "fr" {
		d[fieldSentenceFR] = c.Sentence
	} else {
		d[fieldSentenceEN] = c.Sentence
	}
	if c.ValueMax != nil {
		d[fieldValueMax] = *c.ValueMax
	}
	if l.rec.Fact != "" {
		d[fieldFact] = l.rec.Fact
		d[fieldFactDim] = l.dims
		d[fieldFactTerms] = strings.Join(l.terms, " ")
		d[fieldFactTopic] = strings.Join(l.topic, " ")
		if l.rec.FactVaries {
			d[fieldFactVaries] = l.rec.Fact
		}
	}
	if !c.Published.IsZero() {
		d[fieldPublished] = c.Published
		d[fieldPublishedSort] = c.Published.UTC().Format("20060102150405")
		d[fieldMonth] = c.Published.UTC().Format("2006-01")
		d[fieldDay] = c.Published.UTC().Format(time.DateOnly)
	}
	return d, nil
}

// sortableFloat encodes v as 16 hex digits that sort as v does.
func sortableFloat(v float64) string {
	b := math.Float64bits(v)
	if b>>63 == 0 {
		b ^= 1 << 63
	} else {
		b = ^b
	}
	return fmt.Sprintf("%016x", b)
}

// unitValueKey is the fieldUnitValue term; parseUnitValueKey reverses it.
func unitValueKey(unit string, v float64) string {
	return unit + "|" + strconv.FormatFloat(v, 'g', -1, 64)
}

func parseUnitValueKey(k string) (unit string, v float64, ok bool) {
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == '|' {
			v, err := strconv.ParseFloat(k[i+1:], 64)
			return k[:i], v, err == nil
		}
	}
	return "", 0, false
}
