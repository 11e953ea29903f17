package bus

import (
	"context"
	"fmt"
	"strconv"

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
