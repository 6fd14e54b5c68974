package views

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
)

// Colour names of the ladder's step statuses. A theme that leaves them
// transparent gets the colours of app.StatusColor.
const (
	ColorNameStepPassed  fyne.ThemeColorName = "wxlogStepPassed"
	ColorNameStepFailed  fyne.ThemeColorName = "wxlogStepFailed"
	ColorNameStepNotSeen fyne.ThemeColorName = "wxlogStepNotSeen"
	ColorNameStepNoLogs  fyne.ThemeColorName = "wxlogStepNoLogs"
)

// Ladder layout, in Fyne units.
const (
	ladderGutter = 34  // the status icon column left of the lifelines
	ladderColumn = 172 // the width of one lifeline's column
	// ladderMinColumn is the narrowest column a ladder fitted to its pane
	// gets. A narrower pane scrolls sideways, because lifeline titles
	// and step labels would be cut to a few letters.
	ladderMinColumn = 124
	ladderHeader    = 54 // lifeline title boxes
	ladderRow       = 44 // one step
	ladderLegend    = 36 // the legend under the steps
	ladderMargin    = 8
	ladderIcon      = 12 // the side of a status icon
	ladderHeadLen   = 10 // the arrowhead
	// ladderBaseText is the text size the layout above is made for. A
	// larger text size, as in screen-sharing mode, scales the drawing.
	ladderBaseText = 14
)

// ladderLineTop is the y of a lifeline's top end, just under its title box.
const ladderLineTop = ladderHeader - ladderMargin - 6

// ladderScale returns the factor the drawing is scaled by for the current
// text size, never below 1.
func ladderScale() float32 {
	return max(1, theme.TextSize()/ladderBaseText)
}

// ladderStatuses lists the statuses in legend order.
var ladderStatuses = []app.StepStatus{app.StatusPassed, app.StatusFailed, app.StatusNotSeen, app.StatusNoLogs}

// StatusName returns the user-facing name of a step status.
func StatusName(s app.StepStatus) string {
	switch s {
	case app.StatusPassed:
		return lang.L("Passed")
	case app.StatusFailed:
		return lang.L("Failed")
	case app.StatusNotSeen:
		return lang.L("Not seen")
	}
	return lang.L("No logs loaded")
}

func statusColorName(s app.StepStatus) fyne.ThemeColorName {
	switch s {
	case app.StatusPassed:
		return ColorNameStepPassed
	case app.StatusFailed:
		return ColorNameStepFailed
	case app.StatusNotSeen:
		return ColorNameStepNotSeen
	}
	return ColorNameStepNoLogs
}

// StatusColor returns the theme's colour of a step status, or the
// colour app.StatusColor names when the theme has none.
func StatusColor(s app.StepStatus) color.Color {
	c := theme.Color(statusColorName(s))
	if _, _, _, a := c.RGBA(); a != 0 {
		return c
	}
	return parseHexColor(app.StatusColor(s))
}

