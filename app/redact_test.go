package app

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaskerLines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"email", "Sign-in started for alice@example.com", "Sign-in started for user-1@…"},
		{"url-encoded email", "GET /com.broadsoft.xsi-actions/v2.0/user/alice%40example.com/profile from 203.0.113.9",
			"GET /com.broadsoft.xsi-actions/v2.0/user/user-1@…/profile from ip-1"},
		{"sip user part", "From: <sip:alice_0@example.net>;tag=e58c154d", "From: <sip:user-1@example.net>;tag=e58c154d"},
		{"sip phone user", "To: <sip:+4555550100@example.net>", "To: <sip:phone-1@example.net>"},
		{"tel uri", "P-Asserted-Identity: <tel:+4555550100>", "P-Asserted-Identity: <tel:phone-1>"},
		{"contact with address", "Contact: <sip:alice_0@192.0.2.10:50123;transport=tls>", "Contact: <sip:user-1@ip-1:50123;transport=tls>"},
		{"call id host", "Call-ID: 3b796803b2177180@192.0.2.10", "Call-ID: 3b796803b2177180@ip-1"},
		{"phone", "| 2873329 | +4555550100 | callhalf-0:0", "| 2873329 | phone-1 | callhalf-0:0"},
		{"phone element", "<number>+4555550100</number><extension>0100</extension>", "<number>phone-1</number><extension>ext-1</extension>"},
		{"names", "<lastName>Example</lastName><firstName>Alice</firstName>", "<lastName>name-1</lastName><firstName>name-2</firstName>"},
		{"oci user id", "<userId>alice.bw@example.net</userId>", "<userId>user-1@…</userId>"},
		{"plain bw user id", "<userId>4155550123</userId>", "<userId>phone-1</userId>"},
		{"device name", "<deviceName>alice_0</deviceName>", "<deviceName>user-1</deviceName>"},
		{"password element", "<userId>alice@example.com</userId><password>******</password>", "<userId>user-1@…</userId><password>secret-1</password>"},
		{"basic auth", "Authorization: Basic YWxpY2U6c2VjcmV0", "Authorization: Basic secret-1"},
		{"bearer auth", "Authorization: Bearer abc.def-123", "Authorization: Bearer secret-1"},
		{"digest", `Authorization: Digest username="alice_0",realm="BroadWorks",nonce="BroadWorksXk5c2hq1T8x3ew0BW",uri="sip:example.net",response="9f2c",algorithm=MD5`,
			`Authorization: Digest username="user-1",realm="BroadWorks",nonce="nonce-1",uri="sip:example.net",response="secret-1",algorithm=MD5`},
		{"challenge nonce", `WWW-Authenticate: DIGEST qop="auth",nonce="BroadWorksXk5c2hq1T8x3ew0BW",realm="BroadWorks"`,
			`WWW-Authenticate: DIGEST qop="auth",nonce="nonce-1",realm="BroadWorks"`},
		{"query key", "Request: GET /authService/token?key=s3cr3t from 203.0.113.9", "Request: GET /authService/token?key=secret-1 from ip-1"},
		{"json token", `{"access_token":"abc123","expires_in":3600}`, `{"access_token":"secret-1","expires_in":3600}`},
		{"password colon", "password: hunter22", "password: secret-1"},
		{"jwt", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c end",
			"token jwt-1 end"},
		{"bw userid header", "http_bw_userid: alice.bw@example.net", "http_bw_userid: user-1@…"},
		{"org uuid", `"orgId":"d5f404b3-f7c3-48e7-8193-26bec735a7c5","requestedBy":"d6f35b57-9599-4080-995f-d56fd4d62ace"`,
			`"orgId":"org-1","requestedBy":"id-1"`},
		{"idbroker org", "https://idbroker.webex.com/idb/saml2/sso?org=d5f404b3-f7c3-48e7-8193-26bec735a7c5",
			"https://idbroker.webex.com/idb/saml2/sso?org=org-1"},
		{"tracking id kept", "trackingid: CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355", "trackingid: CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355"},
		{"ipv6", "from 2001:db8::10 port 5060", "from ipv6-1 port 5060"},
		{"ipv6 full", "c=IN IP6 2001:0db8:0000:0000:0000:ff00:0042:8329", "c=IN IP6 ipv6-1"},
		{"loopback kept", "POST http://127.0.0.1:80/authService/token and ::1", "POST http://127.0.0.1:80/authService/token and ::1"},
		{"scope operator kept", "BroadWorksCallControl::add:BWC:SCF: fetch::BWC", "BroadWorksCallControl::add:BWC:SCF: fetch::BWC"},
		{"times kept", "2024.05.02 11:14:17:341 CEST | Info 2024-05-02T09:14:05.381Z", "2024.05.02 11:14:17:341 CEST | Info 2024-05-02T09:14:05.381Z"},
		{"version kept", "Webex/44.5.0.29672 and version 1.2.3.4.5", "Webex/44.5.0.29672 and version 1.2.3.4.5"},
		{"timezone offset kept", "[02/May/2024:11:14:17 +0200]", "[02/May/2024:11:14:17 +0200]"},
		{"response line kept", "Response: StatusCode=200", "Response: StatusCode=200"},
		{"token words kept", "Validating token: POST http://127.0.0.1:80/authService/token", "Validating token: POST http://127.0.0.1:80/authService/token"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, NewMasker().Mask(tt.in))
		})
	}
}

