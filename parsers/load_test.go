package parsers

import (
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
