package bus

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

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
func Pull(ctx context.Context, cons jetstream.Consumer, maxMessages int) (jetstream.MessagesContext, error) {
	it, err := cons.Messages(jetstream.PullMaxMessages(maxMessages))
	if err != nil {
		return nil, fmt.Errorf("bus: subscribe: %w", err)
	}
	context.AfterFunc(ctx, it.Drain)
	return it, nil
}
