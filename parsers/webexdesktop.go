package parsers

import "strings"

// The Webex App desktop log (Windows current_log.txt, macOS current_log,
// Linux) prints one header line per entry in UTC:
//
//	2024-05-02T09:14:05.381Z <Info> [0x1c0c][]LoginController.cpp:340 LoginController::onEmailEntered:Sign-in started for alice@example.com
//	2020-10-01T08:00:00.000Z <Info> [0x70000476b000] SparkApplication.cpp:212 SparkApplication::init:Webex App starting
//	2025-03-01T08:00:00.000Z <Error> [38592:0xa6b4][]BroadWorksLoginAdapter.cpp:88 BroadWorksLoginAdapter::handleLoginError::BWC:SCF: Login error occurred: errorCode=1502
//
// The thread field changed from "[0x70000476b000] " (2020) to "[0x4ee0][]"
// (2024) and "[pid:0xtid][]" (2025); the separator between function and
// message changed from ":" to "::". File:Line is optional. Lines without
// the time stamp, such as SIP messages and SDP, belong to the entry above.
// Component is the function (Class::method), and the message starts after
// the separator.

var webexDesktopFormat = &Format{
	ID:    "webex-desktop",
	Title: "Webex App desktop log",
	Detect: func(head string) int {
		return webexClientDetect(head, false)
	},
	NameHint: func(name string) bool {
		return strings.HasPrefix(baseName(name), "current_log") && !inBWCFolder(name)
	},
	Parse: parseWebexClient,
}

// webexClientDetect returns 60 when Webex client header lines are present;
// media logs score higher when most headers carry WME components.
func webexClientDetect(head string, media bool) int {
	headers, wme := 0, 0
	headLines(head, 60, func(line string) {
		n := isoTimeLen(line)
		if n == 0 || !strings.HasPrefix(line[n:], " <") {
			return
		}
		headers++
		if strings.Contains(line, "] WME:") {
			wme++
		}
	})
	if headers == 0 {
		return 0
	}
	if media {
		if wme*2 > headers {
			return 70
		}
		return 0
	}
	return 60
}

// isoTimeLen returns the length of an ISO 8601 time stamp with a "Z" or
// numeric offset at the start of line, such as 2024-05-02T09:14:05.381Z,
// or 0 when line does not start with one.
func isoTimeLen(line string) int {
	if len(line) < 20 || line[4] != '-' || line[7] != '-' || (line[10] != 'T' && line[10] != ' ') ||
		line[13] != ':' || line[16] != ':' || atoiN(line, 0, 4) < 0 {
		return 0
	}
	i := 19
	if i < len(line) && (line[i] == '.' || line[i] == ',') {
		i++
		for i < len(line) && line[i] >= '0' && line[i] <= '9' {
			i++
		}
	}
	if i < len(line) && line[i] == 'Z' {
		return i + 1
	}
	if i+6 <= len(line) && (line[i] == '+' || line[i] == '-') && line[i+3] == ':' {
		return i + 6
	}
	return 0
}

// parseISOTime reads the stamp that isoTimeLen measured.
func parseISOTime(s string) (int64, bool) {
	c := civil{
		year: atoiN(s, 0, 4), month: atoiN(s, 5, 2), day: atoiN(s, 8, 2),
		hour: atoiN(s, 11, 2), min: atoiN(s, 14, 2), sec: atoiN(s, 17, 2),
	}
	i := 19
	if i < len(s) && (s[i] == '.' || s[i] == ',') {
		i++
		scale := 100000000
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			c.nsec += int(s[i]-'0') * scale
			scale /= 10
			i++
		}
	}
	if !c.valid() {
		return 0, false
	}
	off := 0
	if i < len(s) && s[i] != 'Z' {
		o, ok := zoneOffset(s[i:])
		if !ok {
			return 0, false
		}
		off = o
	}
	return c.utc(off), true
}

// webexSeverity maps the client's <Level> names.
func webexSeverity(s string) Severity {
	switch strings.ToLower(s) {
	case "trace", "verbose":
		return SevTrace
	case "debug":
		return SevDebug
	case "info":
		return SevInfo
	case "notice":
		return SevNotice
	case "warning", "warn":
		return SevWarning
	case "error":
		return SevError
	case "fatal", "critical":
		return SevFatal
	}
	return SevNone
}

// parseWebexClient parses the desktop, bwc and media logs.
func parseWebexClient(src *Source, opts Options) {
	doubleColon := usesDoubleColon(src.Text)
	header := func(line string, e *Entry) (int, bool) {
		return webexHeader(line, e, doubleColon)
	}
	parseBlocks(src, header, extractFields)
}

// webexHeader fills e from a client header line.
func webexHeader(line string, e *Entry, doubleColon bool) (int, bool) {
	i, ok := webexPrefix(line, e)
	if !ok {
		return 0, false
	}
	rest := line[i:]

	// Media engine lines: "WME:0 :[SQ] ..." name their component first.
	if strings.HasPrefix(rest, "WME") {
		if sep := strings.Index(rest, " :"); sep > 0 {
			e.setComponent(line, rest[:sep])
			return i + sep + 2, true
		}
	}

	fn, msg := splitFunction(rest, doubleColon)
	if fn > 0 {
		e.setComponent(line, rest[:fn])
		return i + msg, true
	}
	return i, true
}

