package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// OfferPaths shows a dialog for paths that a later launch of wxlog (a
// double-click on a bundle, say) handed to this window. The user adds them
// to the open case, or opens them in a new window through newWindow. A window
// with no sources loaded takes them without asking. Call it on the UI
// thread.
func (w *MainWindow) OfferPaths(paths []string, newWindow func([]string)) {
	if len(paths) == 0 {
		w.Window.RequestFocus()
		return
	}
	if len(w.Model.Workspace.Snapshot()) == 0 {
		w.Open(paths)
		w.Window.RequestFocus()
		return
	}
	list := widget.NewLabel(strings.Join(paths, "\n"))
	list.Wrapping = fyne.TextWrapBreak
	content := widget.NewForm(widget.NewFormItem(lang.L("Files"), list))
	// Both choices act, so neither button carries the cancel icon that a
	// confirm dialog gives its dismiss button.
	d := dialog.NewCustomWithoutButtons(lang.L("Open files"), content, w.Window)
	add := widget.NewButtonWithIcon(lang.L("Add to this case"), theme.ContentAddIcon(), func() {
		d.Hide()
		w.Open(paths)
	})
	add.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(lang.L("Open a new window"), theme.ComputerIcon(), func() {
		d.Hide()
		newWindow(paths)
	})
	d.SetButtons([]fyne.CanvasObject{open, add})
	d.Show()
	w.Window.RequestFocus()
}
