package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
	"github.com/wxlog/wxlog/parsers"
)

// failingCase is a case whose Xsi device list lacks the client's device,
// an error finding well after the first entries.
const failingCase = "testdata/corpus/device-profile-missing"

// firstError returns the entry of the analysis's first error finding.
func firstError(t *testing.T, a *app.Analysis) app.EntryRef {
	t.Helper()
	for _, f := range a.Findings {
		if f.Signature.Severity == "error" {
			return f.EntryRef
		}
	}
	t.Fatal("the case has no error finding")
	return app.EntryRef{}
}

// openWindow returns a 1200x800 window after open loaded a case into it.
func openWindow(t *testing.T, open func(w *MainWindow)) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	w := NewMainWindow(a, Options{})
	t.Cleanup(w.Window.Close)
	w.Window.Resize(fyne.NewSize(1200, 800))
	open(w)
	w.Model.WaitIdle()
	require.NotNil(t, w.Model.Analysis)
	return w
}

func TestLoadSelectsFirstError(t *testing.T) {
	tests := []struct {
		name string
		open func(w *MainWindow)
	}{
		{"failing case from a path", func(w *MainWindow) { w.Open([]string{failingCase}) }},
		{"demo bundle", func(w *MainWindow) {
			name, data, err := assets.DemoZip()
			require.NoError(t, err)
			w.OpenData(name, data)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := openWindow(t, tc.open)
			m := w.Model
			want := firstError(t, m.Analysis)
			assert.Equal(t, want, m.Selected, "the first error finding is selected")

			row := m.SelectedRow()
			require.GreaterOrEqual(t, row, 0)
			assert.Positive(t, row, "the error is not the first entry, so the timeline had to move")
			first, end := w.Timeline.List.VisibleRows()
			assert.True(t, first <= row && row < end, "the timeline shows row %d, not only %d to %d", row, first, end)
		})
	}
}

func TestLoadKeepsUserSelection(t *testing.T) {
	w := openWindow(t, func(w *MainWindow) { w.Open([]string{signinCase}) })
	m := w.Model
	chosen := m.RowRef(3)

	// A selected entry stays selected when another case loads.
	m.Select(chosen)
	w.Open([]string{failingCase})
	m.WaitIdle()
	require.NotEmpty(t, m.Analysis.Findings)
	assert.Equal(t, chosen, m.Selected, "a load does not move a selection the user made")

	// An entry the user picked while the load ran, and that the analysis
	// then dropped (a preview replaced by its full parse), counts too.
	since := m.Selections()
	m.Select(m.RowRef(5))
	m.Select(app.EntryRef{})
	m.FocusErrorNext(since)
	m.Reanalyze()
	m.WaitIdle()
	assert.Nil(t, m.Selected.Source, "the analysis does not jump after the user chose")

	// An analysis that follows no load, such as after closing a source,
	// does not jump to an error.
	m.Select(app.EntryRef{})
	w.CloseSources([]*parsers.Source{chosen.Source})
	m.WaitIdle()
	assert.Nil(t, m.Selected.Source, "only the first analysis of a load selects an error")
}

func TestLoadWithoutErrorsSelectsNothing(t *testing.T) {
	w := openWindow(t, func(w *MainWindow) { w.Open([]string{signinCase}) })
	for _, f := range w.Model.Analysis.Findings {
		require.NotEqual(t, "error", f.Signature.Severity, "the sign-in case should have no error finding")
	}
	assert.Nil(t, w.Model.Selected.Source)
	assert.Zero(t, w.Timeline.List.Top())
}

func TestSourceSettingsRunOffUIThread(t *testing.T) {
	w := openWindow(t, func(w *MainWindow) { w.Open([]string{signinCase}) })
	m := w.Model
	xs := sourceBySuffix(t, m, "XSLog2024.05.02-00.00.00.txt")
	before := xs.Entries[0].Time
	oldAnalysis := m.Analysis

	// While a background reader, such as a long analysis, holds the
	// entries, the call returns at once and the status bar names the work.
	m.entriesMu.RLock()
	require.NoError(t, m.ApplySourceSettings(xs, "America/New_York", "+1s"))
	assert.Contains(t, w.status.Text, "Applying the zone and skew of "+xs.Name)
	assert.Equal(t, before, xs.Entries[0].Time, "the entries change only when the readers are done")
	assert.Same(t, oldAnalysis, m.Analysis)
	m.entriesMu.RUnlock()

	m.WaitIdle()
	assert.NotContains(t, w.status.Text, "Applying")
	assert.Equal(t, "America/New_York", xs.Zone.String())
	assert.NotEqual(t, before, xs.Entries[0].Time, "the entries are read again in the new zone")
	assert.NotSame(t, oldAnalysis, m.Analysis, "the case is analysed again")
	assert.False(t, m.Partial)
	pos := m.Timeline.IndexOf(xs, 0)
	require.GreaterOrEqual(t, pos, 0)
	assert.Equal(t, xs.Entries[0].Time-int64(time.Second), m.Timeline.Time(pos), "the timeline corrects the skew")
}
