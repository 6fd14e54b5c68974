package app

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/wxlog/wxlog/parsers"
)

// Query is a search over the raw text of entries.
type Query struct {
	Text string
	// Regex reads Text as a Go regular expression (RE2 syntax).
	Regex bool
	// CaseSensitive matches letters exactly; by default case is ignored.
	CaseSensitive bool
}

// Matcher is a compiled Query.
type Matcher struct {
	// re checks the literals a regular expression needs before running
	// it, since most entries of a big log lack them.
	re    *guardedRegexp
	fold  foldNeedle
	exact string
	mode  int
}

const (
	matchFold = iota
	matchExact
	matchRegex
)

// Compile prepares the query for matching. An empty query and an invalid
// regular expression are errors that name the problem.
func (q Query) Compile() (*Matcher, error) {
	if q.Text == "" {
		return nil, fmt.Errorf("%s", T("empty search"))
	}
	if q.Regex {
		expr := q.Text
		if !q.CaseSensitive {
			expr = "(?i)" + expr
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("%s", T("invalid regular expression {{.Query}}: {{.Err}}",
				map[string]any{"Query": q.Text, "Err": err}))
		}
		return &Matcher{re: guardRegexp(re), mode: matchRegex}, nil
	}
	if q.CaseSensitive {
		return &Matcher{exact: q.Text, mode: matchExact}, nil
	}
	fold := newFoldNeedle(q.Text)
	if !fold.ascii {
		// Case folding can change the byte length of non-ASCII text, so
		// the regexp engine does it and keeps offsets right for Locate.
		return &Matcher{re: mustGuard("(?i)" + regexp.QuoteMeta(q.Text)), mode: matchRegex}, nil
	}
	return &Matcher{fold: fold, mode: matchFold}, nil
}

// Match reports whether s contains a match.
func (m *Matcher) Match(s string) bool {
	switch m.mode {
	case matchRegex:
		return m.re.MatchString(s)
	case matchExact:
		return strings.Contains(s, m.exact)
	default:
		return m.fold.in(s)
	}
}

// Locate returns the byte ranges of the matches in s, at most limit of
// them, for highlighting.
func (m *Matcher) Locate(s string, limit int) [][2]int {
	var out [][2]int
	switch m.mode {
	case matchRegex:
		if !m.re.mayMatch(s) {
			return nil
		}
		for _, loc := range m.re.FindAllStringIndex(s, limit) {
			if loc[1] > loc[0] {
				out = append(out, [2]int{loc[0], loc[1]})
			}
		}
		return out
	case matchExact:
		return locateAll(s, m.exact, limit)
	}
	return locateAll(asciiLower(s), m.fold.lower, limit)
}

func locateAll(s, needle string, limit int) [][2]int {
	var out [][2]int
	for from := 0; len(out) < limit; {
		i := strings.Index(s[from:], needle)
		if i < 0 {
			break
		}
		start := from + i
		out = append(out, [2]int{start, start + len(needle)})
		from = start + len(needle)
	}
	return out
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Search returns the rows of a view whose entries match: row r stands for
// timeline position view[r], or r itself when view is nil. The rows are in
// increasing order. The work is split over the CPUs and stops with the
// context's error when ctx is cancelled.
func Search(ctx context.Context, tl *Timeline, view []int32, m *Matcher) ([]int32, error) {
	n := tl.Len()
	if view != nil {
		n = len(view)
	}
	return selectParallel(ctx, n, func(r int) bool {
		pos := r
		if view != nil {
			pos = int(view[r])
		}
		_, e := tl.Entry(pos)
		return m.Match(e.Raw)
	})
}

// SearchSource returns the indexes of the entries of one source that
// match, in file order.
func SearchSource(ctx context.Context, src *parsers.Source, m *Matcher) ([]int32, error) {
	return selectParallel(ctx, len(src.Entries), func(i int) bool { return m.Match(src.Entries[i].Raw) })
}

// NextHit returns the index in hits of the first hit after row, or before
// it when forward is false, wrapping around at the ends. It returns -1
// when there are no hits.
func NextHit(hits []int32, row int, forward bool) int {
	if len(hits) == 0 {
		return -1
	}
	if forward {
		i := sort.Search(len(hits), func(i int) bool { return int(hits[i]) > row })
		if i == len(hits) {
			return 0
		}
		return i
	}
	i := sort.Search(len(hits), func(i int) bool { return int(hits[i]) >= row }) - 1
	if i < 0 {
		return len(hits) - 1
	}
	return i
}

// RowAt returns the first row of a view whose time is at or after ns, or
// the view's length when every row is earlier. view nil means every
// timeline position.
func RowAt(tl *Timeline, view []int32, ns int64) int {
	if view == nil {
		return tl.IndexAt(ns)
	}
	return sort.Search(len(view), func(r int) bool { return tl.Time(int(view[r])) >= ns })
}

// RowOf returns the row of a view that shows timeline position pos, or -1.
func RowOf(view []int32, pos int) int {
	if view == nil {
		return pos
	}
	r := sort.Search(len(view), func(r int) bool { return int(view[r]) >= pos })
	if r < len(view) && int(view[r]) == pos {
		return r
	}
	return -1
}

// NearestEntry returns the index of the source's entry closest in time to
// ns (skew-corrected UTC nanoseconds), preferring the earlier one on a tie,
// or -1 when no entry has a time. A source keeps its own order in a pane,
// which need not be sorted by time, so this scans every entry.
func NearestEntry(src *parsers.Source, ns int64) int {
	return nearestTime(src, ns, len(src.Entries), func(i int) int { return i })
}

// nearestTime returns the position p in [0, n) whose entry index(p) of
// src is closest in time to ns, preferring the earlier position on a tie,
// or -1 when none of those entries has a time.
func nearestTime(src *parsers.Source, ns int64, n int, index func(int) int) int {
	best, bestDist := -1, int64(0)
	skew := int64(src.Skew)
	for p := range n {
		t := src.Entries[index(p)].Time
		if t == 0 {
			continue
		}
		d := t - skew - ns
		if d < 0 {
			d = -d
		}
		if best < 0 || d < bestDist {
			best, bestDist = p, d
		}
	}
	return best
}
