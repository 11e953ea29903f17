package extractor

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	claimwire "github.com/claimwire/claimwire"
)

// lookback is how far before a sentence without a subject term its subject may be mentioned:
// "En tout, une soixantaine de dossiers sont arrivés." is about the subject
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
			measure = r.measure(c.Unit)
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
	if claimwire.IsCurrency(unit) {
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
		key, l := t.longest(r.key, toks[k:])
		if l > 0 {
			dst = append(dst, subjectAt{toks[k].start, toks[k+l-1].end, key})
		}
		k += max(1, l)
	}
	return dst
}

// measure names what a claim of this unit measures in the current sentence, through the
// glossary's rules.
func (r *run) measure(u string) string {
	money := claimwire.IsCurrency(u)
	for _, rule := range r.e.measures {
		if !(money && rule.money || rule.units[u]) {
			continue
		}
		if len(rule.cues) == 0 {
			return rule.key
		}
		if !r.cuesKnown {
			r.e.cues.scan(r.key, r.cueFound)
			r.cuesKnown = true
		}
		for _, c := range rule.cues {
			if r.cueFound[c.id] {
				return rule.key
			}
		}
	}
	if money {
		return "amount"
	}
	return slug(u)
}

// cueIndex finds all the measure cues of a sentence in one pass instead of one search per cue.
type cueIndex struct {
	all     []cue      // by id
	byFirst [256][]int // ids of the cues by their first byte
	empty   []int      // ids of empty cues, which containsWord matches in its own way
}

// newCueIndex numbers the cues of rules and indexes them.
func newCueIndex(rules []compiledRule) cueIndex {
	var x cueIndex
	for _, rule := range rules {
		for n := range rule.cues {
			c := &rule.cues[n]
			c.id = len(x.all)
			x.all = append(x.all, *c)
			if len(c.word) == 0 {
				x.empty = append(x.empty, c.id)
			} else {
				x.byFirst[c.word[0]] = append(x.byFirst[c.word[0]], c.id)
			}
		}
	}
	return x
}

// scan sets found[id] to whether containsWord(s, cue.word, cue.prefix) holds, for every cue. s is
// valid UTF-8 (a sentence key), so a cue can only start where a rune does.
func (x *cueIndex) scan(s []byte, found []bool) {
	clear(found)
	afterLetter := false
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRune(s[i:])
		}
		if !afterLetter {
			for _, id := range x.byFirst[s[i]] {
				w, end := x.all[id].word, i+len(x.all[id].word)
				if found[id] || !bytes.HasPrefix(s[i:], w) {
					continue
				}
				after, _ := utf8.DecodeRune(s[end:])
				found[id] = x.all[id].prefix || end == len(s) || !unicode.IsLetter(after)
			}
		}
		afterLetter = unicode.IsLetter(c)
		i += size
	}
	for _, id := range x.empty {
		found[id] = containsWord(s, nil, x.all[id].prefix)
	}
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
