package facts

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire"
)

// Member is a claim with the fact the linker gave it.
type Member struct {
	Claim *claimwire.Claim
	Fact  string
	// Score is the claim's link to its fact; the claim that started it (its id is the fact's)
	// has none.
	Score float64
	// Why are the words its link rests on.
	Why []string
	// Via is the id of the claim its link rests on (Link.With); empty for the claim that
	// started the fact, and for claims linked before links named their claim.
	Via string
	// Marks are what the claim's sentence says its figure is beside the fact's others
	// (Signature.Marks).
	Marks Marks
}

// Source is an article stating a value.
type Source struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Title     string    `json:"title"`
	Site      string    `json:"site"`
	Published time.Time `json:"published,omitzero"`
	Lang      string    `json:"lang"`
	Surface   string    `json:"surface"`
	Sentence  string    `json:"sentence"`
	// SentenceOffset is where Surface stands in Sentence (claimwire.Quantity.SentenceOffset).
	SentenceOffset int    `json:"sentence_offset,omitempty"`
	Subject        string `json:"subject,omitempty"`
	Measure        string `json:"measure,omitempty"`
}

// Value is one distinct statement of a fact and the articles making it.
type Value struct {
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Vague     bool     `json:"vague,omitempty"`
	// Low and High bound what a reader takes the statement to allow, in the group's unit;
	// High is absent when unbounded.
	Low     float64  `json:"low"`
	High    *float64 `json:"high,omitempty"`
	Sources []Source `json:"sources"`

	// reading is the statement in the group's unit, native in its own currency (currency,
	// empty when it is not money).
	reading, native Reading
	currency        string
	// asUSD is the statement read in US dollars, for a bare "$" or "dollars" the extractor read
	// as a local dollar (usdToo).
	asUSD, asUSDNative Reading
	usdToo             bool
	// statement is the value's key among the fact's (Statement).
	statement StatementKey
	// powerSlip says the value is an energy written for a power (Signature.powerSlip).
	powerSlip bool
	// marks are those of at least half the claims stating the value: one outlet's "an
	// additional 116,000" makes another's unmarked 116,000 an addition too, but one sentence of
	// seven misread as a past value does not make the others' "34%" one.
	marks Marks
}

// Revision is an outlet changing its figure for a fact between two articles.
type Revision struct {
	Site string  `json:"site"`
	From float64 `json:"from"`
	To   float64 `json:"to"`
	// FromURL and ToURL are the earlier and the later article.
	FromURL string `json:"from_url"`
	ToURL   string `json:"to_url"`
}

// Group is a fact whose sources disagree.
type Group struct {
	Fact string `json:"fact"`
	// Subject and Measure say what the fact is about, in the words of its best-linked claim.
	Subject string `json:"subject,omitempty"`
	Measure string `json:"measure,omitempty"`
	Lang    string `json:"lang"`
	// Dimension is what the values measure ("money", "W", "percent", "count"); Unit the unit
	// the bounds are in (EUR for money).
	Dimension string `json:"dimension"`
	Unit      string `json:"unit"`
	// Why lists the words the claims share near their numbers, most shared first.
	Why []string `json:"why"`
	// Confidence is how sure the linker is that the statements that disagree state one fact,
	// from 0 to 1: the weakest of the links between them.
	Confidence float64 `json:"confidence"`
	// Gap is the largest distance between two disagreeing statements, as a fraction of the larger.
	Gap float64 `json:"gap"`
	// Mild says the statements differ only by hedges pointing opposite ways, or as roundings
	// of one figure in two articles.
	Mild bool `json:"mild"`
	// Disagreements counts the pairs of values a reader finds incompatible.
	Disagreements int `json:"disagreements"`
	// Articles counts the distinct articles stating the fact.
	Articles  int        `json:"articles"`
	Revisions []Revision `json:"revisions,omitempty"`
	// Rank orders groups: confidence times how far apart the values are.
	Rank   float64 `json:"rank"`
	Values []Value `json:"values"`
}

