package extractor

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
)

// lookback is how far before a sentence without a subject term its subject may be mentioned:
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
	found := r.found
	var carried string
	if len(found) == 0 && r.lastSubject != "" && r.sStart-r.lastSubjectEnd <= lookback {
		carried = r.lastSubject
	}
	r.sentKey = r.sentKey[:0]
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
			if len(r.sentKey) == 0 {
				r.sentKey = appendKey(r.sentKey, r.text, r.toks)
			}
			measure = r.measure(c.Unit, r.sentKey)
		}
		c.Metric = r.metricKey(subject, measure, c.Unit)
	}
}

// metricKey joins the parts of a metric, reusing the string built for the same parts before.
func (r *run) metricKey(subject, measure, unit string) string {
	k := [3]string{subject, measure, unit}
	if m, ok := r.metricCache[k]; ok {
		return m
	}
	var b strings.Builder
	if subject != "" {
		b.WriteString(subject)
		b.WriteByte('/')
	}
	b.WriteString(measure)
	if isCurrency(unit) {
		b.WriteByte(':')
		b.WriteString(unit)
	}
	if r.metricCache == nil {
		r.metricCache = map[[3]string]string{}
	}
	r.metricCache[k] = b.String()
	return r.metricCache[k]
}

// findSubjects appends the glossary terms of toks, longest match first.
func (r *run) findSubjects(toks []token, dst []subjectAt) []subjectAt {
	t := &r.e.subjects
	for k := 0; k < len(toks); {
		if toks[k].kind != tkWord {
			k++
			continue
		}
		key, l, buf := t.longest(r.buf, r.text, toks[k:])
		r.buf = buf
		if l > 0 {
			dst = append(dst, subjectAt{toks[k].start, toks[k+l-1].end, key})
		}
		k += max(1, l)
	}
	return dst
}

// measure names what a claim of this unit measures, through the glossary's rules; sentence is
// the lower-cased sentence.
func (r *run) measure(u string, sentence []byte) string {
	money := isCurrency(u)
	for _, rule := range r.e.measures {
		if !(money && rule.money || rule.units[u]) {
			continue
		}
		if len(rule.cues) == 0 {
			return rule.key
		}
		for _, c := range rule.cues {
			if containsWord(sentence, c.word, c.prefix) {
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
func containsWord(s, w []byte, prefix bool) bool {
	for off := 0; ; {
		i := bytes.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRune(s[:i])
		after, _ := utf8.DecodeRune(s[i+len(w):])
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
