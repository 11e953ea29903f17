//go:build unix

package crawler

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock on path, which the kernel releases when the process
// dies, so a crash leaves no stale lock behind.
func lockDir(path string) (unlock func() error, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.New("lock file " + path + " is held")
		}
		return nil, err
	}
	return f.Close, nil // closing the descriptor releases the lock
}
