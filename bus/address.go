package bus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EmbeddedURLFile is the file in a data directory where the process running the embedded
// NATS server records its client URL, so that `claimwire status` and `dlq` reach it when it
// listens on a random port (nats.embedded.port: -1). It is removed at a clean stop.
const EmbeddedURLFile = "nats.url"

// recordURL writes url to dataDir/EmbeddedURLFile, atomically so that a reader never sees half
// of it.
func recordURL(dataDir, url string) (string, error) {
	path := filepath.Join(dataDir, EmbeddedURLFile)
	tmp, err := os.CreateTemp(dataDir, EmbeddedURLFile+".*")
	if err != nil {
		return "", fmt.Errorf("bus: record embedded URL: %w", err)
	}
	_, werr := tmp.WriteString(url + "\n")
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("bus: record embedded URL: %w", werr)
	}
	return path, nil
}

// recordedURL reads the URL a running daemon recorded in dataDir; it wraps os.ErrNotExist when
// there is none.
func recordedURL(dataDir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, EmbeddedURLFile))
	if err != nil {
		return "", fmt.Errorf("bus: embedded URL: %w", err)
	}
	url := strings.TrimSpace(string(data))
	if !strings.HasPrefix(url, "nats://") {
		return "", fmt.Errorf("bus: embedded URL in %s: %q is no nats:// URL", filepath.Join(dataDir, EmbeddedURLFile), url)
	}
	return url, nil
}
