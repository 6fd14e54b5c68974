package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// signinCase is a whole field-like case: a client zip and server logs.
const signinCase = "testdata/corpus/signin-ok"

// newLoadedWindow returns a window with the sign-in case loaded and
// analysed.
func newLoadedWindow(t *testing.T) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	w := NewMainWindow(a, Options{})
	t.Cleanup(w.Window.Close)
	w.Open([]string{signinCase})
	w.Model.WaitIdle()
	require.Greater(t, w.Model.Timeline.Len(), 20, "the case should load")
	return w
}

func sourceBySuffix(t *testing.T, m *Model, suffix string) *parsers.Source {
	t.Helper()
	for _, s := range m.Timeline.Sources {
		if strings.HasSuffix(s.Name, suffix) {
			return s
		}
	}
	t.Fatalf("no source ends with %q", suffix)
	return nil
}

func TestWindowOpensCaseFromPaths(t *testing.T) {
	w := newLoadedWindow(t)
	m := w.Model

	assert.Equal(t, m.Timeline.Len(), m.RowCount(), "nothing is filtered")
	assert.Zero(t, w.Loader.Running())
	assert.Contains(t, w.status.Text, "sources")
	label, sources, ok := w.Sources.Node("signin-ok")
	require.True(t, ok, "the bundle is the top of the source tree")
	assert.Equal(t, "signin-ok", label)
	assert.Len(t, sources, len(m.Timeline.Sources))

	abs, err := filepath.Abs(signinCase)
	require.NoError(t, err)
	assert.Equal(t, []string{abs}, w.Recent(), "the case is remembered as recent")
}

func TestWindowBadFileShowsProblemAndRestLoads(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(signinCase + "/server/as1/XSLog2024.05.02-00.00.00.txt")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "XSLog.txt"), good, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.zip"), []byte("PK\x03\x04 not really a zip"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty.log"), nil, 0o600))

	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	w.Open([]string{dir})
	w.Model.WaitIdle()

	m := w.Model
	xs := sourceBySuffix(t, m, "XSLog.txt")
	assert.NotEmpty(t, xs.Entries, "the good file loads")
	empty := sourceBySuffix(t, m, "empty.log")
	require.NotEmpty(t, empty.Problems, "the empty file carries its problem")
	assert.Contains(t, describeSource(empty), "empty file", "the tree shows the problem")
	assert.NotContains(t, describeSource(empty), "parsers", "without the Go package name")
}

func TestDroppedPaths(t *testing.T) {
	web, err := storage.ParseURI("https://example.com/log.txt")
	require.NoError(t, err)
	tests := []struct {
		name    string
		uris    []fyne.URI
		want    []string
		wantErr string
	}{
		{"files and folders", []fyne.URI{storage.NewFileURI("/tmp/a.zip"), storage.NewFileURI("/tmp/case")}, []string{"/tmp/a.zip", "/tmp/case"}, ""},
		{"web address rejected", []fyne.URI{web, storage.NewFileURI("/tmp/a.zip")}, []string{"/tmp/a.zip"}, "https://example.com/log.txt"},
		{"nothing", nil, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DroppedPaths(tc.uris)
			assert.Equal(t, tc.want, got)
			if tc.wantErr == "" {
				assert.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
			}
		})
	}
}

func TestWindowDropLoadsCase(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	abs, err := filepath.Abs(signinCase)
	require.NoError(t, err)

	w.Dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(abs)})
	w.Model.WaitIdle()
	assert.Greater(t, w.Model.Timeline.Len(), 20)
}

func TestWindowCloseSource(t *testing.T) {
	w := newLoadedWindow(t)
	m := w.Model
	xs := sourceBySuffix(t, m, "XSLog2024.05.02-00.00.00.txt")
	before := len(m.Timeline.Sources)
	m.Select(app.EntryRef{Source: xs, Index: 0})

	w.closeCurrent()
	m.WaitIdle()
	assert.Len(t, m.Timeline.Sources, before-1)
	assert.Nil(t, m.Selected.Source, "the selection of a closed source is dropped")
	for _, s := range m.Timeline.Sources {
		assert.NotSame(t, xs, s)
	}
}

func TestWindowShortcuts(t *testing.T) {
	w := newLoadedWindow(t)
	c := w.Window.Canvas()
	sc := c.(fyne.Shortcutable)

	sc.TypedShortcut(shortcut(fyne.KeyF))
	assert.Equal(t, w.Search.Entry, c.Focused(), "Ctrl+F focuses the search")

	base := w.Theme.Base.Size("text")
	sc.TypedShortcut(shortcut(fyne.KeyEqual))
	assert.Equal(t, base+1, w.Theme.TextSize, "Ctrl+= makes text bigger")
	sc.TypedShortcut(shortcut(fyne.KeyMinus))
	sc.TypedShortcut(shortcut(fyne.KeyMinus))
	assert.Equal(t, base-1, w.Theme.TextSize, "Ctrl+- makes text smaller")

	onUIThread(w.Model, func() { w.Search.Entry.SetText("registered") })
	w.Model.WaitIdle()
	require.NotEmpty(t, w.Model.Hits)
	w.Search.HandleKey(&fyne.KeyEvent{Name: fyne.KeyF3})
	assert.Equal(t, int(w.Model.Hits[0]), w.Model.SelectedRow(), "F3 goes to the first hit")
	onUIThread(w.Model, func() { w.Search.HandleKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	w.Model.WaitIdle()
	assert.Empty(t, w.Search.Entry.Text, "Escape clears the search")
	assert.Empty(t, w.Model.Hits)
}

func TestWindowPluggedTabs(t *testing.T) {
	w := newLoadedWindow(t)
	tabs := len(w.Centre.Items)
	w.AddCentreTab("Extra", widget.NewLabel("extra"))
	assert.Len(t, w.Centre.Items, tabs+1)

	var got *app.Analysis
	w.OnAnalysis(func(a *app.Analysis) { got = a })
	w.Model.Reanalyze()
	w.Model.WaitIdle()
	require.NotNil(t, got)
	assert.Same(t, w.Model.Analysis, got)
}
