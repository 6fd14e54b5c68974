package views

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetailHeaderHidesPathWhenSharing(t *testing.T) {
	t.Cleanup(sharing.Reset)
	sharing.Reset()
	folder, err := filepath.Abs(failingCase)
	require.NoError(t, err)
	w := openWindow(t, func(w *MainWindow) { w.Open([]string{folder}) })
	m := w.Model
	ref := m.Selected
	require.NotNil(t, ref.Source, "the load selects the case's error")
	require.True(t, strings.HasPrefix(ref.Source.Path, folder), "the source keeps its absolute path")

	header := w.Detail.header.Text
	assert.Contains(t, header, ref.Source.Path, "the path shows while the mode is off")
	assert.Contains(t, header, ref.Source.Name)

	// The model's post runs the change as the UI thread would, so that
	// it does not race with the masker's redraw.
	m.post(func() { sharing.Set(true, m, nil) })
	m.WaitIdle()
	header = w.Detail.header.Text
	assert.NotContains(t, header, folder, "a shared screen shows no local folder")
	assert.Contains(t, header, Display(ref.Source.Name))
	assert.Equal(t, Display(header), header, "the header is masked like other text")

	m.post(func() { sharing.Set(false, m, nil) })
	m.WaitIdle()
	assert.Contains(t, w.Detail.header.Text, ref.Source.Path, "the path is back when the mode is off")
}
