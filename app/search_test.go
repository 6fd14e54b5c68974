package app

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQueryCompile(t *testing.T) {
	tests := []struct {
		name    string
		query   Query
		text    string
		want    bool
		wantErr string
	}{
		{"plain ignores case", Query{Text: "forbidden"}, "SIP/2.0 403 Forbidden", true, ""},
		{"plain misses", Query{Text: "accepted"}, "SIP/2.0 403 Forbidden", false, ""},
		{"case sensitive", Query{Text: "forbidden", CaseSensitive: true}, "403 Forbidden", false, ""},
		{"case sensitive hit", Query{Text: "Forbidden", CaseSensitive: true}, "403 Forbidden", true, ""},
		{"regex", Query{Text: `SIP/2\.0 4\d\d`, Regex: true}, "sip/2.0 403 Forbidden", true, ""},
		{"regex case sensitive", Query{Text: `SIP/2\.0 4\d\d`, Regex: true, CaseSensitive: true}, "sip/2.0 403", false, ""},
		{"non-ASCII plain", Query{Text: "æble"}, "ÆBLE", true, ""},
		{"invalid regex", Query{Text: "a(b", Regex: true}, "", false, "invalid regular expression a(b"},
		{"empty", Query{}, "", false, "empty search"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := tc.query.Compile()
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, m.Match(tc.text))
		})
	}
}

func TestMatcherLocate(t *testing.T) {
	tests := []struct {
		name  string
		query Query
		text  string
		want  [][2]int
	}{
		{"plain twice", Query{Text: "ab"}, "xAByab", [][2]int{{1, 3}, {4, 6}}},
		{"exact", Query{Text: "ab", CaseSensitive: true}, "xAByab", [][2]int{{4, 6}}},
		{"regex", Query{Text: `\d+`, Regex: true}, "a12b345", [][2]int{{1, 3}, {4, 7}}},
		{"non-ASCII", Query{Text: "ø"}, "aØbø", [][2]int{{1, 3}, {4, 6}}},
		{"limit", Query{Text: "a"}, "aaaa", [][2]int{{0, 1}, {1, 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := tc.query.Compile()
			require.NoError(t, err)
			assert.Equal(t, tc.want, m.Locate(tc.text, 2))
		})
	}
}

func TestSearchOverView(t *testing.T) {
	tl := loadFilterCase(t)
	view, err := ApplyFilter(context.Background(), tl, &Filter{TrackingID: trackingID})
	require.NoError(t, err)
	m, err := Query{Text: `HTTP/1\.1 2\d\d`, Regex: true}.Compile()
	require.NoError(t, err)
	re := regexp.MustCompile(`(?i)HTTP/1\.1 2\d\d`)

	tests := []struct {
		name string
		view []int32
	}{
		{"whole timeline", nil},
		{"filtered view", view},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := Search(context.Background(), tl, tc.view, m)
			require.NoError(t, err)

			var want []int32
			n := tl.Len()
			if tc.view != nil {
				n = len(tc.view)
			}
			for r := range n {
				pos := r
				if tc.view != nil {
					pos = int(tc.view[r])
				}
				if _, e := tl.Entry(pos); re.MatchString(e.Raw) {
					want = append(want, int32(r))
				}
			}
			assert.Equal(t, want, hits)
			assert.NotEmpty(t, hits)
		})
	}
}

func TestSearchSource(t *testing.T) {
	tl := loadFilterCase(t)
	client := sourceNamed(t, tl, "current_log.txt")
	m, err := Query{Text: "register"}.Compile()
	require.NoError(t, err)
	hits, err := SearchSource(context.Background(), client, m)
	require.NoError(t, err)
	require.NotEmpty(t, hits)
	for _, h := range hits {
		assert.Contains(t, strings.ToLower(client.Entries[h].Raw), "register")
	}
}

func TestNextHit(t *testing.T) {
	hits := []int32{3, 10, 20}
	tests := []struct {
		name    string
		row     int
		forward bool
		want    int
	}{
		{"forward from start", -1, true, 0},
		{"forward from a hit", 3, true, 1},
		{"forward between", 11, true, 2},
		{"forward wraps", 20, true, 0},
		{"back from a hit", 10, false, 0},
		{"back between", 15, false, 1},
		{"back wraps", 3, false, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, NextHit(hits, tc.row, tc.forward))
		})
	}
	assert.Equal(t, -1, NextHit(nil, 0, true))
}

func TestRowAtAndRowOf(t *testing.T) {
	tl := loadFilterCase(t)
	view, err := ApplyFilter(context.Background(), tl, &Filter{TrackingID: trackingID})
	require.NoError(t, err)
	require.Greater(t, len(view), 3)

	r := RowAt(tl, view, tl.Time(int(view[2])))
	require.LessOrEqual(t, r, 2)
	assert.Equal(t, tl.Time(int(view[2])), tl.Time(int(view[r])), "row found should share the time")
	assert.Equal(t, len(view), RowAt(tl, view, tl.Time(tl.Len()-1)+1))
	assert.Equal(t, 0, RowAt(tl, nil, 0))

	assert.Equal(t, 2, RowOf(view, int(view[2])))
	assert.Equal(t, 7, RowOf(nil, 7))
	missing := -1
	for i := range tl.Len() {
		if RowOf(view, i) < 0 {
			missing = i
			break
		}
	}
	assert.GreaterOrEqual(t, missing, 0, "some position should be outside the view")
}

func TestNearestEntry(t *testing.T) {
	tl := loadFilterCase(t)
	xsi := sourceNamed(t, tl, "XsiActionsLog2024.01.15-00.00.00.txt")
	e := xsi.Entries[3]
	assert.Equal(t, xsi.Entries[NearestEntry(xsi, e.Time-int64(xsi.Skew))].Time, e.Time)
	assert.Equal(t, 0, NearestEntry(xsi, 0), "a time before everything gives the first timed entry")

	empty := *xsi
	empty.Entries = nil
	assert.Equal(t, -1, NearestEntry(&empty, e.Time))
}
