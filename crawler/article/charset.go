package article

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decode returns body as UTF-8. The encoding is chosen like golang.org/x/net/html/charset does
// (BOM, then the Content-Type header, then <meta charset> in the first 1024 bytes, then sniffing),
// with two repairs for labels the bytes prove wrong, which are common on news sites and which a
// browser would render as mojibake:
//   - a legacy label (single-byte, or a multi-byte Asian one such as gb2312) on a body that is
//     valid UTF-8 with multi-byte sequences (legacy text is practically never valid UTF-8), and
//   - a UTF-8 label (not a BOM) on a body with more invalid bytes than multi-byte characters,
//     read as windows-1252 (a few stray bytes in a UTF-8 page only become U+FFFD).
//
// Sniffing looks at the whole body rather than the first 1024 bytes, because long <head>s are
// pure ASCII and would otherwise always sniff as windows-1252.
func decode(body []byte, contentType string) (string, string, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	fromBOM := certain && hasBOM(body)
	switch {
	case fromBOM:
	case isUTF8(enc, name) && !utf8.Valid(body):
		if multi, invalid := utf8Stats(body); invalid > multi {
			enc, name = charmap.Windows1252, "windows-1252"
		}
	case !isUTF8(enc, name) && hasMultiByteUTF8(body):
		enc, name = encoding.Nop, "utf-8"
	}
	if isUTF8(enc, name) {
		return strings.ToValidUTF8(string(bytes.TrimPrefix(body, utf8BOM)), "\uFFFD"), name, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", name, fmt.Errorf("article: decode %s: %w", name, err)
	}
	// Decoders of BOM'd encodings keep or drop the BOM depending on the encoding; drop it.
	return string(bytes.TrimPrefix(out, utf8BOM)), name, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func hasBOM(b []byte) bool {
	return bytes.HasPrefix(b, utf8BOM) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE})
}

func isUTF8(enc encoding.Encoding, name string) bool {
	return enc == encoding.Nop || enc == unicode.UTF8 || name == "utf-8"
}

// utf8Stats counts well-formed multi-byte characters and bytes that are not valid UTF-8.
func utf8Stats(b []byte) (multi, invalid int) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			multi++
		}
		b = b[size:]
	}
	return multi, invalid
}

func hasMultiByteUTF8(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
