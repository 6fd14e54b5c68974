package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLadderRequestInCutLog(t *testing.T) {
	zipPath := filepath.Join("testdata", "corpus", "device-profile-missing", "client", "feedback-a7cae96a.zip")
	whole, err := os.ReadFile(zipPath)
	require.NoError(t, err)

	tests := []struct {
		name   string
		data   []byte
		cut    bool
		status StepStatus
		note   string
	}{
		{"whole zip", whole, false, StatusPassed, ""},
		// The first 1266 bytes end inside current_log.txt, after the
		// client's BroadWorks token request and before its response.
		{"zip cut after the request", whole[:1266], true, StatusNotSeen, "its log is cut short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "feedback.zip")
			require.NoError(t, os.WriteFile(path, tt.data, 0o644))
			ws, err := Load(context.Background(), []string{path}, Config{}, nil)
			require.NoError(t, err)

			var client bool
			for _, src := range ws.Snapshot() {
				if filepath.Base(src.Name) == "current_log.txt" {
					client = true
					assert.Equal(t, tt.cut, src.Cut)
				}
			}
			require.True(t, client, "the client log is loaded")

			a := Analyze(ws, AnalyzeOptions{})
			at := a.Ladder(FlowSignIn).Current()
			require.NotNil(t, at)
			s := stepOf(t, at, "jwt-request")
			assert.Equal(t, tt.status, s.Status)
			assert.Contains(t, s.Note, tt.note)

			// A later step that the client log would show is not seen,
			// and its note gives the cut as the reason.
			later := stepOf(t, at, "sip-register")
			if tt.cut {
				assert.Equal(t, StatusNotSeen, later.Status)
				assert.Contains(t, later.Note, "cut short")
			} else {
				assert.NotContains(t, later.Note, "cut short")
			}
		})
	}
}
