package app

import (
	"cmp"
	"slices"
)

// sortByTime sorts items by time and keeps the order of items of equal
// time, as a stable sort does.
//
// A flow's items number hundreds of thousands on a busy server's logs.
// Sorting them through their pointers would read each item from memory
// many times, so long lists are sorted as pairs of time and position
// instead, which are unique and so need no stable sort.
func sortByTime(items []*ladderItem) {
	byTime := func(a, b *ladderItem) int { return cmp.Compare(a.time, b.time) }
	if slices.IsSortedFunc(items, byTime) {
		return
	}
	if len(items) < 256 {
		slices.SortStableFunc(items, byTime)
		return
	}

	type timeAt struct {
		time int64
		at   int
	}
	keys := make([]timeAt, len(items))
	for i, it := range items {
		keys[i] = timeAt{it.time, i}
	}
	slices.SortFunc(keys, func(a, b timeAt) int {
		if c := cmp.Compare(a.time, b.time); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	sorted := make([]*ladderItem, len(items))
	for i, k := range keys {
		sorted[i] = items[k.at]
	}
	copy(items, sorted)
}

// smallSetMax is the size up to which a smallSet searches its list.
const smallSetMax = 16

// smallSet collects distinct values in the order they were first added.
// Most sets of the ladder contain one or two values (the tracking ids and
// users of an attempt), so the set searches its list until it grows past
// smallSetMax, and then indexes it in a map.
type smallSet[T comparable] struct {
	list  []T
	index map[T]struct{}
}

// add adds v and reports whether it was new.
func (s *smallSet[T]) add(v T) bool {
	if s.index != nil {
		if _, ok := s.index[v]; ok {
			return false
		}
		s.index[v] = struct{}{}
		s.list = append(s.list, v)
		return true
	}
	if slices.Contains(s.list, v) {
		return false
	}
	s.list = append(s.list, v)
	if len(s.list) > smallSetMax {
		s.index = make(map[T]struct{}, 2*len(s.list))
		for _, have := range s.list {
			s.index[have] = struct{}{}
		}
	}
	return true
}
