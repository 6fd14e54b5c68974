package app

import (
	"fmt"
	"html"
	"strings"
)

// StatusIcon returns a symbol for a step status, so that a drawing does not
// rely on colour alone.
func StatusIcon(s StepStatus) string {
	switch s {
	case StatusPassed:
		return "✔"
	case StatusFailed:
		return "✖"
	case StatusNotSeen:
		return "○"
	}
	return "∅"
}

// StatusColor returns the colour of a step status as #rrggbb, for drawings
// outside the Fyne theme such as the SVG export.
func StatusColor(s StepStatus) string {
	switch s {
	case StatusPassed:
		return "#2e7d32"
	case StatusFailed:
		return "#c62828"
	case StatusNotSeen:
		return "#6d6d6d"
	}
	return "#9e9e9e"
}

// stepStatuses lists the statuses in legend order.
var stepStatuses = []StepStatus{StatusPassed, StatusFailed, StatusNotSeen, StatusNoLogs}

// Mermaid returns the attempt as a Mermaid sequence diagram, for pasting
// into a ticket. A passed step is a solid arrow, a failed one ends in a
// cross, and a step not seen or without logs is dotted; each label also
// names the status, and failures and missing logs carry their note.
func Mermaid(flow *FlowDef, at *Attempt) string {
	var b strings.Builder
	b.WriteString("sequenceDiagram\n")
	fmt.Fprintf(&b, "    title %s\n", mermaidText(attemptTitle(flow, at)))
	for _, l := range flow.Lifelines {
		fmt.Fprintf(&b, "    participant %s as %s\n", mermaidID(l.ID), mermaidText(T(l.Title)))
	}
	for _, s := range at.Steps {
		arrow := "->>"
		switch {
		case s.Status == StatusFailed:
			arrow = "-x"
		case s.Status == StatusNotSeen || s.Status == StatusNoLogs:
			arrow = "-->>"
		}
		fmt.Fprintf(&b, "    %s%s%s: %s %s (%s)\n", mermaidID(s.From), arrow, mermaidID(s.To),
			StatusIcon(s.Status), mermaidText(T(s.Label)), mermaidText(T(string(s.Status))))
		if s.Note != "" && s.Status != StatusPassed {
			over := mermaidID(s.From)
			if s.FailedAt != "" {
				over = mermaidID(s.FailedAt)
			} else if s.To != s.From {
				over += "," + mermaidID(s.To)
			}
			fmt.Fprintf(&b, "    Note over %s: %s\n", over, mermaidText(s.Note))
		}
	}
	return b.String()
}

func attemptTitle(flow *FlowDef, at *Attempt) string {
	if at.ID == "" {
		return fmt.Sprintf("%s, %s", T(flow.Title), FormatTime(at.Start))
	}
	return fmt.Sprintf("%s, %s", T(flow.Title), at.ID)
}

// mermaidKeywords are words that cannot name a Mermaid participant.
var mermaidKeywords = map[string]bool{
	"as": true, "end": true, "note": true, "participant": true, "actor": true, "title": true,
	"loop": true, "alt": true, "else": true, "opt": true, "par": true, "and": true, "rect": true,
	"activate": true, "deactivate": true, "critical": true, "break": true, "box": true,
}

// mermaidID turns a lifeline id into a Mermaid participant name.
func mermaidID(id string) string {
	id = strings.ReplaceAll(id, "-", "_")
	if mermaidKeywords[strings.ToLower(id)] {
		id += "_"
	}
	return id
}

// mermaidText escapes the characters that end or change a Mermaid
// statement with its numeric entity codes.
func mermaidText(s string) string {
	r := strings.NewReplacer(";", "#59;", "#", "#35;", "<", "#60;", ">", "#62;", "\n", " ", ":", "#58;")
	return r.Replace(s)
}

// SVG layout, in pixels.
const (
	svgColumn   = 180
	svgMargin   = 20
	svgHeader   = 70
	svgRow      = 54
	svgLegend   = 40
	svgFontSize = 12
)

