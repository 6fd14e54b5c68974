package app

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"

	"github.com/wxlog/wxlog/parsers"
)

// largestFirst returns the indexes of sources, the source with the most
// text first. Workers that take sources in this order finish close
// together: a large source taken last would leave the other cores idle
// while it is scanned.
func largestFirst(sources []*parsers.Source) []int {
	order := make([]int, len(sources))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return len(sources[order[a]].Text) > len(sources[order[b]].Text)
	})
	return order
}

// Scan runs every signature of the catalogue over every entry of the
// sources whose format it applies to and returns the findings in time
// order (clock-skew corrected). A nil catalogue means the built-in one.
//
// Each entry is first checked with strings.Contains for every distinct
// literal of the catalogue. A signature's regular expression runs only on
// entries that contain one of its literals.
// Sources are scanned in parallel. Multi-entry signatures are then
// resolved across all sources, since a sign-in spreads over client and
// server logs.
func Scan(sources []*parsers.Source, cat *Catalogue) []Finding {
	return scanInUnits(sources, cat, unitBytes(sources))
}

// scanInUnits is Scan with units of about size bytes of text.
func scanInUnits(sources []*parsers.Source, cat *Catalogue, size int) []Finding {
	if cat == nil {
		cat = BuiltinCatalogue()
	}
	if len(cat.Signatures) == 0 || len(sources) == 0 {
		return nil
	}

	plans := map[string]*scanPlan{}
	for _, src := range sources {
		if _, ok := plans[src.Format]; !ok {
			plans[src.Format] = newScanPlan(cat, src.Format)
		}
	}

	// Sources are cut into units of about equal text, so that both cores
	// stay busy to the end even when one source contains most of the text.
	units := splitSources(sources, size)
	results := make([]sourceHits, len(units))
	// A source whose file was cut short while mapped leaves no hits.
	faulted := readUnits(sources, units, func(k int, u scanUnit) {
		src := sources[u.source]
		results[k] = plans[src.Format].scanSource(src, u.lo, u.hi)
	})

	var findings []Finding
	var triggerParts []map[*Signature][]hit
	var clauseParts []map[*Clause][]hit
	for k, r := range results {
		if faulted[units[k].source] {
			continue
		}
		findings = append(findings, r.findings...)
		triggerParts = append(triggerParts, r.triggers)
		clauseParts = append(clauseParts, r.clauses)
	}
	triggers := joinHits(triggerParts)
	clauses := joinHits(clauseParts)
	var multi []*Signature
	for _, s := range cat.Signatures {
		if s.MultiEntry() {
			multi = append(multi, s)
		}
	}
	corr := newCorrelator(clauses, multi)
	// Each signature resolves on its own over the shared, read-only
	// indexes, so they run in parallel. Their findings are joined in
	// catalogue order, as one after the other would give them.
	resolved := make([][]Finding, len(multi))
	inParallel(len(multi), func(i int) {
		resolved[i] = corr.resolve(multi[i], triggers[multi[i]])
	})
	for _, r := range resolved {
		findings = append(findings, r...)
	}
	return sortFindings(dedupeFindings(findings))
}

// Time returns the finding's entry time in Unix nanoseconds, corrected for
// the source's clock skew, or 0 when the entry has no time.
func (f Finding) Time() int64 {
	return refTime(f.EntryRef)
}

func refTime(r EntryRef) int64 {
	t := r.Entry().Time
	if t == 0 {
		return 0
	}
	return t - int64(r.Source.Skew)
}

// hit is one entry a matcher selected.
type hit struct {
	ref    EntryRef
	time   int64
	groups map[string]string
	// key is a clause hit's key value, "" when a part is missing. It is
	// taken during the scan, on all cores and while the entry is in the
	// cache, so that indexing a clause with many hits costs little.
	key string
}

