package article

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms start a new paragraph in the rendered text.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Figure: true,
	atom.Figcaption: true, atom.Header: true, atom.Footer: true, atom.Hr: true, atom.Br: true,
	atom.Body: true, atom.Html: true, atom.Aside: true, atom.Details: true, atom.Summary: true,
}

// skipAtoms never contribute text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Button: true, atom.Select: true, atom.Option: true,
	atom.Form: true, atom.Input: true, atom.Textarea: true, atom.Head: true,
}

// paragraphs turns a tree into paragraphs of collapsed text. Block elements and <br> end
// paragraphs; table cells are joined with " | " so that a row stays one line.
func paragraphs(root *html.Node) []string {
	if root == nil {
		return nil
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if p := cleanSpace(cur.String()); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipAtoms[atomOf(n)] {
				return
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		block := n.Type == html.ElementNode && blockAtoms[atomOf(n)]
		if block {
			flush()
		}
		cells := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if a := atomOf(c); c.Type == html.ElementNode && (a == atom.Td || a == atom.Th) {
				if cells > 0 {
					cur.WriteString(" | ")
				}
				cells++
			}
			walk(c, depth+1)
		}
		if block {
			flush()
		}
	}
	walk(root, 0)
	flush()
	return paras
}

// atomOf is the element's atom; trafilatura builds its output nodes without setting DataAtom.
func atomOf(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

// maxDedupeParagraphs bounds the quadratic duplicate check; articles have far fewer paragraphs.
const maxDedupeParagraphs = 400

// cleanParagraphs removes what survives extraction but is not article text: the headline and
// anything above it (kicker, menu), bylines and datelines at the top, ad labels, "read also"
// teasers, share prompts, and paragraphs repeated or re-concatenated by the extractor.
func cleanParagraphs(paras []string, author string, titles ...string) []string {
	// The headline may come after a kicker or menu lines; short lines up to it are furniture.
	for i := 0; i < len(paras) && i < maxLinesBeforeTitle; i++ {
		if isOneOf(paras[i], titles) {
			paras = paras[i+1:]
			break
		}
		if utf8.RuneCountInString(paras[i]) > maxShortLine {
			break
		}
	}
	for len(paras) > 0 && isBylineLine(paras[0], author) {
		paras = paras[1:]
	}
	out := make([]string, 0, len(paras))
	for _, p := range paras {
		if isBoilerplate(p) || (len(paras) <= maxDedupeParagraphs && repeats(p, out)) {
			continue
		}
		out = append(out, p)
	}
	for len(out) > 0 && isTrailingPrompt(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return dropPullQuotes(out)
}

// dropPullQuotes removes short paragraphs whose words reappear inside another paragraph:
// magazines repeat a sentence of the body in large type.
func dropPullQuotes(paras []string) []string {
	if len(paras) > maxDedupeParagraphs {
		return paras
	}
	out := paras[:0:0]
	for i, p := range paras {
		core := strings.Trim(p, ` «»“”"'’.…`)
		quoted := false
		if utf8.RuneCountInString(core) >= 20 && utf8.RuneCountInString(p) <= maxBylineLen {
			for j, q := range paras {
				if j != i && len(q) > len(p) && strings.Contains(q, core) {
					quoted = true
					break
				}
			}
		}
		if !quoted {
			out = append(out, p)
		}
	}
	return out
}

var (
	// bylineRe finds "par Jeanne Dupont" / "By John Smith" in a short byline.
	bylineRe = regexp.MustCompile(`(?:^|[\s|—–-])(?i:par|by)\s+(\p{Lu}[\p{L}'’.-]+(?:\s+(?:(?:de|du|des|le|la|van|von|da|di)\s+)?\p{Lu}[\p{L}'’.-]+){1,3})`)
	// bylineStartRe marks lines that open with a publication notice.
	bylineStartRe = regexp.MustCompile(`(?i)^(?:par|by|publié|published|posted|mis à jour|updated|modifié|le \d|écrit par|written by)\b`)
	// teaserRe marks "read also" links that sites put between paragraphs.
	teaserRe = regexp.MustCompile(`(?i)^(?:lire aussi|à lire aussi|a lire aussi|à lire|lire également|voir aussi|read more|read also|see also|related|sur le même sujet|découvrir aussi)\b`)
)

func isOneOf(p string, titles []string) bool {
	for _, t := range titles {
		if t != "" && strings.EqualFold(p, t) {
			return true
		}
	}
	return false
}

const (
	// maxBylineLen is the longest line taken for a byline; body sentences are longer.
	maxBylineLen = 160
	// maxShortLine is the longest line taken for a dateline, kicker or menu item.
	maxShortLine = 80
	// maxLinesBeforeTitle is how far down the extracted text the headline is looked for.
	maxLinesBeforeTitle = 10
)

func isBylineLine(p, author string) bool {
	if utf8.RuneCountInString(p) > maxBylineLen {
		return false
	}
	if author != "" && strings.Contains(strings.ToLower(p), strings.ToLower(author)) {
		return true
	}
	if bylineStartRe.MatchString(p) {
		return true
	}
	_, _, ok := findTextDate(p, localeOf())
	return ok && utf8.RuneCountInString(p) <= maxShortLine
}

// adLabels are the whole-paragraph texts of empty ad slots.
var adLabels = wordSet(`publicité publicite pub annonce advertisement advertising sponsored sponsorisé ad anzeige`)

func isBoilerplate(p string) bool {
	if adLabels[strings.ToLower(strings.Trim(p, " -–—:|"))] {
		return true
	}
	return utf8.RuneCountInString(p) < 200 && teaserRe.MatchString(p)
}

// closingRe marks the lines that close articles without being part of them: press contacts and
// notes on where the piece first appeared.
var closingRe = regexp.MustCompile(`(?i)^(?:(?:media|press) contacts?\b|contacts? (?:presse|média|media)\b|` +
	`this (?:article|story) (?:first |originally )?appeared|a version of this (?:article|story)|` +
	`cet article a (?:d.abord |initialement )?été publié|cet article est paru)`)

func isTrailingPrompt(p string) bool {
	n := utf8.RuneCountInString(p)
	return n < 40 && strings.HasSuffix(p, ":") || n < maxBylineLen && closingRe.MatchString(p)
}

// maxRepeatedLen is the length from which an exact repeat is kept.
const maxRepeatedLen = 200

// repeats reports a short paragraph already in out, or made only of paragraphs already in out
// (trafilatura sometimes re-emits the tails of <br>-separated text as one block).
func repeats(p string, out []string) bool {
	rest := p
	for _, q := range out {
		if q == p {
			// Sites repeat short furniture (captions, credits); a long paragraph written
			// twice is the page's, and readers see it twice.
			return utf8.RuneCountInString(p) < maxRepeatedLen
		}
		if len(q) >= 20 {
			rest = strings.ReplaceAll(rest, q, "")
		}
	}
	return len(rest) < len(p) && len(strings.TrimSpace(rest)) < len(p)/10
}

// bodyParagraphs turns a plain-text body (JSON-LD articleBody) into paragraphs: blank lines or
// single newlines separate them, runs of spaces collapse.
func bodyParagraphs(s string) string {
	var paras []string
	for _, line := range strings.Split(s, "\n") {
		if p := cleanSpace(line); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// dropRepeatedTitle removes the first paragraph of text when it repeats title (pages that print
// the headline again above the body), so that the extractor, which reads the title, a blank
// line, then the text, finds the headline's claims once. Case, spacing and final punctuation do
// not count. A text that is only its headline keeps it: an article is never left without text.
func dropRepeatedTitle(title, text string) string {
	first, rest, _ := strings.Cut(text, "\n\n")
	rest = strings.TrimLeft(rest, "\n")
	if title == "" || rest == "" || !sameHeadline(first, title) {
		return text
	}
	return rest
}

// sameHeadline compares two headlines as a reader would: case, spacing and final punctuation
// aside.
func sameHeadline(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimRight(strings.Join(strings.Fields(s), " "), ".:;!?… ")
	}
	return strings.EqualFold(norm(a), norm(b))
}
