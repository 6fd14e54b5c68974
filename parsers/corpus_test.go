package parsers

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusFile is what one file of a corpus case must load as. The counts
// come from reading the files: header lines counted with grep, one entry
// per access log line.
type corpusFile struct {
	format  string
	entries int
}

var corpusCases = map[string]map[string]corpusFile{
	"signin-ok": {
		"client/feedback-a4adde9a.zip/bwc/current_log.txt":         {"webex-bwc", 4},
		"client/feedback-a4adde9a.zip/ced.dat":                     {"binary", 0},
		"client/feedback-a4adde9a.zip/current_log.txt":             {"webex-desktop", 17},
		"client/feedback-a4adde9a.zip/media/wme_1.log":             {"webex-media", 41},
		"server/as1/XSLog2024.05.02-00.00.00.txt":                  {"bw-xslog", 4},
		"server/xsp1/AuthenticationService2024.05.02-00.00.00.txt": {"bw-auth-service", 6},
		"server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt":         {"bw-xsi-actions", 13},
		"server/xsp1/dmsDebugLog2024.05.02-00.00.00.txt":           {"bw-dms", 1},
		"server/xsp1/tomcat/access_log.2024.05.02-00.00.00.txt":    {"access-log", 5},
	},
	"device-profile-missing": {
		"client/feedback-a7cae96a.zip/ced.dat":                     {"binary", 0},
		"client/feedback-a7cae96a.zip/current_log.txt":             {"webex-desktop", 14},
		"client/feedback-a7cae96a.zip/media/wme_1.log":             {"webex-media", 41},
		"server/xsp1/AuthenticationService2024.05.02-00.00.00.txt": {"bw-auth-service", 6},
		"server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt":         {"bw-xsi-actions", 13},
		"server/xsp1/tomcat/access_log.2024.05.02-00.00.00.txt":    {"access-log", 3},
	},
	"config-parse-1507": {
		"client/feedback-b8223496.zip/ced.dat":                     {"binary", 0},
		"client/feedback-b8223496.zip/current_log":                 {"webex-desktop", 18},
		"client/feedback-b8223496.zip/media/wme_1.log":             {"webex-media", 41},
		"server/xsp1/AuthenticationService2024.05.02-00.00.00.txt": {"bw-auth-service", 6},
		"server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt":         {"bw-xsi-actions", 13},
		"server/xsp1/dmsDebugLog2024.05.02-00.00.00.txt":           {"bw-dms", 1},
		"server/xsp1/tomcat/access_log.2024.05.02-00.00.00.txt":    {"access-log", 5},
	},
	"token-fetch-1502": {
		"client/feedback-d6b04309.zip/ced.dat":                  {"binary", 0},
		"client/feedback-d6b04309.zip/current_log.txt":          {"webex-desktop", 13},
		"client/feedback-d6b04309.zip/media/wme_1.log":          {"webex-media", 41},
		"server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt":      {"bw-xsi-actions", 8},
		"server/xsp1/tomcat/access_log.2024.05.02-00.00.00.txt": {"access-log", 1},
	},
	"register-403": {
		"client/feedback-3091181a.zip/ced.dat":                     {"binary", 0},
		"client/feedback-3091181a.zip/current_log.txt":             {"webex-desktop", 21},
		"client/feedback-3091181a.zip/media/wme_1.log":             {"webex-media", 41},
		"server/as1/XSLog2024.01.15-00.00.00.txt":                  {"bw-xslog", 4},
		"server/xsp1/AuthenticationService2024.01.15-00.00.00.txt": {"bw-auth-service", 6},
		"server/xsp1/XsiActionsLog2024.01.15-00.00.00.txt":         {"bw-xsi-actions", 13},
		"server/xsp1/dmsDebugLog2024.01.15-00.00.00.txt":           {"bw-dms", 1},
		"server/xsp1/tomcat/access_log.2024.01.15-00.00.00.txt":    {"access-log", 5},
	},
	"provisioning-409": {
		"server/as1/PSLog2024.05.02-00.00.00.txt": {"bw-pslog", 6},
	},
}

