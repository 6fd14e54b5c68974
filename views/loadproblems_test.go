package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

// TestWindowMissingPathShowsError opens a path that does not exist, as a
// double-click on a moved bundle does, and checks that the window shows
// the error at once and gives no verdict on the missing logs.
func TestWindowMissingPathShowsError(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "bad", "nope.zip")
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	w.Open([]string{missing})
	w.Model.WaitIdle()

	src := sourceBySuffix(t, w.Model, "nope.zip")
	require.Empty(t, src.Format, "the path could not be read")

	label, sources, ok := w.Sources.Node("nope.zip")
	require.True(t, ok, "the path is the bundle node")
	assert.Equal(t, "nope.zip", label)
	assert.Equal(t, []*parsers.Source{src}, sources)
	assert.Empty(t, w.Sources.childIDs("nope.zip"), "the path's folders are not nodes")
	for id, n := range w.Sources.nodes {
		if id != "" {
			assert.NotEmpty(t, n.label, "node %q has no name", id)
		}
	}
	assert.Equal(t, "cannot open: no such file or directory", describeSource(src), "the tree shows the reason, not a count")

	banner := w.LoadBanner()
	assert.Contains(t, banner, "1 source could not be read:\n")
	assert.Contains(t, banner, filepath.ToSlash(missing)+": cannot open: no such file or directory")

	panels := map[string]fyne.CanvasObject{"summary": w.Panels.Summary.Content(), "findings": w.Panels.Findings.Content()}
	for name, panel := range panels {
		text := labelTexts(panel)
		assert.NotContains(t, text, "No known problem found.", "%s: no verdict on logs that were not read", name)
		assert.Contains(t, text, "1 source could not be read: "+filepath.ToSlash(missing), name)
	}
	assert.Equal(t, "0 of 0 entries in 1 source", w.status.Text)

	w.CloseSources([]*parsers.Source{src})
	w.Model.WaitIdle()
	assert.Empty(t, w.LoadBanner(), "the banner goes with the source")
}

// labelTexts returns the texts of the labels under root, one a line.
func labelTexts(root fyne.CanvasObject) string {
	var texts []string
	for _, o := range test.LaidOutObjects(root) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	return strings.Join(texts, "\n")
}

func TestUnreadSourcesText(t *testing.T) {
	unread := func(name string) *parsers.Source {
		return &parsers.Source{Name: name, Problems: []string{name + ": cannot open: no such file or directory"}}
	}
	read := &parsers.Source{Name: "ok.log", Format: "text", Problems: []string{"ok.log: parsers: empty file"}}
	tests := []struct {
		name    string
		sources []*parsers.Source
		want    string
	}{
		{"all read", []*parsers.Source{read}, ""},
		{"one", []*parsers.Source{read, unread("a.zip")},
			"1 source could not be read:\na.zip: cannot open: no such file or directory"},
		{"more than the banner names", []*parsers.Source{unread("a"), unread("b"), unread("c"), unread("d"), unread("e")},
			"5 sources could not be read:\na: cannot open: no such file or directory\nb: cannot open: no such file or directory\n" +
				"c: cannot open: no such file or directory\nand 2 more"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, unreadSourcesText(tc.sources))
		})
	}
}

func TestSourceTreeCountsInSingular(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(signinCase + "/server/xsp1/dmsDebugLog2024.05.02-00.00.00.txt")
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "case", "dms"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "case", "dms", "dmsDebugLog.txt"), data, 0o600))

	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	w.Open([]string{filepath.Join(dir, "case")})
	w.Model.WaitIdle()
	src := sourceBySuffix(t, w.Model, "dmsDebugLog.txt")
	require.Len(t, src.Entries, 1, "the DMS log of the sign-in case has one entry")

	row := w.Sources.createNode(true)
	w.Sources.updateNode("case/dms", true, row)
	info := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widget.Label)
	assert.Equal(t, "1 file, 1 entry", info.Text)
}

func TestStatusBarPlurals(t *testing.T) {
	tests := []struct {
		name string
		file string
		want string
	}{
		{"one entry", "dmsDebugLog2024.05.02-00.00.00.txt", "1 of 1 entry in 1 source"},
		{"several entries", "AuthenticationService2024.05.02-00.00.00.txt", "6 of 6 entries in 1 source"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := NewMainWindow(test.NewTempApp(t), Options{})
			t.Cleanup(w.Window.Close)
			w.Open([]string{signinCase + "/server/xsp1/" + tc.file})
			w.Model.WaitIdle()
			assert.Equal(t, tc.want, w.status.Text)
		})
	}
}
