package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// fillers holds the traffic of other users for each kind.
var fillers = map[Kind]filler{
	XsiActions:  fillXsi,
	AuthService: fillAuth,
	AccessLog:   fillAccess,
	XSLog:       fillXSLog,
	PSLog:       fillPSLog,
	WebexClient: fillClient,
	WebexBWC:    fillBWC,
}

// attemptEvents returns the entries one kind of log shows for an attempt,
// in time order.
func attemptEvents(k Kind, a *Attempt) []event {
	switch k {
	case XsiActions:
		return xsiAttempt(a)
	case AuthService:
		return authAttempt(a)
	case AccessLog:
		return accessAttempt(a)
	case XSLog:
		return xslogAttempt(a)
	case PSLog:
		return pslogAttempt(a)
	case WebexClient:
		return clientAttempt(a)
	case WebexBWC:
		return bwcAttempt(a)
	}
	return nil
}

// The BroadWorks server grammar: a header line with the local time, the
// severity padded to ten characters, the channel and further fields, a
// blank line, tab-indented body lines and a blank line.

func (lw *logWriter) bw(t int64, sev, channel string, fields ...string) {
	b := appendBWTime(lw.b, lw.at(t))
	b = append(b, " | "...)
	b = append(b, sev...)
	for i := len(sev); i < 10; i++ {
		b = append(b, ' ')
	}
	b = append(b, " | "...)
	b = append(b, channel...)
	for _, f := range fields {
		b = append(b, " | "...)
		b = append(b, f...)
	}
	lw.b = append(b, "\n\n"...)
}

// tab appends one tab-indented body line made of the parts.
func (lw *logWriter) tab(parts ...string) {
	lw.b = append(lw.b, '\t')
	for _, p := range parts {
		lw.b = append(lw.b, p...)
	}
	lw.b = append(lw.b, '\n')
}

func (lw *logWriter) end() { lw.b = append(lw.b, '\n') }

const ociHead = `<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">`

// oci returns an OCI-P document with one command.
func oci(session, command, body string, response bool) string {
	echo := ""
	if response {
		echo = `echo="" `
	}
	return ociHead + session + `</sessionId><command ` + echo + `xsi:type="` + command + `" xmlns="">` + body + `</command></BroadsoftDocument>`
}

func (lw *logWriter) thread(prefix string, n int) string {
	return prefix + strconv.Itoa(1+lw.r.IntN(n))
}

func (lw *logWriter) user() (email, bw string) {
	u := fmt.Sprintf("user%05d", lw.r.IntN(100000))
	return u + "@example.com", u + ".bw@example.net"
}

// ip returns another user's address, never the client user's.
func (lw *logWriter) ip() string {
	ip := fmt.Sprintf("%s.%d", lw.pick("192.0.2", "198.51.100", "203.0.113"), 1+lw.r.IntN(254))
	if ip == clientIP {
		return "192.0.2.11"
	}
	return ip
}

func escapeAt(s string) string { return strings.ReplaceAll(s, "@", "%40") }

// xsiRequest writes the urlInfo entry that opens every Xsi request.
func (lw *logWriter) xsiRequest(t int64, thread, tid, method, path, handler, command, from, auth, agent string) {
	lw.bw(t, "Info", "Xsi-Actions", thread, tid)
	lw.tab("urlInfo:")
	lw.tab("WEB_APP_NAME = com.broadsoft.xsi-actions")
	lw.tab("SERVICE_CONTEXT = v2.0")
	lw.tab("SERVICE_HANDLER_KEY = ", handler)
	lw.tab("XPATH_COMMAND_KEY = ", command)
	lw.tab("Request: ", method, " /com.broadsoft.xsi-actions/v2.0/", path, " from ", from)
	lw.tab("Authorization: ", auth)
	lw.tab("User-Agent: ", agent)
	lw.tab("trackingid: ", tid)
	lw.end()
}

func (lw *logWriter) ociPair(t int64, thread, tid, session, command, reqBody, respBody string) int64 {
	lw.bw(t, "Info", "OCIP", thread, tid)
	lw.tab("Sending OCI-P request to as1.example.net:2208")
	lw.tab(oci(session, command+"Request"+ociSuffix(command), reqBody, false))
	lw.end()
	t += ms(5 + lw.r.IntN(40))
	lw.bw(t, "Info", "OCIP", thread, tid)
	lw.tab("Received OCI-P response")
	lw.tab(oci(session, command+"Response"+ociSuffix(command), respBody, true))
	lw.end()
	return t + ms(2+lw.r.IntN(8))
}

// ociSuffix gives the release suffix BroadWorks puts after some commands.
func ociSuffix(command string) string {
	switch command {
	case "UserGet":
		return "22"
	case "AuthenticationVerify":
		return "22V2"
	case "ServiceProviderGet":
		return "17sp1"
	case "UserGetLoginInfo":
		return "22V5"
	}
	return ""
}

