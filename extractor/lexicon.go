package extractor

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/claimwire/claimwire"
)

//go:embed data/lexicon.yaml
var defaultLexicon []byte

//go:embed data/glossary.yaml
var defaultGlossary []byte

// unitKind classifies what follows a number.
type unitKind uint8

const (
	ukNone     unitKind = iota
	ukCurrency          // ISO 4217 code
	ukUnit              // physical unit, percent, times: always a quantity
	ukCount             // a counted noun from the lexicon
	ukFallback          // a counted noun not in the lexicon
)

// phrase is what a lexicon surface form stands for.
type phrase struct {
	kind  unitKind
	canon string
	cents bool  // a hundredth of the currency: cents, centimes, pence
	cues  []cue // a noun of several meanings counts only in a sentence holding one of these
}

// lexiconFile is the YAML shape of lexicon files (documented in the package comment).
type lexiconFile struct {
	Currencies map[string][]string      `yaml:"currencies"`
	Subunits   map[string][]string      `yaml:"subunits"`
	Units      map[string][]string      `yaml:"units"`
	Counts     map[string][]string      `yaml:"counts"`
	Ambiguous  map[string]ambiguousNoun `yaml:"ambiguous"`
	Grammar    map[string]grammarFile   `yaml:"grammar"`
}

// ambiguousNoun gives forms of a counted noun that have other meanings ("voix" is a vote or a
// voice, "action" a share or an act): a number before them counts them only in a sentence
// holding one of the cues, and nothing otherwise.
type ambiguousNoun struct {
	Forms []string `yaml:"forms"`
	Cues  []string `yaml:"cues"`
}

// glossaryFile is the YAML shape of glossary files (documented in the package comment).
type glossaryFile struct {
	Subjects map[string][]string `yaml:"subjects"`
	Measures []measureRule       `yaml:"measures"`
}

// measureRule names the measure of a claim whose unit is in Units (canonical units, "money" for
// any currency) when, if Cues is not empty, one of the cues occurs in the sentence. A cue ending
// in '*' matches any word it starts.
type measureRule struct {
	Key   string   `yaml:"key"`
	Units []string `yaml:"units"`
	Cues  []string `yaml:"cues"`
}

// compiledRule is a measureRule with its sets ready for lookup.
type compiledRule struct {
	key   string
	units map[string]bool
	money bool
	cues  []cue
}

// cue is a lower-cased word of a measure rule; prefix cues match any word they start. id is its
// index in cueIndex.all.
type cue struct {
	word   []byte
	prefix bool
	id     int
}

// phraseTable maps normalised multi-token phrases ("usines d'ia", "us$") to values.
type phraseTable[V any] struct {
	m map[string]V
	// first maps the key of a phrase's first token to the longest phrase (in tokens) starting
	// with it, so that most tokens cost one lookup.
	first map[string]int
}

func newPhraseTable[V any]() phraseTable[V] {
	return phraseTable[V]{m: map[string]V{}, first: map[string]int{}}
}

func (t *phraseTable[V]) add(form string, v V) error {
	toks := tokenize(nil, form, 0, len(form))
	if len(toks) == 0 {
		return fmt.Errorf("extractor: empty phrase %q", form)
	}
	key := string(appendKey(nil, form, toks))
	t.m[key] = v
	first := string(appendKey(nil, form, toks[:1]))
	t.first[first] = max(t.first[first], len(toks))
	return nil
}

// longest returns the longest phrase of t starting at toks[0]; key is the normalised sentence
// that the tokens' lo and hi index (see run.key).
func (t *phraseTable[V]) longest(key []byte, toks []token) (v V, n int) {
	if len(toks) == 0 {
		return v, 0
	}
	lo := toks[0].lo
	maxL := min(t.first[string(key[lo:toks[0].hi])], len(toks))
	for l := maxL; l >= 1; l-- {
		if v, ok := t.m[string(key[lo:toks[l-1].hi])]; ok {
			return v, l
		}
	}
	return v, 0
}

