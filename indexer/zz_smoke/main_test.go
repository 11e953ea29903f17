package smoke

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/api"
)

func TestSmoke(t *testing.T) {
	data, _ := os.ReadFile("/work/main/indexer/testdata/claims.json")
	var cs []claimwire.Claim
	if err := json.Unmarshal(data, &cs); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Index(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(ix, nil))
	defer srv.Close()
	for _, p := range []string{"/api/claims?q=" + url.QueryEscape("gigafactory proposals"), "/api/claims?q=puces", "/api/claims?q=" + url.QueryEscape("unit:EUR value:>1000000000") + "&facets=1", "/api/claims/c01", "/api/claims/c01/jsonld", "/api/conflicts", "/api/metrics", "/api/claims?q=foo:bar", "/api/claims?q=a*", "/api/claims.csv?q=campus"} {
		resp, err := srv.Client().Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) > 3000 {
			b = b[:3000]
		}
		fmt.Printf("== %s %d\n%s\n", p, resp.StatusCode, b)
	}
}
