package views

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// gridColumns returns the widest row of the raw text in grid columns.
func gridColumns(v *DetailView) int {
	widest := 0
	for _, row := range v.raw.Rows {
		widest = max(widest, len(row.Cells))
	}
	return widest
}

// cellWidth returns the width of a column of the raw text.
func cellWidth(v *DetailView) float32 {
	cell := fyne.MeasureText("M", v.raw.Theme().Size(theme.SizeNameText), fyne.TextStyle{Monospace: true})
	return float32(math.Round(float64(cell.Width)))
}

// withoutSpace returns text without its white space, so that wrapped and
// unwrapped text compare equal when no character is lost.
func withoutSpace(text string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
}

// numberedRows returns the rows of the raw text that start a source line,
// which carry its number.
func numberedRows(text string) []string {
	var rows []string
	for _, row := range strings.Split(text, "\n") {
		if row = strings.TrimLeft(row, " "); row != "" && row[0] >= '0' && row[0] <= '9' {
			rows = append(rows, row)
		}
	}
	return rows
}

// In the default 1400x900 window the selected error, a webex-desktop line
// of over 200 characters, shows whole across the Detail pane: the raw text
// is as wide as the pane and wraps within it, and the fields sit below it.
func TestDetailRawTextUsesPaneWidth(t *testing.T) {
	w := openWindow(t, func(w *MainWindow) { w.Open([]string{failingCase}) })
	w.Window.Resize(fyne.NewSize(1400, 900))
	v := w.Detail
	ref := w.Model.Selected
	require.NotNil(t, ref.Source, "the load selects the case's error")
	line := parsers.Text(ref.Entry().Raw)
	require.Greater(t, len(line), 200, "the error is a long line")
	require.NotContains(t, line, "\n")

	pane := v.Content().Size().Width
	assert.Equal(t, pane, v.rawScroll.Size().Width, "the raw text takes the pane's width")
	assert.Equal(t, pane, v.fieldsScroll.Size().Width, "so do the fields")

	// The raw text needs no scrolling sideways and loses no character.
	assert.LessOrEqual(t, v.raw.MinSize().Width, v.rawScroll.Size().Width, "the raw text is no wider than its scroll")
	assert.LessOrEqual(t, float32(gridColumns(v))*cellWidth(v), v.rawScroll.Size().Width)
	assert.Greater(t, len(v.raw.Rows), 1, "the line wraps")
	assert.Len(t, numberedRows(v.raw.Text()), 1, "a wrapped line keeps one number")
	assert.Equal(t, withoutSpace(itoa(int(ref.Entry().Line))+line), withoutSpace(v.raw.Text()))
	assert.LessOrEqual(t, v.raw.MinSize().Height, v.rawScroll.Size().Height, "the whole line shows without scrolling")

	// The fields show whole below the raw text.
	assert.True(t, v.fieldsScroll.Visible())
	assert.Contains(t, v.fields.Text, "Component: ")
	assert.Contains(t, v.fields.Text, "Finding: ")
	driver := fyne.CurrentApp().Driver()
	raw := driver.AbsolutePositionForObject(v.rawScroll)
	fields := driver.AbsolutePositionForObject(v.fieldsScroll)
	assert.GreaterOrEqual(t, fields.Y, raw.Y+v.rawScroll.Size().Height, "the fields do not cover the raw text")
	assert.LessOrEqual(t, v.fields.MinSize().Height, v.fieldsScroll.Size().Height, "every field shows without scrolling")
}

// A pane narrower than minWrapColumns scrolls the raw text sideways
// rather than cutting it.
func TestDetailRawTextScrollsInNarrowPane(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	v := NewDetailView(m)
	NewLoader(m, app.Config{}).LoadPaths([]string{failingCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(900, 400))
	require.NotNil(t, m.Selected.Source, "the load selects the case's error")
	line := parsers.Text(m.Selected.Entry().Raw)

	w.Resize(fyne.NewSize(200, 400))
	assert.Greater(t, v.raw.MinSize().Width, v.rawScroll.Size().Width, "the raw text scrolls sideways")
	assert.Equal(t, minWrapColumns, gridColumns(v)-len(strings.Fields(numberedRows(v.raw.Text())[0])[0])-2,
		"it wraps at the minimum width")
	assert.Equal(t, withoutSpace(itoa(int(m.Selected.Entry().Line))+line), withoutSpace(v.raw.Text()))

	w.Resize(fyne.NewSize(900, 400))
	assert.LessOrEqual(t, v.raw.MinSize().Width, v.rawScroll.Size().Width, "a wider pane wraps the text again")
}

// The fields get the height they need below the raw text, and a new
// selection with fewer fields gives the raw text the height they leave.
func TestDetailFieldsFollowSelection(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	v := NewDetailView(m)
	NewLoader(m, app.Config{}).LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(700, 700))

	xsi := sourceBySuffix(t, m, "XsiActionsLog2024.05.02-00.00.00.txt")
	// maxAt and minAt index the entries with the most and fewest fields.
	maxAt, minAt := 0, 0
	counts := make([]int, len(xsi.Entries))
	for i := range xsi.Entries {
		counts[i] = len(describeFields(m, app.EntryRef{Source: xsi, Index: i}))
		if counts[i] > counts[maxAt] {
			maxAt = i
		}
		if counts[i] < counts[minAt] {
			minAt = i
		}
	}
	require.Greater(t, counts[maxAt], counts[minAt])
	m.Select(app.EntryRef{Source: xsi, Index: maxAt})
	manyFields := v.fieldsScroll.Size().Height
	assert.LessOrEqual(t, v.fields.MinSize().Height, manyFields, "every field shows")
	rawHeight := v.rawScroll.Size().Height

	m.Select(app.EntryRef{Source: xsi, Index: minAt})
	assert.Less(t, v.fieldsScroll.Size().Height, manyFields, "fewer fields take fewer lines")
	assert.Greater(t, v.rawScroll.Size().Height, rawHeight, "the raw text gets the rest")

	m.Select(app.EntryRef{})
	assert.False(t, v.fieldsScroll.Visible(), "no entry, no fields")
	assert.Equal(t, v.body.Size().Height, v.rawScroll.Size().Height)
}

