package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLadderFailureAfter2xxAtClient(t *testing.T) {
	cases := []struct {
		name, flow, step, note string
	}{
		{"config-parse-1507", FlowSignIn, "dms-config", "200 from DMS, but the client failed afterwards"},
		{"device-profile-missing", FlowSignIn, "xsi-device-list", "200 from XSP Xsi-Actions, but the client failed afterwards"},
		{"device-profile-missing", FlowRegistration, "device-management-token", "200 from XSP Xsi-Actions, but the client failed afterwards"},
	}
	for _, c := range cases {
		t.Run(c.name+"/"+c.step, func(t *testing.T) {
			sources := loadLadderCase(t, c.name)
			ladders, err := BuildLadders(sources, Scan(sources, nil), "")
			require.NoError(t, err)
			var at *Attempt
			var flow *FlowDef
			for _, l := range ladders {
				if l.Flow.ID == c.flow {
					at, flow = l.Current(), l.Flow
				}
			}
			require.NotNil(t, at)
			s := stepOf(t, at, c.step)

			assert.Equal(t, StatusFailed, s.Status)
			assert.Equal(t, "app", s.FailedAt)
			assert.Equal(t, 200, s.AnswerCode)
			assert.Contains(t, s.Note, c.note)
			assert.Contains(t, s.Note, s.Signature())

			svg := SVG(flow, at)
			group := svg[strings.Index(svg, `<g id="step-`+c.step+`">`):]
			group = group[:strings.Index(group, "</g>")]
			assert.Contains(t, group, `<line`)
			assert.Contains(t, group, `stroke="`+StatusColor(StatusFailed)+`" stroke-width="2"/>`, "the arrow is drawn as failed")
			assert.NotContains(t, group, StatusColor(StatusPassed), "no part of a failed step is drawn as passed")
			assert.Contains(t, group, `stroke="`+StatusColor(StatusFailed)+`" stroke-width="3"/>`, "a cross marks the client's end")

			mermaid := Mermaid(flow, at)
			assert.Regexp(t, `\n    \w+-x\w+: `+regexp.QuoteMeta(StatusIcon(StatusFailed)+" "+T(s.Label)), mermaid, "the arrow ends in a cross")
			assert.Contains(t, mermaid, "Note over app: 200 from")
		})
	}
}