func (lw *logWriter) xsiResponse(t int64, thread, tid, status, body string) {
	lw.bw(t, "Info", "Xsi-Actions", thread, tid)
	lw.tab("Response: HTTP/1.1 ", status)
	if body != "" {
		lw.tab(`<?xml version="1.0" encoding="ISO-8859-1"?>`, body)
	}
	lw.end()
}

var serviceNames = []string{"Anonymous Call Rejection", "Authentication", "Call Forwarding Always", "Call Forwarding Busy",
	"Call Forwarding No Answer", "Call Notify", "Call Waiting", "Calling Line ID Delivery Blocking", "Do Not Disturb",
	"Integrated IMP", "Intercept User", "Last Number Redial", "Remote Office", "Shared Call Appearance",
	"Simultaneous Ring Personal", "Voice Messaging User", "BroadWorks Anywhere", "Client Call Control", "Hoteling Guest"}

// fillXsi writes one Xsi request of another user with its OCI-P traffic.
func fillXsi(lw *logWriter, t int64) {
	thread := lw.thread("http-nio-443-exec-", 200)
	tid := "CLIENT_" + uuid(lw.r)
	email, bw := lw.user()
	session := "xsp1.example.net," + strconv.FormatInt(t/1e6, 10)
	from := lw.ip()
	agent := lw.pick("WebexTeams (Windows; 44.5.0.29672)", "WebexTeams (Mac; 44.5.0.29672)", "broadworksTeams-client", "Webex/44.4.0.29432 (iOS)")
	auth := "Bearer <redacted>"
	switch x := lw.r.IntN(10); {
	case x < 2:
		lw.xsiRequest(t, thread, tid, "GET", "user/"+escapeAt(bw)+"/services", "user", "services", from, auth, agent)
		t = lw.ociPair(t+ms(4), thread, tid, session, "UserServiceGetAssignmentList", "<userId>"+bw+"</userId>", lw.serviceTable())
		var sb strings.Builder
		sb.WriteString(`<Services xmlns="http://schema.broadsoft.com/xsi">`)
		for _, s := range serviceNames[:5+lw.r.IntN(len(serviceNames)-5)] {
			sb.WriteString("<service><name>" + s + "</name><uri>/v2.0/user/" + escapeAt(bw) + "/services/" + strings.ReplaceAll(strings.ToLower(s), " ", "") + "</uri></service>")
		}
		sb.WriteString("</Services>")
		lw.xsiResponse(t, thread, tid, "200 OK", sb.String())
	case x < 4:
		lw.xsiRequest(t, thread, tid, "GET", "user/"+escapeAt(bw)+"/directories/Enterprise?start=1&results=50", "user", "directories/Enterprise", from, auth, agent)
		rows := 3 + lw.r.IntN(60)
		var oc, xs strings.Builder
		oc.WriteString("<userTable><colHeading>User Id</colHeading><colHeading>Last Name</colHeading><colHeading>First Name</colHeading><colHeading>Phone Number</colHeading><colHeading>Email Address</colHeading>")
		xs.WriteString(`<Enterprise xmlns="http://schema.broadsoft.com/xsi"><startIndex>1</startIndex><numberOfRecords>` + strconv.Itoa(rows) + `</numberOfRecords><enterpriseDirectory>`)
		for range rows {
			e, u := lw.user()
			num := fmt.Sprintf("+45555%05d", lw.r.IntN(100000))
			oc.WriteString("<row><col>" + u + "</col><col>Example</col><col>User</col><col>" + num + "</col><col>" + e + "</col></row>")
			xs.WriteString("<directoryDetails><userId>" + u + "</userId><firstName>User</firstName><lastName>Example</lastName><number>" + num + "</number><emailAddress>" + e + "</emailAddress></directoryDetails>")
		}
		oc.WriteString("</userTable>")
		xs.WriteString("</enterpriseDirectory></Enterprise>")
		t = lw.ociPair(t+ms(4), thread, tid, session, "UserGetListInServiceProvider", "<serviceProviderId>Example Enterprise</serviceProviderId><responseSizeLimit>50</responseSizeLimit>", oc.String())
		lw.xsiResponse(t, thread, tid, "200 OK", xs.String())
	case x < 6:
		lw.xsiRequest(t, thread, tid, "GET", "user/"+escapeAt(bw)+"/calllogs", "user", "calllogs", from, auth, agent)
		var xs strings.Builder
		xs.WriteString(`<CallLogs xmlns="http://schema.broadsoft.com/xsi"><placed>`)
		for range 1 + lw.r.IntN(12) {
			xs.WriteString("<callLogsEntry><countryCode>45</countryCode><phoneNumber>5555" + strconv.Itoa(1000+lw.r.IntN(9000)) + "</phoneNumber><name>Example User</name><time>2024-05-02T10:11:12.000+02:00</time><callLogId>" + hexN(lw.r, 12) + "</callLogId></callLogsEntry>")
		}
		xs.WriteString("</placed><received/><missed/></CallLogs>")
		t = lw.ociPair(t+ms(3), thread, tid, session, "UserBasicCallLogsGetList", "<userId>"+bw+"</userId>", "<placed/><received/><missed/>")
		lw.xsiResponse(t, thread, tid, "200 OK", xs.String())
	case x < 8:
		lw.xsiRequest(t, thread, tid, "GET", "user/"+escapeAt(email)+"/profile", "user", "profile", from, "Basic <redacted>", agent)
		t = lw.ociPair(t+ms(6), thread, tid, session, "UserGet", "<userId>"+bw+"</userId>",
			"<serviceProviderId>Example Enterprise</serviceProviderId><groupId>Example Group</groupId><lastName>Example</lastName><firstName>User</firstName><callingLineIdLastName>Example</callingLineIdLastName><callingLineIdFirstName>User</callingLineIdFirstName><language>English</language><timeZone>Europe/Copenhagen</timeZone><emailAddress>"+email+"</emailAddress>")
		lw.xsiResponse(t, thread, tid, "200 OK", `<Profile xmlns="http://schema.broadsoft.com/xsi"><details><userId>`+bw+`</userId><firstName>User</firstName><lastName>Example</lastName><groupId>Example Group</groupId></details></Profile>`)
	case x < 9:
		lw.xsiRequest(t, thread, tid, "PUT", "user/"+escapeAt(bw)+"/services/donotdisturb", "user", "services/donotdisturb", from, auth, agent)
		t = lw.ociPair(t+ms(3), thread, tid, session, "UserDoNotDisturbModify", "<userId>"+bw+"</userId><isActive>true</isActive>", "")
		lw.xsiResponse(t, thread, tid, "200 OK", "")
	default:
		lw.xsiRequest(t, thread, tid, "GET", "user/"+escapeAt(bw)+"/profile/device", "user", "profile/device", from, auth, agent)
		lw.xsiResponse(t+ms(2), thread, tid, "401 Unauthorized", `<ErrorInfo xmlns="http://schema.broadsoft.com/xsi"><summary>Authentication failed</summary><summaryEnglish>Authentication failed</summaryEnglish><errorCode>110842</errorCode></ErrorInfo>`)
	}
}

