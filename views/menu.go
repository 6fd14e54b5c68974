package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// shortcut returns Ctrl+key, or Cmd+key on macOS.
func shortcut(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// buildMenu sets the main menu. The shortcuts sit on the menu items, so
// they work while a text field has the focus.
func (w *MainWindow) buildMenu() {
	item := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = sc
		return it
	}
	w.recent = fyne.NewMenu(lang.L("Open recent"))
	recentItem := fyne.NewMenuItem(lang.L("Open recent"), nil)
	recentItem.ChildMenu = w.recent
	w.refreshRecent()

	file := fyne.NewMenu(lang.L("File"),
		item(lang.L("Open…"), shortcut(fyne.KeyO), func() { w.pick(false) }),
		item(lang.L("Open folder…"), nil, func() { w.pick(true) }),
		recentItem,
		fyne.NewMenuItemSeparator(),
		item(lang.L("Close source"), shortcut(fyne.KeyW), w.closeCurrent),
	)
	edit := fyne.NewMenu(lang.L("Edit"),
		item(lang.L("Find"), shortcut(fyne.KeyF), w.focusSearch),
		item(lang.L("Go to time or line…"), shortcut(fyne.KeyG), func() { showGoTo(w.Model, w.Window) }),
		item(lang.L("Copy raw text"), nil, func() { w.App.Clipboard().SetContent(w.Detail.RawText()) }),
		item(lang.L("Bookmark selected entry"), shortcut(fyne.KeyB), func() {
			if w.Model.Selected.Source != nil {
				showBookmarkNote(w.Model, w.Model.Selected, w.Window)
			}
		}),
	)

	m := w.Model
	timeItem := func(label string, mode TimeMode) *fyne.MenuItem {
		return item(label, nil, func() { m.SetTimeMode(mode) })
	}
	w.ViewMenu = fyne.NewMenu(lang.L("View"),
		item(lang.L("Bigger text"), shortcut(fyne.KeyEqual), func() { w.zoom(1) }),
		item(lang.L("Smaller text"), shortcut(fyne.KeyMinus), func() { w.zoom(-1) }),
		item(lang.L("Normal text size"), shortcut(fyne.Key0), func() { w.SetTextSize(0) }),
		fyne.NewMenuItemSeparator(),
		timeItem(lang.L("Times in UTC"), TimeUTC),
		timeItem(lang.L("Times in local time"), TimeLocal),
		timeItem(lang.L("Times in each source's zone"), TimeSource),
		item(lang.L("Times relative to the selected entry"), nil, func() { m.SetMarked(m.Selected) }),
		item(lang.L("Absolute times"), nil, func() { m.SetRelative(false) }),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Theme follows the system"), nil, func() { w.SetVariant(VariantSystem) }),
		item(lang.L("Light theme"), nil, func() { w.SetVariant(VariantLight) }),
		item(lang.L("Dark theme"), nil, func() { w.SetVariant(VariantDark) }),
	)
	w.RefreshMenu(file, edit)
}

// RefreshMenu sets the main menu again after menus changed.
func (w *MainWindow) RefreshMenu(menus ...*fyne.Menu) {
	if len(menus) == 0 {
		if mm := w.Window.MainMenu(); mm != nil {
			mm.Refresh()
		}
		return
	}
	w.Window.SetMainMenu(fyne.NewMainMenu(append(menus, w.ViewMenu)...))
}

func (w *MainWindow) refreshRecent() {
	if w.recent == nil {
		return
	}
	w.recent.Items = nil
	for _, p := range w.Recent() {
		p := p
		w.recent.Items = append(w.recent.Items, fyne.NewMenuItem(p, func() { w.Open([]string{p}) }))
	}
	if len(w.recent.Items) == 0 {
		none := fyne.NewMenuItem(lang.L("No recent files"), nil)
		none.Disabled = true
		w.recent.Items = append(w.recent.Items, none)
	}
	w.recent.Refresh()
}

func (w *MainWindow) focusSearch() {
	w.Window.Canvas().Focus(w.Search.Entry)
}

// bindKeys registers the shortcuts on the canvas as well, for windows
// without a native menu bar, and the plain keys F3 and Escape, which are
// not shortcuts because they have no modifier.
func (w *MainWindow) bindKeys() {
	c := w.Window.Canvas()
	for _, mi := range w.Window.MainMenu().Items {
		for _, it := range mi.Items {
			if it.Shortcut != nil && it.Action != nil {
				action := it.Action
				c.AddShortcut(it.Shortcut, func(fyne.Shortcut) { action() })
			}
		}
	}
	c.AddShortcut(shortcut(fyne.KeyPlus), func(fyne.Shortcut) { w.zoom(1) })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { w.Search.HandleKey(ev) })
}
