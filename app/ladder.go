package app

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/wxlog/wxlog/parsers"
)

// Flow ids of the built-in ladder flows.
const (
	FlowSignIn       = "broadworks-sign-in"
	FlowRegistration = "broadworks-registration"
	FlowProvisioning = "flow-through-provisioning"
)

// StepStatus is the state of one ladder step in one attempt.
type StepStatus string

// Step statuses, as the report prints them.
const (
	// StatusPassed: an entry shows the step succeeded.
	StatusPassed StepStatus = "passed"
	// StatusFailed: a finding or an entry shows the step failed.
	StatusFailed StepStatus = "failed"
	// StatusNotSeen: a log that could show the step is loaded, but holds
	// no trace of it in this attempt.
	StatusNotSeen StepStatus = "not-seen"
	// StatusNoLogs: no log that could show the step is loaded.
	StatusNoLogs StepStatus = "no-logs"
)

// Step is one arrow of a ladder in one attempt: everything a drawing and
// a report need. Its definition's ID, From, To and Label are promoted, and
// From and To are lifeline ids of the flow.
//
// Steps are read-only: a step without evidence is shared by the attempts
// of a ladder in which it has the same status and note.
type Step struct {
	*StepDef
	Status StepStatus
	// Evidence lists the entries that show the step: the failing entries
	// first, then the others in time order.
	Evidence []EntryRef
	// Finding is the finding that failed the step, or nil.
	Finding *Finding
	// FailRule is the id of the evidence rule that failed the step when no
	// finding did.
	FailRule string
	// Note explains the status in a sentence.
	Note string
	// FailedAt is the lifeline where a failed step failed, when that is
	// not the arrow itself. A server responded to the request with
	// AnswerCode (2xx), and a finding in a client log shows that the
	// client failed afterwards, as with a config-wxt.xml that DMS served
	// but the client could not parse. It is "" otherwise.
	FailedAt   string
	AnswerCode int
	// Collect names the log to collect. It is set only when Status is
	// no-logs, and it hides the definition's Collect, which every step has.
	Collect string
	// Details holds values read from the evidence, such as the
	// subscriberProfile fields of a provisioning request.
	Details map[string]string
}

// Signature returns the id of what failed the step: the finding's
// signature, else the evidence rule, else "".
func (s *Step) Signature() string {
	if s.Finding != nil && s.Finding.Signature != nil {
		return s.Finding.Signature.ID
	}
	return s.FailRule
}

// Attempt is one run of a flow: the evidence that shares a tracking id,
// or that falls between two starts of the flow.
type Attempt struct {
	// ID is the tracking id of the attempt, the earliest one when several
	// share it, or "" when its entries carry none.
	ID          string
	TrackingIDs []string
	// Users are the user ids its entries name: Webex emails, BroadWorks
	// user ids and the phone numbers of BroadWorks server log headers.
	Users []string
	// Start and End are the skew-corrected times of its first and last
	// evidence, in Unix nanoseconds.
	Start, End int64
	// Client reports whether a client log shows the attempt.
	Client bool
	Steps  []*Step

	items []*ladderItem
}

// Label names the attempt for a list: its tracking id, else its start.
func (a *Attempt) Label() string {
	if a.ID != "" {
		return a.ID
	}
	return FormatTime(a.Start)
}

// Ladder is one flow over the loaded sources: every attempt found, newest
// first, and the one selected for display.
type Ladder struct {
	Flow     *FlowDef
	Attempts []*Attempt
	// Selected indexes Attempts; -1 when there is no attempt or the
	// requested one was not found.
	Selected int
	// Requested is the tracking id that was asked for, "" for the default.
	Requested string
}

// Current returns the selected attempt, or nil.
func (l *Ladder) Current() *Attempt {
	if l == nil || l.Selected < 0 || l.Selected >= len(l.Attempts) {
		return nil
	}
	return l.Attempts[l.Selected]
}

// Select picks the attempt that carries the tracking id; "" picks the
// default: the newest attempt a client log shows, else the newest. It
// returns false, selecting nothing, when no attempt carries the id.
func (l *Ladder) Select(trackingID string) bool {
	l.Requested = trackingID
	l.Selected = -1
	if trackingID == "" {
		for i, a := range l.Attempts {
			if a.Client {
				l.Selected = i
				return true
			}
		}
		if len(l.Attempts) > 0 {
			l.Selected = 0
		}
		return true
	}
	for i, a := range l.Attempts {
		for _, id := range a.TrackingIDs {
			if id == trackingID || strings.HasPrefix(trackingID, id) {
				l.Selected = i
				return true
			}
		}
	}
	return false
}

