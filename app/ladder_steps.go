package app

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"sync"

	"github.com/wxlog/wxlog/assets"
)

// A flow file in assets/ladder is JSON:
//
//	{
//	  "id": "broadworks-sign-in",
//	  "title": "BroadWorks sign-in",
//	  "lifelines": [{"id": "user", "title": "User"}, ...],
//	  "starts": ["app-start", "email-entered"],
//	  "markers": [{"id": "app-start", "formats": [...], "match": "...", ...}],
//	  "steps": [{
//	    "id": "xsi-profile", "from": "cloud", "to": "xsi", "label": "...",
//	    "collect": "the XSP's XsiActionsLog or tomcat access_log",
//	    "finding_steps": ["xsi-profile"], "signatures": [],
//	    "rules": [{"id": "...", "formats": ["access-log"],
//	               "match": "\"GET \\S*/profile HTTP/[0-9.]+\" (?P<status>\\d{3})",
//	               "outcome": "status", "samples": [...], "must_not": [...]}]
//	  }]
//	}
//
// Starts name the rules (markers or step rules) whose entries begin a new
// attempt of the flow. Markers only mark such boundaries; they are not
// evidence of any step.

// Rule outcomes: what an entry matched by a rule says about its step.
const (
	OutcomePass  = "pass"  // the step succeeded
	OutcomeFail  = "fail"  // the step failed
	OutcomeTrace = "trace" // the step ran; the entry alone says nothing of its result
	// OutcomeStatus takes the result from an HTTP or SIP status code: the
	// rule's status pattern, or else the "status" group of its match.
	OutcomeStatus = "status"
	// OutcomeCheck passes when the entry also matches pass_if and fails
	// otherwise.
	OutcomeCheck = "check"
)

// Rule timings: which end of a message an entry records, for the clock
// skew estimate. A client "send" pairs with a server "receive" and a
// server "send" with a client "receive".
const (
	TimingSend    = "send"
	TimingReceive = "receive"
)

// Lifeline is one participant of a flow, drawn as a vertical line.
type Lifeline struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// EvidenceRule recognises the entries that show one step.
type EvidenceRule struct {
	ID string `json:"id"`
	// Formats are the parser format ids whose entries the rule reads.
	Formats []string `json:"formats"`
	// Match is a Go regular expression (RE2) over the raw entry text.
	Match string `json:"match"`
	// Exclude drops entries that Match found but that mean something else.
	Exclude string `json:"exclude,omitempty"`
	Outcome string `json:"outcome"`
	// Status is a pattern whose "status" group holds the status code, for
	// an OutcomeStatus rule whose Match does not capture it.
	Status string `json:"status,omitempty"`
	// PassIf decides an OutcomeCheck rule.
	PassIf string `json:"pass_if,omitempty"`
	// FailNote explains a failed check.
	FailNote string `json:"fail_note,omitempty"`
	// After makes the rule a response: it applies only to an entry whose
	// thread last sent a request that one of these rules matched.
	After  []string `json:"after,omitempty"`
	Timing string   `json:"timing,omitempty"`
	// Exchange names the request and response that timed entries belong to,
	// so the skew estimate pairs a send with the matching receive. empty
	// means the step's id.
	Exchange string `json:"exchange,omitempty"`
	// Details names values to copy from the entry into the step, each a
	// pattern whose first group holds the value.
	Details map[string]string `json:"details,omitempty"`
	Samples []string          `json:"samples"`
	MustNot []string          `json:"must_not"`

	match, exclude, status, passIf *ladderPattern
	// statusGroup indexes the "status" group in status, or else in match,
	// of an OutcomeStatus rule.
	statusGroup int
	details     []detailPattern
	formats     map[string]bool
}

type detailPattern struct {
	name    string
	pattern *ladderPattern
}

// StepDef is one step of a flow as the data defines it.
type StepDef struct {
	ID    string `json:"id"`
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
	// Collect names the log to collect when none that could show the step
	// is loaded.
	Collect string `json:"collect"`
	// FindingSteps are the Signature.Step values whose findings fail this
	// step; empty means the step's own id.
	FindingSteps []string `json:"finding_steps,omitempty"`
	// Signatures are signature ids whose findings fail this step whatever
	// their Step says.
	Signatures []string        `json:"signatures,omitempty"`
	Rules      []*EvidenceRule `json:"rules"`

	formatList []string
}

// Formats returns the parser format ids of the logs that can show the
// step, sorted.
func (d *StepDef) Formats() []string {
	if d.formatList != nil {
		return append([]string(nil), d.formatList...)
	}
	return d.formats()
}

