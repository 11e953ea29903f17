// Package e2e runs the whole pipeline on loopback, as `claimwire demo` does, and drives the
// web page in a real headless Chromium. Screenshots go to $CLAIMWIRE_SCREENSHOT_DIR when set
// (to look at them), to a temporary directory otherwise.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/claimwire/claimwire/crawler"
	"github.com/claimwire/claimwire/internal/config"
	"github.com/claimwire/claimwire/internal/daemon"
	"github.com/claimwire/claimwire/internal/samplesite"
)

// apiToken is the daemon's write token, which a reviewer types into the page.
const apiToken = "e2e-review-token"

// startPipeline serves the sample sites, crawls them once through NATS, the extractor and the
// indexer, waits until every claim is indexed, and returns the daemon's base URL.
func startPipeline(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sites, err := samplesite.Serve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	cfg := config.Local(dataDir, "127.0.0.1:0")
	cfg.HTTP.APIToken = apiToken
	// Under the race detector a busy machine sometimes loses a delivery, which JetStream then
	// redelivers after AckWait (a minute by default): a short one keeps the test quick.
	cfg.Extract.Config.AckWait, cfg.Index.Config.AckWait = 5*time.Second, 5*time.Second
	for _, s := range sites {
		cfg.Crawl.Sources = append(cfg.Crawl.Sources, crawler.Source{Kind: crawler.KindStart, URL: s.BaseURL + "/"})
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	d, err := daemon.Start(ctx, cfg, daemon.Options{CrawlOnce: true}, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := d.Stop(stopCtx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	waitCtx, cancelWait := context.WithTimeout(ctx, time.Minute)
	defer cancelWait()
	if err := d.WaitIdle(waitCtx); err != nil {
		n, _ := d.Index().Count()
		t.Fatalf("the pipeline did not settle: %v (crawl finished: %v, crawl stats %+v, %d claims indexed)",
			err, isClosed(d.CrawlDone()), d.CrawlStats(), n)
	}
	n, err := d.Index().Count()
	if err != nil || n == 0 {
		t.Fatalf("index holds %d claims after the crawl (%v)", n, err)
	}
	return "http://" + d.Addr()
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func TestWebPage(t *testing.T) {
	base := startPipeline(t)
	t.Run("without JavaScript", func(t *testing.T) { testServerRendered(t, base) })
	t.Run("in Chromium", func(t *testing.T) { testBrowser(t, base) })
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

var valueRE = regexp.MustCompile(`<span class="value">([^<]*)</span> <span class="unit">([^<]*)</span>`)

// serverValues lists "value|unit" of the claims in a server-rendered page, in order.
func serverValues(page string) []string {
	var out []string
	for _, m := range valueRE.FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(m[1])+"|"+html.UnescapeString(m[2]))
	}
	return out
}

func testServerRendered(t *testing.T, base string) {
	resp, page := get(t, base+"/?"+url.Values{"q": {"gigafactories"}, "lang": {"fr"}}.Encode())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %s", resp.Status)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	values := serverValues(page)
	if !slices.Contains(values, "76|proposals") || !slices.Contains(values, "20\u00a0Md€|EUR") {
		t.Errorf("server-rendered claims %q lack 76 proposals and 20 Md€", values)
	}
	for _, want := range []string{
		`<mark class="qty">76 propositions</mark>`,
		`<input type="checkbox" name="lang" value="fr" checked>`,
		`href="/api/claims.csv?lang=fr&amp;q=gigafactories"`,
		`#:~:text=`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]|\sstyle=|\son[a-z]+=`).MatchString(page) {
		t.Error("page has inline script, style or event handler attributes")
	}

	resp, page = get(t, base+"/conflicts")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /conflicts: %s", resp.Status)
	}
	// Each group says what it is about and why its claims were grouped.
	for _, want := range []string{`<span class="subject">`, `<span class="measure">`, `Grouped because they share <span class="why-words"`,
		`% confidence</p>`, ` · gap `, `#:~:text=`} {
		if !strings.Contains(page, want) {
			t.Errorf("conflicts page lacks %s", want)
		}
	}
	fact := gigafactoryCall(t, base)
	if !strings.Contains(page, `href="/facts/`+url.PathEscape(fact)+`"`) {
		t.Errorf("the conflicts page does not link the fact's page /facts/%s", fact)
	}
	// The fact's old address leads to its page.
	resp, page = get(t, base+"/conflicts?"+url.Values{"fact": {fact}}.Encode())
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/facts/"+fact {
		t.Fatalf("GET /conflicts?fact=%s: %s at %s", fact, resp.Status, resp.Request.URL)
	}
	for _, want := range []string{`<svg`, `>76</text>`, `>&gt;160</text>`, `Tech &amp; Territoires`,
		`<ol class="timeline"`, `first appearance</span>`, `<script type="application/ld+json">[{"@context":"https://schema.org","@type":"Claim"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the fact's page lacks %s", want)
		}
	}
	// Each search result links its claim's page, which embeds its JSON-LD.
	resp, page = get(t, base+"/?q=gigafactories")
	m := regexp.MustCompile(`<a class="permalink" href="(/claims/[^"]+)">`).FindStringSubmatch(page)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("search results link no claim page")
	}
	resp, page = get(t, base+html.UnescapeString(m[1]))
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Claim"`) {
		t.Errorf("claim page %s: %s, JSON-LD missing", m[1], resp.Status)
	}
}

