package app

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/wxlog/wxlog/parsers"
)

// Summary holds the facts an escalation needs, taken from the loaded logs.
// A fact the logs do not hold is left empty, never guessed.
type Summary struct {
	// Email is the user's Webex id as an email address.
	Email string
	// WebexUserID is the user's Webex UUID, from the client's token
	// exchange.
	WebexUserID string
	// BWUser is the BroadWorks user id.
	BWUser string
	// OrgID is the Webex organisation id.
	OrgID string
	// ClientVersion is the Webex App version, such as 44.5.0.29672.
	ClientVersion string
	// Platform is one of windows, macos, linux, android and ios;
	// PlatformDetail is the operating system as the client printed it,
	// such as "Windows 10 (x64)".
	Platform       string
	PlatformDetail string
	// TrackingIDs are the tracking ids of the client user's sign-in
	// attempts, or else of the client logs, in order of first appearance.
	TrackingIDs []string
	// FeedbackIDs are the ids of feedback the user sent, from feedback
	// bundle names and log lines.
	FeedbackIDs []string
	// First and Last bound the problem in Unix nanoseconds (UTC, skew
	// corrected), from the times of the findings; both are 0 without
	// findings.
	First, Last int64
	// Findings are the analysis' findings, most severe first.
	Findings []Finding
	// Ladder is the one-line status of the sign-in ladder, or "".
	Ladder string
	// Verdict is the case's one-line conclusion from the function Verdict,
	// shown when there is no finding.
	Verdict string
	// Caution is the warning, or "", that the client logs name more than
	// one org or Webex user, so the loaded logs may hold more than one case.
	Caution string
}

// Patterns for facts in known log structure. Each names where it comes
// from.
var (
	// The client's start line: "Webex App starting, version 44.5.0.29672,
	// platform Windows 10 (x64)".
	clientStartPattern = mustGuard(`\bversion ([0-9]+(?:\.[0-9]+){2,3}), platform ([^\r\n,]+)`)
	// The user agent the Webex App sends to Xsi: "WebexTeams (Windows;
	// 44.5.0.29672)". The pattern starts with its literal, without \b, so
	// the regexp engine skips to it instead of trying every position of
	// each Xsi request.
	userAgentPattern = mustGuard(`WebexTeams \(([A-Za-z ]+); ?([0-9]+(?:\.[0-9]+){2,3})\)`)
	// The token exchange JSON the client logs after SAML.
	tokenExchangePattern = mustGuard(`\{"event":"token\.exchange"[^\r\n]*\}`)
	// The Common Identity (idbroker) SSO URL with its org= parameter.
	idbrokerPattern = mustGuard(`https://idbroker[^\s"'<>]*[?&]org(?:Id)?=([0-9a-fA-F-]{36})`)
	// The Xsi-Actions profile request of the IdP proxy, whose path holds
	// the Webex user id: GET .../v2.0/user/<id>/profile.
	xsiProfilePattern = mustGuard(`/com\.broadsoft\.xsi-actions/v2\.0/user/([^/\s]+)/profile(?:[\s?]|$)`)
	// The Xsi-Actions device request of the client, whose path holds the
	// BroadWorks user id: GET .../v2.0/user/<bw user id>/profile/device.
	xsiDevicePattern = mustGuard(`/com\.broadsoft\.xsi-actions/v2\.0/user/([^/\s]+)/profile/device`)
	// OCI-P and Xsi user ids, and the provisioning POST's subscriberProfile.
	ociUserIDPattern = mustGuard(`<userId>([^<]+)</userId>`)
	bwUserIDPattern  = mustGuard(`<bwuserid>([^<]+)</bwuserid>`)
	subscriberEmail  = mustGuard(`<subscriberProfile>[\s\S]*?<email>([^<]+)</email>`)
	httpBWUserID     = mustGuard(`(?i)\bhttp_bw_userid:\s*([^\s]+)`)
	feedbackNameExp  = regexp.MustCompile(`^feedback[-_]([A-Za-z0-9-]+)\.zip$`)
	feedbackLineExp  = mustGuard(`(?i)"?feedback_?id"?\s*[:=]\s*"?([A-Za-z0-9-]{4,})`)

	// Tags checked on every entry before a pattern runs.
	subscriberProfileTag = newRareLiteral("<subscriberProfile>")
	userIDTag            = newRareLiteral("<userId>")
)