func TestWrapNumberedLines(t *testing.T) {
	long := strings.Repeat("x", 50)
	tests := []struct {
		name    string
		raw     string
		first   int
		columns int
		want    string
	}{
		{"fits", "a b", 9, 60, "9  a b"},
		{"no wrapping", long + " " + long, 1, 0, "1  " + long + " " + long},
		{"breaks after a space", strings.Repeat("ab ", 20), 1, 46,
			"1  " + strings.Repeat("ab ", 14) + "\n   " + strings.Repeat("ab ", 6)},
		{"breaks a word without a space", long + long, 7, 43,
			"7  " + long[:40] + "\n   " + long[40:] + long[:30] + "\n   " + long[:20]},
		{"continues under the indent", "  " + long + " y", 1, 50,
			"1    " + long[:45] + "\n     " + long[45:] + " y"},
		{"numbers every line", "a\n" + long + "\nb", 99, 48,
			" 99  a\n100  " + long[:43] + "\n     " + long[43:] + "\n101  b"},
		{"wraps at the minimum width", long, 1, 10, "1  " + long[:minWrapColumns] + "\n   " + long[minWrapColumns:]},
		{"a tab counts four spaces", "\ta", 1, 60, "1      a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, wrapNumberedLines(tc.raw, tc.first, tc.columns))
		})
	}
}

func TestPackFields(t *testing.T) {
	measure := func(s string) float32 { return float32(len([]rune(s))) }
	fields := []string{"Time: 1", "Format: f", "Thread: a-long-thread-name", "Users: b"}
	sep := fieldSeparator
	assert.Equal(t, "Time: 1"+sep+"Format: f\nThread: a-long-thread-name\nUsers: b",
		packFields(fields, measure, 25))
	assert.Equal(t, strings.Join(fields, sep), packFields(fields, measure, 1000))
	assert.Equal(t, strings.Join(fields, "\n"), packFields(fields, measure, 0), "a field a line before the layout")
	assert.Equal(t, "", packFields(nil, measure, 100))
}

// Screen-sharing mode masks the wrapped raw text and the fields, and its
// larger text still wraps within the pane.
func TestDetailWrapsMaskedTextWhenSharing(t *testing.T) {
	t.Cleanup(sharing.Reset)
	sharing.Reset()
	w := openWindow(t, func(w *MainWindow) { w.Open([]string{failingCase}) })
	w.Window.Resize(fyne.NewSize(1400, 900))
	m, v := w.Model, w.Detail

	var ref app.EntryRef
	for _, src := range m.Timeline.Sources {
		for i, e := range src.Entries {
			if e.Fields != nil && len(e.Fields.Users) > 0 && strings.Contains(parsers.Text(e.Raw), e.Fields.Users[0]) {
				ref = app.EntryRef{Source: src, Index: i}
			}
		}
	}
	require.NotNil(t, ref.Source, "the case logs a user in an entry's text")
	user := ref.Entry().Fields.Users[0]
	m.Select(ref)
	require.Contains(t, v.raw.Text(), user)
	cell := cellWidth(v)

	// The model's post runs the change as the UI thread would.
	m.post(func() { sharing.Set(true, m, w.Theme) })
	m.WaitIdle()
	assert.NotContains(t, v.raw.Text(), user, "the raw text is masked")
	assert.NotContains(t, v.fields.Text, user, "the fields are masked")
	raw := Display(parsers.Text(ref.Entry().Raw))
	assert.Equal(t, wrapNumberedLines(raw, int(ref.Entry().Line), v.wrapColumns), v.raw.Text())
	require.Greater(t, cellWidth(v), cell, "the mode enlarges the text")
	assert.LessOrEqual(t, float32(gridColumns(v))*cellWidth(v), v.rawScroll.Size().Width)
	assert.LessOrEqual(t, v.raw.MinSize().Width, v.rawScroll.Size().Width, "the larger text wraps within the pane")
}
