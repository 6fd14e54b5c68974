package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// PanesView shows two or more sources side by side, each in its own file
// order and unfiltered. Selecting an entry in any pane, or in the
// timeline, scrolls every other pane to its entry nearest in time and
// marks it: a shared time cursor.
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
	p.list.OnTapped = func(i int) {
		if p.source != nil {
			v.model.Select(app.EntryRef{Source: p.source, Index: i})
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
func (v *PanesView) PaneTop(i int) int { return v.panes[i].list.Top() }

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
		p.cursor = -1
		if p.source == nil || sel.Source == nil {
			continue
		}
		switch {
		case p.source == sel.Source:
			p.cursor = sel.Index
		case t != 0:
			p.cursor = app.NearestEntry(p.source, t)
		}
		if p.cursor >= 0 {
			p.list.Cursor = p.cursor
			p.list.ScrollToRow(p.cursor)
		}
	}
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
	p.list.ScrollToTop()
	if t := p.view.model.SelectedTime(); t != 0 && src != nil {
		p.cursor = app.NearestEntry(src, t)
		p.list.ScrollToRow(p.cursor)
	}
}

func (p *sourcePane) length() int {
	if p.source == nil {
		return 0
	}
	return len(p.source.Entries)
}

func (p *sourcePane) updateRow(i int, o fyne.CanvasObject) {
	m := p.view.model
	ref := app.EntryRef{Source: p.source, Index: i}
	o.(*entryRow).set(m, ref, rowState{
		selected: ref == m.Selected,
		cursor:   i == p.cursor,
		hit:      m.Matches(ref.Entry()),
	})
}