// appendKey appends the normalised key of toks: lower case, one space where the text had
// white space, apostrophes folded.
func appendKey(dst []byte, text string, toks []token) []byte {
	for n, t := range toks {
		if n > 0 && t.sp != spNone {
			dst = append(dst, ' ')
		}
		dst = appendLower(dst, text[t.start:t.end])
	}
	return dst
}

// loadLexicon merges the embedded lexicon with user files; later files win. It also returns
// the grammar of its grammar sections, by language (see langIndex).
func loadLexicon(files []string) (phraseTable[phrase], [2]grammar, error) {
	t := newPhraseTable[phrase]()
	g := [2]grammar{newGrammar(), newGrammar()}
	docs, err := readDocs(defaultLexicon, files)
	if err != nil {
		return t, g, err
	}
	for _, d := range docs {
		var f lexiconFile
		if err := decodeStrict(d.data, &f); err != nil {
			return t, g, fmt.Errorf("extractor: lexicon %s: %w", d.name, err)
		}
		for _, lang := range slices.Sorted(maps.Keys(f.Grammar)) {
			i := langIndex(lang)
			if i < 0 {
				return t, g, fmt.Errorf("extractor: lexicon %s: grammar: language %q is neither fr nor en", d.name, lang)
			}
			if err := g[i].add(f.Grammar[lang]); err != nil {
				return t, g, fmt.Errorf("extractor: lexicon %s: grammar %s: %w", d.name, lang, err)
			}
		}
		for _, sec := range []struct {
			kind  unitKind
			cents bool
			m     map[string][]string
		}{{ukCurrency, false, f.Currencies}, {ukCurrency, true, f.Subunits}, {ukUnit, false, f.Units}, {ukCount, false, f.Counts}} {
			for _, canon := range slices.Sorted(maps.Keys(sec.m)) {
				if err := checkCanon(sec.kind, canon); err != nil {
					return t, g, fmt.Errorf("extractor: lexicon %s: %w", d.name, err)
				}
				forms := sec.m[canon]
				if sec.kind != ukCurrency {
					forms = append([]string{canon}, forms...)
				}
				if !sec.cents && sec.kind == ukCurrency {
					forms = append([]string{canon}, forms...)
				}
				for _, form := range forms {
					for _, v := range inflections(form, sec.kind == ukCount) {
						variants := []string{v}
						if sec.kind == ukUnit && strings.Contains(v, " ") {
							// A compound adjective joins a unit's words: "a 3,600-square-metre hall".
							variants = append(variants, strings.ReplaceAll(v, " ", "-"))
						}
						for _, v := range variants {
							if err := t.add(v, phrase{kind: sec.kind, canon: canon, cents: sec.cents}); err != nil {
								return t, g, fmt.Errorf("extractor: lexicon %s: %w", d.name, err)
							}
						}
					}
				}
			}
		}
		for _, canon := range slices.Sorted(maps.Keys(f.Ambiguous)) {
			a := f.Ambiguous[canon]
			if err := checkCanon(ukCount, canon); err != nil {
				return t, g, fmt.Errorf("extractor: lexicon %s: %w", d.name, err)
			}
			if len(a.Forms) == 0 || len(a.Cues) == 0 {
				return t, g, fmt.Errorf("extractor: lexicon %s: ambiguous %q needs forms and cues", d.name, canon)
			}
			p := phrase{kind: ukCount, canon: canon, cues: parseCues(a.Cues)}
			for _, form := range a.Forms {
				for _, v := range inflections(form, true) {
					if err := t.add(v, p); err != nil {
						return t, g, fmt.Errorf("extractor: lexicon %s: %w", d.name, err)
					}
				}
			}
		}
	}
	return t, g, nil
}

// parseCues reads cue words, lower-cased; a final '*' matches any word the cue starts.
func parseCues(words []string) []cue {
	out := make([]cue, 0, len(words))
	for _, w := range words {
		p, prefix := strings.CutSuffix(string(appendLower(nil, w)), "*")
		out = append(out, cue{word: []byte(p), prefix: prefix})
	}
	return out
}

