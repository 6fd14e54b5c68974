package assets_test

import (
	"archive/zip"
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
	"github.com/wxlog/wxlog/parsers"
)

const demoTrackingID = "CLIENT_309d6b79-965e-4a32-9ae4-45508201e2bd"

// loadDemo loads the embedded demo case the way the window does.
func loadDemo(t *testing.T) *app.Workspace {
	t.Helper()
	name, data, err := assets.DemoZip()
	require.NoError(t, err)
	require.Equal(t, assets.DemoName, name)

	ws := &app.Workspace{}
	require.NoError(t, ws.AddData(context.Background(), name, data, app.Config{}, nil))
	return ws
}

func TestDemoSourcesFormats(t *testing.T) {
	ws := loadDemo(t)
	client := "wxlog-demo.zip/wxlog-demo/client/feedback-2f45e678.zip/"
	server := "wxlog-demo.zip/wxlog-demo/server/"
	want := []struct {
		name    string
		format  string
		entries int
	}{
		{client + "bwc/current_log.txt", "webex-bwc", 6},
		{client + "ced.dat", "binary", 0},
		{client + "current_log.txt", "webex-desktop", 19},
		{client + "media/wme_1.log", "webex-media", 38},
		{server + "as1/PSLog2025.02.11-00.00.00.txt", "bw-pslog", 6},
		{server + "as1/XSLog2025.02.11-00.00.00.txt", "bw-xslog", 4},
		{server + "xsp1/AuthenticationService2025.02.11-00.00.00.txt", "bw-auth-service", 4},
		{server + "xsp1/XsiActionsLog2025.02.11-00.00.00.txt", "bw-xsi-actions", 8},
		{server + "xsp1/dmsDebugLog2025.02.11-00.00.00.txt", "bw-dms", 1},
		{server + "xsp1/tomcat/access_log.2025.02.11-00.00.00.txt", "access-log", 2},
		{server + "xsp2/AuthenticationService2025.02.11-00.00.00.txt", "bw-auth-service", 6},
		{server + "xsp2/XsiActionsLog2025.02.11-00.00.00.txt", "bw-xsi-actions", 6},
		{server + "xsp2/tomcat/access_log.2025.02.11-00.00.00.txt", "access-log", 2},
	}

	sources := ws.Snapshot()
	require.Len(t, sources, len(want))
	for i, w := range want {
		t.Run(w.name, func(t *testing.T) {
			src := sources[i]
			assert.Equal(t, w.name, src.Name)
			assert.Equal(t, w.format, src.Format)
			assert.Len(t, src.Entries, w.entries)
			assert.Empty(t, src.Problems)
		})
	}
}

// The server prints Copenhagen winter time (CET, +01:00) and the client
// UTC; the first device list request must line up across the two.
func TestDemoServerTimesCET(t *testing.T) {
	ws := loadDemo(t)
	xsp2 := ws.SourceByName("wxlog-demo.zip/wxlog-demo/server/xsp2/XsiActionsLog2025.02.11-00.00.00.txt")
	require.NotNil(t, xsp2)
	require.NotEmpty(t, xsp2.Entries)

	first := time.Unix(0, xsp2.Entries[0].Time).UTC()
	assert.Equal(t, time.Date(2025, 2, 11, 7, 41, 24, 938e6, time.UTC), first)
}

// The failure must be visible in the parsed fields: the device list
// request on xsp2 got 401, and so did the loopback token check.
func TestDemoDeviceListFailure(t *testing.T) {
	ws := loadDemo(t)
	server := "wxlog-demo.zip/wxlog-demo/server/"
	tests := []struct {
		source string
		path   string
		status int
		count  int
	}{
		{"xsp2/tomcat/access_log.2025.02.11-00.00.00.txt", "/com.broadsoft.xsi-actions/v2.0/user/sofie.bw%40example.net/profile/device", 401, 2},
		{"xsp1/tomcat/access_log.2025.02.11-00.00.00.txt", "/authService/token?key=<redacted>", 200, 1},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			src := ws.SourceByName(server + tc.source)
			require.NotNil(t, src)
			n := 0
			for _, e := range src.Entries {
				if e.Fields != nil && e.HTTPPath() == tc.path && int(e.Fields.HTTPStatus) == tc.status {
					n++
				}
			}
			assert.Equal(t, tc.count, n)
		})
	}

	auth := ws.SourceByName(server + "xsp2/AuthenticationService2025.02.11-00.00.00.txt")
	require.NotNil(t, auth)
	warnings := 0
	for _, e := range auth.Entries {
		if e.Severity == parsers.SevWarning {
			warnings++
			require.NotNil(t, e.Fields)
			assert.Equal(t, demoTrackingID, e.TrackingID())
		}
	}
	assert.Equal(t, 2, warnings)
}

func TestDemoZipDeterministic(t *testing.T) {
	_, first, err := assets.DemoZip()
	require.NoError(t, err)
	_, second, err := assets.DemoZip()
	require.NoError(t, err)
	assert.Equal(t, first, second)

	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	require.NoError(t, err)
	assert.Len(t, zr.File, 10)
}

// The report must show the sign-in ladder of the demo's attempt passing up
// to the long-lived token and failing at the Xsi device list.
func TestDemoReportLadder(t *testing.T) {
	report := app.BuildReport(app.Analyze(loadDemo(t), app.AnalyzeOptions{}))
	require.NotNil(t, report.Ladder)
	require.NotNil(t, report.Ladder.Attempt)
	assert.Equal(t, demoTrackingID, *report.Ladder.Attempt)

	want := map[string]string{
		"email-entered":     "passed",
		"uap-redirect":      "passed",
		"xsi-profile":       "passed",
		"saml-assertion":    "passed",
		"ci-token":          "passed",
		"entitlement":       "passed",
		"jwt-request":       "passed",
		"authservice-token": "passed",
		"xsi-device-list":   "failed",
		"dms-config":        "not-seen",
		"sip-register":      "not-seen",
	}
	got := map[string]string{}
	for _, step := range report.Ladder.Steps {
		got[step.ID] = step.Status
	}
	assert.Equal(t, want, got)

	require.NotNil(t, report.Summary)
	assert.Equal(t, "sofie@example.com", report.Summary.Email)
	assert.Equal(t, "sofie.bw@example.net", report.Summary.BWUser)
	assert.Equal(t, []string{demoTrackingID}, report.Summary.TrackingIDs)
}