// Priorities of the places a fact comes from; a lower number wins over a
// higher one whatever the order of the logs.
const (
	prioProvisioning = iota // PSLog subscriberProfile
	prioExplicit            // a field that names exactly this fact
	prioDerived             // a value found in a known place
)

type fact struct {
	value string
	prio  int
	time  int64
}

// offer keeps value when it beats what f holds: a better source, or the
// same source earlier in time.
func (f *fact) offer(value string, prio int, time int64) {
	value = strings.TrimSpace(value)
	if dec, err := url.PathUnescape(value); err == nil {
		value = dec
	}
	if value == "" {
		return
	}
	if f.value == "" || prio < f.prio || prio == f.prio && time != 0 && (f.time == 0 || time < f.time) {
		*f = fact{value: value, prio: prio, time: time}
	}
}

// BuildSummary gathers the case facts from the analysis' sources and
// findings.
func BuildSummary(a *Analysis) *Summary {
	return finishSummary(a, gatherSummaryFacts(a.Workspace.Snapshot()))
}

// summaryFacts are the facts the summary reads from the entries of the
// sources. They do not depend on the ladders, so Analyze gathers them
// while the ladders are built.
type summaryFacts struct {
	s                                              *Summary
	email, webexID, bwUser, org, version, platform fact
	clientTracking                                 map[string]int64
	clientLoaded                                   bool
	clientOrgs, clientWebexIDs                     smallSet[string]
	clientUsers                                    map[string]bool
	// cut holds the fault of each source whose mapped file was found cut
	// short. finishSummary records it on the source, because a pass beside
	// the ladders must not change the sources.
	cut map[*parsers.Source]error
}

