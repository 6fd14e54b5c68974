package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
)

// searchEntry is the search field: Enter and F3 go to the next hit,
// Shift+F3 to the previous one, and Escape clears the search.
type searchEntry struct {
	widget.Entry
	bar *SearchBar
}

func newSearchEntry(bar *SearchBar) *searchEntry {
	e := &searchEntry{bar: bar}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(lang.L("Search all sources (F3 next, Shift+F3 previous)"))
	return e
}

// TypedKey handles the search keys and passes the rest to the entry.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.bar.HandleKey(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// SearchBar searches the raw text of every visible entry: plain text that
// ignores case by default, or a regular expression, with a hit count and
// next and previous buttons.
type SearchBar struct {
	model   *Model
	Entry   *searchEntry
	Regex   *widget.Check
	Case    *widget.Check
	Count   *widget.Label
	content fyne.CanvasObject
	// ShiftHeld reports whether Shift is down, for Shift+F3; the window
	// sets it from the desktop driver.
	ShiftHeld func() bool
}

// NewSearchBar returns the search bar of the model.
func NewSearchBar(m *Model) *SearchBar {
	b := &SearchBar{model: m}
	b.Entry = newSearchEntry(b)
	b.Entry.OnChanged = func(string) { b.apply() }
	b.Entry.OnSubmitted = func(string) { m.StepHit(true) }
	b.Regex = widget.NewCheck(lang.L("Regex"), func(bool) { b.apply() })
	b.Case = widget.NewCheck(lang.L("Match case"), func(bool) { b.apply() })
	b.Count = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { m.StepHit(false) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { m.StepHit(true) })
	tools := container.NewHBox(b.Regex, b.Case, prev, next, b.Count)
	b.content = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), tools, b.Entry)
	m.Listen(func(c Change) {
		if c&(ChangeHits|ChangeBusy) != 0 {
			b.updateCount()
		}
	})
	return b
}

// Content returns the object to place in the window.
func (b *SearchBar) Content() fyne.CanvasObject { return b.content }

func (b *SearchBar) apply() {
	b.model.SetQuery(app.Query{Text: b.Entry.Text, Regex: b.Regex.Checked, CaseSensitive: b.Case.Checked})
}

// Clear empties the search.
func (b *SearchBar) Clear() { b.Entry.SetText("") }

// HandleKey runs the search keys F3, Shift+F3 and Escape, and reports
// whether it used the key.
func (b *SearchBar) HandleKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyF3:
		back := b.ShiftHeld != nil && b.ShiftHeld()
		b.model.StepHit(!back)
		return true
	case fyne.KeyEscape:
		b.Clear()
		return true
	}
	return false
}

func (b *SearchBar) updateCount() {
	m := b.model
	switch {
	case m.Query.Text == "":
		b.Count.SetText("")
	case m.QueryErr != nil:
		b.Count.SetText(m.QueryErr.Error())
	case m.Busy:
		b.Count.SetText(lang.L("searching…"))
	case m.Hit >= 0:
		b.Count.SetText(lang.L("{{.Hit}} of {{.Count}}", map[string]any{"Hit": m.Hit + 1, "Count": len(m.Hits)}))
	default:
		b.Count.SetText(app.TN("{{.Count}} hits", len(m.Hits), map[string]any{"Count": len(m.Hits)}))
	}
}
