package parsers

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLiteralAgreesWithContains(t *testing.T) {
	digits := strings.Repeat("4012 4013 ", 40)
	tests := []struct {
		name, text, lit string
	}{
		{"empty literal", "abc", ""},
		{"one byte", "abc", "b"},
		{"at start", "[Error 4962] locked", "[Error 4962]"},
		{"at end", "HTTP/1.1 401", " 401"},
		{"absent", "HTTP/1.1 200 OK", " 401"},
		{"longer than text", "401", "HTTP/1.1 401"},
		{"equal to text", "Bearer", "Bearer"},
		{"rare byte repeated before the match", "[[[[[Error 4962]", "[Error 4962]"},
		{"many false candidates then a match", digits + "x 401 y", " 401 "},
		{"many false candidates and no match", digits, " 401 "},
		{"rare byte at the very end only", "abcdef]", "[Error]"},
		{"match ends at the last byte", "prefix SIP/2.0 4", "SIP/2.0 4"},
		{"non-ASCII text", "æøå REGISTER sip:å", "REGISTER sip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, strings.Contains(tt.text, tt.lit), NewLiteral(tt.lit).In(tt.text))
			assert.Equal(t, strings.Index(tt.text, tt.lit), NewLiteral(tt.lit).Index(tt.text))
		})
	}
}

func TestLiteralPicksTheRarestByte(t *testing.T) {
	l := NewLiteral("/profile HTTP/")
	assert.NotEqual(t, byte('/'), l.rare, "'/' is among the most common bytes of log text")
	assert.Equal(t, l.rare, l.text[l.off])
}

func FuzzLiteral(f *testing.F) {
	f.Add("HTTP/1.1 401 Unauthorized", " 401")
	f.Add("[Error 4962]", "[Error 4962]")
	f.Add(strings.Repeat("4", 300)+"401", "401")
	f.Fuzz(func(t *testing.T, text, lit string) {
		if got, want := NewLiteral(lit).Index(text), strings.Index(text, lit); got != want {
			t.Fatalf("Index(%q, %q) = %d, strings.Index returns %d", text, lit, got, want)
		}
	})
}
