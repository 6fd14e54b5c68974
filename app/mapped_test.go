//go:build unix

package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers/gen"
)

// mappedBytes is a size at which the parsers map a plain file rather than
// read it (1 MiB or more).
const mappedBytes = 2 << 20

// TestAnalyzeTruncatedFile cuts a mapped client log short after the load:
// the signature scan, the first pass that reads the text again, reports
// the problem on the source, and the passes after it read zeros instead
// of crashing the process.
func TestAnalyzeTruncatedFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "current_log.txt")
	f, err := os.Create(p)
	require.NoError(t, err)
	_, err = gen.Write(f, gen.WebexClient, mappedBytes, 1)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	ws, err := Load(context.Background(), []string{p}, Config{}, nil)
	require.NoError(t, err)
	sources := ws.Snapshot()
	require.Len(t, sources, 1)
	src := sources[0]
	require.Equal(t, "webex-desktop", src.Format)
	require.NotEmpty(t, src.Entries)
	loadProblems := len(src.Problems)

	require.NoError(t, os.Truncate(p, 0))
	var a *Analysis
	require.NotPanics(t, func() { a = Analyze(ws, AnalyzeOptions{}) })
	require.Len(t, src.Problems, loadProblems+1)
	problem := src.Problems[loadProblems]
	assert.True(t, strings.HasPrefix(problem, "current_log.txt: parsers: file changed on disk while it was being read: reading "+p), problem)
	assert.Contains(t, problem, "; open it again")
	assert.Empty(t, a.Findings, "the scan of the cut file leaves no findings")
}
