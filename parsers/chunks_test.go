package parsers

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers/gen"
)

// The tests here change parallelMinBytes and chunkBytes, so none of the
// package's tests may run in parallel with them.

// setChunking sets the chunking variables and returns a function that
// restores the previous values.
func setChunking(minBytes, size int) (restore func()) {
	oldMin, oldSize := parallelMinBytes, chunkBytes
	parallelMinBytes, chunkBytes = minBytes, size
	return func() { parallelMinBytes, chunkBytes = oldMin, oldSize }
}

// openBothWays opens item in one pass and in chunks of chunkSize bytes.
func openBothWays(item Item, opts Options, chunkSize int) (sequential, chunked *Source) {
	restore := setChunking(math.MaxInt, 0)
	sequential = Open(item, opts)
	restore()

	restore = setChunking(1, chunkSize)
	defer restore()
	chunked = Open(item, opts)
	return sequential, chunked
}

// parseBothWays parses data with format f in one pass and in chunks of
// chunkSize bytes, without detection.
func parseBothWays(f *Format, name string, data []byte, chunkSize int) (sequential, chunked *Source) {
	restore := setChunking(math.MaxInt, 0)
	sequential = parseAs(f, name, data)
	restore()

	restore = setChunking(1, chunkSize)
	defer restore()
	chunked = parseAs(f, name, data)
	return sequential, chunked
}

// isChunked reports whether a text of that content is parsed in chunks of
// chunkSize bytes, so that a test can tell it checks the chunked path.
func isChunked(text string, chunkSize int) bool {
	defer setChunking(1, chunkSize)()
	return len(chunkStarts(text)) > 1
}

// requireSameParse compares two parses of one text entry by entry and
// problem by problem.
func requireSameParse(t *testing.T, want, got *Source) {
	t.Helper()
	require.Equal(t, want.Format, got.Format, "format")
	require.Equal(t, want.Encoding, got.Encoding, "encoding")
	require.Equal(t, len(want.Entries), len(got.Entries), "entry count")
	for i := range want.Entries {
		w, g := &want.Entries[i], &got.Entries[i]
		// Equal compares Fields by value, so entries whose fields come
		// from different slabs are equal when their fields are.
		require.Equal(t, *w, *g, "entry %d of %d (line %d)", i+1, len(want.Entries), w.Line)
	}
	require.Equal(t, want.Problems, got.Problems, "problems")
}

// chunkSizes are the forced chunk sizes: 1 byte cuts at nearly every line
// start, the larger sizes cut some entries and leave chunks without a
// header line.
var chunkSizes = []int{1, 3, 17, 100, 1000}

func TestChunkedFixtures(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		for _, size := range chunkSizes {
			t.Run(fmt.Sprintf("%s/%s/%d", fx.format, fx.variant, size), func(t *testing.T) {
				item := Item{Name: fixtureNames[fx.format], Path: fx.path, Data: fx.data}
				want, got := openBothWays(item, fixtureOptions(fx), size)
				requireSameParse(t, want, got)
				if size == 1 && len(got.Entries) > 1 {
					assert.True(t, isChunked(got.Text, size), "the fixture was not parsed in chunks")
				}
			})
		}
	}
}

// TestChunkedFixturesAsEveryFormat parses each fixture with every
// parser, so that each parser meets text it does not expect, such as
// lines that are all continuations.
func TestChunkedFixturesAsEveryFormat(t *testing.T) {
	for _, f := range Formats {
		for _, fx := range loadFixtures(t) {
			t.Run(f.ID+"/"+fx.format+"/"+fx.variant, func(t *testing.T) {
				want, got := parseBothWays(f, fx.path, fx.data, 5)
				requireSameParse(t, want, got)
			})
		}
	}
}

func TestChunkedCorpus(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "corpus", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	for _, dir := range cases {
		var items []Item
		err := Walk(context.Background(), []string{dir}, Limits{}, func(item Item) {
			items = append(items, item)
		})
		require.NoError(t, err)
		for _, item := range items {
			for _, size := range []int{1, 64, 4096} {
				t.Run(fmt.Sprintf("%s/%s/%d", filepath.Base(dir), item.Name, size), func(t *testing.T) {
					want, got := openBothWays(item, Options{}, size)
					requireSameParse(t, want, got)
				})
			}
		}
	}
}

