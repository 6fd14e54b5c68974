package views

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// filterSeverities are the severities with a check box, in display order.
var filterSeverities = []parsers.Severity{
	parsers.SevFatal, parsers.SevError, parsers.SevWarning, parsers.SevNotice,
	parsers.SevInfo, parsers.SevDebug, parsers.SevTrace, parsers.SevNone,
}

// FilterBar edits the model's filter: severities, time range, the window
// around the selected entry, text to include or exclude, and a tracking
// id. A field that does not parse is marked and leaves that condition off.
type FilterBar struct {
	model      *Model
	Severities map[parsers.Severity]*widget.Check
	From, To   *widget.Entry
	Around     *widget.Entry
	Include    *widget.Entry
	Exclude    *widget.Entry
	Tracking   *widget.Entry
	Problem    *widget.Label
	content    fyne.CanvasObject
	updating   bool
}

// NewFilterBar returns the filter bar of the model.
func NewFilterBar(m *Model) *FilterBar {
	b := &FilterBar{model: m, Severities: map[parsers.Severity]*widget.Check{}}
	sevBox := container.NewHBox(widget.NewLabel(lang.L("Show")))
	for _, s := range filterSeverities {
		c := widget.NewCheck(severityLabel(s), func(bool) { b.Apply() })
		c.Checked = true
		b.Severities[s] = c
		sevBox.Add(c)
	}

	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { b.Apply() }
		return e
	}
	b.From = entry(lang.L("from (2024-05-02 09:14:05)"))
	b.To = entry(lang.L("to"))
	b.Around = widget.NewEntry()
	b.Around.SetPlaceHolder(lang.L("± seconds"))
	b.Around.SetText("30")
	aroundButton := widget.NewButton(lang.L("Around selected"), b.AroundSelected)
	b.Include = entry(lang.L("include text"))
	b.Exclude = entry(lang.L("exclude text"))
	b.Tracking = entry(lang.L("tracking id"))
	pick := widget.NewButton(lang.L("From selected"), func() {
		if id := trackingIDOf(m.Selected); id != "" {
			b.Tracking.SetText(id)
		}
	})
	clear := widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), b.Clear)
	b.Problem = widget.NewLabel("")
	b.Problem.Importance = widget.DangerImportance

	timeRow := container.NewGridWithColumns(3, b.From, b.To,
		container.NewBorder(nil, nil, nil, aroundButton, b.Around))
	textRow := container.NewGridWithColumns(3, b.Include, b.Exclude,
		container.NewBorder(nil, nil, nil, pick, b.Tracking))
	b.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, clear, container.NewHScroll(sevBox)),
		timeRow, textRow, b.Problem)
	return b
}

// Content returns the object to place in the window.
func (b *FilterBar) Content() fyne.CanvasObject { return b.content }

// Apply reads the fields into the model's filter.
func (b *FilterBar) Apply() {
	if b.updating {
		return
	}
	f := b.model.Filter
	f.HiddenSeverities = 0
	for s, c := range b.Severities {
		f.HiddenSeverities = f.HiddenSeverities.With(s, !c.Checked)
	}
	var problems []string
	f.From, f.To = 0, 0
	if t, err := b.model.ParseTime(b.From.Text); err != nil {
		problems = append(problems, err.Error())
	} else {
		f.From = t
	}
	if t, err := b.model.ParseTime(b.To.Text); err != nil {
		problems = append(problems, err.Error())
	} else {
		f.To = t
	}
	f.Include = b.Include.Text
	f.Exclude = b.Exclude.Text
	f.TrackingID = strings.TrimSpace(b.Tracking.Text)
	b.Problem.SetText(strings.Join(problems, "; "))
	b.model.SetFilter(f)
}

// AroundSelected limits the time range to the selected entry ± the
// number of seconds in the Around field.
func (b *FilterBar) AroundSelected() {
	t := b.model.SelectedTime()
	if t == 0 {
		b.Problem.SetText(lang.L("Select an entry with a time first"))
		return
	}
	secs, err := strconv.ParseFloat(strings.TrimSpace(b.Around.Text), 64)
	if err != nil || secs <= 0 {
		b.Problem.SetText(lang.L("Invalid number of seconds {{.Value}}: expected a positive number such as 30", map[string]any{"Value": b.Around.Text}))
		return
	}
	d := time.Duration(secs * float64(time.Second))
	b.updating = true
	b.From.SetText(b.model.FormatInstant(t - int64(d)))
	b.To.SetText(b.model.FormatInstant(t + int64(d)))
	b.updating = false
	b.Apply()
}

// SetTracking filters on one tracking id.
func (b *FilterBar) SetTracking(id string) { b.Tracking.SetText(id) }

// Clear shows everything again.
func (b *FilterBar) Clear() {
	b.updating = true
	for _, c := range b.Severities {
		c.SetChecked(true)
	}
	for _, e := range []*widget.Entry{b.From, b.To, b.Include, b.Exclude, b.Tracking} {
		e.SetText("")
	}
	b.updating = false
	b.Apply()
}

// Filter returns the filter the bar shows; used by tests.
func (b *FilterBar) Filter() app.Filter { return b.model.Filter }
