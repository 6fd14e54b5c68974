package views

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecentSkipsMissingPath(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	existing, err := filepath.Abs(signinCase)
	require.NoError(t, err)
	missing := filepath.Join(t.TempDir(), "nope.zip")

	onUIThread(w.Model, func() { w.Open([]string{missing, existing}) })
	w.Model.WaitIdle()

	assert.Equal(t, []string{existing}, w.Recent(), "only the path that exists is remembered")
}
