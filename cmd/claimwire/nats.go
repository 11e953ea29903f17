package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/internal/config"
)

func (m *Main) runNATS(ctx context.Context, args []string) error {
	fs := m.newFlagSet("nats", "[--host HOST] [--port PORT] [--data DIR] [--name NAME --cluster-port PORT --routes URL,…]", `
Runs a standalone NATS server with JetStream, the same server 'run' embeds, so that the roles
can run as separate processes on one machine without installing NATS. With --cluster-port it is
one node of a JetStream cluster whose nodes list each other in --routes (every node's
nats-route://host:port, its own included), as the tests and a small cluster on loopback use it.
For a cluster across machines use the official nats-server.`)
	host := fs.String("host", "127.0.0.1", "address to listen on")
	port := fs.Int("port", 4222, "client port")
	dataDir := fs.String("data", "", "`DIR` for JetStream storage (default: the data directory's nats/)")
	name := fs.String("name", "claimwire-nats", "server `NAME`, different on each node of a cluster")
	clusterPort := fs.Int("cluster-port", 0, "`PORT` for the routes of the other nodes (0: no cluster)")
	routes := fs.String("routes", "", "comma-separated route `URLs` of every node of the cluster")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	var cluster bus.ClusterNode
	if *clusterPort != 0 {
		if *routes == "" {
			return errors.New("nats: --cluster-port needs --routes")
		}
		cluster = bus.ClusterNode{Name: *name, Cluster: "claimwire", Port: *clusterPort, Routes: strings.Split(*routes, ",")}
	}
	if *dataDir == "" {
		dir, err := config.DefaultDataDir(m.Getenv)
		if err != nil {
			return err
		}
		*dataDir = dir
	}
	srv, err := bus.StartServer(bus.EmbeddedConfig{Host: *host, Port: *port, Cluster: cluster}, *dataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "NATS JetStream listening on %s (storage %s)\n", srv.ClientURL(), srv.StoreDir())
	<-ctx.Done()
	srv.Shutdown()
	srv.WaitForShutdown()
	return nil
}
