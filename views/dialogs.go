package views

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// GoTo selects the entry a typed target names: a time in the display zone
// ("2024-05-02 09:14:05" or "09:14:05"), or a line number ("1234" or
// "line 1234") in the source of the selected entry, or of the first
// source when nothing is selected.
func (m *Model) GoTo(target string) error {
	target = strings.TrimSpace(target)
	number := strings.TrimSpace(strings.TrimPrefix(strings.ToLower(target), "line"))
	if line, err := strconv.Atoi(number); err == nil {
		src := m.Selected.Source
		if src == nil {
			for _, s := range m.Timeline.Sources {
				if len(s.Entries) > 0 {
					src = s
					break
				}
			}
		}
		if src == nil {
			return errors.New(lang.L("No source is loaded"))
		}
		i := entryAtLine(src, line)
		if i < 0 {
			return fmt.Errorf("%s", lang.L("Line {{.Line}} is not in {{.Source}}", map[string]any{"Line": line, "Source": src.Name}))
		}
		m.Select(app.EntryRef{Source: src, Index: i})
		return nil
	}
	ns, err := m.ParseTime(target)
	if err != nil {
		return err
	}
	if ns == 0 || m.RowCount() == 0 {
		return errors.New(lang.L("No entry to go to"))
	}
	m.GoToTime(ns)
	return nil
}

// entryAtLine returns the index of the entry that holds a 1-based line.
func entryAtLine(src *parsers.Source, line int) int {
	for i := range src.Entries {
		e := &src.Entries[i]
		if int(e.Line) <= line && line < int(e.Line)+int(max(e.Lines, 1)) {
			return i
		}
	}
	return -1
}

