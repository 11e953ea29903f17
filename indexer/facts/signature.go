package facts

import (
	"bytes"
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimwire/claimwire"
)

// Term is a content word of a sentence as a Lexicon reads it.
type Term struct {
	// Key is language-neutral: a word and its translation share it ("capacity", "capacité").
	Key string
	// Start and End are byte offsets of the word in the text analysed.
	Start, End int
	// Name marks a word that names a place, body or company even where the language writes it
	// in lower case ("irlandais", "allemand").
	Name bool
	// Measure names what a number next to the word measures ("valuation" for "valorisation"),
	// empty for most words.
	Measure string
	// Increment marks a word that makes the number next to it an addition ("another",
	// "supplémentaires").
	Increment bool
	// Direction is +1 for a word saying the number next to it is a rise ("risen", "hausse"),
	// -1 for a fall ("plunged", "chute"), 0 for most words.
	Direction int
	// Country is the key of the country a word naming a place names or lies in ("Pennsylvania"
	// lies in the United States), empty for other words.
	Country string
	// StandsFor is the key of the government or body a name stands for when it acts
	// ("Bruxelles a approuvé 68 projets": the European Union), empty for other words.
	StandsFor string
}

// Lexicon turns a sentence into its content terms: no stop words, plurals and accents folded,
// and words that name the same thing in French and English given one key.
type Lexicon interface {
	Terms(lang, text string) []Term
	// Rarity weighs a term key by how few claims use it: near 0 for a word of every claim, 1
	// for one no other claim uses. "Magdeburg" says more about a fact than "AI".
	Rarity(key string) float64
}

// companions returns the figures of sentence outside the quantity at [numStart, numEnd) that
// have two significant digits or more, or count a few things (smallCount, in digits or words),
// and a unit word right after them, each as its value and the unit's key: "7 400 mètres carrés
// … et une puissance de 23 MW" gives "23|mw" to the area, "quatre datacenters et 40 000 m2"
// "4|datacenters". Years and bare numbers are left out. others are the values of every number
// of the sentence outside the quantity, years aside, as written with their scale words, in
// order, the first before of them standing before the quantity; restated is the value of the
// figure restating the quantity right after it ("15.7 billion euros ($17.02 billion)" gives
// 17.02e9), original the value of the figure the quantity restates right before it ("€450
// million ($518 million)" gives the $518 million 450e6), 0 when none does. formerly are the
// others the sentence gives as what a revised figure was (formerFigure).
func companions(lang, sentence string, numStart, numEnd int, terms []Term) (out []string, others []float64, before int, restated, original float64, formerly []float64) {
	for i := 0; i < len(sentence); i++ {
		if !isDigit(sentence[i]) || i > 0 && (isDigitOrLetter(sentence[i-1]) || sentence[i-1] == '.' || sentence[i-1] == ',') {
			continue
		}
		j, digits := i, make([]byte, 0, 16)
		for j < len(sentence) {
			switch c := sentence[j]; {
			case isDigit(c):
				digits = append(digits, c)
			case (c == ',' || c == '.') && j+1 < len(sentence) && isDigit(sentence[j+1]):
				digits = append(digits, c)
			case c == ' ' && j+3 < len(sentence) && isDigit(sentence[j+1]) && isDigit(sentence[j+2]) && isDigit(sentence[j+3]) &&
				(j+4 == len(sentence) || !isDigit(sentence[j+4])):
				// "10 000": a thousands separator; the group's digits follow.
			default:
				goto read
			}
			j++
		}
	read:
		start, end := i, j
		i = j
		if end > numStart && start < numEnd || len(digits) == 4 && isYear(string(digits)) || nameNumeral(sentence, start, end, digits) ||
			start > 0 && sentence[start-1] == '[' && end < len(sentence) && sentence[end] == ']' { // a note's number: "homes[2]"
			continue
		}
		v, ok := companionValue(lang, digits)
		if !ok {
			continue
		}
		// A claim's written figure carries its scale word ("$2.7 billion" is 2.7e9), so the
		// sentence's other figures are read with theirs.
		others = append(others, v*scaleAfter(sentence[end:]))
		if formerFigure(sentence, start, end) {
			formerly = append(formerly, others[len(others)-1])
		}
		if restated == 0 && numEnd > numStart && restates(sentence, numEnd, start) {
			restated = others[len(others)-1]
		}
		if end <= numStart {
			original = others[len(others)-1] // the last figure before the quantity, for now
			before++
		}
		if specificity(v) < 0.5 && !smallCount(v) {
			continue
		}
		for _, t := range terms {
			if t.Start >= end && t.Start <= end+2 {
				out = append(out, strconv.FormatFloat(v, 'g', -1, 64)+"|"+t.Key)
				break
			}
		}
	}
	// A count written in words with what it counts: "quatre datacenters", "four data centers".
	for w := range wordsIn(sentence) {
		n, ok := countWords[strings.ToLower(sentence[w[0]:w[1]])]
		if !ok || !smallCount(float64(n)) || w[1] > numStart && w[0] < numEnd {
			continue
		}
		for _, t := range terms {
			if t.Start > w[1] && t.Start <= w[1]+2 {
				out = append(out, strconv.Itoa(n)+"|"+t.Key)
				break
			}
		}
	}
	if !bracketedAfterFigure(sentence, numStart) {
		original = 0
	}
	return out, others, before, restated, original, formerly
}

// formerReach bounds, in bytes either side of a figure, where the words saying it was revised
// may stand.
const formerReach = 40

// formerFigure reports a figure at [start, end) of sentence given as what a revised one was,
// in its clause: "contre 40 % dans le premier accord", "le montant initial promis était de 6,8
// milliards", "originally $10 billion".
func formerFigure(sentence string, start, end int) bool {
	before, after := sentence[max(0, start-formerReach):start], sentence[end:min(len(sentence), end+formerReach)]
	if i := strings.LastIndexAny(before, ".;:()"); i >= 0 {
		before = before[i+1:]
	}
	if i := strings.IndexAny(after, ".;:(),"); i >= 0 {
		after = after[:i]
	}
	return containsAny(strings.ToLower(before+" "+after), formerWords...)
}

// formerWords say a figure was a revised one's first value. Not "initial" alone: "the initial
// 100,000 GPUs" are a first phase, not a figure revised.
var formerWords = []string{"premier accord", "first deal", "first agreement", "initial promis", "initialement promis",
	"initialement prévu", "initially promised", "initially planned", "originally promised", "originally planned",
	"previously agreed", "previously promised"}

// nameNumeral reports a number of one or two digits at [start, end) that numbers the name
// before it, not its sentence's first word, and ends a phrase: "xAI Colossus 2: 1.1 GW". Such a
// numeral is no figure of the sentence. Not a figure a list gives a name: "Microsoft used 22
// billion litres, Google 7 billion".
func nameNumeral(sentence string, start, end int, digits []byte) bool {
	if len(digits) > 2 || start < 2 || sentence[start-1] != ' ' || end < len(sentence) && !strings.ContainsRune(":;,.)»”\"", rune(sentence[end])) {
		return false
	}
	w := strings.LastIndexByte(sentence[:start-1], ' ') + 1
	if w == 0 || !isName(sentence[w:start-1]) {
		return false // the sentence's first word is capitalised whatever it is
	}
	return !strings.ContainsAny(sentence[w:start-1], ".,;:!?)")
}

