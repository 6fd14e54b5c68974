package app

import (
	"strings"

	"github.com/wxlog/wxlog/parsers"
)

// joinTolerance widens an attempt's time window for entries without a
// tracking id. Access logs print whole seconds, and a server clock that no
// correlated pair corrects may run a few seconds off the client's.
const joinTolerance = int64(5e9)

// pairTolerance bounds the time between a tracked server request and the
// access log line of the same request from the same remote address.
const pairTolerance = int64(2e9)

// identity is an attempt and its time window, for joining entries without
// a tracking id.
type identity struct {
	attempt    *Attempt
	start, end int64
}

// contains reports whether the time t falls in the identity's window.
func (id *identity) contains(t int64) bool {
	return t >= id.start-joinTolerance && t <= id.end+joinTolerance
}

// distance is how far t lies outside the window, 0 inside it.
func (id *identity) distance(t int64) int64 {
	switch {
	case t < id.start:
		return id.start - t
	case t > id.end:
		return t - id.end
	}
	return 0
}

// identityIndex finds attempts by what ties entries without a tracking id
// to them: the user ids, device names, SIP user parts and phone numbers
// their anchored entries name, the client's IP addresses, and the SIP
// Call-IDs of their registrations.
type identityIndex struct {
	byUser, byIP, byCall map[string][]*identity
	filed                map[identityKey]struct{}
}

// identityKey names one filing of an identity: which index, under which
// key.
type identityKey struct {
	index *map[string][]*identity
	key   string
	id    *identity
}

// addIdentity files id under key in m unless it is there already. The
// filings are remembered in a set: a key that many attempts share, such
// as a server address, would otherwise be scanned in full for each one.
func (x *identityIndex) addIdentity(m *map[string][]*identity, key string, id *identity) {
	k := identityKey{index: m, key: key, id: id}
	if _, ok := x.filed[k]; ok {
		return
	}
	x.filed[k] = struct{}{}
	(*m)[key] = append((*m)[key], id)
}

// newIdentity indexes an attempt by its anchored items: client entries and
// server entries that share its tracking ids.
func (x *identityIndex) newIdentity(def *FlowDef, a *Attempt) *identity {
	id := &identity{attempt: a}
	for i, it := range a.items {
		if i == 0 || it.time < id.start {
			id.start = it.time
		}
		id.end = max(id.end, it.time)
		x.learn(def, id, it)
	}
	return id
}

// learn records the user ids, device names, phone numbers and SIP users
// that an item of the attempt names.
func (x *identityIndex) learn(def *FlowDef, id *identity, it *ladderItem) {
	for _, token := range it.tokens {
		x.addIdentity(&x.byUser, token, id)
	}
	if it.callID != "" && it.step >= 0 {
		x.addIdentity(&x.byCall, it.callID, id)
	}
	// The remote of a request that the app itself sends (not the IdP
	// proxy in the cloud) is the client's address.
	req := it.request()
	if !it.client && req.host != "" && req.method != "" && it.step >= 0 && def.Steps[it.step].From == "app" {
		x.addIdentity(&x.byIP, req.host, id)
	}
}

// xmlElement is the open and close tag of an XML element.
type xmlElement struct{ open, close string }

func newXMLElement(name string) xmlElement {
	return xmlElement{open: "<" + name + ">", close: "</" + name + ">"}
}

// identityElements are the OCI-P and Xsi elements whose text names a
// user: device names, line ports and phone numbers.
var identityElements = []xmlElement{
	newXMLElement("deviceName"), newXMLElement("deviceLinePort"),
	newXMLElement("number"), newXMLElement("phoneNumber"),
}

// forEachElement calls fn with the trimmed text of every
// <name>…</name> of the elements in raw, but not with empty texts. An
// element's search goes on after the close tag of its last match, and
// stops at an open tag without a close tag.
//
// One pass over the '<' bytes of raw serves all elements, so the calls
// come in the order of the open tags in raw.
func forEachElement(raw string, elements []xmlElement, fn func(string)) {
	// next is, per element, where its next open tag may start.
	var nextBuf [8]int
	next := nextBuf[:0]
	if len(elements) > len(nextBuf) {
		next = make([]int, 0, len(elements))
	}
	next = next[:len(elements)]

	for i := strings.IndexByte(raw, '<'); i >= 0; {
		for k, e := range elements {
			if i < next[k] || !strings.HasPrefix(raw[i:], e.open) {
				continue
			}
			start := i + len(e.open)
			j := strings.Index(raw[start:], e.close)
			if j < 0 {
				next[k] = len(raw) + 1
				continue
			}
			if v := strings.TrimSpace(raw[start : start+j]); v != "" {
				fn(v)
			}
			next[k] = start + j + len(e.close)
		}
		j := strings.IndexByte(raw[i+1:], '<')
		if j < 0 {
			return
		}
		i += 1 + j
	}
}

