package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

func oneFinding() FindingReport {
	return FindingReport{
		Signature: "sip-register-rejected", Severity: "error", Source: "client/current_log.txt", Line: 48,
		Time: "2024-01-15T14:02:19.791Z", Title: "SIP REGISTER rejected",
	}
}

func textOf(t *testing.T, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, r.WriteText(&b))
	return b.String()
}

const noKnownLog = "None of the loaded files is a known Webex or BroadWorks log, so nothing could be checked."

func TestReportVerdict(t *testing.T) {
	logSource := SourceReport{Name: "current_log.txt", Format: "webex-desktop", Entries: 12}
	letter := SourceReport{Name: "letter.txt", Format: "text", Entries: 3}
	tests := []struct {
		name     string
		language string
		sources  []SourceReport
		findings []FindingReport
		want     string
		complete bool
	}{
		{"clean case", "en", []SourceReport{logSource}, nil, "No known problem found.", true},
		{"clean case in Danish", "da", []SourceReport{logSource}, nil, "Intet kendt problem fundet.", true},
		{"findings speak", "en", []SourceReport{logSource}, []FindingReport{oneFinding()}, "", true},
		{"binary only", "en", []SourceReport{{Name: "random.bin", Format: "binary"}}, nil,
			"No readable log was found: every source is binary, empty or could not be read.", false},
		{"empty file only", "da", []SourceReport{{Name: "empty.log", Format: "text"}}, nil,
			"Der blev ikke fundet nogen læsbar log: alle kilder er binære, tomme eller kunne ikke læses.", false},
		{"one source unread", "en", []SourceReport{logSource, {Name: "/tmp/nope.zip"}}, nil,
			"1 source could not be read: /tmp/nope.zip. The findings cover only the sources that were read.", false},
		{"two sources unread beside findings", "da", []SourceReport{logSource, {Name: "a.zip"}, {Name: "b.zip"}}, []FindingReport{oneFinding()},
			"2 kilder kunne ikke læses: a.zip, b.zip. Fundene dækker kun de kilder, der blev læst.", false},
		{"source cut short", "en", []SourceReport{{Name: "bundle.zip/current_log.txt", Format: "webex-desktop", Entries: 16,
			Problems: []string{"zip entry is damaged or cut short"}}}, nil,
			"1 source was read with problems (listed under Sources): bundle.zip/current_log.txt. The findings may miss what those problems hid.", false},
		{"sources cut short beside findings in Danish", "da", []SourceReport{logSource,
			{Name: "a.log", Format: "text", Entries: 1, Problems: []string{"x"}}, {Name: "b.log", Format: "text", Entries: 1, Problems: []string{"y"}}},
			[]FindingReport{oneFinding()},
			"2 kilder blev læst med problemer (se Kilder): a.log, b.log. Fundene kan mangle det, problemerne skjulte.", false},
		{"plain text only", "en", []SourceReport{letter}, nil, noKnownLog, false},
		{"plain text only in Danish", "da", []SourceReport{letter}, nil,
			"Ingen af de indlæste filer er en kendt Webex- eller BroadWorks-log, så intet kunne kontrolleres.", false},
		{"plain text and binary", "en", []SourceReport{letter, {Name: "ced.dat", Format: "binary"}}, nil, noKnownLog, false},
		{"plain text with problems", "en", []SourceReport{{Name: "a.log", Format: "text", Entries: 1, Problems: []string{"x"}}}, nil,
			noKnownLog, false},
		{"plain text beside a known log", "en", []SourceReport{logSource, letter}, nil, "No known problem found.", true},
		{"plain text with a user finding", "en", []SourceReport{letter}, []FindingReport{oneFinding()}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			useLanguage(t, tc.language)
			r := &Report{Sources: tc.sources, Findings: tc.findings}
			text, complete := r.Verdict()
			assert.Equal(t, tc.want, text)
			assert.Equal(t, tc.complete, complete)
			if tc.want != "" {
				assert.Contains(t, textOf(t, r), "\n  "+tc.want+"\n", "the text report prints the verdict under the findings")
			}
		})
	}
}

func TestVerdictOfWorkspace(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/corpus/signin-ok", filepath.Join(t.TempDir(), "nope.zip")}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	require.Empty(t, a.Findings, "the sign-in case has no finding")

	text, complete := Verdict(ws.Snapshot(), len(a.Findings))
	assert.Contains(t, text, "1 source could not be read: ")
	assert.False(t, complete)
	reportText, reportComplete := BuildReport(a).Verdict()
	assert.Equal(t, text, reportText)
	assert.Equal(t, complete, reportComplete)

	read := slices.DeleteFunc(ws.Snapshot(), func(s *parsers.Source) bool { return s.Format == "" })
	text, complete = Verdict(read, 0)
	assert.Equal(t, "No known problem found.", text, "without the missing path the case is clean")
	assert.True(t, complete)
}

