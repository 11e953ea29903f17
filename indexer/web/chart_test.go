package web

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire"
)

// chartFixture is the kind of disagreement the chart is for: one source says 76, another more
// than 160, a third about 70, and a range, over a few months.
var chartFixture = []chartPoint{
	{Source: "La Gazette du Calcul", Date: day("2025-06-20"), Value: 76, Unit: "proposals", Qualifier: claimwire.QualifierExact},
	{Source: "La Gazette du Calcul", Date: day("2025-06-20"), Value: 76, Unit: "proposals", Qualifier: claimwire.QualifierExact},
	{Source: "Compute Wire", Date: day("2025-06-23"), Value: 76, Unit: "proposals", Qualifier: claimwire.QualifierExact},
	{Source: "Compute Wire", Date: day("2025-07-02"), Value: 160, Unit: "companies", Qualifier: claimwire.QualifierMoreThan},
	{Source: "Ledger & Co", Date: day("2025-07-01"), Value: 70, Unit: "proposals", Qualifier: claimwire.QualifierApprox},
	{Source: "Ledger & Co", Date: day("2025-09-15"), Value: 60, ValueMax: ptr(80), Unit: "proposals", Qualifier: claimwire.QualifierRange},
	{Source: "<Hostile> \"site\"", Date: day("2025-08-01"), Value: 50, Unit: "proposals", Qualifier: claimwire.QualifierUpTo},
	{Source: "Undated", Value: 999, Unit: "proposals", Qualifier: claimwire.QualifierExact},
}

func TestRenderChartGolden(t *testing.T) {
	for _, tt := range []struct {
		file  string
		width int
	}{{"chart.svg", chartWide}, {"chart-narrow.svg", chartNarrow}} {
		got := []byte(renderChart("chart", "Proposals <received>", tt.width, chartFixture))
		golden := filepath.Join("testdata", tt.file)
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("renderChart differs from %s (run go test -update after checking the change):\n%s", golden, got)
		}
	}
}

// svgText collects the text of every <text> element, checking that the SVG is well-formed XML.
func svgText(t *testing.T, svg string) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []string
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return texts
		}
		if err != nil {
			t.Fatalf("chart is not well-formed: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
}

func TestRenderChart(t *testing.T) {
	texts := svgText(t, string(renderChart("c", "Proposals", chartWide, chartFixture)))
	count := func(s string) int {
		n := 0
		for _, x := range texts {
			if x == s {
				n++
			}
		}
		return n
	}
	// 76 is said three times, close together: one label says it.
	for label, want := range map[string]int{"76": 1, ">160": 1, "≈70": 1, "60–80": 1, "≤50": 1, "999": 0,
		"Ledger & Co": 1, `<Hostile> "site"`: 1, "Undated": 0, "Jul 2025": 1} {
		if got := count(label); got != want {
			t.Errorf("label %q drawn %d times, want %d (texts %q)", label, got, want, texts)
		}
	}

	tests := []struct {
		name   string
		points []chartPoint
		want   []string // texts that must appear
	}{
		{name: "nothing dated", points: []chartPoint{{Source: "a", Value: 1}}},
		{name: "not a number", points: []chartPoint{{Source: "a", Date: day("2025-01-01"), Value: math.NaN()},
			{Source: "a", Date: day("2025-01-01"), Value: 1, ValueMax: ptr(math.Inf(1))}}},
		{
			name:   "a single point",
			points: []chartPoint{{Source: "a", Date: day("2025-01-01"), Value: 5, Unit: "GW"}},
			want:   []string{"5", "0", "a", "Jan 2025"},
		},
		{
			name: "orders of magnitude apart, on a log scale",
			points: []chartPoint{
				{Source: "a", Date: day("2025-01-01"), Value: 1e9, Unit: "EUR"},
				{Source: "b", Date: day("2025-02-01"), Value: 200e9, Unit: "EUR"},
			},
			want: []string{"€1bn", "€200bn", "log scale", "1bn", "10bn", "1tn"},
		},
		{
			name:   "negative values",
			points: []chartPoint{{Source: "a", Date: day("2025-01-01"), Value: -4}, {Source: "a", Date: day("2025-03-01"), Value: 2}},
			want:   []string{"−4", "2", "0"},
		},
		{
			name: "years apart",
			points: []chartPoint{{Source: "a", Date: day("2015-01-01"), Value: 1},
				{Source: "a", Date: day("2025-03-01"), Value: 2}},
			want: []string{"1", "2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := string(renderChart("c", "t", chartNarrow, tt.points))
			if tt.want == nil {
				if svg != "" {
					t.Errorf("chart of nothing drawable = %s", svg)
				}
				return
			}
			texts := svgText(t, svg)
			for _, w := range tt.want {
				found := false
				for _, x := range texts {
					found = found || x == w
				}
				if !found {
					t.Errorf("no text %q in %q", w, texts)
				}
			}
			if n := strings.Count(svg, "<text"); n > 60 {
				t.Errorf("%d texts: the axis has too many ticks", n)
			}
		})
	}
}

// BenchmarkRenderChart measures the chart of a busy metric: 500 claims from 8 sources.
func BenchmarkRenderChart(b *testing.B) {
	points := make([]chartPoint, 500)
	for i := range points {
		points[i] = chartPoint{Source: string(rune('A' + i%8)), Date: day("2025-01-01").AddDate(0, 0, i%300),
			Value: float64(50 + i%40), Unit: "proposals", Qualifier: claimwire.QualifierExact}
	}
	for b.Loop() {
		if renderChart("c", "t", chartWide, points) == "" {
			b.Fatal("empty chart")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/chart")
}
