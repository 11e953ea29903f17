package facts

import (
	"bytes"
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/claimwire/claimwire"
)

// Link is the verdict on whether two claims state the same fact.
type Link struct {
	// Score is how sure we are, from 0 to 1.
	Score float64
	// Shared are the words both sentences use near their numbers, strongest first, as the
	// first claim writes them.
	Shared []string
	// With is the id of the claim Assign linked to, empty from Score.
	With string
	// Varies says the claim Assign linked to states another value, one the fact's values may
	// be found to disagree over (see Varies); false from Score.
	Varies bool
}

// Weights of the parts of a link's score and the threshold a link must reach.
const (
	termsWeight = 0.6
	valueWeight = 0.4
	// storyFloor is what is left of a link between articles naming nothing in common;
	// storyFull the topic overlap past which two articles are one story.
	storyFloor = 0.4
	storyFull  = 0.4
	// thinStory is the least story factor of a claim whose article names fewer than thinTopic
	// things, when the two sentences share words and neither gives its figure to a name the
	// other's article lacks: an article naming almost nothing (a French release, which
	// capitalises little) is no evidence of another story.
	thinTopic = 3
	thinStory = 0.6
	// specificBonus is added to the link of two claims giving the same figure, by its
	// specificity.
	specificBonus = 0.2
	// nearBonus is added to the link of two claims whose numbers stand next to the same word.
	nearBonus = 0.1
	// sameYearBonus is added to the link of two agreeing figures that their sentences date to
	// the same year: "about 4% in 2023" and "4.4% of 2023 electricity" however unlike the words.
	sameYearBonus = 0.18
	// metricBonus is added to the link of two claims of one glossary metric, when they give one
	// figure, their sentences share metricSupport of their words or their articles
	// metricSupportStory of a story: two GPU counts of two supercomputers are both Nvidia's
	// GPUs to the glossary. One story is no support for figures that differ, unless they are
	// the story's own count or one count recounted: a country's 250 data centres and a region's
	// 136, in two articles on the country's, share a story and no words.
	metricBonus        = 0.3
	metricSupport      = 0.1
	metricSupportStory = 0.8
	// unsupportedDisagreement scales the link of two differing figures that share no measure.
	unsupportedDisagreement = 0.75
	// samePointTolerance is how close two figures are to be the same figure written again.
	samePointTolerance = 0.01
	LinkMinScore       = 0.33
	// meanMinScore is the least mean of a claim's two best links to a fact it joins (Assign).
	// Outlets word one fact differently, so a claim's second link is often loose: at 0.28,
	// "80 MW" was refused a fact holding two outlets' "85 MW" on links of 0.37 and 0.15, and
	// joined it when it arrived before the second. Measured over five arrival orders, 0.24
	// finds more conflicts on unseen real news with fewer false groups; 0.20 starts to cost.
	meanMinScore = 0.24
	// yearMismatch scales a link whose sentences name different years, periods, quarters or
	// phases: a share in 2023 and a share in 2028 are two facts, so are $400 billion over three
	// years and $500 billion over four, a second quarter's revenue and a third's, and the
	// factories of a first wave and those of both waves. So are a past value and a differing
	// figure that is not: "18.6% in 2023 and 12.6% in 2024" and "rose 16.6% year over year", "from
	// 35 gigawatts today to 123" and "could exceed 100 gigawatts", even when a rounding lets
	// them agree: "up from 30% in the previous year" and "31 per cent". So are changes measured
	// against two bases: "up 46% sequentially" and "un bond de plus de 50% sur un an", "+359 %
	// en glissement annuel" and "+356% en trois ans", and
	// today's figure and a later year's: "now account for 21%" and "31% … by 2034".
	yearMismatch = 0.25
	// subjectClash scales a link between figures belonging to two different names, under
	// LinkMinScore: whose figure it is decides, however alike the sentences.
	subjectClash = 0.6
	// oneHolderStory is the least story factor of two figures given to one name, of one
	// measure, for one year.
	oneHolderStory = 0.8
	// measureClash scales the link of two claims whose numbers stand next to words naming
	// different measures: a valuation and a funding round, a subsidy and a total investment.
	measureClash = 0.3
	// roundAgreement is what agreeing on a figure of one significant digit is worth, against 1
	// for a precise one.
	roundAgreement = 0.85
	// farScale scales the link of two figures farApart times apart or more.
	farApart = 3.0
	farScale = 0.5
	// incrementClash scales the link of an addition ("another 700 MW") and a figure that is not.
	incrementClash = 0.3
	// restatedRatio bounds how far apart, at our rates, an article's figure and its restatement
	// in another currency may be.
	restatedRatio = 1.15
	// loneWordScale scales the link of two differing figures whose sentences share one word.
	loneWordScale = 0.95
	// sharedShown bounds the terms a link reports.
	sharedShown = 6
	// fewNames is how many names a sentence may give for its subject to say surely whose its
	// figure is.
	fewNames = 3
	// oneStoryOverlap is the least topic overlap of two articles giving one sum to two names
	// for the sum to be one thing named two ways.
	oneStoryOverlap = 0.1
)

