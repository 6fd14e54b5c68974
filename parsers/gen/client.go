package gen

import (
	"strconv"
	"strings"
)

// The Webex App desktop grammar, 2024 style:
//
//	2024-05-02T09:14:05.381Z <Info> [0x1c0c][]LoginController.cpp:340 LoginController::onEmailEntered:Sign-in started for alice@example.com
//
// Continuation lines (SIP messages, headers) follow without a time stamp.

// client writes one header line; the message may hold further lines.
func (lw *logWriter) client(t int64, level, thread, fileLine, function, message string) {
	b := appendISOTime(lw.b, lw.at(t))
	b = append(b, " <"...)
	b = append(b, level...)
	b = append(b, "> ["...)
	b = append(b, thread...)
	b = append(b, "][]"...)
	b = append(b, fileLine...)
	b = append(b, ' ')
	b = append(b, function...)
	b = append(b, ':')
	b = append(b, message...)
	lw.b = append(b, '\n')
}

var clientThreads = []string{"0x1c0c", "0x4ee0", "0x2a10", "0x3b44", "0x1f08"}

// fillClient writes the client's own chatter: short status lines, Mercury
// JSON messages of a few hundred bytes to kilobytes, and HTTP exchanges
// whose headers run over several lines.
func fillClient(lw *logWriter, t int64) {
	thread := clientThreads[lw.r.IntN(len(clientThreads))]
	switch x := lw.r.IntN(20); {
	case x < 8:
		lw.client(t, lw.pick("Info", "Debug", "Debug"), thread, "TelemetryService.cpp:"+strconv.Itoa(50+lw.r.IntN(300)),
			lw.pick("TelemetryService::flush", "PresenceManager::onStatusChanged", "NetworkMonitor::onNetworkChanged", "AudioDeviceManager::onDeviceList", "UIController::onWindowFocus"),
			lw.pick("batch sent, events=", "status=active, idle seconds=", "interface en0 up, metric=", "devices=", "focus changed, window id=")+strconv.Itoa(lw.r.IntN(5000)))
	case x < 14:
		var sb strings.Builder
		sb.WriteString(`{"id":"` + uuid(lw.r) + `","data":{"eventType":"` + lw.pick("conversation.activity", "status.update", "locus.difference", "board.activity") + `","activity":{"verb":"post","actor":{"id":"` + uuid(lw.r) + `","objectType":"person"},"items":[`)
		for i := range 1 + lw.r.IntN(10) {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(`{"id":"` + uuid(lw.r) + `","objectType":"content","published":"2024-05-02T09:00:00.000Z","encryptionKeyUrl":"kms://kms-eu.wbx2.com/keys/` + uuid(lw.r) + `"}`)
		}
		sb.WriteString(`]}},"trackingId":"WEBEX_` + uuid(lw.r) + `"}`)
		lw.client(t, "Info", thread, "MercuryConnection.cpp:412", "MercuryConnection::onMessage", sb.String())
	case x < 18:
		host := lw.pick("conv-a.wbx2.com", "locus-a.wbx2.com", "u2c.wbx2.com", "idbroker.webex.com")
		lw.client(t, "Debug", thread, "HttpClient.cpp:233", "HttpClient::logRequest", "request "+strconv.Itoa(lw.r.IntN(99999))+":\n"+
			"    GET https://"+host+"/api/v1/"+lw.pick("conversations", "devices", "catalog", "users/me")+"?limit=50\n"+
			"    Accept: application/json\n"+
			"    TrackingID: WEBEX_"+uuid(lw.r)+"\n"+
			"    User-Agent: WebexTeams (Windows; 44.5.0.29672)")
		lw.client(t+ms(80+lw.r.IntN(300)), "Debug", thread, "HttpClient.cpp:288", "HttpClient::logResponse", "response "+strconv.Itoa(lw.r.IntN(99999))+": HTTP "+lw.pick("200", "200", "200", "204", "404")+"\n"+
			"    Content-Type: application/json\n"+
			"    Content-Length: "+strconv.Itoa(lw.r.IntN(40000))+"\n"+
			"    Date: Thu, 02 May 2024 09:14:05 GMT")
	default:
		lw.client(t, "Warning", thread, "WebSocketTransport.cpp:"+strconv.Itoa(100+lw.r.IntN(100)), "WebSocketTransport::onClose", "socket closed, code=1006, reconnecting in "+strconv.Itoa(1+lw.r.IntN(30))+"s")
	}
}

