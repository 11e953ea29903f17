package web

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/claimwire/claimwire"
)

// chartPoint is one value a source reported on a date.
type chartPoint struct {
	Source    string
	Date      time.Time
	Value     float64
	ValueMax  *float64
	Unit      string
	Qualifier string
}

// Chart geometry, in SVG user units; the CSS scales the whole drawing to the page width.
const (
	// ChartWide and chartNarrow are the drawing widths for wide screens and phones: a phone
	// shrinking the wide drawing would make its text too small to read.
	chartWide    = 720
	chartNarrow  = 400
	chartPlotTop = 16
	chartPlotH   = 240
	chartLeft    = 72
	chartRight   = 24
	chartAxisH   = 44
	legendRowH   = 20
	labelCharW   = 7 // rough width of a label character at the chart's font size
	labelH       = 13
	// labelClusterW is how close points stating the same value must be to share a label.
	labelClusterW = 48
)

// chartColors is the Okabe–Ito palette, readable by colour-blind readers, without its yellow,
// which is too pale on white.
var chartColors = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#444444"}

// yScale maps values to the plot's height.
type yScale struct {
	lo, hi float64
	log    bool
}

func newYScale(points []chartPoint) yScale {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range points {
		lo, hi = min(lo, p.Value), max(hi, p.Value)
		if p.ValueMax != nil {
			lo, hi = min(lo, *p.ValueMax), max(hi, *p.ValueMax)
		}
	}
	// Values spanning two orders of magnitude or more would crush the small ones on a linear
	// axis: 3 and 5 billion next to 200 billion.
	if lo > 0 && hi/lo >= 100 {
		return yScale{lo: math.Pow(10, math.Floor(math.Log10(lo))), hi: math.Pow(10, math.Ceil(math.Log10(hi))), log: true}
	}
	// A linear axis starts at zero, so that bar-like comparisons ("76" against "160") are honest.
	lo = min(lo, 0)
	if hi <= lo {
		hi = lo + 1
	}
	step := niceStep((hi - lo) / 4)
	return yScale{lo: math.Floor(lo/step) * step, hi: math.Ceil(hi/step) * step}
}

// niceStep rounds a raw tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func (s yScale) y(v float64) float64 {
	var f float64
	if s.log {
		f = (math.Log10(v) - math.Log10(s.lo)) / (math.Log10(s.hi) - math.Log10(s.lo))
	} else {
		f = (v - s.lo) / (s.hi - s.lo)
	}
	return chartPlotTop + chartPlotH*(1-f)
}

func (s yScale) ticks() []float64 {
	var out []float64
	if s.log {
		for v := s.lo; v <= s.hi*(1+1e-9); v *= 10 {
			out = append(out, v)
		}
		return out
	}
	step := niceStep((s.hi - s.lo) / 4)
	for v := s.lo; v <= s.hi+step/1e6; v += step {
		out = append(out, v)
	}
	return out
}

// xScale maps dates to the plot's width.
type xScale struct {
	lo, hi time.Time
	width  int
}

func newXScale(points []chartPoint, width int) xScale {
	lo, hi := points[0].Date, points[0].Date
	for _, p := range points[1:] {
		if p.Date.Before(lo) {
			lo = p.Date
		}
		if p.Date.After(hi) {
			hi = p.Date
		}
	}
	// A fortnight of margin keeps the first and last points off the axes.
	const pad = 15 * 24 * time.Hour
	return xScale{lo: lo.Add(-pad), hi: hi.Add(pad), width: width}
}

func (s xScale) x(t time.Time) float64 {
	f := float64(t.Sub(s.lo)) / float64(s.hi.Sub(s.lo))
	return chartLeft + float64(s.width-chartLeft-chartRight)*f
}

// ticks are the first days of months, every few months so that the labels do not touch.
func (s xScale) ticks() []time.Time {
	const tickLabelW = 90
	maxTicks := max(2, (s.width-chartLeft-chartRight)/tickLabelW)
	first := time.Date(s.lo.Year(), s.lo.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	months := (s.hi.Year()-first.Year())*12 + int(s.hi.Month()-first.Month()) + 1
	step := max(1, (months+maxTicks-1)/maxTicks)
	var out []time.Time
	for t := first; !t.After(s.hi); t = t.AddDate(0, step, 0) {
		out = append(out, t)
	}
	return out
}

// tickLabel writes axis values compactly ("20bn", "1,200").
func tickLabel(v float64) string {
	sc := scaleFor(v, "en")
	return formatNumber(v/sc.factor, "en") + sc.suffix
}

// pointLabel is the value written next to a point: its hedge as a sign, then the value.
func pointLabel(p *chartPoint) string {
	return qualifierSigns[p.Qualifier] + formatValue(p.Value, p.ValueMax, p.Unit, "en")
}

// svgWriter accumulates SVG markup; every text goes through esc.
type svgWriter struct{ strings.Builder }

func (w *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&w.Builder, format, args...) }

