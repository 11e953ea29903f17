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
	publish := func(ctx context.Context, a claimwire.Article) error {
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
	if err := c.Run(ctx, once, publish); err != nil {
		return fmt.Errorf("crawler worker: %w", err)
	}
	return nil
}
