// Package claimwire holds the message contracts shared by every stage of the pipeline: the
// Article the crawler publishes, the Quantity the extractor finds and the Claim the indexer
// stores, the unit vocabulary both speak, plus the JetStream stream and subject names. It is deliberately small so that
// crawler, extractor and indexer can share it without importing each other.
package claimwire

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// SchemaVersion is the version of the JSON messages below. A consumer rejects messages with a
// newer major version than it knows instead of misreading them.
const SchemaVersion = 1

// JetStream streams and subjects.
const (
	StreamArticles   = "ARTICLES"
	StreamClaims     = "CLAIMS"
	StreamDeadLetter = "DEADLETTER"
	// StreamReviews is the fact-checkers' log (package indexer/review): kept whole, never aged
	// out, since review state is folded from all of it.
	StreamReviews = "REVIEWS"

	// SubjectArticles carries one Article per message.
	SubjectArticles = "claimwire.articles"
	// SubjectClaims carries one Claim per message.
	SubjectClaims = "claimwire.claims"
	// SubjectDeadLetter prefixes dead letters: claimwire.dlq.articles and claimwire.dlq.claims.
	SubjectDeadLetter = "claimwire.dlq"
	// SubjectReviews carries one review event per message.
	SubjectReviews = "claimwire.reviews"

	// Durable consumer names; every process of a role shares its role's consumer, except
	// indexer replicas, which each name their own (index.replica).
	ConsumerExtractor = "extractor"
	ConsumerIndexer   = "indexer"

	// StreamAlerts records each alert once, on SubjectAlerts.<search>.<kind>.<claim or fact>;
	// BucketAlertSearches is the key-value bucket of saved searches. Indexer processes share
	// both, and the consumers that deliver alerts to webhooks and NATS subjects.
	StreamAlerts         = "ALERTS"
	SubjectAlerts        = "claimwire.alerts"
	BucketAlertSearches  = "ALERT_SEARCHES"
	ConsumerAlertWebhook = "alert-webhook"
	ConsumerAlertSubject = "alert-subject"
	// StreamCrawl is the crawl queue shared by crawler processes (crawl.cluster): a work queue
	// of crawler.Task, one subject per partition, SubjectCrawl.<partition>, consumed by the
	// durable consumer crawl-<partition> of the process holding that partition's lease.
	StreamCrawl  = "CRAWL"
	SubjectCrawl = "claimwire.crawl"
	// BucketCrawlState is the key-value bucket of the shared crawl's visited set, page states,
	// cookies and source polls; BucketCrawlLeases that of its members and partition leases.
	BucketCrawlState  = "CRAWL_STATE"
	BucketCrawlLeases = "CRAWL_LEASES"
	// BucketFactLinks holds each claim's fact, by claim id, as the first indexer replica linked
	// it: replicas sharing it (index.shared_facts) agree on fact ids.
	BucketFactLinks = "FACT_LINKS"
)

// Qualifiers say how a quantity is hedged.
const (
	QualifierExact    = "exact"
	QualifierApprox   = "approx"
	QualifierAtLeast  = "at_least"
	QualifierMoreThan = "more_than"
	QualifierUpTo     = "up_to"
	QualifierAtMost   = "at_most"
	QualifierRange    = "range"
)

// Article is a cleaned news article, as the crawler publishes it.
type Article struct {
	Version int `json:"v"`
	// URL is the canonical URL (rel=canonical or og:url, tracking parameters dropped).
	URL string `json:"url"`
	// FetchedURL is where the page was actually fetched, when it differs from URL.
	FetchedURL string `json:"fetched_url,omitempty"`
	Site       string `json:"site"` // host name of URL, without "www."
	SiteName   string `json:"site_name,omitempty"`
	Title      string `json:"title"`
	Author     string `json:"author,omitempty"`
	// Text is the body without page furniture; paragraphs are separated by "\n\n".
	Text      string    `json:"text"`
	Lang      string    `json:"lang"` // ISO 639-1: "fr", "en"
	Published time.Time `json:"published,omitzero"`
	Modified  time.Time `json:"modified,omitzero"`
	Crawled   time.Time `json:"crawled,omitzero"`
	// ContentHash identifies this version of the article's text; a changed article gets a new one.
	ContentHash string `json:"content_hash"`
}

// ComputeContentHash returns the hash of the fields that make a new version of an article.
func (a *Article) ComputeContentHash() string {
	return hashParts(a.Title, a.Text)
}

