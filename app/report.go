package app

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wxlog/wxlog/parsers"
)

// TimeLayout is the report time layout: RFC 3339 in UTC with milliseconds.
const TimeLayout = "2006-01-02T15:04:05.000Z07:00"

// SourceReport is one source in a report.
type SourceReport struct {
	Name    string `json:"name"`
	Format  string `json:"format"`
	Entries int    `json:"entries"`
	First   string `json:"first,omitempty"`
	Last    string `json:"last,omitempty"`
	// Zone is the zone abbreviation, such as CEST, that a BroadWorks
	// server log prints with each time.
	Zone     string   `json:"zone,omitempty"`
	Problems []string `json:"problems"`
}

// FindingReport is one finding of the signature catalogue in a report.
type FindingReport struct {
	Signature string `json:"signature"`
	Severity  string `json:"severity"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Time      string `json:"time"`
	Title     string `json:"title"`
	// Text is the key line of the finding's entry (see keyLine).
	Text string `json:"text,omitempty"`
	// Detail is the status or error code that the evidence shows, such as
	// "SIP 403" or "errorCode 1502", when one is there.
	Detail  string `json:"detail,omitempty"`
	Meaning string `json:"meaning,omitempty"`
	Fix     string `json:"fix,omitempty"`
}

// EvidenceRef names one log line that shows a ladder step.
type EvidenceRef struct {
	Source string `json:"source"`
	Line   int    `json:"line"`
	// Text is the entry's key line (see keyLine).
	Text string `json:"text,omitempty"`
}

// StepReport is one step of a ladder in a report.
type StepReport struct {
	ID string `json:"id"`
	// Label is the step's label as the window's ladder shows it.
	Label    string        `json:"label"`
	Status   string        `json:"status"`
	Evidence []EvidenceRef `json:"evidence"`
	Note     string        `json:"note"`
}

// LadderReport is the ladder of one sign-in attempt in a report. Attempt
// is the attempt's tracking id, or null when none is known.
type LadderReport struct {
	Flow    string       `json:"flow"`
	Attempt *string      `json:"attempt"`
	Steps   []StepReport `json:"steps"`
}

// WindowReport is the time window of the problem.
type WindowReport struct {
	First string `json:"first"`
	Last  string `json:"last"`
}

// SummaryReport holds the case facts for an escalation. A fact the logs
// do not hold is left out.
type SummaryReport struct {
	Email         string `json:"email,omitempty"`
	WebexUserID   string `json:"webex_user_id,omitempty"`
	BWUser        string `json:"bw_user,omitempty"`
	OrgID         string `json:"org_id,omitempty"`
	ClientVersion string `json:"client_version,omitempty"`
	Platform      string `json:"platform,omitempty"`
	// PlatformDetail is the operating system as the client printed it,
	// such as "Windows 10 (x64)".
	PlatformDetail string        `json:"platform_detail,omitempty"`
	TrackingIDs    []string      `json:"tracking_ids,omitempty"`
	FeedbackIDs    []string      `json:"feedback_ids,omitempty"`
	Window         *WindowReport `json:"window,omitempty"`
	// Caution is set when the client logs name more than one org or
	// Webex user: the logs may hold more than one case.
	Caution string `json:"caution,omitempty"`
}

// SkewReport is the estimated clock skew of one server source against the
// client log: how far its clock runs ahead, from request and response
// pairs. It is offered, not applied: --skew applies it.
type SkewReport struct {
	Source  string `json:"source"`
	SkewMS  int64  `json:"skew_ms"`
	Samples int    `json:"samples"`
	// WithinNoise is set when a skew of 0 fits every pair, so the
	// estimate is measurement noise and the source's clock is best left
	// alone.
	WithinNoise bool `json:"within_noise"`
}

// Report is the output of `wxlog report`, as JSON or text.
type Report struct {
	Sources  []SourceReport  `json:"sources"`
	Findings []FindingReport `json:"findings"`
	// Ladder is null when the logs show no sign-in.
	Ladder *LadderReport `json:"ladder"`
	// Flows holds the newest attempt of the other flows the logs show:
	// registration and flow-through provisioning.
	Flows   []*LadderReport `json:"flows"`
	Summary *SummaryReport  `json:"summary"`
	Skews   []SkewReport    `json:"skews"`
}

// FormatTime prints Unix nanoseconds in the report layout, or "" for 0.
func FormatTime(ns int64) string {
	if ns == 0 {
		return ""
	}
	return time.Unix(0, ns).UTC().Format(TimeLayout)
}

// BuildReport describes the analysis: every source of the workspace, then
// the findings, the ladder and the summary.
func BuildReport(a *Analysis) *Report {
	r := &Report{Sources: []SourceReport{}, Findings: []FindingReport{}}
	for _, src := range a.Workspace.Snapshot() {
		sr := SourceReport{
			Name:     src.Name,
			Format:   src.Format,
			Entries:  len(src.Entries),
			Problems: make([]string, 0, len(src.Problems)),
		}
		for _, p := range src.Problems {
			sr.Problems = append(sr.Problems, cleanProblem(src.Name, p))
		}
		if first := src.First(); first != 0 {
			sr.First = FormatTime(first - int64(src.Skew))
			sr.Last = FormatTime(src.Last() - int64(src.Skew))
		}
		if strings.HasPrefix(src.Format, "bw-") {
			// The first header is read again: a file cut short since
			// the load leaves the zone out.
			_ = parsers.CatchFault(func() { sr.Zone = strings.Clone(parsers.PrintedZone(src)) })
		}
		r.Sources = append(r.Sources, sr)
	}
	r.Findings = findingReports(a.Findings)
	r.Ladder = a.LadderReport()
	r.Flows = a.FlowReports()
	r.Skews = []SkewReport{}
	for _, e := range a.Skews {
		if e.Samples > 0 {
			r.Skews = append(r.Skews, SkewReport{Source: e.Source.Name, SkewMS: e.Skew.Milliseconds(), Samples: e.Samples, WithinNoise: e.WithinNoise()})
		}
	}
	if r.Flows == nil {
		r.Flows = []*LadderReport{}
	}
	if a.Summary != nil {
		r.Summary = a.Summary.Report()
	}
	return r
}

// Readable reports whether any source holds a readable log: text with
// at least one entry. Binary files, empty files and sources that could not
// be read do not count. The report command exits 1 when none does.
func (r *Report) Readable() bool {
	for _, s := range r.Sources {
		if readableFormat(s.Format) && s.Entries > 0 {
			return true
		}
	}
	return false
}

// Verdict returns the report's one-line conclusion in the current
// language, as Verdict does for a workspace.
func (r *Report) Verdict() (text string, complete bool) {
	readable := r.Readable()
	known := false
	var unread, damaged []string
	for _, s := range r.Sources {
		known = known || knownFormat(s.Format)
		switch {
		case s.Format == "":
			unread = append(unread, s.Name)
		case len(s.Problems) > 0:
			damaged = append(damaged, s.Name)
		}
	}
	return verdict(readable, known, unread, damaged, len(r.Findings))
}

// Verdict returns the one-line conclusion of a case in the current
// language: that some sources could not be read, that no readable log was
// found, that no source is a Webex or BroadWorks log, or that no known
// problem was found. The text is "" when there are findings and every
// source was read, because the findings are the conclusion then.
// complete is false when a source could not be read or was read with
// problems, or no log was readable or known, so the findings may miss
// problems.
func Verdict(sources []*parsers.Source, findings int) (text string, complete bool) {
	readable, known := false, false
	var unread, damaged []string
	for _, s := range sources {
		readable = readable || (readableFormat(s.Format) && len(s.Entries) > 0)
		known = known || knownFormat(s.Format)
		switch {
		case s.Format == "":
			unread = append(unread, s.Name)
		case len(s.Problems) > 0:
			damaged = append(damaged, s.Name)
		}
	}
	return verdict(readable, known, unread, damaged, findings)
}

// knownFormat reports whether a source of that format is a Webex or
// BroadWorks log that signatures and ladder steps can apply to: not plain
// text, not binary and not unread.
func knownFormat(format string) bool {
	return readableFormat(format) && format != "text"
}

// verdict returns the conclusion of a case. Its inputs are whether any log
// was readable and whether any was of a known format, the sources that
// could not be read, the sources read with problems (such as a zip member
// cut short), and the number of findings.
func verdict(readable, known bool, unread, damaged []string, findings int) (string, bool) {
	switch {
	case len(unread) > 0:
		return TN("{{.Count}} sources could not be read: {{.Names}}. The findings cover only the sources that were read.",
			len(unread), map[string]any{"Count": len(unread), "Names": strings.Join(unread, ", ")}), false
	case readable && !known && findings == 0:
		// A user catalogue may hold signatures for plain text, and then
		// its findings are the conclusion.
		return T("None of the loaded files is a known Webex or BroadWorks log, so nothing could be checked."), false
	case len(damaged) > 0 && readable:
		return TN("{{.Count}} sources were read with problems (listed under Sources): {{.Names}}. The findings may miss what those problems hid.",
			len(damaged), map[string]any{"Count": len(damaged), "Names": strings.Join(damaged, ", ")}), false
	case !readable:
		return T("No readable log was found: every source is binary, empty or could not be read."), false
	case findings == 0:
		return T("No known problem found."), true
	}
	return "", true
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for reading in a terminal.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	writeFindingsText(&b, r.localizedFindings())
	if v, _ := r.Verdict(); v != "" {
		fmt.Fprintf(&b, "  %s\n", v)
	}
	fmt.Fprintf(&b, "%s (%d)\n", T("Sources"), len(r.Sources))
	for _, s := range r.Sources {
		format := s.Format
		if format == "" {
			format = "-"
		}
		fmt.Fprintf(&b, "  %s\n    %s, %s", s.Name, format, EntryCount(s.Entries))
		if s.First != "" {
			fmt.Fprintf(&b, ", %s .. %s", s.First, s.Last)
		}
		if s.Zone != "" {
			fmt.Fprintf(&b, ", %s", T("printed in {{.Zone}}", map[string]any{"Zone": s.Zone}))
		}
		b.WriteString("\n")
		for _, p := range s.Problems {
			fmt.Fprintf(&b, "    %s: %s\n", T("problem"), LocalizeProblem(s.Name, p))
		}
	}
	if r.Ladder != nil {
		writeLadderText(&b, r.Ladder)
	} else {
		fmt.Fprintf(&b, "%s: %s\n", T("Sign-in ladder"), T("the loaded logs show no sign-in"))
	}
	for _, f := range r.Flows {
		writeLadderText(&b, f)
	}
	if r.Summary != nil {
		writeSummaryText(&b, r.Summary)
	}
	if len(r.Skews) > 0 {
		fmt.Fprintf(&b, "%s\n", T("Clock skew estimates (apply with --skew)"))
		for _, s := range r.Skews {
			line := TN("{{.Skew}} ms from {{.Count}} request and response pairs",
				s.Samples, map[string]any{"Skew": s.SkewMS, "Count": s.Samples})
			if s.WithinNoise {
				line += " (" + T("within the measurement noise: leave it at 0") + ")"
			}
			fmt.Fprintf(&b, "  %s: %s\n", s.Source, line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// localizedFindings returns the findings with their severity in the
// current language, for the text report; the JSON keeps the English
// severity names.
func (r *Report) localizedFindings() []FindingReport {
	out := make([]FindingReport, len(r.Findings))
	for i, f := range r.Findings {
		f.Severity = T(f.Severity)
		out[i] = f
	}
	return out
}

// EntryCount returns "1 entry" or "N entries" in the current language.
func EntryCount(n int) string {
	return TN("{{.Count}} entries", n, map[string]any{"Count": n})
}

// SourceByName returns the source with that name, or nil.
func (ws *Workspace) SourceByName(name string) *parsers.Source {
	for _, s := range ws.Snapshot() {
		if s.Name == name {
			return s
		}
	}
	return nil
}