// StatementKey is what tells one stated value of a fact from another.
type StatementKey struct {
	unit, qualifier string
	value, valueMax float64
	hasMax, vague   bool
}

// Statement tells apart the distinct values stated of a fact: its figure as written, with its
// unit and hedge.
func Statement(c *claimwire.Claim) StatementKey {
	k := StatementKey{unit: c.Unit, qualifier: c.Qualifier, value: c.Value, vague: c.Vague}
	if c.ValueMax != nil {
		k.valueMax, k.hasMax = *c.ValueMax, true
	}
	return k
}

// misreads reports a figure written with the digits of a range's two ends, a decimal point
// between them, in the range's unit: "1.4 GW" for "1 to 4 GW", the dash of "1-4 GW" read as a
// point. One source misread the other's range: one figure, told wrong.
func (k StatementKey) misreads(r StatementKey) bool {
	if k.hasMax || !r.hasMax || k.unit != r.unit || r.value < 0 || r.value >= r.valueMax ||
		r.value != math.Trunc(r.value) || r.valueMax != math.Trunc(r.valueMax) {
		return false
	}
	return strconv.FormatFloat(k.value, 'f', -1, 64) == strconv.FormatFloat(r.value, 'f', -1, 64)+"."+strconv.FormatFloat(r.valueMax, 'f', -1, 64)
}

// misreadAcross reports either statement misreading the other's range (misreads).
func misreadAcross(a, b StatementKey) bool { return a.misreads(b) || b.misreads(a) }

// Conflicts gathers members by fact and returns the facts whose statements disagree, most
// certain and most divergent first.
func Conflicts(members []Member) []Group {
	byFact := make(map[string][]*Member)
	var order []string
	for i := range members {
		m := &members[i]
		c := m.Claim
		if m.Fact == "" || c.Unit == "" || math.IsNaN(c.Value) || math.IsInf(c.Value, 0) || durations[strings.ToLower(c.Unit)] {
			// A plan's horizon is a fact (Score links "over the next four years" and "sur
			// cinq ans"), but no fact-checker's conflict: "four years" against "five" most
			// often counts one span from two starts (2024-2028), and how long a plan runs
			// dates its figures rather than states one.
			continue
		}
		if _, ok := byFact[m.Fact]; !ok {
			order = append(order, m.Fact)
		}
		byFact[m.Fact] = append(byFact[m.Fact], m)
	}
	var out []Group
	for _, f := range order {
		if g, ok := conflict(f, byFact[f]); ok {
			out = append(out, g)
		}
	}
	slices.SortStableFunc(out, func(a, b Group) int {
		if c := cmp.Compare(b.Rank, a.Rank); c != 0 {
			return c
		}
		return cmp.Compare(a.Fact, b.Fact)
	})
	return out
}

