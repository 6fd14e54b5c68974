package parsers

import "strings"

// MaxEntryLines caps the continuation lines joined into one entry. A file
// whose header grammar stops matching would otherwise become one entry of
// millions of lines, which no view can show.
const MaxEntryLines = 1<<16 - 1

// lineScanner walks text line by line. It accepts "\n", "\r\n" and a lone
// "\r" as line ends, so CR-only and mixed files split into the right lines.
type lineScanner struct {
	text string
	pos  int
	no   int
	// lfEnd is one past the offset of the first "\n" at or after pos, or
	// len(text)+1 when there is none. At or below pos it is out of date.
	// Keeping it spares a text without "\n", such as a CR-only file, a
	// search to the end of the text for every line.
	lfEnd int
}

// next returns the next line without its end, the offset of its first byte
// and the offset just past its line end.
func (s *lineScanner) next() (line string, start, end int, ok bool) {
	if s.pos >= len(s.text) {
		return "", 0, 0, false
	}
	start = s.pos
	rest := s.text[start:]
	// Two IndexByte calls cost less than one IndexAny, which tests
	// every byte against a set.
	if s.lfEnd <= start {
		s.lfEnd = len(s.text) + 1
		if lf := strings.IndexByte(rest, '\n'); lf >= 0 {
			s.lfEnd = start + lf + 1
		}
	}
	i := -1
	within := rest
	if s.lfEnd <= len(s.text) {
		i = s.lfEnd - 1 - start
		within = rest[:i]
	}
	if r := strings.IndexByte(within, '\r'); r >= 0 {
		i = r
	}
	s.no++
	if i < 0 {
		s.pos = len(s.text)
		return rest, start, s.pos, true
	}
	end = start + i + 1
	if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
		end++
	}
	s.pos = end
	return rest[:i], start, end, true
}

// headerFunc fills e from a header line and reports whether the line is a
// header, and where in the line the message starts (len(line) when the
// message is on the following lines). Strings it stores in e must be
// substrings of line. A large text is parsed on several goroutines at
// once (see parseChunks), so a header function must be safe for
// concurrent calls.
type headerFunc func(line string, e *Entry) (msgStart int, ok bool)

// parseBlocks splits src.Text into entries: a line for which isHeader
// returns true starts an entry, and every other line continues the entry
// above. Text before the first header becomes an entry flagged
// FlagMidEntry, so nothing of the file is dropped. A text of
// parallelMinBytes or more is parsed in chunks on several goroutines,
// with the same result. So finish, like header, must be safe for
// concurrent calls.
func parseBlocks(src *Source, header headerFunc, finish func(e *Entry, slab *fieldSlab)) {
	text := src.Text
	if starts := chunkStarts(text); len(starts) > 1 {
		src.Entries = parseChunks(text, starts, header, finish)
		borrowTimes(src.Entries)
		return
	}

	p := newBlockParser(text, 0, header, finish)
	p.reserve(len(text))
	p.scanLines(len(text))
	p.close()
	entries := p.entries
	// A file whose later part has longer entries than its start leaves
	// much of the estimate unused: copy the entries to a slice of their
	// size so that the rest can be collected.
	if n := len(entries); cap(entries)-n > n/4 && cap(entries) > 4096 {
		entries = append(make([]Entry, 0, n), entries...)
	}
	src.Entries = entries
	borrowTimes(src.Entries)
}

// blockParser turns a stretch of text into entries, line by line: the
// loop of parseBlocks, which parseChunks runs on several stretches of one
// text at once. Offsets are in the whole text, and line numbers count
// from the scanner's start.
type blockParser struct {
	text   string
	header headerFunc
	finish func(e *Entry, slab *fieldSlab)
	sc     lineScanner

	entries []Entry
	// Fields come from slabs rather than one allocation each: most server
	// entries have fields, so this saves millions of small allocations.
	slab fieldSlab
	// scratch receives what a header function puts in the fields; it is
	// copied to the slab only when the function asked for fields.
	scratch Fields
	// e receives what the header function reads from a line. It is a
	// field because header is called through a function value, so a
	// local e would escape and be allocated for every line.
	e Entry

	// cur is the entry that the next continuation line extends, or nil.
	// It spans text[curStart:curEnd], and its message starts at curMsg in
	// its first line.
	cur                      *Entry
	curStart, curEnd, curMsg int

	// Until the scanner passes sampleEnd, the entries found since
	// sampleFrom size the entry slice for the size bytes of the stretch.
	sampleFrom, sampleEnd, size int
}

func newBlockParser(text string, from int, header headerFunc, finish func(e *Entry, slab *fieldSlab)) *blockParser {
	return &blockParser{text: text, header: header, finish: finish, sc: lineScanner{text: text, pos: from}}
}

// reserve sizes the entry slice for a stretch of size bytes that starts
// at the scanner's position. The entries of a large stretch are sized
// from its first part, so that the slice neither grows step by step (each
// step copies every entry) nor reserves far more than the text needs.
func (p *blockParser) reserve(size int) {
	capacity := size/200 + 1
	if size >= sampleMin {
		p.sampleFrom = p.sc.pos
		p.sampleEnd = p.sampleFrom + size/sampleParts
		p.size = size
		capacity = size/sampleParts/150 + 1
	}
	p.entries = make([]Entry, 0, capacity)
}

