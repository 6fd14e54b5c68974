package views

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
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
		if int(e.Line) <= line && line < int(e.Line+max(e.Lines, 1)) {
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

	// The new entries are parsed into a copy, because the window keeps
	// drawing the old ones meanwhile; the copy replaces the source, and
	// the analysis is redone, in one step on the UI thread.
	m.setBusy(true)
	m.Go(func() func() {
		updated := *src
		if loc != nil {
			parsers.Reparse(&updated, parsers.Options{Zone: loc, ForceZone: true})
		}
		updated.Skew = d
		return func() {
			// NOTE: the write lock waits for background readers; a running
			// analysis of a large case can hold the window for its length.
			m.cancelFilter()
			m.entriesMu.Lock()
			*src = updated
			m.entriesMu.Unlock()
			m.SetAnalysis(app.Analyze(m.Workspace, m.Options))
		}
	})
	return nil
}

// showSourceSettings asks for the zone and clock skew of a source.
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
	dialog.ShowForm(lang.L("Zone and skew of {{.Name}}", map[string]any{"Name": src.Name}), lang.L("Apply"), lang.L("Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("Time zone"), zone),
			widget.NewFormItem(lang.L("Clock runs ahead by"), skew),
		},
		func(ok bool) {
			if !ok {
				return
			}
			if err := m.ApplySourceSettings(src, zone.Text, skew.Text); err != nil {
				dialog.ShowError(err, w)
			}
		}, w)
}
