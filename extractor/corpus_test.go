package extractor

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/internal/devcorpus"
)

// corpusRoot is the shared corpus of real articles with hand annotations (gold.jsonl), relative
// to this package: ../shared/corpus from the repository root. It is read in place, never copied.
const corpusRoot = "../../shared/corpus"

// goldRow is one line of gold.jsonl (see corpusDir/../README.md), as the shared corpus reader
// reads it.
type goldRow = devcorpus.Row

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
	if utf8.RuneCountInString(u) == 3 && isLetters(u) {
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

// isLetters is Python's str.isalpha, which the scorer uses.
func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
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

// corpusScore counts matches like score-claims; unitSpelt also counts as right a unit that the
// gold spells otherwise than claimwire's unit vocabulary (see goldSpellings).
type corpusScore struct{ tp, fp, fn, unitOK, unitSpelt, qualOK int }

// goldSpellings are the dev gold's spellings of units of claimwire's vocabulary: the extractor
// must emit the vocabulary's names (m², m³, litres), which score-claims compares as other units.
var goldSpellings = map[string]string{"m2": "m²", "m3": "m³", "liters": "litres"}

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
		switch {
		case normUnit(c.Unit) == normUnit(g.Unit):
			s.unitOK++
			s.unitSpelt++
		case goldSpellings[g.Unit] == c.Unit:
			s.unitSpelt++
		default:
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

// loadGold reads dir/gold.jsonl, grouped by article in file order; ok is false when the corpus
// is absent.
func loadGold(t *testing.T, dir string) (byArticle map[string][]goldRow, order []string, ok bool) {
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	byArticle = map[string][]goldRow{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g goldRow
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("%s/gold.jsonl: %v", dir, err)
		}
		if _, ok := byArticle[g.Article]; !ok {
			order = append(order, g.Article)
		}
		byArticle[g.Article] = append(byArticle[g.Article], g)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return byArticle, order, true
}

// scoreDir extracts every article of a corpus folder and scores it against its gold. With
// repair, mis-anchored gold rows are re-anchored first (see reanchor) and raw holds the score
// against the gold as it is.
func scoreDir(t *testing.T, e *Extractor, dir string, repair bool) (fixed, raw corpusScore) {
	byArticle, order, ok := loadGold(t, dir)
	if !ok {
		t.Skipf("shared corpus not available at %s: place it at ../shared/corpus from the repository root", dir)
	}
	for _, art := range order {
		b, err := os.ReadFile(filepath.Join(dir, art))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		claims := e.Extract(text, "")
		for _, c := range claims {
			checkInvariants(t, text, c)
		}
		golds := byArticle[art]
		if !repair {
			score(t.Logf, art, golds, claims, &fixed)
			continue
		}
		score(func(string, ...any) {}, art, golds, claims, &raw)
		repaired := append([]goldRow(nil), golds...)
		reanchor(t, text, repaired)
		score(t.Logf, art, repaired, claims, &fixed)
	}
	return fixed, raw
}

// check fails s below the thresholds.
func (s corpusScore) check(t *testing.T, f1, recall, unit, qual float64) {
	t.Helper()
	t.Logf("%d matched, %d extra, %d missed: precision %.3f, recall %.3f, F1 %.3f, unit %.3f (%.3f with the vocabulary's spellings), qualifier %.3f",
		s.tp, s.fp, s.fn, ratio(s.tp, s.tp+s.fp), s.recall(), s.f1(), ratio(s.unitOK, s.tp), ratio(s.unitSpelt, s.tp), ratio(s.qualOK, s.tp))
	if s.f1() < f1 {
		t.Errorf("F1 %.3f < %.3f", s.f1(), f1)
	}
	if s.recall() < recall {
		t.Errorf("recall %.3f < %.3f", s.recall(), recall)
	}
	if u := ratio(s.unitOK, s.tp); u < unit {
		t.Errorf("unit accuracy %.3f < %.3f", u, unit)
	}
	if q := ratio(s.qualOK, s.tp); q < qual {
		t.Errorf("qualifier accuracy %.3f < %.3f", q, qual)
	}
}

func (s corpusScore) recall() float64 { return ratio(s.tp, s.tp+s.fn) }

func (s *corpusScore) add(o corpusScore) {
	s.tp, s.fp, s.fn = s.tp+o.tp, s.fp+o.fp, s.fn+o.fn
	s.unitOK, s.unitSpelt, s.qualOK = s.unitOK+o.unitOK, s.unitSpelt+o.unitSpelt, s.qualOK+o.qualOK
}

// TestCorpusSeeds scores the extractor on the seed texts and fails below F1 0.97, unit and
// qualifier accuracy 0.95 (against the gold with its mis-anchored rows repaired, see reanchor),
// or below F1 0.95 against the gold as it is.
func TestCorpusSeeds(t *testing.T) {
	fixed, raw := scoreDir(t, newTestExtractor(t), filepath.Join(corpusRoot, "seeds"), true)
	t.Logf("raw gold: %d matched, %d extra, %d missed, F1 %.3f", raw.tp, raw.fp, raw.fn, raw.f1())
	// Against the gold as it is, two mis-anchored rows cap F1 at 0.967 for a perfect extractor.
	if raw.f1() < 0.95 {
		t.Errorf("F1 against the unrepaired gold %.3f < 0.95", raw.f1())
	}
	fixed.check(t, 0.97, 0.97, 0.95, 0.95)
}

// TestCorpusDev scores the extractor on the real news of dev/energy and dev/chips (French and
// English, on and off topic), slice by slice and together, against issue 13's targets: recall
// 0.93, F1 0.95, unit and qualifier accuracy 0.95, unit accuracy as score-claims counts it. The
// log also gives it with the gold's spellings m2, m3 and liters of the vocabulary's m², m³ and
// litres folded (about 2 points more).
func TestCorpusDev(t *testing.T) {
	e := newTestExtractor(t)
	var all corpusScore
	for _, slice := range []string{"energy", "chips"} {
		t.Run(slice, func(t *testing.T) {
			s, _ := scoreDir(t, e, filepath.Join(corpusRoot, "dev", slice), false)
			all.add(s)
			s.check(t, devF1-sliceSlack, devRecall-sliceSlack, devUnit-sliceSlack, devQual-sliceSlack)
		})
	}
	if all.tp == 0 {
		t.Skip("no dev slice scored")
	}
	all.check(t, devF1, devRecall, devUnit, devQual)
}

// The dev corpus thresholds, issue 13's targets; each slice may fall sliceSlack below them.
const (
	devF1      = 0.95
	devRecall  = 0.93
	devUnit    = 0.95
	devQual    = 0.95
	sliceSlack = 0.02
)

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