// Score says whether a and b state the same fact: same dimension (and, for counts, the same
// counted thing), sentences that speak of the same thing near their numbers, years that do not
// contradict, values of the same order.
func Score(a, b *Signature) Link {
	if a.Dim != b.Dim || a.Dim == dimNone || a.Dim == dimCount && !sameCounted(a.Counted, b.Counted) {
		return Link{}
	}
	ra, rb := readings(a, b)
	verdict, _ := Compare(ra, rb)
	if ra.Point < 0 != (rb.Point < 0) || a.direction*b.direction < 0 {
		// A fall (-7%) and a share (15%) are two things, so are a rise and a fall: a share
		// price "risen 18%" this year and its "fall of 17%" in a day.
		return Link{}
	}
	if converts(a, b) {
		// The article's own conversion: "€12 billion ($14.5bn)" is one figure, at whatever
		// rate the writer took.
		_, shared := cosine(a, b)
		return Link{Score: 1, Shared: shared}
	}
	if twoInOneSentence(a, b, ra, rb) {
		// A sentence giving two numbers states two facts, however close: "Lille has 6 and Nantes
		// 6 too", "the plants ran at 71.5% and 72.0%". Unless one restates the other in another
		// unit or currency (converts, above).
		return Link{}
	}
	measured, measuresClash := compareMeasures(a, b, verdict)
	slippedBoth := slippedAlike(a, b, ra, rb)
	// A figure misreading a range ("1.4 GW" for "1 to 4 GW") is one figure told wrong, whatever
	// else either source calls it.
	misread := misreadAcross(a.statement, b.statement)
	companionSlipped := companionSlip(a, b, ra, rb)
	slipped := slippedBoth || misread || measured && roundedTenfold(ra, rb) || unitSlip(a, b) || companionSlipped
	oneFigure := sameFigure(ra, rb) || slipped
	if a.URL == b.URL && a.URL != "" && !oneFigure && !(a.Currency != b.Currency && verdict == Agree && ratio(ra, rb) <= restatedRatio) &&
		!(a.Currency == b.Currency && verdict == Agree && ra.Floor != rb.Floor && !ra.Ceiling && !rb.Ceiling && ratio(ra, rb) <= companionRatio) {
		// One article giving two figures states two facts (or quotes two sources, which it
		// says), unless one is the other in another currency: "$6 billion" in the headline,
		// "5.8 billion euros" in the body, or its looser floor: "+27 %" and "over +25%". Not a
		// figure agreeing only through a hedge: "more than €230 billion" and "up to $500
		// billion" are two, so are a deal's "$17.4 billion" and its "up to $20 billion".
		return Link{}
	}
	if labelsApart(a, b) {
		return Link{}
	}
	terms, shared := cosine(a, b)
	// Claims of one story (articles naming the same companies, places, programmes) state the
	// same fact far more often than claims of two stories that happen to share words.
	overlap := topicOverlap(a, b)
	story := storyFloor + (1-storyFloor)*min(1, overlap/storyFull)
	aNamedByB, bNamedByA := names(a.subjectNames, b), names(b.subjectNames, a)
	if min(len(a.Topic), len(b.Topic)) < thinTopic && len(shared) >= 2 && aNamedByB && bNamedByA {
		story = max(story, thinStory)
	}
	// A count of the story's own things (gigafactories in a story on gigafactories) is the
	// story's whoever the sentence gives it to: the Commission's four or five and InvestAI's
	// five are one programme's.
	storyCount := a.story != "" && a.story == b.story && a.Metric == b.Metric && metricMeasure(a.Metric) == "count"
	if a.story != "" && a.story == b.story && (aNamedByB && bNamedByA || storyCount) {
		// Both figures are given to one programme or call for proposals: one story, however
		// few names the two articles share ("InvestAI" in one, "Ursula von der Leyen" and
		// "the Commission" in the other).
		story = 1
	}
	if measured && a.Year != 0 && a.Year == b.Year && len(a.subjectNames) > 0 && len(b.subjectNames) > 0 && !subjectsApart(a, b) {
		// One name's figure of one measure for one year is one story's, however little else
		// the two articles name: Meta's capital expenditure for 2025 in a roundup of Big
		// Tech's budgets and in a piece on Meta's AI plans.
		story = max(story, oneHolderStory)
	}
	// So is one unnamed holder's share of one measure for one year: data centres' share of
	// electricity by 2028, in a piece on the statistics office and in one on the grid.
	if measured && a.Year != 0 && a.Year == b.Year && a.Dim == "percent" && len(a.subjectNames) == 0 && len(b.subjectNames) == 0 && sharesKey(a.holder, b.holder) {
		story = max(story, oneHolderStory)
	}
	// So are a town's figure and a close one its article places nowhere: the campus's power.
	if (placedInStory(a, b) || placedInStory(b, a)) && ratio(ra, rb) <= companionRatio {
		story = max(story, oneHolderStory)
	}
	// So are two sentences giving the same two figures, one printed at the wrong scale
	// throughout: "430 milliards …, 82 milliards" and "$43 billion …, $8.2 billion"; and two
	// giving close figures beside one other, in whatever unit (parallelFigures): the start of one
	// change, told in gallons and in litres.
	parallel := ratio(ra, rb) <= companionRatio && parallelFigures(a, b)
	if slippedBoth || parallel {
		story = max(story, oneHolderStory)
	}
	oneShare := oneSharesMove(a, b, aNamedByB, bNamedByA, overlap)
	if oneShare {
		// One company's share moving at one moment of one day is one fact, however little
		// else the two articles share: "L'action AMD a bondi de 23,71%" and "its stock surged
		// more than thirty percent following the announcement".
		story = 1
	}
	closeness := valueCloseness(ra, rb, verdict)
	if slipped {
		closeness = 1 // one figure misprinted, as sameFigure's
	}
	s := (termsWeight*terms + valueWeight*closeness) * story
	recount := recounted(a.Dim, ra, rb)
	bothMetrics := a.Dim == dimCount && a.Metric != "" && b.Metric != ""
	// The glossary's subject is the nearest term it knows, which two sentences on one story
	// may name differently ("data-centres/buildings", "lumen/buildings"): its measure holds
	// when the story and the words do.
	sameMetric := bothMetrics && a.Metric == b.Metric && (oneFigure || terms >= metricSupport || story >= metricSupportStory && (verdict != Disagree || storyCount || recount)) ||
		bothMetrics && metricMeasure(a.Metric) == metricMeasure(b.Metric) && terms >= metricSupport && story >= metricSupportStory
	if sameMetric {
		// The extractor's glossary reads both as one subject's one measure.
		s += metricBonus * story
	}
	bothExpected := a.expected && b.expected
	companion := closeCompanions(a, b, ra, rb) || companionSlipped
	near := sharesNear(a, b) || companion || parallel || oneShare || bothExpected || slippedBoth || sharesKey(a.models, b.models)
	sameMeasure, clash := measured || oneShare || bothExpected || defaultCapacity(a, b) || defaultCapacity(b, a), measuresClash
	if a.expected != b.expected {
		// What analysts expected and the result: "revenue of $12.3 billion" and "beating the
		// consensus of $11.9 billion".
		clash = true
	}
	if keysApart(a.models, b.models) {
		// Two models or periods next to the numbers: 50,000 H100s and 50,000 H200s, a first
		// quarter and a third.
		clash = true
	}
	if a.shareMove && b.shareMove && (otherCompanysMove(a, b, aNamedByB) || otherCompanysMove(b, a, bNamedByA)) {
		// A share's move given to a company, and one given to no one in a story that never
		// names it: two companies' moves, however alike the words ("shares rose 4.4%", "the
		// stock rose over 4%").
		clash = true
	}
	twoMoments := a.sharePrice && b.sharePrice && ((verdict == Disagree || inCents(ra) && inCents(rb)) && !onePrice(ra, rb) || daysApart(a, b, sharePriceSpan)) ||
		a.shareMove && b.shareMove && (daysApart(a, b, sharePriceSpan) || sessionsApart(a.session, b.session)) ||
		verdict == Disagree && valued(a) && valued(b) && daysApart(a, b, valuationSpan)
	if twoMoments {
		// Two prices of a share are two moments (a close and an intraday high, an entry
		// price and today's), not two readings of one; so is one price told in stories days
		// apart. Prices a few cents apart told the same day are one moment misreported:
		// $164.42 and $164.37 for a record high, not $163.69 on the way to it. A share's moves
		// told in stories days apart are two days' moves: "rose 3.4%" on one deal and "jumped
		// more than 4%" on results two months later; so are a day's move and its peak within
		// the day or its move after hours: "bondi de 24 %" and "37% in early trading".
		// Differing valuations told weeks apart are two rounds' or two markets': Lumen "valued
		// at $183 billion" in October and "350 milliards" after a deal in November.
		clash = true
	}
	if a.sharePrice != b.sharePrice && max(ra.Point, rb.Point) >= largeAmount {
		// A share's price and a sum of millions are two things, whatever digits they share:
		// Lumen's shares "à 178,22 dollars" and its "180 millions de dollars" of chips.
		clash = true
	}
	if verdict == Disagree && a.spreadOver != "" && b.spreadOver != "" && a.spreadOver != b.spreadOver {
		// Counts of the places two things are spread across: "24 US factories across 12
		// states" and "content production for its streaming service across 20 states".
		clash = true
	}
	if verdict == Disagree && !oneFigure && (ownedByUnnamedPlace(a, b) || ownedByUnnamedPlace(b, a)) {
		// A place's figure and one of an article that never names the place: "North Wales is
		// in line for more than 3,400 new jobs" and the North East's "more than 5,000".
		clash = true
	}
	if verdict == Disagree && (jointFigure(a, b) || jointFigure(b, a)) {
		// One name's figure and one its sentence gives jointly to that name and others the
		// first article never names: Meta's "600 milliards de dollars" and "Amazon, Alphabet,
		// Meta et Microsoft prévoyant de dépenser plus de 360 milliards de dollars".
		clash = true
	}
	if verdict == Disagree && besideOther(a, b) {
		// A sentence giving the other's figure beside its own tells the two apart: "2 GW by
		// 2030, scalable to 5 GW" and another outlet's "5 GW"; so do parallel sentences, each
		// giving both figures for two things: "Lumen and Orbis are to get 12,000 GPUs apiece,
		// and Vela is to take about 18,000" and "12,000 units apiece, and Vela is to take about
		// 18,000 GPUs".
		clash = true
	}
	if (a.Dim == "percent" || a.Dim == "times") && (a.direction != 0) != (b.direction != 0) && (verdict == Disagree || stakeAndMove(a, b) || stakeAndMove(b, a)) {
		// A change and a level are two facts: Lumen's shares "rose 3.4%" and Lumen's stake "of
		// about 4%" in Orbis, told of one deal, however close the two figures; so are a growth
		// "tenfold" and a valuation "25 fois le chiffre d'affaires".
		clash = true
	}
	if verdict == Disagree && keysApart(a.shareOf, b.shareOf) {
		// Shares of two things: "roughly 60% of the working-age population" and "roughly
		// two-thirds of the money spent".
		clash = true
	}
	if a.ratioBase != "" && b.ratioBase != "" && a.ratioBase != b.ratioBase {
		// Ratios of two measures: a valuation "25 fois le chiffre d'affaires" and a gain "x30
		// sur son investissement".
		clash = true
	}
	if verdict == Disagree && (underCeiling(ra, rb) || underCeiling(rb, ra)) {
		// A plan's ceiling and a figure under half of it are its first step and its
		// reach: "jusqu'à dix petits réacteurs" and "three small modular reactors".
		clash = true
	}
	if verdict == Disagree && !slipped && purposesApart(a, b) {
		// Two envelopes of one plan: "€2 billion for farming" and "€6 billion for chips". Not
		// one figure misprinted, whatever each outlet says it goes to.
		clash = true
	}
	if verdict == Disagree && (a.Dim == "percent" || a.Dim == dimMoney) && !slipped && !(a.total && b.total) && !(a.shareMove && b.shareMove) && amountsApart(a, b) {
		// Percentages of two amounts are of two things: AWS's revenue "up 24% to $35.6
		// billion" and advertising's "$21.3 billion …, representing 22% growth"; so are sums
		// told beside two far-apart sums: a round of $25 billion "at a $350 billion
		// valuation" and one of "at least $30 billion" at "more than $900 billion". Not
		// amounts a sentence printed at the wrong scale throughout (slipped): "430 milliards …
		// 82 milliards" is "$43 billion … $8.2 billion". Nor two totals, whose parts differ
		// as they do: "$65 billion … bringing its total to $165 billion" and "an additional
		// $100 billion …, bringing total spend to $160 billion".
		// Not two moves of one share, whatever its sentences say it did to the company's
		// value: "up more than 12%, bringing its market capitalization to over $1.5 trillion"
		// and "up about 10% (adding ~$150 billion to market cap)".
		clash = true
	}
	if verdict == Disagree && localCurrencies(a, b) && !sharesKey(a.subjectNames, b.subjectNames) {
		// Two sums each in a local currency, yen and euros, are most often two economies'
		// sums: Japan's subsidy to one fab and Germany's to another. A sum restated in another
		// currency agrees with its original at our rates; the dollar is everyone's currency.
		// Not the sums of one name: a Danish fund "contributing around €8 million" and
		// "DKK100 million".
		clash = true
	}
	if verdict == Disagree && subjectsApart(a, b) && len(a.others) > 0 && len(b.others) > 0 && (a.story == "" || a.story != b.story) {
		// Sentences each giving figures of several names, ours given to different ones:
		// "Orbis, valued at $50 billion, rivals Lumen, valued at $157 billion" and "Vela is
		// valued at $183 billion, while Lumen's valuation soared to $500 billion". Not in one
		// programme's story, whose figures are the programme's whoever the sentence names: the
		// Commission's 76 proposals and the EU's more than 160 companies.
		clash = true
	}
	if verdict == Disagree && foreignName(a, b) && foreignName(b, a) && subjectsApart(a, b) {
		// Each figure stands next to a name of its article that the other's never uses, and
		// the two are given to different names: Intel's award and Micron's, each sentence
		// naming the Department of Commerce that gives it.
		clash = true
	}
	if verdict == Agree && !oneFigure && subjectsApart(a, b) && aNamedByB != bNamedByA {
		// Two figures agreeing only through a hedge, given to two names, one never named by
		// the other's sentence: Lumen's $15.2 billion for the Gulf and Orbis's deal with Lumen
		// worth "up to $19.4 billion".
		clash = true
	}
	if verdict == Disagree && !oneFigure && subjectsApart(a, b) && aNamedByB && bNamedByA && max(a.names, b.names) <= fewNames {
		// Each sentence names both names and gives its figure to another: Vela's "$110
		// billion valuation, ahead of Orbis" and "ahead of Orbis, valued at $90 billion". Not
		// one of a list of names, a poor guess of whose a figure is.
		clash = true
	}
	if (verdict == Disagree && !oneFigure || a.Currency != b.Currency) && storiesApart(a, b) {
		// Two stories told in two places: a company's $20 billion for Pennsylvania and its
		// more than €20 billion in France, each article naming only its own place. So are
		// two sums in two currencies, however near at our rates: Amazon's €15.7 billion for
		// its data centres in Spain and its $18 billion power deal in Pennsylvania.
		clash = true
	}
	if verdict == Disagree && a.worthNow != b.worthNow {
		// What a holding is worth today and what was paid for it: "that stake is now worth
		// $13.9 billion" and "la prise de participation de 10 milliards de dollars".
		clash = true
	}
	if verdict == Disagree && (a.global && len(b.places) > 0 || b.global && len(a.places) > 0) {
		// The world's figure and a place's: "global investment forecasts of $2 trillion" and
		// "around $1 trillion of capital expenditures in the United States".
		clash = true
	}
	if verdict == Disagree && !oneFigure && (placedUnnamed(a, b) || placedUnnamed(b, a)) {
		// A figure put in a town that the other's article never names is that town's: "À
		// Marcoussis, … treize data centers" and a park's "seven existing data centers".
		clash = true
	}
	if verdict == Disagree && placesApart(a, b) || placedElsewhere(a, b) || placedElsewhere(b, a) {
		// Two figures put in two places: a campus in Texas and one in Narvik, however alike
		// the deals. Not one figure: "à La Courneuve" and "en Seine-Saint-Denis" may name one
		// site, one place inside the other. But one figure put in a country that the other's
		// story, set elsewhere, never names: a company's $15 billion for the UK and its $15.2
		// billion in a story on the Gulf.
		clash = true
	}
	if near {
		// Both numbers sit next to the same measure word: "valuation", "capex", "charge"; or
		// are given to one model: "each H100 handling up to four petaflops" and "each H100 GPU
		// delivering up to 2,000 teraflops".
		s += nearBonus * story
	}
	if a.Year != 0 && a.Year == b.Year && verdict == Agree {
		s += sameYearBonus * story
	}
	if clash {
		s *= measureClash
	}
	if (a.increment != b.increment || a.part != b.part && !(a.phase != 0 && a.phase == b.phase) || partOfTotal(a, b, ra, rb) || a.soFar != b.soFar && !(a.total && b.total) || a.target != b.target ||
		a.perUnit != b.perUnit || a.yearly != b.yearly) && !samePoint(ra, rb) && !recount && !slippedBoth && !misread {
		// An addition and a total are two facts: "an option on another 700 MW" and a 1.5 GW
		// campus, "50,000 more GPUs" and a 100,000-GPU cluster; so are a part and a whole: "6,4
		// milliards, dont 2,9 milliards pour les entrepôts" and "un milliard". Not one figure
		// that only one source calls an addition: "will add 50,000 H200s" and "50,000 H200s".
		// Nor money spent so far and money planned: "a déjà investi 4,7 milliards" and "va
		// investir près de 3 milliards". Nor all there are and some: "suppliers across all 50
		// states" and "content production across 20 states". A yearly rate and a count are two
		// facts too: "an average of 2,800 full-time jobs annually" and "4,000 new jobs this year".
		// Not two figures of one stage, whichever calls it a part: "an initial phase of 1.5
		// gigawatts" and "the initial phase to consist of 1.4 GW".
		s *= incrementClash
	}
	if verdict == Disagree && ratio(ra, rb) >= farApart && !oneFigure && !digitSlip(ra.Written, rb.Written) && !(sameMetric && a.statement.qualifier == b.statement.qualifier && thousandfold(ra, rb)) {
		// Sources disagreeing on one fact rarely do by a factor of three or more (76 proposals
		// and more than 160 companies are a factor of two); figures that far apart are most often
		// two facts of one story: half a million accelerators for five gigafactories, three
		// million GPUs in all the proposals. Not one glossary metric's figure written with the
		// same digits a scale word apart, hedged alike: "deux milliards d'utilisateurs" and "two
		// million users" are one count misprinted; a misprint changes the scale word, not the
		// hedge, and "about 1,000 people" employed is no misprint of "un million de personnes".
		s *= farScale
	}
	if verdict == Disagree && !near && !sameMetric && !sameMeasure && !sharesKey(a.models, b.models) && !oneQuantity(a, b) {
		// Two figures of one story that differ are most often two facts (a first phase and
		// the whole, a site and the campus) unless something says they measure one thing: a
		// word next to both, a measure, the glossary's metric, or one model they are given to
		// ("each H100 handling up to four petaflops", "each H100 GPU delivering up to 2,000
		// teraflops").
		s *= unsupportedDisagreement
	}
	if oneFigure && !twoMoments {
		// Two outlets writing the same uncommon figure (473%, 1,661 GWh) are rarely about two
		// things; the same round figure (10%, 100) often is. A share's price is, at two moments.
		spec := min(specificity(ra.Written), specificity(rb.Written))
		if misread {
			spec = max(specificity(ra.Written), specificity(rb.Written)) // "1 to 4" writes the digits of "1.4"
		}
		s += specificBonus * spec
	}
	// A figure naming its quarter and a differing one naming none are of two periods, unless one
	// uncommon figure beside both (companion) says they are of one result: "Revenue for the
	// first quarter was $12.34 billion, short of the $12.6 billion expected" and "$12.34
	// billion, versus the Wall Street estimated $12.5 billion"; or they are one figure misprinted:
	// "third-quarter revenue of $51.24 billion" and "revenue of $512.4 billion". So with a figure
	// naming its stage and a differing one naming none: "la première tranche … 10 000 mètres
	// carrés … 19 MW" and "PAR8 will offer 9,600 square meters … and 19 MW".
	if a.Year != 0 && b.Year != 0 && a.Year != b.Year || (verdict == Disagree || !samePoint(ra, rb)) && a.superseded != b.superseded || differentYearParts(a, b) || quartersApart(a, b) || a.period != 0 && b.period != 0 && a.period != b.period ||
		a.phase != 0 && b.phase != 0 && a.phase != b.phase || verdict == Disagree && (a.phase > 0) != (b.phase > 0) && a.phase != phaseAll && b.phase != phaseAll && !recount && !companion ||
		verdict == Disagree && (a.yearPart > 0) != (b.yearPart > 0) && !companion && !oneFigure || a.changeBase != 0 && b.changeBase != 0 && a.changeBase != b.changeBase ||
		yearOnYearAndSpan(a, b) || yearOnYearAndSpan(b, a) ||
		verdict == Disagree && (a.now && b.Year > a.Published.Year() || b.now && a.Year > b.Published.Year()) {
		s *= yearMismatch
	}
	if verdict == Agree && a.former != b.former {
		// What a revised figure was and a figure told as it stands: the outlet giving the old
		// value as current is behind the revision, and disagrees with the new value, not
		// with the history.
		s *= yearMismatch
	}
	if verdict == Disagree && (a.Dim == "percent" || a.Dim == "Wh") && (holderUnnamed(a, b) || holderUnnamed(b, a)) {
		// Shares held by two things: "rural households" 10% of the power and data centres
		// 30%, where the other sentence never names the first's holder. So with energy two
		// things consumed: data centres' 6,334 GWh and large energy users' 9,102 GWh.
		s *= subjectClash
	}
	if verdict == Disagree && len(shared) < 2 {
		// Two figures that differ, with one word in common: "Une enveloppe de 4 milliards lui
		// est consacrée" and "Huit milliards d'euros seront consacrés à l'énergie" share
		// "consacrée" and nothing of what either sum is for.
		s *= loneWordScale
	}
	s = min(1, s)
	// A figure of a name and a differing figure of no one named, the name absent from the
	// other's article: most often a part and its whole, the two sites of one region and the
	// four or five the EU will fund. An article naming the company elsewhere speaks of it:
	// Nordvolt's 300 jobs and "400 emplois" in a story on Nordvolt are one fact. So are two
	// figures beside one uncommon figure, whoever the sentences give them to: the homes the same
	// 960 megawatts would power, "over a million" in one, "more than 500,000" in the other.
	partOfWhole := verdict == Disagree && !oneFigure && (len(a.subjectNames) == 0) != (len(b.subjectNames) == 0) &&
		!((aNamedByB || inTopic(a.subjectNames, b)) && (bNamedByA || inTopic(b.subjectNames, a)))
	if (!aNamedByB && !bNamedByA || partOfWhole && !sameCompanion(a, b)) && !(oneFigure && a.Currency == b.Currency && min(specificity(ra.Written), specificity(rb.Written)) >= 0.5 && (a.Dim == dimCount || overlap >= oneStoryOverlap)) && !storyCount {
		// Each figure belongs to someone the other's article does not name near it: Meta's
		// capex and Microsoft's, however alike the sentences. Unless both give one uncommon
		// figure: two outlets naming one thing two ways ("Colossus", "xAI's supercomputer"),
		// in articles of one story if it is a sum: Google's $15 billion for an AI hub and
		// Microsoft's for a supercomputer share two digits and no story. Not the same digits
		// in two currencies: Lumen's €1.3 billion and Orbis's $1.3 billion are two sums that
		// happen to share them.
		s *= subjectClash
	}
	return Link{Score: s, Shared: shared}
}