func parseHexColor(hex string) color.Color {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil {
		return theme.Color(theme.ColorNameForeground)
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// Ladder draws one attempt of a flow as a sequence diagram: a column per
// lifeline, an arrow per step coloured by its status, with an icon per
// status in the left column (a check, a cross, a ring, a struck ring) so
// the status does not rest on colour alone, and a legend under it. A tap
// on a step calls OnSelect, and the pointer over a step calls OnHover.
type Ladder struct {
	widget.BaseWidget

	Flow    *app.FlowDef
	Attempt *app.Attempt

	// OnSelect is called with the tapped step. Its Evidence are the
	// entries that show it.
	OnSelect func(step *app.Step)
	// OnHover is called with the step under the pointer, or nil when the
	// pointer leaves the steps.
	OnHover func(step *app.Step)
	// HeaderApart leaves the lifeline titles out of the drawing, and the
	// room they take, because a LadderHeader above the scrolled ladder
	// shows them. The first step is then drawn at the top.
	HeaderApart bool

	// fitWidth is the width of the pane to fit the lifelines into, or 0
	// for the full column width, as exports use.
	fitWidth float32
	header   *LadderHeader
	hovered  int
	selected int
	// pointerIn is true while the pointer is over the ladder. pointerY is
	// then the pointer's y in the ladder's parent, which is the viewport
	// of the scroll that contains the ladder.
	pointerIn bool
	pointerY  float32
}

// NewLadder returns a ladder of one attempt. at may be nil when the flow
// has no attempt in the loaded logs.
func NewLadder(flow *app.FlowDef, at *app.Attempt) *Ladder {
	l := &Ladder{Flow: flow, Attempt: at, hovered: -1, selected: -1}
	l.ExtendBaseWidget(l)
	return l
}

// SetAttempt shows another flow or attempt.
func (l *Ladder) SetAttempt(flow *app.FlowDef, at *app.Attempt) {
	l.Flow, l.Attempt = flow, at
	l.hovered, l.selected = -1, -1
	l.Refresh()
	if l.header != nil {
		l.header.Refresh()
	}
}

// SetFitWidth narrows the lifeline columns, down to ladderMinColumn, so
// that the ladder fits a pane width wide. 0 restores the full width.
func (l *Ladder) SetFitWidth(width float32) {
	if width == l.fitWidth {
		return
	}
	before := l.column()
	l.fitWidth = width
	if l.column() == before {
		return
	}
	l.Refresh()
	if l.header != nil {
		l.header.Refresh()
	}
}

// column returns the width of one lifeline's column at the base text
// size: ladderColumn, or less to fit the width set by SetFitWidth.
func (l *Ladder) column() float32 {
	if l.fitWidth <= 0 || l.Flow == nil || len(l.Flow.Lifelines) == 0 {
		return ladderColumn
	}
	free := l.fitWidth/ladderScale() - ladderGutter - ladderMargin*2
	return min(ladderColumn, max(ladderMinColumn, free/float32(len(l.Flow.Lifelines))))
}

// lifelineX returns the x of a lifeline's vertical line at the ladder's
// column width.
func (l *Ladder) lifelineX(i int) float32 {
	return lifelineX(i, l.column())
}

func (l *Ladder) steps() []*app.Step {
	if l.Attempt == nil {
		return nil
	}
	return l.Attempt.Steps
}

// top returns the y of the first step's row at the base text size. The
// row is under the lifeline titles, or at 0 when a LadderHeader shows them.
func (l *Ladder) top() float32 {
	if l.HeaderApart {
		return 0
	}
	return ladderHeader
}

// StepAt returns the index of the step drawn at y, or -1.
func (l *Ladder) StepAt(y float32) int {
	y = y/ladderScale() - l.top()
	if y < 0 {
		return -1
	}
	i := int(y / ladderRow)
	if i >= len(l.steps()) {
		return -1
	}
	return i
}

// rowTop returns the y of row i's top edge, scaled to the text size.
func (l *Ladder) rowTop(i int) float32 {
	return (l.top() + float32(i)*ladderRow) * ladderScale()
}

// StepY returns the middle of row i, where a tap selects that step.
func (l *Ladder) StepY(i int) float32 {
	return l.rowTop(i) + ladderRow/2*ladderScale()
}

// Tapped selects the step under the pointer.
func (l *Ladder) Tapped(ev *fyne.PointEvent) {
	i := l.StepAt(ev.Position.Y)
	if i < 0 {
		return
	}
	l.selected = i
	l.Refresh()
	if l.OnSelect != nil {
		l.OnSelect(l.steps()[i])
	}
}

// MouseIn is part of desktop.Hoverable.
func (l *Ladder) MouseIn(ev *desktop.MouseEvent) { l.pointerAt(ev.Position.Y) }

// MouseMoved is part of desktop.Hoverable.
func (l *Ladder) MouseMoved(ev *desktop.MouseEvent) { l.pointerAt(ev.Position.Y) }

// MouseOut is part of desktop.Hoverable.
func (l *Ladder) MouseOut() {
	l.pointerIn = false
	l.setHovered(-1)
}

func (l *Ladder) pointerAt(y float32) {
	l.pointerIn, l.pointerY = true, y+l.Position().Y
	l.hover(y)
}

func (l *Ladder) hover(y float32) { l.setHovered(l.StepAt(y)) }

// scrolledTo updates the hovered step after the scroll that contains the
// ladder moved to offset. The pointer has not moved, so no mouse event
// reports the step that is under it now.
func (l *Ladder) scrolledTo(offset fyne.Position) {
	if l.pointerIn {
		l.hover(l.pointerY + offset.Y)
	}
}

// step returns the i-th step, or nil when i is out of range, as -1 is.
func (l *Ladder) step(i int) *app.Step {
	if steps := l.steps(); i >= 0 && i < len(steps) {
		return steps[i]
	}
	return nil
}

func (l *Ladder) setHovered(i int) {
	if i == l.hovered {
		return
	}
	l.hovered = i
	l.Refresh()
	if l.OnHover == nil {
		return
	}
	if i < 0 {
		l.OnHover(nil)
	} else {
		l.OnHover(l.steps()[i])
	}
}

// CreateRenderer is part of fyne.Widget.
func (l *Ladder) CreateRenderer() fyne.WidgetRenderer {
	r := &ladderRenderer{l: l}
	r.build()
	return r
}

type ladderRenderer struct {
	l       *Ladder
	objects []fyne.CanvasObject
}

func (r *ladderRenderer) Destroy()                     {}
func (r *ladderRenderer) Layout(fyne.Size)             {}
func (r *ladderRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *ladderRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.l)
}

func (r *ladderRenderer) MinSize() fyne.Size {
	l := r.l
	lanes := 1
	if l.Flow != nil {
		lanes = max(len(l.Flow.Lifelines), 1)
	}
	rows := max(len(l.steps()), 1)
	k := ladderScale()
	return fyne.NewSize((ladderGutter+ladderMargin*2+l.column()*float32(lanes))*k,
		(l.top()+ladderRow*float32(rows)+ladderLegend)*k)
}

// scaleObjects moves and resizes the drawing's objects, laid out at the
// base text size, by k.
func (r *ladderRenderer) scaleObjects(k float32) { scaleDrawing(r.objects, k) }

// scaleDrawing moves and resizes objects laid out at the base text size
// by k. Text sizes come from the theme and are already scaled.
func scaleDrawing(objects []fyne.CanvasObject, k float32) {
	if k == 1 {
		return
	}
	for _, o := range objects {
		if ln, ok := o.(*canvas.Line); ok {
			ln.Position1 = fyne.NewPos(ln.Position1.X*k, ln.Position1.Y*k)
			ln.Position2 = fyne.NewPos(ln.Position2.X*k, ln.Position2.Y*k)
			ln.StrokeWidth *= k
			continue
		}
		pos, size := o.Position(), o.Size()
		o.Move(fyne.NewPos(pos.X*k, pos.Y*k))
		o.Resize(fyne.NewSize(size.Width*k, size.Height*k))
	}
}

// laneTitles returns the title boxes of a flow's lifelines, laid out at
// the base text size in columns column wide. A title too wide for its box
// is split over two lines at a space.
func laneTitles(flow *app.FlowDef, k, column float32, fg color.Color) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	small := theme.Size(theme.SizeNameCaptionText)
	style := fyne.TextStyle{Bold: true}
	for i, lane := range flow.Lifelines {
		x := lifelineX(i, column)
		box := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		box.StrokeColor = theme.Color(theme.ColorNameSeparator)
		box.StrokeWidth = 1
		box.CornerRadius = 4
		box.Move(fyne.NewPos(x-column/2+6, ladderMargin))
		box.Resize(fyne.NewSize(column-12, ladderHeader-2*ladderMargin-6))
		out = append(out, box)

		lines := titleLines(lang.L(lane.Title), (column-16)*k, small, style)
		lineHeight := float32(ladderHeader-2*ladderMargin-6) / 2
		top := ladderMargin + 6 - float32(len(lines)-1)*lineHeight/2
		for j, line := range lines {
			title := canvas.NewText(line, fg)
			title.TextSize = small
			title.TextStyle = style
			title.Alignment = fyne.TextAlignCenter
			title.Move(fyne.NewPos(x-column/2+8, top+float32(j)*lineHeight))
			title.Resize(fyne.NewSize(column-16, ladderHeader-2*ladderMargin-18))
			out = append(out, title)
		}
	}
	return out
}

