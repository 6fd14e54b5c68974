package views

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/wxlog/wxlog/parsers"
)

// Colour names the window requests from the theme. A theme that does not
// define them gets the colours below, so a custom or JSON theme may
// override any of them by name.
const (
	ColorNameSeverityFatal   fyne.ThemeColorName = "wxlogSeverityFatal"
	ColorNameSeverityError   fyne.ThemeColorName = "wxlogSeverityError"
	ColorNameSeverityWarning fyne.ThemeColorName = "wxlogSeverityWarning"
	ColorNameSeverityNotice  fyne.ThemeColorName = "wxlogSeverityNotice"
	ColorNameSeverityInfo    fyne.ThemeColorName = "wxlogSeverityInfo"
	ColorNameSeverityDebug   fyne.ThemeColorName = "wxlogSeverityDebug"
	ColorNameSeverityTrace   fyne.ThemeColorName = "wxlogSeverityTrace"
	// ColorNameSignatureError and its siblings colour the markers of
	// findings by the severity of their signature.
	ColorNameSignatureError   fyne.ThemeColorName = "wxlogSignatureError"
	ColorNameSignatureWarning fyne.ThemeColorName = "wxlogSignatureWarning"
	ColorNameSignatureInfo    fyne.ThemeColorName = "wxlogSignatureInfo"
	// ColorNameTimeCursor marks the entries at the shared time cursor.
	ColorNameTimeCursor fyne.ThemeColorName = "wxlogTimeCursor"
	// ColorNameBookmark marks bookmarked entries.
	ColorNameBookmark fyne.ThemeColorName = "wxlogBookmark"
	// ColorNameSearchHit marks the rows that match the search.
	ColorNameSearchHit fyne.ThemeColorName = "wxlogSearchHit"
	// ColorNameEvidence marks the entries of the ladder step last clicked.
	ColorNameEvidence fyne.ThemeColorName = "wxlogEvidence"
)

// fallbackColors are used when the base theme does not define a name:
// index 0 for the light variant, 1 for dark.
var fallbackColors = map[fyne.ThemeColorName][2]color.NRGBA{
	ColorNameSeverityFatal:    {{0xa0, 0x00, 0x40, 0xff}, {0xff, 0x5c, 0x8a, 0xff}},
	ColorNameSeverityError:    {{0xc6, 0x28, 0x28, 0xff}, {0xff, 0x6b, 0x6b, 0xff}},
	ColorNameSeverityWarning:  {{0xb2, 0x6a, 0x00, 0xff}, {0xff, 0xb7, 0x4d, 0xff}},
	ColorNameSeverityNotice:   {{0x1f, 0x5f, 0xa8, 0xff}, {0x82, 0xb1, 0xff, 0xff}},
	ColorNameSeverityInfo:     {{0x30, 0x30, 0x30, 0xff}, {0xe0, 0xe0, 0xe0, 0xff}},
	ColorNameSeverityDebug:    {{0x70, 0x70, 0x70, 0xff}, {0x9e, 0x9e, 0x9e, 0xff}},
	ColorNameSeverityTrace:    {{0x90, 0x90, 0x90, 0xff}, {0x80, 0x80, 0x80, 0xff}},
	ColorNameSignatureError:   {{0xd3, 0x2f, 0x2f, 0xff}, {0xff, 0x52, 0x52, 0xff}},
	ColorNameSignatureWarning: {{0xef, 0x8c, 0x00, 0xff}, {0xff, 0xab, 0x40, 0xff}},
	ColorNameSignatureInfo:    {{0x1e, 0x88, 0xe5, 0xff}, {0x64, 0xb5, 0xf6, 0xff}},
	ColorNameTimeCursor:       {{0xff, 0xe0, 0x82, 0xa0}, {0x8d, 0x6e, 0x00, 0xa0}},
	ColorNameBookmark:         {{0x7e, 0x57, 0xc2, 0xff}, {0xb3, 0x9d, 0xdb, 0xff}},
	ColorNameSearchHit:        {{0xff, 0xf5, 0x9d, 0xff}, {0x5d, 0x52, 0x00, 0xff}},
	ColorNameEvidence:         {{0xc8, 0xe6, 0xc9, 0xff}, {0x1b, 0x4d, 0x2a, 0xff}},
}

