package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/internal/config"
)

// TestReindexOfflineRestoresACorruptIndex damages the index of a stopped daemon whose CLAIMS
// stream holds its claims: `reindex --offline` rebuilds it from the stream through an embedded
// NATS on the data directory, and the index opens again with every claim.
func TestReindexOfflineRestoresACorruptIndex(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	cfgFile := filepath.Join(t.TempDir(), "claimwire.yaml")
	yaml := fmt.Sprintf("data_dir: %s\nnats:\n  embedded:\n    port: -1\nindex:\n  shards: 2\n", dataDir)
	if err := os.WriteFile(cfgFile, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgFile, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}

	// What a stopped daemon leaves: claims in CLAIMS and in the index.
	b, err := bus.Open(ctx, cfg.NATS, cfg.DataDir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.EnsureStreams(ctx, cfg.NATS.Streams); err != nil {
		t.Fatal(err)
	}
	var claims []claimwire.Claim
	for i := range 20 {
		c := claimwire.Claim{
			Version: claimwire.SchemaVersion, ID: fmt.Sprint("c", i), URL: "https://example.test/a", Site: "example.test",
			Quantity: claimwire.Quantity{Surface: fmt.Sprint(i, " MW"), Value: float64(i), Unit: "MW",
				Qualifier: claimwire.QualifierExact, Sentence: fmt.Sprint("The hall draws ", i, " MW."), Lang: "en"},
		}
		data, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.JS.Publish(ctx, claimwire.SubjectClaims, data); err != nil {
			t.Fatal(err)
		}
		claims = append(claims, c)
	}
	b.Close()
	ix, err := indexer.Open(cfg.Index.Dir, indexer.Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Index(ctx, claims); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(cfg.Index.Dir, "gen-*", "shard-01", "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment written")
	}
	if err := os.Truncate(segs[0], 64); err != nil {
		t.Fatal(err)
	}
	var ce *indexer.CorruptError
	if _, err := indexer.Open(cfg.Index.Dir, indexer.Options{}); !errors.As(err, &ce) {
		t.Fatalf("damaged index opens with %v, want a CorruptError", err)
	}

	stdout, stderr, err := runCLI(t, "", "reindex", "--offline", "--config", cfgFile)
	if err != nil {
		t.Fatalf("reindex --offline: %v\n%s", err, stderr)
	}
	if want := fmt.Sprintf("reindexed %d claims from %d messages", len(claims), len(claims)); !strings.Contains(stdout, want) {
		t.Errorf("reindex --offline printed %q, want %q", stdout, want)
	}
	if !strings.Contains(stderr, "index is corrupt") {
		t.Errorf("reindex --offline did not say the index was corrupt:\n%s", stderr)
	}
	ix, err = indexer.Open(cfg.Index.Dir, indexer.Options{})
	if err != nil {
		t.Fatalf("after reindex --offline: %v", err)
	}
	defer ix.Close()
	if n, err := ix.Count(); n != uint64(len(claims)) || err != nil {
		t.Errorf("after reindex --offline: %d claims, %v; want %d", n, err, len(claims))
	}
	if _, ok, err := ix.Get(ctx, "c7"); !ok || err != nil {
		t.Errorf("claim c7 after reindex --offline: %v, %v", ok, err)
	}
}
