// Package config loads the daemon's YAML configuration and applies environment overrides.
package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/crawler"
	extworker "github.com/claimwire/claimwire/extractor/worker"
	"github.com/claimwire/claimwire/indexer"
	alertworker "github.com/claimwire/claimwire/indexer/alert/worker"
	idxworker "github.com/claimwire/claimwire/indexer/worker"
)

// Roles a process can take.
const (
	RoleCrawler   = "crawler"
	RoleExtractor = "extractor"
	RoleIndexer   = "indexer"
)

// AllRoles is the default: the whole pipeline in one process.
var AllRoles = []string{RoleCrawler, RoleExtractor, RoleIndexer}

// Config is the whole daemon configuration; configs/claimwire.yaml documents every field.
type Config struct {
	DataDir string   `yaml:"data_dir"`
	Roles   []string `yaml:"roles"`
	// ShutdownTimeout bounds a graceful shutdown; a second signal exits at once.
	ShutdownTimeout time.Duration  `yaml:"shutdown_timeout"`
	Log             Log            `yaml:"log"`
	HTTP            HTTP           `yaml:"http"`
	NATS            bus.Config     `yaml:"nats"`
	Crawl           crawler.Config `yaml:"crawl"`
	Extract         Extract        `yaml:"extract"`
	Index           Index          `yaml:"index"`
	// Alerts shapes the delivery of saved searches' alerts (indexer role).
	Alerts alertworker.Config `yaml:"alerts"`
}

// Log configures log/slog.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn, error
	Format string `yaml:"format"` // auto (text on a terminal, JSON otherwise), text, json
}

// HTTP configures the API server of the indexer role.
type HTTP struct {
	Addr string `yaml:"addr"`
	// APIToken guards write endpoints (Authorization: Bearer …); prefer CLAIMWIRE_API_TOKEN.
	APIToken string `yaml:"api_token"`
}

// Extract configures the extractor role.
type Extract struct {
	extworker.Config `yaml:",inline"`
	LexiconFiles     []string `yaml:"lexicon_files"`
	GlossaryFiles    []string `yaml:"glossary_files"`
	// Vague also reports amounts such as "des milliers", flagged vague.
	Vague bool `yaml:"vague"`
}

// Index configures the indexer role.
type Index struct {
	idxworker.Config `yaml:",inline"`
	// Dir defaults to <data_dir>/index.
	Dir           string        `yaml:"dir"`
	SearchTimeout time.Duration `yaml:"search_timeout"`
	// Shards is how many bleve indexes a new index or a reindex spreads claims over; 0 means one
	// per two cores, at least one.
	Shards int `yaml:"shards"`
	// TranslationFiles add query translations (French ↔ English) to the built-in ones.
	TranslationFiles []string `yaml:"translation_files"`
}

// Options are the indexer options this configuration sets.
func (c *Index) Options() indexer.Options {
	return indexer.Options{TranslationFiles: c.TranslationFiles, SearchTimeout: c.SearchTimeout, Shards: c.Shards}
}

// Default is every option at its default value: all roles, embedded NATS, API on loopback.
func Default() Config {
	return Config{
		Roles:           slices.Clone(AllRoles),
		ShutdownTimeout: 30 * time.Second,
		Log:             Log{Level: "info", Format: "auto"},
		HTTP:            HTTP{Addr: "127.0.0.1:8080"},
		NATS:            bus.DefaultConfig(),
		Crawl:           crawler.DefaultConfig(),
		Extract:         Extract{Config: extworker.DefaultConfig()},
		Index:           Index{Config: idxworker.DefaultConfig(), SearchTimeout: 5 * time.Second},
		Alerts:          alertworker.DefaultConfig(),
	}
}

// Local is a self-contained setup on this machine, for the demo, benchmarks and tests: an
// embedded NATS on a free port, the index under dataDir, the API on httpAddr, and a crawler
// without politeness delays that may reach the loopback sites it is given.
func Local(dataDir, httpAddr string, sources ...crawler.Source) Config {
	cfg := Default()
	cfg.DataDir = dataDir
	cfg.Index.Dir = filepath.Join(dataDir, "index")
	cfg.HTTP.Addr = httpAddr
	cfg.NATS.Embedded.Port = -1 // never collide with a real daemon on 4222
	cfg.Crawl.Delay, cfg.Crawl.RandomDelay = 0, 0
	cfg.Crawl.AllowPrivateAddresses = true
	cfg.Crawl.Sources = sources
	return cfg
}

