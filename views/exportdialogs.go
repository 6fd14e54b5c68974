package views

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
)

// FileSaver prompts for the path of a file to write. It blocks until the
// user closes the dialog, returns "" on cancel, and runs off the UI thread.
// nativedialog.Picker is the native implementation.
type FileSaver interface {
	SaveFile(title, name, kind string, exts ...string) (string, error)
}

// Report formats of the findings report.
const (
	ReportMarkdown = "markdown"
	ReportHTML     = "html"
)

// Exporter writes the exports of the window: the findings report, the
// filtered timeline, a masked copy of the bundle and the ladder. It writes
// only to a path the user picked, through a temporary file renamed into
// place, and never over a loaded source.
type Exporter struct {
	Window fyne.Window
	Model  *Model
	// Saver prompts for the path. When nil, Fyne's own save dialog does.
	Saver FileSaver
}

func (e *Exporter) analysis() (*app.Analysis, error) {
	if e.Model == nil || e.Model.Analysis == nil {
		return nil, errors.New(lang.L("No logs are loaded yet"))
	}
	return e.Model.Analysis, nil
}

// reportMasker returns the masker of a masked export: the one of
// screen-sharing mode when it is on, so the file and the screen use the
// same pseudonyms, else one that learns the analysis now.
func reportMasker(a *app.Analysis) *app.Masker {
	if m := sharing.Masker(); m != nil {
		return m
	}
	return app.NewWorkspaceMasker(a)
}

// WriteReport writes the findings report in format (ReportMarkdown or
// ReportHTML) to path, masked when masked is true.
func (e *Exporter) WriteReport(path, format string, masked bool) error {
	a, err := e.analysis()
	if err != nil {
		return err
	}
	opts := app.ExportOptions{Language: UILanguage()}
	if masked {
		opts.Masker = reportMasker(a)
	}
	if l := a.Ladder(app.FlowSignIn); l != nil && l.Current() != nil {
		opts.LadderSVG = app.SVG(l.Flow, l.Current())
		if opts.Masker != nil {
			opts.LadderSVG = opts.Masker.Mask(opts.LadderSVG)
		}
	}
	return app.WriteFileAtomic(path, a.Workspace, func(w io.Writer) error {
		if format == ReportHTML {
			return app.WriteHTMLReport(w, a, opts)
		}
		return app.WriteMarkdownReport(w, a, opts)
	})
}

// WriteTimeline writes the rows the filter keeps as text to path, masked
// in screen-sharing mode.
func (e *Exporter) WriteTimeline(path string) error {
	a, err := e.analysis()
	if err != nil {
		return err
	}
	tl, rows, m := e.Model.Timeline, e.Model.Rows, sharing.Masker()
	return app.WriteFileAtomic(path, a.Workspace, func(w io.Writer) error {
		return app.WriteTimelineText(w, tl, rows, m)
	})
}

// WriteMaskedBundle writes a zip of every loaded log, masked, to path.
func (e *Exporter) WriteMaskedBundle(path string) error {
	a, err := e.analysis()
	if err != nil {
		return err
	}
	m := reportMasker(a)
	return app.WriteFileAtomic(path, a.Workspace, func(w io.Writer) error {
		return app.WriteMaskedBundle(w, a.Workspace, m)
	})
}

// LadderText returns an attempt as SVG or Mermaid text, masked in
// screen-sharing mode.
func LadderText(format string, flow *app.FlowDef, at *app.Attempt) string {
	var text string
	if format == "svg" {
		text = app.SVG(flow, at)
	} else {
		text = app.Mermaid(flow, at)
	}
	if m := sharing.Masker(); m != nil {
		text = m.Mask(text)
	}
	return text
}

