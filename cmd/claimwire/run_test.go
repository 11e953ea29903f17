package main

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
)

// TestRunExitsNonZeroWhenARoleFails deletes the indexer's consumer under a running
// 'claimwire run': the role cannot go on, so the process must exit non-zero for its supervisor to
// restart it, not keep serving as if ready.
func TestRunExitsNonZeroWhenARoleFails(t *testing.T) {
	cmd, logPath := startDaemon(t)
	defer func() { _ = cmd.Process.Kill() }()
	data, _ := os.ReadFile(logPath)
	url := regexp.MustCompile(`embedded NATS started" url=(\S+)`).FindSubmatch(data)
	if url == nil {
		t.Fatalf("no NATS address in the log:\n%s", data)
	}
	nc, err := nats.Connect(string(url[1]))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := js.DeleteConsumer(ctx, claimwire.StreamClaims, claimwire.ConsumerIndexer); err != nil {
		t.Fatal(err)
	}
	code, _ := waitExit(t, cmd, 30*time.Second)
	data, _ = os.ReadFile(logPath)
	if code == 0 {
		t.Fatalf("exit code 0 after the indexer failed, want non-zero:\n%s", data)
	}
	if !strings.Contains(string(data), "indexer stopped") {
		t.Errorf("the log does not say which role failed:\n%s", data)
	}
}
