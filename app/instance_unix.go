//go:build unix

package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// prepareInstanceDir creates dir with mode 0700 when missing and checks
// that it is a real folder of this user with no access for other users.
func prepareInstanceDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the instance folder %s: %w", dir, err)
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("check the instance folder %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("instance folder %s is not a folder (a link or a file): remove it and start wxlog again", dir)
	}
	if err := checkOwner(dir, info); err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("instance folder %s has mode %v, but only its owner may use it: run chmod 700 %s", dir, info.Mode().Perm(), dir)
	}
	return nil
}

// checkSocketOwner checks that sock is a socket of this user before a
// launch sends it paths. A missing file gives an error matching
// os.ErrNotExist.
func checkSocketOwner(sock string) error {
	info, err := os.Lstat(sock)
	if err != nil {
		return err
	}
	if info.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("instance socket %s is not a socket: remove it and start wxlog again", sock)
	}
	return checkOwner(sock, info)
}

func checkOwner(path string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("check the owner of %s: no owner information", path)
	}
	if int(st.Uid) != os.Getuid() {
		return fmt.Errorf("%s belongs to user id %d, not to you (%d): wxlog does not share an instance with other users", path, st.Uid, os.Getuid())
	}
	return nil
}

// isConnRefused reports whether a dial found a socket file with no
// process listening on it.
func isConnRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
