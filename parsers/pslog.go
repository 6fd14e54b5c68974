package parsers

import "strings"

// psLogFormat reads the Application Server PSLog: OCI-P provisioning
// requests and responses, and the flow-through provisioning POST to the
// Webex provisioning bridge with its answer, in the BroadWorks server
// grammar. OCI-P command types and [Error NNNN] codes go into Fields.
var psLogFormat = &Format{
	ID:    "bw-pslog",
	Title: "Application Server PSLog (OCI-P provisioning)",
	Detect: func(head string) int {
		return bwDetect(head, "| OCI-P |", "Received the following request from", "OCI Transaction", "| IntegratedIMP |")
	},
	NameHint: func(name string) bool { return strings.HasPrefix(baseName(name), "pslog") },
	Parse:    parseBWServer,
}
