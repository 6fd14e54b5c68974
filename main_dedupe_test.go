package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportLoadsEachFileOnce(t *testing.T) {
	t.Chdir("app/testdata/corpus/device-profile-missing")
	const zip = "client/feedback-a7cae96a.zip"
	tests := []struct {
		name    string
		paths   []string
		sources string
		stderr  string
	}{
		{"zip twice", []string{zip, zip}, "Sources (3)\n",
			"wxlog: 1 path was skipped because it is already loaded: " + zip + "\n"},
		{"folder, its other spelling and its zip", []string{"client", "./client/", zip}, "Sources (3)\n",
			"wxlog: 2 paths were skipped because they are already loaded: ./client/, " + zip + "\n"},
		{"zip before its folder", []string{zip, "client"}, "Sources (3)\n",
			"wxlog: 1 path was skipped because it is already loaded: " + zip + "\n"},
		{"each path once", []string{"client", "server"}, "Sources (6)\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"report"}, tc.paths...), &stdout, &stderr)
			assert.Equal(t, 0, code, "stderr: %s", stderr.String())
			assert.Contains(t, stdout.String(), tc.sources)
			assert.NotContains(t, stdout.String(), " times, ", "the finding is counted once")
			assert.Equal(t, tc.stderr, stderr.String())
			assert.Equal(t, 1, strings.Count(stdout.String(), "current_log.txt:14, "), "the finding's line is listed once")
		})
	}
}

func TestReportSkipsCopies(t *testing.T) {
	bundle, err := os.ReadFile("app/testdata/corpus/device-profile-missing/client/feedback-a7cae96a.zip")
	require.NoError(t, err)
	t.Chdir(t.TempDir())
	for _, name := range []string{"logs.zip", "logs (1).zip"} {
		require.NoError(t, os.WriteFile(name, bundle, 0o644))
	}
	tests := []struct {
		name   string
		paths  []string
		stderr string
	}{
		{"copy under another name", []string{"logs.zip", "logs (1).zip"},
			"wxlog: logs (1).zip was skipped because it has the same content as logs.zip\n"},
		{"same path and a copy", []string{"logs (1).zip", "logs (1).zip", "logs.zip"},
			"wxlog: 1 path was skipped because it is already loaded: logs (1).zip\n" +
				"wxlog: logs.zip was skipped because it has the same content as logs (1).zip\n"},
		{"one name", []string{"logs.zip"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"report"}, tc.paths...), &stdout, &stderr)
			assert.Equal(t, 0, code, "stderr: %s", stderr.String())
			assert.Contains(t, stdout.String(), "Sources (3)\n")
			assert.Equal(t, tc.stderr, stderr.String())
			assert.Equal(t, 1, strings.Count(stdout.String(), "current_log.txt:14, "), "the finding's line is listed once")
		})
	}
}
