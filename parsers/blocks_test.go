package parsers

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scannedLine is one line as lineScanner returns it.
type scannedLine struct {
	line       string
	start, end int
}

func scanAll(text string, from int) []scannedLine {
	var out []scannedLine
	sc := lineScanner{text: text, pos: from}
	for {
		line, start, end, ok := sc.next()
		if !ok {
			return out
		}
		out = append(out, scannedLine{line, start, end})
	}
}

func TestLineScannerLineEnds(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []scannedLine
	}{
		{"lf", "a\nbc\n", []scannedLine{{"a", 0, 2}, {"bc", 2, 5}}},
		{"crlf", "a\r\nbc\r\n", []scannedLine{{"a", 0, 3}, {"bc", 3, 7}}},
		{"cr only", "a\rbc\r", []scannedLine{{"a", 0, 2}, {"bc", 2, 5}}},
		{"cr before crlf", "a\r\r\nb", []scannedLine{{"a", 0, 2}, {"", 2, 4}, {"b", 4, 5}}},
		{"cr lines then lf", "a\rb\rc\nd", []scannedLine{{"a", 0, 2}, {"b", 2, 4}, {"c", 4, 6}, {"d", 6, 7}}},
		{"lf then cr lines", "a\nb\rc\r", []scannedLine{{"a", 0, 2}, {"b", 2, 4}, {"c", 4, 6}}},
		{"no final line end", "a\nb", []scannedLine{{"a", 0, 2}, {"b", 2, 3}}},
		{"blank lines", "\n\r\n\r", []scannedLine{{"", 0, 1}, {"", 1, 3}, {"", 3, 4}}},
		{"empty", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, scanAll(tc.text, 0))
		})
	}
}

// TestLineScannerFromLineStart checks that a scanner started at a line
// start, as each chunk's is, returns the lines that a scan from the start
// of the text returns from there on.
func TestLineScannerFromLineStart(t *testing.T) {
	text := "a\r\nb\rc\n\rd\r\r\ne\nf"
	all := scanAll(text, 0)
	for i, l := range all {
		assert.Equal(t, all[i:], scanAll(text, l.start), "scan from offset %d", l.start)
	}
}

// TestLineScannerCROnlyIsLinear scans a CR-only text of 16 MB. A scan
// that looks for "\n" to the end of the text for every line reads about
// 2 TB for it, which takes over 10 s even at memory speed. A linear scan
// takes milliseconds.
func TestLineScannerCROnlyIsLinear(t *testing.T) {
	line := "2024-05-02T09:14:05.381Z <Info> [0x1][]A::b:one line of text\r"
	text := strings.Repeat(line, (16<<20)/len(line))
	sc := lineScanner{text: text}
	start := time.Now()
	lines := 0
	for {
		_, _, _, ok := sc.next()
		if !ok {
			break
		}
		lines++
		if lines%1000 == 0 && time.Since(start) > 2*time.Second {
			require.Failf(t, "scan too slow", "%d of %d lines in %v: finding line ends is not linear in the text size",
				lines, strings.Count(text, "\r"), time.Since(start))
		}
	}
	assert.Equal(t, strings.Count(text, "\r"), lines)
}
