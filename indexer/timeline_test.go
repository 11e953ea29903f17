package indexer

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/claimwire/claimwire/indexer/facts"
)

func TestTimeline(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2025, 6, day, 9, 0, 0, 0, time.UTC) }
	src := func(id, site string, published time.Time) facts.Source {
		return facts.Source{ID: id, URL: "https://" + site + "/" + id, Site: site, Published: published}
	}
	values := []StatedValue{
		{Value: 70, Unit: "proposals", Qualifier: "exact", Sources: []facts.Source{src("a3", "wire.test", d(9)), src("u1", "blog.test", time.Time{})}},
		{Value: 76, Unit: "proposals", Qualifier: "exact", Sources: []facts.Source{src("a2", "gazette.test", d(2)), src("a1", "wire.test", d(1))}},
		{Value: 160, Unit: "proposals", Qualifier: "more_than", Sources: []facts.Source{src("a4", "ledger.test", d(5)), src("a5", "wire.test", d(12))}},
	}
	// wire.test said 76 on the 1st, 70 on the 9th (a revision of 76), more than 160 on the
	// 12th (a revision of 70); blog.test's undated article comes last, a repeat of 70.
	want := []string{
		"a1 first 76", "a2 repeat 76", "a4 first 160", "a3 first 70 (was 76)", "a5 repeat 160 (was 70)", "u1 repeat 70",
	}
	var got []string
	for _, e := range timeline(values) {
		s := fmt.Sprintf("%s %s %g", e.ID, e.Kind, e.Value)
		if e.Revises != nil {
			s += fmt.Sprintf(" (was %g)", e.Revises.Value)
		}
		got = append(got, s)
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline\n%q\nwant\n%q", got, want)
	}
	if got := timeline(nil); got == nil || len(got) != 0 {
		t.Errorf("timeline of no value = %#v, want an empty list", got)
	}
}
