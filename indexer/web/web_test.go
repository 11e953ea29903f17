package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
)

// fixtureArticle is an article of the test index and the quantities found in it.
type fixtureArticle struct {
	article claimwire.Article
	qs      []claimwire.Quantity
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtures are written for these tests: three sources disagreeing about the same call for
// projects, in French and English, and one hostile page.
var fixtures = []fixtureArticle{
	{
		article: claimwire.Article{URL: "https://gazette.test/2025/06/appel-gigausines", Site: "gazette.test",
			SiteName: "La Gazette du Calcul", Title: "Giga-usines : 76 dossiers déposés", Lang: "fr", Published: day("2025-06-20")},
		qs: []claimwire.Quantity{
			{Surface: "76 dossiers", Value: 76, Unit: "proposals", Qualifier: claimwire.QualifierExact,
				Sentence: "Bruxelles a reçu 76 dossiers pour ses giga-usines d'IA.", Metric: "ai-gigafactories/proposals", Lang: "fr"},
			{Surface: "20 milliards d'euros", Value: 20e9, Unit: "EUR", Qualifier: claimwire.QualifierExact,
				Sentence: "Le fonds dédié pèse 20 milliards d'euros.", Metric: "ai-gigafactories/funding:EUR", Lang: "fr"},
		},
	},
	{
		article: claimwire.Article{URL: "https://wire.test/news/gigafactory-bids", Site: "wire.test",
			SiteName: "Compute Wire", Title: "Gigafactory bids pour in", Lang: "en", Published: day("2025-07-02")},
		qs: []claimwire.Quantity{
			{Surface: "more than 160 companies", Value: 160, Unit: "companies", Qualifier: claimwire.QualifierMoreThan,
				Sentence: "More than 160 companies joined the gigafactory bids.", Metric: "ai-gigafactories/proposals", Lang: "en"},
			{Surface: "€20bn", Value: 20e9, Unit: "EUR", Qualifier: claimwire.QualifierExact,
				Sentence: "The €20bn fund will back four or five sites.", Metric: "ai-gigafactories/funding:EUR", Lang: "en"},
			{Surface: "€3bn to €5bn", Value: 3e9, ValueMax: ptr(5e9), Unit: "EUR", Qualifier: claimwire.QualifierRange,
				Sentence: "Each gigafactory would cost €3bn to €5bn.", Metric: "ai-gigafactories/funding:EUR", Lang: "en"},
		},
	},
	{
		article: claimwire.Article{URL: "https://ledger.test/gigafactories-100000-chips", Site: "ledger.test",
			SiteName: "Ledger & Co", Title: "Inside a gigafactory", Lang: "en", Published: day("2025-09-15")},
		qs: []claimwire.Quantity{
			{Surface: "about 100,000 chips", Value: 100000, Unit: "chips", Qualifier: claimwire.QualifierApprox,
				Sentence: "Each gigafactory will hold about 100,000 chips.", Metric: "ai-gigafactories/chips", Lang: "en"},
			{Surface: "70 proposals", Value: 70, Unit: "proposals", Qualifier: claimwire.QualifierExact,
				Sentence: "Officials now speak of 70 proposals for gigafactories.", Metric: "ai-gigafactories/proposals", Lang: "en"},
		},
	},
	{
		article: claimwire.Article{URL: "https://evil.test/<x>", Site: "evil.test", SiteName: `<script>alert("site")</script>`,
			Title: `<img src=x onerror=alert(1)>`, Lang: "en", Published: day("2025-05-01")},
		qs: []claimwire.Quantity{
			{Surface: "12 <b>GW</b>", Value: 12, Unit: `GW"><script>`, Qualifier: claimwire.QualifierExact,
				Sentence: `A plan for 12 <b>GW</b> of "<script>alert(2)</script>" power.`, Metric: `evil/<i>metric</i>`, Lang: "en"},
		},
	},
}

// testIndex is built once: bleve indexes are slow to create under the race detector.
var testIndex = sync.OnceValues(func() (*indexer.Index, error) {
	dir, err := osMkdirTemp()
	if err != nil {
		return nil, err
	}
	ix, err := indexer.Open(dir, indexer.Options{})
	if err != nil {
		return nil, err
	}
	for _, f := range fixtures {
		a := f.article
		a.ContentHash = a.ComputeContentHash()
		if err := ix.Index(context.Background(), claimwire.NewClaims(&a, f.qs)); err != nil {
			return nil, err
		}
	}
	return ix, nil
})

func newTestServer(t testing.TB) http.Handler {
	t.Helper()
	ix, err := testIndex()
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(ix, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func fetch(t testing.TB, h http.Handler, target string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

var (
	valueRE    = regexp.MustCompile(`<span class="value">([^<]*)</span> <span class="unit">([^<]*)</span>`)
	inlineCode = regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]|<[^>]*\s(?:style|on[a-z]+)=`)
)

func values(page string) []string {
	var out []string
	for _, m := range valueRE.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1]+"|"+m[2])
	}
	return out
}

func TestSearchPage(t *testing.T) {
	h := newTestServer(t)
	tests := []struct {
		name, target string
		status       int
		want         []string
		values       []string // claims shown, in any order
		ordered      []string // claims shown, in this order
	}{
		{
			name:   "empty query lists everything",
			target: "/",
			status: http.StatusOK,
			want:   []string{`8 claims`, `<span class="term">Français</span> <span class="count">2</span>`},
			values: []string{"100,000|chips", "12|GW&#34;&gt;&lt;script&gt;", "160|companies", "20\u00a0Md€|EUR",
				"70|proposals", "76|proposals", "€20bn|EUR", "€3–5bn|EUR"},
		},
		{
			name:   "French words find English claims",
			target: "/?q=" + url.QueryEscape("giga-usines"),
			status: http.StatusOK,
			want:   []string{`<mark class="hit">gigafactory</mark>`, `<mark class="qty">76 dossiers</mark>`},
			values: []string{"100,000|chips", "160|companies", "70|proposals", "76|proposals", "€3–5bn|EUR"},
		},
		{
			name:   "sorted by value, with the export link and a range",
			target: "/?unit=EUR&sort=value&q=" + url.QueryEscape("fund OR gigafactory"),
			status: http.StatusOK,
			want: []string{
				`<input type="checkbox" name="unit" value="EUR" checked>`,
				`href="/api/claims.csv?q=fund&#43;OR&#43;gigafactory&amp;sort=value&amp;unit=EUR"`,
				`<mark class="qty">€3bn to €5bn</mark>`,
				`<span class="qual">range</span>`,
			},
			ordered: []string{"€3–5bn|EUR", "€20bn|EUR"},
		},
		{
			name:    "filters by language, value and date",
			target:  "/?lang=en&min=50&max=200&from=2025-07-01&to=2025-09-15&sort=-date",
			status:  http.StatusOK,
			want:    []string{`2 claims`, `value="2025-09-15"`, `<time datetime="2025-09-15">15 Sep 2025</time>`},
			ordered: []string{"70|proposals", "160|companies"},
		},
		{
			name:   "a malformed number is explained",
			target: "/?q=x&min=lots",
			status: http.StatusBadRequest,
			want:   []string{`role="alert"`, `min must be a number, not &#34;lots&#34;`, `value="lots"`},
		},
		{
			name:   "the index's own complaints are shown too",
			target: "/?min=10&max=1",
			status: http.StatusBadRequest,
			want:   []string{`min 10 is above max 1`},
		},
		{
			name:   "a selected term without hits stays ticked",
			target: "/?unit=furlongs",
			status: http.StatusOK,
			want:   []string{`<input type="checkbox" name="unit" value="furlongs" checked> <span class="term">furlongs</span> <span class="count">0</span>`, `0 claims`},
		},
		{
			name:   "pages",
			target: "/?page=2",
			status: http.StatusOK,
			want:   []string{`8 claims`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, page := fetch(t, h, tt.target)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", res.StatusCode, tt.status, page)
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			got := values(page)
			if tt.ordered != nil && !slices.Equal(got, tt.ordered) {
				t.Errorf("claims shown %q, want %q", got, tt.ordered)
			}
			if slices.Sort(got); tt.values != nil && !slices.Equal(got, tt.values) {
				t.Errorf("claims shown %q, want %q", got, tt.values)
			}
		})
	}
}

func TestEscaping(t *testing.T) {
	h := newTestServer(t)
	for _, target := range []string{
		"/?q=" + url.QueryEscape(`"><script>alert(3)</script>`),
		"/?q=plan",
		"/conflicts?metric=" + url.QueryEscape(`evil/<i>metric</i>`),
		"/conflicts?q=" + url.QueryEscape(`<script>`),
		"/nowhere/<script>",
	} {
		_, page := fetch(t, h, target)
		if inlineCode.MatchString(page) {
			t.Errorf("%s: inline script, style or handler in\n%s", target, page)
		}
		for _, bad := range []string{"<script>alert", "<img", "<b>GW", "<i>metric", `href="https://evil.test/<x>"`} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: unescaped %q", target, bad)
			}
		}
	}
}

