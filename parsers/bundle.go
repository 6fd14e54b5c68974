package parsers

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zip"
)

// Limits bound what the bundle reader takes from archives and folders, so
// that a hostile or broken bundle cannot exhaust memory or time. Each limit
// names its setting; zero means the default.
type Limits struct {
	// MaxFileBytes caps one file's content, because the whole text of a
	// source is held in memory or mapped into the address space
	// (setting: --max-file-size).
	MaxFileBytes int64
	// MaxArchiveBytes caps the bytes decompressed from all archives of one
	// load, against zip bombs (setting: --max-archive-size).
	MaxArchiveBytes int64
	// MaxRatio caps an archive member's uncompressed size divided by its
	// compressed size. Log text compresses about 10 to 30 times, while
	// zip bombs compress thousands of times (setting: --max-ratio).
	MaxRatio int64
	// MaxArchiveEntries caps the members read from one archive
	// (setting: --max-entries).
	MaxArchiveEntries int
	// MaxDepth caps archives nested inside archives (setting: --max-depth).
	MaxDepth int
	// MaxFiles caps the files taken from all inputs of one load
	// (setting: --max-files).
	MaxFiles int
}

// DefaultLimits are used for every zero field of Limits.
var DefaultLimits = Limits{
	MaxFileBytes:      2 << 30,
	MaxArchiveBytes:   8 << 30,
	MaxRatio:          1000,
	MaxArchiveEntries: 100000,
	MaxDepth:          8,
	MaxFiles:          200000,
}

// maxPrealloc caps the buffer that an archive header's size claim may
// reserve before any byte is read: a tiny archive can claim gigabytes.
const maxPrealloc = 64 << 20

// ratioFloorBytes is the size under which the ratio limit does not apply:
// small runs of repeated text compress very well and are harmless.
const ratioFloorBytes = 1 << 20

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxFileBytes > 0 {
		d.MaxFileBytes = l.MaxFileBytes
	}
	if l.MaxArchiveBytes > 0 {
		d.MaxArchiveBytes = l.MaxArchiveBytes
	}
	if l.MaxRatio > 0 {
		d.MaxRatio = l.MaxRatio
	}
	if l.MaxArchiveEntries > 0 {
		d.MaxArchiveEntries = l.MaxArchiveEntries
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxFiles > 0 {
		d.MaxFiles = l.MaxFiles
	}
	return d
}

// Item is one file found in the inputs, ready to be parsed.
type Item struct {
	// Name is the path under the input argument, "/"-separated, with
	// archive members under the archive's name.
	Name string
	// Path is the file on disk that holds the item.
	Path string
	// Data is the file's bytes. It must not be changed once emitted,
	// because the parsed source's text shares its memory. For a large
	// plain file on a Unix system it is a read-only memory mapping of the
	// file (see mapMinBytes): writing to it faults, and reading it faults
	// once another program cuts the file short (see CatchFault).
	Data []byte
	// Err is the reason the item could not be read; Data is then nil.
	Err error
	// Notes are problems that did not stop reading, such as a renamed
	// archive member.
	Notes []string
	// Cut is set when Data ends early: the archive member or gzip data
	// was damaged or cut short, and Data is what was read before that.
	Cut bool
}

// walker carries the state of one walk over the inputs.
type walker struct {
	ctx       context.Context
	limits    Limits
	emit      func(Item)
	archived  int64
	files     int
	stoppedAt string
}

// Walk finds every file under paths: plain files, folders (recursively,
// without following links to folders), zip and tar archives and gzip files
// at any nesting depth, recognised by their magic bytes. It calls emit once
// per file in a stable order. Archives are read in memory and never
// extracted. A path that cannot be read is emitted with its Err, and the
// walk goes on; Walk returns only the context's error.
func Walk(ctx context.Context, paths []string, limits Limits, emit func(Item)) error {
	w := &walker{ctx: ctx, limits: limits.withDefaults(), emit: emit}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.walkArg(p, len(paths) > 1)
	}
	return ctx.Err()
}

// WalkData finds every file in data, an in-memory file named name (such
// as the embedded demo bundle), the same way Walk does for a file on disk.
// data must not be changed afterwards, because sources may share it.
func WalkData(ctx context.Context, name string, data []byte, limits Limits, emit func(Item)) error {
	w := &walker{ctx: ctx, limits: limits.withDefaults(), emit: emit}
	if int64(len(data)) > w.limits.MaxFileBytes {
		emit(Item{Name: name, Err: fmt.Errorf("%w: %s is over %s (--max-file-size)", ErrTooLarge, humanBytes(int64(len(data))), humanBytes(w.limits.MaxFileBytes))})
		return ctx.Err()
	}
	w.walkBytes(data, "", name, 0, nil, false)
	return ctx.Err()
}

