package daemon

import (
	"log/slog"
	"net/http"
	"time"
)

// Requests are small and answers quick (searches have their own time limit), so a client that
// takes longer to send a request or to read an answer is holding a connection hostage. Exports
// stream for longer and push their own deadlines out page by page (see indexer/api).
const (
	httpReadTimeout  = 30 * time.Second
	httpWriteTimeout = time.Minute
)

// newHTTPServer returns the daemon's HTTP server: a request must arrive within read (its
// headers within 10 s at most), its answer be written within write.
func newHTTPServer(handler http.Handler, logger *slog.Logger, read, write time.Duration) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: min(10*time.Second, read),
		ReadTimeout:       read,
		WriteTimeout:      write,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}
