package article

import (
	"strings"

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

// renderText turns an extracted content tree into paragraphs separated by "\n\n". Block
// elements and <br> end paragraphs; table cells are joined with " | " so rows stay one line.
func renderText(root *html.Node) string {
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
			if skipAtoms[n.DataAtom] {
				return
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		block := n.Type == html.ElementNode && blockAtoms[n.DataAtom]
		if block {
			flush()
		}
		cells := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
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
	return strings.Join(paras, "\n\n")
}
