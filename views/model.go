// Package views is wxlog's window: the source tree, the unified timeline,
// the side-by-side panes, the entry detail, the overview strip, search and
// filters. Widgets draw rows from the app package's data through
// callbacks; slow work (analysis, filtering, search) runs off the UI
// thread and comes back through fyne.Do.
package views

import (
	"context"
	"fmt"
	"hash/fnv"
	"image/color"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// Change is a bit mask of the parts of the model that changed.
type Change uint

// Changes a listener can receive.
const (
	ChangeTimeline Change = 1 << iota
	ChangeRows
	ChangeSelection
	ChangeHits
	ChangeDisplay
	ChangeBookmarks
	ChangeSources
	ChangeBusy
)

// TimeMode selects how times are shown.
type TimeMode int

// Time modes.
const (
	TimeUTC TimeMode = iota
	TimeLocal
	// TimeSource shows each entry in the zone of its own source.
	TimeSource
)

// Bookmark is a marked entry with the user's note.
type Bookmark struct {
	Ref  app.EntryRef
	Note string
}

// Model is the state the window shows: the analysis of the loaded
// sources, the rows left by the filter, the search hits, the selection and
// the display settings. Its methods run on the UI thread; background work
// reports back through fyne.Do.
type Model struct {
	Workspace *app.Workspace
	Options   app.AnalyzeOptions

	Analysis *app.Analysis
	Timeline *app.Timeline
	// Rows are the timeline positions the filter keeps; nil means all.
	Rows   []int32
	Filter app.Filter

	Query    app.Query
	QueryErr error
	// Hits are the rows that match the query, in increasing order.
	Hits []int32
	// Hit is the index in Hits of the current hit, or -1.
	Hit int

	Selected app.EntryRef
	// Marked is the entry that relative times count from.
	Marked   app.EntryRef
	Relative bool
	TimeMode TimeMode

	Bookmarks []Bookmark
	// Busy is true while an analysis, filter or search runs.
	Busy bool
	// Partial is true while the timeline shows sources of loads still
	// running, merged without analysis (see ShowPartial).
	Partial bool

	matcher   *app.Matcher
	evidence  map[app.EntryRef]bool
	colors    map[*parsers.Source]int
	findings  map[app.EntryRef]*app.Finding
	listeners []func(Change)

	mu     sync.Mutex
	postMu sync.Mutex
	// entriesMu is read-locked by background work that reads entries, and
	// write-locked on the UI thread while a source's entries are replaced.
	entriesMu sync.RWMutex
	cancel    context.CancelFunc
	gen       int
	pending   sync.WaitGroup
	selected  int // cached timeline position of Selected, -2 when stale
	// analyses counts Reanalyze calls, so that only the latest analysis
	// is shown and a partial timeline never replaces a newer analysis.
	analyses int
	// partialBusy and partialAgain coalesce ShowPartial calls; both are
	// used on the UI thread only.
	partialBusy, partialAgain bool
	partialExtra              func() []*parsers.Source
	// selections counts changes of the selection. focusError makes the
	// next analysis select its first error finding, unless the selection
	// changed after the count was focusSince.
	selections int
	focusError bool
	focusSince int
	// Activity is the slow work the status bar names, such as applying
	// a source's zone, or "" when there is none.
	Activity string
}

// NewModel returns a model over a workspace with an empty analysis.
func NewModel(ws *app.Workspace, opts app.AnalyzeOptions) *Model {
	m := &Model{Workspace: ws, Options: opts, Hit: -1, colors: map[*parsers.Source]int{}, selected: -2}
	m.Timeline = app.BuildTimeline(nil)
	return m
}

// Listen adds a function called after every change.
func (m *Model) Listen(fn func(Change)) { m.listeners = append(m.listeners, fn) }

func (m *Model) notify(c Change) {
	for _, fn := range m.listeners {
		fn(c)
	}
}

// WaitIdle blocks until background work started so far has finished and
// posted its result.
func (m *Model) WaitIdle() { m.pending.Wait() }

// Reanalyze runs the analysis of the workspace in the background and then
// shows it.
func (m *Model) Reanalyze() {
	m.setBusy(true)
	m.mu.Lock()
	m.analyses++
	n := m.analyses
	m.mu.Unlock()
	m.partialAgain = false
	m.pending.Add(1)
	go func() {
		defer m.pending.Done()
		m.entriesMu.RLock()
		a := app.Analyze(m.Workspace, m.Options)
		m.entriesMu.RUnlock()
		m.post(func() {
			m.mu.Lock()
			latest := n == m.analyses
			m.mu.Unlock()
			if latest {
				m.SetAnalysis(a)
			}
		})
	}()
}

// ShowPartial shows the workspace's sources together with extra(), the
// sources and previews of loads still running, in the timeline, without
// analysing them: the findings, ladder and summary stay those of the last
// analysis until the next Reanalyze. The merge runs off the UI thread.
// While one runs, further calls are folded into a single merge after it,
// with the sources extra returns then. A partial timeline is dropped when
// a Reanalyze started after it, and when extra returns nothing.
func (m *Model) ShowPartial(extra func() []*parsers.Source) {
	m.partialExtra = extra
	if m.partialBusy {
		m.partialAgain = true
		return
	}
	more := extra()
	if len(more) == 0 {
		return
	}
	m.partialBusy = true
	m.mu.Lock()
	n := m.analyses
	m.mu.Unlock()
	sources := append(m.Workspace.Snapshot(), more...)
	m.pending.Add(1)
	go func() {
		defer m.pending.Done()
		m.entriesMu.RLock()
		tl := app.BuildTimeline(sources)
		m.entriesMu.RUnlock()
		m.post(func() {
			m.partialBusy = false
			m.mu.Lock()
			current := n == m.analyses
			m.mu.Unlock()
			if current {
				m.setPartial(tl)
			}
			if m.partialAgain {
				m.partialAgain = false
				m.ShowPartial(m.partialExtra)
			}
		})
	}()
}

// setPartial shows a timeline merged from sources still loading.
func (m *Model) setPartial(tl *app.Timeline) {
	m.Timeline = tl
	m.Partial = true
	m.rankColors()
	m.selected = -2
	m.Rows = nil
	m.Hits, m.Hit = nil, -1
	m.dropGone()
	m.notify(ChangeTimeline | ChangeRows | ChangeHits | ChangeSources)
	m.refilter()
}

// SetAnalysis shows a new analysis and filters it again.
func (m *Model) SetAnalysis(a *app.Analysis) {
	m.Analysis = a
	m.Timeline = a.Timeline
	m.Partial = false
	m.selected = -2
	m.Rows = nil
	m.Hits, m.Hit = nil, -1

	m.rankColors()
	m.findings = map[app.EntryRef]*app.Finding{}
	for i := range a.Findings {
		f := &a.Findings[i]
		m.findings[f.EntryRef] = f
	}
	m.dropGone()
	change := ChangeTimeline | ChangeRows | ChangeHits | ChangeSources
	if m.focusFirstError() {
		change |= ChangeSelection
	}
	m.notify(change)
	m.refilter()
}

// FocusErrorNext makes the next analysis select the entry of its first
// error finding, so that a case opens at its failure. The analysis skips
// this when an entry is selected by then, or when the selection changed
// after since, a count from Selections.
func (m *Model) FocusErrorNext(since int) {
	if !m.focusError || since < m.focusSince {
		m.focusSince = since
	}
	m.focusError = true
}

// Selections returns how many times the selection changed so far.
func (m *Model) Selections() int { return m.selections }

// focusFirstError selects the first error finding of the analysis after
// a FocusErrorNext call, and reports whether it did.
func (m *Model) focusFirstError() bool {
	if !m.focusError {
		return false
	}
	m.focusError = false
	if m.Selected.Source != nil || m.selections != m.focusSince {
		return false
	}
	for _, f := range m.Analysis.Findings {
		if f.Signature != nil && f.Signature.Severity == "error" && f.Source != nil {
			m.Selected = f.EntryRef
			m.selected = -2
			m.selections++
			return true
		}
	}
	return false
}

// dropGone clears the selection, mark, bookmarks and hidden sources that
// point at sources that were closed or reparsed.
func (m *Model) dropGone() {
	valid := func(r app.EntryRef) bool {
		if r.Source == nil {
			return false
		}
		for _, s := range m.Timeline.Sources {
			if s == r.Source {
				return r.Index < len(s.Entries)
			}
		}
		return false
	}
	if !valid(m.Selected) {
		m.Selected = app.EntryRef{}
	}
	if !valid(m.Marked) {
		m.Marked = app.EntryRef{}
	}
	kept := m.Bookmarks[:0]
	for _, b := range m.Bookmarks {
		if valid(b.Ref) {
			kept = append(kept, b)
		}
	}
	m.Bookmarks = kept
	present := map[*parsers.Source]bool{}
	for _, s := range m.Timeline.Sources {
		present[s] = true
	}
	for src := range m.Filter.HiddenSources {
		if !present[src] {
			delete(m.Filter.HiddenSources, src)
		}
	}
}

// SetFilter replaces the filter and recomputes the rows in the background.
func (m *Model) SetFilter(f app.Filter) {
	m.Filter = f
	m.refilter()
}

// SetSourceHidden hides or shows one source in the timeline.
func (m *Model) SetSourceHidden(src *parsers.Source, hidden bool) {
	f := m.Filter
	h := map[*parsers.Source]bool{}
	for s, v := range f.HiddenSources {
		h[s] = v
	}
	if hidden {
		h[src] = true
	} else {
		delete(h, src)
	}
	f.HiddenSources = h
	m.SetFilter(f)
}

// SetQuery replaces the search and recomputes the hits in the background.
// An empty text clears the search.
func (m *Model) SetQuery(q app.Query) {
	m.Query = q
	m.refilter()
}

// cancelFilter stops the running filter and search.
func (m *Model) cancelFilter() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cancel != nil {
		m.cancel()
	}
}

