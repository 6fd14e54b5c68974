package app

import (
	"github.com/wxlog/wxlog/parsers"
)

// scanFlows finds the evidence of every step of every flow in the sources,
// and the findings that fail one of their steps, one list per flow.
//
// Each source is read once for all flows. The flows share many rules and
// literals (the sign-in and the registration flow both look for REGISTER),
// so each distinct literal is searched for once per entry, and each
// distinct rule runs once per entry.
func scanFlows(defs []*FlowDef, sources []*parsers.Source, findings []Finding) [][]*ladderItem {
	plans := map[string]*ladderPlan{}
	for _, src := range sources {
		if _, ok := plans[src.Format]; !ok {
			plans[src.Format] = newLadderPlan(defs, src.Format)
		}
	}

	// Sources are scanned in parallel, and their items joined in source
	// order so that the result does not depend on the scheduling.
	perSource := make([][][]*ladderItem, len(sources))
	order := largestFirst(sources)
	inParallel(len(order), func(k int) {
		i := order[k]
		// A file cut short while mapped leaves perSource[i] nil and a
		// problem on the source, and the other sources go on.
		_ = sources[i].ReadText(func() {
			perSource[i] = plans[sources[i].Format].scan(sources[i])
		})
	})

	out := make([][]*ladderItem, len(defs))
	in := newInterner()
	for k, def := range defs {
		var items []*ladderItem
		for _, part := range perSource {
			if part != nil {
				items = append(items, part[k]...)
			}
		}
		for i := range findings {
			f := &findings[i]
			step := findingStep(def, f)
			if step < 0 {
				continue
			}
			it := &ladderItem{ref: f.EntryRef, step: step, finding: f, outcome: OutcomeFail}
			// The entry's text may be in a file cut short since the scan:
			// its item is then left out.
			if parsers.CatchFault(func() { fillItem(it, f.Source, f.Entry(), in) }) != nil {
				continue
			}
			items = append(items, it)
		}
		out[k] = items
	}
	return out
}

// ladderPlan is every evidence rule of the flows that reads one format,
// with the distinct literals the rules require and the distinct rules.
type ladderPlan struct {
	flows []flowPlan
	// literals are the distinct required literals, and checks the distinct
	// rules, each with the literals its match pattern requires.
	literals []ladderLiteral
	checks   []ruleCheck
}

// flowPlan is the rules of one flow that read the format, markers first,
// then the steps' rules in order.
type flowPlan struct {
	def   *FlowDef
	rules []plannedRule
}

type plannedRule struct {
	rule *EvidenceRule
	// step indexes the flow's steps; -1 for a marker.
	step int32
	// check indexes ladderPlan.checks.
	check int
}

// ruleCheck is one distinct rule and the literals of its match pattern.
// An entry must contain every literal of needs and one of each group in
// anyOf.
type ruleCheck struct {
	rule  *EvidenceRule
	needs []int
	anyOf [][]int
}

func newLadderPlan(defs []*FlowDef, format string) *ladderPlan {
	p := &ladderPlan{}
	literalIndex := map[ladderLiteralKey]int{}
	literal := func(l requiredLit) int {
		k := ladderLiteralKey{l.text, l.fold}
		i, ok := literalIndex[k]
		if !ok {
			i = len(p.literals)
			literalIndex[k] = i
			p.literals = append(p.literals, newLadderLiteral(l.text, l.fold))
		}
		return i
	}
	checkIndex := map[string]int{}
	check := func(r *EvidenceRule) int {
		k := r.evaluationKey()
		i, ok := checkIndex[k]
		if ok {
			return i
		}
		c := ruleCheck{rule: r}
		for _, l := range requiredLiterals(r.Match) {
			if l.anyOf == nil {
				c.needs = append(c.needs, literal(l))
				continue
			}
			// A branch that requires more than one literal is tested
			// on its longest, as the regexp's own guard does. A branch
			// that is an alternation itself leaves the group untested.
			var group []int
			for _, alt := range l.anyOf {
				if alt.anyOf != nil {
					group = nil
					break
				}
				group = append(group, literal(alt))
			}
			if group != nil {
				c.anyOf = append(c.anyOf, group)
			}
		}
		i = len(p.checks)
		checkIndex[k] = i
		p.checks = append(p.checks, c)
		return i
	}

	for _, def := range defs {
		fp := flowPlan{def: def}
		for _, m := range def.Markers {
			if m.formats[format] {
				fp.rules = append(fp.rules, plannedRule{rule: m, step: -1, check: check(m)})
			}
		}
		for k, s := range def.Steps {
			for _, r := range s.Rules {
				if r.formats[format] {
					fp.rules = append(fp.rules, plannedRule{rule: r, step: int32(k), check: check(r)})
				}
			}
		}
		p.flows = append(p.flows, fp)
	}
	return p
}

