// Package parsers turns the bytes of Webex for BroadWorks client and server
// logs into entries.
//
// Each log format has one file here and one row in the Formats table. A
// format is recognised by the content of the first lines; the file name only
// breaks ties. Every entry keeps its source, byte offset, line number and raw
// text, a substring of the source text. Its other text values are offsets
// into the raw text, so parsing allocates little beyond the Entry structs
// and their Fields.
package parsers

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Severity is the normalised level of an entry across all formats.
type Severity uint8

// Severities in increasing order of importance.
const (
	SevNone Severity = iota
	SevTrace
	SevDebug
	SevInfo
	SevNotice
	SevWarning
	SevError
	SevFatal
)

var severityNames = [...]string{"", "trace", "debug", "info", "notice", "warning", "error", "fatal"}

// String returns the lower-case name of the severity, or "" for SevNone.
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", s)
}

// Entry flags.
const (
	// FlagMidEntry marks text at the start of a file that continues an entry
	// whose header is in an earlier (rotated) file.
	FlagMidEntry uint8 = 1 << iota
	// FlagNoTime marks an entry whose time is borrowed from a neighbour.
	FlagNoTime
	// FlagBadHeader marks a line that looked like a header but did not parse.
	FlagBadHeader
)

// Entry is one log record: a header line and the continuation lines that
// belong to it.
type Entry struct {
	// Time is the UTC time in Unix nanoseconds as the source printed it,
	// before any clock-skew correction. It is 0 when the entry has no time.
	Time int64
	// Offset is the byte offset of the entry's first byte in the decoded
	// source text. It equals the file offset except for UTF-16 files.
	Offset int64
	// Line is the 1-based line number of the first line; Lines counts them,
	// at most MaxEntryLines.
	Line  int32
	Lines uint16

	Severity Severity
	Flags    uint8

	// thread, component and message are spans of Raw, read through the
	// methods of the same names. The message is the text after the header,
	// continuation lines included.
	thread, component shortSpan
	message           span

	// Raw is the whole entry as it appears in the source, without the final
	// line end.
	Raw string

	// Fields holds what later analysis needs; nil when nothing was found.
	Fields *Fields
}

// When returns the entry time as a time.Time in UTC.
func (e *Entry) When() time.Time {
	if e.Time == 0 {
		return time.Time{}
	}
	return time.Unix(0, e.Time).UTC()
}

// FirstLine returns the first line of the message.
func (e *Entry) FirstLine() string {
	return firstLine(e.Message())
}

// Thread returns the thread the header names, or "".
func (e *Entry) Thread() string { return e.thread.long().of(e.Raw) }

// Component returns the component (channel, logger or function) the header
// names, or "".
func (e *Entry) Component() string { return e.component.long().of(e.Raw) }

// Message returns the text after the header, continuation lines included.
func (e *Entry) Message() string { return e.message.of(e.Raw) }

// setThread sets the thread to v, a substring of line, the header line.
// NOTE: a thread that ends past the first 64 KiB of a header line is left
// empty. No known format puts one there.
func (e *Entry) setThread(line, v string) { e.thread = spanOf(line, v).short() }

// setComponent sets the component to v, a substring of line, the header
// line. A component past the first 64 KiB is left empty, as a thread is.
func (e *Entry) setComponent(line, v string) { e.component = spanOf(line, v).short() }

// Indexes of the text values of Fields, read through the Entry methods of
// the same names.
const (
	fieldTrackingID = iota
	// fieldCorrelationID is an X-BroadSoft-Correlation-ID header value.
	fieldCorrelationID
	fieldHTTPMethod
	fieldHTTPPath
	fieldUserAgent
	// fieldRemote is the peer address of an HTTP request or SIP message.
	fieldRemote
	// fieldOCICommand is the OCI-P command type, such as UserGetRequest22.
	fieldOCICommand
	fieldSIPMethod
	fieldSIPCallID
	fieldSIPCSeq
	fieldCount
)

// Fields are the values extracted from an entry for correlation and analysis.
// Empty strings and zero numbers mean "not present". A busy server's log
// gives millions of Fields, so the text values are spans of the entry's Raw
// of 4 bytes each, without pointers for the garbage collector to follow.
type Fields struct {
	// texts holds the text values by index, such as fieldTrackingID.
	texts [fieldCount]shortSpan
	// wide holds every text value instead of texts once one of them ends
	// past the first 64 KiB of an entry.
	wide *[fieldCount]span

	HTTPStatus int16
	SIPStatus  int16
	// ErrorCode is a BroadWorks error number from "[Error NNNN]" or
	// <errorCode>, or a client errorCode=NNNN.
	ErrorCode int32

	// Users are user ids named by the entry: Webex emails and BroadWorks
	// user ids, in order of appearance and without duplicates.
	Users []string
}