func TestSecurityHeadersAndAssets(t *testing.T) {
	h := newTestServer(t)
	for _, target := range []string{"/", "/conflicts", "/static/app.css", "/nowhere"} {
		res, _ := fetch(t, h, target)
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") ||
			strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", target, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
	}
	_, page := fetch(t, h, "/")
	for _, name := range []string{"app.css", "app.js"} {
		m := regexp.MustCompile(`"(/static/` + regexp.QuoteMeta(name) + `\?v=[0-9a-f]+)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("page does not link %s", name)
		}
		res, body := fetch(t, h, m[1])
		if res.StatusCode != http.StatusOK || len(body) == 0 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d, %d bytes, Cache-Control %q", m[1], res.StatusCode, len(body), res.Header.Get("Cache-Control"))
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), map[string]string{"app.css": "text/css", "app.js": "text/javascript"}[name]) {
			t.Errorf("%s: Content-Type %q", name, res.Header.Get("Content-Type"))
		}
	}
	if res, _ := fetch(t, h, "/static/nothing.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("missing asset: %d", res.StatusCode)
	}
	if res, page := fetch(t, h, "/nowhere"); res.StatusCode != http.StatusNotFound || !strings.Contains(page, "There is no page at /nowhere.") {
		t.Errorf("unknown page: %d", res.StatusCode)
	}
	// Nothing the page loads may come from elsewhere (links to the sources are not loaded).
	for _, m := range regexp.MustCompile(`(?:\ssrc=|<link[^>]*\shref=)"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if u := m[1]; !strings.HasPrefix(u, "/") && u != "data:," {
			t.Errorf("page loads %s", u)
		}
	}
}

