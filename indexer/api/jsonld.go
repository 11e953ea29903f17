package api

import (
	"time"

	"github.com/claimwire/claimwire"
)

// ClaimJSONLD returns the schema.org Claim for c, ready to paste into a ClaimReview's
// itemReviewed. first is the earliest known appearance of the same quantity (c itself when none
// is earlier).
func ClaimJSONLD(c, first claimwire.Claim) map[string]any {
	doc := map[string]any{
		"@context":        "https://schema.org",
		"@type":           "Claim",
		"identifier":      c.ID,
		"text":            c.Sentence,
		"inLanguage":      c.Lang,
		"appearance":      creativeWork(c),
		"firstAppearance": creativeWork(first),
	}
	if !c.Published.IsZero() {
		doc["datePublished"] = c.Published.UTC().Format(time.DateOnly)
	}
	return doc
}

// creativeWork is the article a claim appears in; the site stands for publisher and author, as
// news sites sign as organisations far more reliably than their pages name a person.
func creativeWork(c claimwire.Claim) map[string]any {
	name := c.SiteName
	if name == "" {
		name = c.Site
	}
	org := map[string]any{"@type": "Organization", "name": name}
	if c.Site != "" {
		org["url"] = "https://" + c.Site + "/"
	}
	w := map[string]any{
		"@type":     "CreativeWork",
		"url":       c.URL,
		"headline":  c.Title,
		"publisher": org,
		"author":    org,
	}
	if !c.Published.IsZero() {
		w["datePublished"] = c.Published.UTC().Format(time.RFC3339)
	}
	return w
}