func (w *walker) walkArg(arg string, prefixed bool) {
	info, err := os.Stat(arg)
	if err != nil {
		w.emit(Item{Name: filepath.ToSlash(arg), Path: arg, Err: fmt.Errorf("cannot open: %w", unwrapPathError(err))})
		return
	}
	base := filepath.Base(filepath.Clean(arg))
	if !info.IsDir() {
		w.walkFile(arg, base)
		return
	}
	prefix := ""
	if prefixed {
		prefix = base + "/"
	}
	root := arg
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := w.ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		rel, _ := filepath.Rel(root, p)
		name := prefix + filepath.ToSlash(rel)
		if err != nil {
			w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("cannot read: %w", unwrapPathError(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Stat(p)
			if err != nil {
				w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("broken link: %w", unwrapPathError(err))})
				return nil
			}
			if target.IsDir() {
				// Links to folders are not followed: they can form loops.
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if w.files >= w.limits.MaxFiles {
			if w.stoppedAt == "" {
				w.stoppedAt = name
				w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("file limit of %d reached (--max-files): this and later files are not loaded", w.limits.MaxFiles)})
			}
			return fs.SkipAll
		}
		w.walkFile(p, name)
		return nil
	})
	if walkErr != nil && !errors.Is(walkErr, context.Canceled) && !errors.Is(walkErr, context.DeadlineExceeded) {
		w.emit(Item{Name: filepath.ToSlash(arg), Path: arg, Err: fmt.Errorf("cannot walk folder: %w", walkErr)})
	}
}

// walkFile reads one file on disk and emits it, or walks it as an archive.
// Test hooks: they run before a file is opened and after its size is
// read, so tests can make files vanish, grow or shrink at those moments.
var (
	hookBeforeOpen func(path string)
	hookAfterStat  func(path string)
)

func (w *walker) walkFile(p, name string) {
	w.files++
	if hookBeforeOpen != nil {
		hookBeforeOpen(p)
	}
	// Read-only: the user's files are never changed.
	f, err := os.Open(p)
	if err != nil {
		w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("cannot open: %w", unwrapPathError(err))})
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("cannot read: %w", unwrapPathError(err))})
		return
	}
	if info.Size() > w.limits.MaxFileBytes {
		w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("%w: %s is over %s (--max-file-size)", ErrTooLarge, humanBytes(info.Size()), humanBytes(w.limits.MaxFileBytes))})
		return
	}
	if hookAfterStat != nil {
		hookAfterStat(p)
	}

	var magic [4]byte
	n, _ := io.ReadFull(f, magic[:])
	if n == 4 && string(magic[:]) == "PK\x03\x04" || n == 4 && string(magic[:]) == "PK\x05\x06" {
		zr, err := zip.NewReader(f, info.Size())
		if err == nil {
			w.walkZip(zipMembers(zr), p, name, 1, nil)
			return
		}
		// The central directory is damaged or missing: read the entries
		// from their local headers instead.
		data, readErr := readAllAt(f, info.Size())
		if readErr != nil {
			w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("invalid zip archive: %w", err)})
			return
		}
		w.salvageZip(data, p, name, 1, err)
		return
	}
	if data, ok := mapPlain(f, p, info); ok {
		w.emit(plainItem(data, p, name, nil))
		return
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("cannot read: %w", err)})
		return
	}
	// Read at most one byte over the limit, so a file that grew since the
	// size check is still caught.
	data, err := readSized(f, info.Size(), w.limits.MaxFileBytes+1)
	if err != nil {
		w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("cannot read: %w", unwrapPathError(err))})
		return
	}
	if int64(len(data)) > w.limits.MaxFileBytes {
		w.emit(Item{Name: name, Path: p, Err: fmt.Errorf("%w: it grew over %s while loading (--max-file-size)", ErrTooLarge, humanBytes(w.limits.MaxFileBytes))})
		return
	}
	var notes []string
	switch n := int64(len(data)); {
	case n < info.Size():
		notes = append(notes, fmt.Sprintf("the file shrank from %d to %d bytes while loading: loaded what was there", info.Size(), n))
	case n > info.Size():
		notes = append(notes, fmt.Sprintf("the file grew from %d to %d bytes while loading: loaded all of it", info.Size(), n))
	}
	w.walkBytes(data, p, name, 0, notes, false)
}

