package worker

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/bus"
	"github.com/claimwire/claimwire/indexer"
)

// FactLinks is the FACT_LINKS key-value bucket: each claim's linkage to its fact, recorded by
// the first indexer replica to link it (index.shared_facts). It implements indexer.LinkStore.
type FactLinks struct {
	js jetstream.JetStream
	kv jetstream.KeyValue
}

// OpenFactLinks creates or updates the bucket, with replicas copies.
func OpenFactLinks(ctx context.Context, js jetstream.JetStream, replicas int) (*FactLinks, error) {
	// An indexer may start while a cluster elects its leader: the request waits that out.
	kv, err := bus.CreateKeyValue(ctx, js, jetstream.KeyValueConfig{
		Bucket:      claimwire.BucketFactLinks,
		Description: "claimwire: each claim's fact, as the first indexer replica linked it",
		Storage:     jetstream.FileStorage,
		Replicas:    max(replicas, 1),
	})
	if err != nil {
		return nil, fmt.Errorf("indexer worker: bucket %s: %w", claimwire.BucketFactLinks, err)
	}
	return &FactLinks{js: js, kv: kv}, nil
}

// factLinksReads bounds the reads of one batch in flight at once.
const factLinksReads = 64

// Recorded implements indexer.LinkStore: the keys are read concurrently, so that a batch waits
// for about one round trip.
func (f *FactLinks) Recorded(ctx context.Context, ids []string) (map[string]indexer.Linkage, error) {
	var (
		mu   sync.Mutex
		out  = make(map[string]indexer.Linkage)
		errs []error
		wg   sync.WaitGroup
	)
	sem := make(chan struct{}, factLinksReads)
	for _, id := range ids {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			e, err := f.kv.Get(ctx, factLinkKey(id))
			if errors.Is(err, jetstream.ErrKeyNotFound) {
				return
			}
			var l indexer.Linkage
			if err == nil {
				err = json.Unmarshal(e.Value(), &l)
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("indexer worker: fact link of %s: %w", id, err))
				return
			}
			out[id] = l
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// factLinksWindow bounds the linkages published before their acks are awaited, below the
// client's limit of asynchronous publishes in flight (4,000 by default).
const factLinksWindow = 1000

// Record implements indexer.LinkStore: the linkages are published at once, create-only (the
// key must have no value), and their acks awaited together; a batch costs one round trip per
// factLinksWindow claims.
func (f *FactLinks) Record(ctx context.Context, linkages map[string]indexer.Linkage) (map[string]indexer.Linkage, error) {
	var taken []string
	for ids := range slices.Chunk(slices.Sorted(maps.Keys(linkages)), factLinksWindow) {
		acks := make(map[string]jetstream.PubAckFuture, len(ids))
		for _, id := range ids {
			data, err := json.Marshal(linkages[id])
			if err != nil {
				return nil, fmt.Errorf("indexer worker: fact link of %s: %w", id, err)
			}
			ack, err := f.js.PublishAsync("$KV."+claimwire.BucketFactLinks+"."+factLinkKey(id), data,
				jetstream.WithExpectLastSequencePerSubject(0))
			if err != nil {
				return nil, fmt.Errorf("indexer worker: record fact link of %s: %w", id, err)
			}
			acks[id] = ack
		}
		var errs []error
		for id, ack := range acks {
			select {
			case <-ack.Ok():
			case err := <-ack.Err():
				if wrongLastSequence(err) {
					taken = append(taken, id)
					continue
				}
				errs = append(errs, fmt.Errorf("indexer worker: record fact link of %s: %w", id, err))
			case <-ctx.Done():
				return nil, fmt.Errorf("indexer worker: record fact links: %w", ctx.Err())
			}
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	if len(taken) == 0 {
		return nil, nil
	}
	recorded, err := f.Recorded(ctx, taken)
	if err != nil {
		return nil, err
	}
	for _, id := range taken {
		// Reads may be served by a bucket replica a moment behind the one that refused the
		// write: the batch is retried rather than indexed with a fact that is not the recorded one.
		if _, ok := recorded[id]; !ok {
			return nil, fmt.Errorf("indexer worker: fact link of %s is recorded but not readable yet", id)
		}
	}
	return recorded, nil
}

// wrongLastSequence reports a create-only write refused because the key holds a value.
func wrongLastSequence(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && (apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
		apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant)
}

var validKey = regexp.MustCompile(`^[-/_=a-zA-Z0-9]+(\.[-/_=a-zA-Z0-9]+)*$`)

// factLinkKey is a claim id as a key: the id itself (claimwire ids are hex), or, for an id a key
// cannot hold or that could be taken for an encoded one, its base64 under "b64.".
func factLinkKey(id string) string {
	if validKey.MatchString(id) && !strings.HasPrefix(id, "b64.") {
		return id
	}
	return "b64." + base64.RawURLEncoding.EncodeToString([]byte(id))
}

// LinkStore is where this indexer settles the facts of its claims (indexer.Options.Linkages):
// the FACT_LINKS bucket, with replicas copies, when SharedFacts is set; nil otherwise.
func (c Config) LinkStore(ctx context.Context, js jetstream.JetStream, replicas int) (indexer.LinkStore, error) {
	if !c.SharedFacts {
		return nil, nil
	}
	f, err := OpenFactLinks(ctx, js, replicas)
	if err != nil {
		return nil, err
	}
	return f, nil
}
