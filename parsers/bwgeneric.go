package parsers

// bwGenericFormat reads any other BroadWorks server log in the shared
// header grammar (bwheader.go), such as CPU, Tomcat or ExecutionServer logs.
var bwGenericFormat = &Format{
	ID:     "bw-generic",
	Title:  "BroadWorks server log",
	Detect: func(head string) int { return bwDetect(head) },
	Parse:  parseBWServer,
}
