// Package indexer keeps claims in a bleve index and answers searches over them: free text in
// French and English with glossary expansion across the two languages, field queries, filters,
// facets, highlights, conflicts between sources and per-metric statistics. It knows nothing of
// NATS; the worker in indexer/worker feeds it.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/claimwire/claimwire"
)

// Defaults for Options left zero.
const (
	DefaultSearchTimeout = 5 * time.Second
	DefaultMaxPageSize   = 100
	// DefaultMaxWindow bounds page*size: deeper pages must use the search-after cursor.
	DefaultMaxWindow = 10000
)

// ErrInvalidClaim reports claims Index refused (they are skipped, the others are indexed).
var ErrInvalidClaim = errors.New("invalid claim")

// Options tune an Index. The zero value is usable.
type Options struct {
	// GlossaryFile is an optional YAML glossary merged with the embedded one (same format as
	// glossary.yaml).
	GlossaryFile string
	// SearchTimeout bounds every search; DefaultSearchTimeout when zero.
	SearchTimeout time.Duration
	// MaxPageSize caps Query.Size; DefaultMaxPageSize when zero.
	MaxPageSize int
	// MaxWindow caps page*size for offset pagination; DefaultMaxWindow when zero.
	MaxWindow int
}

// Index is a claim index on disk. It is safe for concurrent use.
//
// The directory holds generations of the bleve index (gen-<n>/) and a CURRENT file naming the
// live one, so that Rebuild can build a new generation beside the live one and swap it in.
type Index struct {
	// bi answers reads; it is an alias over the live generation, swapped atomically by Rebuild.
	bi  bleve.IndexAlias
	dir string
	// mu guards the write targets: writers hold it shared, a swap holds it exclusively so that
	// no batch lands in a generation that is being retired.
	mu       sync.RWMutex
	live     generation
	next     *generation // the generation being rebuilt, written to as well
	opts     Options
	ta       *textAnalysis
	glossary *Glossary
	units    *UnitTable
	codec    *claimCodec
}

// Open creates the index at dir, or opens it when it exists.
func Open(dir string, opts Options) (*Index, error) {
	if opts.SearchTimeout <= 0 {
		opts.SearchTimeout = DefaultSearchTimeout
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = DefaultMaxPageSize
	}
	if opts.MaxWindow <= 0 {
		opts.MaxWindow = DefaultMaxWindow
	}
	live, err := openLive(dir)
	if err != nil {
		return nil, err
	}
	bi := live.bi
	ta, err := newTextAnalysis(bi.Mapping())
	if err != nil {
		bi.Close()
		return nil, err
	}
	g, err := loadGlossary(ta, opts.GlossaryFile)
	if err != nil {
		bi.Close()
		return nil, err
	}
	units, err := parseUnitTable(embeddedUnits)
	if err != nil {
		bi.Close()
		return nil, err
	}
	codec, err := newClaimCodec()
	if err != nil {
		bi.Close()
		return nil, err
	}
	return &Index{bi: bleve.NewIndexAlias(bi), dir: dir, live: live, opts: opts, ta: ta, glossary: g, units: units, codec: codec}, nil
}

func openBleve(dir string) (bleve.Index, error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil {
		bi, err := bleve.Open(dir)
		if err != nil {
			return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
		}
		return bi, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.New(dir, m)
	if err != nil {
		return nil, fmt.Errorf("indexer: create %s: %w", dir, err)
	}
	return bi, nil
}

// Index adds or replaces claims in one bleve batch; the document id is the claim id, so indexing
// the same claim again is a no-op for searches. Claims without an id are skipped and reported
// with an error wrapping ErrInvalidClaim after the others are indexed.
func (ix *Index) Index(ctx context.Context, claims []claimwire.Claim) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("indexer: index: %w", err)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	skipped, err := ix.write(ix.live.bi, claims)
	if err != nil {
		return err
	}
	if ix.next != nil {
		if _, err := ix.write(ix.next.bi, claims); err != nil {
			return fmt.Errorf("indexer: rebuild: %w", err)
		}
	}
	if skipped > 0 {
		return fmt.Errorf("indexer: %d claims without id skipped: %w", skipped, ErrInvalidClaim)
	}
	return nil
}

// write indexes claims into bi in one batch and counts those skipped for want of an id.
func (ix *Index) write(bi bleve.Index, claims []claimwire.Claim) (skipped int, err error) {
	b := bi.NewBatch()
	for i := range claims {
		c := &claims[i]
		if c.ID == "" {
			skipped++
			continue
		}
		d, err := claimDoc(ix.codec, c)
		if err != nil {
			return skipped, err
		}
		if err := b.Index(c.ID, d); err != nil {
			return skipped, fmt.Errorf("indexer: index claim %s: %w", c.ID, err)
		}
	}
	if b.Size() > 0 {
		if err := bi.Batch(b); err != nil {
			return skipped, fmt.Errorf("indexer: batch of %d: %w", b.Size(), err)
		}
	}
	return skipped, nil
}

// Get returns the claim with the given id; false when there is none.
func (ix *Index) Get(ctx context.Context, id string) (claimwire.Claim, bool, error) {
	if err := ctx.Err(); err != nil {
		return claimwire.Claim{}, false, fmt.Errorf("indexer: get: %w", err)
	}
	d, err := ix.bi.Document(id)
	if err != nil {
		return claimwire.Claim{}, false, fmt.Errorf("indexer: get %s: %w", id, err)
	}
	if d == nil {
		return claimwire.Claim{}, false, nil
	}
	var blob []byte
	d.VisitFields(func(f index.Field) {
		if f.Name() == fieldDoc {
			blob = f.Value()
		}
	})
	c, err := ix.codec.decode(id, blob)
	if err != nil {
		return claimwire.Claim{}, false, fmt.Errorf("indexer: get %s: %w", id, err)
	}
	return c, true, nil
}

// Compact merges the index's segments as the background merger would over time; after a bulk
// load it brings the index to its steady size at once.
func (ix *Index) Compact(ctx context.Context) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	adv, err := ix.live.bi.Advanced()
	if err != nil {
		return fmt.Errorf("indexer: compact: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	opts := mergeplan.DefaultMergePlanOptions
	if err := s.ForceMerge(ctx, &opts); err != nil {
		return fmt.Errorf("indexer: compact: %w", err)
	}
	return nil
}

// PageSizeLimit is the largest Query.Size Search accepts.
func (ix *Index) PageSizeLimit() int { return ix.opts.MaxPageSize }

// Count returns the number of claims in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("indexer: count: %w", err)
	}
	return n, nil
}

// Close flushes and closes the index.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.codec.close()
	var errs []error
	if ix.next != nil {
		errs = append(errs, ix.next.bi.Close(), os.RemoveAll(ix.next.path))
		ix.next = nil
	}
	if err := ix.live.bi.Close(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("indexer: close: %w", err)
	}
	return nil
}
