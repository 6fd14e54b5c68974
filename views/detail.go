package views

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// DetailView shows the selected entry: its raw text with line numbers,
// the parsed fields, the source path and line, and buttons that copy the
// raw text, the first line with its source, and the time.
//
// The raw text takes the pane's full width and wraps at it, so a long log
// line reads without scrolling sideways. The fields sit below it.
type DetailView struct {
	model  *Model
	header *widget.Label
	raw    *widget.TextGrid
	// rawScroll scrolls the raw text. It scrolls sideways only when the
	// pane is narrower than minWrapColumns.
	rawScroll *container.Scroll
	// rawText and rawFirst are the displayed raw text, before numbering
	// and wrapping, and the source line number of its first line.
	rawText  string
	rawFirst int
	// wrapColumns is how many grid columns fit across the raw text's
	// scroll, or 0 until it is laid out.
	wrapColumns  int
	fields       *widget.Label
	fieldsScroll *container.Scroll
	// fieldList contains the displayed fields. fieldsWidth and
	// fieldsTextSize are the width and text size of their packed lines,
	// and fieldsWidth is 0 until the fields are laid out.
	fieldList      []string
	fieldsWidth    float32
	fieldsTextSize float32
	// fieldsHeight is the height of the packed fields, measured on
	// fieldsProbe, a label that is not shown.
	fieldsHeight float32
	fieldsProbe  *widget.Label
	// body contains the raw text above the fields.
	body *fyne.Container
	// formatXML shows the XML parts of the raw text indented.
	formatXML *widget.Check
	actions   *fyne.Container
	content   fyne.CanvasObject

	// OnFilterTracking is called with the tracking id of the selected
	// entry when the user asks to see only its story.
	OnFilterTracking func(id string)
	// OnAround is called when the user asks for the entries around the
	// selected one.
	OnAround func()
	// OnBookmark is called when the user asks to bookmark the entry.
	OnBookmark func(app.EntryRef)
}

// NewDetailView returns the detail pane of the model's selection.
func NewDetailView(m *Model) *DetailView {
	v := &DetailView{model: m}
	v.header = widget.NewLabel(lang.L("No entry selected"))
	v.header.Wrapping = fyne.TextWrapBreak
	v.header.TextStyle.Bold = true
	v.raw = widget.NewTextGrid()
	v.formatXML = v.newFormatXMLToggle()
	v.fields = widget.NewLabel("")
	v.fields.Wrapping = fyne.TextWrapWord

	clip := func(text func() string) func() {
		return func() {
			if m.Selected.Source != nil {
				fyne.CurrentApp().Clipboard().SetContent(text())
			}
		}
	}
	// The toolbar wraps onto a second row when the pane is too narrow
	// for it, so every button and the Format XML toggle stay visible.
	v.actions = container.New(layout.NewRowWrapLayout(),
		widget.NewButtonWithIcon(lang.L("Copy raw"), theme.ContentCopyIcon(), clip(v.RawText)),
		widget.NewButtonWithIcon(lang.L("Copy line with source"), theme.ContentCopyIcon(), clip(v.LineWithSource)),
		widget.NewButtonWithIcon(lang.L("Copy time"), theme.ContentCopyIcon(), clip(v.TimeText)),
		widget.NewButtonWithIcon(lang.L("Mark time zero"), theme.MediaRecordIcon(), func() {
			if m.Selected.Source != nil {
				m.SetMarked(m.Selected)
			}
		}),
		widget.NewButtonWithIcon(lang.L("Bookmark"), theme.DocumentIcon(), func() {
			if m.Selected.Source != nil && v.OnBookmark != nil {
				v.OnBookmark(m.Selected)
			}
		}),
		widget.NewButtonWithIcon(lang.L("Show around"), theme.ZoomInIcon(), func() {
			if v.OnAround != nil {
				v.OnAround()
			}
		}),
		widget.NewButtonWithIcon(lang.L("Follow tracking id"), theme.SearchIcon(), func() {
			if id := trackingIDOf(m.Selected); id != "" && v.OnFilterTracking != nil {
				v.OnFilterTracking(id)
			}
		}),
	)
	v.actions.Add(v.formatXML)
	top := container.NewVBox(v.header, v.actions)
	v.rawScroll = container.NewScroll(v.raw)
	v.fieldsScroll = container.NewVScroll(v.fields)
	v.fieldsProbe = widget.NewLabel("")
	// The fields go below the raw text rather than beside it, where they
	// took a third of the width that a log line needs.
	v.body = container.New(&detailBodyLayout{v}, v.rawScroll, widget.NewSeparator(), v.fieldsScroll)
	v.content = container.NewBorder(top, nil, nil, nil, v.body)
	m.Listen(func(c Change) {
		if c&(ChangeSelection|ChangeTimeline|ChangeDisplay) != 0 {
			v.update()
		}
	})
	v.update()
	return v
}

