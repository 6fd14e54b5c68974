package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// signinCase is a corpus case without findings.
const signinCase = "parsers/testdata/corpus/signin-ok"

func TestReportNamesUnreadablePaths(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "does", "not", "exist.zip")
	empty := filepath.Join(dir, "emptydir")
	require.NoError(t, os.Mkdir(empty, 0o755))
	binary := filepath.Join(dir, "random.bin")
	require.NoError(t, os.WriteFile(binary, bytes.Repeat([]byte{0, 0xff, 0x13, 0x80}, 1024), 0o644))

	tests := []struct {
		name       string
		paths      []string
		code       int
		stdout     []string
		noStdout   bool
		stderr     []string
		stderrRows int
	}{
		{"missing path", []string{missing}, 1, nil, true,
			[]string{"wxlog: cannot open " + missing + ": no such file or directory"}, 1},
		{"missing path beside a case", []string{missing, signinCase}, 1,
			[]string{"Sources (11)", "signin-ok/client/feedback-a4adde9a.zip/current_log.txt",
				"  1 source could not be read: " + filepath.ToSlash(missing) + ". The findings cover only the sources that were read.\n",
				"problem: " + filepath.ToSlash(missing) + ": cannot open: no such file or directory\n"}, false,
			[]string{"wxlog: cannot open " + missing + ": no such file or directory"}, 1},
		{"empty folder", []string{empty}, 1, nil, true,
			[]string{"wxlog: no log files found in " + empty}, 1},
		{"binary file", []string{binary}, 1,
			[]string{"  No readable log was found: every source is binary, empty or could not be read.\n", "binary, 0 entries"}, false,
			[]string{"wxlog: no readable log found in " + binary}, 1},
		{"clean case", []string{signinCase}, 0,
			[]string{"Findings (none)\n  No known problem found.\n"}, false, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"report"}, tc.paths...), &stdout, &stderr)
			assert.Equal(t, tc.code, code, "stderr: %s", stderr.String())
			if tc.noStdout {
				assert.Empty(t, stdout.String(), "nothing was read, so no report is printed")
			}
			for _, want := range tc.stdout {
				assert.Contains(t, stdout.String(), want)
			}
			for _, want := range tc.stderr {
				assert.Contains(t, stderr.String(), want+"\n")
			}
			assert.Equal(t, tc.stderrRows, strings.Count(stderr.String(), "\n"), "one line per problem: %q", stderr.String())
			assert.NotContains(t, stdout.String()+stderr.String(), "parsers:")
		})
	}
}

func TestHelpNamesExitStatusAndXvfb(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"window", []string{"--help"}, []string{"usage: wxlog [flags] [PATH...]\n", "xvfb-run wxlog PATH...",
			"\"wxlog report --help\" lists the report's flags.\n\nExit status of \"wxlog report\":\n  0  the report was printed",
			"\n  2  invalid flags or no PATH\n\nFlags:\n", "-demo"}},
		{"window short", []string{"-h"}, []string{"usage: wxlog [flags] [PATH...]\n"}},
		{"report", []string{"report", "--help"}, []string{"usage: wxlog report [flags] PATH...\n",
			"\n\nExit status:\n  0  the report was printed", "\n  1  a PATH cannot be opened", "-json"}},
		{"report short", []string{"report", "-h"}, []string{"usage: wxlog report [flags] PATH...\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, 0, run(tc.args, &stdout, &stderr), "a help request succeeds")
			for _, want := range tc.want {
				assert.Contains(t, stdout.String(), want)
			}
			assert.Empty(t, stderr.String(), "the help goes to stdout")
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		firstLine string
	}{
		{"report without PATH", []string{"report"}, "wxlog report: missing PATH: name at least one log file, folder or archive to report on"},
		{"report without PATH after flags", []string{"report", "--json"}, "wxlog report: missing PATH: name at least one log file, folder or archive to report on"},
		{"report with an unknown flag", []string{"report", "--bogus", "x"}, "flag provided but not defined: -bogus"},
		{"window with an unknown flag", []string{"--bogus"}, "flag provided but not defined: -bogus"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, 2, run(tc.args, &stdout, &stderr))
			first, rest, _ := strings.Cut(stderr.String(), "\n")
			assert.Equal(t, tc.firstLine, first)
			assert.Contains(t, rest, "usage: wxlog", "the usage follows the error")
			assert.Empty(t, stdout.String())
		})
	}
}

func TestDisplayMissing(t *testing.T) {
	tests := []struct {
		goos    string
		env     map[string]string
		missing bool
	}{
		{"linux", nil, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, false},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
		{"freebsd", nil, true},
		{"openbsd", map[string]string{"DISPLAY": ":1"}, false},
		{"darwin", nil, false},
		{"windows", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.goos, func(t *testing.T) {
			getenv := func(name string) string { return tc.env[name] }
			assert.Equal(t, tc.missing, displayMissing(tc.goos, getenv), "%v", tc.env)
		})
	}
}

