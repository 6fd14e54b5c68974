// Package app is wxlog's domain: the workspace of loaded sources, the
// unified timeline, the signature catalogue and its findings, the sign-in
// ladder, the case summary, redaction and the report. It never imports
// Fyne, so everything here tests without a display.
package app

import (
	"context"
	"fmt"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wxlog/wxlog/parsers"
)

// SourceSetting overrides the zone or clock skew of the sources whose name
// matches Pattern: the exact name, or a path.Match glob against the name
// or its last element.
type SourceSetting struct {
	Pattern string
	Zone    *time.Location
	Skew    time.Duration
	HasSkew bool
}

// Matches reports whether the setting applies to a source name.
func (s SourceSetting) Matches(name string) bool {
	if s.Pattern == name {
		return true
	}
	if ok, _ := path.Match(s.Pattern, name); ok {
		return true
	}
	ok, _ := path.Match(s.Pattern, path.Base(name))
	return ok
}

// UnmatchedSettings returns the settings whose pattern matches none of the
// sources, so that a mistyped --tz or --skew pattern does not go unnoticed.
func UnmatchedSettings(settings []SourceSetting, sources []*parsers.Source) []SourceSetting {
	var out []SourceSetting
	for _, set := range settings {
		matched := false
		for _, src := range sources {
			if set.Matches(src.Name) {
				matched = true
				break
			}
		}
		if !matched {
			out = append(out, set)
		}
	}
	return out
}

// ZoneOverride is a --tz setting that replaces the zone a source prints
// with each time.
type ZoneOverride struct {
	Source  string
	Printed string
	Zone    string
}

// ZoneOverrides returns, for each source that a zone setting matches and
// that prints a known zone with its times, the printed zone and the zone
// the setting reads its times in instead. A source whose text cannot be
// read is left out.
func ZoneOverrides(settings []SourceSetting, sources []*parsers.Source) []ZoneOverride {
	var out []ZoneOverride
	cfg := Config{Settings: settings}
	for _, src := range sources {
		opts, _ := cfg.optionsFor(src.Name)
		zone := opts.Zone
		if zone == nil {
			continue
		}
		var printed string
		if parsers.CatchFault(func() { printed = parsers.PrintedZone(src) }) != nil || printed == "" {
			continue
		}
		out = append(out, ZoneOverride{Source: src.Name, Printed: printed, Zone: zone.String()})
	}
	return out
}

// ParseSourceSetting reads "SOURCE=VALUE" as given to --tz (an IANA zone
// name such as Europe/Copenhagen, or UTC) or to --skew (a signed Go
// duration such as +2.4s or -150ms).
func ParseSourceSetting(arg string, skew bool) (SourceSetting, error) {
	eq := strings.LastIndexByte(arg, '=')
	if eq <= 0 || eq == len(arg)-1 {
		return SourceSetting{}, fmt.Errorf("invalid setting %q: expected SOURCE=VALUE", arg)
	}
	s := SourceSetting{Pattern: arg[:eq]}
	value := arg[eq+1:]
	if skew {
		d, err := time.ParseDuration(strings.TrimPrefix(value, "+"))
		if err != nil {
			return s, fmt.Errorf("invalid skew %q for %s: expected a duration such as +2.4s or -150ms", value, s.Pattern)
		}
		s.Skew, s.HasSkew = d, true
		return s, nil
	}
	loc, err := time.LoadLocation(value)
	if err != nil {
		return s, fmt.Errorf("invalid time zone %q for %s: expected an IANA name such as Europe/Copenhagen", value, s.Pattern)
	}
	s.Zone = loc
	return s, nil
}

// Config controls a load.
type Config struct {
	Limits   parsers.Limits
	Settings []SourceSetting
	// Workers is how many files parse at once; 0 means one per CPU.
	Workers int
}

func (c Config) optionsFor(name string) (parsers.Options, time.Duration) {
	var opts parsers.Options
	var skew time.Duration
	for _, s := range c.Settings {
		if !s.Matches(name) {
			continue
		}
		if s.Zone != nil {
			opts.Zone, opts.ForceZone = s.Zone, true
		}
		if s.HasSkew {
			skew = s.Skew
		}
	}
	return opts, skew
}

// Workspace holds the loaded sources of one case.
type Workspace struct {
	mu      sync.RWMutex
	Sources []*parsers.Source

	// files counts the sources of each file on disk by its key (see
	// pathKey), loaded or being loaded, and keys holds each source's key,
	// so that a file loads once and loads again after its sources are
	// removed. walking counts the folders that running loads walk, by key.
	files   map[string]int
	keys    map[*parsers.Source]string
	walking map[string]int

	// heldByKey and heldBySize index the held files on disk by key and by
	// size for sameContent, which runs under contentMu. copyOf maps each
	// path skipped as a copy to the path it copies, for SkippedNotes,
	// until a later load skips the path as already loaded.
	contentMu  sync.Mutex
	heldByKey  map[string]*heldFile
	heldBySize map[int64][]*heldFile
	copyOf     map[string]string
}

