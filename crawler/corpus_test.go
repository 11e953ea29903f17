package crawler

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real news, outside the repository (see its README); tests
// that read it skip where it is absent.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// topicCase is one article for the topic filter, with whether it is on topic.
type topicCase struct {
	name, title, text string
	on                bool
}

// devTopicCases reads the on- and off-topic articles of the dev corpus, as the crawler sees
// them: title and text.
func devTopicCases(t *testing.T) []topicCase {
	t.Helper()
	var cases []topicCase
	for _, slice := range []string{"energy", "chips"} {
		dir := filepath.Join(corpusDir, "dev", slice)
		f, err := os.Open(filepath.Join(dir, "meta.jsonl"))
		if os.IsNotExist(err) {
			t.Skipf("dev corpus not found at %s (see the project README): topic filter not measured on real news", dir)
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var m struct {
				Article string `json:"article"`
				Title   string `json:"title"`
				OnTopic bool   `json:"on_topic"`
			}
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("%s: %v", f.Name(), err)
			}
			text, err := os.ReadFile(filepath.Join(dir, m.Article))
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, topicCase{name: slice + "/" + m.Article, title: m.Title, text: string(text), on: m.OnTopic})
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	// The seeds are real articles on AI gigafactories, all on topic.
	seeds, _ := filepath.Glob(filepath.Join(corpusDir, "seeds", "*.txt"))
	for _, p := range seeds {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, topicCase{name: "seeds/" + filepath.Base(p), text: string(text), on: true})
	}
	return cases
}

// ownTopicCases reads testdata/topics/{on,off}/*.txt: a title line, a blank line, the text.
func ownTopicCases(t *testing.T) []topicCase {
	t.Helper()
	var cases []topicCase
	for _, on := range []bool{true, false} {
		dir := map[bool]string{true: "on", false: "off"}[on]
		files, err := filepath.Glob(filepath.Join("testdata", "topics", dir, "*.txt"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no topic cases in testdata/topics/%s: %v", dir, err)
		}
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			title, text, _ := strings.Cut(string(data), "\n\n")
			cases = append(cases, topicCase{name: dir + "/" + filepath.Base(p), title: title, text: text, on: on})
		}
	}
	return cases
}

// topicRates judges cases and returns the share of on-topic ones kept and off-topic ones
// dropped, logging each score, and the lowest on-topic and highest off-topic scores: the
// threshold belongs between them.
func topicRates(t *testing.T, m *topicMatcher, cases []topicCase) (kept, dropped, lowestOn, highestOff float64) {
	t.Helper()
	var on, off, keptN, droppedN int
	lowestOn = math.Inf(1)
	for _, c := range cases {
		v := m.judge(c.title, c.text)
		mark := ""
		if v.on != c.on {
			mark = "  <-- wrong"
		}
		t.Logf("%-40s on_topic=%-5v score=%5.1f kept=%v%s", c.name, c.on, v.score, v.on, mark)
		if c.on {
			on++
			lowestOn = min(lowestOn, v.score)
			if v.on {
				keptN++
			}
		} else {
			off++
			highestOff = max(highestOff, v.score)
			if !v.on {
				droppedN++
			}
		}
	}
	return float64(keptN) / float64(max(on, 1)), float64(droppedN) / float64(max(off, 1)), lowestOn, highestOff
}

// TestTopicsOwnCases holds the filter to the project's own cases: near misses that must be
// dropped (potato chips, a flea market, a battery gigafactory, a nuclear outage) and on-topic
// news spelled unlike the corpus (spelled-out "Intelligence Artificielle", language-model
// consortia, a one-line brief). Every one must be judged right.
func TestTopicsOwnCases(t *testing.T) {
	m, err := newTopicMatcher(DefaultTopics())
	if err != nil {
		t.Fatal(err)
	}
	if kept, dropped, _, _ := topicRates(t, m, ownTopicCases(t)); kept < 1 || dropped < 1 {
		t.Errorf("own cases: %.0f%% on-topic kept, %.0f%% off-topic dropped; want all", 100*kept, 100*dropped)
	}
}

// TestTopicsOnCorpus measures the filter on real news, the dev corpus's on- and off-topic
// articles with the project's own off-topic cases: at least 98% of on-topic articles kept and
// 90% of off-topic ones dropped at the default threshold.
func TestTopicsOnCorpus(t *testing.T) {
	m, err := newTopicMatcher(DefaultTopics())
	if err != nil {
		t.Fatal(err)
	}
	cases := append(devTopicCases(t), ownTopicCases(t)...)
	kept, dropped, lowestOn, highestOff := topicRates(t, m, cases)
	t.Logf("threshold %v: %.1f%% of on-topic articles kept, %.1f%% of off-topic dropped; on-topic scores from %.1f, off-topic up to %.1f",
		m.threshold, 100*kept, 100*dropped, lowestOn, highestOff)
	if kept < 0.98 || dropped < 0.90 {
		t.Errorf("%.1f%% of on-topic articles kept (want ≥ 98%%), %.1f%% of off-topic dropped (want ≥ 90%%)", 100*kept, 100*dropped)
	}
}