// titleLines returns a lifeline title as one line when it fits width, or
// else as two lines split at the space that leaves the widest line
// narrowest, the second cut with "…" when it is still too wide.
func titleLines(title string, width, size float32, style fyne.TextStyle) []string {
	if fyne.MeasureText(title, size, style).Width <= width || !strings.Contains(title, " ") {
		return []string{cutToWidth(title, width, size, style)}
	}
	best, bestWidth := 0, float32(0)
	for i, r := range title {
		if r != ' ' {
			continue
		}
		w := max(fyne.MeasureText(title[:i], size, style).Width, fyne.MeasureText(title[i+1:], size, style).Width)
		if best == 0 || w < bestWidth {
			best, bestWidth = i, w
		}
	}
	return []string{cutToWidth(title[:best], width, size, style), cutToWidth(title[best+1:], width, size, style)}
}

// laneX returns the x of a lifeline's vertical line at the full column
// width.
func laneX(i int) float32 {
	return lifelineX(i, ladderColumn)
}

// lifelineX returns the x of a lifeline's vertical line in columns column
// wide.
func lifelineX(i int, column float32) float32 {
	return ladderGutter + ladderMargin + column*float32(i) + column/2
}

// build creates the drawing's objects from scratch: a ladder has a few
// dozen of them, so rebuilding is cheaper than tracking changes.
func (r *ladderRenderer) build() {
	l := r.l
	r.objects = r.objects[:0]
	add := func(o ...fyne.CanvasObject) { r.objects = append(r.objects, o...) }
	fg := theme.Color(theme.ColorNameForeground)
	k := ladderScale()
	defer r.scaleObjects(k)
	full := r.MinSize()
	size := fyne.NewSize(full.Width/k, full.Height/k)

	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.Resize(size)
	add(bg)
	if l.Flow == nil {
		return
	}
	steps := l.steps()
	first := l.top()
	bottom := first + ladderRow*float32(max(len(steps), 1))

	// The lifelines start under their titles, or at the top when a
	// LadderHeader draws the titles and the lifelines' start.
	lineTop := float32(0)
	if !l.HeaderApart {
		add(laneTitles(l.Flow, k, l.column(), fg)...)
		lineTop = ladderLineTop
	}
	for i := range l.Flow.Lifelines {
		add(lifeline(l.lifelineX(i), lineTop, bottom))
	}

	if len(steps) == 0 {
		msg := canvas.NewText(lang.L("No attempt of this flow is in the loaded logs"), fg)
		msg.Move(fyne.NewPos(ladderGutter+ladderMargin, first+ladderRow/2-theme.TextSize()/2/k))
		add(msg)
	}
	for i, s := range steps {
		top := first + ladderRow*float32(i)
		if i == l.selected || i == l.hovered {
			hl := canvas.NewRectangle(theme.Color(theme.ColorNameHover))
			if i == l.selected {
				hl.FillColor = theme.Color(theme.ColorNameSelection)
			}
			hl.Move(fyne.NewPos(0, top))
			hl.Resize(fyne.NewSize(size.Width, ladderRow))
			add(hl)
		}
		r.drawStep(s, top)
	}
	r.drawLegend(bottom, size.Width)
}

