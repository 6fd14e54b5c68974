package app

import (
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// A file on disk whose bytes equal those of a file the workspace holds
// already, such as an archive downloaded twice or a copied case folder,
// is not loaded again. The check costs a stat for a file of a new size.
// A file whose size matches a held file is compared by a hash of its
// first and last endBytes, and only when that matches too by all its
// bytes, so a file is never skipped on a hash alone.

// endBytes is how much of each end of a file the first comparison hashes.
const endBytes = 64 << 10

// heldFile is a file on disk that the workspace holds, indexed for the
// content check. ends is the hash of its first and last endBytes, computed
// when a file of the same size is first checked.
type heldFile struct {
	key  string
	path string
	size int64

	ends     [sha256.Size]byte
	endsRead bool
	endsErr  error
}

// endsHash returns the hash of the first and last endBytes of the file
// at key, which has size bytes. The two ranges overlap in a file smaller
// than 2*endBytes.
func endsHash(key string, size int64) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(key)
	if err != nil {
		return sum, err
	}
	defer f.Close()

	h := sha256.New()
	head := min(size, endBytes)
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, head)); err != nil {
		return sum, err
	}
	tail := max(size-endBytes, 0)
	if _, err := io.Copy(h, io.NewSectionReader(f, tail, size-tail)); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}

// sameBytes reports whether the files at a and b hold the same bytes. A
// file that cannot be read compares unequal.
func sameBytes(a, b string) bool {
	fa, err := os.Open(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false
	}
	defer fb.Close()

	bufA := make([]byte, 1<<20)
	bufB := make([]byte, 1<<20)
	for {
		na, errA := io.ReadFull(fa, bufA)
		nb, errB := io.ReadFull(fb, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false
		}
		endA := errA == io.EOF || errA == io.ErrUnexpectedEOF
		endB := errB == io.EOF || errB == io.ErrUnexpectedEOF
		if endA || endB {
			return endA && endB
		}
		if errA != nil || errB != nil {
			return false
		}
	}
}

// sameContent decides whether the file at key, which the walk met as
// path and no load holds by its key, is a copy of a file the workspace
// holds. It returns the path of the held file and true for a copy. It
// returns "" and true when the held file is this one, loaded meanwhile by
// another load under the same key. Otherwise it records the file as held
// and returns false. An empty file or one that cannot be read is never a
// copy.
//
// One check runs at a time in the workspace, so that two loads cannot
// both admit two copies. ws.mu is held only to read and change the
// index, not while files are read.
func (ws *Workspace) sameContent(key, path string) (original string, skip bool) {
	info, err := os.Stat(key)
	if err != nil || !info.Mode().IsRegular() || info.Size() == 0 {
		return "", false
	}
	size := info.Size()

	ws.contentMu.Lock()
	defer ws.contentMu.Unlock()
	ws.mu.RLock()
	candidates := append([]*heldFile(nil), ws.heldBySize[size]...)
	ws.mu.RUnlock()

	var ends [sha256.Size]byte
	var endsErr error
	if len(candidates) > 0 {
		ends, endsErr = endsHash(key, size)
	}
	for _, other := range candidates {
		if other.key == key {
			return "", true
		}
		if endsErr != nil {
			continue
		}
		// other.ends is read and written only under ws.contentMu.
		if !other.endsRead {
			other.ends, other.endsErr = endsHash(other.key, other.size)
			other.endsRead = true
		}
		if other.endsErr == nil && other.ends == ends && sameBytes(key, other.key) {
			return other.path, true
		}
	}

	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.heldBySize == nil {
		ws.heldBySize = map[int64][]*heldFile{}
		ws.heldByKey = map[string]*heldFile{}
	}
	file := &heldFile{key: key, path: path, size: size}
	ws.heldBySize[size] = append(ws.heldBySize[size], file)
	ws.heldByKey[key] = file
	return "", false
}

// forgetContentLocked drops the file at key from the content check once
// the workspace no longer holds it. ws.mu is held.
func (ws *Workspace) forgetContentLocked(key string) {
	file, ok := ws.heldByKey[key]
	if !ok {
		return
	}
	delete(ws.heldByKey, key)
	same := ws.heldBySize[file.size]
	for i, h := range same {
		if h == file {
			same = append(same[:i:i], same[i+1:]...)
			break
		}
	}
	if len(same) == 0 {
		delete(ws.heldBySize, file.size)
	} else {
		ws.heldBySize[file.size] = same
	}
}

// copiedFrom returns the path a skipped argument is a copy of, or false
// when it was skipped as already loaded. arg is a walked path as given
// and files are the disk paths met under it, all skipped. A file is a copy
// of its own original. A folder is a copy of a folder D when each of its
// files is a copy of the file with the same relative path under D.
//
// NOTE: a folder whose files are copies of files in several folders, or
// partly copies and partly files loaded by path, is reported as already
// loaded, without naming the originals.
func copiedFrom(arg string, files []string, copies map[string]string) (string, bool) {
	var folder string
	for i, f := range files {
		original, ok := copies[f]
		if !ok {
			return "", false
		}
		if filepath.Clean(f) == filepath.Clean(arg) {
			return original, true
		}
		rel, err := filepath.Rel(arg, f)
		if err != nil {
			return "", false
		}
		sep := string(filepath.Separator)
		if !strings.HasSuffix(original, sep+rel) {
			return "", false
		}
		dir := strings.TrimSuffix(original, sep+rel)
		if i > 0 && dir != folder {
			return "", false
		}
		folder = dir
	}
	return folder, folder != ""
}
