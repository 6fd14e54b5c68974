package parsers

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