// lifeline returns the vertical line of a lifeline at x, from y1 to y2.
func lifeline(x, y1, y2 float32) *canvas.Line {
	line := canvas.NewLine(theme.Color(theme.ColorNameDisabled))
	line.StrokeWidth = 1
	line.Position1 = fyne.NewPos(x, y1)
	line.Position2 = fyne.NewPos(x, y2)
	return line
}

// drawStep draws one step's icon, arrow and label in the row at top.
func (r *ladderRenderer) drawStep(s *app.Step, top float32) {
	l := r.l
	c := StatusColor(s.Status)
	y := top + ladderRow/2 + 6
	r.objects = append(r.objects, statusIcon(s.Status, fyne.NewPos(ladderGutter/2, top+ladderRow/2), c)...)
	if s.FailedAt != "" {
		// The server returned a 2xx and the client failed afterwards, so
		// a cross on the client's lifeline marks where it failed. The
		// arrow and label keep the colour of the step's status, whatever
		// status code the server returned.
		if at := l.Flow.Lifeline(s.FailedAt); at >= 0 {
			r.objects = append(r.objects, crossMark(fyne.NewPos(l.lifelineX(at), y), 7, c)...)
		}
	}

	from, to := l.Flow.Lifeline(s.From), l.Flow.Lifeline(s.To)
	if from < 0 || to < 0 {
		return
	}
	x1, x2 := l.lifelineX(from), l.lifelineX(to)
	column := l.column()
	width := float32(2)
	if s.Status == app.StatusNotSeen || s.Status == app.StatusNoLogs {
		width = 1
	}
	seg := func(a, b fyne.Position) {
		ln := canvas.NewLine(c)
		ln.StrokeWidth = width
		ln.Position1, ln.Position2 = a, b
		r.objects = append(r.objects, ln)
	}

	label := lang.L(s.Label)
	// A label may run past its arrow's ends, so short arrows keep
	// readable labels. The label stays centred on the arrow.
	textW := max(max(x1, x2)-min(x1, x2)-8, column*1.4)
	textX := (x1+x2)/2 - textW/2
	align := fyne.TextAlignCenter
	if x1 == x2 {
		// A step within one participant loops back to its own lifeline.
		seg(fyne.NewPos(x1, y-10), fyne.NewPos(x1+30, y-10))
		seg(fyne.NewPos(x1+30, y-10), fyne.NewPos(x1+30, y+4))
		seg(fyne.NewPos(x1+30, y+4), fyne.NewPos(x1+ladderHeadLen, y+4))
		r.objects = append(r.objects, arrowHead(fyne.NewPos(x1, y+4), -1, c))
		textX, textW, align = x1+36, column*1.5, fyne.TextAlignLeading
	} else {
		dir := float32(1)
		if x2 < x1 {
			dir = -1
		}
		seg(fyne.NewPos(x1, y), fyne.NewPos(x2-dir*ladderHeadLen, y))
		r.objects = append(r.objects, arrowHead(fyne.NewPos(x2, y), dir, c))
		if s.Status == app.StatusFailed && s.FailedAt == "" {
			cx := x2 - dir*(ladderHeadLen+10)
			r.objects = append(r.objects, crossMark(fyne.NewPos(cx, y), 5, c)...)
		}
	}
	ts := theme.Size(theme.SizeNameCaptionText)
	text := canvas.NewText(cutToWidth(Display(label), textW*ladderScale(), ts, fyne.TextStyle{}), c)
	text.TextSize = ts
	text.Alignment = align
	text.Move(fyne.NewPos(textX, y-ts/ladderScale()-10))
	text.Resize(fyne.NewSize(textW, (ts+4)/ladderScale()))
	r.objects = append(r.objects, text)
}

