package app

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/wxlog/wxlog/parsers"
)

// ladderItem is one piece of evidence for a flow: an entry matched by a
// rule, or a finding that names a step. A busy server's logs give
// hundreds of thousands, kept with their attempts, so the item points at
// the entry's fields instead of copying them.
type ladderItem struct {
	ref     EntryRef
	rule    *EvidenceRule
	finding *Finding
	details map[string]string
	// tokens are the user tokens that tie the item to an attempt, and
	// users, the first nUsers of them, are the user ids of its entry. See
	// identityTokens.
	tokens []string
	nUsers int32
	// callID is the entry's SIP Call-ID, and req its HTTP request, nil when
	// it has none.
	callID string
	req    *requestKey

	// time is skew-corrected; trackingID is the base id (prefix and UUID).
	time       int64
	trackingID string
	// step indexes the flow's steps; -1 for a marker.
	step    int32
	code    int32
	outcome string
	client  bool
	start   bool
}

// users returns the user ids the entry names.
func (it *ladderItem) users() []string {
	return it.tokens[:it.nUsers]
}

// request returns the method, remote host and path without the query of
// the entry's HTTP request, each "" when the entry has none.
func (it *ladderItem) request() requestKey {
	if it.req == nil {
		return requestKey{}
	}
	return *it.req
}

func fillItem(it *ladderItem, src *parsers.Source, e *parsers.Entry, in *interner) {
	fillItemFields(it, src, e, isClientFormat(src.Format), in)
}

// fillItemFields sets what the item takes from its entry, while the
// entry's text is being read. client is set for an entry of a client log.
//
// Correlation later compares these values across all sources in time
// order. They are interned copies, not substrings of the text. Reading a
// memory-mapped file in that order faults its pages in again after each
// release, which more than doubled the time of the sign-in ladder of a
// 1.2 GB case.
func fillItemFields(it *ladderItem, src *parsers.Source, e *parsers.Entry, client bool, in *interner) {
	it.time = e.Time - int64(src.Skew)
	it.client = client
	if e.Fields != nil {
		it.trackingID = in.text(baseTrackingID(e.TrackingID()))
		if it.trackingID == "" {
			it.trackingID = in.text(baseTrackingID(e.CorrelationID()))
		}
		it.callID = in.text(e.SIPCallID())
		it.req = in.request(requestKey{method: e.HTTPMethod(), host: hostOf(e.Remote()), path: pathOf(e.HTTPPath())})
	}
	it.tokens, it.nUsers = identityTokens(it, e, in)
}

// identityTokens returns, interned, the user ids of the entry and then the
// other tokens that tie the item to an attempt, with the number of user
// ids.
//
// An item that anchors an attempt (a client item, or one with a tracking
// id) files the attempt under its tokens. It adds the texts of its
// identity elements, each followed by its part before '@', and with a
// Call-ID the SIP user parts. A server item without a tracking id looks an
// attempt up by its tokens. It adds the SIP user parts and the device a
// DMS entry served.
func identityTokens(it *ladderItem, e *parsers.Entry, in *interner) ([]string, int32) {
	var tokens []string
	if e.Fields != nil {
		for _, u := range e.Fields.Users {
			tokens = append(tokens, in.text(u))
		}
	}
	users := int32(len(tokens))

	raw := e.Raw
	anchors := it.client || it.trackingID != ""
	if anchors {
		forEachElement(raw, identityElements, func(v string) {
			tokens = append(tokens, in.text(v))
			if at := strings.IndexByte(v, '@'); at > 0 {
				tokens = append(tokens, in.text(v[:at]))
			}
		})
	}
	if it.callID != "" {
		for _, u := range sipUsers(raw) {
			tokens = append(tokens, in.text(u))
		}
	}
	if !anchors {
		if d := servedTo(raw); d != "" {
			tokens = append(tokens, in.text(d))
		}
	}
	return tokens, users
}

// interner hands out one heap copy of each distinct text or request, so
// that the items of a scan share their values. It is not safe for
// concurrent use, so each scan has its own.
type interner struct {
	texts    map[string]string
	requests map[requestKey]*requestKey
}

