package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

// personalValues occur in the device-profile-missing fixture: the user's
// Webex email, the BroadWorks user id and two IP addresses.
var personalValues = []string{"alice@example.com", "alice.bw@example.net", "203.0.113.9", "192.0.2.10"}

// sharingHarness is the window's text views over a fixture case: the
// timeline, the detail, the bookmarks and the analysis panels, with the
// toolbar toggle, and the first entry that names the BroadWorks user
// selected and bookmarked.
type sharingHarness struct {
	model    *Model
	theme    *Theme
	toggle   *widget.Check
	detail   *DetailView
	summary  *SummaryPanel
	exporter *Exporter
	window   fyne.Window
}

func newSharingHarness(t *testing.T, caseName string) *sharingHarness {
	t.Helper()
	a := newPanelsTestApp(t)
	h := &sharingHarness{theme: a.Settings().Theme().(*Theme)}
	analysis := analyzeFixture(t, caseName)
	m := NewModel(analysis.Workspace, app.AnalyzeOptions{})
	h.model = m
	timeline := NewTimelineView(m)
	h.detail = NewDetailView(m)
	bookmarks := NewBookmarksView(m)
	ladder, findings := NewLadderPanel(), NewFindingsPanel()
	h.summary = NewSummaryPanel()
	h.exporter = &Exporter{Model: m}
	h.toggle = newSharingToggle(m, h.theme)
	m.Listen(func(c Change) {
		if c&ChangeTimeline != 0 {
			ladder.SetAnalysis(m.Analysis)
			findings.SetFindings(m.Analysis.Findings)
			h.summary.SetSummary(m.Analysis.Summary)
		}
	})
	m.SetAnalysis(analysis)
	m.WaitIdle()
	for _, src := range m.Timeline.Sources {
		for j := range src.Entries {
			if m.Selected.Source == nil && strings.Contains(src.Entries[j].Raw, "alice.bw@example.net") {
				m.Select(app.EntryRef{Source: src, Index: j})
			}
		}
	}
	require.NotNil(t, m.Selected.Source)
	m.SetBookmark(m.Selected, "call alice@example.com back")

	grid := container.NewGridWithColumns(3,
		container.NewBorder(h.toggle, nil, nil, nil, timeline.List),
		container.NewGridWithRows(2, h.detail.Content(), bookmarks.Content()),
		container.NewGridWithRows(3, ladder.Content(), findings.Content(), h.summary.Content()))
	h.window = test.NewTempWindow(t, grid)
	h.window.Resize(fyne.NewSize(2400, 1400))
	return h
}

// render returns every text drawn in the window, one per line, with the
// whole text of each text grid.
func (h *sharingHarness) render() string {
	var b strings.Builder
	collectDrawnText(h.window.Canvas().Content(), &b)
	return b.String()
}

func collectDrawnText(o fyne.CanvasObject, b *strings.Builder) {
	if o == nil || !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *canvas.Text:
		b.WriteString(v.Text + "\n")
	case *widget.TextGrid:
		b.WriteString(v.Text() + "\n")
	case *fyne.Container:
		for _, c := range v.Objects {
			collectDrawnText(c, b)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			collectDrawnText(c, b)
		}
	}
}

func (h *sharingHarness) set(on bool) {
	if h.toggle.Checked != on {
		onUIThread(h.model, func() { test.Tap(h.toggle) })
	}
	h.model.WaitIdle()
}

