package assets

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

// TranslationsFS holds the go-i18n v2 JSON files of the user interface
// under TranslationsDir, one per language: en.json and da.json. Keys are
// the English text, so a key missing from a file falls back to English.
// Fyne's lang package reads them (see views/uilang); this package does not
// import Fyne because app imports it.
//
//go:embed translations/*.json
var TranslationsFS embed.FS

// TranslationsDir is the folder of the translation files inside
// TranslationsFS.
const TranslationsDir = "translations"

// LanguagePreference is the Fyne preferences key of the language the user
// picked in Settings: "" follows the operating system, otherwise one of
// Languages.
const LanguagePreference = "language"

// Languages lists the languages wxlog is translated into.
var Languages = []string{"en", "da"}

// Translation returns the translation file of one of Languages.
func Translation(language string) ([]byte, error) {
	if !slices.Contains(Languages, language) {
		return nil, fmt.Errorf("unknown language %q: use one of %s", language, strings.Join(Languages, ", "))
	}
	data, err := TranslationsFS.ReadFile(TranslationsDir + "/" + language + ".json")
	if err != nil {
		return nil, fmt.Errorf("assets: read %s translations: %w", language, err)
	}
	return data, nil
}
