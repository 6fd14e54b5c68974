package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func twoRejections() *Report {
	finding := func(source string, line int, time string) FindingReport {
		return FindingReport{
			Signature: "sip-register-rejected", Severity: "error", Source: source, Line: line, Time: time,
			Title: "SIP REGISTER rejected", Detail: "SIP 403",
			Meaning: "The final answer to a SIP REGISTER was not 2xx.",
			Fix:     "Compare the REGISTER with the device profile of alice@example.com.",
		}
	}
	return &Report{
		Sources: []SourceReport{},
		Findings: []FindingReport{
			finding("server/as1/XSLog.txt", 41, "2024-01-15T14:02:19.757Z"),
			finding("client/current_log.txt", 48, "2024-01-15T14:02:19.791Z"),
		},
	}
}

func TestReportTextGroupsFindings(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, twoRejections().WriteText(&b))
	out := b.String()

	assert.Equal(t, 1, strings.Count(out, "sip-register-rejected: SIP REGISTER rejected (SIP 403)"), out)
	assert.Contains(t, out, "2 times, 2024-01-15T14:02:19.757Z .. 2024-01-15T14:02:19.791Z")
	assert.Contains(t, out, "server/as1/XSLog.txt:41")
	assert.Contains(t, out, "client/current_log.txt:48")
	assert.Equal(t, 1, strings.Count(out, "fix: "), "the fix is printed once per signature")
	assert.Equal(t, 1, strings.Count(out, "cause: "), "the cause is printed once per signature")
}

func TestMaskReportKeepsCauseAndFix(t *testing.T) {
	masked, err := MaskReport(twoRejections(), NewMasker())
	require.NoError(t, err)
	require.Len(t, masked.Findings, 2)

	f := masked.Findings[0]
	assert.Equal(t, "SIP 403", f.Detail)
	assert.Equal(t, "The final answer to a SIP REGISTER was not 2xx.", f.Meaning)
	assert.Contains(t, f.Fix, "Compare the REGISTER with the device profile of")
	assert.NotContains(t, f.Fix, "alice@example.com", "the fix is masked like the rest")
}

func TestReportTextShowsOtherFlows(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/corpus/provisioning-409"}, Config{}, nil)
	require.NoError(t, err)
	r := BuildReport(Analyze(ws, AnalyzeOptions{}))

	assert.Nil(t, r.Ladder, "a provisioning case has no sign-in ladder")
	require.Len(t, r.Flows, 1)
	assert.Equal(t, FlowProvisioning, r.Flows[0].Flow)

	var b bytes.Buffer
	require.NoError(t, r.WriteText(&b))
	out := b.String()
	assert.Contains(t, out, "Sign-in ladder: the loaded logs show no sign-in")
	assert.Contains(t, out, "Provisioning (no tracking id)")
	assert.Contains(t, out, "failed    bridge-response")
}

func TestReportListsSkewEstimates(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/corpus/register-403"}, Config{}, nil)
	require.NoError(t, err)
	r := BuildReport(Analyze(ws, AnalyzeOptions{}))

	require.NotEmpty(t, r.Skews, "the server logs pair with the client log")
	for _, s := range r.Skews {
		assert.True(t, strings.HasPrefix(s.Source, "server/"), s.Source)
		assert.Greater(t, s.Samples, 0, s.Source)
		assert.InDelta(t, 0, s.SkewMS, 100, "%s: the corpus servers run on the client's clock", s.Source)
		assert.True(t, s.WithinNoise, "%s: a skew of 0 fits the corpus pairs", s.Source)
	}

	var b bytes.Buffer
	require.NoError(t, r.WriteText(&b))
	assert.Contains(t, b.String(), "Clock skew estimates (apply with --skew)")
	assert.Contains(t, b.String(), "(within the measurement noise: leave it at 0)")
}
