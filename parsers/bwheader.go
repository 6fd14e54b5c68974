package parsers

import (
	"maps"
	"slices"
	"strings"
	"sync"
)

// BroadWorks servers (Application Server, XSP, Profile Server) share one
// entry grammar. A header line holds the local time with milliseconds and
// the zone abbreviation, the severity padded to a fixed width, the channel
// and a varying number of further fields. The body follows on the next
// lines, usually tab-indented, and SIP text keeps its CRLF line ends:
//
//	2024.05.02 11:14:17:341 CEST | Info       | Xsi-Actions | http-nio-443-exec-5 | CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355
//
//		Request: GET /com.broadsoft.xsi-actions/v2.0/user/alice%40example.com/profile from 203.0.113.9
//		trackingid: CLIENT_3396b39e-e79c-47bf-96c5-54ff85430355
//
// becomes one entry at 09:14:17.341Z, severity info, component
// "Xsi-Actions", thread "http-nio-443-exec-5", with the tracking id, the
// HTTP method and path in its Fields.

// bwTimeLen is the length of "2024.05.02 11:14:17:341".
const bwTimeLen = 23

// isBWHeader reports whether line starts with the BroadWorks time stamp
// and has a field separator.
func isBWHeader(line string) bool {
	return len(line) > bwTimeLen+3 && line[4] == '.' && line[7] == '.' && line[10] == ' ' &&
		line[13] == ':' && line[16] == ':' && line[19] == ':' && atoiN(line, 0, 4) >= 0 &&
		strings.Contains(line[bwTimeLen:], " | ")
}

// bwSeverity maps BroadWorks level names to severities.
func bwSeverity(s string) Severity {
	s = strings.TrimSpace(s)
	is := func(names ...string) bool {
		for _, n := range names {
			if equalFoldASCII(s, n) {
				return true
			}
		}
		return false
	}
	// A comparison without case instead of a switch on strings.ToLower,
	// which would allocate a lower-case copy for every header.
	switch {
	case is("fatal"):
		return SevFatal
	case is("critical", "severe", "error"):
		return SevError
	case is("warning", "warn"):
		return SevWarning
	case is("notice"):
		return SevNotice
	case is("info"):
		return SevInfo
	case is("fielddebug", "debug"):
		return SevDebug
	case is("trace", "finest", "finer", "fine"):
		return SevTrace
	}
	return SevNone
}

// equalFoldASCII reports whether s equals lower, a lower-case ASCII
// word, ignoring the case of ASCII letters. For the level names, none of
// which has a k, this matches exactly what strings.ToLower(s) == lower
// does, since only the Kelvin sign lowers to an ASCII letter from outside
// ASCII.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// parseBWServer parses a BroadWorks server log into src.
func parseBWServer(src *Source, opts Options) {
	// header runs on several goroutines for a large text (see
	// parseBlocks), so the count of unknown zones is guarded.
	var badZonesMu sync.Mutex
	badZones := map[string]int{}
	header := func(line string, e *Entry) (int, bool) {
		if !isBWHeader(line) {
			return 0, false
		}
		c := civil{
			year: atoiN(line, 0, 4), month: atoiN(line, 5, 2), day: atoiN(line, 8, 2),
			hour: atoiN(line, 11, 2), min: atoiN(line, 14, 2), sec: atoiN(line, 17, 2),
			nsec: atoiN(line, 20, 3) * 1e6,
		}
		if !c.valid() {
			return 0, false
		}
		rest := line[bwTimeLen:]
		bar := strings.Index(rest, "|")
		zone := strings.TrimSpace(rest[:bar])
		t, ok := c.resolve(zone, opts)
		if !ok {
			badZonesMu.Lock()
			badZones[zone]++
			badZonesMu.Unlock()
		}
		e.Time = t

		// The fields after the zone are severity, channel, thread and then
		// extras. They are cut at "|" one by one, so no slice is allocated.
		fields := rest[bar+1:]
		for i := 0; ; i++ {
			field, more, found := strings.Cut(fields, "|")
			switch i {
			case 0:
				e.Severity = bwSeverity(field)
			case 1:
				e.setComponent(line, strings.TrimSpace(field))
			case 2:
				e.setThread(line, strings.TrimSpace(field))
			default:
				noteHeaderField(e.ensureFields(), line, strings.TrimSpace(field))
			}
			if !found {
				break
			}
			fields = more
		}
		return len(line), true
	}
	parseBlocks(src, header, extractFields)
	for _, zone := range slices.Sorted(maps.Keys(badZones)) {
		src.AddProblem(0, "unknown time zone %q on %d entries, read as UTC: set the source's zone", zone, badZones[zone])
	}
}

// PrintedZone returns the zone abbreviation, such as CEST, that the first
// entry of a BroadWorks server log prints after its time, or "" when the
// source has no such entry or prints a zone the table does not know.
func PrintedZone(src *Source) string {
	for i := range src.Entries {
		raw := src.Entries[i].Raw
		if !isBWHeader(raw) {
			continue
		}
		rest := raw[bwTimeLen:]
		bar := strings.IndexByte(rest, '|')
		if bar < 0 {
			return ""
		}
		zone := strings.TrimSpace(rest[:bar])
		if _, ok := zoneOffset(zone); !ok {
			return ""
		}
		return zone
	}
	return ""
}

// noteHeaderField files v, one of the trailing fields of the header line,
// as a tracking id or a user id. Other values (call half ids, session
// names) are left out.
func noteHeaderField(f *Fields, line, v string) {
	switch {
	case v == "":
	case looksLikeTrackingID(v):
		if f.text(fieldTrackingID).empty() {
			f.setText(fieldTrackingID, spanOf(line, v))
		}
	case strings.Contains(v, "@") || strings.HasPrefix(v, "+"):
		f.addUser(v)
	}
}

// bwDetect scores a BroadWorks server log: base when headers are present,
// plus evidence for a specific server log counted by hits of the needles.
func bwDetect(head string, needles ...string) int {
	headers := 0
	headLines(head, 60, func(line string) {
		if isBWHeader(line) {
			headers++
		}
	})
	if headers == 0 {
		return 0
	}
	if len(needles) == 0 {
		return 50
	}
	hits := 0
	for _, n := range needles {
		hits += strings.Count(head, n)
	}
	if hits == 0 {
		return 49
	}
	return 60 + min(hits, 30)
}
