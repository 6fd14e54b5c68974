package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

func newFilterModel(t *testing.T) (*Model, *FilterBar) {
	t.Helper()
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{})
	b := NewFilterBar(m)
	l.LoadPaths([]string{signinCase})
	m.WaitIdle()
	return m, b
}

// shown returns the entries of the model's rows.
func shown(m *Model) []app.EntryRef {
	var out []app.EntryRef
	for r := range m.RowCount() {
		out = append(out, m.RowRef(r))
	}
	return out
}

func TestFilterBarConditions(t *testing.T) {
	tests := []struct {
		name string
		set  func(b *FilterBar)
		keep func(r app.EntryRef) bool
	}{
		{"severity", func(b *FilterBar) { b.Severities[parsers.SevInfo].SetChecked(false) },
			func(r app.EntryRef) bool { return r.Entry().Severity != parsers.SevInfo }},
		{"include", func(b *FilterBar) { b.Include.SetText("XSI") },
			func(r app.EntryRef) bool { return strings.Contains(strings.ToLower(r.Entry().Raw), "xsi") }},
		{"exclude", func(b *FilterBar) { b.Exclude.SetText("sip") },
			func(r app.EntryRef) bool { return !strings.Contains(strings.ToLower(r.Entry().Raw), "sip") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, b := newFilterModel(t)
			total := m.RowCount()
			tc.set(b)
			m.WaitIdle()

			rows := shown(m)
			assert.NotEmpty(t, rows)
			assert.Less(t, len(rows), total, "the filter hides something")
			for _, r := range rows {
				require.True(t, tc.keep(r), "row %s:%d should be hidden", r.Source.Name, r.Entry().Line)
			}

			b.Clear()
			m.WaitIdle()
			assert.Equal(t, total, m.RowCount(), "clearing shows every entry again")
		})
	}
}

func TestFilterBarTrackingIDFromSelection(t *testing.T) {
	m, b := newFilterModel(t)
	var pick app.EntryRef
	for r := range m.RowCount() {
		if ref := m.RowRef(r); trackingIDOf(ref) != "" {
			pick = ref
			break
		}
	}
	require.NotNil(t, pick.Source, "the case has an entry with a tracking id")
	m.Select(pick)
	test.Tap(findButton(t, b.Content(), "From selected"))
	m.WaitIdle()

	id := trackingIDOf(pick)
	assert.Equal(t, id, b.Tracking.Text)
	formats := map[string]bool{}
	for _, r := range shown(m) {
		formats[r.Source.Format] = true
		require.True(t, trackingIDOf(r) == id || strings.Contains(strings.ToLower(r.Entry().Raw), strings.ToLower(id)))
	}
	assert.Greater(t, len(formats), 1, "the story spans several logs")
}

func TestFilterBarAroundSelected(t *testing.T) {
	m, b := newFilterModel(t)
	m.SelectRow(m.RowCount() / 2)
	center := m.SelectedTime()
	b.Around.SetText("2")
	b.AroundSelected()
	m.WaitIdle()

	assert.Equal(t, m.FormatInstant(center-int64(2*time.Second)), b.From.Text)
	for r := range m.RowCount() {
		ts := m.Timeline.Time(m.RowPos(r))
		require.LessOrEqual(t, center-int64(2*time.Second), ts)
		require.LessOrEqual(t, ts, center+int64(2*time.Second))
	}
	assert.GreaterOrEqual(t, m.SelectedRow(), 0, "the selected entry stays visible")
}

func TestFilterBarInvalidTime(t *testing.T) {
	m, b := newFilterModel(t)
	total := m.RowCount()
	b.From.SetText("yesterday-ish")
	m.WaitIdle()
	assert.Contains(t, b.Problem.Text, "Invalid time yesterday-ish")
	assert.Equal(t, total, m.RowCount(), "a field that does not parse filters nothing")
}

func TestFilterBarMarkup(t *testing.T) {
	_, b := newFilterModel(t)
	w := test.NewTempWindow(t, b.Content())
	w.Resize(fyne.NewSize(1000, 200))
	b.Include.SetText("token")
	test.AssertRendersToMarkup(t, "filters/include.xml", w.Canvas())
}
