package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"

	"github.com/wxlog/wxlog/app"
)

// The Detail pane of the default 1400x900 window is about 930 pixels
// wide, so its toolbar must show every control within that width.
func TestDetailToolbarFitsPane(t *testing.T) {
	for _, width := range []float32{930, 600} {
		t.Run(itoa(int(width)), func(t *testing.T) {
			test.NewTempApp(t)
			v := NewDetailView(NewModel(&app.Workspace{}, app.AnalyzeOptions{}))
			w := test.NewTempWindow(t, v.Content())
			w.SetPadded(false)
			w.Resize(fyne.NewSize(width, 400))

			driver := fyne.CurrentApp().Driver()
			for _, o := range v.actions.Objects {
				pos := driver.AbsolutePositionForObject(o)
				assert.LessOrEqual(t, pos.X+o.Size().Width, width, "%T at x %v is cut off", o, pos.X)
				assert.Greater(t, o.Size().Width, float32(0))
			}
			check := driver.AbsolutePositionForObject(v.formatXML)
			assert.LessOrEqual(t, check.X+v.formatXML.MinSize().Width, width, "Format XML is cut off")
		})
	}
}