// Load reads every path into a new workspace. Each file is parsed in
// parallel with the others; progress, when not nil, is called from the
// loading goroutines as each source is ready. A file with problems still
// becomes a source, carrying its problems. The error is the context's, when
// the load was cancelled; the sources parsed until then are kept.
func Load(ctx context.Context, paths []string, cfg Config, progress func(*parsers.Source)) (*Workspace, error) {
	ws := &Workspace{}
	err := ws.Add(ctx, paths, cfg, progress)
	return ws, err
}

// Add loads more paths into the workspace.
func (ws *Workspace) Add(ctx context.Context, paths []string, cfg Config, progress func(*parsers.Source)) error {
	return ws.AddWith(ctx, paths, cfg, LoadEvents{Source: progress})
}

// AddData loads an in-memory file or bundle, such as the embedded demo,
// into the workspace under the given name.
func (ws *Workspace) AddData(ctx context.Context, name string, data []byte, cfg Config, progress func(*parsers.Source)) error {
	return ws.AddDataWith(ctx, name, data, cfg, LoadEvents{Source: progress})
}

// LoadEvents receives what a load reports while it runs, so a window can
// show sources before the whole load ends. Each function may be nil, and
// is called from the loading goroutines, one call at a time.
type LoadEvents struct {
	// Source is called as each source is parsed. The workspace gets the
	// sources only when the load ends, sorted by name.
	Source func(*parsers.Source)
	// Preview is called with a parse of the start of a large file (see
	// parsers.OpenPreview) before its full parse is ready, and never after
	// it: for the first few large files read from disk as soon as their
	// head is read, and for large archive members before they are parsed.
	// Previews never join the workspace.
	Preview func(*parsers.Source)
	// PreviewBytes is the size of a preview, or 0 for parsers.PreviewBytes.
	PreviewBytes int
	// Skipped is called once, when the load ends, with the paths it left
	// out because the workspace holds their files already, another of
	// its paths contains them, or they hold the same bytes as a file the
	// workspace holds. Workspace.SkippedNotes words them for the user.
	Skipped func(paths []string)
	// Progress is called with the bytes on disk of the files parsed so far
	// and the total size of the opened paths (0 when it is not known), each
	// time a file on disk is done.
	Progress func(done, total int64)
}

// maxPreviews caps the files previewed by one load. A preview costs about
// PreviewBytes of reading and parsing, so 16 of them stay well under a
// second even when the largest file of a folder comes last.
const maxPreviews = 16

// AddWith loads more paths into the workspace and reports sources,
// previews and progress as they come. A file loads once, so a path is
// skipped when it repeats another, lies inside a folder of this load or
// of another load still running, or names a file the workspace holds.
// Such a file met inside a folder is skipped too, and so is a file with
// the same bytes as a file the workspace holds. ev.Skipped gets the
// skipped paths.
func (ws *Workspace) AddWith(ctx context.Context, paths []string, cfg Config, ev LoadEvents) error {
	plan := ws.planLoad(paths)
	defer plan.done()
	paths = plan.paths
	r := newReporter(ev)
	var previews sync.WaitGroup
	if ev.Preview != nil || ev.Progress != nil {
		previews.Add(1)
		go func() {
			defer previews.Done()
			if ev.Progress != nil {
				r.setTotal(parsers.DiskBytes(ctx, paths))
			}
			if ev.Preview == nil {
				return
			}
			_ = parsers.WalkHeads(ctx, paths, cfg.Limits, r.previewBytes, maxPreviews, func(item parsers.Item) {
				if plan.foreign(item.Path) {
					return
				}
				opts, skew := cfg.optionsFor(item.Name)
				if src := parsers.OpenPreview(item, opts, r.previewBytes); src != nil {
					src.Skew = skew
					r.preview(src)
				}
			})
		}()
	}
	err := ws.add(ctx, cfg, r, func(emit func(parsers.Item, string)) error {
		return parsers.Walk(ctx, paths, cfg.Limits, func(item parsers.Item) {
			if key, ok := plan.admit(item); ok {
				emit(item, key)
			} else {
				r.skippedFile(item.Path)
			}
		})
	})
	previews.Wait()
	skipped, originals := plan.skippedPaths()
	ws.recordCopies(skipped, originals)
	if len(skipped) > 0 && ev.Skipped != nil {
		ev.Skipped(skipped)
	}
	return err
}

