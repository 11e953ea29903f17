package indexer

import (
	"testing"
)

func TestHighlight(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct {
		name, q, sentence, lang, want string
	}{
		{"stemmed french word and accents", "electricite", "La part de l'électricité grimpe.", "fr",
			"La part de <mark>l&#39;électricité</mark> grimpe."},
		{"translation", "chips", "Le site accueillera 100 000 puces.", "fr",
			"Le site accueillera 100 000 <mark>puces</mark>."},
		{"english stem", "investors", "The investor said it would invest more.", "en",
			"The <mark>investor</mark> said it would invest more."},
		{"html escaped", "campus", "Le <campus> & co", "fr", "Le &lt;<mark>campus</mark>&gt; &amp; co"},
		{"fuzzy", "gigafactary~1", "The gigafactory opens.", "en", "The <mark>gigafactory</mark> opens."},
		{"wildcard", "terawatt*", "It uses five terawatt-hours.", "en", "It uses five <mark>terawatt</mark>-hours."},
		{"negated terms not marked", "campus -power", "The campus power line.", "en", "The <mark>campus</mark> power line."},
		{"ligature folded", "oeuvre", "Une œuvre majeure.", "fr", "Une <mark>œuvre</mark> majeure."},
		{"no match", "zeppelin", "Nothing here.", "en", ""},
		{"field filter only", "unit:EUR", "Nothing marked.", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pq, err := parseQueryString(tt.q, ix.ta, ix.translations, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := pq.hl.highlight(ix.ta, tt.sentence, tt.lang); got != tt.want {
				t.Errorf("highlight =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestWithinDistance(t *testing.T) {
	tests := []struct {
		a, b string
		d    int
		want bool
	}{
		{"chip", "chip", 0, true},
		{"chip", "chop", 1, true},
		{"chip", "cheap", 1, false},
		{"chip", "cheap", 2, true},
		{"données", "donnees", 1, true},
		{"", "ab", 2, true},
		{"", "abc", 2, false},
	}
	for _, tt := range tests {
		if got := withinDistance(tt.a, tt.b, tt.d); got != tt.want {
			t.Errorf("withinDistance(%q, %q, %d) = %v, want %v", tt.a, tt.b, tt.d, got, tt.want)
		}
	}
}
