package worker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire/crawler"
)

// kvTimeout bounds the key-value calls made from colly's storage interface, which passes no
// context.
const kvTimeout = 10 * time.Second

// KVStore is the shared crawl's visited set on the CRAWL_STATE bucket: each article URL's
// content hash and each URL's page state, so that every crawler process sees what the others
// fetched and published. It is also colly's storage.Storage, so that cookies a site sets are
// sent by whichever process fetches from it next.
type KVStore struct {
	kv  jetstream.KeyValue
	log *slog.Logger
}

// urlKey turns a URL into a key: keys allow few characters, and URLs can be long.
func urlKey(prefix, raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return prefix + "." + hex.EncodeToString(sum[:20])
}

func (s *KVStore) get(ctx context.Context, key string) ([]byte, bool, error) {
	e, err := s.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("crawler worker: store get %s: %w", key, err)
	}
	return e.Value(), true, nil
}

func (s *KVStore) put(ctx context.Context, key string, value []byte) error {
	if _, err := s.kv.Put(ctx, key, value); err != nil {
		return fmt.Errorf("crawler worker: store put %s: %w", key, err)
	}
	return nil
}

// Get returns the content hash last stored for url.
func (s *KVStore) Get(ctx context.Context, url string) (string, bool, error) {
	v, ok, err := s.get(ctx, urlKey("hash", url))
	return string(v), ok, err
}

// Put records hash as the content hash of url.
func (s *KVStore) Put(ctx context.Context, url, hash string) error {
	if url == "" || hash == "" {
		return fmt.Errorf("crawler worker: store: invalid entry %q -> %q", url, hash)
	}
	return s.put(ctx, urlKey("hash", url), []byte(hash))
}

// State returns the page state last stored for url.
func (s *KVStore) State(ctx context.Context, url string) (crawler.PageState, bool, error) {
	v, ok, err := s.get(ctx, urlKey("state", url))
	if err != nil || !ok {
		return crawler.PageState{}, false, err
	}
	var st crawler.PageState
	if err := json.Unmarshal(v, &st); err != nil {
		return crawler.PageState{}, false, fmt.Errorf("crawler worker: store: state of %s: %w", url, err)
	}
	return st, true, nil
}

// claimedState is a page state as the bucket keeps it while a process fetches the page; a
// plain PutState drops the claim.
type claimedState struct {
	crawler.PageState
	FetchBy    string    `json:"fetch_by,omitempty"`
	FetchUntil time.Time `json:"fetch_until,omitzero"`
}

// claimTries bounds how often ClaimFetch reads the state again after its write lost a race:
// another process's write, or a read served by a replica behind the leader.
const claimTries = 5

// ClaimFetch is crawler.ClaimStore's: the claim is written with the revision the state was
// read at, so that it holds only over the latest state, whichever replica answered the read.
// Claims compare wall clocks of processes: their skew must stay well under a claim's length.
func (s *KVStore) ClaimFetch(ctx context.Context, url, holder string, until time.Time, due func(crawler.PageState) bool) (crawler.FetchClaim, error) {
	key := urlKey("state", url)
	for range claimTries {
		var st claimedState
		var rev uint64
		e, err := s.kv.Get(ctx, key)
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
		case err != nil:
			return crawler.FetchClaim{}, fmt.Errorf("crawler worker: claim of %s: %w", url, err)
		default:
			if err := json.Unmarshal(e.Value(), &st); err != nil {
				// A state that cannot be read would keep the page from ever being fetched:
				// the claim replaces it, and the fetch writes a state anew.
				s.log.Warn("crawler worker: unreadable page state replaced", slog.String("url", url), slog.Any("error", err))
				st = claimedState{}
			}
			rev = e.Revision()
		}
		if !due(st.PageState) {
			return crawler.FetchClaim{}, nil
		}
		if st.FetchBy != "" && st.FetchBy != holder && time.Now().Before(st.FetchUntil) {
			return crawler.FetchClaim{BusyUntil: st.FetchUntil}, nil
		}
		st.FetchBy, st.FetchUntil = holder, until
		data, err := json.Marshal(st)
		if err != nil {
			return crawler.FetchClaim{}, fmt.Errorf("crawler worker: claim of %s: %w", url, err)
		}
		if rev == 0 {
			_, err = s.kv.Create(ctx, key, data)
		} else {
			_, err = s.kv.Update(ctx, key, data, rev)
		}
		switch {
		case err == nil:
			return crawler.FetchClaim{Fetch: true, State: st.PageState}, nil
		case !errors.Is(err, jetstream.ErrKeyExists):
			return crawler.FetchClaim{}, fmt.Errorf("crawler worker: claim of %s: %w", url, err)
		}
	}
	return crawler.FetchClaim{}, fmt.Errorf("crawler worker: claim of %s: the state changed under %d tries", url, claimTries)
}

// PutState records st for url.
func (s *KVStore) PutState(ctx context.Context, url string, st crawler.PageState) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("crawler worker: store: %w", err)
	}
	return s.put(ctx, urlKey("state", url), data)
}

// Init is colly's storage hook; the bucket exists already.
func (s *KVStore) Init() error { return nil }

// Visited records a colly request id. The crawler lets colly revisit URLs (its own visited
// set is the content hashes and page states above), so colly only calls this when configured
// otherwise.
func (s *KVStore) Visited(requestID uint64) error {
	ctx, cancel := context.WithTimeout(context.Background(), kvTimeout)
	defer cancel()
	return s.put(ctx, "visited."+strconv.FormatUint(requestID, 16), []byte{1})
}

// IsVisited reports whether a colly request id was recorded by any crawler process.
func (s *KVStore) IsVisited(requestID uint64) (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), kvTimeout)
	defer cancel()
	_, ok, err := s.get(ctx, "visited."+strconv.FormatUint(requestID, 16))
	return ok, err
}

// Cookies returns the cookies stored for u's host, as colly's cookie jar keeps them.
func (s *KVStore) Cookies(u *url.URL) string {
	ctx, cancel := context.WithTimeout(context.Background(), kvTimeout)
	defer cancel()
	v, _, err := s.get(ctx, urlKey("cookie", u.Host))
	if err != nil {
		// colly's interface has no error here: a request without its cookies is the cost.
		s.log.Warn("crawler worker: reading cookies", slog.String("host", u.Host), slog.Any("error", err))
	}
	return string(v)
}

// SetCookies stores the cookies of u's host.
func (s *KVStore) SetCookies(u *url.URL, cookies string) {
	ctx, cancel := context.WithTimeout(context.Background(), kvTimeout)
	defer cancel()
	if err := s.put(ctx, urlKey("cookie", u.Host), []byte(cookies)); err != nil {
		s.log.Warn("crawler worker: storing cookies", slog.String("host", u.Host), slog.Any("error", err))
	}
}
