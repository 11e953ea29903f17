package alert

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Headers of a webhook POST.
const (
	// HeaderEvent is the event's id: a receiver that sees it twice has the same event again.
	HeaderEvent = "X-Claimwire-Event"
	// HeaderTimestamp is when the POST was signed, in Unix seconds.
	HeaderTimestamp = "X-Claimwire-Timestamp"
	// HeaderSignature is "sha256=" and the hex HMAC-SHA256, keyed with the webhook's secret,
	// of the timestamp, a dot and the body.
	HeaderSignature = "X-Claimwire-Signature"
	// HeaderAttempt counts the POSTs of this event, from 1.
	HeaderAttempt = "X-Claimwire-Attempt"
)

// ErrSignature is wrapped by every error of Verify.
var ErrSignature = errors.New("bad webhook signature")

// Sign returns the HeaderSignature value for body sent at ts. The timestamp is signed with the
// body, so a recorded POST cannot be replayed later under a new timestamp.
func Sign(secret string, ts time.Time, body []byte) string {
	return "sha256=" + hex.EncodeToString(mac(secret, strconv.FormatInt(ts.Unix(), 10), body))
}

func mac(secret, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks a webhook POST as a receiver should: the signature matches the timestamp and
// body, and the timestamp is within tolerance of now (a replay of an old POST is refused).
func Verify(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("alert: timestamp %q: %w", timestamp, ErrSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("alert: timestamp %s is more than %s from now: %w", time.Unix(sec, 0).UTC().Format(time.RFC3339), tolerance, ErrSignature)
	}
	hexSum, ok := strings.CutPrefix(signature, "sha256=")
	got, err := hex.DecodeString(hexSum)
	if !ok || err != nil {
		return fmt.Errorf("alert: signature %q: want sha256=<hex>: %w", signature, ErrSignature)
	}
	if !hmac.Equal(got, mac(secret, timestamp, body)) {
		return fmt.Errorf("alert: signature does not match: %w", ErrSignature)
	}
	return nil
}

// RetryDelay is the wait before the attempt-th POST of an event (2 after the first failure):
// base doubling per attempt up to maxDelay, of which jitter (from 0 to 1, random) takes up to
// half, so that receivers that came back are not hit by every retry at once.
func RetryDelay(attempt int, base, maxDelay time.Duration, jitter float64) time.Duration {
	d := maxDelay
	if n := attempt - 2; n < 30 && base<<max(n, 0) < maxDelay {
		d = base << max(n, 0)
	}
	return d/2 + time.Duration(jitter*float64(d/2))
}
