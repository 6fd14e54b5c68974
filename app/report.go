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
	Name     string   `json:"name"`
	Format   string   `json:"format"`
	Entries  int      `json:"entries"`
	First    string   `json:"first,omitempty"`
	Last     string   `json:"last,omitempty"`
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
}

// StepReport is one step of a ladder in a report.
type StepReport struct {
	ID       string        `json:"id"`
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
	Email         string        `json:"email,omitempty"`
	BWUser        string        `json:"bw_user,omitempty"`
	OrgID         string        `json:"org_id,omitempty"`
	ClientVersion string        `json:"client_version,omitempty"`
	Platform      string        `json:"platform,omitempty"`
	TrackingIDs   []string      `json:"tracking_ids,omitempty"`
	Window        *WindowReport `json:"window,omitempty"`
}

// SkewReport is the estimated clock skew of one server source against the
// client log: how far its clock runs ahead, from request and response
// pairs. It is offered, not applied: --skew applies it.
type SkewReport struct {
	Source  string `json:"source"`
	SkewMS  int64  `json:"skew_ms"`
	Samples int    `json:"samples"`
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
			Problems: append([]string{}, src.Problems...),
		}
		if first := src.First(); first != 0 {
			sr.First = FormatTime(first - int64(src.Skew))
			sr.Last = FormatTime(src.Last() - int64(src.Skew))
		}
		r.Sources = append(r.Sources, sr)
	}
	r.Findings = findingReports(a.Findings)
	r.Ladder = a.LadderReport()
	r.Flows = a.FlowReports()
	r.Skews = []SkewReport{}
	for _, e := range a.Skews {
		if e.Samples > 0 {
			r.Skews = append(r.Skews, SkewReport{Source: e.Source.Name, SkewMS: e.Skew.Milliseconds(), Samples: e.Samples})
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

// Readable reports whether any source could be read at all: the report
// command exits 1 when none could.
func (r *Report) Readable() bool {
	for _, s := range r.Sources {
		if s.Format != "" {
			return true
		}
	}
	return false
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
	writeFindingsText(&b, r.Findings)
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
		b.WriteString("\n")
		for _, p := range s.Problems {
			fmt.Fprintf(&b, "    %s: %s\n", T("problem"), p)
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
			fmt.Fprintf(&b, "  %s: %s\n", s.Source, T("{{.Skew}} ms from {{.Count}} request and response pairs",
				map[string]any{"Skew": s.SkewMS, "Count": s.Samples}))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// EntryCount returns "1 entry" or "N entries" in the current language.
// English and Danish both use the singular for 1 only.
func EntryCount(n int) string {
	data := map[string]any{"Count": n}
	if n == 1 {
		return T("{{.Count}} entry", data)
	}
	return T("{{.Count}} entries", data)
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
