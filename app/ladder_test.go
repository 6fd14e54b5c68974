package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

const ladderCorpus = "testdata/ladder/corpus"

// loadLadderCase loads the named files (or the whole case when none are
// named) of a corpus case copy.
func loadLadderCase(t *testing.T, name string, files ...string) []*parsers.Source {
	t.Helper()
	dir := filepath.Join(ladderCorpus, name)
	paths := []string{dir}
	if len(files) > 0 {
		paths = nil
		for _, f := range files {
			paths = append(paths, filepath.Join(dir, f))
		}
	}
	ws, err := Load(context.Background(), paths, Config{}, nil)
	require.NoError(t, err)
	return ws.Snapshot()
}

func buildSignIn(t *testing.T, sources []*parsers.Source, findings []Finding, attempt string) *Ladder {
	t.Helper()
	ladders, err := BuildLadders(sources, findings, attempt)
	require.NoError(t, err)
	require.Equal(t, FlowSignIn, ladders[0].Flow.ID)
	return ladders[0]
}

func statuses(at *Attempt) map[string]StepStatus {
	out := map[string]StepStatus{}
	for _, s := range at.Steps {
		out[s.ID] = s.Status
	}
	return out
}

func stepOf(t *testing.T, at *Attempt, id string) *Step {
	t.Helper()
	for _, s := range at.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no step %s", id)
	return nil
}

// entryRef finds the first entry of a source whose raw text contains text.
func entryRef(t *testing.T, sources []*parsers.Source, sourceSuffix, text string) EntryRef {
	t.Helper()
	for _, src := range sources {
		if !strings.HasSuffix(src.Name, sourceSuffix) {
			continue
		}
		for i := range src.Entries {
			if strings.Contains(src.Entries[i].Raw, text) {
				return EntryRef{Source: src, Index: i}
			}
		}
	}
	t.Fatalf("no entry with %q in %s", text, sourceSuffix)
	return EntryRef{}
}

func TestLadderChallengeThenOKPasses(t *testing.T) {
	sources := loadLadderCase(t, "signin-ok")
	at := buildSignIn(t, sources, nil, "").Current()
	require.NotNil(t, at)

	sip := stepOf(t, at, "sip-register")
	assert.Equal(t, StatusPassed, sip.Status)
	assert.Equal(t, "status codes 401, 200", sip.Note)
	assert.Len(t, sip.Evidence, 8, "four SIP messages in the client log and four in XSLog")

	dms := stepOf(t, at, "dms-config")
	assert.Equal(t, StatusPassed, dms.Status)
	assert.Equal(t, "status codes 401, 200", dms.Note)
}

func TestLadderFindingFailsStep(t *testing.T) {
	sources := loadLadderCase(t, "config-parse-1507")
	sig := &Signature{ID: "bwc-config-parse-failed", Severity: "error", Step: "dms-config",
		Title: Localized{En: "The device configuration cannot be parsed"}}
	ref := entryRef(t, sources, "current_log", "errorCode=1507")
	findings := []Finding{{Signature: sig, EntryRef: ref}}

	at := buildSignIn(t, sources, findings, "").Current()
	require.NotNil(t, at)
	dms := stepOf(t, at, "dms-config")
	assert.Equal(t, StatusFailed, dms.Status, "a finding fails the step although DMS served the file")
	assert.Same(t, &findings[0], dms.Finding)
	assert.Equal(t, "bwc-config-parse-failed", dms.Signature())
	assert.Equal(t, ref, dms.Evidence[0], "the failing entry comes first")
	assert.Contains(t, dms.Note, "cannot be parsed")

	sip := stepOf(t, at, "sip-register")
	assert.Equal(t, StatusNotSeen, sip.Status)
	assert.Equal(t, "not reached: dms-config failed", sip.Note)
}

func TestLadderInfoFindingDoesNotFail(t *testing.T) {
	sources := loadLadderCase(t, "signin-ok")
	sig := &Signature{ID: "note-only", Severity: "info", Step: "dms-config"}
	findings := []Finding{{Signature: sig, EntryRef: entryRef(t, sources, "current_log.txt", "config-wxt.xml")}}
	at := buildSignIn(t, sources, findings, "").Current()
	assert.Equal(t, StatusPassed, stepOf(t, at, "dms-config").Status)
}

