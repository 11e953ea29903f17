//go:build !unix

package crawler

import (
	"errors"
	"os"
)

// lockDir creates path exclusively and removes it on unlock. Without flock, a crash leaves the
// file behind; it must then be removed by hand, as the error says.
func lockDir(path string) (unlock func() error, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o640)
	if errors.Is(err, os.ErrExist) {
		return nil, errors.New("lock file " + path + " exists (remove it if no crawler is running)")
	}
	if err != nil {
		return nil, err
	}
	return func() error { return errors.Join(f.Close(), os.Remove(path)) }, nil
}
