// Package alert is the logic of saved searches and the alerts they raise, without NATS: a saved
// search's definition and its validation, which newly indexed claims it finds and which facts
// start to disagree under it, the events recorded for them, their Atom entries and webhook
// payloads, and the HMAC signature of a webhook POST. indexer/alert/worker stores searches and
// events in JetStream and delivers the events.
package alert

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimwire/claimwire/indexer"
)

// ErrInvalid is wrapped by every error about a saved search's definition.
var ErrInvalid = errors.New("invalid saved search")

// ErrExists is returned by a store asked to create a saved search whose id is taken.
var ErrExists = errors.New("a saved search with this id exists")

// Limits of a saved search's definition.
const (
	// MaxDefinitionBytes bounds the JSON of a definition.
	MaxDefinitionBytes = 16 << 10
	maxName            = 200
	maxQuery           = 1000 // as the index takes a query string
	maxListItems       = 20
	maxListItem        = 200
	maxURL             = 2000
	minSecret          = 16
	maxSecret          = 256
	maxSubject         = 200
)

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	factPattern  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	tokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// Search is a saved search: what /api/claims would be asked (Q and the filters, named and
// meant as that endpoint's parameters), or a fact, or both; and where its alerts go besides its
// Atom feed.
type Search struct {
	// ID is chosen by the client or given at creation; it names the feed and the events.
	ID   string `json:"id"`
	Name string `json:"name"`

	Q      string   `json:"q,omitempty"`
	Lang   []string `json:"lang,omitempty"`
	Unit   []string `json:"unit,omitempty"`
	Metric []string `json:"metric,omitempty"`
	Site   []string `json:"site,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	// From and To bound the publication date as the API's from and to: a date, or an RFC 3339
	// time; To includes its whole day.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Fact keeps the claims of one fact (and its conflict).
	Fact string `json:"fact,omitempty"`

	// Webhook, when set, is POSTed every event.
	Webhook *Webhook `json:"webhook,omitempty"`
	// Subject, when set, is a NATS subject every event is published on.
	Subject string `json:"subject,omitempty"`

	Created time.Time `json:"created"`
}

// Webhook is where a search's events are POSTed, and the secret they are signed with.
type Webhook struct {
	URL string `json:"url"`
	// Secret is given by the client or made at creation; it is stored but never shown again.
	Secret string `json:"secret,omitempty"`
}

// Decode reads one saved search's definition as a client sends it and validates it. Unknown
// fields are refused, so a typo does not silently widen a search.
func Decode(r io.Reader) (Search, error) {
	var s Search
	data, err := io.ReadAll(io.LimitReader(r, MaxDefinitionBytes+1))
	if err != nil {
		return s, fmt.Errorf("alert: read definition: %w", err)
	}
	if len(data) > MaxDefinitionBytes {
		return s, invalid("definition larger than %d bytes", MaxDefinitionBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return s, invalid("definition is not a JSON object of the saved-search fields: %v", err)
	}
	if dec.More() {
		return s, invalid("definition has data after its JSON object")
	}
	return s, s.Validate()
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("alert: %s: %w", fmt.Sprintf(format, args...), ErrInvalid)
}

// Validate checks what can be checked without the index; the query string itself is checked
// by the index (see Query).
func (s *Search) Validate() error {
	if s.ID != "" && !idPattern.MatchString(s.ID) {
		return invalid("id %q: want 1 to 64 lower-case letters, digits and dashes", s.ID)
	}
	if err := checkText("name", s.Name, maxName); err != nil {
		return err
	}
	if strings.TrimSpace(s.Name) == "" {
		return invalid("name is required")
	}
	if len(s.Q) > maxQuery || !utf8.ValidString(s.Q) {
		return invalid("q: at most %d bytes of UTF-8", maxQuery)
	}
	for field, list := range map[string][]string{"lang": s.Lang, "unit": s.Unit, "metric": s.Metric, "site": s.Site} {
		if len(list) > maxListItems {
			return invalid("%s: at most %d values", field, maxListItems)
		}
		for _, v := range list {
			if strings.TrimSpace(v) == "" {
				return invalid("%s: empty value", field)
			}
			if err := checkText(field, v, maxListItem); err != nil {
				return err
			}
		}
	}
	for field, v := range map[string]*float64{"min": s.Min, "max": s.Max} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			return invalid("%s must be a finite number", field)
		}
	}
	if s.Min != nil && s.Max != nil && *s.Min > *s.Max {
		return invalid("min %g is above max %g", *s.Min, *s.Max)
	}
	from, to, err := s.dates()
	if err != nil {
		return err
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return invalid("from must be before to")
	}
	if s.Fact != "" && !factPattern.MatchString(s.Fact) {
		return invalid("fact %q is not a fact id", s.Fact)
	}
	if s.Webhook != nil {
		if err := s.Webhook.validate(); err != nil {
			return err
		}
	}
	if s.Subject != "" {
		if err := checkSubject(s.Subject); err != nil {
			return err
		}
	}
	return nil
}

func checkText(field, v string, limit int) error {
	if len(v) > limit || !utf8.ValidString(v) {
		return invalid("%s: at most %d bytes of UTF-8", field, limit)
	}
	if strings.ContainsFunc(v, unicode.IsControl) {
		return invalid("%s: control characters", field)
	}
	return nil
}

func (s *Search) dates() (from, to time.Time, err error) {
	if s.From != "" {
		if from, err = indexer.ParseDateBound(s.From, false); err != nil {
			return from, to, invalid("from must be a date (2025-03-31) or an RFC 3339 time")
		}
	}
	if s.To != "" {
		if to, err = indexer.ParseDateBound(s.To, true); err != nil {
			return from, to, invalid("to must be a date (2025-03-31) or an RFC 3339 time")
		}
	}
	return from, to, nil
}

func (w *Webhook) validate() error {
	u, err := url.Parse(w.URL)
	switch {
	case len(w.URL) > maxURL:
		return invalid("webhook.url longer than %d bytes", maxURL)
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return invalid("webhook.url %q: want an absolute http or https URL", w.URL)
	case u.User != nil:
		return invalid("webhook.url: no user or password in the URL (the signature authenticates claimwire)")
	case u.Fragment != "":
		return invalid("webhook.url: no fragment")
	}
	if w.Secret != "" && (len(w.Secret) < minSecret || len(w.Secret) > maxSecret) {
		return invalid("webhook.secret: from %d to %d bytes, or absent to have one made", minSecret, maxSecret)
	}
	return nil
}

// checkSubject refuses wildcards, malformed subjects and the pipeline's own subjects, which a
// saved search must not be able to write into.
func checkSubject(subject string) error {
	if len(subject) > maxSubject {
		return invalid("subject longer than %d bytes", maxSubject)
	}
	for tok := range strings.SplitSeq(subject, ".") {
		if !tokenPattern.MatchString(tok) {
			return invalid("subject %q: want dot-separated tokens of letters, digits, _ and -, no wildcards", subject)
		}
	}
	if low := strings.ToLower(subject); strings.HasPrefix(low, "claimwire.") || low == "claimwire" {
		return invalid("subject %q: claimwire.* is the pipeline's own", subject)
	}
	return nil
}

// Prepare completes a validated definition at creation: an id and a webhook secret when the
// client gave none, and the creation time.
func (s *Search) Prepare(now time.Time) {
	if s.ID == "" {
		s.ID = strings.ToLower(rand.Text())
	}
	if s.Webhook != nil && s.Webhook.Secret == "" {
		s.Webhook.Secret = rand.Text() + rand.Text()
	}
	s.Created = now.UTC()
}

// Public is the definition as shown to readers: the webhook's secret is left out.
func (s Search) Public() Search {
	if s.Webhook != nil {
		s.Webhook = &Webhook{URL: s.Webhook.URL}
	}
	return s
}

// Query is the search the saved search stands for, as /api/claims would run it.
func (s *Search) Query() (indexer.Query, error) {
	from, to, err := s.dates()
	if err != nil {
		return indexer.Query{}, err
	}
	q := indexer.Query{Q: s.Q, Lang: s.Lang, Unit: s.Unit, Metric: s.Metric, Site: s.Site,
		Min: s.Min, Max: s.Max, From: from, To: to}
	if s.Fact != "" {
		q.Facts = []string{s.Fact}
	}
	return q, nil
}
