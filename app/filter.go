package app

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/wxlog/wxlog/parsers"
)

// SeveritySet is a set of severities, one bit per parsers.Severity.
type SeveritySet uint16

// Has reports whether s is in the set.
func (set SeveritySet) Has(s parsers.Severity) bool { return set&(1<<s) != 0 }

// With returns the set with s added or removed.
func (set SeveritySet) With(s parsers.Severity, on bool) SeveritySet {
	if on {
		return set | 1<<s
	}
	return set &^ (1 << s)
}

// Filter hides timeline entries. The zero Filter hides nothing. Every
// condition that is set must hold for an entry to stay visible.
type Filter struct {
	// HiddenSeverities are the severities to hide.
	HiddenSeverities SeveritySet
	// HiddenSources are the sources to hide.
	HiddenSources map[*parsers.Source]bool
	// From and To bound the skew-corrected UTC time in Unix nanoseconds,
	// both inclusive; 0 leaves that side open.
	From, To int64
	// Include keeps only entries whose raw text contains it, and Exclude
	// hides entries whose raw text contains it. Both ignore case.
	Include, Exclude string
	// TrackingID keeps only the entries of one tracking id: those whose
	// parsed tracking id is it, or whose raw text contains it (ignoring
	// case), so the client's request and the servers' lines all stay.
	TrackingID string
}

// Active reports whether the filter hides anything at all.
func (f *Filter) Active() bool {
	return f.HiddenSeverities != 0 || len(f.HiddenSources) > 0 || f.From != 0 || f.To != 0 ||
		f.Include != "" || f.Exclude != "" || f.TrackingID != ""
}

// compiledFilter holds the filter with its texts prepared for matching.
type compiledFilter struct {
	f        *Filter
	hidden   []bool
	include  foldNeedle
	exclude  foldNeedle
	tracking foldNeedle
}

func (f *Filter) compile(tl *Timeline) *compiledFilter {
	c := &compiledFilter{
		f:        f,
		hidden:   make([]bool, len(tl.Sources)),
		include:  newFoldNeedle(f.Include),
		exclude:  newFoldNeedle(f.Exclude),
		tracking: newFoldNeedle(f.TrackingID),
	}
	for i, src := range tl.Sources {
		c.hidden[i] = f.HiddenSources[src]
	}
	return c
}

func (c *compiledFilter) match(tl *Timeline, i int) bool {
	r := tl.Refs[i]
	if c.hidden[r.Src] {
		return false
	}
	src := tl.Sources[r.Src]
	e := &src.Entries[r.Idx]
	if c.f.HiddenSeverities.Has(e.Severity) {
		return false
	}
	if c.f.From != 0 || c.f.To != 0 {
		t := e.Time - int64(src.Skew)
		if c.f.From != 0 && t < c.f.From {
			return false
		}
		if c.f.To != 0 && t > c.f.To {
			return false
		}
	}
	if c.tracking.set() {
		byField := e.Fields != nil && strings.EqualFold(e.TrackingID(), c.f.TrackingID)
		if !byField && !c.tracking.in(e.Raw) {
			return false
		}
	}
	if c.include.set() && !c.include.in(e.Raw) {
		return false
	}
	if c.exclude.set() && c.exclude.in(e.Raw) {
		return false
	}
	return true
}

// Match reports whether timeline position i passes the filter.
func (f *Filter) Match(tl *Timeline, i int) bool {
	return f.compile(tl).match(tl, i)
}

// ApplyFilter returns the timeline positions that pass the filter, in
// timeline order. It returns nil with no error when the filter is not
// active, which means every position. The work is split over the CPUs and
// stops with the context's error when ctx is cancelled.
func ApplyFilter(ctx context.Context, tl *Timeline, f *Filter) ([]int32, error) {
	if f == nil || !f.Active() {
		return nil, nil
	}
	c := f.compile(tl)
	return selectParallel(ctx, tl.Len(), func(i int) bool { return c.match(tl, i) })
}

// selectChunk is how many positions one worker takes at a time. It is
// large enough that scheduling costs little, and small enough that a
// cancel is seen within about a millisecond (an estimate).
const selectChunk = 1 << 14

// selectParallel returns, in increasing order, every i in [0, n) for which
// keep returns true.
func selectParallel(ctx context.Context, n int, keep func(i int) bool) ([]int32, error) {
	chunks := (n + selectChunk - 1) / selectChunk
	parts := make([][]int32, chunks)
	workers := min(runtime.GOMAXPROCS(0), max(chunks, 1))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				start, end := c*selectChunk, min((c+1)*selectChunk, n)
				var part []int32
				for i := start; i < end; i++ {
					if keep(i) {
						part = append(part, int32(i))
					}
				}
				parts[c] = part
			}
		}()
	}
	var err error
feed:
	for c := range chunks {
		select {
		case next <- c:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, err
	}

	total := 0
	for _, p := range parts {
		total += len(p)
	}
	out := make([]int32, 0, total)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out, nil
}

// foldNeedle is a substring to find while ignoring case.
type foldNeedle struct {
	lower string
	ascii bool
}

func newFoldNeedle(s string) foldNeedle {
	lower := strings.ToLower(s)
	ascii := true
	for i := 0; i < len(lower); i++ {
		if lower[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	return foldNeedle{lower: lower, ascii: ascii}
}

func (n foldNeedle) set() bool { return n.lower != "" }

// in reports whether the haystack contains the needle, ignoring case. An
// ASCII needle is compared byte by byte without allocating, because this
// runs once per entry over millions of entries.
func (n foldNeedle) in(haystack string) bool {
	if n.lower == "" {
		return true
	}
	if !n.ascii {
		return strings.Contains(strings.ToLower(haystack), n.lower)
	}
	first := n.lower[0]
	firstUpper := first
	if 'a' <= first && first <= 'z' {
		firstUpper = first - 'a' + 'A'
	}
	last := len(haystack) - len(n.lower)
	if last < 0 {
		return false
	}
	// Candidates are found with strings.IndexByte, which is much faster
	// than a byte loop, once for each case of the first letter. lo and up
	// hold the next candidate of each case at or after i, or -1 for none.
	lo, up := -2, -2
	if firstUpper == first {
		up = -1
	}
	for i := 0; i <= last; {
		if lo != -1 && lo < i {
			lo = nextByte(haystack, i, first)
		}
		if up != -1 && up < i {
			up = nextByte(haystack, i, firstUpper)
		}
		switch {
		case lo < 0 && up < 0:
			return false
		case lo < 0 || up >= 0 && up < lo:
			i = up
		default:
			i = lo
		}
		if i > last {
			return false
		}
		if asciiFoldPrefix(haystack[i:], n.lower) {
			return true
		}
		i++
	}
	return false
}

// nextByte returns the index of the first c in s at or after from, or -1.
func nextByte(s string, from int, c byte) int {
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return -1
}

// asciiFoldPrefix reports whether s starts with lower, comparing ASCII
// letters without case.
func asciiFoldPrefix(s, lower string) bool {
	for j := 0; j < len(lower); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}