// refilter cancels the running filter and search and starts new ones.
func (m *Model) refilter() {
	m.mu.Lock()
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.gen++
	gen := m.gen
	m.mu.Unlock()

	tl, filter, query := m.Timeline, m.Filter, m.Query
	var matcher *app.Matcher
	var qerr error
	if query.Text != "" {
		matcher, qerr = query.Compile()
	}
	m.setBusy(true)
	m.pending.Add(1)
	go func() {
		defer m.pending.Done()
		m.entriesMu.RLock()
		rows, err := app.ApplyFilter(ctx, tl, &filter)
		var hits []int32
		if err == nil && matcher != nil {
			hits, err = app.Search(ctx, tl, rows, matcher)
		}
		m.entriesMu.RUnlock()
		if err != nil {
			return
		}
		m.post(func() {
			m.mu.Lock()
			current := gen == m.gen
			m.mu.Unlock()
			if !current || tl != m.Timeline {
				return
			}
			m.Rows, m.Hits, m.QueryErr, m.matcher = rows, hits, qerr, matcher
			m.Hit = -1
			if len(hits) > 0 {
				m.Hit = app.NextHit(hits, m.SelectedRow()-1, true)
			}
			m.setBusy(false)
			m.notify(ChangeRows | ChangeHits)
		})
	}()
}