func TestMaskerConsistentPseudonyms(t *testing.T) {
	m := NewMasker()
	first := m.Mask("From: alice@example.com to bob@example.com")
	second := m.Mask("GET /user/Alice%40Example.com/profile, again bob@example.com")

	assert.Equal(t, "From: user-1@… to user-2@…", first)
	assert.Equal(t, "GET /user/user-1@…/profile, again user-2@…", second)
	assert.Equal(t, "user-1@…", m.Pseudonym("alice@example.com", "user"))
}

func TestMaskerLiterals(t *testing.T) {
	m := NewMasker()
	m.AddLiteral("alice_0", "user")
	m.AddLiteral("alice_01", "user")
	m.AddLiteral("abc", "user")

	assert.Equal(t, "Served /dms/bc/pc/config-wxt.xml to user-1 (48211 bytes)", m.Mask("Served /dms/bc/pc/config-wxt.xml to alice_0 (48211 bytes)"))
	assert.Equal(t, "user-2 and user-1", m.Mask("alice_01 and alice_0"))
	assert.Equal(t, "xalice_0 stays", m.Mask("xalice_0 stays"), "a literal inside a longer word stays")
	assert.Equal(t, "abc is too short to mask", m.Mask("abc is too short to mask"))
}

func TestMaskerConcurrentUse(t *testing.T) {
	m := NewMasker()
	var wg sync.WaitGroup
	results := make([]string, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = m.Mask("alice@example.com from 192.0.2.10")
		}()
	}
	wg.Wait()
	for _, r := range results {
		assert.Equal(t, "user-1@… from ip-1", r)
	}
}

func TestMaskerNil(t *testing.T) {
	var m *Masker
	assert.Equal(t, "alice@example.com", m.Mask("alice@example.com"))
}

func TestMaskJSON(t *testing.T) {
	m := NewMasker()
	out := m.MaskJSON([]byte(`{"email":"alice@example.com","n":3,"list":["192.0.2.10"]}`))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(out, &doc))
	assert.Equal(t, "user-1@…", doc["email"])
	assert.Equal(t, float64(3), doc["n"])
	assert.Equal(t, []any{"ip-1"}, doc["list"])

	assert.Equal(t, "not json", string(m.MaskJSON([]byte("not json"))))
}

func TestWorkspaceMaskerLearnsCaseUser(t *testing.T) {
	a := analyzeSummaryCase(t, "signin-ok")
	m := NewWorkspaceMasker(a)

	assert.Equal(t, "user-1@…", m.Mask("alice@example.com"), "the summary's user comes first")
	assert.Equal(t, "user-2@…", m.Mask("alice.bw@example.net"))
	assert.Equal(t, "org-1", m.Mask("d5f404b3-f7c3-48e7-8193-26bec735a7c5"))
	masked := m.Mask("2024.05.02 11:14:21:192 CEST | Info | DeviceManagement | http-nio-443-exec-3 | alice_0")
	assert.False(t, strings.Contains(masked, "alice_0"), masked)
}

// benchmarkRows are lines of the shapes a timeline draws.
var benchmarkRows = []string{
	"2024-05-02T09:14:05.381Z <Info> [0x1c0c][]LoginController.cpp:340 LoginController::onEmailEntered:Sign-in started for alice@example.com",
	"2024.05.02 11:14:21:732 CEST | Info       | Sip | Call Half Input Adapter 3 | 2873329 | +4555550100 | callhalf-0:0",
	`Authorization: Digest username="alice_0",realm="BroadWorks",nonce="BroadWorksXk5c2hq1T8x3ew0BW",uri="sip:example.net",response="<redacted>",algorithm=MD5`,
	"2024-05-02T09:16:07.101Z <Info> [9968] WME:0 :[SQ] [SQ] INFO: SQAudioTX - vid=0 csi=1000001 did=0 ssrc=123456789 loss=0.000 drop=0.000 jitter=2",
	"203.0.113.9 - - [02/May/2024:11:14:17 +0200] \"GET /com.broadsoft.xsi-actions/v2.0/user/alice%40example.com/profile HTTP/1.1\" 200 812",
}

// BenchmarkMaskRowFirstDraw measures rows the Masker has not seen, with the
// cache cleared before every row.
func BenchmarkMaskRowFirstDraw(b *testing.B) {
	m := NewMasker()
	for i := 0; b.Loop(); i++ {
		clear(m.cache)
		m.Mask(benchmarkRows[i%len(benchmarkRows)])
	}
}

// BenchmarkMaskRowRedraw measures rows drawn again, as when a list scrolls.
func BenchmarkMaskRowRedraw(b *testing.B) {
	m := NewMasker()
	for i := 0; b.Loop(); i++ {
		m.Mask(benchmarkRows[i%len(benchmarkRows)])
	}
}
