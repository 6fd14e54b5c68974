package app

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
)

// useLanguage translates app's text from the translation file of
// language until the test ends, the way go-i18n does in the program: the
// "one" form for a count of 1, the "other" form otherwise.
func useLanguage(t *testing.T, language string) {
	t.Helper()
	messages, err := loadMessages(language)
	require.NoError(t, err)
	SetTranslator(func(key string, data ...any) string { return fillMessages(messages, key, -1, data...) })
	SetPluralTranslator(func(key string, count int, data ...any) string {
		return fillMessages(messages, key, count, data...)
	})
	SetLanguage(language)
	t.Cleanup(func() {
		SetTranslator(nil)
		SetPluralTranslator(nil)
		SetLanguage("en")
	})
}

func TestTNPicksPluralForm(t *testing.T) {
	tests := []struct {
		language string
		count    int
		want     string
	}{
		{"en", 0, "0 entries"},
		{"en", 1, "1 entry"},
		{"en", 2, "2 entries"},
		{"da", 0, "0 poster"},
		{"da", 1, "1 post"},
		{"da", 2, "2 poster"},
	}
	for _, tc := range tests {
		t.Run(tc.language+"/"+tc.want, func(t *testing.T) {
			useLanguage(t, tc.language)
			assert.Equal(t, tc.want, EntryCount(tc.count))
		})
	}
}

func TestDefaultTranslatorIsEnglishFile(t *testing.T) {
	assert.Equal(t, "1 entry", TN("{{.Count}} entries", 1, map[string]any{"Count": 1}))
	assert.Equal(t, "1 signature, 2 occurrences",
		T("{{.Signatures}} signatures, {{.Count}} occurrences", map[string]any{"Signatures": 1, "Count": 2}))
	assert.Equal(t, "a key no file has", T("a key no file has"))
}

func TestLocalizeProblem(t *testing.T) {
	tests := []struct {
		name     string
		language string
		source   string
		problem  string
		want     string
	}{
		{"missing path", "en", "/tmp/nope.zip", "/tmp/nope.zip: cannot open: no such file or directory",
			"/tmp/nope.zip: cannot open: no such file or directory"},
		{"missing path in Danish", "da", "/tmp/nope.zip", "/tmp/nope.zip: cannot open: no such file or directory",
			"/tmp/nope.zip: kan ikke åbnes: filen eller mappen findes ikke"},
		{"package name dropped", "en", "empty.log", "empty.log: parsers: empty file", "empty.log: empty file"},
		{"package name dropped in Danish", "da", "empty.log", "empty.log: parsers: empty file", "empty.log: tom fil"},
		{"line number kept", "da", "a.log", "a.log:12: time goes back 2m0s from line 11: entries are out of order",
			"a.log:12: tiden går 2m0s tilbage fra linje 11: posterne er ikke i rækkefølge"},
		{"wrapped zip error", "en", "t.zip/c.txt",
			"t.zip/c.txt: the zip's central directory is damaged or missing (zip: not a valid zip file): entry read from its local header",
			"t.zip/c.txt: the zip's central directory is damaged or missing (not a valid zip file): entry read from its local header"},
		{"wrapped zip error in Danish", "da", "t.zip/c.txt",
			"t.zip/c.txt: zip entry is damaged or cut short (cannot decompress: unexpected EOF): kept the 2.8 KiB read before that",
			"t.zip/c.txt: zip-elementet er beskadiget eller afkortet (kan ikke pakkes ud: dataene slutter for tidligt): de 2.8 KiB, der blev læst inden da, er beholdt"},
		{"size limit", "da", "big.log", "big.log: parsers: file larger than the size limit: 3.0 MiB is over 2.0 MiB (--max-file-size)",
			"big.log: filen er større end størrelsesgrænsen: 3.0 MiB er over 2.0 MiB (--max-file-size)"},
		{"singular count", "en", "x.log", "x.log: contains 1 NUL bytes, kept as they are", "x.log: contains 1 NUL byte, kept as it is"},
		{"plural count in Danish", "da", "x.log", "x.log: contains 4 NUL bytes, kept as they are", "x.log: indeholder 4 NUL-bytes, bevaret som de er"},
		{"unknown text stays English", "da", "x.log", "x.log: parsers: something new", "x.log: something new"},
		{"other name prefix", "en", "x.log", "y.log: parsers: empty file", "y.log: parsers: empty file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			useLanguage(t, tc.language)
			assert.Equal(t, tc.want, LocalizeProblem(tc.source, tc.problem))
		})
	}
}

