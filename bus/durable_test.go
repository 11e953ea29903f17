package bus

import (
	"context"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestWhileUnanswered: a JetStream request that goes unanswered for a moment (a leader
// election) is tried again; a refusal is not, and a finished context stops the tries.
func TestWhileUnanswered(t *testing.T) {
	timeout := fmt.Errorf("nats: API request: %w", context.DeadlineExceeded)
	tests := []struct {
		name   string
		errs   []error // what each call returns; nil past the end
		cancel bool
		calls  int
		fails  bool
	}{
		{"answered at once", nil, false, 1, false},
		{"timed out twice, then answered", []error{timeout, timeout}, false, 3, false},
		{"no responders, then answered", []error{nats.ErrNoResponders}, false, 2, false},
		{"refused", []error{jetstream.ErrConsumerNameAlreadyInUse}, false, 1, true},
		{"unavailable, then answered", []error{&jetstream.APIError{Code: 503, Description: "JetStream system temporarily unavailable"}}, false, 2, false},
		{"timed out while shutting down", []error{timeout, timeout, timeout}, true, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			calls := 0
			err := WhileUnanswered(ctx, func() error {
				calls++
				if calls <= len(tt.errs) {
					return tt.errs[calls-1]
				}
				return nil
			})
			if calls != tt.calls || (err != nil) != tt.fails {
				t.Errorf("%d calls, error %v; want %d calls, failure %v", calls, err, tt.calls, tt.fails)
			}
		})
	}
}
