//go:build linux

package parsers

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChunkedFaultReachesCaller maps a file, cuts it short and parses the
// mapped text in chunks. Reading past the file's new end faults in a
// worker goroutine, and the fault must reach the caller as a panic that
// carries its address, which a recover can turn into an error. Without
// the caller's SetPanicOnFault in the workers, the fault would crash the
// test binary.
func TestChunkedFaultReachesCaller(t *testing.T) {
	path := filepath.Join(t.TempDir(), "XsiActionsLog.txt")
	text := strings.Repeat(ociEntries, 400)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	data, err := syscall.Mmap(int(f.Fd()), 0, len(text), syscall.PROT_READ, syscall.MAP_SHARED)
	require.NoError(t, err)
	defer syscall.Munmap(data)
	mapped := unsafe.String(&data[0], len(data))

	// The chunks are cut while the whole file can be read. Then the file
	// keeps its first page only, so the workers of every later chunk
	// fault.
	restore := setChunking(1, len(text)/8)
	starts := chunkStarts(mapped)
	restore()
	require.Greater(t, len(starts), 2)
	require.NoError(t, os.Truncate(path, int64(os.Getpagesize())))

	header := func(line string, e *Entry) (int, bool) {
		return len(line), strings.HasPrefix(line, "2024.")
	}
	prev := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(prev)
	var recovered any
	func() {
		defer func() { recovered = recover() }()
		parseChunks(mapped, starts, header, nil)
	}()

	fault, ok := recovered.(interface{ Addr() uintptr })
	require.True(t, ok, "recovered %v, not a fault with an address", recovered)
	base := uintptr(unsafe.Pointer(&data[0]))
	assert.GreaterOrEqual(t, fault.Addr(), base+uintptr(os.Getpagesize()), "the fault is not past the file's new end")
	assert.Less(t, fault.Addr(), base+uintptr(len(data)), "the fault is not in the mapping")
}
