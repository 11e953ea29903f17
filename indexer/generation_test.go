package indexer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func shardCounts(t *testing.T, ix *Index) []uint64 {
	t.Helper()
	var counts []uint64
	for _, bi := range ix.live.shards {
		n, err := bi.DocCount()
		if err != nil {
			t.Fatal(err)
		}
		counts = append(counts, n)
	}
	return counts
}

func TestShardsSpreadClaimsAndKeepTheirCount(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir, Options{Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	cs := fixtureClaims(t)
	if err := ix.Index(ctx, cs); err != nil {
		t.Fatal(err)
	}
	counts := shardCounts(t, ix)
	var sum uint64
	for i, n := range counts {
		if n == 0 {
			t.Errorf("shard %d holds no claim: %v", i, counts)
		}
		sum += n
	}
	if len(counts) != 3 || sum != uint64(len(cs)) {
		t.Fatalf("shard counts %v, want 3 shards holding %d claims", counts, len(cs))
	}
	res, err := ix.Search(ctx, Query{Size: 100, Sort: SortValue})
	if err != nil || len(res.Claims) != len(cs) {
		t.Fatalf("search over shards: %v hits, %v", res, err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened with another setting, the index keeps the shards its claims were routed to.
	ix, err = Open(dir, Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := len(ix.live.shards); n != 3 {
		t.Fatalf("reopened with %d shards, want the 3 it was built with", n)
	}
	for _, c := range cs {
		if _, ok, err := ix.Get(ctx, c.ID); !ok || err != nil {
			t.Errorf("Get(%s) = %v, %v", c.ID, ok, err)
		}
	}
}

func TestRebuildChangesShardCount(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir, Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cs := fixtureClaims(t)
	if err := ix.Index(ctx, cs); err != nil {
		t.Fatal(err)
	}
	old := ix.live.path
	ix.opts.Shards = 2
	rb, err := ix.Rebuild()
	if err != nil {
		t.Fatal(err)
	}
	if err := rb.Index(ctx, cs); err != nil {
		t.Fatal(err)
	}
	if err := rb.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := len(ix.live.shards); n != 2 {
		t.Fatalf("%d shards after the rebuild, want 2", n)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("retired generation %s still there: %v", old, err)
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(cs)) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(cs))
	}
}

// An index written before claims were sharded is one bleve index at the generation's path.
func TestOpensIndexWrittenBeforeShards(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.New(filepath.Join(dir, "gen-1"), m)
	if err != nil {
		t.Fatal(err)
	}
	cc := testCodec(t)
	cs := fixtureClaims(t)
	for i := range cs {
		d, err := claimDoc(cc, &linkedClaim{rec: record{Claim: cs[i]}})
		if err != nil {
			t.Fatal(err)
		}
		if err := bi.Index(cs[i].ID, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, currentFile), []byte("gen-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, Options{Shards: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := len(ix.live.shards); n != 1 {
		t.Fatalf("%d shards, want the one index", n)
	}
	res, err := ix.Search(ctx, Query{Q: "gigafactory proposals"})
	if err != nil || res.Total != 3 {
		t.Fatalf("search = %+v, %v; want the 3 proposal claims", res, err)
	}
	if _, ok, err := ix.Get(ctx, cs[0].ID); !ok || err != nil {
		t.Errorf("Get = %v, %v", ok, err)
	}
}
