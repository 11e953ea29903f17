package review

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// splitPrefix starts the id of the fact a split claim stands alone in: a claim's own id may
// already name the fact it started and that its other claims keep.
const splitPrefix = "split-"

// SplitFact is the id of the fact a claim split out of its fact answers as.
func SplitFact(claim string) string { return splitPrefix + claim }

// SplitClaim returns the claim a split fact holds, false for other facts.
func SplitClaim(fact string) (string, bool) { return strings.CutPrefix(fact, splitPrefix) }

// Mark is who made a decision, when and why.
type Mark struct {
	Seq      uint64    `json:"seq"`
	Reviewer string    `json:"reviewer"`
	At       time.Time `json:"at"`
	Note     string    `json:"note,omitempty"`
}

// Verdict is a rating with its explanation, on a claim or on a fact (On).
type Verdict struct {
	On          string `json:"on"` // "claim" or "fact"
	Target      string `json:"target"`
	Rating      Rating `json:"rating"`
	Label       string `json:"label"`
	Value       int    `json:"value"`
	Explanation string `json:"explanation"`
	Mark
}

// FactStatus is what reviewers decided about a fact; see State.Fact.
type FactStatus struct {
	// Merged are the facts that answer as this one.
	Merged []string `json:"merged,omitempty"`
	// Split are the claims taken out of it.
	Split     []string `json:"split,omitempty"`
	Dismissed *Mark    `json:"dismissed,omitempty"`
	Verdict   *Verdict `json:"verdict,omitempty"`
}

// ClaimStatus is what reviewers decided about a claim and its fact; see State.Claim.
type ClaimStatus struct {
	// LinkedFact is the fact the indexer linked the claim to, when reviewers made it answer
	// as another (merged it, or split the claim out).
	LinkedFact string `json:"linked_fact,omitempty"`
	// Split says the claim was taken out of the fact the index gave it.
	Split bool `json:"split,omitempty"`
	// Dismissed is the dismissal of its fact's conflict.
	Dismissed *Mark `json:"dismissed,omitempty"`
	// Verdict is the claim's own verdict, else its fact's.
	Verdict *Verdict `json:"verdict,omitempty"`
}

type split struct {
	from string
	Mark
}

// State is the review log folded: which facts answer as which, which claims stand alone,
// which conflicts are dismissed and the verdicts. Apply changes it; a State handed to readers
// is not changed afterwards (the store applies to a Clone), so reads need no lock.
//
// Every lookup a read makes per claim or per fact is a map lookup: a merge moves the merged
// fact's whole group under the kept fact at once, rather than leaving chains to follow.
type State struct {
	root      map[string]string   // a merged fact → the fact it answers as, never itself merged
	merged    map[string][]string // a fact → every fact answering as it
	splits    map[string]split    // claim → where from
	splitOut  map[string][]string // a fact of the index → the claims split out of it
	dismissed map[string]Mark     // fact → dismissal
	onClaim   map[string]Verdict  // claim → its verdict
	onFact    map[string]Verdict  // fact → its verdict
	events    []Event
}

// NewState returns the state of an empty log.
func NewState() *State {
	return &State{root: map[string]string{}, merged: map[string][]string{}, splits: map[string]split{},
		splitOut: map[string][]string{}, dismissed: map[string]Mark{}, onClaim: map[string]Verdict{},
		onFact: map[string]Verdict{}}
}

// Clone returns a copy that Apply may change without changing s. Slices are shared: Apply
// never appends in place to one it did not make.
func (s *State) Clone() *State {
	return &State{root: maps.Clone(s.root), merged: maps.Clone(s.merged), splits: maps.Clone(s.splits),
		splitOut: maps.Clone(s.splitOut), dismissed: maps.Clone(s.dismissed), onClaim: maps.Clone(s.onClaim),
		onFact: maps.Clone(s.onFact), events: slices.Clip(s.events)}
}

// Root is the fact that fact answers as, after merges: fact itself unless merged.
func (s *State) Root(fact string) string {
	if r, ok := s.root[fact]; ok {
		return r
	}
	return fact
}

// FactOf is the fact a claim answers as, given the one the index gave it ("" stays "").
func (s *State) FactOf(claim, indexFact string) string {
	if _, ok := s.splits[claim]; ok {
		return s.Root(SplitFact(claim))
	}
	if indexFact == "" {
		return ""
	}
	return s.Root(indexFact)
}

// Members returns what a fact is made of: the facts of the index whose claims answer as root
// (root itself first), and the claims split out of their facts that answer as root.
func (s *State) Members(root string) (indexFacts, claims []string) {
	if c, ok := SplitClaim(root); ok {
		if _, split := s.splits[c]; split && s.Root(root) == root {
			claims = append(claims, c)
		}
	} else {
		indexFacts = append(indexFacts, root)
	}
	if s.Root(root) != root {
		return indexFacts, claims
	}
	for _, f := range s.merged[root] {
		if c, ok := SplitClaim(f); ok {
			claims = append(claims, c)
		} else {
			indexFacts = append(indexFacts, f)
		}
	}
	slices.Sort(indexFacts[min(1, len(indexFacts)):])
	slices.Sort(claims)
	return indexFacts, claims
}

// Reshaped reports whether reviewers changed which claims an index fact holds: merged it,
// merged another into it, or split a claim out of it.
func (s *State) Reshaped(indexFact string) bool {
	return hasKey(s.root, indexFact) || len(s.merged[indexFact]) > 0 || len(s.splitOut[indexFact]) > 0
}

