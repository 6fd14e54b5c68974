package app

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
)

// guardedRegexp is a regular expression with cheap pre-checks: pieces of
// literal text that every match contains. Text without one of them cannot
// match, so the regexp engine, which runs at tens of MB/s on long entries,
// runs only on the few entries that contain them all. The results are those
// of the regexp alone.
type guardedRegexp struct {
	*regexp.Regexp
	// needles are the required literals, longest first.
	needles []needle
}

// needle is one required literal, matched with or without case, or a set
// of literals of which one is required (one for each branch of an
// alternation).
type needle struct {
	literal rareLiteral
	fold    foldNeedle
	anyOf   []needle
}

func newNeedle(lit requiredLit) needle {
	switch {
	case lit.anyOf != nil:
		n := needle{anyOf: make([]needle, len(lit.anyOf))}
		for i, alt := range lit.anyOf {
			n.anyOf[i] = newNeedle(alt)
		}
		return n
	case lit.fold:
		return needle{fold: newFoldNeedle(lit.text)}
	}
	return needle{literal: newRareLiteral(lit.text)}
}

func (n needle) in(s string) bool {
	switch {
	case n.anyOf != nil:
		for _, alt := range n.anyOf {
			if alt.in(s) {
				return true
			}
		}
		return false
	case n.literal.text != "":
		return n.literal.in(s)
	}
	return n.fold.in(s)
}

// guardRegexp returns re with the pre-checks of its required literals, or
// with none when re has none.
func guardRegexp(re *regexp.Regexp) *guardedRegexp {
	g := &guardedRegexp{Regexp: re}
	for _, lit := range requiredLiterals(re.String()) {
		g.needles = append(g.needles, newNeedle(lit))
	}
	return g
}

// mustGuard compiles expr and adds its pre-check. It panics on an invalid
// expression, as regexp.MustCompile does.
func mustGuard(expr string) *guardedRegexp { return guardRegexp(regexp.MustCompile(expr)) }

// mayMatch reports whether s contains every required literal.
func (g *guardedRegexp) mayMatch(s string) bool {
	for _, n := range g.needles {
		if !n.in(s) {
			return false
		}
	}
	return true
}

// MatchString is regexp.MatchString behind the pre-check.
func (g *guardedRegexp) MatchString(s string) bool {
	return g.mayMatch(s) && g.Regexp.MatchString(s)
}

// FindString is regexp.FindString behind the pre-check.
func (g *guardedRegexp) FindString(s string) string {
	if !g.mayMatch(s) {
		return ""
	}
	return g.Regexp.FindString(s)
}

// FindStringSubmatch is regexp.FindStringSubmatch behind the pre-check.
func (g *guardedRegexp) FindStringSubmatch(s string) []string {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindStringSubmatch(s)
}

// FindAllString is regexp.FindAllString behind the pre-check.
func (g *guardedRegexp) FindAllString(s string, n int) []string {
	if !g.mayMatch(s) {
		return nil
	}
	return g.Regexp.FindAllString(s, n)
}

// requiredLiteral returns the longest ASCII text that every match of expr
// contains, and whether it is matched without case. It returns "" when
// there is none, such as for an alternation at the top.
func requiredLiteral(expr string) (string, bool) {
	for _, lit := range requiredLiterals(expr) {
		if lit.anyOf == nil {
			return lit.text, lit.fold
		}
	}
	return "", false
}

// requiredLit is a piece of ASCII text that every match contains, or, when
// anyOf is set, a set of pieces of which every match contains one.
type requiredLit struct {
	text  string
	fold  bool
	anyOf []requiredLit
}

// length is the length of the text, or of the shortest alternative.
func (l requiredLit) length() int {
	if l.anyOf == nil {
		return len(l.text)
	}
	n := -1
	for _, alt := range l.anyOf {
		if m := alt.length(); n < 0 || m < n {
			n = m
		}
	}
	return n
}

// requiredLiterals returns each distinct literal that the top-level sequence
// of expr requires, longest first (the first of equal length first). Each
// is the longest ASCII run of one literal node. An alternation whose every
// branch requires a literal adds the set of the branches' longest ones.
func requiredLiterals(expr string) []requiredLit {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return literalsOf(re.Simplify())
}

func literalsOf(re *syntax.Regexp) []requiredLit {
	var out []requiredLit
	collectLiterals(re, &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].length() > out[j].length() })
	return out
}

func collectLiterals(re *syntax.Regexp, out *[]requiredLit) {
	switch re.Op {
	case syntax.OpLiteral:
		lit, fold := asciiLiteral(re)
		if lit == "" {
			return
		}
		for _, have := range *out {
			if have.anyOf == nil && have.text == lit && have.fold == fold {
				return
			}
		}
		*out = append(*out, requiredLit{text: lit, fold: fold})
	case syntax.OpAlternate:
		var anyOf []requiredLit
		for _, sub := range re.Sub {
			lits := literalsOf(sub)
			if len(lits) == 0 {
				return
			}
			anyOf = append(anyOf, lits[0])
		}
		*out = append(*out, requiredLit{anyOf: anyOf})
	case syntax.OpCapture, syntax.OpPlus:
		collectLiterals(re.Sub[0], out)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			collectLiterals(re.Sub[0], out)
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			collectLiterals(sub, out)
		}
	}
}

// asciiLiteral returns the longest ASCII run of a literal node. Under case
// folding the letters k and s are left out too, because Unicode folds them
// with the Kelvin sign and the long s, which an ASCII comparison misses.
func asciiLiteral(re *syntax.Regexp) (string, bool) {
	fold := re.Flags&syntax.FoldCase != 0
	best, cur := "", []rune(nil)
	flush := func() {
		if len(cur) > len(best) {
			best = string(cur)
		}
		cur = cur[:0]
	}
	for _, r := range re.Rune {
		if r >= 0x80 || fold && strings.ContainsRune("kKsS", r) {
			flush()
			continue
		}
		cur = append(cur, r)
	}
	flush()
	return best, fold && best != ""
}
