package app

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// reportFinding is one finding as the Markdown and HTML reports print it,
// with every text already masked when the export is masked.
type reportFinding struct {
	Number   int
	Severity string
	Title    string
	Meaning  string
	Fix      string
	Evidence []reportEvidence
}

// reportEvidence is one log entry that shows a finding.
type reportEvidence struct {
	Source string
	Line   int
	Time   string
	Text   string
}

// reportData is what both report writers print.
type reportData struct {
	Title     string
	Facts     []summaryLine
	Findings  []reportFinding
	LadderSVG template.HTML
	Sources   []string
	Masked    bool
	Labels    map[string]string
	// Verdict is the summary's verdict, shown when there is no finding.
	Verdict string
}

func buildReportData(a *Analysis, opts ExportOptions) *reportData {
	m := opts.Masker
	maxLines := opts.EvidenceLines
	if maxLines <= 0 {
		maxLines = DefaultEvidenceLines
	}
	d := &reportData{Title: T("wxlog findings report"), Masked: m != nil}

	s := a.Summary
	d.Verdict = T("No known problem found.")
	if s != nil {
		d.Verdict = s.verdictText(m)
	}
	if s == nil {
		s = BuildSummary(a)
	}
	for _, l := range s.lines() {
		d.Facts = append(d.Facts, summaryLine{label: l.label, value: m.Mask(l.value)})
	}

	for i, f := range s.Findings {
		rf := reportFinding{
			Number:   i + 1,
			Severity: f.Signature.Severity,
			Title:    m.Mask(f.Signature.Title.In(opts.Language)),
			Meaning:  m.Mask(f.Signature.Meaning.In(opts.Language)),
			Fix:      m.Mask(f.Signature.Fix.In(opts.Language)),
		}
		refs := append([]EntryRef{f.EntryRef}, f.Related...)
		for _, r := range refs {
			e := r.Entry()
			rf.Evidence = append(rf.Evidence, reportEvidence{
				Source: m.Mask(r.Source.Name),
				Line:   int(e.Line),
				Time:   FormatTime(refTime(r)),
				Text:   m.Mask(firstLines(e.Raw, maxLines)),
			})
		}
		d.Findings = append(d.Findings, rf)
	}

	if opts.LadderSVG != "" {
		svg := opts.LadderSVG
		if m != nil {
			svg = m.Mask(svg)
		}
		// The SVG is wxlog's own drawing with its texts escaped by the
		// ladder writer, so it goes into the page as markup.
		d.LadderSVG = template.HTML(svg)
	}
	for _, src := range a.Workspace.Snapshot() {
		d.Sources = append(d.Sources, m.Mask(src.Name))
	}
	return d
}

// firstLines returns the first n lines of s, with a marker when lines were
// cut.
func firstLines(s string, n int) string {
	s = strings.TrimRight(s, "\r\n")
	lines := strings.SplitAfter(s, "\n")
	if len(lines) <= n {
		return strings.ReplaceAll(s, "\r\n", "\n")
	}
	cut := strings.Join(lines[:n], "")
	cut = strings.ReplaceAll(cut, "\r\n", "\n")
	return cut + T("[{{.Count}} more lines]", map[string]any{"Count": len(lines) - n})
}

