package views

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOverviewLongCase opens a log whose entries lie months apart, which
// made the density count of the overview index out of range.
func TestOverviewLongCase(t *testing.T) {
	dir := t.TempDir()
	lines := "2024-01-15T14:02:00.000Z <Info> [0x1c0c][]Test.cpp:1 Test::run:first\n" +
		"2024-05-02T09:14:00.000Z <Info> [0x1c0c][]Test.cpp:1 Test::run:middle\n" +
		"2025-05-02T09:14:00.000Z <Error> [0x1c0c][]Test.cpp:1 Test::run:last\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "current_log.txt"), []byte(lines), 0o600))

	w := NewMainWindow(test.NewTempApp(t), Options{})
	t.Cleanup(w.Window.Close)
	w.Open([]string{filepath.Join(dir, "current_log.txt")})
	w.Model.WaitIdle()
	require.Equal(t, 3, w.Model.Timeline.Len())

	d := countDensity(w.Model.Timeline, nil, nil)
	require.Len(t, d.density, 1)
	assert.Equal(t, uint32(1), d.density[0][0], "the first entry is in the first bucket")
	assert.Equal(t, uint32(1), d.density[0][overviewBuckets-1], "the last entry is in the last bucket")
	assert.True(t, d.errors[overviewBuckets-1], "the error is marked in the last bucket")
}