// webexPrefix reads the time, level, thread and optional File:Line of a
// client header line into e and returns where the function name starts.
func webexPrefix(line string, e *Entry) (int, bool) {
	n := isoTimeLen(line)
	if n == 0 || !strings.HasPrefix(line[n:], " <") {
		return 0, false
	}
	t, ok := parseISOTime(line[:n])
	if !ok {
		return 0, false
	}
	i := n + 2
	gt := strings.IndexByte(line[i:], '>')
	if gt < 0 {
		return 0, false
	}
	e.Time = t
	e.Severity = webexSeverity(line[i : i+gt])
	i += gt + 1
	for i < len(line) && line[i] == ' ' {
		i++
	}

	// Thread: "[0x1c0c]", "[38592:0xa6b4]" or "[9968]", then an optional
	// "[]" or "[tag]", then an optional space.
	if i < len(line) && line[i] == '[' {
		if end := strings.IndexByte(line[i:], ']'); end > 0 {
			e.setThread(line, line[i+1:i+end])
			i += end + 1
		}
		if i < len(line) && line[i] == '[' {
			if end := strings.IndexByte(line[i:], ']'); end >= 0 {
				i += end + 1
			}
		}
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}

	// Optional "File.cpp:340 ".
	rest := line[i:]
	if sp := strings.IndexByte(rest, ' '); sp > 0 && isFileLine(rest[:sp]) {
		i += sp + 1
	}
	return i, true
}

// isFileLine reports whether s looks like "File.cpp:340".
func isFileLine(s string) bool {
	colon := strings.LastIndexByte(s, ':')
	if colon <= 0 || colon == len(s)-1 || !strings.Contains(s[:colon], ".") {
		return false
	}
	for _, c := range []byte(s[colon+1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// scanChain reads a C++ function name such as "A::b",
// "A::b::<lambda_1f>::operator ()" at the start of s. It returns the end of
// the chain and the start of its last element.
func scanChain(s string) (end, lastStart int) {
	i := 0
	for {
		start := i
		switch {
		case strings.HasPrefix(s[i:], "operator ()"):
			i += len("operator ()")
		case strings.HasPrefix(s[i:], "operator()"):
			i += len("operator()")
		case i < len(s) && s[i] == '<':
			gt := strings.IndexByte(s[i:], '>')
			if gt < 0 {
				return end, lastStart
			}
			i += gt + 1
		default:
			for i < len(s) && isIdentByte(s[i]) {
				i++
			}
		}
		if i == start {
			return end, lastStart
		}
		end, lastStart = i, start
		if !strings.HasPrefix(s[i:], "::") || i+2 >= len(s) || !(isIdentByte(s[i+2]) || s[i+2] == '<') {
			return end, lastStart
		}
		i += 2
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '~' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// splitFunction returns the length of the function name at the start of s
// and the start of the message, or fn 0 when s has no function name.
// doubleColon selects the 2025 "::" separator: the last element of the
// chain then belongs to the message when no separator follows the chain.
func splitFunction(s string, doubleColon bool) (fn, msg int) {
	end, lastStart := scanChain(s)
	if end == 0 || !strings.Contains(s[:end], "::") {
		return 0, 0
	}
	after := s[end:]
	switch {
	case strings.HasPrefix(after, "::"):
		return end, end + 2
	case strings.HasPrefix(after, ":") && !doubleColon:
		return end, end + 1
	case doubleColon && lastStart >= 2 && strings.Contains(s[:lastStart-2], "::"):
		return lastStart - 2, lastStart
	case strings.HasPrefix(after, ":"):
		return end, end + 1
	}
	return 0, 0
}

// usesDoubleColon reports whether the first header lines of a client log
// use the 2025 "::" separator. A function chain followed by "::" or by a
// space only happens with that separator; a chain followed by a single ":"
// fits both and does not count.
func usesDoubleColon(text string) bool {
	head := text
	if len(head) > DetectHeadBytes {
		head = head[:DetectHeadBytes]
	}
	headers, votes := 0, 0
	headLines(head, 40, func(line string) {
		var e Entry
		start, ok := webexPrefix(line, &e)
		if !ok || strings.HasPrefix(line[start:], "WME") {
			return
		}
		headers++
		rest := line[start:]
		end, _ := scanChain(rest)
		if end == 0 || !strings.Contains(rest[:end], "::") {
			return
		}
		if strings.HasPrefix(rest[end:], "::") || strings.HasPrefix(rest[end:], " ") {
			votes++
		}
	})
	return votes > 0 && votes*4 >= headers
}

func inBWCFolder(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	return strings.Contains(n, "/bwc/") || strings.HasPrefix(n, "bwc/")
}
