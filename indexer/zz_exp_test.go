package indexer

import (
	"context"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func TestZZDiskBreakdown(t *testing.T) {
	n := 10000
	claims := newClaimGen(1).claims(n)
	sl := 0
	for _, c := range claims {
		sl += len(c.Sentence)
	}
	t.Logf("avg sentence %d bytes", sl/n)
	drop := [][]string{nil, {fieldDoc}, {fieldSentence}, {fieldSentenceFR, fieldSentenceEN}, {fieldValue, fieldValueMax, fieldPublished, fieldCrawled}, {fieldURL, fieldUnitValue, fieldMonth}, {fieldCrawled}}
	var cc claimCodec
	for _, d := range drop {
		m, _ := newMapping()
		dir := t.TempDir()
		bi, err := bleve.New(dir, m)
		if err != nil {
			t.Fatal(err)
		}
		for lo := 0; lo < n; lo += 1000 {
			b := bi.NewBatch()
			for i := lo; i < lo+1000; i++ {
				doc, _ := claimDoc(&cc, &claims[i])
				for _, f := range d {
					delete(doc, f)
				}
				b.Index(claims[i].ID, doc)
			}
			bi.Batch(b)
		}
		adv, _ := bi.Advanced()
		opts := mergeplan.DefaultMergePlanOptions
		if err := adv.(*scorch.Scorch).ForceMerge(context.Background(), &opts); err != nil {
			t.Fatal(err)
		}
		bi.Close()
		t.Logf("without %v: %d B/claim", d, dirSize(t, dir)/int64(n))
	}
}
