package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
)

// maxFindingLinks caps the entries a finding group links to. The group's
// count still shows the total.
const maxFindingLinks = 25

// UILanguage returns the language code of signature texts: the one the
// user picked in Settings, else the system's.
func UILanguage() string {
	if a := fyne.CurrentApp(); a != nil {
		if choice := a.Preferences().String(assets.LanguagePreference); choice != "" {
			return choice
		}
	}
	return lang.SystemLocale().LanguageString()
}

// SeverityName returns the user-facing name of a signature severity.
func SeverityName(severity string) string {
	switch severity {
	case app.SeverityError:
		return lang.L("Error")
	case app.SeverityWarning:
		return lang.L("Warning")
	case app.SeverityInfo:
		return lang.L("Info")
	}
	return severity
}

// FindingsPanel lists the findings grouped by signature, most severe
// first: each group with its severity, count, first and last time, title,
// what it means and how to fix it, in the user's language, and a link to
// each entry that shows it.
type FindingsPanel struct {
	// OnSelect is called with the entry of a clicked finding.
	OnSelect func(app.EntryRef)

	groups []app.FindingGroup
	// verdict is the line above the groups, or "" for none. complete is
	// false when the verdict warns that sources are missing from the
	// findings.
	verdict  string
	complete bool
	list     *fyne.Container
	content  fyne.CanvasObject
}

// NewFindingsPanel returns an empty findings panel.
func NewFindingsPanel() *FindingsPanel {
	p := &FindingsPanel{list: container.NewVBox()}
	p.content = container.NewVScroll(p.list)
	sharing.Listen(func(bool) { p.rebuild() })
	p.rebuild()
	return p
}

// Content returns the object to place in the window.
func (p *FindingsPanel) Content() fyne.CanvasObject { return p.content }

// SetFindings shows findings whose sources were all read.
func (p *FindingsPanel) SetFindings(findings []app.Finding) {
	p.groups = app.GroupFindings(findings)
	p.verdict, p.complete = "", true
	if len(findings) == 0 {
		p.verdict = lang.L("No known problem found.")
	}
	p.rebuild()
}

// SetAnalysis shows the findings of a new analysis, under a warning line
// when some of its sources could not be read or were read with problems.
func (p *FindingsPanel) SetAnalysis(a *app.Analysis) {
	p.groups = app.GroupFindings(a.Findings)
	p.verdict, p.complete = verdictText(a.Workspace.Snapshot(), len(a.Findings))
	p.rebuild()
}

// Groups returns the groups shown, most severe first.
func (p *FindingsPanel) Groups() []app.FindingGroup { return p.groups }

func (p *FindingsPanel) rebuild() {
	p.list.RemoveAll()
	if p.verdict != "" {
		p.list.Add(verdictLabel(p.verdict, p.complete))
	}
	language := UILanguage()
	for _, g := range p.groups {
		p.list.Add(p.groupView(g, language))
		p.list.Add(widget.NewSeparator())
	}
}

// verdictLabel shows a verdict line, in the warning colour when sources
// are missing from it.
func verdictLabel(text string, complete bool) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	if !complete {
		l.Importance = widget.WarningImportance
	}
	return l
}

// groupView draws one signature's group.
func (p *FindingsPanel) groupView(g app.FindingGroup, language string) fyne.CanvasObject {
	sig := g.Signature
	bar := canvas.NewRectangle(theme.Color(signatureColorName(sig.Severity)))
	bar.SetMinSize(fyne.NewSize(theme.Padding(), 0))

	title := widget.NewLabel(Display(fmt.Sprintf("%s · %s", SeverityName(sig.Severity), sig.Title.In(language))))
	title.TextStyle.Bold = true
	title.Wrapping = fyne.TextWrapWord
	when := lang.L("{{.Count}} times, first {{.First}}, last {{.Last}}", map[string]any{
		"Count": g.Count(), "First": app.FormatTime(g.First), "Last": app.FormatTime(g.Last)})
	if g.Count() == 1 {
		when = lang.L("once, at {{.First}}", map[string]any{"First": app.FormatTime(g.First)})
	}
	meta := widget.NewLabel(sig.ID + " · " + when)
	meta.Wrapping = fyne.TextWrapWord
	meta.TextStyle.Italic = true

	box := container.NewVBox(title, meta)
	if m := sig.Meaning.In(language); m != "" {
		l := widget.NewLabel(lang.L("Cause") + ": " + Display(m))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	if f := sig.Fix.In(language); f != "" {
		l := widget.NewLabel(lang.L("Fix") + ": " + Display(f))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	for i, f := range g.Findings {
		if i == maxFindingLinks {
			more := widget.NewLabel(lang.L("and {{.Count}} more", map[string]any{"Count": g.Count() - maxFindingLinks}))
			more.Importance = widget.LowImportance
			box.Add(more)
			break
		}
		ref := f.EntryRef
		link := widget.NewButtonWithIcon(findingLink(f), theme.NavigateNextIcon(), func() {
			if p.OnSelect != nil {
				p.OnSelect(ref)
			}
		})
		link.Alignment = widget.ButtonAlignLeading
		link.Importance = widget.LowImportance
		box.Add(link)
		// The entry's key line, as the report prints it, shows how the
		// occurrences differ without opening each.
		if key := app.KeyLine(f.Entry()); key != "" {
			l := widget.NewLabel(Display(key))
			l.Wrapping = fyne.TextWrapBreak
			l.TextStyle.Monospace = true
			box.Add(l)
		}
	}
	return container.NewBorder(nil, nil, bar, nil, box)
}

// findingLink names the entry of a finding: source, line and time.
func findingLink(f app.Finding) string {
	return Display(fmt.Sprintf("%s:%d  %s", f.Source.Name, f.Entry().Line, app.FormatTime(f.Time())))
}
