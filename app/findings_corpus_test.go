package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedFindingsCorpus is the project's folder of field-like cases, next to the
// repository; CI clones only the repository, so testdata/corpus holds
// copies of the cases.
const sharedFindingsCorpus = "../../shared/corpus"

// findingsCorpusCases returns the case folders under dir: those with an
// expected.json.
func findingsCorpusCases(t *testing.T, dir string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "*", "expected.json"))
	require.NoError(t, err)
	var cases []string
	for _, m := range matches {
		cases = append(cases, filepath.Dir(m))
	}
	sort.Strings(cases)
	return cases
}

// checkCorpusFindings loads a case's logs (every entry of the case folder
// except expected.json) and compares the error and warning findings with
// the ids expected.json lists. Info findings may appear freely.
func checkCorpusFindings(t *testing.T, dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	require.NoError(t, err)
	var expected struct {
		Findings []string `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(data, &expected))

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var paths []string
	for _, e := range entries {
		if e.Name() != "expected.json" {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	require.NotEmpty(t, paths)
	ws, err := Load(context.Background(), paths, Config{}, nil)
	require.NoError(t, err)

	a := Analyze(ws, AnalyzeOptions{})
	raised := map[string]bool{}
	for _, f := range a.Findings {
		if f.Signature.Severity == SeverityInfo {
			continue
		}
		raised[f.Signature.ID] = true
	}
	got := []string{}
	for id := range raised {
		got = append(got, id)
	}
	sort.Strings(got)
	want := append([]string{}, expected.Findings...)
	sort.Strings(want)
	assert.Equal(t, want, got, "error and warning findings of %s", dir)
}

func TestCorpusFindings(t *testing.T) {
	cases := findingsCorpusCases(t, filepath.Join("testdata", "corpus"))
	require.NotEmpty(t, cases, "testdata/corpus holds no case")
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) { checkCorpusFindings(t, dir) })
	}
}

// TestSharedCorpusFindings runs the same check on the shared corpus, which
// may have gained cases since testdata/corpus was copied.
func TestSharedCorpusFindings(t *testing.T) {
	if _, err := os.Stat(sharedFindingsCorpus); err != nil {
		t.Skipf("shared corpus %s not present (CI clones only this repository): %v", sharedFindingsCorpus, err)
	}
	cases := findingsCorpusCases(t, sharedFindingsCorpus)
	require.NotEmpty(t, cases)
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) { checkCorpusFindings(t, dir) })
	}
}
