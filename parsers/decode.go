package parsers

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// decodeText turns file content into the text parsers read. It strips a
// UTF-8 byte order mark, converts UTF-16 with a byte order mark to UTF-8,
// and reports content that is not text. Text that is not valid UTF-8 is
// kept as it is, because BroadWorks writes ISO-8859-1; Text converts it
// when it is shown.
func decodeText(data []byte) (text string, encoding string, binary bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return bytesText(data[3:]), "utf-8 (BOM)", false
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false), "utf-16le", false
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true), "utf-16be", false
	}
	if looksBinary(data) {
		return "", "", true
	}
	if utf8.Valid(data) {
		return bytesText(data), "utf-8", false
	}
	return bytesText(data), "iso-8859-1", false
}

// bytesText returns data as a string without copying it. Nothing writes to
// an item's bytes after they are read (see Item.Data), so the string stays
// constant, and a file is not held twice while it is parsed. The exception
// is a memory-mapped file that another program changes on disk: the
// mapping shows the change.
func bytesText(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	return unsafe.String(&data[0], len(data))
}

// isUTF16 reports whether data starts with a UTF-16 byte order mark: such
// text is converted when it is decoded, so it is never used in place.
func isUTF16(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

func decodeUTF16(data []byte, bigEndian bool) string {
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return string(utf16.Decode(units))
}

// minBinaryNULs is how many NUL bytes a sample needs before the NUL share
// counts: a short log with one stray NUL stays text.
const minBinaryNULs = 4

// binarySampleBytes is how much of a file the binary check reads.
const binarySampleBytes = 8 << 10

// looksBinary reports whether the start of data is not text: more than
// 1% NUL bytes (and at least minBinaryNULs), or more than 10% control
// bytes other than tab, CR, LF, form feed and escape.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > binarySampleBytes {
		sample = sample[:binarySampleBytes]
	}
	if len(sample) == 0 {
		return false
	}
	nul, ctrl := 0, 0
	for _, c := range sample {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b:
			ctrl++
		}
	}
	if nul*100 > len(sample) && nul >= minBinaryNULs || ctrl*10 > len(sample) {
		return true
	}
	// High bytes that do not form UTF-8 or Latin-1 text: count bytes in
	// 0x80-0x9F, which ISO-8859-1 text does not use.
	c1 := 0
	if !utf8.Valid(trimPartialRune(sample)) {
		for _, c := range sample {
			if c >= 0x80 && c <= 0x9f {
				c1++
			}
		}
	}
	return c1*20 > len(sample)
}

// trimPartialRune drops a UTF-8 sequence cut at the end of a sample.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < 3 && len(b) > 0; i++ {
		r, _ := utf8.DecodeLastRune(b)
		if r != utf8.RuneError {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}
