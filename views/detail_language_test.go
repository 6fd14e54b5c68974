package views

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
)

func TestDetailNamesFindingInLanguage(t *testing.T) {
	tests := []struct {
		language string
		title    func(*app.Signature) string
	}{
		{"en", func(s *app.Signature) string { return s.Title.En }},
		{"da", func(s *app.Signature) string { return s.Title.Da }},
	}
	for _, tc := range tests {
		t.Run(tc.language, func(t *testing.T) {
			a := newPanelsTestApp(t)
			a.Preferences().SetString(assets.LanguagePreference, tc.language)
			m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
			l := NewLoader(m, app.Config{})
			v := NewDetailView(m)
			l.LoadPaths([]string{"testdata/corpus/device-profile-missing"})
			m.WaitIdle()
			require.NotEmpty(t, m.Analysis.Findings)

			f := m.Analysis.Findings[0]
			m.Select(f.EntryRef)
			want := "Finding: " + f.Signature.ID + ": " + tc.title(f.Signature)
			assert.Contains(t, v.fields.Text, want)
			assert.NotEqual(t, f.Signature.Title.En, f.Signature.Title.Da, "the signature has a Danish title")
		})
	}
}
