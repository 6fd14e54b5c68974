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
	a := newTestApp(t)
	h := &sharingHarness{theme: a.Settings().Theme().(*Theme)}
	analysis := analyzeCase(t, caseName)
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

// render returns every text drawn in the window, one per line. The
// timeline's rows are not a type Fyne's markup renderer knows, so the
// tree is walked here.
func (h *sharingHarness) render() string {
	var b strings.Builder
	drawnText(h.window.Canvas().Content(), &b)
	return b.String()
}

func drawnText(o fyne.CanvasObject, b *strings.Builder) {
	if o == nil || !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *canvas.Text:
		b.WriteString(v.Text + "\n")
	case *widget.TextGrid:
		b.WriteString(v.Text() + "\n")
	case *entryRow:
		drawnText(v.Container, b)
	case *fyne.Container:
		for _, c := range v.Objects {
			drawnText(c, b)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			drawnText(c, b)
		}
	}
}

func (h *sharingHarness) set(on bool) {
	if h.toggle.Checked != on {
		test.Tap(h.toggle)
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

func assertFileLacks(t *testing.T, path string, values []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotEmpty(t, data)
	for _, v := range values {
		assert.NotContains(t, string(data), v, path)
	}
}
