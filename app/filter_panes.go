package app

import (
	"context"

	"github.com/wxlog/wxlog/parsers"
)

// FilterSource returns the indexes of src's entries that pass f, in file
// order, for a view of one source such as a side-by-side pane. The hidden
// sources of f do not apply, because such a view shows the source the
// user chose. It returns nil with no error when f hides nothing, which
// means every entry, and stops with the context's error when ctx is
// cancelled.
func FilterSource(ctx context.Context, src *parsers.Source, f *Filter) ([]int32, error) {
	own := *f
	own.HiddenSources = nil
	if !own.Active() {
		return nil, nil
	}

	// A timeline of the source in file order makes a position an entry
	// index. Unlike BuildTimeline, it keeps the entries without a time.
	tl := &Timeline{Sources: []*parsers.Source{src}, Refs: make([]Ref, len(src.Entries))}
	for i := range tl.Refs {
		tl.Refs[i] = Ref{Idx: int32(i)}
	}
	return ApplyFilter(ctx, tl, &own)
}

// NearestKept returns the position in rows of the entry of src closest in
// time to ns (skew-corrected UTC nanoseconds), preferring the earlier one
// on a tie, or -1 when no kept entry has a time. rows are entry indexes
// as FilterSource returns them, or nil for every entry.
func NearestKept(src *parsers.Source, rows []int32, ns int64) int {
	if rows == nil {
		return NearestEntry(src, ns)
	}
	return nearestTime(src, ns, len(rows), func(r int) int { return int(rows[r]) })
}
