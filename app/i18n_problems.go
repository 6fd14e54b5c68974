package app

import (
	"errors"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

// problemText is one message that package parsers puts on a source, as a
// pattern of its English text and the translation key of the same text. The pattern's named groups fill the key's template fields. A
// group named Err holds a wrapped error, which is translated in turn.
// Count, when the pattern has it, picks the key's plural form.
type problemText struct {
	pattern *regexp.Regexp
	key     string
}

// parsersPrefix is the package name that the parsers' sentinel errors,
// such as parsers.ErrEmpty, start with. Users never see it.
const parsersPrefix = "parsers: "

// problemTexts lists the load and parse problems of package parsers and the
// errors they wrap, most specific first. The patterns follow the format
// strings in parsers/bundle.go, load.go, source.go, textchecks.go,
// bwheader.go, mmap.go and zipsalvage.go; TestLocalizeProblemCorpus checks
// them against the problems a real load produces. A message that no
// pattern matches is shown in English, without the package name.
var problemTexts = []problemText{
	{regexp.MustCompile(`^cannot open: (?P<Err>.+)$`), "cannot open: {{.Err}}"},
	{regexp.MustCompile(`^cannot read: (?P<Err>.+)$`), "cannot read: {{.Err}}"},
	{regexp.MustCompile(`^broken link: (?P<Err>.+)$`), "broken link: {{.Err}}"},
	{regexp.MustCompile(`^cannot walk folder: (?P<Err>.+)$`), "cannot walk folder: {{.Err}}"},
	{regexp.MustCompile(`^cannot open zip entry: (?P<Err>.+)$`), "cannot open zip entry: {{.Err}}"},
	{regexp.MustCompile(`^cannot decompress: (?P<Err>.+)$`), "cannot decompress: {{.Err}}"},
	{regexp.MustCompile(`^empty file$`), "empty file"},
	{regexp.MustCompile(`^binary file, listed but not parsed$`), "binary file, listed but not parsed"},
	{regexp.MustCompile(`^file larger than the size limit: (?P<Size>.+) uncompressed is over (?P<Limit>.+) \(--max-file-size\)$`),
		"file larger than the size limit: {{.Size}} uncompressed is over {{.Limit}} (--max-file-size)"},
	{regexp.MustCompile(`^file larger than the size limit: it grew over (?P<Limit>.+) while loading \(--max-file-size\)$`),
		"file larger than the size limit: it grew over {{.Limit}} while loading (--max-file-size)"},
	{regexp.MustCompile(`^file larger than the size limit: (?P<Size>.+) is over (?P<Limit>.+) \(--max-file-size\)$`),
		"file larger than the size limit: {{.Size}} is over {{.Limit}} (--max-file-size)"},
	{regexp.MustCompile(`^file changed on disk while it was being read: reading (?P<Path>.+) failed at byte (?P<Offset>\d+); open it again$`),
		"file changed on disk while it was being read: reading {{.Path}} failed at byte {{.Offset}}; open it again"},
	{regexp.MustCompile(`^memory-mapped files are not supported on this system$`), "memory-mapped files are not supported on this system"},
	{regexp.MustCompile(`^file limit of (?P<Limit>\d+) reached \(--max-files\): this and later files are not loaded$`),
		"file limit of {{.Limit}} reached (--max-files): this and later files are not loaded"},
	{regexp.MustCompile(`^archive nested (?P<Depth>\d+) deep, over the limit of (?P<Limit>\d+) \(--max-depth\)$`),
		"archive nested {{.Depth}} deep, over the limit of {{.Limit}} (--max-depth)"},
	{regexp.MustCompile(`^archives of this load decompress to over (?P<Limit>.+) \(--max-archive-size\): not loaded$`),
		"archives of this load decompress to over {{.Limit}} (--max-archive-size): not loaded"},
	{regexp.MustCompile(`^compression ratio over (?P<Ratio>\d+):1 \(--max-ratio\), likely a zip bomb: not loaded$`),
		"compression ratio over {{.Ratio}}:1 (--max-ratio), likely a zip bomb: not loaded"},
	{regexp.MustCompile(`^decompresses to over (?P<Limit>.+) \(--max-file-size\): not loaded$`),
		"decompresses to over {{.Limit}} (--max-file-size): not loaded"},
	{regexp.MustCompile(`^invalid zip archive: (?P<Err>.+), and no entry could be recovered from it$`),
		"invalid zip archive: {{.Err}}, and no entry could be recovered from it"},
	{regexp.MustCompile(`^invalid zip archive: (?P<Err>.+)$`), "invalid zip archive: {{.Err}}"},
	{regexp.MustCompile(`^invalid gzip file: (?P<Err>.+)$`), "invalid gzip file: {{.Err}}"},
	{regexp.MustCompile(`^invalid tar archive after (?P<Count>\d+) members: (?P<Err>.+)$`), "invalid tar archive after {{.Count}} members: {{.Err}}"},
	{regexp.MustCompile(`^more than (?P<Count>\d+) members \(--max-entries\): the rest are not loaded$`),
		"more than {{.Count}} members (--max-entries): the rest are not loaded"},
	{regexp.MustCompile(`^more than (?P<Count>\d+) entries \(--max-entries\): the rest are not loaded$`),
		"more than {{.Count}} entries (--max-entries): the rest are not loaded"},
	{regexp.MustCompile(`^empty zip archive: it contains no files$`), "empty zip archive: it contains no files"},
	{regexp.MustCompile(`^duplicate entry name (?P<Name>".*") in the zip: this is copy (?P<Copy>\d+)$`),
		"duplicate entry name {{.Name}} in the zip: this is copy {{.Copy}}"},
	{regexp.MustCompile(`^encrypted zip entry: wxlog cannot read it; ask for the bundle without a password$`),
		"encrypted zip entry: wxlog cannot read it; ask for the bundle without a password"},
	{regexp.MustCompile(`^zip entry is damaged or cut short \((?P<Err>.*)\): kept the (?P<Size>.+) read before that$`),
		"zip entry is damaged or cut short ({{.Err}}): kept the {{.Size}} read before that"},
	{regexp.MustCompile(`^the zip's central directory is damaged or missing \((?P<Err>.*)\): entry read from its local header$`),
		"the zip's central directory is damaged or missing ({{.Err}}): entry read from its local header"},
	{regexp.MustCompile(`^gzip data ends early \((?P<Err>.*)\): kept the (?P<Size>.+) read before that$`),
		"gzip data ends early ({{.Err}}): kept the {{.Size}} read before that"},
	{regexp.MustCompile(`^named (?P<Ext>\S+) but holds no (?P<Kind>\S+) data: read as a plain file$`),
		"named {{.Ext}} but holds no {{.Kind}} data: read as a plain file"},
	{regexp.MustCompile(`^entry name (?P<Name>".*") uses backslashes$`), "entry name {{.Name}} uses backslashes"},
	{regexp.MustCompile(`^entry name (?P<Name>".*") is an absolute path$`), "entry name {{.Name}} is an absolute path"},
	{regexp.MustCompile(`^entry name (?P<Name>".*") contains "\.\."$`), `entry name {{.Name}} contains ".."`},
	{regexp.MustCompile(`^the file shrank from (?P<From>\d+) to (?P<To>\d+) bytes while loading: loaded what was there$`),
		"the file shrank from {{.From}} to {{.To}} bytes while loading: loaded what was there"},
	{regexp.MustCompile(`^the file grew from (?P<From>\d+) to (?P<To>\d+) bytes while loading: loaded all of it$`),
		"the file grew from {{.From}} to {{.To}} bytes while loading: loaded all of it"},
	{regexp.MustCompile(`^unknown time zone (?P<Zone>".*") on (?P<Count>\d+) entries, read as UTC: set the source's zone$`),
		"unknown time zone {{.Zone}} on {{.Count}} entries, read as UTC: set the source's zone"},
	{regexp.MustCompile(`^contains (?P<Count>\d+) NUL bytes, kept as they are$`), "contains {{.Count}} NUL bytes, kept as they are"},
	{regexp.MustCompile(`^not valid UTF-8: read as ISO-8859-1 \(Latin-1\)$`), "not valid UTF-8: read as ISO-8859-1 (Latin-1)"},
	{regexp.MustCompile(`^line is (?P<Size>.+) long: kept as one entry, shown cut$`), "line is {{.Size}} long: kept as one entry, shown cut"},
	{regexp.MustCompile(`^time jumps from (?P<From>\S+) \(line (?P<Line>\d+)\) to (?P<To>\S+): check the clock of this source$`),
		"time jumps from {{.From}} (line {{.Line}}) to {{.To}}: check the clock of this source"},
	{regexp.MustCompile(`^time goes back (?P<By>\S+) from line (?P<Line>\d+): entries are out of order$`),
		"time goes back {{.By}} from line {{.Line}}: entries are out of order"},
	{regexp.MustCompile(`^time goes back by more than (?P<By>\S+) at (?P<Count>\d+) places$`),
		"time goes back by more than {{.By}} at {{.Count}} places"},
	{regexp.MustCompile(`^time jumps by more than 30 days at (?P<Count>\d+) places$`), "time jumps by more than 30 days at {{.Count}} places"},

	// Errors of the operating system and of Go's archive packages that
	// the messages above wrap, without the package name.
	{regexp.MustCompile(`^no such file or directory$`), "no such file or directory"},
	{regexp.MustCompile(`^permission denied$`), "permission denied"},
	{regexp.MustCompile(`^is a directory$`), "is a directory"},
	{regexp.MustCompile(`^not a directory$`), "not a directory"},
	{regexp.MustCompile(`^too many levels of symbolic links$`), "too many levels of symbolic links"},
	{regexp.MustCompile(`^zip: not a valid zip file$`), "not a valid zip file"},
	{regexp.MustCompile(`^zip: checksum error$`), "checksum error"},
	{regexp.MustCompile(`^zip: unsupported compression algorithm$`), "unsupported compression method"},
	{regexp.MustCompile(`^unsupported compression method (?P<Method>\d+)$`), "unsupported compression method {{.Method}}"},
	{regexp.MustCompile(`^gzip: invalid header$`), "invalid gzip header"},
	{regexp.MustCompile(`^gzip: invalid checksum$`), "invalid gzip checksum"},
	{regexp.MustCompile(`^flate: corrupt input before offset (?P<Offset>\d+)$`), "corrupt compressed data before byte {{.Offset}}"},
	{regexp.MustCompile(`^unexpected EOF$`), "the data ends early"},
}

// LocalizeProblem returns a problem of the source named name in the
// current language, without the Go package names that package parsers
// puts in its errors. The problem keeps its "name:" or "name:line:"
// prefix.
func LocalizeProblem(name, problem string) string {
	prefix, message := splitProblem(name, problem)
	return prefix + localizeMessage(message, T, TN)
}

// ProblemMessage returns a problem of the source named name in the
// current language without its name prefix, for a view that names the
// source already.
func ProblemMessage(name, problem string) string {
	_, message := splitProblem(name, problem)
	return localizeMessage(message, T, TN)
}

// cleanProblem returns a problem as package parsers wrote it, in English,
// without the package name that its sentinel errors start with. The JSON
// report keeps this form, and the text report translates it.
func cleanProblem(name, problem string) string {
	prefix, message := splitProblem(name, problem)
	return prefix + strings.TrimPrefix(message, parsersPrefix)
}

// splitProblem cuts a problem as parsers.ParseError prints it, "name: text"
// or "name:line: text", into that prefix and the text. A problem without
// the prefix is all text.
func splitProblem(name, problem string) (prefix, message string) {
	rest, ok := strings.CutPrefix(problem, name+":")
	if !ok {
		return "", problem
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits > 0 && strings.HasPrefix(rest[digits:], ":") {
		rest = rest[digits+1:]
	}
	message = strings.TrimPrefix(rest, " ")
	return problem[:len(problem)-len(message)], message
}

// localizeMessage translates one problem text through t and tn.
func localizeMessage(message string, t Translator, tn PluralTranslator) string {
	message = strings.TrimPrefix(message, parsersPrefix)
	for _, p := range problemTexts {
		groups := p.pattern.FindStringSubmatch(message)
		if groups == nil {
			continue
		}
		data := map[string]any{}
		count := -1
		for i, field := range p.pattern.SubexpNames() {
			switch field {
			case "":
			case "Err":
				data[field] = localizeMessage(groups[i], t, tn)
			case "Count":
				count, _ = strconv.Atoi(groups[i])
				data[field] = count
			default:
				data[field] = groups[i]
			}
		}
		if count >= 0 {
			return tn(p.key, count, data)
		}
		return t(p.key, data)
	}
	return message
}

// DescribePathError returns why a path could not be opened, in the
// current language: "no such file or directory" for a missing path, and
// the operating system's text without the operation and path otherwise.
func DescribePathError(err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return T("no such file or directory")
	}
	if errors.Is(err, fs.ErrPermission) {
		return T("permission denied")
	}
	return localizeMessage(err.Error(), T, TN)
}

// readableFormat reports whether a source of that format holds log text:
// "" is a source that could not be read, and "binary" is only listed.
func readableFormat(format string) bool {
	return format != "" && format != "binary"
}