// drawLegend draws each status's icon and name under the steps.
func (r *ladderRenderer) drawLegend(top, width float32) {
	fg := theme.Color(theme.ColorNameForeground)
	ts := theme.Size(theme.SizeNameCaptionText)
	x := float32(ladderMargin)
	y := top + ladderLegend/2
	for _, st := range ladderStatuses {
		c := StatusColor(st)
		r.objects = append(r.objects, statusIcon(st, fyne.NewPos(x+ladderIcon/2, y), c)...)
		name := StatusName(st)
		t := canvas.NewText(name, fg)
		t.TextSize = ts
		k := ladderScale()
		t.Move(fyne.NewPos(x+ladderIcon+6, y-ts/2/k-2))
		r.objects = append(r.objects, t)
		x += ladderIcon + 6 + fyne.MeasureText(name, ts, fyne.TextStyle{}).Width/k + 24
	}
}

// statusIcon draws the shape of a status centred on p: a check mark for
// passed, a cross for failed, a ring for not seen and a struck ring for
// no logs.
func statusIcon(s app.StepStatus, p fyne.Position, c color.Color) []fyne.CanvasObject {
	h := float32(ladderIcon / 2)
	line := func(x1, y1, x2, y2 float32) fyne.CanvasObject {
		ln := canvas.NewLine(c)
		ln.StrokeWidth = 2
		ln.Position1 = fyne.NewPos(p.X+x1, p.Y+y1)
		ln.Position2 = fyne.NewPos(p.X+x2, p.Y+y2)
		return ln
	}
	ring := func() fyne.CanvasObject {
		o := canvas.NewCircle(color.Transparent)
		o.StrokeColor = c
		o.StrokeWidth = 2
		o.Move(fyne.NewPos(p.X-h, p.Y-h))
		o.Resize(fyne.NewSize(2*h, 2*h))
		return o
	}
	switch s {
	case app.StatusPassed:
		return []fyne.CanvasObject{line(-h, 0, -h/3, h*0.8), line(-h/3, h*0.8, h, -h*0.8)}
	case app.StatusFailed:
		return crossMark(p, h, c)
	case app.StatusNotSeen:
		return []fyne.CanvasObject{ring()}
	}
	return []fyne.CanvasObject{ring(), line(-h, h, h, -h)}
}

func crossMark(p fyne.Position, h float32, c color.Color) []fyne.CanvasObject {
	a := canvas.NewLine(c)
	a.StrokeWidth = 2
	a.Position1, a.Position2 = fyne.NewPos(p.X-h, p.Y-h), fyne.NewPos(p.X+h, p.Y+h)
	b := canvas.NewLine(c)
	b.StrokeWidth = 2
	b.Position1, b.Position2 = fyne.NewPos(p.X-h, p.Y+h), fyne.NewPos(p.X+h, p.Y-h)
	return []fyne.CanvasObject{a, b}
}

// arrowHead returns a triangle whose tip is at tip, pointing right for
// dir 1 and left for dir -1.
func arrowHead(tip fyne.Position, dir float32, c color.Color) fyne.CanvasObject {
	p := canvas.NewPolygon(3, c)
	p.Angle = 90 * dir
	p.Move(fyne.NewPos(tip.X-ladderHeadLen/2-dir*ladderHeadLen/2, tip.Y-ladderHeadLen/2))
	p.Resize(fyne.NewSize(ladderHeadLen, ladderHeadLen))
	return p
}

// cutToWidth shortens text with "…" until it fits width at size.
func cutToWidth(text string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(text)
	for n := len(runes) - 1; n > 0; n-- {
		s := string(runes[:n]) + "…"
		if fyne.MeasureText(s, size, style).Width <= width {
			return s
		}
	}
	return "…"
}

// StepEvidence describes a step for the status line and the tooltip: its
// status, note, the log to collect, and its evidence as source:line.
func StepEvidence(s *app.Step) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", lang.L(s.Label), StatusName(s.Status))
	if s.Note != "" {
		fmt.Fprintf(&b, " — %s", s.Note)
	}
	if len(s.Evidence) > 0 {
		refs := make([]string, 0, min(len(s.Evidence), 4))
		for i, ref := range s.Evidence {
			if i == 4 {
				refs = append(refs, lang.L("{{.Count}} more", map[string]any{"Count": len(s.Evidence) - 4}))
				break
			}
			refs = append(refs, fmt.Sprintf("%s:%d", ref.Source.Name, ref.Entry().Line))
		}
		fmt.Fprintf(&b, " · %s", strings.Join(refs, ", "))
	}
	return Display(b.String())
}