// Split reports whether a claim was split out of its fact.
func (s *State) Split(claim string) bool {
	_, ok := s.splits[claim]
	return ok
}

// Dismissed returns the dismissal of fact's conflict, if any.
func (s *State) Dismissed(fact string) (Mark, bool) {
	m, ok := s.dismissed[s.Root(fact)]
	return m, ok
}

// Fact returns the review status of a fact (as Root gives it); false when reviewers never
// touched it.
func (s *State) Fact(fact string) (FactStatus, bool) {
	root := s.Root(fact)
	var st FactStatus
	st.Merged = slices.Sorted(slices.Values(s.merged[root]))
	for _, f := range append([]string{root}, st.Merged...) {
		st.Split = append(st.Split, s.splitOut[f]...)
	}
	slices.Sort(st.Split)
	if m, ok := s.dismissed[root]; ok {
		st.Dismissed = &m
	}
	if v, ok := s.onFact[root]; ok {
		st.Verdict = &v
	}
	touched := st.Merged != nil || st.Split != nil || st.Dismissed != nil || st.Verdict != nil
	return st, touched
}

// Claim returns the review status of a claim that the index gave indexFact; false when
// reviewers decided nothing about it or its fact.
func (s *State) Claim(claim, indexFact string) (ClaimStatus, bool) {
	fact := s.FactOf(claim, indexFact)
	st := ClaimStatus{Split: s.Split(claim)}
	if fact != indexFact {
		st.LinkedFact = indexFact
	}
	if m, ok := s.dismissed[fact]; ok && fact != "" {
		st.Dismissed = &m
	}
	if v, ok := s.onClaim[claim]; ok {
		st.Verdict = &v
	} else if v, ok := s.onFact[fact]; ok && fact != "" {
		st.Verdict = &v
	}
	return st, st.LinkedFact != "" || st.Split || st.Dismissed != nil || st.Verdict != nil
}

// ErrNoChange marks an event that would change nothing in the state it is checked against.
var ErrNoChange = errors.New("changes nothing")

func noChange(format string, args ...any) error {
	return fmt.Errorf("review: %s: %w", fmt.Sprintf(format, args...), ErrNoChange)
}

// Check says whether e would change s: merging facts that are already one, splitting a claim
// twice, dismissing twice or restoring what is not dismissed is refused.
func (s *State) Check(e *Event) error {
	switch e.Kind {
	case KindMerge:
		if a, b := s.Root(e.Fact), s.Root(e.Other); a == b {
			return noChange("%s and %s are already one fact (%s)", e.Fact, e.Other, a)
		}
	case KindSplit:
		if s.Split(e.Claim) {
			return noChange("claim %s is already split out", e.Claim)
		}
	case KindDismiss:
		if _, ok := s.Dismissed(e.Fact); ok {
			return noChange("fact %s is already dismissed", e.Fact)
		}
	case KindRestore:
		if _, ok := s.Dismissed(e.Fact); !ok {
			return noChange("fact %s is not dismissed", e.Fact)
		}
	}
	return nil
}

// Apply folds e into s. An event that changes nothing (another replica's decision got there
// first) is still kept in the log.
func (s *State) Apply(e Event) {
	s.events = append(s.events, e)
	m := Mark{Seq: e.Seq, Reviewer: e.Reviewer, At: e.At, Note: e.Note}
	switch e.Kind {
	case KindMerge:
		if a, b := s.Root(e.Fact), s.Root(e.Other); a != b {
			moved := append(slices.Clip(s.merged[b]), b)
			for _, f := range moved {
				s.root[f] = a
			}
			// A new slice: the old one may be shared with a clone.
			s.merged[a] = append(slices.Clip(s.merged[a]), moved...)
			delete(s.merged, b)
		}
	case KindSplit:
		if !s.Split(e.Claim) {
			s.splits[e.Claim] = split{from: e.Fact, Mark: m}
			s.splitOut[e.Fact] = append(slices.Clip(s.splitOut[e.Fact]), e.Claim)
		}
	case KindDismiss:
		if root := s.Root(e.Fact); !hasKey(s.dismissed, root) {
			s.dismissed[root] = m
		}
	case KindRestore:
		delete(s.dismissed, s.Root(e.Fact))
	case KindVerdict:
		v := Verdict{Rating: e.Rating, Label: e.Rating.Label(), Value: e.Rating.Value(), Explanation: e.Explanation, Mark: m}
		if e.Claim != "" {
			v.On, v.Target = "claim", e.Claim
			s.onClaim[e.Claim] = v
		} else {
			v.On, v.Target = "fact", s.Root(e.Fact)
			s.onFact[v.Target] = v
		}
	}
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

// Events returns the log, oldest first; with fact or claim set, only the events naming them
// (a fact's include those of the facts merged into it).
func (s *State) Events(fact, claim string) []Event {
	out := []Event{}
	root := ""
	if fact != "" {
		root = s.Root(fact)
	}
	for _, e := range s.events {
		switch {
		case fact == "" && claim == "":
		case claim != "" && e.Claim == claim:
		case fact != "" && (e.Fact != "" && s.Root(e.Fact) == root || e.Other != "" && s.Root(e.Other) == root):
		default:
			continue
		}
		out = append(out, e)
	}
	return out
}

// Len is the number of events folded.
func (s *State) Len() int { return len(s.events) }
