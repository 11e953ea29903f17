// Package review holds what fact-checkers decide about claims and facts, as a log of events
// folded into a State: two facts merged into one, a claim split out of its fact, a conflict
// dismissed (and restored), a verdict on a claim or a fact. It has no index and no bus: the
// indexer reads through a State, and a JetStream stream (package reviewstore) carries the
// events, so every indexer replica folds the same log into the same State.
package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Version is the schema version of Event; a newer one is refused rather than misread.
const Version = 1

// Kind is what an event does.
type Kind string

// Event kinds.
const (
	// KindMerge makes Other's claims answer as Fact's.
	KindMerge Kind = "merge"
	// KindSplit takes Claim out of its fact (Fact, as the index gave it), to stand alone.
	KindSplit Kind = "split"
	// KindDismiss says Fact's values do not really conflict: it leaves the conflicts list.
	KindDismiss Kind = "dismiss"
	// KindRestore undoes a dismissal of Fact.
	KindRestore Kind = "restore"
	// KindVerdict rates Claim, or Fact with every claim of it.
	KindVerdict Kind = "verdict"
)

// Limits of an event's fields, in bytes.
const (
	maxID          = 200
	maxReviewer    = 100
	maxNote        = 2000
	maxExplanation = 4000
)

// Event is one decision of a reviewer: who, what, when. Seq is the position in the log the
// store gives it; the rest is what the reviewer sent, with ID and At set by the server.
type Event struct {
	V        int       `json:"v"`
	Seq      uint64    `json:"seq,omitempty"`
	ID       string    `json:"id"`
	Kind     Kind      `json:"kind"`
	Reviewer string    `json:"reviewer"`
	At       time.Time `json:"at"`
	// Fact is the fact acted on: the one kept by a merge, the one a claim is split from.
	Fact string `json:"fact,omitempty"`
	// Other is the fact a merge folds into Fact.
	Other string `json:"other,omitempty"`
	// Claim is the claim split out, or rated.
	Claim string `json:"claim,omitempty"`
	// Rating and Explanation are a verdict's.
	Rating      Rating `json:"rating,omitempty"`
	Explanation string `json:"explanation,omitempty"`
	// Note says why, for the log.
	Note string `json:"note,omitempty"`
}

// ErrInvalid marks an event that is malformed whatever the state.
var ErrInvalid = errors.New("invalid review event")

func invalid(format string, args ...any) error {
	return fmt.Errorf("review: %s: %w", fmt.Sprintf(format, args...), ErrInvalid)
}

// Validate checks the fields an event of its kind needs, and only those.
func (e *Event) Validate() error {
	if e.V < 1 || e.V > Version {
		return invalid("schema version %d, this build reads up to %d", e.V, Version)
	}
	if err := checkText("id", e.ID, maxID, true); err != nil {
		return err
	}
	if err := checkText("reviewer", e.Reviewer, maxReviewer, true); err != nil {
		return err
	}
	if e.At.IsZero() {
		return invalid("at: missing time")
	}
	if err := checkText("note", e.Note, maxNote, false); err != nil {
		return err
	}
	want := map[string]bool{}
	switch e.Kind {
	case KindMerge:
		want["fact"], want["other"] = true, true
		if e.Fact == e.Other {
			return invalid("merge: fact and other are the same fact")
		}
	case KindSplit:
		want["claim"], want["fact"] = true, true
	case KindDismiss, KindRestore:
		want["fact"] = true
	case KindVerdict:
		if (e.Fact == "") == (e.Claim == "") {
			return invalid("verdict: give a claim or a fact, not both")
		}
		want["fact"], want["claim"] = e.Fact != "", e.Claim != ""
		if _, ok := ratingScale[e.Rating]; !ok {
			return invalid("verdict: rating %q is not one of %s", e.Rating, strings.Join(RatingNames(), ", "))
		}
		if err := checkText("explanation", e.Explanation, maxExplanation, true); err != nil {
			return err
		}
	default:
		return invalid("kind %q is not one of merge, split, dismiss, restore, verdict", e.Kind)
	}
	for _, f := range []struct {
		name, value string
	}{{"fact", e.Fact}, {"other", e.Other}, {"claim", e.Claim}} {
		if !want[f.name] {
			if f.value != "" {
				return invalid("%s: a %s event takes none", f.name, e.Kind)
			}
			continue
		}
		if err := checkID(f.name, f.value); err != nil {
			return err
		}
	}
	if e.Kind != KindVerdict && (e.Rating != "" || e.Explanation != "") {
		return invalid("rating and explanation belong to verdicts")
	}
	return nil
}

// checkText refuses text that is missing (when required), too long, not UTF-8 or holds control
// characters other than line breaks and tabs.
func checkText(name, s string, limit int, required bool) error {
	switch {
	case required && strings.TrimSpace(s) == "":
		return invalid("%s: missing", name)
	case len(s) > limit:
		return invalid("%s: longer than %d bytes", name, limit)
	case !utf8.ValidString(s):
		return invalid("%s: not UTF-8", name)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return invalid("%s: control character %U", name, r)
		}
	}
	return nil
}

// checkID refuses ids that could not be claim or fact ids: empty, long, with spaces or controls.
func checkID(name, s string) error {
	if s == "" {
		return invalid("%s: missing", name)
	}
	if len(s) > maxID {
		return invalid("%s: longer than %d bytes", name, maxID)
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r == utf8.RuneError {
			return invalid("%s: %q is not an id", name, s)
		}
	}
	return nil
}

// Decode reads an event as the store keeps it, refusing unknown fields, trailing data and an
// invalid event.
func Decode(data []byte) (Event, error) {
	var e Event
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Event{}, fmt.Errorf("review: decode: %v: %w", err, ErrInvalid)
	}
	if dec.More() {
		return Event{}, invalid("decode: data after the event")
	}
	if err := e.Validate(); err != nil {
		return Event{}, err
	}
	return e, nil
}