func newInterner() *interner {
	return &interner{texts: map[string]string{}, requests: map[requestKey]*requestKey{}}
}

// text returns the shared copy of s.
func (in *interner) text(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in.texts[s]; ok {
		return v
	}
	v := strings.Clone(s)
	in.texts[v] = v
	return v
}

// request returns the shared copy of r, or nil when r is empty.
func (in *interner) request(r requestKey) *requestKey {
	if r == (requestKey{}) {
		return nil
	}
	if v, ok := in.requests[r]; ok {
		return v
	}
	v := &requestKey{method: in.text(r.method), host: in.text(r.host), path: in.text(r.path)}
	in.requests[*v] = v
	return v
}

// findingStep returns the step a finding fails, or -1. A step that lists
// the signature id wins over one that lists the signature's step.
func findingStep(def *FlowDef, f *Finding) int32 {
	sig := f.Signature
	if sig == nil || sig.Severity == "info" {
		return -1
	}
	for k, s := range def.Steps {
		for _, id := range s.Signatures {
			if id == sig.ID {
				return int32(k)
			}
		}
	}
	if sig.Step == "" {
		return -1
	}
	for k, s := range def.Steps {
		steps := s.FindingSteps
		if len(steps) == 0 {
			steps = []string{s.ID}
		}
		for _, id := range steps {
			if id == sig.Step {
				return int32(k)
			}
		}
	}
	return -1
}

// isClientFormat reports whether a format is a Webex App log, whose clock
// is the reference for the skew estimate.
func isClientFormat(format string) bool {
	return strings.HasPrefix(format, "webex-")
}

// baseTrackingID returns the prefix and UUID of a Webex tracking id such
// as CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355_12, dropping the
// per-request suffix, or "" for a value of another shape.
func baseTrackingID(v string) string {
	us := strings.IndexByte(v, '_')
	if us < 2 || us > 16 || len(v) < us+1+36 {
		return ""
	}
	for _, c := range []byte(v[:us]) {
		if c < 'A' || c > 'Z' {
			return ""
		}
	}
	id := v[:us+1+36]
	for i, c := range []byte(id[us+1:]) {
		isHex := c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
		if (i == 8 || i == 13 || i == 18 || i == 23) != (c == '-') || c != '-' && !isHex {
			return ""
		}
	}
	return id
}

// correlate groups the items into attempts, newest first.
//
// Items that share a tracking id belong together, and to no other attempt.
// The client's starts of the flow (for the sign-in: the app starting, the
// user entering an email) cut the client's time line into segments, and
// each segment is one attempt: it holds the client items of its time and
// the tracking id groups whose first client item falls in it. Client
// items before the first start join the first segment. With no client
// starts, the first client item of each tracking id group starts a
// segment. A group counts as the client's when a client log shows its
// tracking id in any flow (clientIDs), and then falls in the segment of its
// first client item in this flow, or else of its first item. Any other
// group is an attempt of its own, whoever its user is.
//
// Server items without a tracking id (access log lines, DMS lines, XSLog
// SIP messages) then join the attempt whose users or client address they
// name in its time window, see joinUntracked; the others are dropped. Only
// when no item at all has a tracking id or comes from a client log, as in
// a lone PSLog, do the starts segment the server items instead.
func correlate(def *FlowDef, items []*ladderItem, clientIDs map[string]bool) []*Attempt {
	sortByTime(items)

	// groups are the items of each tracking id, in the order of the ids'
	// first items.
	groupOf := map[string]int{}
	var groupIDs []string
	var groups [][]*ladderItem
	var untracked []*ladderItem
	anchored := false
	for _, it := range items {
		anchored = anchored || it.client || it.trackingID != ""
		if it.trackingID == "" {
			if !it.client {
				untracked = append(untracked, it)
			}
			continue
		}
		g, ok := groupOf[it.trackingID]
		if !ok {
			g = len(groups)
			groupOf[it.trackingID] = g
			groupIDs = append(groupIDs, it.trackingID)
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], it)
	}
	if !anchored {
		return finishAttempts(segmentAttempts(items, nil))
	}

	var clientItems []*ladderItem
	var own []*Attempt
	for _, it := range items {
		if it.client && it.trackingID == "" {
			clientItems = append(clientItems, it)
		}
	}
	var clientGroups []trackedGroup
	for i, id := range groupIDs {
		g := groups[i]
		if !clientIDs[id] {
			own = append(own, &Attempt{items: g})
			continue
		}
		clientGroups = append(clientGroups, trackedGroup{g, groupAnchor(g)})
	}
	attempts := append(segmentAttempts(clientItems, clientGroups), own...)

	if len(untracked) > 0 {
		joinUntracked(def, attempts, untracked, estimateSourceSkews(def, attempts))
	}
	return finishAttempts(attempts)
}

