package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLadderFlowsLoad(t *testing.T) {
	flows, err := Flows()
	require.NoError(t, err)
	require.Len(t, flows, 3)
	assert.Equal(t, FlowSignIn, flows[0].ID)

	signIn := flows[0]
	var ids []string
	for _, s := range signIn.Steps {
		ids = append(ids, s.ID)
	}
	assert.Equal(t, []string{"email-entered", "uap-redirect", "xsi-profile", "saml-assertion", "ci-token",
		"entitlement", "jwt-request", "authservice-token", "xsi-device-list", "dms-config", "sip-register"}, ids)

	var lifelines []string
	for _, l := range signIn.Lifelines {
		lifelines = append(lifelines, l.Title)
	}
	assert.Equal(t, []string{"User", "Webex App", "Webex cloud (CI / IdP proxy)", "XSP Xsi-Actions",
		"XSP authentication service", "BroadWorks AS (OCI-P)", "DMS", "SBC"}, lifelines)
}

// Every rule's samples must be evidence for it, and its must_not lines
// must not; a status rule must read a status code from each sample.
func TestLadderRuleSamples(t *testing.T) {
	flows, err := Flows()
	require.NoError(t, err)
	for _, f := range flows {
		rules := append([]*EvidenceRule{}, f.Markers...)
		for _, s := range f.Steps {
			rules = append(rules, s.Rules...)
		}
		for _, r := range rules {
			t.Run(f.ID+"/"+r.ID, func(t *testing.T) {
				require.NotEmpty(t, r.Samples)
				require.NotEmpty(t, r.MustNot, "every rule needs a line it must not match")
				for _, line := range r.Samples {
					assert.True(t, r.matches(line), "sample does not match: %q", line)
					if r.Outcome == OutcomeStatus {
						_, code := r.verdict(line)
						assert.NotZero(t, code, "no status code read from %q", line)
					}
				}
				for _, line := range r.MustNot {
					assert.False(t, r.matches(line), "must_not line matches: %q", line)
				}
			})
		}
	}
}

func TestLadderStepFormats(t *testing.T) {
	flows, err := Flows()
	require.NoError(t, err)
	signIn := flows[0]
	tests := []struct {
		step    string
		formats []string
	}{
		{"email-entered", []string{"webex-android", "webex-desktop"}},
		{"xsi-profile", []string{"access-log", "bw-xsi-actions"}},
		{"authservice-token", []string{"access-log", "bw-auth-service"}},
		{"xsi-device-list", []string{"access-log", "bw-auth-service", "bw-xsi-actions", "webex-android", "webex-desktop"}},
		{"dms-config", []string{"access-log", "bw-dms", "webex-android", "webex-desktop"}},
		{"sip-register", []string{"bw-xslog", "webex-bwc", "webex-desktop"}},
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			require.NotNil(t, signIn.Step(tt.step))
			assert.Equal(t, tt.formats, signIn.Step(tt.step).Formats())
		})
	}
}

func TestParseFlowErrors(t *testing.T) {
	const rule = `{"id": "r", "formats": ["webex-desktop"], "match": "x", "outcome": "pass", "samples": ["x"], "must_not": ["y"]}`
	step := func(r string) string {
		return `{"id": "f", "lifelines": [{"id": "a", "title": "A"}], "steps": [{"id": "s", "from": "a", "to": "a", "label": "l", "collect": "c", "rules": [` + r + `]}]}`
	}
	tests := []struct {
		name, data, want string
	}{
		{"invalid json", `{"id": `, "invalid JSON"},
		{"no steps", `{"id": "f", "lifelines": [{"id": "a"}]}`, "id, lifelines and steps are required"},
		{"unknown lifeline", `{"id": "f", "lifelines": [{"id": "a"}], "steps": [{"id": "s", "from": "a", "to": "b", "collect": "c", "rules": [` + rule + `]}]}`, `unknown lifeline`},
		{"bad outcome", step(`{"id": "r", "formats": ["x"], "match": "x", "outcome": "maybe", "samples": ["x"]}`), `unknown outcome "maybe"`},
		{"status without group", step(`{"id": "r", "formats": ["x"], "match": "x", "outcome": "status", "samples": ["x"]}`), "(?P<status>...)"},
		{"invalid pattern", step(`{"id": "r", "formats": ["x"], "match": "(", "outcome": "pass", "samples": ["x"]}`), "invalid or missing match pattern"},
		{"unknown after", step(`{"id": "r", "formats": ["x"], "match": "x", "outcome": "pass", "after": ["nope"], "samples": ["x"]}`), `after "nope" names no rule`},
		{"no formats", step(`{"id": "r", "match": "x", "outcome": "pass", "samples": ["x"]}`), "formats are required"},
		{"check without pass_if", step(`{"id": "r", "formats": ["x"], "match": "x", "outcome": "check", "samples": ["x"]}`), "needs pass_if"},
		{"no samples", step(`{"id": "r", "formats": ["x"], "match": "x", "outcome": "pass"}`), "sample is required"},
		{"unknown start", `{"id": "f", "starts": ["nope"], "lifelines": [{"id": "a"}], "steps": [{"id": "s", "from": "a", "to": "a", "collect": "c", "rules": [` + rule + `]}]}`, `start "nope" names no rule`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFlow([]byte(tt.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestStatusOutcome(t *testing.T) {
	tests := []struct {
		code int
		want string
	}{
		{100, OutcomeTrace}, {200, OutcomePass}, {204, OutcomePass}, {302, OutcomeTrace},
		{401, OutcomeTrace}, {407, OutcomeTrace}, {403, OutcomeFail}, {404, OutcomeFail},
		{409, OutcomeFail}, {500, OutcomeFail}, {503, OutcomeFail},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, statusOutcome(tt.code), "status %d", tt.code)
	}
}

func TestBaseTrackingID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355", "CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"},
		{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355_12", "CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"},
		{"alice_0", ""},
		{"client_3396b39e-e79c-47bf-96c5-54ff85430355", ""},
		{"CLIENT_3396b39e+e79c-47bf-96c5-54ff85430355", ""},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, baseTrackingID(tt.in), tt.in)
	}
}
