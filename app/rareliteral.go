package app

import "github.com/wxlog/wxlog/parsers"

// rareLiteral is a parsers.Literal, searched for by its rarest byte, with
// its text at hand for the code that groups and compares literals.
type rareLiteral struct {
	parsers.Literal
	text string
}

func newRareLiteral(text string) rareLiteral {
	return rareLiteral{Literal: parsers.NewLiteral(text), text: text}
}

// in reports whether s contains the text.
func (l rareLiteral) in(s string) bool { return l.Index(s) >= 0 }

// index returns the index of the first instance of the text in s, or -1.
func (l rareLiteral) index(s string) int { return l.Index(s) }

// byteRank is parsers.ByteRank as a table.
var byteRank = func() (rank [256]uint8) {
	for c := range rank {
		rank[c] = parsers.ByteRank(byte(c))
	}
	return rank
}()
