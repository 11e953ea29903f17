// Package article turns a fetched HTML page into a clean claimwire.Article with a verdict on
// what the page is (article, listing, other) and why: charset decoding, main-text extraction
// (go-trafilatura) and the metadata trafilatura lacks (JSON-LD graphs, Open Graph, visible
// French and English bylines and datelines, dates in URLs, language detection). It does no I/O.
package article

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
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
	// minArticleWords is the body length below which other extractions are tried; so is a body
	// under 1/minBodyShare of the page's words.
	minArticleWords = 40
	minBodyShare    = 4
	// minLetterRatio is the share of letters among non-space characters below which extracted
	// "text" is noise (binary or mis-decoded bytes) rather than prose.
	minLetterRatio = 0.5
	// listingLinkDensity is the share of page words inside links above which a page with
	// headline links is a listing (home, section page); real articles reach 0.76. indexLinkDensity
	// is the lower bar for pages whose metadata says they are an index (og:type=website,
	// CollectionPage) and whose body is teasers.
	listingLinkDensity = 0.8
	indexLinkDensity   = 0.3
	// allLinksDensity is the share of page words inside links from which a page is a listing
	// however few its links: a small site's home page listing one or two headlines.
	allLinksDensity = 0.95
	// minTeasers is the fewest teasers (links, linked headings) that make a listing.
	minTeasers = 5
	// maxWordsPerTeaser is the body length per headline link below which an undated page's body
	// is its teasers' summaries rather than a story (listings measured: 4 to 10 words a link;
	// real articles without article metadata: 12 and more).
	maxWordsPerTeaser = 11
	// minCardShare is the share of the body in teaser cards from which a page is a listing, even
	// with a single teaser (sections of a small site); real articles: 0.02 at most.
	minCardShare = 0.25
	// maxSitePageWords is the length under which an undated page whose metadata calls it a
	// website is a site page rather than a story (real such articles: 200 words and more).
	maxSitePageWords = 100
)

var (
	// ErrNoArticle is returned (wrapped) by Parse for a page that Read classes as no article.
	ErrNoArticle = errors.New("article: no article")
	// ErrNotHTML is returned (wrapped) when the body cannot be read as an HTML page at all:
	// empty, binary, or nested too deeply.
	ErrNotHTML = errors.New("article: not an HTML page")
	// ErrTooDeep is returned (wrapped) for elements nested deeper than any real page; it wraps
	// ErrNotHTML.
	ErrTooDeep = fmt.Errorf("%w: elements nested too deeply", ErrNotHTML)
)

// Kind is the verdict on what a page is; only articles are published.
type Kind string

const (
	// KindArticle is a news story, brief, post or report, dated or not.
	KindArticle Kind = "article"
	// KindListing is a home, section, tag or search page: a list of links to articles, worth
	// following but not publishing.
	KindListing Kind = "listing"
	// KindOther is a page with too little prose to be either (an empty shell, a form, noise).
	KindOther Kind = "other"
)

// Page is the article read from a page with the verdict on it and the reasons for the verdict,
// so that callers (the crawler, `claimwire article`) decide and explain what they do with it.
type Page struct {
	claimwire.Article
	Kind    Kind     `json:"kind"`
	Reasons []string `json:"reasons"`
}

// Parse is Read for callers that want articles only: a page of another kind is an error
// wrapping ErrNoArticle that names the kind and its reasons.
func Parse(body []byte, contentType, pageURL string) (claimwire.Article, error) {
	p, err := Read(body, contentType, pageURL)
	if err != nil {
		return claimwire.Article{}, err
	}
	if p.Kind != KindArticle {
		return claimwire.Article{}, fmt.Errorf("%w: %s (%s)", ErrNoArticle, p.Kind, strings.Join(p.Reasons, "; "))
	}
	return p.Article, nil
}