func (d *StepDef) formats() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range d.Rules {
		for _, f := range r.Formats {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return out
}

// FlowDef is one flow of the ladder: its lifelines, steps and the rules
// that mark where an attempt begins.
type FlowDef struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	Lifelines []Lifeline      `json:"lifelines"`
	Starts    []string        `json:"starts"`
	Markers   []*EvidenceRule `json:"markers,omitempty"`
	Steps     []*StepDef      `json:"steps"`

	starts map[string]bool
}

// Step returns the step with that id, or nil.
func (f *FlowDef) Step(id string) *StepDef {
	for _, s := range f.Steps {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Lifeline returns the index of the lifeline with that id, or -1.
func (f *FlowDef) Lifeline(id string) int {
	for i, l := range f.Lifelines {
		if l.ID == id {
			return i
		}
	}
	return -1
}

var (
	flowsOnce sync.Once
	flows     []*FlowDef
	flowsErr  error
)

// Flows returns the built-in flows of assets/ladder, sign-in first. The
// files are checked once; an invalid file is a programming error that the
// tests catch, so the error is returned to every caller.
func Flows() ([]*FlowDef, error) {
	flowsOnce.Do(func() {
		flows, flowsErr = LoadFlows(assets.LadderFS, "ladder")
	})
	return flows, flowsErr
}

// LoadFlows reads and compiles every *.json flow file in dir of fsys. The
// sign-in flow comes first, the others follow by id.
func LoadFlows(fsys fs.FS, dir string) ([]*FlowDef, error) {
	names, err := fs.Glob(fsys, dir+"/*.json")
	if err != nil {
		return nil, fmt.Errorf("ladder: list %s: %w", dir, err)
	}
	var out []*FlowDef
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("ladder: read %s: %w", name, err)
		}
		flow, err := ParseFlow(data)
		if err != nil {
			return nil, fmt.Errorf("ladder: %s: %w", name, err)
		}
		out = append(out, flow)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].ID == FlowSignIn) != (out[j].ID == FlowSignIn) {
			return out[i].ID == FlowSignIn
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// ParseFlow decodes one flow file and compiles its patterns. The error
// names the step and rule at fault.
func ParseFlow(data []byte) (*FlowDef, error) {
	var f FlowDef
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if f.ID == "" || len(f.Steps) == 0 || len(f.Lifelines) == 0 {
		return nil, fmt.Errorf("flow %q: id, lifelines and steps are required", f.ID)
	}

	ruleIDs := map[string]bool{}
	for _, m := range f.Markers {
		if err := m.compile(ruleIDs); err != nil {
			return nil, fmt.Errorf("flow %s: marker %s: %w", f.ID, m.ID, err)
		}
	}
	stepIDs := map[string]bool{}
	for _, s := range f.Steps {
		if s.ID == "" || stepIDs[s.ID] {
			return nil, fmt.Errorf("flow %s: missing or duplicate step id %q", f.ID, s.ID)
		}
		stepIDs[s.ID] = true
		if f.Lifeline(s.From) < 0 || f.Lifeline(s.To) < 0 {
			return nil, fmt.Errorf("flow %s: step %s: unknown lifeline in from %q or to %q", f.ID, s.ID, s.From, s.To)
		}
		if len(s.Rules) == 0 || s.Collect == "" {
			return nil, fmt.Errorf("flow %s: step %s: rules and collect are required", f.ID, s.ID)
		}
		for _, r := range s.Rules {
			if err := r.compile(ruleIDs); err != nil {
				return nil, fmt.Errorf("flow %s: step %s: rule %s: %w", f.ID, s.ID, r.ID, err)
			}
		}
		s.formatList = s.formats()
	}

	f.starts = map[string]bool{}
	for _, id := range f.Starts {
		if !ruleIDs[id] {
			return nil, fmt.Errorf("flow %s: start %q names no rule", f.ID, id)
		}
		f.starts[id] = true
	}
	for _, s := range f.Steps {
		for _, r := range s.Rules {
			for _, a := range r.After {
				if !ruleIDs[a] {
					return nil, fmt.Errorf("flow %s: step %s: rule %s: after %q names no rule", f.ID, s.ID, r.ID, a)
				}
			}
		}
	}
	return &f, nil
}

func (r *EvidenceRule) compile(ids map[string]bool) error {
	if r.ID == "" || ids[r.ID] {
		return fmt.Errorf("missing or duplicate rule id %q", r.ID)
	}
	ids[r.ID] = true
	if len(r.Formats) == 0 {
		return fmt.Errorf("formats are required")
	}
	r.formats = map[string]bool{}
	for _, f := range r.Formats {
		r.formats[f] = true
	}

	var err error
	if r.match, err = newLadderPattern(r.Match); err != nil || r.match == nil {
		return fmt.Errorf("invalid or missing match pattern: %v", err)
	}
	if r.exclude, err = newLadderPattern(r.Exclude); err != nil {
		return fmt.Errorf("invalid exclude pattern: %w", err)
	}
	if r.status, err = newLadderPattern(r.Status); err != nil {
		return fmt.Errorf("invalid status pattern: %w", err)
	}
	if r.passIf, err = newLadderPattern(r.PassIf); err != nil {
		return fmt.Errorf("invalid pass_if pattern: %w", err)
	}

	switch r.Outcome {
	case OutcomePass, OutcomeFail, OutcomeTrace:
	case OutcomeStatus:
		p := r.status
		if p == nil {
			p = r.match
		}
		if r.statusGroup = p.re.SubexpIndex("status"); r.statusGroup < 0 {
			return fmt.Errorf("a status rule needs a (?P<status>...) group in status or match")
		}
	case OutcomeCheck:
		if r.passIf == nil {
			return fmt.Errorf("a check rule needs pass_if")
		}
	default:
		return fmt.Errorf("unknown outcome %q: expected pass, fail, trace, status or check", r.Outcome)
	}
	if r.Timing != "" && r.Timing != TimingSend && r.Timing != TimingReceive {
		return fmt.Errorf("unknown timing %q: expected send or receive", r.Timing)
	}

	names := make([]string, 0, len(r.Details))
	for name := range r.Details {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p, err := newLadderPattern(r.Details[name])
		if err != nil || p == nil || p.re.NumSubexp() < 1 {
			return fmt.Errorf("detail %s: invalid pattern or no group: %v", name, err)
		}
		r.details = append(r.details, detailPattern{name: name, pattern: p})
	}
	if len(r.Samples) == 0 {
		return fmt.Errorf("at least one sample is required")
	}
	return nil
}

// ruleResult is the result of a rule on an entry that it matched.
type ruleResult struct {
	// outcome is OutcomePass, OutcomeFail or OutcomeTrace, and code is
	// the status code when one decided it.
	outcome string
	code    int
	details map[string]string
}

// matches reports whether raw is evidence for the rule.
func (r *EvidenceRule) matches(raw string) bool {
	var t entryText
	t.reset(raw)
	_, ok := r.evaluate(&t, false)
	return ok
}

// verdict returns what a matched entry says about the step: OutcomePass,
// OutcomeFail or OutcomeTrace, and the status code when one decided it.
func (r *EvidenceRule) verdict(raw string) (outcome string, code int) {
	var t entryText
	t.reset(raw)
	res, _ := r.evaluate(&t, false)
	return res.outcome, res.code
}

// evaluate reports whether the entry is evidence for the rule and, when it
// is, what it shows about the step. guarded is set when the entry is
// known to contain every literal that the match pattern requires.
//
// A status rule whose match pattern contains the status group runs that
// pattern once, for both.
func (r *EvidenceRule) evaluate(t *entryText, guarded bool) (ruleResult, bool) {
	if !guarded && !r.match.mayMatch(t) {
		return ruleResult{}, false
	}
	var loc []int
	if r.Outcome == OutcomeStatus && r.status == nil {
		if loc = r.match.submatchUnguarded(t); loc == nil {
			return ruleResult{}, false
		}
	} else if !r.match.matchUnguarded(t) {
		return ruleResult{}, false
	}
	if r.exclude != nil && r.exclude.match(t) {
		return ruleResult{}, false
	}

	res := ruleResult{outcome: r.Outcome}
	switch r.Outcome {
	case OutcomeStatus:
		if r.status != nil {
			loc = r.status.submatch(t)
		}
		if loc == nil {
			res.outcome = OutcomeTrace
			break
		}
		code := ""
		if i := 2 * r.statusGroup; loc[i] >= 0 {
			code = t.raw[loc[i]:loc[i+1]]
		}
		res.code, _ = strconv.Atoi(code)
		res.outcome = statusOutcome(res.code)
	case OutcomeCheck:
		res.outcome = OutcomeFail
		if r.passIf.match(t) {
			res.outcome = OutcomePass
		}
	}
	res.details = r.detailsOf(t)
	return res, true
}

// statusOutcome classes an HTTP or SIP status code. A provisional response,
// a redirect and a 401 or 407 challenge are part of a normal exchange, so
// they only show that the step ran. A challenge followed by 200 passes.
func statusOutcome(code int) string {
	switch {
	case code >= 200 && code < 300:
		return OutcomePass
	case code < 200, code < 400, code == 401, code == 407:
		return OutcomeTrace
	}
	return OutcomeFail
}

// detailsOf returns the rule's detail values found in the entry.
func (r *EvidenceRule) detailsOf(t *entryText) map[string]string {
	var out map[string]string
	for _, d := range r.details {
		loc := d.pattern.submatch(t)
		if loc == nil || loc[2] < 0 || loc[2] == loc[3] {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[d.name] = t.raw[loc[2]:loc[3]]
	}
	return out
}
