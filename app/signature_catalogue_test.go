package app

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/assets"
)

// portalErrorCodes are the end-user error codes of the user activation
// portal for which the app gives no clear guidance of its own.
var portalErrorCodes = []string{
	"200010", "200018", "200019", "200022", "200026", "200039", "200040", "200041", "200042",
	"200043", "200044", "200045", "200046", "200047", "200048", "200049", "200050", "200051",
}

func loadBuiltinForTest(t *testing.T) *Catalogue {
	t.Helper()
	cat, errs := loadCatalogueFS(assets.SignatureFiles())
	for _, err := range errs {
		t.Errorf("built-in catalogue: %v", err)
	}
	require.NotEmpty(t, cat.Signatures)
	return cat
}

func TestBuiltinCatalogueHasNoProblems(t *testing.T) {
	cat := loadBuiltinForTest(t)
	assert.Equal(t, len(cat.Signatures), len(BuiltinCatalogue().Signatures), "BuiltinCatalogue drops signatures")
}

func TestBuiltinCatalogueRequiredSignatures(t *testing.T) {
	cat := loadBuiltinForTest(t)
	steps := map[string]string{
		"bwc-device-profile-missing":               "xsi-device-list",
		"bwc-config-parse-failed":                  "dms-config",
		"bwc-token-fetch-failed":                   "jwt-request",
		"entitlement-missing-broadworks-connector": "entitlement",
		"entitlement-webex-calling-conflict":       "entitlement",
		"sso-session-moved":                        "",
		"multiple-calling-services":                "sip-register",
		"sbc-unreachable":                          "sip-register",
		"sip-register-rejected":                    "sip-register",
		"xsi-basic-auth-failed":                    "xsi-profile",
		"authservice-token-rejected":               "xsi-device-list",
		"authservice-token-request-failed":         "authservice-token",
		"provisioning-untrusted-email":             "provisioning",
		"provisioning-org-missing":                 "provisioning",
		"provisioning-credentials-mismatch":        "provisioning",
		"provisioning-target-is-ip":                "provisioning",
		"provisioning-user-exists":                 "provisioning",
		"provisioning-no-primary-number":           "provisioning",
		"provisioning-accepted-async":              "provisioning",
		"imp-provisioning-error":                   "provisioning",
		"imp-communication-error":                  "provisioning",
	}
	for _, code := range portalErrorCodes {
		steps["uap-error-"+code] = "uap-redirect"
	}
	steps["uap-error-200010"] = "xsi-profile"
	steps["uap-error-200018"] = "xsi-profile"

	for id, step := range steps {
		s := cat.ByID(id)
		if !assert.NotNil(t, s, "missing signature %s", id) {
			continue
		}
		assert.Equal(t, step, s.Step, "step of %s", id)
	}
	assert.Equal(t, SeverityInfo, cat.ByID("provisioning-accepted-async").Severity)
	for _, id := range []string{"sip-register-rejected", "provisioning-target-is-ip", "authservice-token-rejected"} {
		assert.True(t, cat.ByID(id).MultiEntry(), "%s must need more than one entry", id)
	}
}

// TestBuiltinCatalogueSamplesMatchOneSignature checks that every sample of
// a signature that raises from one entry, and every trigger sample of a
// multi-entry signature, is matched by no other single-entry signature
// reading a common format.
func TestBuiltinCatalogueSamplesMatchOneSignature(t *testing.T) {
	cat := loadBuiltinForTest(t)
	for _, s := range cat.Signatures {
		for _, sample := range s.Samples {
			assert.True(t, s.MatchesText(sample), "%s: sample does not match: %q", s.ID, sample)
			for _, other := range cat.Signatures {
				if other == s || other.MultiEntry() || !shareFormat(s, other) {
					continue
				}
				assert.False(t, other.MatchesText(sample), "%s: sample also matches %s: %q", s.ID, other.ID, sample)
			}
		}
	}
}

