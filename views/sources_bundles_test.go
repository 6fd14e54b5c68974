package views

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// treeLeaves returns the sources of the tree's file nodes.
func treeLeaves(tree *SourceTree) []*parsers.Source {
	var out []*parsers.Source
	for _, n := range tree.nodes {
		if n.source != nil {
			out = append(out, n.source)
		}
	}
	return out
}

func TestTreeKeepsBundlesOfOneName(t *testing.T) {
	a := filepath.Join(corpusDir, "device-profile-missing", "server")
	b := filepath.Join(corpusDir, "config-parse-1507", "server")
	tests := []struct {
		name    string
		paths   []string
		bundles []string
		// files are the counts of files under each bundle's xsp1 node.
		files []int
	}{
		{"two folders named server", []string{a, b}, []string{"server (config-parse-1507)", "server (device-profile-missing)"}, []int{4, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := NewMainWindow(test.NewTempApp(t), Options{})
			t.Cleanup(w.Window.Close)
			onUIThread(w.Model, func() { w.Open(tc.paths) })
			w.Model.WaitIdle()

			assert.Equal(t, tc.bundles, w.Sources.childIDs(""))
			assert.ElementsMatch(t, w.Model.Timeline.Sources, treeLeaves(w.Sources), "every source is a file node")
			for i, id := range tc.bundles {
				_, sources, ok := w.Sources.Node(id + "/xsp1")
				require.True(t, ok, id)
				assert.Len(t, sources, tc.files[i], "%s holds its own folder's files", id)
			}
		})
	}
}

func TestTreeKeepsSourcesOfOneName(t *testing.T) {
	test.NewTempApp(t)
	srcs := []*parsers.Source{{Name: "x.log", Format: "text"}, {Name: "x.log", Format: "text"}}
	m := NewModel(&app.Workspace{Sources: srcs}, app.AnalyzeOptions{})
	tree := NewSourceTree(m, NewLoader(m, app.Config{}))
	m.Reanalyze()
	m.WaitIdle()
	require.Len(t, m.Timeline.Sources, 2)

	assert.Equal(t, []string{"Other/x.log", "Other/x.log (2)"}, tree.childIDs("Other"))
	assert.ElementsMatch(t, srcs, treeLeaves(tree))
}

func TestDistinctLabels(t *testing.T) {
	tests := []struct {
		name    string
		origins []bundleOrigin
		want    []string
	}{
		{"one", []bundleOrigin{{"/c/a/server", 1}}, []string{"server"}},
		{"parent folders differ", []bundleOrigin{{"/c/a/server", 1}, {"/c/b/server", 2}}, []string{"server (a)", "server (b)"}},
		{"parent folders alike", []bundleOrigin{{"/x/a/server", 1}, {"/y/a/server", 2}}, []string{"server (/x/a)", "server (/y/a)"}},
		{"same path twice", []bundleOrigin{{"/c/a/server", 1}, {"/c/a/server", 2}}, []string{"server", "server (2)"}},
		{"same path and another", []bundleOrigin{{"/c/a/server", 1}, {"/c/b/server", 2}, {"/c/a/server", 3}},
			[]string{"server (a)", "server (b)", "server (a, 2)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := distinctLabels("server", tc.origins)
			require.Len(t, got, len(tc.want))
			for i, o := range tc.origins {
				assert.Equal(t, tc.want[i], got[o], o.path)
			}
		})
	}
}
