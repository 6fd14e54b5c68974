// Package localeenv sets LANGUAGE=en in wxlog's own environment when the
// locale variables name the C or POSIX locale and LANGUAGE is unset,
// before Fyne reads them.
//
// fyne.io/fyne/v2/lang v2.7.1 loads its translations in its package init
// and matches them against the locales that github.com/jeandeaual/go-locale
// reads from LC_ALL, LC_MESSAGES, LANG and LANGUAGE. With LANG=C.UTF-8 and
// no LANGUAGE that is "C", which is no language tag, so Fyne logs "Error
// parsing user locale C" on every start, even for "wxlog report". Such a
// system gets English either way.
//
// The Go specification (Package initialization, since Go 1.21) initialises
// packages in the order of their import paths, each once its imports are
// initialised. This package imports only os and strings, so its init runs
// before that of fyne.io/fyne/v2/lang, which imports text/template, whose
// path sorts after this one. Import it, for its init alone, in package main.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	if QuietCLocale(os.Getenv) {
		os.Setenv("LANGUAGE", "en")
	}
}

// QuietCLocale reports whether LANGUAGE should be set to "en". That is so
// when LANGUAGE is unset or names C or POSIX itself, and the first of
// LC_ALL, LC_MESSAGES and LANG that is set names the C or POSIX locale,
// with or without a codeset such as ".UTF-8". getenv reads the environment.
func QuietCLocale(getenv func(string) string) bool {
	if language := getenv("LANGUAGE"); language != "" && !isCLocale(language) {
		return false
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if value := getenv(name); value != "" {
			return isCLocale(value)
		}
	}
	return false
}

// isCLocale reports whether a locale name such as "C.UTF-8" or
// "POSIX" names the C locale.
func isCLocale(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base, _, _ = strings.Cut(base, "@")
	return base == "C" || base == "POSIX"
}
