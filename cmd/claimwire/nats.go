package main

import (
	"context"
	"fmt"

	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/internal/config"
)

func (m *Main) runNATS(ctx context.Context, args []string) error {
	fs := m.newFlagSet("nats", "[--host HOST] [--port PORT] [--data DIR]", `
Runs a standalone NATS server with JetStream, the same server 'run' embeds, so that the roles
can run as separate processes on one machine without installing NATS. For a cluster across
machines use the official nats-server.`)
	host := fs.String("host", "127.0.0.1", "address to listen on")
	port := fs.Int("port", 4222, "client port")
	dataDir := fs.String("data", "", "`DIR` for JetStream storage (default: the data directory's nats/)")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if *dataDir == "" {
		dir, err := config.DefaultDataDir(m.Getenv)
		if err != nil {
			return err
		}
		*dataDir = dir
	}
	srv, err := bus.StartServer(bus.EmbeddedConfig{Host: *host, Port: *port}, *dataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "NATS JetStream listening on %s (storage %s)\n", srv.ClientURL(), srv.StoreDir())
	<-ctx.Done()
	srv.Shutdown()
	srv.WaitForShutdown()
	return nil
}
