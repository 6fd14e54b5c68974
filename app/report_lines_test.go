package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

// parseOne parses text as a source of the named file and returns its
// first entry.
func parseOne(t *testing.T, name, text string) *parsers.Entry {
	t.Helper()
	ws := &Workspace{}
	require.NoError(t, ws.AddData(context.Background(), name, []byte(text), Config{}, nil))
	require.Len(t, ws.Snapshot(), 1)
	src := ws.Snapshot()[0]
	require.NotEmpty(t, src.Entries, "%s: %v", name, src.Problems)
	return &src.Entries[0]
}

func TestKeyLine(t *testing.T) {
	const xsiHeader = "2024.05.02 11:14:17:341 CEST | Info       | Xsi-Actions | http-nio-443-exec-14 | CLIENT_8ac045e6-e3eb-426c-baf6-6a8712eeed35\n\n"
	const xsLogHeader = "2024.01.15 09:02:19:757 EST | Info       | Sip | Call Half Input Adapter 3 | 1106413 | +4555550100 | callhalf-0:0\n\n"
	tests := []struct {
		name, file, text, want string
	}{
		{
			"request line after a label and keys", "XsiActionsLog2024.05.02-00.00.00.txt",
			xsiHeader + "\turlInfo:\n\tWEB_APP_NAME = com.broadsoft.xsi-actions\n" +
				"\tRequest: GET /com.broadsoft.xsi-actions/v2.0/user/alice%40example.com/profile from 203.0.113.9\n" +
				"\tUser-Agent: broadworksTeams-client",
			"Request: GET /com.broadsoft.xsi-actions/v2.0/user/alice%40example.com/profile from 203.0.113.9",
		},
		{
			"response after a bare tracking id", "XsiActionsLog2024.05.02-00.00.00.txt",
			xsiHeader + "\tResponse: HTTP/1.1 200 OK\n\t<Profile/>",
			"Response: HTTP/1.1 200 OK",
		},
		{
			"SIP status line", "XSLog2024.01.15-00.00.00.txt",
			xsLogHeader + "\tudp 137 SIP Bytes OUT to 198.51.100.20:5060\nSIP/2.0 403 Forbidden\r\nCall-ID: 4f2a@198.51.100.7\r\nCSeq: 2 REGISTER\r\n",
			"SIP/2.0 403 Forbidden",
		},
		{
			"SIP request line, not the CSeq", "XSLog2024.01.15-00.00.00.txt",
			xsLogHeader + "\tudp 600 SIP Bytes IN from 198.51.100.20:5060\nREGISTER sip:example.net SIP/2.0\r\nCall-ID: 4f2a@198.51.100.7\r\nCSeq: 2 REGISTER\r\n",
			"REGISTER sip:example.net SIP/2.0",
		},
		{
			"OCI-P error with its summary", "PSLog2024.05.02-00.00.00.txt",
			"2024.05.02 11:14:02:543 CEST | Info       | OCI-P | BCCT Worker #3 | provadmin\n\n\tTO 203.0.113.40:48120\n" +
				"\t<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><BroadsoftDocument protocol=\"OCI\" xmlns=\"C\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
				"<sessionId xmlns=\"\">xsp-prov,1714641242101</sessionId><command type=\"Error\" echo=\"\" xsi:type=\"c:ErrorResponse\" xmlns:c=\"C\" xmlns=\"\">" +
				"<errorCode>18215</errorCode><summary>[Error 18215] Provisioning error with messaging server</summary></command></BroadsoftDocument>",
			"TO 203.0.113.40:48120  ErrorResponse: [Error 18215] Provisioning error with messaging server",
		},
		{
			"long line cut", "XSLog2024.01.15-00.00.00.txt",
			xsLogHeader + "\t" + strings.Repeat("é", 200),
			strings.Repeat("é", maxKeyLineBytes/2) + "…",
		},
		{
			"ISO-8859-1 text decoded", "XSLog2024.01.15-00.00.00.txt",
			xsLogHeader + "\tK\xf8benhavn",
			"København",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, keyLine(parseOne(t, tt.file, tt.text)))
		})
	}
}

func TestReportPrintsEvidenceLines(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/corpus/register-403"}, Config{}, nil)
	require.NoError(t, err)
	r := BuildReport(Analyze(ws, AnalyzeOptions{}))
	require.NotEmpty(t, r.Findings)
	assert.Equal(t, "SIP/2.0 403 Forbidden", r.Findings[0].Text)

	var b bytes.Buffer
	require.NoError(t, r.WriteText(&b))
	out := b.String()
	assert.Contains(t, out, "\n      SIP/2.0 403 Forbidden\n", "a finding's key line is under its place")
	assert.Regexp(t, `XSLog[^\n]*:41  SIP/2.0 403 Forbidden\n`, out, "an evidence line follows its place")

	masked, err := MaskReport(r, NewMasker())
	require.NoError(t, err)
	var mb bytes.Buffer
	require.NoError(t, masked.WriteText(&mb))
	assert.Contains(t, out, "alice.bw%40example.net", "the unmasked report names the user")
	assert.NotContains(t, mb.String(), "alice.bw", "the masked report hides the user in evidence lines")
}

