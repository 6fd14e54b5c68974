package views

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// newCountingList returns a list of n rows whose labels are their index.
func newCountingList(t *testing.T, n int) (*VirtualList, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	l := NewVirtualList(func() int { return n },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(r int, o fyne.CanvasObject) { o.(*widget.Label).SetText(strconv.Itoa(r)) })
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(300, 400))
	return l, w
}

func TestVirtualListReachesLastOfTenMillionRows(t *testing.T) {
	const n = 10_000_000
	l, _ := newCountingList(t, n)

	l.ScrollToRow(n - 1)
	first, end := l.VisibleRows()
	assert.Equal(t, n, end, "the last row is visible")
	assert.Greater(t, first, n-30)

	l.ScrollToRow(4_000_001)
	first, end = l.VisibleRows()
	assert.True(t, first <= 4_000_001 && 4_000_001 < end, "a row in the middle is reachable exactly")

	l.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -l.rowHeight(0)*3)})
	next, _ := l.VisibleRows()
	assert.Equal(t, first+3, next, "the wheel moves by whole rows at any depth")
}

func TestVirtualListClampsAtEnds(t *testing.T) {
	l, _ := newCountingList(t, 50)
	l.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 1000)})
	assert.Equal(t, 0, l.Top(), "cannot scroll above the first row")

	l.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -1e6)})
	_, end := l.VisibleRows()
	assert.Equal(t, 50, end, "scrolling far down stops at the last row")
	h := float32(0)
	for r := l.Top(); r < 50; r++ {
		h += l.rowHeight(r)
	}
	assert.InDelta(t, float64(l.Size().Height), float64(h-l.offset), 0.5, "the last row sits at the bottom edge")
}

func TestVirtualListKeys(t *testing.T) {
	l, _ := newCountingList(t, 1000)
	var tapped []int
	l.OnTapped = func(r int) { tapped = append(tapped, r) }

	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	first, end := l.VisibleRows()
	page := end - first - 1
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	assert.Equal(t, []int{0, 999, 999 - page, 0}, tapped)
}

func TestVirtualListShrinksToFewRows(t *testing.T) {
	n := 500
	test.NewTempApp(t)
	l := NewVirtualList(func() int { return n },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(r int, o fyne.CanvasObject) { o.(*widget.Label).SetText(strconv.Itoa(r)) })
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(300, 400))
	l.ScrollToRow(450)

	n = 2
	l.Refresh()
	first, end := l.VisibleRows()
	assert.Equal(t, 0, first, "both remaining rows show, none hidden above the view")
	assert.Equal(t, 2, end)
}
