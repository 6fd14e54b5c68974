package app

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// skewsByFile estimates the skews of a corpus case over all its flows,
// keyed by the file name of each source.
func skewsByFile(t *testing.T, name string, shift func(format string) time.Duration) map[string]SkewEstimate {
	t.Helper()
	sources := loadLadderCase(t, name)
	for _, src := range sources {
		if d := shift(src.Format); d != 0 {
			for i := range src.Entries {
				src.Entries[i].Time += int64(d)
			}
		}
	}
	ladders, err := BuildLadders(sources, Scan(sources, nil), "")
	require.NoError(t, err)

	out := map[string]SkewEstimate{}
	for _, e := range EstimateSkews(ladders) {
		out[e.Source.Name[strings.LastIndex(e.Source.Name, "/")+1:]] = e
	}
	return out
}

func noShift(string) time.Duration { return 0 }

func TestSkewSamplesCountDistinctPairs(t *testing.T) {
	skews := skewsByFile(t, "config-parse-1507", noShift)
	cases := []struct {
		file    string
		samples int
	}{
		// The one DMS entry pairs with the client's download, which the
		// sign-in and the registration flow both show.
		{"dmsDebugLog2024.05.02-00.00.00.txt", 1},
		// Only the device-list request pairs with a client entry, and
		// both flows show it.
		{"XsiActionsLog2024.05.02-00.00.00.txt", 1},
		// The token request and the token response are two pairs.
		{"AuthenticationService2024.05.02-00.00.00.txt", 2},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			e, ok := skews[c.file]
			require.True(t, ok, "no estimate")
			assert.Equal(t, c.samples, e.Samples)
		})
	}
}

func TestSkewWithinNoise(t *testing.T) {
	for _, name := range []string{"config-parse-1507", "signin-ok", "register-403"} {
		t.Run(name, func(t *testing.T) {
			skews := skewsByFile(t, name, noShift)
			require.NotEmpty(t, skews)
			for file, e := range skews {
				assert.True(t, e.WithinNoise(), "%s: %v in [%v, %v]", file, e.Skew, e.Low, e.High)
			}
		})
	}

	ahead := func(format string) time.Duration {
		if format == "bw-xslog" {
			return 2 * time.Second
		}
		return 0
	}
	skews := skewsByFile(t, "signin-ok", ahead)
	xslog, ok := skews["XSLog2024.05.02-00.00.00.txt"]
	require.True(t, ok, "no estimate for XSLog")
	assert.False(t, xslog.WithinNoise(), "%v in [%v, %v]", xslog.Skew, xslog.Low, xslog.High)
}
