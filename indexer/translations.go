package indexer

import (
	_ "embed"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed translations.yaml
var embeddedTranslations []byte

// translationEntry is one entry of translations.yaml: words and phrases that name the same thing.
type translationEntry struct {
	EN []string `yaml:"en"`
	FR []string `yaml:"fr"`
	// Measure names what a number next to these words measures ("valuation", "subsidy"); entries
	// of one measure share the name. Figures next to two different measures state two facts.
	Measure string `yaml:"measure"`
	// Increment marks words that make the number next to them an addition ("another 700 MW",
	// "50 000 GPU supplémentaires"): a different fact from a total.
	Increment bool `yaml:"increment"`
	// Direction marks words saying which way the number next to them moved something: "rise"
	// ("risen 18%", "hausse de 5 %") or "fall" ("plunged 17%", "chute de 16,97 %"). A rise and
	// a fall are two facts, however alike their figures.
	Direction string `yaml:"direction"`
	// Country marks a place: the country it is in, by the first English word of that country's
	// entry ("United States" for "Pennsylvania"); a country names itself.
	Country string `yaml:"country"`
	// StandsFor marks a name that, acting, stands for a government or a larger body, by the
	// first English word of its entry: a capital ("Bruxelles a approuvé 68 projets" is the
	// European Union's approval, "Ottawa engagera 2 milliards" Canada's spending) or the
	// Commission for the Union.
	StandsFor string `yaml:"stands_for"`
}

// directions are the values of translationEntry.Direction, as facts.Term reads them.
var directions = map[string]int{"": 0, "rise": 1, "fall": -1}

// translation is a translation or synonym offered for a query term.
type translation struct {
	Text string
	// Field is the sentence field of the term's language, where its stemmed form is indexed.
	Field string
}

// Translations expands query terms with their translations and synonyms, so that a query in one
// language finds claims in the other. (The extractor's glossary, which names subjects for metric
// keys, is another thing.) It is immutable once loaded.
type Translations struct {
	entries [][]translation
	// measure is each entry's measure name, empty for most; increment marks the entries that
	// make a number an addition; direction is each entry's, +1 for a rise, -1 for a fall.
	measure   []string
	increment []bool
	direction []int
	// country is each place entry's country entry, -1 for entries naming no place; standsFor
	// each capital's body, -1 for other entries.
	country, standsFor []int
	// key is each entry's key in the fact linker's terms: "~" and its first word, which an
	// index keeps when a later version adds entries ("~data_center"). Entries opening with one
	// word ("revenue", "revenue, sales") name one thing.
	key []string
	// byKey maps the analysed form of a term ("sentence_en:propos") to the entries holding it.
	byKey map[string][]int
}

// parseTranslations reads translation YAML into entries.
func parseTranslations(data []byte) ([]translationEntry, error) {
	var es []translationEntry
	if err := yaml.Unmarshal(data, &es); err != nil {
		return nil, fmt.Errorf("indexer: translations: %w", err)
	}
	return es, nil
}

// loadTranslations builds the translations from the embedded file plus the user files, whose
// entries are added to the embedded ones.
func loadTranslations(ta *textAnalysis, userFiles []string) (*Translations, error) {
	es, err := parseTranslations(embeddedTranslations)
	if err != nil {
		return nil, err
	}
	for _, name := range userFiles {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("indexer: translations: %w", err)
		}
		more, err := parseTranslations(data)
		if err != nil {
			return nil, fmt.Errorf("%w (in %s)", err, name)
		}
		es = append(es, more...)
	}
	return newTranslations(ta, es)
}