// gatherSummaryFacts reads the facts of the summary from the sources.
func gatherSummaryFacts(sources []*parsers.Source) *summaryFacts {
	s := &Summary{}
	cut := map[*parsers.Source]error{}
	var email, webexID, bwUser, org, version, platform fact
	clientTracking := map[string]int64{}
	clientLoaded := false
	// The orgs and users of the client logs' token exchanges: a case has
	// one of each.
	var clientOrgs, clientWebexIDs smallSet[string]
	feedback := map[string]bool{}

	// Client logs come first: they belong to the one user of the case,
	// while a busy server's logs hold every user's requests. Once a client
	// log is loaded, a server entry counts only when it carries one of the
	// client's tracking ids or names a user the client logs named.
	sources = slices.Clone(sources)
	sort.SliceStable(sources, func(i, j int) bool {
		return isClientFormat(sources[i].Format) && !isClientFormat(sources[j].Format)
	})
	for _, src := range sources {
		clientLoaded = clientLoaded || isClientFormat(src.Format)
	}
	var clientUsers map[string]bool
	var clientOwned map[*parsers.Source][]int
	for _, src := range sources {
		client := isClientFormat(src.Format)
		if !client && clientLoaded && clientUsers == nil {
			clientUsers = knownUsers(email.value, webexID.value, bwUser.value)
			clientOwned = clientEntries(serverSources(sources), clientTracking, clientUsers, cut)
		}
		for _, part := range strings.Split(src.Name, "/") {
			if m := feedbackNameExp.FindStringSubmatch(part); m != nil && !feedback[m[1]] {
				feedback[m[1]] = true
				s.FeedbackIDs = append(s.FeedbackIDs, m[1])
			}
		}
		if src.Format == "webex-android" {
			platform.offer("android", prioExplicit, 0)
		}

		// visit gathers the facts of one entry.
		visit := func(e *parsers.Entry) {
			raw := e.Raw
			t := e.Time
			if t != 0 {
				t -= int64(src.Skew)
			}
			if client {
				collectTrackingIDs(raw, t, clientTracking)
			}

			if m := clientStartPattern.FindStringSubmatch(raw); m != nil {
				version.offer(m[1], prioExplicit, t)
				if p := normalizePlatform(m[2]); p != "" {
					platform.offer(p, prioExplicit, t)
					if s.PlatformDetail == "" {
						s.PlatformDetail = strings.TrimSpace(m[2])
					}
				}
			}
			if m := userAgentPattern.FindStringSubmatch(raw); m != nil {
				version.offer(m[2], prioDerived, t)
				if p := normalizePlatform(m[1]); p != "" {
					platform.offer(p, prioDerived, t)
				}
			}
			if m := tokenExchangePattern.FindString(raw); m != "" {
				var ev struct {
					OrgID       string `json:"orgId"`
					RequestedBy string `json:"requestedBy"`
				}
				if json.Unmarshal([]byte(m), &ev) == nil {
					org.offer(ev.OrgID, prioExplicit, t)
					webexID.offer(ev.RequestedBy, prioExplicit, t)
					if client {
						clientOrgs.add(ev.OrgID)
						clientWebexIDs.add(ev.RequestedBy)
					}
				}
			}
			if m := idbrokerPattern.FindStringSubmatch(raw); m != nil {
				org.offer(m[1], prioDerived, t)
			}
			if subscriberProfileTag.in(raw) {
				if m := subscriberEmail.FindStringSubmatch(raw); m != nil {
					email.offer(m[1], prioProvisioning, t)
				}
				if m := bwUserIDPattern.FindStringSubmatch(raw); m != nil {
					bwUser.offer(m[1], prioProvisioning, t)
				}
			}
			if m := httpBWUserID.FindStringSubmatch(raw); m != nil {
				bwUser.offer(m[1], prioExplicit, t)
			}
			if m := xsiDevicePattern.FindStringSubmatch(raw); m != nil {
				bwUser.offer(m[1], prioDerived, t)
			} else if m := xsiProfilePattern.FindStringSubmatch(raw); m != nil {
				email.offer(m[1], prioExplicit, t)
			}
			collectOCIUser(raw, t, &email, &bwUser)
			if m := feedbackLineExp.FindStringSubmatch(raw); m != nil && !feedback[m[1]] {
				feedback[m[1]] = true
				s.FeedbackIDs = append(s.FeedbackIDs, m[1])
			}
		}

		// The pages of mapped text that this pass read in are released
		// after it, and a fault on a file cut short is kept for
		// finishSummary.
		err := parsers.CatchFault(func() {
			if !client && clientLoaded {
				for _, i := range clientOwned[src] {
					visit(&src.Entries[i])
				}
				return
			}
			for i := range src.Entries {
				visit(&src.Entries[i])
			}
		})
		if err != nil && cut[src] == nil {
			cut[src] = err
		}
		src.ReleasePages()
	}

	return &summaryFacts{s: s, email: email, webexID: webexID, bwUser: bwUser, org: org, version: version,
		platform: platform, clientTracking: clientTracking, clientLoaded: clientLoaded, clientOrgs: clientOrgs,
		clientWebexIDs: clientWebexIDs, clientUsers: clientUsers, cut: cut}
}

// finishSummary completes the summary from the gathered facts, the
// ladders and the findings.
func finishSummary(a *Analysis, g *summaryFacts) *Summary {
	for src, err := range g.cut {
		if !src.Cut {
			src.MarkCut(err)
		}
	}
	s := g.s
	email, webexID, bwUser, org, version, platform := g.email, g.webexID, g.bwUser, g.org, g.version, g.platform
	clientTracking, clientLoaded, clientUsers := g.clientTracking, g.clientLoaded, g.clientUsers
	clientOrgs, clientWebexIDs := g.clientOrgs, g.clientWebexIDs

	s.Caution = cautionText(clientOrgs.list, clientWebexIDs.list)
	s.Email, s.WebexUserID, s.BWUser, s.OrgID = email.value, webexID.value, bwUser.value, org.value
	// With two cases loaded, one org id or Webex user id would belong to
	// one case and the ladder perhaps to the other. The caution names them
	// all instead.
	if len(clientOrgs.list) > 1 {
		s.OrgID = ""
	}
	if len(clientWebexIDs.list) > 1 {
		s.WebexUserID = ""
	}
	s.ClientVersion, s.Platform = version.value, platform.value
	if !strings.Contains(s.Email, "@") {
		// The Webex id in an Xsi path may be a UUID rather than an email.
		if isUUIDText(s.Email) && s.WebexUserID == "" {
			s.WebexUserID = s.Email
		}
		s.Email = signInEmail(a.Ladder(FlowSignIn))
	}
	tracking := attemptTrackingIDs(a.Ladder(FlowSignIn), clientLoaded, []string{s.Email, s.WebexUserID, s.BWUser})
	if len(tracking) == 0 {
		tracking = clientTracking
	}
	s.TrackingIDs = sortedByTime(tracking)

	s.Ladder = ladderStatusLine(a.Ladder(FlowSignIn).Current())
	// A busy server's logs show other users' failures too; with client
	// logs loaded the summary keeps only the findings of the client's story.
	for _, f := range a.Findings {
		if clientLoaded && !isClientFormat(f.Source.Format) && !belongsToClient(f.Entry(), clientTracking, clientUsers) {
			continue
		}
		s.Findings = append(s.Findings, f)
	}
	for _, f := range s.Findings {
		for _, t := range findingTimes(f) {
			if s.First == 0 || t < s.First {
				s.First = t
			}
			if t > s.Last {
				s.Last = t
			}
		}
	}
	if a.Workspace != nil {
		s.Verdict, _ = Verdict(a.Workspace.Snapshot(), len(a.Findings))
	}
	return s
}

