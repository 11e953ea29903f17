package web

import (
	"math"
	"testing"
	"time"
)

func ptr(f float64) *float64 { return &f }

func TestFormatValue(t *testing.T) {
	const nb, nnb = "\u00a0", "\u202f" // no-break space, narrow no-break space
	tests := []struct {
		value    float64
		valueMax *float64
		unit     string
		lang     string
		want     string
	}{
		{20e9, nil, "EUR", "fr", "20" + nb + "Md€"},
		{20e9, nil, "EUR", "en", "€20bn"},
		{200e9, nil, "EUR", "fr", "200" + nb + "Md€"},
		{1.5e12, nil, "USD", "en", "$1.5tn"},
		{1.5e12, nil, "USD", "fr", "1" + nnb + "500" + nb + "Md$"},
		{485e6, nil, "EUR", "fr", "485" + nb + "M€"},
		{485e6, nil, "EUR", "en", "€485m"},
		{25000, nil, "EUR", "fr", "25" + nnb + "000" + nb + "€"},
		{25000, nil, "EUR", "en", "€25,000"},
		{3e9, ptr(5e9), "EUR", "en", "€3–5bn"},
		{3e9, ptr(5e9), "EUR", "fr", "3–5" + nb + "Md€"},
		{500e6, ptr(3e9), "EUR", "en", "€500m–€3bn"},
		{20e9, nil, "CHF", "en", "CHF" + nb + "20bn"},
		{20e9, nil, "CHF", "fr", "20" + nb + "Md" + nb + "CHF"},
		{-2e9, nil, "GBP", "en", "£−2bn"},
		{100000, nil, "chips", "fr", "100" + nnb + "000"},
		{100000, nil, "chips", "en", "100,000"},
		{1234567.891, nil, "chips", "en", "1,234,567.891"},
		{1.4, nil, "GW", "fr", "1,4"},
		{1.4, nil, "GW", "en", "1.4"},
		{0.30000000000000004, nil, "GW", "en", "0.3"},
		{4, ptr(5), "gigafactories", "fr", "4–5"},
		{35, nil, "percent", "en", "35%"},
		{35, nil, "percent", "fr", "35" + nb + "%"},
		{17, ptr(30), "percent", "en", "17–30%"},
		{0.00012, nil, "m", "en", "1.20e-04"},
		{0.00012, nil, "m", "fr", "1,20e-04"},
		{0, nil, "jobs", "en", "0"},
		{76, nil, "proposals", "de", "76"},
		{1000, nil, "proposals", "de", "1,000"},
		{math.NaN(), nil, "EUR", "en", "€—"},
		{math.Inf(1), nil, "jobs", "fr", "—"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.value, tt.valueMax, tt.unit, tt.lang); got != tt.want {
			t.Errorf("formatValue(%v, %v, %q, %q) = %q, want %q", tt.value, tt.valueMax, tt.unit, tt.lang, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		t          time.Time
		text, date string
	}{
		{time.Date(2025, 7, 3, 6, 0, 0, 0, time.UTC), "3 Jul 2025", "2025-07-03"},
		// Shown in UTC, as stored: late evening in New York is the next day.
		{time.Date(2025, 6, 30, 22, 0, 0, 0, time.FixedZone("EDT", -4*3600)), "1 Jul 2025", "2025-07-01"},
		{time.Time{}, "undated", ""},
	}
	for _, tt := range tests {
		if got := formatDate(tt.t); got != tt.text {
			t.Errorf("formatDate(%v) = %q, want %q", tt.t, got, tt.text)
		}
		if got := isoDate(tt.t); got != tt.date {
			t.Errorf("isoDate(%v) = %q, want %q", tt.t, got, tt.date)
		}
	}
}
