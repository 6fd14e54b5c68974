package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// elementTexts lists the element texts of one element at a time, each
// found with its own search, as the reference for forEachElement.
func elementTexts(raw string, names []string) []string {
	var out []string
	for _, name := range names {
		open, close := "<"+name+">", "</"+name+">"
		rest := raw
		for {
			i := strings.Index(rest, open)
			if i < 0 {
				break
			}
			rest = rest[i+len(open):]
			j := strings.Index(rest, close)
			if j < 0 {
				break
			}
			if v := strings.TrimSpace(rest[:j]); v != "" {
				out = append(out, name+"="+v)
			}
			rest = rest[j+len(close):]
		}
	}
	return out
}

func TestForEachElement(t *testing.T) {
	names := []string{"deviceName", "deviceLinePort", "number", "phoneNumber"}
	tests := []struct {
		name, raw string
		want      []string
	}{
		{"none", "GET /profile HTTP/1.1", nil},
		{"one", "<deviceName>alice_pc</deviceName>", []string{"deviceName=alice_pc"}},
		{"trimmed and empty skipped", "<number> 5551234 </number><number>  </number>", []string{"number=5551234"}},
		{"several elements", "<x><phoneNumber>+1555</phoneNumber><deviceLinePort>a@b</deviceLinePort><number>1</number></x>",
			[]string{"phoneNumber=+1555", "deviceLinePort=a@b", "number=1"}},
		{"repeated", "<number>1</number> <number>2</number>", []string{"number=1", "number=2"}},
		{"nested open before close", "<number><number>5</number></number>", []string{"number=<number>5"}},
		{"missing close stops the element", "<number>1 <deviceName>d</deviceName> <number>2</number>",
			[]string{"deviceName=d", "number=1 <deviceName>d</deviceName> <number>2"}},
		{"only missing close", "<deviceName>d", nil},
		{"open tag inside another value", "<deviceName>a<number>3</number>b</deviceName>",
			[]string{"deviceName=a<number>3</number>b", "number=3"}},
	}
	elements := make([]xmlElement, len(names))
	for i, name := range names {
		elements[i] = newXMLElement(name)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			forEachElement(tt.raw, elements, func(v string) { got = append(got, v) })
			want := elementTexts(tt.raw, names)
			assert.ElementsMatch(t, tt.want, want, "reference")

			// The calls come in another order and without the name.
			var wantTexts []string
			for _, w := range want {
				wantTexts = append(wantTexts, w[strings.IndexByte(w, '=')+1:])
			}
			assert.ElementsMatch(t, wantTexts, got)
		})
	}
}
