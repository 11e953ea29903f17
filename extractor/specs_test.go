package extractor

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
)

// specsEnv names the Specs folder of Microsoft's Recognizers-Text repository
// (github.com/microsoft/Recognizers-Text). Its sentences are not ours to copy, so the suites are
// read in place and the test skips where the variable is unset.
const specsEnv = "CLAIMWIRE_RECOGNIZERS_SPECS"

// specSuite is one Recognizers-Text suite and the pass rate the extractor must keep on it: the
// rate reached (156/177, 106/114, 20/20, 19/19). The peer's own .NET rates, which issue 13 asks
// to beat, are 85% (English currency), 91% (French currency), 85% (English percent) and 100%
// (French percent).
type specSuite struct {
	path, lang string
	currency   bool // else percent
	min        float64
}

var specSuites = []specSuite{
	{"NumberWithUnit/English/CurrencyModel.json", "en", true, 0.881},
	{"NumberWithUnit/French/CurrencyModel.json", "fr", true, 0.929},
	{"Number/English/PercentModel.json", "en", false, 1},
	{"Number/French/PercentModel.json", "fr", false, 1},
}

// specCase is one entry of a suite. NotSupported and NotSupportedByDesign list the platforms
// ("dotnet", "javascript", ...) whose build skips the case.
type specCase struct {
	Input                string
	NotSupported         string
	NotSupportedByDesign string
	Results              []struct {
		Text       string
		Start, End int // character offsets, End inclusive
		Resolution struct {
			Value       *string `json:"value"`
			Unit        string  `json:"unit"`
			ISOCurrency string  `json:"isoCurrency"`
		}
	}
}

// TestRecognizersSpecs scores the extractor on Recognizers-Text's currency and percent suites,
// on the cases the peer's .NET build runs (neither NotSupported nor NotSupportedByDesign names
// dotnet). A case passes when
//   - every expected result with a value is a claim of ours overlapping its span, with the same
//     value (relative 1e-6) and, for money, a currency the result names (currencySpec);
//   - and no other money (or percent) claim of ours lies outside the expected spans.
//
// Results without a value (a bare "percent") state no checkable quantity: they pass with no claim.
//
//	CLAIMWIRE_RECOGNIZERS_SPECS=/path/to/Recognizers-Text/Specs go test -run RecognizersSpecs -v ./extractor/
func TestRecognizersSpecs(t *testing.T) {
	root := os.Getenv(specsEnv)
	if root == "" {
		t.Skipf("%s is unset: point it at the Specs folder of github.com/microsoft/Recognizers-Text", specsEnv)
	}
	e := newTestExtractor(t)
	for _, s := range specSuites {
		t.Run(s.path, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, s.path))
			if err != nil {
				t.Skipf("suite absent: %v", err)
			}
			var cases []specCase
			if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\uFEFF")), &cases); err != nil {
				t.Fatal(err)
			}
			run, passed := 0, 0
			for _, c := range cases {
				if strings.Contains(c.NotSupported, "dotnet") || strings.Contains(c.NotSupportedByDesign, "dotnet") {
					continue
				}
				run++
				if why := specFailure(t, c, e.Extract(c.Input, s.lang), s.currency); why != "" {
					t.Logf("fail: %q: %s", c.Input, why)
					continue
				}
				passed++
			}
			rate := float64(passed) / float64(max(run, 1))
			t.Logf("%d/%d cases pass (%.1f%%)", passed, run, 100*rate)
			if rate < s.min {
				t.Errorf("pass rate %.3f < %.3f", rate, s.min)
			}
		})
	}
}

