// Package worker connects the crawler to JetStream: every new or changed article is published to
// the ARTICLES stream with its canonical URL and content hash as message id, so a re-crawl or a
// retried publication is stored once.
package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/crawler"
)

// Run crawls with c and publishes what it finds until the crawl ends (once) or ctx is done.
func Run(ctx context.Context, js jetstream.JetStream, c *crawler.Crawler, once bool, logger *slog.Logger) error {
	if err := c.Run(ctx, once, publisher(js, logger)); err != nil {
		return fmt.Errorf("crawler worker: %w", err)
	}
	return nil
}

// RunShared crawls with c as one of the crawler processes sharing sh, and publishes what it
// finds, until ctx is done. It keeps the process's partition leases meanwhile, and hands them
// back once the crawl has stopped.
func RunShared(ctx context.Context, js jetstream.JetStream, c *crawler.Crawler, sh *Shared, logger *slog.Logger) error {
	mctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	managed := make(chan struct{})
	go func() {
		defer close(managed)
		sh.Manage(mctx)
	}()
	err := c.RunShared(ctx, sh, publisher(js, logger))
	stop()
	<-managed
	return fmt.Errorf("crawler worker: %w", err)
}

// publisher publishes an article to ARTICLES with its message id, waiting for the ack.
func publisher(js jetstream.JetStream, logger *slog.Logger) func(context.Context, claimwire.Article) error {
	return func(ctx context.Context, a claimwire.Article) error {
		data, err := json.Marshal(&a)
		if err != nil {
			return fmt.Errorf("crawler worker: encode article: %w", err)
		}
		ack, err := js.PublishMsg(ctx, &nats.Msg{Subject: claimwire.SubjectArticles, Data: data},
			jetstream.WithMsgID(a.MsgID()))
		if err != nil {
			return fmt.Errorf("crawler worker: publish %s: %w", a.URL, err)
		}
		logger.Info("article published", slog.String("url", a.URL), slog.String("lang", a.Lang),
			slog.Uint64("seq", ack.Sequence), slog.Bool("duplicate", ack.Duplicate))
		return nil
	}
}
