package parsers

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReparseKeepsLoadProblems(t *testing.T) {
	text := "2024.05.02 11:14:17:341 XYZ | Info       | Xsi-Actions | exec-1\n\n\tRequest: GET /x from 192.0.2.1\n"
	item := Item{Name: "XsiActionsLog.txt", Data: []byte(text), Notes: []string{`entry name "a\\b" uses backslashes`}}

	src := Open(item, Options{})
	require.Len(t, src.Entries, 1)
	require.Len(t, src.Problems, 2, "the load note and the unknown zone")
	assert.Equal(t, "2024-05-02T11:14:17.341Z", src.Entries[0].When().Format(time.RFC3339Nano))

	copenhagen, err := time.LoadLocation("Europe/Copenhagen")
	require.NoError(t, err)
	Reparse(src, Options{Zone: copenhagen, ForceZone: true})

	require.Len(t, src.Entries, 1)
	assert.Equal(t, "2024-05-02T09:14:17.341Z", src.Entries[0].When().Format(time.RFC3339Nano))
	require.Len(t, src.Problems, 1, "the zone problem is gone once the zone is forced")
	assert.Contains(t, src.Problems[0], "backslashes")
}

func TestLooksBinary(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want bool
	}{
		{"log line with one NUL", []byte("2024-05-02T09:14:02.101Z <Info> [0x1c0c][]A.cpp:1 A::b:x\x00y\n"), false},
		{"short log with one NUL", append([]byte("a short line of text that is a log\n"), 0, '\n'), false},
		{"NUL padded block", make([]byte, 64), true},
		{"control bytes", []byte("\x01\x02\x03\x04\x05\x06\x07\x08abc"), true},
		{"plain text", []byte("hello\r\nworld\n"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, looksBinary(tc.data))
		})
	}
}

func TestTarClaimingHugeSizeStaysSmall(t *testing.T) {
	// A tar header claiming 1.5 GiB in front of a few bytes of data: the
	// reader must not reserve the claimed size before reading.
	var hdr [512]byte
	copy(hdr[0:], "huge.log")
	copy(hdr[100:], "0000644\x00")
	copy(hdr[124:], fmt.Sprintf("%011o\x00", int64(3)<<29))
	copy(hdr[136:], "00000000000\x00")
	hdr[156] = '0'
	copy(hdr[257:], "ustar\x0000")
	copy(hdr[148:], "        ")
	sum := 0
	for _, b := range hdr {
		sum += int(b)
	}
	copy(hdr[148:], fmt.Sprintf("%06o\x00 ", sum))
	data := append(hdr[:], []byte("2024-05-02T09:14:02.101Z <Info> [0x1][]A.cpp:1 A::b:c\n")...)

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var items []Item
	require.NoError(t, WalkData(context.Background(), "case.tar", data, Limits{}, func(it Item) { items = append(items, it) }))
	runtime.ReadMemStats(&after)

	require.NotEmpty(t, items)
	assert.Equal(t, "case.tar/huge.log", items[0].Name)
	assert.Error(t, items[0].Err, "the member is cut short")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(256<<20), "allocated far less than the claimed size")
}