// walkBytes emits data as a file, or walks it when it is an archive.
// walkBytes emits the items of data, a file or archive member: its own
// item, or those of the archive it contains. cut is set when data ends
// early because the archive it came from was damaged or cut short.
func (w *walker) walkBytes(data []byte, diskPath, name string, depth int, notes []string, cut bool) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		if depth >= w.limits.MaxDepth {
			w.emit(Item{Name: name, Path: diskPath, Notes: notes, Err: fmt.Errorf("archive nested %d deep, over the limit of %d (--max-depth)", depth+1, w.limits.MaxDepth)})
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			w.salvageZip(data, diskPath, name, depth+1, err)
			return
		}
		w.walkZip(zipMembers(zr), diskPath, name, depth+1, notes)
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		if depth >= w.limits.MaxDepth {
			w.emit(Item{Name: name, Path: diskPath, Notes: notes, Err: fmt.Errorf("archive nested %d deep, over the limit of %d (--max-depth)", depth+1, w.limits.MaxDepth)})
			return
		}
		w.walkGzip(data, diskPath, name, depth+1, notes)
	case len(data) > 262 && string(data[257:262]) == "ustar":
		if depth >= w.limits.MaxDepth {
			w.emit(Item{Name: name, Path: diskPath, Notes: notes, Err: fmt.Errorf("archive nested %d deep, over the limit of %d (--max-depth)", depth+1, w.limits.MaxDepth)})
			return
		}
		w.walkTar(data, diskPath, name, depth+1)
	default:
		item := plainItem(data, diskPath, name, notes)
		item.Cut = cut
		w.emit(item)
	}
}

// plainItem returns the item of a file that is not an archive, with a
// note when its name says it is one.
func plainItem(data []byte, diskPath, name string, notes []string) Item {
	if ext := archiveExt(name); ext != "" {
		kind := "gzip"
		if ext == ".zip" {
			kind = "zip"
		}
		notes = append(notes, fmt.Sprintf("named %s but holds no %s data: read as a plain file", ext, kind))
	}
	return Item{Name: name, Path: diskPath, Data: data, Notes: notes}
}

// mapPlain maps a plain file of mapMinBytes or more whose text is used as
// it is (see decodeText), in place of reading it. It maps nothing and
// returns false for a smaller or empty file, an archive, UTF-16 text
// (converted when it is decoded), and where mapping fails or is not
// supported. It also returns false for a file whose size or time changed
// while it was mapped, so the read path notes that it grew or shrank.
func mapPlain(f *os.File, path string, info fs.FileInfo) ([]byte, bool) {
	size := info.Size()
	if size < mapMinBytes || size == 0 || int64(int(size)) != size {
		return nil, false
	}
	head := make([]byte, 512)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, false
	}
	if isArchive(head[:n]) || isUTF16(head[:n]) {
		return nil, false
	}

	data, err := mapFile(f, size)
	if err != nil {
		return nil, false
	}
	after, err := f.Stat()
	if err != nil || after.Size() != size || !after.ModTime().Equal(info.ModTime()) {
		// No string points into the mapping yet, so it can go.
		_ = unmapFile(data)
		return nil, false
	}
	addMapping(data, path)
	return data, true
}

// archiveExt returns the archive extension of name, or "".
func archiveExt(name string) string {
	lower := strings.ToLower(name)
	for _, ext := range []string{".zip", ".gz", ".tgz"} {
		if strings.HasSuffix(lower, ext) {
			return ext
		}
	}
	return ""
}

func (w *walker) walkGzip(data []byte, diskPath, name string, depth int, notes []string) {
	inner := strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ")
	if strings.HasSuffix(strings.ToLower(name), ".tgz") {
		inner = name[:len(name)-4] + ".tar"
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		w.emit(Item{Name: name, Path: diskPath, Notes: notes, Err: fmt.Errorf("invalid gzip file: %w", err)})
		return
	}
	out, err := w.readArchived(zr, int64(len(data)), 0, name)
	if err != nil {
		if len(out) == 0 || errors.Is(err, errLimit) {
			w.emit(Item{Name: name, Path: diskPath, Notes: notes, Err: err})
			return
		}
		notes = append(notes, fmt.Sprintf("gzip data ends early (%v): kept the %s read before that", err, humanBytes(int64(len(out)))))
	}
	w.walkBytes(out, diskPath, inner, depth, notes, err != nil)
}

