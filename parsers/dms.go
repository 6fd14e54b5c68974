package parsers

import "strings"

// dmsFormat reads the XSP Device Management System debug log
// (dmsDebugLog): device configuration files served to clients.
var dmsFormat = &Format{
	ID:    "bw-dms",
	Title: "XSP Device Management (DMS) log",
	Detect: func(head string) int {
		return bwDetect(head, "| DeviceManagement |", "| DMS |", "/dms/")
	},
	NameHint: func(name string) bool { return strings.HasPrefix(baseName(name), "dmsdebuglog") },
	Parse:    parseBWServer,
}