// verdictText returns the verdict, masked by a non-nil masker, or "No
// known problem found." for a summary built without a workspace.
func (s *Summary) verdictText(m *Masker) string {
	if s.Verdict == "" {
		return T("No known problem found.")
	}
	return m.Mask(s.Verdict)
}

// cautionText returns the warning for client logs that name more than
// one org or Webex user, or "".
func cautionText(orgs, users []string) string {
	switch {
	case len(orgs) > 1:
		return T("The client logs name {{.Count}} org ids ({{.Values}}), so the logs may hold more than one case: load one case at a time.",
			map[string]any{"Count": len(orgs), "Values": strings.Join(orgs, ", ")})
	case len(users) > 1:
		return T("The client logs name {{.Count}} Webex users ({{.Values}}), so the logs may hold more than one case: load one case at a time.",
			map[string]any{"Count": len(users), "Values": strings.Join(users, ", ")})
	}
	return ""
}

// serverSources returns the sources that are not client logs.
func serverSources(sources []*parsers.Source) []*parsers.Source {
	var out []*parsers.Source
	for _, src := range sources {
		if !isClientFormat(src.Format) {
			out = append(out, src)
		}
	}
	return out
}

// clientEntries returns, per server source, the indexes of the entries
// that belong to the client's story, in file order. Most entries of a busy
// server do not, so this filter runs first and on all cores, which is safe
// because belongsToClient only reads the maps. A source whose file was cut
// short while mapped keeps no entries.
func clientEntries(sources []*parsers.Source, tracking map[string]int64, users map[string]bool, cut map[*parsers.Source]error) map[*parsers.Source][]int {
	units := splitSources(sources, unitBytes(sources))
	parts := make([][]int, len(units))
	faults := readUnitsFaults(sources, units, func(k int, u scanUnit) {
		src := sources[u.source]
		for i := u.lo; i < u.hi; i++ {
			if belongsToClient(&src.Entries[i], tracking, users) {
				parts[k] = append(parts[k], i)
			}
		}
	})

	for i, err := range faults {
		if err != nil && cut[sources[i]] == nil {
			cut[sources[i]] = err
		}
	}
	owned := map[*parsers.Source][]int{}
	for k, u := range units {
		if faults[u.source] == nil {
			src := sources[u.source]
			owned[src] = append(owned[src], parts[k]...)
		}
	}
	return owned
}

// signInEmail returns the email address that the user entered in the
// selected sign-in attempt, as its email-entered step read it from a client
// log, or "". The server logs name the user more reliably, so the summary
// falls back on it only when they name no email, as when only the client
// logs are loaded.
func signInEmail(l *Ladder) string {
	if l == nil {
		return ""
	}
	at := l.Current()
	if at == nil {
		return ""
	}
	for _, step := range at.Steps {
		if step.ID == "email-entered" {
			return step.Details["email"]
		}
	}
	return ""
}

// knownUsers returns the non-empty user ids, lower-cased.
func knownUsers(ids ...string) map[string]bool {
	users := map[string]bool{}
	for _, id := range ids {
		if id != "" {
			users[strings.ToLower(id)] = true
		}
	}
	return users
}

