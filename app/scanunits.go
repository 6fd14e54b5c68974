package app

import (
	"runtime"
	"sort"

	"github.com/wxlog/wxlog/parsers"
)

// minUnitBytes is the least text a scan unit covers. Smaller units add
// setup and merging work for little gain in balance.
const minUnitBytes = 1 << 20

// unitsPerWorker is how many units each worker gets on average. With
// several units each, the workers finish within about one unit's time of
// each other, even when one source contains most of the text.
const unitsPerWorker = 16

// scanUnit is a run of consecutive entries of one source, scanned by one
// worker: entries lo to hi-1 of sources[source].
type scanUnit struct {
	source int
	lo, hi int
}

// textRange returns the byte range of the source text that the unit's
// entries cover.
func (u scanUnit) textRange(src *parsers.Source) (from, to int) {
	last := &src.Entries[u.hi-1]
	return int(src.Entries[u.lo].Offset), int(last.Offset) + len(last.Raw)
}

// unitBytes returns the text size of a scan unit for the sources.
func unitBytes(sources []*parsers.Source) int {
	var total int
	for _, src := range sources {
		total += len(src.Text)
	}
	return max(minUnitBytes, total/(runtime.GOMAXPROCS(0)*unitsPerWorker))
}

// splitSources cuts the entries of the sources into units of about size
// bytes of text, in source order and, within a source, in entry order.
// Sources without entries get no unit.
func splitSources(sources []*parsers.Source, size int) []scanUnit {
	var units []scanUnit
	for i, src := range sources {
		entries := src.Entries
		for lo := 0; lo < len(entries); {
			// Entries are in file order, so the first entry that starts
			// a unit's size after lo is found by binary search.
			end := entries[lo].Offset + int64(size)
			hi := lo + sort.Search(len(entries)-lo, func(k int) bool {
				return entries[lo+k].Offset >= end
			})
			hi = max(hi, lo+1)
			units = append(units, scanUnit{source: i, lo: lo, hi: hi})
			lo = hi
		}
	}
	return units
}

// largestUnitsFirst returns the indexes of units, the unit with the most
// text first, so that no large unit is left for the end.
func largestUnitsFirst(units []scanUnit, sources []*parsers.Source) []int {
	sizes := make([]int, len(units))
	order := make([]int, len(units))
	for k, u := range units {
		from, to := u.textRange(sources[u.source])
		sizes[k] = to - from
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	return order
}

// readUnits calls read for each unit on all cores, the largest units
// first, and releases the unit's pages after the call. A fault on a mapped
// file cut short stops the call. readUnits reports, per source, whether a
// fault cut a pass short, and gives each such source one problem.
func readUnits(sources []*parsers.Source, units []scanUnit, read func(k int, u scanUnit)) (faulted []bool) {
	faults := readUnitsFaults(sources, units, read)
	faulted = make([]bool, len(sources))
	for i, err := range faults {
		if err != nil {
			faulted[i] = true
			sources[i].MarkCut(err)
		}
	}
	return faulted
}

// readUnitsFaults is readUnits without the problems: it returns the first
// fault of each source, or nil, for a pass that runs beside another one
// and must not change the sources.
func readUnitsFaults(sources []*parsers.Source, units []scanUnit, read func(k int, u scanUnit)) []error {
	faults := make([]error, len(units))
	order := largestUnitsFirst(units, sources)
	inParallel(len(order), func(i int) {
		k := order[i]
		u := units[k]
		src := sources[u.source]
		faults[k] = parsers.CatchFault(func() { read(k, u) })
		src.ReleaseTextRange(u.textRange(src))
	})

	bySource := make([]error, len(sources))
	for k, err := range faults {
		if err != nil && bySource[units[k].source] == nil {
			bySource[units[k].source] = err
		}
	}
	return bySource
}