// topConflicts is how many of the highest-ranked conflicts a reader looks at.
const topConflicts = 5

// reportedValue is a value of a conflict group as /api/conflicts reports it.
type reportedValue struct {
	Value     float64
	Unit      string
	Qualifier string
}

// plantedConflicts are the disagreements the sample sites were written with, each as the values
// (qualifiers aside) its sources give: the answers to the gigafactory call, the Val-Sorel
// campus's first phase and its investment, the jobs Nordvolt promises, and, last, the campus's
// power, 1 GW in the spring article of one outlet and 1.4 GW in the autumn one of another.
var plantedConflicts = [][]reportedValue{
	{{Value: 70, Unit: "expressions of interest"}, {Value: 76, Unit: "proposals"}, {Value: 160, Unit: "companies"}},
	{{Value: 200, Unit: "MW"}, {Value: 250, Unit: "MW"}},
	{{Value: 8e9, Unit: "EUR"}, {Value: 11e9, Unit: "EUR"}},
	{{Value: 300, Unit: "jobs"}, {Value: 400, Unit: "jobs"}},
	{{Value: 1, Unit: "GW"}, {Value: 1.4, Unit: "GW"}},
}

// plantedMild are the figures the sample sites give of one fact apart only as a hedge and a
// figure, which a reader sees as mildly apart (the corpus's "more than 800 MW" and "835 MW",
// "près de 10 milliards" and "9,9 milliards"): the member states the gigafactory call drew,
// "more than a dozen" in one outlet, 16 in two others; the GPU hours of one training run,
// "nearly 31 million" and "30,8 millions", and its GPUs, "16,384" and "16 000". A group of
// them may fill a top place the campus's power leaves empty, marked mild.
var plantedMild = [][]reportedValue{
	{{Value: 12, Unit: "member states"}, {Value: 16, Unit: "member states"}, {Value: 16, Unit: "countries"}},
	{{Value: 3.1e7, Unit: "gpu hours"}, {Value: 3.08e7, Unit: "gpu hours"}},
	{{Value: 16384, Unit: "gpus"}, {Value: 16000, Unit: "gpus"}, {Value: 16000, Unit: "chips"}},
}

// reportedGroup is a conflict group as /api/conflicts reports it.
type reportedGroup struct {
	Fact, Subject, Measure string
	Why                    []string
	Confidence, Gap        float64
	Mild                   bool
	Values                 []reportedValue
}

// plantedGroup reports whether a reported group holds only values of one planted disagreement
// or, marked mild, of one planted mild difference.
func plantedGroup(g reportedGroup) bool {
	return plantedConflict(g.Values) || g.Mild && valuesOfOne(plantedMild, g.Values)
}

// plantedConflict reports whether a reported group's values are all values of one planted
// disagreement.
func plantedConflict(values []reportedValue) bool {
	return valuesOfOne(plantedConflicts, values)
}

// valuesOfOne reports whether values are all values of one of planted.
func valuesOfOne(planted [][]reportedValue, values []reportedValue) bool {
	for _, one := range planted {
		if !slices.ContainsFunc(values, func(v reportedValue) bool {
			return !slices.ContainsFunc(one, func(p reportedValue) bool { return p.Value == v.Value && p.Unit == v.Unit })
		}) {
			return true
		}
	}
	return false
}

