package article

import (
	"encoding/json"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
)

// pageMeta is what the page says about itself, before the body is extracted.
type pageMeta struct {
	headline, ogTitle, h1, docTitle string
	author                          string
	siteName                        string
	canonical                       string // raw href of rel=canonical or og:url
	articleBody                     string // JSON-LD articleBody, for pages rendered by scripts
	published, modified             time.Time
	// textDate and textModified are publication and update dates written near the headline.
	textDate, textModified time.Time
	declaredLangs          []string // <html lang>, og:locale, content-language
	isArticle              bool     // JSON-LD article type or og:type=article
	isIndex                bool     // og:type=website or a collection JSON-LD type
}

// articleTypes are the schema.org types of a news article; everything else in JSON-LD
// (BreadcrumbList, WebPage, Organization...) is only looked at for names.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "reviewnewsarticle": true, "backgroundnewsarticle": true,
	"blogposting": true, "techarticle": true, "scholarlyarticle": true, "liveblogposting": true,
	"report": true, "socialmediaposting": true,
}

var indexTypes = map[string]bool{"collectionpage": true, "itemlist": true, "searchresultspage": true}

// extractMeta reads the page's metadata; host (of the fetched URL) vets site names guessed from
// the <title> or the logo, which must look like the domain.
func extractMeta(doc *goquery.Document, host string) pageMeta {
	var m pageMeta
	metas := metaTags(doc)
	ld := readJSONLD(doc)

	m.headline = cleanSpace(ld.str(ld.article, "headline"))
	if m.headline == "" {
		m.headline = cleanSpace(ld.str(ld.article, "name"))
	}
	m.articleBody = strings.TrimSpace(ld.str(ld.article, "articleBody"))
	m.ogTitle = firstNonEmpty(metas["og:title"], metas["twitter:title"])
	m.h1 = cleanSpace(firstText(doc.Find("article h1, main h1, [itemprop=headline], h1")))
	m.docTitle = cleanSpace(doc.Find("title").First().Text())

	m.author = firstNonEmpty(ld.authors(), authorName(metas["author"]), authorName(metas["article:author"]),
		authorName(metas["dc.creator"]), authorName(metas["parsely-author"]),
		authorName(firstText(doc.FindMatcher(authorMatcher))))

	m.siteName = firstNonEmpty(ld.publisherName(), metas["og:site_name"], metas["application-name"], ld.websiteName)

	if href, ok := doc.Find(`link[rel~="canonical"]`).Attr("href"); ok && strings.TrimSpace(href) != "" {
		m.canonical = strings.TrimSpace(href)
	} else {
		m.canonical = metas["og:url"]
	}

	lang, _ := doc.Find("html").Attr("lang")
	m.declaredLangs = []string{lang, metas["og:locale"], metas["content-language"], metas["language"], metas["dc.language"]}
	lc := localeOf(m.declaredLangs...)

	m.published = firstDate(lc.zone, ld.str(ld.article, "datePublished"), metas["article:published_time"],
		metas["og:article:published_time"], metas["datepublished"], metas["pubdate"], metas["publishdate"],
		metas["publish-date"], metas["dc.date.issued"], metas["dcterms.created"], metas["dc.date"],
		metas["date"], metas["sailthru.date"], metas["parsely-pub-date"], ld.str(ld.article, "dateCreated"),
		attr(doc, "time[itemprop=datePublished], [itemprop=datePublished]", "datetime", "content"),
		attr(doc, "time[pubdate]", "datetime"))
	m.modified = firstDate(lc.zone, ld.str(ld.article, "dateModified"), metas["article:modified_time"],
		metas["og:updated_time"], metas["datemodified"], metas["dcterms.modified"], metas["last-modified"],
		attr(doc, "time[itemprop=dateModified], [itemprop=dateModified]", "datetime", "content"))

	zone := headerZone(doc, m.headline, m.ogTitle, m.h1, m.docTitle)
	if m.author == "" {
		m.author = bylineAuthor(zone)
	}
	if m.siteName == "" {
		m.siteName = guessSiteName(doc, host, m.docTitle, m.headline, m.ogTitle, m.h1)
	}
	m.textDate, m.textModified = visibleDates(doc, zone, lc)

	ogType := strings.ToLower(metas["og:type"])
	m.isArticle = ld.article != nil || ogType == "article" ||
		doc.Find(`[itemtype*="schema.org/NewsArticle"], [itemtype*="schema.org/Article"], [itemtype*="schema.org/BlogPosting"]`).Length() > 0
	m.isIndex = ld.isIndex || ogType == "website"
	// On a listing the <time> elements date its teasers, not the page.
	if m.published.IsZero() && !(m.isIndex && !m.isArticle) {
		m.published = firstDate(lc.zone, attr(doc, "article time[datetime], header time[datetime], main time[datetime]", "datetime"))
	}
	return m
}

