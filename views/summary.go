package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
)

// SummaryPanel shows the facts an escalation needs and copies them as
// plain text or Markdown with one click. In screen-sharing mode both the
// panel and the copies are masked.
type SummaryPanel struct {
	summary *app.Summary
	// verdict and complete are as in FindingsPanel.
	verdict  string
	complete bool
	facts    *fyne.Container
	findings *fyne.Container
	content  fyne.CanvasObject
}

// NewSummaryPanel returns an empty summary panel.
func NewSummaryPanel() *SummaryPanel {
	p := &SummaryPanel{
		facts:    container.New(layout.NewFormLayout()),
		findings: container.NewVBox(),
	}
	copyText := widget.NewButtonWithIcon(lang.L("Copy as text"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(p.Text())
	})
	copyMarkdown := widget.NewButtonWithIcon(lang.L("Copy as Markdown"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(p.Markdown())
	})
	heading := widget.NewLabel(lang.L("Findings"))
	heading.TextStyle.Bold = true
	body := container.NewVBox(p.facts, heading, p.findings)
	p.content = container.NewBorder(container.NewHBox(copyText, copyMarkdown), nil, nil, nil, container.NewVScroll(body))
	sharing.Listen(func(bool) { p.rebuild() })
	p.rebuild()
	return p
}

// Content returns the object to place in the window.
func (p *SummaryPanel) Content() fyne.CanvasObject { return p.content }

// SetSummary shows a summary whose sources were all read.
func (p *SummaryPanel) SetSummary(s *app.Summary) {
	p.summary = s
	p.verdict, p.complete = "", true
	if s != nil && len(s.Findings) == 0 {
		p.verdict = lang.L("No known problem found.")
	}
	p.rebuild()
}

// SetAnalysis shows the summary of a new analysis, with a warning line
// when some of its sources could not be read or were read with problems.
func (p *SummaryPanel) SetAnalysis(a *app.Analysis) {
	p.summary = a.Summary
	findings := len(a.Findings)
	if a.Summary != nil {
		// The summary keeps only the findings of the client's own story.
		findings = len(a.Summary.Findings)
	}
	p.verdict, p.complete = verdictText(a.Workspace.Snapshot(), findings)
	p.rebuild()
}

// Text returns the summary as plain text, masked in screen-sharing mode.
func (p *SummaryPanel) Text() string {
	if p.summary == nil {
		return ""
	}
	return p.summary.Text(UILanguage(), sharing.Masker())
}

// Markdown returns the summary as Markdown, masked in screen-sharing mode.
func (p *SummaryPanel) Markdown() string {
	if p.summary == nil {
		return ""
	}
	return p.summary.Markdown(UILanguage(), sharing.Masker())
}

// summaryFacts lists the labelled facts of a summary that the logs hold.
func summaryFacts(s *app.Summary) [][2]string {
	var out [][2]string
	add := func(label, value string) {
		if value != "" {
			out = append(out, [2]string{label, value})
		}
	}
	add(lang.L("Webex user"), s.Email)
	add(lang.L("Webex user id"), s.WebexUserID)
	add(lang.L("BroadWorks user id"), s.BWUser)
	add(lang.L("Org id"), s.OrgID)
	platform := s.Platform
	if s.PlatformDetail != "" {
		platform += " (" + s.PlatformDetail + ")"
	}
	add(lang.L("Client platform"), platform)
	add(lang.L("Client version"), s.ClientVersion)
	if s.First != 0 {
		add(lang.L("Problem window"), app.FormatTime(s.First)+" .. "+app.FormatTime(s.Last))
	}
	add(lang.L("Tracking ids"), strings.Join(s.TrackingIDs, ", "))
	add(lang.L("Feedback id"), strings.Join(s.FeedbackIDs, ", "))
	add(lang.L("Sign-in ladder"), s.Ladder)
	add(lang.L("Caution"), s.Caution)
	return out
}

func (p *SummaryPanel) rebuild() {
	p.facts.RemoveAll()
	p.findings.RemoveAll()
	if p.summary == nil {
		p.findings.Add(widget.NewLabel(lang.L("No logs loaded")))
		return
	}
	for _, f := range summaryFacts(p.summary) {
		label := widget.NewLabel(f[0])
		label.TextStyle.Bold = true
		value := widget.NewLabel(Display(f[1]))
		value.Wrapping = fyne.TextWrapBreak
		p.facts.Add(label)
		p.facts.Add(value)
	}
	if p.verdict != "" {
		p.findings.Add(verdictLabel(p.verdict, p.complete))
	}
	language := UILanguage()
	for _, g := range app.GroupFindings(p.summary.Findings) {
		f := g.Findings[0]
		text := "[" + SeverityName(f.Signature.Severity) + "] " + f.Signature.Title.In(language)
		if g.Count() > 1 {
			text += " " + lang.L("({{.Count}} times)", map[string]any{"Count": g.Count()})
		}
		if fix := f.Signature.Fix.In(language); fix != "" {
			text += "\n" + lang.L("Fix") + ": " + fix
		}
		l := widget.NewLabel(Display(text))
		l.Wrapping = fyne.TextWrapWord
		p.findings.Add(l)
	}
}