// oneQuantity reports two physical quantities (a power, an energy, a volume, an area) that the
// extractor gives to one subject: what is measured is the quantity itself, "815,253 cubic
// meters" of water a year and "755 720 mètres cubes". Not money, counts nor shares, whose
// measure the unit does not say.
func oneQuantity(a, b *Signature) bool {
	switch a.Dim {
	case dimMoney, dimCount, "percent", "times":
		return false
	}
	return a.Metric != "" && a.Metric == b.Metric
}

// otherCompanysMove reports a move given to a name that o, a move given to no one, never
// uses: not in its sentence nor headline (namedByO), nor in its article's topic.
func otherCompanysMove(named, o *Signature, namedByO bool) bool {
	return len(named.subjectNames) > 0 && len(o.subjectNames) == 0 && !namedByO && !inTopic(named.subjectNames, o)
}

// underCeiling reports a ceiling ("up to twelve") and a figure, hedged from no side, under half
// of it.
func underCeiling(ceiling, f Reading) bool {
	return ceiling.Ceiling && !f.Ceiling && !f.Floor && f.Hi < ceiling.Point/2
}

// sessionsApart reports two moments of a trading day. A move told at no moment is the day's,
// or, when the news came after the bell, its move after hours: "down more than 10% after the
// company posted earnings" and "a chuté de plus de 10 % après la clôture" are one. A move told
// on a named day is that day's session: "rose more than 2.5% Friday" and "in after-hours
// trading, Alphabet shares rose more than 3.5 percent" are two.
func sessionsApart(a, b tradingSession) bool {
	if a > b {
		a, b = b, a
	}
	if b == sessionDay {
		return a != sessionClose && a != sessionDay
	}
	return a != b && !(a == sessionClose && b == sessionAfterHours)
}

// oneSharesMove reports two moves of one company's share told at one moment of the trading
// day, in stories of one day: the sentences give the move to one name, or one gives it to a
// name the other's article uses and the other to none. Undated stories are of one day when
// their articles share a story (overlap, their topicOverlap).
func oneSharesMove(a, b *Signature, aNamedByB, bNamedByA bool, overlap float64) bool {
	if !a.shareMove || !b.shareMove || sessionsApart(a.session, b.session) || daysApart(a, b, sharePriceSpan) ||
		len(a.subjectNames) == 0 && len(b.subjectNames) == 0 || !aNamedByB || !bNamedByA || subjectsApart(a, b) {
		return false
	}
	return !a.Published.IsZero() && !b.Published.IsZero() || overlap >= storyFull/2
}

// sharePriceSpan is how far apart two stories quoting a share's price or move may be published
// for the prices to be of one moment.
const sharePriceSpan = 48 * time.Hour

// samePriceTolerance is how close two prices of a share are to be one price misreported.
const samePriceTolerance = 0.001

// inCents reports a price written to the cent, which a hedge leaves a price of its moment:
// "trading at about $154.30" and "fallen to $153.05" are two moments.
func inCents(r Reading) bool {
	return r.Written != math.Trunc(r.Written)
}

// onePrice reports two prices of a share close enough to be one misreported.
func onePrice(a, b Reading) bool {
	return math.Abs(a.Stated-b.Stated) <= samePriceTolerance*max(math.Abs(a.Stated), math.Abs(b.Stated))
}

// daysApart reports two claims published more than span apart, both dated.
func daysApart(a, b *Signature, span time.Duration) bool {
	return !a.Published.IsZero() && !b.Published.IsZero() && a.Published.Sub(b.Published).Abs() > span
}