// conflict builds the group of one fact's members, if two of its statements disagree.
func conflict(fact string, ms []*Member) (Group, bool) {
	if len(ms) < 2 {
		return Group{}, false
	}
	// Members come in the order the index returns them; reading them oldest first (then by
	// id) gives a fact the same values, sources and wording on every request.
	slices.SortFunc(ms, func(a, b *Member) int {
		if c := a.Claim.Published.Compare(b.Claim.Published); c != 0 {
			return c
		}
		return cmp.Compare(a.Claim.ID, b.Claim.ID)
	})
	g := Group{Fact: fact}
	index := make(map[StatementKey]int)
	articles := make(map[string]bool)
	why := make(map[string]int)
	best := ms[0]
	// sure holds, per value, the best link of a claim stating it: the claim that started the
	// fact is sure.
	var sure []float64
	var stating [][]Marks                    // per value, the marks of each claim stating it
	valueOf := make(map[string]int, len(ms)) // claim id → its value's index
	dated := firstDated(ms)
	for _, m := range ms {
		c := m.Claim
		dim, r, native := readValue(powerAs(reachedAs(datedAs(c, dated), m.Marks&markReached != 0), m.Marks&markPowerSlip != 0))
		g.Dimension = dim
		vk := Statement(c)
		n, ok := index[vk]
		if !ok {
			n = len(g.Values)
			index[vk] = n
			v := Value{Value: c.Value, ValueMax: c.ValueMax, Unit: c.Unit, Qualifier: c.Qualifier, Vague: c.Vague, statement: vk,
				Low: r.Lo, reading: r, native: native, currency: currencyOf(dim, c), powerSlip: m.Marks&markPowerSlip != 0}
			if bareLocalDollar(c) {
				us := *datedAs(c, dated)
				us.Unit = usDollar
				_, v.asUSD, v.asUSDNative = readValue(&us)
				v.usdToo = true
			}
			if !math.IsInf(r.Hi, 1) {
				v.High = &r.Hi
			}
			g.Values = append(g.Values, v)
			sure = append(sure, 0)
			stating = append(stating, nil)
		}
		valueOf[c.ID] = n
		AddSource(&g.Values[n].Sources, c)
		stating[n] = append(stating[n], m.Marks)
		articles[c.URL] = true
		if m.Fact == c.ID { // the claim that started the fact has no link
			sure[n] = 1
		} else {
			sure[n] = max(sure[n], m.Score)
			if best.Fact == best.Claim.ID || m.Score > best.Score {
				best = m
			}
		}
		for _, w := range m.Why {
			why[strings.ToLower(w)]++
		}
	}
	for n := range g.Values {
		g.Values[n].marks = heldByHalf(stating[n])
	}
	g.Articles = len(articles)
	g.Subject, g.Measure, g.Lang = best.Claim.Subject, best.Claim.Measure, best.Claim.Lang
	g.Unit = baseUnit(g.Dimension)
	mild := false
	edges, direct := valueEdges(ms, valueOf)
	if direct {
		edges = bridged(edges, g.Values)
	}
	// The group is as sure as the weakest link between values that disagree.
	sureDisagree, sureMild := 1.0, 1.0
	restated := restatements(g.Values)
	for i := range g.Values {
		for j := i + 1; j < len(g.Values); j++ {
			a, b := &g.Values[i], &g.Values[j]
			ra, rb := inOneUnit(a.currency, a.reading, a.native, b.currency, b.reading, b.native)
			misprinted := scaleMisprinted(ra, rb)
			if (restated[i] || restated[j]) && !misprinted && ratio(ra, rb) <= rateDrift {
				// An article's conversion of its own figure, at its writer's rate, says
				// nothing another outlet's conversion at another day's rate could contradict:
				// "£225m ($273m)" and "£225m ($302m)". Unless one side has its scale
				// misprinted: "US$4 billion (A$6.14 trillion)", or stands further off than
				// rates drift: "¥10 trillion (approximately US$87 billion)" and "$65bn".
				continue
			}
			if a.currency != b.currency && !misprinted && !mislabelled(a.reading, b.reading) && convertedAlike(g.Values, a, b) {
				// An article's own conversion of its figure ("€12 billion ($14.5bn)"), at
				// its writer's rate: one statement, not two sources disagreeing; and so are
				// the same two figures in two outlets once one gives them as one: "au moins 25
				// milliards de ringgits (5,3 milliards de dollars)" makes "RM25 billion" and
				// another's "$5.3 billion" one figure, whatever the reference rate says. Not
				// one figure mislabelled: "€15.7 billion" and "$15.7 billion".
				continue
			}
			v, gap := Compare(ra, rb)
			misread := misreadAcross(a.statement, b.statement)
			if v != Agree && agreeInUSD(a, b) {
				continue // "$13 billion" read as Australian dollars, but US ones agree with A$20 billion
			}
			// One figure written wrong (its currency, its unit, its range) is no update, however
			// long after the other it is published.
			slipped := false
			if v == Agree {
				if slip, ok := currencySlip(a, b); ok {
					v, gap, slipped = Disagree, slip, true
				}
				if a.powerSlip != b.powerSlip {
					// "150 MWh" and "150 MW": one source wrote an energy for the power, and
					// no conversion bridges the two units.
					v, gap, slipped = Disagree, 1, true
				}
				if misread {
					// "1.4 GW" for "1 to 4 GW": within the range, and still a misreading.
					v, gap, slipped = Disagree, math.Abs(ra.Point-rb.Point)/max(math.Abs(ra.Point), math.Abs(rb.Point)), true
				}
			}
			hedged := false
			if v == Agree {
				if roundedApart(a, b, ra, rb) {
					v = Mild
				} else if hedgedApart(a, b, ra, rb) {
					v, hedged = Mild, true
				}
			}
			if v != Agree && !slipped && !statedTogether(a, b) {
				continue
			}
			if v == Disagree && apartAs(a.marks, b.marks) && !overWhole(a.marks, b.marks, ra, rb) && !scaleSlip(ra, rb) && !misread && !recounted(g.Dimension, ra, rb) &&
				!(misprinted && direct && edges[[2]int{i, j}] > 0) {
				// An addition and a total, a part and its whole, a past value and today's: two
				// facts, as the linker reads them, once any source marks a value as one. Not a
				// figure misprinted or misread, whatever its outlet calls it: a division's "43,7
				// milliards" and "437 milliards" of its revenue, or "43 milliards" and "430
				// milliards" the linker linked one to the other. Nor one count recounted.
				continue
			}
			pairSure := min(sure[i], sure[j])
			if direct {
				// Two values disagree when a claim of one linked to a claim of the other (or
				// to one standing for it, bridged): the linker compared them. Values chained
				// through a third were not ("+65 %" linked to "62 %", "+66 %" to "62 %").
				if pairSure = edges[[2]int{i, j}]; pairSure == 0 {
					continue
				}
			}
			if hedged && pairSure < sureHedgedApart {
				continue
			}
			switch v {
			case Disagree:
				sureDisagree = min(sureDisagree, pairSure)
				g.Disagreements++
				g.Gap = max(g.Gap, gap)
				g.Revisions = appendRevisions(g.Revisions, &g.Values[i], &g.Values[j])
			case Mild:
				mild = true
				sureMild = min(sureMild, pairSure)
			}
		}
	}
	if g.Disagreements == 0 && !mild {
		return Group{}, false
	}
	g.Mild = g.Disagreements == 0
	g.Confidence = sureDisagree
	if g.Mild {
		g.Confidence = sureMild
	}
	g.Why = topWords(why)
	slices.SortStableFunc(g.Values, func(a, b Value) int { return cmp.Compare(a.reading.Point, b.reading.Point) })
	// A gap of a quarter counts fully: beyond it every reader sees two different figures.
	g.Rank = g.Confidence * (0.25 + 0.75*min(1, g.Gap*4))
	if g.Mild {
		g.Rank *= 0.25
	}
	return g, true
}

