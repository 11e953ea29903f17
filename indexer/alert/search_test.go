package alert

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDecodeValidates(t *testing.T) {
	for _, tt := range []struct {
		name, def string
		err       string // a part of the error; "" when valid
	}{
		{"query and filters", `{"name":"Giga","q":"gigafactory proposals","lang":["en","fr"],"unit":["proposals"],"min":50,"max":200,"from":"2025-01-01","to":"2025-12-31"}`, ""},
		{"fact only", `{"name":"Magdeburg","fact":"0123abcd"}`, ""},
		{"every claim, to a webhook and a subject", `{"id":"all-claims","name":"All","webhook":{"url":"https://desk.example/hook"},"subject":"newsroom.alerts.all"}`, ""},
		{"secret given", `{"name":"x","webhook":{"url":"http://10.0.0.1:8080/h","secret":"0123456789abcdef"}}`, ""},
		{"name missing", `{"q":"chips"}`, "name is required"},
		{"blank name", `{"name":"  "}`, "name is required"},
		{"control character in name", "{\"name\":\"a\\u0007b\"}", "control characters"},
		{"unknown field", `{"name":"x","unti":["EUR"]}`, "unknown field"},
		{"not an object", `["name"]`, "not a JSON object"},
		{"two objects", `{"name":"x"} {"name":"y"}`, "data after"},
		{"bad id", `{"id":"Has Spaces","name":"x"}`, "id"},
		{"min above max", `{"name":"x","min":5,"max":1}`, "above max"},
		{"bad from", `{"name":"x","from":"yesterday"}`, "from must be a date"},
		{"from after to", `{"name":"x","from":"2025-02-01","to":"2025-01-01"}`, "before to"},
		{"empty filter value", `{"name":"x","unit":[""]}`, "empty value"},
		{"too many values", `{"name":"x","site":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u"]}`, "at most 20"},
		{"bad fact", `{"name":"x","fact":"a b"}`, "not a fact id"},
		{"webhook not http", `{"name":"x","webhook":{"url":"ftp://x.example/"}}`, "absolute http"},
		{"webhook relative", `{"name":"x","webhook":{"url":"/hook"}}`, "absolute http"},
		{"webhook with password", `{"name":"x","webhook":{"url":"https://u:p@x.example/"}}`, "no user"},
		{"short secret", `{"name":"x","webhook":{"url":"https://x.example/","secret":"short"}}`, "webhook.secret"},
		{"wildcard subject", `{"name":"x","subject":"news.>"}`, "no wildcards"},
		{"empty subject token", `{"name":"x","subject":"news..alerts"}`, "no wildcards"},
		{"pipeline subject", `{"name":"x","subject":"claimwire.claims"}`, "pipeline's own"},
		{"pipeline subject in capitals", `{"name":"x","subject":"ClaimWire.alerts.x"}`, "pipeline's own"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.def))
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.err != "" && err == nil:
				t.Fatalf("accepted, want an error with %q", tt.err)
			case tt.err != "" && (!strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrInvalid)):
				t.Fatalf("error %q, want ErrInvalid with %q", err, tt.err)
			}
		})
	}
}

func TestDecodeRefusesLargeDefinitions(t *testing.T) {
	def := `{"name":"x","q":"` + strings.Repeat("a", MaxDefinitionBytes) + `"}`
	if _, err := Decode(strings.NewReader(def)); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}

func TestPrepareAndPublic(t *testing.T) {
	s, err := Decode(strings.NewReader(`{"name":"x","webhook":{"url":"https://x.example/"}}`))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.FixedZone("CEST", 7200))
	s.Prepare(now)
	if err := s.Validate(); err != nil {
		t.Fatalf("a prepared search is invalid: %v", err)
	}
	if len(s.Webhook.Secret) < minSecret || s.ID == "" || !s.Created.Equal(now) || s.Created.Location() != time.UTC {
		t.Fatalf("prepared = %+v", s)
	}
	other := s
	other.ID, other.Webhook = "", &Webhook{URL: s.Webhook.URL}
	other.Prepare(now)
	if other.ID == s.ID || other.Webhook.Secret == s.Webhook.Secret {
		t.Fatal("two searches got the same id or secret")
	}
	pub := s.Public()
	if pub.Webhook.Secret != "" || pub.Webhook.URL != s.Webhook.URL || s.Webhook.Secret == "" {
		t.Fatalf("public = %+v, original secret %q", pub.Webhook, s.Webhook.Secret)
	}
}

func TestQueryMeansTheAPIsParameters(t *testing.T) {
	s, err := Decode(strings.NewReader(`{"name":"x","q":"puces","lang":["fr"],"min":1,"from":"2025-01-01","to":"2025-01-31","fact":"f1"}`))
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.Query()
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC) // to includes its whole day, as in /api/claims
	if q.Q != "puces" || q.Lang[0] != "fr" || *q.Min != 1 || !q.From.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) ||
		!q.To.Equal(want) || len(q.Facts) != 1 || q.Facts[0] != "f1" {
		t.Fatalf("query = %+v", q)
	}
}

// FuzzDecode: no definition panics the decoder, and one it accepts stays valid and the same
// through its own JSON (as the store keeps it).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"name":"Giga","q":"gigafactory","lang":["en"],"min":1,"max":2,"from":"2025-01-01","to":"2025-02-01"}`,
		`{"id":"a-1","name":"x","fact":"abc","webhook":{"url":"https://x.example/h","secret":"0123456789abcdef"},"subject":"a.b"}`,
		`{"name":"x","min":1e999}`, `{"name":"\u0000"}`, `{}`, `null`, `[`, `{"name":"x","to":"2025-13-01"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error without ErrInvalid: %v", err)
			}
			return
		}
		if _, err := s.Query(); err != nil {
			t.Fatalf("accepted definition has no query: %v", err)
		}
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var again Search
		if err := json.Unmarshal(enc, &again); err != nil {
			t.Fatal(err)
		}
		if err := again.Validate(); err != nil {
			t.Fatalf("stored definition %s no longer valid: %v", enc, err)
		}
		if enc2, _ := json.Marshal(again); !bytes.Equal(enc, enc2) {
			t.Fatalf("definition changed through JSON: %s then %s", enc, enc2)
		}
	})
}
