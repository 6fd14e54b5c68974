package parsers

import (
	"strings"
	"time"
)

// Thresholds above which the text checks add a problem to the source.
const (
	// LongLineBytes is the length from which a one-line entry is reported:
	// it is kept whole, but views show it cut.
	LongLineBytes = 1 << 20
	// timeBackTolerance is how far a time may go back from the entry
	// above before it is reported. Threads that write one log interleave
	// by milliseconds, not minutes.
	timeBackTolerance = time.Minute
	// timeJumpLimit is the largest step between entries that is not
	// reported as a jump, such as a clock reset to another year.
	timeJumpLimit = 30 * 24 * time.Hour
)

// checkText notes what is odd about a decoded text before it is parsed.
func checkText(src *Source) {
	if n := strings.Count(src.Text, "\x00"); n > 0 {
		src.AddProblem(0, "contains %d NUL bytes, kept as they are", n)
	}
	if src.Encoding == "iso-8859-1" {
		src.AddProblem(0, "not valid UTF-8: read as ISO-8859-1 (Latin-1)")
	}
}

// checkEntries notes entries that are too long to show whole and times
// that go back or jump, after parsing.
func checkEntries(src *Source) {
	var prev int64
	var prevLine int32
	back, jumps := 0, 0
	for i := range src.Entries {
		e := &src.Entries[i]
		if e.Lines == 1 && len(e.Raw) >= LongLineBytes {
			src.AddProblem(int(e.Line), "line is %s long: kept as one entry, shown cut", humanBytes(int64(len(e.Raw))))
		}
		if e.Flags&FlagNoTime != 0 || e.Time == 0 {
			continue
		}
		if prev != 0 {
			d := time.Duration(e.Time - prev)
			switch {
			case d < -timeJumpLimit || d > timeJumpLimit:
				if jumps == 0 {
					src.AddProblem(int(e.Line), "time jumps from %s (line %d) to %s: check the clock of this source",
						time.Unix(0, prev).UTC().Format(time.RFC3339), prevLine, e.When().Format(time.RFC3339))
				}
				jumps++
			case d < -timeBackTolerance:
				if back == 0 {
					src.AddProblem(int(e.Line), "time goes back %v from line %d: entries are out of order", -d.Round(time.Millisecond), prevLine)
				}
				back++
			}
		}
		prev, prevLine = e.Time, e.Line
	}
	if back > 1 {
		src.AddProblem(0, "time goes back by more than %v at %d places", timeBackTolerance, back)
	}
	if jumps > 1 {
		src.AddProblem(0, "time jumps by more than 30 days at %d places", jumps)
	}
}
