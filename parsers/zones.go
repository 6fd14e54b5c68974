package parsers

import (
	"strconv"
	"strings"
	"time"
)

// zoneOffsets maps the zone abbreviations that BroadWorks servers print to
// their offsets from UTC in seconds. A server prints the abbreviation in
// force at each entry, so a daylight-saving change inside a file shows up
// as CET turning into CEST and needs no rules of its own.
//
// NOTE: some abbreviations are ambiguous. IST is taken as India (+05:30),
// CST as US Central (-06:00) and BST as British Summer Time (+01:00); use a
// per-source zone override where a server means another.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "UT": 0,
	"WET": 0, "WEST": 3600, "BST": 3600, "IST": 19800,
	"CET": 3600, "CEST": 7200, "MET": 3600, "MEST": 7200,
	"EET": 7200, "EEST": 10800, "MSK": 10800,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600,
	"AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
	"AST": -4 * 3600, "ADT": -3 * 3600, "NST": -12600, "NDT": -9000,
	"BRT": -3 * 3600, "ART": -3 * 3600,
	"SAST": 7200, "GST": 4 * 3600, "PKT": 5 * 3600,
	"SGT": 8 * 3600, "HKT": 8 * 3600, "AWST": 8 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600,
	"ACST": 34200, "ACDT": 37800, "AEST": 10 * 3600, "AEDT": 11 * 3600,
	"NZST": 12 * 3600, "NZDT": 13 * 3600,
}

// zoneOffset returns the offset in seconds for a printed zone: an
// abbreviation from zoneOffsets, or a numeric form such as "GMT+02:00",
// "UTC-5", "+0200" or "-05:00".
func zoneOffset(zone string) (int, bool) {
	if off, ok := zoneOffsets[zone]; ok {
		return off, true
	}
	z := zone
	for _, prefix := range []string{"GMT", "UTC", "UT"} {
		if strings.HasPrefix(z, prefix) {
			z = z[len(prefix):]
			break
		}
	}
	if len(z) < 2 || (z[0] != '+' && z[0] != '-') {
		return 0, false
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	var hours, minutes int
	var err error
	switch len(digits) {
	case 1, 2:
		hours, err = strconv.Atoi(digits)
	case 3, 4:
		hours, err = strconv.Atoi(digits[:len(digits)-2])
		if err == nil {
			minutes, err = strconv.Atoi(digits[len(digits)-2:])
		}
	default:
		return 0, false
	}
	if err != nil || hours > 14 || minutes > 59 {
		return 0, false
	}
	return sign * (hours*3600 + minutes*60), true
}

// atoiN parses exactly n ASCII digits at s[i:], or returns -1.
func atoiN(s string, i, n int) int {
	if i < 0 || i+n > len(s) {
		return -1
	}
	v := 0
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// civil holds a date and time as printed, before a zone is applied.
type civil struct {
	year, month, day, hour, min, sec, nsec int
}

// minYear and maxYear bound the years a time stamp may have: Unix
// nanoseconds in an int64 cover 1677 to 2262, and a year outside would
// wrap around into a wrong time.
const (
	minYear = 1700
	maxYear = 2261
)

func (c civil) valid() bool {
	return c.year >= minYear && c.year <= maxYear && c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= 31 &&
		c.hour >= 0 && c.hour <= 23 && c.min >= 0 && c.min <= 59 && c.sec >= 0 && c.sec <= 60
}

// utc returns the Unix nanoseconds of c printed with the given fixed offset.
func (c civil) utc(offsetSeconds int) int64 {
	t := time.Date(c.year, time.Month(c.month), c.day, c.hour, c.min, c.sec, c.nsec, time.UTC)
	return t.UnixNano() - int64(offsetSeconds)*int64(time.Second)
}

// in returns the Unix nanoseconds of c read as local time in loc.
func (c civil) in(loc *time.Location) int64 {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(c.year, time.Month(c.month), c.day, c.hour, c.min, c.sec, c.nsec, loc).UnixNano()
}

// resolve turns c and a printed zone into Unix nanoseconds, honouring the
// options. It reports false when the zone is unknown and no zone option
// was given; the time is then read as UTC.
func (c civil) resolve(zone string, opts Options) (int64, bool) {
	if opts.ForceZone && opts.Zone != nil {
		return c.in(opts.Zone), true
	}
	if zone != "" {
		if off, ok := zoneOffset(zone); ok {
			return c.utc(off), true
		}
	}
	if opts.Zone != nil {
		return c.in(opts.Zone), true
	}
	return c.utc(0), zone == ""
}