// overWhole reports two figures told apart only by one being called a total, the other over
// it but by less than overWholeReach: no part of that whole, as partOfTotal reads them, but
// the same count told two ways ("a total of 1,400 employees" and "around 1,700 jobs"). Far
// over it, the other counts something larger: "more than 100,000 chips" in each gigafactory
// and the "more than 40,000 accelerators" two supercomputers hold together.
func overWhole(a, b Marks, ra, rb Reading) bool {
	if (a^b)&apartMarks != markWhole {
		return false
	}
	if b&markWhole != 0 {
		ra, rb = rb, ra
	}
	return rb.Point > ra.Point && ratio(ra, rb) < overWholeReach
}

// overWholeReach bounds how far over a total another source's figure of it may stand.
const overWholeReach = 2

// roundedApart reports two statements hedged alike (both exact, both "up to") whose figures
// agree only as roundings of one another, in two articles: "16.97%" and "17%", "1.85 billion
// gallons" and "7 billion litres". A reader sees two figures, mildly apart. Not one article's
// headline rounding its body ("$44bn", "$44.06 billion"), nor two currencies, whose conversion
// at a day's rate says nothing of rounding.
func roundedApart(a, b *Value, ra, rb Reading) bool {
	return a.currency == b.currency && a.Qualifier == b.Qualifier && twoFiguresOfTwoArticles(a, b, ra, rb)
}

