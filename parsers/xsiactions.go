package parsers

import "strings"

// xsiActionsFormat reads the XSP XsiActionsLog: Xsi-Actions HTTP requests
// and responses, and the OCI-P traffic each request causes, in the
// BroadWorks server grammar (see bwheader.go).
var xsiActionsFormat = &Format{
	ID:    "bw-xsi-actions",
	Title: "XSP Xsi-Actions log",
	Detect: func(head string) int {
		return bwDetect(head, "| Xsi-Actions |", "com.broadsoft.xsi-actions")
	},
	NameHint: func(name string) bool { return strings.HasPrefix(baseName(name), "xsiactionslog") },
	Parse:    parseBWServer,
}