// newTranslations builds the translations of entries.
func newTranslations(ta *textAnalysis, es []translationEntry) (*Translations, error) {
	tr := &Translations{byKey: make(map[string][]int)}
	// A place's English first word: its country's; a capital's: its body's.
	countries, bodies := make(map[string]string, len(es)), make(map[string]string)
	for _, e := range es {
		var terms []translation
		for _, t := range e.EN {
			terms = append(terms, translation{Text: t, Field: fieldSentenceEN})
		}
		for _, t := range e.FR {
			terms = append(terms, translation{Text: t, Field: fieldSentenceFR})
		}
		if len(terms) < 2 {
			continue
		}
		dir, ok := directions[e.Direction]
		if !ok {
			return nil, fmt.Errorf("indexer: translations: entry %q: direction %q is neither rise nor fall", terms[0].Text, e.Direction)
		}
		n := len(tr.entries)
		tr.entries = append(tr.entries, terms)
		tr.measure = append(tr.measure, e.Measure)
		tr.increment = append(tr.increment, e.Increment)
		tr.direction = append(tr.direction, dir)
		tr.country = append(tr.country, -1)
		tr.standsFor = append(tr.standsFor, -1)
		tr.key = append(tr.key, "~"+strings.Join(strings.Fields(strings.ToLower(terms[0].Text)), "_"))
		if e.Country != "" && len(e.EN) > 0 {
			countries[e.EN[0]] = e.Country
		}
		if e.StandsFor != "" && len(e.EN) > 0 {
			bodies[e.EN[0]] = e.StandsFor
		}
		for _, t := range terms {
			for _, f := range sentenceFields {
				if f != t.Field && t.Field == fieldSentenceFR && !startsUpper(t.Text) {
					// French articles borrow English words ("data center"), English ones borrow
					// only French names ("Île-de-France"): a French word read in English is most
					// often another English word ("poste" stems as "posted").
					continue
				}
				k := translationKey(ta, f, t.Text)
				if k != "" && !slices.Contains(tr.byKey[k], n) {
					tr.byKey[k] = append(tr.byKey[k], n)
				}
			}
		}
	}
	byName := make(map[string]int, len(tr.entries)) // an entry by its first English word
	for n, terms := range tr.entries {
		if terms[0].Field == fieldSentenceEN {
			byName[terms[0].Text] = n
		}
	}
	if err := refer(byName, countries, tr.country, "country"); err != nil {
		return nil, err
	}
	if err := refer(byName, bodies, tr.standsFor, "stands_for"); err != nil {
		return nil, err
	}
	return tr, nil
}

// refer sets, for each entry of refs (an entry's first English word: the first English word of
// the entry it refers to, its country or its body), the entry referred to in to. byName finds an
// entry by its first English word.
func refer(byName map[string]int, refs map[string]string, to []int, attribute string) error {
	for from, ref := range refs {
		n, ok := byName[ref]
		if !ok {
			return fmt.Errorf("indexer: translations: entry %q: %s %q has no entry", from, attribute, ref)
		}
		if p, ok := byName[from]; ok {
			to[p] = n
		}
	}
	return nil
}

// translationKey is the lookup key of text as analysed for field; empty when nothing is left (stop
// words).
func translationKey(ta *textAnalysis, field, text string) string {
	t := ta.terms(field, text)
	if t == "" {
		return ""
	}
	return field + ":" + t
}

// names reports whether an entry names a place, body or company: its first word is written
// with a capital ("Germany", while French writes "allemand").
func (tr *Translations) names(entry int) bool {
	return startsUpper(tr.entries[entry][0].Text)
}

// expand returns the other terms of every entry text belongs to, whatever the language of text.
func (tr *Translations) expand(ta *textAnalysis, text string) []translation {
	var hit []int
	for _, f := range sentenceFields {
		for _, n := range tr.byKey[translationKey(ta, f, text)] {
			if !slices.Contains(hit, n) {
				hit = append(hit, n)
			}
		}
	}
	if len(hit) == 0 {
		return nil
	}
	own := make(map[string]bool, len(sentenceFields))
	for _, f := range sentenceFields {
		own[translationKey(ta, f, text)] = true
	}
	var out []translation
	for _, n := range hit {
		for _, t := range tr.entries[n] {
			if own[translationKey(ta, t.Field, t.Text)] || slices.Contains(out, t) {
				continue
			}
			out = append(out, t)
		}
	}
	return out
}

// startsUpper reports text written as a name, with a capital first letter.
func startsUpper(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsUpper(r)
}
