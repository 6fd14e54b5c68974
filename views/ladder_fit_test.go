package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLadderPanelFitsPaneWidth(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	flow, at := signInAttempt(t, a)
	natural := NewLadder(flow, at).MinSize().Width
	narrowest := (ladderGutter + ladderMargin*2 + ladderMinColumn*float32(len(flow.Lifelines))) * ladderScale()

	tests := []struct {
		name     string
		width    float32
		wantFit  bool
		wantHint bool
	}{
		{"wide pane keeps full columns", natural + 100, true, false},
		{"narrower pane narrows columns", natural - 200, true, false},
		{"too narrow pane scrolls", narrowest - 100, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			panel := NewLadderPanel()
			panel.SetAnalysis(a)
			require.Same(t, at, panel.Ladder.Attempt)
			w := test.NewTempWindow(t, panel.Content())
			w.SetPadded(false)
			w.Resize(fyne.NewSize(tc.width, 700))

			width := panel.scroll.Size().Width
			got := panel.Ladder.MinSize().Width
			if tc.wantFit {
				assert.LessOrEqual(t, got, width, "the ladder fits its pane")
			} else {
				assert.InDelta(t, narrowest, got, 0.5, "the columns stop at their narrowest")
			}
			assert.LessOrEqual(t, got, natural, "fitting never widens the ladder")
			assert.Equal(t, tc.wantHint, panel.sideways.Visible(), "sideways hint")
			assert.Equal(t, got, panel.header.MinSize().Width, "the titles take the ladder's width")
		})
	}
}

func TestLadderExportKeepsFullColumns(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	flow, at := signInAttempt(t, a)
	l := NewLadder(flow, at)
	natural := l.MinSize().Width

	l.SetFitWidth(natural / 2)
	assert.Less(t, l.MinSize().Width, natural)
	l.SetFitWidth(0)
	assert.Equal(t, natural, l.MinSize().Width, "0 restores the full width that exports use")
	assert.Equal(t, laneX(2), l.lifelineX(2))
}

func TestTitleLines(t *testing.T) {
	test.NewTempApp(t)
	size := float32(11)
	style := fyne.TextStyle{Bold: true}
	tests := []struct {
		name  string
		title string
		width float32
		want  []string
	}{
		{"fits", "DMS", 200, []string{"DMS"}},
		{"split at a space", "XSP authentication service", fyne.MeasureText("XSP authentication", size, style).Width + 1,
			[]string{"XSP authentication", "service"}},
		{"one word cut", "Authentication", fyne.MeasureText("Auth…", size, style).Width + 1, []string{"Auth…"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, titleLines(tc.title, tc.width, size, style))
		})
	}
}
