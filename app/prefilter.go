package app

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// guardedRegexp is a regular expression with a cheap pre-check: a piece of
// literal text that every match contains. Text without that literal cannot
// match, so the regexp engine, which runs at tens of MB/s on long entries,
// runs only on the few entries that contain it. The results are those of
// the regexp alone.
type guardedRegexp struct {
	*regexp.Regexp
	literal string
	fold    foldNeedle
}

// guardRegexp returns re with the pre-check of its longest required
// literal, or with no pre-check when re has none.
func guardRegexp(re *regexp.Regexp) *guardedRegexp {
	g := &guardedRegexp{Regexp: re}
	lit, fold := requiredLiteral(re.String())
	if fold {
		g.fold = newFoldNeedle(lit)
	} else {
		g.literal = lit
	}
	return g
}

// mustGuard compiles expr and adds its pre-check. It panics on an invalid
// expression, as regexp.MustCompile does.
func mustGuard(expr string) *guardedRegexp { return guardRegexp(regexp.MustCompile(expr)) }

// mayMatch reports whether s contains the required literal.
func (g *guardedRegexp) mayMatch(s string) bool {
	if g.literal != "" {
		return strings.Contains(s, g.literal)
	}
	return g.fold.in(s)
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
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return "", false
	}
	return literalOf(re.Simplify())
}

func literalOf(re *syntax.Regexp) (string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return asciiLiteral(re)
	case syntax.OpCapture, syntax.OpPlus:
		return literalOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalOf(re.Sub[0])
		}
	case syntax.OpConcat:
		best, bestFold := "", false
		for _, sub := range re.Sub {
			if lit, fold := literalOf(sub); len(lit) > len(best) {
				best, bestFold = lit, fold
			}
		}
		return best, bestFold
	}
	return "", false
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
