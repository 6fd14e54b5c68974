package views

import (
	"fmt"
	"image/color"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// sourceNode is one node of the source tree: a bundle, a folder or zip
// inside it, or a source file.
type sourceNode struct {
	label    string
	children []string
	// source is set on file nodes.
	source *parsers.Source
	// sources holds every source under the node.
	sources []*parsers.Source
	// summary is the info line of a file node, computed once per
	// analysis because it scans the entries for the time range.
	summary string
}

// SourceTree lists the loaded sources as bundle > folder > file with their
// format, entry count, time range, problems and colour. The check box of a
// node hides its sources from the timeline.
type SourceTree struct {
	Tree     *widget.Tree
	model    *Model
	loader   *Loader
	nodes    map[string]*sourceNode
	selected string
	content  fyne.CanvasObject

	// OnClose is called with the sources of the selected node when the
	// user closes them.
	OnClose func([]*parsers.Source)
	// OnSettings is called with the selected source when the user asks
	// to set its zone and clock skew.
	OnSettings func(*parsers.Source)
	// OnProblems is called with the sources of the selected node when the
	// user asks to read every problem met while reading them.
	OnProblems func([]*parsers.Source)

	problemsButton *widget.Button
}

// NewSourceTree returns the source tree of the model's workspace.
func NewSourceTree(m *Model, l *Loader) *SourceTree {
	t := &SourceTree{model: m, loader: l, nodes: map[string]*sourceNode{"": {}}}
	t.Tree = widget.NewTree(t.childIDs, t.isBranch, t.createNode, t.updateNode)
	t.Tree.OnSelected = func(id string) {
		t.selected = id
		t.updateProblemsButton()
	}
	t.Tree.OnUnselected = func(string) {
		t.selected = ""
		t.updateProblemsButton()
	}

	closeButton := widget.NewButtonWithIcon(lang.L("Close"), theme.DeleteIcon(), func() {
		if n := t.nodes[t.selected]; n != nil && t.OnClose != nil && t.selected != "" {
			t.OnClose(n.sources)
		}
	})
	settingsButton := widget.NewButtonWithIcon(lang.L("Zone and skew"), theme.HistoryIcon(), func() {
		if n := t.nodes[t.selected]; n != nil && n.source != nil && t.OnSettings != nil {
			t.OnSettings(n.source)
		}
	})
	t.problemsButton = widget.NewButtonWithIcon(lang.L("Problems…"), theme.WarningIcon(), func() {
		if n := t.nodes[t.selected]; n != nil && t.OnProblems != nil {
			t.OnProblems(n.sources)
		}
	})
	t.problemsButton.Disable()
	bottom := container.NewVBox(l.Panel(), container.NewGridWithColumns(2, closeButton, settingsButton), t.problemsButton)
	t.content = container.NewBorder(nil, bottom, nil, nil, container.NewThemeOverride(t.Tree, &compactTheme{}))

	m.Listen(func(c Change) {
		if c&(ChangeSources|ChangeTimeline) != 0 {
			t.rebuild()
		}
		if c&(ChangeRows|ChangeDisplay) != 0 {
			t.Tree.Refresh()
		}
	})
	return t
}

// Content returns the object to place in the window.
func (t *SourceTree) Content() fyne.CanvasObject { return t.content }

// Node returns the label and sources of a node, for tests and menus.
func (t *SourceTree) Node(id string) (label string, sources []*parsers.Source, ok bool) {
	n, ok := t.nodes[id]
	if !ok {
		return "", nil, false
	}
	return n.label, n.sources, true
}

// Select selects a node of the tree.
func (t *SourceTree) Select(id string) {
	t.selected = id
	t.Tree.Select(id)
}

// rebuild groups the workspace's sources by bundle and by the folders of
// their names. A bundle that is a single file shows the file directly.
func (t *SourceTree) rebuild() {
	nodes := map[string]*sourceNode{"": {}}
	var sources []*parsers.Source
	if t.model.Timeline != nil {
		sources = t.model.Timeline.Sources
	}
	labels := t.bundleLabels(sources)
	for _, src := range sources {
		bundle := t.loader.Bundles[src]
		if bundle == "" {
			bundle = lang.L("Other")
		}
		parts := treeParts(src, bundle)
		path := []string{labels[src]}
		if !(len(parts) == 1 && parts[0] == bundle) {
			path = append(path, parts...)
		}
		id := ""
		for i, part := range path {
			parent := id
			if i == 0 {
				id = part
			} else {
				id += "/" + part
			}
			n, ok := nodes[id]
			if ok && i == len(path)-1 && n.source != nil {
				// Two sources of one bundle with one name, such as two
				// sources added to the workspace without the loader.
				id, part = uniqueNodeID(nodes, id, part)
				ok = false
			}
			if !ok {
				n = &sourceNode{label: part}
				nodes[id] = n
				nodes[parent].children = append(nodes[parent].children, id)
			}
			n.sources = append(n.sources, src)
			if i == len(path)-1 {
				n.source = src
				n.summary = describeSource(src)
			}
		}
		nodes[""].sources = append(nodes[""].sources, src)
	}
	for _, n := range nodes {
		sort.Strings(n.children)
	}
	t.nodes = nodes
	t.updateProblemsButton()
	t.Tree.Refresh()
	t.Tree.OpenAllBranches()
}

// updateProblemsButton enables the Problems button while the selected
// node holds a source with problems.
func (t *SourceTree) updateProblemsButton() {
	n := t.nodes[t.selected]
	if n != nil && t.selected != "" && slices.ContainsFunc(n.sources, func(src *parsers.Source) bool { return len(src.Problems) > 0 }) {
		t.problemsButton.Enable()
	} else {
		t.problemsButton.Disable()
	}
}

// uniqueNodeID returns the id and label of a new node next to the node
// id, which exists already: label with " (2)", " (3)" and so on.
func uniqueNodeID(nodes map[string]*sourceNode, id, label string) (string, string) {
	for n := 2; ; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		if _, exists := nodes[id+suffix]; !exists {
			return id + suffix, label + suffix
		}
	}
}

