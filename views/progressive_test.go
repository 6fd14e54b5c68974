package views

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

// loadOrder records, in the order they happen, the first time the
// timeline has rows, the first preview shown, and the end of the load.
type loadOrder struct {
	mu     sync.Mutex
	events []string
	rows   time.Time
}

func (o *loadOrder) add(ev string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, e := range o.events {
		if e == ev {
			return
		}
	}
	o.events = append(o.events, ev)
	if ev == "rows" {
		o.rows = time.Now()
	}
}

func (o *loadOrder) watch(m *Model, l *Loader) {
	m.Listen(func(c Change) {
		if m.Timeline.Len() > 0 && m.RowCount() > 0 {
			o.add("rows")
		}
		for _, src := range m.Timeline.Sources {
			if src.Preview {
				o.add("preview")
			}
		}
	})
	l.OnLoaded = func(string, error) { o.add("loaded") }
}

func TestRowsShownBeforeLoadEnds(t *testing.T) {
	tests := []struct {
		name   string
		server int64
		zip    bool
	}{
		{"folder of plain files", 6 << 20, false},
		{"client logs in a zip", 6 << 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := gen.Generate(dir, gen.Options{ServerBytes: tt.server, ClientBytes: 1 << 20, Seed: 7, Zip: tt.zip})
			require.NoError(t, err)

			test.NewTempApp(t)
			m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
			l := NewLoader(m, app.Config{})
			l.PreviewBytes = 64 << 10
			var order loadOrder
			order.watch(m, l)
			previewShown := make(chan struct{})
			var shownOnce sync.Once
			m.Listen(func(Change) {
				for _, src := range m.Timeline.Sources {
					if src.Preview {
						shownOnce.Do(func() { close(previewShown) })
					}
				}
			})

			// The first preview waits until a timeline with it is on
			// screen, so a fast machine cannot finish the load first. This
			// starts the job that LoadPaths starts, with that hook added.
			l.start(dirLabel(dir), func(ctx context.Context, ev app.LoadEvents) error {
				ev.Preview = waitAfterFirst(t, ev.Preview, previewShown, "the first preview to reach the screen")
				return m.Workspace.AddWith(ctx, []string{dir}, l.Config, ev)
			})
			m.WaitIdle()

			require.Contains(t, order.events, "loaded")
			require.Contains(t, order.events, "rows")
			assert.Contains(t, order.events, "preview", "a large file shows its first part")
			assert.Equal(t, "rows", order.events[0], "rows are on screen before the load ends: %v", order.events)

			// After the end, the analysed timeline holds every source in
			// full and no preview.
			assert.False(t, m.Partial)
			require.NotNil(t, m.Analysis)
			assert.Equal(t, m.Analysis.Timeline, m.Timeline)
			all, err := app.Load(t.Context(), []string{dir}, app.Config{}, nil)
			require.NoError(t, err)
			assert.Len(t, m.Timeline.Sources, len(all.Snapshot()))
			for _, src := range m.Timeline.Sources {
				assert.False(t, src.Preview, src.Name)
				assert.Equal(t, dirLabel(dir), l.Bundles[src], src.Name)
			}
			assert.Len(t, l.Bundles, len(m.Timeline.Sources), "previews leave the source tree")
			assert.Zero(t, l.Running())
		})
	}
}

// waitAfterFirst returns event with a wait added to its first call: after
// event returns, the call waits until done is closed. After 20 s it gives
// up, and the test fails, naming what it waited for.
func waitAfterFirst(t *testing.T, event func(*parsers.Source), done <-chan struct{}, what string) func(*parsers.Source) {
	var first sync.Once
	return func(src *parsers.Source) {
		event(src)
		first.Do(func() {
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Errorf("timed out after 20 s waiting for %s", what)
			}
		})
	}
}

func dirLabel(dir string) string {
	info, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	return info.Name()
}

func TestLoaderCancelKeepsSources(t *testing.T) {
	dir := t.TempDir()
	_, err := gen.Generate(dir, gen.Options{ServerBytes: 4 << 20, ClientBytes: 1 << 20, Seed: 8})
	require.NoError(t, err)

	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	l := NewLoader(m, app.Config{Workers: 1})
	var loadErr error
	var once sync.Once
	m.Listen(func(Change) {
		if m.Timeline.Len() > 0 {
			once.Do(l.Cancel)
		}
	})
	l.OnLoaded = func(_ string, err error) { loadErr = err }
	// The first source waits for the cancel, so a fast machine cannot
	// finish the load before the first rows reach the screen.
	l.start(dirLabel(dir), func(ctx context.Context, ev app.LoadEvents) error {
		ev.Source = waitAfterFirst(t, ev.Source, ctx.Done(), "the first rows on screen to cancel the load")
		return m.Workspace.AddWith(ctx, []string{dir}, l.Config, ev)
	})
	m.WaitIdle()

	require.Error(t, loadErr)
	assert.Contains(t, loadErr.Error(), "cancelled")
	assert.NotEmpty(t, m.Workspace.Snapshot())
	assert.Equal(t, len(m.Workspace.Snapshot()), len(m.Timeline.Sources))
	for _, src := range m.Timeline.Sources {
		assert.False(t, src.Preview, src.Name)
	}
}

// BenchmarkFirstRows opens a large generated case and reports how long
// the timeline takes to show its first rows and, separately, how long the
// whole load and analysis take. Generate the case once, outside the
// repository, and point WXLOG_BIG_CASE at it:
//
//	go run ./parsers/gen/genlogs -server 1GB -client 200MB -seed 1 -out /tmp/big1g
//	WXLOG_BIG_CASE=/tmp/big1g CGO_ENABLED=0 go test -run '^$' -bench FirstRows -benchtime 1x ./views/
func BenchmarkFirstRows(b *testing.B) {
	dir := os.Getenv("WXLOG_BIG_CASE")
	if dir == "" {
		b.Skip("set WXLOG_BIG_CASE to a generated case folder")
	}
	test.NewTempApp(b)
	var first, loaded time.Duration
	for range b.N {
		m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
		l := NewLoader(m, app.Config{})
		var order loadOrder
		order.watch(m, l)
		start := time.Now()
		l.LoadPaths([]string{dir})
		m.WaitIdle()
		loaded += time.Since(start)
		require.Contains(b, order.events, "rows")
		first += order.rows.Sub(start)
		require.Equal(b, "rows", order.events[0], "%v", order.events)
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-first-rows")
	b.ReportMetric(float64(loaded.Milliseconds())/float64(b.N), "ms-loaded")
}
