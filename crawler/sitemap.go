package crawler

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// maxSitemapEntries is the sitemap protocol's limit of URLs per file; more are ignored.
const maxSitemapEntries = 50000

// sitemap is a parsed sitemap file: either a list of pages or, for a sitemap index, a list of
// other sitemaps.
type sitemap struct {
	Index   bool           `json:"index"`
	Entries []sitemapEntry `json:"entries"`
}

type sitemapEntry struct {
	Loc string `json:"loc"`
	// LastMod is <lastmod>, or the Google News <news:publication_date> when there is none.
	LastMod time.Time `json:"lastmod,omitzero"`
	Title   string    `json:"title,omitempty"` // Google News <news:title>
}

// xmlSitemapEntry matches both <url> and <sitemap> elements; local names are matched whatever
// their namespace, as sitemaps in the wild get namespaces wrong.
type xmlSitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

var errNotSitemap = errors.New("crawler: not a sitemap")

// parseSitemap reads a sitemap, sitemap index or Google News sitemap, keeping at most
// maxEntries entries. A relative <loc> is resolved against base, the sitemap's URL, as
// browsers and search engines resolve links against their document (the protocol wants
// absolute URLs, but generators write "/2025/04/article"). Entries without a <loc> or whose
// <loc> is no http(s) URL are dropped and unparsable dates are left zero, so one bad entry
// does not cost the file.
func parseSitemap(r io.Reader, base *url.URL, maxEntries int) (*sitemap, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = charset.NewReaderLabel
	sm := &sitemap{}
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if root == "" {
				return nil, fmt.Errorf("%w: %w", errNotSitemap, err)
			}
			// A truncated or broken tail keeps the entries read so far.
			return sm, fmt.Errorf("crawler: sitemap: %w", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = start.Name.Local
			switch root {
			case "urlset":
			case "sitemapindex":
				sm.Index = true
			default:
				return nil, fmt.Errorf("%w: root element <%s>", errNotSitemap, root)
			}
			continue
		}
		if start.Name.Local != "url" && start.Name.Local != "sitemap" {
			if err := dec.Skip(); err != nil {
				return sm, fmt.Errorf("crawler: sitemap: %w", err)
			}
			continue
		}
		var e xmlSitemapEntry
		if err := dec.DecodeElement(&e, &start); err != nil {
			return sm, fmt.Errorf("crawler: sitemap: %w", err)
		}
		raw := strings.TrimSpace(e.Loc)
		if raw == "" {
			continue
		}
		loc, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if loc.Host == "" || !loc.IsAbs() {
			loc = base.ResolveReference(loc)
			raw = loc.String()
		}
		if (loc.Scheme != "http" && loc.Scheme != "https") || loc.Host == "" {
			continue
		}
		entry := sitemapEntry{Loc: raw, LastMod: parseW3CDate(e.LastMod), Title: strings.TrimSpace(e.News.Title)}
		if entry.LastMod.IsZero() {
			entry.LastMod = parseW3CDate(e.News.PublicationDate)
		}
		sm.Entries = append(sm.Entries, entry)
		if len(sm.Entries) >= maxEntries {
			break
		}
	}
	if root == "" {
		return nil, fmt.Errorf("%w: no root element", errNotSitemap)
	}
	return sm, nil
}

// w3cLayouts are the W3C datetime forms the sitemap protocol allows, plus the RFC 1123 dates
// some generators write instead.
var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
	time.RFC1123Z,
	time.RFC1123,
}

func parseW3CDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range w3cLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
