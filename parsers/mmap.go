package parsers

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"unsafe"
)

// Large plain files are memory-mapped read-only instead of read onto the
// heap, on the systems that mapFile supports: their text and every entry
// string parsed from it then point into the mapping. The kernel reads the
// pages in as they are touched. ReleasePages drops them from the process
// once a pass over the text is done. On Linux the trimmer of
// mmap_trim_linux.go also drops them while a pass reads entries here and
// there, so the text of a large case does not stay resident while it is
// analysed.
//
// A file that another program cuts short while it is mapped makes reads
// past its new end fault (SIGBUS), which crashes a Go program unless the
// reading goroutine has runtime/debug.SetPanicOnFault set. CatchFault,
// OpenGuarded, Source.ReadText and Reparse set it and turn such a fault
// into an error wrapping ErrChanged.

// ErrChanged marks a source whose mapped file changed on disk while its
// text was read, usually because another program cut the file short.
var ErrChanged = errors.New("parsers: file changed on disk while it was being read")

// mapMinBytes is the size from which a plain file is mapped rather than
// read. A smaller text is small next to the entries parsed from it, so
// mapping it would save little. The value is a judgment, not a measured
// break-even. It is a variable so that tests can map small files.
var mapMinBytes int64 = 1 << 20

// mapping is one file mapped read-only.
type mapping struct {
	data []byte
	path string
	// blanked is set once the mapping has been replaced by zero pages
	// after a fault (see blankMapping).
	blanked bool
}

// mappings lists every mapping of the process. A mapping is never unmapped
// once its bytes have been emitted in an Item: entry strings point into it
// and may be kept anywhere for as long as the process runs. Mappings
// therefore stay until exit, which keeps their address space reserved.
// ReleasePages gives back their memory.
var mappings struct {
	sync.Mutex
	list []*mapping
}

func addMapping(data []byte, path string) {
	mappings.Lock()
	defer mappings.Unlock()
	mappings.list = append(mappings.list, &mapping{data: data, path: path})
	startTrimmer()
}

// mappingAt returns the mapping that holds the byte at p, or nil when p is
// not in a mapping (heap text, for one). Callers hold mappings' lock.
func mappingAt(p uintptr) *mapping {
	for _, m := range mappings.list {
		base := uintptr(unsafe.Pointer(unsafe.SliceData(m.data)))
		if p >= base && p-base < uintptr(len(m.data)) {
			return m
		}
	}
	return nil
}

// isMapped reports whether data starts in a mapping.
func isMapped(data []byte) bool {
	if len(data) == 0 {
		return false
	}
	mappings.Lock()
	defer mappings.Unlock()
	return mappingAt(uintptr(unsafe.Pointer(&data[0]))) != nil
}

// ReleasePages gives the memory pages of the source's text back to the
// kernel when the text is memory-mapped, after a pass over it. The pages
// stay in the kernel's page cache and a later read faults them back in,
// so the text does not change. It does nothing for text on the heap.
func (s *Source) ReleasePages() {
	if s.Text == "" {
		return
	}
	releaseRange(uintptr(unsafe.Pointer(unsafe.StringData(s.Text))), len(s.Text))
}

// ReleaseTextRange releases the mapped pages under Text[from:to] after a
// pass over that part, as ReleasePages does for the whole text. Pages the
// range shares with its neighbours are released too and fault back in.
func (s *Source) ReleaseTextRange(from, to int) {
	from, to = max(from, 0), min(to, len(s.Text))
	if from >= to {
		return
	}
	releaseRange(uintptr(unsafe.Pointer(unsafe.StringData(s.Text)))+uintptr(from), to-from)
}

// releaseRange releases the pages under the n bytes from p, rounded out to
// whole pages, when they are in a mapping.
func releaseRange(p uintptr, n int) {
	mappings.Lock()
	defer mappings.Unlock()
	m := mappingAt(p)
	if m == nil || m.blanked {
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(m.data)))
	page := uintptr(os.Getpagesize())
	from := (p - base) &^ (page - 1)
	to := min(p-base+uintptr(n), uintptr(len(m.data)))
	// A failed release only leaves the pages resident, so it is ignored.
	_ = releaseMapped(m.data[from:to])
}

// CatchFault runs read, a pass over text that may be memory-mapped. A
// fault on a mapping, because the file was cut short since it was mapped,
// stops the pass, and CatchFault returns an error wrapping ErrChanged that
// names the file. It also replaces the mapping by zero pages, so later
// passes read zeros instead of faulting. Any other panic goes on.
func CatchFault(read func()) (err error) {
	wakeTrimmer()
	prev := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(prev)
		if r := recover(); r != nil {
			err = faultError(r)
			if err == nil {
				panic(r)
			}
		}
	}()
	read()
	return nil
}

// faultError turns a recovered fault on a mapping into an error, or
// returns nil when r is not such a fault.
func faultError(r any) error {
	fault, ok := r.(interface{ Addr() uintptr })
	if !ok {
		return nil
	}
	addr := fault.Addr()
	mappings.Lock()
	defer mappings.Unlock()
	m := mappingAt(addr)
	if m == nil {
		return nil
	}
	if !m.blanked {
		// The pages read as zeros from now on. If the mapping cannot be
		// replaced, later reads past the file's end fault again.
		m.blanked = blankMapping(m.data) == nil
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(m.data)))
	return fmt.Errorf("%w: reading %s failed at byte %d; open it again", ErrChanged, m.path, addr-base)
}

// OpenGuarded opens an item as Open does, and then releases the pages of
// its mapped text. A fault on the mapping during the parse makes a source
// that holds only the problem, naming the file, in place of a source cut
// off at an arbitrary entry.
func OpenGuarded(item Item, opts Options) *Source {
	var src *Source
	err := CatchFault(func() { src = Open(item, opts) })
	if err != nil {
		src = Open(Item{Name: item.Name, Path: item.Path, Notes: item.Notes, Err: err}, opts)
		src.Size = int64(len(item.Data))
		return src
	}
	src.ReleasePages()
	return src
}

// MarkCut records err, the fault that stopped a pass over the source's
// mapped text, as a problem of the source and marks the source Cut.
func (s *Source) MarkCut(err error) {
	s.AddProblem(0, "%v", err)
	s.Cut = true
}

// ReadText runs read, a pass over the source's text, and then releases
// the text's mapped pages. A fault on the mapping stops the pass: it is
// recorded as a problem of the source and returned. Whatever read stored
// before the fault is incomplete.
func (s *Source) ReadText(read func()) error {
	err := CatchFault(read)
	if err != nil {
		s.MarkCut(err)
	}
	s.ReleasePages()
	return err
}

// guardPass starts a pass over the source's text in the function that
// defers endPass with its result: faults then panic instead of crashing
// the program. It returns the goroutine's previous setting.
func guardPass() bool {
	wakeTrimmer()
	return debug.SetPanicOnFault(true)
}

// endPass ends a pass that guardPass started. A fault on the mapping
// drops the entries parsed so far and records the problem, and the text's
// pages are released. It must be deferred directly, for recover to work.
func (s *Source) endPass(prev bool) {
	debug.SetPanicOnFault(prev)
	if r := recover(); r != nil {
		err := faultError(r)
		if err == nil {
			panic(r)
		}
		s.Entries = nil
		s.AddProblem(0, "%v", err)
	}
	s.ReleasePages()
}
