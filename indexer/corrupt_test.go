package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writtenIndex writes the fixture claims to a two-shard index at a new directory, closes it and
// returns the directory and the path of its live generation.
func writtenIndex(t *testing.T) (dir, gen string) {
	t.Helper()
	dir = t.TempDir()
	ix, err := Open(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Index(context.Background(), fixtureClaims(t)); err != nil {
		t.Fatal(err)
	}
	gen = ix.live.path
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, gen
}

// TestOpenNamesTheDamagedFile damages a real on-disk index in the ways a crash, a full disk or a
// hand leave it: Open fails with a *CorruptError that names the file and the fix, never with
// bleve's "error parsing mapping JSON" nor by opening an index that silently lacks claims.
func TestOpenNamesTheDamagedFile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir, gen string) (file string)
	}{
		{"truncated segment", func(t *testing.T, _, gen string) string {
			segs, _ := filepath.Glob(filepath.Join(gen, "shard-01", "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment written")
			}
			truncate(t, segs[0], 100)
			return segs[0]
		}},
		{"overwritten segment footer", func(t *testing.T, _, gen string) string {
			segs, _ := filepath.Glob(filepath.Join(gen, "shard-00", "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment written")
			}
			f, err := os.OpenFile(segs[0], os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, _ := f.Stat()
			if _, err := f.WriteAt([]byte("garbage!"), st.Size()-8); err != nil {
				t.Fatal(err)
			}
			return segs[0]
		}},
		{"garbled index metadata", func(t *testing.T, _, gen string) string {
			meta := filepath.Join(gen, "shard-00", "index_meta.json")
			if err := os.WriteFile(meta, []byte(`{"storage":"sco`), 0o600); err != nil {
				t.Fatal(err)
			}
			return meta
		}},
		{"truncated snapshot store", func(t *testing.T, _, gen string) string {
			root := filepath.Join(gen, "shard-01", "store", "root.bolt")
			truncate(t, root, 100)
			return root
		}},
		{"missing shard", func(t *testing.T, _, gen string) string {
			if err := os.RemoveAll(filepath.Join(gen, "shard-00")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(gen, "shard-00")
		}},
		{"garbled CURRENT", func(t *testing.T, dir, _ string) string {
			current := filepath.Join(dir, currentFile)
			if err := os.WriteFile(current, []byte("\x00\x00"), 0o600); err != nil {
				t.Fatal(err)
			}
			return current
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, gen := writtenIndex(t)
			file := tc.damage(t, dir, gen)
			ix, err := Open(dir, Options{})
			if err == nil {
				n, _ := ix.Count()
				ix.Close()
				t.Fatalf("Open succeeded with %d claims, want a CorruptError", n)
			}
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Open: %v, want a *CorruptError", err)
			}
			rel, _ := filepath.Rel(dir, file)
			if ce.Dir != dir || !strings.HasPrefix(ce.File, rel) {
				t.Errorf("CorruptError names %s in %s, want %s in %s", ce.File, ce.Dir, rel, dir)
			}
			msg := err.Error()
			t.Log(msg)
			for _, want := range []string{"index at " + dir + " is corrupt", rel, "claimwire reindex --offline"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not say %q", msg, want)
				}
			}
			if strings.Contains(msg, "mapping JSON") {
				t.Errorf("error %q is bleve's, not ours", msg)
			}

			// Reset starts over without opening the damaged generation, which it deletes.
			ix, err = Reset(dir, Options{Shards: 1})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if n, err := ix.Count(); n != 0 || err != nil {
				t.Errorf("after Reset: %d claims, %v; want an empty index", n, err)
			}
			if _, err := os.Stat(gen); !os.IsNotExist(err) {
				t.Errorf("damaged generation still there after Reset: %v", err)
			}
		})
	}
}

func truncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

// An undamaged index reopens with all its claims, its segments' checksums intact, also after
// compaction has merged them.
func TestOpenChecksAnIntactIndex(t *testing.T) {
	dir, gen := writtenIndex(t)
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	want, _ := ix.Count()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	for _, shard := range []string{"shard-00", "shard-01"} {
		if seg, err := damagedSegment(filepath.Join(gen, shard, "store")); seg != "" {
			t.Errorf("intact segment %s reported damaged: %v", seg, err)
		}
	}
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); n != want || want == 0 || err != nil {
		t.Errorf("reopened with %d claims, %v; want %d", n, err, want)
	}
}

// An index another process holds open is reported as in use, not as corrupt, and Open does not
// wait for it without end.
func TestOpenReportsAnIndexInUse(t *testing.T) {
	dir, _ := writtenIndex(t)
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// A second open in this process contends for bolt's file locks as another process would.
	other, err := Open(dir, Options{})
	if err == nil {
		other.Close()
		t.Fatal("a second Open of an index in use succeeded")
	}
	var ce *CorruptError
	if errors.As(err, &ce) || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("Open of an index in use: %v, want an in-use error", err)
	}
}