// bracketedAfterFigure reports a quantity at numStart opening a bracket, or after conversion
// words only ("(about $518 million)"), that closes a figure's words: "€450 million ($518
// million)".
func bracketedAfterFigure(sentence string, numStart int) bool {
	open := strings.LastIndexByte(sentence[:numStart], '(')
	if open < 0 || numStart-open > conversionGap {
		return false
	}
	if p := prevNumber(sentence[:open]); p < 0 || p < open-conversionGap {
		return false
	}
	for _, w := range strings.Fields(sentence[open+1 : numStart]) {
		if !conversionWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// scaleWords are the words after a number that multiply it, lower-cased, longest first where
// one opens another.
var scaleWords = []struct {
	word  string
	scale float64
}{{"trillions", 1e12}, {"trillion", 1e12}, {"billions", 1e9}, {"billion", 1e9}, {"milliards", 1e9}, {"milliard", 1e9},
	{"millions", 1e6}, {"million", 1e6}, {"bn", 1e9}, {"mds", 1e9}, {"md", 1e9}, {"mn", 1e6}}

// scaleAfter returns the power of ten a scale word right after a number gives it ("2.7 billion",
// "2,7 milliards", "$2.7bn"), 1 for none.
func scaleAfter(after string) float64 {
	scale, _ := cutScale(after)
	return scale
}

// cutScale returns the power of ten a scale word opening after gives (spaces before it aside),
// and what follows the word; 1 and after itself for none.
func cutScale(after string) (float64, string) {
	trimmed := strings.TrimLeft(after, " \u00a0\u202f")
	for _, w := range scaleWords {
		if len(trimmed) < len(w.word) || !strings.EqualFold(trimmed[:len(w.word)], w.word) {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(trimmed[len(w.word):]); !unicode.IsLetter(next) {
			return w.scale, trimmed[len(w.word):]
		}
	}
	return 1, after
}

// smallCount reports a count of a few things, 2 to 9: "four data centers" beside an area
// describe one campus, where "10 megawatts" or "300 jobs" are round figures of any story.
func smallCount(v float64) bool { return v >= 2 && v <= 9 && v == math.Trunc(v) }

// wordsIn yields the start and end of each run of letters of s.
func wordsIn(s string) func(yield func([2]int) bool) {
	return func(yield func([2]int) bool) {
		start := -1
		for i, r := range s {
			letter := unicode.IsLetter(r)
			if letter && start < 0 {
				start = i
			} else if !letter && start >= 0 {
				if !yield([2]int{start, i}) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield([2]int{start, len(s)})
		}
	}
}

// companionValue reads digits and their separators (',' or '.') as lang writes numbers: a
// single separator followed by one or two digits is a decimal point ("1,5", "1.5"), others
// separate thousands ("10.000", "1,250,000"), except a single comma in French, which is always
// a decimal one: "12,340 milliards de dollars" is $12.34 billion.
func companionValue(lang string, digits []byte) (float64, bool) {
	if comma, point := bytes.LastIndexByte(digits, ','), bytes.LastIndexByte(digits, '.'); comma >= 0 && point >= 0 {
		// Both separators: the last is the decimal one ("4,563.36", "4.563,36").
		dec := max(comma, point)
		s := strings.NewReplacer(",", "", ".", "").Replace(string(digits[:dec])) + "." + string(digits[dec+1:])
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil
	}
	frenchDecimal := lang == "fr" && bytes.Count(digits, []byte{','}) == 1 && !bytes.ContainsRune(digits, '.')
	s := strings.ReplaceAll(string(digits), ",", ".")
	// Separators of thousands stand before groups of three digits ("10.500", "1.234.567"); a
	// point before more is a decimal one ("9.71467 trillion won").
	if groups := strings.Split(s, "."); len(groups) > 2 || len(groups) == 2 && len(groups[1]) == 3 && !frenchDecimal {
		s = strings.ReplaceAll(s, ".", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// glossaryKey reports a key the lexicon gives a word of its glossary (translations), which
// starts with "~"; other keys are the word's own.
func glossaryKey(key string) bool { return strings.HasPrefix(key, "~") }

// Dimensions of units claims are compared in; a count's dimension also names what is counted.
const (
	dimMoney = "money"
	dimCount = "count"
	// dimHorizon is the span, in months, a plan is spread over: "invest $500 billion in the
	// United States over the next four years" and "will roll out over the next five years".
	dimHorizon = "horizon"
	// dimNone marks a claim no other links to.
	dimNone = ""
)

// storySubjects are the subjects of the extractor's glossary (extractor/data/glossary.yaml)
// that name one story: a call for proposals, a fund, a venture with its own budget. Claims given
// one of them belong to one story whatever else their articles name, where "Nvidia" or "data
// centres" span many stories. Laws and plans that many projects fall under (the Chips Act, the
// AI Act, France 2030) and institutions running many of them (EuroHPC) are not among them.
var storySubjects = map[string]bool{
	"ai-gigafactories": true, "ai-factories": true, "investai": true, "stargate": true, "openeurollm": true,
}

// durations are the units of time spans.
var durations = map[string]bool{
	"years": true, "year": true, "months": true, "month": true, "weeks": true, "week": true, "days": true,
	"day": true, "hours": true, "hour": true, "minutes": true, "ans": true, "années": true, "mois": true,
	"semaines": true, "jours": true, "heures": true, "an": true, "année": true, "jour": true,
}

// Signature is what comparing a claim with another needs, computed once per claim.
type Signature struct {
	ID, URL, Lang string
	Published     time.Time
	// Dim is the unit's dimension: "money", a physical base unit ("W", "Wh", "litres"), a ratio
	// unit ("percent"), or "count".
	Dim string
	// statement is the value as written (see Statement).
	statement StatementKey
	// Currency is a money claim's currency code, empty for others.
	Currency string
	// Metric is the extractor's glossary key ("ai-gigafactories/proposals"), when it names a
	// subject.
	Metric string
	// story is the Metric's subject when it names one story (storySubjects), empty otherwise.
	story string
	// spreadOver is the word naming what a count of places is spread across: "factories" in
	// "24 US factories across 12 states" (spreadWord).
	spreadOver string
	// Counted are keys of what a count counts: the lexicon's key of the unit ("data centers"
	// and "centres de données" alike), the extractor's measure of it (processors and GPUs
	// are both chips), the unit's first letters and its kind (countedKinds).
	Counted [4]string
	// Reading is the claim's value as a reader understands it, in the dimension's base unit.
	Reading Reading
	// native is Reading in the claim's own currency, for comparing it with a claim in the same
	// currency.
	native Reading
	// Year is the year written nearest the number, if close: a share "in 2023" and one "by
	// 2028" are two facts. 0 when none.
	Year int
	// superseded says the figure is a past value its sentence moves on from: an earlier year of
	// a series ("18.6% in 2023 and 12.6% in 2024"), the start of a change ("from 35 gigawatts
	// today to 123 gigawatts"), what another is compared with ("contre 714 MW en 2024"); not the
	// latest value a news story reports.
	superseded bool
	// period is the span of time in months the figure is spread over ("over three years"), 0
	// when none is written.
	period int
	// phase is the stage of a programme the figure belongs to ("the first wave", "la deuxième
	// tranche"), phaseAll for all of its stages ("both waves"), 0 when none is written.
	phase int
	// changeBase is what a change is measured against, written right after it: the quarter
	// before ("up 46% sequentially") or the year before ("un bond de plus de 50% sur un an"); 0
	// when not written.
	changeBase int
	// Terms weighs each content term of the sentence by its closeness to the number; names
	// (capitalised words) weigh double.
	Terms map[string]float64
	// Topic are the keys of what the claim's article is about (Story.Topic), weighted by rarity.
	Topic map[string]float64
	// storyPlaces are the countries the claim's article puts things in (Story.Places).
	storyPlaces []string
	// near are the terms next to the number, which say what it measures ("valuation of",
	// "capacité de"); not words of direction ("rose", "hausse"), which say only which way.
	near map[string]bool
	// increment says the number is an addition to something ("another 700 MW"), not its total.
	increment bool
	// part says the number is a part its sentence sets in a whole ("dont 2,9 milliards",
	// "including $39 billion for construction"), not the whole.
	part bool
	// whole says the number counts all there are ("suppliers across all 50 states", "tous les 27
	// États membres"): any differing count of them is most often a part ("in 20 states").
	whole bool
	// sharePrice says the amount is a share's price, a moment's: two outlets quoting two prices
	// most often quote two moments ("the government's $20.47 entry point", "shares jumped to
	// around $31").
	sharePrice bool
	// shareMove says the percentage is how far a share's price moved ("Lumen shares jumped 4%"):
	// a day's move, like a price a moment's.
	shareMove bool
	// reached says the hedge "as much as" of a share's move tells the peak it reached.
	reached bool
	// headline says the figure is its article's headline's, which leaves out what a figure is
	// that the body says (ShareArticle).
	headline bool
	// powerSlip says an energy unit is written for a power ("sa consommation maximale de 150
	// MWh"): the figure is read as the power it names, and differs from that power written
	// right.
	powerSlip bool
	// expected says the figure is what analysts expected of a result ("beating the consensus
	// of $11.9 billion", "the $12.6 billion expected"): a forecast, not the result.
	expected bool
	// ratioBase is the measure a ratio multiplies, named right after it: "25 fois le chiffre
	// d'affaires" is revenue's, "x30 sur son investissement" the investment's.
	ratioBase string
	// shareOf are the terms of what a share is of, or a ratio multiplies, named right after it:
	// "two-thirds of the money spent", "60% of the working-age population", "three times the
	// original bid price".
	shareOf []string
	// session is the moment of the trading day a share's move or price is told at: its close
	// (most often unsaid), its peak within the day, or before or after the market's hours.
	session tradingSession
	// purpose are the keys of what an amount goes to, from the words after it ("2 billion euros
	// for robotics in farming"); empty when none is written.
	purpose []string
	// target says the share is a goal set ("l'objectif de production de 20 %", "a target of
	// 20%"), not one held.
	target bool
	// perUnit says the figure is a rule of thumb for one unit, or that one unit itself: "one
	// gigawatt can power approximately 1 million homes", "deploying 1GW … could cost around $50
	// billion"; not a fact of the story.
	perUnit bool
	// yearly says a count is a yearly rate: "supporting an average of 2,800 full-time jobs
	// annually", not the jobs a plan creates.
	yearly bool
	// soFar says the amount is what has been spent so far ("a déjà investi plus de 4,7
	// milliards", "has already poured in $7.3 billion"), not what is planned.
	soFar bool
	// total says a sum is called a total in its clause: a running total ("bringing total spend
	// to $160 billion") and a total told without its history ("Lumen's total investment is now
	// $165 billion") are one total.
	total bool
	// global says the figure is the world's ("global investment forecasts of $2 trillion",
	// "la demande mondiale"), not a place's.
	global bool
	// now says the figure is today's ("now account for 21%", "actuellement"), whatever year the
	// article does not write.
	now bool
	// worthNow says a sum is what a holding is worth today ("that stake is now worth $13.9
	// billion"), which moves with the market away from what was paid for it.
	worthNow bool
	// models are the names holding digits next to the number or in it: what it counts or
	// dates ("50,000 H100s", "Q1 revenue").
	models []string
	// direction is +1 when the number is a rise ("risen 18%"), -1 a fall ("a fall of 17%"), 0
	// when no word next to it says.
	direction int
	// measures name what the number measures, read from the words next to it and the
	// extractor's measure ("valuation", "subsidy"); empty when none is known.
	measures map[string]bool
	// kind says a measure is a kind of another ("jobs/permanent", "funding round/debt").
	kind bool
	// kinds says the figure's own words name two kinds of its measure, and so the whole:
	// "$10 Billion in Debt and Equity".
	kinds bool
	// subjectNames are the keys of the names in the extractor's subject: whose figure it is.
	subjectNames []string
	// names counts the distinct names of the sentence: one of a list of several ("Microsoft,
	// Google, Amazon.com, and Meta Platforms") is a poor guess of whose a figure is.
	names int
	// holder are the keys of the other words of the extractor's subject: what holds a share
	// ("rural homes", "les fermes laitières").
	holder []string
	// places are the keys of the names the number's clause puts it in or at ("a facility in
	// Narvik, Norway", "au Texas"): where the figure is.
	places []string
	// placeCountries are the countries of places: Narvik's Norway, Texas's United States.
	placeCountries []string
	// subjectPlaces are the places the extractor gives the figure to: "North Wales is in line
	// for more than 3,400 new jobs".
	subjectPlaces []string
	// nearNames are the keys of the names within placeReach of the number, on its side of any
	// bracket, colon or semicolon: a place another figure is put in is this one's too when
	// named near it, not when named for another of the sentence's figures ("15 datacenters en
	// Europe … un datacenter de 100 MW en région parisienne", "eight datacentres in France (of
	// which six are in the Paris area)").
	nearNames []string
	// nearCountries are those of nearNames that name a country or a region of one.
	nearCountries []string
	// companions are the sentence's other uncommon figures, each with the key of its unit
	// ("19|mw"): two sentences giving one beside close figures of theirs speak of one thing.
	companions []string
	// others are the values of the sentence's other numbers, as written: a sentence giving the
	// figure of another's claim elsewhere states that one apart from its own (besideOther).
	others []float64
	// formerly are the others given as what a revised figure was: "33 % des coûts, contre 40 %
	// dans le premier accord".
	formerly []float64
	// former says the figure is itself what a revised one was: the 40 % of that sentence.
	former bool
	// othersBefore is how many of others stand before the figure: its place among the
	// sentence's numbers.
	othersBefore int
	// restatedAs is the figure that restates this one right after it, as written: an
	// article's own conversion ("15.7 billion euros ($17.02 billion)"), 0 when none does.
	restatedAs float64
	// restates is the figure this one restates right before it, as written: "€450 million
	// ($518 million)" for the $518 million, 0 when it restates none.
	restates float64
	// fromTitle are the keys of Terms only the headline gives.
	fromTitle map[string]bool
	// yearPart is the part of its year the figure is reported for: a quarter (1 to 4) or a
	// half-year (firstHalf, secondHalf); 0 when none is written.
	yearPart int
	// words are the terms as the sentence writes them, for explanations.
	words map[string]string
	norm  float64
	// sentence and the number's offsets in it, for telling two numbers of one sentence apart
	// (twoInOneSentence) and an article's own conversion of a figure next to it (converts).
	sentence         string
	numStart, numEnd int
	// article are the signatures of the claim's article, itself among them, when read
	// together (ShareArticle).
	article []*Signature
	// label is what a list item names its figure's ("Lumen" in "- Lumen: 50,000 GPUs"), "" for
	// none (listLabel).
	label string
}

// proximityScale is the distance in words at which a term's weight halves: the words next to a
// number say what it measures, the rest of the sentence only sets the scene.
const proximityScale = 6.0

// multiplying reports a word that makes a number a ratio ("multipliée par trois", "four times",
// "tenfold", the extractor's "multiple"): the unit of a ratio, which two ratios of anything share.
func multiplying(word string) bool {
	w := strings.ToLower(word)
	return strings.HasPrefix(w, "multipl") || w == "fois" || w == "times" || strings.HasSuffix(w, "fold")
}

// changedByReach is how many terms before a figure of "by" the verb moving it is looked for:
// "reduced carbon emissions from its data centers by 12 percent".
const changedByReach = 8

// changeVerbs move a figure up or down by the amount after "by", lower-cased: words the
// lexicon leaves without a direction because they also raise funds or cut ribbons.
var changeVerbs = map[string]int{"raise": 1, "raises": 1, "raised": 1, "raising": 1, "boost": 1, "boosts": 1,
	"boosted": 1, "boosting": 1, "lift": 1, "lifts": 1, "lifted": 1, "lifting": 1, "cut": -1, "cuts": -1,
	"cutting": -1, "lowering": -1, "lowered": -1, "trimmed": -1, "trimming": -1, "slashed": -1, "slashing": -1}

// verbOfChange returns the way a verb of change in the clause before a figure of "by" moves it:
// "raising Britain's electricity demand by 1.7%" is a rise, "cut its costs by 12%" a fall.
func verbOfChange(before string) int {
	if i := strings.LastIndexAny(before, ",;:()"); i >= 0 {
		before = before[i+1:]
	}
	var buf [changedByReach]string
	words := lastWords(before, buf[:])
	for i := len(words) - 1; i >= 0; i-- {
		if d := changeVerbs[strings.ToLower(words[i])]; d != 0 {
			return d
		}
	}
	return 0
}

// changedBy reports a figure given as the amount of a change: "by 12 percent".
func changedBy(before string) bool {
	var buf [1]string
	last := lastWords(before, buf[:])
	return len(last) == 1 && strings.EqualFold(last[0], "by")
}

// nearReach is how many terms from a number its measure is looked for: the words that say what
// it measures, and the words naming a measure (Term.Measure).
const nearReach = 3

func (s *Signature) addMeasure(m string) {
	if m == chargeMeasure && s.Dim != dimMoney {
		return // "une charge IT de 40 MW" is a load, not an accounting charge
	}
	if s.measures == nil {
		s.measures = make(map[string]bool, 1)
	}
	s.measures[m] = true
}

// idiomIn reports the extractor's measure word t read in its sentence as an idiom naming no
// measure: the "part" of "Amazon a promis pour sa part jusqu'à 8 milliards" is no share.
func idiomIn(sentence []Term, t Term) bool {
	found := false
	for _, o := range sentence {
		if o.Key == t.Key {
			if o.Measure != "" {
				return false
			}
			found = true
		}
	}
	return found
}

// extractorMeasures name measures in the extractor's Measure, where the lexicon leaves them
// out for their other senses in a sentence: the extractor's "sales" of "sales of H20 products
// were $4.6 billion" is the products' revenue, not "the sale of its campus" nor "salles".
var extractorMeasures = map[string]string{"sales": "revenue", "ventes": "revenue"}

// chargeMeasure is the measure of an accounting charge ("a $4.5 billion charge"), which only
// money has: French calls a data centre's load its "charge IT".
const chargeMeasure = "charge"

// outOfAfter reports a total right after a count, which makes the count a part of it: "11 of
// 38 buildings", "seven of its 30 planned buildings", "7 sur 30 bâtiments", "three of the four
// work programmes", "seize des 27 États membres".
func outOfAfter(after string) bool {
	var buf [4]string
	words := firstWords(after, buf[:])
	i := 0
	switch {
	case len(words) > 0 && (strings.EqualFold(words[0], "of") || strings.EqualFold(words[0], "sur") || strings.EqualFold(words[0], "des")):
		i = 1
	case len(words) > 1 && strings.EqualFold(words[0], "out") && strings.EqualFold(words[1], "of"):
		i = 2
	default:
		return false
	}
	if i < len(words) && totalDeterminers[strings.ToLower(words[i])] {
		i++
	}
	return i < len(words) && (isDigit(words[i][0]) || numberWord(strings.ToLower(words[i])))
}

// outOfWithin reports a surface that holds its total after its count, as the extractor reads
// "three of the four work programmes" whole.
func outOfWithin(surface string) bool {
	_, rest, ok := strings.Cut(strings.TrimSpace(surface), " ")
	return ok && outOfAfter(rest)
}

// totalDeterminers may stand between "of" and a total: "seven of its 30 buildings".
var totalDeterminers = map[string]bool{"its": true, "the": true, "their": true, "ses": true, "les": true, "leurs": true}

// jobsMeasure is the measure of a count of jobs.
const jobsMeasure = "jobs"

// buildingSiteAfter reports jobs a clause gives to a build, in its first words after them:
// "jobs during a 10-15 year construction process", "to support the construction", "emplois
// pendant les travaux".
func buildingSiteAfter(after string) bool {
	var buf [siteReach]string
	during := false
	for _, raw := range firstWords(after, buf[:]) {
		w := strings.ToLower(strings.Trim(raw, ",.;:()"))
		switch {
		case duringWords[w]:
			during = true
		case during && buildWords[w]:
			return true
		}
		if strings.ContainsAny(raw, ";:") {
			break // the clause ends
		}
	}
	return false
}

// siteReach is how many words after a count of jobs buildingSiteAfter reads.
const siteReach = 8

// duringWords open what a count of jobs is for; buildWords name a build.
var (
	duringWords = map[string]bool{"during": true, "support": true, "throughout": true, "pendant": true, "durant": true, "lors": true}
	buildWords  = map[string]bool{"construction": true, "build": true, "buildout": true, "chantier": true, "travaux": true}
)

// nearKind is a kind of a measure (jobs/permanent) named near a figure, d terms from it.
type nearKind struct {
	measure string
	d       float64
}

// addNearKinds adds the kinds of measures named near a figure. Kinds of one measure on both
// sides of it are its neighbours' too, and the nearest says: in "raise $4.3 billion through an
// equity investment on top of its $5 billion debt funding" the $5 billion is debt. Kinds on one
// side are named together: "$10 billion in debt and equity".
func (s *Signature) addNearKinds(kinds []nearKind) {
	for i, k := range kinds {
		parent, _, _ := strings.Cut(k.measure, "/")
		nearest, bothSides := true, false
		for j, o := range kinds {
			if j == i || !strings.HasPrefix(o.measure, parent+"/") {
				continue
			}
			if (o.d < 0) != (k.d < 0) {
				bothSides = true
			}
			if math.Abs(o.d) < math.Abs(k.d) || math.Abs(o.d) == math.Abs(k.d) && j < i {
				nearest = false
			}
		}
		if !bothSides || nearest {
			s.addMeasure(k.measure)
		}
	}
}

// settleKinds leaves a figure the most precise reading of its measures: "$5 billion debt raise"
// is a debt's, not any raise's, so a kind drops the measure it is a kind of; "$10 billion of
// debt and equity" names two kinds of one raise, and so the raise itself.
func (s *Signature) settleKinds() {
	var kinds map[string]int // parent → kinds of it named
	for m := range s.measures {
		if parent, _, ok := strings.Cut(m, "/"); ok {
			if kinds == nil {
				kinds = make(map[string]int, 1)
			}
			kinds[parent]++
		}
	}
	for parent, n := range kinds {
		if n == 1 {
			delete(s.measures, parent)
			s.kind = true
			continue
		}
		for m := range s.measures {
			if strings.HasPrefix(m, parent+"/") {
				delete(s.measures, m)
			}
		}
		s.measures[parent] = true
		s.kinds = true
	}
}

// ShareArticle gives each of one article's signatures the others, and each headline figure the
// kinds of measure its body names for the same figure: the headline's "350 milliards de
// dollars de valorisation" is the body's "valorisation pre-money de 350 milliards de dollars", a
// valuation before the round.
func ShareArticle(article []*Signature) {
	for _, s := range article {
		s.article = article
	}
	for _, h := range article {
		if !h.headline || h.kinds {
			continue // a headline naming two kinds is the whole, whatever part the body names
		}
		for _, b := range article {
			if b.headline || b.Dim != h.Dim || b.Currency != h.Currency || b.Reading.Written != h.Reading.Written {
				continue
			}
			for m := range b.measures {
				if parent, _, ok := strings.Cut(m, "/"); ok && (len(h.measures) == 0 || h.measures[parent]) {
					h.addMeasure(m)
				}
			}
		}
		h.settleKinds()
	}
}

// incrementReach is how many terms from a number a word making it an addition is looked for:
// "another 700 MW", "50 000 GPU supplémentaires", "900 millions d'euros d'investissements
// supplémentaires" (after the quantity, its own words are not counted).
const incrementReach = 2

// otherInQuantity reports a quantity counting others than a thing named: "three other states",
// "two others".
func otherInQuantity(surface string) bool {
	for _, w := range strings.Fields(strings.ToLower(surface)) {
		if w == "other" || w == "others" {
			return true
		}
	}
	return false
}

// preposedIncrements make an addition of the noun they stand before ("another 700 MW", "deux
// autres contrats"), never of a figure before them: "4,6 milliards d'euros et l'autre en
// Israël" names another investment.
var preposedIncrements = map[string]bool{"another": true, "other": true, "others": true, "autre": true, "autres": true}

// addedTo reports whether the words between an addition's verb and a number make the number
// what is added to: "s'ajouter aux 85 centres", "adding to its 85 data centres". Not a hedge:
// "adding up to 700 MW", "ajouter jusqu'à 700 MW".
func addedTo(between string) bool {
	prev := ""
	for _, w := range strings.FieldsFunc(strings.ToLower(between), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "to", "à", "aux", "au":
			if prev != "up" && prev != "jusqu" {
				return true
			}
		}
		prev = w
	}
	return false
}

// addVerbs are the forms of "add" that make a figure an addition unless it goes to a grid.
var addVerbs = map[string]bool{"add": true, "adds": true, "adding": true, "ajouter": true, "ajoute": true,
	"ajoutera": true, "ajouteront": true, "ajoutant": true}

// gridDestination is a figure's clause sending it on to a grid: a plant that "would add 835 MW
// of power over 20 years to the area grid" gives its whole capacity, not more of something told
// elsewhere; so does one set to "ajouter 1,2 GW au réseau".
var gridDestination = regexp.MustCompile(`^[^.;]{0,60}?(?:\b(?:to|into|onto)\b[^.;]{0,40}\bgrids?\b|\b(?:au|sur le|dans le) réseau\b)`)

// toTheGrid reports the clause after a figure sending it to a grid (gridDestination).
func toTheGrid(after string) bool {
	return gridDestination.MatchString(strings.ToLower(after[:min(len(after), 120)]))
}

// nearerAnother reports a word at [start, end) of sentence that stands nearer another number
// than the quantity at [numStart, numEnd), whose measure it then says: "raised" in "invested
// $400 million in Lumen, which had raised $1.1 billion" is the $1.1 billion's; so is a word
// after the quantity with another number between them: "debt funding" in "raise $4.3 billion
// through an equity investment on top of its $5 billion debt funding" is the $5 billion's. Not
// one before: "Revenue rose 69% to $44 billion" is revenue's.
//
// A year is no such number: "capital expenditure" in "raised its 2025 capital expenditure
// guidance to $66 billion" is the $66 billion's.
func nearerAnother(sentence string, start, end, numStart, numEnd int) bool {
	if start >= numEnd {
		// Or the list's next item, with a figure of its own: "capital spending of $70B-$72B, and
		// total expenses to be in the range of $116B-$118B". Or the word another number
		// counts, right after it, though it reads as a year: "5 milliards d'euros et générera
		// 2000 emplois".
		next := nextNumber(sentence[end:])
		between := sentence[numEnd:start]
		return next >= 0 && (next < start-numEnd || listJoin(between)) || numberIn(between) || countRightBefore(between)
	}
	// Not a term opening the list's next item, ours: "$66B-$72B, and total expenses to be in the
	// range of $116B-$118B". Nor one another figure stands after, a clause break past that
	// figure before ours: "increase its US investment by $100bn, constructing five new advanced
	// fabrication plants" (not "Revenue rose 69% to $44 billion").
	if end > numStart {
		return false // a term running into the quantity
	}
	if between := sentence[end:numStart]; numberIn(between) {
		if last := prevNumber(between); last >= 0 && strings.ContainsAny(between[last:], ",;:") {
			return true
		}
	}
	prev := prevNumber(sentence[:start])
	if prev >= 0 && ofFigure(sentence[prev+1:start]) {
		return true // "$27bn of debt plus $1.5bn of equity": the debt is the $27bn's
	}
	return prev >= 0 && start-prev-1 < numStart-end && !itemOpens(sentence[prev+1:start])
}

// ofFigure reports text, from a figure's last digit to a term, that only ends the figure with
// its scale word ("bn", " billion") and joins the term to it: " of ", " in ", " de ", " d'":
// the term is that figure's.
func ofFigure(text string) bool {
	scale, text := cutScale(text)
	if scale == 1 {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "of", "in", "de", "d'", "d’", "en":
		return strings.HasPrefix(text, " ")
	}
	return false
}

// countRightBefore reports text ending in a number, written in digits alone, and a space: the
// number counts the word after it ("2000 emplois"), whatever year it reads as. Not a model's
// number ("GB300 systems").
func countRightBefore(text string) bool {
	trimmed := strings.TrimRight(text, " ")
	if len(trimmed) == len(text) {
		return false
	}
	last := trimmed[strings.LastIndexByte(trimmed, ' ')+1:]
	return last != "" && allDigits(last)
}

// itemOpens reports text after a figure ending in a conjunction, or one and a determiner, that
// opens a list's next item: "B, and ", " et la ".
func itemOpens(between string) bool {
	words := strings.Fields(strings.ToLower(between))
	if n := len(words); n > 0 && listDeterminers[words[n-1]] {
		words = words[:n-1]
	}
	n := len(words)
	return n > 0 && (words[n-1] == "and" || words[n-1] == "et")
}

// listDeterminers may follow the conjunction opening a list's item.
var listDeterminers = map[string]bool{"the": true, "its": true, "their": true, "le": true, "la": true, "les": true, "l'": true,
	"son": true, "sa": true, "ses": true, "leur": true, "leurs": true}

// nextNumber returns where the first number of s that is neither a year nor a date's day
// starts, or -1.
func nextNumber(s string) int {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if (!isYear(s[i:j]) || i > 0 && isDigit(s[i-1])) && !dayOfMonth(s, i, j) {
			return i
		}
		i = j
	}
	return -1
}

// prevNumber returns where the last number of s that is neither a year nor a date's day ends
// (its last digit), or -1.
func prevNumber(s string) int {
	for j := len(s) - 1; j >= 0; j-- {
		if !isDigit(s[j]) {
			continue
		}
		i := j
		for i > 0 && isDigit(s[i-1]) {
			i--
		}
		if (!isYear(s[i:j+1]) || j+1 < len(s) && isDigit(s[j+1])) && !dayOfMonth(s, i, j+1) {
			return j
		}
		j = i
	}
	return -1
}

// numberIn reports a number standing in s outside brackets, which hold the same figure in
// another unit ("1.7 billion euro ($2 billion) Series C funding round"): a digit that starts no
// word's tail, as "300" in "GB300" does, and no year.
func numberIn(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		}
		if depth > 0 || !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsLetter(r) && !isYear(s[i:j]) && !dayOfMonth(s, i, j) {
			return true
		}
	}
	return false
}

// dayOfMonth reports the number at s[i:j] as a date's day: "Jan. 30", "le 30 janvier".
func dayOfMonth(s string, i, j int) bool {
	var before, after [1]string
	b, a := lastWords(s[:i], before[:]), firstWords(s[j:], after[:])
	return len(b) == 1 && monthWords[strings.Trim(strings.ToLower(b[0]), ".,")] ||
		len(a) == 1 && monthWords[strings.Trim(strings.ToLower(a[0]), ".,")]
}

// monthWords are the months, English abbreviations with them.
var monthWords = func() map[string]bool {
	m := map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
		"sep": true, "sept": true, "oct": true, "nov": true, "dec": true}
	for _, w := range strings.Fields(`january february march april may june july august september october november
		december janvier février mars avril mai juin juillet août septembre octobre novembre décembre`) {
		m[w] = true
	}
	return m
}()

// placeReach is how many terms from its number a place may stand: "52,000 GPUs from a
// facility in Narvik".
const placeReach = 8

// placePrepositions put what follows them in a place.
var placePrepositions = []string{" in", " at", " across", " throughout", " near", " en", " à", " au", " aux", " dans", " près de"}

// placeBefore reports a name t that follows a preposition of place, or a comma after a place
// already read ("in Narvik, Norway"), right after term prev (a zero Term at the sentence's
// start).
func placeBefore(sentence string, prev, t Term, places []string) bool {
	if prev.Key != "" && strings.TrimSpace(sentence[prev.End:t.Start]) == "," && slices.Contains(places, prev.Key) {
		// A region or country the lexicon knows after a town ("in Narvik, Norway"), not any
		// name after a comma ("in Poland, Iliad, with the help of").
		return glossaryKey(t.Key)
	}
	// From the term before, which may be the preposition itself ("across", "near").
	gap := " " + strings.TrimRight(strings.ToLower(sentence[prev.Start:t.Start]), " ")
	for _, article := range []string{" the", " le", " la", " les"} {
		gap = strings.TrimSuffix(gap, article)
	}
	for _, p := range placePrepositions {
		if strings.HasSuffix(gap, p) {
			return true
		}
	}
	return false
}

// nameGoesOn reports a name term i that another name follows at once: "Texas" of "Texas
// Instruments" names no place.
func nameGoesOn(sentence string, terms []Term, i int) bool {
	if i+1 >= len(terms) {
		return false
	}
	next := terms[i+1]
	return sentence[terms[i].End:next.Start] == " " && (next.Name || isName(sentence[next.Start:next.End])) &&
		next.Country == "" && !calendar[strings.ToLower(sentence[next.Start:next.End])]
}

// epithetSubject reports a subject naming a company by what it makes or who leads it, not by
// its name: "the Sam Altman company", "the ChatGPT maker", "le créateur de ChatGPT". Its names
// describe; the company is the story's.
func epithetSubject(subject string) bool {
	words := strings.Fields(subject)
	if len(words) < 2 {
		return false
	}
	if head := words[len(words)-1]; epithetHeads[strings.ToLower(head)] && !isName(head) {
		// A capital makes the head part of a name: "Lumen Orbis Manufacturing Company".
		return true
	}
	for i, w := range words[:2] {
		words[i] = strings.ToLower(w)
	}
	return epithetHeads[words[0]] && (words[1] == "de" || words[1] == "du" || strings.HasPrefix(words[1], "d'") ||
		strings.HasPrefix(words[1], "d’"))
}

// epithetOpens reports a sentence whose first words are an epithet: "The company employs more
// than 2,500", "La start-up a levé", whatever the extractor took for the figure's subject.
func epithetOpens(sentence string) bool {
	var buf [2]string
	words := firstWords(sentence, buf[:])
	if len(words) < 2 {
		return false
	}
	switch strings.ToLower(words[0]) {
	case "the", "le", "la":
		return epithetHeads[strings.ToLower(strings.Trim(words[1], ",;:"))]
	}
	return false
}

// initials returns the capitals opening the words of a name of three words or more, most of
// them capitalised ("Taiwan Semiconductor Manufacturing Company", "Banque européenne
// d'investissement" is too few), or "".
func initials(name string) string {
	var b strings.Builder
	words := strings.Fields(name)
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() < 3 || 2*b.Len() < len(words) {
		return ""
	}
	return b.String()
}

// isAcronym reports a word of two capitals or more and no small letter: "TSMC", "EIB".
func isAcronym(w string) bool {
	capitals := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			capitals++
		}
	}
	return capitals >= 2
}

// acronymKey returns the initials of c's subject and their key, when its article's topic holds
// them: the acronym the article uses for the name it spells out.
func acronymKey(c *claimwire.Claim, lex Lexicon, topic map[string]float64) (acronym, key string, ok bool) {
	acronym = initials(c.Subject)
	if acronym == "" {
		return "", "", false
	}
	terms := lex.Terms(c.Lang, acronym)
	if len(terms) != 1 {
		return "", "", false
	}
	_, ok = topic[terms[0].Key]
	return acronym, terms[0].Key, ok
}

// observerSubject reports a subject naming who expected a result, not whose it is: "Wall
// Street" in "le chiffre d'affaires a atteint 12,34 milliards, dépassant les attentes de Wall
// Street", "analysts", "le consensus".
func observerSubject(subject string) bool {
	words := strings.Fields(strings.ToLower(subject))
	return len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return !observerWords[w] })
}

// observerWords name those who expect a company's results.
var observerWords = map[string]bool{"wall": true, "street": true, "analysts": true, "analyst": true, "analystes": true,
	"analyste": true, "consensus": true, "lseg": true, "factset": true, "market": true, "marché": true, "le": true,
	"les": true, "the": true}

// epithetHeads are the nouns of a company's epithet.
var epithetHeads = map[string]bool{"maker": true, "developer": true, "creator": true, "company": true, "firm": true,
	"parent": true, "owner": true, "startup": true, "start-up": true, "chipmaker": true, "designer": true,
	"créateur": true, "fabricant": true, "concepteur": true, "éditeur": true, "propriétaire": true, "développeur": true}

// ratioBaseReach bounds, in bytes after a ratio, where the measure it multiplies may stand.
const ratioBaseReach = 30

// shareOfAfter returns the keys of the first terms after "of" or "de" right after a share, or
// right after a ratio (direct), up to shareOfTerms of them within its clause: what the share is
// of, what the ratio multiplies ("three times the original bid price").
func shareOfAfter(sentence string, numEnd int, terms []Term, direct bool) []string {
	var buf [3]string
	words := firstWords(sentence[numEnd:], buf[:1])
	if len(words) == 0 {
		return nil
	}
	link, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(words[0]), "’", "'"), "'") // "d'électricité"
	if !direct && !shareLinks[link] {
		return nil
	}
	end := baseEnd(sentence, numEnd)
	var keys []string
	for _, t := range terms {
		if t.Start >= numEnd && t.End <= end && len(keys) < shareOfTerms {
			keys = append(keys, t.Key)
		}
	}
	return keys
}

// shareOfTerms is how many terms after a share name what it is of.
const shareOfTerms = 2

// shareLinks open what a share is of.
var shareLinks = map[string]bool{"of": true, "de": true, "du": true, "des": true, "d": true}

// baseEnd is where the words naming what a ratio or a share is of, after the figure ending at
// numEnd, stop: the clause's end or ratioBaseReach bytes on.
func baseEnd(sentence string, numEnd int) int {
	end := min(len(sentence), numEnd+ratioBaseReach)
	if i := strings.IndexAny(sentence[numEnd:end], ",;:()"); i >= 0 {
		end = numEnd + i
	}
	return end
}

// ratioBaseAfter returns the measure of the first term naming one right after a ratio ending at
// numEnd, within its clause and ratioBaseReach: "environ 25 fois le chiffre d'affaires",
// "x30 sur son investissement", "ten times its revenue".
func ratioBaseAfter(sentence string, numEnd int, terms []Term) string {
	end := baseEnd(sentence, numEnd)
	for _, t := range terms {
		if t.Start >= numEnd && t.End <= end && t.Measure != "" {
			return t.Measure
		}
	}
	return ""
}

// comparedNameReach bounds, in bytes, how far before a name the word comparing with it stands.
const comparedNameReach = 30

// comparedName reports a name the sentence sets its subject against, not its subject: "plus
// puissant que celui de La Courneuve", "larger than Vela's", "qui rappelle la Tour Lumen par sa
// silhouette".
func comparedName(sentence string, terms []Term, key string) bool {
	i := slices.IndexFunc(terms, func(t Term) bool { return t.Key == key })
	if i < 0 {
		return false
	}
	before := strings.ToLower(sentence[max(0, terms[i].Start-comparedNameReach):terms[i].Start])
	if j := strings.LastIndexAny(before, ",;:("); j >= 0 {
		before = before[j+1:]
	}
	return containsAny(" "+before, " than ", " que ", " qu'", " qu’", " rappelle ", " ressemble ", " resembles ", " resembling ",
		" reminiscent of ")
}

// countryPlaced reports a country the sentence names after a preposition of place: "en
// Pologne", "in Spain".
func countryPlaced(sentence string, terms []Term, key string) bool {
	i := slices.IndexFunc(terms, func(t Term) bool { return t.Key == key })
	if i < 0 {
		return false
	}
	return placeBefore(sentence, termBefore(terms, i), terms[i], nil)
}

// termBefore returns the term before terms[i], the zero Term for the first: the sentence's
// start stands before it.
func termBefore(terms []Term, i int) Term {
	if i == 0 {
		return Term{}
	}
	return terms[i-1]
}

// townBefore reports a name followed by a comma and a region the lexicon knows: the town of
// "Narvik, Norway" and "Abilene, Texas", whatever word comes before it ("ship to Microsoft's
// Narvik, Norway campus").
func townBefore(sentence string, terms []Term, i int) bool {
	if i+1 >= len(terms) {
		return false
	}
	t, next := terms[i], terms[i+1]
	return glossaryKey(next.Key) && !glossaryKey(t.Key) && strings.TrimSpace(sentence[t.End:next.Start]) == "," &&
		isName(sentence[next.Start:next.End])
}