// setActivity names the slow work the status bar shows, or clears it.
func (m *Model) setActivity(text string) {
	if m.Activity != text {
		m.Activity = text
		m.notify(ChangeBusy)
	}
}

func (m *Model) setBusy(b bool) {
	if m.Busy != b {
		m.Busy = b
		m.notify(ChangeBusy)
	}
}

// RowCount returns the number of rows the filter keeps.
func (m *Model) RowCount() int {
	if m.Rows != nil {
		return len(m.Rows)
	}
	return m.Timeline.Len()
}

// RowPos returns the timeline position of row r.
func (m *Model) RowPos(r int) int {
	if m.Rows != nil {
		return int(m.Rows[r])
	}
	return r
}

// RowRef returns the entry shown in row r.
func (m *Model) RowRef(r int) app.EntryRef {
	ref := m.Timeline.Refs[m.RowPos(r)]
	return app.EntryRef{Source: m.Timeline.Sources[ref.Src], Index: int(ref.Idx)}
}

// SelectedRow returns the row of the selected entry, or -1 when nothing is
// selected or the filter hides it.
func (m *Model) SelectedRow() int {
	if m.Selected.Source == nil {
		return -1
	}
	if m.selected == -2 {
		m.selected = m.Timeline.IndexOf(m.Selected.Source, m.Selected.Index)
	}
	if m.selected < 0 {
		return -1
	}
	return app.RowOf(m.Rows, m.selected)
}

// Select makes an entry the selected one; it becomes the shared time
// cursor of the panes.
func (m *Model) Select(ref app.EntryRef) {
	if ref == m.Selected {
		return
	}
	m.Selected = ref
	m.selected = -2
	m.selections++
	m.notify(ChangeSelection)
}

// SetEvidence marks the entries that show a ladder step, so that the
// timeline highlights all of them and not only the one selected; nil
// clears the marks.
func (m *Model) SetEvidence(refs []app.EntryRef) {
	m.evidence = make(map[app.EntryRef]bool, len(refs))
	for _, r := range refs {
		m.evidence[r] = true
	}
	m.notify(ChangeSelection)
}

