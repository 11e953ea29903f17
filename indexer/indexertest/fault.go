// Package indexertest helps tests of the indexer: it reads claim fixtures, and injects the
// write failures of a full disk and of a bleve bug into an index, through
// indexer.Options.WriteFault.
package indexertest

import (
	"os"
	"sync/atomic"
	"syscall"
)

// Fault modes.
const (
	// Writes lets writes through.
	Writes int32 = iota
	// DiskFull fails writes as a full disk does.
	DiskFull
	// Panics panics as bleve did in a write when the disk filled.
	Panics
)

// Fault fails index writes as Set says; the zero value lets them through.
type Fault struct{ mode atomic.Int32 }

// Set changes how the next writes fail.
func (f *Fault) Set(mode int32) { f.mode.Store(mode) }

// Write is an indexer.Options.WriteFault.
func (f *Fault) Write() error {
	switch f.mode.Load() {
	case DiskFull:
		return &os.PathError{Op: "write", Path: "000000000002.zap", Err: syscall.ENOSPC}
	case Panics:
		var m map[string]int
		m["segment"] = 1 // assignment to entry in nil map, as seen inside bleve
	}
	return nil
}