// LadderPNG draws an attempt with the software renderer and returns it as
// PNG. It draws a new widget tree, never the one on screen, in the current
// app's theme.
func LadderPNG(flow *app.FlowDef, at *app.Attempt) ([]byte, error) {
	l := NewLadder(flow, at)
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(l)
	c.Resize(l.MinSize())
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.Capture()); err != nil {
		return nil, fmt.Errorf("%s: %w", lang.L("Cannot encode the ladder picture"), err)
	}
	return buf.Bytes(), nil
}

// LadderPanel is the ladder tab: a choice of flow (sign-in, registration,
// provisioning) and of attempt (newest first), the diagram, a status line
// with the evidence of the step under the pointer, and the exports.
type LadderPanel struct {
	Ladder *Ladder
	// OnSelect is called with the evidence of a tapped step, and the window
	// selects those entries in the timeline.
	OnSelect func(evidence []app.EntryRef)
	// OnExport is called when the user asks for an export: format is
	// "png", "svg" or "mermaid".
	OnExport func(format string, flow *app.FlowDef, at *app.Attempt)

	analysis *app.Analysis
	ladders  []*app.Ladder
	flow     *widget.Select
	attempt  *widget.Select
	scroll   *container.Scroll
	header   *LadderHeader
	status   *widget.Label
	// scrollPending is set while a new attempt waits for its scroll to
	// get a height before it scrolls to its failure. A tab that was
	// never shown has no size.
	scrollPending bool
	// follow is true from the opening of an attempt until the user
	// scrolls. While it is, a layout that resizes the pane or the ladder
	// scrolls to the failure again.
	follow bool
	// followView, followLadder and followOffset are the pane's size, the
	// ladder's minimum size and the offset at the last scrollToFailure.
	followView   fyne.Size
	followLadder fyne.Size
	followOffset fyne.Position
	// autoScrolling is true while scrollToFailure moves the scroll, so
	// OnScrolled does not count the move as the user's.
	autoScrolling bool
	// sideways is the hint shown while the ladder is wider than its pane
	// even at the narrowest columns, so the pane scrolls sideways.
	sideways *widget.Label
	content  fyne.CanvasObject
}

// NewLadderPanel returns an empty ladder panel for SetAnalysis to fill.
func NewLadderPanel() *LadderPanel {
	p := &LadderPanel{}
	p.Ladder = NewLadder(nil, nil)
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Truncation = fyne.TextTruncateEllipsis
	p.showStatus()
	p.Ladder.OnHover = func(*app.Step) { p.showStatus() }
	p.Ladder.OnSelect = func(s *app.Step) {
		p.showStatus()
		if p.OnSelect != nil {
			p.OnSelect(s.Evidence)
		}
	}
	p.flow = widget.NewSelect(nil, func(string) { p.showFlow() })
	p.attempt = widget.NewSelect(nil, func(string) { p.showAttempt() })
	p.attempt.PlaceHolder = lang.L("No attempt")
	export := func(format string) func() {
		return func() {
			l := p.current()
			if l != nil && p.OnExport != nil {
				p.OnExport(format, l.Flow, l.Current())
			}
		}
	}
	// The attempt picker takes the width the other controls leave, because
	// its labels carry a tracking id, a time and the users.
	bar := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(lang.L("Flow")), p.flow, widget.NewLabel(lang.L("Attempt"))),
		container.NewHBox(
			widget.NewButtonWithIcon(lang.L("PNG…"), theme.DocumentSaveIcon(), export("png")),
			widget.NewButtonWithIcon(lang.L("SVG…"), theme.DocumentSaveIcon(), export("svg")),
			widget.NewButtonWithIcon(lang.L("Copy Mermaid"), theme.ContentCopyIcon(), export("mermaid")),
		),
		p.attempt)
	// The lifeline titles stay in view above the scrolled steps and move
	// sideways with them.
	p.Ladder.HeaderApart = true
	p.header = NewLadderHeader(p.Ladder)
	titles := container.NewHScroll(p.header)
	p.scroll = container.NewScroll(p.Ladder)
	p.scroll.OnScrolled = func(at fyne.Position) {
		if p.follow && !p.autoScrolling && !p.clampedFollowOffset(at) {
			p.follow = false
		}
		p.Ladder.scrolledTo(at)
		if titles.Offset.X == at.X {
			return
		}
		// A new flow may have resized the titles since the last layout, and
		// the scroll clamps its offset to the content's size.
		p.header.Resize(p.header.MinSize().Max(titles.Size()))
		titles.Offset.X = at.X
		titles.Refresh()
	}
	p.sideways = widget.NewLabelWithStyle(lang.L("Scroll sideways to see every lifeline →"), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
	p.sideways.Importance = widget.WarningImportance
	p.sideways.Hide()
	fitted := container.New(&ladderFitLayout{panel: p}, titles, p.scroll)
	evidence := container.New(evidenceLayout{lines: evidenceLines}, p.status)
	p.content = container.NewBorder(bar, container.NewVBox(p.sideways, evidence), nil, nil, fitted)
	sharing.Listen(func(bool) {
		p.fillAttempts()
		p.Ladder.Refresh()
		p.header.Refresh()
	})
	return p
}

