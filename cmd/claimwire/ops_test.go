package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/bus"
)

// TestStatusWithRandomPort: `claimwire status` reaches a daemon whose embedded NATS listens on
// a random port (nats.embedded.port: -1) through the address it records in its data
// directory, and says what is missing once the daemon has stopped.
func TestStatusWithRandomPort(t *testing.T) {
	cmd, logPath := startDaemon(t)
	defer func() { _ = cmd.Process.Kill() }()
	dir := filepath.Dir(logPath)
	cfgPath := filepath.Join(dir, "c.yaml")
	out, stderr, err := runCLI(t, "", "status", "--config", cfgPath, "--json")
	if err != nil {
		t.Fatalf("status: %v\n%s", err, stderr)
	}
	var streams []struct{ Name string }
	if err := json.Unmarshal([]byte(out), &streams); err != nil {
		t.Fatalf("status --json printed %q: %v", out, err)
	}
	if len(streams) < 2 || streams[0].Name != "ARTICLES" {
		t.Errorf("status printed %s, want the ARTICLES and CLAIMS streams", out)
	}
	if out, _, err := runCLI(t, "", "dlq", "--config", cfgPath, "list"); err != nil {
		t.Errorf("dlq list: %v\n%s", err, out)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code, _ := waitExit(t, cmd, 30*time.Second); code != 0 {
		t.Fatalf("daemon exited %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, bus.EmbeddedURLFile)); !os.IsNotExist(err) {
		t.Errorf("%s left behind after a clean stop (%v)", bus.EmbeddedURLFile, err)
	}
	if _, _, err := runCLI(t, "", "status", "--config", cfgPath); err == nil || !strings.Contains(err.Error(), "is the daemon running") {
		t.Errorf("status without a daemon: %v, want an error asking whether the daemon runs", err)
	}
}
