package views

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOfferPathsEmptyWindowLoads(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	abs, err := filepath.Abs(signinCase)
	require.NoError(t, err)

	var newWindowPaths []string
	w.OfferPaths([]string{abs}, func(p []string) { newWindowPaths = p })
	w.Model.WaitIdle()

	assert.Greater(t, w.Model.Timeline.Len(), 20, "an empty window takes the paths without asking")
	assert.Nil(t, newWindowPaths)
	assert.Nil(t, w.Window.Canvas().Overlays().Top(), "no question was asked")
}

func TestOfferPathsAsksLoadedWindow(t *testing.T) {
	abs, err := filepath.Abs("testdata/corpus/device-profile-missing")
	require.NoError(t, err)

	tests := []struct {
		button        string
		wantNewWindow bool
	}{
		{"Open a new window", true},
		{"Add to this case", false},
	}
	for _, tc := range tests {
		t.Run(tc.button, func(t *testing.T) {
			w := newLoadedWindow(t)
			before := len(w.Model.Workspace.Snapshot())
			var newWindowPaths []string
			w.OfferPaths([]string{abs}, func(p []string) { newWindowPaths = p })

			overlay := w.Window.Canvas().Overlays().Top()
			require.NotNil(t, overlay, "the window asks what to do")
			button := findButton(t, overlay, tc.button)
			assert.NotEqual(t, theme.CancelIcon().Name(), button.Icon.Name(), "both answers act, so none looks like cancel")
			test.Tap(button)
			w.Model.WaitIdle()
			assert.Nil(t, w.Window.Canvas().Overlays().Top(), "the dialog closes")

			if tc.wantNewWindow {
				assert.Equal(t, []string{abs}, newWindowPaths)
				assert.Len(t, w.Model.Workspace.Snapshot(), before, "this case is unchanged")
			} else {
				assert.Nil(t, newWindowPaths)
				assert.Greater(t, len(w.Model.Workspace.Snapshot()), before, "the sources joined this case")
			}
		})
	}
}
