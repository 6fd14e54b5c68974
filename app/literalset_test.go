package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLiteralSetMarksContainedLiterals(t *testing.T) {
	literals := []string{"SIP/2.0 4", "SIP/2.0 5", "SIP/2.0", "REGISTER sip", "401", "200010", "200051", "2000"}
	tests := []struct {
		name string
		text string
	}{
		{"none", "INVITE sip:alice@example.com"},
		{"one group member", "SIP/2.0 403 Forbidden"},
		{"member only at the second prefix", "Via: SIP/2.0/UDP host\r\nSIP/2.0 503 Service Unavailable"},
		{"two members of one group", "SIP/2.0 486 Busy\nSIP/2.0 500 Error"},
		{"prefix that is itself a literal", "SIP/2.0/TCP"},
		{"short single", "HTTP/1.1 401"},
		{"overlapping prefixes", "2000200051"},
		{"activation-portal code", "errorCode 200010 user not found"},
		{"text shorter than the prefix", "SIP"},
		{"empty text", ""},
	}
	set := newLiteralSet(literals)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			present := make([]bool, len(literals))
			for i := range present {
				present[i] = true // mark must clear stale marks
			}
			anyFound := set.mark(tt.text, present)
			wantAny := false
			for i, l := range literals {
				want := strings.Contains(tt.text, l)
				assert.Equal(t, want, present[i], "literal %q", l)
				wantAny = wantAny || want
			}
			assert.Equal(t, wantAny, anyFound)
		})
	}
}

func TestLiteralSetGroupsSharedPrefixes(t *testing.T) {
	set := newLiteralSet([]string{"SIP/2.0 3", "SIP/2.0 4", "REGISTER sip", "401"})
	assert.Len(t, set.groups, 1)
	assert.Equal(t, "SIP/2.0 ", set.groups[0].prefix.text)
	assert.Len(t, set.singles, 2)
}

func FuzzLiteralSet(f *testing.F) {
	f.Add("SIP/2.0 403 Forbidden", "SIP/2.0 4", "SIP/2.0 5", "200010")
	f.Add("2000200051", "200051", "2000", "20")
	f.Fuzz(func(t *testing.T, text, a, b, c string) {
		literals := []string{a, b, c}
		present := make([]bool, len(literals))
		anyFound := newLiteralSet(literals).mark(text, present)
		wantAny := false
		for i, l := range literals {
			want := strings.Contains(text, l)
			if present[i] != want {
				t.Fatalf("mark(%q) for %q = %v, strings.Contains says %v", text, l, present[i], want)
			}
			wantAny = wantAny || want
		}
		if anyFound != wantAny {
			t.Fatalf("mark(%q) found any = %v, want %v", text, anyFound, wantAny)
		}
	})
}
