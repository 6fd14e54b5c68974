// Package nativedialog opens the operating system's file and folder
// pickers through github.com/sqweek/dialog. It is the only package that
// needs cgo for dialogs, so the rest of views tests without cgo. The
// calls block in a modal loop of their own: call them off the Fyne UI
// thread and post the result back with fyne.Do.
package nativedialog

import (
	"errors"

	"github.com/sqweek/dialog"
)

// Picker opens native file and folder pickers.
type Picker struct{}

// OpenFile asks for one log file, zip or bundle. It returns "" and no
// error when the user cancels.
func (Picker) OpenFile(title string) (string, error) {
	path, err := dialog.File().
		Title(title).
		Filter("Logs and bundles", "txt", "log", "zip", "gz", "tgz", "tar").
		Filter("All files", "*").
		Load()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", nil
	}
	return path, err
}

// OpenFolder asks for a folder of logs. It returns "" and no error when
// the user cancels.
func (Picker) OpenFolder(title string) (string, error) {
	path, err := dialog.Directory().Title(title).Browse()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", nil
	}
	return path, err
}
