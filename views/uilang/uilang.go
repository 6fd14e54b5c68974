// Package uilang selects the language of the user interface and loads
// wxlog's translations into fyne.io/fyne/v2/lang.
package uilang

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/wxlog/wxlog/assets"
	"github.com/wxlog/wxlog/views/localeenv"
)

// Load loads the translations and selects the language: choice "" follows
// the operating system, one of assets.Languages overrides it. A system
// language wxlog has no translation for gets English.
//
// Fyne v2.7.1 has no public setter for the locale. Every AddTranslations
// call matches the files loaded so far against the system locales (the
// LANGUAGE and LC_* variables on Linux, the user locale on Windows and
// macOS), so setting environment variables would work on Linux only. To
// override the system on every platform, Load adds the chosen file a
// second time under the system locale's language, so the match lands on
// the chosen text. Fyne ships no Danish of its own, so its few built-in
// widget strings stay English in both cases. Call Load once, before the
// first window is built, because a later call cannot undo an earlier one.
func Load(choice string) error {
	// The variables may have changed since localeenv's init, as in tests.
	if localeenv.QuietCLocale(os.Getenv) {
		os.Setenv("LANGUAGE", "en")
	}
	if err := lang.AddTranslationsFS(assets.TranslationsFS, assets.TranslationsDir); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	locale := lang.SystemLocale()
	system, _, _ := strings.Cut(locale.String(), "-")
	current = choice
	if choice == "" {
		if slices.Contains(assets.Languages, system) {
			current = system
			return nil
		}
		// Fyne translates a few of its own keys, such as "Open", into
		// German and others; without this the window would mix languages.
		choice = "en"
		current = choice
	}
	if system == choice {
		return nil
	}

	data, err := assets.Translation(choice)
	if err != nil {
		return err
	}
	if err := lang.AddTranslationsForLocale(data, fyne.Locale(locale.LanguageString())); err != nil {
		return fmt.Errorf("load %s translations for the system locale %s: %w", choice, locale, err)
	}
	return nil
}

// current is the language Load selected.
var current = "en"

// Current returns the code of the language Load selected, such as "da".
func Current() string { return current }

// Translate looks up key in the loaded translations and fills it from the
// first data value. It has the shape of app.Translator, so that report and
// finding text in app is translated too.
func Translate(key string, data ...any) string {
	return lang.L(key, data...)
}

// TranslatePlural looks up the plural form of key for count and fills it
// from the first data value. It has the shape of app.PluralTranslator.
func TranslatePlural(key string, count int, data ...any) string {
	return lang.LocalizePluralKey(key, key, count, data...)
}
