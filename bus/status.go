package bus

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
)

// StreamStatus is the state of one of claimwire's streams and its consumers.
type StreamStatus struct {
	Name      string           `json:"name"`
	Messages  uint64           `json:"messages"`
	Bytes     uint64           `json:"bytes"`
	FirstSeq  uint64           `json:"first_seq"`
	LastSeq   uint64           `json:"last_seq"`
	Consumers []ConsumerStatus `json:"consumers"`
}

// ConsumerStatus is how far a durable consumer has got.
type ConsumerStatus struct {
	Name string `json:"name"`
	// Pending messages not yet delivered, AckPending delivered but not acked yet.
	Pending     uint64 `json:"pending"`
	AckPending  int    `json:"ack_pending"`
	Redelivered int    `json:"redelivered"`
	AckFloor    uint64 `json:"ack_floor"`
}

// Status reports every claimwire stream, the shared crawl queue included (its consumers are
// the partitions); a stream that does not exist yet is left out.
func (b *Bus) Status(ctx context.Context) ([]StreamStatus, error) {
	var out []StreamStatus
	for _, name := range []string{claimwire.StreamArticles, claimwire.StreamClaims, claimwire.StreamDeadLetter, claimwire.StreamReviews, claimwire.StreamAlerts, claimwire.StreamCrawl} {
		stream, err := b.JS.Stream(ctx, name)
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("bus: status %s: %w", name, err)
		}
		info, err := stream.Info(ctx)
		if err != nil {
			return out, fmt.Errorf("bus: status %s: %w", name, err)
		}
		st := StreamStatus{
			Name: name, Messages: info.State.Msgs, Bytes: info.State.Bytes,
			FirstSeq: info.State.FirstSeq, LastSeq: info.State.LastSeq,
		}
		consumers := stream.ListConsumers(ctx)
		for ci := range consumers.Info() {
			st.Consumers = append(st.Consumers, ConsumerStatus{
				Name: ci.Name, Pending: ci.NumPending, AckPending: ci.NumAckPending,
				Redelivered: ci.NumRedelivered, AckFloor: ci.AckFloor.Stream,
			})
		}
		if err := consumers.Err(); err != nil {
			return out, fmt.Errorf("bus: status %s consumers: %w", name, err)
		}
		out = append(out, st)
	}
	return out, nil
}
