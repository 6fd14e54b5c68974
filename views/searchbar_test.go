package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

func newSearchModel(t *testing.T) (*Model, *SearchBar) {
	t.Helper()
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	b := NewSearchBar(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	return m, b
}

func TestSearchBarCountsAndSteps(t *testing.T) {
	m, b := newSearchModel(t)
	onUIThread(m, func() { b.Entry.SetText("REGISTER") })
	m.WaitIdle()

	want := 0
	for r := range m.RowCount() {
		if strings.Contains(strings.ToLower(m.RowRef(r).Entry().Raw), "register") {
			want++
		}
	}
	require.Greater(t, want, 1, "the case mentions REGISTER more than once")
	require.Len(t, m.Hits, want, "the search ignores case")
	assert.Equal(t, "1 of "+itoa(want), b.Count.Text)

	m.StepHit(true)
	assert.Equal(t, int(m.Hits[0]), m.SelectedRow())
	m.StepHit(true)
	assert.Equal(t, int(m.Hits[1]), m.SelectedRow())
	assert.Equal(t, "2 of "+itoa(want), b.Count.Text)
	m.StepHit(false)
	m.StepHit(false)
	assert.Equal(t, int(m.Hits[want-1]), m.SelectedRow(), "previous wraps to the last hit")
}

func TestSearchBarRegex(t *testing.T) {
	m, b := newSearchModel(t)
	onUIThread(m, func() { b.Regex.SetChecked(true) })
	m.WaitIdle()
	onUIThread(m, func() { b.Entry.SetText(`HTTP/1\.1 [2]\d\d`) })
	m.WaitIdle()
	assert.NotEmpty(t, m.Hits)
	assert.Nil(t, m.QueryErr)

	onUIThread(m, func() { b.Entry.SetText(`HTTP/1\.1 (`) })
	m.WaitIdle()
	require.Error(t, m.QueryErr)
	assert.Contains(t, b.Count.Text, "invalid regular expression")
	assert.Empty(t, m.Hits)
}

func TestSearchBarMatchCase(t *testing.T) {
	m, b := newSearchModel(t)
	onUIThread(m, func() { b.Entry.SetText("register") })
	m.WaitIdle()
	folded := len(m.Hits)
	onUIThread(m, func() { b.Case.SetChecked(true) })
	m.WaitIdle()
	assert.Less(t, len(m.Hits), folded, "matching case finds fewer hits")
}

func TestSearchBarKeys(t *testing.T) {
	m, b := newSearchModel(t)
	onUIThread(m, func() { b.Entry.SetText("register") })
	m.WaitIdle()
	shift := false
	b.ShiftHeld = func() bool { return shift }

	b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
	assert.Equal(t, int(m.Hits[0]), m.SelectedRow(), "F3 goes to the next hit")
	shift = true
	b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
	assert.Equal(t, int(m.Hits[len(m.Hits)-1]), m.SelectedRow(), "Shift+F3 goes to the previous hit")

	w := test.NewTempWindow(t, b.Content())
	w.Resize(fyne.NewSize(900, 60))
	test.AssertRendersToMarkup(t, "search/hits.xml", w.Canvas())

	onUIThread(m, func() { b.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	m.WaitIdle()
	assert.Empty(t, b.Entry.Text)
	assert.Empty(t, b.Count.Text)
}