func (w *walker) walkTar(data []byte, diskPath, name string, depth int) {
	tr := tar.NewReader(bytes.NewReader(data))
	count := 0
	for {
		if w.ctx.Err() != nil {
			return
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			w.emit(Item{Name: name, Path: diskPath, Err: fmt.Errorf("invalid tar archive after %d members: %w", count, err)})
			return
		}
		if hdr.Typeflag != tar.TypeReg {
			continue
		}
		count++
		if count > w.limits.MaxArchiveEntries {
			w.emit(Item{Name: name, Path: diskPath, Err: fmt.Errorf("more than %d members (--max-entries): the rest are not loaded", w.limits.MaxArchiveEntries)})
			return
		}
		member, notes := memberName(hdr.Name)
		out, err := w.readArchived(tr, hdr.Size, hdr.Size, name+"/"+member)
		if err != nil {
			w.emit(Item{Name: name + "/" + member, Path: diskPath, Notes: notes, Err: err})
			continue
		}
		w.walkBytes(out, diskPath, name+"/"+member, depth, notes, false)
	}
}

// zipMember is one entry of a zip archive, from its central directory or,
// when that is damaged, from its local header.
type zipMember struct {
	name             string
	flags            uint16
	dir              bool
	compressed, size uint64
	open             func() (io.ReadCloser, error)
}

func zipMembers(zr *zip.Reader) []zipMember {
	members := make([]zipMember, 0, len(zr.File))
	for _, zf := range zr.File {
		members = append(members, zipMember{
			name: zf.Name, flags: zf.Flags, dir: zf.FileInfo().IsDir(),
			compressed: zf.CompressedSize64, size: zf.UncompressedSize64, open: zf.Open,
		})
	}
	return members
}

// walkZip reads the members of one zip archive. notes go on every member,
// such as the note that the members come from local headers.
func (w *walker) walkZip(members []zipMember, diskPath, name string, depth int, notes []string) {
	if len(members) == 0 {
		w.emit(Item{Name: name, Path: diskPath, Notes: notes, Err: errors.New("empty zip archive: it contains no files")})
		return
	}
	seen := map[string]int{}
	for i, zm := range members {
		if w.ctx.Err() != nil {
			return
		}
		if zm.dir {
			continue
		}
		if i >= w.limits.MaxArchiveEntries {
			w.emit(Item{Name: name, Path: diskPath, Err: fmt.Errorf("more than %d entries (--max-entries): the rest are not loaded", w.limits.MaxArchiveEntries)})
			return
		}
		member, memberNotes := memberName(zm.name)
		memberNotes = append(append([]string(nil), notes...), memberNotes...)
		seen[member]++
		if n := seen[member]; n > 1 {
			memberNotes = append(memberNotes, fmt.Sprintf("duplicate entry name %q in the zip: this is copy %d", member, n))
			member = fmt.Sprintf("%s~%d", member, n)
		}
		full := name + "/" + member
		if zm.flags&0x1 != 0 {
			w.emit(Item{Name: full, Path: diskPath, Notes: memberNotes, Err: errors.New("encrypted zip entry: wxlog cannot read it; ask for the bundle without a password")})
			continue
		}
		if zm.size > uint64(w.limits.MaxFileBytes) {
			w.emit(Item{Name: full, Path: diskPath, Notes: memberNotes, Err: fmt.Errorf("%w: %s uncompressed is over %s (--max-file-size)", ErrTooLarge, humanBytes(int64(zm.size)), humanBytes(w.limits.MaxFileBytes))})
			continue
		}
		rc, err := zm.open()
		if err != nil {
			w.emit(Item{Name: full, Path: diskPath, Notes: memberNotes, Err: fmt.Errorf("cannot open zip entry: %w", err)})
			continue
		}
		out, err := w.readArchived(rc, int64(zm.compressed), int64(zm.size), full)
		rc.Close()
		if err != nil {
			if len(out) == 0 || errors.Is(err, errLimit) {
				w.emit(Item{Name: full, Path: diskPath, Notes: memberNotes, Err: err})
				continue
			}
			memberNotes = append(memberNotes, fmt.Sprintf("zip entry is damaged or cut short (%v): kept the %s read before that", err, humanBytes(int64(len(out)))))
		}
		w.walkBytes(out, diskPath, full, depth, memberNotes, err != nil)
	}
}

