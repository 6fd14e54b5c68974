package parsers

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBWSeverity(t *testing.T) {
	tests := []struct {
		in   string
		want Severity
	}{
		{"Info       ", SevInfo},
		{" FieldDebug ", SevDebug},
		{"WARN", SevWarning},
		{"Severe", SevError},
		{"finest", SevTrace},
		{"Notice", SevNotice},
		{"FATAL", SevFatal},
		{"informational", SevNone},
		{"", SevNone},
		// A long s lowers to itself, so it is not an s.
		{"\u017fevere", SevNone},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, bwSeverity(tt.in))
		})
	}
}

func TestPrintedZone(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"known zone", "2024.05.02 09:14:05:123 CEST | Info | Sip | T1 | hello\n", "CEST"},
		{"unknown zone", "2024.05.02 09:14:05:123 XYZT | Info | Sip | T1 | hello\n", ""},
		{"client log", "2024-05-02T09:14:02.101Z <Info> [0x1c0c] hello\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := Open(Item{Name: "XSLog.txt", Data: []byte(tt.text)}, Options{})
			require.NotEmpty(t, src.Entries)
			assert.Equal(t, tt.want, PrintedZone(src))
		})
	}
}