// BuildLadders rebuilds every flow from the sources and the findings of
// the signature catalogue, and selects the attempt with the tracking id
// attempt ("" for the newest).
func BuildLadders(sources []*parsers.Source, findings []Finding, attempt string) ([]*Ladder, error) {
	return buildLadders(sources, findings, attempt, nil)
}

// buildLadders is BuildLadders that calls scanned, when not nil, once the
// sources are read and only the correlation is left, which keeps one core
// busy for the sign-in flow.
func buildLadders(sources []*parsers.Source, findings []Finding, attempt string, scanned func()) ([]*Ladder, error) {
	defs, err := Flows()
	if err != nil {
		return nil, err
	}
	loaded, cut := map[string]bool{}, map[string]bool{}
	for _, src := range sources {
		loaded[src.Format] = true
		cut[src.Format] = cut[src.Format] || src.Cut
	}

	perFlow := scanFlows(defs, sources, findings)
	if scanned != nil {
		scanned()
	}
	clientIDs := clientTrackingIDs(perFlow)

	// The flows share no items, so each is correlated in parallel.
	out := make([]*Ladder, len(defs))
	var wg sync.WaitGroup
	for k, def := range defs {
		wg.Go(func() {
			out[k] = buildLadder(def, perFlow[k], clientIDs, loaded, cut)
		})
	}
	wg.Wait()
	inheritSignInIDs(out)
	for _, l := range out {
		l.Select(attempt)
	}
	return out, nil
}

// inheritSignInIDs gives a client registration attempt without a tracking
// id the id of the client sign-in attempt that started last before it. The
// app registers in the session its sign-in opened, and the server logs of
// that session carry the sign-in's id, but the client's own registration
// lines name none.
func inheritSignInIDs(ladders []*Ladder) {
	signIn, registration := ladderOf(ladders, FlowSignIn), ladderOf(ladders, FlowRegistration)
	if signIn == nil || registration == nil {
		return
	}
	// A busy server's logs give a hundred thousand sign-in attempts, but
	// only those of the client logs open a session here.
	var sessions []*Attempt
	for _, s := range signIn.Attempts {
		if s.ID != "" && s.Client {
			sessions = append(sessions, s)
		}
	}
	slices.SortStableFunc(sessions, func(a, b *Attempt) int { return cmp.Compare(a.Start, b.Start) })
	for _, r := range registration.Attempts {
		if r.ID != "" || !r.Client {
			continue
		}
		// The last session that started at or before the registration.
		i := sort.Search(len(sessions), func(i int) bool { return sessions[i].Start > r.Start })
		if i > 0 {
			r.ID = sessions[i-1].ID
			r.TrackingIDs = append(r.TrackingIDs, r.ID)
		}
	}
}

// buildLadder groups one flow's items into attempts and decides their
// steps.
func buildLadder(def *FlowDef, items []*ladderItem, clientIDs, loaded, cut map[string]bool) *Ladder {
	l := &Ladder{Flow: def, Attempts: correlate(def, items, clientIDs)}
	b := newStepBuilder(def, loaded)
	b.cut = cut
	// The step pointers of every attempt come from one block: a busy
	// server's logs give a hundred thousand attempts or more.
	n := len(def.Steps)
	ptrs := make([]*Step, len(l.Attempts)*n)
	for i, a := range l.Attempts {
		a.Steps = b.decideSteps(a, ptrs[i*n:i*n:(i+1)*n])
	}
	return l
}

// stepBuilder decides the steps of the attempts of one ladder. Most steps
// of most attempts have no evidence (a busy server's logs give a hundred
// thousand attempts of 11 steps), so such steps are shared, and the other
// steps and their evidence come from larger blocks.
type stepBuilder struct {
	def    *FlowDef
	loaded map[string]bool
	// cut holds the formats of which a loaded log was cut short.
	cut   map[string]bool
	notes noteMemo
	// shared contains at k*(len(def.Steps)+1)+f+1 the step k without
	// evidence after the failed step f, or f = -1 when none failed.
	shared []*Step
	// steps and evidence are the free parts of the current blocks.
	steps    []Step
	evidence []EntryRef
	// byStep and scratch are reused from attempt to attempt.
	byStep  [][]*ladderItem
	scratch []EntryRef
}

// stepBlock and evidenceBlock are the sizes of the blocks that steps and
// their evidence are taken from.
const (
	stepBlock     = 1024
	evidenceBlock = 4096
)

