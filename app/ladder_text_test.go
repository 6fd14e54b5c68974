package app

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// lowerASCIIByByte is the plain loop that lowerASCII must agree with.
func lowerASCIIByByte(s string) (string, bool) {
	b := []byte(s)
	ascii := true
	for i, c := range b {
		switch {
		case c >= 0x80:
			ascii = false
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b), ascii
}

func TestLowerASCII(t *testing.T) {
	tests := []struct {
		name, in, want string
		ascii          bool
	}{
		{"empty", "", "", true},
		{"short", "AbC", "abc", true},
		{"word", "HTTP/1.1 200 OK", "http/1.1 200 ok", true},
		{"letter edges", "@AZ[`az{", "@az[`az{", true},
		{"long", "Sign-In STARTED for Alice@Example.COM", "sign-in started for alice@example.com", true},
		{"kelvin sign kept", "TOKEN \u212Aelvin", "token \u212aelvin", false},
		// 0xC1 and 0xDA have the low bits of 'A' and 'Z'.
		{"high bytes kept", "ABCDEFG\xc1\xdaXYZ", "abcdefg\xc1\xdaxyz", false},
		{"non-ASCII in tail", "ABCDEFGH\xe2\x84\xaa", "abcdefgh\xe2\x84\xaa", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ascii := lowerASCII(nil, tt.in)
			assert.Equal(t, tt.want, string(got))
			assert.Equal(t, tt.ascii, ascii)
		})
	}
}

func TestLowerASCIIAgreesWithByteLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf []byte
	for n := range 200 {
		b := make([]byte, n)
		for i := range b {
			// Mostly ASCII, with some high bytes.
			b[i] = byte(rng.IntN(0x90))
		}
		s := string(b)
		want, wantASCII := lowerASCIIByByte(s)
		var ascii bool
		buf, ascii = lowerASCII(buf, s)
		assert.Equal(t, want, string(buf), "input %q", s)
		assert.Equal(t, wantASCII, ascii, "input %q", s)
	}
}

func TestEntryTextReusesBuffer(t *testing.T) {
	var et entryText
	et.reset("FIRST Entry With Some Length")
	assert.Equal(t, "first entry with some length", et.folded())
	assert.True(t, et.isASCII())

	et.reset("Zwei \u00dcber")
	assert.Equal(t, "zwei \u00dcber", et.folded())
	assert.False(t, et.isASCII())

	et.reset("")
	assert.Equal(t, "", et.folded())
	assert.True(t, et.isASCII())
}

func TestLadderLiteralIndexFrom(t *testing.T) {
	// Many candidates for the rare byte, to reach the fallback search.
	commonRare := strings.Repeat("zq", 300) + "zqx"
	tests := []struct {
		name, text string
		fold       bool
		hay        string
		from, want int
	}{
		{"found", "HTTP/1.", false, "xx HTTP/1.1 200", 0, 3},
		{"missing", "HTTP/1.", false, "xx HTTP/2 200", 0, -1},
		{"from skips first", "ab", false, "ab ab", 1, 3},
		{"from at match", "ab", false, "ab ab", 3, 3},
		{"one byte", "@", false, "alice@example.com", 0, 5},
		{"longer than text", "REGISTER sip:", false, "REGISTER", 0, -1},
		{"at end", "end", false, "the end", 0, 4},
		{"fold is lowered", "Token Generated", true, "a token generated", 0, 2},
		{"overlapping", "aa", false, "baaa", 2, 2},
		{"fallback after many misses", "zqx", false, commonRare, 0, len(commonRare) - 3},
		{"fallback missing", "zqy", false, commonRare, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLadderLiteral(tt.text, tt.fold)
			assert.Equal(t, tt.want, l.indexFrom(tt.hay, tt.from))
		})
	}
}

func TestLadderLiteralInFoldsCase(t *testing.T) {
	tests := []struct {
		text, raw  string
		fold, want bool
	}{
		{"activation portal", "Loaded the Activation PORTAL page", true, true},
		{"activation portal", "Loaded the Activation PORTAL page", false, false},
		{"Activation portal", "Loaded the Activation portal page", false, true},
		{"found sbc", "FOUND SBC at 203.0.113.5", true, true},
		{"found sbc", "found proxy", true, false},
	}
	for _, tt := range tests {
		var et entryText
		et.reset(tt.raw)
		l := newLadderLiteral(tt.text, tt.fold)
		assert.Equal(t, tt.want, l.in(&et), "%q in %q, fold %v", tt.text, tt.raw, tt.fold)
	}
}

func TestFoldedRankCountsBothCases(t *testing.T) {
	for c := byte('a'); c <= 'z'; c++ {
		upper := c - 'a' + 'A'
		assert.Equal(t, max(byteRank[c], byteRank[upper]), foldedRank(c, true), "letter %c", c)
		assert.Equal(t, byteRank[c], foldedRank(c, false), "letter %c", c)
	}
	assert.Equal(t, byteRank['/'], foldedRank('/', true))
}
