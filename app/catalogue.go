package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wxlog/wxlog/assets"
	"github.com/wxlog/wxlog/parsers"
)

// A catalogue file is JSON:
//
//	{
//	  "$schema": "schema.json",
//	  "signatures": [
//	    {
//	      "id": "imp-provisioning-error",
//	      "severity": "error",
//	      "step": "provisioning",
//	      "title": {"en": "...", "da": "..."}, "meaning": {...}, "fix": {...},
//	      "formats": ["bw-pslog"],
//	      "literals": ["[Error 18215]"],
//	      "pattern": "\\[Error (?P<code>18215)\\]",
//	      "samples": ["[Error 18215] Provisioning error with messaging server"],
//	      "must_not": ["[Error 18211] Communication error with messaging server"]
//	    }
//	  ]
//	}
//
// assets/signatures/schema.json documents every field.

// Catalogue is the set of signatures an analysis scans for.
type Catalogue struct {
	Signatures []*Signature
}

// EntryMatcher selects entries: those of the listed formats whose raw text holds
// at least one of the literals, matches the pattern and does not match the
// exclusion pattern.
type EntryMatcher struct {
	// Formats are parser format ids such as "webex-desktop"; empty means
	// every format.
	Formats []string `json:"formats,omitempty"`
	// Literals are plain strings, compared case-sensitively; an entry must
	// contain at least one before the pattern runs. They keep a full scan
	// fast, so each should be rare in ordinary log text.
	Literals []string `json:"literals"`
	// Pattern is a Go regular expression (RE2 syntax) over the raw entry
	// text. Its named groups become the finding's groups.
	Pattern string `json:"pattern"`
	// Exclude is an optional pattern that, when it matches, vetoes the
	// entry. RE2 has no negative look-ahead, so "a POST without
	// primaryPhoneNumber" is a pattern plus an exclusion.
	Exclude string `json:"exclude,omitempty"`
	// Samples are entry texts that must match; MustNot are entry texts
	// that must not.
	Samples []string `json:"samples"`
	MustNot []string `json:"must_not,omitempty"`

	re      *regexp.Regexp
	exclude *regexp.Regexp
	// branches are the top-level alternatives of the pattern compiled
	// one by one, because Go's regexp skips ahead with strings.Index only
	// for a pattern that starts with a literal, and an alternation never
	// does. A pattern without top-level alternatives is its only branch.
	// Each branch checks the literals it requires before it runs, so an
	// entry that holds a signature's literal but not the rest of its text
	// costs a few substring searches, not a regexp run. A branch that
	// starts with literal text runs anchored where that text occurs (see
	// ladderPattern).
	branches []*ladderPattern
	// plain is the pattern's parse tree without groups (see plainTree),
	// from which the scan plan finds the matchers that match the same entries.
	plain *syntax.Regexp
}

// Clause is one more entry a multi-entry signature looks for, related to
// the entry that matched the signature's own matcher (the trigger).
type Clause struct {
	EntryMatcher
	// Key names the values that must be equal in the trigger and this
	// entry: tracking_id, correlation_id, sip_call_id, sip_cseq, thread,
	// or group:NAME for a named group of both patterns.
	Key []string `json:"key"`
	// SameSource requires the entry to be in the trigger's source.
	SameSource bool `json:"same_source,omitempty"`
	// Within is how far in time the entry may be from the trigger (for
	// "then") or from the finding's entry (for "unless"), such as "30s".
	Within Duration `json:"within"`
}

// SignatureRule is the part of a signature that recognises it in the
// logs. A rule without clauses raises a finding for every entry its
// matcher selects. With clauses, each selected entry is a trigger, and a
// finding is raised when every "then" clause finds a later entry with the
// same key and no "unless" clause finds one after that.
type SignatureRule struct {
	EntryMatcher
	Then   []Clause `json:"then,omitempty"`
	Unless []Clause `json:"unless,omitempty"`
}

// Duration is a time.Duration written in JSON as a Go duration string.
type Duration time.Duration