func newStepBuilder(def *FlowDef, loaded map[string]bool) *stepBuilder {
	n := len(def.Steps)
	return &stepBuilder{
		def:    def,
		loaded: loaded,
		notes:  noteMemo{},
		shared: make([]*Step, n*(n+1)),
		byStep: make([][]*ladderItem, n),
	}
}

// decideSteps gives each step of the flow its status in one attempt.
// steps has room for a pointer to each.
func (b *stepBuilder) decideSteps(a *Attempt, steps []*Step) []*Step {
	for k := range b.byStep {
		b.byStep[k] = b.byStep[k][:0]
	}
	for _, it := range a.items {
		if it.step >= 0 {
			b.byStep[it.step] = append(b.byStep[it.step], it)
		}
	}

	failedBefore := -1
	for k, d := range b.def.Steps {
		// A step that starts where the failed request went may still have
		// happened: a REGISTER that the AS rejected through the SBC went
		// from the SBC to the AS. Only the steps that start elsewhere were
		// not reached.
		cause := failedBefore
		if cause >= 0 && d.From == b.def.Steps[cause].To {
			cause = -1
		}
		var s *Step
		if items := b.byStep[k]; len(items) > 0 {
			s = b.newStep(d)
			b.scratch = decideStep(s, items, stepLogs{b.loaded, b.cut}, b.stepID(cause), b.notes, b.scratch[:0])
			b.placeClientFailure(s, items)
			s.Evidence = b.keepEvidence(b.scratch)
		} else {
			s = b.sharedStep(k, cause)
		}
		if s.Status == StatusFailed && failedBefore < 0 {
			failedBefore = k
		}
		steps = append(steps, s)
	}
	return steps
}

// placeClientFailure moves the failure of a step from its arrow to the
// client's lifeline when a server responded to the request with a 2xx and a
// finding in a client log failed the step, and adds that to its note.
func (b *stepBuilder) placeClientFailure(s *Step, items []*ladderItem) {
	if s.Status != StatusFailed || s.Finding == nil {
		return
	}
	clientFailed := false
	code := int32(0)
	for _, it := range items {
		switch {
		case it.finding == s.Finding:
			clientFailed = it.client
		case !it.client && it.code >= 200 && it.code < 300 && code == 0:
			code = it.code
		}
	}
	if !clientFailed || code == 0 {
		return
	}

	s.FailedAt, s.AnswerCode = s.From, int(code)
	server := s.To
	if i := b.def.Lifeline(s.To); i >= 0 {
		server = T(b.def.Lifelines[i].Title)
	}
	title := ""
	if s.Finding.Signature != nil {
		title = s.Finding.Signature.Title.In(Language())
	}
	s.Note = T("{{.Code}} from {{.Server}}, but the client failed afterwards: {{.Title}} ({{.Signature}})", map[string]any{
		"Code": code, "Server": server, "Title": title, "Signature": s.Signature(),
	})
}

// stepID returns the id of step k, or "" for -1.
func (b *stepBuilder) stepID(k int) string {
	if k < 0 {
		return ""
	}
	return b.def.Steps[k].ID
}

// newStep returns a step of the definition d from the current block.
func (b *stepBuilder) newStep(d *StepDef) *Step {
	if len(b.steps) == 0 {
		b.steps = make([]Step, stepBlock)
	}
	s := &b.steps[0]
	b.steps = b.steps[1:]
	s.StepDef = d
	return s
}

// sharedStep returns the step k without evidence when step failedBefore
// (-1 for none) is the first that failed.
func (b *stepBuilder) sharedStep(k, failedBefore int) *Step {
	i := k*(len(b.def.Steps)+1) + failedBefore + 1
	if b.shared[i] == nil {
		s := &Step{StepDef: b.def.Steps[k]}
		decideStep(s, nil, stepLogs{b.loaded, b.cut}, b.stepID(failedBefore), b.notes, nil)
		b.shared[i] = s
	}
	return b.shared[i]
}

// keepEvidence copies refs into the current evidence block, capped so that
// an append by a reader cannot reach the next step's evidence.
func (b *stepBuilder) keepEvidence(refs []EntryRef) []EntryRef {
	if len(refs) == 0 {
		return nil
	}
	if len(b.evidence) < len(refs) {
		b.evidence = make([]EntryRef, max(evidenceBlock, len(refs)))
	}
	kept := b.evidence[:len(refs):len(refs)]
	copy(kept, refs)
	b.evidence = b.evidence[len(refs):]
	return kept
}

// decideStep sets the status and note of a step from its items, and
// returns its evidence, appended to evidence.
// stepLogs are the formats of the loaded logs, and of those among them
// that were cut short.
type stepLogs struct {
	loaded, cut map[string]bool
}

