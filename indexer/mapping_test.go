package indexer

import (
	"testing"

	"github.com/blevesearch/bleve/v2/document"
)

// TestMappingHasNoComposite checks that a claim maps to its own fields only: bleve's _all
// composite, which nothing enters, would still cost a walk over every token of the claim.
func TestMappingHasNoComposite(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	cc := testCodec(t)
	claim := newClaimGen(1).claims(1)[0]
	d, err := claimDoc(cc, &linkedClaim{rec: record{Claim: claim}})
	if err != nil {
		t.Fatal(err)
	}
	doc := document.NewDocument(claim.ID)
	if err := m.MapDocument(doc, d); err != nil {
		t.Fatal(err)
	}
	if len(doc.CompositeFields) != 0 {
		t.Errorf("claim maps to %d composite fields, want none: %s", len(doc.CompositeFields), doc.CompositeFields[0].Name())
	}
	if len(doc.Fields) == 0 {
		t.Error("claim maps to no field")
	}
}
