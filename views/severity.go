package views

import (
	"fyne.io/fyne/v2/lang"

	"github.com/wxlog/wxlog/parsers"
)

// severityLabel returns the user-facing name of a severity in the current
// language; SevNone has the name "no severity".
func severityLabel(s parsers.Severity) string {
	switch s {
	case parsers.SevTrace:
		return lang.L("trace")
	case parsers.SevDebug:
		return lang.L("debug")
	case parsers.SevInfo:
		return lang.L("info")
	case parsers.SevNotice:
		return lang.L("notice")
	case parsers.SevWarning:
		return lang.L("warning")
	case parsers.SevError:
		return lang.L("error")
	case parsers.SevFatal:
		return lang.L("fatal")
	}
	return lang.L("no severity")
}