// joinHits joins the hits of each key over the parts, in part order, into
// slices of their final size.
func joinHits[K comparable](parts []map[K][]hit) map[K][]hit {
	sizes := map[K]int{}
	for _, part := range parts {
		for k, hits := range part {
			sizes[k] += len(hits)
		}
	}
	joined := make(map[K][]hit, len(sizes))
	for k, n := range sizes {
		joined[k] = make([]hit, 0, n)
	}
	for _, part := range parts {
		for k, hits := range part {
			joined[k] = append(joined[k], hits...)
		}
	}
	return joined
}

// sourceHits are the findings, trigger hits and clause hits of one source.
type sourceHits struct {
	findings []Finding
	triggers map[*Signature][]hit
	clauses  map[*Clause][]hit
}

// planItem is one matcher to run on entries of a format. Exactly one of
// single, trigger and clause is set.
type planItem struct {
	matcher  *EntryMatcher
	literals []int // indexes into scanPlan.literals
	single   *Signature
	trigger  *Signature
	clause   *Clause
	// shape indexes the items of the plan that match the same entries,
	// and plain is set when the matcher reports no groups, so that a
	// match of an earlier item of its shape can stand for its own.
	shape int
	plain bool
}

// scanPlan is every matcher that applies to one format, with the distinct
// literals they need.
type scanPlan struct {
	literals []string
	set      *literalSet
	items    []planItem
	// shapes counts the distinct shapes of the items.
	shapes int
}

func newScanPlan(cat *Catalogue, format string) *scanPlan {
	p := &scanPlan{}
	literalIndex := map[string]int{}
	add := func(m *EntryMatcher, item planItem) {
		if !m.appliesTo(format) {
			return
		}
		item.matcher = m
		for _, l := range m.Literals {
			i, ok := literalIndex[l]
			if !ok {
				i = len(p.literals)
				literalIndex[l] = i
				p.literals = append(p.literals, l)
			}
			item.literals = append(item.literals, i)
		}
		p.items = append(p.items, item)
	}
	for _, s := range cat.Signatures {
		if !s.MultiEntry() {
			add(&s.EntryMatcher, planItem{single: s})
			continue
		}
		add(&s.EntryMatcher, planItem{trigger: s})
		for i := range s.Then {
			add(&s.Then[i].EntryMatcher, planItem{clause: &s.Then[i]})
		}
		for i := range s.Unless {
			add(&s.Unless[i].EntryMatcher, planItem{clause: &s.Unless[i]})
		}
	}
	p.set = newLiteralSet(p.literals)
	p.shapes = assignShapes(p.items)
	return p
}

// scanSource runs the plan over entries lo to hi-1 of src.
func (p *scanPlan) scanSource(src *parsers.Source, lo, hi int) sourceHits {
	out := sourceHits{triggers: map[*Signature][]hit{}, clauses: map[*Clause][]hit{}}
	if len(p.items) == 0 {
		return out
	}
	found := make([]bool, len(p.literals))
	shapes := make([]uint8, p.shapes)
	var text entryText
	for idx := lo; idx < hi; idx++ {
		raw := src.Entries[idx].Raw
		if !p.set.mark(raw, found) {
			continue
		}
		text.reset(raw)
		clear(shapes)
		for k := range p.items {
			item := &p.items[k]
			if !item.hasLiteral(found) || shapes[item.shape] == absent {
				continue
			}
			var groups map[string]string
			if shapes[item.shape] != present || !item.plain {
				var ok bool
				groups, ok = item.matcher.match(&text)
				if !ok {
					shapes[item.shape] = absent
					continue
				}
				shapes[item.shape] = present
			}
			ref := EntryRef{Source: src, Index: idx}
			h := hit{ref: ref, time: refTime(ref), groups: groups}
			switch {
			case item.single != nil:
				out.findings = append(out.findings, Finding{Signature: item.single, EntryRef: ref, Groups: groups})
			case item.trigger != nil:
				out.triggers[item.trigger] = append(out.triggers[item.trigger], h)
			default:
				h.key, _ = clauseKey(item.clause.Key, h)
				out.clauses[item.clause] = append(out.clauses[item.clause], h)
			}
		}
	}
	return out
}