// valuationSpan is how far apart two stories giving a company's value may be published for the
// values to be of one moment: a round or a market's day is told within days.
const valuationSpan = 14 * 24 * time.Hour

// valued reports a figure of a company's value: its valuation or its market capitalisation.
func valued(s *Signature) bool {
	for m := range s.measures {
		if m == "valuation" || strings.HasPrefix(m, "valuation/") {
			return true
		}
	}
	return false
}

// stakeAndMove reports a stake (a share held, no rise or fall) and a move of a share's price.
func stakeAndMove(stake, move *Signature) bool {
	return stake.direction == 0 && stake.measures["share"] && move.direction != 0
}

// holderUnnamed reports a share whose holder, a thing with no name, b's sentence never names.
func holderUnnamed(a, b *Signature) bool {
	return len(a.holder) > 0 && len(a.subjectNames) == 0 && !namesAny(a.holder, b)
}

// yearPartSpan bounds how far apart two articles may be published for the parts of the year
// they name to be of one year: the second quarter of one year and the third of the next say
// nothing.
const yearPartSpan = 270 * 24 * time.Hour

// differentYearParts reports figures reported for two parts of one year that do not overlap: a
// second quarter's revenue and a third's, a first half's vacancy rate and a second half's
// (though not a half-year and a quarter within it), however alike the sentences.
func differentYearParts(a, b *Signature) bool {
	if a.yearPart == 0 || b.yearPart == 0 {
		return false
	}
	aFrom, aTo := yearPartMonths(a.yearPart)
	bFrom, bTo := yearPartMonths(b.yearPart)
	if aTo >= bFrom && bTo >= aFrom {
		return false
	}
	return a.Published.IsZero() || b.Published.IsZero() || a.Published.Sub(b.Published).Abs() < yearPartSpan
}

// quartersApart reports two quarterly figures published too far apart to be one quarter's:
// results stories name "the quarter" and rarely which, and come out each quarter. A revenue or
// a profit is a period's, named or not ("son chiffre d'affaires a atteint 5,66 milliards").
// Not when both name the same quarter of the same year.
func quartersApart(a, b *Signature) bool {
	if !a.periodic() || !b.periodic() || a.Published.IsZero() || b.Published.IsZero() ||
		a.Year != 0 && a.Year == b.Year && a.yearPart == b.yearPart {
		return false
	}
	return a.Published.Sub(b.Published).Abs() > quarterGap
}

// quarterGap is how far apart two stories on one quarter's figures are published at most.
const quarterGap = 45 * 24 * time.Hour

// periodic reports a figure reported for a quarter, or a period's revenue or profit.
func (s *Signature) periodic() bool {
	return s.period == 3 || s.yearPart >= 1 && s.yearPart <= 4 || s.measures["revenue"] || s.measures["profit"]
}

// readings returns the readings a and b are compared in (inOneUnit).
func readings(a, b *Signature) (Reading, Reading) {
	return inOneUnit(a.Currency, a.Reading, a.native, b.Currency, b.Reading, b.native)
}

// valueCloseness is 1 for the same figure, 0.8 for figures a reader finds compatible, both less
// for round figures, and falls with their ratio for others: 0.5 at a factor of 2.
func valueCloseness(a, b Reading, v Verdict) float64 {
	// Two sources agreeing on a round figure (30%, 100) say less than on a precise one (837 MW):
	// round figures recur across the facts of a story.
	precise := roundAgreement + (1-roundAgreement)*max(specificity(a.Written), specificity(b.Written))
	switch {
	case sameFigure(a, b) && v == Disagree:
		// The same number in another currency: "$5 billion" for "€5 billion" is one figure
		// misreported, not a coincidence.
		return 1
	case sameFigure(a, b):
		return precise
	case v != Disagree && (a.Floor || a.Ceiling || b.Floor || b.Ceiling) && ratio(a, b) > boundReach:
		// A bound agrees with every figure on its side, but a reader sees "up to $3.9 billion"
		// and $1.8 billion as far apart: closeness falls with the figures' ratio.
		return min(0.8*precise, 1/(1+2*math.Log2(ratio(a, b))))
	case v != Disagree:
		// A wide range ("campuses of 500 MW to 2 GW") describes a spread of things more than
		// it states one: every figure inside it agrees with it, which says little.
		return 0.8 * precise / (1 + math.Log2(max(spread(a), spread(b), wideSpread)/wideSpread))
	}
	r := ratio(a, b)
	if math.IsInf(r, 1) {
		return 0
	}
	return 1 / (1 + 2*math.Log2(r))
}

// recounted reports two precise counts a few percent apart: one count told twice, a recount or
// a revision ("18,693 GPUs" and "18,417 GPUs in the first tranche"), rarely a part and its
// whole, which stand further apart. Not sums or shares, close by nature: a result and its
// consensus, a margin under two accountings.
func recounted(dim string, a, b Reading) bool {
	return dim == dimCount && min(specificity(a.Written), specificity(b.Written)) >= 1 && ratio(a, b) <= neighbourRatio
}

// neighbourRatio bounds how far apart stand two precise figures of one count told twice.
const neighbourRatio = 1.05

// boundReach is how far a figure may stand from a bound it agrees with ("up to", "more than")
// and be read as close to it.
const boundReach = 1.5

// wideSpread is the ratio of a range's ends past which agreeing with it says less.
const wideSpread = 1.5

// spread is how many times a reading's upper end is its lower: near 1 for a figure, its
// rounding or "about", far more for a wide range. 1 for a one-sided hedge, whose reach is ours.
func spread(r Reading) float64 {
	if r.Floor || r.Ceiling || r.Lo <= 0 || r.Hi <= r.Lo {
		return 1
	}
	return r.Hi / r.Lo
}

// ratio is how many times the larger of two figures is the smaller, +Inf when one is 0.
func ratio(a, b Reading) float64 {
	lo, hi := math.Abs(a.Point), math.Abs(b.Point)
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == 0 {
		return math.Inf(1)
	}
	return hi / lo
}

// cosine is the weighted cosine of two signatures' terms, and the shared terms by weight.
func cosine(a, b *Signature) (float64, []string) {
	if a.norm == 0 || b.norm == 0 {
		return 0, nil
	}
	type weighted struct {
		key string
		w   float64
	}
	var dot float64
	var shared []weighted
	for k, wa := range a.Terms {
		if wb, ok := b.Terms[k]; ok {
			dot += wa * wb
			shared = append(shared, weighted{k, wa * wb})
		}
	}
	slices.SortFunc(shared, func(x, y weighted) int {
		if c := cmp.Compare(y.w, x.w); c != 0 {
			return c
		}
		return cmp.Compare(x.key, y.key)
	})
	keys := make([]string, 0, min(len(shared), sharedShown))
	for _, s := range shared[:min(len(shared), sharedShown)] {
		keys = append(keys, a.words[s.key])
	}
	return dot / (a.norm * b.norm), keys
}

// partOfTotal reports one of a and b given as a total and the other, not, under it: a part of
// that whole, most often ("un total de 12 sites", "7 sites en France"). A figure above the total
// is none of its parts: "properties totaling about 500 hectares" and "1,400 hectares of land"
// are one purchase told apart.
func partOfTotal(a, b *Signature, ra, rb Reading) bool {
	if a.whole == b.whole {
		return false
	}
	if b.whole {
		ra, rb = rb, ra
	}
	return rb.Point < ra.Point
}

// sameCounted reports whether two counts count the same thing by any key.
func sameCounted(a, b [4]string) bool {
	for i := range a {
		if a[i] != "" && a[i] == b[i] {
			return true
		}
	}
	return false
}

// Candidate is a claim already assigned to a fact.
type Candidate struct {
	Signature *Signature
	Fact      string
}

// Assign returns the fact that s states, among the facts of candidates, with the link to it,
// or s's own id as a new fact. A fact is s's when s's best link to one of its claims reaches
// LinkMinScore and the mean of its two best links reaches meanMinScore, which keeps one loose
// link from chaining two facts into one; a fact of one article's claims, its figure repeated,
// is one source, whose best link is enough. A fact holding another value from s's own article is
// not s's, unless that value is s's figure misprinted a thousandfold or s converts one of the
// fact's claims beside it; nor is one holding another value for another year than s's
// (yearsApart). Only the two best links count, so that whether s joins a fact does
// not depend on how many of its claims, about it or loosely linked, arrived before s.
// Candidates should hold every claim of their facts.
func Assign(s *Signature, candidates []Candidate) (string, Link) {
	type tally struct {
		best   Link
		with   *Signature // the claim of best
		second float64    // the second best link's score, 0 when the fact has one claim
		n      int
		// article is the URL of the fact's claims when they are all one article's: its
		// figure repeated, one source, whose best link is the fact's.
		article string
		vetoed  bool
		// restates says s converts one of the fact's claims beside it: the article's own
		// account of the fact, kept whatever else the article says ("over ¥10 trillion
		// (approximately US$87 billion)" under a headline's "$65bn").
		restates bool
	}
	byFact := make(map[string]*tally)
	var order []string
	links := candidateLinks(s, candidates)
	for i, c := range candidates {
		o := c.Signature
		if o.ID == s.ID {
			continue
		}
		t := byFact[c.Fact]
		if t == nil {
			t = &tally{}
			byFact[c.Fact] = t
			order = append(order, c.Fact)
		}
		if converts(s, o) {
			t.restates = true
		}
		switch oneArticleApart(s, o) {
		case apart:
			t.vetoed = true
		case unrelated:
			continue
		}
		if yearsApart(s, o) {
			t.vetoed = true
		}
		l := links[i]
		t.n++
		if t.n == 1 {
			t.article = o.URL
		} else if o.URL != t.article {
			t.article = ""
		}
		if l.Score > t.best.Score {
			t.second, t.best, t.with = t.best.Score, l, o
		} else {
			t.second = max(t.second, l.Score)
		}
	}
	bestFact, best, bestRank := s.ID, Link{Score: 1}, 0.0
	var with *Signature
	for _, f := range order {
		t := byFact[f]
		mean := t.best.Score
		if t.n > 1 && t.article == "" {
			mean = (t.best.Score + t.second) / 2
		}
		if t.vetoed && !t.restates || t.best.Score < LinkMinScore || mean < meanMinScore || givesOtherFigure(s, t.with, t.best.Score) {
			continue
		}
		rank := (t.best.Score + mean) / 2
		if rank > bestRank || rank == bestRank && f < bestFact {
			bestFact, best, bestRank, with = f, t.best, rank, t.with
		}
	}
	if with != nil {
		best.Varies = Varies(s, with, best.Score)
	}
	return bestFact, best
}

// yearsApart reports two claims giving differing figures for two years they both name: a
// contribution of €21.6 billion to GDP by 2033 and one of €31.7 billion by 2035 are two facts,
// however well each links to a third outlet's figure naming no year.
func yearsApart(s, o *Signature) bool {
	return s.Year != 0 && o.Year != 0 && s.Year != o.Year && s.statement != o.statement
}