// ShowReportExport asks for the format and masking of the findings
// report, then for the path, and writes it.
func (e *Exporter) ShowReportExport() {
	if _, err := e.analysis(); err != nil {
		dialog.ShowError(err, e.Window)
		return
	}
	format := widget.NewRadioGroup([]string{lang.L("Markdown"), lang.L("HTML page")}, nil)
	format.SetSelected(lang.L("HTML page"))
	format.Required = true
	masked := widget.NewCheck(lang.L("Replace personal data with pseudonyms"), nil)
	masked.SetChecked(sharing.On())
	dialog.ShowForm(lang.L("Export findings report"), lang.L("Export…"), lang.L("Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("Format"), format),
			widget.NewFormItem(lang.L("Masking"), masked),
		},
		func(ok bool) {
			if !ok {
				return
			}
			f, name, exts := ReportHTML, "wxlog-report.html", []string{"html"}
			if format.Selected == lang.L("Markdown") {
				f, name, exts = ReportMarkdown, "wxlog-report.md", []string{"md"}
			}
			mask := masked.Checked
			e.askPath(lang.L("Export findings report"), name, lang.L("Reports"), exts, func(path string) error {
				return e.WriteReport(path, f, mask)
			})
		}, e.Window)
}

// ShowTimelineExport asks for a path and writes the filtered timeline.
func (e *Exporter) ShowTimelineExport() {
	if _, err := e.analysis(); err != nil {
		dialog.ShowError(err, e.Window)
		return
	}
	e.askPath(lang.L("Export the filtered timeline"), "wxlog-timeline.txt", lang.L("Text files"), []string{"txt"}, e.WriteTimeline)
}

// ShowMaskedBundleExport asks for a path and writes the masked bundle.
func (e *Exporter) ShowMaskedBundleExport() {
	if _, err := e.analysis(); err != nil {
		dialog.ShowError(err, e.Window)
		return
	}
	e.askPath(lang.L("Export a masked copy of the logs"), "wxlog-masked.zip", lang.L("Zip archives"), []string{"zip"}, e.WriteMaskedBundle)
}

// ExportLadder saves an attempt as PNG or SVG, or copies it as Mermaid
// text to the clipboard.
func (e *Exporter) ExportLadder(format string, flow *app.FlowDef, at *app.Attempt) {
	if flow == nil || at == nil {
		dialog.ShowError(errors.New(lang.L("No attempt of this flow is in the loaded logs")), e.Window)
		return
	}
	switch format {
	case "mermaid":
		fyne.CurrentApp().Clipboard().SetContent(LadderText("mermaid", flow, at))
	case "svg":
		text := LadderText("svg", flow, at)
		e.askPath(lang.L("Save the ladder as SVG"), "wxlog-ladder.svg", lang.L("SVG pictures"), []string{"svg"}, func(path string) error {
			return app.WriteFileAtomic(path, e.workspace(), func(w io.Writer) error {
				_, err := io.WriteString(w, text)
				return err
			})
		})
	case "png":
		// The picture is drawn here on the UI thread, on a new widget
		// tree. Only the writing happens in the background.
		data, err := LadderPNG(flow, at)
		if err != nil {
			dialog.ShowError(err, e.Window)
			return
		}
		e.askPath(lang.L("Save the ladder as PNG"), "wxlog-ladder.png", lang.L("PNG pictures"), []string{"png"}, func(path string) error {
			return app.WriteFileAtomic(path, e.workspace(), func(w io.Writer) error {
				_, err := io.Copy(w, bytes.NewReader(data))
				return err
			})
		})
	}
}

func (e *Exporter) workspace() *app.Workspace {
	if e.Model == nil {
		return nil
	}
	return e.Model.Workspace
}

// askPath asks for a path off the UI thread and then runs write in the
// background, reporting the outcome in a dialog.
func (e *Exporter) askPath(title, name, kind string, exts []string, write func(path string) error) {
	done := func(path string) {
		e.Model.Go(func() func() {
			err := write(path)
			return func() {
				if err != nil {
					dialog.ShowError(err, e.Window)
					return
				}
				dialog.ShowInformation(lang.L("Export saved"), Display(path), e.Window)
			}
		})
	}
	if e.Saver == nil {
		d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil {
				dialog.ShowError(err, e.Window)
				return
			}
			if wc == nil {
				return
			}
			path := wc.URI().Path()
			wc.Close()
			done(path)
		}, e.Window)
		d.SetFileName(name)
		d.Show()
		return
	}
	go func() {
		path, err := e.Saver.SaveFile(title, name, kind, exts...)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s: %w", lang.L("The file dialog failed"), err), e.Window)
				return
			}
			if path != "" {
				done(path)
			}
		})
	}()
}
