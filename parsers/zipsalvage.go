package parsers

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/flate"
)

// A zip archive ends with a central directory that lists its entries.
// When that is damaged or missing, as in a cut download, every entry can
// still be found from the local header in front of its data:
//
//	PK\x03\x04 version flags method time date crc csize usize nameLen extraLen name extra data
//
// salvageZip reads the entries that way. An entry whose sizes are only in
// a trailing data descriptor (flag bit 3) is read up to the end of its
// deflate stream, or, when stored, up to the next local header.

var localHeaderSig = []byte("PK\x03\x04")

// localHeaderLen is the fixed part of a local file header.
const localHeaderLen = 30

// salvageZip walks a zip whose central directory could not be read, from
// its local headers. cause is why the central directory failed.
func (w *walker) salvageZip(data []byte, diskPath, name string, depth int, cause error) {
	members := localMembers(data)
	if len(members) == 0 {
		w.emit(Item{Name: name, Path: diskPath, Err: fmt.Errorf("invalid zip archive: %v, and no entry could be recovered from it", cause)})
		return
	}
	note := fmt.Sprintf("the zip's central directory is damaged or missing (%v): entry read from its local header", cause)
	w.walkZip(members, diskPath, name, depth, []string{note})
}

// localMembers finds the entries of data from their local headers.
func localMembers(data []byte) []zipMember {
	var members []zipMember
	pos := 0
	for {
		i := bytes.Index(data[pos:], localHeaderSig)
		if i < 0 || pos+i+localHeaderLen > len(data) {
			return members
		}
		pos += i
		h := data[pos : pos+localHeaderLen]
		flags := binary.LittleEndian.Uint16(h[6:])
		method := binary.LittleEndian.Uint16(h[8:])
		csize := int(binary.LittleEndian.Uint32(h[18:]))
		usize := uint64(binary.LittleEndian.Uint32(h[22:]))
		nameLen := int(binary.LittleEndian.Uint16(h[26:]))
		extraLen := int(binary.LittleEndian.Uint16(h[28:]))
		start := pos + localHeaderLen + nameLen + extraLen
		if start > len(data) {
			return members
		}
		memberName := string(data[pos+localHeaderLen : pos+localHeaderLen+nameLen])

		// Where the entry's data ends: from the header, or, for sizes in a
		// data descriptor, at the next local header.
		end := start + csize
		if flags&0x8 != 0 || end > len(data) || end < start {
			next := bytes.Index(data[start:], localHeaderSig)
			if next < 0 {
				end = len(data)
			} else {
				end = start + next
			}
		}
		body := data[start:end]
		m := zipMember{
			name: memberName, flags: flags, compressed: uint64(len(body)),
			dir: nameLen > 0 && memberName[nameLen-1] == '/',
		}
		if flags&0x8 == 0 {
			m.size = usize
		}
		switch method {
		case 0: // stored
			m.open = func() (io.ReadCloser, error) {
				return io.NopCloser(bytes.NewReader(body)), nil
			}
		case 8: // deflated
			m.open = func() (io.ReadCloser, error) {
				return flate.NewReader(bytes.NewReader(body)), nil
			}
		default:
			m.open = func() (io.ReadCloser, error) {
				return nil, fmt.Errorf("unsupported compression method %d", method)
			}
		}
		members = append(members, m)
		pos = max(end, pos+1)
	}
}

// readAllAt reads a whole file of the given size from its start.
func readAllAt(f *os.File, size int64) ([]byte, error) {
	data := make([]byte, size)
	n, err := f.ReadAt(data, 0)
	if err == io.EOF {
		err = nil
	}
	return data[:n], err
}
