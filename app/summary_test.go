package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// summaryCorpusDir holds copies of the field-like cases: each a client/ and
// server/ folder and the expected.json a complete viewer must match.
const summaryCorpusDir = "testdata/summary/corpus"

// summaryExpected is the part of a case's expected.json these tests check.
type summaryExpected struct {
	Findings []string                   `json:"findings"`
	Summary  map[string]json.RawMessage `json:"summary"`
}

func summaryCases(t *testing.T) []string {
	t.Helper()
	dirs, err := os.ReadDir(summaryCorpusDir)
	require.NoError(t, err)
	var cases []string
	for _, d := range dirs {
		if d.IsDir() {
			cases = append(cases, d.Name())
		}
	}
	require.Len(t, cases, 6, "the corpus copy should hold six cases")
	return cases
}

// loadCase loads a case's logs the way an engineer opens them: the client
// and server folders, without expected.json.
func loadSummaryCase(t *testing.T, name string) *Workspace {
	t.Helper()
	var paths []string
	for _, sub := range []string{"client", "server"} {
		p := filepath.Join(summaryCorpusDir, name, sub)
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		}
	}
	ws, err := Load(context.Background(), paths, Config{Workers: 2}, nil)
	require.NoError(t, err)
	return ws
}

func readSummaryExpected(t *testing.T, name string) summaryExpected {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(summaryCorpusDir, name, "expected.json"))
	require.NoError(t, err)
	var exp summaryExpected
	require.NoError(t, json.Unmarshal(data, &exp))
	return exp
}

// caseFindings builds one finding per signature the case expects, on the
// first entry that shows it, so the summary's window and fix texts can be
// checked without depending on the signature catalogue.
var summaryCaseEvidence = map[string]string{
	"bwc-config-parse-failed":    "errorCode=1507",
	"bwc-device-profile-missing": "<AccessDevices",
	"sip-register-rejected":      "SIP/2.0 403 Forbidden",
	"bwc-token-fetch-failed":     "errorCode=1502",
	"imp-provisioning-error":     "[Error 18215] Provisioning error with messaging server: HTTP 409",
	"provisioning-user-exists":   "409 Conflict",
}

func summaryCaseFindings(t *testing.T, ws *Workspace, ids []string) []Finding {
	t.Helper()
	var findings []Finding
	for _, id := range ids {
		needle, ok := summaryCaseEvidence[id]
		require.True(t, ok, "no evidence text for signature %s", id)
		var found bool
		for _, src := range ws.Snapshot() {
			for i := range src.Entries {
				if !found && strings.Contains(src.Entries[i].Raw, needle) {
					findings = append(findings, Finding{
						Signature: &Signature{
							ID:       id,
							Severity: "error",
							Title:    Localized{En: "Problem " + id, Da: "Problem " + id},
							Meaning:  Localized{En: "Meaning of " + id},
							Fix:      Localized{En: "Fix for " + id, Da: "Ret " + id},
						},
						EntryRef: EntryRef{Source: src, Index: i},
					})
					found = true
				}
			}
		}
		require.True(t, found, "no entry shows %q for %s", needle, id)
	}
	return findings
}

// analyzeCase analyses a case with the findings its expected.json names.
func analyzeSummaryCase(t *testing.T, name string) *Analysis {
	t.Helper()
	ws := loadSummaryCase(t, name)
	a := Analyze(ws, AnalyzeOptions{})
	a.Findings = summaryCaseFindings(t, ws, readSummaryExpected(t, name).Findings)
	a.Summary = BuildSummary(a)
	return a
}

func TestSummaryMatchesExpected(t *testing.T) {
	for _, name := range summaryCases(t) {
		t.Run(name, func(t *testing.T) {
			ws := loadSummaryCase(t, name)
			a := Analyze(ws, AnalyzeOptions{})
			require.NotNil(t, a.Summary)
			got, err := json.Marshal(a.Summary.Report())
			require.NoError(t, err)
			var gotMap map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(got, &gotMap))

			exp := readSummaryExpected(t, name)
			for key, want := range exp.Summary {
				assert.JSONEq(t, string(want), string(gotMap[key]), "summary field %s", key)
			}
			// The cases' expected.json leaves out facts that the window's
			// summary shows too: the Webex user's UUID, the operating
			// system as the client printed it, and the feedback id.
			shownInWindow := map[string]bool{"window": true, "webex_user_id": true, "platform_detail": true, "feedback_ids": true}
			for key := range gotMap {
				if shownInWindow[key] {
					continue
				}
				_, ok := exp.Summary[key]
				assert.True(t, ok, "summary field %s is not in expected.json: a guessed fact?", key)
			}
		})
	}
}

