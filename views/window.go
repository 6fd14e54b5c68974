package views

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// FilePicker opens file and folder pickers. Its methods block until the
// user answers, return "" when the user cancels, and are called off the
// UI thread. nativedialog.Picker is the native implementation.
type FilePicker interface {
	OpenFile(title string) (string, error)
	OpenFolder(title string) (string, error)
}

// Options configure the main window.
type Options struct {
	// Config is used for every load: limits and per-source zone and skew.
	Config app.Config
	// Analyze selects the signature catalogue and the sign-in attempt.
	Analyze app.AnalyzeOptions
	// Picker opens files; nil uses Fyne's own file dialogs.
	Picker FilePicker
}

// Preference keys.
const (
	prefRecent   = "recentPaths"
	prefTextSize = "textSize"
	prefVariant  = "themeVariant"
	maxRecent    = 10
)

// MainWindow is wxlog's main window. Other panels plug in through
// AddCentreTab (the ladder), AddSidePanel (findings, summary) and
// OnAnalysis, and menus through ViewMenu.
type MainWindow struct {
	App    fyne.App
	Window fyne.Window
	Model  *Model
	Loader *Loader
	Theme  *Theme

	Timeline  *TimelineView
	Panes     *PanesView
	Detail    *DetailView
	Sources   *SourceTree
	Overview  *Overview
	Search    *SearchBar
	Filters   *FilterBar
	Bookmarks *BookmarksView
	// Panels are the ladder, findings and summary panels and the exports.
	Panels *AnalysisPanels

	// Centre holds the timeline, the side-by-side panes and plugged-in
	// tabs; Side holds the detail, the bookmarks and plugged-in panels.
	Centre *container.AppTabs
	Side   *container.AppTabs
	// ViewMenu is the View menu; call RefreshMenu after adding items.
	ViewMenu *fyne.Menu

	status *widget.Label
	// loadBanner names the sources that could not be read, the sources
	// read with problems and the opened paths that gave no log, above the
	// timeline. It is hidden while there are none.
	loadBanner     *fyne.Container
	loadBannerText *widget.Label
	// clearNoLogs hides the banner's note on the paths that gave no log.
	clearNoLogs *widget.Button
	picker      FilePicker
	recent      *fyne.Menu
}

// NewMainWindow builds the window with an empty workspace.
func NewMainWindow(a fyne.App, opts Options) *MainWindow {
	w := &MainWindow{App: a, picker: opts.Picker}
	w.Window = a.NewWindow(lang.L("wxlog"))
	w.Theme = NewTheme()
	w.Theme.Variant = a.Preferences().StringWithFallback(prefVariant, VariantSystem)
	w.Theme.TextSize = float32(a.Preferences().Float(prefTextSize))
	a.Settings().SetTheme(w.Theme)

	w.Model = NewModel(&app.Workspace{}, opts.Analyze)
	w.Loader = NewLoader(w.Model, opts.Config)
	w.Loader.OnLoaded = func(label string, err error) {
		if err != nil {
			w.ShowError(err)
		}
		// A path that gave no log changes no source, so no model change
		// updates the banner.
		w.updateLoadBanner()
	}
	w.build()
	w.buildMenu()
	w.Panels = w.addAnalysisPanels()
	w.bindKeys()
	w.Window.SetOnDropped(w.Dropped)
	w.Window.Resize(fyne.NewSize(1400, 900))
	return w
}

