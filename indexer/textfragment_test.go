package indexer

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextFragmentLink(t *testing.T) {
	tests := []struct {
		name, url, sentence, want string
	}{
		{"short sentence whole", "https://ex.fr/a", "Le site compte 76 propositions.",
			"https://ex.fr/a#:~:text=Le%20site%20compte%2076%20propositions."},
		{"syntax characters escaped", "https://ex.fr/a", "R&D, coûts - 5 %",
			"https://ex.fr/a#:~:text=R%26D%2C%20co%C3%BBts%20%2D%205%20%25"},
		{"long sentence start and end", "https://ex.com/b",
			"The operator plans to install one hundred thousand chips in its first French data center next year.",
			"https://ex.com/b#:~:text=The%20operator%20plans%20to%20install,French%20data%20center%20next%20year."},
		{"whitespace collapsed", "https://ex.com/c", "  two\n words ", "https://ex.com/c#:~:text=two%20words"},
		{"existing fragment kept", "https://ex.com/d#top", "Hello there", "https://ex.com/d#top:~:text=Hello%20there"},
		{"previous directive replaced", "https://ex.com/e#:~:text=old", "New text", "https://ex.com/e#:~:text=New%20text"},
		{"blank sentence", "https://ex.com/f", " ", "https://ex.com/f"},
		{"no url", "", "Some words", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TextFragmentLink(tt.url, tt.sentence); got != tt.want {
				t.Errorf("TextFragmentLink =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// FuzzTextFragmentLink checks that any sentence yields a parseable URL whose directive decodes
// back to words of the sentence and holds no unescaped directive syntax.
func FuzzTextFragmentLink(f *testing.F) {
	for _, s := range []string{"Le site compte 76 propositions.", "a-b&c,d", "é è — ’", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sentence string) {
		link := TextFragmentLink("https://example.org/p", sentence)
		if _, err := url.Parse(link); err != nil {
			t.Fatalf("link %q does not parse: %v", link, err)
		}
		_, directive, found := strings.Cut(link, "#:~:text=")
		if len(strings.Fields(sentence)) == 0 {
			if found {
				t.Fatalf("blank sentence got a directive: %q", link)
			}
			return
		}
		if strings.ContainsAny(directive, "-& #") {
			t.Fatalf("unescaped syntax in %q", directive)
		}
		parts := strings.Split(directive, ",")
		if len(parts) > 2 {
			t.Fatalf("more than textStart,textEnd in %q", directive)
		}
		norm := strings.Join(strings.Fields(sentence), " ")
		for _, p := range parts {
			dec, err := url.PathUnescape(p)
			if err != nil {
				t.Fatalf("directive part %q does not decode: %v", p, err)
			}
			if utf8.ValidString(sentence) && !strings.Contains(norm, dec) {
				t.Fatalf("decoded %q is not in %q", dec, norm)
			}
		}
	})
}
