package views

import (
	"fmt"
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
type DetailView struct {
	model  *Model
	header *widget.Label
	raw    *widget.TextGrid
	fields *widget.Label
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
	body := container.NewHSplit(container.NewScroll(v.raw), container.NewVScroll(v.fields))
	body.Offset = 0.68
	v.content = container.NewBorder(top, nil, nil, nil, body)
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
	r := v.model.Selected
	if r.Source == nil {
		v.header.SetText(lang.L("No entry selected"))
		v.raw.SetText("")
		v.fields.SetText("")
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
	v.raw.SetText(numberLines(Display(raw), int(e.Line)))
	v.fields.SetText(Display(describeFields(v.model, r)))
}

// numberLines prefixes each line with its line number in the source.
func numberLines(raw string, first int) string {
	lines := strings.Split(strings.ReplaceAll(raw, "\r\n", "\n"), "\n")
	width := len(strconv.Itoa(first + len(lines) - 1))
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%*d  %s", width, first+i, strings.ReplaceAll(line, "\t", "    "))
	}
	return b.String()
}

// describeFields lists the parsed fields of an entry, one "name: value"
// per line, skipping the empty ones.
func describeFields(m *Model, r app.EntryRef) string {
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
	return strings.Join(lines, "\n")
}