// Content returns the object to place in the window.
func (v *DetailView) Content() fyne.CanvasObject { return v.content }

func trackingIDOf(r app.EntryRef) string {
	if r.Source == nil {
		return ""
	}
	return r.Entry().TrackingID()
}

// RawText returns the raw text of the selected entry.
func (v *DetailView) RawText() string {
	if v.model.Selected.Source == nil {
		return ""
	}
	return Display(parsers.Text(v.model.Selected.Entry().Raw))
}

// LineWithSource returns "source:line: first line" for the selected entry.
func (v *DetailView) LineWithSource() string {
	r := v.model.Selected
	if r.Source == nil {
		return ""
	}
	e := r.Entry()
	return Display(fmt.Sprintf("%s:%d: %s", r.Source.Name, e.Line, parsers.Text(firstLineOf(e.Raw))))
}

// TimeText returns the time of the selected entry as it is displayed.
func (v *DetailView) TimeText() string {
	r := v.model.Selected
	if r.Source == nil {
		return ""
	}
	return v.model.FormatTime(r.Source, r.Entry())
}

func (v *DetailView) update() {
	fieldsHeight := v.fieldsHeight
	v.show()
	// The raw text gets the height that the fields no longer take, or
	// gives up what they need.
	if v.fieldsHeight != fieldsHeight {
		v.body.Refresh()
	}
}

func (v *DetailView) show() {
	r := v.model.Selected
	if r.Source == nil {
		v.header.SetText(lang.L("No entry selected"))
		v.rawText, v.rawFirst = "", 0
		v.raw.SetText("")
		v.rawScroll.Refresh()
		v.fieldList = nil
		v.showFields()
		return
	}
	e := r.Entry()
	header := fmt.Sprintf("%s:%d", r.Source.Name, e.Line)
	// The absolute path names the engineer's folders, so a shared screen
	// shows only the source's name under the opened folder.
	if r.Source.Path != "" && !sharing.On() {
		header += "  " + lang.L("in {{.Path}}", map[string]any{"Path": r.Source.Path})
	}
	v.header.SetText(Display(header))
	raw := parsers.Text(e.Raw)
	if v.formatXML.Checked {
		raw = formatXMLParts(raw)
	}
	v.rawText, v.rawFirst = Display(raw), int(e.Line)
	v.showRaw()
	v.fieldList = describeFields(v.model, r)
	for i, f := range v.fieldList {
		v.fieldList[i] = Display(f)
	}
	v.showFields()
}

// fieldSeparator goes between the fields that share a line.
const fieldSeparator = "  ·  "

// showFields shows the fields packed into lines of the current width.
func (v *DetailView) showFields() {
	th := v.fields.Theme()
	// The label's text starts and ends an inner padding from its edges.
	width := v.fieldsWidth - 2*th.Size(theme.SizeNameInnerPadding) - th.Size(theme.SizeNameScrollBar)
	size := th.Size(theme.SizeNameText)
	v.fieldsTextSize = size
	text := packFields(v.fieldList, func(s string) float32 {
		return fyne.MeasureText(s, size, v.fields.TextStyle).Width
	}, width)
	v.fields.SetText(text)
	v.fieldsHeight = 0
	if text != "" {
		v.fieldsProbe.SetText(text)
		v.fieldsHeight = v.fieldsProbe.MinSize().Height
	}
	v.fieldsScroll.Refresh()
}

