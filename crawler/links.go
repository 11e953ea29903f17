package crawler

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// maxLinksPerPage bounds what one page can add to the frontier.
const maxLinksPerPage = 2000

// pageLinks is what link following needs from an HTML page.
type pageLinks struct {
	Links []string `json:"links"`
	// NoFollow and NoIndex come from <meta name="robots">.
	NoFollow bool `json:"nofollow,omitempty"`
	NoIndex  bool `json:"noindex,omitempty"`
}

// extractLinks returns the absolute http(s) URLs of the page's <a href> and <area href>
// links, resolved against <base href> when present, without rel=nofollow links, duplicates
// and obvious non-HTML files. It tokenizes instead of building a DOM: it is called on every
// page of a start source and only needs a few attributes.
func extractLinks(body []byte, pageURL *url.URL) pageLinks {
	var pl pageLinks
	base := pageURL
	seen := make(map[string]bool)
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return pl
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		switch string(name) {
		case "a", "area":
			attrs := readAttrs(z, "href", "rel")
			if attrs["href"] == "" || hasToken(attrs["rel"], "nofollow") {
				continue
			}
			u, ok := resolveLink(base, attrs["href"])
			if !ok || seen[u] {
				continue
			}
			seen[u] = true
			pl.Links = append(pl.Links, u)
			if len(pl.Links) >= maxLinksPerPage {
				return pl
			}
		case "base":
			if href := readAttrs(z, "href")["href"]; href != "" && base == pageURL {
				if b, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
					base = b
				}
			}
		case "meta":
			attrs := readAttrs(z, "name", "content")
			if strings.EqualFold(strings.TrimSpace(attrs["name"]), "robots") {
				content := strings.ToLower(attrs["content"])
				pl.NoFollow = pl.NoFollow || hasToken(content, "nofollow") || hasToken(content, "none")
				pl.NoIndex = pl.NoIndex || hasToken(content, "noindex") || hasToken(content, "none")
			}
		}
	}
}

// readAttrs returns the wanted attributes of the current tag.
func readAttrs(z *html.Tokenizer, wanted ...string) map[string]string {
	attrs := make(map[string]string, len(wanted))
	for {
		key, val, more := z.TagAttr()
		for _, w := range wanted {
			if string(key) == w {
				attrs[w] = string(val)
			}
		}
		if !more {
			return attrs
		}
	}
}

// hasToken reports whether the comma- or space-separated list s holds tok, ignoring case.
func hasToken(s, tok string) bool {
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// skippedExtensions are links that are never HTML articles; fetching them would only be
// refused on their content type.
var skippedExtensions = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true,
	".pdf": true, ".zip": true, ".gz": true, ".mp3": true, ".mp4": true, ".webm": true,
	".css": true, ".js": true, ".ico": true, ".woff": true, ".woff2": true, ".xml": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
}

func resolveLink(base *url.URL, href string) (string, bool) {
	u, err := base.Parse(strings.TrimSpace(href))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	if skippedExtensions[strings.ToLower(path.Ext(u.Path))] {
		return "", false
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String(), true
}
