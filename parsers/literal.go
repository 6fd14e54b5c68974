package parsers

import "strings"

// Literal is a piece of text searched for by its rarest byte.
//
// strings.Index finds candidates by the first byte of the text. In log
// text that byte is often a common one ("4" of "401", "/" of a path), and
// each false candidate costs a comparison. Searching for the byte that is
// rarest in log text, with strings.IndexByte, skips most of the text
// between candidates at memory speed.
type Literal struct {
	text string
	// rare is the byte searched for and off its index in text.
	rare byte
	off  int
}

// NewLiteral returns text prepared for searching.
func NewLiteral(text string) Literal { return NewRankedLiteral(text, ByteRank) }

// NewRankedLiteral returns text prepared for searching by the byte that
// rank orders first, such as a rank for lowered text that counts both
// cases of a letter.
func NewRankedLiteral(text string, rank func(c byte) uint8) Literal {
	l := Literal{text: text}
	for i := 0; i < len(text); i++ {
		if i == 0 || rank(text[i]) < rank(l.rare) {
			l.rare, l.off = text[i], i
		}
	}
	return l
}

// Text returns the text searched for.
func (l Literal) Text() string { return l.text }

// In reports whether s contains the text.
func (l Literal) In(s string) bool { return l.Index(s) >= 0 }

// Index returns the index of the first instance of the text in s, or -1.
func (l Literal) Index(s string) int {
	n := len(l.text)
	if n <= 1 || n > len(s) {
		return strings.Index(s, l.text)
	}
	// The rare byte of a match lies in s[l.off : len(s)-n+l.off+1].
	i, end := l.off, len(s)-n+l.off+1
	fails := 0
	for i < end {
		j := strings.IndexByte(s[i:end], l.rare)
		if j < 0 {
			return -1
		}
		i += j
		start := i - l.off
		if s[start:start+n] == l.text {
			return start
		}
		// When the rare byte turns out to be common in this text, the
		// library's search is faster than many short steps.
		fails++
		if fails > 8 && fails > i>>5 {
			if k := strings.Index(s[start+1:], l.text); k >= 0 {
				return start + 1 + k
			}
			return -1
		}
		i++
	}
	return -1
}

// ByteRank returns the rank of c among the byte values by how often they
// occur in log text, 0 for the rarest (see byteRank).
func ByteRank(c byte) uint8 { return byteRank[c] }

// byteRank orders the byte values by how often they occur in Webex and
// BroadWorks logs, 0 for the rarest. It was counted over the first 2 MB of
// each file of six sample cases (client and server logs) and of logs
// written by parsers/gen.
var byteRank = [256]uint8{
	0, 1, 2, 3, 4, 5, 6, 7, 8, 191, 225, 9, 10, 203, 11, 12,
	13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
	254, 29, 236, 170, 30, 171, 168, 164, 179, 180, 167, 190, 205, 238, 245, 237,
	253, 246, 251, 228, 240, 239, 223, 221, 227, 229, 242, 188, 230, 215, 231, 176,
	200, 197, 196, 216, 198, 210, 173, 189, 187, 219, 165, 184, 202, 192, 204, 201,
	212, 31, 185, 217, 222, 199, 182, 195, 172, 169, 181, 194, 32, 193, 33, 186,
	166, 250, 226, 247, 233, 255, 220, 211, 213, 235, 175, 206, 241, 232, 243, 252,
	234, 183, 244, 249, 248, 224, 207, 214, 218, 208, 174, 178, 209, 177, 34, 35,
	36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51,
	52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67,
	68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
	84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99,
	100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115,
	116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131,
	132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147,
	148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163,
}
