//go:build darwin && cgo

package macopen

/*
#cgo CFLAGS: -x objective-c -fobjc-arc
#cgo LDFLAGS: -framework Cocoa
void wxlogInstallOpenDocumentsHandler(void);
*/
import "C"

import (
	"sync"
	"unsafe"
)

// NOTE: this file and macopen_darwin.m have not been compiled: building
// them needs the macOS SDK, which the Linux build machine does not have.

var (
	mu      sync.Mutex
	handler func([]string)
	// pending keeps paths that arrive before Start set a handler, such as
	// the files of the double-click that launched wxlog.
	pending [][]string
)

// Start installs the open-documents handler and calls onPaths, from a new
// goroutine, with the paths of every open-documents event. Call it once,
// before the Fyne app runs; the caller passes the paths to the UI thread
// with fyne.Do.
func Start(onPaths func([]string)) {
	mu.Lock()
	handler = onPaths
	queued := pending
	pending = nil
	mu.Unlock()

	for _, paths := range queued {
		go onPaths(paths)
	}
	C.wxlogInstallOpenDocumentsHandler()
}

// wxlogOpenPaths is called by the Objective-C handler on the main thread.
// It copies the C strings and returns at once, so the event loop is not
// held up.
//
//export wxlogOpenPaths
func wxlogOpenPaths(cpaths **C.char, count C.int) {
	list := unsafe.Slice(cpaths, int(count))
	paths := make([]string, 0, len(list))
	for _, p := range list {
		paths = append(paths, C.GoString(p))
	}

	mu.Lock()
	h := handler
	if h == nil {
		pending = append(pending, paths)
	}
	mu.Unlock()
	if h != nil {
		go h(paths)
	}
}