// sourcePalette gives each source its colour, in load order; it is chosen
// to stay apart for the common forms of colour blindness.
var sourcePalette = []color.NRGBA{
	{0x00, 0x72, 0xb2, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0x00, 0x9e, 0x73, 0xff},
	{0xcc, 0x79, 0xa7, 0xff}, {0x56, 0xb4, 0xe9, 0xff}, {0xd5, 0x5e, 0x00, 0xff},
	{0x7f, 0x7f, 0x7f, 0xff}, {0xf0, 0xe4, 0x42, 0xff}, {0x88, 0x44, 0xaa, 0xff},
	{0x33, 0x99, 0x66, 0xff},
}

// SourceColor returns the colour of the n-th source.
func SourceColor(n int) color.Color {
	return sourcePalette[n%len(sourcePalette)]
}

// Variant choices for the theme; VariantSystem follows the OS.
const (
	VariantSystem = "system"
	VariantLight  = "light"
	VariantDark   = "dark"
)

// Theme is the window's theme: the base theme with the wxlog colours, an
// optional fixed light or dark variant, and a text size the user can
// change for screen sharing.
type Theme struct {
	Base fyne.Theme
	// Variant is VariantSystem, VariantLight or VariantDark.
	Variant string
	// TextSize replaces the base text size when above zero.
	TextSize float32
}

// NewTheme returns a theme over Fyne's default theme that follows the OS.
func NewTheme() *Theme {
	return &Theme{Base: theme.DefaultTheme(), Variant: VariantSystem}
}

func (t *Theme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.Variant {
	case VariantLight:
		return theme.VariantLight
	case VariantDark:
		return theme.VariantDark
	}
	return v
}

// Color returns the named colour, with the wxlog fallbacks for the wxlog
// names the base theme leaves transparent.
func (t *Theme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	if pair, ok := fallbackColors[name]; ok {
		c := t.Base.Color(name, v)
		if _, _, _, a := c.RGBA(); a != 0 {
			return c
		}
		if v == theme.VariantDark {
			return pair[1]
		}
		return pair[0]
	}
	return t.Base.Color(name, v)
}

// Font returns the base theme's font.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource { return t.Base.Font(s) }

// Icon returns the base theme's icon.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.Base.Icon(n) }

// Size returns the base size, with the text sizes scaled to TextSize.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	base := t.Base.Size(n)
	if t.TextSize <= 0 {
		return base
	}
	ratio := t.TextSize / t.Base.Size(theme.SizeNameText)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText,
		theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return base * ratio
	}
	return base
}

// severityColorName returns the theme colour name of a severity.
func severityColorName(s parsers.Severity) fyne.ThemeColorName {
	switch s {
	case parsers.SevFatal:
		return ColorNameSeverityFatal
	case parsers.SevError:
		return ColorNameSeverityError
	case parsers.SevWarning:
		return ColorNameSeverityWarning
	case parsers.SevNotice:
		return ColorNameSeverityNotice
	case parsers.SevDebug:
		return ColorNameSeverityDebug
	case parsers.SevTrace:
		return ColorNameSeverityTrace
	}
	return ColorNameSeverityInfo
}

// signatureColorName returns the marker colour name of a signature
// severity ("error", "warning" or "info").
func signatureColorName(severity string) fyne.ThemeColorName {
	switch severity {
	case "error":
		return ColorNameSignatureError
	case "warning":
		return ColorNameSignatureWarning
	}
	return ColorNameSignatureInfo
}

// wxColor returns one of the wxlog colours from the current theme, or
// its fallback when the current theme is not a *Theme: a theme that does
// not know a name logs an error and returns nil.
func wxColor(name fyne.ThemeColorName) color.Color {
	settings := fyne.CurrentApp().Settings()
	if th, ok := settings.Theme().(*Theme); ok {
		return th.Color(name, settings.ThemeVariant())
	}
	pair := fallbackColors[name]
	if settings.ThemeVariant() == theme.VariantDark {
		return pair[1]
	}
	return pair[0]
}
