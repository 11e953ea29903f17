package indexer

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestGlossaryExpand(t *testing.T) {
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
		{"donnees", nil, []string{"data center"}},
		{"zeppelin", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			var got []string
			for _, e := range ix.glossary.expand(ix.ta, tt.term) {
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

func TestGlossaryUserFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "g.yaml")
	if err := os.WriteFile(file, []byte("- en: [airship]\n  fr: [dirigeable]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(t.TempDir(), Options{GlossaryFile: file})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := ix.glossary.expand(ix.ta, "dirigeables"); len(got) != 1 || got[0].Text != "airship" {
		t.Errorf("expand(dirigeables) = %v, want airship", got)
	}
	if got := ix.glossary.expand(ix.ta, "puce"); len(got) == 0 {
		t.Error("embedded glossary lost when a user file is given")
	}

	if err := os.WriteFile(file, []byte("- en: [unclosed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(t.TempDir(), Options{GlossaryFile: file}); err == nil {
		t.Error("Open accepted a malformed glossary")
	}
	if _, err := Open(t.TempDir(), Options{GlossaryFile: filepath.Join(t.TempDir(), "missing.yaml")}); err == nil {
		t.Error("Open accepted a missing glossary file")
	}
}

// FuzzGlossary loads arbitrary user glossaries: malformed ones are refused, none panics, and a
// loaded one expands any term without failing.
func FuzzGlossary(f *testing.F) {
	f.Add("- en: [airship]\n  fr: [dirigeable]\n", "dirigeable")
	f.Add("- en: []\n", "x")
	f.Add("{}", "")
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
		g, err := loadGlossary(ix.ta, file)
		if err != nil {
			return
		}
		for _, e := range g.expand(ix.ta, term) {
			if e.Field != fieldSentenceEN && e.Field != fieldSentenceFR {
				t.Fatalf("expansion %+v has no language field", e)
			}
		}
	})
}