// IsEvidence reports whether ref is marked by SetEvidence.
func (m *Model) IsEvidence(ref app.EntryRef) bool { return m.evidence[ref] }

// SelectRow selects the entry of a row.
func (m *Model) SelectRow(r int) {
	if r < 0 || r >= m.RowCount() {
		return
	}
	m.Select(m.RowRef(r))
}

// SelectedTime returns the skew-corrected time of the selected entry, or 0.
func (m *Model) SelectedTime() int64 { return refTime(m.Selected) }

func refTime(r app.EntryRef) int64 {
	if r.Source == nil {
		return 0
	}
	e := r.Entry()
	if e.Time == 0 {
		return 0
	}
	return e.Time - int64(r.Source.Skew)
}

// GoToTime selects the first row at or after ns, or the last row.
func (m *Model) GoToTime(ns int64) {
	n := m.RowCount()
	if n == 0 {
		return
	}
	r := min(app.RowAt(m.Timeline, m.Rows, ns), n-1)
	m.SelectRow(r)
}

// StepHit selects the next hit after the selected row, or the previous one.
func (m *Model) StepHit(forward bool) {
	i := app.NextHit(m.Hits, m.SelectedRow(), forward)
	if i < 0 {
		return
	}
	m.Hit = i
	m.notify(ChangeHits)
	m.SelectRow(int(m.Hits[i]))
}

// IsHit reports whether row r matches the search.
func (m *Model) IsHit(r int) bool {
	i := sort.Search(len(m.Hits), func(i int) bool { return int(m.Hits[i]) >= r })
	return i < len(m.Hits) && int(m.Hits[i]) == r
}

// Matches reports whether an entry matches the search.
func (m *Model) Matches(e *parsers.Entry) bool {
	return m.matcher != nil && m.matcher.Match(e.Raw)
}

// SetTimeMode changes how times are shown.
func (m *Model) SetTimeMode(mode TimeMode) {
	m.TimeMode = mode
	m.notify(ChangeDisplay)
}

// SetMarked makes ref the entry relative times count from, and turns
// relative times on; a zero ref turns them off.
func (m *Model) SetMarked(ref app.EntryRef) {
	m.Marked = ref
	m.Relative = ref.Source != nil
	m.notify(ChangeDisplay)
}

// SetRelative turns relative times on or off; they stay off while no
// entry is marked.
func (m *Model) SetRelative(on bool) {
	m.Relative = on && m.Marked.Source != nil
	m.notify(ChangeDisplay)
}

// FormatTime returns the time of an entry as the display settings ask.
func (m *Model) FormatTime(src *parsers.Source, e *parsers.Entry) string {
	if e.Time == 0 {
		return ""
	}
	ns := e.Time - int64(src.Skew)
	if m.Relative && m.Marked.Source != nil {
		if base := refTime(m.Marked); base != 0 {
			return formatOffset(time.Duration(ns - base))
		}
	}
	t := time.Unix(0, ns)
	switch m.TimeMode {
	case TimeLocal:
		t = t.Local()
	case TimeSource:
		if src.Zone != nil {
			t = t.In(src.Zone)
		} else {
			t = t.UTC()
		}
	default:
		t = t.UTC()
	}
	return t.Format("2006-01-02 15:04:05.000")
}