// gigafactoryCall returns the fact of the sample sites' count of answers to the gigafactory
// call, which must be among the topConflicts highest-ranked conflicts: 76 proposals here, more
// than 160 companies there. Each of those conflicts must be one the sites were written with.
func gigafactoryCall(t *testing.T, base string) string {
	t.Helper()
	resp, body := get(t, base+"/api/conflicts?limit="+strconv.Itoa(topConflicts))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/conflicts: %s", resp.Status)
	}
	var rep struct{ Groups []reportedGroup }
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatal(err)
	}
	var seen []string
	// The disagreements every crawl order groups: all but the campus's power, which the
	// crawl's order may leave as two facts.
	for _, planted := range plantedConflicts[:len(plantedConflicts)-1] {
		if !slices.ContainsFunc(rep.Groups, func(g reportedGroup) bool {
			return len(g.Values) > 1 && plantedConflict(g.Values) && slices.ContainsFunc(g.Values, func(v reportedValue) bool {
				return v.Value == planted[0].Value && v.Unit == planted[0].Unit
			})
		}) {
			t.Errorf("the top-ranked conflicts lack the planted %g %s one", planted[0].Value, planted[0].Unit)
		}
	}
	for _, g := range rep.Groups {
		if !plantedGroup(g) {
			var values []string
			for _, v := range g.Values {
				values = append(values, fmt.Sprintf("%s %g %s", v.Qualifier, v.Value, v.Unit))
			}
			t.Errorf("a top-ranked conflict is none of those the sample sites were written with: %q %q (why %q, mild %v): %s",
				g.Subject, g.Measure, g.Why, g.Mild, strings.Join(values, " vs "))
		}
	}
	for _, g := range rep.Groups {
		var has76, has160 bool
		var values []string
		for _, v := range g.Values {
			has76 = has76 || v.Value == 76 && v.Unit == "proposals"
			has160 = has160 || v.Value == 160 && v.Unit == "companies" && v.Qualifier == "more_than"
			values = append(values, fmt.Sprintf("%s %g %s", v.Qualifier, v.Value, v.Unit))
		}
		if has76 && has160 {
			return g.Fact
		}
		seen = append(seen, fmt.Sprintf("%q %q (why %q, confidence %.2f, gap %.2f): %s", g.Subject, g.Measure, g.Why,
			g.Confidence, g.Gap, strings.Join(values, " vs ")))
	}
	t.Fatalf("no group holds 76 proposals and more than 160 companies among the %d top-ranked conflicts:\n%s",
		topConflicts, strings.Join(seen, "\n"))
	return ""
}

// browserProblems collects what the page must never do: log an error or throw.
type browserProblems struct {
	mu   sync.Mutex
	list []string
}

func (p *browserProblems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *browserProblems) check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.list {
		t.Error(s)
	}
}

func (p *browserProblems) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		msg := ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
		p.add("uncaught exception: %s", msg)
	case *log.EventEntryAdded:
		// CSP violations and failed requests land in the browser log.
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			p.add("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
}