func decideStep(s *Step, items []*ladderItem, logs stepLogs, failedBefore string, notes noteMemo, evidence []EntryRef) []EntryRef {
	sortByTime(items)

	var finding *ladderItem
	var decisive *ladderItem
	traced, tracedInCut := false, false
	for _, it := range items {
		switch {
		case it.finding != nil:
			if finding == nil {
				finding = it
			}
		case it.outcome == OutcomePass || it.outcome == OutcomeFail:
			decisive = it
		default:
			traced = true
			tracedInCut = tracedInCut || it.ref.Source != nil && it.ref.Source.Cut
		}
		for name, v := range it.details {
			if s.Details == nil {
				s.Details = map[string]string{}
			}
			if _, ok := s.Details[name]; !ok {
				s.Details[name] = v
			}
		}
	}

	switch {
	case finding != nil:
		s.Status, s.Finding = StatusFailed, finding.finding
		evidence = append(evidence, finding.finding.EntryRef)
		evidence = append(evidence, finding.finding.Related...)
		title := ""
		if finding.finding.Signature != nil {
			title = finding.finding.Signature.Title.In(Language())
		}
		s.Note = T("{{.Signature}}: {{.Title}}", map[string]any{"Signature": s.Signature(), "Title": title})
	case decisive != nil && decisive.outcome == OutcomePass:
		s.Status = StatusPassed
		s.Note = passNote(items)
	case decisive != nil:
		s.Status, s.FailRule = StatusFailed, decisive.rule.ID
		evidence = append(evidence, decisive.ref)
		switch {
		case decisive.code != 0:
			s.Note = T("rejected with status {{.Code}}", map[string]any{"Code": decisive.code})
		case decisive.rule.FailNote != "":
			s.Note = notes.t(decisive.rule.FailNote, "", "")
		default:
			s.Note = notes.t("the log shows a failure", "", "")
		}
	case traced && tracedInCut:
		// The response may be in the part of the log that is missing.
		s.Status = StatusNotSeen
		s.Note = notes.t("request sent, but its log is cut short, so the response may be in the missing part", "", "")
	case traced:
		s.Status = StatusFailed
		s.Note = notes.t("request sent, but the loaded logs contain no response", "", "")
	default:
		s.Status = StatusNotSeen
		switch {
		// A step after a failed one would not show even with its log
		// loaded, so collecting that log would not help.
		case failedBefore != "":
			s.Note = notes.t("not reached: {{.Step}} failed", "Step", failedBefore)
		case !anyLoaded(s.formatList, logs.loaded):
			s.Status, s.Collect = StatusNoLogs, s.StepDef.Collect
			s.Note = notes.t("no log that shows this step is loaded: collect {{.Log}}", "Log", T(s.StepDef.Collect))
		case anyLoaded(s.formatList, logs.cut):
			s.Note = notes.t("a log that shows this step is cut short, so the step may be in the missing part", "", "")
		default:
			s.Note = notes.t("the loaded logs contain no trace of this step", "", "")
		}
	}

	for _, it := range items {
		if !containsRef(evidence, it.ref) {
			evidence = append(evidence, it.ref)
		}
	}
	return evidence
}

// noteMemo keeps the translated step notes of one ladder, since a busy
// server's logs give thousands of attempts with the same few notes.
type noteMemo map[[3]string]string

// t translates key with at most one template value.
func (m noteMemo) t(key, name, value string) string {
	k := [3]string{key, name, value}
	if note, ok := m[k]; ok {
		return note
	}
	note := T(key)
	if name != "" {
		note = T(key, map[string]any{name: value})
	}
	m[k] = note
	return note
}

// passNote lists the status codes of a passed step when a response other
// than 2xx came first, such as a 401 challenge before the 200.
func passNote(items []*ladderItem) string {
	var codes []string
	seen := map[int]bool{}
	challenged := false
	for _, it := range items {
		if it.code == 0 || seen[int(it.code)] {
			continue
		}
		seen[int(it.code)] = true
		challenged = challenged || it.code < 200 || it.code >= 300
		codes = append(codes, fmt.Sprint(it.code))
	}
	if !challenged {
		return ""
	}
	return T("status codes {{.Codes}}", map[string]any{"Codes": strings.Join(codes, ", ")})
}

func anyLoaded(formats []string, loaded map[string]bool) bool {
	for _, f := range formats {
		if loaded[f] {
			return true
		}
	}
	return false
}

func containsRef(refs []EntryRef, r EntryRef) bool {
	for _, have := range refs {
		if have == r {
			return true
		}
	}
	return false
}
