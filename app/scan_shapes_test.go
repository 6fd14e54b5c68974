package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssignShapes(t *testing.T) {
	matcher := func(pattern, exclude string, literals ...string) *EntryMatcher {
		m := &EntryMatcher{Pattern: pattern, Exclude: exclude, Literals: literals}
		m.Samples = []string{"x"}
		_ = m.compile("")
		require.NotEmpty(t, m.branches, pattern)
		return m
	}
	register := `(?m)REGISTER (?P<request_uri>sips?:\S+) SIP/2\.0\r?$`
	tests := []struct {
		name  string
		other *EntryMatcher
		same  bool
	}{
		{"named group made plain", matcher(`(?m)REGISTER sips?:\S+ SIP/2\.0\r?$`, "", "REGISTER sip"), true},
		{"same pattern", matcher(register, "", "REGISTER sip"), true},
		{"other literals", matcher(`(?m)REGISTER sips?:\S+ SIP/2\.0\r?$`, "", "REGISTER"), false},
		{"other exclusion", matcher(`(?m)REGISTER sips?:\S+ SIP/2\.0\r?$`, "Expires: 0", "REGISTER sip"), false},
		{"other pattern", matcher(`(?m)REGISTER sip:\S+ SIP/2\.0\r?$`, "", "REGISTER sip"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := []planItem{{matcher: matcher(register, "", "REGISTER sip")}, {matcher: tt.other}}
			n := assignShapes(items)
			assert.Equal(t, tt.same, items[0].shape == items[1].shape)
			assert.Equal(t, map[bool]int{true: 1, false: 2}[tt.same], n)
			assert.False(t, items[0].plain, "the trigger reports a group")
		})
	}
}
