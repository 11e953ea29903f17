package article

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSharedCorpus runs the language detector and the written-date finder on the real French
// news texts of ../shared/corpus (read, never copied into the project).
func TestSharedCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Skip("../shared/corpus/seeds not found: real-text checks skipped")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := detectLanguage(string(b)); got != "fr" {
			t.Errorf("%s: language %q, want fr", filepath.Base(f), got)
		}
		d, pos, ok := findTextDate(string(b), localeOf("fr"))
		t.Logf("%s: first written date %v (found %v at byte %d)", filepath.Base(f), d.Format("2006-01-02"), ok, pos)
	}
}