// twoFiguresOfTwoArticles reports two statements of two articles, neither vague, whose figures
// differ: what a mild group is made of.
func twoFiguresOfTwoArticles(a, b *Value, ra, rb Reading) bool {
	return !a.Vague && !b.Vague && !oneArticleStates(a, b) &&
		math.Abs(ra.Point-rb.Point) > relEpsilon*max(math.Abs(ra.Point), math.Abs(rb.Point))
}

// hedgedApart reports, in two articles, a floor and a figure of the same unit past it ("more
// than 800 MW" and "835 MW", "more than 60%" and a peak of 68%), or an approximate figure and
// another exact one ("about $45 billion" and "$44 billion", "about 17%" and "16.97%", as two
// articles rounding one figure apart do: roundedApart). Both may be true, and still a
// reader sees two figures, mildly apart. Not a hedge of the other's own figure: "plus de 100
// 000" and "100 000" agree. Nor a ceiling and a figure under it: "up to $50 billion" allows
// many sums ("up to 10%" of a stake, "8%") and says nothing of any.
func hedgedApart(a, b *Value, ra, rb Reading) bool {
	approx := a.Qualifier == claimwire.QualifierApprox && b.Qualifier == claimwire.QualifierExact ||
		b.Qualifier == claimwire.QualifierApprox && a.Qualifier == claimwire.QualifierExact
	lower := ra
	if rb.Point < ra.Point {
		lower = rb
	}
	return (lower.Floor || approx) && a.Unit == b.Unit && twoFiguresOfTwoArticles(a, b, ra, rb)
}

// sureHedgedApart is how sure the link between a hedge and a figure past its bound must be for
// the two to show as mildly apart: the hedge allows the figure, so only a link surer than
// the join's says they are one fact's two figures.
const sureHedgedApart = 0.4

// rateDrift bounds how far apart two conversions of one figure, at two days' rates, may stand.
const rateDrift = 1.25

// heldByHalf returns the marks at least half of marks hold.
func heldByHalf(marks []Marks) Marks {
	var out Marks
	for bit := Marks(1); bit != 0; bit <<= 1 {
		n := 0
		for _, m := range marks {
			if m&bit != 0 {
				n++
			}
		}
		if n > 0 && 2*n >= len(marks) {
			out |= bit
		}
	}
	return out
}

// firstDated returns the earliest publication date of ms (sorted oldest first), zero when none
// is dated.
func firstDated(ms []*Member) time.Time {
	for _, m := range ms {
		if !m.Claim.Published.IsZero() {
			return m.Claim.Published
		}
	}
	return time.Time{}
}

// datedAs returns c, or, when c's article gives no date, a copy dated as the fact's first dated
// claim: an amount in another currency converts at the rate of the story it belongs to, not of
// the latest month ("26 trillion won" of a May 2024 package against its "$19.05 billion").
func datedAs(c *claimwire.Claim, dated time.Time) *claimwire.Claim {
	if !c.Published.IsZero() || dated.IsZero() {
		return c
	}
	d := *c
	d.Published = dated
	return &d
}

// valueEdges returns, for each pair of values (lower index first), the best link a claim of one
// made to a claim of the other; direct is false when a claim does not name the claim it linked
// to among ms (linked before links named their claim, or to a claim since gone), and the edges
// then say too little to go by.
func valueEdges(ms []*Member, valueOf map[string]int) (edges map[[2]int]float64, direct bool) {
	edges = make(map[[2]int]float64)
	for _, m := range ms {
		if m.Fact == m.Claim.ID {
			continue // the claim that started the fact linked to none
		}
		to, ok := valueOf[m.Via]
		if m.Via == "" || !ok {
			return nil, false
		}
		from := valueOf[m.Claim.ID]
		if from == to {
			continue
		}
		k := [2]int{min(from, to), max(from, to)}
		edges[k] = max(edges[k], m.Score)
	}
	return edges, true
}

