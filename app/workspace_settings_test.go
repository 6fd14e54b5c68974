package app

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wxlog/wxlog/parsers"
)

func TestUnmatchedSettings(t *testing.T) {
	sources := []*parsers.Source{{Name: "server/as1/XSLog2024.05.02-00.00.00.txt"}, {Name: "client/current_log.txt"}}
	tests := []struct {
		pattern string
		matched bool
	}{
		{"server/as1/XSLog2024.05.02-00.00.00.txt", true},
		{"XSLog*", true},
		{"server/*/XSLog*", true},
		{"current_log.txt", true},
		{"nomatch*", false},
		{"PSLog*", false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			got := UnmatchedSettings([]SourceSetting{{Pattern: tt.pattern}}, sources)
			if tt.matched {
				assert.Empty(t, got)
			} else {
				assert.Equal(t, []SourceSetting{{Pattern: tt.pattern}}, got)
			}
		})
	}
}
