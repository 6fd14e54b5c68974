package parsers

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpanOf(t *testing.T) {
	raw := "2024.05.02 09:14:00:123 CEST | Info | REGISTER sip:example.com SIP/2.0"
	at := strings.Index(raw, "REGISTER")
	tests := []struct {
		name string
		v    string
		want string
	}{
		{"substring", raw[at : at+len("REGISTER")], "REGISTER"},
		{"whole text", raw, raw},
		{"empty", "", ""},
		{"copy found by value", strings.Clone("SIP/2.0"), "SIP/2.0"},
		{"missing value", "INVITE", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, spanOf(raw, tt.v).of(raw))
		})
	}
}

func TestSpanOfReadsFromRaw(t *testing.T) {
	raw := "Call-ID: abc@host"
	s := spanOf(raw, raw[9:])
	got := s.of(raw)
	require.Equal(t, "abc@host", got)
	assert.Equal(t, unsafe.StringData(raw[9:]), unsafe.StringData(got), "the text is not copied")
	assert.Empty(t, s.of(raw[:5]), "a span past the end of a shorter text reads nothing")
}

func TestEntryFieldsWithoutFields(t *testing.T) {
	e := Entry{Raw: "no fields here"}
	getters := map[string]func() string{
		"TrackingID": e.TrackingID, "CorrelationID": e.CorrelationID, "HTTPMethod": e.HTTPMethod,
		"HTTPPath": e.HTTPPath, "UserAgent": e.UserAgent, "Remote": e.Remote, "OCICommand": e.OCICommand,
		"SIPMethod": e.SIPMethod, "SIPCallID": e.SIPCallID, "SIPCSeq": e.SIPCSeq,
	}
	for name, get := range getters {
		assert.Empty(t, get(), name)
	}
}

func TestFieldsReadBackFromRaw(t *testing.T) {
	raw := "2024.05.02 09:14:00:123 CEST | Info | Sip | Thread-1\n" +
		"SIP Bytes IN from 198.51.100.7:5060:\n" +
		"REGISTER sip:example.com SIP/2.0\n" +
		"Call-ID: 4f2a@198.51.100.7\n" +
		"CSeq: 2 REGISTER\n" +
		"X-BroadSoft-Correlation-ID: 8a1b2c3d-0000-4000-8000-000000000001"
	e := Entry{Raw: raw}
	var slab fieldSlab
	extractFields(&e, &slab)
	require.NotNil(t, e.Fields)

	assert.Equal(t, "REGISTER", e.SIPMethod())
	assert.Equal(t, "4f2a@198.51.100.7", e.SIPCallID())
	assert.Equal(t, "2 REGISTER", e.SIPCSeq())
	assert.Equal(t, "198.51.100.7:5060", e.Remote())
	assert.Equal(t, "8a1b2c3d-0000-4000-8000-000000000001", e.CorrelationID())
	assert.Equal(t, e.CorrelationID(), e.TrackingID(), "the correlation id replaces a missing tracking id")
}

// A value that ends past the first 64 KiB of an entry does not fit a
// shortSpan, and the values found before it must survive the move to wide.
func TestFieldsPastFirst64KiB(t *testing.T) {
	head := "2024.05.02 09:14:00:123 CEST | Info | Sip | Thread-1\n" +
		"SIP Bytes IN from 198.51.100.7:5060:\n" +
		"REGISTER sip:example.com SIP/2.0\n" +
		"CSeq: 2 REGISTER\n"
	const callID = "Call-ID: 4f2a@198.51.100.7"
	tests := []struct {
		name    string
		padding int
		wide    bool
	}{
		{"short entry", 0, false},
		{"Call-ID ends at 64 KiB", 0xFFFF - len(head) - len("X-Padding: \n") - len(callID), false},
		{"Call-ID ends past 64 KiB", 1 << 16, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := head + "X-Padding: " + strings.Repeat("x", tt.padding) + "\n" + callID
			e := Entry{Raw: raw}
			var slab fieldSlab
			extractFields(&e, &slab)
			require.NotNil(t, e.Fields)

			assert.Equal(t, tt.wide, e.Fields.wide != nil, "wide spans")
			assert.Equal(t, "REGISTER", e.SIPMethod())
			assert.Equal(t, "198.51.100.7:5060", e.Remote())
			assert.Equal(t, "4f2a@198.51.100.7", e.SIPCallID())
			assert.Equal(t, "2 REGISTER", e.SIPCSeq())
		})
	}
}

func TestFieldKeysContainTheirGate(t *testing.T) {
	tests := []struct {
		name  string
		keys  []Literal
		gates []Literal
	}{
		{"tracking ids", trackingKeys, []Literal{trackingGate}},
		{"status codes", statusKeys, statusGates},
		{"error codes", errorCodeKeys, []Literal{errorCodeGate}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, key := range tt.keys {
				found := false
				for _, gate := range tt.gates {
					found = found || strings.Contains(key.text, gate.text)
				}
				assert.True(t, found, "key %q contains a gate", key.text)
			}
		})
	}
}

func TestUserElementsNeedCloseTag(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{"closed element", "<command><userId>alice@example.com</userId></command>", []string{"alice@example.com"}},
		{"email element", "<email>bob@example.com</email>", []string{"bob@example.com"}},
		{"no close tag", "<userId>alice@example.com", nil},
		{"no element", "userId alice@example.com", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Entry{Raw: tt.raw}
			var slab fieldSlab
			extractFields(&e, &slab)
			var got []string
			if e.Fields != nil {
				got = e.Fields.Users
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
