package app

import (
	"bufio"
	"io"
	"strings"
)

// WriteTimelineText writes timeline positions as text, one entry per
// line: the UTC time after skew correction, the source name and the
// entry's text, with continuation lines indented by a tab:
//
//	2024-05-02T09:14:21.712Z  client/feedback.zip/bwc/current_log.txt  <Info> [0x390][]SipTransport.cpp:214 ...
//		REGISTER sip:example.net SIP/2.0
//
// positions are timeline positions such as ApplyFilter returns; nil writes
// the whole timeline. A non-nil masker masks every line.
func WriteTimelineText(w io.Writer, tl *Timeline, positions []int32, m *Masker) error {
	bw := bufio.NewWriter(w)
	write := func(i int) error {
		src, e := tl.Entry(i)
		text := strings.TrimRight(e.Raw, "\r\n")
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\n", "\n\t")
		line := FormatTime(tl.Time(i)) + "  " + src.Name + "  " + text
		if m != nil {
			line = m.Mask(line)
		}
		if _, err := bw.WriteString(line); err != nil {
			return err
		}
		return bw.WriteByte('\n')
	}

	if positions == nil {
		for i := 0; i < tl.Len(); i++ {
			if err := write(i); err != nil {
				return err
			}
		}
	} else {
		for _, p := range positions {
			if err := write(int(p)); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}