// loadCase walks one corpus case as "wxlog report" would and returns its
// sources by name, without the case's expected.json.
func loadCase(t *testing.T, name string) map[string]*Source {
	t.Helper()
	out := map[string]*Source{}
	err := Walk(context.Background(), []string{filepath.Join("testdata", "corpus", name)}, Limits{}, func(item Item) {
		if item.Name == "expected.json" {
			return
		}
		out[item.Name] = Open(item, Options{})
	})
	require.NoError(t, err)
	return out
}

func TestCorpus(t *testing.T) {
	for name, want := range corpusCases {
		t.Run(name, func(t *testing.T) {
			got := loadCase(t, name)
			var names []string
			for n := range got {
				names = append(names, n)
			}
			sort.Strings(names)
			require.Len(t, got, len(want), "files found: %v", names)
			for file, w := range want {
				src := got[file]
				require.NotNil(t, src, "%s not found among %v", file, names)
				assert.Equal(t, w.format, src.Format, file)
				assert.Len(t, src.Entries, w.entries, file)
				assert.Empty(t, src.Problems, file)
				checkContract(t, src)
				for i := range src.Entries {
					assert.Zero(t, src.Entries[i].Flags&FlagNoTime, "%s entry %d has no time", file, i+1)
				}
			}
		})
	}
}

// corpusPair is a server entry that handles a client request. The corpus
// servers' clocks have no skew, so the server entry's UTC time must be
// within a second of the client's; a wrong zone would put it hours away.
type corpusPair struct {
	client, clientNeedle string
	server, serverNeedle string
}

var corpusPairs = map[string][]corpusPair{}

func init() {
	token := corpusPair{"client/", "Created BWC token request", "AuthenticationService", "GET /authService/token"}
	tokenAccess := corpusPair{"client/", "Created BWC token request", "access_log", "GET /authService/token"}
	devices := corpusPair{"client/", "requestAccessDevices", "XsiActionsLog", "profile/device from"}
	config := corpusPair{"client/", "onConfigDownloaded", "dmsDebugLog", "Served /dms/"}
	// The two XSP logs of one request: access_log prints +0200, the Xsi
	// log CEST.
	profile := corpusPair{"server/xsp1/tomcat/access_log", "/profile HTTP/1.1", "XsiActionsLog", "/profile from"}
	corpusPairs["signin-ok"] = []corpusPair{token, tokenAccess, devices, config, profile,
		{"client/feedback-a4adde9a.zip/bwc/", "Outgoing SIP message", "XSLog", "SIP Bytes IN"}}
	corpusPairs["register-403"] = []corpusPair{token, tokenAccess, devices, config, profile,
		{"client/", "Outgoing SIP message", "XSLog", "SIP Bytes IN"}}
	corpusPairs["config-parse-1507"] = []corpusPair{token, tokenAccess, devices, config, profile}
	corpusPairs["device-profile-missing"] = []corpusPair{token, tokenAccess, devices, profile}
	corpusPairs["token-fetch-1502"] = []corpusPair{profile}
}

func TestCorpusServerTimes(t *testing.T) {
	for name, pairs := range corpusPairs {
		t.Run(name, func(t *testing.T) {
			sources := loadCase(t, name)
			for _, p := range pairs {
				c := findEntry(t, sources, p.client, p.clientNeedle)
				s := findEntry(t, sources, p.server, p.serverNeedle)
				d := time.Duration(s.Time - c.Time)
				assert.True(t, d > -time.Second && d < time.Second,
					"%s: server %q at %s is %v from client %q at %s", name, p.serverNeedle, s.When(), d, p.clientNeedle, c.When())
			}
		})
	}
}

// findEntry returns the first entry holding needle in a source whose name
// contains file, leaving out media logs.
func findEntry(t *testing.T, sources map[string]*Source, file, needle string) *Entry {
	t.Helper()
	names := make([]string, 0, len(sources))
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := sources[name]
		if !strings.Contains(name, file) || strings.Contains(name, "media/") {
			continue
		}
		for i := range src.Entries {
			if strings.Contains(src.Entries[i].Raw, needle) {
				return &src.Entries[i]
			}
		}
	}
	require.Failf(t, "entry not found", "no %q in %s", needle, file)
	return nil
}
