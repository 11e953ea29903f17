// Package indexer keeps claims in a bleve index and answers searches over them: free text in
// French and English with query translation across the two languages, field queries, filters,
// facets, highlights, conflicts between sources and per-metric statistics. It knows nothing of
// NATS; the worker in indexer/worker feeds it.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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
	// TranslationFiles are optional YAML files of query translations added to the embedded
	// ones (same format as translations.yaml).
	TranslationFiles []string
	// SearchTimeout bounds every search; DefaultSearchTimeout when zero.
	SearchTimeout time.Duration
	// MaxPageSize caps Query.Size; DefaultMaxPageSize when zero.
	MaxPageSize int
	// MaxWindow caps page*size for offset pagination; DefaultMaxWindow when zero.
	MaxWindow int
	// Shards is how many bleve indexes a new index (or a rebuild) spreads claims over; one per
	// core when zero. An existing index keeps the count it was built with until a rebuild.
	Shards int
	// WriteFault, when set, runs before each shard's batch is written, and its error or panic is
	// taken for the write's: tests inject a full disk or a bleve bug with it.
	WriteFault func() error
	// Linkages, when set, is where read replicas record each claim's fact, so that they agree
	// on fact ids (see LinkStore).
	Linkages LinkStore
}

// Index is a claim index on disk. It is safe for concurrent use.
//
// The directory holds generations of the bleve index (gen-<n>/) and a CURRENT file naming the
// live one, so that Rebuild can build a new generation beside the live one and swap it in.
type Index struct {
	dir string
	// mu guards the live generation: writers and searches hold it shared, a swap holds it
	// exclusively so that nothing reads or writes a generation that is being retired.
	mu           sync.RWMutex
	live         generation
	next         *generation // the generation being rebuilt, written to as well
	opts         Options
	ta           *textAnalysis
	translations *Translations
	codec        *claimCodec
	terms        *termsCache // of the fact linker's lexicon
	closed       bool        // by Close: nothing is reopened after it
	reviews      reviewSource
	settling     sync.Mutex // one batch settles its linkages with opts.Linkages at a time
}

// Open creates the index at dir, or opens it when it exists. A damaged or missing file of an
// existing index is a *CorruptError.
func Open(dir string, opts Options) (*Index, error) {
	return open(dir, opts, openLive)
}

// Reset replaces the index at dir with a new, empty one without opening the old one: for an
// index Open reports corrupt, before rebuilding it.
func Reset(dir string, opts Options) (*Index, error) {
	return open(dir, opts, resetLive)
}

// open opens the index at dir with the live generation that live returns.
func open(dir string, opts Options, live func(dir string, shards int) (generation, error)) (*Index, error) {
	if opts.SearchTimeout <= 0 {
		opts.SearchTimeout = DefaultSearchTimeout
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = DefaultMaxPageSize
	}
	if opts.MaxWindow <= 0 {
		opts.MaxWindow = DefaultMaxWindow
	}
	if opts.Shards <= 0 {
		opts.Shards = defaultShards(runtime.GOMAXPROCS(0))
	}
	g, err := live(dir, opts.Shards)
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, live: g, opts: opts}
	if err := ix.load(); err != nil {
		return nil, errors.Join(err, g.close())
	}
	if err := g.warm(); err != nil {
		return nil, errors.Join(err, g.close())
	}
	return ix, nil
}

// defaultShards is the shard count of a new index on cores cores: half of them, so that the
// crawler and extractor of the same process keep the other half while a batch is written to
// every shard at once, and fewer, larger segments cost less to merge (on two cores, one shard
// cut the CPU per article of `claimwire bench` by a tenth). Past eight, merging search results
// costs more than the extra parallelism brings.
func defaultShards(cores int) int {
	return min(max(cores/2, 1), 8)
}

// load prepares what searches need besides the index: analysers, translations and codec.
func (ix *Index) load() error {
	ta, err := newTextAnalysis(ix.live.shards[0].Mapping())
	if err != nil {
		return err
	}
	if ix.translations, err = loadTranslations(ta, ix.opts.TranslationFiles); err != nil {
		return err
	}
	if ix.codec, err = newClaimCodec(); err != nil {
		return err
	}
	ix.ta = ta
	ix.terms = newTermsCache()
	return nil
}

// openBleve opens the bleve index at dir, a shard of the index directory indexDir, once its files
// are checked (see checkShard); a damaged or missing file is a *CorruptError.
func openBleve(indexDir, dir string) (bleve.Index, error) {
	if file, err := checkShard(dir); err != nil {
		return nil, corrupt(indexDir, file, err)
	}
	bi, err := bleve.Open(dir)
	if err != nil {
		return nil, corrupt(indexDir, dir, err)
	}
	return bi, nil
}

