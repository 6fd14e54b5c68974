package parsers

import "strings"

// webexMediaFormat reads the media engine logs (media/*.log): WME call
// quality lines and SDP bodies in the client time stamp grammar:
//
//	2024-05-02T09:16:07.101Z <Info> [9968] WME:0 :[SQ] [SQ] INFO: SQAudioTX - vid=0 csi=1000001 loss=0.000 jitter=2
//	2024-05-02T09:16:07.101Z <Info> [9968] WME:0 :[SDP] local offer:
//	v=0
//	m=audio 50200 RTP/AVP 111 101
//
// gives two entries with component "WME:0"; the SDP lines belong to the
// second.
var webexMediaFormat = &Format{
	ID:    "webex-media",
	Title: "Webex App media engine log",
	Detect: func(head string) int {
		return webexClientDetect(head, true)
	},
	NameHint: func(name string) bool {
		n := strings.ToLower(name)
		return strings.Contains(n, "media/") || strings.HasPrefix(baseName(name), "wme")
	},
	Parse: parseWebexClient,
}
