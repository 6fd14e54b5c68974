package views

import (
	"context"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

// analyzeDir loads and analyses a case directory given relative to the
// views package.
func analyzeDir(t *testing.T, dir string) *app.Analysis {
	t.Helper()
	ws, err := app.Load(context.Background(), []string{dir}, app.Config{}, nil)
	require.NoError(t, err)
	a := app.Analyze(ws, app.AnalyzeOptions{})
	require.NoError(t, a.LadderErr)
	return a
}

// stepIndex returns the index of the step with that id in at.
func stepIndex(t *testing.T, at *app.Attempt, id string) int {
	t.Helper()
	for i, s := range at.Steps {
		if s.ID == id {
			return i
		}
	}
	require.Failf(t, "no such step", "%s", id)
	return -1
}

// rowObjects returns the arrow lines, arrowheads and labels drawn in row
// i of a ladder, right of the status icon column.
func rowObjects(l *Ladder, i int) (lines []*canvas.Line, heads []*canvas.Polygon, labels []*canvas.Text) {
	k := ladderScale()
	top, bottom := l.rowTop(i), l.rowTop(i+1)
	in := func(y float32) bool { return y >= top && y < bottom }
	for _, o := range test.WidgetRenderer(l).Objects() {
		switch v := o.(type) {
		case *canvas.Line:
			// Arrows are horizontal lines. Lifelines are vertical, and
			// crosses and icons are diagonal.
			if v.Position1.Y == v.Position2.Y && in(v.Position1.Y) && min(v.Position1.X, v.Position2.X) >= ladderGutter*k {
				lines = append(lines, v)
			}
		case *canvas.Polygon:
			if in(v.Position().Y) {
				heads = append(heads, v)
			}
		case *canvas.Text:
			if in(v.Position().Y) && v.Position().X >= ladderGutter*k {
				labels = append(labels, v)
			}
		}
	}
	return lines, heads, labels
}

func sameColor(t *testing.T, want, got color.Color, object string) {
	t.Helper()
	assert.Equal(t, color.NRGBAModel.Convert(want), color.NRGBAModel.Convert(got), object)
}

func TestLadderStepColorFollowsStatus(t *testing.T) {
	tests := []struct {
		name   string
		dir    string
		step   string
		status app.StepStatus
		// failedAt is true when the server returned a 2xx to the failed
		// step's request, so the failure is drawn on the client's lifeline.
		failedAt bool
	}{
		{"failed after a 200", "testdata/corpus/device-profile-missing", "xsi-device-list", app.StatusFailed, true},
		{"failed on the arrow", "../app/testdata/corpus/register-403", "sip-register", app.StatusFailed, false},
		{"passed", "testdata/corpus/device-profile-missing", "authservice-token", app.StatusPassed, false},
		{"not seen", "testdata/corpus/device-profile-missing", "dms-config", app.StatusNotSeen, false},
		{"no logs", "testdata/corpus/signin-ok/server", "email-entered", app.StatusNoLogs, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newPanelsTestApp(t)
			flow, at := signInAttempt(t, analyzeDir(t, tc.dir))
			i := stepIndex(t, at, tc.step)
			s := at.Steps[i]
			require.Equal(t, tc.status, s.Status)
			require.Equal(t, tc.failedAt, s.FailedAt != "", "FailedAt is %q", s.FailedAt)

			l := NewLadder(flow, at)
			w := test.NewTempWindow(t, l)
			w.SetPadded(false)
			w.Resize(l.MinSize())

			lines, heads, labels := rowObjects(l, i)
			require.NotEmpty(t, lines, "the arrow")
			require.Len(t, heads, 1, "the arrowhead")
			require.Len(t, labels, 1, "the label")
			want := StatusColor(tc.status)
			for _, ln := range lines {
				sameColor(t, want, ln.StrokeColor, "arrow")
			}
			sameColor(t, want, heads[0].FillColor, "arrowhead")
			sameColor(t, want, labels[0].Color, "label "+labels[0].Text)
		})
	}
}

// ladderInTabs returns a ladder panel in the second tab of a window, with
// the first tab shown. The panel's scroll is scrollHeight high once the
// second tab is shown.
func ladderInTabs(t *testing.T, scrollHeight float32) (*LadderPanel, *container.AppTabs) {
	t.Helper()
	const width = 1600
	build := func() (*LadderPanel, *container.AppTabs, fyne.Window) {
		p := NewLadderPanel()
		tabs := container.NewAppTabs(
			container.NewTabItem("Timeline", widget.NewLabel("timeline")),
			container.NewTabItem("Ladder", p.Content()))
		w := test.NewTempWindow(t, tabs)
		w.SetPadded(false)
		return p, tabs, w
	}
	// Measure what the panel's other parts take, with the tab shown.
	probe, probeTabs, probeWindow := build()
	probeTabs.SelectIndex(1)
	probeWindow.Resize(fyne.NewSize(width, 800))
	chrome := 800 - probe.scroll.Size().Height

	p, tabs, w := build()
	w.Resize(fyne.NewSize(width, chrome+scrollHeight))
	return p, tabs
}

