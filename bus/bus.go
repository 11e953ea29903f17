// Package bus connects claimwire to NATS JetStream: it starts the embedded server when no URL is
// configured, connects with credentials and TLS otherwise, and creates the streams. The workers
// of each stage use it; the stages' pure logic never does.
package bus

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
)

// Config says where NATS is. With URL empty, an embedded server is started.
type Config struct {
	// URL is a comma-separated list of servers of one cluster, e.g. "nats://n1:4222,nats://n2:4222".
	URL          string         `yaml:"url"`
	CredsFile    string         `yaml:"creds_file"`
	NKeySeedFile string         `yaml:"nkey_seed_file"`
	TLS          TLSConfig      `yaml:"tls"`
	Embedded     EmbeddedConfig `yaml:"embedded"`
	Streams      StreamConfig   `yaml:"streams"`
}

// TLSConfig holds client TLS files; CAFile alone verifies the server, CertFile and KeyFile add a client certificate.
type TLSConfig struct {
	CAFile   string `yaml:"ca_file"`
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
}

// EmbeddedConfig configures the in-process server used when URL is empty.
type EmbeddedConfig struct {
	Host string `yaml:"host"`
	// Port is the client port; -1 picks a free one.
	Port int `yaml:"port"`
	// StoreDir defaults to <data dir>/nats.
	StoreDir string `yaml:"store_dir"`
	// Cluster makes the server one node of a JetStream cluster; only `claimwire nats` sets it.
	Cluster ClusterNode `yaml:"-"`
}

// ClusterNode names a server and its cluster routes. With Port zero the server runs alone.
type ClusterNode struct {
	// Name must differ between the nodes; Cluster is the cluster's name, the same on all.
	Name, Cluster string
	// Port listens for the other nodes' routes; Routes lists every node's route URL
	// (nats-route://host:port), this one's included.
	Port   int
	Routes []string
}

// StreamConfig sets the limits of the ARTICLES and CLAIMS streams.
type StreamConfig struct {
	MaxAge   time.Duration `yaml:"max_age"`
	MaxBytes int64         `yaml:"max_bytes"`
	// DuplicateWindow is how long JetStream remembers message ids to drop re-publications.
	DuplicateWindow time.Duration `yaml:"duplicate_window"`
	Replicas        int           `yaml:"replicas"`
}

// DefaultConfig is an embedded server on loopback with a month of history.
func DefaultConfig() Config {
	return Config{
		Embedded: EmbeddedConfig{Host: "127.0.0.1", Port: 4222},
		Streams: StreamConfig{
			MaxAge:          30 * 24 * time.Hour,
			MaxBytes:        4 << 30,
			DuplicateWindow: 24 * time.Hour,
			Replicas:        1,
		},
	}
}

// Bus is a JetStream connection, and the embedded server behind it when there is one.
type Bus struct {
	Conn   *nats.Conn
	JS     jetstream.JetStream
	server *server.Server
	logger *slog.Logger
	// urlFile is where Open recorded the embedded server's URL, removed by Close.
	urlFile string
}

// Open starts the embedded server if cfg.URL is empty, then connects. dataDir holds the
// embedded server's storage.
func Open(ctx context.Context, cfg Config, dataDir string, logger *slog.Logger) (*Bus, error) {
	b := &Bus{logger: logger}
	url := cfg.URL
	if url == "" {
		srv, err := StartServer(cfg.Embedded, dataDir)
		if err != nil {
			return nil, err
		}
		b.server = srv
		url = srv.ClientURL()
		logger.Info("embedded NATS started", slog.String("url", url), slog.String("store_dir", srv.StoreDir()))
		if dataDir != "" {
			// Not fatal: the pipeline runs without it, only the one-shot commands cannot find
			// a server on a random port.
			if b.urlFile, err = recordURL(dataDir, url); err != nil {
				logger.Warn("embedded NATS address not recorded: claimwire status needs a fixed port", slog.Any("error", err))
			}
		}
	}
	opts, err := clientOptions(cfg, logger)
	if err != nil {
		b.Close()
		return nil, err
	}
	nc, err := connect(ctx, url, opts)
	if err != nil {
		b.Close()
		return nil, err
	}
	b.Conn = nc
	js, err := newJetStream(nc)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("bus: jetstream: %w", err)
	}
	b.JS = js
	return b, nil
}

// publishAckTimeout bounds the wait for an asynchronous publish's ack. Without it a publish lost
// with a NATS node (its stream leader killed before answering) is awaited forever, and the
// worker awaiting it stalls silently: seen in the cluster test, an indexer replica stopped for
// good when a node died under it.
const publishAckTimeout = 10 * time.Second

// newJetStream is the JetStream context of every connection.
func newJetStream(nc *nats.Conn) (jetstream.JetStream, error) {
	return jetstream.New(nc, jetstream.WithPublishAsyncTimeout(publishAckTimeout))
}

