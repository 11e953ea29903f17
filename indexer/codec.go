package indexer

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/claimwire/claimwire"
)

// The stored claim is its JSON compressed with DEFLATE and a preset dictionary of what claims
// repeat (field names, units, qualifiers, frequent words of the news claimwire reads): about half
// the size of the JSON, which zap's own per-document compression only trims by a tenth. That
// is what keeps the index under a kilobyte per claim.
const (
	codecDeflate = 'z'
	codecJSON    = '{'
)

// codecDict ends with the most frequent strings: DEFLATE reaches the end of the dictionary most
// cheaply.
var codecDict = []byte(`milliards de dollars millions d'euros billion million data center centre de données ` +
	`intelligence artificielle artificial intelligence the company said selon le groupe les serveurs ` +
	`puissance de calcul électricité the government le gouvernement a annoncé announced on ` +
	`"unit":"USD","unit":"MW","unit":"percent","unit":"chips","qualifier":"approx","qualifier":"more_than",` +
	`"qualifier":"at_least","qualifier":"up_to","qualifier":"range","value_max":,"vague":true,` +
	`"lang":"en","lang":"fr","site_name":"","url":"https://www.","content_hash":"` +
	`{"v":1,"id":"","start":,"end":,"surface":"","value":,"unit":"EUR","qualifier":"exact","sentence":"",` +
	`"metric":"","lang":"fr","url":"https://","site":"","title":"","published":"20","crawled":"20",` +
	`"content_hash":""}`)

// claimCodec encodes and decodes stored claims; its pools make it cheap to call per claim.
type claimCodec struct {
	writers sync.Pool // *flate.Writer
	readers sync.Pool // io.ReadCloser implementing flate.Resetter
}

// encode leaves the id out: it is the document id, stored anyway. decode's caller puts it back.
func (cc *claimCodec) encode(c *claimwire.Claim) ([]byte, error) {
	noID := *c
	noID.ID = ""
	js, err := json.Marshal(&noID)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(js)/2 + 16)
	buf.WriteByte(codecDeflate)
	w, _ := cc.writers.Get().(*flate.Writer)
	if w == nil {
		if w, err = flate.NewWriterDict(&buf, flate.DefaultCompression, codecDict); err != nil {
			return nil, err
		}
	} else {
		w.Reset(&buf)
	}
	defer cc.writers.Put(w)
	if _, err := w.Write(js); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decode returns the claim stored as b under document id.
func (cc *claimCodec) decode(id string, b []byte) (claimwire.Claim, error) {
	c := claimwire.Claim{ID: id}
	if len(b) == 0 {
		return c, errors.New("stored claim missing")
	}
	js := b
	switch b[0] {
	case codecJSON:
	case codecDeflate:
		var err error
		if js, err = cc.inflate(b[1:]); err != nil {
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

func (cc *claimCodec) inflate(b []byte) ([]byte, error) {
	src := bytes.NewReader(b)
	r, _ := cc.readers.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReaderDict(src, codecDict)
	} else if err := r.(flate.Resetter).Reset(src, codecDict); err != nil {
		return nil, err
	}
	defer cc.readers.Put(r)
	return io.ReadAll(r)
}
