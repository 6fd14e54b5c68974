package views

import (
	"errors"
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
)

// PrefSignatureFile is the preferences key of the user's signature
// catalogue file. An empty value means the built-in catalogue only.
const PrefSignatureFile = "signatureFile"

// languageChoices returns the language codes of Settings with their names.
// The code "" follows the operating system.
func languageChoices() []struct{ code, name string } {
	return []struct{ code, name string }{
		{"", lang.L("System language")},
		{"en", lang.L("English")},
		{"da", lang.L("Dansk")},
	}
}

// variantChoices returns the theme variants with their names.
func variantChoices() []struct{ code, name string } {
	return []struct{ code, name string }{
		{VariantSystem, lang.L("Follow the system")},
		{VariantLight, lang.L("Light")},
		{VariantDark, lang.L("Dark")},
	}
}

// LoadSignatureFile reads the user's catalogue file and makes the model
// scan with the built-in catalogue plus its signatures. "" goes back to
// the built-in one. Each problem names the file and the signature, and the
// valid signatures are used anyway. The caller runs the analysis again.
func LoadSignatureFile(m *Model, file string) []error {
	file = strings.TrimSpace(file)
	if file == "" {
		m.Options.Catalogue = nil
		return nil
	}
	user, errs := app.LoadCatalogue(file)
	m.Options.Catalogue = app.MergeCatalogue(app.BuiltinCatalogue(), user)
	return errs
}

// catalogueProblems joins catalogue errors into one message.
func catalogueProblems(errs []error) error {
	var lines []string
	for _, err := range errs {
		lines = append(lines, err.Error())
	}
	return errors.New(lang.L("Some signatures of the catalogue file were left out:") + "\n" + strings.Join(lines, "\n"))
}

// ShowSettings opens the settings: the language (applied on the next
// start), the theme, the user's signature catalogue and, on Windows, the
// "Open with" registration.
func (w *MainWindow) ShowSettings() {
	prefs := w.App.Preferences()

	var langNames []string
	current := prefs.String(assets.LanguagePreference)
	language := widget.NewSelect(nil, nil)
	for _, c := range languageChoices() {
		langNames = append(langNames, c.name)
		if c.code == current {
			language.Selected = c.name
		}
	}
	language.Options = langNames
	language.OnChanged = func(string) {
		if i := language.SelectedIndex(); i >= 0 {
			prefs.SetString(assets.LanguagePreference, languageChoices()[i].code)
		}
	}
	langNote := widget.NewLabel(lang.L("The language changes when wxlog starts again."))
	langNote.Importance = widget.LowImportance

	variant := widget.NewSelect(nil, nil)
	for _, c := range variantChoices() {
		variant.Options = append(variant.Options, c.name)
		if c.code == w.Theme.Variant {
			variant.Selected = c.name
		}
	}
	variant.OnChanged = func(string) {
		if i := variant.SelectedIndex(); i >= 0 {
			w.SetVariant(variantChoices()[i].code)
		}
	}

	file := widget.NewEntry()
	file.SetText(prefs.String(PrefSignatureFile))
	file.SetPlaceHolder(lang.L("Built-in catalogue only"))
	browse := widget.NewButtonWithIcon(lang.L("Choose…"), theme.FolderOpenIcon(), func() {
		w.pickSignatureFile(func(path string) { file.SetText(path) })
	})
	apply := widget.NewButton(lang.L("Use this catalogue"), func() {
		path := strings.TrimSpace(file.Text)
		errs := LoadSignatureFile(w.Model, path)
		prefs.SetString(PrefSignatureFile, path)
		w.Model.Reanalyze()
		if len(errs) > 0 {
			dialog.ShowError(catalogueProblems(errs), w.Window)
		}
	})
	catalogue := container.NewBorder(nil, nil, nil, container.NewHBox(browse, apply), file)

	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Language"), container.NewVBox(language, langNote)),
		widget.NewFormItem(lang.L("Theme"), variant),
		widget.NewFormItem(lang.L("Signature catalogue"), catalogue),
	}
	if runtime.GOOS == "windows" {
		items = append(items, widget.NewFormItem(lang.L("Open with"), w.openWithButtons()))
	}
	d := dialog.NewCustom(lang.L("Settings"), lang.L("Close"), widget.NewForm(items...), w.Window)
	// Wide enough for the catalogue field's placeholder beside its two
	// buttons, in English and Danish.
	d.Resize(fyne.NewSize(800, 0))
	d.Show()
}

// pickSignatureFile asks for a catalogue file with the window's picker.
func (w *MainWindow) pickSignatureFile(then func(path string)) {
	if w.picker == nil {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				path := r.URI().Path()
				r.Close()
				then(path)
			}
		}, w.Window)
		return
	}
	go func() {
		path, err := w.picker.OpenFile(lang.L("Choose a signature catalogue"))
		fyne.Do(func() {
			if err != nil {
				w.ShowError(err)
				return
			}
			if path != "" {
				then(path)
			}
		})
	}()
}

// openWithButtons adds or removes wxlog in the "Open with" menu of .zip,
// .log and .txt files for the current Windows user.
func (w *MainWindow) openWithButtons() fyne.CanvasObject {
	run := func(change func(app.Registry, string) error, done string) func() {
		return func() {
			reg, err := app.UserRegistry()
			if err == nil {
				var exe string
				if exe, err = os.Executable(); err == nil {
					err = change(reg, exe)
				}
			}
			if err != nil {
				w.ShowError(err)
				return
			}
			app.NotifyAssociationsChanged()
			dialog.ShowInformation(lang.L("Open with"), done, w.Window)
		}
	}
	add := widget.NewButton(lang.L("Add wxlog to 'Open with' for .zip, .log and .txt"),
		run(app.AddOpenWith, lang.L("wxlog is now in the 'Open with' menu of .zip, .log and .txt files.")))
	remove := widget.NewButton(lang.L("Remove wxlog from 'Open with'"),
		run(app.RemoveOpenWith, lang.L("wxlog is no longer in the 'Open with' menu.")))
	return container.NewVBox(add, remove)
}
