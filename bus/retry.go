package bus

import "time"

// Backoff is the redelivery delay after the given delivery: 1s, 4s, 16s, … capped at 5 minutes.
func Backoff(delivered uint64) time.Duration {
	if delivered < 1 {
		delivered = 1
	}
	return min(time.Second<<(2*min(delivered-1, 8)), 5*time.Minute)
}
