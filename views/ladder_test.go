package views

import (
	"bytes"
	"context"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

// newPanelsTestApp starts a test app with the window's theme in its light
// variant, which knows the wxlog colour names.
func newPanelsTestApp(t *testing.T) fyne.App {
	t.Helper()
	a := test.NewTempApp(t)
	th := NewTheme()
	th.Variant = VariantLight
	a.Settings().SetTheme(th)
	sharing.Reset()
	return a
}

// analyzeFixture loads paths under testdata/corpus and analyses them.
func analyzeFixture(t *testing.T, paths ...string) *app.Analysis {
	t.Helper()
	var full []string
	for _, p := range paths {
		full = append(full, filepath.Join("testdata", "corpus", p))
	}
	ws, err := app.Load(context.Background(), full, app.Config{}, nil)
	require.NoError(t, err)
	a := app.Analyze(ws, app.AnalyzeOptions{})
	require.NoError(t, a.LadderErr)
	return a
}

func signInAttempt(t *testing.T, a *app.Analysis) (*app.FlowDef, *app.Attempt) {
	t.Helper()
	l := a.Ladder(app.FlowSignIn)
	require.NotNil(t, l)
	at := l.Current()
	require.NotNil(t, at, "the case has a sign-in attempt")
	return l.Flow, at
}

func stepStatuses(at *app.Attempt) map[string]app.StepStatus {
	out := map[string]app.StepStatus{}
	for _, s := range at.Steps {
		out[s.ID] = s.Status
	}
	return out
}

func TestLadderRendersCases(t *testing.T) {
	cases := []struct {
		name   string
		paths  []string
		golden string
		// step and status check that the fixture shows what the golden
		// file is named after.
		step   string
		status app.StepStatus
	}{
		{"passed", []string{"signin-ok"}, "ladder_passed.xml", "sip-register", app.StatusPassed},
		{"failed", []string{"device-profile-missing"}, "ladder_failed.xml", "xsi-device-list", app.StatusFailed},
		{"no client logs", []string{"signin-ok/server"}, "ladder_nologs.xml", "email-entered", app.StatusNoLogs},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			newPanelsTestApp(t)
			a := analyzeFixture(t, tc.paths...)
			flow, at := signInAttempt(t, a)
			require.Equal(t, tc.status, stepStatuses(at)[tc.step])

			l := NewLadder(flow, at)
			w := test.NewTempWindow(t, l)
			w.SetPadded(false)
			w.Resize(l.MinSize())
			test.AssertRendersToMarkup(t, tc.golden, w.Canvas())
		})
	}
}

func TestLadderWithoutAttempt(t *testing.T) {
	newPanelsTestApp(t)
	flows, err := app.Flows()
	require.NoError(t, err)
	l := NewLadder(flows[0], nil)
	w := test.NewTempWindow(t, l)
	w.Resize(l.MinSize())
	markup := test.RenderToMarkup(w.Canvas())
	assert.Contains(t, markup, "No attempt of this flow is in the loaded logs")
}

func TestLadderTapGivesEvidence(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	_, at := signInAttempt(t, a)

	failed := -1
	for i, s := range at.Steps {
		if s.Status == app.StatusFailed {
			failed = i
			break
		}
	}
	require.GreaterOrEqual(t, failed, 0)

	panel := NewLadderPanel()
	var got []app.EntryRef
	panel.OnSelect = func(ev []app.EntryRef) { got = ev }
	panel.SetAnalysis(a)
	require.Same(t, at, panel.Ladder.Attempt)
	w := test.NewTempWindow(t, panel.Content())
	w.Resize(fyne.NewSize(1600, 900))

	test.TapAt(panel.Ladder, fyne.NewPos(laneX(1), panel.Ladder.StepY(failed)))
	require.NotEmpty(t, got)
	assert.Equal(t, at.Steps[failed].Evidence, got)
	// The failing entry comes first, and it is the finding's entry.
	require.NotNil(t, at.Steps[failed].Finding)
	assert.Equal(t, at.Steps[failed].Finding.EntryRef, got[0])
	assert.Contains(t, panel.status.Text, got[0].Source.Name)

	// A tap on the legend, under the steps, selects nothing.
	got = nil
	test.TapAt(panel.Ladder, fyne.NewPos(laneX(1), panel.Ladder.rowTop(len(at.Steps))+10))
	assert.Nil(t, got)
}