// recordCopies stores, for SkippedNotes, which of the skipped paths are
// copies and of what. A path skipped now as already loaded loses the
// original an earlier load recorded for it.
func (ws *Workspace) recordCopies(skipped []string, originals map[string]string) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for _, path := range skipped {
		original, ok := originals[path]
		if !ok {
			delete(ws.copyOf, path)
			continue
		}
		if ws.copyOf == nil {
			ws.copyOf = map[string]string{}
		}
		ws.copyOf[path] = original
	}
}

// SkippedNote returns the note, in the current language, that names the
// paths a load skipped because they are already loaded.
func SkippedNote(paths []string) string {
	return TN("{{.Count}} paths were skipped because they are already loaded: {{.Paths}}",
		len(paths), map[string]any{"Count": len(paths), "Paths": strings.Join(paths, ", ")})
}

// SkippedNotes returns the notes, in the current language, that name the
// paths loads of ws skipped (see LoadEvents.Skipped): a SkippedNote for
// those already loaded, then one note for each copy that names the path
// it copies.
func (ws *Workspace) SkippedNotes(paths []string) []string {
	ws.mu.RLock()
	defer ws.mu.RUnlock()
	var loaded, notes []string
	for _, path := range paths {
		original, ok := ws.copyOf[path]
		if !ok {
			loaded = append(loaded, path)
			continue
		}
		notes = append(notes, T("{{.Path}} was skipped because it has the same content as {{.Original}}",
			map[string]any{"Path": path, "Original": original}))
	}
	if len(loaded) > 0 {
		notes = append([]string{SkippedNote(loaded)}, notes...)
	}
	return notes
}

// AddDataWith loads an in-memory file or bundle and reports sources and
// progress as they come. The data is in memory already, so nothing is
// previewed.
func (ws *Workspace) AddDataWith(ctx context.Context, name string, data []byte, cfg Config, ev LoadEvents) error {
	r := newReporter(ev)
	r.setTotal(int64(len(data)))
	return ws.add(ctx, cfg, r, func(emit func(parsers.Item, string)) error {
		return parsers.WalkData(ctx, name, data, cfg.Limits, func(item parsers.Item) { emit(item, "") })
	})
}

// reporter serialises the events of one load, keeps a preview from
// arriving after its full source, and counts progress by file on disk: a
// file is done when the walk has moved past it and each item read from it
// is parsed.
type reporter struct {
	ev           LoadEvents
	previewBytes int

	mu        sync.Mutex
	parsed    map[string]bool
	previewed map[string]bool
	// claimed counts the previews workers made from whole items.
	claimed int
	pending map[string]int
	sizes   map[string]int64
	walking string
	done    int64
	total   int64
	// skipped holds the disk files left out as already loaded.
	skipped map[string]bool
}

func newReporter(ev LoadEvents) *reporter {
	r := &reporter{ev: ev, previewBytes: ev.PreviewBytes, parsed: map[string]bool{}, previewed: map[string]bool{}, pending: map[string]int{}, sizes: map[string]int64{}}
	if r.previewBytes <= 0 {
		r.previewBytes = parsers.PreviewBytes
	}
	return r
}

func (r *reporter) setTotal(total int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.total = total
	r.report()
}

func (r *reporter) preview(src *parsers.Source) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.parsed[src.Name] && !r.previewed[src.Name] && r.ev.Preview != nil {
		r.previewed[src.Name] = true
		r.ev.Preview(src)
	}
}

// claimPreview reports whether a worker should preview an item before
// parsing it whole: a large item, such as a zip member, that no head read
// has previewed yet, among the first few of the load.
func (r *reporter) claimPreview(item parsers.Item) bool {
	if r.ev.Preview == nil || item.Err != nil || len(item.Data) <= 4*r.previewBytes {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.previewed[item.Name] || r.claimed >= maxPreviews {
		return false
	}
	r.claimed++
	return true
}

// walked records an item the walk emitted, before it is parsed.
func (r *reporter) walked(item parsers.Item) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if item.Path == "" {
		// In-memory items count by their own size as they are parsed.
		return
	}
	if _, ok := r.sizes[item.Path]; !ok {
		var size int64
		if info, err := os.Stat(item.Path); err == nil {
			size = info.Size()
		}
		r.sizes[item.Path] = size
	}
	r.pending[item.Path]++
	if r.walking != item.Path {
		prev := r.walking
		r.walking = item.Path
		r.settle(prev)
	}
}

