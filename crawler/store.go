package crawler

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Store is the persistent visited set: the content hash of the last emitted version of each
// article URL. It survives restarts so that unchanged articles are not emitted again.
type Store interface {
	Get(ctx context.Context, url string) (contentHash string, found bool, err error)
	Put(ctx context.Context, url, contentHash string) error
}

// PageState is what the crawler remembers of a fetched URL between rounds: the validators for a
// conditional GET and when the page was last settled (fetched and handled, and so was all it
// listed), with the date its feed or sitemap listed then, so that it is not fetched again before
// it is due. It is written only once all the URL listed is settled: a state from a stopped
// round would hide what that round did not reach.
type PageState struct {
	ETag, LastModified string
	// Listed is the feed or sitemap date (lastmod) of the URL when it was settled, zero if none.
	Listed time.Time
	// Settled is when the page was last settled, zero if never.
	Settled time.Time
}

// StateStore is a Store that also keeps PageStates. Given one, a restarted crawler does not fetch
// known pages again before they are due; with a plain Store it keeps them in memory only.
type StateStore interface {
	Store
	State(ctx context.Context, url string) (PageState, bool, error)
	PutState(ctx context.Context, url string, st PageState) error
}

// FetchClaim is what a ClaimStore decided about a page about to be fetched.
type FetchClaim struct {
	// Fetch is true when the page is due and now claimed for the asking process.
	Fetch bool
	// BusyUntil, when Fetch is false, is when another process's claim on the page ends; zero
	// when the page is simply not due.
	BusyUntil time.Time
	// State is the page's state the claim was made over, when Fetch: its validators go with the
	// request, read once.
	State PageState
}

// ClaimStore is a StateStore that several crawler processes share. A shared crawl fetches a
// page only once it holds the page's claim: a task delivered again (its ack lost, or its
// host's lease taken over during a NATS outage) must not be fetched while the first fetch may
// still be writing the page's state. ClaimFetch reads the page's state and, when due says it
// must be fetched and no other holder's claim runs, records in one compare-and-set that holder
// fetches it until until. The page's next PutState ends the claim.
type ClaimStore interface {
	StateStore
	ClaimFetch(ctx context.Context, url, holder string, until time.Time, due func(PageState) bool) (FetchClaim, error)
}

const (
	// storeFile is the log's name inside the data directory.
	storeFile = "visited.log"
	// lockFile guards the directory against a second process.
	lockFile = "LOCK"
	// stateMarker starts the log lines of page states; hash lines start with a URL.
	stateMarker = "s"
	// maxStateAge is how long a state is kept through compactions after it was last settled:
	// older pages are due anyway and their validators are likely stale.
	maxStateAge = 90 * 24 * time.Hour
)

// FileStore is a StateStore kept in memory and persisted as an append-only log, rewritten without
// superseded lines when opened. Hash lines are "url\thash"; state lines are
// "s\turl\tetag\tlast-modified\tlisted\tsettled" with Unix times. A lock file keeps a second
// process out of the directory. It is safe for concurrent use.
type FileStore struct {
	mu     sync.Mutex
	hashes map[string]string
	states map[string]PageState
	f      *os.File
	w      *bufio.Writer
	unlock func() error
}

// OpenFileStore opens (creating if needed) the store in dir and compacts its log. A torn last
// line, left by a crash in the middle of a write, is dropped. It fails if another FileStore,
// in this process or another, has dir open.
func OpenFileStore(dir string) (*FileStore, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("crawler: store: %w", err)
	}
	unlock, err := lockDir(filepath.Join(dir, lockFile))
	if err != nil {
		return nil, fmt.Errorf("crawler: store: %s is in use by another crawler: %w", dir, err)
	}
	s, err := openLog(filepath.Join(dir, storeFile), time.Now())
	if err != nil {
		return nil, errors.Join(err, unlock())
	}
	s.unlock = unlock
	return s, nil
}

