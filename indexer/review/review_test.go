package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// ev is a valid event of kind k with the given targets.
func ev(seq uint64, k Kind, fact, other, claim string) Event {
	e := Event{V: Version, Seq: seq, ID: "e" + string(rune('a'+seq)), Kind: k, Reviewer: "Ana", At: t0.Add(time.Duration(seq) * time.Hour),
		Fact: fact, Other: other, Claim: claim}
	if k == KindVerdict {
		e.Rating, e.Explanation = RatingFalse, "The ministry's own figure is 76."
	}
	return e
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(*Event)
		kind   Kind
		want   string // "" for valid
	}{
		{"merge", nil, KindMerge, ""},
		{"split", nil, KindSplit, ""},
		{"dismiss", nil, KindDismiss, ""},
		{"restore", nil, KindRestore, ""},
		{"verdict on a fact", nil, KindVerdict, ""},
		{"verdict on a claim", func(e *Event) { e.Fact, e.Claim = "", "c1" }, KindVerdict, ""},
		{"verdict on both", func(e *Event) { e.Claim = "c1" }, KindVerdict, "not both"},
		{"verdict on neither", func(e *Event) { e.Fact = "" }, KindVerdict, "not both"},
		{"unknown rating", func(e *Event) { e.Rating = "pants-on-fire" }, KindVerdict, "rating"},
		{"verdict without explanation", func(e *Event) { e.Explanation = " " }, KindVerdict, "explanation: missing"},
		{"rating on a dismissal", func(e *Event) { e.Rating = RatingTrue }, KindDismiss, "belong to verdicts"},
		{"merge with itself", func(e *Event) { e.Other = e.Fact }, KindMerge, "same fact"},
		{"merge without other", func(e *Event) { e.Other = "" }, KindMerge, "other: missing"},
		{"split without claim", func(e *Event) { e.Claim = "" }, KindSplit, "claim: missing"},
		{"claim on a dismissal", func(e *Event) { e.Claim = "c1" }, KindDismiss, "takes none"},
		{"unknown kind", nil, "delete", "kind"},
		{"no reviewer", func(e *Event) { e.Reviewer = "" }, KindDismiss, "reviewer: missing"},
		{"long reviewer", func(e *Event) { e.Reviewer = strings.Repeat("a", 101) }, KindDismiss, "reviewer: longer"},
		{"control in reviewer", func(e *Event) { e.Reviewer = "Ana\x00" }, KindDismiss, "control character"},
		{"not UTF-8", func(e *Event) { e.Note = "\xff" }, KindDismiss, "not UTF-8"},
		{"id with a space", func(e *Event) { e.Fact = "f 1" }, KindDismiss, "not an id"},
		{"no time", func(e *Event) { e.At = time.Time{} }, KindDismiss, "at: missing"},
		{"newer version", func(e *Event) { e.V = Version + 1 }, KindDismiss, "schema version"},
		{"no event id", func(e *Event) { e.ID = "" }, KindDismiss, "id: missing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := Event{V: Version, ID: "x1", Kind: tt.kind, Reviewer: "Ana", At: t0}
			switch tt.kind {
			case KindMerge:
				e.Fact, e.Other = "f1", "f2"
			case KindSplit:
				e.Fact, e.Claim = "f1", "c1"
			default:
				e.Fact = "f1"
			}
			if tt.kind == KindVerdict {
				e.Rating, e.Explanation = RatingMostlyFalse, "Off by a factor of two."
			}
			if tt.change != nil {
				tt.change(&e)
			}
			err := e.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("valid event refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want an error saying %q", err, tt.want)
			case err != nil && !errors.Is(err, ErrInvalid):
				t.Fatalf("%v is not ErrInvalid", err)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	e := ev(1, KindVerdict, "", "", "c1")
	e.Fact = ""
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Claim != "c1" || got.Rating != RatingFalse || !got.At.Equal(e.At) || got.Reviewer != "Ana" {
		t.Errorf("decoded %+v", got)
	}
	for _, bad := range []string{
		``, `null`, `[]`, `{"v":1}`,
		strings.Replace(string(data), `"kind"`, `"extra":1,"kind"`, 1),
		string(data) + `{}`,
	} {
		if _, err := Decode([]byte(bad)); !errors.Is(err, ErrInvalid) {
			t.Errorf("Decode(%q) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestFold(t *testing.T) {
	s := NewState()
	// f2 joins f1; f3 joins f2 (so f1); c9 is split out of f1.
	for _, e := range []Event{
		ev(1, KindMerge, "f1", "f2", ""),
		ev(2, KindMerge, "f2", "f3", ""),
		ev(3, KindSplit, "f1", "", "c9"),
		ev(4, KindDismiss, "f3", "", ""),
		ev(5, KindVerdict, "f2", "", ""),
	} {
		if err := s.Check(&e); err != nil {
			t.Fatalf("event %d: %v", e.Seq, err)
		}
		s.Apply(e)
	}
	for _, tt := range []struct{ claim, indexFact, want string }{
		{"c1", "f1", "f1"},
		{"c2", "f2", "f1"},
		{"c3", "f3", "f1"},
		{"c9", "f1", "split-c9"},
		{"c4", "f4", "f4"},
		{"c5", "", ""},
		{"c6", "f3", "f1"}, // a claim indexed after the merge joins f3: it answers as f1
	} {
		if got := s.FactOf(tt.claim, tt.indexFact); got != tt.want {
			t.Errorf("FactOf(%s, %s) = %s, want %s", tt.claim, tt.indexFact, got, tt.want)
		}
	}
	facts, claims := s.Members("f1")
	if !slices.Equal(facts, []string{"f1", "f2", "f3"}) || claims != nil {
		t.Errorf("Members(f1) = %v, %v", facts, claims)
	}
	if facts, claims := s.Members("split-c9"); facts != nil || !slices.Equal(claims, []string{"c9"}) {
		t.Errorf("Members(split-c9) = %v, %v", facts, claims)
	}
	if facts, claims := s.Members("split-c8"); facts != nil || claims != nil {
		t.Errorf("a split fact no claim was split to has members %v, %v", facts, claims)
	}
	// Dismissed through f3 means f1, the fact f3 answers as.
	if m, ok := s.Dismissed("f2"); !ok || m.Seq != 4 || m.Reviewer != "Ana" {
		t.Errorf("Dismissed(f2) = %+v, %v", m, ok)
	}
	st, ok := s.Fact("f3")
	if !ok || !slices.Equal(st.Merged, []string{"f2", "f3"}) || !slices.Equal(st.Split, []string{"c9"}) ||
		st.Dismissed == nil || st.Verdict == nil || st.Verdict.Target != "f1" || st.Verdict.Value != 1 {
		t.Errorf("Fact(f3) = %+v, %v", st, ok)
	}
	cs, ok := s.Claim("c6", "f3")
	if !ok || cs.LinkedFact != "f3" || cs.Dismissed == nil || cs.Verdict == nil || cs.Verdict.On != "fact" {
		t.Errorf("Claim(c6) = %+v, %v", cs, ok)
	}
	if _, ok := s.Claim("c4", "f4"); ok {
		t.Error("a claim nobody reviewed has a status")
	}
	if !s.Reshaped("f1") || !s.Reshaped("f3") || s.Reshaped("f4") {
		t.Error("Reshaped")
	}

	// A claim's own verdict wins over its fact's.
	own := ev(6, KindVerdict, "", "", "c2")
	own.Fact, own.Rating = "", RatingMostlyTrue
	s.Apply(own)
	if cs, _ := s.Claim("c2", "f2"); cs.Verdict == nil || cs.Verdict.On != "claim" || cs.Verdict.Rating != RatingMostlyTrue {
		t.Errorf("Claim(c2) verdict = %+v", cs.Verdict)
	}

	for _, e := range []Event{
		ev(7, KindMerge, "f3", "f1", ""),
		ev(8, KindSplit, "f1", "", "c9"),
		ev(9, KindDismiss, "f1", "", ""),
		ev(10, KindRestore, "f4", "", ""),
	} {
		if err := s.Check(&e); !errors.Is(err, ErrNoChange) {
			t.Errorf("Check(%s %s%s%s) = %v, want ErrNoChange", e.Kind, e.Fact, e.Other, e.Claim, err)
		}
	}
	restore := ev(11, KindRestore, "f2", "", "")
	if err := s.Check(&restore); err != nil {
		t.Fatal(err)
	}
	s.Apply(restore)
	if _, ok := s.Dismissed("f1"); ok {
		t.Error("restored fact still dismissed")
	}
	// An event another replica made moot is logged all the same.
	s.Apply(ev(12, KindRestore, "f1", "", ""))
	if s.Len() != 8 {
		t.Errorf("log holds %d events, want 8", s.Len())
	}
	if got := len(s.Events("f3", "")); got != 7 {
		t.Errorf("events of f3: %d, want 7 (two merges, the split, dismissal, verdict, two restores)", got)
	}
	if got := s.Events("", "c9"); len(got) != 1 || got[0].Kind != KindSplit {
		t.Errorf("events of c9: %+v", got)
	}
}

func TestCloneIsolates(t *testing.T) {
	s := NewState()
	s.Apply(ev(1, KindDismiss, "f1", "", ""))
	c := s.Clone()
	c.Apply(ev(2, KindRestore, "f1", "", ""))
	c.Apply(ev(3, KindMerge, "f1", "f2", ""))
	if _, ok := s.Dismissed("f1"); !ok || s.Root("f2") != "f2" || s.Len() != 1 {
		t.Error("applying to a clone changed the original")
	}
}

func TestRatings(t *testing.T) {
	for i, r := range Ratings() {
		if r.Value() != WorstRating+i || r.Label() == "" {
			t.Errorf("%s: value %d label %q", r, r.Value(), r.Label())
		}
	}
	if Rating("nope").Value() != 0 {
		t.Error("an unknown rating has a value")
	}
}

func FuzzDecode(f *testing.F) {
	for _, e := range []Event{ev(1, KindMerge, "f1", "f2", ""), ev(2, KindVerdict, "f1", "", ""), ev(3, KindSplit, "f1", "", "c1")} {
		data, _ := json.Marshal(e)
		f.Add(data)
	}
	f.Add([]byte(`{"v":1,"id":"x","kind":"dismiss","reviewer":"A","at":"2026-01-01T00:00:00Z","fact":"f"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		// A decoded event is valid, folds without panicking and survives a round trip.
		if err := e.Validate(); err != nil {
			t.Fatalf("decoded event invalid: %v", err)
		}
		s := NewState()
		_ = s.Check(&e)
		s.Apply(e)
		again, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(again); err != nil {
			t.Fatalf("re-encoded event refused: %v\n%s", err, again)
		}
	})
}

// BenchmarkReads measures what every hit of a search costs: the fact a claim answers as and
// its status, in a state of 10,000 decisions.
func BenchmarkReads(b *testing.B) {
	s := foldMany(10000)
	claims, facts := make([]string, 20000), make([]string, 5000)
	for i := range claims {
		claims[i] = fmt.Sprintf("c%d", i)
	}
	for i := range facts {
		facts[i] = fmt.Sprintf("f%d", i)
	}
	for i := 0; b.Loop(); i++ {
		c, f := claims[i%len(claims)], facts[i%len(facts)]
		s.FactOf(c, f)
		s.Claim(c, f)
	}
}

// BenchmarkFold measures reading a log of 10,000 decisions at start.
func BenchmarkFold(b *testing.B) {
	for b.Loop() {
		foldMany(10000)
	}
}

// BenchmarkClone measures the copy a store publishes after each new decision, at 10,000.
func BenchmarkClone(b *testing.B) {
	s := foldMany(10000)
	for b.Loop() {
		s.Clone()
	}
}

// foldMany folds n decisions of every kind over 5,000 facts.
func foldMany(n int) *State {
	s := NewState()
	for i := range n {
		e := Event{V: Version, Seq: uint64(i + 1), ID: fmt.Sprint(i), Reviewer: "Ana", At: t0, Fact: fmt.Sprintf("f%d", i%5000)}
		switch i % 4 {
		case 0:
			e.Kind, e.Other = KindMerge, fmt.Sprintf("f%d", (i*7+1)%5000)
		case 1:
			e.Kind, e.Claim = KindSplit, fmt.Sprintf("c%d", i)
		case 2:
			e.Kind = KindDismiss
		default:
			e.Kind, e.Rating, e.Explanation = KindVerdict, RatingMixed, "x"
		}
		s.Apply(e)
	}
	return s
}