func TestConflictsPage(t *testing.T) {
	h := newTestServer(t)
	tests := []struct {
		name, target string
		want         []string
	}{
		{
			name:   "list",
			target: "/conflicts?q=gigafactories",
			want: []string{
				`1 metric where sources disagree`,
				`<a class="group-title" href="/conflicts?metric=ai-gigafactories%2Fproposals&amp;q=gigafactories">`,
				`3 disagreeing pairs · spread 56%</p>`,
				`<span class="chip">70</span><span class="vs" aria-hidden="true"> vs </span><span class="chip">76</span>`,
			},
		},
		{
			name:   "one metric, every statement side by side with a chart",
			target: "/conflicts?metric=" + url.QueryEscape("ai-gigafactories/proposals"),
			want: []string{
				`<option value="ai-gigafactories/proposals" selected>ai-gigafactories/proposals (3)</option>`,
				`<svg xmlns="http://www.w3.org/2000/svg" class="chart"`,
				`>76</text>`, `>70</text>`, `>&gt;160</text>`,
				`<span class="qual">more than</span> <span class="value">160</span> <span class="unit">companies</span>`,
				`<mark class="qty">76 dossiers</mark>`,
				`href="/?metric=ai-gigafactories%2Fproposals"`,
			},
		},
		{
			name:   "an unknown metric",
			target: "/conflicts?metric=nothing",
			want:   []string{`No claim matches this metric.`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, page := fetch(t, h, tt.target)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d\n%s", res.StatusCode, page)
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %s", w)
				}
			}
		})
	}
}

