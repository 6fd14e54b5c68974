package main

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		json  bool
		lang  string
		paths []string
	}{
		{"flags first", []string{"--json", "--lang", "da", "a", "b"}, true, "da", []string{"a", "b"}},
		{"flags after the paths", []string{"a", "b", "--json", "--lang=da"}, true, "da", []string{"a", "b"}},
		{"flags between the paths", []string{"a", "--lang", "da", "b"}, false, "da", []string{"a", "b"}},
		{"paths after a double dash", []string{"--json", "--", "-a", "--lang"}, true, "en", []string{"-a", "--lang"}},
		{"double dash after a path", []string{"a", "--", "--json"}, false, "en", []string{"a", "--json"}},
		{"no paths", []string{"--json"}, true, "en", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			asJSON := fs.Bool("json", false, "")
			language := fs.String("lang", "en", "")
			require.NoError(t, parseInterspersed(fs, tt.args))

			assert.Equal(t, tt.json, *asJSON, "--json")
			assert.Equal(t, tt.lang, *language, "--lang")
			assert.Equal(t, tt.paths, fs.Args())
		})
	}
}

func TestParseInterspersedUnknownFlagAfterPath(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Bool("json", false, "")
	assert.Error(t, parseInterspersed(fs, []string{"a", "--bogus"}))
}

func TestPrintFlagsUsesTwoDashes(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.Bool("json", false, "print the report as JSON")
	fs.String("lang", "en", "language of the report text")
	fs.String("signatures", "", "`FILE`: also scan for these signatures")
	var b strings.Builder
	printFlags(&b, fs)
	out := b.String()

	assert.Contains(t, out, "  --json\n    \tprint the report as JSON\n")
	assert.Contains(t, out, "  --lang string\n    \tlanguage of the report text (default \"en\")\n")
	assert.Contains(t, out, "  --signatures FILE\n    \tFILE: also scan for these signatures\n")
	assert.NotContains(t, out, "\n  -json")
}

func TestHelpWord(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr strings.Builder
	assert.Equal(t, 0, run([]string{"help"}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "usage: wxlog [flags] [PATH...]")
	assert.Empty(t, stderr.String())
}