func TestProblemMessageDropsName(t *testing.T) {
	useLanguage(t, "da")
	assert.Equal(t, "tom fil", ProblemMessage("bad/empty.log", "bad/empty.log: parsers: empty file"))
	assert.Equal(t, "tiden springer mere end 30 dage 1 sted",
		ProblemMessage("a.log", "a.log:3: time jumps by more than 30 days at 1 places"))
}

func TestDescribePathError(t *testing.T) {
	_, notFound := os.Stat(filepath.Join(t.TempDir(), "nope.zip"))
	tests := []struct {
		name     string
		language string
		err      error
		want     string
	}{
		{"not found", "en", notFound, "no such file or directory"},
		{"not found in Danish", "da", notFound, "filen eller mappen findes ikke"},
		{"permission", "da", &fs.PathError{Op: "stat", Path: "/x", Err: fs.ErrPermission}, "adgang nægtet"},
		{"other error", "en", &fs.PathError{Op: "stat", Path: "/x", Err: errors.New("input/output error")}, "input/output error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			useLanguage(t, tc.language)
			assert.Equal(t, tc.want, DescribePathError(tc.err))
		})
	}
}

// unmatchedProblem returns the part of a problem text, or of an error it
// wraps, that no entry of problemTexts matches, or "".
func unmatchedProblem(message string) string {
	message = strings.TrimPrefix(message, parsersPrefix)
	for _, p := range problemTexts {
		groups := p.pattern.FindStringSubmatch(message)
		if groups == nil {
			continue
		}
		for i, field := range p.pattern.SubexpNames() {
			if field == "Err" {
				if inner := unmatchedProblem(groups[i]); inner != "" {
					return inner
				}
			}
		}
		return ""
	}
	return message
}

// TestLocalizeProblemCorpus loads files with the problems package parsers
// reports and checks that problemTexts matches each message, so that a
// changed message in parsers shows up here and not as English in a Danish
// report.
func TestLocalizeProblemCorpus(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	log := []byte("2024-05-02T09:14:00.000Z <Info> [0x1c0c][]Test.cpp:1 Test::run:one\n" +
		"2024-05-02T09:14:01.000Z <Info> [0x1c0c][]Test.cpp:1 Test::run:two\n")
	write("empty.log", nil)
	write("nul.log", append(append([]byte{}, log...), "2024-05-02T09:14:02.000Z <Info> [0x1c0c][]Test.cpp:1 Test::run:a\x00b\n"...))
	write("latin1.log", []byte("2024.05.02 11:14:17:341 CEST | Info | OCIP | t\n\t<lastName>J\xf8rgensen</lastName>\n"))
	write("years.log", append(append([]byte{}, log...), strings.Replace(string(log), "2024", "1999", 1)...))
	write("plain.log.gz", log)
	write("huge.log", bytes.Repeat([]byte("x"), 3<<10))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(bytes.Repeat(log, 200))
	require.NoError(t, zw.Close())
	write("cut.log.gz", gz.Bytes()[:gz.Len()/2])
	write("bad.zip", []byte("PK\x03\x04 not really a zip"))
	require.NoError(t, os.Symlink("gone.log", filepath.Join(dir, "broken.log")))

	ws, err := Load(context.Background(), []string{dir, filepath.Join(dir, "missing.zip")},
		Config{Limits: parsers.Limits{MaxFileBytes: 2 << 10}}, nil)
	require.NoError(t, err)

	seen := 0
	for _, src := range ws.Snapshot() {
		for _, p := range src.Problems {
			seen++
			_, message := splitProblem(src.Name, p)
			assert.Empty(t, unmatchedProblem(message), "%s: no problemTexts entry for %q", src.Name, p)
		}
	}
	assert.GreaterOrEqual(t, seen, 10, "the hostile files should give problems")
}