// skippedFile counts a disk file that the load skipped as already loaded
// as done, once, so that the progress still reaches the total.
func (r *reporter) skippedFile(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.skipped == nil {
		r.skipped = map[string]bool{}
	}
	if r.skipped[path] {
		return
	}
	r.skipped[path] = true
	if info, err := os.Stat(path); err == nil {
		r.done += info.Size()
		r.report()
	}
}

// finished records a parsed source.
func (r *reporter) finished(item parsers.Item, src *parsers.Source) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.parsed[src.Name] = true
	if r.ev.Source != nil {
		r.ev.Source(src)
	}
	if item.Path == "" {
		r.done += int64(len(item.Data))
		r.report()
		return
	}
	r.pending[item.Path]--
	r.settle(item.Path)
}

// dropped records an item left unparsed because the load was cancelled.
func (r *reporter) dropped(item parsers.Item) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if item.Path != "" {
		r.pending[item.Path]--
		r.settle(item.Path)
	}
}

// walkEnded settles the last file the walk read.
func (r *reporter) walkEnded() {
	r.mu.Lock()
	defer r.mu.Unlock()
	prev := r.walking
	r.walking = ""
	r.settle(prev)
}

// settle counts a disk file as done once the walk is past it and its
// items are parsed.
func (r *reporter) settle(path string) {
	if path == "" || path == r.walking || r.pending[path] > 0 {
		return
	}
	if size, ok := r.sizes[path]; ok {
		r.done += size
		delete(r.sizes, path)
		delete(r.pending, path)
		r.report()
	}
}

func (r *reporter) report() {
	if r.ev.Progress == nil {
		return
	}
	done := r.done
	if r.total > 0 {
		// Archive members are counted by their unpacked size in memory,
		// which can exceed the archive's size on disk.
		done = min(done, r.total)
	}
	r.ev.Progress(done, r.total)
}

// keyedItem is an item to parse and the key of its file on disk, or ""
// for an in-memory item.
type keyedItem struct {
	item parsers.Item
	key  string
}

// add parses the items that walk emits, with the keys of their files, in
// parallel, and appends the sources sorted by name.
func (ws *Workspace) add(ctx context.Context, cfg Config, r *reporter, walk func(emit func(parsers.Item, string)) error) error {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	items := make(chan keyedItem, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var added []*parsers.Source
	keys := map[*parsers.Source]string{}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for keyed := range items {
				item := keyed.item
				opts, skew := cfg.optionsFor(item.Name)
				if r.claimPreview(item) {
					// A fault on a mapped file is reported by the full
					// parse below, which faults too.
					var p *parsers.Source
					if parsers.CatchFault(func() { p = parsers.OpenPreview(item, opts, r.previewBytes) }) == nil && p != nil {
						p.Skew = skew
						r.preview(p)
					}
				}
				// The text of a large file is mapped: OpenGuarded gives its
				// pages back after the parse and turns a fault, when the
				// file is cut short meanwhile, into a problem of the source.
				src := parsers.OpenGuarded(item, opts)
				src.Skew = skew
				mu.Lock()
				added = append(added, src)
				if keyed.key != "" {
					keys[src] = keyed.key
				}
				mu.Unlock()
				r.finished(item, src)
			}
		}()
	}
	err := walk(func(item parsers.Item, key string) {
		r.walked(item)
		select {
		case items <- keyedItem{item, key}:
		case <-ctx.Done():
			r.dropped(item)
			ws.mu.Lock()
			ws.releaseLocked(key)
			ws.mu.Unlock()
		}
	})
	close(items)
	wg.Wait()
	r.walkEnded()

	sort.SliceStable(added, func(i, j int) bool { return added[i].Name < added[j].Name })
	ws.mu.Lock()
	ws.Sources = append(ws.Sources, added...)
	if ws.keys == nil {
		ws.keys = map[*parsers.Source]string{}
	}
	for src, key := range keys {
		ws.keys[src] = key
	}
	ws.mu.Unlock()
	return err
}

// Remove drops a source from the workspace. Once every source of a file
// is removed, the file can be loaded again.
func (ws *Workspace) Remove(src *parsers.Source) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if key, ok := ws.keys[src]; ok {
		delete(ws.keys, src)
		ws.releaseLocked(key)
	}
	for i, s := range ws.Sources {
		if s == src {
			ws.Sources = append(ws.Sources[:i:i], ws.Sources[i+1:]...)
			return
		}
	}
}

// Snapshot returns the current list of sources.
func (ws *Workspace) Snapshot() []*parsers.Source {
	ws.mu.RLock()
	defer ws.mu.RUnlock()
	out := make([]*parsers.Source, 0, len(ws.Sources))
	for _, src := range ws.Sources {
		// A preview added by hand stays out of the analysis and reports.
		if !src.Preview {
			out = append(out, src)
		}
	}
	return out
}
