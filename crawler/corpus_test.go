package crawler

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the shared corpus of real French articles, outside the repository (see its
// README); tests that read it skip where it is absent.
var corpusDir = filepath.Join("..", "..", "shared", "corpus", "seeds")

// TestTopicsOnCorpus checks the default topic rules on real articles about AI gigafactories:
// every one of them is on topic.
func TestTopicsOnCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("shared corpus not found at %s", corpusDir)
	}
	m := newTopicMatcher(DefaultTopics())
	m.minMatches = 1 << 30 // count every match
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, n := m.matches(string(data))
		t.Logf("%s: %d keyword matches", filepath.Base(f), n)
		if n < DefaultTopics().MinMatches {
			t.Errorf("%s: %d matches, below the default threshold %d", filepath.Base(f), n, DefaultTopics().MinMatches)
		}
	}
}
