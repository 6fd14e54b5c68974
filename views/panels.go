package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"github.com/wxlog/wxlog/app"
)

// AnalysisPanels are the window's views of the analysis: the ladder tab,
// the findings and summary panels, and the exports.
type AnalysisPanels struct {
	Ladder   *LadderPanel
	Findings *FindingsPanel
	Summary  *SummaryPanel
	Export   *Exporter
	// SharingItem is the View menu item of screen-sharing mode.
	SharingItem *fyne.MenuItem
}

// SharingShortcut is Ctrl+Shift+P (Cmd+Shift+P on macOS), the shortcut of
// screen-sharing mode.
var SharingShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// addAnalysisPanels plugs the analysis panels, their menu items and the
// screen-sharing shortcut into the window. It runs after the menu is built
// and before its shortcuts are bound.
func (w *MainWindow) addAnalysisPanels() *AnalysisPanels {
	m := w.Model
	p := &AnalysisPanels{
		Ladder:   NewLadderPanel(),
		Findings: NewFindingsPanel(),
		Summary:  NewSummaryPanel(),
		Export:   &Exporter{Window: w.Window, Model: m},
	}
	if s, ok := w.picker.(FileSaver); ok {
		p.Export.Saver = s
	}
	showEntry := func(ref app.EntryRef) {
		if ref.Source == nil {
			return
		}
		m.Select(ref)
		w.Centre.SelectIndex(0)
	}
	p.Ladder.OnSelect = func(evidence []app.EntryRef) {
		m.SetEvidence(evidence)
		if len(evidence) > 0 {
			showEntry(evidence[0])
		}
	}
	p.Ladder.OnExport = p.Export.ExportLadder
	p.Findings.OnSelect = showEntry

	w.AddCentreTab(lang.L("Sign-in ladder"), p.Ladder.Content())
	w.AddSidePanel(lang.L("Findings"), p.Findings.Content())
	w.AddSidePanel(lang.L("Summary"), p.Summary.Content())
	w.OnAnalysis(func(a *app.Analysis) {
		// A new analysis has new steps; the old step's marks would mislead.
		m.SetEvidence(nil)
		p.Ladder.SetAnalysis(a)
		p.Findings.SetAnalysis(a)
		p.Summary.SetAnalysis(a)
	})

	if file := w.App.Preferences().String(PrefSignatureFile); file != "" && m.Options.Catalogue == nil {
		if errs := LoadSignatureFile(m, file); len(errs) > 0 {
			w.ShowError(catalogueProblems(errs))
		}
	}

	p.SharingItem = fyne.NewMenuItem(lang.L("Screen-sharing mode"), func() { sharing.Set(!sharing.On(), m, w.Theme) })
	p.SharingItem.Shortcut = SharingShortcut
	sharing.Listen(func(on bool) {
		p.SharingItem.Checked = on
		w.RefreshMenu()
	})
	w.ViewMenu.Items = append(w.ViewMenu.Items, fyne.NewMenuItemSeparator(), p.SharingItem)

	if mm := w.Window.MainMenu(); mm != nil && len(mm.Items) > 0 {
		file := mm.Items[0]
		file.Items = append(file.Items,
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Export findings report…"), p.Export.ShowReportExport),
			fyne.NewMenuItem(lang.L("Export filtered timeline…"), p.Export.ShowTimelineExport),
			fyne.NewMenuItem(lang.L("Export masked copy of the logs…"), p.Export.ShowMaskedBundleExport),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Settings…"), w.ShowSettings),
		)
	}
	w.RefreshMenu()
	return p
}