// townPlaced reports a town the sentence puts the figure in, after a preposition of place and
// named with its region: "three new fabrication plants in Phoenix, Arizona" are where they
// are, not Phoenix's.
func townPlaced(sentence string, terms []Term, places []string, key string) bool {
	if !slices.Contains(places, key) {
		return false
	}
	for i, t := range terms {
		if t.Key == key && townBefore(sentence, terms, i) && placeBefore(sentence, termBefore(terms, i), t, nil) {
			return true
		}
	}
	return false
}

// labels reports a place ending at end that heads the figure at numStart as a colon's label:
// "Loughton, England: 23,000 GPUs".
func labels(sentence string, end, numStart int) bool {
	if end > numStart {
		return false
	}
	between, ok := strings.CutSuffix(strings.TrimSpace(sentence[end:numStart]), ":")
	return ok && !strings.ContainsAny(between, ";:()0123456789")
}

// amountWords only say that an amount follows, whatever it is of: "£25 billion worth of new
// investment" and "gains could be worth up to £47 billion" stand next to no common measure.
var amountWords = map[string]bool{"worth": true}

// rankCeiling bounds the numbers read as a rank: no list of the top anything runs to a thousand.
const rankCeiling = 1000

// rankBefore reports a number that gives a rank: "the top five".
func rankBefore(before string) bool {
	var buf [1]string
	words := lastWords(before, buf[:])
	return len(words) == 1 && strings.EqualFold(strings.Trim(words[0], "«“\"("), "top")
}

// crossesClause reports a semicolon, a colon or another number between the text at [start,
// end) and the number, as a list has between its items: in "12,600 GPUs in Portugal by early
// 2026, 23,000 GPUs in Loughton" Portugal is the 12,600's, in "15 datacenters en Europe (8 en
// France…" France is the 8's. A number inside a word ("GB300", "240MW") is a name or an
// attribute, not another item.
func crossesClause(sentence string, start, end, numStart, numEnd int) bool {
	lo, hi := end, numStart
	if start >= numEnd {
		lo, hi = numEnd, start
	}
	if lo >= hi {
		return false
	}
	between := sentence[lo:hi]
	if strings.ContainsAny(between, ";:()") {
		return true // a bracket holds its own places: "in France (of which six are in Paris)"
	}
	for _, w := range strings.Fields(strings.ToLower(between)) {
		if numberWord(strings.Trim(w, ",.")) {
			return true // "six are in Paris and the seven it has in Poland"
		}
	}
	for i := 0; i < len(between); i++ {
		if !isDigit(between[i]) || i > 0 && !strings.ContainsRune(" (", rune(between[i-1])) {
			continue
		}
		j := i
		for j < len(between) && (isDigit(between[j]) || between[j] == ',' || between[j] == '.') {
			j++
		}
		if j == len(between) || strings.ContainsRune(" ),", rune(between[j])) || between[j-1] == ',' || between[j-1] == '.' {
			return true
		}
		i = j
	}
	return false
}

// listJoin reports text that joins a list's items: "et", ", and the".
func listJoin(between string) bool {
	joined := false
	for _, w := range strings.Fields(strings.ToLower(between)) {
		switch w = strings.Trim(w, ","); w {
		case "and", "et":
			joined = true
		case "", "the", "le", "la", "les":
		default:
			return false
		}
	}
	return joined || strings.TrimSpace(between) == ","
}

// bracketBetween reports a bracket, a colon or a semicolon between the text at [start, end) and
// the number: a whole and its breakdown stand on either side ("15 datacenters en Europe (8 en
// France et 7 en Pologne)", "15 sites in Europe: 8 in France").
func bracketBetween(sentence string, start, end, numStart, numEnd int) bool {
	if start >= numEnd {
		return strings.ContainsAny(sentence[numEnd:start], "():;")
	}
	return strings.ContainsAny(sentence[end:numStart], "():;")
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// spreadWord returns the word naming what a count of places is spread across, lower-cased:
// "factories" in "24 US factories across 12 states", "service" in "content production for its
// streaming service across 20 states"; "" when nothing spread precedes the figure.
func spreadWord(before string) string {
	lower := strings.ToLower(strings.TrimRight(before, " \u00a0"))
	for _, p := range spreadPhrases {
		if rest, ok := strings.CutSuffix(lower, p); ok {
			var buf [1]string
			if w := lastWords(rest, buf[:]); len(w) == 1 {
				return strings.Trim(w[0], ",.;:()'’")
			}
		}
	}
	return ""
}

// spreadPhrases stand between what is spread and the count of places it is spread across.
var spreadPhrases = []string{" across", " à travers", " répartis sur", " réparties sur", " répartis dans", " réparties dans"}

// lastWords fills dst with the last words of s, split at spaces, in text order, and returns the
// filled part: a figure's few words before it, read without splitting the whole sentence.
func lastWords(s string, dst []string) []string {
	i, end := len(dst), len(s)
	for i > 0 {
		for end > 0 && isSpace(s[end-1]) {
			end--
		}
		if end == 0 {
			break
		}
		start := end
		for start > 0 && !isSpace(s[start-1]) {
			start--
		}
		i--
		dst[i], end = s[start:end], start
	}
	return dst[i:]
}

// firstWords fills dst with the first words of s, split at spaces, and returns the filled part.
func firstWords(s string, dst []string) []string {
	n, start := 0, 0
	for n < len(dst) {
		for start < len(s) && isSpace(s[start]) {
			start++
		}
		if start == len(s) {
			break
		}
		end := start
		for end < len(s) && !isSpace(s[end]) {
			end++
		}
		dst[n], start = s[start:end], end
		n++
	}
	return dst[:n]
}

// isSpace reports the ASCII white space that separates a sentence's words.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// placedFigureBefore reports another figure right before the preposition that ends before: in
// "8 en France et 7 en Pologne" France is the 8's, not the 7's. A year is no such figure ("In
// 2023 in France, data centres used…").
func placedFigureBefore(before string) bool {
	var buf [3]string
	words := lastWords(before, buf[:])
	if len(words) < 2 {
		return false
	}
	for _, w := range words[:len(words)-1] { // before the preposition
		w = strings.Trim(strings.ToLower(w), "([,.")
		if numberWord(w) || w != "" && isDigit(w[0]) && !(len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))) {
			return true
		}
	}
	return false
}

// numberWord reports a number a list writes in words, lower-cased: "six", "seven"; not the
// French articles "un" and "une".
func numberWord(w string) bool {
	_, ok := countWords[w]
	return ok && w != "un" && w != "une"
}

// partBefore reports a figure its sentence gives as a part of a whole, right after "dont" or
// "of which", or after "including", "comprend" and the like once the sentence has given a
// figure: "investir 6,4 milliards d'euros, dont 2,9 milliards", "the $52 billion includes $39
// billion". Not "an increase in investments, including $60 billion to $65 billion in capex",
// which states the whole.
func partBefore(before string) bool {
	var buf [3]string
	words := lastWords(before, buf[:])
	n := len(words)
	if n > 0 && partDeterminers[strings.ToLower(words[n-1])] {
		n-- // "dont les 3,4 millions de m²", "including the $39 billion"
	}
	words = words[:n]
	if n == 0 {
		return false
	}
	switch last := strings.Trim(strings.ToLower(words[n-1]), ",("); {
	case last == "dont", last == "which" && n > 1 && strings.EqualFold(words[n-2], "of"):
		return true
	case inclusionWords[last]:
		return numberIn(before) // "legislation signed on Jan. 30 that included $44 million" gives no whole
	}
	return false
}

// partDeterminers may stand between a word of inclusion and the part: "dont les", "including its".
var partDeterminers = map[string]bool{"the": true, "its": true, "their": true, "le": true, "la": true, "les": true,
	"ses": true, "son": true, "sa": true, "leurs": true}

// sharePriceCeiling bounds the amounts read as a share's price in a sentence speaking of
// shares: no stock trades at ten thousand of its currency, and no deal is that small.
const sharePriceCeiling = 10_000

// tradingSession is a moment of a trading day.
type tradingSession uint8

const (
	sessionClose      tradingSession = iota // the day's move or price as the market closed, or unsaid
	sessionIntraday                         // a peak or a point within the day
	sessionPremarket                        // before the market opens
	sessionAfterHours                       // after the market closes
	sessionYear                             // since the year began
	sessionDays                             // over several days: "a two-day gain of 14%"
	sessionDay                              // the day's move, the day named: "rose 2.5% Friday"
)

// sessionNear reads the moment of the trading day a figure's clause tells: "a bondi de plus de
// 37 % avant de corriger", "was up 35% in early trading", "rose as much as 9%" are points within
// the day, "climbed 4% in premarket trading" one before it, "up 24% so far this year" the
// year's; a bare move is the day's.
func sessionNear(before, after string) tradingSession {
	if s := sessionIn(strings.ToLower(after[:min(len(after), sessionReach)]), intradayAfter); s != sessionClose {
		return s
	}
	start := max(0, strings.LastIndexAny(before, ",;:(")+1)
	if start > 0 && start-1 <= sessionOpenerReach && !strings.ContainsAny(before[:start-1], ",;:(0123456789") {
		// A short phrase opening the sentence sets the moment of its main clause: "In
		// after-hours trading, Alphabet shares rose", "En milieu de matinée, l'action gagnait".
		start = 0
	}
	clause, reach := strings.ToLower(before[start:]), sessionReach
	opened := strings.TrimLeft(clause, " ")
	if start > 0 && slices.ContainsFunc(parallelOpeners, func(p string) bool { return strings.HasPrefix(opened, p) }) {
		// A clause set beside the one before tells a move of the same moment: "Intel's
		// shares soar over 24% in pre-market trading, while Nvidia gains about 2%".
		start = max(0, strings.LastIndexAny(before[:start-1], ",;:(")+1)
		clause, reach = strings.ToLower(before[start:]), 2*sessionReach
	}
	clause = clause[max(0, len(clause)-reach):]
	// Several days' move is told in the figure's own clause: "with a cumulative gain of 14%",
	// "+18 % sur deux séances"; not "surged 4%, closing at a record high — its best two-day rally".
	head := after[:min(len(after), sessionReach)]
	if i := strings.IndexAny(head, ",;:(—–"); i >= 0 {
		head = head[:i]
	}
	if containsAny(clause, severalDaysWords...) || containsAny(strings.ToLower(head), severalDaysWords...) {
		return sessionDays
	}
	session := sessionIn(clause, intradayBefore)
	if session == sessionClose && (namesWeekday(clause) || namesWeekday(strings.ToLower(head))) {
		return sessionDay
	}
	return session
}

// namesWeekday reports a lower-cased text naming a day of the week: "rose more than 2.5%
// Friday", "a bondi lundi".
func namesWeekday(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if weekdays[w] {
			return true
		}
	}
	return false
}

// weekdays are the days of the week in both languages, lower-cased.
var weekdays = wordSet(englishWeekdays, frenchWeekdays)

// parallelOpeners open a clause set beside the one before it, lower-cased.
var parallelOpeners = []string{"while ", "whereas ", "tandis que ", "tandis qu'", "tandis qu’", "alors que ", "alors qu'", "alors qu’"}

// sessionIn reads the moment a lower-cased text tells, intraday its words for a point within
// the day on its side of the figure.
func sessionIn(text string, intraday []string) tradingSession {
	switch {
	case containsAny(text, yearToDateWords...):
		return sessionYear
	case containsAny(text, premarketWords...):
		return sessionPremarket
	case containsAny(text, afterHoursWords...):
		return sessionAfterHours
	case containsAny(text, intraday...):
		return sessionIntraday
	}
	return sessionClose
}

// sessionReach bounds, in bytes, the text on each side of a figure sessionNear reads.
const sessionReach = 60

// sessionOpenerReach bounds, in bytes, a phrase opening a sentence that sessionNear reads as
// the moment of its main clause.
const sessionOpenerReach = 40

// severalDaysWords tell a share's move over several trading days: "its best two-day rally, with
// a cumulative gain of 14%", "+18 % sur deux séances".
var severalDaysWords = []string{"cumulative", "cumulé", "two-day", "three-day", "over two days", "over three days",
	"in two days", "this week", "over the week", "sur deux séances", "en deux séances", "sur trois séances",
	"sur deux jours", "en deux jours", "cette semaine", "sur la semaine"}

// premarketWords tell a move before the market opens.
var premarketWords = []string{"premarket", "pre-market", "préouverture", "pré-ouverture", "pré-marché", "avant-bourse",
	"avant bourse", "before the bell", "before the open", "ahead of the open", "avant l'ouverture", "avant l’ouverture"}

// afterHoursWords tell a move after the market closes.
var afterHoursWords = []string{"after-hours", "after hours", "extended trading", "après-bours", "après bours",
	"hors séance", "after the bell", "after the close", "après la clôture", "après-clôture", "d'après-clôture"}

// yearToDateWords tell a share's move since the year began: "qui gagnait déjà 24% depuis le
// début de l'année", "up 24% so far this year".
var yearToDateWords = []string{"year to date", "year-to-date", "so far this year", "this year", "since january",
	"depuis le début de l'année", "depuis le début de l’année", "depuis janvier", "cette année", "depuis le 1er janvier"}

// intradayAfter, right after a figure, tell a point within the trading day.
var intradayAfter = []string{"intraday", "in early trading", "in morning trading", "in early deals",
	"at one point", "at its peak", "before paring", "before easing", "before giving back", "before settling",
	"before closing", "before retreating", "en début de séance", "en cours de séance", "en séance",
	"avant de corriger", "avant de refluer", "avant de se replier", "avant de reculer", "avant de revenir",
	"avant de clôturer", "avant de terminer", "au plus haut", "à son plus haut"}

// intradayBefore, in a figure's clause before it, tell a point within the trading day.
var intradayBefore = []string{"intraday", "as much as", "at one point", "in early trading", "jusqu'à", "jusqu’à",
	"à un moment", "au plus fort", "en début de séance", "en cours de séance", "en milieu de séance", "en matinée",
	"en milieu de matinée", "mid-morning", "in midday trading", "in morning trading"}

// speaksOfShares reports a sentence about shares or their trading: "Intel shares jumped 24% to
// around $31", "l'action a clôturé à 164,42 dollars". French singulars are read in phrases:
// "cours" and "titre" alone say "au cours de", "à titre d'exemple" as often.
func speaksOfShares(sentence string) bool {
	for w := range strings.FieldsFuncSeq(sentence, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) < 5 || len(w) > 7 {
			continue // shorter or longer than any of the words below: no lower-casing
		}
		switch strings.ToLower(w) {
		case "share", "shares", "stock", "stocks", "actions", "titres":
			return true
		}
	}
	return containsAny(strings.ToLower(sentence), "l'action", "l’action", "son action", "leur action", "par action", "le titre ", "du titre", "son titre", "un cours de", "cours de bourse",
		"is trading at", "was trading at", "traded at", "trades at", "closed at", "closing at", "closing price", "se négocie à",
		"s'échange à", "s’échange à", "clôtur", "a high of", "a low of", "intraday high", "plus haut de", "plus bas de")
}

// alreadyNear reports "already" or "déjà" among the few words of a figure's clause before it, or
// right after it: "a déjà investi plus de 4,7 milliards", "has already poured in $7.3 billion",
// "with $1.7 billion already raised".
func alreadyNear(before, after string) bool {
	var buf [1]string
	if first := firstWords(after, buf[:]); len(first) == 1 && alreadyWords[strings.ToLower(first[0])] {
		return true
	}
	if clauseWordBefore(before, alreadyWords) {
		return true
	}
	// "over $3 billion to date", "has so far invested $2 billion", "1 milliard à ce jour".
	head := strings.ToLower(strings.TrimLeft(after[:min(len(after), 24)], " "))
	tail := strings.ToLower(before[max(0, len(before)-32):])
	if i := strings.LastIndexAny(tail, ",;:()"); i >= 0 {
		tail = tail[i+1:]
	}
	for _, p := range soFarPhrases {
		if strings.HasPrefix(head, p) || strings.Contains(tail, p) {
			return true
		}
	}
	return sinceBefore(before) || sinceAfter(after)
}

// sinceReach bounds how far before a figure a span it is counted over may open.
const sinceReach = 64

// sinceBefore reports a span of time opening shortly before a figure and running to now, which
// makes it a running total: "Since 2010, Lumen has invested $26 billion", "depuis sa création,
// Lumen a levé 1 milliard".
func sinceBefore(before string) bool {
	tail := strings.ToLower(before[max(0, len(before)-sinceReach):])
	if strings.ContainsAny(tail, ";()") {
		return false
	}
	for _, w := range sinceWords {
		if i := strings.LastIndex(tail, w); i >= 0 && (i == 0 || isSpace(tail[i-1])) && sinceStart(tail[i+len(w):]) && !recordBefore(tail[:i]) {
			return true
		}
	}
	return false
}