func (w *MainWindow) build() {
	m := w.Model
	w.Timeline = NewTimelineView(m)
	w.Panes = NewPanesView(m)
	w.Detail = NewDetailView(m)
	w.Sources = NewSourceTree(m, w.Loader)
	w.Overview = NewOverview(m)
	w.Search = NewSearchBar(m)
	w.Filters = NewFilterBar(m)
	w.Bookmarks = NewBookmarksView(m)

	w.Search.ShiftHeld = w.shiftHeld
	w.Timeline.List.OnKey = func(ev *fyne.KeyEvent) { w.Search.HandleKey(ev) }
	w.Detail.OnFilterTracking = w.Filters.SetTracking
	w.Detail.OnAround = w.Filters.AroundSelected
	w.Detail.OnBookmark = func(ref app.EntryRef) { showBookmarkNote(m, ref, w.Window) }
	w.Sources.OnClose = w.CloseSources
	w.Sources.OnSettings = func(src *parsers.Source) { showSourceSettings(m, src, w.Window) }
	w.Sources.OnProblems = func(sources []*parsers.Source) { showProblemsDialog(sources, nil, w.Window) }

	timeMode := widget.NewSelect([]string{lang.L("UTC"), lang.L("Local time"), lang.L("Source zone")}, nil)
	timeMode.SetSelectedIndex(int(m.TimeMode))
	timeMode.OnChanged = func(string) { m.SetTimeMode(TimeMode(timeMode.SelectedIndex())) }
	relative := widget.NewCheck(lang.L("Relative to mark"), func(on bool) {
		if on && m.Marked.Source == nil {
			m.SetMarked(m.Selected)
			return
		}
		m.SetRelative(on)
	})
	m.Listen(func(c Change) {
		if c&ChangeDisplay != 0 && relative.Checked != m.Relative {
			relative.SetChecked(m.Relative)
		}
	})
	toolbar := container.NewBorder(nil, nil, nil, container.NewHBox(timeMode, relative, newSharingToggle(m, w.Theme)), w.Search.Content())

	filters := widget.NewAccordion(widget.NewAccordionItem(lang.L("Filters"), w.Filters.Content()))
	w.loadBannerText = widget.NewLabel("")
	w.loadBannerText.Importance = widget.DangerImportance
	w.loadBannerText.Wrapping = fyne.TextWrapWord
	details := widget.NewButton(lang.L("Details…"), func() {
		showProblemsDialog(w.Model.Timeline.Sources, w.Loader.NoLogs, w.Window)
	})
	w.clearNoLogs = widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		w.Loader.NoLogs = nil
		w.Loader.Skipped = nil
		w.updateLoadBanner()
	})
	w.loadBanner = container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()),
		container.NewVBox(details, w.clearNoLogs), w.loadBannerText)
	w.loadBanner.Hide()
	m.Listen(func(c Change) {
		if c&(ChangeSources|ChangeTimeline) != 0 {
			w.updateLoadBanner()
		}
	})
	timelineTab := container.NewBorder(w.Overview, nil, nil, nil, w.Timeline.List)
	w.Centre = container.NewAppTabs(
		container.NewTabItem(lang.L("Timeline"), timelineTab),
		container.NewTabItem(lang.L("Side by side"), w.Panes.Content()),
	)
	w.Side = container.NewAppTabs(
		container.NewTabItem(lang.L("Detail"), w.Detail.Content()),
		container.NewTabItem(lang.L("Bookmarks"), w.Bookmarks.Content()),
	)
	centre := container.NewVSplit(container.NewBorder(container.NewVBox(w.loadBanner, filters), nil, nil, nil, w.Centre), w.Side)
	// The detail pane wraps long raw lines and lists the fields below
	// them, so it gets 38% of the height: more than the 35% before, while
	// the ladder tab above keeps room for five of its rows.
	centre.Offset = 0.62
	main := container.NewHSplit(w.Sources.Content(), centre)
	main.Offset = 0.22

	w.status = widget.NewLabel("")
	m.Listen(func(Change) { w.updateStatus() })
	w.updateStatus()
	w.Window.SetContent(container.NewBorder(toolbar, w.status, nil, nil, main))
}

// AddCentreTab adds a tab next to the timeline, such as the ladder.
func (w *MainWindow) AddCentreTab(title string, content fyne.CanvasObject) *container.TabItem {
	item := container.NewTabItem(title, content)
	w.Centre.Append(item)
	return item
}

