package crawler

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Source kinds.
const (
	KindFeed    = "feed"    // RSS, Atom or JSON feed
	KindSitemap = "sitemap" // sitemap, sitemap index or Google News sitemap
	KindStart   = "start"   // start page whose links are followed
)

// Config drives a Crawler. Decode YAML over DefaultConfig() so that omitted keys keep their
// defaults (RespectRobots in particular cannot be told apart from an explicit false otherwise).
type Config struct {
	// UserAgent identifies the crawler, with a contact URL.
	UserAgent string   `yaml:"user_agent"`
	Sources   []Source `yaml:"sources"`
	// Delay is the minimum spacing between two request starts to one host, and between the end
	// of a request and the next start; RandomDelay adds up to that much jitter to the former.
	Delay       time.Duration `yaml:"delay"`
	RandomDelay time.Duration `yaml:"random_delay"`
	// Parallelism is the maximum number of requests in flight to one host.
	Parallelism int `yaml:"parallelism"`
	// RequestTimeout bounds a whole exchange: connection, redirects, headers and body.
	RequestTimeout time.Duration `yaml:"request_timeout"`
	// MaxBodyBytes bounds a body after decompression; larger bodies fail with body_too_large.
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	MaxRedirects int   `yaml:"max_redirects"`
	// MaxRetries is how often a request is retried after a 429, a 5xx or a network error.
	MaxRetries int `yaml:"max_retries"`
	// RetryBackoff is the first retry's wait, doubled at each attempt; a Retry-After header
	// overrides it.
	RetryBackoff time.Duration `yaml:"retry_backoff"`
	// FeedInterval is how often sources are polled again when Run is not told once.
	FeedInterval time.Duration `yaml:"feed_interval"`
	// RecheckAfter is how long a settled page is not fetched again while its feed or sitemap
	// date has not moved; it is then re-checked with a conditional GET.
	RecheckAfter time.Duration `yaml:"recheck_after"`
	// RespectRobots honours robots.txt rules, Crawl-delay (as a floor on Delay) and checks
	// redirect targets too.
	RespectRobots bool `yaml:"respect_robots"`
	// AllowPrivateAddresses lets the crawler connect to non-public addresses (loopback, private,
	// every other IANA special-purpose range, this host's own); only tests and demos set it.
	AllowPrivateAddresses bool       `yaml:"allow_private_addresses"`
	Topics                TopicRules `yaml:"topics"`
	// Cluster shares one crawl between crawler processes (RunShared).
	Cluster ClusterConfig `yaml:"cluster"`
}

// ClusterConfig shares the crawl between crawler processes through JetStream: the queue, the
// visited set and page states, cookies, host leases and source polls live there instead of in
// the process and its data directory.
type ClusterConfig struct {
	Enabled bool `yaml:"enabled"`
	// Partitions is how many parts the queue is cut into by host; each part, with its hosts,
	// belongs to one process at a time. More parts than crawler processes spreads them evenly.
	// Every crawler must use the same count, and it changes only with the queue empty: a host
	// would otherwise map to two parts and two processes.
	Partitions int `yaml:"partitions"`
	// LeaseTTL is how long a part stays with a process that stopped renewing it (killed, cut off):
	// the time its hosts wait before another process takes them over.
	LeaseTTL time.Duration `yaml:"lease_ttl"`
	// AckWait is how long a task taken by a process may stay unsettled before it is delivered
	// again; it must cover a part's queued tasks waiting for their hosts' delays.
	AckWait time.Duration `yaml:"ack_wait"`
	// Buffer is how many tasks of one part a process holds at once.
	Buffer int `yaml:"buffer"`
}

// Source is where a crawl starts.
type Source struct {
	Kind string `yaml:"kind" json:"kind"` // KindFeed, KindSitemap or KindStart
	URL  string `yaml:"url" json:"url"`
	// AllowedDomains restricts the hosts of discovered URLs; a domain also allows its
	// subdomains. Empty means the source URL's host for start pages and any host for feeds
	// and sitemaps, whose lists are curated by the site.
	AllowedDomains []string `yaml:"allowed_domains" json:"allowed_domains,omitempty"`
	// Include and Exclude are regular expressions on discovered URLs (links, feed items and
	// sitemap entries): a URL must match one Include pattern, when there are any, and no
	// Exclude pattern.
	Include []string `yaml:"include" json:"include,omitempty"`
	Exclude []string `yaml:"exclude" json:"exclude,omitempty"`
	// MaxDepth is how many links away from a start page the crawler goes; 0 means
	// DefaultMaxDepth. Feeds and sitemaps list articles, whose links are not followed.
	MaxDepth int `yaml:"max_depth" json:"max_depth,omitempty"`
}

// DefaultMaxDepth is the link depth used for a start page without MaxDepth.
const DefaultMaxDepth = 2

