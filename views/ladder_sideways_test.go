package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sidewaysBarTop returns the top of the horizontal scroll bar of a scroll,
// in the scroll's coordinates. It requires the bar to be shown.
func sidewaysBarTop(t *testing.T, s fyne.Widget) float32 {
	t.Helper()
	objects := test.WidgetRenderer(s).Objects()
	// Fyne's scroll lists its horizontal bar last.
	bar := objects[len(objects)-1]
	require.True(t, bar.Visible(), "the horizontal scroll bar is shown")
	require.Less(t, bar.Size().Height, s.Size().Height/2, "the last object is the horizontal bar")
	return bar.Position().Y
}

// A ladder wider than its pane shows a horizontal scroll bar. The bar must
// not cover the failed step, also after a change of text size or pane
// size, until the user scrolls the ladder.
func TestLadderFailureAboveSidewaysBar(t *testing.T) {
	newPanelsTestApp(t)
	t.Cleanup(sharing.Reset)
	th, ok := fyne.CurrentApp().Settings().Theme().(*Theme)
	require.True(t, ok)
	a := analyzeFixture(t, "device-profile-missing")
	flow, at := signInAttempt(t, a)
	failed := stepIndex(t, at, "xsi-device-list")

	p := NewLadderPanel()
	w := test.NewTempWindow(t, p.Content())
	w.SetPadded(false)
	narrowest := (ladderGutter + ladderMargin*2 + ladderMinColumn*float32(len(flow.Lifelines))) * ladderScale()
	w.Resize(fyne.NewSize(narrowest-100, 460))
	p.SetAnalysis(a)
	require.Same(t, at, p.Ladder.Attempt)
	// The sideways hint appeared, and the window lays out again the
	// containers whose content's minimum size changed. The test canvas
	// does not, so lay out the panel as the window would.
	p.Content().Refresh()

	inView := func(when string) {
		t.Helper()
		require.True(t, p.sideways.Visible(), "%s: the sideways hint is shown", when)
		require.Greater(t, p.Ladder.MinSize().Width, p.scroll.Size().Width, "%s: the ladder is wider than its pane", when)
		require.Less(t, p.scroll.Size().Height, p.Ladder.MinSize().Height, "%s: the ladder is taller than its pane", when)
		off := p.scroll.Offset.Y
		top, bottom := p.Ladder.rowTop(failed)-off, p.Ladder.rowTop(failed+1)-off
		assert.GreaterOrEqual(t, top, float32(0), "%s: the failed row's top is in view", when)
		assert.LessOrEqual(t, bottom, sidewaysBarTop(t, p.scroll), "%s: the failed row is above the horizontal scroll bar", when)
		assert.LessOrEqual(t, bottom, p.scroll.Size().Height-theme.ScrollBarSize(),
			"%s: the failed row is above the bar also when the pointer widens it", when)
	}
	inView("opened")
	base := ladderScale()

	sharing.Set(true, nil, th)
	p.Content().Refresh()
	require.Greater(t, ladderScale(), base, "screen-sharing mode enlarges the text")
	inView("sharing on")

	w.Resize(w.Canvas().Size().SubtractWidthHeight(0, ladderRow))
	inView("pane shortened")

	sharing.Set(false, nil, th)
	p.Content().Refresh()
	require.Equal(t, base, ladderScale())
	inView("sharing off")

	// The user scrolls to the top, so the view stays there.
	c := w.Canvas()
	pointer := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.scroll).AddXY(laneX(1), ladderRow)
	test.Scroll(c, pointer, 0, 100*ladderRow)
	require.Zero(t, p.scroll.Offset.Y, "the user scrolled to the top")
	sharing.Set(true, nil, th)
	p.Content().Refresh()
	w.Resize(w.Canvas().Size().AddWidthHeight(0, ladderRow/2))
	assert.Zero(t, p.scroll.Offset.Y, "a ladder the user scrolled stays where the user left it")

	// Another attempt opens on its failure again.
	p.SetAnalysis(nil)
	p.SetAnalysis(a)
	p.Content().Refresh()
	inView("opened again")
}
