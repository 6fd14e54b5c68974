package parsers_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

func TestOpenPreviewPrefixOfFullParse(t *testing.T) {
	const maxBytes = 64 << 10
	for _, kind := range []gen.Kind{gen.XsiActions, gen.XSLog, gen.AuthService, gen.WebexClient, gen.WebexBWC} {
		t.Run(string(kind), func(t *testing.T) {
			data := gen.Bytes(kind, 512<<10, 3)
			item := parsers.Item{Name: kind.Path(), Data: data}
			full := parsers.Open(item, parsers.Options{})
			preview := parsers.OpenPreview(item, parsers.Options{}, maxBytes)
			require.NotNil(t, preview)

			assert.True(t, preview.Preview)
			assert.False(t, full.Preview)
			assert.Equal(t, full.Format, preview.Format)
			assert.Equal(t, item.Name, preview.Name)
			assert.LessOrEqual(t, len(preview.Text), maxBytes)
			assert.Contains(t, "\r\n", preview.Text[len(preview.Text)-1:], "the preview ends at a line end")
			require.NotEmpty(t, preview.Entries)
			require.Less(t, len(preview.Entries), len(full.Entries))

			last := len(preview.Entries) - 1
			for i := range last {
				require.Equal(t, full.Entries[i].Raw, preview.Entries[i].Raw, "entry %d", i)
				require.Equal(t, full.Entries[i].Time, preview.Entries[i].Time, "entry %d", i)
			}
			// The last entry may lose continuation lines past the cut.
			assert.Equal(t, full.Entries[last].Offset, preview.Entries[last].Offset)
			assert.True(t, strings.HasPrefix(full.Entries[last].Raw, preview.Entries[last].Raw))
		})
	}
}

func TestOpenPreviewReturnsNil(t *testing.T) {
	small := gen.Bytes(gen.AuthService, 8<<10, 1)
	tests := []struct {
		name string
		item parsers.Item
		max  int
		want bool
	}{
		{"unreadable item", parsers.Item{Name: "a.log", Err: errors.New("cannot read")}, 1024, false},
		{"utf-16 text", parsers.Item{Name: "a.log", Data: append([]byte{0xFF, 0xFE}, []byte("a\x00\n\x00")...)}, 2, false},
		{"no line end in the first bytes", parsers.Item{Name: "a.log", Data: []byte(strings.Repeat("x", 4096) + "\n")}, 1024, false},
		{"zero size", parsers.Item{Name: "a.log", Data: small}, 0, false},
		{"small item parses whole", parsers.Item{Name: "a.log", Data: small}, 1 << 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := parsers.OpenPreview(tt.item, parsers.Options{}, tt.max)
			if !tt.want {
				assert.Nil(t, src)
				return
			}
			require.NotNil(t, src)
			assert.Len(t, src.Entries, len(parsers.Open(tt.item, parsers.Options{}).Entries))
		})
	}
}

// generateCase writes a small generated case with its client logs in a
// zip, so the folder holds plain files of several sizes and an archive.
func generateCase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	_, err := gen.Generate(dir, gen.Options{ServerBytes: 600 << 10, ClientBytes: 200 << 10, Seed: 2, Zip: true})
	require.NoError(t, err)
	return dir
}

func TestWalkHeadsMatchesWalkNames(t *testing.T) {
	dir := generateCase(t)
	extra := filepath.Join(t.TempDir(), "single.log")
	require.NoError(t, os.WriteFile(extra, gen.Bytes(gen.PSLog, 100<<10, 4), 0o644))
	const maxBytes = 32 << 10

	tests := []struct {
		name     string
		paths    []string
		maxFiles int
	}{
		{"folder", []string{dir}, 100},
		{"folder and file", []string{dir, extra}, 100},
		{"single file", []string{extra}, 100},
		{"capped", []string{dir}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var walked []parsers.Item
			require.NoError(t, parsers.Walk(context.Background(), tt.paths, parsers.Limits{}, func(it parsers.Item) { walked = append(walked, it) }))
			var want []string
			for _, it := range walked {
				if it.Err == nil && len(it.Data) > maxBytes && !strings.Contains(it.Name, ".zip/") {
					want = append(want, it.Name)
				}
			}
			if len(want) > tt.maxFiles {
				want = want[:tt.maxFiles]
			}
			require.NotEmpty(t, want)

			var got []string
			require.NoError(t, parsers.WalkHeads(context.Background(), tt.paths, parsers.Limits{}, maxBytes, tt.maxFiles, func(it parsers.Item) {
				got = append(got, it.Name)
				disk, err := os.ReadFile(it.Path)
				require.NoError(t, err)
				assert.Equal(t, disk[:maxBytes], it.Data, it.Name)
			}))
			assert.Equal(t, want, got)
		})
	}
}

func TestWalkHeadsStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	err := parsers.WalkHeads(ctx, []string{generateCase(t)}, parsers.Limits{}, 1024, 10, func(parsers.Item) { n++ })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, n)
}

func TestDiskBytesSumsFiles(t *testing.T) {
	dir := generateCase(t)
	var want int64
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.IsDir() {
			info, err := d.Info()
			require.NoError(t, err)
			want += info.Size()
		}
		return nil
	}))
	assert.Equal(t, want, parsers.DiskBytes(context.Background(), []string{dir}))
	assert.Equal(t, want*2, parsers.DiskBytes(context.Background(), []string{dir, dir}))
	assert.Zero(t, parsers.DiskBytes(context.Background(), []string{filepath.Join(dir, "missing")}))
}
