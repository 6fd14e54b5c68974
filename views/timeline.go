package views

import (
	"fyne.io/fyne/v2"

	"github.com/wxlog/wxlog/app"
)

// TimelineView is the unified timeline: every visible entry of every
// source merged by UTC time. Double-click or Enter expands a multi-line
// entry in place.
type TimelineView struct {
	List     *VirtualList
	model    *Model
	expanded map[app.EntryRef]bool
}

// NewTimelineView returns the timeline over the model's rows.
func NewTimelineView(m *Model) *TimelineView {
	v := &TimelineView{model: m, expanded: map[app.EntryRef]bool{}}
	v.List = NewVirtualList(m.RowCount,
		func() fyne.CanvasObject { return newEntryRow() },
		v.updateRow)
	v.List.RowLines = func(r int) int {
		ref := m.RowRef(r)
		return entryLines(ref.Entry(), v.expanded[ref])
	}
	v.List.OnTapped = m.SelectRow
	v.List.OnDoubleTapped = v.ToggleExpanded
	m.Listen(v.changed)
	return v
}

func (v *TimelineView) updateRow(r int, o fyne.CanvasObject) {
	m := v.model
	ref := m.RowRef(r)
	o.(*entryRow).set(m, ref, rowState{
		selected: ref == m.Selected,
		hit:      m.IsHit(r),
		expanded: v.expanded[ref],
	})
}

// ToggleExpanded shows all lines of a row's entry, or only the first.
func (v *TimelineView) ToggleExpanded(r int) {
	if r < 0 || r >= v.model.RowCount() {
		return
	}
	ref := v.model.RowRef(r)
	if v.expanded[ref] {
		delete(v.expanded, ref)
	} else if ref.Entry().Lines > 1 {
		v.expanded[ref] = true
	}
	v.List.Refresh()
}

func (v *TimelineView) changed(c Change) {
	if c&ChangeTimeline != 0 {
		v.expanded = map[app.EntryRef]bool{}
	}
	if c&(ChangeSelection|ChangeRows) != 0 {
		if r := v.model.SelectedRow(); r >= 0 {
			v.List.Cursor = r
			v.List.ScrollToRow(r)
		}
	}
	if c&(ChangeTimeline|ChangeRows|ChangeSelection|ChangeHits|ChangeDisplay|ChangeBookmarks) != 0 {
		v.List.Refresh()
	}
}