// createBleve creates an empty bleve index at dir.
func createBleve(dir string) (bleve.Index, error) {
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
	live, next := ix.live, ix.next
	skipped, err := ix.write(ctx, live, claims)
	if err == nil && next != nil {
		if _, err = ix.write(ctx, *next, claims); err != nil {
			err = fmt.Errorf("indexer: rebuild: %w", err)
		} else {
			next = nil
		}
	}
	ix.mu.RUnlock()
	if err != nil {
		if errors.Is(err, errPanicked) || errors.Is(err, bleve.ErrorIndexClosed) {
			if rerr := ix.reopen(live, next); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
		return err
	}
	if skipped > 0 {
		return fmt.Errorf("indexer: %d claims without id skipped: %w", skipped, ErrInvalidClaim)
	}
	return nil
}

// write links claims to facts in g (see link) and indexes them into g, one batch per shard,
// all shards at once, and counts the claims skipped for want of an id.
func (ix *Index) write(ctx context.Context, g generation, claims []claimwire.Claim) (skipped int, err error) {
	valid := make([]claimwire.Claim, 0, len(claims))
	for i := range claims {
		if claims[i].ID == "" {
			skipped++
			continue
		}
		valid = append(valid, claims[i])
	}
	linked, done, err := ix.linkShared(ctx, g, valid)
	if err != nil {
		return skipped, err
	}
	defer done()
	batches := make([]*bleve.Batch, len(g.shards))
	for i, bi := range g.shards {
		batches[i] = bi.NewBatch()
	}
	for _, lc := range linked {
		d, err := claimDoc(ix.codec, lc)
		if err != nil {
			return skipped, err
		}
		id := lc.rec.ID
		if err := batches[shardOf(id, len(g.shards))].Index(id, d); err != nil {
			return skipped, fmt.Errorf("indexer: index claim %s: %w", id, err)
		}
	}
	errs := make([]error, len(g.shards))
	var wg sync.WaitGroup
	for i, b := range batches {
		if b.Size() == 0 {
			continue
		}
		wg.Go(func() { errs[i] = ix.writeShard(g.shards[i], b) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return skipped, err
	}
	g.links.varied.add(linked)
	return skipped, nil
}

// errPanicked marks a write during which bleve panicked.
var errPanicked = errors.New("panic inside bleve")

// writeShard writes b to s, turning a panic inside bleve into an error wrapping errPanicked: a
// bug or a write failure bleve does not expect must cost a retry, not the process.
func (ix *Index) writeShard(s shard, b *bleve.Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("indexer: batch of %d: %w: %v", b.Size(), errPanicked, r)
		}
	}()
	if ix.opts.WriteFault != nil {
		if err := ix.opts.WriteFault(); err != nil {
			return fmt.Errorf("indexer: batch of %d: %w", b.Size(), err)
		}
	}
	if err := s.Batch(b); err != nil {
		return fmt.Errorf("indexer: batch of %d: %w", b.Size(), err)
	}
	// Best effort: a faceted search builds what is missing itself and reports errors.
	_ = s.warmOrdinals()
	return nil
}

// reopen closes the shards of the live generation, and of the rebuilt one when next is set, and
// opens them again from disk, after bleve panicked in a write or a previous reopen failed.
// bleve's in-memory state may be inconsistent after a panic; on disk is what it committed, which
// holds every batch it acknowledged. The shards are replaced in place, so that a Rebuild holding
// the generation writes to the new ones.
func (ix *Index) reopen(live generation, next *generation) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	gens := []generation{live}
	if next != nil {
		gens = append(gens, *next)
	}
	var errs []error
	for _, g := range gens {
		closeErr := g.close()
		fresh, err := openGeneration(ix.dir, filepath.Base(g.path))
		if err != nil {
			errs = append(errs, fmt.Errorf("indexer: reopen %s: %w", g.path, errors.Join(err, closeErr)))
			continue
		}
		copy(g.shards, fresh.shards)
	}
	return errors.Join(errs...)
}

// Get returns the claim with the given id, with its fact and link; false when there is none.
func (ix *Index) Get(ctx context.Context, id string) (Hit, bool, error) {
	if err := ctx.Err(); err != nil {
		return Hit{}, false, fmt.Errorf("indexer: get: %w", err)
	}
	ix.mu.RLock()
	shards := ix.live.shards
	ix.mu.RUnlock()
	r, ok, err := ix.document(shards, id)
	if err != nil || !ok {
		return Hit{}, false, err
	}
	return r.reviewedHit(ix.Reviews()), true, nil
}

// document reads the record stored under id in shards; false when there is none.
func (ix *Index) document(shards []shard, id string) (record, bool, error) {
	d, err := shards[shardOf(id, len(shards))].Document(id)
	if err != nil {
		return record{}, false, fmt.Errorf("indexer: get %s: %w", id, err)
	}
	if d == nil {
		return record{}, false, nil
	}
	var blob []byte
	d.VisitFields(func(f index.Field) {
		if f.Name() == fieldDoc {
			blob = f.Value()
		}
	})
	r, err := ix.codec.decode(id, blob)
	if err != nil {
		return record{}, false, fmt.Errorf("indexer: get %s: %w", id, err)
	}
	return r, true, nil
}

// Compact merges the index's segments as the background merger would over time; after a bulk
// load it brings the index to its steady size at once.
func (ix *Index) Compact(ctx context.Context) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	errs := make([]error, len(ix.live.shards))
	var wg sync.WaitGroup
	for i, s := range ix.live.shards {
		wg.Go(func() {
			if errs[i] = compact(ctx, s.Index); errs[i] == nil {
				errs[i] = s.warmOrdinals()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

func compact(ctx context.Context, bi bleve.Index) error {
	adv, err := bi.Advanced()
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
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var total uint64
	for _, s := range ix.live.shards {
		n, err := s.DocCount()
		if err != nil {
			return 0, fmt.Errorf("indexer: count: %w", err)
		}
		total += n
	}
	return total, nil
}

// Close flushes and closes the index.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.closed = true
	ix.codec.close()
	var errs []error
	if ix.next != nil {
		errs = append(errs, ix.next.close(), os.RemoveAll(ix.next.path))
		ix.next = nil
	}
	errs = append(errs, ix.live.close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("indexer: close: %w", err)
	}
	return nil
}