type ladderLiteralKey struct {
	text string
	fold bool
}

// evaluationKey returns a text that two rules share when they give the
// same result on every entry: the same patterns, outcome and details.
func (r *EvidenceRule) evaluationKey() string {
	key := r.Match + "\x00" + r.Exclude + "\x00" + r.Outcome + "\x00" + r.Status + "\x00" + r.PassIf
	for _, d := range r.details {
		key += "\x00" + d.name + "\x00" + r.Details[d.name]
	}
	return key
}

// Per-entry states of a literal or a check: not tested yet, or the result.
const (
	untested uint8 = iota
	absent
	present
)

// planScan is the state of one source's scan: what is known of the
// current entry.
type planScan struct {
	p       *ladderPlan
	text    entryText
	literal []uint8
	check   []uint8
	result  []ruleResult
}

// scan matches the plan's rules against one source in file order and
// returns the items of each flow. A response rule (one with After)
// matches only when the last request of the entry's thread matched one of
// its request rules in the same flow.
func (p *ladderPlan) scan(src *parsers.Source) [][]*ladderItem {
	out := make([][]*ladderItem, len(p.flows))
	if len(p.checks) == 0 {
		return out
	}
	s := &planScan{
		p:       p,
		literal: make([]uint8, len(p.literals)),
		check:   make([]uint8, len(p.checks)),
		result:  make([]ruleResult, len(p.checks)),
	}
	openRequest := make([]map[string][]string, len(p.flows))
	for k := range openRequest {
		openRequest[k] = map[string][]string{}
	}

	client := isClientFormat(src.Format)
	in := newInterner()
	for i := range src.Entries {
		e := &src.Entries[i]
		s.text.reset(e.Raw)
		clear(s.literal)
		clear(s.check)
		request := e.Fields != nil && e.HTTPMethod() != ""

		for k := range p.flows {
			fp := &p.flows[k]
			if len(fp.rules) == 0 {
				continue
			}
			var open, requestRules []string
			openKnown := false
			for _, pr := range fp.rules {
				// The thread check comes first: it is cheap, and a
				// response rule's pattern (a status line) is in most
				// entries.
				if len(pr.rule.After) > 0 {
					if !openKnown {
						open, openKnown = openRequest[k][e.Thread()], true
					}
					if !sharesAny(open, pr.rule.After) {
						continue
					}
				}
				res, ok := s.evaluate(pr.check)
				if !ok {
					continue
				}
				if len(pr.rule.After) == 0 {
					requestRules = append(requestRules, pr.rule.ID)
				}
				it := &ladderItem{
					ref:     EntryRef{Source: src, Index: i},
					rule:    pr.rule,
					step:    pr.step,
					outcome: res.outcome,
					code:    int32(res.code),
					details: res.details,
					start:   fp.def.starts[pr.rule.ID],
				}
				fillItemFields(it, src, e, client, in)
				out[k] = append(out[k], it)
			}
			if request {
				openRequest[k][e.Thread()] = requestRules
			}
		}
	}
	return out
}

// evaluate runs the check with index c on the current entry once, and
// returns its result on later calls.
func (s *planScan) evaluate(c int) (ruleResult, bool) {
	switch s.check[c] {
	case absent:
		return ruleResult{}, false
	case present:
		return s.result[c], true
	}
	rc := &s.p.checks[c]
	ok := s.hasLiterals(rc)
	var res ruleResult
	if ok {
		res, ok = rc.rule.evaluate(&s.text, true)
	}
	s.check[c] = absent
	if ok {
		s.check[c], s.result[c] = present, res
	}
	return res, ok
}

// hasLiterals reports whether the current entry contains every literal
// the check needs.
func (s *planScan) hasLiterals(rc *ruleCheck) bool {
	for _, l := range rc.needs {
		if !s.has(l) {
			return false
		}
	}
	for _, group := range rc.anyOf {
		found := false
		for _, l := range group {
			if s.has(l) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (s *planScan) has(l int) bool {
	if s.literal[l] == untested {
		s.literal[l] = absent
		if s.p.literals[l].in(&s.text) {
			s.literal[l] = present
		}
	}
	return s.literal[l] == present
}
