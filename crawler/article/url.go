package article

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// trackingParams are query parameters that only identify a campaign or a click, never the
// document, so two URLs differing only by them are the same article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "ref_src": true, "ref_url": true,
	"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"xtor": true, "at_medium": true, "at_campaign": true, "at_platform": true,
	"cmpid": true, "ocid": true, "smid": true, "spm": true,
}

// trackingPrefixes catch whole families of campaign parameters.
var trackingPrefixes = []string{"utm_", "pk_", "mtm_"}

func isTrackingParam(key string) bool {
	k := strings.ToLower(key)
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// CanonicalizeURL drops fragments and tracking parameters, lower-cases scheme and host, removes
// default ports and sorts the remaining query parameters. Only absolute http(s) URLs are accepted.
func CanonicalizeURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("article: canonicalize %q: %w", raw, err)
	}
	if err := canonicalize(u); err != nil {
		return "", err
	}
	return u.String(), nil
}

// canonicalize rewrites u in place; it is shared by CanonicalizeURL and the resolution of
// rel=canonical links against the page URL.
func canonicalize(u *url.URL) error {
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("article: canonicalize %q: scheme must be http or https", u.Redacted())
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if !validHost(host) {
		return fmt.Errorf("article: canonicalize %q: invalid host %q", u.Redacted(), host)
	}
	port := u.Port()
	if port != "" {
		p, err := strconv.Atoi(port)
		if err != nil || p < 1 || p > 65535 {
			return fmt.Errorf("article: canonicalize %q: invalid port %q", u.Redacted(), port)
		}
		port = strconv.Itoa(p)
	}
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	u.Opaque = ""
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	u.RawQuery = cleanQuery(u.RawQuery)
	u.ForceQuery = false
	return nil
}

// validHost accepts DNS names (including internationalized ones) and IP literals.
func validHost(host string) bool {
	if host == "" || strings.HasPrefix(host, ".") || strings.Contains(host, "..") {
		return false
	}
	if strings.Contains(host, ":") {
		_, err := netip.ParseAddr(host)
		return err == nil
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_' || r >= 0x80) {
			return false
		}
	}
	return true
}

// cleanQuery keeps the raw encoding of each remaining parameter, so that canonicalizing is
// idempotent and never changes what the server receives, and sorts parameters by key.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' }) {
		key, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if key == "" || isTrackingParam(key) {
			continue
		}
		kept = append(kept, part)
	}
	slices.SortStableFunc(kept, func(a, b string) int {
		ka, _, _ := strings.Cut(a, "=")
		kb, _, _ := strings.Cut(b, "=")
		return strings.Compare(ka, kb)
	})
	return strings.Join(kept, "&")
}

// siteOf is the host and port of a canonical URL, without "www.".
func siteOf(u *url.URL) string {
	// The port stays: two servers on one host are two sites (CanonicalizeURL already dropped
	// default ports).
	return strings.TrimPrefix(u.Host, "www.")
}
