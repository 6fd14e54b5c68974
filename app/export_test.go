package app

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedPersonalValues are personal values the corpus is known to hold,
// checked on top of those the extractors collect.
var fixedPersonalValues = []string{
	"alice", // every user id, device name and SIP user of the corpus starts so
	"alice@example.com", "alice%40example.com", "alice.bw@example.net", "alice_0", "alice_1",
	"+4555550100", "4555550100",
	"192.0.2.10", "203.0.113.9", "203.0.113.40", "198.51.100.20",
	"BroadWorksXk5c2hq1T8x3ew0BW",
	"<firstName>Alice<", "<lastName>Example<",
	"d5f404b3-f7c3-48e7-8193-26bec735a7c5", "ae76331f-0a66-474a-9108-8d61dbd81888",
	"aca6d2c9-7a5b-4416-84e0-d37976fc99d8", "27082917-5aa5-43b2-a970-4d94c158f989",
	"f98820a3-6db9-4b0d-8200-9a91b559bbd3",
}

// personalValues collects the personal values of the unmasked logs with
// the summary's and the masker's own extractors, plus the fixed list.
func personalValues(a *Analysis) []string {
	values := map[string]bool{}
	add := func(v string) {
		v = strings.TrimSpace(v)
		if len(v) >= 4 && v != "<redacted>" {
			values[v] = true
		}
	}
	for _, v := range fixedPersonalValues {
		add(v)
	}
	s := a.Summary
	for _, v := range []string{s.Email, s.BWUser, s.OrgID, s.WebexUserID} {
		add(v)
	}
	for _, src := range a.Workspace.Snapshot() {
		for i := range src.Entries {
			raw := src.Entries[i].Raw
			if f := src.Entries[i].Fields; f != nil {
				for _, u := range f.Users {
					add(u)
				}
			}
			for _, m := range sipPattern.FindAllStringSubmatch(raw, -1) {
				add(m[1])
				add(m[2])
			}
			for _, m := range xmlPattern.FindAllStringSubmatch(raw, -1) {
				switch m[1] {
				case "password", "extension", "firstName", "lastName":
					// Checked through the fixed list: "Example" is also
					// the corpus' domain, which stays.
				default:
					add(m[2])
				}
			}
			for _, m := range paramPattern.FindAllStringSubmatch(raw, -1) {
				add(strings.Trim(m[1], `"`))
			}
			for _, ip := range ipv4Pattern.FindAllString(raw, -1) {
				if !strings.HasPrefix(ip, "127.") && ip != "0.0.0.0" {
					add(ip)
				}
			}
			for _, id := range uuidPattern.FindAllString(raw, -1) {
				add(id)
			}
			for _, e := range emailPattern.FindAllString(raw, -1) {
				add(e)
			}
		}
	}
	var list []string
	for v := range values {
		list = append(list, v)
	}
	return list
}

// maskedOutputs renders every masked output of an analysis by name.
func maskedOutputs(t *testing.T, a *Analysis) map[string]string {
	t.Helper()
	m := NewWorkspaceMasker(a)
	opts := ExportOptions{Masker: m, Language: "en", LadderSVG: testLadderSVG}
	out := map[string]string{}

	report, err := MaskReport(BuildReport(a), m)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, report.WriteJSON(&b))
	out["report.json"] = b.String()
	b.Reset()
	require.NoError(t, report.WriteText(&b))
	out["report.txt"] = b.String()

	b.Reset()
	require.NoError(t, WriteMarkdownReport(&b, a, opts))
	out["report.md"] = b.String()
	b.Reset()
	require.NoError(t, WriteHTMLReport(&b, a, opts))
	out["report.html"] = b.String()
	b.Reset()
	require.NoError(t, WriteTimelineText(&b, a.Timeline, nil, m))
	out["timeline.txt"] = b.String()
	out["summary.txt"] = a.Summary.Text("en", m)
	out["summary.md"] = a.Summary.Markdown("en", m)

	b.Reset()
	require.NoError(t, WriteMaskedBundle(&b, a.Workspace, m))
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	require.NoError(t, err)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		out["bundle:"+f.Name] = f.Name + "\n" + string(data)
	}
	return out
}

// testLadderSVG stands in for the ladder picture, with an address in a
// label so that masking of the picture is checked too.
const testLadderSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" id="ladder-svg"><text x="4" y="20">REGISTER from 192.0.2.10</text></svg>`

func TestMaskedOutputsHoldNoPersonalValues(t *testing.T) {
	for _, name := range summaryCases(t) {
		t.Run(name, func(t *testing.T) {
			a := analyzeSummaryCase(t, name)
			values := personalValues(a)
			require.NotEmpty(t, values)

			outputs := maskedOutputs(t, a)
			require.Contains(t, outputs, "report.html")
			for output, text := range outputs {
				lower := strings.ToLower(text)
				for _, v := range values {
					assert.False(t, strings.Contains(lower, strings.ToLower(v)), "%s of %s holds the personal value %q", output, name, v)
				}
			}
		})
	}
}

func TestMaskedOutputsKeepTheStory(t *testing.T) {
	a := analyzeSummaryCase(t, "register-403")
	outputs := maskedOutputs(t, a)

	assert.Contains(t, outputs["report.md"], "Problem sip-register-rejected")
	assert.Contains(t, outputs["report.md"], "SIP/2.0 403 Forbidden")
	assert.Contains(t, outputs["report.html"], `<text x="4" y="20">REGISTER from ip-`)
	assert.Contains(t, outputs["timeline.txt"], "CLIENT_18c5d6eb-4b1e-40a6-bfb7-5b7ac82bd338")
	assert.Contains(t, outputs["summary.txt"], "Webex user: user-1@…")
	assert.Contains(t, outputs["report.json"], `"email": "user-1@…"`)
}

