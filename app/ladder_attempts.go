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
	// entry is the item's entry, whose fields it reads.
	entry *parsers.Entry

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
	if it.entry == nil || it.entry.Fields == nil {
		return nil
	}
	return it.entry.Fields.Users
}

// request returns the HTTP method, path and remote address of the entry's
// request, each "" when the entry has none.
func (it *ladderItem) request() (method, path, remote string) {
	if it.entry == nil {
		return "", "", ""
	}
	return it.entry.HTTPMethod(), it.entry.HTTPPath(), it.entry.Remote()
}

// callID returns the entry's SIP Call-ID, or "".
func (it *ladderItem) callID() string {
	if it.entry == nil {
		return ""
	}
	return it.entry.SIPCallID()
}

func fillItem(it *ladderItem, src *parsers.Source, e *parsers.Entry) {
	fillItemFields(it, src, e, isClientFormat(src.Format))
}

// fillItemFields sets what the item takes from its entry. client is set
// for an entry of a client log.
func fillItemFields(it *ladderItem, src *parsers.Source, e *parsers.Entry, client bool) {
	it.time = e.Time - int64(src.Skew)
	it.client = client
	it.entry = e
	if e.Fields == nil {
		return
	}
	it.trackingID = baseTrackingID(e.TrackingID())
	if it.trackingID == "" {
		it.trackingID = baseTrackingID(e.CorrelationID())
	}
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