// scanLines parses the lines up to stop, which is the start of a line or
// the end of the text.
func (p *blockParser) scanLines(stop int) {
	for p.sc.pos < stop {
		line, start, end, _ := p.sc.next()
		if msgStart, ok := p.readHeader(line); ok {
			p.startEntry(start, end, msgStart)
		} else {
			p.continueEntry(line, start, end)
		}
	}
}

// continueLines adds the lines up to stop, which the caller knows are no
// headers, without calling the header function on them again.
func (p *blockParser) continueLines(stop int) {
	for p.sc.pos < stop {
		line, start, end, _ := p.sc.next()
		p.continueEntry(line, start, end)
	}
}

// readHeader calls the header function on line with p.e and p.scratch
// cleared.
func (p *blockParser) readHeader(line string) (msgStart int, ok bool) {
	p.e = Entry{Fields: &p.scratch, Flags: flagScratchFields}
	p.scratch = Fields{}
	return p.header(line, &p.e)
}

// startEntry closes the current entry and starts one from the header that
// readHeader read into p.e, at the line text[start:end].
func (p *blockParser) startEntry(start, end, msgStart int) {
	p.close()
	e := &p.e
	if e.Flags&flagScratchFields != 0 {
		// The header function did not ask for fields.
		e.Flags &^= flagScratchFields
		e.Fields = nil
	} else {
		e.Fields = p.slab.take()
		*e.Fields = p.scratch
	}
	if p.sampleEnd > 0 && start >= p.sampleEnd {
		p.entries = growEntries(p.entries, p.size, start-p.sampleFrom)
		p.sampleEnd = 0
	}
	e.Offset = int64(start)
	e.Line = int32(p.sc.no)
	e.Lines = 1
	p.entries = append(p.entries, *e)
	p.cur = &p.entries[len(p.entries)-1]
	p.curStart, p.curEnd, p.curMsg = start, end, msgStart
}

// continueEntry adds a line that is no header to the current entry, or
// starts an entry flagged FlagMidEntry with it when there is none or the
// current one has MaxEntryLines lines. Blank lines before the first entry
// are left out.
func (p *blockParser) continueEntry(line string, start, end int) {
	if p.cur != nil && p.cur.Lines < MaxEntryLines {
		p.cur.Lines++
		p.curEnd = end
		return
	}
	p.close()
	if len(p.entries) == 0 && strings.TrimSpace(line) == "" {
		return
	}
	p.entries = append(p.entries, Entry{
		Offset: int64(start),
		Line:   int32(p.sc.no),
		Lines:  1,
		Flags:  FlagMidEntry | FlagNoTime,
	})
	p.cur = &p.entries[len(p.entries)-1]
	p.curStart, p.curEnd, p.curMsg = start, end, 0
}

// close finishes the current entry: its raw text, line count, message and
// fields.
func (p *blockParser) close() {
	cur := p.cur
	if cur == nil {
		return
	}
	cur.Raw = trimLineEnd(p.text[p.curStart:p.curEnd])
	// Blank lines at the end of an entry are not part of Raw, so they
	// do not count in Lines either.
	if tail := p.text[p.curStart+len(cur.Raw) : p.curEnd]; tail != "" {
		// Lines stops at MaxEntryLines, so it may count fewer blank lines
		// than the tail has.
		cur.Lines -= uint16(min(lineEnds(tail)-1, int(cur.Lines)-1))
	}
	cur.message = spanOf(cur.Raw, strings.Trim(cur.Raw[p.curMsg:], "\r\n \t"))
	if p.finish != nil {
		p.finish(cur, &p.slab)
	}
	p.cur = nil
}

// Files of at least sampleMin bytes have their entries counted in the
// first 1/sampleParts of the text to size the entry slice.
const (
	sampleMin   = 4 << 20
	sampleParts = 32
)

// growEntries returns entries with room for the entries of the whole text,
// estimated from the number found in its first done bytes.
func growEntries(entries []Entry, size, done int) []Entry {
	if done <= 0 {
		return entries
	}
	want := int(float64(len(entries))*float64(size)/float64(done)*1.05) + 1024
	if want <= cap(entries) {
		return entries
	}
	return append(make([]Entry, 0, want), entries...)
}

// fieldSlab hands out Fields from blocks of fieldSlabSize, so that the
// fields of a source cost one allocation per block instead of one each.
type fieldSlab struct {
	free []Fields
}

const fieldSlabSize = 256

func (s *fieldSlab) take() *Fields {
	if len(s.free) == 0 {
		s.free = make([]Fields, fieldSlabSize)
	}
	f := &s.free[0]
	s.free = s.free[1:]
	return f
}

// lineEnds counts the line ends in s as lineScanner splits lines: "\r\n",
// "\n" and a lone "\r" each end one line.
func lineEnds(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			n++
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			n++
		}
	}
	return n
}

func trimLineEnd(s string) string {
	return strings.TrimRight(s, "\r\n")
}

// borrowTimes gives entries without a time the time of the entry before
// them, or of the first timed entry for text at the start of a file, so
// that they sort next to their neighbours. They keep FlagNoTime.
func borrowTimes(entries []Entry) {
	var last int64
	for i := range entries {
		if entries[i].Time != 0 {
			last = entries[i].Time
			continue
		}
		entries[i].Flags |= FlagNoTime
		entries[i].Time = last
	}
	if len(entries) == 0 || entries[0].Time != 0 {
		return
	}
	var first int64
	for i := range entries {
		if entries[i].Flags&FlagNoTime == 0 {
			first = entries[i].Time
			break
		}
	}
	for i := 0; i < len(entries) && entries[i].Time == 0; i++ {
		entries[i].Time = first
	}
}
