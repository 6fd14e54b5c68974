package views

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// xmlIndent is the indent of one level of formatted XML.
const xmlIndent = "  "

// newFormatXMLToggle returns the check box that shows the XML parts of the
// selected entry indented. It is off by default, and its label states that
// the line numbers then count the formatted lines.
func (v *DetailView) newFormatXMLToggle() *widget.Check {
	return widget.NewCheck(lang.L("Format XML (line numbers count the formatted lines)"), func(bool) { v.update() })
}

// formatXMLParts indents each XML document that fills the rest of a line
// of text, such as an OCI-P or Xsi body logged on one line. The text
// before the document stays on its line, and the document follows on
// lines of its own, under the line's own indent. A line whose XML is not
// well formed stays as it is, and so do the other lines.
func formatXMLParts(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		out = append(out, formatXMLLine(line)...)
	}
	return strings.Join(out, "\n")
}

// formatXMLLine returns line, or the lines of its formatted XML part.
func formatXMLLine(line string) []string {
	start := xmlStart(line)
	if start < 0 {
		return []string{line}
	}
	formatted, err := indentXML(line[start:])
	if err != nil {
		return []string{line}
	}

	base := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	var out []string
	if before := strings.TrimRight(line[:start], " \t"); strings.TrimSpace(before) != "" {
		out = append(out, before)
	}
	for _, l := range formatted {
		out = append(out, base+l)
	}
	return out
}

// xmlStart returns the index of the first "<" in line that opens a tag or
// an XML declaration, or -1.
func xmlStart(line string) int {
	for i := 0; i+1 < len(line); i++ {
		if line[i] != '<' {
			continue
		}
		c := line[i+1]
		if c == '?' || c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return i
		}
	}
	return -1
}

// errNotDocument is returned for XML that contains no element or leaves
// one open.
var errNotDocument = errors.New("not a complete XML document")

// indentXML returns the lines of doc indented by nesting. An element that
// contains only text stays on one line. Prefixes and the declared encoding
// are kept as written, because doc is already decoded text.
func indentXML(doc string) ([]string, error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var tokens []xml.Token
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, xml.CopyToken(tok))
	}

	var out []string
	depth, elements := 0, 0
	add := func(s string) { out = append(out, strings.Repeat(xmlIndent, depth)+s) }
	for i := 0; i < len(tokens); i++ {
		switch tok := tokens[i].(type) {
		case xml.StartElement:
			elements++
			open := startTag(tok)
			if end, ok := tokenAt(tokens, i+1).(xml.EndElement); ok {
				add(open + "</" + qualified(end.Name) + ">")
				i++
				continue
			}
			if text, ok := tokenAt(tokens, i+1).(xml.CharData); ok {
				if end, ok := tokenAt(tokens, i+2).(xml.EndElement); ok {
					add(open + escapeXML(string(text)) + "</" + qualified(end.Name) + ">")
					i += 2
					continue
				}
			}
			add(open)
			depth++
		case xml.EndElement:
			depth--
			if depth < 0 {
				return nil, errNotDocument
			}
			add("</" + qualified(tok.Name) + ">")
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				add(escapeXML(s))
			}
		case xml.ProcInst:
			add("<?" + tok.Target + " " + string(tok.Inst) + "?>")
		case xml.Comment:
			add("<!--" + string(tok) + "-->")
		case xml.Directive:
			add("<!" + string(tok) + ">")
		}
	}
	if elements == 0 || depth != 0 {
		return nil, errNotDocument
	}
	return out, nil
}

func tokenAt(tokens []xml.Token, i int) xml.Token {
	if i < len(tokens) {
		return tokens[i]
	}
	return nil
}

// startTag returns a start element as written, with prefixed names such
// as xsi:type.
func startTag(el xml.StartElement) string {
	var b strings.Builder
	b.WriteString("<" + qualified(el.Name))
	for _, a := range el.Attr {
		b.WriteString(" " + qualified(a.Name) + `="` + escapeXML(a.Value) + `"`)
	}
	b.WriteString(">")
	return b.String()
}

// qualified returns a raw name with its prefix, such as xsi:type.
func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// escapeXML escapes text for an element or an attribute value.
func escapeXML(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
