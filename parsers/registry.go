package parsers

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// Options change how a source is parsed.
type Options struct {
	// Zone is the location for times printed without an offset or with an
	// abbreviation the zone table does not know. When ForceZone is set it
	// replaces every printed zone, which resolves daylight-saving changes
	// from the location's rules. Nil means UTC.
	Zone      *time.Location
	ForceZone bool
}

// Format describes one log format: how to recognise it and how to parse it.
type Format struct {
	ID    string
	Title string
	// Detect scores how well the first lines of a file match the format,
	// from 0 (not this format) to 100. head holds whole lines only.
	Detect func(head string) int
	// NameHint reports whether a file name (the path with "/" separators)
	// is typical of the format. It adds nameHintBonus to the score, so it
	// decides only between formats whose content scores are that close.
	NameHint func(name string) bool
	// Parse fills src.Entries and src.Problems from src.Text.
	Parse func(src *Source, opts Options)
}

// Formats is the registry: every format wxlog knows. Detection picks the
// highest score; a matching NameHint adds nameHintBonus, and equal scores go
// to the earlier row.
var Formats = []*Format{
	webexDesktopFormat,
	webexBWCFormat,
	webexMediaFormat,
	webexAndroidFormat,
	webexCSFFormat,
	xsiActionsFormat,
	authServiceFormat,
	dmsFormat,
	xsLogFormat,
	psLogFormat,
	bwGenericFormat,
	accessLogFormat,
	textFormat,
	binaryFormat,
}

// FormatByID returns the registered format with that id, or nil.
func FormatByID(id string) *Format {
	for _, f := range Formats {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// checkRegistry panics on a duplicate or empty id; registry_test calls it
// and so does init, because a broken table is a programming error.
func checkRegistry(formats []*Format) {
	seen := map[string]bool{}
	for _, f := range formats {
		if f.ID == "" || f.Detect == nil || f.Parse == nil {
			panic(fmt.Sprintf("parsers: incomplete format %q", f.ID))
		}
		if seen[f.ID] {
			panic("parsers: duplicate format id " + f.ID)
		}
		seen[f.ID] = true
	}
}

func init() { checkRegistry(Formats) }

// nameHintBonus is what a typical file name adds to a content score. It is
// smaller than any content evidence a Detect function counts.
const nameHintBonus = 2

// DetectHeadBytes is how much of a file detection reads.
const DetectHeadBytes = 16 << 10

// Detect returns the format for a file from its decoded text and its name.
// Binary content must be ruled out before; text that no format claims is
// "text".
func Detect(text, name string) *Format {
	head := text
	if len(head) > DetectHeadBytes {
		head = head[:DetectHeadBytes]
		if i := strings.LastIndexByte(head, '\n'); i > 0 {
			head = head[:i]
		}
	}
	var best *Format
	bestScore := 0
	for _, f := range Formats {
		if f == textFormat || f == binaryFormat {
			continue
		}
		score := f.Detect(head)
		if score <= 0 {
			continue
		}
		if f.NameHint != nil && f.NameHint(name) {
			score += nameHintBonus
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	if best == nil {
		return textFormat
	}
	return best
}

// baseName returns the last element of a "/"-separated name, lower-cased.
func baseName(name string) string {
	return strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
}

// headLines calls fn for each of the first max lines of head and returns
// how many lines it saw.
func headLines(head string, max int, fn func(line string)) int {
	sc := lineScanner{text: head}
	n := 0
	for n < max {
		line, _, _, ok := sc.next()
		if !ok {
			break
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		fn(line)
		n++
	}
	return n
}

// scoreLines returns the share, from 0 to 100, of the first non-blank
// lines of head for which match is true, or 0 when none matches.
func scoreLines(head string, match func(string) bool) int {
	hits := 0
	n := headLines(head, 50, func(line string) {
		if match(line) {
			hits++
		}
	})
	if n == 0 || hits == 0 {
		return 0
	}
	return hits * 100 / n
}