func TestLadderStatusRuleFailsWithoutFinding(t *testing.T) {
	sources := loadLadderCase(t, "token-fetch-1502")
	at := buildSignIn(t, sources, nil, "").Current()
	require.NotNil(t, at)

	jwt := stepOf(t, at, "jwt-request")
	assert.Equal(t, StatusFailed, jwt.Status)
	assert.Nil(t, jwt.Finding)
	assert.Equal(t, "bwc-token-error", jwt.Signature())
	assert.Equal(t, "rejected with status 403", jwt.Note)

	auth := stepOf(t, at, "authservice-token")
	assert.Equal(t, StatusNotSeen, auth.Status, "access_log is loaded but holds no token request")
	// The cloud calls the authentication service while it handles the JWT
	// request, so the failed request does not mean the call never came.
	assert.Equal(t, "the loaded logs contain no trace of this step", auth.Note)
}

func TestLadderClientLogsOnly(t *testing.T) {
	sources := loadLadderCase(t, "signin-ok", "client")
	at := buildSignIn(t, sources, nil, "").Current()
	require.NotNil(t, at)

	got := statuses(at)
	for _, id := range []string{"xsi-profile", "authservice-token"} {
		assert.Equal(t, StatusNoLogs, got[id], id)
		s := stepOf(t, at, id)
		assert.NotEmpty(t, s.Collect, id)
		assert.Contains(t, s.Note, s.Collect, id)
	}
	for _, id := range []string{"email-entered", "uap-redirect", "saml-assertion", "ci-token", "entitlement",
		"jwt-request", "xsi-device-list", "dms-config", "sip-register"} {
		assert.Equal(t, StatusPassed, got[id], id)
	}
	assert.True(t, at.Client)
	assert.Equal(t, "CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355", at.ID)
}

func TestLadderServerLogsOnly(t *testing.T) {
	sources := loadLadderCase(t, "signin-ok", "server")
	at := buildSignIn(t, sources, nil, "").Current()
	require.NotNil(t, at)

	got := statuses(at)
	for _, id := range []string{"email-entered", "uap-redirect", "saml-assertion", "ci-token", "entitlement", "jwt-request"} {
		assert.Equal(t, StatusNoLogs, got[id], id)
		assert.Contains(t, stepOf(t, at, id).Collect, "current_log.txt", id)
	}
	for _, id := range []string{"xsi-profile", "authservice-token", "xsi-device-list", "dms-config", "sip-register"} {
		assert.Equal(t, StatusPassed, got[id], id)
	}
	assert.False(t, at.Client)
}

func TestLadderSeveralAttempts(t *testing.T) {
	ws, err := Load(context.Background(), []string{"testdata/ladder/attempts"}, Config{}, nil)
	require.NoError(t, err)
	l := buildSignIn(t, ws.Snapshot(), nil, "")
	require.Len(t, l.Attempts, 2)

	newest, older := l.Attempts[0], l.Attempts[1]
	assert.Equal(t, "CLIENT_22222222-e79c-47bf-96c5-54ff85430355", newest.ID)
	assert.Equal(t, "CLIENT_11111111-e79c-47bf-96c5-54ff85430355", older.ID)
	assert.Same(t, newest, l.Current(), "the newest attempt is shown by default")
	assert.Equal(t, StatusPassed, stepOf(t, newest, "jwt-request").Status)
	assert.Equal(t, StatusPassed, stepOf(t, newest, "entitlement").Status)

	ent := stepOf(t, older, "entitlement")
	assert.Equal(t, StatusFailed, ent.Status)
	assert.Equal(t, "the broadworks-connector entitlement is missing", ent.Note)
	assert.Equal(t, StatusNotSeen, stepOf(t, older, "jwt-request").Status)

	require.True(t, l.Select("CLIENT_11111111-e79c-47bf-96c5-54ff85430355_3"), "a suffixed id selects its attempt")
	assert.Same(t, older, l.Current())
	assert.False(t, l.Select("CLIENT_99999999-e79c-47bf-96c5-54ff85430355"))
	assert.Nil(t, l.Current())
}

func TestLadderAttemptFlagNotFound(t *testing.T) {
	ws, err := Load(context.Background(), []string{filepath.Join(ladderCorpus, "signin-ok")}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{Attempt: "CLIENT_99999999-e79c-47bf-96c5-54ff85430355"})
	err = a.CheckAttempt()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355")
	assert.Nil(t, a.LadderReport())

	a = Analyze(ws, AnalyzeOptions{Attempt: "CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"})
	require.NoError(t, a.CheckAttempt())
	require.NotNil(t, a.LadderReport())
}

