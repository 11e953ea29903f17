package indexer

import (
	"testing"
)

// TestLexiconIncrement checks which words make the number next to them an addition: "add" and
// "ajouter" do, their forms reporting speech ("…, he added", "a-t-il ajouté") do not.
func TestLexiconIncrement(t *testing.T) {
	lex, err := NewLexicon(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, text, word string
		increment        bool
	}{
		{"en", "The operator plans to add 50,000 GPUs", "add", true},
		{"en", "It will bring another 700 MW", "another", true},
		{"fr", "Le groupe veut ajouter 1 GW", "ajouter", true},
		{"fr", "soit 50 000 puces supplémentaires", "supplémentaires", true},
		{"en", "The firm was worth $90 billion in spring, added two people close to the talks", "added", false},
		{"fr", "une valorisation de 6 milliards, a-t-il ajouté", "ajouté", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			for _, term := range lex.Terms(tt.lang, tt.text) {
				if tt.text[term.Start:term.End] == tt.word {
					if term.Increment != tt.increment {
						t.Errorf("%q: increment %v, want %v", tt.word, term.Increment, tt.increment)
					}
					return
				}
			}
			t.Errorf("no term %q in %v", tt.word, lex.Terms(tt.lang, tt.text))
		})
	}
}

// TestLexiconOneKey checks that words naming one thing in either language, however written,
// share a key: a French article's "États-Unis" and an American one's "U.S." tell one story.
func TestLexiconOneKey(t *testing.T) {
	lex, err := NewLexicon(nil)
	if err != nil {
		t.Fatal(err)
	}
	key := func(lang, text, word string) string {
		for _, term := range lex.Terms(lang, text) {
			if text[term.Start:term.End] == word {
				return term.Key
			}
		}
		t.Fatalf("no term %q in %v", word, lex.Terms(lang, text))
		return ""
	}
	tests := []struct {
		langA, textA, wordA string
		langB, textB, wordB string
	}{
		{"fr", "Les serveurs des États-Unis tirent 5 % du courant", "États-Unis",
			"en", "U.S. servers draw 5% of the grid", "U.S"},
		{"fr", "Les serveurs des États-Unis tirent 5 % du courant", "États-Unis",
			"en", "The United States grid gives servers 5%", "United States"},
		{"fr", "La Virginie compte 300 sites", "Virginie", "en", "Virginia has 300 sites", "Virginia"},
	}
	for _, tt := range tests {
		t.Run(tt.wordB, func(t *testing.T) {
			if a, b := key(tt.langA, tt.textA, tt.wordA), key(tt.langB, tt.textB, tt.wordB); a != b {
				t.Errorf("%q is %s, %q is %s", tt.wordA, a, tt.wordB, b)
			}
		})
	}
}
