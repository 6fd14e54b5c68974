package parsers

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each hostile input is built in a temporary folder next to good sources
// and loaded in one walk. The bad input must carry a message that names
// it and its problem. The good sources must still load with their counts,
// and no file in the folder may change.

// goodLog is a BroadWorks log with three entries that every load holds.
const goodLog = "2024.05.02 11:14:17:341 CEST | Info       | Xsi-Actions | t1\n\n\tRequest: GET /com.broadsoft.xsi-actions/v2.0/user/a%40example.com/profile from 203.0.113.9\n\n" +
	"2024.05.02 11:14:17:349 CEST | Info       | OCIP | t1\n\n\tSending OCI-P request\n\n" +
	"2024.05.02 11:14:17:431 CEST | Info       | Xsi-Actions | t1\n\n\tResponse: HTTP/1.1 200 OK\n\n"

// clientLine makes one desktop log line at second s.
func clientLine(s int, msg string) string {
	return fmt.Sprintf("2024-05-02T09:14:%02d.000Z <Info> [0x1c0c][]Test.cpp:1 Test::run:%s\n", s%60, msg)
}

func clientLog(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(clientLine(i, fmt.Sprintf("entry %d", i+1)))
	}
	return b.String()
}

type zipFile struct {
	name      string
	data      []byte
	stored    bool
	encrypted bool
}

func makeZip(t testing.TB, files ...zipFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate}
		if f.stored {
			h.Method = zip.Store
		}
		if f.encrypted {
			h.Flags |= 0x1
		}
		w, err := zw.CreateHeader(h)
		require.NoError(t, err)
		_, err = w.Write(f.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func makeGzip(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, data, 0o644))
}

// wantSource is what one source of a hostile load must look like. An
// entries value of -1 means the source is not parsed (an error item).
type wantSource struct {
	name    string
	format  string
	entries int
	problem string
}

type hostileCase struct {
	name   string
	limits Limits
	build  func(t *testing.T, dir string)
	want   []wantSource
	// hookOpen and hookStat, when set, run inside the walk.
	hookOpen, hookStat func(path string)
	// mayChange lists files the case itself changes during the load.
	mayChange []string
}