// step is one client line of a sign-in at a fixed offset from its start.
type step struct {
	ms                       int
	level, file, fn, message string
}

// clientAttempt is the sign-in as the main client log tells it, ending at
// the step where the attempt's outcome stops it.
func clientAttempt(a *Attempt) []event {
	steps := []step{
		{0, "Info", "SparkApplication.cpp:212", "SparkApplication::init", "Webex App starting, version 44.5.0.29672, platform Windows 10 (x64)"},
		{3280, "Info", "LoginController.cpp:340", "LoginController::onEmailEntered", "Sign-in started for " + a.Email},
		{3820, "Info", "LoginController.cpp:415", "LoginController::onDiscoveryComplete", "Redirecting to identity provider for BroadWorks authentication: https://idbroker.webex.com/idb/saml2/sso?org=" + a.OrgID},
		{4240, "Info", "WebAuthView.cpp:77", "WebAuthView::onPageLoaded", "User activation portal loaded (HTTP 200)"},
		{16540, "Info", "SamlAuthenticator.cpp:88", "SamlAuthenticator::onAssertion", "SAML assertion received from BroadWorks IdP proxy"},
		{17000, "Info", "OAuthManager.cpp:301", "OAuthManager::onTokenExchange", `{"event":"token.exchange","grant":"saml2-bearer","status":200,"orgId":"` + a.OrgID + `","requestedBy":"` + a.OrgID[:8] + `-9599-4080-995f-d56fd4d62ace","trackingId":"` + a.TrackingID + `"}`},
		{17320, "Info", "EntitlementManager.cpp:144", "EntitlementManager::onEntitlementsReceived", "entitlements=[spark, squared-call-initiation, spark-test-account, webex-squared, broadworks-connector] callingBehavior=NATIVE_WEBEX_TEAMS_CALLING"},
		{17410, "Info", "BroadWorksCallControl.cpp:120", "BroadWorksCallControl::init", "BWC:SCF: Initializing BroadWorks Calling library"},
		{17600, "Info", "BroadWorksTokenManager.cpp:130", "BroadWorksTokenManager::fetch", "BWC:SCF: Get a BWC token using the teams token endpoint"},
		{17601, "Info", "BroadWorksTokenManager.cpp:152", "BroadWorksTokenManager::fetch", "BWC:SCF: Created BWC token request with ID: 17 Tracking ID=" + a.TrackingID},
	}
	if a.Outcome == TokenFetch1502 {
		steps = append(steps,
			step{22601, "Error", "BroadWorksTokenManager.cpp:201", "BroadWorksTokenManager::onFailure", "BWC:SCF: Http error when trying to get BWC Token from Broad Cloud, httpStatusCode: 403"},
			step{22603, "Error", "BroadWorksLoginAdapter.cpp:88", "BroadWorksLoginAdapter::handleLoginError", "BWC:SCF: Login error occurred: errorCode=1502"})
		return clientSteps(a, steps)
	}
	steps = append(steps,
		step{18301, "Info", "BroadWorksTokenManager.cpp:174", "BroadWorksTokenManager::onSuccess", "BWC:SCF: BWC token received, expires in 720 hours"},
		step{18451, "Info", "BroadWorksConfigDownloader.cpp:61", "BroadWorksConfigDownloader::requestAccessDevices", "BWC:SCF: ConfigDownload - requesting access devices from https://xsp1.example.net/com.broadsoft.xsi-actions/v2.0/user/" + escapeAt(a.BWUser) + "/profile/device"})
	if a.Outcome == DeviceProfileMissing {
		steps = append(steps, step{18951, "Error", "BroadWorksConfigDownloader.cpp:106", "BroadWorksConfigDownloader::onAccessDeviceListSucceeded", "BWC:SCF: ConfigDownload - device profile 'Business Communicator - PC' is not found."})
		return clientSteps(a, steps)
	}
	steps = append(steps,
		step{18951, "Info", "BroadWorksConfigDownloader.cpp:101", "BroadWorksConfigDownloader::onAccessDeviceListSucceeded", "BWC:SCF: ConfigDownload - using device profile 'Business Communicator - PC'"},
		step{19351, "Info", "BroadWorksConfigDownloader.cpp:140", "BroadWorksConfigDownloader::onConfigDownloaded", "BWC:SCF: ConfigDownload - downloaded config-wxt.xml (48211 bytes)"})
	if a.Outcome == ConfigParse1507 {
		steps = append(steps,
			step{19381, "Error", "parser.rl:232", "TP::Xml::Parser::parse", "BWC:INTERNAL: Incomplete"},
			step{19382, "Error", "BroadWorksCallControl.cpp:493", "BroadWorksCallControl::createConfig", "BWC:SCF: failed to parse the configuration"},
			step{19384, "Error", "BroadWorksCallControl.cpp:530", "BroadWorksCallControl::registerClient::<lambda_367b1f0e>::operator ()", "BWC:SCF: BroadWorks Calling - failed to register client. errorCode=1507"})
		return clientSteps(a, steps)
	}
	steps = append(steps, step{19551, "Info", "ServiceDiscovery.cpp:77", "ServiceDiscovery::onResolved", "BWC:SCF: Service discovery found SBC sbc1.example.net:8934 (TLS)"})
	if a.Outcome == Register403 {
		steps = append(steps, step{19831, "Error", "BroadWorksCallControl.cpp:610", "BroadWorksCallControl::onRegistrationFailed", "BWC:SCF: SIP registration failed: 403 Forbidden"})
		return clientSteps(a, steps)
	}
	steps = append(steps, step{19831, "Info", "BroadWorksCallControl.cpp:598", "BroadWorksCallControl::onRegistered", "BWC:SCF: BroadWorks Calling - client registered; phone services connected (SSO session)"})
	return clientSteps(a, steps)
}

