package extractor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzExtract feeds arbitrary bytes, invalid UTF-8 included: no panic, offsets inside the input
// on UTF-8 boundaries, Surface == text[Start:End], Start < End, finite values.
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.cases")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			if text, ok := strings.CutPrefix(line, "> "); ok {
				f.Add(text, "")
			}
		}
	}
	f.Add("\xff\xfe 12 000\xa0€ \xe2\x80", "fr")
	f.Add("1.2.3.4 , . 5e 6:7 $ US$ 8+ 9- x10 ×3 100 000 000 000 000 000 000 000 milliards", "en")
	f.Add("quatre-vingt-dix-neuf-vingt-mille-cent et et un 1,5 Md€ (2 milliards de dollars)", "")
	f.Add("x $5 to", "en") // a range word ending the sentence after a currency once read past the tokens
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, text, lang string) {
		for _, q := range e.Extract(text, lang) {
			checkInvariants(t, text, q)
			if q.Lang != "fr" && q.Lang != "en" {
				t.Fatalf("lang %q", q.Lang)
			}
		}
		if l := DetectLanguage(text); l != "fr" && l != "en" {
			t.Fatalf("DetectLanguage = %q", l)
		}
	})
}

// FuzzCueScan checks the one-pass cue scan against containsWord, cue by cue, on lower-cased
// sentence keys (valid UTF-8, as run.key is).
func FuzzCueScan(f *testing.F) {
	f.Add("Le prix de vente: 5 €, la part mondiale 20 %.")
	f.Add("revenues of $5bn; pre-price, un-priced, tarif-réduit, valorisé")
	f.Add("\xffprix\xe2 part")
	e := newTestExtractor(f)
	found := make([]bool, len(e.cues.all))
	f.Fuzz(func(t *testing.T, text string) {
		key := appendLower(nil, text)
		e.cues.scan(key, found)
		for id, c := range e.cues.all {
			if want := containsWord(key, c.word, c.prefix); found[id] != want {
				t.Fatalf("cue %q (prefix %v) in %q: scan %v, containsWord %v", c.word, c.prefix, key, found[id], want)
			}
		}
	})
}
