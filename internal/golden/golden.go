// Package golden compares test output with golden files under testdata/, and rewrites them
// when a test runs with -update.
package golden

import (
	"bytes"
	"os"
	"testing"
)

// Compare fails t unless got equals the file at path; with update it writes got there instead.
func Compare(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s\nwant\n%s", path, got, want)
	}
}
