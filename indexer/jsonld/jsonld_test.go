package jsonld

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/review"
	goldenfile "github.com/claimwire/claimwire/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// vocabulary is testdata/schemaorg.json: the types claimwire writes, their supertypes and the
// properties whose domain is one of them, taken from a schema.org release (its source field
// says which).
type vocabulary struct {
	Types      map[string][]string `json:"types"`
	Properties map[string]struct {
		Domain []string `json:"domainIncludes"`
		Range  []string `json:"rangeIncludes"`
	} `json:"properties"`
}

func loadVocabulary(t *testing.T) *vocabulary {
	t.Helper()
	data, err := os.ReadFile("testdata/schemaorg.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vocabulary
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// is reports whether type t is super or one of its subtypes.
func (v *vocabulary) is(t, super string) bool {
	if t == super {
		return true
	}
	return slices.ContainsFunc(v.Types[t], func(p string) bool { return v.is(p, super) })
}

// check walks a JSON-LD node and returns every departure from the vocabulary: an unknown type,
// a property the type does not have, a value outside the property's range.
func (v *vocabulary) check(where string, node map[string]any) []string {
	typ, _ := node["@type"].(string)
	if _, ok := v.Types[typ]; !ok {
		return []string{fmt.Sprintf("%s: @type %q is not a schema.org type written here", where, node["@type"])}
	}
	var problems []string
	keys := make([]string, 0, len(node))
	for k := range node {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "@type" || k == "@context" {
			continue
		}
		at := where + "." + k
		p, ok := v.Properties[k]
		if !ok || !slices.ContainsFunc(p.Domain, func(d string) bool { return v.is(typ, d) }) {
			problems = append(problems, fmt.Sprintf("%s: %s has no property %s", at, typ, k))
			continue
		}
		switch val := node[k].(type) {
		case map[string]any:
			sub, _ := val["@type"].(string)
			if !slices.ContainsFunc(p.Range, func(r string) bool { return v.is(sub, r) }) {
				problems = append(problems, fmt.Sprintf("%s: a %s, outside the range %v", at, sub, p.Range))
			}
			problems = append(problems, v.check(at, val)...)
		case string:
			if msg := checkLiteral(val, p.Range); msg != "" {
				problems = append(problems, at+": "+msg)
			}
		case float64:
			if !slices.Contains(p.Range, "Number") && !slices.Contains(p.Range, "Integer") {
				problems = append(problems, fmt.Sprintf("%s: a number, outside the range %v", at, p.Range))
			}
		default:
			problems = append(problems, fmt.Sprintf("%s: unexpected %T", at, val))
		}
	}
	return problems
}

// checkLiteral checks a text value against a range: URLs absolute, dates as schema.org's
// Date (ISO 8601 day) or DateTime.
func checkLiteral(s string, rng []string) string {
	switch {
	case slices.Contains(rng, "Text"):
		return ""
	case slices.Contains(rng, "URL"):
		if u, err := url.Parse(s); err != nil || !u.IsAbs() || u.Host == "" {
			return fmt.Sprintf("%q is not an absolute URL", s)
		}
	case slices.Contains(rng, "Date") || slices.Contains(rng, "DateTime"):
		if _, err := time.Parse(time.DateOnly, s); err == nil && slices.Contains(rng, "Date") {
			return ""
		}
		if _, err := time.Parse(time.RFC3339, s); err == nil && slices.Contains(rng, "DateTime") {
			return ""
		}
		return fmt.Sprintf("%q is not a %v", s, rng)
	default:
		return fmt.Sprintf("text %q outside the range %v", s, rng)
	}
	return ""
}

var (
	first = claimwire.Claim{ID: "m01", URL: "https://wire.test/magdeburg-76", Site: "wire.test", SiteName: "Compute Wire",
		Title: "Magdeburg gigafactory call draws 76 proposals", Published: time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC),
		Quantity: claimwire.Quantity{Lang: "en", Sentence: "The Magdeburg gigafactory call drew 76 proposals from chip makers, the ministry said."}}
	later = claimwire.Claim{ID: "m03", URL: "https://gazette.test/magdebourg", Site: "gazette.test", SiteName: "La Gazette du Calcul",
		Title: "Giga-usine de Magdebourg : 76 propositions", Published: time.Date(2025, 6, 2, 9, 30, 0, 0, time.UTC),
		Quantity: claimwire.Quantity{Lang: "fr", Sentence: "L'appel pour la giga-usine de Magdebourg a reçu 76 propositions de fabricants de puces."}}
	verdict = review.Verdict{On: "claim", Target: "m03", Rating: review.RatingMostlyFalse, Label: review.RatingMostlyFalse.Label(),
		Value: review.RatingMostlyFalse.Value(), Explanation: "The ministry counted 76 complete proposals; more than 160 companies took part.",
		Mark: review.Mark{Seq: 4, Reviewer: "Ana Lopez", At: time.Date(2025, 6, 10, 15, 4, 5, 0, time.UTC)}}
)

func TestClaimReview(t *testing.T) {
	doc := ClaimReview(later, first, verdict, "https://claimwire.example/claims/m03")
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "claimreview.json", append(data, '\n'))

	// Read back as a consumer would, then field by field.
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	for _, p := range loadVocabulary(t).check("ClaimReview", got) {
		t.Error(p)
	}
	field := func(path ...string) any {
		var v any = got
		for _, k := range path {
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		}
		return v
	}
	for _, tt := range []struct {
		path []string
		want any
	}{
		{[]string{"@context"}, "https://schema.org"},
		{[]string{"@type"}, "ClaimReview"},
		{[]string{"url"}, "https://claimwire.example/claims/m03"},
		{[]string{"claimReviewed"}, later.Sentence},
		{[]string{"datePublished"}, "2025-06-10"},
		{[]string{"reviewBody"}, verdict.Explanation},
		{[]string{"author", "@type"}, "Person"},
		{[]string{"author", "name"}, "Ana Lopez"},
		{[]string{"reviewRating", "@type"}, "Rating"},
		{[]string{"reviewRating", "ratingValue"}, 2.0},
		{[]string{"reviewRating", "bestRating"}, 5.0},
		{[]string{"reviewRating", "worstRating"}, 1.0},
		{[]string{"reviewRating", "alternateName"}, "Mostly false"},
		{[]string{"itemReviewed", "@type"}, "Claim"},
		{[]string{"itemReviewed", "@context"}, nil},
		{[]string{"itemReviewed", "text"}, later.Sentence},
		{[]string{"itemReviewed", "inLanguage"}, "fr"},
		{[]string{"itemReviewed", "datePublished"}, "2025-06-02"},
		{[]string{"itemReviewed", "appearance", "@type"}, "CreativeWork"},
		{[]string{"itemReviewed", "appearance", "url"}, later.URL},
		{[]string{"itemReviewed", "appearance", "datePublished"}, "2025-06-02T09:30:00Z"},
		{[]string{"itemReviewed", "appearance", "publisher", "@type"}, "Organization"},
		{[]string{"itemReviewed", "appearance", "publisher", "name"}, "La Gazette du Calcul"},
		{[]string{"itemReviewed", "appearance", "publisher", "url"}, "https://gazette.test/"},
		{[]string{"itemReviewed", "firstAppearance", "@type"}, "CreativeWork"},
		{[]string{"itemReviewed", "firstAppearance", "url"}, first.URL},
		{[]string{"itemReviewed", "firstAppearance", "datePublished"}, "2025-06-01T08:00:00Z"},
		{[]string{"itemReviewed", "firstAppearance", "publisher", "name"}, "Compute Wire"},
	} {
		if got := field(tt.path...); got != tt.want {
			t.Errorf("%v = %#v, want %#v", tt.path, got, tt.want)
		}
	}
}

