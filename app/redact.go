package app

import (
	"encoding/json"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/wxlog/wxlog/parsers"
)

// Masker replaces personal data in text with pseudonyms for screen sharing
// and for exports that leave the company. The same value always gets the
// same pseudonym from one Masker, so a masked story stays readable:
//
//	Sign-in started for alice@example.com          -> Sign-in started for user-1@…
//	<userId>alice.bw@example.net</userId>          -> <userId>user-2@…</userId>
//	From: <sip:alice_0@example.net>;tag=e58c154d   -> From: <sip:user-3@example.net>;tag=e58c154d
//	Via: SIP/2.0/UDP 198.51.100.20:5060            -> Via: SIP/2.0/UDP ip-1:5060
//	nonce="BroadWorksXk5c2hq1T8x3ew0BW"            -> nonce="nonce-1"
//
// What is masked: email addresses (also URL-encoded with %40), phone
// numbers in E.164 form and in BroadWorks phone elements, the user part of
// sip:, sips: and tel: URIs, IPv4 and IPv6 addresses except loopback and
// unspecified ones, BroadWorks user ids and device names from OCI-P and Xsi
// elements, personal names from firstName and lastName elements, every
// UUID that stands alone (Webex user and org ids are UUIDs, and a UUID
// cannot be told apart from them by shape), passwords, tokens, keys,
// Authorization values, nonces and JWTs.
//
// What stays: tracking ids such as CLIENT_<uuid>, because support teams
// quote them to find a session and they name no person; host names, which
// name servers; times, codes and the rest of the text.
//
// A Masker is safe for use from several goroutines. Mask keeps a bounded
// cache of recent short texts, because a view draws the same rows again
// and again.
type Masker struct {
	mu sync.Mutex
	// pseudonyms maps a normalised value to its pseudonym.
	pseudonyms map[string]string
	counters   map[string]int
	// literals are learned values that no pattern finds by shape, such as
	// a BroadWorks user id "alice_0"; they are masked wherever they stand
	// as a whole word.
	literals []string
	cache    map[string]string
}

// maskCacheMax bounds the cache of masked rows; when it is full it is
// cleared. A screen holds far fewer rows than this.
const maskCacheMax = 8192

// maskCacheTextMax is the longest text the cache keeps: whole files and
// large messages are masked once and not worth keeping.
const maskCacheTextMax = 4096

// minLiteral is the shortest learned value that is masked as a word;
// shorter ones, such as an extension "0100", match too much unrelated text.
const minLiteral = 4

// NewMasker returns a Masker with no pseudonyms assigned yet.
func NewMasker() *Masker {
	return &Masker{
		pseudonyms: map[string]string{},
		counters:   map[string]int{},
		cache:      map[string]string{},
	}
}

// Pseudonym labels, one numbering per label.
const (
	labelUser   = "user"
	labelPhone  = "phone"
	labelIP     = "ip"
	labelIPv6   = "ipv6"
	labelOrg    = "org"
	labelID     = "id"
	labelSecret = "secret"
	labelNonce  = "nonce"
	labelJWT    = "jwt"
	labelName   = "name"
	labelExt    = "ext"
)

// span is one value to replace: text[start:end] gets a pseudonym of label.
type span struct {
	start, end int
	label      string
	// rank breaks ties between spans that start at the same place: the
	// lower rank wins.
	rank int
}

// maskRule finds values of one kind. hint is a cheap test that the text
// may hold such a value at all, so most rules skip most rows.
type maskRule struct {
	hint  func(text string) bool
	find  func(text string, add func(start, end int, label string))
	label string
}

