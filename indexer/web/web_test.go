package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
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
	var batches [][]claimwire.Claim
	for _, f := range fixtures {
		a := f.article
		a.ContentHash = a.ComputeContentHash()
		batches = append(batches, claimwire.NewClaims(&a, f.qs))
	}
	return openIndex(batches)
})

// openIndex creates an index in a temporary directory and writes batches to it, in order.
func openIndex(batches [][]claimwire.Claim) (*indexer.Index, error) {
	dir, err := osMkdirTemp()
	if err != nil {
		return nil, err
	}
	ix, err := indexer.Open(dir, indexer.Options{})
	if err != nil {
		return nil, err
	}
	for _, b := range batches {
		if err := ix.Index(context.Background(), b); err != nil {
			return nil, errors.Join(err, ix.Close())
		}
	}
	return ix, nil
}

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

// jsonLDBlock is a JSON-LD data block, which browsers never run.
var jsonLDBlock = regexp.MustCompile(`<script type="application/ld\+json">([^<]*)</script>`)

// withoutJSONLD returns page without its JSON-LD blocks, failing t unless each holds JSON
// (html/template escapes '<' in it, so it cannot end the element early).
func withoutJSONLD(t testing.TB, page string) string {
	t.Helper()
	for _, m := range jsonLDBlock.FindAllStringSubmatch(page, -1) {
		if !json.Valid([]byte(m[1])) {
			t.Errorf("JSON-LD block is not JSON: %s", m[1])
		}
	}
	return jsonLDBlock.ReplaceAllString(page, "")
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
			ordered: []string{"€3–5bn|EUR", "20\u00a0Md€|EUR", "€20bn|EUR"},
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
		"/facts/" + url.PathEscape(evilFact()),
		"/claims/" + url.PathEscape(evilFact()),
		"/facts/" + url.PathEscape(`<script>`),
		"/claims/" + url.PathEscape(`<script>`),
		"/conflicts?q=" + url.QueryEscape(`<script>`),
		"/nowhere/<script>",
	} {
		_, page := fetch(t, h, target)
		page = withoutJSONLD(t, page)
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

// evilFact is the fact of the hostile page's claim: its own id.
func evilFact() string {
	f := fixtures[len(fixtures)-1]
	a := f.article
	a.ContentHash = a.ComputeContentHash()
	return claimwire.NewClaims(&a, f.qs)[0].ID
}

// factIndex holds the indexer's test claims (../testdata/claims.json), then its claims about
// one call for proposals (../testdata/facts.json, one batch each): 76 proposals in English
// (m01) and French (m03), more than 160 (m04), and the plant's cost (m02).
var factIndex = sync.OnceValues(func() (*indexer.Index, error) {
	var claims [2][]claimwire.Claim
	for i, path := range []string{"../testdata/claims.json", "../testdata/facts.json"} {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, &claims[i]); err != nil {
			return nil, err
		}
	}
	background, facts := claims[0], claims[1]
	return openIndex([][]claimwire.Claim{background, facts[:2], facts[2:3], facts[3:]})
})

func TestConflictsPage(t *testing.T) {
	ix, err := factIndex()
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(ix, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, target string
		status       int
		want         []string
	}{
		{
			name:   "a fact is listed whole when one of its claims matches",
			target: "/conflicts?q=ministry",
			status: http.StatusOK,
			want: []string{
				`1 fact on which sources disagree`,
				`<a class="group-title" href="/facts/m01"`,
				`<span class="subject">`, `</span> — <span class="measure">`,
				`Grouped because they share <span class="why-words"`,
				`% confidence</p>`,
				`1 disagreeing pair · gap `,
				` · 3 articles</p>`,
				`<span class="chip">76 <span class="chip-unit">proposals</span></span>`,
				`<span class="chip">&gt;160 <span class="chip-unit">proposals</span></span> <span class="group-sources"><a href="https://ledger.test/magdeburg-160#:~:text=`,
				`>gazette.test</a>`,
				`at the reference rate of the month each article was published`,
			},
		},
		{
			name:   "one fact, every value side by side with a chart",
			target: "/facts/m01",
			status: http.StatusOK,
			want: []string{
				`<h2 id="detail-title" class="fact-title"`,
				`Grouped because they share <span class="why-words"`,
				`One pair of these values cannot both be true.`,
				`<svg xmlns="http://www.w3.org/2000/svg" class="chart"`,
				`>76</text>`, `>&gt;160</text>`,
				`<span class="qual">more than</span> <span class="value">160</span> <span class="unit">proposals</span>`,
				`<p class="count">2 articles</p>`,
				`<mark class="qty">76 propositions</mark>`,
				`<span class="source">Ledger &amp; Co</span>`,
				`href="/?q=fact%3Am01"`, `See the 3 claims in the search`,
			},
		},
		{
			name:   "a fact of one claim",
			target: "/facts/m02",
			status: http.StatusOK,
			want:   []string{`<span class="subject">plant</span> — <span class="measure">cost</span>`, `Every source states the same value.`, `100% confidence`},
		},
		{
			name:   "an unknown fact",
			target: "/facts/nothing",
			status: http.StatusNotFound,
			want:   []string{`No claim states this fact.`},
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
		"/":          "0 claims",
		"/conflicts": "No conflicting figures for this query.",
		"/facts/m1":  "No claim states this fact.",
		"/claims/m1": "There is no such claim.",
	} {
		res, page := fetch(t, h, target)
		if res.StatusCode/100 == 5 || !strings.Contains(page, want) {
			t.Errorf("%s: %d, page lacks %q", target, res.StatusCode, want)
		}
	}
}
