package views

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
)

func TestFindingsPanelGroupsAndSelects(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "device-profile-missing")
	require.NotEmpty(t, a.Findings)

	p := NewFindingsPanel()
	var got app.EntryRef
	p.OnSelect = func(ref app.EntryRef) { got = ref }
	p.SetFindings(a.Findings)
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(700, 900))

	groups := p.Groups()
	require.NotEmpty(t, groups)
	sig := groups[0].Signature
	assert.Equal(t, "bwc-device-profile-missing", sig.ID)
	markup := test.RenderToMarkup(w.Canvas())
	assert.Contains(t, markup, sig.Title.En)
	assert.Contains(t, markup, leadingWords(sig.Fix.En))
	assert.Contains(t, markup, leadingWords(sig.Meaning.En))
	assert.Contains(t, markup, "BWC:SCF: ConfigDownload - device profile", "each occurrence shows its key line")

	link := findButton(t, p.Content(), groups[0].Findings[0].Source.Name)
	test.Tap(link)
	assert.Equal(t, groups[0].Findings[0].EntryRef, got)
}

func TestFindingsPanelLanguage(t *testing.T) {
	a := newPanelsTestApp(t)
	a.Preferences().SetString(assets.LanguagePreference, "da")
	analysis := analyzeFixture(t, "device-profile-missing")
	p := NewFindingsPanel()
	p.SetFindings(analysis.Findings)
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(700, 900))
	sig := p.Groups()[0].Signature
	require.NotEmpty(t, sig.Fix.Da)
	markup := test.RenderToMarkup(w.Canvas())
	assert.Contains(t, markup, leadingWords(sig.Fix.Da))
	assert.NotContains(t, markup, leadingWords(sig.Fix.En))
}

func TestFindingsPanelEmpty(t *testing.T) {
	newPanelsTestApp(t)
	a := analyzeFixture(t, "signin-ok")
	p := NewFindingsPanel()
	p.SetFindings(a.Findings)
	for _, g := range p.Groups() {
		assert.NotEqual(t, app.SeverityError, g.Signature.Severity, "the good case raises no error")
		assert.NotEqual(t, app.SeverityWarning, g.Signature.Severity, "the good case raises no warning")
	}
}

func TestSummaryPanelCopies(t *testing.T) {
	a := newPanelsTestApp(t)
	analysis := analyzeFixture(t, "device-profile-missing")
	p := NewSummaryPanel()
	p.SetSummary(analysis.Summary)
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(700, 900))
	assert.Contains(t, test.RenderToMarkup(w.Canvas()), "alice@example.com")

	test.Tap(findButton(t, p.Content(), "Copy as text"))
	text := a.Clipboard().Content()
	assert.Equal(t, analysis.Summary.Text("en", nil), text)
	assert.Contains(t, text, "alice@example.com")

	test.Tap(findButton(t, p.Content(), "Copy as Markdown"))
	md := a.Clipboard().Content()
	assert.Equal(t, analysis.Summary.Markdown("en", nil), md)
	assert.Contains(t, md, "| ")
}

func TestExporterWritesReportsAndBundle(t *testing.T) {
	newPanelsTestApp(t)
	analysis := analyzeFixture(t, "device-profile-missing")
	m := NewModel(analysis.Workspace, app.AnalyzeOptions{})
	m.SetAnalysis(analysis)
	m.WaitIdle()
	e := &Exporter{Model: m}
	dir := t.TempDir()

	cases := []struct {
		name, format string
		masked       bool
		want         string
	}{
		{"report.md", ReportMarkdown, false, "alice@example.com"},
		{"report.html", ReportHTML, false, "<svg"},
		{"masked.md", ReportMarkdown, true, "user-1"},
		{"masked.html", ReportHTML, true, "<svg"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			require.NoError(t, e.WriteReport(path, tc.format, tc.masked))
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Contains(t, string(data), tc.want)
			if tc.masked {
				assertFileLacks(t, path, personalValues)
			}
		})
	}

	bundle := filepath.Join(dir, "masked.zip")
	require.NoError(t, e.WriteMaskedBundle(bundle))
	zr, err := zip.OpenReader(bundle)
	require.NoError(t, err)
	defer zr.Close()
	require.NotEmpty(t, zr.File)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		var b strings.Builder
		_, err = io.Copy(&b, rc)
		rc.Close()
		require.NoError(t, err)
		for _, v := range personalValues {
			assert.NotContains(t, b.String(), v, f.Name)
		}
	}

	// An export never overwrites a loaded source.
	var src string
	for _, s := range analysis.Workspace.Snapshot() {
		if strings.HasSuffix(s.Path, ".txt") && !strings.Contains(s.Path, ".zip") {
			src = s.Path
		}
	}
	require.NotEmpty(t, src, "the case has a plain server log")
	before, err := os.ReadFile(src)
	require.NoError(t, err)
	assert.ErrorIs(t, e.WriteTimeline(src), app.ErrSourceTarget)
	after, err := os.ReadFile(src)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

func TestExporterWithoutLogs(t *testing.T) {
	newPanelsTestApp(t)
	e := &Exporter{Model: NewModel(&app.Workspace{}, app.AnalyzeOptions{})}
	err := e.WriteReport(filepath.Join(t.TempDir(), "r.md"), ReportMarkdown, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "No logs are loaded yet")
}

func TestLadderTextMaskedInSharingMode(t *testing.T) {
	newPanelsTestApp(t)
	analysis := analyzeFixture(t, "device-profile-missing")
	flow, at := signInAttempt(t, analysis)
	for _, format := range []string{"svg", "mermaid"} {
		plain := LadderText(format, flow, at)
		require.NotEmpty(t, plain)
		if format == "svg" {
			assert.True(t, strings.HasPrefix(plain, "<svg"))
		} else {
			assert.True(t, strings.HasPrefix(plain, "sequenceDiagram"))
		}
	}
	sharing.Set(true, nil, nil)
	defer sharing.Reset()
	assert.NotContains(t, LadderText("mermaid", flow, at), "alice@example.com")
}

// findButton returns the first button whose text contains text.
func findButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, text) {
			return b
		}
	}
	require.Failf(t, "no button", "no button with %q", text)
	return nil
}

// leadingWords returns the first few words of a text, which a wrapped label
// keeps on one line.
func leadingWords(s string) string {
	words := strings.Fields(s)
	return strings.Join(words[:min(3, len(words))], " ")
}