// authorSelector finds visible bylines; the first non-empty one in document order is taken.
const authorSelector = `[rel=author], [itemprop=author] [itemprop=name], [itemprop=author], .byline__author,
.author-name, .author, .auteur, .byline, .signature, .author-card h4, .author-card .author-name`

// metaTags maps lower-cased property/name/itemprop/http-equiv to content; the first occurrence
// wins because templates append generic defaults after the specific tags.
func metaTags(doc *goquery.Document) map[string]string {
	metas := make(map[string]string)
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		content := cleanSpace(s.AttrOr("content", ""))
		if content == "" {
			return
		}
		for _, a := range []string{"property", "name", "itemprop", "http-equiv"} {
			if k := strings.ToLower(strings.TrimSpace(s.AttrOr(a, ""))); k != "" {
				if _, seen := metas[k]; !seen {
					metas[k] = content
				}
			}
		}
	})
	return metas
}

// jsonLD is the first article found in the page's JSON-LD blocks, with an index of every node by
// @id so that references ({"@id": "#org"}) to publishers and authors can be followed.
type jsonLD struct {
	article     map[string]any
	byID        map[string]map[string]any
	websiteName string
	isIndex     bool
}

func readJSONLD(doc *goquery.Document) *jsonLD {
	ld := &jsonLD{byID: make(map[string]map[string]any)}
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if err := json.Unmarshal([]byte(unwrapScript(s.Text())), &v); err != nil {
			slog.Debug("article: skipping invalid JSON-LD", "err", err)
			return
		}
		ld.walk(v, 0)
	})
	return ld
}

// unwrapScript removes the CDATA section or HTML comment some templates wrap JSON-LD in, a
// leftover of XHTML that browsers ignore.
func unwrapScript(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<![CDATA[", "]]>"}, {"<!--", "-->"}} {
		if strings.HasPrefix(s, w[0]) && strings.HasSuffix(s, w[1]) {
			s = strings.TrimSpace(s[len(w[0]) : len(s)-len(w[1])])
		}
	}
	return s
}

// maxJSONLDDepth bounds recursion on hostile JSON-LD; real graphs are a few levels deep.
const maxJSONLDDepth = 16

func (ld *jsonLD) walk(v any, depth int) {
	if depth > maxJSONLDDepth {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			ld.walk(x, depth+1)
		}
	case map[string]any:
		if id, ok := v["@id"].(string); ok && len(v) > 1 {
			ld.byID[id] = v
		}
		for _, t := range types(v) {
			switch {
			case articleTypes[t] && ld.article == nil:
				ld.article = v
			case indexTypes[t]:
				ld.isIndex = true
			case t == "website" && ld.websiteName == "":
				ld.websiteName = cleanSpace(stringOf(v["name"]))
			}
		}
		if g, ok := v["@graph"]; ok {
			ld.walk(g, depth+1)
		}
		// Some sites nest the article under WebPage.mainEntity.
		if me, ok := v["mainEntity"]; ok {
			ld.walk(me, depth+1)
		}
	}
}

func types(v map[string]any) []string {
	var out []string
	switch t := v["@type"].(type) {
	case string:
		out = append(out, strings.ToLower(t))
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, strings.ToLower(s))
			}
		}
	}
	return out
}