var (
	jwtPattern      = regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
	authPattern     = regexp.MustCompile(`(?i)\b(?:proxy-)?authorization\s*:\s*(?:(basic|bearer|token|negotiate)\s+)?("?[^\s",;]+)`)
	paramPattern    = regexp.MustCompile(`(?i)\b(?:c?nonce|response|password|passwd|pwd|token|access_token|refresh_token|id_token|key|secret|client_secret|api_?key|opaque)=("[^"\r\n]*"|[^\s"&,;<>]+)`)
	colonPattern    = regexp.MustCompile(`(?i)\b(?:password|passwd|nonce)\s*:\s*([^\s"&,;<>]+)`)
	jsonPattern     = regexp.MustCompile(`(?i)"(?:password|passwd|secret|client_secret|token|access_token|refresh_token|id_token|nonce|authorization)"\s*:\s*"([^"]*)"`)
	userParamPatern = regexp.MustCompile(`(?i)\b(?:username|http_bw_userid|bwuserid|userid)\s*[=:]\s*"?([^\s"&,;<>]+)`)
	xmlPattern      = regexp.MustCompile(`<(password|userId|bwuserid|email|emailAddress|phoneNumber|primaryPhoneNumber|mobilePhoneNumber|number|extension|firstName|lastName|displayName|callingLineIdLastName|callingLineIdFirstName|deviceName|deviceLinePort|linePort)>([^<]+)</`)
	emailPattern    = regexp.MustCompile(`[A-Za-z0-9._%+-]*[A-Za-z0-9_+-](?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	sipPattern      = regexp.MustCompile(`(?i)\b(?:sips?|tel):([^@\s;>:"<,]+)@|(?i)\btel:(\+?[0-9][0-9().-]{5,})`)
	phonePattern    = regexp.MustCompile(`\+[0-9]{7,15}\b`)
	ipv4Pattern     = regexp.MustCompile(`\b(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\b`)
	ipv6Pattern     = regexp.MustCompile(`[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}`)
	uuidPattern     = regexp.MustCompile(`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`)
)

func containsFold(text, lower string) bool {
	// The keys are ASCII, so checking both common spellings is enough and
	// avoids lower-casing every row.
	return strings.Contains(text, lower) || strings.Contains(text, strings.ToUpper(lower[:1])+lower[1:]) ||
		strings.Contains(text, strings.ToUpper(lower))
}

// maskRules are tried in order; where two rules find values that start at
// the same place, the earlier rule wins.
var maskRules = []maskRule{
	{
		label: labelJWT,
		hint:  func(s string) bool { return strings.Contains(s, "eyJ") },
		find:  findAll(jwtPattern, 0, labelJWT),
	},
	{
		label: labelSecret,
		hint:  func(s string) bool { return containsFold(s, "authorization") },
		find: func(s string, add func(int, int, string)) {
			for _, m := range authPattern.FindAllStringSubmatchIndex(s, -1) {
				start, end := m[4], m[5]
				value := s[start:end]
				if m[2] < 0 && (strings.EqualFold(value, "digest") || strings.EqualFold(value, "basic") || strings.EqualFold(value, "bearer")) {
					// Digest parameters are masked one by one below; a
					// scheme with nothing after it holds no secret.
					continue
				}
				start, end = unquote(s, start, end)
				add(start, end, labelSecret)
			}
		},
	},
	{
		label: labelSecret,
		hint:  func(s string) bool { return strings.IndexByte(s, '=') >= 0 },
		find: func(s string, add func(int, int, string)) {
			for _, m := range paramPattern.FindAllStringSubmatchIndex(s, -1) {
				start, end := unquote(s, m[2], m[3])
				label := labelSecret
				if strings.Contains(strings.ToLower(s[m[0]:m[2]]), "nonce") {
					label = labelNonce
				}
				add(start, end, label)
			}
		},
	},
	{
		label: labelSecret,
		hint:  func(s string) bool { return strings.IndexByte(s, '"') >= 0 },
		find:  findAll(jsonPattern, 1, labelSecret),
	},
	{
		label: labelSecret,
		hint: func(s string) bool {
			return containsFold(s, "password") || containsFold(s, "nonce") || containsFold(s, "passwd")
		},
		find: func(s string, add func(int, int, string)) {
			for _, m := range colonPattern.FindAllStringSubmatchIndex(s, -1) {
				label := labelSecret
				if strings.Contains(strings.ToLower(s[m[0]:m[2]]), "nonce") {
					label = labelNonce
				}
				add(m[2], m[3], label)
			}
		},
	},
	{
		label: labelUser,
		hint:  func(s string) bool { return containsFold(s, "user") || containsFold(s, "userid") },
		find:  findAll(userParamPatern, 1, labelUser),
	},
	{
		label: labelUser,
		hint:  func(s string) bool { return strings.Contains(s, "</") },
		find: func(s string, add func(int, int, string)) {
			for _, m := range xmlPattern.FindAllStringSubmatchIndex(s, -1) {
				add(m[4], m[5], xmlLabel(s[m[2]:m[3]], s[m[4]:m[5]]))
			}
		},
	},
	{
		label: labelUser,
		hint: func(s string) bool {
			return strings.Contains(s, "sip:") || strings.Contains(s, "tel:") || strings.Contains(s, "sips:") ||
				strings.Contains(s, "SIP:") || strings.Contains(s, "TEL:")
		},
		find: func(s string, add func(int, int, string)) {
			for _, m := range sipPattern.FindAllStringSubmatchIndex(s, -1) {
				start, end := m[2], m[3]
				if start < 0 {
					start, end = m[4], m[5]
				}
				add(start, end, userLabel(s[start:end]))
			}
		},
	},
	{
		label: labelUser,
		hint:  func(s string) bool { return strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "%40") },
		find:  findAll(emailPattern, 0, labelUser),
	},
	{
		label: labelPhone,
		hint:  func(s string) bool { return strings.IndexByte(s, '+') >= 0 },
		find:  findAll(phonePattern, 0, labelPhone),
	},
	{
		label: labelOrg,
		hint:  func(s string) bool { return strings.IndexByte(s, '-') >= 0 },
		find: func(s string, add func(int, int, string)) {
			for _, m := range uuidPattern.FindAllStringIndex(s, -1) {
				add(m[0], m[1], uuidLabel(s, m[0]))
			}
		},
	},
	{
		label: labelIP,
		hint:  func(s string) bool { return strings.IndexByte(s, '.') >= 0 },
		find: func(s string, add func(int, int, string)) {
			for _, m := range ipv4Pattern.FindAllStringIndex(s, -1) {
				if isDottedNeighbour(s, m[0]-1) || isDottedNeighbour(s, m[1]) {
					// Part of a longer dotted number, such as a version.
					continue
				}
				addr, err := netip.ParseAddr(s[m[0]:m[1]])
				if err != nil || addr.IsLoopback() || addr.IsUnspecified() {
					continue
				}
				add(m[0], m[1], labelIP)
			}
		},
	},
	{
		label: labelIPv6,
		hint:  func(s string) bool { return strings.Contains(s, "::") || strings.Count(s, ":") >= 7 },
		find: func(s string, add func(int, int, string)) {
			for _, m := range ipv6Pattern.FindAllStringIndex(s, -1) {
				if m[0] > 0 && isWordByte(s[m[0]-1]) || m[1] < len(s) && isWordByte(s[m[1]]) {
					// C++ scope operators such as Class::add look alike.
					continue
				}
				addr, err := netip.ParseAddr(s[m[0]:m[1]])
				if err != nil || !addr.Is6() || addr.IsLoopback() || addr.IsUnspecified() {
					continue
				}
				add(m[0], m[1], labelIPv6)
			}
		},
	},
}

func findAll(re *regexp.Regexp, group int, label string) func(string, func(int, int, string)) {
	return func(s string, add func(int, int, string)) {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			start, end := m[2*group], m[2*group+1]
			if start >= 0 {
				add(start, end, label)
			}
		}
	}
}

// unquote narrows a span to the inside of its double quotes, if any.
func unquote(s string, start, end int) (int, int) {
	if end-start >= 2 && s[start] == '"' && s[end-1] == '"' {
		return start + 1, end - 1
	}
	if end-start >= 1 && s[start] == '"' {
		return start + 1, end
	}
	return start, end
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDottedNeighbour(s string, i int) bool {
	if i < 0 || i >= len(s) || s[i] != '.' {
		return false
	}
	// A dot before or after is part of the number only when a digit
	// follows it; "from 192.0.2.10." ends a sentence.
	if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
		return true
	}
	return i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && i+1 < len(s) && s[i+1] != ' '
}

func xmlLabel(tag, value string) string {
	switch tag {
	case "password":
		return labelSecret
	case "phoneNumber", "primaryPhoneNumber", "mobilePhoneNumber", "number":
		return labelPhone
	case "extension":
		return labelExt
	case "firstName", "lastName", "displayName", "callingLineIdLastName", "callingLineIdFirstName":
		return labelName
	}
	return userLabel(value)
}

// userLabel labels a user part: a phone number or a user id.
func userLabel(value string) string {
	digits := 0
	for i := 0; i < len(value); i++ {
		if value[i] >= '0' && value[i] <= '9' {
			digits++
		}
	}
	if digits >= 7 && digits >= len(value)-3 {
		return labelPhone
	}
	return labelUser
}

// uuidLabel labels a UUID as an org id when the 12 bytes before it
// contain "org" in any case.
func uuidLabel(s string, start int) string {
	from := max(start-12, 0)
	if strings.Contains(strings.ToLower(s[from:start]), "org") {
		return labelOrg
	}
	return labelID
}

// normalize returns the key under which a value's pseudonym is kept, so
// that alice%40example.com and Alice@Example.com share one.
func normalize(value string) string {
	value = strings.ReplaceAll(value, "%40", "@")
	value = strings.ReplaceAll(value, "%2B", "+")
	return strings.ToLower(value)
}

// pseudonymLocked returns the pseudonym of value, assigning the next
// number of label to a value seen for the first time. m.mu is held.
func (m *Masker) pseudonymLocked(value, label string) string {
	key := normalize(value)
	if p, ok := m.pseudonyms[key]; ok {
		return p
	}
	m.counters[label]++
	p := label + "-" + strconv.Itoa(m.counters[label])
	if label == labelUser && strings.Contains(key, "@") {
		p += "@…"
	}
	m.pseudonyms[key] = p
	return p
}

// Pseudonym returns the pseudonym of a value: the one already assigned,
// or a new one numbered under label ("user", "phone", "ip", "org", "id",
// "secret", and so on).
func (m *Masker) Pseudonym(value, label string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pseudonymLocked(value, label)
}

// AddLiteral makes the Masker mask value wherever it stands as a whole
// word, for personal values no pattern finds by shape, and assigns its
// pseudonym now so that numbering follows the order of learning.
func (m *Masker) AddLiteral(value, label string) {
	value = strings.TrimSpace(value)
	if len(value) < minLiteral {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pseudonymLocked(value, label)
	for _, have := range m.literals {
		if have == value {
			return
		}
	}
	m.literals = append(m.literals, value)
	// Longer literals first, so that "alice_10" wins over "alice_1".
	sort.SliceStable(m.literals, func(i, j int) bool { return len(m.literals[i]) > len(m.literals[j]) })
	clear(m.cache)
}

// Mask returns text with every personal value replaced by its pseudonym.
// It is fast enough to call for every drawn row: rows seen before come
// from a cache, and each pattern is tried only on rows that contain its
// key characters.
func (m *Masker) Mask(text string) string {
	if m == nil || text == "" {
		return text
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if masked, ok := m.cache[text]; ok {
		return masked
	}
	masked := m.maskLocked(text)
	if len(text) <= maskCacheTextMax {
		if len(m.cache) >= maskCacheMax {
			clear(m.cache)
		}
		m.cache[text] = masked
	}
	return masked
}

func (m *Masker) maskLocked(text string) string {
	spans := m.spansLocked(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	pos := 0
	for _, sp := range spans {
		b.WriteString(text[pos:sp.start])
		b.WriteString(m.pseudonymLocked(text[sp.start:sp.end], sp.label))
		pos = sp.end
	}
	b.WriteString(text[pos:])
	return b.String()
}

// spansLocked returns the values to replace in text, in order and without
// overlaps.
func (m *Masker) spansLocked(text string) []span {
	var spans []span
	for rank, rule := range maskRules {
		if !rule.hint(text) {
			continue
		}
		rule.find(text, func(start, end int, label string) {
			if end > start {
				spans = append(spans, span{start: start, end: end, label: label, rank: rank})
			}
		})
	}
	spans = m.findLiterals(text, spans)
	if len(spans) == 0 {
		return nil
	}

	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		if spans[i].rank != spans[j].rank {
			return spans[i].rank < spans[j].rank
		}
		return spans[i].end > spans[j].end
	})
	kept := spans[:0]
	pos := 0
	for _, sp := range spans {
		if sp.start < pos {
			// Overlaps a value found before.
			continue
		}
		kept = append(kept, sp)
		pos = sp.end
	}
	return kept
}

// findLiterals adds a span for every learned literal that stands as a
// whole word in text. Literals rank after every pattern.
func (m *Masker) findLiterals(text string, spans []span) []span {
	for _, lit := range m.literals {
		from := 0
		for {
			i := strings.Index(text[from:], lit)
			if i < 0 {
				break
			}
			start := from + i
			end := start + len(lit)
			if (start == 0 || !isLiteralByte(text[start-1])) && (end == len(text) || !isLiteralByte(text[end])) {
				spans = append(spans, span{start: start, end: end, label: labelUser, rank: len(maskRules)})
			}
			from = end
		}
	}
	return spans
}

func isLiteralByte(c byte) bool {
	return isWordByte(c) || c == '-'
}

// NewWorkspaceMasker returns a Masker that has learned the personal values
// of an analysis: the summary's user and org first, so that the case's
// user is always user-1, then every user id and SIP user the entries name.
// Values with a recognisable shape get their pseudonyms here; values
// without one, such as a BroadWorks user id "alice_0", are also masked
// wherever they stand as a word.
func NewWorkspaceMasker(a *Analysis) *Masker {
	m := NewMasker()
	if s := a.Summary; s != nil {
		m.learn(s.Email, labelUser)
		m.learn(s.BWUser, labelUser)
		m.learn(s.WebexUserID, labelID)
		m.learn(s.OrgID, labelOrg)
	}
	for _, src := range a.Workspace.Snapshot() {
		for i := range src.Entries {
			m.learnEntry(&src.Entries[i])
		}
	}
	return m
}

// learn assigns value its pseudonym and, when no pattern would find it by
// shape, adds it as a literal.
func (m *Masker) learn(value, label string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	m.mu.Lock()
	spans := m.spansLocked(value)
	if len(spans) == 1 && spans[0].start == 0 && spans[0].end == len(value) {
		// A pattern finds the whole value; the learned label, such as
		// org for an org id, names it better than the pattern's.
		m.pseudonymLocked(value, label)
	} else {
		for _, sp := range spans {
			m.pseudonymLocked(value[sp.start:sp.end], sp.label)
		}
	}
	m.mu.Unlock()
	if len(spans) == 0 {
		m.AddLiteral(value, label)
	}
}

func (m *Masker) learnEntry(e *parsers.Entry) {
	if e.Fields != nil {
		for _, u := range e.Fields.Users {
			m.learn(u, userLabel(u))
		}
	}
	raw := e.Raw
	if strings.Contains(raw, "sip:") || strings.Contains(raw, "sips:") {
		for _, sm := range sipPattern.FindAllStringSubmatch(raw, -1) {
			if sm[1] != "" {
				m.learn(sm[1], userLabel(sm[1]))
			}
		}
	}
	if strings.Contains(raw, "</") {
		for _, xm := range xmlPattern.FindAllStringSubmatch(raw, -1) {
			if label := xmlLabel(xm[1], xm[2]); label == labelUser {
				m.learn(xm[2], label)
			}
		}
	}
	if strings.Contains(raw, "=") || strings.Contains(raw, ":") {
		for _, um := range userParamPatern.FindAllStringSubmatch(raw, -1) {
			m.learn(um[1], userLabel(um[1]))
		}
	}
}

// MaskJSON masks every string value of a JSON document, leaving keys,
// numbers and layout alone. It returns the input unchanged when it is not
// valid JSON.
func (m *Masker) MaskJSON(data []byte) []byte {
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return data
	}
	out, err := json.Marshal(m.maskValue(doc))
	if err != nil {
		return data
	}
	return out
}

func (m *Masker) maskValue(v any) any {
	switch v := v.(type) {
	case string:
		return m.Mask(v)
	case []any:
		for i := range v {
			v[i] = m.maskValue(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = m.maskValue(v[k])
		}
	}
	return v
}

// MaskReport returns a copy of the report with every string value masked,
// the way `wxlog report --mask` prints it.
func MaskReport(r *Report, m *Masker) (*Report, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var out Report
	if err := json.Unmarshal(m.MaskJSON(data), &out); err != nil {
		return nil, err
	}
	return &out, nil
}
