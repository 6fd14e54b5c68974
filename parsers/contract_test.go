package parsers

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkContract asserts the promises every parser makes on any input. The
// entries cover the whole text in order, and each keeps its raw text at
// its offset and line. The header strings are substrings of the raw text,
// and a time of 0 is always flagged.
func checkContract(t *testing.T, src *Source) {
	t.Helper()
	if src.Format == binaryFormat.ID {
		assert.Empty(t, src.Entries, "a binary source has no entries")
		return
	}
	text := src.Text
	prevEnd := 0
	line := 1
	for i := range src.Entries {
		e := &src.Entries[i]
		off := int(e.Offset)
		require.GreaterOrEqual(t, off, prevEnd, "entry %d starts before the end of entry %d", i+1, i)
		require.LessOrEqual(t, off+len(e.Raw), len(text), "entry %d runs past the text", i+1)

		gap := text[prevEnd:off]
		if i == 0 {
			assert.Empty(t, strings.TrimSpace(gap), "text before the first entry was dropped: %q", gap)
		} else {
			assert.Empty(t, strings.Trim(gap, "\r\n"), "text between entries %d and %d was dropped: %q", i, i+1, gap)
		}
		line += lineEnds(gap)
		assert.Equal(t, line, int(e.Line), "entry %d at offset %d: wrong line number", i+1, off)

		require.Equal(t, text[off:off+len(e.Raw)], e.Raw, "entry %d: Raw is not the text at its offset", i+1)
		assert.Equal(t, lineEnds(e.Raw)+1, int(e.Lines), "entry %d: Lines does not match Raw", i+1)
		assert.NotEmpty(t, e.Raw, "entry %d is empty", i+1)
		for name, s := range map[string]string{"Message": e.Message(), "Thread": e.Thread(), "Component": e.Component()} {
			assert.True(t, strings.Contains(e.Raw, s), "entry %d: %s %q is not part of Raw", i+1, name, s)
		}

		if e.Flags&FlagNoTime == 0 {
			assert.NotZero(t, e.Time, "entry %d has time 0 without FlagNoTime", i+1)
		}
		if e.Time != 0 {
			assert.Equal(t, time.UTC, e.When().Location(), "entry %d: time not in UTC", i+1)
			assert.Equal(t, e.Time, e.When().UnixNano(), "entry %d: time out of range", i+1)
		}
		assert.Less(t, int(e.Severity), len(severityNames), "entry %d: unknown severity", i+1)

		line += lineEnds(e.Raw)
		prevEnd = off + len(e.Raw)
	}
	assert.Empty(t, strings.TrimSpace(text[prevEnd:]), "text after the last entry was dropped")
}

// parseAs runs one format's parser over data, as Open would after
// detection.
func parseAs(f *Format, name string, data []byte) *Source {
	src := &Source{Name: name, Size: int64(len(data))}
	text, enc, binary := decodeText(data)
	if binary {
		src.Format = binaryFormat.ID
		return src
	}
	src.Text, src.Encoding, src.Format = text, enc, f.ID
	f.Parse(src, Options{})
	return src
}

// TestContract runs every registered parser over every fixture, its own
// and the other formats', and checks the contract.
func TestContract(t *testing.T) {
	fixtures := loadFixtures(t)
	for _, f := range Formats {
		for _, fx := range fixtures {
			t.Run(f.ID+"/"+fx.format+"/"+fx.variant, func(t *testing.T) {
				var src *Source
				require.NotPanics(t, func() { src = parseAs(f, fx.path, fx.data) })
				checkContract(t, src)
			})
		}
	}
}

// TestContractEdgeTexts runs every parser over texts that stress the line
// and entry splitting.
func TestContractEdgeTexts(t *testing.T) {
	texts := map[string]string{
		"only line ends":      "\n\r\n\r\r\n\n",
		"only spaces":         "   \t  ",
		"no final line end":   "2024.05.02 11:14:17:341 CEST | Info | X | t\n\tbody",
		"cr only":             "2024-05-02T09:14:05.381Z <Info> [0x1][]A::b:one\rcontinued\r2024-05-02T09:14:06.381Z <Info> [0x1][]A::b:two\r",
		"mixed line ends":     "2024.05.02 11:14:17:341 CEST | Info | X | t\r\n\tbody\rSIP/2.0 200 OK\r\n\n2024.05.02 11:14:18:341 CEST | Info | X | t\n",
		"header only":         "2024.05.02 11:14:17:341 CEST | Info",
		"bad month":           "2024.13.02 11:14:17:341 CEST | Info | X | t\nbody\n",
		"unknown zone":        "2024.05.02 11:14:17:341 XYZT | Info | X | t\nbody\n",
		"leading blank lines": "\n\n  \n2024-02-02 12:02:22.498  9619  9771 D Tag: msg\n",
		"nul bytes":           "2024-05-02T09:14:05.381Z <Info> [0x1][]A::b:one\x00two\n\x00\x00\n",
		"year 9999":           "9999-12-31T23:59:59.999Z <Info> [0x1][]A::b:far future\n9999.12.31 23:59:59:999 CEST | Info | X\n",
		"year 0001":           "0001-01-01T00:00:00.000Z <Info> [0x1][]A::b:far past\n0001.01.01 00:00:00:000 GMT | Info | X\n",
		"jumping years":       "2024-05-02T09:14:05.381Z <Info> [0x1][]A::b:now\n1999-05-02T09:14:05.381Z <Info> [0x1][]A::b:then\n2038-05-02T09:14:05.381Z <Info> [0x1][]A::b:later\n",
		"access without time": "203.0.113.9 - - [02/May/2024:11:14:17 +0200]\n",
		"latin-1 xml":         "2024.05.02 11:14:17:341 CEST | Info | OCIP | t\n\t<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><lastName>J\xf8rgensen</lastName>\n",
	}
	for _, f := range Formats {
		for name, text := range texts {
			t.Run(f.ID+"/"+name, func(t *testing.T) {
				var src *Source
				require.NotPanics(t, func() { src = parseAs(f, name, []byte(text)) })
				checkContract(t, src)
			})
		}
	}
}