// TestChunkedGenerated compares the parses of generated logs, which have
// long multi-line entries: OCI-P documents, SIP messages with CRLF line
// ends and client SIP traces.
func TestChunkedGenerated(t *testing.T) {
	for _, kind := range gen.Kinds {
		data := gen.Bytes(kind, 256<<10, 7)
		for _, size := range []int{1, 333, 4096, 64 << 10} {
			t.Run(fmt.Sprintf("%s/%d", kind, size), func(t *testing.T) {
				want, got := openBothWays(Item{Name: kind.Path(), Data: data}, Options{}, size)
				requireSameParse(t, want, got)
				require.True(t, isChunked(got.Text, size))
				assert.Greater(t, len(got.Entries), 100, "the generated log is too small to test")
			})
		}
	}
}

// sipEntries is an XSLog with SIP messages of many lines and CRLF line
// ends, between lines that are not SIP.
const sipEntries = "2024.05.02 11:14:17:341 CEST | Info       | Sip | udp-1 | CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355\r\n" +
	"\r\n" +
	"\tudp 349 SIP Bytes IN from 192.0.2.10:5060\r\n" +
	"REGISTER sip:example.net SIP/2.0\r\n" +
	"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1\r\n" +
	"From: <sip:alice@example.net>;tag=1\r\n" +
	"To: <sip:alice@example.net>\r\n" +
	"Call-ID: 3b796803b2177180@192.0.2.10\r\n" +
	"CSeq: 1 REGISTER\r\n" +
	"Content-Length: 0\r\n" +
	"\r\n" +
	"2024.05.02 11:14:17:355 CEST | Info       | Sip | udp-2\r\n" +
	"\r\n" +
	"\tudp 310 SIP Bytes OUT to 192.0.2.10:5060\r\n" +
	"SIP/2.0 403 Forbidden\r\n" +
	"Call-ID: 3b796803b2177180@192.0.2.10\r\n" +
	"CSeq: 1 REGISTER\r\n" +
	"\r\n"

// ociEntries is an XsiActionsLog with OCI-P documents over several lines.
const ociEntries = "2024.05.02 11:14:18:001 CEST | Info       | Xsi-Actions | exec-5 | CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355\n" +
	"\n" +
	"\tOCI-P request:\n" +
	"\t<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
	"\t<BroadsoftDocument protocol=\"OCI\">\n" +
	"\t<command xsi:type=\"UserGetRequest22\">\n" +
	"\t<userId>alice@example.com</userId>\n" +
	"\t<lastName>J\xf8rgensen</lastName>\n" +
	"\t</command>\n" +
	"\t</BroadsoftDocument>\n" +
	"2024.05.02 11:14:18:090 CEST | Warning    | Xsi-Actions | exec-5\n" +
	"\n" +
	"\t<command xsi:type=\"c:ErrorResponse\"><errorCode>4008</errorCode>\n" +
	"\t<summary>[Error 4008] User not found</summary></command>\n"