// assignShapes gives the items that match the same entries one shape
// index and returns the number of shapes. Two items share a shape when
// they need the same literals and have the same exclusion, and their
// patterns parse to the same tree once groups are taken out, as the
// REGISTER trigger and the REGISTER clause of sip-register-rejected do.
func assignShapes(items []planItem) int {
	type shape struct {
		key  string
		tree *syntax.Regexp
	}
	var shapes []shape
	for k := range items {
		m := items[k].matcher
		items[k].plain = !m.hasNamedGroups()
		key := strings.Join(m.Literals, "\x00") + "\x00" + m.Exclude
		tree := m.plain
		items[k].shape = -1
		for s := range shapes {
			if tree != nil && shapes[s].key == key && shapes[s].tree.Equal(tree) {
				items[k].shape = s
				break
			}
		}
		if items[k].shape < 0 {
			items[k].shape = len(shapes)
			shapes = append(shapes, shape{key: key, tree: tree})
		}
	}
	return len(shapes)
}

// plainTree parses expr and takes its groups out, joining the sequences
// and literal runs they split, so that two patterns that match the same
// text the same way give equal trees. It returns nil for an invalid expr.
func plainTree(expr string) *syntax.Regexp {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return flatten(tree)
}

func flatten(re *syntax.Regexp) *syntax.Regexp {
	if re.Op == syntax.OpCapture {
		return flatten(re.Sub[0])
	}
	if re.Op != syntax.OpConcat {
		out := *re
		out.Sub = make([]*syntax.Regexp, len(re.Sub))
		for i, sub := range re.Sub {
			out.Sub[i] = flatten(sub)
		}
		return &out
	}
	var subs []*syntax.Regexp
	var add func(sub *syntax.Regexp)
	add = func(sub *syntax.Regexp) {
		if sub.Op == syntax.OpConcat {
			for _, s := range sub.Sub {
				add(s)
			}
			return
		}
		if last := len(subs) - 1; last >= 0 && sub.Op == syntax.OpLiteral && subs[last].Op == syntax.OpLiteral && subs[last].Flags == sub.Flags {
			joined := *subs[last]
			joined.Rune = append(append([]rune(nil), subs[last].Rune...), sub.Rune...)
			subs[last] = &joined
			return
		}
		subs = append(subs, sub)
	}
	for _, sub := range re.Sub {
		add(flatten(sub))
	}
	out := *re
	out.Sub = subs
	return &out
}

// hasNamedGroups reports whether any branch of the matcher has a named
// group, whose value a match reports.
func (m *EntryMatcher) hasNamedGroups() bool {
	for _, b := range m.branches {
		if hasNamedGroup(b.re) {
			return true
		}
	}
	return false
}

func (item *planItem) hasLiteral(present []bool) bool {
	for _, i := range item.literals {
		if present[i] {
			return true
		}
	}
	return false
}

// match runs the pattern and exclusion on an entry that holds a literal
// and returns the named groups that took part in the match.
func (m *EntryMatcher) match(t *entryText) (map[string]string, bool) {
	// A plain match is much cheaper than a submatch search, and most
	// entries that hold a literal still do not match.
	var matched *ladderPattern
	for _, branch := range m.branches {
		if branch.match(t) {
			matched = branch
			break
		}
	}
	if matched == nil {
		return nil, false
	}
	text := t.raw
	if m.exclude != nil && m.exclude.MatchString(text) {
		return nil, false
	}
	re := matched.re
	if !hasNamedGroup(re) {
		return nil, true
	}
	loc := matched.submatchUnguarded(t)
	var groups map[string]string
	for i, name := range re.SubexpNames() {
		if name == "" || loc[2*i] < 0 {
			continue
		}
		if groups == nil {
			groups = map[string]string{}
		}
		groups[name] = text[loc[2*i]:loc[2*i+1]]
	}
	return groups, true
}

// hasNamedGroup reports whether re has a named group, whose value a
// match must report. A pattern without one needs no submatch search.
func hasNamedGroup(re *regexp.Regexp) bool {
	for _, name := range re.SubexpNames() {
		if name != "" {
			return true
		}
	}
	return false
}

