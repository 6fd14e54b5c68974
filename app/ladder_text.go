package app

import (
	"encoding/binary"
	"strings"
	"unsafe"

	"github.com/wxlog/wxlog/parsers"
)

// entryText is the raw text of one entry, with a lowered copy made on the
// first case-insensitive search, for the ladder scan.
type entryText struct {
	raw string
	// lower is raw with its ASCII letters lowered, valid once lowered is
	// set. The buffer is reused from entry to entry.
	lower   []byte
	lowered bool
	// ascii is set when raw contains only ASCII bytes, valid once lowered
	// is set.
	ascii bool
	// memo keeps the results of patterns on short windows, across the
	// entries of one scan (see runRest).
	memo map[restKey]restResult
}

// reset points t at the next entry's text.
func (t *entryText) reset(raw string) {
	t.raw = raw
	t.lowered = false
}

// folded returns raw with its ASCII letters lowered. The string shares the
// buffer that the next entry reuses, so it must not outlive this entry.
func (t *entryText) folded() string {
	if !t.lowered {
		t.lower, t.ascii = lowerASCII(t.lower, t.raw)
		t.lowered = true
	}
	if len(t.lower) == 0 {
		return ""
	}
	return unsafe.String(&t.lower[0], len(t.lower))
}

// isASCII reports whether the entry contains only ASCII bytes.
func (t *entryText) isASCII() bool {
	t.folded()
	return t.ascii
}

const (
	lowBits  = 0x7f7f7f7f7f7f7f7f
	highBits = 0x8080808080808080
	// Added to the low 7 bits of each byte, these set the byte's top bit
	// from 'A' (0x41) on and from '[' (0x5b, the byte after 'Z') on.
	fromUpperA = 0x3f3f3f3f3f3f3f3f
	pastUpperZ = 0x2525252525252525
)

// lowerASCII copies s into buf (grown as needed) with the letters A to Z
// lowered, and reports whether s contains only ASCII bytes. Other bytes
// are copied as they are, so a lowered ASCII needle equals a part of the
// result exactly where it equals that part of s ignoring ASCII case.
func lowerASCII(buf []byte, s string) ([]byte, bool) {
	if cap(buf) < len(s) {
		buf = make([]byte, len(s), len(s)+len(s)/2)
	}
	buf = buf[:len(s)]
	copy(buf, s)

	// Eight bytes at a time: a byte is an upper-case letter when its top
	// bit is clear, its low bits reach 'A' and do not pass 'Z'. Adding
	// 0x20 (the top bit shifted right twice) lowers it.
	var high uint64
	i := 0
	for ; i+8 <= len(buf); i += 8 {
		w := binary.LittleEndian.Uint64(buf[i:])
		high |= w
		low := w & lowBits
		upper := (low + fromUpperA) &^ (low + pastUpperZ) &^ w & highBits
		binary.LittleEndian.PutUint64(buf[i:], w|upper>>2)
	}
	ascii := high&highBits == 0
	for ; i < len(buf); i++ {
		c := buf[i]
		if c >= 0x80 {
			ascii = false
		} else if 'A' <= c && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	return buf, ascii
}

// ladderLiteral is a piece of text searched for by its rarest byte, in an
// entry's raw text or, when fold is set, in its lowered text.
type ladderLiteral struct {
	parsers.Literal
	// text is lowered when fold is set.
	text string
	fold bool
}

func newLadderLiteral(text string, fold bool) ladderLiteral {
	l := ladderLiteral{text: text, fold: fold}
	if fold {
		l.text = strings.ToLower(text)
	}
	l.Literal = parsers.NewRankedLiteral(l.text, func(c byte) uint8 { return foldedRank(c, fold) })
	return l
}

// foldedRank is byteRank, for a letter of lowered text the rank of its
// more frequent case, since the lowered text holds both.
func foldedRank(c byte, fold bool) uint8 {
	if fold && 'a' <= c && c <= 'z' {
		return max(byteRank[c], byteRank[c-'a'+'A'])
	}
	return byteRank[c]
}

// in reports whether the entry contains the text.
func (l *ladderLiteral) in(t *entryText) bool {
	return l.indexFrom(l.haystack(t), 0) >= 0
}

// haystack returns the entry text that l searches: raw or lowered.
func (l *ladderLiteral) haystack(t *entryText) string {
	if l.fold {
		return t.folded()
	}
	return t.raw
}

// indexFrom returns the index of the first occurrence of the text in s at
// or after from, or -1.
func (l *ladderLiteral) indexFrom(s string, from int) int {
	if i := l.Index(s[from:]); i >= 0 {
		return from + i
	}
	return -1
}
