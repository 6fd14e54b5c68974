package parsers

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// PreviewBytes is how much of a large file a preview parses: enough for
// several screens of entries, small enough to parse in a few milliseconds.
const PreviewBytes = 2 << 20

// OpenPreview parses the start of an item: at most maxBytes of it, cut
// after the last line end within them, so no entry is split mid-line. The
// source it returns has Preview set. It is shown in place of the item
// until the whole item is parsed, and must never be analysed or reported. OpenPreview
// returns nil when there is nothing to preview: the item could not be
// read, its text is UTF-16 (where a byte cut can split a character), or
// its first maxBytes hold no line end.
func OpenPreview(item Item, opts Options, maxBytes int) *Source {
	if item.Err != nil || maxBytes <= 0 {
		return nil
	}
	data := item.Data
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil
	}
	if len(data) > maxBytes {
		cut := bytes.LastIndexAny(data[:maxBytes], "\r\n")
		if cut < 0 {
			return nil
		}
		data = data[:cut+1]
	}
	src := Open(Item{Name: item.Name, Path: item.Path, Data: data}, opts)
	src.Preview = true
	return src
}

// WalkHeads reads the first maxBytes of each plain file under paths that
// is larger than maxBytes, and emits them as items named the way Walk
// names the whole files, in the same order, with Data holding only the
// head. It stops after maxFiles items. Archives and compressed files are
// left out, as are files Walk would not read (over the size or file
// limits) and files that cannot be read: Walk reports those. WalkHeads is
// meant to run beside Walk, so the start of a large file can be shown
// while the whole file is still being read.
func WalkHeads(ctx context.Context, paths []string, limits Limits, maxBytes, maxFiles int, emit func(Item)) error {
	limits = limits.withDefaults()
	emitted, files := 0, 0
	head := func(p, name string) bool {
		files++
		if files > limits.MaxFiles || emitted >= maxFiles {
			return false
		}
		info, err := os.Stat(p)
		if err != nil || !info.Mode().IsRegular() || info.Size() <= int64(maxBytes) || info.Size() > limits.MaxFileBytes {
			return true
		}
		f, err := os.Open(p)
		if err != nil {
			return true
		}
		defer f.Close()
		data := make([]byte, maxBytes)
		n, err := io.ReadFull(f, data)
		if err != nil && err != io.ErrUnexpectedEOF {
			return true
		}
		data = data[:n]
		if isArchive(data) {
			return true
		}
		emit(Item{Name: name, Path: p, Data: data})
		emitted++
		return true
	}
	for _, arg := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := os.Stat(arg)
		if err != nil {
			continue
		}
		base := filepath.Base(filepath.Clean(arg))
		if !info.IsDir() {
			if !head(arg, base) {
				return ctx.Err()
			}
			continue
		}
		prefix := ""
		if len(paths) > 1 {
			prefix = base + "/"
		}
		stopped := false
		_ = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			if err != nil {
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Walk follows links to files but not to folders.
				if target, err := os.Stat(p); err != nil || target.IsDir() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			rel, _ := filepath.Rel(arg, p)
			if !head(p, prefix+filepath.ToSlash(rel)) {
				stopped = true
				return fs.SkipAll
			}
			return nil
		})
		if stopped {
			break
		}
	}
	return ctx.Err()
}

// isArchive reports whether data starts like one of the containers
// walkBytes opens: zip, gzip or tar.
func isArchive(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) ||
		bytes.HasPrefix(data, []byte{0x1f, 0x8b}) ||
		len(data) > 262 && string(data[257:262]) == "ustar"
}

// DiskBytes returns the total size of the files under paths, as Walk
// would find them (links to files followed, links to folders not), for a
// progress bar. Archives count with their size on disk.
func DiskBytes(ctx context.Context, paths []string) int64 {
	var total int64
	for _, arg := range paths {
		info, err := os.Stat(arg)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			total += info.Size()
			continue
		}
		_ = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			if err != nil || d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink == 0 && !d.Type().IsRegular() {
				return nil
			}
			if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
				total += info.Size()
			}
			return nil
		})
	}
	return total
}
