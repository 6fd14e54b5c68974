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
func parseBlocks(src *Source, header headerFunc, finish func(e *Entry)) {
	text := src.Text
	sc := lineScanner{text: text}
	entries := make([]Entry, 0, len(text)/200+1)

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
			finish(cur)
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
		e = Entry{}
		if msgStart, isHeader := header(line, &e); isHeader {
			close()
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
	src.Entries = entries
	borrowTimes(src.Entries)
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