// bridged adds to edges the pairs of values linked through a third giving one of them's figure
// and disagreeing with the other: "200 000 GPU" linked to one outlet's "100 000 GPU", the
// figure of another's "100,000 accelerators". Through a value agreeing with both only when
// both links are sure (chainBar): "up to $50 billion" allows $38 billion, which by itself says
// nothing of $38 billion against $50 billion, but "3.06%" and "3.5%" each surely linked to
// "more than 3%" are two outlets' figures of one move. The pair is as sure as the weaker of
// the two links. Edges are few (a claim makes one), so the
// pairs are read around each value rather than among all triples.
func bridged(edges map[[2]int]float64, values []Value) map[[2]int]float64 {
	type link struct {
		to    int
		score float64
	}
	around := make([][]link, len(values))
	for k, s := range edges {
		around[k[0]] = append(around[k[0]], link{k[1], s})
		around[k[1]] = append(around[k[1]], link{k[0], s})
	}
	out := maps.Clone(edges)
	for k, links := range around {
		for x, a := range links {
			for _, b := range links[x+1:] {
				key := [2]int{min(a.to, b.to), max(a.to, b.to)}
				via := min(a.score, b.score)
				if via > out[key] && (standsFor(&values[k], &values[a.to], &values[b.to]) || standsFor(&values[k], &values[b.to], &values[a.to]) ||
					via >= chainBar(&values[k]) && agrees(&values[k], &values[a.to]) && agrees(&values[k], &values[b.to])) {
					out[key] = via
				}
			}
		}
	}
	return out
}

// sureChain is how sure both links through a value agreeing with two others must be for the
// two to be compared: then the claims' words and stories, not only the agreeing value, made
// them one fact. "3.06%" and "3.5%" each linked to "more than 3%", "roughly 4%" and "5%" to
// "exceeding 4%", are two outlets' figures of one stake.
const sureChain = 0.5

// sureCeilingChain is sureChain through a ceiling: "up to $50 billion" allows every sum under
// it, so only surer links make "$38 billion" and "$50 billion" one fact's two figures.
const sureCeilingChain = 0.6

// chainBar is how sure both links through v must be (sureChain, sureCeilingChain).
func chainBar(v *Value) float64 {
	if v.reading.Ceiling {
		return sureCeilingChain
	}
	return sureChain
}

// Varies reports whether a link of score between a and b lets the values of their fact
// disagree, in a conflict group (conflict): a fact none of whose links varies cannot, and the
// index reads the claims of the others alone. The values of a fact disagree only where a link
// joins them (valueEdges) or bridges them (bridged): through a link joining two values that
// do not agree, or two sure links joining values that do. Amounts in two currencies are
// compared at rates of the dates the group reads them at, so any such link varies.
func Varies(a, b *Signature, score float64) bool {
	if a.statement == b.statement {
		return false
	}
	if a.Currency != b.Currency || score >= sureChain {
		return true
	}
	v, _ := Compare(readings(a, b))
	return v != Agree
}

// agrees reports whether a reader finds two values compatible.
func agrees(a, b *Value) bool {
	v, _ := Compare(inOneUnit(a.currency, a.reading, a.native, b.currency, b.reading, b.native))
	return v == Agree
}

// standsFor reports whether value k gives v's figure, however worded, and disagrees with o: the
// linker's comparison of k with o is one of v with o.
func standsFor(k, v, o *Value) bool {
	if !samePoint(inOneUnit(k.currency, k.reading, k.native, v.currency, v.reading, v.native)) {
		return false
	}
	verdict, _ := Compare(inOneUnit(k.currency, k.reading, k.native, o.currency, o.reading, o.native))
	return verdict != Agree
}

