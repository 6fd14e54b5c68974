package app

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

const filterCase = "testdata/filter/register-403"

const trackingID = "CLIENT_18c5d6eb-4b1e-40a6-bfb7-5b7ac82bd338"

func loadFilterCase(t *testing.T) *Timeline {
	t.Helper()
	ws, err := Load(context.Background(), []string{filterCase}, Config{}, nil)
	require.NoError(t, err)
	tl := BuildTimeline(ws.Snapshot())
	require.Greater(t, tl.Len(), 50, "the fixture should give a timeline of some size")
	return tl
}

func sourceNamed(t *testing.T, tl *Timeline, suffix string) *parsers.Source {
	t.Helper()
	for _, src := range tl.Sources {
		if strings.HasSuffix(src.Name, suffix) {
			return src
		}
	}
	t.Fatalf("no source ends with %q", suffix)
	return nil
}

func TestApplyFilterMatchesEveryCondition(t *testing.T) {
	tl := loadFilterCase(t)
	xsi := sourceNamed(t, tl, "XsiActionsLog2024.01.15-00.00.00.txt")
	mid := tl.Time(tl.Len() / 2)

	tests := []struct {
		name   string
		filter Filter
		keep   func(src *parsers.Source, e *parsers.Entry, t int64) bool
	}{
		{"hidden info", Filter{HiddenSeverities: SeveritySet(0).With(parsers.SevInfo, true)},
			func(_ *parsers.Source, e *parsers.Entry, _ int64) bool { return e.Severity != parsers.SevInfo }},
		{"hidden source", Filter{HiddenSources: map[*parsers.Source]bool{xsi: true}},
			func(src *parsers.Source, _ *parsers.Entry, _ int64) bool { return src != xsi }},
		{"from", Filter{From: mid},
			func(_ *parsers.Source, _ *parsers.Entry, t int64) bool { return t >= mid }},
		{"to", Filter{To: mid},
			func(_ *parsers.Source, _ *parsers.Entry, t int64) bool { return t <= mid }},
		{"include ignores case", Filter{Include: "REGISTER"},
			func(_ *parsers.Source, e *parsers.Entry, _ int64) bool {
				return strings.Contains(strings.ToLower(e.Raw), "register")
			}},
		{"exclude", Filter{Exclude: "sip"},
			func(_ *parsers.Source, e *parsers.Entry, _ int64) bool {
				return !strings.Contains(strings.ToLower(e.Raw), "sip")
			}},
		{"tracking id", Filter{TrackingID: trackingID},
			func(_ *parsers.Source, e *parsers.Entry, _ int64) bool {
				return (e.Fields != nil && e.TrackingID() == trackingID) ||
					strings.Contains(strings.ToLower(e.Raw), strings.ToLower(trackingID))
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := ApplyFilter(context.Background(), tl, &tc.filter)
			require.NoError(t, err)

			var want []int32
			for i := range tl.Len() {
				src, e := tl.Entry(i)
				if tc.keep(src, e, tl.Time(i)) {
					want = append(want, int32(i))
				}
			}
			assert.Equal(t, want, rows)
			assert.NotEmpty(t, rows, "the case should keep some entries")
			assert.Less(t, len(rows), tl.Len(), "the case should hide some entries")
		})
	}
}

func TestApplyFilterTrackingIDSpansClientAndServer(t *testing.T) {
	tl := loadFilterCase(t)
	rows, err := ApplyFilter(context.Background(), tl, &Filter{TrackingID: strings.ToLower(trackingID)})
	require.NoError(t, err)

	formats := map[string]bool{}
	for _, r := range rows {
		src, _ := tl.Entry(int(r))
		formats[src.Format] = true
	}
	assert.True(t, formats["webex-desktop"], "the client log should be in the story")
	assert.True(t, formats["bw-xsi-actions"], "the Xsi log should be in the story")
	assert.True(t, formats["bw-auth-service"], "the authentication service log should be in the story")
}