func TestLadderProvisioningFlow(t *testing.T) {
	sources := loadLadderCase(t, "provisioning-409")
	ladders, err := BuildLadders(sources, nil, "")
	require.NoError(t, err)

	var prov, signIn *Ladder
	for _, l := range ladders {
		switch l.Flow.ID {
		case FlowProvisioning:
			prov = l
		case FlowSignIn:
			signIn = l
		}
	}
	require.NotNil(t, signIn)
	assert.Empty(t, signIn.Attempts, "a PSLog alone holds no sign-in")
	require.NotNil(t, prov)
	require.Len(t, prov.Attempts, 1)
	at := prov.Current()

	assert.Equal(t, map[string]StepStatus{
		"service-assign":  StatusPassed,
		"bridge-request":  StatusPassed,
		"bridge-response": StatusFailed,
		"as-result":       StatusFailed,
	}, statuses(at))

	req := stepOf(t, at, "bridge-request")
	assert.Equal(t, map[string]string{
		"target":             "https://bridge.broadworks.example.webex.com/provisioning/v1/subscribers",
		"bwuserid":           "alice.bw@example.net",
		"group":              "Example Group",
		"serviceProvider":    "Example Enterprise",
		"primaryPhoneNumber": "+4555550100",
		"email":              "alice@example.com",
	}, req.Details)

	resp := stepOf(t, at, "bridge-response")
	assert.Equal(t, "rejected with status 409", resp.Note)
	assert.Equal(t, "User with email alice@example.com already exists", resp.Details["message"])

	result := stepOf(t, at, "as-result")
	assert.Equal(t, "[Error 18215] Provisioning error with messaging server", result.Details["summary"])
}

func TestLadderProvisioningFindings(t *testing.T) {
	sources := loadLadderCase(t, "provisioning-409")
	exists := &Signature{ID: "provisioning-user-exists", Severity: "error", Step: "provisioning"}
	imp := &Signature{ID: "imp-provisioning-error", Severity: "error", Step: "provisioning"}
	findings := []Finding{
		{Signature: exists, EntryRef: entryRef(t, sources, "PSLog2024.05.02-00.00.00.txt", "409 Conflict")},
		{Signature: imp, EntryRef: entryRef(t, sources, "PSLog2024.05.02-00.00.00.txt", "[Error 18215] Provisioning error with messaging server: HTTP 409")},
	}
	ladders, err := BuildLadders(sources, findings, "")
	require.NoError(t, err)
	for _, l := range ladders {
		if l.Flow.ID != FlowProvisioning {
			continue
		}
		at := l.Current()
		require.NotNil(t, at)
		assert.Equal(t, "provisioning-user-exists", stepOf(t, at, "bridge-response").Signature())
		assert.Equal(t, "imp-provisioning-error", stepOf(t, at, "as-result").Signature())
	}
}

func TestLadderRegistrationFlow(t *testing.T) {
	sources := loadLadderCase(t, "register-403")
	ladders, err := BuildLadders(sources, nil, "")
	require.NoError(t, err)
	for _, l := range ladders {
		if l.Flow.ID != FlowRegistration {
			continue
		}
		at := l.Current()
		require.NotNil(t, at)
		assert.Equal(t, map[string]StepStatus{
			"device-management-token": StatusPassed,
			"dms-profile":             StatusPassed,
			"sip-credentials":         StatusPassed,
			"sip-register":            StatusFailed,
			"sbc-to-as":               StatusFailed,
		}, statuses(at))
		assert.Equal(t, "https://xsp1.example.net/dms/bc/pc/", stepOf(t, at, "device-management-token").Details["dms_url"])
		return
	}
	t.Fatal("no registration flow")
}

func TestLadderSkewEstimate(t *testing.T) {
	sources := loadLadderCase(t, "signin-ok")
	l := buildSignIn(t, sources, nil, "")
	for _, e := range EstimateSkews([]*Ladder{l}) {
		assert.False(t, isClientFormat(e.Source.Format), e.Source.Name)
		assert.InDelta(t, 0, e.Skew.Seconds(), 0.05, "%s: estimated %v", e.Source.Name, e.Skew)
	}

	// Shift the XSLog clock 2 s ahead in memory; the estimate must find it.
	for _, src := range sources {
		if src.Format == "bw-xslog" {
			for i := range src.Entries {
				src.Entries[i].Time += int64(2 * time.Second)
			}
		}
	}
	l = buildSignIn(t, sources, nil, "")
	found := false
	for _, e := range EstimateSkews([]*Ladder{l}) {
		if e.Source.Format != "bw-xslog" {
			continue
		}
		found = true
		assert.True(t, e.HasLow && e.HasHigh)
		assert.InDelta(t, 2, e.Skew.Seconds(), 0.05, "estimated %v", e.Skew)
		assert.Equal(t, 2, e.Samples)
	}
	assert.True(t, found, "no estimate for XSLog")
}

