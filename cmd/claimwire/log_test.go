package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestLogDurationsReadable: durations read "1.5s" in both log formats, not nanoseconds.
func TestLogDurationsReadable(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		var buf bytes.Buffer
		logger, err := newLogger(&buf, "info", format)
		if err != nil {
			t.Fatal(err)
		}
		logger.Info("round done", slog.Duration("elapsed", 1500*time.Millisecond), slog.Any("wait", 2*time.Minute))
		out := buf.String()
		if format == "json" {
			var rec map[string]any
			if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", out, err)
			}
			if rec["elapsed"] != "1.5s" || rec["wait"] != "2m0s" {
				t.Errorf("json log %s: elapsed %v, wait %v; want 1.5s and 2m0s", out, rec["elapsed"], rec["wait"])
			}
			continue
		}
		if !strings.Contains(out, "elapsed=1.5s") || !strings.Contains(out, "wait=2m0s") {
			t.Errorf("text log %q: want elapsed=1.5s and wait=2m0s", out)
		}
	}
}