func (lw *logWriter) serviceTable() string {
	var sb strings.Builder
	sb.WriteString("<userServicesAssignmentTable><colHeading>Service Name</colHeading><colHeading>Assigned</colHeading>")
	for _, s := range serviceNames {
		sb.WriteString("<row><col>" + s + "</col><col>" + lw.pick("true", "false") + "</col></row>")
	}
	sb.WriteString("</userServicesAssignmentTable>")
	return sb.String()
}

func deviceTable(a *Attempt, withPC bool) (oc, xs string) {
	pcType := "Business Communicator - PC"
	if !withPC {
		pcType = "Business Communicator - Tablet"
	}
	oc = `<accessDeviceTable><colHeading>Device Level</colHeading><colHeading>Device Name</colHeading><colHeading>Device Type</colHeading><colHeading>Line/Port</colHeading><colHeading>Is Active</colHeading>` +
		`<row><col>Group</col><col>` + a.Device + `</col><col>` + pcType + `</col><col>` + a.Device + `@example.net</col><col>true</col></row>` +
		`<row><col>Group</col><col>` + a.Device + `_m</col><col>Business Communicator - Mobile</col><col>` + a.Device + `_m@example.net</col><col>true</col></row></accessDeviceTable>`
	xs = `<AccessDevices xmlns="http://schema.broadsoft.com/xsi"><accessDevice><deviceName>` + a.Device + `</deviceName><deviceLevel>Group</deviceLevel><deviceType>` + pcType + `</deviceType><deviceLinePort>` + a.Device + `@example.net</deviceLinePort><deviceTypeUrl>https://xsp1.example.net/dms/bc/pc/</deviceTypeUrl></accessDevice>` +
		`<accessDevice><deviceName>` + a.Device + `_m</deviceName><deviceLevel>Group</deviceLevel><deviceType>Business Communicator - Mobile</deviceType><deviceLinePort>` + a.Device + `_m@example.net</deviceLinePort><deviceTypeUrl>https://xsp1.example.net/dms/bc/mobile/</deviceTypeUrl></accessDevice></AccessDevices>`
	return oc, xs
}

