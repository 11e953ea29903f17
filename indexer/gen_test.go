package indexer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire"
)

// Synthetic claims for benchmarks, shaped like the extractor's output: sentences of about 300
// bytes in French and English built from phrase pools written for this file, realistic units,
// metrics, sites and dates, and made-up proper nouns so that the vocabulary keeps growing with the
// corpus as real news does.

type genUnit struct {
	unit    string
	lo, hi  float64
	metrics []string
	fr, en  string // how the number reads, %s is the number
}

var genUnits = []genUnit{
	{"EUR", 1e6, 5e10, []string{"campus_investment", "startup_funding", "public_subsidy", "datacenter_capex"}, "%s d'euros", "€%s"},
	{"USD", 1e6, 1e11, []string{"campus_investment", "startup_funding", "chip_revenue", "cloud_capex"}, "%s de dollars", "$%s"},
	{"MW", 10, 2000, []string{"campus_power", "datacenter_capacity", "grid_connection"}, "%s MW", "%s MW"},
	{"GWh", 10, 5000, []string{"datacenter_energy", "annual_consumption"}, "%s GWh", "%s GWh"},
	{"chips", 1000, 500000, []string{"datacenter_chips", "gpu_order"}, "%s puces", "%s chips"},
	{"percent", 0.5, 80, []string{"electricity_share", "revenue_growth", "market_share"}, "%s %%", "%s%%"},
	{"jobs", 50, 10000, []string{"jobs_created", "campus_jobs"}, "%s emplois", "%s jobs"},
	{"proposals", 5, 300, []string{"eu_ai_gigafactory_proposals", "tender_bids"}, "%s propositions", "%s proposals"},
	{"data centers", 1, 400, []string{"datacenter_count", "planned_sites"}, "%s centres de données", "%s data centers"},
	{"m³", 1000, 5e6, []string{"water_use"}, "%s mètres cubes", "%s cubic metres"},
}

var genQualifiers = []string{"exact", "exact", "exact", "approx", "more_than", "at_least", "up_to", "range"}

var genFR = struct{ lead, verb, tail, link []string }{
	lead: []string{"Selon le ministère de l'Économie,", "D'après les documents consultés par notre rédaction,",
		"Lors d'une conférence de presse mardi,", "Dans un communiqué publié jeudi,", "Interrogé par nos soins,",
		"Au terme d'un long appel d'offres,", "Pour la première fois depuis le lancement du plan,",
		"Malgré les réserves des associations locales,", "À en croire les analystes du secteur,"},
	verb: []string{"le projet représente", "l'opérateur annonce", "la région espère attirer", "le groupe prévoit",
		"les autorités évoquent", "la start-up revendique", "le consortium vise", "l'État a promis",
		"le fonds a déjà engagé", "le rapport estime"},
	tail: []string{"pour son futur campus d'intelligence artificielle situé près de", "dans le cadre du chantier de",
		"afin d'alimenter les serveurs installés à", "grâce au raccordement au réseau électrique de",
		"pour la construction d'un centre de données géant à", "au profit des entreprises implantées à",
		"destinés à l'entraînement de modèles de langage à"},
	link: []string{"un chiffre jugé ambitieux par plusieurs élus.", "ce qui en ferait l'un des plus grands sites d'Europe.",
		"une somme contestée par l'opposition municipale.", "alors que la consommation d'eau inquiète les riverains.",
		"et les premiers serveurs devraient tourner dès l'an prochain.", "sans préciser le calendrier exact des travaux.",
		"une annonce saluée par la fédération professionnelle du numérique."},
}

var genEN = struct{ lead, verb, tail, link []string }{
	lead: []string{"According to filings reviewed by reporters,", "Speaking at an industry summit on Tuesday,",
		"In a statement released late on Thursday,", "People familiar with the negotiations said",
		"After a lengthy tender process,", "Despite objections from local residents,", "Analysts at a London broker estimate that",
		"For the first time since the programme began,", "Company executives told investors that"},
	verb: []string{"the project will require", "the operator expects", "the region hopes to attract", "the group plans",
		"officials now mention", "the startup claims", "the consortium is targeting", "the government pledged",
		"the fund has already committed", "the report puts the figure at"},
	tail: []string{"for its planned artificial intelligence campus near", "as part of the construction work at",
		"to power the servers being installed in", "thanks to a new grid connection in",
		"to build a giant data center outside", "for companies setting up shop in",
		"dedicated to training large language models in"},
	link: []string{"a figure several councillors called ambitious.", "which would make it one of the largest sites in Europe.",
		"an amount disputed by the opposition.", "while water consumption worries nearby residents.",
		"and the first racks should be running next year.", "without giving a precise schedule for the works.",
		"an announcement welcomed by the digital industry federation."},
}

