package samplesite

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/http/httpguts"
)

// manifest is a site's site.yaml.
type manifest struct {
	Name        string `yaml:"name"`
	Lang        string `yaml:"lang"`
	Feed        string `yaml:"feed"` // "rss" or "atom"
	Description string `yaml:"description"`
	// Disallow lists the path prefixes robots.txt forbids.
	Disallow []string  `yaml:"disallow"`
	Sections []section `yaml:"sections"`
	// Pages are static pages that are not articles (about, legal notice).
	Pages    []string   `yaml:"pages"`
	MostRead []mostRead `yaml:"most_read"`
	Articles []article  `yaml:"articles"`
}

type section struct {
	Slug string `yaml:"slug"`
	Name string `yaml:"name"`
	Path string `yaml:"path"`
}

// mostRead is an entry of the "most read" box; Reads is the counter as the site prints it.
type mostRead struct {
	Path  string `yaml:"path"`
	Reads string `yaml:"reads"`
}

type article struct {
	Path    string    `yaml:"path"`
	Title   string    `yaml:"title"`
	Date    time.Time `yaml:"date"`
	Author  string    `yaml:"author"`
	Section string    `yaml:"section"`
	Summary string    `yaml:"summary"`
}

// resource is a response body prepared at load time.
type resource struct {
	body        []byte
	contentType string
	modified    time.Time
}

// site serves one publication. It is immutable once loaded.
type site struct {
	manifest
	slug      string
	resources map[string]resource
}

const htmlType = "text/html; charset=utf-8"

// Paths generated at request time, from the request's Host.
const (
	feedPath    = "/feed.xml"
	sitemapPath = "/sitemap.xml"
	robotsPath  = "/robots.txt"
)

func loadSite(fsys fs.FS, slug string) (*site, error) {
	raw, err := fs.ReadFile(fsys, "site.yaml")
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var m manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("site.yaml: %w", err)
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("site.yaml: %w", err)
	}
	// Listings and feeds show the newest article first.
	slices.SortStableFunc(m.Articles, func(a, b article) int { return b.Date.Compare(a.Date) })

	s := &site{manifest: m, slug: slug, resources: make(map[string]resource)}
	for _, p := range []string{feedPath, sitemapPath, robotsPath} {
		s.resources[p] = resource{} // reserved: served dynamically, never from this map
	}
	if err := s.addPages(fsys); err != nil {
		return nil, err
	}
	if err := s.addAssets(fsys); err != nil {
		return nil, err
	}
	if err := s.addListings(fsys); err != nil {
		return nil, err
	}
	return s, nil
}

func (m *manifest) validate() error {
	if m.Name == "" || m.Lang == "" || m.Description == "" {
		return errors.New("name, lang and description are required")
	}
	if m.Feed != "rss" && m.Feed != "atom" {
		return fmt.Errorf("feed %q: want rss or atom", m.Feed)
	}
	if len(m.Articles) == 0 {
		return errors.New("no article")
	}
	for _, d := range m.Disallow {
		if !strings.HasPrefix(d, "/") || strings.ContainsAny(d, "\r\n") {
			return fmt.Errorf("disallow %q: want one absolute path", d)
		}
	}
	sections := make(map[string]bool, len(m.Sections))
	for _, sec := range m.Sections {
		if sec.Slug == "" || sec.Name == "" || !strings.HasPrefix(sec.Path, "/") {
			return fmt.Errorf("section %q: slug, name and an absolute path are required", sec.Slug)
		}
		sections[sec.Slug] = true
	}
	articles := make(map[string]bool, len(m.Articles))
	for _, a := range m.Articles {
		if !strings.HasPrefix(a.Path, "/") || a.Title == "" || a.Author == "" || a.Summary == "" || a.Date.IsZero() {
			return fmt.Errorf("article %q: absolute path, title, author, summary and date are required", a.Path)
		}
		if !sections[a.Section] {
			return fmt.Errorf("article %s: unknown section %q", a.Path, a.Section)
		}
		articles[a.Path] = true
	}
	for _, r := range m.MostRead {
		if !articles[r.Path] || r.Reads == "" {
			return fmt.Errorf("most_read %s: not an article, or no reads", r.Path)
		}
	}
	return nil
}

// pageFile is where the HTML of the page served at urlPath is stored.
func pageFile(urlPath string) string {
	f := path.Join("pages", urlPath)
	if path.Ext(f) != ".html" {
		f += ".html"
	}
	return f
}

func (s *site) add(urlPath string, r resource) error {
	if _, dup := s.resources[urlPath]; dup {
		return fmt.Errorf("path %s served twice", urlPath)
	}
	s.resources[urlPath] = r
	return nil
}

// furnitureFile holds the templates of the page furniture (masthead, footer) that a site's pages
// share; a page calls them with {{template "masthead"}}.
const furnitureFile = "furniture.tmpl"

