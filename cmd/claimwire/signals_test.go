package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startDaemon runs 'claimwire run' as a child process on an embedded NATS and waits until it
// says it started.
func startDaemon(t *testing.T) (*exec.Cmd, string) {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "c.yaml")
	cfg := fmt.Sprintf("data_dir: %s\nroles: [extractor, indexer]\nshutdown_timeout: 10s\nhttp:\n  addr: 127.0.0.1:0\nnats:\n  embedded:\n    port: -1\nlog:\n  format: text\n", dir)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logFile.Close() })
	cmd := claimwireCommand(t, "run", "--config", cfgPath)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, _ := os.ReadFile(logPath)
		if strings.Contains(string(data), "claimwire started") {
			return cmd, logPath
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("daemon did not start:\n%s", data)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func waitExit(t *testing.T, cmd *exec.Cmd, within time.Duration) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), time.Since(start)
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, time.Since(start)
	case <-time.After(within):
		_ = cmd.Process.Kill()
		t.Fatalf("daemon still running %s after the signal", within)
		return -1, 0
	}
}

func TestGracefulShutdownOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd, logPath := startDaemon(t)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			code, took := waitExit(t, cmd, 15*time.Second)
			data, _ := os.ReadFile(logPath)
			if code != 0 {
				t.Fatalf("exit code %d after %v, want 0:\n%s", code, sig, data)
			}
			if !strings.Contains(string(data), "shutting down") {
				t.Errorf("no graceful shutdown in the log:\n%s", data)
			}
			t.Logf("%v: clean exit in %s", sig, took.Round(time.Millisecond))
		})
	}
}

func TestSecondSignalExitsAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	cancelled := make(chan struct{})
	exited := make(chan int, 1)
	go watchSignals(ctx, sigs, func() { close(cancelled) }, io.Discard, func(code int) { exited <- code })

	sigs <- syscall.SIGTERM
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("first signal did not start the shutdown")
	}
	select {
	case code := <-exited:
		t.Fatalf("exited with %d after one signal", code)
	case <-time.After(50 * time.Millisecond):
	}
	sigs <- syscall.SIGINT
	select {
	case code := <-exited:
		if code != 130 {
			t.Fatalf("exit code %d, want 130", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second signal did not exit")
	}
}
