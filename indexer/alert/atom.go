package alert

import (
	"fmt"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/claimwire/claimwire/indexer/facts"
)

// Feed returns the Atom 1.0 feed of a saved search's events, newest first. self is the feed's
// own URL and factURL(id) a page or document of a fact; updated is the feed's time when it has
// no events.
func Feed(s *Search, events []Event, self string, factURL func(string) string, updated time.Time) (string, error) {
	f := &feeds.AtomFeed{
		Xmlns:    "http://www.w3.org/2005/Atom",
		Title:    "claimwire: " + s.Name,
		Id:       "tag:claimwire,2025:alerts/" + s.ID,
		Subtitle: "New claims and new conflicts found by the saved search " + s.Name,
		Link:     &feeds.AtomLink{Href: self, Rel: "self", Type: "application/atom+xml"},
		Author:   &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: "claimwire"}},
	}
	for i := range events {
		if events[i].Time.After(updated) || i == 0 {
			updated = events[i].Time
		}
		f.Entries = append(f.Entries, entry(&events[i], factURL))
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	out, err := feeds.ToXML(f)
	if err != nil {
		return "", fmt.Errorf("alert: atom feed %s: %w", s.ID, err)
	}
	return out, nil
}

func entry(e *Event, factURL func(string) string) *feeds.AtomEntry {
	en := &feeds.AtomEntry{
		Id:      "tag:claimwire,2025:alerts/" + strings.ReplaceAll(e.ID, ".", "/"),
		Updated: e.Time.UTC().Format(time.RFC3339),
	}
	switch {
	case e.Claim != nil:
		c := e.Claim
		en.Title = c.Surface + " (" + siteName(c.SiteName, c.Site) + ")"
		en.Summary = &feeds.AtomSummary{Type: "text", Content: c.Sentence}
		link := c.Link
		if link == "" {
			link = c.URL
		}
		en.Links = []feeds.AtomLink{{Href: link, Rel: "alternate", Type: "text/html"}}
		en.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: siteName(c.SiteName, c.Site)}}
		if !c.Published.IsZero() {
			en.Published = c.Published.UTC().Format(time.RFC3339)
		}
	case e.Conflict != nil:
		g := e.Conflict
		en.Title = "Conflict: " + about(g) + statements(g.Values, " vs ")
		var b strings.Builder
		for _, v := range g.Values {
			for _, src := range v.Sources {
				fmt.Fprintf(&b, "%s: %s (%s)\n", src.Surface, src.Sentence, src.URL)
			}
		}
		en.Summary = &feeds.AtomSummary{Type: "text", Content: strings.TrimSpace(b.String())}
		en.Links = []feeds.AtomLink{{Href: factURL(g.Fact), Rel: "alternate", Type: "application/json"}}
	}
	return en
}

func siteName(name, site string) string {
	if name != "" {
		return name
	}
	return site
}

// about is what a conflict is about, as its best-linked claim says it, with a colon.
func about(g *facts.Group) string {
	s := strings.TrimSpace(g.Subject + " " + g.Measure)
	if s == "" {
		return ""
	}
	return s + ": "
}

// statements lists a conflict's values in the words of their first source.
func statements(values []facts.Value, sep string) string {
	parts := make([]string, 0, len(values))
	for _, v := range values {
		if len(v.Sources) > 0 {
			parts = append(parts, v.Sources[0].Surface)
		}
	}
	return strings.Join(parts, sep)
}