// Load reads path (if not empty) over the defaults, then applies CLAIMWIRE_* environment
// variables, then fills derived defaults and validates.
func Load(path string, getenv func(string) string) (Config, error) {
	cfg := Default()
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
		defer f.Close()
		dec := yaml.NewDecoder(f)
		dec.KnownFields(true)
		// An empty file means all defaults.
		if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
			return cfg, fmt.Errorf("config: %s: %w", path, err)
		}
	}
	if path != "" {
		cfg.Extract.LexiconFiles = relativeTo(path, cfg.Extract.LexiconFiles)
		cfg.Extract.GlossaryFiles = relativeTo(path, cfg.Extract.GlossaryFiles)
		cfg.Index.TranslationFiles = relativeTo(path, cfg.Index.TranslationFiles)
	}
	if err := applyEnv(&cfg, getenv); err != nil {
		return cfg, err
	}
	if err := cfg.finish(getenv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// relativeTo resolves relative data file paths against the config file's directory, so a
// config and its lexicon can move together.
func relativeTo(configPath string, files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		if filepath.IsAbs(f) {
			out[i] = f
		} else {
			out[i] = filepath.Join(filepath.Dir(configPath), f)
		}
	}
	return out
}

// Environment variables that override the file; secrets belong here rather than in the file.
var envOverrides = []struct {
	name string
	set  func(*Config, string) error
}{
	{"CLAIMWIRE_DATA_DIR", func(c *Config, v string) error { c.DataDir = v; return nil }},
	{"CLAIMWIRE_ROLES", func(c *Config, v string) error { c.Roles = splitList(v); return nil }},
	{"CLAIMWIRE_HTTP_ADDR", func(c *Config, v string) error { c.HTTP.Addr = v; return nil }},
	{"CLAIMWIRE_API_TOKEN", func(c *Config, v string) error { c.HTTP.APIToken = v; return nil }},
	{"CLAIMWIRE_NATS_URL", func(c *Config, v string) error { c.NATS.URL = v; return nil }},
	{"CLAIMWIRE_NATS_REPLICAS", func(c *Config, v string) (err error) {
		c.NATS.Streams.Replicas, err = strconv.Atoi(v)
		return err
	}},
	{"CLAIMWIRE_NATS_CREDS", func(c *Config, v string) error { c.NATS.CredsFile = v; return nil }},
	{"CLAIMWIRE_NATS_NKEY_SEED", func(c *Config, v string) error { c.NATS.NKeySeedFile = v; return nil }},
	{"CLAIMWIRE_INDEX_REPLICA", func(c *Config, v string) error { c.Index.Replica = v; return nil }},
	{"CLAIMWIRE_INDEX_SHARED_FACTS", func(c *Config, v string) (err error) {
		c.Index.SharedFacts, err = strconv.ParseBool(v)
		return err
	}},
	{"CLAIMWIRE_CRAWL_CLUSTER", func(c *Config, v string) (err error) {
		c.Crawl.Cluster.Enabled, err = strconv.ParseBool(v)
		return err
	}},
	{"CLAIMWIRE_LOG_LEVEL", func(c *Config, v string) error { c.Log.Level = v; return nil }},
	{"CLAIMWIRE_LOG_FORMAT", func(c *Config, v string) error { c.Log.Format = v; return nil }},
}

// EnvNames lists the environment variables Load reads, for --help.
func EnvNames() []string {
	names := make([]string, len(envOverrides))
	for i, e := range envOverrides {
		names[i] = e.name
	}
	return names
}

func applyEnv(cfg *Config, getenv func(string) string) error {
	for _, e := range envOverrides {
		if v := getenv(e.name); v != "" {
			if err := e.set(cfg, v); err != nil {
				return fmt.Errorf("config: %s: %w", e.name, err)
			}
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SetRoles replaces the roles with a comma-separated list, as given to --roles.
func (c *Config) SetRoles(list string) error {
	c.Roles = splitList(list)
	return c.validateRoles()
}

// Has reports whether the process runs role.
func (c *Config) Has(role string) bool { return slices.Contains(c.Roles, role) }

func (c *Config) validateRoles() error {
	if len(c.Roles) == 0 {
		return errors.New("config: no roles: want some of crawler,extractor,indexer")
	}
	for _, r := range c.Roles {
		if !slices.Contains(AllRoles, r) {
			return fmt.Errorf("config: unknown role %q: want some of crawler,extractor,indexer", r)
		}
	}
	return nil
}

func (c *Config) finish(getenv func(string) string) error {
	if c.DataDir == "" {
		dir, err := DefaultDataDir(getenv)
		if err != nil {
			return err
		}
		c.DataDir = dir
	}
	if c.Index.Dir == "" {
		c.Index.Dir = filepath.Join(c.DataDir, "index")
	}
	return c.validateRoles()
}

// DefaultDataDir is $XDG_DATA_HOME/claimwire, or ~/.local/share/claimwire: never the working tree.
func DefaultDataDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "claimwire"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("config: no data_dir set and no home directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", "claimwire"), nil
}