// updateSpan is how far apart in time two statements of a fact may be published and still
// disagree. A year apart, the later is most often the figure updated, not contradicted: a
// company's total investment in a country in 2018 and in 2025, a site's headcount. Within a
// year, a revised forecast is still a disagreement a fact-checker wants shown (a capex guidance
// of January against October's).
const updateSpan = 365 * 24 * time.Hour

// bareLocalDollar reports a local dollar (Canadian, Australian…) the claim writes with a bare
// "$" or "dollars": the extractor read it from the site or the story, and the writer may have
// meant US dollars.
func bareLocalDollar(c *claimwire.Claim) bool {
	if !claimwire.IsLocalDollar(c.Unit) || strings.Contains(c.Surface, c.Unit) {
		return false
	}
	if strings.IndexByte(c.Surface, '$') >= 0 {
		return claimwire.BareDollar(c.Surface)
	}
	lower := strings.ToLower(c.Surface)
	return strings.HasSuffix(lower, "dollars") || strings.HasSuffix(lower, "dollar")
}

// usDollar is what a bare "$" means but on sites and in stories of another dollar.
const usDollar = "USD"

// agreeInUSD reports two values that agree once a bare local dollar among them is read as the
// US dollar.
func agreeInUSD(a, b *Value) bool {
	if !a.usdToo && !b.usdToo {
		return false
	}
	type reading struct {
		currency        string
		reading, native Reading
	}
	as, bs := []reading{{a.currency, a.reading, a.native}}, []reading{{b.currency, b.reading, b.native}}
	if a.usdToo {
		as = append(as, reading{usDollar, a.asUSD, a.asUSDNative})
	}
	if b.usdToo {
		bs = append(bs, reading{usDollar, b.asUSD, b.asUSDNative})
	}
	for _, x := range as {
		for _, y := range bs {
			if v, _ := Compare(inOneUnit(x.currency, x.reading, x.native, y.currency, y.reading, y.native)); v == Agree {
				return true
			}
		}
	}
	return false
}

// currencySlip reports one figure written in two currencies that are not at par: "près de 6
// milliards d'euros" and "$6 billion", which a hedge's latitude would otherwise let agree. One
// source has the currency wrong. It returns the gap between the two converted figures.
func currencySlip(a, b *Value) (float64, bool) {
	if a.currency == "" || b.currency == "" || a.currency == b.currency || a.native.Point != b.native.Point {
		return 0, false
	}
	hi := max(math.Abs(a.reading.Point), math.Abs(b.reading.Point))
	gap := math.Abs(a.reading.Point-b.reading.Point) / hi
	return gap, hi > 0 && gap > currencyTolerance
}

// scaleMisprinted reports two readings of one figure in one unit ten, a thousand or a million
// times apart, give or take the rates and rounding of a conversion (restatedRatio): a scale
// misprinted, "US$4 billion (A$6.14 trillion)", "1.6 trillion yen ($100 billion)". A figure
// read with no scale word at all ("$2 bilion", read as $2) stands further apart.
func scaleMisprinted(a, b Reading) bool {
	r := ratio(a, b)
	for _, f := range slipFactors {
		if r <= f*restatedRatio && r >= f/restatedRatio {
			return true
		}
	}
	return false
}

// restatements marks the values that every article stating them gives only as the conversion
// of another of the fact's values into their currency, right after it in one sentence.
func restatements(values []Value) []bool {
	out := make([]bool, len(values))
	for i := range values {
		v := &values[i]
		out[i] = v.currency != "" && len(v.Sources) > 0 && !slices.ContainsFunc(v.Sources, func(s Source) bool {
			return !convertedFrom(values, v.currency, s)
		})
	}
	return out
}

