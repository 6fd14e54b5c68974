package app

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

// loadFixture loads a folder under testdata/signatures as a workspace.
func loadFixture(t *testing.T, name string) *Workspace {
	t.Helper()
	ws, err := Load(context.Background(), []string{filepath.Join("testdata", "signatures", name)}, Config{}, nil)
	require.NoError(t, err)
	for _, src := range ws.Snapshot() {
		require.NotContains(t, []string{"", "text", "binary"}, src.Format, "%s was not recognised", src.Name)
	}
	return ws
}

// findingIDs lists "signature@source:line" for each finding.
func findingIDs(findings []Finding) []string {
	var out []string
	for _, f := range findings {
		out = append(out, f.Signature.ID+"@"+filepath.Base(f.Source.Name)+":"+itoa(int(f.Entry().Line)))
	}
	return out
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestScanMultiEntrySignatures(t *testing.T) {
	cases := []struct {
		fixture string
		want    []string
		related []int // lines of the related entries of the first finding
	}{
		// A 401 challenge followed by a new REGISTER that gets 200 is
		// how every digest registration starts.
		{fixture: "register-challenge-ok"},
		{fixture: "register-rejected", want: []string{"sip-register-rejected@current_log.txt:32"}, related: []int{20}},
		// A challenge the client never follows up is the final response.
		{fixture: "register-lone-401", want: []string{"sip-register-rejected@current_log.txt:12"}, related: []int{1}},
		// DMS challenges with 401 for digest credentials, then sends 200.
		{fixture: "dms-digest-ok"},
		{fixture: "provisioning-ip-403", want: []string{
			"provisioning-target-is-ip@PSLog2024.05.02-00.00.00.txt:17",
			"imp-provisioning-error@PSLog2024.05.02-00.00.00.txt:21",
			"imp-provisioning-error@PSLog2024.05.02-00.00.00.txt:25",
		}, related: []int{10}},
		{fixture: "provisioning-host-403", want: []string{
			"imp-provisioning-error@PSLog2024.05.02-00.00.00.txt:21",
			"imp-provisioning-error@PSLog2024.05.02-00.00.00.txt:25",
		}},
		{fixture: "bearer-rejected", want: []string{"authservice-token-rejected@XsiActionsLog2024.05.02-00.00.00.txt:65"}, related: []int{48, 26}},
		// Xsi responded 401 but the authentication service validated
		// the token, and the signature needs both.
		{fixture: "bearer-auth-ok"},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			ws := loadFixture(t, tc.fixture)
			findings := Scan(ws.Snapshot(), nil)
			assert.Equal(t, tc.want, findingIDs(findings))
			if len(tc.related) == 0 || len(findings) == 0 {
				return
			}
			var lines []int
			for _, r := range findings[0].Related {
				lines = append(lines, int(r.Entry().Line))
			}
			assert.Equal(t, tc.related, lines)
		})
	}
}

func TestScanKeepsNamedGroups(t *testing.T) {
	ws := loadFixture(t, "register-rejected")
	findings := Scan(ws.Snapshot(), nil)
	require.Len(t, findings, 1)
	assert.Equal(t, "403", findings[0].Groups["sip_status"])
	assert.Equal(t, "sip:example.net", findings[0].Groups["request_uri"])

	ws = loadFixture(t, "provisioning-ip-403")
	findings = Scan(ws.Snapshot(), nil)
	require.NotEmpty(t, findings)
	assert.Equal(t, "198.51.100.77", findings[0].Groups["target"])
	assert.Equal(t, "403", findings[0].Groups["http_status"])
}

func TestScanUsesGivenCatalogue(t *testing.T) {
	ws := loadFixture(t, "register-rejected")
	user, errs := LoadCatalogue(filepath.Join("testdata", "catalogue", "good.json"))
	require.Empty(t, errs)

	assert.Empty(t, Scan(ws.Snapshot(), user), "good.json looks for 408 only")
	assert.Empty(t, Scan(ws.Snapshot(), &Catalogue{}))
	assert.Empty(t, Scan(nil, nil))
}

func TestScanRespectsFormats(t *testing.T) {
	// The same text in a format the signature does not read raises nothing.
	item := parsers.Item{Name: "notes.txt", Data: []byte("User activation portal returned error 200010\n")}
	src := parsers.Open(item, parsers.Options{})
	require.Equal(t, "text", src.Format)
	assert.Empty(t, Scan([]*parsers.Source{src}, nil))
}