// Content returns the object to place in the window.
func (p *LadderPanel) Content() fyne.CanvasObject { return p.content }

// showStatus shows the evidence of the hovered step, else of the
// selected step, else a hint. The evidence starts with the step's full
// label, which the drawing may cut.
func (p *LadderPanel) showStatus() {
	s := p.Ladder.step(p.Ladder.hovered)
	if s == nil {
		s = p.Ladder.step(p.Ladder.selected)
	}
	if s == nil {
		p.status.SetText(lang.L("Point at a step to see its evidence; click it to select its entries."))
		return
	}
	p.status.SetText(StepEvidence(s))
}

// evidenceLines is how many lines the evidence line under the ladder
// takes, whatever its text. A height that followed the text would shrink
// the ladder's pane while the pointer is on a step with a long note, and
// move the rows under the pointer. Text beyond these lines is cut with
// "…". The text starts with the step's label, status and note, so a cut
// takes the end of its source:line list first, and a click on the step
// marks all of those entries in the timeline.
const evidenceLines = 2

// evidenceLayout is the layout of the evidence line. It gives its one
// object, a label that wraps and truncates, the full width and the height
// of a fixed number of text lines.
type evidenceLayout struct {
	lines int
}

func (e evidenceLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (e evidenceLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := float32(0)
	for _, o := range objects {
		width = max(width, o.MinSize().Width)
	}
	line := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(width, float32(e.lines)*line+2*theme.InnerPadding())
}

// ladderFitLayout is the layout of the ladder's pane. It places the
// lifeline titles at the top and the ladder's scroll in the rest, with no
// padding between them, so the lifelines run on from the titles into the
// steps. It first fits the ladder's columns to the pane's width, and shows
// the panel's sideways hint while the ladder is still wider than the pane.
type ladderFitLayout struct {
	panel *LadderPanel
}

func (f *ladderFitLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	f.panel.fit(size.Width)
	titles, scroll := objects[0], objects[1]
	height := titles.MinSize().Height
	titles.Move(fyne.NewPos(0, 0))
	titles.Resize(fyne.NewSize(size.Width, height))
	scroll.Move(fyne.NewPos(0, height))
	scroll.Resize(fyne.NewSize(size.Width, size.Height-height))
	p := f.panel
	if p.scrollPending || p.follow && (p.scroll.Size() != p.followView || p.Ladder.MinSize() != p.followLadder) {
		p.scrollToFailure()
	}
}

// fit fits the ladder's columns to width and shows the sideways hint
// while the ladder is still wider.
func (p *LadderPanel) fit(width float32) {
	if width <= 0 {
		return
	}
	p.Ladder.SetFitWidth(width)
	if p.Ladder.MinSize().Width > width {
		p.sideways.Show()
	} else {
		p.sideways.Hide()
	}
}

func (f *ladderFitLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	titles, scroll := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(titles.Width, scroll.Width), titles.Height+scroll.Height)
}

// flowName returns the user-facing name of a flow.
func flowName(f *app.FlowDef) string {
	switch f.ID {
	case app.FlowSignIn:
		return lang.L("Sign-in")
	case app.FlowRegistration:
		return lang.L("Registration")
	case app.FlowProvisioning:
		return lang.L("Provisioning")
	}
	return lang.L(f.Title)
}

// SetAnalysis shows the ladders of a new analysis, keeping the chosen flow.
func (p *LadderPanel) SetAnalysis(a *app.Analysis) {
	p.analysis = a
	p.ladders = nil
	if a != nil {
		p.ladders = a.Ladders
	}
	keep := p.flow.SelectedIndex()
	var names []string
	for _, l := range p.ladders {
		names = append(names, flowName(l.Flow))
	}
	p.flow.Options = names
	switch {
	case len(names) == 0:
		p.flow.ClearSelected()
		p.showFlow()
	case keep >= 0 && keep < len(names):
		p.flow.SetSelectedIndex(keep)
		p.showFlow()
	default:
		p.flow.SetSelectedIndex(firstFlowWithAttempt(p.ladders))
	}
}

// firstFlowWithAttempt returns the index of the first ladder that has an
// attempt, so that a provisioning case opens on its provisioning flow, or
// 0 when none has one.
func firstFlowWithAttempt(ladders []*app.Ladder) int {
	for i, l := range ladders {
		if len(l.Attempts) > 0 {
			return i
		}
	}
	return 0
}

// SelectFlow shows the flow with that id. It returns false when the
// analysis has no such flow.
func (p *LadderPanel) SelectFlow(id string) bool {
	for i, l := range p.ladders {
		if l.Flow.ID == id {
			p.flow.SetSelectedIndex(i)
			return true
		}
	}
	return false
}