func TestLadderHoverShowsEvidence(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "signin-ok")
	panel := NewLadderPanel()
	panel.SetAnalysis(a)
	w := test.NewTempWindow(t, panel.Content())
	w.Resize(fyne.NewSize(1600, 900))

	step := panel.Ladder.Attempt.Steps[2]
	panel.Ladder.MouseMoved(mouseAt(laneX(2), panel.Ladder.StepY(2)))
	assert.Contains(t, panel.status.Text, step.Label)
	assert.Contains(t, panel.status.Text, StatusName(step.Status))
	panel.Ladder.MouseOut()
	assert.NotContains(t, panel.status.Text, step.Label)
}

func TestLadderPanelFlowsAndAttempts(t *testing.T) {
	newPanelsTestApp(t)
	ok, bad := analyzeFixture(t, "signin-ok"), analyzeFixture(t, "device-profile-missing")
	_, older := signInAttempt(t, ok)
	_, newer := signInAttempt(t, bad)
	// One analysis whose sign-in ladder holds both cases' attempts, newest
	// first, as a bundle with two sign-ins gives.
	a := *bad
	signIn := *bad.Ladder(app.FlowSignIn)
	signIn.Attempts = []*app.Attempt{newer, older}
	signIn.Selected = 0
	a.Ladders = append([]*app.Ladder{&signIn}, bad.Ladders[1:]...)

	panel := NewLadderPanel()
	panel.SetAnalysis(&a)
	require.Len(t, panel.Attempts(), 2)
	assert.Contains(t, panel.Attempts()[0], newer.ID)
	assert.Contains(t, panel.Attempts()[1], older.ID)
	assert.Same(t, newer, panel.Ladder.Attempt)
	panel.SelectAttempt(1)
	assert.Same(t, older, panel.Ladder.Attempt)

	require.True(t, panel.SelectFlow(app.FlowRegistration))
	assert.Equal(t, app.FlowRegistration, panel.Ladder.Flow.ID)
	require.True(t, panel.SelectFlow(app.FlowSignIn))
	assert.Same(t, older, panel.Ladder.Attempt, "the attempt picked stays picked")
	assert.False(t, panel.SelectFlow("no-such-flow"))
}

func TestLadderPNG(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	flow, at := signInAttempt(t, a)
	data, err := LadderPNG(flow, at)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	size := NewLadder(flow, at).MinSize()
	assert.Equal(t, int(size.Width), img.Bounds().Dx())
	assert.Equal(t, int(size.Height), img.Bounds().Dy())
	test.AssertImageMatches(t, "ladder_failed.png", img)
}

func mouseAt(x, y float32) *desktop.MouseEvent {
	ev := &desktop.MouseEvent{}
	ev.Position = fyne.NewPos(x, y)
	return ev
}

func TestLadderScalesWithTextSize(t *testing.T) {
	a := newPanelsTestApp(t)
	analysis := analyzeFixture(t, "signin-ok")
	flow, at := signInAttempt(t, analysis)
	base := NewLadder(flow, at).MinSize()

	th := a.Settings().Theme().(*Theme)
	th.TextSize = 16
	a.Settings().SetTheme(th)
	l := NewLadder(flow, at)
	bigger := l.MinSize()
	assert.InDelta(t, base.Width*16/14, bigger.Width, 0.5)
	assert.InDelta(t, base.Height*16/14, bigger.Height, 0.5)

	w := test.NewTempWindow(t, l)
	w.SetPadded(false)
	w.Resize(bigger)
	var texts strings.Builder
	collectDrawnText(w.Canvas().Content(), &texts)
	assert.Contains(t, texts.String(), "XSP authentication service", "titles still fit their boxes")

	// Taps still land on the step drawn under the pointer.
	var got *app.Step
	l.OnSelect = func(s *app.Step) { got = s }
	test.TapAt(l, fyne.NewPos(laneX(1)*16/14, l.StepY(3)))
	require.NotNil(t, got)
	assert.Equal(t, at.Steps[3].ID, got.ID)
}