// TestVocabularyCheckFails makes sure the check above can fail: each broken document must be
// refused.
func TestVocabularyCheckFails(t *testing.T) {
	v := loadVocabulary(t)
	for name, broken := range map[string]func(map[string]any){
		"unknown property":         func(d map[string]any) { d["rating"] = "false" },
		"property of another type": func(d map[string]any) { d["appearance"] = d["itemReviewed"].(map[string]any)["appearance"] },
		"unknown type":             func(d map[string]any) { d["reviewRating"].(map[string]any)["@type"] = "Score" },
		"value outside the range":  func(d map[string]any) { d["author"] = map[string]any{"@type": "Rating", "ratingValue": 1.0} },
		"relative url":             func(d map[string]any) { d["url"] = "/claims/m03" },
		"date that is no date":     func(d map[string]any) { d["datePublished"] = "June 10" },
		"number as a url":          func(d map[string]any) { d["url"] = 3.0 },
	} {
		doc := ClaimReview(later, first, verdict, "https://claimwire.example/claims/m03")
		broken(doc)
		data, _ := json.Marshal(doc)
		var got map[string]any
		_ = json.Unmarshal(data, &got)
		if len(v.check("ClaimReview", got)) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestClaimIsValid(t *testing.T) {
	data, _ := json.Marshal(Claim(later, first))
	var got map[string]any
	_ = json.Unmarshal(data, &got)
	for _, p := range loadVocabulary(t).check("Claim", got) {
		t.Error(p)
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Compare(t, filepath.Join("testdata", name), got, *update)
}