// WriteMarkdownReport writes the findings report as Markdown: the case
// summary, each finding with its meaning, fix and evidence lines, and the
// loaded sources. Markdown cannot hold the ladder picture, so the report
// points to the HTML export for it.
func WriteMarkdownReport(w io.Writer, a *Analysis, opts ExportOptions) error {
	d := buildReportData(a, opts)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", d.Title)
	if d.Masked {
		fmt.Fprintf(&b, "%s\n\n", T("Personal data in this report is replaced by pseudonyms."))
	}

	fmt.Fprintf(&b, "## %s\n\n", T("Case summary"))
	fmt.Fprintf(&b, "| %s | %s |\n|---|---|\n", T("Fact"), T("Value"))
	for _, f := range d.Facts {
		fmt.Fprintf(&b, "| %s | %s |\n", markdownEscape(f.label), markdownEscape(f.value))
	}

	fmt.Fprintf(&b, "\n## %s\n\n", T("Findings"))
	if len(d.Findings) == 0 {
		fmt.Fprintf(&b, "%s\n", markdownEscape(d.Verdict))
	}
	for _, f := range d.Findings {
		fmt.Fprintf(&b, "### %d. %s (%s)\n\n", f.Number, markdownEscape(f.Title), f.Severity)
		if f.Meaning != "" {
			fmt.Fprintf(&b, "**%s:** %s\n\n", T("Meaning"), markdownEscape(f.Meaning))
		}
		if f.Fix != "" {
			fmt.Fprintf(&b, "**%s:** %s\n\n", T("Fix"), markdownEscape(f.Fix))
		}
		fmt.Fprintf(&b, "%s:\n\n", T("Evidence"))
		for _, e := range f.Evidence {
			fmt.Fprintf(&b, "`%s:%d` %s\n\n", markdownCode(e.Source), e.Line, e.Time)
			fence := "```"
			for strings.Contains(e.Text, fence) {
				fence += "`"
			}
			fmt.Fprintf(&b, "%stext\n%s\n%s\n\n", fence, e.Text, fence)
		}
	}

	if d.LadderSVG != "" {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", T("Sign-in ladder"), T("The ladder picture is in the HTML report."))
	}

	fmt.Fprintf(&b, "\n## %s\n\n", T("Sources"))
	for _, s := range d.Sources {
		fmt.Fprintf(&b, "- `%s`\n", markdownCode(s))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteHTMLReport writes the findings report as one self-contained HTML
// page: styles inline, the ladder picture as inline SVG when
// opts.LadderSVG is set, and no external resources.
func WriteHTMLReport(w io.Writer, a *Analysis, opts ExportOptions) error {
	d := buildReportData(a, opts)
	d.Labels = map[string]string{
		"masked":   T("Personal data in this report is replaced by pseudonyms."),
		"summary":  T("Case summary"),
		"findings": T("Findings"),
		"none":     d.Verdict,
		"meaning":  T("Meaning"),
		"fix":      T("Fix"),
		"evidence": T("Evidence"),
		"ladder":   T("Sign-in ladder"),
		"sources":  T("Sources"),
		"fact":     T("Fact"),
		"value":    T("Value"),
	}
	return htmlReport.Execute(w, d)
}

var htmlReport = template.Must(template.New("report").Funcs(template.FuncMap{
	"label": func(l summaryLine) string { return l.label },
	"value": func(l summaryLine) string { return l.value },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #1b1b1b; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
pre { background: #f4f4f4; padding: 0.6em; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.sev-error { color: #b00020; } .sev-warning { color: #8a5a00; } .sev-info { color: #005a9c; }
.masked { background: #fff4cc; padding: 0.4em; }
.ref { font-family: monospace; }
</style>
</head>
<body>
<h1 id="title">{{.Title}}</h1>
{{if .Masked}}<p class="masked">{{index .Labels "masked"}}</p>{{end}}
<h2>{{index .Labels "summary"}}</h2>
<table id="summary">
<tr><th>{{index .Labels "fact"}}</th><th>{{index .Labels "value"}}</th></tr>
{{range .Facts}}<tr><td>{{label .}}</td><td>{{value .}}</td></tr>
{{end}}</table>
<h2>{{index .Labels "findings"}}</h2>
{{if not .Findings}}<p id="no-findings">{{index .Labels "none"}}</p>{{end}}
{{range .Findings}}<section class="finding">
<h3 class="sev-{{.Severity}}">{{.Number}}. {{.Title}} ({{.Severity}})</h3>
{{if .Meaning}}<p><strong>{{index $.Labels "meaning"}}:</strong> {{.Meaning}}</p>{{end}}
{{if .Fix}}<p class="fix"><strong>{{index $.Labels "fix"}}:</strong> {{.Fix}}</p>{{end}}
<p>{{index $.Labels "evidence"}}:</p>
{{range .Evidence}}<p class="ref">{{.Source}}:{{.Line}} {{.Time}}</p>
<pre>{{.Text}}</pre>
{{end}}</section>
{{end}}
{{if .LadderSVG}}<h2>{{index .Labels "ladder"}}</h2>
<div id="ladder">{{.LadderSVG}}</div>
{{end}}<h2>{{index .Labels "sources"}}</h2>
<ul id="sources">
{{range .Sources}}<li class="ref">{{.}}</li>
{{end}}</ul>
</body>
</html>
`))
