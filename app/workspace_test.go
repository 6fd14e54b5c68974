package app

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

// loadRecord keeps the events of one load in the order they came.
type loadRecord struct {
	mu       sync.Mutex
	order    []string // "preview NAME" or "source NAME"
	sources  []*parsers.Source
	previews []*parsers.Source
	progress [][2]int64
}

func (r *loadRecord) events() LoadEvents {
	return LoadEvents{
		Source: func(src *parsers.Source) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.order = append(r.order, "source "+src.Name)
			r.sources = append(r.sources, src)
		},
		Preview: func(src *parsers.Source) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.order = append(r.order, "preview "+src.Name)
			r.previews = append(r.previews, src)
		},
		PreviewBytes: 32 << 10,
		Progress: func(done, total int64) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.progress = append(r.progress, [2]int64{done, total})
		},
	}
}

func generatedCase(t *testing.T, zipped bool) string {
	t.Helper()
	dir := t.TempDir()
	_, err := gen.Generate(dir, gen.Options{ServerBytes: 1 << 20, ClientBytes: 256 << 10, Seed: 5, Zip: zipped})
	require.NoError(t, err)
	return dir
}

func TestAddWithReportsLoadEvents(t *testing.T) {
	for _, zipped := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain", true: "zipped client logs"}[zipped], func(t *testing.T) {
			dir := generatedCase(t, zipped)
			var rec loadRecord
			ws := &Workspace{}
			require.NoError(t, ws.AddWith(context.Background(), []string{dir}, Config{}, rec.events()))

			// Each large file gets a preview, read from its head or, in a
			// zip, made from the member before its full parse.
			large := 0
			require.NoError(t, parsers.Walk(context.Background(), []string{dir}, parsers.Limits{}, func(it parsers.Item) {
				if len(it.Data) > 4*rec.events().PreviewBytes {
					large++
				}
			}))
			require.Positive(t, large)
			assert.GreaterOrEqual(t, len(rec.previews), min(large, maxPreviews))
			seen := map[string]int{}
			for i, ev := range rec.order {
				seen[ev] = i
			}
			for _, p := range rec.previews {
				assert.True(t, p.Preview)
				full, ok := seen["source "+p.Name]
				require.True(t, ok, "the preview of %s has a full source", p.Name)
				assert.Less(t, seen["preview "+p.Name], full, "the preview of %s comes before its source", p.Name)
			}

			got := ws.Snapshot()
			assert.Len(t, got, len(rec.sources))
			for _, src := range got {
				assert.False(t, src.Preview, src.Name)
			}

			total := parsers.DiskBytes(context.Background(), []string{dir})
			require.NotEmpty(t, rec.progress)
			last := rec.progress[len(rec.progress)-1]
			assert.Equal(t, [2]int64{total, total}, last)
			for i := 1; i < len(rec.progress); i++ {
				assert.GreaterOrEqual(t, rec.progress[i][0], rec.progress[i-1][0], "progress never goes back")
			}
		})
	}
}

func TestPreviewsStayOutOfTheAnalysis(t *testing.T) {
	dir := generatedCase(t, false)
	var rec loadRecord
	ws := &Workspace{}
	require.NoError(t, ws.AddWith(context.Background(), []string{dir}, Config{}, rec.events()))
	require.NotEmpty(t, rec.previews)
	full := len(ws.Snapshot())

	// Even a preview put into the workspace by mistake is left out.
	ws.Sources = append(ws.Sources, rec.previews[0])
	a := Analyze(ws, AnalyzeOptions{})
	assert.Len(t, a.Timeline.Sources, full)
	for _, src := range a.Timeline.Sources {
		assert.False(t, src.Preview, src.Name)
	}
}

func TestAddWithCancelKeepsSources(t *testing.T) {
	dir := generatedCase(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var reported []*parsers.Source
	ws := &Workspace{}
	err := ws.AddWith(ctx, []string{dir}, Config{Workers: 1}, LoadEvents{Source: func(src *parsers.Source) {
		mu.Lock()
		reported = append(reported, src)
		mu.Unlock()
		cancel()
	}})
	require.ErrorIs(t, err, context.Canceled)
	got := ws.Snapshot()
	assert.NotEmpty(t, got)
	assert.ElementsMatch(t, reported, got)
	all, err := Load(context.Background(), []string{dir}, Config{}, nil)
	require.NoError(t, err)
	assert.Less(t, len(got), len(all.Snapshot()), "the load stopped early")
}

func TestAddDataWithCountsBytes(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(generatedCase(t, false), gen.AuthService.Path()))
	require.NoError(t, err)
	var rec loadRecord
	ws := &Workspace{}
	require.NoError(t, ws.AddDataWith(context.Background(), "auth.log", data, Config{}, rec.events()))
	assert.Empty(t, rec.previews, "data in memory needs no preview")
	require.Len(t, rec.sources, 1)
	n := int64(len(data))
	assert.Equal(t, [2]int64{n, n}, rec.progress[len(rec.progress)-1])
}