// xsiAttempt is the IdP proxy's profile check and, once the client has a
// BroadWorks token, its device list request.
func xsiAttempt(a *Attempt) []event {
	ev := []event{{a.Start + ms(15240), func(lw *logWriter, t int64) {
		thread := lw.thread("http-nio-443-exec-", 200)
		session := "xsp1.example.net," + strconv.FormatInt(t/1e6, 10)
		lw.xsiRequest(t, thread, a.TrackingID, "GET", "user/"+escapeAt(a.Email)+"/profile", "user", "profile", "203.0.113.9", "Basic <redacted>", "broadworksTeams-client")
		t = lw.ociPair(t+ms(8), thread, a.TrackingID, session, "AuthenticationVerify", "<userId>"+a.Email+"</userId><password>******</password>",
			"<loginType>User</loginType><locale>en_US</locale><encoding>ISO-8859-1</encoding><groupId>Example Group</groupId><serviceProviderId>Example Enterprise</serviceProviderId><isEnterprise>true</isEnterprise><lastName>Example</lastName><firstName>User</firstName><userId>"+a.BWUser+"</userId><phoneNumber>"+a.Phone+"</phoneNumber>")
		t = lw.ociPair(t, thread, a.TrackingID, session, "UserGet", "<userId>"+a.BWUser+"</userId>", "<isEnterprise>true</isEnterprise>")
		lw.xsiResponse(t, thread, a.TrackingID, "200 OK", `<Profile xmlns="http://schema.broadsoft.com/xsi"><details><userId>`+a.BWUser+`</userId><firstName>User</firstName><lastName>Example</lastName><groupId>Example Group</groupId><serviceProvider isEnterprise="true">Example Enterprise</serviceProvider><number>`+a.Phone+`</number></details></Profile>`)
	}}}
	if a.Outcome == TokenFetch1502 {
		return ev
	}
	return append(ev, event{a.Start + ms(18511), func(lw *logWriter, t int64) {
		thread := lw.thread("http-nio-443-exec-", 200)
		session := "xsp1.example.net," + strconv.FormatInt(t/1e6, 10)
		lw.xsiRequest(t, thread, a.TrackingID, "GET", "user/"+escapeAt(a.BWUser)+"/profile/device", "user", "profile/device", a.ClientIP, "Bearer <redacted>", "WebexTeams (Windows; 44.5.0.29672)")
		lw.bw(t+ms(3), "Info", "Xsi-Actions", thread, a.TrackingID)
		lw.tab("Validating token: POST http://127.0.0.1:80/authService/token")
		lw.tab("X-BroadSoft-Correlation-ID: ", a.TrackingID)
		lw.end()
		oc, xs := deviceTable(a, a.Outcome != DeviceProfileMissing)
		t = lw.ociPair(t+ms(17), thread, a.TrackingID, session, "UserPrimaryAndSCADeviceGetList", "<userId>"+a.BWUser+"</userId>", oc)
		lw.xsiResponse(t, thread, a.TrackingID, "200 OK", xs)
	}})
}

// fillAuth writes a token request or a token validation of another user.
func fillAuth(lw *logWriter, t int64) {
	thread := lw.thread("http-nio-80-exec-", 100)
	tid := "CLIENT_" + uuid(lw.r)
	_, bw := lw.user()
	if lw.r.IntN(3) > 0 {
		lw.bw(t, "Info", "AuthenticationService", thread, tid)
		lw.tab("Request: POST /authService/token from 127.0.0.1")
		lw.tab("X-BroadSoft-Correlation-ID: ", tid)
		lw.end()
		lw.bw(t+ms(2+lw.r.IntN(10)), "Info", "AuthenticationService", thread, tid)
		if lw.r.IntN(40) == 0 {
			lw.tab("Response: StatusCode=401")
			lw.tab(`{"error":"token expired"}`)
		} else {
			lw.tab("Response: StatusCode=200")
			lw.tab(`{"token":{"subject":"`, bw, `","issuer":"BroadWorks","valid":true}}`)
		}
		lw.end()
		return
	}
	authToken(lw, t, thread, tid, bw, lw.ip(), 200)
}

func authToken(lw *logWriter, t int64, thread, tid, bw, from string, status int) {
	lw.bw(t, "Info", "AuthenticationService", thread, tid)
	lw.tab("Request: GET /authService/token?key=<redacted> from ", from)
	lw.tab("http_bw_userid: ", bw)
	lw.tab("User-Agent: broadworksTeams-client")
	lw.tab("trackingid: ", tid)
	lw.end()
	t += ms(12)
	lw.bw(t, "Info", "OCIP", thread, tid)
	lw.tab("Sending OCI-P request to as1.example.net:2208")
	lw.tab(oci("xsp1.example.net,auth"+strconv.Itoa(lw.r.IntN(9999999)), "UserGetLoginInfoRequest22V5", "<userId>"+bw+"</userId>", false))
	lw.end()
	t += ms(20)
	lw.bw(t, "Info", "AuthenticationService", thread, tid)
	lw.tab("LongLivedTokenManager - token generated, subject: ", bw, ", issuer: BroadWorks, expiresInHours: 720")
	lw.end()
	lw.bw(t+ms(2), "Info", "AuthenticationService", thread, tid)
	lw.tab("Response: StatusCode=", strconv.Itoa(status))
	lw.end()
}

