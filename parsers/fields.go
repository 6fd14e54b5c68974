package parsers

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// extractFields fills e.Fields from the entry text with the values that
// correlation and the signature catalogue need. It rests on structure that
// is known across BroadWorks and Webex logs: tracking id forms, HTTP
// request and status lines, OCI-P documents, SIP start lines and headers.
func extractFields(e *Entry, slab *fieldSlab) {
	raw := e.Raw
	// The fields are gathered in a local value and copied to the heap only
	// when something was found, so entries without fields allocate nothing.
	var local Fields
	if e.Fields != nil {
		local = *e.Fields
	}
	f := &local

	findTrackingID(raw, f)
	findHTTP(raw, f)
	findOCI(raw, f)
	findSIP(raw, f)
	findUsers(raw, f)

	switch {
	case e.Fields != nil:
		*e.Fields = local
	case !f.isEmpty():
		e.Fields = slab.take()
		*e.Fields = local
	}
}

func (f *Fields) isEmpty() bool {
	return f.texts == [fieldCount]shortSpan{} && f.wide == nil && f.HTTPStatus == 0 && f.SIPStatus == 0 &&
		f.ErrorCode == 0 && len(f.Users) == 0
}

// flagScratchFields marks an entry whose Fields point at parseBlocks'
// scratch value that no header function has asked for yet. It never stays
// on a parsed entry.
const flagScratchFields uint8 = 1 << 7

func (e *Entry) ensureFields() *Fields {
	if e.Flags&flagScratchFields != 0 {
		e.Flags &^= flagScratchFields
		return e.Fields
	}
	if e.Fields == nil {
		e.Fields = &Fields{}
	}
	return e.Fields
}

func (f *Fields) addUser(u string) {
	u = strings.TrimSpace(u)
	if dec, err := url.PathUnescape(u); err == nil {
		u = dec
	}
	if u == "" || len(u) > 256 {
		return
	}
	for _, have := range f.Users {
		if have == u {
			return
		}
	}
	f.Users = append(f.Users, u)
}