// UnmarshalJSON reads a duration such as "30s" or "2m".
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("invalid duration %s: expected a string such as \"30s\"", b)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("invalid duration %q: expected a value such as \"30s\" or \"2m\"", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// Severities of a signature, from most to least important.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// SeverityRank orders severities: error 0, warning 1, info 2, others 3.
func SeverityRank(severity string) int {
	switch severity {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	case SeverityInfo:
		return 2
	}
	return 3
}

// LadderSteps are the ids of the sign-in steps in the order they happen.
// A signature's step is one of these, "provisioning" or "".
var LadderSteps = []string{
	"email-entered", "uap-redirect", "xsi-profile", "saml-assertion", "ci-token", "entitlement",
	"jwt-request", "authservice-token", "xsi-device-list", "dms-config", "sip-register",
}

// maxClauseWindow bounds Clause.Within: correlation across more than an
// hour would tie unrelated sign-in attempts together.
const maxClauseWindow = time.Hour

var (
	signatureIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*[a-z0-9]$`)
	keyFields          = map[string]bool{"tracking_id": true, "correlation_id": true, "sip_call_id": true, "sip_cseq": true, "thread": true}
)

// CatalogueError is a problem with one signature of a catalogue file, or
// with the whole file when Signature is empty.
type CatalogueError struct {
	File string
	// Signature is the signature's id, or "#N" (1-based position) when
	// the id is missing.
	Signature string
	Err       error
}

func (e *CatalogueError) Error() string {
	if e.Signature == "" {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: signature %s: %v", e.File, e.Signature, e.Err)
}

func (e *CatalogueError) Unwrap() error { return e.Err }

// catalogueFile is the top level of a catalogue file.
type catalogueFile struct {
	Schema     string            `json:"$schema,omitempty"`
	Signatures []json.RawMessage `json:"signatures"`
}

// ParseCatalogue reads a catalogue file's content. Signatures with a
// problem are left out and each problem is returned as a *CatalogueError;
// the good signatures are kept. name is used in the errors only.
func ParseCatalogue(name string, data []byte) (*Catalogue, []error) {
	return parseCatalogue(name, data, false)
}

// LoadCatalogue reads a user's catalogue file. The file is only read.
func LoadCatalogue(file string) (*Catalogue, []error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return &Catalogue{}, []error{&CatalogueError{File: file, Err: err}}
	}
	return ParseCatalogue(file, data)
}

// MergeCatalogue returns base with the signatures of extra added. A
// signature of extra with the id of one in base replaces it, so a user can
// refine a built-in signature. Neither argument is changed.
func MergeCatalogue(base, extra *Catalogue) *Catalogue {
	out := &Catalogue{}
	index := map[string]int{}
	for _, c := range []*Catalogue{base, extra} {
		if c == nil {
			continue
		}
		for _, s := range c.Signatures {
			if i, ok := index[s.ID]; ok {
				out.Signatures[i] = s
				continue
			}
			index[s.ID] = len(out.Signatures)
			out.Signatures = append(out.Signatures, s)
		}
	}
	return out
}

// ByID returns the signature with that id, or nil.
func (c *Catalogue) ByID(id string) *Signature {
	if c == nil {
		return nil
	}
	for _, s := range c.Signatures {
		if s.ID == id {
			return s
		}
	}
	return nil
}

var (
	builtinOnce  sync.Once
	builtinCache *Catalogue
	builtinErrs  []error
)

// BuiltinCatalogue returns the catalogue embedded in package assets,
// parsed once. Problems in the built-in files are logged and the bad
// signatures left out; the catalogue self-test keeps them at zero.
func BuiltinCatalogue() *Catalogue {
	builtinOnce.Do(func() {
		builtinCache, builtinErrs = loadCatalogueFS(assets.SignatureFiles())
		for _, err := range builtinErrs {
			slog.Error("built-in signature catalogue", "err", err)
		}
	})
	return builtinCache
}

// loadCatalogueFS reads every *.json file at the top of fsys except
// schema.json, in name order, with the strict checks of the built-in
// catalogue. An id defined in two files is kept from the first.
func loadCatalogueFS(fsys fs.FS) (*Catalogue, []error) {
	cat := &Catalogue{}
	var errs []error
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return cat, []error{err}
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "schema.json" {
			continue
		}
		file := path.Join("signatures", name)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, &CatalogueError{File: file, Err: err})
			continue
		}
		c, fileErrs := parseCatalogue(file, data, true)
		errs = append(errs, fileErrs...)
		for _, s := range c.Signatures {
			if cat.ByID(s.ID) != nil {
				errs = append(errs, &CatalogueError{File: file, Signature: s.ID, Err: errors.New("duplicate id: an earlier built-in file defines it")})
				continue
			}
			cat.Signatures = append(cat.Signatures, s)
		}
	}
	return cat, errs
}

// parseCatalogue decodes and checks a catalogue file. strict adds the
// checks the built-in catalogue must pass and a user's file need not:
// Danish texts.
func parseCatalogue(name string, data []byte, strict bool) (*Catalogue, []error) {
	cat := &Catalogue{}
	var file catalogueFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return cat, []error{&CatalogueError{File: name, Err: describeJSONError(data, err)}}
	}
	if file.Signatures == nil {
		return cat, []error{&CatalogueError{File: name, Err: errors.New(`missing "signatures": expected {"signatures": [...]}`)}}
	}

	var errs []error
	seen := map[string]bool{}
	for i, raw := range file.Signatures {
		s := &Signature{}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		err := dec.Decode(s)
		label := s.ID
		if label == "" {
			label = fmt.Sprintf("#%d", i+1)
		}
		if err != nil {
			errs = append(errs, &CatalogueError{File: name, Signature: label, Err: describeJSONError(raw, err)})
			continue
		}
		if seen[s.ID] {
			errs = append(errs, &CatalogueError{File: name, Signature: label, Err: errors.New("duplicate id: an earlier signature in the file has it")})
			continue
		}
		if problems := s.compile(strict); len(problems) > 0 {
			for _, p := range problems {
				errs = append(errs, &CatalogueError{File: name, Signature: label, Err: p})
			}
			continue
		}
		seen[s.ID] = true
		cat.Signatures = append(cat.Signatures, s)
	}
	return cat, errs
}

// describeJSONError adds the line and column to a JSON syntax or type error.
func describeJSONError(data []byte, err error) error {
	var offset int64 = -1
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	if offset < 0 || offset > int64(len(data)) {
		return fmt.Errorf("invalid JSON: %v", err)
	}
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := int(offset) - bytes.LastIndexByte(data[:offset], '\n')
	return fmt.Errorf("invalid JSON at line %d, column %d: %v", line, col, err)
}

// compile checks the signature and compiles its patterns. It returns every
// problem found, so one fix round covers them all.
func (s *Signature) compile(strict bool) []error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if !signatureIDPattern.MatchString(s.ID) {
		add("invalid id %q: expected lower-case letters, digits and '-'", s.ID)
	}
	if SeverityRank(s.Severity) > 2 {
		add("invalid severity %q: expected error, warning or info", s.Severity)
	}
	if s.Step != "" && s.Step != "provisioning" && !containsString(LadderSteps, s.Step) {
		add("unknown step %q: expected one of %s, provisioning, or empty", s.Step, strings.Join(LadderSteps, ", "))
	}
	for _, text := range []struct {
		field string
		value Localized
	}{{"title", s.Title}, {"meaning", s.Meaning}, {"fix", s.Fix}} {
		if strings.TrimSpace(text.value.En) == "" {
			add("missing English %s (%s.en)", text.field, text.field)
		}
		if strict && strings.TrimSpace(text.value.Da) == "" {
			add("missing Danish %s (%s.da)", text.field, text.field)
		}
	}

	errs = append(errs, s.EntryMatcher.compile("")...)
	for i := range s.Then {
		errs = append(errs, s.Then[i].compile(fmt.Sprintf("then[%d]", i))...)
	}
	for i := range s.Unless {
		errs = append(errs, s.Unless[i].compile(fmt.Sprintf("unless[%d]", i))...)
	}
	if len(s.Unless) > 0 && len(s.Then) == 0 {
		add(`"unless" needs at least one "then" clause`)
	}
	return errs
}

func (c *Clause) compile(where string) []error {
	errs := c.EntryMatcher.compile(where + ".")
	if len(c.Key) == 0 {
		errs = append(errs, fmt.Errorf("%s: missing key: name the values shared with the trigger, such as tracking_id", where))
	}
	for _, k := range c.Key {
		if !keyFields[k] && !(strings.HasPrefix(k, "group:") && len(k) > len("group:")) {
			errs = append(errs, fmt.Errorf("%s: unknown key %q: expected tracking_id, correlation_id, sip_call_id, sip_cseq, thread or group:NAME", where, k))
		}
	}
	if c.Within <= 0 || time.Duration(c.Within) > maxClauseWindow {
		errs = append(errs, fmt.Errorf("%s: invalid within %v: expected a duration above 0 and at most %v", where, time.Duration(c.Within), maxClauseWindow))
	}
	return errs
}

// compile checks and compiles the matcher; prefix names it in messages,
// such as "then[0].".
func (m *EntryMatcher) compile(prefix string) []error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(prefix+format, args...)) }

	for _, f := range m.Formats {
		if parsers.FormatByID(f) == nil {
			add("unknown format %q", f)
		}
	}
	if len(m.Literals) == 0 {
		add("missing literals: give at least one plain string every match contains")
	}
	for _, l := range m.Literals {
		if l == "" {
			add("empty literal")
		}
	}
	var err error
	if m.Pattern == "" {
		add("missing pattern")
	} else if m.re, err = regexp.Compile(m.Pattern); err != nil {
		add("invalid pattern: %v", err)
	} else {
		m.branches = splitAlternatives(m.re)
		m.plain = plainTree(m.Pattern)
	}
	if m.Exclude != "" {
		if m.exclude, err = regexp.Compile(m.Exclude); err != nil {
			add("invalid exclude pattern: %v", err)
		}
	}
	if len(errs) > 0 {
		return errs
	}

	if len(m.Samples) == 0 {
		add("no samples: give at least one entry text the pattern must match")
	}
	for _, sample := range m.Samples {
		if !m.matchText(sample) {
			add("sample does not match: %q", sample)
		}
	}
	for _, line := range m.MustNot {
		if m.matchText(line) {
			add("must_not line matches: %q", line)
		}
	}
	return errs
}

// splitAlternatives compiles each top-level alternative of re on its own.
// Each alternative keeps its named groups and flags, so the branches
// together match exactly what re matches.
func splitAlternatives(re *regexp.Regexp) []*ladderPattern {
	whole := func() []*ladderPattern {
		p, err := newLadderPattern(re.String())
		if err != nil {
			// re compiled already, so its own text compiles too.
			panic(err)
		}
		return []*ladderPattern{p}
	}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil || tree.Op != syntax.OpAlternate {
		return whole()
	}
	branches := make([]*ladderPattern, 0, len(tree.Sub))
	for _, sub := range tree.Sub {
		branch, err := newLadderPattern(sub.String())
		if err != nil {
			return whole()
		}
		branches = append(branches, branch)
	}
	return branches
}

// matchText applies the literals, pattern and exclusion to text; it does
// not look at formats.
func (m *EntryMatcher) matchText(text string) bool {
	if !m.hasLiteral(text) {
		return false
	}
	_, ok := m.match(&entryText{raw: text})
	return ok
}

func (m *EntryMatcher) hasLiteral(text string) bool {
	for _, l := range m.Literals {
		if strings.Contains(text, l) {
			return true
		}
	}
	return false
}

// appliesTo reports whether the matcher reads entries of a format.
func (m *EntryMatcher) appliesTo(format string) bool {
	return len(m.Formats) == 0 || containsString(m.Formats, format)
}

// MatchesText reports whether the signature's own matcher selects text,
// ignoring formats and clauses.
func (s *Signature) MatchesText(text string) bool {
	return s.re != nil && s.matchText(text)
}

// MultiEntry reports whether the signature needs more than one entry.
func (s *Signature) MultiEntry() bool { return len(s.Then) > 0 }

// In returns the text in the language with that code ("en", "da", or a
// locale such as "da-DK"), falling back to English.
func (l Localized) In(language string) string {
	if strings.HasPrefix(strings.ToLower(language), "da") && l.Da != "" {
		return l.Da
	}
	return l.En
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