func hostileCases() []hostileCase {
	xml := "2024.05.02 11:14:17:341 CEST | Info       | OCIP | t1\n\n\t<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><lastName>J\xf8rgensen</lastName>\n"
	utf16le := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u), byte(u>>8))
		}
		return out
	}
	return []hostileCase{
		{
			name: "zip with a corrupt central directory",
			build: func(t *testing.T, dir string) {
				z := makeZip(t, zipFile{name: "current_log.txt", data: []byte(clientLog(4))}, zipFile{name: "bwc/current_log.txt", data: []byte(clientLog(2))})
				cd := bytes.Index(z, []byte("PK\x01\x02"))
				require.Positive(t, cd)
				copy(z[cd:], "XXXX")
				writeFile(t, dir, "h/corrupt.zip", z)
			},
			want: []wantSource{
				{"h/corrupt.zip/current_log.txt", "webex-desktop", 4, "central directory is damaged or missing"},
				{"h/corrupt.zip/bwc/current_log.txt", "webex-bwc", 2, "entry read from its local header"},
			},
		},
		{
			name: "truncated zip",
			build: func(t *testing.T, dir string) {
				z := makeZip(t, zipFile{name: "first.log", data: []byte(clientLog(5))}, zipFile{name: "second.log", data: []byte(clientLog(400))})
				second := bytes.LastIndex(z, []byte("PK\x03\x04"))
				writeFile(t, dir, "h/cut.zip", z[:second+(len(z)-second)/3])
			},
			want: []wantSource{
				{"h/cut.zip/first.log", "webex-desktop", 5, "central directory is damaged or missing"},
				{"h/cut.zip/second.log", "webex-desktop", -2, "zip entry is damaged or cut short"},
			},
		},
		{
			name: "zip with nothing recoverable",
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/junk.zip", []byte("PK\x03\x04 this is not a zip at all"))
			},
			want: []wantSource{{"h/junk.zip", "", -1, "invalid zip archive"}},
		},
		{
			name: "encrypted entry",
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/locked.zip", makeZip(t, zipFile{name: "secret.log", data: []byte(clientLog(3)), encrypted: true}, zipFile{name: "open.log", data: []byte(clientLog(2))}))
			},
			want: []wantSource{
				{"h/locked.zip/secret.log", "", -1, "encrypted zip entry"},
				{"h/locked.zip/open.log", "webex-desktop", 2, ""},
			},
		},
		{
			name: "entry names with .., absolute paths and backslashes",
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/names.zip", makeZip(t,
					zipFile{name: "../../etc/evil.log", data: []byte(clientLog(1))},
					zipFile{name: "/abs/path.log", data: []byte(clientLog(2))},
					zipFile{name: `logs\win.log`, data: []byte(clientLog(3))},
				))
			},
			want: []wantSource{
				{"h/names.zip/etc/evil.log", "webex-desktop", 1, `contains ".."`},
				{"h/names.zip/abs/path.log", "webex-desktop", 2, "is an absolute path"},
				{"h/names.zip/logs/win.log", "webex-desktop", 3, "uses backslashes"},
			},
		},
		{
			name: "duplicate names",
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/dup.zip", makeZip(t, zipFile{name: "same.log", data: []byte(clientLog(1))}, zipFile{name: "same.log", data: []byte(clientLog(2))}))
			},
			want: []wantSource{
				{"h/dup.zip/same.log", "webex-desktop", 1, ""},
				{"h/dup.zip/same.log~2", "webex-desktop", 2, "duplicate entry name"},
			},
		},
		{
			name:   "zip bomb by ratio",
			limits: Limits{MaxRatio: 200},
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/ratio.zip", makeZip(t, zipFile{name: "zeros.log", data: make([]byte, 8<<20)}, zipFile{name: "fine.log", data: []byte(clientLog(2))}))
			},
			want: []wantSource{
				{"h/ratio.zip/zeros.log", "", -1, "compression ratio over 200:1 (--max-ratio)"},
				{"h/ratio.zip/fine.log", "webex-desktop", 2, ""},
			},
		},
		{
			name:   "zip bomb by total size",
			limits: Limits{MaxArchiveBytes: 1 << 20},
			build: func(t *testing.T, dir string) {
				big := []byte(clientLog(9000)) // about 800 KiB
				writeFile(t, dir, "h/total.zip", makeZip(t, zipFile{name: "one.log", data: big}, zipFile{name: "two.log", data: big}))
			},
			want: []wantSource{
				{"h/total.zip/one.log", "webex-desktop", 9000, ""},
				{"h/total.zip/two.log", "", -1, "(--max-archive-size)"},
			},
		},
		{
			name:   "zip bomb by entry count",
			limits: Limits{MaxArchiveEntries: 4},
			build: func(t *testing.T, dir string) {
				var files []zipFile
				for i := range 6 {
					files = append(files, zipFile{name: fmt.Sprintf("f%d.log", i), data: []byte(clientLog(1))})
				}
				writeFile(t, dir, "h/many.zip", makeZip(t, files...))
			},
			want: []wantSource{
				{"h/many.zip/f0.log", "webex-desktop", 1, ""},
				{"h/many.zip/f3.log", "webex-desktop", 1, ""},
				{"h/many.zip", "", -1, "more than 4 entries (--max-entries)"},
			},
		},
		{
			name:   "zip in zip in zip to the depth limit, and one deeper",
			limits: Limits{MaxDepth: 3},
			build: func(t *testing.T, dir string) {
				inner := makeZip(t, zipFile{name: "deep.log", data: []byte(clientLog(2))})
				l2 := makeZip(t, zipFile{name: "l3.zip", data: inner})
				l1 := makeZip(t, zipFile{name: "l2.zip", data: l2})
				writeFile(t, dir, "h/l1.zip", l1)
				writeFile(t, dir, "h/too_deep.zip", makeZip(t, zipFile{name: "l1.zip", data: l1}))
			},
			want: []wantSource{
				{"h/l1.zip/l2.zip/l3.zip/deep.log", "webex-desktop", 2, ""},
				{"h/too_deep.zip/l1.zip/l2.zip/l3.zip", "", -1, "archive nested 4 deep, over the limit of 3 (--max-depth)"},
			},
		},
		{
			name: "empty zip",
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/empty.zip", makeZip(t))
			},
			want: []wantSource{{"h/empty.zip", "", -1, "empty zip archive"}},
		},
		{
			name: "gzip truncated, concatenated, wrong magic, bad header",
			build: func(t *testing.T, dir string) {
				gz := makeGzip(t, []byte(clientLog(300)))
				writeFile(t, dir, "h/cut.log.gz", gz[:len(gz)/2])
				two := append(makeGzip(t, []byte(clientLog(3))), makeGzip(t, []byte(clientLine(50, "second member")))...)
				writeFile(t, dir, "h/two.log.gz", two)
				writeFile(t, dir, "h/plain.log.gz", []byte(clientLog(2)))
				writeFile(t, dir, "h/badheader.log.gz", []byte{0x1f, 0x8b, 0x01, 0x02, 0x03})
			},
			want: []wantSource{
				{"h/cut.log", "webex-desktop", -2, "gzip data ends early"},
				{"h/two.log", "webex-desktop", 4, ""},
				{"h/plain.log.gz", "webex-desktop", 2, "named .gz but holds no gzip data"},
				{"h/badheader.log.gz", "", -1, "invalid gzip file"},
			},
		},
		{
			name: "text oddities",
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/empty.log", nil)
				writeFile(t, dir, "h/nul.log", []byte(clientLine(1, "a\x00b")+clientLine(2, "c")))
				writeFile(t, dir, "h/cr.log", []byte(strings.ReplaceAll(clientLog(3), "\n", "\r")))
				writeFile(t, dir, "h/mixed.log", []byte(clientLine(1, "a")+"more\r"+clientLine(2, "b")[:60]+"\r\n"+clientLine(3, "c")))
				writeFile(t, dir, "h/invalid.log", []byte(clientLine(1, "caf\xe9 \xff\xfe")))
				writeFile(t, dir, "h/latin1.txt", []byte(xml))
				writeFile(t, dir, "h/utf16.log", utf16le(clientLog(3)))
				writeFile(t, dir, "h/bom.log", append([]byte{0xEF, 0xBB, 0xBF}, clientLog(2)...))
				writeFile(t, dir, "h/backwards.log", []byte(strings.Replace(clientLine(1, "late"), "09:14", "09:20", 1)+clientLine(1, "early")))
				writeFile(t, dir, "h/years.log", []byte(clientLine(1, "now")+strings.Replace(clientLine(2, "then"), "2024", "1999", 1)))
			},
			want: []wantSource{
				{"h/empty.log", "text", 0, "empty file"},
				{"h/nul.log", "webex-desktop", 2, "contains 1 NUL bytes"},
				{"h/cr.log", "webex-desktop", 3, ""},
				{"h/mixed.log", "webex-desktop", 3, ""},
				{"h/invalid.log", "webex-desktop", 1, "read as ISO-8859-1"},
				{"h/latin1.txt", "bw-generic", 1, "read as ISO-8859-1"},
				{"h/utf16.log", "webex-desktop", 3, ""},
				{"h/bom.log", "webex-desktop", 2, ""},
				{"h/backwards.log", "webex-desktop", 2, "entries are out of order"},
				{"h/years.log", "webex-desktop", 2, "time jumps from 2024-05-02T09:14:01Z (line 1) to 1999-05-02T09:14:02Z"},
			},
		},
		{
			name:   "file over the size limit",
			limits: Limits{MaxFileBytes: 1 << 20},
			build: func(t *testing.T, dir string) {
				f, err := os.Create(filepath.Join(dir, "huge.log"))
				require.NoError(t, err)
				require.NoError(t, f.Truncate(3<<20)) // sparse: costs no disk
				require.NoError(t, f.Close())
			},
			want: []wantSource{{"huge.log", "", -1, "huge.log: parsers: file larger than the size limit: 3.0 MiB is over 1.0 MiB (--max-file-size)"}},
		},
		{
			name: "files that vanish, grow and shrink while loading",
			build: func(t *testing.T, dir string) {
				writeFile(t, dir, "h/vanish.log", []byte(clientLog(2)))
				writeFile(t, dir, "h/grows.log", []byte(clientLog(2)))
				writeFile(t, dir, "h/shrinks.log", []byte(clientLog(5)))
			},
			hookOpen: func(p string) {
				if filepath.Base(p) == "vanish.log" {
					_ = os.Remove(p)
				}
			},
			hookStat: func(p string) {
				switch filepath.Base(p) {
				case "grows.log":
					f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
					if err == nil {
						_, _ = f.WriteString(clientLine(40, "appended"))
						_ = f.Close()
					}
				case "shrinks.log":
					_ = os.Truncate(p, int64(len(clientLog(2))))
				}
			},
			mayChange: []string{"h/vanish.log", "h/grows.log", "h/shrinks.log"},
			want: []wantSource{
				{"h/vanish.log", "", -1, "cannot open: no such file or directory"},
				{"h/grows.log", "webex-desktop", 3, "the file grew from"},
				{"h/shrinks.log", "webex-desktop", 2, "the file shrank from"},
			},
		},
		{
			name: "symlink loops",
			build: func(t *testing.T, dir string) {
				require.NoError(t, os.MkdirAll(filepath.Join(dir, "h"), 0o755))
				require.NoError(t, os.Symlink("..", filepath.Join(dir, "h", "up")))
				require.NoError(t, os.Symlink("self.log", filepath.Join(dir, "h", "self.log")))
			},
			want: []wantSource{{"h/self.log", "", -1, "broken link: too many levels of symbolic links"}},
		},
	}
}