// segmentAttempts cuts the time line at the start items among items into
// attempts. Each item joins the segment of its time, and each group the
// segment of its first client item. With no starts, the first client item
// of each group starts a segment, and with no groups either, all items
// form one attempt.
func segmentAttempts(items []*ladderItem, groups []trackedGroup) []*Attempt {
	var bounds []int64
	for _, it := range items {
		if it.start {
			bounds = append(bounds, it.time)
		}
	}
	for _, g := range groups {
		for _, it := range g.items {
			if it.start && it.client {
				bounds = append(bounds, it.time)
			}
		}
	}
	if len(bounds) == 0 {
		for _, g := range groups {
			bounds = append(bounds, g.anchor)
		}
	}
	slices.Sort(bounds)
	segment := func(t int64) int {
		n := sort.Search(len(bounds), func(i int) bool { return bounds[i] > t })
		return max(n-1, 0)
	}

	bySegment := map[int]*Attempt{}
	var out []*Attempt
	get := func(seg int) *Attempt {
		a := bySegment[seg]
		if a == nil {
			a = &Attempt{}
			bySegment[seg] = a
			out = append(out, a)
		}
		return a
	}
	for _, it := range items {
		a := get(segment(it.time))
		a.items = append(a.items, it)
	}
	for _, g := range groups {
		a := get(segment(g.anchor))
		a.items = append(a.items, g.items...)
	}
	return out
}

// trackedGroup is the items that share a tracking id, and the time that
// places them in a segment.
type trackedGroup struct {
	items  []*ladderItem
	anchor int64
}

// clientTrackingIDs returns the tracking ids that client items of any flow
// carry.
func clientTrackingIDs(perFlow [][]*ladderItem) map[string]bool {
	out := map[string]bool{}
	for _, items := range perFlow {
		for _, it := range items {
			if it.client && it.trackingID != "" {
				out[it.trackingID] = true
			}
		}
	}
	return out
}

// finishAttempts keeps the attempts with step evidence, newest first.
func finishAttempts(attempts []*Attempt) []*Attempt {
	var kept []*Attempt
	for _, a := range attempts {
		if finishAttempt(a) {
			kept = append(kept, a)
		}
	}
	slices.SortStableFunc(kept, func(a, b *Attempt) int {
		if c := cmp.Compare(b.Start, a.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return kept
}

// groupAnchor returns the time of a group's first client item, or of its
// first item when no client log shows it; items are in time order.
func groupAnchor(g []*ladderItem) int64 {
	for _, it := range g {
		if it.client {
			return it.time
		}
	}
	return g[0].time
}

// finishAttempt fills the attempt's summary fields and reports whether it
// holds any step evidence; an attempt of markers alone is dropped.
func finishAttempt(a *Attempt) bool {
	sortByTime(a.items)
	evidence := false
	var ids, users smallSet[string]
	for _, it := range a.items {
		if it.step < 0 {
			continue
		}
		if !evidence {
			a.Start = it.time
		}
		evidence = true
		a.End = max(a.End, it.time)
		a.Client = a.Client || it.client
		if it.trackingID != "" {
			ids.add(it.trackingID)
		}
		for _, u := range it.users() {
			users.add(u)
		}
	}
	a.TrackingIDs, a.Users = ids.list, users.list
	if len(a.TrackingIDs) > 0 {
		a.ID = a.TrackingIDs[0]
	}
	return evidence
}

func sharesAny(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}