func clientSteps(a *Attempt, steps []step) []event {
	ev := make([]event, len(steps))
	for i, s := range steps {
		ev[i] = event{a.Start + ms(s.ms), func(lw *logWriter, t int64) {
			lw.client(t, s.level, "0x1c0c", s.file, s.fn, s.message)
		}}
	}
	return ev
}

// bwcSIP writes one SIP message of the BroadWorks calling log: the header
// line, then the message with LF line ends and a blank line.
func (lw *logWriter) bwcSIP(t int64, out bool, lines ...string) {
	msg := "BWC:SIP: Incoming SIP message from sbc1.example.net:8934 (TLS):\n"
	if out {
		msg = "BWC:SIP: Outgoing SIP message to sbc1.example.net:8934 (TLS):\n"
	}
	lw.client(t, "Info", "0x390", "SipTransport.cpp:214", "SipTransport::log", msg+strings.Join(lines, "\n")+"\n")
}

// fillBWC writes the calling library's traffic: OPTIONS keep-alives,
// incoming calls with SDP and status lines.
func fillBWC(lw *logWriter, t int64) {
	callID := hexN(lw.r, 16) + "@192.0.2.10"
	via := "Via: SIP/2.0/TLS 192.0.2.10:50123;branch=z9hG4bK-" + hexN(lw.r, 10)
	switch x := lw.r.IntN(10); {
	case x < 4:
		lw.bwcSIP(t, true, "OPTIONS sip:sbc1.example.net SIP/2.0", via, "Call-ID: "+callID, "CSeq: 1 OPTIONS", "Max-Forwards: 70", "Content-Length: 0")
		lw.bwcSIP(t+ms(40+lw.r.IntN(60)), false, "SIP/2.0 200 OK", via, "Call-ID: "+callID, "CSeq: 1 OPTIONS", "Content-Length: 0")
	case x < 6:
		body := strings.Join(sdp("198.51.100.20", 20000+2*lw.r.IntN(5000), false), "\n") + "\n"
		lw.bwcSIP(t, false, "INVITE sip:user_pc@192.0.2.10:50123;transport=tls SIP/2.0", "Via: SIP/2.0/TLS 198.51.100.20:5061;branch=z9hG4bK-"+hexN(lw.r, 10),
			"From: <sip:+4555551234@example.net;user=phone>;tag="+hexN(lw.r, 8), "To: <sip:user_pc@example.net>", "Call-ID: "+callID, "CSeq: 1 INVITE",
			"Content-Type: application/sdp", "Content-Length: "+strconv.Itoa(len(body)), "", body)
		lw.bwcSIP(t+ms(20), true, "SIP/2.0 180 Ringing", via, "Call-ID: "+callID, "CSeq: 1 INVITE", "Content-Length: 0")
		lw.client(t+ms(21), "Info", "0x390", "CallManager.cpp:"+strconv.Itoa(200+lw.r.IntN(50)), "CallManager::onIncomingCall", "BWC:SCF: incoming call, callId="+callID)
	default:
		lw.client(t, lw.pick("Info", "Debug"), "0x390", "BroadWorksCallControl.cpp:"+strconv.Itoa(700+lw.r.IntN(100)), "BroadWorksCallControl::onTimer",
			"BWC:SCF: "+lw.pick("keep-alive sent", "registration refresh scheduled in 3000 s", "network quality good, rtt=42", "xsi event channel heartbeat ok"))
	}
}