// Read decodes body (charset from the Content-Type header, BOM and <meta charset>, with
// golang.org/x/net/html/charset semantics: BOM > header > meta > sniff, see decode for the two
// repairs), extracts the article and classifies the page (see classify). pageURL is where the
// page was fetched. Published comes from metadata (JSON-LD, article:published_time, <time>),
// else from the visible dateline or byline, else from a date in the URL; a date merely written
// in the body is never taken, as it is as often the date of an event as the page's. Written
// dates are at day precision (midnight UTC), or to the minute when a time of day follows them.
// Times without a zone are read in the page's (Paris for French, see localeOf), and all-numeric
// dates in its order (day-first but for US English). Modified likewise comes from metadata, else
// from a visible "mis à jour le"/"updated" date. All times are UTC. Crawled is left zero for the
// crawler to set. Errors wrap ErrNotHTML, except for an invalid pageURL: a page with text is
// never an error, whatever its kind.
func Read(body []byte, contentType, pageURL string) (Page, error) {
	fetched, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil {
		return Page{}, fmt.Errorf("article: page URL: %w", err)
	}
	if err := canonicalize(fetched); err != nil {
		return Page{}, err
	}
	if err := checkBody(body); err != nil {
		return Page{}, err
	}
	if len(body) > MaxBodyBytes {
		body = body[:MaxBodyBytes]
	}
	text, _, err := decode(body, contentType)
	if err != nil {
		return Page{}, err
	}
	cut, err := scanLimits(text)
	if err != nil {
		return Page{}, err
	}
	text = text[:cut]
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Page{}, fmt.Errorf("article: parse HTML: %w", err)
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
	anchors := anchorTexts(doc)
	removeJunk(doc)
	sig := listingSignals{density: density, links: navigationLinks(doc), headlineLinks: teaserLinks(doc)}
	cards := teaserCards(doc)
	pageWords := 0
	for _, p := range paragraphs(root) {
		pageWords += len(strings.Fields(p))
	}
	opts := trafilatura.Options{OriginalURL: canon, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled}
	res, err := trafilatura.ExtractDocument(root, opts)
	if err != nil {
		res = &trafilatura.ExtractResult{}
	}
	a.Title = chooseTitle(meta, res.Metadata.Title, a.SiteName)
	a.Author = firstNonEmpty(meta.author, authorName(res.Metadata.Author))
	if strings.EqualFold(a.Author, a.SiteName) {
		a.Author = "" // many sites put their own name in <meta name="author">
	}
	a.Text = strings.Join(cleanParagraphs(paragraphs(res.ContentNode), a.Author, a.Title, meta.h1), "\n\n")
	if meta.articleBody != "" && cleanSpace(a.Text) == cleanSpace(meta.articleBody) {
		// trafilatura's baseline fell back on the JSON-LD body, flattened: keep its paragraphs.
		a.Text = bodyParagraphs(meta.articleBody)
	}
	if words := len(strings.Fields(a.Text)); words < minArticleWords || words*minBodyShare < pageWords {
		// Short, or a small part of a long page: pruning may have cost trafilatura the story.
		if alt := fallbackText(text, opts, meta, a); len(strings.Fields(alt)) > 2*words {
			a.Text = alt
		}
	}
	// trafilatura's own guess (whatlanggo) comes last: it covers languages other than French
	// and English but is unreliable on short texts.
	// The extractor reads the title, then the text: a headline printed again above the body
	// would give its claims twice.
	a.Text = dropRepeatedTitle(a.Title, a.Text)
	a.Lang = chooseLang(a.Text, append(meta.declaredLangs, res.Metadata.Language)...)
	lc := localeOf(append(meta.declaredLangs, a.Lang)...)
	a.Published = firstTime(meta.published, meta.textDate, datelineDate(a.Text, lc), urlDate(canon), urlDate(fetched))
	a.Modified = firstTime(meta.modified, meta.textModified)
	a.ContentHash = a.ComputeContentHash()
	p := Page{Article: a}
	sig.teasers = teasers(a.Text, anchors)
	sig.cardShare = inCards(a.Text, cards)
	p.Kind, p.Reasons = classify(a, meta, sig)
	return p, nil
}

