package config

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/indexer"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// The shipped, commented file must load with every key known and match the defaults it shows.
func TestShippedConfigMatchesDefaults(t *testing.T) {
	cfg, err := Load("../../configs/claimwire.yaml", env(map[string]string{"HOME": "/home/x"}))
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	if cfg.HTTP.Addr != def.HTTP.Addr || cfg.NATS.URL != "" || cfg.NATS.Embedded.Port != def.NATS.Embedded.Port {
		t.Errorf("http/nats differ from defaults: %+v %+v", cfg.HTTP, cfg.NATS)
	}
	if cfg.Crawl.Delay != def.Crawl.Delay || !cfg.Crawl.RespectRobots || cfg.Crawl.UserAgent != def.Crawl.UserAgent {
		t.Errorf("crawl differs from defaults: %+v", cfg.Crawl)
	}
	if cfg.Alerts != def.Alerts {
		t.Errorf("alerts = %+v, want the defaults %+v", cfg.Alerts, def.Alerts)
	}
	if len(cfg.Crawl.Sources) != 3 {
		t.Errorf("sources = %d, want the 3 examples", len(cfg.Crawl.Sources))
	}
	// The example sources say plainly that they are to be replaced, and are on the domains
	// reserved for examples, so that no one crawls someone's site by copying the file.
	shipped, err := os.ReadFile("../../configs/claimwire.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if before, _, _ := strings.Cut(string(shipped), "\n  sources:"); !strings.Contains(before[max(0, len(before)-400):], "EXAMPLES TO REPLACE") {
		t.Error("configs/claimwire.yaml does not say right above crawl.sources that they are examples to replace")
	}
	for _, s := range cfg.Crawl.Sources {
		if u, err := url.Parse(s.URL); err != nil || !strings.HasSuffix(strings.TrimSuffix(u.Hostname(), path.Ext(u.Hostname())), "example") {
			t.Errorf("example source %s is not on an example domain", s.URL)
		}
	}
	if cfg.Index.BatchSize != def.Index.BatchSize || cfg.Index.SearchTimeout != def.Index.SearchTimeout {
		t.Errorf("index differs from defaults: %+v", cfg.Index)
	}
	if cfg.Extract.Concurrency != def.Extract.Concurrency || cfg.NATS.Streams.DuplicateWindow != 24*time.Hour {
		t.Errorf("extract/streams differ from defaults")
	}
	if len(cfg.Roles) != 3 {
		t.Errorf("roles = %v", cfg.Roles)
	}
	for _, f := range append(cfg.Extract.LexiconFiles, cfg.Extract.GlossaryFiles...) {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("data file named by the shipped config: %v", err)
		}
	}
	if len(cfg.Extract.LexiconFiles) != 1 || len(cfg.Extract.GlossaryFiles) != 1 {
		t.Errorf("shipped config loads %v and %v, want configs/lexicon.yaml and configs/glossary.yaml", cfg.Extract.LexiconFiles, cfg.Extract.GlossaryFiles)
	}
	if want := []string{"../../configs/translations.yaml"}; !slices.Equal(cfg.Index.TranslationFiles, want) {
		t.Errorf("translation files = %v, want %v", cfg.Index.TranslationFiles, want)
	}
	// The indexer options carry them, and the shipped file loads.
	ix, err := indexer.Open(t.TempDir(), cfg.Index.Options())
	if err != nil {
		t.Fatalf("index with the shipped config's options: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if opts := cfg.Index.Options(); !slices.Equal(opts.TranslationFiles, cfg.Index.TranslationFiles) ||
		opts.SearchTimeout != cfg.Index.SearchTimeout || opts.Shards != cfg.Index.Shards {
		t.Errorf("Options() = %+v, want the index section's files, timeout and shards", opts)
	}
}

func TestEnvOverridesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(path, []byte("http:\n  addr: 127.0.0.1:9000\nnats:\n  url: nats://a:4222\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path, env(map[string]string{
		"CLAIMWIRE_NATS_URL":           "nats://b:4222,nats://c:4222",
		"CLAIMWIRE_DATA_DIR":           dir,
		"CLAIMWIRE_ROLES":              "extractor",
		"CLAIMWIRE_API_TOKEN":          "s3cret",
		"CLAIMWIRE_NATS_REPLICAS":      "3",
		"CLAIMWIRE_INDEX_REPLICA":      "indexer-1",
		"CLAIMWIRE_CRAWL_CLUSTER":      "true",
		"CLAIMWIRE_INDEX_SHARED_FACTS": "true",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.NATS.Streams.Replicas != 3 {
		t.Errorf("replicas = %d, want 3 from the environment", cfg.NATS.Streams.Replicas)
	}
	if cfg.Index.ConsumerName() != "indexer-1" || !cfg.Crawl.Cluster.Enabled {
		t.Errorf("index replica %q, shared crawl %v: want indexer-1 and true from the environment", cfg.Index.ConsumerName(), cfg.Crawl.Cluster.Enabled)
	}
	if !cfg.Index.SharedFacts {
		t.Error("index.shared_facts off: want true from the environment")
	}
	if cfg.HTTP.Addr != "127.0.0.1:9000" {
		t.Errorf("addr = %q, want the file's", cfg.HTTP.Addr)
	}
	if cfg.NATS.URL != "nats://b:4222,nats://c:4222" || cfg.HTTP.APIToken != "s3cret" {
		t.Errorf("env not applied: %q %q", cfg.NATS.URL, cfg.HTTP.APIToken)
	}
	if cfg.DataDir != dir || cfg.Index.Dir != filepath.Join(dir, "index") {
		t.Errorf("dirs = %q %q", cfg.DataDir, cfg.Index.Dir)
	}
	if !cfg.Has(RoleExtractor) || cfg.Has(RoleCrawler) {
		t.Errorf("roles = %v", cfg.Roles)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ file, want string }{
		"unknown key":  {"htp:\n  addr: x\n", "field htp not found"},
		"bad duration": {"shutdown_timeout: soon\n", "line 1: cannot unmarshal !!str `soon` into time.Duration"},
		"unknown role": {"roles: [crawler, janitor]\n", `unknown role "janitor"`},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".yaml")
			if err := os.WriteFile(path, []byte(tc.file), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path, env(map[string]string{"CLAIMWIRE_DATA_DIR": dir}))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml"), env(nil)); err == nil {
		t.Fatal("missing file: no error")
	}
	_, err := Load("", env(map[string]string{"CLAIMWIRE_DATA_DIR": dir, "CLAIMWIRE_NATS_REPLICAS": "three"}))
	if err == nil || !strings.Contains(err.Error(), "CLAIMWIRE_NATS_REPLICAS") {
		t.Fatalf("bad CLAIMWIRE_NATS_REPLICAS: err = %v", err)
	}
}

func TestEmptyFileIsDefaults(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path, env(map[string]string{"XDG_DATA_HOME": dir}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DataDir != filepath.Join(dir, "claimwire") {
		t.Errorf("data dir = %q", cfg.DataDir)
	}
}