// convertedFrom reports whether src states a figure of a value in another currency than cur
// and, right after it, its own as that figure's conversion.
func convertedFrom(values []Value, cur string, src Source) bool {
	for _, o := range values {
		if o.currency == "" || o.currency == cur {
			continue
		}
		for _, os := range o.Sources {
			if os.URL == src.URL && os.Sentence == src.Sentence &&
				restates(src.Sentence, os.SentenceOffset+len(os.Surface), src.SentenceOffset) {
				return true
			}
		}
	}
	return false
}

// statedTogether reports whether two values have sources published within updateSpan of each
// other, or one of unknown date.
func statedTogether(a, b *Value) bool {
	for _, sa := range a.Sources {
		for _, sb := range b.Sources {
			if sa.Published.IsZero() || sb.Published.IsZero() || sa.Published.Sub(sb.Published).Abs() <= updateSpan {
				return true
			}
		}
	}
	return false
}

// convertedAlike reports whether one article states both a's figure in a's currency and b's in
// b's, as two values of values (one being a or b, or each a value of the same figure).
func convertedAlike(values []Value, a, b *Value) bool {
	for i := range values {
		x := &values[i]
		if x.currency != a.currency || x.native.Point != a.native.Point {
			continue
		}
		for j := range values {
			y := &values[j]
			if y.currency == b.currency && y.native.Point == b.native.Point && oneArticleStates(x, y) {
				return true
			}
		}
	}
	return false
}

// oneArticleStates reports whether an article is among the sources of both values.
func oneArticleStates(a, b *Value) bool {
	return slices.ContainsFunc(a.Sources, func(s Source) bool {
		return slices.ContainsFunc(b.Sources, func(o Source) bool { return o.URL == s.URL })
	})
}

// AddSource adds c's article to a value's sources once: an article stating a value in its
// headline and again in its body is one source, shown by the body's sentence, which says more.
func AddSource(sources *[]Source, c *claimwire.Claim) {
	src := Source{ID: c.ID, URL: c.URL, Title: c.Title, Site: c.Site, Published: c.Published, Lang: c.Lang,
		Surface: c.Surface, Sentence: c.Sentence, SentenceOffset: c.SentenceOffset, Subject: c.Subject, Measure: c.Measure}
	i := slices.IndexFunc(*sources, func(s Source) bool { return s.URL == c.URL })
	if i < 0 {
		*sources = append(*sources, src)
		return
	}
	if IsHeadline((*sources)[i].Sentence, (*sources)[i].Title) && !IsHeadline(src.Sentence, src.Title) {
		(*sources)[i] = src
	}
}

// IsHeadline reports whether a claim's sentence is its article's headline, which the extractor
// reads before the body.
func IsHeadline(sentence, title string) bool {
	return title != "" && strings.TrimSpace(sentence) == strings.TrimSpace(title)
}

// appendRevisions records each outlet stating both values in articles of different dates, the
// earlier value first.
func appendRevisions(rs []Revision, a, b *Value) []Revision {
	for _, sa := range a.Sources {
		for _, sb := range b.Sources {
			if sa.Site != sb.Site || sa.Site == "" || sa.Published.IsZero() || sb.Published.IsZero() ||
				sa.Published.Equal(sb.Published) {
				continue
			}
			r := Revision{Site: sa.Site, From: a.Value, To: b.Value, FromURL: sa.URL, ToURL: sb.URL}
			if sb.Published.Before(sa.Published) {
				r = Revision{Site: sa.Site, From: b.Value, To: a.Value, FromURL: sb.URL, ToURL: sa.URL}
			}
			rs = append(rs, r)
		}
	}
	return rs
}

// topWords returns the most frequent words, at most sharedShown.
func topWords(counts map[string]int) []string {
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return words[:min(len(words), sharedShown)]
}

// baseUnit is the unit a dimension's bounds are given in.
func baseUnit(dim string) string {
	switch dim {
	case dimMoney:
		return claimwire.BaseCurrency
	case dimCount:
		return "count"
	}
	return dim
}