// loadFolder walks dir in one load and opens every item.
func loadFolder(t testing.TB, dir string, limits Limits) map[string]*Source {
	t.Helper()
	out := map[string]*Source{}
	err := Walk(context.Background(), []string{dir}, limits, func(item Item) {
		out[item.Name] = Open(item, Options{})
	})
	require.NoError(t, err)
	return out
}

type fileState struct {
	sum   [32]byte
	mtime time.Time
	mode  fs.FileMode
}

// snapshot records the checksum, time and mode of every file under dir.
func snapshot(t testing.TB, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		info, err := d.Info()
		require.NoError(t, err)
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileState{sha256.Sum256(data), info.ModTime(), info.Mode()}
		return nil
	}))
	return out
}

func TestHostileInputs(t *testing.T) {
	goodZip, err := os.ReadFile(filepath.Join("testdata", "corpus", "signin-ok", "client", "feedback-a4adde9a.zip"))
	require.NoError(t, err)

	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "a_good/XsiActionsLog2024.05.02-00.00.00.txt", []byte(goodLog))
			writeFile(t, dir, "a_good/feedback.zip", goodZip)
			tc.build(t, dir)
			before := snapshot(t, dir)

			hookBeforeOpen, hookAfterStat = tc.hookOpen, tc.hookStat
			defer func() { hookBeforeOpen, hookAfterStat = nil, nil }()
			var got map[string]*Source
			require.NotPanics(t, func() { got = loadFolder(t, dir, tc.limits) })

			// The good sources of the same load.
			for name, w := range map[string]wantSource{
				"a_good/XsiActionsLog2024.05.02-00.00.00.txt": {format: "bw-xsi-actions", entries: 3},
				"a_good/feedback.zip/current_log.txt":         {format: "webex-desktop", entries: 17},
				"a_good/feedback.zip/bwc/current_log.txt":     {format: "webex-bwc", entries: 4},
				"a_good/feedback.zip/media/wme_1.log":         {format: "webex-media", entries: 41},
			} {
				src := got[name]
				require.NotNil(t, src, "good source %s is missing", name)
				assert.Equal(t, w.format, src.Format, name)
				assert.Len(t, src.Entries, w.entries, name)
				assert.Empty(t, src.Problems, name)
			}

			for _, w := range tc.want {
				src := got[w.name]
				if !assert.NotNil(t, src, "%s is missing; sources: %v", w.name, sourceNames(got)) {
					continue
				}
				assert.Equal(t, w.format, src.Format, w.name)
				switch {
				case w.entries == -1:
					assert.Empty(t, src.Entries, w.name)
				case w.entries >= 0:
					assert.Len(t, src.Entries, w.entries, w.name)
				default:
					assert.NotEmpty(t, src.Entries, w.name)
				}
				if w.problem == "" {
					assert.Empty(t, src.Problems, w.name)
				} else {
					assert.True(t, hasProblem(src, w.problem), "%s: no problem with %q in %q", w.name, w.problem, src.Problems)
					for _, p := range src.Problems {
						assert.True(t, strings.HasPrefix(p, w.name+":"), "problem does not name the file: %q", p)
					}
				}
				checkContract(t, src)
			}

			after := snapshot(t, dir)
			for name, st := range before {
				if contains(tc.mayChange, name) {
					continue
				}
				assert.Equal(t, st, after[name], "%s changed during the load", name)
			}
			for name := range after {
				_, had := before[name]
				assert.True(t, had, "the load created %s", name)
			}
		})
	}
}