func authAttempt(a *Attempt) []event {
	if a.Outcome == TokenFetch1502 {
		return nil
	}
	return []event{
		{a.Start + ms(17911), func(lw *logWriter, t int64) {
			authToken(lw, t, lw.thread("http-nio-80-exec-", 100), a.TrackingID, a.BWUser, "203.0.113.9", 200)
		}},
		{a.Start + ms(18518), func(lw *logWriter, t int64) {
			thread := lw.thread("http-nio-80-exec-", 100)
			lw.bw(t, "Info", "AuthenticationService", thread, a.TrackingID)
			lw.tab("Request: POST /authService/token from 127.0.0.1")
			lw.tab("X-BroadSoft-Correlation-ID: ", a.TrackingID)
			lw.end()
			lw.bw(t+ms(6), "Info", "AuthenticationService", thread, a.TrackingID)
			lw.tab("Response: StatusCode=200")
			lw.tab(`{"token":{"subject":"`, a.BWUser, `","issuer":"BroadWorks","valid":true}}`)
			lw.end()
		}},
	}
}

func (lw *logWriter) access(t int64, from, method, path string, status, size int, agent string) {
	b := append(lw.b, from...)
	b = append(b, " - - ["...)
	b = appendAccessTime(b, lw.at(t))
	b = append(b, "] \""...)
	b = append(b, method...)
	b = append(b, ' ')
	b = append(b, path...)
	b = append(b, " HTTP/1.1\" "...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, " 0 "...)
	b = strconv.AppendInt(b, int64(3+lw.r.IntN(200)), 10)
	b = append(b, ` "-" "`...)
	b = append(b, agent...)
	lw.b = append(b, "\"\n"...)
}

func fillAccess(lw *logWriter, t int64) {
	_, bw := lw.user()
	agent := lw.pick("WebexTeams (Windows; 44.5.0.29672)", "WebexTeams (Mac; 44.5.0.29672)", "broadworksTeams-client", "Webex/44.4.0.29432 (iOS)")
	method := lw.pick("GET", "GET", "GET", "PUT")
	path, status := "/com.broadsoft.xsi-actions/v2.0/user/"+escapeAt(bw)+"/"+lw.pick("services", "calllogs", "profile", "directories/Enterprise?start=1&results=50", "profile/device"), 200
	switch x := lw.r.IntN(20); {
	case x < 3:
		method, path = "PUT", "/com.broadsoft.xsi-events/v2.0/channel/"+uuid(lw.r)+"/heartbeat"
	case x < 5:
		method, path = "GET", "/authService/token?key=<redacted>"
	case x < 6:
		method, path = "GET", "/dms/bc/pc/config-wxt.xml"
	case x < 7:
		status = 401
	case x == 7 && lw.r.IntN(4) == 0:
		status = 500
	}
	lw.access(t, lw.ip(), method, path, status, lw.r.IntN(5000), agent)
}

func accessAttempt(a *Attempt) []event {
	ev := []event{{a.Start + ms(15240), func(lw *logWriter, t int64) {
		lw.access(t, "203.0.113.9", "GET", "/com.broadsoft.xsi-actions/v2.0/user/"+escapeAt(a.Email)+"/profile", 200, 812, "broadworksTeams-client")
	}}}
	if a.Outcome == TokenFetch1502 {
		return ev
	}
	ev = append(ev,
		event{a.Start + ms(17911), func(lw *logWriter, t int64) {
			lw.access(t, "203.0.113.9", "GET", "/authService/token?key=<redacted>", 200, 1024, "broadworksTeams-client")
		}},
		event{a.Start + ms(18511), func(lw *logWriter, t int64) {
			lw.access(t, a.ClientIP, "GET", "/com.broadsoft.xsi-actions/v2.0/user/"+escapeAt(a.BWUser)+"/profile/device", 200, 1490, "WebexTeams (Windows; 44.5.0.29672)")
		}})
	if a.Outcome == DeviceProfileMissing {
		return ev
	}
	return append(ev, event{a.Start + ms(19091), func(lw *logWriter, t int64) {
		lw.access(t, a.ClientIP, "GET", "/dms/bc/pc/config-wxt.xml", 401, 0, "WebexTeams (Windows; 44.5.0.29672)")
		lw.access(t+ms(100), a.ClientIP, "GET", "/dms/bc/pc/config-wxt.xml", 200, 48211, "WebexTeams (Windows; 44.5.0.29672)")
	}})
}

