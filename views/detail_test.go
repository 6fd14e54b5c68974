package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

func TestDetailShowsSelectedEntry(t *testing.T) {
	a := test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	v := NewDetailView(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(900, 400))

	xsi := sourceBySuffix(t, m, "XsiActionsLog2024.05.02-00.00.00.txt")
	idx := -1
	for i, e := range xsi.Entries {
		if e.Lines > 2 && e.Fields != nil && e.TrackingID() != "" {
			idx = i
			break
		}
	}
	require.GreaterOrEqual(t, idx, 0, "the Xsi log has a multi-line entry with a tracking id")
	e := &xsi.Entries[idx]
	m.Select(app.EntryRef{Source: xsi, Index: idx})

	// Long lines wrap onto rows without a number.
	lines := numberedRows(v.raw.Text())
	assert.Len(t, lines, int(e.Lines), "one numbered row of raw text per source line")
	assert.True(t, strings.HasPrefix(lines[0], itoa(int(e.Line))+"  "), "lines carry their source line number")
	assert.Contains(t, v.fields.Text, "Tracking id: "+e.TrackingID())
	assert.Contains(t, v.header.Text, xsi.Name)
	// The toolbar computes how many rows it wraps into only in its first
	// layout. The desktop canvas then lays out its parents again for the
	// smaller minimum size, but the test canvas does not, so the test lays
	// them out here.
	v.Content().Refresh()
	test.AssertRendersToMarkup(t, "detail/xsi_entry.xml", w.Canvas())

	tests := []struct {
		button string
		want   string
	}{
		{"Copy raw", e.Raw},
		{"Copy line with source", xsi.Name + ":" + itoa(int(e.Line)) + ": " + firstLineOf(e.Raw)},
		{"Copy time", m.FormatTime(xsi, e)},
	}
	for _, tc := range tests {
		t.Run(tc.button, func(t *testing.T) {
			test.Tap(findButton(t, v.actions, tc.button))
			assert.Equal(t, tc.want, a.Clipboard().Content())
		})
	}

	var followed string
	v.OnFilterTracking = func(id string) { followed = id }
	test.Tap(findButton(t, v.actions, "Follow tracking id"))
	assert.Equal(t, e.TrackingID(), followed)
}

func TestNumberLines(t *testing.T) {
	assert.Equal(t, " 9  a\n10  b\n11      c", wrapNumberedLines("a\r\nb\n\tc", 9, 0))
	assert.Equal(t, "1  ", wrapNumberedLines("", 1, 0))
}
