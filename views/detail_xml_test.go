package views

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// ociRequestLine reads the OCI-P request that the sign-in case's Xsi log
// writes on its line 16.
func ociRequestLine(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(signinCase + "/server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt")
	require.NoError(t, err)
	line := strings.Split(string(data), "\n")[15]
	require.True(t, strings.HasPrefix(line, "\t<?xml"), "line 16 should be an OCI-P request")
	return line
}

func TestFormatXMLParts(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"OCI-P request from the Xsi log", ociRequestLine(t), strings.Join([]string{
			"\t" + `<?xml version="1.0" encoding="ISO-8859-1"?>`,
			"\t" + `<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
			"\t" + `  <sessionId xmlns="">xsp1.example.net,1714641257341</sessionId>`,
			"\t" + `  <command xsi:type="AuthenticationVerifyRequest22V2" xmlns="">`,
			"\t" + `    <userId>alice@example.com</userId>`,
			"\t" + `    <password>******</password>`,
			"\t" + `  </command>`,
			"\t" + `</BroadsoftDocument>`,
		}, "\n")},
		{"text before the body", "Response: <a><b>1</b><c/></a>", "Response:\n<a>\n  <b>1</b>\n  <c></c>\n</a>"},
		{"escapes kept", `<a x="1 &amp; 2">&lt;tag&gt;</a>`, `<a x="1 &amp; 2">&lt;tag&gt;</a>`},
		{"only the XML line changes", "Sending OCI-P request\n<a><b/></a>", "Sending OCI-P request\n<a>\n  <b></b>\n</a>"},
		{"a redacted value is not XML", "Authorization: Basic <redacted>", "Authorization: Basic <redacted>"},
		{"broken XML stays", "<a><b></a>", "<a><b></a>"},
		{"an element left open stays", "<a><b></b>", "<a><b></b>"},
		{"a comparison is not XML", "if a<b then", "if a<b then"},
		{"no XML", "2024.05.02 09:14:05:240 EST | Info\n\tline two", "2024.05.02 09:14:05:240 EST | Info\n\tline two"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, formatXMLParts(tc.text))
		})
	}
}

func TestDetailFormatXMLToggle(t *testing.T) {
	test.NewTempApp(t)
	m := NewModel(&app.Workspace{}, app.AnalyzeOptions{})
	v := NewDetailView(m)
	NewLoader(m, app.Config{}).LoadPaths([]string{signinCase})
	m.WaitIdle()
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(900, 400))

	xsi := sourceBySuffix(t, m, "XsiActionsLog2024.05.02-00.00.00.txt")
	idx := entryAtLine(xsi, 16)
	require.GreaterOrEqual(t, idx, 0)
	e := &xsi.Entries[idx]
	m.Select(app.EntryRef{Source: xsi, Index: idx})
	plain := v.raw.Text()
	require.Len(t, numberedRows(plain), int(e.Lines))
	assert.False(t, v.formatXML.Checked, "formatting is off by default")

	test.Tap(v.formatXML)
	lines := numberedRows(v.raw.Text())
	assert.Greater(t, len(lines), int(e.Lines), "the OCI-P body takes a line per element")
	assert.True(t, strings.HasPrefix(lines[0], itoa(int(e.Line))+"  "), "the first line keeps its number")
	assert.Contains(t, v.raw.Text(), "        <userId>alice@example.com</userId>", "elements are indented by nesting")
	assert.Equal(t, parsers.Text(e.Raw), v.RawText(), "the copied raw text stays as logged")

	test.Tap(v.formatXML)
	assert.Equal(t, plain, v.raw.Text(), "turning it off shows the entry as logged")
}
