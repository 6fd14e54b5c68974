package views

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

// cutZip writes the first 1266 bytes of the device-profile-missing
// feedback zip, which cut short its log member, and returns its path.
func cutZip(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(corpusDir + "/device-profile-missing/client/feedback-a7cae96a.zip")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "cut.zip")
	require.NoError(t, os.WriteFile(path, data[:1266], 0o600))
	return path
}

func TestBannerNamesSourcesReadWithProblems(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	paths := []string{cutZip(t), missing}
	onUIThread(w.Model, func() { w.Open(paths) })
	w.Model.WaitIdle()

	banner := w.LoadBanner()
	assert.Contains(t, banner, "1 source could not be read:\n"+filepath.ToSlash(missing)+": cannot open")
	assert.Contains(t, banner, "2 sources were read with problems, so the findings may miss what those problems hid: cut.zip/ced.dat, cut.zip/current_log.txt")

	findings := labelTexts(w.Panels.Findings.Content())
	assert.Contains(t, findings, "1 source could not be read: "+filepath.ToSlash(missing))
	assert.Contains(t, findings, "2 sources were read with problems (listed under Sources): cut.zip/ced.dat, cut.zip/current_log.txt")

	log := sourceBySuffix(t, w.Model, "current_log.txt")
	require.Len(t, log.Problems, 2, "the zip's directory is missing and the member is cut short")
	assert.Contains(t, describeSource(log), "2 problems: ", "the tree row counts the problems")
	details := sourceProblemsText(w.Model.Timeline.Sources, nil)
	assert.Contains(t, details, "cut.zip/current_log.txt\n  • the zip's central directory is damaged or missing")
	assert.Contains(t, details, "kept the 2.1 KiB read before that", "the dialog lists every problem")
	assert.Contains(t, details, filepath.ToSlash(missing)+"\n  • cannot open: no such file or directory")
}

func TestTreeProblemsButtonFollowsSelection(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	w.Open([]string{cutZip(t)})
	w.Model.WaitIdle()

	var listed []*parsers.Source
	w.Sources.OnProblems = func(sources []*parsers.Source) { listed = sources }
	assert.True(t, w.Sources.problemsButton.Disabled(), "nothing is selected")

	w.Sources.Select("cut.zip/current_log.txt")
	require.False(t, w.Sources.problemsButton.Disabled())
	test.Tap(w.Sources.problemsButton)
	require.Len(t, listed, 1)
	assert.Equal(t, "cut.zip/current_log.txt", listed[0].Name)

	w.Sources.Tree.UnselectAll()
	assert.True(t, w.Sources.problemsButton.Disabled())
}

func TestBannerNamesEmptyFolder(t *testing.T) {
	empty := t.TempDir()
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	w.Open([]string{empty})
	w.Model.WaitIdle()

	assert.Equal(t, "1 opened path gave no log file: "+empty, w.LoadBanner())
	assert.Equal(t, []string{empty}, w.Loader.NoLogs)
	assert.Contains(t, sourceProblemsText(nil, w.Loader.NoLogs), empty+"\n  • No log file was found there.")

	test.Tap(w.clearNoLogs)
	assert.Empty(t, w.LoadBanner(), "the note is dismissed")

	w.Open([]string{empty})
	w.Model.WaitIdle()
	require.Len(t, w.Loader.NoLogs, 1)
	require.NoError(t, os.WriteFile(filepath.Join(empty, "XSLog.txt"), []byte("2024.05.02 09:14:05:123 CEST | Info | Test | hello\n"), 0o600))
	w.Open([]string{empty})
	w.Model.WaitIdle()
	assert.Empty(t, w.Loader.NoLogs, "a path that now gives a log leaves the banner")
}

func TestLoadBannerText(t *testing.T) {
	unread := &parsers.Source{Name: "a.zip", Problems: []string{"a.zip: cannot open: no such file or directory"}}
	damaged := func(name string) *parsers.Source {
		return &parsers.Source{Name: name, Format: "text", Problems: []string{name + ": parsers: empty file"}}
	}
	read := &parsers.Source{Name: "ok.log", Format: "text"}
	tests := []struct {
		name    string
		sources []*parsers.Source
		noLogs  []string
		want    string
	}{
		{"all read", []*parsers.Source{read}, nil, ""},
		{"unread and damaged", []*parsers.Source{read, unread, damaged("b.log")}, nil,
			"1 source could not be read:\na.zip: cannot open: no such file or directory\n" +
				"1 source was read with problems, so the findings may miss what those problems hid: b.log"},
		{"many damaged", []*parsers.Source{damaged("a"), damaged("b"), damaged("c"), damaged("d")}, nil,
			"4 sources were read with problems, so the findings may miss what those problems hid: a, b, c and 1 more"},
		{"no log", []*parsers.Source{read}, []string{"/tmp/empty", "/tmp/other"},
			"2 opened paths gave no log file: /tmp/empty, /tmp/other"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, loadBannerText(tc.sources, tc.noLogs))
		})
	}
}