// belongsToClient reports whether a server entry is part of the client
// user's story: it carries a tracking id the client logs show, or names
// one of the client's users.
func belongsToClient(e *parsers.Entry, clientTracking map[string]int64, users map[string]bool) bool {
	f := e.Fields
	if f == nil {
		return false
	}
	for _, id := range []string{e.TrackingID(), e.CorrelationID()} {
		if id == "" {
			continue
		}
		if _, ok := clientTracking[id]; ok {
			return true
		}
		if base := baseTrackingID(id); base != "" {
			if _, ok := clientTracking[base]; ok {
				return true
			}
		}
	}
	for _, u := range f.Users {
		if users[strings.ToLower(u)] {
			return true
		}
	}
	return false
}

// ladderStatusLine sums up a sign-in attempt in one line, such as
// "CLIENT_…: failed at dms-config; 9 passed, 1 failed, 1 not-seen", or
// returns "" without an attempt.
func ladderStatusLine(at *Attempt) string {
	if at == nil || len(at.Steps) == 0 {
		return ""
	}
	counts := map[StepStatus]int{}
	var failed []string
	for _, st := range at.Steps {
		counts[st.Status]++
		if st.Status == StatusFailed {
			failed = append(failed, st.ID)
		}
	}
	var verdict string
	if len(failed) > 0 {
		verdict = T("failed at {{.Steps}}", map[string]any{"Steps": strings.Join(failed, ", ")})
	} else if counts[StatusPassed] == len(at.Steps) {
		verdict = T("every step passed")
	} else {
		verdict = T("no step failed")
	}
	var parts []string
	for _, status := range []StepStatus{StatusPassed, StatusFailed, StatusNotSeen, StatusNoLogs} {
		if counts[status] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[status], status))
		}
	}
	return at.Label() + ": " + verdict + "; " + strings.Join(parts, ", ")
}

// collectOCIUser reads user ids from OCI-P documents. The request of an
// AuthenticationVerifyRequest names the login id the user typed (the Webex
// email); every other OCI-P user id, and the one in the authentication
// response, is the BroadWorks user id.
func collectOCIUser(raw string, t int64, email, bwUser *fact) {
	if !userIDTag.in(raw) {
		return
	}
	m := ociUserIDPattern.FindStringSubmatch(raw)
	if m == nil {
		return
	}
	if strings.Contains(raw, `"AuthenticationVerifyRequest`) {
		email.offer(m[1], prioDerived, t)
		return
	}
	bwUser.offer(m[1], prioDerived, t)
}

// The summary's tracking ids belong to the client's user, not to every
// user of a shared server log. They are the ids of the sign-in
// attempts that a client log shows or that name one of the users of those
// attempts. Without client logs, the users are the summary's Webex and
// BroadWorks user ids. When the ladder finds no such attempt, they are the
// ids that the Webex App logs contain. Ids are base ids (prefix and UUID),
// without the per-request suffix.

// collectTrackingIDs adds the tracking ids in the text of a client log
// entry to seen, keeping the earliest time of each.
func collectTrackingIDs(raw string, t int64, seen map[string]int64) {
	for off := 0; ; {
		i := strings.IndexByte(raw[off:], '_')
		if i < 0 {
			return
		}
		us := off + i
		off = us + 1
		if id := trackingIDAt(raw, us); id != "" {
			offerTime(seen, id, t)
			off = us + 1 + 36
		}
	}
}

// trackingIDAt returns the tracking id whose underscore is at raw[us]: a
// whole word of 2 to 16 upper-case letters, "_" and a UUID. It returns ""
// when the text there has another shape.
func trackingIDAt(raw string, us int) string {
	start := us
	for start > 0 && raw[start-1] >= 'A' && raw[start-1] <= 'Z' {
		start--
	}
	if n := us - start; n < 2 || n > 16 || start > 0 && isWordByte(raw[start-1]) {
		return ""
	}
	if len(raw) < us+1+36 || !isUUIDShape(raw[us+1:us+1+36]) {
		return ""
	}
	return raw[start : us+1+36]
}