func screenshotDir(t *testing.T) string {
	if d := os.Getenv("CLAIMWIRE_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	execPath, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("this test needs Chromium: install the Debian package `chromium` (apt-get install -y chromium): %v", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		// Without these Chromium phones home at start, and the sandbox refuses its connections.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// settled is true once the script has drawn the answer to the query now in the URL.
const settled = `!document.querySelector('#results').classList.contains('loading') && document.querySelectorAll('.claims .claim').length > 0`

const claimValues = `Array.from(document.querySelectorAll('.claims .claim')).map(c => c.querySelector('.value').textContent + '|' + c.querySelector('.unit').textContent)`

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png := run(t, ctx, "screenshot "+name, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func testBrowser(t *testing.T, base string) {
	ctx := newBrowser(t)
	var problems browserProblems
	if err := chromedp.Listen(ctx, problems.listen); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	defer problems.check(t)
	shots := screenshotDir(t)

	do(t, ctx, "open the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("q")))

	// The skip link is the first thing the keyboard reaches.
	do(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	if cls := run(t, ctx, "focus", chromedp.Evaluate[string](`document.activeElement.className`)); cls != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", cls)
	}

	// Typing shows results without pressing Enter, and the URL follows.
	do(t, ctx, "type a query", chromedp.Click(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), "gigafactories"))
	run(t, ctx, "wait for instant results", chromedp.Poll[bool](
		`location.search === '?q=gigafactories' && `+settled, chromedp.WithPollingTimeout(10*time.Second)))
	got := run(t, ctx, "read claims", chromedp.Evaluate[[]string](claimValues))
	// Both are English sentences saying "gigafactory"; the French "plus de 160 entreprises",
	// which only its headline ties to the word, ranks about 20th, in the first page or not.
	for _, want := range []string{"76|proposals", "70|expressions of interest"} {
		if !slices.Contains(got, want) {
			t.Errorf("instant results %q lack %s", got, want)
		}
	}
	marks := run(t, ctx, "count marks", chromedp.Evaluate[[]int](
		`[document.querySelectorAll('.claims mark.hit').length, document.querySelectorAll('.claims mark.qty').length]`))
	if marks[0] == 0 || marks[1] == 0 {
		t.Errorf("instant results mark %d query words and %d quantities, want both", marks[0], marks[1])
	}
	// The script and the server must draw the same values for the same query.
	_, page := get(t, base+"/?q=gigafactories")
	if want := serverValues(page); !slices.Equal(got, want) {
		t.Errorf("script drew %q, server rendered %q", got, want)
	}

	// Ticking a facet narrows the results, keeps the box ticked and updates URL and export.
	do(t, ctx, "tick French", chromedp.Click(chromedp.CSS(`input[name="lang"][value="fr"]`)))
	run(t, ctx, "wait for filtered results", chromedp.Poll[bool](
		`new URLSearchParams(location.search).get('lang') === 'fr' && `+settled+
			` && Array.from(document.querySelectorAll('.claims .sentence')).every(s => s.lang === 'fr')`,
		chromedp.WithPollingTimeout(10*time.Second)))
	state := run(t, ctx, "read filter state", chromedp.Evaluate[map[string]any](`({
		checked: document.querySelector('input[name="lang"][value="fr"]').checked,
		csv: document.querySelector('#csv').getAttribute('href'),
		values: `+claimValues+`
	})`))
	if state["checked"] != true {
		t.Error("the French box is not ticked after the results were redrawn")
	}
	if csv, _ := state["csv"].(string); csv != "/api/claims.csv?q=gigafactories&lang=fr" {
		t.Errorf("export link = %q", csv)
	}
	if !slices.ContainsFunc(state["values"].([]any), func(v any) bool { return strings.HasPrefix(v.(string), "20\u00a0Md€|") }) {
		t.Errorf("French claims %v are not written the French way (20 Md€)", state["values"])
	}

	// A month of the histogram sets the date range.
	month := run(t, ctx, "read the first month", chromedp.Evaluate[map[string]string](
		`(a => ({from: a.dataset.from, to: a.dataset.to}))(document.querySelector('#months a'))`))
	do(t, ctx, "pick a month", chromedp.Click(chromedp.CSS(`#months a`)))
	run(t, ctx, "wait for the month's claims", chromedp.Poll[bool](
		`new URLSearchParams(location.search).get('from') === `+jsString(month["from"])+` && `+settled+
			` && document.querySelector('#months a[aria-current]') !== null`,
		chromedp.WithPollingTimeout(10*time.Second)))
	dates := run(t, ctx, "read dates", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('.claims time')).map(t => t.getAttribute('datetime'))`))
	for _, d := range dates {
		if d < month["from"] || d > month["to"] {
			t.Errorf("claim of %s shown for %s – %s", d, month["from"], month["to"])
		}
	}
	do(t, ctx, "blur", chromedp.Blur(chromedp.CSS(`#months a`)))
	screenshot(t, ctx, shots, "search-desktop.png")

	do(t, ctx, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Reload(),
		chromedp.WaitVisible(chromedp.ID("q")))
	if w := run(t, ctx, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("the page is %dpx wide on a 390px phone screen", w)
	}
	screenshot(t, ctx, shots, "search-phone.png")

	// The conflicts list says of each fact what it is about and why its claims were grouped, and
	// links each source at its sentence.
	do(t, ctx, "desktop screen", chromedp.EmulateViewport(1280, 900))
	do(t, ctx, "open conflicts", chromedp.Navigate(base+"/conflicts"), chromedp.WaitVisible(chromedp.CSS(".groups .group")))
	groups := run(t, ctx, "read groups", chromedp.Evaluate[[]map[string]string](`Array.from(document.querySelectorAll('.groups .group')).slice(0, `+
		strconv.Itoa(topConflicts)+`).map(g => ({
			about: g.querySelector('.group-title').textContent,
			why: (g.querySelector('.why-words') || {}).textContent || '',
			href: g.querySelector('.group-title').getAttribute('href'),
			sources: String(g.querySelectorAll('.group-sources a[href*="#:~:text="]').length)
		}))`))
	for _, g := range groups {
		if strings.TrimSpace(g["about"]) == "" || g["why"] == "" || g["sources"] == "0" {
			t.Errorf("conflict %v does not say what it is about, why it was grouped or where it was read", g)
		}
	}
	screenshot(t, ctx, shots, "conflicts-list.png")
	// The fact's page draws the competing values on the server, as SVG.
	fact := gigafactoryCall(t, base)
	do(t, ctx, "open the fact", chromedp.Click(chromedp.CSS(`.groups a.group-title[href="/facts/`+url.PathEscape(fact)+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".chart-wide svg.chart")))
	labels := run(t, ctx, "read chart", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('.chart-wide svg.chart .value-label')).map(t => t.textContent)`))
	for _, want := range []string{"76", ">160"} {
		if !slices.Contains(labels, want) {
			t.Errorf("chart labels %q lack %s", labels, want)
		}
	}
	if n := run(t, ctx, "count value cards", chromedp.Evaluate[int](`document.querySelectorAll('.value-card').length`)); n < 3 {
		t.Errorf("%d competing values shown side by side, want at least 3", n)
	}
	screenshot(t, ctx, shots, "conflicts-desktop.png")
	// Phones get a narrower drawing, with text large enough to read.
	do(t, ctx, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(".chart-narrow svg.chart")))
	if w := run(t, ctx, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("the conflicts page is %dpx wide on a 390px phone screen", w)
	}
	screenshot(t, ctx, shots, "conflicts-phone.png")
	testReviewInBrowser(t, ctx, base, fact, shots)
	t.Logf("screenshots in %s", shots)
}

// waitReloaded waits until expr holds on the page, which reloads meanwhile: an evaluation cut
// short by the reload is tried again.
func waitReloaded(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.review-result')).map(r => r.textContent).join(' ')`))
			t.Fatalf("waiting for %s: %v (page says %q)", what, err, status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// testReviewInBrowser is a fact-checker at the fact's page: with a name and the API token typed
// in the page, they dismiss the conflict and rate the fact; each decision shows after the page
// reloads, the conflict leaves the list, and the claims get a ClaimReview.
func testReviewInBrowser(t *testing.T, ctx context.Context, base, fact, shots string) {
	do(t, ctx, "open the fact on a desktop", chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/facts/"+url.PathEscape(fact)), chromedp.WaitVisible(chromedp.CSS(".review-desk")))
	do(t, ctx, "dismiss the conflict",
		chromedp.SendKeys(chromedp.CSS(".review-name"), "Ana Lopez"),
		chromedp.SendKeys(chromedp.CSS(".review-token"), apiToken),
		chromedp.SendKeys(chromedp.CSS(`form[data-kind="dismiss"] input[name="note"]`), "76 proposals and 160 companies are two counts"),
		chromedp.Click(chromedp.CSS(`form[data-kind="dismiss"] button`)))
	waitReloaded(t, ctx, "the dismissal",
		`document.querySelector('.review-status .dismissed') !== null && document.querySelector('form[data-kind="restore"]') !== null`)
	do(t, ctx, "rate the fact",
		chromedp.SetValue(chromedp.CSS(`form[data-kind="verdict"] select[name="rating"]`), "mostly-false"),
		chromedp.SendKeys(chromedp.CSS(`form[data-kind="verdict"] textarea[name="explanation"]`), "The call drew 76 proposals from more than 160 companies."),
		chromedp.Click(chromedp.CSS(`form[data-kind="verdict"] button`)))
	waitReloaded(t, ctx, "the verdict", `(document.querySelector('.review-status .rating') || {}).textContent?.includes('Mostly false')`)
	state := run(t, ctx, "read the reviewed page", chromedp.Evaluate[map[string]any](`({
		dismissed: document.querySelector('.review-status .dismissed').textContent,
		name: document.querySelector('.review-name').value,
		log: document.querySelectorAll('.review-log li').length,
		jsonld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)[0]['@type']
	})`))
	if d, _ := state["dismissed"].(string); !strings.Contains(d, "Ana Lopez") || !strings.Contains(d, "two counts") {
		t.Errorf("dismissal shown as %q", d)
	}
	if state["name"] != "Ana Lopez" || state["log"] != 2.0 || state["jsonld"] != "ClaimReview" {
		t.Errorf("reviewed page: %v, want the name kept, 2 events logged and ClaimReview JSON-LD", state)
	}
	screenshot(t, ctx, shots, "fact-reviewed.png")

	// The page's decisions are the API's.
	_, body := get(t, base+"/api/conflicts?limit=500")
	if strings.Contains(body, `"fact":"`+fact+`"`) {
		t.Error("the dismissed conflict is still listed")
	}
	_, body = get(t, base+"/api/conflicts?limit=500&dismissed=true")
	if !strings.Contains(body, `"fact":"`+fact+`"`) {
		t.Error("the dismissed conflict is not listed with dismissed=true")
	}
	_, body = get(t, base+"/api/facts/"+url.PathEscape(fact))
	var f struct{ Claims []struct{ ID string } }
	if err := json.Unmarshal([]byte(body), &f); err != nil || len(f.Claims) == 0 {
		t.Fatalf("fact %s: %v %s", fact, err, body)
	}
	resp, body := get(t, base+"/api/claims/"+url.PathEscape(f.Claims[0].ID)+"/claimreview")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"alternateName":"Mostly false"`) || !strings.Contains(body, `"name":"Ana Lopez"`) {
		t.Errorf("ClaimReview of %s: %s %s", f.Claims[0].ID, resp.Status, body)
	}

	// From a claim's page, split it out of the fact; from the fact's page, merge it back.
	claim := f.Claims[0].ID
	do(t, ctx, "open the claim", chromedp.Navigate(base+"/claims/"+url.PathEscape(claim)),
		chromedp.WaitVisible(chromedp.CSS(`form[data-kind="split"]`)),
		chromedp.SendKeys(chromedp.CSS(`form[data-kind="split"] input[name="note"]`), "another count"),
		chromedp.Click(chromedp.CSS(`form[data-kind="split"] button`)))
	waitReloaded(t, ctx, "the split", `(document.querySelector('.review-status .split') || {}).textContent?.includes('stands alone')`)
	split := "split-" + claim
	if href := run(t, ctx, "read the fact link", chromedp.Evaluate[string](
		`document.querySelector('.detail-links a').getAttribute('href')`)); href != "/facts/"+url.PathEscape(split) {
		t.Errorf("the split claim's fact is %s, want /facts/%s", href, split)
	}
	do(t, ctx, "merge it back", chromedp.Navigate(base+"/facts/"+url.PathEscape(fact)),
		chromedp.WaitVisible(chromedp.CSS(`form[data-kind="merge"]`)),
		chromedp.SendKeys(chromedp.CSS(`form[data-kind="merge"] input[name="other"]`), split),
		chromedp.Click(chromedp.CSS(`form[data-kind="merge"] button`)))
	waitReloaded(t, ctx, "the merge", `(document.querySelector('.review-status .merged') || {}).textContent?.includes(`+jsString(split)+`)`)
	_, body = get(t, base+"/api/reviews?fact="+url.QueryEscape(fact))
	var reviews struct {
		Events []struct{ Kind, Reviewer string }
	}
	if err := json.Unmarshal([]byte(body), &reviews); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range reviews.Events {
		if e.Reviewer != "Ana Lopez" {
			t.Errorf("event %+v not by the reviewer named in the page", e)
		}
		kinds = append(kinds, e.Kind)
	}
	if got := strings.Join(kinds, ","); got != "dismiss,verdict,split,merge" {
		t.Errorf("the fact's review log holds %s, want dismiss,verdict,split,merge", got)
	}
}

// jsString quotes s as a JavaScript string literal (JSON is valid JavaScript).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