// SelectAttempt shows the i-th attempt of the current flow, newest first.
func (p *LadderPanel) SelectAttempt(i int) {
	if i >= 0 && i < len(p.attempt.Options) {
		p.attempt.SetSelectedIndex(i)
	}
}

// Attempts returns the labels of the current flow's attempts, newest first.
func (p *LadderPanel) Attempts() []string { return p.attempt.Options }

func (p *LadderPanel) current() *app.Ladder {
	i := p.flow.SelectedIndex()
	if i < 0 || i >= len(p.ladders) {
		return nil
	}
	return p.ladders[i]
}

// attemptLabel names an attempt for the picker: its tracking id or start,
// its start time and the users it names.
func attemptLabel(at *app.Attempt) string {
	label := at.Label()
	if at.ID != "" && at.Start != 0 {
		label += "  " + app.FormatTime(at.Start)
	}
	if len(at.Users) > 0 {
		label += "  " + strings.Join(at.Users, ", ")
	}
	return Display(label)
}

func (p *LadderPanel) fillAttempts() {
	l := p.current()
	keep := p.attempt.SelectedIndex()
	var names []string
	if l != nil {
		for _, at := range l.Attempts {
			names = append(names, attemptLabel(at))
		}
	}
	p.attempt.Options = names
	if keep >= 0 && keep < len(names) {
		p.attempt.Selected = names[keep]
	}
	p.attempt.Refresh()
}

func (p *LadderPanel) showFlow() {
	p.fillAttempts()
	l := p.current()
	if l == nil {
		p.attempt.ClearSelected()
		p.Ladder.SetAttempt(nil, nil)
		p.showStatus()
		return
	}
	if l.Selected >= 0 && l.Selected < len(p.attempt.Options) {
		p.attempt.SetSelectedIndex(l.Selected)
		return
	}
	p.attempt.ClearSelected()
	p.Ladder.SetAttempt(l.Flow, nil)
	p.showStatus()
	p.fit(p.scroll.Size().Width)
}

func (p *LadderPanel) showAttempt() {
	l := p.current()
	if l == nil {
		return
	}
	i := p.attempt.SelectedIndex()
	if i < 0 || i >= len(l.Attempts) {
		p.Ladder.SetAttempt(l.Flow, nil)
		p.showStatus()
		return
	}
	l.Selected = i
	p.Ladder.SetAttempt(l.Flow, l.Attempts[i])
	p.showStatus()
	p.fit(p.scroll.Size().Width)
	p.follow = true
	p.scrollToFailure()
}

// clampedFollowOffset reports whether at is the offset of the last
// scrollToFailure, clamped to the current sizes as the scroll does when
// the pane or the ladder is resized. Any other move is the user's.
func (p *LadderPanel) clampedFollowOffset(at fyne.Position) bool {
	view, full := p.scroll.Size(), p.Ladder.MinSize()
	clamp := func(offset, view, full float32) float32 {
		return max(min(offset, full-view), 0)
	}
	want := fyne.NewPos(clamp(p.followOffset.X, view.Width, full.Width), clamp(p.followOffset.Y, view.Height, full.Height))
	const slack = 0.5
	return abs32(at.X-want.X) < slack && abs32(at.Y-want.Y) < slack
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// scrollToFailure scrolls the first failed step into view, so a failing
// attempt opens on its failure, or else scrolls to the top. It scrolls
// only until the failed row and half of the next one are in view, so the
// steps that lead up to the failure stay visible. Fyne draws a
// horizontal scroll bar over the pane's bottom, at most 12 units high in
// its default theme, so the half row (22 units or more) keeps the bar off
// the failed row. A scroll without a height, as in a hidden tab, waits
// for ladderFitLayout to size it.
func (p *LadderPanel) scrollToFailure() {
	height := p.scroll.Size().Height
	p.scrollPending = height <= 0
	if p.scrollPending {
		return
	}
	p.autoScrolling = true
	defer func() { p.autoScrolling = false }()
	y := float32(0)
	if at := p.Ladder.Attempt; at != nil {
		for i, s := range at.Steps {
			if s.Status != app.StatusFailed {
				continue
			}
			// The new attempt may have changed the ladder's size, and the
			// scroll clamps its offset to the content's size, so resize
			// the ladder first.
			p.Ladder.Resize(p.Ladder.MinSize().Max(p.scroll.Size()))
			top := p.Ladder.rowTop(i)
			y = max(min(top+ladderRow*1.5*ladderScale()-height, top), 0)
			break
		}
	}
	p.scroll.ScrollToOffset(fyne.NewPos(0, y))
	// ScrollToOffset does not call OnScrolled, so call it to keep the
	// titles and the hovered step in line with the steps.
	p.scroll.OnScrolled(p.scroll.Offset)
	p.followView, p.followLadder, p.followOffset = p.scroll.Size(), p.Ladder.MinSize(), p.scroll.Offset
}
