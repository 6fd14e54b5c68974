package main

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/views/uilang"
)

// localeChild names the environment variable that turns a run of this
// test binary into a child that loads the translations for the system
// language, as the window does. Fyne reads the locale once per process.
const localeChild = "WXLOG_LOCALE_CHILD"

func TestLocaleChild(t *testing.T) {
	if os.Getenv(localeChild) == "" {
		t.Skip("runs only as a child of TestSystemLocaleWithoutFyneError")
	}
	require.NoError(t, uilang.Load(""))
	os.Stdout.WriteString("CURRENT=" + uilang.Current() + "\n")
}

func TestSystemLocaleWithoutFyneError(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want string
	}{
		{"C with codeset", []string{"LANG=C.UTF-8"}, "CURRENT=en\n"},
		{"C", []string{"LANG=C"}, "CURRENT=en\n"},
		{"POSIX in LC_ALL", []string{"LC_ALL=POSIX"}, "CURRENT=en\n"},
		{"Danish LANGUAGE under C", []string{"LANG=C.UTF-8", "LANGUAGE=da"}, "CURRENT=da\n"},
		{"Danish LANG", []string{"LANG=da_DK.UTF-8"}, "CURRENT=da\n"},
		{"English LANG", []string{"LANG=en_GB.UTF-8"}, "CURRENT=en\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestLocaleChild$")
			cmd.Env = append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", "LANG=", "LANGUAGE=", localeChild+"=1")
			cmd.Env = append(cmd.Env, tc.env...)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Contains(t, string(out), tc.want)
			assert.NotContains(t, string(out), "Fyne error", "Fyne logs no locale error at start")
		})
	}
}
