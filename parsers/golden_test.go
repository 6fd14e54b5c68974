package parsers

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/formats")

// fixtureNames are the file names each format's fixtures are opened under:
// names as they appear in real bundles, so that the name hints count.
var fixtureNames = map[string]string{
	"webex-desktop":   "current_log.txt",
	"webex-bwc":       "bwc/current_log.txt",
	"webex-media":     "media/wme_1.log",
	"webex-android":   "webex_android.log",
	"webex-csf":       "csf.log",
	"bw-xsi-actions":  "XsiActionsLog2024.05.02-00.00.00.txt",
	"bw-auth-service": "AuthenticationService2024.05.02-00.00.00.txt",
	"bw-dms":          "dmsDebugLog2024.05.02-00.00.00.txt",
	"bw-xslog":        "XSLog2024.05.02-00.00.00.txt",
	"bw-pslog":        "PSLog2024.05.02-00.00.00.txt",
	"bw-generic":      "ExecutionServer2024.05.02-00.00.00.txt",
	"access-log":      "access_log.2024.05.02-00.00.00.txt",
	"text":            "notes.txt",
	"binary":          "ced.dat",
}

// fixture is one file of testdata/formats/<format>/.
type fixture struct {
	format  string
	variant string
	path    string
	data    []byte
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	dirs, err := os.ReadDir(filepath.Join("testdata", "formats"))
	require.NoError(t, err)
	var out []fixture
	for _, d := range dirs {
		files, err := os.ReadDir(filepath.Join("testdata", "formats", d.Name()))
		require.NoError(t, err)
		for _, f := range files {
			if strings.HasSuffix(f.Name(), ".golden") {
				continue
			}
			p := filepath.Join("testdata", "formats", d.Name(), f.Name())
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			out = append(out, fixture{
				format:  d.Name(),
				variant: strings.TrimSuffix(f.Name(), filepath.Ext(f.Name())),
				path:    p,
				data:    data,
			})
		}
	}
	require.NotEmpty(t, out)
	return out
}

// fixtureOptions are the parse options of a fixture: the dst variants of
// the formats without a zone are read as Copenhagen time, to check that a
// zone override follows the daylight-saving rules.
func fixtureOptions(fx fixture) Options {
	if fx.variant == "dst" && (fx.format == "webex-android" || fx.format == "webex-csf") {
		loc, err := time.LoadLocation("Europe/Copenhagen")
		if err != nil {
			panic(err)
		}
		return Options{Zone: loc, ForceZone: true}
	}
	return Options{}
}

func openFixture(fx fixture) *Source {
	return Open(Item{Name: fixtureNames[fx.format], Path: fx.path, Data: fx.data}, fixtureOptions(fx))
}

// TestEveryFormatHasFixtures makes sure no registered format goes without
// its fixtures and the defect variants.
func TestEveryFormatHasFixtures(t *testing.T) {
	have := map[string]map[string]bool{}
	for _, fx := range loadFixtures(t) {
		if have[fx.format] == nil {
			have[fx.format] = map[string]bool{}
		}
		have[fx.format][fx.variant] = true
	}
	for _, f := range Formats {
		require.Contains(t, have, f.ID, "no fixtures for format %s", f.ID)
		if f == binaryFormat {
			continue
		}
		for _, v := range []string{"crlf", "dst", "empty", "invalid_utf8", "truncated", "mid_entry"} {
			assert.True(t, have[f.ID][v], "format %s has no %s fixture", f.ID, v)
		}
	}
	for _, v := range []string{"2020", "2024", "2025"} {
		assert.True(t, have["webex-desktop"][v], "webex-desktop has no %s fixture", v)
	}
}

// TestGolden compares each fixture's parse with its golden text. Run
// "go test ./parsers -run TestGolden -update" to rewrite the goldens after a
// deliberate change, and read the diff: the goldens are the spec.
func TestGolden(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		t.Run(fx.format+"/"+fx.variant, func(t *testing.T) {
			src := openFixture(fx)
			got := goldenText(src)
			golden := strings.TrimSuffix(fx.path, filepath.Ext(fx.path)) + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "missing golden: run go test -run TestGolden -update")
			assert.Equal(t, string(want), got)
		})
	}
}

// goldenText describes a parsed source in a stable text form.
func goldenText(src *Source) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\nencoding: %s\nentries: %d\n", src.Format, src.Encoding, len(src.Entries))
	for _, p := range src.Problems {
		fmt.Fprintf(&b, "problem: %s\n", p)
	}
	for i := range src.Entries {
		e := &src.Entries[i]
		fmt.Fprintf(&b, "\n#%d line %d (+%d) offset %d\n", i+1, e.Line, e.Lines, e.Offset)
		fmt.Fprintf(&b, "  time: %s%s\n", goldenTime(e.Time), flagText(e.Flags))
		fmt.Fprintf(&b, "  severity: %s  thread: %q  component: %q\n", e.Severity, e.Thread(), e.Component())
		fmt.Fprintf(&b, "  message: %q\n", Text(e.FirstLine()))
		if e.Fields != nil {
			fmt.Fprintf(&b, "  fields:%s\n", fieldsText(e))
		}
	}
	return b.String()
}

func goldenTime(ns int64) string {
	if ns == 0 {
		return "-"
	}
	return time.Unix(0, ns).UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

func flagText(flags uint8) string {
	var parts []string
	if flags&FlagMidEntry != 0 {
		parts = append(parts, "mid-entry")
	}
	if flags&FlagNoTime != 0 {
		parts = append(parts, "no-time")
	}
	if flags&FlagBadHeader != 0 {
		parts = append(parts, "bad-header")
	}
	if len(parts) == 0 {
		return ""
	}
	return " [" + strings.Join(parts, ",") + "]"
}

func fieldsText(e *Entry) string {
	f := e.Fields
	kv := map[string]string{
		"tracking": e.TrackingID(), "correlation": e.CorrelationID(), "method": e.HTTPMethod(),
		"path": e.HTTPPath(), "agent": e.UserAgent(), "remote": e.Remote(), "oci": e.OCICommand(),
		"sip": e.SIPMethod(), "call-id": e.SIPCallID(), "cseq": e.SIPCSeq(),
	}
	if f.HTTPStatus != 0 {
		kv["status"] = fmt.Sprint(f.HTTPStatus)
	}
	if f.ErrorCode != 0 {
		kv["error"] = fmt.Sprint(f.ErrorCode)
	}
	if f.SIPStatus != 0 {
		kv["sip-status"] = fmt.Sprint(f.SIPStatus)
	}
	if len(f.Users) > 0 {
		kv["users"] = strings.Join(f.Users, ",")
	}
	keys := make([]string, 0, len(kv))
	for k, v := range kv {
		if v != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, Text(kv[k]))
	}
	return b.String()
}
