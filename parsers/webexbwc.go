package parsers

// webexBWCFormat reads the Webex App BroadWorks calling log,
// bwc/current_log.txt. Its lines follow the desktop grammar
// (webexdesktop.go); SIP messages follow their header line unprefixed:
//
//	2024-05-02T09:14:21.712Z <Info> [0x390][]SipTransport.cpp:214 SipTransport::log:BWC:SIP: Outgoing SIP message to sbc1.example.net:8934 (TLS):
//	REGISTER sip:example.net SIP/2.0
//	Call-ID: 3b796803b2177180@192.0.2.10
//
// is one entry whose Fields hold the SIP method, Call-ID and CSeq. Content
// cannot tell it from the main log, so the bwc folder in the name decides.
var webexBWCFormat = &Format{
	ID:    "webex-bwc",
	Title: "Webex App BroadWorks calling log",
	Detect: func(head string) int {
		return webexClientDetect(head, false)
	},
	NameHint: inBWCFolder,
	Parse:    parseWebexClient,
}