// sip writes one XSLog SIP entry: the header, the transport line and the
// message with CRLF line ends.
func (lw *logWriter) sip(t int64, in bool, peer, phone string, lines ...string) {
	msg := strings.Join(lines, "\r\n") + "\r\n\r\n"
	lw.bw(t, "Info", "Sip", "Call Half Input Adapter "+strconv.Itoa(1+lw.r.IntN(8)), strconv.Itoa(2000000+lw.r.IntN(8000000)), phone, "callhalf-"+strconv.Itoa(lw.r.IntN(99999))+":0")
	dir := "IN from "
	if !in {
		dir = "OUT to "
	}
	lw.tab("udp ", strconv.Itoa(len(msg)), " SIP Bytes ", dir, peer)
	lw.b = append(lw.b, msg...)
	lw.end()
}

func sdp(host string, port int, video bool) []string {
	s := []string{"v=0", "o=BroadWorks 284722 1 IN IP4 " + host, "s=-", "c=IN IP4 " + host, "t=0 0",
		"m=audio " + strconv.Itoa(port) + " RTP/AVP 111 0 8 101", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 maxplaybackrate=48000;sprop-stereo=0;useinbandfec=1",
		"a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=rtcp-mux", "a=sendrecv"}
	if video {
		s = append(s, "m=video "+strconv.Itoa(port+2)+" RTP/AVP 96", "a=rtpmap:96 H264/90000", "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1", "a=rtcp-fb:* nack pli", "a=sendrecv")
	}
	return s
}

// fillXSLog writes SIP traffic of another user: a call setup, a
// registration refresh or an OPTIONS ping.
func fillXSLog(lw *logWriter, t int64) {
	sbc := "198.51.100." + strconv.Itoa(20+lw.r.IntN(4)) + ":5060"
	phone := fmt.Sprintf("+45555%05d", lw.r.IntN(100000))
	dev := fmt.Sprintf("user%05d_pc", lw.r.IntN(100000))
	host := lw.ip()
	callID := hexN(lw.r, 16) + "@" + host
	branch := "z9hG4bK-" + hexN(lw.r, 10)
	via := "Via: SIP/2.0/UDP " + sbc + ";branch=" + branch
	switch x := lw.r.IntN(10); {
	case x < 4:
		video := lw.r.IntN(4) == 0
		body := sdp("198.51.100.20", 20000+2*lw.r.IntN(5000), video)
		bodyText := strings.Join(body, "\r\n") + "\r\n"
		head := []string{"INVITE sip:" + dev + "@" + host + ":50123;transport=tls SIP/2.0", via, "From: <sip:+4555551234@example.net;user=phone>;tag=" + hexN(lw.r, 8),
			"To: <sip:" + phone + "@example.net;user=phone>", "Call-ID: " + callID, "CSeq: 1 INVITE", "Contact: <sip:198.51.100.20:5060>",
			"Allow: ACK,BYE,CANCEL,INFO,INVITE,OPTIONS,PRACK,REFER,NOTIFY,UPDATE", "Supported: 100rel,timer,replaces", "Max-Forwards: 69",
			"Content-Type: application/sdp", "Content-Length: " + strconv.Itoa(len(bodyText)), ""}
		lw.sip(t, true, sbc, phone, append(head, body...)...)
		lw.sip(t+ms(2), false, sbc, phone, "SIP/2.0 100 Trying", via, "Call-ID: "+callID, "CSeq: 1 INVITE", "Content-Length: 0")
		lw.sip(t+ms(180), false, sbc, phone, "SIP/2.0 180 Ringing", via, "Call-ID: "+callID, "CSeq: 1 INVITE", "Contact: <sip:"+dev+"@"+host+":50123;transport=tls>", "Content-Length: 0")
		lw.sip(t+ms(1900), false, sbc, phone, append([]string{"SIP/2.0 200 OK", via, "Call-ID: " + callID, "CSeq: 1 INVITE", "Content-Type: application/sdp", "Content-Length: " + strconv.Itoa(len(bodyText)), ""}, sdp(host, 50200, video)...)...)
		lw.sip(t+ms(1960), true, sbc, phone, "ACK sip:"+dev+"@"+host+":50123;transport=tls SIP/2.0", via, "Call-ID: "+callID, "CSeq: 1 ACK", "Content-Length: 0")
	case x < 7:
		lw.sip(t, true, sbc, phone, "REGISTER sip:example.net SIP/2.0", via, "From: <sip:"+dev+"@example.net>;tag="+hexN(lw.r, 8), "To: <sip:"+dev+"@example.net>",
			"Call-ID: "+callID, "CSeq: "+strconv.Itoa(2+lw.r.IntN(500))+" REGISTER", "Contact: <sip:"+dev+"@"+host+":50123;transport=tls>;expires=3600", "User-Agent: Webex/44.5.0.29672",
			`Authorization: Digest username="`+dev+`",realm="BroadWorks",nonce="BroadWorks`+hexN(lw.r, 16)+`",uri="sip:example.net",response="<redacted>",algorithm=MD5`, "Content-Length: 0")
		lw.sip(t+ms(4), false, sbc, phone, "SIP/2.0 200 OK", via, "Call-ID: "+callID, "CSeq: 2 REGISTER", "Contact: <sip:"+dev+"@"+host+":50123;transport=tls>;expires=3600", "Content-Length: 0")
	default:
		lw.sip(t, true, sbc, "-", "OPTIONS sip:as1.example.net SIP/2.0", via, "From: <sip:ping@"+sbc+">;tag="+hexN(lw.r, 8), "To: <sip:as1.example.net>", "Call-ID: "+callID, "CSeq: 1 OPTIONS", "Max-Forwards: 70", "Content-Length: 0")
		lw.sip(t+ms(1), false, sbc, "-", "SIP/2.0 200 OK", via, "Call-ID: "+callID, "CSeq: 1 OPTIONS", "Content-Length: 0")
	}
}