// TestWindowWithoutDisplay starts the window where there is no display:
// it must print one line and exit 1, not panic in GLFW.
func TestWindowWithoutDisplay(t *testing.T) {
	if !slices.Contains([]string{"linux", "freebsd", "openbsd", "netbsd", "dragonfly"}, runtime.GOOS) {
		t.Skip("only X11 and Wayland systems can lack a display")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	// The single-instance socket goes to a folder of this test, so that a
	// wxlog the developer is running does not take the paths.
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())

	for _, args := range [][]string{{"--demo"}, {signinCase}} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, 1, run(args, &stdout, &stderr), "%v", args)
		assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "one line: %q", stderr.String())
		assert.Contains(t, stderr.String(), "wxlog: no display found")
		assert.Contains(t, stderr.String(), `"wxlog report PATH..."`)
		assert.Contains(t, stderr.String(), `"xvfb-run -s '-screen 0 1600x1000x24' wxlog PATH..."`)
	}
}

// TestReportDanishMessages runs the Danish report in a child process,
// because Fyne's translations are global to a process.
func TestReportDanishMessages(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty.log"), nil, 0o644))
	missing := filepath.Join(dir, "nope.zip")

	tests := []struct {
		name   string
		args   []string
		ok     bool
		stdout []string
		avoid  []string
		stderr []string
	}{
		{"findings", []string{"--lang", "da", "parsers/testdata/corpus/config-parse-1507"}, true,
			[]string{"Fund (1 signatur, 2 forekomster)\n", "  fejl     bwc-config-parse-failed:", "bw-dms, 1 post,", "ud fra 2 par af anmodning og svar"},
			[]string{"  error ", "(1 signaturer", " 1 poster,"}, nil},
		{"clean case", []string{"--lang", "da", signinCase}, true,
			[]string{"Fund (ingen)\n  Intet kendt problem fundet.\n"}, nil, nil},
		{"load problems", []string{"--lang", "da", missing, filepath.Join(dir, "empty.log")}, false,
			[]string{"problem: empty.log: tom fil\n", "  1 kilde kunne ikke læses: " + missing + ". Fundene dækker kun de kilder, der blev læst.\n",
				"problem: " + missing + ": kan ikke åbnes: filen eller mappen findes ikke\n"},
			[]string{"parsers", "empty file"},
			[]string{"wxlog: kan ikke åbne " + missing + ": filen eller mappen findes ikke\n", "wxlog: ingen læsbar log fundet i "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, ok := runReportChild(t, tc.args...)
			assert.Equal(t, tc.ok, ok, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			for _, w := range tc.stdout {
				assert.Contains(t, stdout, w)
			}
			for _, a := range tc.avoid {
				assert.NotContains(t, stdout, a)
			}
			for _, w := range tc.stderr {
				assert.Contains(t, stderr, w)
			}
		})
	}
}

// TestWindowWithDeadDisplay runs a built wxlog with DISPLAY naming an X
// server that does not run: GLFW's panic must become one line and exit
// status 1. It builds the binary, because Fyne creates windows on the main
// thread, which a test function does not run on.
func TestWindowWithDeadDisplay(t *testing.T) {
	if !slices.Contains([]string{"linux", "freebsd", "openbsd", "netbsd", "dragonfly"}, runtime.GOOS) {
		t.Skip("only X11 systems name their display in DISPLAY")
	}
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := filepath.Join(t.TempDir(), "wxlog")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build:\n%s", out)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--demo")
	cmd.Env = append(os.Environ(), "DISPLAY=:97", "WAYLAND_DISPLAY=", "LANGUAGE=en", "LANG=C.UTF-8",
		"XDG_RUNTIME_DIR="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "stderr:\n%s", stderr.String())
	assert.Equal(t, 1, exit.ExitCode(), "stderr:\n%s", stderr.String())
	assert.Contains(t, stderr.String(), "wxlog: cannot open the display :97")
	assert.Contains(t, stderr.String(), `"xvfb-run -s '-screen 0 1600x1000x24' `+bin+` PATH..."`, "the command as it was started")
	assert.NotContains(t, stderr.String(), "goroutine ", "no stack trace")
}

func TestReportWarnsOfUnmatchedSourcePattern(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"report", "--skew", "nomatch*=+1s", "--tz", "XSLog*=Europe/Copenhagen", signinCase}, &stdout, &stderr)
	assert.Equal(t, 0, code, "stderr:\n%s", stderr.String())
	assert.Contains(t, stderr.String(), `wxlog: the pattern "nomatch*" of --tz or --skew matches no loaded source, such as "`)
	assert.NotContains(t, stderr.String(), `"XSLog*"`, "that pattern matches the case's XSLog")
}
