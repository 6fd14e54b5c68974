package app

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// ladderPattern is a pattern of an evidence rule or of a signature branch,
// with a faster way to run it when every match starts with a piece of
// literal text (the lead), maybe after assertions such as ^ or \b.
//
// The regexp engine tries every position of an entry and, on entries of a
// few kilobytes, clears a bitmap of the entry's size on each call. Here
// the lead is searched for by its rarest byte instead. At each place where
// it occurs, the assertions before it are checked by hand and the rest of
// the pattern runs anchored there, on a window just long enough for the
// longest match. The first place that matches gives the leftmost match,
// the one the regexp alone finds. A pattern that is a lead between
// assertions needs no regexp at all.
type ladderPattern struct {
	re *regexp.Regexp
	// guard checks the literals that every match contains. An entry
	// without one of them cannot match.
	guard *guardedRegexp

	// lead is the literal that every match starts with. lead.text is ""
	// when the pattern has none, and then only re runs.
	lead ladderLiteral
	// before and after are the assertions around the lead, checked by
	// hand. after is used only when rest is nil.
	before, after []syntax.Op
	// rest is the pattern from the lead on, anchored at its start, or nil
	// when the lead and its assertions are the whole pattern.
	rest *regexp.Regexp
	// maxLen is the longest match of rest in bytes, or -1 when unbounded.
	maxLen int
	// asciiOnly is set when the lead ignores case and holds k or s, which
	// Unicode also folds with the Kelvin sign and the long s. The lowered
	// search finds those only in entries of ASCII text; on other entries
	// re runs alone.
	asciiOnly bool
}

// maxCandidates bounds the places where the anchored rest runs on one
// entry. When the lead occurs more often, re runs once over the whole
// entry instead.
const maxCandidates = 4

// newLadderPattern compiles expr. It returns nil for an empty expr.
func newLadderPattern(expr string) (*ladderPattern, error) {
	if expr == "" {
		return nil, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	p := &ladderPattern{re: re, guard: guardRegexp(re), maxLen: -1}
	p.splitLead()
	return p, nil
}

// splitLead finds the lead of the pattern and compiles the rest. It
// leaves the lead empty when the pattern does not start with a literal or
// the rest cannot be compiled to the same groups.
func (p *ladderPattern) splitLead() {
	tree, err := syntax.Parse(p.re.String(), syntax.Perl)
	if err != nil {
		return
	}
	// The tree is not simplified: that would expand a counted repeat such
	// as [^\n]{0,80} into 80 nested copies, whose text took about 0.1 s
	// to print and compile again.
	seq := []*syntax.Regexp{tree}
	if tree.Op == syntax.OpConcat {
		seq = tree.Sub
	}

	k := 0
	var before []syntax.Op
	for k < len(seq) && isHandAssertion(seq[k].Op) {
		before = append(before, seq[k].Op)
		k++
	}
	if k == len(seq) || seq[k].Op != syntax.OpLiteral {
		return
	}
	lit := seq[k]
	text, fold, ok := literalText(lit)
	if !ok {
		return
	}

	var after []syntax.Op
	j := k + 1
	for j < len(seq) && isHandAssertion(seq[j].Op) {
		after = append(after, seq[j].Op)
		j++
	}
	if j == len(seq) && p.re.NumSubexp() == 0 {
		p.lead, p.before, p.after = newLadderLiteral(text, fold), before, after
		p.asciiOnly = fold && strings.ContainsAny(text, "kKsS")
		return
	}

	rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: append([]*syntax.Regexp{{Op: syntax.OpBeginText}}, seq[k:]...)}
	restRe, err := regexp.Compile(rest.String())
	if err != nil || !sameGroups(restRe, p.re) {
		return
	}
	p.lead, p.before, p.rest = newLadderLiteral(text, fold), before, restRe
	p.asciiOnly = fold && strings.ContainsAny(text, "kKsS")
	p.maxLen = maxMatchLen(rest)
}

