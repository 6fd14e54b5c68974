package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const bundleFixture = "testdata/corpus/device-profile-missing/client/feedback-a7cae96a.zip"

// copyTree makes, in a new working folder:
//
//   - logs.txt, a log of 300 KiB, and "logs (1).txt", its copy
//   - changed.txt, logs.txt with one byte changed in the middle, so that
//     its first and last endBytes equal those of logs.txt
//   - longer.txt, logs.txt with one more line
//   - logs.zip and "logs (1).zip", two copies of a client bundle
//   - case/client/a.txt and case/server/b.txt, and "case copy", a copy of
//     case
//   - x/a.txt and y/b.txt, copies of the two files of case
func copyTree(t *testing.T) {
	t.Helper()
	bundle, err := os.ReadFile(bundleFixture)
	require.NoError(t, err)
	t.Chdir(t.TempDir())

	var log strings.Builder
	for i := 0; log.Len() < 300<<10; i++ {
		fmt.Fprintf(&log, "2024.05.02 09:14:%02d:123 CEST | Info | Test | line %d\n", i%60, i)
	}
	text := []byte(log.String())
	changed := []byte(log.String())
	changed[len(changed)/2] ^= 1

	files := map[string][]byte{
		"logs.txt":          text,
		"logs (1).txt":      text,
		"changed.txt":       changed,
		"longer.txt":        append([]byte(log.String()), "one more line\n"...),
		"logs.zip":          bundle,
		"logs (1).zip":      bundle,
		"case/client/a.txt": []byte("client line\n"),
		"case/server/b.txt": []byte("server line\n"),
		"x/a.txt":           []byte("client line\n"),
		"y/b.txt":           []byte("server line\n"),
	}
	for name, data := range files {
		require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
		require.NoError(t, os.WriteFile(name, data, 0o644))
	}
	require.NoError(t, os.CopyFS("case copy", os.DirFS("case")))
}

func TestAddWithSkipsCopies(t *testing.T) {
	tests := []struct {
		name        string
		first       []string
		then        []string
		wantSources int
		wantSkipped []string
		wantNotes   []string
	}{
		{"copy under another name", []string{"logs.txt", "logs (1).txt"}, nil, 1,
			[]string{"logs (1).txt"}, []string{"logs (1).txt was skipped because it has the same content as logs.txt"}},
		{"same ends, other middle", []string{"logs.txt", "changed.txt"}, nil, 2, nil, nil},
		{"other size", []string{"logs.txt", "longer.txt"}, nil, 2, nil, nil},
		{"zip under two names", []string{"logs.zip", "logs (1).zip"}, nil, 3,
			[]string{"logs (1).zip"}, []string{"logs (1).zip was skipped because it has the same content as logs.zip"}},
		{"copied folder", []string{"case", "case copy"}, nil, 2,
			[]string{"case copy"}, []string{"case copy was skipped because it has the same content as case"}},
		{"copy in a later load", []string{"logs.txt"}, []string{"logs (1).txt"}, 1,
			[]string{"logs (1).txt"}, []string{"logs (1).txt was skipped because it has the same content as logs.txt"}},
		{"zip in a later load", []string{"logs (1).zip"}, []string{"logs.zip"}, 3,
			[]string{"logs.zip"}, []string{"logs.zip was skipped because it has the same content as logs (1).zip"}},
		{"other middle in a later load", []string{"changed.txt"}, []string{"logs.txt"}, 2, nil, nil},
		{"file of a copied folder", []string{"case"}, []string{"case copy/server/b.txt"}, 2,
			[]string{"case copy/server/b.txt"}, []string{"case copy/server/b.txt was skipped because it has the same content as case/server/b.txt"}},
		{"folder copied from loaded files", []string{"case/client/a.txt", "case/server/b.txt"}, []string{"case copy"}, 2,
			[]string{"case copy"}, []string{"case copy was skipped because it has the same content as case"}},
		{"folder copied from two folders", []string{"x", "y"}, []string{"case"}, 2,
			[]string{"case"}, []string{"1 path was skipped because it is already loaded: case"}},
		{"copy and the same path", []string{"logs.zip", "logs.zip", "logs (1).zip"}, nil, 3,
			[]string{"logs.zip", "logs (1).zip"}, []string{
				"1 path was skipped because it is already loaded: logs.zip",
				"logs (1).zip was skipped because it has the same content as logs.zip",
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			copyTree(t)
			useLanguage(t, "en")
			ws := &Workspace{}
			skipped := loadSkipping(t, ws, tc.first...)
			if tc.then != nil {
				require.Empty(t, skipped, "the first load skips nothing")
				skipped = loadSkipping(t, ws, tc.then...)
			}
			assert.Len(t, ws.Snapshot(), tc.wantSources)
			assert.Equal(t, tc.wantSkipped, skipped)
			assert.Equal(t, tc.wantNotes, ws.SkippedNotes(skipped))
		})
	}
}

