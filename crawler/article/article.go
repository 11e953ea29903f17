// Package article turns a fetched HTML page into a clean claimwire.Article: charset decoding,
// main-text extraction (go-trafilatura) and the metadata trafilatura lacks (JSON-LD graphs,
// Open Graph, French and English dates written in the text, language detection). It does no I/O.
package article

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/claimwire/claimwire"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// Limits on what Parse accepts. Real article pages are well below them; they exist so that a
// hostile or broken page costs bounded time and memory.
const (
	// MaxBodyBytes is how much of a body is parsed; the rest is ignored (not an error), since
	// article text comes early and the tail of huge pages is scripts and comment threads.
	MaxBodyBytes = 3 << 20
	// maxDepth is the deepest element nesting accepted. The HTML parser is quadratic in depth
	// and trafilatura recurses on it; real pages stay under ~60.
	maxDepth = 512
	// minArticleWords is the shortest body kept as an article.
	minArticleWords = 40
	// maxLinkDensity is the share of body words inside links above which a page is a list of
	// links (a section index) unless its metadata says it is an article.
	maxLinkDensity = 0.5
)

var (
	// ErrNoArticle is returned (wrapped) when the page has no article body worth keeping.
	ErrNoArticle = errors.New("article: no article")
	// ErrNotHTML is returned (wrapped) when the body cannot be read as an HTML page at all:
	// empty, binary, or nested too deeply.
	ErrNotHTML = errors.New("article: not an HTML page")
)

// Parse decodes body (charset from the Content-Type header, BOM and <meta charset>, with
// golang.org/x/net/html/charset semantics: BOM > header > meta > sniff) and extracts the
// article. pageURL is where the page was fetched. Crawled is left zero for the crawler to set.
func Parse(body []byte, contentType, pageURL string) (claimwire.Article, error) {
	fetched, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil {
		return claimwire.Article{}, fmt.Errorf("article: page URL: %w", err)
	}
	if err := canonicalize(fetched); err != nil {
		return claimwire.Article{}, err
	}
	if err := checkBody(body); err != nil {
		return claimwire.Article{}, err
	}
	if len(body) > MaxBodyBytes {
		body = body[:MaxBodyBytes]
	}
	text, _, err := decode(body, contentType)
	if err != nil {
		return claimwire.Article{}, err
	}
	if err := checkDepth(text); err != nil {
		return claimwire.Article{}, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return claimwire.Article{}, fmt.Errorf("article: parse HTML: %w", err)
	}
	doc := goquery.NewDocumentFromNode(root)
	meta := extractMeta(doc)

	a := claimwire.Article{Version: claimwire.SchemaVersion}
	canon := resolveCanonical(meta.canonical, fetched)
	a.URL = canon.String()
	if f := fetched.String(); f != a.URL {
		a.FetchedURL = f
	}
	a.Site = siteOf(canon)
	a.SiteName = meta.siteName

	density := linkDensity(doc)
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		OriginalURL:     canon,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
		PruneSelector:   junkSelector,
	})
	if err != nil {
		return claimwire.Article{}, fmt.Errorf("%w: %w", ErrNoArticle, err)
	}
	if a.SiteName == "" {
		a.SiteName = cleanSpace(res.Metadata.Sitename)
	}
	a.Title = chooseTitle(meta, res.Metadata.Title, a.SiteName)
	a.Text = dropLeadingTitle(renderText(res.ContentNode), a.Title)
	words := len(strings.Fields(a.Text))
	if words < minArticleWords {
		return claimwire.Article{}, fmt.Errorf("%w: body has %d words", ErrNoArticle, words)
	}
	if !meta.isArticle && (meta.isIndex || density > maxLinkDensity) && density > maxLinkDensity*0.6 {
		return claimwire.Article{}, fmt.Errorf("%w: link density %.2f", ErrNoArticle, density)
	}
	a.Author = firstNonEmpty(meta.author, authorName(res.Metadata.Author))
	a.Lang = chooseLang(a.Text, meta.declaredLangs...)
	a.Published = meta.published
	if a.Published.IsZero() {
		a.Published = textDate(doc, a.Text)
	}
	a.Modified = meta.modified
	a.ContentHash = a.ComputeContentHash()
	return a, nil
}

// checkBody rejects bodies that are not text before any parsing work is done.
func checkBody(body []byte) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return fmt.Errorf("%w: empty body", ErrNotHTML)
	}
	head := body[:min(len(body), 1024)]
	// UTF-16 pages are full of NULs but are text; their BOM says so.
	if !hasBOM(head) {
		if ct := http.DetectContentType(head); !strings.HasPrefix(ct, "text/") {
			return fmt.Errorf("%w: body looks like %s", ErrNotHTML, ct)
		}
	}
	return nil
}

