package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// translationDir is where the embedded translation files live, relative
// to this package.
const translationDir = "../assets/translations"

// translationCalls maps the functions that take a translation key to the
// position of the key among their arguments. A call through a package name
// ("lang.L") and a bare call inside package app ("T") are both matched.
var translationCalls = map[string]int{
	"lang.L": 0, "lang.N": 0, "lang.X": 0, "lang.XN": 0,
	"lang.Localize": 0, "lang.LocalizePlural": 0, "lang.LocalizeKey": 0, "lang.LocalizePluralKey": 0,
	"app.T": 0, "T": 0, "app.TN": 0, "TN": 0,
}

// pluralCalls are the translation calls that pick a plural form by count.
var pluralCalls = map[string]bool{
	"lang.N": true, "lang.XN": true, "lang.LocalizePlural": true, "lang.LocalizePluralKey": true,
	"app.TN": true, "TN": true,
}

// usedKey is one literal translation key found in the Go sources; plural
// marks a key passed to one of pluralCalls.
type usedKey struct {
	key    string
	pos    string
	plural bool
}

// scanKeys returns every literal key passed to a translation call in the
// non-test Go files under roots (folders or single files).
func scanKeys(t *testing.T, roots ...string) []usedKey {
	t.Helper()
	var keys []usedKey
	fset := token.NewFileSet()
	scanFile := func(path string) {
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		require.NoError(t, err)
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := callName(call.Fun)
			arg, ok := translationCalls[name]
			if !ok || len(call.Args) <= arg {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, err := strconv.Unquote(lit.Value)
			require.NoError(t, err)
			keys = append(keys, usedKey{key: key, pos: fset.Position(lit.Pos()).String(), plural: pluralCalls[name]})
			return true
		})
	}
	for _, root := range roots {
		info, err := os.Stat(root)
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		if !info.IsDir() {
			scanFile(root)
			continue
		}
		require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			// The root itself may be ".", which is not a hidden folder.
			if d.IsDir() && path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				scanFile(path)
			}
			return nil
		}))
	}
	return keys
}

func callName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if pkg, ok := f.X.(*ast.Ident); ok {
			return pkg.Name + "." + f.Sel.Name
		}
	}
	return ""
}

// loadTranslation reads one go-i18n v2 JSON file into key -> every text of
// the message: a plain string, or the plural forms of an object.
func loadTranslation(t *testing.T, language string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(translationDir, language+".json"))
	require.NoError(t, err)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &raw), "%s.json is not valid JSON", language)

	out := make(map[string][]string, len(raw))
	for key, value := range raw {
		var text string
		if err := json.Unmarshal(value, &text); err == nil {
			out[key] = []string{text}
			continue
		}
		var plural map[string]string
		require.NoError(t, json.Unmarshal(value, &plural), "%s.json: key %q is neither a string nor plural forms", language, key)
		require.Contains(t, plural, "other", "%s.json: plural key %q has no \"other\" form", language, key)
		for _, form := range plural {
			out[key] = append(out[key], form)
		}
	}
	return out
}

// ladderKeys returns the texts of the ladder definitions that the window
// and the exports translate at run time: flow and lifeline titles, step
// labels, the logs to collect and the notes of failed checks, and the
// step statuses.
func ladderKeys(t *testing.T) []usedKey {
	t.Helper()
	var keys []usedKey
	files, err := filepath.Glob("../assets/ladder/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files, "no ladder definitions found")
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var flow FlowDef
		require.NoError(t, json.Unmarshal(data, &flow), file)
		add := func(text string) {
			if text != "" {
				keys = append(keys, usedKey{key: text, pos: file})
			}
		}
		add(flow.Title)
		for _, l := range flow.Lifelines {
			add(l.Title)
		}
		for _, s := range flow.Steps {
			add(s.Label)
			add(s.Collect)
			for _, r := range s.Rules {
				add(r.FailNote)
			}
		}
	}
	for _, st := range []StepStatus{StatusPassed, StatusFailed, StatusNotSeen, StatusNoLogs} {
		keys = append(keys, usedKey{key: string(st), pos: "app/ladder.go"})
	}
	return keys
}

func TestTranslationsCoverKeys(t *testing.T) {
	keys := append(scanKeys(t, ".", "../views", "../main.go"), ladderKeys(t)...)
	require.NotEmpty(t, keys, "no translation calls found: has the scan lost its roots?")

	for _, language := range []string{"en", "da"} {
		messages := loadTranslation(t, language)
		for _, k := range keys {
			if _, ok := messages[k.key]; !ok {
				t.Errorf("%s: key %q missing from %s.json", k.pos, k.key, language)
			}
		}
	}
}

// TestTranslationsPluralKeys checks that every key passed to a plural
// call has "one" and "other" forms in both files. With a plain text, the
// form for a count of 1 is missing, and Fyne falls back to the English key.
func TestTranslationsPluralKeys(t *testing.T) {
	keys := scanKeys(t, ".", "../views", "../main.go")
	for _, p := range problemTexts {
		if slices.Contains(p.pattern.SubexpNames(), "Count") {
			keys = append(keys, usedKey{key: p.key, pos: "problemTexts", plural: true})
		}
	}
	for _, language := range []string{"en", "da"} {
		messages, err := loadMessages(language)
		require.NoError(t, err)
		for _, k := range keys {
			if !k.plural {
				continue
			}
			m := messages[k.key]
			assert.NotEmpty(t, m.One, "%s: %s.json: plural key %q has no \"one\" form", k.pos, language, k.key)
			assert.NotEmpty(t, m.Other, "%s: %s.json: plural key %q has no \"other\" form", k.pos, language, k.key)
		}
	}
}