// registerCallID is the Call-ID of an attempt's REGISTER, the same in the
// client's and the Application Server's log.
func registerCallID(a *Attempt) string {
	return strings.ReplaceAll(a.TrackingID[len("CLIENT_"):len("CLIENT_")+18], "-", "")[:16] + "@" + a.ClientIP
}

// xslogAttempt is the client's REGISTER with its digest challenge.
func xslogAttempt(a *Attempt) []event {
	if a.Outcome != SignedIn && a.Outcome != Register403 && a.Outcome != Provisioning409 {
		return nil
	}
	return []event{{a.Start + ms(19631), func(lw *logWriter, t int64) {
		sbc := "198.51.100.20:5060"
		callID := registerCallID(a)
		from := "From: <sip:" + a.Device + "@example.net>;tag=" + hexN(lw.r, 8)
		to := "To: <sip:" + a.Device + "@example.net>"
		contact := "Contact: <sip:" + a.Device + "@" + a.ClientIP + ":50123;transport=tls>;expires=3600"
		nonce := "BroadWorks" + hexN(lw.r, 16)
		lw.sip(t, true, sbc, a.Phone, "REGISTER sip:example.net SIP/2.0", "Via: SIP/2.0/TLS "+a.ClientIP+":50123;branch=z9hG4bK-"+hexN(lw.r, 10), from, to,
			"Call-ID: "+callID, "CSeq: 1 REGISTER", contact, "User-Agent: Webex/44.5.0.29672", "Content-Length: 0")
		lw.sip(t+ms(4), false, sbc, a.Phone, "SIP/2.0 401 Unauthorized", "Via: SIP/2.0/UDP "+sbc, "Call-ID: "+callID, "CSeq: 1 REGISTER",
			`WWW-Authenticate: DIGEST qop="auth",nonce="`+nonce+`",realm="BroadWorks",algorithm=MD5`, "Content-Length: 0")
		lw.sip(t+ms(120), true, sbc, a.Phone, "REGISTER sip:example.net SIP/2.0", "Via: SIP/2.0/TLS "+a.ClientIP+":50123;branch=z9hG4bK-"+hexN(lw.r, 10), from, to,
			"Call-ID: "+callID, "CSeq: 2 REGISTER", contact, "User-Agent: Webex/44.5.0.29672",
			`Authorization: Digest username="`+a.Device+`",realm="BroadWorks",nonce="`+nonce+`",uri="sip:example.net",response="<redacted>",algorithm=MD5`, "Content-Length: 0")
		if a.Outcome == Register403 {
			lw.sip(t+ms(126), false, sbc, a.Phone, "SIP/2.0 403 Forbidden", "Via: SIP/2.0/UDP "+sbc, "Call-ID: "+callID, "CSeq: 2 REGISTER", "Content-Length: 0")
			return
		}
		lw.sip(t+ms(126), false, sbc, a.Phone, "SIP/2.0 200 OK", "Via: SIP/2.0/UDP "+sbc, "Call-ID: "+callID, "CSeq: 2 REGISTER", contact, "Content-Length: 0")
	}}}
}

var psCommands = []string{"UserGetRequest22", "UserModifyRequest22", "UserServiceAssignListRequest", "GroupGetListInServiceProviderRequest",
	"UserAddRequest22", "GroupAccessDeviceAddRequest14", "UserGetListInGroupRequest"}