// formatOffset writes a duration as a signed offset with milliseconds,
// such as +00:01:02.345.
func formatOffset(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	h := d / time.Hour
	d -= h * time.Hour
	mnt := d / time.Minute
	d -= mnt * time.Minute
	s := d / time.Second
	d -= s * time.Second
	return sign + pad2(int(h)) + ":" + pad2(int(mnt)) + ":" + pad2(int(s)) + "." + pad3(int(d/time.Millisecond))
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

func pad3(n int) string {
	switch {
	case n < 10:
		return "00" + itoa(n)
	case n < 100:
		return "0" + itoa(n)
	}
	return itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// SourceColor returns the colour of a source: the palette colour of its
// rank among the timeline's sources sorted by name, so that the same input
// gets the same colours on every launch, whatever order its files finish
// loading in. A source outside the timeline gets the colour of a hash of
// its name.
func (m *Model) SourceColor(src *parsers.Source) color.Color {
	if n, ok := m.colors[src]; ok {
		return SourceColor(n)
	}
	h := fnv.New32a()
	h.Write([]byte(src.Name))
	return SourceColor(int(h.Sum32() % uint32(len(sourcePalette))))
}

// rankColors gives each source of the timeline the rank of its name, in
// timeline order among equal names.
func (m *Model) rankColors() {
	sorted := slices.Clone(m.Timeline.Sources)
	slices.SortStableFunc(sorted, func(a, b *parsers.Source) int { return strings.Compare(a.Name, b.Name) })
	m.colors = make(map[*parsers.Source]int, len(sorted))
	for i, src := range sorted {
		m.colors[src] = i
	}
}

// Finding returns the finding raised on an entry, or nil.
func (m *Model) Finding(ref app.EntryRef) *app.Finding { return m.findings[ref] }

// BookmarkIndex returns the index of the bookmark on ref, or -1.
func (m *Model) BookmarkIndex(ref app.EntryRef) int {
	for i, b := range m.Bookmarks {
		if b.Ref == ref {
			return i
		}
	}
	return -1
}

// SetBookmark adds or updates the bookmark on ref, kept in time order.
func (m *Model) SetBookmark(ref app.EntryRef, note string) {
	if i := m.BookmarkIndex(ref); i >= 0 {
		m.Bookmarks[i].Note = note
	} else {
		m.Bookmarks = append(m.Bookmarks, Bookmark{Ref: ref, Note: note})
		sort.SliceStable(m.Bookmarks, func(i, j int) bool {
			return refTime(m.Bookmarks[i].Ref) < refTime(m.Bookmarks[j].Ref)
		})
	}
	m.notify(ChangeBookmarks)
}

// RemoveBookmark removes the bookmark on ref.
func (m *Model) RemoveBookmark(ref app.EntryRef) {
	if i := m.BookmarkIndex(ref); i >= 0 {
		m.Bookmarks = append(m.Bookmarks[:i], m.Bookmarks[i+1:]...)
		m.notify(ChangeBookmarks)
	}
}

// Go runs work off the UI thread and then its result function on the UI
// thread; WaitIdle waits for both.
func (m *Model) Go(work func() (apply func())) {
	m.pending.Add(1)
	go func() {
		defer m.pending.Done()
		if apply := work(); apply != nil {
			m.post(apply)
		}
	}()
}

// displayZone returns the zone typed times are read in: UTC, or the
// local zone in TimeLocal mode. Times of TimeSource mode are read as UTC,
// because a typed time names no source.
func (m *Model) displayZone() *time.Location {
	if m.TimeMode == TimeLocal {
		return time.Local
	}
	return time.UTC
}

// FormatInstant writes a skew-corrected time the way ParseTime reads it.
func (m *Model) FormatInstant(ns int64) string {
	return time.Unix(0, ns).In(m.displayZone()).Format("2006-01-02 15:04:05.000")
}

// timeLayouts are the forms ParseTime accepts.
var timeLayouts = []string{
	"2006-01-02 15:04:05.000", "2006-01-02 15:04:05", "2006-01-02T15:04:05.000Z07:00",
	"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04",
}

// clockLayouts are times of day; the date is that of the selected entry,
// or of the first entry.
var clockLayouts = []string{"15:04:05.000", "15:04:05", "15:04"}

// ParseTime reads a typed time in the display zone; "" gives 0.
func (m *Model) ParseTime(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	loc := m.displayZone()
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UnixNano(), nil
		}
	}
	for _, layout := range clockLayouts {
		clock, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		day := m.SelectedTime()
		if day == 0 && m.Timeline.Len() > 0 {
			day = m.Timeline.Time(0)
		}
		d := time.Unix(0, day).In(loc)
		t := time.Date(d.Year(), d.Month(), d.Day(), clock.Hour(), clock.Minute(), clock.Second(), clock.Nanosecond(), loc)
		return t.UnixNano(), nil
	}
	return 0, fmt.Errorf("%s", lang.L("Invalid time {{.Value}}: expected a time such as 2024-05-02 09:14:05 or 09:14:05", map[string]any{"Value": s}))
}

// post runs f on the UI thread. In the app, fyne.Do already runs one
// function at a time there. The test driver runs f at once on the calling
// goroutine instead, so the lock keeps concurrent results apart. f must
// not call post itself.
func (m *Model) post(f func()) {
	fyne.Do(func() {
		m.postMu.Lock()
		defer m.postMu.Unlock()
		f()
	})
}
