package extractor

import (
	"strings"
	"testing"
)

// TestSubjectMeasure reads what quantities are about in sentences written for the purpose, one
// per rule of subject.go, in both languages.
func TestSubjectMeasure(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		text, surface, subject, measure string
	}{
		// French: the noun before "de" and the name in a complement of the clause's subject.
		{"La centrale de Flamanville délivre une puissance de 1 650 MW.", "1 650 MW", "Flamanville", "puissance"},
		{"Le parc dispose d'une puissance installée de 4 GW.", "4 GW", "parc", "puissance"},
		{"Le groupe Orange a annoncé un investissement de 3 milliards d'euros.", "3 milliards d'euros", "Orange", "investissement"},
		// The counted noun phrase, French adjectives after it, and the clause's subject.
		{"L'Irlande compte 82 centres de données.", "82 centres de données", "L'Irlande", "centres de données"},
		{"Le projet créera 1 200 emplois locaux.", "1 200 emplois", "projet", "emplois locaux"},
		{"L'appel à propositions a reçu 76 candidatures.", "76 candidatures", "appel à propositions", "candidatures"},
		{"Nvidia a vendu 3,7 millions de GPU l'an dernier.", "3,7 millions de GPU", "Nvidia", "gpu"},
		// A place after the count: the subject that tells the facts apart.
		{"Google exploite 30 centres de données en Europe.", "30 centres de données", "Europe", "centres de données"},
		{"Il a commandé 10 000 processeurs pour la gigafactory de Lyon.", "10 000 processeurs", "Lyon", "processeurs"},
		// A possessive says whose, a name inside the phrase where: "US" in "total US investment".
		{"Lumen's total US investment is now $65 billion.", "$65 billion", "Lumen", "investment"},
		// An amount "for the tech giant" is the named company's, not the granting body's.
		{"The U.S. government has granted Lumen permission to export chips to Vela, unlocking a $15 billion investment plan for the tech giant.", "$15 billion", "Lumen", "investment plan"},
		// Where a sum goes is not whose it is: the clause's name is.
		{"Lumen announced a $40 billion investment plan in the United States.", "$40 billion", "Lumen", "investment plan"},
		{"Orbis a promis d'investir 12 milliards d'euros en Allemagne.", "12 milliards d'euros", "Orbis", "investir"},
		// Not a name inside a relative clause set between the subject and its verb.
		{"Orbis, qui assemble la plupart de ses serveurs en Chine, a promis en février d'investir 12 milliards d'euros en Allemagne.", "12 milliards d'euros", "Orbis", "investir"},
		{"Lumen, which builds most of its servers in China, pledged in February to invest $12 billion in Texas.", "$12 billion", "Lumen", "invest"},
		// An adverb opening the sentence is no name.
		{"Thus, the five halls will need a minimum of 815,253 cubic meters of water a year.", "a minimum of 815,253 cubic meters", "", "water"},
		// A relative clause holding commas of its own between the subject and its verb.
		{"Lumen, which chose Vela, near Kestrel, as the site of its fab in February, had already obtained an initial 70 billion yen in government investment.", "70 billion yen", "Lumen", "government investment"},
		// Speech reported without "that" has a subject of its own.
		{"Trump said Lumen would build a 250,000-square-foot server factory in Houston.", "250,000-square-foot", "Lumen", "server factory"},
		// "its" points back to the name the sentence opens with, not to a name inside the phrase.
		{"Lumen has announced an expanded plan that raises its total U.S. commitment to 600 billion dollars.", "600 billion dollars", "Lumen", "commitment"},
		// Words the number ends own nothing: "the new" of "the new $100B" (the sentence names
		// no one else either).
		{"It touts the program, a part of the new $100B in commitments.", "$100B", "", "commitments"},
		// A plural ending the clause after a preposition is the noun money is "in", not a verb.
		{"Orbis Cloud, the firm's cloud unit, generated over $29B in first-quarter sales.", "over $29B", "Orbis Cloud", "sales"},
		// A participle clause after a main clause whose subject an apposition follows: the name.
		{"Lumen, the Texan cloud company, has announced plans to boost its investment in the United States, intending to add $100 billion to its commitment.", "$100 billion", "Lumen", "add"},
		// "N de NAME de X": the noun is the measure, the name its owner; a French noun in
		// "-ment" after its determiner is no verb.
		{"Cette décision fait plus que doubler l'engagement précédent de Lumen de 65 milliards de dollars.", "65 milliards de dollars", "Lumen", "engagement"},
		// A name after a country's possessive is the recipient, the country where it is from.
		{"The department is finalizing an award of up to $4.7 billion to South Korea's Orbis Electronics to expand chip production.", "up to $4.7 billion", "Orbis Electronics", "award"},
		// A source the sentence cites says who reports the figure, not whose it is.
		{"Electricity use by data centers is on course to more than double within the decade, according to the International Energy Agency.", "more than double", "data centers", "course"},
		{"Les centres de données ont ouvert la voie. En moins de dix ans, la demande mondiale d'électricité liée à ces infrastructures pourrait représenter près de 3 % de la consommation planétaire, selon l'Agence internationale de l'énergie.", "près de 3 %", "centres de données", "consommation planétaire"},
		// The country of a dollar is no name: "US$", "A$".
		{"Korea has unveiled plans to establish a “Hanbit Computing Centre” by 2027, backed by a public-private investment of 2.5 trillion won (US$1.7 billion).", "2.5 trillion won", "Hanbit Computing Centre", "investment"},
		// An adjective between "a" and the amount says nothing of what it measures.
		{"The total cost of the plant stands at an astounding €30 billion.", "€30 billion", "", "cost"},
		{"Orbis will invest a whopping $15 billion.", "$15 billion", "Orbis", "invest"},
		// A size of each thing counted is not what the count measures.
		{"Orbis Fab will make 40,000 300mm (12-inch) wafers a month.", "40,000 300mm (12-inch) wafers", "Orbis Fab", "wafers"},
		// A line's label before its colon is the measure.
		{"Capacité actuelle : 580 MW.", "580 MW", "", "capacité actuelle"},
		// "It", "elle" opening the clause stand for the name the sentence before opens with.
		{"Orbis souhaite construire deux usines. Pour y parvenir, elle a prévu d'investir 20 milliards d'euros, dit Orbis.", "20 milliards d'euros", "Orbis", "investir"},
		{"Orbis Cloud wants two plants in Ohio. It plans to invest $20 billion.", "$20 billion", "Orbis Cloud", "invest"},
		// A sentence naming no one is about the name the sentence before opens with, not the
		// last one it lists.
		{"Orbis Cloud attire Google, Microsoft et ByteDance. Capacité actuelle : 580 MW.", "580 MW", "Orbis Cloud", "capacité actuelle"},
		// "The company" is the name the sentence before opens with, else the last claim's.
		{"Orbis a publié ses comptes. Au troisième trimestre, l'entreprise a dégagé 5 milliards d'euros de bénéfice.", "5 milliards d'euros", "Orbis", "bénéfice"},
		{"In the third quarter, Lumen posted $57 billion in revenue. The company's gross margin was 73.5%.", "73.5%", "Lumen", "gross margin"},
		{"Orbis a publié ses comptes. Le groupe taïwanais a dégagé 5 milliards d'euros de bénéfice.", "5 milliards d'euros", "Orbis", "bénéfice"},
		// A sentence opening on an epithet passes the name before on, as a pronoun does.
		{"Orbis Chips plans two fabs. The outfit hopes to list in 2031. It had estimated it would need $5 billion.", "$5 billion", "Orbis Chips", "need"},
		// A brand written with a lower-case first letter is a name.
		{"xAI cherche à lever 5 milliards de dollars en dette.", "5 milliards de dollars", "xAI", "lever"},
		// A bracket between the opening name and its verb.
		{"Orbis Cloud (Malaisie) est devenu un pôle majeur. Capacité actuelle : 580 MW.", "580 MW", "Orbis Cloud", "capacité actuelle"},
		// A name opening a sentence before an apposition's comma opens it too.
		{"Orbis Cloud, which employs many here, said it will expand its three data center regions in Chennai. The company has trained 5.6 million people since January.", "5.6 million people", "Orbis Cloud", "people"},
		// An adverb opening the sentence, and the participle after it, are no subject.
		{"Orbis Cloud will build two campuses. Reportedly spread over the next four years, this A$23 billion commitment doubles its plan.", "four years", "Orbis Cloud", "years"},
		// A French participle opening the sentence is no name.
		{"Portée par une enveloppe de 43 milliards d'euros de fonds publics, l'initiative visait 20 % du marché.", "43 milliards d'euros", "", "fonds"},
		// A conversion in brackets is the amount's, not the next name's.
		{"Orbis construira des serveurs pour 500 milliards de dollars (440,26 milliards d'euros) aux États-Unis.", "440,26 milliards d'euros", "Orbis", "construira"},
		// An amount of a breakdown measures what it is set aside for, not the verb opening
		// the list.
		{"Lumen will invest $10 billion, with $3 billion allocated to research.", "$3 billion", "Lumen", "research"},
		{"Orbis investira 3 milliards d'euros, dont 1 milliard d'euros consacré à la formation.", "1 milliard d'euros", "Orbis", "formation"},
		// What a percentage is a part of, through "du total de".
		{"Les centres de données ont consommé 18 % de l'électricité du pays en 2022.", "18 %", "centres de données", "électricité"},
		{"Les serveurs absorbent 40 % du total de l'énergie consommée par le site.", "40 %", "serveurs", "énergie"},
		{"Microsoft détient 49 % du capital d'OpenAI.", "49 %", "OpenAI", "capital"},
		// A verb's subject that is a measure: the measure, and what it is of.
		{"La part des énergies renouvelables atteindra 40 % en 2030.", "40 %", "énergies renouvelables", "part"},
		{"Le chiffre d'affaires de Capgemini a progressé de 3 %.", "3 %", "Capgemini", "chiffre d'affaires"},
		{"Selon l'Agence, la consommation électrique des serveurs pourrait doubler d'ici 2030.", "doubler", "serveurs", "consommation électrique"},
		{"La production de cette centrale, qui devait fermer en 2027, dépassera 1,2 GW.", "dépassera 1,2 GW", "centrale", "production"},
		// A possessive with one word before the number, and a name with a word no name alone.
		{"Vela leads, with Lumen's planned 200,000 GPUs outstripping Orbis AI's 90,000 and Kestrel AI's 70,000 GPUs.", "200,000 GPUs", "Lumen", "gpus"},
		{"Vela leads, with Lumen's planned 200,000 GPUs outstripping Orbis AI's 90,000 and Kestrel AI's 70,000 GPUs.", "90,000", "Orbis AI", "gpus"},
		// A stressed pronoun sets its subject apart; a French noun without a determiner is no
		// subject, most often a verb; "tandis que" opens a clause with its own subject; a
		// capitalised word opening a sentence before "shares" is the company issuing them.
		{"Le cloud de Lumen, lui, enregistre une hausse de 21 %.", "21 %", "cloud de Lumen", "hausse"},
		{"L'action d'Orbis, qui gagnait déjà 14 % depuis janvier, flambe de 26 %, à 31 dollars, tandis que le titre Lumen progresse de 3 %, à 175 dollars.", "3 %", "Lumen", "progresse"},
		{"Lumen shares soared 22.7% on Thursday, after Orbis revealed a stake.", "22.7%", "Lumen", "soared"},
		// A noun in "-ant" after a pre-nominal adjective; a participle between commas before
		// a relative describes the noun before it.
		{"Le premier fabricant mondial de puces Lumen a enregistré un chiffre d'affaires de 57 milliards de dollars.", "57 milliards de dollars", "Lumen", "chiffre d'affaires"},
		{"Ce montant dépasse le plan initial d'Orbis, annoncé en 2021, qui prévoyait la création d'environ 1 300 emplois.", "environ 1 300 emplois", "Orbis", "emplois"},
		// "This" before a verb is a pronoun, not a determiner.
		{"This represents a 14% increase over the year.", "14%", "", "increase"},
		// A participle opening the sentence names no one.
		{"Powered by 200,000 GPUs, this machine is all about speed.", "200,000 GPUs", "", "gpus"},
		// A name past a semicolon is another statement's.
		{"Over €100 billion in investments were announced at the summit; a campus is planned in Vela.", "Over €100 billion", "", "investments"},
		// A verb of change measures a move, not the amounts it passes through.
		{"La consommation d'eau des centres de Lumen a augmenté, passant de 1,2 milliard de gallons à 1,9 milliard de gallons.", "1,2 milliard de gallons", "Lumen", "volume"},
		{"L'action de Lumen a bondi de 37 %.", "37 %", "Lumen", "bondi"},
		// Two values of one change, and a value compared with another: the same fact.
		{"La consommation des centres de données passera de 460 TWh à 1 000 TWh.", "1 000 TWh", "centres de données", "consommation"},
		{"Les data centers représentaient 21 % de la consommation en 2023, contre 5 % en 2015.", "5 %", "data centers", "consommation"},
		// A relative clause takes its antecedent's name, across a place between commas.
		{"Le campus de Saclay, qui accueillera 2 000 chercheurs, ouvrira en 2026.", "2 000 chercheurs", "Saclay", "chercheurs"},
		{"La centrale de Gravelines, dans le Nord, qui compte six réacteurs, reste la plus puissante.", "six réacteurs", "Gravelines", "réacteurs"},
		// A place closing the phrase a relative pronoun follows is where its thing is: the
		// noun before the place, or, naming nothing, the clause's subject.
		{"Lumen has pledged $18 billion for two new fabs in Texas and one in Utah, which are expected to create 2,000 jobs.", "2,000 jobs", "Lumen", "jobs"},
		{"Le site renforcera la région Orbis Cloud en Belgique, qui fait partie d'un réseau de 42 régions.", "42 régions", "Orbis Cloud", "régions"},
		// The verb when nothing else names the measure; a measure after the amount.
		{"Bpifrance apportera 500 millions d'euros à la jeune entreprise.", "500 millions d'euros", "Bpifrance", "apportera"},
		{"Cette levée de fonds porte à 6 milliards d'euros la valorisation de la jeune pousse.", "6 milliards d'euros", "jeune pousse", "valorisation"},
		// A name in an apposition only says which company the figure is of; a range's
		// participle is no measure.
		{"Alphabet, la maison mère de Google, a dépensé 52 milliards de dollars.", "52 milliards de dollars", "Alphabet", "dépensé"},
		// A clause after a fronted phrase is no apposition: no comma closes it.
		{"En Italie, un datacenter d'une puissance de 85 MW vient d'être mis en service à Vela.", "85 MW", "Vela", "puissance"},
		{"Alphabet engage des investissements compris entre 3 et 4 milliards d'euros.", "entre 3 et 4 milliards d'euros", "Alphabet", "engage des investissements"},
		// After "de", a word in -ment is a noun, however like a verb ("-ent") it ends.
		{"La demande de raccordement du site atteint 3 GW.", "3 GW", "site", "demande de raccordement"},
		{"Jusqu'à 9 milliards d'euros d'investissement sont prévus.", "Jusqu'à 9 milliards d'euros", "", "investissement"},
		{"Le fonds d'investissement régional a rassemblé 2 milliards d'euros.", "2 milliards d'euros", "fonds d'investissement régional", "rassemblé"},
		// An adjective before the number says which part of it is given, not what it measures.
		{"Si tout va bien, les premiers 300 MW seront livrés en 2028.", "300 MW", "", "puissance"},
		{"The first 150 MW will come online in 2027.", "150 MW", "", "capacity"},
		// No name and no noun phrase: no subject.
		{"Sa valorisation s'établit à 11,7 milliards d'euros.", "11,7 milliards d'euros", "", "valorisation"},
		// A name another number counts is no owner: the member states are a count of their own.
		{"Jusqu'ici, 40 candidats ont déposé un dossier dans 12 États membres.", "40 candidats", "", "candidats"},
		{"In 2024 Microsoft spent 12 billion dollars.", "12 billion dollars", "Microsoft", "spent"},
		// A name right after what is counted is their make, not whose they are.
		{"Soutenu par Nvidia, Lumen exploite 32 centres de données qui comptent ensemble plus de 25 000 GPU Nvidia.", "plus de 25 000 GPU", "Lumen", "gpu"},

		// English: the noun before "of", with the clause's subject.
		{"Three Mile Island has a generating capacity of 835 MW.", "835 MW", "Three Mile Island", "generating capacity"},
		{"Meta is launching a call for 4 GW of new nuclear capacity.", "4 GW", "Meta", "nuclear capacity"},
		{"Amazon's commitment of at least $20 billion was welcomed.", "at least $20 billion", "Amazon", "commitment"},
		{"Alphabet, the parent of Google, spent 52 billion dollars.", "52 billion dollars", "Alphabet", "spent"},
		// Possessives and nouns after the number.
		{"Talen's 90% stake in the plant was sold.", "90%", "Talen", "stake"},
		{"The 2.5 GW Susquehanna plant supplies the campus.", "2.5 GW", "Susquehanna", "plant"},
		{"The campus's four substations deliver 960 MW.", "four substations", "campus", "substations"},
		// What a share is of, with the name inside it.
		{"About 4.4% of U.S. electricity went to data centers in 2023.", "About 4.4%", "U.S.", "electricity"},
		{"Data centres used 21% of the country's electricity in 2023, up from 5% in 2015.", "5%", "Data centres", "electricity"},
		{"The report finds that data centers consumed 4.4% of total electricity.", "4.4%", "data centers", "electricity"},
		// Money "in" what it is, and a name in the complement after it.
		{"Intel will receive €10 billion in subsidies for its Magdeburg fab.", "€10 billion", "Magdeburg", "subsidies"},
		// The verb, its subject, and the verb again after "for" or "at" with an object.
		{"Microsoft invests $3bn in Irish data centres.", "$3bn", "Microsoft", "invests"},
		// A verb of giving gives the amount to the name after it, not to its subject.
		{"The ministry has awarded Lumen Arizona up to $6.6 billion in grants.", "up to $6.6 billion", "Lumen Arizona", "grants"},
		{"Le ministère accorde à Orbis 2 milliards d'euros de subventions.", "2 milliards d'euros", "Orbis", "subventions"},
		{"The state is granting up to 476 billion yen in subsidies to a Vela Chips factory in Kyushu.", "up to 476 billion yen", "Vela Chips", "subsidies"},
		// An approved amount is the name's it is for, not the approving body's; a body with none
		// named after "for" keeps it.
		{"The Commission said it had approved 3 billion euros ($3.3 billion) in Dutch state aid to support a new chip plant in Eindhoven for Orbis Semiconductor.", "3 billion euros", "Orbis Semiconductor", "approved"},
		{"The Commission approved €4 billion in state aid for microelectronics projects led by Vela.", "€4 billion", "Commission", "state aid"},
		// Money invested in a name is the investor's, the nearest name before the verb.
		{"Lumen to invest $5 billion in Orbis to develop chips.", "$5 billion", "Lumen", "invest"},
		{"The American cloud giant Lumen will invest 1.2 billion euros in France.", "1.2 billion euros", "Lumen", "invest"},
		{"Lumen, qui a investi en février près de 15 millions d'euros dans Orbis, ne suit pas.", "près de 15 millions d'euros", "Lumen", "investi"},
		{"It plans to invest at least $20 billion in Pennsylvania.", "at least $20 billion", "Pennsylvania", "invest"},
		// So is money spent somewhere, and invested "en" or "aux" a place.
		{"Lumen plans to spend $20 billion in Texas to build two campuses.", "$20 billion", "Lumen", "spend"},
		{"Orbis va investir 1,2 milliard d'euros en France.", "1,2 milliard d'euros", "Orbis", "investir"},
		// A name a superlative follows is the scope of a ranking, not an owner.
		{"Lumen is Europe's most valuable AI firm, with a market capitalization of $13.76 billion.", "$13.76 billion", "Lumen", "market capitalization"},
		{"Orbis Invests $1.5B in Lumen, Europe’s Most Valuable AI Startup at $11.7B", "$11.7B", "Lumen", "amount"},
		{"First Solar will build a 2 GW plant.", "2 GW", "First Solar", "plant"},
		// Aid a name receives is the receiver's, whoever gives it, and a sentence opening
		// on "Si" still has its subject.
		{"Si, à l'origine, Lumen devait bénéficier d'une aide publique de l'Allemagne à hauteur de 6,8 milliards d'euros.", "6,8 milliards d'euros", "Lumen", "aide"},
		{"Lumen devait bénéficier d'une aide de 6,8 milliards d'euros de l'Allemagne.", "6,8 milliards d'euros", "Lumen", "aide"},
		// A pronoun opening a reported clause stands for the name reporting it.
		{"Lumen a déclaré qu'elle investirait 600 millions d'euros pour construire des centres de données à travers les États-Unis.", "600 millions d'euros", "Lumen", "investirait"},
		{"President Orbis surprised markets by taking a 10 percent equity stake in Lumen.", "10 percent", "President Orbis", "equity stake"},
		{"After the purchase, Orbis will hold a 4 per cent stake in Lumen.", "4 per cent", "Orbis", "stake"},
		{"Orbis a acquis une participation de 10 % dans Lumen, en achetant 433 millions d'actions.", "10 %", "Orbis", "participation"},
		{"The sovereign fund took a stake of 10% in Lumen.", "10%", "sovereign fund", "stake"},
		{"Le gouvernement américain a acquis une participation de 10 % dans Lumen.", "10 %", "gouvernement américain", "participation"},
		// A government granting aid is not whose the aid is.
		{"Le gouvernement allemand devrait accorder une aide de 5 milliards d'euros à Lumen.", "5 milliards d'euros", "Lumen", "aide"},
		// Money raised for a name is its raiser's.
		{"Lumen raised $12bn for an Ohio data centre, while Orbis pulled $9bn in bonds for Vela.", "$12bn", "Lumen", "raised"},
		{"Lumen raised $12bn for an Ohio data centre, while Orbis pulled $9bn in bonds for Vela.", "$9bn", "Orbis", "bonds"},
		{"Lumen a levé 300 millions d'euros pour son campus de Lyon.", "300 millions d'euros", "Lumen", "levé"},
		// A subordinate clause has its own subject, unless a possessive points back.
		{"The deal comes weeks after the Lumen fund took a stake with a $8.9 billion investment.", "$8.9 billion", "Lumen fund", "investment"},
		{"While the master plan targets 5 GW, early phases use gas.", "5 GW", "master plan", "targets"},
		{"Lumen hit a record when its share price reached $163.69.", "$163.69", "Lumen", "share price"},
		{"AWS paid $650 million for the campus.", "$650 million", "AWS", "paid"},
		{"The fund values the company at $10 billion.", "$10 billion", "fund", "values"},
		{"Mistral AI, a French startup, raised 600 million euros.", "600 million euros", "Mistral AI", "raised"},
		// The name before an apposition, not one the sentence gives later.
		{"Last May, Lumen, one of the largest cloud firms, raised $450 million from investors including Orbis.", "$450 million", "Lumen", "raised"},
		{"L'an dernier, Lumen, un hébergeur lyonnais, a levé 45 millions d'euros auprès d'investisseurs dont Orbis.", "45 millions d'euros", "Lumen", "levé"},
		// A name opening the sentence before a comma, the clause after it opening with no subject.
		{"Lumen, too rose 9% on Friday.", "9%", "Lumen", "rose"},
		// An amount inside the noun phrase of a name is that name's.
		{"Orbis got a grant under the $31.4 billion 2021 LUMEN and Research Act.", "$31.4 billion", "LUMEN and Research Act", "grant"},
		{"The money comes from the $500 million Orbis Fund, Lumen said.", "$500 million", "Orbis Fund", "amount"},
		{"Lumen raised $600 million Series B funding.", "$600 million", "Lumen", "raised"},
		// A measure noun in "-ing" after an adjective is no verb, whatever preposition follows.
		{"The state also announced $575 million in direct funding for Lumen.", "$575 million", "Lumen", "direct funding"},
		// An insertion between the subject and its verb, the subject a common noun's.
		{"Les fermes laitières, quant à elles, absorbent 4 % du courant du canton.", "4 %", "fermes laitières", "courant"},
		{"Lumen, for its part, spent $3 billion on chips.", "$3 billion", "Lumen", "spent"},
		{"Irish data centres consumed 6,334 GWh in 2023.", "6,334 GWh", "Irish data centres", "consumed"},
		// A measure noun as the verb's subject, its owner, and the claim after it.
		{"Google's water consumption rose 20 percent last year.", "20 percent", "Google", "water consumption"},
		{"Nvidia's revenue rose 69% to $44bn.", "$44bn", "Nvidia", "revenue"},
		{"Consumption by data centres increased from 290 GWh to 1,661 GWh.", "1,661 GWh", "data centres", "consumption"},
		// Relative clauses, a count borrowed from the claim before, a glossary term.
		{"The plant, which produces 1,100 MW, employs 700 people.", "1,100 MW", "plant", "produces"},
		{"The plant, which produces 1,100 MW, employs 700 people.", "700 people", "plant", "people"},
		{"The county has 199 data centers, with another 117 in development.", "117", "county", "data centers"},
		{"It said the gigafactory would need 100,000 chips.", "100,000 chips", "gigafactory", "chips"},
		// "Ce dernier", "the latter": the last name of the sentence before; the antecedent of a
		// relative clause the writer closed with a comma only, not a name inside it.
		{"Au printemps, la jeune pousse a reçu l'appui d'un grand nom du logiciel : Salesforce. Ce dernier, qui travaille déjà avec Cohere, a injecté 12 millions d'euros dans l'entreprise.", "12 millions d'euros", "Salesforce", "injecté"},
		{"Au printemps, la jeune pousse a reçu l'appui d'un grand nom du logiciel : Salesforce. Ce dernier qui travaille déjà avec Cohere, a injecté 12 millions d'euros dans l'entreprise.", "12 millions d'euros", "Salesforce", "injecté"},
		{"Last spring the startup won the backing of a big software name, Salesforce. The latter, which already works with Cohere, put $12 million into the company.", "$12 million", "Salesforce", "put"},
		{"Le fonds qui soutient déjà Orange, a levé 5 millions d'euros.", "5 millions d'euros", "fonds", "levé"},
		// Coordinated adjectives count both kinds, in both languages.
		{"Le projet créera 5 600 emplois directs et indirects.", "5 600 emplois directs", "projet", "emplois directs et indirects"},
		{"The project will create 5,600 direct and indirect jobs.", "5,600 direct and indirect jobs", "project", "direct and indirect jobs"},
		{"Le projet créera 3 200 emplois directs et 2 400 emplois indirects.", "3 200 emplois directs", "projet", "emplois directs"},
		{"Le site comptera près de 400 postes permanents.", "près de 400 postes", "site", "postes permanents"},
		// A participle after a comma opens a clause whose subject is the main clause's, not a
		// place named in it.
		{"Lumen's campus in north Texas is a key part of its growth, projected to span 11 buildings.", "11 buildings", "Lumen", "buildings"},
		// A predicate joined by "and" to the sentence's first clause shares its subject, not a
		// place named between them; a source the sentence cites is no subject.
		{"The plant will be located in Dresden, Germany, and is expected to create over 7,000 jobs.", "over 7,000 jobs", "plant", "jobs"},
		{"L'usine sera située à Dresde, en Allemagne, et devrait créer 2 000 emplois.", "2 000 emplois", "usine", "emplois"},
		{"Orbis Fabs will open in 2027, and it is estimated that it will initially provide 2,000 jobs, per Nikkei Asia.", "2,000 jobs", "Orbis Fabs", "jobs"},
		// Figures that show something have a giver, no subject: what they show has its own.
		{"The Lumen Office figures show large energy users accounted for 30 per cent of consumption.", "30 per cent", "large energy users", "consumption"},
		{"Les chiffres de l'Orbis Office montrent que les ménages ont dépensé 5 milliards d'euros.", "5 milliards d'euros", "ménages", "dépensé"},
		// A solar farm's power in direct current: "DC" belongs to the unit, not to the name.
		{"Lumen signed for the 95 MW DC Kestrel Solar Farm in Victoria.", "95 MW DC", "Kestrel Solar Farm", "capacity"},
		// A wire story's dateline says where it was filed, a news agency who reports, a span of
		// months when, an accounting term how: none is whose the figure is.
		{"KESTREL, Jan. 28 (Orbis Wire) — Lumen Chips said it posted record results. The company reported operating profit of 47.2 trillion won.", "47.2 trillion won", "Lumen Chips", "operating profit"},
		{"VELA (Reuters) - Lumen Chips said it posted record results. The company reported operating profit of 47.2 trillion won.", "47.2 trillion won", "Lumen Chips", "operating profit"},
		{"Lumen has raised its spending. Reuters reports the company has raised its capex forecast to $91 billion.", "$91 billion", "Lumen", "capex forecast"},
		{"Net profit for July-September rose to $14.8 billion, Lumen said.", "$14.8 billion", "Lumen", "rose"},
		{"Lumen Chips beat forecasts. Non-GAAP EPS was $1.05.", "$1.05", "Lumen Chips", "amount"},
	}
	for _, tt := range tests {
		q := find(t, e.Extract(tt.text, ""), tt.surface)
		if q.Subject != tt.subject || q.Measure != tt.measure {
			t.Errorf("%s\n%q: subject %q, measure %q; want %q, %q", tt.text, tt.surface, q.Subject, q.Measure, tt.subject, tt.measure)
		}
	}
}

