//go:build unix

package parsers

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mapFrom makes files of n bytes or more mapped for the rest of the test.
func mapFrom(t *testing.T, n int64) {
	t.Helper()
	prev := mapMinBytes
	mapMinBytes = n
	t.Cleanup(func() { mapMinBytes = prev })
}

// walkOne walks the file at path under name and returns its one item.
func walkOne(t *testing.T, path, name string) Item {
	t.Helper()
	var items []Item
	w := &walker{ctx: context.Background(), limits: Limits{}.withDefaults(), emit: func(item Item) {
		items = append(items, item)
	}}
	w.walkFile(path, name)
	require.Len(t, items, 1)
	return items[0]
}

func TestMappedFixturesMatchHeap(t *testing.T) {
	mapFrom(t, 1)
	dir := t.TempDir()
	for _, fx := range loadFixtures(t) {
		t.Run(fx.format+"/"+fx.variant, func(t *testing.T) {
			p := filepath.Join(dir, fx.format+"-"+fx.variant)
			require.NoError(t, os.WriteFile(p, fx.data, 0o644))
			name := fixtureNames[fx.format]
			item := walkOne(t, p, name)
			require.NoError(t, item.Err)
			wantMapped := len(fx.data) > 0 && !isUTF16(fx.data) && !isArchive(fx.data)
			assert.Equal(t, wantMapped, isMapped(item.Data), "mapped")

			opts := fixtureOptions(fx)
			mapped := OpenGuarded(item, opts)
			heap := Open(Item{Name: name, Path: p, Data: fx.data}, opts)
			assert.Equal(t, heap.Format, mapped.Format)
			assert.Equal(t, heap.Encoding, mapped.Encoding)
			assert.Equal(t, heap.Size, mapped.Size)
			assert.Equal(t, heap.Text, mapped.Text)
			assert.Equal(t, heap.Problems, mapped.Problems)
			assert.Equal(t, heap.Entries, mapped.Entries)
		})
	}
}

// TestHostileInputsMapped loads the hostile inputs with every plain file
// mapped: the results must be those of reading them.
func TestHostileInputsMapped(t *testing.T) {
	mapFrom(t, 1)
	TestHostileInputs(t)
}

func TestMapThreshold(t *testing.T) {
	text := []byte(clientLog(50))
	size := int64(len(text))
	cases := []struct {
		name      string
		threshold int64
		mapped    bool
	}{
		{"one byte under the threshold", size + 1, false},
		{"exactly the threshold", size, true},
		{"over the threshold", size - 1, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mapFrom(t, tc.threshold)
			p := filepath.Join(t.TempDir(), "current_log.txt")
			require.NoError(t, os.WriteFile(p, text, 0o644))

			item := walkOne(t, p, "current_log.txt")
			require.NoError(t, item.Err)
			assert.Equal(t, tc.mapped, isMapped(item.Data))
			assert.Equal(t, text, item.Data)

			src := OpenGuarded(item, Options{})
			assert.Equal(t, "webex-desktop", src.Format)
			assert.Len(t, src.Entries, 50)
		})
	}
}

func TestMapEmptyFile(t *testing.T) {
	for _, threshold := range []int64{0, 1} {
		mapFrom(t, threshold)
		p := filepath.Join(t.TempDir(), "empty.log")
		require.NoError(t, os.WriteFile(p, nil, 0o644))

		item := walkOne(t, p, "empty.log")
		require.NoError(t, item.Err)
		assert.Empty(t, item.Data)
		assert.False(t, isMapped(item.Data))
		src := OpenGuarded(item, Options{})
		assert.True(t, hasProblem(src, "empty.log: parsers: empty file"), "threshold %d: %q", threshold, src.Problems)
	}
}

// TestMapUnreadableFile checks files that cannot be read or mapped. A
// Unix socket cannot be opened, even by root. A sysfs attribute can be
// read but not mapped, so it is read.
func TestMapUnreadableFile(t *testing.T) {
	mapFrom(t, 1)
	dir := t.TempDir()

	t.Run("no read permission", func(t *testing.T) {
		p := filepath.Join(dir, "locked.log")
		require.NoError(t, os.WriteFile(p, []byte(clientLog(2)), 0o644))
		require.NoError(t, os.Chmod(p, 0))
		if os.Geteuid() == 0 {
			t.Skip("running as root, which can read a file with mode 000: the permission check cannot fail here")
		}
		item := walkOne(t, p, "locked.log")
		assert.ErrorContains(t, item.Err, "cannot open: permission denied")
		assert.Nil(t, item.Data)
	})

	t.Run("socket", func(t *testing.T) {
		p := filepath.Join(dir, "s.log")
		l, err := net.Listen("unix", p)
		require.NoError(t, err)
		defer l.Close()
		item := walkOne(t, p, "s.log")
		assert.ErrorContains(t, item.Err, "cannot open")
		assert.Nil(t, item.Data)
	})

	t.Run("file that cannot be mapped", func(t *testing.T) {
		const p = "/sys/kernel/mm/transparent_hugepage/enabled"
		want, err := os.ReadFile(p)
		if err != nil {
			t.Skipf("no sysfs attribute to read here: %v", err)
		}
		item := walkOne(t, p, "enabled")
		require.NoError(t, item.Err)
		assert.False(t, isMapped(item.Data))
		assert.Equal(t, want, item.Data)
	})
}