func hasProblem(src *Source, part string) bool {
	for _, p := range src.Problems {
		if strings.Contains(p, part) {
			return true
		}
	}
	return false
}

func sourceNames(m map[string]*Source) []string {
	var out []string
	for n := range m {
		out = append(out, n)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestLongLine loads a single 50 MB line, built here rather than kept in
// testdata: it stays one entry with its whole text.
func TestLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 50 MB file")
	}
	dir := t.TempDir()
	line := clientLine(1, strings.Repeat("x", 50<<20))
	writeFile(t, dir, "long.log", []byte(line+clientLine(2, "after")))
	writeFile(t, dir, "good.txt", []byte(goodLog))
	got := loadFolder(t, dir, Limits{})

	src := got["long.log"]
	require.NotNil(t, src)
	assert.Equal(t, "webex-desktop", src.Format)
	require.Len(t, src.Entries, 2)
	assert.Len(t, src.Entries[0].Raw, len(line)-1)
	assert.Equal(t, int32(2), src.Entries[1].Line)
	assert.True(t, hasProblem(src, "long.log:1: line is 50.0 MiB long: kept as one entry"), "%q", src.Problems)
	assert.Len(t, got["good.txt"].Entries, 3)
}

// TestManySmallFiles loads a folder of 20,000 small files. Bundles from
// the field can contain 100,000, but 20,000 run the same code faster.
func TestManySmallFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20,000 files")
	}
	dir := t.TempDir()
	const n = 20000
	for i := range n {
		writeFile(t, dir, fmt.Sprintf("d%02d/f%05d.log", i%50, i), []byte(clientLine(i, "small")))
	}
	got := loadFolder(t, dir, Limits{})
	require.Len(t, got, n)
	for name, src := range got {
		require.Len(t, src.Entries, 1, name)
	}

	// With a lower file limit the walk stops with a message.
	got = loadFolder(t, dir, Limits{MaxFiles: 100})
	assert.Len(t, got, 101)
	limited := 0
	for _, src := range got {
		if hasProblem(src, "file limit of 100 reached (--max-files)") {
			limited++
		}
	}
	assert.Equal(t, 1, limited)
}

// TestUnreadableFile checks a file without read permission. Root reads
// every file, so the check is skipped when the tests run as root, as
// they do in CI.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "locked.log", []byte(clientLog(2)))
	writeFile(t, dir, "good.txt", []byte(goodLog))
	require.NoError(t, os.Chmod(filepath.Join(dir, "locked.log"), 0))
	defer os.Chmod(filepath.Join(dir, "locked.log"), 0o644)
	got := loadFolder(t, dir, Limits{})
	assert.Len(t, got["good.txt"].Entries, 3)
	if os.Geteuid() == 0 {
		t.Skip("running as root, which can read a file with mode 000: the permission check cannot fail here")
	}
	src := got["locked.log"]
	require.NotNil(t, src)
	assert.True(t, hasProblem(src, "locked.log: cannot open: permission denied"), "%q", src.Problems)
}