// Dial connects to the configured NATS servers, or to the embedded server of a daemon running
// with cfg on dataDir, without ever starting one: for commands that inspect a running pipeline.
// The embedded server is found at the URL the daemon recorded in dataDir (EmbeddedURLFile),
// else at its fixed port.
func Dial(ctx context.Context, cfg Config, dataDir string, logger *slog.Logger) (*Bus, error) {
	url := cfg.URL
	if url == "" {
		recorded, err := recordedURL(dataDir)
		switch {
		case err == nil:
			url = recorded
		case !errors.Is(err, os.ErrNotExist):
			return nil, err
		case cfg.Embedded.Port > 0:
			host := cfg.Embedded.Host
			if host == "" {
				host = "127.0.0.1"
			}
			url = fmt.Sprintf("nats://%s:%d", host, cfg.Embedded.Port)
		default:
			return nil, fmt.Errorf("bus: no nats.url, no embedded NATS address recorded in %s (is the daemon running with this data_dir?) and no fixed embedded port", dataDir)
		}
	}
	opts, err := clientOptions(cfg, logger)
	if err != nil {
		return nil, err
	}
	// A one-shot command should fail fast when nothing listens, not wait for reconnects.
	opts = append(opts, nats.RetryOnFailedConnect(false), nats.Timeout(5*time.Second))
	nc, err := connect(ctx, url, opts)
	if err != nil {
		return nil, fmt.Errorf("%w (is the daemon or NATS running?)", err)
	}
	js, err := newJetStream(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("bus: jetstream: %w", err)
	}
	return &Bus{Conn: nc, JS: js, logger: logger}, nil
}

// ClientURL is the embedded server's address, or "" when connected to an external one.
func (b *Bus) ClientURL() string {
	if b.server == nil {
		return ""
	}
	return b.server.ClientURL()
}

// StartServer starts a NATS server with JetStream storing under cfg.StoreDir, or dataDir/nats.
func StartServer(cfg EmbeddedConfig, dataDir string) (*server.Server, error) {
	storeDir := cfg.StoreDir
	if storeDir == "" {
		storeDir = filepath.Join(dataDir, "nats")
	}
	host := cfg.Host
	if host == "" {
		host = "127.0.0.1"
	}
	opts := &server.Options{
		ServerName: "claimwire-embedded",
		Host:       host,
		Port:       cfg.Port,
		JetStream:  true,
		StoreDir:   storeDir,
		NoSigs:     true,
		NoLog:      true,
	}
	if cl := cfg.Cluster; cl.Port != 0 {
		opts.ServerName = cl.Name
		opts.Cluster = server.ClusterOpts{Name: cl.Cluster, Host: host, Port: cl.Port}
		opts.Routes = server.RoutesFromStr(strings.Join(cl.Routes, ","))
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("bus: embedded server: %w", err)
	}
	srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("bus: embedded server on %s:%d not ready after 10s (port in use?)", host, cfg.Port)
	}
	return srv, nil
}

func clientOptions(cfg Config, logger *slog.Logger) ([]nats.Option, error) {
	opts := []nats.Option{
		nats.Name("claimwire"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.RetryOnFailedConnect(true),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logger.Warn("NATS disconnected", slog.Any("error", err))
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			logger.Info("NATS reconnected", slog.String("url", nc.ConnectedUrlRedacted()))
		}),
	}
	if cfg.CredsFile != "" {
		opts = append(opts, nats.UserCredentials(cfg.CredsFile))
	}
	if cfg.NKeySeedFile != "" {
		o, err := nats.NkeyOptionFromSeed(cfg.NKeySeedFile)
		if err != nil {
			return nil, fmt.Errorf("bus: nkey seed %s: %w", cfg.NKeySeedFile, err)
		}
		opts = append(opts, o)
	}
	if cfg.TLS.CAFile != "" {
		opts = append(opts, nats.RootCAs(cfg.TLS.CAFile))
	}
	if cfg.TLS.CertFile != "" || cfg.TLS.KeyFile != "" {
		opts = append(opts, nats.ClientCert(cfg.TLS.CertFile, cfg.TLS.KeyFile))
	}
	if cfg.TLS.CAFile != "" || cfg.TLS.CertFile != "" {
		opts = append(opts, nats.Secure(&tls.Config{MinVersion: tls.VersionTLS12}))
	}
	return opts, nil
}

