package views

import (
	"context"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// PanesView shows two or more sources side by side, each in its own file
// order. The timeline's filter applies to every pane, except the hiding
// of sources: a pane shows the source chosen for it. Selecting an entry in
// any pane, or in the timeline, scrolls every other pane to its kept
// entry nearest in time and marks it: a shared time cursor.
type PanesView struct {
	model   *Model
	panes   []*sourcePane
	grid    *fyne.Container
	content *fyne.Container
}

// sourcePane is one column of the panes view.
type sourcePane struct {
	view   *PanesView
	source *parsers.Source
	picker *widget.Select
	list   *VirtualList
	// rows are the indexes of the entries the filter keeps, in file
	// order, or nil for every entry.
	rows []int32
	// filtered counts filter runs, so that only the latest result shows.
	filtered int
	// cursor is the entry index at the shared time cursor, or -1.
	cursor int
	// syncing is set while setSource updates the picker, whose change
	// callback would otherwise call setSource again.
	syncing bool
}

// minPanes is how many panes the view starts with.
const minPanes = 2

// NewPanesView returns the panes over the model's sources.
func NewPanesView(m *Model) *PanesView {
	v := &PanesView{model: m, grid: container.NewGridWithRows(1)}
	add := widget.NewButtonWithIcon(lang.L("Add pane"), theme.ContentAddIcon(), func() { v.AddPane(nil) })
	remove := widget.NewButtonWithIcon(lang.L("Remove pane"), theme.ContentRemoveIcon(), v.removePane)
	bar := container.NewHBox(add, remove)
	v.content = container.NewBorder(bar, nil, nil, nil, v.grid)
	for range minPanes {
		v.AddPane(nil)
	}
	m.Listen(v.changed)
	return v
}

// Content returns the object to place in the window.
func (v *PanesView) Content() fyne.CanvasObject { return v.content }

// Panes returns how many panes are shown.
func (v *PanesView) Panes() int { return len(v.panes) }

// AddPane adds a pane showing src, or the first source no pane shows yet.
func (v *PanesView) AddPane(src *parsers.Source) {
	p := &sourcePane{view: v, cursor: -1}
	p.picker = widget.NewSelect(nil, func(name string) {
		if !p.syncing {
			p.setSource(v.sourceByName(name))
		}
	})
	p.picker.PlaceHolder = lang.L("Choose a source")
	p.list = NewVirtualList(p.length, func() fyne.CanvasObject { return newEntryRow() }, p.updateRow)
	p.list.OnTapped = func(r int) {
		if p.source != nil && r < p.length() {
			v.model.Select(app.EntryRef{Source: p.source, Index: p.entry(r)})
		}
	}
	v.panes = append(v.panes, p)
	v.grid.Add(container.NewBorder(p.picker, nil, nil, nil, p.list))
	v.refreshPickers()
	if src == nil {
		src = v.unshownSource()
	}
	p.setSource(src)
}

func (v *PanesView) removePane() {
	if len(v.panes) <= minPanes {
		return
	}
	v.panes = v.panes[:len(v.panes)-1]
	v.grid.Remove(v.grid.Objects[len(v.grid.Objects)-1])
}

// SetPaneSource shows src in pane i.
func (v *PanesView) SetPaneSource(i int, src *parsers.Source) {
	if i >= 0 && i < len(v.panes) {
		v.panes[i].setSource(src)
	}
}

// PaneSource returns the source of pane i, or nil.
func (v *PanesView) PaneSource(i int) *parsers.Source { return v.panes[i].source }

// PaneCursor returns the entry index at the time cursor in pane i, or -1.
func (v *PanesView) PaneCursor(i int) int { return v.panes[i].cursor }

// PaneTop returns the first visible entry index of pane i.
func (v *PanesView) PaneTop(i int) int {
	p := v.panes[i]
	if p.length() == 0 {
		return 0
	}
	return p.entry(p.list.Top())
}

func (v *PanesView) sources() []*parsers.Source {
	if v.model.Timeline == nil {
		return nil
	}
	return v.model.Timeline.Sources
}

func (v *PanesView) sourceByName(name string) *parsers.Source {
	for _, s := range v.sources() {
		if s.Name == name {
			return s
		}
	}
	return nil
}

func (v *PanesView) unshownSource() *parsers.Source {
	shown := map[*parsers.Source]bool{}
	for _, p := range v.panes {
		shown[p.source] = true
	}
	for _, s := range v.sources() {
		if !shown[s] && len(s.Entries) > 0 {
			return s
		}
	}
	return nil
}

func (v *PanesView) refreshPickers() {
	var names []string
	for _, s := range v.sources() {
		names = append(names, s.Name)
	}
	for _, p := range v.panes {
		p.picker.Options = names
		p.picker.Refresh()
	}
}

func (v *PanesView) changed(c Change) {
	if c&ChangeTimeline != 0 {
		v.refreshPickers()
		for _, p := range v.panes {
			if p.source != nil && v.sourceByName(p.source.Name) != p.source {
				p.source = nil
			}
			if p.source == nil {
				p.setSource(v.unshownSource())
			}
		}
	}
	if c&(ChangeTimeline|ChangeRows) != 0 {
		for _, p := range v.panes {
			p.refilter()
		}
	}
	if c&ChangeSelection != 0 {
		v.followCursor()
	}
	if c&(ChangeTimeline|ChangeSelection|ChangeDisplay|ChangeBookmarks|ChangeHits) != 0 {
		for _, p := range v.panes {
			p.list.Refresh()
		}
	}
}

// followCursor moves every pane to the selected moment.
func (v *PanesView) followCursor() {
	sel := v.model.Selected
	t := v.model.SelectedTime()
	for _, p := range v.panes {
		p.moveCursor(sel, t)
	}
}

// moveCursor marks the selected entry when the pane shows it, or else the
// pane's kept entry nearest in time, and scrolls to it.
func (p *sourcePane) moveCursor(sel app.EntryRef, t int64) {
	p.cursor = -1
	if p.source == nil || sel.Source == nil {
		return
	}
	row := -1
	if p.source == sel.Source {
		row = p.rowOf(sel.Index)
	}
	if row < 0 && t != 0 {
		row = app.NearestKept(p.source, p.rows, t)
	}
	if row < 0 {
		return
	}
	p.cursor = p.entry(row)
	p.list.Cursor = row
	p.list.ScrollToRow(row)
}

// refilter applies the model's filter to the pane's source off the UI
// thread, then shows the kept entries with the time cursor on them.
func (p *sourcePane) refilter() {
	m := p.view.model
	p.filtered++
	n, src, filter := p.filtered, p.source, m.Filter
	if src == nil {
		p.rows = nil
		return
	}
	m.Go(func() func() {
		m.entriesMu.RLock()
		rows, err := app.FilterSource(context.Background(), src, &filter)
		m.entriesMu.RUnlock()
		if err != nil {
			return nil
		}
		return func() {
			if n != p.filtered || src != p.source {
				return
			}
			p.rows = rows
			p.moveCursor(m.Selected, m.SelectedTime())
			p.list.Refresh()
		}
	})
}

// entry returns the entry index shown in row r.
func (p *sourcePane) entry(r int) int {
	if p.rows != nil {
		return int(p.rows[r])
	}
	return r
}

// rowOf returns the row that shows entry i, or -1 when the filter hides it.
func (p *sourcePane) rowOf(i int) int {
	if p.rows == nil {
		return i
	}
	r := sort.Search(len(p.rows), func(r int) bool { return int(p.rows[r]) >= i })
	if r < len(p.rows) && int(p.rows[r]) == i {
		return r
	}
	return -1
}

func (p *sourcePane) setSource(src *parsers.Source) {
	p.source = src
	p.cursor = -1
	p.syncing = true
	if src != nil {
		p.picker.SetSelected(src.Name)
	} else {
		p.picker.ClearSelected()
	}
	p.syncing = false
	p.rows = nil
	p.list.Cursor = -1
	p.list.ScrollToTop()
	m := p.view.model
	if m.Filter.Active() {
		// The rows stay empty until the filter ran, rather than showing
		// entries it hides.
		p.rows = []int32{}
		p.refilter()
		return
	}
	p.filtered++
	p.moveCursor(m.Selected, m.SelectedTime())
}

func (p *sourcePane) length() int {
	if p.source == nil {
		return 0
	}
	if p.rows != nil {
		return len(p.rows)
	}
	return len(p.source.Entries)
}

func (p *sourcePane) updateRow(r int, o fyne.CanvasObject) {
	m := p.view.model
	i := p.entry(r)
	ref := app.EntryRef{Source: p.source, Index: i}
	o.(*entryRow).set(m, ref, rowState{
		selected: ref == m.Selected,
		cursor:   i == p.cursor,
		hit:      m.Matches(ref.Entry()),
	})
}