// fillPSLog writes one OCI-P provisioning request and its response.
func fillPSLog(lw *logWriter, t int64) {
	worker := "BCCT Worker #" + strconv.Itoa(1+lw.r.IntN(16))
	peer := "203.0.113.40:" + strconv.Itoa(40000+lw.r.IntN(20000))
	session := "xsp-prov," + strconv.FormatInt(t/1e6, 10)
	_, bw := lw.user()
	cmd := psCommands[lw.r.IntN(len(psCommands))]
	lw.bw(t, "Info", "OCI-P", worker)
	lw.tab("Received the following request from: ", peer)
	lw.tab(oci(session, cmd, "<userId>"+bw+"</userId><groupId>Example Group</groupId>", false))
	lw.end()
	d := 2 + lw.r.IntN(80)
	lw.bw(t+ms(d), "FieldDebug", "Generic", worker)
	lw.tab("OCI Transaction com.broadsoft.oci.transactions.user.", strings.TrimSuffix(cmd, "Request22"), "Transaction write", strconv.Itoa(lw.r.IntN(9999)),
		" executed. User: Prov Admin (provadmin)   Authorization Level: System Duration: ", strconv.Itoa(d), " ms")
	lw.end()
	lw.bw(t+ms(d+1), "Info", "OCI-P", worker, "provadmin")
	lw.tab("TO ", peer)
	if strings.HasPrefix(cmd, "UserGetListInGroup") || strings.HasPrefix(cmd, "GroupGetList") {
		var sb strings.Builder
		sb.WriteString("<userTable><colHeading>User Id</colHeading><colHeading>Last Name</colHeading><colHeading>First Name</colHeading><colHeading>Phone Number</colHeading>")
		for range 5 + lw.r.IntN(40) {
			_, u := lw.user()
			sb.WriteString("<row><col>" + u + "</col><col>Example</col><col>User</col><col>+45555" + strconv.Itoa(10000+lw.r.IntN(90000)) + "</col></row>")
		}
		sb.WriteString("</userTable>")
		lw.tab(oci(session, strings.Replace(cmd, "Request", "Response", 1), sb.String(), true))
	} else {
		lw.tab(oci(session, "c:SuccessResponse", "", true))
	}
	lw.end()
}

// pslogAttempt is the flow-through provisioning that assigns Integrated
// IMP to the user, answered 201 or, for Provisioning409, 409 Conflict.
func pslogAttempt(a *Attempt) []event {
	return []event{{a.Start - ms(100), func(lw *logWriter, t int64) {
		worker := "BCCT Worker #" + strconv.Itoa(1+lw.r.IntN(16))
		session := "xsp-prov," + strconv.FormatInt(t/1e6, 10)
		lw.bw(t, "Info", "OCI-P", worker)
		lw.tab("Received the following request from: 203.0.113.40:48120")
		lw.tab(oci(session, "UserServiceAssignListRequest", "<userId>"+a.BWUser+"</userId><serviceName>Integrated IMP</serviceName>", false))
		lw.end()
		lw.bw(t+ms(57), "Info", "IntegratedIMP", worker, a.BWUser)
		lw.tab("Sending provisioning request: POST https://bridge.broadworks.example.webex.com/provisioning/v1/subscribers")
		lw.tab("Content-Type: application/xml")
		lw.tab("Authorization: Basic <redacted>")
		lw.tab("<subscriberProfile><bwuserid>", a.BWUser, "</bwuserid><group>Example Group</group><serviceProvider>Example Enterprise</serviceProvider><primaryPhoneNumber>", a.Phone,
			"</primaryPhoneNumber><email>", a.Email, "</email><services><service>Integrated IMP</service></services></subscriberProfile>")
		lw.end()
		if a.Outcome != Provisioning409 {
			lw.bw(t+ms(437), "Info", "IntegratedIMP", worker, a.BWUser)
			lw.tab("Received provisioning response: HTTP/1.1 201 Created")
			lw.end()
			lw.bw(t+ms(440), "Info", "OCI-P", worker, "provadmin")
			lw.tab("TO 203.0.113.40:48120")
			lw.tab(oci(session, "c:SuccessResponse", "", true))
			lw.end()
			return
		}
		lw.bw(t+ms(437), "Info", "IntegratedIMP", worker, a.BWUser)
		lw.tab("Received provisioning response: HTTP/1.1 409 Conflict")
		lw.tab("<error><code>409</code><message>User with email ", a.Email, " already exists</message></error>")
		lw.end()
		lw.bw(t+ms(440), "Warning", "IntegratedIMP", worker, a.BWUser)
		lw.tab("[Error 18215] Provisioning error with messaging server: HTTP 409")
		lw.end()
		lw.bw(t+ms(442), "Info", "OCI-P", worker, "provadmin")
		lw.tab("TO 203.0.113.40:48120")
		lw.tab(ociHead, session, `</sessionId><command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><errorCode>18215</errorCode><summary>[Error 18215] Provisioning error with messaging server</summary><summaryEnglish>[Error 18215] Provisioning error with messaging server</summaryEnglish></command></BroadsoftDocument>`)
		lw.end()
	}}}
}
