package samplesite

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Category    string  `xml:"category"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomPerson `xml:"author"`
	Category  atomTerm   `xml:"category"`
	Summary   string     `xml:"summary"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomTerm struct {
	Term string `xml:"term,attr"`
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

func (s *site) rss(base string) ([]byte, error) {
	ch := rssChannel{
		Title:         s.Name,
		Link:          base + "/",
		Description:   s.Description,
		Language:      s.Lang,
		LastBuildDate: s.Articles[0].Date.Format(time.RFC1123Z), // articles are sorted newest first
	}
	for _, a := range s.Articles {
		ch.Items = append(ch.Items, rssItem{
			Title:       a.Title,
			Link:        base + a.Path,
			GUID:        rssGUID{IsPermaLink: true, Value: base + a.Path},
			PubDate:     a.Date.Format(time.RFC1123Z),
			Category:    s.section(a.Section).Name,
			Description: a.Summary,
		})
	}
	return marshalXML(rssFeed{Version: "2.0", Channel: ch})
}

func (s *site) atom(base string) ([]byte, error) {
	f := atomFeed{
		Title:    s.Name,
		Subtitle: s.Description,
		// Ids must not change with the port the demo happens to pick.
		ID:      s.tagURI(""),
		Updated: s.Articles[0].Date.Format(time.RFC3339),
		Links: []atomLink{
			{Href: base + feedPath, Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/", Rel: "alternate", Type: "text/html"},
		},
	}
	for _, a := range s.Articles {
		f.Entries = append(f.Entries, atomEntry{
			Title:     a.Title,
			ID:        s.tagURI(a.Path),
			Link:      atomLink{Href: base + a.Path, Rel: "alternate", Type: "text/html"},
			Published: a.Date.Format(time.RFC3339),
			Updated:   a.Date.Format(time.RFC3339),
			Author:    atomPerson{Name: a.Author},
			Category:  atomTerm{Term: s.section(a.Section).Name},
			Summary:   a.Summary,
		})
	}
	return marshalXML(f)
}

// tagURI is a stable RFC 4151 id for the site, or for one of its pages.
func (s *site) tagURI(urlPath string) string {
	return "tag:claimwire.example,2025:" + s.slug + urlPath
}

func (s *site) sitemap(base string) ([]byte, error) {
	var u urlset
	for _, a := range s.Articles {
		u.URLs = append(u.URLs, sitemapURL{Loc: base + a.Path, LastMod: a.Date.Format(time.RFC3339)})
	}
	return marshalXML(u)
}

func (s *site) robots(base string) []byte {
	var b bytes.Buffer
	b.WriteString("User-agent: *\n")
	for _, d := range s.Disallow {
		fmt.Fprintf(&b, "Disallow: %s\n", d)
	}
	fmt.Fprintf(&b, "\nSitemap: %s%s\n", base, sitemapPath)
	return b.Bytes()
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("samplesite: xml: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