// With only the client logs loaded, the email comes from the sign-in
// ladder's email-entered step, and the facts only a server log names stay
// empty.
func TestSummaryOfClientLogsAlone(t *testing.T) {
	tests := []struct {
		name   string
		email  string
		bwUser string
	}{
		{"device-profile-missing", "alice@example.com", "alice.bw@example.net"},
		{"token-fetch-1502", "alice@example.com", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zips, err := filepath.Glob(filepath.Join("testdata/corpus", tt.name, "client", "*.zip"))
			require.NoError(t, err)
			require.Len(t, zips, 1)
			ws, err := Load(context.Background(), zips, Config{}, nil)
			require.NoError(t, err)
			s := Analyze(ws, AnalyzeOptions{}).Summary
			require.NotNil(t, s)

			assert.Equal(t, tt.email, s.Email)
			assert.Equal(t, tt.bwUser, s.BWUser)
		})
	}
}

func TestSummaryWindowFromFindings(t *testing.T) {
	for _, name := range summaryCases(t) {
		t.Run(name, func(t *testing.T) {
			a := analyzeSummaryCase(t, name)
			r := a.Summary.Report()
			if len(a.Findings) == 0 {
				assert.Nil(t, r.Window)
				return
			}
			var times []int64
			for _, f := range a.Findings {
				times = append(times, f.Time())
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			require.NotNil(t, r.Window)
			assert.Equal(t, FormatTime(times[0]), r.Window.First)
			assert.Equal(t, FormatTime(times[len(times)-1]), r.Window.Last)
		})
	}
}

func TestSummaryFeedbackAndUserID(t *testing.T) {
	tests := []struct {
		name       string
		feedback   []string
		webexID    string
		platformOS string
	}{
		{"signin-ok", []string{"a4adde9a"}, "d6f35b57-9599-4080-995f-d56fd4d62ace", "Windows 10 (x64)"},
		{"config-parse-1507", []string{"b8223496"}, "2d0a5426-e2be-4ebb-bcab-967750b70b4a", "macOS 14.4 (arm64)"},
		{"provisioning-409", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Analyze(loadSummaryCase(t, tt.name), AnalyzeOptions{}).Summary
			assert.Equal(t, tt.feedback, s.FeedbackIDs)
			assert.Equal(t, tt.webexID, s.WebexUserID)
			assert.Equal(t, tt.platformOS, s.PlatformDetail)
		})
	}
}

func TestSummaryTextAndMarkdown(t *testing.T) {
	a := analyzeSummaryCase(t, "config-parse-1507")
	a.Summary.Ladder = "dms-config failed"

	text := a.Summary.Text("en", nil)
	for _, want := range []string{
		"Webex user: alice@example.com",
		"BroadWorks user id: alice.bw@example.net",
		"Org id: aca6d2c9-7a5b-4416-84e0-d37976fc99d8",
		"Client platform: macos (macOS 14.4 (arm64))",
		"Client version: 44.5.0.29672",
		"Tracking ids: CLIENT_305c21fb-4537-49d3-bd48-9ba441ec12e8",
		"Feedback id: b8223496",
		"Sign-in ladder: dms-config failed",
		"Problem window: 2024-05-02T09:14:21.485Z .. 2024-05-02T09:14:21.485Z",
		"Fix: Fix for bwc-config-parse-failed",
	} {
		assert.Contains(t, text, want)
	}

	danish := a.Summary.Text("da", nil)
	assert.Contains(t, danish, "Ret bwc-config-parse-failed")

	md := a.Summary.Markdown("en", nil)
	assert.Contains(t, md, "| BroadWorks user id | alice.bw@example.net |")
	assert.Contains(t, md, `CLIENT\_305c21fb`)
	assert.Contains(t, md, "Fix: Fix for bwc-config-parse-failed")

	masked := a.Summary.Text("en", NewWorkspaceMasker(a))
	assert.NotContains(t, masked, "alice")
	assert.Contains(t, masked, "Webex user: user-1@…")
	assert.Contains(t, masked, "CLIENT_305c21fb-4537-49d3-bd48-9ba441ec12e8", "tracking ids stay readable")
}

