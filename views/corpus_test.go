package views

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusDir holds the six field-like cases; the app package keeps them
// for its own tests, and the window must open every one of them.
const corpusDir = "../app/testdata/corpus"

func TestWindowOpensEveryCorpusCase(t *testing.T) {
	cases, err := os.ReadDir(corpusDir)
	require.NoError(t, err)
	require.Len(t, cases, 6)

	for _, c := range cases {
		dir, err := filepath.Abs(filepath.Join(corpusDir, c.Name()))
		require.NoError(t, err)
		open := map[string]func(w *MainWindow){
			"command line": func(w *MainWindow) { w.Open([]string{dir}) },
			"drop":         func(w *MainWindow) { w.Dropped(fyne.NewPos(1, 1), []fyne.URI{storage.NewFileURI(dir)}) },
			"dialog": func(w *MainWindow) {
				w.picker = folderPicker(dir)
				w.pick(true)
			},
		}
		for how, do := range open {
			t.Run(c.Name()+" by "+how, func(t *testing.T) {
				w := NewMainWindow(test.NewTempApp(t), Options{})
				t.Cleanup(w.Window.Close)
				do(w)
				w.Model.WaitIdle()

				m := w.Model
				assert.Greater(t, m.RowCount(), 0, "the timeline has entries")
				assert.Equal(t, m.Timeline.Len(), m.RowCount())
				_, sources, ok := w.Sources.Node(c.Name())
				require.True(t, ok, "the case is a bundle in the source tree")
				assert.Len(t, sources, len(m.Timeline.Sources))
				m.SelectRow(m.RowCount() - 1)
				assert.NotEmpty(t, w.Detail.RawText(), "the last entry shows in the detail")
			})
		}
	}
}

// folderPicker stands in for the native dialog: the user picks one folder.
type folderPicker string

func (p folderPicker) OpenFile(string) (string, error)   { return string(p), nil }
func (p folderPicker) OpenFolder(string) (string, error) { return string(p), nil }
