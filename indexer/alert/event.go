package alert

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/facts"
)

// EventVersion is the version of Event's JSON, the webhook payload.
const EventVersion = 1

// Kinds of events.
const (
	// KindClaim is a newly indexed claim that a saved search finds.
	KindClaim = "claim"
	// KindConflict is a fact, found by a saved search, whose values start to disagree.
	KindConflict = "conflict"
)

// Event is one alert: a saved search and a new claim or a new conflict. It is recorded once,
// under Key, and is the JSON body of the webhook POST and of the NATS message.
type Event struct {
	Version int       `json:"v"`
	ID      string    `json:"id"`
	Kind    string    `json:"kind"`
	Search  SearchRef `json:"search"`
	// Time is when the event was first recorded.
	Time time.Time `json:"time"`
	// Claim is the new claim (KindClaim).
	Claim *indexer.Hit `json:"claim,omitempty"`
	// Conflict is the fact's conflict group (KindConflict): its disagreeing values and sources.
	Conflict *facts.Group `json:"conflict,omitempty"`
}

// SearchRef names the saved search an event belongs to.
type SearchRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func newEvent(s *Search, kind, item string, now time.Time) Event {
	return Event{
		Version: EventVersion,
		ID:      s.ID + "." + kind + "." + token(item),
		Kind:    kind,
		Search:  SearchRef{ID: s.ID, Name: s.Name},
		Time:    now.UTC(),
	}
}

// Key is what the event is recorded under, once: the saved search, the kind and the claim or
// fact, as dot-separated tokens (a NATS subject's tail).
func (e *Event) Key() string { return e.ID }

// token makes a claim or fact id safe as one subject token; claimwire's ids (hex) are kept as
// they are, anything else is hashed.
func token(id string) string {
	if id != "" && len(id) <= 64 && tokenPattern.MatchString(id) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:16])
}