func TestSummaryEmptyWorkspace(t *testing.T) {
	a := Analyze(&Workspace{}, AnalyzeOptions{})
	r := a.Summary.Report()
	assert.Equal(t, &SummaryReport{}, r)
	assert.Contains(t, a.Summary.Text("en", nil), "No readable log was found", "an empty workspace is not a case without problems")
}

func TestSummaryVerdictNamesUnreadSources(t *testing.T) {
	ws := &Workspace{}
	require.NoError(t, ws.Add(context.Background(), []string{filepath.Join(t.TempDir(), "missing.zip")}, Config{}, nil))
	a := Analyze(ws, AnalyzeOptions{})
	text := a.Summary.Text("en", nil)
	assert.Contains(t, text, "could not be read")
	assert.Contains(t, text, "missing.zip")
	assert.NotContains(t, text, "No known problem found.")
	assert.Contains(t, a.Summary.Markdown("en", nil), "missing.zip")
}

func TestNormalizePlatform(t *testing.T) {
	tests := map[string]string{
		"Windows 10 (x64)":   "windows",
		"macOS 14.4 (arm64)": "macos",
		"Mac OS X 10.15":     "macos",
		"Android 14":         "android",
		"iOS 17.4":           "ios",
		"iPadOS 17":          "ios",
		"Ubuntu 22.04 (x64)": "linux",
		"Linux":              "linux",
		"Solaris 11 (sparc)": "",
		"":                   "",
	}
	for in, want := range tests {
		assert.Equal(t, want, normalizePlatform(in), in)
	}
}

// TestSummaryTrackingIDsOfClientUser loads a client log with an XsiActionsLog
// that another user's sign-in shares: only the client user's ids count.
func TestSummaryTrackingIDsOfClientUser(t *testing.T) {
	const dir = "testdata/summary/shared-xsp"
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"client and shared server log", []string{dir + "/client", dir + "/server"},
			[]string{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"}},
		{"server log alone", []string{dir + "/server"},
			[]string{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"}},
		{"client log alone", []string{dir + "/client"},
			[]string{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, err := Load(context.Background(), tt.paths, Config{Workers: 2}, nil)
			require.NoError(t, err)
			s := Analyze(ws, AnalyzeOptions{}).Summary
			assert.Equal(t, tt.want, s.TrackingIDs)
		})
	}
}

func TestCollectTrackingIDs(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{"header value", "trackingid: CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355",
			[]string{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"}},
		{"suffix dropped", "id=WEBEX_e50219cc-9a73-8e7a-6321-5a1540cc51f8_12 done",
			[]string{"WEBEX_e50219cc-9a73-8e7a-6321-5a1540cc51f8"}},
		{"two ids", "A_B CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355,MOBILE_e50219cc-9a73-8e7a-6321-5a1540cc51f8",
			[]string{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355", "MOBILE_e50219cc-9a73-8e7a-6321-5a1540cc51f8"}},
		{"prefix inside a word", "xCLIENT_3396b39e-e79c-47bf-96c5-54ff85430355", nil},
		{"prefix too short", "C_3396b39e-e79c-47bf-96c5-54ff85430355", nil},
		{"prefix too long", "ABCDEFGHIJKLMNOPQ_3396b39e-e79c-47bf-96c5-54ff85430355", nil},
		{"not a uuid", "CLIENT_3396b39e-e79c-47bf-96c5-54ff8543035x", nil},
		{"cut short", "CLIENT_3396b39e-e79c", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen := map[string]int64{}
			collectTrackingIDs(tt.raw, 5, seen)
			assert.Equal(t, tt.want, sortedByTime(seen))
		})
	}
}
