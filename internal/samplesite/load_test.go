package samplesite

import (
	"strings"
	"testing"
	"testing/fstest"
)

const fixtureManifest = `name: Fixture
lang: en
feed: atom
description: A site for load tests.
disallow: [/admin/]
sections:
  - {slug: s, name: Section, path: /s}
pages: [/about]
most_read:
  - {path: /a, reads: "1 read"}
articles:
  - {path: /a, title: A, date: 2025-01-02T03:04:05Z, author: Au, summary: Su, section: s}
`

func fixture() fstest.MapFS {
	return fstest.MapFS{
		"sites/x/site.yaml":        {Data: []byte(fixtureManifest)},
		"sites/x/index.tmpl":       {Data: []byte(`<a href="{{.Canonical}}">{{range .MostRead}}{{.Title}}{{end}}</a>`)},
		"sites/x/furniture.tmpl":   {Data: []byte(`{{define "footer"}}<footer>f</footer>{{end}}`)},
		"sites/x/pages/a.html":     {Data: []byte(`<p>a</p>{{template "footer"}}`)},
		"sites/x/pages/about.html": {Data: []byte("<p>about</p>")},
		"sites/x/assets/site.css":  {Data: []byte("p {}")},
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(fstest.MapFS)
		wantErr string // empty: must load
	}{
		{"valid", func(fstest.MapFS) {}, ""},
		{"no site", func(m fstest.MapFS) {
			for k := range m {
				delete(m, k)
			}
			m["sites/readme.txt"] = &fstest.MapFile{}
		}, "no site"},
		{"no manifest", func(m fstest.MapFS) { delete(m, "sites/x/site.yaml") }, "site.yaml"},
		{"unknown field", manifestEdit("lang: en", "lang: en\ncolour: red"), "colour"},
		{"bad feed", manifestEdit("feed: atom", "feed: json"), "want rss or atom"},
		{"relative path", manifestEdit("{path: /a, title", "{path: a, title"), "absolute path"},
		{"no date", manifestEdit(" date: 2025-01-02T03:04:05Z,", ""), "date"},
		{"unknown section", manifestEdit("section: s}", "section: t}"), "unknown section"},
		{"most read not an article", manifestEdit("{path: /a, reads", "{path: /b, reads"), "most_read /b"},
		{"bad disallow", manifestEdit("[/admin/]", "[admin]"), "disallow"},
		{"missing article file", func(m fstest.MapFS) { delete(m, "sites/x/pages/a.html") }, "a.html"},
		{"unlisted page", func(m fstest.MapFS) { m["sites/x/pages/b.html"] = &fstest.MapFile{} }, "pages/b.html is not listed"},
		{"page listed twice", manifestEdit("pages: [/about]", "pages: [/about, /a]"), "/a served twice"},
		{"article on a generated path", func(m fstest.MapFS) {
			manifestEdit("{path: /a, title", "{path: /feed.xml, title")(m)
			manifestEdit("{path: /a, reads", "{path: /feed.xml, reads")(m)
			m["sites/x/pages/feed.xml.html"] = m["sites/x/pages/a.html"]
			delete(m, "sites/x/pages/a.html")
		}, "/feed.xml served twice"},
		{"section on the home page", manifestEdit("path: /s}", "path: /}"), "/ served twice"},
		{"broken template", func(m fstest.MapFS) { m["sites/x/index.tmpl"] = &fstest.MapFile{Data: []byte("{{.Nope}}")} }, "Nope"},
		{"unknown asset type", func(m fstest.MapFS) { m["sites/x/assets/logo.zzz"] = &fstest.MapFile{} }, "unknown content type"},
		{"no furniture", func(m fstest.MapFS) { delete(m, "sites/x/furniture.tmpl") }, "furniture.tmpl"},
		{"page calls missing furniture", func(m fstest.MapFS) {
			m["sites/x/pages/about.html"] = &fstest.MapFile{Data: []byte(`{{template "masthead"}}`)}
		}, `pages/about.html: html/template:pages/about.html:1:11: no such template "masthead"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture()
			tt.edit(fsys)
			pubs, err := load(fsys)
			if tt.wantErr == "" {
				if err != nil || len(pubs) != 1 || pubs[0].Slug != "x" || pubs[0].Name != "Fixture" || pubs[0].Lang != "en" {
					t.Fatalf("load = %+v, %v", pubs, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "samplesite: ") {
				t.Fatalf("err = %v, want samplesite: ...%s...", err, tt.wantErr)
			}
		})
	}
}

func manifestEdit(old, new string) func(fstest.MapFS) {
	return func(m fstest.MapFS) {
		f := m["sites/x/site.yaml"]
		m["sites/x/site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
	}
}

func TestPagesIncludeTheirFurniture(t *testing.T) {
	pubs, err := load(fixture())
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, pubs[0].Handler, "/a").Body.String(); got != "<p>a</p><footer>f</footer>" {
		t.Errorf("/a = %q, want the page with its footer", got)
	}
}
