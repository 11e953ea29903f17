package bus

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire"
)

// Headers set on dead letters.
const (
	HeaderReason         = "Claimwire-Reason"
	HeaderOrigSubject    = "Claimwire-Orig-Subject"
	HeaderOrigStream     = "Claimwire-Orig-Stream"
	HeaderOrigSequence   = "Claimwire-Orig-Sequence"
	HeaderDeliveredCount = "Claimwire-Delivered"
)

// DeadLetter copies msg with its reason to claimwire.dlq.<kind> and terminates it, so that a
// message that can never be processed stops being redelivered and the pipeline goes on.
func DeadLetter(ctx context.Context, js jetstream.JetStream, kind string, msg jetstream.Msg, reason string) error {
	dl := nats.NewMsg(claimwire.SubjectDeadLetter + "." + kind)
	dl.Data = msg.Data()
	dl.Header.Set(HeaderReason, reason)
	dl.Header.Set(HeaderOrigSubject, msg.Subject())
	var msgID string
	if md, err := msg.Metadata(); err == nil {
		dl.Header.Set(HeaderOrigStream, md.Stream)
		dl.Header.Set(HeaderOrigSequence, strconv.FormatUint(md.Sequence.Stream, 10))
		dl.Header.Set(HeaderDeliveredCount, strconv.FormatUint(md.NumDelivered, 10))
		msgID = md.Stream + ":" + strconv.FormatUint(md.Sequence.Stream, 10)
	}
	var opts []jetstream.PublishOpt
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
	if _, err := js.PublishMsg(ctx, dl, opts...); err != nil {
		return fmt.Errorf("bus: dead-letter %s: %w", kind, err)
	}
	if err := msg.TermWithReason(reason); err != nil {
		return fmt.Errorf("bus: terminate dead letter: %w", err)
	}
	return nil
}

// Delivered returns how many times msg has been delivered, 1 when unknown.
func Delivered(msg jetstream.Msg) uint64 {
	md, err := msg.Metadata()
	if err != nil {
		return 1
	}
	return md.NumDelivered
}

// DeadLetterEntry is one message of the DEADLETTER stream.
type DeadLetterEntry struct {
	Seq         uint64    `json:"seq"`
	Subject     string    `json:"subject"`
	OrigSubject string    `json:"orig_subject"`
	Reason      string    `json:"reason"`
	Delivered   string    `json:"delivered,omitempty"`
	Time        time.Time `json:"time"`
	Size        int       `json:"size"`
}

// DeadLetters lists up to limit dead letters, oldest first.
func (b *Bus) DeadLetters(ctx context.Context, limit int) ([]DeadLetterEntry, error) {
	stream, err := b.JS.Stream(ctx, claimwire.StreamDeadLetter)
	if err != nil {
		return nil, fmt.Errorf("bus: dead letters: %w", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("bus: dead letters: %w", err)
	}
	var out []DeadLetterEntry
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && len(out) < limit && info.State.Msgs > 0; seq++ {
		m, err := stream.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue // replayed or removed
		}
		if err != nil {
			return out, fmt.Errorf("bus: dead letter %d: %w", seq, err)
		}
		out = append(out, DeadLetterEntry{
			Seq: m.Sequence, Subject: m.Subject, Time: m.Time, Size: len(m.Data),
			OrigSubject: m.Header.Get(HeaderOrigSubject),
			Reason:      m.Header.Get(HeaderReason),
			Delivered:   m.Header.Get(HeaderDeliveredCount),
		})
	}
	return out, nil
}

// ReplayDeadLetter publishes dead letter seq again on its original subject, so the pipeline
// retries it (after a fix, say), and removes it from the dead letters.
func (b *Bus) ReplayDeadLetter(ctx context.Context, seq uint64) error {
	stream, err := b.JS.Stream(ctx, claimwire.StreamDeadLetter)
	if err != nil {
		return fmt.Errorf("bus: replay: %w", err)
	}
	m, err := stream.GetMsg(ctx, seq)
	if err != nil {
		return fmt.Errorf("bus: replay %d: %w", seq, err)
	}
	subject := m.Header.Get(HeaderOrigSubject)
	if subject != claimwire.SubjectArticles && subject != claimwire.SubjectClaims {
		return fmt.Errorf("bus: replay %d: original subject %q is not a pipeline subject", seq, subject)
	}
	// No message id: the original's id may still be in the duplicate window and would drop it.
	if _, err := b.JS.PublishMsg(ctx, &nats.Msg{Subject: subject, Data: m.Data}); err != nil {
		return fmt.Errorf("bus: replay %d: %w", seq, err)
	}
	if err := stream.DeleteMsg(ctx, seq); err != nil {
		return fmt.Errorf("bus: replay %d: remove dead letter: %w", seq, err)
	}
	return nil
}
