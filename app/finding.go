package app

import "github.com/wxlog/wxlog/parsers"

// Localized is a user-facing text of the catalogue in each language.
type Localized struct {
	En string `json:"en"`
	Da string `json:"da"`
}

// Signature is one known problem of the catalogue: what it looks like in
// the logs, what it means and how to fix it.
type Signature struct {
	ID string `json:"id"`
	// Severity is "error", "warning" or "info".
	Severity string `json:"severity"`
	// Step is the id of the sign-in ladder step the problem belongs to,
	// or "" for problems outside the sign-in.
	Step    string    `json:"step,omitempty"`
	Title   Localized `json:"title"`
	Meaning Localized `json:"meaning"`
	Fix     Localized `json:"fix"`
	// SignatureRule is how the catalogue recognises the problem.
	SignatureRule
}

// EntryRef names one entry of one source.
type EntryRef struct {
	Source *parsers.Source
	Index  int
}

// Entry returns the referenced entry.
func (r EntryRef) Entry() *parsers.Entry { return &r.Source.Entries[r.Index] }

// Finding is one match of a signature: the entry that shows the problem,
// and for signatures that span several entries, the others involved.
type Finding struct {
	Signature *Signature
	EntryRef
	Related []EntryRef
	// Groups holds the named groups of the signature's pattern.
	Groups map[string]string
}
