package app

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Single instance: the first wxlog process of a user listens on a local
// socket in a folder only that user can enter. A later launch with paths
// connects, sends them as one JSON line, waits for "ok" and exits, and the
// first process hands the paths to its window.

const (
	// instanceSocketName is the socket file inside the instance folder.
	instanceSocketName = "instance.sock"
	// instanceMaxMessage caps one hand-off message, which is a list of
	// paths: far more than any real command line.
	instanceMaxMessage = 1 << 20
	// instanceTimeout bounds each side of a hand-off, so that a hung
	// first process cannot block a launch for long.
	instanceTimeout = 5 * time.Second
	// instanceAck is the reply that confirms a hand-off.
	instanceAck = "ok"
)

// handoff is the message a later launch sends to the first process.
type handoff struct {
	Paths []string `json:"paths"`
}

// InstanceDir returns the per-user folder for the instance socket: under
// $XDG_RUNTIME_DIR when set, under the user cache folder on Windows, else
// a wxlog-<uid> folder in the temporary folder (per user on macOS).
func InstanceDir() (string, error) {
	if runtime.GOOS == "windows" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("find the folder for the instance socket: %w", err)
		}
		return filepath.Join(cache, "wxlog"), nil
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		return filepath.Join(dir, "wxlog"), nil
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("wxlog-%d", os.Getuid())), nil
}

// Instance is the listening side of the first wxlog process.
type Instance struct {
	listener net.Listener
	path     string
	onPaths  func([]string)
	done     sync.WaitGroup
}

// StartInstance makes this process the user's wxlog instance, or hands
// paths to the one already running. When another instance accepted the
// paths it returns (nil, true, nil) and the caller should exit. Otherwise
// it returns the new instance, which calls onPaths from its own goroutine
// for every later launch. onPaths must therefore pass the paths to the UI
// thread itself (with fyne.Do). dir is created with mode 0700 when missing, and is rejected when
// another user owns it or others may write to it.
func StartInstance(dir string, paths []string, onPaths func([]string)) (*Instance, bool, error) {
	if err := prepareInstanceDir(dir); err != nil {
		return nil, false, err
	}
	sock := filepath.Join(dir, instanceSocketName)

	sent, err := sendHandoff(sock, paths)
	if sent || err != nil {
		return nil, sent, err
	}

	// No process listens, so a socket file left here belongs to a process
	// that died.
	if err := os.Remove(sock); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, false, fmt.Errorf("remove the stale instance socket %s: %w", sock, err)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		// NOTE: two launches at the same moment can both find no
		// listener; the one that loses the race to bind tries the
		// hand-off once more.
		if sent, err2 := sendHandoff(sock, paths); sent || err2 != nil {
			return nil, sent, err2
		}
		return nil, false, fmt.Errorf("listen on the instance socket %s: %w", sock, err)
	}
	if err := os.Chmod(sock, 0o600); err != nil && runtime.GOOS != "windows" {
		ln.Close()
		return nil, false, fmt.Errorf("restrict the instance socket %s: %w", sock, err)
	}

	inst := &Instance{listener: ln, path: sock, onPaths: onPaths}
	inst.done.Add(1)
	go inst.serve()
	return inst, false, nil
}

// Close stops listening and removes the socket file.
func (i *Instance) Close() error {
	err := i.listener.Close()
	i.done.Wait()
	return err
}

func (i *Instance) serve() {
	defer i.done.Done()
	for {
		conn, err := i.listener.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				slog.Error("instance socket stopped accepting", "socket", i.path, "err", err)
			}
			return
		}
		paths, err := i.receive(conn)
		conn.Close()
		if err != nil {
			slog.Warn("instance socket: rejected a hand-off", "socket", i.path, "err", err)
			continue
		}
		if i.onPaths != nil {
			i.onPaths(paths)
		}
	}
}

func (i *Instance) receive(conn net.Conn) ([]string, error) {
	if err := checkPeer(conn); err != nil {
		return nil, err
	}
	if err := conn.SetDeadline(time.Now().Add(instanceTimeout)); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(io.LimitReader(conn, instanceMaxMessage)).ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("read the hand-off message: %w", err)
	}
	var msg handoff
	if err := json.Unmarshal(line, &msg); err != nil {
		return nil, fmt.Errorf("invalid hand-off message: %w", err)
	}
	if _, err := io.WriteString(conn, instanceAck+"\n"); err != nil {
		return nil, fmt.Errorf("confirm the hand-off: %w", err)
	}
	return msg.Paths, nil
}

// sendHandoff passes paths, made absolute, to a running instance. It
// returns false with no error when no instance listens on sock.
func sendHandoff(sock string, paths []string) (bool, error) {
	if err := checkSocketOwner(sock); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return false, nil
		}
		return false, err
	}
	conn, err := net.DialTimeout("unix", sock, instanceTimeout)
	if err != nil {
		if isConnRefused(err) || errors.Is(err, os.ErrNotExist) {
			return false, nil
		}
		return false, fmt.Errorf("connect to the running wxlog at %s: %w", sock, err)
	}
	defer conn.Close()

	abs := make([]string, 0, len(paths))
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return false, fmt.Errorf("resolve %s: %w", p, err)
		}
		abs = append(abs, a)
	}
	msg, err := json.Marshal(handoff{Paths: abs})
	if err != nil {
		return false, err
	}
	if err := conn.SetDeadline(time.Now().Add(instanceTimeout)); err != nil {
		return false, err
	}
	if _, err := conn.Write(append(msg, '\n')); err != nil {
		return false, fmt.Errorf("send paths to the running wxlog at %s: %w", sock, err)
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || reply != instanceAck+"\n" {
		return false, fmt.Errorf("the running wxlog at %s did not confirm the paths (reply %q): %v", sock, reply, err)
	}
	return true, nil
}
