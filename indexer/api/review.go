package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/jsonld"
	"github.com/claimwire/claimwire/indexer/review"
)

// maxReviewBody bounds a review request's body; the longest valid event is far smaller.
const maxReviewBody = 16 << 10

// Recorder appends review events to the log; package reviewstore's Store is one.
type Recorder interface {
	Record(ctx context.Context, e review.Event) (review.Event, error)
}

// reviewRequest is what a reviewer sends: an event without what the server sets.
type reviewRequest struct {
	Kind        review.Kind   `json:"kind"`
	Reviewer    string        `json:"reviewer"`
	Fact        string        `json:"fact"`
	Other       string        `json:"other"`
	Claim       string        `json:"claim"`
	Rating      review.Rating `json:"rating"`
	Explanation string        `json:"explanation"`
	Note        string        `json:"note"`
}

// NewReviewWriter returns the handler of POST /api/admin/reviews, which records a reviewer's
// decision about facts and claims of ix in rec. It checks no token: mount it behind the
// daemon's bearer-token check.
func NewReviewWriter(ix *indexer.Index, rec Recorder, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.Default()
	}
	s := &server{ix: ix, log: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/admin/reviews", func(w http.ResponseWriter, r *http.Request) { s.recordReview(w, r, rec) })
	return mux
}

func (s *server) recordReview(w http.ResponseWriter, r *http.Request, rec Recorder) {
	var req reviewRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxReviewBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.writeError(w, r, http.StatusBadRequest, "review: want a JSON object with kind, reviewer and the kind's fields: "+err.Error())
		return
	}
	if dec.More() {
		s.writeError(w, r, http.StatusBadRequest, "review: want one JSON object, got more")
		return
	}
	e := review.Event{V: review.Version, Kind: req.Kind, Reviewer: req.Reviewer, Fact: req.Fact, Other: req.Other,
		Claim: req.Claim, Rating: req.Rating, Explanation: req.Explanation, Note: req.Note}
	status, err := s.resolveTargets(r.Context(), &e)
	if err != nil {
		s.writeError(w, r, status, err.Error())
		return
	}
	stored, err := rec.Record(r.Context(), e)
	switch {
	case errors.Is(err, review.ErrInvalid):
		s.writeError(w, r, http.StatusBadRequest, err.Error())
		return
	case errors.Is(err, review.ErrNoChange):
		s.writeError(w, r, http.StatusConflict, err.Error())
		return
	case err != nil:
		s.log.ErrorContext(r.Context(), "api: review not recorded", slog.String("kind", string(e.Kind)), slog.Any("error", err))
		s.writeError(w, r, http.StatusServiceUnavailable, "review: the review log did not confirm the decision; GET /api/reviews tells whether it was stored")
		return
	}
	s.log.InfoContext(r.Context(), "review recorded", slog.String("kind", string(stored.Kind)),
		slog.String("reviewer", stored.Reviewer), slog.Uint64("seq", stored.Seq))
	s.writeJSON(w, r, http.StatusCreated, stored)
}

// resolveTargets checks that the facts and claims an event names exist, and gives a split the
// fact the index linked its claim to; the status says why when they do not.
func (s *server) resolveTargets(ctx context.Context, e *review.Event) (int, error) {
	if e.Kind == review.KindSplit {
		if e.Fact != "" {
			return http.StatusBadRequest, errors.New("review: split: give the claim only; its fact is the one it is in")
		}
		if e.Claim == "" {
			return http.StatusBadRequest, errors.New("review: split: claim missing")
		}
		h, ok, err := s.ix.Get(ctx, e.Claim)
		if err != nil {
			return http.StatusInternalServerError, err
		}
		if !ok {
			return http.StatusNotFound, fmt.Errorf("review: no claim %q", e.Claim)
		}
		e.Fact = h.Fact
		if h.Review != nil && h.Review.LinkedFact != "" {
			e.Fact = h.Review.LinkedFact
		}
		if e.Fact == "" {
			return http.StatusConflict, fmt.Errorf("review: claim %q has no fact yet (run claimwire reindex)", e.Claim)
		}
		return 0, nil
	}
	for _, f := range []string{e.Fact, e.Other} {
		if f == "" {
			continue
		}
		if _, ok, err := s.ix.Fact(ctx, f); err != nil {
			return http.StatusInternalServerError, err
		} else if !ok {
			return http.StatusNotFound, fmt.Errorf("review: no fact %q", f)
		}
	}
	if e.Claim != "" {
		if _, ok, err := s.ix.Get(ctx, e.Claim); err != nil {
			return http.StatusInternalServerError, err
		} else if !ok {
			return http.StatusNotFound, fmt.Errorf("review: no claim %q", e.Claim)
		}
	}
	return 0, nil
}

// reviews lists the review log, oldest first, or the events naming one fact or claim.
func (s *server) reviews(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if err := onlyParams(v, "fact", "claim"); err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"events": s.ix.Reviews().Events(v.Get("fact"), v.Get("claim"))})
}

// onlyParams refuses parameters other than names, so that a typo does not list everything.
func onlyParams(v url.Values, names ...string) error {
	for k := range v {
		known := false
		for _, n := range names {
			known = known || k == n
		}
		if !known {
			return badParam("unknown parameter %q", k)
		}
	}
	return nil
}

// claimReview answers the ClaimReview of a claim that has a verdict, its own or its fact's.
func (s *server) claimReview(w http.ResponseWriter, r *http.Request) {
	h, ok := s.lookup(w, r)
	if !ok {
		return
	}
	if h.Review == nil || h.Review.Verdict == nil {
		s.writeError(w, r, http.StatusNotFound, "claim "+strconv.Quote(h.ID)+" has no verdict")
		return
	}
	first, err := s.ix.FirstAppearance(r.Context(), h.Claim)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := jsonld.PageURL(r, "/claims/"+url.PathEscape(h.ID))
	s.reply(w, r, http.StatusOK, jsonld.ContentType, jsonld.ClaimReview(h.Claim, first, *h.Review.Verdict, page))
}