func TestMaskedBundleReloads(t *testing.T) {
	a := analyzeSummaryCase(t, "signin-ok")
	var b bytes.Buffer
	require.NoError(t, WriteMaskedBundle(&b, a.Workspace, NewWorkspaceMasker(a)))

	ws := &Workspace{}
	require.NoError(t, ws.AddData(context.Background(), "masked.zip", b.Bytes(), Config{Workers: 1}, nil))
	formats := map[string]string{}
	for _, src := range ws.Snapshot() {
		formats[src.Name] = src.Format
	}
	for _, src := range a.Workspace.Snapshot() {
		if src.Format == "binary" {
			assert.NotContains(t, formats, "masked.zip/"+src.Name, "binary sources are left out")
			continue
		}
		assert.Equal(t, src.Format, formats["masked.zip/"+src.Name], "format of masked %s", src.Name)
	}
	assert.Contains(t, formats, "masked.zip/"+maskedBundleReadme)
}

func TestWriteTimelineTextFiltered(t *testing.T) {
	a := analyzeSummaryCase(t, "register-403")
	var all, some bytes.Buffer
	require.NoError(t, WriteTimelineText(&all, a.Timeline, nil, nil))
	require.NoError(t, WriteTimelineText(&some, a.Timeline, []int32{0, 2}, nil))

	lines := strings.Split(strings.TrimSuffix(some.String(), "\n"), "\n")
	src0, e0 := a.Timeline.Entry(0)
	assert.Equal(t, FormatTime(a.Timeline.Time(0))+"  "+src0.Name+"  "+strings.TrimRight(e0.Raw, "\r\n"), lines[0])
	assert.Len(t, lines, 2, "both picked entries are one line each")
	assert.NotContains(t, all.String(), "\r", "CRLF line ends are normalised")
	assert.Contains(t, all.String(), "\n\tCSeq: 1 REGISTER", "continuation lines are indented")
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.md")

	require.NoError(t, WriteFileAtomic(target, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, "first")
		return err
	}))
	require.NoError(t, WriteFileAtomic(target, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, "second")
		return err
	}))
	data, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "second", string(data))

	failure := errors.New("disk full")
	err = WriteFileAtomic(target, nil, func(w io.Writer) error {
		io.WriteString(w, "half")
		return failure
	})
	require.ErrorIs(t, err, failure)
	data, err = os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "second", string(data), "a failed write keeps the old file")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left behind")

	err = WriteFileAtomic(filepath.Join(dir, "missing", "x.md"), nil, func(io.Writer) error { return nil })
	assert.ErrorContains(t, err, "cannot create a temporary file")
}

func TestExportsNeverWriteSources(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(summaryCorpusDir, "signin-ok"))))
	before := checksums(t, dir)

	ws, err := Load(context.Background(), []string{filepath.Join(dir, "client"), filepath.Join(dir, "server")}, Config{Workers: 2}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	m := NewWorkspaceMasker(a)

	out := t.TempDir()
	writers := map[string]func(io.Writer) error{
		"report.md":    func(w io.Writer) error { return WriteMarkdownReport(w, a, ExportOptions{Masker: m}) },
		"report.html":  func(w io.Writer) error { return WriteHTMLReport(w, a, ExportOptions{}) },
		"timeline.txt": func(w io.Writer) error { return WriteTimelineText(w, a.Timeline, nil, m) },
		"masked.zip":   func(w io.Writer) error { return WriteMaskedBundle(w, ws, m) },
	}
	for name, write := range writers {
		require.NoError(t, WriteFileAtomic(filepath.Join(out, name), ws, write), name)
	}

	for _, src := range ws.Snapshot() {
		err := WriteFileAtomic(src.Path, ws, func(w io.Writer) error {
			_, err := io.WriteString(w, "overwritten")
			return err
		})
		assert.ErrorIs(t, err, ErrSourceTarget, src.Name)
	}
	assert.Equal(t, before, checksums(t, dir), "the sources are unchanged")
}

func checksums(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		sums[p] = hex.EncodeToString(sum[:])
		return nil
	}))
	return sums
}

// chromiumPath is the Debian chromium package's launcher.
const chromiumPath = "/usr/bin/chromium"

func TestHTMLReportRendersInChromium(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("%s is missing: install the Debian package chromium to render the HTML report", chromiumPath)
	}
	a := analyzeSummaryCase(t, "config-parse-1507")
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	require.NoError(t, WriteFileAtomic(page, a.Workspace, func(w io.Writer) error {
		return WriteHTMLReport(w, a, ExportOptions{Masker: NewWorkspaceMasker(a), Language: "en", LadderSVG: testLadderSVG})
	}))

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromiumPath, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	require.NoError(t, err, "chromium failed: %s", stderr.String())

	text := string(dom)
	assert.Contains(t, text, `<h1 id="title">wxlog findings report</h1>`)
	assert.Contains(t, text, "Problem bwc-config-parse-failed")
	assert.Contains(t, text, "Fix for bwc-config-parse-failed")
	assert.Contains(t, text, "errorCode=1507")
	assert.Contains(t, text, `id="ladder-svg"`, "the ladder picture is inline")
	assert.Contains(t, text, "user-1@…")
	assert.NotContains(t, strings.ToLower(text), "alice")
}