// resolve follows an {"@id": ...} reference to the full node when the graph has it.
func (ld *jsonLD) resolve(v any) any {
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["@id"].(string); ok && len(m) == 1 {
			if full, ok := ld.byID[id]; ok {
				return full
			}
		}
	}
	return v
}

func (ld *jsonLD) str(obj map[string]any, key string) string {
	if obj == nil {
		return ""
	}
	return stringOf(ld.resolve(obj[key]))
}

// stringOf reads a JSON-LD value that may be a string, a list of strings or a {"@value": ...}.
func stringOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return stringOf(v[0])
		}
	case map[string]any:
		if s, ok := v["@value"].(string); ok {
			return s
		}
	}
	return ""
}

func (ld *jsonLD) authors() string {
	if ld.article == nil {
		return ""
	}
	var names []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 2 {
			return
		}
		switch v := ld.resolve(v).(type) {
		case string:
			if n := authorName(v); n != "" {
				names = append(names, n)
			}
		case []any:
			for _, x := range v {
				add(x, depth+1)
			}
		case map[string]any:
			if n := authorName(stringOf(v["name"])); n != "" {
				names = append(names, n)
			}
		}
	}
	add(ld.article["author"], 0)
	return strings.Join(dedupe(names), ", ")
}

func (ld *jsonLD) publisherName() string {
	if ld.article == nil {
		return ""
	}
	switch p := ld.resolve(ld.article["publisher"]).(type) {
	case map[string]any:
		return cleanSpace(stringOf(p["name"]))
	case []any:
		if len(p) > 0 {
			if m, ok := ld.resolve(p[0]).(map[string]any); ok {
				return cleanSpace(stringOf(m["name"]))
			}
		}
	case string:
		return cleanSpace(p)
	}
	return ""
}

// authorName cleans a byline ("Par Jeanne Dupont", "By J. Smith | Staff") and rejects values
// that are profile URLs rather than names.
func authorName(s string) string {
	s = cleanSpace(s)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "/") || len(s) > 120 {
		return ""
	}
	for _, p := range []string{"par ", "by ", "écrit par ", "written by ", "propos recueillis par ", "about ", "à propos de "} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
			break
		}
	}
	if i := strings.IndexAny(s, "|•"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func firstDate(zone *time.Location, values ...string) time.Time {
	for _, v := range values {
		if t, ok := parseMachineDate(v, zone); ok {
			return t
		}
	}
	return time.Time{}
}

func attr(doc *goquery.Document, sel string, names ...string) string {
	var out string
	doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, n := range names {
			if v, ok := s.Attr(n); ok && strings.TrimSpace(v) != "" {
				out = v
				return false
			}
		}
		return true
	})
	return out
}

func firstText(sel *goquery.Selection) string {
	var out string
	sel.EachWithBreak(func(_ int, s *goquery.Selection) bool {
		out = cleanSpace(s.Text())
		return out == ""
	})
	return out
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v = cleanSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := xs[:0]
	for _, x := range xs {
		if k := strings.ToLower(x); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// cleanSpace collapses runs of white space, including no-break spaces, into single spaces.
func cleanSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// headerZoneLines is how many short lines after the headline are searched for a byline.
const headerZoneLines = 6

// headerZone returns the short lines that follow the headline in the rendered page, where
// sites without markup put "Par X" and "Publié le …".
func headerZone(doc *goquery.Document, titles ...string) []string {
	lines := paragraphs(doc.Nodes[0])
	for i, l := range lines {
		for _, t := range titles {
			if t == "" || !strings.EqualFold(l, t) {
				continue
			}
			var zone []string
			for _, z := range lines[i+1 : min(len(lines), i+1+headerZoneLines)] {
				if len([]rune(z)) <= maxBylineLen {
					zone = append(zone, z)
				}
			}
			return zone
		}
	}
	return nil
}

func bylineAuthor(zone []string) string {
	for _, l := range zone {
		if m := bylineRe.FindStringSubmatch(l); m != nil {
			return authorName(m[1])
		}
	}
	return ""
}

// maxDateElementText is the longest text of a date or byline element searched for dates: a
// longer one is a wrapper (class="page-meta") around the article, whose dates are not the page's.
const maxDateElementText = 400

// visibleDates finds the publication and update dates written in the page's date and byline
// elements (<time> without datetime included), outside page furniture such as related lists
// and comments, then in the header zone. A date introduced by "mis à jour", "updated"... is an
// update date; the first other one is the publication date.
func visibleDates(doc *goquery.Document, zone []string, lc locale) (published, modified time.Time) {
	consider := func(text string) bool {
		for _, d := range findTextDates(text, lc) {
			switch {
			case d.update && modified.IsZero():
				modified = d.t
			case !d.update && published.IsZero():
				published = d.t
			}
		}
		return !published.IsZero()
	}
	doc.FindMatcher(dateMatcher).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.ClosestMatcher(junkMatcher).Length() > 0 {
			return true
		}
		text := s.Text()
		return len(text) > maxDateElementText || !consider(text)
	})
	for _, l := range zone {
		if !published.IsZero() {
			break
		}
		if datesPage(l) {
			consider(l)
		}
	}
	return published, modified
}

