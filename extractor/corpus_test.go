package extractor

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	claimwire "github.com/claimwire/claimwire"
)

// corpusDir is the shared corpus of real French articles with a hand annotation (gold.jsonl),
// relative to this package: ../shared/corpus from the repository root.
const corpusDir = "../../shared/corpus/seeds"

// goldRow is one line of gold.jsonl (see corpusDir/../README.md).
type goldRow struct {
	Article   string   `json:"article"`
	Surface   string   `json:"surface"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Role      string   `json:"role"`
}

// unitClasses are the scorer's classes of units that count as the same (score-claims).
var unitClasses = [][]string{
	{"companies", "company", "firms", "entreprises", "sociétés", "respondents", "applicants", "consortia"},
	{"proposals", "propositions", "expressions of interest", "manifestations d'intérêt", "applications",
		"candidatures", "bids", "submissions", "responses", "réponses", "offers"},
	{"chips", "puces", "processors", "processeurs", "gpus", "gpu", "accelerators", "ai chips", "ai processors"},
	{"gigafactories", "ai gigafactories", "giga-usines", "gigafabriques", "giga-factories"},
	{"ai factories", "usines d'ia", "factories", "usines"},
	{"member states", "états membres", "countries", "pays"},
	{"sites", "locations"},
	{"parameters", "paramètres"},
	{"gpu hours", "heures gpu", "gpu-hours"},
	{"percent", "%", "pct", "percentage"},
	{"times", "fois", "x"},
}

// normUnit mirrors the scorer's norm_unit: ISO codes compare exactly, classes by membership
// (with or without a trailing s), anything else without its trailing s.
func normUnit(u string) string {
	u = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(u, "’", "'")))
	if len(u) == 3 && isLetters(u) {
		return strings.ToUpper(u)
	}
	for i, class := range unitClasses {
		for _, c := range class {
			if u == c || strings.TrimRight(u, "s") == strings.TrimRight(c, "s") {
				return "class" + string(rune('a'+i))
			}
		}
	}
	return strings.TrimRight(u, "s")
}

func isLetters(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z') {
			return false
		}
	}
	return true
}

// closeValue mirrors the scorer: relative 1e-6, both absent counts as equal.
func closeValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-6*math.Max(1, math.Max(math.Abs(*a), math.Abs(*b)))
}

type corpusScore struct{ tp, fp, fn, unitOK, qualOK int }

func (s corpusScore) f1() float64 {
	p := float64(s.tp) / float64(max(1, s.tp+s.fp))
	r := float64(s.tp) / float64(max(1, s.tp+s.fn))
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// score matches claims with gold rows like score-claims: spans overlap and values agree
// (value_max too where the gold has one), one to one in claim order; rows with a role are
// neither owed nor held against.
func score(logf func(string, ...any), article string, golds []goldRow, claims []claimwire.Quantity, s *corpusScore) {
	used := make([]bool, len(golds))
	for _, c := range claims {
		hit := -1
		for j, g := range golds {
			if used[j] || !(c.Start < g.End && g.Start < c.End) {
				continue
			}
			v := c.Value
			if closeValue(&v, &g.Value) && (g.ValueMax == nil || closeValue(c.ValueMax, g.ValueMax)) {
				hit = j
				break
			}
		}
		if hit < 0 {
			ignored := false
			for _, g := range golds {
				if c.Start < g.End && g.Start < c.End && g.Role != "" {
					ignored = true
				}
			}
			if !ignored {
				s.fp++
				logf("extra  %s %q = %g %s", article, c.Surface, c.Value, c.Unit)
			}
			continue
		}
		used[hit] = true
		g := golds[hit]
		if g.Role != "" {
			continue
		}
		s.tp++
		if normUnit(c.Unit) == normUnit(g.Unit) {
			s.unitOK++
		} else {
			logf("unit   %s %q: %s, gold %s", article, c.Surface, c.Unit, g.Unit)
		}
		if c.Qualifier == g.Qualifier {
			s.qualOK++
		} else {
			logf("qual   %s %q: %s, gold %s", article, c.Surface, c.Qualifier, g.Qualifier)
		}
	}
	for j, g := range golds {
		if !used[j] && g.Role == "" {
			s.fn++
			logf("missed %s %q = %g %s", article, g.Surface, g.Value, g.Unit)
		}
	}
}

// reanchor repairs gold rows anchored inside another row of the same article (a duplicate
// found by substring search: "50 milliards" inside "150 milliards", "160 entreprises" inside
// "plus de 160 entreprises"): such a row is moved to the next occurrence of its surface not
// covered by any row. The score against the unrepaired gold is logged as well.
func reanchor(t *testing.T, text string, golds []goldRow) {
	covered := func(s, e int) bool {
		for _, g := range golds {
			if s < g.End && g.Start < e {
				return true
			}
		}
		return false
	}
	for i := range golds {
		g := &golds[i]
		nested := false
		for j, o := range golds {
			if j != i && o.Start <= g.Start && g.End <= o.End && (o.Start != g.Start || o.End != g.End) {
				nested = true
			}
		}
		if !nested {
			continue
		}
		for from := 0; ; {
			k := strings.Index(text[from:], g.Surface)
			if k < 0 {
				break
			}
			s := from + k
			if !covered(s, s+len(g.Surface)) {
				t.Logf("gold   %s %q re-anchored from %d to %d", g.Article, g.Surface, g.Start, s)
				g.Start, g.End = s, s+len(g.Surface)
				break
			}
			from = s + 1
		}
	}
}

// TestCorpus scores the extractor on the shared gold annotation and fails below F1 0.97, unit
// and qualifier accuracy 0.95 (against the gold with its mis-anchored rows repaired, see
// reanchor), or below F1 0.95 against the gold as it is.
func TestCorpus(t *testing.T) {
	f, err := os.Open(filepath.Join(corpusDir, "gold.jsonl"))
	if err != nil {
		t.Skipf("shared corpus not available (%v): place it at ../shared/corpus from the repository root", err)
	}
	defer f.Close()
	byArticle := map[string][]goldRow{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g goldRow
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("gold.jsonl: %v", err)
		}
		if _, ok := byArticle[g.Article]; !ok {
			order = append(order, g.Article)
		}
		byArticle[g.Article] = append(byArticle[g.Article], g)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	e := newTestExtractor(t)
	var raw, fixed corpusScore
	for _, art := range order {
		b, err := os.ReadFile(filepath.Join(corpusDir, art))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		claims := e.Extract(text, "")
		for _, c := range claims {
			checkInvariants(t, text, c)
		}
		golds := byArticle[art]
		score(func(string, ...any) {}, art, golds, claims, &raw)
		repaired := append([]goldRow(nil), golds...)
		reanchor(t, text, repaired)
		score(t.Logf, art, repaired, claims, &fixed)
	}
	t.Logf("raw gold:      %d matched, %d extra, %d missed, F1 %.3f", raw.tp, raw.fp, raw.fn, raw.f1())
	t.Logf("repaired gold: %d matched, %d extra, %d missed, F1 %.3f, unit %.3f, qualifier %.3f",
		fixed.tp, fixed.fp, fixed.fn, fixed.f1(), ratio(fixed.unitOK, fixed.tp), ratio(fixed.qualOK, fixed.tp))
	// Against the gold as it is, two mis-anchored rows cap F1 at 0.967 for a perfect extractor.
	if raw.f1() < 0.95 {
		t.Errorf("F1 against the unrepaired gold %.3f < 0.95", raw.f1())
	}
	if fixed.f1() < 0.97 {
		t.Errorf("F1 %.3f < 0.97", fixed.f1())
	}
	if u := ratio(fixed.unitOK, fixed.tp); u < 0.95 {
		t.Errorf("unit accuracy %.3f < 0.95", u)
	}
	if q := ratio(fixed.qualOK, fixed.tp); q < 0.95 {
		t.Errorf("qualifier accuracy %.3f < 0.95", q)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
