package daemon

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer"
	"github.com/claimwire/claimwire/indexer/api"
)

// Short timeouts, so that slow clients are cut off quickly in the tests.
const testReadTimeout, testWriteTimeout = 300 * time.Millisecond, 300 * time.Millisecond

// serveHTTP runs newHTTPServer with the test timeouts on loopback. Accepted connections get a
// small send buffer, so that a client that stops reading blocks the server's writes at once.
func serveHTTP(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(h, slog.New(slog.DiscardHandler), testReadTimeout, testWriteTimeout)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(smallSendBuffers{ln})
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		<-done
	})
	return ln.Addr().String()
}

type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4 << 10)
	}
	return c, err
}

// pausingGet reads the first line of url's answer, stops reading for three times the timeouts,
// then reads the rest. Its connection has a small receive buffer, so that the server's writes
// block while it pauses.
func pausingGet(t *testing.T, url string) ([]byte, error) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{
		Control: func(_, _ string, c syscall.RawConn) error {
			var err error
			if cerr := c.Control(func(fd uintptr) {
				err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4<<10)
			}); cerr != nil {
				return cerr
			}
			return err
		},
	}).DialContext}}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	first, err := br.ReadBytes('\n')
	if err != nil {
		return first, err
	}
	time.Sleep(3 * max(testReadTimeout, testWriteTimeout))
	rest, err := io.ReadAll(br)
	return append(first, rest...), err
}

// TestHTTPServerCutsSlowClients: a client that sends its headers or its body too slowly is cut
// off at the read timeout, one that reads its answer too slowly at the write timeout, instead
// of holding the connection.
func TestHTTPServerCutsSlowClients(t *testing.T) {
	bodyErr := make(chan error, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/upload", func(w http.ResponseWriter, r *http.Request) {
		_, err := io.ReadAll(r.Body)
		bodyErr <- err
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		line := []byte(strings.Repeat("a", 1023) + "\n")
		for range 4096 {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	})
	addr := serveHTTP(t, mux)
	dial := func(t *testing.T) net.Conn {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = conn.Close() })
		return conn
	}
	// dribble writes a byte at a time until the server hangs up or the test ends.
	dribble := func(conn net.Conn, s string) {
		for i := range len(s) {
			if _, err := conn.Write([]byte{s[i]}); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	t.Run("body", func(t *testing.T) {
		conn := dial(t)
		fmt.Fprint(conn, "POST /upload HTTP/1.1\r\nHost: claimwire\r\nContent-Length: 100\r\n\r\n")
		go dribble(conn, strings.Repeat("a", 100))
		select {
		case err := <-bodyErr:
			var ne net.Error
			if !errors.As(err, &ne) || !ne.Timeout() {
				t.Errorf("reading a slow body: %v, want a timeout", err)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("a body sent at 20 bytes/s was still being read after 3 s")
		}
	})
	t.Run("headers", func(t *testing.T) {
		conn := dial(t)
		go dribble(conn, "GET /upload HTTP/1.1\r\nHost: claimwire\r\nX-Slow: "+strings.Repeat("a", 100)+"\r\n\r\n")
		start := time.Now()
		_ = conn.SetReadDeadline(start.Add(3 * time.Second))
		_, err := io.ReadAll(conn)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("headers sent at 20 bytes/s still accepted after %v", time.Since(start))
		}
	})
	t.Run("answer", func(t *testing.T) {
		if body, err := pausingGet(t, "http://"+addr+"/big"); err == nil {
			t.Errorf("a client that stopped reading got all %d bytes, want it cut off", len(body))
		}
	})
}

// TestHTTPServerLongExport: an export that takes longer than the read and write timeouts, to a
// client that pauses reading, still arrives whole.
func TestHTTPServerLongExport(t *testing.T) {
	const n = 250
	ix, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	claims := make([]claimwire.Claim, n)
	for i := range claims {
		claims[i] = claimwire.Claim{
			ID: fmt.Sprintf("x%04d", i),
			Quantity: claimwire.Quantity{Surface: fmt.Sprintf("%d MW", i), Value: float64(i), Unit: "MW",
				Qualifier: "exact", Lang: "en", Sentence: fmt.Sprintf("Site %d will draw %d MW.", i, i)},
			URL: fmt.Sprintf("https://power.example.com/%d", i), Site: "power.example.com",
			// Long titles make the export megabytes, far more than the socket buffers hold.
			Title: strings.Repeat(fmt.Sprintf("Power %d ", i), 500),
		}
	}
	if err := ix.Index(t.Context(), claims); err != nil {
		t.Fatal(err)
	}
	addr := serveHTTP(t, api.New(ix, slog.New(slog.DiscardHandler)))

	body, err := pausingGet(t, "http://"+addr+"/api/claims.csv?sort=value")
	if err != nil {
		t.Fatalf("export cut off after %d bytes: %v", len(body), err)
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 || rows[n][0] != fmt.Sprintf("x%04d", n-1) {
		t.Errorf("export has %d rows, want a header and %d claims", len(rows), n)
	}
}
