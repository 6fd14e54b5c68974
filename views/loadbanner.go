package views

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// loadBannerText returns the text of the load banner: the sources that
// could not be read with each one's reason, the sources read with
// problems, and the opened paths that gave no log, such as an empty
// folder. It returns "" when every source was read without a problem and
// every path gave a log.
func loadBannerText(sources []*parsers.Source, noLogs []string) string {
	var parts []string
	if text := unreadSourcesText(sources); text != "" {
		parts = append(parts, text)
	}
	if text := damagedSourcesText(sources); text != "" {
		parts = append(parts, text)
	}
	if text := noLogPathsText(noLogs); text != "" {
		parts = append(parts, text)
	}
	return strings.Join(parts, "\n")
}

// damagedSourcesText returns how many sources were read with problems,
// such as a zip member cut short, and names them. Their entries are on
// the timeline, but the problems may hide entries.
func damagedSourcesText(sources []*parsers.Source) string {
	var names []string
	for _, src := range sources {
		if readWithProblems(src) {
			names = append(names, src.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return app.TN("{{.Count}} sources were read with problems, so the findings may miss what those problems hid: {{.Names}}",
		len(names), map[string]any{"Count": len(names), "Names": namesText(names)})
}

// noLogPathsText returns how many opened paths gave no log file at all,
// and names them.
func noLogPathsText(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	return app.TN("{{.Count}} opened paths gave no log file: {{.Names}}",
		len(paths), map[string]any{"Count": len(paths), "Names": namesText(paths)})
}

// namesText joins the first maxBannerSources names and counts the rest.
func namesText(names []string) string {
	if len(names) <= maxBannerSources {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxBannerSources], ", ") + " " +
		lang.L("and {{.Count}} more", map[string]any{"Count": len(names) - maxBannerSources})
}

// readWithProblems reports whether a source was read but carries
// problems, as app.Verdict counts it.
func readWithProblems(src *parsers.Source) bool {
	return src.Format != "" && len(src.Problems) > 0
}

// verdictText returns the verdict line of the findings and summary
// panels. app.Verdict names only the sources that could not be read when
// there are any, so the sources read with problems are added after them.
func verdictText(sources []*parsers.Source, findings int) (string, bool) {
	text, complete := app.Verdict(sources, findings)
	read := slices.DeleteFunc(slices.Clone(sources), func(src *parsers.Source) bool { return src.Format == "" })
	if len(read) == len(sources) || !slices.ContainsFunc(read, readWithProblems) {
		return text, complete
	}
	more, _ := app.Verdict(read, findings)
	return text + " " + more, false
}

// sourceProblemsText returns every problem of the sources that have any,
// each source's name on a line and its problems under it, then the paths
// that gave no log. It returns "" when there is nothing to list.
func sourceProblemsText(sources []*parsers.Source, noLogs []string) string {
	var b strings.Builder
	for _, src := range sources {
		if len(src.Problems) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(src.Name + "\n")
		for _, p := range src.Problems {
			b.WriteString("  • " + app.ProblemMessage(src.Name, p) + "\n")
		}
	}
	for _, p := range noLogs {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p + "\n  • " + lang.L("No log file was found there.") + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// showProblemsDialog lists every problem of the sources, and the paths
// that gave no log, in a dialog whose text can be selected and copied.
func showProblemsDialog(sources []*parsers.Source, noLogs []string, win fyne.Window) {
	text := sourceProblemsText(sources, noLogs)
	if text == "" {
		text = lang.L("These sources were read without problems.")
	}
	label := widget.NewLabel(Display(text))
	label.Selectable = true
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Load problems"), lang.L("Close"), container.NewVScroll(label), win)
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), min(480, size.Height*0.8)))
	d.Show()
}
