package uilang

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/assets"
)

// childChoice names the environment variable that turns a run of this test
// binary into a child: Fyne's lang package keeps one global state that
// Load cannot undo, so each case runs in a fresh process.
const childChoice = "WXLOG_UILANG_CHILD_CHOICE"

// TestLoadChild is the child side of TestLoadLanguage: it loads the
// translations with the choice from the environment and prints what
// lang.L returns for keys that both files translate, one of them a
// go-i18n field name, and the singular of two texts with plural forms.
func TestLoadChild(t *testing.T) {
	choice, ok := os.LookupEnv(childChoice)
	if !ok {
		t.Skip("runs only as a child of TestLoadLanguage")
	}
	require.NoError(t, Load(choice))
	singular := TranslatePlural("{{.Count}} entries", 1, map[string]any{"Count": 1})
	mixed := Translate("{{.Signatures}} signatures, {{.Count}} occurrences", map[string]any{"Signatures": 1, "Count": 2})
	os.Stdout.WriteString("RESULT=" + Translate("Open") + "|" + Translate("{{.Count}} entries", map[string]any{"Count": 3}) + "|" +
		Translate("Other") + "|" + singular + "|" + mixed + "\n")
}

func TestLoadLanguage(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		choice string
		want   string
	}{
		{"English system", []string{"LANG=en_US.UTF-8", "LANGUAGE="}, "", "Open|3 entries|Other|1 entry|1 signature, 2 occurrences"},
		{"Danish system", []string{"LANG=da_DK.UTF-8", "LANGUAGE="}, "", "Åbn|3 poster|Andet|1 post|1 signatur, 2 forekomster"},
		{"Danish in LANGUAGE", []string{"LANG=en_US.UTF-8", "LANGUAGE=da:en"}, "", "Åbn|3 poster|Andet|1 post|1 signatur, 2 forekomster"},
		{"C locale falls back to English", []string{"LANG=C.UTF-8", "LANGUAGE="}, "", "Open|3 entries|Other|1 entry|1 signature, 2 occurrences"},
		{"German system gets English", []string{"LANG=de_DE.UTF-8", "LANGUAGE="}, "", "Open|3 entries|Other|1 entry|1 signature, 2 occurrences"},
		{"setting Danish on English", []string{"LANG=en_US.UTF-8", "LANGUAGE="}, "da", "Åbn|3 poster|Andet|1 post|1 signatur, 2 forekomster"},
		{"setting Danish on C locale", []string{"LANG=C.UTF-8", "LANGUAGE=en"}, "da", "Åbn|3 poster|Andet|1 post|1 signatur, 2 forekomster"},
		{"setting English on Danish", []string{"LANG=da_DK.UTF-8", "LANGUAGE="}, "en", "Open|3 entries|Other|1 entry|1 signature, 2 occurrences"},
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

// TestTranslationFilesLoad parses each file with Fyne's own loader, which
// rejects what plain JSON accepts, such as a flat key named "Other".
func TestTranslationFilesLoad(t *testing.T) {
	if _, ok := os.LookupEnv(childChoice); ok {
		t.Skip("parent-only test")
	}
	for _, language := range assets.Languages {
		t.Run(language, func(t *testing.T) {
			data, err := assets.Translation(language)
			require.NoError(t, err)
			assert.NoError(t, lang.AddTranslationsForLocale(data, fyne.Locale(language)))
		})
	}
}
