package parsers

import "strings"

// webexAndroidFormat reads the Webex App for Android log, which follows
// logcat's threadtime layout with a year and no zone:
//
//	2024-02-02 12:02:22.498  9619  9771 D WBX_TEAMS-ucf: tid[0x261f] CallControl.cpp::130 message
//
// becomes an entry with severity debug, component "WBX_TEAMS-ucf" and
// thread "9771". Times are read as UTC unless the source's zone is set.
var webexAndroidFormat = &Format{
	ID:    "webex-android",
	Title: "Webex App for Android log",
	Detect: func(head string) int {
		if scoreLines(head, isAndroidHeader) == 0 {
			return 0
		}
		return 60
	},
	Parse: func(src *Source, opts Options) {
		header := func(line string, e *Entry) (int, bool) {
			return androidHeader(line, e, opts)
		}
		parseBlocks(src, header, extractFields)
	},
}

func isAndroidHeader(line string) bool {
	var e Entry
	_, ok := androidHeader(line, &e, Options{})
	return ok
}

func androidHeader(line string, e *Entry, opts Options) (int, bool) {
	if len(line) < 30 || line[4] != '-' || line[7] != '-' || line[10] != ' ' || line[13] != ':' ||
		line[16] != ':' || line[19] != '.' {
		return 0, false
	}
	c := civil{
		year: atoiN(line, 0, 4), month: atoiN(line, 5, 2), day: atoiN(line, 8, 2),
		hour: atoiN(line, 11, 2), min: atoiN(line, 14, 2), sec: atoiN(line, 17, 2),
		nsec: atoiN(line, 20, 3) * 1e6,
	}
	if !c.valid() || c.nsec < 0 {
		return 0, false
	}
	fields := strings.Fields(line[23:min(len(line), 80)])
	if len(fields) < 4 || len(fields[2]) != 1 || !isDigits(fields[0]) || !isDigits(fields[1]) {
		return 0, false
	}
	sev, ok := logcatSeverity(fields[2][0])
	if !ok || !strings.HasSuffix(fields[3], ":") && !strings.Contains(fields[3], ":") {
		return 0, false
	}
	tagStart := 23 + strings.Index(line[23:], " "+fields[2]+" ") + 3
	colon := strings.Index(line[tagStart:], ": ")
	if colon < 0 {
		colon = strings.IndexByte(line[tagStart:], ':')
		if colon < 0 {
			return 0, false
		}
	}
	t, _ := c.resolve("", opts)
	e.Time = t
	e.Severity = sev
	e.setThread(line, fields[1])
	e.setComponent(line, strings.TrimSpace(line[tagStart:tagStart+colon]))
	msg := tagStart + colon + 1
	for msg < len(line) && line[msg] == ' ' {
		msg++
	}
	return msg, true
}

func logcatSeverity(c byte) (Severity, bool) {
	switch c {
	case 'V':
		return SevTrace, true
	case 'D':
		return SevDebug, true
	case 'I':
		return SevInfo, true
	case 'W':
		return SevWarning, true
	case 'E':
		return SevError, true
	case 'F', 'A':
		return SevFatal, true
	}
	return SevNone, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
