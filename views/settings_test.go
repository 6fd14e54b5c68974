package views

import (
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
)

func TestLoadSignatureFile(t *testing.T) {
	cases := []struct {
		name string
		file string
		// errParts are texts every reported problem names.
		errParts []string
		// added is a signature of the file that is used anyway.
		added string
	}{
		{"bad severity", filepath.Join("testdata", "signatures", "bad-severity.json"),
			[]string{"bad-severity.json", "signature bad-severity"}, "custom-sbc-timeout"},
		{"missing file", filepath.Join("testdata", "signatures", "no-such-file.json"),
			[]string{"no-such-file.json"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			newPanelsTestApp(t)
			m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
			errs := LoadSignatureFile(m, tc.file)
			require.NotEmpty(t, errs)
			for _, part := range tc.errParts {
				assert.Contains(t, catalogueProblems(errs).Error(), part)
			}
			require.NotNil(t, m.Options.Catalogue)
			assert.NotNil(t, m.Options.Catalogue.ByID("bwc-device-profile-missing"), "the built-in catalogue keeps working")
			if tc.added != "" {
				assert.NotNil(t, m.Options.Catalogue.ByID(tc.added))
			}
			assert.Nil(t, m.Options.Catalogue.ByID("bad-severity"), "the broken signature is left out")
		})
	}
}

func TestLoadSignatureFileEmptyResets(t *testing.T) {
	newPanelsTestApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{Catalogue: app.BuiltinCatalogue()})
	assert.Empty(t, LoadSignatureFile(m, "  "))
	assert.Nil(t, m.Options.Catalogue)
}

func TestSettingsDialog(t *testing.T) {
	a := newPanelsTestApp(t)
	w := NewMainWindow(a, Options{})
	w.Window.Resize(fyne.NewSize(1200, 900))
	w.ShowSettings()

	overlay := w.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay, "the settings dialog is shown")
	var texts strings.Builder
	collectDrawnText(overlay, &texts)
	assert.Contains(t, texts.String(), "Signature catalogue")
	assert.Contains(t, texts.String(), "The language changes when wxlog starts again.")
	hasOpenWith := strings.Contains(texts.String(), "Open with")
	assert.Equal(t, runtime.GOOS == "windows", hasOpenWith, "the Open with buttons exist on Windows only")

	// Picking Dark applies it to the window's theme at once.
	for _, o := range test.LaidOutObjects(overlay) {
		if sel, ok := o.(*widget.Select); ok && slices.Contains(sel.Options, "Dark") {
			sel.SetSelected("Dark")
		}
	}
	assert.Equal(t, VariantDark, w.Theme.Variant)

	// Picking Dansk stores the language for the next start.
	for _, o := range test.LaidOutObjects(overlay) {
		if sel, ok := o.(*widget.Select); ok && slices.Contains(sel.Options, "Dansk") {
			sel.SetSelected("Dansk")
		}
	}
	assert.Equal(t, "da", a.Preferences().String(assets.LanguagePreference))
}

// The catalogue field shows its whole placeholder beside its two buttons,
// in English and in the longer Danish text.
func TestSettingsCatalogueFieldFits(t *testing.T) {
	a := newPanelsTestApp(t)
	w := NewMainWindow(a, Options{})
	w.Window.Resize(fyne.NewSize(1400, 900))
	w.ShowSettings()
	overlay := w.Window.Canvas().Overlays().Top()
	require.NotNil(t, overlay)

	var field *widget.Entry
	for _, o := range test.LaidOutObjects(overlay) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "Built-in catalogue only" {
			field = e
		}
	}
	require.NotNil(t, field, "the catalogue field")
	for _, text := range []string{"Built-in catalogue only", "Kun det indbyggede katalog"} {
		need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
		assert.GreaterOrEqual(t, field.Size().Width, need, text)
	}
}
