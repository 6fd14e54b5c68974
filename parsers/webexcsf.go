package parsers

import "strings"

// webexCSFFormat reads logs of the Cisco Unified Communications framework
// (CSF) that Webex and Jabber clients write on some platforms:
//
//	2024-02-01 05:48:33,480 INFO  [0x6d4ab000] [src/sipcc/core.c(668)] [csf.sip-call-control] [handleEvent] - REGISTER sent
//
// becomes an entry with severity info, thread "0x6d4ab000", component
// "csf.sip-call-control" and message "REGISTER sent". The stamp has no zone
// and is read as UTC unless the source's zone is set.
var webexCSFFormat = &Format{
	ID:    "webex-csf",
	Title: "Webex/Jabber CSF log",
	Detect: func(head string) int {
		if scoreLines(head, isCSFHeader) == 0 {
			return 0
		}
		return 60
	},
	Parse: func(src *Source, opts Options) {
		header := func(line string, e *Entry) (int, bool) {
			return csfHeader(line, e, opts)
		}
		parseBlocks(src, header, extractFields)
	},
}

func isCSFHeader(line string) bool {
	var e Entry
	_, ok := csfHeader(line, &e, Options{})
	return ok
}

func csfHeader(line string, e *Entry, opts Options) (int, bool) {
	if len(line) < 30 || line[4] != '-' || line[7] != '-' || line[10] != ' ' || line[13] != ':' ||
		line[16] != ':' || line[19] != ',' {
		return 0, false
	}
	c := civil{
		year: atoiN(line, 0, 4), month: atoiN(line, 5, 2), day: atoiN(line, 8, 2),
		hour: atoiN(line, 11, 2), min: atoiN(line, 14, 2), sec: atoiN(line, 17, 2),
		nsec: atoiN(line, 20, 3) * 1e6,
	}
	if !c.valid() || c.nsec < 0 || line[23] != ' ' {
		return 0, false
	}
	rest := line[24:]
	sp := strings.IndexByte(rest, ' ')
	if sp <= 0 {
		return 0, false
	}
	sev := webexSeverity(rest[:sp])
	if sev == SevNone {
		return 0, false
	}
	i := 24 + sp
	var brackets []string
	for {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i >= len(line) || line[i] != '[' {
			break
		}
		end := strings.IndexByte(line[i:], ']')
		if end < 0 {
			break
		}
		brackets = append(brackets, line[i+1:i+end])
		i += end + 1
	}
	if len(brackets) == 0 {
		return 0, false
	}
	t, _ := c.resolve("", opts)
	e.Time = t
	e.Severity = sev
	e.setThread(line, brackets[0])
	if len(brackets) >= 3 {
		e.setComponent(line, brackets[2])
	}
	if strings.HasPrefix(line[i:], "- ") {
		i += 2
	}
	return i, true
}
