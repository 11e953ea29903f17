package article

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

func metaOf(t *testing.T, head, body string) pageMeta {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><head>" + head + "</head><body>" + body + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	return extractMeta(doc, "www.news-site.example")
}

func ldScript(s string) string { return `<script type="application/ld+json">` + s + `</script>` }

func TestJSONLD(t *testing.T) {
	utc := func(s string) time.Time { d, _ := time.Parse(time.RFC3339, s); return d }
	for _, tc := range []struct {
		name                   string
		ld                     string
		headline, author, site string
		published, modified    time.Time
		isArticle              bool
	}{
		{"plain object", `{"@type":"NewsArticle","headline":"H","datePublished":"2025-03-04T09:30:00+01:00","author":{"name":"Par Ana Lima"},"publisher":{"name":"Site"}}`,
			"H", "Ana Lima", "Site", utc("2025-03-04T08:30:00Z"), time.Time{}, true},
		{"array with breadcrumb first", `[{"@type":"BreadcrumbList"},{"@type":["Article","NewsArticle"],"headline":"H2","dateModified":"2025-03-05","author":[{"name":"A"},{"name":"B"},"C"]}]`,
			"H2", "A, B, C", "", time.Time{}, utc("2025-03-05T00:00:00Z"), true},
		{"graph with references", `{"@graph":[{"@type":"Organization","@id":"#o","name":"Org"},{"@type":"Person","@id":"#p","name":"Zoé Martin"},{"@type":"ReportageNewsArticle","headline":"H3","author":{"@id":"#p"},"publisher":{"@id":"#o"},"datePublished":{"@value":"2025-01-02"}}]}`,
			"H3", "Zoé Martin", "Org", utc("2025-01-02T00:00:00Z"), time.Time{}, true},
		{"mainEntity of a WebPage", `{"@type":"WebPage","mainEntity":{"@type":"BlogPosting","name":"H4","author":"https://x.example/auteur"}}`,
			"H4", "", "", time.Time{}, time.Time{}, true},
		{"website only", `{"@type":"WebSite","name":"Le Site"}`, "", "", "Le Site", time.Time{}, time.Time{}, false},
		{"invalid JSON is ignored", `{"@type":"NewsArticle","headline":"H5",}`, "", "", "", time.Time{}, time.Time{}, false},
		{"deep nesting is bounded", strings.Repeat(`{"@graph":[`, 50) + `{"@type":"NewsArticle","headline":"deep"}` + strings.Repeat(`]}`, 50), "", "", "", time.Time{}, time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := metaOf(t, ldScript(tc.ld), "")
			if m.headline != tc.headline || m.author != tc.author || m.siteName != tc.site ||
				!m.published.Equal(tc.published) || !m.modified.Equal(tc.modified) || m.isArticle != tc.isArticle {
				t.Errorf("got headline %q author %q site %q published %v modified %v article %v", m.headline, m.author, m.siteName, m.published, m.modified, m.isArticle)
			}
		})
	}
}

func TestMetaFallbacks(t *testing.T) {
	m := metaOf(t, `<title>Le titre complet - News Site</title>
<meta property="article:published_time" content="2025-06-01T12:00:00Z">
<meta property="og:locale" content="fr_FR">
<link rel="canonical" href="/a/b?utm_source=x">`,
		`<div class="logo">Autre</div><h1>Le titre complet</h1><p>Par Jean-Luc de La Tour | 3 mars 2025</p><p>Texte.</p>`)
	if m.siteName != "News Site" || m.author != "Jean-Luc de La Tour" || m.canonical != "/a/b?utm_source=x" ||
		!m.published.Equal(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)) || !m.textDate.Equal(time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)) ||
		m.declaredLangs[1] != "fr_FR" {
		t.Errorf("%+v", m)
	}
	// A <title> part that does not look like the domain is not a site name; the logo is.
	m = metaOf(t, `<title>Newsroom - Le titre</title>`, `<a class="logo" href="/">News-Site</a><h1>Le titre</h1>`)
	if m.siteName != "News-Site" {
		t.Errorf("site name = %q", m.siteName)
	}
	m = metaOf(t, `<title>Le titre</title>`, `<a href="/">Accueil</a> <a href="https://www.news-site.example/">News Site Daily</a><h1>Le titre</h1>`)
	if m.siteName != "News Site Daily" {
		t.Errorf("site name from the home link = %q", m.siteName)
	}
}

func TestChooseTitle(t *testing.T) {
	for _, tc := range []struct {
		m    pageMeta
		want string
	}{
		{pageMeta{headline: "A", ogTitle: "B", h1: "C"}, "A"},
		{pageMeta{ogTitle: "B | Site", h1: "C"}, "B"},
		{pageMeta{docTitle: "Site - D"}, "D"},
		{pageMeta{headline: "Un titre coupé à cent dix…", h1: "Un titre coupé à cent dix caractères par le CMS"}, "Un titre coupé à cent dix caractères par le CMS"},
		{pageMeta{}, ""},
	} {
		if got := chooseTitle(tc.m, "", "Site"); got != tc.want {
			t.Errorf("chooseTitle(%+v) = %q, want %q", tc.m, got, tc.want)
		}
	}
}

func TestAuthorName(t *testing.T) {
	for in, want := range map[string]string{
		"Par Claire Moreau":              "Claire Moreau",
		"By Jane Roe | Staff writer":     "Jane Roe",
		"https://x.example/auteurs/cm":   "",
		"/auteurs/cm":                    "",
		"  Propos recueillis par  Inès ": "Inès",
		"":                               "",
	} {
		if got := authorName(in); got != want {
			t.Errorf("authorName(%q) = %q, want %q", in, got, want)
		}
	}
}