// bwcAttempt is the REGISTER with its digest challenge, as the client
// logs it.
func bwcAttempt(a *Attempt) []event {
	if a.Outcome != SignedIn && a.Outcome != Register403 && a.Outcome != Provisioning409 {
		return nil
	}
	return []event{{a.Start + ms(19611), func(lw *logWriter, t int64) {
		callID := registerCallID(a)
		from := "From: <sip:" + a.Device + "@example.net>;tag=" + hexN(lw.r, 8)
		to := "To: <sip:" + a.Device + "@example.net>"
		contact := "Contact: <sip:" + a.Device + "@" + a.ClientIP + ":50123;transport=tls>;expires=3600"
		nonce := "BroadWorks" + hexN(lw.r, 16)
		lw.bwcSIP(t, true, "REGISTER sip:example.net SIP/2.0", "Via: SIP/2.0/TLS "+a.ClientIP+":50123;branch=z9hG4bK-"+hexN(lw.r, 10), from, to,
			"Call-ID: "+callID, "CSeq: 1 REGISTER", contact, "User-Agent: Webex/44.5.0.29672", "Content-Length: 0")
		lw.bwcSIP(t+ms(60), false, "SIP/2.0 401 Unauthorized", "Via: SIP/2.0/UDP 198.51.100.20:5060", "Call-ID: "+callID, "CSeq: 1 REGISTER",
			`WWW-Authenticate: DIGEST qop="auth",nonce="`+nonce+`",realm="BroadWorks",algorithm=MD5`, "Content-Length: 0")
		lw.bwcSIP(t+ms(120), true, "REGISTER sip:example.net SIP/2.0", "Via: SIP/2.0/TLS "+a.ClientIP+":50123;branch=z9hG4bK-"+hexN(lw.r, 10), from, to,
			"Call-ID: "+callID, "CSeq: 2 REGISTER", contact, "User-Agent: Webex/44.5.0.29672",
			`Authorization: Digest username="`+a.Device+`",realm="BroadWorks",nonce="`+nonce+`",uri="sip:example.net",response="<redacted>",algorithm=MD5`, "Content-Length: 0")
		status := "SIP/2.0 200 OK"
		if a.Outcome == Register403 {
			status = "SIP/2.0 403 Forbidden"
		}
		lw.bwcSIP(t+ms(180), false, status, "Via: SIP/2.0/UDP 198.51.100.20:5060", "Call-ID: "+callID, "CSeq: 2 REGISTER", "Content-Length: 0")
	}}}
}