// A sentence that names nothing takes the glossary subject of the sentences before it.
func TestSubjectCarried(t *testing.T) {
	e := newTestExtractor(t)
	qs := e.Extract("The EU wants to build five AI gigafactories. Each will host about 100,000 processors.", "en")
	if q := find(t, qs, "about 100,000 processors"); q.Subject != "AI gigafactories" || q.Measure != "processors" {
		t.Errorf("subject %q, measure %q", q.Subject, q.Measure)
	}
}

// Token classes keep their bits below the roles.
func TestTokClassBits(t *testing.T) {
	if tcAdj >= 1<<roleShift {
		t.Fatalf("token class bits reach roleShift %d", roleShift)
	}
	if r := role(roleNotName); tokClass(r)<<roleShift>>roleShift != tokClass(r) {
		t.Fatal("roles overflow tokClass")
	}
}

// Sentences of clauses, brackets, lists and names in every position: every quantity has a
// measure, and reading them ends.
func TestSubjectShapes(t *testing.T) {
	e := newTestExtractor(t)
	for _, text := range []string{
		"(", ") 5 MW (", "for 5 MW for", ", qui 3 %, qui 4 %,", "AWS acquired the campus for $650m, for $650m.",
		"L'Irlande, la France, l'Allemagne : 12 %, 15 %, 20 %.", "The U.S. A.B.C. 40 GW of U.S.",
		"de de de 5 % de de", "Talen's's 90%", "10 or fewer votes or fewer", "« 5 % » — 6 % – (7 %)",
		strings.Repeat("Meta, ", 200) + "invests $3bn.", "1,100 MW, 2,200 MW, 3,300 MW", "H100 H200 50,000 H200s",
	} {
		for _, q := range e.Extract(text, "") {
			checkInvariants(t, text, q)
		}
	}
}
