package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/claimwire/claimwire/indexer/indexertest"
)

// TestIndexSurvivesWriteFailures injects a full disk, then a panic inside bleve's write, and
// checks that each is an error rather than a crash, that the shards are reopened from disk after
// the panic with what was committed before it, and that the failed batch is written by a retry.
func TestIndexSurvivesWriteFailures(t *testing.T) {
	var fault indexertest.Fault
	ix := openEmpty(t, Options{Shards: 2, WriteFault: fault.Write})
	ctx := context.Background()
	cs := fixtureClaims(t)
	before, failed := cs[:len(cs)/2], cs[len(cs)/2:]
	if err := ix.Index(ctx, before); err != nil {
		t.Fatal(err)
	}

	fault.Set(indexertest.DiskFull)
	if err := ix.Index(ctx, failed); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Index on a full disk = %v, want ENOSPC", err)
	}

	shard0 := ix.live.shards[0].Index
	fault.Set(indexertest.Panics)
	err := ix.Index(ctx, failed)
	if !errors.Is(err, errPanicked) || !strings.Contains(err.Error(), "assignment to entry in nil map") {
		t.Errorf("Index when bleve panics = %v", err)
	}
	if ix.live.shards[0].Index == shard0 {
		t.Error("shards not reopened after a panic inside bleve")
	}

	fault.Set(indexertest.Writes)
	if err := ix.Index(ctx, failed); err != nil {
		t.Fatalf("retry after the failures: %v", err)
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(cs)) {
		t.Errorf("index holds %d claims (%v), want %d", n, err, len(cs))
	}
	for _, c := range cs {
		if _, ok, err := ix.Get(ctx, c.ID); err != nil || !ok {
			t.Errorf("claim %s: found %v, %v", c.ID, ok, err)
		}
	}
}

// TestIndexNotReopenedAfterClose checks that a write after Close fails without opening the
// index again behind its owner's back.
func TestIndexNotReopenedAfterClose(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Index(context.Background(), fixtureClaims(t)[:1]); err == nil {
		t.Fatal("Index after Close succeeded")
	}
	if _, err := ix.Count(); err == nil {
		t.Error("the index answers after Close: it was reopened")
	}
}

// TestIndexReopenRetriedAfterFailure makes the reopen after a panic fail (the generation's
// directory is out of the way), then checks that the index reports it, that the next write
// reopens it once the directory is back, and that Close then works: closed shards are not
// closed twice, which bleve would panic on.
func TestIndexReopenRetriedAfterFailure(t *testing.T) {
	var fault indexertest.Fault
	dir := t.TempDir()
	ix, err := Open(dir, Options{Shards: 2, WriteFault: fault.Write})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cs := fixtureClaims(t)
	if err := ix.Index(ctx, cs[:1]); err != nil {
		t.Fatal(err)
	}
	gen, aside := ix.live.path, filepath.Join(dir, "aside")
	if err := os.Rename(gen, aside); err != nil {
		t.Fatal(err)
	}
	fault.Set(indexertest.Panics)
	if err := ix.Index(ctx, cs[1:]); err == nil || !strings.Contains(err.Error(), "reopen") {
		t.Errorf("Index when bleve panics and the reopen fails = %v", err)
	}
	if _, err := ix.Count(); err == nil {
		t.Error("the index answers although its shards are closed")
	}
	if err := os.Rename(aside, gen); err != nil {
		t.Fatal(err)
	}
	fault.Set(indexertest.Writes)
	if err := ix.Index(ctx, cs[1:]); err == nil {
		t.Error("a write to closed shards succeeded")
	}
	if err := ix.Index(ctx, cs[1:]); err != nil {
		t.Fatalf("write after the reopen: %v", err)
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(cs)) {
		t.Errorf("index holds %d claims (%v), want %d", n, err, len(cs))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}
