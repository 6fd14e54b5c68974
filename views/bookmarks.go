package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BookmarksView lists the bookmarks with their notes in time order; a tap
// selects the entry.
type BookmarksView struct {
	model   *Model
	List    *widget.List
	content fyne.CanvasObject
}

// NewBookmarksView returns the bookmark list of the model.
func NewBookmarksView(m *Model) *BookmarksView {
	v := &BookmarksView{model: m}
	v.List = widget.NewList(
		func() int { return len(m.Bookmarks) },
		func() fyne.CanvasObject {
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			return container.NewBorder(nil, nil, nil, remove, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := m.Bookmarks[i]
			row := o.(*fyne.Container)
			label := row.Objects[0].(*widget.Label)
			remove := row.Objects[1].(*widget.Button)
			e := b.Ref.Entry()
			text := m.FormatTime(b.Ref.Source, e) + "  " + b.Ref.Source.Name
			if b.Note != "" {
				text += "\n" + b.Note
			}
			label.SetText(Display(text))
			remove.OnTapped = func() { m.RemoveBookmark(b.Ref) }
		})
	v.List.OnSelected = func(i widget.ListItemID) {
		if i < len(m.Bookmarks) {
			m.Select(m.Bookmarks[i].Ref)
		}
		v.List.UnselectAll()
	}
	empty := widget.NewLabel(lang.L("No bookmarks yet: select an entry and press Bookmark."))
	empty.Wrapping = fyne.TextWrapWord
	v.content = container.NewBorder(empty, nil, nil, nil, v.List)
	m.Listen(func(c Change) {
		if c&(ChangeBookmarks|ChangeDisplay|ChangeTimeline) != 0 {
			empty.Hidden = len(m.Bookmarks) > 0
			v.List.Refresh()
		}
	})
	return v
}

// Content returns the object to place in the window.
func (v *BookmarksView) Content() fyne.CanvasObject { return v.content }
