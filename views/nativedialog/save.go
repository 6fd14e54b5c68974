package nativedialog

import (
	"errors"

	"github.com/sqweek/dialog"
)

// SaveFile prompts for the path of an export, proposing the file name
// name and offering the extensions exts (without dots) under the
// description kind. It returns "" and no error when the user cancels.
func (Picker) SaveFile(title, name, kind string, exts ...string) (string, error) {
	b := dialog.File().Title(title).SetStartFile(name)
	if len(exts) > 0 {
		b = b.Filter(kind, exts...)
	}
	path, err := b.Filter("All files", "*").Save()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", nil
	}
	return path, err
}
