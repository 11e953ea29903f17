package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
)

// lookback is how far before a sentence without a subject term the subject is looked for:
// "Au total, quelque 76 manifestations d'intérêt ont été enregistrées." is about the subject
// of the sentences before it.
const lookback = 1500

// subjectAt is a glossary term found in a sentence.
type subjectAt struct {
	start, end int // byte offsets in the text
	key        string
}

// metrics fills the Metric of claims (all in the current sentence); see the package comment.
func (r *run) metrics(claims []claimwire.Quantity) {
	found := r.findSubjects(r.toks, r.found[:0])
	r.found = found
	var carried string
	if len(found) == 0 {
		carried = r.carriedSubject()
	}
	sentence := ""
	for n := range claims {
		c := &claims[n]
		subject, inside := carried, false
		best := -1
		for _, s := range found {
			d := 0
			switch {
			case s.end <= c.Start:
				d = c.Start - s.end
			case s.start >= c.End:
				d = s.start - c.End
			default:
				inside = true
			}
			if inside {
				subject = s.key
				break
			}
			if best < 0 || d < best {
				best, subject = d, s.key
			}
		}
		measure := ""
		if inside {
			measure = "count" // "cinq gigafactories": the unit is the subject
		} else {
			if sentence == "" {
				sentence = string(appendKey(nil, r.text, r.toks))
			}
			measure = r.measure(c.Unit, sentence)
		}
		var b strings.Builder
		if subject != "" {
			b.WriteString(subject)
			b.WriteByte('/')
		}
		b.WriteString(measure)
		if isCurrency(c.Unit) {
			b.WriteByte(':')
			b.WriteString(c.Unit)
		}
		c.Metric = b.String()
	}
}

// carriedSubject returns the last subject mentioned in the lookback bytes before the current
// sentence. Text is scanned once: each call resumes where the previous one stopped, so dense
// tables of numbers stay linear.
func (r *run) carriedSubject() string {
	from := max(r.scanned, r.sStart-lookback)
	for from < r.sStart && !utf8.RuneStart(r.text[from]) {
		from++
	}
	if from < r.sStart {
		r.back = tokenize(r.back[:0], r.text, from, r.sStart)
		if prev := r.findSubjects(r.back, r.found[:0]); len(prev) > 0 {
			r.lastSubject, r.lastSubjectEnd = prev[len(prev)-1].key, prev[len(prev)-1].end
		}
		r.scanned = r.sStart
	}
	if r.lastSubject == "" || r.sStart-r.lastSubjectEnd > lookback {
		return ""
	}
	return r.lastSubject
}

// findSubjects appends the glossary terms of toks, longest match first.
func (r *run) findSubjects(toks []token, dst []subjectAt) []subjectAt {
	t := &r.e.subjects
	for k := 0; k < len(toks); {
		if toks[k].kind != tkWord {
			k++
			continue
		}
		matched := 0
		for l := min(t.maxLen, len(toks)-k); l >= 1; l-- {
			r.buf = appendKey(r.buf[:0], r.text, toks[k:k+l])
			if key, ok := t.m[string(r.buf)]; ok {
				dst = append(dst, subjectAt{toks[k].start, toks[k+l-1].end, key})
				matched = l
				break
			}
		}
		k += max(1, matched)
	}
	return dst
}

// measure names what a claim of this unit measures, through the glossary's rules.
func (r *run) measure(u, sentence string) string {
	money := isCurrency(u)
	for _, rule := range r.e.measures {
		if !(money && rule.money || rule.units[u]) {
			continue
		}
		if len(rule.cues) == 0 && len(rule.prefixes) == 0 {
			return rule.key
		}
		for cue := range rule.cues {
			if containsWord(sentence, cue, false) {
				return rule.key
			}
		}
		for _, p := range rule.prefixes {
			if containsWord(sentence, p, true) {
				return rule.key
			}
		}
	}
	if money {
		return "amount"
	}
	return slug(u)
}

// containsWord reports whether s holds w starting on a word boundary, and (unless prefix) ending on one.
func containsWord(s, w string, prefix bool) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if (i == 0 || !unicode.IsLetter(before)) && (prefix || i+len(w) == len(s) || !unicode.IsLetter(after)) {
			return true
		}
		off = i + 1
	}
}

// slug turns a unit into a key part: "member states" → "member-states".
func slug(u string) string {
	return strings.Map(func(c rune) rune {
		switch c {
		case ' ', '/', ':':
			return '-'
		}
		return unicode.ToLower(c)
	}, u)
}