func shareFormat(a, b *Signature) bool {
	if len(a.Formats) == 0 || len(b.Formats) == 0 {
		return true
	}
	for _, f := range a.Formats {
		if containsString(b.Formats, f) {
			return true
		}
	}
	return false
}

func TestBuiltinCatalogueTextsAreComplete(t *testing.T) {
	cat := loadBuiltinForTest(t)
	for _, s := range cat.Signatures {
		for name, text := range map[string]Localized{"title": s.Title, "meaning": s.Meaning, "fix": s.Fix} {
			assert.NotEqual(t, text.En, text.Da, "%s: %s.da is a copy of the English", s.ID, name)
		}
		assert.NotContains(t, s.Title.En, "\n", "%s: title spans lines", s.ID)
	}
}

// TestSignatureSchemaListsEveryField keeps schema.json in step with the
// JSON tags of the catalogue types.
func TestSignatureSchemaListsEveryField(t *testing.T) {
	data, err := fs.ReadFile(assets.SignatureFiles(), "schema.json")
	require.NoError(t, err)
	var schema struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(data, &schema))
	require.Contains(t, schema.Defs, "signature")
	require.Contains(t, schema.Defs, "clause")
	require.Contains(t, schema.Properties, "signatures")

	for def, typ := range map[string]reflect.Type{"signature": reflect.TypeOf(Signature{}), "clause": reflect.TypeOf(Clause{})} {
		for _, name := range jsonFieldNames(typ) {
			assert.Contains(t, schema.Defs[def].Properties, name, "schema.json: $defs.%s lacks %q", def, name)
		}
		for name := range schema.Defs[def].Properties {
			assert.Contains(t, jsonFieldNames(typ), name, "schema.json: $defs.%s documents unknown field %q", def, name)
		}
	}
}

// jsonFieldNames lists the JSON names of a struct's fields, flattening
// embedded structs as encoding/json does.
func jsonFieldNames(typ reflect.Type) []string {
	var names []string
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			names = append(names, jsonFieldNames(f.Type)...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
}

func TestParseCatalogueReportsProblems(t *testing.T) {
	cases := []struct {
		file   string
		strict bool
		// problems are substrings of the expected error, which also names
		// the file and the signature.
		signature string
		problems  []string
		kept      []string
	}{
		{file: "good.json", kept: []string{"custom-sbc-timeout"}},
		{file: "invalid-regex.json", signature: "bad-regex", problems: []string{"invalid pattern", "missing closing )"}, kept: []string{"custom-sbc-timeout"}},
		{file: "duplicate-id.json", signature: "custom-sbc-timeout", problems: []string{"duplicate id"}, kept: []string{"custom-sbc-timeout"}},
		{file: "unknown-field.json", signature: "unknown-field", problems: []string{`unknown field "severty"`}, kept: []string{"custom-sbc-timeout"}},
		{file: "missing-danish.json", strict: true, signature: "no-danish", problems: []string{"missing Danish title"}, kept: []string{"custom-sbc-timeout"}},
		{file: "missing-danish.json", kept: []string{"no-danish", "custom-sbc-timeout"}},
		{file: "no-sample.json", signature: "no-sample", problems: []string{"no samples"}, kept: []string{"custom-sbc-timeout"}},
		{file: "sample-mismatch.json", signature: "sample-mismatch", problems: []string{"sample does not match", "404 Not Found"}, kept: []string{"custom-sbc-timeout"}},
		{file: "must-not-matches.json", signature: "must-not-matches", problems: []string{"must_not line matches"}, kept: []string{"custom-sbc-timeout"}},
		{file: "unknown-format.json", signature: "unknown-format", problems: []string{`unknown format "webex-fax"`}, kept: []string{"custom-sbc-timeout"}},
		{file: "unknown-step.json", signature: "unknown-step", problems: []string{`unknown step "dial-tone"`}, kept: []string{"custom-sbc-timeout"}},
		{file: "bad-severity.json", signature: "bad-severity", problems: []string{`invalid severity "fatal"`}, kept: []string{"custom-sbc-timeout"}},
		{file: "no-literal.json", signature: "no-literal", problems: []string{"missing literals"}, kept: []string{"custom-sbc-timeout"}},
		{file: "bad-within.json", signature: "bad-within", problems: []string{`invalid duration "forever"`}, kept: []string{"custom-sbc-timeout"}},
		{file: "unknown-key.json", signature: "unknown-key", problems: []string{`then[0]: unknown key "call_id"`}, kept: []string{"custom-sbc-timeout"}},
		{file: "syntax-error.json", problems: []string{"invalid JSON at line 2"}},
		{file: "not-a-catalogue.json", problems: []string{`unknown field "rules"`}},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s strict=%v", tc.file, tc.strict), func(t *testing.T) {
			file := filepath.Join("testdata", "catalogue", tc.file)
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			cat, errs := parseCatalogue(file, data, tc.strict)

			if len(tc.problems) == 0 {
				assert.Empty(t, errs)
			} else {
				require.NotEmpty(t, errs)
				msg := errs[0].Error()
				assert.Contains(t, msg, file, "the error names the file")
				if tc.signature != "" {
					assert.Contains(t, msg, "signature "+tc.signature, "the error names the signature")
				}
				for _, p := range tc.problems {
					assert.Contains(t, msg, p)
				}
				var ce *CatalogueError
				assert.ErrorAs(t, errs[0], &ce)
			}

			var kept []string
			for _, s := range cat.Signatures {
				kept = append(kept, s.ID)
			}
			assert.Equal(t, tc.kept, kept)
		})
	}
}