// Steps without evidence are shared between attempts, but every step must
// still equal the step that deciding it on its own gives.
func TestLadderStepsMatchOwnDecision(t *testing.T) {
	data, err := gen.ZipBytes(gen.Options{ServerBytes: 2 << 20, ClientBytes: 400 << 10, Seed: 5})
	require.NoError(t, err)
	ws := &Workspace{}
	require.NoError(t, ws.AddData(context.Background(), "generated.zip", data, Config{}, nil))
	sources := ws.Snapshot()
	findings := Scan(sources, nil)
	ladders, err := BuildLadders(sources, findings, "")
	require.NoError(t, err)

	loaded := map[string]bool{}
	for _, src := range sources {
		loaded[src.Format] = true
	}
	shared := 0
	for _, l := range ladders {
		require.NotEmpty(t, l.Attempts, "flow %s", l.Flow.ID)
		seen := map[*Step]bool{}
		for _, a := range l.Attempts {
			require.Len(t, a.Steps, len(l.Flow.Steps))
			byStep := make([][]*ladderItem, len(l.Flow.Steps))
			for _, it := range a.items {
				if it.step >= 0 {
					byStep[it.step] = append(byStep[it.step], it)
				}
			}
			failedBefore := ""
			for k, s := range a.Steps {
				d := l.Flow.Steps[k]
				want := &Step{StepDef: d}
				want.Evidence = decideStep(want, byStep[k], stepLogs{loaded: loaded}, failedBefore, noteMemo{}, nil)
				assert.Equal(t, want, s, "flow %s, attempt %s, step %s", l.Flow.ID, a.Label(), d.ID)
				assert.Equal(t, len(s.Evidence), cap(s.Evidence), "evidence of step %s has room to append", d.ID)
				if seen[s] {
					shared++
					assert.Empty(t, s.Evidence, "a shared step %s has evidence", d.ID)
				}
				seen[s] = true
				if s.Status == StatusFailed && failedBefore == "" {
					failedBefore = d.ID
				}
			}
		}
	}
	assert.NotZero(t, shared, "no step is shared")
}

// registrationAttempt returns the selected attempt of the registration
// flow over the sources, with the findings of the built-in catalogue.
func registrationAttempt(t *testing.T, sources []*parsers.Source) *Attempt {
	t.Helper()
	ladders, err := BuildLadders(sources, Scan(sources, nil), "")
	require.NoError(t, err)
	registration := ladderOf(ladders, FlowRegistration)
	require.NotNil(t, registration)
	at := registration.Current()
	require.NotNil(t, at)
	return at
}

// A step that starts where a failed request went may have happened. With
// only the client log of a REGISTER that the AS rejected, the SBC-to-AS
// step names the AS log to collect.
func TestStepFromFailedTargetAsksForLog(t *testing.T) {
	at := registrationAttempt(t, loadLadderCase(t, "register-403", "client"))
	require.Equal(t, StatusFailed, stepOf(t, at, "sip-register").Status)

	s := stepOf(t, at, "sbc-to-as")
	assert.Equal(t, StatusNoLogs, s.Status)
	assert.NotEmpty(t, s.Collect, "the AS log to collect")
}

// A step after a failed one is "not reached", even when no log that could
// show it is loaded: collecting that log would not help.
func TestStepAfterFailureNotReached(t *testing.T) {
	at := registrationAttempt(t, loadLadderCase(t, "device-profile-missing"))
	require.Equal(t, StatusFailed, stepOf(t, at, "device-management-token").Status)

	s := stepOf(t, at, "sbc-to-as")
	assert.Equal(t, StatusNotSeen, s.Status)
	assert.Equal(t, "not reached: device-management-token failed", s.Note)
	assert.Empty(t, s.Collect, "no log to collect")
}

// With only a client log, a registration attempt takes the tracking id of
// the sign-in that opened its session, and one without a sign-in before it
// keeps none.
func TestRegistrationInheritsSignInID(t *testing.T) {
	sources := loadLadderCase(t, "register-403", "client")
	ladders, err := BuildLadders(sources, Scan(sources, nil), "")
	require.NoError(t, err)
	signIn := ladders[0].Current()
	require.NotNil(t, signIn)
	require.NotEmpty(t, signIn.ID)

	reg := registrationAttempt(t, sources)
	assert.Equal(t, signIn.ID, reg.ID)
	assert.Contains(t, reg.TrackingIDs, signIn.ID)

	early := &Attempt{Client: true, Start: signIn.Start - 1}
	l := []*Ladder{
		{Flow: &FlowDef{ID: FlowSignIn}, Attempts: []*Attempt{signIn}},
		{Flow: &FlowDef{ID: FlowRegistration}, Attempts: []*Attempt{early}},
	}
	inheritSignInIDs(l)
	assert.Empty(t, early.ID, "no sign-in started before it")
}
