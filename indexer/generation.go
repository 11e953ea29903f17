package indexer

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/claimwire/claimwire"
)

// currentFile names the live generation inside the index directory.
const currentFile = "CURRENT"

// generation is one version of the index under the index directory. Its claims are spread over
// shards, one bleve index each, by a hash of the claim id: a batch is written to all shards at
// once and a search runs on all of them at once, so both use every core where one bleve index
// would use one.
type generation struct {
	path   string
	shards []shard
	links  *linkState
}

// shard is one bleve index of a generation.
type shard struct {
	bleve.Index
	// ordinals backs search facets (see facets.go).
	ordinals *ordinalCache
	closed   *atomic.Bool
}

func newShard(bi bleve.Index) shard {
	return shard{Index: bi, ordinals: newOrdinalCache(), closed: new(atomic.Bool)}
}

// Close closes the shard's bleve index; closing it again does nothing. bleve panics on a second
// close, and a failed reopen (see Index.reopen) leaves closed shards in place for the next
// attempt, Close or swap to close again.
func (s shard) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	return s.Index.Close()
}

// snapshot returns the shard's current scorch snapshot, for the code that reads its segments
// (facet ordinals, term lookups); the caller closes it.
func (s shard) snapshot() (*scorch.IndexSnapshot, error) {
	if s.closed.Load() {
		return nil, fmt.Errorf("indexer: snapshot: %w", bleve.ErrorIndexClosed)
	}
	idx, err := s.Advanced()
	if err != nil {
		return nil, fmt.Errorf("indexer: snapshot: %w", err)
	}
	r, err := idx.Reader()
	if err != nil {
		return nil, fmt.Errorf("indexer: snapshot: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if ok && snap == nil {
		// scorch hands out no snapshot once closed.
		return nil, fmt.Errorf("indexer: snapshot: %w", bleve.ErrorIndexClosed)
	}
	if !ok {
		return nil, errors.Join(fmt.Errorf("indexer: snapshot: want a scorch index, not %T", r), r.Close())
	}
	return snap, nil
}

// shardDirPrefix names the shard directories inside a generation: shard-00, shard-01...
const shardDirPrefix = "shard-"

// shardOf returns which of n shards holds the claim with this id.
func shardOf(id string, n int) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// openLive opens the generation CURRENT names, or creates the first one with shards shards.
func openLive(dir string, shards int) (generation, error) {
	current := filepath.Join(dir, currentFile)
	data, err := os.ReadFile(current)
	switch {
	case err == nil:
		name, err := checkCurrent(dir, data)
		if err != nil {
			return generation{}, corrupt(dir, current, err)
		}
		g, err := openGeneration(dir, name)
		if err != nil {
			return generation{}, err
		}
		removeStaleGenerations(dir, name)
		return g, nil
	case errors.Is(err, os.ErrNotExist):
		return resetLive(dir, shards)
	default:
		return generation{}, fmt.Errorf("indexer: %w", err)
	}
}

// resetLive makes a new, empty generation live and deletes every other one.
func resetLive(dir string, shards int) (generation, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return generation{}, fmt.Errorf("indexer: %w", err)
	}
	g, err := newGeneration(dir, shards)
	if err != nil {
		return generation{}, err
	}
	if err := setCurrent(dir, g.path); err != nil {
		return generation{}, errors.Join(err, g.close(), os.RemoveAll(g.path))
	}
	removeStaleGenerations(dir, filepath.Base(g.path))
	return g, nil
}

// openGeneration opens the shards of generation name in the index directory dir. An index
// written before sharding (a bleve index at the generation's path itself) opens as one shard.
func openGeneration(dir, name string) (generation, error) {
	g := generation{path: filepath.Join(dir, name), links: newLinkState()}
	if _, err := os.Stat(filepath.Join(g.path, "index_meta.json")); err == nil {
		bi, err := openBleve(dir, g.path)
		if err != nil {
			return generation{}, err
		}
		g.shards = []shard{newShard(bi)}
		return g, nil
	}
	entries, err := os.ReadDir(g.path)
	if err != nil {
		return generation{}, fmt.Errorf("indexer: %w", err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), shardDirPrefix) {
			n++
		}
	}
	if n == 0 {
		return generation{}, corrupt(dir, g.path, errors.New("holds no index"))
	}
	// Shards are opened by number, so a missing one is reported rather than skipped: claims are
	// routed by shard count.
	for i := range n {
		bi, err := openBleve(dir, shardPath(g.path, i))
		if err != nil {
			return generation{}, errors.Join(err, g.close())
		}
		g.shards = append(g.shards, newShard(bi))
	}
	return g, nil
}

