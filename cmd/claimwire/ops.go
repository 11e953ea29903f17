package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/internal/config"
)

// dial connects to the NATS of the daemon that --config describes.
func (m *Main) dial(ctx context.Context, configPath string) (*bus.Bus, error) {
	cfg, err := config.Load(configPath, m.Getenv)
	if err != nil {
		return nil, err
	}
	logger, err := newLogger(m.Stderr, "error", "text")
	if err != nil {
		return nil, err
	}
	return bus.Dial(ctx, cfg.NATS, cfg.DataDir, logger)
}

func (m *Main) runStatus(ctx context.Context, args []string) error {
	fs := m.newFlagSet("status", "[--config FILE] [--json]", `
Prints the state of the ARTICLES, CLAIMS and DEADLETTER streams and of their consumers
(pending, awaiting ack, redelivered), from the NATS the config names, or from the embedded
server of a daemon running with it: at the address the daemon recorded in its data directory
(data_dir/nats.url, so a random port works), else at nats.embedded.port.`)
	configPath := fs.String("config", "", "YAML configuration `file` of the daemon")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	b, err := m.dial(ctx, *configPath)
	if err != nil {
		return err
	}
	defer b.Close()
	streams, err := b.Status(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(streams)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STREAM\tMESSAGES\tBYTES\tCONSUMER\tPENDING\tACK PENDING\tREDELIVERED")
	for _, s := range streams {
		fmt.Fprintf(tw, "%s\t%d\t%d\t\t\t\t\n", s.Name, s.Messages, s.Bytes)
		for _, c := range s.Consumers {
			fmt.Fprintf(tw, "\t\t\t%s\t%d\t%d\t%d\n", c.Name, c.Pending, c.AckPending, c.Redelivered)
		}
	}
	return tw.Flush()
}

func (m *Main) runDLQ(ctx context.Context, args []string) error {
	fs := m.newFlagSet("dlq", "[--config FILE] list [--limit N] | replay SEQ...", `
Lists the dead letters (articles and claims that failed repeatedly, with the reason), or
replays some of them: each is published again on its original subject and removed from the
dead letters.`)
	configPath := fs.String("config", "", "YAML configuration `file` of the daemon")
	limit := fs.Int("limit", 100, "list at most this many")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() == 0 || (fs.Arg(0) != "list" && fs.Arg(0) != "replay") {
		fs.Usage()
		return fmt.Errorf("dlq: want list or replay")
	}
	var seqs []uint64
	if fs.Arg(0) == "replay" {
		if fs.NArg() < 2 {
			return fmt.Errorf("dlq replay: want the sequence numbers that 'dlq list' shows")
		}
		for _, a := range fs.Args()[1:] {
			n, err := strconv.ParseUint(a, 10, 64)
			if err != nil {
				return fmt.Errorf("dlq replay: %q is not a sequence number", a)
			}
			seqs = append(seqs, n)
		}
	}
	b, err := m.dial(ctx, *configPath)
	if err != nil {
		return err
	}
	defer b.Close()
	if fs.Arg(0) == "replay" {
		for _, seq := range seqs {
			if err := b.ReplayDeadLetter(ctx, seq); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "replayed %d\n", seq)
		}
		return nil
	}
	entries, err := b.DeadLetters(ctx, *limit)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME\tSUBJECT\tTRIES\tREASON")
	for _, e := range entries {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", e.Seq, e.Time.Format("2006-01-02 15:04:05"), e.OrigSubject, e.Delivered, e.Reason)
	}
	if len(entries) == 0 {
		fmt.Fprintln(m.Stderr, "no dead letters")
	}
	return tw.Flush()
}
