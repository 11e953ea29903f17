package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/claimwire/claimwire"
)

// currentFile names the live generation inside the index directory.
const currentFile = "CURRENT"

// generation is one bleve index under the index directory.
type generation struct {
	path string
	bi   bleve.Index
}

// openLive opens the generation CURRENT names, or creates the first one.
func openLive(dir string) (generation, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return generation{}, fmt.Errorf("indexer: %w", err)
	}
	name, err := os.ReadFile(filepath.Join(dir, currentFile))
	switch {
	case err == nil:
		path := filepath.Join(dir, strings.TrimSpace(string(name)))
		bi, err := openBleve(path)
		if err != nil {
			return generation{}, err
		}
		removeStaleGenerations(dir, filepath.Base(path))
		return generation{path: path, bi: bi}, nil
	case errors.Is(err, os.ErrNotExist):
		g, err := newGeneration(dir)
		if err != nil {
			return generation{}, err
		}
		if err := setCurrent(dir, g.path); err != nil {
			g.bi.Close()
			return generation{}, err
		}
		return g, nil
	default:
		return generation{}, fmt.Errorf("indexer: %w", err)
	}
}

func newGeneration(dir string) (generation, error) {
	path := filepath.Join(dir, "gen-"+strconv.FormatInt(time.Now().UnixNano(), 10))
	bi, err := openBleve(path)
	if err != nil {
		return generation{}, err
	}
	return generation{path: path, bi: bi}, nil
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
	g, err := newGeneration(ix.dir)
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
	_, err := rb.ix.write(rb.gen.bi, claims)
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
	ix.bi.Swap([]bleve.Index{rb.gen.bi}, []bleve.Index{old.bi})
	ix.live, ix.next = rb.gen, nil
	if err := old.bi.Close(); err != nil {
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
	return errors.Join(rb.gen.bi.Close(), os.RemoveAll(rb.gen.path))
}
