package parsers

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenMarksCutData(t *testing.T) {
	log := []byte("2024-05-02T09:14:02.101Z <Info> [0x1c0c] Sign-in started for alice@example.com\n" +
		"2024-05-02T09:14:03.101Z <Info> [0x1c0c] second line of the log\n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err := zw.Write(bytes.Repeat(log, 200))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	zipData, err := os.ReadFile(filepath.Join("testdata", "corpus", "device-profile-missing", "client", "feedback-a7cae96a.zip"))
	require.NoError(t, err)

	tests := []struct {
		name   string
		file   string
		data   []byte
		member string
		cut    bool
	}{
		{"whole gzip", "current_log.txt.gz", gz.Bytes(), "current_log.txt", false},
		{"gzip cut short", "current_log.txt.gz", gz.Bytes()[:gz.Len()/2], "current_log.txt", true},
		{"whole zip", "feedback.zip", zipData, "feedback.zip/current_log.txt", false},
		{"zip member cut short", "feedback.zip", zipData[:1266], "feedback.zip/current_log.txt", true},
		{"plain file", "current_log.txt", log, "current_log.txt", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var found bool
			err := WalkData(context.Background(), tt.file, tt.data, DefaultLimits, func(item Item) {
				if item.Name != tt.member {
					return
				}
				found = true
				assert.Equal(t, tt.cut, item.Cut, "item")
				assert.Equal(t, tt.cut, Open(item, Options{}).Cut, "source")
			})
			require.NoError(t, err)
			require.True(t, found, "%s is among the items", tt.member)
		})
	}
}
