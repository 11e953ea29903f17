package web

import (
	"flag"
	"os"
	"testing"

	"github.com/claimwire/claimwire/indexer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// tempDirs holds the test index's directory, removed when the tests end.
var tempDirs []string

func osMkdirTemp() (string, error) {
	d, err := os.MkdirTemp("", "claimwire-web-test-")
	if err == nil {
		tempDirs = append(tempDirs, d)
	}
	return d, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, open := range []func() (*indexer.Index, error){testIndex, factIndex} {
		if ix, err := open(); err == nil && ix != nil {
			ix.Close()
		}
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