func shardPath(gen string, i int) string {
	return filepath.Join(gen, fmt.Sprintf("%s%02d", shardDirPrefix, i))
}

func newGeneration(dir string, shards int) (generation, error) {
	g := generation{path: filepath.Join(dir, "gen-"+strconv.FormatInt(time.Now().UnixNano(), 10)), links: newLinkState()}
	for i := range shards {
		bi, err := createBleve(shardPath(g.path, i))
		if err != nil {
			return generation{}, errors.Join(err, g.close(), os.RemoveAll(g.path))
		}
		g.shards = append(g.shards, newShard(bi))
	}
	return g, nil
}

// warm reads what the first searches of an opened generation would otherwise wait for: the
// facet ordinals of its segments (about 120 ms at a million claims, paid by the first search
// with words) and the facts whose values can disagree (about 30 ms, paid by the first
// conflicts query).
func (g generation) warm() error {
	errs := make([]error, len(g.shards))
	var wg sync.WaitGroup
	for i, s := range g.shards {
		wg.Go(func() { errs[i] = s.warmOrdinals() })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if _, err := g.links.varied.filter(g.shards, nil); err != nil {
		return fmt.Errorf("indexer: open: %w", err)
	}
	return nil
}

// close closes every shard.
func (g generation) close() error {
	var errs []error
	for _, bi := range g.shards {
		errs = append(errs, bi.Close())
	}
	return errors.Join(errs...)
}

// setCurrent points CURRENT at path atomically: a crash leaves the old or the new name.
func setCurrent(dir, path string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	if err := os.WriteFile(tmp, []byte(filepath.Base(path)+"\n"), 0o640); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentFile)); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	return nil
}

// removeStaleGenerations deletes generations left by a rebuild that a crash interrupted.
func removeStaleGenerations(dir, live string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "gen-") && e.Name() != live {
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// Rebuild is a new generation being filled while the live one keeps serving. Until Commit or
// Abort, every Index call on the Index writes to both.
type Rebuild struct {
	ix  *Index
	gen generation
}

// Rebuild starts a new generation beside the live one; only one rebuild runs at a time.
func (ix *Index) Rebuild() (*Rebuild, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.next != nil {
		return nil, errors.New("indexer: a rebuild is already running")
	}
	g, err := newGeneration(ix.dir, ix.opts.Shards)
	if err != nil {
		return nil, err
	}
	ix.next = &g
	return &Rebuild{ix: ix, gen: g}, nil
}

// Index writes claims into the new generation only.
func (rb *Rebuild) Index(ctx context.Context, claims []claimwire.Claim) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("indexer: rebuild: %w", err)
	}
	_, err := rb.ix.write(ctx, rb.gen, claims)
	return err
}

// Commit makes the new generation live: searches switch to it at once, and the old one is
// closed and deleted.
func (rb *Rebuild) Commit() error {
	ix := rb.ix
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.next == nil || ix.next.path != rb.gen.path {
		return errors.New("indexer: rebuild is no longer running")
	}
	if err := setCurrent(ix.dir, rb.gen.path); err != nil {
		return err
	}
	old := ix.live
	ix.live, ix.next = rb.gen, nil
	if err := old.close(); err != nil {
		return fmt.Errorf("indexer: close retired generation: %w", err)
	}
	if err := os.RemoveAll(old.path); err != nil {
		return fmt.Errorf("indexer: remove retired generation: %w", err)
	}
	return nil
}

// Abort drops the new generation; the live one is untouched.
func (rb *Rebuild) Abort() error {
	ix := rb.ix
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.next != nil && ix.next.path == rb.gen.path {
		ix.next = nil
	}
	return errors.Join(rb.gen.close(), os.RemoveAll(rb.gen.path))
}