// sipUsers returns the user parts of the SIP URIs in the From and To
// headers of a SIP message, such as alice_0 in
// "From: <sip:alice_0@example.net>;tag=e58c154d".
func sipUsers(raw string) []string {
	var out []string
	for _, name := range []string{"\nFrom:", "\nTo:"} {
		i := strings.Index(raw, name)
		if i < 0 {
			continue
		}
		line := firstLineOf(raw[i+len(name):])
		j := strings.Index(line, "sip:")
		if j < 0 {
			continue
		}
		user := line[j+len("sip:"):]
		at := strings.IndexByte(user, '@')
		if at <= 0 {
			continue
		}
		user = user[:at]
		if semi := strings.IndexByte(user, ';'); semi >= 0 {
			user = user[:semi]
		}
		out = append(out, user)
	}
	return out
}

// servedTo returns the device name of a DMS entry such as
// "Served /dms/bc/pc/config-wxt.xml to alice_0 (48211 bytes)".
func servedTo(raw string) string {
	i := strings.Index(raw, "Served /dms/")
	if i < 0 {
		return ""
	}
	rest := raw[i:]
	j := strings.Index(rest, " to ")
	if j < 0 {
		return ""
	}
	name := rest[j+len(" to "):]
	if end := strings.IndexAny(name, " \t\r\n("); end >= 0 {
		name = name[:end]
	}
	return name
}

func firstLineOf(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// hostOf drops the port from an address such as 198.51.100.20:5060.
func hostOf(addr string) string {
	if i := strings.LastIndexByte(addr, ':'); i > 0 && strings.Count(addr, ":") == 1 {
		return addr[:i]
	}
	return addr
}

// pathOf drops the query from an HTTP path.
func pathOf(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		return p[:i]
	}
	return p
}

// requestKey identifies a request for pairing: its method, the remote's
// host and the path without the query.
type requestKey struct{ method, host, path string }

// pairedRequest is a server request of an attempt with a tracking id, which
// an access log line from the same remote for the same path may repeat.
type pairedRequest struct {
	time int64
	id   *identity
}

// joinUntracked gives each server item without a tracking id to the
// attempt it belongs to, and returns the items that belong to none.
//
// An item that names users (user ids, device names, SIP user parts, phone
// numbers) joins an attempt with one of those users whose window holds its
// time, else one whose SIP Call-ID it carries. An item that names no user
// may also join an attempt whose client address it came from, in the
// window, or else the one attempt with a tracked request for the same
// path from the same remote within pairTolerance. When several attempts qualify, the one
// whose window is nearest wins. Times of sources with a skew estimate are
// corrected by it first.
func joinUntracked(def *FlowDef, attempts []*Attempt, items []*ladderItem, skews map[*parsers.Source]int64) []*ladderItem {
	x := &identityIndex{byUser: map[string][]*identity{}, byIP: map[string][]*identity{}, byCall: map[string][]*identity{}, filed: map[identityKey]struct{}{}}
	requests := map[requestKey][]pairedRequest{}
	for _, a := range attempts {
		id := x.newIdentity(def, a)
		for _, it := range a.items {
			if req := it.request(); !it.client && it.trackingID != "" && req.method != "" && req.host != "" {
				requests[req] = append(requests[req], pairedRequest{it.time, id})
			}
		}
	}

	nearest := func(cands []*identity, t int64, best *identity) *identity {
		for _, id := range cands {
			if id.contains(t) && (best == nil || id.distance(t) < best.distance(t)) {
				best = id
			}
		}
		return best
	}

	var left []*ladderItem
	for _, it := range items {
		t := it.time
		if s, ok := skews[it.ref.Source]; ok {
			t = it.ref.Entry().Time - s
		}
		// The tokens of an item without a tracking id are its user ids,
		// the SIP user parts of its From and To headers, and the device a
		// DMS entry served.
		var best *identity
		for _, token := range it.tokens {
			best = nearest(x.byUser[token], t, best)
		}
		callID := it.callID
		if best == nil && callID != "" {
			best = nearest(x.byCall[callID], t, best)
		}
		req := it.request()
		if best == nil && len(it.tokens) == 0 {
			if req.host != "" {
				best = nearest(x.byIP[req.host], t, best)
			}
			if best == nil && req.method != "" && req.host != "" {
				best = pairRequest(requests[req], t)
			}
		}
		if best == nil {
			left = append(left, it)
			continue
		}
		best.attempt.items = append(best.attempt.items, it)
		// A registration's Call-ID ties its answers, which name no user,
		// to the REGISTER that named one.
		if callID != "" {
			x.addIdentity(&x.byCall, callID, best)
		}
		if req.method != "" && req.host != "" && it.step >= 0 && def.Steps[it.step].From == "app" && len(it.tokens) > 0 {
			x.addIdentity(&x.byIP, req.host, best)
		}
	}
	return left
}

// pairRequest returns the one attempt with a request in reqs within
// pairTolerance of t, or nil when none or several have one.
func pairRequest(reqs []pairedRequest, t int64) *identity {
	var found *identity
	for _, r := range reqs {
		if r.time < t-pairTolerance || r.time > t+pairTolerance {
			continue
		}
		if found != nil && found != r.id {
			return nil
		}
		found = r.id
	}
	return found
}