// isUUIDShape reports whether s is 36 characters of hex digits and dashes
// in the 8-4-4-4-12 pattern of a UUID.
func isUUIDShape(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// attemptTrackingIDs returns the ids of the sign-in attempts of the
// client's user with the earliest time of each: the attempts a client log
// shows, and those that name one of their users. Without client logs,
// users names the user.
func attemptTrackingIDs(l *Ladder, clientLoaded bool, users []string) map[string]int64 {
	seen := map[string]int64{}
	if l == nil {
		return seen
	}
	mine := map[string]bool{}
	if clientLoaded {
		for _, at := range l.Attempts {
			if at.Client {
				for _, u := range at.Users {
					mine[u] = true
				}
			}
		}
	} else {
		for _, u := range users {
			if u != "" {
				mine[u] = true
			}
		}
	}
	for _, at := range l.Attempts {
		if !at.Client && !namesAny(at.Users, mine) {
			continue
		}
		for _, it := range at.items {
			if it.trackingID != "" {
				offerTime(seen, it.trackingID, it.time)
			}
		}
	}
	return seen
}

func namesAny(users []string, set map[string]bool) bool {
	for _, u := range users {
		if set[u] {
			return true
		}
	}
	return false
}

// offerTime records id at time t unless seen has it at an earlier time. A
// time of 0 (unknown) loses to any known time.
func offerTime(seen map[string]int64, id string, t int64) {
	if have, ok := seen[id]; !ok || t != 0 && (have == 0 || t < have) {
		seen[id] = t
	}
}

func sortedByTime(seen map[string]int64) []string {
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		ti, tj := seen[ids[i]], seen[ids[j]]
		if ti != tj {
			return ti < tj
		}
		return ids[i] < ids[j]
	})
	if len(ids) == 0 {
		return nil
	}
	return ids
}

func findingTimes(f Finding) []int64 {
	var times []int64
	if t := f.Time(); t != 0 {
		times = append(times, t)
	}
	for _, r := range f.Related {
		if t := refTime(r); t != 0 {
			times = append(times, t)
		}
	}
	return times
}

// normalizePlatform maps an operating system as clients print it to one of
// windows, macos, linux, android and ios, or "" when it is none of them.
func normalizePlatform(os string) string {
	os = strings.ToLower(os)
	switch {
	case strings.Contains(os, "windows"):
		return "windows"
	case strings.Contains(os, "macos"), strings.Contains(os, "mac os"), strings.Contains(os, "os x"), strings.HasPrefix(os, "mac"):
		return "macos"
	case strings.Contains(os, "android"):
		return "android"
	case strings.Contains(os, "ios"), strings.Contains(os, "iphone"), strings.Contains(os, "ipad"):
		return "ios"
	case strings.Contains(os, "linux"), strings.Contains(os, "ubuntu"):
		return "linux"
	}
	return ""
}

func isUUIDText(s string) bool {
	return uuidPattern.MatchString(s) && len(s) == 36
}

// Report returns the summary in the report's JSON shape.
func (s *Summary) Report() *SummaryReport {
	r := &SummaryReport{
		Email:          s.Email,
		WebexUserID:    s.WebexUserID,
		BWUser:         s.BWUser,
		OrgID:          s.OrgID,
		ClientVersion:  s.ClientVersion,
		Platform:       s.Platform,
		PlatformDetail: s.PlatformDetail,
		TrackingIDs:    s.TrackingIDs,
		FeedbackIDs:    s.FeedbackIDs,
		Caution:        s.Caution,
	}
	if s.First != 0 {
		r.Window = &WindowReport{First: FormatTime(s.First), Last: FormatTime(s.Last)}
	}
	return r
}

// summaryLine is one labelled fact of the summary.
type summaryLine struct{ label, value string }

func (s *Summary) lines() []summaryLine {
	var lines []summaryLine
	add := func(label, value string) {
		if value != "" {
			lines = append(lines, summaryLine{label, value})
		}
	}
	add(T("Webex user"), s.Email)
	add(T("Webex user id"), s.WebexUserID)
	add(T("BroadWorks user id"), s.BWUser)
	add(T("Org id"), s.OrgID)
	platform := s.Platform
	if s.PlatformDetail != "" {
		platform += " (" + s.PlatformDetail + ")"
	}
	add(T("Client platform"), platform)
	add(T("Client version"), s.ClientVersion)
	if s.First != 0 {
		add(T("Problem window"), FormatTime(s.First)+" .. "+FormatTime(s.Last))
	}
	add(T("Tracking ids"), strings.Join(s.TrackingIDs, ", "))
	add(T("Feedback id"), strings.Join(s.FeedbackIDs, ", "))
	add(T("Sign-in ladder"), s.Ladder)
	add(T("Caution"), s.Caution)
	return lines
}