func openLog(path string, now time.Time) (*FileStore, error) {
	s := &FileStore{hashes: make(map[string]string), states: make(map[string]PageState)}
	if err := s.read(path); err != nil {
		return nil, err
	}
	for url, st := range s.states {
		if st == (PageState{}) || !st.Settled.IsZero() && now.Sub(st.Settled) > maxStateAge {
			delete(s.states, url)
		}
	}
	if err := s.compact(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return nil, fmt.Errorf("crawler: store: %w", err)
	}
	s.f, s.w = f, bufio.NewWriter(f)
	return s, nil
}

func (s *FileStore) read(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("crawler: store: %w", err)
	}
	// Only newline-terminated lines are complete; the remainder is a torn write.
	complete := data[:strings.LastIndexByte(string(data), '\n')+1]
	for line := range strings.Lines(string(complete)) {
		fields := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		switch {
		case len(fields) == 2 && fields[0] != "" && fields[1] != "":
			s.hashes[fields[0]] = fields[1]
		case len(fields) == 6 && fields[0] == stateMarker && fields[1] != "":
			s.states[fields[1]] = PageState{ETag: fields[2], LastModified: fields[3],
				Listed: parseUnix(fields[4]), Settled: parseUnix(fields[5])}
		}
	}
	return nil
}

// compact replaces the log atomically so that a crash while compacting loses nothing.
func (s *FileStore) compact(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), storeFile+".*")
	if err != nil {
		return fmt.Errorf("crawler: store: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	w := bufio.NewWriter(tmp)
	for url, hash := range s.hashes {
		writeHashLine(w, url, hash)
	}
	for url, st := range s.states {
		writeStateLine(w, url, st)
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

func writeHashLine(w *bufio.Writer, url, hash string) {
	w.WriteString(url)
	w.WriteByte('\t')
	w.WriteString(hash)
	w.WriteByte('\n')
}

func writeStateLine(w *bufio.Writer, url string, st PageState) {
	for _, f := range []string{stateMarker, url, st.ETag, st.LastModified, formatUnix(st.Listed)} {
		w.WriteString(f)
		w.WriteByte('\t')
	}
	w.WriteString(formatUnix(st.Settled))
	w.WriteByte('\n')
}

func formatUnix(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.Unix(), 10)
}

func parseUnix(s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
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
	writeHashLine(s.w, url, hash)
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("crawler: store: %w", err)
	}
	s.hashes[url] = hash
	return nil
}

// State returns the page state last stored for url.
func (s *FileStore) State(_ context.Context, url string) (PageState, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.states == nil {
		return PageState{}, false, errStoreClosed
	}
	st, ok := s.states[url]
	return st, ok, nil
}

// PutState records st for url, flushed like Put. Validators that cannot be written on one line
// are dropped: a conditional GET is an optimisation. Times are kept to the second.
func (s *FileStore) PutState(_ context.Context, url string, st PageState) error {
	if url == "" || strings.ContainsAny(url, "\t\r\n") {
		return fmt.Errorf("crawler: store: invalid state URL %q", url)
	}
	if strings.ContainsAny(st.ETag, "\t\r\n") || strings.ContainsAny(st.LastModified, "\t\r\n") {
		st.ETag, st.LastModified = "", ""
	}
	st.Listed, st.Settled = parseUnix(formatUnix(st.Listed)), parseUnix(formatUnix(st.Settled))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.states == nil {
		return errStoreClosed
	}
	if prev, ok := s.states[url]; ok && prev == st {
		return nil
	}
	writeStateLine(s.w, url, st)
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("crawler: store: %w", err)
	}
	s.states[url] = st
	return nil
}

// Len returns the number of URLs with a content hash in the store.
func (s *FileStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.hashes)
}

// Close syncs and closes the log and releases the directory. The store is unusable afterwards.
func (s *FileStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hashes == nil {
		return errStoreClosed
	}
	s.hashes, s.states = nil, nil
	if err := errors.Join(s.w.Flush(), s.f.Sync(), s.f.Close(), s.unlock()); err != nil {
		return fmt.Errorf("crawler: store: close: %w", err)
	}
	return nil
}

var errStoreClosed = errors.New("crawler: store is closed")
