package app

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

// plainRule is an evidence rule run with the regexp package alone, one
// rule and one flow at a time, as a reference for the shared scan.
type plainRule struct {
	*EvidenceRule
	match, exclude, status, passIf *regexp.Regexp
	details                        map[string]*regexp.Regexp
}

func newPlainRule(r *EvidenceRule) plainRule {
	compile := func(expr string) *regexp.Regexp {
		if expr == "" {
			return nil
		}
		return regexp.MustCompile(expr)
	}
	p := plainRule{EvidenceRule: r, match: compile(r.Match), exclude: compile(r.Exclude),
		status: compile(r.Status), passIf: compile(r.PassIf), details: map[string]*regexp.Regexp{}}
	for name, expr := range r.Details {
		p.details[name] = compile(expr)
	}
	return p
}

// describe returns the rule's result on raw as text, or "" when raw is
// no evidence for it.
func (p plainRule) describe(raw string) string {
	if !p.match.MatchString(raw) || p.exclude != nil && p.exclude.MatchString(raw) {
		return ""
	}
	outcome, code := p.Outcome, 0
	switch p.Outcome {
	case OutcomeStatus:
		re := p.status
		if re == nil {
			re = p.match
		}
		m := re.FindStringSubmatch(raw)
		if m == nil {
			outcome = OutcomeTrace
			break
		}
		code, _ = strconv.Atoi(m[re.SubexpIndex("status")])
		outcome = statusOutcome(code)
	case OutcomeCheck:
		outcome = OutcomeFail
		if p.passIf.MatchString(raw) {
			outcome = OutcomePass
		}
	}
	var details []string
	for name, re := range p.details {
		if m := re.FindStringSubmatch(raw); m != nil && m[1] != "" {
			details = append(details, name+"="+m[1])
		}
	}
	sort.Strings(details)
	return fmt.Sprintf("%s %d %v", outcome, code, details)
}

// plainScan lists the evidence of one flow in the sources, one line per
// item, with one pass per source and the rules in flow order.
func plainScan(def *FlowDef, sources []*parsers.Source) []string {
	var out []string
	for _, src := range sources {
		type ruleAt struct {
			rule plainRule
			step int
		}
		var rules []ruleAt
		for _, m := range def.Markers {
			if m.formats[src.Format] {
				rules = append(rules, ruleAt{newPlainRule(m), -1})
			}
		}
		for k, s := range def.Steps {
			for _, r := range s.Rules {
				if r.formats[src.Format] {
					rules = append(rules, ruleAt{newPlainRule(r), k})
				}
			}
		}
		if len(rules) == 0 {
			continue
		}
		openRequest := map[string][]string{}
		for i := range src.Entries {
			e := &src.Entries[i]
			var requestRules []string
			for _, ra := range rules {
				if len(ra.rule.After) > 0 && !sharesAny(openRequest[e.Thread()], ra.rule.After) {
					continue
				}
				said := ra.rule.describe(e.Raw)
				if said == "" {
					continue
				}
				if len(ra.rule.After) == 0 {
					requestRules = append(requestRules, ra.rule.ID)
				}
				out = append(out, fmt.Sprintf("%s:%d %s step %d: %s", src.Name, i, ra.rule.ID, ra.step, said))
			}
			if e.Fields != nil && e.HTTPMethod() != "" {
				openRequest[e.Thread()] = requestRules
			}
		}
	}
	return out
}

// describeItems lists the items of scanFlows as plainScan does, leaving
// out the items of findings.
func describeItems(items []*ladderItem) []string {
	var out []string
	for _, it := range items {
		if it.finding != nil {
			continue
		}
		var details []string
		for name, v := range it.details {
			details = append(details, name+"="+v)
		}
		sort.Strings(details)
		out = append(out, fmt.Sprintf("%s:%d %s step %d: %s %d %v", it.ref.Source.Name, it.ref.Index, it.rule.ID, it.step, it.outcome, it.code, details))
	}
	return out
}

// The shared scan of all flows must find the same evidence as each flow's
// rules run one by one with the regexp package.
func TestScanFlowsMatchesPlainScan(t *testing.T) {
	defs, err := Flows()
	require.NoError(t, err)

	cases := map[string][]*parsers.Source{}
	dirs, err := filepath.Glob(filepath.Join(ladderCorpus, "*"))
	require.NoError(t, err)
	for _, dir := range dirs {
		ws, err := Load(context.Background(), []string{dir}, Config{}, nil)
		require.NoError(t, err)
		cases[filepath.Base(dir)] = ws.Snapshot()
	}
	data, err := gen.ZipBytes(gen.Options{ServerBytes: 3 << 20, ClientBytes: 600 << 10, Seed: 3})
	require.NoError(t, err)
	ws := &Workspace{}
	require.NoError(t, ws.AddData(context.Background(), "generated.zip", data, Config{}, nil))
	cases["generated"] = ws.Snapshot()

	// Units of a few entries put many responses in another unit than their
	// request; the default size gives one unit per source here.
	sizes := []struct {
		name  string
		bytes int
	}{{"default units", 0}, {"64 KB units", 64 << 10}, {"1 KB units", 1 << 10}}
	for name, sources := range cases {
		for _, size := range sizes {
			t.Run(name+"/"+size.name, func(t *testing.T) {
				var perFlow [][]*ladderItem
				if size.bytes == 0 {
					perFlow = scanFlows(defs, sources, nil)
				} else {
					perFlow = scanFlowsInUnits(defs, sources, nil, size.bytes)
				}
				require.Len(t, perFlow, len(defs))
				total := 0
				for k, def := range defs {
					want := plainScan(def, sources)
					got := describeItems(perFlow[k])
					total += len(got)
					assert.Equal(t, strings.Join(want, "\n"), strings.Join(got, "\n"), "flow %s", def.ID)
				}
				assert.NotZero(t, total, "the case should hold evidence")
			})
		}
	}
}

func TestLadderPlanSharesLiteralsAndRules(t *testing.T) {
	defs, err := Flows()
	require.NoError(t, err)
	tests := []struct {
		format string
		// shared is a rule id whose check another flow's rule reuses.
		shared, sharedWith string
	}{
		{"bw-xslog", "register-xslog-answer", "as-register-answer"},
		{"webex-desktop", "device-picked", "dm-device-picked"},
		{"access-log", "dms-access", "profile-access"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			p := newLadderPlan(defs, tt.format)
			checks := map[string]int{}
			for _, fp := range p.flows {
				for _, pr := range fp.rules {
					checks[pr.rule.ID] = pr.check
				}
			}
			require.Contains(t, checks, tt.shared)
			require.Contains(t, checks, tt.sharedWith)
			assert.Equal(t, checks[tt.shared], checks[tt.sharedWith])

			seen := map[ladderLiteralKey]bool{}
			for _, l := range p.literals {
				k := ladderLiteralKey{l.text, l.fold}
				assert.False(t, seen[k], "literal %q listed twice", l.text)
				seen[k] = true
			}
		})
	}
}
