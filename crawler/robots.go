package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

const (
	// robotsTTL is how long a fetched robots.txt is used; RFC 9309 asks for at most a day.
	robotsTTL = 24 * time.Hour
	// robotsFailureTTL is how long a failed robots.txt fetch stands before it is tried again;
	// meanwhile the host is not crawled (RFC 9309: an unreachable robots.txt disallows all).
	robotsFailureTTL = 30 * time.Minute
	// maxRobotsBytes is how much of a robots.txt is read, RFC 9309's minimum.
	maxRobotsBytes = 512 << 10
	// maxRobotsRedirects is how many redirects a robots.txt fetch follows (RFC 9309: at least 5).
	maxRobotsRedirects = 5
	// maxCrawlDelay caps a Crawl-delay, which a hostile robots.txt could set to days.
	maxCrawlDelay = time.Minute
	// maxRobotsOrigins bounds the cache; expired entries go first, then everything.
	maxRobotsOrigins = 10000
)

var (
	errRobotsBlocked     = errors.New("crawler: disallowed by robots.txt")
	errRobotsUnavailable = errors.New("crawler: robots.txt unavailable")
)

// robotsCache fetches and keeps the robots.txt rules of each origin for the crawler's user
// agent, across rounds. colly's own check is not used: it refetches on every failure, ignores
// Crawl-delay and does not see redirect targets.
type robotsCache struct {
	client    *http.Client
	userAgent string
	timeout   time.Duration

	mu      sync.Mutex
	origins map[string]*robotsEntry // by scheme://host:port
}

type robotsEntry struct {
	ready   chan struct{} // closed once fetched; the fields below are then read-only
	group   *robotstxt.Group
	err     error
	expires time.Time
}

func newRobotsCache(rt http.RoundTripper, userAgent string, timeout time.Duration) *robotsCache {
	return &robotsCache{
		client:    &http.Client{Transport: rt, CheckRedirect: redirectPolicy(maxRobotsRedirects, nil)},
		userAgent: userAgent,
		timeout:   timeout,
		origins:   make(map[string]*robotsEntry),
	}
}

// check returns errRobotsBlocked if robots.txt disallows u, errRobotsUnavailable (wrapping the
// cause) if it could not be read, and otherwise the origin's Crawl-delay.
func (rc *robotsCache) check(ctx context.Context, u *url.URL) (time.Duration, error) {
	group, err := rc.rules(ctx, u.Scheme+"://"+u.Host)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, fmt.Errorf("%w: %s: %w", errRobotsUnavailable, u.Host, err)
	}
	if !group.Test(u.RequestURI()) {
		return 0, fmt.Errorf("%w: %s", errRobotsBlocked, u.Redacted())
	}
	return min(max(group.CrawlDelay, 0), maxCrawlDelay), nil
}

// rules returns origin's group for the user agent. Concurrent callers share one fetch; failures
// are cached too, for robotsFailureTTL, except a canceled one.
func (rc *robotsCache) rules(ctx context.Context, origin string) (*robotstxt.Group, error) {
	now := time.Now()
	rc.mu.Lock()
	e := rc.origins[origin]
	if e != nil && isClosed(e.ready) && now.After(e.expires) {
		e = nil
	}
	if e != nil {
		rc.mu.Unlock()
		select {
		case <-e.ready:
			return e.group, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if len(rc.origins) >= maxRobotsOrigins {
		rc.prune(now)
	}
	e = &robotsEntry{ready: make(chan struct{})}
	rc.origins[origin] = e
	rc.mu.Unlock()

	e.group, e.err = rc.fetch(ctx, origin)
	ttl := robotsTTL
	if e.err != nil {
		ttl = robotsFailureTTL
	}
	e.expires = time.Now().Add(ttl)
	close(e.ready)
	if ctx.Err() != nil {
		rc.mu.Lock()
		if rc.origins[origin] == e {
			delete(rc.origins, origin) // not the origin's fault
		}
		rc.mu.Unlock()
	}
	return e.group, e.err
}

// prune drops expired entries, or all settled ones when none has expired.
func (rc *robotsCache) prune(now time.Time) {
	n := len(rc.origins)
	for k, e := range rc.origins {
		if isClosed(e.ready) && now.After(e.expires) {
			delete(rc.origins, k)
		}
	}
	if len(rc.origins) < n {
		return
	}
	for k, e := range rc.origins {
		if isClosed(e.ready) {
			delete(rc.origins, k)
		}
	}
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// fetch reads origin's robots.txt. A 4xx other than 429 means there is none: all is allowed.
// A 429, a 5xx or a network error is a failure.
func (rc *robotsCache) fetch(ctx context.Context, origin string) (*robotstxt.Group, error) {
	ctx, cancel := context.WithTimeout(ctx, rc.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", rc.userAgent)
	req.Header.Set("Accept", "text/plain, */*;q=0.5")
	resp, err := rc.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
		if err != nil {
			return nil, err
		}
		data, err := robotstxt.FromBytes(dropStrayLines(body))
		if err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
		return data.FindGroup(rc.userAgent), nil
	case code >= 400 && code < 500 && code != http.StatusTooManyRequests:
		data, err := robotstxt.FromStatusAndBytes(code, nil)
		if err != nil {
			return nil, err
		}
		return data.FindGroup(rc.userAgent), nil
	default:
		return nil, fmt.Errorf("HTTP status %d", code)
	}
}

// dropStrayLines drops the lines of a robots.txt that robotstxt rejects, failing the whole file,
// where RFC 9309 has them ignored: rules before any User-agent line (outside a group they apply
// to no one, so a file without groups allows everything) and unreadable Crawl-delay values.
// Lines are split and keyed as robotstxt's scanner does: at CR or LF, after a byte order mark,
// the key up to ':' or a space.
func dropStrayLines(body []byte) []byte {
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	out := make([]byte, 0, len(body))
	grouped := false
	for _, line := range bytes.FieldsFunc(body, func(r rune) bool { return r == '\n' || r == '\r' }) {
		fields := strings.FieldsFunc(string(line), func(r rune) bool { return r == ' ' || r == '\t' || r == '\v' })
		if len(fields) == 0 {
			continue
		}
		key, value, _ := strings.Cut(fields[0], ":")
		if value == "" && len(fields) > 1 {
			value = fields[1]
		}
		switch strings.ToLower(key) {
		case "user-agent", "useragent":
			grouped = true
		case "allow", "disallow":
			if !grouped {
				continue
			}
		case "crawl-delay", "crawldelay":
			if d, err := strconv.ParseFloat(value, 64); !grouped || err != nil || d < 0 || math.IsNaN(d) || math.IsInf(d, 0) {
				continue
			}
		}
		out = append(append(out, line...), '\n')
	}
	return out
}