// bundleLabels returns the label of each source's bundle node, named
// after the path or data it was opened from. When two bundles of one name
// come from different paths, each label adds the name of the folder the
// path is in, or the whole folder when those names are alike. A path
// opened twice adds "(2)" to its second bundle.
func (t *SourceTree) bundleLabels(sources []*parsers.Source) map[*parsers.Source]string {
	// Group the distinct origins by bundle name.
	byName := map[string][]bundleOrigin{}
	for _, src := range sources {
		o, ok := t.loader.origin(src)
		if !ok {
			continue
		}
		name := t.loader.Bundles[src]
		if !slices.Contains(byName[name], o) {
			byName[name] = append(byName[name], o)
		}
	}
	names := map[bundleOrigin]string{}
	for name, origins := range byName {
		for o, label := range distinctLabels(name, origins) {
			names[o] = label
		}
	}

	out := make(map[*parsers.Source]string, len(sources))
	for _, src := range sources {
		if o, ok := t.loader.origin(src); ok {
			out[src] = names[o]
			continue
		}
		out[src] = t.loader.Bundles[src]
		if out[src] == "" {
			out[src] = lang.L("Other")
		}
	}
	return out
}

// distinctLabels returns a label for each origin of the bundles named
// name, different from the others'.
func distinctLabels(name string, origins []bundleOrigin) map[bundleOrigin]string {
	out := map[bundleOrigin]string{}
	if len(origins) == 1 {
		out[origins[0]] = name
		return out
	}
	slices.SortFunc(origins, func(a, b bundleOrigin) int { return a.job - b.job })

	// Qualify by the folder's name where those differ, else by the whole
	// folder.
	qualifier := func(o bundleOrigin) string { return filepath.Base(filepath.Dir(o.path)) }
	seen := map[string]string{}
	for _, o := range origins {
		if p, ok := seen[qualifier(o)]; ok && p != o.path {
			qualifier = func(o bundleOrigin) string { return filepath.Dir(o.path) }
			break
		}
		seen[qualifier(o)] = o.path
	}
	samePath := true
	for _, o := range origins {
		samePath = samePath && o.path == origins[0].path
	}

	// A path opened more than once counts its copies.
	copies := map[string]int{}
	for _, o := range origins {
		copies[o.path]++
		n := copies[o.path]
		switch {
		case samePath && n == 1:
			out[o] = name
		case samePath:
			out[o] = fmt.Sprintf("%s (%d)", name, n)
		case n == 1:
			out[o] = fmt.Sprintf("%s (%s)", name, qualifier(o))
		default:
			out[o] = fmt.Sprintf("%s (%s, %d)", name, qualifier(o), n)
		}
	}
	return out
}

// treeParts returns the folders and the file name of a source under its
// bundle node. A source named by the whole path that was opened, which is
// how a path that cannot be opened is named, is the bundle itself: its
// path's folders are not nodes.
func treeParts(src *parsers.Source, bundle string) []string {
	if src.Name == filepath.ToSlash(src.Path) && path.Base(src.Name) == bundle {
		return []string{bundle}
	}
	parts := strings.FieldsFunc(src.Name, func(r rune) bool { return r == '/' })
	if len(parts) > 1 && parts[0] == bundle {
		parts = parts[1:]
	}
	return parts
}

func (t *SourceTree) childIDs(id string) []string {
	if n := t.nodes[id]; n != nil {
		return n.children
	}
	return nil
}

func (t *SourceTree) isBranch(id string) bool {
	n := t.nodes[id]
	return n != nil && len(n.children) > 0
}