// addPages renders the articles and static pages, and rejects HTML files the manifest does
// not list, so that the listings, feed and sitemap cannot drift from the files.
func (s *site) addPages(fsys fs.FS) error {
	furniture, err := template.ParseFS(fsys, furnitureFile)
	if err != nil {
		return err
	}
	listed := make(map[string]bool)
	load := func(urlPath string, modified time.Time) error {
		if !strings.HasPrefix(urlPath, "/") {
			return fmt.Errorf("page %q: path must be absolute", urlPath)
		}
		f := pageFile(urlPath)
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return err
		}
		t, err := furniture.Clone()
		if err != nil {
			return err
		}
		if t, err = t.New(f).Parse(string(src)); err != nil {
			return err
		}
		var body bytes.Buffer
		if err := t.Execute(&body, nil); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		listed[f] = true
		return s.add(urlPath, resource{body: body.Bytes(), contentType: htmlType, modified: modified})
	}
	for _, a := range s.Articles {
		if err := load(a.Path, a.Date); err != nil {
			return err
		}
	}
	for _, p := range s.Pages {
		if err := load(p, time.Time{}); err != nil {
			return err
		}
	}
	return fs.WalkDir(fsys, "pages", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !listed[p] {
			return fmt.Errorf("%s is not listed in site.yaml", p)
		}
		return nil
	})
}

func (s *site) addAssets(fsys fs.FS) error {
	return fs.WalkDir(fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			return fmt.Errorf("%s: unknown content type", p)
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return s.add("/"+p, resource{body: body, contentType: ctype})
	})
}

// listing is the data of index.tmpl, which renders the home page and the section pages.
type listing struct {
	Site      *manifest
	Section   *section // nil on the home page
	Canonical string
	Articles  []article
	MostRead  []readEntry
}

type readEntry struct {
	article
	Rank  int
	Reads string
}

func (s *site) addListings(fsys fs.FS) error {
	byPath := make(map[string]article, len(s.Articles))
	for _, a := range s.Articles {
		byPath[a.Path] = a
	}
	var mostRead []readEntry
	for i, r := range s.MostRead {
		mostRead = append(mostRead, readEntry{article: byPath[r.Path], Rank: i + 1, Reads: r.Reads})
	}
	funcs := template.FuncMap{
		"date":    func(t time.Time) string { return formatDate(t, s.Lang) },
		"section": s.section,
	}
	tmpl, err := template.New("index.tmpl").Funcs(funcs).ParseFS(fsys, "index.tmpl")
	if err != nil {
		return err
	}
	render := func(l listing) error {
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, l); err != nil {
			return err
		}
		return s.add(l.Canonical, resource{body: buf.Bytes(), contentType: htmlType})
	}
	if err := render(listing{Site: &s.manifest, Canonical: "/", Articles: s.Articles, MostRead: mostRead}); err != nil {
		return err
	}
	for i := range s.Sections {
		sec := &s.Sections[i]
		var arts []article
		for _, a := range s.Articles {
			if a.Section == sec.Slug {
				arts = append(arts, a)
			}
		}
		if err := render(listing{Site: &s.manifest, Section: sec, Canonical: sec.Path, Articles: arts, MostRead: mostRead}); err != nil {
			return err
		}
	}
	return nil
}

// section returns the section with this slug; validate guarantees every article has one.
func (s *site) section(slug string) section {
	for _, sec := range s.Sections {
		if sec.Slug == slug {
			return sec
		}
	}
	return section{}
}

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// formatDate writes a date the way the site's readers expect it.
func formatDate(t time.Time, lang string) string {
	if lang == "fr" {
		return fmt.Sprintf("%d %s %d", t.Day(), frenchMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case feedPath, sitemapPath, robotsPath:
		s.serveGenerated(w, r)
		return
	}
	res, ok := s.resources[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", res.contentType)
	http.ServeContent(w, r, "", res.modified, bytes.NewReader(res.body))
}

// serveGenerated renders the files that carry absolute URLs. The demo picks its ports at run
// time, so they are built from the Host the client used.
func (s *site) serveGenerated(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host
	// The Host ends up in XML and in robots.txt: accept only one that is a plain host[:port].
	if u, err := url.Parse(base); err != nil || u.Host != r.Host || r.Host == "" || !httpguts.ValidHostHeader(r.Host) {
		http.Error(w, "missing or invalid Host", http.StatusBadRequest)
		return
	}

	var (
		body  []byte
		ctype string
		err   error
	)
	switch r.URL.Path {
	case feedPath:
		if s.Feed == "rss" {
			body, err = s.rss(base)
			ctype = "application/rss+xml; charset=utf-8"
		} else {
			body, err = s.atom(base)
			ctype = "application/atom+xml; charset=utf-8"
		}
	case sitemapPath:
		body, err = s.sitemap(base)
		ctype = "application/xml; charset=utf-8"
	default:
		body = s.robots(base)
		ctype = "text/plain; charset=utf-8"
	}
	if err != nil {
		slog.Error("samplesite: render", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