// packFields joins fields into lines no wider than width, as measured by
// measure, so that lines break only between fields. A wider field gets a
// line of its own, and so does each field when width is 0 or less.
func packFields(fields []string, measure func(string) float32, width float32) string {
	var lines []string
	for _, f := range fields {
		if n := len(lines); n > 0 && width > 0 && measure(lines[n-1]+fieldSeparator+f) <= width {
			lines[n-1] += fieldSeparator + f
			continue
		}
		lines = append(lines, f)
	}
	return strings.Join(lines, "\n")
}

// packFields packs the fields again when their width or text size
// changes.
func (v *DetailView) packFields(width float32) {
	if width == v.fieldsWidth && v.fields.Theme().Size(theme.SizeNameText) == v.fieldsTextSize {
		return
	}
	v.fieldsWidth = width
	v.showFields()
}

// minWrapColumns is the minimum number of text columns the raw text wraps
// at. In a narrower pane it scrolls sideways.
const minWrapColumns = 40

// showRaw shows the raw text numbered and wrapped at the current width.
func (v *DetailView) showRaw() {
	v.raw.SetText(wrapNumberedLines(v.rawText, v.rawFirst, v.wrapColumns))
	// The scroll lays out its content again for the new number of rows.
	v.rawScroll.Refresh()
}

// wrapTo wraps the raw text at the number of grid columns that fit in
// width, leaving room for the vertical scroll bar.
func (v *DetailView) wrapTo(width float32) {
	th := v.raw.Theme()
	cell := fyne.MeasureText("M", th.Size(theme.SizeNameText), fyne.TextStyle{Monospace: true})
	// The grid rounds its cells the same way.
	cellWidth := float32(math.Round(float64(cell.Width)))
	if cellWidth <= 0 {
		return
	}
	columns := int((width - th.Size(theme.SizeNameScrollBar)) / cellWidth)
	if columns == v.wrapColumns {
		return
	}
	v.wrapColumns = columns
	v.showRaw()
}

// maxFieldsShare is the maximum share of the body's height that the
// fields take. Fields that need more scroll.
const maxFieldsShare = 0.5

// detailBodyLayout stacks the raw text, a separator and the fields, each
// across the full width, after wrapping the text and packing the fields at
// it. The fields get the height they need, up to maxFieldsShare, and the
// raw text the rest, so a taller pane shows more raw text.
type detailBodyLayout struct{ v *DetailView }

func (l *detailBodyLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	v := l.v
	v.wrapTo(size.Width)
	v.packFields(size.Width)
	raw, separator, fields := objects[0], objects[1], objects[2]
	if v.fieldsHeight == 0 {
		separator.Hide()
		fields.Hide()
		raw.Move(fyne.NewPos(0, 0))
		raw.Resize(size)
		return
	}
	separator.Show()
	fields.Show()
	pad := theme.Padding()
	line := separator.MinSize().Height
	fieldsHeight := min(v.fieldsHeight, size.Height*maxFieldsShare)
	rawHeight := max(size.Height-fieldsHeight-line-2*pad, 0)
	raw.Move(fyne.NewPos(0, 0))
	raw.Resize(fyne.NewSize(size.Width, rawHeight))
	separator.Move(fyne.NewPos(0, rawHeight+pad))
	separator.Resize(fyne.NewSize(size.Width, line))
	fields.Move(fyne.NewPos(0, rawHeight+pad+line+pad))
	fields.Resize(fyne.NewSize(size.Width, fieldsHeight))
}