// mergedClaims bounds the claims of two facts Merges joins: a late claim tying two small facts
// is what an arrival order split (a figure and a differing one, each told first by one outlet);
// two facts of many claims each stayed apart on many links, whatever one claim says. A fact of
// one article's claims is not bounded: one outlet's differing figure, told before the others,
// stays alone however many outlets then agree among themselves.
const mergedClaims = 5

// mergeMinScore is how sure the link from an arriving claim to a fact it merges must be, unless
// the claim's fact is its own article's (Merges).
const mergeMinScore = 0.4

// Merge is a fact that another absorbs (Merges).
type Merge struct {
	Fact string
	// Link is the arriving claim's link to the fact: the one the claim that started the fact,
	// which linked to none, now rests on.
	Link Link
}

// Merges returns the other facts among candidates that fact, the one Assign gave s, absorbs now
// that s has arrived: facts s would have joined too (Assign's test, on their claims alone, at
// mergeMinScore or surer, or at Assign's bar when fact holds only claims of s's article), that
// state another value than fact's claims and s, and that join fact both ways, a claim of each
// being given the other's fact, with no article telling a claim of one apart from a claim of
// the other. Facts form as claims arrive, so without merging an order that brings in "714 MW"
// first and another outlet's "600 MW" next leaves two facts the "600 mégawatts" arriving last
// ties together; in the order "600 mégawatts", "714 MW" they are one. Facts of one figure are
// left apart: merging them finds no disagreement and only risks joining two calls for proposals
// that each drew 76. Only facts of at most mergedClaims claims together merge, or a fact of
// one article's claims into any. Candidates should hold every claim of their facts, and s is
// not among them.
func Merges(s *Signature, fact string, candidates []Candidate) []Merge {
	var order []string
	byFact := make(map[string][]Candidate)
	for _, c := range candidates {
		if _, ok := byFact[c.Fact]; !ok {
			order = append(order, c.Fact)
		}
		byFact[c.Fact] = append(byFact[c.Fact], c)
	}
	into := []*Signature{s}
	for _, c := range byFact[fact] {
		into = append(into, c.Signature)
	}
	// A fact of s's own article alone (its headline, s its body) is one the other fact's
	// claims would have joined at Assign's own bar had they arrived after the article: the
	// order is all that kept them apart.
	bar := LinkMinScore
	if slices.ContainsFunc(into, func(o *Signature) bool { return o.URL != s.URL }) {
		bar = mergeMinScore
	}
	var out []Merge
	for _, f := range order {
		other := byFact[f]
		if f == fact || len(into)+len(other) > mergedClaims && !oneArticle(other) {
			continue
		}
		got, link := Assign(s, other)
		if got != f || link.Score < bar {
			continue
		}
		from := make([]*Signature, len(other))
		for i, c := range other {
			from[i] = c.Signature
		}
		// s joins the other fact (above); a claim of it must join fact too, so that some
		// order of arrival would have made the two one.
		if !statesOther(into, from) || toldApart(into, from) || !anyJoins(from, into) {
			continue
		}
		link.With = s.ID
		out = append(out, Merge{Fact: f, Link: link})
		into = append(into, from...)
	}
	return out
}

// oneArticle reports candidates all of one article.
func oneArticle(cs []Candidate) bool {
	for _, c := range cs[1:] {
		if c.Signature.URL != cs[0].Signature.URL {
			return false
		}
	}
	return true
}

// statesOther reports a claim of b stating another value than a claim of a.
func statesOther(a, b []*Signature) bool {
	for _, s := range a {
		for _, o := range b {
			if s.statement != o.statement {
				return true
			}
		}
	}
	return false
}

// toldApart reports an article telling a claim of a apart from a claim of b.
func toldApart(a, b []*Signature) bool {
	for _, s := range a {
		for _, o := range b {
			if oneArticleApart(s, o) == apart || oneArticleApart(o, s) == apart {
				return true
			}
		}
	}
	return false
}

// anyJoins reports a claim of from that Assign gives the fact of the claims into.
func anyJoins(from, into []*Signature) bool {
	const fact = "into"
	cands := make([]Candidate, len(into))
	for i, o := range into {
		cands[i] = Candidate{Signature: o, Fact: fact}
	}
	for _, s := range from {
		if f, _ := Assign(s, cands); f == fact {
			return true
		}
	}
	return false
}

// articleVerdict is what one article's two claims say of each other.
type articleVerdict int

const (
	// notTold: the claims are of two articles, or one article gives one figure twice.
	notTold articleVerdict = iota
	// apart: the article gives the two as two figures, so they are two facts.
	apart
	// unrelated: the article's figure as it converts the other elsewhere, at a rate ours
	// reads apart: neither one fact nor two.
	unrelated
)

// oneArticleApart says whether s's article tells s and o apart: it labels them apart, or gives
// them as differing figures that are not one figure misprinted ("€15.7m" in the headline,
// "€15.7 billion" below, "57 milliards" in the headline, "570,1 milliards" below) nor one
// converting the other beside it.
func oneArticleApart(s, o *Signature) articleVerdict {
	if labelsApart(s, o) {
		return apart
	}
	if o.URL != s.URL || s.URL == "" {
		return notTold
	}
	ra, rb := readings(s, o)
	if _, slip := roundedSlip(ra, rb); scaleSlip(ra, rb) || slip || s.Currency != o.Currency && mislabelled(ra, rb) {
		return notTold
	}
	if v, _ := Compare(ra, rb); v == Agree || converts(s, o) {
		return notTold
	}
	if convertedElsewhere(s, o) {
		return unrelated
	}
	return apart
}

// givesOtherFigure reports another figure of s's article that states o's figure, linked to o
// at least as strongly as s is (score): the article tells the two apart, and o's fact is that
// figure's, not s's. "Amazon va investir 15 milliards … qui vient s'ajouter à un investissement
// de 11 milliards" is no account of another outlet's $11 billion.
func givesOtherFigure(s, o *Signature, score float64) bool {
	for _, t := range s.article {
		if t == s || t.Dim != s.Dim {
			continue
		}
		if rs, rt := readings(s, t); sameFigure(rs, rt) || ratio(rs, rt) <= restatedRatio || converts(s, t) {
			continue // s again, or in another currency
		}
		if rt, ro := readings(t, o); sameFigure(rt, ro) && Score(t, o).Score >= score {
			return true
		}
	}
	return false
}

// candidateLinks returns s's link to each candidate, as the candidates' articles tell their
// figures apart (dropOtherFigures). A candidate restating another of its fact in another
// currency, in its own sentence ("the €43 billion ($47bn) Chips Act"), is that figure at the
// writer's rate: s is linked to both as well as to the better of the two, not cut off from the
// fact because our rate reads the conversion apart from s's "43 billion euros".
func candidateLinks(s *Signature, candidates []Candidate) []Link {
	links := make([]Link, len(candidates))
	type sentence struct{ fact, url, text string }
	bySentence := make(map[sentence][]int)
	for i, c := range candidates {
		links[i] = Score(s, c.Signature)
		links[i].With = c.Signature.ID
		if o := c.Signature; o.Currency != "" && o.URL != "" {
			k := sentence{c.Fact, o.URL, o.sentence}
			bySentence[k] = append(bySentence[k], i)
		}
	}
	dropOtherFigures(s, candidates, links)
	for _, same := range bySentence {
		for _, i := range same {
			for _, j := range same {
				if links[j].Score > links[i].Score && converts(candidates[i].Signature, candidates[j].Signature) && !readsFarApart(s, candidates[i].Signature) {
					links[i].Score = links[j].Score
				}
			}
		}
	}
	return links
}

// dropOtherFigures unlinks s from the claims of an article that also gives s's figure, as
// closely linked to s: the article tells the two apart, and s is the one it gives as s gives it,
// however alike the other's sentence.
func dropOtherFigures(s *Signature, candidates []Candidate, links []Link) {
	var givesFigure map[string]float64 // article → its best link to s among claims of s's figure
	for i, c := range candidates {
		if o := c.Signature; o.URL != "" && o.URL != s.URL && o.Dim == s.Dim && o.Currency == s.Currency && o.Reading.Stated == s.Reading.Stated {
			if givesFigure == nil {
				givesFigure = make(map[string]float64, 1)
			}
			givesFigure[o.URL] = max(givesFigure[o.URL], links[i].Score)
		}
	}
	if givesFigure == nil {
		return
	}
	for i, c := range candidates {
		best, ok := givesFigure[c.Signature.URL]
		if o := c.Signature; ok && o.Reading.Stated != s.Reading.Stated && links[i].Score > 0 && links[i].Score <= best {
			if ra, rb := readings(s, o); !sameFigure(ra, rb) {
				links[i].Score = 0
			}
		}
	}
}

// readsFarApart reports an original figure s stands far from in its own currency, more than
// companionRatio: its conversion agreeing with s at our rates, through a hedge, does not make
// it s's ("260 bil. yen" and "up to 590 billion yen ($3.9 billion)"). A conversion s
// disagrees with may still be s's figure at its writer's rate.
func readsFarApart(s, original *Signature) bool {
	if original.restates != 0 {
		return false // a conversion
	}
	rs, ro := readings(s, original)
	v, _ := Compare(rs, ro)
	return v == Disagree && ratio(rs, ro) > companionRatio
}

