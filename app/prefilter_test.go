package app

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRequiredLiteral(t *testing.T) {
	tests := []struct {
		expr string
		lit  string
		fold bool
	}{
		{`\bversion ([0-9]+(?:\.[0-9]+){2,3}), platform ([^\r\n,]+)`, ", platform ", false},
		{`(?i)\bhttp_bw_userid:\s*([^\s]+)`, "HTTP_BW_U", true},
		{`(?i)"?feedback_?id"?`, "FEEDBAC", true},
		{`errorCode=(15\d\d)`, "errorCode=", false},
		{`(abc)+x`, "abc", false},
		{`a|bcd`, "", false},
		{`(?:xyz)?q`, "q", false},
		{`[0-9]+`, "", false},
		{`(?i)kelvin`, "ELVIN", true},
		{`café au lait`, " au lait", false},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			lit, fold := requiredLiteral(tt.expr)
			assert.Equal(t, tt.lit, lit)
			assert.Equal(t, tt.fold, fold)
		})
	}
}

func TestGuardedRegexpMatchesAsRegexp(t *testing.T) {
	exprs := []string{
		`(?i)\bhttp_bw_userid:\s*([^\s]+)`,
		`\bWebexTeams \(([A-Za-z ]+); ?([0-9]+(?:\.[0-9]+){2,3})\)`,
		`(?i)"?feedback_?id"?\s*[:=]\s*"?([A-Za-z0-9-]{4,})`,
		`(?i)kelvin`,
		`a|b`,
		`(?i)(sign-?in started for \S+@|onEmailEntered|email (address )?entered)`,
		`(?ms)^SIP/2\.0 (?P<status>\d{3})\b.*^CSeq:\s*\d+\s+REGISTER\b`,
	}
	texts := []string{
		"",
		"\tHTTP_BW_USERID: alice.bw@example.net",
		"\thttp_bw_userid: alice.bw@example.net",
		"User-Agent: WebexTeams (Windows; 44.5.0.29672)",
		`"feedbackId":"a7cae96a"`,
		"FEEDBACK_ID=1234abcd",
		"\u212aelvin scale",
		"nothing to see",
		"b",
		"Sign-in started for alice@example.com",
		"EMAIL ADDRESS ENTERED",
		"onemailentered",
		"SIP/2.0 403 Forbidden\r\nCSeq: 2 REGISTER\r\n",
		"SIP/2.0 200 OK\nAllow: REGISTER\nCSeq: 7 INVITE",
	}
	for _, expr := range exprs {
		re := regexp.MustCompile(expr)
		g := guardRegexp(re)
		for _, s := range texts {
			assert.Equal(t, re.MatchString(s), g.MatchString(s), "%s on %q", expr, s)
			assert.Equal(t, re.FindStringSubmatch(s), g.FindStringSubmatch(s), "%s on %q", expr, s)
			assert.Equal(t, re.FindString(s), g.FindString(s), "%s on %q", expr, s)
			assert.Equal(t, re.FindAllString(s, -1), g.FindAllString(s, -1), "%s on %q", expr, s)
		}
	}
}

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		expr string
		want []requiredLit
	}{
		{`(?ms)^SIP/2\.0 (?P<status>\d{3})\b.*^CSeq:\s*\d+\s+REGISTER\b`,
			[]requiredLit{{text: "SIP/2.0 "}, {text: "REGISTER"}, {text: "CSeq:"}}},
		{`GET \S*/v2\.0/user/[^/\s]+/profile(?:[\s?]|$)`,
			[]requiredLit{{text: "/v2.0/user/"}, {text: "/profile"}, {text: "GET "}}},
		{`(?i)\bSAML\b[^\n]*\bassertion\b`, []requiredLit{{text: "ERTION", fold: true}, {text: "AML", fold: true}}},
		{`a|bcd`, []requiredLit{{anyOf: []requiredLit{{text: "a"}, {text: "bcd"}}}}},
		{`a|[0-9]`, nil},
		{`(?i)(sign-?in started for \S+@|onEmailEntered)`,
			[]requiredLit{{anyOf: []requiredLit{{text: "TARTED FOR ", fold: true}, {text: "ONEMAILENTERED", fold: true}}}}},
		{`(?:xyz)?q(ab){2}`, []requiredLit{{text: "ab"}, {text: "q"}}},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			assert.Equal(t, tt.want, requiredLiterals(tt.expr))
		})
	}
}
