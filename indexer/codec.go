package indexer

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/klauspost/compress/zstd"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/facts"
)

// The stored claim is its JSON compressed with zstd and a raw dictionary of what claims repeat
// (field names, units, qualifiers, frequent words of the news claimwire reads): about 55% of the
// JSON, where zap's own per-document snappy only trims a tenth. That is most of what keeps the
// index near a kilobyte per claim. The fastest level costs a few tens of microseconds per claim;
// the better ones cost several times more for 1% less.
const (
	codecZstd = 'z'
	codecJSON = '{'
	// codecDictID names codecDict in the frames; a new dictionary needs a new id.
	codecDictID = 1
)

// codecDict ends with the most frequent strings, which the compressor reaches most cheaply.
var codecDict = []byte(`milliards de dollars millions d'euros billion million data center centre de données ` +
	`intelligence artificielle artificial intelligence the company said selon le groupe les serveurs ` +
	`puissance de calcul électricité the government le gouvernement a annoncé announced on ` +
	`"unit":"USD","unit":"MW","unit":"percent","unit":"chips","qualifier":"approx","qualifier":"more_than",` +
	`"qualifier":"at_least","qualifier":"up_to","qualifier":"range","value_max":,"vague":true,` +
	`"lang":"en","lang":"fr","site_name":"","url":"https://www.","content_hash":"` +
	`{"v":1,"id":"","start":,"end":,"surface":"","value":,"unit":"EUR","qualifier":"exact","sentence":"",` +
	`"metric":"","lang":"fr","url":"https://","site":"","title":"","published":"20","crawled":"20",` +
	`"content_hash":""}`)

// claimCodec encodes and decodes stored claims. It is safe for concurrent use.
type claimCodec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

func newClaimCodec() (*claimCodec, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderDictRaw(codecDictID, codecDict),
		zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderCRC(false))
	if err != nil {
		return nil, fmt.Errorf("indexer: codec: %w", err)
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderDictRaw(codecDictID, codecDict), zstd.WithDecoderConcurrency(0))
	if err != nil {
		return nil, fmt.Errorf("indexer: codec: %w", err)
	}
	return &claimCodec{enc: enc, dec: dec}, nil
}

// close releases the decoder's goroutines.
func (cc *claimCodec) close() { cc.dec.Close() }

// record is what the index stores of a claim: the claim, the fact the linker gave it, and the
// story of its article (topic, places and year), which the claim's signature needs when it is compared
// with later claims.
type record struct {
	claimwire.Claim
	Linkage
	Topic       []string `json:"fact_topic,omitempty"`
	TopicCounts []int    `json:"fact_topic_counts,omitempty"`
	Places      []string `json:"fact_places,omitempty"`
	StoryYear   int      `json:"fact_story_year,omitempty"`
	// Marks are what the claim's sentence says its figure is, which a conflict reads of every
	// claim stating a value.
	Marks facts.Marks `json:"fact_marks,omitempty"`
}

// encode leaves the id out: it is the document id, stored anyway. decode's caller puts it back.
func (cc *claimCodec) encode(r *record) ([]byte, error) {
	noID := *r
	noID.ID = ""
	js, err := json.Marshal(&noID)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1, len(js)/2+16)
	out[0] = codecZstd
	return cc.enc.EncodeAll(js, out), nil
}

// decode returns the record stored as b under document id.
func (cc *claimCodec) decode(id string, b []byte) (record, error) {
	var c record
	c.ID = id
	if len(b) == 0 {
		return c, errors.New("stored claim missing")
	}
	js := b
	switch b[0] {
	case codecJSON:
	case codecZstd:
		var err error
		if js, err = cc.dec.DecodeAll(b[1:], nil); err != nil {
			return c, fmt.Errorf("decode stored claim: %w", err)
		}
	default:
		return c, fmt.Errorf("decode stored claim: unknown encoding %q", b[0])
	}
	if err := json.Unmarshal(js, &c); err != nil {
		return c, fmt.Errorf("decode stored claim: %w", err)
	}
	c.ID = id
	return c, nil
}
