package article

import (
	"net/url"
	"strings"
	"testing"
)

func TestCanonicalizeURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.Example.COM/a/b?utm_source=x&utm_medium=y#frag", "https://www.example.com/a/b"},
		{"HTTP://news.example.com:80/x", "http://news.example.com/x"},
		{"https://news.example.com:443/x", "https://news.example.com/x"},
		{"https://news.example.com:8443/x", "https://news.example.com:8443/x"},
		{"https://news.example.com", "https://news.example.com/"},
		{"https://news.example.com/a?b=2&a=1&fbclid=zz&gclid=1", "https://news.example.com/a?a=1&b=2"},
		{"https://news.example.com/a?mc_cid=1&mc_eid=2&igshid=3&ref_src=twsrc&id=7", "https://news.example.com/a?id=7"},
		{"https://news.example.com/a?xtor=RSS-1&UTM_Campaign=x&page=2", "https://news.example.com/a?page=2"},
		{"https://news.example.com/a?q=caf%C3%A9&q=b+c", "https://news.example.com/a?q=caf%C3%A9&q=b+c"},
		{"https://news.example.com/a?&&x=1&", "https://news.example.com/a?x=1"},
		{"https://news.example.com/a?", "https://news.example.com/a"},
		{"https://news.example.com./a", "https://news.example.com/a"},
		{"  https://news.example.com/espace%20vide  ", "https://news.example.com/espace%20vide"},
		{"https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"},
		{"https://[2001:db8::1]:8080/x", "https://[2001:db8::1]:8080/x"},
	} {
		got, err := CanonicalizeURL(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("CanonicalizeURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestCanonicalizeURLErrors(t *testing.T) {
	for _, in := range []string{"", "/relative/path", "mailto:a@example.com", "javascript:void(0)", "ftp://example.com/", "https://", "http://%41:8080/", "https://a b.example/"} {
		if got, err := CanonicalizeURL(in); err == nil {
			t.Errorf("CanonicalizeURL(%q) = %q, want an error", in, got)
		} else if !strings.HasPrefix(err.Error(), "article: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
}

func TestResolveCanonical(t *testing.T) {
	fetched, _ := url.Parse("https://www.news.example.com/tech/article-42?utm_source=rss")
	for _, tc := range []struct{ href, want string }{
		{"", "https://www.news.example.com/tech/article-42?utm_source=rss"},
		{"/tech/article-42", "https://www.news.example.com/tech/article-42"},
		{"https://news.example.com/tech/article-42#x", "https://news.example.com/tech/article-42"},
		{"https://www.news.example.com/", fetched.String()}, // home page: a template bug
		{"javascript:alert(1)", fetched.String()},
		{"%zz", fetched.String()},
	} {
		if got := resolveCanonical(tc.href, fetched).String(); got != tc.want {
			t.Errorf("resolveCanonical(%q) = %q, want %q", tc.href, got, tc.want)
		}
	}
}

func FuzzCanonicalizeURL(f *testing.F) {
	for _, s := range []string{"https://www.example.com/a?b=1&utm_source=x#f", "http://[::1]:80/", "https://a.example/?a=1;b=2", "HTTPS://X.EXAMPLE:443", "%", "https://é.example/ü?q=ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := CanonicalizeURL(raw)
		if err != nil {
			return
		}
		// Canonical URLs are fixed points: the crawler's visited set depends on it.
		again, err := CanonicalizeURL(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", raw, got, again, err)
		}
		u, err := url.Parse(got)
		if err != nil || u.Fragment != "" || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("bad canonical URL %q from %q (%v)", got, raw, err)
		}
		for k := range u.Query() {
			if isTrackingParam(k) {
				t.Fatalf("tracking parameter %q kept in %q", k, got)
			}
		}
	})
}
