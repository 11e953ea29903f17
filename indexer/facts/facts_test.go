package facts

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/claimwire/claimwire"
)

// wordLexicon is a test lexicon: every word of letters (and digits after one), lower-cased, is
// its own key, except the pairs of translations below, which share one.
type wordLexicon struct{}

var testTranslations = map[string]string{"capacité": "capacity", "centrale": "plant", "propositions": "proposals",
	"norway": "~norway", "norvège": "~norway", "chips": "~chip", "chip": "~chip"}

// testMeasures name what a number next to these words measures.
var testMeasures = map[string]string{"valuation": "valuation", "round": "funding round", "aid": "subsidy", "investment": "investment",
	"revenue": "revenue", "supply": "supply", "rent": "price", "acquire": "acquisition", "raised": "funding round",
	"debt": "funding round/debt", "equity": "funding round/equity", "charge": "charge", "income": "profit",
	"earnings": "earnings per share", "exploitation": "operating profit", "stake": "share", "area": "area", "surface": "area",
	"sales": "revenue", "jobs": "jobs", "capacity": "capacity"}

// testCountries are the countries of the places these words name.
var testCountries = map[string]string{"pennsylvania": "us", "texas": "us", "alsace": "france", "france": "france", "spain": "spain", "~norway": "~norway",
	"brussels": "belgium"}

// testBodies are the bodies these capitals' names stand for when they act.
var testBodies = map[string]string{"brussels": "commission"}

// testDirections say which way a number next to these words moved something.
var testDirections = map[string]int{"gained": 1, "rose": 1, "grew": 1, "grown": 1, "increase": 1, "hausse": 1, "dropped": -1, "fell": -1, "reduced": -1,
	"bondi": 1, "jumped": 1, "soared": 1, "surged": 1, "plongé": -1}

func (wordLexicon) Terms(_, text string) []Term {
	var out []Term
	start := -1
	for i, r := range text + " " {
		letter := unicode.IsLetter(r) || start >= 0 && unicode.IsDigit(r) // "h100" is a word
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			w := strings.ToLower(text[start:i])
			if len(w) > 2 {
				if t, ok := testTranslations[w]; ok {
					w = t
				}
				out = append(out, Term{Key: w, Start: start, End: i, Measure: testMeasures[w], Increment: w == "another" || w == "more" || w == "adding" || w == "supplémentaires",
					Direction: testDirections[w], Country: testCountries[w], StandsFor: testBodies[w]})
			}
			start = -1
		}
	}
	return out
}

func (wordLexicon) Rarity(string) float64 { return 1 }

func f(v float64) *float64 { return &v }

// TestCompare holds the rules of disagreement as a reader sees them.
func TestCompare(t *testing.T) {
	type stmt struct {
		v    float64
		vmax *float64
		q    string
	}
	tests := []struct {
		name string
		a, b stmt
		want Verdict
	}{
		{"more than 60 vs more than 120", stmt{60, nil, "more_than"}, stmt{120, nil, "more_than"}, Disagree},
		{"plus de 100 000 vs 100 000", stmt{100000, nil, "more_than"}, stmt{100000, nil, "exact"}, Agree},
		{"quatre ou cinq vs cinq", stmt{4, f(5), "range"}, stmt{5, nil, "exact"}, Agree},
		{"up to 100,000 vs at least 100,000", stmt{100000, nil, "up_to"}, stmt{100000, nil, "at_least"}, Mild},
		{"up to 16,000 vs 16,384 (a bound is rounded too)", stmt{16000, nil, "up_to"}, stmt{16384, nil, "exact"}, Agree},
		{"up to 16,000 vs 16,500", stmt{16000, nil, "up_to"}, stmt{16500, nil, "exact"}, Disagree},
		{"more than 16,000 vs 15,900", stmt{16000, nil, "more_than"}, stmt{15900, nil, "exact"}, Agree},
		{"up to 16,000 vs more than 15,900", stmt{16000, nil, "up_to"}, stmt{15900, nil, "more_than"}, Agree},
		{"more than 800 vs 835", stmt{800, nil, "more_than"}, stmt{835, nil, "exact"}, Agree},
		{"835 vs 837", stmt{835, nil, "exact"}, stmt{837, nil, "exact"}, Disagree},
		{"67 vs 68 (roundings that only touch)", stmt{67, nil, "exact"}, stmt{68, nil, "exact"}, Disagree},
		{"1.5 vs 1.6", stmt{1.5, nil, "exact"}, stmt{1.6, nil, "exact"}, Disagree},
		{"2.5 vs 2.475 (rounding)", stmt{2.5, nil, "exact"}, stmt{2.475, nil, "exact"}, Agree},
		{"10 vs 9.9 (rounding of a round figure)", stmt{10, nil, "exact"}, stmt{9.9, nil, "exact"}, Agree},
		{"10 vs 10.5", stmt{10, nil, "exact"}, stmt{10.5, nil, "exact"}, Disagree},
		{"about 1,100 vs 1,121", stmt{1100, nil, "approx"}, stmt{1121, nil, "exact"}, Agree},
		{"about 4 vs 4.4", stmt{4, nil, "approx"}, stmt{4.4, nil, "exact"}, Agree},
		{"about 4 vs 4.5", stmt{4, nil, "approx"}, stmt{4.5, nil, "exact"}, Disagree},
		{"about 415 vs 460 (about a precise figure)", stmt{415, nil, "approx"}, stmt{460, nil, "exact"}, Disagree},
		{"about 14.3 vs 14.8 (about a precise figure)", stmt{14.3, nil, "approx"}, stmt{14.8, nil, "exact"}, Disagree},
		{"about 14.3 vs 14.6", stmt{14.3, nil, "approx"}, stmt{14.6, nil, "exact"}, Agree},
		{"about 70 vs 76", stmt{70, nil, "approx"}, stmt{76, nil, "exact"}, Disagree},
		{"about 1 vs 1.08 (about a round figure)", stmt{1, nil, "approx"}, stmt{1.08, nil, "exact"}, Agree},
		{"about 6.2 vs 6", stmt{6.2, nil, "approx"}, stmt{6, nil, "exact"}, Agree},
		{"76 vs more than 160", stmt{76, nil, "exact"}, stmt{160, nil, "more_than"}, Disagree},
		{"up to 12 vs 6.7 to 12", stmt{12, nil, "up_to"}, stmt{6.7, f(12), "range"}, Agree},
		{"1 to 4 vs 1.4", stmt{1, f(4), "range"}, stmt{1.4, nil, "exact"}, Agree},
		{"more than 100 vs 160", stmt{100, nil, "more_than"}, stmt{160, nil, "exact"}, Disagree},
		{"more than a dozen vs 16", stmt{12, nil, "more_than"}, stmt{16, nil, "exact"}, Agree},
		{"up to 2,000 vs up to 4,000", stmt{2000, nil, "up_to"}, stmt{4000, nil, "up_to"}, Disagree},
		{"more than 250 vs more than 300", stmt{250, nil, "more_than"}, stmt{300, nil, "more_than"}, Disagree},
		{"at least 70 vs more than 70", stmt{70, nil, "at_least"}, stmt{70, nil, "more_than"}, Agree},
		{"more than 100 vs more than 102", stmt{100, nil, "more_than"}, stmt{102, nil, "more_than"}, Agree},
		{"up to 450 million vs up to 458 million (two ceilings written)", stmt{450e6, nil, "up_to"}, stmt{458e6, nil, "up_to"}, Disagree},
		{"more than 6.5 billion vs more than 6.52 billion (a rounding)", stmt{6.5e9, nil, "more_than"}, stmt{6.52e9, nil, "more_than"}, Agree},
		{"nearly 15 vs 16", stmt{15, nil, "nearly"}, stmt{16, nil, "exact"}, Disagree},
		{"nearly 13,000 vs 13,250 (the figure rounded)", stmt{13000, nil, "nearly"}, stmt{13250, nil, "exact"}, Agree},
		{"nearly 13,000 vs 13,500", stmt{13000, nil, "nearly"}, stmt{13500, nil, "exact"}, Disagree},
		{"nearly 600 vs 593", stmt{600, nil, "nearly"}, stmt{593, nil, "exact"}, Agree},
		{"nearly 590 vs 589", stmt{590, nil, "nearly"}, stmt{589, nil, "exact"}, Agree},
		{"nearly 30 vs 27, a round figure", stmt{30, nil, "nearly"}, stmt{27, nil, "exact"}, Disagree},
		{"nearly 10 billion vs 9.9 billion", stmt{10e9, nil, "nearly"}, stmt{9.9e9, nil, "exact"}, Agree},
		{"6.1 vs 6.165 (shortened)", stmt{6.1, nil, "exact"}, stmt{6.165, nil, "exact"}, Agree},
		{"15.2 vs 15.28 (shortened)", stmt{15.2, nil, "exact"}, stmt{15.28, nil, "exact"}, Agree},
		{"150 vs 157 (too far to be shortened)", stmt{150, nil, "exact"}, stmt{157, nil, "exact"}, Disagree},
		{"15.2 vs 15.31 (another figure)", stmt{15.2, nil, "exact"}, stmt{15.31, nil, "exact"}, Disagree},
		{"nearly 15 vs about 15", stmt{15, nil, "nearly"}, stmt{15, nil, "approx"}, Agree},
		// A figure of every digit a float holds (29 × 0.1) is read with no rounding at all: its
		// reading is a point, which agrees with itself and with readings starting from it.
		{"2.9000000000000004 vs itself", stmt{2.9000000000000004, nil, "exact"}, stmt{2.9000000000000004, nil, "exact"}, Agree},
		{"2.9000000000000004 vs 2.9000000000000004 to 4", stmt{2.9000000000000004, nil, "exact"}, stmt{2.9000000000000004, f(4), "range"}, Agree},
		{"2.9000000000000004 vs at least it", stmt{2.9000000000000004, nil, "exact"}, stmt{2.9000000000000004, nil, "at_least"}, Agree},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Read(tt.a.v, tt.a.vmax, tt.a.q, false)
			b := Read(tt.b.v, tt.b.vmax, tt.b.q, false)
			got, gap := Compare(a, b)
			if got != tt.want {
				t.Errorf("Compare = %v (gap %.3f), want %v; readings %+v %+v", got, gap, tt.want, a, b)
			}
			if back, _ := Compare(b, a); back != got {
				t.Errorf("Compare is not symmetric: %v one way, %v the other", got, back)
			}
			if (got == Disagree) != (gap > 0) {
				t.Errorf("gap %.3f with verdict %v", gap, got)
			}
		})
	}
}

// TestVaries: a link lets its fact's values disagree when it joins two values that do not
// agree, two in different currencies, or two that agree through a sure link (which may bridge
// two others); not when it joins one value written again, or agreeing values loosely.
func TestVaries(t *testing.T) {
	stated := func(v float64, unit, q string) *Signature {
		return signature(claim("x", "https://x.example/1", "en", "Orbis plans a campus.", "", v, unit, q))
	}
	tests := []struct {
		name  string
		a, b  *Signature
		score float64
		want  bool
	}{
		{"76 and 76", stated(76, "proposals", "exact"), stated(76, "proposals", "exact"), 0.9, false},
		{"76 and more than 160", stated(76, "proposals", "exact"), stated(160, "proposals", "more_than"), 0.4, true},
		{"1.4 GW and 1,400 MW, loosely", stated(1.4, "GW", "exact"), stated(1400, "MW", "exact"), 0.4, false},
		{"1.4 GW and 1,400 MW, surely", stated(1.4, "GW", "exact"), stated(1400, "MW", "exact"), 0.7, true},
		{"up to 100,000 and at least 100,000", stated(100000, "chips", "up_to"), stated(100000, "chips", "at_least"), 0.4, true},
		{"€5 billion and $5.4 billion", stated(5e9, "EUR", "exact"), stated(5.4e9, "USD", "exact"), 0.4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Varies(tt.a, tt.b, tt.score); got != tt.want {
				t.Errorf("Varies = %v, want %v", got, tt.want)
			}
			if back := Varies(tt.b, tt.a, tt.score); back != tt.want {
				t.Errorf("Varies the other way = %v, want %v", back, tt.want)
			}
		})
	}
}

// TestNearlyHedged reads "nearly", "près de" and the like as a hedge from below, reaching over
// the figure only by its rounding, and "about" as one either way.
func TestNearlyHedged(t *testing.T) {
	for surface, want := range map[string]bool{
		"près de 15 millions d'euros": true, "Nearly $600 billion": true, "presque 30 %": true, "close to 15 million": true,
		"about $600 billion": false, "environ 15 millions": false, "près de": false,
	} {
		c := claim("x", "", "fr", surface, surface, 15e6, "EUR", "approx")
		_, _, native := readValue(&c)
		if got := native.Hi == 15e6+rounding(15e6); got != want {
			t.Errorf("%q: read up to %g, hedged from below %v, want %v", surface, native.Hi, got, want)
		}
	}
}

func claim(id, url, lang, sentence, surface string, value float64, unit, qualifier string) claimwire.Claim {
	return claimwire.Claim{ID: id, URL: url, Title: "", Quantity: claimwire.Quantity{
		Surface: surface, Value: value, Unit: unit, Qualifier: qualifier, Sentence: sentence, Lang: lang,
	}, Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
}

// located gives c its surface's offset in its sentence, as the extractor does: what tells two
// figures of one sentence apart.
func located(c claimwire.Claim) claimwire.Claim {
	c.SentenceOffset = strings.Index(c.Sentence, c.Surface)
	return c
}

// subjectOf gives c the subject the extractor would read.
func subjectOf(c claimwire.Claim, subject string) claimwire.Claim {
	c.Subject = subject
	return c
}

func signature(c claimwire.Claim, topic ...string) *Signature {
	s := NewSignature(&c, wordLexicon{}, Story{Topic: topic})
	return &s
}

// signatureOf reads a claim of its own article (https://id.example/1), stated exactly.
func signatureOf(id, lang, sentence, surface string, v float64, unit string) *Signature {
	return signature(claim(id, "https://"+id+".example/1", lang, sentence, surface, v, unit, "exact"))
}

// exactSignature reads an English claim of its own article (https://id.example/1), stated
// exactly, in an article on topic.
func exactSignature(id, sentence, surface string, v float64, unit string, topic ...string) *Signature {
	return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, "exact"), topic...)
}

// publishedSignature is the signature of an English claim of its own site, published then, in
// an article on topic.
func publishedSignature(id, sentence, surface string, v float64, unit, qualifier string, published time.Time, topic ...string) *Signature {
	c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, qualifier)
	c.Published = published
	return signature(c, topic...)
}

// statedIn returns a reader of English claims stated exactly in unit, in articles on topic.
func statedIn(unit string, topic ...string) func(id, url, sentence, surface string, v float64) *Signature {
	return func(id, url, sentence, surface string, v float64) *Signature {
		return signature(claim(id, url, "en", sentence, surface, v, unit, "exact"), topic...)
	}
}

// wantApart fails t when Score links a and b, two facts described by what.
func wantApart(t *testing.T, a, b *Signature, what string) {
	t.Helper()
	if l := Score(a, b); l.Score >= LinkMinScore {
		t.Errorf("%s linked: %.3f %v", what, l.Score, l.Shared)
	}
}

// wantLinked fails t when Score does not link a and b, one fact described by what.
func wantLinked(t *testing.T, a, b *Signature, what string) {
	t.Helper()
	if l := Score(a, b); l.Score < LinkMinScore {
		t.Errorf("%s not linked: %.3f %v", what, l.Score, l.Shared)
	}
}

// TestScore checks that the same fact told by two outlets, in two languages and two units,
// links, and that figures about other things do not.
func TestScore(t *testing.T) {
	plant := []string{"crane", "constellation"}
	a := signature(claim("a", "https://a.example/1", "en",
		"The Crane plant will supply a capacity of 835 MW to Constellation's grid.", "835 MW", 835, "MW", "exact"), plant...)
	tests := []struct {
		name string
		b    *Signature
		link bool
	}{
		{"same fact, other outlet, other language and unit", signature(claim("b", "https://b.example/2", "fr",
			"La centrale Crane offrira une capacité de 0,837 GW au réseau de Constellation.", "0,837 GW", 0.837, "GW", "exact"), plant...), true},
		{"other dimension", signature(claim("c", "https://b.example/2", "en",
			"The Crane plant will supply 835 MWh a day to Constellation's grid.", "835 MWh", 835, "MWh", "exact"), plant...), false},
		// A capacity has no duration: its energy unit is a slip, the figure the plant's power.
		{"a power written as an energy", signature(claim("c", "https://b.example/2", "en",
			"The Crane plant will supply a capacity of 835 MWh to Constellation's grid.", "835 MWh", 835, "MWh", "exact"), plant...), true},
		{"other story, other words", signature(claim("d", "https://c.example/3", "en",
			"A wind farm off the coast of Scotland adds 820 MW to the market.", "820 MW", 820, "MW", "exact"), "scotland"), false},
		{"same article, other figure", signature(claim("e", "https://a.example/1", "en",
			"The Crane plant will supply a capacity of 819 MW to Constellation's grid.", "819 MW", 819, "MW", "exact"), plant...), false},
		{"same article, same figure again", signature(claim("f", "https://a.example/1", "en",
			"Crane plant capacity: 835 MW for Constellation.", "835 MW", 835, "MW", "exact"), plant...), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Score(a, tt.b)
			if (l.Score >= LinkMinScore) != tt.link {
				t.Errorf("Score = %.3f (shared %v), want link %v", l.Score, l.Shared, tt.link)
			}
		})
	}
}

// TestScoreSubjects keeps apart two companies' figures for one measure, told in one story,
// and links one company's figure told by two outlets.
func TestScoreSubjects(t *testing.T) {
	topic := []string{"meta", "microsoft", "alphabet"}
	of := func(id, url, subject, sentence, surface string, v float64) *Signature {
		c := claim(id, url, "en", sentence, surface, v, "USD", "exact")
		c.Subject, c.Measure = subject, "capital expenditures"
		return signature(c, topic...)
	}
	meta := of("a", "https://a.example/1", "Meta", "Meta expects capital expenditures of $70 billion this year.", "$70 billion", 70e9)
	metaAgain := of("b", "https://b.example/2", "Meta", "Capital expenditures at Meta should reach $72 billion this year.", "$72 billion", 72e9)
	microsoft := of("c", "https://b.example/2", "Microsoft", "Capital expenditures at Microsoft, mostly for data centres, came to $64.5 billion.", "$64.5 billion", 64.5e9)
	wantApart(t, meta, microsoft, "Meta's and Microsoft's capex")
	wantLinked(t, meta, metaAgain, "Meta's capex told twice")
	// One uncommon figure of one thing named two ways by two outlets.
	colossus := claim("d", "https://d.example/1", "en", "Colossus draws 150 MW at its peak, the utility said.", "150 MW", 150, "MW", "exact")
	colossus.Subject = "Colossus"
	supercomputer := claim("e", "https://e.example/1", "en", "Musk's supercomputer in Memphis needs 150 MW.", "150 MW", 150, "MW", "exact")
	supercomputer.Subject = "Musk's supercomputer"
	wantLinked(t, signature(colossus, "memphis"), signature(supercomputer, "memphis"), "one figure of one thing named two ways")
	// An uncommon figure and a round one it rounds to are not one figure written twice: two
	// companies' spending, in sentences sharing no word, stays apart.
	upTo := subjectOf(claim("f", "https://f.example/1", "en", "Meta plans up to $48bn.", "up to $48bn", 48e9, "USD", "up_to"), "Meta")
	spent := subjectOf(claim("g", "https://g.example/1", "en", "Microsoft spent $47.6bn.", "$47.6bn", 47.6e9, "USD", "exact"), "Microsoft")
	wantApart(t, signature(spent, "microsoft", "azure"), signature(upTo, "meta", "llama"), "Microsoft's $47.6bn and Meta's up to $48bn")
	// A story headlined on one startup giving a rival's round in passing: the headline speaks
	// for the sentences naming no one, not for the rival's figure.
	lumen := subjectOf(claim("h", "https://h.example/1", "en", "Lumen Labs raised $3.5 billion from investors.", "$3.5 billion", 3.5e9, "USD", "exact"), "Lumen Labs")
	rival := subjectOf(claim("i", "https://i.example/1", "en", "In March Quorra raised $5bn.", "$5bn", 5e9, "USD", "exact"), "Quorra")
	rival.Title = "Lumen Labs nears a new deal"
	wantApart(t, signature(lumen, "lumen", "labs"), signature(rival, "lumen", "labs", "quorra"), "Lumen's round and its rival's in a story on Lumen")
	// Sentences each giving several names' figures, ours given to two names: two facts,
	// though one sentence names the other's company beside a figure of its own.
	valued := func(id, subject, sentence, surface string, v float64) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "exact"), subject), "lumen", "orbis", "vela")
	}
	lumenValued := valued("n", "Lumen", "Orbis has grown to a reported valuation of $50 billion, a rival to Lumen, which is valued at $157 billion.", "$157 billion", 157e9)
	velaValued := valued("o", "Vela", "Vela is valued at $183 billion, while Lumen's valuation has reportedly soared to $500 billion.", "$183 billion", 183e9)
	wantApart(t, lumenValued, velaValued, "Lumen's valuation and Vela's, each beside another's")
	alone := *velaValued
	alone.others = nil
	wantLinked(t, lumenValued, &alone, "the same figures, had Vela's sentence given no other")
	// A glossary word in capitals names nothing: the "CHIPS and Science Act" is no chip maker's.
	act := subjectOf(claim("m", "https://m.example/1", "en", "Orbis won a grant under the $31.4 billion CHIPS and Science Act.", "$31.4 billion", 31.4e9, "USD", "exact"), "CHIPS and Science Act")
	if s := signature(act); !slices.Equal(s.subjectNames, []string{"science", "act"}) {
		t.Errorf("subject names %v, want [science act]", s.subjectNames)
	}
	// Shares held by two things, the other sentence never naming the first's holder; not a
	// share two sentences give one holder. So with energy two things consumed.
	held := func(unit string) func(id, subject, sentence, surface string, v float64) *Signature {
		return func(id, subject, sentence, surface string, v float64) *Signature {
			return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, "exact"), subject), "lumenland")
		}
	}
	holdersApart := func(a, b *Signature, what string) {
		t.Helper()
		unheldA, unheldB := *a, *b
		unheldA.holder, unheldB.holder = nil, nil
		if apart, together := Score(a, b).Score, Score(&unheldA, &unheldB).Score; apart > together*0.7 {
			t.Errorf("%s scored %.2f, against %.2f with no holder", what, apart, together)
		}
	}
	share, energy := held("percent"), held("GWh")
	homes := share("j", "rural homes", "In Lumenland rural homes, for their part, take 10% of total power consumption.", "10%", 10)
	servers := share("k", "server farms", "In Lumenland server farms could take 30% of total power consumption.", "30%", 30)
	serversAgain := share("l", "server farms", "Server farms in Lumenland take 21% of total power consumption.", "21%", 21)
	holdersApart(homes, servers, "rural homes' share and server farms'")
	unheld := *serversAgain
	unheld.holder = nil
	if kept, free := Score(servers, serversAgain).Score, Score(servers, &unheld).Score; math.Abs(kept-free) > 1e-9 {
		t.Errorf("server farms' two shares scored %.2f, against %.2f with no holder", kept, free)
	}
	farms := energy("n", "server farms", "In Lumenland server farms saw their consumption rise to 6,334 GWh by 2023.", "6,334 GWh", 6334)
	users := energy("o", "large energy users", "In Lumenland the consumption by large energy users in 2023 was 9,102 GWh.", "9,102 GWh", 9102)
	holdersApart(farms, users, "server farms' consumption and large users'")
}

// TestScoreOneStory links two outlets' figures for one programme whose articles name different
// people and bodies around it, and keeps the rule to programmes and to figures whose subjects
// meet.
func TestScoreOneStory(t *testing.T) {
	of := func(id, url, metric, subject, sentence, surface string, v float64, topic ...string) *Signature {
		c := claim(id, url, "en", sentence, surface, v, "EUR", "exact")
		c.Metric, c.Subject = metric, subject
		return signature(c, topic...)
	}
	fund := of("a", "https://a.example/1", "investai/funding:EUR", "",
		"The fund would raise €200 billion for artificial intelligence, the president of the Commission said in Paris.", "€200 billion", 200e9,
		"paris", "commission", "brussels", "ursula")
	tests := []struct {
		name string
		b    *Signature
		link bool
	}{
		{"one programme, articles naming others", of("b", "https://b.example/2", "investai/funding:EUR", "",
			"Europe's plan mobilises €200 billion for artificial intelligence, of which a part goes to new factories.", "€200 billion", 200e9,
			"europe", "leonardo", "latvia", "alps"), true},
		{"one company, articles naming others", of("b", "https://b.example/2", "nvidia/funding:EUR", "",
			"Europe's plan mobilises €200 billion for artificial intelligence, of which a part goes to new factories.", "€200 billion", 200e9,
			"europe", "leonardo", "latvia", "alps"), false},
		{"one programme, another owner's figure", of("b", "https://b.example/2", "investai/funding:EUR", "China",
			"China has earmarked €200 billion for artificial intelligence, of which a part goes to new factories.", "€200 billion", 200e9,
			"europe", "leonardo", "latvia", "alps"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if l := Score(fund, tt.b); (l.Score >= LinkMinScore) != tt.link {
				t.Errorf("Score = %.3f (shared %v), want link %v", l.Score, l.Shared, tt.link)
			}
		})
	}
}

// TestScoreOneHolderMeasureYear links one name's figure of one measure for one year, told in
// stories naming little else in common (a roundup of three companies' plans and a piece on one
// of them), and keeps the rule to that name, that measure and that year.
func TestScoreOneHolderMeasureYear(t *testing.T) {
	plan := func(id, subject, sentence, surface string, v float64, q string, topic ...string) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", q), subject), topic...)
	}
	roundup := plan("a", "Lumen", "Lumen, parent of Tessel and Quill, budgets capital investment of between $70 billion and $72 billion in 2025, against an earlier estimate of 66 to 72 billion, according to the broadcaster's reporting on Thursday.",
		"between $70 billion and $72 billion", 70e9, "range", "lumen", "orbis", "vela", "bbc", "wall", "tessel", "quill", "mistral", "cobalt")
	wantLinked(t, roundup, plan("b", "Lumen", "Lumen investment tops out at up to $65 billion in 2025 to build generative models, including data halls, specialised servers, cooling plants, substations, fibre routes.",
		"up to $65 billion", 65e9, "up_to", "lumen", "nimbus", "kestrel", "paris", "ravel", "osprey", "delphi", "argo", "basalt"), "one name's investment for one year")
	wantApart(t, roundup, plan("b", "Lumen", "Lumen investment will reach up to $65 billion in 2027 to develop its models.",
		"up to $65 billion", 65e9, "up_to", "lumen", "nimbus", "kestrel", "paris", "ravel", "osprey", "delphi", "argo", "basalt"), "one name's investment for two years")
	wantApart(t, roundup, plan("b", "Lumen", "Lumen revenue will reach up to $65 billion in 2025 with its models.",
		"up to $65 billion", 65e9, "up_to", "lumen", "nimbus", "kestrel", "paris", "ravel", "osprey", "delphi", "argo", "basalt"), "one name's investment and its revenue")
	wantApart(t, roundup, plan("b", "Nimbus", "Nimbus investment will reach up to $65 billion in 2025 to develop its models.",
		"up to $65 billion", 65e9, "up_to", "nimbus", "tessel", "paris"), "two names' investments")
}

// TestScoreOneHolderShareYear links two outlets' shares held by one unnamed thing, of one
// measure, for one year, however little else their articles share; and not for two years.
func TestScoreOneHolderShareYear(t *testing.T) {
	share := func(id, sentence, surface string, v float64, q string, topic ...string) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "percent", q), "data halls"), topic...)
	}
	office := share("a", "Used to store the records, data halls are expected to take 27 percent of all supply by 2028.", "27 percent", 27, "exact",
		"cso", "office", "statistics", "gigawatt")
	wantLinked(t, office, share("b", "By 2028, data halls should draw nearly 30 percent of supply, a report published last month says.",
		"nearly 30 percent", 30, "nearly", "tessel", "quill", "kestrel", "ravel"), "one holder's share for one year")
	wantApart(t, office, share("b", "By 2030, data halls should draw nearly 30 percent of supply, a report published last month says.",
		"nearly 30 percent", 30, "nearly", "tessel", "quill", "kestrel", "ravel"), "one holder's share for two years")
}

// TestScoreStoryCount links two outlets' counts of a programme's own things, each given to
// another owner (the Commission's, InvestAI's), and keeps the rule to programmes.
func TestScoreStoryCount(t *testing.T) {
	count := func(id, url, metric, subject, sentence, surface string, v float64, q string, topic ...string) *Signature {
		c := subjectOf(claim(id, url, "en", sentence, surface, v, "gigafactories", q), subject)
		c.Metric = metric
		return signature(c, topic...)
	}
	commission := count("a", "https://a.example/1", "ai-gigafactories/count", "Commission",
		"Of that sum the Commission sets aside money for four gigafactories, it said in Brussels.", "four gigafactories", 4, "exact",
		"brussels", "commission", "ursula")
	wantLinked(t, commission, count("b", "https://b.example/2", "ai-gigafactories/count", "InvestAI",
		"InvestAI plans to build four gigafactories across the continent with private money.", "four gigafactories", 4, "exact",
		"investai", "continent"), "a programme's gigafactories given to two owners")
	wantApart(t, commission, count("b", "https://b.example/2", "nvidia/count", "InvestAI",
		"InvestAI plans to build four gigafactories across the continent with private money.", "four gigafactories", 4, "exact",
		"investai", "continent"), "two owners' gigafactories outside a programme")
	// Differing counts of a programme's own things, given to two owners in sentences giving
	// other figures too, still disagree on one fact.
	aside := count("c", "https://c.example/3", "ai-gigafactories/count", "Commission",
		"Of the 20 billion, the Commission sets aside money for four gigafactories, it said in Brussels.", "four gigafactories", 4, "exact",
		"brussels", "commission", "investai")
	wantLinked(t, aside, count("d", "https://d.example/4", "ai-gigafactories/count", "InvestAI",
		"With 200 billion, InvestAI plans to build six gigafactories across the continent.", "six gigafactories", 6, "exact",
		"investai", "continent", "commission"), "a programme's differing counts given to two owners beside other figures")
}

// TestScoreKeepsFactsApart keeps apart two facts of one story that read alike, and links two
// statements of one of them: figures next to words naming two measures (a fab's state aid and
// its total investment, even as one figure), an addition and a total, figures six times apart.
// TestScorePartOfWhole keeps apart a name's figure and a differing figure of no one named,
// unless the other's article names it elsewhere: then both speak of it and disagree.
func TestScorePartOfWhole(t *testing.T) {
	aragon := signature(subjectOf(claim("a", "https://a.example/1", "en", "For the programme, Aragon proposed two sites for its campus.",
		"two sites", 2, "sites", "exact"), "Aragon"), "campus", "programme", "aragon")
	unnamed := claim("b", "https://b.example/1", "en", "Three sites were proposed for a campus.", "Three sites", 3, "sites", "exact")
	wantApart(t, aragon, signature(unnamed, "campus", "programme", "spain"), "a region's sites and the programme's")
	wantLinked(t, aragon, signature(unnamed, "campus", "programme", "aragon"), "the sites of a story on Aragon")
	// Or unless both give one uncommon figure beside theirs: the homes the same 960 megawatts
	// would power, one sentence misgiving them to the seller.
	homes := func(id, sentence, surface string, v float64, qualifier, subject string) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "homes", qualifier), subject), "lumen", "vela")
	}
	seller := homes("c", "Lumen bought the Vela plant's data center from Orbis Energy for $650 million, with plans to pull 960 megawatts of power, enough to light up over a million homes.",
		"over a million homes", 1e6, "more_than", "Orbis Energy")
	deal := homes("d", "The deal would eventually provide Lumen with up to 960 megawatts of power, enough to power some 500,000 homes.", "some 500,000 homes", 5e5, "approx", "deal")
	wantLinked(t, seller, deal, "the homes 960 megawatts would power, given to the seller and to no one")
}

func TestScoreKeepsFactsApart(t *testing.T) {
	totalInvestment := claim("c", "https://c.example/1", "en", "Total investment in the Dresden fab of TSMC comes to €5 billion.", "€5 billion", 5e9, "EUR", "exact")
	totalInvestment.Measure = "total investment" // as the extractor reads it, the sentence saying it far from the number
	aiFactories := func(id, url, sentence, surface string, v float64) claimwire.Claim {
		c := claim(id, url, "en", sentence, surface, v, "AI factories", "exact")
		c.Metric = "ai-factories/count"
		return c
	}
	gigafactorySites := func(id, url, sentence, surface string, v float64) claimwire.Claim {
		c := claim(id, url, "en", sentence, surface, v, "sites", "exact")
		c.Metric = "ai-gigafactories/sites"
		return c
	}
	tests := []struct {
		name, twoFacts, oneFact string
		topic                   []string
		// a and b are two facts; a and c one.
		a, b, c claimwire.Claim
	}{
		{"measures", "state aid and total investment", "state aid told twice", []string{"dresden", "tsmc"},
			claim("a", "https://a.example/1", "en", "TSMC's Dresden fab will receive €5 billion in state aid.", "€5 billion", 5e9, "EUR", "exact"),
			totalInvestment,
			claim("b", "https://b.example/1", "en", "Brussels approved state aid of €5 billion for the Dresden fab of TSMC.", "€5 billion", 5e9, "EUR", "exact")},
		{"increment", "an addition and the total", "an addition told twice", []string{"nordic", "campus"},
			claim("a", "https://a.example/1", "en", "The Nordic campus secured an option on another 700 MW of power.", "700 MW", 700, "MW", "exact"),
			claim("b", "https://b.example/1", "en", "The Nordic campus will draw 1.5 GW of power.", "1.5 GW", 1.5, "GW", "exact"),
			claim("c", "https://c.example/1", "en", "The Nordic campus holds an option on another 700 MW of power.", "700 MW", 700, "MW", "exact")},
		{"increment unsaid", "an addition and the total", "an addition one source calls one", []string{"lisbon", "cluster"},
			claim("a", "https://a.example/1", "en", "The Lisbon lab will install another 40,000 accelerators in its cluster.", "40,000 accelerators", 40000, "accelerators", "exact"),
			claim("b", "https://b.example/1", "en", "The cluster of the Lisbon lab runs 100,000 accelerators in all.", "100,000 accelerators", 100000, "accelerators", "exact"),
			claim("c", "https://c.example/1", "en", "The cluster of the Lisbon lab gets 40,000 accelerators in spring.", "40,000 accelerators", 40000, "accelerators", "exact")},
		{"quarters", "a second quarter's revenue and a third's", "a second quarter's revenue told twice", []string{"lumen", "revenue"},
			claim("a", "https://a.example/1", "en", "Lumen's Q2 revenue grew to $3.9 billion from data centre sales.", "$3.9 billion", 3.9e9, "USD", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen's Q3 revenue grew to $4.7 billion from data centre sales.", "$4.7 billion", 4.7e9, "USD", "exact"),
			claim("c", "https://c.example/1", "en", "From data centre sales, Lumen's Q2 revenue grew to $4.1 billion.", "$4.1 billion", 4.1e9, "USD", "exact")},
		{"periods", "an amount over three years and one over four", "an amount over four years told twice", []string{"venture", "texas"},
			claim("a", "https://a.example/1", "en", "The venture in Texas will invest $500 billion over four years.", "$500 billion", 500e9, "USD", "exact"),
			claim("b", "https://b.example/1", "en", "Its first phase in Texas puts $400 billion into the venture over three years.", "$400 billion", 400e9, "USD", "exact"),
			claim("c", "https://c.example/1", "en", "Over the next four years the Texas venture will invest $500 billion.", "$500 billion", 500e9, "USD", "exact")},
		{"phases", "a first wave and both waves", "a first wave told twice", []string{"eurohpc", "commission"},
			aiFactories("a", "https://a.example/1", "The first wave of the call selected 7 AI factories for EuroHPC.", "7", 7),
			aiFactories("b", "https://b.example/1", "Across both waves of the call EuroHPC selected 13 AI factories.", "13", 13),
			aiFactories("c", "https://c.example/1", "EuroHPC selected 7 AI factories in the first wave of the call.", "7", 7)},
		{"half-year and unstated", "a half-year's revenue and a differing one of no period", "a half-year's revenue told twice", []string{"lumen", "hosting"},
			claim("a", "https://a.example/1", "en", "In the first half, Lumen's hosting revenue reached $95 million.", "$95 million", 95e6, "USD", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen's hosting revenue reached $190 million.", "$190 million", 190e6, "USD", "exact"),
			claim("c", "https://c.example/1", "en", "Lumen's hosting revenue reached $95 million in the first half.", "$95 million", 95e6, "USD", "exact")},
		{"purposes", "two envelopes of one plan", "one envelope told twice", []string{"lumen", "plan"},
			claim("a", "https://a.example/1", "en", "Lumen's plan will invest €2 billion in robotics for farming.", "€2 billion", 2e9, "EUR", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen's plan will invest €6 billion to double sensor output.", "€6 billion", 6e9, "EUR", "exact"),
			claim("c", "https://c.example/1", "en", "In robotics for farming, Lumen's plan will invest €2 billion.", "€2 billion", 2e9, "EUR", "exact")},
		{"directions", "a rise and a fall", "a fall told twice", []string{"lumen", "nasdaq"},
			claim("a", "https://a.example/1", "en", "Lumen shares fell 12% on the Nasdaq after the earnings call.", "12%", 12, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Since January Lumen shares gained 12% on the Nasdaq.", "12%", 12, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "On the Nasdaq, Lumen shares dropped 12% after the earnings call.", "12%", 12, "percent", "exact")},
		{"the other's figure beside", "a first stage and the full build the sentence also gives", "a first stage told twice", []string{"orbis", "campus"},
			claim("a", "https://a.example/1", "en", "The Orbis campus will draw 2 GW by 2030, scalable to 5 GW later.", "2 GW", 2, "GW", "exact"),
			claim("b", "https://b.example/1", "en", "The Orbis campus will eventually draw 5 GW.", "5 GW", 5, "GW", "exact"),
			claim("c", "https://c.example/1", "en", "By 2030 the Orbis campus will draw 2 GW, and 5 GW later.", "2 GW", 2, "GW", "exact")},
		{"goal and share", "a share held and a share set as a goal", "a share held told twice", []string{"orbis", "chips"},
			claim("a", "https://a.example/1", "en", "Orbis now makes only 10% of the world's chips.", "10%", 10, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Orbis has set a target of 20% of the world's chips.", "20%", 20, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "Only 10% of the world's chips are now made by Orbis.", "10%", 10, "percent", "exact")},
		{"margin and guidance", "a margin reported and a margin guided", "a margin reported twice", []string{"lumen", "margin"},
			claim("a", "https://a.example/1", "en", "Lumen said its operating margin reached 40% over the fiscal year.", "40%", 40, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen said its operating margin guidance of 45% over the fiscal year stands.", "45%", 45, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "Over the fiscal year, Lumen said its operating margin reached 40%.", "40%", 40, "percent", "exact")},
		{"change and level", "a rise and a stake", "a rise told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "en", "After the Orbis deal, Lumen shares rose 3.4% in New York.", "3.4%", 3.4, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "After the Orbis deal, Lumen holds a stake of 4% in New York.", "4%", 4, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "Lumen shares rose 3.4% in New York after the Orbis deal.", "3.4%", 3.4, "percent", "exact")},
		{"change told by its amount", "a cut and a share", "a cut told twice", []string{"lumen", "vela"},
			claim("a", "https://a.example/1", "en", "Lumen reduced the water drawn by its Vela data centres by 12 percent in 2024.", "12 percent", 12, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Cooling of its Vela data centres accounts for 10 percent of the water Lumen draws.", "10 percent", 10, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "In 2024 Lumen reduced by 12 percent the water drawn by its Vela data centres.", "12 percent", 12, "percent", "exact")},
		{"ratios of two things", "a growth in compute and a site's size against others", "a growth told twice", []string{"vela", "europe"},
			claim("a", "https://a.example/1", "en", "In Europe, Vela expects AI computing power to be multiplied by three by 2026.", "three", 3, "times", "exact"),
			claim("b", "https://b.example/1", "en", "In Europe, each Lumen site will hold chips multiplied by four against the largest today.", "four", 4, "times", "exact"),
			claim("c", "https://c.example/1", "en", "By 2026 Vela expects AI computing power in Europe to be multiplied by three.", "three", 3, "times", "exact")},
		{"moments of a trading day", "a day's rise and its peak within the day", "a day's rise told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "en", "Lumen shares jumped 24% after the Orbis deal.", "24%", 24, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen shares jumped 37% in early trading after the Orbis deal.", "37%", 37, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "After the Orbis deal, Lumen shares jumped 27%.", "27%", 27, "percent", "exact")},
		{"moments before the market opens", "a day's rise and a rise before the open", "a rise before the open told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "fr", "Les actions de Lumen ont bondi de 53% dans les transactions en préouverture.", "53%", 53, "percent", "exact"),
			claim("b", "https://b.example/1", "fr", "Les actions de Lumen ont bondi de 41% à l'annonce de l'accord.", "41%", 41, "percent", "exact"),
			claim("c", "https://c.example/1", "fr", "Les actions de Lumen ont bondi de plus de 50% avant l'ouverture de Wall Street.", "plus de 50%", 50, "percent", "more_than")},
		// An untold moment may be after hours, when the news came after the bell.
		{"moments after the market closes", "a rise after hours and one within the day", "a rise after the results told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "en", "Lumen shares jumped 10% after the company posted results.", "10%", 10, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen shares jumped 14% in early trading after the results.", "14%", 14, "percent", "exact"),
			claim("c", "https://c.example/1", "fr", "Les actions de Lumen ont bondi de plus de 10 % après la clôture, à la publication des résultats.", "plus de 10 %", 10, "percent", "more_than")},
		{"moves since the year began", "a day's rise and the year's", "a day's rise told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "en", "Lumen shares jumped 26% after the Orbis deal.", "26%", 26, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen shares have jumped 24% so far this year, before the Orbis deal.", "24%", 24, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "After the Orbis deal, Lumen shares jumped 25.5%.", "25.5%", 25.5, "percent", "exact")},
		{"change told as less than", "a fall and a share", "a fall told twice", []string{"vela", "electricity"},
			claim("a", "https://a.example/1", "en", "Vela data centres used 20 percent less electricity in 2024 than the year before.", "20 percent", 20, "percent", "exact"),
			claim("b", "https://b.example/1", "en", "Vela data centres used 18 percent of all electricity in 2024.", "18 percent", 18, "percent", "exact"),
			claim("c", "https://c.example/1", "en", "In 2024 Vela data centres used 20 percent less electricity than the year before.", "20 percent", 20, "percent", "exact")},
		{"ratios of two measures", "a valuation in times revenue and a gain in times the investment", "a valuation in times revenue told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "en", "The Lumen valuation stands at about 25 times revenue, says Orbis.", "about 25 times", 25, "times", "approx"),
			claim("b", "https://b.example/1", "en", "Orbis missed a Lumen valuation gain of 30 times investment.", "30 times", 30, "times", "exact"),
			claim("c", "https://c.example/1", "en", "Orbis says the Lumen valuation is about 25 times revenue.", "about 25 times", 25, "times", "approx")},
		{"amounts worth", "an investment and a gain, each worth an amount", "an investment told twice", []string{"lumen", "vela"},
			claim("a", "https://a.example/1", "en", "Vela plans £25 billion worth of new investment.", "£25 billion", 25e9, "GBP", "exact"),
			claim("b", "https://b.example/1", "en", "If realised, the gains could be worth £47 billion a year.", "£47 billion", 47e9, "GBP", "exact"),
			claim("c", "https://c.example/1", "en", "Vela announced £25 billion worth of new investment.", "£25 billion", 25e9, "GBP", "exact")},
		{"change and level agreeing by hedges", "a rise and a stake", "a rise told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "en", "After the Orbis deal, Lumen shares rose over 3.4% in New York.", "over 3.4%", 3.4, "percent", "more_than"),
			claim("b", "https://b.example/1", "en", "After the Orbis deal, Orbis holds a stake of about 4% in Lumen.", "about 4%", 4, "percent", "approx"),
			claim("c", "https://c.example/1", "en", "Lumen shares rose over 3.4% in New York after the Orbis deal.", "over 3.4%", 3.4, "percent", "more_than")},
		// One article giving one figure twice: a move, and a stake its sentence holds.
		{"stake held", "a rise and a stake held", "a rise told twice", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "fr", "Le titre Lumen a bondi de plus de 40 % sur une séance.", "plus de 40 %", 40, "percent", "more_than"),
			claim("b", "https://a.example/1", "fr", "Orbis détient plus de 40 % des actions de Lumen et profite de la hausse du titre.", "plus de 40 %", 40, "percent", "more_than"),
			claim("c", "https://c.example/1", "fr", "Sur une séance, le titre Lumen a bondi de plus de 40 %.", "plus de 40 %", 40, "percent", "more_than")},
		{"one word in common", "two sums sharing one word", "a sum told twice", []string{"orbis", "plan", "vela"},
			claim("a", "https://a.example/1", "en", "€4 billion devoted to it by Orbis.", "€4 billion", 4e9, "EUR", "exact"),
			claim("b", "https://b.example/1", "en", "Under the plan, €8 billion devoted to energy and hydrogen.", "€8 billion", 8e9, "EUR", "exact"),
			claim("c", "https://c.example/1", "en", "Orbis says €4 billion devoted to it by the plan.", "€4 billion", 4e9, "EUR", "exact")},
		{"models", "two models", "one model told twice", []string{"lumen", "aragon"},
			claim("a", "https://a.example/1", "en", "Lumen will install 8,000 H100 accelerators at its Aragon campus.", "8,000 H100 accelerators", 8000, "accelerators", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen will install 8,000 H200 accelerators at its Aragon campus.", "8,000 H200 accelerators", 8000, "accelerators", "exact"),
			claim("c", "https://c.example/1", "en", "At its Aragon campus Lumen will install 8,000 H100 accelerators.", "8,000 H100 accelerators", 8000, "accelerators", "exact")},
		{"part and whole", "one region's sites and the programme's", "one region's sites told twice", []string{"campus", "programme"},
			subjectOf(claim("a", "https://a.example/1", "en", "For the programme, Aragon proposed two sites for a campus.", "two sites", 2, "sites", "exact"), "Aragon"),
			claim("b", "https://b.example/1", "en", "The programme will fund four or five sites for a campus.", "four or five sites", 4, "sites", "range"),
			subjectOf(claim("c", "https://c.example/1", "en", "Aragon proposed two sites for a campus of the programme.", "two sites", 2, "sites", "exact"), "Aragon")},
		{"far apart", "figures six times apart", "two sources disagreeing on one fact", []string{"gigafactories", "commission"},
			claim("b", "https://b.example/1", "en", "The proposals for gigafactories envisage buying 3,000,000 GPUs in all.", "3,000,000 GPUs", 3e6, "GPUs", "exact"),
			claim("a", "https://a.example/1", "en", "Five gigafactories for the proposals would require 500,000 GPUs in all.", "500,000 GPUs", 500000, "GPUs", "exact"),
			claim("c", "https://c.example/1", "en", "The proposals for gigafactories envisage buying 2,500,000 GPUs in all.", "2,500,000 GPUs", 2.5e6, "GPUs", "exact")},
		{"three times apart", "a deal's 10 gigawatts and the company's 30 gigawatt goal", "two sources disagreeing on one deal", []string{"lumen", "orbis"},
			claim("a", "https://a.example/1", "en", "Lumen will deploy 10 gigawatts of Orbis systems for its computing capacity.", "10 gigawatts", 10, "GW", "exact"),
			claim("b", "https://b.example/1", "en", "Lumen aims to invest $1.4 trillion to build 30 gigawatts of computing capacity.", "30 gigawatts", 30, "GW", "exact"),
			claim("c", "https://c.example/1", "en", "Lumen will deploy 12 gigawatts of Orbis systems for its computing capacity.", "12 gigawatts", 12, "GW", "exact")},
		{"far apart in one metric", "the shortlist and all the sites proposed", "the shortlist told twice", []string{"gigafactories", "commission"},
			gigafactorySites("a", "https://a.example/1", "The Commission has shortlisted seven locations for AI gigafactories.", "seven locations", 7),
			gigafactorySites("b", "https://b.example/1", "Some 60 sites across Europe were put forward for AI gigafactories.", "60 sites", 60),
			gigafactorySites("c", "https://c.example/1", "Seven locations are on the Commission's shortlist for AI gigafactories.", "Seven locations", 7)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := signature(tt.a, tt.topic...)
			wantApart(t, a, signature(tt.b, tt.topic...), tt.twoFacts)
			wantLinked(t, a, signature(tt.c, tt.topic...), tt.oneFact)
		})
	}
}

// TestSharedModel links two differing figures given to one model, however unlike the words
// around them: one GPU's peak performance, told in two units.
func TestSharedModel(t *testing.T) {
	perf := func(id, sentence, surface string, v float64, unit string, topic ...string) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, "up_to"), topic...)
	}
	petaflops := perf("a", "Powered by 200,000 Lumen X90 GPUs (each X90 handling up to four petaflops per second), the machine is all about scale.",
		"up to four petaflops", 4, "petaflops", "lumen", "vela", "memphis")
	teraflops := perf("b", "Built in Memphis in four months, Vela offers nine times the speed of older models, with each X90 GPU delivering up to 2,000 teraflops of performance.",
		"up to 2,000 teraflops", 2000, "teraflops", "lumen", "vela", "orbis", "tennessee")
	wantLinked(t, petaflops, teraflops, "one model's peak performance in petaflops and teraflops")
}

// TestSessionNear reads the moment of the trading day a share's move is told at.
func TestSessionNear(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              tradingSession
	}{
		// A named day is that day's session.
		{"Lumen shares rose 4% on Monday.", "4%", sessionDay},
		{"Orbis shares rose more than 2.5% Friday after Lumen announced a deal.", "more than 2.5%", sessionDay},
		{"L'action Orbis a bondi de 5 % lundi.", "5 %", sessionDay},
		{"Lumen shares rose as much as 9% before paring gains.", "9%", sessionIntraday},
		{"L'action Lumen a bondi de plus de 37 % avant de corriger, terminant la journée en hausse de 24 %.", "plus de 37 %", sessionIntraday},
		{"L'action Lumen a bondi de plus de 37 % avant de corriger, terminant la journée en hausse de 24 %.", "24 %", sessionClose},
		{"Orbis stock climbed 12% in premarket trading.", "12%", sessionPremarket},
		{"L'action Orbis s'est envolée de 30 % avant l'ouverture des marchés.", "30 %", sessionPremarket},
		{"Orbis shares fell 9% after the bell.", "9%", sessionAfterHours},
		{"L'action Orbis, qui gagnait déjà 24% depuis le début de l'année, flambe.", "24%", sessionYear},
		{"After rising as much as 9% in early trading, Orbis shares closed up 4%.", "4%", sessionClose},
		// Several days' move, told in the figure's clause.
		{"Orbis stock rose 4%, its best two-day rally since 2022, with a cumulative gain of 14%.", "14%", sessionDays},
		{"Orbis stock rose 4%, its best two-day rally since 2022, with a cumulative gain of 14%.", "4%", sessionClose},
		{"L'action Orbis a pris 18 % sur deux séances.", "18 %", sessionDays},
		{"Orbis shares rose 5% two days after the announcement.", "5%", sessionClose},
		// A clause set beside another tells a move of its moment.
		{"L'action d'Orbis s'envole de plus de 24 % dans les échanges en avant-Bourse, tandis que Lumen prend environ 2 %.", "environ 2 %", sessionPremarket},
		{"Orbis shares jumped 24% in premarket trading, while Lumen gained 2%.", "2%", sessionPremarket},
		{"Orbis shares jumped 24% in premarket trading, then Lumen gained 2% by the close.", "2%", sessionClose},
		// A short phrase opening the sentence sets its main clause's moment; not one giving a figure.
		{"In after-hours trading, Orbis shares rose more than 3.5 percent.", "more than 3.5 percent", sessionAfterHours},
		{"En milieu de matinée, l'action Orbis gagnait plus de 3 %.", "plus de 3 %", sessionIntraday},
		{"After rising 9% in early trading, Orbis shares closed up 4%.", "4%", sessionClose},
	}
	for _, tt := range tests {
		i := strings.Index(tt.sentence, tt.surface)
		if got := sessionNear(tt.sentence[:i], tt.sentence[i+len(tt.surface):]); got != tt.want {
			t.Errorf("%q in %q: session %d, want %d", tt.surface, tt.sentence, got, tt.want)
		}
	}
	// A move at no said moment may be the one after hours; one on a named day is not.
	for _, tt := range []struct {
		a, b  tradingSession
		apart bool
	}{
		{sessionClose, sessionAfterHours, false},
		{sessionDay, sessionClose, false},
		{sessionDay, sessionAfterHours, true},
		{sessionAfterHours, sessionDay, true},
		{sessionDay, sessionIntraday, true},
		{sessionDay, sessionDay, false},
	} {
		if got := sessionsApart(tt.a, tt.b); got != tt.apart {
			t.Errorf("sessions %d and %d apart %v, want %v", tt.a, tt.b, got, tt.apart)
		}
	}
	// A share's first move is a moment within the day, not a part of a whole.
	first := signature(claim("a", "https://a.example/1", "fr", "L'action Orbis a plongé d'emblée de près de 11 %, avant de se reprendre.",
		"près de 11 %", 11, "percent", "approx"))
	if first.session != sessionIntraday || first.part {
		t.Errorf(`"a plongé d'emblée de près de 11 %%": session %d, part %v; want %d, no part`, first.session, first.part, sessionIntraday)
	}
}

// TestOneSharesMove links two outlets' differing moves of one company's share on one day,
// whatever else their articles say, and keeps two companies' moves apart.
func TestOneSharesMove(t *testing.T) {
	day := time.Date(2025, 10, 6, 0, 0, 0, 0, time.UTC)
	move := func(id, sentence, surface, subject string, v float64, topic ...string) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "percent", "exact"), subject)
		c.Published = day
		return signature(c, topic...)
	}
	jumped := move("a", "Lumen shares jumped 27% in a single session.", "27%", "Lumen", 27, "lumen", "orbis", "chips")
	surged := move("b", "Its stock surged 31% following the announcement by Lumen.", "31%", "Lumen", 31, "lumen", "vela", "gigawatts", "warrants")
	wantLinked(t, jumped, surged, "one share's move on one day, told by two outlets")
	other := move("c", "Vela stock surged 31% following the announcement.", "31%", "Vela", 31, "vela", "gigawatts", "warrants")
	wantApart(t, jumped, other, "two companies' moves")
	// A move given to no one is its story's company's: not another company's alike.
	unnamed := move("d", "After these results, the shares rose over 4% in the session.", "over 4%", "", 4, "orbis", "results")
	unnamed.fromTitle = map[string]bool{"orbis": true}
	unnamed.Terms["orbis"] = 1
	wantApart(t, move("f", "After the announcement, Lumen shares rose about 4.4% in the session.", "about 4.4%", "Lumen", 4.4, "lumen", "vela", "results"), unnamed,
		"a company's move and one in a story on another company")
	wantLinked(t, move("e", "After the results, Orbis shares rose about 4.4% in the session.", "about 4.4%", "Orbis", 4.4, "orbis", "results"), unnamed,
		"one company's move, named and unnamed")
}

// TestCorporateSuffix reads "Corp" as naming no one: two companies' subsidies stay two facts
// though both names end in it.
func TestCorporateSuffix(t *testing.T) {
	rapidus := subjectOf(claim("a", "https://a.example/1", "en", "The state will offer up to 590 billion yen to chip venture Lumen Corp.",
		"up to 590 billion yen", 590e9, "JPY", "up_to"), "Lumen Corp")
	if slices.Contains(signature(rapidus).subjectNames, "corp") {
		t.Errorf("subject names %v hold the suffix", signature(rapidus).subjectNames)
	}
}

// TestCountryPlacedNotSubject reads a country the sentence puts a figure in as where it is, not
// TestMeasureOfAnotherCount leaves to a count the word it counts, though the count reads as a
// year: "2000 jobs" are no measure of the sum before them.
func TestMeasureOfAnotherCount(t *testing.T) {
	s := signature(claim("a", "https://a.example/1", "en", "The Lumen plant in figures: an investment of 5 billion euros, 2000 jobs.",
		"5 billion euros", 5e9, "EUR", "exact"), "lumen")
	if s.measures["jobs"] {
		t.Errorf("measures %v: the jobs of the count after the sum", s.measures)
	}
	if !s.measures["investment"] {
		t.Errorf("measures %v lack the investment", s.measures)
	}
}

// TestPastValueApart keeps a past value apart from a differing current one it rounds to, and
// reads a figure compared with as current when the sentence says it is.
func TestPastValueApart(t *testing.T) {
	topic := []string{"lumen", "ireland"}
	share := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "percent", "exact"), topic...)
	}
	past := share("a", "Large energy users at Lumen took 31% of total metered electricity in 2024, up from 30% in the previous year.", "30%", 30)
	if !past.superseded {
		t.Fatal("up from 30%: not a past value")
	}
	current := share("b", "Large energy users at Lumen made up 31 per cent of total metered electricity consumption.", "31 per cent", 31)
	wantApart(t, past, current, "last year's 30% and this year's 31 per cent")
	now := signature(claim("c", "https://c.example/1", "fr", "La production de la centrale de Lumen atteindra 1 151 MW contre 1 121 MW actuellement.",
		"1 121 MW", 1121, "MW", "exact"), topic...)
	if now.superseded {
		t.Error("contre 1 121 MW actuellement: read as a past value")
	}
}

// TestRevisedFigure links an outlet's figure told as current to the revised value that another
// outlet gives beside what it was, not to the first value: the two disagree.
func TestRevisedFigure(t *testing.T) {
	topic := []string{"lumen", "magdeburg"}
	revision := "The subsidy now covers only 33% of the costs of the project of Lumen, against 40% in the first deal."
	revised := signature(claim("a", "https://a.example/1", "en", revision, "33%", 33, "percent", "exact"), topic...)
	first := signature(claim("b", "https://a.example/1", "en", revision, "40%", 40, "percent", "exact"), topic...)
	if revised.former || !first.former {
		t.Fatalf("former: revised %v, first %v; want false, true", revised.former, first.former)
	}
	stale := signature(claim("c", "https://c.example/1", "en", "Lumen reportedly expects roughly 40 percent of the costs of the project to be subsidised.",
		"roughly 40 percent", 40, "percent", "approx"), topic...)
	wantLinked(t, revised, stale, "a revised share and another outlet's stale one")
	if toFirst, toRevised := Score(stale, first).Score, Score(stale, revised).Score; toFirst >= toRevised {
		t.Errorf("a share told as current links what it was (%.3f) as well as what it is (%.3f)", toFirst, toRevised)
	}
}

// TestFormerFigure reads which figures a sentence gives as what a revised figure was.
func TestFormerFigure(t *testing.T) {
	for _, tt := range []struct {
		sentence, surface string
		want              bool
	}{
		{"Elle ne couvre plus que 33 % des coûts, contre 40 % dans le premier accord.", "40 %", true},
		{"Elle ne couvre plus que 33 % des coûts, contre 40 % dans le premier accord.", "33 %", false},
		{"Berlin ajoute près de 10 milliards, alors que le montant initial promis était de 6,8 milliards.", "6,8 milliards", true},
		{"The grant, originally planned at $2 billion, was cut to $1.5 billion.", "$2 billion", true},
		{"Lumen brought the initial 100,000 GPUs online in 122 days.", "100,000 GPUs", false},
	} {
		at := strings.Index(tt.sentence, tt.surface)
		if got := formerFigure(tt.sentence, at, at+len(tt.surface)); got != tt.want {
			t.Errorf("formerFigure(%q, %q) = %v, want %v", tt.sentence, tt.surface, got, tt.want)
		}
	}
}

// TestPlacedElsewhere keeps apart a sum its sentence puts in one country and a like sum of a
// story set in another country that never names the first.
func TestPlacedElsewhere(t *testing.T) {
	read := func(id, sentence, surface string, v float64, places ...string) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "EUR", "exact"), "Lumen")
		s := NewSignature(&c, wordLexicon{}, Story{Topic: []string{"lumen"}, Places: places})
		return &s
	}
	inFrance := read("a", "Lumen's €15 billion investment in France will deliver the largest supercomputer of the country.", "€15 billion", 15e9, "france")
	inSpain := read("b", "Lumen announced a €15.2 billion investment commitment covering the years 2023 to 2029.", "€15.2 billion", 15.2e9, "spain")
	wantApart(t, inFrance, inSpain, "Lumen's sum in France and its sum in a story on Spain")
	unplaced := read("c", "Lumen announced a €15.2 billion investment commitment covering the years 2023 to 2029.", "€15.2 billion", 15.2e9)
	wantLinked(t, inFrance, unplaced, "Lumen's sum in France and its sum in a story placed nowhere")
}

// TestRoundSumOfTwoStories keeps apart one round sum given to two names in two stories that
// share almost nothing: two companies' $15 billion, however alike the sentences.
func TestRoundSumOfTwoStories(t *testing.T) {
	orbis := signature(subjectOf(claim("a", "https://a.example/1", "en",
		"Orbis has announced an AI hub in Vizag, with an investment of approximately $15 billion over five years, its largest investment in the country.",
		"approximately $15 billion", 15e9, "USD", "approx"), "Orbis"), "orbis", "vizag", "andhra")
	lumen := signature(subjectOf(claim("b", "https://b.example/1", "en",
		"Lumen's $15 billion investment will deliver the country's largest AI supercomputer.",
		"$15 billion", 15e9, "USD", "exact"), "Lumen"), "lumen", "nscale", "london", "sunak", "starmer", "britain", "nvidia", "kingdom", "cambridge")
	wantApart(t, orbis, lumen, "Orbis's $15 billion and Lumen's")
}

// whose it is, when the extractor gives it as the subject; a country investing stays the subject.
func TestCountryPlacedNotSubject(t *testing.T) {
	placed := signature(subjectOf(claim("a", "https://a.example/1", "en", "Lumen made two other investments, one in Spain worth €4.6 billion.",
		"€4.6 billion", 4.6e9, "EUR", "exact"), "Spain"))
	if slices.Contains(placed.subjectNames, "spain") {
		t.Errorf("subject names %v hold the country the figure is placed in", placed.subjectNames)
	}
	investing := signature(subjectOf(claim("b", "https://b.example/1", "en", "Spain will invest €4.6 billion in chips.",
		"€4.6 billion", 4.6e9, "EUR", "exact"), "Spain"))
	if !slices.Contains(investing.subjectNames, "spain") {
		t.Errorf("subject names %v lack the country investing", investing.subjectNames)
	}
	// So with a town named with its region.
	town := signature(subjectOf(claim("c", "https://c.example/1", "en", "The investment will go into building three new plants in Narvik, Norway.",
		"three new plants", 3, "plants", "exact"), "Narvik"))
	if slices.Contains(town.subjectNames, "narvik") {
		t.Errorf("subject names %v hold the town the plants are placed in", town.subjectNames)
	}
	spending := signature(subjectOf(claim("d", "https://d.example/1", "en", "Narvik, Norway's largest town, will spend €4.6 billion on chips.",
		"€4.6 billion", 4.6e9, "EUR", "exact"), "Narvik"))
	if !slices.Contains(spending.subjectNames, "narvik") {
		t.Errorf("subject names %v lack the town spending", spending.subjectNames)
	}
}

// TestEpithetSubject reads the names of a company's epithet as describing it, not as whose the
// figure is: "the Vela Lumen company" and "Orbis" may be one company.
func TestEpithetSubject(t *testing.T) {
	for _, subject := range []string{"Vela Lumen company", "Orbis chatbot maker", "créateur de Vela"} {
		s := signature(subjectOf(claim("a", "https://a.example/1", "en", "The company is on pace to generate $3.6 billion in revenue.",
			"$3.6 billion", 3.6e9, "USD", "exact"), subject))
		if len(s.subjectNames) != 0 {
			t.Errorf("subject %q: subject names %v, want none", subject, s.subjectNames)
		}
	}
	for _, subject := range []string{"Orbis Lumen", "Orbis Lumen Company"} {
		named := signature(subjectOf(claim("b", "https://b.example/1", "en", subject+" will generate $3.7 billion in revenue.",
			"$3.7 billion", 3.7e9, "USD", "exact"), subject))
		if len(named.subjectNames) == 0 {
			t.Errorf("subject %q: no subject names", subject)
		}
	}
}

// TestEpithetLead gives an epithet ("the firm", "le fabricant"), as the figure's subject or
// opening its sentence, to the name its article keeps naming, more than any other name but the country it is set in: a firm's $100 billion in a
// story on Lumen is Lumen's, not Orbis's $100 billion.
func TestEpithetLead(t *testing.T) {
	of := func(id, sentence, subject string, st Story) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, "$100 billion", 100e9, "USD", "exact"), subject)
		s := NewSignature(&c, wordLexicon{}, st)
		return &s
	}
	lumenStory := Story{Topic: []string{"us", "lumen", "orbis"}, Counts: []int{6, 4, 1}, Places: []string{"us"}}
	firm := of("a", "The firm would boost its commitment by $100 billion over four years.", "firm", lumenStory)
	if !slices.Equal(firm.subjectNames, []string{"lumen"}) {
		t.Errorf("subject names %v, want the story's lead, lumen", firm.subjectNames)
	}
	orbis := of("b", "Orbis is to add $100 billion to its plan for four new fabs.", "Orbis",
		Story{Topic: []string{"orbis", "lumen"}, Counts: []int{5, 1}})
	wantApart(t, firm, orbis, "the firm's $100 billion in a story on Lumen and Orbis's")
	// The extractor took the complement for the subject: the sentence's opening epithet still
	// says whose the figure is.
	opened := of("d", "The company would add $100 billion across its data centers over four years.", "data centers", lumenStory)
	if !slices.Equal(opened.subjectNames, []string{"lumen"}) {
		t.Errorf("subject names %v, want the story's lead, lumen, for a sentence opening on an epithet", opened.subjectNames)
	}
	tied := of("c", "The firm would boost its commitment by $100 billion over four years.", "firm",
		Story{Topic: []string{"lumen", "orbis"}, Counts: []int{4, 4}})
	if len(tied.subjectNames) != 0 {
		t.Errorf("subject names %v, want none: two names lead the story", tied.subjectNames)
	}
}

// TestAcronymSubject gives a name spelt out the initials its article uses for it, so that
// another outlet's figure given to the initials is given to the same name.
func TestAcronymSubject(t *testing.T) {
	spelt := func(topic ...string) *Signature {
		return signature(subjectOf(claim("a", "https://a.example/1", "en",
			"Lumen Orbis Vela Corporation has pledged another $100 billion, bringing total spend up to $160 billion.",
			"$160 billion", 160e9, "USD", "exact"), "Lumen Orbis Vela Corporation"), topic...)
	}
	if got := spelt("lovc", "arizona").subjectNames; !slices.Contains(got, "lovc") {
		t.Errorf("subject names %v, want the article's initials lovc", got)
	}
	if got := spelt("arizona").subjectNames; slices.Contains(got, "lovc") {
		t.Errorf("subject names %v: initials the article never uses", got)
	}
	initialled := signature(subjectOf(claim("b", "https://b.example/1", "en", "Combined with earlier commitments, LOVC's total US investment is now $165 billion.",
		"$165 billion", 165e9, "USD", "exact"), "LOVC"), "lovc", "arizona")
	wantLinked(t, spelt("lovc", "arizona"), initialled, "one total given to a name and to its initials")
}

// TestRunningTotals links a running total and a total told without its history, though the
// amounts added up differ as the totals do.
func TestRunningTotals(t *testing.T) {
	topic := []string{"lovc", "arizona"}
	bringing := signature(subjectOf(claim("a", "https://a.example/1", "en",
		"LOVC has pledged to spend an additional $100 billion in the U.S., bringing total spend up to $160 billion.",
		"$160 billion", 160e9, "USD", "exact"), "LOVC"), topic...)
	if !bringing.soFar || !bringing.total {
		t.Fatalf("bringing total spend: soFar %v total %v, want both", bringing.soFar, bringing.total)
	}
	portant := signature(subjectOf(claim("b", "https://b.example/1", "fr",
		"Cette décision double l'engagement précédent de LOVC de 65 milliards de dollars, portant son investissement total aux États-Unis à 165 milliards de dollars.",
		"165 milliards de dollars", 165e9, "USD", "exact"), "LOVC"), topic...)
	if !portant.soFar {
		t.Error("portant son investissement total … à: not a running total")
	}
	wantLinked(t, bringing, portant, "two running totals, their parts differing")
	now := signature(subjectOf(claim("c", "https://c.example/1", "en", "Combined with earlier commitments, LOVC's total US investment is now $165 billion.",
		"$165 billion", 165e9, "USD", "exact"), "LOVC"), topic...)
	wantLinked(t, bringing, now, "a running total and a total")
	planned := signature(subjectOf(claim("d", "https://d.example/1", "en", "LOVC will invest $150 billion in the U.S. over four years.",
		"$150 billion", 150e9, "USD", "exact"), "LOVC"), topic...)
	if l := Score(bringing, planned); l.Score >= Score(bringing, now).Score {
		t.Errorf("a running total links a planned sum (%.3f) as well as a total (%.3f)", l.Score, Score(bringing, now).Score)
	}
}

// TestLevelReached reads the level a change ends at as a level, not a change: it does not link
// to another change however close.
func TestLevelReached(t *testing.T) {
	pct := func(id, lang, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", lang, sentence, surface, v, "percent", "exact"), "lumen")
	}
	tests := []struct {
		lang, sentence, surface string
		change                  bool
	}{
		{"en", "After a one-off charge, Lumen's effective tax rate dropped to 13%.", "13%", false},
		{"fr", "Le taux d'imposition de Lumen est en hausse pour atteindre 41 %.", "41 %", false},
		{"en", "Lumen's net profit fell 83% in the quarter.", "83%", true},
		{"en", "Lumen's sales rose by up to 30% in the quarter.", "up to 30%", true},
	}
	for _, tt := range tests {
		if s := pct("x", tt.lang, tt.sentence, tt.surface, 1); (s.direction != 0) != tt.change {
			t.Errorf("%q: direction %d, want a change %v", tt.sentence, s.direction, tt.change)
		}
	}
	rate := pct("a", "en", "After a one-off charge, Lumen's effective tax rate dropped to 13%, the company said.", "13%", 13)
	fall := pct("b", "en", "After a one-off charge, Lumen's net profit fell 12%, the company said.", "12%", 12)
	wantApart(t, rate, fall, "a tax rate reached and a profit's fall")
}

// TestMilestone reads a figure something is heading for, or money sought, apart from where
// it stands.
func TestMilestone(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              bool
	}{
		{"Demand pushed Lumen toward a $200 billion valuation.", "$200 billion", true},
		{"The deal brings Lumen within range of a $200 billion valuation.", "$200 billion", true},
		{"Lumen is nearing 1 gigawatt of capacity.", "1 gigawatt", true},
		{"Lumen closed with a $184 billion market capitalization.", "$184 billion", false},
		{"a $184 billion valuation", "$184 billion", false},
		{"$184 billion", "$184 billion", false},
	}
	for _, tt := range tests {
		if s := signatureOf("x", "en", tt.sentence, tt.surface, 1e9, "USD"); s.target != tt.want {
			t.Errorf("%q: heading for %v, want %v", tt.sentence, s.target, tt.want)
		}
	}
	sought := []struct {
		sentence, surface string
		want              bool
	}{
		{"Lumen is in advanced talks to raise at least $3 billion in a new round.", "at least $3 billion", true},
		{"Lumen mène une levée de fonds destinée à récolter 2,5 milliards de dollars.", "2,5 milliards de dollars", true},
		{"Lumen raised $3 billion in its latest round.", "$3 billion", false},
		{"Lumen plans, after raising $3 billion, to expand.", "$3 billion", false},
	}
	for _, tt := range sought {
		if s := signatureOf("x", "en", tt.sentence, tt.surface, 3e9, "USD"); s.target != tt.want {
			t.Errorf("%q: sought %v, want %v", tt.sentence, s.target, tt.want)
		}
	}
	toward := exactSignature("a", "Lumen shares jumped as demand pushed the company toward a $200 billion valuation.", "$200 billion", 200e9, "USD", "lumen")
	closed := exactSignature("b", "Lumen shares closed with a $184 billion valuation after demand jumped.", "$184 billion", 184e9, "USD", "lumen")
	wantApart(t, toward, closed, "a milestone and the value reached")
}

// TestChangeLastYear reads a change dated a year back as that year's change, not as a past
// value set against today's.
func TestChangeLastYear(t *testing.T) {
	change := signature(claim("a", "https://a.example/1", "en", "Lumen's water use rose 34% last year.", "34%", 34, "percent", "exact"))
	if change.superseded {
		t.Error(`"rose 34% last year" read as a past value`)
	}
	past := signature(claim("b", "https://b.example/1", "en", "Lumen's revenue of $26.2 billion a year earlier.", "$26.2 billion", 26.2e9, "USD", "exact"))
	if !past.superseded {
		t.Error(`"$26.2 billion a year earlier" not read as a past value`)
	}
}

// TestFigureBesideBoth links two differing figures whose sentences give one uncommon figure
// beside them, however few words they share: two outlets' estimates beside one result.
func TestFigureBesideBoth(t *testing.T) {
	a := exactSignature("a", "Data centre revenue reached $51.2 billion, beating the $49.09 billion pencilled in.", "$49.09 billion", 49.09e9, "USD", "lumen")
	b := signature(claim("b", "https://b.example/1", "fr", "Ventes : 51,2 milliards de dollars, pour 50,34 milliards escomptés.",
		"50,34 milliards", 50.34e9, "USD", "exact"), "lumen")
	wantLinked(t, a, b, "two estimates beside one result")
	// The result beside both says which quarter both are of, when one sentence names it.
	quarter := exactSignature("c", "Lumen's revenue for the first quarter was $12.34 billion, short of the $12.6 billion expected.", "$12.6 billion", 12.6e9, "USD", "lumen")
	unnamed := exactSignature("d", "Lumen's revenue grew 9% to $12.34 billion, versus the Wall Street estimated $12.5 billion.", "$12.5 billion", 12.5e9, "USD", "lumen")
	wantLinked(t, quarter, unnamed, "two estimates beside one result, one naming its quarter")
}

// TestTwoNamesSideBySide keeps apart two names' figures in sentences naming both, but not when
// whose figure it is was guessed from a list of names.
func TestTwoNamesSideBySide(t *testing.T) {
	valued := func(id, sentence, surface string, v float64, subject string) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "exact"), subject), "vela", "orbis")
	}
	orbis := valued("a", "Vela is now the most valuable private company, ahead of Orbis, valued at $90 billion.", "$90 billion", 90e9, "Orbis")
	vela := valued("b", "A share sale values Vela at $110 billion, ahead of Orbis as the most valuable private company.", "$110 billion", 110e9, "Vela")
	wantApart(t, orbis, vela, "two names' valuations side by side")
	listed := valued("c", "Vela, Orbis, Lumen and Nordvolt projected combined capital expenditures of at least $215 billion.", "$215 billion", 215e9, "Nordvolt")
	listedAgain := valued("d", "Vela, Orbis, Lumen and Nordvolt announced combined capital expenditures surpassing $280 billion.", "$280 billion", 280e9, "Lumen")
	wantLinked(t, listed, listedAgain, "one combined figure given to two of a list of names")
}

// TestAmountsApart: percentages beside two amounts are of two things; beside one amount told in
// two currencies, or of none, they may be one.
func TestAmountsApart(t *testing.T) {
	pct := func(id, sentence, surface string, v float64) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "percent", "exact"), "Orbis"), "orbis")
	}
	cloud := pct("a", "Orbis Cloud revenue grew 24% to $35.6 billion in the fourth quarter.", "24%", 24)
	ads := pct("b", "Orbis advertising revenue grew 22% to $21.3 billion in the fourth quarter.", "22%", 22)
	wantApart(t, cloud, ads, "growth of two amounts")
	inEuros := pct("c", "Orbis Cloud revenue grew 22% to 32.1 billion euros in the fourth quarter.", "22%", 22)
	wantLinked(t, cloud, inEuros, "growth of one amount in two currencies")
	bare := pct("d", "Orbis Cloud revenue grew 22% in the fourth quarter.", "22%", 22)
	if amountsApart(cloud, bare) {
		t.Error("an amount and none: amounts apart")
	}
	// Sums raised at two valuations are two rounds; at one valuation, one round misreported.
	raise := func(id, sentence, surface string, v float64, q string) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", q), "Orbis"), "orbis")
	}
	january := raise("e", "Orbis raised $25 billion in a funding round at a $350 billion valuation.", "$25 billion", 25e9, "exact")
	may := raise("f", "Orbis raised at least $30 billion in a funding round at a $900 billion valuation.", "at least $30 billion", 30e9, "at_least")
	wantApart(t, january, may, "two rounds at two valuations")
	closed := raise("g", "Orbis raised $30 billion in a funding round at a $350 billion valuation.", "$30 billion", 30e9, "exact")
	wantLinked(t, january, closed, "one round at one valuation, its sum misreported")
	// A sentence printed ten times too large throughout: its other amount is the other's too.
	segment := func(id, lang, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", lang, sentence, surface, v, "USD", "exact"), "orbis")
	}
	slipped := segment("h", "fr", "Le chiffre d'affaires du calcul d'Orbis s'est élevé à 430 milliards de dollars, tandis que celui du réseau s'est établi à 82 milliards de dollars.",
		"430 milliards de dollars", 430e9)
	printed := segment("i", "en", "Orbis compute accounted for $43 billion of revenue, while networking contributed $8.2 billion.", "$43 billion", 43e9)
	wantLinked(t, slipped, printed, "one segment's revenue, one sentence printed ten times too large")
	// A figure's own conversion is no other amount of its sentence.
	subsidy := func(id, sentence, surface string, v float64, unit string) *Signature {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, "exact")
		c.Published = time.Date(2025, 7, 25, 0, 0, 0, 0, time.UTC) // a euro at $1.17: the two disagree
		return signature(c, "lumen", "magdeburg")
	}
	converted := subsidy("j", "Lumen stands to lose the €10 billion ($11.7 billion) in subsidies it was set to receive for Magdeburg.", "€10 billion", 10e9, "EUR")
	inDollars := subsidy("k", "With public subsidies of $10 billion, the total cost of the Magdeburg plant of Lumen would have exceeded 20 billion.", "$10 billion", 10e9, "USD")
	wantLinked(t, converted, inDollars, "one subsidy, its conversion beside it and another outlet's total beside the other")
}

// TestObserverSubject reads "Wall Street", "analysts" as who expected a result, not whose it is.
func TestObserverSubject(t *testing.T) {
	for _, subject := range []string{"Wall Street", "analysts", "les analystes", "le consensus"} {
		s := signature(subjectOf(claim("a", "https://a.example/1", "en", "Lumen's revenue reached $12.34 billion, ahead of what Wall Street expected.",
			"$12.34 billion", 12.34e9, "USD", "exact"), subject))
		if len(s.subjectNames) != 0 {
			t.Errorf("subject %q: subject names %v, want none", subject, s.subjectNames)
		}
	}
}

// TestComparedNameNotSubject reads a name the sentence compares its subject with as no subject.
func TestComparedNameNotSubject(t *testing.T) {
	s := signature(subjectOf(claim("a", "https://a.example/1", "fr", "Avec ses 200 mégawatts, ce campus sera plus puissant que celui de Lumen.",
		"200 mégawatts", 200, "MW", "exact"), "Lumen"))
	if len(s.subjectNames) != 0 {
		t.Errorf("subject names %v hold the name compared with", s.subjectNames)
	}
	own := signature(subjectOf(claim("b", "https://b.example/1", "fr", "Avec ses 200 mégawatts, le campus de Lumen sera plus puissant que prévu.",
		"200 mégawatts", 200, "MW", "exact"), "Lumen"))
	if len(own.subjectNames) == 0 {
		t.Error("the campus's owner is no subject name")
	}
	shaped := signature(subjectOf(claim("c", "https://c.example/1", "fr", "Le campus de 30 000 mètres carrés, qui rappelle la Tour Lumen par sa silhouette, ouvrira en 2027.",
		"30 000 mètres carrés", 30000, "m2", "exact"), "Tour Lumen"))
	if len(shaped.subjectNames) != 0 {
		t.Errorf("subject names %v hold the name a shape recalls", shaped.subjectNames)
	}
}

// TestHedgedAgreementOfTwoNames keeps apart two figures of two names that agree only through a
// hedge, one name never named by the other's sentence: Lumen's $15.2 billion for the Gulf and
// Orbis's deal with Lumen worth "up to $19.4 billion".
func TestHedgedAgreementOfTwoNames(t *testing.T) {
	gulf := signature(subjectOf(claim("a", "https://a.example/1", "en", "Lumen announced a $15.2 billion investment in the Gulf through 2029.",
		"$15.2 billion", 15.2e9, "USD", "exact"), "Lumen"), "lumen", "gulf")
	deal := signature(subjectOf(claim("b", "https://b.example/1", "en", "Orbis signed a deal with Lumen worth up to $19.4 billion through 2029.",
		"up to $19.4 billion", 19.4e9, "USD", "up_to"), "Orbis"), "orbis", "lumen")
	wantApart(t, gulf, deal, "Lumen's $15.2 billion and Orbis's deal of up to $19.4 billion")
	again := signature(subjectOf(claim("c", "https://c.example/1", "en", "Orbis's deal with Lumen is worth $19.4 billion through 2029.",
		"$19.4 billion", 19.4e9, "USD", "exact"), "Orbis"), "orbis", "lumen")
	wantLinked(t, deal, again, "Orbis's deal told twice")
}

// TestRecipientsApart keeps apart two awards one giver announces in the same words, each to a
// recipient the other's story never names, and links two figures of one recipient's award.
func TestRecipientsApart(t *testing.T) {
	award := func(id, sentence, surface string, v float64) claimwire.Claim {
		return subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "up_to"), "Department of Commerce")
	}
	lumen := award("a", "The Department of Commerce agreed to award Lumen up to $7.86 billion in direct funding under the Orbis Act.", "up to $7.86 billion", 7.86e9)
	vela := subjectOf(award("b", "Today the Department of Commerce awarded Vela Technology up to $6.165 billion in direct funding under the Orbis Act.", "up to $6.165 billion", 6.165e9), "Vela Technology")
	lumenAgain := award("c", "The Department of Commerce will award Lumen up to $8.5 billion in direct funding under the Orbis Act.", "up to $8.5 billion", 8.5e9)
	lumenStory := []string{"lumen", "department", "commerce", "orbis"}
	velaStory := []string{"vela", "technology", "department", "commerce", "orbis"}
	wantApart(t, signature(lumen, lumenStory...), signature(vela, velaStory...), "two recipients' awards")
	wantLinked(t, signature(lumen, lumenStory...), signature(lumenAgain, lumenStory...), "one recipient's award, told two ways")
}

// TestChangeOfMeasureAfter reads what a change changes from the complement after its number,
// past words qualifying the change: two years' revenue growth of one company stay two facts.
func TestChangeOfMeasureAfter(t *testing.T) {
	growth := func(id, sentence, surface string, v float64, published time.Time) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "percent", "exact"), "Orbis")
		c.Published = published
		return signature(c, "orbis")
	}
	thisYear := growth("a", "Orbis reported an increase of 9.3% on a comparable basis in its revenue.", "9.3%", 9.3,
		time.Date(2025, 10, 14, 0, 0, 0, 0, time.UTC))
	lastYear := growth("b", "Orbis revenue grew 10.6% on the previous year.", "10.6%", 10.6,
		time.Date(2024, 4, 16, 0, 0, 0, 0, time.UTC))
	if !thisYear.measures["revenue"] {
		t.Errorf("measures %v, want the revenue the complement names", thisYear.measures)
	}
	wantApart(t, thisYear, lastYear, "two years' revenue growth")
}

// TestRankCountsNothing keeps a rank ("one of the top five hubs") from any count it differs
// from: it says where a thing stands, not how many there are.
func TestRankCountsNothing(t *testing.T) {
	hubs := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "hubs", "orbis", "vela")
	}
	two := hubs("a", "Vela is the only country in the region with two major hubs, says Orbis.", "two major hubs", 2)
	rank := hubs("b", "Orbis wants Vela to become one of the top five internet hubs in the world.", "five internet hubs", 5)
	five := hubs("c", "Orbis says Vela now has five internet hubs in the region.", "five internet hubs", 5)
	if rank.Dim != dimNone {
		t.Errorf("a rank's dimension = %q, want none", rank.Dim)
	}
	wantApart(t, two, rank, "a count and a rank")
	if five.Dim != dimCount {
		t.Errorf("a count's dimension = %q, want %q", five.Dim, dimCount)
	}
	// A headline's verb: the figure counts users.
	users := exactSignature("d", "Lumen Assistants Top 2 Billion Users", "2 Billion Users", 2e9, "users", "lumen")
	if users.Dim != dimCount {
		t.Errorf("\"Top 2 Billion Users\": dimension %q, want %q", users.Dim, dimCount)
	}
}

// TestOutOfTotal reads a count given out of a total as a part of it: "11 of 38 buildings",
// "three of the four", "11 des 38 bâtiments".
func TestOutOfTotal(t *testing.T) {
	for _, tt := range []struct {
		lang, sentence, surface string
		value                   float64
		want                    bool
	}{
		{"en", "It was reported 11 of 38 buildings of Lumen's campus are built.", "11", 11, true},
		{"en", "Vela says 11 of its 38 buildings are built.", "11", 11, true},
		{"en", "Vela says 11 out of 38 buildings are built.", "11", 11, true},
		{"en", "Vela says three of the four buildings are built.", "three", 3, true},
		{"en", "Vela says three of the four buildings are built.", "three of the four buildings", 3, true},
		{"fr", "Vela indique que 11 des 38 bâtiments sont construits.", "11", 11, true},
		{"en", "It was reported 11 buildings of Lumen's campus are built.", "11", 11, false},
		{"en", "Vela says 11 of the buildings are built.", "11", 11, false},
		{"fr", "Vela indique que 11 des bâtiments sont construits.", "11", 11, false},
	} {
		if got := signatureOf("a", tt.lang, tt.sentence, tt.surface, tt.value, "buildings").part; got != tt.want {
			t.Errorf("%q: part %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

// TestShareOf keeps apart shares of two things, each named after "of": people and money.
func TestShareOf(t *testing.T) {
	share := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "percent", "exact"), "vela", "lumen")
	}
	people := share("a", "In Vela, 60% of working-age people use Lumen tools every month, Lumen says.", "60%", 60)
	money := share("b", "In Vela, 67% of money spent goes to Lumen tools every month, Lumen says.", "67%", 67)
	again := share("c", "In Vela, 67% of working-age people use Lumen tools every month, Orbis says.", "67%", 67)
	wantApart(t, people, money, "a share of people and one of money")
	wantLinked(t, people, again, "one share of people, told two ways")
	ratio := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "times", "approx"), "vela", "lumen")
	}
	price := ratio("d", "After the talks, Vela trades at nearly three times Lumen's bid price, traders say.", "nearly three times", 3)
	value := ratio("e", "After the talks, Vela is worth nearly five times Orbis's offer, traders say.", "nearly five times", 5)
	wantApart(t, price, value, "a price three times a bid and a value five times an offer")
}

// TestConstructionJobs reads jobs a clause gives to a build as the building site's, apart from
// a project's jobs in all.
func TestConstructionJobs(t *testing.T) {
	jobs := func(id, sentence, surface string, v float64, qualifier string) *Signature {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "jobs", qualifier)
		c.Measure = "jobs"
		return signature(c, "lumen", "vela")
	}
	total := jobs("a", "The phased buildout of Lumen's Vela campus is projected to create more than 3,000 jobs.", "more than 3,000 jobs", 3000, "more_than")
	during := jobs("b", "Lumen said its Vela campus would create around 2,000 jobs during a 10-15 year construction process.", "around 2,000 jobs", 2000, "approx")
	site := jobs("c", "Lumen's Vela campus will bring 2,000 jobs throughout its build.", "2,000 jobs", 2000, "exact")
	if !during.measures["jobs/construction"] || total.measures["jobs/construction"] {
		t.Fatalf("measures %v and %v, want jobs/construction for the build's only", during.measures, total.measures)
	}
	wantApart(t, total, during, "a project's jobs and its building site's")
	wantLinked(t, during, site, "the building site's jobs, told two ways")
}

// TestThousandfold links one count of one glossary metric written a scale word apart, the same
// digits a thousand times apart: "deux milliards d'utilisateurs" misprinted "two million users".
func TestThousandfold(t *testing.T) {
	users := func(id, lang, sentence, surface string, v float64) *Signature {
		c := claim(id, "https://"+id+".example/1", lang, sentence, surface, v, "users", "more_than")
		c.Metric = "lumen/users"
		return signature(c, "lumen", "vela", "orbis")
	}
	billions := users("a", "fr", "Les réponses Vela de Lumen génèrent déjà plus de deux milliards d'utilisateurs mensuels.", "plus de deux milliards d'utilisateurs", 2e9)
	millions := users("b", "en", "Lumen's Vela answers already have over two million monthly users.", "over two million monthly users", 2e6)
	wantLinked(t, billions, millions, "two billion users misprinted two million")
	// A misprint changes the scale word, not the hedge: a headcount "about" a thousand is no
	// misprint of a million people to train.
	people := func(id, lang, sentence, surface string, v float64, qualifier string) *Signature {
		c := claim(id, "https://"+id+".example/1", lang, sentence, surface, v, "people", qualifier)
		c.Metric = "lumen/people"
		return signature(c, "lumen", "vela", "orbis")
	}
	staff := people("c", "en", "Lumen, which employs about 1,000 people in Vela, did not say how many jobs the investment would create.", "about 1,000 people", 1e3, "approx")
	trained := people("d", "fr", "Parallèlement, Lumen s'engage à former un million de personnes à Vela d'ici 2027.", "un million de personnes", 1e6, "exact")
	wantApart(t, staff, trained, "about a thousand employed and a million to train")
}

// TestMetricNeedsSupport keeps apart two stories' counts the glossary gives one metric when
// their sentences share almost nothing: two supercomputers' GPUs are both "lumen/gpus" to it.
func TestMetricNeedsSupport(t *testing.T) {
	gpus := func(id, sentence, surface string, v float64) claimwire.Claim {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "GPUs", "exact")
		c.Metric = "lumen/gpus"
		return c
	}
	orbis := gpus("a", "Orbis relies on 364 nodes, backed by 1,456 Lumen H100 GPUs.", "1,456 Lumen H100 GPUs", 1456)
	kestrel := gpus("b", "Kestrel packs 1,528 Lumen H100 GPUs on a single floor.", "1,528 Lumen H100 GPUs", 1528)
	// The two stories share one word of eight, the glossary's company.
	orbisStory := []string{"lumen", "orbis", "vela", "campus", "nodes", "grant", "upgrade", "ministry"}
	kestrelStory := []string{"lumen", "kestrel", "norden", "harbor", "pension", "fund", "fjord", "rack"}
	wantApart(t, signature(orbis, orbisStory...), signature(kestrel, kestrelStory...), "two supercomputers' GPUs")
	wantLinked(t, signature(orbis, orbisStory...), signature(kestrel, orbisStory...), "one supercomputer's GPUs, told two ways")
	// Nor do two figures of one story that differ and share no words: the country's sites and
	// a region's, each told in an article on the country's sites.
	sites := func(id, sentence, surface string, v float64) claimwire.Claim {
		c := claim(id, "https://"+id+".example/1", "fr", sentence, surface, v, "sites", "exact")
		c.Metric = "lumen/sites"
		return c
	}
	story := []string{"lumen", "vela", "orbis", "kestrel"}
	country := sites("c", "Leur nombre oscillerait entre 250 (d'après Orbis) et 315 (selon Kestrel).", "250", 250)
	region := sites("d", "Beaucoup de ces sites se trouvent en région Vela, où il y en a 136.", "136", 136)
	wantApart(t, signature(country, story...), signature(region, story...), "a country's count and a region's, sharing no words")
	// The glossary may give one story's count two subjects, the nearest term of each sentence:
	// the measure is the same, the story and the words say it is one thing's.
	buildings := func(id, sentence, surface string, v float64, metric string) *Signature {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "buildings", "exact")
		c.Metric = metric
		return signature(c, "lumen", "vela", "louisiana")
	}
	complex := buildings("e", "Construction began on Lumen's biggest data center yet: a $10 billion complex of nine buildings in Louisiana, housing its servers.",
		"nine buildings", 9, "data-centres/buildings")
	campus := buildings("f", "Lumen's Vela campus in north Louisiana is projected to use 2 gigawatts of power by 2030 and span 11 buildings across 2,250 acres.",
		"11 buildings", 11, "lumen/buildings")
	wantLinked(t, complex, campus, "one story's buildings, the glossary giving them two subjects")
}

// TestSpecificity reads how precise a figure is from its significant digits.
func TestSpecificity(t *testing.T) {
	for v, want := range map[float64]float64{
		10: 0, 300: 0, 2e9: 0, 18: 0.5, 650: 0.5, 2.5: 0.5, 5.8e9: 0.5, 473: 1, 1661: 1, 3.785411784e6: 1, 0: 0,
	} {
		if got := specificity(v); got != want {
			t.Errorf("specificity(%g) = %g, want %g", v, got, want)
		}
	}
	// A figure scaled from its words carries the binary error of the product: 8.2 billion is
	// read 8.199999999999999e9, still two digits as written.
	billion := 1e9
	if scaled := 8.2 * billion; specificity(scaled) != 0.5 {
		t.Errorf("specificity(%v) = %g, want 0.5 as for 8.2e9", scaled, specificity(scaled))
	}
}

// TestValueCloseness weighs two sources agreeing on a round figure (30%, which recurs across
// the facts of a story) less than on a precise one (37.4%).
func TestValueCloseness(t *testing.T) {
	exact := func(v float64) Reading { return Read(v, nil, "exact", false) }
	tests := []struct {
		name string
		a, b Reading
		want float64
	}{
		{"same precise figure", exact(37.4), exact(37.4), 1},
		{"same round figure", exact(30), exact(30), roundAgreement},
		{"round figures a reader finds compatible", Read(30, nil, "approx", false), exact(31), 0.8 * (roundAgreement + (1-roundAgreement)*0.5)},
		{"one figure in two currencies, misreported", Reading{Lo: 4.6e9, Hi: 4.7e9, Point: 4.65e9, Stated: 5e9}, Reading{Lo: 4.9e9, Hi: 5.1e9, Point: 5e9, Stated: 5e9}, 1},
		{"a factor of two", exact(30), exact(60), 1.0 / 3},
		{"a figure near a bound it agrees with", Read(40, nil, "up_to", false), exact(35), 0.8 * (roundAgreement + (1-roundAgreement)*0.5)},
		{"a figure half a bound it agrees with", Read(40, nil, "up_to", false), exact(20), 1.0 / 3},
	}
	for _, tt := range tests {
		v, _ := Compare(tt.a, tt.b)
		if got := valueCloseness(tt.a, tt.b, v); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: valueCloseness = %.3f, want %.3f", tt.name, got, tt.want)
		}
	}
}

// TestWideRange weighs a figure agreeing with a wide range ("campuses of 500 MW to 2 GW", which
// every figure of the kind agrees with) under half what agreeing with a narrow one weighs.
func TestWideRange(t *testing.T) {
	upTo := func(v float64) *float64 { return &v }
	figure := Read(1200, nil, "exact", false)
	wide, narrow := Read(500, upTo(2000), "range", false), Read(1100, upTo(1300), "range", false)
	w, _ := Compare(wide, figure)
	n, _ := Compare(narrow, figure)
	if w != Agree || n != Agree {
		t.Fatalf("verdicts %v, %v: both ranges hold 1,200", w, n)
	}
	if cw, cn := valueCloseness(wide, figure, w), valueCloseness(narrow, figure, n); cw >= cn/2 {
		t.Errorf("closeness to the wide range %.3f, to the narrow one %.3f", cw, cn)
	}
}

// linkCase is a pair of claims and whether Score links them.
type linkCase struct {
	name string
	a, b *Signature
	link bool
}

// checkLinks runs each case as a subtest.
func checkLinks(t *testing.T, tests []linkCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if l := Score(tt.a, tt.b); (l.Score >= LinkMinScore) != tt.link {
				t.Errorf("Score = %.3f (shared %v), want link %v", l.Score, l.Shared, tt.link)
			}
		})
	}
}

// TestScoreConversion links a figure an article gives in two currencies, and keeps apart two
// figures of one article. An article's own conversion next to its figure is one figure at the
// writer's rate, however far that is from ours; a restatement elsewhere in the article must be
// close at ours, not agree only through a hedge.
func TestScoreConversion(t *testing.T) {
	published := time.Date(2024, 6, 12, 0, 0, 0, 0, time.UTC)
	of := func(id, sentence, surface string, v float64, unit, qualifier string) *Signature {
		c := claim(id, "https://a.example/1", "en", sentence, surface, v, unit, qualifier)
		c.Published = published
		return signature(c, "company")
	}
	round := "The round values the company at 3.4 billion euros, or about $3.7 billion, and 0.9 billion euros more."
	// At June 2024's rate (1.08 $/€) $14.5bn is €13.4bn, 12% more than €12 billion.
	act := "The €12 billion ($14.5bn) grant scheme for fibre was approved last spring."
	// Two sentences of one article.
	// June 2024's rate (170 ¥/€) puts ¥950 billion at €5.6 billion: the writer's €5.8 billion.
	equivalent := "Lumen recevra 950 milliards de yens (l’équivalent de 5,8 Md€) pour son usine."
	bids, raise := "Bidders plan to invest more than €40 billion in the venture.", "The venture will raise up to $90 billion, its bidders said."
	tests := []linkCase{
		{"a conversion after a comma", of("a", round, "3.4 billion euros", 3.4e9, "EUR", "exact"),
			of("b", round, "about $3.7 billion", 3.7e9, "USD", "approx"), true},
		{"a conversion in brackets at the writer's rate", of("a", act, "€12 billion", 12e9, "EUR", "exact"),
			of("b", act, "$14.5bn", 14.5e9, "USD", "exact"), true},
		{"two figures in one currency", of("a", round, "3.4 billion euros", 3.4e9, "EUR", "exact"),
			of("c", round, "0.9 billion euros", 0.9e9, "EUR", "exact"), false},
		{"two currencies agreeing through a hedge", of("a", bids, "more than €40 billion", 40e9, "EUR", "more_than"),
			of("b", raise, "up to $90 billion", 90e9, "USD", "up_to"), false},
		{"a conversion told as its equivalent", of("a", equivalent, "950 milliards de yens", 950e9, "JPY", "exact"),
			of("b", equivalent, "5,8 Md€", 5.8e9, "EUR", "exact"), true},
		{"a restatement in another currency", of("a", "Investors now value the startup at $4 billion.", "$4 billion", 4e9, "USD", "exact"),
			of("b", "Investors value the startup at 3.7 billion euros.", "3.7 billion euros", 3.7e9, "EUR", "exact"), true},
	}
	checkLinks(t, tests)
	// No writer's rate puts a figure four times its conversion: after "or", a total.
	gain := "Its founder's fortune grew by about $100 billion, or nearly 360 billion euros in all."
	if converts(of("a", gain, "about $100 billion", 100e9, "USD", "approx"), of("b", gain, "nearly 360 billion euros", 360e9, "EUR", "approx")) {
		t.Error("a gain and the total it brings read as one figure converted")
	}
	// The conversion joins its figure's fact, and the fact shows no disagreement for it, even
	// with another outlet stating the figure.
	euros := of("a", act, "€12 billion", 12e9, "EUR", "exact")
	dollars := of("b", act, "$14.5bn", 14.5e9, "USD", "exact")
	if fact, _ := Assign(dollars, []Candidate{{Signature: euros, Fact: "a"}}); fact != "a" {
		t.Errorf("the conversion began fact %s, want a", fact)
	}
	other := claim("c", "https://b.example/1", "en", "The €12 billion scheme opened to bids in September.", "€12 billion", 12e9, "EUR", "exact")
	other.Published = published
	ca := claim("a", "https://a.example/1", "en", act, "€12 billion", 12e9, "EUR", "exact")
	cb := claim("b", "https://a.example/1", "en", act, "$14.5bn", 14.5e9, "USD", "exact")
	ca.Published, cb.Published = published, published
	members := []Member{{Claim: &ca, Fact: "a"}, {Claim: &cb, Fact: "a", Score: 1}, {Claim: &other, Fact: "a", Score: 0.8}}
	if groups := Conflicts(members); len(groups) != 0 {
		t.Errorf("an article's conversion reported as a conflict: %+v", groups)
	}
	// A headline giving the figure as the body converts it, at a rate ours reads apart: the
	// body's figure still joins the fact the headline's joined.
	headline := of("h", "Lumen to invest $14.5 billion in fibre in Vela", "$14.5 billion", 14.5e9, "USD", "exact")
	body := of("s", act, "€12 billion", 12e9, "EUR", "exact")
	elsewhere := claim("o", "https://b.example/1", "en", "Lumen will spend €12 billion on fibre in Vela.", "€12 billion", 12e9, "EUR", "exact")
	elsewhere.Published = published
	if fact, _ := Assign(body, []Candidate{{signature(elsewhere, "company"), "f"}, {headline, "f"}}); fact != "f" {
		t.Errorf("the body's figure began fact %s, kept from the fact of its headline's conversion", fact)
	}
}

// TestScoreOneSentence keeps apart two numbers of one sentence, even alike, and links a number
// the sentence restates in another unit.
func TestScoreOneSentence(t *testing.T) {
	of := func(sentence, surface string, v float64, unit string) *Signature {
		return signature(claim(surface, "https://a.example/1", "en", sentence, surface, v, unit, "exact"), "campus")
	}
	counts := "Lille has 6 data centres and Nantes has 6 data centres too."
	first := of(counts, "6 data centres", 6, "data centres")
	// The second number: the same surface, further on, which the claim does not say.
	second := claim("second", "https://a.example/1", "en", counts, "6 data centres", 6, "data centres", "exact")
	margins := "Over the season the two plants ran at 71.5% and 72.0% of their capacity."
	power := "The campus will draw 1.4 GW (1,400 MW) from the grid."
	chips := "The lab will install 30,000 more B300 boards beside 30,000 new MI400 boards."
	flops := "The machine reaches 16 petaflops, or 16 million billion operations per second."
	distances := "The site will stand about a hundred metres from homes, 100 metres from a school."
	tests := []linkCase{
		{"one figure given to two things", of(distances, "about a hundred metres", 100, "m"), of(distances, "100 metres", 100, "m"), false},
		{"two close shares", of(margins, "71.5%", 71.5, "percent"), of(margins, "72.0%", 72, "percent"), false},
		{"one number before two things", of(chips, "30,000 more B300 boards", 30000, "boards"), of(chips, "30,000 new MI400 boards", 30000, "boards"), false},
		{"one figure written twice with its digits", of(flops, "16 petaflops", 16, "petaflops"), of(flops, "16 million billion operations per second", 1.6e16, "flops"), true},
		{"one power in two units", of(power, "1.4 GW", 1.4, "GW"), of(power, "1,400 MW", 1400, "MW"), true},
	}
	checkLinks(t, tests)
	if l := Score(first, signature(second, "campus")); l.Score >= LinkMinScore {
		t.Errorf("two equal counts of one sentence linked: %.3f (shared %v)", l.Score, l.Shared)
	}
	// One sentence an article repeats (its lead under the headline) states one fact.
	once := "Since 2016 the campus in Strasbourg has grown to 6."
	if l := Score(of(once, "6", 6, "data centres"), signature(claim("again", "https://a.example/1", "en", once, "6", 6, "data centres", "exact"), "campus")); l.Score < LinkMinScore {
		t.Errorf("a repeated sentence's figure not linked to itself: %.3f", l.Score)
	}
}

// TestSameCurrency compares two dollar figures in dollars: converted to euros at the rates of
// January 2025 (1.035 $/€) and July 2025 (1.168 $/€), "$60 billion to $65 billion" and "between
// $70 billion and $72 billion" would overlap.
func TestSameCurrency(t *testing.T) {
	jan := claim("a", "https://a.example/1", "en", "Meta projected capital expenditures of $60 billion to $65 billion.", "$60 billion to $65 billion", 60e9, "USD", "range")
	jan.ValueMax, jan.Published = f(65e9), time.Date(2025, 1, 24, 0, 0, 0, 0, time.UTC)
	jul := claim("b", "https://b.example/1", "en", "Meta projected capital expenditures between $70 billion and $72 billion.", "between $70 billion and $72 billion", 70e9, "USD", "range")
	jul.ValueMax, jul.Published = f(72e9), time.Date(2025, 7, 31, 0, 0, 0, 0, time.UTC)
	a, b := signature(jan, "meta"), signature(jul, "meta")
	if v, _ := Compare(a.Reading, b.Reading); v != Agree {
		t.Fatalf("in euros the figures %v; the test no longer shows why dollars are compared in dollars", v)
	}
	if v, _ := Compare(readings(a, b)); v != Disagree {
		t.Errorf("$60-65bn and $70-72bn: %v, want disagree", v)
	}
	groups := Conflicts([]Member{{Claim: &jan, Fact: "a"}, {Claim: &jul, Fact: "a", Score: 0.8}})
	if len(groups) != 1 || groups[0].Disagreements != 1 {
		t.Errorf("Conflicts = %+v, want one group with one disagreement", groups)
	}
}

// TestSameFigure checks which statements write one figure: the same amount in two currencies
// (one of them misreported), one power in two scales, and three uncommon digits ten or a
// thousand times apart (a decimal point or a scale misprinted) are, so are two precise figures
// ten times apart that agree once scaled; 19 MW and 19 GW, or 15 million and 15 billion, are not.
func TestSameFigure(t *testing.T) {
	c := func(v float64, unit string) Reading {
		cl := claim("x", "", "en", "", "", v, unit, "exact")
		_, r, _ := readValue(&cl)
		return r
	}
	upTo := func(v float64, unit string) Reading {
		cl := claim("x", "", "en", "", "", v, unit, "up_to")
		_, r, _ := readValue(&cl)
		return r
	}
	// Figures of one currency are compared in it (readings).
	native := func(v float64, unit string) Reading {
		cl := claim("x", "", "en", "", "", v, unit, "exact")
		_, _, r := readValue(&cl)
		return r
	}
	tests := []struct {
		name string
		a, b Reading
		want bool
	}{
		{"$5bn and €5bn", c(5e9, "USD"), c(5e9, "EUR"), true},
		{"2.5 GW and 2,500 MW", c(2.5, "GW"), c(2500, "MW"), true},
		{"19 MW and 19 GW", c(19, "MW"), c(19, "GW"), false},
		{"105 million and 105 billion euros", c(105e6, "EUR"), c(105e9, "EUR"), true},
		{"1.25 GW and 1.25 MW", c(1.25, "GW"), c(1.25, "MW"), true},
		{"15 million and 15 billion euros", c(15e6, "EUR"), c(15e9, "EUR"), false},
		{"105 and 105 million euros", c(105, "EUR"), c(105e6, "EUR"), true},
		{"105 and 10,500 euros", c(105, "EUR"), c(10500, "EUR"), false},
		// A decimal point moved: "570,1 milliards" for 57.01 billion.
		{"570.1 billion and 57.01 billion dollars", c(570.1e9, "USD"), c(57.01e9, "USD"), true},
		{"43 billion and 430 billion dollars", c(43e9, "USD"), c(430e9, "USD"), false},
		{"21.3 billion and 213.4 billion dollars", c(21.3e9, "USD"), c(213.4e9, "USD"), false},
		// A precise figure's decimal point moved, the other outlet rounding it.
		{"4.72063 trillion and 47.21 trillion won", native(4.72063e12, "KRW"), native(47.21e12, "KRW"), true},
		{"4.72063 trillion and 47.35 trillion won", native(4.72063e12, "KRW"), native(47.35e12, "KRW"), false},
		// A precise figure rounded, a scale word off: "12 millions de tonnes" for 12,020 tonnes.
		// Not rounded from it, nor ten times apart.
		{"12 million and 12,020 tonnes", c(12e6, "tonnes"), c(12020, "tonnes"), true},
		{"12 million and 12,720 tonnes", c(12e6, "tonnes"), c(12720, "tonnes"), false},
		{"1.2 million and 121,830 tonnes", c(1.2e6, "tonnes"), c(121830, "tonnes"), false},
		// Nor a bound, which agrees with every figure on its side.
		{"up to 360,000 and 355.1 million gallons", upTo(360000, "gallons"), c(355.1e6, "gallons"), false},
		{"360,000 and 360.1 million gallons", c(360000, "gallons"), c(360.1e6, "gallons"), true},
		// A gallon is 3.785… litres: the conversion's digits do not make 1 million precise.
		{"1 million and 1 billion gallons", c(1e6, "gallons"), c(1e9, "gallons"), false},
		{"105 million and 105 billion gallons", c(105e6, "gallons"), c(105e9, "gallons"), true},
	}
	for _, tt := range tests {
		if got := sameFigure(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: sameFigure = %v, want %v (%+v, %+v)", tt.name, got, tt.want, tt.a, tt.b)
		}
	}
}

// TestScoreMisprintedQuarter links a quarter's figure and the same figure misprinted ten times
// over in a sentence naming no quarter: one figure, not two periods; not a differing figure.
func TestScoreMisprintedQuarter(t *testing.T) {
	quarter := signature(claim("a", "https://a.example/1", "en", "Lumen's third-quarter data centre revenue reached $51.24 billion, beating estimates.", "$51.24 billion", 51.24e9, "USD", "exact"), "lumen")
	of := func(id, surface string, v float64) *Signature {
		sentence := "Lumen's data centre revenue reached " + surface + ", beating estimates."
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "exact"), "lumen")
	}
	checkLinks(t, []linkCase{
		{"misprinted", quarter, of("b", "$512.4 billion", 512.4e9), true},
		{"another figure", quarter, of("c", "$43.3 billion", 43.3e9), false},
	})
}

// TestScoreSlippedAlike links a sentence printed at the wrong scale throughout with the same
// sentence printed right: its figure and the other it gives stand ten times apart alike.
func TestScoreSlippedAlike(t *testing.T) {
	right := signature(claim("a", "https://a.example/1", "en", "Lumen expects revenue of $65.0 billion for the fourth quarter, ahead of the $61.98 billion analysts expected.", "$65.0 billion", 65e9, "USD", "exact"), "lumen")
	of := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "approx"), "lumen")
	}
	checkLinks(t, []linkCase{
		{"misprinted throughout", right, of("b", "Lumen forecast revenue of about $650 billion for the quarter, beating the $619.8 billion expected by analysts.", "about $650 billion", 650e9), true},
		{"the other figure right", right, of("c", "Lumen forecast revenue of about $650 billion for the quarter, beating the $61.98 billion expected by analysts.", "about $650 billion", 650e9), false},
	})
	// Two figures of two significant digits each, misprinted alike: four digits written the
	// same in both sentences.
	compute := signature(claim("d", "https://d.example/1", "en", "Lumen's compute revenue reached $37 billion in the quarter, while networking brought in $6.4 billion.", "$37 billion", 37e9, "USD", "exact"), "lumen")
	checkLinks(t, []linkCase{
		{"two short figures misprinted alike", compute, of("e", "Lumen's compute revenue reached $370 billion in the quarter, while networking brought in $64 billion.", "$370 billion", 370e9), true},
		{"the other short figure unlike", compute, of("f", "Lumen's compute revenue reached $370 billion in the quarter, while networking brought in $61 billion.", "$370 billion", 370e9), false},
	})
	// However unlike the words and stories, and whatever part each sentence says its figure is.
	part := signature(claim("g", "https://g.example/1", "en", "Of $51.2 billion in sales, $8.2 billion came from switches and $43 billion from chips.", "$8.2 billion", 8.2e9, "USD", "exact"),
		"lumen", "orbis", "vela", "kestrel")
	misprinted := signature(claim("h", "https://h.example/1", "en", "Calculation brought 430 billion dollars, while networking stood at 82 billion dollars.", "82 billion dollars", 82e9, "USD", "exact"),
		"lumen", "quill", "ravel", "tessel", "osprey")
	if !part.part || misprinted.part {
		t.Fatalf("part %v and %v, want true and false", part.part, misprinted.part)
	}
	checkLinks(t, []linkCase{{"a part misprinted in another story", part, misprinted, true}})
}

// TestScoreParallelFigures links the figures two sentences give at one place beside the same
// other figure, in whatever unit: the start of one change told in gallons and in litres. Not the
// items of two lists that give one item at the same place and theirs at two, nor two pairs of
// round sums.
func TestScoreParallelFigures(t *testing.T) {
	of := func(id, lang, sentence, surface string, v float64, unit string, topic ...string) *Signature {
		return signature(claim(id, "https://"+id+".example/1", lang, sentence, surface, v, unit, "exact"), topic...)
	}
	gallons := of("a", "en", "At the Lumen campuses, consumption went from 1.13 billion gallons in 2019 to 1.85 billion gallons in 2023, the paper said.",
		"1.13 billion gallons", 1.13e9, "gallons", "lumen")
	litres := of("b", "en", "County data show water use around Orbis Park (home to 70 per cent of traffic) was up by two-thirds, from 5 billion litres to 7 billion litres.",
		"5 billion litres", 5e9, "litres", "orbis", "park")
	pairedLists := of("c", "en", "County data show water use around Orbis Park (home to 70 per cent of traffic) was up by two-thirds, from 5 billion litres to 9 billion litres.",
		"5 billion litres", 5e9, "litres", "orbis", "park")
	checkLinks(t, []linkCase{
		{"one change's start, in gallons and in litres", gallons, litres, true},
		{"the same start, its end unlike", gallons, pairedLists, false},
	})
	piles := of("d", "en", "Builders laid 46.6 miles of piles, over 120 miles of cables and 72.6 miles of piping at the Vela site.", "over 120 miles", 120*1.609344, "km", "vela")
	piping := of("e", "fr", "Le chantier de Vela compte 75 km de pieux, 193 km de câbles et 117 km de tuyauterie.", "117 km", 117, "km", "vela")
	if parallelFigures(piles, piping) {
		t.Error("a list's cables and another's piping read as given at one place")
	}
	deals := of("f", "fr", "Lumen investira 10 milliards de dollars et Orbis 5 milliards de dollars.", "10 milliards de dollars", 10e9, "USD", "lumen", "orbis")
	plants := of("g", "fr", "Vela dépensera 10 milliards de dollars en Caroline et 5 milliards de dollars à Taïwan.", "10 milliards de dollars", 10e9, "USD", "vela")
	if parallelFigures(deals, plants) {
		t.Error("two pairs of round sums read as one statement's")
	}
}

// TestUnitSlip links one figure written in two units of its dimension, hedged alike: one
// source has the unit wrong. Not a figure and its conversion.
func TestUnitSlip(t *testing.T) {
	space := func(id, lang, sentence, surface string, v float64, unit, q string) *Signature {
		return signature(claim(id, "https://"+id+".example/1", lang, sentence, surface, v, unit, q), "lumen", "vela")
	}
	feet := space("a", "en", "Lumen has secured over one million square feet of manufacturing space across Vela to support the plan.",
		"over one million square feet", 1e6, "sq ft", "more_than")
	metres := space("b", "fr", "Lumen dispose déjà de plus d'un million de mètres carrés d'espace de fabrication à Vela pour ses serveurs.",
		"plus d'un million de mètres carrés", 1e6, "m²", "more_than")
	converted := space("c", "fr", "Lumen dispose déjà de plus de 92 900 mètres carrés d'espace de fabrication à Vela pour ses serveurs.",
		"plus de 92 900 mètres carrés", 92900, "m²", "more_than")
	chip := signature(claim("d", "https://d.example/1", "en", "Each Lumen chip draws about 1.5 kW.", "about 1.5 kW", 1.5, "kW", "approx"), "lumen")
	campus := signature(claim("e", "https://e.example/1", "en", "The Lumen campus in Vela will draw 1.5 GW.", "1.5 GW", 1.5, "GW", "approx"), "lumen")
	if !unitSlip(feet, metres) || unitSlip(feet, converted) || unitSlip(chip, campus) {
		t.Errorf("unit slip: %v for one number in two units, %v for a conversion, %v for two prefixes; want true, false, false",
			unitSlip(feet, metres), unitSlip(feet, converted), unitSlip(chip, campus))
	}
	wantLinked(t, feet, metres, "one figure with its unit misprinted")
	lawn := space("f", "en", "The Lumen campus in Vela uses as much water each day as 7 hectares of lawn.", "7 hectares", 7, "hectares", "exact")
	town := space("g", "en", "Vela, where Lumen runs its campus, covers 7 square miles.", "7 square miles", 7, "sq mi", "exact")
	if unitSlip(lawn, town) {
		t.Error("7 hectares and 7 square miles read as one figure with its unit misprinted")
	}
	if v, _ := Compare(feet.Reading, metres.Reading); v != Disagree {
		t.Errorf("a million square feet and a million square metres: %v, want disagree", v)
	}
}

// TestCountedKinds compares counts of nouns news uses for one another (GPUs and chips, jobs and
// employees, buildings and data centres, allies and countries, fabs and factories), and not
// counts of people with counts of jobs, nor of allies with companies.
func TestCountedKinds(t *testing.T) {
	count := func(id, sentence, surface string, v float64, unit string) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, "exact"), "lumen")
	}
	tests := []struct {
		a, b *Signature
		same bool
	}{
		{count("a", "Lumen will get 18,000 Nvidia GPUs in a first tranche.", "18,000 Nvidia GPUs", 18000, "gpus"),
			count("b", "Lumen's first tranche holds 18,000 chips.", "18,000 chips", 18000, "chips"), true},
		{count("c", "The Lumen campus will support 600 jobs.", "600 jobs", 600, "jobs"),
			count("d", "The Lumen campus employs around 600 employees.", "around 600 employees", 600, "employees"), true},
		{count("e", "Lumen runs seven buildings in Vela.", "seven buildings", 7, "buildings"),
			count("f", "Lumen runs seven data centers in Vela.", "seven data centers", 7, "data centers"), true},
		{count("g", "The Lumen campus will support 600 jobs.", "600 jobs", 600, "jobs"),
			count("h", "The Lumen campus sits near 600 people.", "600 people", 600, "people"), false},
		{count("i", "The Lumen rule exempts 18 allies from its caps.", "18 allies", 18, "allies"),
			count("j", "The Lumen rule exempts 18 countries from its caps.", "18 countries", 18, "countries"), true},
		{count("k", "The Lumen pact unites 18 member states.", "18 member states", 18, "member states"),
			count("l", "The Lumen pact unites 18 nations.", "18 nations", 18, "nations"), true},
		{count("o", "Lumen will build three new fabs in Vela.", "three new fabs", 3, "fabs"),
			count("p", "Lumen will build three new factories in Vela.", "three new factories", 3, "factories"), true},
		{count("q", "The Lumen campus will bring more than 1,000 permanent jobs.", "more than 1,000 permanent jobs", 1000, "jobs"),
			count("r", "The Lumen campus will bring over 1,000 permanent positions.", "over 1,000 permanent positions", 1000, "positions"), true},
		{count("m", "The Lumen rule exempts 18 allies from its caps.", "18 allies", 18, "allies"),
			count("n", "The Lumen rule exempts 18 companies from its caps.", "18 companies", 18, "companies"), false},
	}
	for _, tt := range tests {
		if got := sameCounted(tt.a.Counted, tt.b.Counted); got != tt.same {
			t.Errorf("%s (%v) and %s (%v) counted alike: %v, want %v", tt.a.ID, tt.a.Counted, tt.b.ID, tt.b.Counted, got, tt.same)
		}
	}
}

// TestOneArticleFloor links an article's figure with its own looser floor of it ("over 25%" for
// its 27%), not with a ceiling above another of its figures: a deal's "$17.4 billion" and its
// "up to $20 billion" are two facts.
func TestOneArticleFloor(t *testing.T) {
	const url = "https://a.example/1"
	of := func(id, sentence, surface string, v float64, unit, q string) *Signature {
		return signature(claim(id, url, "en", sentence, surface, v, unit, q), "lumen", "orbis")
	}
	jump := of("a", "Lumen's shares jumped 27% in a single session after the Orbis deal.", "27%", 27, "percent", "exact")
	floor := of("b", "Lumen stock soars over 25% on news of the Orbis deal.", "over 25%", 25, "percent", "more_than")
	wantLinked(t, jump, floor, "an article's figure and its looser floor")
	base := of("c", "Orbis signed a contract with Lumen worth $17.4 billion over five years.", "$17.4 billion", 17.4e9, "USD", "exact")
	ceiling := of("d", "Orbis signed a contract with Lumen worth up to $20 billion over five years.", "up to $20 billion", 20e9, "USD", "up_to")
	wantApart(t, base, ceiling, "an article's base value and its ceiling")
}

// TestListLabels keeps apart the items of one article's list that give one figure to two labels,
// and links a figure its article writes twice.
func TestListLabels(t *testing.T) {
	gpus := func(id, url, sentence string) *Signature {
		return signature(claim(id, url, "en", sentence, "50,000 GPUs", 5e4, "GPUs", "exact"), "lumen", "orbis")
	}
	const list = "https://news.example/who-gets-what"
	lumen := gpus("a", list, "- Lumen: 50,000 GPUs")
	orbis := gpus("b", list, "• Orbis (public sector): ~50,000 GPUs")
	wantApart(t, lumen, orbis, "two labels of one list")
	if fact, _ := Assign(orbis, []Candidate{{lumen, "lumen"}, {gpus("c", "https://other.example/1", "Lumen gets 50,000 GPUs from the deal."), "lumen"}}); fact == "lumen" {
		t.Errorf("Orbis's item joined the fact of Lumen's item of its own list")
	}
	headline := gpus("d", list, "Lumen gets 50,000 GPUs")
	wantLinked(t, lumen, headline, "a list's item and its headline")
	for _, tt := range []struct{ sentence, want string }{
		{"- Lumen: 50,000 GPUs", "Lumen"},
		{"• Orbis (public sector): ~50,000 GPUs", "Orbis (public sector)"},
		{"Lumen gets 50,000 GPUs", ""},
		{"The deal is large. Lumen said: 50,000 GPUs", ""},
	} {
		if got := listLabel(tt.sentence, strings.Index(tt.sentence, "50,000")); got != tt.want {
			t.Errorf("%q: label %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestThinTopic reads an article naming almost nothing (a French release, which capitalises
// little) as no evidence of another story: its figure links on its sentence, where two articles
// naming things, none in common, are two stories.
func TestThinTopic(t *testing.T) {
	money := func(id, sentence, surface string, topic ...string) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "fr", sentence, surface, 7e8, "EUR", "up_to"), topic...)
	}
	release := money("a", "Jusqu'à 700 millions d'euros seront investis pour soutenir la capacité nationale de calcul.", "Jusqu'à 700 millions d'euros", "lumen")
	other := money("b", "Mobilisation des investissements (jusqu'à 700 millions d'euros) pour soutenir la capacité nationale de calcul.", "jusqu'à 700 millions d'euros", "orbis", "vela", "kestrel", "norden")
	named := money("c", "Jusqu'à 700 millions d'euros seront investis pour soutenir la capacité nationale de calcul.", "Jusqu'à 700 millions d'euros", "harbor", "fjord", "pension", "lumen")
	wantLinked(t, release, other, "a figure of an article naming almost nothing")
	wantApart(t, named, other, "one figure in two stories, each naming its own things")
}

// TestScoreRoundedTenfold links a precise figure with its rounding printed ten times larger when
// both sentences name one measure, and not when they name two.
func TestScoreRoundedTenfold(t *testing.T) {
	area := func(id, lang, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", lang, sentence, surface, v, "m²", "exact"), "lumen", "vela")
	}
	precise := area("a", "en", "Lumen's Vela campus has three halls with a combined floor area of 111,483 m² under roof.", "111,483 m²", 111483)
	money := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "exact"), "lumen")
	}
	checkLinks(t, []linkCase{
		{"one area, rounded and misprinted", precise, area("b", "fr", "Le campus Vela de Lumen compte trois bâtiments d'une surface totale de 1,1 million de mètres carrés sous toit.", "1,1 million de mètres carrés", 1.1e6), true},
		{"profit and sales", money("c", "Lumen's net income reached $21.3 billion in the quarter.", "$21.3 billion", 21.3e9), money("d", "Lumen's sales reached $213.4 billion in the quarter.", "$213.4 billion", 213.4e9), false},
		{"a total and a part of it, four digits against two", money("e", "In all, an investment of $172.2 billion in Vela was announced during the visit.", "$172.2 billion", 172.2e9), money("f", "Three firms pledged an investment of $17 billion in Vela.", "$17 billion", 17e9), false},
	})
}

// TestRelativeYear dates figures by "this year", "l'an dernier" and the like from the year
// their article was published.
func TestRelativeYear(t *testing.T) {
	checkAtNumber(t, "year", []numberCase{
		{"The group expects to spend $80 billion on new data centres in its current fiscal year.", "$80 billion", 2025},
		{"La start-up avait levé 105 millions d’euros l’an dernier.", "105 millions", 2024},
		{"Meta investira jusqu'à 65 milliards de dollars l'année prochaine.", "65 milliards", 2026},
		{"Last year it spent $10 billion; this year it plans $20 billion.", "$20 billion", 2025},
		{"Last year it spent $10 billion; this year it plans $20 billion.", "$10 billion", 2024},
		{"The company plans to spend $80 billion.", "$80 billion", 0},
	}, func(cl clause) int { return relativeYear(cl, 2025) })
}

// TestSpanAheadYear dates a figure given over a span of years from its story's day, and keeps it
// apart from another plan's figure for a later year.
func TestSpanAheadYear(t *testing.T) {
	told := time.Date(2024, 4, 10, 0, 0, 0, 0, time.UTC)
	people := func(id, sentence, surface string, v float64, q string) *Signature {
		return publishedSignature(id, sentence, surface, v, "people", q, told, "lumen", "vela")
	}
	ahead := people("a", "Lumen will give AI skills to more than 3 million people over the next three years in Vela.", "more than 3 million people", 3e6, "more_than")
	past := people("b", "Lumen gave AI skills to 3 million people over three years in Vela.", "3 million people", 3e6, "exact")
	if ahead.Year != 2027 || past.Year != 0 {
		t.Errorf("years %d and %d, want 2027 for the span ahead and none for the span past", ahead.Year, past.Year)
	}
	later := people("c", "Lumen targets 1 million people trained in AI skills in Vela by 2030.", "1 million people", 1e6, "exact")
	undated := people("d", "Lumen targets 1 million people trained in AI skills in Vela.", "1 million people", 1e6, "exact")
	if apart, unknown := Score(ahead, later).Score, Score(ahead, undated).Score; apart >= unknown*0.5 {
		t.Errorf("a span ending in 2027 and a target for 2030 scored %.2f, against %.2f with no year", apart, unknown)
	}
}

// numberCase is what a reading of a sentence should give for the number written in it.
type numberCase struct {
	sentence, number string
	want             int
}

// checkAtNumber checks read, given the clause around each case's number, against want.
func checkAtNumber(t *testing.T, what string, tests []numberCase, read func(clause) int) {
	t.Helper()
	for _, tt := range tests {
		start := strings.Index(tt.sentence, tt.number)
		cl, ok := clauseOf(tt.sentence, start, start+len(tt.number))
		if !ok {
			t.Fatalf("%q: no clause around %q", tt.sentence, tt.number)
		}
		if got := read(cl); got != tt.want {
			t.Errorf("%q in %q: %s %d, want %d", tt.number, tt.sentence, what, got, tt.want)
		}
	}
}

// TestPeriod reads the span of time a figure is spread over, in months.
func TestPeriod(t *testing.T) {
	checkAtNumber(t, "period in months", []numberCase{
		{"The venture will invest $400 billion over three years.", "$400 billion", 36},
		{"Over the next 4 years it will spend $500 billion.", "$500 billion", 48},
		{"Le groupe investira 30 milliards d'euros sur cinq ans.", "30 milliards", 60},
		{"D'ici trois ans, 2 000 emplois seront créés.", "2 000", 36},
		{"The plant will cut costs by 20% within 18 months.", "20%", 18},
		// An amount's term, written as a compound before it.
		{"It signed a 20-year contract worth $1 billion.", "$1 billion", 240},
		{"In 2023, Lumen announced a three-year, £2.5 billion investment in Vela.", "£2.5 billion", 36},
		{"It spent $5 billion in 2024.", "$5 billion", 0},
		{"It spent $5 billion; the rest comes over ten years.", "$5 billion", 0},
		{"Its revenue has climbed by 12% yearly for the past five years.", "12%", 60},
		{"Son chiffre d'affaires a progressé de 12 % par an sur les cinq dernières années.", "12 %", 60},
		// A span after the next figure is that figure's.
		{"Its revenue rose 13% compared with the previous year and 48% over five years.", "13%", 0},
		{"Its revenue rose 13% compared with the previous year and 48% over five years.", "48%", 60},
		// The accounting period a flow is reported for.
		{"Spending on servers came to $3.1 billion for the quarter ending in March.", "$3.1 billion", 3},
		{"Lumen booked a $2.1 billion charge in the first quarter of fiscal 2027.", "$2.1 billion", 3},
		{"Lumen enregistrera une charge de 2,4 milliards de dollars au premier trimestre.", "2,4 milliards", 3},
		{"Spending on servers for fiscal 2027 could exceed $12 billion.", "$12 billion", 12},
		// A date's day is no other figure the period could be of.
		{"Lumen a dépensé 4,9 milliards de dollars pour le trimestre se terminant le 30 septembre, contre 3 milliards le trimestre précédent.", "4,9 milliards", 3},
		{"Data centres drew a quarter of the grid's 30 TWh.", "30 TWh", 0},
		// Not another figure's: the run rate is annual, not the rise.
		{"Le cloud de Lumen enregistre une hausse de 21 %, franchissant un run-rate annuel de 40 milliards.", "21 %", 0},
		{"Le cloud de Lumen enregistre une hausse de 21 %, franchissant un run-rate annuel de 40 milliards.", "40 milliards", 12},
		// The window around the number begins inside the É of "États": read all the same.
		{"É" + strings.Repeat("e", 78) + " 5 milliards de dollars au premier trimestre.", "5 milliards", 3},
	}, func(cl clause) int { return period(cl, true) })
	// A count's or a power's term is its contract's: the figure is not spread over it.
	checkAtNumber(t, "period in months", []numberCase{
		{"It signed a 20-year deal for 835 MW.", "835 MW", 0},
		{"It signed a 20-year deal for 835 MW over 20 years.", "835 MW", 240},
	}, func(cl clause) int { return period(cl, false) })
}

// TestPhase reads the stage of a programme a figure belongs to.
func TestPhase(t *testing.T) {
	checkAtNumber(t, "phase", []numberCase{
		{"The first wave selected 7 AI factories across Europe.", "7", 1},
		{"With the second round, 6 more sites were chosen.", "6", 2},
		{"Across both waves, 13 AI factories have been chosen.", "13", phaseAll},
		{"La deuxième vague retient 6 usines d'IA.", "6", 2},
		{"Les deux appels à projets ont retenu 13 sites.", "13", phaseAll},
		{"La première tranche du campus, soit 40 MW, ouvrira en 2027.", "40 MW", 1},
		{"The startup raised $600 million in a Series B round.", "$600 million", 0},
		{"The Commission selected 13 AI factories.", "13", 0},
		{"The first wave is over; 40 sites wait for the next.", "40", 0},
		{"Phase 1 of the Orbis hall should bring 2,140 square meters of floor.", "2,140 square meters", 1},
		{"La tranche 2 ajoutera 20 MW.", "20 MW", 2},
		{"En phase finale, la halle Orbis comptera 3 410 m2 de salles.", "3 410 m2", phaseAll},
		{"In its final phase the campus will draw 300 MW.", "300 MW", phaseAll},
		{"Lumen's phase space covers 12 dimensions.", "12 dimensions", 0},
		{"Orbis a conclu une seconde levée, à 212 millions d'euros, au printemps.", "212 millions d'euros", 2},
		{"Si le calendrier est tenu, les premiers 200 MW seraient livrés en 2027.", "200 MW", 1},
		{"The first 200 MW will come online in 2027.", "200 MW", 1},
		{"Lumen was the first to deploy 200 MW.", "200 MW", 0},
	}, phase)
	// A stage's figure and a differing figure of no stage are two facts: a first phase's area
	// and the campus's; a second round and another round.
	area := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "m2", "lumen")
	}
	first := area("a", "The first phase of the Lumen campus will offer 10,000 square meters of data halls.", "10,000 square meters", 10000)
	whole := area("b", "The Lumen campus will offer 14,000 square meters of data halls.", "14,000 square meters", 14000)
	same := area("c", "The Lumen campus will offer 10,000 square meters of data halls.", "10,000 square meters", 10000)
	wantApart(t, first, whole, "a first phase's area and a differing unstaged one")
	wantLinked(t, first, same, "a first phase's area and the same unstaged figure")
	// Unless the same uncommon figure beside both says they are of one stage: its 19 MW.
	firstPower := area("d", "The first phase of the Lumen campus will offer 10,000 square meters of data halls and 19 megawatts of power.", "10,000 square meters", 10000)
	unstagedPower := area("e", "Vela 4 will offer 9,600 square meters of data halls and 19 megawatts of power when complete.", "9,600 square meters", 9600)
	wantLinked(t, firstPower, unstagedPower, "a first phase's area and a close unstaged one, each beside 19 MW")
}

// TestUnitNoModel reads "m2" in a surface as a unit, not a model next to the figure.
func TestUnitNoModel(t *testing.T) {
	area := signatureOf("a", "fr", "Le site comprendra 40 000 m2 de salles.", "40 000 m2", 40000, "m2")
	chips := signatureOf("b", "en", "The lab runs 4,000 H100s.", "4,000 H100s", 4000, "chips")
	if len(area.models) != 0 || len(chips.models) != 1 {
		t.Errorf("models %v and %v, want none and one", area.models, chips.models)
	}
}

// TestIncludedMeasure reads a measure word said to be included in a figure as no measure of it.
func TestIncludedMeasure(t *testing.T) {
	whole := signatureOf("a", "en", "In May Lumen had secured $600 million (debt included).", "$600 million", 6e8, "USD")
	debt := signatureOf("b", "en", "Lumen raised $600 million in debt.", "$600 million", 6e8, "USD")
	if whole.measures["funding round/debt"] || !debt.measures["funding round/debt"] {
		t.Errorf("measures %v and %v, want no debt and debt", whole.measures, debt.measures)
	}
}

// TestScoreSameYear links two agreeing figures that both sentences date to one year, however
// differently worded, and neither a figure of another year nor a differing figure of that year.
func TestScoreSameYear(t *testing.T) {
	topic := []string{"grid"}
	a := signature(claim("a", "https://a.example/1", "en", "Server farms drew about 4% of all power used nationwide in 2023.", "about 4%", 4, "percent", "approx"), topic...)
	sameYear := signature(claim("b", "https://b.example/1", "en", "In 2023 the country's data centres accounted for 4.4% of electricity demand.", "4.4%", 4.4, "percent", "exact"), topic...)
	nextYear := signature(claim("c", "https://c.example/1", "en", "In 2024 the country's data centres accounted for 4.4% of electricity demand.", "4.4%", 4.4, "percent", "exact"), topic...)
	otherFigure := signature(claim("d", "https://d.example/1", "en", "In 2023 the country's data centres accounted for 6% of electricity demand.", "6%", 6, "percent", "exact"), topic...)
	wantLinked(t, a, sameYear, "one year's share, worded two ways")
	wantApart(t, a, nextYear, "the share of another year")
	wantApart(t, a, otherFigure, "a differing share of that year, the sentences sharing no word")
}

// TestIncrement reads a number next to a word of addition as an addition, unless it is what
// is added to.
func TestIncrement(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              bool
	}{
		{"The operator is adding 40,000 accelerators this spring.", "40,000 accelerators", true},
		{"The operator has another 40,000 accelerators on order.", "40,000 accelerators", true},
		{"New projects keep adding to the 85 data centres already running.", "85 data centres", false},
		{"The operator is adding up to 40,000 accelerators.", "40,000 accelerators", true},
		// French puts the adjective after what the sum buys; before a number, two terms is
		// as far as the word reaches.
		{"Lumen annonce 900 millions d'euros d'investissements supplémentaires.", "900 millions d'euros", true},
		{"The operator has another big order of 40,000 accelerators.", "40,000 accelerators", false},
		// The quantity may name itself an addition: "deux autres contrats".
		{"The operator also signed two more contracts with Vela.", "two more contracts", true},
		// After a figure, "another" names another thing: the figure is no addition.
		{"The operator made two big investments, one of €4.6 billion and another of $25 billion.", "€4.6 billion", false},
		// Nor the verb of the next clause, adding a figure of its own.
		{"Lumen shares rose 4% on Monday, adding $170 billion in market value.", "4%", false},
		{"Lumen shares rose 4% on Monday, adding $170 billion in market value.", "$170 billion", true},
		{"The operator ordered 40,000 accelerators, adding to its fleet.", "40,000 accelerators", true},
	}
	for _, tt := range tests {
		s := signature(claim("a", "https://a.example/1", "en", tt.sentence, tt.surface, 1, "units", "exact"))
		if s.increment != tt.want {
			t.Errorf("%q in %q: addition %v, want %v", tt.surface, tt.sentence, s.increment, tt.want)
		}
	}
	// A plant adding its output to a grid gives its whole capacity.
	for sentence, want := range map[string]bool{
		"The restarted Lumen unit is adding 835 MW of power over 20 years to the regional grid.": false,
		"The restarted Lumen unit is adding 835 MW to the PJM grids.":                            false,
		"The restarted Lumen unit is adding 835 MW of power to the Vela campus.":                 true,
		"The restarted Lumen unit is adding another 835 MW to the regional grid.":                true,
	} {
		s := signature(claim("a", "https://a.example/1", "en", sentence, "835 MW", 835, "MW", "exact"))
		if s.increment != want {
			t.Errorf("835 MW in %q: addition %v, want %v", sentence, s.increment, want)
		}
	}
}

// TestQuarter reads the quarter or half-year a figure is reported for from its sentence, else
// from the headline, and "last quarter" as the one before the headline's.
func TestQuarter(t *testing.T) {
	tests := []struct {
		title, sentence string
		want            int
	}{
		{"Lumen results", "Lumen's Q3 revenue reached $4.7 billion.", 3},
		{"Lumen results", "Second-quarter revenue at Lumen reached $3.9 billion.", 2},
		{"Résultats de Lumen", "Au troisième trimestre, le chiffre d'affaires de Lumen atteint 4,7 milliards.", 3},
		{"Lumen beats estimates in Q2", "Revenue at Lumen reached $3.9 billion.", 2},
		{"Lumen beats estimates in Q2", "Last quarter's revenue at Lumen was $3.4 billion.", 1},
		{"Lumen beats estimates in Q1", "Last quarter's revenue at Lumen was $3.1 billion.", 4},
		{"Lumen's best-yet Q4", "Operating income surged to 19.17 billion, up 68 percent from the previous quarter.", 4},
		{"Lumen beats estimates in Q4", "On an annual basis, operating profit at Lumen reached $47.2 billion.", 0},
		{"Lumen delivered mixed fourth-quarter results", "The figure is a jump from the nearly $130 billion spent in 2025.", 0},
		{"Lumen publie ses résultats du quatrième trimestre", "Lumen a dépensé 131 milliards en 2025.", 0},
		{"Lumen results", "Revenue at Lumen reached $3.9 billion.", 0},
		{"Lumen results", "A quarter of the revenue came from cloud, $1 billion.", 0},
		{"Lumen results", "Vacancy fell to 2.8% in H1 2024.", firstHalf},
		// A deadline is no period a figure is reported for.
		{"Lumen opens its campus", "The first hall, with an IT capacity of 14 MW, is expected to be operational by Q4 of 2024.", 0},
		{"Lumen ouvre son campus", "La première salle, de 14 MW, doit ouvrir d'ici la fin du premier semestre 2026.", 0},
		{"Lumen opens its campus", "Lumen's Q3 revenue reached $4.7 billion, before the hall opens by the end of Q4.", 3},
		{"Lumen's fab", "The fab has a total capacity of 40,000 wafers a month, with its finer node expected to begin in the fourth quarter.", 0},
		{"Lumen results", "Vacancy fell to 1.9% during the last half of 2024.", secondHalf},
		{"Résultats de Lumen", "Au premier semestre, le taux de vacance atteint 2,8 %.", firstHalf},
		{"Lumen H2 2024 results", "Vacancy reached 1.9%.", secondHalf},
		{"Lumen results", "The H100 cluster holds 4,000 chips.", 0},
		{"Lumen results", "In the first half, Lumen had revenue of $302 million from cloud and $92 million from hosting.", firstHalf},
		// A fiscal quarter, before the next one's forecast.
		{"Lumen results", "Lumen's revenue for the third fiscal quarter was $57.01 billion; it projects fourth-quarter revenue of about $65 billion.", 3},
		{"Lumen results", "Lumen posted fiscal first-quarter revenue of $14.93 billion.", 1},
	}
	for _, tt := range tests {
		c := claim("x", "https://a.example/1", "en", tt.sentence, "billion", 1e9, "USD", "exact")
		c.Title = tt.title
		if got := signature(c).yearPart; got != tt.want {
			t.Errorf("%q under %q: quarter %d, want %d", tt.sentence, tt.title, got, tt.want)
		}
	}
	// Each figure takes the quarter written nearest it.
	sentence := "Lumen's third-quarter sales were $57 billion and its fourth-quarter sales about $65 billion."
	if got := signature(claim("y", "https://a.example/1", "en", sentence, "$65 billion", 65e9, "USD", "approx")).yearPart; got != 4 {
		t.Errorf("%q: the second figure's quarter %d, want 4", sentence, got)
	}
}

// TestPurposesApart keeps apart amounts each going to something the other's sentence never
// names, once the amount's own complement and the time it is spent in are set aside.
func TestPurposesApart(t *testing.T) {
	of := func(sentence, surface string) *Signature {
		return signature(claim("x", "https://a.example/1", "en", sentence, surface, 2e9, "USD", "exact"))
	}
	tests := []struct {
		a, b, surfaceA, surfaceB string
		want                     bool
	}{
		{"Lumen will invest $2 billion in robotics for farming.", "Lumen will invest $6 billion to double sensor output.", "$2 billion", "$6 billion", true},
		{"Lumen will invest $2 billion in robotics for farming.", "Lumen will invest $6 billion in robotics.", "$2 billion", "$6 billion", false},
		{"Lumen will invest $2 billion in robotics for farming.", "Lumen will invest $6 billion.", "$2 billion", "$6 billion", false},
		{"Lumen will put $2 billion in planned investments for sensor output.", "Lumen will invest $6 billion in robotics for farming.", "$2 billion", "$6 billion", true},
		{"Lumen will spend $2 billion in fiscal 2025 because costs rose.", "Lumen will invest $6 billion in robotics for farming.", "$2 billion", "$6 billion", false},
		{"Lumen booked $2 billion, which went to robotics.", "Lumen will invest $6 billion in sensor output.", "$2 billion", "$6 billion", false},
	}
	for _, tt := range tests {
		if got := purposesApart(of(tt.a, tt.surfaceA), of(tt.b, tt.surfaceB)); got != tt.want {
			t.Errorf("%q and %q: purposes apart %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDifferentYearParts keeps apart figures of two quarters or two half-years, not a half-year
// and a quarter within it.
func TestDifferentYearParts(t *testing.T) {
	of := func(sentence string) *Signature {
		return signature(claim("x", "https://a.example/1", "en", sentence, "2.8%", 2.8, "percent", "exact"))
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"Vacancy was 2.8% in H1.", "Vacancy was 2.8% in H2.", true},
		{"Vacancy was 2.8% in Q2.", "Vacancy was 2.8% in the first half.", false},
		{"Vacancy was 2.8% in Q3.", "Vacancy was 2.8% in the first half.", true},
		{"Vacancy was 2.8% in Q3.", "Vacancy was 2.8%.", false},
	}
	for _, tt := range tests {
		if got := differentYearParts(of(tt.a), of(tt.b)); got != tt.want {
			t.Errorf("%q and %q: different parts of the year %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestQuartersApart keeps apart quarterly figures published more than a quarter's reporting
// season apart, unless both name one quarter of one year.
func TestQuartersApart(t *testing.T) {
	of := func(sentence string, published time.Time) *Signature {
		c := claim("x", "https://a.example/1", "en", sentence, "$3.1 billion", 3.1e9, "USD", "exact")
		c.Published = published
		return signature(c)
	}
	may, aug, june := time.Date(2024, 5, 22, 0, 0, 0, 0, time.UTC), time.Date(2024, 8, 28, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		a, b   string
		pa, pb time.Time
		want   bool
	}{
		{"Lumen's quarterly revenue reached $3.1 billion.", "Lumen's quarterly revenue reached $3.1 billion.", may, aug, true},
		{"Lumen's quarterly revenue reached $3.1 billion.", "Lumen's quarterly revenue reached $3.1 billion.", may, june, false},
		{"Lumen's revenue reached $3.1 billion in Q1 2024.", "Lumen's revenue reached $3.1 billion in Q1 2024.", may, aug, false},
		{"Lumen's revenue reached $3.1 billion.", "Lumen's quarterly revenue reached $3.1 billion.", may, aug, true},
		{"Lumen's backlog reached $3.1 billion.", "Lumen's quarterly revenue reached $3.1 billion.", may, aug, false},
		{"Lumen's backlog reached $3.1 billion.", "Lumen's backlog reached $3.1 billion.", may, aug, false},
	}
	for _, tt := range tests {
		if got := quartersApart(of(tt.a, tt.pa), of(tt.b, tt.pb)); got != tt.want {
			t.Errorf("%q (%s) and %q (%s): quarters apart %v, want %v", tt.a, tt.pa.Format(time.DateOnly), tt.b, tt.pb.Format(time.DateOnly), got, tt.want)
		}
	}
}

// TestChangedMeasure reads what a figure of change measures from its verb's subject, however
// far the verb pushes it from the number, or from a multiplier's object, and keeps the growths
// of two measures apart.
func TestChangedMeasure(t *testing.T) {
	supply := signature(claim("a", "https://a.example/1", "en", "Supply in the region's primary markets grew an unheard-of 31% on the year.", "31%", 31, "percent", "exact"))
	rent := signature(claim("b", "https://b.example/1", "en", "The average asking rent for a large suite in the region's primary markets rose by 11.2% on the year.", "11.2%", 11.2, "percent", "exact"))
	object := signature(claim("c", "https://c.example/1", "en", "With the rent aside, new construction grew 9% on the year.", "9%", 9, "percent", "exact"))
	// A rise stands next to the first figure, a sign before the second: the second is the
	// revenue's change, not the supply's.
	signed := signature(claim("d", "https://d.example/1", "en", "Supply in the primary markets grew 31%, revenue +12%.", "+12%", 12, "percent", "exact"))
	// A change set off by a comma, naming nothing, changes what the clause before names last.
	operating := signature(claim("e", "https://e.example/1", "en", "Lumen's operating expenses rose, but operating income reached $3.1 billion (GAAP), up 17% quarter-over-quarter.", "17%", 17, "percent", "exact"))
	perShare := signature(claim("f", "https://f.example/1", "en", "Net income reached $2.2 billion, with earnings per share of $0.40, a year-on-year increase of 47%.", "47%", 47, "percent", "exact"))
	french := signature(claim("g", "https://g.example/1", "fr", "Le résultat d'exploitation atteint 410 millions d'euros, en hausse de 12 %.", "12 %", 12, "percent", "exact"))
	// A multiplier's object, however far: "quadrupling" multiplies the capacity it names.
	multiplied := signature(claim("h", "https://h.example/1", "en", "Reaching the target would mean quadrupling Lumen's current production capacity by 2030.", "quadrupling", 4, "times", "exact"))
	for _, tt := range []struct {
		s    *Signature
		want []string
	}{{supply, []string{"supply"}}, {rent, []string{"price"}}, {object, nil}, {signed, []string{"revenue"}},
		{operating, []string{"profit"}}, {perShare, []string{"earnings per share"}}, {french, []string{"operating profit"}}, {multiplied, []string{"capacity"}}} {
		if got := slices.Sorted(maps.Keys(tt.s.measures)); !slices.Equal(got, tt.want) {
			t.Errorf("%q measures %v, want %v", tt.s.sentence, got, tt.want)
		}
	}
	if l := Score(supply, rent); l.Score >= LinkMinScore {
		t.Errorf("supply's growth and the rent's linked at %.2f", l.Score)
	}
}

// TestColonAnnounced reads a figure closing its sentence after a colon as the value of what
// the colon closes, its measure however far: not a figure followed by another.
func TestColonAnnounced(t *testing.T) {
	for _, tt := range []struct {
		sentence, surface string
		want              []string
	}{
		{"The minister gave the amount of the aid granted to the new Lumen plant near Vela: €2.9 billion.", "€2.9 billion", []string{"subsidy"}},
		{"The minister gave the amount of the aid granted to the new Lumen plant near Vela : €2.9 billion", "€2.9 billion", []string{"subsidy"}},
		{"The minister gave the amount of the aid granted to the new Lumen plant near Vela: €2.9 billion, against €1 billion in 2020.", "€2.9 billion", nil},
		{"The aid granted to the new Lumen plant near Vela is large, some €2.9 billion.", "€2.9 billion", nil},
	} {
		s := signature(claim("a", "https://a.example/1", "en", tt.sentence, tt.surface, 2.9e9, "EUR", "exact"))
		if got := slices.Sorted(maps.Keys(s.measures)); !slices.Equal(got, tt.want) {
			t.Errorf("%q measures %v, want %v", tt.sentence, got, tt.want)
		}
	}
	aid := signature(claim("a", "https://a.example/1", "en", "The minister gave the amount of the aid granted to the new Lumen plant near Vela: €2.9 billion.", "€2.9 billion", 2.9e9, "EUR", "exact"))
	if !aid.near["aid"] {
		t.Errorf("the aid a colon announces is not next to its figure: near %v", aid.near)
	}
}

// TestSomeAndOthers reads a figure of a sentence setting some of a set against others as a
// part's, apart from a figure of the whole set.
func TestSomeAndOthers(t *testing.T) {
	mw := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "MW", "exact"), "lumen", "vela")
	}
	some := mw("a", "Some Vela projects plan to start at 50 MW and grow; others describe campuses of 1.5 GW from the outset.", "50 MW", 50)
	all := mw("b", "The Vela projects plan to start at 100 MW and grow to campuses of 1.5 GW.", "100 MW", 100)
	wantApart(t, some, all, "some projects' first 50 MW and all projects' first 100 MW")
	for _, tt := range []struct {
		sentence string
		want     bool
	}{
		{"Some projects plan to start at 50 MW and grow; others describe campuses of 1.5 GW.", true},
		{"Certains projets démarrent à 50 MW, d'autres visent d'emblée 1,5 GW.", true},
		{"Some 300 projects were filed.", false},
		{"Some 300 projects were filed and others are coming.", false},
		{"Some projects start at 50 MW.", false},
		{"Lumen and others plan 50 MW.", false},
	} {
		if got := someAndOthers(tt.sentence); got != tt.want {
			t.Errorf("someAndOthers(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

// TestPlacedUnnamed keeps a figure put in a town apart from a differing one whose article
// never names the town: two sites' counts, however alike the sentences. One naming it is left
// to the rest of the link.
func TestPlacedUnnamed(t *testing.T) {
	const park = "The Orbis park of Lumen gains from its seven interconnected data centers."
	town := signature(claim("a", "https://a.example/1", "en", "In Vela, south of Orbis, Lumen also runs thirteen interconnected data centers.",
		"thirteen interconnected data centers", 13, "data centers", "exact"), "orbis", "vela", "lumen")
	elsewhere := signature(claim("b", "https://b.example/1", "en", park, "seven interconnected data centers", 7, "data centers", "exact"), "orbis", "lumen")
	wantApart(t, town, elsewhere, "thirteen data centers in Vela and seven in a story never naming Vela")
	naming := signature(claim("c", "https://c.example/1", "en", park, "seven interconnected data centers", 7, "data centers", "exact"), "orbis", "lumen", "vela")
	wantLinked(t, town, naming, "thirteen data centers in Vela and seven in a story naming Vela")
	for _, tt := range []struct {
		before, place string
		want          bool
	}{
		{"À Marcoussis, au sud de Paris, il y a aussi ", "Marcoussis", true},
		{"In Vela, south of Orbis, Lumen also runs ", "Vela", true},
		{"A Lumen campus in Vela holds ", "Vela", false},
		{"In its report on the region, the agency counts in Vela ", "Vela", false},
		{"Lumen runs, it said in Vela, ", "Vela", false},
	} {
		if got := opensOn(tt.before, tt.place); got != tt.want {
			t.Errorf("opensOn(%q, %q) = %v, want %v", tt.before, tt.place, got, tt.want)
		}
	}
}

// TestAttributiveName gives no figure to a name a hyphenated participle makes an epithet ("a
// Vela-located project") nor to a number opening its sentence ("One market analysis"), and counts no capitalised common word of the glossary (a sentence's
// opening "Chips", "MW") among the names beside a figure: the plant's 131 MW and another outlet's 150 MW
// stay one plant's two figures.
func TestAttributiveName(t *testing.T) {
	located := signature(subjectOf(claim("a", "https://a.example/1", "en",
		"Another Vela-located project, the 131 MW Orbis North Solar Farm, is in procurement.",
		"131 MW", 131, "MW", "exact"), "Vela-located project"), "orbis", "vela", "lumen")
	if slices.Contains(located.subjectNames, "vela") {
		t.Errorf("subject names %v: Vela says where the project is, not whose it is", located.subjectNames)
	}
	park := signature(subjectOf(claim("b", "https://b.example/1", "en",
		"The deal covers the 150 MW Orbis North Solar Park in Vela, now in procurement.",
		"150 MW", 150, "MW", "exact"), "Orbis"), "orbis", "vela", "lumen")
	wantLinked(t, located, park, "one plant's 131 MW and 150 MW")
	analysis := signature(subjectOf(claim("d", "https://d.example/1", "en", "One market analysis put Vela's live capacity at about 487 MW.",
		"about 487 MW", 487, "MW", "approx"), "One market analysis"), "vela")
	if slices.Contains(analysis.subjectNames, "one") {
		t.Errorf("subject names %v: a number opening the sentence names no one", analysis.subjectNames)
	}
	chips := signature(claim("c", "https://c.example/1", "en", "Chips for 400 MW of Orbis racks will ship from Lumen.",
		"400 MW", 400, "MW", "exact"), "lumen", "orbis")
	if slices.Contains(chips.nearNames, "~chip") {
		t.Errorf("near names %v: a capitalised common word of the glossary names no one", chips.nearNames)
	}
	for after, want := range map[string]bool{"-based firm": true, "-Located project": true, "-headquartered group": true,
		" based": false, "-led consortium": false, "": false} {
		if got := attributiveName(after); got != want {
			t.Errorf("attributiveName(%q) = %v, want %v", after, got, want)
		}
	}
}

// TestPlacesApart keeps apart differing figures the sentences put in two places, reads a
// list's places item by item, and leaves agreeing figures of nested places alone.
func TestPlacesApart(t *testing.T) {
	of := func(id, sentence, surface string, v float64) *Signature {
		return signatureOf(id, "en", sentence, surface, v, "GPUs")
	}
	norway := of("a", "Lumen will deliver about 52,000 GPUs from a campus in Narvik, Norway.", "52,000 GPUs", 52000)
	texas := of("b", "Lumen will deliver 104,000 GPUs to a 240MW campus in Texas.", "104,000 GPUs", 104000)
	if !slices.Equal(norway.places, []string{"narvik", "~norway"}) || !slices.Equal(texas.places, []string{"texas"}) {
		t.Errorf("places %v and %v, want [narvik ~norway] and [texas]", norway.places, texas.places)
	}
	// A name after a comma is a place only when the lexicon knows it as one; a list's other
	// item, in words or in brackets, keeps its place.
	firm := of("h", "It has 15 sites in Poland, Lumen, with its partners, said.", "15 sites", 15)
	bracket := of("i", "It has eight sites in Europe (of which six in Paris) and more in Poland.", "six", 6)
	worded := of("j", "It has 12 sites in Paris and the seven it runs in Lyon.", "12 sites", 12)
	if !slices.Equal(firm.places, []string{"poland"}) || !slices.Equal(bracket.places, []string{"paris"}) || !slices.Equal(worded.places, []string{"paris"}) {
		t.Errorf("places %v, %v, %v; want [poland], [paris], [paris]", firm.places, bracket.places, worded.places)
	}
	second := of("k", "Lumen runs sites (8 in France and 7 in Poland).", "7", 7)
	dated := of("l", "In 2023 in France, Lumen ran 7 sites.", "7 sites", 7)
	if !slices.Equal(second.places, []string{"poland"}) || !slices.Equal(dated.places, []string{"france"}) {
		t.Errorf("places %v and %v, want [poland], France being the 8's, and [france]", second.places, dated.places)
	}
	// A month or a day after "in" says when: "In October" puts the figure nowhere.
	if month := of("q", "In October, Lumen disclosed that it owned 29% of Orbis.", "29%", 29); len(month.places) != 0 {
		t.Errorf("places %v, want none: October is a month", month.places)
	}
	if !placesApart(norway, texas) {
		t.Error("Narvik and Texas not apart")
	}
	// "The country" is the one the headline names, when it names one.
	inTheCountry := claim("o", "https://o.example/1", "en", "Lumen claims to have invested more than €77 billion in the country since 2010.", "more than €77 billion", 77e9, "EUR", "more_than")
	inTheCountry.Title = "Lumen announces further investments in Spain"
	if s := signature(inTheCountry); !slices.Equal(s.places, []string{"spain"}) {
		t.Errorf("places %v, want [spain] from the headline", s.places)
	}
	inTheCountry.Title = "Lumen announces investments in Spain and France"
	if s := signature(inTheCountry); len(s.places) != 0 {
		t.Errorf("places %v, want none: the headline names two countries", s.places)
	}
	// A sum put in a region is the sum put in its country, told closer; a count is a part.
	inAlsace := signatureOf("m", "en", "Lumen raises its investment in Alsace to $165 billion.", "$165 billion", 165e9, "USD")
	inFrance := signatureOf("n", "en", "Lumen raises its spending in France to $160 billion.", "$160 billion", 160e9, "USD")
	if !slices.Equal(inAlsace.places, []string{"alsace"}) || !slices.Equal(inFrance.places, []string{"france"}) {
		t.Errorf("places %v and %v, want [alsace] and [france]", inAlsace.places, inFrance.places)
	}
	if placesApart(inAlsace, inFrance) || placesApart(inFrance, inAlsace) {
		t.Error("a sum in Alsace and one in France apart")
	}
	sitesInAlsace := of("o", "Lumen runs 40 sites in Alsace.", "40 sites", 40)
	sitesInFrance := of("p", "Lumen runs 60 sites in France.", "60 sites", 60)
	if !placesApart(sitesInAlsace, sitesInFrance) {
		t.Error("a count in Alsace and one in France not apart")
	}
	unplaced := *texas
	unplaced.places = nil
	if apart, together := Score(norway, texas).Score, Score(norway, &unplaced).Score; apart >= together*0.5 {
		t.Errorf("two places scored %.2f, against %.2f without them", apart, together)
	}
	list := of("c", "Lumen sends 12,600 GPUs to a campus in Portugal by early 2026, 23,000 GPUs to its Loughton site.", "23,000 GPUs", 23000)
	if len(list.places) != 0 {
		t.Errorf("a list's second item placed in %v, the first item's place", list.places)
	}
	// A town is placed by the region after it, whatever word comes before it, and a colon's
	// label places the figure after it. A list's other item is no name near the number.
	shipped := of("r", "The remaining 52,000 GPUs will ship to Orbis's Narvik, Norway campus.", "52,000 GPUs", 52000)
	label := of("s", "Narvik, Norway: 52,000 GPUs from 2026", "52,000 GPUs", 52000)
	listed := of("t", "About 23,000 GPUs will move into its Loughton site in 2027, and the remaining 52,000 GPUs will ship to Orbis's Narvik, Norway campus.", "52,000 GPUs", 52000)
	if !slices.Equal(shipped.places, []string{"narvik", "~norway"}) || !slices.Equal(label.places, []string{"narvik", "~norway"}) {
		t.Errorf("places %v and %v, want [narvik ~norway]", shipped.places, label.places)
	}
	if slices.Contains(listed.nearNames, "loughton") || !slices.Equal(listed.places, []string{"narvik", "~norway"}) {
		t.Errorf("a list's last item near %v, placed in %v; want Loughton, the other item's, left out", listed.nearNames, listed.places)
	}
	if called := of("u", "Lumen, Orbis said, runs 52,000 GPUs.", "52,000 GPUs", 52000); len(called.places) != 0 {
		t.Errorf("a name before a comma placed the figure in %v", called.places)
	}
	if company := of("v", "Lumen will run 52,000 GPUs near Texas Instruments headquarters.", "52,000 GPUs", 52000); len(company.places) != 0 {
		t.Errorf("a place's name opening a company's placed the figure in %v", company.places)
	}
	whole := of("f", "Lumen runs 15 sites in Europe (8 in France and 7 in Poland).", "15 sites", 15)
	part := of("g", "Lumen has six sites across Paris.", "six sites", 6)
	if !slices.Equal(whole.places, []string{"europe"}) || !slices.Equal(part.places, []string{"paris"}) {
		t.Errorf("places %v and %v, want [europe], the parts' places left to them, and [paris]", whole.places, part.places)
	}
	// A place named for another figure of the sentence is not this one's: Paris is the six's,
	// beyond the bracket, and the 100 MW site's, far from the 15.
	france := of("m", "It runs eight sites in France (of which six are in Paris) and seven in Poland.", "eight sites", 8)
	far := of("n", "It runs 15 sites in Europe and will finish a 100 MW site under construction near Paris.", "15 sites", 15)
	if !placesApart(part, france) || !placesApart(part, far) {
		t.Errorf("six sites in Paris not apart from eight in France (%v) or 15 in Europe (%v)", france.nearNames, far.nearNames)
	}
	// A figure placed beside others placed elsewhere is a part of a breakdown; a whole before
	// its breakdown in brackets is not.
	breakdown := of("o", "It has six sites across Paris, one each in Lyon and Marseille, and seven in Poland.", "six sites", 6)
	last := of("p", "It has eight sites in France and seven in Poland.", "seven", 7)
	other := of("q", "Its 3 sites in Paris hold 500 MW in all.", "500 MW", 500)
	if !breakdown.part || !last.part || whole.part || part.part || other.part {
		t.Errorf("part: breakdown %v, last item %v, whole %v, alone %v, another figure's place %v; want true, true, false, false, false",
			breakdown.part, last.part, whole.part, part.part, other.part)
	}
	town := of("d", "A hall of 8,500 GPUs opened in Courneuve.", "8,500 GPUs", 8500)
	region := of("e", "The campus in Seine now runs 8,500 GPUs.", "8,500 GPUs", 8500)
	unplaced = *region
	unplaced.places = nil
	if !placesApart(town, region) || Score(town, region).Score != Score(town, &unplaced).Score {
		t.Errorf("one figure in a town and a region: %.2f, %.2f without places", Score(town, region).Score, Score(town, &unplaced).Score)
	}
}

// TestPlacedInStory: a figure put in a town and a close one put nowhere, in an article that
// names the town elsewhere, are one site's figure, not two stories'.
func TestPlacedInStory(t *testing.T) {
	of := func(id, sentence, surface string, v float64, topic ...string) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "MW", "exact"), topic...)
	}
	town := of("a", "Symbol of a boom in computing across the region, a data center with a power of 85 MW has just opened in Courneuve.", "85 MW", 85,
		"courneuve", "grid", "seine", "stade", "rte")
	site := "When its last construction phase ends in February, it will comprise four buildings and halls as big as seven football pitches, releasing an IT power of 78 MW."
	named := of("b", site, "78 MW", 78, "courneuve", "lumen", "paris", "milan", "rome", "cairo")
	elsewhere := of("c", site, "78 MW", 78, "lumen", "paris", "milan", "rome", "cairo", "lyon")
	if !slices.Equal(town.places, []string{"courneuve"}) {
		t.Fatalf("places %v, want [courneuve]", town.places)
	}
	if l := Score(town, named); l.Score < LinkMinScore {
		t.Errorf("the town's 85 MW and 78 MW in an article on the town scored %.3f, want a link", l.Score)
	}
	if l := Score(town, elsewhere); l.Score >= LinkMinScore {
		t.Errorf("the town's 85 MW and 78 MW in an article never naming it linked at %.3f", l.Score)
	}
	far := of("d", site, "200 MW", 200, "courneuve", "lumen", "paris", "milan", "rome", "cairo")
	if l := Score(town, far); l.Score >= LinkMinScore {
		t.Errorf("the town's 85 MW and 200 MW linked at %.3f", l.Score)
	}
}

// TestDefaultCapacity reads a power naming no measure as a capacity: beside one naming its
// capacity, two differing figures need no word in common to be one fact's.
func TestDefaultCapacity(t *testing.T) {
	topic := []string{"lumen", "orbis", "vela"}
	of := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "GW", "exact"), topic...)
	}
	capacity := of("a", "The takeover grants Lumen ownership of 1.3 gigawatts of power capacity across its sites.", "1.3 gigawatts", 1.3)
	portfolio := of("b", "Orbis has steadily converted large parts of its 1.2 gigawatt portfolio from mining to computing.", "1.2 gigawatt", 1.2)
	consumption := of("c", "Orbis has steadily converted large parts of its 1.2 gigawatt consumption from mining to computing.", "1.2 gigawatt", 1.2)
	consumption.measures = map[string]bool{"consumption": true}
	if l := Score(capacity, portfolio); l.Score < LinkMinScore {
		t.Errorf("1.3 GW of capacity and a 1.2 GW portfolio scored %.3f, want a link", l.Score)
	}
	if l := Score(capacity, consumption); l.Score >= LinkMinScore {
		t.Errorf("1.3 GW of capacity and 1.2 GW consumed linked at %.3f", l.Score)
	}
}

// TestFacilityInvestment reads an amount written before what it builds as a sum invested, and
// keeps it apart from an acquisition told in the same headline.
func TestFacilityInvestment(t *testing.T) {
	of := func(id, sentence, surface string, v float64) *Signature {
		return signatureOf(id, "en", sentence, surface, v, "USD")
	}
	build := of("a", "Lumen plans $6 billion AI data center in Ohio", "$6 billion", 6e9)
	campus := of("b", "Lumen unveiled a $6 billion campus.", "$6 billion", 6e9)
	buy := of("c", "Lumen to acquire Orbis in $9 billion all-stock deal", "$9 billion", 9e9)
	if !build.measures["investment"] || !campus.measures["investment"] || buy.measures["investment"] {
		t.Errorf("measures %v, %v, %v: want investment, investment, none", build.measures, campus.measures, buy.measures)
	}
	if l := Score(build, buy); l.Score >= LinkMinScore {
		t.Errorf("a data centre's $6 billion and an acquisition's $9 billion linked at %.2f", l.Score)
	}
}

// TestPartOfWhole reads a part its sentence sets in a whole, and keeps it apart from a whole
// another source gives; "including" opening the whole itself is no part.
func TestPartOfWhole(t *testing.T) {
	of := func(id, lang, sentence, surface string, v float64) *Signature {
		return signatureOf(id, lang, sentence, surface, v, "EUR")
	}
	tests := []struct {
		lang, sentence, surface string
		want                    bool
	}{
		{"fr", "Lumen investira 6,4 milliards d'euros en France, dont 2,9 milliards pour ses entrepôts.", "2,9 milliards", true},
		{"en", "The €52 billion plan includes €39 billion for construction.", "€39 billion", true},
		{"en", "The plan has four parts, of which €39 billion for construction.", "€39 billion", true},
		{"fr", "Lumen a investi 4,7 milliards d'euros, dont les 3,4 milliards d'euros de ses entrepôts.", "3,4 milliards d'euros", true},
		{"en", "The €52 billion plan includes the €39 billion for construction.", "€39 billion", true},
		// The parts an amount goes on to list are its own, not a breakdown it belongs to.
		{"en", "Lumen will invest over €13 billion in these projects, including €1.5 billion from the state and €550 million from the city.", "over €13 billion", false},
		{"fr", "Lumen investit les 3,4 milliards d'euros de ses entrepôts.", "3,4 milliards d'euros", false},
		{"en", "Lumen outlined more spending, including €60 billion in capital expenditure.", "€60 billion", false},
		{"fr", "Lumen investira 6,4 milliards d'euros en France.", "6,4 milliards d'euros", false},
		// A first instalment, a division's figure and an item given "respectively" are no
		// parts: on real news another outlet gives the same figure unmarked ("$100 billion",
		// "data-centre revenue of $51.2 billion"), and the two are one fact. Nor is a figure of
		// a first period ("au premier trimestre").
		{"en", "Lumen will deploy €100 billion immediately.", "€100 billion", false},
		{"fr", "Lumen investira 10 milliards d'euros dans un premier temps.", "10 milliards d'euros", false},
		{"fr", "La division Stockage de Lumen a vendu pour 7,3 milliards d'euros.", "7,3 milliards d'euros", false},
		{"en", "Lumen and Orbis will invest €10 billion and €4 billion respectively.", "€10 billion", false},
		{"fr", "Lumen enregistrera une charge de 5,5 milliards d'euros au premier trimestre.", "5,5 milliards d'euros", false},
		{"en", "Lumen incurred a €4.5 billion charge in the first quarter of fiscal 2026.", "€4.5 billion", false},
		{"fr", "Les accords passés avec Lumen et Orbis prévoient respectivement 10 milliards d'euros et 4 milliards d'euros.", "4 milliards d'euros", true},
		{"en", "The governor signed the bill on Jan. 30 that included €44 million in incentives.", "€44 million", false},
		{"fr", "Le 30 janvier, la loi comprend 44 millions d'euros d'aides.", "44 millions d'euros", false},
		{"en", "Orbis earmarked about €5 billion for chips as part of its €10 billion plan.", "€5 billion", true},
		{"fr", "Orbis consacre 5 millions d'euros aux puces dans le cadre d'un plan de 30 millions.", "5 millions d'euros", true},
		{"en", "Orbis earmarked about €5 billion for chips as part of its national plan.", "€5 billion", false},
		{"en", "Orbis will invest €10 billion as part of a plan announced in 2024.", "€10 billion", false},
		// A breakdown: amounts split among purposes, each a part of a whole the sentence may
		// not give.
		{"en", "Lumen will put about €42 billion into its wafer plants and €9 billion into design labs.", "about €42 billion", true},
		{"en", "Lumen will put about €42 billion into its wafer plants and €9 billion into design labs.", "€9 billion", true},
		{"en", "The scheme sends €42 billion to plants and another €9 billion to labs.", "another €9 billion", true},
		{"fr", "150 milliards d'euros iront aux usines, et 50 milliards à la R&D.", "150 milliards d'euros", true},
		{"fr", "150 milliards d'euros iront aux usines, et 50 milliards à la R&D.", "50 milliards", true},
		{"fr", "271 millions d'euros sont apportés par Lumen, 8 millions par le ministère de la Culture et des Sciences et 263 millions par Vela.", "271 millions d'euros", true},
		{"en", "Lumen's plant cost €334.8 million, Orbis said on Monday.", "€334.8 million", false},
		{"en", "Lumen raised capex to between €91 billion and €93 billion.", "€91 billion", false},
		{"en", "Lumen will invest €200 billion in chips and create 90,000 jobs.", "€200 billion", false},
		{"en", "Lumen will invest €200 billion and 90,000 people will work there.", "€200 billion", false},
		{"en", "Lumen's sales came to €9.8 billion in the year.", "€9.8 billion", false},
	}
	for _, tt := range tests {
		if got := of("x", tt.lang, tt.sentence, tt.surface, 1).part; got != tt.want {
			t.Errorf("%q: part %v, want %v", tt.sentence, got, tt.want)
		}
	}
	part := of("a", "fr", "Lumen investira 6,4 milliards d'euros en France, dont 2,9 milliards pour ses entrepôts.", "2,9 milliards", 2.9e9)
	whole := of("b", "fr", "Lumen investira 4 milliards d'euros pour ses entrepôts en France.", "4 milliards d'euros", 4e9)
	unmarked := *part
	unmarked.part = false
	if apart, together := Score(part, whole).Score, Score(&unmarked, whole).Score; apart >= together*0.5 {
		t.Errorf("a part and a whole scored %.2f, against %.2f unmarked", apart, together)
	}
}

// TestAllOfThem reads a count of all there are ("all 50 states") as a whole, apart from a
// differing count of some of them and one with a count that agrees.
func TestAllOfThem(t *testing.T) {
	tests := []struct {
		lang, sentence, surface string
		want                    bool
	}{
		{"en", "Lumen buys parts from suppliers across all 50 states.", "50 states", true},
		{"fr", "Lumen achète des pièces dans toutes les 13 régions.", "13 régions", true},
		{"fr", "Lumen est présent dans l'ensemble des 27 pays de l'Union.", "27 pays", true},
		{"en", "Lumen buys parts from suppliers in 20 states.", "20 states", false},
		{"fr", "Lumen cite les 13 régions.", "13 régions", false},
		// A total, before or after the figure.
		{"en", "The state's aid to Lumen's two plants totals about 1.2 trillion yen.", "about 1.2 trillion yen", true},
		{"en", "The aid to Lumen is reaching 1.2 trillion yen in total.", "1.2 trillion yen", true},
		{"fr", "Le plan mobilise un total de 43 milliards d'euros.", "43 milliards d'euros", true},
		{"en", "The aid to Lumen's second plant is 732 billion yen.", "732 billion yen", false},
		// The sum of several things the sentence names.
		{"en", "Together the two machines would give researchers more than 40,000 accelerators.", "more than 40,000 accelerators", true},
		{"fr", "À eux deux, les sites de Lumen offrent 40 000 accélérateurs.", "40 000 accélérateurs", true},
		{"en", "The largest machine runs on fewer than 25,000 accelerators, together with its storage.", "fewer than 25,000 accelerators", false},
	}
	for _, tt := range tests {
		if got := signatureOf("x", tt.lang, tt.sentence, tt.surface, 1, "").whole; got != tt.want {
			t.Errorf("%q: whole %v, want %v", tt.sentence, got, tt.want)
		}
	}
	// An amount whose clause lists the parts it includes.
	for _, tt := range []struct {
		lang, sentence, surface string
		want                    bool
	}{
		{"en", "Overall, Lumen will invest over €13 billion in these projects, including €1.5 billion from the state.", "over €13 billion", true},
		{"fr", "Lumen investira 6,4 milliards d'euros en France, dont 2,9 milliards pour ses entrepôts.", "6,4 milliards d'euros", true},
		{"en", "Lumen will invest over €13 billion in these projects, including its new campus.", "over €13 billion", false},
	} {
		if got := signatureOf("x", tt.lang, tt.sentence, tt.surface, 1, "EUR").whole; got != tt.want {
			t.Errorf("%q: whole %v, want %v", tt.sentence, got, tt.want)
		}
	}
	all := signatureOf("a", "en", "Lumen's $90 billion plan counts suppliers across all 50 states, the company said.", "50 states", 50, "states")
	some := signatureOf("b", "en", "Lumen's $90 billion plan counts suppliers across 44 states, the company said.", "44 states", 44, "states")
	again := signatureOf("c", "en", "Lumen's $90 billion plan counts suppliers in 50 states, the company said.", "50 states", 50, "states")
	wantApart(t, all, some, "all 50 states and 44 of them")
	wantLinked(t, all, again, "all 50 states and 50 states")
}

// TestChargeIsMoney reads "charge" as an accounting charge next to money only: French calls a
// data centre's IT load its "charge informatique".
func TestChargeIsMoney(t *testing.T) {
	load := signatureOf("a", "fr", "Le campus de Lumen offrira 200 MW de charge informatique près de Lyon.", "200 MW", 200, "MW")
	if load.measures[chargeMeasure] {
		t.Errorf("a load in megawatts measured as a charge: %v", load.measures)
	}
	charge := signatureOf("c", "en", "Lumen booked a $4.5 billion charge.", "$4.5 billion", 4.5e9, "USD")
	if !charge.measures[chargeMeasure] {
		t.Errorf("a charge in dollars not measured as one: %v", charge.measures)
	}
}

// TestExtractorMeasure reads the extractor's measure where the lexicon names none: "ventes"
// are revenue in the extractor's Measure, so H20 sales and a charge of one quarter clash.
func TestExtractorMeasure(t *testing.T) {
	const sentence = "Les ventes de puces H20 ont atteint 4,6 milliards de dollars au premier trimestre, selon Lumen."
	bare := claim("a", "https://a.example/1", "fr", sentence, "4,6 milliards de dollars", 4.6e9, "USD", "exact")
	measured := bare
	measured.Measure = "ventes"
	if m := signature(bare).measures; m["revenue"] {
		t.Fatalf("the sentence alone measured as revenue: %v", m)
	}
	sales := signature(measured)
	if !sales.measures["revenue"] {
		t.Fatalf("the extractor's \"ventes\" not read as revenue: %v", sales.measures)
	}
	charge := signature(claim("b", "https://b.example/1", "fr", "Lumen enregistrera une charge de 5,5 milliards de dollars au premier trimestre pour ses puces H20.",
		"5,5 milliards de dollars", 5.5e9, "USD", "exact"))
	if got, was := Score(sales, charge).Score, Score(signature(bare), charge).Score; got >= was*measureClash+1e-9 {
		t.Errorf("sales and a charge: %.3f, want at most %.3f (the clash of two measures)", got, was*measureClash)
	}
}

// idiomLexicon reads "part" as a share, but not in "pour sa part", as the real lexicon does.
type idiomLexicon struct{ wordLexicon }

func (l idiomLexicon) Terms(lang, text string) []Term {
	terms := l.wordLexicon.Terms(lang, text)
	for i := range terms {
		if terms[i].Key == "part" && !strings.HasSuffix(text[:terms[i].Start], "sa ") {
			terms[i].Measure = "share"
		}
	}
	return terms
}

// TestExtractorMeasureIdiom leaves out the extractor's measure word when its sentence reads it
// as an idiom naming none: Amazon's "pour sa part jusqu'à 8 milliards" is no stake.
func TestExtractorMeasureIdiom(t *testing.T) {
	for _, tt := range []struct {
		sentence, surface string
		want              bool
	}{
		{"Lumen a promis pour sa part jusqu'à 8 milliards de dollars.", "jusqu'à 8 milliards de dollars", false},
		{"Lumen détient une part de 8 milliards de dollars.", "8 milliards de dollars", true},
	} {
		c := claim("a", "https://a.example/1", "fr", tt.sentence, tt.surface, 8e9, "USD", "up_to")
		c.Measure = "part"
		s := NewSignature(&c, idiomLexicon{}, Story{})
		if got := s.measures["share"]; got != tt.want {
			t.Errorf("%q: share %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

// TestWorthNow keeps what a holding is worth today apart from what was paid for it.
func TestWorthNow(t *testing.T) {
	worth := exactSignature("a", "With the shares up, Orbis's stake in Lumen is now worth $13.9 billion.", "$13.9 billion", 13.9e9, "USD", "orbis", "lumen")
	paid := exactSignature("b", "Orbis took a stake in Lumen for $10 billion in August.", "$10 billion", 10e9, "USD", "orbis", "lumen")
	if !worth.worthNow || paid.worthNow {
		t.Fatalf("worth now %v and %v, want true and false", worth.worthNow, paid.worthNow)
	}
	unmarked := *worth
	unmarked.worthNow = false
	if apart, together := Score(worth, paid).Score, Score(&unmarked, paid).Score; apart >= together*0.5 {
		t.Errorf("a stake's worth today and its price scored %.2f, against %.2f unmarked", apart, together)
	}
}

// TestHeldShare reads a percentage right after a verb of holding, in any tense, as a stake.
func TestHeldShare(t *testing.T) {
	for _, tt := range []struct {
		lang, sentence, surface string
		stake                   bool
	}{
		{"en", "Orbis could own as much as 9% of Lumen's shares.", "as much as 9%", true},
		{"fr", "Orbis détiendra environ 10 % de Lumen.", "environ 10 %", true},
		{"fr", "Orbis détient plus de 40 % de Lumen.", "plus de 40 %", true},
		{"en", "Lumen's revenue could grow as much as 9% this year.", "as much as 9%", false},
		{"fr", "Orbis deviendra actionnaire, détenant probablement 4% ou plus de Lumen.", "4% ou plus", true},
		{"en", "Orbis already owns 9% of Lumen.", "9%", true},
		{"en", "Lumen's revenue will grow a likely 9% this year.", "9%", false},
	} {
		if s := signatureOf("x", tt.lang, tt.sentence, tt.surface, 9, "percent"); s.measures["share"] != tt.stake {
			t.Errorf("%q: measures %v, want a stake %v", tt.sentence, s.measures, tt.stake)
		}
	}
}

// TestMeasureKinds holds a measure and a kind of it as one measure for agreeing figures and two
// for differing ones; two kinds, or two measures, are always two.
func TestMeasureKinds(t *testing.T) {
	of := func(ms ...string) *Signature {
		s := &Signature{}
		for _, m := range ms {
			s.addMeasure(m)
		}
		s.settleKinds()
		return s
	}
	tests := []struct {
		a, b              *Signature
		verdict           Verdict
		wantSame, wantHit bool
	}{
		{of("jobs"), of("jobs/permanent"), Agree, true, false},
		{of("jobs"), of("jobs/permanent"), Disagree, false, true},
		{of("jobs/permanent"), of("jobs/construction"), Agree, false, true},
		{of("jobs/permanent"), of("jobs/permanent"), Disagree, true, false},
		{of("valuation"), of("funding round"), Agree, false, true},
		{of("jobs"), of(), Disagree, false, false},
		{of("funding round/debt"), of(), Disagree, false, true},
		{of(), of("funding round/debt"), Agree, false, false},
	}
	for _, tt := range tests {
		if same, clash := compareMeasures(tt.a, tt.b, tt.verdict); same != tt.wantSame || clash != tt.wantHit {
			t.Errorf("%v and %v (%v): same %v, clash %v; want %v, %v", tt.a.measures, tt.b.measures, tt.verdict, same, clash, tt.wantSame, tt.wantHit)
		}
	}
}

// TestShareArticle gives a headline's figure the kind of measure its body names for it, and
// nothing to a headline's other figure nor to the body.
func TestShareArticle(t *testing.T) {
	const title = "Lumen raises $5 billion in a new round, eyes $9 billion"
	of := func(id, sentence, surface string, v float64) *Signature {
		c := claim(id, "https://a.example/1", "en", sentence, surface, v, "USD", "exact")
		c.Title = title
		return signature(c, "lumen")
	}
	headline := of("h", title, "$5 billion", 5e9)
	other := of("o", title, "$9 billion", 9e9)
	body := of("b", "Lumen's $5 billion debt round closed on Monday.", "$5 billion", 5e9)
	ShareArticle([]*Signature{headline, other, body})
	if !headline.measures["funding round/debt"] || other.measures["funding round/debt"] || !body.measures["funding round/debt"] {
		t.Errorf("measures %v, %v and %v, want the debt round for the headline's $5 billion and the body's only",
			headline.measures, other.measures, body.measures)
	}
	equity := signature(claim("e", "https://e.example/1", "en", "Orbis put $5 billion of equity into Lumen.", "$5 billion", 5e9, "USD", "exact"), "lumen")
	if same, clash := compareMeasures(headline, equity, Agree); same || !clash {
		t.Errorf("the headline's debt round and another outlet's equity round: same %v, clash %v; want two measures", same, clash)
	}
}

// TestHeadlineOfBothKinds keeps a headline naming two kinds of a measure the whole, whatever
// part its body names: "$10bn in Debt and Equity" is the whole raise.
func TestHeadlineOfBothKinds(t *testing.T) {
	const title = "Lumen Raises $10bn in Debt and Equity, Says Its Banker"
	headline := claim("h", "https://a.example/1", "en", title, "$10bn", 10e9, "USD", "exact")
	headline.Title = title
	body := claim("b", "https://a.example/1", "en", "Lumen raised $10 billion, the banker said, with equity of $5 billion.", "$10 billion", 10e9, "USD", "exact")
	body.Title = title
	h, b := signature(headline, "lumen"), signature(body, "lumen")
	b.addMeasure("funding round/equity") // as a body misreading its figure's kind would
	ShareArticle([]*Signature{h, b})
	if !h.measures["funding round"] || h.measures["funding round/equity"] {
		t.Errorf("headline measures %v, want the whole raise", h.measures)
	}
	part := signature(claim("p", "https://p.example/1", "en", "Orbis put a separate $5 billion of equity into Lumen.", "$5 billion", 5e9, "USD", "exact"), "lumen")
	if same, clash := compareMeasures(h, part, Disagree); same || !clash {
		t.Errorf("the whole raise and an equity part: same %v, clash %v; want two measures", same, clash)
	}
}

// TestKindsRead reads the kinds of a measure named near a figure: the nearest of kinds on both
// sides of it, not one another figure's by "of", the measure itself for kinds named together,
// and a figure "each" as a part.
func TestKindsRead(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              []string
		part              bool
	}{
		{"Lumen completed a $5 billion debt raise.", "$5 billion", []string{"funding round/debt"}, false},
		// The test lexicon keeps "and" as a term, which the real one drops.
		{"Lumen got $10bn in debt and equity.", "$10bn", []string{"funding round"}, false},
		{"Lumen closed an equity sale, then a $5bn debt raise.", "$5bn", []string{"funding round/debt"}, false},
		{"Lumen got $5bn each in debt, equity.", "$5bn", []string{"funding round"}, true},
		// A kind joined to the figure before it by "of" is that figure's, however near ours; the two
		// figures split one raise, each a part.
		{"Lumen took $27bn of debt and $1.5bn of equity.", "$1.5bn", []string{"funding round/equity"}, true},
		{"Lumen took $27 billion of debt and $1.5 billion of equity.", "$1.5 billion", []string{"funding round/equity"}, true},
	}
	for _, tt := range tests {
		s := signatureOf("x", "en", tt.sentence, tt.surface, 5e9, "USD")
		if got := slices.Sorted(maps.Keys(s.measures)); !slices.Equal(got, tt.want) || s.part != tt.part {
			t.Errorf("%q: measures %v, part %v; want %v, %v", tt.sentence, got, s.part, tt.want, tt.part)
		}
	}
	debt := signatureOf("a", "en", "Lumen completed a $5 billion debt raise.", "$5 billion", 5e9, "USD")
	whole := signatureOf("b", "en", "Lumen secures $10 billion to build its campus.", "$10 billion", 10e9, "USD")
	wantApart(t, debt, whole, "a debt raise and the whole funding")
}

// TestSoFar reads money spent so far apart from money planned; a count reached so far is the
// count.
func TestSoFar(t *testing.T) {
	tests := []struct {
		lang, sentence, surface, unit string
		want                          bool
	}{
		{"fr", "Lumen a déjà investi plus de 4,7 milliards d'euros en France.", "plus de 4,7 milliards d'euros", "EUR", true},
		{"en", "Lumen has already poured in $7.3 billion.", "$7.3 billion", "USD", true},
		{"en", "Lumen, already a leader, will invest $3 billion.", "$3 billion", "USD", false},
		{"en", "Lumen has $1.2 billion already raised from Orbis.", "$1.2 billion", "USD", true},
		{"fr", "Lumen a 300 millions d'euros déjà levés.", "300 millions d'euros", "EUR", true},
		{"en", "Lumen raised $1.2 billion; already it plans more.", "$1.2 billion", "USD", false},
		{"fr", "L'Irlande compte déjà plus de 80 centres de données.", "plus de 80 centres de données", "data centres", false},
		{"en", "The new hall lifts what Lumen has put into Spain to over $3 billion to date.", "over $3 billion", "USD", true},
		{"en", "Lumen has so far invested $2 billion in the region.", "$2 billion", "USD", true},
		{"fr", "Lumen a investi 1 milliard d'euros à ce jour.", "1 milliard d'euros", "EUR", true},
		{"en", "So far, Lumen plans to invest $2 billion.", "$2 billion", "USD", false},
		// A running total is what is raised so far; a round and a goal are not.
		{"en", "The round brings Lumen's total funding to $1.1 billion.", "$1.1 billion", "USD", true},
		{"fr", "Orbis a clos un tour de 90 millions d'euros, ce qui porte à 240 millions d'euros le total de ses fonds.", "240 millions d'euros", "EUR", true},
		{"fr", "Orbis a clos un tour de 90 millions d'euros, ce qui porte à 240 millions d'euros le total de ses fonds.", "90 millions d'euros", "EUR", false},
		{"en", "Lumen is seeking $1 billion, bringing in Orbis as lead.", "$1 billion", "USD", false},
		{"en", "Lumen has announced a plan that raises its total U.S. commitment to 600 billion dollars.", "600 billion dollars", "USD", true},
		{"en", "Lumen raised $600 million in a round led by Orbis.", "$600 million", "USD", false},
		{"en", "The deal brings its capacity to 1.5 GW in total.", "1.5 GW", "GW", false},
		// A count brought to its total is the total; one reached so far is the count.
		{"en", "Lumen plans three new plants, bringing the total to six.", "six", "plants", true},
		{"en", "Lumen plans three new plants, bringing the total to six.", "three new plants", "plants", false},
		// So is what is counted from a year or a founding on.
		{"en", "Since 2010, Lumen has invested $26 billion in the state.", "$26 billion", "USD", true},
		{"fr", "Depuis sa création, Orbis a levé 1 milliard d'euros.", "1 milliard d'euros", "EUR", true},
		{"en", "Lumen will invest $20 billion, its largest outlay since 2010 (when it began).", "$20 billion", "USD", false},
		{"en", "Since Monday, Lumen plans to invest $20 billion.", "$20 billion", "USD", false},
		{"en", "Since opening its first site in Vela, Lumen has invested over 9 billion euros there.", "over 9 billion euros", "EUR", true},
		{"fr", "Lumen franchira la barre des 9 Mds EUR investis à Vela depuis l'ouverture de son premier site.", "9 Mds EUR", "EUR", true},
		{"fr", "Lumen a investi 2 milliards d'euros à Vela depuis 2015.", "2 milliards d'euros", "EUR", true},
		{"fr", "Cette annonce de 2 milliards d'euros sera faite depuis l'Arizona.", "2 milliards d'euros", "EUR", false},
		// Counted from a month on, and a count too: what is done so far, not a plan's.
		{"en", "The company has trained 5.6 million people since January 2025.", "5.6 million people", "people", true},
		{"fr", "Lumen a investi 2 milliards d'euros depuis janvier.", "2 milliards d'euros", "EUR", true},
		{"en", "Lumen aims to train 10 million people by 2030.", "10 million people", "people", false},
		// A record compares a day with the years before it and counts nothing since.
		{"en", "Lumen shares had their best day since 1998, jumping 21% and adding $44 billion in market value.", "$44 billion", "USD", false},
		{"fr", "Pour sa plus forte hausse depuis 2001, Lumen a gagné 9 milliards d'euros en Bourse.", "9 milliards d'euros", "EUR", false},
	}
	for _, tt := range tests {
		if got := signatureOf("x", tt.lang, tt.sentence, tt.surface, 1, tt.unit).soFar; got != tt.want {
			t.Errorf("%q: so far %v, want %v", tt.sentence, got, tt.want)
		}
	}
	spent := signatureOf("a", "fr", "Lumen a déjà investi 4,7 milliards d'euros en France.", "4,7 milliards d'euros", 4.7e9, "EUR")
	planned := signatureOf("b", "fr", "Lumen va investir 3 milliards d'euros en France.", "3 milliards d'euros", 3e9, "EUR")
	unmarked := *spent
	unmarked.soFar = false
	if apart, together := Score(spent, planned).Score, Score(&unmarked, planned).Score; apart >= together*0.5 {
		t.Errorf("money spent and money planned scored %.2f, against %.2f unmarked", apart, together)
	}
}

// TestSameDigitsTwoCurrencies keeps apart two sums of two names that share their digits in two
// currencies: one is not the other misreported when neither article names the other's owner.
func TestSameDigitsTwoCurrencies(t *testing.T) {
	of := func(id, sentence, surface string, v float64, unit, qualifier, subject string, topic ...string) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, qualifier), subject)
		c.Published = time.Date(2025, 9, 9, 0, 0, 0, 0, time.UTC)
		return signature(c, topic...)
	}
	vela := of("a", "Vela is to put 1.3 billion euros into the Lumen round, it said.", "1.3 billion euros", 1.3e9, "EUR", "exact", "Vela", "vela", "lumen", "orbis")
	orbis := of("b", "Orbis said it will invest over €1.2 billion ($1.3 billion) in its Spanish sites.", "$1.3 billion", 1.3e9, "USD", "more_than", "Orbis", "orbis", "spain", "lumen")
	wantApart(t, vela, orbis, "Vela's €1.3 billion and Orbis's $1.3 billion")
	misprinted := of("c", "Vela is to put $1.3 billion into the Lumen round.", "$1.3 billion", 1.3e9, "USD", "exact", "Vela", "vela", "lumen")
	wantLinked(t, vela, misprinted, "Vela's €1.3 billion and its $1.3 billion")
}

// TestChangeBase reads what a change is measured against and keeps apart two changes measured
// against two bases.
func TestChangeBase(t *testing.T) {
	for _, tt := range []struct {
		sentence, surface string
		want              int
	}{
		{"Lumen's networking revenue was up 46% sequentially and 98% from a year ago.", "46%", sinceQuarter},
		{"Lumen's networking revenue was up 46% sequentially and 98% from a year ago.", "98%", sinceYear},
		{"Le chiffre d'affaires de Lumen fait un bond de plus de 50% sur un an.", "plus de 50%", sinceYear},
		{"Le chiffre d'affaires de Lumen progresse de 5% sur 12 mois.", "5%", sinceYear},
		{"Lumen's emissions rose 13% compared with the previous year.", "13%", sinceYear},
		{"Ses émissions ont augmenté de 13 % par rapport à l'année dernière.", "13 %", sinceYear},
		{"Lumen's revenue rose 12%, the best since 2020.", "12%", 0},
		// A comparison of two amounts is no change over time.
		{"The plan is more than 30 per cent larger than Lumen's investment to date.", "more than 30 per cent", thanOther},
		{"Le plan est 30 % plus important que les investissements passés.", "30 %", thanOther},
	} {
		at := strings.Index(tt.sentence, tt.surface)
		if got := changeBaseAfter(tt.sentence[at+len(tt.surface):]); got != tt.want {
			t.Errorf("%q in %q: base %d, want %d", tt.surface, tt.sentence, got, tt.want)
		}
	}
	growth := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "percent", "lumen")
	}
	quarter := growth("a", "Lumen's revenue was up 46% sequentially, the company said.", "46%", 46)
	year := growth("b", "Lumen's revenue was up 50% year over year, the company said.", "50%", 50)
	yearOnly := growth("c", "Lumen's revenue was up 50%, the company said.", "50%", 50)
	if apart, unknown := Score(quarter, year).Score, Score(quarter, yearOnly).Score; apart >= unknown*0.5 {
		t.Errorf("changes against two bases scored %.2f, against %.2f with one base unwritten", apart, unknown)
	}
	// A change on the year before and one over three years, however close.
	backlog := growth("d", "Lumen's backlog of contracts rose 359% year over year to $455 billion.", "359%", 359)
	span := growth("e", "Lumen's backlog of contracts rose 356% in three years, to $455 billion.", "356%", 356)
	spanUnknown := growth("f", "Lumen's backlog of contracts rose 356%, to $455 billion.", "356%", 356)
	if apart, unknown := Score(backlog, span).Score, Score(backlog, spanUnknown).Score; apart >= unknown*0.5 {
		t.Errorf("a change on a year and one over three years scored %.2f, against %.2f with no span written", apart, unknown)
	}
	// A plan larger than another by a share, and a business's growth on the year.
	larger := growth("g", "Lumen's cloud business is 30 per cent larger than its investment to date.", "30 per cent", 30)
	yearly := growth("h", "Lumen's cloud business is growing 20 per cent year-on-year.", "20 per cent", 20)
	grown := growth("i", "Lumen's cloud business is 30 per cent up on its investment to date.", "30 per cent", 30)
	if apart, unknown := Score(larger, yearly).Score, Score(grown, yearly).Score; apart > unknown*yearMismatch {
		t.Errorf("a comparison and a change on the year scored %.2f, against %.2f with no comparison written", apart, unknown)
	}
}

// TestStoriesApart reads the countries an article puts things in and keeps apart two differing
// figures of two stories put in two countries, or two in two currencies however they convert,
// not two stories sharing one.
func TestStoriesApart(t *testing.T) {
	story := func(sentences ...string) Story { return ReadStory(wordLexicon{}, "en", "", sentences) }
	pa := story("Lumen will invest $20 billion in Pennsylvania to expand its data centers.", "Lumen named Texas as its next site.")
	if !slices.Equal(pa.Places, []string{"us"}) {
		t.Errorf("places %v, want the United States once, for Pennsylvania (Texas named with no preposition of place)", pa.Places)
	}
	fr := story("Lumen has invested more than €21 billion in France since 2010.", "The French unit of Lumen grew.")
	tx := story("Lumen will spend $25 billion in Texas.")
	of := func(id, sentence, surface string, v float64, unit string, st Story) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, unit, "exact"), "Lumen")
		s := NewSignature(&c, wordLexicon{}, Story{Topic: []string{"lumen"}, Places: st.Places})
		return &s
	}
	inPA := of("a", "Lumen will invest $20 billion to expand its data centers.", "$20 billion", 20e9, "USD", pa)
	inFR := of("b", "Lumen will invest $25 billion to expand its data centers.", "$25 billion", 25e9, "USD", fr)
	inTX := of("c", "Lumen will invest $25 billion to expand its data centers.", "$25 billion", 25e9, "USD", tx)
	wantApart(t, inPA, inFR, "Lumen's sums for two countries")
	wantLinked(t, inPA, inTX, "Lumen's sums for two states of one country")
	// Two sums that agree only through a conversion, in stories of two countries: Lumen's €16.6
	// billion for its data centres in Spain and its $18 billion power deal in Pennsylvania.
	es := story("Lumen will invest in Spain.")
	inES := of("d", "Lumen will invest €17.0 billion to expand its data centers.", "€17.0 billion", 17.0e9, "EUR", es)
	deal := of("e", "Lumen will invest $18 billion to expand its data centers.", "$18 billion", 18e9, "USD", pa)
	wantApart(t, inES, deal, "€16.6 billion in Spain and $18 billion in Pennsylvania")
	inESinUSD := of("f", "Lumen will invest $18 billion to expand its data centers.", "$18 billion", 18e9, "USD", es)
	wantLinked(t, inES, inESinUSD, "one sum in Spain told in euros and in dollars")
}

// TestValuationMoments keeps apart differing valuations told weeks apart, two moments, and links
// them told the same week.
func TestValuationMoments(t *testing.T) {
	october := time.Date(2025, 10, 24, 0, 0, 0, 0, time.UTC)
	value := func(id, sentence, surface string, v float64, published time.Time) *Signature {
		return publishedSignature(id, sentence, surface, v, "USD", "exact", published, "lumen")
	}
	before := value("a", "The Lumen valuation stands at $183 billion, its backers said.", "$183 billion", 183e9, october)
	after := value("b", "The deal is set to lift the Lumen valuation to $350 billion, its backers said.", "$350 billion", 350e9, october.AddDate(0, 0, 26))
	sameWeek := value("c", "The deal is set to lift the Lumen valuation to $350 billion, its backers said.", "$350 billion", 350e9, october.AddDate(0, 0, 2))
	if apart, together := Score(before, after).Score, Score(before, sameWeek).Score; apart >= together*0.5 {
		t.Errorf("valuations weeks apart scored %.2f, against %.2f told the same week", apart, together)
	}
}

// TestGlobalAndPlaced reads the world's figures and keeps them apart from a place's when they
// differ.
func TestGlobalAndPlaced(t *testing.T) {
	for _, tt := range []struct {
		sentence, surface string
		global            bool
	}{
		{"Lumen sees global investment forecasts of $2 trillion over five years.", "$2 trillion", true},
		{"Les serveurs de Lumen consommeront 945 TWh à l'échelle mondiale.", "945 TWh", true},
		{"Lumen, a global leader, will invest $2 billion in Vela.", "$2 billion", false},
		{"Lumen will invest $2 billion in Vela.", "$2 billion", false},
	} {
		at := strings.Index(tt.sentence, tt.surface)
		if got := globalNear(tt.sentence[:at], tt.sentence[at+len(tt.surface):]); got != tt.global {
			t.Errorf("%q in %q: the world's %v, want %v", tt.surface, tt.sentence, got, tt.global)
		}
	}
	world := exactSignature("a", "Lumen expects global capital expenditures of $2 trillion over the next five years.", "$2 trillion", 2e12, "USD", "lumen")
	placed := exactSignature("b", "Lumen expects capital expenditures of $1 trillion in Texas over the next five years.", "$1 trillion", 1e12, "USD", "lumen")
	unplaced := exactSignature("c", "Lumen expects capital expenditures of $1 trillion over the next five years.", "$1 trillion", 1e12, "USD", "lumen")
	if apart, together := Score(world, placed).Score, Score(world, unplaced).Score; apart >= together*0.5 {
		t.Errorf("the world's figure and a place's scored %.2f, against %.2f for one placed nowhere", apart, together)
	}
}

// TestGrowthAndMultiple keeps apart a growth and a multiple of another figure, both told in
// times.
func TestGrowthAndMultiple(t *testing.T) {
	growth := exactSignature("a", "Lumen's annual revenue has grown tenfold, the filing shows.", "tenfold", 10, "times", "lumen")
	multiple := exactSignature("b", "Lumen's value is 25 times its annual revenue, the filing shows.", "25 times", 25, "times", "lumen")
	if l := Score(growth, multiple); l.Score >= LinkMinScore/2 {
		t.Errorf("a growth and a multiple scored %.2f %v", l.Score, l.Shared)
	}
}

// TestPerUnit reads a rule of thumb's one unit and its rate apart from the story's figures.
func TestPerUnit(t *testing.T) {
	for _, tt := range []struct {
		sentence, surface string
		written           float64
		want              bool
	}{
		{"Lumen will provide Vela with 1,121 megawatts, a big rise, as one gigawatt can power approximately 1 million homes.", "approximately 1 million homes", 1e6, true},
		{"Executives estimate that deploying 1GW of AI computing capacity could cost around $50 billion.", "1GW", 1, true},
		{"Executives estimate that deploying 1GW of AI computing capacity could cost around $50 billion.", "around $50 billion", 5e10, true},
		{"Un gigawatt peut alimenter 800 000 foyers.", "800 000 foyers", 8e5, true},
		{"Un chiffre qui représente un coût estimé à près de 50 milliards de dollars par gigawatt.", "près de 50 milliards de dollars", 5e10, true},
		{"The Lumen plant generates 1,092 megawatts, enough to power 800,000 homes.", "800,000 homes", 8e5, false},
		{"Lumen has just over 2 gigawatts of capacity.", "just over 2 gigawatts", 2, false},
		{"Lumen runs 1 GW of capacity in Texas and could add more.", "1 GW", 1, false},
	} {
		at := strings.Index(tt.sentence, tt.surface)
		if got := perUnitNear(tt.sentence[:at], tt.sentence[at+len(tt.surface):], tt.written); got != tt.want {
			t.Errorf("%q in %q: per unit %v, want %v", tt.surface, tt.sentence, got, tt.want)
		}
	}
}

// TestGrowthHorizon dates a growth spread over the years from its article's date, and keeps
// apart two growths of two horizons.
func TestGrowthHorizon(t *testing.T) {
	published := time.Date(2024, 12, 10, 0, 0, 0, 0, time.UTC)
	of := func(id, sentence, surface string, v float64) *Signature {
		return publishedSignature(id, sentence, surface, v, "times", "exact", published, "vela")
	}
	decade := of("a", "Data centers in Vela drive a forecast doubling of energy demand over the next 10 years.", "doubling", 2)
	if decade.Year != 2034 {
		t.Errorf("a doubling over the next 10 years told in 2024: year %d, want 2034", decade.Year)
	}
	by2040 := of("b", "Data centers in Vela could triple energy demand by 2040.", "triple", 3)
	wantApart(t, decade, by2040, "a doubling by 2034 and a tripling by 2040")
}

// TestCountingThose reads a figure said to count another's among it as a whole.
func TestCountingThose(t *testing.T) {
	for _, tt := range []struct {
		lang, sentence, surface string
		whole                   bool
	}{
		{"fr", "Le plan créera environ 9 000 emplois directs et indirects, en comptant ceux liés aux futurs centres de données de Lumen.", "environ 9 000 emplois directs", true},
		{"en", "The plan will create 3,000 jobs, including those at the new Lumen campus.", "3,000 jobs", true},
		{"en", "The Lumen data centre projects will create over 3,400 direct and indirect jobs.", "over 3,400 direct and indirect jobs", false},
		{"en", "The plan will create 3,000 jobs in Vela; including those at the new campus, 4,000.", "3,000 jobs", false},
	} {
		if got := signatureOf("x", tt.lang, tt.sentence, tt.surface, 1, "jobs").whole; got != tt.whole {
			t.Errorf("%q in %q: whole %v, want %v", tt.surface, tt.sentence, got, tt.whole)
		}
	}
}

// TestNowAndLater keeps apart today's figure and a differing one of a later year.
func TestNowAndLater(t *testing.T) {
	for _, tt := range []struct {
		sentence, surface string
		now               bool
	}{
		{"Data centres now account for 21% of all electricity in Vela.", "21%", true},
		{"Les centres de données représentent aujourd'hui 21 % de la consommation.", "21 %", true},
		{"Data centres will account for 31% of electricity demand by 2034, up from today.", "31%", false},
	} {
		at := strings.Index(tt.sentence, tt.surface)
		if got := nowNear(tt.sentence[:at], tt.sentence[at+len(tt.surface):]); got != tt.now {
			t.Errorf("%q in %q: today's %v, want %v", tt.surface, tt.sentence, got, tt.now)
		}
	}
	published := time.Date(2025, 3, 25, 0, 0, 0, 0, time.UTC)
	of := func(id, sentence, surface string, v float64) *Signature {
		return publishedSignature(id, sentence, surface, v, "percent", "exact", published, "vela")
	}
	today := of("a", "Data centres now account for 21% of the electricity demand of Vela.", "21%", 21)
	later := of("b", "Data centres are forecast to account for 31% of the electricity demand of Vela by 2034.", "31%", 31)
	undated := of("c", "Data centres are forecast to account for 31% of the electricity demand of Vela.", "31%", 31)
	if apart, together := Score(today, later).Score, Score(today, undated).Score; apart >= together*0.5 {
		t.Errorf("today's share and 2034's scored %.2f, against %.2f for one of no year", apart, together)
	}
}

// TestEmployedPeople counts the people a company employs as its employees, and other people as
// people.
func TestEmployedPeople(t *testing.T) {
	count := func(id, sentence, surface string, v float64, unit string) *Signature {
		return exactSignature(id, sentence, surface, v, unit, "lumen")
	}
	employed := count("a", "Lumen employed 9,800 people at the end of 2024, of which 8,500 were core staff.", "9,800 people", 9800, "people")
	staff := count("b", "Lumen plans to cut its staff from about 9,900 employees at the end of 2024.", "about 9,900 employees", 9900, "employees")
	trained := count("c", "Lumen trained 9,900 people at the end of 2024.", "9,900 people", 9900, "people")
	if !sameCounted(employed.Counted, staff.Counted) || sameCounted(trained.Counted, staff.Counted) {
		t.Errorf("counted %v, %v and %v: want the first two one thing, the last another", employed.Counted, staff.Counted, trained.Counted)
	}
}

// TestNextQuarter reads a forecast for the quarter after the one reported as a goal, apart from
// the quarter's result, and a result beside it as a result.
func TestNextQuarter(t *testing.T) {
	tests := []struct {
		lang, sentence, surface string
		want                    bool
	}{
		{"en", "Lumen reported revenue of $46.7 billion for the quarter.", "$46.7 billion", false},
		{"en", "Lumen expects revenue of about $54 billion next quarter.", "$54 billion", true},
		{"fr", "Lumen vise environ 54 milliards de dollars de revenus au prochain trimestre.", "54 milliards de dollars", true},
		{"en", "Lumen reported revenue of $46.7 billion and expects $54 billion next quarter.", "$46.7 billion", false},
		{"en", "Lumen reported revenue of $46.7 billion and expects $54 billion next quarter.", "$54 billion", true},
		// So is a revenue projected some years out; not another sum.
		{"en", "Lumen's revenue could reach $45 billion within a few years.", "$45 billion", true},
		{"en", "Lumen will spend $45 billion within a few years.", "$45 billion", false},
	}
	for _, tt := range tests {
		if got := signatureOf("x", tt.lang, tt.sentence, tt.surface, 1, "USD").target; got != tt.want {
			t.Errorf("%q, %q: forecast %v, want %v", tt.sentence, tt.surface, got, tt.want)
		}
	}
	result := signatureOf("a", "fr", "Lumen a annoncé un chiffre d'affaires de 46,7 milliards de dollars.", "46,7 milliards de dollars", 46.7e9, "USD")
	forecast := signatureOf("b", "fr", "Lumen vise environ 54 milliards de dollars de chiffre d'affaires au prochain trimestre.", "54 milliards de dollars", 54e9, "USD")
	wantApart(t, result, forecast, "a quarter's revenue and the next quarter's forecast")
}

// TestSharePrice keeps two prices of a share apart, two moments, and reads no deal as one.
func TestSharePrice(t *testing.T) {
	entry := signatureOf("a", "en", "Lumen bought its shares at $20.47 each, below the market.", "$20.47", 20.47, "USD")
	now := signatureOf("b", "en", "Lumen shares jumped 24% to around $31.", "$31", 31, "USD")
	deal := signatureOf("c", "en", "Orbis will buy $5 billion of Lumen shares.", "$5 billion", 5e9, "USD")
	close := signatureOf("d", "fr", "L'action Lumen a clôturé à 164,42 dollars.", "164,42 dollars", 164.42, "USD")
	power := signatureOf("e", "fr", "Au cours de l'année, le MWh a coûté 70 euros à titre d'exemple.", "70 euros", 70, "EUR")
	trading := signatureOf("f", "en", "Before the bell, ORB is trading at $12.64, a touch higher.", "$12.64", 12.64, "USD")
	closed := signatureOf("g", "fr", "Lumen a clôturé hier soir à 24,90 dollars.", "24,90 dollars", 24.90, "USD")
	if !entry.sharePrice || !now.sharePrice || deal.sharePrice || !close.sharePrice || power.sharePrice || !trading.sharePrice || !closed.sharePrice {
		t.Errorf("share price: %v, %v, %v, %v, %v, %v, %v; want true, true, false, true, false, true, true",
			entry.sharePrice, now.sharePrice, deal.sharePrice, close.sharePrice, power.sharePrice, trading.sharePrice, closed.sharePrice)
	}
	unmarked := *now
	unmarked.sharePrice = false
	if apart, together := Score(entry, now).Score, Score(entry, &unmarked).Score; apart >= together*0.5 {
		t.Errorf("two share prices scored %.2f, against %.2f unmarked", apart, together)
	}
}

// TestOneSharePrice links prices of a share a few cents apart told the same day, one moment
// misreported, and keeps apart prices further apart, or told days apart.
func TestOneSharePrice(t *testing.T) {
	day := time.Date(2025, 7, 9, 0, 0, 0, 0, time.UTC)
	of := func(id, sentence, surface string, v float64, published time.Time) *Signature {
		return publishedSignature(id, sentence, surface, v, "USD", "exact", published, "lumen", "record")
	}
	high := of("a", "Lumen shares hit a record high of $164.42 on the Nasdaq.", "$164.42", 164.42, day)
	wantLinked(t, high, of("b", "On the Nasdaq, Lumen shares reached a record high of $164.37.", "$164.37", 164.37, day.Add(12*time.Hour)), "one record high misreported")
	wantApart(t, high, of("c", "Lumen shares traded at $163.69 on the Nasdaq, near a record high.", "$163.69", 163.69, day), "two moments of one day")
	wantApart(t, high, of("d", "Lumen shares hit $164.42 on the Nasdaq, a record high.", "$164.42", 164.42, day.AddDate(0, 1, 0)), "two records a month apart")
	// A hedge leaves a price written to the cent a price of its moment.
	about := publishedSignature("e", "This afternoon, Lumen shares are trading at about $165.70 on the Nasdaq.", "about $165.70", 165.70, "USD", "approx", day, "lumen", "record")
	wantApart(t, high, about, "a record and a later price hedged")
}

// TestShareMoves links a share's move told twice the same day, and keeps apart moves told in
// stories days apart: two days' moves, however alike the sentences.
func TestShareMoves(t *testing.T) {
	day := time.Date(2025, 9, 18, 0, 0, 0, 0, time.UTC)
	of := func(id, sentence, surface string, v float64, published time.Time) *Signature {
		return publishedSignature(id, sentence, surface, v, "percent", "more_than", published, "lumen", "shares")
	}
	deal := of("a", "Following the announcement, Lumen shares rose more than 3%.", "more than 3%", 3, day)
	if !deal.shareMove {
		t.Fatal("a share's rise not read as a move")
	}
	later := "Following the announcement, Lumen shares rose more than 4% on the Nasdaq."
	wantLinked(t, deal, of("b", later, "more than 4%", 4, day.Add(6*time.Hour)), "one day's move")
	wantApart(t, deal, of("c", later, "more than 4%", 4, day.AddDate(0, 2, 0)), "two moves months apart")
}

// TestSpeaksOfShares reads which sentences speak of a company's shares.
func TestSpeaksOfShares(t *testing.T) {
	for sentence, want := range map[string]bool{
		"Lumen shares rose 4% on Monday.":                              true,
		"Le titre Lumen a bondi de 5 %.":                               true,
		"Ces résultats ont entraîné une hausse de 4 % du titre.":       true,
		"L'action Lumen a reculé de 3 %.":                              true,
		"L'accord a fait grimper son action de 10 %.":                  true,
		"Le cours de son action a bondi de 42 %.":                      true,
		"The price hit $20.50 on the way to a high of $21.05.":         true,
		"Il a touché un plus haut de 21,05 dollars en séance.":         true,
		"Lumen revenue rose 4% on the year.":                           false,
		"Revenue reached a record $4 billion, up from a low base.":     false,
		"Le chiffre d'affaires de Lumen a progressé de 4 % sur un an.": false,
	} {
		if got := speaksOfShares(sentence); got != want {
			t.Errorf("speaksOfShares(%q) = %v, want %v", sentence, got, want)
		}
	}
}

// TestAdverbDirection reads a rise or a fall from "up" or "down" right before a figure, which
// the lexicon never sees, and keeps a fall and a rise apart.
func TestAdverbDirection(t *testing.T) {
	of := func(id, sentence, surface string, v float64) *Signature {
		return signatureOf(id, "en", sentence, surface, v, "percent")
	}
	tests := []struct {
		sentence, surface string
		want              int
	}{
		{"Lumen was last down 4.5 per cent.", "4.5 per cent", -1},
		{"Traders drove Lumen's stock down about 4 percent.", "4 percent", -1},
		{"Lumen's shares are up 8% this week.", "8%", 1},
		{"The fund can return up to 8% a year.", "up to 8%", 0},
		{"Lumen's shares rose 8% on Monday.", "8%", 1},
	}
	for _, tt := range tests {
		if got := of("x", tt.sentence, tt.surface, 4).direction; got != tt.want {
			t.Errorf("%q: direction %d, want %d", tt.sentence, got, tt.want)
		}
	}
	// A word of direction says which way, not what moved: it ties no two figures.
	if near := of("y", "Lumen's sales rose 8% on Monday.", "8%", 8).near; near["rose"] || !near["sales"] {
		t.Errorf("terms near the figure %v, want sales and not rose", near)
	}
	// A percentage followed by a comparative is a gap above or below another figure.
	for _, tt := range []struct {
		lang, sentence, surface string
		want                    int
	}{
		{"fr", "Lumen achète les titres d'Orbis à 8,10 euros, environ 9 % de moins que leur dernier cours.", "environ 9 %", -1},
		{"en", "The stock now trades 12% below its peak.", "12%", -1},
		{"en", "The chip runs 30% more than the earlier model on the same power.", "30%", 1},
		{"en", "Lumen holds 30% of the market.", "30%", 0},
		// The French market's verbs right before a figure.
		{"fr", "L'action Orbis bondit, tandis que Lumen prend environ 2 %.", "environ 2 %", 1},
		{"fr", "Le titre Lumen perd 3 % à la clôture.", "3 %", -1},
		{"fr", "Lumen prend 2,9 % d'Orbis.", "2,9 %", 0},
		// A verb raising or cutting what a figure of "by" changes.
		{"en", "Data centres are raising the region's electricity demand by 1.7% this year.", "1.7%", 1},
		{"en", "Orbis cut its costs by 12%.", "12%", -1},
		{"en", "Orbis's plan was backed by 52% of its shareholders.", "52%", 0},
		// A change's noun heads its complement, however long, before the figure's "of".
		{"en", "Orbis kept pace with the increase in regional electricity demand of 3%.", "3%", 1},
		{"fr", "Orbis suit la hausse de la demande d'électricité de la région de 3 %.", "3 %", 1},
		{"en", "The increase in regional electricity demand, of which Orbis takes 3%, goes on.", "3%", 0},
		{"en", "The increase came in regional electricity demand at 3%.", "3%", 0},
	} {
		if got := signatureOf("x", tt.lang, tt.sentence, tt.surface, 7, "percent").direction; got != tt.want {
			t.Errorf("%q: direction %d, want %d", tt.sentence, got, tt.want)
		}
	}
	gap := signatureOf("c", "fr", "Lumen achète les titres à 8,10 euros, environ 9 % de moins que le cours de l'action Lumen.", "environ 9 %", 9, "percent")
	if l := Score(gap, of("d", "After the news, Lumen's shares rose about 8.5%.", "about 8.5%", 8.5)); l.Score != 0 {
		t.Errorf("a gap below a price and a rise linked at %.2f", l.Score)
	}
	fall := of("a", "Lumen's shares were down 4.5% on Monday after the deal.", "4.5%", 4.5)
	rise := of("b", "Lumen's shares were up 8% on Monday after the deal.", "8%", 8)
	if l := Score(fall, rise); l.Score != 0 {
		t.Errorf("a fall and a rise linked at %.2f", l.Score)
	}
}

// TestNearestYear dates a figure by the year written next to it: the one right after it before
// one ahead of it, none that another figure stands nearer; and tells a past value of a series,
// a later year standing after another figure, a change's start, or what a figure is compared with.
func TestNearestYear(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              int
		superseded        bool
	}{
		{"Use climbed from 40 TWh in 2016 to 150 TWh in 2024.", "150 TWh", 2024, false},
		{"Use climbed from 40 TWh in 2016 to 150 TWh in 2024.", "40 TWh", 2016, true},
		{"In 2024, the fleet drew 9 GW at its peak.", "9 GW", 2024, false},
		{"Launched in July 2022 at 5.7 billion euros, the fab should reach full output in 2026.", "5.7 billion euros", 2022, false},
		{"The share rose from 3% in 2015 to 18% last year.", "18%", 0, false},
		{"Asking rents rose 14.5% in 2022, 18.6% in 2023 and 12.6% in 2024.", "14.5%", 2022, true},
		{"Asking rents rose 14.5% in 2022, 18.6% in 2023 and 12.6% in 2024.", "18.6%", 2023, true},
		{"Asking rents rose 14.5% in 2022, 18.6% in 2023 and 12.6% in 2024.", "12.6%", 2024, false},
		{"The fab cost €4 billion in 2021 and will reach full output by 2026.", "€4 billion", 2021, false},
		// A year opening the sentence dates all it says; a span is no figure nearer the year.
		{"In 2022, Lumen's water use was up 34% from the year before, with ~6.4 million cubic meters consumed.", "~6.4 million cubic meters", 2022, false},
		{"Compared with Lumen's use in 2017, just 5 years prior, when it drew ~1.95 million cubic meters.", "~1.95 million cubic meters", 2017, false},
		{"Compared with Lumen's use in 2017, a rise of 5 points, it drew ~1.95 million cubic meters.", "~1.95 million cubic meters", 0, false},
		// So does a span of years opening it, up to its last year; a figure over a span is of
		// its last year.
		{"Between 2014 and 2023, Lumen invested €9.6bn and added an estimated €18.4bn to the economy.", "an estimated €18.4bn", 2023, false},
		{"De 2015 à 2024, Lumen a investi 3 milliards d'euros en Aragon.", "3 milliards d'euros", 2024, false},
		{"Lumen invested €9.6bn between 2014 and 2023 and plans more.", "€9.6bn", 2023, false},
		{"Its rivals budgeted 405 billion euros in 2020-2023.", "405 billion euros", 2023, false},
		{"Les rivaux ont budgété 405 milliards d'euros sur trois ans, de 2020 à 2023.", "405 milliards d'euros", 2023, false},
		// A record compared with a year is no figure of that year.
		{"Lumen's shares surged nearly 43%, the company's biggest single-day gain since 1992.", "nearly 43%", 0, false},
		{"L'action Lumen a bondi de 12 %, sa plus forte hausse depuis 2001.", "12 %", 0, false},
	}
	for _, tt := range tests {
		at := strings.Index(tt.sentence, tt.surface)
		if got, superseded := nearestYear(tt.sentence, at, at+len(tt.surface)); got != tt.want || superseded != tt.superseded {
			t.Errorf("%q in %q: year %d, superseded %v; want %d, %v", tt.surface, tt.sentence, got, superseded, tt.want, tt.superseded)
		}
	}
	// A change's start and what a figure is compared with, each read alone.
	pastValues := []struct {
		sentence, surface string
		start, compared   bool
	}{
		{"Demand could more than triple—from 35 gigawatts today to as much as 123 gigawatts by 2035.", "35 gigawatts", true, false},
		{"Lumen veut passer de 2 gigawatts à 30 gigawatts.", "2 gigawatts", true, false},
		{"Demand will grow from 35 gigawatts today to what analysts call a wall.", "35 gigawatts", false, false},
		{"Lumen draws power from 35 gigawatts of plants, to its rivals' dismay in 2030.", "35 gigawatts", false, false},
		{"Ils devraient représenter 4 GW en 2035 contre 714 MW en 2024.", "714 MW", false, true},
		{"Elle ne couvre plus que 33 % des coûts, contre 40 % dans le premier accord.", "40 %", false, true},
		{"Orbis indique avoir pris environ 11% du capital de Lumen contre 1,3 milliard d'euros.", "1,3 milliard d'euros", false, false},
		{"Capex could exceed $94 billion, up from $64.5 billion the previous year.", "$64.5 billion", false, true},
		{"Sales rose 12% compared with 5% in 2015.", "5%", false, true},
		{"Sales rose 12% in the quarter.", "12%", false, false},
		{"Supply grew 34% this year, more than the 26% increase in 2023.", "26%", false, true},
		{"Supply grew 34% this year, surpassing a hefty 26% increase in 2023.", "26%", false, true},
		{"Supply grew by more than 26% this year.", "26%", false, false},
		{"Forecasts put the year's spending at surpassing $380 billion.", "$380 billion", false, false},
		{"Ce data center sera plus puissant que celui de La Courneuve (130 MW).", "130 MW", false, true},
		{"The hall will be larger than the Lumen campus (90 MW) next door.", "90 MW", false, true},
		{"Le campus de Lumen (130 MW) sera le plus puissant.", "130 MW", false, false},
		{"Lumen paid more than it planned (about $3 billion).", "about $3 billion", false, true},
		{"Lumen a investi plus que prévu (3 milliards d'euros).", "3 milliards d'euros", false, false},
	}
	for _, tt := range pastValues {
		at := strings.Index(tt.sentence, tt.surface)
		before, after := tt.sentence[:at], tt.sentence[at+len(tt.surface):]
		if start, compared := changeStart(before, after), comparedWith(before); start != tt.start || compared != tt.compared {
			t.Errorf("%q in %q: a change's start %v, compared with %v; want %v, %v", tt.surface, tt.sentence, start, compared, tt.start, tt.compared)
		}
	}
	// A figure dated a year back right after it.
	for _, tt := range []struct {
		sentence, surface string
		past              bool
	}{
		{"The Lumen division generated sales of $41.1 billion, up 56% from $26.2 billion a year earlier.", "$26.2 billion", true},
		{"The Lumen division generated sales of $41.1 billion, up 56% from $26.2 billion a year earlier.", "$41.1 billion", false},
		{"Le chiffre d'affaires de Lumen atteint 5,7 milliards d'euros, contre 4,1 milliards un an plus tôt.", "4,1 milliards", true},
		{"Lumen will spend $3 billion next year.", "$3 billion", false},
		{"Lumen reported revenue of $30 billion in the same quarter last year.", "$30 billion", true},
		{"Lumen avait réalisé 30 milliards de dollars au même trimestre l'an dernier.", "30 milliards de dollars", true},
		// "Last year" alone dates a figure told for itself; "contre" before it compares.
		{"Lumen used 5.6 billion gallons last year.", "5.6 billion gallons", false},
		// So does a start the sentence dates back.
		{"The Lumen cluster already held 100,000 GPUs when it was completed.", "100,000 GPUs", true},
		{"Le campus comptait 3 bâtiments à son ouverture.", "3 bâtiments", true},
		{"The Lumen cluster holds 200,000 GPUs now that it is completed.", "200,000 GPUs", false},
	} {
		at := strings.Index(tt.sentence, tt.surface)
		if got := pastAfter(tt.sentence[at+len(tt.surface):]); got != tt.past {
			t.Errorf("%q in %q: dated a year back %v, want %v", tt.surface, tt.sentence, got, tt.past)
		}
	}
	start := signatureOf("d", "en", "Lumen's campus demand could more than triple, from 35 gigawatts today to as much as 123 gigawatts, the firm said.", "35 gigawatts", 35, "GW")
	other := signatureOf("e", "en", "Lumen's campus demand could more than triple to 45 gigawatts today, the firm said.", "45 gigawatts", 45, "GW")
	wantApart(t, start, other, "the start of a change and a differing figure")
	past := signatureOf("a", "en", "Lumen's asking rents rose 14.5% in 2022, 18.6% in 2023 and 12.6% in 2024, the broker said.", "18.6%", 18.6, "%")
	latest := signatureOf("b", "en", "Lumen's asking rents rose 12.6% in 2024, the broker said.", "12.6%", 12.6, "%")
	yearless := signatureOf("c", "en", "Lumen's asking rents rose 16.6% year over year, the broker said.", "16.6%", 16.6, "%")
	wantApart(t, past, yearless, "a past value of a series and a yearless one")
	wantApart(t, past, latest, "two years of a series")
}

// TestDigitSlip finds one figure misprinted with a doubled digit dropped or typed twice, not
// two figures ten times apart.
func TestDigitSlip(t *testing.T) {
	tests := []struct {
		a, b float64
		want bool
	}{
		{44e6, 4e6, true},
		{1550, 150, true},
		{335, 35, true},
		{40, 4, false},     // a final zero: 40 and 4 are two figures
		{1200, 120, false}, // the same
		{45, 4, false},     // no doubled digit
		{44, 44, false},
	}
	for _, tt := range tests {
		if got := digitSlip(tt.a, tt.b); got != tt.want {
			t.Errorf("digitSlip(%g, %g) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	topic := []string{"lumen"}
	a := signature(claim("a", "https://a.example/1", "en", "Lawmakers approved a $66 million incentive package for the Lumen campus.", "$66 million", 66e6, "USD", "exact"), topic...)
	b := signature(claim("b", "https://b.example/1", "en", "The state backed the Lumen project with a $6 million incentive package.", "$6 million", 6e6, "USD", "exact"), topic...)
	wantLinked(t, a, b, "an incentive package and its misprint")
}

// TestNearerAnother gives a word standing nearer another number of the sentence to that
// number: "raised" is the round's, not the investment's.
func TestNearerAnother(t *testing.T) {
	tests := []struct {
		sentence, number, word string
		want                   bool
	}{
		{"Orbis invested $400 million in Lumen, which had raised $1.1 billion.", "$400 million", "raised", true},
		{"Orbis invested $400 million in Lumen, which had raised $1.1 billion.", "$1.1 billion", "raised", false},
		{"Orbis invested $400 million in Lumen, which had raised $1.1 billion.", "$400 million", "invested", false},
		{"After 2 rounds, Orbis invested $400 million.", "$400 million", "invested", false},
		{"Lumen raised $450 million.", "$450 million", "raised", false},
		{"It seeks $4.3 billion through an equity sale on top of its $5 billion debt funding.", "$4.3 billion", "debt funding", true},
		{"It seeks $4.3 billion through an equity sale on top of its $5 billion debt funding.", "$4.3 billion", "equity sale", false},
		{"Revenue rose 69% to $44 billion.", "$44 billion", "Revenue", false}, // a subject before its change
		{"Lumen raised its 2025 capital expenditure guidance to $66 billion.", "$66 billion", "capital", false},
		{"Lumen spent $40 billion in 2024 on its capital plan.", "$40 billion", "capital", false},
		{"Lumen spent $40 billion, $12 billion more on capital.", "$40 billion", "capital", true},
		{"It buys 50,000 GB300 systems.", "50,000", "systems", false},
		{"L'investissement s'élève à 5 milliards d'euros et générera 2000 emplois.", "5 milliards d'euros", "emplois", true}, // 2000 counts, not dates
		{"Le prêt de 2 milliards s'ajoute à 5 milliards de dette.", "2 milliards", "dette", true},
		{"It joins a 1.7 billion euro ($2 billion) funding round.", "1.7 billion euro", "funding round", false},
		// A list's next item names its own figure's measure.
		{"Lumen expects capex of $70B-$72B, and total expenses to be in the range of $116B-$118B.", "$70B-$72B", "total expenses", true},
		{"Lumen expects capex of $70B-$72B, and total expenses to be in the range of $116B-$118B.", "$116B-$118B", "total expenses", false},
		{"Lumen prévoit 5 milliards de dépenses et la dette atteindra 9 milliards.", "9 milliards", "dette", false},
		// Another figure between the word and ours, a clause break after it, holds the word.
		{"Lumen will raise its investment by $100bn, building five new plants.", "five new plants", "investment", true},
		{"Lumen will raise its investment by $100bn, building five new plants.", "$100bn", "investment", false},
		{"Lumen's investment is $100bn and 5,000 jobs.", "5,000 jobs", "investment", false},
		// A word running into the quantity is none before it.
		{"Lumen invests 5bn.", "5bn", "invests 5", false},
	}
	for _, tt := range tests {
		n, w := strings.Index(tt.sentence, tt.number), strings.Index(tt.sentence, tt.word)
		if got := nearerAnother(tt.sentence, w, w+len(tt.word), n, n+len(tt.number)); got != tt.want {
			t.Errorf("%q in %q: nearer another number %v, want %v", tt.word, tt.sentence, got, tt.want)
		}
	}
}

// TestScoreYears keeps a share in one year apart from the share in another.
func TestScoreYears(t *testing.T) {
	topic := []string{"ireland"}
	a := signature(claim("a", "https://a.example/1", "en", "Data centres used 21% of Ireland's electricity in 2023.", "21%", 21, "percent", "exact"), topic...)
	b := signature(claim("b", "https://b.example/1", "en", "Data centres will use 30% of Ireland's electricity by 2028.", "30%", 30, "percent", "exact"), topic...)
	c := signature(claim("c", "https://c.example/1", "en", "Data centres used 22% of Ireland's electricity in 2023.", "22%", 22, "percent", "exact"), topic...)
	wantApart(t, a, b, "2023 and 2028 shares")
	wantLinked(t, a, c, "two 2023 shares")
}

// TestAssign checks that a claim joins the fact it states, not one holding another figure of
// its own article, and starts a fact when nothing matches.
func TestAssign(t *testing.T) {
	topic := []string{"crane"}
	first := signature(claim("a", "https://a.example/1", "en", "The Crane plant has a capacity of 835 MW.", "835 MW", 835, "MW", "exact"), topic...)
	same := signature(claim("b", "https://b.example/1", "en", "The Crane plant has a capacity of 837 MW.", "837 MW", 837, "MW", "exact"), topic...)
	fact, link := Assign(same, []Candidate{{first, "a"}})
	if fact != "a" || link.Score < LinkMinScore {
		t.Errorf("Assign = %q %.3f, want fact a", fact, link.Score)
	}
	// A third outlet's figure joins too, but not if the fact already holds another figure from
	// its own article.
	own := signature(claim("c", "https://b.example/1", "en", "The Crane plant has a capacity of 850 MW.", "850 MW", 850, "MW", "exact"), topic...)
	if fact, _ := Assign(own, []Candidate{{first, "a"}, {same, "a"}}); fact != "c" {
		t.Errorf("a figure contradicting its own article's joined fact %q", fact)
	}
	if fact, link := Assign(first, nil); fact != "a" || link.Score != 1 {
		t.Errorf("no candidates: Assign = %q %.3f, want a new fact", fact, link.Score)
	}
	// An article misprinting its figure a thousandfold in its headline ("€15.7m") states it
	// again below: the slip does not keep the article's own figure out of the fact.
	body := signature(claim("d", "https://d.example/1", "en", "Lumen will invest €15.7 billion in its Aragon campus.", "€15.7 billion", 15.7e9, "EUR", "exact"), "lumen", "aragon")
	slip := claim("e", "https://e.example/1", "en", "Aragon gets a €15.7m campus from Lumen", "€15.7m", 15.7e6, "EUR", "exact")
	slip.Title = slip.Sentence
	again := claim("f", "https://e.example/1", "en", "Lumen's investment in Aragon totals €15.7 billion.", "€15.7 billion", 15.7e9, "EUR", "exact")
	again.Title = slip.Title
	cands := []Candidate{{body, "d"}, {signature(slip, "lumen", "aragon"), "d"}}
	if fact, link := Assign(signature(again, "lumen", "aragon"), cands); fact != "d" {
		t.Errorf("the article's figure kept out by its headline's slip: fact %q (%.3f)", fact, link.Score)
	}
	// An article rounding its figure in the headline ("12 milliards") and misprinting it tenfold
	// below ("120,3 milliards" for 12.03 billion): the misprint joins the fact it misprints.
	precise := signature(claim("g", "https://g.example/1", "fr", "Le chiffre d'affaires trimestriel de Lumen a atteint 12,03 milliards de dollars.",
		"12,03 milliards de dollars", 12.03e9, "USD", "exact"), "lumen")
	rounded := claim("h", "https://h.example/1", "fr", "Lumen : 12 milliards de dollars de chiffre d'affaires trimestriel", "12 milliards de dollars", 12e9, "USD", "exact")
	rounded.Title = rounded.Sentence
	tenfold := claim("i", "https://h.example/1", "fr", "Le chiffre d'affaires trimestriel de Lumen a atteint 120,3 milliards de dollars.",
		"120,3 milliards de dollars", 120.3e9, "USD", "exact")
	tenfold.Title = rounded.Title
	cands = []Candidate{{precise, "g"}, {signature(rounded, "lumen"), "g"}}
	if fact, link := Assign(signature(tenfold, "lumen"), cands); fact != "g" {
		t.Errorf("a tenfold misprint kept out by its headline's rounded figure: fact %q (%.3f)", fact, link.Score)
	}
}

// TestAssignOneSourceRepeats: a fact whose claims are one article repeating its figure is one
// source, which s joins on its best link however loosely the repeats read ("Both firms welcomed
// the €2.9 billion"). A fact of two articles still wants s linked to two of its claims.
func TestAssignOneSourceRepeats(t *testing.T) {
	eur := statedIn("EUR", "lumen", "vela")
	told := eur("a1", "https://a.example/1", "Lumen's new Vela chip plant gets a state subsidy of €2.9 billion.", "€2.9 billion", 2.9e9)
	const welcomed = "Both firms welcomed the €2.9 billion on Tuesday."
	repeats := []Candidate{{told, "a"}, {eur("a2", "https://a.example/1", welcomed, "€2.9 billion", 2.9e9), "a"},
		{eur("a3", "https://a.example/1", "The €2.9 billion was first reported in June.", "€2.9 billion", 2.9e9), "a"}}
	s := eur("s", "https://s.example/1", "Brussels cleared a €7.4 billion subsidy for the plant.", "€7.4 billion", 7.4e9)
	for _, c := range repeats[1:] {
		if l := Score(s, c.Signature); l.Score >= meanMinScore {
			t.Fatalf("s scored %.3f with %s, a loose repeat: the test shows nothing", l.Score, c.Signature.ID)
		}
	}
	if fact, l := Assign(s, repeats); fact != "a" {
		t.Errorf("€7.4 billion kept out of one article's €2.9 billion by its repeats: fact %q (%.3f)", fact, l.Score)
	}
	twoSources := []Candidate{{told, "a"}, {eur("b1", "https://b.example/1", welcomed, "€2.9 billion", 2.9e9), "a"}}
	if fact, l := Assign(s, twoSources); fact == "a" {
		t.Errorf("€7.4 billion joined a fact of two articles on one loose link (%.3f)", l.Score)
	}
}

// TestAssignYearsApart: a fact holding a figure for another year than s's, both naming one, is
// not s's, however well s links to a claim of it naming no year.
func TestAssignYearsApart(t *testing.T) {
	eur := statedIn("EUR", "lumen", "vela")
	by2033 := eur("a", "https://a.example/1", "Lumen's plan will add €21.6 billion to Vela's gross domestic product by 2033.", "€21.6 billion", 21.6e9)
	undated := eur("b", "https://b.example/1", "Lumen's plan will add €21.6 billion to Vela's gross domestic product.", "€21.6 billion", 21.6e9)
	s := eur("s", "https://s.example/1", "Lumen's plan will add €31.7 billion to Vela's gross domestic product by 2035.", "€31.7 billion", 31.7e9)
	if l := Score(s, undated); l.Score < LinkMinScore {
		t.Fatalf("s scored %.3f with the undated figure: the test shows nothing", l.Score)
	}
	if fact, l := Assign(s, []Candidate{{by2033, "a"}, {undated, "a"}}); fact == "a" {
		t.Errorf("a figure by 2035 joined one by 2033 through an undated one (%.3f)", l.Score)
	}
	if fact, _ := Assign(s, []Candidate{{undated, "a"}}); fact != "a" {
		t.Error("a figure by 2035 kept apart from an undated one alone")
	}
}

// TestAssignArticleGivesFigure: an article giving s's figure and another tells the two apart;
// s joins the fact of the one it gives as s does, not the other's however alike its sentence.
func TestAssignArticleGivesFigure(t *testing.T) {
	mw := statedIn("MW", "vela", "lumen")
	site := mw("a", "https://a.example/1", "Lumen's data center, with a power of 85 MW, has just opened.", "85 MW", 85)
	phase := mw("b", "https://b.example/1", "Its first phase releases 40 MW.", "40 MW", 40)
	other := mw("c", "https://a.example/1", "In Vela, another Lumen campus will offer a power of 200 MW to customers in 2030.", "200 MW", 200)
	s := mw("s", "https://s.example/1", "The Lumen campus in Vela will offer a power of 85 MW to customers.", "85 MW", 85)
	if l := Score(s, other); l.Score < LinkMinScore {
		t.Fatalf("the other figure scored %.3f on its own, under LinkMinScore: the test shows nothing", l.Score)
	}
	if fact, l := Assign(s, []Candidate{{site, "site"}, {phase, "site"}, {other, "other"}}); fact != "site" {
		t.Errorf("85 MW joined fact %q (%.3f), want the site's: its article gives 85 MW for it", fact, l.Score)
	}
}

// TestAssignOtherFigureOfArticle: a claim whose article gives another figure stating a fact's
// figure, as closely linked to it, is not that fact's: the article tells the two apart. Its own
// figure in another currency says nothing of the kind.
func TestAssignOtherFigureOfArticle(t *testing.T) {
	topic := []string{"lumen", "vela"}
	usd := statedIn("USD", topic...)
	campus := usd("a", "https://a.example/1", "Lumen's $11 billion Vela data centre campus now hosts its chips.", "$11 billion", 11e9)
	cands := []Candidate{{campus, "campus"}}
	const invest = "Lumen will invest $15 billion in its Vela data centre campus."
	s := usd("s", "https://s.example/1", invest, "$15 billion", 15e9)
	before := usd("t", "https://s.example/1", "That comes on top of the $11 billion Lumen announced for Vela last year.", "$11 billion", 11e9)
	if fact, l := Assign(s, cands); fact != "campus" {
		t.Fatalf("on its own, $15 billion joined fact %q (%.3f), want the campus's: the test shows nothing", fact, l.Score)
	}
	ShareArticle([]*Signature{s, before})
	if fact, l := Assign(s, cands); fact == "campus" {
		t.Errorf("$15 billion joined the campus's $11 billion (%.3f), which its article gives apart", l.Score)
	}
	const converted = "Lumen will invest $15 billion (€11 billion) in its Vela data centre campus."
	alone := usd("u", "https://u.example/1", converted, "$15 billion", 15e9)
	euros := signature(claim("e", "https://u.example/1", "en", converted, "€11 billion", 11e9, "EUR", "exact"), topic...)
	ShareArticle([]*Signature{alone, euros})
	if givesOtherFigure(alone, campus, 0) {
		t.Error("$15 billion's own conversion, €11 billion, read as another figure stating the campus's $11 billion")
	}
}

// TestReadsFarApart: a claim far from an article's figure, in the figure's own currency, is not
// linked to it through the article's conversion, however the conversion reads at our rates;
// one close to it is, and a conversion is never the original.
func TestReadsFarApart(t *testing.T) {
	topic := []string{"lumen", "tokyo"}
	stated := func(id, url, sentence, surface string, v float64, unit, q string) *Signature {
		return signature(claim(id, url, "en", sentence, surface, v, unit, q), topic...)
	}
	const offer = "Tokyo will offer up to 590 billion yen ($3.9 billion) to Lumen in additional aid."
	yen := stated("a", "https://a.example/1", offer, "up to 590 billion yen", 590e9, "JPY", "up_to")
	dollars := stated("b", "https://a.example/1", offer, "$3.9 billion", 3.9e9, "USD", "up_to")
	far := stated("s", "https://s.example/1", "Tokyo to give Lumen a 260 billion yen subsidy.", "260 billion yen", 260e9, "JPY", "exact")
	near := stated("n", "https://n.example/1", "Tokyo to give Lumen 570 billion yen more.", "570 billion yen", 570e9, "JPY", "exact")
	if !readsFarApart(far, yen) || readsFarApart(near, yen) || readsFarApart(far, dollars) {
		t.Errorf("far apart: 260 from up to 590 billion yen %v (want true), 570 %v (want false), 260 from its conversion %v (want false)",
			readsFarApart(far, yen), readsFarApart(near, yen), readsFarApart(far, dollars))
	}
}

// TestAssignRestatement: an article's conversion of its figure into another currency, in its
// sentence, is the figure at the writer's rate; a claim linked to the figure joins their fact
// however far our rate reads the conversion from it.
func TestAssignRestatement(t *testing.T) {
	topic := []string{"orbis", "act"}
	sentence := "Approved in 2023, the €40 billion ($30bn) Orbis Act aims to double chip output."
	figure := signature(claim("a", "https://a.example/1", "en", sentence, "€40 billion", 40e9, "EUR", "exact"), topic...)
	converted := signature(claim("b", "https://a.example/1", "en", sentence, "$30bn", 30e9, "USD", "exact"), topic...)
	s := signature(claim("s", "https://s.example/1", "en", "Brussels says a total of 40 billion euros will go to chips.", "40 billion euros", 40e9, "EUR", "exact"), topic...)
	if l, c := Score(s, figure), Score(s, converted); (l.Score+c.Score)/2 >= meanMinScore {
		t.Fatalf("links to the figure %.3f and to its conversion %.3f, want a loose one to the conversion", l.Score, c.Score)
	}
	if fact, link := Assign(s, []Candidate{{figure, "a"}, {converted, "a"}}); fact != "a" || link.With != "a" {
		t.Errorf("Assign = %q %.3f (with %s), want fact a through its figure", fact, link.Score, link.With)
	}
}

// TestAssignLooseSecondLink joins a claim to a fact it links to surely through one claim and
// loosely through another, told in another language with another figure: a fact of two outlets
// disagreeing on a campus's power is how a third outlet's differing figure finds it. The mean of
// the two links (0.27 here) is under the 0.28 that refused such a claim in one arrival order and
// took it in another.
func TestAssignLooseSecondLink(t *testing.T) {
	en := signature(claim("a", "https://a.example/1", "en", "The operator switched on a 120MW site in Vela, its largest.", "120MW", 120e6, "W", "exact"), "vela")
	fr := signature(claim("b", "https://b.example/1", "fr", "Quatre tranches sont prévues, pour une puissance électrique disponible de 85 MW destinée aux clients du cloud.", "85 MW", 85e6, "W", "exact"), "vela")
	s := signature(claim("s", "https://s.example/1", "fr", "À terme, le site comptera quatre bâtiments et 40 000 m2 de salles, pour 80 MW.", "80 MW", 80e6, "W", "exact"), "vela")
	sure, loose := Score(s, fr).Score, Score(s, en).Score
	if mean := (sure + loose) / 2; sure < LinkMinScore || mean >= 0.28 || mean < meanMinScore {
		t.Fatalf("links %.3f and %.3f: the case needs one sure link and a mean between meanMinScore and 0.28", sure, loose)
	}
	if fact, link := Assign(s, []Candidate{{en, "f"}, {fr, "f"}}); fact != "f" || link.With != "b" {
		t.Errorf("Assign = %q (with %q), want fact f through the French figure", fact, link.With)
	}
}

// TestAssignRoundedConversion keeps an article's figure in its fact when the headline gives its
// conversion rounded ("$7B" for "$7.16 billion"), which our rate for the month reads apart.
func TestAssignRoundedConversion(t *testing.T) {
	topic := []string{"lumen", "vela"}
	september := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	dated := func(c claimwire.Claim) claimwire.Claim {
		c.Published = september
		return c
	}
	other := signature(dated(claim("a", "https://a.example/1", "fr", "Lumen prévoit d'investir 6,69 milliards d'euros (7,16 milliards de dollars) dans son campus de Vela.",
		"6,69 milliards d'euros", 6.69e9, "EUR", "exact")), topic...)
	headline := dated(claim("h", "https://b.example/1", "en", "Lumen invests in $7B campus in Vela", "$7B", 7e9, "USD", "exact"))
	headline.Title = headline.Sentence
	body := dated(claim("b", "https://b.example/1", "en", "Lumen will invest €6.69 billion ($7.16 billion) in its Vela campus.", "€6.69 billion", 6.69e9, "EUR", "exact"))
	body.Title = headline.Title
	s, h := signature(body, topic...), signature(headline, topic...)
	if v, _ := Compare(readings(s, h)); v == Agree {
		t.Fatal("$7B and €6.69 billion agree at September's rate: the case tests nothing")
	}
	if fact, link := Assign(s, []Candidate{{other, "a"}, {h, "a"}}); fact != "a" {
		t.Errorf("the body's figure kept out by the headline's rounded conversion: fact %q (%.3f)", fact, link.Score)
	}
}

// TestAssignConversionKept keeps an article's conversion of a figure in the figure's fact when
// the article gives another value of it elsewhere: "over ¥10 trillion (approximately US$87
// billion)" under a headline's "$65bn" is the article's account of the one plan, which a
// fact-checker wants beside the others.
func TestAssignConversionKept(t *testing.T) {
	topic := []string{"vela"}
	const body = "Vela unveiled a plan of over ¥10 trillion (approximately US$87 billion) for chips and AI."
	yen := located(claim("y", "https://b.example/1", "en", body, "over ¥10 trillion", 10e12, "JPY", "more_than"))
	dollars := located(claim("d", "https://b.example/1", "en", body, "approximately US$87 billion", 87e9, "USD", "approx"))
	headline := claim("h", "https://b.example/1", "en", "Vela unveils $65bn plan for chips and AI", "$65bn", 65e9, "USD", "exact")
	headline.Title = headline.Sentence
	yen.Title, dollars.Title = headline.Title, headline.Title
	other := signature(claim("o", "https://o.example/1", "en", "Vela will spend $65 billion on chips and AI.", "$65 billion", 65e9, "USD", "exact"), topic...)
	d := signature(dollars, topic...)
	if !converts(d, signature(yen, topic...)) {
		t.Fatal("the dollars not read as the article's conversion of its yen")
	}
	cands := []Candidate{{other, "o"}, {signature(headline, topic...), "o"}, {signature(yen, topic...), "o"}}
	if fact, link := Assign(d, cands); fact != "o" {
		t.Errorf("the article's conversion kept out by its headline's figure: fact %q (%.3f)", fact, link.Score)
	}
}

// TestAssignPreciseRestatement keeps a figure, given more precisely further down its article,
// in the fact of the article's figure and its conversion: "a 23 billion reais ($4.4 billion)
// proposal" and "the 23.03 billion reais proposed" are one plan, and the conversion is no
// other figure the article gives.
func TestAssignPreciseRestatement(t *testing.T) {
	topic := []string{"lumen"}
	const lead = "Lumen unveiled a 23 billion reais ($4.4 billion) plan for its campuses."
	reais := located(claim("r", "https://b.example/1", "en", lead, "23 billion reais", 23e9, "BRL", "exact"))
	dollars := located(claim("d", "https://b.example/1", "en", lead, "$4.4 billion", 4.4e9, "USD", "exact"))
	precise := signature(claim("p", "https://b.example/1", "en", "The 23.03 billion reais proposed for Lumen's plan will be disbursed from 2024 to 2028.",
		"23.03 billion reais", 23.03e9, "BRL", "exact"), topic...)
	cands := []Candidate{{signature(reais, topic...), "a"}, {signature(dollars, topic...), "a"}}
	if fact, link := Assign(precise, cands); fact != "a" {
		t.Errorf("the precise figure kept out by the article's conversion of its round one: fact %q (%.3f)", fact, link.Score)
	}
}

// TestAssignOrder checks that a claim joins a fact it links to well whatever else the fact
// holds: claims of it that arrived earlier and give it in other words, which the claim links
// to loosely, do not turn it away.
func TestAssignOrder(t *testing.T) {
	topic := []string{"crane"}
	first := signature(claim("a", "https://a.example/1", "en", "The Crane plant has a capacity of 835 MW.", "835 MW", 835, "MW", "exact"), topic...)
	s := signature(claim("s", "https://s.example/1", "en", "Its owner says the Crane plant will reach a capacity of 837 MW next year.", "837 MW", 837, "MW", "exact"), topic...)
	candidates := []Candidate{{first, "a"}}
	if fact, _ := Assign(s, candidates); fact != "a" {
		t.Fatalf("Assign = %q, want fact a (link %.3f)", fact, Score(s, first).Score)
	}
	// Ten reports of the plant's output in other words, each linked loosely to s.
	for i := range 10 {
		sentence := fmt.Sprintf("Consultants in report %d put the output at 819 MW for investors.", i)
		o := signature(claim(fmt.Sprint("o", i), fmt.Sprintf("https://o%d.example/1", i), "en", sentence, "819 MW", 819, "MW", "exact"), "grid")
		candidates = append(candidates, Candidate{o, "a"})
		if l := Score(s, o); l.Score >= LinkMinScore {
			t.Fatalf("link to %q: %.3f, want a loose one", sentence, l.Score)
		}
	}
	if fact, link := Assign(s, candidates); fact != "a" {
		t.Errorf("with ten claims of the fact in other words before it: Assign = %q %.3f, want fact a", fact, link.Score)
	}
}

// TestMerges: facts form as claims arrive, so "714 MW" told first by one outlet and "600 MW" by
// another stay two facts until a third outlet's "600 MW" ties them: it links to both, and the
// 714 MW's fact merges into its own. Not when an article tells a claim of one fact apart from a
// claim of the other, nor facts of more claims than mergedClaims, nor facts of one figure, nor
// a fact the claim would not join.
func TestMerges(t *testing.T) {
	mw := statedIn("MW", "crane", "lumen")
	told := mw("a", "https://a.example/1", "Lumen says the Crane plant will have an installed capacity of 714 MW once its upgrade ends.", "714 MW", 714)
	counted := mw("b", "https://b.example/1", "Grid operators counted 600 MW at the site in their winter report.", "600 MW", 600)
	s := mw("s", "https://s.example/1", "The Crane plant has an installed capacity of 600 MW, grid operators said in their winter report.", "600 MW", 600)
	if fact, l := Assign(counted, []Candidate{{told, "a"}}); fact == "a" {
		t.Fatalf("600 MW joined 714 MW at once (%.3f): the test shows nothing", l.Score)
	}
	cands := []Candidate{{told, "a"}, {counted, "b"}}
	fact, _ := Assign(s, cands)
	if fact != "b" {
		t.Fatalf("Assign = %q, want the fact of the other 600 MW", fact)
	}
	if got := Merges(s, fact, cands); len(got) != 1 || got[0].Fact != "a" || got[0].Link.With != "s" || got[0].Link.Score < LinkMinScore {
		t.Errorf("Merges = %+v, want the 714 MW's fact, on s's link", got)
	}

	// The 714 MW's article gives 600 MW as another figure: two facts, whatever s ties, and
	// however well another outlet's 714 MW links to them.
	unit := mw("a2", "https://a.example/1", "Its first unit alone gives 600 MW.", "600 MW", 600)
	again := mw("c", "https://c.example/1", "The Crane plant has an installed capacity of 714 MW, grid operators said.", "714 MW", 714)
	if got := Merges(s, "b", []Candidate{{told, "a"}, {again, "a"}, {counted, "b"}, {unit, "b"}}); got != nil {
		t.Errorf("facts an article tells apart merged: %+v", got)
	}
	// Four more outlets repeat the 714 MW: a fact of five claims stayed apart on many links.
	many := []Candidate{{told, "a"}, {counted, "b"}}
	for i := range 4 {
		url := fmt.Sprintf("https://r%d.example/1", i)
		many = append(many, Candidate{mw(fmt.Sprint("r", i), url, told.sentence, "714 MW", 714), "a"})
	}
	if got := Merges(s, "b", many); got != nil {
		t.Errorf("facts of %d claims merged: %+v", len(many)+1, got)
	}
	// A claim joining those five instead ties them to the 600 MW one article told first: that
	// outlet's figure stands alone only because it came before the others, whatever their number.
	late := mw("l", "https://l.example/1", "The Crane plant has an installed capacity of 714 MW, grid operators said in their winter report.", "714 MW", 714)
	if got, _ := Assign(late, many); got != "a" {
		t.Fatalf("Assign = %q, want the fact of the five 714 MW", got)
	}
	if got := Merges(late, "a", many); len(got) != 1 || got[0].Fact != "b" {
		t.Errorf("Merges = %+v, want the one article's 600 MW", got)
	}
	// Another outlet's 600 MW, a fact of its own: merging it would find no disagreement, only
	// risk joining two facts of one figure, as two calls for proposals drawing 76 each.
	same := mw("d", "https://d.example/1", "The Crane plant has an installed capacity of 600 MW, its operator said.", "600 MW", 600)
	if got, l := Assign(s, []Candidate{{same, "d"}}); got != "d" {
		t.Fatalf("s would not join the other 600 MW (%.3f): the test shows nothing", l.Score)
	}
	if got := Merges(s, "b", []Candidate{{counted, "b"}, {same, "d"}}); got != nil {
		t.Errorf("facts of one figure merged: %+v", got)
	}
	// An article giving 600 MW twice, its headline too loosely linked to the 714 MW to join
	// it, its body's link between the join and the merge bar: merged, since the 714 MW arriving
	// after the article would have joined its two claims on that link. With the headline from
	// another outlet the order is no longer all that kept them apart: the link is too loose.
	for _, tt := range []struct {
		headline string
		want     int
	}{{"https://s.example/2", 1}, {"https://h.example/1", 0}} {
		head := mw("h", tt.headline, "Grid operators said 600 MW.", "600 MW", 600)
		body := mw("s2", "https://s.example/2", "Crane can deliver 600 MW, grid operators said.", "600 MW", 600)
		if got, l := Assign(head, []Candidate{{told, "a"}}); got == "a" {
			t.Fatalf("the headline joined the 714 MW (%.3f): the test shows nothing", l.Score)
		}
		cands := []Candidate{{told, "a"}, {head, "h"}}
		if got, _ := Assign(body, cands); got != "h" {
			t.Fatalf("Assign = %q, want the headline's fact", got)
		}
		if l := Score(body, told); l.Score < LinkMinScore || l.Score >= mergeMinScore {
			t.Fatalf("body ~ 714 MW at %.3f: the test shows nothing", l.Score)
		}
		if got := Merges(body, "h", cands); len(got) != tt.want {
			t.Errorf("headline %s: Merges = %+v, want %d", tt.headline, got, tt.want)
		}
	}
	// Another plant's 714 MW: s would not join it.
	vela := statedIn("MW", "vela")("v", "https://v.example/1", "The Vela refinery draws 714 MW from the regional grid.", "714 MW", 714)
	if got := Merges(s, "b", []Candidate{{vela, "v"}, {counted, "b"}}); got != nil {
		t.Errorf("a fact s would not join merged: %+v", got)
	}
}

// TestConflictsCurrencySlip reports one figure written in two currencies not at par as a
// disagreement, though a hedge would let the converted amounts agree; not one figure in two
// currencies at par.
func TestConflictsCurrencySlip(t *testing.T) {
	for _, tt := range []struct {
		published time.Time
		want      int
	}{
		{time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), 1}, // $1.08 to the euro
		{time.Date(2022, 7, 10, 0, 0, 0, 0, time.UTC), 0}, // $1.02: near par
	} {
		eur := claim("a", "https://a.example/1", "fr", "Lumen est valorisée près de 6 milliards d'euros.", "près de 6 milliards d'euros", 6e9, "EUR", "approx")
		usd := claim("b", "https://b.example/1", "en", "Lumen is valued at $6 billion.", "$6 billion", 6e9, "USD", "exact")
		eur.Published, usd.Published = tt.published, tt.published
		groups := Conflicts([]Member{{Claim: &eur, Fact: "a"}, {Claim: &usd, Fact: "a", Score: 0.8}})
		if len(groups) != tt.want {
			t.Errorf("published %s: %d groups, want %d: %+v", tt.published.Format("2006-01"), len(groups), tt.want, groups)
		}
	}
	// A year on, the same number in the other currency is the first written wrong, not an
	// update: an update changes the number.
	eur := claim("a", "https://a.example/1", "fr", "Lumen a levé environ 500 millions d'euros.", "environ 500 millions d'euros", 5e8, "EUR", "approx")
	usd := claim("b", "https://b.example/1", "en", "Lumen raised $500 million.", "$500 million", 5e8, "USD", "exact")
	usd.Published = time.Date(2024, 10, 18, 0, 0, 0, 0, time.UTC)
	eur.Published = usd.Published.AddDate(1, 0, 2)
	if groups := Conflicts([]Member{{Claim: &usd, Fact: "b"}, {Claim: &eur, Fact: "b", Score: 0.8}}); len(groups) != 1 {
		t.Errorf("$500 million against about €500 million a year later: %d groups, want 1", len(groups))
	}
	// One article writing the same number in two currencies mislabels one: no conversion gives
	// it, so it joins the fact and shows as a disagreement.
	march := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	other := claim("c", "https://c.example/1", "en", "Lumen will invest €15.7 billion in Vela.", "€15.7 billion", 15.7e9, "EUR", "exact")
	mislabelled := claim("d", "https://d.example/1", "en", "Lumen's Vela campus will cost $15.7 billion.", "$15.7 billion", 15.7e9, "USD", "exact")
	body := claim("e", "https://d.example/1", "en", "Lumen plans to spend 15.7 billion euros on its Vela campus.", "15.7 billion euros", 15.7e9, "EUR", "exact")
	other.Published, mislabelled.Published, body.Published = march, march, march
	topic := []string{"lumen", "vela"}
	cands := []Candidate{{signature(other, topic...), "c"}, {signature(mislabelled, topic...), "c"}}
	fact, l := Assign(signature(body, topic...), cands)
	if fact != "c" {
		t.Fatalf("the article's 15.7 billion euros kept out of the fact holding its $15.7 billion (%q, %.3f)", fact, l.Score)
	}
	groups := Conflicts([]Member{{Claim: &other, Fact: "c"}, {Claim: &mislabelled, Fact: "c", Score: 0.8, Via: "c"}, {Claim: &body, Fact: "c", Score: l.Score, Via: l.With}})
	if len(groups) != 1 {
		t.Errorf("€15.7 billion against $15.7 billion, one article writing both: %d groups, want 1", len(groups))
	}
	// A conversion rounded down to the same number, hedged, is the article's own.
	fund := claim("f", "https://f.example/1", "fr", "Le fonds européen de 20 Md€ finance les gigafactories.", "20 Md€", 20e9, "EUR", "exact")
	dollars := claim("g", "https://f.example/1", "fr", "Soit plus de 20 milliards de dollars.", "plus de 20 milliards de dollars", 20e9, "USD", "more_than")
	fund.Published, dollars.Published = march, march
	if groups := Conflicts([]Member{{Claim: &fund, Fact: "f"}, {Claim: &dollars, Fact: "f", Score: 0.8, Via: "f"}}); len(groups) != 0 {
		t.Errorf("20 Md€ against more than $20 billion, one article writing both: %d groups, want none", len(groups))
	}
}

// TestConflictsRestated leaves out of disagreements an article's conversion of its own figure,
// at its writer's rate, but not a figure an outlet gives in another currency alone, nor a
// conversion no rate explains: a scale misprinted on one side.
func TestConflictsRestated(t *testing.T) {
	stated := func(id, sentence, surface string, v float64, unit string) claimwire.Claim {
		return located(claim(id, "https://"+id[:1]+".example/1", "en", sentence, surface, v, unit, "exact"))
	}
	atLeast := func(c claimwire.Claim) claimwire.Claim {
		c.Qualifier = claimwire.QualifierAtLeast
		return c
	}
	undated := func(c claimwire.Claim) claimwire.Claim {
		c.Published = time.Time{} // compared at the latest rate, which a 2024 conversion misses
		return c
	}
	const early, late = "Orbis spends £225 million ($273 million) on a supercomputer.", "Orbis spends £225 million, or about $302 million, on a supercomputer."
	cases := []struct {
		name   string
		claims []claimwire.Claim
		want   int
	}{
		{"two conversions", []claimwire.Claim{
			stated("a1", early, "£225 million", 225e6, "GBP"), stated("a2", early, "$273 million", 273e6, "USD"),
			stated("b1", late, "£225 million", 225e6, "GBP"), stated("b2", late, "$302 million", 302e6, "USD"),
		}, 0},
		{"a conversion and a figure alone", []claimwire.Claim{
			stated("a1", early, "£225 million", 225e6, "GBP"), stated("a2", early, "$273 million", 273e6, "USD"),
			stated("b1", "Orbis spends $350 million on a supercomputer.", "$350 million", 350e6, "USD"),
		}, 1},
		{"a conversion a thousandfold off", []claimwire.Claim{
			stated("a1", "Orbis is worth £225 billion ($302 million).", "£225 billion", 225e9, "GBP"),
			stated("a2", "Orbis is worth £225 billion ($302 million).", "$302 million", 302e6, "USD"),
		}, 1},
		{"a conversion ten times off", []claimwire.Claim{
			stated("a1", "Orbis is to invest ¥1.5 trillion ($100 billion) in Japan.", "¥1.5 trillion", 1.5e12, "JPY"),
			stated("a2", "Orbis is to invest ¥1.5 trillion ($100 billion) in Japan.", "$100 billion", 100e9, "USD"),
		}, 1},
		{"a conversion further off than rates drift, against another outlet's", []claimwire.Claim{
			stated("a1", "Vela plans to spend over ¥10 trillion (approximately US$87 billion) on chips.", "¥10 trillion", 10e12, "JPY"),
			stated("a2", "Vela plans to spend over ¥10 trillion (approximately US$87 billion) on chips.", "US$87 billion", 87e9, "USD"),
			stated("b1", "Vela plans to spend $65 billion on chips.", "$65 billion", 65e9, "USD"),
		}, 1},
		{"two outlets' figures that a third gives as one conversion", []claimwire.Claim{
			undated(atLeast(stated("a1", "Orbis gets at least RM25 billion ($5.3 billion) in aid.", "at least RM25 billion", 25e9, "MYR"))),
			undated(atLeast(stated("a2", "Orbis gets at least RM25 billion ($5.3 billion) in aid.", "$5.3 billion", 5.3e9, "USD"))),
			undated(stated("b1", "Orbis gets $5.3 billion in aid.", "$5.3 billion", 5.3e9, "USD")),
		}, 0},
		{"a conversion read without its misspelt scale", []claimwire.Claim{
			stated("a1", "Orbis raised £225 billion ($302 bilion).", "£225 billion", 225e9, "GBP"),
			stated("a2", "Orbis raised £225 billion ($302 bilion).", "$302", 302, "USD"),
		}, 0},
	}
	for _, tt := range cases {
		var ms []Member
		for i := range tt.claims {
			ms = append(ms, Member{Claim: &tt.claims[i], Fact: "a1", Score: 0.8})
		}
		if groups := Conflicts(ms); len(groups) != tt.want {
			t.Errorf("%s: %d groups, want %d: %+v", tt.name, len(groups), tt.want, groups)
		}
	}
}

// TestConflictsBareLocalDollar lets a bare "$" read as a local dollar agree as the US dollar
// it may be, and not a local dollar written as such.
func TestConflictsBareLocalDollar(t *testing.T) {
	for _, tt := range []struct {
		surface string
		want    int
	}{{"$13 billion", 0}, {"A$13 billion", 1}, {"$13 billion AUD", 1}} {
		aud := claim("a", "https://a.example/1", "en", "Orbis will invest AU$20 billion in Australia.", "AU$20 billion", 20e9, "AUD", "exact")
		other := claim("b", "https://b.example/1", "en", "Orbis will invest "+tt.surface+" in Australia.", tt.surface, 13e9, "AUD", "exact")
		if groups := Conflicts([]Member{{Claim: &aud, Fact: "a"}, {Claim: &other, Fact: "a", Score: 0.8}}); len(groups) != tt.want {
			t.Errorf("%q against AU$20 billion: %d groups, want %d", tt.surface, len(groups), tt.want)
		}
	}
}

// TestConflictsMarked reads a value as an addition once any source marks it as one: another
// outlet's unmarked copy of the figure does not make it disagree with the total.
func TestConflictsMarked(t *testing.T) {
	added := claim("a", "https://a.example/1", "en", "Orbis will supply another 116,000 GPUs.", "116,000 GPUs", 116000, "GPUs", "exact")
	leased := claim("b", "https://b.example/1", "en", "Lumen is leasing 116,000 GPUs.", "116,000 GPUs", 116000, "GPUs", "exact")
	total := claim("c", "https://c.example/1", "en", "Orbis will supply about 200,000 GPUs.", "about 200,000 GPUs", 200000, "GPUs", "approx")
	unmarked := []Member{{Claim: &leased, Fact: "b"}, {Claim: &total, Fact: "b", Score: 0.8}}
	if groups := Conflicts(unmarked); len(groups) != 1 {
		t.Fatalf("116,000 against about 200,000: %d groups, want 1", len(groups))
	}
	marked := append(unmarked, Member{Claim: &added, Fact: "b", Score: 0.9, Marks: signature(added).Marks()})
	if groups := Conflicts(marked); len(groups) != 0 {
		t.Errorf("an addition against a total: %d groups, want none", len(groups))
	}
	// A figure misprinted is that figure, whatever its outlet calls it.
	division := claim("d", "https://d.example/1", "en", "Lumen's sales reached $90 billion, including $43.7 billion from its cloud division.", "$43.7 billion", 43.7e9, "USD", "exact")
	misprint := claim("m", "https://m.example/1", "en", "Lumen's cloud sales reached $437 billion, beating forecasts.", "$437 billion", 437e9, "USD", "exact")
	if signature(division).Marks()&markPart == 0 || signature(misprint).Marks()&markPart != 0 {
		t.Fatal("the division's figure not read as a part, or its misprint read as one")
	}
	misprinted := []Member{{Claim: &division, Fact: "d", Marks: signature(division).Marks()},
		{Claim: &misprint, Fact: "d", Score: 0.5, Via: "d", Marks: signature(misprint).Marks()}}
	if groups := Conflicts(misprinted); len(groups) != 1 {
		t.Errorf("a division's $43.7 billion against its misprint $437 billion: %d groups, want 1", len(groups))
	}
	// So with figures of two digits the linker linked one to the other, whatever part some of
	// their sources call the smaller.
	short := claim("s", "https://s.example/1", "en", "Lumen's sales reached $90 billion, including $43 billion from its cloud division.", "$43 billion", 43e9, "USD", "exact")
	tenfold := claim("t", "https://t.example/1", "en", "Lumen's cloud sales reached $430 billion, beating forecasts.", "$430 billion", 430e9, "USD", "exact")
	again := claim("u", "https://u.example/1", "en", "Lumen's cloud sales were $43 billion.", "$43 billion", 43e9, "USD", "exact")
	if signature(short).Marks()&markPart == 0 {
		t.Fatal("the division's $43 billion not read as a part")
	}
	chained := []Member{{Claim: &short, Fact: "s", Marks: signature(short).Marks()},
		{Claim: &again, Fact: "s", Score: 0.6, Via: "s", Marks: signature(again).Marks()},
		{Claim: &tenfold, Fact: "s", Score: 0.5, Via: "u", Marks: signature(tenfold).Marks()}}
	if groups := Conflicts(chained); len(groups) != 1 || groups[0].Disagreements != 1 {
		t.Errorf("$430 billion linked to $43 billion, one source calling it a part: %d groups, want 1 with one disagreement", len(groups))
	}
}

// TestStagedFigures links two outlets' figures of one named stage, one of them calling it
// initial, and groups them as a disagreement: not a part and a whole.
func TestStagedFigures(t *testing.T) {
	gw := func(id, sentence, surface string, v float64) claimwire.Claim {
		return claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "GW", "exact")
	}
	topic := []string{"lumen", "vela"}
	first := gw("a", "The Lumen park will boast 7.5 gigawatts in all, with an initial phase of 1.5 gigawatts slated for 2027.", "1.5 gigawatts", 1.5)
	second := gw("b", "Lumen will roll the Vela park out in phases, the initial phase to consist of 1.4 GW of power.", "1.4 GW", 1.4)
	a, b := signature(first, topic...), signature(second, topic...)
	wantLinked(t, a, b, "one stage's 1.5 and 1.4 gigawatts")
	members := []Member{{Claim: &first, Fact: "a", Marks: a.Marks()}, {Claim: &second, Fact: "a", Score: 0.6, Via: "a", Marks: b.Marks()}}
	if groups := Conflicts(members); len(groups) != 1 || groups[0].Disagreements != 1 {
		t.Errorf("1.5 against 1.4 gigawatts of one initial phase: %d groups, want 1 with one disagreement", len(groups))
	}
}

// TestPreciseRecount links a precise count with another a few percent off that one source calls
// a part of a larger count, and groups the two as a disagreement; a first tranche far under the
// count stays apart, and close precise sums keep their marks.
func TestPreciseRecount(t *testing.T) {
	gpus := func(id, sentence, surface string, v float64) claimwire.Claim {
		return claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "GPUs", "exact")
	}
	told := gpus("a", "Under the Vela Mission, 18,693 GPUs have been empanelled to strengthen AI research.", "18,693 GPUs", 18693)
	recount := gpus("b", "The Vela Mission has empanelled 18,417 GPUs out of 34,000 sought, with 14,000 units open through its portal.", "18,417 GPUs", 18417)
	tranche := gpus("c", "The Vela Mission has empanelled 10,312 GPUs in the first tranche, with 9,000 units open through its portal.", "10,312 GPUs", 10312)
	topic := []string{"vela", "mission"}
	wantLinked(t, signature(told, topic...), signature(recount, topic...), "one count told twice, a few percent apart")
	wantApart(t, signature(told, topic...), signature(tranche, topic...), "a first tranche and the whole")
	members := []Member{{Claim: &told, Fact: "a", Marks: signature(told).Marks()},
		{Claim: &recount, Fact: "a", Score: 0.6, Via: "a", Marks: signature(recount).Marks()}}
	if members[1].Marks&markPart == 0 {
		t.Fatal("18,417 GPUs out of 34,000 not read as a part")
	}
	if groups := Conflicts(members); len(groups) != 1 {
		t.Errorf("18,693 against 18,417 out of 34,000: %d groups, want 1", len(groups))
	}
	revenue := func(id, sentence, surface string, v float64) claimwire.Claim {
		return claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "exact")
	}
	whole := revenue("d", "Lumen's revenue reached $35.08 billion in the quarter.", "$35.08 billion", 35.08e9)
	part := revenue("e", "Lumen's revenue reached $35.61 billion, of which the cloud division made most.", "$35.61 billion", 35.61e9)
	sums := []Member{{Claim: &whole, Fact: "d", Marks: signature(whole).Marks()},
		{Claim: &part, Fact: "d", Score: 0.6, Via: "d", Marks: signature(part).Marks() | markPart}}
	if groups := Conflicts(sums); len(groups) != 0 {
		t.Errorf("close precise sums, one marked a part: %d groups, want none", len(groups))
	}
}

// TestConflictsPeakReached reads "as much as" of a share's move as the peak it reached, which
// another outlet's move contradicts, and "up to" of a stake as a ceiling, which it does not.
func TestConflictsPeakReached(t *testing.T) {
	peak := claim("p", "https://p.example/1", "en", "Lumen shares soared as much as 68% in after-hours trading.", "as much as 68%", 68, "percent", "up_to")
	move := claim("m", "https://m.example/1", "en", "Lumen shares jumped 47% in after-hours trading.", "47%", 47, "percent", "exact")
	if groups := Conflicts([]Member{{Claim: &peak, Fact: "p", Marks: signature(peak).Marks()},
		{Claim: &move, Fact: "p", Score: 0.6, Via: "p", Marks: signature(move).Marks()}}); len(groups) != 1 || groups[0].Mild {
		t.Errorf("a peak of 68%% against a move of 47%%: groups %+v, want one disagreement", groups)
	}
	ceiling := claim("c", "https://c.example/1", "en", "Orbis could own up to 10% of Lumen shares.", "up to 10%", 10, "percent", "up_to")
	stake := claim("s", "https://s.example/1", "en", "Orbis could own 8% of Lumen shares.", "8%", 8, "percent", "exact")
	if groups := Conflicts([]Member{{Claim: &ceiling, Fact: "c", Marks: signature(ceiling).Marks()},
		{Claim: &stake, Fact: "c", Score: 0.6, Via: "c", Marks: signature(stake).Marks()}}); len(groups) != 0 {
		t.Errorf("a stake of up to 10%% against 8%%: %d groups, want none", len(groups))
	}
}

// TestConflictsPowerSlip reports a power written as an energy against the power written right,
// and reads an energy spent over a period as an energy.
func TestConflictsPowerSlip(t *testing.T) {
	slip := located(claim("s", "https://s.example/1", "fr", "Avec sa consommation maximale de 150 MWh, Lumen pèsera lourd sur le réseau.", "150 MWh", 150, "MWh", "exact"))
	power := located(claim("p", "https://p.example/1", "fr", "Sa puissance maximale de 150 MW inquiète les riverains de Lumen.", "150 MW", 150, "MW", "exact"))
	a, b := signature(slip, "lumen"), signature(power, "lumen")
	if a.Dim != b.Dim {
		t.Fatalf("%q read in %s, %q in %s: want one dimension", slip.Surface, a.Dim, power.Surface, b.Dim)
	}
	groups := Conflicts([]Member{{Claim: &power, Fact: "p", Marks: b.Marks()}, {Claim: &slip, Fact: "p", Score: 0.6, Via: "p", Marks: a.Marks()}})
	if len(groups) != 1 || groups[0].Mild || groups[0].Dimension != "W" {
		t.Errorf("150 MWh written for 150 MW: groups %+v, want one disagreement in W", groups)
	}
	for _, sentence := range []string{
		"Sa consommation maximale de 150 MWh par jour pèse sur le réseau.",
		"Its peak storage capacity of 150 MWh backs up the grid.",
		"Lumen's data centres consumed 150 MWh in 2024.",
	} {
		if s := signature(located(claim("e", "https://e.example/1", "en", sentence, "150 MWh", 150, "MWh", "exact"))); s.Dim != "Wh" {
			t.Errorf("%q read in %s, want Wh", sentence, s.Dim)
		}
	}
}

// TestConflictsRangeMisread reads "1.4 GW" against "1 to 4 GW" as the range misread, a dash
// taken for a point: one figure told wrong, linked and shown as a disagreement, whatever else
// either source calls it. Another decimal in the range is a figure of its own.
func TestConflictsRangeMisread(t *testing.T) {
	rangeOf := func(id, sentence string) claimwire.Claim {
		c := claim(id, "https://"+id+".example/1", "en", sentence, "1 to 4 gigawatts", 1, "GW", "range")
		hi := 4.0
		c.ValueMax = &hi
		return c
	}
	told := rangeOf("r", "Lumen is adding 1 to 4 gigawatts of new nuclear capacity across the country.")
	misread := claim("m", "https://m.example/1", "en", "Lumen wants developers to supply 1.4GW of new nuclear capacity across the country.", "1.4GW", 1.4, "GW", "exact")
	other := claim("o", "https://o.example/1", "en", "Lumen wants developers to supply 2.5GW of new nuclear capacity across the country.", "2.5GW", 2.5, "GW", "exact")
	topic := []string{"lumen"}
	r, m, o := signature(told, topic...), signature(misread, topic...), signature(other, topic...)
	if r.Marks()&markIncrement == 0 {
		t.Fatal("the range added not read as an addition")
	}
	wantLinked(t, r, m, "1.4 GW for 1 to 4 GW")
	for _, tt := range []struct {
		figure claimwire.Claim
		sig    *Signature
		want   int
	}{{misread, m, 1}, {other, o, 0}} {
		groups := Conflicts([]Member{{Claim: &told, Fact: "r", Marks: r.Marks()},
			{Claim: &tt.figure, Fact: "r", Score: 0.6, Via: "r", Marks: tt.sig.Marks()}})
		if len(groups) != tt.want || tt.want == 1 && (groups[0].Mild || groups[0].Disagreements != 1) {
			t.Errorf("%s against 1 to 4 GW: groups %+v, want %d disagreement", tt.figure.Surface, groups, tt.want)
		}
	}
}

// TestConflictsRounded shows two articles' figures, hedged alike, that agree only as roundings
// of one another as a mild group: "16.97%" and "17%", "2,475 MW" and "2.5 GW". Not one
// article's headline rounding its body, nor figures hedged differently, nor two currencies.
func TestConflictsRounded(t *testing.T) {
	at := func(id, url, surface string, v float64, unit, qualifier string) claimwire.Claim {
		return claim(id, url, "en", "Lumen shares fell "+surface+" on Monday.", surface, v, unit, qualifier)
	}
	for _, tt := range []struct {
		name string
		a, b claimwire.Claim
		mild bool
	}{
		{"two articles", at("a", "https://a.example/1", "16.97%", 16.97, "percent", "exact"), at("b", "https://b.example/1", "17%", 17, "percent", "exact"), true},
		{"two units", at("a", "https://a.example/1", "2,475 MW", 2475, "MW", "exact"), at("b", "https://b.example/1", "2.5 GW", 2.5, "GW", "exact"), true},
		{"one article", at("a", "https://a.example/1", "16.97%", 16.97, "percent", "exact"), at("b", "https://a.example/1", "17%", 17, "percent", "exact"), false},
		{"hedged differently", at("a", "https://a.example/1", "16.97%", 16.97, "percent", "exact"), at("b", "https://b.example/1", "more than 17%", 17, "percent", "more_than"), false},
		{"one figure", at("a", "https://a.example/1", "2,500 MW", 2500, "MW", "exact"), at("b", "https://b.example/1", "2.5 GW", 2.5, "GW", "exact"), false},
	} {
		groups := Conflicts([]Member{{Claim: &tt.a, Fact: "a"}, {Claim: &tt.b, Fact: "a", Score: 0.8, Via: "a"}})
		if got := len(groups) == 1 && groups[0].Mild && groups[0].Disagreements == 0; got != tt.mild || !tt.mild && len(groups) != 0 {
			t.Errorf("%s: %q against %q: groups %+v, want a mild one %v", tt.name, tt.a.Surface, tt.b.Surface, groups, tt.mild)
		}
	}
}

// TestConflictsHedgedApart shows a floor and another article's figure past it, or an
// approximate figure and another exact one, as a mild group when their link is sure: "more
// than 800 MW" and "835 MW", "about $45 billion" and "$44 billion". Not a hedge of the
// other's own figure, nor one article's two, nor a conversion into another unit, nor a link
// barely over the join's threshold.
func TestConflictsHedgedApart(t *testing.T) {
	at := func(id, url, surface string, v float64, unit, qualifier string) claimwire.Claim {
		return claim(id, url, "en", "The Lumen plant will deliver "+surface+" to the grid.", surface, v, unit, qualifier)
	}
	a, b := "https://a.example/1", "https://b.example/1"
	for _, tt := range []struct {
		name  string
		x, y  claimwire.Claim
		score float64
		mild  bool
	}{
		{"a floor and a figure past it", at("x", a, "more than 800 MW", 800, "MW", "more_than"), at("y", b, "835 MW", 835, "MW", "exact"), 0.8, true},
		{"a ceiling and a floor under it", at("x", a, "as much as 68 percent", 68, "percent", "up_to"), at("y", b, "more than 60%", 60, "percent", "more_than"), 0.6, true},
		{"about a figure and another", at("x", a, "about $45 billion", 45e9, "USD", "approx"), at("y", b, "$44 billion", 44e9, "USD", "exact"), 0.8, true},
		{"about a figure's rounding", at("x", a, "about $8 billion", 8e9, "USD", "approx"), at("y", b, "$7.8 billion", 7.8e9, "USD", "exact"), 0.8, true},
		{"a hedge of the same figure", at("x", a, "more than 100,000 homes", 100000, "homes", "more_than"), at("y", b, "100,000 homes", 100000, "homes", "exact"), 0.8, false},
		{"about the same figure", at("x", a, "about $8 billion", 8e9, "USD", "approx"), at("y", b, "$8 billion", 8e9, "USD", "exact"), 0.8, false},
		{"one article", at("x", a, "more than 800 MW", 800, "MW", "more_than"), at("y", a, "835 MW", 835, "MW", "exact"), 0.8, false},
		{"another unit", at("x", a, "more than 23,200 m²", 23200, "m²", "more_than"), at("y", b, "250,000 sq ft", 250000, "sq ft", "exact"), 0.8, false},
		{"a link barely made", at("x", a, "more than 800 MW", 800, "MW", "more_than"), at("y", b, "835 MW", 835, "MW", "exact"), 0.35, false},
	} {
		groups := Conflicts([]Member{{Claim: &tt.x, Fact: "x"}, {Claim: &tt.y, Fact: "x", Score: tt.score, Via: "x"}})
		if got := len(groups) == 1 && groups[0].Mild && groups[0].Disagreements == 0; got != tt.mild || !tt.mild && len(groups) != 0 {
			t.Errorf("%s: %q against %q: groups %+v, want a mild one %v", tt.name, tt.x.Surface, tt.y.Surface, groups, tt.mild)
		}
	}
}

// TestCompanionSlip links two figures writing the same digits a thousand times apart beside the
// same uncommon figure: one sum, its scale word misprinted, whatever each says it goes to. Beside
// two different figures they stay two.
func TestCompanionSlip(t *testing.T) {
	topic := []string{"lumen", "orbis"}
	deals := func(id, sentence, surface string, v float64) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "USD", "more_than"), topic...)
	}
	billion := deals("a", "Lumen signed deals of over $1 billion with Orbis to secure 26 gigawatts of capacity.", "over $1 billion", 1e9)
	trillion := deals("b", "Lumen signed deals with Orbis that could exceed $1 trillion in commitments, securing 26 gigawatts.", "exceed $1 trillion", 1e12)
	other := deals("c", "Lumen signed deals with Orbis that could exceed $1 trillion in commitments, securing 40 gigawatts.", "exceed $1 trillion", 1e12)
	wantLinked(t, billion, trillion, "$1 billion and $1 trillion beside 26 gigawatts")
	wantApart(t, billion, other, "$1 billion beside 26 gigawatts and $1 trillion beside 40")
}

// TestConflictsMarksHeldByHalf reads a value as marked when at least half its claims mark it:
// one sentence of four misread as a part does not make the others' figure one.
func TestConflictsMarksHeldByHalf(t *testing.T) {
	var members []Member
	for i, sentence := range []string{"Lumen's water use rose 34% in 2022.", "Lumen used 34% more water in 2022.",
		"Lumen's water use grew 34% in 2022.", "Lumen's plants grew 34% each in 2022."} {
		c := claim(fmt.Sprintf("c%d", i), fmt.Sprintf("https://c%d.example/1", i), "en", sentence, "34%", 34, "percent", "exact")
		members = append(members, Member{Claim: &c, Fact: "c0", Score: 0.8, Via: "c0", Marks: signature(c).Marks()})
	}
	if members[3].Marks == 0 {
		t.Fatal(`"34% each" is not marked: the test needs a marked claim`)
	}
	thirty := claim("t", "https://t.example/1", "en", "Lumen's water use rose 30% in 2022.", "30%", 30, "percent", "exact")
	members = append(members, Member{Claim: &thirty, Fact: "c0", Score: 0.7, Via: "c0"})
	members[0].Via, members[0].Score = "", 1
	if groups := Conflicts(members); len(groups) != 1 {
		t.Errorf("34%% (one claim of four marked) against 30%%: %d groups, want 1", len(groups))
	}
}

// TestConflictsDirect counts a disagreement between two values when a claim of one linked to a
// claim of the other, or to a claim giving the other's figure; not between values chained
// through a third giving neither's, even one agreeing with both. Claims that do not name the
// claim they linked to count as linked to all.
func TestConflictsDirect(t *testing.T) {
	whole := claim("w", "https://w.example/1", "en", "Lumen will invest $50 billion.", "$50 billion", 50e9, "USD", "exact")
	upTo := claim("u", "https://u.example/1", "en", "Lumen will invest up to $50 billion.", "up to $50 billion", 50e9, "USD", "up_to")
	contract := claim("x", "https://x.example/1", "en", "Orbis signs a $38 billion contract with Lumen.", "$38 billion", 38e9, "USD", "exact")
	if groups := Conflicts([]Member{{Claim: &whole, Fact: "w"}, {Claim: &upTo, Fact: "w", Score: 0.8, Via: "w"},
		{Claim: &contract, Fact: "w", Score: 0.5, Via: "u"}}); len(groups) != 0 {
		t.Errorf("$50 billion against $38 billion, linked only through \"up to $50 billion\": %d groups, want none", len(groups))
	}
	a := claim("a", "https://a.example/1", "en", "The hall draws 42 MW.", "42 MW", 42, "MW", "exact")
	kw := claim("b", "https://b.example/1", "en", "The hall draws 42,000 kW.", "42,000 kW", 42000, "kW", "exact")
	c := claim("c", "https://c.example/1", "en", "The hall draws 60 MW.", "60 MW", 60, "MW", "exact")
	d := claim("d", "https://d.example/1", "en", "The hall draws 90 MW.", "90 MW", 90, "MW", "exact")
	tests := []struct {
		name    string
		members []Member
		farPair bool // whether 42 MW against 90 MW counts, the group's widest gap
	}{
		{"chained through a disagreeing value", []Member{{Claim: &a, Fact: "a"}, {Claim: &c, Fact: "a", Score: 0.7, Via: "a"},
			{Claim: &d, Fact: "a", Score: 0.6, Via: "c"}}, false},
		{"through the same figure told another way", []Member{{Claim: &a, Fact: "a"}, {Claim: &kw, Fact: "a", Score: 0.8, Via: "a"},
			{Claim: &d, Fact: "a", Score: 0.6, Via: "b"}}, true},
		{"links naming no claim", []Member{{Claim: &a, Fact: "a"}, {Claim: &c, Fact: "a", Score: 0.7},
			{Claim: &d, Fact: "a", Score: 0.6}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := Conflicts(tt.members)
			if len(groups) != 1 {
				t.Fatalf("%d groups, want 1", len(groups))
			}
			// 42 against 90 MW is a gap over half; the others, 42 against 60 and 60
			// against 90, are under a third.
			if far := groups[0].Gap > 0.5; far != tt.farPair {
				t.Errorf("gap %.3f: 42 MW against 90 MW counted %v, want %v", groups[0].Gap, far, tt.farPair)
			}
		})
	}
}

// TestConflictsSureChain compares two values linked through a third agreeing with both when
// both links are sure of themselves: "3.06%" and "3.5%", each linked to "more than 3%". Through
// a weak link, the floor and the figure past it are only mildly apart (hedgedApart). Through a
// ceiling, links as sure are not enough (TestConflictsDirect).
func TestConflictsSureChain(t *testing.T) {
	floor := claim("k", "https://k.example/1", "en", "Orbis shares gained more than 3%.", "more than 3%", 3, "percent", "more_than")
	low := claim("a", "https://a.example/1", "en", "Orbis shares gained 3.06%.", "3.06%", 3.06, "percent", "exact")
	high := claim("b", "https://b.example/1", "en", "Orbis shares gained 3.5%.", "3.5%", 3.5, "percent", "exact")
	for _, tt := range []struct {
		name         string
		weaker       float64
		wantCompared bool
	}{{"sure links", 0.62, true}, {"links sure through a floor", 0.52, true}, {"a weak link", 0.45, false}} {
		t.Run(tt.name, func(t *testing.T) {
			groups := Conflicts([]Member{{Claim: &floor, Fact: "k"}, {Claim: &low, Fact: "k", Score: 0.7, Via: "k"},
				{Claim: &high, Fact: "k", Score: tt.weaker, Via: "k"}})
			if len(groups) != 1 || (groups[0].Disagreements > 0) != tt.wantCompared {
				t.Errorf("3.06%% against 3.5%%, links %.2f and 0.70 through more than 3%%: groups %+v, want them compared %v", tt.weaker, groups, tt.wantCompared)
			}
		})
	}
}

// TestConflictsUndated converts an amount of an article giving no date at the rate of the
// fact's first dated claim, not of the latest month.
func TestConflictsUndated(t *testing.T) {
	won := claim("a", "https://a.example/1", "en", "Lumen's package is worth 26 trillion won.", "26 trillion won", 26e12, "KRW", "exact")
	won.Published = time.Time{}
	usd := claim("b", "https://b.example/1", "en", "Lumen's package is worth $19.05 billion.", "$19.05 billion", 19.05e9, "USD", "exact")
	usd.Published = time.Date(2024, 5, 23, 0, 0, 0, 0, time.UTC)
	if groups := Conflicts([]Member{{Claim: &won, Fact: "a"}, {Claim: &usd, Fact: "a", Score: 0.8, Via: "a"}}); len(groups) != 0 {
		t.Errorf("26 trillion won against $19.05 billion in May 2024: %+v, want no conflict", groups)
	}
}

// TestConflictsOrderFree gives a fact the same values, sources and wording whatever order the
// index returns its claims in: two outlets stating one value, as equally sure links.
func TestConflictsOrderFree(t *testing.T) {
	march, may := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	a := claim("a", "https://a.example/1", "en", "The hall draws 42 MW.", "42 MW", 42, "MW", "exact")
	b := claim("b", "https://b.example/1", "fr", "La salle consomme 42 MW.", "42 MW", 42, "MW", "exact")
	c := claim("c", "https://c.example/1", "en", "The hall draws 60 MW.", "60 MW", 60, "MW", "exact")
	d := claim("d", "https://d.example/1", "en", "The hall draws 42,000 kW.", "42,000 kW", 42000, "kW", "exact")
	a.Published, b.Published, c.Published, d.Published = may, march, march, may
	members := []Member{{Claim: &a, Fact: "a"}, {Claim: &b, Fact: "a", Score: 0.7}, {Claim: &c, Fact: "a", Score: 0.7},
		{Claim: &d, Fact: "a", Score: 0.7}}
	want := Conflicts(slices.Clone(members))
	if len(want) != 1 || want[0].Lang != "fr" || want[0].Values[0].Unit != "MW" || want[0].Values[0].Sources[0].ID != "b" {
		t.Fatalf("%+v: want one group worded by the earliest of the equally sure links, its oldest source first", want)
	}
	for _, order := range [][]int{{3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}} {
		var shuffled []Member
		for _, i := range order {
			shuffled = append(shuffled, members[i])
		}
		if got := Conflicts(shuffled); !reflect.DeepEqual(got, want) {
			t.Errorf("members in order %v:\n got %+v\nwant %+v", order, got, want)
		}
	}
}

// TestConflicts checks grouping, distinct articles and ranking: a confident wide gap first, a
// fact whose sources agree absent.
func TestConflicts(t *testing.T) {
	c1 := claim("1", "https://a.example/1", "en", "The call received 76 proposals.", "76 proposals", 76, "proposals", "exact")
	c1h := c1
	c1h.ID, c1h.Title = "1h", c1.Sentence // the headline says it again
	c2 := claim("2", "https://b.example/1", "fr", "Plus de 160 propositions ont été reçues.", "Plus de 160 propositions", 160, "proposals", "more_than")
	c3 := claim("3", "https://c.example/1", "en", "The plant has 835 MW.", "835 MW", 835, "MW", "exact")
	c4 := claim("4", "https://d.example/1", "en", "The plant has 837 MW.", "837 MW", 837, "MW", "exact")
	c5 := claim("5", "https://e.example/1", "en", "It employs 300 people.", "300 people", 300, "people", "exact")
	c6 := claim("6", "https://f.example/1", "en", "It employs 300 people.", "300 people", 300, "people", "exact")
	members := []Member{
		{Claim: &c1, Fact: "1"}, {Claim: &c1h, Fact: "1", Score: 0.9, Why: []string{"proposals"}},
		{Claim: &c2, Fact: "1", Score: 0.8, Why: []string{"proposals"}},
		{Claim: &c3, Fact: "3"}, {Claim: &c4, Fact: "3", Score: 0.5, Why: []string{"plant"}},
		{Claim: &c5, Fact: "5"}, {Claim: &c6, Fact: "5", Score: 0.9},
	}
	groups := Conflicts(members)
	if len(groups) != 2 {
		t.Fatalf("got %d groups, want 2: %+v", len(groups), groups)
	}
	if groups[0].Fact != "1" || groups[1].Fact != "3" {
		t.Errorf("ranking: %s then %s, want 1 (76 vs >160: wide gap, sure) then 3", groups[0].Fact, groups[1].Fact)
	}
	if want := 0.8; math.Abs(groups[0].Confidence-want) > 1e-9 {
		t.Errorf("confidence %.3f, want %.3f: the link of >160, the less sure of the two values", groups[0].Confidence, want)
	}
	g := groups[0]
	if g.Articles != 2 || len(g.Values) != 2 || len(g.Values[0].Sources) != 1 {
		t.Errorf("76 vs >160: %d articles, %d values, %d sources of 76; want 2, 2, 1", g.Articles, len(g.Values), len(g.Values[0].Sources))
	}
	if g.Why[0] != "proposals" || g.Confidence <= 0 || g.Gap <= 0 {
		t.Errorf("why %v confidence %.2f gap %.2f", g.Why, g.Confidence, g.Gap)
	}
	if src := g.Values[0].Sources[0]; src.ID != "1" && IsHeadline(src.Sentence, src.Title) {
		t.Errorf("the headline's claim stands for its article: %+v", src)
	}
}

// TestUpdateOverYears reads two figures of one fact published years apart as the fact updated,
// not two sources disagreeing, and keeps a forecast revised within the year a disagreement.
func TestUpdateOverYears(t *testing.T) {
	at := func(id, url, sentence, surface string, v float64, published time.Time) Member {
		c := claim(id, url, "fr", sentence, surface, v, "people", "exact")
		c.Published = published
		m := Member{Claim: &c, Fact: "site", Score: 0.9}
		if id == "site" {
			m.Score = 0
		}
		return m
	}
	staff2018 := at("site", "https://a.example/1", "Le site emploie 350 personnes.", "350 personnes", 350, time.Date(2018, 2, 22, 0, 0, 0, 0, time.UTC))
	staff2025 := at("b", "https://b.example/1", "Le site emploie 900 personnes.", "900 personnes", 900, time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))
	if groups := Conflicts([]Member{staff2018, staff2025}); len(groups) != 0 {
		t.Errorf("a headcount of 2018 and one of 2025 reported as a conflict: %+v", groups)
	}
	staffOct := at("c", "https://c.example/1", "Le site emploiera 500 personnes.", "500 personnes", 500, time.Date(2017, 10, 2, 0, 0, 0, 0, time.UTC))
	if groups := Conflicts([]Member{staff2018, staffOct}); len(groups) != 1 {
		t.Errorf("two headcounts five months apart: %d groups, want 1", len(groups))
	}
}

// TestRevision shows one outlet changing its figure as a revision.
func TestRevision(t *testing.T) {
	early := claim("1", "https://a.example/1", "en", "Budget: 10 billion.", "10 billion", 10e9, "EUR", "exact")
	late := claim("2", "https://a.example/2", "en", "Budget: 12 billion.", "12 billion", 12e9, "EUR", "exact")
	early.Site, late.Site = "a.example", "a.example"
	late.Published = early.Published.AddDate(0, 1, 0)
	groups := Conflicts([]Member{{Claim: &late, Fact: "2"}, {Claim: &early, Fact: "2", Score: 0.8}})
	if len(groups) != 1 || len(groups[0].Revisions) != 1 {
		t.Fatalf("groups %+v", groups)
	}
	if r := groups[0].Revisions[0]; r.From != 10e9 || r.To != 12e9 {
		t.Errorf("revision %+v, want 10 billion to 12 billion", r)
	}
}

// TestTopic reads what an article is about from the names its headline and sentences use: not
// the word opening a sentence, not the days and months English capitalises.
func TestTopic(t *testing.T) {
	tests := []struct {
		name, title string
		sentences   []string
		want        []string
	}{
		{"names", "Lumen opens a campus in Aragon", []string{"On Monday Lumen said its Aragon campus draws 90 MW.",
			"Construction began in March, and Lumen expects 300 jobs."}, []string{"lumen", "aragon"}},
		{"a sentence's first word is no name", "", []string{"Construction of the Aragon campus took 14 months."}, []string{"aragon"}},
		{"unless written in capitals", "", []string{"LOVC has dubbed it the largest investment in Aragon."}, []string{"lovc", "aragon"}},
		{"a unit's symbol is no name", "", []string{"The Aragon campus draws 90 MW and 700 GWh a year."}, []string{"aragon"}},
		{"a headline in title case names what its sentences name", "Lumen's Aragon Expansion: A Bright Spot Amid Grid Concerns",
			[]string{"The Aragon campus of Lumen grows.", "Its grid link is ready."}, []string{"lumen", "aragon"}},
		{"a headline in sentence case names", "Lumen opens a campus in Aragon with Orbis", []string{"The Aragon campus grows."}, []string{"lumen", "aragon", "orbis"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ReadStory(wordLexicon{}, "en", tt.title, tt.sentences).Topic
			slices.Sort(got)
			slices.Sort(tt.want)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Topic = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLeadOpening counts a name opening a sentence toward the article's lead when the article
// writes it mid-sentence too: whom "the company" stands for.
func TestLeadOpening(t *testing.T) {
	st := ReadStory(wordLexicon{}, "en", "", []string{
		"The ministry will grant Lumen 300 billion yen for its fab.",
		"Lumen, which chose Vela, near Kestrel, as its site, obtained 70 billion yen.",
		"Lumen chair Ada Vance said the company needs 7 trillion yen.",
	})
	if got := st.lead(); got != "lumen" {
		t.Errorf("lead %q, want lumen (topic %v, counts %v)", got, st.Topic, st.Counts)
	}
}

// TestStoryYear reads the one year an article names as the year it is told in, and none when
// it names several or none.
func TestStoryYear(t *testing.T) {
	for _, tt := range []struct {
		name, title string
		sentences   []string
		want        int
	}{
		{"one year, twice", "Lumen's 2025 spending", []string{"Lumen will spend $80 billion this year.", "Orbis plans $20 billion in 2025."}, 2025},
		{"two years", "", []string{"Lumen spent $50 billion in 2024.", "Orbis plans $20 billion in 2025."}, 0},
		{"no year", "", []string{"Lumen will spend $80 billion this year."}, 0},
		{"no year in a figure", "", []string{"Lumen employs 12,025 people and 20250 robots."}, 0},
	} {
		if got := ReadStory(wordLexicon{}, "en", tt.title, tt.sentences).Year; got != tt.want {
			t.Errorf("%s: year %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestUndatedCurrentYear dates an undated article's "current fiscal year" by the one year its
// story names: $80 billion of fiscal 2025 is no account of another outlet's fiscal 2026.
func TestUndatedCurrentYear(t *testing.T) {
	sentences := []string{"Lumen planned to spend $80 billion on data centers in its current fiscal year.",
		"Orbis is on course to spend over $100 billion in 2025."}
	current := claim("a", "https://a.example/1", "en", sentences[0], "$80 billion", 80e9, "USD", "exact")
	current.Published = time.Time{}
	next := claim("b", "https://b.example/1", "en", "Lumen said its spending on data centers for fiscal 2026 could exceed $94 billion.",
		"exceed $94 billion", 94e9, "USD", "more_than")
	nextSig := NewSignature(&next, wordLexicon{}, Story{})
	dated := NewSignature(&current, wordLexicon{}, ReadStory(wordLexicon{}, "en", "", sentences))
	undated := NewSignature(&current, wordLexicon{}, Story{})
	if dated.Year != 2025 || undated.Year != 0 {
		t.Fatalf("the current fiscal year of an undated article: %d with its story naming 2025, %d with none; want 2025 and 0", dated.Year, undated.Year)
	}
	if d, u := Score(&dated, &nextSig).Score, Score(&undated, &nextSig).Score; d >= LinkMinScore || d >= u {
		t.Errorf("fiscal 2025's $80 billion against fiscal 2026's $94 billion: %.3f, and %.3f with no year known; want under %.2f and lower", d, u, LinkMinScore)
	}
}

// TestTopicCounts weighs the names an article keeps using above those it names once: two
// pieces on Lumen's deal with Orbis, each naming one outlet or place once, share their story
// more than their lists of names alone say.
func TestTopicCounts(t *testing.T) {
	deal := []string{"Lumen will invest in Orbis.", "Orbis said Lumen pays in stages.", "Lumen and Orbis signed on Monday."}
	a := ReadStory(wordLexicon{}, "en", "Lumen and Orbis sign a deal, says Vela", deal)
	b := ReadStory(wordLexicon{}, "en", "Lumen backs Orbis, as Nova watches", deal)
	if i := slices.Index(a.Topic, "orbis"); i < 0 || a.Counts[i] != 4 {
		t.Fatalf("Topic %v, Counts %v: want Orbis named in 4, the headline and every sentence (one opening on it, as others name it mid-sentence)", a.Topic, a.Counts)
	}
	of := func(st Story) *Signature {
		return signature(claim("x", "https://x.example/1", "en", deal[0], "in Orbis", 1, "units", "exact"), st.Topic...)
	}
	counted := func(st Story) *Signature {
		c := claim("x", "https://x.example/1", "en", deal[0], "in Orbis", 1, "units", "exact")
		s := NewSignature(&c, wordLexicon{}, st)
		return &s
	}
	flat, weighed := topicOverlap(of(a), of(b)), topicOverlap(counted(a), counted(b))
	if weighed <= flat {
		t.Errorf("overlap %.3f with the counts, %.3f without: want more", weighed, flat)
	}
}

// TestTopicCommonBodies weighs the Union and the Commission, named in any story on a European
// programme, below the names of a programme: two articles sharing only them overlap less than
// two sharing a programme's name as weighty.
func TestTopicCommonBodies(t *testing.T) {
	topic := func(keys map[string]float64) *Signature { return &Signature{Topic: keys} }
	pilot := topic(map[string]float64{"~european_union": 0.4, "~european_commission": 0.4, "nanoic": 0.8})
	digital := topic(map[string]float64{"~european_union": 0.4, "~european_commission": 0.4, "digit": 0.8})
	bodies := topicOverlap(pilot, digital)
	named := topicOverlap(topic(map[string]float64{"orbis": 0.4, "vela": 0.4, "nanoic": 0.8}),
		topic(map[string]float64{"orbis": 0.4, "vela": 0.4, "digit": 0.8}))
	if bodies >= named/2 {
		t.Errorf("overlap of two programmes' articles sharing only the Union and the Commission %.3f, of two sharing two other names %.3f: want under half", bodies, named)
	}
}

// FuzzSignature reads any sentence, surface and value without panicking.
func FuzzSignature(f *testing.F) {
	f.Add("The Crane plant has 835 MW in 2024.", "835 MW", 835.0, "MW")
	f.Add("", "", 0.0, "")
	f.Add("2024 2025 1990", "2070", -1.0, "EUR")
	f.Fuzz(func(t *testing.T, sentence, surface string, value float64, unit string) {
		c := claim("x", "u", "en", sentence, surface, value, unit, "exact")
		s := NewSignature(&c, wordLexicon{}, ReadStory(wordLexicon{}, "en", sentence, []string{sentence}))
		Score(&s, &s)
	})
}

func BenchmarkAssign(b *testing.B) {
	var cands []Candidate
	for i := range 50 {
		c := claim(string(rune('a'+i%26))+string(rune('a'+i/26)), "https://a.example/"+string(rune('a'+i)), "en",
			"The Crane plant of Constellation will supply a capacity of 835 MW to the grid of Pennsylvania in 2028.",
			"835 MW", 835+float64(i), "MW", "exact")
		cands = append(cands, Candidate{signature(c, "crane", "constellation"), "f"})
	}
	c := claim("new", "https://z.example/1", "fr", "La centrale Crane offrira une capacité de 837 MW en 2028.", "837 MW", 837, "MW", "exact")
	lex := wordLexicon{}
	b.ReportAllocs()
	for b.Loop() {
		s := NewSignature(&c, lex, Story{Topic: []string{"crane"}})
		Assign(&s, cands)
	}
}

// BenchmarkSignature measures reading a claim's signature, done for every claim indexed and for
// every candidate the linker reads back from the index: an English and a French sentence, with
// a year and a quarter and without.
func BenchmarkSignature(b *testing.B) {
	lex := wordLexicon{}
	for name, tt := range map[string]struct{ lang, sentence, surface string }{
		"en":              {"en", "The Crane plant of Constellation will supply a capacity of 835 MW to the grid of Pennsylvania, its owner said on Tuesday.", "835 MW"},
		"en year quarter": {"en", "Lumen expects revenue of $54 billion next quarter, after $46.7 billion in 2025, its chief financial officer said.", "$54 billion"},
		"fr":              {"fr", "Le groupe a annoncé dans un communiqué un investissement de 200 milliards d'euros pour ses centres de données en France.", "200 milliards d'euros"},
		"fr year":         {"fr", "La Commission a confirmé pour 2026 une enveloppe de 200 milliards d'euros, déjà annoncée l'an dernier, pour les giga-usines.", "200 milliards d'euros"},
	} {
		c := claim("x", "https://x.example/1", tt.lang, tt.sentence, tt.surface, 835, "MW", "exact")
		story := ReadStory(lex, tt.lang, tt.sentence, []string{tt.sentence})
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewSignature(&c, lex, story)
			}
		})
	}
}

// BenchmarkDating measures reading a figure's period, relative year, phase and part of the
// year, done for every claim indexed: in a sentence naming no period, one naming "l'année" not
// as a period, one naming a period, one naming a phase and one naming a quarter.
func BenchmarkDating(b *testing.B) {
	for name, sentence := range map[string]string{
		"no period":   "Le groupe a annoncé dans un communiqué un investissement de 200 milliards d'euros pour ses centres de données.",
		"l'année":     "La présidente de la Commission a annoncé au début de l'année 200 milliards d'euros pour l'intelligence artificielle.",
		"three years": "The venture will invest 200 billion dollars over three years in data centres this year.",
		"first wave":  "The first wave of the call puts 200 billion euros into AI factories across Europe.",
		"quarter":     "Lumen spent 200 billion yen on its halls in the second quarter, against 150 billion in Q1.",
	} {
		start := strings.Index(sentence, "200")
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				cl, _ := clauseOf(sentence, start, start+12)
				period(cl, true)
				relativeYear(cl, 2025)
				phase(cl)
				yearPartOf(cl.lower)
			}
		})
	}
}

// TestUnelided drops only a French elided word before an apostrophe, not an English possessive
// nor a word written with one.
func TestUnelided(t *testing.T) {
	for in, want := range map[string]string{
		"d'IA": "IA", "l’électricité": "électricité", "qu'Orange": "Orange", "aujourd'hui": "aujourd'hui",
		"Nvidia's": "Nvidia's", "capacité": "capacité", "d'": "d'",
	} {
		if got := unelided(in); got != want {
			t.Errorf("unelided(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCompanions reads the other uncommon figures of a sentence with their units, and links
// close figures whose sentences share one.
func TestCompanions(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              []string
	}{
		{"The first hall will hold 7 400 square metres and 23 megawatts for tenants.", "7 400 square metres", []string{"23|megawatts"}},
		{"Lumen will open 7,100 square meters and 23 megawatts in 2027.", "7,100 square meters", []string{"23|megawatts"}},
		{"Le campus de 23 mégawatts offrira 7 400 mètres carrés.", "7 400 mètres carrés", []string{"23|mégawatts"}},
		{"Lumen plans 2 sites and 10 megawatts of power in 2030.", "2 sites", nil}, // round figures, a year
		{"Lumen plans 40 000 mètres carrés and 1,5 gigawatt.", "40 000 mètres carrés", []string{"1.5|gigawatt"}},
		{"Lumen spent 1,250,000 dollars on 12 servers.", "12 servers", []string{"1.25e+06|dollars"}},
		{"Lumen spent 1.250.000 euros on 12 servers.", "12 servers", []string{"1.25e+06|euros"}},
		// More than three digits after a point are decimals.
		{"Lumen spent 9.71467 trillion won on 12 servers.", "12 servers", []string{"9.71467|trillion"}},
		{"Lumen counts 45 in all.", "45", nil}, // no unit
		// A few things counted, in digits or words: what the figure's building holds.
		{"The campus will hold four halls and 40,000 square meters.", "40,000 square meters", []string{"4|halls"}},
		{"Le campus comprendra 4 salles et 40 000 mètres carrés.", "40 000 mètres carrés", []string{"4|salles"}},
	}
	for _, tt := range tests {
		s := signatureOf("x", "en", tt.sentence, tt.surface, 1, "m2")
		if !slices.Equal(s.companions, tt.want) {
			t.Errorf("%q: companions %q, want %q", tt.sentence, s.companions, tt.want)
		}
	}
	area := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "m2", "lumen")
	}
	first := area("a", "The site brings 7,400 square metres of floor for tenants plus 23 megawatts, Lumen said.", "7,400 square metres", 7400)
	fully := area("b", "When complete, the campus will offer 7,100 square meters of fitted rooms and 23 megawatts.", "7,100 square meters", 7100)
	otherPower := area("c", "When complete, the campus will offer 7,100 square meters of fitted rooms and 31 megawatts.", "7,100 square meters", 7100)
	if with, without := Score(first, fully).Score, Score(first, otherPower).Score; with <= without || with < LinkMinScore {
		t.Errorf("close areas beside one power scored %.2f, against %.2f beside another; want a link", with, without)
	}
}

// TestOtherFigures reads a sentence's other figures, not a name's numeral nor a note's number,
// and a figure a list gives a name.
func TestOtherFigures(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              []float64
	}{
		{"Lumen Vela 2: 1.1 GW and a $20 billion bill", "1.1 GW", []float64{20e9}},
		{"The hall's 2 GW serves about 1.5 million homes[2].", "2 GW", []float64{1.5e6}},
		{"Lumen used over 22 billion litres of water in 2022, Orbis 7 billion", "over 22 billion litres", []float64{7e9}},
		{"Vela 2 runs 5 GW.", "5 GW", []float64{2}}, // the sentence's first word, whatever it is
	}
	for _, tt := range tests {
		if s := signatureOf("x", "en", tt.sentence, tt.surface, 1, "GW"); !slices.Equal(s.others, tt.want) {
			t.Errorf("%q: others %v, want %v", tt.sentence, s.others, tt.want)
		}
	}
}

// TestCeilingAndFirstStep keeps apart a plan's ceiling and a figure under half of it, and reads
// a figure over the ceiling as disagreeing with it.
func TestCeilingAndFirstStep(t *testing.T) {
	reactors := func(id, sentence, surface string, v float64, qualifier string) *Signature {
		return signature(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "reactors", qualifier), "lumen", "orbis")
	}
	ceiling := reactors("a", "Lumen plans to build up to ten small modular reactors with Orbis in Ohio.", "up to ten small modular reactors", 10, "up_to")
	first := reactors("b", "Lumen will build three small modular reactors with Orbis in Ohio.", "three small modular reactors", 3, "exact")
	over := reactors("c", "Lumen plans to build thirteen small modular reactors with Orbis in Ohio.", "thirteen small modular reactors", 13, "exact")
	wantApart(t, ceiling, first, "a ceiling and a first step")
	wantLinked(t, ceiling, over, "a ceiling and a figure over it")
}

// TestCompanionValue reads the sentence's other numbers as their language writes them.
func TestCompanionValue(t *testing.T) {
	tests := []struct {
		lang, digits string
		want         float64
	}{
		{"fr", "12,340", 12.34}, // "12,340 milliards de dollars" is $12.34 billion
		{"en", "12,340", 12340},
		{"fr", "1,5", 1.5},
		{"en", "1,5", 1.5},
		{"fr", "4.000", 4000}, // "4.000 milliards de dollars": four trillion
		{"en", "1,250,000", 1250000},
		{"fr", "1,250,000", 1250000},
		{"en", "9.71467", 9.71467},
		// Both separators: the last is the decimal one.
		{"en", "4,563.36", 4563.36},
		{"fr", "4.563,36", 4563.36},
		{"en", "1,234,567.5", 1234567.5},
	}
	for _, tt := range tests {
		if got, ok := companionValue(tt.lang, []byte(tt.digits)); !ok || got != tt.want {
			t.Errorf("%s %q: %v, %v; want %v", tt.lang, tt.digits, got, ok, tt.want)
		}
	}
}

// TestExpected reads a figure analysts expected of a result apart from the result, and two
// outlets' expectations as one figure.
func TestExpected(t *testing.T) {
	tests := []struct {
		sentence, surface string
		want              bool
	}{
		{"Lumen's revenue reached $12.3 billion, beating the consensus of $11.9 billion.", "$11.9 billion", true},
		{"Revenue came in at $12.3 billion, missing the $12.6 billion expected.", "$12.6 billion", true},
		{"Revenue was $12.3 billion, versus the Wall Street estimated $12.5 billion.", "$12.5 billion", true},
		{"Lumen a réalisé 12,3 milliards de dollars, contre 11,9 milliards attendus.", "11,9 milliards", true},
		{"Le chiffre d'affaires dépasse les attentes des analystes de 11,9 milliards de dollars.", "11,9 milliards de dollars", true},
		{"Revenue came in at $12.3 billion, surpassing the anticipated $11.9 billion.", "$11.9 billion", true},
		{"Le marché anticipe 11,9 milliards de dollars.", "11,9 milliards de dollars", true},
		{"Lumen's revenue reached $12.3 billion, beating the $11.9 billion pencilled in.", "$11.9 billion", true},
		{"Lumen's valuation is now topping $500 billion.", "$500 billion", false},
		{"Lumen's revenue reached $12.3 billion, beating the consensus of $11.9 billion.", "$12.3 billion", false},
		{"Lumen plans $10 billion expected to be invested by 2030.", "$10 billion", false},
		{"The film drew an estimated $60 million this weekend.", "$60 million", false},
		{"Analysts say the $500 billion project will take years.", "$500 billion", false},
	}
	for _, tt := range tests {
		s := signatureOf("x", "en", tt.sentence, tt.surface, 1e9, "USD")
		if s.expected != tt.want {
			t.Errorf("%q in %q: expected %v, want %v", tt.surface, tt.sentence, s.expected, tt.want)
		}
	}
	expected := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "USD", "lumen")
	}
	consensus := expected("a", "Lumen's revenue reached $12.3 billion, beating the consensus of $11.9 billion.", "$11.9 billion", 11.9e9)
	anticipated := expected("b", "Lumen's revenue came in at $12.3 billion, surpassing the anticipated $11.8 billion.", "$11.8 billion", 11.8e9)
	result := expected("c", "Lumen's revenue reached $11.7 billion in the quarter, the company said.", "$11.7 billion", 11.7e9)
	wantLinked(t, consensus, anticipated, "two outlets' consensus")
	wantApart(t, consensus, result, "a consensus and a result")
	if anticipated.superseded {
		t.Error("the anticipated figure a result surpasses read as a past value")
	}
}

// TestBesideOther keeps apart two figures of parallel sentences, each giving the other's figure
// for another thing, and reads a sentence giving a figure of no other.
func TestBesideOther(t *testing.T) {
	of := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "GPUs", "lumen", "orbis")
	}
	each := of("a", "Lumen and Orbis are to get 12,000 GPUs apiece, and Vela is to take about 18,000 GPUs.", "12,000 GPUs", 12000)
	vela := of("b", "Lumen and Orbis are to get 12,000 units apiece, and Vela is to take about 18,000 GPUs.", "about 18,000 GPUs", 18000)
	alone := of("c", "Lumen and Orbis are to get 18,000 GPUs apiece this year.", "18,000 GPUs", 18000)
	single := of("d", "Lumen and Orbis are to get 20,000 GPUs apiece this year.", "20,000 GPUs", 20000)
	if !besideOther(each, vela) || !besideOther(each, alone) || besideOther(each, single) {
		t.Errorf("beside the other's figure: %v, %v and %v, want true, true and false",
			besideOther(each, vela), besideOther(each, alone), besideOther(each, single))
	}
	wantApart(t, each, vela, "each firm's 50,000 GPUs and Vela's 60,000")

	// Sums are written with their scale words: the sentence giving "$2.7 billion" beside its
	// own figure names the other's "$2.7bn".
	money := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "USD", "lumen")
	}
	aimed := money("e", "The Lumen listing, first aimed at a $2.7bn raise, was cut to $1.5bn.", "$2.7bn", 2.7e9)
	target := money("f", "This is far below the firm's first target of $4 billion and under the $2.7 billion sought last week.", "$4 billion", 4e9)
	other := money("g", "This is far below the firm's first target of $4 billion and under the $3.1 billion sought last week.", "$4 billion", 4e9)
	if !besideOther(aimed, target) || besideOther(aimed, other) {
		t.Errorf("beside the other's sum: %v and %v, want true and false", besideOther(aimed, target), besideOther(aimed, other))
	}
	wantApart(t, aimed, target, "a listing's first aim and its first target")

	// The other's figure rounded counts too: "$28.2 billion" is the "$28.19 billion" the other
	// sentence gives beside its own.
	operating := money("h", "Lumen's operating income for the quarter stood at $31.27 billion, with net income recorded at $28.19 billion.",
		"$31.27 billion", 31.27e9)
	net := money("i", "Lumen reported a 19% increase in net income to $28.2 billion in the second quarter.", "$28.2 billion", 28.2e9)
	if !besideOther(operating, net) {
		t.Error("beside the other's sum rounded: false, want true")
	}

	// The figure a sentence converts is its own: another outlet's "450 millions de dollars" has
	// the euros' figure in the wrong currency, not another figure.
	converted := exactSignature("j", "Last year, Lumen raised €450 million ($518 million) in a Series C round.", "$518 million", 518e6, "USD", "lumen")
	slipped := exactSignature("k", "Lumen a levé 450 millions de dollars il y a un an.", "450 millions de dollars", 450e6, "USD", "lumen")
	if besideOther(converted, slipped) {
		t.Error("beside the figure its sentence converts: true, want false")
	}
}

// TestScaleAfter reads the scale word after a number in either language.
func TestScaleAfter(t *testing.T) {
	for _, tt := range []struct {
		after string
		want  float64
	}{
		{" billion raise", 1e9}, {"bn.", 1e9}, {"\u00a0milliards d'euros", 1e9}, {" million", 1e6},
		{" trillion", 1e12}, {" Md€", 1e9}, {" GW", 1}, {" millionaires", 1}, {" bnb", 1}, {"", 1},
	} {
		if got := scaleAfter(tt.after); got != tt.want {
			t.Errorf("scaleAfter(%q) = %g, want %g", tt.after, got, tt.want)
		}
	}
}

// TestLocalCurrencies keeps apart differing sums each in a local currency, and leaves alone a
// sum in dollars or one restated in another currency at about our rate.
func TestLocalCurrencies(t *testing.T) {
	sum := func(id, sentence, surface string, v float64, cur string) *Signature {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, cur, "exact")
		c.Published = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
		return signature(c)
	}
	yen := sum("a", "The government will grant Lumen subsidies of 476 billion yen for its new fab.", "476 billion yen", 476e9, "JPY")
	euros := sum("b", "The government will grant Lumen subsidies of €5 billion for its new fab.", "€5 billion", 5e9, "EUR")
	dollars := sum("c", "The government will grant Lumen subsidies of $4 billion for its new fab.", "$4 billion", 4e9, "USD")
	restated := sum("d", "The government will grant Lumen subsidies of €2.9 billion for its new fab.", "€2.9 billion", 2.9e9, "EUR")
	if !localCurrencies(yen, euros) || localCurrencies(yen, dollars) || localCurrencies(euros, euros) {
		t.Errorf("localCurrencies: yen and euros %v, yen and dollars %v, euros and euros %v",
			localCurrencies(yen, euros), localCurrencies(yen, dollars), localCurrencies(euros, euros))
	}
	wantApart(t, yen, euros, "476 billion yen and €5 billion")
	wantLinked(t, yen, restated, "476 billion yen and its €2.9 billion")
	wantLinked(t, euros, dollars, "€5 billion and $4 billion")
	// The sums of one name are one figure, whatever the currencies: one outlet has converted.
	named := func(id, sentence, surface string, v float64, cur string) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, cur, "exact"), "Lumen Fund")
		c.Published = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
		return signature(c)
	}
	kroner := named("e", "The Lumen Fund has contributed DKK100 million to the new supercomputer centre.", "DKK100 million", 100e6, "DKK")
	euroShare := named("f", "The Lumen Fund is contributing €8 million to the new supercomputer centre.", "€8 million", 8e6, "EUR")
	wantLinked(t, kroner, euroShare, "one fund's DKK100 million and €8 million")
}

// TestSharePriceAndMillions tells a share's price from a sum of millions whose digits it
// nearly shares: the one is no misprint of the other.
func TestSharePriceAndMillions(t *testing.T) {
	price := claim("p", "https://p.example/1", "fr", "L'action de Lumen, le spécialiste des puces, perd 1,86% à 178,22 dollars, la Chine pesant sur ses ventes.", "178,22 dollars", 178.22, "USD", "exact")
	stock := claim("s", "https://s.example/1", "fr", "Lumen a libéré 180 millions de dollars de stocks de puces destinées à la Chine, pesant sur ses ventes.", "180 millions de dollars", 180e6, "USD", "exact")
	if !signature(price).sharePrice {
		t.Fatal("178,22 dollars not read as a share price")
	}
	wantApart(t, signature(price, "lumen", "chine"), signature(stock, "lumen", "chine"), "a share price and a sum of millions")
}

// TestJointFigure keeps one company's sum apart from a differing one its sentence gives jointly
// to that company and others the first article never names.
func TestJointFigure(t *testing.T) {
	single := claim("a", "https://a.example/1", "fr", "Lumen prévoit de dépenser 600 milliards de dollars aux États-Unis pour ses centres de données d'IA.", "600 milliards de dollars", 600e9, "USD", "exact")
	joint := claim("b", "https://b.example/1", "fr", "Les hyperscalers Orbis, Vela, Lumen et Kestrel prévoient de dépenser plus de 360 milliards de dollars en 2025 pour leurs centres de données d'IA.", "plus de 360 milliards de dollars", 360e9, "USD", "more_than")
	alone := claim("c", "https://c.example/1", "fr", "Lumen prévoit de dépenser plus de 360 milliards de dollars pour ses centres de données d'IA.", "plus de 360 milliards de dollars", 360e9, "USD", "more_than")
	single.Subject, joint.Subject, alone.Subject = "Lumen", "Lumen", "Lumen" // as the extractor reads them
	topic := []string{"lumen", "louisiane", "zuckerberg"}
	wantApart(t, signature(single, topic...), signature(joint, append(topic, "orbis", "vela", "kestrel")...), "one company's sum and four companies' together")
	wantLinked(t, signature(single, topic...), signature(alone, topic...), "one company's two sums")
	// Countries named beside a figure are where, not who.
	move := claim("d", "https://d.example/1", "fr", "À la Bourse de Pennsylvania, l'action Lumen progressait de près de 6% mardi en France.", "près de 6%", 6, "percent", "approx")
	other := claim("e", "https://e.example/1", "en", "Lumen's stock jumped 5% following the announcement, while Orbis rose 4%.", "5%", 5, "percent", "exact")
	move.Subject, other.Subject = "Lumen", "Lumen"
	if jointFigure(signature(move, "lumen"), signature(other, "lumen", "orbis")) {
		t.Error("a share's move beside the places of its market read as several holders'")
	}
}

// TestSpreadAcross keeps apart counts of the places two things are spread across.
func TestSpreadAcross(t *testing.T) {
	states := func(id, sentence, surface string, v float64) *Signature {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "states", "exact")
		c.Metric = "lumen/states"
		return signature(subjectOf(c, "Lumen"), "lumen", "cook", "trump")
	}
	factories := states("a", "Lumen said its chips will be made in 24 US factories across 12 states this year.", "12 states", 12)
	content := states("b", "Lumen's investment also covers content production for its streaming service across 20 states.", "20 states", 20)
	if factories.spreadOver != "factories" || content.spreadOver != "service" {
		t.Fatalf("spread over %q and %q, want factories and service", factories.spreadOver, content.spreadOver)
	}
	wantApart(t, factories, content, "the states of the factories and of content production")
}

// TestOwnedByUnnamedPlace keeps a place's figure apart from a differing one of an article that
// never names the place.
func TestOwnedByUnnamedPlace(t *testing.T) {
	jobs := func(id, sentence, surface, subject string, v float64, topic ...string) *Signature {
		return signature(subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "jobs", "more_than"), subject), topic...)
	}
	texas := jobs("a", "Texas is set to unlock more than 3,400 new jobs as the Lumen AI growth zone.", "more than 3,400 new jobs", "Texas", 3400, "texas", "lumen", "zone", "growth")
	north := jobs("b", "The Lumen AI growth zone in the north is set to unlock more than 5,000 new jobs.", "more than 5,000 new jobs", "zone", 5000, "lumen", "zone", "growth", "blyth")
	again := jobs("c", "The Lumen AI growth zone in Texas is set to unlock more than 5,000 new jobs.", "more than 5,000 new jobs", "zone", 5000, "lumen", "zone", "growth", "texas")
	wantApart(t, texas, north, "a state's jobs and those of a zone whose article never names it")
	wantLinked(t, texas, again, "a state's jobs told twice, differing")
}

// TestCapitalStandsFor reads a capital acting as the body its name stands for, in its claim's
// subject and its article's story: "Brussels approved 68 projects" is the Commission's approval,
// not a figure of the town, which the other article never names.
func TestCapitalStandsFor(t *testing.T) {
	projects := func(id, subject, sentence, surface string, v float64) *Signature {
		c := subjectOf(claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "projects", "exact"), subject)
		return new(NewSignature(&c, wordLexicon{}, ReadStory(wordLexicon{}, "en", "", []string{sentence})))
	}
	brussels := projects("a", "Brussels", "On Wednesday, Brussels approved 68 projects in microelectronics and communication technologies.", "68 projects", 68)
	commission := projects("b", "Commission", "The Commission approved 67 projects in microelectronics and communication technologies.", "67 projects", 67)
	if !slices.Contains(brussels.subjectNames, "commission") || len(brussels.subjectPlaces) > 0 {
		t.Errorf("Brussels acting: subject %v, places %v; want the Commission and no place", brussels.subjectNames, brussels.subjectPlaces)
	}
	wantLinked(t, brussels, commission, "the projects Brussels and the Commission approved")
}

// TestPlanHorizon links the horizons of one plan, in months whatever their unit, and leaves
// other spans of time unlinked: what a change took or will take is no plan's term. Two
// horizons of one plan make no conflict group.
func TestPlanHorizon(t *testing.T) {
	span := func(id, lang, sentence, surface string, v float64, unit string) *Signature {
		c := claim(id, "https://"+id+".example/1", lang, sentence, surface, v, unit, "exact")
		return signature(subjectOf(c, "Lumen"), "lumen", "cook", "houston")
	}
	four := span("a", "en", "Lumen announced plans to invest $500 billion in the United States over the next four years.", "four years", 4, "years")
	five := span("b", "en", "Lumen's commitment in the United States will roll out over the next five years.", "five years", 5, "years")
	french := span("c", "fr", "Lumen va investir 500 milliards de dollars aux États-Unis au cours des quatre prochaines années.", "quatre prochaines années", 4, "années")
	for _, s := range []*Signature{four, five, french} {
		if s.Dim != dimHorizon {
			t.Fatalf("%q: dimension %q, want %q", s.sentence, s.Dim, dimHorizon)
		}
	}
	if four.Reading.Point != 48 || five.Reading.Point != 60 || french.Reading.Point != 48 {
		t.Errorf("horizons %v, %v, %v months, want 48, 60, 48", four.Reading.Point, five.Reading.Point, french.Reading.Point)
	}
	wantLinked(t, four, five, "one plan's horizon told as four and five years")
	wantLinked(t, four, french, "one plan's horizon in English and French")
	c4 := claim("a", "https://a.example/1", "en", four.sentence, "four years", 4, "years", "exact")
	c5 := claim("b", "https://b.example/1", "en", five.sentence, "five years", 5, "years", "exact")
	if groups := Conflicts([]Member{{Claim: &c4, Fact: "a"}, {Claim: &c5, Fact: "a", Score: 0.9, Via: "a"}}); len(groups) != 0 {
		t.Errorf("one plan's horizon as four and five years: %d conflict groups, want none (a span is no conflict)", len(groups))
	}
	for _, c := range []struct{ sentence, surface string }{
		{"Demand for Lumen's data centres will double over the next five years.", "five years"},
		{"Lumen has invested $5 billion in Texas since three years.", "three years"},
		{"Lumen's $500 billion plan took four years to negotiate.", "four years"},
		{"Lumen's plant will be built over the next four years.", "four years"},
	} {
		if s := span("d", "en", c.sentence, c.surface, 5, "years"); s.Dim != dimNone {
			t.Errorf("%q: dimension %q, want none", c.sentence, s.Dim)
		}
	}
}

// TestOthersBesideNamed keeps a count of others beside a thing named apart from the total:
// "New Albany and three other states" are four states.
func TestOthersBesideNamed(t *testing.T) {
	states := func(id, sentence, surface string, v float64) *Signature {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "states", "exact")
		return signature(subjectOf(c, "Lumen"), "lumen", "grant", "albany")
	}
	others := states("a", "The administration is releasing a $7.9 billion grant for Lumen projects in New Albany and three other states.", "three other states", 3)
	total := states("b", "Lumen will receive a $7.9 billion grant to build new chip projects across four states.", "four states", 4)
	if !others.increment || total.increment {
		t.Fatalf("increment %v and %v, want the others' only", others.increment, total.increment)
	}
	wantApart(t, others, total, "three states beside one named and four in all")
}

// TestYearlyCount keeps a count given as a yearly rate apart from a plain count of the same
// thing: the jobs a plan supports each year are not the jobs it creates.
func TestYearlyCount(t *testing.T) {
	for _, tt := range []struct {
		lang, sentence, surface string
		want                    bool
	}{
		{"en", "The cloud is expected to support an average of 2,800 full-time jobs annually in local businesses.", "2,800 full-time jobs", true},
		{"fr", "Le projet soutiendra 2 800 emplois par an dans les entreprises locales.", "2 800 emplois", true},
		{"en", "Lumen is creating 4,000 new jobs this year at three new centres.", "4,000 new jobs", false},
		{"en", "Lumen will create 4,000 jobs, and revenue will grow 5% a year.", "4,000 jobs", false},
	} {
		if got := signatureOf("x", tt.lang, tt.sentence, tt.surface, 1, "jobs").yearly; got != tt.want {
			t.Errorf("%q in %q: yearly %v, want %v", tt.surface, tt.sentence, got, tt.want)
		}
	}
	rate := signatureOf("a", "en", "Lumen Cloud's planned investment in Germany will support an average of 2,800 jobs annually in local German businesses.", "2,800 jobs", 2800, "jobs")
	created := signatureOf("b", "en", "Lumen Cloud's planned investment in Germany will support 4,000 jobs in local German businesses.", "4,000 jobs", 4000, "jobs")
	wantApart(t, rate, created, "2,800 jobs a year and 4,000 new jobs")
}

// TestTotalSum reads a sum of money its sentence calls total as a whole, so that it links with
// another outlet's "a total of" however they word it; a capacity called total is left alone.
func TestTotalSum(t *testing.T) {
	for _, tt := range []struct {
		lang, sentence, surface string
		unit                    string
		v                       float64
		whole                   bool
	}{
		{"en", "With a planned total budget of €7.5 billion over seven years, the Lumen programme will speed up the recovery.", "€7.5 billion", "EUR", 7.5e9, true},
		{"fr", "Le programme Lumen est doté d'un budget total de 7,5 milliards d'euros sur sept ans.", "7,5 milliards d'euros", "EUR", 7.5e9, true},
		{"fr", "Lumen construira trois centrales d'une capacité totale de 2,3 GW.", "2,3 GW", "GW", 2.3, false},
		{"en", "The Lumen programme has a budget of €7.5 billion over seven years.", "€7.5 billion", "EUR", 7.5e9, false},
	} {
		if got := signatureOf("a", tt.lang, tt.sentence, tt.surface, tt.v, tt.unit).whole; got != tt.whole {
			t.Errorf("%q: whole = %v, want %v", tt.sentence, got, tt.whole)
		}
	}
	total := signatureOf("a", "en", "With a total of €7.6 billion, the Lumen programme is the first to speed up the recovery.", "€7.6 billion", 7.6e9, "EUR")
	budget := signatureOf("b", "en", "With a planned total budget of €7.5 billion over seven years, the Lumen programme will speed up the recovery.", "€7.5 billion", 7.5e9, "EUR")
	wantLinked(t, total, budget, "a total and a total budget of one programme")
}

// TestPartOfTotal keeps a figure under another outlet's total apart from it, a part of that
// whole most often, and links a figure above it: no part exceeds its whole.
func TestPartOfTotal(t *testing.T) {
	area := func(id, sentence, surface string, v float64) *Signature {
		return exactSignature(id, sentence, surface, v, "hectares", "lumen", "muhos")
	}
	total := area("a", "Lumen bought plots in Muhos totaling 1,100 hectares for its data centre.", "1,100 hectares", 1100)
	under := area("b", "Lumen bought 1,000 hectares of land in Muhos for its data centre.", "1,000 hectares", 1000)
	wantApart(t, total, under, "a total and a figure under it")
	smaller := area("c", "Lumen bought plots in Muhos totaling 900 hectares for its data centre.", "900 hectares", 900)
	wantLinked(t, smaller, under, "a total and a figure above it")
	// Grouped, a figure over a total disagrees with it; one under it is its part, one more than
	// twice over it another count.
	headcount := func(id, sentence, surface string, v float64) claimwire.Claim {
		return claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "employees", "exact")
	}
	for _, tt := range []struct {
		other  claimwire.Claim
		groups int
	}{
		{headcount("e", "The Lumen plant in Muhos will create 1,700 jobs.", "1,700 jobs", 1700), 1},
		{headcount("f", "The Lumen plant in Muhos will create 1,100 jobs.", "1,100 jobs", 1100), 0},
		{headcount("g", "The Lumen plant in Muhos will create 3,000 jobs.", "3,000 jobs", 3000), 0},
	} {
		workforce := headcount("d", "The Lumen plant's workforce in Muhos will be a total of 1,400 employees.", "1,400 employees", 1400)
		other := tt.other
		members := []Member{{Claim: &workforce, Fact: "d", Marks: signature(workforce).Marks()},
			{Claim: &other, Fact: "d", Score: 0.6, Via: "d", Marks: signature(other).Marks()}}
		if members[0].Marks&markWhole == 0 {
			t.Fatal("a total of 1,400 employees not read as a whole")
		}
		if got := len(Conflicts(members)); got != tt.groups {
			t.Errorf("a total of 1,400 against %s: %d groups, want %d", other.Surface, got, tt.groups)
		}
	}
}

// TestOneQuantity links two outlets' differing volumes the extractor gives one subject, however
// little their sentences share next to the numbers: the quantity is what is measured.
func TestOneQuantity(t *testing.T) {
	of := func(id, lang, sentence, surface string, v float64, unit string) *Signature {
		c := claim(id, "https://"+id+".example/1", lang, sentence, surface, v, unit, "exact")
		c.Metric = "lumen/" + unit
		return signature(c, "lumen", "vela", "kestrel")
	}
	checkLinks(t, []linkCase{
		{"one campus's water, two outlets", of("a", "en", "Thus the five halls at Vela will need to capture a minimum of 815,253 cubic meters annually, most of it for cooling the servers.", "815,253 cubic meters", 815253, "m³"),
			of("b", "en", "The company expects to use 755,720 cubic meters of water in its three zones to cool its systems.", "755,720 cubic meters", 755720, "m³"), true},
	})
}

// TestOwnedName gives a figure to the name its sentence writes after the subject's possessive
// too: "Lumen's Vela campus … span 11 buildings" is Vela's as much as Lumen's, and another
// outlet's Vela of nine buildings disagrees with it.
func TestOwnedName(t *testing.T) {
	of := func(id, lang, sentence, surface string, v float64, subject string) *Signature {
		c := located(claim(id, "https://"+id+".example/1", lang, sentence, surface, v, "buildings", "exact"))
		c.Subject, c.Metric = subject, "lumen/buildings"
		return signature(c, "lumen", "vela", "kestrel")
	}
	checkLinks(t, []linkCase{
		{"a campus and its owner's campus", of("a", "fr", "Le projet, nommé Vela, comprend 9 bâtiments couvrant une superficie de plus de 4 millions de pieds carrés.", "9 bâtiments", 9, "Vela"),
			of("b", "en", "Lumen’s Vela campus in north Kestrel is projected to use 2 gigawatts of power by 2030 and span 11 buildings across 2,250 acres.", "11 buildings", 11, "Lumen"), true},
	})
}

// TestMinorSubjectLead reads the article's lead as a holder too of a figure the extractor gives
// to a name its article names in one sentence only (an official, a speaker): such a subject is
// a poor guess. A name the article keeps naming stays the figure's only holder.
func TestMinorSubjectLead(t *testing.T) {
	a := claim("a", "https://a.example/1", "en", "Regional president Ada Vance said the plan brings 6.6 billion to the region, with three campuses.", "6.6 billion", 6.6e9, "EUR", "exact")
	a.Subject = "Ada Vance"
	b := claim("b", "https://b.example/1", "en", "Lumen will invest €6.69 billion in three campuses in the region, with 2 GW planned.", "€6.69 billion", 6.69e9, "EUR", "exact")
	b.Subject = "Lumen"
	sb := NewSignature(&b, wordLexicon{}, Story{Topic: []string{"lumen", "aragon"}, Counts: []int{3, 2}})
	minor := NewSignature(&a, wordLexicon{}, Story{Topic: []string{"lumen", "ada", "vance", "aragon"}, Counts: []int{4, 1, 1, 2}})
	if subjectsApart(&minor, &sb) {
		t.Errorf("a figure of a name named once (%v) set apart from the lead's (%v)", minor.subjectNames, sb.subjectNames)
	}
	kept := NewSignature(&a, wordLexicon{}, Story{Topic: []string{"lumen", "ada", "vance", "aragon"}, Counts: []int{4, 2, 2, 2}})
	if !subjectsApart(&kept, &sb) {
		t.Errorf("a figure of a name the article keeps naming (%v) given to the lead too", kept.subjectNames)
	}
}

// TestShareMoveBeside links two outlets' moves of one share told beside what the move did to the
// company's value, one giving the value reached, the other the value added: the share's move
// adds nothing of its own, and the amounts are the company's, not two things the moves are of.
func TestShareMoveBeside(t *testing.T) {
	move := func(id, sentence, surface string, v float64, q string) *Signature {
		c := claim(id, "https://"+id+".example/1", "en", sentence, surface, v, "percent", q)
		c.Subject = "Lumen"
		return signature(c, "lumen", "orbis")
	}
	reached := move("a", "The announcement propelled Lumen's stock up more than 12%, bringing its market capitalization to over $1.5 trillion.", "more than 12%", 12, "more_than")
	added := move("b", "Lumen's stock is up about 10% (adding ~$150 billion to market cap) today.", "about 10%", 10, "approx")
	if added.increment || added.Marks()&markIncrement != 0 {
		t.Error("a share's move read as an addition")
	}
	wantLinked(t, reached, added, "one share's move told beside the value reached and the value added")
}
