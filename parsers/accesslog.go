package parsers

import (
	"strconv"
	"strings"
)

// accessLogFormat reads Tomcat and Apache access logs in the common or
// combined layout, with the extra numeric fields Tomcat on the XSP adds:
//
//	203.0.113.9 - - [02/May/2024:11:14:17 +0200] "GET /com.broadsoft.xsi-actions/v2.0/user/alice%40example.com/profile HTTP/1.1" 200 812 0 83 "-" "broadworksTeams-client"
//
// becomes an entry at 09:14:17Z with the remote address, method, path,
// status and user agent in its Fields and "GET" as its component. A 5xx
// status makes the entry an error and a 4xx status a warning. Every line
// is one entry.
var accessLogFormat = &Format{
	ID:    "access-log",
	Title: "Tomcat/Apache access log",
	Detect: func(head string) int {
		if scoreLines(head, isAccessLine) < 50 {
			return 0
		}
		return 60
	},
	NameHint: func(name string) bool { return strings.Contains(baseName(name), "access_log") },
	Parse: func(src *Source, opts Options) {
		parseBlocks(src, accessHeader, nil)
	},
}

var monthNumbers = map[string]int{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

func isAccessLine(line string) bool {
	var e Entry
	_, ok := accessHeader(line, &e)
	return ok
}

// accessHeader parses one access log line; every valid line is an entry.
func accessHeader(line string, e *Entry) (int, bool) {
	lb := strings.Index(line, " [")
	if lb <= 0 || lb > 300 {
		return 0, false
	}
	ts := line[lb+2:]
	// 02/May/2024:11:14:17 +0200]
	if len(ts) < 27 || ts[2] != '/' || ts[6] != '/' || ts[11] != ':' || ts[26] != ']' {
		return 0, false
	}
	c := civil{
		day: atoiN(ts, 0, 2), month: monthNumbers[ts[3:6]], year: atoiN(ts, 7, 4),
		hour: atoiN(ts, 12, 2), min: atoiN(ts, 15, 2), sec: atoiN(ts, 18, 2),
	}
	off, ok := zoneOffset(ts[21:26])
	if !c.valid() || !ok {
		return 0, false
	}
	e.Time = c.utc(off)
	f := e.ensureFields()
	f.setText(fieldRemote, spanOf(line, line[:strings.IndexByte(line, ' ')]))
	msgStart := lb + 2 + 28
	if msgStart > len(line) {
		msgStart = len(line)
	}
	rest := line[msgStart:]
	if strings.HasPrefix(rest, "\"") {
		if q := strings.IndexByte(rest[1:], '"'); q >= 0 {
			request := rest[1 : q+1]
			parts := strings.Fields(request)
			if len(parts) >= 2 {
				f.setText(fieldHTTPMethod, spanOf(line, parts[0]))
				f.setText(fieldHTTPPath, spanOf(line, parts[1]))
			}
			after := strings.Fields(rest[q+2:])
			if len(after) > 0 {
				if code, err := strconv.Atoi(after[0]); err == nil && code > 0 && code < 1000 {
					f.HTTPStatus = int16(code)
				}
			}
			if last := strings.LastIndexByte(rest, '"'); last > q+2 {
				if open := strings.LastIndexByte(rest[:last], '"'); open > q+1 {
					f.setText(fieldUserAgent, spanOf(line, rest[open+1:last]))
				}
			}
		}
	}
	// The request method stands in for a component, so that the entry
	// strings stay substrings of the source text.
	e.component = f.text(fieldHTTPMethod).short()
	switch {
	case f.HTTPStatus >= 500:
		e.Severity = SevError
	case f.HTTPStatus >= 400:
		e.Severity = SevWarning
	default:
		e.Severity = SevInfo
	}
	return msgStart, true
}
