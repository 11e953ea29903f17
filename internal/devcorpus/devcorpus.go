// Package devcorpus reads the shared corpus of real, hand-annotated news (../shared/corpus/dev
// and ../shared/corpus/seeds, described in its README) for the tests that measure claimwire on
// it. The corpus is read in place and never copied into the project.
package devcorpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"
)

// Article is a line of meta.jsonl with its text.
type Article struct {
	Name      string `json:"article"`
	URL       string `json:"url"`
	Site      string `json:"site"`
	Lang      string `json:"lang"`
	Title     string `json:"title"`
	Published string `json:"published"`
	OnTopic   bool   `json:"on_topic"`
	Text      string `json:"-"`
}

// PublishedTime is the article's publication date, zero when the text gives none.
func (a *Article) PublishedTime() time.Time {
	t, err := time.Parse(time.DateOnly, a.Published)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Row is a line of gold.jsonl: one annotated quantity.
type Row struct {
	Article   string   `json:"article"`
	Surface   string   `json:"surface"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Metric    string   `json:"metric"`
	Fact      string   `json:"fact"`
	// Role is "boilerplate" or "neutral" for quantities neither owed nor held against.
	Role string `json:"role"`
}

// Conflict is an entry of conflicts.json: a fact stated with different values.
type Conflict struct {
	Fact   string `json:"fact"`
	Metric string `json:"metric"`
	Mild   bool   `json:"mild"`
	Values []struct {
		Value     float64  `json:"value"`
		ValueMax  *float64 `json:"value_max"`
		Qualifier string   `json:"qualifier"`
		Unit      string   `json:"unit"`
		Articles  []string `json:"articles"`
	} `json:"values"`
}

// Set is one folder of the dev corpus (energy, chips).
type Set struct {
	Name      string
	Articles  []Article
	Gold      []Row
	Conflicts []Conflict
}

// ErrAbsent says the corpus is not where it was looked for: tests skip on it.
var ErrAbsent = errors.New("devcorpus: corpus not found")

// Load reads every set of the dev corpus under root (../shared/corpus/dev from the repository).
func Load(root string) ([]Set, error) {
	dirs, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s", ErrAbsent, root)
	}
	if err != nil {
		return nil, fmt.Errorf("devcorpus: %w", err)
	}
	var sets []Set
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		s, err := loadSet(filepath.Join(root, d.Name()))
		if err != nil {
			return nil, err
		}
		s.Name = d.Name()
		sets = append(sets, s)
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("%w: no set under %s", ErrAbsent, root)
	}
	return sets, nil
}

func loadSet(dir string) (Set, error) {
	var s Set
	if err := readLines(filepath.Join(dir, "meta.jsonl"), func(a Article) { s.Articles = append(s.Articles, a) }); err != nil {
		return s, err
	}
	for i := range s.Articles {
		text, err := os.ReadFile(filepath.Join(dir, s.Articles[i].Name))
		if err != nil {
			return s, fmt.Errorf("devcorpus: %w", err)
		}
		s.Articles[i].Text = string(text)
	}
	if err := readLines(filepath.Join(dir, "gold.jsonl"), func(r Row) { s.Gold = append(s.Gold, r) }); err != nil {
		return s, err
	}
	data, err := os.ReadFile(filepath.Join(dir, "conflicts.json"))
	if err != nil {
		return s, fmt.Errorf("devcorpus: %w", err)
	}
	if err := json.Unmarshal(data, &s.Conflicts); err != nil {
		return s, fmt.Errorf("devcorpus: %s: %w", dir, err)
	}
	return s, nil
}

// seedsGap is how far apart, as a share of the larger, two values of one seeds metric are to
// count as a conflict: "20 milliards d'euros" and "5 milliards", 76 and 160, but not $500 bn and
// its €480 bn conversion.
const seedsGap = 0.1

// LoadSeeds reads the five French seed texts (../shared/corpus/seeds) as one Set. Their gold rows
// have no fact ids: the metric ("proposals received for EU AI gigafactories") stands for one, and
// a metric whose values differ by more than seedsGap is a conflict. The texts are captures, page
// furniture included, without titles or dates.
func LoadSeeds(root string) ([]Set, error) {
	s, err := loadSeeds(root)
	if err != nil {
		return nil, err
	}
	return []Set{s}, nil
}

func loadSeeds(root string) (Set, error) {
	s := Set{Name: "seeds"}
	names, err := filepath.Glob(filepath.Join(root, "*.txt"))
	if err != nil {
		return s, fmt.Errorf("devcorpus: %w", err)
	}
	if len(names) == 0 {
		return s, fmt.Errorf("%w: no text under %s", ErrAbsent, root)
	}
	for _, n := range names {
		text, err := os.ReadFile(n)
		if err != nil {
			return s, fmt.Errorf("devcorpus: %w", err)
		}
		name := filepath.Base(n)
		s.Articles = append(s.Articles, Article{Name: name, URL: "https://seeds.invalid/" + name, Site: name, Lang: "fr", OnTopic: true, Text: string(text)})
	}
	values := make(map[string][]float64)
	var order []string
	err = readLines(filepath.Join(root, "gold.jsonl"), func(r Row) {
		r.Fact = r.Metric
		s.Gold = append(s.Gold, r)
		if r.Role != "" {
			return
		}
		if values[r.Fact] == nil {
			order = append(order, r.Fact)
		}
		values[r.Fact] = append(values[r.Fact], r.Value)
	})
	if err != nil {
		return s, err
	}
	for _, f := range order {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range values[f] {
			lo, hi = min(lo, v), max(hi, v)
		}
		if hi-lo > seedsGap*math.Abs(hi) {
			s.Conflicts = append(s.Conflicts, Conflict{Fact: f, Metric: f})
		}
	}
	return s, nil
}

func readLines[T any](name string, add func(T)) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("devcorpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("devcorpus: %s:%d: %w", name, n, err)
		}
		add(v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("devcorpus: %s: %w", name, err)
	}
	return nil
}

// Match pairs found quantities (start, end, value, value max) with an article's gold rows as
// score-claims does: spans overlap and values agree, one to one, in the order found. It returns,
// for each found quantity, the index in rows of its row, or -1.
func Match(rows []Row, n int, span func(i int) (start, end int, value float64, valueMax *float64)) []int {
	used := make([]bool, len(rows))
	out := make([]int, n)
	for i := range out {
		out[i] = -1
		start, end, v, vmax := span(i)
		for j, g := range rows {
			if used[j] || !(start < g.End && g.Start < end) {
				continue
			}
			if closeValue(v, g.Value) && (g.ValueMax == nil || vmax != nil && closeValue(*vmax, *g.ValueMax)) {
				used[j], out[i] = true, j
				break
			}
		}
	}
	return out
}

// closeValue compares values like score-claims: within a relative 1e-6.
func closeValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
