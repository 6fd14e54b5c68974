package parsers

import "strings"

// textFormat keeps text that no other format claims: every line that is
// not blank is an entry with its line number. A line that starts with an ISO 8601 time
// stamp with a zone gets that time; other lines borrow the time of the line
// above.
var textFormat = &Format{
	ID:     "text",
	Title:  "Plain text",
	Detect: func(string) int { return 1 },
	Parse: func(src *Source, opts Options) {
		header := func(line string, e *Entry) (int, bool) {
			// A blank line is no entry of its own: it ends the line above.
			if strings.TrimSpace(line) == "" {
				return 0, false
			}
			if n := isoTimeLen(line); n > 0 {
				e.Time, _ = parseISOTime(line[:n])
			}
			return 0, true
		}
		parseBlocks(src, header, nil)
		for i := range src.Entries {
			e := &src.Entries[i]
			e.message = span{end: uint32(len(e.Raw))}
		}
	},
}

// binaryFormat lists files that are not text, such as the client's
// ced.dat. They get no entries.
var binaryFormat = &Format{
	ID:     "binary",
	Title:  "Binary file (not parsed)",
	Detect: func(string) int { return 0 },
	Parse:  func(*Source, Options) {},
}
