package article

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestParagraphs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<p>Un <b>deux</b>\n trois.</p><p>Quatre</p>", "Un deux trois.|Quatre"},
		{"<div>Ligne un<br>ligne deux<br><br>trois</div>", "Ligne un|ligne deux|trois"},
		{"<ul><li>a</li><li>b <i>c</i></li></ul>", "a|b c"},
		{"<table><tr><th>Pays</th><th>MW</th></tr><tr><td>France</td><td>1 200</td></tr></table>", "Pays | MW|France | 1 200"},
		{"<p>Texte<script>var x = 1;</script><style>p{}</style> visible</p><button>Partager</button>", "Texte visible"},
		{"<h2>Sous-titre</h2><blockquote>Citation</blockquote>", "Sous-titre|Citation"},
		{"<p>\u00a0 espaces\u202finsécables </p>", "espaces insécables"},
	} {
		root, err := html.Parse(strings.NewReader(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(paragraphs(root), "|"); got != tc.want {
			t.Errorf("paragraphs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := paragraphs(nil); got != nil {
		t.Errorf("paragraphs(nil) = %q", got)
	}
}

func TestCleanParagraphs(t *testing.T) {
	long := "Le centre de données consommera 120 mégawatts, soit autant qu’une ville de taille moyenne, selon le dossier déposé en préfecture."
	long2 := "Les travaux doivent commencer au printemps et durer dix-huit mois, avec une mise en service prévue fin 2027 si tout va bien."
	for _, tc := range []struct {
		name   string
		in     []string
		author string
		want   []string
	}{
		{"headline and kicker dropped", []string{"Énergie", "Le titre", long}, "", []string{long}},
		{"menu lines before the headline", []string{"Accueil", "Dossiers", "Contact", "Le titre", long}, "", []string{long}},
		{"headline not found keeps text", []string{"Autre chose", long}, "", []string{"Autre chose", long}},
		{"byline and dateline", []string{"Par Jeanne Dupont", "Publié le 3 mars 2025 à 10h15", long}, "Jeanne Dupont", []string{long}},
		{"english byline", []string{"By Jane Roe | July 1, 2025", long}, "", []string{long}},
		{"first sentence with a date is kept", []string{"Irish officials on 12 June 2025 published draft rules that would require new data centres to store power.", long}, "", []string{"Irish officials on 12 June 2025 published draft rules that would require new data centres to store power.", long}},
		{"ad labels and teasers", []string{long, "Publicité", "Lire aussi : Les centres de données, nouveaux ogres", "ADVERTISEMENT", long2}, "", []string{long, long2}},
		{"repeated and re-concatenated", []string{long, long2, long, long + long2}, "", []string{long, long2}},
		{"pull quote", []string{long, "« consommera 120 mégawatts, soit autant qu’une ville »", long2}, "", []string{long, long2}},
		{"trailing prompt and contact", []string{long, long2, "Media contact: press@example.com", "Partager :"}, "", []string{long, long2}},
		{"print note", []string{long, long2, "Cet article a d’abord été publié dans notre édition du lundi."}, "", []string{long, long2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cleanParagraphs(tc.in, tc.author, "Le titre")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("cleanParagraphs = %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestBodyParagraphs(t *testing.T) {
	if got := bodyParagraphs("  Un.\n\n\nDeux   trois.\r\nQuatre.  "); got != "Un.\n\nDeux trois.\n\nQuatre." {
		t.Errorf("bodyParagraphs = %q", got)
	}
}

func TestDropRepeatedTitle(t *testing.T) {
	tests := []struct {
		name, title, text, want string
	}{
		{"repeated", "76 proposals for AI gigafactories", "76 proposals for AI gigafactories\n\nThe Commission counted them.", "The Commission counted them."},
		{"case, spacing and final stop aside", "76 propositions pour les giga-usines", "76  Propositions pour les giga-usines.\n\n\nLa Commission les a comptées.", "La Commission les a comptées."},
		{"another first paragraph", "76 proposals", "The Commission counted 76 proposals.\n\nMore follows.", "The Commission counted 76 proposals.\n\nMore follows."},
		{"the headline is all the text", "76 proposals", "76 proposals", "76 proposals"},
		{"no title", "", "\n\nText.", "\n\nText."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropRepeatedTitle(tt.title, tt.text); got != tt.want {
				t.Errorf("dropRepeatedTitle(): text %q, want %q", got, tt.want)
			}
		})
	}
}