func TestScanCorrectsSkew(t *testing.T) {
	ws := loadFixture(t, "register-rejected")
	src := ws.Snapshot()[0]
	plain := Scan(ws.Snapshot(), nil)
	require.Len(t, plain, 1)
	plainTime := plain[0].Time()

	src.Skew = 2 * time.Second
	skewed := Scan(ws.Snapshot(), nil)
	require.Len(t, skewed, 1)
	assert.Equal(t, plainTime-int64(2*time.Second), skewed[0].Time())
}

func TestGroupFindings(t *testing.T) {
	ws, err := Load(context.Background(), []string{
		filepath.Join("testdata", "signatures", "provisioning-ip-403"),
		filepath.Join("testdata", "signatures", "register-rejected"),
	}, Config{}, nil)
	require.NoError(t, err)
	findings := Scan(ws.Snapshot(), nil)
	require.Len(t, findings, 4)

	groups := GroupFindings(findings)
	require.Len(t, groups, 3)
	var ids []string
	for _, g := range groups {
		ids = append(ids, g.Signature.ID)
	}
	// All are errors, so the groups are in order of their first finding.
	assert.Equal(t, []string{"provisioning-target-is-ip", "imp-provisioning-error", "sip-register-rejected"}, ids)

	imp := groups[1]
	assert.Equal(t, 2, imp.Count())
	assert.Equal(t, imp.Findings[0].Time(), imp.First)
	assert.Equal(t, imp.Findings[1].Time(), imp.Last)
	assert.Less(t, imp.First, imp.Last)
}

func TestGroupFindingsSeverityFirst(t *testing.T) {
	info := &Signature{ID: "a-info", Severity: SeverityInfo}
	warning := &Signature{ID: "b-warning", Severity: SeverityWarning}
	src := &parsers.Source{Name: "s", Entries: []parsers.Entry{{Time: 1}, {Time: 2}}}
	groups := GroupFindings([]Finding{
		{Signature: info, EntryRef: EntryRef{Source: src, Index: 0}},
		{Signature: warning, EntryRef: EntryRef{Source: src, Index: 1}},
	})
	require.Len(t, groups, 2)
	assert.Equal(t, "b-warning", groups[0].Signature.ID)
	assert.Equal(t, "a-info", groups[1].Signature.ID)
}

func TestReportListsFindingsFirst(t *testing.T) {
	ws := loadFixture(t, "register-rejected")
	report := BuildReport(Analyze(ws, AnalyzeOptions{}))
	require.Len(t, report.Findings, 1)
	f := report.Findings[0]
	assert.Equal(t, FindingReport{
		Signature: "sip-register-rejected",
		Severity:  "error",
		Source:    "bwc/current_log.txt",
		Line:      32,
		Time:      "2024-05-02T09:14:21.892Z",
		Title:     "SIP REGISTER rejected",
		Text:      "SIP/2.0 403 Forbidden",
		Detail:    "SIP 403",
		Meaning:   f.Meaning,
		Fix:       f.Fix,
	}, f)
	assert.NotEmpty(t, f.Meaning)
	assert.NotEmpty(t, f.Fix)

	var text bytes.Buffer
	require.NoError(t, report.WriteText(&text))
	out := text.String()
	findingsAt := strings.Index(out, "sip-register-rejected")
	sourcesAt := strings.Index(out, "bwc/current_log.txt\n")
	require.GreaterOrEqual(t, findingsAt, 0, out)
	require.GreaterOrEqual(t, sourcesAt, 0, out)
	assert.Less(t, findingsAt, sourcesAt, "findings come before sources:\n%s", out)
	assert.Contains(t, out, "bwc/current_log.txt:32")
	assert.Contains(t, out, f.Fix)
	assert.Contains(t, out, "SIP REGISTER rejected (SIP 403)")

	var js bytes.Buffer
	require.NoError(t, report.WriteJSON(&js))
	var decoded struct {
		Findings []map[string]any `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(js.Bytes(), &decoded))
	require.Len(t, decoded.Findings, 1)
	keys := []string{}
	for k := range decoded.Findings[0] {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"signature", "severity", "source", "line", "time", "title", "text", "detail", "meaning", "fix"}, keys)
}
