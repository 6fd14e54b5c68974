package parsers

import "strings"

// xsLogFormat reads the Application Server XSLog: SIP signalling with the
// message text after a "udp 349 SIP Bytes IN from host:port" line, in the
// BroadWorks server grammar. The SIP start line, Call-ID and CSeq go into
// the entry's Fields.
var xsLogFormat = &Format{
	ID:    "bw-xslog",
	Title: "Application Server XSLog (SIP)",
	Detect: func(head string) int {
		return bwDetect(head, "| Sip |", "SIP Bytes IN", "SIP Bytes OUT")
	},
	NameHint: func(name string) bool { return strings.HasPrefix(baseName(name), "xslog") },
	Parse:    parseBWServer,
}
