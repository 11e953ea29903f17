package web

import (
	"errors"
	"net/url"
	"reflect"
	"testing"
	"time"
)

func TestParseSearchParams(t *testing.T) {
	tests := []struct {
		query   string
		want    string // canonical query string
		page    int
		wantErr string
	}{
		{query: "", want: ""},
		{query: "q=+puces+&lang=fr", want: "lang=fr&q=puces"},
		{query: "unit=EUR,USD&unit=GW&unit=EUR", want: "unit=EUR&unit=USD&unit=GW"},
		{query: "min=&max=&from=&to=&sort=&q=", want: ""},
		{query: "min=1e9&max=2.5e9&from=2025-01-01&to=2025-06-30&sort=-value", want: "from=2025-01-01&max=2.5e9&min=1e9&sort=-value&to=2025-06-30"},
		{query: "page=3&q=x", want: "q=x", page: 3},
		{query: "utm_source=feed&q=x", want: "q=x"},
		{query: "sort=relevance", want: ""},
		{query: "min=lots", wantErr: `min must be a number, not "lots"`},
		{query: "min=NaN", wantErr: `min must be a number, not "NaN"`},
		{query: "to=30/06/2025", wantErr: `to must be a date such as 2025-06-30, not "30/06/2025"`},
		{query: "sort=price", wantErr: `unknown sort order "price"`},
		{query: "page=0", wantErr: "page must be a number from 1 to 500"},
		{query: "page=501", wantErr: "page must be a number from 1 to 500"},
	}
	for _, tt := range tests {
		v, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parseSearchParams(v)
		if tt.wantErr != "" {
			if !errors.Is(err, errParam) || userMessage(err) != tt.wantErr {
				t.Errorf("parse(%q) error = %v, want %q", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("parse(%q): %v", tt.query, err)
			continue
		}
		if got := p.values().Encode(); got != tt.want {
			t.Errorf("parse(%q) = %q, want %q", tt.query, got, tt.want)
		}
		if want := max(tt.page, 1); p.Page != want {
			t.Errorf("parse(%q).Page = %d, want %d", tt.query, p.Page, want)
		}
	}
}

func TestSearchParamsQuery(t *testing.T) {
	v, _ := url.ParseQuery("q=gpu&lang=fr&unit=EUR&metric=m&site=a.test&min=1&max=2&from=2025-01-01&to=2025-01-31&sort=date&page=2")
	p, err := parseSearchParams(v)
	if err != nil {
		t.Fatal(err)
	}
	q := p.query()
	if q.Q != "gpu" || !reflect.DeepEqual(q.Lang, []string{"fr"}) || !reflect.DeepEqual(q.Unit, []string{"EUR"}) ||
		!reflect.DeepEqual(q.Metric, []string{"m"}) || !reflect.DeepEqual(q.Site, []string{"a.test"}) ||
		*q.Min != 1 || *q.Max != 2 || q.Sort != "date" || q.Page != 2 || q.Size != pageSize || !q.Facets {
		t.Errorf("query = %+v", q)
	}
	// The upper date bound includes its whole day.
	if !q.From.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) || !q.To.Equal(time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dates %v – %v", q.From, q.To)
	}
	if got, want := p.pageURL(3), "/?from=2025-01-01&lang=fr&max=2&metric=m&min=1&page=3&q=gpu&site=a.test&sort=date&to=2025-01-31&unit=EUR"; got != want {
		t.Errorf("pageURL(3) = %s, want %s", got, want)
	}
	if got := (&searchParams{}).pageURL(1); got != "/" {
		t.Errorf("pageURL of nothing = %s", got)
	}
}

// FuzzParseSearchParams checks that any query string is either refused with a reason or
// parsed into a canonical form that parses back to itself.
func FuzzParseSearchParams(f *testing.F) {
	f.Add("q=puces&lang=fr&unit=EUR,USD&min=1e9&from=2025-01-01&page=2")
	f.Add("min=-0&max=+Inf&sort=-date")
	f.Add("to=2025-02-29&q=%00%FF")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p, err := parseSearchParams(v)
		if err != nil {
			if !errors.Is(err, errParam) {
				t.Fatalf("error %v does not wrap errParam", err)
			}
			return
		}
		canon := p.values().Encode()
		again, err := parseSearchParams(p.values())
		if err != nil {
			t.Fatalf("canonical %q does not parse: %v", canon, err)
		}
		if got := again.values().Encode(); got != canon {
			t.Fatalf("canonical form not stable: %q then %q", canon, got)
		}
		_ = p.query()
	})
}
