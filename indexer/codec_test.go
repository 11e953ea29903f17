package indexer

import (
	"encoding/json"
	"testing"
)

func testCodec(t testing.TB) *claimCodec {
	t.Helper()
	cc, err := newClaimCodec()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cc.close)
	return cc
}

func TestCodecRoundTrip(t *testing.T) {
	cc := testCodec(t)
	claims := append(fixtureClaims(t), newClaimGen(7).claims(50)...)
	var plain, packed int
	for i, c := range claims {
		r := record{Claim: c}
		if i%2 == 0 {
			r.Linkage = Linkage{Fact: "f" + c.ID, FactScore: 0.5, FactWhy: []string{"campus"}}
			r.Topic = []string{"campus", "~3"}
			r.Places, r.StoryYear = []string{"~france"}, 2025
			r.Marks = 5
		}
		b, err := cc.encode(&r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cc.decode(c.ID, b)
		if err != nil {
			t.Fatal(err)
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(r)
		if string(gj) != string(wj) {
			t.Fatalf("round trip =\n%s\nwant\n%s", gj, wj)
		}
		plain += len(wj)
		packed += len(b)
	}
	// The point of the codec is size: it must at least halve what zap would store alone.
	if packed*10 > plain*6 {
		t.Errorf("encoded %d bytes for %d of JSON, want at most 60%%", packed, plain)
	}
}

func TestCodecDecodeErrors(t *testing.T) {
	cc := testCodec(t)
	for _, b := range [][]byte{nil, []byte("x"), []byte("z\x00garbage"), []byte("{not json")} {
		if _, err := cc.decode("id", b); err == nil {
			t.Errorf("decode(%q) succeeded", b)
		}
	}
	c, err := cc.decode("id", []byte(`{"value":3,"unit":"MW"}`))
	if err != nil || c.ID != "id" || c.Value != 3 {
		t.Errorf("plain JSON decode = %+v, %v", c, err)
	}
}
