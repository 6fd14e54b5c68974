package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
)

func newCaseModel(t *testing.T) *Model {
	t.Helper()
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	NewLoader(m, app.Config{}).LoadPaths([]string{signinCase})
	m.WaitIdle()
	require.Greater(t, m.RowCount(), 20)
	return m
}

func TestModelFormatTime(t *testing.T) {
	m := newCaseModel(t)
	xs := sourceBySuffix(t, m, "XSLog2024.05.02-00.00.00.txt")
	e := &xs.Entries[0]
	utc := time.Unix(0, e.Time).UTC()
	cph, err := time.LoadLocation("Europe/Copenhagen")
	require.NoError(t, err)
	xs.Zone = cph

	tests := []struct {
		name string
		mode TimeMode
		want string
	}{
		{"UTC", TimeUTC, utc.Format("2006-01-02 15:04:05.000")},
		{"local", TimeLocal, utc.Local().Format("2006-01-02 15:04:05.000")},
		{"source zone", TimeSource, utc.In(cph).Format("2006-01-02 15:04:05.000")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m.SetTimeMode(tc.mode)
			assert.Equal(t, tc.want, m.FormatTime(xs, e))
		})
	}
}

func TestModelRelativeTime(t *testing.T) {
	m := newCaseModel(t)
	m.SetMarked(m.RowRef(0))
	later := m.RowRef(m.RowCount() - 1)
	d := time.Duration(m.Timeline.Time(m.RowPos(m.RowCount()-1)) - m.Timeline.Time(0))
	assert.Equal(t, formatOffset(d), m.FormatTime(later.Source, later.Entry()))
	assert.Equal(t, "+00:00:00.000", m.FormatTime(m.Marked.Source, m.Marked.Entry()))

	m.SetRelative(false)
	assert.NotContains(t, m.FormatTime(later.Source, later.Entry()), "+")
}

func TestFormatOffset(t *testing.T) {
	assert.Equal(t, "+01:02:03.004", formatOffset(time.Hour+2*time.Minute+3*time.Second+4*time.Millisecond))
	assert.Equal(t, "-00:00:01.500", formatOffset(-1500*time.Millisecond))
}

func TestModelGoTo(t *testing.T) {
	m := newCaseModel(t)
	target := m.Timeline.Time(m.RowCount() / 2)
	xs := sourceBySuffix(t, m, "XSLog2024.05.02-00.00.00.txt")
	tests := []struct {
		name    string
		input   string
		check   func(t *testing.T)
		wantErr string
	}{
		{"full time", m.FormatInstant(target), func(t *testing.T) {
			assert.Equal(t, target, m.SelectedTime())
		}, ""},
		{"time of day", time.Unix(0, target).UTC().Format("15:04:05.000"), func(t *testing.T) {
			assert.Equal(t, target, m.SelectedTime())
		}, ""},
		{"line", "line " + itoa(int(xs.Entries[2].Line)+1), func(t *testing.T) {
			assert.Equal(t, app.EntryRef{Source: xs, Index: 2}, m.Selected)
		}, ""},
		{"line out of range", "999999", nil, "Line 999999 is not in"},
		{"nonsense", "soon", nil, "Invalid time soon"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m.Select(app.EntryRef{Source: xs, Index: 0})
			err := m.GoTo(tc.input)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			tc.check(t)
		})
	}
}

func TestModelSourceSettings(t *testing.T) {
	m := newCaseModel(t)
	xs := sourceBySuffix(t, m, "XSLog2024.05.02-00.00.00.txt")
	before := xs.Entries[0].Time

	require.NoError(t, m.ApplySourceSettings(xs, "", "+2.5s"))
	m.WaitIdle()
	assert.Equal(t, 2500*time.Millisecond, xs.Skew)
	pos := m.Timeline.IndexOf(xs, 0)
	require.GreaterOrEqual(t, pos, 0)
	assert.Equal(t, before-int64(2500*time.Millisecond), m.Timeline.Time(pos), "the timeline corrects the skew")

	require.NoError(t, m.ApplySourceSettings(xs, "America/New_York", ""))
	m.WaitIdle()
	assert.Equal(t, "America/New_York", xs.Zone.String())
	assert.NotEqual(t, before, xs.Entries[0].Time, "the entries are read again in the new zone")
	assert.Zero(t, xs.Skew)

	assert.ErrorContains(t, m.ApplySourceSettings(xs, "Mars/Olympus", ""), "Invalid time zone Mars/Olympus")
	assert.ErrorContains(t, m.ApplySourceSettings(xs, "", "two seconds"), "Invalid skew two seconds")
}

func TestModelBookmarks(t *testing.T) {
	m := newCaseModel(t)
	test.NewTempWindow(t, NewBookmarksView(m).Content()).Resize(fyne.NewSize(400, 300))
	late, early := m.RowRef(10), m.RowRef(2)
	m.SetBookmark(late, "token refused")
	m.SetBookmark(early, "sign-in starts")
	require.Len(t, m.Bookmarks, 2)
	assert.Equal(t, early, m.Bookmarks[0].Ref, "bookmarks are kept in time order")

	m.SetBookmark(late, "token refused by xsp2")
	assert.Equal(t, "token refused by xsp2", m.Bookmarks[1].Note)
	m.RemoveBookmark(early)
	assert.Len(t, m.Bookmarks, 1)
	assert.Equal(t, -1, m.BookmarkIndex(early))
}

func TestOverviewDensityAndTap(t *testing.T) {
	m := newCaseModel(t)
	o := NewOverview(m)
	o.recount()
	m.WaitIdle()
	w := test.NewTempWindow(t, o)
	w.Resize(fyne.NewSize(400, 60))

	var total uint32
	for _, lane := range o.density {
		for _, c := range lane {
			total += c
		}
	}
	assert.Equal(t, uint32(m.RowCount()), total, "every row is counted once")
	assert.Equal(t, m.Timeline.Time(0), o.start)

	o.Tapped(&fyne.PointEvent{Position: fyne.NewPos(o.Size().Width, 5)})
	assert.Equal(t, m.RowCount()-1, m.SelectedRow(), "a tap at the right edge jumps to the end")
	o.Tapped(&fyne.PointEvent{Position: fyne.NewPos(0, 5)})
	assert.Equal(t, 0, m.SelectedRow(), "a tap at the left edge jumps to the start")
}