// DefaultConfig returns polite defaults and the AI infrastructure topic rules.
func DefaultConfig() Config {
	return Config{
		UserAgent:      "claimwire/0.1 (+https://github.com/claimwire/claimwire)",
		Delay:          2 * time.Second,
		RandomDelay:    time.Second,
		Parallelism:    2,
		RequestTimeout: 30 * time.Second,
		MaxBodyBytes:   10 << 20,
		MaxRedirects:   5,
		MaxRetries:     3,
		RetryBackoff:   2 * time.Second,
		FeedInterval:   15 * time.Minute,
		RecheckAfter:   24 * time.Hour,
		RespectRobots:  true,
		Topics:         DefaultTopics(),
		Cluster:        ClusterConfig{Partitions: 32, LeaseTTL: 15 * time.Second, AckWait: 10 * time.Minute, Buffer: 32},
	}
}

// source is a validated Source with its patterns compiled.
type source struct {
	Source
	host             string
	maxDepth         int
	include, exclude []*regexp.Regexp
}

func (c *Config) validate() ([]*source, error) {
	var errs []error
	if c.UserAgent == "" {
		errs = append(errs, errors.New("user_agent is empty"))
	}
	if c.Parallelism < 1 {
		errs = append(errs, fmt.Errorf("parallelism %d is below 1", c.Parallelism))
	}
	if c.RequestTimeout <= 0 {
		errs = append(errs, fmt.Errorf("request_timeout %v is not positive", c.RequestTimeout))
	}
	if c.MaxBodyBytes <= 0 {
		errs = append(errs, fmt.Errorf("max_body_bytes %d is not positive", c.MaxBodyBytes))
	}
	if c.Delay < 0 || c.RandomDelay < 0 || c.MaxRedirects < 0 || c.MaxRetries < 0 || c.RetryBackoff < 0 {
		errs = append(errs, errors.New("delay, random_delay, max_redirects, max_retries and retry_backoff must not be negative"))
	}
	if c.FeedInterval <= 0 {
		errs = append(errs, fmt.Errorf("feed_interval %v is not positive", c.FeedInterval))
	}
	if c.RecheckAfter <= 0 {
		errs = append(errs, fmt.Errorf("recheck_after %v is not positive", c.RecheckAfter))
	}
	if cl := c.Cluster; cl.Enabled && (cl.Partitions < 1 || cl.Buffer < 1 || cl.LeaseTTL < time.Second || cl.AckWait < cl.LeaseTTL) {
		errs = append(errs, fmt.Errorf("cluster: partitions %d and buffer %d must be positive, lease_ttl %v at least 1s and ack_wait %v at least lease_ttl",
			cl.Partitions, cl.Buffer, cl.LeaseTTL, cl.AckWait))
	}
	if err := c.Topics.validate(); err != nil {
		errs = append(errs, err)
	}
	srcs := make([]*source, 0, len(c.Sources))
	for i, s := range c.Sources {
		src, err := compileSource(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("sources[%d]: %w", i, err))
			continue
		}
		srcs = append(srcs, src)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("crawler: invalid config: %w", err)
	}
	return srcs, nil
}

func compileSource(s Source) (*source, error) {
	switch s.Kind {
	case KindFeed, KindSitemap, KindStart:
	default:
		return nil, fmt.Errorf("unknown kind %q (want %s, %s or %s)", s.Kind, KindFeed, KindSitemap, KindStart)
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		return nil, fmt.Errorf("url: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("url %q is not an absolute http(s) URL", s.URL)
	}
	if s.MaxDepth < 0 {
		return nil, fmt.Errorf("max_depth %d is negative", s.MaxDepth)
	}
	src := &source{Source: s, host: u.Hostname(), maxDepth: s.MaxDepth}
	if src.maxDepth == 0 {
		src.maxDepth = DefaultMaxDepth
	}
	if src.include, err = compileAll(s.Include); err != nil {
		return nil, fmt.Errorf("include: %w", err)
	}
	if src.exclude, err = compileAll(s.Exclude); err != nil {
		return nil, fmt.Errorf("exclude: %w", err)
	}
	return src, nil
}

func compileAll(patterns []string) ([]*regexp.Regexp, error) {
	res := make([]*regexp.Regexp, 0, len(patterns))
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, err
		}
		res = append(res, re)
	}
	return res, nil
}

// allows reports whether a discovered URL may be fetched for this source.
func (s *source) allows(u *url.URL) bool {
	if !s.hostAllowed(strings.ToLower(u.Hostname())) {
		return false
	}
	raw := u.String()
	for _, re := range s.exclude {
		if re.MatchString(raw) {
			return false
		}
	}
	if len(s.include) == 0 {
		return true
	}
	for _, re := range s.include {
		if re.MatchString(raw) {
			return true
		}
	}
	return false
}

func (s *source) hostAllowed(host string) bool {
	domains := s.AllowedDomains
	if len(domains) == 0 {
		if s.Kind != KindStart {
			return true
		}
		domains = []string{strings.TrimPrefix(strings.ToLower(s.host), "www.")}
	}
	for _, d := range domains {
		d = strings.ToLower(strings.TrimSuffix(d, "."))
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