// TestChunkedEdgeTexts compares the parses of texts whose chunk cuts fall
// where one pass keeps state across lines.
func TestChunkedEdgeTexts(t *testing.T) {
	manyLines := strings.Repeat("\tcontinued\n", MaxEntryLines+50)
	cases := []struct {
		name string
		file string
		text string
		// format, when set, parses the text without detection, which
		// would take text without headers for plain text.
		format *Format
		// insideEntry is set when some chunk start must fall inside a
		// multi-line entry.
		insideEntry bool
	}{
		{"sip with crlf", "XSLog.txt", strings.Repeat(sipEntries, 6), nil, true},
		{"oci-p xml", "XsiActionsLog.txt", strings.Repeat(ociEntries, 6), nil, true},
		{"mid-entry start", "XSLog.txt", "Content-Length: 0\r\n\r\nSIP/2.0 200 OK\r\n" + strings.Repeat(sipEntries, 3), nil, true},
		{"leading blank lines", "XsiActionsLog.txt", "\n\n  \n\n" + strings.Repeat(ociEntries, 2), nil, true},
		{"only continuation lines", "XsiActionsLog.txt", strings.Repeat("\tno header here\n", 300), xsiActionsFormat, true},
		{"only blank lines", "notes.txt", strings.Repeat("\n \r\n", 300), textFormat, false},
		{"cr only", "current_log.txt", strings.Repeat("2024-05-02T09:14:05.381Z <Info> [0x1][]A::b:one\rcontinued\r\r", 40), nil, true},
		{"mixed line ends", "XsiActionsLog.txt", strings.Repeat("2024.05.02 11:14:17:341 CEST | Info | X | t\r\n\tbody\rSIP/2.0 200 OK\r\n\n", 40), nil, true},
		{"unknown zones in every chunk", "XsiActionsLog.txt",
			strings.Repeat("2024.05.02 11:14:17:341 XYZT | Info | X | t\nbody\n2024.05.02 11:14:18:341 QQQ | Info | X | t\nbody\n", 60), nil, true},
		{"time gaps and jumps", "current_log.txt",
			strings.Repeat("2024-05-02T09:14:05.381Z <Info> [0x1][]A::b:now\nmore\n1999-05-02T09:14:05.381Z <Info> [0x1][]A::b:then\n", 40), nil, true},
		{"entries over the line limit", "XsiActionsLog.txt",
			"2024.05.02 11:14:17:341 CEST | Info | X | t\n" + manyLines + "2024.05.02 11:14:18:341 CEST | Info | X | t\n" + manyLines, nil, true},
		{"headerless text over the line limit", "XsiActionsLog.txt", manyLines + ociEntries, xsiActionsFormat, true},
		{"no final line end", "XsiActionsLog.txt", strings.TrimSuffix(strings.Repeat(ociEntries, 3), "\n"), nil, true},
	}
	for _, tc := range cases {
		for _, size := range []int{1, 7, 90, 700} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, size), func(t *testing.T) {
				var want, got *Source
				if tc.format != nil {
					want, got = parseBothWays(tc.format, tc.file, []byte(tc.text), size)
				} else {
					want, got = openBothWays(Item{Name: tc.file, Data: []byte(tc.text)}, Options{}, size)
				}
				if tc.format == nil {
					assert.NotEqual(t, textFormat.ID, got.Format, "the text was not detected as a log format")
				}
				requireSameParse(t, want, got)
				require.True(t, isChunked(got.Text, size), "the text was not parsed in chunks")
				if tc.insideEntry && size == 7 {
					assert.True(t, cutsInsideEntry(got, size), "no chunk starts inside a multi-line entry")
				}
			})
		}
	}
}

// cutsInsideEntry reports whether a chunk of chunkSize bytes starts after
// the first line of a multi-line entry of src and before its end.
func cutsInsideEntry(src *Source, chunkSize int) bool {
	defer setChunking(1, chunkSize)()
	starts := chunkStarts(src.Text)
	for _, e := range src.Entries {
		if e.Lines < 2 {
			continue
		}
		from, to := int(e.Offset), int(e.Offset)+len(e.Raw)
		for _, s := range starts {
			if s > from && s < to {
				return true
			}
		}
	}
	return false
}

// TestChunkedUTF16 parses a UTF-16 file, whose text is decoded into a new
// string before it is cut.
func TestChunkedUTF16(t *testing.T) {
	text := strings.Repeat(ociEntries, 4)
	data := []byte{0xFF, 0xFE}
	for _, r := range text {
		data = append(data, byte(r), byte(r>>8))
	}
	want, got := openBothWays(Item{Name: "XsiActionsLog.txt", Data: data}, Options{}, 11)
	requireSameParse(t, want, got)
	assert.Equal(t, "utf-16le", got.Encoding)
}

// TestChunkedReparse checks that a parse again with a zone, as the zone
// dialog does, gives the same entries in chunks.
func TestChunkedReparse(t *testing.T) {
	item := Item{Name: "XsiActionsLog.txt", Data: []byte(strings.Repeat(ociEntries, 8))}
	want, got := openBothWays(item, Options{}, 13)
	requireSameParse(t, want, got)

	opts := Options{Zone: fixtureOptions(fixture{format: "webex-csf", variant: "dst"}).Zone, ForceZone: true}
	restore := setChunking(math.MaxInt, 0)
	Reparse(want, opts)
	restore()
	defer setChunking(1, 13)()
	Reparse(got, opts)
	requireSameParse(t, want, got)
}