// shortSpan is a span that ends in the first 64 KiB of an entry.
type shortSpan struct {
	start, end uint16
}

// long returns the span as a span.
func (s shortSpan) long() span { return span{start: uint32(s.start), end: uint32(s.end)} }

// short returns the span as a shortSpan, or the empty shortSpan when it
// ends past the first 64 KiB.
func (s span) short() shortSpan {
	if s.end > 0xFFFF {
		return shortSpan{}
	}
	return shortSpan{start: uint16(s.start), end: uint16(s.end)}
}

// text returns the span of the text value with index k.
func (f *Fields) text(k int) span {
	if f.wide != nil {
		return f.wide[k]
	}
	return f.texts[k].long()
}

// setText sets the text value with index k to s. The first span that
// does not fit a shortSpan moves every value to wide.
func (f *Fields) setText(k int, s span) {
	if f.wide == nil && s.end <= 0xFFFF {
		f.texts[k] = s.short()
		return
	}
	if f.wide == nil {
		f.wide = new([fieldCount]span)
		for i, t := range f.texts {
			f.wide[i] = t.long()
		}
	}
	f.wide[k] = s
}

// span is the byte range raw[start:end] of an entry's Raw. The zero span
// is the empty string.
type span struct {
	start, end uint32
}

// spanOf returns where v lies in base, a string that starts at the entry's
// first byte, such as its Raw or its header line. A v that is not a
// substring of base is looked up in it by value, and when it does not
// occur there the span is empty.
func spanOf(base, v string) span {
	if v == "" {
		return span{}
	}
	off := uintptr(unsafe.Pointer(unsafe.StringData(v))) - uintptr(unsafe.Pointer(unsafe.StringData(base)))
	if off > uintptr(len(base)) || uintptr(len(v)) > uintptr(len(base))-off {
		i := strings.Index(base, v)
		if i < 0 {
			return span{}
		}
		off = uintptr(i)
	}
	return span{start: uint32(off), end: uint32(off) + uint32(len(v))}
}

func (s span) empty() bool { return s.end == s.start }

// of returns the span's text in raw, or "" when raw is too short for it.
func (s span) of(raw string) string {
	if int(s.end) > len(raw) || s.start > s.end {
		return ""
	}
	return raw[s.start:s.end]
}

// field returns the text value of the entry's fields with index k, or "".
func (e *Entry) field(k int) string {
	if e.Fields == nil {
		return ""
	}
	return e.Fields.text(k).of(e.Raw)
}

// TrackingID returns the entry's tracking id, or "".
func (e *Entry) TrackingID() string { return e.field(fieldTrackingID) }

// CorrelationID returns the entry's X-BroadSoft-Correlation-ID, or "".
func (e *Entry) CorrelationID() string { return e.field(fieldCorrelationID) }

// HTTPMethod returns the method of the entry's HTTP request line, or "".
func (e *Entry) HTTPMethod() string { return e.field(fieldHTTPMethod) }

// HTTPPath returns the path of the entry's HTTP request line, or "".
func (e *Entry) HTTPPath() string { return e.field(fieldHTTPPath) }

// UserAgent returns the entry's User-Agent, or "".
func (e *Entry) UserAgent() string { return e.field(fieldUserAgent) }

// Remote returns the peer address of the entry's HTTP request or SIP
// message, or "".
func (e *Entry) Remote() string { return e.field(fieldRemote) }

// OCICommand returns the entry's OCI-P command type, or "".
func (e *Entry) OCICommand() string { return e.field(fieldOCICommand) }

// SIPMethod returns the method of the entry's SIP request, or "".
func (e *Entry) SIPMethod() string { return e.field(fieldSIPMethod) }

// SIPCallID returns the entry's SIP Call-ID, or "".
func (e *Entry) SIPCallID() string { return e.field(fieldSIPCallID) }

// SIPCSeq returns the entry's SIP CSeq, or "".
func (e *Entry) SIPCSeq() string { return e.field(fieldSIPCSeq) }

// Text returns s as valid UTF-8. BroadWorks writes ISO-8859-1 XML into its
// logs, so a string that is not valid UTF-8 is decoded as ISO-8859-1, which
// maps every byte to a character and never fails.
func Text(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	buf := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		buf = append(buf, rune(s[i]))
	}
	return string(buf)
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			return s[:i]
		}
	}
	return s
}
