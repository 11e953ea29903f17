// Package extractor finds checkable numeric claims in French and English news text: money,
// counts with what they count, percentages, ratios and physical quantities, each with its value,
// unit, hedge, sentence, subject, measure and a metric key. It is a pure library: no I/O after
// New.
//
// # How it works
//
// Extract makes one pass over the text. It cuts sentences (newlines always end one; a period
// does not after "M.", "U.S.", a list marker "1." or inside "61,6" and "3.1"), splits each
// sentence into word, digit and punctuation tokens without copying, and skips sentences with no
// digit and no number word. At every number it reads the number (both digit conventions, number
// words, scale words), then looks a few tokens left for a currency and a qualifier and a few
// tokens right for a range bound and a unit. Numbers that are not claims are dropped on the way:
// years and dates, clock times, ordinals, versions and model names, list and footnote markers,
// article references, phone numbers, URLs, reading times ("5 min read", "Lecture : 3 min"),
// and bare numbers with nothing after them.
//
// # Quantity fields
//
//   - Start, End: byte offsets of Surface in the text given to Extract; Surface == text[Start:End]
//     and always starts and ends on UTF-8 boundaries. Surface spans the qualifier, the currency,
//     the number and its unit: "jusqu'à 500 milliards de dollars", "plus de 160 entreprises".
//   - Value: the number with its scale applied (20 milliards → 2e10, 5 % → 5); ValueMax is the
//     upper bound of a range ("quatre ou cinq", "4-5", "entre 10 et 20"), nil otherwise.
//   - Unit: an ISO 4217 code for money ("EUR", "USD"); "percent", "percentage points", "times"
//     for ratios; a physical unit symbol ("MW", "TWh", "m²", "exaflops"); otherwise the canonical
//     English plural of what is counted ("chips", "member states"), taken from the lexicon, or the
//     lower-cased noun itself when the lexicon does not know it.
//   - Qualifier: one of the claimwire.Qualifier* constants. A converted amount in brackets right
//     after another ("jusqu'à 300 milliards de dollars (260 milliards d'euros)") inherits its hedge.
//   - Inferred: the unit was not written with the number but taken from an earlier claim (see
//     below): "80 milliards" after dollar amounts is USD, flagged so a checker can confirm it.
//     A French text that names no currency at all counts its "milliards de fonds publics" in
//     its own: the site's or story's dollar, the US dollar in a story on the United States,
//     else the euro; flagged as inferred too.
//   - Vague: amounts such as "des milliers" or "thousands of", only reported with Options.Vague;
//     Value is then the order of magnitude (times two after "plusieurs", "several").
//   - Sentence: the trimmed sentence holding the claim. Lang: "fr" or "en" for that sentence
//     (function-word count, falling back on the caller's hint or the whole text).
//     SentenceOffset: where Surface starts in Sentence, which may write it twice.
//   - Metric: see below.
//   - Subject, Measure: what the quantity belongs to and what is measured of it, in the
//     sentence's words; see below.
//
// The language of the sentence settles what the language of the words cannot: French
// "billion" is 10^12 and English "billion" 10^9 (French "trillion" is 10^18, but of money the
// English 10^12 its writers calque: no sum is 10^18); a comma or point before exactly three digits is a
// decimal separator in the language that writes decimals that way ("4,800 %" is 4.8 in French,
// "1.125 billion" is 1.125e9 in English) and a thousands separator otherwise ("100.000" in French,
// "100,000" in English); before a counted noun a French comma groups too, no count having
// thousandths ("18,693 unités" is 18693, "2,475 MW" stays 2.475). Repeated groups ("1,000,000") and mixed separators ("1.234,56") are read
// the same in both languages, and so are Indian groups and scales ("₹4,50,000", "3 crore").
// Cents, centimes and pence are hundredths of their currency ("50 cents" is 0.5 USD), also after
// the main unit ("13 dollars and 45 cents", "17 USD 25", "quatre euros et vingt centimes").
// Ratio verbs are "times" claims ("ont doublé", "could at least triple"), and so is "x3".
// A bare "$" is the US dollar, unless a code after the figure names another ("$700 million
// CAD"), the article already gave the same figure in another dollar ("A$20 billion … the $20
// billion outlay"), it is a story on Canada, Australia or New Zealand (naming the country three
// times) that never marks that country's dollar ("C$", "AUD"), as local outlets and those
// copying a government's release write it, or, through ExtractArticle, its site is on an
// Australian, Canadian, New Zealand or Hong Kong domain, whose press writes its own dollar "$"
// and the American one "US$". In the last two cases a bare "dollars" is that dollar too ("240
// millions de dollars").
//
// A number counts the noun after it whether or not the lexicon knows it ("trois passerelles"),
// through up to four modifiers before a known noun ("two pressurised water reactors"; a size
// of each, in inches or millimetres, among them: "40,000 300mm (12-inch) wafers") and
// through closed-class adjectives before any noun ("two other hangars"), and after a scale through
// "of"/"de"/"des" and a plural determiner ("three million of the latest GPUs", "3 millions des
// nouvelles puces"), which wins over a unit borrowed from before; a singular after a
// number above one is an adjective, not what is counted ("two different"); a hyphenated
// compound counts its own noun ("a 200-page report"). A number written
// without a unit takes one from, in order: the number ahead in its list or change phrase that
// carries it ("2.000, 3.000 puis 4.000 milliards de dollars", "passé de 290 à 1 661 GWh", with
// its scale), the claim before it in its sentence ("199 data centers, with another 117
// planned"), the last count before a French "en" ("il y en a 136"), a pronoun's number ("leur
// nombre irait de 40 à 52", "ils sont désormais plus de 60", "their number has grown to
// 82") or a name that has one ("Toulouse compte 14 data centers ... Nantes a 4"), or for a bare "N milliards"
// the currency of the last amount of money in the preceding 1500 bytes ("les 400 millions
// restants"), or, when none is written before it, of the next one within 1500 bytes after it (a
// headline's "Lumen investit cinq milliards" before the body's "5 milliards d'euros"), for
// which the text up to it is read twice. Change phrases are two values: a French verb of change, any form, before "de X à
// Y" ("passé", "a bondi", "s'envolent", "chutera de 10 à 20 %", but not the noun in "une baisse
// de 3 à 5 %") and "from X to Y" unless "ranging from" ("rose from 2 to 5 GW"); ranges
// may write the unit on both bounds ("6.7%–12%", "$15bn to $25bn") and hedge the upper one
// ("entre 390 et jusqu'à 430").
//
// # Metric keys
//
// Metric is "<subject>/<measure>" plus ":<ISO code>" for money, e.g. "ai-gigafactories/proposals",
// "investai/funding:EUR", "ai-gigafactories/count". The subject is the glossary subject whose term
// is nearest to the number in its sentence; when the sentence has none, the last one mentioned in
// the preceding 1500 bytes. When the unit itself is the subject ("cinq gigafactories") the measure
// is "count". The measure comes from the glossary's ordered measure rules (unit plus optional cue
// words of the sentence: "entreprises" in a sentence about "manifesté leur intérêt" measures
// "proposals"); without a rule it is the unit as a slug ("member-states"), "amount" for money.
// Without a subject the key is the measure alone ("share", "funding:USD"). Keys are stable across
// languages because both the subject terms and the units are bilingual data.
//
// # Subject and measure
//
// Measure is never empty. For a count it is the counted noun phrase lower-cased, with a French
// adjective after it ("centres de données", "emplois locaux", "boiling water reactors"); a
// borrowed unit borrows the measure of its claim ("another 117" after "199 data centers").
// Otherwise it is, in this order: the noun phrase after "of"/"de" ("21 % de la consommation
// électrique" → "consommation électrique", read through "du total de"), the noun before
// "of"/"de" ("une capacité de 837 MW" → "capacité"), a line's label before its colon
// ("Capacité actuelle : 580 MW"), the English noun the number qualifies ("a
// $650m deal"), a measure noun with its determiner after the claim ("porte à 6 milliards la
// valorisation"), the measure of the claim it continues ("contre 5 % en 2015", "from 290 to
// 1,661 GWh"), the clause's verb or noun before the claim ("Microsoft invests $3bn"; after
// "for"/"at", the verb: "AWS paid $650m for the campus"; an adjective after "a"/"an" is
// passed: "stands at an astounding €30 billion") or, when that verb's subject is a
// measure noun, the subject ("les émissions de Microsoft ont augmenté de 29 %" → "émissions"),
// the measure of the claim before in the clause, and last a word for the unit ("puissance",
// "amount"). English measures keep their head and one noun before it ("electricity
// consumption"); French ones up to four words with their complements without determiner or that
// are measures ("chiffre d'affaires", "part de l'électricité"). Measures never hold a number.
//
// Subject is, in this order: a name read with the measure or a possessive ("de Three Mile
// Island", "Talen's 90% stake"), a name in a complement right after the claim ("pour la
// gigafactory de Lyon", "en Europe") unless a verb of investing puts the amount in it, the
// amount then being the investor's, the nearest name before the verb ("Nvidia to invest $5
// billion in Intel" → "Nvidia"), or it is a stake in it, then the holder's, the subject of the claim it continues, the subject of its
// clause (through a relative pronoun to its antecedent, past brackets and insertions between
// commas; a clause opened by "after", "while", "quand"… before a determiner is one of its own; the name in it if it has one, never a measure or a pronoun: "La France a 322 data
// centers" → "France", "Meta is launching" → "Meta"; "it", "il" or "elle" opening it, with no
// name before, stand for the name the sentence before opens with, or the one before it when that
// one opens with a pronoun or an epithet: "The outfit hopes…"), a complement without a name ("consumption
// by data centres"), the name nearest the claim (before it and in its clause first), the nearest
// glossary term of the sentence, the name the sentence before opens with, or the last glossary
// term of the 1500 bytes before it; else empty. A subject that is an epithet ("the company",
// "l'entreprise", "le groupe") is the name the sentence before opens with, else the last
// named subject of the 1500 bytes before it; so is one made only of the grammar's not_names (a
// news agency, "Reuters reports …"; an accounting term, "Non-GAAP EPS was …"), else empty. A
// wire story's dateline ("SEOUL, Jan. 28 (Reuters) —") is where it was filed: the sentence opens
// with the name after it. Names
// are runs of capitalised words and acronyms ("Three Mile Island", "Banque de France", "U.S.",
// and brands with two capitals after a lower-case letter, "xAI"),
// not function words, units, model names ("H100"), a dollar's country ("US$"), adjectives of nationality before a noun
// ("Irish data centres"), spans of months ("July-September") or a capitalised first word alone ("Analysts expect"). Subjects are
// written as in the sentence, an elided article kept before a name ("l'Irlande"), at most five
// words.
//
// Both are heuristics on the tokens, not a parse: function words by language and role come from
// the lexicon's grammar section, counted nouns from its counts, and the rest from word endings
// and capitals.
//
// # Lexicon files
//
// A lexicon file (YAML, see configs/lexicon.yaml) has five optional maps from a canonical unit
// to its surface forms, French and English mixed, and a grammar section:
//
//	currencies:            # ISO 4217 code -> symbols, codes, words
//	  EUR: ["€", eur, euro, euros]
//	subunits:              # ISO 4217 code -> words for its hundredth
//	  USD: [cent, cents]
//	units:                 # physical units, percent, times -> forms
//	  MW: [mw, mégawatt, megawatt]
//	counts:                # canonical English plural -> nouns, one or several words
//	  ai factories: ["usine d'ia", "ai factory"]
//	ambiguous:             # nouns of several meanings: they count only beside a cue
//	  votes: {forms: [voix], cues: [vote*, scrutin*, élu*, contre]}
//	grammar:               # fr or en -> word lists for Subject and Measure
//	  fr:
//	    determiners: [le, la]        # also prepositions, auxiliaries, pronouns, relatives,
//	    measure_nouns: [capacité]    # conjunctions, adverbs, verbs, not_names
//	    defaults: {money: montant, W: puissance}  # by unit base: the measure the sentence omits
//
// Forms are matched case-insensitively on whole tokens, with both apostrophes (' and ’) equal
// and any white space equal to one space. Counted nouns listed in the singular get their plural
// (the last word in English, the first word in French phrases). Files given in
// Options.LexiconFiles are merged over the embedded defaults (extractor/data/lexicon.yaml); for
// a form listed twice the later file wins; grammar words add to the defaults, and defaults
// replace them. Unknown keys are an error, and so are currency codes and unit keys that are not
// names of claimwire's unit vocabulary (claimwire.LookupUnit, which tells the indexer how to
// compare them), count keys that are, and grammar defaults keyed otherwise than money or a unit
// base.
//
// # Glossary files
//
// A glossary file (YAML, see configs/glossary.yaml) has subjects and measure rules:
//
//	subjects:              # subject key -> terms in any language
//	  ai-gigafactories: [gigafactory, giga-usine, gigafabrique]
//	measures:              # tried in order, user files first; the first match names the measure
//	  - key: proposals
//	    units: [companies]           # canonical units, as claims carry them ("MW"); "money": any currency
//	    cues: ["intérêt", "candidat*"]  # optional; a trailing * matches a word prefix
//
// Subject terms follow the same matching rules as lexicon forms.
package extractor
