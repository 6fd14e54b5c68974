package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

// newTimelineWindow loads the sign-in case into a model and shows only
// the timeline in a small window, so its golden markup stays short.
func newTimelineWindow(t *testing.T) (*Model, *TimelineView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	v := NewTimelineView(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.List)
	w.Resize(fyne.NewSize(900, 220))
	return m, v, w
}

func TestTimelineRendersRows(t *testing.T) {
	m, v, w := newTimelineWindow(t)
	first, end := v.List.VisibleRows()
	assert.Equal(t, 0, first)
	assert.Greater(t, end, 3, "several rows fit")
	test.AssertRendersToMarkup(t, "timeline/first_rows.xml", w.Canvas())

	m.SelectRow(5)
	test.AssertRendersToMarkup(t, "timeline/selected.xml", w.Canvas())
}

func TestTimelineTapSelectsAndExpands(t *testing.T) {
	m, v, _ := newTimelineWindow(t)
	multi := -1
	for r := range m.RowCount() {
		if m.RowRef(r).Entry().Lines > 1 {
			multi = r
			break
		}
	}
	require.GreaterOrEqual(t, multi, 0, "the case has a multi-line entry")

	m.SelectRow(multi)
	top := v.List.Top()
	y := float32(0)
	for r := top; r < multi; r++ {
		y += v.List.rowHeight(r)
	}
	v.List.Tapped(&fyne.PointEvent{Position: fyne.NewPos(50, y+2)})
	assert.Equal(t, multi, m.SelectedRow(), "a tap selects the row under it")

	one := v.List.rowHeight(multi)
	v.List.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(50, y+2)})
	lines := min(int(m.RowRef(multi).Entry().Lines), maxExpandedLines)
	assert.InDelta(t, float64(one)+float64(lines-1)*float64(LineHeight()), float64(v.List.rowHeight(multi)), 0.01,
		"a double tap expands the entry to all its lines")
	v.List.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(50, y+2)})
	assert.Equal(t, one, v.List.rowHeight(multi), "a second double tap folds it")
}

func TestTimelineFollowsSelection(t *testing.T) {
	m, v, _ := newTimelineWindow(t)
	last := m.RowCount() - 1
	m.SelectRow(last)
	first, end := v.List.VisibleRows()
	assert.True(t, first <= last && last < end, "the selected last row is scrolled into view")

	v.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	assert.Equal(t, 0, m.SelectedRow(), "Home selects the first row")
	v.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	assert.Equal(t, 1, m.SelectedRow(), "Down moves the selection")
}
