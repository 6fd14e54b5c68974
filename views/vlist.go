package views

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// VirtualList is a vertical list of any length whose scroll position is a
// row index plus a pixel offset into that row, so it stays exact with
// tens of millions of rows. widget.List keeps its scroll offset as a
// float32 pixel count, which rounds rows together above about 3 million
// rows of 40 px. Rows are drawn by callbacks and only the visible rows
// exist as objects. A row may be taller than one line (an expanded
// entry); RowLines returns how many lines it takes.
type VirtualList struct {
	widget.BaseWidget

	Length    func() int
	CreateRow func() fyne.CanvasObject
	// UpdateRow fills a row object; the object already has its size.
	UpdateRow func(row int, o fyne.CanvasObject)
	// RowLines returns how many text lines a row takes; nil means one.
	RowLines func(row int) int
	// OnTapped is called when a row is tapped or chosen with the keyboard.
	OnTapped func(row int)
	// OnDoubleTapped is called when a row is double-tapped or Enter is
	// pressed on it.
	OnDoubleTapped func(row int)
	// OnKey, when set, gets the keys the list does not use itself.
	OnKey func(*fyne.KeyEvent)
	// Cursor is the row moved by the keyboard, -1 for none.
	Cursor int

	top     int
	offset  float32
	focused bool
}

// NewVirtualList returns a list drawn by the callbacks.
func NewVirtualList(length func() int, create func() fyne.CanvasObject, update func(int, fyne.CanvasObject)) *VirtualList {
	l := &VirtualList{Length: length, CreateRow: create, UpdateRow: update, Cursor: -1}
	l.ExtendBaseWidget(l)
	return l
}

// LineHeight returns the height of one text line of a row.
func LineHeight() float32 {
	return fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{Monospace: true}).Height
}

func (l *VirtualList) rowHeight(row int) float32 {
	lines := 1
	if l.RowLines != nil {
		lines = max(l.RowLines(row), 1)
	}
	return float32(lines)*LineHeight() + 2*theme.Padding()
}

func (l *VirtualList) length() int {
	if l.Length == nil {
		return 0
	}
	return l.Length()
}

// Top returns the first visible row.
func (l *VirtualList) Top() int { return l.top }

// VisibleRows returns the first and one past the last visible row.
func (l *VirtualList) VisibleRows() (int, int) {
	n := l.length()
	h := l.Size().Height
	y := -l.offset
	r := l.top
	for r < n && y < h {
		y += l.rowHeight(r)
		r++
	}
	return l.top, r
}

// ScrollToRow scrolls so that row is visible, placing it near the middle
// when it was outside the view.
func (l *VirtualList) ScrollToRow(row int) {
	n := l.length()
	if row < 0 || row >= n {
		return
	}
	first, end := l.VisibleRows()
	if row > first && row < end-1 {
		return
	}
	if row == first && l.offset == 0 {
		return
	}
	l.top, l.offset = row, 0
	l.scrollBy(-l.Size().Height / 3)
}

// ScrollToTop scrolls to the first row.
func (l *VirtualList) ScrollToTop() {
	l.top, l.offset = 0, 0
	l.Refresh()
}

// scrollBy moves the view by dy pixels, down when positive, then refreshes.
func (l *VirtualList) scrollBy(dy float32) {
	n := l.length()
	l.offset += dy
	for l.offset < 0 && l.top > 0 {
		l.top--
		l.offset += l.rowHeight(l.top)
	}
	if l.offset < 0 {
		l.offset = 0
	}
	for l.top < n && l.offset >= l.rowHeight(l.top) {
		l.offset -= l.rowHeight(l.top)
		l.top++
	}
	l.clampBottom()
	l.Refresh()
}

// clampBottom keeps the last row at the bottom edge instead of leaving
// empty space below it.
func (l *VirtualList) clampBottom() {
	n := l.length()
	if n == 0 {
		l.top, l.offset = 0, 0
		return
	}
	h := l.Size().Height
	space := h
	r := n - 1
	for r >= 0 {
		rh := l.rowHeight(r)
		if space-rh < 0 {
			break
		}
		space -= rh
		r--
	}
	// r is the last row that does not fit whole; the view may start at
	// most (rowHeight(r) - space) pixels into it.
	if r < 0 {
		l.top, l.offset = 0, 0
		return
	}
	maxOffset := l.rowHeight(r) - space
	if l.top > r || (l.top == r && l.offset > maxOffset) {
		l.top, l.offset = r, maxOffset
	}
}

// Scrolled moves the view with the mouse wheel or touchpad.
func (l *VirtualList) Scrolled(ev *fyne.ScrollEvent) {
	l.scrollBy(-ev.Scrolled.DY)
}

func (l *VirtualList) rowAtY(y float32) int {
	n := l.length()
	pos := -l.offset
	for r := l.top; r < n; r++ {
		pos += l.rowHeight(r)
		if y < pos {
			return r
		}
	}
	return -1
}

// Tapped selects the row under the pointer.
func (l *VirtualList) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		c.Focus(l)
	}
	if r := l.rowAtY(ev.Position.Y); r >= 0 {
		l.Cursor = r
		if l.OnTapped != nil {
			l.OnTapped(r)
		}
	}
}

