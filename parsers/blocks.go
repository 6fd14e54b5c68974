package parsers

import "strings"

// MaxEntryLines caps the continuation lines joined into one entry. A file
// whose header grammar stops matching would otherwise become one entry of
// millions of lines, which no view can show.
const MaxEntryLines = 100000

// lineScanner walks text line by line. It accepts "\n", "\r\n" and a lone
// "\r" as line ends, so CR-only and mixed files split into the right lines.
type lineScanner struct {
	text string
	pos  int
	no   int
}

// next returns the next line without its end, the offset of its first byte
// and the offset just past its line end.
func (s *lineScanner) next() (line string, start, end int, ok bool) {
	if s.pos >= len(s.text) {
		return "", 0, 0, false
	}
	start = s.pos
	rest := s.text[start:]
	i := strings.IndexAny(rest, "\r\n")
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
// substrings of line.
type headerFunc func(line string, e *Entry) (msgStart int, ok bool)

// parseBlocks splits src.Text into entries: a line for which isHeader
// returns true starts an entry, and every other line continues the entry
// above. Text before the first header becomes an entry flagged
// FlagMidEntry, so nothing of the file is dropped.
func parseBlocks(src *Source, header headerFunc, finish func(e *Entry, slab *fieldSlab)) {
	text := src.Text
	sc := lineScanner{text: text}
	// The entries are sized from the first part of a large file, so that
	// the slice neither grows step by step (each step copies every entry)
	// nor reserves far more than the file needs.
	sampleEnd := 0
	capacity := len(text)/200 + 1
	if len(text) >= sampleMin {
		sampleEnd = len(text) / sampleParts
		capacity = sampleEnd/150 + 1
	}
	entries := make([]Entry, 0, capacity)
	// Fields come from slabs rather than one allocation each: most server
	// entries have fields, so this saves millions of small allocations.
	var slab fieldSlab
	// scratch receives what a header function puts in the fields; it is
	// copied to the slab only when the function asked for fields.
	var scratch Fields

	var cur *Entry
	curStart, curEnd, curMsg := 0, 0, 0
	close := func() {
		if cur == nil {
			return
		}
		cur.Raw = trimLineEnd(text[curStart:curEnd])
		// Blank lines at the end of an entry are not part of Raw, so they
		// do not count in Lines either.
		if tail := text[curStart+len(cur.Raw) : curEnd]; tail != "" {
			cur.Lines -= int32(lineEnds(tail) - 1)
		}
		cur.Message = strings.Trim(cur.Raw[curMsg:], "\r\n \t")
		if finish != nil {
			finish(cur, &slab)
		}
		cur = nil
	}

	// e is declared once: header is called through a function value, so
	// e escapes to the heap, and a fresh one per line would be allocated
	// for every line of the file.
	var e Entry
	for {
		line, start, end, ok := sc.next()
		if !ok {
			break
		}
		e = Entry{Fields: &scratch, Flags: flagScratchFields}
		scratch = Fields{}
		if msgStart, isHeader := header(line, &e); isHeader {
			close()
			if e.Flags&flagScratchFields != 0 {
				// The header function did not ask for fields.
				e.Flags &^= flagScratchFields
				e.Fields = nil
			} else {
				e.Fields = slab.take()
				*e.Fields = scratch
			}
			if sampleEnd > 0 && start >= sampleEnd {
				entries = growEntries(entries, len(text), start)
				sampleEnd = 0
			}
			e.Offset = int64(start)
			e.Line = int32(sc.no)
			e.Lines = 1
			entries = append(entries, e)
			cur = &entries[len(entries)-1]
			curStart, curEnd, curMsg = start, end, msgStart
			continue
		}
		if cur == nil || cur.Lines >= MaxEntryLines {
			close()
			if cur == nil && len(entries) == 0 && strings.TrimSpace(line) == "" {
				continue
			}
			entries = append(entries, Entry{
				Offset: int64(start),
				Line:   int32(sc.no),
				Lines:  1,
				Flags:  FlagMidEntry | FlagNoTime,
			})
			cur = &entries[len(entries)-1]
			curStart, curEnd, curMsg = start, end, 0
			continue
		}
		cur.Lines++
		curEnd = end
	}
	close()
	// A file whose later part has longer entries than its start leaves
	// much of the estimate unused: copy the entries to a slice of their
	// size so that the rest can be collected.
	if n := len(entries); cap(entries)-n > n/4 && cap(entries) > 4096 {
		entries = append(make([]Entry, 0, n), entries...)
	}
	src.Entries = entries
	borrowTimes(src.Entries)
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