// recordBefore reports a superlative in the last words before "since": "its best day since
// 1998, adding $30 billion" and "sa plus forte hausse depuis 2001" compare a day with the years
// before it, and count nothing since.
func recordBefore(before string) bool {
	var buf [3]string
	for _, w := range lastWords(before, buf[:]) {
		if recordWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// sinceWords open a span of time running to now, lower-cased, with the space after them.
var sinceWords = [...]string{"since ", "depuis "}

// recordSince reports a year a record is compared with, right after "since": "the biggest
// single-day gain since 1992" dates no figure to 1992.
func recordSince(before string) bool {
	lower := strings.ToLower(before)
	for _, w := range sinceWords {
		if rest, ok := strings.CutSuffix(lower, w); ok {
			return recordBefore(rest)
		}
	}
	return false
}

// recordWords are the superlatives of records, lower-cased.
var recordWords = map[string]bool{"best": true, "worst": true, "biggest": true, "largest": true, "highest": true,
	"lowest": true, "strongest": true, "weakest": true, "steepest": true, "sharpest": true, "first": true,
	"meilleure": true, "meilleur": true, "pire": true, "plus": true, "record": true, "première": true, "premier": true}

// sinceAfter reports a span of time running to now named right after a figure, in its clause:
// "11 Mds EUR investis en Belgique depuis l'ouverture de son premier centre", "$26 billion
// since 2010". Not after a comma: "$20 billion, its largest outlay since 2010".
func sinceAfter(after string) bool {
	head := clauseHead(after, sinceReach)
	for _, w := range []string{" since ", " depuis "} {
		if i := strings.Index(head, w); i >= 0 && sinceStart(head[i+len(w):]) {
			return true
		}
	}
	return false
}

// clauseHead returns the text after a figure up to reach bytes, lower-cased, cut where its
// clause ends.
func clauseHead(after string, reach int) string {
	head := strings.ToLower(after[:min(len(after), reach)])
	if i := strings.IndexAny(head, ",;:()"); i >= 0 {
		head = head[:i]
	}
	return head
}

// sinceStart reports the beginning a running total is counted from, opening s: a year or a
// month, a founding, an opening ("since 2010", "since January 2025", "depuis sa création",
// "since opening its first site").
func sinceStart(s string) bool {
	var buf [2]string
	next := firstWords(s, buf[:])
	if len(next) == 0 {
		return false
	}
	first := strings.ToLower(strings.Trim(next[0], ",."))
	return isYear(first) || months[first] || sinceFirstWords[first] || len(next) == 2 && sinceStarts[first+" "+strings.ToLower(strings.Trim(next[1], ",."))]
}

// sinceStarts are the beginnings a running total is counted from, in two words; sinceFirstWords
// in one.
var (
	sinceStarts = map[string]bool{"its founding": true, "its inception": true, "its creation": true, "sa création": true,
		"sa fondation": true, "ses débuts": true, "its arrival": true, "it opened": true, "the opening": true,
		"son arrivée": true, "son implantation": true, "la construction": true, "la création": true}
	sinceFirstWords = map[string]bool{"opening": true, "launching": true, "entering": true, "l'ouverture": true,
		"l’ouverture": true, "l'arrivée": true, "l’arrivée": true, "l'implantation": true, "l’implantation": true}
)

// soFarPhrases say a figure is reached so far, before or right after it.
var soFarPhrases = []string{"to date", "so far", "à ce jour", "jusqu'ici", "jusqu'à présent", "jusqu’ici", "jusqu’à présent"}

// includedAfter reports a measure word said to be included in the figure, which is then its
// whole, not that measure: "90 millions d'euros (dette incluse)", "$2 billion, debt included".
func includedAfter(after string) bool {
	var buf [1]string
	first := firstWords(after, buf[:])
	return len(first) == 1 && includedWords[strings.Trim(strings.ToLower(first[0]), ",.;:()")]
}

// includedWords follow what a figure includes.
var includedWords = map[string]bool{"incluse": true, "inclus": true, "incluses": true, "included": true, "comprise": true, "compris": true}

// alreadyWords say a figure is reached so far.
var alreadyWords = map[string]bool{"already": true, "déjà": true}

// cumulativeNear reports a figure its clause makes the running total: "bringing its total
// funding to $1.1 billion", "ce qui porte à 240 millions d'euros le total de ses fonds". A
// round and the total raised in all rounds are two facts, as are money spent so far and a plan.
func cumulativeNear(before, after string) bool {
	var buf [8]string
	last := lastWords(before, buf[:])
	bring, total := false, false
	for i := len(last) - 1; i >= 0; i-- {
		w := strings.ToLower(last[i])
		if strings.ContainsAny(w, ",;:()") && i < len(last)-1 {
			break
		}
		w = strings.Trim(w, ",;:()")
		bring = bring || bringWords[w]
		total = total || totalWords[w]
	}
	if !bring {
		return false
	}
	var after4 [4]string
	for _, w := range firstWords(after, after4[:]) {
		if strings.ContainsAny(w, ",;:()") {
			break
		}
		total = total || totalWords[strings.ToLower(w)]
	}
	return total
}

// bringWords lead to a new running total; totalWords name it.
var (
	bringWords = map[string]bool{"bringing": true, "brings": true, "brought": true, "taking": true, "takes": true,
		"raises": true, "raised": true, "raising": true, "lifts": true, "lifted": true, "lifting": true, "boosts": true,
		"boosted": true, "boosting": true, "portant": true, "porte": true, "portera": true, "porté": true, "portée": true}
	totalWords = map[string]bool{"total": true, "totale": true, "overall": true, "cumulative": true, "cumulé": true, "cumulés": true}
)

// headcountUnits are the counted words a headcount may be given in, lower-cased.
var headcountUnits = map[string]bool{"people": true, "persons": true, "personnes": true}

// employWords say a company employs the people counted right after them.
var employWords = map[string]bool{"employs": true, "employed": true, "employing": true, "employ": true,
	"emploie": true, "emploient": true, "employait": true, "employaient": true, "emploierait": true}

// holdWords say their subject holds the share right after them, a stake: "Orbis holds 8% of
// Lumen", "Orbis détient plus de 40 % des actions de Lumen".
var holdWords = map[string]bool{"hold": true, "holds": true, "held": true, "own": true, "owns": true, "owned": true,
	"détient": true, "détenait": true, "détiennent": true, "détiendra": true, "détiendrait": true, "détiendront": true,
	"possède": true, "possédait": true, "possèdent": true, "possédera": true, "posséderait": true,
	"détenant": true, "possédant": true, "owning": true}

// holdingBefore reports a verb of holding right before a figure, or before an adverb right
// before it: "détenant probablement 4% ou plus de la société", "already owns 10%".
func holdingBefore(before string) bool {
	var buf [2]string
	last := lastWords(before, buf[:])
	if len(last) == 2 && holdWords[strings.ToLower(last[0])] && adverb(strings.ToLower(last[1])) {
		return true
	}
	return wordBefore(before, holdWords)
}

// adverb reports a word made an adverb by its ending, or one of a few short ones.
func adverb(w string) bool {
	return strings.HasSuffix(w, "ment") || strings.HasSuffix(w, "ly") && len(w) > 4 || w == "déjà" || w == "already" || w == "still" || w == "encore"
}

// wordBefore reports one of words, lower-cased, as the last word before a figure: a verb of
// employing ("Intel employed 109,800 people", "Lumen emploie 2 000 personnes"), of holding.
func wordBefore(before string, words map[string]bool) bool {
	var buf [1]string
	last := lastWords(before, buf[:])
	return len(last) == 1 && words[strings.ToLower(last[0])]
}

// clauseWordBefore reports one of words among the last four words of before, in the figure's
// clause (no comma, semicolon, colon or bracket between).
func clauseWordBefore(before string, words map[string]bool) bool {
	return clauseWordWithin(before, words, 4)
}

// clauseWordWithin is clauseWordBefore looking back n words, at most 8.
func clauseWordWithin(before string, words map[string]bool, n int) bool {
	var buf [8]string
	last := lastWords(before, buf[:min(n, len(buf))])
	for i := len(last) - 1; i >= 0; i-- {
		w := strings.ToLower(last[i])
		if strings.ContainsAny(w, ",;:()") {
			return false
		}
		if words[w] {
			return true
		}
	}
	return false
}

// targetWords name a goal among the few words of a figure's clause before it (clauseWordBefore):
// "l'objectif de production de 20 % des puces", "a target of 20%", "aims to reach 20%", a
// company's guidance ("une fourchette de prévision de 9 à 11 %").
var targetWords = map[string]bool{"target": true, "targets": true, "targeting": true, "targeted": true, "goal": true,
	"goals": true, "aim": true, "aims": true, "aiming": true, "ambition": true, "objective": true, "objectif": true,
	"l'objectif": true, "l’objectif": true, "objectifs": true, "cible": true, "vise": true, "visant": true,
	"viser": true, "ambitionne": true, "guidance": true, "fourchette": true}

// expectedNear reports a figure analysts expected of a result, as the few words of its clause
// around it say: "beating the consensus of $11.9 billion", "versus the Wall Street estimated
// $12.5 billion", "the $12.6 billion expected", "12,62 milliards anticipés par les
// analystes", "surpassing the anticipated $11.8 billion". Not a plan expected to happen ("$10
// billion expected to be invested") nor a hedge ("an estimated $60 million").
func expectedNear(before, after string) bool {
	var buf [5]string
	last := lastWords(before, buf[:])
	cue, estimate := false, false
	for i := len(last) - 1; i >= 0; i-- {
		if strings.ContainsAny(last[i], ",;:()") && i < len(last)-1 {
			break
		}
		w := strings.ToLower(strings.Trim(last[i], ",;:()"))
		for _, possessive := range [...]string{"'s", "’s", "'", "’"} {
			w = strings.TrimSuffix(w, possessive)
		}
		switch {
		case expectationWords[w]:
			return true
		case estimateWords[w]:
			estimate = estimate || !(i > 0 && strings.EqualFold(last[i-1], "an"))
		case comparisonCues[w]:
			cue = true
		}
	}
	if estimate && cue || len(last) >= 2 && beatingWords[strings.ToLower(last[len(last)-2])] && strings.EqualFold(last[len(last)-1], "the") {
		// What a result beats is what was expected of it: "beating the $11.9 billion
		// pencilled in".
		return true
	}
	var next [3]string
	first := firstWords(after, next[:])
	if len(first) == 0 {
		return false
	}
	w := strings.ToLower(strings.Trim(first[0], ",;:.()"))
	if expectedAfter[w] {
		return len(first) < 2 || !strings.EqualFold(first[1], "to") // not "expected to be invested"
	}
	return estimateWords[w] && (cue || estimate)
}

// expectationWords name analysts' expectations before a figure, whatever else the clause says.
var expectationWords = map[string]bool{"consensus": true, "expectations": true, "attentes": true, "anticipated": true,
	"anticipés": true, "anticipé": true, "anticipée": true, "anticipées": true, "escomptés": true, "escompté": true,
	"escomptée": true, "escomptées": true, "anticipe": true, "anticipent": true, "anticipait": true, "anticipaient": true,
	"tablait": true, "tablaient": true, "tablent": true, "attendait": true, "attendaient": true}

// estimateWords name an estimate; analysts' only beside a comparison or an analyst
// (comparisonCues): "beating estimates of", "Wall Street estimated".
var estimateWords = map[string]bool{"estimate": true, "estimates": true, "estimated": true, "expected": true,
	"forecast": true, "estimations": true, "estimation": true, "prévisions": true, "previsions": true, "projections": true}

// comparisonCues set a result against what was expected of it, or name who expected it.
var comparisonCues = map[string]bool{"analyst": true, "analysts": true, "analyste": true, "analystes": true, "street": true,
	"lseg": true, "factset": true, "zacks": true, "beat": true, "beating": true, "beats": true, "missed": true, "missing": true,
	"misses": true, "topped": true, "topping": true, "exceeding": true, "surpassing": true, "above": true, "below": true,
	"versus": true, "vs": true, "vs.": true, "shy": true, "ahead": true, "dépassant": true, "depassant": true, "surpassant": true,
	"battant": true, "contre": true, "au-delà": true, "marché": true, "market": true}

// beatingWords set a result against what was expected of it, named right after them.
var beatingWords = map[string]bool{"beat": true, "beating": true, "beats": true, "missed": true, "missing": true,
	"misses": true, "topped": true, "topping": true}

// expectedAfter are the participles right after a figure that say it was expected: "the
// $12.6 billion expected", "12,62 milliards anticipés par les analystes".
var expectedAfter = map[string]bool{"expected": true, "anticipated": true, "anticipés": true, "anticipées": true,
	"anticipé": true, "anticipée": true, "attendus": true, "attendues": true, "escomptés": true, "escomptées": true,
	"estimated": true}

// corporateSuffixes end company names without telling companies apart, lower-cased.
var corporateSuffixes = map[string]bool{"corp": true, "corp.": true, "corporation": true, "co": true, "co.": true,
	"inc": true, "inc.": true, "ltd": true, "ltd.": true, "llc": true, "plc": true, "group": true, "groupe": true,
	"holdings": true, "sa": true, "sas": true, "ag": true, "gmbh": true, "nv": true, "limited": true, "company": true}

// totalNear reports a figure its sentence gives as a total: "totals about 1.2 trillion yen",
// "reaching JPY1.2 trillion in total", "au total, 24 000 m²", "un total de 12 sites"; a
// differing figure not given as one is most often a part.
func totalNear(before, after string) bool {
	if togetherOpens(before) {
		return true
	}
	lower := strings.ToLower(after[:min(len(after), totalReach)])
	if strings.HasPrefix(lower, " in total") || strings.HasPrefix(lower, " au total") || strings.HasPrefix(lower, " en tout") {
		return true
	}
	if countingThose(after) {
		return true
	}
	var buf [3]string
	for _, w := range lastWords(before, buf[:]) {
		switch strings.ToLower(strings.Trim(w, ",")) {
		case "totals", "totalling", "totaling", "totalise", "totalisant":
			return true
		}
	}
	b := strings.ToLower(before[max(0, len(before)-totalReach):])
	return strings.HasSuffix(b, "a total of ") || strings.HasSuffix(b, "un total de ") || strings.HasSuffix(b, "au total, ") ||
		strings.HasSuffix(b, "au total ") || strings.HasSuffix(b, "in total, ")
}

// totalSumBefore reports a sum of money its sentence calls total before it: "a planned total
// budget of €7.5 billion", "une enveloppe totale de 2 milliards". Not a capacity or an area: "a
// total capacity of 2.3 GW" sums the plants another outlet's "2.2 GW capacity" sums too, and
// totalNear's whole would tell the two apart.
func totalSumBefore(before string) bool {
	var buf [3]string
	words := lastWords(before, buf[:])
	if len(words) < 3 {
		return false
	}
	first, second, last := strings.ToLower(words[0]), strings.ToLower(words[1]), strings.ToLower(words[2])
	return first == "total" && last == "of" || (second == "total" || second == "totale") && last == "de"
}

// togetherOpeners open a sentence giving the sum of several things named in it: "Together the
// two machines would give … more than 40,000 accelerators", "À eux deux, les sites …".
var togetherOpeners = []string{"together", "taken together", "combined,", "à eux deux", "à elles deux", "à eux trois", "à elles trois", "ensemble,"}

// togetherOpens reports a sentence opening with a togetherOpener before its figure: a sum of
// parts, which a differing figure of one of them is not.
func togetherOpens(before string) bool {
	lower := strings.ToLower(strings.TrimSpace(before))
	for _, o := range togetherOpeners {
		if strings.HasPrefix(lower, o) {
			return true
		}
	}
	return false
}

// countingThose reports a figure its clause's next words say counts another's among it: "9 000
// emplois directs et indirects, en comptant ceux liés aux futurs centres de données", "3,000
// jobs, including those at the new campus".
func countingThose(after string) bool {
	head := strings.ToLower(after[:min(len(after), countingReach)])
	for _, p := range []string{", en comptant ceux", ", en comptant celles", ", y compris ceux", ", y compris celles",
		", including those", ", counting those"} {
		if i := strings.Index(head, p); i >= 0 && !strings.ContainsAny(head[:i], ",;:()") {
			return true
		}
	}
	return false
}

// countingReach bounds, in bytes, how far after a figure countingThose looks: past the words
// of its unit ("emplois directs et indirects").
const countingReach = 64

// totalReach bounds, in bytes, how far from a figure totalNear looks.
const totalReach = 16

// allBefore reports a figure right after "all" or its French forms: "all 50 states", "toutes
// les 12 régions", "l'ensemble des 27 pays".
func allBefore(before string) bool {
	switch prev, last := lastTwoWords(before); last {
	case "all":
		return true
	case "les":
		return prev == "tous" || prev == "toutes"
	case "des":
		return strings.HasSuffix(prev, "ensemble")
	}
	return false
}

// milestoneBefore reports a figure something is heading for, not at: "pushed the company
// toward a $200 billion valuation", "within range of a $200 billion valuation", "nearing 1
// gigawatt". Its market value that day ("a $184 billion market capitalization") is another
// figure.
func milestoneBefore(before string) bool {
	var buf [3]string
	words := lastWords(before, buf[:])
	if n := len(words); n > 0 && articles[strings.ToLower(words[n-1])] {
		words = words[:n-1] // "toward a $200 billion valuation"
	} else if n == 3 {
		words = words[1:]
	}
	if len(words) == 0 {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	return milestoneWords[last] || last == "of" && len(words) == 2 && strings.EqualFold(words[0], "range")
}

// articles may stand between a word and the figure it introduces.
var articles = map[string]bool{"a": true, "an": true, "the": true}

// raiseSoughtBefore reports money a company seeks to raise, not money raised: "Lumen is in
// talks to raise at least $3 billion", "une opération destinée à récolter 2,5 milliards".
// The round closed may raise more or less.
func raiseSoughtBefore(before string) bool {
	var buf [6]string
	words := lastWords(before, buf[:])
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.ToLower(strings.Trim(words[i], ",;:()"))
		if strings.ContainsAny(words[i], ",;:()") && i < len(words)-1 {
			return false
		}
		if !raisingVerbs[w] {
			continue
		}
		return slices.ContainsFunc(words[:i], func(v string) bool { return seekingWords[strings.ToLower(v)] })
	}
	return false
}

// raisingVerbs raise money, in their infinitive: what is sought.
var raisingVerbs = map[string]bool{"raise": true, "lever": true, "récolter": true, "collecter": true}

// seekingWords say a raise is sought, before its verb.
var seekingWords = map[string]bool{"talks": true, "seeking": true, "seeks": true, "seek": true, "aims": true, "aiming": true,
	"looking": true, "plans": true, "planning": true, "hopes": true, "hoping": true, "destinée": true, "destiné": true,
	"cherche": true, "vise": true, "visant": true, "souhaite": true, "discussions": true, "négociations": true, "compte": true}

// milestoneWords stand before a figure something is heading for.
var milestoneWords = map[string]bool{"toward": true, "towards": true, "approaching": true, "nearing": true, "nears": true}

// lastTwoWords returns the last two words of s, lower-cased; "" for a word s lacks.
func lastTwoWords(s string) (prev, last string) {
	var buf [2]string
	words := lastWords(s, buf[:])
	switch len(words) {
	case 2:
		return strings.ToLower(words[0]), strings.ToLower(words[1])
	case 1:
		return "", strings.ToLower(words[0])
	}
	return "", ""
}

// initialNear reports a figure its clause calls the first of what follows: "a plongé d'emblée de
// près de 11%", "$100 billion immediately", "dans un premier temps", "starting with 2 GW". A
// share's move so called is a moment within its session; no other figure is told apart by it,
// since another outlet gives the same first instalment without the word.
func initialNear(before, after string) bool {
	if clauseWordBefore(before, initialWords) {
		return true
	}
	if prev, last := lastTwoWords(before); startingWords[prev] && (last == "with" || last == "par") {
		return true // "starting with 2 GW by 2030", "à commencer par 500 MW"
	}
	var buf [5]string
	words := firstWords(after, buf[:])
	for i, w := range words[:min(len(words), 4)] {
		w = strings.ToLower(w)
		if initialWords[strings.Trim(w, ",.;:()")] {
			return true
		}
		if w == "premier" || w == "first" {
			// "dans un premier temps", "at first"; not the period a figure is of: "une charge
			// de 5,5 milliards au premier trimestre", "in the first quarter".
			return i+1 == len(words) || !periodWords[strings.ToLower(strings.Trim(words[i+1], ",.;:()"))]
		}
		if strings.ContainsAny(w, ",;:()") {
			break
		}
	}
	return false
}

// periodWords name a period after "first" or "premier": the figure is that period's.
var periodWords = map[string]bool{"quarter": true, "half": true, "year": true, "month": true, "week": true,
	"trimestre": true, "semestre": true, "mois": true, "exercice": true, "semaine": true}

// startingWords open the first step of a plan before "with" or "par".
var startingWords = map[string]bool{"starting": true, "beginning": true, "commencer": true, "commençant": true}

// initialWords call a figure a first instalment.
var initialWords = map[string]bool{"initial": true, "initially": true, "immediately": true, "upfront": true,
	"initiale": true, "initialement": true, "immédiatement": true, "d'emblée": true, "d’emblée": true}

// eachAfter reports a figure given for each of several things, a part of their sum: "raises $5
// billion each in debt and equity", "deux réacteurs de 1,6 GW chacun".
func eachAfter(after string) bool {
	var buf [1]string
	words := firstWords(after, buf[:])
	if len(words) == 0 {
		return false
	}
	switch strings.Trim(strings.ToLower(words[0]), ",.;:()") {
	case "each", "apiece", "chacun", "chacune":
		return true
	}
	return false
}

// partOfAfter reports an amount its sentence then puts in a larger one: "earmarked about ₹5,000
// crore … as part of its ₹10,000 crore-plus mission", "5 millions d'euros dans le cadre d'un plan
// de 30 millions".
func partOfAfter(after string) bool {
	lower := strings.ToLower(after)
	for _, m := range partOfWords {
		if i := strings.Index(lower, m); i >= 0 {
			rest := after[i+len(m):]
			return numberIn(rest[:min(len(rest), partOfReach)])
		}
	}
	return false
}

// breakdownAfter reports an amount given a purpose and followed, in its clause, by "and" (or
// "et", or a comma) and another amount: "approximately $150 billion in domestic memory
// manufacturing and $50 billion in R&D", "150 milliards seront consacrés à la production, et 50
// milliards à la R&D", "271 millions sont apportés par l'Union, 8 millions par les Pays-Bas".
// The amounts split a whole the sentence need not give; each is a part of it. Not a range
// ("between $91 billion and $93 billion") nor two amounts with no purpose between them.
func breakdownAfter(before, after string) bool {
	if clauseWordBefore(before, rangeOpeners) {
		return false
	}
	lower := strings.ToLower(after[:min(len(after), breakdownReach)])
	for _, and := range []string{" and ", " et ", ", "} {
		for from := 0; ; {
			i := strings.Index(lower[from:], and)
			if i < 0 {
				break
			}
			i += from
			gap := strings.TrimRight(lower[:i], " ,")
			if strings.ContainsAny(gap, ";:()") || len(strings.Fields(gap)) < 2 || slices.ContainsFunc(strings.Fields(gap), func(w string) bool { return inclusionWords[w] || w == "dont" }) {
				break // "invest over $13 billion, including $1.5 billion … and $550 million": the parts are this amount's
			}
			if amountAt(lower[i+len(and):]) {
				return true
			}
			from = i + len(and)
		}
	}
	return false
}

// partsAfter reports an amount its clause goes on to split: "will invest over USD 13 billion
// in these projects, including USD 1.5 billion from the CHIPS Act", "6,4 milliards d'euros,
// dont 2,9 milliards pour les entrepôts". It is the whole of those parts.
func partsAfter(after string) bool {
	lower := strings.ToLower(after[:min(len(after), breakdownReach)])
	for _, w := range []string{", including ", ", dont ", ", y compris ", ", of which "} {
		if i := strings.Index(lower, w); i >= 0 && !strings.ContainsAny(lower[:i], ";:()") && amountAt(strings.TrimPrefix(lower[i+len(w):], "the ")) {
			return true
		}
	}
	return false
}

// breakdownBefore reports the second amount of a breakdown (breakdownAfter): "… and $50
// billion in R&D", ", et 50 milliards à la R&D", "and another USD 50 billion committed to R&D".
func breakdownBefore(before string) bool {
	var buf [3]string
	words := lastWords(before, buf[:])
	n := len(words)
	for n > 0 && anotherWords[strings.ToLower(words[n-1])] {
		n--
	}
	if n == 0 || words[n-1] != "and" && words[n-1] != "et" {
		return false
	}
	window := strings.ToLower(before[max(0, len(before)-breakdownReach):])
	return !containsAny(window, ";", ":", "(", "between", "entre") &&
		containsAny(window, "$", "€", "£", "usd", "eur", "billion", "million", "milliard", "bn")
}

// purposeOpeners open what an amount goes to, after it: "€6 billion to support electronics",
// "2 milliards d'euros pour l'agriculture".
var purposeOpeners = [...]string{" in ", " into ", " for ", " to ", " towards ", " on ", " pour ", " dans ", " à ", " au ", " aux "}

// purposeReach bounds, in bytes after an amount, where the word opening its purpose may stand:
// past its own complement ("of investment", "d'investissements") and no further.
const purposeReach = 30

// purposeTerms is how many terms after the opener say what the amount goes to.
const purposeTerms = 4

// purposeKeys returns the keys of the first terms of what the amount ending at numEnd goes to,
// within its clause. A phrase holding a measure is the amount's own complement ("in planned
// investments", "in state aid"), a phrase of time words says when ("for their current fiscal
// years"): what the amount goes to is the first phrase after them. Names place a figure rather
// than say what it buys.
func purposeKeys(sentence string, numEnd int, terms []Term) []string {
	after := sentence[numEnd:]
	end := len(after)
	if i := strings.IndexAny(after, ",;:()"); i >= 0 {
		end = i
	}
	lower := " " + strings.ToLower(after[:end])
	for _, w := range clauseOpeners {
		if i := strings.Index(lower, w); i >= 0 {
			lower = lower[:i]
		}
	}
	end = max(0, len(lower)-1)
	var cuts []int // where each phrase opens, in after
	for i := 0; i < len(lower); i++ {
		if lower[i] != ' ' {
			continue // every opener starts with a space
		}
		for _, w := range purposeOpeners {
			if strings.HasPrefix(lower[i:], w) {
				cuts = append(cuts, i)
				break
			}
		}
	}
	if len(cuts) == 0 || cuts[0] > purposeReach {
		return nil
	}
	for n, from := range cuts {
		to := end
		if n+1 < len(cuts) {
			to = cuts[n+1]
		}
		var keys []string
		skip, first := false, true
		for _, t := range terms {
			if t.Start < numEnd+from || t.End > numEnd+to {
				continue
			}
			word := strings.ToLower(sentence[t.Start:t.End])
			if _, ok := ordinals[word]; ok || countWords[word] > 0 {
				continue // "the first quarter", "deux usines"
			}
			if t.Measure != "" || first && timeWords[word] {
				skip = true
				break
			}
			first = false
			if !t.Name && !isName(sentence[t.Start:t.End]) && !timeWords[word] && len(keys) < purposeTerms {
				keys = append(keys, t.Key)
			}
		}
		if !skip && len(keys) > 0 {
			return keys
		}
	}
	return nil
}

// clauseOpeners open a clause of its own after an amount: what it says is not what the amount
// goes to ("a charge of $5.5 billion because exports now need a licence").
var clauseOpeners = [...]string{" because ", " as ", " while ", " which ", " that ", " when ", " where ", " after ", " before ",
	" since ", " but ", " car ", " qui ", " que ", " tandis ", " alors ", " mais ", " lorsque ", " quand ", " où ", " après ",
	" avant ", " depuis "}

// timeWords say when an amount is spent, not on what.
var timeWords = wordSet([]string{"year", "years", "fiscal", "current", "next", "coming", "month", "months", "quarter",
	"quarters", "week", "weeks", "day", "days", "period", "decade", "decades", "an", "ans", "année", "années", "mois",
	"trimestre", "semaine", "semaines", "jour", "jours", "exercice", "période", "prochain", "prochaine", "prochains",
	"prochaines", "décennie"}, frenchWeekdays)

// purposesApart reports two amounts each going to something the other's sentence never names:
// "2 billion euros in innovations in agriculture" and "6 milliards d'euros pour doubler la
// production électronique" are two envelopes of one plan.
func purposesApart(a, b *Signature) bool {
	return len(a.purpose) > 0 && len(b.purpose) > 0 && !namesAny(a.purpose, b) && !namesAny(b.purpose, a)
}

// namesAny reports whether o's sentence holds one of keys.
func namesAny(keys []string, o *Signature) bool {
	for _, k := range keys {
		if _, ok := o.Terms[k]; ok {
			return true
		}
	}
	return false
}

// anotherWords make an amount another one: "and another $50 billion", "et un autre".
var anotherWords = map[string]bool{"another": true, "further": true, "a": true, "an": true, "additional": true, "un": true, "autre": true}

// breakdownReach is how far after an amount, in bytes, the next amount of a breakdown is looked
// for.
const breakdownReach = 90

// rangeOpeners open a range whose ends "and" or "et" join.
var rangeOpeners = map[string]bool{"between": true, "entre": true}

// amountAt reports an amount of money at the start of s, after a word making it another
// ("another", "a further"): a currency sign or code before the number, or a scale after it
// ("50 milliards", "$50 billion", "USD 50 billion").
func amountAt(s string) bool {
	for _, w := range []string{"another ", "a further ", "an additional ", "un autre ", "encore "} {
		s = strings.TrimPrefix(s, w)
	}
	for _, sign := range []string{"$", "€", "£", "usd ", "eur ", "us$", "a$", "c$"} {
		if strings.HasPrefix(s, sign) {
			return true
		}
	}
	n := 0
	for n < len(s) && (isDigit(s[n]) || s[n] == ',' || s[n] == '.' || s[n] == ' ') {
		n++
	}
	if n == 0 || !isDigit(s[0]) {
		return false
	}
	for _, scale := range []string{"billion", "million", "milliard", "bn", "trillion"} {
		if strings.HasPrefix(s[n:], scale) {
			return true
		}
	}
	return false
}

// partOfWords put what comes before them in what comes after.
var partOfWords = []string{" as part of ", " part of a ", " dans le cadre d", " sur une enveloppe ", " out of a total of "}

// partOfReach is how far after partOfWords, in bytes, the whole's figure is looked for.
const partOfReach = 30

// inclusionWords set what follows them in a whole given before.
var inclusionWords = map[string]bool{"including": true, "includes": true, "included": true, "comprend": true,
	"comprenant": true, "incluant": true, "inclut": true}

// facilityAfter reports an amount written before what it builds: "$6 billion AI data center",
// "a $10 billion campus", "un data center de 2 milliards" aside.
func facilityAfter(after string) bool {
	var buf [3]string
	for _, w := range firstWords(after, buf[:]) {
		w = strings.Trim(strings.ToLower(w), ",.;:()\"'’")
		if facilityWords[w] {
			return true
		}
		if !facilityModifiers[w] {
			return false
		}
	}
	return false
}

// facilityWords name what an amount before them builds; facilityModifiers may stand between.
var (
	facilityWords = map[string]bool{"data": true, "datacenter": true, "datacentre": true, "campus": true, "plant": true,
		"factory": true, "fab": true, "facility": true, "hub": true, "supercomputer": true, "cluster": true}
	facilityModifiers = map[string]bool{"ai": true, "new": true, "hyperscale": true, "chip": true, "semiconductor": true,
		"manufacturing": true, "computing": true, "server": true, "gpu": true}
)

// adverbDirection reads the way a figure moved from "up" or "down" right before it, words the
// English stop list drops: "was last down 4.5 per cent", "shares are up about 8%". "Up to" is
// a hedge the extractor reads as part of the figure. So with the French market's verbs that
// take a figure straight after them: "Nvidia prend environ 2%", "le titre perd 3 %"; not a
// share taken of something: "prend 2,9 % de Nokia" is a stake.
func adverbDirection(before, after string) int {
	var buf [2]string
	words := lastWords(before, buf[:])
	if n := len(words); n > 0 && hedgeAdverbs[strings.ToLower(words[n-1])] {
		words = words[:n-1]
	}
	if n := len(words); n > 0 {
		switch strings.ToLower(words[n-1]) {
		case "up":
			return 1
		case "down":
			return -1
		case "perd", "perdait", "lâche", "lâchait":
			return -1
		case "prend", "prenait", "grappille", "grappillait":
			var next [1]string
			if w := firstWords(after, next[:]); len(w) == 0 || !complementIn(w[0]) {
				return 1
			}
		}
	}
	return 0
}

// comparativeAfter reads the way a percentage sets one thing against another from the
// comparative right after it: "environ 9 % de moins que leur dernier cours", "12% below
// its peak" are gaps downwards, not shares nor rises.
func comparativeAfter(after string) int {
	after = strings.ToLower(strings.TrimLeft(after, " \u00a0"))
	for _, c := range comparatives {
		if strings.HasPrefix(after, c.words) {
			return c.direction
		}
	}
	// "20 percent more electricity in 2023 than the year before": the comparative's object
	// between its two words.
	for _, c := range splitComparatives {
		if rest, ok := strings.CutPrefix(after, c.words); ok {
			head := rest[:min(len(rest), splitComparativeReach)]
			if i := strings.IndexAny(head, ",;:("); i >= 0 {
				head = head[:i]
			}
			if strings.Contains(head, c.than) {
				return c.direction
			}
		}
	}
	return 0
}

// splitComparativeReach bounds, in bytes, how far after "more" its "than" may stand.
const splitComparativeReach = 50

// splitComparatives set a percentage against another figure with words around the thing
// compared: "20 percent more electricity than".
var splitComparatives = []struct {
	words, than string
	direction   int
}{{"more ", " than ", 1}, {"less ", " than ", -1}, {"fewer ", " than ", -1}}

// comparatives set a percentage against another figure, above or below it.
var comparatives = []struct {
	words     string
	direction int
}{
	{"de moins", -1}, {"en moins", -1}, {"less than", -1}, {"lower than", -1}, {"below", -1}, {"under ", -1},
	{"cheaper", -1}, {"inférieur", -1}, {"en dessous", -1}, {"au-dessous", -1},
	{"smaller than", -1}, {"de plus que", 1}, {"more than", 1}, {"higher than", 1}, {"larger than", 1}, {"bigger than", 1},
	{"greater than", 1}, {"plus grand", 1}, {"plus important", 1}, {"plus élevé", 1}, {"above", 1}, {"supérieur", 1},
	{"au-dessus", 1},
}

// hedgeAdverbs may stand between "up" or "down" and the figure: "down about 4 percent".
var hedgeAdverbs = map[string]bool{"by": true, "about": true, "around": true, "some": true, "nearly": true, "almost": true,
	"roughly": true, "approximately": true}

// addChangedMeasures adds the measures named by the subject of a verb of change, read back
// from the verb to the clause's start: "Supply in primary markets grew 34%" is supply's growth,
// "the average asking rent for 250 kW rose 12.6%" the rent's, however far the verb pushes the
// subject from the number.
//
// A change set off by a comma with nothing but its own words ("up", "en hausse", "a
// year-on-year increase of") changes what the clause before names last: "operating income
// reached $36 billion (GAAP), up 27%", "earnings per share of $1.30, a year-on-year increase
// of 67%". at is where the change's word, or its number, starts.
func (s *Signature) addChangedMeasures(sentence string, before []Term, at int) {
	if comma := strings.LastIndexByte(sentence[:at], ','); comma >= 0 && onlyWords(sentence[comma+1:at], appositiveWords) {
		for i := len(before) - 1; i >= 0; i-- {
			t := before[i]
			if t.Measure != "" && t.End <= comma {
				s.addMeasure(t.Measure)
				return
			}
			if i > 0 && before[i-1].End <= comma && strings.ContainsAny(sentence[before[i-1].End:min(t.Start, comma)], ",;:") {
				return
			}
		}
		return
	}
	for i := len(before) - 1; i >= 0; i-- {
		t := before[i]
		if t.Measure != "" {
			s.addMeasure(t.Measure)
		}
		if i > 0 && strings.ContainsAny(sentence[before[i-1].End:t.Start], ",;:()") {
			return
		}
	}
}

// changeReach bounds how many words may stand between a change's number and the complement
// naming what changed: "une augmentation de 9,3 % en données comparables de son chiffre
// d'affaires".
const changeReach = 6

// addChangedMeasureAfter adds the measure a change's complement names after its number, in its
// clause ("de", "du", "in", "of"): "9,3 % en données comparables de son chiffre d'affaires" is
// a change of revenue, "a 12% increase in operating income" of operating income. A verb's
// object needs no preposition (object): "quadrupling Europe's production capacity".
func (s *Signature) addChangedMeasureAfter(sentence string, after []Term, numEnd int, object bool) {
	end := numEnd
	for i, t := range after {
		if i >= changeReach || strings.ContainsAny(sentence[end:t.Start], ",;:()") || numberIn(sentence[end:t.Start]) {
			return
		}
		if t.Measure != "" {
			if object || complementIn(sentence[numEnd:t.Start]) {
				s.addMeasure(t.Measure)
			}
			return
		}
		end = t.End
	}
}

// changeOfComplement reports the words between a change's noun and its figure as the complement
// naming what changed, then the figure's "of": "growth in global electricity demand of 3%", "une
// hausse de la consommation d'électricité de 3 %". No clause or other figure between them.
func changeOfComplement(between string) bool {
	if strings.ContainsAny(between, ",;:()") || numberIn(between) {
		return false
	}
	words := strings.Fields(strings.ToLower(between))
	if len(words) < 2 || !complementIn(words[0]) {
		return false
	}
	switch last := words[len(words)-1]; last {
	case "of", "de", "d'", "d’":
		return true
	}
	return false
}

// complementIn reports a preposition opening a complement in text: "de", "du", "in", "of".
func complementIn(text string) bool {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		switch strings.Trim(w, ".,;:!?\"'’") {
		case "de", "du", "des", "d", "in", "of":
			return true
		}
		if strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "d’") {
			return true
		}
	}
	return false
}