func esc(s string) string { return template.HTMLEscapeString(s) }

// renderChart draws the values reported about a metric over time, one colour per source, as a
// self-contained SVG width units wide: value labels beside the points make the competing
// figures readable at a glance, and the title and description carry the same facts for screen
// readers. Points without a date cannot be placed and are left out. It returns "" when no point
// has a date.
func renderChart(id, title string, width int, points []chartPoint) template.HTML {
	var dated []chartPoint
	for _, p := range points {
		if !p.Date.IsZero() && !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0) &&
			(p.ValueMax == nil || !math.IsNaN(*p.ValueMax) && !math.IsInf(*p.ValueMax, 0)) {
			dated = append(dated, p)
		}
	}
	if len(dated) == 0 {
		return ""
	}
	slices.SortStableFunc(dated, func(a, b chartPoint) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Value, b.Value), cmp.Compare(a.Source, b.Source))
	})
	var sources []string
	for _, p := range dated {
		if !slices.Contains(sources, p.Source) {
			sources = append(sources, p.Source)
		}
	}
	slices.Sort(sources)
	color := func(src string) string {
		i, _ := slices.BinarySearch(sources, src)
		return chartColors[i%len(chartColors)]
	}
	ys, xs := newYScale(dated), newXScale(dated, width)
	legend := legendLayout(sources, width)
	height := legend[len(legend)-1].y + legendRowH/2

	var w svgWriter
	w.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" font-family="system-ui, sans-serif" role="img" aria-labelledby="%s-title %s-desc">`,
		width, height, esc(id), esc(id))
	w.printf("\n<title id=\"%s-title\">%s</title>\n", esc(id), esc(title))
	w.printf(`<desc id="%s-desc">`, esc(id))
	facts := make([]string, 0, len(dated))
	for _, p := range dated {
		facts = append(facts, fmt.Sprintf("%s: %s on %s", p.Source, pointLabel(&p), formatDate(p.Date)))
	}
	// Sorted by date, value and source, repeated statements are neighbours.
	w.WriteString(esc(strings.Join(slices.Compact(facts), "; ")))
	w.WriteString("</desc>\n")

	drawAxes(&w, ys, xs, width)
	w.WriteString(`<g class="points">` + "\n")

	// Points first. Points stating the same value side by side form a cluster that one label
	// speaks for.
	var clusters []*labelCluster
	drawn := make(map[string]bool)
	for _, p := range dated {
		x, y := xs.x(p.Date), ys.y(p.Value)
		label := pointLabel(&p)
		key := fmt.Sprintf("%.0f|%.0f|%s|%s", x, y, label, p.Source)
		if drawn[key] {
			continue
		}
		drawn[key] = true
		w.printf(`<g class="point" data-value="%s"><title>%s</title>`, esc(fmt.Sprint(p.Value)),
			esc(fmt.Sprintf("%s, %s: %s", p.Source, formatDate(p.Date), label)))
		drawMarker(&w, &p, x, y, ys, color(p.Source))
		w.WriteString("</g>\n")
		i := slices.IndexFunc(clusters, func(c *labelCluster) bool {
			return c.label == label && math.Abs(c.y-y) < 1 && x-c.xMax < labelClusterW
		})
		if i < 0 {
			clusters = append(clusters, &labelCluster{label: label, xMin: x, xMax: x, y: y,
				labelWidth: float64(len([]rune(label)) * labelCharW)})
		} else {
			clusters[i].xMax = max(clusters[i].xMax, x)
		}
	}
	w.WriteString("</g>\n<g class=\"labels\">\n")
	drawLabels(&w, clusters, width)
	w.WriteString("</g>\n<g class=\"legend\">\n")
	for _, it := range legend {
		w.printf(`<circle cx="%d" cy="%d" r="5" fill="%s"/>`, it.x+5, it.y-4, color(it.source))
		w.printf(`<text x="%d" y="%d" fill="#1d2330" font-size="12">%s</text>`+"\n", it.x+14, it.y, esc(it.source))
	}
	w.WriteString("</g>\n</svg>")
	// All text above was escaped with esc; numbers are formatted by fmt.
	return template.HTML(w.String())
}