// topicOverlap is the cosine of two topics' weights, the bodies every European story names
// counting for commonBodyWeight of theirs.
func topicOverlap(a, b *Signature) float64 {
	weight := func(k string, w float64) float64 {
		if commonBodies[k] {
			return w * commonBodyWeight
		}
		return w
	}
	var dot, na, nb float64
	for k, w := range a.Topic {
		w = weight(k, w)
		na += w * w
		if wb, ok := b.Topic[k]; ok {
			dot += w * weight(k, wb)
		}
	}
	for k, w := range b.Topic {
		w = weight(k, w)
		nb += w * w
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// commonBodies are the bodies news on European programmes names whichever programme it tells:
// the Union and its Commission. Two articles naming only them are not one story for it: the
// Digital Europe programme's budget and a chip pilot line's, each "announced by the Commission".
var commonBodies = map[string]bool{"~european_union": true, "~european_commission": true}

// commonBodyWeight is how much of its weight a common body keeps in a topic's overlap.
const commonBodyWeight = 0.5

// samePoint reports whether two statements give the same figure, whatever their hedges ("over
// 10bn" and "roughly 10bn", "2.5 GW" and "2,500 MW"): one article writing it twice, or two
// outlets quoting one source.
func samePoint(a, b Reading) bool {
	return nearlyEqual(a.Point, b.Point)
}

// nearlyEqual reports two numbers within samePointTolerance of each other: one figure written
// again.
func nearlyEqual(x, y float64) bool {
	return math.Abs(x-y) <= samePointTolerance*max(math.Abs(x), math.Abs(y))
}

// sameFigure reports whether two statements give the same figure or write the same number: an
// article naming its currency once and its figure twice ("€1.3B", later "1.3B").
func sameFigure(a, b Reading) bool {
	return samePoint(a, b) || nearlyEqual(a.Stated, b.Stated) ||
		scaleSlip(a, b)
}

// unitSlip reports one physical figure written in units of two systems of its dimension, hedged
// alike: "over one million square feet" and "plus d'un million de mètres carrés" of one factory
// space. One source has the unit wrong, as "€15.7 billion" and "$15.7 billion" the currency.
// Not units a power of ten apart: "about 1.5 kW" a chip and "1.5 GW" a campus are two figures.
// Nor a small round number, which recurs in any unit: "7 hectares" of lawn and a town's "7
// square miles".
func unitSlip(a, b *Signature) bool {
	switch a.Dim {
	case dimMoney, dimCount, dimNone, "percent", "times":
		return false
	}
	ra, rb := a.Reading, b.Reading
	if a.statement.unit == b.statement.unit || ra.Floor != rb.Floor || ra.Ceiling != rb.Ceiling ||
		!nearlyEqual(ra.Written, rb.Written) || ra.Written == 0 || nearlyEqual(ra.Stated, rb.Stated) ||
		specificity(ra.Written) < 0.5 && math.Abs(ra.Written) < slipRoundMin {
		return false
	}
	r := ra.Stated / rb.Stated
	return math.Abs(r/math.Pow(10, math.Round(math.Log10(r)))-1) > slipTolerance
}

// slipRoundMin is the least round number (one significant digit) that two units of one
// dimension writing it are taken to share by a slip: a million square feet and square metres.
const slipRoundMin = 1000

// mislabelled reports two amounts in two currencies writing the same number, neither hedged:
// no conversion gives that, so one currency is wrong ("€15.7 billion" and "$15.7 billion").
// "20 Md€" and "more than $20 billion" is a conversion, rounded down.
func mislabelled(a, b Reading) bool {
	return nearlyEqual(a.Stated, b.Stated) && !a.Floor && !a.Ceiling && !b.Floor && !b.Ceiling
}

// scaleSlip reports whether two statements write the same uncommon digits ten, a thousand or a
// million times apart: "105 million euros" printed "105 milliards", MW for GW, "570,1
// milliards" for 57.01 billion (a decimal point moved). A reader sees
// one figure misreported, the error a fact-checker most wants shown. Figures of fewer than
// three significant digits (4, 15, 19) recur at every scale and are left out: 19 MW and 19 GW
// are most often two things. Unless one rounds a precise other: 12 million and 12,020.
func scaleSlip(a, b Reading) bool {
	lo, hi := math.Abs(a.Stated), math.Abs(b.Stated)
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == 0 {
		return false
	}
	f, rounded := roundedSlip(a, b)
	if rounded && f >= 1e3 && preciseRounding(a, b) && !a.Floor && !a.Ceiling && !b.Floor && !b.Ceiling {
		// A precise figure rounded and printed a scale word off: "12 millions de tonnes" for
		// 12,020 tonnes. Not ten times apart, where digits agree by chance (roundedTenfold);
		// nor a bound, which agrees with all on its side: "up to 360,000 gallons" a day and
		// 355.1 million gallons a year.
		return true
	}
	if min(specificity(a.Written), specificity(b.Written)) < 1 {
		return false
	}
	for _, f := range [...]float64{1e3, 1e6} {
		if math.Abs(hi/lo-f) <= samePointTolerance*f {
			return true
		}
	}
	// Ten times apart, the digits themselves must match: $21.3 billion of profit and $213.4
	// billion of sales are two figures. Or, both written to four significant digits or more,
	// they must agree once scaled: "4.72063 trillion won" is "47.21 trillion" with its decimal
	// point moved; so many digits rarely agree by chance.
	if math.Abs(hi/lo-10) > samePointTolerance*10 {
		return false
	}
	return sameDigits(a.Written, b.Written) || rounded && min(digitCount(a.Written), digitCount(b.Written)) >= preciseDigits
}

// slippedAlike reports two figures ten, a thousand or a million times apart whose sentences
// each give another figure as many times apart, precise or writing the same digits: a sentence
// printed at the wrong scale throughout. "un chiffre d'affaires d'environ 720 milliards de
// dollars …, au-dessus des attentes de 684,5 milliards" is "$72.0 billion …, ahead of
// expectations of $68.45 billion"; "370 milliards …, 64 milliards" is "$37 billion …, $6.4
// billion" (four digits written alike in all, as rare by chance as one precise figure).
func slippedAlike(a, b *Signature, ra, rb Reading) bool {
	if ra.Stated == 0 || rb.Stated == 0 || len(a.others) == 0 || len(b.others) == 0 {
		return false
	}
	f := math.Abs(ra.Stated / rb.Stated)
	if _, ok := slipFactor(max(f, 1/f)); !ok {
		return false
	}
	for _, v := range a.others {
		for _, w := range b.others {
			if w == 0 || !nearlyEqual(math.Abs(v/w), f) {
				continue
			}
			if min(specificity(v), specificity(w)) >= 1 ||
				sameDigits(ra.Written, rb.Written) && sameDigits(v, w) && digitCount(v)+digitCount(ra.Written) >= preciseDigits {
				return true
			}
		}
	}
	return false
}

// preciseDigits is how many significant digits make a figure precise enough that another
// agreeing with it ten times apart is the same figure misprinted.
const preciseDigits = 4

// roundedSlip returns how many times apart (ten, a thousand or a million) stand two figures,
// and whether they agree once scaled: "57 milliards" and "570,1 milliards" (57.01 billion with
// its decimal point moved).
func roundedSlip(a, b Reading) (float64, bool) {
	if math.Abs(a.Stated) > math.Abs(b.Stated) {
		a, b = b, a
	}
	if a.Stated == 0 {
		return 0, false
	}
	f, ok := slipFactor(b.Stated / a.Stated)
	if !ok {
		return 0, false
	}
	scaled := Reading{Lo: a.Lo * f, Hi: a.Hi * f, Point: a.Point * f, Stated: a.Stated * f, Written: a.Written * f, Floor: a.Floor, Ceiling: a.Ceiling}
	v, _ := Compare(scaled, b)
	return f, v == Agree
}

// slipFactor returns the factor of slipFactors a ratio of two figures stands within
// slipTolerance of, if any.
func slipFactor(ratio float64) (float64, bool) {
	for _, f := range slipFactors {
		if math.Abs(ratio-f) <= slipTolerance*f {
			return f, true
		}
	}
	return 0, false
}

// slipTolerance is how far from a power of ten two figures one misprints may stand.
const slipTolerance = 0.05

// slipFactors are how many times apart a misprint puts a figure and itself: a decimal point
// moved, a scale word changed by one or two steps.
var slipFactors = [...]float64{10, 1e3, 1e6}

// digitSlip reports two figures whose digits differ by one of a doubled digit dropped or typed
// twice: "$44 million" printed "$4 million", 1,550 printed 150. Such figures stand ten times
// apart and are one figure misprinted, not two facts.
func digitSlip(a, b float64) bool {
	var bufA, bufB [32]byte
	da, db := digitsOf(bufA[:0], a), digitsOf(bufB[:0], b)
	if len(da) < len(db) {
		da, db = db, da
	}
	if len(db) == 0 || len(da) != len(db)+1 {
		return false
	}
	for i := 1; i < len(da); i++ {
		if da[i] == da[i-1] && da[i] != '0' && string(da[:i]) == string(db[:i]) && string(da[i+1:]) == string(db[i:]) {
			return true
		}
	}
	return false
}

// sameDigits reports two figures writing the same significant digits: 43 and 430 billion.
func sameDigits(a, b float64) bool {
	// Read without allocating: this runs for every pair of claims compared.
	var bufA, bufB [32]byte
	return bytes.Equal(digitsOf(bufA[:0], a), digitsOf(bufB[:0], b))
}

// digitCount is how many significant digits v has: 2 for 4.3 billion.
func digitCount(v float64) int {
	var buf [32]byte
	return len(digitsOf(buf[:0], v))
}

// maxDigits is how many significant digits a float64 holds surely.
const maxDigits = 15

// digitsOf appends the significant digits of v to dst, none for 0: 44 and 4.4 million both give
// "44", 300 gives "3".
func digitsOf(dst []byte, v float64) []byte {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return dst
	}
	var buf [32]byte
	start := len(dst)
	form := strconv.AppendFloat(buf[:0], math.Abs(v), 'e', -1, 64)
	if len(form) > maxDigits+len(".e+00") {
		// A figure scaled from its words carries the binary error of its scaling (8.2 billion
		// read 8.199999999999999e9), which the shortest form prints as digits nobody wrote.
		form = strconv.AppendFloat(buf[:0], math.Abs(v), 'e', maxDigits-1, 64)
	}
	for _, ch := range form {
		if ch == 'e' {
			break
		}
		if isDigit(ch) {
			dst = append(dst, ch)
		}
	}
	for len(dst) > start+1 && dst[len(dst)-1] == '0' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// specificity is 0 for a figure of one significant digit (10, 300, 2 billion), 0.5 for two
// (18, 650) and 1 for more (473, 1,661, 5.8 billion written 5,800 million aside).
func specificity(v float64) float64 {
	digits := digitCount(v)
	if digits == 0 {
		return 0
	}
	return min(1, float64(digits-1)/2)
}

// compareMeasures reports whether a and b name a measure in common, and whether each names
// measures and none in common: a valuation and a funding round. A measure and a kind of it
// ("jobs" and "jobs/permanent") are one measure for figures that agree and two for figures
// that do not: a project's 1,000 permanent jobs are not its 3,000 jobs. Nor is a kind one
// measure with a differing figure that names none: "a $5 billion debt raise" is a part of "$10bn
// in funding".
func compareMeasures(a, b *Signature, verdict Verdict) (same, clash bool) {
	if len(a.measures) == 0 || len(b.measures) == 0 {
		return false, verdict == Disagree && (a.kind || b.kind)
	}
	kinds := false
	for m := range a.measures {
		for o := range b.measures {
			switch {
			case m == o:
				return true, false
			case strings.HasPrefix(m, o+"/"), strings.HasPrefix(o, m+"/"):
				kinds = true
			}
		}
	}
	if kinds && verdict != Disagree {
		return true, false
	}
	return false, true
}

// defaultCapacity reports a power figure naming its capacity and one naming no measure, which a
// power without one is: "1.3 gigawatts of power capacity" and "son portefeuille de 1,2 gigawatt".
func defaultCapacity(capacity, o *Signature) bool {
	return capacity.Dim == "W" && capacity.measures["capacity"] && len(o.measures) == 0
}

// sharesNear reports whether the numbers of a and b stand next to a common term.
func sharesNear(a, b *Signature) bool {
	for k := range a.near {
		if b.near[k] {
			return true
		}
	}
	return false
}

// companionRatio bounds how far apart two figures may be for a figure both sentences give
// beside them to say they are one thing's.
const companionRatio = 1.25

// parallelTolerance is how far apart, in each claim's unit, two figures may be for the same
// figure converted: "1,85 milliard de gallons" is "7 billion litres".
const parallelTolerance = 0.03

// parallelFigures reports sentences giving, right after their own figures or right before
// them, the same figure in each claim's unit, one of the two written with two significant
// digits or more: "passant de 1,13 milliard de gallons à 1,85 milliard de gallons" and "from 5
// billion litres to 7 billion litres" give one change's start. Not a list's other items: "46.6
// miles of piles, over 120 miles of cables, 72.6 miles of piping" and "75 km of piles, 193 km of
// cables, 117 km of piping" give the piles before the cables and before the piping, but not
// right before both; nor two pairs of round sums ("$10 billion … $5 billion" for two deals).
func parallelFigures(a, b *Signature) bool {
	fa, fb := unitFactor(a), unitFactor(b)
	if fa == 0 || fb == 0 {
		return false
	}
	for _, side := range [2]int{-1, 0} {
		i, j := a.othersBefore+side, b.othersBefore+side
		if i < 0 || j < 0 || i >= len(a.others) || j >= len(b.others) {
			continue
		}
		v, w := a.others[i], b.others[j]
		if max(specificity(v), specificity(w)) < 0.5 || nearlyEqual(v, a.Reading.Written) {
			continue
		}
		if x, y := v*fa, w*fb; math.Abs(x-y) <= parallelTolerance*max(math.Abs(x), math.Abs(y)) {
			return true
		}
	}
	return false
}

// unitFactor turns a figure as s's sentence writes it into the unit s is compared in (litres
// for gallons, euros for dollars): a conversion's factor, or a currency's rate. 0 when s's
// figure is written as 0.
func unitFactor(s *Signature) float64 {
	if s.Reading.Written == 0 {
		return 0
	}
	return s.Reading.Point / s.Reading.Written
}

// closeCompanions reports close figures whose sentences give one uncommon figure beside them,
// with its unit or as a number of three significant digits or more: "7 400 mètres carrés … 23
// MW" and "7,100 square meters … 23 MW" describe one building.
func closeCompanions(a, b *Signature, ra, rb Reading) bool {
	return ratio(ra, rb) <= companionRatio && sameCompanion(a, b)
}

// sameCompanion reports sentences giving one uncommon figure beside their own, with its unit or
// as a number of three significant digits or more.
func sameCompanion(a, b *Signature) bool {
	for _, c := range a.companions {
		if slices.Contains(b.companions, c) {
			return true
		}
	}
	// The same uncommon figure beside both, in whatever language: "à 51,2 milliards de
	// dollars, alors qu'ils étaient anticipés à 49,34 milliards" and "reached $51.2 billion,
	// exceeding analyst estimates of $49.09 billion".
	return slices.ContainsFunc(a.others, func(v float64) bool {
		return specificity(v) >= 1 && slices.ContainsFunc(b.others, func(w float64) bool {
			return nearlyEqual(v, w)
		})
	})
}

// largeAmount is the least figure amountsApart reads as an amount a percentage is of: a
// million, as written with its scale word.
const largeAmount = 1e6

// amountsApart reports sentences that each give an amount beside their figure, and no amount
// of one close to one of the other's (within companionRatio, a currency's conversion or a
// change's two ends).
func amountsApart(a, b *Signature) bool {
	// The figure's own conversion is no other amount: "€10 billion ($11.7 billion)".
	other := func(s *Signature) func(float64) bool {
		return func(v float64) bool { return math.Abs(v) >= largeAmount && v != s.restatedAs && v != s.restates }
	}
	if !slices.ContainsFunc(a.others, other(a)) || !slices.ContainsFunc(b.others, other(b)) {
		return false
	}
	for _, v := range a.others {
		for _, w := range b.others {
			if other(a)(v) && other(b)(w) && max(math.Abs(v), math.Abs(w)) <= companionRatio*min(math.Abs(v), math.Abs(w)) {
				return false
			}
		}
	}
	return true
}

// besideOther reports two figures one of whose sentences gives the other's figure elsewhere,
// as written or rounded: "$28.2 billion" in one sentence, "operating income … stood at $31.27
// billion, with net income recorded at $28.19 billion" in the other.
func besideOther(a, b *Signature) bool {
	// Not the figure a sentence converts: "€450 million ($518 million)" for the $518 million
	// gives its own figure, which another outlet's "450 millions de dollars" has in the wrong
	// currency.
	gives := func(others []float64, w, converted float64, formerly []float64) bool {
		return slices.ContainsFunc(others, func(v float64) bool {
			if v == converted || slices.Contains(formerly, v) {
				// Nor a figure the sentence gives as what its own was before a revision: "33 %
				// des coûts, contre 40 % dans le premier accord" and another outlet's stale
				// "roughly 40 percent" disagree over one fact.
				return false
			}
			if v == w {
				return true
			}
			// Each figure's rounding reaches roundingCap of it at most: reading figures further
			// apart (most) would only cost time, and Score is the linker's hot path.
			if math.Abs(v-w) > 2*roundingCap*max(math.Abs(v), math.Abs(w)) {
				return false
			}
			verdict, _ := Compare(Read(v, nil, claimwire.QualifierExact, false), Read(w, nil, claimwire.QualifierExact, false))
			return verdict == Agree
		})
	}
	return gives(b.others, a.Reading.Written, b.restates, b.formerly) || gives(a.others, b.Reading.Written, a.restates, a.formerly)
}

// inTopic reports whether o's article's topic holds one of keys.
func inTopic(keys []string, o *Signature) bool {
	for _, k := range keys {
		if _, ok := o.Topic[k]; ok {
			return true
		}
	}
	return false
}

// subjectsApart reports claims both given to names, none of them in common.
func subjectsApart(a, b *Signature) bool {
	return keysApart(a.subjectNames, b.subjectNames)
}

// keysApart reports two lists of keys, both given, with none in common: two models, two
// subjects, shares of two things.
func keysApart(a, b []string) bool {
	return len(a) > 0 && len(b) > 0 && !sharesKey(a, b)
}

// sharesKey reports two key lists with a key in common.
func sharesKey(a, b []string) bool {
	return slices.ContainsFunc(a, func(k string) bool { return slices.Contains(b, k) })
}

// foreignName reports a name of a's article, next to a's number, that o's article does not use.
func foreignName(a, o *Signature) bool {
	return slices.ContainsFunc(a.nearNames, func(k string) bool {
		_, own := a.Topic[k]
		_, inTerms := o.Terms[k]
		_, inTopic := o.Topic[k]
		return own && !inTerms && !inTopic
	})
}

// yearOnYearAndSpan reports a change measured against the year before and one over a span of
// years: the "+359 %" of a backlog "en glissement annuel" and a valuation "plus que quadruplé
// en trois ans (+356%)".
func yearOnYearAndSpan(a, b *Signature) bool {
	return a.changeBase == sinceYear && b.period >= 24
}

// jointFigure reports a figure whose sentence names, beside single's one name, jointOthers names
// or more that single's sentence and article never name: several holders' sum, not single's.
// Countries are where, not who: Nvidia's shares rising "as Trump starts his tour of the Middle
// East, first in Saudi Arabia" are Nvidia's alone.
func jointFigure(joint, single *Signature) bool {
	if len(single.subjectNames) != 1 || !slices.Contains(joint.nearNames, single.subjectNames[0]) {
		return false
	}
	others := 0
	for _, k := range joint.nearNames {
		if !slices.Contains(joint.nearCountries, k) && !slices.Contains(single.nearNames, k) && !single.mentions(k) {
			others++
		}
	}
	return others >= jointOthers
}

// jointOthers is how many other names make a figure several holders' (jointFigure).
const jointOthers = 3

// placesApart reports figures put in two places, neither's place named near the other's
// figure. Not sums put in a region and in its country: a company's investment "in Arizona"
// is its investment "in the U.S." told closer; a count in a region is a part of the
// country's count.
func placesApart(a, b *Signature) bool {
	return len(a.places) > 0 && len(b.places) > 0 && !namedNear(a.places, b) && !namedNear(b.places, a) &&
		!(a.Dim == dimMoney && (inCountryOf(a, b) || inCountryOf(b, a)))
}

// inCountryOf reports the places of o all countries that inner's places lie in.
func inCountryOf(inner, o *Signature) bool {
	return !slices.ContainsFunc(o.places, func(k string) bool { return !slices.Contains(inner.placeCountries, k) })
}

// placedElsewhere reports a figure its sentence puts in a country that the other's article,
// placing things in other countries, never names: Lumen's "$15 billion investment in the UK"
// and its "$15.2 billion" in a story on the Gulf are two sums, however alike.
func placedElsewhere(placed, o *Signature) bool {
	return len(placed.placeCountries) > 0 && len(o.storyPlaces) > 0 && !slices.ContainsFunc(placed.placeCountries, func(k string) bool {
		return o.mentions(k) || slices.Contains(o.storyPlaces, k)
	})
}

// mentions reports k among the names of s's article or the words of its sentence.
func (s *Signature) mentions(k string) bool {
	_, named := s.Topic[k]
	_, said := s.Terms[k]
	return named || said
}

// storiesApart reports two articles putting things in two sets of countries that share none.
func storiesApart(a, b *Signature) bool {
	if len(a.storyPlaces) == 0 || len(b.storyPlaces) == 0 {
		return false
	}
	for _, k := range a.storyPlaces {
		if slices.Contains(b.storyPlaces, k) {
			return false
		}
	}
	return true
}

// placedInStory reports a figure put in a town or site and one whose sentence puts it nowhere,
// in an article that names the place.
func placedInStory(placed, o *Signature) bool {
	return len(o.places) == 0 && slices.ContainsFunc(placed.places, func(k string) bool {
		_, named := o.Topic[k]
		return named && !glossaryKey(k)
	})
}

// ownedByUnnamedPlace reports a figure given to a place that o's article never names.
func ownedByUnnamedPlace(owned, o *Signature) bool {
	return slices.ContainsFunc(owned.subjectPlaces, func(k string) bool { return !o.mentions(k) })
}

// placedUnnamed reports a figure whose sentence opens on the town or site it is put in ("In
// Vela, …"), which o's article never names.
func placedUnnamed(placed, o *Signature) bool {
	return slices.ContainsFunc(placed.places, func(k string) bool {
		return !o.mentions(k) && !glossaryKey(k) && opensOn(placed.sentence[:placed.numStart], placed.words[k])
	})
}

// placeOpenerReach bounds, in bytes, where a sentence opening on a place names it.
const placeOpenerReach = 24

// opensOn reports a sentence opening on a preposition of place and place: "À Marcoussis, au
// sud de Paris, …", "In Vela, …".
func opensOn(before, place string) bool {
	first, _, _ := strings.Cut(before, " ")
	switch strings.ToLower(first) {
	case "in", "at", "à", "au", "en", "dans":
	default:
		return false
	}
	i := strings.Index(before, place)
	return place != "" && i >= 0 && i <= placeOpenerReach
}

// namedNear reports one of places named near o's figure.
func namedNear(places []string, o *Signature) bool {
	return slices.ContainsFunc(places, func(k string) bool { return slices.Contains(o.nearNames, k) })
}

// names reports whether o's sentence, subject or headline uses one of keys, or keys is empty.
// The headline speaks for a sentence naming no one, not for one giving the figure to another:
// "xAI raised $6bn" in a story headlined on Anthropic is xAI's.
func names(keys []string, o *Signature) bool {
	if len(keys) == 0 {
		return true
	}
	for _, k := range keys {
		if _, ok := o.Terms[k]; ok && !(o.fromTitle[k] && len(o.subjectNames) > 0) {
			return true
		}
	}
	return false
}

// twoInOneSentence reports whether a and b are two numbers of one sentence, not one figure
// written again in another unit ("1.4 GW (1,400 MW)") nor one sentence the article repeats.
func twoInOneSentence(a, b *Signature, ra, rb Reading) bool {
	if a.URL != b.URL || a.sentence != b.sentence || a.ID == b.ID {
		return false
	}
	surface := a.sentence[a.numStart:a.numEnd]
	if a.numStart == b.numStart {
		// The same surface found at the same place: a sentence writing it twice ("Lille has 6
		// and Nantes 6") or an article repeating the sentence.
		return surface != "" && occurrences(a.sentence, surface) > 1
	}
	other := b.sentence[b.numStart:b.numEnd]
	// A restatement writes the figure anew right after it ("1.4 GW (1,400 MW)", "16
	// pétaflops, soit 16 millions de milliards d'opérations par seconde"); the same digits
	// before two different nouns are two counts: "50,000 more H100s alongside 50,000 new
	// H200s"; so is one figure given to two things: "à environ une centaine de mètres des
	// habitations, à 100 mètres d'une crèche".
	restated := surface != other && (numeral(surface) != numeral(other) || a.Dim != dimCount) &&
		math.Abs(ra.Point-rb.Point) <= 1e-3*math.Abs(ra.Point) && restatesOther(a, b)
	return !restated
}

// numeral is the first number written in a surface, with its separators: "50,000" in "50,000
// more H100s".
func numeral(surface string) string {
	start := strings.IndexFunc(surface, unicode.IsDigit)
	if start < 0 {
		return ""
	}
	end := start + strings.IndexFunc(surface[start:], func(r rune) bool {
		return !unicode.IsDigit(r) && r != ',' && r != '.' && r != ' ' && r != '\u00a0' && r != '\u202f'
	})
	if end < start {
		end = len(surface)
	}
	return strings.TrimRight(surface[start:end], ",. \u00a0\u202f")
}

// occurrences counts surface in sentence where it stands alone, not inside a longer number or
// word: "6" once in "6 sites since 2016".
func occurrences(sentence, surface string) int {
	n := 0
	for from := 0; ; {
		i := strings.Index(sentence[from:], surface)
		if i < 0 {
			return n
		}
		at, end := from+i, from+i+len(surface)
		if (at == 0 || !isDigitOrLetter(sentence[at-1])) && (end == len(sentence) || !isDigitOrLetter(sentence[end])) {
			n++
		}
		from = end
	}
}

// conversionWords may stand between a figure and the article's conversion of it into another
// currency: "€12 billion ($14.5bn)", "30 milliards de dollars, soit 28 milliards d'euros".
var conversionWords = map[string]bool{
	"soit": true, "ou": true, "or": true, "environ": true, "about": true, "around": true,
	"roughly": true, "approximately": true, "some": true, "près": true, "de": true,
}

// equivalentWords stand around "equivalent" ("équivalent"), which says that what follows
// restates a figure: "(l'équivalent de 3,6 Md€)", "(the equivalent of $3.9 billion)",
// "(equivalent to …)". Without it they restate nothing: "grew 24% to $35.6 billion".
var equivalentWords = map[string]bool{"l": true, "the": true, "of": true, "to": true}

// conversionGap is the most bytes between a figure and its conversion: " (soit environ ".
const conversionGap = 24

// converts reports whether a and b are one sentence's figure in two currencies, next to each
// other with nothing but brackets, punctuation and conversionWords between them.
func converts(a, b *Signature) bool {
	if a.Currency == "" || b.Currency == "" || a.Currency == b.Currency || a.URL != b.URL || a.sentence != b.sentence {
		return false
	}
	// At whatever rate a writer takes, a conversion stands within conversionReach of its
	// figure, or a scale misprinted away: "sa fortune a augmenté de 80 milliards de dollars, soit
	// 310 milliards d'euros au total" gives a total, not the gain in euros.
	return restatesOther(a, b) && (ratio(a.Reading, b.Reading) <= conversionReach || scaleMisprinted(a.Reading, b.Reading))
}

// conversionReach is how many times apart, at our rates, a figure and an article's conversion
// of it may stand.
const conversionReach = 2.0

// convertedElsewhere reports one article's figure in two currencies, one written as the
// article converts the other in another sentence: a headline's "$17.02 billion" and the body's
// "15.7 billion euros ($17.02 billion)", at whatever rate the writer took.
func convertedElsewhere(a, b *Signature) bool {
	if a.Currency == "" || b.Currency == "" || a.Currency == b.Currency || a.URL != b.URL || a.sentence == b.sentence {
		return false
	}
	return convertedTo(a.restatedAs, b.native) || convertedTo(b.restatedAs, a.native) ||
		convertsAlike(a, b) || convertsAlike(b, a)
}

// convertsAlike reports a figure converting, in its own sentence, one that o restates in
// another of the article's sentences, more precisely or rounder: "23 billion reais ($4.07
// billion)" converts the "23.03 billion reais proposed for the plan" further down.
func convertsAlike(conversion, o *Signature) bool {
	if conversion.restates == 0 {
		return false
	}
	v, _ := Compare(Read(conversion.restates, nil, claimwire.QualifierExact, false), o.native)
	return v == Agree
}

// convertedTo reports an article's conversion of a figure, as written, that is another's figure
// as its writer reads it, in its own currency: "$7.16 billion" is the headline's "$7B".
func convertedTo(restated float64, figure Reading) bool {
	return restated != 0 && (nearlyEqual(restated, figure.Written) || figure.Lo <= restated && restated <= figure.Hi)
}

// restatesOther reports whether the later of two figures of one sentence restates the earlier,
// right after it (restates).
func restatesOther(a, b *Signature) bool {
	if a.numStart > b.numStart {
		a, b = b, a
	}
	return a.numEnd > a.numStart && restates(a.sentence, a.numEnd, b.numStart)
}

// localCurrencies reports two sums in two currencies, neither of them the US dollar.
func localCurrencies(a, b *Signature) bool {
	return a.Currency != "" && b.Currency != "" && a.Currency != b.Currency && a.Currency != usDollar && b.Currency != usDollar
}

// restates reports whether a figure at from in sentence restates the one ending at to: nothing
// but brackets, punctuation and conversionWords between them, within conversionGap bytes.
func restates(sentence string, to, from int) bool {
	if to > from || from-to > conversionGap {
		return false
	}
	equivalent, other := false, false
	for _, w := range strings.FieldsFunc(sentence[to:from], func(r rune) bool {
		// A currency sign before a bare number is its currency: " ($" of "($17.02 billion)".
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.Is(unicode.Sc, r)
	}) {
		switch w = strings.ToLower(w); {
		case w == "équivalent" || w == "equivalent":
			equivalent = true
		case conversionWords[w]:
		case equivalentWords[w]:
			other = true
		default:
			return false
		}
	}
	return equivalent || !other
}

// companionSlip reports two figures writing the same digits a thousand or a million times
// apart, each beside the same uncommon figure: "accords dépassant 1 milliard de dollars pour
// assurer une capacité de 26 gigawatts" and "agreements that could exceed $1 trillion …,
// securing roughly 26 gigawatts". One figure, its scale word misprinted.
func companionSlip(a, b *Signature, ra, rb Reading) bool {
	f, ok := roundedSlip(ra, rb)
	return ok && f >= 1e3 && sameDigits(ra.Written, rb.Written) && sameCompanion(a, b)
}

// roundedTenfold reports a precise figure and a rounding of it ten times apart: "1,1 million de
// mètres carrés" for 111,483 m². Digits agree so by chance too often to say it alone ($21.3
// billion of profit, $213.4 billion of sales): Score asks one measure named by both, and a
// figure of tenfoldDigits: four digits agree with a rounding ten times smaller by chance too
// (€172.2 billion pledged in all and €17 billion of it from three firms).
func roundedTenfold(a, b Reading) bool {
	f, ok := roundedSlip(a, b) // first: most pairs stand no slip apart, which costs least to see
	return ok && f == 10 && preciseRounding(a, b) && max(digitCount(a.Written), digitCount(b.Written)) >= tenfoldDigits
}

// tenfoldDigits is how many significant digits a figure needs for a rounding of it ten times
// apart to be read as a slip (roundedTenfold).
const tenfoldDigits = 5

// thousandfold reports two figures writing the same digits a thousand times apart: "deux
// milliards d'utilisateurs" and "two million users", a scale word misprinted.
func thousandfold(a, b Reading) bool {
	f, ok := roundedSlip(a, b)
	return ok && f == 1e3 && sameDigits(a.Written, b.Written)
}

// preciseRounding reports a precise figure and another of two digits or more that may round it:
// 12,020 and "12 millions".
func preciseRounding(a, b Reading) bool {
	da, db := digitCount(a.Written), digitCount(b.Written)
	return min(da, db) >= 2 && max(da, db) >= preciseDigits
}

// labelsApart reports two items of one article's list under two labels: "Lumen: 50,000 GPUs",
// "Orbis: 50,000 GPUs" in a list of who gets what are two facts, however alike.
func labelsApart(a, b *Signature) bool {
	if a.URL != b.URL || a.URL == "" {
		return false
	}
	return a.label != "" && b.label != "" && !strings.EqualFold(a.label, b.label)
}

// listLabel returns the label a list item gives its figure, "" for none: "Lumen" in "- Lumen:
// 50,000 GPUs", "Orbis (public sector)" in "• Orbis (public sector): ~50,000 GPUs".
func listLabel(sentence string, numStart int) string {
	before := strings.TrimRight(sentence[:numStart], " ~≈\u00a0")
	label, ok := strings.CutSuffix(before, ":")
	if !ok {
		return ""
	}
	label = strings.TrimSpace(strings.TrimLeft(label, " -•*–—\t"))
	if label == "" || len(label) > maxLabel || strings.ContainsAny(label, ".;:!?") || !strings.ContainsFunc(label, unicode.IsLetter) {
		return ""
	}
	return label
}

// maxLabel bounds the bytes of a list item's label: a name, not a sentence before a colon.
const maxLabel = 60
