package whatlanggo

import (
	"unicode"
)

// convert punctuations and digits to space.
func toTrigramChar(ch rune) rune {
	if isStopChar(ch) {
		return ' '
	}
	return ch
}

// trigram is three runes of a text packed into one integer, 21 bits each: a map key that costs
// neither an allocation, as the string of three runes did, nor a hash of twelve bytes.
type trigram uint64

func trigramOf(r1, r2, r3 rune) trigram {
	return trigram(r1)<<42 | trigram(r2)<<21 | trigram(r3)
}

func count(input string) map[trigram]int {
	// Convert input runes to lower
	inputRunes := []rune(input)
	nInputRunes := len(inputRunes)

	runes := make([]rune, nInputRunes+1)
	for i, ir := range inputRunes {
		runes[i] = unicode.ToLower(toTrigramChar(ir))
	}
	runes[nInputRunes] = ' ' // put space as the last rune

	var r1, r2, r3 rune
	trigrams := map[trigram]int{}

	r1, r2 = ' ', runes[0]
	for i := 1; i < len(runes); i++ {
		r3 = runes[i]
		if !(r2 == ' ' && (r1 == ' ' || r3 == ' ')) {
			trigrams[trigramOf(r1, r2, r3)]++
		}
		r1 = r2
		r2 = r3
	}
	return trigrams
}
