package reviewstore

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus/bustest"
	"github.com/claimwire/claimwire/indexer/review"
)

// TestReplicasShareTheLog: two indexers follow one REVIEWS stream; what one records the other
// folds, a malformed message is skipped without stopping the rest, and a store opened later
// reads the whole log back.
func TestReplicasShareTheLog(t *testing.T) {
	b := bustest.Open(t)
	logger := slog.New(slog.DiscardHandler)
	a, err := Open(t.Context(), b.JS, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	other, err := Open(t.Context(), b.JS, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	e, err := a.Record(t.Context(), review.Event{Kind: review.KindDismiss, Reviewer: "Ana", Fact: "f1"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Seq != 1 || e.ID == "" || e.At.IsZero() || e.V != review.Version {
		t.Errorf("recorded %+v", e)
	}
	// Read your writes: the recording store has folded it when Record returns.
	if _, ok := a.State().Dismissed("f1"); !ok {
		t.Error("the recording store does not see its own event")
	}
	// A message no build can read (garbage, or from a newer schema) is skipped.
	if _, err := b.JS.Publish(t.Context(), claimwire.SubjectReviews, []byte(`{"v":99}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Record(t.Context(), review.Event{Kind: review.KindMerge, Reviewer: "Bo", Fact: "f1", Other: "f2"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the other replica folds both events", func() bool {
		_, dismissed := other.State().Dismissed("f2")
		return other.State().Root("f2") == "f1" && dismissed && other.State().Len() == 2
	})

	// Refused: invalid, or changing nothing in the state; nothing is appended.
	if _, err := a.Record(t.Context(), review.Event{Kind: review.KindDismiss, Reviewer: "Ana", Fact: "f2"}); !errors.Is(err, review.ErrNoChange) {
		t.Errorf("dismissing a dismissed fact: %v", err)
	}
	if _, err := a.Record(t.Context(), review.Event{Kind: review.KindVerdict, Reviewer: "Ana", Fact: "f1"}); !errors.Is(err, review.ErrInvalid) {
		t.Errorf("verdict without rating: %v", err)
	}
	if n := bustest.StreamMsgs(t, b.JS, claimwire.StreamReviews); n != 3 {
		t.Errorf("REVIEWS holds %d messages, want 3", n)
	}

	// A restarted indexer reads the whole log before Open returns.
	late, err := Open(t.Context(), b.JS, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer late.Close()
	if st := late.State(); st.Len() != 2 || st.Root("f2") != "f1" {
		t.Errorf("a store opened later folded %d events", st.Len())
	}
	if err := late.Ready(); err != nil {
		t.Errorf("following the log, Ready = %v", err)
	}
	late.Close()
	if err := late.Ready(); err == nil {
		t.Error("a store that stopped following the log is ready")
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestOpenAfterDeletions: a log whose last messages were deleted by hand still opens.
func TestOpenAfterDeletions(t *testing.T) {
	b := bustest.Open(t)
	logger := slog.New(slog.DiscardHandler)
	s, err := Open(t.Context(), b.JS, logger)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"f1", "f2", "f3"} {
		if _, err := s.Record(t.Context(), review.Event{Kind: review.KindDismiss, Reviewer: "Ana", Fact: f}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	stream, err := b.JS.Stream(t.Context(), claimwire.StreamReviews)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.DeleteMsg(t.Context(), 3); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	again, err := Open(ctx, b.JS, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n := again.State().Len(); n != 2 {
		t.Errorf("folded %d events, want the 2 left", n)
	}
}