func TestApplyFilterInactiveReturnsNil(t *testing.T) {
	tl := loadFilterCase(t)
	rows, err := ApplyFilter(context.Background(), tl, &Filter{})
	require.NoError(t, err)
	assert.Nil(t, rows)
	assert.False(t, (&Filter{}).Active())
}

func TestApplyFilterCancelled(t *testing.T) {
	tl := loadFilterCase(t)
	big := &Timeline{Sources: tl.Sources}
	for len(big.Refs) < 4*selectChunk {
		big.Refs = append(big.Refs, tl.Refs...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rows, err := ApplyFilter(ctx, big, &Filter{Include: "x"})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, rows)
}

func TestApplyFilterLargeKeepsOrder(t *testing.T) {
	tl := loadFilterCase(t)
	big := &Timeline{Sources: tl.Sources}
	for len(big.Refs) < 3*selectChunk+7 {
		big.Refs = append(big.Refs, tl.Refs...)
	}
	rows, err := ApplyFilter(context.Background(), big, &Filter{Include: "register"})
	require.NoError(t, err)

	count := 0
	for i := range big.Len() {
		if (&Filter{Include: "register"}).Match(big, i) {
			count++
		}
	}
	assert.Len(t, rows, count)
	for i := 1; i < len(rows); i++ {
		require.Less(t, rows[i-1], rows[i], "rows must be in increasing order")
	}
}

func TestFoldNeedle(t *testing.T) {
	tests := []struct {
		needle, haystack string
		want             bool
	}{
		{"abc", "xxABCxx", true},
		{"abc", "xxABxCx", false},
		{"ABC", "abc", true},
		{"", "anything", true},
		{"long needle", "short", false},
		{"Ærø", "ÆRØ is an island", true},
		{"ærø", "aero", false},
		{"403", "SIP/2.0 403 Forbidden", true},
		{"abc", "aXbAbaABc", true},
		{"abc", "ABaBAbAB", false},
		{"abc", "xxab", false},
		{"abc", "ABC", true},
		{"abc", "AB", false},
		{"4040", "4044040", true},
	}
	for _, tc := range tests {
		t.Run(tc.needle+" in "+tc.haystack, func(t *testing.T) {
			assert.Equal(t, tc.want, newFoldNeedle(tc.needle).in(tc.haystack))
		})
	}
}

func TestSeveritySet(t *testing.T) {
	var set SeveritySet
	set = set.With(parsers.SevError, true).With(parsers.SevDebug, true)
	assert.True(t, set.Has(parsers.SevError))
	assert.True(t, set.Has(parsers.SevDebug))
	assert.False(t, set.Has(parsers.SevInfo))
	set = set.With(parsers.SevError, false)
	assert.False(t, set.Has(parsers.SevError))
}

// bigTimeline repeats the fixture's positions until the timeline has n
// of them; the entries are shared, so it costs only the references.
func bigTimeline(b *testing.B, n int) *Timeline {
	ws, err := Load(context.Background(), []string{filterCase}, Config{}, nil)
	require.NoError(b, err)
	tl := BuildTimeline(ws.Snapshot())
	big := &Timeline{Sources: tl.Sources, Refs: make([]Ref, 0, n)}
	for len(big.Refs) < n {
		big.Refs = append(big.Refs, tl.Refs[:min(len(tl.Refs), n-len(big.Refs))]...)
	}
	return big
}

func BenchmarkApplyFilterMillionEntries(b *testing.B) {
	tl := bigTimeline(b, 1_000_000)
	f := &Filter{Exclude: "telemetry", HiddenSeverities: SeveritySet(0).With(parsers.SevDebug, true)}
	b.ResetTimer()
	for b.Loop() {
		if _, err := ApplyFilter(context.Background(), tl, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchMillionEntries(b *testing.B) {
	tl := bigTimeline(b, 1_000_000)
	m, err := Query{Text: "forbidden"}.Compile()
	require.NoError(b, err)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Search(context.Background(), tl, nil, m); err != nil {
			b.Fatal(err)
		}
	}
}
