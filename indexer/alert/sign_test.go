package alert

import (
	"errors"
	"testing"
	"time"
)

func TestSignVerify(t *testing.T) {
	const secret = "s3cret-s3cret-s3cret"
	body := []byte(`{"v":1,"id":"a.claim.c1"}`)
	sent := time.Unix(1_750_000_000, 0)
	sig := Sign(secret, sent, body)
	ts := "1750000000"
	for _, tt := range []struct {
		name       string
		secret, ts string
		sig        string
		body       string
		now        time.Time
		ok         bool
	}{
		{"as sent", secret, ts, sig, string(body), sent.Add(time.Minute), true},
		{"other secret", "another-secret-value", ts, sig, string(body), sent, false},
		{"body changed", secret, ts, sig, `{"v":1,"id":"a.claim.c2"}`, sent, false},
		{"timestamp changed", secret, "1750000001", sig, string(body), sent, false},
		{"replayed later", secret, ts, sig, string(body), sent.Add(10 * time.Minute), false},
		{"from the future", secret, ts, sig, string(body), sent.Add(-10 * time.Minute), false},
		{"no prefix", secret, ts, sig[len("sha256="):], string(body), sent, false},
		{"not hex", secret, ts, "sha256=zz", string(body), sent, false},
		{"no timestamp", secret, "", sig, string(body), sent, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.ts, tt.sig, []byte(tt.body), tt.now, 5*time.Minute)
			if tt.ok != (err == nil) {
				t.Fatalf("Verify = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrSignature) {
				t.Fatalf("error without ErrSignature: %v", err)
			}
		})
	}
}

// The signature is HMAC-SHA256 of "<timestamp>.<body>", as README documents for receivers in
// other languages: a known answer pins it.
func TestSignKnownAnswer(t *testing.T) {
	got := Sign("key", time.Unix(1, 0), []byte("body"))
	// printf '1.body' | openssl dgst -sha256 -hmac key
	const want = "sha256=91b5374b153842ad05b2c4eab9349b8321b14703165bd3fb8b034dfb8be98ae5"
	if got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

func TestRetryDelay(t *testing.T) {
	base, maxDelay := time.Second, time.Minute
	for _, tt := range []struct {
		attempt  int
		low, top time.Duration // jitter 0, jitter 1
	}{
		{2, 500 * time.Millisecond, time.Second},
		{3, time.Second, 2 * time.Second},
		{5, 4 * time.Second, 8 * time.Second},
		{8, 30 * time.Second, time.Minute},
		{60, 30 * time.Second, time.Minute},
		{1 << 20, 30 * time.Second, time.Minute},
	} {
		if lo, hi := RetryDelay(tt.attempt, base, maxDelay, 0), RetryDelay(tt.attempt, base, maxDelay, 1); lo != tt.low || hi != tt.top {
			t.Errorf("attempt %d: %s..%s, want %s..%s", tt.attempt, lo, hi, tt.low, tt.top)
		}
	}
}
