// Package deploy_test checks the deployment files without Docker or Kubernetes, which the build
// machine does not run: the binary builds static the way the Dockerfile builds it, every command
// line and environment variable in the files is one claimwire accepts, the configurations they
// carry load, the topology is the one README describes, and the systemd unit passes
// systemd-analyze with a low exposure score.
package deploy_test

import (
	"bytes"
	"debug/elf"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/claimwire/claimwire/internal/config"
)

// buildLikeDockerfile builds claimwire with the Dockerfile's own build line.
func buildLikeDockerfile(t *testing.T) string {
	t.Helper()
	df := readFile(t, "Dockerfile")
	var line string
	for l := range strings.Lines(df) {
		if strings.HasPrefix(l, "RUN CGO_ENABLED=0 go build ") {
			line = strings.TrimSpace(l)
		}
	}
	if line == "" {
		t.Fatal("Dockerfile: no `RUN CGO_ENABLED=0 go build` line")
	}
	out := filepath.Join(t.TempDir(), "claimwire")
	args := shellFields(t, strings.TrimPrefix(line, "RUN CGO_ENABLED=0 go "))
	i := slices.Index(args, "-o")
	if i < 0 || i+1 >= len(args) {
		t.Fatalf("Dockerfile build line has no -o: %s", line)
	}
	args[i+1] = out
	cmd := exec.Command("go", args...)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return out
}

