// Package jsonld writes claims and fact-checkers' verdicts as schema.org JSON-LD: a Claim,
// ready for another site's ClaimReview, and the ClaimReview of a claim a reviewer rated, which
// search engines read. The API serves them and the web page embeds them.
package jsonld

import (
	"net/http"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/review"
)

// ContentType is JSON-LD's media type.
const ContentType = "application/ld+json; charset=utf-8"

// Claim returns the schema.org Claim for c, ready to paste into a ClaimReview's itemReviewed.
// first is the earliest known appearance of the same quantity (c itself when none is earlier).
func Claim(c, first claimwire.Claim) map[string]any {
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

// ClaimReview returns the schema.org ClaimReview of c by verdict v, published at pageURL (the
// claim's page): the Claim as itemReviewed, the rating on the scale of review.Rating, the
// reviewer as author and the verdict's day as datePublished.
func ClaimReview(c, first claimwire.Claim, v review.Verdict, pageURL string) map[string]any {
	item := Claim(c, first)
	delete(item, "@context") // nested: the review's context covers it
	return map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"url":           pageURL,
		"claimReviewed": c.Sentence,
		"itemReviewed":  item,
		"author":        map[string]any{"@type": "Person", "name": v.Reviewer},
		"datePublished": v.At.UTC().Format(time.DateOnly),
		"reviewBody":    v.Explanation,
		"reviewRating": map[string]any{
			"@type":         "Rating",
			"ratingValue":   v.Value,
			"bestRating":    review.BestRating,
			"worstRating":   review.WorstRating,
			"alternateName": v.Label,
		},
	}
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

// PageURL is the absolute URL of path on the server r was sent to, as the client named it.
func PageURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