// errLimit marks errors of the archive limits.
var errLimit = errors.New("archive limit")

type limitError struct{ msg string }

func (e *limitError) Error() string        { return e.msg }
func (e *limitError) Is(target error) bool { return target == errLimit }

// readArchived reads one decompressed member, enforcing the size, ratio
// and total limits on the bytes actually produced, not on header claims.
// size is the decompressed size the archive header claims, or 0. A claim
// within the limits sizes the buffer at once, so that a large member is
// not copied each time the buffer grows.
func (w *walker) readArchived(r io.Reader, compressed, size int64, name string) ([]byte, error) {
	maxBytes := w.limits.MaxFileBytes
	if left := w.limits.MaxArchiveBytes - w.archived; left < maxBytes {
		maxBytes = left
	}
	if compressed > 0 && w.limits.MaxRatio > 0 {
		byRatio := compressed * w.limits.MaxRatio
		if byRatio < ratioFloorBytes {
			byRatio = ratioFloorBytes
		}
		if byRatio < maxBytes {
			maxBytes = byRatio
		}
	}
	var buf bytes.Buffer
	if size > 0 && size <= maxBytes {
		// The extra MinRead bytes let the read that finds the end of the
		// data run without growing the buffer. The claim comes from the
		// archive and may be false, so it sizes at most maxPrealloc; a
		// larger member grows the buffer as its bytes arrive.
		buf.Grow(int(min(size, maxPrealloc)) + bytes.MinRead)
	}
	n, err := io.Copy(&buf, io.LimitReader(r, maxBytes+1))
	w.archived += n
	if n > maxBytes {
		switch {
		case w.archived >= w.limits.MaxArchiveBytes:
			return nil, &limitError{fmt.Sprintf("archives of this load decompress to over %s (--max-archive-size): not loaded", humanBytes(w.limits.MaxArchiveBytes))}
		case compressed > 0 && maxBytes < w.limits.MaxFileBytes:
			return nil, &limitError{fmt.Sprintf("compression ratio over %d:1 (--max-ratio), likely a zip bomb: not loaded", w.limits.MaxRatio)}
		default:
			return nil, &limitError{fmt.Sprintf("decompresses to over %s (--max-file-size): not loaded", humanBytes(w.limits.MaxFileBytes))}
		}
	}
	if err != nil {
		return buf.Bytes(), fmt.Errorf("cannot decompress: %w", err)
	}
	return buf.Bytes(), nil
}

// memberName turns an archive member name into a safe display name: "/"
// separators, no absolute root, no ".." elements. Nothing is ever written
// under that name; the notes tell the user when it was changed.
func memberName(raw string) (string, []string) {
	var notes []string
	n := raw
	if strings.Contains(n, "\\") {
		n = strings.ReplaceAll(n, "\\", "/")
		notes = append(notes, fmt.Sprintf("entry name %q uses backslashes", raw))
	}
	if strings.HasPrefix(n, "/") || (len(n) > 2 && n[1] == ':' && n[2] == '/') {
		notes = append(notes, fmt.Sprintf("entry name %q is an absolute path", raw))
	}
	parts := strings.Split(n, "/")
	kept := parts[:0]
	dotdot := false
	for _, p := range parts {
		switch p {
		case "", ".":
		case "..":
			dotdot = true
		default:
			if len(p) == 2 && p[1] == ':' {
				continue
			}
			kept = append(kept, p)
		}
	}
	if dotdot {
		notes = append(notes, fmt.Sprintf("entry name %q contains \"..\"", raw))
	}
	clean := path.Join(kept...)
	if clean == "" {
		clean = "(unnamed)"
	}
	return clean, notes
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// readSized reads r to its end, at most limit bytes, into a buffer sized
// from the expected size. io.ReadAll grows its buffer step by step and
// clears and copies each step, which costs seconds for a file of hundreds
// of megabytes. Its last buffer can also be a quarter unused, and the text
// keeps all of it alive. One byte over the size is reserved so that the
// end of an unchanged file is seen without growing the buffer. A file that
// grew meanwhile still grows it.
func readSized(r io.Reader, size, limit int64) ([]byte, error) {
	want := size + 1
	if want > limit {
		want = limit
	}
	if want < 512 {
		want = 512
	}
	buf := make([]byte, 0, want)
	lr := io.LimitReader(r, limit)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
