package app

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPatternMemoGivesRegexpResults(t *testing.T) {
	expr := `StatusCode=(?P<status>[13-5]\d\d|2(?:0[1-9]|[1-9]\d))\b`
	p, err := newLadderPattern(expr)
	require.NoError(t, err)
	require.NotNil(t, p.rest, "the pattern has a lead and a rest")
	require.GreaterOrEqual(t, p.maxLen, 0, "the rest has a bounded length")
	re := regexp.MustCompile(expr)

	entries := []string{
		"Response: StatusCode=200 for CLIENT_1",
		"Response: StatusCode=401 for CLIENT_2",
		"x StatusCode=200 y",
		"Response: StatusCode=401 for CLIENT_3",
		"StatusCode=4011 is no status",
		"StatusCode=200, then StatusCode=503",
		"no status here",
	}
	var text entryText
	// Twice over, so that the second round reads the memo.
	for round := range 2 {
		for _, raw := range entries {
			text.reset(raw)
			assert.Equal(t, re.MatchString(raw), p.match(&text), "round %d match %q", round, raw)
			assert.Equal(t, re.FindStringSubmatchIndex(raw), p.submatch(&text), "round %d submatch %q", round, raw)
		}
	}
	assert.NotEmpty(t, text.memo, "short windows are kept")
}
