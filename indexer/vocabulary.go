package indexer

import "github.com/blevesearch/bleve/v2/index/scorch"

// vocabulary tells whether the index holds a term by looking it up in the term dictionary of
// every segment of one snapshot per shard: about 0.3 ms for the dozen terms of a two-word query
// at a million claims, where asking bleve (FieldDictRange, which builds a merged term iterator
// for each term and shard) took 3 ms.
type vocabulary struct {
	snaps []*scorch.IndexSnapshot
	// err is why a shard could not be read; unknown is then set: every term may then exist.
	err     error
	unknown bool
}

func openVocabulary(shards []shard) *vocabulary {
	v := &vocabulary{}
	for _, s := range shards {
		snap, err := s.snapshot()
		if err != nil {
			v.unknown, v.err = true, err
			continue
		}
		v.snaps = append(v.snaps, snap)
	}
	return v
}

// has reports whether a shard holds term in field. When it cannot tell, it says yes: the term
// then stays in the query, which is only slower.
func (v *vocabulary) has(field, term string) bool {
	if v.unknown {
		return true
	}
	found := false
	read := segmentRead(func() {
		for _, snap := range v.snaps {
			for _, ss := range snap.Segments() {
				dict, err := ss.Segment().Dictionary(field)
				if err != nil {
					found = true
					return
				}
				if ok, err := dict.Contains([]byte(term)); err != nil || ok {
					found = true
					return
				}
			}
		}
	})
	return found || !read
}

// count returns how many documents hold term in field, deleted ones left out; 0 when the
// segments could not be read.
func (v *vocabulary) count(field, term string) uint64 {
	var n uint64
	if !segmentRead(func() {
		for _, snap := range v.snaps {
			for _, ss := range snap.Segments() {
				dict, err := ss.Segment().Dictionary(field)
				if err != nil {
					continue
				}
				if pl, err := dict.PostingsList([]byte(term), ss.Deleted(), nil); err == nil {
					n += pl.Count()
				}
			}
		}
	}) {
		return 0
	}
	return n
}

// segmentRead runs read, a walk of segments' term dictionaries, and reports whether it ended
// without a panic. zapx v17.2.5 clears an in-memory segment's dictionary cache when the segment
// closes, and a lookup racing that close panics on the cleared map (seen once in a daemon
// test): a lookup serving a query's pruning or a term's rarity must not take the indexer down,
// and its callers have an answer for a segment they cannot read.
func segmentRead(read func()) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	read()
	return true
}

// termCounts returns the terms of field from start on ("" for all) with the number of documents
// holding each, deleted ones included until their segment is merged: the counts come with the
// terms, where leaving deleted ones out would read every posting list again.
func (v *vocabulary) termCounts(field, start string) []FacetCount {
	counts := make(map[string]int)
	var from []byte
	if start != "" {
		from = []byte(start)
	}
	// A walk cut short by a panic (segmentRead) leaves the counts read so far.
	segmentRead(func() {
		for _, snap := range v.snaps {
			for _, ss := range snap.Segments() {
				dict, err := ss.Segment().Dictionary(field)
				if err != nil {
					continue
				}
				it := dict.AutomatonIterator(nil, from, nil)
				for e, err := it.Next(); err == nil && e != nil; e, err = it.Next() {
					counts[e.Term] += int(e.Count)
				}
			}
		}
	})
	out := make([]FacetCount, 0, len(counts))
	for t, n := range counts {
		out = append(out, FacetCount{Term: t, Count: n})
	}
	return out
}

// docs returns how many documents the shards hold.
func (v *vocabulary) docs() uint64 {
	var n uint64
	for _, snap := range v.snaps {
		for _, ss := range snap.Segments() {
			n += ss.Count()
		}
	}
	return n
}

func (v *vocabulary) close() {
	for _, snap := range v.snaps {
		_ = snap.Close()
	}
}
