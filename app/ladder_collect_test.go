package app

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSortByTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tests := []struct {
		name  string
		times []int64
	}{
		{"empty", nil},
		{"sorted", []int64{1, 2, 2, 3}},
		{"short with ties", []int64{5, 1, 5, 1, 3}},
		{"long with ties", randomTimes(rng, 1000, 50)},
		{"long sorted but one", append(slices.Repeat([]int64{7}, 600), 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := make([]*ladderItem, len(tt.times))
			for i, tm := range tt.times {
				items[i] = &ladderItem{time: tm, code: int32(i)}
			}
			want := slices.Clone(items)
			sort.SliceStable(want, func(i, j int) bool { return want[i].time < want[j].time })

			sortByTime(items)
			assert.Equal(t, want, items)
		})
	}
}

// randomTimes returns n times from 0 to distinct-1, so many are equal.
func randomTimes(rng *rand.Rand, n, distinct int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = rng.Int64N(int64(distinct))
	}
	return out
}

func TestSmallSet(t *testing.T) {
	tests := []struct {
		name string
		add  []string
		want []string
	}{
		{"empty", nil, nil},
		{"duplicates dropped in order", []string{"b", "a", "b", "c", "a"}, []string{"b", "a", "c"}},
		{"past the list size", manyWithRepeats(40), manyWithRepeats(40)[:40]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s smallSet[string]
			seen := map[string]bool{}
			for _, v := range tt.add {
				assert.Equal(t, !seen[v], s.add(v), "add %q", v)
				seen[v] = true
			}
			assert.Equal(t, tt.want, s.list)
		})
	}
}

// manyWithRepeats returns n distinct values followed by all of them again.
func manyWithRepeats(n int) []string {
	var out []string
	for i := range n {
		out = append(out, string(rune('A'+i)))
	}
	return append(out, out...)
}
