//go:build unix

package parsers

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// mapFile maps the first size bytes of f read-only and shared, so that
// the pages come from the kernel's page cache and nothing is copied. The
// mapping outlives f.
func mapFile(f *os.File, size int64) ([]byte, error) {
	return unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
}

// unmapFile removes a mapping that no string points into yet.
func unmapFile(data []byte) error {
	return unix.Munmap(data)
}

// releaseMapped drops the pages of data, a part of a read-only shared file
// mapping, from the process. On Linux they leave its resident set at once.
// A later read maps them again from the page cache, or reads them from the
// file if the kernel has evicted them meanwhile.
//
// NOTE: on macOS, MADV_DONTNEED only lowers the pages' priority, so they
// may stay resident until the system needs memory.
func releaseMapped(data []byte) error {
	return unix.Madvise(data, unix.MADV_DONTNEED)
}

// blankMapping replaces the pages of a mapping by zero pages, read-only,
// at the same addresses: strings that point into it stay valid and read
// zeros, where the file's pages past its new end would fault.
func blankMapping(data []byte) error {
	_, err := unix.MmapPtr(-1, 0, unsafe.Pointer(unsafe.SliceData(data)), uintptr(len(data)),
		unix.PROT_READ, unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_FIXED)
	return err
}
