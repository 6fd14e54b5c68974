package parsers

import "strings"

// Open turns an Item into a parsed Source: it decodes the text, detects the
// format from the content (and the name, for ties) and parses it. Problems
// go on the source; Open never fails.
func Open(item Item, opts Options) *Source {
	src := &Source{Name: item.Name, Path: item.Path, Size: int64(len(item.Data)), Zone: opts.Zone, Cut: item.Cut}
	for _, note := range item.Notes {
		src.AddProblem(0, "%s", note)
	}
	if item.Err != nil {
		src.AddProblem(0, "%v", item.Err)
		return src
	}
	text, encoding, binary := decodeText(item.Data)
	if binary {
		src.Format = binaryFormat.ID
		return src
	}
	src.Text, src.Encoding = text, encoding
	if strings.TrimSpace(text) == "" {
		src.Format = textFormat.ID
		src.AddProblem(0, "%v", ErrEmpty)
		return src
	}
	checkText(src)
	src.loadProblems = len(src.Problems)
	f := Detect(text, item.Name)
	src.Format = f.ID
	f.Parse(src, opts)
	checkEntries(src)
	return src
}

// Reparse parses src again with new options, for a changed zone. The
// problems found while reading the file stay; those of the parse are
// found again.
func Reparse(src *Source, opts Options) {
	f := FormatByID(src.Format)
	if f == nil || src.Text == "" {
		return
	}
	defer src.endPass(guardPass())
	src.Zone = opts.Zone
	src.Entries = nil
	src.Problems = src.Problems[:src.loadProblems:src.loadProblems]
	f.Parse(src, opts)
	checkEntries(src)
}
