package article

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// articleHTML builds a small valid article page around the given paragraphs.
func articleHTML(title string, paras ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><title>%s</title></head><body><article><h1>%s</h1>", title, title)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

var filler = []string{
	"Le nouveau centre de calcul installé dans la région doit accueillir plusieurs milliers de processeurs dédiés à l’intelligence artificielle, selon ses promoteurs.",
	"Les travaux ont commencé au printemps et la mise en service est prévue pour la fin de l’année prochaine, si le raccordement électrique est livré à temps.",
	"Les élus locaux attendent des retombées pour l’emploi, mais des habitants s’inquiètent du bruit et de la consommation d’eau du site.",
}

func TestParseBadInput(t *testing.T) {
	deep := strings.Repeat("<div>", 100_000) + "texte" + strings.Repeat("</div>", 100_000)
	huge := articleHTML("Grand titre", filler...) + "<div>" + strings.Repeat("<p>bla bla bla bla</p>\n", 20<<20/22) + "</div>"
	for _, tc := range []struct {
		name string
		body []byte
		ct   string
		want error
	}{
		{"empty", nil, "text/html", ErrNotHTML},
		{"blank", []byte(" \n\t "), "text/html", ErrNotHTML},
		{"png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 100)...), "text/html", ErrNotHTML},
		{"binary", bytes.Repeat([]byte{0x00, 0x01, 0xff, 0x7f, 0x10}, 2000), "", ErrNotHTML},
		{"invalid utf-8", bytes.Repeat([]byte{0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28}, 500), "text/html; charset=utf-8", ErrNoArticle},
		{"nested 100k", []byte(deep), "text/html", ErrTooDeep},
		{"no text", []byte("<html><body><div></div></body></html>"), "text/html", ErrNoArticle},
		{"brief", []byte(articleHTML("Titre", "Une phrase.")), "text/html", nil}, // short is no reason to refuse
		{"20 MB", []byte(huge), "text/html; charset=utf-8", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			a, err := Parse(tc.body, tc.ct, "https://news.example.com/a")
			if !errors.Is(err, tc.want) {
				t.Fatalf("Parse error = %v, want %v", err, tc.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "article: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if err == nil && tc.name == "20 MB" && !strings.Contains(a.Text, "centre de calcul") {
				t.Errorf("article text lost: %.200q", a.Text)
			}
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestParseBadURL(t *testing.T) {
	body := []byte(articleHTML("Titre", filler...))
	for _, u := range []string{"", "not a url", "ftp://example.com/x", "https://", "http://%zz"} {
		if _, err := Parse(body, "text/html", u); err == nil {
			t.Errorf("Parse(%q) succeeded", u)
		}
	}
}

func TestParseWrapperClasses(t *testing.T) {
	// Junk patterns that match a wrapper of the body must not delete the article.
	for _, class := range []string{"entry has-comments", "content with-sidebar", "post-meta-wrapper", "share-enabled"} {
		page := `<html><body><h1>Le titre</h1><div class="` + class + `"><p>` + strings.Join(filler, "</p><p>") + `</p></div></body></html>`
		a, err := Parse([]byte(page), "text/html; charset=utf-8", "https://news.example.com/x")
		if err != nil || ngramF1(a.Text, strings.Join(filler, "\n\n"), 1) < 1 {
			t.Errorf("class %q: %v, text %q", class, err, a.Text)
		}
	}
}

// TestKind checks the verdict on small pages of each kind: briefs and undated pages are
// articles, link lists are listings, pages without prose are other; none is an error.
func TestKind(t *testing.T) {
	teasers := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `<li><a href="/s/%d">Headline %d about chips, power and water</a> <p>Summary %d of the story in one line.</p></li>`, i, i, i)
		}
		return "<ul>" + b.String() + "</ul>"
	}
	links := func(n int, words string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `<li><a href="/story/%d">%s number %d</a></li>`, i, words, i)
		}
		return "<ul>" + b.String() + "</ul>"
	}
	for _, tc := range []struct {
		name string
		page string
		want Kind
	}{
		{"undated brief", articleHTML("Datacenter à Lyon", "Un opérateur a déposé un permis pour un centre de données de 40 mégawatts à Lyon, a-t-on appris jeudi."), KindArticle},
		{"undated story", articleHTML("Un titre", filler...), KindArticle},
		{"brief among menu links", `<html><body><nav>` + links(12, "Section") + `</nav><article><h1>Short</h1><p>The council approved the new server hall on Tuesday by six votes to one.</p></article></body></html>`, KindArticle},
		{"home page of links", `<html><body><h1>News</h1>` + links(20, "A headline about compute") + `</body></html>`, KindListing},
		{"small site's home page", `<html><head><title>example.com</title></head><body><h1>example.com</h1>` + links(1, "Orbis opens a 100 MW data centre") + `</body></html>`, KindListing},
		{"text in a script link", `<html><body><a href="javascript:"><p>The council approved the new server hall on Tuesday by six votes to one.</p></a></body></html>`, KindArticle},
		{"collection of teasers", `<html><head><script type="application/ld+json">{"@type":"CollectionPage"}</script></head><body><h1>Tech</h1>` +
			teasers(6) + `</body></html>`, KindListing},
		{"no prose", `<html><body><p>12 34 56 78 90 == ++ -- 12 34 56 78 90 == ++ -- // ## @@</p></body></html>`, KindOther},
		{"no text", `<html><body><div></div></body></html>`, KindOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Read([]byte(tc.page), "text/html; charset=utf-8", "https://news.example.com/x")
			if err != nil {
				t.Fatal(err)
			}
			if p.Kind != tc.want || len(p.Reasons) == 0 {
				t.Errorf("kind %s (%v), want %s; text %.120q", p.Kind, p.Reasons, tc.want, p.Text)
			}
		})
	}
}