// TestMapFileChangedWhileMapped makes a file grow or shrink between the
// size check and the mapping: it is read instead, with the notes of the
// read path.
func TestMapFileChangedWhileMapped(t *testing.T) {
	mapFrom(t, 1)
	cases := []struct {
		name    string
		change  func(p string)
		entries int
		note    string
	}{
		{"grows", func(p string) {
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			if err == nil {
				_, _ = f.WriteString(clientLine(40, "appended"))
				_ = f.Close()
			}
		}, 6, "the file grew from"},
		{"shrinks", func(p string) { _ = os.Truncate(p, int64(len(clientLog(2)))) }, 2, "the file shrank from"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "current_log.txt")
			require.NoError(t, os.WriteFile(p, []byte(clientLog(5)), 0o644))
			hookAfterStat = tc.change
			defer func() { hookAfterStat = nil }()

			item := walkOne(t, p, "current_log.txt")
			require.NoError(t, item.Err)
			assert.False(t, isMapped(item.Data))
			src := OpenGuarded(item, Options{})
			assert.Len(t, src.Entries, tc.entries)
			assert.True(t, hasProblem(src, tc.note), "%q", src.Problems)
		})
	}
}

// mappedLog writes a log of several pages, maps it and returns its path
// and item.
func mappedLog(t *testing.T) (string, Item) {
	t.Helper()
	mapFrom(t, 1)
	p := filepath.Join(t.TempDir(), "current_log.txt")
	require.NoError(t, os.WriteFile(p, []byte(clientLog(3000)), 0o644))
	item := walkOne(t, p, "current_log.txt")
	require.NoError(t, item.Err)
	require.True(t, isMapped(item.Data))
	return p, item
}

func TestParseOfTruncatedFile(t *testing.T) {
	cases := []struct {
		name string
		keep int64
	}{
		{"cut to nothing", 0},
		{"cut in the middle", 100000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, item := mappedLog(t)
			require.NoError(t, os.Truncate(p, tc.keep))

			var src *Source
			require.NotPanics(t, func() { src = OpenGuarded(item, Options{}) })
			assert.Empty(t, src.Entries)
			assert.Equal(t, int64(len(item.Data)), src.Size)
			require.Len(t, src.Problems, 1)
			assert.Contains(t, src.Problems[0], "current_log.txt: parsers: file changed on disk while it was being read: reading "+p+" failed at byte ")
			assert.Contains(t, src.Problems[0], "; open it again")

			// The mapping reads as zeros from now on, past the file's end.
			assert.Equal(t, byte(0), item.Data[len(item.Data)-1])
		})
	}
}

func TestScanOfTruncatedFile(t *testing.T) {
	p, item := mappedLog(t)
	src := OpenGuarded(item, Options{})
	require.Len(t, src.Entries, 3000)
	require.NoError(t, os.Truncate(p, 0))

	var read, sum int
	err := src.ReadText(func() {
		for i := range src.Entries {
			sum += int(src.Entries[i].Raw[0])
			read++
		}
	})
	require.ErrorIs(t, err, ErrChanged)
	assert.Zero(t, read, "the first entry is past the new end")
	assert.True(t, hasProblem(src, "open it again"), "%q", src.Problems)

	// Later passes read zeros instead of faulting.
	assert.NotPanics(t, func() {
		for i := range src.Entries {
			_ = src.Entries[i].Raw[0]
		}
	})
}

func TestReparseOfTruncatedFile(t *testing.T) {
	p, item := mappedLog(t)
	src := OpenGuarded(item, Options{})
	require.Len(t, src.Entries, 3000)
	require.NoError(t, os.Truncate(p, 0))

	require.NotPanics(t, func() { Reparse(src, Options{}) })
	assert.Empty(t, src.Entries)
	assert.True(t, hasProblem(src, "file changed on disk while it was being read"), "%q", src.Problems)
}

// sink keeps a read that a test makes fault from being left out.
var sink string

func TestCatchFaultPassesOtherPanics(t *testing.T) {
	assert.PanicsWithValue(t, "not a fault", func() {
		_ = CatchFault(func() { panic("not a fault") })
	})
	var nilMapping *mapping
	assert.Panics(t, func() {
		_ = CatchFault(func() { sink = nilMapping.path })
	}, "a nil dereference is no fault on a mapping")
	assert.NoError(t, CatchFault(func() {}))
}

func TestFaultErrorOnlyForMappings(t *testing.T) {
	_, item := mappedLog(t)
	assert.NoError(t, faultError("not a fault"))
	assert.NoError(t, faultError(fakeFault(0)), "address 0 is in no mapping")
	heap := []byte("heap")
	assert.NoError(t, faultError(fakeFault(uintptr(unsafe.Pointer(&heap[0])))))

	err := faultError(fakeFault(uintptr(unsafe.Pointer(&item.Data[4096]))))
	require.ErrorIs(t, err, ErrChanged)
	assert.ErrorContains(t, err, "failed at byte 4096; open it again")
}

func TestReleasePagesKeepsText(t *testing.T) {
	_, item := mappedLog(t)
	src := OpenGuarded(item, Options{})
	want := string(item.Data)
	src.ReleasePages()
	assert.Equal(t, want, src.Text)

	heap := &Source{Text: "on the heap"}
	heap.ReleasePages()
	assert.Equal(t, "on the heap", heap.Text)
	assert.NotPanics(t, (&Source{}).ReleasePages)
}

// fakeFault is a recovered panic value of a fault at an address.
type fakeFault uintptr

func (f fakeFault) Addr() uintptr { return uintptr(f) }