func TestScreenSharingMasksEverywhere(t *testing.T) {
	h := newSharingHarness(t, "device-profile-missing")
	textSize := theme.TextSize()

	before := h.render()
	for _, v := range []string{"alice.bw@example.net", "alice@example.com"} {
		assert.Contains(t, before, v, "the fixture's values are drawn while the mode is off")
	}

	h.set(true)
	require.True(t, sharing.On())
	assert.Greater(t, theme.TextSize(), textSize, "the text is one step larger")

	masked := h.render()
	for _, v := range personalValues {
		assert.NotContains(t, masked, v)
	}
	assert.Contains(t, masked, "user-", "the pseudonyms are drawn instead")

	// Copy and export carry the masked text.
	copies := []string{h.detail.RawText(), h.detail.LineWithSource(), h.summary.Text(), h.summary.Markdown()}
	for _, c := range copies {
		require.NotEmpty(t, c)
		for _, v := range personalValues {
			assert.NotContains(t, c, v)
		}
	}
	timeline := filepath.Join(t.TempDir(), "timeline.txt")
	require.NoError(t, h.exporter.WriteTimeline(timeline))
	assertFileLacks(t, timeline, personalValues)

	// Search still works on the real text.
	h.model.SetQuery(app.Query{Text: "alice.bw@example.net"})
	h.model.WaitIdle()
	assert.NotEmpty(t, h.model.Hits)

	h.set(false)
	require.False(t, sharing.On())
	assert.Equal(t, textSize, theme.TextSize(), "the text size is restored")
	after := h.render()
	for _, v := range []string{"alice.bw@example.net", "alice@example.com"} {
		assert.Contains(t, after, v, "the real text is back")
	}
	assert.Contains(t, h.detail.RawText(), "alice.bw@example.net")
}

func TestScreenSharingShortcutAndMenu(t *testing.T) {
	a := newPanelsTestApp(t)
	w := NewMainWindow(a, Options{})
	require.NotNil(t, w.Panels)
	textSize := theme.TextSize()

	onUIThread(w.Model, func() { w.Window.Canvas().(fyne.Shortcutable).TypedShortcut(SharingShortcut) })
	w.Model.WaitIdle()
	assert.True(t, sharing.On())
	assert.True(t, w.Panels.SharingItem.Checked)
	assert.Greater(t, theme.TextSize(), textSize)

	w.Window.Canvas().(fyne.Shortcutable).TypedShortcut(SharingShortcut)
	assert.False(t, sharing.On())
	assert.False(t, w.Panels.SharingItem.Checked)
	assert.Equal(t, textSize, theme.TextSize())
}

func assertFileLacks(t *testing.T, path string, values []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotEmpty(t, data)
	for _, v := range values {
		assert.NotContains(t, string(data), v, path)
	}
}

func TestAnalysisPanelsInWindow(t *testing.T) {
	a := newPanelsTestApp(t)
	w := NewMainWindow(a, Options{})
	w.Window.Resize(fyne.NewSize(1600, 1000))
	analysis := analyzeFixture(t, "device-profile-missing")
	w.Model.Workspace = analysis.Workspace
	onUIThread(w.Model, func() { w.Model.SetAnalysis(analysis) })
	w.Model.WaitIdle()

	titles := func(tabs []*container.TabItem) []string {
		var out []string
		for _, it := range tabs {
			out = append(out, it.Text)
		}
		return out
	}
	assert.Contains(t, titles(w.Centre.Items), "Sign-in ladder")
	assert.Contains(t, titles(w.Side.Items), "Findings")
	assert.Contains(t, titles(w.Side.Items), "Summary")

	// A click on a finding selects its entry in the timeline.
	group := w.Panels.Findings.Groups()[0]
	w.Centre.SelectIndex(len(w.Centre.Items) - 1)
	test.Tap(findButton(t, w.Panels.Findings.Content(), group.Findings[0].Source.Name))
	assert.Equal(t, group.Findings[0].EntryRef, w.Model.Selected)
	assert.Equal(t, 0, w.Centre.SelectedIndex(), "the timeline tab is shown")

	// A click on the failed step selects its first evidence entry.
	ladder := w.Panels.Ladder.Ladder
	require.NotNil(t, ladder.Attempt)
	for i, s := range ladder.Attempt.Steps {
		if s.Status == app.StatusFailed {
			test.TapAt(ladder, fyne.NewPos(laneX(1), ladder.StepY(i)))
			assert.Equal(t, s.Evidence[0], w.Model.Selected)
		}
	}

	// The File menu holds the exports and the settings.
	var items []string
	for _, it := range w.Window.MainMenu().Items[0].Items {
		items = append(items, it.Label)
	}
	assert.Contains(t, items, "Export findings report…")
	assert.Contains(t, items, "Export masked copy of the logs…")
	assert.Contains(t, items, "Settings…")
}
