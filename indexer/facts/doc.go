// Package facts decides which claims state the same fact and whether they agree, with no index
// or bus in it: the indexer gives it a claim and candidate claims, it answers with a fact and why.
//
// # Same fact
//
// A claim's Signature holds what the comparison needs: the dimension of its unit (money, power,
// energy, a percentage, a count of what), its value as a reader hears it, the year written
// nearest its number (or, failing one, "this year", "l'an dernier" counted from the article's
// date, or, for an article giving none, from the one year its story names), the content terms of
// its sentence weighted by their distance to the number and by how few claims use them, and its
// article's story (Story: the names it uses most, the countries it puts things in, the one year
// it names). A Lexicon
// gives the terms: words the translations say name the same thing, in French or English, share a
// key ("valorisation" and "valuation", "Allemagne" and "Germany"), and other words are keyed by
// their first letters, which French and English share for most words of this news ("capacité",
// "capacity"), or whole where they hold digits ("H100" and "H200" are two chips).
//
// Score links two claims when:
//   - their dimensions match, and for counts they count the same thing ("GPU", "GPUs" and
//     "processors" alike through the extractor's measure); a duration ("four years") and a rank
//     ("one of the top five hubs") count nothing and link to nothing, save a plan's horizon,
//     compared in months ("invest $500 billion over the next four years", "sur quatre ans"),
//     which Conflicts never reports: a span dates a plan's figures, it states none;
//   - they are not a fall and a share (a negative and a positive figure), nor a rise and a fall
//     (the translations' direction: "risen 18%" this year, "a fall of 17%" in a day; a
//     comparative after a percentage: "9 % de moins que leur dernier cours", "12% below its peak";
//     not the level a change ends at: "lowered the effective tax rate to 13%" is a rate),
//     nor, when they differ, a percentage of change and one that is not, and even when a hedge
//     makes them agree, a move and a stake: a share price that "rose over 3.4%" and a stake "of
//     about 4%". A word of change belongs to the number next to
//     it, not to one past another ("en hausse de 62 %, et un bénéfice net de 31,91 milliards,
//     soit +65 %"), and a sign ("+65 %") is a rise of what its clause names last; a change set
//     off by a comma and naming nothing changes what the clause before names last: "operating
//     income reached $36 billion, up 27%" is the operating income's rise, not the revenue's;
//     and a change naming nothing before its number changes what its complement after names,
//     past words qualifying it: "une augmentation de 9,3 % en données comparables de son
//     chiffre d'affaires" is a change of revenue;
//   - from one article, they give the same figure, or one figure in two currencies ("5.8 billion
//     euros, or about $6.2 billion"): an article stating two figures states two facts, or quotes
//     two sources, which it says; and not under two labels of a list ("Lumen: 50,000 GPUs",
//     "Orbis: 50,000 GPUs");
//   - their sentences share words, most of all next to both numbers ("valuation of"), more than
//     one when they differ ("€4 billion devoted to it" and "€8 billion devoted to energy" share
//     nothing of what either sum is for), and their articles name the same companies, places and
//     programmes (an article naming almost nothing, as French releases do, counts as neither
//     one story nor two), or the extractor gives both
//     figures to one programme or call that is a story of its own (InvestAI, the AI
//     gigafactories; not the Chips Act, which many projects fall under) and neither belongs to
//     a name the other's sentence lacks; two counts of one glossary metric link more, when
//     they give one figure, share words or are one story (two supercomputers' GPUs are both
//     Nvidia's to the glossary);
//   - their years, if both give one, are the same: a share in 2023 and a share by 2028 are two
//     facts; so are their periods: $400 billion over three years and $500 billion over four;
//     their quarters or half-years, named in the clause, else in the sentence (a list of a
//     half-year's figures names it once), else in the headline ("Q2 beats", "H1 2024"; "last
//     quarter" is the one before): a second quarter's revenue and a third's, a first half's
//     vacancy rate and a second half's, a half-year's figure and a differing one given no
//     part of the year, unless both sentences give one uncommon figure beside them, which says
//     they are of one period (two outlets' estimates beside one quarter's result); a quarter's figures, or a
//     revenue or a profit (a period's, named or not), published more than 45 days apart,
//     unless both name one quarter of one year; and their phases: seven AI factories of a
//     first wave and thirteen of both waves, "Phase 1" of a campus and its "phase finale"; a
//     stage's figure and a differing one given no stage: "une seconde levée" of €212
//     million and a round of €600 million;
//   - when they differ, their sentences do not put them in two places, neither named near the
//     other figure ("from a campus in Narvik, Norway", "at a 240 MW site in Texas"); two places
//     of one figure may be one inside the other (a town and its region), and so may two of a
//     sum: an investment "in Arizona" is the one "in the U.S." told closer; nor do their
//     articles put things in two sets of countries sharing none (a company's $20 billion in
//     Pennsylvania and its more than €20 billion in France); a figure its sentence
//     places beside others placed elsewhere is a part of a breakdown ("six data centers across
//     Paris, one each in Lyon and Marseille, and seven in Poland"); nor are they, when they
//     differ, two sums each in a local currency (476 billion yen and €5 billion: two economies'
//     subsidies; a sum restated in another currency agrees with it at our rates, and the US
//     dollar is everyone's currency); nor, when they differ, are they percentages or sums beside
//     two amounts none close to the other's ("up 24% to $35.6 billion" and "$21.3 billion …, 22%
//     growth": two segments' growth; $25 billion "at a $350 billion valuation" and $30 billion
//     at $900 billion: two rounds; an amount restated in euros is close; not two moves of one
//     share, told beside the company's value reached and the value added);
//   - their figures do not belong to two names (the extractor's subject, and a name its
//     sentence writes after the subject's possessive: "Meta's Hyperion campus" is Hyperion's
//     too; a name its article gives in one sentence only, an official or a speaker, a poor
//     guess of whose the figure is, leaves it to the article's lead as well; an epithet, "the
//     firm", "le fabricant", stands for the name its article names in the most sentences, at
//     least three, more than any other but the country it is set in; not who expected a
//     result: "Wall Street", "les analystes"), each absent from the
//     other's sentence and headline, the headline speaking only for a sentence naming no one
//     ("xAI raised $6bn" in a story on Anthropic is xAI's): Meta's capex and Microsoft's, in
//     one story, are two facts, unless both give one uncommon figure (one thing named two
//     ways); nor, when they agree only through a hedge, is one name's figure set against
//     another's whose sentence names the first while the first's never names it (Lumen's $15.2
//     billion and Orbis's deal with Lumen worth "up to $19.4 billion"); nor, when they differ,
//     is one a name's figure and the other no one's, the name
//     absent from the other's article: a region's two sites and the four or five the programme
//     will fund are a part and its whole; nor, for differing shares, is the holder of one (a
//     thing with no name: "les fermes laitières, quant à elles, absorbent 4 %") absent from the
//     other's sentence; nor, when they differ and are given to different names, does each
//     stand next to a name of its own article that the other's article never uses: one giver's
//     awards to Intel and to Micron, both sentences naming the Department of Commerce; nor,
//     when they differ and are given to different names, do both sentences name both names (a
//     sentence naming few: Vela's "$110 billion valuation, ahead of Orbis" and "ahead of Orbis,
//     valued at $90 billion"; not a list of four companies, one of which the
//     extractor guessed), or give other figures too: "…a rival to Lumen, which is valued at $157 billion" and "Vela is valued at $183
//     billion, while Lumen's valuation soared to $500 billion";
//   - when they differ, they do not go to two things, each absent from the other's sentence
//     (what follows the amount's own complement and the time it is spent in: "€2 billion in
//     robotics for farming" and "6 milliards d'euros pour doubler la production
//     électronique" are two envelopes of one plan);
//   - they are not two prices of a share (amounts under 10,000 in a sentence speaking of
//     shares or a close) that differ by more than 0.1%, or told in stories more than two days
//     apart: two moments, a close and an intraday high, a close and next month's; "$164.42"
//     and "$164.37" for one record high are one moment misreported; a hedge on prices written
//     to the cent joins no moments ("about $154.30" and "$153.05"); nor two moves of a share
//     ("shares rose 3.4%") told in stories more than two days apart;
//   - the words next to their numbers do not name two measures (the translations' measure:
//     a valuation and a funding round, state aid and a total investment), nor two models or
//     periods written with digits (50,000 H100s and 50,000 H200s, Q1 and Q3), and one is not an
//     addition ("another 700 MW", "900 millions d'euros d'investissements supplémentaires") or
//     a part its sentence sets in a whole ("6,4 milliards,
//     dont 2,9 milliards", "$5 billion each in debt and equity", "an initial investment of
//     $17 billion", "100 milliards dans un premier temps", "$150 billion in manufacturing and
//     $9 billion into design labs", a division's "€7.3 billion", in a sentence
//     opening on the division however far its figure) or money reached so far ("a déjà
//     investi 4,7 milliards", "over $3 billion to date", "bringing its total funding to",
//     "raises its total U.S. commitment to",
//     "Since 2010, Lumen has invested $26 billion") or a count brought to its total ("three
//     new fabrication plants, bringing the total to six") or all
//     there are ("all 50 states", "totals about 1.2 trillion yen", "un total de 43 milliards")
//     or a share set as a goal ("l'objectif de production de 20 %", "a target of 20%") or a
//     figure something is heading for ("toward a $200 billion valuation") or money sought ("in
//     talks to raise at least $3 billion") where the other is not, or what another is compared with ("plus puissant que celui de La
//     Courneuve (130 MW)"); nor, when they differ, does one sentence give the other's figure
//     beside its own ("2 GW by 2030, scalable to 5 GW" and "5 GW"), as parallel sentences each
//     do for another thing ("12,000 GPUs apiece, and Vela is to take about 18,000"), or rounded
//     ("operating income … $31.27 billion, with net income … $28.19 billion" and "net income
//     … $28.2 billion"); nor,
//     when they differ, does one measure a kind of what the other measures, or of nothing
//     named: "a $5 billion debt raise" and "$10bn in funding" (the nearest kind says, kinds
//     named together being the whole: "$10 billion in debt and equity", a headline's whatever
//     part its body names);
//   - one is not a ceiling and the other, hedged from no side, under half of it: "jusqu'à
//     dix petits réacteurs" and "three small modular reactors" are a plan's reach and its
//     first step;
//   - one is not what a holding is worth today and the other, differing, what was paid or
//     anything else ("that stake is now worth $13.9 billion", "une prise de participation de
//     10 milliards de dollars");
//   - one is not what analysts expected of a result and the other the result ("beating the
//     consensus of $11.9 billion", "the $12.6 billion expected", "11,9 milliards
//     attendus" against "revenue of $12.3 billion"); two outlets' expectations of one result
//     are one figure, whatever words they use ("surpassing the anticipated $11.8 billion",
//     "beat the consensus estimate of $11.7B");
//   - close figures whose sentences give one uncommon figure beside them ("7 400 m² … 23 MW",
//     "7,100 square meters … 23 MW"), or a few things counted ("quatre datacenters et 40 000
//     m2", "four data centers"), link as figures next to one measure word do; so do two physical
//     quantities (a power, an energy, a volume, an area) the extractor gives one subject, the
//     quantity being what is measured ("815,253 cubic meters" of water a year and "755,720
//     cubic meters");
//   - their values are of one order: the same figure links most (more if it is an uncommon one,
//     473% rather than 10%, the same number in another currency, the same three or more
//     digits a thousand or a million times apart: "105 million" misprinted "105 milliards", or
//     ten times apart with a decimal point moved: "570,1 milliards" for 57.01 billion, "47.21
//     trillion won" for 4.72063 trillion, precise figures agreeing once scaled, or a precise
//     figure rounded a thousand or a million times off: "12 millions de tonnes" for 12,020
//     tonnes, or ten times off where both sentences name one measure: "surface totale de 1,1
//     million de mètres carrés" for "a combined floor area of 111,483 m²"; or a sentence printed at the wrong scale throughout, its figure and a precise
//     other, or two figures of the same digits, ten times the other sentence's two: "720
//     milliards … attentes de 684,5 milliards" for "$72.0 billion … expectations of $68.45
//     billion"), a compatible one less, a figure twice as large hardly at all, and figures more than three
//     times apart at half their score.
//
// Assign gives a new claim the fact of the candidates it links to best, provided the mean of its
// two best links to that fact's claims is not weak (one loose link does not chain two facts) and
// the fact holds no other figure from the claim's own article, other than the claim's figure
// misprinted ten, a thousand or a million times ("12 milliards" in the headline, "120,3
// milliards" below, for 12.03 billion), nor another figure for another year than the claim's,
// both naming one (a contribution to GDP of €21.6 billion by 2033 and of €31.7 billion by 2035,
// each linked to a third outlet's figure naming no year). An article's conversion of its
// figure in the same sentence ("the €43 billion ($47bn) Chips Act") is that figure at the
// writer's rate: a claim linked to the figure is linked as well to the conversion, which our
// rate may read apart from the claim; and the conversion joins the figure's fact whatever other
// value its article gives ("over ¥10 trillion (approximately US$87 billion)" under a headline's
// "$65bn"). Two conversions of one figure disagree only past rateDrift, 25%, further than two
// days' rates stand apart.
//
// Facts form as claims arrive, and a link between two differing figures is weaker than one
// between two outlets repeating a figure: "714 MW" told first, then another outlet's "600 MW"
// linked to it too loosely, are two facts, which a third outlet's "600 MW", linked to both, ties.
// Merges returns the facts a claim ties to its own: those it would have joined too, a claim of
// each joining the other, that no article tells apart, stating differing values, of five claims
// at most together.
//
// # Disagreement, as a reader sees it
//
// Read turns a stated figure into the range a reader takes it to allow, and Compare says whether
// two statements of a fact agree:
//   - an exact figure allows its rounding, half its last significant digit and at most 2.5%:
//     "2.5 GW" and "2,475 MW" agree, "835 MW" and "837 MW" disagree, "10 billion" and "9.9
//     billion" agree; "67 projets" and "68 projects", whose roundings only touch, disagree;
//   - an exact figure shortening another by cutting its digits, less than 2% from it, agrees
//     with it: "$6.1 billion" and "$6.165 billion"; "150 billion" and "157 billion" do not;
//   - "about", "environ" reach 0.4 of a unit of the figure's last significant digit, 3% to 10%
//     of it: "about 1,100 MW" and "1,121 MW" agree, "about 4%" and "4.4%" agree, "about 415
//     TWh" and "460 TWh" disagree, "about $14.3 billion" and "$14.8 billion" disagree;
//   - "nearly", "almost", "close to", "près de", "presque" reach as far under the figure, at
//     most 5% of it, and over it only by its rounding: "nearly $600 billion" and "$593 billion"
//     agree, "près de 13 000" and "13,250" agree, "près de 15 millions" and "16 millions"
//     disagree, so do "près de 30 %" and "27 per cent", and "close to 10%" and "as much as 9%";
//   - a one-sided hedge reaches half past its figure, not to infinity, and its figure allows
//     its rounding like any: "more than 60" and "more than 120" disagree, "plus de 100 000" and
//     "100 000" agree, "more than a dozen" and "16" agree, "up to 16,000" and "16,384" agree;
//     two bounds the same way name two figures when 5% apart, or written in one unit beyond
//     either's rounding: "up to 2,000" and "up to 4,000" disagree, so do "up to $450 million"
//     and "up to $458 million", not "more than 100" and "more than 102";
//   - a range spans its ends: "quatre ou cinq" and "cinq" agree, "1 to 4 GW" and "2.5 GW" agree;
//     but a figure writing its ends with a point between misreads it: "1.4 GW" disagrees;
//   - hedges pointing opposite ways from one figure differ mildly: "up to 100,000" and "at
//     least 100,000"; so do two articles' figures, hedged alike, that agree only as roundings
//     of one another: "16.97%" and "17%", "2,475 MW" and "2.5 GW" (not one article's headline
//     rounding its body, nor two currencies); and, in two articles linked surer than 0.4, a
//     floor and a figure of its unit past it, "more than 800 MW" and "835 MW" (not a ceiling
//     and a figure under it: "up to 10%" of a stake and "8%"), or an approximate figure and
//     another exact one, "about $45 billion" and "$44 billion";
//   - amounts in two currencies convert to euros at the reference rate of each article's
//     publication month (claimwire.RateOn), widened by 3% for the days between rate and
//     article: "$5 billion" and "€5 billion" disagree; amounts in one currency are compared in
//     it, whatever the rates of their months; an article giving no date is read at the month of
//     its fact's first dated claim;
//   - physical units scale to their base: "0.837 GW" is "837 MW";
//   - "as much as" of a share's move is the peak it reached, not a ceiling: "soared as much as
//     68%" and "jumped 47%" disagree; "up to 10%" of a stake stays a ceiling.
//
// A share's move is one fact per company, moment and day, whatever else the articles share:
// "L'action AMD a bondi de 23,71%" and "its stock surged more than thirty percent" disagree.
// Its moments are the day's move (most often unsaid), a point within the day ("avant de
// corriger", "in early trading", "as much as"), before the open ("premarket", "avant
// l'ouverture"), after the close ("after hours", "après la clôture"; an unsaid moment may be
// it, when the news came after the bell) and since the year began ("so far this year"): two
// moments are two facts.
//
// Conflicts turns the claims of each fact into a Group when two of its statements disagree,
// each article counted once (its body's sentence rather than its headline), an outlet changing
// its figure between two dated articles shown as a revision. Two values published more than a
// year apart are the fact updated, not a disagreement: a company's total investment in a country
// in 2018 and in 2025. An article's conversion of its own figure never disagrees with it, unless
// the two stand ten, a thousand or a million times apart at our rates, a scale misprinted: "US$4
// billion (A$6.14 trillion)". An energy written for a power ("sa consommation maximale de 150
// MWh", no period nor storage in its sentence) is linked as that power and disagrees with it
// written right ("150 MW"). A value most of whose sources (half of them at least) mark it an
// addition, a part, a figure so far, a goal or a past value does not disagree with one unmarked,
// unless the two write the same uncommon digits ten, a thousand or a million times apart: a
// division's "43,7 milliards" and another outlet's "437 milliards" of it are one figure
// misprinted. Two values disagree only where the linker compared them: a claim
// of one linked to a claim of the other, or to one giving the other's figure. Values chained
// through a third giving neither's are not set against each other: "+65 %" of a profit linked to a
// revenue's "62 %", linked in turn to a segment's "+66 %"; "$38 billion" linked to "up to $50
// billion", which agrees with both it and "$50 billion". Unless both links through a value
// agreeing with the two are sure: "3.06%" and "3.5%", each linked at 0.6 or more to "more
// than 3%", are set against each other. Groups rank by confidence (the
// weakest of the links between values that disagree) times how far apart the values are; a
// mild group ranks a quarter as high.
package facts