// TestTimesOutOfRange checks that a year no int64 nanosecond time can
// hold is not turned into a wrong time.
func TestTimesOutOfRange(t *testing.T) {
	for _, f := range []*Format{webexDesktopFormat, bwGenericFormat, textFormat} {
		src := parseAs(f, "far.log", []byte("9999-12-31T23:59:59.999Z <Info> [0x1][]A::b:far\n9999.12.31 23:59:59:999 CEST | Info | X\n"))
		for _, e := range src.Entries {
			if e.Time != 0 {
				assert.Equal(t, 9999, e.When().Year(), "%s: year 9999 became %v", f.ID, e.When())
			}
		}
	}
}

// TestLatin1ShownRight checks that ISO-8859-1 text, as BroadWorks writes
// its XML, turns into the right characters.
func TestLatin1ShownRight(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		if fx.variant != "invalid_utf8" {
			continue
		}
		t.Run(fx.format, func(t *testing.T) {
			src := openFixture(fx)
			assert.Equal(t, "iso-8859-1", src.Encoding)
			shown := Text(src.Text)
			assert.True(t, utf8.ValidString(shown))
			assert.True(t, strings.ContainsAny(shown, "øüæ®ÿ"), "no Latin-1 letter came through: %q", shown)
		})
	}
	src := parseAs(bwGenericFormat, "x", []byte("2024.05.02 11:14:17:341 CEST | Info | OCIP | t\n\t<lastName>J\xf8rgensen</lastName>\n"))
	require.Len(t, src.Entries, 1)
	assert.Contains(t, Text(src.Entries[0].Raw), "<lastName>Jørgensen</lastName>")
}

func TestRegistry(t *testing.T) {
	require.NotPanics(t, func() { checkRegistry(Formats) })
	assert.PanicsWithValue(t, "parsers: duplicate format id text", func() {
		checkRegistry([]*Format{textFormat, webexDesktopFormat, textFormat})
	})
	assert.Panics(t, func() { checkRegistry([]*Format{{ID: "", Detect: textFormat.Detect, Parse: textFormat.Parse}}) })
	assert.Panics(t, func() { checkRegistry([]*Format{{ID: "no-parser", Detect: textFormat.Detect}}) })

	want := []string{"webex-desktop", "webex-bwc", "webex-media", "webex-android", "webex-csf",
		"bw-xsi-actions", "bw-auth-service", "bw-dms", "bw-xslog", "bw-pslog", "bw-generic",
		"access-log", "text", "binary"}
	var got []string
	for _, f := range Formats {
		got = append(got, f.ID)
		assert.Same(t, f, FormatByID(f.ID))
		assert.NotEmpty(t, f.Title, f.ID)
	}
	assert.Equal(t, want, got)
	assert.Nil(t, FormatByID("no-such-format"))
}

// TestDetection checks that every fixture is recognised by its content,
// under a neutral name and under every other format's typical name, and
// that a name decides only the tie between the desktop and bwc logs.
func TestDetection(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		if fx.variant == "empty" {
			continue
		}
		t.Run(fx.format+"/"+fx.variant, func(t *testing.T) {
			byContent := fx.format
			if byContent == "webex-bwc" {
				// Content alone cannot tell the bwc log from the main log.
				byContent = "webex-desktop"
			}
			for _, name := range []string{"file.log", "logs/x", ""} {
				src := Open(Item{Name: name, Data: fx.data}, Options{})
				assert.Equal(t, byContent, src.Format, "under the name %q", name)
			}
			src := Open(Item{Name: fixtureNames[fx.format], Data: fx.data}, Options{})
			assert.Equal(t, fx.format, src.Format, "under its own name %q", fixtureNames[fx.format])

			for other, name := range fixtureNames {
				if other == fx.format {
					continue
				}
				want := byContent
				switch {
				case other == "webex-bwc" && fx.format == "webex-desktop":
					want = "webex-bwc"
				case fx.format == "bw-generic" && strings.HasPrefix(other, "bw-"):
					// A server log with no typical text in its first
					// entries gets the format its file name matches.
					want = other
				}
				src := Open(Item{Name: name, Data: fx.data}, Options{})
				assert.Equal(t, want, src.Format, "under %s's name %q", other, name)
			}
		})
	}
}
