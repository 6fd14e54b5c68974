package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// DroppedPaths returns the local paths of dropped files, folders and
// zips, and an error naming every dropped item that is not a local file.
func DroppedPaths(uris []fyne.URI) ([]string, error) {
	var paths, rejected []string
	for _, u := range uris {
		if u == nil {
			continue
		}
		if u.Scheme() != "file" || u.Path() == "" {
			rejected = append(rejected, u.String())
			continue
		}
		paths = append(paths, u.Path())
	}
	if len(rejected) > 0 {
		return paths, fmt.Errorf("%s", lang.L("Only local files and folders can be opened; ignored: {{.Items}}",
			map[string]any{"Items": strings.Join(rejected, ", ")}))
	}
	return paths, nil
}

// Dropped opens what was dropped on the window; Window.SetOnDropped
// calls it.
func (w *MainWindow) Dropped(_ fyne.Position, uris []fyne.URI) {
	paths, err := DroppedPaths(uris)
	if err != nil {
		w.ShowError(err)
	}
	if len(paths) > 0 {
		w.Open(paths)
	}
}