// fallbackText is the body found by other means when the pruned extraction is suspect: the
// JSON-LD articleBody of script-rendered pages, else trafilatura on the unpruned page (removing
// furniture sometimes tips trafilatura's choice of the main node away from the story). It is
// taken only when it is over twice as long.
func fallbackText(page string, opts trafilatura.Options, meta pageMeta, a claimwire.Article) string {
	if meta.articleBody != "" {
		return bodyParagraphs(meta.articleBody)
	}
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return ""
	}
	res, err := trafilatura.ExtractDocument(root, opts)
	if err != nil {
		return ""
	}
	return strings.Join(cleanParagraphs(paragraphs(res.ContentNode), a.Author, a.Title, meta.h1), "\n\n")
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// listingSignals are the page features classify reads besides the text and metadata.
type listingSignals struct {
	density       float64 // share of the page's words inside links, chrome excluded
	links         int     // links in the page's body
	teasers       int     // body paragraphs that are a link text, alone or before its summary
	headlineLinks int     // links of a headline's length, outside page furniture
	cardShare     float64 // share of the body's words that are teaser cards' text
}

// classify gives the page's kind and why. A page is an article unless its text says otherwise:
// no date, no metadata and a short body are no reason to drop a news brief. Unless its metadata
// calls it an article, it is a listing when nearly all its words are link text (all of them,
// however few its links: a small site's home page), or its metadata
// calls it a website or collection and its body is a column of teasers, or its body is mostly
// the text of teaser cards (linked headline and summary), or, without a publication date in its
// metadata, its headline links have only a summary's worth of text each; it is other when it is
// a short undated page that calls itself a website (about, contact pages). A page without prose
// is other whatever its metadata. The bars were set on the pages of TestRealPages.
func classify(a claimwire.Article, meta pageMeta, sig listingSignals) (Kind, []string) {
	words := len(strings.Fields(a.Text))
	if words == 0 {
		return KindOther, []string{"no text"}
	}
	if r := letterRatio(a.Text); r < minLetterRatio {
		return KindOther, []string{fmt.Sprintf("text is %.0f%% letters, not prose", 100*r)}
	}
	reasons := []string{fmt.Sprintf("%d words", words), fmt.Sprintf("link density %.2f", sig.density)}
	switch {
	case meta.isArticle:
		reasons = append(reasons, "metadata says article")
	case sig.density > listingLinkDensity && sig.links >= minTeasers, sig.density >= allLinksDensity && sig.links > 0:
		return KindListing, append(reasons, fmt.Sprintf("%d links hold nearly all the words", sig.links))
	case meta.isIndex && sig.density > indexLinkDensity && sig.teasers >= minTeasers:
		return KindListing, append(reasons, fmt.Sprintf("metadata says website or collection; body is %d teasers", sig.teasers))
	case sig.cardShare >= minCardShare:
		return KindListing, append(reasons, fmt.Sprintf("%.0f%% of the body is teaser cards (linked headline, summary)", 100*sig.cardShare))
	case sig.headlineLinks >= minTeasers && words < maxWordsPerTeaser*sig.headlineLinks && meta.published.IsZero():
		return KindListing, append(reasons, fmt.Sprintf("%d headline links with %d words under each", sig.headlineLinks, words/sig.headlineLinks))
	case meta.isIndex && a.Published.IsZero() && words < maxSitePageWords:
		return KindOther, append(reasons, "metadata says website, no date anywhere and a short text: a site page (about, contact)")
	}
	if a.Published.IsZero() {
		reasons = append(reasons, "no publication date")
	}
	return KindArticle, reasons
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
	// Inline scripts and styles are not text: pages ship hundreds of KB of them in the <head>,
	// which would otherwise cut the article off.
	inRaw := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return len(s), nil
		}
		offset += len(z.Raw())
		switch tt {
		case html.TextToken:
			if inRaw {
				continue
			}
			if textBytes += len(z.Raw()); textBytes >= maxTextBytes {
				return offset, nil
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			inRaw = isRawText(name)
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
			inRaw = false
			if !selfClosing(string(name)) && depth > 0 {
				depth--
			}
		}
	}
}

