package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// absY returns the y of o in its window.
func absY(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y
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