// Text returns the summary as plain text for the clipboard, finding texts
// in the language with that code ("en", "da"). A non-nil masker masks
// every value.
func (s *Summary) Text(language string, m *Masker) string {
	var b strings.Builder
	for _, l := range s.lines() {
		fmt.Fprintf(&b, "%s: %s\n", l.label, m.Mask(l.value))
	}
	if len(s.Findings) == 0 {
		fmt.Fprintf(&b, "%s\n", s.verdictText(m))
		return b.String()
	}
	fmt.Fprintf(&b, "%s:\n", T("Findings"))
	for _, f := range s.Findings {
		fmt.Fprintf(&b, "- [%s] %s (%s:%d, %s)\n", f.Signature.Severity, m.Mask(f.Signature.Title.In(language)),
			m.Mask(f.Source.Name), f.Entry().Line, FormatTime(f.Time()))
		if fix := f.Signature.Fix.In(language); fix != "" {
			fmt.Fprintf(&b, "  %s: %s\n", T("Fix"), m.Mask(fix))
		}
	}
	return b.String()
}

// Markdown returns the summary as Markdown for the clipboard, in the
// language with that code. A non-nil masker masks every value.
func (s *Summary) Markdown(language string, m *Masker) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", T("Case summary"))
	b.WriteString(markdownFacts(s, m))
	fmt.Fprintf(&b, "\n### %s\n\n", T("Findings"))
	if len(s.Findings) == 0 {
		fmt.Fprintf(&b, "%s\n", s.verdictText(m))
		return b.String()
	}
	for _, f := range s.Findings {
		fmt.Fprintf(&b, "- **%s** %s (`%s:%d`, %s)\n", f.Signature.Severity, markdownEscape(m.Mask(f.Signature.Title.In(language))),
			markdownCode(m.Mask(f.Source.Name)), f.Entry().Line, FormatTime(f.Time()))
		if fix := f.Signature.Fix.In(language); fix != "" {
			fmt.Fprintf(&b, "  %s: %s\n", T("Fix"), markdownEscape(m.Mask(fix)))
		}
	}
	return b.String()
}

func markdownFacts(s *Summary, m *Masker) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | %s |\n|---|---|\n", T("Fact"), T("Value"))
	for _, l := range s.lines() {
		fmt.Fprintf(&b, "| %s | %s |\n", markdownEscape(l.label), markdownEscape(m.Mask(l.value)))
	}
	return b.String()
}

// markdownEscape escapes the characters that would change Markdown
// structure in running text and table cells.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)

func markdownEscape(s string) string { return markdownEscaper.Replace(s) }

// markdownCode keeps a backtick inside an inline code span from ending it.
func markdownCode(s string) string { return strings.ReplaceAll(s, "`", "'") }

// writeSummaryText prints the summary part of a text report.
func writeSummaryText(b *strings.Builder, r *SummaryReport) {
	heading := false
	line := func(label, value string) {
		if value == "" {
			return
		}
		if !heading {
			fmt.Fprintf(b, "%s\n", T("Summary"))
			heading = true
		}
		fmt.Fprintf(b, "  %s: %s\n", label, value)
	}
	// The facts and their order are those of the window's summary.
	line(T("Webex user"), r.Email)
	line(T("Webex user id"), r.WebexUserID)
	line(T("BroadWorks user id"), r.BWUser)
	line(T("Org id"), r.OrgID)
	platform := r.Platform
	if r.PlatformDetail != "" {
		platform += " (" + r.PlatformDetail + ")"
	}
	line(T("Client platform"), platform)
	line(T("Client version"), r.ClientVersion)
	if r.Window != nil {
		line(T("Problem window"), r.Window.First+" .. "+r.Window.Last)
	}
	line(T("Tracking ids"), strings.Join(r.TrackingIDs, ", "))
	line(T("Feedback id"), strings.Join(r.FeedbackIDs, ", "))
	line(T("Caution"), r.Caution)
}