// drawMarker draws one point: a filled circle for an exact value, a ring for an approximate
// one, triangles pointing the way open bounds go, and a bar for a range.
func drawMarker(w *svgWriter, p *chartPoint, x, y float64, ys yScale, c string) {
	switch p.Qualifier {
	case claimwire.QualifierApprox:
		w.printf(`<circle cx="%.1f" cy="%.1f" r="5" fill="#fff" stroke="%s" stroke-width="2.5"/>`, x, y, c)
	case claimwire.QualifierAtLeast, claimwire.QualifierMoreThan:
		w.printf(`<path d="M%.1f %.1fl6 10h-12z" fill="%s"/>`, x, y-6, c)
	case claimwire.QualifierUpTo, claimwire.QualifierAtMost:
		w.printf(`<path d="M%.1f %.1fl6 -10h-12z" fill="%s"/>`, x, y+6, c)
	case claimwire.QualifierRange:
		top := y
		if p.ValueMax != nil {
			top = ys.y(*p.ValueMax)
		}
		w.printf(`<path d="M%.1f %.1fV%.1fM%.1f %.1fh10M%.1f %.1fh10" stroke="%s" stroke-width="3" fill="none"/>`,
			x, y, top, x-5, y, x-5, top, c)
	default:
		w.printf(`<circle cx="%.1f" cy="%.1f" r="5" fill="%s" stroke="#fff" stroke-width="1.5"/>`, x, y, c)
	}
}

type legendItem struct {
	source string
	x, y   int
}

// legendLayout flows the sources' names left to right under the axis, wrapping like text.
func legendLayout(sources []string, width int) []legendItem {
	const gap = 24
	items := make([]legendItem, 0, len(sources))
	x, y := chartLeft, chartPlotTop+chartPlotH+chartAxisH
	for _, s := range sources {
		w := 14 + len([]rune(s))*labelCharW
		if x > chartLeft && x+w > width-chartRight {
			x, y = chartLeft, y+legendRowH
		}
		items = append(items, legendItem{source: s, x: x, y: y})
		x += w + gap
	}
	return items
}

// drawAxes draws the value grid with its labels, the time axis with its ticks, and says when the
// value axis is logarithmic.
func drawAxes(w *svgWriter, ys yScale, xs xScale, width int) {
	w.WriteString(`<g class="axis y">` + "\n")
	for _, v := range ys.ticks() {
		y := ys.y(v)
		w.printf(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#d9dde3"/>`+"\n", chartLeft, y, width-chartRight, y)
		w.printf(`<text x="%d" y="%.1f" text-anchor="end" fill="#4a5160" font-size="12">%s</text>`+"\n",
			chartLeft-8, y+4, esc(tickLabel(v)))
	}
	w.WriteString("</g>\n" + `<g class="axis x">` + "\n")
	base := chartPlotTop + chartPlotH
	w.printf(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#4a5160"/>`+"\n", chartLeft, base, width-chartRight, base)
	for _, t := range xs.ticks() {
		x := xs.x(t)
		w.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#4a5160"/>`+"\n", x, base, x, base+5)
		w.printf(`<text x="%.1f" y="%d" text-anchor="middle" fill="#4a5160" font-size="12">%s</text>`+"\n",
			x, base+20, esc(t.Format("Jan 2006")))
	}
	if ys.log {
		w.printf(`<text x="%d" y="%d" fill="#4a5160" font-size="11">log scale</text>`+"\n", chartLeft+4, chartPlotTop+12)
	}
	w.WriteString("</g>\n")
}

// labelCluster is a run of points stating the same value close together, and their label.
type labelCluster struct {
	label         string
	xMin, xMax, y float64
	labelWidth    float64
}

// drawLabels writes each cluster's label right of its last point (left of its first at the end
// of the axis), moved down when it would overlap a label already placed.
func drawLabels(w *svgWriter, clusters []*labelCluster, width int) {
	type box struct{ x0, x1, y float64 }
	var placed []box
	for _, c := range clusters {
		lx, ly := c.xMax+9, c.y+4
		if lx+c.labelWidth > float64(width-chartRight/2) {
			// No room on the right, at the end of the axis: the label goes on the left.
			lx = c.xMin - 9 - c.labelWidth
		}
		for range 6 {
			if !slices.ContainsFunc(placed, func(b box) bool {
				return lx < b.x1 && b.x0 < lx+c.labelWidth && math.Abs(ly-b.y) < labelH
			}) {
				break
			}
			ly += labelH
		}
		placed = append(placed, box{lx, lx + c.labelWidth, ly})
		// The white outline keeps a label readable over a neighbouring point.
		w.printf(`<text class="value-label" x="%.1f" y="%.1f" fill="#1d2330" stroke="#fff" stroke-width="3" paint-order="stroke" font-size="12" font-weight="600">%s</text>`+"\n",
			lx, ly, esc(c.label))
	}
}
