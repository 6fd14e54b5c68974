package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

func TestPanesShareTimeCursor(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	v := NewPanesView(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(1000, 260))

	client := sourceBySuffix(t, m, "current_log.txt")
	xsi := sourceBySuffix(t, m, "XsiActionsLog2024.05.02-00.00.00.txt")
	v.SetPaneSource(0, client)
	v.SetPaneSource(1, xsi)
	require.Equal(t, 2, v.Panes())

	pick := len(xsi.Entries) - 1
	m.Select(app.EntryRef{Source: xsi, Index: pick})
	assert.Equal(t, pick, v.PaneCursor(1), "the pane of the selected entry marks it")
	want := app.NearestEntry(client, m.SelectedTime())
	assert.Equal(t, want, v.PaneCursor(0), "the other pane marks its entry nearest in time")
	first, end := v.panes[0].list.VisibleRows()
	assert.True(t, first <= want && want < end, "the other pane scrolls to the cursor")
	test.AssertRendersToMarkup(t, "panes/cursor.xml", w.Canvas())

	v.panes[0].list.Tapped(&fyne.PointEvent{Position: fyne.NewPos(40, 2)})
	assert.Same(t, client, m.Selected.Source, "a tap in a pane selects its entry")
	assert.Equal(t, v.panes[0].list.Top(), m.Selected.Index)
}

func TestPanesAddAndRemove(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	v := NewPanesView(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()

	assert.NotNil(t, v.PaneSource(0), "panes fill with sources after a load")
	assert.NotSame(t, v.PaneSource(0), v.PaneSource(1), "each pane starts on another source")
	v.AddPane(nil)
	assert.Equal(t, 3, v.Panes())
	v.removePane()
	v.removePane()
	assert.Equal(t, minPanes, v.Panes(), "two panes always stay")
}