func TestReportNamesPrintedZone(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/corpus/register-403"}, Config{}, nil)
	require.NoError(t, err)
	r := BuildReport(Analyze(ws, AnalyzeOptions{}))

	zones := map[string]string{}
	for _, s := range r.Sources {
		zones[s.Name] = s.Zone
	}
	assert.Equal(t, "EST", zones["server/as1/XSLog2024.01.15-00.00.00.txt"])
	assert.Equal(t, "", zones["server/xsp1/tomcat/access_log.2024.01.15-00.00.00.txt"], "access_log prints an offset, not a zone name")
	assert.Equal(t, "", zones["client/feedback-3091181a.zip/current_log.txt"], "client logs are UTC")

	var b bytes.Buffer
	require.NoError(t, r.WriteText(&b))
	assert.Contains(t, b.String(), "2024-01-15T14:02:19.757Z, printed in EST\n")
}

// The status column fits the longest status name of the language, so the
// step ids line up in Danish too.
func TestLadderTextAlignsStatuses(t *testing.T) {
	l := &LadderReport{Flow: FlowRegistration, Steps: []StepReport{
		{ID: "dms-profile", Status: string(StatusNotSeen)},
		{ID: "sbc-to-as", Status: string(StatusNoLogs), Evidence: []EvidenceRef{{Source: "XSLog.txt", Line: 3}}},
	}}
	for _, language := range []string{"en", "da"} {
		t.Run(language, func(t *testing.T) {
			useLanguage(t, language)
			var b strings.Builder
			writeLadderText(&b, l)
			lines := strings.Split(b.String(), "\n")
			require.GreaterOrEqual(t, len(lines), 4, b.String())

			first, second := strings.Index(lines[1], "dms-profile"), strings.Index(lines[2], "sbc-to-as")
			assert.Equal(t, first, second, "step ids line up:\n%s", b.String())
			assert.Equal(t, first, strings.Index(lines[3], "XSLog.txt:3"), "evidence lines up with the ids:\n%s", b.String())
		})
	}
}

// The report's summary prints the facts of the window's summary, in its
// order, except the ladder's one-line status: the report has the ladder.
func TestReportSummaryMatchesWindow(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/corpus/device-profile-missing"}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	var b strings.Builder
	writeSummaryText(&b, a.Summary.Report())
	out := b.String()

	at := 0
	for _, l := range a.Summary.lines() {
		if l.label == T("Sign-in ladder") {
			continue
		}
		want := "  " + l.label + ": " + l.value + "\n"
		i := strings.Index(out[at:], want)
		require.GreaterOrEqual(t, i, 0, "missing or out of order: %q in\n%s", want, out)
		at += i + len(want)
	}
	assert.Contains(t, out, "Webex user id: 634987c0-72d8-46c8-85ef-1a004e288194")
	assert.Contains(t, out, "Client platform: windows (Windows 10 (x64))")
}

func TestWithDetails(t *testing.T) {
	tests := []struct {
		title   string
		details []string
		want    string
	}{
		{"SIP REGISTER rejected", []string{"SIP 403"}, "SIP REGISTER rejected (SIP 403)"},
		{"BroadWorks token fetch failed (1502)", []string{"HTTP 403"}, "BroadWorks token fetch failed (1502, HTTP 403)"},
		{"Device profile not found", nil, "Device profile not found"},
		{"Two codes", []string{"HTTP 403", "HTTP 401"}, "Two codes (HTTP 403, HTTP 401)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, withDetails(tt.title, tt.details))
		})
	}
}

// Each step of the text ladder names its label after its id, as the
// window's ladder shows it.
func TestLadderTextNamesLabels(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/corpus/token-fetch-1502"}, Config{}, nil)
	require.NoError(t, err)
	r := BuildReport(Analyze(ws, AnalyzeOptions{}))
	require.NotNil(t, r.Ladder)

	var b strings.Builder
	writeLadderText(&b, r.Ladder)
	assert.Contains(t, b.String(), "  failed    jwt-request: BroadWorks token (JWT) request\n")
	for _, s := range r.Ladder.Steps {
		assert.NotEmpty(t, s.Label, s.ID)
	}
}
