package indexer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTranslationsExpand(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct {
		term    string
		want    []string
		notWant []string
	}{
		{"gigafactory", []string{"giga-usine"}, []string{"gigafactory"}},
		{"gigafactories", []string{"giga-usine"}, nil},
		{"proposals", []string{"proposition"}, []string{"proposal"}},
		{"puces", []string{"chip", "semiconductor"}, []string{"puce"}},
		{"Électricité", []string{"electricity"}, nil},
		// A French and an English account of one programme's support to small firms, or of the
		// people a sector hires, share these words only through the translations.
		{"PME", []string{"SME", "small business"}, nil},
		{"recrutées", []string{"hire", "recruitment"}, nil},
		{"donnees", nil, []string{"data center"}},
		{"zeppelin", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			var got []string
			for _, e := range ix.translations.expand(ix.ta, tt.term) {
				got = append(got, e.Text)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("expand(%q) = %v, lacks %q", tt.term, got, w)
				}
			}
			for _, w := range tt.notWant {
				if slices.Contains(got, w) {
					t.Errorf("expand(%q) = %v, has %q", tt.term, got, w)
				}
			}
			if tt.want == nil && tt.notWant == nil && len(got) != 0 {
				t.Errorf("expand(%q) = %v, want nothing", tt.term, got)
			}
		})
	}
}

func TestTranslationFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return file
	}
	files := []string{write("a.yaml", "- en: [airship]\n  fr: [dirigeable]\n"), write("b.yaml", "- en: [rack]\n  fr: [baie]\n")}
	ix, err := Open(t.TempDir(), Options{TranslationFiles: files})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := ix.translations.expand(ix.ta, "dirigeables"); len(got) != 1 || got[0].Text != "airship" {
		t.Errorf("expand(dirigeables) = %v, want airship", got)
	}
	if got := ix.translations.expand(ix.ta, "baies"); len(got) != 1 || got[0].Text != "rack" {
		t.Errorf("expand(baies) = %v, want rack from the second file", got)
	}
	if got := ix.translations.expand(ix.ta, "puce"); len(got) == 0 {
		t.Error("embedded translations lost when user files are given")
	}

	bad := write("bad.yaml", "- en: [unclosed\n")
	if _, err := Open(t.TempDir(), Options{TranslationFiles: []string{bad}}); err == nil {
		t.Error("Open accepted a malformed translation file")
	}
	upward := write("upward.yaml", "- en: [soared]\n  fr: [envolé]\n  direction: upward\n")
	if _, err := Open(t.TempDir(), Options{TranslationFiles: []string{upward}}); err == nil || !strings.Contains(err.Error(), "neither rise nor fall") {
		t.Errorf("Open with a direction neither rise nor fall: %v, want it refused", err)
	}
	if _, err := Open(t.TempDir(), Options{TranslationFiles: []string{filepath.Join(dir, "missing.yaml")}}); err == nil {
		t.Error("Open accepted a missing translation file")
	}
}

// TestTranslationKeysStable checks that an entry's key in the fact linker's terms does not move
// when entries are added before it: an index keeps the keys of its claims' terms and stories
// across versions of the translations.
func TestTranslationKeysStable(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	airship := translationEntry{EN: []string{"airship", "blimp"}, FR: []string{"dirigeable"}}
	rack := translationEntry{EN: []string{"server rack"}, FR: []string{"baie de serveurs"}}
	keyOf := func(es []translationEntry, lang, text, word string) string {
		t.Helper()
		tr, err := newTranslations(ix.ta, es)
		if err != nil {
			t.Fatal(err)
		}
		return termOf(t, lexicon{ta: ix.ta, tr: tr}, lang, text, word).Key
	}
	before := keyOf([]translationEntry{airship}, "fr", "Lumen loue 3 dirigeables", "dirigeables")
	after := keyOf([]translationEntry{rack, airship}, "en", "Lumen rents 3 blimps", "blimps")
	if before != after || before != "~airship" {
		t.Errorf("key %q with one entry, %q after another is added before it; want ~airship both", before, after)
	}
	if got := keyOf([]translationEntry{airship, rack}, "fr", "Lumen installe 40 baies de serveurs", "baies de serveurs"); got != "~server_rack" {
		t.Errorf("key of a phrase entry = %q, want ~server_rack", got)
	}
}

// FuzzTranslations loads arbitrary user translation files: malformed ones are refused, none
// panics, and a loaded one expands any term without failing.
func FuzzTranslations(f *testing.F) {
	f.Add("- en: [airship]\n  fr: [dirigeable]\n", "dirigeable")
	f.Add("- en: []\n", "x")
	f.Add("{}", "")
	f.Add("- en: [Vela]\n  fr: [Véla]\n  country: United States\n", "Vela")
	f.Add("- en: [Vela]\n  fr: [Véla]\n  country: Orbisland\n", "Vela")
	f.Add("- fr: [\"l'usine\", \"d'IA\"]\n  en: [\"AI plant\"]\n", "usines")
	ix, err := Open(f.TempDir(), Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, yaml, term string) {
		file := filepath.Join(dir, "g.yaml")
		if err := os.WriteFile(file, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		tr, err := loadTranslations(ix.ta, []string{file})
		if err != nil {
			return
		}
		for _, e := range tr.expand(ix.ta, term) {
			if e.Field != fieldSentenceEN && e.Field != fieldSentenceFR {
				t.Fatalf("expansion %+v has no language field", e)
			}
		}
	})
}