// specFailure says why the claims qs do not pass case c, or "" when they do.
func specFailure(t *testing.T, c specCase, qs []claimwire.Quantity, currency bool) string {
	t.Helper()
	relevant := func(q claimwire.Quantity) bool {
		if currency {
			return claimwire.IsCurrency(q.Unit)
		}
		return q.Unit == claimwire.UnitPercent
	}
	used := make([]bool, len(qs))
	for _, r := range c.Results {
		start, end := byteSpan(c.Input, r.Start, r.End+1)
		if r.Resolution.Value == nil || *r.Resolution.Value == "null" {
			continue // nothing to check; a claim here is judged below
		}
		want, err := specValue(*r.Resolution.Value)
		if err != nil {
			t.Fatalf("%q: value %q: %v", c.Input, *r.Resolution.Value, err)
		}
		codes, scale := map[string]bool(nil), 1.0
		if currency {
			codes, scale = currencySpec(t, r.Resolution.Unit, r.Resolution.ISOCurrency)
		}
		found := false
		for i, q := range qs {
			if !relevant(q) || q.Start >= end || q.End <= start {
				continue
			}
			used[i] = true
			v := q.Value * scale
			if math.Abs(v-want) <= 1e-6*math.Max(1, math.Abs(want)) && (codes == nil || codes[q.Unit]) {
				found = true
			}
		}
		if !found {
			return "no matching claim for " + strconv.Quote(r.Text)
		}
	}
	for i, q := range qs {
		if relevant(q) && !used[i] {
			return "extra claim " + strconv.Quote(q.Surface)
		}
	}
	return ""
}

// byteSpan turns character offsets into byte offsets of s.
func byteSpan(s string, start, end int) (int, int) {
	bs, be, n := len(s), len(s), 0
	for i := range s {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
		}
		n++
	}
	if start >= utf8.RuneCountInString(s) {
		bs = len(s)
	}
	return bs, be
}

// specValue parses a resolution value: "75000000", "100%", French "4,8%".
func specValue(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSuffix(s, "%"), ",", ".")
	return strconv.ParseFloat(s, 64)
}

// currencySpec says which of our codes a resolution's currency may be (nil: any currency, for a
// bare "Dollar" or a subunit of no named currency) and by what our value is multiplied to
// compare with the resolution's, which counts subunits (cents) in their own unit.
func currencySpec(t *testing.T, name, iso string) (map[string]bool, float64) {
	t.Helper()
	if iso != "" {
		return map[string]bool{iso: true}, 1
	}
	switch strings.ToLower(name) {
	case "cent", "centimes", "pence", "penny", "sen", "pesewa":
		return nil, 100
	case "satoshi":
		return map[string]bool{"BTC": true}, 1e8
	}
	codes, ok := map[string]string{
		"dollar":               "USD CAD AUD HKD NZD SGD TWD",
		"united states dollar": "USD", "dollar états-unis": "USD",
		"canadian dollar": "CAD", "dollar canadien": "CAD",
		"australian dollar": "AUD", "dollar australien": "AUD",
		"hong kong dollar": "HKD", "dollar de hong kong": "HKD",
		"new zealand dollar": "NZD", "dollar néo-zélandais": "NZD",
		"euro":  "EUR",
		"pound": "GBP EGP", "livre": "GBP EGP", "british pound": "GBP",
		"franc": "CHF FRF BEF", "swiss franc": "CHF", "franc suisse": "CHF",
		"chinese yuan": "CNY", "yuan chinois": "CNY",
		"japanese yen": "JPY", "yen japonais": "JPY",
		"rupee": "INR LKR PKR NPR", "roupie": "INR LKR PKR NPR", "roupie indienne": "INR",
		"sri lankan rupee": "LKR",
		"bitcoin":          "BTC",
		"turkish lira":     "TRY",
		"mexican peso":     "MXN",
		"finnish markka":   "FIM", "mark finlandais": "FIM",
		"peseta":              "ESP",
		"netherlands guilder": "NLG", "florins néerlandais": "NLG",
		"costa rican colón": "CRC",
		"georgian lari":     "GEL",
		"lao kip":           "LAK",
	}[strings.ToLower(name)]
	if !ok {
		t.Fatalf("currency %q has no codes in currencySpec", name)
	}
	set := map[string]bool{}
	for _, c := range strings.Fields(codes) {
		set[c] = true
	}
	return set, 1
}