// correlator resolves multi-entry signatures from the trigger and clause
// hits of all sources.
type correlator struct {
	clauses map[*Clause][]hit
	// index holds the hits of each clause by key value (see newCorrelator).
	index map[*Clause]map[string][]hit
}

func (c *correlator) resolve(s *Signature, triggers []hit) []Finding {
	var out []Finding
	for _, t := range triggers {
		matched := make([]hit, 0, len(s.Then))
		for i := range s.Then {
			h, ok := c.find(&s.Then[i], t, t, false)
			if !ok {
				break
			}
			matched = append(matched, h)
		}
		if len(matched) < len(s.Then) {
			continue
		}

		// The finding sits on the latest entry of the chain, usually the
		// response that shows the failure. The other entries are related.
		main := 0
		for i, h := range matched {
			if h.time >= matched[main].time {
				main = i
			}
		}
		vetoed := false
		for i := range s.Unless {
			if _, ok := c.find(&s.Unless[i], t, matched[main], true); ok {
				vetoed = true
				break
			}
		}
		if vetoed {
			continue
		}

		f := Finding{Signature: s, EntryRef: matched[main].ref, Related: []EntryRef{t.ref}}
		f.Groups = mergeGroups(nil, t.groups)
		for i, h := range matched {
			f.Groups = mergeGroups(f.Groups, h.groups)
			if i != main {
				f.Related = append(f.Related, h.ref)
			}
		}
		out = append(out, f)
	}
	return out
}

// find returns the first hit of the clause whose key equals the trigger's
// and that comes after anchor within the clause's window. For "then"
// clauses anchor is the trigger; for "unless" clauses it is the finding's
// entry. Entries of anchor's source must come after it in the file;
// entries of other sources must lie within the window on either side of
// it, because another machine's clock and log buffering can put a response
// slightly before its request.
func (c *correlator) find(cl *Clause, trigger, anchor hit, strictlyAfter bool) (hit, bool) {
	key, ok := clauseKey(cl.Key, trigger)
	if !ok {
		return hit{}, false
	}
	window := int64(cl.Within)
	var best hit
	found := false
	for _, h := range c.lookup(cl)[key] {
		sameSource := h.ref.Source == anchor.ref.Source
		if cl.SameSource && h.ref.Source != trigger.ref.Source {
			continue
		}
		dt := h.time - anchor.time
		switch {
		case sameSource:
			if h.ref.Index <= anchor.ref.Index || dt > window {
				continue
			}
		case strictlyAfter:
			if dt < 0 || dt > window {
				continue
			}
		default:
			if dt < -window || dt > window {
				continue
			}
		}
		if !found || h.time < best.time {
			best, found = h, true
		}
	}
	return best, found
}

// newCorrelator indexes the hits of every clause of the signatures by key,
// one clause per goroutine. The correlator is read-only afterwards, so
// signatures can be resolved in parallel.
func newCorrelator(clauses map[*Clause][]hit, signatures []*Signature) *correlator {
	var all []*Clause
	for _, s := range signatures {
		for i := range s.Then {
			all = append(all, &s.Then[i])
		}
		for i := range s.Unless {
			all = append(all, &s.Unless[i])
		}
	}
	indexes := make([]map[string][]hit, len(all))
	inParallel(len(all), func(i int) {
		indexes[i] = indexHits(clauses[all[i]])
	})
	c := &correlator{clauses: clauses, index: map[*Clause]map[string][]hit{}}
	for i, cl := range all {
		c.index[cl] = indexes[i]
	}
	return c
}

// indexHits files the hits of a clause under their key values.
func indexHits(hits []hit) map[string][]hit {
	idx := map[string][]hit{}
	for _, h := range hits {
		if h.key != "" {
			idx[h.key] = append(idx[h.key], h)
		}
	}
	return idx
}

// lookup returns the clause's hits by key. A clause that newCorrelator did
// not index is indexed on each call and not stored, so that concurrent
// resolutions never write to the correlator.
func (c *correlator) lookup(cl *Clause) map[string][]hit {
	if idx, ok := c.index[cl]; ok {
		return idx
	}
	return indexHits(c.clauses[cl])
}