// SVG returns the attempt drawn as a standalone SVG document: lifelines
// with their titles, one arrow per step coloured by status with the status
// icon and name in its label, and a legend.
func SVG(flow *FlowDef, at *Attempt) string {
	width := 2*svgMargin + svgColumn*len(flow.Lifelines)
	height := svgHeader + svgRow*len(at.Steps) + svgLegend + svgMargin
	x := func(id string) int {
		return svgMargin + svgColumn*flow.Lifeline(id) + svgColumn/2
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="%d">`+"\n",
		width, height, width, height, svgFontSize)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", svgMargin, svgMargin, svgText(attemptTitle(flow, at)))

	bottom := svgHeader + svgRow*len(at.Steps)
	for _, l := range flow.Lifelines {
		cx := x(l.ID)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold">%s</text>`+"\n", cx, svgHeader-24, svgText(T(l.Title)))
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#444444" stroke-width="1"/>`+"\n", cx, svgHeader-14, cx, bottom)
	}

	for i, s := range at.Steps {
		y := svgHeader + svgRow*i + svgRow/2 + 6
		writeSVGArrow(&b, s, x(s.From), x(s.To), y)
	}

	ly := bottom + svgLegend/2 + 4
	lx := svgMargin
	for _, st := range stepStatuses {
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">%s %s</text>`+"\n", lx, ly, StatusColor(st), StatusIcon(st), svgText(T(string(st))))
		lx += 110
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func writeSVGArrow(b *strings.Builder, s *Step, x1, x2, y int) {
	// A failed step is drawn in the failure colour even when the server
	// responded with a 2xx, as the window draws it. The cross on the
	// client's end of the arrow then shows where it failed.
	color := StatusColor(s.Status)
	dash := ""
	if s.Status == StatusNotSeen || s.Status == StatusNoLogs {
		dash = ` stroke-dasharray="6 4"`
	}
	label := fmt.Sprintf("%s %s (%s)", StatusIcon(s.Status), T(s.Label), T(string(s.Status)))
	fmt.Fprintf(b, `<g id="step-%s">`+"\n", svgText(s.ID))
	fmt.Fprintf(b, `<title>%s: %s</title>`+"\n", svgText(s.ID), svgText(s.Note))
	if s.FailedAt != "" {
		fmt.Fprintf(b, `<path d="M%d %d L%d %d M%d %d L%d %d" stroke="%s" stroke-width="3"/>`+"\n",
			x1-7, y-7, x1+7, y+7, x1-7, y+7, x1+7, y-7, StatusColor(StatusFailed))
	}

	if x1 == x2 {
		// A step within one participant loops back to its own lifeline.
		fmt.Fprintf(b, `<polyline points="%d,%d %d,%d %d,%d %d,%d" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n",
			x1, y-10, x1+40, y-10, x1+40, y+6, x1+6, y+6, color, dash)
		fmt.Fprintf(b, `<polygon points="%d,%d %d,%d %d,%d" fill="%s"/>`+"\n", x1, y+6, x1+8, y+2, x1+8, y+10, color)
		fmt.Fprintf(b, `<text x="%d" y="%d" fill="%s">%s</text>`+"\n", x1+46, y, color, svgText(label))
		b.WriteString("</g>\n")
		return
	}

	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", x1, y, x2, y, color, dash)
	dir := 1
	if x2 < x1 {
		dir = -1
	}
	fmt.Fprintf(b, `<polygon points="%d,%d %d,%d %d,%d" fill="%s"/>`+"\n", x2, y, x2-10*dir, y-5, x2-10*dir, y+5, color)
	if s.Status == StatusFailed && s.FailedAt == "" {
		cx := x2 - 18*dir
		fmt.Fprintf(b, `<path d="M%d %d L%d %d M%d %d L%d %d" stroke="%s" stroke-width="2"/>`+"\n",
			cx-5, y-5, cx+5, y+5, cx-5, y+5, cx+5, y-5, color)
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="%s">%s</text>`+"\n", (x1+x2)/2, y-8, color, svgText(label))
	b.WriteString("</g>\n")
}

func svgText(s string) string {
	return html.EscapeString(s)
}