func TestLadderPanelScrollsToFailure(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	p := NewLadderPanel()
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(900, 260))
	p.SetAnalysis(a)

	require.NotNil(t, p.scroll)
	assert.Greater(t, p.scroll.Offset.Y, float32(0), "the failed step, low in the ladder, is scrolled into view")

	ok := analyzeFixture(t, "signin-ok")
	p.SetAnalysis(ok)
	assert.Equal(t, float32(0), p.scroll.Offset.Y, "a ladder without a failure starts at the top")
}

func TestLadderPanelOpensFlowWithAttempt(t *testing.T) {
	newPanelsTestApp(t)
	// The provisioning case lives with the app package's corpus copies.
	ws, err := app.Load(context.Background(), []string{"../app/testdata/corpus/provisioning-409"}, app.Config{}, nil)
	require.NoError(t, err)
	a := app.Analyze(ws, app.AnalyzeOptions{})
	p := NewLadderPanel()
	test.NewTempWindow(t, p.Content())
	p.SetAnalysis(a)

	l := p.current()
	require.NotNil(t, l)
	assert.Equal(t, app.FlowProvisioning, l.Flow.ID, "a provisioning case opens on the provisioning flow")
	assert.NotEmpty(t, l.Attempts)
}

func TestLadderClickMarksEvidenceInTimeline(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	abs, err := filepath.Abs("testdata/corpus/device-profile-missing")
	require.NoError(t, err)
	w.Open([]string{abs})
	w.Model.WaitIdle()

	at := w.Model.Analysis.Ladder(app.FlowSignIn).Current()
	require.NotNil(t, at)
	var step *app.Step
	for i := range at.Steps {
		if at.Steps[i].Status == app.StatusFailed {
			step = at.Steps[i]
			break
		}
	}
	require.NotNil(t, step)
	require.Greater(t, len(step.Evidence), 1, "the failed step has several evidence lines")

	w.Panels.Ladder.OnSelect(step.Evidence)
	for _, ref := range step.Evidence {
		assert.True(t, w.Model.IsEvidence(ref), "%s:%d is marked", ref.Source.Name, ref.Entry().Line)
	}
	assert.Equal(t, step.Evidence[0], w.Model.Selected, "the first evidence line is selected")

	w.Panels.Ladder.OnSelect(nil)
	assert.False(t, w.Model.IsEvidence(step.Evidence[0]), "a new click replaces the marks")
}

func TestLadderPanelKeepsTitlesInView(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	p := NewLadderPanel()
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(700, 300))
	p.SetAnalysis(a)

	require.True(t, p.Ladder.HeaderApart, "the scrolled ladder leaves its titles to the header")
	var titles []string
	for _, o := range test.LaidOutObjects(p.header) {
		if txt, ok := o.(*canvas.Text); ok {
			titles = append(titles, txt.Text)
		}
	}
	assert.Contains(t, titles, "Webex App")
	assert.Greater(t, p.scroll.Offset.Y, float32(0), "the steps are scrolled to the failure")

	p.scroll.ScrollToOffset(fyne.NewPos(300, p.scroll.Offset.Y))
	p.scroll.OnScrolled(p.scroll.Offset)
	parent := findHScroll(t, p.Content())
	assert.Equal(t, p.scroll.Offset.X, parent.Offset.X, "the titles move sideways with the steps")
}

// findHScroll returns the scroll container that holds the ladder's titles.
func findHScroll(t *testing.T, root fyne.CanvasObject) *container.Scroll {
	t.Helper()
	for _, o := range test.LaidOutObjects(root) {
		if s, ok := o.(*container.Scroll); ok && s.Direction == container.ScrollHorizontalOnly {
			return s
		}
	}
	require.Fail(t, "no horizontal scroll in the panel")
	return nil
}