// checkCanon makes sure that a canonical unit of the lexicon is one the indexer knows how to
// compare: currencies and units come from claimwire's unit vocabulary (units.go), and counted
// nouns must not take one of its names.
func checkCanon(kind unitKind, canon string) error {
	got := claimwire.UnitKindOf(canon)
	switch {
	case kind == ukCurrency && got != claimwire.UnitCurrency:
		return fmt.Errorf("currency %q is not in claimwire's unit vocabulary", canon)
	case kind == ukUnit && got != claimwire.UnitRatio && got != claimwire.UnitPhysical:
		return fmt.Errorf("unit %q is not in claimwire's unit vocabulary", canon)
	case kind == ukCount && got != claimwire.UnitCount:
		return fmt.Errorf("counted noun %q is a name of claimwire's unit vocabulary", canon)
	}
	return nil
}

// inflections adds the plural of counted nouns so that files may list singulars only: the
// last word for English ("ai chip" → "ai chips"), the first for French ("usine d'ia").
func inflections(form string, plural bool) []string {
	out := []string{form}
	if !plural {
		return out
	}
	words := strings.Fields(form)
	if len(words) == 0 {
		return out
	}
	last := append([]string{}, words...)
	last[len(last)-1] = pluralOf(last[len(last)-1])
	out = append(out, strings.Join(last, " "))
	if len(words) > 1 {
		first := append([]string{}, words...)
		first[0] = pluralOf(first[0])
		out = append(out, strings.Join(first, " "))
	}
	return out
}

// pluralOf returns the plural of a noun in English or French: "page" → "pages",
// "gigafactory" → "gigafactories"; nouns ending in s, x or z stay as they are.
func pluralOf(w string) string {
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z"):
		return w
	case w == "foot":
		return "feet"
	case strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es" // "inches", "batches"
	case len(w) > 2 && w[len(w)-1] == 'y' && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// loadGlossary merges the embedded glossary with user files. User measure rules come first so
// that they win over the defaults; user subject terms replace default ones.
func loadGlossary(files []string) (phraseTable[string], []compiledRule, error) {
	subjects := newPhraseTable[string]()
	docs, err := readDocs(defaultGlossary, files)
	if err != nil {
		return subjects, nil, err
	}
	var rules []compiledRule
	for _, d := range docs {
		var f glossaryFile
		if err := decodeStrict(d.data, &f); err != nil {
			return subjects, nil, fmt.Errorf("extractor: glossary %s: %w", d.name, err)
		}
		for _, key := range slices.Sorted(maps.Keys(f.Subjects)) {
			for _, term := range f.Subjects[key] {
				for _, v := range inflections(term, true) {
					if err := subjects.add(v, key); err != nil {
						return subjects, nil, fmt.Errorf("extractor: glossary %s: %w", d.name, err)
					}
				}
			}
		}
		var own []compiledRule
		for _, r := range f.Measures {
			if r.Key == "" || len(r.Units) == 0 {
				return subjects, nil, fmt.Errorf("extractor: glossary %s: measure rule needs a key and units", d.name)
			}
			c := compiledRule{key: r.Key, units: map[string]bool{}}
			for _, u := range r.Units {
				if u == "money" {
					c.money = true
					continue
				}
				// Claims carry canonical units, so a rule must name them as claims do ("MW",
				// not "mw", which would never match).
				if _, ok := claimwire.LookupUnit(u); !ok && strings.ToLower(u) != u {
					return subjects, nil, fmt.Errorf("extractor: glossary %s: measure %s: unit %q is neither a name of claimwire's unit vocabulary nor a counted noun (lower case)", d.name, r.Key, u)
				}
				c.units[u] = true
			}
			c.cues = parseCues(r.Cues)
			own = append(own, c)
		}
		rules = append(own, rules...)
	}
	return subjects, rules, nil
}

type doc struct {
	name string
	data []byte
}

func readDocs(embedded []byte, files []string) ([]doc, error) {
	docs := []doc{{"(embedded)", embedded}}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("extractor: %w", err)
		}
		docs = append(docs, doc{name, b})
	}
	return docs, nil
}

// decodeStrict rejects unknown keys so that a typo in a user file is an error, not a no-op.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
