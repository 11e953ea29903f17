package extractor

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
)

var update = flag.Bool("update", false, "rewrite the expected claims of testdata/*.cases from the extractor's output")

// A golden case file holds blocks separated by blank lines:
//
//	# comment
//	> the sentence, in the file's language
//	= surface | value or min..max | unit | qualifier
//
// A block without "=" lines expects no claim at all. The file name (fr.cases, en.cases) is the
// language every claim must be detected in; the extractor is not told the language.
type goldenCase struct {
	comments []string
	text     string
	want     []string
	line     int
}

func readCases(t *testing.T, path string) []goldenCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []goldenCase
	var cur *goldenCase
	var comments []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
			cur = nil
		case strings.HasPrefix(line, "#"):
			comments = append(comments, line)
		case strings.HasPrefix(line, "> "):
			cases = append(cases, goldenCase{comments: comments, text: line[2:], line: n})
			comments = nil
			cur = &cases[len(cases)-1]
		case strings.HasPrefix(line, "= ") && cur != nil:
			cur.want = append(cur.want, normalizeWant(line[2:]))
		default:
			t.Fatalf("%s:%d: unexpected line %q", path, n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func normalizeWant(s string) string {
	parts := strings.Split(s, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, " | ")
}

// formatClaim writes a claim the way case files expect it.
func formatClaim(q claimwire.Quantity) string {
	v := strconv.FormatFloat(q.Value, 'f', -1, 64)
	if q.ValueMax != nil {
		v += ".." + strconv.FormatFloat(*q.ValueMax, 'f', -1, 64)
	}
	return fmt.Sprintf("%s | %s | %s | %s", q.Surface, v, q.Unit, q.Qualifier)
}

func writeCases(t *testing.T, path string, cases []goldenCase) {
	t.Helper()
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, cm := range c.comments {
			b.WriteString(cm + "\n")
		}
		b.WriteString("> " + c.text + "\n")
		for _, w := range c.want {
			b.WriteString("= " + w + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	e, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestGoldenCases(t *testing.T) {
	e := newTestExtractor(t)
	paths, err := filepath.Glob("testdata/*.cases")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, path := range paths {
		lang := strings.TrimSuffix(filepath.Base(path), ".cases")
		t.Run(lang, func(t *testing.T) {
			cases := readCases(t, path)
			if !*update && len(cases) < 200 {
				t.Errorf("%s has %d cases, want at least 200", path, len(cases))
			}
			for i := range cases {
				c := &cases[i]
				got := e.Extract(c.text, "")
				var lines []string
				for _, q := range got {
					checkInvariants(t, c.text, q)
					checkVocabulary(t, q.Unit)
					lines = append(lines, formatClaim(q))
					if q.Lang != lang && !*update {
						t.Errorf("%s:%d: %q detected as %q", path, c.line, q.Surface, q.Lang)
					}
				}
				if *update {
					c.want = lines
					continue
				}
				if !equalClaims(got, c.want) {
					t.Errorf("%s:%d: %s\n got:\n\t%s\nwant:\n\t%s", path, c.line, c.text,
						strings.Join(lines, "\n\t"), strings.Join(c.want, "\n\t"))
				}
			}
			if *update {
				writeCases(t, path, cases)
			}
		})
	}
}

// equalClaims compares claims with expected lines, values within 1e-9 relative.
func equalClaims(got []claimwire.Quantity, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i, q := range got {
		w := strings.Split(want[i], " | ")
		if len(w) != 4 || w[0] != q.Surface || w[2] != q.Unit || w[3] != q.Qualifier {
			return false
		}
		lo, hi, isRange := strings.Cut(w[1], "..")
		if isRange != (q.ValueMax != nil) || !closeTo(lo, q.Value) || isRange && !closeTo(hi, *q.ValueMax) {
			return false
		}
	}
	return true
}

func closeTo(s string, v float64) bool {
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && math.Abs(f-v) <= 1e-9*math.Max(1, math.Abs(f))
}

// checkInvariants holds for every claim of every input.
func checkInvariants(t testing.TB, text string, q claimwire.Quantity) {
	t.Helper()
	if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
		t.Fatalf("bad offsets %d..%d for input of %d bytes", q.Start, q.End, len(text))
	}
	if !onBoundary(text, q.Start) || !onBoundary(text, q.End) {
		t.Fatalf("offsets %d..%d cut a UTF-8 sequence", q.Start, q.End)
	}
	if q.Surface != text[q.Start:q.End] {
		t.Fatalf("surface %q is not text[%d:%d] = %q", q.Surface, q.Start, q.End, text[q.Start:q.End])
	}
	if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) || q.ValueMax != nil && (math.IsNaN(*q.ValueMax) || math.IsInf(*q.ValueMax, 0)) {
		t.Fatalf("value not finite: %v", q)
	}
	if q.ValueMax != nil && !(*q.ValueMax > q.Value) {
		t.Fatalf("range %v..%v is not increasing", q.Value, *q.ValueMax)
	}
	if q.Unit == "" || q.Qualifier == "" || q.Metric == "" || q.Sentence == "" {
		t.Fatalf("empty field in %+v", q)
	}
	if at := q.SentenceOffset; at < 0 || at+len(q.Surface) > len(q.Sentence) || q.Sentence[at:at+len(q.Surface)] != q.Surface {
		t.Fatalf("sentence %q does not hold surface %q at %d", q.Sentence, q.Surface, at)
	}
	// Subject and Measure are short words of the text, a measure never a number.
	if q.Measure == "" || strings.ContainsAny(q.Measure, "0123456789") || len(strings.Fields(q.Measure)) > maxMeasureWords ||
		len(strings.Fields(q.Subject)) > maxSubjectWords || !utf8.ValidString(q.Subject) || !utf8.ValidString(q.Measure) {
		t.Fatalf("subject %q, measure %q of %q", q.Subject, q.Measure, q.Surface)
	}
}

// checkVocabulary fails a unit the indexer could mistake: every unit is a name of claimwire's
// unit vocabulary or a counted noun (lower-case words), never a variant spelling like "EFLOPS"
// or "m2" that it would compare as a count.
func checkVocabulary(t testing.TB, unit string) {
	t.Helper()
	if _, ok := claimwire.LookupUnit(unit); ok {
		return
	}
	for _, r := range unit {
		if !unicode.IsLower(r) && r != ' ' && r != '-' {
			t.Errorf("unit %q is neither in claimwire's unit vocabulary nor a counted noun", unit)
			return
		}
	}
}

// onBoundary reports whether p starts a rune (or an invalid byte) the way range decodes text.
func onBoundary(text string, p int) bool {
	if p == len(text) {
		return true
	}
	// Runes are at most 4 bytes: decode from a little before p to find where they start.
	from := max(0, p-utf8.UTFMax)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for i := range text[from:] {
		switch {
		case from+i == p:
			return true
		case from+i > p:
			return false
		}
	}
	return false
}
