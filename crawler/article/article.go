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
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
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
	// maxElements and maxParagraphs cap how much of the page is parsed: the markup after the
	// element (or <p>) that reaches either cap is dropped. trafilatura is quadratic in the number
	// of <p> elements; real articles have a few thousand elements and fewer than 300 <p>.
	maxElements   = 15_000
	maxParagraphs = 1_500
	// maxTextBytes caps the text content parsed the same way; articles have under 100 KB.
	maxTextBytes = 512 << 10
	// minArticleWords is the shortest body kept as an article.
	minArticleWords = 40
	// minLetterRatio is the share of letters among non-space characters below which extracted
	// "text" is noise (binary or mis-decoded bytes) rather than prose.
	minLetterRatio = 0.5
	// maxLinkDensity is the share of body words inside links above which a page is a list of
	// links (a section index) unless its metadata says it is an article; indexLinkDensity is the
	// lower bar for pages whose metadata says they are an index (og:type=website, CollectionPage).
	maxLinkDensity   = 0.5
	indexLinkDensity = 0.3
)

var (
	// ErrNoArticle is returned (wrapped) when the page has no article body worth keeping.
	ErrNoArticle = errors.New("article: no article")
	// ErrNotHTML is returned (wrapped) when the body cannot be read as an HTML page at all:
	// empty, binary, or nested too deeply.
	ErrNotHTML = errors.New("article: not an HTML page")
	// ErrTooDeep is returned (wrapped) for elements nested deeper than any real page; it wraps
	// ErrNotHTML.
	ErrTooDeep = fmt.Errorf("%w: elements nested too deeply", ErrNotHTML)
)

// Parse decodes body (charset from the Content-Type header, BOM and <meta charset>, with
// golang.org/x/net/html/charset semantics: BOM > header > meta > sniff, see decode for the two
// repairs) and extracts the article. pageURL is where the page was fetched. Published comes from
// metadata (JSON-LD, article:published_time, <time>), else from a date written near the
// headline or in the text: at day precision (midnight UTC), or to the minute when a time of day
// follows it. Times without a zone are read in the page's (Paris for French, see localeOf), and
// all-numeric dates in its order (day-first but for US English). Modified likewise comes from
// metadata, else from a written "mis à jour le"/"updated" date. All times are UTC. Crawled is left
// zero for the crawler to set. Errors wrap ErrNotHTML or ErrNoArticle, except for an invalid
// pageURL.
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
	cut, err := scanLimits(text)
	if err != nil {
		return claimwire.Article{}, err
	}
	text = text[:cut]
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return claimwire.Article{}, fmt.Errorf("article: parse HTML: %w", err)
	}
	doc := goquery.NewDocumentFromNode(root)
	meta := extractMeta(doc, fetched.Hostname())

	a := claimwire.Article{Version: claimwire.SchemaVersion}
	canon := resolveCanonical(meta.canonical, fetched)
	a.URL = canon.String()
	if f := fetched.String(); f != a.URL {
		a.FetchedURL = f
	}
	a.Site = siteOf(canon)
	a.SiteName = meta.siteName

	density := linkDensity(doc)
	removeJunk(doc)
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		OriginalURL:     canon,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
	})
	if err != nil {
		if meta.articleBody == "" {
			return claimwire.Article{}, fmt.Errorf("%w: %w", ErrNoArticle, err)
		}
		res = &trafilatura.ExtractResult{}
	}
	a.Title = chooseTitle(meta, res.Metadata.Title, a.SiteName)
	a.Author = firstNonEmpty(meta.author, authorName(res.Metadata.Author))
	if strings.EqualFold(a.Author, a.SiteName) {
		a.Author = "" // many sites put their own name in <meta name="author">
	}
	a.Text = strings.Join(cleanParagraphs(paragraphs(res.ContentNode), a.Author, a.Title, meta.h1), "\n\n")
	words := len(strings.Fields(a.Text))
	if words < minArticleWords && meta.articleBody != "" {
		// Script-rendered pages ship the text only in their JSON-LD.
		a.Text = bodyParagraphs(meta.articleBody)
		words = len(strings.Fields(a.Text))
	}
	if words < minArticleWords {
		return claimwire.Article{}, fmt.Errorf("%w: body has %d words", ErrNoArticle, words)
	}
	if r := letterRatio(a.Text); r < minLetterRatio {
		return claimwire.Article{}, fmt.Errorf("%w: text is %.0f%% letters, not prose", ErrNoArticle, 100*r)
	}
	limit := maxLinkDensity
	if meta.isIndex {
		limit = indexLinkDensity
	}
	if !meta.isArticle && density > limit {
		return claimwire.Article{}, fmt.Errorf("%w: link density %.2f", ErrNoArticle, density)
	}
	// trafilatura's own guess (whatlanggo) comes last: it covers languages other than French
	// and English but is unreliable on short texts.
	a.Lang = chooseLang(a.Text, append(meta.declaredLangs, res.Metadata.Language)...)
	a.Published = meta.published
	if a.Published.IsZero() {
		a.Published = meta.textDate
	}
	if a.Published.IsZero() {
		// A date written in the body is the best remaining guess; news copy dates itself.
		a.Published, _, _ = findTextDate(a.Text, localeOf(append(meta.declaredLangs, a.Lang)...))
	}
	if meta.isIndex && !meta.isArticle && meta.published.IsZero() {
		// A page that calls itself a website and carries no date is a home, section or about
		// page, however much teaser prose (and teaser dates) it has.
		return claimwire.Article{}, fmt.Errorf("%w: page of type website without a publication date", ErrNoArticle)
	}
	a.Modified = meta.modified
	if a.Modified.IsZero() {
		a.Modified = meta.textModified
	}
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

