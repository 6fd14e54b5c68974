package app

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSummaryCautionOnTwoCases(t *testing.T) {
	tests := []struct {
		name    string
		cases   []string
		caution string
	}{
		{"one case", []string{"device-profile-missing"}, ""},
		{"two cases of two orgs", []string{"device-profile-missing", "register-403"}, "2 org ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths []string
			for _, c := range tt.cases {
				paths = append(paths, filepath.Join("testdata", "corpus", c, "client"), filepath.Join("testdata", "corpus", c, "server"))
			}
			ws, err := Load(context.Background(), paths, Config{}, nil)
			require.NoError(t, err)
			s := Analyze(ws, AnalyzeOptions{}).Summary
			if tt.caution == "" {
				assert.Empty(t, s.Caution)
				assert.NotContains(t, s.Text("en", nil), "Caution")
				assert.NotEmpty(t, s.OrgID)
				assert.NotEmpty(t, s.WebexUserID)
				return
			}
			assert.Empty(t, s.OrgID, "the org id of one case would sit beside the other case's ladder")
			assert.Empty(t, s.WebexUserID, "as would the Webex user id")
			assert.Contains(t, s.Caution, tt.caution)
			assert.Contains(t, s.Caution, "more than one case")
			assert.Contains(t, s.Text("en", nil), "Caution: "+s.Caution)
			assert.Equal(t, s.Caution, s.Report().Caution)
		})
	}
}
