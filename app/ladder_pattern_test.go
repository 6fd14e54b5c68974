package app

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLadderPatternSplitLead(t *testing.T) {
	tests := []struct {
		expr     string
		lead     string
		before   []syntax.Op
		after    []syntax.Op
		withRest bool
		maxLen   int
	}{
		{`HTTP/1\.[01] (?P<status>\d{3})`, "HTTP/1.", nil, nil, true, 7 + 4 + 1 + 3*4},
		{`StatusCode=(?P<status>\d{3})`, "StatusCode=", nil, nil, true, 11 + 3*4},
		{`(?m)^REGISTER sip:`, "REGISTER sip:", []syntax.Op{syntax.OpBeginLine}, nil, false, -1},
		{`\bPOST /authService/token\b`, "POST /authService/token", []syntax.Op{syntax.OpWordBoundary}, []syntax.Op{syntax.OpWordBoundary}, false, -1},
		{`(?i)\btoken generated\b`, "token generated", []syntax.Op{syntax.OpWordBoundary}, []syntax.Op{syntax.OpWordBoundary}, false, -1},
		{`(?ms)^SIP/2\.0 (?P<status>\d{3})\b.*^CSeq:\s*\d+\s+REGISTER\b`, "SIP/2.0 ", []syntax.Op{syntax.OpBeginLine}, nil, true, -1},
		{`onEmailEntered`, "onEmailEntered", nil, nil, false, -1},
		// No lead: an alternation, a class or a group comes first.
		{`(?i)(sign-?in started|onEmailEntered)`, "", nil, nil, false, -1},
		{`[a-z]+@example\.com`, "", nil, nil, false, -1},
		{`(?P<user>alice)@`, "", nil, nil, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			p, err := newLadderPattern(tt.expr)
			require.NoError(t, err)
			assert.Equal(t, tt.lead, p.lead.text)
			assert.Equal(t, tt.before, p.before)
			assert.Equal(t, tt.after, p.after)
			assert.Equal(t, tt.withRest, p.rest != nil)
			assert.Equal(t, tt.maxLen, p.maxLen)
		})
	}
}

func TestLadderPatternAsciiOnlyLead(t *testing.T) {
	tests := []struct {
		expr string
		want bool
	}{
		{`(?i)\btoken generated\b`, true},
		{`(?i)\bserved /dms/\S+`, true},
		{`(?i)activation portal`, false},
		{`token generated`, false},
	}
	for _, tt := range tests {
		p, err := newLadderPattern(tt.expr)
		require.NoError(t, err)
		assert.Equal(t, tt.want, p.asciiOnly, tt.expr)
	}
}

func TestMaxMatchLen(t *testing.T) {
	tests := []struct {
		expr string
		want int
	}{
		{`abc`, 3},
		{`(?i)abc`, 3 * 4},
		{`a\d{3}`, 1 + 3*4},
		{`a(b|cd)?`, 1 + 2},
		{`a\b$`, 1},
		{`a+`, -1},
		{`a.*b`, -1},
		{`a{2,}`, -1},
		{`é`, 2},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.expr, syntax.Perl)
		require.NoError(t, err)
		assert.Equal(t, tt.want, maxMatchLen(re.Simplify()), tt.expr)
	}
}

func TestCheckAssertion(t *testing.T) {
	tests := []struct {
		name string
		op   syntax.Op
		s    string
		i    int
		want bool
	}{
		{"begin line at start", syntax.OpBeginLine, "ab", 0, true},
		{"begin line after newline", syntax.OpBeginLine, "a\nb", 2, true},
		{"begin line mid line", syntax.OpBeginLine, "ab", 1, false},
		{"end line at end", syntax.OpEndLine, "ab", 2, true},
		{"end line before newline", syntax.OpEndLine, "a\nb", 1, true},
		{"end line mid line", syntax.OpEndLine, "ab", 1, false},
		{"begin text", syntax.OpBeginText, "ab", 0, true},
		{"begin text later", syntax.OpBeginText, "ab", 1, false},
		{"end text", syntax.OpEndText, "ab", 2, true},
		{"end text earlier", syntax.OpEndText, "a\n", 1, false},
		{"word boundary at start", syntax.OpWordBoundary, "ab", 0, true},
		{"word boundary inside word", syntax.OpWordBoundary, "ab", 1, false},
		{"word boundary after space", syntax.OpWordBoundary, " b", 1, true},
		{"word boundary after multi-byte rune", syntax.OpWordBoundary, "\u00e9b", 2, true},
		{"no word boundary inside word", syntax.OpNoWordBoundary, "a_b", 1, true},
		{"no word boundary between spaces", syntax.OpNoWordBoundary, "  ", 1, true},
		{"no word boundary at word end", syntax.OpNoWordBoundary, "a ", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, checkAssertion(tt.op, tt.s, tt.i))
		})
	}
}

func TestLadderPatternWindowEnd(t *testing.T) {
	tests := []struct {
		name   string
		maxLen int
		s      string
		i      int
		want   int
	}{
		{"unbounded", -1, "abcdef", 1, 6},
		{"one byte past the longest match", 2, "abcdef", 1, 4},
		{"longest match reaches the end", 5, "abcdef", 1, 6},
		{"no rune cut", 2, "ab\u00e9\u00e9f", 0, 4},
		{"rune start kept", 1, "ab\u00e9", 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &ladderPattern{maxLen: tt.maxLen}
			assert.Equal(t, tt.want, p.windowEnd(tt.s, tt.i))
		})
	}
}

