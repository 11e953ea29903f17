package article

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// frenchSample has every character the issue is about: é à ’ € œ and « ».
const frenchSample = "L’été dernier, l’œuvre a coûté 20 € à « Hélène »."

func encode(t *testing.T, s, enc string) []byte {
	t.Helper()
	var b []byte
	var err error
	switch enc {
	case "utf-8":
		return []byte(s)
	case "utf-8-bom":
		return append([]byte{0xEF, 0xBB, 0xBF}, s...)
	case "windows-1252":
		b, err = charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	case "iso-8859-15":
		b, err = charmap.ISO8859_15.NewEncoder().Bytes([]byte(strings.ReplaceAll(s, "’", "'")))
	case "utf-16le-bom":
		b, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	page := func(meta, s string) string {
		if meta != "" {
			meta = `<meta charset="` + meta + `">`
		}
		return "<html><head>" + meta + "</head><body><p>" + s + "</p></body></html>"
	}
	latin9 := strings.ReplaceAll(frenchSample, "’", "'")
	for _, tc := range []struct {
		name, enc, header, meta, want, wantName string
	}{
		{"utf-8 header", "utf-8", "text/html; charset=utf-8", "", frenchSample, "utf-8"},
		{"utf-8 sniffed", "utf-8", "text/html", "", frenchSample, "utf-8"},
		{"utf-8 BOM beats header and meta", "utf-8-bom", "text/html; charset=iso-8859-1", "windows-1252", frenchSample, "utf-8"},
		{"windows-1252 header", "windows-1252", "text/html; charset=windows-1252", "", frenchSample, "windows-1252"},
		{"iso-8859-1 label is windows-1252", "windows-1252", "text/html; charset=ISO-8859-1", "", frenchSample, "windows-1252"},
		{"windows-1252 meta only", "windows-1252", "text/html", "windows-1252", frenchSample, "windows-1252"},
		{"windows-1252 sniffed", "windows-1252", "", "", frenchSample, "windows-1252"},
		{"header beats meta", "windows-1252", "text/html; charset=windows-1252", "utf-8", frenchSample, "windows-1252"},
		{"iso-8859-15", "iso-8859-15", "text/html; charset=iso-8859-15", "", latin9, "iso-8859-15"},
		{"iso-8859-15 meta", "iso-8859-15", "text/html", "ISO-8859-15", latin9, "iso-8859-15"},
		{"utf-8 header on windows-1252 bytes", "windows-1252", "text/html; charset=utf-8", "", frenchSample, "windows-1252"},
		{"latin-1 header on utf-8 bytes", "utf-8", "text/html; charset=iso-8859-1", "iso-8859-1", frenchSample, "utf-8"},
		{"utf-16 BOM", "utf-16le-bom", "text/html", "", frenchSample, "utf-16le"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := encode(t, page(tc.meta, frenchSample), tc.enc)
			got, name, err := decode(body, tc.header)
			if err != nil {
				t.Fatal(err)
			}
			if want := page(tc.meta, tc.want); got != want {
				t.Errorf("decode = %q, want %q", got, want)
			}
			if name != tc.wantName {
				t.Errorf("encoding = %s, want %s", name, tc.wantName)
			}
		})
	}
}

func TestDecodeStrayByte(t *testing.T) {
	// One invalid byte in a UTF-8 page must not turn every é into mojibake.
	body := []byte("<p>" + strings.Repeat(frenchSample, 5) + "\xe9" + frenchSample + "</p>")
	got, name, err := decode(body, "text/html; charset=utf-8")
	if err != nil || name != "utf-8" || strings.Count(got, frenchSample) != 6 || !strings.Contains(got, "\uFFFD") {
		t.Errorf("decode = %q, %s, %v", got, name, err)
	}
}

func TestDecodeLongASCIIHead(t *testing.T) {
	// The prescan only sees 1024 bytes; the sniff must look at the whole body.
	body := "<html><head>" + strings.Repeat("<!-- commentaire sans accent -->", 64) + "</head><body>" + frenchSample + "</body></html>"
	got, name, err := decode([]byte(body), "text/html")
	if err != nil || got != body || name != "utf-8" {
		t.Errorf("decode = %q, %s, %v", got[len(got)-80:], name, err)
	}
}

func TestParseCharsetPages(t *testing.T) {
	// Whole pipeline: every encoding yields the same UTF-8 text with é, à, ’, €, œ.
	var paras []string
	for _, p := range filler {
		paras = append(paras, p+" "+frenchSample)
	}
	src := articleHTML("Un été à 20 €", paras...)
	for _, enc := range []string{"utf-8", "utf-8-bom", "windows-1252", "utf-16le-bom"} {
		for _, ct := range []string{"text/html", "text/html; charset=" + enc} {
			a, err := Parse(encode(t, src, enc), ct, "https://news.example.com/x")
			if err != nil {
				t.Fatalf("%s/%s: %v", enc, ct, err)
			}
			if a.Title != "Un été à 20 €" || strings.Count(a.Text, frenchSample) != len(filler) {
				t.Errorf("%s/%s: title %q text %.300q", enc, ct, a.Title, a.Text)
			}
		}
	}
}
