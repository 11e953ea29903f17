// Command claimwire crawls French and English news about AI infrastructure, extracts every
// checkable number and serves the claims for search and fact-checking.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

func main() {
	if percent, ok := gcPercent(os.Getenv); ok {
		debug.SetGCPercent(percent)
	}
	ctx, stop := signalContext()
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	err := m.Run(ctx, os.Args[1:])
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "claimwire:", err)
		os.Exit(1)
	}
}

// defaultGCPercent lets the heap grow to three times the live data between collections instead
// of twice: the pipeline allocates much per article (pages, JSON, bleve segments), and in
// claimwire bench it spends 8% less CPU per article for about a third more peak memory.
const defaultGCPercent = 200

// gcPercent is the garbage collector's target when the environment does not set one (GOGC);
// false leaves the runtime's own.
func gcPercent(getenv func(string) string) (int, bool) {
	if getenv("GOGC") != "" {
		return 0, false
	}
	return defaultGCPercent, true
}

// signalContext is cancelled by the first SIGINT or SIGTERM, which starts a graceful shutdown;
// a second signal exits at once.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go watchSignals(ctx, sigs, cancel, os.Stderr, os.Exit)
	return ctx, func() { signal.Stop(sigs); cancel() }
}

func watchSignals(ctx context.Context, sigs <-chan os.Signal, cancel func(), stderr io.Writer, exit func(int)) {
	select {
	case <-sigs:
	case <-ctx.Done():
		return
	}
	cancel()
	fmt.Fprintln(stderr, "claimwire: shutting down (send the signal again to exit at once)")
	<-sigs
	exit(130)
}

// Main holds the process's standard streams and environment, so commands are testable.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

type command struct {
	name, summary string
	run           func(m *Main, ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"run", "run the daemon: crawler, extractor and indexer (all, or --roles)", (*Main).runDaemon},
		{"demo", "crawl the bundled sample sites offline and serve the claims", (*Main).runDemo},
		{"extract", "print the claims in a text or HTML file as JSON lines", (*Main).runExtract},
		{"article", "print the article extracted from an HTML file or URL as JSON", (*Main).runArticle},
		{"bench", "measure the whole pipeline on a generated loopback site", (*Main).runBench},
		{"nats", "run a standalone NATS JetStream server for split-role setups, or a node of a cluster", (*Main).runNATS},
		{"status", "print the state of the streams and consumers", (*Main).runStatus},
		{"dlq", "list or replay dead letters", (*Main).runDLQ},
		{"reindex", "rebuild the index from the CLAIMS stream: through the running indexer, or --offline", (*Main).runReindex},
		{"healthcheck", "probe a running daemon's /healthz (for container health checks)", (*Main).runHealthcheck},
	}
}

const usageHeader = `claimwire turns French and English news about AI infrastructure into searchable,
checkable numeric claims: crawl → NATS JetStream → extract → bleve index → HTTP API.

Usage:
  claimwire <command> [flags] [args]

Commands:
`

const usageFooter = `
Run 'claimwire <command> --help' for a command's flags.
Quick start: 'claimwire demo', then open http://127.0.0.1:8080/.
`

// Run dispatches to a subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return flag.ErrHelp
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(m, ctx, args[1:])
		}
	}
	m.usage(m.Stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func (m *Main) usage(w io.Writer) {
	var b strings.Builder
	b.WriteString(usageHeader)
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-12s %s\n", c.name, c.summary)
	}
	b.WriteString(usageFooter)
	_, _ = io.WriteString(w, b.String())
}

// newFlagSet builds a command's flag set with a usage text that starts with what it does.
func (m *Main) newFlagSet(name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: claimwire %s %s\n\n%s\n\nFlags:\n", name, synopsis, strings.TrimSpace(description))
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; --help prints the usage on stdout and is not an error.
func (m *Main) parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(m.Stdout)
			fs.Usage()
			return true, nil
		}
	}
	return false, fs.Parse(args)
}

// newLogger logs as text on a terminal and as JSON otherwise (journald, containers).
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: %w", level, err)
	}
	opts := &slog.HandlerOptions{Level: lv, ReplaceAttr: readableDuration}
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "auto", "":
		if isTerminal(w) {
			return slog.New(slog.NewTextHandler(w, opts)), nil
		}
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want auto, text or json", format)
}

// readableDuration writes durations as "1.5s", as the text handler does, where the JSON
// handler would write nanoseconds that no one reads at a glance.
func readableDuration(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		a.Value = slog.StringValue(a.Value.Duration().String())
	}
	return a
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
