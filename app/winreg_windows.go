package app

import (
	"errors"
	"fmt"
	"syscall"

	"golang.org/x/sys/windows/registry"
)

// userRegistry writes to HKEY_CURRENT_USER.
type userRegistry struct{}

// UserRegistry returns the current user's registry.
func UserRegistry() (Registry, error) { return userRegistry{}, nil }

func (userRegistry) SetString(path, name, value string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, path, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("create key: %w", err)
	}
	defer k.Close()
	return k.SetStringValue(name, value)
}

func (userRegistry) DeleteValue(path, name string) error {
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open key: %w", err)
	}
	defer k.Close()
	if err := k.DeleteValue(name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return err
	}
	return nil
}

func (r userRegistry) DeleteTree(path string) error {
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.ENUMERATE_SUB_KEYS)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open key: %w", err)
	}
	subkeys, err := k.ReadSubKeyNames(-1)
	k.Close()
	if err != nil {
		return fmt.Errorf("list subkeys: %w", err)
	}

	// registry.DeleteKey removes only a key without subkeys.
	for _, sub := range subkeys {
		if err := r.DeleteTree(path + `\` + sub); err != nil {
			return err
		}
	}
	if err := registry.DeleteKey(registry.CURRENT_USER, path); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return err
	}
	return nil
}

// shcneAssocChanged and shcnfIDList are the SHChangeNotify arguments that
// tell Explorer the file associations changed.
const (
	shcneAssocChanged = 0x08000000
	shcnfIDList       = 0x0000
)

// NotifyAssociationsChanged tells Explorer to reload the file associations,
// so the Open with menu shows the change without a sign-out.
func NotifyAssociationsChanged() {
	proc := syscall.NewLazyDLL("shell32.dll").NewProc("SHChangeNotify")
	if proc.Find() != nil {
		return
	}
	proc.Call(shcneAssocChanged, shcnfIDList, 0, 0)
}
