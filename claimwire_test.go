package claimwire

import (
	"encoding/json"
	"testing"
	"time"
)

func TestClaimIDsAreStable(t *testing.T) {
	a := Article{URL: "https://news.example.com/a", Site: "news.example.com", Title: "T", Text: "x",
		Published: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)}
	a.ContentHash = a.ComputeContentHash()
	q := Quantity{Surface: "76 propositions", Sentence: "Bruxelles a reçu 76 propositions.", Value: 76, Unit: "proposals"}
	first := NewClaims(&a, []Quantity{q, q})
	if first[0].ID == first[1].ID {
		t.Fatal("the same surface twice in one sentence got one id")
	}
	// A new version of the article, with the quantity at another offset, keeps the claim's id.
	b := a
	b.Text = "y"
	b.ContentHash = b.ComputeContentHash()
	moved := q
	moved.Start, moved.End = 100, 115
	again := NewClaims(&b, []Quantity{moved})
	if again[0].ID != first[0].ID {
		t.Error("claim id changed with the article version or offsets")
	}
	if a.MsgID() == b.MsgID() {
		t.Error("two versions of an article share a message id")
	}
	other := a
	other.URL = "https://other.example.org/a"
	if NewClaims(&other, []Quantity{q})[0].ID == first[0].ID {
		t.Error("two articles share a claim id")
	}
	c := first[0]
	if c.Version != SchemaVersion || c.URL != a.URL || c.Title != "T" || !c.Published.Equal(a.Published) {
		t.Errorf("claim does not carry its article: %+v", c)
	}
}

func TestClaimJSONIsFlat(t *testing.T) {
	max := 5.0
	c := NewClaims(&Article{URL: "https://x.example/"}, []Quantity{{Surface: "4 ou 5", Value: 4, ValueMax: &max, Qualifier: QualifierRange}})[0]
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"v", "id", "surface", "value", "value_max", "qualifier", "url"} {
		if _, ok := m[k]; !ok {
			t.Errorf("claim JSON lacks %q: %s", k, data)
		}
	}
	if _, ok := m["published"]; ok {
		t.Errorf("zero published date is not omitted: %s", data)
	}
}