// assertSameAsRegexp checks that the pattern's match and submatch agree
// with the regexp package on s.
func assertSameAsRegexp(t *testing.T, p *ladderPattern, s string) {
	t.Helper()
	var et entryText
	et.reset(s)
	assert.Equal(t, p.re.MatchString(s), p.match(&et), "match of %q on %q", p.re, s)
	et.reset(s)
	assert.Equal(t, p.re.FindStringSubmatchIndex(s), p.submatch(&et), "submatch of %q on %q", p.re, s)
}

func TestLadderPatternEdgeCases(t *testing.T) {
	tests := []struct {
		expr  string
		texts []string
	}{
		{`(?m)^REGISTER sip:`, []string{
			"REGISTER sip:a", "x\nREGISTER sip:a", "xREGISTER sip:a", "xREGISTER sip:\nREGISTER sip:b", "REGISTER",
		}},
		{`\bPOST /authService/token\b`, []string{
			"POST /authService/token", "xPOST /authService/token", "POST /authService/tokens POST /authService/token?",
			"_POST /authService/token", "POST /authService/token_x", "\u00e9POST /authService/token\u00e9",
		}},
		{`(?i)\btoken generated\b`, []string{
			"Token GENERATED", "to\u212aen generated", "xtoken generated token generated.", "token generatedx",
			"t\u00f6ken generated token generated",
		}},
		{`(?i)\bserved /dms/\S+`, []string{
			"Served /dms/bc/pc/config.xml to alice", "\u017ferved /dms/x", "ſerved /dms/x \u00e9", "SERVED /dms/ ",
		}},
		{`HTTP/1\.[01] (?P<status>\d{3})`, []string{
			"HTTP/1.1 200", "HTTP/1.2 HTTP/1.0 404", "HTTP/1.1 20", "HTTP/1.1 2\u00e90", "HTTP/1.1 200\u00e9",
			strings.Repeat("HTTP/1.x ", 6) + "HTTP/1.1 500",
		}},
		{`(?ms)^SIP/2\.0 (?P<status>\d{3})\b.*^CSeq:\s*\d+\s+REGISTER\b`, []string{
			"SIP/2.0 200 OK\r\nCSeq: 2 REGISTER\r\n", "x SIP/2.0 200\nCSeq: 1 REGISTER", "SIP/2.0 2000\nCSeq: 1 REGISTER",
			"SIP/2.0 401\nCSeq: 1 REGISTER\nSIP/2.0 200\nCSeq: 2 REGISTER", "SIP/2.0 200 OK\nCSeq: 1 INVITE",
		}},
		{`a\d{2}\b`, []string{"a12", "a123 a12", "a12\u00e9", "a1"}},
		{`(?i)ab\d$`, []string{"AB1", "ab1\n", "ab2 AB3"}},
		{`xy\B`, []string{"xyz", "xy ", "xy"}},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			p, err := newLadderPattern(tt.expr)
			require.NoError(t, err)
			require.NotEmpty(t, p.lead.text, "the pattern should take the lead path")
			for _, s := range tt.texts {
				assertSameAsRegexp(t, p, s)
			}
		})
	}
}

// ladderPatternExprs returns every pattern of the built-in flows.
func ladderPatternExprs(t *testing.T) []string {
	flows, err := Flows()
	require.NoError(t, err)
	var out []string
	for _, f := range flows {
		rules := append([]*EvidenceRule{}, f.Markers...)
		for _, s := range f.Steps {
			rules = append(rules, s.Rules...)
		}
		for _, r := range rules {
			for _, expr := range []string{r.Match, r.Exclude, r.Status, r.PassIf} {
				if expr != "" {
					out = append(out, expr)
				}
			}
			for _, expr := range r.Details {
				out = append(out, expr)
			}
		}
	}
	return out
}

// Every pattern of the built-in flows must agree with the regexp package
// on the rules' samples and on texts built from pieces of them.
func TestLadderPatternsAgreeWithRegexp(t *testing.T) {
	flows, err := Flows()
	require.NoError(t, err)
	var lines []string
	for _, f := range flows {
		for _, s := range f.Steps {
			for _, r := range s.Rules {
				lines = append(lines, r.Samples...)
				lines = append(lines, r.MustNot...)
			}
		}
	}
	pieces := []string{"", "\n", "\r\n", " ", "x", "_", "\u00e9", "\u212a", "\u017f", "200", "HTTP/1.1 ", "SIP/2.0 "}
	rng := rand.New(rand.NewPCG(7, 11))
	texts := append([]string{}, lines...)
	for range 400 {
		a, b := lines[rng.IntN(len(lines))], lines[rng.IntN(len(lines))]
		texts = append(texts,
			pieces[rng.IntN(len(pieces))]+a+pieces[rng.IntN(len(pieces))]+b,
			strings.ToUpper(a), strings.ToLower(b),
			a[:rng.IntN(len(a)+1)]+pieces[rng.IntN(len(pieces))]+a[rng.IntN(len(a)+1):])
	}

	for _, expr := range ladderPatternExprs(t) {
		p, err := newLadderPattern(expr)
		require.NoError(t, err)
		require.Equal(t, regexp.MustCompile(expr).String(), p.re.String())
		for _, s := range texts {
			assertSameAsRegexp(t, p, s)
		}
	}
}