func (l *detailBodyLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	raw, fields := objects[0].MinSize(), objects[2].MinSize()
	return fyne.NewSize(max(raw.Width, fields.Width), raw.Height+fields.Height)
}

// wrapNumberedLines prefixes each line with its line number in the source
// and wraps rows at columns, which include the number. A wrapped line
// continues on rows without a number, under the line's own indent.
// Columns of 0 or less turn wrapping off, and the text part of a row is
// never narrower than minWrapColumns.
func wrapNumberedLines(raw string, first, columns int) string {
	lines := strings.Split(strings.ReplaceAll(raw, "\r\n", "\n"), "\n")
	width := len(strconv.Itoa(first + len(lines) - 1))
	gutter := width + 2
	text := columns - gutter
	if columns > 0 && text < minWrapColumns {
		text = minWrapColumns
	}
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		line = strings.ReplaceAll(line, "\t", "    ")
		runes := []rune(line)
		if columns <= 0 || len(runes) <= text {
			fmt.Fprintf(&b, "%*d  %s", width, first+i, line)
			continue
		}
		indent := min(len(runes)-len([]rune(strings.TrimLeft(line, " "))), text/2)
		n := breakAt(runes, text)
		fmt.Fprintf(&b, "%*d  %s", width, first+i, string(runes[:n]))
		for runes = runes[n:]; len(runes) > 0; runes = runes[n:] {
			n = breakAt(runes, text-indent)
			b.WriteByte('\n')
			b.WriteString(strings.Repeat(" ", gutter+indent))
			b.WriteString(string(runes[:n]))
		}
	}
	return b.String()
}

// breakAt returns how many of runes go on a row of the given width. A row
// ends after its last space if that is in its second half, or else at
// width.
func breakAt(runes []rune, width int) int {
	if len(runes) <= width {
		return len(runes)
	}
	for i := width - 1; i >= width/2; i-- {
		if runes[i] == ' ' {
			return i + 1
		}
	}
	return width
}

// describeFields lists the parsed fields of an entry as "name: value",
// skipping the empty ones.
func describeFields(m *Model, r app.EntryRef) []string {
	e := r.Entry()
	var lines []string
	add := func(key, value string) {
		if value != "" && value != "0" {
			lines = append(lines, key+": "+value)
		}
	}
	add(lang.L("Time"), m.FormatTime(r.Source, e))
	add(lang.L("Format"), r.Source.Format)
	if e.Severity != parsers.SevNone {
		add(lang.L("Severity"), severityLabel(e.Severity))
	}
	add(lang.L("Thread"), parsers.Text(e.Thread()))
	add(lang.L("Component"), parsers.Text(e.Component()))

	if f := e.Fields; f != nil {
		add(lang.L("Tracking id"), e.TrackingID())
		add(lang.L("Correlation id"), e.CorrelationID())
		add(lang.L("HTTP"), strings.TrimSpace(e.HTTPMethod()+" "+e.HTTPPath()))
		add(lang.L("HTTP status"), strconv.Itoa(int(f.HTTPStatus)))
		add(lang.L("User agent"), e.UserAgent())
		add(lang.L("Remote"), e.Remote())
		add(lang.L("OCI-P command"), e.OCICommand())
		add(lang.L("Error code"), strconv.Itoa(int(f.ErrorCode)))
		add(lang.L("SIP method"), e.SIPMethod())
		add(lang.L("SIP status"), strconv.Itoa(int(f.SIPStatus)))
		add(lang.L("SIP Call-ID"), e.SIPCallID())
		add(lang.L("SIP CSeq"), e.SIPCSeq())
		add(lang.L("Users"), strings.Join(f.Users, ", "))
	}

	if fd := m.Finding(r); fd != nil && fd.Signature != nil {
		add(lang.L("Finding"), fd.Signature.ID+": "+fd.Signature.Title.In(UILanguage()))
	}
	if i := m.BookmarkIndex(r); i >= 0 {
		add(lang.L("Bookmark"), m.Bookmarks[i].Note)
	}
	return lines
}