func TestNewRejectsNilIndex(t *testing.T) {
	if _, err := New(nil, nil); err == nil {
		t.Error("New(nil) succeeded")
	}
}

// BenchmarkSearchPage measures the server-rendered search page, query to HTML.
func BenchmarkSearchPage(b *testing.B) {
	h := newTestServer(b)
	target := "/?q=gigafactories&lang=en"
	for b.Loop() {
		if res, _ := fetch(b, h, target); res.StatusCode != http.StatusOK {
			b.Fatal(res.Status)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/page")
}

func TestEmptyIndex(t *testing.T) {
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h, err := New(ix, nil)
	if err != nil {
		t.Fatal(err)
	}
	for target, want := range map[string]string{
		"/":                    "0 claims",
		"/conflicts":           "No conflicting figures for this query.",
		"/conflicts?metric=m1": "No claim matches this metric.",
	} {
		res, page := fetch(t, h, target)
		if res.StatusCode != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("%s: %d, page lacks %q", target, res.StatusCode, want)
		}
	}
}

// TestConflictsPageOneSourcePerArticle: an article stating a value in its headline and again
// in its body is one source of it, shown with the body's sentence.
func TestConflictsPageOneSourcePerArticle(t *testing.T) {
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	title := "Giga-usines : 76 dossiers déposés"
	articles := []fixtureArticle{
		{
			article: claimwire.Article{URL: "https://gazette.test/76", Site: "gazette.test", Title: title, Lang: "fr", Published: day("2025-06-20")},
			qs: []claimwire.Quantity{
				{Surface: "76 dossiers", Value: 76, Unit: "proposals", Qualifier: claimwire.QualifierExact,
					Sentence: title, Metric: "m/proposals", Lang: "fr"},
				{Surface: "76 dossiers", Value: 76, Unit: "proposals", Qualifier: claimwire.QualifierExact,
					Sentence: "Bruxelles a reçu 76 dossiers.", Metric: "m/proposals", Lang: "fr"},
			},
		},
		{
			article: claimwire.Article{URL: "https://wire.test/160", Site: "wire.test", Title: "Bids", Lang: "en", Published: day("2025-07-02")},
			qs: []claimwire.Quantity{{Surface: "160 bids", Value: 160, Unit: "proposals", Qualifier: claimwire.QualifierExact,
				Sentence: "There were 160 bids.", Metric: "m/proposals", Lang: "en"}},
		},
	}
	for _, f := range articles {
		a := f.article
		a.ContentHash = a.ComputeContentHash()
		if err := ix.Index(context.Background(), claimwire.NewClaims(&a, f.qs)); err != nil {
			t.Fatal(err)
		}
	}
	h, err := New(ix, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	_, page := fetch(t, h, "/conflicts?metric=m%2Fproposals")
	if strings.Contains(page, "2 sources") || strings.Count(page, `<p class="count">1 source</p>`) != 2 ||
		!strings.Contains(page, `Bruxelles a reçu <mark class="qty">76 dossiers</mark>.`) {
		t.Errorf("want 76 and 160 with one source each, 76 with its body sentence:\n%s", page)
	}
}
