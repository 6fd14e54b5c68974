package app

import (
	"container/heap"
	"sort"

	"github.com/wxlog/wxlog/parsers"
)

// Ref points at one entry: a source index in Timeline.Sources and an entry
// index in that source.
type Ref struct {
	Src int32
	Idx int32
}

// Timeline is the unified view of several sources: every entry that has a
// time, ordered by its UTC time after clock-skew correction. Entries of
// one source keep their file order where their times are equal. It holds
// references only; entry text stays in the sources.
type Timeline struct {
	Sources []*parsers.Source
	Refs    []Ref
}

// BuildTimeline merges the entries of sources by time. Each source is
// first put in time order (a stable sort, needed only where a file jumps
// back in time), then the sorted runs are merged with a k-way heap merge.
// Entries without any time (plain text files) are left out.
func BuildTimeline(sources []*parsers.Source) *Timeline {
	t := &Timeline{Sources: sources}
	runs := make([][]int32, len(sources))
	total := 0
	for si, src := range sources {
		runs[si] = sortedRun(src)
		total += len(runs[si])
	}
	t.Refs = make([]Ref, 0, total)

	h := &mergeHeap{t: t, runs: runs}
	for si := range runs {
		if len(runs[si]) > 0 {
			h.items = append(h.items, mergeItem{src: int32(si)})
		}
	}
	heap.Init(h)
	for h.Len() > 0 {
		top := &h.items[0]
		t.Refs = append(t.Refs, Ref{Src: top.src, Idx: runs[top.src][top.pos]})
		top.pos++
		if int(top.pos) == len(runs[top.src]) {
			heap.Pop(h)
		} else {
			heap.Fix(h, 0)
		}
	}
	return t
}

// sortedRun returns the indexes of the source's timed entries in time order.
func sortedRun(src *parsers.Source) []int32 {
	run := make([]int32, 0, len(src.Entries))
	sorted := true
	var prev int64
	for i := range src.Entries {
		tm := src.Entries[i].Time
		if tm == 0 {
			continue
		}
		if tm < prev {
			sorted = false
		}
		prev = tm
		run = append(run, int32(i))
	}
	if !sorted {
		sort.SliceStable(run, func(a, b int) bool {
			return src.Entries[run[a]].Time < src.Entries[run[b]].Time
		})
	}
	return run
}

type mergeItem struct {
	src int32
	pos int32
}

type mergeHeap struct {
	t     *Timeline
	runs  [][]int32
	items []mergeItem
}

func (h *mergeHeap) Len() int { return len(h.items) }

func (h *mergeHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	ta := h.t.time(Ref{a.src, h.runs[a.src][a.pos]})
	tb := h.t.time(Ref{b.src, h.runs[b.src][b.pos]})
	if ta != tb {
		return ta < tb
	}
	return a.src < b.src
}

func (h *mergeHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *mergeHeap) Push(x any)    { h.items = append(h.items, x.(mergeItem)) }
func (h *mergeHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}

func (t *Timeline) time(r Ref) int64 {
	src := t.Sources[r.Src]
	return src.Entries[r.Idx].Time - int64(src.Skew)
}

// Len returns the number of entries in the timeline.
func (t *Timeline) Len() int { return len(t.Refs) }

// Entry returns the source and entry at timeline position i.
func (t *Timeline) Entry(i int) (*parsers.Source, *parsers.Entry) {
	r := t.Refs[i]
	src := t.Sources[r.Src]
	return src, &src.Entries[r.Idx]
}

// Time returns the skew-corrected UTC time of position i in Unix
// nanoseconds.
func (t *Timeline) Time(i int) int64 { return t.time(t.Refs[i]) }

// IndexAt returns the first position whose time is at or after ns, or
// Len() when every entry is earlier.
func (t *Timeline) IndexAt(ns int64) int {
	return sort.Search(len(t.Refs), func(i int) bool { return t.Time(i) >= ns })
}

// IndexOf returns the timeline position of an entry, or -1.
func (t *Timeline) IndexOf(src *parsers.Source, idx int) int {
	si := -1
	for i, s := range t.Sources {
		if s == src {
			si = i
			break
		}
	}
	if si < 0 || idx < 0 || idx >= len(src.Entries) {
		return -1
	}
	e := &src.Entries[idx]
	start := t.IndexAt(e.Time - int64(src.Skew))
	for i := start; i < len(t.Refs) && t.Time(i) == e.Time-int64(src.Skew); i++ {
		if t.Refs[i] == (Ref{int32(si), int32(idx)}) {
			return i
		}
	}
	for i, r := range t.Refs {
		if r == (Ref{int32(si), int32(idx)}) {
			return i
		}
	}
	return -1
}