// appositiveWords may open a change set off by a comma, before its verb or number.
var appositiveWords = map[string]bool{"a": true, "an": true, "up": true, "down": true, "year-on-year": true,
	"year-over-year": true, "quarter-over-quarter": true, "sequential": true, "annual": true, "en": true,
	"soit": true, "une": true, "un": true}

// onlyWords reports whether text holds words and all are in set (lower-cased, punctuation
// trimmed).
func onlyWords(text string, set map[string]bool) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' })
	for _, w := range words {
		if !set[strings.ToLower(strings.Trim(w, ".,;:!?\"'"))] {
			return false
		}
	}
	return len(words) > 0
}

// subjectWeight is the weight of the extractor's subject and measure words.
const subjectWeight = 0.8

// Marks say what a figure is beside the others of its fact, as its sentence reads: an addition
// ("another 700 MW"), a part ("dont 2,9 milliards"), all there are ("all 50 states"), money
// spent so far, a past value ("contre 714 MW en 2024"). Figures marked differently that differ
// are two facts.
type Marks uint16

const (
	markIncrement Marks = 1 << iota
	markPart
	markWhole
	markSoFar
	markPast
	markTarget
	markPerUnit // after the others: marks are stored with claims
	markReached
	markPowerSlip
	// markStaged: the figure is of a stage its clause names ("an initial phase of 1.5
	// gigawatts"): two figures of one stage are not a part and a whole, whichever of them
	// something else calls a part.
	markStaged

	// apartMarks tell a figure's fact from the others of its story: an addition, a part, a
	// past value. markReached only says how to read its hedge, markPowerSlip its unit.
	apartMarks = markIncrement | markPart | markWhole | markSoFar | markPast | markTarget | markPerUnit
)

// apartAs reports two figures' marks telling them apart (apartMarks), a part mark aside when
// both are figures of a named stage.
func apartAs(a, b Marks) bool {
	diff := (a ^ b) & apartMarks
	if a&b&markStaged != 0 {
		diff &^= markPart
	}
	return diff != 0
}

// Marks returns the marks of s's figure.
// ShareOf are the terms of what s's share is of, or its ratio multiplies ("of all electricity
// demand"): the whole its figure is a part of, which finds the claims that may state it.
func (s *Signature) ShareOf() []string { return s.shareOf }

// SharePrice reports an amount read as a share's price.
func (s *Signature) SharePrice() bool { return s.sharePrice }

func (s *Signature) Marks() Marks {
	var m Marks
	for _, f := range []struct {
		set  bool
		mark Marks
	}{{s.increment, markIncrement}, {s.part, markPart}, {s.whole, markWhole}, {s.soFar, markSoFar}, {s.target, markTarget}, {s.superseded, markPast}, {s.perUnit, markPerUnit}, {s.reached, markReached}, {s.powerSlip, markPowerSlip}, {s.phase != 0 && s.phase != phaseAll, markStaged}} {
		if f.set {
			m |= f.mark
		}
	}
	return m
}

// titleWeight is the weight of a headline's term absent from the sentence.
const titleWeight = 0.25

// NewSignature reads a claim. Its sentence is analysed by lex in the claim's language.
func NewSignature(c *claimwire.Claim, lex Lexicon, story Story) Signature {
	s := Signature{ID: c.ID, URL: c.URL, Lang: c.Lang, Published: c.Published, storyPlaces: story.Places}
	s.Topic = make(map[string]float64, len(story.Topic))
	for i, k := range story.Topic {
		// A name the article keeps using is what it is about, however many other stories use
		// it too: "Nvidia" and "OpenAI" in every sentence of a piece on their deal outweigh
		// "Wall Street" named once, though the index holds Nvidia far more often.
		w := lex.Rarity(k)
		if n := story.countAt(i); n > 1 {
			w *= 1 + topicCountWeight*math.Log(float64(n))
		}
		s.Topic[k] = w
	}
	s.Dim, s.Reading, s.native = readValue(c)
	s.headline = IsHeadline(c.Sentence, c.Title)
	s.statement = Statement(c)
	s.Currency = currencyOf(s.Dim, c)
	if subject, _, ok := strings.Cut(c.Metric, "/"); ok {
		s.Metric = c.Metric
		if storySubjects[subject] {
			s.story = subject
		}
	}
	spanMonths := 0
	if s.Dim == dimCount && durations[strings.ToLower(c.Unit)] {
		// How long something took or lasts ("four years", "20 ans") dates a fact rather than
		// states one; no fact-checker compares them, save a plan's horizon (planHorizon).
		s.Dim, spanMonths = dimNone, horizonMonths[strings.ToLower(c.Unit)]
	}
	// A surface its sentence lacks (a malformed message) stands, empty, at the sentence's start.
	numStart, numEnd := 0, 0
	if at := claimwire.SurfaceAt(c.Sentence, c.Surface, c.SentenceOffset); at >= 0 {
		numStart, numEnd = at, at+len(c.Surface)
	}
	s.sentence, s.numStart, s.numEnd = c.Sentence, numStart, numEnd
	s.label = listLabel(c.Sentence, numStart)
	if s.Dim == "Wh" && writtenAsPower(c.Sentence, numStart) {
		s.powerSlip = true
		s.Dim, s.Reading, s.native = readValue(powerAs(c, true))
	}
	if s.Dim == dimCount && c.Value < rankCeiling && rankBefore(c.Sentence[:numStart]) {
		// A rank counts nothing: "one of the top five internet hubs" says where a hub stands,
		// not that there are five. Not a headline's verb: "AI Overviews Top 2 Billion Users".
		s.Dim = dimNone
	}
	terms := lex.Terms(c.Lang, c.Sentence)
	if s.Dim == "times" {
		s.ratioBase = ratioBaseAfter(c.Sentence, numEnd, terms)
	}
	if s.Dim == "percent" || s.Dim == "times" {
		s.shareOf = shareOfAfter(c.Sentence, numEnd, terms, s.Dim == "times")
	}
	s.companions, s.others, s.othersBefore, s.restatedAs, s.restates, s.formerly = companions(c.Lang, c.Sentence, numStart, numEnd, terms)
	s.former = formerFigure(c.Sentence, numStart, numEnd)
	s.Terms = make(map[string]float64, len(terms))
	s.words = make(map[string]string, len(terms))
	s.near = make(map[string]bool)
	// Distances are counted in terms, so that stop words do not push a word away.
	numPos, inside := 0, 0 // terms before the quantity, and in it
	for _, t := range terms {
		switch {
		case t.End <= numStart:
			numPos++
		case t.Start < numEnd:
			inside++
		}
	}
	directionDist := math.Inf(1) // of the word giving the direction: the nearest says
	directionAt := -1            // index of that word in terms
	breakdown := false           // another figure of the sentence is placed: "seven in Poland"
	directionReach := float64(nearReach)
	if changedBy(c.Sentence[:numStart]) {
		directionReach = changedByReach // the verb of "reduced … by 12 percent" stands further back
	}
	var kindBuf [4]nearKind
	kinds := kindBuf[:0]
	for i, t := range terms {
		d := float64(i - numPos)
		if i >= numPos {
			d++
		}
		if isModel(c.Sentence[t.Start:t.End]) && (math.Abs(d) <= nearReach || t.Start < numEnd && numStart < t.End) {
			s.models = append(s.models, t.Key)
		}
		if t.Start < numEnd && numStart < t.End {
			// The quantity itself ("837 MW", "160 entreprises"), which may make itself an
			// addition: "deux autres contrats".
			s.increment = s.increment || t.Increment
			continue
		}
		if s.Dim == "times" && multiplying(c.Sentence[t.Start:t.End]) {
			continue // the unit, outside the quantity: "multipliée par trois"
		}
		w := lex.Rarity(t.Key) / (1 + math.Abs(d)/proximityScale)
		if math.Abs(d) <= nearReach && t.Direction == 0 && !t.Name && !isName(c.Sentence[t.Start:t.End]) &&
			!amountWords[strings.ToLower(c.Sentence[t.Start:t.End])] {
			s.near[t.Key] = true
		}
		if t.Measure != "" && math.Abs(d) <= nearReach && !nearerAnother(c.Sentence, t.Start, t.End, numStart, numEnd) &&
			!includedAfter(c.Sentence[t.End:]) {
			if strings.Contains(t.Measure, "/") {
				if len(kinds) < cap(kinds) {
					kinds = append(kinds, nearKind{t.Measure, d})
				}
			} else {
				s.addMeasure(t.Measure)
			}
		}
		// Not a word after the number that adds another: "Lumen shares jumped 12% on Monday,
		// adding $30 billion in market value".
		if t.Increment && (math.Abs(d) <= incrementReach || d > 0 && d-float64(inside) <= incrementReach) && !(t.End <= numStart && addedTo(c.Sentence[t.End:numStart])) &&
			!(t.End <= numStart && addVerbs[strings.ToLower(c.Sentence[t.Start:t.End])] && toTheGrid(c.Sentence[numEnd:])) &&
			!(t.Start >= numEnd && (preposedIncrements[strings.ToLower(unelided(c.Sentence[t.Start:t.End]))] || nearerAnother(c.Sentence, t.Start, t.End, numStart, numEnd))) {
			s.increment = true
		}
		if t.Direction != 0 && (math.Abs(d) <= nearReach || t.End <= numStart && (-d <= directionReach || s.Dim == "percent" && -d <= changeReach && changeOfComplement(c.Sentence[t.End:numStart]))) &&
			math.Abs(d) < directionDist && !(t.End <= numStart && numberIn(c.Sentence[t.End:numStart])) {
			// Not a rise another number stands in: "en hausse de 62 %, et un bénéfice net de
			// 31,91 milliards, soit +65 %" gives the rise to 62 %.
			s.direction, directionDist, directionAt = t.Direction, math.Abs(d), i
		}
		if t.Name || isName(c.Sentence[t.Start:t.End]) {
			if _, seen := s.Terms[t.Key]; !seen {
				s.names++
			}
			w *= 2
			if math.Abs(d) <= placeReach {
				prev := termBefore(terms, i)
				sameSide := !bracketBetween(c.Sentence, t.Start, t.End, numStart, numEnd)
				crosses := crossesClause(c.Sentence, t.Start, t.End, numStart, numEnd)
				if sameSide && !crosses && (t.Name || !glossaryKey(t.Key)) {
					// A capitalised glossary word names no one: "MW", a sentence's "Another".
					s.nearNames = append(s.nearNames, t.Key)
					if t.Country != "" {
						s.nearCountries = append(s.nearCountries, t.Key)
					}
				}
				// The figure placed is another when it is an earlier item of the number's list
				// ("8 en France et 7"), or when a list's item stands between the number and the
				// name ("six … across Paris, one each in Lyon").
				if !breakdown && sameSide && (t.End <= numStart && listJoin(c.Sentence[t.End:numStart]) || t.Start >= numEnd && crosses) &&
					placeBefore(c.Sentence, prev, t, nil) && placedFigureBefore(c.Sentence[:t.Start]) {
					breakdown = true
				}
				if (placeBefore(c.Sentence, prev, t, s.places) || townBefore(c.Sentence, terms, i)) && (!crosses || labels(c.Sentence, t.End, numStart)) &&
					!(t.End <= numStart && placedFigureBefore(c.Sentence[:t.Start])) && !nameGoesOn(c.Sentence, terms, i) &&
					!calendar[strings.ToLower(c.Sentence[t.Start:t.End])] { // "In October" says when
					s.places = append(s.places, t.Key)
					if t.Country != "" && !slices.Contains(s.placeCountries, t.Country) {
						s.placeCountries = append(s.placeCountries, t.Country)
					}
				}
			}
		}
		s.Terms[t.Key] = max(s.Terms[t.Key], w)
		if _, ok := s.words[t.Key]; !ok {
			s.words[t.Key] = unelided(c.Sentence[t.Start:t.End])
		}
	}
	s.addNearKinds(kinds)
	// The analyser drops "other" as a stop word, which in the quantity still makes it the rest
	// beside a thing named: "New Albany and three other states" are four states.
	s.increment = s.increment || otherInQuantity(c.Surface)
	if colon, ok := announcedBy(c.Sentence, numStart, numEnd); ok && len(s.measures) == 0 {
		// A figure closing a sentence after a colon is the value of what the colon closes,
		// however far its measure stands, as if next to it: "a donné le montant de l'aide
		// d'État accordée à l'usine de Lumen, près de Grenoble : 2,9 milliards d'euros".
		for _, t := range terms[:numPos] {
			if t.Measure != "" && !strings.Contains(t.Measure, "/") && t.End <= colon {
				s.addMeasure(t.Measure)
				s.near[t.Key] = true
			}
		}
	}
	if directionAt >= 0 && directionAt < numPos {
		s.addChangedMeasures(c.Sentence, terms[:directionAt], terms[directionAt].Start)
	}
	if s.direction == 0 {
		if s.direction = adverbDirection(c.Sentence[:numStart], c.Sentence[numEnd:]); s.direction != 0 {
			s.addChangedMeasures(c.Sentence, terms[:numPos], numStart)
		}
	}
	if s.direction == 0 && s.Dim == "percent" && changedBy(c.Sentence[:numStart]) {
		s.direction = verbOfChange(c.Sentence[:numStart])
	}
	if s.direction == 0 && strings.HasPrefix(c.Surface, "+") {
		// A sign says a change of what its clause names last: "un bénéfice net de 31,91
		// milliards, soit +65 %".
		s.direction = 1
		s.addChangedMeasures(c.Sentence, terms[:numPos], numStart)
	}

	if s.direction == 0 && s.Dim == "percent" {
		s.direction = comparativeAfter(c.Sentence[numEnd:])
	}
	if s.direction != 0 && s.Dim == "percent" && levelReached(c.Sentence[:numStart]) {
		// The level a change ends at is a level, not the change: "lowered the effective tax
		// rate to 13%", "a grimpé pour atteindre 41 %".
		s.direction = 0
	}
	if s.direction != 0 && s.Dim == "percent" && len(s.measures) == 0 {
		s.addChangedMeasureAfter(c.Sentence, terms[numPos+inside:], numEnd, false)
	}
	if s.Dim == "times" && len(s.measures) == 0 {
		// A multiplier's object follows it, however long: "quadrupling Europe's current
		// production capacity" multiplies a capacity, not the "market share to double".
		s.addChangedMeasureAfter(c.Sentence, terms[numPos+inside:], numEnd, true)
	}
	s.sharePrice = s.Dim == dimMoney && c.Value < sharePriceCeiling && speaksOfShares(c.Sentence)
	s.shareMove = s.Dim == "percent" && s.direction != 0 && speaksOfShares(c.Sentence)
	if s.shareMove {
		// A share's move adds nothing of its own: "up about 10% (adding ~$150 billion to market
		// cap)" adds to the company's value.
		s.increment = false
	}
	if s.sharePrice || s.shareMove {
		s.session = sessionNear(c.Sentence[:numStart], c.Sentence[numEnd:])
	}
	if s.shareMove && (s.session == sessionClose || s.session == sessionDay) && initialNear(c.Sentence[:numStart], c.Sentence[numEnd:]) {
		// A share that "a plongé d'emblée de près de 11%" fell that far first, within the
		// session: a moment of it.
		s.session = sessionIntraday
	}
	// A figure placed beside others placed elsewhere is a part of a breakdown: "six data centers
	// across Paris, one each in Lyon and Marseille, and seven in Poland".
	s.part = partBefore(c.Sentence[:numStart]) || eachAfter(c.Sentence[numEnd:]) || breakdown && len(s.places) > 0 ||
		s.Dim == dimCount && (outOfAfter(c.Sentence[numEnd:]) || outOfWithin(c.Surface)) ||
		s.Dim == dimMoney && (partOfAfter(c.Sentence[numEnd:]) || breakdownAfter(c.Sentence[:numStart], c.Sentence[numEnd:]) || breakdownBefore(c.Sentence[:numStart])) ||
		someAndOthers(c.Sentence)
	s.whole = allBefore(c.Sentence[:numStart]) || totalNear(c.Sentence[:numStart], c.Sentence[numEnd:]) ||
		s.Dim == dimMoney && (partsAfter(c.Sentence[numEnd:]) || totalSumBefore(c.Sentence[:numStart]))
	if s.Dim == dimCount {
		s.spreadOver = spreadWord(c.Sentence[:numStart])
	}
	if s.Dim == dimMoney {
		s.purpose = purposeKeys(c.Sentence, numEnd, terms)
	}
	// Money spent so far differs from money planned; a count reached so far ("déjà plus de 80
	// centres de données") is the count, one brought to a total is not.
	// A share set as a goal is not the share held; an amount's "target" is most often a
	// forecast like any other ("raised its capex target to $125 billion").
	s.target = s.Dim == "percent" && clauseWordBefore(c.Sentence[:numStart], targetWords) || milestoneBefore(c.Sentence[:numStart]) ||
		s.Dim == dimMoney && raiseSoughtBefore(c.Sentence[:numStart])
	s.perUnit = perUnitNear(c.Sentence[:numStart], c.Sentence[numEnd:], s.Reading.Written)
	s.yearly = s.Dim == dimCount && yearlyAfter.MatchString(c.Sentence[numEnd:])
	s.global = globalNear(c.Sentence[:numStart], c.Sentence[numEnd:])
	s.now = nowNear(c.Sentence[:numStart], c.Sentence[numEnd:])
	s.worthNow = s.now && s.Dim == dimMoney && clauseWordBefore(c.Sentence[:numStart], worthWords)
	s.total = s.Dim == dimMoney && clauseWordWithin(c.Sentence[:numStart], totalWords, 6)
	// A count brought to a running total is the total too: "three new fabrication plants,
	// bringing the total to six".
	s.soFar = s.Dim == dimMoney && alreadyNear(c.Sentence[:numStart], c.Sentence[numEnd:]) ||
		s.Dim == dimCount && sinceAfter(c.Sentence[numEnd:]) ||
		(s.Dim == dimMoney || s.Dim == dimCount) && cumulativeNear(c.Sentence[:numStart], c.Sentence[numEnd:])
	if s.shareMove && c.Qualifier == claimwire.QualifierUpTo {
		// "Shares soared as much as 68%": the peak the share reached, not a ceiling on a figure
		// unknown; it disagrees with another outlet's "jumped 47%".
		s.reached = true
		s.Dim, s.Reading, s.native = readValue(reachedAs(c, s.reached))
	}
	if s.Dim == dimMoney && facilityAfter(c.Sentence[numEnd:]) {
		s.addMeasure("investment") // "a $6 billion AI data center" costs it: a sum invested
	}
	if s.Dim == "percent" && holdingBefore(c.Sentence[:numStart]) {
		s.addMeasure("share") // "Orbis détient plus de 40 % de Lumen": a stake, whatever follows
	}
	if s.Dim == dimCount {
		counted := c.Unit
		if wordBefore(c.Sentence[:numStart], employWords) && headcountUnits[strings.ToLower(c.Unit)] {
			counted = "employees" // "Lumen employed 109,800 people" counts its employees, "~108 900 employés"
		}
		var key strings.Builder
		for _, t := range lex.Terms(c.Lang, counted) {
			key.WriteString(t.Key)
		}
		measure := metricMeasure(c.Metric)
		if measure == "count" {
			measure = "" // the extractor's word for a number inside its subject says nothing
		}
		s.Counted = [4]string{key.String(), measure, singularPrefix(c.Unit), countedKinds[strings.ToLower(c.Unit)]}
	}
	// The extractor's subject and measure say what the number is about, even when the
	// sentence leaves it to the one before.
	epithet := epithetSubject(c.Subject) || observerSubject(c.Subject)
	for i, part := range []string{c.Subject, c.Measure} {
		for _, t := range lex.Terms(c.Lang, part) {
			if s.Dim == "times" && multiplying(part[t.Start:t.End]) {
				continue // the extractor's word for a ratio ("multiple") says nothing of what it is
			}
			// "Corp" names no one: "Rapidus Corp" and "Sony Group Corp" are two companies, nor
			// does a number opening the sentence: "One market analysis put …". A country the
			// sentence puts the figure in is where, not whose: "l'un en Pologne d'une hauteur
			// de 4,6 milliards".
			subjectWord := i == 0 && !townPlaced(c.Sentence, terms, s.places, t.Key) && !corporateSuffixes[strings.ToLower(part[t.Start:t.End])] && !(t.Country != "" && countryPlaced(c.Sentence, terms, t.Key)) && !epithet &&
				!comparedName(c.Sentence, terms, t.Key) && !attributiveName(part[t.End:]) && countWords[strings.ToLower(part[t.Start:t.End])] == 0
			if subjectWord && (t.Name || !glossaryKey(t.Key) && isName(part[t.Start:t.End])) {
				// A glossary word is a name only if the glossary says so: "CHIPS" in "CHIPS and
				// Science Act" names no chip.
				s.subjectNames = append(s.subjectNames, t.Key)
				if t.StandsFor != "" && !slices.Contains(s.subjectNames, t.StandsFor) {
					// "Bruxelles a approuvé 68 projets": the Union approved them, the
					// figure is no town's.
					s.subjectNames = append(s.subjectNames, t.StandsFor)
				} else if t.Country != "" {
					s.subjectPlaces = append(s.subjectPlaces, t.Key)
				}
			} else if subjectWord {
				s.holder = append(s.holder, t.Key)
			}
			if i == 1 && t.Measure != "" && !idiomIn(terms, t) {
				s.addMeasure(t.Measure)
			} else if m := extractorMeasures[strings.ToLower(part[t.Start:t.End])]; i == 1 && m != "" {
				s.addMeasure(m)
			}
			s.Terms[t.Key] = max(s.Terms[t.Key], subjectWeight*lex.Rarity(t.Key))
			if _, ok := s.words[t.Key]; !ok {
				s.words[t.Key] = unelided(part[t.Start:t.End])
			}
		}
	}
	lead := story.lead()
	if (epithet || epithetHeads[strings.ToLower(strings.TrimSpace(c.Subject))] || epithetOpens(c.Sentence)) &&
		len(s.subjectNames) == 0 && lead != "" {
		// "the firm", "le groupe": the company the article keeps naming, more than any other.
		s.subjectNames = append(s.subjectNames, lead)
	}
	if len(s.subjectNames) > 0 {
		// What the sentence gives the subject as its own is whose the figure is too: "Meta's
		// Hyperion campus … span 11 buildings" is Hyperion's as another outlet's "Le projet,
		// nommé Hyperion, comprend 9 bâtiments" is.
		for _, t := range ownedNames(lex, c) {
			if !slices.Contains(s.subjectNames, t) {
				s.subjectNames = append(s.subjectNames, t)
			}
		}
	}
	if lead != "" && len(s.subjectNames) > 0 && !slices.ContainsFunc(s.subjectNames, func(k string) bool { return story.count(k) > 1 }) {
		// A name the article gives in one sentence only is a poor guess of whose the figure
		// is: the speaker, an official, a place ("Jorge Azcón" in a piece on Microsoft's
		// Aragon campuses). The article's lead may hold it as well.
		s.subjectNames = append(s.subjectNames, lead)
	}
	if acronym, key, ok := acronymKey(c, lex, s.Topic); ok && !epithet && !slices.Contains(s.subjectNames, key) {
		// A name spelt out stands for the initials its article uses: "Lumen Orbis Systems" is
		// the "LOS" of the story, and of another outlet's sentences.
		s.subjectNames = append(s.subjectNames, key)
		s.Terms[key] = max(s.Terms[key], subjectWeight*lex.Rarity(key))
		if _, ok := s.words[key]; !ok {
			s.words[key] = acronym
		}
	}
	// The headline names what the article is about when the sentence leaves it to the ones
	// before ("Sa valorisation atteint alors…").
	if c.Title != c.Sentence {
		titleCountries := 0
		var titleCountry Term
		for _, t := range lex.Terms(c.Lang, c.Title) {
			if t.Country != "" && t.Country == t.Key {
				titleCountries++
				titleCountry = t
			}
			w := titleWeight * lex.Rarity(t.Key)
			if t.Name || isName(c.Title[t.Start:t.End]) {
				w *= 2
			}
			if _, ok := s.Terms[t.Key]; !ok {
				s.Terms[t.Key] = w
				s.words[t.Key] = unelided(c.Title[t.Start:t.End])
				if s.fromTitle == nil {
					s.fromTitle = make(map[string]bool)
				}
				s.fromTitle[t.Key] = true
			}
		}
		if titleCountries == 1 && len(s.places) == 0 && theCountryAfter.MatchString(c.Sentence[numEnd:]) {
			// "invested more than €77 billion in the country since 2010", under a headline on
			// Germany: placed in Germany, not in the EU another sentence gives €150 billion.
			s.places, s.placeCountries = append(s.places, titleCountry.Key), append(s.placeCountries, titleCountry.Country)
		}
	}
	if s.Dim == "percent" && s.direction != 0 {
		delete(s.measures, "share") // a rise of a revenue is no share of it
	}
	if s.Dim == dimCount && s.measures[jobsMeasure] && buildingSiteAfter(c.Sentence[numEnd:]) {
		// "2,000 jobs during a 10-15 year construction process" are the building site's.
		s.addMeasure(jobsMeasure + "/construction")
	}
	s.settleKinds()
	s.finish()
	s.Year, s.superseded = nearestYear(c.Sentence, numStart, numEnd)
	s.expected = expectedNear(c.Sentence[:numStart], c.Sentence[numEnd:])
	// A change dated a year back is last year's change, not a past value: "water usage was up
	// 34% last year". What a result is compared with is a past value, unless analysts expected
	// it ("surpassing the anticipated $11.8 billion") or it is today's ("atteindra 1 151 MW
	// contre 1 121 MW actuellement").
	s.superseded = s.superseded || changeStart(c.Sentence[:numStart], c.Sentence[numEnd:]) || comparedWith(c.Sentence[:numStart]) && !s.expected && !s.now ||
		pastAfter(c.Sentence[numEnd:]) && !(s.Dim == "percent" && s.direction != 0)
	if cl, ok := clauseOf(c.Sentence, numStart, numEnd); ok {
		told := story.Year // an undated article is told in the one year it names
		if !c.Published.IsZero() {
			told = c.Published.Year()
		}
		if s.Year == 0 && told != 0 {
			s.Year = relativeYear(cl, told)
		}
		if spanMonths > 0 && planHorizon(cl) {
			s.Dim = dimHorizon
			s.Reading = s.Reading.inBase(float64(spanMonths))
			s.native = s.Reading
		} else {
			s.period, s.phase = period(cl, s.Dim == dimMoney), phase(cl)
		}
		if s.Year == 0 && s.period >= 12 && !c.Published.IsZero() && (s.Dim == "times" || spanAhead(cl.lower)) {
			// A span from now ends in a year: "a doubling … over the next 10 years", told in
			// 2024, is 2034's, not the "triple by 2040" of the same report; "to more than 3
			// million people over the next three years", told in 2024, is 2027's, not the "1
			// million people trained by 2030" of another plan.
			s.Year = c.Published.Year() + s.period/12
		}
		if s.Dim == "percent" {
			s.changeBase = changeBaseAfter(c.Sentence[numEnd:])
		}
		s.yearPart = cl.yearPart()
		// A forecast for the quarter after the one reported is a goal, not a result: "vise
		// environ 54 milliards de dollars de revenus au prochain trimestre".
		s.target = s.target || nextQuarter(cl) || (s.measures["revenue"] || s.measures["profit"]) && horizonPattern.MatchString(cl.lower)
	}
	if s.yearPart == 0 {
		// A list of a period's figures names the period once: "au premier semestre des revenus
		// de 302,5 M€ pour le cloud privé, de 74 M€ pour le cloud public et 92,4 M€ sur…".
		s.yearPart = yearPartOf(strings.ToLower(c.Sentence))
	}
	if s.yearPart == 0 && c.Title != c.Sentence && s.period < 12 {
		// A results story names its quarter once, in the headline: "Nvidia reports Q2 beats",
		// and the one before as "last quarter". Not a figure its clause gives for a whole
		// year: "On an annual basis, operating profit 47.2 trillion won" under a headline on
		// the fourth quarter. Nor one the sentence gives for a year it names: "the nearly $130
		// billion spent in 2025" under a headline on the fourth quarter.
		// The title is read first: most name no part of the year, and the pattern is dear.
		if q := yearPartOf(strings.ToLower(c.Title)); q != 0 && !wholeYearPattern.MatchString(strings.ToLower(c.Sentence)) {
			s.yearPart = q
			if q <= 4 && givesPreviousQuarter(strings.ToLower(c.Sentence)) {
				s.yearPart = (q+2)%4 + 1
			}
		}
	}
	return s
}

