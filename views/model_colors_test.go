package views

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// colorsByName analyses the sources in the given order, first as the
// subset a load that is still running shows, then all of them, and
// returns each source's colour by name.
func colorsByName(t *testing.T, sources, firstLoaded []*parsers.Source) map[string]any {
	t.Helper()
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	if len(firstLoaded) > 0 {
		m.SetAnalysis(app.Analyze(&app.Workspace{Sources: firstLoaded}, app.AnalyzeOptions{}))
		m.WaitIdle()
		for _, src := range firstLoaded {
			m.SourceColor(src)
		}
	}
	m.SetAnalysis(app.Analyze(&app.Workspace{Sources: sources}, app.AnalyzeOptions{}))
	m.WaitIdle()
	out := map[string]any{}
	for _, src := range sources {
		out[src.Name] = m.SourceColor(src)
	}
	return out
}

func TestSourceColorsIndependentOfLoadOrder(t *testing.T) {
	loaded := newCaseModel(t)
	sources := slices.Clone(loaded.Timeline.Sources)
	require.Greater(t, len(sources), 3)
	test.NewTempApp(t)

	want := colorsByName(t, sources, nil)
	reversed := slices.Clone(sources)
	slices.Reverse(reversed)

	cases := []struct {
		name        string
		sources     []*parsers.Source
		firstLoaded []*parsers.Source
	}{
		{"reversed order", reversed, nil},
		{"last files first", sources, reversed[:2]},
		{"one file first", reversed, sources[1:2]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, want, colorsByName(t, c.sources, c.firstLoaded))
		})
	}

	distinct := map[any]bool{}
	for _, c := range want {
		distinct[c] = true
	}
	assert.Len(t, distinct, len(sources), "sources share a colour")
}