var genSites = []string{"journal-exemple.fr", "lequotidien-demo.fr", "eco-actu.example.fr", "tech-hebdo.example.fr",
	"regions-info.example.fr", "technews.example.com", "wire.example.org", "datacenter-weekly.example.com",
	"markets.example.co.uk", "policy-brief.example.eu", "cloudreport.example.com", "energy-desk.example.net"}

var genSyllables = []string{"ka", "lor", "vin", "bre", "mar", "tis", "qua", "nel", "dor", "zen", "rul", "pha",
	"gor", "sel", "tri", "mon", "vax", "lim", "cor", "dune"}

// genName makes a proper noun; the Zipf-like draw keeps a few names frequent and many rare.
func genName(r *rand.Rand, z *rand.Zipf) string {
	n := z.Uint64()
	var b strings.Builder
	for i := 0; i < 3; i++ {
		b.WriteString(genSyllables[n%uint64(len(genSyllables))])
		n /= uint64(len(genSyllables))
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:] + strconv.Itoa(int(r.IntN(3)))
}

// claimGen makes deterministic synthetic claims, a few per article as the extractor does: the
// claims of one article share its URL, site, language, title and dates.
type claimGen struct {
	r   *rand.Rand
	z   *rand.Zipf
	n   int
	art claimwire.Claim // article fields of the current article
	// left is how many claims the current article still has.
	left int
}

func newClaimGen(seed uint64) *claimGen {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &claimGen{r: r, z: rand.NewZipf(r, 1.1, 1, 50000)}
}

func (g *claimGen) nextArticle() {
	g.left = 3 + g.r.IntN(10)
	site := g.pick(genSites)
	lang, words := "fr", genFR
	if g.r.IntN(2) == 0 {
		lang, words = "en", genEN
	}
	pub := time.Date(2023, 1, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(g.r.IntN(3*365*24*60)) * time.Minute)
	title := genName(g.r, g.z) + ": " + strings.TrimSuffix(g.pick(words.link), ".")
	u := fmt.Sprintf("https://%s/%d/%02d/%s-%d", site, pub.Year(), pub.Month(),
		strings.ToLower(genName(g.r, g.z)), g.r.IntN(1e6))
	g.art = claimwire.Claim{
		Version: claimwire.SchemaVersion, URL: u, Site: site, Title: title, Published: pub,
		Crawled:     pub.Add(time.Duration(300+g.r.IntN(20000)) * time.Second),
		ContentHash: fmt.Sprintf("%016x%016x", g.r.Uint64(), g.r.Uint64()),
	}
	g.art.Lang = lang
}

func (g *claimGen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *claimGen) claims(n int) []claimwire.Claim {
	out := make([]claimwire.Claim, n)
	for i := range out {
		out[i] = g.claim()
	}
	return out
}

// roundValue draws a value between lo and hi with two significant digits, as news numbers mostly
// are (1.5 billion, 76, 120 MW).
func (g *claimGen) roundValue(lo, hi float64) float64 {
	v := lo * math.Pow(hi/lo, g.r.Float64())
	scale := math.Pow(10, math.Floor(math.Log10(v))-1)
	return math.Round(v/scale) * scale
}

func (g *claimGen) claim() claimwire.Claim {
	if g.left == 0 {
		g.nextArticle()
	}
	g.left--
	g.n++
	u := genUnits[g.r.IntN(len(genUnits))]
	v := g.roundValue(u.lo, u.hi)
	num := strconv.FormatFloat(v, 'f', -1, 64)
	words, pattern := genFR, u.fr
	if g.art.Lang == "en" {
		words, pattern = genEN, u.en
	}
	surface := fmt.Sprintf(pattern, num)
	sentence := strings.Join([]string{g.pick(words.lead), g.pick(words.verb), surface, g.pick(words.tail),
		genName(g.r, g.z) + ",", g.pick(words.link), genName(g.r, g.z), g.pick(words.verb), g.pick(words.tail),
		genName(g.r, g.z) + ",", g.pick(words.link)}, " ")
	q := g.pick(genQualifiers)
	c := g.art
	c.Quantity = claimwire.Quantity{
		Surface: surface, Value: v, Unit: u.unit, Qualifier: q, Sentence: sentence,
		Metric: g.pick(u.metrics), Lang: g.art.Lang, Start: 40, End: 40 + len(surface),
	}
	if q == "range" {
		m := v * 1.5
		c.ValueMax = &m
	}
	c.ID = claimwire.ClaimID(c.URL, &c.Quantity, g.n)
	return c
}
