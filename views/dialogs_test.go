package views

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZoneDialogOffersSkewEstimate(t *testing.T) {
	w := newLoadedWindow(t)
	xsi := sourceBySuffix(t, w.Model, "XsiActionsLog2024.05.02-00.00.00.txt")
	est, ok := skewEstimate(w.Model, xsi)
	require.True(t, ok, "the sign-in pairs the Xsi log with the client log")
	assert.Greater(t, est.Samples, 0)

	showSourceSettings(w.Model, xsi, w.Window)
	overlay := w.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)
	test.Tap(findButton(t, overlay, "Use the estimate"))

	var skewText string
	for _, o := range test.LaidOutObjects(overlay) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "+2.4s" {
			skewText = e.Text
		}
	}
	assert.Equal(t, est.Skew.String(), skewText, "the estimate fills the skew field")
}
