package app

import (
	"errors"
	"fmt"
	"strings"
)

// "Open with" on Windows: wxlog adds itself to the Open with list of .zip,
// .log and .txt files for the current user only, under
// HKEY_CURRENT_USER\Software\Classes. It never writes the default value of
// an extension's key, so the user's default program stays as it is.

// OpenWithExtensions are the file types the registration offers wxlog for.
var OpenWithExtensions = []string{".zip", ".log", ".txt"}

const (
	// openWithProgID is wxlog's own file type, listed under each
	// extension's OpenWithProgids.
	openWithProgID = "wxlog.logfile"
	// classesKey is the per-user part of HKEY_CLASSES_ROOT, relative to
	// HKEY_CURRENT_USER.
	classesKey = `Software\Classes`
)

// ErrNoRegistry is returned by UserRegistry outside Windows.
var ErrNoRegistry = errors.New("the Open with registration exists only on Windows")

// Registry is the part of HKEY_CURRENT_USER that the registration
// changes. Paths are relative to HKEY_CURRENT_USER; name "" is the key's
// default value.
type Registry interface {
	// SetString creates the key when missing and sets a REG_SZ value.
	SetString(path, name, value string) error
	// DeleteValue removes one value; a missing key or value is no error.
	DeleteValue(path, name string) error
	// DeleteTree removes a key with all its subkeys; a missing key is no
	// error.
	DeleteTree(path string) error
}

// RegistryChange is one step of a registration plan.
type RegistryChange struct {
	// Op is "set", "delete-value" or "delete-tree".
	Op    string
	Path  string
	Name  string
	Value string
}

// OpenWithPlan returns the changes that add exe to the Open with list.
func OpenWithPlan(exe string) []RegistryChange {
	command := fmt.Sprintf(`"%s" "%%1"`, exe)
	app := classesKey + `\Applications\` + exeBase(exe)
	progID := classesKey + `\` + openWithProgID

	plan := []RegistryChange{
		{Op: "set", Path: app, Name: "FriendlyAppName", Value: "wxlog"},
		{Op: "set", Path: app + `\shell\open\command`, Name: "", Value: command},
	}
	for _, ext := range OpenWithExtensions {
		plan = append(plan, RegistryChange{Op: "set", Path: app + `\SupportedTypes`, Name: ext, Value: ""})
	}
	plan = append(plan,
		RegistryChange{Op: "set", Path: progID, Name: "", Value: "Log file or bundle (wxlog)"},
		RegistryChange{Op: "set", Path: progID + `\shell\open\command`, Name: "", Value: command},
	)
	for _, ext := range OpenWithExtensions {
		plan = append(plan, RegistryChange{Op: "set", Path: classesKey + `\` + ext + `\OpenWithProgids`, Name: openWithProgID, Value: ""})
	}
	return plan
}

// RemoveOpenWithPlan returns the changes that undo OpenWithPlan for an
// executable named exeName (such as wxlog.exe). Other programs' entries
// under OpenWithProgids stay.
func RemoveOpenWithPlan(exeName string) []RegistryChange {
	var plan []RegistryChange
	for _, ext := range OpenWithExtensions {
		plan = append(plan, RegistryChange{Op: "delete-value", Path: classesKey + `\` + ext + `\OpenWithProgids`, Name: openWithProgID})
	}
	return append(plan,
		RegistryChange{Op: "delete-tree", Path: classesKey + `\` + openWithProgID},
		RegistryChange{Op: "delete-tree", Path: classesKey + `\Applications\` + exeName},
	)
}

// AddOpenWith registers exe, the full path of wxlog.exe, in reg.
func AddOpenWith(reg Registry, exe string) error {
	return applyRegistryPlan(reg, OpenWithPlan(exe))
}

// RemoveOpenWith removes what AddOpenWith wrote for the executable exe.
func RemoveOpenWith(reg Registry, exe string) error {
	return applyRegistryPlan(reg, RemoveOpenWithPlan(exeBase(exe)))
}

// exeBase returns the file name of a Windows path on any system, so that
// the plan can be tested away from Windows.
func exeBase(exe string) string {
	return exe[strings.LastIndexAny(exe, `\/`)+1:]
}

func applyRegistryPlan(reg Registry, plan []RegistryChange) error {
	for _, c := range plan {
		var err error
		switch c.Op {
		case "set":
			err = reg.SetString(c.Path, c.Name, c.Value)
		case "delete-value":
			err = reg.DeleteValue(c.Path, c.Name)
		case "delete-tree":
			err = reg.DeleteTree(c.Path)
		default:
			err = fmt.Errorf("unknown registry operation %q", c.Op)
		}
		if err != nil {
			return fmt.Errorf(`HKEY_CURRENT_USER\%s: %w`, c.Path, err)
		}
	}
	return nil
}
