package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func clientLog(lines ...string) string {
	var b strings.Builder
	for i, l := range lines {
		b.WriteString("2024-05-02T09:14:0")
		b.WriteByte(byte('0' + i%10))
		b.WriteString(".000Z <Info> [0x1c0c][]Test.cpp:1 Test::run:")
		b.WriteString(l)
		b.WriteString("\n")
	}
	return b.String()
}

func zipOf(t *testing.T, files map[string][]byte, encrypted bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if encrypted {
			h.Flags |= 0x1
		}
		w, err := zw.CreateHeader(h)
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func put(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, data, 0o644))
}

// TestReportOnHostileFolder runs "wxlog report --json" on a folder that
// holds one of every hostile input beside a good case, and checks that the
// report is produced, names every problem, and counts the good sources.
func TestReportOnHostileFolder(t *testing.T) {
	dir := t.TempDir()

	// A good case: the signin-ok corpus case.
	goodRoot := filepath.Join("parsers", "testdata", "corpus", "signin-ok")
	require.NoError(t, filepath.WalkDir(goodRoot, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() || d.Name() == "expected.json" {
			return nil
		}
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		rel, _ := filepath.Rel(goodRoot, p)
		put(t, dir, "good/"+filepath.ToSlash(rel), data)
		return nil
	}))

	// The hostile inputs.
	log := []byte(clientLog("one", "two", "three"))
	corrupt := zipOf(t, map[string][]byte{"current_log.txt": log}, false)
	copy(corrupt[bytes.Index(corrupt, []byte("PK\x01\x02")):], "XXXX")
	put(t, dir, "bad/corrupt.zip", corrupt)
	whole := zipOf(t, map[string][]byte{"a.log": log, "b.log": []byte(strings.Repeat(clientLog("x"), 200))}, false)
	put(t, dir, "bad/cut.zip", whole[:len(whole)*2/3])
	put(t, dir, "bad/locked.zip", zipOf(t, map[string][]byte{"secret.log": log}, true))
	put(t, dir, "bad/names.zip", zipOf(t, map[string][]byte{"../up.log": log, `win\path.log`: log}, false))
	put(t, dir, "bad/bomb.zip", zipOf(t, map[string][]byte{"zeros.log": make([]byte, 3<<19)}, false))
	put(t, dir, "bad/empty.zip", zipOf(t, nil, false))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(strings.Repeat(clientLog("gz"), 300)))
	require.NoError(t, zw.Close())
	put(t, dir, "bad/cut.log.gz", gz.Bytes()[:gz.Len()/2])
	put(t, dir, "bad/plain.log.gz", log)
	put(t, dir, "bad/empty.log", nil)
	put(t, dir, "bad/nul.log", []byte(clientLog("a\x00b", "two", "three", "four")))
	put(t, dir, "bad/latin1.log", []byte("2024.05.02 11:14:17:341 CEST | Info | OCIP | t\n\t<lastName>J\xf8rgensen</lastName>\n"))
	put(t, dir, "bad/years.log", []byte(clientLog("now")+strings.Replace(clientLog("then"), "2024", "1999", 1)))
	big, err := os.Create(filepath.Join(dir, "bad", "huge.log"))
	require.NoError(t, err)
	require.NoError(t, big.Truncate(3<<20))
	require.NoError(t, big.Close())
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "bad", "loop")))
	require.NoError(t, os.Symlink("self.log", filepath.Join(dir, "bad", "self.log")))

	var stdout, stderr bytes.Buffer
	code := run([]string{"report", "--json", "--max-file-size", "2M", "--max-ratio", "500", dir}, &stdout, &stderr)
	require.Equal(t, 0, code, "stderr: %s", stderr.String())

	var report struct {
		Sources []struct {
			Name     string   `json:"name"`
			Format   string   `json:"format"`
			Entries  int      `json:"entries"`
			Problems []string `json:"problems"`
		} `json:"sources"`
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &report), stdout.String())
	byName := map[string]int{}
	for i, s := range report.Sources {
		byName[s.Name] = i
	}

	good := map[string]struct {
		format  string
		entries int
	}{
		"good/client/feedback-a4adde9a.zip/current_log.txt":             {"webex-desktop", 17},
		"good/client/feedback-a4adde9a.zip/bwc/current_log.txt":         {"webex-bwc", 4},
		"good/client/feedback-a4adde9a.zip/media/wme_1.log":             {"webex-media", 41},
		"good/client/feedback-a4adde9a.zip/ced.dat":                     {"binary", 0},
		"good/server/as1/XSLog2024.05.02-00.00.00.txt":                  {"bw-xslog", 4},
		"good/server/xsp1/AuthenticationService2024.05.02-00.00.00.txt": {"bw-auth-service", 6},
		"good/server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt":         {"bw-xsi-actions", 13},
		"good/server/xsp1/dmsDebugLog2024.05.02-00.00.00.txt":           {"bw-dms", 1},
		"good/server/xsp1/tomcat/access_log.2024.05.02-00.00.00.txt":    {"access-log", 5},
	}
	for name, w := range good {
		i, ok := byName[name]
		if !assert.True(t, ok, "good source %s missing from the report", name) {
			continue
		}
		s := report.Sources[i]
		assert.Equal(t, w.format, s.Format, name)
		assert.Equal(t, w.entries, s.Entries, name)
		assert.Empty(t, s.Problems, name)
	}

	problems := map[string]string{
		"bad/corrupt.zip/current_log.txt": "central directory is damaged or missing",
		"bad/cut.zip/a.log":               "central directory is damaged or missing",
		"bad/locked.zip/secret.log":       "encrypted zip entry",
		"bad/names.zip/up.log":            `contains ".."`,
		"bad/names.zip/win/path.log":      "uses backslashes",
		"bad/bomb.zip/zeros.log":          "compression ratio over 500:1 (--max-ratio)",
		"bad/empty.zip":                   "empty zip archive",
		"bad/cut.log":                     "gzip data ends early",
		"bad/plain.log.gz":                "named .gz but holds no gzip data",
		"bad/empty.log":                   "empty file",
		"bad/nul.log":                     "NUL bytes",
		"bad/latin1.log":                  "read as ISO-8859-1",
		"bad/years.log":                   "time jumps",
		"bad/huge.log":                    "3.0 MiB is over 2.0 MiB (--max-file-size)",
		"bad/self.log":                    "broken link",
	}
	for name, want := range problems {
		i, ok := byName[name]
		if !assert.True(t, ok, "%s missing from the report", name) {
			continue
		}
		joined := strings.Join(report.Sources[i].Problems, "\n")
		assert.Contains(t, joined, name+":", "the problem does not name the file")
		assert.Contains(t, joined, want, name)
	}
	assert.Equal(t, 3, report.Sources[byName["bad/corrupt.zip/current_log.txt"]].Entries)
	assert.Equal(t, 1, report.Sources[byName["bad/latin1.log"]].Entries)
}

func TestReportLimitFlags(t *testing.T) {
	for _, args := range [][]string{
		{"report", "--max-file-size", "lots", "x"},
		{"report", "--max-file-size", "-5M", "x"},
		{"report", "--max-depth", "two", "x"},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, 2, run(args, &stdout, &stderr), "%v", args)
		assert.NotEmpty(t, stderr.String())
	}
	var l int64
	for in, want := range map[string]int64{"512": 512, "64K": 64 << 10, "2G": 2 << 30, "1.5M": 0, "10mb": 10 << 20} {
		err := byteSize{&l}.Set(in)
		if want == 0 {
			assert.Error(t, err, in)
			continue
		}
		require.NoError(t, err, in)
		assert.Equal(t, want, l, in)
	}
}