// isHandAssertion reports whether op is an assertion that checkAssertion
// decides.
func isHandAssertion(op syntax.Op) bool {
	switch op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// literalText returns the text of a literal node of ASCII runes, and
// whether it ignores case.
func literalText(lit *syntax.Regexp) (string, bool, bool) {
	var b strings.Builder
	for _, r := range lit.Rune {
		if r >= utf8.RuneSelf {
			return "", false, false
		}
		b.WriteRune(r)
	}
	return b.String(), lit.Flags&syntax.FoldCase != 0, b.Len() > 0
}

func sameGroups(a, b *regexp.Regexp) bool {
	if a.NumSubexp() != b.NumSubexp() {
		return false
	}
	for i, name := range a.SubexpNames() {
		if b.SubexpNames()[i] != name {
			return false
		}
	}
	return true
}

// maxMatchLen returns the longest text in bytes that re can match, or -1
// when that is unbounded. Each rune outside a case-sensitive literal
// counts utf8.UTFMax bytes.
func maxMatchLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return len(re.Rune) * utf8.UTFMax
		}
		n := 0
		for _, r := range re.Rune {
			n += utf8.RuneLen(r)
		}
		return n
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpEmptyMatch, syntax.OpNoMatch, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return maxMatchLen(re.Sub[0])
	case syntax.OpRepeat:
		n := maxMatchLen(re.Sub[0])
		if re.Max < 0 || n < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat:
		total := 0
		for _, sub := range re.Sub {
			n := maxMatchLen(sub)
			if n < 0 {
				return -1
			}
			total += n
		}
		return total
	case syntax.OpAlternate:
		longest := 0
		for _, sub := range re.Sub {
			n := maxMatchLen(sub)
			if n < 0 {
				return -1
			}
			longest = max(longest, n)
		}
		return longest
	}
	return -1
}

// checkAssertion reports whether the assertion op holds at position i of
// s, as the regexp package decides it. The package counts only ASCII
// letters, digits and the underscore as word characters, so no byte of a
// multi-byte rune is one.
func checkAssertion(op syntax.Op, s string, i int) bool {
	switch op {
	case syntax.OpBeginLine:
		return i == 0 || s[i-1] == '\n'
	case syntax.OpEndLine:
		return i == len(s) || s[i] == '\n'
	case syntax.OpBeginText:
		return i == 0
	case syntax.OpEndText:
		return i == len(s)
	}
	boundary := (i > 0 && isWordByte(s[i-1])) != (i < len(s) && isWordByte(s[i]))
	if op == syntax.OpWordBoundary {
		return boundary
	}
	return !boundary
}

// mayMatch reports whether the entry contains every literal the pattern
// requires.
func (p *ladderPattern) mayMatch(t *entryText) bool {
	return p.guard.mayMatch(t.raw)
}

// match reports whether the pattern matches the entry.
func (p *ladderPattern) match(t *entryText) bool {
	return p.mayMatch(t) && p.matchUnguarded(t)
}

// matchUnguarded is match for an entry that contains every required
// literal.
func (p *ladderPattern) matchUnguarded(t *entryText) bool {
	if p.lead.text != "" {
		if found, _, decided := p.findLead(t, false); decided {
			return found
		}
	}
	return p.re.MatchString(t.raw)
}

// submatch returns the index pairs of the leftmost match and its groups in
// the entry's raw text, as regexp.FindStringSubmatchIndex does.
func (p *ladderPattern) submatch(t *entryText) []int {
	if !p.mayMatch(t) {
		return nil
	}
	return p.submatchUnguarded(t)
}

// submatchUnguarded is submatch for an entry that contains every
// required literal.
func (p *ladderPattern) submatchUnguarded(t *entryText) []int {
	if p.lead.text != "" {
		if _, loc, decided := p.findLead(t, true); decided {
			return loc
		}
	}
	return p.re.FindStringSubmatchIndex(t.raw)
}