// MsgID is the JetStream de-duplication id: the same version of the same article is
// published once however often it is crawled.
func (a *Article) MsgID() string {
	return a.URL + "#" + a.ContentHash
}

// Quantity is one checkable number found in a text.
type Quantity struct {
	// Start and End are byte offsets of Surface in the text the extractor was given.
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Surface string  `json:"surface"`
	Value   float64 `json:"value"`
	// ValueMax is the upper bound of a range ("quatre ou cinq", "4-5").
	ValueMax *float64 `json:"value_max,omitempty"`
	// Unit is an ISO 4217 code for money, "percent", "times" for ratios, a physical unit
	// ("MW", "GWh") — all names of the unit vocabulary (LookupUnit) — or an English plural noun
	// for what is counted ("chips", "proposals").
	Unit      string `json:"unit"`
	Qualifier string `json:"qualifier"`
	// Inferred marks a unit not written with the number but taken from an earlier claim of the
	// sentence or article: "80 milliards" after dollar amounts is USD. An optional field added
	// within SchemaVersion 1: older readers ignore it.
	Inferred bool `json:"inferred,omitempty"`
	// Vague marks amounts such as "des milliers" whose value is only an order of magnitude.
	Vague    bool   `json:"vague,omitempty"`
	Sentence string `json:"sentence"`
	// SentenceOffset is the byte offset of Surface in Sentence, which may write the surface twice
	// ("a $5 billion debt raise alongside a separate $5 billion equity investment"). Optional,
	// within SchemaVersion 1: a claim without it stands at its surface's first occurrence.
	SentenceOffset int `json:"sentence_offset,omitempty"`
	// Metric is a stable key for what the number is about, shared across languages and sources.
	Metric string `json:"metric"`
	// Subject is the entity or thing the quantity belongs to, in the claim's language, as the
	// sentence names it: a programme, company, site, plant, country, call for proposals, event
	// ("Three Mile Island", "Meta", "l'Irlande", "appel à propositions"). Empty when the
	// sentence names none. Optional field added within SchemaVersion 1.
	Subject string `json:"subject,omitempty"`
	// Measure is what is measured about Subject, in the claim's language: the noun phrase the
	// number counts or quantifies and its head ("capacité", "data centres", "consumption",
	// "investissement", "part de l'électricité"). Optional, within SchemaVersion 1.
	Measure string `json:"measure,omitempty"`
	Lang    string `json:"lang"`
}

// Claim is a Quantity placed in its article, as the extractor publishes it and the indexer stores it.
type Claim struct {
	Version int    `json:"v"`
	ID      string `json:"id"`
	Quantity
	URL         string    `json:"url"`
	Site        string    `json:"site"`
	SiteName    string    `json:"site_name,omitempty"`
	Title       string    `json:"title"`
	Published   time.Time `json:"published,omitzero"`
	Crawled     time.Time `json:"crawled,omitzero"`
	ContentHash string    `json:"content_hash"`
}

// SurfaceAt returns where surface stands in sentence: at offset when it is written there, else
// at its first occurrence; -1 when the sentence lacks it.
func SurfaceAt(sentence, surface string, offset int) int {
	if offset >= 0 && offset <= len(sentence)-len(surface) && sentence[offset:offset+len(surface)] == surface {
		return offset
	}
	return strings.Index(sentence, surface)
}

// ClaimID is stable across re-crawls and new versions of an article: the same sentence stating
// the same quantity in the same article gets the same id. occurrence tells apart identical
// surfaces in identical sentences of one article.
func ClaimID(articleURL string, q *Quantity, occurrence int) string {
	return hashParts(articleURL, q.Sentence, q.Surface, strconv.Itoa(occurrence))
}

// NewClaims places quantities in their article, with stable ids.
func NewClaims(a *Article, qs []Quantity) []Claim {
	claims := make([]Claim, 0, len(qs))
	seen := make(map[[2]string]int, len(qs))
	for _, q := range qs {
		k := [2]string{q.Sentence, q.Surface}
		n := seen[k]
		seen[k] = n + 1
		claims = append(claims, Claim{
			Version:     SchemaVersion,
			ID:          ClaimID(a.URL, &q, n),
			Quantity:    q,
			URL:         a.URL,
			Site:        a.Site,
			SiteName:    a.SiteName,
			Title:       a.Title,
			Published:   a.Published,
			Crawled:     a.Crawled,
			ContentHash: a.ContentHash,
		})
	}
	return claims
}

func hashParts(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