// clauseKey joins the key values of a hit; ok is false when one is missing.
func clauseKey(names []string, h hit) (string, bool) {
	if len(names) == 1 {
		v := keyValue(names[0], h)
		return v, v != ""
	}
	var b strings.Builder
	for i, name := range names {
		v := keyValue(name, h)
		if v == "" {
			return "", false
		}
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(v)
	}
	return b.String(), true
}

func keyValue(name string, h hit) string {
	e := h.ref.Entry()
	if group, ok := strings.CutPrefix(name, "group:"); ok {
		return h.groups[group]
	}
	if name == "thread" {
		return e.Thread()
	}
	switch name {
	case "tracking_id":
		return e.TrackingID()
	case "correlation_id":
		return e.CorrelationID()
	case "sip_call_id":
		return e.SIPCallID()
	case "sip_cseq":
		return e.SIPCSeq()
	}
	return ""
}

func mergeGroups(dst, src map[string]string) map[string]string {
	for k, v := range src {
		if dst == nil {
			dst = map[string]string{}
		}
		if _, ok := dst[k]; !ok {
			dst[k] = v
		}
	}
	return dst
}

// dedupeFindings keeps one finding per signature and entry, because two
// triggers can lead to the same response.
func dedupeFindings(findings []Finding) []Finding {
	type key struct {
		sig *Signature
		src *parsers.Source
		idx int
	}
	seen := make(map[key]bool, len(findings))
	out := findings[:0]
	for _, f := range findings {
		k := key{f.Signature, f.Source, f.Index}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

func sortFindings(findings []Finding) []Finding {
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if ta, tb := a.Time(), b.Time(); ta != tb {
			return ta < tb
		}
		if a.Source != b.Source {
			return a.Source.Name < b.Source.Name
		}
		if a.Index != b.Index {
			return a.Index < b.Index
		}
		return a.Signature.ID < b.Signature.ID
	})
	return findings
}

// FindingGroup is every finding of one signature, for the findings panel.
type FindingGroup struct {
	Signature *Signature
	// Findings are in time order.
	Findings []Finding
	// First and Last are the skew-corrected times of the earliest and
	// latest finding in Unix nanoseconds; 0 when none has a time.
	First, Last int64
}

// Count returns the number of findings in the group.
func (g FindingGroup) Count() int { return len(g.Findings) }

// GroupFindings groups findings by signature, most severe first, then by
// the time of the first finding, then by id.
func GroupFindings(findings []Finding) []FindingGroup {
	index := map[*Signature]int{}
	var groups []FindingGroup
	for _, f := range sortFindings(append([]Finding(nil), findings...)) {
		i, ok := index[f.Signature]
		if !ok {
			i = len(groups)
			index[f.Signature] = i
			groups = append(groups, FindingGroup{Signature: f.Signature})
		}
		g := &groups[i]
		g.Findings = append(g.Findings, f)
		if t := f.Time(); t != 0 {
			if g.First == 0 || t < g.First {
				g.First = t
			}
			if t > g.Last {
				g.Last = t
			}
		}
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if ra, rb := SeverityRank(a.Signature.Severity), SeverityRank(b.Signature.Severity); ra != rb {
			return ra < rb
		}
		if a.First != b.First {
			return a.First < b.First
		}
		return a.Signature.ID < b.Signature.ID
	})
	return groups
}

// findingReports describes findings for a report, in time order, with the
// texts in the report language (Language, English unless set).
func findingReports(findings []Finding) []FindingReport {
	out := make([]FindingReport, 0, len(findings))
	for _, f := range sortFindings(append([]Finding(nil), findings...)) {
		out = append(out, FindingReport{
			Signature: f.Signature.ID,
			Severity:  f.Signature.Severity,
			Source:    f.Source.Name,
			Line:      int(f.Entry().Line),
			Time:      FormatTime(f.Time()),
			Title:     f.Signature.Title.In(Language()),
			Text:      keyLine(f.Entry()),
			Detail:    findingDetail(f),
			Meaning:   f.Signature.Meaning.In(Language()),
			Fix:       f.Signature.Fix.In(Language()),
		})
	}
	return out
}