// AddSidePanel adds a panel next to the detail, such as the findings.
func (w *MainWindow) AddSidePanel(title string, content fyne.CanvasObject) *container.TabItem {
	item := container.NewTabItem(title, content)
	w.Side.Append(item)
	return item
}

// OnAnalysis calls fn on the UI thread with every new analysis, once
// each: a timeline merged while sources load keeps the last analysis.
func (w *MainWindow) OnAnalysis(fn func(*app.Analysis)) {
	var last *app.Analysis
	w.Model.Listen(func(c Change) {
		if c&ChangeTimeline != 0 && w.Model.Analysis != nil && w.Model.Analysis != last {
			last = w.Model.Analysis
			fn(last)
		}
	})
}

// Open loads paths in the background and remembers the paths that exist
// as recent.
func (w *MainWindow) Open(paths []string) {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			w.addRecent(abs)
		}
	}
	w.Loader.LoadPaths(paths)
}

// OpenData loads an in-memory bundle such as the demo.
func (w *MainWindow) OpenData(name string, data []byte) {
	w.Loader.LoadData(name, data)
}

// CloseSources removes sources from the workspace.
func (w *MainWindow) CloseSources(sources []*parsers.Source) {
	for _, src := range sources {
		w.Model.Workspace.Remove(src)
		w.Loader.forget(src)
	}
	w.Model.Reanalyze()
}

// closeCurrent closes the source selected in the tree, or else the
// source of the selected entry.
func (w *MainWindow) closeCurrent() {
	if _, sources, ok := w.Sources.Node(w.Sources.selected); ok && w.Sources.selected != "" {
		w.CloseSources(sources)
		return
	}
	if src := w.Model.Selected.Source; src != nil {
		w.CloseSources([]*parsers.Source{src})
	}
}

// ShowError shows an error in a dialog.
func (w *MainWindow) ShowError(err error) {
	dialog.ShowError(err, w.Window)
}

// LoadBanner returns the text above the timeline that names the sources
// that could not be read or were read with problems and the paths that
// gave no log, or "" when it is hidden.
func (w *MainWindow) LoadBanner() string {
	if !w.loadBanner.Visible() {
		return ""
	}
	return w.loadBannerText.Text
}

func (w *MainWindow) updateLoadBanner() {
	text := loadBannerText(w.Model.Timeline.Sources, w.Loader.NoLogs)
	if len(w.Loader.Skipped) > 0 {
		text = strings.TrimSpace(text + "\n" + strings.Join(w.Model.Workspace.SkippedNotes(w.Loader.Skipped), "\n"))
	}
	w.loadBannerText.SetText(text)
	if len(w.Loader.NoLogs) > 0 || len(w.Loader.Skipped) > 0 {
		w.clearNoLogs.Show()
	} else {
		w.clearNoLogs.Hide()
	}
	if text == "" {
		w.loadBanner.Hide()
	} else {
		w.loadBanner.Show()
	}
}

// maxBannerSources is how many unread sources the banner names before it
// only counts the rest.
const maxBannerSources = 3

// unreadSourcesText returns the text of the load banner: how many sources
// could not be read, then each one's name and reason. It returns "" when
// every source was read.
func unreadSourcesText(sources []*parsers.Source) string {
	var unread []*parsers.Source
	for _, src := range sources {
		if src.Format == "" && len(src.Problems) > 0 {
			unread = append(unread, src)
		}
	}
	if len(unread) == 0 {
		return ""
	}
	lines := []string{app.TN("{{.Count}} sources could not be read", len(unread), map[string]any{"Count": len(unread)}) + ":"}
	for i, src := range unread {
		if i == maxBannerSources {
			lines = append(lines, lang.L("and {{.Count}} more", map[string]any{"Count": len(unread) - i}))
			break
		}
		// The reading error comes after the notes on the file's name.
		lines = append(lines, app.LocalizeProblem(src.Name, src.Problems[len(src.Problems)-1]))
	}
	return strings.Join(lines, "\n")
}

