package app

import (
	"strings"
	"sync"
	"text/template"
)

// Translator looks up the user-facing text for an English key, a
// text/template string, filled from data. main sets it to Fyne's
// lang.L so that app never imports Fyne; the default fills the English
// template.
type Translator func(key string, data ...any) string

var (
	translatorMu sync.RWMutex
	translator   Translator = englishTemplate
	language                = "en"
)

// SetLanguage sets the language code ("en" or "da") that picks the
// catalogue's Localized texts in reports and summaries.
func SetLanguage(code string) {
	translatorMu.Lock()
	defer translatorMu.Unlock()
	if code == "" {
		code = "en"
	}
	language = code
}

// Language returns the code set by SetLanguage; "en" by default.
func Language() string {
	translatorMu.RLock()
	defer translatorMu.RUnlock()
	return language
}

// SetTranslator installs the lookup for user-facing text.
func SetTranslator(t Translator) {
	translatorMu.Lock()
	defer translatorMu.Unlock()
	if t == nil {
		t = englishTemplate
	}
	translator = t
}

// T returns the translation of key, filled from the optional data.
func T(key string, data ...any) string {
	translatorMu.RLock()
	t := translator
	translatorMu.RUnlock()
	return t(key, data...)
}

func englishTemplate(key string, data ...any) string {
	if len(data) == 0 || !strings.Contains(key, "{{") {
		return key
	}
	tmpl, err := template.New("").Parse(key)
	if err != nil {
		return key
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data[0]); err != nil {
		return key
	}
	return b.String()
}
