package review

// Rating is a verdict on a five-point scale, from false to true, as ClaimReview's
// reviewRating carries it (ratingValue from WorstRating to BestRating, alternateName the label).
type Rating string

// Ratings, worst first.
const (
	RatingFalse       Rating = "false"
	RatingMostlyFalse Rating = "mostly-false"
	RatingMixed       Rating = "mixed"
	RatingMostlyTrue  Rating = "mostly-true"
	RatingTrue        Rating = "true"
)

// WorstRating and BestRating bound Rating.Value.
const (
	WorstRating = 1
	BestRating  = 5
)

var ratingOrder = []Rating{RatingFalse, RatingMostlyFalse, RatingMixed, RatingMostlyTrue, RatingTrue}

var ratingScale = map[Rating]struct {
	value int
	label string
}{
	RatingFalse:       {1, "False"},
	RatingMostlyFalse: {2, "Mostly false"},
	RatingMixed:       {3, "Mixed"},
	RatingMostlyTrue:  {4, "Mostly true"},
	RatingTrue:        {5, "True"},
}

// Value is the rating on the scale from WorstRating to BestRating; 0 for an unknown rating.
func (r Rating) Value() int { return ratingScale[r].value }

// Label is the rating as a reader reads it ("Mostly false").
func (r Rating) Label() string { return ratingScale[r].label }

// Ratings lists the ratings, worst first.
func Ratings() []Rating { return append([]Rating(nil), ratingOrder...) }

// RatingNames lists the ratings' names, worst first.
func RatingNames() []string {
	out := make([]string, len(ratingOrder))
	for i, r := range ratingOrder {
		out[i] = string(r)
	}
	return out
}
