package crawler

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Store is the persistent visited set: the content hash of the last emitted version of each
// article URL. It survives restarts so that unchanged articles are not emitted again.
type Store interface {
	Get(ctx context.Context, url string) (contentHash string, found bool, err error)
	Put(ctx context.Context, url, contentHash string) error
}

// storeFile is the log's name inside the data directory.
const storeFile = "visited.log"

// FileStore is a Store kept in memory and persisted as an append-only log of "url\thash" lines,
// rewritten without superseded lines when opened. It is safe for concurrent use.
type FileStore struct {
	mu     sync.Mutex
	hashes map[string]string
	f      *os.File
	w      *bufio.Writer
}

// OpenFileStore opens (creating if needed) the store in dir and compacts its log. A torn last
// line, left by a crash in the middle of a write, is dropped.
func OpenFileStore(dir string) (*FileStore, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("crawler: store: %w", err)
	}
	path := filepath.Join(dir, storeFile)
	hashes, err := readStoreLog(path)
	if err != nil {
		return nil, err
	}
	if err := writeStoreLog(path, hashes); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return nil, fmt.Errorf("crawler: store: %w", err)
	}
	return &FileStore{hashes: hashes, f: f, w: bufio.NewWriter(f)}, nil
}

func readStoreLog(path string) (map[string]string, error) {
	hashes := make(map[string]string)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return hashes, nil
	}
	if err != nil {
		return nil, fmt.Errorf("crawler: store: %w", err)
	}
	// Only newline-terminated lines are complete; the remainder is a torn write.
	complete := data[:strings.LastIndexByte(string(data), '\n')+1]
	for line := range strings.Lines(string(complete)) {
		url, hash, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok || url == "" || hash == "" {
			continue
		}
		hashes[url] = hash
	}
	return hashes, nil
}

// writeStoreLog replaces the log atomically so that a crash while compacting loses nothing.
func writeStoreLog(path string, hashes map[string]string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), storeFile+".*")
	if err != nil {
		return fmt.Errorf("crawler: store: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	w := bufio.NewWriter(tmp)
	for url, hash := range hashes {
		w.WriteString(url)
		w.WriteByte('\t')
		w.WriteString(hash)
		w.WriteByte('\n')
	}
	err = errors.Join(w.Flush(), tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("crawler: store: compact: %w", err)
	}
	return nil
}

// Get returns the content hash last stored for url.
func (s *FileStore) Get(_ context.Context, url string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hashes == nil {
		return "", false, errStoreClosed
	}
	h, ok := s.hashes[url]
	return h, ok, nil
}

// Put records hash as the content hash of url. The line is flushed to the operating system
// before Put returns, so a crash of the process loses nothing; Close syncs it to disk.
func (s *FileStore) Put(_ context.Context, url, hash string) error {
	if url == "" || hash == "" || strings.ContainsAny(url, "\t\r\n") || strings.ContainsAny(hash, "\t\r\n") {
		return fmt.Errorf("crawler: store: invalid entry %q -> %q", url, hash)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hashes == nil {
		return errStoreClosed
	}
	if s.hashes[url] == hash {
		return nil
	}
	s.w.WriteString(url)
	s.w.WriteByte('\t')
	s.w.WriteString(hash)
	s.w.WriteByte('\n')
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("crawler: store: %w", err)
	}
	s.hashes[url] = hash
	return nil
}

// Len returns the number of URLs in the store.
func (s *FileStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.hashes)
}

// Close syncs and closes the log. The store is unusable afterwards.
func (s *FileStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hashes == nil {
		return errStoreClosed
	}
	s.hashes = nil
	if err := errors.Join(s.w.Flush(), s.f.Sync(), s.f.Close()); err != nil {
		return fmt.Errorf("crawler: store: close: %w", err)
	}
	return nil
}

var errStoreClosed = errors.New("crawler: store is closed")
