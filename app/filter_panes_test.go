package app

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

func TestFilterSourceKeepsFileOrder(t *testing.T) {
	tl := loadFilterCase(t)
	xsi := sourceNamed(t, tl, "XsiActionsLog2024.01.15-00.00.00.txt")
	mid := xsi.Entries[len(xsi.Entries)/2].Time - int64(xsi.Skew)

	tests := []struct {
		name   string
		filter Filter
		keep   func(e *parsers.Entry) bool
	}{
		{"include", Filter{Include: "PROFILE"},
			func(e *parsers.Entry) bool { return strings.Contains(strings.ToLower(e.Raw), "profile") }},
		{"from", Filter{From: mid},
			func(e *parsers.Entry) bool { return e.Time-int64(xsi.Skew) >= mid }},
		{"exclude with the source hidden", Filter{Exclude: "OCI-P", HiddenSources: map[*parsers.Source]bool{xsi: true}},
			func(e *parsers.Entry) bool { return !strings.Contains(e.Raw, "OCI-P") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := FilterSource(context.Background(), xsi, &tc.filter)
			require.NoError(t, err)

			var want []int32
			for i := range xsi.Entries {
				if tc.keep(&xsi.Entries[i]) {
					want = append(want, int32(i))
				}
			}
			assert.Equal(t, want, rows)
			assert.NotEmpty(t, rows, "the source should keep some entries")
			assert.Less(t, len(rows), len(xsi.Entries), "the source should lose some entries")
		})
	}
}

func TestFilterSourceInactiveOrOnlyHidden(t *testing.T) {
	tl := loadFilterCase(t)
	xsi := sourceNamed(t, tl, "XsiActionsLog2024.01.15-00.00.00.txt")
	for _, f := range []Filter{{}, {HiddenSources: map[*parsers.Source]bool{xsi: true}}} {
		rows, err := FilterSource(context.Background(), xsi, &f)
		require.NoError(t, err)
		assert.Nil(t, rows, "a filter that hides only sources keeps every entry of the pane")
	}
}

func TestNearestKept(t *testing.T) {
	tl := loadFilterCase(t)
	xsi := sourceNamed(t, tl, "XsiActionsLog2024.01.15-00.00.00.txt")
	last := int32(len(xsi.Entries) - 1)
	rows := []int32{0, last}
	early := xsi.Entries[0].Time - int64(xsi.Skew)
	late := xsi.Entries[last].Time - int64(xsi.Skew)

	assert.Equal(t, 0, NearestKept(xsi, rows, early-1))
	assert.Equal(t, 1, NearestKept(xsi, rows, late+1))
	assert.Equal(t, NearestEntry(xsi, late), NearestKept(xsi, nil, late), "nil rows mean every entry")
	assert.Equal(t, -1, NearestKept(xsi, []int32{}, late), "no kept entry gives -1")
}
