package uilang

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// childChoice names the environment variable that turns a run of this test
// binary into a child: Fyne's lang package keeps one global state that
// Load cannot undo, so each case runs in a fresh process.
const childChoice = "WXLOG_UILANG_CHILD_CHOICE"

// TestLoadChild is the child side of TestLoadLanguage: it loads the
// translations with the choice from the environment and prints what
// lang.L returns for a key that both files translate.
func TestLoadChild(t *testing.T) {
	choice, ok := os.LookupEnv(childChoice)
	if !ok {
		t.Skip("runs only as a child of TestLoadLanguage")
	}
	require.NoError(t, Load(choice))
	os.Stdout.WriteString("RESULT=" + Translate("Open") + "|" + Translate("{{.Count}} entries", map[string]any{"Count": 3}) + "\n")
}

func TestLoadLanguage(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		choice string
		want   string
	}{
		{"English system", []string{"LANG=en_US.UTF-8", "LANGUAGE="}, "", "Open|3 entries"},
		{"Danish system", []string{"LANG=da_DK.UTF-8", "LANGUAGE="}, "", "Åbn|3 poster"},
		{"Danish in LANGUAGE", []string{"LANG=en_US.UTF-8", "LANGUAGE=da:en"}, "", "Åbn|3 poster"},
		{"C locale falls back to English", []string{"LANG=C.UTF-8", "LANGUAGE="}, "", "Open|3 entries"},
		{"German system gets English", []string{"LANG=de_DE.UTF-8", "LANGUAGE="}, "", "Open|3 entries"},
		{"setting Danish on English", []string{"LANG=en_US.UTF-8", "LANGUAGE="}, "da", "Åbn|3 poster"},
		{"setting Danish on C locale", []string{"LANG=C.UTF-8", "LANGUAGE=en"}, "da", "Åbn|3 poster"},
		{"setting English on Danish", []string{"LANG=da_DK.UTF-8", "LANGUAGE="}, "en", "Open|3 entries"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestLoadChild$", "-test.v")
			cmd.Env = append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", childChoice+"="+tc.choice)
			cmd.Env = append(cmd.Env, tc.env...)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "child output:\n%s", out)

			_, result, found := strings.Cut(string(out), "RESULT=")
			require.True(t, found, "child printed no result:\n%s", out)
			result, _, _ = strings.Cut(result, "\n")
			assert.Equal(t, tc.want, result)
		})
	}
}

func TestLoadUnknownChoice(t *testing.T) {
	if _, ok := os.LookupEnv(childChoice); ok {
		t.Skip("parent-only test")
	}
	err := Load("de")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown language "de"`)
	assert.Equal(t, "Open", lang.L("Open"))
}