// checkDepth scans the tokens once and rejects pathological nesting before the tree is built.
// Elements whose end tag is commonly omitted are not counted, so sloppy pages still pass.
func checkDepth(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if !selfClosing(string(name)) {
				depth++
				if depth > maxDepth {
					return fmt.Errorf("%w: elements nested deeper than %d", ErrNotHTML, maxDepth)
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !selfClosing(string(name)) && depth > 0 {
				depth--
			}
		}
	}
}

func selfClosing(tag string) bool {
	switch tag {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
		"source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead":
		return true
	}
	return false
}

// resolveCanonical picks rel=canonical/og:url when it is a usable http(s) URL that does not
// merely point at the site's home page (a frequent template bug), else the fetched URL.
func resolveCanonical(href string, fetched *url.URL) *url.URL {
	if href != "" {
		if ref, err := url.Parse(href); err == nil {
			c := fetched.ResolveReference(ref)
			if canonicalize(c) == nil && !(c.Path == "/" && c.RawQuery == "" && fetched.Path != "/") {
				return c
			}
		}
	}
	return fetched
}

// chooseTitle prefers the JSON-LD headline, then Open Graph, then the page's <h1>, then the
// <title> element; site-name decorations ("… | Site") are removed.
func chooseTitle(m pageMeta, trafTitle, siteName string) string {
	for _, t := range []string{m.headline, m.ogTitle, m.h1, trafTitle, m.docTitle} {
		if t = stripSiteName(cleanSpace(t), siteName); t != "" {
			return t
		}
	}
	return ""
}

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "}

func stripSiteName(t, siteName string) string {
	if siteName == "" {
		return t
	}
	for _, sep := range titleSeparators {
		if before, after, ok := cutLast(t, sep); ok && strings.EqualFold(strings.TrimSpace(after), siteName) {
			return strings.TrimSpace(before)
		}
		if before, after, ok := strings.Cut(t, sep); ok && strings.EqualFold(strings.TrimSpace(before), siteName) {
			return strings.TrimSpace(after)
		}
	}
	return t
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// dropLeadingTitle removes the headline when the extractor kept it as the first paragraph.
func dropLeadingTitle(text, title string) string {
	first, rest, _ := strings.Cut(text, "\n\n")
	if title != "" && strings.EqualFold(strings.TrimSpace(first), title) {
		return rest
	}
	return text
}

// linkDensity is the share of visible body words that sit inside links, ignoring page chrome.
func linkDensity(doc *goquery.Document) float64 {
	body := doc.Find("body").Clone()
	body.Find("nav, header, footer, aside, script, style, noscript, form").Remove()
	total := len(strings.Fields(body.Text()))
	if total == 0 {
		return 1
	}
	linked := 0
	body.Find("a").Each(func(_ int, s *goquery.Selection) {
		if s.ParentsFiltered("a").Length() == 0 {
			linked += len(strings.Fields(s.Text()))
		}
	})
	return float64(linked) / float64(total)
}

// textDate finds a publication date written in words: first in the page's date/byline elements,
// then in the article text.
func textDate(doc *goquery.Document, body string) (t time.Time) {
	var found bool
	doc.Find(dateSelector).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.Closest(junkSelector).Length() > 0 {
			return true
		}
		if d, _, ok := findTextDate(s.Text()); ok {
			t, found = d, true
			return false
		}
		return true
	})
	if !found {
		t, _, _ = findTextDate(body)
	}
	return t
}

// junkSelector matches page furniture removed before extraction: banners, share bars, ads,
// sidebars, related lists, newsletter boxes and comments. trafilatura removes much of this itself;
// these are the patterns it misses on news sites.
const junkSelector = `nav, aside, footer, form, [role=navigation], [role=complementary], [role=contentinfo],
[aria-hidden=true], [hidden],
[class*=cookie], [id*=cookie], [class*=consent], [id*=consent], [class*=gdpr], [id*=gdpr],
[class*=share], [class*=social], [class*=newsletter], [id*=newsletter], [class*=subscribe],
[class*=related], [id*=related], [class*=also-read], [class*=lire-aussi], [class*=a-lire], [class*=recommend],
[class*=comment], [id*=comment], [id*=disqus], [class*=advert], [class*=adslot], [class*=ad-slot],
[class*=ad-container], [class*=ad-banner], [id^=ad-], [class~=ad], [class~=ads], [class~=pub], [class*=publicite],
[class*=sponsor], [class*=promo], [class*=paywall], [class*=sidebar], [id*=sidebar], [class*=breadcrumb],
[class*=tags], [class*=popular], [class*=most-read], [class*=outbrain], [class*=taboola], [class*=widget]`

// dateSelector matches elements that carry a visible publication date on news sites.
const dateSelector = `time, [class*=date], [id*=date], [class*=dateline], [class*=byline], [class*=publi],
[class*=posted], [class*=meta], [class*=timestamp]`