func TestLadderPanelOpensOnFailure(t *testing.T) {
	k := func() float32 { return ladderScale() }
	tests := []struct {
		name string
		// rows is the scroll's height in rows.
		rows float32
		// shownFirst shows the ladder tab before the analysis arrives.
		shownFirst bool
		wantTop    bool
	}{
		{"hidden tab, short pane", 4, false, false},
		{"shown tab, short pane", 4, true, false},
		{"hidden tab, pane down to the failure", 10, false, true},
		{"shown tab, pane down to the failure", 10, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newPanelsTestApp(t)
			a := analyzeFixture(t, "device-profile-missing")
			_, at := signInAttempt(t, a)
			failed := stepIndex(t, at, "xsi-device-list")
			require.Equal(t, app.StatusFailed, at.Steps[failed].Status)

			p, tabs := ladderInTabs(t, tc.rows*ladderRow*k())
			if tc.shownFirst {
				tabs.SelectIndex(1)
			}
			p.SetAnalysis(a)
			tabs.SelectIndex(1)

			height := p.scroll.Size().Height
			require.InDelta(t, tc.rows*ladderRow*k(), height, 1)
			require.Less(t, height, p.Ladder.MinSize().Height, "the ladder does not fit its pane")
			top, bottom := p.Ladder.rowTop(failed), p.Ladder.rowTop(failed+1)
			off := p.scroll.Offset.Y
			assert.LessOrEqual(t, off, top, "the failed row's top is in view")
			assert.GreaterOrEqual(t, off+height, bottom, "the failed row's bottom is in view")
			assert.LessOrEqual(t, off+height, bottom+ladderRow*k(), "no more than one row after the failure takes the room of the rows before it")
			if tc.wantTop {
				assert.Zero(t, off, "a pane that shows the steps down to the failure opens at the top")
			}
		})
	}
}

func TestLadderHoverFollowsScroll(t *testing.T) {
	tests := []struct {
		name string
		dy   float32
	}{
		{"down two rows", -2 * ladderRow},
		{"up two rows", 2 * ladderRow},
		{"up to the top", 20 * ladderRow},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newPanelsTestApp(t)
			a := analyzeFixture(t, "device-profile-missing")
			p, tabs := ladderInTabs(t, 5*ladderRow*ladderScale())
			tabs.SelectIndex(1)
			p.SetAnalysis(a)
			at := p.Ladder.Attempt
			failed := stepIndex(t, at, "xsi-device-list")
			c := fyne.CurrentApp().Driver().CanvasForObject(p.scroll)
			origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.scroll)

			// Point at the failed step a quarter of a row below its top.
			// scrollToFailure scrolls by half rows, so the row's middle
			// would end up on a row's edge after a scroll.
			viewY := p.Ladder.rowTop(failed) + ladderRow/4*ladderScale() - p.scroll.Offset.Y
			pointer := origin.Add(fyne.NewPos(laneX(2), viewY))
			test.MoveMouse(c, pointer)
			require.Equal(t, failed, p.Ladder.hovered)
			require.Contains(t, p.status.Text, at.Steps[failed].Note)

			before := p.scroll.Offset.Y
			test.Scroll(c, pointer, 0, tc.dy*ladderScale())
			require.NotEqual(t, before, p.scroll.Offset.Y, "the ladder scrolled")

			under := p.Ladder.StepAt(viewY + p.scroll.Offset.Y)
			require.GreaterOrEqual(t, under, 0, "a step is under the pointer")
			require.NotEqual(t, failed, under)
			assert.Equal(t, under, p.Ladder.hovered, "the step under the pointer is highlighted")
			assert.Equal(t, StepEvidence(at.Steps[under]), p.status.Text, "the status line describes the step under the pointer")
		})
	}
}

func TestLadderStatusKeepsFullLabel(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	p := NewLadderPanel()
	w := test.NewTempWindow(t, p.Content())
	w.SetPadded(false)
	// The narrowest columns cut the longer labels.
	w.Resize(fyne.NewSize(900, 700))
	p.SetAnalysis(a)
	at := p.Ladder.Attempt
	i := stepIndex(t, at, "uap-redirect")
	full := at.Steps[i].Label
	_, _, labels := rowObjects(p.Ladder, i)
	require.Len(t, labels, 1)
	require.True(t, strings.HasSuffix(labels[0].Text, "…"), "the drawn label %q is cut", labels[0].Text)

	c := w.Canvas()
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.Ladder)
	pointer := origin.Add(fyne.NewPos(laneX(2), p.Ladder.StepY(i)))
	test.MoveMouse(c, pointer)
	assert.Contains(t, p.status.Text, full, "pointing at the step shows its full label")

	test.TapAt(p.Ladder, pointer.Subtract(origin))
	test.MoveMouse(c, fyne.NewPos(1, 1))
	require.Equal(t, -1, p.Ladder.hovered, "the pointer left the steps")
	assert.Contains(t, p.status.Text, full, "the selected step's evidence stays after the pointer leaves")

	// Another attempt replaces the steps under a pointer that stays put.
	failed := stepIndex(t, at, "xsi-device-list")
	note := at.Steps[failed].Note
	require.NotEmpty(t, note)
	test.MoveMouse(c, origin.Add(fyne.NewPos(laneX(2), p.Ladder.StepY(failed))))
	require.Contains(t, p.status.Text, note)
	p.SetAnalysis(analyzeFixture(t, "signin-ok"))
	assert.NotContains(t, p.status.Text, note, "another attempt drops the old step's evidence")
}