// noticeRe opens a line that announces publication, whatever follows.
var noticeRe = regexp.MustCompile(`(?i)^(?:par|by|publié|published|posted|mis à jour|updated|modifié)\b`)

// datesPage reports a header line that may date the page: a publication notice ("Par …",
// "Publié le …", "Updated …") or a line that is no sentence ("3 mars 2025 à 10h05"). A first
// paragraph that happens to be short ("Le décret du 12 mars 2024 fixe …") is a sentence, and
// its date is the decree's.
func datesPage(line string) bool {
	return noticeRe.MatchString(line) || !strings.HasSuffix(strings.TrimRight(line, " »”\")"), ".")
}

// guessSiteName is the fallback when no metadata names the site: the part of the <title> that
// is not the headline, else the logo's text, provided it resembles the domain name (so that
// "Newsroom - Headline" does not name the site "Newsroom").
func guessSiteName(doc *goquery.Document, host, docTitle string, titles ...string) string {
	candidates := []string{siteNameFromTitle(docTitle, titles...)}
	doc.Find(`.logo, .brand, .site-title, .site-logo, #logo, [rel=home]`).Each(func(_ int, s *goquery.Selection) {
		candidates = append(candidates, s.Text(), s.Find("img[alt]").AttrOr("alt", ""))
	})
	// Links to the home page usually carry the site's name (or "Accueil", which the host check rejects).
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if u, err := url.Parse(strings.TrimSpace(s.AttrOr("href", ""))); err == nil &&
			(u.Host == "" || strings.TrimPrefix(u.Hostname(), "www.") == strings.TrimPrefix(host, "www.")) &&
			(u.Path == "/" || u.Host != "" && u.Path == "") && u.RawQuery == "" {
			candidates = append(candidates, s.Text())
		}
	})
	for _, c := range candidates {
		if c = cleanSpace(c); c != "" && len(c) <= 80 && resemblesHost(c, host) {
			return c
		}
	}
	return ""
}

// resemblesHost reports whether a word of name (3+ letters, accents folded) appears in the host.
func resemblesHost(name, host string) bool {
	h := strings.NewReplacer("-", "", ".", "", "_", "").Replace(strings.ToLower(host))
	for _, w := range strings.FieldsFunc(foldAccents(strings.ToLower(name)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) >= 3 && strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// foldAccents strips the French diacritics, enough to match names against domain names.
func foldAccents(s string) string {
	return accentFolder.Replace(s)
}

var accentFolder = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "ä", "a",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "œ", "oe", "æ", "ae")

// siteNameFromTitle reads "Headline | Site" or "Site - Headline" when the headline is known.
func siteNameFromTitle(docTitle string, titles ...string) string {
	for _, sep := range titleSeparators {
		before, after, ok := cutLast(docTitle, sep)
		if !ok {
			continue
		}
		if first, rest, ok := strings.Cut(docTitle, sep); ok {
			for _, t := range titles {
				switch {
				case t == "":
				case strings.EqualFold(before, t):
					return strings.TrimSpace(after)
				case strings.EqualFold(rest, t):
					return strings.TrimSpace(first)
				}
			}
		}
	}
	return ""
}
