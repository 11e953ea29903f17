package alert

import (
	"fmt"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/indexertest"
)

// copies returns n copies of the fixture claims and the fact fixtures, each set with its own ids
// and articles.
func copies(b *testing.B, n int) [][]claimwire.Claim {
	fixture := append(indexertest.Claims(b, "../testdata/claims.json"), indexertest.Claims(b, "../testdata/facts.json")...)
	out := make([][]claimwire.Claim, n)
	for i := range out {
		for _, c := range fixture {
			c.ID = fmt.Sprintf("%s-%d", c.ID, i)
			c.URL = fmt.Sprintf("%s/%d", c.URL, i)
			out[i] = append(out[i], c)
		}
	}
	return out
}

// BenchmarkMatch is the work alerts add to each batch the indexer writes: ten saved searches
// matched against a batch of 900 claims in an index of 3,600.
func BenchmarkMatch(b *testing.B) {
	ix, err := indexer.Open(b.TempDir(), indexer.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	sets := copies(b, 200)
	var batch []claimwire.Claim
	for i, set := range sets {
		if i < 150 {
			if err := ix.Index(b.Context(), set); err != nil {
				b.Fatal(err)
			}
		} else {
			batch = append(batch, set...)
		}
	}
	if err := ix.Index(b.Context(), batch); err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(batch))
	for i := range batch {
		ids[i] = batch[i].ID
	}
	searches := []Search{
		{ID: "a", Name: "a", Q: "gigafactory proposals"}, {ID: "b", Name: "b", Q: "puces"},
		{ID: "c", Name: "c", Unit: []string{"EUR"}}, {ID: "d", Name: "d", Q: "Magdeburg", Lang: []string{"en"}},
		{ID: "e", Name: "e", Fact: "m01-160"}, {ID: "f", Name: "f", Q: "data centre"},
		{ID: "g", Name: "g", Q: "chips OR puces"}, {ID: "h", Name: "h", Metric: []string{"ai-gigafactories/proposals"}},
		{ID: "i", Name: "i", Q: "investment"}, {ID: "j", Name: "j", Q: "nuclear power"},
	}
	b.ResetTimer()
	var events int
	for b.Loop() {
		ev, _, err := Match(b.Context(), ix, searches, ids, nil, matchTime)
		if err != nil {
			b.Fatal(err)
		}
		events = len(ev)
	}
	b.ReportMetric(float64(events), "events/batch")
}
