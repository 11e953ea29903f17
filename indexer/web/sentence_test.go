package web

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMarkSentence(t *testing.T) {
	tests := []struct {
		name, sentence, highlight, surface string
		surfaceOffset                      int
		want                               string
	}{
		{
			name:     "surface only",
			sentence: "La région annonce 76 propositions.",
			surface:  "76 propositions",
			want:     `La région annonce <mark class="qty">76 propositions</mark>.`,
		},
		{
			name:      "query words and surface",
			sentence:  "Brussels counts 76 proposals for gigafactories.",
			highlight: "Brussels counts 76 proposals for <mark>gigafactories</mark>.",
			surface:   "76 proposals",
			want:      `Brussels counts <mark class="qty">76 proposals</mark> for <mark class="hit">gigafactories</mark>.`,
		},
		{
			name:      "a matched word inside the surface",
			sentence:  "Un fonds de 20 milliards d'euros pour les puces.",
			highlight: "Un fonds de 20 <mark>milliards</mark> d&#39;euros pour les <mark>puces</mark>.",
			surface:   "20 milliards d'euros",
			want: `Un fonds de <mark class="qty">20 </mark><mark class="hit qty">milliards</mark>` +
				`<mark class="qty"> d&#39;euros</mark> pour les <mark class="hit">puces</mark>.`,
		},
		{
			name:     "markup in the sentence is escaped",
			sentence: `Site <b>"A"</b> & 3 <script>x</script> GW`,
			surface:  "3 <script>x</script> GW",
			want:     `Site &lt;b&gt;&#34;A&#34;&lt;/b&gt; &amp; <mark class="qty">3 &lt;script&gt;x&lt;/script&gt; GW</mark>`,
		},
		{
			name:      "a highlight of another sentence is ignored",
			sentence:  "It costs €3bn.",
			highlight: "<mark>Something</mark> else",
			want:      "It costs €3bn.",
		},
		{
			name:      "an unclosed mark is ignored",
			sentence:  "It costs €3bn.",
			highlight: "It <mark>costs €3bn.",
			want:      "It costs €3bn.",
		},
		{
			name:      "foreign tags in the highlight make it a different text",
			sentence:  "It costs €3bn.",
			highlight: `It <img src=x onerror=alert(1)>costs €3bn.`,
			want:      "It costs €3bn.",
		},
		{
			name:          "the second of two equal surfaces",
			sentence:      "A $5 billion debt raise and a separate $5 billion equity investment.",
			surface:       "$5 billion",
			surfaceOffset: 39,
			want:          `A $5 billion debt raise and a separate <mark class="qty">$5 billion</mark> equity investment.`,
		},
		{
			name:          "an offset the surface is not at marks its first occurrence",
			sentence:      "A $5 billion debt raise and a separate $5 billion equity investment.",
			surface:       "$5 billion",
			surfaceOffset: 40,
			want:          `A <mark class="qty">$5 billion</mark> debt raise and a separate $5 billion equity investment.`,
		},
		{
			name:     "a surface not in the sentence marks nothing",
			sentence: "Twelve sites.",
			surface:  "12 sites",
			want:     "Twelve sites.",
		},
		{name: "empty", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(markSentence(tt.sentence, tt.highlight, tt.surface, tt.surfaceOffset)); got != tt.want {
				t.Errorf("markSentence:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

var markTag = regexp.MustCompile(`</?mark[^>]*>`)

// FuzzMarkSentence checks that whatever the index returns, the only markup in the output is
// ours, and the text is the sentence.
func FuzzMarkSentence(f *testing.F) {
	f.Add("Brussels counts 76 proposals.", "Brussels counts 76 <mark>proposals</mark>.", "76 proposals", 16)
	f.Add("a < b & c", "a &lt; <mark>b</mark> &amp; c", "b", 4)
	f.Add("x", "<mark><mark>x</mark></mark>", "x", -1)
	f.Add("é", "<mark>\xc3</mark>\xa9", "\xa9", 1)
	f.Fuzz(func(t *testing.T, sentence, highlight, surface string, surfaceOffset int) {
		out := string(markSentence(sentence, highlight, surface, surfaceOffset))
		for _, tag := range regexp.MustCompile(`<[^>]*>`).FindAllString(out, -1) {
			if tag != `<mark class="hit">` && tag != `<mark class="qty">` && tag != `<mark class="hit qty">` && tag != `</mark>` {
				t.Fatalf("unexpected tag %q in %q", tag, out)
			}
		}
		if strings.ContainsAny(markTag.ReplaceAllString(out, ""), "<>") {
			t.Fatalf("unescaped angle bracket in %q", out)
		}
		text := html.UnescapeString(markTag.ReplaceAllString(out, ""))
		// html/template turns NUL into U+FFFD, as HTML parsers would anyway.
		if want := strings.ReplaceAll(sentence, "\x00", "\uFFFD"); utf8.ValidString(sentence) && text != want {
			t.Fatalf("text %q, want the sentence %q", text, sentence)
		}
	})
}