// TestTranslationsProblemKeys checks the keys of the load problems, which
// no translation call names literally.
func TestTranslationsProblemKeys(t *testing.T) {
	for _, language := range []string{"en", "da"} {
		messages := loadTranslation(t, language)
		for _, p := range problemTexts {
			assert.Contains(t, messages, p.key, "%s.json lacks the problem text %q", language, p.key)
		}
	}
}

// TestTranslationsSorted keeps both files in the order of their keys
// compared without case, so that a new key has one place to go.
func TestTranslationsSorted(t *testing.T) {
	for _, language := range []string{"en", "da"} {
		data, err := os.ReadFile(filepath.Join(translationDir, language+".json"))
		require.NoError(t, err)
		dec := json.NewDecoder(strings.NewReader(string(data)))
		_, err = dec.Token()
		require.NoError(t, err)
		var keys []string
		for dec.More() {
			tok, err := dec.Token()
			require.NoError(t, err)
			keys = append(keys, tok.(string))
			var value json.RawMessage
			require.NoError(t, dec.Decode(&value))
		}
		sorted := slices.Clone(keys)
		slices.SortStableFunc(sorted, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		assert.Equal(t, sorted, keys, "%s.json is not sorted by key without case", language)
	}
}

func TestTranslationsSameKeys(t *testing.T) {
	en := loadTranslation(t, "en")
	da := loadTranslation(t, "da")
	for key := range en {
		if _, ok := da[key]; !ok {
			t.Errorf("key %q is in en.json but not in da.json", key)
		}
	}
	for key := range da {
		if _, ok := en[key]; !ok {
			t.Errorf("key %q is in da.json but not in en.json", key)
		}
	}
}

// reservedWords are the keys that go-i18n v2.5.1 reads as message fields
// (id, plural forms and so on), compared without case. A flat entry such
// as "Other": "Andet" makes the whole file fail to load, so these keys
// must be written as plural objects: "Other": {"other": "Andet"}.
var reservedWords = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

func TestTranslationsReservedKeys(t *testing.T) {
	for _, language := range []string{"en", "da"} {
		data, err := os.ReadFile(filepath.Join(translationDir, language+".json"))
		require.NoError(t, err)
		var raw map[string]any
		require.NoError(t, json.Unmarshal(data, &raw))
		for key, value := range raw {
			if !slices.Contains(reservedWords, strings.ToLower(key)) {
				continue
			}
			_, isObject := value.(map[string]any)
			assert.True(t, isObject, `%s.json: key %q is a go-i18n field name; write it as {"other": "..."}`, language, key)
		}
	}
}

// templateFields matches the data fields a text/template refers to.
var templateFields = regexp.MustCompile(`\.[A-Z][A-Za-z0-9]*`)

// TestTranslationsTemplates checks that every text parses as a template and
// uses the same data fields as its English key, so that a translation can
// neither break nor lose a value.
func TestTranslationsTemplates(t *testing.T) {
	for _, language := range []string{"en", "da"} {
		for key, texts := range loadTranslation(t, language) {
			want := fieldsOf(key)
			for _, text := range texts {
				_, err := template.New(key).Parse(text)
				require.NoError(t, err, "%s.json: %q does not parse", language, text)
				assert.Equal(t, want, fieldsOf(text), "%s.json: %q uses other fields than its key %q", language, text, key)
				assert.NotEmpty(t, strings.TrimSpace(text), "%s.json: key %q has an empty text", language, key)
			}
		}
	}
}

func fieldsOf(s string) []string {
	var fields []string
	for _, action := range regexp.MustCompile(`{{[^}]*}}`).FindAllString(s, -1) {
		fields = append(fields, templateFields.FindAllString(action, -1)...)
	}
	slices.Sort(fields)
	return slices.Compact(fields)
}

// TestScanKeysFindsCalls guards the scanner itself against a silent miss.
func TestScanKeysFindsCalls(t *testing.T) {
	dir := t.TempDir()
	src := "package x\n\nfunc f() {\n\t_ = lang.L(\"Open file\")\n\t_ = lang.X(\"menu.quit\", \"Quit\")\n\t_ = app.T(\"{{.N}} sources\", 1)\n\t_ = T(\"bare\")\n\t_ = lang.L(name)\n\t_ = other.L(\"not a key\")\n\t_ = app.TN(\"{{.Count}} files\", 2)\n}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x_test.go"), []byte("package x\n\nfunc g() { _ = lang.L(\"test only\") }\n"), 0o600))

	var got, plural []string
	for _, k := range scanKeys(t, dir) {
		got = append(got, k.key)
		if k.plural {
			plural = append(plural, k.key)
		}
	}
	assert.Equal(t, []string{"Open file", "menu.quit", "{{.N}} sources", "bare", "{{.Count}} files"}, got)
	assert.Equal(t, []string{"{{.Count}} files"}, plural)
}
