package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingRegistry records every change instead of writing it.
type recordingRegistry struct {
	changes []RegistryChange
	failOn  string
}

func (r *recordingRegistry) record(c RegistryChange) error {
	if r.failOn != "" && c.Path == r.failOn {
		return errors.New("access is denied")
	}
	r.changes = append(r.changes, c)
	return nil
}

func (r *recordingRegistry) SetString(path, name, value string) error {
	return r.record(RegistryChange{Op: "set", Path: path, Name: name, Value: value})
}

func (r *recordingRegistry) DeleteValue(path, name string) error {
	return r.record(RegistryChange{Op: "delete-value", Path: path, Name: name})
}

func (r *recordingRegistry) DeleteTree(path string) error {
	return r.record(RegistryChange{Op: "delete-tree", Path: path})
}

const testExe = `C:\Users\Sofie Demo\AppData\Local\Programs\wxlog\wxlog.exe`

func TestAddOpenWithKeyPlan(t *testing.T) {
	reg := &recordingRegistry{}
	require.NoError(t, AddOpenWith(reg, testExe))

	command := `"C:\Users\Sofie Demo\AppData\Local\Programs\wxlog\wxlog.exe" "%1"`
	assert.Equal(t, []RegistryChange{
		{Op: "set", Path: `Software\Classes\Applications\wxlog.exe`, Name: "FriendlyAppName", Value: "wxlog"},
		{Op: "set", Path: `Software\Classes\Applications\wxlog.exe\shell\open\command`, Name: "", Value: command},
		{Op: "set", Path: `Software\Classes\Applications\wxlog.exe\SupportedTypes`, Name: ".zip", Value: ""},
		{Op: "set", Path: `Software\Classes\Applications\wxlog.exe\SupportedTypes`, Name: ".log", Value: ""},
		{Op: "set", Path: `Software\Classes\Applications\wxlog.exe\SupportedTypes`, Name: ".txt", Value: ""},
		{Op: "set", Path: `Software\Classes\wxlog.logfile`, Name: "", Value: "Log file or bundle (wxlog)"},
		{Op: "set", Path: `Software\Classes\wxlog.logfile\shell\open\command`, Name: "", Value: command},
		{Op: "set", Path: `Software\Classes\.zip\OpenWithProgids`, Name: "wxlog.logfile", Value: ""},
		{Op: "set", Path: `Software\Classes\.log\OpenWithProgids`, Name: "wxlog.logfile", Value: ""},
		{Op: "set", Path: `Software\Classes\.txt\OpenWithProgids`, Name: "wxlog.logfile", Value: ""},
	}, reg.changes)
}

// The default value of an extension key names the default program; the
// registration must leave it, and every other program's keys, alone.
func TestOpenWithKeepsDefaultHandler(t *testing.T) {
	plans := map[string][]RegistryChange{
		"add":    OpenWithPlan(testExe),
		"remove": RemoveOpenWithPlan("wxlog.exe"),
	}
	for name, plan := range plans {
		t.Run(name, func(t *testing.T) {
			for _, c := range plan {
				assert.True(t, strings.HasPrefix(c.Path, `Software\Classes\`), "outside the user's classes: %+v", c)
				for _, ext := range OpenWithExtensions {
					assert.NotEqual(t, `Software\Classes\`+ext, c.Path, "touches the extension key itself: %+v", c)
					if c.Op == "delete-tree" {
						assert.False(t, strings.HasPrefix(c.Path, `Software\Classes\`+ext+`\`), "deletes a key of the extension: %+v", c)
					}
				}
			}
		})
	}
}

func TestRemoveOpenWithKeyPlan(t *testing.T) {
	reg := &recordingRegistry{}
	require.NoError(t, RemoveOpenWith(reg, testExe))

	assert.Equal(t, []RegistryChange{
		{Op: "delete-value", Path: `Software\Classes\.zip\OpenWithProgids`, Name: "wxlog.logfile"},
		{Op: "delete-value", Path: `Software\Classes\.log\OpenWithProgids`, Name: "wxlog.logfile"},
		{Op: "delete-value", Path: `Software\Classes\.txt\OpenWithProgids`, Name: "wxlog.logfile"},
		{Op: "delete-tree", Path: `Software\Classes\wxlog.logfile`},
		{Op: "delete-tree", Path: `Software\Classes\Applications\wxlog.exe`},
	}, reg.changes)
}

func TestAddOpenWithStopsOnError(t *testing.T) {
	reg := &recordingRegistry{failOn: `Software\Classes\wxlog.logfile`}
	err := AddOpenWith(reg, testExe)
	require.Error(t, err)
	assert.Equal(t, `HKEY_CURRENT_USER\Software\Classes\wxlog.logfile: access is denied`, err.Error())
	assert.Len(t, reg.changes, 5)
}