func isRawText(tag []byte) bool {
	switch string(tag) {
	case "script", "style", "template", "noscript", "svg":
		return true
	}
	return false
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

// navigationLinks counts the links of the page's body that lead to a page: not "javascript:"
// ones, which scripts use to make any text clickable.
func navigationLinks(doc *goquery.Document) int {
	return doc.Find("body a[href]").FilterFunction(func(_ int, a *goquery.Selection) bool {
		href, _ := a.Attr("href")
		return !strings.HasPrefix(strings.ToLower(strings.TrimSpace(href)), "javascript:")
	}).Length()
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

// minTeaserWords is the fewest words of a link text taken for a teaser headline.
const minTeaserWords = 4

// anchorTexts is the set of link texts long enough to be teaser headlines.
func anchorTexts(doc *goquery.Document) map[string]bool {
	set := make(map[string]bool)
	doc.Find("body a").Each(func(_ int, s *goquery.Selection) {
		if t := cleanSpace(s.Text()); len(strings.Fields(t)) >= minTeaserWords {
			set[strings.ToLower(t)] = true
		}
	})
	return set
}

// maxTeaserWords is the longest link text looked for at the start of a paragraph.
const maxTeaserWords = 30

// teasers counts the body's paragraphs that are a teaser: a link text of the page, alone or
// followed by its summary. Listings extract as a column of them; articles, whose links sit
// inside sentences, have few. Prefixes are looked up word by word, so the cost does not grow
// with the number of links.
func teasers(text string, anchors map[string]bool) int {
	n := 0
	for _, p := range strings.Split(strings.ToLower(text), "\n\n") {
		words := strings.Fields(p)
		for k := minTeaserWords; k <= min(len(words), maxTeaserWords); k++ {
			if anchors[strings.Join(words[:k], " ")] {
				n++
				break
			}
		}
	}
	return n
}

// teaserLinks counts the links with a headline's length: the teasers of a listing, and on an
// article the links of its prose. Called after removeJunk, so menus and related lists are gone.
func teaserLinks(doc *goquery.Document) int {
	n := 0
	doc.Find("body a").Each(func(_ int, s *goquery.Selection) {
		if len(strings.Fields(s.Text())) >= minTeaserWords {
			n++
		}
	})
	return n
}

// maxCardText is the longest text of a teaser card: a headline, a kicker, a byline and a
// summary. A longer parent of a linked heading is a page section, not a card.
const maxCardText = 600

// maxCards bounds the cards kept; listings show a few dozen.
const maxCards = 200

// teaserCards returns the texts of the cards around linked headings (<h2><a>…</a></h2> or
// <a><h3>…</h3></a>): on a listing, what the body extraction keeps of them (summaries, kickers)
// lies inside these cards; an article's prose lies outside any. Called after removeJunk.
func teaserCards(doc *goquery.Document) []string {
	var cards []string
	doc.Find("h2, h3, h4").EachWithBreak(func(_ int, h *goquery.Selection) bool {
		if h.Find("a[href]").Length() == 0 && h.ParentsFiltered("a[href]").Length() == 0 {
			return true
		}
		card := h.Parent()
		if goquery.NodeName(card) == "a" {
			card = card.Parent()
		}
		if t := cleanSpace(card.Text()); len(t) <= maxCardText {
			cards = append(cards, t)
		}
		return len(cards) < maxCards
	})
	return cards
}

// inCards is the share of the body's words that are teaser cards' text.
func inCards(text string, cards []string) float64 {
	if len(cards) == 0 {
		return 0
	}
	total, in := 0, 0
	for _, p := range strings.Split(text, "\n\n") {
		n := len(strings.Fields(p))
		total += n
		// A paragraph inside a card, or cards inside a paragraph (a flattened extraction).
		inside := 0
		for _, c := range cards {
			if strings.Contains(c, p) {
				inside = n
				break
			}
			if strings.Contains(p, c) {
				inside += len(strings.Fields(c))
			}
		}
		in += min(inside, n)
	}
	if total == 0 {
		return 0
	}
	return float64(in) / float64(total)
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