// wholeYearPattern finds a year a sentence gives its figures for: "spent in 2025", "en 2025".
var wholeYearPattern = regexp.MustCompile(`\b(?:in|en|for|pour|during|durant)\s+(?:19|20)\d\d\b`)

// nextQuarterPattern finds a clause giving a forecast for the quarter after the one a story
// reports.
var nextQuarterPattern = regexp.MustCompile(`\b(?:next|coming|following|current) (?:fiscal )?quarter\b|` +
	`\bprochain trimestre\b|\btrimestre (?:suivant|prochain|en cours)\b`)

// horizonPattern finds a revenue or a profit projected some years out, not a period's result:
// "une trajectoire vers 40 à 50 milliards de dollars de revenus à l'horizon de quelques années".
var horizonPattern = regexp.MustCompile(`à l['’]horizon|\bwithin (?:a few|the next \w+) years\b|\bin (?:a few|\w+) years['’]? time\b|\bdans quelques années\b|\bd['’]ici quelques années\b`)

// nextQuarter reports a clause naming the next quarter with no other number between it and the
// figure: "expects $54 billion next quarter", not "revenue of $46.7 billion; $54 billion expected
// next quarter".
func nextQuarter(cl clause) bool {
	if !strings.Contains(cl.lower, "quarter") && !strings.Contains(cl.lower, "trimestre") {
		return false // the pattern's words, looked for first: the pattern is dear
	}
	from, to := cl.numStart-cl.lo, cl.numEnd-cl.lo
	for _, m := range nextQuarterPattern.FindAllStringIndex(cl.lower, -1) {
		between := cl.lower[to:max(to, m[0])]
		if m[1] <= from {
			between = cl.lower[m[1]:from]
		}
		if !strings.ContainsFunc(between, unicode.IsDigit) {
			return true
		}
	}
	return false
}

// previousQuarterPattern finds a sentence giving the figures of the quarter before the one a
// story is about.
var previousQuarterPattern = regexp.MustCompile(`\b(?:last|previous|prior) quarter|\btrimestre précédent\b`)

// quarterComparedWith are the words ending right before the quarter a change is measured against,
// which the figures are not of: "up 68 percent from the previous quarter".
var quarterComparedWith = []string{"from the ", "on the ", "over the ", "than the ", "with the ", "versus the ", "vs the ",
	"vs. the ", "par rapport au ", "sur le ", "au "}

// givesPreviousQuarter reports a lower-cased sentence giving the figures of the quarter before
// the one its story is about, not one measuring a change against it.
func givesPreviousQuarter(lower string) bool {
	for _, m := range previousQuarterPattern.FindAllStringIndex(lower, -1) {
		before := lower[:m[0]]
		if !slices.ContainsFunc(quarterComparedWith, func(w string) bool { return strings.HasSuffix(before, w) }) {
			return true
		}
	}
	return false
}

// The half-years a figure may be reported for, after the quarters 1 to 4.
const (
	firstHalf  = 5
	secondHalf = 6
)

// yearPartPattern finds the part of its year a figure is reported for: a quarter ("Q2",
// "second-quarter", "third fiscal quarter", "deuxième trimestre") or a half-year ("H1", "the
// last half of 2024", "premier semestre").
var yearPartPattern = regexp.MustCompile(`\bq([1-4])\b|\b(first|second|third|fourth)[- ](?:fiscal[- ])?quarter\b|` +
	`\b(premier|deuxième|second|troisième|quatrième)\s+trimestre\b|\bh([12])\b|\b(first|second|last)[- ]half\b|` +
	`\b(premier|second|deuxième)\s+semestre\b`)

// yearPartOf returns the part of its year a lower-cased text names (yearPart), the first it
// names; 0 when it names none.
func yearPartOf(text string) int {
	if !writesYearPart(text) {
		return 0
	}
	for _, m := range yearPartPattern.FindAllStringSubmatchIndex(text, -1) {
		if !deadlineBefore(text[:m[0]]) {
			return yearPartFrom(text, m)
		}
	}
	return 0
}

// yearPart returns the part of its year the clause names nearest its quantity, 0 when it names
// none: "third-quarter sales were $57 billion and its fourth-quarter sales about $65 billion"
// gives the third to the first figure, the fourth to the second.
func (cl clause) yearPart() int {
	if !writesYearPart(cl.lower) {
		return 0
	}
	part, nearest := 0, -1
	for _, m := range yearPartPattern.FindAllStringSubmatchIndex(cl.lower, -1) {
		if deadlineBefore(cl.lower[:m[0]]) {
			continue
		}
		if d := cl.distance(m[0], m[1]); nearest < 0 || d < nearest {
			part, nearest = yearPartFrom(cl.lower, m), d
		}
	}
	return part
}

// deadlineBefore reports a lower-cased text ending on a word that makes the part of a year
// after it a deadline or a start, not the period a figure is reported for: "operational by Q4
// of 2024", "d'ici la fin du premier semestre", "before the second half", "expected to begin
// in the fourth quarter".
func deadlineBefore(before string) bool {
	var buf [4]string
	words := lastWords(before, buf[:])
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.Trim(words[i], ",;:(")
		if deadlineWords[w] {
			return true
		}
		if !deadlineFillers[w] {
			return false
		}
	}
	return false
}

// deadlineWords set a deadline or a start at the part of the year they stand before
// (deadlineBefore).
var deadlineWords = map[string]bool{"by": true, "before": true, "until": true, "d'ici": true, "d’ici": true, "avant": true, "dès": true,
	"begin": true, "begins": true, "began": true, "start": true, "starts": true, "started": true, "starting": true,
	"open": true, "opens": true, "opened": true, "operational": true, "online": true, "launch": true, "launched": true,
	"commence": true, "commences": true, "débuter": true, "débutera": true, "démarrer": true, "démarrera": true,
	"ouvrir": true, "ouvrira": true, "opérationnel": true, "opérationnelle": true}

// deadlineFillers may stand between a deadline word and the part of the year: "by the end of",
// "d'ici la fin du", "begin in the".
var deadlineFillers = map[string]bool{"the": true, "end": true, "of": true, "la": true, "fin": true, "du": true, "le": true, "au": true, "à": true,
	"in": true, "en": true, "during": true}

// yearPartFrom reads the part of its year a match m of yearPartPattern in text names.
func yearPartFrom(text string, m []int) int {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}
	switch {
	case group(1) != "":
		return int(group(1)[0] - '0')
	case group(4) != "":
		return firstHalf + int(group(4)[0]-'1')
	case group(5) != "" || group(6) != "":
		if h := group(5) + group(6); h == "first" || h == "premier" {
			return firstHalf
		}
		return secondHalf
	}
	switch group(2) + group(3) {
	case "first", "premier":
		return 1
	case "second", "deuxième":
		return 2
	case "third", "troisième":
		return 3
	}
	return 4
}

// writesYearPart reports whether lower (lower-cased) holds what yearPartPattern needs to match:
// one of its words, or "q" or "h" before a lone digit ("q2", not "h100"). Most texts name no
// part of a year, and the pattern costs a claim 20 µs where this costs a tenth of one.
func writesYearPart(lower string) bool {
	for i := 1; i < len(lower); i++ {
		c, d := lower[i-1], lower[i]
		if (c == 'q' || c == 'h') && '1' <= d && d <= '4' && (i+1 == len(lower) || !isDigitOrLetter(lower[i+1])) {
			return true
		}
	}
	return containsAny(lower, "quarter", "trimestre", "half", "semestre")
}

