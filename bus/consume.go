package bus

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// pullHeartbeat is how often an idle pull subscription hears from the server: one small message
// per consumer per interval.
const pullHeartbeat = 2 * time.Second

// Durable creates or updates a durable pull consumer with explicit acks on stream; every
// process of a role shares it.
func Durable(ctx context.Context, js jetstream.JetStream, stream string, cfg jetstream.ConsumerConfig) (jetstream.Consumer, error) {
	cfg.AckPolicy = jetstream.AckExplicitPolicy
	cons, err := js.CreateOrUpdateConsumer(ctx, stream, cfg)
	if err != nil {
		return nil, fmt.Errorf("bus: consumer %s: %w", cfg.Durable, err)
	}
	return cons, nil
}

// Pull opens one continuous pull subscription on cons, keeping up to maxMessages buffered, and
// drains it when ctx is done: Next then returns what was already pulled, and finally
// jetstream.ErrMsgIteratorClosed. Unlike short fetches it cannot lose a delivery to an expired
// request, and it re-issues its pulls after a reconnect.
//
// A pull request can still be lost while a cluster moves a consumer's leader; the iterator only
// notices when two heartbeats are missed, so heartbeats come every pullHeartbeat rather than
// nats.go's default 15 s, which left a stage idle for about 30 s (seen in the cluster test).
func Pull(ctx context.Context, cons jetstream.Consumer, maxMessages int) (jetstream.MessagesContext, error) {
	it, err := cons.Messages(jetstream.PullMaxMessages(maxMessages), jetstream.PullHeartbeat(pullHeartbeat))
	if err != nil {
		return nil, fmt.Errorf("bus: subscribe: %w", err)
	}
	context.AfterFunc(ctx, it.Drain)
	return it, nil
}
