package bus

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
)

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"nats://a:4222": "nats://a:4222",
		"nats://user:secret@a:4222,nats://b:4222": "nats://***@a:4222,nats://b:4222",
		"tls://tok@host:4443":                     "tls://***@host:4443",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBackoff(t *testing.T) {
	for delivered, want := range map[uint64]time.Duration{
		0: time.Second, 1: time.Second, 2: 4 * time.Second, 3: 16 * time.Second, 5: 256 * time.Second, 6: 5 * time.Minute, 40: 5 * time.Minute,
	} {
		if got := Backoff(delivered); got != want {
			t.Errorf("Backoff(%d) = %s, want %s", delivered, got, want)
		}
	}
}

// TestEmbeddedStreams opens an embedded server, creates the streams twice (the second time
// updates them), checks their limits and de-duplication, and reopens the same storage.
func TestEmbeddedStreams(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Embedded.Port = -1
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	b, err := Open(ctx, cfg, dir, logger)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.EnsureStreams(ctx, cfg.Streams); err != nil {
		t.Fatal(err)
	}
	cfg.Streams.DuplicateWindow = time.Hour
	if err := b.EnsureStreams(ctx, cfg.Streams); err != nil {
		t.Fatalf("updating the streams: %v", err)
	}
	if err := b.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := b.JS.Stream(ctx, claimwire.StreamArticles)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Config.Storage != jetstream.FileStorage || info.Config.Duplicates != time.Hour {
		t.Errorf("stream config = %+v", info.Config)
	}
	for range 3 {
		if _, err := b.JS.Publish(ctx, claimwire.SubjectArticles, []byte(`{}`), jetstream.WithMsgID("same")); err != nil {
			t.Fatal(err)
		}
	}
	status, err := b.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(status) != 4 || status[0].Name != claimwire.StreamArticles || status[0].Messages != 1 {
		t.Errorf("status = %+v, want 4 streams and one de-duplicated article", status)
	}
	// The review log is never aged out: review state is folded from all of it.
	rs, err := b.JS.Stream(ctx, claimwire.StreamReviews)
	if err != nil {
		t.Fatal(err)
	}
	if ri, err := rs.Info(ctx); err != nil || ri.Config.MaxAge != 0 || ri.Config.MaxBytes > 0 || ri.Config.MaxMsgs > 0 ||
		ri.Config.Storage != jetstream.FileStorage || ri.Config.Duplicates != time.Hour {
		t.Errorf("REVIEWS config = %+v, %v; want file storage, no limits, the duplicate window", ri.Config, err)
	}
	b.Close()

	b, err = Open(ctx, cfg, dir, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if status, err = b.Status(ctx); err != nil || status[0].Messages != 1 {
		t.Errorf("after reopening: %+v, %v", status, err)
	}
}

func TestDialWithoutDaemon(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := DefaultConfig()
	cfg.Embedded.Port = -1
	if _, err := Dial(ctx, cfg, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Error("Dial without a fixed port, a recorded address or a URL succeeded")
	}
	cfg.URL = "nats://127.0.0.1:1"
	if _, err := Dial(ctx, cfg, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Error("Dial to a closed port succeeded")
	}
}

func TestRetryDelay(t *testing.T) {
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}
	for i, w := range want {
		if got := retryDelay(i); got != w {
			t.Errorf("retryDelay(%d) = %s, want %s", i, got, w)
		}
	}
	if got := retryDelay(100); got != 30*time.Second {
		t.Errorf("retryDelay(100) = %s, want the 30 s cap", got)
	}
}

// openEmbedded opens a bus on an embedded server of the default configuration on a free port,
// closed when t ends, and returns it with that configuration.
func openEmbedded(t *testing.T) (*Bus, Config) {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Embedded.Port = -1
	b, err := Open(t.Context(), cfg, t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b, cfg
}

// TestPublishAsyncTimesOut publishes to a subject whose only listener never answers, as a stream
// leader killed before acking: the ack's wait must end with an error rather than last forever.
func TestPublishAsyncTimesOut(t *testing.T) {
	b, _ := openEmbedded(t)
	sub, err := b.Conn.SubscribeSync("claimwire.test.silent")
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	ack, err := b.JS.PublishAsync("claimwire.test.silent", []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-ack.Ok():
		t.Fatal("acked by nobody")
	case err := <-ack.Err():
		if !errors.Is(err, jetstream.ErrAsyncPublishTimeout) {
			t.Errorf("ack error %v, want %v", err, jetstream.ErrAsyncPublishTimeout)
		}
	case <-time.After(publishAckTimeout + 5*time.Second):
		t.Fatal("the ack of an unanswered publish is still awaited")
	}
}

// TestEnsureStreamsWaitsForJetStream creates the streams on a server whose JetStream comes up
// only later, as a cluster's does while its nodes elect a leader: EnsureStreams waits for it
// rather than failing the process's start.
func TestEnsureStreamsWaitsForJetStream(t *testing.T) {
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	defer srv.Shutdown()
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("server not ready")
	}
	cfg := DefaultConfig()
	cfg.URL = srv.ClientURL()
	b, err := Open(t.Context(), cfg, t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	enabled := make(chan error, 1)
	time.AfterFunc(time.Second, func() { enabled <- srv.EnableJetStream(&server.JetStreamConfig{StoreDir: t.TempDir()}) })
	if err := b.EnsureStreams(t.Context(), cfg.Streams); err != nil {
		t.Fatalf("EnsureStreams before JetStream was up: %v", err)
	}
	if err := <-enabled; err != nil {
		t.Fatal(err)
	}
	if _, err := b.JS.Stream(t.Context(), claimwire.StreamClaims); err != nil {
		t.Errorf("stream %s: %v", claimwire.StreamClaims, err)
	}
}

// TestEnsureStreamsRefusedAtOnce fails at once on a stream the server refuses (its subjects
// taken by another stream) instead of trying again.
func TestEnsureStreamsRefusedAtOnce(t *testing.T) {
	b, cfg := openEmbedded(t)
	if _, err := b.JS.CreateStream(t.Context(), jetstream.StreamConfig{Name: "SQUATTER", Subjects: []string{claimwire.SubjectArticles}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err := b.EnsureStreams(t.Context(), cfg.Streams)
	var apiErr *jetstream.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("EnsureStreams = %v, want the server's refusal", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("a refused stream took %s to fail", took)
	}
}
