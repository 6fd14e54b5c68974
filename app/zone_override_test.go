package app

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZoneOverridesNamePrintedZone(t *testing.T) {
	ws, err := Load(context.Background(), []string{filepath.Join("testdata", "corpus", "register-403")}, Config{}, nil)
	require.NoError(t, err)
	tests := []struct {
		name    string
		setting string
		want    []ZoneOverride
	}{
		{"server log that prints EST", "*XSLog*=Europe/Copenhagen", []ZoneOverride{{
			Source: "server/as1/XSLog2024.01.15-00.00.00.txt", Printed: "EST", Zone: "Europe/Copenhagen"}}},
		{"client log without a printed zone", "*current_log*=Europe/Copenhagen", nil},
		{"pattern that matches nothing", "nothing=UTC", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := ParseSourceSetting(tt.setting, false)
			require.NoError(t, err)
			assert.Equal(t, tt.want, ZoneOverrides([]SourceSetting{set}, ws.Snapshot()))
		})
	}
}
