package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The interleaved case is the signin-ok case plus another user (bob) whose
// sign-in fails on the same XSP and AS in the same seconds.
func TestSummaryKeepsToClientUserOnBusyServer(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/ladder/interleaved"}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	require.NotEmpty(t, a.Findings, "the other user's failures are findings of the case")

	s := a.Summary
	require.NotNil(t, s)
	assert.Equal(t, "alice@example.com", s.Email)
	assert.Equal(t, "alice.bw@example.net", s.BWUser)
	assert.Equal(t, []string{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"}, s.TrackingIDs)
	assert.Empty(t, s.Findings, "bob's failures are not the client user's problem")
	assert.Zero(t, s.First, "no problem window without a finding of the client's story")
}