func TestCopyFixtureHasSameEnds(t *testing.T) {
	copyTree(t)
	for _, name := range []string{"logs.txt", "changed.txt"} {
		info, err := os.Stat(name)
		require.NoError(t, err)
		require.Greater(t, info.Size(), int64(2*endBytes), "the changed byte lies between the ends")
	}
	original, err := endsHash("logs.txt", 300<<10)
	require.NoError(t, err)
	changed, err := endsHash("changed.txt", 300<<10)
	require.NoError(t, err)
	assert.Equal(t, original, changed, "only the full comparison tells the files apart")
}

func TestAddWithLoadsCopyOfRemovedFile(t *testing.T) {
	copyTree(t)
	ws := &Workspace{}
	require.Empty(t, loadSkipping(t, ws, "logs.txt"))
	require.Len(t, ws.Snapshot(), 1)

	ws.Remove(ws.Snapshot()[0])
	assert.Empty(t, loadSkipping(t, ws, "logs (1).txt"), "the copy loads once the original is removed")
	assert.Equal(t, []string{"logs (1).txt"}, sourceNames(ws))
	assert.Equal(t, []string{"logs.txt"}, loadSkipping(t, ws, "logs.txt"), "the original is now the copy")
}

func TestAddWithConcurrentCopies(t *testing.T) {
	copyTree(t)
	ws := &Workspace{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var skipped []string
	for _, path := range []string{"logs.zip", "logs (1).zip", "logs.txt", "logs (1).txt"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, ws.AddWith(context.Background(), []string{path}, Config{}, LoadEvents{Skipped: func(p []string) {
				mu.Lock()
				defer mu.Unlock()
				skipped = append(skipped, p...)
			}}))
		}()
	}
	wg.Wait()

	assert.Len(t, ws.Snapshot(), 4, "each bundle and log loads once")
	assert.Len(t, skipped, 2, "one copy of each is skipped")
}

func TestSkippedNotes(t *testing.T) {
	tests := []struct {
		language string
		paths    []string
		want     []string
	}{
		{"en", []string{"b.zip"}, []string{"b.zip was skipped because it has the same content as a.zip"}},
		{"en", []string{"c.zip", "b.zip", "d"}, []string{
			"2 paths were skipped because they are already loaded: c.zip, d",
			"b.zip was skipped because it has the same content as a.zip",
		}},
		{"da", []string{"b.zip", "c.zip"}, []string{
			"1 sti blev sprunget over, fordi den allerede er indlæst: c.zip",
			"b.zip blev sprunget over, fordi den har samme indhold som a.zip",
		}},
		{"en", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.language+" "+strings.Join(tc.paths, " "), func(t *testing.T) {
			useLanguage(t, tc.language)
			ws := &Workspace{copyOf: map[string]string{"b.zip": "a.zip"}}
			assert.Equal(t, tc.want, ws.SkippedNotes(tc.paths))
		})
	}
}
