package app

import "sync"

// AnalyzeOptions select what an analysis uses.
type AnalyzeOptions struct {
	// Catalogue is the signature catalogue; nil means the built-in one.
	Catalogue *Catalogue
	// Attempt is the tracking id of the sign-in attempt to draw; "" means
	// the newest.
	Attempt string
}

// Analysis is everything wxlog derives from the loaded sources: the
// unified timeline, the findings of the signature catalogue, the sign-in
// ladder and the case summary. The report and the window read from it.
type Analysis struct {
	Workspace *Workspace
	Timeline  *Timeline
	Findings  []Finding
	Summary   *Summary
	// Ladders holds one ladder per flow, sign-in first; LadderErr is set
	// when the flow definitions could not be read.
	Ladders   []*Ladder
	LadderErr error
	// Skews estimates each server source's clock skew from the ladders.
	Skews []SkewEstimate
}

// Analyze runs every analysis over the workspace.
//
// The summary's pass over the entries runs while the ladders are
// correlated: the sign-in correlation keeps one core busy for about a
// second on a gigabyte of server logs, and the summary's pass uses the
// other. Started earlier, it would compete with the ladders' scan, which
// uses both.
func Analyze(ws *Workspace, opts AnalyzeOptions) *Analysis {
	a := &Analysis{Workspace: ws, Timeline: BuildTimeline(ws.Snapshot())}
	a.Findings = Scan(a.Timeline.Sources, opts.Catalogue)
	facts := make(chan *summaryFacts, 1)
	var started sync.Once
	gather := func() {
		started.Do(func() { go func() { facts <- gatherSummaryFacts(ws.Snapshot()) }() })
	}
	a.Ladders, a.LadderErr = buildLadders(a.Timeline.Sources, a.Findings, opts.Attempt, gather)
	// The ladders did not call gather when their flows failed to load.
	gather()
	a.Skews = EstimateSkews(a.Ladders)
	a.Summary = finishSummary(a, <-facts)
	return a
}