// findingDetail returns the status or error code that a finding's entries
// show, so that a report prints "SIP 403" beside a title that only names a
// rejected REGISTER. The finding's own entry is read first.
func findingDetail(f Finding) string {
	refs := append([]EntryRef{f.EntryRef}, f.Related...)
	for _, ref := range refs {
		fields := ref.Entry().Fields
		if fields == nil {
			continue
		}
		switch {
		case fields.SIPStatus != 0:
			return fmt.Sprintf("SIP %d", fields.SIPStatus)
		case fields.HTTPStatus != 0:
			return fmt.Sprintf("HTTP %d", fields.HTTPStatus)
		case fields.ErrorCode != 0:
			return fmt.Sprintf("errorCode %d", fields.ErrorCode)
		}
	}
	return ""
}

// withDetails returns the title with the details in parentheses, inside
// the title's own closing parenthesis when it ends in one: "BroadWorks
// token fetch failed (1502, HTTP 403)".
func withDetails(title string, details []string) string {
	if len(details) == 0 {
		return title
	}
	if strings.HasSuffix(title, ")") {
		return strings.TrimSuffix(title, ")") + ", " + strings.Join(details, ", ") + ")"
	}
	return title + " (" + strings.Join(details, ", ") + ")"
}

// titleHasCode reports whether a title already names the number of a
// detail such as "HTTP 409", so that the report does not repeat it.
func titleHasCode(title, detail string) bool {
	sp := strings.LastIndexByte(detail, ' ')
	return sp >= 0 && strings.Contains(title, detail[sp+1:])
}

// maxListedOccurrences is how many places of one signature the text
// report lists before it only counts the rest.
const maxListedOccurrences = 5

// writeFindingsText writes the findings section of the text report: one
// block per signature, in the order of its first occurrence, with its
// places, what it means and the fix once.
func writeFindingsText(b *strings.Builder, findings []FindingReport) {
	var order []string
	groups := map[string][]FindingReport{}
	for _, f := range findings {
		if _, ok := groups[f.Signature]; !ok {
			order = append(order, f.Signature)
		}
		groups[f.Signature] = append(groups[f.Signature], f)
	}
	if len(findings) == 0 {
		fmt.Fprintf(b, "%s\n", T("Findings (none)"))
		return
	}
	fmt.Fprintf(b, "%s (%s)\n", T("Findings"), T("{{.Signatures}} signatures, {{.Count}} occurrences",
		map[string]any{"Signatures": len(order), "Count": len(findings)}))
	for _, id := range order {
		group := groups[id]
		first := group[0]
		var details []string
		for _, f := range group {
			if f.Detail != "" && !containsString(details, f.Detail) && !titleHasCode(first.Title, f.Detail) {
				details = append(details, f.Detail)
			}
		}
		title := withDetails(first.Title, details)
		// Eight columns fit the longest severity name, Danish "advarsel".
		fmt.Fprintf(b, "  %-8s %s: %s\n", first.Severity, first.Signature, title)
		if len(group) > 1 {
			fmt.Fprintf(b, "    %s\n", T("{{.Count}} times, {{.First}} .. {{.Last}}",
				map[string]any{"Count": len(group), "First": first.Time, "Last": group[len(group)-1].Time}))
		}
		for i, f := range group {
			if i == maxListedOccurrences {
				fmt.Fprintf(b, "    %s\n", T("[{{.Count}} more]", map[string]any{"Count": len(group) - i}))
				break
			}
			fmt.Fprintf(b, "    %s:%d", f.Source, f.Line)
			if f.Time != "" {
				fmt.Fprintf(b, ", %s", f.Time)
			}
			b.WriteString("\n")
			if f.Text != "" {
				fmt.Fprintf(b, "      %s\n", f.Text)
			}
		}
		if first.Meaning != "" {
			fmt.Fprintf(b, "    %s: %s\n", T("cause"), first.Meaning)
		}
		if first.Fix != "" {
			fmt.Fprintf(b, "    %s: %s\n", T("fix"), first.Fix)
		}
	}
}
