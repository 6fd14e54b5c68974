package app

import (
	"fmt"
	"net"
	"os"
	"syscall"
)

// checkPeer rejects a connection from another user. The 0700 folder keeps
// other users out already; the peer credentials check it a second time.
func checkPeer(conn net.Conn) error {
	uc, ok := conn.(*net.UnixConn)
	if !ok {
		return fmt.Errorf("instance socket: unexpected connection type %T", conn)
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return err
	}
	var cred *syscall.Ucred
	var credErr error
	err = raw.Control(func(fd uintptr) {
		cred, credErr = syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
	})
	if err != nil {
		return err
	}
	if credErr != nil {
		return fmt.Errorf("instance socket: read the peer credentials: %w", credErr)
	}
	if int(cred.Uid) != os.Getuid() {
		return fmt.Errorf("instance socket: rejected a connection from user id %d", cred.Uid)
	}
	return nil
}