// containsAny reports whether s holds one of words: the cheap test before a pattern that can
// only match where one of them stands.
func containsAny(s string, words ...string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// yearPartMonths returns the first and last month of a yearPart.
func yearPartMonths(part int) (int, int) {
	if part >= firstHalf {
		from := 1 + 6*(part-firstHalf)
		return from, from + 5
	}
	return 3*part - 2, 3 * part
}

// readValue returns the claim's dimension and its value read in the dimension's base unit;
// money is converted to euros at the reference rate of the claim's publication month. native
// is a money claim's reading in its own currency (the base-unit reading for others).
func readValue(c *claimwire.Claim) (dim string, r, native Reading) {
	factor, tolerance := 1.0, 0.0
	dim = dimCount
	if u, ok := claimwire.LookupUnit(c.Unit); ok {
		switch u.Kind {
		case claimwire.UnitCurrency:
			dim = dimMoney
			if rate, ok := claimwire.RateOn(c.Unit, c.Published); ok {
				factor = rate
			}
			if c.Unit != claimwire.BaseCurrency {
				tolerance = currencyTolerance
			}
		default:
			dim, factor = u.Base, u.Factor
		}
	}
	qualifier := c.Qualifier
	if qualifier == claimwire.QualifierApprox && c.Value > 0 && nearlyHedged(c.Surface) {
		qualifier = qualifierNearly
	}
	native = Read(c.Value, c.ValueMax, qualifier, c.Vague)
	if dim != dimMoney {
		// Only a currency's figure is the same figure in another unit ("$5bn" for "€5bn"):
		// 19 MW is not 19 GW.
		r = native.inBase(factor)
		return dim, r, r
	}
	return dim, native.scale(factor, tolerance), native
}

// inBase returns a physical figure in its dimension's base unit, factor of them to its own:
// stated there too, as "1.4 GW" and "1,400 MW" state one figure.
func (r Reading) inBase(factor float64) Reading {
	r = r.scale(factor, 0)
	r.Stated *= factor
	return r
}

// reachedAs returns c, or, when its figure is a peak a share's move reached (Signature.reached),
// a copy stated exactly.
func reachedAs(c *claimwire.Claim, reached bool) *claimwire.Claim {
	if !reached {
		return c
	}
	d := *c
	d.Qualifier = claimwire.QualifierExact
	return &d
}

// powerAs returns c, or, when its energy unit stands for a power (Signature.powerSlip), a copy
// in that power: "150 MWh" read as 150 MW.
func powerAs(c *claimwire.Claim, slip bool) *claimwire.Claim {
	if !slip {
		return c
	}
	d := *c
	d.Unit = strings.TrimSuffix(c.Unit, "h")
	return &d
}

// powerCues are the words right before an energy figure that make it a power: a peak or a
// capacity has no duration ("sa consommation maximale de 150 MWh", "a peak demand of 300 MWh").
var powerCues = map[string]bool{"maximale": true, "maximal": true, "maximum": true, "max": true, "peak": true,
	"pointe": true, "puissance": true, "capacity": true, "capacité": true, "power": true}

// powerCueReach is how many words before a figure a power cue is looked for: "puissance
// maximale de", "peak power demand of".
const powerCueReach = 4

// energySpentPattern finds what makes an energy figure an energy: a period it is spent over ("par
// an", "per day", "annually", "/an"), or what stores it ("stockage", "battery").
var energySpentPattern = regexp.MustCompile(`(?i)\b(?:par|per|a|an|each|every|chaque)\s+(?:an|année|year|jour|day|heure|hour|mois|month|semaine|week)\b|annu|yearly|daily|quotidien|mensuel|monthly|/\s?(?:an|year|yr|jour|day|h)\b|stock|storage|batter`)

// writtenAsPower reports an energy figure written where its sentence speaks of a power: a power
// cue right before it and no period or storage anywhere in the sentence.
func writtenAsPower(sentence string, numStart int) bool {
	if energySpentPattern.MatchString(sentence) {
		return false
	}
	var buf [powerCueReach]string
	return slices.ContainsFunc(lastWords(sentence[:numStart], buf[:]), func(w string) bool {
		return powerCues[strings.ToLower(w)]
	})
}

// currencyOf is the currency of a claim read in dimension dim (readValue), empty when it is not
// money.
func currencyOf(dim string, c *claimwire.Claim) string {
	if dim == dimMoney {
		return c.Unit
	}
	return ""
}

// inOneUnit returns two statements' readings in one unit: their own currency when they share
// it, so that the euro's rate on two dates does not move two dollar figures together or apart
// ("$60-65 billion" in January and "$70-72 billion" in July disagree), else the base unit.
func inOneUnit(currencyA string, a, nativeA Reading, currencyB string, b, nativeB Reading) (Reading, Reading) {
	if currencyA != "" && currencyA == currencyB {
		return nativeA, nativeB
	}
	return a, b
}

// isModel reports whether a word names a model or a period with digits after a letter: "H100",
// "GB200", "Q1", "FY2026"; not a figure ("10bn", "1.4GW").
func isModel(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if len(w) <= 3 && strings.ToLower(w) == w {
		return false // a unit: "m2", "m3", "km2"
	}
	return unicode.IsLetter(r) && strings.ContainsFunc(w, unicode.IsDigit)
}

// isName reports whether a word is written as a name: capitalised or an acronym.
func isName(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// ownedNames returns the keys of the names the claim's sentence writes right after its subject's
// possessive: "Hyperion" of "Meta's Hyperion campus", the subject being Meta.
func ownedNames(lex Lexicon, c *claimwire.Claim) []string {
	subject := strings.TrimSpace(c.Subject)
	if subject == "" {
		return nil
	}
	var keys []string
	for from := 0; ; {
		i := strings.Index(c.Sentence[from:], subject)
		if i < 0 {
			return keys
		}
		from += i + len(subject)
		rest, ok := strings.CutPrefix(c.Sentence[from:], "'s ")
		if !ok {
			rest, ok = strings.CutPrefix(c.Sentence[from:], "’s ")
		}
		if !ok {
			continue
		}
		if cut := strings.LastIndexByte(rest[:min(len(rest), ownedReach)], ' '); len(rest) > ownedReach && cut > 0 {
			rest = rest[:cut] // a name is a few words: the rest of the sentence is no work for Terms
		}
		end := 0
		for _, t := range lex.Terms(c.Lang, rest) {
			if strings.TrimSpace(rest[end:t.Start]) != "" || !(t.Name || isName(rest[t.Start:t.End])) {
				break // only the name right after the possessive
			}
			keys = append(keys, t.Key)
			end = t.End
		}
	}
}

// ownedReach bounds, in bytes, the text after a possessive that ownedNames reads.
const ownedReach = 64

// unelided returns a word without the elided article or preposition French writes before it, as
// a group's reasons show it: "IA" for "d'IA", "électricité" for "l’électricité".
func unelided(w string) string {
	for _, sep := range []string{"'", "’"} {
		if before, after, ok := strings.Cut(w, sep); ok && after != "" && elided[strings.ToLower(before)] {
			return after
		}
	}
	return w
}

// elided are the French words written with an apostrophe before a vowel.
var elided = map[string]bool{"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true, "qu": true}

// yearReach is how far from a number, in bytes, a year is taken to date it.
const yearReach = 80

// yearAfterReach is how close after a quantity a year dates it before any year written ahead of
// it: " in 2023", " en 2015", " d'ici à 2028". "From 58 TWh in 2014 to 176 TWh in 2023" dates
// the 176 TWh to 2023, though 2014 stands as near.
const yearAfterReach = 12

// nearestYear returns the year (1990 to 2069) written right after the quantity in sentence
// (yearAfterReach), else the nearest within yearReach bytes, unless another figure stands nearer
// that year ("from 5% in 2015 to 21%" dates the 5%, not the 21%); 0 when none.
func nearestYear(sentence string, numStart, numEnd int) (year int, superseded bool) {
	var yearsAt, figuresAt, figuresEnd []int
	for i := 0; i < len(sentence); {
		if !isDigit(sentence[i]) || i > 0 && isDigitOrLetter(sentence[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(sentence) && (isDigit(sentence[j]) || sentence[j] == ',' || sentence[j] == '.') {
			j++
		}
		w := strings.TrimRight(sentence[i:j], ",.")
		switch {
		case i >= numStart && i < numEnd:
		case len(w) == 4 && (j == len(sentence) || !isDigitOrLetter(sentence[j])) && isYear(w):
			if !recordSince(sentence[:i]) {
				yearsAt = append(yearsAt, i)
			}
		case spanAfter(sentence[j:]):
			// A span is no figure a year dates: "in 2017, just 5 years prior, when the
			// company sunk ~1.95 million cubic meters".
		default:
			figuresAt, figuresEnd = append(figuresAt, i), append(figuresEnd, j)
		}
		i = j
	}
	dist := func(at, start, end int) int {
		if at >= end {
			return at - end
		}
		return max(0, start-(at+4))
	}
	best, bestDist, bestAfter := 0, yearReach+1, false
	for k, at := range yearsAt {
		d := dist(at, numStart, numEnd)
		after := at >= numEnd && at-numEnd <= yearAfterReach
		if better := after && !bestAfter || after == bestAfter && d < bestDist; !better {
			continue
		}
		nearer := false
		for _, f := range figuresAt {
			if after && f > at {
				// "rose 14.5% in 2022, 18.6% in 2023": a year right after a figure is its own,
				// whatever follows the year.
				continue
			}
			if dist(f, at, at+4) < d {
				nearer = true
				break
			}
		}
		if !nearer {
			best, bestDist, bestAfter = yearAt(sentence, at), d, after
			if k+1 < len(yearsAt) && spanTo(sentence, at, yearsAt[k+1]) {
				best = yearAt(sentence, yearsAt[k+1]) // "invested €9.6bn between 2014 and 2023": 2023's sum
			}
		}
	}
	if best == 0 && len(yearsAt) == 1 && openingYear(sentence, yearsAt[0]) {
		// A year opening the sentence dates all it says: "In 2022, the company's water use was
		// up 34% from the year before, with ~6.4 million cubic meters consumed."
		return yearAt(sentence, yearsAt[0]), false
	}
	if best == 0 && len(yearsAt) == 2 && spanTo(sentence, yearsAt[0], yearsAt[1]) && strings.HasPrefix(sentence[min(yearsAt[1]+4, len(sentence)):], ",") {
		// So does a span of years opening it, up to its last: "Between 2014 and 2023, Lumen
		// invested €9.6bn and contributed €18.4bn to the economy" is no account of its plan to
		// 2040.
		return yearAt(sentence, yearsAt[1]), false
	}
	if !bestAfter {
		return best, false
	}
	// A later year right after another figure: "rose 14.5% in 2022, 18.6% in 2023 and 12.6% in
	// 2024" supersedes the 18.6%.
	for _, at := range yearsAt {
		for k, end := range figuresEnd {
			if figuresAt[k] < at && at >= end && at-end <= yearAfterReach && yearAt(sentence, at) > best {
				return best, true
			}
		}
	}
	return best, false
}

// spanAfter reports text after a number opening with a unit of time (durations): " years
// prior", " ans".
func spanAfter(after string) bool {
	after = strings.TrimPrefix(after, " ")
	end := strings.IndexFunc(after, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(after)
	}
	return durations[strings.ToLower(after[:end])]
}

// openingYear reports a year at at that opens its sentence, alone in a phrase a comma closes:
// "In 2022, …", "En 2023, …".
func openingYear(sentence string, at int) bool {
	switch strings.ToLower(strings.TrimSpace(sentence[:at])) {
	case "in", "en", "for", "pour", "during", "durant", "over", "sur", "through":
	default:
		return false
	}
	return strings.HasPrefix(sentence[min(at+4, len(sentence)):], ",")
}

// spanTo reports the years at from and to written as a span: "between 2014 and 2023", "de 2015
// à 2024", "from 2020 to 2025", "2020-2023".
func spanTo(sentence string, from, to int) bool {
	if joined := sentence[min(from+4, to):to]; joined == "-" || joined == "–" {
		return true // "2020-2023" spans whatever stands before it: "budgeted €405bn in 2020-2023"
	}
	var buf [1]string
	last := lastWords(sentence[:from], buf[:])
	if len(last) != 1 {
		return false
	}
	switch strings.ToLower(last[0]) {
	case "between", "entre", "from", "de", "over", "sur":
	default:
		return false
	}
	switch strings.ToLower(strings.TrimSpace(sentence[min(from+4, to):to])) {
	case "and", "et", "to", "à", "-", "–":
		return true
	}
	return false
}

// levelReached reports a figure a change ends at, right after "to" or a verb of reaching: "rose
// to 3.5%", "pour atteindre 41 %". Not a figure hedged after "to" ("up to 30%" is the hedge
// of its surface).
func levelReached(before string) bool {
	var buf [1]string
	last := lastWords(before, buf[:])
	return len(last) == 1 && reachingWords[strings.ToLower(last[0])]
}

// reachingWords stand right before the level a change ends at.
var reachingWords = map[string]bool{"to": true, "à": true, "atteindre": true, "reach": true, "reaching": true}

// changeStart reports a figure a change starts from, another figure ending it: "from 35
// gigawatts today to as much as 123 gigawatts by 2035", "passer de 2 à 30 gigawatts". A range
// the extractor reads as one figure ("de 1 à 4 gigawatts") has no figure after it.
func changeStart(before, after string) bool {
	var buf [1]string
	last := lastWords(before, buf[:])
	if len(last) == 0 {
		return false
	}
	// A dash may glue the word to the one before: "could more than triple—from 35 gigawatts".
	word := last[0]
	if i := strings.LastIndexAny(word, "—–"); i >= 0 {
		_, size := utf8.DecodeRuneInString(word[i:])
		word = word[i+size:]
	}
	if !strings.EqualFold(word, "from") && !strings.EqualFold(word, "de") {
		return false
	}
	var next [3]string
	at := 0 // where the words read so far end in after
	for _, w := range firstWords(after, next[:]) {
		at = strings.Index(after[at:], w) + at + len(w)
		if strings.ContainsAny(w, ",;:()") {
			return false
		}
		if strings.EqualFold(w, "to") || w == "à" {
			rest := after[at:min(len(after), at+changeEndReach)]
			if end := strings.IndexAny(rest, ",;:("); end >= 0 {
				rest = rest[:end]
			}
			return nextNumber(rest) >= 0
		}
	}
	return false
}

// What a change is measured against (changeBase).
const (
	sinceQuarter = 1
	sinceYear    = 2
	// thanOther: the figure sets two amounts side by side (comparativeAfter), not one amount
	// against its past: "more than 30 per cent larger than its investment to date".
	thanOther = 3
)

// changeBaseReach bounds, in bytes, the text after a change changeBaseAfter reads.
const changeBaseReach = 48

// changeBases are the phrases naming what a change is measured against.
var changeBases = []struct {
	phrase string
	base   int
}{
	{"sequentially", sinceQuarter}, {"quarter over quarter", sinceQuarter}, {"quarter-over-quarter", sinceQuarter},
	{"quarter-on-quarter", sinceQuarter}, {"from the previous quarter", sinceQuarter}, {"from the prior quarter", sinceQuarter},
	{"on the previous quarter", sinceQuarter}, {"en séquentiel", sinceQuarter}, {"sur un trimestre", sinceQuarter},
	{"d'un trimestre sur l'autre", sinceQuarter}, {"d’un trimestre sur l’autre", sinceQuarter},
	{"par rapport au trimestre précédent", sinceQuarter},
	{"year over year", sinceYear}, {"year-over-year", sinceYear}, {"year-on-year", sinceYear}, {"from a year ago", sinceYear},
	{"from a year earlier", sinceYear}, {"from the year-ago", sinceYear}, {"on the previous year", sinceYear},
	{"on an annual basis", sinceYear}, {"sur un an", sinceYear}, {"en glissement annuel", sinceYear}, {"sur douze mois", sinceYear},
	{"sur 12 mois", sinceYear}, {"par rapport à l'an dernier", sinceYear}, {"par rapport à l’an dernier", sinceYear},
	{"par rapport à l'année précédente", sinceYear}, {"par rapport à l’année précédente", sinceYear},
	{"par rapport à l'année dernière", sinceYear}, {"par rapport à l’année dernière", sinceYear},
	{"compared with the previous year", sinceYear}, {"compared to the previous year", sinceYear},
	{"compared with last year", sinceYear}, {"compared to last year", sinceYear}, {"from the previous year", sinceYear},
	{"over the previous year", sinceYear}, {"from last year", sinceYear},
}

// changeBaseAfter returns what the change right before after is measured against, from the
// words of its clause after it: "up 46% sequentially and 98% from a year ago" measures 46%
// against the quarter before.
func changeBaseAfter(after string) int {
	if comparativeAfter(after) != 0 {
		return thanOther
	}
	head := clauseHead(after, changeBaseReach)
	for _, b := range changeBases {
		// "46% sequentially and 98% from a year ago": a phrase after the next figure is its own.
		if i := strings.Index(head, b.phrase); i >= 0 && nextNumber(head[:i]) < 0 {
			return b.base
		}
	}
	return 0
}

// perUnitPattern finds one unit doing what a rule of thumb says it does: "one gigawatt can
// power", "1GW of AI computing capacity could cost", "un gigawatt peut alimenter".
var perUnitPattern = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}.,])(?:one|1|un|une)\s*[\p{L}-]+(?:\s+(?:of|d[e'’])(?:\s*[\p{L}-]+){1,3}?)?\s+(?:can|could|would|costs?|peut|pourrait|permet|coûte|coûterait|suffit)\b`)

// perUnitAfter finds a rate given per unit of power or energy right after a figure: "près de 50
// milliards de dollars par gigawatt", "$11 billion per GW".
var perUnitAfter = regexp.MustCompile(`(?i)^\s*(?:per|par|a|an|/)\s*(?:gigawatts?|megawatts?|gw|mw|gwh|mwh|twh|kwh)\b`)

// yearlyAfter finds a count's clause making it a yearly rate, within a few words after it.
var yearlyAfter = regexp.MustCompile(`(?i)^[^.;:,()]{0,40}?\b(?:annually|each year|every year|per year|a year|par an|chaque année|par année)\b`)

// theCountryAfter finds a figure placed in "the country" its article is about, in its clause.
var theCountryAfter = regexp.MustCompile(`(?i)^[^.;:()]{0,30}?\b(?:in the country|dans le pays|au pays)\b`)

// perUnitReach bounds, in bytes, the clause perUnitNear reads on either side of a figure.
const perUnitReach = 80

// perUnitNear reports a figure that is a rule of thumb's one unit ("deploying 1GW … could
// cost"), or its rate ("one gigawatt can power approximately 1 million homes").
func perUnitNear(before, after string, written float64) bool {
	if i := strings.LastIndexAny(before, ";:()"); i >= 0 {
		before = before[i+1:]
	}
	before = before[max(0, len(before)-perUnitReach):]
	if written == 1 {
		// The figure is the unit: what follows it in its clause says what one does or costs.
		head := after[:min(len(after), perUnitReach)]
		if i := strings.IndexAny(head, ";:()"); i >= 0 {
			head = head[:i]
		}
		return perUnitPattern.MatchString("1 x" + head)
	}
	return containsAny(strings.ToLower(before), perUnitVerbs...) && perUnitPattern.MatchString(before) || perUnitAfter.MatchString(after)
}

// perUnitVerbs are the verbs perUnitPattern ends on, lower-cased: looked for first, the pattern
// being dear to run on every figure.
var perUnitVerbs = []string{"can", "could", "would", "cost", "peut", "pourrait", "permet", "coût", "suffit"}

// globalReach is how many words of its clause on either side of a figure globalNear reads.
const globalReach = 5

// worldWords make a figure the world's, lower-cased.
var worldWords = map[string]bool{"global": true, "globally": true, "worldwide": true, "mondial": true,
	"mondiale": true, "mondiaux": true, "mondiales": true}

// globalNear reports a word making the figure the world's among the few words of its clause on
// either side: "global investment forecasts of $2 trillion", "la consommation mondiale". Not
// "monde", which also names a field ("le monde de l'IA").
func globalNear(before, after string) bool {
	return wordAround(before, after, globalReach, globalReach, worldWords)
}

// wordAround reports one of words among the last nBefore words of a figure's clause before it
// or the first nAfter after it, lower-cased and stripped of quotes and a full stop.
func wordAround(before, after string, nBefore, nAfter int, words map[string]bool) bool {
	if i := strings.LastIndexAny(before, ",;:()"); i >= 0 {
		before = before[i+1:]
	}
	if i := strings.IndexAny(after, ",;:()"); i >= 0 {
		after = after[:i]
	}
	var lastBuf, firstBuf [globalReach]string
	for _, w := range append(lastWords(before, lastBuf[:nBefore]), firstWords(after, firstBuf[:nAfter])...) {
		if words[strings.ToLower(strings.Trim(w, ".\"'«»"))] {
			return true
		}
	}
	return false
}

// nowWords date a figure to the day it is told, lower-cased.
var nowWords = map[string]bool{"now": true, "currently": true, "today": true, "actuellement": true,
	"aujourd'hui": true, "aujourd’hui": true, "désormais": true}

// worthWords say a sum is what something is worth, lower-cased.
var worthWords = map[string]bool{"worth": true, "valued": true, "vaut": true, "valent": true, "valorisée": true, "valorisé": true}

// nowNear reports a word dating the figure to today among the few words of its clause around
// it: "Data centres now account for 21%", "qui représente aujourd'hui 21 %".
func nowNear(before, after string) bool {
	return wordAround(before, after, 4, 2, nowWords)
}

// pastAfter reports a figure its sentence dates a year back right after it: "up 56% from $26.2
// billion a year earlier", "contre 4,1 milliards un an plus tôt".
func pastAfter(after string) bool {
	head := strings.ToLower(strings.TrimLeft(after[:min(len(after), pastReach)], " "))
	for _, p := range pastPhrases {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}

// announcedBy returns where the colon stands that a figure at [numStart, numEnd) of sentence
// follows, nothing but spaces between, when nothing after the figure gives another number: the
// figure is the value of what the colon closes.
func announcedBy(sentence string, numStart, numEnd int) (int, bool) {
	before := strings.TrimRight(sentence[:numStart], " \u00a0\u202f")
	if !strings.HasSuffix(before, ":") || numberIn(sentence[numEnd:]) {
		return 0, false
	}
	return len(before) - 1, true
}

// someAndOthers reports a sentence setting some of a set against others ("Some projects plan to
// start at 50 MW and grow; others describe campuses of 1.5 GW"): each figure is a part's.
func someAndOthers(sentence string) bool {
	first, rest, _ := strings.Cut(sentence, " ")
	switch strings.ToLower(first) {
	case "some", "certains", "certaines":
	default:
		return false
	}
	if rest == "" || isDigit(rest[0]) {
		return false // "Some 300 projects" are about 300
	}
	rest = strings.ToLower(rest)
	return strings.Contains(rest, "others") || strings.Contains(rest, "d'autres") || strings.Contains(rest, "d’autres")
}

// pastReach bounds, in bytes, the text after a figure pastAfter reads.
const pastReach = 40

// pastPhrases date a figure a year back, right after it.
// "Last year" alone dates a figure told for itself: Google "used 5.6 billion gallons last year".
var pastPhrases = []string{"a year earlier", "a year ago", "a year before", "the year before", "the previous year",
	"the prior year", "in the year-ago", "in the year-earlier", "in the same period last year", "in the same quarter last year",
	"in the same quarter a year ago", "in the same quarter of last year", "un an plus tôt", "un an auparavant",
	"au même trimestre l'an dernier", "au même trimestre l’an dernier", "au même trimestre de l'an dernier", "au même trimestre de l’an dernier",
	"l'année précédente", "l’année précédente",
	// A state at a start the sentence dates back: "already contained 100,000 GPUs when it was
	// completed", since grown.
	"when it was completed", "when it was launched", "when it opened", "when it was built", "at launch",
	"à son lancement", "lors de son lancement", "à son ouverture", "lors de son ouverture", "à sa mise en service"}

// comparedWith reports a figure another is compared with, a past value most often: "contre 714
// MW en 2024", "up from $64.5 billion the previous year", "compared with 5% in 2015", "more
// than the 26% increase in 2023", "surpassing a hefty 26% increase". Not a hedge: "more than
// 26%", "surpassing $380 billion".
func comparedWith(before string) bool {
	switch prev, last := lastTwoWords(before); last {
	case "contre":
		return exchangedFor(before)
	case "versus", "vs", "vs.":
		return true
	case "from":
		return prev == "up" || prev == "down"
	case "with", "to", "à":
		return comparedForms[prev]
	case "the":
		return prev == "than"
	}
	var buf [3]string
	words := lastWords(before, buf[:])
	for i := 0; i+1 < len(words); i++ {
		if outdoing[strings.ToLower(words[i])] && comparedDeterminers[strings.ToLower(words[i+1])] {
			return true
		}
	}
	return comparedInBrackets(before)
}

// exchangedFor reports "contre" setting its figure against another: after a comma ("33 % des
// coûts du projet, contre 40 %") or right after a figure ("4,7 milliards de dollars contre 4,1
// milliards"). Not a price paid: "avoir pris environ 11% du capital contre 1,3 milliard".
func exchangedFor(before string) bool {
	head := strings.TrimRight(before, " \u00a0")
	head = strings.TrimSuffix(head, "contre")
	if strings.HasSuffix(strings.TrimRight(head, " \u00a0"), ",") {
		return true
	}
	var buf [4]string
	return slices.ContainsFunc(lastWords(head, buf[:]), func(w string) bool {
		return strings.ContainsAny(w, "0123456789%€$")
	})
}

// comparedInBrackets reports a figure in brackets after the thing a comparison sets another
// against: "plus puissant que celui de Vela (130 MW)", "larger than the Lumen campus
// (90 MW)". The figure is that thing's, not the one compared.
func comparedInBrackets(before string) bool {
	trimmed := strings.TrimRight(before, " ")
	if !strings.HasSuffix(trimmed, "(") {
		return false
	}
	var buf [6]string
	words := lastWords(trimmed[:len(trimmed)-1], buf[:])
	for i, w := range words {
		switch strings.ToLower(w) {
		case "than":
			return true
		case "que", "qu'":
			return i+1 < len(words) && demonstratives[strings.ToLower(words[i+1])]
		}
	}
	return false
}

// demonstratives follow "que" in a comparison with another thing: "plus grand que celui de".
var demonstratives = map[string]bool{"celui": true, "celle": true, "ceux": true, "celles": true}

// outdoing are the verbs that set a figure against a larger one before them, through a
// determiner ("surpassing a hefty 26% increase").
var outdoing = map[string]bool{"surpassing": true, "exceeding": true, "outpacing": true, "eclipsing": true, "topping": true}

// comparedDeterminers stand between outdoing and the figure it is set against.
var comparedDeterminers = map[string]bool{"a": true, "the": true, "its": true, "last": true}

// comparedForms compare a figure with the one after "with", "to" or "à".
var comparedForms = map[string]bool{"compared": true, "comparé": true, "comparée": true}

// changeEndReach is how far after "to" the figure ending a change stands: "to as much as 123".
const changeEndReach = 24

// yearAt reads the four digits of a year at sentence[at:].
func yearAt(sentence string, at int) int {
	return int(sentence[at]-'0')*1000 + int(sentence[at+1]-'0')*100 + int(sentence[at+2]-'0')*10 + int(sentence[at+3]-'0')
}

// relativePhrase is a phrase dating a figure from its article's year, by how many years it adds.
type relativePhrase struct {
	phrase string
	add    int
}

// relativeYears are the phrases, French ones with either apostrophe: "this year", "l'an dernier".
var relativeYears = func() []relativePhrase {
	var out []relativePhrase
	for phrase, add := range map[string]int{
		"this year": 0, "current year": 0, "current fiscal year": 0, "cette année": 0, "l'année en cours": 0,
		"last year": -1, "l'an dernier": -1, "l'année dernière": -1, "l'an passé": -1, "l'année passée": -1,
		"next year": 1, "l'an prochain": 1, "l'année prochaine": 1,
	} {
		out = append(out, relativePhrase{phrase, add})
		if strings.Contains(phrase, "'") {
			out = append(out, relativePhrase{strings.ReplaceAll(phrase, "'", "’"), add})
		}
	}
	return out
}()

// relativeYear returns the year a phrase of relativeYears within yearReach bytes of the
// quantity and in its clause gives, counted from published (the article's year), the nearest
// phrase if several (the earlier of two as near); 0 when none. Capex "in its current fiscal
// year" in January 2025 and capex "for fiscal 2026" are two facts.
func relativeYear(cl clause, published int) int {
	year, bestDist, bestAt := 0, yearReach+1, 0
	for _, r := range relativeYears {
		for from := 0; ; {
			i := strings.Index(cl.lower[from:], r.phrase)
			if i < 0 {
				break
			}
			at := from + i
			d := cl.distance(at, at+len(r.phrase))
			if d < bestDist || d == bestDist && at < bestAt {
				year, bestDist, bestAt = published+r.add, d, at
			}
			from += i + len(r.phrase)
		}
	}
	return year
}

// clause is the part of a sentence within yearReach of a quantity and in its clause ("last year
// it spent $10 billion; this year $20 billion"), lower-cased once for the readings of its year,
// period and phase.
type clause struct {
	lower string
	// lo is where lower starts in the sentence; numStart and numEnd are the quantity's offsets
	// in the sentence.
	lo, numStart, numEnd int
}

// clauseOf returns the clause of the quantity at [numStart, numEnd) of sentence, or false where
// lower-casing changes its length, offsets then not matching the sentence's: never so in French
// or English.
func clauseOf(sentence string, numStart, numEnd int) (clause, bool) {
	lo, hi := max(0, numStart-yearReach), min(len(sentence), numEnd+yearReach)
	// A window cut inside a letter ("États") would lower-case to another length.
	for lo < numStart && !utf8.RuneStart(sentence[lo]) {
		lo++
	}
	for hi > numEnd && hi < len(sentence) && !utf8.RuneStart(sentence[hi]) {
		hi--
	}
	if i := strings.LastIndexByte(sentence[lo:numStart], ';'); i >= 0 {
		lo += i + 1
	}
	if i := strings.IndexByte(sentence[numEnd:hi], ';'); i >= 0 {
		hi = numEnd + i
	}
	lower := strings.ToLower(sentence[lo:hi])
	return clause{lower: lower, lo: lo, numStart: numStart, numEnd: numEnd}, len(lower) == hi-lo
}

// distance is how many bytes separate the text at [from, to) of the clause from its quantity.
func (cl clause) distance(from, to int) int {
	return max(cl.lo+from-cl.numEnd, cl.numStart-cl.lo-to, 0)
}

// spanCount is how many years or months a span counts, in digits or words.
const spanCount = `\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|sept|huit|neuf|dix`

// horizonMonths are the months in a unit a plan's horizon is given in.
var horizonMonths = map[string]int{"years": 12, "year": 12, "ans": 12, "an": 12, "années": 12, "année": 12,
	"months": 1, "month": 1, "mois": 1}

// horizonOpeners end the text before a span of time from now a plan runs over: "over the next
// four years", "sur quatre ans", "au cours des quatre prochaines années", "d'ici cinq ans".
var horizonOpeners = []string{"over the next ", "in the next ", "within the next ", "over the coming ",
	"during the next ", "over ", "sur les ", "sur ", "au cours des ", "dans les ", "lors des ", "pendant les ",
	"d'ici ", "d’ici "}

// planStems open the words naming what a horizon is the term of: an amount to invest, a
// commitment, a pledge; planWords are such words whole ("plan", not "plant").
var (
	planStems = []string{"invest", "commit", "pledg", "spend", "budget", "engag", "envelop", "promis", "financ", "fund"}
	planWords = wordSet([]string{"plan", "plans", "planned", "projet", "programme", "program"})
)

// planHorizon reports a span of time that is a plan's horizon: its clause puts the quantity
// after a horizon opener and names an amount of money or a plan. "A doubling over the next ten
// years" or "depuis trois ans" date a change, not a plan.
func planHorizon(cl clause) bool {
	before := cl.lower[:cl.numStart-cl.lo]
	opened := false
	for _, o := range horizonOpeners {
		if strings.HasSuffix(before, o) {
			opened = true
			break
		}
	}
	if !opened {
		return false
	}
	for _, w := range strings.FieldsFunc(cl.lower, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if planWords[w] || slices.ContainsFunc(planStems, func(stem string) bool { return strings.HasPrefix(w, stem) }) {
			return true
		}
	}
	for i := 0; i < len(cl.lower); i++ {
		if (i == 0 || cl.lower[i-1] == ' ') && amountAt(cl.lower[i:]) {
			return true
		}
	}
	return false
}

// periodPattern finds the span of time a figure is spread over: "over three years", "in the
// next five years", "sur quatre ans", "d'ici cinq ans".
var periodPattern = regexp.MustCompile(`\b(?:over|across|within|during|for|in|sur|en|pendant|d'ici|d’ici|au cours des)\s+` +
	`(?:the\s+|les\s+)?(?:next\s+|coming\s+|past\s+|last\s+|previous\s+|prochaines?\s+)?` +
	`(` + spanCount + `)\s+(?:dernières\s+|derniers\s+)?` +
	`(years?|months?|ans|années|mois)\b`)

// countWords are the numbers periods are written with in words.
var countWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
	"sept": 7, "huit": 8, "neuf": 9, "dix": 10}

// termPattern finds the term of an amount written as an English compound before it: "a
// three-year, £2.5 billion investment", "its five-year, $4 billion program". The term of a count
// or a power is its contract's, not a span the figure is spread over: "a 20-year deal for 835 MW".
var termPattern = regexp.MustCompile(`\b(` + spanCount + `)-(year|month)\b`)

// period returns the span of time, in months, that the clause's quantity is spread over, the
// nearest one written in it (for an amount, its term too: termPattern); 0 when none. "$400
// billion over three years" and "$500 billion over four years" are two facts.
func period(cl clause, amount bool) int {
	if !writesPeriod(cl.lower) {
		return reportingPeriod(cl)
	}
	months := spanOf(cl, periodPattern)
	if months == 0 && amount {
		months = spanOf(cl, termPattern)
	}
	if months == 0 {
		return reportingPeriod(cl)
	}
	return months
}

// spanOf returns the months of the span of pattern (its count, then its unit) nearest the
// clause's quantity; 0 when none.
func spanOf(cl clause, pattern *regexp.Regexp) int {
	months, bestDist := 0, yearReach+1
	for _, m := range pattern.FindAllStringSubmatchIndex(cl.lower, -1) {
		if cl.lo+m[0] >= cl.numEnd && nextNumber(cl.lower[cl.numEnd-cl.lo:m[0]]) >= 0 {
			// A span after the next figure is that figure's: "rose 13 percent compared with
			// the previous year and 48 percent over five years".
			continue
		}
		n, ok := countWords[cl.lower[m[2]:m[3]]]
		if !ok {
			n, _ = strconv.Atoi(cl.lower[m[2]:m[3]])
		}
		if unit := cl.lower[m[4]:m[5]]; unit[0] == 'y' || unit[0] == 'a' {
			n *= 12 // years, ans, années
		}
		if d := cl.distance(m[0], m[1]); n > 0 && d < bestDist {
			months, bestDist = n, d
		}
	}
	return months
}

// spanAheadPattern finds a span of time from now: "over the next three years", "d'ici cinq ans".
var spanAheadPattern = regexp.MustCompile(`\b(?:next|coming|prochaines?|d'ici|d’ici)\s+(?:` + spanCount + `)\s+(?:years?|ans|années)\b`)

// spanAhead reports a clause (lower-cased) giving a span of years from now.
func spanAhead(lower string) bool { return spanAheadPattern.MatchString(lower) }

// reportingPeriodPattern finds the accounting period a flow is reported for: a quarter's capital
// expenditure and a fiscal year's are two facts of one company.
var reportingPeriodPattern = regexp.MustCompile(`\b(?:quarter|quarterly|trimestre|trimestriel|trimestrielle|fiscal|exercice|annual|annuel|annuelle)\b`)

// reportingPeriod returns the months of the accounting period the clause's quantity is
// reported for: 3 for a quarter (of a fiscal year too: "the first quarter of fiscal 2027"), 12
// for a fiscal or annual figure; 0 when none is written. "A quarter of" is a share, not a period.
func reportingPeriod(cl clause) int {
	if !writesReportingPeriod(cl.lower) {
		return 0 // most clauses name none, and the pattern costs a claim 10 µs
	}
	months := 0
	for _, m := range reportingPeriodPattern.FindAllStringIndex(cl.lower, -1) {
		if nearerAnother(cl.lower, m[0], m[1], cl.numStart-cl.lo, cl.numEnd-cl.lo) {
			continue // another figure's: "une envolée de +28 %, franchissant un run-rate annuel de 50 milliards"
		}
		word := cl.lower[m[0]:m[1]]
		if !strings.HasPrefix(word, "quarter") && !strings.HasPrefix(word, "trimestr") {
			months = max(months, 12)
		} else if !strings.HasPrefix(cl.lower[m[1]:], " of") || !shareQuarter(cl.lower[:m[0]]) {
			return 3
		}
	}
	return months
}

// writesReportingPeriod reports whether lower holds a stem of reportingPeriodPattern's words.
func writesReportingPeriod(lower string) bool {
	return containsAny(lower, "quarter", "trimestr", "fiscal", "exercice", "annu")
}

// shareQuarter reports whether the text before "quarter of" makes it a share: "a quarter of",
// "one quarter of", not "the first quarter of fiscal 2027".
func shareQuarter(before string) bool {
	before = " " + strings.TrimRight(before, " ")
	return strings.HasSuffix(before, " a") || strings.HasSuffix(before, " one")
}

// writesPeriod reports whether lower (lower-cased) holds one of periodPattern's units after a
// space, without which the pattern cannot match: most sentences name none, and the pattern costs
// a claim 15 µs where this costs one.
func writesPeriod(lower string) bool {
	for _, unit := range [...]string{"year", "month", "ans", "année", "mois"} {
		for from := 0; ; {
			i := strings.Index(lower[from:], unit)
			if i < 0 {
				break
			}
			if at := from + i; at > 0 && strings.IndexByte("\t\n\f\r -", lower[at-1]) >= 0 {
				return true
			}
			from += i + len(unit)
		}
	}
	return false
}

// phaseAll is the phase of a figure for all of a programme's stages.
const phaseAll = -1

// phaseWords are the stages programmes are run in; a text naming none of them names no phase.
var phaseWords = [...]string{"wave", "phase", "round", "batch", "tranche", "stage", "call", "vague", "étape", "appel", "levée"}

// phasePattern finds the stage of a programme a figure belongs to: "the first wave", "both
// rounds", "la deuxième vague", "les deux appels à projets".
var phasePattern = regexp.MustCompile(`\b(first|second|third|fourth|initial|both|all|two|premier|première|deuxième|second|seconde|troisième|quatrième|deux|toutes les)\s+` +
	`(?:[\p{L}-]+\s+)?(waves?|phases?|rounds?|batch(?:es)?|tranches?|stages?|calls?|vagues?|étapes?|appels?|levées?)\b`)

// ordinals are the stages phasePattern reads, in both languages.
var ordinals = map[string]int{"first": 1, "initial": 1, "premier": 1, "première": 1, "second": 2, "seconde": 2,
	"deuxième": 2, "third": 3, "troisième": 3, "fourth": 4, "quatrième": 4,
	"both": phaseAll, "all": phaseAll, "two": phaseAll, "deux": phaseAll, "toutes les": phaseAll}

// phase returns the stage of a programme that the clause's quantity belongs to, the nearest one
// written in it; 0 when none. Seven AI factories "of the first wave" and thirteen "of both
// waves" are two facts.
func phase(cl clause) int {
	if before := strings.TrimRight(cl.lower[:cl.numStart-cl.lo], " "); strings.HasSuffix(before, " first") ||
		strings.HasSuffix(before, " premiers") || strings.HasSuffix(before, " premières") {
		return 1 // "les premiers 200 MW", "the first 200 MW": the first stage of what follows
	}
	if !containsAny(cl.lower, phaseWords[:]...) {
		return 0
	}
	stage, bestDist := 0, yearReach+1
	for _, m := range phasePattern.FindAllStringSubmatchIndex(cl.lower, -1) {
		n := ordinals[strings.Join(strings.Fields(cl.lower[m[2]:m[3]]), " ")]
		if d := cl.distance(m[0], m[1]); n != 0 && d < bestDist {
			stage, bestDist = n, d
		}
	}
	for _, m := range numberedPhasePattern.FindAllStringSubmatchIndex(cl.lower, -1) {
		if d := cl.distance(m[0], m[1]); d < bestDist {
			stage, bestDist = phaseNumbers[cl.lower[m[2]:m[3]]], d
		}
	}
	for _, m := range finalPhasePattern.FindAllStringIndex(cl.lower, -1) {
		if d := cl.distance(m[0], m[1]); d < bestDist {
			stage, bestDist = phaseAll, d
		}
	}
	return stage
}

// numberedPhasePattern finds a stage numbered after its noun: "Phase 1 of PA10", "la tranche 2".
var numberedPhasePattern = regexp.MustCompile(`\b(?:phases?|tranches?|stages?|waves?|étapes?|vagues?)\s+(1|2|3|4|one|two|three|four|i|ii|iii|iv)\b`)

// phaseNumbers are the stages numberedPhasePattern reads.
var phaseNumbers = map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "one": 1, "two": 2, "three": 3, "four": 4,
	"i": 1, "ii": 2, "iii": 3, "iv": 4}

// finalPhasePattern finds the last stage of a build, which gives what all stages add up to: "en
// phase finale, le site offrira 5 775 m2", "in its final phase".
var finalPhasePattern = regexp.MustCompile(`\b(?:phases?|tranches?|étapes?)\s+finales?\b|\bfinal\s+(?:phases?|stages?)\b`)

// isYear reports whether four digits are a year of the news, 1990 to 2069.
func isYear(w string) bool {
	return allDigits(w) && (w >= "1990" && w < "2070")
}

// singularPrefix is a counted noun's first prefixLen letters once its plural mark is gone, so
// that "GPU" and "GPUs" count the same thing where no translation says so.
func singularPrefix(unit string) string {
	u := strings.ToLower(strings.TrimSpace(unit))
	u = strings.TrimSuffix(strings.TrimSuffix(u, "s"), "x")
	r := []rune(u)
	return string(r[:min(len(r), countedPrefix)])
}

// countedKinds group the extractor's counted nouns that news uses for one another: "18,000
// Nvidia GPUs" and "18.000 superpuces" for one tranche of chips, "600 jobs" and "around 600
// employees" for one workforce, "seven buildings" and "sept centres de données" for one campus,
// "18 stated allies" and "18 trusted countries" exempt from one rule, "five new fabrication
// plants" and "trois nouvelles usines" of one chipmaker.
var countedKinds = map[string]string{
	"chips": "chips", "gpus": "chips", "processors": "chips", "accelerators": "chips",
	"jobs": "workforce", "employees": "workforce", "positions": "workforce", "roles": "workforce", "postes": "workforce",
	"data centers": "facilities", "buildings": "facilities",
	"countries": "countries", "nations": "countries", "allies": "countries", "member states": "countries",
	"fabs": "factories", "factories": "factories",
}

// attributiveName reports a name a hyphenated participle makes an epithet, from what follows
// it: "a Victoria-located project", "the Texas-based firm" say where the holder is, not who.
func attributiveName(after string) bool {
	for _, p := range [...]string{"-based", "-located", "-headquartered"} {
		if len(after) >= len(p) && strings.EqualFold(after[:len(p)], p) {
			return true
		}
	}
	return false
}

// countedPrefix is how many letters of a counted noun identify it.
const countedPrefix = 5

// metricMeasure is the measure part of an extractor metric key ("ai-gigafactories/proposals"
// → "proposals").
func metricMeasure(metric string) string {
	if i := strings.LastIndexByte(metric, '/'); i >= 0 {
		metric = metric[i+1:]
	}
	if i := strings.IndexByte(metric, ':'); i >= 0 {
		metric = metric[:i]
	}
	return metric
}

func isDigitOrLetter(b byte) bool {
	return isDigit(b) || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// calendar are the days and months English writes with a capital: they date a story, they do not
// name it.
var calendar = wordSet(englishWeekdays, englishMonths)

// months are the months of either language, lower-cased: a running total counts from one.
var months = wordSet(englishMonths, []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre"})

// englishWeekdays and frenchWeekdays are the days of the week, englishMonths the months, lower-cased.
var (
	englishMonths = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december"}
	englishWeekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	frenchWeekdays  = []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
)

// wordSet returns the set of the words of lists.
func wordSet(lists ...[]string) map[string]bool {
	set := make(map[string]bool)
	for _, words := range lists {
		for _, w := range words {
			set[w] = true
		}
	}
	return set
}

// titleCased reports a headline capitalising most of its longer words, as English headlines
// in title case do.
func titleCased(title string) bool {
	long, capital := 0, 0
	for _, w := range strings.Fields(title) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if isName(w) {
			capital++
		}
	}
	return long >= 3 && 4*capital >= 3*long
}

// unitSymbol reports a unit written as its symbol, capitalised as a name is: "MW", "TWh".
func unitSymbol(w string) bool {
	_, ok := claimwire.LookupUnit(w)
	return ok
}

// topicSize is how many keys say what an article is about.
const topicSize = 25

// topicCountWeight is how much each doubling of the sentences naming a topic name adds to its
// weight, against its rarity: ln 2 × 0.3, a fifth more.
const topicCountWeight = 0.3

// Story is what an article is about, as its headline and claim sentences say. Claims of one
// story share it across outlets and languages, whatever each sentence says.
type Story struct {
	// Topic are the names (capitalised words, not opening a sentence unless the article writes
	// them mid-sentence too) the article uses most, rarest first among equals.
	Topic []string
	// Counts are how many of the article's sentences name each name of Topic, in its order;
	// absent, once each.
	Counts []int
	// Places are the countries it puts things in ("in Pennsylvania", "en Espagne"), not a
	// country named otherwise ("the French start-up", "Dutch ASML"): two stories of one company
	// in two countries are two stories, however alike their words.
	Places []string
	// Year is the one year its headline and sentences name, 0 when they name none or several:
	// an article giving no date is told in it, and its "this year", "current fiscal year" are
	// that year's.
	Year int
}

// count returns how many of the article's sentences name key, 0 for a name not of its topic.
func (st Story) count(key string) int {
	i := slices.Index(st.Topic, key)
	if i < 0 {
		return 0
	}
	return st.countAt(i)
}

// countAt returns how many of the article's sentences name the i-th name of its topic: once
// each when Counts are absent.
func (st Story) countAt(i int) int {
	if i < len(st.Counts) {
		return st.Counts[i]
	}
	return 1
}

// leadCount is how many of its article's sentences must name a name for it to be the lead.
const leadCount = 3

// lead returns the name the article names in the most sentences, at least leadCount and more
// than any other name but the countries it puts things in: whom its epithets ("the company", "le
// fabricant") stand for. None when two names tie.
func (st Story) lead() string {
	best, n, tie := "", 0, false
	for i, k := range st.Topic {
		if slices.Contains(st.Places, k) {
			continue // the country the story is set in: where, not who
		}
		c := st.countAt(i)
		switch {
		case c > n:
			best, n, tie = k, c, false
		case c == n:
			tie = true
		}
	}
	if tie || n < leadCount {
		return ""
	}
	return best
}

// ReadStory returns the story of an article from its headline and claim sentences.
func ReadStory(lex Lexicon, lang, title string, sentences []string) Story {
	var st Story
	tf := make(map[string]int)
	seen := make(map[string]bool)
	// A headline in title case capitalises every word: its capitals name only what the
	// sentences name too ("France's Data Center Expansion: A Triple Power Capacity Bright Spot").
	titleCase := titleCased(title)
	var titleNames, openers []string
	oneYear := true
	for _, text := range append([]string{title}, sentences...) {
		if seen[text] {
			continue // a sentence holding several claims counts once
		}
		seen[text] = true
		for _, y := range yearsIn(text) {
			if st.Year != 0 && y != st.Year {
				oneYear = false
			}
			st.Year = y
		}
		terms := lex.Terms(lang, text)
		for n, t := range terms {
			// A sentence's first word is capitalised whatever it is, unless written in capitals:
			// "TSMC has dubbed it…" names TSMC.
			w := text[t.Start:t.End]
			if n == 0 && text != title && !t.Name && isName(w) && !isAcronym(w) {
				openers = append(openers, t.Key)
			}
			if t.Name || isName(w) && (n > 0 || text == title || isAcronym(w)) && !calendar[strings.ToLower(w)] && !unitSymbol(w) {
				if text == title && titleCase && !t.Name && !isAcronym(w) {
					titleNames = append(titleNames, t.Key)
					continue
				}
				tf[t.Key]++
				if t.StandsFor != "" {
					tf[t.StandsFor]++ // a story on "Bruxelles" and one on "l'UE" are one
				}
			}
			if t.Country == "" || slices.Contains(st.Places, t.Country) {
				continue
			}
			if placeBefore(text, termBefore(terms, n), t, nil) {
				st.Places = append(st.Places, t.Country)
			}
		}
	}
	// A sentence opening on a name the article writes mid-sentence too names it: "Rapidus,
	// which chose Chitose…", "Rapidus chair Tetsuro Higashi told…".
	for _, k := range append(titleNames, openers...) {
		if tf[k] > 0 {
			tf[k]++
		}
	}
	slices.Sort(st.Places)
	keys := make([]string, 0, len(tf))
	weight := make(map[string]float64, len(tf))
	for k, n := range tf {
		keys = append(keys, k)
		weight[k] = lex.Rarity(k) * float64(n)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(weight[b], weight[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	st.Topic = keys[:min(len(keys), topicSize)]
	for _, k := range st.Topic {
		st.Counts = append(st.Counts, tf[k])
	}
	if !oneYear {
		st.Year = 0
	}
	return st
}

// yearsIn returns the years (isYear) text writes as words of their own.
func yearsIn(text string) []int {
	var years []int
	for i := 0; i+4 <= len(text); i++ {
		if i > 0 && isDigitOrLetter(text[i-1]) || i+4 < len(text) && isDigitOrLetter(text[i+4]) || !isYear(text[i:i+4]) {
			continue
		}
		y, err := strconv.Atoi(text[i : i+4])
		if err == nil {
			years = append(years, y)
		}
		i += 3
	}
	return years
}

// finish computes the norm of the terms once they are set.
func (s *Signature) finish() {
	s.norm = 0
	for _, w := range s.Terms {
		s.norm += w * w
	}
	s.norm = math.Sqrt(s.norm)
}
