//go:build !windows

package app

// UserRegistry returns ErrNoRegistry outside Windows.
func UserRegistry() (Registry, error) { return nil, ErrNoRegistry }

// NotifyAssociationsChanged does nothing outside Windows.
func NotifyAssociationsChanged() {}
