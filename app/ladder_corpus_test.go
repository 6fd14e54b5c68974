package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedCorpus is the field-like corpus next to the repository; the test
// also runs on the copy under testdata, so it passes where only the
// repository is checked out.
const sharedCorpus = "../../shared/corpus"

type expectedCase struct {
	Findings     []string          `json:"findings"`
	Ladder       map[string]string `json:"ladder"`
	ServerSkewMS int               `json:"server_skew_ms"`
}

func TestLadderCorpus(t *testing.T) {
	roots := []string{ladderCorpus}
	if _, err := os.Stat(sharedCorpus); err == nil {
		roots = append(roots, sharedCorpus)
	}
	for _, root := range roots {
		cases, err := filepath.Glob(filepath.Join(root, "*", "expected.json"))
		require.NoError(t, err)
		require.Len(t, cases, 6, "cases under %s", root)
		for _, exp := range cases {
			dir := filepath.Dir(exp)
			t.Run(root+"/"+filepath.Base(dir), func(t *testing.T) {
				checkLadderCase(t, dir)
			})
		}
	}
}

func checkLadderCase(t *testing.T, dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	require.NoError(t, err)
	var want expectedCase
	require.NoError(t, json.Unmarshal(data, &want))

	ws, err := Load(context.Background(), []string{dir}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	require.NoError(t, a.LadderErr)

	report := BuildReport(a)
	if len(want.Ladder) == 0 {
		assert.Nil(t, report.Ladder, "a case with no sign-in evidence has no ladder")
		return
	}
	require.NotNil(t, report.Ladder)
	assert.Equal(t, FlowSignIn, report.Ladder.Flow)
	got := map[string]string{}
	for _, s := range report.Ladder.Steps {
		got[s.ID] = s.Status
		if s.Status == string(StatusPassed) || s.Status == string(StatusFailed) {
			assert.NotEmpty(t, s.Evidence, "step %s has no evidence", s.ID)
		}
	}
	assert.Equal(t, want.Ladder, got)

	for _, s := range a.Ladder(FlowSignIn).Current().Steps {
		if s.Status == StatusFailed {
			assert.Contains(t, want.Findings, s.Signature(), "step %s failed by another signature", s.ID)
		}
	}

	require.NotNil(t, report.Ladder.Attempt)
	assert.Regexp(t, `^CLIENT_[0-9a-f-]{36}$`, *report.Ladder.Attempt)

	for _, e := range a.Skews {
		assert.InDelta(t, time.Duration(want.ServerSkewMS)*time.Millisecond, e.Skew, float64(50*time.Millisecond),
			"%s: estimated skew %v", e.Source.Name, e.Skew)
	}
}
