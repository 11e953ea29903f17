package indexertest

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/claimwire/claimwire"
)

// Claims reads a JSON list of claims, a fixture of indexer/testdata.
func Claims(t testing.TB, path string) []claimwire.Claim {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cs []claimwire.Claim
	if err := json.Unmarshal(data, &cs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cs
}