func TestVerdictOfPlainLetter(t *testing.T) {
	letter := filepath.Join(t.TempDir(), "letter.txt")
	require.NoError(t, os.WriteFile(letter, []byte("Dear support,\nwxlog is new to me.\nKind regards\n"), 0o644))
	ws, err := Load(context.Background(), []string{letter}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})

	text, complete := Verdict(ws.Snapshot(), len(a.Findings))
	assert.Equal(t, noKnownLog, text)
	assert.False(t, complete)
	reportText, reportComplete := BuildReport(a).Verdict()
	assert.Equal(t, text, reportText)
	assert.Equal(t, complete, reportComplete)
}

func TestReadable(t *testing.T) {
	tests := []struct {
		name   string
		source SourceReport
		want   bool
	}{
		{"log with entries", SourceReport{Format: "webex-desktop", Entries: 3}, true},
		{"plain text", SourceReport{Format: "text", Entries: 1}, true},
		{"empty text", SourceReport{Format: "text"}, false},
		{"binary", SourceReport{Format: "binary"}, false},
		{"not read", SourceReport{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, (&Report{Sources: []SourceReport{tc.source}}).Readable())
		})
	}
}

func TestReportTextPlurals(t *testing.T) {
	r := &Report{
		Sources:  []SourceReport{{Name: "server/dmsDebugLog.txt", Format: "bw-dms", Entries: 1}},
		Findings: []FindingReport{oneFinding()},
		Skews:    []SkewReport{{Source: "server/dmsDebugLog.txt", SkewMS: 12, Samples: 1}},
	}
	tests := []struct {
		language string
		want     []string
	}{
		{"en", []string{"Findings (1 signature, 1 occurrence)", "bw-dms, 1 entry", "12 ms from 1 request and response pair\n"}},
		{"da", []string{"Fund (1 signatur, 1 forekomst)", "bw-dms, 1 post", "12 ms ud fra 1 par af anmodning og svar\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.language, func(t *testing.T) {
			useLanguage(t, tc.language)
			out := textOf(t, r)
			for _, w := range tc.want {
				assert.Contains(t, out, w)
			}
		})
	}
}

func TestReportTextSeverityInLanguage(t *testing.T) {
	tests := []struct {
		language string
		want     string
	}{
		{"en", "  error    sip-register-rejected: SIP REGISTER rejected\n"},
		{"da", "  fejl     sip-register-rejected: SIP REGISTER rejected\n"},
	}
	for _, tc := range tests {
		t.Run(tc.language, func(t *testing.T) {
			useLanguage(t, tc.language)
			r := &Report{Findings: []FindingReport{oneFinding()}}
			assert.Contains(t, textOf(t, r), tc.want)

			var b bytes.Buffer
			require.NoError(t, r.WriteJSON(&b))
			assert.Contains(t, b.String(), `"severity": "error"`, "the JSON keeps the English severity")
			assert.Equal(t, "error", r.Findings[0].Severity, "writing the text leaves the report as it was")
		})
	}
}

func TestReportProblemsWithoutPackageName(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty.log"), nil, 0o644))
	ws, err := Load(context.Background(), []string{filepath.Join(dir, "empty.log")}, Config{}, nil)
	require.NoError(t, err)
	r := BuildReport(Analyze(ws, AnalyzeOptions{}))

	var b bytes.Buffer
	require.NoError(t, r.WriteJSON(&b))
	var decoded struct {
		Sources []struct {
			Problems []string `json:"problems"`
		} `json:"sources"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &decoded))
	require.Len(t, decoded.Sources, 1)
	assert.Equal(t, []string{"empty.log: empty file"}, decoded.Sources[0].Problems)

	tests := []struct {
		language string
		want     string
	}{
		{"en", "    problem: empty.log: empty file\n"},
		{"da", "    problem: empty.log: tom fil\n"},
	}
	for _, tc := range tests {
		t.Run(tc.language, func(t *testing.T) {
			useLanguage(t, tc.language)
			out := textOf(t, r)
			assert.Contains(t, out, tc.want)
			assert.NotContains(t, out, "parsers")
		})
	}
	assert.False(t, strings.Contains(b.String(), "parsers:"), "the JSON has no package name either")
}