// connect retries until the first connection succeeds or ctx ends, so a daemon started before
// its NATS cluster waits for it instead of exiting.
func connect(ctx context.Context, url string, opts []nats.Option) (*nats.Conn, error) {
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("bus: connect %s: %w", redact(url), err)
	}
	for !nc.IsConnected() {
		select {
		case <-ctx.Done():
			nc.Close()
			return nil, fmt.Errorf("bus: connect %s: %w", redact(url), ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
	return nc, nil
}

// redact hides passwords in URLs before they reach a log or an error.
func redact(url string) string {
	parts := strings.Split(url, ",")
	for i, p := range parts {
		if at := strings.LastIndex(p, "@"); at >= 0 {
			if scheme := strings.Index(p, "://"); scheme >= 0 && scheme < at {
				parts[i] = p[:scheme+3] + "***" + p[at:]
			}
		}
	}
	return strings.Join(parts, ",")
}

// EnsureStreams creates or updates the ARTICLES, CLAIMS, DEADLETTER and REVIEWS streams.
func (b *Bus) EnsureStreams(ctx context.Context, cfg StreamConfig) error {
	replicas := max(cfg.Replicas, 1)
	streams := []jetstream.StreamConfig{
		{
			Name:        claimwire.StreamArticles,
			Description: "cleaned articles from the crawler, one per version",
			Subjects:    []string{claimwire.SubjectArticles},
		},
		{
			Name:        claimwire.StreamClaims,
			Description: "claims from the extractor, one per message, keyed by claim id",
			Subjects:    []string{claimwire.SubjectClaims},
		},
		{
			Name:        claimwire.StreamDeadLetter,
			Description: "messages that failed repeatedly, with the reason in the Claimwire-Reason header",
			Subjects:    []string{claimwire.SubjectDeadLetter + ".>"},
		},
	}
	for _, sc := range streams {
		sc.Storage = jetstream.FileStorage
		sc.Retention = jetstream.LimitsPolicy
		sc.MaxAge = cfg.MaxAge
		sc.MaxBytes = cfg.MaxBytes
		sc.Duplicates = cfg.DuplicateWindow
		sc.Replicas = replicas
		sc.Discard = jetstream.DiscardOld
		if err := b.ensureStream(ctx, sc); err != nil {
			return err
		}
	}
	// Review state is folded from the whole log, so REVIEWS has no age or size limit: a
	// fact-checker's decision outlives the claims it was about.
	reviews := jetstream.StreamConfig{
		Name:        claimwire.StreamReviews,
		Description: "fact-checkers' review events (merges, splits, dismissals, verdicts), kept whole",
		Subjects:    []string{claimwire.SubjectReviews},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		Duplicates:  cfg.DuplicateWindow,
		Replicas:    replicas,
		Discard:     jetstream.DiscardNew,
	}
	return b.ensureStream(ctx, reviews)
}

// ensureStream creates or updates a stream (CreateStream).
func (b *Bus) ensureStream(ctx context.Context, sc jetstream.StreamConfig) error {
	if _, err := CreateStream(ctx, b.JS, sc); err != nil {
		return fmt.Errorf("bus: stream %s: %w", sc.Name, err)
	}
	return nil
}

// CreateStream creates or updates a stream, trying again while JetStream does not answer (see
// WhileUnanswered): a role creates what it needs as it starts, maybe while a cluster elects its
// leader. A request the server refuses (a conflicting configuration) fails at once.
func CreateStream(ctx context.Context, js jetstream.JetStream, cfg jetstream.StreamConfig) (st jetstream.Stream, err error) {
	err = WhileUnanswered(ctx, func() error {
		st, err = js.CreateOrUpdateStream(ctx, cfg)
		return err
	})
	return st, err
}

// CreateKeyValue creates or updates a bucket, as CreateStream does a stream.
func CreateKeyValue(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig) (kv jetstream.KeyValue, err error) {
	err = WhileUnanswered(ctx, func() error {
		kv, err = js.CreateOrUpdateKeyValue(ctx, cfg)
		return err
	})
	return kv, err
}

// Ready reports whether the connection is up and the streams exist.
func (b *Bus) Ready(ctx context.Context) error {
	if b.Conn == nil || !b.Conn.IsConnected() {
		return errors.New("bus: not connected to NATS")
	}
	for _, name := range []string{claimwire.StreamArticles, claimwire.StreamClaims} {
		if _, err := b.JS.Stream(ctx, name); err != nil {
			return fmt.Errorf("bus: stream %s: %w", name, err)
		}
	}
	return nil
}

// Close drains the connection, so that pending acks and publications are flushed, and stops
// the embedded server.
func (b *Bus) Close() {
	if b.Conn != nil {
		closed := make(chan struct{})
		b.Conn.SetClosedHandler(func(*nats.Conn) { close(closed) })
		if err := b.Conn.Drain(); err != nil {
			b.Conn.Close()
		}
		select {
		case <-closed:
		case <-time.After(35 * time.Second): // past nats.go's own drain timeout
			b.Conn.Close()
		}
	}
	if b.server != nil {
		b.server.Shutdown()
		b.server.WaitForShutdown()
	}
	if b.urlFile != "" {
		if err := os.Remove(b.urlFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			b.logger.Warn("embedded NATS address left behind", slog.Any("error", err))
		}
	}
}
