package app

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// prepareInstanceDir creates dir inside the user's profile. Windows gives
// that folder an access list for the user alone, so no further check is
// made here.
//
// NOTE: this trusts the inherited access list of %LOCALAPPDATA%; it does
// not read the folder's owner.
func prepareInstanceDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the instance folder %s: %w", dir, err)
	}
	return nil
}

// checkSocketOwner only checks that the socket file exists; see
// prepareInstanceDir for why.
func checkSocketOwner(sock string) error {
	_, err := os.Lstat(sock)
	return err
}

// wsaeConnRefused is the Winsock error WSAECONNREFUSED, returned when a
// socket file has no process listening on it.
const wsaeConnRefused = syscall.Errno(10061)

// isConnRefused reports whether a dial found a socket file with no
// process listening on it.
func isConnRefused(err error) bool { return errors.Is(err, wsaeConnRefused) }
