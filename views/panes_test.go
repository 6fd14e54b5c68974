package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

func TestPanesShareTimeCursor(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	v := NewPanesView(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(1000, 260))

	client := sourceBySuffix(t, m, "current_log.txt")
	xsi := sourceBySuffix(t, m, "XsiActionsLog2024.05.02-00.00.00.txt")
	v.SetPaneSource(0, client)
	v.SetPaneSource(1, xsi)
	require.Equal(t, 2, v.Panes())

	pick := len(xsi.Entries) - 1
	m.Select(app.EntryRef{Source: xsi, Index: pick})
	assert.Equal(t, pick, v.PaneCursor(1), "the pane of the selected entry marks it")
	want := app.NearestEntry(client, m.SelectedTime())
	assert.Equal(t, want, v.PaneCursor(0), "the other pane marks its entry nearest in time")
	first, end := v.panes[0].list.VisibleRows()
	assert.True(t, first <= want && want < end, "the other pane scrolls to the cursor")
	test.AssertRendersToMarkup(t, "panes/cursor.xml", w.Canvas())

	v.panes[0].list.Tapped(&fyne.PointEvent{Position: fyne.NewPos(40, 2)})
	assert.Same(t, client, m.Selected.Source, "a tap in a pane selects its entry")
	assert.Equal(t, v.panes[0].list.Top(), m.Selected.Index)
}

func TestPanesAddAndRemove(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	v := NewPanesView(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()

	assert.NotNil(t, v.PaneSource(0), "panes fill with sources after a load")
	assert.NotSame(t, v.PaneSource(0), v.PaneSource(1), "each pane starts on another source")
	v.AddPane(nil)
	assert.Equal(t, 3, v.Panes())
	v.removePane()
	v.removePane()
	assert.Equal(t, minPanes, v.Panes(), "two panes always stay")
}

func TestPanesApplyFilter(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	v := NewPanesView(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(1000, 260))

	client := sourceBySuffix(t, m, "current_log.txt")
	xsi := sourceBySuffix(t, m, "XsiActionsLog2024.05.02-00.00.00.txt")
	v.SetPaneSource(0, client)
	v.SetPaneSource(1, xsi)
	mid := xsi.Entries[len(xsi.Entries)/2].Time - int64(xsi.Skew)
	tracking := ""
	for _, e := range xsi.Entries {
		if e.Fields != nil && e.TrackingID() != "" {
			tracking = e.TrackingID()
			break
		}
	}
	require.NotEmpty(t, tracking, "the Xsi log should carry a tracking id")

	tests := []struct {
		name   string
		filter app.Filter
		keep   func(src *parsers.Source, e *parsers.Entry) bool
	}{
		{"severity", app.Filter{HiddenSeverities: app.SeveritySet(0).With(parsers.SevInfo, true)},
			func(_ *parsers.Source, e *parsers.Entry) bool { return e.Severity != parsers.SevInfo }},
		{"include and exclude", app.Filter{Include: "xsi", Exclude: "OCI-P"},
			func(_ *parsers.Source, e *parsers.Entry) bool {
				raw := strings.ToLower(e.Raw)
				return strings.Contains(raw, "xsi") && !strings.Contains(raw, "oci-p")
			}},
		{"time range", app.Filter{From: mid},
			func(src *parsers.Source, e *parsers.Entry) bool { return e.Time-int64(src.Skew) >= mid }},
		{"tracking id", app.Filter{TrackingID: tracking},
			func(_ *parsers.Source, e *parsers.Entry) bool {
				return (e.Fields != nil && e.TrackingID() == tracking) || strings.Contains(strings.ToLower(e.Raw), strings.ToLower(tracking))
			}},
		{"hidden source stays in its pane", app.Filter{HiddenSources: map[*parsers.Source]bool{xsi: true}},
			func(*parsers.Source, *parsers.Entry) bool { return true }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m.SetFilter(tc.filter)
			m.WaitIdle()
			for i, src := range []*parsers.Source{client, xsi} {
				var want []int
				for j := range src.Entries {
					if tc.keep(src, &src.Entries[j]) {
						want = append(want, j)
					}
				}
				p := v.panes[i]
				var got []int
				for r := range p.length() {
					got = append(got, p.entry(r))
				}
				assert.Equal(t, want, got, "pane %d keeps the filtered entries in file order", i)
			}
		})
	}

	// The time cursor moves to the kept entry nearest in time.
	var desktop *parsers.Source
	for _, src := range m.Timeline.Sources {
		if strings.HasSuffix(src.Name, "current_log.txt") && !strings.Contains(src.Name, "bwc") {
			desktop = src
		}
	}
	require.NotNil(t, desktop, "the client zip should hold current_log.txt")
	v.SetPaneSource(0, desktop)
	m.SetFilter(app.Filter{TrackingID: tracking})
	m.WaitIdle()
	p := v.panes[1]
	require.Positive(t, p.length())
	m.Select(app.EntryRef{Source: xsi, Index: p.entry(p.length() - 1)})
	assert.Equal(t, p.entry(p.length()-1), v.PaneCursor(1), "the pane of the selected entry marks it")
	near := app.NearestKept(desktop, v.panes[0].rows, m.SelectedTime())
	require.GreaterOrEqual(t, near, 0)
	assert.Equal(t, v.panes[0].entry(near), v.PaneCursor(0), "the other pane marks its nearest kept entry")
	assert.Less(t, v.panes[0].length(), len(desktop.Entries), "the filter hides some entries of the other pane")
	assert.Contains(t, desktop.Entries[v.PaneCursor(0)].Raw, tracking, "the cursor is on a kept entry")
	first, end := v.panes[0].list.VisibleRows()
	assert.True(t, first <= near && near < end, "the other pane scrolls to the cursor")

	v.panes[0].list.Tapped(&fyne.PointEvent{Position: fyne.NewPos(40, 2)})
	assert.Equal(t, v.panes[0].entry(v.panes[0].list.Top()), m.Selected.Index, "a tap selects the entry of the filtered row")
}
