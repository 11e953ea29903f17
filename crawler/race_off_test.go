//go:build !race

package crawler

// raceSlowdown scales time limits: the race detector slows parsing about tenfold.
const raceSlowdown = 1
