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
