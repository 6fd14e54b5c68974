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
	return scanFlowsInUnits(defs, sources, findings, unitBytes(sources))
}

// scanFlowsInUnits is scanFlows with units of about size bytes of text.
func scanFlowsInUnits(defs []*FlowDef, sources []*parsers.Source, findings []Finding, size int) [][]*ladderItem {
	plans := map[string]*ladderPlan{}
	for _, src := range sources {
		if _, ok := plans[src.Format]; !ok {
			plans[src.Format] = newLadderPlan(defs, src.Format)
		}
	}

	// Each source is cut into units that are scanned in parallel, so that
	// one large file does not keep a single core busy. The units' items
	// are then joined in source and entry order, so that the result does
	// not depend on the scheduling.
	units := splitSources(sources, size)
	perUnit := make([]unitItems, len(units))
	faulted := readUnits(sources, units, func(k int, u scanUnit) {
		src := sources[u.source]
		perUnit[k] = plans[src.Format].scan(src, u.lo, u.hi)
	})
	perSource := joinUnits(len(sources), len(defs), units, perUnit, faulted)

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

// unitItems is the result of one unit's scan, per flow: the items in entry
// order, the pending response items, and in opened the request rules that
// each thread's last request matched by the unit's end.
type unitItems struct {
	items   [][]*ladderItem
	pending [][]pendingItem
	opened  []map[string][]string
}

// pendingItem is a response item, at index in its flow's items, whose
// thread had no request earlier in the unit. It counts only when the
// thread's last request before the unit matched one of the rules in after.
type pendingItem struct {
	index  int
	thread string
	after  []string
}

// joinUnits joins the items of each source's units in order, and keeps a
// pending response item only when its thread's open request, carried over
// from the units before, matched one of its request rules. The items of a
// source whose text faulted are left out, with the problem that readUnits
// gave the source.
func joinUnits(nSources, nFlows int, units []scanUnit, perUnit []unitItems, faulted []bool) [][][]*ladderItem {
	perSource := make([][][]*ladderItem, nSources)
	carried := make([][]map[string][]string, nSources)
	for k, u := range units {
		res := perUnit[k]
		if faulted[u.source] || res.items == nil {
			continue
		}
		if perSource[u.source] == nil {
			perSource[u.source] = make([][]*ladderItem, nFlows)
			carried[u.source] = make([]map[string][]string, nFlows)
			for f := range carried[u.source] {
				carried[u.source][f] = map[string][]string{}
			}
		}
		for f := range nFlows {
			open := carried[u.source][f]
			items := res.items[f]
			if len(res.pending[f]) > 0 {
				drop := map[int]bool{}
				for _, p := range res.pending[f] {
					if !sharesAny(open[p.thread], p.after) {
						drop[p.index] = true
					}
				}
				var matched []*ladderItem
				for i, it := range items {
					if !drop[i] {
						matched = append(matched, it)
					}
				}
				items = matched
			}
			perSource[u.source][f] = append(perSource[u.source][f], items...)
			for thread, rules := range res.opened[f] {
				open[thread] = rules
			}
		}
	}
	return perSource
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

// scan matches the plan's rules against the entries lo to hi-1 of a
// source in file order and returns the items of each flow. A response
// rule (one with After) matches only when the last request of the entry's
// thread matched one of its request rules in the same flow. When that
// request is before lo, the item is returned as pending, for joinUnits.
func (p *ladderPlan) scan(src *parsers.Source, lo, hi int) unitItems {
	out := unitItems{
		items:   make([][]*ladderItem, len(p.flows)),
		pending: make([][]pendingItem, len(p.flows)),
		opened:  make([]map[string][]string, len(p.flows)),
	}
	for k := range out.opened {
		out.opened[k] = map[string][]string{}
	}
	if len(p.checks) == 0 {
		return out
	}
	s := &planScan{
		p:       p,
		literal: make([]uint8, len(p.literals)),
		check:   make([]uint8, len(p.checks)),
		result:  make([]ruleResult, len(p.checks)),
	}

	client := isClientFormat(src.Format)
	in := newInterner()
	for i := lo; i < hi; i++ {
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
			openKnown, inUnit := false, false
			for _, pr := range fp.rules {
				// The thread check comes first: it is cheap, and a
				// response rule's pattern (a status line) is in most
				// entries.
				if len(pr.rule.After) > 0 {
					if !openKnown {
						open, inUnit = out.opened[k][e.Thread()]
						openKnown = true
					}
					if inUnit && !sharesAny(open, pr.rule.After) {
						continue
					}
				}
				res, ok := s.evaluate(pr.check)
				if !ok {
					continue
				}
				if len(pr.rule.After) == 0 {
					requestRules = append(requestRules, pr.rule.ID)
				} else if !inUnit {
					out.pending[k] = append(out.pending[k], pendingItem{
						index: len(out.items[k]), thread: in.text(e.Thread()), after: pr.rule.After,
					})
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
				out.items[k] = append(out.items[k], it)
			}
			if request {
				// The thread is a copy: joinUnits reads it after the
				// unit's pages were released.
				out.opened[k][in.text(e.Thread())] = requestRules
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
