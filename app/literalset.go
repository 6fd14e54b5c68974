package app

import (
	"sort"
	"strings"
)

// minGroupPrefix is the shortest common prefix for which literals are
// searched as a group.
const minGroupPrefix = 4

// literalSet finds which of a fixed list of literals a text contains.
//
// Literals that share a prefix of at least minGroupPrefix bytes are
// searched as one group, such as "SIP/2.0 4" and "SIP/2.0 5", or the
// activation-portal codes "200010" to "200051". The text is searched once
// for the common prefix, and each place where it occurs is compared with
// the members.
type literalSet struct {
	singles []indexedLiteral
	groups  []literalGroup
}

type indexedLiteral struct {
	rareLiteral
	id int
}

// literalGroup is a set of literals with a common prefix.
type literalGroup struct {
	prefix  rareLiteral
	members []indexedLiteral
}

// newLiteralSet builds the set. The id of each literal is its index in
// texts, which is where mark records it.
func newLiteralSet(texts []string) *literalSet {
	set := &literalSet{}
	buckets := map[string][]int{}
	var keys []string
	for id, text := range texts {
		if len(text) < minGroupPrefix {
			set.singles = append(set.singles, indexedLiteral{newRareLiteral(text), id})
			continue
		}
		key := text[:minGroupPrefix]
		if _, ok := buckets[key]; !ok {
			keys = append(keys, key)
		}
		buckets[key] = append(buckets[key], id)
	}
	sort.Strings(keys)
	for _, key := range keys {
		ids := buckets[key]
		if len(ids) == 1 {
			set.singles = append(set.singles, indexedLiteral{newRareLiteral(texts[ids[0]]), ids[0]})
			continue
		}
		prefix := texts[ids[0]]
		for _, id := range ids[1:] {
			prefix = commonPrefix(prefix, texts[id])
		}
		group := literalGroup{prefix: newRareLiteral(prefix)}
		for _, id := range ids {
			group.members = append(group.members, indexedLiteral{newRareLiteral(texts[id]), id})
		}
		set.groups = append(set.groups, group)
	}
	return set
}

// mark sets present[id] for each literal that text contains and clears it
// for the others. It reports whether text contains any.
func (set *literalSet) mark(text string, present []bool) bool {
	found := false
	for _, l := range set.singles {
		present[l.id] = l.in(text)
		found = found || present[l.id]
	}
	for g := range set.groups {
		found = set.groups[g].mark(text, present) || found
	}
	return found
}

func (g *literalGroup) mark(text string, present []bool) bool {
	for _, m := range g.members {
		present[m.id] = false
	}
	missing := len(g.members)
	for pos := 0; missing > 0; {
		i := g.prefix.index(text[pos:])
		if i < 0 {
			break
		}
		at := text[pos+i:]
		for _, m := range g.members {
			if !present[m.id] && strings.HasPrefix(at, m.text) {
				present[m.id] = true
				missing--
			}
		}
		pos += i + 1
	}
	return missing < len(g.members)
}

func commonPrefix(a, b string) string {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return a[:i]
		}
	}
	return a[:n]
}
