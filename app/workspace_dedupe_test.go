package app

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

// duplicateTree makes, in a new working folder, a/log.txt and b/log.txt
// (the same name, other text), c/x.txt and c/y.txt, a/bundle.zip with
// two members, link.txt linking to a/log.txt, alink linking to folder a,
// and d/log.txt with d/copy.txt linking to it.
func duplicateTree(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	files := map[string]string{
		"a/log.txt": "first line of a\nsecond line of a\n",
		"b/log.txt": "first line of b\n",
		"c/x.txt":   "x\n",
		"c/y.txt":   "y\n",
		"d/log.txt": "d\n",
	}
	for name, text := range files {
		require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
		require.NoError(t, os.WriteFile(name, []byte(text), 0o644))
	}

	f, err := os.Create("a/bundle.zip")
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	for _, member := range []string{"one.txt", "two.txt"} {
		w, err := zw.Create(member)
		require.NoError(t, err)
		_, err = w.Write([]byte("member " + member + "\n"))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())

	require.NoError(t, os.Symlink("a/log.txt", "link.txt"))
	require.NoError(t, os.Symlink("a", "alink"))
	require.NoError(t, os.Symlink("log.txt", "d/copy.txt"))
}

// loadSkipping adds paths to ws and returns the paths it skipped.
func loadSkipping(t *testing.T, ws *Workspace, paths ...string) []string {
	t.Helper()
	var skipped []string
	calls := 0
	require.NoError(t, ws.AddWith(context.Background(), paths, Config{}, LoadEvents{Skipped: func(p []string) {
		calls++
		skipped = p
	}}))
	assert.LessOrEqual(t, calls, 1, "Skipped is called at most once per load")
	return skipped
}

func sourceNames(ws *Workspace) []string {
	var names []string
	for _, src := range ws.Snapshot() {
		names = append(names, src.Name)
	}
	return names
}

func TestAddWithLoadsEachFileOnce(t *testing.T) {
	tests := []struct {
		name        string
		paths       []string
		wantSources []string
		wantSkipped []string
	}{
		{"same file twice", []string{"a/log.txt", "a/log.txt"}, []string{"log.txt"}, []string{"a/log.txt"}},
		{"same zip twice", []string{"a/bundle.zip", "a/bundle.zip"},
			[]string{"bundle.zip/one.txt", "bundle.zip/two.txt"}, []string{"a/bundle.zip"}},
		{"folder then a file in it", []string{"a", "a/log.txt"},
			[]string{"bundle.zip/one.txt", "bundle.zip/two.txt", "log.txt"}, []string{"a/log.txt"}},
		{"file then its folder", []string{"a/log.txt", "a"},
			[]string{"bundle.zip/one.txt", "bundle.zip/two.txt", "log.txt"}, []string{"a/log.txt"}},
		{"folder spelled three ways", []string{"a", "./a/", "b/../a"},
			[]string{"bundle.zip/one.txt", "bundle.zip/two.txt", "log.txt"}, []string{"./a/", "b/../a"}},
		{"link to a file", []string{"a/log.txt", "link.txt"}, []string{"log.txt"}, []string{"link.txt"}},
		{"link to a folder", []string{"alink", "a"},
			[]string{"bundle.zip/one.txt", "bundle.zip/two.txt", "log.txt"}, []string{"a"}},
		{"link inside a folder", []string{"d"}, []string{"copy.txt"}, []string{"d/log.txt"}},
		{"same name in two folders", []string{"a/log.txt", "b/log.txt"}, []string{"log.txt", "log.txt"}, nil},
		{"different files", []string{"c/x.txt", "c/y.txt"}, []string{"x.txt", "y.txt"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			duplicateTree(t)
			ws := &Workspace{}
			skipped := loadSkipping(t, ws, tc.paths...)
			assert.Equal(t, tc.wantSources, sourceNames(ws))
			assert.Equal(t, tc.wantSkipped, skipped)
			texts := map[string]bool{}
			for _, src := range ws.Snapshot() {
				texts[src.Text] = true
			}
			assert.Len(t, texts, len(ws.Snapshot()), "every source holds another file")
		})
	}
}

func TestAddWithAbsolutePathOfLoadedFile(t *testing.T) {
	duplicateTree(t)
	abs, err := filepath.Abs("a/log.txt")
	require.NoError(t, err)

	ws := &Workspace{}
	skipped := loadSkipping(t, ws, "a/log.txt", abs)
	assert.Equal(t, []string{abs}, skipped)
	assert.Len(t, ws.Snapshot(), 1)
}

