package views

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// maxExpandedLines caps the lines an expanded row shows; the detail pane
// shows the whole entry.
const maxExpandedLines = 40

// componentChars is the width of the component column in characters.
const componentChars = 22

// narrowRowWidth is the row width under which rows leave out the date.
const narrowRowWidth = 700

// minMessageChars is the message width, in characters, that a narrow row
// keeps before it shows any of the component.
const minMessageChars = 40

// rowState holds the marks of a row: selection, search hit, time cursor
// and expansion.
type rowState struct {
	selected bool
	hit      bool
	cursor   bool
	expanded bool
}

// entryRow is one row of the timeline or of a pane: a selection
// background, the source colour, markers, time, severity, component and
// message. Text is monospace, so the columns line up and long text is cut
// at a character count that fits the row.
type entryRow struct {
	widget.BaseWidget
	box        *fyne.Container
	background *canvas.Rectangle
	swatch     *canvas.Rectangle
	marker     *canvas.Text
	finding    *canvas.Text
	when       *canvas.Text
	severity   *canvas.Text
	component  *canvas.Text
	lines      []*canvas.Text
}

func newEntryRow() *entryRow {
	mono := fyne.TextStyle{Monospace: true}
	text := func() *canvas.Text {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextStyle = mono
		return t
	}
	r := &entryRow{
		background: canvas.NewRectangle(color.Transparent),
		swatch:     canvas.NewRectangle(color.Transparent),
		marker:     text(),
		finding:    text(),
		when:       text(),
		severity:   text(),
		component:  text(),
	}
	r.finding.TextStyle.Bold = true
	r.box = container.NewWithoutLayout(r.background, r.swatch, r.marker, r.finding, r.when, r.severity, r.component)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is part of fyne.Widget; set places the objects itself.
func (r *entryRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.box)
}

// entryLines returns how many lines a row takes for an entry.
func entryLines(e *parsers.Entry, expanded bool) int {
	if !expanded || e.Lines <= 1 {
		return 1
	}
	return min(int(e.Lines), maxExpandedLines)
}

// set draws an entry into the row, which already has its size.
func (r *entryRow) set(m *Model, ref app.EntryRef, st rowState) {
	src, e := ref.Source, ref.Entry()
	size := r.Size()
	pad := theme.Padding()
	ts := theme.TextSize()
	mono := fyne.TextStyle{Monospace: true}
	cw := fyne.MeasureText("0", ts, mono).Width
	lh := LineHeight()
	fg := theme.Color(theme.ColorNameForeground)

	switch {
	case st.selected:
		r.background.FillColor = theme.Color(theme.ColorNameSelection)
	case st.cursor:
		r.background.FillColor = wxColor(ColorNameTimeCursor)
	case st.hit:
		r.background.FillColor = wxColor(ColorNameSearchHit)
	case m.IsEvidence(ref):
		r.background.FillColor = wxColor(ColorNameEvidence)
	default:
		r.background.FillColor = color.Transparent
	}
	r.background.Move(fyne.NewPos(0, 0))
	r.background.Resize(size)
	r.background.Refresh()

	r.swatch.FillColor = m.SourceColor(src)
	r.swatch.Move(fyne.NewPos(pad/2, pad/2))
	r.swatch.Resize(fyne.NewSize(pad, size.Height-pad))
	r.swatch.Refresh()
	x := pad * 2

	mark := " "
	switch {
	case m.BookmarkIndex(ref) >= 0:
		mark = "*"
	case e.Lines > 1 && st.expanded:
		mark = "-"
	case e.Lines > 1:
		mark = "+"
	}
	r.place(r.marker, mark, x, pad, ts, wxColor(ColorNameBookmark))
	if mark != "*" {
		r.marker.Color = fg
	}
	x += cw * 1.5

	findingMark, findingColor := "", fg
	if f := m.Finding(ref); f != nil && f.Signature != nil {
		findingMark = "!"
		findingColor = wxColor(signatureColorName(f.Signature.Severity))
	}
	r.place(r.finding, findingMark, x, pad, ts, findingColor)
	x += cw * 1.5

	// A narrow row drops the year and keeps month, day and time: panes
	// side by side often show logs of different days. The detail pane
	// shows the full time.
	when := m.FormatTime(src, e)
	timeChars := 23
	if size.Width < narrowRowWidth && len(when) == 23 {
		when, timeChars = when[5:], 18
	}
	r.place(r.when, when, x, pad, ts, fg)
	x += cw * float32(max(len(when), timeChars)+1)

	sevColor := wxColor(severityColorName(e.Severity))
	severity := ""
	if e.Severity != parsers.SevNone {
		severity = severityLabel(e.Severity)
	}
	r.place(r.severity, severity, x, pad, ts, sevColor)
	x += cw * 8

	// A narrow row, such as a side-by-side pane, gives the message room
	// first: the component column shrinks and then disappears.
	compChars := min(componentChars, int((size.Width-x-pad)/cw)-minMessageChars)
	if compChars < 6 {
		compChars = 0
	}
	r.place(r.component, cutRunes(Display(parsers.Text(e.Component())), compChars), x, pad, ts, fg)
	if compChars > 0 {
		x += cw * float32(compChars+1)
	}

	chars := int((size.Width - x - pad) / cw)
	// NOTE: the component and message of a large file point into its
	// memory mapping (see parsers.CatchFault). When another program cuts
	// the file short while the window is open, reading them here faults and
	// stops the program, because row drawing does not catch the fault.
	message := Display(parsers.Text(e.Message()))
	lines := []string{firstLineOf(message)}
	if st.expanded && e.Lines > 1 {
		lines = strings.SplitN(message, "\n", maxExpandedLines+1)
		if len(lines) > maxExpandedLines {
			lines = lines[:maxExpandedLines]
		}
	}
	for len(r.lines) < len(lines) {
		t := canvas.NewText("", fg)
		t.TextStyle = mono
		r.lines = append(r.lines, t)
		r.box.Add(t)
	}
	for i, t := range r.lines {
		if i >= len(lines) {
			t.Hide()
			continue
		}
		t.Show()
		line := strings.TrimRight(strings.ReplaceAll(lines[i], "\t", "    "), "\r")
		r.place(t, cutRunes(line, chars), x, pad+float32(i)*lh, ts, sevColorForMessage(e, sevColor, fg))
	}
}

// sevColorForMessage colours the message of errors and warnings like their
// severity, so they stand out while scrolling.
func sevColorForMessage(e *parsers.Entry, sev, fg color.Color) color.Color {
	if e.Severity >= parsers.SevWarning {
		return sev
	}
	return fg
}

func (r *entryRow) place(t *canvas.Text, text string, x, y, size float32, c color.Color) {
	t.Text = text
	t.TextSize = size
	t.Color = c
	t.Move(fyne.NewPos(x, y))
	t.Refresh()
}

func firstLineOf(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// cutRunes shortens s to at most n characters, ending in "…" when cut.
func cutRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	out := make([]rune, 0, n)
	for _, c := range s {
		if len(out) == n-1 {
			break
		}
		out = append(out, c)
	}
	return string(out) + "…"
}
