package app

import (
	"encoding/json"
	"strings"
	"sync"
	"text/template"

	"github.com/wxlog/wxlog/assets"
)

// Translator looks up the user-facing text for an English key, a
// text/template string, filled from data. main sets it to Fyne's
// lang.L so that app never imports Fyne; the default fills the English
// text of assets/translations/en.json.
type Translator func(key string, data ...any) string

// PluralTranslator looks up the plural form of key for count, like
// Translator does for a plain text. main sets it to Fyne's
// lang.LocalizePluralKey; the default picks the form from en.json.
type PluralTranslator func(key string, count int, data ...any) string

var (
	translatorMu     sync.RWMutex
	translator       Translator       = englishTemplate
	pluralTranslator PluralTranslator = englishPlural
	language                          = "en"
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

// SetPluralTranslator installs the lookup for text with plural forms.
func SetPluralTranslator(t PluralTranslator) {
	translatorMu.Lock()
	defer translatorMu.Unlock()
	if t == nil {
		t = englishPlural
	}
	pluralTranslator = t
}

// T returns the translation of key, filled from the optional data.
func T(key string, data ...any) string {
	translatorMu.RLock()
	t := translator
	translatorMu.RUnlock()
	return t(key, data...)
}

// TN returns the translation of key in its plural form for count, filled
// from the optional data, which should hold count too. The key is a
// message with "one" and "other" forms in the translation files; English
// and Danish use "one" for a count of 1 only.
func TN(key string, count int, data ...any) string {
	translatorMu.RLock()
	t := pluralTranslator
	translatorMu.RUnlock()
	return t(key, count, data...)
}

// message is one entry of a go-i18n v2 translation file: a plain text,
// or the plural forms of an object. A plain text is its Other form.
type message struct {
	One   string `json:"one"`
	Other string `json:"other"`
}

func (m *message) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		m.Other = text
		return nil
	}
	type forms message
	return json.Unmarshal(data, (*forms)(m))
}

// form returns the text for count: One for 1 when there is one, else
// Other.
func (m message) form(count int) string {
	if count == 1 && m.One != "" {
		return m.One
	}
	return m.Other
}

// loadMessages reads the translation file of one of assets.Languages.
func loadMessages(language string) (map[string]message, error) {
	data, err := assets.Translation(language)
	if err != nil {
		return nil, err
	}
	var messages map[string]message
	if err := json.Unmarshal(data, &messages); err != nil {
		return nil, err
	}
	return messages, nil
}

// englishMessages holds en.json for the default translators, or nil when
// it cannot be read: then the keys themselves are the English text.
var englishMessages = sync.OnceValue(func() map[string]message {
	messages, _ := loadMessages("en")
	return messages
})

func englishTemplate(key string, data ...any) string {
	return fillMessages(englishMessages(), key, -1, data...)
}

func englishPlural(key string, count int, data ...any) string {
	return fillMessages(englishMessages(), key, count, data...)
}

// fillMessages looks key up in messages, picks the form for count (-1
// for a plain text) and fills it from the first data value. A key that
// is missing, and a text that fails as a template, give the key itself.
func fillMessages(messages map[string]message, key string, count int, data ...any) string {
	text := key
	if m, ok := messages[key]; ok && m.Other != "" {
		text = m.form(count)
	}
	if len(data) == 0 || !strings.Contains(text, "{{") {
		return text
	}
	tmpl, err := template.New("").Parse(text)
	if err != nil {
		return key
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data[0]); err != nil {
		return key
	}
	return b.String()
}
