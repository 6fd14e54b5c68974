package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// absY returns the y of o in its window.
func absY(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y
}

// shownLines returns the lines a label draws, which are fewer than its
// text's when it truncates.
func shownLines(o fyne.CanvasObject) []string {
	var lines []string
	for _, c := range test.LaidOutObjects(o) {
		if t, ok := c.(*canvas.Text); ok && c.Visible() && t.Text != "" {
			lines = append(lines, t.Text)
		}
	}
	return lines
}

func TestLadderPaneKeepsHeightOnHover(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	p := NewLadderPanel()
	w := test.NewTempWindow(t, p.Content())
	w.SetPadded(false)
	// Tall enough for the steps down to the failure, so the ladder opens
	// at the top, and narrow enough that the failed step's evidence needs
	// more lines than the evidence line has.
	w.Resize(fyne.NewSize(1000, 900))
	p.SetAnalysis(a)
	at := p.Ladder.Attempt
	failed := stepIndex(t, at, "xsi-device-list")
	require.Zero(t, p.scroll.Offset.Y, "the ladder opens at the top")

	textWidth := p.status.Size().Width - 2*theme.InnerPadding()
	measure := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	short, long := StepEvidence(at.Steps[0]), StepEvidence(at.Steps[failed])
	require.Less(t, measure(short), textWidth, "the first step's evidence fits one line")
	require.Greater(t, measure(long), float32(evidenceLines)*textWidth, "the failed step's evidence needs more lines than the evidence line has")

	c := w.Canvas()
	pointAt := func(i int) {
		y := absY(p.Ladder) + p.Ladder.rowTop(i) + ladderRow/4*ladderScale()
		test.MoveMouse(c, fyne.NewPos(laneX(2), y))
		require.Equal(t, i, p.Ladder.hovered)
		// The window lays out again the containers whose content's
		// minimum size changed, and the test canvas does not, so lay
		// out the panel as the window would.
		p.Content().Refresh()
	}
	pointAt(0)
	require.Equal(t, short, p.status.Text)
	paneSize, paneY, ladderY := p.scroll.Size(), absY(p.scroll), absY(p.Ladder)

	pointAt(failed)
	require.Equal(t, long, p.status.Text, "the label keeps the full text")
	assert.Equal(t, paneSize, p.scroll.Size(), "the ladder's pane keeps its size")
	assert.Equal(t, paneY, absY(p.scroll), "the ladder's pane stays put")
	assert.Equal(t, ladderY, absY(p.Ladder), "the rows stay put")
	lines := shownLines(p.status)
	require.Len(t, lines, evidenceLines, "the evidence line shows its lines")
	assert.True(t, strings.HasSuffix(lines[len(lines)-1], "…"), "the cut text ends with an ellipsis: %q", lines)
	assert.True(t, strings.HasPrefix(long, lines[0]), "the first line starts the evidence")

	pointAt(0)
	assert.Equal(t, paneSize, p.scroll.Size(), "the ladder's pane keeps its size when the text gets short again")
	assert.Equal(t, []string{short}, shownLines(p.status))
}

func TestLadderPanelFirstStepAtTop(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "signin-ok")
	p := NewLadderPanel()
	w := test.NewTempWindow(t, p.Content())
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 600))
	p.SetAnalysis(a)
	require.Zero(t, p.scroll.Offset.Y, "an attempt without a failure opens at the top")
	require.Less(t, p.scroll.Size().Height, p.Ladder.MinSize().Height, "the ladder does not fit its pane")

	paneTop := absY(p.scroll)
	titles := findHScroll(t, p.Content())
	assert.Equal(t, absY(titles)+titles.Size().Height, paneTop, "the steps' pane starts where the titles end")

	// The first step's arrow is the highest horizontal line right of the
	// status icons; the lifelines are the vertical ones.
	k := ladderScale()
	arrow, lifelineTop := float32(-1), float32(-1)
	for _, o := range test.WidgetRenderer(p.Ladder).Objects() {
		ln, ok := o.(*canvas.Line)
		if !ok {
			continue
		}
		y := absY(p.Ladder) + min(ln.Position1.Y, ln.Position2.Y) - paneTop
		switch {
		case ln.Position1.X == ln.Position2.X:
			if lifelineTop < 0 || y < lifelineTop {
				lifelineTop = y
			}
		case ln.Position1.Y == ln.Position2.Y && min(ln.Position1.X, ln.Position2.X) >= ladderGutter*k:
			if arrow < 0 || y < arrow {
				arrow = y
			}
		}
	}
	require.GreaterOrEqual(t, arrow, float32(0), "the first step's arrow is in the pane")
	assert.Less(t, arrow, ladderRow*k, "the first step's arrow is in the pane's first row")
	assert.Zero(t, lifelineTop, "the lifelines start at the pane's top")
	assert.Equal(t, 0, p.Ladder.StepAt(absY(p.Ladder)-paneTop+ladderRow/2*k), "the first row of the pane is the first step")
}