// showGoTo asks for a time or line and goes there.
func showGoTo(m *Model, w fyne.Window) {
	entry := widget.NewEntry()
	entry.SetPlaceHolder(lang.L("2024-05-02 09:14:05, 09:14:05 or line 1234"))
	d := dialog.NewForm(lang.L("Go to time or line"), lang.L("Go"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Target"), entry)},
		func(ok bool) {
			if !ok {
				return
			}
			if err := m.GoTo(entry.Text); err != nil {
				dialog.ShowError(err, w)
			}
		}, w)
	d.Show()
	w.Canvas().Focus(entry)
}

// showBookmarkNote asks for the note of a bookmark on ref.
func showBookmarkNote(m *Model, ref app.EntryRef, w fyne.Window) {
	note := widget.NewMultiLineEntry()
	if i := m.BookmarkIndex(ref); i >= 0 {
		note.SetText(m.Bookmarks[i].Note)
	}
	dialog.ShowForm(lang.L("Bookmark"), lang.L("Save"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Note"), note)},
		func(ok bool) {
			if ok {
				m.SetBookmark(ref, note.Text)
			}
		}, w)
}

// ApplySourceSettings parses src again in a zone (when zone is not "")
// and sets its clock skew, then analyses the workspace again. zone is an
// IANA name such as Europe/Copenhagen; skew a Go duration such as +2.4s.
func (m *Model) ApplySourceSettings(src *parsers.Source, zone, skew string) error {
	var loc *time.Location
	if zone = strings.TrimSpace(zone); zone != "" {
		var err error
		if loc, err = time.LoadLocation(zone); err != nil {
			return fmt.Errorf("%s", lang.L("Invalid time zone {{.Zone}}: expected an IANA name such as Europe/Copenhagen", map[string]any{"Zone": zone}))
		}
	}
	var d time.Duration
	if skew = strings.TrimSpace(skew); skew != "" {
		var err error
		if d, err = time.ParseDuration(strings.TrimPrefix(skew, "+")); err != nil {
			return fmt.Errorf("%s", lang.L("Invalid skew {{.Skew}}: expected a duration such as +2.4s or -150ms", map[string]any{"Skew": skew}))
		}
	}

	m.mu.Lock()
	m.analyses++
	n := m.analyses
	m.mu.Unlock()
	m.setActivity(lang.L("Applying the zone and skew of {{.Name}}…", map[string]any{"Name": src.Name}))
	m.setBusy(true)
	m.Go(func() func() {
		updated, tl := m.reparse(src, loc, d)

		// The UI thread draws from the entries without the lock, so the UI
		// thread swaps them in while the write lock keeps background readers
		// out. The timeline merged from the new entries shows at once.
		m.cancelFilter()
		m.entriesMu.Lock()
		swapped := make(chan struct{})
		m.post(func() {
			*src = updated
			m.setPartial(tl)
			close(swapped)
		})
		<-swapped
		m.entriesMu.Unlock()

		m.entriesMu.RLock()
		a := app.Analyze(m.Workspace, m.Options)
		m.entriesMu.RUnlock()
		return func() {
			m.setActivity("")
			m.mu.Lock()
			latest := n == m.analyses
			m.mu.Unlock()
			if latest {
				m.SetAnalysis(a)
			}
		}
	})
	return nil
}

// reparse returns a copy of src parsed again in loc (unless loc is nil)
// with the clock skew d, and the timeline of the workspace with the copy
// in place of src. The timeline names src, so it fits once the copy has
// replaced src's content. It runs off the UI thread.
func (m *Model) reparse(src *parsers.Source, loc *time.Location, d time.Duration) (parsers.Source, *app.Timeline) {
	m.entriesMu.RLock()
	defer m.entriesMu.RUnlock()

	updated := *src
	if loc != nil {
		parsers.Reparse(&updated, parsers.Options{Zone: loc, ForceZone: true})
	}
	updated.Skew = d

	sources := m.Workspace.Snapshot()
	at := slices.Index(sources, src)
	if at >= 0 {
		sources[at] = &updated
	}
	tl := app.BuildTimeline(sources)
	if at >= 0 {
		tl.Sources[at] = src
	}
	return updated, tl
}

// skewEstimate returns the analysis' estimate of a server source's clock
// skew against the client log, when the ladders found request and
// response pairs to estimate it from.
func skewEstimate(m *Model, src *parsers.Source) (app.SkewEstimate, bool) {
	if m.Analysis == nil {
		return app.SkewEstimate{}, false
	}
	for _, e := range m.Analysis.Skews {
		if e.Source == src && e.Samples > 0 {
			return e, true
		}
	}
	return app.SkewEstimate{}, false
}

// showSourceSettings asks for the zone and clock skew of a source and
// offers the analysis' skew estimate.
func showSourceSettings(m *Model, src *parsers.Source, w fyne.Window) {
	zone := widget.NewEntry()
	zone.SetPlaceHolder(lang.L("Europe/Copenhagen"))
	if src.Zone != nil && src.Zone != time.UTC {
		zone.SetText(src.Zone.String())
	}
	skew := widget.NewEntry()
	skew.SetPlaceHolder(lang.L("+2.4s"))
	if src.Skew != 0 {
		skew.SetText(src.Skew.String())
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Time zone"), zone),
		widget.NewFormItem(lang.L("Clock runs ahead by"), skew),
	}
	if est, ok := skewEstimate(m, src); ok {
		text := app.TN("{{.Skew}} from {{.Count}} request and response pairs with the client log",
			est.Samples, map[string]any{"Skew": est.Skew.String(), "Count": est.Samples})
		if est.WithinNoise() {
			text += "\n" + lang.L("Within the measurement noise: a skew of 0 fits every pair, so leave it at 0")
		}
		use := widget.NewButton(lang.L("Use the estimate"), func() { skew.SetText(est.Skew.String()) })
		items = append(items, widget.NewFormItem(lang.L("Estimated skew"),
			container.NewBorder(nil, nil, nil, use, widget.NewLabel(text))))
	}
	dialog.ShowForm(lang.L("Zone and skew of {{.Name}}", map[string]any{"Name": src.Name}), lang.L("Apply"), lang.L("Cancel"),
		items,
		func(ok bool) {
			if !ok {
				return
			}
			if err := m.ApplySourceSettings(src, zone.Text, skew.Text); err != nil {
				dialog.ShowError(err, w)
			}
		}, w)
}
