package parsers

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors for problems with a whole source.
var (
	ErrBinary   = errors.New("parsers: binary file, listed but not parsed")
	ErrTooLarge = errors.New("parsers: file larger than the size limit")
	ErrEmpty    = errors.New("parsers: empty file")
)

// ParseError is a problem at one place in one file.
type ParseError struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Source is one log file after loading: its name, format and entries.
type Source struct {
	// Name is the path under the opened argument, with "/" between the parts
	// and zip entries named inside their zip, such as
	// "client/feedback.zip/bwc/current_log.txt".
	Name string
	// Path is the file on disk that holds the source (the outermost zip for
	// zip entries).
	Path   string
	Format string
	// Text is the decoded content. Entry strings are substrings of it.
	Text string
	// Size is the size in bytes of the content before decoding.
	Size     int64
	Encoding string
	Entries  []Entry
	Problems []string
	// Cut is set when the text ends early because the file, archive member
	// or gzip data was cut short: entries at its end may be missing.
	Cut bool
	// loadProblems counts the leading Problems found while reading and
	// decoding the file, which a Reparse keeps.
	loadProblems int
	// Zone is the location used for times printed without an offset or with
	// an unknown abbreviation; nil means UTC.
	Zone *time.Location
	// Skew is how far the source's clock runs ahead of the reference clock.
	// It is subtracted from entry times in the timeline.
	Skew time.Duration
	// Preview marks a parse of only the start of a file (see OpenPreview),
	// shown while the whole file loads. It never joins a workspace.
	Preview bool
}

// AddProblem records a problem with the source; problems never stop loading.
func (s *Source) AddProblem(line int, format string, args ...any) {
	err := &ParseError{File: s.Name, Line: line, Err: fmt.Errorf(format, args...)}
	s.Problems = append(s.Problems, err.Error())
}

// First returns the time of the earliest entry, or 0.
func (s *Source) First() int64 {
	var first int64
	for i := range s.Entries {
		t := s.Entries[i].Time
		if t != 0 && (first == 0 || t < first) {
			first = t
		}
	}
	return first
}

// Last returns the time of the latest entry, or 0.
func (s *Source) Last() int64 {
	var last int64
	for i := range s.Entries {
		if t := s.Entries[i].Time; t > last {
			last = t
		}
	}
	return last
}
