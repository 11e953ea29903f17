package article

import (
	"encoding/json"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	f := os.Getenv("SCRATCH")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	a, err := Parse(b, os.Getenv("CT"), "https://tribune-num.example/tech/gigafactories-ia-europe?xtor=RSS-1")
	j, _ := json.MarshalIndent(a, "", "  ")
	t.Logf("%s\nerr=%v", j, err)
}