// looksLikeTrackingID reports whether v has the shape of a Webex tracking
// id: an upper-case prefix, "_" and a UUID, such as
// CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355, optionally with a suffix.
func looksLikeTrackingID(v string) bool {
	us := strings.IndexByte(v, '_')
	if us < 2 || us > 16 || len(v) < us+1+36 {
		return false
	}
	for _, c := range []byte(v[:us]) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return isUUID(v[us+1 : us+1+36])
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range []byte(s) {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// valueAfter returns the token after the first occurrence of key in s,
// ending at a space, quote, comma, semicolon, '<' or line end.
func valueAfter(s string, key Literal) string {
	i := key.Index(s)
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(s[i+len(key.text):], " \t")
	end := strings.IndexAny(v, " \t\r\n\",;<&}")
	if end >= 0 {
		v = v[:end]
	}
	return v
}

// lineAfter returns the rest of the line after the first occurrence of key.
func lineAfter(s string, key Literal) string {
	i := key.Index(s)
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(firstLine(s[i+len(key.text):]))
}

// literals prepares each text for searching.
func literals(texts ...string) []Literal {
	out := make([]Literal, len(texts))
	for i, t := range texts {
		out[i] = NewLiteral(t)
	}
	return out
}

// The keys extractFields searches every entry for, prepared once. Each is
// searched by its rarest byte, because many start with a byte that is
// common in logs, such as '<' in XML or 'e' in "errorCode=".
var (
	correlationKey   = NewLiteral("X-BroadSoft-Correlation-ID:")
	trackingKeys     = literals("trackingid:", "TrackingID:", "Tracking ID=", "TrackingID=", `"trackingId":"`, "trackingId=")
	clientTrackingID = NewLiteral("CLIENT_")
	httpMethods      = literals("GET ", "POST ", "PUT ", "DELETE ", "PATCH ", "HEAD ", "OPTIONS ")
	fromKey          = NewLiteral(" from ")
	statusKeys       = literals("HTTP/1.1 ", "HTTP/1.0 ", "HTTP/2 ", "StatusCode=", "httpStatusCode: ", "httpStatusCode=", "(HTTP ", "HTTP ")
	userAgentKey     = NewLiteral("User-Agent:")
	ociTypeKey       = NewLiteral(`xsi:type="`)
	errorCodeKeys    = literals("[Error ", "<errorCode>", "errorCode=", "errorCode: ")
	sipVersion       = NewLiteral("SIP/2.0")
	sipRemoteKeys    = literals("SIP Bytes IN from ", "SIP Bytes OUT to ", "SIP message to ", "SIP message from ")
	userTags         = literals("<userId>", "<bwuserid>", "<email>", "<emailAddress>")
	userKeys         = literals("http_bw_userid:", "Sign-in started for ", "subject: ")
	userPathKey      = NewLiteral("/user/")
)

// Gates are texts that every match of a group of keys contains. An entry
// without its group's gate is not searched for the group's keys, which
// saves most of the searches on most entries and finds the same values.
var (
	trackingGate  = NewLiteral("racking")
	statusGates   = literals("HTTP", "tatusCode")
	errorCodeGate = NewLiteral("rror")
	// A user element has a value only when a close tag follows it.
	userTagsGate = NewLiteral("</")
)

func findTrackingID(raw string, f *Fields) {
	if v := valueAfter(raw, correlationKey); v != "" {
		f.setText(fieldCorrelationID, spanOf(raw, v))
	}
	if !f.text(fieldTrackingID).empty() {
		return
	}
	if trackingGate.In(raw) {
		for _, key := range trackingKeys {
			if v := valueAfter(raw, key); v != "" {
				f.setText(fieldTrackingID, spanOf(raw, v))
				return
			}
		}
	}
	if i := clientTrackingID.Index(raw); i >= 0 && looksLikeTrackingID(raw[i:]) {
		f.setText(fieldTrackingID, spanOf(raw, raw[i:i+len("CLIENT_")+36]))
		return
	}
	if !f.text(fieldCorrelationID).empty() {
		f.setText(fieldTrackingID, f.text(fieldCorrelationID))
	}
}

func findHTTP(raw string, f *Fields) {
	if f.text(fieldHTTPMethod).empty() {
		best := -1
		for _, lit := range httpMethods {
			m := lit.text
			i := lit.Index(raw)
			for i >= 0 {
				next := raw[i+len(m):]
				ok := (i == 0 || raw[i-1] == ' ' || raw[i-1] == '\t' || raw[i-1] == '"' || raw[i-1] == '\n') &&
					(strings.HasPrefix(next, "/") || strings.HasPrefix(next, "http://") || strings.HasPrefix(next, "https://"))
				if ok {
					break
				}
				j := lit.Index(next)
				if j < 0 {
					i = -1
					break
				}
				i += len(m) + j
			}
			if i >= 0 && (best < 0 || i < best) {
				best = i
				f.setText(fieldHTTPMethod, spanOf(raw, raw[i:i+len(strings.TrimSpace(m))]))
				path := raw[i+len(m):]
				if end := strings.IndexAny(path, " \t\r\n\""); end >= 0 {
					path = path[:end]
				}
				f.setText(fieldHTTPPath, spanOf(raw, path))
				if from := lineAfter(raw[i:], fromKey); from != "" && f.text(fieldRemote).empty() {
					f.setText(fieldRemote, spanOf(raw, strings.Fields(from)[0]))
				}
			}
		}
	}
	if f.HTTPStatus == 0 && (statusGates[0].In(raw) || statusGates[1].In(raw)) {
		f.HTTPStatus = int16(statusAfter(raw, statusKeys))
	}
	if f.text(fieldUserAgent).empty() {
		f.setText(fieldUserAgent, spanOf(raw, lineAfter(raw, userAgentKey)))
	}
}

// statusAfter returns the first three-digit status that follows one of keys.
func statusAfter(raw string, keys []Literal) int {
	for _, key := range keys {
		off := 0
		for {
			i := key.Index(raw[off:])
			if i < 0 {
				break
			}
			at := off + i + len(key.text)
			if code := atoiN(raw, at, 3); code >= 100 && code <= 699 && (at+3 == len(raw) || raw[at+3] < '0' || raw[at+3] > '9') {
				return code
			}
			off = at
		}
	}
	return 0
}

func findOCI(raw string, f *Fields) {
	if i := ociTypeKey.Index(raw); i >= 0 {
		v := raw[i+len(`xsi:type="`):]
		if end := strings.IndexByte(v, '"'); end >= 0 {
			v = v[:end]
			if c := strings.IndexByte(v, ':'); c >= 0 {
				v = v[c+1:]
			}
			if strings.Contains(v, "Request") || strings.Contains(v, "Response") {
				f.setText(fieldOCICommand, spanOf(raw, v))
			}
		}
	}
	if f.ErrorCode != 0 || !errorCodeGate.In(raw) {
		return
	}
	for _, key := range errorCodeKeys {
		i := key.Index(raw)
		if i < 0 {
			continue
		}
		digits := raw[i+len(key.text):]
		n := 0
		for n < len(digits) && n < 9 && digits[n] >= '0' && digits[n] <= '9' {
			n++
		}
		if code, err := strconv.Atoi(digits[:n]); err == nil && n > 0 {
			// Nine digits fit an int32.
			f.ErrorCode = int32(code)
			return
		}
	}
}

var sipMethods = []string{"REGISTER", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "SUBSCRIBE",
	"NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "PRACK"}

func findSIP(raw string, f *Fields) {
	if !sipVersion.In(raw) {
		return
	}
	sc := lineScanner{text: raw}
	for {
		line, _, _, ok := sc.next()
		if !ok {
			break
		}
		switch {
		case strings.HasPrefix(line, "SIP/2.0 ") && f.SIPStatus == 0 && f.text(fieldSIPMethod).empty():
			f.SIPStatus = int16(max(atoiN(line, 8, 3), 0))
		case strings.HasSuffix(line, " SIP/2.0") && f.text(fieldSIPMethod).empty() && f.SIPStatus == 0:
			if sp := strings.IndexByte(line, ' '); sp > 0 && slices.Contains(sipMethods, line[:sp]) {
				f.setText(fieldSIPMethod, spanOf(raw, line[:sp]))
			}
		case hasHeader(line, "Call-ID:", "i:") && f.text(fieldSIPCallID).empty():
			f.setText(fieldSIPCallID, spanOf(raw, strings.TrimSpace(line[strings.IndexByte(line, ':')+1:])))
		case hasHeader(line, "CSeq:") && f.text(fieldSIPCSeq).empty():
			f.setText(fieldSIPCSeq, spanOf(raw, strings.TrimSpace(line[len("CSeq:"):])))
		}
	}
	if f.text(fieldRemote).empty() {
		for _, key := range sipRemoteKeys {
			if v := valueAfter(raw, key); v != "" {
				f.setText(fieldRemote, spanOf(raw, strings.TrimSuffix(v, ":")))
				break
			}
		}
	}
}

func hasHeader(line string, names ...string) bool {
	for _, n := range names {
		if len(line) >= len(n) && strings.EqualFold(line[:len(n)], n) {
			return true
		}
	}
	return false
}

// findUserTags adds the text of each user element, such as <userId>.
func findUserTags(raw string, f *Fields) {
	for _, tag := range userTags {
		if i := tag.Index(raw); i >= 0 {
			v := raw[i+len(tag.text):]
			if end := strings.Index(v, "</"); end >= 0 {
				f.addUser(v[:end])
			}
		}
	}
}

func findUsers(raw string, f *Fields) {
	if userTagsGate.In(raw) {
		findUserTags(raw, f)
	}
	for _, key := range userKeys {
		if v := valueAfter(raw, key); v != "" {
			f.addUser(v)
		}
	}
	if i := userPathKey.Index(raw); i >= 0 {
		v := raw[i+len(userPathKey.text):]
		if end := strings.IndexAny(v, "/ ?\t\r\n\""); end > 0 {
			f.addUser(v[:end])
		}
	}
}
