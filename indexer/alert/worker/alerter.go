package worker

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/indexer/alert"
)

// Alerter matches every batch the indexer writes against the saved searches and records the
// events it raises.
type Alerter struct {
	store    *Store
	ix       alert.Index
	logger   *slog.Logger
	recorded *prometheus.CounterVec
}

// NewAlerter matches batches written to ix; its metrics are registered on reg.
func NewAlerter(store *Store, ix alert.Index, reg prometheus.Registerer, logger *slog.Logger) (*Alerter, error) {
	a := &Alerter{store: store, ix: ix, logger: logger,
		recorded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwire", Subsystem: "alerts", Name: "events_total",
			Help: "Alerts recorded, by kind (claim, conflict); each once across processes and restarts.",
		}, []string{"kind"}),
	}
	if err := reg.Register(a.recorded); err != nil {
		return nil, fmt.Errorf("alert worker: metrics: %w", err)
	}
	return a, nil
}

// Written is called with each batch once it is in the index and before it is acked, so that a
// crash in between matches the batch again after its redelivery (its events are recorded
// once); writing reports the claims of the batches written beside it (indexer/worker's
// WrittenFunc). An error leaves the batch unacked, to be written and matched again.
func (a *Alerter) Written(ctx context.Context, claims []claimwire.Claim, writing func(id string) bool) error {
	searches, err := a.store.List(ctx)
	if err != nil || len(searches) == 0 {
		return err
	}
	ids := make([]string, len(claims))
	for i := range claims {
		ids[i] = claims[i].ID
	}
	events, skipped, err := alert.Match(ctx, a.ix, searches, ids, writing, time.Now())
	if skipped != nil {
		a.logger.Warn("alerts: saved searches the index refuses are skipped", slog.Any("error", skipped))
	}
	if err != nil {
		return err
	}
	recorded, err := a.store.Record(ctx, events)
	for i := range recorded {
		a.recorded.WithLabelValues(recorded[i].Kind).Inc()
		a.logger.Info("alerts: recorded", slog.String("event", recorded[i].ID))
	}
	return err
}
