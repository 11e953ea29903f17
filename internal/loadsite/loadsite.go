// Package loadsite generates a news site of any size for load tests and benchmarks: short
// French and English articles about data centres, each stating about ten figures of the same
// kinds, all linked from the home page and listed in /sitemap.xml.
package loadsite

import (
	"fmt"
	"html"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// SitemapPath is where the sitemap listing every article is served. Crawlers cap the links
// they follow from one page, so large sites must be crawled from it rather than from "/".
const SitemapPath = "/sitemap.xml"

// Site is a generated site: its pages by path, "/" being the home page.
type Site struct {
	Pages map[string][]byte
}

// New generates n articles.
func New(n int) *Site {
	ids := make([]int, n)
	for i := range ids {
		ids[i] = i
	}
	return build(ids)
}

// Split generates n articles spread over hosts sites, article i on site i%hosts, so that a
// crawl over many hosts has as many distinct articles as one site of n.
func Split(n, hosts int) []*Site {
	ids := make([][]int, hosts)
	for i := range n {
		ids[i%hosts] = append(ids[i%hosts], i)
	}
	sites := make([]*Site, hosts)
	for h := range sites {
		sites[h] = build(ids[h])
	}
	return sites
}

func build(ids []int) *Site {
	pages := make(map[string][]byte, len(ids)+1)
	var home strings.Builder
	home.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Grid &amp; Chips Wire</title></head><body><h1>Latest</h1><ul>`)
	for _, i := range ids {
		path := fmt.Sprintf("/news/%05d", i)
		fmt.Fprintf(&home, `<li><a href="%s">Item %d</a></li>`, path, i)
		pages[path] = []byte(article(i))
	}
	home.WriteString(`</ul></body></html>`)
	pages["/"] = []byte(home.String())
	return &Site{Pages: pages}
}

// ArticlePaths lists the article paths in order.
func (s *Site) ArticlePaths() []string {
	paths := make([]string, 0, len(s.Pages))
	for p := range s.Pages {
		if p != "/" {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// ServeHTTP serves the pages as UTF-8 HTML, and the sitemap.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == SitemapPath {
		s.serveSitemap(w, r)
		return
	}
	page, ok := s.Pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(page)
}

// serveSitemap lists every article. Sitemap locations must be absolute, so they are built from
// the request's host: the site does not know the address it is served on.
func (s *Site) serveSitemap(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, p := range s.ArticlePaths() {
		fmt.Fprintf(&b, "<url><loc>http://%s%s</loc></url>\n", html.EscapeString(r.Host), p)
	}
	b.WriteString(`</urlset>`)
	w.Header().Set("Content-Type", "application/xml")
	_, _ = w.Write([]byte(b.String()))
}

func article(i int) string {
	if i%2 == 0 {
		return fmt.Sprintf(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Le site de Valmont-%d mise sur les puces</title>
<meta property="article:published_time" content="2025-05-%02dT08:00:00Z"></head><body><nav><a href="/">Accueil</a></nav><article><h1>Le site de Valmont-%d mise sur les puces</h1>
<p>L'opérateur du centre de données de Valmont-%d a commandé %d puces spécialisées pour ses serveurs d'intelligence artificielle, selon la direction du site.</p>
<p>Le projet représente un investissement de %d millions d'euros et une puissance électrique d'environ %d mégawatts, a précisé l'entreprise lors d'une réunion publique.</p>
<p>Le bâtiment occupera %d hectares et consommera près de %d gigawattheures par an, soit %d %% de plus que l'ancienne salle informatique du même opérateur.</p>
<p>Le chantier doit créer %d emplois directs, et la commune compte sur %d millions d'euros de recettes fiscales sur une décennie.</p>
<p>Le refroidissement utilisera %d mètres cubes d'eau par jour, et les nouvelles puces seraient %d fois plus sobres que la génération précédente, d'après le constructeur.</p>
<p>Les travaux doivent commencer au printemps et mobiliser plusieurs équipes locales pendant de longs mois.</p></article><footer>Contact</footer></body></html>`,
			i, 1+i%28, i, i, 1000+i, 50+i, 10+i%90, 5+i%40, 100+i%900, 5+i%60, 40+i%300, 2+i%50, 200+i%5000, 2+i%5)
	}
	return fmt.Sprintf(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbor campus %d orders more GPUs</title>
<meta property="article:published_time" content="2025-06-%02dT08:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Harbor campus %d orders more GPUs</h1>
<p>The operator of the Harbor-%d data centre has ordered %d GPUs for its artificial intelligence cluster, the company said on Monday.</p>
<p>The expansion will cost about $%d million and draw up to %d megawatts from the regional grid once it is complete.</p>
<p>The building will cover %d acres and use nearly %d gigawatt-hours a year, %d%% more than the operator's older hall.</p>
<p>The project should create %d permanent jobs, and the county expects $%d million in tax revenue over a decade.</p>
<p>Cooling will draw %d cubic metres of water a day, and the new chips are %d times more efficient than the previous generation, according to the vendor.</p>
<p>Construction is expected to start next spring and to employ several local contractors for many months.</p></article><footer>Contact</footer></body></html>`,
		i, 1+i%28, i, i, 2000+i, 70+i, 20+i%80, 10+i%90, 150+i%900, 5+i%60, 30+i%300, 3+i%40, 300+i%5000, 2+i%5)
}

// Recorder serves a handler and records each request, so that a test can check how often a
// crawler fetched each page, which crawler did, and how closely requests followed each other.
type Recorder struct {
	h    http.Handler
	mu   sync.Mutex
	reqs []Request
}

// Request is a request a Recorder served.
type Request struct {
	Path, UserAgent string
	At              time.Time
}

// Record wraps h.
func Record(h http.Handler) *Recorder { return &Recorder{h: h} }

// ServeHTTP records the request, then serves it.
func (r *Recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.reqs = append(r.reqs, Request{Path: req.URL.Path, UserAgent: req.UserAgent(), At: time.Now()})
	r.mu.Unlock()
	r.h.ServeHTTP(w, req)
}

// Requests returns the requests served so far, in the order they arrived.
func (r *Recorder) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.reqs...)
}

// Hits returns how many times each path was requested.
func (r *Recorder) Hits() map[string]int {
	out := map[string]int{}
	for _, req := range r.Requests() {
		out[req.Path]++
	}
	return out
}

// MinGap returns the shortest time between two successive requests, and false with fewer than
// two requests.
func (r *Recorder) MinGap() (time.Duration, bool) {
	reqs := r.Requests()
	if len(reqs) < 2 {
		return 0, false
	}
	gap := reqs[1].At.Sub(reqs[0].At)
	for i := 2; i < len(reqs); i++ {
		gap = min(gap, reqs[i].At.Sub(reqs[i-1].At))
	}
	return gap, true
}
