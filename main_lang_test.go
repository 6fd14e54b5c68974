package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// langChildArgs names the environment variable that turns a run of this
// test binary into one `wxlog report` call. Fyne's translations are global
// and cannot be unloaded, so each language runs in its own process. The
// arguments are separated by 0x1f, because an environment value cannot
// hold NUL.
const langChildArgs = "WXLOG_REPORT_CHILD_ARGS"

func TestReportLangChild(t *testing.T) {
	args, ok := os.LookupEnv(langChildArgs)
	if !ok {
		t.Skip("runs only as a child of TestReportLang")
	}
	var stdout, stderr bytes.Buffer
	code := run(strings.Split(args, "\x1f"), &stdout, &stderr)
	os.Stdout.WriteString("STDOUT<<" + stdout.String() + ">>STDOUT\n")
	os.Stdout.WriteString("STDERR<<" + stderr.String() + ">>STDERR\n")
	if code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

// runReportChild runs `wxlog report ARGS...` in a child process under a
// Danish system locale and returns its output and whether it succeeded.
func runReportChild(t *testing.T, args ...string) (stdout, stderr string, ok bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestReportLangChild$", "-test.v")
	cmd.Env = append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", "LANG=da_DK.UTF-8", "LANGUAGE=",
		langChildArgs+"="+strings.Join(append([]string{"report"}, args...), "\x1f"))
	out, err := cmd.CombinedOutput()
	text := string(out)
	_, rest, found := strings.Cut(text, "STDOUT<<")
	require.True(t, found, "child printed no output:\n%s", text)
	stdout, rest, _ = strings.Cut(rest, ">>STDOUT")
	_, rest, _ = strings.Cut(rest, "STDERR<<")
	stderr, _, _ = strings.Cut(rest, ">>STDERR")
	return stdout, stderr, err == nil
}

func TestReportLang(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  []string
		avoid []string
	}{
		{"Danish", []string{"--lang", "da"}, []string{"Kilder (13)", "Login-forløb (CLIENT_", "ikke nået: xsi-device-list fejlede", "Godkendelsestjenesten afviste tokenet", "løsning: Kopiér RSA-nøglerne"}, []string{"Sources (", "Sign-in ladder", "Authentication service rejected the token"}},
		{"English on a Danish system", []string{"--lang", "en"}, []string{"Sources (13)", "Sign-in ladder (CLIENT_", "not reached: xsi-device-list failed", "Authentication service rejected the token"}, []string{"Kilder", "Login-forløb", "Godkendelsestjenesten"}},
		{"English by default", nil, []string{"Sources (13)", "Sign-in ladder (CLIENT_"}, []string{"Kilder"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args...), "assets/demo/wxlog-demo")
			stdout, stderr, ok := runReportChild(t, args...)
			require.True(t, ok, "report failed:\n%s\n%s", stdout, stderr)
			for _, w := range tc.want {
				assert.Contains(t, stdout, w)
			}
			for _, a := range tc.avoid {
				assert.NotContains(t, stdout, a)
			}
		})
	}
}

func TestReportLangInvalid(t *testing.T) {
	_, stderr, ok := runReportChild(t, "--lang", "de", "assets/demo/wxlog-demo")
	assert.False(t, ok)
	assert.Contains(t, stderr, `wxlog: --lang: unknown language "de": use one of en, da`)
}