func TestAddWithSkipsWhatEarlierLoadsHold(t *testing.T) {
	tests := []struct {
		name        string
		first       []string
		then        []string
		wantSkipped []string
		wantCount   int
	}{
		{"file again", []string{"a/log.txt"}, []string{"./a/log.txt"}, []string{"./a/log.txt"}, 1},
		{"file of a loaded folder", []string{"c"}, []string{"c/x.txt"}, []string{"c/x.txt"}, 2},
		{"folder of a loaded file", []string{"c/x.txt"}, []string{"c"}, []string{"c/x.txt"}, 2},
		{"folder whose files are all loaded", []string{"c/x.txt", "c/y.txt"}, []string{"c"}, []string{"c"}, 2},
		{"folder again", []string{"c"}, []string{"c"}, []string{"c"}, 2},
		{"zip again through a link", []string{"a/bundle.zip"}, []string{"alink/bundle.zip"}, []string{"alink/bundle.zip"}, 2},
		{"other file", []string{"a/log.txt"}, []string{"b/log.txt"}, nil, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			duplicateTree(t)
			ws := &Workspace{}
			assert.Empty(t, loadSkipping(t, ws, tc.first...))
			assert.Equal(t, tc.wantSkipped, loadSkipping(t, ws, tc.then...))
			assert.Len(t, ws.Snapshot(), tc.wantCount)
		})
	}
}

func TestAddWithReloadsRemovedFile(t *testing.T) {
	duplicateTree(t)
	ws := &Workspace{}
	loadSkipping(t, ws, "c")
	require.Len(t, ws.Snapshot(), 2)

	ws.Remove(ws.SourceByName("x.txt"))
	assert.Empty(t, loadSkipping(t, ws, "c/x.txt"), "a removed file loads again")
	assert.Equal(t, []string{"y.txt", "x.txt"}, sourceNames(ws))
	assert.Equal(t, []string{"c"}, loadSkipping(t, ws, "c"), "both files are loaded again")
}

func TestAddWithConcurrentLoadsShareFiles(t *testing.T) {
	duplicateTree(t)
	ws := &Workspace{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var skipped []string
	for _, paths := range [][]string{{"a"}, {"a/log.txt"}, {"alink/bundle.zip"}, {"a/log.txt"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, ws.AddWith(context.Background(), paths, Config{}, LoadEvents{Skipped: func(p []string) {
				mu.Lock()
				defer mu.Unlock()
				skipped = append(skipped, p...)
			}}))
		}()
	}
	wg.Wait()

	byFile := map[string]int{}
	for _, src := range ws.Snapshot() {
		byFile[filepath.Base(src.Name)]++
	}
	assert.Equal(t, map[string]int{"log.txt": 1, "one.txt": 1, "two.txt": 1}, byFile)
	assert.NotEmpty(t, skipped)
}

func TestAddWithCancelReleasesFiles(t *testing.T) {
	dir := generatedCase(t, false)
	all, err := Load(context.Background(), []string{dir}, Config{}, nil)
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ws := &Workspace{}
	err = ws.AddWith(ctx, []string{dir}, Config{Workers: 1}, LoadEvents{Source: func(*parsers.Source) { cancel() }})
	require.ErrorIs(t, err, context.Canceled)
	require.Less(t, len(ws.Snapshot()), len(all.Snapshot()), "the load stopped early")

	require.NoError(t, ws.AddWith(context.Background(), []string{dir}, Config{}, LoadEvents{}))
	names := sourceNames(ws)
	slices.Sort(names)
	assert.Equal(t, sourceNames(all), names, "the files the cancelled load left out load later, once")
}

func TestSkippedNote(t *testing.T) {
	tests := []struct {
		language string
		paths    []string
		want     string
	}{
		{"en", []string{"a.zip"}, "1 path was skipped because it is already loaded: a.zip"},
		{"en", []string{"a.zip", "./client/"}, "2 paths were skipped because they are already loaded: a.zip, ./client/"},
		{"da", []string{"a.zip"}, "1 sti blev sprunget over, fordi den allerede er indlæst: a.zip"},
		{"da", []string{"a.zip", "b"}, "2 stier blev sprunget over, fordi de allerede er indlæst: a.zip, b"},
	}
	for _, tc := range tests {
		t.Run(tc.language+" "+tc.want, func(t *testing.T) {
			useLanguage(t, tc.language)
			assert.Equal(t, tc.want, SkippedNote(tc.paths))
		})
	}
}
