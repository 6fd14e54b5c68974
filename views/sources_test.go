package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

func TestSourceTreeGroupsAndHides(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	tree := NewSourceTree(m, l)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, tree.Content())
	w.Resize(fyne.NewSize(320, 600))

	label, server, ok := tree.Node("signin-ok/server")
	require.True(t, ok, "folders sit under the bundle")
	assert.Equal(t, "server", label)
	_, client, ok := tree.Node("signin-ok/client")
	require.True(t, ok)
	_, top, ok := tree.Node("signin-ok/expected.json")
	require.True(t, ok, "a file at the top of the bundle is a leaf of the bundle")
	assert.Len(t, m.Timeline.Sources, len(server)+len(client)+len(top))
	_, leaf, ok := tree.Node("signin-ok/server/as1/XSLog2024.05.02-00.00.00.txt")
	require.True(t, ok, "files are leaves under their folders")
	require.Len(t, leaf, 1)
	test.AssertRendersToMarkup(t, "sources/tree.xml", w.Canvas())

	row := tree.createNode(true)
	tree.updateNode("signin-ok/server", true, row)
	check := row.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*widget.Check)
	require.True(t, check.Checked)
	total := m.RowCount()
	onUIThread(m, func() { test.Tap(check) })
	m.WaitIdle()

	assert.False(t, check.Checked)
	for _, src := range server {
		assert.True(t, m.Filter.HiddenSources[src], "%s is hidden", src.Name)
	}
	assert.Less(t, m.RowCount(), total)
	for r := range m.RowCount() {
		require.NotContains(t, server, m.RowRef(r).Source, "no row of a hidden source is shown")
	}
}