func TestLoadCatalogueMissingFile(t *testing.T) {
	file := filepath.Join("testdata", "catalogue", "absent.json")
	cat, errs := LoadCatalogue(file)
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), file)
	assert.ErrorIs(t, errs[0], fs.ErrNotExist)
	assert.Empty(t, cat.Signatures)
}

func TestLoadCatalogueKeepsFileUnchanged(t *testing.T) {
	file := filepath.Join("testdata", "catalogue", "invalid-regex.json")
	before, err := os.ReadFile(file)
	require.NoError(t, err)
	_, errs := LoadCatalogue(file)
	require.NotEmpty(t, errs)
	after, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

func TestMergeCatalogueAddsAndReplaces(t *testing.T) {
	builtin := loadBuiltinForTest(t)
	user, errs := LoadCatalogue(filepath.Join("testdata", "catalogue", "good.json"))
	require.Empty(t, errs)

	merged := MergeCatalogue(builtin, user)
	assert.Len(t, merged.Signatures, len(builtin.Signatures)+1)
	assert.Same(t, user.Signatures[0], merged.ByID("custom-sbc-timeout"))
	assert.Same(t, builtin.ByID("sip-register-rejected"), merged.ByID("sip-register-rejected"))

	override := &Catalogue{Signatures: []*Signature{{ID: "sip-register-rejected", Severity: SeverityWarning}}}
	replaced := MergeCatalogue(builtin, override)
	assert.Len(t, replaced.Signatures, len(builtin.Signatures))
	assert.Equal(t, SeverityWarning, replaced.ByID("sip-register-rejected").Severity)
	assert.Equal(t, SeverityError, builtin.ByID("sip-register-rejected").Severity, "the base is unchanged")
}

func TestLocalizedIn(t *testing.T) {
	text := Localized{En: "SBC unreachable", Da: "SBC kan ikke nås"}
	assert.Equal(t, "SBC kan ikke nås", text.In("da"))
	assert.Equal(t, "SBC kan ikke nås", text.In("da-DK"))
	assert.Equal(t, "SBC unreachable", text.In("en"))
	assert.Equal(t, "SBC unreachable", text.In("de"))
	assert.Equal(t, "SBC unreachable", Localized{En: "SBC unreachable"}.In("da"))
}