// findLead finds the leftmost match by its lead, with the index pairs of
// the match and its groups when wantLoc is set. decided is false when the
// pattern must run on the whole entry instead: on an entry of other than
// ASCII text for an asciiOnly lead, or when the lead occurs more than
// maxCandidates times before a match.
func (p *ladderPattern) findLead(t *entryText, wantLoc bool) (found bool, loc []int, decided bool) {
	if p.asciiOnly && !t.isASCII() {
		return false, nil, false
	}
	hay := p.lead.haystack(t)
	raw := t.raw
	tried := 0
	for from := 0; ; {
		i := p.lead.indexFrom(hay, from)
		if i < 0 {
			return false, nil, true
		}
		from = i + 1
		if !assertionsHold(p.before, raw, i) {
			continue
		}
		if p.rest == nil {
			end := i + len(p.lead.text)
			if !assertionsHold(p.after, raw, end) {
				continue
			}
			if wantLoc {
				loc = []int{i, end}
			}
			return true, loc, true
		}
		if tried == maxCandidates {
			return false, nil, false
		}
		tried++
		window := raw[i:p.windowEnd(raw, i)]
		matched, rel := t.runRest(p, window, wantLoc)
		if !matched {
			continue
		}
		if wantLoc {
			loc = make([]int, len(rel))
			for k, v := range rel {
				loc[k] = v
				if v >= 0 {
					loc[k] += i
				}
			}
		}
		return true, loc, true
	}
}

// maxMemoWindow is the longest window whose result runRest keeps, and
// maxMemoSize the most results it keeps per scan. Short windows repeat:
// a status code after "StatusCode=" takes a few values over millions of
// entries.
const (
	maxMemoWindow = 64
	maxMemoSize   = 1 << 14
)

// restKey names the result of a pattern's rest on one window text.
type restKey struct {
	p      *ladderPattern
	window string
}

// restResult is the result of a rest on a window: whether it matched and,
// once a caller needed them, the index pairs relative to the window.
type restResult struct {
	matched bool
	loc     []int
}

// runRest runs p.rest on window, a text that starts where p's lead
// occurs, and returns whether it matched and, when wantLoc is set, the
// index pairs relative to window. The result depends on the window's text
// alone, so short windows are looked up in the scan's memo before the
// regexp runs. The returned loc is shared and must not be changed.
func (t *entryText) runRest(p *ladderPattern, window string, wantLoc bool) (bool, []int) {
	memo := p.maxLen >= 0 && len(window) <= maxMemoWindow
	var key restKey
	if memo {
		key = restKey{p, window}
		if r, ok := t.memo[key]; ok && (!wantLoc || !r.matched || r.loc != nil) {
			return r.matched, r.loc
		}
	}
	var r restResult
	if wantLoc {
		r.loc = p.rest.FindStringSubmatchIndex(window)
		r.matched = r.loc != nil
	} else {
		r.matched = p.rest.MatchString(window)
	}
	if memo && len(t.memo) < maxMemoSize {
		if t.memo == nil {
			t.memo = map[restKey]restResult{}
		}
		// The window may point into a mapped file, whose pages the key
		// must not keep reading.
		key.window = strings.Clone(window)
		t.memo[key] = r
	}
	return r.matched, r.loc
}

// windowEnd returns where the text that a match of rest at i can read
// ends: past the longest match, one more byte for an assertion at its end,
// and up to the next rune start so that no rune is cut.
func (p *ladderPattern) windowEnd(s string, i int) int {
	if p.maxLen < 0 || p.maxLen >= len(s)-i {
		return len(s)
	}
	end := i + p.maxLen + 1
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	return end
}

func assertionsHold(ops []syntax.Op, s string, i int) bool {
	for _, op := range ops {
		if !checkAssertion(op, s, i) {
			return false
		}
	}
	return true
}