func (t *SourceTree) createNode(bool) fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	swatch := canvas.NewRectangle(theme.Color(theme.ColorNameDisabled))
	// The size comes from the app's theme. theme.Padding() returns the
	// compact padding only while Fyne lays out the tree, and Fyne creates
	// rows at other times too, so rows would get swatches of two widths.
	appTheme := fyne.CurrentApp().Settings().Theme()
	swatch.SetMinSize(fyne.NewSize(appTheme.Size(theme.SizeNamePadding)*2, appTheme.Size(theme.SizeNameText)))
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	info := widget.NewLabel("")
	info.SizeName = theme.SizeNameCaptionText
	info.Truncation = fyne.TextTruncateEllipsis
	text := container.NewVBox(name, info)
	return container.NewBorder(nil, nil, container.NewHBox(check, container.NewCenter(swatch)), nil, text)
}

func (t *SourceTree) updateNode(id string, _ bool, o fyne.CanvasObject) {
	n := t.nodes[id]
	if n == nil {
		return
	}
	border := o.(*fyne.Container)
	text := border.Objects[0].(*fyne.Container)
	left := border.Objects[1].(*fyne.Container)
	check := left.Objects[0].(*widget.Check)
	swatch := left.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	name := text.Objects[0].(*widget.Label)
	info := text.Objects[1].(*widget.Label)

	visible := false
	for _, src := range n.sources {
		visible = visible || !t.model.Filter.HiddenSources[src]
	}
	check.OnChanged = nil
	check.SetChecked(visible)
	check.OnChanged = func(on bool) {
		for _, src := range n.sources {
			t.model.SetSourceHidden(src, !on)
		}
	}

	name.SetText(n.label)
	if n.source != nil {
		swatch.FillColor = t.model.SourceColor(n.source)
		info.SetText(n.summary)
		switch {
		case n.source.Format == "":
			name.Importance = widget.DangerImportance
		case len(n.source.Problems) > 0:
			name.Importance = widget.WarningImportance
		default:
			name.Importance = widget.MediumImportance
		}
	} else {
		swatch.FillColor = theme.Color(theme.ColorNameDisabled)
		entries := 0
		for _, s := range n.sources {
			entries += len(s.Entries)
		}
		info.SetText(fileCount(len(n.sources)) + ", " + entryCount(entries))
		name.Importance = widget.MediumImportance
	}
	name.Refresh()
	swatch.Refresh()
}

// fileCount and entryCount return "1 file" or "N files" (and entries) in
// the current language.
func fileCount(n int) string {
	return app.TN("{{.Count}} files", n, map[string]any{"Count": n})
}

func entryCount(n int) string {
	return app.EntryCount(n)
}

// describeSource returns the one-line summary of a source: format, entry
// count, time range, and its first problem after the count of problems
// when there are more. A source that could not be read shows why first,
// so that the reason is what stays visible when the line is cut. The
// Problems button lists every problem.
func describeSource(src *parsers.Source) string {
	if src.Format == "" && len(src.Problems) > 0 {
		// The reading error comes after the notes on the file's name.
		return app.ProblemMessage(src.Name, src.Problems[len(src.Problems)-1])
	}
	parts := []string{src.Format, entryCount(len(src.Entries))}
	if src.Preview {
		parts = append(parts, lang.L("first part, still loading"))
	}
	if first, last := src.First(), src.Last(); first != 0 {
		parts = append(parts, fmt.Sprintf("%s – %s",
			time.Unix(0, first).UTC().Format("01-02 15:04:05"), time.Unix(0, last).UTC().Format("01-02 15:04:05")))
	}
	if src.Skew != 0 {
		parts = append(parts, lang.L("skew {{.Skew}}", map[string]any{"Skew": src.Skew}))
	}
	switch n := len(src.Problems); {
	case n == 1:
		parts = append(parts, app.ProblemMessage(src.Name, src.Problems[0]))
	case n > 1:
		parts = append(parts, app.TN("{{.Count}} problems", n, map[string]any{"Count": n})+": "+
			app.ProblemMessage(src.Name, src.Problems[0]))
	}
	return strings.Join(parts, " · ")
}

// compactTheme narrows the padding of the source tree, whose rows hold
// two lines of text each.
type compactTheme struct{}

func (compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, v)
}
func (compactTheme) Font(s fyne.TextStyle) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Font(s)
}
func (compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return fyne.CurrentApp().Settings().Theme().Icon(n)
}
func (compactTheme) Size(n fyne.ThemeSizeName) float32 {
	base := fyne.CurrentApp().Settings().Theme().Size(n)
	switch n {
	case theme.SizeNamePadding, theme.SizeNameInnerPadding, theme.SizeNameLineSpacing:
		return base / 3
	}
	return base
}
