package gen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

// formatOf is the parsers format id each generated kind must be detected as.
var formatOf = map[gen.Kind]string{
	gen.XsiActions:  "bw-xsi-actions",
	gen.AuthService: "bw-auth-service",
	gen.AccessLog:   "access-log",
	gen.XSLog:       "bw-xslog",
	gen.PSLog:       "bw-pslog",
	gen.WebexClient: "webex-desktop",
	gen.WebexBWC:    "webex-bwc",
}

func TestWriteParsesAsItsFormat(t *testing.T) {
	const size = 3 << 20
	attempts := gen.Plan(7, size)
	require.NotEmpty(t, attempts)
	for _, k := range gen.Kinds {
		t.Run(string(k), func(t *testing.T) {
			data := gen.Bytes(k, size, 7)
			assert.InDelta(t, size, len(data), size/10, "size")

			src := parsers.Open(parsers.Item{Name: k.Path(), Data: data}, parsers.Options{})
			require.Equal(t, formatOf[k], src.Format)
			assert.Empty(t, src.Problems)
			require.Greater(t, len(src.Entries), 100)

			var prev int64
			for i := range src.Entries {
				e := &src.Entries[i]
				require.Zero(t, e.Flags, "entry at line %d: flags %b", e.Line, e.Flags)
				require.GreaterOrEqual(t, e.Time, prev, "entry at line %d goes back in time", e.Line)
				prev = e.Time
			}

			// Every attempt that this log shows carries its tracking id:
			// the server logs show every attempt, the client log only the
			// client user's.
			if k != gen.XSLog && k != gen.WebexBWC && k != gen.PSLog && k != gen.AccessLog {
				for _, a := range attempts {
					if k == gen.AuthService && a.Outcome == gen.TokenFetch1502 {
						continue
					}
					shown := k != gen.WebexClient || a.Client
					assert.Equal(t, shown, bytes.Contains(data, []byte(a.TrackingID)), "tracking id %s of client attempt %v", a.TrackingID, a.Client)
				}
			}
		})
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	for _, k := range gen.Kinds {
		a := gen.Bytes(k, 256<<10, 3)
		b := gen.Bytes(k, 256<<10, 3)
		c := gen.Bytes(k, 256<<10, 4)
		assert.True(t, bytes.Equal(a, b), "%s: same seed, different bytes", k)
		assert.False(t, bytes.Equal(a, c), "%s: different seeds, same bytes", k)
	}
}

func TestPlanMixesOutcomes(t *testing.T) {
	attempts := gen.Plan(1, 1<<30)
	require.Len(t, attempts, 512)
	count := map[gen.Outcome]int{}
	ids := map[string]bool{}
	for i, a := range attempts {
		count[a.Outcome]++
		ids[a.TrackingID] = true
		if i > 0 {
			assert.Greater(t, a.Start, attempts[i-1].Start)
		}
	}
	assert.Len(t, ids, len(attempts), "tracking ids repeat")
	assert.Greater(t, count[gen.SignedIn], len(attempts)*3/4)
	for o := gen.TokenFetch1502; o <= gen.Provisioning409; o++ {
		assert.Greater(t, count[o], 5, "outcome %s", o)
	}
}

func TestPlanHasOneClientUser(t *testing.T) {
	tests := []struct {
		name       string
		size       int64
		minClients int
	}{
		{"small", 4 << 20, 2},
		{"100 MB", 100 << 20, 4},
		{"1 GB", 1 << 30, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attempts := gen.Plan(1, tt.size)
			var clients []gen.Attempt
			users := map[string]bool{}
			for _, a := range attempts {
				if a.Client {
					clients = append(clients, a)
				} else {
					users[a.BWUser] = true
				}
			}
			require.GreaterOrEqual(t, len(clients), tt.minClients)
			failed := 0
			for _, a := range clients {
				assert.Equal(t, clients[0].Email, a.Email, "client attempt %s", a.TrackingID)
				assert.Equal(t, clients[0].BWUser, a.BWUser, "client attempt %s", a.TrackingID)
				assert.Equal(t, clients[0].Device, a.Device, "client attempt %s", a.TrackingID)
				assert.False(t, users[a.BWUser], "another user's attempt names the client user")
				if a.Outcome != gen.SignedIn {
					failed++
				}
			}
			assert.Positive(t, failed, "none of the client user's attempts fails")
			assert.Equal(t, gen.SignedIn, clients[len(clients)-1].Outcome, "the client user's last attempt")
			if len(attempts) > len(clients) {
				assert.NotEmpty(t, users, "the server logs hold other users")
			}
		})
	}
}

func TestClientLogNamesOneUser(t *testing.T) {
	const size = 8 << 20
	attempts := gen.Plan(5, size)
	var client gen.Attempt
	for _, a := range attempts {
		if a.Client {
			client = a
		}
	}
	require.NotEmpty(t, client.Email)

	data := gen.Bytes(gen.WebexClient, size, 5)
	src := parsers.Open(parsers.Item{Name: gen.WebexClient.Path(), Data: data}, parsers.Options{})
	for i := range src.Entries {
		e := &src.Entries[i]
		if e.Fields == nil {
			continue
		}
		for _, u := range e.Fields.Users {
			assert.Contains(t, []string{client.Email, client.BWUser}, u, "line %d", e.Line)
		}
	}

	// The server log of the same size shows the client user's attempts
	// with the tracking ids of the client log.
	server := gen.Bytes(gen.XsiActions, size, 5)
	for _, a := range attempts {
		if a.Client {
			assert.True(t, bytes.Contains(server, []byte(a.TrackingID)), "client attempt %s missing on the server", a.TrackingID)
		}
	}
}

func TestGenerateWritesACase(t *testing.T) {
	tests := []struct {
		name  string
		zip   bool
		files []string
	}{
		{"plain", false, []string{"client/current_log.txt", "client/bwc/current_log.txt"}},
		{"zipped", true, []string{"client/feedback.zip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files, err := gen.Generate(dir, gen.Options{ServerBytes: 2 << 20, ClientBytes: 1 << 20, Seed: 1, Zip: tt.zip})
			require.NoError(t, err)
			require.Len(t, files, len(gen.Kinds))
			for _, want := range append(tt.files, "server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt", "server/as1/XSLog2024.05.02-00.00.00.txt") {
				_, err := os.Stat(filepath.Join(dir, want))
				assert.NoError(t, err, want)
			}

			// The bundle reader finds every log and each gets its format.
			var found []string
			err = parsers.Walk(t.Context(), []string{dir}, parsers.Limits{}, func(item parsers.Item) {
				require.NoError(t, item.Err, item.Name)
				src := parsers.Open(item, parsers.Options{})
				found = append(found, src.Format)
				assert.NotEqual(t, "text", src.Format, item.Name)
				if strings.Contains(item.Name, "bwc/") {
					assert.Equal(t, "webex-bwc", src.Format, item.Name)
				}
			})
			require.NoError(t, err)
			assert.Len(t, found, len(gen.Kinds))
		})
	}
}

func TestWriteRejectsUnknownKind(t *testing.T) {
	_, err := gen.Write(&bytes.Buffer{}, gen.Kind("syslog"), 1000, 1)
	require.ErrorContains(t, err, `unknown kind "syslog"`)
}
