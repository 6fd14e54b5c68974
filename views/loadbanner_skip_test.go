package views

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBannerNamesSkippedPath(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "XSLog.txt")
	require.NoError(t, os.WriteFile(log, []byte("2024.05.02 09:14:05:123 CEST | Info | Test | hello\n"), 0o600))
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)

	w.Open([]string{log})
	w.Model.WaitIdle()
	require.Empty(t, w.LoadBanner(), "the first load is no repeat")
	require.Len(t, w.Model.Timeline.Sources, 1)

	w.Open([]string{log})
	w.Model.WaitIdle()
	assert.Len(t, w.Model.Timeline.Sources, 1, "the file is loaded once")
	assert.Contains(t, w.LoadBanner(), "1 path was skipped because it is already loaded: "+log)
	assert.Empty(t, w.Loader.NoLogs, "a skipped path is no path without logs")

	test.Tap(w.clearNoLogs)
	assert.Empty(t, w.LoadBanner(), "the note is dismissed")
}

func TestBannerNamesCopy(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "XSLog.txt")
	copied := filepath.Join(dir, "XSLog (1).txt")
	for _, name := range []string{log, copied} {
		require.NoError(t, os.WriteFile(name, []byte("2024.05.02 09:14:05:123 CEST | Info | Test | hello\n"), 0o600))
	}
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)

	w.Open([]string{log})
	w.Model.WaitIdle()
	w.Open([]string{copied})
	w.Model.WaitIdle()
	assert.Len(t, w.Model.Timeline.Sources, 1, "the copy is not loaded")
	assert.Contains(t, w.LoadBanner(), copied+" was skipped because it has the same content as "+log)
}
