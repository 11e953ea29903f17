package crawler

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

var (
	errPrivateAddress   = errors.New("crawler: refusing to connect to a non-public address")
	errBodyTooLarge     = errors.New("crawler: body exceeds the size limit")
	errTooManyRedirects = errors.New("crawler: too many redirects")
	errRedirectLoop     = errors.New("crawler: redirect loop")
	errRedirectScheme   = errors.New("crawler: redirect to a non-http(s) URL")
)

// rawContentTypeHeader carries the response's Content-Type past colly. colly converts a body to
// UTF-8 whenever Content-Type names a charset, even with DetectCharset off, and article.Parse
// must get the raw bytes to apply <meta charset> rules itself; so the transport hands colly a
// Content-Type without parameters and keeps the original here.
const rawContentTypeHeader = "X-Claimwire-Raw-Content-Type"

// PublicAddressesOnly is a net.Dialer Control hook that refuses the addresses the crawler
// refuses (special-purpose blocks, the host's own addresses), checked after DNS resolution. The
// daemon's webhook client dials through it too.
func PublicAddressesOnly() func(network, address string, c syscall.RawConn) error {
	guard := newAddressGuard(net.InterfaceAddrs)
	return func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %q", errPrivateAddress, address)
		}
		return guard.check(ap.Addr())
	}
}

// newTransport returns the transport every request goes through. Addresses are checked in the
// dialer's Control hook, after DNS resolution, so a name that resolves (or re-resolves) to a
// private address is refused too.
func newTransport(cfg *Config) *limitTransport {
	dialer := &net.Dialer{Timeout: min(cfg.RequestTimeout, 30*time.Second), KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivateAddresses {
		dialer.Control = PublicAddressesOnly()
	}
	return &limitTransport{
		next: &http.Transport{
			// No proxy from the environment: the address check must see the real peer.
			Proxy:                 nil,
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   max(cfg.Parallelism, 2),
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		},
		maxBody: cfg.MaxBodyBytes,
	}
}

// limitTransport bounds response bodies after decompression and hides charset parameters from
// colly (see rawContentTypeHeader).
type limitTransport struct {
	next    *http.Transport
	maxBody int64
}

// CloseIdleConnections lets a finished round release its connections; rounds are minutes
// apart, longer than connections are worth keeping.
func (t *limitTransport) CloseIdleConnections() { t.next.CloseIdleConnections() }

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body := resp.Body
	// Gzip files served as such (sitemap.xml.gz) are not decompressed by net/http; colly would
	// decompress them without a limit, so it is done here, under the limit, instead.
	if !resp.Uncompressed && isGzipFile(resp) {
		zr, err := gzip.NewReader(io.LimitReader(resp.Body, t.maxBody))
		if err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("crawler: gzip body: %w", err)
		}
		body = struct {
			io.Reader
			io.Closer
		}{zr, resp.Body}
		resp.Uncompressed = true
		resp.Header.Del("Content-Encoding")
		resp.ContentLength = -1
	}
	resp.Body = &limitedBody{r: body, left: t.maxBody}
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		resp.Header.Set(rawContentTypeHeader, ct)
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			resp.Header.Set("Content-Type", mt)
		} else {
			resp.Header.Del("Content-Type")
		}
	}
	return resp, nil
}

func isGzipFile(resp *http.Response) bool {
	ce := strings.ToLower(resp.Header.Get("Content-Encoding"))
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	return strings.Contains(ce, "gzip") || (ce == "" && strings.Contains(ct, "gzip")) ||
		strings.HasSuffix(strings.ToLower(resp.Request.URL.Path), ".gz")
}

// limitedBody fails with errBodyTooLarge instead of silently truncating, so that a huge page or
// a decompression bomb is reported as such rather than parsed half-read.
type limitedBody struct {
	r    io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Probe one byte: a body of exactly the limit is fine.
		var one [1]byte
		if n, err := b.r.Read(one[:]); n > 0 {
			return 0, errBodyTooLarge
		} else if err != nil {
			return 0, err
		}
		return 0, nil
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.r.Close() }

// redirectPolicy bounds redirect chains, stops loops early instead of running into the limit,
// and submits each target to check (robots.txt), when not nil.
func redirectPolicy(maxRedirects int, check func(*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: %s", errRedirectScheme, req.URL.Redacted())
		}
		target := req.URL.String()
		for _, prev := range via {
			if prev.URL.String() == target {
				return fmt.Errorf("%w: back to %s", errRedirectLoop, target)
			}
		}
		if len(via) > maxRedirects {
			return fmt.Errorf("%w: more than %d", errTooManyRedirects, maxRedirects)
		}
		if check != nil {
			return check(req)
		}
		return nil
	}
}

// Failure and skip reasons, as counted in Stats and logged with the "reason" attribute.
const (
	reasonTimeout        = "timeout"
	reasonNetwork        = "network"
	reasonDNS            = "dns" // the host name did not resolve
	reasonPrivateAddress = "private_address"
	reasonBodyTooLarge   = "body_too_large"
	reasonRedirectLoop   = "redirect_loop"
	reasonRedirectLimit  = "redirect_limit"
	reasonRedirectScheme = "redirect_scheme"
	reasonBadGzip        = "bad_gzip"
	reasonRobots         = "robots_txt"
	reasonRobotsDown     = "robots_unavailable"
	reasonTooDeep        = "nested_too_deep"
	reasonContentType    = "content_type"
	reasonBinaryBody     = "binary_body"
	reasonNoIndex        = "noindex"
	reasonDuplicate      = "duplicate"
	reasonOffSite        = "redirect_off_site"
	reasonKnown          = "known"
	reasonFrontierFull   = "frontier_full"
	reasonBadFeed        = "bad_feed"
	reasonBadSitemap     = "bad_sitemap"
	reasonParse          = "parse"
	reasonEmit           = "emit"
	reasonStore          = "store"
	reasonBadURL         = "bad_url"
)

// classifyError maps a fetch error to a reason and whether retrying may help.
func classifyError(err error) (reason string, retry bool) {
	var netErr net.Error
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr):
		// Before the robots.txt case: a host that does not resolve is a DNS failure even when
		// its robots.txt was the first thing asked of it.
		return reasonDNS, dnsErr.IsTemporary || dnsErr.IsTimeout
	case errors.Is(err, errPrivateAddress):
		return reasonPrivateAddress, false
	case errors.Is(err, errBodyTooLarge):
		return reasonBodyTooLarge, false
	case errors.Is(err, errRedirectLoop):
		return reasonRedirectLoop, false
	case errors.Is(err, errTooManyRedirects):
		return reasonRedirectLimit, false
	case errors.Is(err, errRedirectScheme):
		return reasonRedirectScheme, false
	case errors.Is(err, errRobotsUnavailable):
		return reasonRobotsDown, false
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum):
		return reasonBadGzip, false
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return reasonTimeout, true
	default:
		return reasonNetwork, true
	}
}
