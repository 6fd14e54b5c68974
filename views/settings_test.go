package views

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
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
			newTestApp(t)
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
	newTestApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{Catalogue: app.BuiltinCatalogue()})
	assert.Empty(t, LoadSignatureFile(m, "  "))
	assert.Nil(t, m.Options.Catalogue)
}
