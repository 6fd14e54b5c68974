package app

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Ladder returns the ladder of the flow with that id, or nil.
func (a *Analysis) Ladder(flowID string) *Ladder {
	return ladderOf(a.Ladders, flowID)
}

// ladderOf returns the ladder of the flow with that id among ladders, or
// nil.
func ladderOf(ladders []*Ladder, flowID string) *Ladder {
	for _, l := range ladders {
		if l.Flow.ID == flowID {
			return l
		}
	}
	return nil
}

// CheckAttempt returns an error when a requested sign-in attempt is not
// among those found, listing the tracking ids there are.
func (a *Analysis) CheckAttempt() error {
	if a.LadderErr != nil {
		return a.LadderErr
	}
	l := a.Ladder(FlowSignIn)
	if l == nil || l.Requested == "" || l.Selected >= 0 {
		return nil
	}
	var ids []string
	for _, at := range l.Attempts {
		ids = append(ids, at.TrackingIDs...)
	}
	if len(ids) == 0 {
		return fmt.Errorf("sign-in attempt %q not found: the loaded logs hold no sign-in attempt with a tracking id", l.Requested)
	}
	return fmt.Errorf("sign-in attempt %q not found: expected one of %s", l.Requested, strings.Join(ids, ", "))
}

// LadderReport describes the selected attempt of the sign-in ladder, or
// returns nil when the logs hold no sign-in evidence at all: such a case is
// not a sign-in case, and its report has no ladder.
func (a *Analysis) LadderReport() *LadderReport {
	at := a.Ladder(FlowSignIn).Current()
	if at == nil {
		return nil
	}
	return newLadderReport(FlowSignIn, at)
}

// FlowReports describes the newest attempt of every flow other than the
// sign-in that the logs show, such as a flow-through provisioning.
func (a *Analysis) FlowReports() []*LadderReport {
	var out []*LadderReport
	for _, l := range a.Ladders {
		if l.Flow.ID == FlowSignIn {
			continue
		}
		if at := l.Current(); at != nil {
			out = append(out, newLadderReport(l.Flow.ID, at))
		}
	}
	return out
}

func newLadderReport(flow string, at *Attempt) *LadderReport {
	r := &LadderReport{Flow: flow, Steps: []StepReport{}}
	if at.ID != "" {
		id := at.ID
		r.Attempt = &id
	}
	for _, s := range at.Steps {
		sr := StepReport{ID: s.ID, Label: T(s.Label), Status: string(s.Status), Evidence: []EvidenceRef{}, Note: s.Note}
		for _, ref := range s.Evidence {
			sr.Evidence = append(sr.Evidence, EvidenceRef{Source: ref.Source.Name, Line: int(ref.Entry().Line), Text: keyLine(ref.Entry())})
		}
		r.Steps = append(r.Steps, sr)
	}
	return r
}

// writeLadderText prints the ladder: one line per step with its status,
// then its note and evidence indented.
func writeLadderText(b *strings.Builder, l *LadderReport) {
	attempt := T("no tracking id")
	if l.Attempt != nil {
		attempt = *l.Attempt
	}
	title := T("Sign-in ladder")
	switch l.Flow {
	case FlowRegistration:
		title = T("Registration")
	case FlowProvisioning:
		title = T("Provisioning")
	}
	fmt.Fprintf(b, "%s (%s)\n", title, attempt)
	// The status column is 9 wide, or as wide as the longest status name
	// in the current language when that is longer, such as Danish "ingen
	// logs".
	width := 9
	for _, status := range []StepStatus{StatusPassed, StatusFailed, StatusNotSeen, StatusNoLogs} {
		width = max(width, utf8.RuneCountInString(T(string(status))))
	}
	indent := strings.Repeat(" ", 2+width+1)
	for _, s := range l.Steps {
		status := T(s.Status)
		fmt.Fprintf(b, "  %s%s %s", status, strings.Repeat(" ", max(width-utf8.RuneCountInString(status), 0)), s.ID)
		if s.Label != "" {
			fmt.Fprintf(b, ": %s", s.Label)
		}
		b.WriteString("\n")
		if s.Note != "" {
			fmt.Fprintf(b, "%s%s\n", indent, s.Note)
		}
		for _, e := range s.Evidence {
			fmt.Fprintf(b, "%s%s:%d", indent, e.Source, e.Line)
			if e.Text != "" {
				fmt.Fprintf(b, "  %s", e.Text)
			}
			b.WriteString("\n")
		}
	}
}
