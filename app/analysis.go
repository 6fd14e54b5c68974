package app

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
}

// Analyze runs every analysis over the workspace.
func Analyze(ws *Workspace, opts AnalyzeOptions) *Analysis {
	a := &Analysis{Workspace: ws, Timeline: BuildTimeline(ws.Snapshot())}
	return a
}

// Catalogue is the set of signatures an analysis scans for.
type Catalogue struct {
	Signatures []*Signature
}