func (w *MainWindow) updateStatus() {
	m := w.Model
	total, sources := m.Timeline.Len(), len(m.Timeline.Sources)
	text := lang.L("{{.Entries}} in {{.Sources}}", map[string]any{
		"Entries": app.TN("{{.Shown}} of {{.Count}} entries", total, map[string]any{"Shown": m.RowCount(), "Count": total}),
		"Sources": app.TN("{{.Count}} sources", sources, map[string]any{"Count": sources}),
	})
	// Plain text without times is listed in the source tree but cannot be
	// placed on the timeline. The status bar names that count, or the two
	// counts look wrong.
	untimed := -m.Timeline.Len()
	for _, src := range m.Timeline.Sources {
		untimed += len(src.Entries)
	}
	if untimed > 0 {
		text += " · " + app.TN("{{.Count}} entries without a time are only in their source", untimed, map[string]any{"Count": untimed})
	}
	switch {
	case m.Activity != "":
		text += " · " + m.Activity
	case m.Busy || w.Loader.Running() > 0:
		text += " · " + lang.L("working…")
	}
	w.status.SetText(text)
}

// pick runs a file or folder picker off the UI thread and opens the
// answer on the UI thread.
func (w *MainWindow) pick(folder bool) {
	if w.picker == nil {
		w.pickWithFyne(folder)
		return
	}
	title := lang.L("Open logs")
	w.Model.Go(func() func() {
		var path string
		var err error
		if folder {
			path, err = w.picker.OpenFolder(title)
		} else {
			path, err = w.picker.OpenFile(title)
		}
		return func() {
			if err != nil {
				w.ShowError(fmt.Errorf("%s: %w", lang.L("The file dialog failed"), err))
				return
			}
			if path != "" {
				w.Open([]string{path})
			}
		}
	})
}

func (w *MainWindow) pickWithFyne(folder bool) {
	if folder {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				w.Open([]string{u.Path()})
			}
		}, w.Window)
		return
	}
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err == nil && r != nil {
			path := r.URI().Path()
			r.Close()
			w.Open([]string{path})
		}
	}, w.Window)
}

func (w *MainWindow) addRecent(path string) {
	p := w.App.Preferences()
	list := slices.DeleteFunc(p.StringList(prefRecent), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.SetStringList(prefRecent, list)
	w.refreshRecent()
}

// Recent returns the recently opened paths, newest first.
func (w *MainWindow) Recent() []string { return w.App.Preferences().StringList(prefRecent) }

// SetTextSize changes the text size of the whole window; 0 restores the
// theme's size.
func (w *MainWindow) SetTextSize(size float32) {
	if size != 0 {
		size = max(8, min(size, 40))
	}
	w.Theme.TextSize = size
	w.App.Preferences().SetFloat(prefTextSize, float64(size))
	w.App.Settings().SetTheme(w.Theme)
}

// zoom changes the text size by step points.
func (w *MainWindow) zoom(step float32) {
	size := w.Theme.TextSize
	if size == 0 {
		size = w.Theme.Base.Size(theme.SizeNameText)
	}
	w.SetTextSize(size + step)
}

// SetVariant fixes the theme to VariantLight or VariantDark, or follows
// the OS with VariantSystem.
func (w *MainWindow) SetVariant(v string) {
	w.Theme.Variant = v
	w.App.Preferences().SetString(prefVariant, v)
	w.App.Settings().SetTheme(w.Theme)
}

func (w *MainWindow) shiftHeld() bool {
	if d, ok := w.App.Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// ShowAndRun shows the window and runs the app until it is closed.
func (w *MainWindow) ShowAndRun() { w.Window.ShowAndRun() }
