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

// TestDateShapes covers the ways French and English pages state their dates.
func TestDateShapes(t *testing.T) {
	at := func(s string) time.Time { d, _ := time.Parse(time.RFC3339, s); return d }
	const fr, en, us, gb = `<meta http-equiv="content-language" content="fr-FR">`, `<meta http-equiv="content-language" content="en">`,
		`<meta http-equiv="content-language" content="en-US">`, `<meta http-equiv="content-language" content="en-GB">`
	for _, tc := range []struct {
		name, head, body             string
		published, modified, written time.Time // metadata dates, then textDate
		writtenModified              time.Time
	}{
		{name: "French byline with a time", head: fr,
			body:    `<h1>Titre</h1><p class="date">Publié le 3 juillet 2025 à 14h05</p>`,
			written: at("2025-07-03T12:05:00Z")},
		{name: "update before publication", head: fr,
			body:    `<h1>Titre</h1><div class="meta">Mis à jour le 5 juillet 2025 à 8h00 · Publié le 3 juillet 2025 à 14h05</div>`,
			written: at("2025-07-03T12:05:00Z"), writtenModified: at("2025-07-05T06:00:00Z")},
		{name: "publication then update", head: fr,
			body:    `<h1>Titre</h1><p class="dateline">Publié le 3 juillet 2025, mis à jour le 4 juillet 2025</p>`,
			written: day(2025, 7, 3), writtenModified: day(2025, 7, 4)},
		{name: "English update only", head: en,
			body:            `<h1>Title</h1><p class="timestamp">Updated July 3, 2025</p>`,
			writtenModified: day(2025, 7, 3)},
		{name: "time element without datetime", head: fr,
			body:    `<article><h1>Titre</h1><time>3 juillet 2025</time><p>Texte.</p></article>`,
			written: day(2025, 7, 3)},
		{name: "numeric date on a French page", head: fr,
			body:    `<h1>Titre</h1><span class="byline">Par Léa Roux, le 03/07/2025</span>`,
			written: day(2025, 7, 3)},
		{name: "numeric date on a US page", head: us,
			body:    `<h1>Title</h1><span class="byline">By Lea Ross, 03/07/2025</span>`,
			written: day(2025, 3, 7)},
		{name: "numeric date on a British page", head: gb,
			body:    `<h1>Title</h1><span class="byline">By Lea Ross, 03/07/2025</span>`,
			written: day(2025, 7, 3)},
		{name: "header zone without markup", head: fr,
			body:    `<h1>Titre de l'article</h1><p>Par Léa Roux</p><p>Publié le 1er juillet 2025 à 7h30</p><p>Un long texte suit.</p>`,
			written: at("2025-07-01T05:30:00Z")},
		{name: "date wrapper around the whole article is not a byline", head: fr,
			body: `<div class="post-date-wrapper"><h1>Titre</h1><p>` + strings.Repeat("Le chantier avance vite. ", 30) +
				`Livraison prévue le 3 juillet 2027.</p></div>`},
		{name: "JSON-LD graph in an array, date list without zone", head: fr + ldScript(`[{"@context":"https://schema.org","@graph":[
			{"@type":"WebPage","@id":"#page"},{"@type":["NewsArticle"],"headline":"Titre","datePublished":["2025-07-03T14:05:00"],"dateModified":"2025-07-04T09:00:00+02:00"}]}]`),
			published: at("2025-07-03T12:05:00Z"), modified: at("2025-07-04T07:00:00Z")},
		{name: "datePublished without zone on an English page", head: en + ldScript(`{"@type":"NewsArticle","datePublished":"2025-07-03T14:05:00"}`),
			published: at("2025-07-03T14:05:00Z")},
		{name: "Open Graph time without zone on a French page", head: `<meta property="og:locale" content="fr_FR"><meta property="article:published_time" content="2025-01-15T10:00">`,
			published: at("2025-01-15T09:00:00Z")},
		{name: "time datetime without zone", head: fr, body: `<article><h1>Titre</h1><time datetime="2025-07-03T14:05">3 juillet</time></article>`,
			published: at("2025-07-03T12:05:00Z")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := metaOf(t, tc.head, tc.body)
			if !m.published.Equal(tc.published) || !m.modified.Equal(tc.modified) || !m.textDate.Equal(tc.written) ||
				!m.textModified.Equal(tc.writtenModified) {
				t.Errorf("published %v modified %v written %v written modified %v;\nwant      %v          %v          %v                  %v",
					m.published, m.modified, m.textDate, m.textModified, tc.published, tc.modified, tc.written, tc.writtenModified)
			}
		})
	}
}

// TestParseWrittenDates: the dates written in a French byline reach the Article, the update
// date as Modified.
func TestParseWrittenDates(t *testing.T) {
	page := `<!doctype html><html lang="fr"><head><title>Le campus de calcul ouvre ses portes</title></head><body>
<article><h1>Le campus de calcul ouvre ses portes</h1>
<p class="meta">Mis à jour le 5 juillet 2025 à 8h00 · Publié le 3 juillet 2025 à 14h05</p>
<p>` + strings.Repeat("Les premières salles accueillent des serveurs refroidis par un circuit d'eau fermé, et les équipes annoncent une montée en charge progressive. ", 4) + `</p>
</article></body></html>`
	a, err := Parse([]byte(page), "text/html; charset=utf-8", "https://www.news-site.example/campus")
	if err != nil {
		t.Fatal(err)
	}
	want := func(s string) time.Time { d, _ := time.Parse(time.RFC3339, s); return d }
	if !a.Published.Equal(want("2025-07-03T12:05:00Z")) || !a.Modified.Equal(want("2025-07-05T06:00:00Z")) {
		t.Errorf("Published %v, Modified %v; want 2025-07-03T12:05Z and 2025-07-05T06:00Z", a.Published, a.Modified)
	}
}