// shellFields splits a Dockerfile shell line, honouring double quotes.
func shellFields(t *testing.T, s string) []string {
	t.Helper()
	var out []string
	var cur strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in %q", s)
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// accepts checks that claimwire parses args: --help after them stops before anything runs, and
// an unknown command or flag fails.
func accepts(t *testing.T, bin string, args []string) {
	t.Helper()
	out, err := exec.Command(bin, append(slices.Clone(args), "--help")...).CombinedOutput()
	if err != nil {
		t.Errorf("claimwire %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// knownEnv fails for environment variables claimwire does not read.
func knownEnv(t *testing.T, where string, names ...string) {
	t.Helper()
	known := config.EnvNames()
	for _, n := range names {
		if strings.HasPrefix(n, "CLAIMWIRE_") && !slices.Contains(known, n) {
			t.Errorf("%s sets %s, which claimwire does not read (it reads %v)", where, n, known)
		}
	}
}

// envNamesIn lists the CLAIMWIRE_* names a file mentions.
func envNamesIn(text string) []string {
	return regexp.MustCompile(`CLAIMWIRE_[A-Z_]+`).FindAllString(text, -1)
}

// loads checks that claimwire starts its configuration from this environment (and file, if any).
func loads(t *testing.T, path string, env map[string]string) config.Config {
	t.Helper()
	dataDir := t.TempDir()
	cfg, err := config.Load(path, func(k string) string {
		if k == "CLAIMWIRE_DATA_DIR" {
			return dataDir
		}
		return env[k]
	})
	if err != nil {
		t.Fatalf("config from %s %v: %v", path, env, err)
	}
	return cfg
}

// TestBuiltBinary builds claimwire once, as the image does, and checks the files that run it.
func TestBuiltBinary(t *testing.T) {
	bin := buildLikeDockerfile(t)
	t.Run("DockerImage", func(t *testing.T) { checkDockerImage(t, bin) })
	t.Run("KubernetesManifests", func(t *testing.T) { checkKubernetesManifests(t, bin) })
	t.Run("SystemdUnit", func(t *testing.T) { checkSystemdUnit(t, bin) })
}

func checkDockerImage(t *testing.T, bin string) {
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("binary needs a dynamic loader: the distroless static image has none")
		}
	}
	if libs, err := f.ImportedLibraries(); err != nil || len(libs) > 0 {
		t.Errorf("binary links %v (%v): want none", libs, err)
	}

	df := readFile(t, "Dockerfile")
	for _, want := range []string{"USER nonroot", "HEALTHCHECK ", "FROM gcr.io/distroless/static"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	// The image's default command and health check, as exec-form JSON arrays.
	execForm := func(instr string) []string {
		m := regexp.MustCompile(`(?m)` + instr + `\s*(\[.*\])\s*$`).FindStringSubmatch(df)
		if m == nil {
			t.Fatalf("Dockerfile: no exec-form %q", instr)
		}
		var args []string
		if err := yaml.Unmarshal([]byte(m[1]), &args); err != nil {
			t.Fatal(err)
		}
		return args
	}
	accepts(t, bin, execForm("^CMD"))
	hc := execForm("HEALTHCHECK[^\n]*\\\\\n\\s*CMD")
	if hc[0] != "/usr/local/bin/claimwire" {
		t.Errorf("health check runs %s", hc[0])
	}
	accepts(t, bin, hc[1:])
	knownEnv(t, "Dockerfile", envNamesIn(df)...)
}

type composeFile struct {
	Services map[string]struct {
		Command     []string          `yaml:"command"`
		Environment map[string]string `yaml:"environment"`
		Ports       []string          `yaml:"ports"`
		Build       struct {
			Dockerfile string `yaml:"dockerfile"`
		} `yaml:"build"`
		Healthcheck struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
	} `yaml:"services"`
}

func TestComposeCluster(t *testing.T) {
	var c composeFile
	if err := yaml.Unmarshal([]byte(readFile(t, "docker-compose.yml")), &c); err != nil {
		t.Fatal(err)
	}
	nats := []string{"nats-1", "nats-2", "nats-3"}
	for _, name := range nats {
		s, ok := c.Services[name]
		if !ok {
			t.Fatalf("no service %s", name)
		}
		cmd := strings.Join(s.Command, " ")
		for _, want := range []string{"--js", "--cluster_name=claimwire", "--cluster=nats://0.0.0.0:6222"} {
			if !strings.Contains(cmd, want) {
				t.Errorf("%s: command lacks %s", name, want)
			}
		}
		for _, peer := range nats {
			if peer != name && !strings.Contains(cmd, "nats://"+peer+":6222") {
				t.Errorf("%s: no route to %s", name, peer)
			}
		}
		if len(s.Healthcheck.Test) == 0 {
			t.Errorf("%s: no health check", name)
		}
	}
	for _, role := range config.AllRoles {
		s, ok := c.Services[role]
		if !ok {
			t.Fatalf("no service %s", role)
		}
		if _, err := os.Stat(filepath.Join("..", s.Build.Dockerfile)); err != nil {
			t.Errorf("%s: build: %v", role, err)
		}
		var names []string
		for k := range s.Environment {
			names = append(names, k)
		}
		knownEnv(t, "compose service "+role, names...)
		cfg := loads(t, "", s.Environment)
		if !slices.Equal(cfg.Roles, []string{role}) {
			t.Errorf("%s runs roles %v", role, cfg.Roles)
		}
		if cfg.NATS.Streams.Replicas != 3 {
			t.Errorf("%s: streams with %d replicas on a 3-node cluster", role, cfg.NATS.Streams.Replicas)
		}
		for _, n := range nats {
			if !strings.Contains(cfg.NATS.URL, "nats://"+n+":4222") {
				t.Errorf("%s: NATS URL %q lacks %s", role, cfg.NATS.URL, n)
			}
		}
	}
	if p := c.Services[config.RoleIndexer].Ports; !slices.Equal(p, []string{"127.0.0.1:8080:8080"}) {
		t.Errorf("indexer publishes %v, want the API on loopback only", p)
	}
	// Scaled out: crawlers share one crawl, indexers are read replicas with names of their own.
	if cfg := loads(t, "", c.Services[config.RoleCrawler].Environment); !cfg.Crawl.Cluster.Enabled {
		t.Error("crawler: the crawl is not shared, so --scale crawler=3 would fetch every page three times")
	}
	replica2, ok := c.Services["indexer-2"]
	if !ok {
		t.Fatal("no service indexer-2: no second read replica")
	}
	names := map[string]bool{}
	for _, s := range []string{config.RoleIndexer, "indexer-2"} {
		cfg := loads(t, "", c.Services[s].Environment)
		names[cfg.Index.ConsumerName()] = true
		if !cfg.Index.SharedFacts {
			t.Errorf("%s: index.shared_facts is off, so replicas would disagree on fact ids", s)
		}
	}
	if len(names) != 2 {
		t.Errorf("indexer replicas share the consumer %v: each must keep a complete index", names)
	}
	if !slices.Equal(replica2.Ports, []string{"127.0.0.1:8081:8080"}) {
		t.Errorf("indexer-2 publishes %v, want its API on loopback port 8081", replica2.Ports)
	}
}

// k8sObject holds what the test reads of a manifest.
type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Data map[string]string `yaml:"data"`
	Spec struct {
		Replicas             *int             `yaml:"replicas"`
		Selector             map[string]any   `yaml:"selector"`
		VolumeClaimTemplates []map[string]any `yaml:"volumeClaimTemplates"`
		Template             struct {
			Spec struct {
				SecurityContext struct {
					RunAsNonRoot bool `yaml:"runAsNonRoot"`
				} `yaml:"securityContext"`
				Containers []struct {
					Args []string `yaml:"args"`
					Env  []struct {
						Name      string `yaml:"name"`
						Value     string `yaml:"value"`
						ValueFrom struct {
							FieldRef struct {
								FieldPath string `yaml:"fieldPath"`
							} `yaml:"fieldRef"`
						} `yaml:"valueFrom"`
					} `yaml:"env"`
					LivenessProbe  probe `yaml:"livenessProbe"`
					ReadinessProbe probe `yaml:"readinessProbe"`
					Resources      struct {
						Requests map[string]string `yaml:"requests"`
						Limits   map[string]string `yaml:"limits"`
					} `yaml:"resources"`
					SecurityContext struct {
						ReadOnlyRootFilesystem bool `yaml:"readOnlyRootFilesystem"`
					} `yaml:"securityContext"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type probe struct {
	HTTPGet struct {
		Path string `yaml:"path"`
	} `yaml:"httpGet"`
}

func checkKubernetesManifests(t *testing.T, bin string) {
	dec := yaml.NewDecoder(strings.NewReader(readFile(t, "k8s/claimwire.yaml")))
	objs := map[string]k8sObject{}
	for {
		var o k8sObject
		err := dec.Decode(&o)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		objs[o.Kind+"/"+o.Metadata.Name] = o
	}

	cm, ok := objs["ConfigMap/claimwire"]
	if !ok {
		t.Fatal("no ConfigMap claimwire")
	}
	path := filepath.Join(t.TempDir(), "claimwire.yaml")
	if err := os.WriteFile(path, []byte(cm.Data["claimwire.yaml"]), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg := loads(t, path, nil); cfg.NATS.Streams.Replicas != 3 || cfg.NATS.URL == "" || !cfg.Crawl.Cluster.Enabled {
		t.Errorf("ConfigMap config: NATS %q with %d replicas, shared crawl %v; want an external cluster, 3 and true",
			cfg.NATS.URL, cfg.NATS.Streams.Replicas, cfg.Crawl.Cluster.Enabled)
	}

	workloads := map[string]string{
		config.RoleCrawler:   "Deployment/claimwire-crawler",
		config.RoleExtractor: "Deployment/claimwire-extractor",
		config.RoleIndexer:   "StatefulSet/claimwire-indexer",
	}
	for role, key := range workloads {
		o, ok := objs[key]
		if !ok {
			t.Errorf("no %s for the %s role", key, role)
			continue
		}
		if !o.Spec.Template.Spec.SecurityContext.RunAsNonRoot {
			t.Errorf("%s may run as root", key)
		}
		for _, c := range o.Spec.Template.Spec.Containers {
			accepts(t, bin, c.Args)
			if i := slices.Index(c.Args, "--roles"); i < 0 || c.Args[i+1] != role {
				t.Errorf("%s runs %v, want --roles %s", key, c.Args, role)
			}
			var names []string
			for _, e := range c.Env {
				names = append(names, e.Name)
			}
			knownEnv(t, key, names...)
			if c.LivenessProbe.HTTPGet.Path != "/healthz" || c.ReadinessProbe.HTTPGet.Path != "/readyz" {
				t.Errorf("%s probes %q and %q, want /healthz and /readyz", key, c.LivenessProbe.HTTPGet.Path, c.ReadinessProbe.HTTPGet.Path)
			}
			if c.Resources.Requests["memory"] == "" || c.Resources.Limits["memory"] == "" || c.Resources.Requests["cpu"] == "" {
				t.Errorf("%s: resources %+v, want cpu and memory requests and a memory limit", key, c.Resources)
			}
			if !c.SecurityContext.ReadOnlyRootFilesystem {
				t.Errorf("%s: writable root filesystem", key)
			}
		}
	}
	o := objs[workloads[config.RoleIndexer]]
	if len(o.Spec.VolumeClaimTemplates) == 0 || o.Spec.Replicas == nil || *o.Spec.Replicas < 2 {
		t.Error("indexer: want read replicas, each with its own volume claim")
	}
	named, shared := false, false
	for _, c := range o.Spec.Template.Spec.Containers {
		for _, e := range c.Env {
			named = named || e.Name == "CLAIMWIRE_INDEX_REPLICA" && e.ValueFrom.FieldRef.FieldPath == "metadata.name"
			shared = shared || e.Name == "CLAIMWIRE_INDEX_SHARED_FACTS" && e.Value == "true"
		}
	}
	if !shared {
		t.Error("indexer: CLAIMWIRE_INDEX_SHARED_FACTS is not true, so replicas would disagree on fact ids")
	}
	if !named {
		t.Error("indexer: CLAIMWIRE_INDEX_REPLICA is not the pod's name, so replicas would share one consumer")
	}
	if o := objs[workloads[config.RoleCrawler]]; o.Spec.Replicas == nil || *o.Spec.Replicas < 2 {
		t.Error("crawler: want several replicas sharing the crawl")
	}
	if _, ok := objs["Service/claimwire"]; !ok {
		t.Error("no Service in front of the indexer's API")
	}
}

func checkSystemdUnit(t *testing.T, bin string) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Fatalf("systemd-analyze (Debian package systemd, installed by .ci/run): %v", err)
	}
	unit := readFile(t, "systemd/claimwire.service")
	const installed = "/usr/local/bin/claimwire"
	var execStart []string
	for l := range strings.Lines(unit) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "ExecStart="+installed+" "); ok {
			execStart = strings.Fields(rest)
		}
	}
	if execStart == nil {
		t.Fatalf("unit: no ExecStart=%s", installed)
	}
	accepts(t, bin, execStart)
	for _, want := range []string{"DynamicUser=yes", "ProtectSystem=strict", "Restart=on-failure", "NoNewPrivileges=yes"} {
		if !strings.Contains(unit, "\n"+want+"\n") {
			t.Errorf("unit lacks %s", want)
		}
	}
	knownEnv(t, "systemd unit", envNamesIn(unit)...)

	// systemd-analyze checks the binary exists: point the unit at the one just built.
	path := filepath.Join(t.TempDir(), "claimwire.service")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(unit, installed, bin)), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(analyze, "verify", path).CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, err := exec.Command(analyze, "security", "--offline=true", path).CombinedOutput()
	if err != nil {
		t.Fatalf("systemd-analyze security: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Overall exposure level for claimwire.service: ([0-9.]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("systemd-analyze security printed no exposure level:\n%s", out)
	}
	// systemd rates 0–10; below 2 is "OK", the best band it names.
	if level, _ := strconv.ParseFloat(string(m[1]), 64); level >= 2 {
		t.Errorf("exposure level %s, want below 2", m[1])
	} else {
		t.Logf("systemd-analyze security: exposure %s", m[1])
	}
}

// TestDockerfileModuleLayer runs the Dockerfile's dependency layer the way Docker does: in a
// directory holding only what is copied before `RUN go mod download`, that command must succeed.
// A module go.mod replaces with a directory of the repository has to be copied by then.
func TestDockerfileModuleLayer(t *testing.T) {
	dir := t.TempDir()
	for l := range strings.Lines(readFile(t, "Dockerfile")) {
		f := strings.Fields(l)
		if strings.TrimSpace(l) == "RUN go mod download" {
			cmd := exec.Command("go", "mod", "download")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod") // the module cache has them all
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go mod download with only what the Dockerfile copied first: %v\n%s", err, b)
			}
			return
		}
		if len(f) < 3 || f[0] != "COPY" || strings.HasPrefix(f[1], "--") {
			continue
		}
		dest := filepath.Join(dir, f[len(f)-1])
		for _, src := range f[1 : len(f)-1] {
			src = filepath.Join("..", src)
			info, err := os.Stat(src)
			if err != nil {
				t.Fatal(err)
			}
			if info.IsDir() {
				err = os.CopyFS(dest, os.DirFS(src))
			} else if b, rerr := os.ReadFile(src); rerr != nil {
				err = rerr
			} else {
				to := dest // Docker copies a file into a destination ending in "/", else to it
				if strings.HasSuffix(f[len(f)-1], "/") {
					to = filepath.Join(dest, filepath.Base(src))
				}
				if err = os.MkdirAll(filepath.Dir(to), 0o755); err == nil {
					err = os.WriteFile(to, b, 0o644)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Fatal("Dockerfile: no `RUN go mod download` line")
}
