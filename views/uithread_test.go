package views

// onUIThread runs f the way the app runs an event handler on its UI
// thread: no background result is applied to the model and its views
// until f returns. Fyne's test driver runs fyne.Do at once on the
// goroutine that calls it. So a load, filter or analysis that f starts
// could otherwise post its result while f still changes the same widgets,
// which never happens in the app. f must not wait for background work,
// because that work cannot post while f runs.
func onUIThread(m *Model, f func()) {
	m.postMu.Lock()
	defer m.postMu.Unlock()
	f()
}