// scanLimits tokenizes s once, before any tree is built, and returns the length of the prefix
// that stays within maxElements, maxParagraphs and maxTextBytes. Nesting deeper than maxDepth is an error.
// Elements whose end tag is commonly omitted are not counted as nesting, so sloppy pages pass.
func scanLimits(s string) (int, error) {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, elements, paras, textBytes, offset := 0, 0, 0, 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return len(s), nil
		}
		offset += len(z.Raw())
		switch tt {
		case html.TextToken:
			if textBytes += len(z.Raw()); textBytes >= maxTextBytes {
				return offset, nil
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			elements++
			if len(name) == 1 && name[0] == 'p' {
				paras++
			}
			if elements >= maxElements || paras >= maxParagraphs {
				return offset, nil
			}
			if !selfClosing(string(name)) {
				depth++
				if depth > maxDepth {
					return 0, fmt.Errorf("%w (over %d)", ErrTooDeep, maxDepth)
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

func letterRatio(s string) float64 {
	letters, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case !unicode.IsSpace(r):
			other++
		}
	}
	if letters+other == 0 {
		return 0
	}
	return float64(letters) / float64(letters+other)
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
// <title> element; site-name decorations ("… | Site") are removed. A headline that is a cut
// version of the <h1> (schema.org guidelines cap it at 110 characters) yields to the <h1>.
func chooseTitle(m pageMeta, trafTitle, siteName string) string {
	if h := strings.TrimRight(m.headline, ".…"); h != "" && len(m.h1) > len(h) && strings.HasPrefix(m.h1, h) {
		m.headline = m.h1
	}
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

// junkSelector matches page furniture removed before extraction: banners, share bars, ads,
// sidebars, related lists, newsletter boxes and comments. trafilatura removes much of this itself;
// these are the patterns it misses on news sites.
const junkSelector = `nav, aside, footer, form, [role=navigation], [role=complementary], [role=contentinfo],
[aria-hidden=true], [hidden],
[class*=cookie], [id*=cookie], [class*=consent], [id*=consent], [class*=gdpr], [id*=gdpr],
[class*=share], [class*=social], [class*=newsletter], [id*=newsletter], [class*=subscribe],
[class*=related], [id*=related], [class*=also-read], [class*=lire-aussi], [class*=a-lire], [class*=recommend],
[class*=comment]:not([class*=commentary]), [id*=comment], [id*=disqus], [class*=advert], [class*=adslot], [class*=ad-slot],
[class*=ad-container], [class*=ad-banner], [id^=ad-], [class~=ad], [class~=ads], [class~=pub], [class*=publicite],
[class*=sponsor], [class*=promo], [class*=paywall], [class*=sidebar], [id*=sidebar], [class*=breadcrumb],
[class*=tags], [class*=popular], [class*=most-read], [class*=outbrain], [class*=taboola], [class*=widget],
[class^=pub-], [class*=" pub-"], [class*=read-more], [class*=readmore], [class*=partage], [class*=kicker],
[class~=rubrique], [class*=byline], [class*=signature], [class~=auteur], [class*=author], [class~=meta],
[class*=entry-meta], [class*=date-publication], [class~=date], [class*=dateline], [class~=infos],
[class*=exergue], [class*=pullquote], [class*=pull-quote]`

// removeJunk deletes page furniture in place. trafilatura's own PruneSelector keeps the text
// that follows a removed element (lxml "tail" semantics), which leaks pieces of bylines and
// banners into the body, so pruning is done here. Class patterns also match wrappers
// (<div class="layout has-sidebar">, <div class="entry has-comments">), so an element is kept
// when it holds the headline, the article container or most of the page's text.
func removeJunk(doc *goquery.Document) {
	total := len(doc.Find("body").Text())
	doc.FindMatcher(junkMatcher).Each(func(_ int, s *goquery.Selection) {
		if s.Is("html, body, main, article") || s.Find("h1, article, main, [itemprop=articleBody]").Length() > 0 ||
			2*len(s.Text()) > total {
			return
		}
		s.Remove()
	})
}

// dateSelector matches elements that carry a visible publication date on news sites.
const dateSelector = `time, [class*=date], [id*=date], [class*=dateline], [class*=byline], [class*=publi],
[class*=posted], [class*=meta], [class*=timestamp]`

// Compiled once: goquery would otherwise re-parse these long selectors on every call.
var (
	junkMatcher   = cascadia.MustCompile(junkSelector)
	dateMatcher   = cascadia.MustCompile(dateSelector)
	authorMatcher = cascadia.MustCompile(authorSelector)
)
