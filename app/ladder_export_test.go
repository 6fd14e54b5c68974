package app

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateLadderGolden = flag.Bool("update-ladder", false, "rewrite the golden files in testdata/ladder/golden")

func TestLadderExportGolden(t *testing.T) {
	tests := []struct{ name, corpusCase string }{
		{"signin-ok", "signin-ok"},
		{"token-fetch-1502", "token-fetch-1502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sources := loadLadderCase(t, tt.corpusCase)
			l := buildSignIn(t, sources, nil, "")
			at := l.Current()
			require.NotNil(t, at)

			mermaid := Mermaid(l.Flow, at)
			svg := SVG(l.Flow, at)
			checkGolden(t, filepath.Join("testdata/ladder/golden", tt.name+".mmd"), mermaid)
			checkGolden(t, filepath.Join("testdata/ladder/golden", tt.name+".svg"), svg)

			assert.True(t, strings.HasPrefix(mermaid, "sequenceDiagram\n"))
			assert.Equal(t, len(at.Steps), strings.Count(svg, `<g id="step-`))
			var doc struct{}
			assert.NoError(t, xml.Unmarshal([]byte(svg), &doc), "the SVG is well-formed XML")
		})
	}
}

func TestMermaidEscapesStatementCharacters(t *testing.T) {
	assert.Equal(t, "GET /user/#60;id#62;/profile#59; #35;1#58; x", mermaidText("GET /user/<id>/profile; #1: x"))
}

func TestMermaidIDAvoidsKeywords(t *testing.T) {
	assert.Equal(t, "as_", mermaidID("as"))
	assert.Equal(t, "oci_client", mermaidID("oci-client"))
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *updateLadderGolden {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test -run LadderExport -update-ladder")
	assert.Equal(t, string(want), got)
}
