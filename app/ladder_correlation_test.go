package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers/gen"
)

// The interleaved case is the corpus signin-ok case with a second user,
// bob, signing in on the same servers in the same seconds and failing: his
// token request gets 500, his device list 401, his DMS download 403 and
// his REGISTER 403.
const interleavedCase = "testdata/ladder/interleaved"

// otherUserMarks are texts that only bob's lines contain.
var otherUserMarks = []string{"bob", "b0b0b0b0", "192.0.2.77", "+4555550199", "9f00aa11bb22cc33"}

func TestLadderIgnoresOtherUserOnServer(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(interleavedCase, "expected.json"))
	require.NoError(t, err)
	var want expectedCase
	require.NoError(t, json.Unmarshal(data, &want))

	ws, err := Load(context.Background(), []string{interleavedCase}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	require.NoError(t, a.LadderErr)
	at := a.Ladder(FlowSignIn).Current()
	require.NotNil(t, at)
	assert.Equal(t, "CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355", at.ID)
	assert.True(t, at.Client)

	got := map[string]string{}
	for _, s := range at.Steps {
		got[s.ID] = string(s.Status)
	}
	assert.Equal(t, want.Ladder, got)

	for _, s := range at.Steps {
		for _, ref := range s.Evidence {
			raw := ref.Entry().Raw
			for _, mark := range otherUserMarks {
				assert.NotContains(t, raw, mark, "step %s: evidence %s:%d", s.ID, ref.Source.Name, ref.Entry().Line)
			}
		}
	}
	assert.ElementsMatch(t, []string{"alice@example.com", "alice.bw@example.net", "+4555550100"}, at.Users)
	assert.Equal(t, []string{"CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"}, a.Summary.TrackingIDs)
}

func TestLadderOtherUserIsOwnAttempt(t *testing.T) {
	ws, err := Load(context.Background(), []string{interleavedCase}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	l := a.Ladder(FlowSignIn)
	require.True(t, l.Select("CLIENT_b0b0b0b0-1111-4222-8333-944444444444"))
	bob := l.Current()
	require.NotNil(t, bob)
	assert.False(t, bob.Client)

	tests := []struct {
		step string
		want StepStatus
	}{
		{"xsi-profile", StatusPassed},
		{"authservice-token", StatusFailed},
		{"xsi-device-list", StatusFailed},
		{"email-entered", StatusNotSeen},
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			assert.Equal(t, tt.want, stepOf(t, bob, tt.step).Status)
		})
	}
	for _, s := range bob.Steps {
		for _, ref := range s.Evidence {
			assert.NotContains(t, ref.Entry().Raw, "alice", "step %s: evidence %s:%d", s.ID, ref.Source.Name, ref.Entry().Line)
		}
	}
}

func TestLadderGeneratedBusyServer(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 16 MB of logs")
	}
	const size = 16 << 20
	opts := gen.Options{ServerBytes: size, ClientBytes: size / 5, Seed: 1}
	data, err := gen.ZipBytes(opts)
	require.NoError(t, err)
	ws := &Workspace{}
	require.NoError(t, ws.AddData(context.Background(), "case.zip", data, Config{}, nil))
	a := Analyze(ws, AnalyzeOptions{})

	var client []gen.Attempt
	for _, p := range gen.Plan(opts.Seed, size) {
		if p.Client {
			client = append(client, p)
		}
	}
	require.NotEmpty(t, client)
	newest := client[len(client)-1]
	user := strings.TrimSuffix(newest.Email, "@example.com")

	at := a.Ladder(FlowSignIn).Current()
	require.NotNil(t, at)
	assert.Equal(t, newest.TrackingID, at.ID)
	assert.ElementsMatch(t, []string{newest.Email, newest.BWUser, newest.Phone}, at.Users)
	for _, s := range at.Steps {
		assert.Equal(t, StatusPassed, s.Status, "step %s: %s", s.ID, s.Note)
		for _, ref := range s.Evidence {
			raw := ref.Entry().Raw
			if e := ref.Entry(); e.Fields != nil {
				for _, u := range e.Fields.Users {
					assert.True(t, strings.HasPrefix(u, user) || u == newest.Phone, "step %s: %s:%d names %s", s.ID, ref.Source.Name, e.Line, u)
				}
				if id := baseTrackingID(e.TrackingID()); id != "" {
					assert.Equal(t, newest.TrackingID, id, "step %s: %s:%d", s.ID, ref.Source.Name, e.Line)
				}
			}
			assert.NotRegexp(t, `user\d{5}[^\d]`, raw, "step %s: %s:%d names another user", s.ID, ref.Source.Name, ref.Entry().Line)
		}
	}

	var ids []string
	for _, p := range client {
		ids = append(ids, p.TrackingID)
	}
	assert.Equal(t, ids, a.Summary.TrackingIDs)
}

func TestRegistrationIgnoresOtherUser(t *testing.T) {
	ws, err := Load(context.Background(), []string{interleavedCase}, Config{}, nil)
	require.NoError(t, err)
	a := Analyze(ws, AnalyzeOptions{})
	at := a.Ladder(FlowRegistration).Current()
	require.NotNil(t, at)
	assert.Equal(t, "CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355", at.ID)

	// The AS answers the REGISTER in entries that name no SIP user: they
	// join by the Call-ID of the client's REGISTER.
	for _, s := range at.Steps {
		assert.Equal(t, StatusPassed, s.Status, "step %s: %s", s.ID, s.Note)
		for _, ref := range s.Evidence {
			for _, mark := range otherUserMarks {
				assert.NotContains(t, ref.Entry().Raw, mark, "step %s: evidence %s:%d", s.ID, ref.Source.Name, ref.Entry().Line)
			}
		}
	}
	assert.Len(t, stepOf(t, at, "sbc-to-as").Evidence, 4)
}
