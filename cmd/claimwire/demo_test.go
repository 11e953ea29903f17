package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoHonoursAPIToken: with CLAIMWIRE_API_TOKEN set, the demo's write endpoints are on and
// take that token only.
func TestDemoHonoursAPIToken(t *testing.T) {
	const token = "demo-secret"
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: pw, Stderr: &stderr, Getenv: func(name string) string {
		if name == "CLAIMWIRE_API_TOKEN" {
			return token
		}
		return ""
	}}
	done := make(chan error, 1)
	go func() {
		err := m.Run(ctx, []string{"demo", "--addr", "127.0.0.1:0", "--data", t.TempDir()})
		pw.Close()
		done <- err
	}()
	base := ""
	for sc := bufio.NewScanner(pr); sc.Scan(); {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "Open "); ok {
			base, _, _ = strings.Cut(rest, "/ in a browser")
		}
		if strings.HasPrefix(line, "Press Ctrl-C") {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if base == "" {
		cancel()
		t.Fatalf("demo did not start: %v\n%s", <-done, stderr.String())
	}

	for _, tc := range []struct {
		auth string
		want int
	}{{"", http.StatusUnauthorized}, {"Bearer wrong", http.StatusUnauthorized}, {"Bearer " + token, http.StatusOK}} {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/admin/dlq", nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("GET /api/admin/dlq with %q: %d %s, want %d", tc.auth, resp.StatusCode, body, tc.want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("demo stopped with %v\n%s", err, stderr.String())
	}
}

// demo --help states the data directory demo uses when --data is not given.
func TestDemoHelpStatesItsDataDir(t *testing.T) {
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skipf("no cache directory: %v", err)
	}
	out, _, err := runCLI(t, "", "demo", "--help")
	if err != nil {
		t.Fatal(err)
	}
	if want := `(default "` + filepath.Join(cache, "claimwire", "demo") + `")`; !strings.Contains(out, want) {
		t.Errorf("demo --help does not state %s:\n%s", want, out)
	}
}
