package app

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wxlog/wxlog/parsers"
)

// maxKeyLineBytes is the most text of an entry's key line that a report
// prints. A longer line is cut at a character boundary and ends in "…".
const maxKeyLineBytes = 160

// keyLine returns the line of an entry that a report prints beside its
// source and line number, trimmed. That is the entry's SIP start line,
// OCI-P command type (with an error's summary) or HTTP request when it has
// one. Otherwise it is the first line of the
// message that is not blank, a bare tracking id or a label such as
// "urlInfo:", because BroadWorks server entries put the tracking id alone
// after the header. An entry whose mapped file was cut short gives "".
func keyLine(e *parsers.Entry) string {
	return KeyLine(e)
}

// KeyLine is keyLine for the window, which shows it under each finding.
func KeyLine(e *parsers.Entry) string {
	var line string
	if parsers.CatchFault(func() { line = findKeyLine(e) }) != nil {
		return ""
	}
	if line == "" {
		return ""
	}
	return cutLine(parsers.Text(line), maxKeyLineBytes)
}

func findKeyLine(e *parsers.Entry) string {
	if e.Fields != nil {
		var starts []string
		if m := e.SIPMethod(); m != "" {
			starts = append(starts, m+" sip")
		}
		if e.Fields.SIPStatus != 0 {
			starts = append(starts, "SIP/2.0 "+strconv.Itoa(int(e.Fields.SIPStatus)))
		}
		for _, start := range starts {
			if line := lineStarting(e.Message(), start); line != "" {
				return strings.Clone(line)
			}
		}
		if cmd := e.OCICommand(); cmd != "" {
			// An OCI-P document is one long line of XML, so its command
			// type and an error's summary are more informative than its
			// start.
			line := cmd
			if summary := elementText(e.Message(), "summary"); summary != "" {
				line += ": " + summary
			}
			if first := firstContentLine(e.Message()); first != "" && !strings.HasPrefix(first, "<") {
				line = first + "  " + line
			}
			return strings.Clone(line)
		}
		if path := e.HTTPPath(); path != "" {
			if at := strings.Index(e.Message(), path); at >= 0 {
				return strings.Clone(strings.TrimSpace(lineAround(e.Message(), at)))
			}
		}
	}
	return strings.Clone(firstContentLine(e.Message()))
}

// firstContentLine returns the first line of message that is not blank, a
// bare tracking id or a label such as "urlInfo:", trimmed, or "".
func firstContentLine(message string) string {
	for rest := message; rest != ""; {
		line := rest
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			line, rest = rest[:nl], rest[nl+1:]
		} else {
			rest = ""
		}
		line = strings.TrimSpace(line)
		label := strings.HasSuffix(line, ":") && !strings.ContainsAny(line, " \t")
		if line == "" || line == baseTrackingID(line) || label {
			continue
		}
		return line
	}
	return ""
}

// elementText returns the text of the first XML element with that name in
// s, trimmed, or "".
func elementText(s, name string) string {
	open := strings.Index(s, "<"+name+">")
	if open < 0 {
		return ""
	}
	rest := s[open+len(name)+2:]
	end := strings.Index(rest, "</"+name+">")
	if end < 0 {
		return ""
	}
	return strings.TrimSpace(rest[:end])
}

// lineStarting returns the first line of s that starts with prefix after
// its indent, trimmed, or "".
func lineStarting(s, prefix string) string {
	for from := 0; ; {
		at := strings.Index(s[from:], prefix)
		if at < 0 {
			return ""
		}
		at += from
		line := lineAround(s, at)
		if trimmed := strings.TrimSpace(line); strings.HasPrefix(trimmed, prefix) {
			return trimmed
		}
		from = at + len(prefix)
	}
}

// lineAround returns the line of s that holds the byte at i.
func lineAround(s string, i int) string {
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		return s[start:]
	}
	return s[start : i+end]
}

// cutLine returns s cut to at most n bytes at a character boundary, with
// "…" after a cut.
func cutLine(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}