func TestChunkStarts(t *testing.T) {
	cases := []struct {
		name string
		text string
		size int
		want []int
	}{
		{"lf", "ab\ncd\nef\n", 1, []int{0, 3, 6}},
		{"crlf never split", "ab\r\ncd\r\nef", 3, []int{0, 4, 8}},
		{"cut between cr and lf", "a\r\nb\r\nc", 2, []int{0, 3, 6}},
		{"lone cr", "ab\rcd\ref", 1, []int{0, 3, 6}},
		{"blank lines", "a\n\n\nb\n", 1, []int{0, 2, 4}},
		{"no line end", "abcdef", 1, nil},
		{"last line end at the end", "abcdef\n", 2, nil},
		{"chunk larger than the text", "ab\ncd\n", 100, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer setChunking(1, tc.size)()
			got := chunkStarts(tc.text)
			if tc.want == nil {
				assert.Len(t, got, 1, "one chunk: %v", got)
				return
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestChunkStartsAreLineStarts checks every cut against the lines that
// lineScanner splits.
func TestChunkStartsAreLineStarts(t *testing.T) {
	text := "a\r\n\r\nb\rc\n\r\r\nd\n\ne\r"
	lineStarts := map[int]bool{}
	sc := lineScanner{text: text}
	for {
		_, start, _, ok := sc.next()
		if !ok {
			break
		}
		lineStarts[start] = true
	}
	for size := 1; size <= len(text); size++ {
		restore := setChunking(1, size)
		starts := chunkStarts(text)
		restore()
		require.NotEmpty(t, starts)
		assert.Equal(t, 0, starts[0])
		for i, s := range starts {
			assert.True(t, lineStarts[s], "size %d: chunk start %d is not a line start", size, s)
			if i > 0 {
				assert.Greater(t, s, starts[i-1], "size %d: chunk starts out of order", size)
			}
		}
	}
}

// TestChunkCountPerProcessor checks the default split: chunksPerProc
// chunks per GOMAXPROCS, and one pass below the size threshold or on one
// processor.
func TestChunkCountPerProcessor(t *testing.T) {
	text := strings.Repeat(ociEntries, 400)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer setChunking(len(text), 0)()

	runtime.GOMAXPROCS(2)
	starts := chunkStarts(text)
	assert.Len(t, starts, 2*chunksPerProc)

	runtime.GOMAXPROCS(1)
	assert.Nil(t, chunkStarts(text), "one processor parses in one pass")

	runtime.GOMAXPROCS(2)
	assert.Nil(t, chunkStarts(text[:len(text)-1]), "a text under the threshold is parsed in one pass")
}

func TestInParallel(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			calls := make([]int, 100)
			inParallel(len(calls), workers, func(i int) { calls[i]++ })
			for i, n := range calls {
				assert.Equal(t, 1, n, "call %d", i)
			}
		})
	}
	assert.PanicsWithValue(t, "chunk 3", func() {
		inParallel(10, 2, func(i int) {
			if i == 3 {
				panic("chunk 3")
			}
		})
	}, "a panic in a worker reaches the caller")
	assert.NotPanics(t, func() { inParallel(0, 2, func(int) { panic("no call expected") }) })
}

// FuzzChunkedParse opens arbitrary input in one pass and in small chunks
// and requires the same entries and problems. FuzzOpen does not reach the
// chunked path, because its inputs are smaller than parallelMinBytes.
func FuzzChunkedParse(f *testing.F) {
	for _, fx := range loadFixtures(f) {
		f.Add(fixtureNames[fx.format], fx.data, uint16(1))
		f.Add(fixtureNames[fx.format], fx.data, uint16(50))
	}
	f.Add("XSLog.txt", []byte(sipEntries), uint16(9))
	f.Add("XsiActionsLog.txt", []byte(ociEntries), uint16(30))
	f.Fuzz(func(t *testing.T, name string, data []byte, size uint16) {
		want, got := openBothWays(Item{Name: name, Data: data}, Options{}, int(size)+1)
		requireSameParse(t, want, got)
		checkContract(t, got)
	})
}

// TestJoinEntries checks each way the chunks' entries are joined. They
// are moved together in the shared slice, towards its start or its end
// when a chunk ran past its room. They are copied to a new slice when
// they do not fit in the shared slice, or when most of it would stay
// unused.
func TestJoinEntries(t *testing.T) {
	// chunkOf returns a chunk with n entries whose lines count from 1
	// and whose room starts at offset at of shared.
	chunkOf := func(shared []Entry, at, reserved, n int) textChunk {
		var entries []Entry
		if n <= reserved {
			entries = shared[at : at : at+reserved]
		}
		for i := range n {
			entries = append(entries, Entry{Line: int32(i + 1), Offset: int64(at*1000 + i)})
		}
		p := &blockParser{entries: entries}
		p.sc.no = n
		return textChunk{found: true, at: at, reserved: reserved, parser: p}
	}
	cases := []struct {
		name    string
		size    int
		rooms   [][3]int // at, reserved, entries
		inPlace bool
	}{
		{"every chunk in its room", 30, [][3]int{{0, 10, 8}, {10, 10, 10}, {20, 10, 3}}, true},
		{"last chunk past its room", 30, [][3]int{{0, 10, 5}, {10, 10, 5}, {20, 10, 15}}, true},
		{"first chunk past its room", 30, [][3]int{{0, 10, 12}, {10, 10, 5}, {20, 10, 5}}, true},
		{"later chunks move towards the end", 30, [][3]int{{0, 10, 12}, {10, 10, 10}, {20, 10, 5}}, true},
		{"moves both ways", 40, [][3]int{{0, 10, 14}, {10, 10, 2}, {20, 10, 9}, {30, 10, 9}}, true},
		{"two chunks past their rooms", 40, [][3]int{{0, 10, 3}, {10, 10, 13}, {20, 10, 1}, {30, 10, 15}}, true},
		{"more entries than the shared slice", 30, [][3]int{{0, 10, 10}, {10, 10, 10}, {20, 10, 11}}, false},
		{"most of the room unused", 9000, [][3]int{{0, 4500, 2000}, {4500, 4500, 1000}}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			shared := make([]Entry, tc.size)
			var chunks []textChunk
			var want []Entry
			lines := 0
			for _, r := range tc.rooms {
				c := chunkOf(shared, r[0], r[1], r[2])
				for _, e := range c.parser.entries {
					e.Line += int32(lines)
					want = append(want, e)
				}
				lines += r[2]
				chunks = append(chunks, c)
			}
			// A chunk without a header line sits between the others and
			// adds nothing.
			chunks = append(chunks[:1], append([]textChunk{{parser: &blockParser{}}}, chunks[1:]...)...)

			got := joinEntries(chunks, shared)
			assert.Equal(t, want, got)
			assert.Equal(t, len(got), cap(got), "the joined slice has room left")
			assert.Equal(t, tc.inPlace, unsafe.SliceData(got) == unsafe.SliceData(shared), "joined in the shared slice")
			for _, c := range chunks {
				assert.Nil(t, c.parser.entries, "a chunk kept its entries")
			}
		})
	}
}

// TestChunkedUnevenEntries parses texts whose chunk samples do not show
// the entry sizes of the rest, so that chunks run past their room in the
// shared slice or leave most of it unused.
func TestChunkedUnevenEntries(t *testing.T) {
	short := "2024.05.02 11:14:17:341 CEST | Info | X | t\n"
	long := "2024.05.02 11:14:18:341 CEST | Info | X | t\n" + strings.Repeat("\tcontinued line of a long entry\n", 200)
	cases := []struct {
		name string
		text string
		size int
	}{
		{"long entry in the first sample", long + strings.Repeat(short, 300), 8000},
		{"long entry in the last sample", strings.Repeat(short, 300) + long + strings.Repeat(short, 100), len(short)*300 - 1},
		{"short entries in the first sample", strings.Repeat(short, 3000) + strings.Repeat(long, 200), 710000},
		{"long entries in every sample", strings.Repeat(long+strings.Repeat(short, 50), 20), 9000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want, got := openBothWays(Item{Name: "XsiActionsLog.txt", Data: []byte(tc.text)}, Options{}, tc.size)
			requireSameParse(t, want, got)
			require.True(t, isChunked(got.Text, tc.size))
		})
	}
}
