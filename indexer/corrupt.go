package indexer

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"
)

// CorruptError reports an index that cannot be opened because one of its files is damaged or
// missing. The claims stream holds everything the index holds, so the fix is a rebuild.
type CorruptError struct {
	// Dir is the index directory, File the damaged or missing file inside it.
	Dir, File string
	Err       error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("indexer: index at %s is corrupt (%s: %v): %s", e.Dir, e.File, e.Err, e.Hint())
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Hint says what to do about it.
func (e *CorruptError) Hint() string {
	return "stop claimwire and run `claimwire reindex --offline` (with the daemon's --config) to rebuild it from the CLAIMS stream"
}

// corrupt reports file, a path inside the index directory dir, as damaged; errors that say the
// file is out of reach rather than damaged (permissions, a lock held) stay plain errors.
func corrupt(dir, file string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("indexer: open %s: %w", file, err)
	}
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("indexer: index at %s is in use by another process (stop claimwire first): %w", dir, err)
	}
	if rel, rerr := filepath.Rel(dir, file); rerr == nil {
		file = rel
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the file is named already
	}
	return &CorruptError{Dir: dir, File: file, Err: err}
}

// checkShard looks for a damaged or missing file in the bleve index at path before bleve opens
// it for writing. bleve would not say: scorch falls back to an older snapshot when the newest
// one does not load (and later deletes the newest), so a truncated segment opens as an index
// that silently lacks claims, or fails with "error parsing mapping JSON" when no older snapshot
// is left. It returns the file at fault and what is wrong with it.
func checkShard(path string) (file string, err error) {
	meta := filepath.Join(path, "index_meta.json")
	data, err := os.ReadFile(meta)
	if err != nil {
		return meta, err
	}
	var m struct {
		IndexType string `json:"index_type"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return meta, fmt.Errorf("not index metadata: %w", err)
	}
	if m.IndexType != scorch.Name {
		return meta, fmt.Errorf("index type %q, want %q", m.IndexType, scorch.Name)
	}
	store := filepath.Join(path, "store")
	root := filepath.Join(store, "root.bolt")
	if _, err := os.Stat(root); err != nil {
		return root, err // read-only scorch would create an empty one
	}
	// Read-only: no persister or merger runs, so nothing is rewritten or deleted. The timeout
	// turns a lock held by another process into an error instead of a wait without end.
	q := index.NewAnalysisQueue(1)
	defer q.Close()
	si, err := scorch.NewScorch(scorch.Name, map[string]any{"path": store, "read_only": true, "bolt_timeout": "2s"}, q)
	if err != nil {
		return root, err
	}
	s, ok := si.(*scorch.Scorch)
	if !ok {
		return root, fmt.Errorf("want a scorch index, not %T", si)
	}
	if err := s.Open(); err != nil {
		return root, err
	}
	defer s.Close()
	epochs, err := s.RootBoltSnapshotEpochs() // newest first
	if err != nil {
		return root, err
	}
	if len(epochs) == 0 {
		return root, errors.New("no snapshot")
	}
	snap, err := s.LoadSnapshot(epochs[0])
	if err != nil {
		if seg, segErr := damagedSegment(store); seg != "" {
			return seg, segErr
		}
		return root, fmt.Errorf("newest snapshot does not load: %w", err)
	}
	return "", snap.Close()
}

// damagedSegment returns the first segment file in store whose checksum does not match its
// content, with what is wrong; "" when all match. The check reads every segment, so it runs
// only once a snapshot has failed to load, to name the file at fault.
func damagedSegment(store string) (string, error) {
	names, _ := filepath.Glob(filepath.Join(store, "*.zap")) // the pattern is valid
	slices.Sort(names)
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return name, err
		}
		// A zap segment ends with the CRC-32 of everything before it.
		if len(data) < 8 {
			return name, fmt.Errorf("%d bytes, too short for a segment", len(data))
		}
		body, sum := data[:len(data)-4], binary.BigEndian.Uint32(data[len(data)-4:])
		if crc32.ChecksumIEEE(body) != sum {
			return name, errors.New("segment checksum mismatch (truncated or overwritten)")
		}
	}
	return "", nil
}

// checkCurrent validates the generation name CURRENT holds.
func checkCurrent(dir string, data []byte) (string, error) {
	name := strings.TrimSpace(string(data))
	if !strings.HasPrefix(name, "gen-") || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("%q is not a generation name", name)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		return "", fmt.Errorf("names %s: %w", name, err)
	}
	return name, nil
}