// DoubleTapped reports the row under the pointer.
func (l *VirtualList) DoubleTapped(ev *fyne.PointEvent) {
	if r := l.rowAtY(ev.Position.Y); r >= 0 && l.OnDoubleTapped != nil {
		l.OnDoubleTapped(r)
	}
}

// FocusGained is part of fyne.Focusable.
func (l *VirtualList) FocusGained() { l.focused = true; l.Refresh() }

// FocusLost is part of fyne.Focusable.
func (l *VirtualList) FocusLost() { l.focused = false; l.Refresh() }

// TypedRune is part of fyne.Focusable.
func (l *VirtualList) TypedRune(rune) {}

// TypedKey moves the cursor with the arrow, page, Home and End keys.
func (l *VirtualList) TypedKey(ev *fyne.KeyEvent) {
	n := l.length()
	if n == 0 {
		return
	}
	first, end := l.VisibleRows()
	page := max(end-first-1, 1)
	cur := l.Cursor
	switch ev.Name {
	case fyne.KeyDown:
		cur++
	case fyne.KeyUp:
		cur--
	case fyne.KeyPageDown:
		cur += page
	case fyne.KeyPageUp:
		cur -= page
	case fyne.KeyHome:
		cur = 0
	case fyne.KeyEnd:
		cur = n - 1
	case fyne.KeyReturn, fyne.KeyEnter:
		if cur >= 0 && l.OnDoubleTapped != nil {
			l.OnDoubleTapped(cur)
		}
		return
	default:
		if l.OnKey != nil {
			l.OnKey(ev)
		}
		return
	}
	cur = max(0, min(cur, n-1))
	l.Cursor = cur
	l.ScrollToRow(cur)
	if l.OnTapped != nil {
		l.OnTapped(cur)
	}
}

// MouseIn is part of desktop.Hoverable, so the list gets wheel events
// while the pointer is over it.
func (l *VirtualList) MouseIn(*desktop.MouseEvent) {}

// MouseMoved is part of desktop.Hoverable.
func (l *VirtualList) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (l *VirtualList) MouseOut() {}

// CreateRenderer is part of fyne.Widget.
func (l *VirtualList) CreateRenderer() fyne.WidgetRenderer {
	r := &vlistRenderer{list: l, bar: widget.NewSlider(0, 1)}
	r.bar.Orientation = widget.Vertical
	r.bar.Step = 1
	r.bar.OnChanged = func(v float64) {
		if r.updating {
			return
		}
		n := l.length()
		row := n - 1 - int(math.Round(v))
		if row != l.top {
			l.top, l.offset = max(row, 0), 0
			l.clampBottom()
			l.Refresh()
		}
	}
	r.focus = canvas.NewRectangle(nil)
	return r
}

type vlistRenderer struct {
	list     *VirtualList
	rows     []fyne.CanvasObject
	bar      *widget.Slider
	focus    *canvas.Rectangle
	objects  []fyne.CanvasObject
	updating bool
}

func (r *vlistRenderer) Destroy() {}

func (r *vlistRenderer) MinSize() fyne.Size {
	return fyne.NewSize(100, LineHeight()*3)
}

func (r *vlistRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *vlistRenderer) Refresh() { r.Layout(r.list.Size()) }

// Layout places the visible rows and the scroll bar. The bar is a
// vertical slider from row n-1 at the bottom to row 0 at the top.
func (r *vlistRenderer) Layout(size fyne.Size) {
	l := r.list
	n := l.length()
	if l.top >= n {
		// The list got shorter than the scroll position, as after a
		// filter: show as many of the remaining rows as fit, not only
		// the last one.
		l.clampBottom()
	}

	barWidth := theme.IconInlineSize() + theme.Padding()
	first, end := l.VisibleRows()
	showBar := n > 0 && (first > 0 || end < n || l.offset > 0)
	rowWidth := size.Width
	if showBar {
		rowWidth -= barWidth
	}

	for len(r.rows) < end-first {
		r.rows = append(r.rows, l.CreateRow())
	}
	objects := r.objects[:0]
	y := -l.offset
	for i, row := 0, first; row < end; i, row = i+1, row+1 {
		o := r.rows[i]
		h := l.rowHeight(row)
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(rowWidth, h))
		o.Show()
		if l.UpdateRow != nil {
			l.UpdateRow(row, o)
		}
		objects = append(objects, o)
		y += h
	}
	for i := end - first; i < len(r.rows); i++ {
		r.rows[i].Hide()
	}

	if showBar {
		r.updating = true
		r.bar.Min, r.bar.Max = 0, float64(n-1)
		r.bar.Value = float64(n - 1 - l.top)
		r.bar.Move(fyne.NewPos(size.Width-barWidth, 0))
		r.bar.Resize(fyne.NewSize(barWidth, size.Height))
		r.bar.Show()
		r.bar.Refresh()
		r.updating = false
		objects = append(objects, r.bar)
	} else {
		r.bar.Hide()
	}

	if l.focused {
		r.focus.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.focus.StrokeWidth = 1
		r.focus.Resize(size)
		r.focus.Move(fyne.NewPos(0, 0))
		objects = append(objects, r.focus)
	}
	r.objects = objects
	canvas.Refresh(l)
}
